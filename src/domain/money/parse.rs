//! Reading amounts people type (`120k`, `$1.2M`, `USD 1,000`) into integer minor units:
//! currency symbols and codes, multipliers, thousands separators, decimals and bounds.

use std::fmt::Write as _;

use super::{Currency, MAX_MAJOR_UNITS};
use crate::domain::{echo, DomainError};

/// Currency symbols people type, longest first: (symbol, codes it can mean, how to name it).
#[rustfmt::skip]
const SYMBOLS: &[(&str, &[&str], &str)] = &[
    ("US$", &["USD"], "USD"), ("AU$", &["AUD"], "AUD"), ("CA$", &["CAD"], "CAD"),
    ("NZ$", &["NZD"], "NZD"), ("HK$", &["HKD"], "HKD"), ("A$", &["AUD"], "AUD"),
    ("C$", &["CAD"], "CAD"), ("S$", &["SGD"], "SGD"), ("R$", &["BRL"], "BRL"),
    ("$", &["USD", "AUD", "CAD", "NZD", "SGD", "HKD", "MXN", "TWD"], "dollars"),
    ("€", &["EUR"], "EUR"), ("£", &["GBP"], "GBP"), ("¥", &["JPY", "CNY"], "yen or yuan"),
    ("₹", &["INR"], "INR"), ("₩", &["KRW"], "KRW"),
];

/// Multiplier words allowed after the number, with their power of ten.
#[rustfmt::skip]
const MULTIPLIERS: &[(&str, u32)] = &[
    ("k", 3), ("thousand", 3),
    ("m", 6), ("mm", 6), ("mn", 6), ("mil", 6), ("mln", 6), ("million", 6),
    ("b", 9), ("bn", 9), ("bln", 9), ("billion", 9),
];

/// Parses a deal amount into minor units of `currency`. Zero is refused; see
/// [`parse_amount_or_zero`] for forecast numbers.
///
/// Accepted: `120000`, `120k`, `1.2M`, `1.5m`, `1.2bn`, `$95,000.50`, `€1.5k`, `USD 1,000`,
/// `5000 EUR`, `1,234.56`. Thousands separators must be commas in groups of three, the decimal
/// separator is a dot, and no more decimals than the currency has (after the multiplier:
/// `1.234k` is 1234). A symbol or code must match `currency`. Negative amounts, zero and amounts
/// above [`MAX_MAJOR_UNITS`] are refused.
pub fn parse_amount(input: &str, currency: Currency) -> Result<i64, DomainError> {
    match parse_amount_or_zero(input, currency)? {
        0 => Err(DomainError::ZeroAmount { input: echo(input) }),
        minor => Ok(minor),
    }
}

/// [`parse_amount`], but zero is allowed (a forecast of nothing is a valid forecast).
pub fn parse_amount_or_zero(input: &str, currency: Currency) -> Result<i64, DomainError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(DomainError::Empty {
            what: "amount".to_string(),
            hint: "; try `120000` or `120k`".to_string(),
        });
    }
    let not_a_number = || DomainError::NotANumber { input: echo(text) };

    let (mut negative, s) = strip_sign(text);
    let s = strip_leading_currency(s, currency, text)?;
    let (second_sign, s) = strip_sign(s);
    if negative && second_sign {
        return Err(not_a_number());
    }
    negative |= second_sign;
    let s = strip_trailing_currency(s, currency, text)?;

    let letters = s.len() - s.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
    let (body, power) = if letters == 0 {
        (s, 0)
    } else {
        let word = &s[s.len() - letters..];
        let power = MULTIPLIERS
            .iter()
            .find(|(m, _)| m.eq_ignore_ascii_case(word))
            .map(|(_, p)| *p)
            .ok_or_else(not_a_number)?;
        (s[..s.len() - letters].trim_end(), power)
    };

    let number = parse_digits(body).ok_or_else(not_a_number)?;
    let exponent = currency.exponent();
    let frac_len = u32::try_from(number.frac.len()).unwrap_or(u32::MAX);
    let shift = power + exponent;
    if frac_len > shift {
        return Err(DomainError::TooManyDecimals {
            input: echo(text),
            detail: decimals_detail(currency, &number, power),
        });
    }

    let significant = format!("{}{}", number.int.replace(',', ""), number.frac);
    let significant = significant.trim_start_matches('0');
    let too_large = || DomainError::AmountTooLarge { input: echo(text) };
    if significant.len() > 30 {
        return Err(too_large());
    }
    let mantissa: u128 = if significant.is_empty() {
        0
    } else {
        significant.parse().map_err(|_| not_a_number())?
    };
    let minor = mantissa
        .checked_mul(10u128.pow(shift - frac_len))
        .ok_or_else(too_large)?;

    if negative && minor > 0 {
        return Err(DomainError::NegativeAmount { input: echo(text) });
    }
    if minor > MAX_MAJOR_UNITS * currency.scale() {
        return Err(too_large());
    }
    i64::try_from(minor).map_err(|_| too_large())
}

/// The digits of an amount: integer part (may hold commas) and fractional part.
struct Digits<'a> {
    int: &'a str,
    frac: &'a str,
}

/// Splits `1,234.56` into its parts; `None` unless it is digits with valid comma groups and at
/// most one dot followed by at least one digit.
fn parse_digits(body: &str) -> Option<Digits<'_>> {
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (int, frac) = match body.split_once('.') {
        Some((int, frac)) if !frac.is_empty() && all_digits(frac) => (int, frac),
        Some(_) => return None,
        None => (body, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next()?;
        let first_ok =
            (1..=3).contains(&first.len()) && all_digits(first) && !first.starts_with('0');
        if !first_ok || !groups.all(|g| g.len() == 3 && all_digits(g)) {
            return None;
        }
    } else if !all_digits(int) {
        return None;
    }
    Some(Digits { int, frac })
}

/// The tail of a "too many decimals" message.
fn decimals_detail(currency: Currency, number: &Digits<'_>, power: u32) -> String {
    let exponent = currency.exponent();
    let mut detail = if exponent == 0 {
        format!("decimals, but {currency} amounts are whole numbers")
    } else {
        let smallest = format!("0.{:0>width$}", 1, width = exponent as usize);
        format!("more than {exponent} decimals; {currency} amounts go down to {smallest}")
    };
    let looks_like_thousands = power == 0
        && number.frac.len() == 3
        && exponent < 3
        && (1..=3).contains(&number.int.len())
        && !number.int.starts_with('0');
    if looks_like_thousands {
        let _ = write!(
            detail,
            "; for thousands write `{},{}`",
            number.int, number.frac
        );
    }
    detail
}

/// Removes one leading `+`, `-` or `−`; returns whether it was negative.
fn strip_sign(s: &str) -> (bool, &str) {
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        (true, rest.trim_start())
    } else if let Some(rest) = s.strip_prefix('+') {
        (false, rest.trim_start())
    } else {
        (false, s)
    }
}

/// Refuses a symbol or code of another currency than the workspace's.
/// `codes` are the currencies the symbol can mean; `found` names it in the message.
fn check_currency(
    codes: &[&str],
    found: &str,
    currency: Currency,
    input: &str,
) -> Result<(), DomainError> {
    if codes
        .iter()
        .any(|c| c.eq_ignore_ascii_case(currency.code()))
    {
        return Ok(());
    }
    Err(DomainError::WrongCurrency {
        input: echo(input),
        found: found.to_string(),
        expected: currency.code().to_string(),
    })
}

/// Strips a leading symbol (`$`, `US$`, `€`) or code (`USD`) and the spaces after it.
fn strip_leading_currency<'a>(
    s: &'a str,
    currency: Currency,
    input: &str,
) -> Result<&'a str, DomainError> {
    for entry in SYMBOLS {
        if let Some(head) = s.get(..entry.0.len()) {
            if head.eq_ignore_ascii_case(entry.0) {
                check_currency(entry.1, entry.2, currency, input)?;
                return Ok(s[entry.0.len()..].trim_start());
            }
        }
    }
    let letters = s.len()
        - s.trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .len();
    if letters == 3 && s.len() > 3 {
        let code = s[..3].to_ascii_uppercase();
        check_currency(&[&code], &code, currency, input)?;
        return Ok(s[3..].trim_start());
    }
    Ok(s)
}

/// Strips a trailing symbol (`5€`) or code (`5000 EUR`, `5k eur`) and the spaces before it.
fn strip_trailing_currency<'a>(
    s: &'a str,
    currency: Currency,
    input: &str,
) -> Result<&'a str, DomainError> {
    for entry in SYMBOLS {
        let tail = s
            .len()
            .checked_sub(entry.0.len())
            .and_then(|at| s.get(at..).map(|tail| (at, tail)));
        if let Some((at, tail)) = tail {
            if tail.eq_ignore_ascii_case(entry.0) {
                check_currency(entry.1, entry.2, currency, input)?;
                return Ok(s[..at].trim_end());
            }
        }
    }
    let letters = s.len() - s.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
    let word = &s[s.len() - letters..];
    let is_multiplier = MULTIPLIERS
        .iter()
        .any(|(m, _)| m.eq_ignore_ascii_case(word));
    if letters == 3 && s.len() > 3 && !is_multiplier {
        let code = word.to_ascii_uppercase();
        check_currency(&[&code], &code, currency, input)?;
        return Ok(s[..s.len() - 3].trim_end());
    }
    Ok(s)
}
