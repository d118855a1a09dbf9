//! Which encoding a file is in, decided from its first bytes, and a reader that streams it as
//! UTF-8.
//!
//! A byte-order mark decides (UTF-8, UTF-16 LE, UTF-16 BE: what Excel's "Unicode Text" and
//! some CRM exports write). Without one, a head that is valid UTF-8 is UTF-8, else it is
//! Windows-1252, what Excel writes for "CSV (Comma delimited)" on Western Windows. A head that
//! starts like a workbook, a PDF or an image, or holds NUL bytes without a UTF-16 mark, is not
//! text and is refused. The decoding itself is encoding_rs (through encoding_rs_io, so a big
//! file is never all in memory); a byte it cannot decode becomes U+FFFD, which [`super::table`]
//! turns into a refusal naming the row.

use std::io::{Cursor, Read};

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::FileError;

/// How many bytes are read ahead to decide the encoding and the delimiter.
pub const HEAD_BYTES: usize = 64 * 1024;

/// Magic numbers of files people upload by mistake, and how to name them.
const NOT_CSV: &[(&[u8], &str)] = &[
    (
        b"PK\x03\x04",
        "an Excel workbook or another zip archive (.xlsx, .zip)",
    ),
    (b"\xD0\xCF\x11\xE0", "an old Excel workbook (.xls)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
];

/// The encoding of a file and whether it starts with a byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub encoding: &'static Encoding,
    pub bom: bool,
}

impl Detected {
    /// The encoding's name as people know it (`UTF-8`, `UTF-16LE`, `windows-1252`).
    pub fn name(&self) -> &'static str {
        self.encoding.name()
    }
}

/// Decides the encoding from the head of a file; `complete` says the head is the whole file
/// (so a multi-byte character cut at its end is an error, not the read-ahead boundary).
pub fn detect(head: &[u8], complete: bool) -> Result<Detected, FileError> {
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return Ok(Detected {
            encoding,
            bom: true,
        });
    }
    if head.iter().all(u8::is_ascii_whitespace) {
        return Err(FileError::Empty);
    }
    if let Some((_, what)) = NOT_CSV.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Err(FileError::NotCsv { what });
    }
    if head.contains(&0) {
        return Err(FileError::Binary);
    }
    let encoding = match std::str::from_utf8(head) {
        Ok(_) => UTF_8,
        // A character cut by the read-ahead boundary, not a bad byte.
        Err(e) if e.error_len().is_none() && !complete => UTF_8,
        Err(_) => WINDOWS_1252,
    };
    Ok(Detected {
        encoding,
        bom: false,
    })
}

/// The whole file as UTF-8: the head read ahead, then the rest, through the decoder.
pub type DecodeReader<R> =
    encoding_rs_io::DecodeReaderBytes<std::io::Chain<Cursor<Vec<u8>>, R>, Vec<u8>>;

/// A file opened for reading: its encoding, its decoded head (for sniffing) and a reader that
/// yields the whole file as UTF-8 without its byte-order mark.
pub struct Opened<R: Read> {
    pub detected: Detected,
    pub head_text: String,
    pub reader: DecodeReader<R>,
}

/// Reads the head of `input`, decides its encoding, and wraps it in a decoding reader.
pub fn open<R: Read>(mut input: R) -> Result<Opened<R>, FileError> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    (&mut input)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| FileError::Malformed {
            row: 1,
            detail: e.to_string(),
        })?;
    let complete = head.len() < HEAD_BYTES;
    let detected = detect(&head, complete)?;
    let (head_text, _, _) = detected.encoding.decode(&head);
    let head_text = head_text.into_owned();
    let reader = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(detected.encoding))
        .bom_override(true)
        .strip_bom(true)
        .build(Cursor::new(head).chain(input));
    Ok(Opened {
        detected,
        head_text,
        reader,
    })
}
