//! Percentages as people type them (`25%`, `25`, `2.5%`, `250bp`) into integer basis points,
//! and back (`2.5%`). At most 2 decimals (0.01% = 1 bp), between 0% and 100%.

use super::{ProgramError, BP_WHOLE};
use crate::domain::echo;

/// Parses a percentage into basis points: `25%` and `25` give 2,500; `2.5%` gives 250;
/// `0.01%` gives 1; `150bp` gives 150. Refuses negatives, more than 2 decimals and more than
/// 100%. `what` names the option in messages (`discount`).
pub fn parse_percent(input: &str, what: &str) -> Result<i64, ProgramError> {
    let text = input.trim();
    let not_a_percent = || ProgramError::NotAPercent {
        what: what.to_string(),
        input: echo(text),
    };
    let lower = text.to_ascii_lowercase();
    if let Some(bp) = lower.strip_suffix("bp").map(str::trim) {
        if bp.is_empty() || bp.len() > 6 || !bp.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not_a_percent());
        }
        let bp: i64 = bp.parse().map_err(|_| not_a_percent())?;
        return within_hundred(bp, what, text);
    }
    let number = lower.strip_suffix('%').unwrap_or(&lower).trim();
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return Err(not_a_percent());
    }
    if fraction.len() > 2 {
        return Err(ProgramError::PercentTooPrecise {
            what: what.to_string(),
            input: echo(text),
        });
    }
    // More than 4 digits before the point is over 100% anyway; keeps the parse small.
    if whole.trim_start_matches('0').len() > 4 {
        return Err(ProgramError::PercentOverHundred {
            what: what.to_string(),
            input: echo(text),
        });
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| not_a_percent())?
    };
    let hundredths: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().map_err(|_| not_a_percent())? * 10,
        _ => fraction.parse().map_err(|_| not_a_percent())?,
    };
    within_hundred(whole * 100 + hundredths, what, text)
}

fn within_hundred(bp: i64, what: &str, text: &str) -> Result<i64, ProgramError> {
    if bp > BP_WHOLE {
        Err(ProgramError::PercentOverHundred {
            what: what.to_string(),
            input: echo(text),
        })
    } else {
        Ok(bp)
    }
}

/// Basis points as a percentage with no trailing zeros: `2500` → `25%`, `250` → `2.5%`,
/// `125` → `1.25%`, `5` → `0.05%`.
pub fn format_bp(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let abs = bp.unsigned_abs();
    let (whole, hundredths) = (abs / 100, abs % 100);
    match hundredths {
        0 => format!("{sign}{whole}%"),
        h if h % 10 == 0 => format!("{sign}{whole}.{}%", h / 10),
        h => format!("{sign}{whole}.{h:02}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_parse_with_or_without_the_sign_and_up_to_two_decimals() {
        for (input, bp) in [
            ("25%", 2500),
            ("25", 2500),
            (" 25 % ", 2500),
            ("2.5%", 250),
            ("2.50", 250),
            ("0.01%", 1),
            (".5%", 50),
            ("0", 0),
            ("100%", 10_000),
            ("100.00", 10_000),
            ("150bp", 150),
            ("150 BP", 150),
            ("007%", 700),
        ] {
            assert_eq!(parse_percent(input, "discount"), Ok(bp), "{input}");
        }
    }

    #[test]
    fn bad_percentages_say_what_is_wrong() {
        let err = |input| parse_percent(input, "discount").unwrap_err().to_string();
        assert_eq!(
            err("250%"),
            "discount `250%` is more than 100%; check the number"
        );
        assert_eq!(
            err("100.01%"),
            "discount `100.01%` is more than 100%; check the number"
        );
        assert_eq!(
            err("2.555%"),
            "discount `2.555%` has more than 2 decimals; the finest step is 0.01% (1 basis point)"
        );
        for bad in [
            "",
            "%",
            "-5%",
            "abc",
            "2,5%",
            "1e2",
            "5%%",
            ".",
            "1.2.3",
            "bp",
            "12345678bp",
        ] {
            assert!(
                err(bad).contains("is not a percentage"),
                "{bad}: {}",
                err(bad)
            );
        }
        assert!(err("99999999999999999999").contains("more than 100%"));
        assert!(err("10001bp").contains("more than 100%"));
    }

    #[test]
    fn basis_points_format_without_trailing_zeros() {
        for (bp, text) in [
            (2500, "25%"),
            (250, "2.5%"),
            (125, "1.25%"),
            (5, "0.05%"),
            (0, "0%"),
            (10_000, "100%"),
            (-50, "-0.5%"),
        ] {
            assert_eq!(format_bp(bp), text);
        }
    }
}
