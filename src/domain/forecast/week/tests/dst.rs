//! Deadline instants in New York, Berlin, Kolkata and Sydney on both sides of their
//! daylight-saving changes, in spring-forward gaps and fall-back overlaps. Expected instants
//! are written by hand.

use super::*;

/// (deadline ISO weekday, time, deadline date, expected instant): the week is looked up from
/// the deadline date, which is also checked.
fn assert_deadlines(tz: Tz, table: &[(u32, &str, NaiveDate, &str)]) {
    for &(iso, hhmm, date, expected) in table {
        let week = cal(tz, iso, hhmm).week_starting(date);
        assert_eq!(week.deadline_date(), date, "{tz} {iso} {hhmm} {date}");
        assert_eq!(week.deadline_at(), at(expected), "{tz} {iso} {hhmm} {date}");
    }
}

#[test]
fn new_york_deadlines_around_its_dst_changes() {
    assert_deadlines(
        NY,
        &[
            (1, "12:00", d(2026, 3, 2), "2026-03-02T17:00:00Z"),
            (7, "12:00", d(2026, 3, 1), "2026-03-01T17:00:00Z"),
            (7, "12:00", d(2026, 3, 8), "2026-03-08T16:00:00Z"),
            (1, "12:00", d(2026, 3, 9), "2026-03-09T16:00:00Z"),
            (1, "12:00", d(2026, 10, 26), "2026-10-26T16:00:00Z"),
            (7, "12:00", d(2026, 10, 25), "2026-10-25T16:00:00Z"),
            (7, "12:00", d(2026, 11, 1), "2026-11-01T17:00:00Z"),
            (1, "12:00", d(2026, 11, 2), "2026-11-02T17:00:00Z"),
        ],
    );
}

#[test]
fn berlin_deadlines_around_its_dst_changes() {
    assert_deadlines(
        BERLIN,
        &[
            (1, "12:00", d(2026, 3, 23), "2026-03-23T11:00:00Z"),
            (7, "12:00", d(2026, 3, 22), "2026-03-22T11:00:00Z"),
            (7, "12:00", d(2026, 3, 29), "2026-03-29T10:00:00Z"),
            (1, "12:00", d(2026, 3, 30), "2026-03-30T10:00:00Z"),
            (1, "12:00", d(2026, 10, 19), "2026-10-19T10:00:00Z"),
            (7, "12:00", d(2026, 10, 25), "2026-10-25T11:00:00Z"),
            (1, "12:00", d(2026, 10, 26), "2026-10-26T11:00:00Z"),
        ],
    );
}

#[test]
fn sydney_deadlines_around_its_dst_changes() {
    assert_deadlines(
        SYDNEY,
        &[
            (1, "12:00", d(2026, 3, 30), "2026-03-30T01:00:00Z"),
            (7, "12:00", d(2026, 3, 29), "2026-03-29T01:00:00Z"),
            (7, "12:00", d(2026, 4, 5), "2026-04-05T02:00:00Z"),
            (1, "12:00", d(2026, 4, 6), "2026-04-06T02:00:00Z"),
            (1, "12:00", d(2026, 9, 28), "2026-09-28T02:00:00Z"),
            (7, "12:00", d(2026, 10, 4), "2026-10-04T01:00:00Z"),
            (1, "12:00", d(2026, 10, 5), "2026-10-05T01:00:00Z"),
            // Monday 09:00 in Sydney is still Sunday in UTC.
            (1, "09:00", d(2026, 10, 5), "2026-10-04T22:00:00Z"),
        ],
    );
}

#[test]
fn kolkata_deadlines_are_always_five_and_a_half_hours_ahead() {
    assert_deadlines(
        KOLKATA,
        &[
            (1, "12:00", d(2026, 3, 2), "2026-03-02T06:30:00Z"),
            (1, "12:00", d(2026, 3, 9), "2026-03-09T06:30:00Z"),
            (7, "12:00", d(2026, 3, 29), "2026-03-29T06:30:00Z"),
            (1, "12:00", d(2026, 11, 2), "2026-11-02T06:30:00Z"),
            (5, "17:00", d(2026, 10, 30), "2026-10-30T11:30:00Z"),
            (1, "03:00", d(2026, 4, 6), "2026-04-05T21:30:00Z"),
        ],
    );
}

#[test]
fn a_deadline_skipped_by_spring_forward_moves_forward_by_the_gap() {
    assert_deadlines(
        NY,
        &[
            (7, "02:30", d(2026, 3, 8), "2026-03-08T07:30:00Z"),
            (7, "02:00", d(2026, 3, 8), "2026-03-08T07:00:00Z"),
            (7, "02:59", d(2026, 3, 8), "2026-03-08T07:59:00Z"),
            (7, "03:00", d(2026, 3, 8), "2026-03-08T07:00:00Z"),
            (7, "02:30", d(2026, 3, 1), "2026-03-01T07:30:00Z"),
        ],
    );
    assert_deadlines(
        BERLIN,
        &[(7, "02:30", d(2026, 3, 29), "2026-03-29T01:30:00Z")],
    );
    assert_deadlines(
        SYDNEY,
        &[(7, "02:30", d(2026, 10, 4), "2026-10-03T16:30:00Z")],
    );
    for (tz, date) in [
        (NY, d(2026, 3, 8)),
        (BERLIN, d(2026, 3, 29)),
        (SYDNEY, d(2026, 10, 4)),
    ] {
        let local = cal(tz, 7, "02:30")
            .week_starting(date)
            .deadline_at()
            .with_timezone(&tz);
        assert_eq!(
            local.naive_local(),
            date.and_hms_opt(3, 30, 0).unwrap(),
            "{tz}"
        );
    }
}

#[test]
fn an_ambiguous_fall_back_deadline_takes_the_earlier_instant() {
    assert_deadlines(
        NY,
        &[
            (7, "01:30", d(2026, 11, 1), "2026-11-01T05:30:00Z"),
            (7, "01:00", d(2026, 11, 1), "2026-11-01T05:00:00Z"),
            (7, "02:00", d(2026, 11, 1), "2026-11-01T07:00:00Z"),
        ],
    );
    assert_deadlines(
        BERLIN,
        &[(7, "02:30", d(2026, 10, 25), "2026-10-25T00:30:00Z")],
    );
    assert_deadlines(
        SYDNEY,
        &[(7, "02:30", d(2026, 4, 5), "2026-04-04T15:30:00Z")],
    );
}
