//! Cutting text to Discord's sizes: trimming with an ellipsis, splitting long text at line
//! boundaries (code fences closed and reopened across a cut), and rendering tables as code
//! blocks split at row boundaries with the header repeated.

use crate::core::reply::Table;

/// Opening a fence at the top of a continued chunk, and closing it at the end of a cut one.
const FENCE_OPEN: &str = "```";
const FENCE_CLOSE: &str = "\n```";
/// Room kept in every chunk for a reopened and a closing fence.
const FENCE_ROOM: usize = 8;

/// Length in characters, the unit Discord counts.
pub fn chars(text: &str) -> usize {
    text.chars().count()
}

/// `text` cut to at most `max` characters, ending with `…` when cut.
pub fn trim(text: &str, max: usize) -> String {
    if chars(text) <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Splits `text` into chunks of at most `max` characters (`max` > 2 × [`FENCE_ROOM`]): at line
/// boundaries where possible, else at a space, else anywhere. A code block open at a cut is
/// closed at the end of the chunk and reopened at the start of the next.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    debug_assert!(max > 2 * FENCE_ROOM);
    if chars(text) <= max {
        return vec![text.to_string()];
    }
    let mut chunks = Vec::new();
    let mut current = String::new();
    let mut in_fence = false;
    let mut fence = FENCE_OPEN.to_string();
    for line in text.split('\n') {
        for piece in split_line(line, max - FENCE_ROOM) {
            let toggles = piece.trim_start().starts_with("```");
            let open_after = in_fence != toggles;
            let needed = chars(&current)
                + usize::from(!current.is_empty())
                + chars(&piece)
                + if open_after { chars(FENCE_CLOSE) } else { 0 };
            if needed > max && !current.trim().is_empty() {
                if in_fence {
                    current.push_str(FENCE_CLOSE);
                }
                push_chunk(&mut chunks, &current);
                current = if in_fence {
                    fence.clone()
                } else {
                    String::new()
                };
            }
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(&piece);
            if toggles {
                if !in_fence {
                    fence = piece.trim().to_string();
                }
                in_fence = !in_fence;
            }
        }
    }
    push_chunk(&mut chunks, &current);
    chunks
}

fn push_chunk(chunks: &mut Vec<String>, chunk: &str) {
    let chunk = chunk.trim_end();
    if !chunk.trim().is_empty() {
        chunks.push(chunk.to_string());
    }
}

/// One line as pieces of at most `max` characters, cut at the last space that fits.
fn split_line(line: &str, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest: Vec<char> = line.chars().collect();
    while rest.len() > max {
        let cut = rest[..=max]
            .iter()
            .rposition(|c| *c == ' ')
            .filter(|&i| i > max / 2)
            .unwrap_or(max);
        pieces.push(
            rest[..cut]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string(),
        );
        rest = rest[cut..].to_vec();
        while rest.first() == Some(&' ') {
            rest.remove(0);
        }
    }
    pieces.push(rest.into_iter().collect());
    pieces
}

/// Pages of at most `max` characters, filled piece by piece; a piece that does not fit in what
/// is left of the page starts a new one.
pub struct Pages {
    done: Vec<String>,
    current: String,
    max: usize,
}

impl Pages {
    pub fn new(max: usize) -> Pages {
        Pages {
            done: Vec::new(),
            current: String::new(),
            max,
        }
    }

    /// Characters a piece may have to still fit on the current page.
    pub fn room(&self) -> usize {
        if self.current.is_empty() {
            self.max
        } else {
            self.max.saturating_sub(chars(&self.current) + 1)
        }
    }

    /// Adds a piece of at most `max` characters.
    pub fn push(&mut self, piece: &str) {
        if chars(piece) > self.room() && !self.current.is_empty() {
            self.done.push(std::mem::take(&mut self.current));
        }
        if !self.current.is_empty() {
            self.current.push('\n');
        }
        self.current.push_str(piece);
    }

    /// Adds text of any length, split at line boundaries.
    pub fn push_text(&mut self, text: &str) {
        for chunk in split_text(text, self.max) {
            self.push(&chunk);
        }
    }

    /// Adds a table as code blocks cut at row boundaries, each repeating the header; the first
    /// block fills what is left of the current page when a row fits there.
    pub fn push_table(&mut self, table: &Table) {
        let (head, rows) = table_lines(table);
        let overhead = chars(&head) + 2 * chars(FENCE_CLOSE) + 1;
        let row_max = self.max.saturating_sub(overhead + 1).max(1);
        let rows: Vec<String> = rows.iter().map(|r| trim(r, row_max)).collect();
        let block = |rows: &[String]| {
            let mut text = format!("{FENCE_OPEN}\n{head}");
            for row in rows {
                text.push('\n');
                text.push_str(row);
            }
            text.push_str(FENCE_CLOSE);
            text
        };
        if rows.is_empty() {
            self.push(&trim(&block(&[]), self.max));
            return;
        }
        let mut i = 0;
        while i < rows.len() {
            let room = self.room();
            let target = if room > overhead + chars(&rows[i]) {
                room
            } else {
                self.max
            };
            let start = i;
            let mut len = overhead;
            while i < rows.len() && (i == start || len + chars(&rows[i]) < target) {
                len += chars(&rows[i]) + 1;
                i += 1;
            }
            self.push(&block(&rows[start..i]));
        }
    }

    pub fn finish(mut self) -> Vec<String> {
        if !self.current.is_empty() {
            self.done.push(self.current);
        }
        self.done
    }
}

/// The header with its rule (two lines), and one line per row; columns padded to their widest
/// cell, numbers aligned right. Backticks and newlines in cells are neutralised so a cell cannot
/// break the code block.
pub fn table_lines(table: &Table) -> (String, Vec<String>) {
    let clean = |cell: &str| cell.replace('`', "'").replace(['\n', '\r'], " ");
    let header: Vec<String> = table.columns.iter().map(|c| clean(&c.header)).collect();
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|c| clean(c)).collect())
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .chain(std::iter::once(&header[i]))
                .map(|c| chars(c))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let width = widths.get(i).copied().unwrap_or(0);
                let right = table.columns.get(i).is_some_and(|c| c.align_right);
                if right {
                    format!("{cell:>width$}")
                } else {
                    format!("{cell:<width$}")
                }
            })
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    let head = format!("{}\n{}", line(&header), rule.join("  "));
    (head, rows.iter().map(|r| line(r)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_left_alone_and_long_text_is_cut_at_lines() {
        assert_eq!(split_text("hello", 100), vec!["hello"]);
        let text = (0..50)
            .map(|i| format!("line {i:02}"))
            .collect::<Vec<_>>()
            .join("\n");
        let chunks = split_text(&text, 100);
        assert!(chunks.len() > 1);
        assert!(chunks.iter().all(|c| chars(c) <= 100));
        assert_eq!(chunks.join("\n"), text);
    }

    #[test]
    fn a_line_longer_than_the_limit_is_cut_at_spaces() {
        let text = "word ".repeat(1000);
        let chunks = split_text(&text, 2000);
        assert!(chunks.iter().all(|c| chars(c) <= 2000));
        assert_eq!(chunks.join(" ").split_whitespace().count(), 1000);
        let unbroken = "x".repeat(5000);
        let chunks = split_text(&unbroken, 2000);
        assert!(chunks.iter().all(|c| chars(c) <= 2000));
        assert_eq!(chunks.concat(), unbroken);
    }

    #[test]
    fn a_code_block_cut_in_two_is_closed_and_reopened() {
        let body = (0..40)
            .map(|i| format!("row {i:02} xxxxxxxx"))
            .collect::<Vec<_>>();
        let text = format!("intro\n```text\n{}\n```\nafter", body.join("\n"));
        let chunks = split_text(&text, 200);
        assert!(chunks.len() > 2);
        for chunk in &chunks {
            assert!(chars(chunk) <= 200, "{chunk}");
            assert_eq!(chunk.matches("```").count() % 2, 0, "unbalanced: {chunk}");
        }
        assert!(chunks[1].starts_with("```text\n"));
    }

    #[test]
    fn trimming_marks_the_cut() {
        assert_eq!(trim("abcdef", 4), "abc…");
        assert_eq!(trim("abc", 4), "abc");
    }

    #[test]
    fn a_table_aligns_numbers_right_and_splits_at_rows_with_the_header_repeated() {
        let mut table = Table::new(&["Deal", ">Amount"]);
        for i in 0..60 {
            table.row(vec![format!("Account {i} `x`"), format!("${}k", i * 10)]);
        }
        let (head, rows) = table_lines(&table);
        assert!(head.starts_with("Deal"));
        assert!(rows[1].ends_with("  $10k"), "{}", rows[1]);
        assert!(rows.iter().all(|r| !r.contains('`')));

        let mut pages = Pages::new(500);
        pages.push_text("A list of deals");
        pages.push_table(&table);
        let pages = pages.finish();
        assert!(pages.len() > 2);
        for page in &pages {
            assert!(chars(page) <= 500);
            assert_eq!(page.matches("```").count() % 2, 0);
            assert!(page.contains(&head), "header repeated on every page");
        }
        assert!(pages[0].starts_with("A list of deals\n```"));
        let shown: usize = pages.iter().map(|p| p.matches("Account ").count()).sum();
        assert_eq!(shown, 60, "every row shown once");
    }
}
