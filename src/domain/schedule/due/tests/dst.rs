//! New York (2026-03-08, 2026-11-01) and Berlin (2026-03-29, 2026-10-25) around their
//! daylight-saving changes: weekly and daily runs over the two weeks around each change,
//! runs in the spring-forward gap and the fall-back overlap, hourly runs through both.
//!
//! New York is UTC-5 (EST) in winter and UTC-4 (EDT) in summer; clocks go 02:00 EST -> 03:00
//! EDT on 2026-03-08 and 02:00 EDT -> 01:00 EST on 2026-11-01. Berlin is UTC+1 (CET) and
//! UTC+2 (CEST); clocks go 02:00 -> 03:00 on 2026-03-29 and 03:00 -> 02:00 on 2026-10-25.

use super::*;

#[test]
fn new_york_weekly_monday_9_00_around_both_changes() {
    let monday = "0 9 * * MON";
    assert_occurrences(
        monday,
        NY,
        "2026-02-28T00:00:00Z",
        "2026-03-21T00:00:00Z",
        &[
            "2026-03-02T14:00:00Z",
            "2026-03-09T13:00:00Z",
            "2026-03-16T13:00:00Z",
        ],
    );
    assert_occurrences(
        monday,
        NY,
        "2026-10-24T00:00:00Z",
        "2026-11-14T00:00:00Z",
        &[
            "2026-10-26T13:00:00Z",
            "2026-11-02T14:00:00Z",
            "2026-11-09T14:00:00Z",
        ],
    );
}

#[test]
fn new_york_daily_8_00_around_spring_forward() {
    assert_occurrences(
        "0 8 * * *",
        NY,
        "2026-03-01T00:00:00Z",
        "2026-03-15T00:00:00Z",
        &[
            "2026-03-01T13:00:00Z",
            "2026-03-02T13:00:00Z",
            "2026-03-03T13:00:00Z",
            "2026-03-04T13:00:00Z",
            "2026-03-05T13:00:00Z",
            "2026-03-06T13:00:00Z",
            "2026-03-07T13:00:00Z",
            "2026-03-08T12:00:00Z",
            "2026-03-09T12:00:00Z",
            "2026-03-10T12:00:00Z",
            "2026-03-11T12:00:00Z",
            "2026-03-12T12:00:00Z",
            "2026-03-13T12:00:00Z",
            "2026-03-14T12:00:00Z",
        ],
    );
}

#[test]
fn new_york_daily_8_00_around_fall_back() {
    assert_occurrences(
        "0 8 * * *",
        NY,
        "2026-10-25T00:00:00Z",
        "2026-11-08T00:00:00Z",
        &[
            "2026-10-25T12:00:00Z",
            "2026-10-26T12:00:00Z",
            "2026-10-27T12:00:00Z",
            "2026-10-28T12:00:00Z",
            "2026-10-29T12:00:00Z",
            "2026-10-30T12:00:00Z",
            "2026-10-31T12:00:00Z",
            "2026-11-01T13:00:00Z",
            "2026-11-02T13:00:00Z",
            "2026-11-03T13:00:00Z",
            "2026-11-04T13:00:00Z",
            "2026-11-05T13:00:00Z",
            "2026-11-06T13:00:00Z",
            "2026-11-07T13:00:00Z",
        ],
    );
}

#[test]
fn berlin_weekly_monday_9_00_around_both_changes() {
    let monday = "0 9 * * MON";
    assert_occurrences(
        monday,
        BERLIN,
        "2026-03-15T00:00:00Z",
        "2026-04-08T00:00:00Z",
        &[
            "2026-03-16T08:00:00Z",
            "2026-03-23T08:00:00Z",
            "2026-03-30T07:00:00Z",
            "2026-04-06T07:00:00Z",
        ],
    );
    assert_occurrences(
        monday,
        BERLIN,
        "2026-10-11T00:00:00Z",
        "2026-11-04T00:00:00Z",
        &[
            "2026-10-12T07:00:00Z",
            "2026-10-19T07:00:00Z",
            "2026-10-26T08:00:00Z",
            "2026-11-02T08:00:00Z",
        ],
    );
}

#[test]
fn berlin_daily_8_00_around_spring_forward() {
    assert_occurrences(
        "0 8 * * *",
        BERLIN,
        "2026-03-22T00:00:00Z",
        "2026-04-05T00:00:00Z",
        &[
            "2026-03-22T07:00:00Z",
            "2026-03-23T07:00:00Z",
            "2026-03-24T07:00:00Z",
            "2026-03-25T07:00:00Z",
            "2026-03-26T07:00:00Z",
            "2026-03-27T07:00:00Z",
            "2026-03-28T07:00:00Z",
            "2026-03-29T06:00:00Z",
            "2026-03-30T06:00:00Z",
            "2026-03-31T06:00:00Z",
            "2026-04-01T06:00:00Z",
            "2026-04-02T06:00:00Z",
            "2026-04-03T06:00:00Z",
            "2026-04-04T06:00:00Z",
        ],
    );
}

#[test]
fn berlin_daily_8_00_around_fall_back() {
    assert_occurrences(
        "0 8 * * *",
        BERLIN,
        "2026-10-18T00:00:00Z",
        "2026-11-01T00:00:00Z",
        &[
            "2026-10-18T06:00:00Z",
            "2026-10-19T06:00:00Z",
            "2026-10-20T06:00:00Z",
            "2026-10-21T06:00:00Z",
            "2026-10-22T06:00:00Z",
            "2026-10-23T06:00:00Z",
            "2026-10-24T06:00:00Z",
            "2026-10-25T07:00:00Z",
            "2026-10-26T07:00:00Z",
            "2026-10-27T07:00:00Z",
            "2026-10-28T07:00:00Z",
            "2026-10-29T07:00:00Z",
            "2026-10-30T07:00:00Z",
            "2026-10-31T07:00:00Z",
        ],
    );
}

#[test]
fn a_run_in_the_spring_forward_gap_runs_once_moved_forward_by_the_gap() {
    // 02:30 does not exist on the change day; it runs at 03:30 summer time.
    assert_occurrences(
        "30 2 * * *",
        NY,
        "2026-03-07T00:00:00Z",
        "2026-03-10T00:00:00Z",
        &[
            "2026-03-07T07:30:00Z",
            "2026-03-08T07:30:00Z",
            "2026-03-09T06:30:00Z",
        ],
    );
    assert_occurrences(
        "30 2 * * *",
        BERLIN,
        "2026-03-28T00:00:00Z",
        "2026-03-31T00:00:00Z",
        &[
            "2026-03-28T01:30:00Z",
            "2026-03-29T01:30:00Z",
            "2026-03-30T00:30:00Z",
        ],
    );
}

#[test]
fn a_gap_time_and_the_time_it_moves_to_are_one_run() {
    // On 2026-03-08, 02:30 moves to 03:30 EDT, which the schedule also names.
    assert_occurrences(
        "30 2,3 * * *",
        NY,
        "2026-03-07T00:00:00Z",
        "2026-03-10T00:00:00Z",
        &[
            "2026-03-07T07:30:00Z",
            "2026-03-07T08:30:00Z",
            "2026-03-08T07:30:00Z",
            "2026-03-09T06:30:00Z",
            "2026-03-09T07:30:00Z",
        ],
    );
}

#[test]
fn a_run_in_the_fall_back_overlap_runs_once_at_the_earlier_instant() {
    // 01:30 happens twice in New York on 2026-11-01 (05:30Z EDT, 06:30Z EST).
    assert_occurrences(
        "30 1 * * *",
        NY,
        "2026-10-31T00:00:00Z",
        "2026-11-03T00:00:00Z",
        &[
            "2026-10-31T05:30:00Z",
            "2026-11-01T05:30:00Z",
            "2026-11-02T06:30:00Z",
        ],
    );
    // 02:30 happens twice in Berlin on 2026-10-25 (00:30Z CEST, 01:30Z CET).
    assert_occurrences(
        "30 2 * * *",
        BERLIN,
        "2026-10-24T00:00:00Z",
        "2026-10-27T00:00:00Z",
        &[
            "2026-10-24T00:30:00Z",
            "2026-10-25T00:30:00Z",
            "2026-10-26T01:30:00Z",
        ],
    );
}

#[test]
fn an_hourly_run_has_no_second_run_in_the_repeated_hour_and_no_gap() {
    // Fall back: 01:00 EDT is 05:00Z; the repeated 01:00 EST (06:00Z) does not run again.
    assert_occurrences(
        "0 * * * *",
        NY,
        "2026-11-01T03:00:00Z",
        "2026-11-01T09:00:00Z",
        &[
            "2026-11-01T04:00:00Z",
            "2026-11-01T05:00:00Z",
            "2026-11-01T07:00:00Z",
            "2026-11-01T08:00:00Z",
            "2026-11-01T09:00:00Z",
        ],
    );
    // Spring forward: 02:00 moves to 03:00 EDT (07:00Z), which is one run with 03:00.
    assert_occurrences(
        "0 * * * *",
        NY,
        "2026-03-08T05:00:00Z",
        "2026-03-08T09:00:00Z",
        &[
            "2026-03-08T06:00:00Z",
            "2026-03-08T07:00:00Z",
            "2026-03-08T08:00:00Z",
            "2026-03-08T09:00:00Z",
        ],
    );
}
