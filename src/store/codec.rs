//! How values are written to and read from the database text columns: dates as `YYYY-MM-DD`,
//! instants as fixed-width UTC `YYYY-MM-DDTHH:MM:SS.mmmZ` (so text order is time order).

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

const INSTANT_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.3fZ";

pub fn instant(at: DateTime<Utc>) -> String {
    at.format(INSTANT_FORMAT).to_string()
}

pub fn parse_instant(text: &str) -> anyhow::Result<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text, INSTANT_FORMAT)
        .with_context(|| format!("stored instant `{text}` is malformed"))?;
    Ok(naive.and_utc())
}

pub fn date(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

pub fn parse_date(text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .with_context(|| format!("stored date `{text}` is malformed"))
}

pub fn parse_opt_date(text: Option<String>) -> anyhow::Result<Option<NaiveDate>> {
    text.as_deref().map(parse_date).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn instants_round_trip_and_sort_as_text() {
        let a = Utc.with_ymd_and_hms(2026, 3, 9, 7, 5, 0).unwrap();
        let b = Utc.with_ymd_and_hms(2026, 11, 27, 23, 59, 59).unwrap();
        assert_eq!(instant(a), "2026-03-09T07:05:00.000Z");
        assert_eq!(parse_instant(&instant(b)).unwrap(), b);
        assert!(instant(a) < instant(b));
    }

    #[test]
    fn dates_round_trip() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
        assert_eq!(parse_date(&date(d)).unwrap(), d);
        assert!(parse_date("2026-02-30").is_err());
    }
}
