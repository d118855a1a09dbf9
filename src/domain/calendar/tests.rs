//! Tests of the fiscal calendar, for every start month.

use chrono::Datelike;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn cal(start_month: u32) -> FiscalCalendar {
    FiscalCalendar::new(start_month).unwrap()
}

#[test]
fn the_default_fiscal_year_starts_in_february() {
    assert_eq!(FiscalCalendar::default().start_month(), 2);
}

#[test]
fn a_start_month_outside_1_to_12_is_rejected() {
    for bad in [0, 13] {
        let err = FiscalCalendar::new(bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "fiscal year start month `{bad}` is not a month; use 1 (January) to 12 (December)"
            )
        );
    }
}

#[test]
fn the_fiscal_year_is_named_after_the_year_it_ends_in() {
    let feb = FiscalCalendar::default();
    assert_eq!(feb.year_of(d(2026, 1, 31)), 2026);
    assert_eq!(feb.year_of(d(2026, 2, 1)), 2027);
    assert_eq!(feb.year_of(d(2027, 1, 31)), 2027);
    assert_eq!(feb.year_bounds(2027), (d(2026, 2, 1), d(2027, 1, 31)));
    let jan = cal(1);
    assert_eq!(jan.year_of(d(2026, 1, 1)), 2026);
    assert_eq!(jan.year_of(d(2026, 12, 31)), 2026);
    assert_eq!(jan.year_bounds(2026), (d(2026, 1, 1), d(2026, 12, 31)));
}

/// For each start month: (date, expected label, first day, last day of its quarter).
#[test]
fn quarters_around_year_boundaries_for_every_start_month() {
    let table: &[(u32, NaiveDate, &str, NaiveDate, NaiveDate)] = &[
        (
            1,
            d(2025, 12, 31),
            "FY25-Q4",
            d(2025, 10, 1),
            d(2025, 12, 31),
        ),
        (1, d(2026, 1, 1), "FY26-Q1", d(2026, 1, 1), d(2026, 3, 31)),
        (2, d(2026, 1, 31), "FY26-Q4", d(2025, 11, 1), d(2026, 1, 31)),
        (2, d(2026, 2, 1), "FY27-Q1", d(2026, 2, 1), d(2026, 4, 30)),
        (2, d(2026, 5, 1), "FY27-Q2", d(2026, 5, 1), d(2026, 7, 31)),
        (
            2,
            d(2026, 12, 15),
            "FY27-Q4",
            d(2026, 11, 1),
            d(2027, 1, 31),
        ),
        (3, d(2026, 2, 28), "FY26-Q4", d(2025, 12, 1), d(2026, 2, 28)),
        (3, d(2026, 3, 1), "FY27-Q1", d(2026, 3, 1), d(2026, 5, 31)),
        (4, d(2026, 3, 31), "FY26-Q4", d(2026, 1, 1), d(2026, 3, 31)),
        (4, d(2026, 4, 1), "FY27-Q1", d(2026, 4, 1), d(2026, 6, 30)),
        (4, d(2027, 1, 1), "FY27-Q4", d(2027, 1, 1), d(2027, 3, 31)),
        (5, d(2026, 4, 30), "FY26-Q4", d(2026, 2, 1), d(2026, 4, 30)),
        (
            5,
            d(2025, 12, 31),
            "FY26-Q3",
            d(2025, 11, 1),
            d(2026, 1, 31),
        ),
        (6, d(2026, 5, 31), "FY26-Q4", d(2026, 3, 1), d(2026, 5, 31)),
        (6, d(2026, 1, 1), "FY26-Q3", d(2025, 12, 1), d(2026, 2, 28)),
        (7, d(2025, 7, 1), "FY26-Q1", d(2025, 7, 1), d(2025, 9, 30)),
        (7, d(2026, 1, 1), "FY26-Q3", d(2026, 1, 1), d(2026, 3, 31)),
        (7, d(2026, 6, 30), "FY26-Q4", d(2026, 4, 1), d(2026, 6, 30)),
        (
            8,
            d(2025, 12, 31),
            "FY26-Q2",
            d(2025, 11, 1),
            d(2026, 1, 31),
        ),
        (8, d(2026, 7, 31), "FY26-Q4", d(2026, 5, 1), d(2026, 7, 31)),
        (9, d(2026, 1, 15), "FY26-Q2", d(2025, 12, 1), d(2026, 2, 28)),
        (9, d(2024, 2, 29), "FY24-Q2", d(2023, 12, 1), d(2024, 2, 29)),
        (
            10,
            d(2025, 10, 1),
            "FY26-Q1",
            d(2025, 10, 1),
            d(2025, 12, 31),
        ),
        (10, d(2026, 1, 1), "FY26-Q2", d(2026, 1, 1), d(2026, 3, 31)),
        (
            11,
            d(2025, 12, 31),
            "FY26-Q1",
            d(2025, 11, 1),
            d(2026, 1, 31),
        ),
        (
            11,
            d(2026, 10, 31),
            "FY26-Q4",
            d(2026, 8, 1),
            d(2026, 10, 31),
        ),
        (
            12,
            d(2025, 11, 30),
            "FY25-Q4",
            d(2025, 9, 1),
            d(2025, 11, 30),
        ),
        (
            12,
            d(2025, 12, 1),
            "FY26-Q1",
            d(2025, 12, 1),
            d(2026, 2, 28),
        ),
        (
            12,
            d(2026, 1, 31),
            "FY26-Q1",
            d(2025, 12, 1),
            d(2026, 2, 28),
        ),
    ];
    for &(start, date, label, first, last) in table {
        let c = cal(start);
        let q = c.quarter_of(date);
        assert_eq!(q.label(), label, "start {start}, {date}");
        assert_eq!(c.quarter_bounds(q), (first, last), "start {start}, {date}");
        assert_eq!((q.first_day(&c), q.last_day(&c)), (first, last));
        assert!(q.contains(&c, date));
    }
    let months: Vec<u32> = table.iter().map(|row| row.0).collect();
    assert!((1..=12).all(|m| months.contains(&m)));
}

#[test]
fn every_day_falls_in_exactly_one_contiguous_quarter_for_every_start_month() {
    for start in 1..=12 {
        let c = cal(start);
        let mut day = d(2023, 1, 1);
        let mut previous = c.quarter_of(day);
        while day <= d(2029, 12, 31) {
            let q = c.quarter_of(day);
            let (first, last) = c.quarter_bounds(q);
            assert!(first <= day && day <= last, "start {start}, {day}");
            assert!(
                (88..=91).contains(&(last - first).num_days()),
                "{start} {q}"
            );
            if q != previous {
                assert_eq!(q, previous.next(), "start {start}, {day}");
                assert_eq!(first, day, "start {start}, {day}");
                assert_eq!(first.day(), 1);
            }
            let (year_first, year_last) = c.year_bounds(q.fiscal_year());
            assert_eq!(
                year_last.year(),
                q.fiscal_year(),
                "named after the year it ends"
            );
            assert_eq!(year_first.month(), start);
            assert!(year_first <= day && day <= year_last);
            previous = q;
            day = day.succ_opt().unwrap();
        }
    }
}

#[test]
fn quarters_step_forward_and_back_across_fiscal_years() {
    let q4 = FiscalQuarter::new(2026, 4).unwrap();
    assert_eq!(q4.next().label(), "FY27-Q1");
    assert_eq!(q4.next().prev(), q4);
    assert_eq!(q4.prev().label(), "FY26-Q3");
    assert!(q4 < q4.next());
    assert_eq!(FiscalQuarter::new(2026, 5), None);
    assert_eq!(FiscalQuarter::new(2026, 0), None);
}

#[test]
fn quarter_labels_parse_in_common_spellings() {
    for input in [
        "FY27-Q1",
        "fy27 q1",
        "FY27Q1",
        "Q1 FY27",
        "q1-fy27",
        "FY2027-Q1",
        "Q1 FY2027",
        " fy27_q1 ",
    ] {
        let q: FiscalQuarter = input.parse().unwrap();
        assert_eq!(q, FiscalQuarter::new(2027, 1).unwrap(), "{input}");
    }
    assert_eq!(FiscalQuarter::new(2030, 4).unwrap().to_string(), "FY30-Q4");
    assert_eq!(FiscalQuarter::new(2009, 2).unwrap().label(), "FY09-Q2");
}

#[test]
fn malformed_quarter_labels_are_rejected() {
    for bad in [
        "FY27-Q5", "FY27-Q0", "FY27", "Q1", "FY7-Q1", "FY027-Q1", "2027-Q1", "FYxx-Q1", "",
    ] {
        let err = bad.parse::<FiscalQuarter>().unwrap_err();
        assert!(err.to_string().contains("is not a fiscal quarter"), "{bad}");
    }
    assert_eq!(
        "FY27-Q5".parse::<FiscalQuarter>().unwrap_err().to_string(),
        "quarter `FY27-Q5` is not a fiscal quarter; use a label like `FY27-Q1`"
    );
}

#[test]
fn periods_are_relative_to_today() {
    let c = FiscalCalendar::default();
    let today = d(2026, 2, 10);
    for (input, label) in [
        ("this_quarter", "FY27-Q1"),
        ("this quarter", "FY27-Q1"),
        ("Current", "FY27-Q1"),
        ("last_quarter", "FY26-Q4"),
        ("previous-quarter", "FY26-Q4"),
        ("next_quarter", "FY27-Q2"),
        ("Q3", "FY27-Q3"),
        ("FY26-Q2", "FY26-Q2"),
    ] {
        assert_eq!(
            c.parse_period(input, today).unwrap().label(),
            label,
            "{input}"
        );
    }
}

#[test]
fn an_unknown_period_lists_the_forms() {
    let err = FiscalCalendar::default()
        .parse_period("last year", d(2026, 2, 10))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "period `last year` is not a period; use `this_quarter`, `last_quarter`, \
         `next_quarter` or a quarter like `FY27-Q1`"
    );
}
