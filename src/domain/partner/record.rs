//! The partner record: what a partner is (type, track, territory, certifications, agreement)
//! as `/partner add|update` writes it. `store` reads and writes it.

use super::{PartnerType, Track};
use crate::domain::ids::{PartnerId, TerritoryId};
use chrono::NaiveDate;
use serde::Serialize;

/// What a partner is, as written by `/partner add|update`. Serialises (enums as their ids,
/// dates as `YYYY-MM-DD`, ids as bare numbers) for the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerFields {
    pub name: String,
    pub partner_type: PartnerType,
    pub track: Track,
    /// The Professional Services Partner designation.
    pub professional_services: bool,
    pub territory_id: Option<TerritoryId>,
    /// Normalised web domain (`globex.com`).
    pub domain: Option<String>,
    pub certs_sales: i64,
    pub certs_sa: i64,
    pub certs_pse: i64,
    pub agreement_signed_on: Option<NaiveDate>,
    pub agreement_expires_on: Option<NaiveDate>,
    pub business_plan: bool,
}

/// A stored partner with its territory's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    pub id: PartnerId,
    pub fields: PartnerFields,
    pub territory: Option<String>,
}
