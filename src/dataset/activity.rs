//! Activity over time, shared by the demo and the reference dataset: partner touches (a few
//! partners get most of them, as in real territories) and weekly forecasts per PTM.

use super::days::{Days, SLOTS};
use super::rng::Rng;
use super::rows::{ForecastRow, TouchRow};
use crate::domain::forecast::ForecastCalendar;
use crate::domain::ids::WorkspaceId;
use crate::domain::touch::TouchType;
use crate::domain::Choice;
use crate::store::codec;
use chrono::{DateTime, Duration, Utc};

const TOUCH_TYPES: &[(TouchType, u32)] = &[
    (TouchType::Meeting, 30),
    (TouchType::Call, 25),
    (TouchType::Email, 24),
    (TouchType::Event, 5),
    (TouchType::Enablement, 8),
    (TouchType::Qbr, 5),
    (TouchType::Other, 3),
];

const FORECAST_NOTES: &[&str] = &[
    "",
    "No change from last week",
    "Two deals slipped to next quarter",
    "Pulled the renewal into commit after the legal review",
    "Best case includes the AWS private offer",
    "Commit down: customer moved the signature to next month",
];

/// Makes touches; ids are the records' ids in the workspace.
pub struct TouchMaker<'a> {
    pub workspace_id: WorkspaceId,
    /// Most active first: touches favour the start of the list.
    pub partners: &'a [i64],
    pub accounts: &'a [i64],
    /// (deal id, its account id).
    pub deals: &'a [(i64, i64)],
    /// PTMs (who log most touches) and field reps.
    pub ptms: &'a [i64],
    pub field: &'a [i64],
    pub days: &'a Days,
    pub notes: &'a [&'static str],
}

impl<'a> TouchMaker<'a> {
    pub fn make(&self, rng: &mut Rng) -> TouchRow<'a> {
        let day = rng.index(self.days.len());
        let (account_id, deal_id) = match rng.below(100) {
            0..=19 if !self.deals.is_empty() => {
                let (deal, account) = *rng.pick(self.deals);
                (Some(account), Some(deal))
            }
            20..=54 if !self.accounts.is_empty() => (Some(*rng.pick(self.accounts)), None),
            _ => (None, None),
        };
        let logged_by = if rng.chance(85) || self.field.is_empty() {
            *rng.pick(self.ptms)
        } else {
            *rng.pick(self.field)
        };
        let notes = if rng.chance(8) {
            ""
        } else {
            *rng.pick(self.notes)
        };
        TouchRow {
            workspace_id: self.workspace_id,
            partner_id: self.partners[rng.skewed(self.partners.len())],
            touch_type: rng.weighted(TOUCH_TYPES).as_str(),
            account_id,
            deal_id,
            occurred_on: self.days.date(day),
            notes,
            logged_by,
            created_at: self.days.instant(day, rng.index(SLOTS)),
        }
    }
}

/// Weekly forecasts for the `weeks` forecast weeks up to the current one (the week whose
/// deadline is nearest `now`), for each (PTM, territory): commit <= most likely <= best case,
/// drifting week over week, mostly submitted in the three days before the deadline, some late.
/// The last `missing_now` PTMs have not submitted this week yet (what a director chases).
#[allow(clippy::too_many_arguments)]
pub fn forecasts(
    rng: &mut Rng,
    workspace_id: WorkspaceId,
    ptms: &[(i64, Option<i64>)],
    calendar: &ForecastCalendar,
    now: DateTime<Utc>,
    weeks: i64,
    missing_now: usize,
) -> Vec<ForecastRow> {
    let mut week_list = vec![calendar.week_at(now)];
    for _ in 1..weeks {
        let earlier = calendar.prev(week_list.last().expect("one week"));
        week_list.push(earlier);
    }
    week_list.reverse();
    let mut rows = Vec::new();
    for (index, (user_id, territory_id)) in ptms.iter().enumerate() {
        let mut base = rng.range(300, 2_000) * 1_000;
        for (back, week) in week_list.iter().rev().enumerate().rev() {
            base = base * (100 + rng.range(-3, 6)) / 100;
            let is_current = back == 0;
            if is_current && index + missing_now >= ptms.len() {
                continue;
            }
            let commit = round_thousands(base * rng.range(55, 75) / 100);
            let most_likely = commit + round_thousands(base * rng.range(5, 15) / 100);
            let best_case = most_likely + round_thousands(base * rng.range(5, 25) / 100);
            let offset_minutes = if rng.range(0, 10) == 0 {
                rng.range(10, 30 * 60)
            } else {
                -rng.range(10, 72 * 60)
            };
            let submitted = (week.deadline_at() + Duration::minutes(offset_minutes)).min(now);
            rows.push(ForecastRow {
                workspace_id,
                user_id: *user_id,
                territory_id: *territory_id,
                fiscal_quarter: week.quarter().label(),
                week_start: codec::date(week.start()),
                commit_minor: commit * 100,
                most_likely_minor: most_likely * 100,
                best_case_minor: best_case * 100,
                notes: FORECAST_NOTES[rng.index(FORECAST_NOTES.len())],
                submitted_at: codec::instant(submitted),
            });
        }
    }
    rows
}

fn round_thousands(dollars: i64) -> i64 {
    dollars / 1_000 * 1_000
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::FiscalCalendar;
    use crate::domain::forecast::Deadline;
    use chrono::TimeZone;

    #[test]
    fn forecasts_are_ordered_weekly_and_one_is_missing_this_week() {
        // Friday 27 Nov: the nearest deadline is Monday 30 Nov 12:00 UTC.
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 15, 0, 0).unwrap();
        let calendar = ForecastCalendar::new(
            FiscalCalendar::new(2).unwrap(),
            chrono_tz::UTC,
            Deadline::default(),
        );
        let ptms = [(1, Some(10)), (2, None)];
        let rows = forecasts(
            &mut Rng::new(1),
            WorkspaceId::new(1),
            &ptms,
            &calendar,
            now,
            6,
            1,
        );
        assert_eq!(rows.len(), 11);
        assert!(rows
            .iter()
            .all(|r| r.commit_minor <= r.most_likely_minor
                && r.most_likely_minor <= r.best_case_minor));
        assert!(rows
            .iter()
            .any(|r| r.week_start == "2026-11-30" && r.user_id == 1));
        assert!(!rows
            .iter()
            .any(|r| r.week_start == "2026-11-30" && r.user_id == 2));
        assert!(rows
            .iter()
            .all(|r| r.submitted_at.as_str() <= "2026-11-27T15:00:00.000Z"));
        assert_eq!(rows[0].week_start, "2026-10-26");
        assert_eq!(rows[0].fiscal_quarter, "FY27-Q3");
    }
}
