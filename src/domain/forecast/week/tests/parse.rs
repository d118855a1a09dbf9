//! The weeks people type: relative weeks, week numbers, quarter labels, dates, refusals.

use super::*;
use crate::domain::DomainError;

/// Wednesday 2026-03-04 10:00 in New York: the current week is FY27-Q1 W05 (Mon 2026-03-02).
fn parse(input: &str) -> Result<ForecastWeek, DomainError> {
    cal(NY, 1, "12:00").parse_week(input, at("2026-03-04T15:00:00Z"))
}

fn start_of(input: &str) -> NaiveDate {
    parse(input)
        .unwrap_or_else(|e| panic!("{input}: {e}"))
        .start()
}

#[test]
fn relative_weeks_parse() {
    assert_eq!(parse("this").unwrap().label(), "FY27-Q1 W05");
    for (inputs, start) in [
        (
            &["this", "current", "this week", "This  Week", "current week"][..],
            d(2026, 3, 2),
        ),
        (
            &["last", "last week", "previous", "Previous Week", "prev"][..],
            d(2026, 2, 23),
        ),
        (&["next", "next week", " NEXT_WEEK "][..], d(2026, 3, 9)),
    ] {
        for input in inputs {
            assert_eq!(start_of(input), start, "{input}");
        }
    }
}

#[test]
fn week_numbers_and_labels_parse() {
    for (input, start) in [
        ("W05", d(2026, 3, 2)),
        ("w5", d(2026, 3, 2)),
        ("week 5", d(2026, 3, 2)),
        ("Week 05", d(2026, 3, 2)),
        ("wk 5", d(2026, 3, 2)),
        ("W01", d(2026, 2, 2)),
        ("W13", d(2026, 4, 27)),
        ("FY27-Q1 W05", d(2026, 3, 2)),
        ("fy27 q1 w5", d(2026, 3, 2)),
        ("Q1 FY27 W05", d(2026, 3, 2)),
        ("FY2027-Q1 week 5", d(2026, 3, 2)),
        ("FY27-Q2 W01", d(2026, 5, 4)),
        ("FY26-Q4 W13", d(2026, 1, 26)),
    ] {
        assert_eq!(start_of(input), start, "{input}");
    }
    let c = cal(NY, 1, "12:00");
    let now = at("2026-03-04T15:00:00Z");
    for quarter in (1..=4).map(|q| FiscalQuarter::new(2027, q).unwrap()) {
        for week in c.weeks_of(quarter) {
            assert_eq!(c.parse_week(&week.label(), now), Ok(week));
        }
    }
}

#[test]
fn a_bare_week_number_is_in_the_quarter_of_the_current_week() {
    // Friday 2026-01-30 is in FY26-Q4, but it counts for Monday 2026-02-02, FY27-Q1 W01.
    let c = cal(NY, 1, "12:00");
    let now = at("2026-01-30T20:00:00Z");
    assert_eq!(c.parse_week("this", now).unwrap().label(), "FY27-Q1 W01");
    assert_eq!(c.parse_week("W05", now).unwrap().start(), d(2026, 3, 2));
    assert_eq!(
        c.parse_week("last week", now).unwrap().label(),
        "FY26-Q4 W13"
    );
}

#[test]
fn a_date_gives_the_week_containing_it() {
    assert_eq!(start_of("2026-03-02"), d(2026, 3, 2));
    assert_eq!(start_of("2026-03-08"), d(2026, 3, 2));
    assert_eq!(start_of(" 2026-3-9 "), d(2026, 3, 9));
    assert_eq!(parse("2026-02-01").unwrap().label(), "FY26-Q4 W13");
}

#[test]
fn a_week_number_outside_the_quarter_is_refused_with_its_range() {
    for (input, shown, quarter) in [
        ("W14", "W14", "FY27-Q1"),
        ("week 15", "W15", "FY27-Q1"),
        ("W00", "W00", "FY27-Q1"),
        ("w0", "W00", "FY27-Q1"),
        ("FY27-Q1 W15", "W15", "FY27-Q1"),
        ("FY26-Q4 W14", "W14", "FY26-Q4"),
    ] {
        assert_eq!(
            parse(input).unwrap_err().to_string(),
            format!("week `{shown}` is not in {quarter}, which has weeks W01 to W13"),
        );
    }
    let friday = cal(NY, 5, "17:00");
    assert_eq!(
        friday
            .parse_week("FY27-Q1 W13", at("2026-03-04T15:00:00Z"))
            .unwrap_err()
            .to_string(),
        "week `W13` is not in FY27-Q1, which has weeks W01 to W12"
    );
}

#[test]
fn anything_else_is_refused_naming_the_accepted_forms() {
    for bad in [
        "yesterday",
        "FY27-Q1",
        "W",
        "week",
        "5",
        "FY27-Q5 W01",
        "2026-03",
        "w99999999999",
    ] {
        assert_eq!(
            parse(bad).unwrap_err().to_string(),
            format!(
                "week `{bad}` is not a week; use `this week`, `last week`, `next week`, a week \
                 number like `W05`, a quarter and week like `FY27-Q1 W05`, or a date like \
                 `2026-03-02`"
            ),
        );
    }
    assert_eq!(
        parse(" ").unwrap_err().to_string(),
        "week is empty; use `this week`, `last week`, `next week`, a week number like `W05`, \
         a quarter and week like `FY27-Q1 W05`, or a date like `2026-03-02`"
    );
    assert_eq!(
        parse("2026-02-30").unwrap_err().to_string(),
        "date `2026-02-30` does not exist; give any day of the week as YYYY-MM-DD like `2026-03-02`"
    );
    assert_eq!(
        parse("2040-01-01").unwrap_err().to_string(),
        "date `2040-01-01` is more than 10 years from today; check the year"
    );
}
