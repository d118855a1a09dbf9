//! The rows the generators write, one struct per table, each knowing its columns and how to bind
//! them; [`super::bulk`] writes them in multi-row statements.

use super::bulk::{AnyQuery, Record};
use crate::domain::ids::WorkspaceId;

pub struct TerritoryRow {
    pub id: i64,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub name_key: String,
    pub region: String,
    pub created_at: String,
}

impl Record for TerritoryRow {
    const TABLE: &'static str = "territories";
    const COLUMNS: &'static str = "id, workspace_id, name, name_key, region, created_at";
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.id)
            .bind(self.workspace_id)
            .bind(self.name.as_str())
            .bind(self.name_key.as_str())
            .bind(self.region.as_str())
            .bind(self.created_at.as_str())
    }
}

pub struct MemberRow {
    pub workspace_id: WorkspaceId,
    pub user_id: i64,
    pub display_name: String,
    pub name_key: String,
    /// As the core stores them: `director`, `field_sales`.
    pub roles: &'static str,
    pub seen_at: String,
}

impl Record for MemberRow {
    const TABLE: &'static str = "members";
    const COLUMNS: &'static str =
        "workspace_id, user_id, display_name, name_key, roles, first_seen_at, last_seen_at";
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.workspace_id)
            .bind(self.user_id)
            .bind(self.display_name.as_str())
            .bind(self.name_key.as_str())
            .bind(self.roles)
            .bind(self.seen_at.as_str())
            .bind(self.seen_at.as_str())
    }
}

pub struct CoverageRow {
    pub workspace_id: WorkspaceId,
    pub territory_id: i64,
    pub user_id: i64,
    pub role: &'static str,
    pub assigned_at: String,
}

impl Record for CoverageRow {
    const TABLE: &'static str = "territory_members";
    const COLUMNS: &'static str = "workspace_id, territory_id, user_id, role, assigned_at";
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.workspace_id)
            .bind(self.territory_id)
            .bind(self.user_id)
            .bind(self.role)
            .bind(self.assigned_at.as_str())
    }
}

pub struct PartnerRow {
    pub id: i64,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub name_key: String,
    pub partner_type: &'static str,
    pub track: &'static str,
    pub professional_services: i64,
    pub territory_id: Option<i64>,
    pub domain: Option<String>,
    pub certs: [i64; 3],
    pub agreement_signed_on: Option<String>,
    pub agreement_expires_on: Option<String>,
    pub business_plan_on_file: i64,
    pub created_at: String,
}

impl Record for PartnerRow {
    const TABLE: &'static str = "partners";
    const COLUMNS: &'static str =
        "id, workspace_id, name, name_key, partner_type, track, professional_services, \
         territory_id, domain, certs_sales, certs_sa, certs_pse, agreement_signed_on, \
         agreement_expires_on, business_plan_on_file, created_at, updated_at";
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.id)
            .bind(self.workspace_id)
            .bind(self.name.as_str())
            .bind(self.name_key.as_str())
            .bind(self.partner_type)
            .bind(self.track)
            .bind(self.professional_services)
            .bind(self.territory_id)
            .bind(self.domain.as_deref())
            .bind(self.certs[0])
            .bind(self.certs[1])
            .bind(self.certs[2])
            .bind(self.agreement_signed_on.as_deref())
            .bind(self.agreement_expires_on.as_deref())
            .bind(self.business_plan_on_file)
            .bind(self.created_at.as_str())
            .bind(self.created_at.as_str())
    }
}

pub struct AccountRow {
    pub id: i64,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub name_key: String,
    pub domain: Option<String>,
    pub territory_id: Option<i64>,
    pub owner_user_id: Option<i64>,
    pub created_at: String,
}

impl Record for AccountRow {
    const TABLE: &'static str = "accounts";
    const COLUMNS: &'static str =
        "id, workspace_id, name, name_key, domain, territory_id, owner_user_id, created_at, \
         match_key, match_domain";
    /// `match_key` and `match_domain` are derived here, as `store::account::insert` does.
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.id)
            .bind(self.workspace_id)
            .bind(self.name.as_str())
            .bind(self.name_key.as_str())
            .bind(self.domain.as_deref())
            .bind(self.territory_id)
            .bind(self.owner_user_id)
            .bind(self.created_at.as_str())
            .bind(crate::domain::names::company_key(&self.name))
            .bind(
                self.domain
                    .as_deref()
                    .and_then(crate::domain::names::registrable_domain),
            )
    }
}

pub struct DealRow {
    pub id: i64,
    pub workspace_id: WorkspaceId,
    pub account_id: i64,
    pub name: String,
    pub amount_minor: i64,
    pub stage: &'static str,
    pub close_date: String,
    pub forecast_category: &'static str,
    pub deal_path: &'static str,
    pub owner_user_id: i64,
    pub territory_id: Option<i64>,
    pub sourcing_partner_id: Option<i64>,
    pub transacting_partner_id: Option<i64>,
    pub distributor_partner_id: Option<i64>,
    pub marketplace: &'static str,
    pub private_offer_id: Option<String>,
    pub portal_id: Option<String>,
    pub portal_stage: Option<&'static str>,
    pub portal_status: Option<&'static str>,
    pub is_renewal: i64,
    pub closed_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl Record for DealRow {
    const TABLE: &'static str = "deals";
    const COLUMNS: &'static str =
        "id, workspace_id, account_id, name, amount_minor, stage, close_date, \
         forecast_category, deal_path, owner_user_id, territory_id, sourcing_partner_id, \
         transacting_partner_id, distributor_partner_id, marketplace, private_offer_id, \
         portal_id, portal_stage, portal_status, is_renewal, closed_on, created_at, \
         updated_at";
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.id)
            .bind(self.workspace_id)
            .bind(self.account_id)
            .bind(self.name.as_str())
            .bind(self.amount_minor)
            .bind(self.stage)
            .bind(self.close_date.as_str())
            .bind(self.forecast_category)
            .bind(self.deal_path)
            .bind(self.owner_user_id)
            .bind(self.territory_id)
            .bind(self.sourcing_partner_id)
            .bind(self.transacting_partner_id)
            .bind(self.distributor_partner_id)
            .bind(self.marketplace)
            .bind(self.private_offer_id.as_deref())
            .bind(self.portal_id.as_deref())
            .bind(self.portal_stage)
            .bind(self.portal_status)
            .bind(self.is_renewal)
            .bind(self.closed_on.as_deref())
            .bind(self.created_at.as_str())
            .bind(self.updated_at.as_str())
    }
}

pub struct RegistrationRow {
    pub workspace_id: WorkspaceId,
    pub deal_id: Option<i64>,
    pub account_id: i64,
    pub partner_id: i64,
    pub distributor_partner_id: Option<i64>,
    pub reg_type: &'static str,
    pub status: &'static str,
    pub amount_minor: i64,
    pub close_date: String,
    pub marketplace: &'static str,
    pub portal_id: Option<String>,
    pub submitted_by: i64,
    pub submitted_at: String,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<String>,
    pub decision_note: Option<&'static str>,
    pub approved_on: Option<String>,
    pub expires_on: Option<String>,
    pub extensions: i64,
    pub updated_at: String,
}

impl Record for RegistrationRow {
    const TABLE: &'static str = "registrations";
    const COLUMNS: &'static str =
        "workspace_id, deal_id, account_id, partner_id, distributor_partner_id, reg_type, \
         status, amount_minor, close_date, marketplace, portal_id, submitted_by, submitted_at, \
         reviewed_by, reviewed_at, decision_note, approved_on, expires_on, extensions, \
         updated_at";
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.workspace_id)
            .bind(self.deal_id)
            .bind(self.account_id)
            .bind(self.partner_id)
            .bind(self.distributor_partner_id)
            .bind(self.reg_type)
            .bind(self.status)
            .bind(self.amount_minor)
            .bind(self.close_date.as_str())
            .bind(self.marketplace)
            .bind(self.portal_id.as_deref())
            .bind(self.submitted_by)
            .bind(self.submitted_at.as_str())
            .bind(self.reviewed_by)
            .bind(self.reviewed_at.as_deref())
            .bind(self.decision_note)
            .bind(self.approved_on.as_deref())
            .bind(self.expires_on.as_deref())
            .bind(self.extensions)
            .bind(self.updated_at.as_str())
    }
}

pub struct InfluenceRow {
    pub workspace_id: WorkspaceId,
    pub deal_id: i64,
    pub partner_id: i64,
    pub influence_type: &'static str,
    pub description: &'static str,
    pub recorded_by: i64,
    pub created_at: String,
}

impl Record for InfluenceRow {
    const TABLE: &'static str = "deal_influences";
    const COLUMNS: &'static str =
        "workspace_id, deal_id, partner_id, influence_type, description, recorded_by, \
         created_at";
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.workspace_id)
            .bind(self.deal_id)
            .bind(self.partner_id)
            .bind(self.influence_type)
            .bind(self.description)
            .bind(self.recorded_by)
            .bind(self.created_at.as_str())
    }
}

/// A touch; its date texts borrow from a [`super::days::Days`] table (millions of rows).
pub struct TouchRow<'d> {
    pub workspace_id: WorkspaceId,
    pub partner_id: i64,
    pub touch_type: &'static str,
    pub account_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub occurred_on: &'d str,
    pub notes: &'static str,
    pub logged_by: i64,
    pub created_at: &'d str,
}

impl Record for TouchRow<'_> {
    const TABLE: &'static str = "touches";
    const COLUMNS: &'static str =
        "workspace_id, partner_id, touch_type, account_id, deal_id, occurred_on, notes, \
         logged_by, created_at";
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.workspace_id)
            .bind(self.partner_id)
            .bind(self.touch_type)
            .bind(self.account_id)
            .bind(self.deal_id)
            .bind(self.occurred_on)
            .bind(self.notes)
            .bind(self.logged_by)
            .bind(self.created_at)
    }
}

pub struct ForecastRow {
    pub workspace_id: WorkspaceId,
    pub user_id: i64,
    pub territory_id: Option<i64>,
    pub fiscal_quarter: String,
    pub week_start: String,
    pub commit_minor: i64,
    pub most_likely_minor: i64,
    pub best_case_minor: i64,
    pub notes: &'static str,
    pub submitted_at: String,
}

impl Record for ForecastRow {
    const TABLE: &'static str = "forecasts";
    const COLUMNS: &'static str =
        "workspace_id, user_id, territory_id, fiscal_quarter, week_start, commit_minor, \
         most_likely_minor, best_case_minor, notes, submitted_at";
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.workspace_id)
            .bind(self.user_id)
            .bind(self.territory_id)
            .bind(self.fiscal_quarter.as_str())
            .bind(self.week_start.as_str())
            .bind(self.commit_minor)
            .bind(self.most_likely_minor)
            .bind(self.best_case_minor)
            .bind(self.notes)
            .bind(self.submitted_at.as_str())
    }
}
