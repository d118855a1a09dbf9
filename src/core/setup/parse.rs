//! Reading the settings people type: IANA timezones (case-insensitive, spaces for underscores,
//! close names suggested on a typo) and months (by name, three-letter abbreviation or number).

use crate::core::error::{CommandError, CommandResult};
use crate::domain::calendar::FiscalCalendar;
use crate::domain::{echo, names};
use chrono_tz::{Tz, TZ_VARIANTS};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `Europe/Berlin`, `europe/berlin`, `America/New York`, `UTC`.
pub(crate) fn timezone(input: &str) -> CommandResult<Tz> {
    let wanted = input.trim().replace(' ', "_");
    if let Ok(tz) = wanted.parse::<Tz>() {
        return Ok(tz);
    }
    if let Some(tz) = TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(&wanted))
    {
        return Ok(*tz);
    }
    let hint = names::did_you_mean(&names::suggest(
        input,
        TZ_VARIANTS.iter().map(|tz| tz.name()),
    ));
    Err(CommandError::invalid(format!(
        "timezone `{}` is not an IANA timezone.{hint} Use a name like `Europe/Berlin`, \
         `America/New_York` or `UTC`.",
        echo(input)
    )))
}

/// The month number (1..=12) of `february`, `Feb` or `2`.
pub(super) fn month(input: &str) -> CommandResult<u32> {
    let key = input.trim().to_lowercase();
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
        let n = key.parse::<u32>().unwrap_or(0);
        return Ok(FiscalCalendar::new(n)?.start_month());
    }
    let found = MONTHS.iter().position(|m| {
        let m = m.to_lowercase();
        m == key || (key.chars().count() >= 3 && m.starts_with(&key))
    });
    match found {
        Some(i) => Ok(i as u32 + 1),
        None => {
            let hint = names::did_you_mean(&names::suggest(input, MONTHS));
            Err(CommandError::invalid(format!(
                "`fiscal_year_start` cannot be `{}`.{hint} Give a month name like `february` \
                 or its number, like `2`.",
                echo(input)
            )))
        }
    }
}

/// `February` for 2.
pub(crate) fn month_name(month: u32) -> &'static str {
    MONTHS
        .get(month.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timezones_are_read_case_insensitively_and_with_spaces() {
        assert_eq!(timezone("Europe/Berlin").unwrap(), Tz::Europe__Berlin);
        assert_eq!(timezone("europe/berlin").unwrap(), Tz::Europe__Berlin);
        assert_eq!(timezone("America/New York").unwrap(), Tz::America__New_York);
        assert_eq!(timezone(" UTC ").unwrap(), Tz::UTC);
    }

    #[test]
    fn a_misspelt_timezone_suggests_the_close_one() {
        let err = timezone("Europe/Berln").unwrap_err().to_string();
        assert!(
            err.contains("timezone `Europe/Berln` is not an IANA timezone"),
            "{err}"
        );
        assert!(err.contains("Did you mean `Europe/Berlin`"), "{err}");
    }

    #[test]
    fn months_are_read_by_name_abbreviation_or_number() {
        assert_eq!(month("february").unwrap(), 2);
        assert_eq!(month("Feb").unwrap(), 2);
        assert_eq!(month("2").unwrap(), 2);
        assert_eq!(month("12").unwrap(), 12);
        assert_eq!(month_name(11), "November");
    }

    #[test]
    fn a_month_out_of_range_or_misspelt_is_refused() {
        let err = month("13").unwrap_err().to_string();
        assert!(err.contains("use 1 (January) to 12 (December)"), "{err}");
        let err = month("febuary").unwrap_err().to_string();
        assert!(err.contains("Did you mean `February`?"), "{err}");
        assert!(month("ju").is_err(), "too short to tell June from July");
    }
}
