//! The short English reading of a [`CronExpr`] for common shapes: `every day at 08:00`,
//! `weekdays at 08:30`, `weekends at 10:00`, `every Monday at 09:00`, `every Monday and
//! Thursday at 09:00`, `every hour`, `every hour at :30`, `every 15 minutes`,
//! `every minute`. Anything else has no reading here (the caller shows the expression).

use super::CronExpr;

/// Hours 0-23, days 1-31, months 1-12, weekdays 0-6 all set.
const ALL_HOURS: u64 = (1 << 24) - 1;
const ALL_DAYS: u64 = ((1 << 32) - 1) & !1;
const ALL_MONTHS: u64 = ((1 << 13) - 1) & !1;
const ALL_WEEKDAYS: u64 = (1 << 7) - 1;
/// Monday to Friday, Saturday and Sunday.
const WEEKDAYS_MON_FRI: u64 = 0b011_1110;
const WEEKEND: u64 = 0b100_0001;

/// Weekday names by number, 0 = Sunday.
const WEEKDAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// The reading of `cron`, or `None` for a shape without one.
pub(super) fn describe(cron: &CronExpr) -> Option<String> {
    if cron.months != ALL_MONTHS {
        return None;
    }
    let days = day_rule(cron)?;
    if days == ALL_WEEKDAYS && cron.hours == ALL_HOURS {
        if let Some(every) = minute_interval(cron.minutes) {
            return Some(match every {
                1 => "every minute".to_string(),
                n => format!("every {n} minutes"),
            });
        }
    }
    let minute = single(cron.minutes)?;
    if days == ALL_WEEKDAYS && cron.hours == ALL_HOURS {
        return Some(match minute {
            0 => "every hour".to_string(),
            m => format!("every hour at :{m:02}"),
        });
    }
    let at = format!("at {:02}:{minute:02}", single(cron.hours)?);
    Some(match days {
        ALL_WEEKDAYS => format!("every day {at}"),
        WEEKDAYS_MON_FRI => format!("weekdays {at}"),
        WEEKEND => format!("weekends {at}"),
        _ => format!("every {} {at}", weekday_list(days)),
    })
}

/// The weekdays every day of every month matches on (all seven for every day), or `None`
/// when the day of the month matters.
fn day_rule(cron: &CronExpr) -> Option<u64> {
    let all_days = cron.days == ALL_DAYS;
    let all_weekdays = cron.weekdays == ALL_WEEKDAYS;
    if cron.days_star || cron.weekdays_star {
        // Both must match.
        all_days.then_some(cron.weekdays)
    } else if all_days || all_weekdays {
        // Either matches, and one matches every day.
        Some(ALL_WEEKDAYS)
    } else {
        None
    }
}

/// `n` if the minutes are exactly 0, n, 2n, ... with `n` dividing the hour.
fn minute_interval(minutes: u64) -> Option<u32> {
    (1..=30).find(|&n| {
        60 % n == 0 && minutes == (0..60).step_by(n as usize).fold(0, |bits, m| bits | 1 << m)
    })
}

/// The one value of a bit set with exactly one bit.
fn single(bits: u64) -> Option<u32> {
    (bits.count_ones() == 1).then(|| bits.trailing_zeros())
}

/// `Monday`, `Monday and Thursday`, `Monday, Wednesday and Friday`, Monday first.
fn weekday_list(days: u64) -> String {
    let names: Vec<&str> = [1, 2, 3, 4, 5, 6, 0]
        .into_iter()
        .filter(|&d| days & (1 << d) != 0)
        .map(|d| WEEKDAY_NAMES[d])
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    }
}
