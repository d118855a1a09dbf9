//! A property-style check: for each of the four zones and a handful of expressions, the due
//! instants of 2026 are strictly increasing and equal the due instants of its twelve months
//! one after the other (no duplicate or lost instant at a month boundary), and hourly and
//! daily counts match what the zone's clock changes allow.

use super::*;

const EXPRESSIONS: [&str; 9] = [
    "0 9 * * MON",
    "0 8 * * *",
    "30 2 * * *",
    "30 1 * * *",
    "0 * * * *",
    "*/15 1-3 * * *",
    "0 0 1,15 * *",
    "0 9 1 * MON",
    "59 23 * * SUN",
];

/// 2026-MM-01T00:00:00Z for `month` 1..=13 (13 is 2027-01).
fn month_start(month: u32) -> DateTime<Utc> {
    if month == 13 {
        at("2027-01-01T00:00:00Z")
    } else {
        at(&format!("2026-{month:02}-01T00:00:00Z"))
    }
}

#[test]
fn a_year_of_due_instants_is_increasing_and_tiles_into_months() {
    for tz in [NY, BERLIN, KOLKATA, SYDNEY] {
        for text in EXPRESSIONS {
            let r = rec(text, tz);
            let year = r.occurrences(month_start(1), month_start(13));
            assert!(!year.is_empty(), "`{text}` in {tz}");
            assert!(year.len() < MAX_OCCURRENCES, "`{text}` in {tz}");
            assert!(
                year.windows(2).all(|w| w[0] < w[1]),
                "`{text}` in {tz} is not strictly increasing"
            );
            assert!(year[0] > month_start(1) && *year.last().unwrap() <= month_start(13));
            let months: Vec<DateTime<Utc>> = (1..=12)
                .flat_map(|m| r.occurrences(month_start(m), month_start(m + 1)))
                .collect();
            assert_eq!(
                year, months,
                "`{text}` in {tz}: the months do not tile the year"
            );
        }
    }
}

#[test]
fn a_year_of_daily_runs_has_one_run_a_day_in_every_zone() {
    for tz in [NY, BERLIN, KOLKATA, SYDNEY] {
        for text in ["0 8 * * *", "30 2 * * *", "30 1 * * *"] {
            // The UTC year holds 365 local days' runs: one lost at one end is gained at the
            // other (runs are near the same local time every day).
            let count = rec(text, tz)
                .occurrences(month_start(1), month_start(13))
                .len();
            assert_eq!(count, 365, "`{text}` in {tz}");
        }
    }
}

#[test]
fn a_year_of_hourly_runs_loses_only_the_repeated_hour() {
    // 8,760 UTC hours in 2026. In a zone with daylight saving the repeated hour of the
    // fall-back day has no run; the skipped hour of spring forward loses nothing (its run
    // moves onto the next hour's).
    let expected = [
        (NY, 8_759),
        (BERLIN, 8_759),
        (SYDNEY, 8_759),
        (KOLKATA, 8_760),
    ];
    for (tz, hours) in expected {
        let count = rec("0 * * * *", tz)
            .occurrences(month_start(1), month_start(13))
            .len();
        assert_eq!(count, hours, "{tz}");
    }
}
