//! Reading files: encodings, delimiters, footers, limits, headers, amounts, dates and ids.

use super::date::{self, DateOrder, Evidence};
use super::header::{self, Field};
use super::number::{normalise, ColumnStyle};
use super::table::{Limits, Table};
use super::{crm, sfid, sniff, FileError};
use crate::domain::deal::{ForecastCategory, Stage};
use chrono::NaiveDate;

/// The header and every row of a file: cells, or a row error's message.
type Read = (Vec<String>, Vec<Result<Vec<String>, String>>);

/// Every row of a file as cells, row errors as their message.
fn read(bytes: &[u8]) -> Result<Read, FileError> {
    let mut table = Table::open(bytes, Limits::default())?;
    let mut rows = Vec::new();
    while let Some(item) = table.next_row() {
        rows.push(item?.map(|r| r.cells).map_err(|e| e.message));
    }
    Ok((table.headers.clone(), rows))
}

fn cells(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_salesforce_report_with_bom_crlf_quoted_newlines_and_footer_reads_its_rows() {
    let file = "\u{feff}\"Opportunity Name\",\"Amount\",\"Close Date\"\r\n\
                \"Acme, expansion\",\"USD 1,200.50\",\"12/15/2026\"\r\n\
                \"Globex\",\"300\",\"1/2/2027\"\r\n\
                \"Multi\nline\",\"5\",\"1/3/2027\"\r\n\
                \r\n\
                \"Grand Totals (3 records)\"\r\n\
                \"Confidential Information - Do Not Distribute\"\r\n\
                \"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\r\n";
    let mut table = Table::open(file.as_bytes(), Limits::default()).unwrap();
    while table.next_row().is_some() {}
    assert_eq!(table.footer.len(), 3, "{:?}", table.footer);
    assert!(table.footer[0].starts_with("Grand Totals"));
    let (headers, rows) = read(file.as_bytes()).unwrap();
    assert_eq!(
        headers,
        cells(&["Opportunity Name", "Amount", "Close Date"])
    );
    assert_eq!(
        rows,
        vec![
            Ok(cells(&["Acme, expansion", "USD 1,200.50", "12/15/2026"])),
            Ok(cells(&["Globex", "300", "1/2/2027"])),
            Ok(cells(&["Multi\nline", "5", "1/3/2027"])),
        ]
    );
}

#[test]
fn semicolons_tabs_utf16_and_windows_1252_are_recognised() {
    let (headers, rows) = read("Name;Betrag\nMüller;1.200,50\n".as_bytes()).unwrap();
    assert_eq!(headers, cells(&["Name", "Betrag"]));
    assert_eq!(rows, vec![Ok(cells(&["Müller", "1.200,50"]))]);

    let (headers, _) = read(b"Name\tAmount\nA\t1\n").unwrap();
    assert_eq!(headers, cells(&["Name", "Amount"]));

    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Name,Amount\nZoë,5\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let (_, rows) = read(&utf16).unwrap();
    assert_eq!(rows, vec![Ok(cells(&["Zoë", "5"]))]);

    // "Café" in Windows-1252: é is 0xE9, not UTF-8.
    let (_, rows) = read(b"Name,Amount\nCaf\xE9,5\n").unwrap();
    assert_eq!(rows, vec![Ok(cells(&["Café", "5"]))]);
}

#[test]
fn files_that_are_not_csv_text_are_refused_with_what_they_are() {
    assert_eq!(read(b"").unwrap_err(), FileError::Empty);
    assert_eq!(read(b"  \r\n").unwrap_err(), FileError::Empty);
    assert!(matches!(
        read(b"PK\x03\x04rest of a workbook").unwrap_err(),
        FileError::NotCsv { what } if what.contains("Excel")
    ));
    assert_eq!(read(b"a,b\n\x00\x01\x02").unwrap_err(), FileError::Binary);
    // A UTF-8 byte-order mark, then a byte that is not UTF-8.
    assert!(matches!(
        read(b"\xEF\xBB\xBFName,Amount\nAc\xFFme,5\n").unwrap_err(),
        FileError::Undecodable { row: 2, .. }
    ));
    assert!(matches!(
        read(b"Name,Name\na,b\n").unwrap_err(),
        FileError::DuplicateHeader { first, second, .. } if first == "A" && second == "B"
    ));
    let wide = vec!["c"; 100_000].join(",");
    assert!(matches!(
        read(wide.as_bytes()).unwrap_err(),
        FileError::TooManyColumns {
            columns: 100_000,
            ..
        }
    ));
}

#[test]
fn short_and_long_rows_in_the_middle_are_row_errors_and_a_huge_cell_is_refused() {
    let file = "Name,Amount,Close\nA,1,2026-01-01\nB,2\nC,3,2026-01-02\nD,4,2026-01-03,extra\n";
    let (_, rows) = read(file.as_bytes()).unwrap();
    assert_eq!(rows.len(), 4);
    assert!(rows[1].as_ref().unwrap_err().contains("row 3 has 2 cells"));
    assert!(rows[2].is_ok());
    assert!(rows[3].as_ref().unwrap_err().contains("row 5 has 4 cells"));

    let file = format!("Name,Notes\nA,{}\n", "x".repeat(40_000));
    let (_, rows) = read(file.as_bytes()).unwrap();
    assert!(rows[0].as_ref().unwrap_err().contains("40000 characters"));

    // A short last row with data is not mistaken for a footer.
    let (_, rows) = read(b"Name,Amount,Close\nA,1,2026-01-01\nB,2\n").unwrap();
    assert!(rows[1].as_ref().unwrap_err().contains("row 3 has 2 cells"));
}

#[test]
fn the_delimiter_is_the_one_the_header_and_rows_agree_on() {
    assert_eq!(sniff::delimiter("a,b,c\n1,2,3\n"), b',');
    assert_eq!(sniff::delimiter("a;b;c\n\"1,5\";2;3\n"), b';');
    assert_eq!(sniff::delimiter("a\tb\n1\t2\n"), b'\t');
    assert_eq!(sniff::delimiter("name\nacme\n"), b',');
}

#[test]
fn headers_match_whatever_their_case_spacing_and_punctuation() {
    const FIELDS: &[Field] = &[
        Field {
            name: "name",
            headers: &["Opportunity Name"],
        },
        Field {
            name: "close",
            headers: &["Close Date", "CloseDate"],
        },
        Field {
            name: "owner_email",
            headers: &["Owner.Email"],
        },
        Field {
            name: "sourcing_partner",
            headers: &["Sourcing Partner"],
        },
    ];
    let headers = cells(&[
        "OPPORTUNITY-NAME",
        "close_date",
        "Owner.Email",
        "Sourcing_Partner__c",
        "Other",
    ]);
    let mapping = header::map(&headers, FIELDS, &[]).unwrap();
    assert_eq!(
        mapping.columns,
        vec![
            (0, "name"),
            (1, "close"),
            (2, "owner_email"),
            (3, "sourcing_partner")
        ]
    );
    assert_eq!(mapping.ignored, cells(&["Other"]));

    let overrides = header::parse_overrides("Other=close", FIELDS).unwrap();
    let mapping = header::map(&headers, FIELDS, &overrides).unwrap();
    assert_eq!(mapping.column("close"), Some(4));
    assert_eq!(mapping.ignored, cells(&["close_date"]));

    let err = header::parse_overrides("Other=clsoe", FIELDS).unwrap_err();
    assert!(err.to_string().contains("Did you mean `close`"), "{err}");
    let err = header::parse_overrides("Other", FIELDS).unwrap_err();
    assert!(err.to_string().contains("Header=field"), "{err}");
    let overrides = header::parse_overrides("Othre=close", FIELDS).unwrap();
    let err = header::map(&headers, FIELDS, &overrides).unwrap_err();
    assert!(err.to_string().contains("no column `Othre`"), "{err}");
}

#[test]
fn amounts_in_every_locale_become_one_form() {
    let point = || ColumnStyle::for_delimiter(b',');
    let comma = || ColumnStyle::for_delimiter(b';');
    let cases = [
        ("USD 1,200.50", point(), "USD 1200.50"),
        ("$1,200", point(), "$1200"),
        ("1.200,50 €", point(), "1200.50 €"),
        ("1 200,50", point(), "1200.50"),
        ("1\u{a0}200,50 EUR", point(), "1200.50 EUR"),
        ("1'200.50", point(), "1200.50"),
        ("(1,200.00)", point(), "-1200.00"),
        ("1.200", comma(), "1200"),
        ("1,200", point(), "1200"),
        ("1,5", point(), "1.5"),
        ("300", point(), "300"),
    ];
    for (cell, mut style, expected) in cases {
        assert_eq!(
            normalise(cell, &mut style).as_deref(),
            Ok(expected),
            "{cell}"
        );
    }
    // The first unambiguous cell teaches the column.
    let mut style = point();
    normalise("1.234,56", &mut style).unwrap();
    assert_eq!(normalise("1.200", &mut style).as_deref(), Ok("1200"));

    let mut style = point();
    assert!(normalise("1e308", &mut style)
        .unwrap_err()
        .contains("scientific"));
    assert!(normalise("1,2,3", &mut style)
        .unwrap_err()
        .contains("not an amount"));
}

#[test]
fn a_date_column_order_is_proved_by_its_rows_or_asked_for() {
    let column = |cells: &[&str]| {
        let mut evidence = Evidence::default();
        for (i, cell) in cells.iter().enumerate() {
            evidence.observe(i as u64 + 2, cell);
        }
        evidence
    };
    assert_eq!(
        column(&["12/15/2026", "1/2/2027"]).decide("Close", None, None),
        Ok(DateOrder::Mdy)
    );
    assert_eq!(
        column(&["15/12/2026", "1/2/2027"]).decide("Close", None, None),
        Ok(DateOrder::Dmy)
    );
    assert_eq!(
        column(&["1.2.2027"]).decide("Close", None, None),
        Ok(DateOrder::Dmy)
    );
    assert_eq!(
        column(&["2026-12-15"]).decide("Close", None, None),
        Ok(DateOrder::Ymd)
    );
    let err = column(&["1/2/2027", "3/4/2027"])
        .decide("Close", None, None)
        .unwrap_err();
    assert!(
        err.contains("row 2: `1/2/2027`") && err.contains("date_format:mdy"),
        "{err}"
    );
    assert_eq!(
        column(&["1/2/2027"]).decide("Close", None, Some(DateOrder::Dmy)),
        Ok(DateOrder::Dmy)
    );
    let err = column(&["15/12/2026", "12/15/2026"])
        .decide("Close", None, None)
        .unwrap_err();
    assert!(err.contains("row 2") && err.contains("row 3"), "{err}");

    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(
        date::parse("12/15/2026", DateOrder::Mdy),
        Ok(d(2026, 12, 15))
    );
    assert_eq!(
        date::parse("15.12.2026", DateOrder::Dmy),
        Ok(d(2026, 12, 15))
    );
    assert_eq!(
        date::parse("2026-12-15T00:00:00.000+0000", DateOrder::Mdy),
        Ok(d(2026, 12, 15))
    );
    assert_eq!(
        date::parse("1/2/27 10:00 AM", DateOrder::Mdy),
        Ok(d(2027, 1, 2))
    );
    assert!(date::parse("2026-02-30", DateOrder::Ymd)
        .unwrap_err()
        .contains("no day 30"));
    assert!(date::parse("13/15/2026", DateOrder::Mdy)
        .unwrap_err()
        .contains("no month 13"));
    assert!(date::parse("soon", DateOrder::Mdy)
        .unwrap_err()
        .contains("not a date"));
}

#[test]
fn salesforce_ids_of_15_characters_become_18() {
    // The suffix worked by hand: `001A0` -> bit 3 -> I, `00000` -> A, `6Vm9r` -> bit 1 -> C.
    assert_eq!(
        sfid::to_18("001A0000006Vm9r").as_deref(),
        Ok("001A0000006Vm9rIAC")
    );
    assert_eq!(
        sfid::to_18("001A0000006Vm9rIAC").as_deref(),
        Ok("001A0000006Vm9rIAC")
    );
    assert!(sfid::to_18("001a0000006vm9riac")
        .unwrap_err()
        .contains("do not match"));
    assert!(sfid::to_18("001A0000006Vm9")
        .unwrap_err()
        .contains("15 or 18"));
}

#[test]
fn salesforce_stages_and_categories_read_as_ours() {
    let stage = |text| crm::stage(text, &[]);
    assert_eq!(stage("Prospecting"), Ok(Stage::Discovery));
    assert_eq!(stage("Proposal/Price Quote"), Ok(Stage::Proposal));
    assert_eq!(stage("Negotiation/Review"), Ok(Stage::Negotiating));
    assert_eq!(stage("Closed Won"), Ok(Stage::ClosedWon));
    assert_eq!(stage("3-Technical Evaluation"), Ok(Stage::TechEval));
    assert_eq!(stage("tech_eval"), Ok(Stage::TechEval));
    let custom = vec![("Verbal Yes".to_string(), Stage::AwaitingSignature)];
    assert_eq!(
        crm::stage("verbal yes", &custom),
        Ok(Stage::AwaitingSignature)
    );
    assert!(stage("Verbal Yes").unwrap_err().contains("numbered stage"));
    assert!(stage("9-Closed").is_err());

    assert_eq!(crm::category("BestCase"), Ok(ForecastCategory::BestCase));
    assert_eq!(crm::category("Most Likely"), Ok(ForecastCategory::BestCase));
    assert_eq!(crm::category("Forecast"), Ok(ForecastCategory::Commit));
    assert_eq!(crm::category("Commit"), Ok(ForecastCategory::Commit));
    assert!(crm::category("Maybe").is_err());
}

#[test]
fn a_deal_row_reads_into_domain_values_or_names_every_bad_cell() {
    use super::deals::{DealReader, FIELDS};
    use super::table::Row;
    use crate::domain::money::{Currency, Money};
    let headers = cells(&[
        "Opportunity ID",
        "Opportunity Name",
        "Account Name",
        "Amount",
        "Close Date",
        "Stage",
        "Forecast Category",
        "Owner.Email",
        "Sourcing Partner",
        "DR Status",
        "Opportunity Currency",
    ]);
    let mapping = header::map(&headers, FIELDS, &[]).unwrap();
    let mut reader = DealReader {
        headers: &headers,
        mapping: &mapping,
        currency: Currency::EUR,
        date_order: DateOrder::Dmy,
        amount_style: ColumnStyle::for_delimiter(b';'),
        stages: &[],
    };
    let row = Row {
        number: 2,
        cells: cells(&[
            "0065e00000AbCdE",
            "Acme expansion",
            "Acme GmbH",
            "1.200,50 €",
            "15.12.2026",
            "Proposal/Price Quote",
            "Forecast",
            "Dana@Example.com",
            "Globex",
            "Approved",
            "EUR",
        ]),
    };
    let deal = reader.read(&row).unwrap();
    assert_eq!(deal.crm_id.as_deref(), Some("0065e00000AbCdEAAV"));
    assert_eq!(deal.amount, Money::new(120_050, Currency::EUR));
    assert_eq!(deal.close, NaiveDate::from_ymd_opt(2026, 12, 15).unwrap());
    assert_eq!(deal.stage, Some(Stage::Proposal));
    assert_eq!(deal.forecast, Some(ForecastCategory::Commit));
    assert_eq!(deal.owner.email.as_deref(), Some("dana@example.com"));
    assert_eq!(deal.partner.as_deref(), Some("Globex"));
    assert!(deal.registration_approved);

    let bad = Row {
        number: 3,
        cells: cells(&[
            "short",
            "",
            "",
            "1e308",
            "31.02.2026",
            "Maybe",
            "",
            "",
            "",
            "",
            "USD",
        ]),
    };
    let errors = reader.read(&bad).unwrap_err();
    let columns: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(
        columns,
        vec![
            "Account Name",
            "Opportunity ID",
            "Opportunity Currency",
            "Amount",
            "Close Date",
            "Stage"
        ]
    );
    assert!(errors[2].message.contains("USD"), "{}", errors[2].message);
}

#[test]
fn an_ace_export_row_names_our_deal_or_its_customer_and_the_portal_verdict() {
    use super::portal::{self, marketplace_of, FIELDS};
    use super::table::Row;
    use crate::domain::deal::{Marketplace, PortalStage, PortalStatus};
    let headers = cells(&[
        "partnerCrmUniqueIdentifier",
        "apnCrmUniqueIdentifier",
        "customerCompanyName",
        "targetCloseDate",
        "stage",
        "status",
    ]);
    assert_eq!(marketplace_of(&headers), Marketplace::Aws);
    let mapping = header::map(&headers, FIELDS, &[]).unwrap();
    let row = |list: &[&str]| Row {
        number: 2,
        cells: cells(list),
    };
    let read = |r: &Row| portal::read(r, &headers, &mapping, Marketplace::Aws, DateOrder::Ymd);

    let ok = read(&row(&[
        "#42",
        "O1234567",
        "Acme",
        "2026-12-15",
        "Technical Validation",
        "In review",
    ]))
    .unwrap();
    assert_eq!(ok.our_id, Some(42));
    assert_eq!(ok.portal_id.as_deref(), Some("O1234567"));
    assert_eq!(ok.stage, Some(PortalStage::TechnicalValidation));
    assert_eq!(ok.status, Some(PortalStatus::InReview));

    let bad = read(&row(&["deal", "", "", "2026-13-01", "Launching", "Maybe"])).unwrap_err();
    let columns: Vec<&str> = bad.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(
        columns,
        [
            "partnerCrmUniqueIdentifier",
            "targetCloseDate",
            "stage",
            "status"
        ]
    );

    assert_eq!(
        portal::status("Approved by Google"),
        Ok(PortalStatus::Approved)
    );
    assert_eq!(portal::status("PENDING"), Ok(PortalStatus::InReview));
    let gcp = cells(&["externalSystemId", "leadApprovalStatus"]);
    assert_eq!(marketplace_of(&gcp), Marketplace::Gcp);
}

#[test]
fn a_file_without_a_required_column_is_refused_naming_it() {
    use super::deals::{FIELDS, REQUIRED};
    let headers = cells(&["Opportunity Name", "Account Name", "Close Date"]);
    let mapping = header::map(&headers, FIELDS, &[]).unwrap();
    let err = header::require(&mapping, REQUIRED).unwrap_err();
    assert_eq!(
        err.to_string(),
        "The file has no `amount` column; add an `Amount` column."
    );
}
