//! Kolkata (UTC+05:30, no daylight saving) and Sydney (southern hemisphere: UTC+11 AEDT until
//! 2026-04-05 03:00 -> 02:00, UTC+10 AEST until 2026-10-04 02:00 -> 03:00).

use super::*;

#[test]
fn kolkata_weekly_runs_keep_their_half_hour_offset_all_year() {
    // 09:00 IST is 03:30Z, through the US and EU changes alike.
    assert_occurrences(
        "0 9 * * MON",
        KOLKATA,
        "2026-03-01T00:00:00Z",
        "2026-04-01T00:00:00Z",
        &[
            "2026-03-02T03:30:00Z",
            "2026-03-09T03:30:00Z",
            "2026-03-16T03:30:00Z",
            "2026-03-23T03:30:00Z",
            "2026-03-30T03:30:00Z",
        ],
    );
    assert_occurrences(
        "0 9 * * MON",
        KOLKATA,
        "2026-10-20T00:00:00Z",
        "2026-11-04T00:00:00Z",
        &["2026-10-26T03:30:00Z", "2026-11-02T03:30:00Z"],
    );
}

#[test]
fn kolkata_runs_just_after_midnight_utc_fall_on_the_previous_utc_day() {
    // 05:15 IST is 23:45Z the day before.
    assert_occurrences(
        "15 5 * * MON",
        KOLKATA,
        "2026-03-01T00:00:00Z",
        "2026-03-10T00:00:00Z",
        &["2026-03-01T23:45:00Z", "2026-03-08T23:45:00Z"],
    );
}

#[test]
fn sydney_weekly_runs_around_its_april_fall_back() {
    // Monday 09:00 AEDT is Sunday 22:00Z; after 2026-04-05, 09:00 AEST is Sunday 23:00Z.
    assert_occurrences(
        "0 9 * * MON",
        SYDNEY,
        "2026-03-20T00:00:00Z",
        "2026-04-13T00:00:00Z",
        &[
            "2026-03-22T22:00:00Z",
            "2026-03-29T22:00:00Z",
            "2026-04-05T23:00:00Z",
            "2026-04-12T23:00:00Z",
        ],
    );
}

#[test]
fn sydney_weekly_runs_around_its_october_spring_forward() {
    assert_occurrences(
        "0 9 * * MON",
        SYDNEY,
        "2026-09-18T00:00:00Z",
        "2026-10-12T00:00:00Z",
        &[
            "2026-09-20T23:00:00Z",
            "2026-09-27T23:00:00Z",
            "2026-10-04T22:00:00Z",
            "2026-10-11T22:00:00Z",
        ],
    );
}

#[test]
fn sydney_runs_in_its_gap_and_overlap_run_once() {
    // 02:30 on 2026-04-05 happens twice (2026-04-04 at 15:30Z AEDT and 16:30Z AEST): the
    // earlier runs.
    assert_occurrences(
        "30 2 * * *",
        SYDNEY,
        "2026-04-03T00:00:00Z",
        "2026-04-06T00:00:00Z",
        &[
            "2026-04-03T15:30:00Z",
            "2026-04-04T15:30:00Z",
            "2026-04-05T16:30:00Z",
        ],
    );
    // 02:30 on 2026-10-04 does not exist: it runs at 03:30 AEDT (2026-10-03T16:30Z).
    assert_occurrences(
        "30 2 * * *",
        SYDNEY,
        "2026-10-02T00:00:00Z",
        "2026-10-05T00:00:00Z",
        &[
            "2026-10-02T16:30:00Z",
            "2026-10-03T16:30:00Z",
            "2026-10-04T15:30:00Z",
        ],
    );
}
