//! Reading the files people bring (CRM report exports, Data Loader files, portal exports) into
//! typed cells, row numbers and row errors.
//!
//! Pure: bytes in, values out; no database, no door, no clock. The core's `/import` commands
//! decide what the rows mean for a workspace and write them in one transaction. Every refusal's
//! `Display` text is the message the user reads: it says what to fix.
//!
//! - [`text`]: which encoding a file is in (BOMs, UTF-8, UTF-16, Windows-1252) and refusing
//!   files that are not text (an Excel workbook, a PDF, binary data).
//! - [`sniff`]: which delimiter a file uses (comma, semicolon, tab).
//! - [`table`]: the header and the data rows, streamed, with the size limits and the footer
//!   block of a report export.
//! - [`header`]: matching headers to fields whatever their case, spacing and punctuation, and
//!   the `map:"Header=field"` overrides.
//! - [`number`]: amounts written in a locale (`USD 1,200.50`, `1.200,50 €`) into the one form
//!   [`crate::domain::money::parse_amount`] reads.
//! - [`date`]: the date order of a column (ISO, `M/D/YYYY`, `D/M/YYYY`, `D.M.YYYY`), decided
//!   from the rows that prove it, and parsing a cell with it.
//! - [`sfid`]: Salesforce ids, 15 characters to 18.
//! - [`accounts`]: the accounts, partners and members files' fields.
//! - [`file`]: preparing a file: mapping, required columns, and a first pass deciding date
//!   orders and decimal marks, then a second for the rows.
//! - [`deals`]: the deals file's fields and one row read into domain values.
//! - [`portal`]: the AWS ACE and Google Partner Advantage exports `/import portal` reads.
//! - [`crm`]: Salesforce stage names and forecast categories in partnerbot's terms.

pub mod accounts;
pub mod crm;
pub mod date;
pub mod deals;
pub mod file;
pub mod header;
pub mod number;
pub mod portal;
pub mod sfid;
pub mod sniff;
pub mod table;
pub mod text;

#[cfg(test)]
mod bad_files;
#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;

/// A refusal of a whole file: nothing in it is read further.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("The file is empty: export the report again, with its rows.")]
    Empty,
    #[error("The file has a header row but no data rows.")]
    NoRows,
    #[error(
        "This is {what}, not a CSV file: open it and save it as CSV \
         (Excel: File › Save As › CSV UTF-8)."
    )]
    NotCsv { what: &'static str },
    #[error(
        "The file is not text (it holds binary data): export the report as CSV \
         (Salesforce: Export › Details Only › Comma Delimited .csv)."
    )]
    Binary,
    #[error(
        "Row {row} holds bytes that are not valid {encoding}: save the file as CSV UTF-8 and \
         upload it again."
    )]
    Undecodable { row: u64, encoding: &'static str },
    #[error(
        "The file has {columns} columns; at most {max} are read. Export only the columns you \
         need."
    )]
    TooManyColumns { columns: usize, max: usize },
    #[error(
        "Two columns are both named `{name}` (columns {first} and {second}): rename or remove \
         one, or say which to use with map:\"Header=field\"."
    )]
    DuplicateHeader {
        name: String,
        first: String,
        second: String,
    },
    #[error("The file has no `{field}` column{hint}.")]
    MissingColumn { field: String, hint: String },
    #[error("{0}")]
    Map(String),
    #[error("{0}")]
    Dates(String),
    #[error("The file could not be opened: {0}.")]
    Open(String),
    #[error("The file could not be read at row {row}: {detail}.")]
    Malformed { row: u64, detail: String },
}

/// A cell that cannot be read: its column header and what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub column: String,
    pub message: String,
}

/// A spreadsheet column name for a 0-based index: `A`, `B`, …, `Z`, `AA`.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}
