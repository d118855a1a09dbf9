//! Preparing a file for import, before any row is used: open it, map its headers, check the
//! required columns, then read it once to decide what only the whole file can tell (each date
//! column's order, the amount column's decimal mark) and whether it has rows at all; then open
//! it again for the rows. Reading twice keeps memory bounded whatever the file's size.

use std::io::Read;

use super::date::{DateOrder, Evidence};
use super::header::{self, Field, Mapping};
use super::number::{self, ColumnStyle};
use super::table::{Limits, Table};
use super::{accounts, deals, portal, FileError};

/// What a kind of file reads: its fields, the required ones, its date and amount fields.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    pub fields: &'static [Field],
    pub required: &'static [(&'static str, &'static str)],
    pub dates: &'static [&'static str],
    pub amount: Option<&'static str>,
}

pub const DEALS: Kind = Kind {
    fields: deals::FIELDS,
    required: deals::REQUIRED,
    dates: &["close"],
    amount: Some("amount"),
};
pub const PORTAL: Kind = Kind {
    fields: portal::FIELDS,
    required: &[],
    dates: &["close"],
    amount: None,
};
pub const ACCOUNTS: Kind = Kind {
    fields: accounts::ACCOUNT_FIELDS,
    required: accounts::ACCOUNT_REQUIRED,
    dates: &[],
    amount: None,
};
pub const PARTNERS: Kind = Kind {
    fields: accounts::PARTNER_FIELDS,
    required: accounts::PARTNER_REQUIRED,
    dates: &["agreement_signed", "agreement_expires"],
    amount: None,
};
pub const MEMBERS: Kind = Kind {
    fields: accounts::MEMBER_FIELDS,
    required: accounts::MEMBER_REQUIRED,
    dates: &[],
    amount: None,
};

/// The choices the person made: `date_format:`, the workspace's default, `map:`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    pub date_format: Option<DateOrder>,
    pub default_date_format: Option<DateOrder>,
    pub map: Option<&'a str>,
    pub limits: Limits,
}

/// A file ready to be read row by row, with the decisions taken on the whole of it.
pub struct Prepared<R: Read> {
    pub table: Table<R>,
    pub mapping: Mapping,
    /// The order of each mapped date field.
    pub dates: Vec<(&'static str, DateOrder)>,
    /// The amount column's decimal mark, learned from its first unambiguous cell.
    pub amount_style: ColumnStyle,
    /// Data rows in the file (the footer left out).
    pub rows: u64,
}

impl<R: Read> Prepared<R> {
    /// The order of a date field (year first when it is not mapped).
    pub fn date_order(&self, field: &str) -> DateOrder {
        self.dates
            .iter()
            .find(|(name, _)| *name == field)
            .map_or(DateOrder::Ymd, |(_, order)| *order)
    }
}

/// Prepares a file `open` gives (called twice: for the survey and for the rows).
pub fn prepare<R: Read>(
    open: impl Fn() -> std::io::Result<R>,
    kind: &Kind,
    options: &Options<'_>,
) -> Result<Prepared<R>, FileError> {
    let opened = |open: &dyn Fn() -> std::io::Result<R>| {
        let input = open().map_err(|e| FileError::Open(e.to_string()))?;
        Table::open(input, options.limits)
    };
    let mut survey = opened(&open)?;
    let overrides = match options.map {
        Some(text) => header::parse_overrides(text, kind.fields)?,
        None => Vec::new(),
    };
    let mapping = header::map(&survey.headers, kind.fields, &overrides)?;
    header::require(&mapping, kind.required)?;

    let date_columns: Vec<(&'static str, usize)> = kind
        .dates
        .iter()
        .filter_map(|field| mapping.column(field).map(|column| (*field, column)))
        .collect();
    let amount_column = kind.amount.and_then(|field| mapping.column(field));
    let mut evidence = vec![Evidence::default(); date_columns.len()];
    let mut amount_style = ColumnStyle::for_delimiter(survey.delimiter);
    while let Some(item) = survey.next_row() {
        let Ok(row) = item? else { continue };
        for ((_, column), seen) in date_columns.iter().zip(&mut evidence) {
            if let Some(cell) = row.cells.get(*column) {
                seen.observe(row.number, cell);
            }
        }
        if let Some(cell) = amount_column.and_then(|c| row.cells.get(c)) {
            if !amount_style.learned {
                // Only what the cell teaches matters here; a bad cell is reported later.
                let _ = number::normalise(cell, &mut amount_style);
            }
        }
    }
    let rows = survey.data_rows();
    if rows == 0 {
        return Err(FileError::NoRows);
    }
    let mut dates = Vec::new();
    for ((field, column), seen) in date_columns.iter().zip(&evidence) {
        let name = &survey.headers[*column];
        let order = seen
            .decide(name, options.date_format, options.default_date_format)
            .map_err(FileError::Dates)?;
        dates.push((*field, order));
    }
    let table = opened(&open)?;
    Ok(Prepared {
        table,
        mapping,
        dates,
        amount_style,
        rows,
    })
}
