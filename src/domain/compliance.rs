//! Compliance rules, pure: the co-sell portal stage a deal's stage requires, and the instant
//! before which a registration has missed its review target.
//!
//! # Deal stage → minimum portal (ACE) stage
//! | deal stage                        | portal stage at least |
//! |-----------------------------------|-----------------------|
//! | 0 Pending acceptance, 1 Discovery | Prospect              |
//! | 2 Scoping                         | Qualified             |
//! | 3 Technical evaluation            | Technical Validation  |
//! | 4 Proposal, 5 Negotiating         | Business Validation   |
//! | 6 Awaiting signature              | Committed             |
//! | Closed Won                        | Launched              |
//! | Closed Lost                       | (nothing checked)     |
//!
//! A portal stage that is missing, or `Closed Lost` on a deal that is not lost, is behind every
//! stage.
//!
//! # Review target
//! A registration should be reviewed within [`REVIEW_TARGET_BUSINESS_DAYS`] business day of its
//! submission. Business time skips Saturdays and Sundays (public holidays are not known) and is
//! counted in the workspace's timezone: submitted Friday 15:00, it is late from Monday 15:00.

use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime, Weekday};

use super::deal::{PortalStage, Stage};

/// Business days within which a submitted registration should be reviewed.
pub const REVIEW_TARGET_BUSINESS_DAYS: u32 = 1;

/// The lowest portal stage a deal at `stage` should have reached; `None` for a lost deal.
pub fn min_portal_stage(stage: Stage) -> Option<PortalStage> {
    Some(match stage {
        Stage::Pending | Stage::Discovery => PortalStage::Prospect,
        Stage::Scoping => PortalStage::Qualified,
        Stage::TechEval => PortalStage::TechnicalValidation,
        Stage::Proposal | Stage::Negotiating => PortalStage::BusinessValidation,
        Stage::AwaitingSignature => PortalStage::Committed,
        Stage::ClosedWon => PortalStage::Launched,
        Stage::ClosedLost => return None,
    })
}

/// How far along the portal's ladder a portal stage is: 0 for none or Closed Lost, then
/// Prospect 1 … Launched 6.
pub fn portal_rank(stage: Option<PortalStage>) -> i64 {
    match stage {
        None | Some(PortalStage::ClosedLost) => 0,
        Some(PortalStage::Prospect) => 1,
        Some(PortalStage::Qualified) => 2,
        Some(PortalStage::TechnicalValidation) => 3,
        Some(PortalStage::BusinessValidation) => 4,
        Some(PortalStage::Committed) => 5,
        Some(PortalStage::Launched) => 6,
    }
}

/// The rank the portal stage of a deal at `stage` must reach (0: nothing required).
pub fn required_rank(stage: Stage) -> i64 {
    min_portal_stage(stage).map_or(0, |p| portal_rank(Some(p)))
}

/// Whether the portal stage lags the deal's stage.
pub fn portal_lags(stage: Stage, portal: Option<PortalStage>) -> bool {
    portal_rank(portal) < required_rank(stage)
}

/// The local instant `business_days` business days before `now` (weekends skipped): anything
/// submitted before it has been waiting longer than that.
pub fn business_days_before(now: NaiveDateTime, business_days: u32) -> NaiveDateTime {
    let weekend = |t: NaiveDateTime| matches!(t.weekday(), Weekday::Sat | Weekday::Sun);
    // During a weekend no business time passes: count back from Saturday 00:00 (Friday's end).
    let mut t = match now.weekday() {
        Weekday::Sat => now.date().and_time(NaiveTime::MIN),
        Weekday::Sun => (now.date() - Duration::days(1)).and_time(NaiveTime::MIN),
        _ => now,
    };
    for _ in 0..business_days {
        t -= Duration::days(1);
        if weekend(t) {
            t -= Duration::days(2);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Choice;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn each_open_or_won_stage_requires_a_portal_stage() {
        use PortalStage as P;
        for (stage, portal) in [
            (Stage::Pending, Some(P::Prospect)),
            (Stage::Discovery, Some(P::Prospect)),
            (Stage::Scoping, Some(P::Qualified)),
            (Stage::TechEval, Some(P::TechnicalValidation)),
            (Stage::Proposal, Some(P::BusinessValidation)),
            (Stage::Negotiating, Some(P::BusinessValidation)),
            (Stage::AwaitingSignature, Some(P::Committed)),
            (Stage::ClosedWon, Some(P::Launched)),
            (Stage::ClosedLost, None),
        ] {
            assert_eq!(min_portal_stage(stage), portal, "{stage:?}");
        }
    }

    #[test]
    fn a_portal_stage_lags_when_below_the_minimum() {
        use PortalStage as P;
        assert!(!portal_lags(Stage::Discovery, Some(P::Prospect)));
        assert!(!portal_lags(Stage::Discovery, Some(P::Qualified)));
        assert!(portal_lags(Stage::TechEval, Some(P::Qualified)));
        assert!(!portal_lags(Stage::TechEval, Some(P::TechnicalValidation)));
        assert!(portal_lags(Stage::ClosedWon, Some(P::Committed)));
        assert!(!portal_lags(Stage::ClosedWon, Some(P::Launched)));
        assert!(portal_lags(Stage::Discovery, None));
        assert!(portal_lags(Stage::Proposal, Some(P::ClosedLost)));
        for portal in P::ALL {
            assert!(!portal_lags(Stage::ClosedLost, Some(*portal)));
        }
    }

    #[test]
    fn one_business_day_back_skips_the_weekend() {
        // 2026-11-23 is a Monday.
        for (now, cutoff) in [
            (at(2026, 11, 24, 10), at(2026, 11, 23, 10)), // Tue -> Mon
            (at(2026, 11, 23, 10), at(2026, 11, 20, 10)), // Mon -> Fri
            (at(2026, 11, 23, 0), at(2026, 11, 20, 0)),   // Mon 00:00 -> Fri 00:00
            (at(2026, 11, 27, 10), at(2026, 11, 26, 10)), // Fri -> Thu
            (at(2026, 11, 28, 12), at(2026, 11, 27, 0)),  // Sat -> Fri 00:00
            (at(2026, 11, 29, 12), at(2026, 11, 27, 0)),  // Sun -> Fri 00:00
        ] {
            assert_eq!(business_days_before(now, 1), cutoff, "{now}");
        }
        assert_eq!(
            business_days_before(at(2026, 11, 24, 10), 2),
            at(2026, 11, 20, 10)
        );
        assert_eq!(
            business_days_before(at(2026, 11, 24, 10), 0),
            at(2026, 11, 24, 10)
        );
    }
}
