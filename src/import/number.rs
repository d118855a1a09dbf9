//! Amounts as exports write them, in the exporting user's locale: `USD 1,200.50`, `$1,200`,
//! `1.200,50 €`, `1 200,50`, `1'200.50`, `(1,200.00)`. This module only finds the number in a
//! cell and rewrites it as `1200.50`, keeping any currency symbol or code around it, so that
//! [`crate::domain::money::parse_amount_or_zero`] (the parser `/deal add` uses) checks the
//! currency, the decimals and the bounds.
//!
//! Which separator is the decimal one: when a cell has both `.` and `,`, the last one; a single
//! separator followed by one or two digits is decimal; a separator followed by exactly three
//! digits (`1,200`, `1.200`) is ambiguous and read as the column's style, learned from the
//! first unambiguous cell of the column, else guessed from the delimiter (semicolon files come
//! from decimal-comma locales).

/// Which character separates the decimals in a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    Point,
    Comma,
}

/// What a column has taught so far about its decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnStyle {
    pub mark: DecimalMark,
    pub learned: bool,
}

impl ColumnStyle {
    /// The starting guess for a file with this delimiter.
    pub fn for_delimiter(delimiter: u8) -> Self {
        ColumnStyle {
            mark: if delimiter == b';' {
                DecimalMark::Comma
            } else {
                DecimalMark::Point
            },
            learned: false,
        }
    }
}

/// Rewrites the number in `cell` with a point for decimals and no grouping, keeping the text
/// around it (`USD 1,200.50` → `USD 1200.50`); a parenthesised amount becomes negative. The
/// error is the user-facing reason.
pub fn normalise(cell: &str, style: &mut ColumnStyle) -> Result<String, String> {
    let text = cell.trim();
    let Some(first) = text.find(|c: char| c.is_ascii_digit()) else {
        return Ok(text.to_string());
    };
    let last = text
        .rfind(|c: char| c.is_ascii_digit())
        .map_or(first, |i| i + 1);
    // A leading separator belongs to the number (`,50`, `.5`).
    let start = match text[..first].chars().next_back() {
        Some(c @ ('.' | ',')) => first - c.len_utf8(),
        _ => first,
    };
    let (before, number, after) = (&text[..start], &text[start..last], &text[last..]);
    if has_exponent(text) {
        return Err(format!(
            "`{text}` is in scientific notation: format the column as a number without an \
             exponent, like `1200.50`"
        ));
    }
    let digits = plain_number(number, style).ok_or_else(|| {
        format!("`{text}` is not an amount: write it like `1200.50`, `1,200.50` or `1.200,50`")
    })?;
    let (before, after, negative) = match (
        before.trim_end().strip_suffix('('),
        after.trim_start().strip_prefix(')'),
    ) {
        (Some(b), Some(a)) => (b, a, true),
        _ => (before, after, false),
    };
    let sign = if negative { "-" } else { "" };
    Ok(format!("{}{sign}{digits}{}", before, after)
        .trim()
        .to_string())
}

/// `1.200,50` → `1200.50` under the decimal mark it shows or the column's style; `None` when
/// the grouping is not a number's (`1,2,3`, `12.34.56,7`).
fn plain_number(number: &str, style: &mut ColumnStyle) -> Option<String> {
    let is_group = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’');
    let compact: String = number.chars().filter(|c| !is_group(*c)).collect();
    if compact
        .chars()
        .any(|c| !(c.is_ascii_digit() || c == '.' || c == ','))
    {
        return None;
    }
    let mark = decimal_mark(&compact, style)?;
    let (decimal, group) = match mark {
        Some(DecimalMark::Point) => ('.', ','),
        Some(DecimalMark::Comma) => (',', '.'),
        None => return Some(compact),
    };
    let (int, frac) = match compact.rsplit_once(decimal) {
        Some((int, frac)) if !frac.contains(group) && !int.contains(decimal) => (int, Some(frac)),
        Some(_) => return None,
        None => (compact.as_str(), None),
    };
    let groups: Vec<&str> = int.split(group).collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    let int: String = groups.concat();
    Some(match frac {
        Some(frac) => format!("{}.{frac}", if int.is_empty() { "0" } else { &int }),
        None => int,
    })
}

/// Which mark is decimal in a compact number; `Ok(None)`-like `Some(None)` when it has no
/// separator at all. Learns the column's style from unambiguous cells.
fn decimal_mark(compact: &str, style: &mut ColumnStyle) -> Option<Option<DecimalMark>> {
    let last_point = compact.rfind('.');
    let last_comma = compact.rfind(',');
    let shown = match (last_point, last_comma) {
        (None, None) => return Some(None),
        (Some(p), Some(c)) => Some(if p > c {
            DecimalMark::Point
        } else {
            DecimalMark::Comma
        }),
        (Some(p), None) => single(compact, '.', p, DecimalMark::Point, DecimalMark::Comma),
        (None, Some(c)) => single(compact, ',', c, DecimalMark::Comma, DecimalMark::Point),
    };
    match shown {
        Some(mark) => {
            if !style.learned {
                *style = ColumnStyle {
                    mark,
                    learned: true,
                };
            }
            Some(Some(mark))
        }
        None => Some(Some(style.mark)),
    }
}

/// The mark shown by a number with one kind of separator at byte `at`: used more than once, it
/// groups; once with one or two digits after it, it is decimal; with three, it is ambiguous.
fn single(
    compact: &str,
    separator: char,
    at: usize,
    if_decimal: DecimalMark,
    if_group: DecimalMark,
) -> Option<DecimalMark> {
    let count = compact.matches(separator).count();
    let after = compact.len() - at - 1;
    match (count, after) {
        (1, 3) if at > 0 => None,
        (1, _) => Some(if_decimal),
        _ => Some(if_group),
    }
}

/// Whether the text holds a number in scientific notation: a digit, `e` or `E`, an optional
/// sign, a digit (`1e308`, `1.2E+05`).
fn has_exponent(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(2).enumerate().any(|(i, pair)| {
        pair[0].is_ascii_digit()
            && matches!(pair[1], b'e' | b'E')
            && bytes[i + 2..]
                .iter()
                .find(|b| !matches!(b, b'+' | b'-'))
                .is_some_and(u8::is_ascii_digit)
            && bytes[i + 2..]
                .iter()
                .take_while(|b| matches!(b, b'+' | b'-'))
                .count()
                <= 1
    })
}
