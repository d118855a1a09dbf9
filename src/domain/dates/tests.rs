//! Tests of date parsing and formatting.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Today in these tests: Wednesday 14 January 2026.
fn today() -> NaiveDate {
    d(2026, 1, 14)
}

fn parse_ok(input: &str) -> NaiveDate {
    parse_date(input, today()).unwrap_or_else(|e| panic!("{input}: {e}"))
}

#[test]
fn the_test_day_is_a_wednesday() {
    assert_eq!(today().weekday(), Weekday::Wed);
}

#[test]
fn iso_dates_are_accepted() {
    assert_eq!(parse_ok("2026-12-15"), d(2026, 12, 15));
    assert_eq!(parse_ok(" 2026-3-5 "), d(2026, 3, 5));
    assert_eq!(parse_ok("2026/03/05"), d(2026, 3, 5));
    assert_eq!(parse_ok("2024-02-29"), d(2024, 2, 29));
}

#[test]
fn an_impossible_date_is_rejected() {
    for bad in [
        "2026-02-30",
        "2026-13-01",
        "2026-00-10",
        "2025-02-29",
        "2026-04-31",
    ] {
        let err = parse_date(bad, today()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "date `{bad}` does not exist; use YYYY-MM-DD like `2026-12-15`, \
                 or `today`, `+30d`, `next friday`"
            )
        );
    }
}

#[test]
fn words_for_nearby_days_are_accepted() {
    for (input, date) in [
        ("today", d(2026, 1, 14)),
        ("Today", d(2026, 1, 14)),
        ("tomorrow", d(2026, 1, 15)),
        ("yesterday", d(2026, 1, 13)),
        ("eom", d(2026, 1, 31)),
        ("end of month", d(2026, 1, 31)),
        ("End of the month", d(2026, 1, 31)),
    ] {
        assert_eq!(parse_ok(input), date, "{input}");
    }
}

#[test]
fn offsets_in_days_weeks_months_and_years_are_accepted() {
    for (input, date) in [
        ("+30d", d(2026, 2, 13)),
        ("30d", d(2026, 2, 13)),
        ("+30 days", d(2026, 2, 13)),
        ("in 30 days", d(2026, 2, 13)),
        ("-7d", d(2026, 1, 7)),
        ("7 days ago", d(2026, 1, 7)),
        ("+2w", d(2026, 1, 28)),
        ("-2w", d(2025, 12, 31)),
        ("in 2 weeks", d(2026, 1, 28)),
        ("+3m", d(2026, 4, 14)),
        ("+1 month", d(2026, 2, 14)),
        ("+1y", d(2027, 1, 14)),
        ("+0d", d(2026, 1, 14)),
    ] {
        assert_eq!(parse_ok(input), date, "{input}");
    }
}

#[test]
fn adding_months_clamps_to_the_end_of_the_month() {
    let jan31 = d(2026, 1, 31);
    assert_eq!(parse_date("+1m", jan31), Ok(d(2026, 2, 28)));
    assert_eq!(parse_date("+3m", jan31), Ok(d(2026, 4, 30)));
    assert_eq!(parse_date("-2m", d(2024, 4, 30)), Ok(d(2024, 2, 29)));
    assert_eq!(parse_date("+1y", d(2024, 2, 29)), Ok(d(2025, 2, 28)));
}

#[test]
fn a_weekday_is_the_next_one_on_or_after_today() {
    // Today is Wednesday 14 January 2026.
    for (input, date) in [
        ("wednesday", d(2026, 1, 14)),
        ("wed", d(2026, 1, 14)),
        ("this wednesday", d(2026, 1, 14)),
        ("thursday", d(2026, 1, 15)),
        ("friday", d(2026, 1, 16)),
        ("Fri", d(2026, 1, 16)),
        ("monday", d(2026, 1, 19)),
        ("tuesday", d(2026, 1, 20)),
    ] {
        assert_eq!(parse_ok(input), date, "{input}");
    }
}

#[test]
fn next_weekday_is_strictly_after_today() {
    for (input, date) in [
        ("next wednesday", d(2026, 1, 21)),
        ("next friday", d(2026, 1, 16)),
        ("next fri", d(2026, 1, 16)),
        ("next tuesday", d(2026, 1, 20)),
        ("last wednesday", d(2026, 1, 7)),
        ("last friday", d(2026, 1, 9)),
        ("last tuesday", d(2026, 1, 13)),
    ] {
        assert_eq!(parse_ok(input), date, "{input}");
    }
    let friday = d(2026, 1, 16);
    assert_eq!(parse_date("friday", friday), Ok(friday));
    assert_eq!(parse_date("next friday", friday), Ok(d(2026, 1, 23)));
}

#[test]
fn end_of_quarter_needs_the_fiscal_calendar() {
    let feb = FiscalCalendar::default();
    for (input, date) in [
        ("eoq", d(2026, 1, 31)),
        ("end of quarter", d(2026, 1, 31)),
        ("End of the quarter", d(2026, 1, 31)),
        ("eoy", d(2026, 1, 31)),
        ("eom", d(2026, 1, 31)),
        ("+30d", d(2026, 2, 13)),
    ] {
        assert_eq!(parse_date_in(input, today(), &feb), Ok(date), "{input}");
    }
    let jan = FiscalCalendar::new(1).unwrap();
    assert_eq!(parse_date_in("eoq", today(), &jan), Ok(d(2026, 3, 31)));
    assert_eq!(
        parse_date_in("end of year", today(), &jan),
        Ok(d(2026, 12, 31))
    );
    assert!(parse_date("eoq", today()).is_err());
}

#[test]
fn dates_more_than_ten_years_away_are_rejected() {
    for bad in [
        "2040-01-01",
        "2015-12-31",
        "+4000d",
        "+11y",
        "-121m",
        "+99999999999999d",
    ] {
        let err = parse_date(bad, today()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("date `{bad}` is more than 10 years from today; check the year"),
        );
    }
    assert_eq!(parse_ok("+10y"), d(2036, 1, 14));
    assert_eq!(parse_ok("2016-01-14"), d(2016, 1, 14));
}

#[test]
fn unknown_dates_say_what_forms_work() {
    for bad in [
        "someday",
        "next week",
        "12/15/2026",
        "15-12-2026",
        "+30",
        "30x",
        "+-3d",
        "next",
        "friday next",
        "-3 days ago",
    ] {
        let err = parse_date(bad, today()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "date `{bad}` is not a date; use YYYY-MM-DD like `2026-12-15`, \
                 or `today`, `+30d`, `next friday`"
            ),
        );
    }
    assert_eq!(
        parse_date("", today()).unwrap_err().to_string(),
        "date is empty; use YYYY-MM-DD like `2026-12-15`, or `today`, `+30d`, `next friday`"
    );
}

#[test]
fn dates_are_formatted_for_people_and_for_storage() {
    let date = d(2026, 12, 15);
    assert_eq!(format_date(date), "Tue 15 Dec 2026");
    assert_eq!(format_date(d(2026, 3, 5)), "Thu 5 Mar 2026");
    assert_eq!(format_iso(d(2026, 3, 5)), "2026-03-05");
    assert_eq!(parse_iso("2026-03-05"), Some(d(2026, 3, 5)));
    assert_eq!(parse_iso("2026-02-30"), None);
    assert_eq!(
        format_date_relative(d(2026, 1, 26), today()),
        "Mon 26 Jan 2026 (in 12 days)"
    );
}

#[test]
fn relative_descriptions_read_naturally() {
    for (date, text) in [
        (d(2026, 1, 14), "today"),
        (d(2026, 1, 15), "tomorrow"),
        (d(2026, 1, 13), "yesterday"),
        (d(2026, 1, 17), "in 3 days"),
        (d(2026, 1, 4), "10 days ago"),
    ] {
        assert_eq!(format_relative(date, today()), text);
    }
}

#[test]
fn end_of_month_handles_leap_years() {
    assert_eq!(end_of_month(d(2024, 2, 10)), d(2024, 2, 29));
    assert_eq!(end_of_month(d(2026, 12, 1)), d(2026, 12, 31));
}
