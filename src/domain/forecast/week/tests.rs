//! Tests of the forecast week calendar. This file holds the shared helpers and the week
//! numbering tests (every fiscal start month, quarter and year boundaries); the children hold
//! deadline instants around daylight-saving changes (`dst`, expected instants written by
//! hand), the nearest-deadline rule (`nearest`) and the weeks people type (`parse`).

use chrono::{TimeDelta, Weekday};
use chrono_tz::Tz;

use super::*;

mod dst;
mod nearest;
mod parse;

const NY: Tz = Tz::America__New_York;
const BERLIN: Tz = Tz::Europe__Berlin;
const KOLKATA: Tz = Tz::Asia__Kolkata;
const SYDNEY: Tz = Tz::Australia__Sydney;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(rfc3339: &str) -> DateTime<Utc> {
    rfc3339.parse().unwrap()
}

/// A calendar with fiscal years starting in `start_month`, in `tz`, due `iso_weekday` `hhmm`.
fn cal_in(start_month: u32, tz: Tz, iso_weekday: u32, hhmm: &str) -> ForecastCalendar {
    ForecastCalendar::new(
        FiscalCalendar::new(start_month).unwrap(),
        tz,
        Deadline::new(iso_weekday, hhmm).unwrap(),
    )
}

/// February fiscal years, due `iso_weekday` at `hhmm` in `tz`.
fn cal(tz: Tz, iso_weekday: u32, hhmm: &str) -> ForecastCalendar {
    cal_in(2, tz, iso_weekday, hhmm)
}

/// Every week of FY26 and FY27, for every start month and deadline weekday: numbers run from
/// 1 without gaps, every quarter has as many weeks as it has deadline weekdays (12 to 14),
/// and every deadline date lies in its week and its quarter.
#[test]
fn weeks_of_two_fiscal_years_are_numbered_without_gaps_for_every_start_month() {
    for start_month in 1..=12 {
        for iso in 1..=7 {
            let c = cal_in(start_month, NY, iso, "12:00");
            let fiscal = c.fiscal();
            let (first, _) = fiscal.year_bounds(2026);
            let (_, last) = fiscal.year_bounds(2027);
            let mut groups: Vec<Vec<ForecastWeek>> = Vec::new();
            let mut week = c.week_starting(first - TimeDelta::days(14));
            while week.start() <= last + TimeDelta::days(14) {
                let w = week;
                let ctx = format!("start month {start_month}, weekday {iso}, {}", w.start());
                assert_eq!(w.start().weekday(), Weekday::Mon, "{ctx}");
                assert_eq!(
                    w.deadline_date(),
                    w.start() + TimeDelta::days(i64::from(iso) - 1)
                );
                let (q_first, q_last) = fiscal.quarter_bounds(w.quarter());
                assert!(
                    q_first <= w.deadline_date() && w.deadline_date() <= q_last,
                    "{ctx}"
                );
                assert_eq!(
                    w.label(),
                    format!("{} W{:02}", w.quarter().label(), w.number())
                );
                match groups.last_mut() {
                    Some(group) if group[0].quarter() == w.quarter() => {
                        assert_eq!(w.number(), group.last().unwrap().number() + 1, "{ctx}");
                        group.push(w);
                    }
                    previous => {
                        if let Some(group) = previous {
                            assert_eq!(w.quarter(), group[0].quarter().next(), "{ctx}");
                            assert_eq!(w.number(), 1, "{ctx}");
                        }
                        groups.push(vec![w]);
                    }
                }
                week = c.next(&week);
                assert_eq!(week.start(), w.start() + TimeDelta::days(7));
            }
            let full: Vec<&Vec<ForecastWeek>> = groups
                .iter()
                .filter(|g| (2026..=2027).contains(&g[0].quarter().fiscal_year()))
                .collect();
            assert_eq!(full.len(), 8, "start month {start_month}, weekday {iso}");
            for group in full {
                let quarter = group[0].quarter();
                let (q_first, q_last) = fiscal.quarter_bounds(quarter);
                let deadline_days = q_first
                    .iter_days()
                    .take_while(|day| *day <= q_last)
                    .filter(|day| day.weekday().number_from_monday() == iso)
                    .count();
                assert_eq!(group.len(), deadline_days, "{quarter}, weekday {iso}");
                assert!((12..=14).contains(&group.len()), "{quarter}, weekday {iso}");
                assert_eq!(group[0].number(), 1);
                assert_eq!(&c.weeks_of(quarter), group, "{quarter}, weekday {iso}");
            }
        }
    }
}

fn labels(c: &ForecastCalendar, dates: &[NaiveDate]) -> Vec<String> {
    dates
        .iter()
        .map(|&day| c.week_starting(day).label())
        .collect()
}

#[test]
fn a_week_straddling_quarters_belongs_to_the_quarter_of_its_deadline_date() {
    // Mon 2026-01-26 .. Sun 2026-02-01 straddles FY26-Q4 and FY27-Q1 (February start).
    let week = [d(2026, 1, 26), d(2026, 2, 1)];
    assert_eq!(labels(&cal(NY, 1, "12:00"), &week), ["FY26-Q4 W13"; 2]);
    assert_eq!(labels(&cal(NY, 3, "12:00"), &week), ["FY26-Q4 W13"; 2]);
    assert_eq!(labels(&cal(NY, 7, "12:00"), &week), ["FY27-Q1 W01"; 2]);
    let sunday = cal(NY, 7, "12:00");
    let w = sunday.week_starting(d(2026, 1, 26));
    assert_eq!(
        (w.start(), w.deadline_date()),
        (d(2026, 1, 26), d(2026, 2, 1))
    );
    let before = sunday.prev(&w);
    assert_eq!(
        (before.deadline_date(), before.label()),
        (d(2026, 1, 25), "FY26-Q4 W13".into())
    );
    let monday = cal(NY, 1, "12:00");
    assert_eq!(
        monday.next(&monday.week_starting(d(2026, 1, 26))).label(),
        "FY27-Q1 W01"
    );
}

#[test]
fn weeks_cross_the_fiscal_year_boundary_with_a_february_start() {
    let monday = cal(NY, 1, "12:00");
    let days = [d(2027, 1, 25), d(2027, 1, 31), d(2027, 2, 1), d(2027, 2, 7)];
    assert_eq!(
        labels(&monday, &days),
        ["FY27-Q4 W13", "FY27-Q4 W13", "FY28-Q1 W01", "FY28-Q1 W01"]
    );
    // With a Sunday deadline FY27-Q4 has 14 weeks: Sun 2026-11-01 to Sun 2027-01-31.
    let sunday = cal(NY, 7, "12:00");
    assert_eq!(
        labels(&sunday, &days),
        ["FY27-Q4 W14", "FY27-Q4 W14", "FY28-Q1 W01", "FY28-Q1 W01"]
    );
    let q4 = FiscalQuarter::new(2027, 4).unwrap();
    let weeks = sunday.weeks_of(q4);
    assert_eq!(weeks.len(), 14);
    assert_eq!(weeks[0].deadline_date(), d(2026, 11, 1));
    assert_eq!(weeks[0].start(), d(2026, 10, 26));
    assert_eq!(weeks[13].deadline_date(), d(2027, 1, 31));
}

#[test]
fn weeks_cross_december_31_with_a_january_start() {
    // Mon 2026-12-28 .. Sun 2027-01-03; Thursday is Dec 31, Friday is Jan 1.
    let week = [d(2026, 12, 28), d(2027, 1, 3)];
    assert_eq!(
        labels(&cal_in(1, NY, 1, "12:00"), &week),
        ["FY26-Q4 W13"; 2]
    );
    assert_eq!(
        labels(&cal_in(1, NY, 4, "12:00"), &week),
        ["FY26-Q4 W14"; 2]
    );
    assert_eq!(
        labels(&cal_in(1, NY, 5, "12:00"), &week),
        ["FY27-Q1 W01"; 2]
    );
    assert_eq!(
        labels(&cal_in(1, NY, 7, "12:00"), &week),
        ["FY27-Q1 W01"; 2]
    );
    let friday = cal_in(1, NY, 5, "12:00");
    let before = friday.prev(&friday.week_starting(d(2027, 1, 1)));
    assert_eq!(
        (before.deadline_date(), before.label()),
        (d(2026, 12, 25), "FY26-Q4 W13".into())
    );
    let monday = cal_in(1, NY, 1, "12:00");
    let after = monday.next(&monday.week_starting(d(2026, 12, 31)));
    assert_eq!(
        (after.start(), after.label()),
        (d(2027, 1, 4), "FY27-Q1 W01".into())
    );
}

#[test]
fn a_quarter_can_have_12_weeks() {
    // FY27-Q1 (Feb 1 to Apr 30 2026, 89 days) has only 12 Fridays.
    let friday = cal(NY, 5, "17:00");
    let weeks = friday.weeks_of(FiscalQuarter::new(2027, 1).unwrap());
    assert_eq!(weeks.len(), 12);
    assert_eq!(
        (weeks[0].start(), weeks[0].deadline_date()),
        (d(2026, 2, 2), d(2026, 2, 6))
    );
    assert_eq!(weeks[11].deadline_date(), d(2026, 4, 24));
    assert_eq!(friday.next(&weeks[11]).label(), "FY27-Q2 W01");
}

#[test]
fn any_day_of_a_week_gives_that_week_and_weeks_are_ordered_by_start() {
    let c = cal(BERLIN, 1, "12:00");
    let week = c.week_starting(d(2026, 3, 2));
    for day in 2..=8 {
        assert_eq!(c.week_starting(d(2026, 3, day)), week);
    }
    assert_eq!(c.week_starting(d(2026, 3, 9)), c.next(&week));
    assert_eq!(c.prev(&c.next(&week)), week);
    let mut weeks = vec![c.next(&week), week, c.prev(&week)];
    weeks.sort();
    assert_eq!(weeks, [c.prev(&week), week, c.next(&week)]);
    assert!(week < c.next(&week));
    assert_eq!(week.to_string(), "FY27-Q1 W05");
}
