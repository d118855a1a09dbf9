//! Salesforce record ids. Reports and URLs show 15 case-sensitive characters; the API and Data
//! Loader use 18, the 15 plus a 3-character suffix that encodes which of them are uppercase, so
//! the id survives case-insensitive tools (Excel's lookups). Ids are stored in the 18-character
//! form so a record exported both ways matches itself.

const SUFFIX_CHARS: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/// The 18-character form of a Salesforce id: a 15-character id gets its suffix; an
/// 18-character id is checked against its own first 15. The error says what is wrong.
pub fn to_18(id: &str) -> Result<String, String> {
    let id = id.trim();
    if !id.bytes().all(|b| b.is_ascii_alphanumeric()) || !matches!(id.len(), 15 | 18) {
        return Err(format!(
            "`{id}` is not a Salesforce id: ids are 15 or 18 letters and digits, like \
             `0065e00000AbCdE`"
        ));
    }
    let expected = format!("{}{}", &id[..15], suffix(&id[..15]));
    if id.len() == 18 && !id[15..].eq_ignore_ascii_case(&expected[15..]) {
        return Err(format!(
            "`{id}` is not a Salesforce id: its last 3 characters do not match the first 15 \
             (a character was changed, or its case)"
        ));
    }
    Ok(expected)
}

/// The 3 characters appended to a 15-character id: for each 5-character chunk, bit i is set
/// when character i is an uppercase A–Z, and the value indexes [`SUFFIX_CHARS`].
fn suffix(id15: &str) -> String {
    id15.as_bytes()
        .chunks(5)
        .map(|chunk| {
            let bits = chunk
                .iter()
                .enumerate()
                .filter(|(_, b)| b.is_ascii_uppercase())
                .fold(0usize, |acc, (i, _)| acc | (1 << i));
            SUFFIX_CHARS[bits] as char
        })
        .collect()
}
