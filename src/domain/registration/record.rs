//! The registration record: one partner's claim on a deal or account, with its review state.
//! `store` reads and writes it; the status rules are in [`super::transition`].

use super::{RegistrationStatus, RegistrationType};
use crate::domain::deal::Marketplace;
use crate::domain::ids::{AccountId, DealId, PartnerId, RegistrationId, UserId};
use crate::domain::money::Money;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// A deal registration: who registered which deal or account, and where its review stands.
/// Serialises (enums as ids, dates as `YYYY-MM-DD`, ids as bare numbers) for the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Registration {
    /// 0 until inserted.
    pub id: RegistrationId,
    pub deal_id: Option<DealId>,
    pub account_id: AccountId,
    pub partner_id: PartnerId,
    pub distributor_partner_id: Option<PartnerId>,
    pub reg_type: RegistrationType,
    pub status: RegistrationStatus,
    /// In the workspace currency; serialised as `amount_minor`, the bare minor units.
    #[serde(
        rename = "amount_minor",
        serialize_with = "crate::domain::money::serialize_minor"
    )]
    pub amount: Money,
    pub close_date: NaiveDate,
    pub marketplace: Marketplace,
    pub portal_id: Option<String>,
    pub notes: String,
    pub submitted_by: UserId,
    pub submitted_at: DateTime<Utc>,
    pub reviewed_by: Option<UserId>,
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The reason of a denial, the comments of a return, or the withdrawal note.
    pub decision_note: Option<String>,
    /// Why the submitter went ahead over a conflict.
    pub conflict_note: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub extensions: i64,
}
