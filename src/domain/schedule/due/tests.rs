//! Tests of due instants. This file holds the shared helpers and the basics (ranges are
//! half-open, `next_after`, `next_n` across a DST change, the cap); the children hold New
//! York and Berlin around their daylight-saving changes (`dst`), Kolkata and Sydney
//! (`zones`), [`due_now`] (`due_now`) and a year of instants tiling into months (`tiling`).
//! Expected instants are written by hand.

use chrono::SecondsFormat;

use super::*;

mod dst;
mod due_now;
mod tiling;
mod zones;

const NY: Tz = Tz::America__New_York;
const BERLIN: Tz = Tz::Europe__Berlin;
const KOLKATA: Tz = Tz::Asia__Kolkata;
const SYDNEY: Tz = Tz::Australia__Sydney;

fn rec(cron: &str, tz: Tz) -> Recurrence {
    Recurrence::new(cron.parse().unwrap(), tz)
}

fn at(rfc3339: &str) -> DateTime<Utc> {
    rfc3339.parse().unwrap()
}

/// Instants as `2026-03-09T13:00:00Z`, for readable comparisons.
fn texts(instants: &[DateTime<Utc>]) -> Vec<String> {
    instants
        .iter()
        .map(|i| i.to_rfc3339_opts(SecondsFormat::Secs, true))
        .collect()
}

/// Asserts the due instants of `cron` in `tz` over `(from, to]`.
fn assert_occurrences(cron: &str, tz: Tz, from: &str, to: &str, expected: &[&str]) {
    let found = rec(cron, tz).occurrences(at(from), at(to));
    assert_eq!(
        texts(&found),
        expected,
        "`{cron}` in {tz} over ({from}, {to}]"
    );
}

#[test]
fn the_range_is_open_at_the_start_and_closed_at_the_end() {
    let r = rec("0 9 * * MON", NY);
    // 2026-03-09 09:00 EDT is 13:00Z.
    assert_eq!(
        texts(&r.occurrences(at("2026-03-09T13:00:00Z"), at("2026-03-16T13:00:00Z"))),
        ["2026-03-16T13:00:00Z"]
    );
    assert_eq!(
        texts(&r.occurrences(at("2026-03-09T12:59:59Z"), at("2026-03-16T12:59:59Z"))),
        ["2026-03-09T13:00:00Z"]
    );
    assert!(r
        .occurrences(at("2026-03-16T13:00:00Z"), at("2026-03-09T13:00:00Z"))
        .is_empty());
    assert!(r
        .occurrences(at("2026-03-16T13:00:00Z"), at("2026-03-16T13:00:00Z"))
        .is_empty());
}

#[test]
fn next_after_is_strictly_after() {
    let r = rec("0 9 * * MON", NY);
    assert_eq!(
        r.next_after(at("2026-03-09T13:00:00Z")),
        Some(at("2026-03-16T13:00:00Z"))
    );
    assert_eq!(
        r.next_after(at("2026-03-09T12:59:00Z")),
        Some(at("2026-03-09T13:00:00Z"))
    );
}

#[test]
fn next_after_finds_a_leap_day_years_ahead() {
    // 2028-02-29 00:00 EST.
    assert_eq!(
        rec("0 0 29 2 *", NY).next_after(at("2026-03-01T00:00:00Z")),
        Some(at("2028-02-29T05:00:00Z"))
    );
    // February 29th on a Sunday is 2032: more than 5 years away.
    assert_eq!(
        rec("0 0 29 2 */7", NY).next_after(at("2026-03-01T00:00:00Z")),
        None
    );
}

#[test]
fn the_next_five_weekly_runs_across_a_dst_change() {
    // New York springs forward on Sunday 2026-03-08: 09:00 EST is 14:00Z, 09:00 EDT 13:00Z.
    assert_eq!(
        texts(&rec("0 9 * * MON", NY).next_n(at("2026-02-25T00:00:00Z"), 5)),
        [
            "2026-03-02T14:00:00Z",
            "2026-03-09T13:00:00Z",
            "2026-03-16T13:00:00Z",
            "2026-03-23T13:00:00Z",
            "2026-03-30T13:00:00Z",
        ]
    );
    // Berlin falls back on Sunday 2026-10-25: 09:00 CEST is 07:00Z, 09:00 CET 08:00Z.
    assert_eq!(
        texts(&rec("0 9 * * MON", BERLIN).next_n(at("2026-10-15T00:00:00Z"), 5)),
        [
            "2026-10-19T07:00:00Z",
            "2026-10-26T08:00:00Z",
            "2026-11-02T08:00:00Z",
            "2026-11-09T08:00:00Z",
            "2026-11-16T08:00:00Z",
        ]
    );
    assert!(rec("0 9 * * MON", NY)
        .next_n(at("2026-02-25T00:00:00Z"), 0)
        .is_empty());
}

#[test]
fn the_next_runs_go_on_while_each_is_within_5_years_of_the_one_before() {
    // Leap days, midnight EST.
    assert_eq!(
        texts(&rec("0 0 29 2 *", NY).next_n(at("2026-03-01T00:00:00Z"), 5)),
        [
            "2028-02-29T05:00:00Z",
            "2032-02-29T05:00:00Z",
            "2036-02-29T05:00:00Z",
            "2040-02-29T05:00:00Z",
            "2044-02-29T05:00:00Z",
        ]
    );
    // Leap days on a Sunday: 2032, then not until 2060.
    assert_eq!(
        texts(&rec("0 0 29 2 */7", NY).next_n(at("2028-01-01T00:00:00Z"), 5)),
        ["2032-02-29T05:00:00Z"]
    );
}

#[test]
fn a_long_range_is_cut_at_the_cap_keeping_the_earliest() {
    // Every 15 minutes: the UTC quarter hours, without a gap at the spring-forward change.
    // 10,000 quarter hours after 2026-01-01T00:00Z is 104 days and 4 hours later.
    let found =
        rec("*/15 * * * *", NY).occurrences(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
    assert_eq!(found.len(), MAX_OCCURRENCES);
    assert_eq!(found[0], at("2026-01-01T00:15:00Z"));
    assert_eq!(found[MAX_OCCURRENCES - 1], at("2026-04-15T04:00:00Z"));
    assert!(found
        .windows(2)
        .all(|w| w[1] - w[0] == TimeDelta::minutes(15)));
}
