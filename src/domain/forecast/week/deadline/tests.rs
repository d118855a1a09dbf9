//! Tests of deadlines: the stored form, what people type, refusals and display.

use super::*;

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn a_stored_deadline_is_an_iso_weekday_and_hh_mm() {
    assert_eq!(Deadline::new(1, "12:00").unwrap(), Deadline::default());
    let friday = Deadline::new(5, "09:30").unwrap();
    assert_eq!((friday.weekday, friday.time), (Weekday::Fri, hm(9, 30)));
    assert_eq!(
        (friday.iso_weekday(), friday.time_hhmm()),
        (5, "09:30".to_string())
    );
    assert_eq!(Deadline::new(7, "9:05").unwrap().time_hhmm(), "09:05");
    for (iso, weekday) in (1..=7).zip(WEEKDAYS) {
        let deadline = Deadline::new(iso, "23:59").unwrap();
        assert_eq!(deadline.weekday, weekday);
        assert_eq!(
            Deadline::new(deadline.iso_weekday(), &deadline.time_hhmm()),
            Ok(deadline)
        );
    }
    assert_eq!(Deadline::new(3, "00:00").unwrap().time, NaiveTime::MIN);
}

#[test]
fn a_stored_deadline_outside_its_ranges_is_refused() {
    for bad in [0, 8, 70] {
        assert_eq!(
            Deadline::new(bad, "12:00").unwrap_err().to_string(),
            format!("deadline weekday `{bad}` is not a weekday; use 1 (Monday) to 7 (Sunday)")
        );
    }
    for bad in [
        "24:00", "12:60", "12", "12:0", "123:00", "12:00:00", "noon", "5pm", "",
    ] {
        assert_eq!(
            Deadline::new(1, bad).unwrap_err().to_string(),
            format!(
                "deadline time `{bad}` is not a time; use HH:MM on the 24-hour clock like `12:00`"
            ),
        );
    }
}

#[test]
fn typed_deadlines_parse_in_common_spellings() {
    for (input, weekday, time) in [
        ("monday 12:00", Weekday::Mon, hm(12, 0)),
        ("Mon 12:00", Weekday::Mon, hm(12, 0)),
        ("mon 9:30", Weekday::Mon, hm(9, 30)),
        ("friday 17:00", Weekday::Fri, hm(17, 0)),
        ("Friday 5pm", Weekday::Fri, hm(17, 0)),
        ("fri 12:30pm", Weekday::Fri, hm(12, 30)),
        ("tue noon", Weekday::Tue, hm(12, 0)),
        ("TUESDAY NOON", Weekday::Tue, hm(12, 0)),
        ("wed 9am", Weekday::Wed, hm(9, 0)),
        ("thu 11:45 pm", Weekday::Thu, hm(23, 45)),
        ("thurs 8 AM", Weekday::Thu, hm(8, 0)),
        ("sat midnight", Weekday::Sat, hm(0, 0)),
        ("  sunday   at 18:15 ", Weekday::Sun, hm(18, 15)),
        ("Monday, 12:00", Weekday::Mon, hm(12, 0)),
        ("mon 12am", Weekday::Mon, hm(0, 0)),
        ("mon 12pm", Weekday::Mon, hm(12, 0)),
        ("mon 12:30am", Weekday::Mon, hm(0, 30)),
        ("mon 1am", Weekday::Mon, hm(1, 0)),
        ("mon 11pm", Weekday::Mon, hm(23, 0)),
    ] {
        let deadline: Deadline = input.parse().unwrap();
        assert_eq!(
            (deadline.weekday, deadline.time),
            (weekday, time),
            "{input}"
        );
    }
}

#[test]
fn a_typed_deadline_that_is_not_a_weekday_and_time_is_refused() {
    for bad in [
        "funday 12:00",
        "monday",
        "12:00",
        "noon monday",
        "monday 13pm",
        "monday 0am",
        "monday 25:00",
        "monday 12:00 pm extra",
        "monday 12:5",
        "mo 12:00",
        "monday at",
    ] {
        assert_eq!(
            bad.parse::<Deadline>().unwrap_err().to_string(),
            format!(
                "deadline `{bad}` is not a weekday and time; try `monday 12:00` or `friday 5pm`"
            ),
        );
    }
    assert_eq!(
        "  ".parse::<Deadline>().unwrap_err().to_string(),
        "deadline is empty; try `monday 12:00` or `friday 5pm`"
    );
    assert_eq!(
        "fun`day 9".parse::<Deadline>().unwrap_err().to_string(),
        "deadline `fun'day 9` is not a weekday and time; try `monday 12:00` or `friday 5pm`"
    );
}

#[test]
fn a_deadline_displays_as_weekday_and_24_hour_time_and_parses_back() {
    assert_eq!(Deadline::default().to_string(), "Monday 12:00");
    assert_eq!(
        "fri 5pm".parse::<Deadline>().unwrap().to_string(),
        "Friday 17:00"
    );
    let names = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    for (iso, name) in (1..=7).zip(names) {
        let deadline = Deadline::new(iso, "09:05").unwrap();
        assert_eq!(deadline.to_string(), format!("{name} 09:05"));
        assert_eq!(deadline.to_string().parse(), Ok(deadline));
    }
}
