//! The day rule: weekday 0 and 7 are Sunday, and the Vixie rule that a day matches if
//! EITHER restricted day field matches (a field starting with `*` is not restricted).
//! Dates are checked against a calendar by hand: 2026-03-01 is a Sunday.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn weekday_0_7_and_sun_are_all_sunday() {
    for text in ["0 9 * * 0", "0 9 * * 7", "0 9 * * SUN", "0 9 * * sun"] {
        let c = cron(text);
        assert_eq!(c.weekdays, bits(&[0]), "{text}");
        assert!(c.matches_date(d(2026, 3, 1)), "{text}");
        assert!(!c.matches_date(d(2026, 3, 2)), "{text}");
    }
    assert_eq!(cron("0 9 * * 5-7").weekdays, bits(&[0, 5, 6]));
    assert_eq!(cron("0 9 * * 0,7").weekdays, bits(&[0]));
    assert_eq!(cron("0 9 * * 1-7").weekdays, span(0, 6));
}

#[test]
fn with_both_day_fields_restricted_either_one_matches() {
    // The 1st of the month, and every Monday.
    let c = cron("0 9 1 * MON");
    assert!(c.matches_date(d(2026, 3, 1)), "Sunday the 1st");
    assert!(c.matches_date(d(2026, 3, 2)), "Monday the 2nd");
    assert!(c.matches_date(d(2026, 3, 9)), "Monday the 9th");
    assert!(!c.matches_date(d(2026, 3, 3)), "Tuesday the 3rd");
    // Friday the 13th schedules run on every Friday and every 13th.
    let c = cron("0 0 13 * FRI");
    assert!(c.matches_date(d(2026, 3, 13)), "Friday the 13th");
    assert!(c.matches_date(d(2026, 3, 6)), "Friday the 6th");
    assert!(c.matches_date(d(2026, 4, 13)), "Monday the 13th");
    assert!(!c.matches_date(d(2026, 4, 14)), "Tuesday the 14th");
}

#[test]
fn with_one_day_field_a_star_only_the_other_restricts() {
    let first = cron("0 9 1 * *");
    assert!(first.matches_date(d(2026, 3, 1)));
    assert!(!first.matches_date(d(2026, 3, 2)));
    let monday = cron("0 9 * * MON");
    assert!(monday.matches_date(d(2026, 3, 2)));
    assert!(!monday.matches_date(d(2026, 3, 1)));
}

#[test]
fn a_day_field_starting_with_a_star_is_not_restricted_so_both_must_match() {
    // Odd days of the month that are Mondays (crontab(5): restricted means "not starting
    // with *").
    let c = cron("0 9 */2 * MON");
    assert!(c.matches_date(d(2026, 3, 9)), "Monday the 9th");
    assert!(!c.matches_date(d(2026, 3, 2)), "Monday the 2nd");
    assert!(!c.matches_date(d(2026, 3, 3)), "Tuesday the 3rd");
    let c = cron("0 9 1 * */2");
    assert!(c.matches_date(d(2026, 3, 1)), "Sunday the 1st");
    assert!(!c.matches_date(d(2026, 4, 1)), "Wednesday the 1st");
    assert!(!c.matches_date(d(2026, 3, 3)), "Tuesday the 3rd");
}

#[test]
fn the_month_restricts_the_day_under_both_rules() {
    let c = cron("0 9 1 MAR MON");
    assert!(c.matches_date(d(2026, 3, 2)));
    assert!(!c.matches_date(d(2026, 4, 6)), "a Monday in April");
    assert!(!c.matches_date(d(2026, 4, 1)), "the 1st of April");
}

#[test]
fn days_that_exist_only_some_years_or_with_the_weekday_rule_are_accepted() {
    cron("0 0 29 2 *");
    cron("0 0 31 2 MON");
    cron("0 0 30 1-2 *");
    cron("0 0 */30 2 *");
}
