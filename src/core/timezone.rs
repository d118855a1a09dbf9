//! Reading a `timezone:` people type, for `/setup workspace` and `/schedule add`: an IANA name,
//! case-insensitive, spaces for underscores, close names suggested on a typo.

use crate::core::error::{CommandError, CommandResult};
use crate::domain::{echo, names};
use chrono_tz::{Tz, TZ_VARIANTS};

/// `Europe/Berlin`, `europe/berlin`, `America/New York`, `UTC`.
pub(crate) fn parse(input: &str) -> CommandResult<Tz> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timezones_are_read_case_insensitively_and_with_spaces() {
        assert_eq!(parse("Europe/Berlin").unwrap(), Tz::Europe__Berlin);
        assert_eq!(parse("europe/berlin").unwrap(), Tz::Europe__Berlin);
        assert_eq!(parse("America/New York").unwrap(), Tz::America__New_York);
        assert_eq!(parse(" UTC ").unwrap(), Tz::UTC);
    }

    #[test]
    fn a_misspelt_timezone_suggests_the_close_one() {
        let err = parse("Europe/Berln").unwrap_err().to_string();
        assert!(
            err.contains("timezone `Europe/Berln` is not an IANA timezone"),
            "{err}"
        );
        assert!(err.contains("Did you mean `Europe/Berlin`"), "{err}");
    }
}
