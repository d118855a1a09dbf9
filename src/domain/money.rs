//! Money: the workspace [`Currency`], parsing amounts people type (`120k`, `$1.2M`,
//! `USD 1,000`) into integer minor units, and formatting them back (`$120,000`, `$1.2M`).
//!
//! Only integer arithmetic is used; an amount is an `i64` count of minor units (cents for USD,
//! yen for JPY, fils for KWD) in the workspace currency.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{echo, DomainError};

mod parse;
pub use parse::{parse_amount, parse_amount_or_zero};

/// Largest amount accepted, in major units: 10 billion.
pub const MAX_MAJOR_UNITS: u128 = 10_000_000_000;

/// An ISO 4217 currency code, stored uppercase (`USD`, `EUR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency {
    code: [u8; 3],
}

impl Currency {
    pub const USD: Currency = Currency { code: *b"USD" };
    pub const EUR: Currency = Currency { code: *b"EUR" };
    pub const GBP: Currency = Currency { code: *b"GBP" };
    pub const JPY: Currency = Currency { code: *b"JPY" };

    /// Parses a three-letter code in any case (`usd` -> `USD`).
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        match input.trim().as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_alphabetic) => Ok(Self {
                code: [a, b, c].map(|x| x.to_ascii_uppercase()),
            }),
            _ => Err(DomainError::InvalidCurrency { input: echo(input) }),
        }
    }

    /// The uppercase ISO code.
    pub fn code(&self) -> &str {
        // Only ever built from ASCII letters.
        std::str::from_utf8(&self.code).unwrap_or("XXX")
    }

    /// Number of decimals of the minor unit: 0 for JPY, 3 for KWD, 2 for most.
    pub fn exponent(&self) -> u32 {
        match self.code() {
            "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF"
            | "UGX" | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
            "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
            _ => 2,
        }
    }

    /// The symbol written before amounts: `$`, `€`, `£`, `¥`, else the code.
    pub fn symbol(&self) -> &str {
        match self.code() {
            "USD" => "$",
            "EUR" => "€",
            "GBP" => "£",
            "JPY" => "¥",
            code => code,
        }
    }

    /// Minor units in one major unit (100 for USD).
    pub(crate) fn scale(self) -> u128 {
        10u128.pow(self.exponent())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Currency {
    type Error = DomainError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Currency> for String {
    fn from(value: Currency) -> Self {
        value.code().to_string()
    }
}

/// An amount in minor units with its currency; `Display` is [`format_money`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// [`parse_amount`] into a `Money`.
    pub fn parse(input: &str, currency: Currency) -> Result<Self, DomainError> {
        parse_amount(input, currency).map(|minor| Self { minor, currency })
    }

    /// [`format_money_short`].
    pub fn short(&self) -> String {
        format_money_short(self.minor, self.currency)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_money(self.minor, self.currency))
    }
}

/// Serialises a [`Money`] as its bare minor units, so records keep `amount_minor` as an integer
/// in audit rows (the currency is the workspace's, stored once).
pub fn serialize_minor<S: serde::Serializer>(
    money: &Money,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(money.minor)
}

/// Formats an amount in full: `$120,000`, `$95,000.50`, `€1,200`, `¥120,000`, `CHF 1,200`.
/// Decimals are shown only when the amount is not whole.
pub fn format_money(minor: i64, currency: Currency) -> String {
    let scale = currency.scale();
    let abs = u128::from(minor.unsigned_abs());
    let mut out = String::new();
    push_prefix(&mut out, minor, currency);
    out.push_str(&group_thousands(abs / scale));
    let frac = abs % scale;
    if frac != 0 {
        let _ = write!(out, ".{frac:0width$}", width = currency.exponent() as usize);
    }
    out
}

/// Formats an amount compactly for lists and digests: `$950`, `$12.3k`, `$120k`, `$1.2M`,
/// `$2B`. One decimal below 100 of a unit, none from 100; rounded half up.
pub fn format_money_short(minor: i64, currency: Currency) -> String {
    const UNITS: [(u128, &str); 4] = [
        (1, ""),
        (1_000, "k"),
        (1_000_000, "M"),
        (1_000_000_000, "B"),
    ];
    let scale = currency.scale();
    let abs = u128::from(minor.unsigned_abs());
    let mut unit = UNITS
        .iter()
        .rposition(|(size, _)| abs >= size * scale)
        .unwrap_or(0);
    let number = loop {
        let (size, suffix) = UNITS[unit];
        let denominator = size * scale;
        let tenths = round_div(abs * 10, denominator);
        let text = if size == 1 || tenths >= 1000 {
            let whole = round_div(abs, denominator);
            if whole >= 1000 && unit + 1 < UNITS.len() {
                unit += 1;
                continue;
            }
            whole.to_string()
        } else if tenths % 10 == 0 {
            (tenths / 10).to_string()
        } else {
            format!("{}.{}", tenths / 10, tenths % 10)
        };
        break format!("{text}{suffix}");
    };
    let mut out = String::new();
    push_prefix(&mut out, minor, currency);
    out.push_str(&number);
    out
}

/// Writes the sign and the symbol (or the code and a space).
fn push_prefix(out: &mut String, minor: i64, currency: Currency) {
    if minor < 0 {
        out.push('-');
    }
    let symbol = currency.symbol();
    out.push_str(symbol);
    if symbol == currency.code() {
        out.push(' ');
    }
}

/// `a / b` rounded half up.
fn round_div(a: u128, b: u128) -> u128 {
    (a + b / 2) / b
}

/// `1234567` -> `1,234,567`.
fn group_thousands(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
