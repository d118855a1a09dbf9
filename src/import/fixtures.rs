//! The hand-written export files of `tests/fixtures/import/`, read through the whole reading
//! layer (prepare, map, decide, read rows) into the domain values the import commands receive.

use super::date::DateOrder;
use super::deals::{DealReader, DealRow};
use super::file::{self, Options, Prepared};
use super::{portal, FileError};
use crate::domain::deal::{ForecastCategory, PortalStage, PortalStatus, Stage};
use crate::domain::money::{Currency, Money};
use chrono::NaiveDate;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn prepare<'a>(bytes: &'a [u8], kind: &file::Kind) -> Result<Prepared<&'a [u8]>, FileError> {
    file::prepare(|| Ok(bytes), kind, &Options::default())
}

/// Every row of a deals file: read rows, and rejected rows as (row, columns).
fn deals(bytes: &[u8], currency: Currency) -> (Vec<DealRow>, Vec<(u64, Vec<String>)>) {
    let mut prepared = prepare(bytes, &file::DEALS).unwrap();
    let mut reader = DealReader {
        headers: &prepared.table.headers.clone(),
        mapping: &prepared.mapping.clone(),
        currency,
        date_order: prepared.date_order("close"),
        amount_style: prepared.amount_style,
        stages: &[],
    };
    let (mut rows, mut rejected) = (Vec::new(), Vec::new());
    while let Some(item) = prepared.table.next_row() {
        match item.unwrap() {
            Ok(row) => match reader.read(&row) {
                Ok(deal) => rows.push(deal),
                Err(errors) => {
                    rejected.push((row.number, errors.into_iter().map(|e| e.column).collect()))
                }
            },
            Err(e) => rejected.push((e.number, vec![e.message])),
        }
    }
    (rows, rejected)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_us_salesforce_report_with_bom_footer_and_month_first_dates() {
    let bytes = fixture("salesforce_report_us.csv");
    let prepared = prepare(&bytes, &file::DEALS).unwrap();
    assert_eq!(prepared.rows, 4);
    assert_eq!(
        prepared.date_order("close"),
        DateOrder::Mdy,
        "12/15/2026 proves it"
    );
    let (rows, rejected) = deals(&bytes, Currency::USD);
    assert!(rejected.is_empty(), "{rejected:?}");
    let acme = &rows[0];
    assert_eq!(acme.account, "Acme Corp");
    assert_eq!(acme.name.as_deref(), Some("Acme - Data platform"));
    assert_eq!(acme.amount, Money::new(120_050, Currency::USD));
    assert_eq!(acme.close, day(2026, 12, 15));
    assert_eq!(acme.stage, Some(Stage::Proposal));
    assert_eq!(acme.forecast, Some(ForecastCategory::Commit));
    assert_eq!(acme.crm_id.as_deref(), Some("0065e00000AbCdEAAV"));
    assert_eq!(acme.partner.as_deref(), Some("Globex Services"));
    assert_eq!(acme.website.as_deref(), Some("acme.com"));
    assert!(acme.registration_approved);
    assert!(rows[1].renewal, "Existing Business - Renewal");
    assert_eq!(rows[1].close, day(2027, 1, 30));
    assert_eq!(rows[2].name.as_deref(), Some("Umbrella\nPhase 2"));
    assert_eq!(rows[2].stage, Some(Stage::ClosedWon));
    assert!(!rows[3].registration_approved, "Pending is not approved");
    assert_eq!(rows.len(), 4, "the footer is not a row");
}

#[test]
fn a_european_report_in_windows_1252_with_semicolons_and_day_first_dates() {
    let bytes = fixture("salesforce_report_eu.csv");
    let prepared = prepare(&bytes, &file::DEALS).unwrap();
    assert_eq!(prepared.table.detected.name(), "windows-1252");
    assert_eq!(prepared.table.delimiter, b';');
    let (rows, rejected) = deals(&bytes, Currency::EUR);
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(rows[0].account, "Müller GmbH");
    assert_eq!(rows[0].amount, Money::new(120_050, Currency::EUR));
    assert_eq!(rows[0].close, day(2026, 12, 15));
    assert_eq!(rows[0].reseller.as_deref(), Some("Globex Services"));
    assert_eq!(rows[1].amount, Money::new(1_200_000, Currency::EUR));
    assert_eq!(rows[1].close, day(2027, 2, 1));
    assert_eq!(rows[1].stage, Some(Stage::TechEval));
    assert_eq!(rows[2].close, day(2027, 4, 3));
    assert_eq!(rows[2].stage, Some(Stage::ClosedLost));

    // The same file in a USD workspace: every row names its currency.
    let (rows, rejected) = deals(&bytes, Currency::USD);
    assert!(rows.is_empty());
    assert_eq!(rejected.len(), 3);
}

#[test]
fn a_data_loader_file_with_api_names_15_character_ids_and_owner_emails() {
    let bytes = fixture("dataloader_opportunities.csv");
    let (rows, rejected) = deals(&bytes, Currency::USD);
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(rows[0].crm_id.as_deref(), Some("0065e00000AbCdEAAV"));
    assert_eq!(rows[0].account_crm_id.as_deref().map(str::len), Some(18));
    assert_eq!(rows[0].owner.email.as_deref(), Some("dana@example.com"));
    assert_eq!(rows[0].owner.crm_id.as_deref().map(str::len), Some(18));
    assert_eq!(
        rows[0].stage,
        Some(Stage::TechEval),
        "3-Technical Evaluation"
    );
    assert_eq!(
        rows[0].partner.as_deref(),
        Some("Globex Services"),
        "Sourcing_Partner__c"
    );
    assert_eq!(rows[1].amount, Money::new(25_000_000, Currency::USD));
    assert_eq!(
        rows[2].close,
        day(2027, 2, 28),
        "a date-time reads as its date"
    );
    // A formula is data: kept verbatim here, guarded when exported.
    assert_eq!(
        rows[2].name.as_deref(),
        Some("=HYPERLINK(\"http://evil.example\")")
    );
}

#[test]
fn an_ace_export_reads_our_ids_portal_ids_stages_and_statuses() {
    let bytes = fixture("ace_export.csv");
    let mut prepared = prepare(&bytes, &file::PORTAL).unwrap();
    let headers = prepared.table.headers.clone();
    let marketplace = portal::marketplace_of(&headers);
    let mut rows = Vec::new();
    while let Some(item) = prepared.table.next_row() {
        let row = item.unwrap().unwrap();
        rows.push(
            portal::read(
                &row,
                &headers,
                &prepared.mapping,
                marketplace,
                DateOrder::Ymd,
            )
            .unwrap(),
        );
    }
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].our_id, Some(1));
    assert_eq!(rows[0].portal_id.as_deref(), Some("O1234567"));
    assert_eq!(rows[0].stage, Some(PortalStage::TechnicalValidation));
    assert_eq!(rows[0].status, Some(PortalStatus::Approved));
    assert_eq!(rows[1].our_id, None);
    assert_eq!(rows[1].customer.as_deref(), Some("Initech"));
    assert_eq!(rows[1].close, Some(day(2027, 1, 20)));
    assert_eq!(rows[2].status, Some(PortalStatus::PendingSubmission));
}
