//! Tests of `local_to_utc`: ordinary times, spring-forward gaps and fall-back overlaps in
//! New York, Berlin, Kolkata and Sydney. Expected instants are written by hand.

use chrono::NaiveDate;

use super::*;

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn at(rfc3339: &str) -> DateTime<Utc> {
    rfc3339.parse().unwrap()
}

#[test]
fn an_ordinary_local_time_is_its_one_instant() {
    let cases = [
        (
            Tz::America__New_York,
            local(2026, 1, 15, 9, 0),
            "2026-01-15T14:00:00Z",
        ),
        (
            Tz::America__New_York,
            local(2026, 7, 15, 9, 0),
            "2026-07-15T13:00:00Z",
        ),
        (
            Tz::Europe__Berlin,
            local(2026, 1, 15, 9, 0),
            "2026-01-15T08:00:00Z",
        ),
        (
            Tz::Asia__Kolkata,
            local(2026, 1, 15, 9, 0),
            "2026-01-15T03:30:00Z",
        ),
        (
            Tz::Australia__Sydney,
            local(2026, 1, 15, 9, 0),
            "2026-01-14T22:00:00Z",
        ),
    ];
    for (tz, time, expected) in cases {
        assert_eq!(local_to_utc(tz, time), at(expected), "{tz} {time}");
    }
}

#[test]
fn a_time_in_a_spring_forward_gap_moves_forward_by_the_gap() {
    let cases = [
        // 02:00 EST -> 03:00 EDT: 02:30 becomes 03:30 EDT.
        (
            Tz::America__New_York,
            local(2026, 3, 8, 2, 30),
            "2026-03-08T07:30:00Z",
        ),
        (
            Tz::America__New_York,
            local(2026, 3, 8, 2, 0),
            "2026-03-08T07:00:00Z",
        ),
        // 02:00 CET -> 03:00 CEST.
        (
            Tz::Europe__Berlin,
            local(2026, 3, 29, 2, 30),
            "2026-03-29T01:30:00Z",
        ),
        // 02:00 AEST -> 03:00 AEDT.
        (
            Tz::Australia__Sydney,
            local(2026, 10, 4, 2, 30),
            "2026-10-03T16:30:00Z",
        ),
    ];
    for (tz, time, expected) in cases {
        assert_eq!(local_to_utc(tz, time), at(expected), "{tz} {time}");
    }
}

#[test]
fn an_ambiguous_fall_back_time_is_the_earlier_instant() {
    let cases = [
        // 01:30 happens at 05:30Z (EDT) and 06:30Z (EST).
        (
            Tz::America__New_York,
            local(2026, 11, 1, 1, 30),
            "2026-11-01T05:30:00Z",
        ),
        // 02:30 happens at 00:30Z (CEST) and 01:30Z (CET).
        (
            Tz::Europe__Berlin,
            local(2026, 10, 25, 2, 30),
            "2026-10-25T00:30:00Z",
        ),
        // 02:30 happens at 15:30Z (AEDT, the day before in UTC) and 16:30Z (AEST).
        (
            Tz::Australia__Sydney,
            local(2026, 4, 5, 2, 30),
            "2026-04-04T15:30:00Z",
        ),
    ];
    for (tz, time, expected) in cases {
        assert_eq!(local_to_utc(tz, time), at(expected), "{tz} {time}");
    }
}
