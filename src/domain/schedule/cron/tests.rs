//! Tests of cron expressions. This file holds the shared helpers and the syntax forms (bit
//! sets written by hand); the children hold the day rule (`days`: 0/7 Sunday, the Vixie OR
//! rule), every refusal message word for word (`refusals`), the next matching local time
//! (`next`) and the English reading (`describe`).

use chrono::NaiveDate;

use super::*;

mod days;
mod describe;
mod next;
mod refusals;

fn cron(text: &str) -> CronExpr {
    text.parse()
        .unwrap_or_else(|e| panic!("`{text}` should parse: {e}"))
}

/// A bit set with the given values.
fn bits(values: &[u32]) -> u64 {
    values.iter().fold(0, |acc, v| acc | 1 << v)
}

/// A bit set with every value of `first..=last`.
fn span(first: u32, last: u32) -> u64 {
    (first..=last).fold(0, |acc, v| acc | 1 << v)
}

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

#[test]
fn a_star_selects_the_whole_field() {
    let c = cron("* * * * *");
    assert_eq!(c.minutes, span(0, 59));
    assert_eq!(c.hours, span(0, 23));
    assert_eq!(c.days, span(1, 31));
    assert_eq!(c.months, span(1, 12));
    assert_eq!(c.weekdays, span(0, 6));
    assert!(c.days_star && c.weekdays_star);
}

#[test]
fn numbers_ranges_and_lists() {
    let c = cron("5 1-5 1,15 3 2");
    assert_eq!(c.minutes, bits(&[5]));
    assert_eq!(c.hours, bits(&[1, 2, 3, 4, 5]));
    assert_eq!(c.days, bits(&[1, 15]));
    assert_eq!(c.months, bits(&[3]));
    assert_eq!(c.weekdays, bits(&[2]));
    assert!(!c.days_star && !c.weekdays_star);
}

#[test]
fn the_ends_of_every_field_are_accepted() {
    let c = cron("0,59 0,23 1,31 1,12 0,6");
    assert_eq!(c.minutes, bits(&[0, 59]));
    assert_eq!(c.hours, bits(&[0, 23]));
    assert_eq!(c.days, bits(&[1, 31]));
    assert_eq!(c.months, bits(&[1, 12]));
    assert_eq!(c.weekdays, bits(&[0, 6]));
}

#[test]
fn steps_over_a_star_or_a_range() {
    assert_eq!(cron("*/15 * * * *").minutes, bits(&[0, 15, 30, 45]));
    assert_eq!(cron("0-30/10 * * * *").minutes, bits(&[0, 10, 20, 30]));
    assert_eq!(cron("10-59/20 * * * *").minutes, bits(&[10, 30, 50]));
    assert_eq!(cron("0 */6 * * *").hours, bits(&[0, 6, 12, 18]));
    assert_eq!(cron("0 0 */10 * *").days, bits(&[1, 11, 21, 31]));
    assert_eq!(cron("0 0 1 */3 *").months, bits(&[1, 4, 7, 10]));
    assert_eq!(cron("0 0 * * */2").weekdays, bits(&[0, 2, 4, 6]));
    // A step wider than its range keeps only the range's start.
    assert_eq!(cron("0-5/10 * * * *").minutes, bits(&[0]));
}

#[test]
fn lists_mix_numbers_ranges_and_steps() {
    assert_eq!(
        cron("1-3,10,*/20 * * * *").minutes,
        bits(&[0, 1, 2, 3, 10, 20, 40])
    );
    assert_eq!(cron("0 9-11,14-15 * * *").hours, bits(&[9, 10, 11, 14, 15]));
}

#[test]
fn month_names_in_any_case_in_lists_and_ranges() {
    assert_eq!(cron("0 0 1 JAN *").months, bits(&[1]));
    assert_eq!(cron("0 0 1 dec *").months, bits(&[12]));
    assert_eq!(cron("0 0 1 Jun,SEP *").months, bits(&[6, 9]));
    assert_eq!(cron("0 0 1 jan-mar *").months, bits(&[1, 2, 3]));
    assert_eq!(cron("0 0 1 JAN-DEC/6 *").months, bits(&[1, 7]));
    assert_eq!(cron("0 0 1 4-jun *").months, bits(&[4, 5, 6]));
}

#[test]
fn weekday_names_in_any_case_in_lists_and_ranges() {
    assert_eq!(cron("0 9 * * SUN").weekdays, bits(&[0]));
    assert_eq!(cron("0 9 * * mon").weekdays, bits(&[1]));
    assert_eq!(cron("0 9 * * Sat").weekdays, bits(&[6]));
    assert_eq!(cron("0 9 * * MON-FRI").weekdays, bits(&[1, 2, 3, 4, 5]));
    assert_eq!(cron("0 9 * * tue,THU").weekdays, bits(&[2, 4]));
    assert_eq!(cron("0 9 * * MON-FRI/2").weekdays, bits(&[1, 3, 5]));
}

#[test]
fn display_is_the_expression_as_typed_with_single_spaces() {
    assert_eq!(cron("  0   9 *\t* MON ").to_string(), "0 9 * * MON");
    assert_eq!(cron("0 9 * * mon").to_string(), "0 9 * * mon");
    assert_eq!(cron("*/15  * * * *").as_str(), "*/15 * * * *");
}

#[test]
fn matches_checks_every_field_and_ignores_seconds() {
    let c = cron("30 9 * * MON");
    assert!(c.matches(local(2026, 3, 2, 9, 30)));
    assert!(c.matches(local(2026, 3, 2, 9, 30).with_second(59).unwrap()));
    assert!(!c.matches(local(2026, 3, 2, 9, 31)));
    assert!(!c.matches(local(2026, 3, 2, 10, 30)));
    assert!(!c.matches(local(2026, 3, 3, 9, 30)));
}
