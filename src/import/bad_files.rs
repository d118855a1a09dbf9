//! Bad deals files, each refused (the whole file, or every row of it) with a message that says
//! what to fix. The import commands add the refusals that need the workspace (an unknown
//! partner or owner, a deal of another team).

use super::deals::DealReader;
use super::file::{self, Options};
use crate::domain::money::Currency;

const HEADER: &str = "Opportunity Name,Account Name,Amount,Close Date,Stage";

/// What reading `bytes` as a deals file says: the file's refusal, or every row error joined.
fn outcome(bytes: &[u8], options: &Options<'_>) -> String {
    let mut prepared = match file::prepare(|| Ok(bytes), &file::DEALS, options) {
        Ok(prepared) => prepared,
        Err(e) => return e.to_string(),
    };
    let headers = prepared.table.headers.clone();
    let mapping = prepared.mapping.clone();
    let mut reader = DealReader {
        headers: &headers,
        mapping: &mapping,
        currency: Currency::USD,
        date_order: prepared.date_order("close"),
        amount_style: prepared.amount_style,
        stages: &[],
    };
    let mut messages = Vec::new();
    while let Some(item) = prepared.table.next_row() {
        match item {
            Err(e) => return e.to_string(),
            Ok(Err(row)) => messages.push(row.message),
            Ok(Ok(row)) => {
                if let Err(errors) = reader.read(&row) {
                    messages.extend(
                        errors
                            .into_iter()
                            .map(|e| format!("{}: {}", e.column, e.message)),
                    );
                }
            }
        }
    }
    if messages.is_empty() {
        "accepted".to_string()
    } else {
        messages.join(" | ")
    }
}

fn with_rows(rows: &[&str]) -> Vec<u8> {
    let mut text = String::from(HEADER);
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text.into_bytes()
}

#[test]
fn every_bad_file_is_refused_with_what_to_fix() {
    let wide = vec!["c"; 100_000].join(",");
    let huge_cell = format!(
        "{HEADER}\nAcme,Acme Corp,100,2026-12-15,{}\n",
        "x".repeat(10 << 20)
    );
    let mut utf16_lone = vec![0xFF, 0xFE];
    for unit in HEADER
        .encode_utf16()
        .chain("\nA,B,1,2026-12-15,".encode_utf16())
    {
        utf16_lone.extend_from_slice(&unit.to_le_bytes());
    }
    utf16_lone.extend_from_slice(&0xD800u16.to_le_bytes());
    utf16_lone.extend_from_slice(&u16::from(b'\n').to_le_bytes());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", vec![], "The file is empty"),
        (
            "only blank lines",
            b"\n\n\r\n".to_vec(),
            "The file is empty",
        ),
        (
            "header only",
            format!("{HEADER}\n").into_bytes(),
            "a header row but no data rows",
        ),
        (
            "header and footer only",
            format!("{HEADER}\n\n\"Grand Totals (0 records)\"\n").into_bytes(),
            "no data rows",
        ),
        (
            "an Excel workbook",
            b"PK\x03\x04\x14\x00\x06\x00".to_vec(),
            "Excel workbook",
        ),
        (
            "an old Excel workbook",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec(),
            ".xls",
        ),
        ("a PDF", b"%PDF-1.7\n".to_vec(), "PDF"),
        ("a PNG", b"\x89PNG\r\n\x1a\n".to_vec(), "PNG"),
        (
            "binary data",
            b"\x01\x02\x00\x03binary\x00".to_vec(),
            "not text",
        ),
        (
            "UTF-8 BOM then bytes that are not UTF-8",
            [
                b"\xEF\xBB\xBF".as_slice(),
                HEADER.as_bytes(),
                b"\nAcme,Acme \xFF Corp,100,2026-12-15,\n",
            ]
            .concat(),
            "not valid UTF-8",
        ),
        (
            "UTF-16 with a lone surrogate",
            utf16_lone,
            "not valid UTF-16LE",
        ),
        (
            "no amount column",
            b"Opportunity Name,Account Name,Close Date\nA,B,2026-12-15\n".to_vec(),
            "no `amount` column",
        ),
        (
            "no account column",
            b"Opportunity Name,Amount,Close Date\nA,1,2026-12-15\n".to_vec(),
            "no `account` column",
        ),
        (
            "no close date column",
            b"Opportunity Name,Account Name,Amount\nA,B,1\n".to_vec(),
            "no `close` column",
        ),
        (
            "one column only",
            b"just some text\nmore text\n".to_vec(),
            "no `account` column",
        ),
        (
            "duplicate headers",
            b"Account Name,Amount,Close Date,Amount\nA,1,2026-12-15,2\n".to_vec(),
            "columns B and D",
        ),
        (
            "duplicate headers spelled differently",
            b"Account Name,Amount,Close Date,close_date\nA,1,2026-12-15,2026-12-16\n".to_vec(),
            "columns C and D",
        ),
        ("100,000 columns", wide.into_bytes(), "100000 columns"),
        (
            "a row longer than its header",
            with_rows(&["Acme,Acme Corp,100,2026-12-15,Prospecting,extra"]),
            "has 6 cells but the header has 5",
        ),
        (
            "a row shorter than its header, then more rows",
            with_rows(&["Acme,Acme Corp,100", "Hooli,Hooli,5,2026-12-15,"]),
            "has 3 cells but the header has 5",
        ),
        (
            "10 MB in one cell",
            huge_cell.into_bytes(),
            "a cell may hold at most 32000",
        ),
        (
            "an amount of 1e308",
            with_rows(&["Acme,Acme Corp,1e308,2026-12-15,"]),
            "scientific notation",
        ),
        (
            "an amount too large",
            with_rows(&["Acme,Acme Corp,99999999999999999999,2026-12-15,"]),
            "Amount",
        ),
        (
            "a negative amount",
            with_rows(&["Acme,Acme Corp,-5,2026-12-15,"]),
            "Amount",
        ),
        (
            "an amount in parentheses",
            with_rows(&["Acme,Acme Corp,\"(1,200.00)\",2026-12-15,"]),
            "Amount",
        ),
        (
            "an amount that is words",
            with_rows(&["Acme,Acme Corp,lots,2026-12-15,"]),
            "Amount",
        ),
        (
            "an amount with bad grouping",
            with_rows(&["Acme,Acme Corp,\"1,2,3\",2026-12-15,"]),
            "not an amount",
        ),
        (
            "an amount in another currency",
            with_rows(&["Acme,Acme Corp,EUR 100,2026-12-15,"]),
            "Amount",
        ),
        (
            "an empty amount",
            with_rows(&["Acme,Acme Corp,,2026-12-15,"]),
            "the amount is empty",
        ),
        (
            "an empty account",
            with_rows(&["Acme,,100,2026-12-15,"]),
            "the account name is empty",
        ),
        (
            "an empty close date",
            with_rows(&["Acme,Acme Corp,100,,"]),
            "the close date is empty",
        ),
        (
            "February 30th",
            with_rows(&["Acme,Acme Corp,100,2026-02-30,"]),
            "no day 30",
        ),
        (
            "a 13th month",
            with_rows(&["Acme,Acme Corp,100,2026-13-01,"]),
            "no month 13",
        ),
        (
            "a date that is words",
            with_rows(&["Acme,Acme Corp,100,next week,"]),
            "not a date",
        ),
        (
            "ambiguous dates",
            with_rows(&["Acme,Acme Corp,100,1/2/2027,", "Hooli,Hooli,5,3/4/2027,"]),
            "date_format:mdy",
        ),
        (
            "dates in both orders",
            with_rows(&["Acme,Acme Corp,100,13/2/2027,", "Hooli,Hooli,5,2/13/2027,"]),
            "mixes date orders",
        ),
        (
            "an unknown stage",
            with_rows(&["Acme,Acme Corp,100,2026-12-15,Verbal Yes"]),
            "is not one partnerbot knows",
        ),
        (
            "a bad Salesforce id",
            b"Id,Account Name,Amount,Close Date\n0065e00000AbC,Acme,1,2026-12-15\n".to_vec(),
            "15 or 18",
        ),
        (
            "an 18-character id that does not match",
            b"Id,Account Name,Amount,Close Date\n0065e00000AbCdEXXX,Acme,1,2026-12-15\n".to_vec(),
            "do not match",
        ),
        (
            "a bad website",
            b"Account Name,Amount,Close Date,Website\nAcme,1,2026-12-15,not a domain\n".to_vec(),
            "Website",
        ),
        (
            "an unknown forecast category",
            b"Account Name,Amount,Close Date,Forecast Category\nAcme,1,2026-12-15,Maybe\n".to_vec(),
            "forecast category `Maybe`",
        ),
        (
            "a map: to a field that does not exist",
            with_rows(&["Acme,Acme Corp,100,2026-12-15,"]),
            "MAP:Stage=phase",
        ),
    ];
    let mut failures = Vec::new();
    for (what, bytes, expected) in &cases {
        let (options, expected) = match expected.strip_prefix("MAP:") {
            Some(map) => (
                Options {
                    map: Some(map),
                    ..Options::default()
                },
                "no field `phase`",
            ),
            None => (Options::default(), *expected),
        };
        let said = outcome(bytes, &options);
        if !said.contains(expected) || said == "accepted" {
            failures.push(format!("{what}: expected `{expected}`, got `{said}`"));
        }
    }
    assert!(cases.len() >= 40, "{} bad files", cases.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
