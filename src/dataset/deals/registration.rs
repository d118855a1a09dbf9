//! Registrations: the sourced registration of a partner-sourced deal (approved, expired after
//! its validity, or closed with the deal), services-attach registrations around it, and
//! registrations still waiting for a decision.

use super::{amount_minor, Acct, DealMaker};
use crate::dataset::days::{stamp, SLOTS};
use crate::dataset::rng::Rng;
use crate::dataset::rows::{DealRow, RegistrationRow};
use crate::domain::deal::{Marketplace, Stage};
use crate::domain::registration::{RegistrationStatus as Status, RegistrationType};
use crate::domain::Choice;
use crate::store::codec;
use chrono::{Duration, NaiveDate};

impl DealMaker<'_> {
    pub(super) fn sourced(
        &self,
        rng: &mut Rng,
        deal: &mut DealRow,
        stage: Stage,
        created: NaiveDate,
        account: &Acct,
    ) -> Vec<RegistrationRow> {
        let pools = self.partners;
        let from_msp = rng.chance(15) && !pools.msps.is_empty();
        let candidates = if from_msp {
            &pools.msps
        } else {
            &pools.sourcing
        };
        if candidates.is_empty() {
            return Vec::new();
        }
        let partner = *rng.pick(candidates);
        let reg_type = if from_msp {
            RegistrationType::Msp
        } else {
            *rng.weighted(&[
                (RegistrationType::Resale, 60),
                (RegistrationType::Referral, 40),
            ])
        };
        deal.sourcing_partner_id = Some(partner);
        deal.transacting_partner_id = match reg_type {
            RegistrationType::Referral if rng.chance(30) => self.reseller(rng),
            RegistrationType::Referral => None,
            _ => Some(partner),
        };
        if deal.transacting_partner_id.is_some() {
            deal.distributor_partner_id = self.distributor(rng, 25);
        }
        let submitted = created - Duration::days(rng.range(0, 5));
        let late = rng.chance(10);
        let review_days = if late {
            rng.range(3, 8)
        } else {
            rng.range(0, 2)
        };
        let reviewed = (submitted + Duration::days(review_days)).min(self.today);
        let extensions = i64::from(rng.chance(20));
        let expires = reviewed + Duration::days(self.validity_days + 30 * extensions);
        let status = match stage {
            Stage::ClosedWon => Status::ClosedWon,
            Stage::ClosedLost => Status::ClosedLost,
            _ if expires < self.today => Status::Expired,
            _ => Status::Approved,
        };
        let mut regs = Vec::new();
        let mut reg = self.registration(
            rng,
            account,
            partner,
            reg_type,
            status,
            submitted,
            Some(reviewed),
        );
        reg.deal_id = Some(deal.id);
        reg.amount_minor = deal.amount_minor;
        reg.close_date = deal.close_date.clone();
        reg.distributor_partner_id = deal.distributor_partner_id;
        reg.approved_on = Some(codec::date(reviewed));
        reg.expires_on = Some(codec::date(expires));
        reg.extensions = extensions;
        regs.push(reg);
        // A services partner registers its own services around some sourced deals.
        let services = &pools.services;
        if status != Status::Expired && services.len() > 1 && rng.chance(10) {
            let pick = rng.index(services.len());
            let other = if services[pick] == partner {
                services[(pick + 1) % services.len()]
            } else {
                services[pick]
            };
            let approved = (reviewed + Duration::days(3)).min(self.today);
            let kind = RegistrationType::ServicesAttach;
            let mut attach =
                self.registration(rng, account, other, kind, status, submitted, Some(approved));
            attach.deal_id = Some(deal.id);
            attach.close_date = deal.close_date.clone();
            attach.amount_minor = deal.amount_minor / 5;
            attach.approved_on = Some(codec::date(approved));
            attach.expires_on = Some(codec::date(approved + Duration::days(self.validity_days)));
            regs.push(attach);
        }
        regs
    }

    /// A registration of `partner` for `account`; the caller links it to a deal if it has one.
    #[allow(clippy::too_many_arguments)]
    pub fn registration(
        &self,
        rng: &mut Rng,
        account: &Acct,
        partner: i64,
        reg_type: RegistrationType,
        status: Status,
        submitted: NaiveDate,
        reviewed: Option<NaiveDate>,
    ) -> RegistrationRow {
        let reviewed =
            reviewed.filter(|_| !matches!(status, Status::Submitted | Status::PendingReview));
        let decision_note = match status {
            Status::Denied => Some(*rng.pick(&self.pools.denial_notes)),
            Status::Returned => Some(*rng.pick(&self.pools.return_notes)),
            _ => None,
        };
        let last = reviewed.unwrap_or(submitted);
        RegistrationRow {
            workspace_id: self.workspace_id,
            deal_id: None,
            account_id: account.id,
            partner_id: partner,
            distributor_partner_id: None,
            reg_type: reg_type.as_str(),
            status: status.as_str(),
            amount_minor: amount_minor(rng, false),
            close_date: codec::date(submitted + Duration::days(rng.range(30, 180))),
            marketplace: Marketplace::None.as_str(),
            portal_id: None,
            submitted_by: self.team.ptm(rng, account.territory_id),
            submitted_at: stamp(submitted, rng.index(SLOTS), self.now),
            reviewed_by: reviewed.map(|_| self.team.director(rng, account.territory_id)),
            reviewed_at: reviewed.map(|day| stamp(day, rng.index(SLOTS), self.now)),
            decision_note,
            approved_on: None,
            expires_on: None,
            extensions: 0,
            updated_at: stamp(last, rng.index(SLOTS), self.now),
        }
    }

    /// A registration not (yet) linked to a deal: submitted, in review, returned or denied.
    pub fn loose_registration(
        &self,
        rng: &mut Rng,
        account: &Acct,
        status: Status,
    ) -> Option<RegistrationRow> {
        if self.partners.sourcing.is_empty() {
            return None;
        }
        let partner = *rng.pick(&self.partners.sourcing);
        let age = match status {
            Status::Submitted => rng.range(0, 1),
            Status::PendingReview => rng.range(1, 6),
            Status::Returned => rng.range(3, 20),
            _ => rng.range(2, 365),
        };
        let submitted = self.today - Duration::days(age);
        let reviewed = submitted + Duration::days(rng.range(0, 2).min(age));
        let reg_type = *rng.weighted(&[
            (RegistrationType::Resale, 55),
            (RegistrationType::Referral, 30),
            (RegistrationType::Msp, 10),
            (RegistrationType::ServicesAttach, 5),
        ]);
        Some(self.registration(
            rng,
            account,
            partner,
            reg_type,
            status,
            submitted,
            Some(reviewed),
        ))
    }
}
