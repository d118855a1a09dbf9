//! Weekly (`0 9 * * MON`) and daily (`30 2 * * *`) schedules in New York and Berlin, ticked
//! every 15 simulated minutes through the weeks around the 2026 daylight-saving changes (US
//! March 8 and November 1, EU March 29 and October 25). The expected instants are worked out
//! here by hand from the offsets, not by the code under test: every run posted once, none
//! skipped or doubled; a 02:30 that does not exist (spring forward) runs once, an hour later;
//! a 02:30 that happens twice (Berlin, fall back) runs once, at the first.

use super::{add, assert_posted_once, at, discord_poster, runner, tick_through, CHANNELS};
use super::{BERLIN, NY};
use crate::support::fake_discord::FakeDiscord;
use crate::support::TestApp;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use partnerbot::domain::schedule::ScheduleKind;
use partnerbot::store::schedule::Schedule;

/// The instant `hh:mm` UTC on each day from `first` through `last` (`"2026-03-01"`).
fn daily(first: &str, last: &str, utc_time: &str) -> Vec<DateTime<Utc>> {
    let first: NaiveDate = first.parse().unwrap();
    let last: NaiveDate = last.parse().unwrap();
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|d| at(&format!("{d}T{utc_time}:00Z")))
        .collect()
}

fn instants(texts: &[&str]) -> Vec<DateTime<Utc>> {
    texts.iter().map(|t| at(t)).collect()
}

/// The four schedules, created at the clock's time: weekly and daily, New York and Berlin.
async fn schedules(app: &TestApp) -> [Schedule; 4] {
    let weekly = "0 9 * * MON";
    let daily = "30 2 * * *";
    [
        add(app, ScheduleKind::KpiDigest, weekly, NY, CHANNELS[0]).await,
        add(app, ScheduleKind::ForecastMissing, daily, NY, CHANNELS[1]).await,
        add(app, ScheduleKind::KpiDigest, weekly, BERLIN, CHANNELS[2]).await,
        add(
            app,
            ScheduleKind::ForecastMissing,
            daily,
            BERLIN,
            CHANNELS[3],
        )
        .await,
    ]
}

/// Ticks every 15 minutes from `from` through `to` and checks each schedule's runs.
async fn run_season(app: TestApp, from: &str, to: &str, expected: [Vec<DateTime<Utc>>; 4]) {
    app.clock.set(at(from));
    let schedules = schedules(&app).await;
    let fake = FakeDiscord::start().await;
    let runner = runner(&app.core, discord_poster(&fake), "dst");
    let step = TimeDelta::minutes(15);
    let report = tick_through(&app, &runner, at(from), at(to), step).await;
    for (schedule, expected) in schedules.iter().zip(&expected) {
        assert_posted_once(app.store(), &fake, schedule, expected).await;
    }
    let total: usize = expected.iter().map(Vec::len).sum();
    assert_eq!(report.posted, total, "{report:?}");
    assert_eq!(
        (report.skipped, report.failed, report.missed, report.taken),
        (0, 0, 0, 0),
        "{report:?}"
    );
    fake.assert_clean();
}

crate::both_backends!(
    spring_forward_in_new_york_and_berlin,
    |app: TestApp| async move {
        let weekly_ny = instants(&[
            "2026-03-02T14:00:00Z", // EST, UTC-5
            "2026-03-09T13:00:00Z", // EDT from March 8
            "2026-03-16T13:00:00Z",
            "2026-03-23T13:00:00Z",
            "2026-03-30T13:00:00Z",
        ]);
        let weekly_berlin = instants(&[
            "2026-03-02T08:00:00Z", // CET, UTC+1
            "2026-03-09T08:00:00Z",
            "2026-03-16T08:00:00Z",
            "2026-03-23T08:00:00Z",
            "2026-03-30T07:00:00Z", // CEST from March 29
        ]);
        // New York skips 02:00-02:59 on March 8: that day's 02:30 runs at 03:30 EDT, once.
        let mut daily_ny = daily("2026-03-01", "2026-03-07", "07:30");
        daily_ny.push(at("2026-03-08T07:30:00Z"));
        daily_ny.extend(daily("2026-03-09", "2026-04-05", "06:30"));
        // Berlin skips 02:00-02:59 on March 29: 02:30 runs at 03:30 CEST, 01:30Z, once.
        let mut daily_berlin = daily("2026-03-01", "2026-03-28", "01:30");
        daily_berlin.push(at("2026-03-29T01:30:00Z"));
        daily_berlin.extend(daily("2026-03-30", "2026-04-05", "00:30"));
        assert_eq!(daily_ny.len(), 36);
        let expected = [weekly_ny, daily_ny, weekly_berlin, daily_berlin];
        run_season(
            app,
            "2026-03-01T00:00:00Z",
            "2026-04-06T00:00:00Z",
            expected,
        )
        .await;
    }
);

crate::both_backends!(
    fall_back_in_berlin_and_new_york,
    |app: TestApp| async move {
        let weekly_ny = instants(&[
            "2026-10-19T13:00:00Z", // EDT, UTC-4
            "2026-10-26T13:00:00Z",
            "2026-11-02T14:00:00Z", // EST from November 1
        ]);
        let weekly_berlin = instants(&[
            "2026-10-19T07:00:00Z", // CEST, UTC+2
            "2026-10-26T08:00:00Z", // CET from October 25
            "2026-11-02T08:00:00Z",
        ]);
        // New York repeats 01:00-01:59 on November 1; 02:30 happens once, in EST.
        let mut daily_ny = daily("2026-10-18", "2026-10-31", "06:30");
        daily_ny.extend(daily("2026-11-01", "2026-11-08", "07:30"));
        // Berlin repeats 02:00-02:59 on October 25: 02:30 runs at the first (CEST, 00:30Z),
        // not again an hour later.
        let mut daily_berlin = daily("2026-10-18", "2026-10-25", "00:30");
        daily_berlin.extend(daily("2026-10-26", "2026-11-08", "01:30"));
        assert_eq!(daily_berlin.len(), 22);
        let expected = [weekly_ny, daily_ny, weekly_berlin, daily_berlin];
        run_season(
            app,
            "2026-10-18T00:00:00Z",
            "2026-11-09T00:00:00Z",
            expected,
        )
        .await;
    }
);
