//! Dates as exports write them: ISO `2026-12-15` (Data Loader, and `2026-12-15T00:00:00.000+0000`
//! date-times), `12/15/2026` (US reports), `15/12/2026` (UK and most of Europe), `15.12.2026`
//! (Germany and neighbours), with or without a time after them, two-digit years in 2000–2099.
//!
//! A column's order is decided before its cells are read, from every cell: a first number
//! above 12 proves day-first, a second number above 12 proves month-first, a dot suggests
//! day-first. A column where nothing proves either is ambiguous and refused unless
//! `date_format:` or the workspace default says; one where rows prove both is refused, naming
//! them. Hand-written: chrono parses one known format, it does not decide which format a
//! column is in.

use chrono::NaiveDate;

/// The order of day, month and year: `date_format:ymd|mdy|dmy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    Ymd,
    Mdy,
    Dmy,
}

impl DateOrder {
    /// Reads `ymd`, `mdy` or `dmy` (any case).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "ymd" => Some(DateOrder::Ymd),
            "mdy" => Some(DateOrder::Mdy),
            "dmy" => Some(DateOrder::Dmy),
            _ => None,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            DateOrder::Ymd => "year first",
            DateOrder::Mdy => "month first (M/D/YYYY)",
            DateOrder::Dmy => "day first (D/M/YYYY)",
        }
    }
}

/// The three numbers of a date cell in the order written, and its separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    a: u32,
    b: u32,
    c: u32,
    separator: char,
    year_first: bool,
}

/// Splits a cell into its date numbers, ignoring a time after a space or a `T`.
fn parts(cell: &str) -> Option<Parts> {
    let date = cell.trim().split([' ', 'T']).next()?;
    let separator = date.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut numbers = date.split(separator);
    let (a, b, c) = (numbers.next()?, numbers.next()?, numbers.next()?);
    if numbers.next().is_some()
        || [a, b, c]
            .iter()
            .any(|n| n.is_empty() || n.len() > 4 || !n.bytes().all(|x| x.is_ascii_digit()))
    {
        return None;
    }
    Some(Parts {
        a: a.parse().ok()?,
        b: b.parse().ok()?,
        c: c.parse().ok()?,
        separator,
        year_first: a.len() == 4,
    })
}

/// What the cells of one date column have shown, to decide its order.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    day_first: Option<(u64, String)>,
    month_first: Option<(u64, String)>,
    dotted: bool,
    ambiguous: Vec<(u64, String)>,
    numeric: bool,
}

impl Evidence {
    /// Looks at one cell of the column (blank and unreadable cells teach nothing).
    pub fn observe(&mut self, row: u64, cell: &str) {
        let Some(p) = parts(cell) else { return };
        if p.year_first {
            return;
        }
        self.numeric = true;
        self.dotted |= p.separator == '.';
        let text = cell.trim().to_string();
        if p.a > 12 && p.b <= 12 {
            self.day_first.get_or_insert((row, text));
        } else if p.b > 12 && p.a <= 12 {
            self.month_first.get_or_insert((row, text));
        } else if p.a != p.b && self.ambiguous.len() < 3 {
            self.ambiguous.push((row, text));
        }
    }

    /// The column's order: what the file proves, else `chosen` (`date_format:`), else the
    /// workspace default. `column` names the column in the refusal.
    pub fn decide(
        &self,
        column: &str,
        chosen: Option<DateOrder>,
        default: Option<DateOrder>,
    ) -> Result<DateOrder, String> {
        if let Some(order) = chosen {
            return Ok(order);
        }
        match (&self.day_first, &self.month_first) {
            (Some((dr, dt)), Some((mr, mt))) => Err(format!(
                "`{column}` mixes date orders: row {dr} has `{dt}` (day first) but row {mr} has \
                 `{mt}` (month first). Fix the rows so that one order holds, then upload again."
            )),
            (Some(_), None) => Ok(DateOrder::Dmy),
            (None, Some(_)) => Ok(DateOrder::Mdy),
            (None, None) if !self.numeric => Ok(DateOrder::Ymd),
            (None, None) if self.dotted => Ok(DateOrder::Dmy),
            (None, None) => match default {
                Some(order) => Ok(order),
                None => {
                    let examples: Vec<String> = self
                        .ambiguous
                        .iter()
                        .map(|(row, text)| format!("row {row}: `{text}`"))
                        .collect();
                    Err(format!(
                        "The dates in `{column}` read both as month first and as day first \
                         ({}). Say which with date_format:mdy or date_format:dmy.",
                        if examples.is_empty() {
                            "no date has a day above 12".to_string()
                        } else {
                            examples.join(", ")
                        }
                    ))
                }
            },
        }
    }
}

/// Reads a date cell in `order` (a year-first cell is read year first whatever the order).
/// The error is the user-facing reason.
pub fn parse(cell: &str, order: DateOrder) -> Result<NaiveDate, String> {
    let text = cell.trim();
    let p = parts(text).ok_or_else(|| {
        format!("`{text}` is not a date: write it like `2026-12-15`, `12/15/2026` or `15.12.2026`")
    })?;
    let (year, month, day) = if p.year_first {
        (p.a, p.b, p.c)
    } else {
        match order {
            DateOrder::Mdy => (p.c, p.a, p.b),
            DateOrder::Dmy | DateOrder::Ymd => (p.c, p.b, p.a),
        }
    };
    let year = match year {
        0..=99 => 2000 + year,
        100..=999 => return Err(format!("`{text}` has a year of three digits")),
        y => y,
    };
    if !(1..=12).contains(&month) {
        return Err(format!(
            "`{text}` has no month {month} when read {}",
            if p.year_first {
                DateOrder::Ymd.describe()
            } else {
                order.describe()
            }
        ));
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .ok_or_else(|| format!("`{text}` is not a date: that month has no day {day} in {year}"))
}
