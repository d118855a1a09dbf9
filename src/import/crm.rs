//! Salesforce's pipeline vocabulary in partnerbot's terms: stage names (the standard ones,
//! numbered ones like `3-Technical Evaluation`, and a workspace's own map) and forecast
//! categories (API values and labels).

use super::header::key;
use crate::domain::deal::{ForecastCategory, Stage};
use crate::domain::Choice;

/// Salesforce's standard stage names (by [`key`]) and the stage each means here.
const STANDARD_STAGES: &[(&str, Stage)] = &[
    ("prospecting", Stage::Discovery),
    ("qualification", Stage::Discovery),
    ("needsanalysis", Stage::Scoping),
    ("valueproposition", Stage::Scoping),
    ("iddecisionmakers", Stage::TechEval),
    ("perceptionanalysis", Stage::TechEval),
    ("proposalpricequote", Stage::Proposal),
    ("negotiationreview", Stage::Negotiating),
    ("closedwon", Stage::ClosedWon),
    ("closedlost", Stage::ClosedLost),
    ("won", Stage::ClosedWon),
    ("lost", Stage::ClosedLost),
];

/// Forecast categories by [`key`]: Salesforce's API values (`BestCase`, `Forecast` shown as
/// "Commit", `MostLikely`) and their labels.
const CATEGORIES: &[(&str, ForecastCategory)] = &[
    ("omitted", ForecastCategory::Omitted),
    ("pipeline", ForecastCategory::Pipeline),
    ("bestcase", ForecastCategory::BestCase),
    ("mostlikely", ForecastCategory::BestCase),
    ("forecast", ForecastCategory::Commit),
    ("commit", ForecastCategory::Commit),
    ("closed", ForecastCategory::Closed),
];

/// The stage a CRM stage name means: the workspace's own map first (`custom`, keys by
/// [`key`]), then Salesforce's standard names, then a leading stage number 0–6
/// (`3-Technical Evaluation`), then partnerbot's own names. The error says what to do.
pub fn stage(text: &str, custom: &[(String, Stage)]) -> Result<Stage, String> {
    let k = key(text);
    if let Some((_, stage)) = custom.iter().find(|(name, _)| key(name) == k) {
        return Ok(*stage);
    }
    if let Some((_, stage)) = STANDARD_STAGES.iter().find(|(name, _)| *name == k) {
        return Ok(*stage);
    }
    let digits: String = text
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let rest = text.trim()[digits.len()..].trim_start();
    if !digits.is_empty() && (rest.is_empty() || rest.starts_with(['-', '.', ' ', ':', ')'])) {
        if let Some(stage) = digits.parse().ok().and_then(Stage::from_number) {
            return Ok(stage);
        }
    }
    Stage::parse(text).map_err(|_| {
        format!(
            "stage `{}` is not one partnerbot knows: use a Salesforce standard stage, a numbered \
             stage (`3-Technical Evaluation`) or one of partnerbot's ({})",
            text.trim(),
            Stage::ALL
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

/// The forecast category a CRM value means (`Omitted, Pipeline, BestCase/Best Case,
/// MostLikely/Most Likely, Forecast/Commit, Closed`).
pub fn category(text: &str) -> Result<ForecastCategory, String> {
    let k = key(text);
    CATEGORIES
        .iter()
        .find(|(name, _)| *name == k)
        .map(|(_, category)| *category)
        .ok_or_else(|| {
            format!(
                "forecast category `{}` is not one of Omitted, Pipeline, Best Case, Most Likely, \
                 Commit (Forecast), Closed",
                text.trim()
            )
        })
}
