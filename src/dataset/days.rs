//! Dates and instants as the store writes them ([`crate::store::codec`]), formatted once per day
//! of a generator's window, because millions of rows share a few thousand days.

use crate::store::codec;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Times of day per date: working hours in UTC, one per slot.
pub const SLOTS: usize = 12;

#[derive(Debug)]
pub struct Days {
    first: NaiveDate,
    dates: Vec<String>,
    /// `SLOTS` instants per day, never later than the generator's "now".
    instants: Vec<String>,
}

impl Days {
    /// Every day from `first` to `last` inclusive.
    pub fn new(first: NaiveDate, last: NaiveDate, now: DateTime<Utc>) -> Days {
        let count = (last - first).num_days().max(0) as usize + 1;
        let mut dates = Vec::with_capacity(count);
        let mut instants = Vec::with_capacity(count * SLOTS);
        for i in 0..count {
            let day = first + Duration::days(i as i64);
            dates.push(codec::date(day));
            for slot in 0..SLOTS {
                instants.push(codec::instant(at(day, slot, now)));
            }
        }
        Days {
            first,
            dates,
            instants,
        }
    }

    pub fn len(&self) -> usize {
        self.dates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    pub fn day(&self, index: usize) -> NaiveDate {
        self.first + Duration::days(index as i64)
    }

    pub fn date(&self, index: usize) -> &str {
        &self.dates[index]
    }

    pub fn instant(&self, index: usize, slot: usize) -> &str {
        &self.instants[index * SLOTS + slot % SLOTS]
    }
}

/// An instant on `day` in working hours (13:00-24:00 UTC, the Americas' working day), moved
/// back to just before `now` when it would be in the future.
pub fn at(day: NaiveDate, slot: usize, now: DateTime<Utc>) -> DateTime<Utc> {
    let slot = (slot % SLOTS) as u32;
    let time = day
        .and_hms_opt(12 + slot, (slot * 23 + 7) % 60, (slot * 37 + 11) % 60)
        .expect("valid time of day")
        .and_utc();
    if time > now {
        now - Duration::minutes(i64::from(slot) * 7 + 5)
    } else {
        time
    }
}

/// [`at`], as stored text.
pub fn stamp(day: NaiveDate, slot: usize, now: DateTime<Utc>) -> String {
    codec::instant(at(day, slot, now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn instants_are_on_their_day_and_never_after_now() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 15, 0, 0).unwrap();
        let first = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let days = Days::new(first, now.date_naive(), now);
        assert_eq!(days.len(), 8);
        assert_eq!(days.date(0), "2026-11-20");
        assert!(days.instant(0, 3).starts_with("2026-11-20T15:"));
        for slot in 0..SLOTS {
            assert!(days.instant(7, slot) <= codec::instant(now).as_str());
        }
    }
}
