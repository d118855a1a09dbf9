//! Which delimiter a file uses: comma, semicolon (what Excel writes where the decimal separator
//! is a comma) or tab. Hand-written because the csv crate reads with a delimiter but does not
//! guess one; the rule is small: the candidate found outside quotes in the header line, and in
//! the most following lines as often as in the header, wins.

/// The delimiters a file may use, in order of preference when the evidence ties.
pub const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];

/// How many lines of the head are looked at.
const LINES: usize = 20;

/// The delimiter of a file from its decoded head. A file whose header has none of them has one
/// column, read with a comma.
pub fn delimiter(head: &str) -> u8 {
    let lines = logical_lines(head);
    let Some(header) = lines.first() else {
        return b',';
    };
    let mut best = (b',', 0usize, 0usize);
    for &candidate in &CANDIDATES {
        let in_header = count_outside_quotes(header, candidate);
        if in_header == 0 {
            continue;
        }
        let agreeing = lines[1..]
            .iter()
            .filter(|line| count_outside_quotes(line, candidate) == in_header)
            .count();
        if (agreeing, in_header) > (best.1, best.2) {
            best = (candidate, agreeing, in_header);
        }
    }
    best.0
}

/// The head split into records: newlines inside quotes do not end a line. The last line is
/// left out when the head may have cut it (it has more lines than needed).
fn logical_lines(head: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in head.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                let line = head[start..i].trim_end_matches('\r');
                if !line.trim().is_empty() {
                    lines.push(line);
                }
                start = i + 1;
                if lines.len() > LINES {
                    return lines;
                }
            }
            _ => {}
        }
    }
    let last = head[start..].trim_end_matches('\r');
    if !last.trim().is_empty() && !quoted {
        lines.push(last);
    }
    lines
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            count += 1;
        }
    }
    count
}
