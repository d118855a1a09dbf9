//! `due_now`: on time, nothing due, one catch-up after days down, a due instant older than
//! the catch-up window, and a handled instant never running again. The daily schedule runs
//! at 08:00 New York time, 12:00Z in July (EDT).

use super::*;

fn daily() -> Recurrence {
    rec("0 8 * * *", NY)
}

fn tick(last_handled: &str, now: &str, catch_up_minutes: i64) -> DueNow {
    due_now(
        &daily(),
        at(last_handled),
        at(now),
        TimeDelta::minutes(catch_up_minutes),
    )
}

fn runs(instant: &str, missed: usize) -> DueNow {
    DueNow {
        run: Some(at(instant)),
        missed,
    }
}

fn nothing(missed: usize) -> DueNow {
    DueNow { run: None, missed }
}

#[test]
fn a_tick_at_the_due_instant_or_a_minute_later_runs_it() {
    let last = "2026-07-14T12:00:00Z";
    assert_eq!(
        tick(last, "2026-07-15T12:00:00Z", 60),
        runs("2026-07-15T12:00:00Z", 0)
    );
    assert_eq!(
        tick(last, "2026-07-15T12:01:00Z", 60),
        runs("2026-07-15T12:00:00Z", 0)
    );
}

#[test]
fn a_tick_before_the_next_due_instant_runs_nothing() {
    assert_eq!(
        tick("2026-07-15T12:00:00Z", "2026-07-15T18:00:00Z", 60),
        nothing(0)
    );
    assert_eq!(
        tick("2026-07-15T12:00:00Z", "2026-07-16T11:59:59Z", 60),
        nothing(0)
    );
}

#[test]
fn a_handled_due_instant_does_not_run_again() {
    let handled = "2026-07-15T12:00:00Z";
    assert_eq!(tick(handled, "2026-07-15T12:00:00Z", 60), nothing(0));
    assert_eq!(tick(handled, "2026-07-15T12:01:00Z", 60), nothing(0));
    assert_eq!(tick(handled, "2026-07-15T12:59:00Z", 60), nothing(0));
}

#[test]
fn a_schedule_created_before_its_first_due_instant_runs_it() {
    assert_eq!(
        tick("2026-07-15T11:00:00Z", "2026-07-15T12:00:30Z", 60),
        runs("2026-07-15T12:00:00Z", 0)
    );
    // Created after today's 08:00: nothing until tomorrow.
    assert_eq!(
        tick("2026-07-15T12:30:00Z", "2026-07-15T13:00:00Z", 60),
        nothing(0)
    );
}

#[test]
fn after_three_days_down_only_the_latest_due_instant_runs() {
    // Last run on the 12th; down until the 15th 12:30Z. The 13th, 14th and 15th were due.
    assert_eq!(
        tick("2026-07-12T12:00:00Z", "2026-07-15T12:30:00Z", 60),
        runs("2026-07-15T12:00:00Z", 2)
    );
    // The run is claimed: the next tick has nothing to do and nothing more is missed.
    assert_eq!(
        tick("2026-07-15T12:00:00Z", "2026-07-15T12:31:00Z", 60),
        nothing(0)
    );
}

#[test]
fn a_due_instant_older_than_the_catch_up_window_does_not_run() {
    // The 15th's 12:00Z is two hours old with a one-hour window: all three are missed.
    assert_eq!(
        tick("2026-07-12T12:00:00Z", "2026-07-15T14:00:00Z", 60),
        nothing(3)
    );
    assert_eq!(
        tick("2026-07-15T11:00:00Z", "2026-07-15T13:00:01Z", 60),
        nothing(1)
    );
    // Exactly at the edge of the window still runs.
    assert_eq!(
        tick("2026-07-15T11:00:00Z", "2026-07-15T13:00:00Z", 60),
        runs("2026-07-15T12:00:00Z", 0)
    );
    // A zero window runs only on time; a negative one never.
    assert_eq!(
        tick("2026-07-15T11:00:00Z", "2026-07-15T12:00:00Z", 0),
        runs("2026-07-15T12:00:00Z", 0)
    );
    assert_eq!(
        tick("2026-07-15T11:00:00Z", "2026-07-15T12:00:00Z", -1),
        nothing(1)
    );
}

#[test]
fn a_catch_up_window_of_days_runs_the_latest_of_several() {
    // Down from the 12th to the 15th 11:00Z (before the 15th's run): the 14th runs.
    assert_eq!(
        tick("2026-07-12T12:00:00Z", "2026-07-15T11:00:00Z", 3 * 24 * 60),
        runs("2026-07-14T12:00:00Z", 1)
    );
}

#[test]
fn a_clock_behind_the_last_handled_instant_runs_nothing() {
    assert_eq!(
        tick("2026-07-15T12:00:00Z", "2026-07-10T12:00:00Z", 60),
        nothing(0)
    );
}

#[test]
fn a_month_down_on_a_minutely_schedule_runs_the_latest_minute_and_saturates_missed() {
    let every_minute = rec("* * * * *", NY);
    let due = due_now(
        &every_minute,
        at("2026-06-15T12:00:00Z"),
        at("2026-07-15T12:00:30Z"),
        TimeDelta::minutes(5),
    );
    assert_eq!(due, runs("2026-07-15T12:00:00Z", MAX_OCCURRENCES));
    // A day down: 1,440 minutes due, the latest runs.
    let due = due_now(
        &every_minute,
        at("2026-07-14T12:00:00Z"),
        at("2026-07-15T12:00:30Z"),
        TimeDelta::minutes(5),
    );
    assert_eq!(due, runs("2026-07-15T12:00:00Z", 1_439));
}

#[test]
fn catching_up_across_fall_back_counts_the_overlap_run_once() {
    // `30 1 * * *` runs at 05:30Z on 2026-10-31 (EDT), 2026-11-01 (the earlier 01:30) and
    // 06:30Z on 2026-11-02 (EST).
    let r = rec("30 1 * * *", NY);
    let due = due_now(
        &r,
        at("2026-10-30T12:00:00Z"),
        at("2026-11-02T06:45:00Z"),
        TimeDelta::hours(1),
    );
    assert_eq!(due, runs("2026-11-02T06:30:00Z", 2));
    // A tick during the repeated hour, after the first 01:30, finds nothing new.
    let due = due_now(
        &r,
        at("2026-11-01T05:30:00Z"),
        at("2026-11-01T06:30:00Z"),
        TimeDelta::hours(1),
    );
    assert_eq!(due, nothing(0));
}

#[test]
fn latest_in_finds_the_latest_due_instant_however_long_ago() {
    let rec = daily();
    let latest = |after: &str, upto: &str| rec.latest_in(at(after), at(upto));
    // A month down: the latest is the morning of the last day, far outside any catch-up.
    assert_eq!(
        latest("2026-06-01T00:00:00Z", "2026-07-01T11:59:00Z"),
        Some(at("2026-06-30T12:00:00Z"))
    );
    assert_eq!(
        latest("2026-06-01T00:00:00Z", "2026-07-01T12:00:00Z"),
        Some(at("2026-07-01T12:00:00Z"))
    );
    // The range is open at the start.
    assert_eq!(latest("2026-07-01T12:00:00Z", "2026-07-02T11:00:00Z"), None);
}
