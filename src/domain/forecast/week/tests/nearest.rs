//! Which week a submission counts for: the nearest deadline, ties to the later week, and
//! the windows of instants that count for each week.

use super::*;

#[test]
fn a_submission_a_minute_either_side_of_the_deadline_counts_for_that_week() {
    let c = cal(NY, 1, "12:00");
    let week = c.week_starting(d(2026, 3, 2));
    assert_eq!(week.deadline_at(), at("2026-03-02T17:00:00Z"));
    for (submitted, late) in [
        ("2026-03-02T16:59:00Z", false),
        ("2026-03-02T17:00:00Z", false),
        ("2026-03-02T17:01:00Z", true),
        ("2026-03-02T19:00:00Z", true), // Monday 14:00 local
    ] {
        assert_eq!(c.week_at(at(submitted)), week, "{submitted}");
        assert_eq!(week.is_late(at(submitted)), late, "{submitted}");
    }
}

#[test]
fn friday_and_weekend_submissions_count_for_the_coming_monday() {
    let c = cal(NY, 1, "12:00");
    let coming = c.week_starting(d(2026, 3, 2));
    for submitted in [
        "2026-02-27T05:00:00Z", // Friday 00:00 local
        "2026-02-27T20:00:00Z", // Friday 15:00
        "2026-03-01T04:00:00Z", // Saturday 23:00
        "2026-03-02T04:59:00Z", // Sunday 23:59
    ] {
        let week = c.week_at(at(submitted));
        assert_eq!(week, coming, "{submitted}");
        assert!(!week.is_late(at(submitted)), "{submitted}");
    }
    // Thursday 20:00 local is nearer the previous Monday: late for that week.
    let thursday = at("2026-02-27T01:00:00Z");
    assert_eq!(c.week_at(thursday), c.prev(&coming));
    assert!(c.week_at(thursday).is_late(thursday));
    // With a Friday 17:00 deadline, Monday counts (late) for the week just ended and
    // Tuesday for the new one.
    let f = cal(BERLIN, 5, "17:00");
    let ended = f.week_starting(d(2026, 3, 2));
    assert_eq!(ended.deadline_at(), at("2026-03-06T16:00:00Z"));
    assert_eq!(f.week_at(at("2026-03-09T08:00:00Z")), ended);
    assert_eq!(f.week_at(at("2026-03-10T08:00:00Z")), f.next(&ended));
    assert_eq!(ended.window().1, at("2026-03-10T04:00:00Z"));
}

#[test]
fn the_midpoint_between_two_deadlines_goes_to_the_later_week() {
    let c = cal(NY, 1, "12:00");
    let later = c.week_starting(d(2026, 3, 2));
    let earlier = c.prev(&later);
    assert_eq!(earlier.deadline_at(), at("2026-02-23T17:00:00Z"));
    let midpoint = at("2026-02-27T05:00:00Z");
    assert_eq!(later.window().0, midpoint);
    assert_eq!(earlier.window().1, midpoint);
    assert_eq!(c.week_at(midpoint), later);
    assert_eq!(c.week_at(midpoint - TimeDelta::seconds(1)), earlier);
}

#[test]
fn windows_across_dst_changes_are_half_an_hour_off_seven_days() {
    let c = cal(NY, 1, "12:00");
    let seven_days = TimeDelta::days(7);
    for (monday, deadline, start, end, length) in [
        (
            d(2026, 3, 2),
            "2026-03-02T17:00:00Z",
            "2026-02-27T05:00:00Z",
            "2026-03-06T04:30:00Z",
            -30,
        ),
        (
            d(2026, 3, 9),
            "2026-03-09T16:00:00Z",
            "2026-03-06T04:30:00Z",
            "2026-03-13T04:00:00Z",
            -30,
        ),
        (
            d(2026, 3, 16),
            "2026-03-16T16:00:00Z",
            "2026-03-13T04:00:00Z",
            "2026-03-20T04:00:00Z",
            0,
        ),
        (
            d(2026, 11, 2),
            "2026-11-02T17:00:00Z",
            "2026-10-30T04:30:00Z",
            "2026-11-06T05:00:00Z",
            30,
        ),
    ] {
        let week = c.week_starting(monday);
        assert_eq!(week.deadline_at(), at(deadline), "{monday}");
        assert_eq!(week.window(), (at(start), at(end)), "{monday}");
        assert_eq!(at(end) - at(start), seven_days + TimeDelta::minutes(length));
        assert_eq!(c.week_at(at(start)), week);
        assert_eq!(c.week_at(at(end) - TimeDelta::seconds(1)), week);
        assert_eq!(c.week_at(at(end)), c.next(&week));
    }
}

/// For a year in each zone and two deadlines (one that falls in DST gaps and overlaps):
/// windows tile, hold their deadline and last 7 days ± 1 hour, and every sampled instant
/// counts for the week with the nearest deadline (the later one on a tie).
#[test]
fn windows_tile_and_the_nearest_deadline_wins_for_a_year_in_four_zones() {
    let seven_days = TimeDelta::days(7);
    for tz in [NY, BERLIN, KOLKATA, SYDNEY] {
        for (iso, hhmm) in [(1, "12:00"), (7, "02:30")] {
            let c = cal(tz, iso, hhmm);
            let mut week = c.week_starting(d(2026, 1, 1));
            let mut lengths = Vec::new();
            while week.start() < d(2027, 1, 4) {
                let next = c.next(&week);
                let (start, end) = week.window();
                assert_eq!(end, next.window().0, "{tz} {week}");
                assert!(
                    start < week.deadline_at() && week.deadline_at() < end,
                    "{tz} {week}"
                );
                let length = end - start;
                assert!(
                    (length - seven_days).abs() <= TimeDelta::hours(1),
                    "{tz} {week}"
                );
                lengths.push(length);
                week = next;
            }
            let off = lengths.iter().filter(|l| **l != seven_days).count();
            assert_eq!(
                off == 0,
                tz == KOLKATA,
                "{tz}: {off} windows are not 7 days"
            );

            let mut t = at("2026-01-05T00:00:00Z");
            while t < at("2027-01-01T00:00:00Z") {
                let w = c.week_at(t);
                let (start, end) = w.window();
                assert!(start <= t && t < end, "{tz} {t}");
                let distance = |x: &ForecastWeek| (t - x.deadline_at()).abs();
                assert!(distance(&w) <= distance(&c.prev(&w)), "{tz} {t}");
                assert!(distance(&w) < distance(&c.next(&w)), "{tz} {t}");
                t += TimeDelta::minutes(29);
            }
        }
    }
}
