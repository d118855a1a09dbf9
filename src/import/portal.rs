//! The co-sell portal files `/import portal` reads: an AWS Partner Central (ACE) opportunity
//! export and a Google Cloud Partner Advantage leads export. Each row says which of our deals
//! it is (`partnerCrmUniqueIdentifier` / `externalSystemId`, when we exported it) or who the
//! customer is and when it closes, and what the portal thinks of it: its id, stage and review
//! status. Headers are the JSON names the bulk import and CRM integration use, or their labels.

use chrono::NaiveDate;

use super::date::{self, DateOrder};
use super::header::{Field, Mapping};
use super::table::Row;
use super::CellError;
use crate::domain::deal::{parse_portal_id, Marketplace, PortalStage, PortalStatus};
use crate::domain::Choice;

/// Fields of a portal export and the headers that name them (ACE first, then Partner
/// Advantage).
#[rustfmt::skip]
pub const FIELDS: &[Field] = &[
    Field { name: "our_id", headers: &["partnerCrmUniqueIdentifier", "Partner CRM Unique Identifier", "Partner CRM ID", "externalSystemId", "External System ID"] },
    Field { name: "portal_id", headers: &["apnCrmUniqueIdentifier", "APN CRM Unique Identifier", "Opportunity ID", "Opportunity Id", "leadId", "Lead ID", "Lead Id"] },
    Field { name: "customer", headers: &["customerCompanyName", "Customer Company Name", "Company Name", "customer", "Customer", "Customer Name"] },
    Field { name: "website", headers: &["customerWebsite", "Customer Website", "Website"] },
    Field { name: "close", headers: &["targetCloseDate", "Target Close Date", "estimatedCloseDate", "Estimated Close Date"] },
    Field { name: "stage", headers: &["stage", "Stage", "Opportunity Stage"] },
    Field { name: "status", headers: &["status", "reviewStatus", "Review Status", "Status", "leadApprovalStatus", "Lead Approval Status", "leadStatus", "Lead Status"] },
];

/// One portal row: which deal it may be and what the portal says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalRow {
    pub row: u64,
    /// Our deal number as we exported it (`42`, `#42`).
    pub our_id: Option<i64>,
    pub portal_id: Option<String>,
    pub customer: Option<String>,
    pub website: Option<String>,
    pub close: Option<NaiveDate>,
    pub stage: Option<PortalStage>,
    pub status: Option<PortalStatus>,
}

/// Which portal a file comes from, by its headers: Partner Advantage files have
/// `externalSystemId` or lead columns, ACE files the rest.
pub fn marketplace_of(headers: &[String]) -> Marketplace {
    let gcp = headers.iter().any(|h| {
        let k = super::header::key(h);
        k.starts_with("lead") || k == "externalsystemid" || k == "estimatedclosedate"
    });
    if gcp {
        Marketplace::Gcp
    } else {
        Marketplace::Aws
    }
}

/// A review status as either portal writes it: ACE's values, or Partner Advantage's words
/// (approved, rejected, pending, …) mapped to the nearest.
pub fn status(text: &str) -> Result<PortalStatus, String> {
    if let Ok(status) = PortalStatus::parse(text) {
        return Ok(status);
    }
    let lower = text.trim().to_lowercase();
    let found = [
        ("approved", PortalStatus::Approved),
        ("accepted", PortalStatus::Approved),
        ("rejected", PortalStatus::Rejected),
        ("declined", PortalStatus::Rejected),
        ("pending", PortalStatus::InReview),
        ("review", PortalStatus::InReview),
        ("submitted", PortalStatus::Submitted),
        ("draft", PortalStatus::PendingSubmission),
        ("action", PortalStatus::ActionRequired),
    ]
    .iter()
    .find(|(word, _)| lower.contains(word))
    .map(|(_, status)| *status);
    found.ok_or_else(|| {
        format!(
            "review status `{}` is not one partnerbot knows (Pending Submission, Submitted, In \
             review, Approved, Rejected, Action Required)",
            text.trim()
        )
    })
}

/// Reads one row of a portal export, or every cell error it has.
pub fn read(
    row: &Row,
    headers: &[String],
    mapping: &Mapping,
    marketplace: Marketplace,
    date_order: DateOrder,
) -> Result<PortalRow, Vec<CellError>> {
    let cell = |field: &str| mapping.cell(&row.cells, field);
    let mut errors = Vec::new();
    let mut fail = |field: &str, message: String| {
        errors.push(CellError {
            column: mapping.header(headers, field),
            message,
        })
    };
    let our_id = cell("our_id").and_then(|text| {
        let digits = text.trim_start_matches('#');
        match digits.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                fail(
                    "our_id",
                    format!("`{text}` is not a partnerbot deal number (like `42` or `#42`)"),
                );
                None
            }
        }
    });
    let portal_id = cell("portal_id").and_then(|text| match parse_portal_id(marketplace, &text) {
        Some(Ok(id)) => Some(id),
        Some(Err(e)) => {
            fail("portal_id", e.to_string());
            None
        }
        None => Some(text),
    });
    let close = cell("close").and_then(|text| {
        date::parse(&text, date_order)
            .map_err(|m| fail("close", m))
            .ok()
    });
    let stage = cell("stage").and_then(|text| {
        PortalStage::parse(&text)
            .map_err(|e| fail("stage", e.to_string()))
            .ok()
    });
    let status = cell("status").and_then(|text| status(&text).map_err(|m| fail("status", m)).ok());
    if our_id.is_none() && cell("customer").is_none() && errors.is_empty() {
        errors.push(CellError {
            column: mapping.header(headers, "customer"),
            message: "the row names neither our deal (partnerCrmUniqueIdentifier) nor the customer"
                .to_string(),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PortalRow {
        row: row.number,
        our_id,
        portal_id,
        customer: cell("customer"),
        website: cell("website"),
        close,
        stage,
        status,
    })
}
