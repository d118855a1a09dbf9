//! The deals file: which headers feed which deal field (Salesforce report labels, API names
//! and relationship paths, partnerbot's own export), and reading one row into a [`DealRow`]
//! of domain values. Names of accounts, partners and owners stay names here: the core
//! resolves them against the workspace.

use chrono::NaiveDate;

use super::date::{self, DateOrder};
use super::header::{Field, Mapping};
use super::number::{self, ColumnStyle};
use super::table::Row;
use super::{crm, sfid, CellError};
use crate::domain::deal::{ForecastCategory, Stage};
use crate::domain::money::{parse_amount_or_zero, Currency, Money};
use crate::domain::names::parse_domain;

/// The fields of a deals import and the headers that name them, in order of preference.
#[rustfmt::skip]
pub const FIELDS: &[Field] = &[
    Field { name: "crm_id", headers: &["Opportunity ID", "Id", "Opportunity 18 Digit ID", "OpportunityId"] },
    Field { name: "name", headers: &["Opportunity Name", "Name", "Deal Name", "Deal"] },
    Field { name: "account", headers: &["Account Name", "Account.Name", "Account", "Customer", "Company"] },
    Field { name: "account_crm_id", headers: &["Account ID", "AccountId", "Account.Id"] },
    Field { name: "website", headers: &["Website", "Account.Website", "Account Website", "Domain"] },
    Field { name: "amount", headers: &["Amount", "Opportunity Amount", "Deal Size"] },
    Field { name: "currency", headers: &["Opportunity Currency", "CurrencyIsoCode", "Currency", "Amount Currency"] },
    Field { name: "close", headers: &["Close Date", "CloseDate", "Expected Close Date"] },
    Field { name: "stage", headers: &["Stage", "StageName", "Opportunity Stage", "Sales Stage"] },
    Field { name: "forecast", headers: &["Forecast Category", "ForecastCategoryName", "ForecastCategory"] },
    Field { name: "owner", headers: &["Opportunity Owner", "Owner", "Owner.Name", "Owner Name", "Owner Full Name"] },
    Field { name: "owner_email", headers: &["Owner.Email", "Owner Email", "Opportunity Owner Email"] },
    Field { name: "owner_crm_id", headers: &["OwnerId", "Owner ID", "Opportunity Owner ID"] },
    Field { name: "partner", headers: &["Sourcing Partner", "Partner Account", "PartnerAccount.Name", "PartnerAccount", "Referral Partner", "Partner"] },
    Field { name: "reseller", headers: &["Reseller", "Transacting Partner", "Reseller Partner"] },
    Field { name: "distributor", headers: &["Distributor", "Distribution Partner"] },
    Field { name: "registration", headers: &["DR Status", "Deal Registration Status", "Registration Status", "Deal Reg Status"] },
    Field { name: "type", headers: &["Type", "Opportunity Type"] },
    Field { name: "territory", headers: &["Territory", "Sales Territory"] },
];

/// Fields a deals file must have (by mapping), with what to do when one is missing.
pub const REQUIRED: &[(&str, &str)] = &[
    ("account", "; add an `Account Name` column"),
    ("amount", "; add an `Amount` column"),
    ("close", "; add a `Close Date` column"),
];

/// Who owns a deal, as the file names them (matched by CRM id, then email, then name).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OwnerRef {
    pub crm_id: Option<String>,
    pub email: Option<String>,
    pub name: Option<String>,
}

/// One deal row in domain values, references left as the file writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealRow {
    pub row: u64,
    pub crm_id: Option<String>,
    pub name: Option<String>,
    pub account: String,
    pub account_crm_id: Option<String>,
    pub website: Option<String>,
    pub amount: Money,
    pub close: NaiveDate,
    pub stage: Option<Stage>,
    pub forecast: Option<ForecastCategory>,
    pub owner: OwnerRef,
    pub partner: Option<String>,
    pub reseller: Option<String>,
    pub distributor: Option<String>,
    /// The file says the deal's registration was approved.
    pub registration_approved: bool,
    pub renewal: bool,
    pub territory: Option<String>,
}

/// Reads deal rows with a file's mapping and the per-column decisions taken before reading.
pub struct DealReader<'a> {
    pub headers: &'a [String],
    pub mapping: &'a Mapping,
    pub currency: Currency,
    pub date_order: DateOrder,
    pub amount_style: ColumnStyle,
    pub stages: &'a [(String, Stage)],
}

impl DealReader<'_> {
    /// One row into a [`DealRow`], or every cell error it has.
    pub fn read(&mut self, row: &Row) -> Result<DealRow, Vec<CellError>> {
        let (mapping, headers, stages) = (self.mapping, self.headers, self.stages);
        let mut errors = Vec::new();
        let cell = |field: &str| mapping.cell(&row.cells, field);
        let mut fail = |field: &str, message: String| {
            errors.push(CellError {
                column: mapping.header(headers, field),
                message,
            })
        };

        let account = cell("account");
        if account.is_none() {
            fail("account", "the account name is empty".to_string());
        }
        let crm_id = optional(cell("crm_id"), |id| sfid::to_18(&id), |m| fail("crm_id", m));
        let account_crm_id = optional(
            cell("account_crm_id"),
            |id| sfid::to_18(&id),
            |m| fail("account_crm_id", m),
        );
        let owner_crm_id = optional(
            cell("owner_crm_id"),
            |id| sfid::to_18(&id),
            |m| fail("owner_crm_id", m),
        );
        let website = optional(
            cell("website"),
            |w| parse_domain(&w).map_err(|e| e.to_string()),
            |m| fail("website", m),
        );
        if let Some(code) = cell("currency") {
            if !code.eq_ignore_ascii_case(self.currency.code()) {
                fail(
                    "currency",
                    format!(
                        "the amount is in {code} but this workspace counts in {}; nothing is \
                         converted: export the row in {} or leave it out",
                        self.currency, self.currency
                    ),
                );
            }
        }
        let amount = match cell("amount") {
            None => {
                fail("amount", "the amount is empty".to_string());
                None
            }
            Some(text) => number::normalise(&text, &mut self.amount_style)
                .and_then(|plain| {
                    parse_amount_or_zero(&plain, self.currency).map_err(|e| e.to_string())
                })
                .map_err(|m| fail("amount", m))
                .ok(),
        };
        let close = match cell("close") {
            None => {
                fail("close", "the close date is empty".to_string());
                None
            }
            Some(text) => date::parse(&text, self.date_order)
                .map_err(|m| fail("close", m))
                .ok(),
        };
        let stage = optional(
            cell("stage"),
            |s| crm::stage(&s, stages),
            |m| fail("stage", m),
        );
        let forecast = optional(
            cell("forecast"),
            |c| crm::category(&c),
            |m| fail("forecast", m),
        );
        let registration_approved =
            cell("registration").is_some_and(|s| s.trim().eq_ignore_ascii_case("approved"));
        let renewal = cell("type").is_some_and(|t| t.to_lowercase().contains("renewal"));

        match (account, amount, close) {
            (Some(account), Some(amount), Some(close)) if errors.is_empty() => Ok(DealRow {
                row: row.number,
                crm_id,
                name: cell("name"),
                account,
                account_crm_id,
                website,
                amount: Money::new(amount, self.currency),
                close,
                stage,
                forecast,
                owner: OwnerRef {
                    crm_id: owner_crm_id,
                    email: cell("owner_email").map(|e| e.to_lowercase()),
                    name: cell("owner"),
                },
                partner: cell("partner"),
                reseller: cell("reseller"),
                distributor: cell("distributor"),
                registration_approved,
                renewal,
                territory: cell("territory"),
            }),
            _ => Err(errors),
        }
    }
}

/// Parses an optional cell, reporting a failure through `fail` and leaving the value out.
fn optional<T>(
    text: Option<String>,
    parse: impl FnOnce(String) -> Result<T, String>,
    fail: impl FnOnce(String),
) -> Option<T> {
    match text.map(parse) {
        Some(Ok(value)) => Some(value),
        Some(Err(message)) => {
            fail(message);
            None
        }
        None => None,
    }
}
