//! `next_local`: the first matching local minute strictly after a time, across hours, days,
//! months and years, for sparse schedules, and giving up after 5 years. Expected times are
//! written by hand (2026-03-02 is a Monday, 2028-02-29 a Tuesday, 2032-02-29 a Sunday).

use super::*;

fn next(text: &str, after: NaiveDateTime) -> Option<NaiveDateTime> {
    cron(text).next_local(after)
}

#[test]
fn the_next_time_is_strictly_after() {
    let monday_9 = local(2026, 3, 2, 9, 0);
    assert_eq!(next("0 9 * * MON", monday_9), Some(local(2026, 3, 9, 9, 0)));
    assert_eq!(
        next("0 9 * * MON", monday_9.with_second(30).unwrap()),
        Some(local(2026, 3, 9, 9, 0))
    );
    let just_before = local(2026, 3, 2, 8, 59).with_second(59).unwrap();
    assert_eq!(next("0 9 * * MON", just_before), Some(monday_9));
}

#[test]
fn minutes_hours_and_days_roll_over() {
    assert_eq!(
        next("*/15 * * * *", local(2026, 3, 2, 10, 7)),
        Some(local(2026, 3, 2, 10, 15))
    );
    assert_eq!(
        next("*/15 * * * *", local(2026, 3, 2, 23, 45)),
        Some(local(2026, 3, 3, 0, 0))
    );
    assert_eq!(
        next("5 10,14 * * *", local(2026, 3, 2, 10, 30)),
        Some(local(2026, 3, 2, 14, 5))
    );
    assert_eq!(
        next("5 10,14 * * *", local(2026, 3, 2, 14, 5)),
        Some(local(2026, 3, 3, 10, 5))
    );
    assert_eq!(
        next("5 10,14 * * *", local(2026, 3, 2, 9, 0)),
        Some(local(2026, 3, 2, 10, 5))
    );
    assert_eq!(
        next("50 10 * * *", local(2026, 3, 2, 10, 55)),
        Some(local(2026, 3, 3, 10, 50))
    );
}

#[test]
fn months_and_years_roll_over() {
    assert_eq!(
        next("0 0 1 * *", local(2026, 1, 31, 12, 0)),
        Some(local(2026, 2, 1, 0, 0))
    );
    assert_eq!(
        next("59 23 31 12 *", local(2026, 12, 31, 23, 59)),
        Some(local(2027, 12, 31, 23, 59))
    );
    assert_eq!(
        next("0 9 31 * *", local(2026, 4, 1, 0, 0)),
        Some(local(2026, 5, 31, 9, 0)),
        "April has no 31st"
    );
    assert_eq!(
        next("0 9 1 JUN,DEC *", local(2026, 6, 1, 9, 0)),
        Some(local(2026, 12, 1, 9, 0))
    );
}

#[test]
fn the_vixie_or_rule_takes_the_earlier_of_the_two_day_fields() {
    // From Tuesday 2026-03-03: the next Monday is the 9th, the next 15th is later.
    assert_eq!(
        next("0 9 15 * MON", local(2026, 3, 3, 0, 0)),
        Some(local(2026, 3, 9, 9, 0))
    );
    // From Tuesday 2026-03-10: the 15th (a Sunday) comes before Monday the 16th.
    assert_eq!(
        next("0 9 15 * MON", local(2026, 3, 10, 0, 0)),
        Some(local(2026, 3, 15, 9, 0))
    );
}

#[test]
fn a_leap_day_is_found_years_ahead() {
    assert_eq!(
        next("0 0 29 2 *", local(2026, 3, 1, 0, 0)),
        Some(local(2028, 2, 29, 0, 0))
    );
}

#[test]
fn nothing_within_5_years_gives_up() {
    // February 29th on a Sunday: 2032, more than 5 years after 2026-03-01.
    assert_eq!(next("0 0 29 2 */7", local(2026, 3, 1, 0, 0)), None);
    assert_eq!(
        next("0 0 29 2 */7", local(2028, 1, 1, 0, 0)),
        Some(local(2032, 2, 29, 0, 0))
    );
}

#[test]
fn a_time_near_the_end_of_the_calendar_gives_up_instead_of_panicking() {
    assert_eq!(next("0 0 1 1 *", NaiveDateTime::MAX), None);
}
