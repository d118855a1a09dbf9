//! The header and the data rows of a CSV file, streamed.
//!
//! Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is
//! row 2, a cell with line breaks does not shift the numbers. Blank lines are skipped. A report
//! export's footer (a short row such as `Grand Totals (3 records)`, a confidentiality notice, a
//! copyright line, after the last data row) is held back while reading and dropped at the end;
//! short rows followed by more data are row errors instead. Limits keep a hostile file from
//! costing more than its size: at most [`Limits::columns`] columns and
//! [`Limits::cell_chars`] characters a cell.

use std::collections::VecDeque;
use std::io::Read;

use super::text::{self, Detected};
use super::{column_letter, header, sniff, FileError};

/// How much of a file is read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub columns: usize,
    pub cell_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // Salesforce's longest text field (Description) holds 32,000 characters.
        Limits {
            columns: 500,
            cell_chars: 32_000,
        }
    }
}

/// One data row: its spreadsheet row number and its cells, one per header column (missing
/// trailing cells are empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: u64,
    pub cells: Vec<String>,
}

/// A row that cannot be read, and why, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub number: u64,
    pub column: Option<String>,
    pub message: String,
    /// The row's cells as read, for the rejected-rows file.
    pub cells: Vec<String>,
}

/// Words a report footer line starts with (lowercase).
const FOOTER_WORDS: &[&str] = &[
    "grand total",
    "total",
    "copyright",
    "©",
    "(c)",
    "confidential",
    "generated",
    "salesforce",
    "report",
];

/// A CSV file being read: its encoding, delimiter and header, then its rows.
pub struct Table<R: Read> {
    pub detected: Detected,
    pub delimiter: u8,
    pub headers: Vec<String>,
    limits: Limits,
    reader: csv::Reader<text::DecodeReader<R>>,
    record: csv::StringRecord,
    held: VecDeque<Row>,
    data_rows: u64,
    /// The footer lines dropped at the end, as read (the preview lists them).
    pub footer: Vec<String>,
}

impl<R: Read> Table<R> {
    /// Opens a file: decides its encoding and delimiter and reads its header.
    pub fn open(input: R, limits: Limits) -> Result<Self, FileError> {
        let opened = text::open(input)?;
        let delimiter = sniff::delimiter(&opened.head_text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(opened.reader);
        let mut record = csv::StringRecord::new();
        let read = reader
            .read_record(&mut record)
            .map_err(|e| malformed(1, &e))?;
        if !read || record.iter().all(|cell| cell.trim().is_empty()) {
            return Err(FileError::Empty);
        }
        if record.len() > limits.columns {
            return Err(FileError::TooManyColumns {
                columns: record.len(),
                max: limits.columns,
            });
        }
        if record.iter().any(|cell| cell.contains('\u{FFFD}')) {
            return Err(FileError::Undecodable {
                row: 1,
                encoding: opened.detected.name(),
            });
        }
        let headers: Vec<String> = record.iter().map(|h| h.trim().to_string()).collect();
        check_duplicates(&headers)?;
        Ok(Table {
            detected: opened.detected,
            delimiter,
            headers,
            limits,
            reader,
            record,
            held: VecDeque::new(),
            data_rows: 0,
            footer: Vec::new(),
        })
    }

    /// Data rows read so far (rows and row errors, not the footer).
    pub fn data_rows(&self) -> u64 {
        self.data_rows
    }

    /// The next data row or row error; `None` at the end. A file-level error (bytes that do not
    /// decode, a broken read) ends the reading.
    pub fn next_row(&mut self) -> Option<Result<Result<Row, RowError>, FileError>> {
        loop {
            if let Some(row) = self.held_ready() {
                return Some(Ok(self.check_short(row)));
            }
            match self.reader.read_record(&mut self.record) {
                Err(e) => return Some(Err(malformed(self.next_number(), &e))),
                Ok(false) => {
                    if self.held.iter().all(is_footer) {
                        self.footer = self.held.drain(..).map(|row| row.cells.join(" ")).collect();
                        return None;
                    }
                    let row = self.held.pop_front()?;
                    self.data_rows += 1;
                    return Some(Ok(self.check_short(row)));
                }
                Ok(true) => {}
            }
            let number = self.next_number();
            if self.record.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            if self.record.iter().any(|cell| cell.contains('\u{FFFD}')) {
                return Some(Err(FileError::Undecodable {
                    row: number,
                    encoding: self.detected.name(),
                }));
            }
            let cells: Vec<String> = self.record.iter().map(str::to_string).collect();
            let row = Row { number, cells };
            if row.cells.len() < self.headers.len() {
                // Maybe the footer: decided when the file ends or a full row follows.
                self.held.push_back(row);
                continue;
            }
            if !self.held.is_empty() {
                // A full row after short ones: they were not a footer.
                self.held.push_back(row);
                continue;
            }
            self.data_rows += 1;
            return Some(Ok(self.check(row)));
        }
    }

    /// The first held row, once a full row came after the held ones (so none was a footer).
    fn held_ready(&mut self) -> Option<Row> {
        let full_behind = self
            .held
            .back()
            .is_some_and(|row| row.cells.len() >= self.headers.len());
        if !full_behind {
            return None;
        }
        self.data_rows += 1;
        self.held.pop_front()
    }

    /// The spreadsheet number of the record just read (the header is row 1).
    fn next_number(&self) -> u64 {
        self.reader.position().record()
    }

    /// A short row that turned out not to be the footer, or a full row from the held queue.
    fn check_short(&self, row: Row) -> Result<Row, RowError> {
        if row.cells.len() < self.headers.len() {
            return Err(RowError {
                number: row.number,
                column: None,
                message: format!(
                    "row {} has {} cells but the header has {} columns: a cell or a delimiter \
                     is missing",
                    row.number,
                    row.cells.len(),
                    self.headers.len()
                ),
                cells: row.cells,
            });
        }
        self.check(row)
    }

    /// A row as long as the header: refused when longer, or when a cell is too long.
    fn check(&self, row: Row) -> Result<Row, RowError> {
        if row.cells.len() > self.headers.len() {
            let extra = &row.cells[self.headers.len()..];
            if extra.iter().any(|cell| !cell.trim().is_empty()) {
                return Err(RowError {
                    number: row.number,
                    column: Some(column_letter(self.headers.len())),
                    message: format!(
                        "row {} has {} cells but the header has {} columns: quote cells that \
                         contain the delimiter `{}`",
                        row.number,
                        row.cells.len(),
                        self.headers.len(),
                        self.delimiter as char
                    ),
                    cells: row.cells,
                });
            }
        }
        let too_long = row
            .cells
            .iter()
            // Bytes bound characters from above: only long cells are counted.
            .position(|cell| {
                cell.len() > self.limits.cell_chars && cell.chars().count() > self.limits.cell_chars
            });
        if let Some(index) = too_long {
            let header = self.headers.get(index).cloned().unwrap_or_default();
            return Err(RowError {
                number: row.number,
                column: Some(header.clone()),
                message: format!(
                    "row {}, column `{}`: {} characters; a cell may hold at most {}",
                    row.number,
                    header,
                    row.cells[index].chars().count(),
                    self.limits.cell_chars
                ),
                cells: vec![String::new(); row.cells.len()],
            });
        }
        let mut cells = row.cells;
        cells.truncate(self.headers.len());
        Ok(Row {
            number: row.number,
            cells,
        })
    }
}

/// Whether a short row reads like a report footer line.
fn is_footer(row: &Row) -> bool {
    let filled: Vec<&String> = row.cells.iter().filter(|c| !c.trim().is_empty()).collect();
    let first = filled
        .first()
        .map(|c| c.trim().to_lowercase())
        .unwrap_or_default();
    filled.len() <= 1 || FOOTER_WORDS.iter().any(|w| first.starts_with(w))
}

/// Refuses two columns with the same header (after [`header::key`]), naming both.
fn check_duplicates(headers: &[String]) -> Result<(), FileError> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, name) in headers.iter().enumerate() {
        let key = header::key(name);
        if key.is_empty() {
            continue;
        }
        if let Some(&first) = seen.get(&key) {
            return Err(FileError::DuplicateHeader {
                name: name.clone(),
                first: column_letter(first),
                second: column_letter(index),
            });
        }
        seen.insert(key, index);
    }
    Ok(())
}

fn malformed(row: u64, error: &csv::Error) -> FileError {
    FileError::Malformed {
        row,
        detail: error.to_string(),
    }
}
