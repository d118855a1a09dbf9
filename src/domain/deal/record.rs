//! The deal record: what one deal is (amount, stage, close date, partner roles, co-sell
//! portal fields) and the rules that need only the deal itself. `store` reads and writes it.

use super::{DealPath, ForecastCategory, Marketplace, PortalStage, PortalStatus, Stage};
use crate::domain::ids::{AccountId, DealId, PartnerId, TerritoryId, UserId};
use chrono::NaiveDate;
use serde::Serialize;

/// A deal: its fields and the ids it points to. Serialises (enums as their ids, dates as
/// `YYYY-MM-DD`, ids as bare numbers) for the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deal {
    /// 0 until inserted.
    pub id: DealId,
    pub account_id: AccountId,
    pub name: String,
    pub amount_minor: i64,
    pub stage: Stage,
    pub close_date: NaiveDate,
    pub forecast: ForecastCategory,
    pub path: DealPath,
    pub owner_user_id: UserId,
    pub territory_id: Option<TerritoryId>,
    pub sourcing_partner_id: Option<PartnerId>,
    pub transacting_partner_id: Option<PartnerId>,
    pub distributor_partner_id: Option<PartnerId>,
    pub marketplace: Marketplace,
    pub private_offer_id: Option<String>,
    pub portal_id: Option<String>,
    pub portal_stage: Option<PortalStage>,
    pub portal_status: Option<PortalStatus>,
    pub is_renewal: bool,
    /// The day the deal was marked closed won or lost.
    pub closed_on: Option<NaiveDate>,
}
