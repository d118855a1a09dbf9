//! Reading the settings people type: months (by name, three-letter abbreviation or number).
//! Timezones are read by [`crate::core::timezone`], which `/schedule` shares.

use crate::core::error::{CommandError, CommandResult};
use crate::domain::calendar::FiscalCalendar;
use crate::domain::{echo, names};

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
