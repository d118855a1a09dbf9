//! Activity over time, shared by the demo and the reference dataset: partner touches (a few
//! partners get most of them, as in real territories) and weekly forecasts per PTM.

use super::days::{stamp, Days, SLOTS};
use super::rng::Rng;
use super::rows::{ForecastRow, TouchRow};
use crate::domain::calendar::FiscalCalendar;
use crate::domain::touch::TouchType;
use crate::domain::Choice;
use crate::store::codec;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

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
    pub workspace_id: i64,
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

/// Weekly forecasts for the `weeks` weeks up to this one, for each (PTM, territory): commit <=
/// most likely <= best case, drifting week over week. The last `missing_now` PTMs have not
/// submitted this week yet (what a director chases).
#[allow(clippy::too_many_arguments)]
pub fn forecasts(
    rng: &mut Rng,
    workspace_id: i64,
    ptms: &[(i64, Option<i64>)],
    calendar: &FiscalCalendar,
    today: NaiveDate,
    now: DateTime<Utc>,
    weeks: i64,
    missing_now: usize,
) -> Vec<ForecastRow> {
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let mut rows = Vec::new();
    for (index, (user_id, territory_id)) in ptms.iter().enumerate() {
        let mut base = rng.range(300, 2_000) * 1_000;
        for back in (0..weeks).rev() {
            base = base * (100 + rng.range(-3, 6)) / 100;
            if back == 0 && index + missing_now >= ptms.len() {
                continue;
            }
            let week_start = monday - Duration::days(7 * back);
            let commit = round_thousands(base * rng.range(55, 75) / 100);
            let most_likely = commit + round_thousands(base * rng.range(5, 15) / 100);
            let best_case = most_likely + round_thousands(base * rng.range(5, 25) / 100);
            let submitted = (week_start - Duration::days(rng.range(0, 3))).min(today);
            rows.push(ForecastRow {
                workspace_id,
                user_id: *user_id,
                territory_id: *territory_id,
                fiscal_quarter: calendar.quarter_of(week_start).label(),
                week_start: codec::date(week_start),
                commit_minor: commit * 100,
                most_likely_minor: most_likely * 100,
                best_case_minor: best_case * 100,
                notes: FORECAST_NOTES[rng.index(FORECAST_NOTES.len())],
                submitted_at: stamp(submitted, rng.index(SLOTS), now),
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
    use chrono::TimeZone;

    #[test]
    fn forecasts_are_ordered_weekly_and_one_is_missing_this_week() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 15, 0, 0).unwrap();
        let calendar = FiscalCalendar::new(2).unwrap();
        let ptms = [(1, Some(10)), (2, None)];
        let rows = forecasts(&mut Rng::new(1), 1, &ptms, &calendar, today, now, 6, 1);
        assert_eq!(rows.len(), 11);
        assert!(rows
            .iter()
            .all(|r| r.commit_minor <= r.most_likely_minor
                && r.most_likely_minor <= r.best_case_minor));
        assert!(rows
            .iter()
            .any(|r| r.week_start == "2026-11-23" && r.user_id == 1));
        assert!(!rows
            .iter()
            .any(|r| r.week_start == "2026-11-23" && r.user_id == 2));
        assert_eq!(rows[0].fiscal_quarter, "FY27-Q3");
    }
}
