//! The deal record: what one deal is (amount, stage, close date, partner roles, co-sell
//! portal fields) and the rules that need only the deal itself. `store` reads and writes it.

use super::{
    parse_portal_id, DealPath, ForecastCategory, Marketplace, PortalStage, PortalStatus, Stage,
};
use crate::domain::dates::format_date;
use crate::domain::ids::{AccountId, DealId, PartnerId, TerritoryId, UserId};
use crate::domain::money::Money;
use crate::domain::{echo, DomainError};
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
    /// In the workspace currency; serialised as `amount_minor`, the bare minor units.
    #[serde(
        rename = "amount_minor",
        serialize_with = "crate::domain::money::serialize_minor"
    )]
    pub amount: Money,
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

impl Deal {
    /// Whether any partner has a role on the deal (sourcing, transacting or distributor).
    pub fn has_partner(&self) -> bool {
        self.sourcing_partner_id.is_some()
            || self.transacting_partner_id.is_some()
            || self.distributor_partner_id.is_some()
    }

    /// Checks the co-sell portal id fits the marketplace (an ACE id for AWS, ...) and stores it
    /// in its checked form. A portal id needs a marketplace.
    pub fn check_portal_id(&mut self) -> Result<(), DomainError> {
        if let Some(id) = self.portal_id.clone() {
            match parse_portal_id(self.marketplace, &id) {
                Some(checked) => self.portal_id = Some(checked?),
                None => return Err(DomainError::PortalIdNeedsMarketplace { input: echo(&id) }),
            }
        }
        Ok(())
    }

    /// Checks an open deal does not close before `today`.
    pub fn check_close_date(&self, today: NaiveDate) -> Result<(), DomainError> {
        if self.stage.is_open() && self.close_date < today {
            return Err(DomainError::OpenDealClosesInPast {
                date: format_date(self.close_date),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
