//! Deals (opportunities): the deal row with its partner roles, the names a card shows, and what
//! hangs off a deal (influence partners, registrations, touches). Lists live in [`list`].
//!
//! `deals` is large (hundreds of thousands of rows per workspace): single deals are read by
//! primary key, lists page through ids first (see [`list`]) and join names for one page only.

mod list;

pub use list::{page, summary, DealFilter, DealLine, Summary};

use super::args::AnyQuery;
use super::{codec, Conn};
use crate::domain::deal::Deal;
use crate::domain::ids::{DealId, PartnerId, RegistrationId, TerritoryId, WorkspaceId};
use crate::domain::workspace::Workspace;
use crate::domain::Choice;
use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

const COLUMNS: &str = "id, account_id, name, amount_minor, stage, close_date, forecast_category, \
    deal_path, owner_user_id, territory_id, sourcing_partner_id, transacting_partner_id, \
    distributor_partner_id, marketplace, private_offer_id, portal_id, portal_stage, portal_status, \
    is_renewal, closed_on";

/// Reads a stored enum id.
pub(crate) fn stored<C: Choice>(text: &str) -> anyhow::Result<C> {
    C::from_id(text).with_context(|| format!("stored {} `{text}` is unknown", C::WHAT))
}

fn stored_opt<C: Choice>(text: Option<String>) -> anyhow::Result<Option<C>> {
    text.as_deref().map(stored).transpose()
}

/// A deal row of `workspace` (its amounts are in the workspace currency).
fn from_row(r: &sqlx::any::AnyRow, workspace: &Workspace) -> anyhow::Result<Deal> {
    Ok(Deal {
        id: r.try_get("id")?,
        account_id: r.try_get("account_id")?,
        name: r.try_get("name")?,
        amount: workspace.money(r.try_get("amount_minor")?),
        stage: stored(&r.try_get::<String, _>("stage")?)?,
        close_date: codec::parse_date(&r.try_get::<String, _>("close_date")?)?,
        forecast: stored(&r.try_get::<String, _>("forecast_category")?)?,
        path: stored(&r.try_get::<String, _>("deal_path")?)?,
        owner_user_id: r.try_get("owner_user_id")?,
        territory_id: r.try_get("territory_id")?,
        sourcing_partner_id: r.try_get("sourcing_partner_id")?,
        transacting_partner_id: r.try_get("transacting_partner_id")?,
        distributor_partner_id: r.try_get("distributor_partner_id")?,
        marketplace: stored(&r.try_get::<String, _>("marketplace")?)?,
        private_offer_id: r.try_get("private_offer_id")?,
        portal_id: r.try_get("portal_id")?,
        portal_stage: stored_opt(r.try_get("portal_stage")?)?,
        portal_status: stored_opt(r.try_get("portal_status")?)?,
        is_renewal: r.try_get::<i64, _>("is_renewal")? != 0,
        closed_on: codec::parse_opt_date(r.try_get("closed_on")?)?,
    })
}

/// Writes a new deal; returns its id.
pub async fn insert(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    deal: &Deal,
    now: DateTime<Utc>,
) -> anyhow::Result<DealId> {
    let at = codec::instant(now);
    let query = sqlx::query(
        "INSERT INTO deals (workspace_id, account_id, name, amount_minor, stage, close_date, \
         forecast_category, deal_path, owner_user_id, territory_id, sourcing_partner_id, \
         transacting_partner_id, distributor_partner_id, marketplace, private_offer_id, portal_id, \
         portal_stage, portal_status, is_renewal, closed_on, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
         $19, $20, $21, $21) RETURNING id",
    )
    .bind(workspace_id);
    let row = bind_fields(query, deal)
        .bind(at)
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get("id")?)
}

/// Binds the deal's fields in the column order both `insert` and `update` use
/// (`account_id` ... `closed_on`).
fn bind_fields<'q>(query: AnyQuery<'q>, deal: &'q Deal) -> AnyQuery<'q> {
    query
        .bind(deal.account_id)
        .bind(&deal.name)
        .bind(deal.amount.minor)
        .bind(deal.stage.as_str())
        .bind(codec::date(deal.close_date))
        .bind(deal.forecast.as_str())
        .bind(deal.path.as_str())
        .bind(deal.owner_user_id)
        .bind(deal.territory_id.map(TerritoryId::get))
        .bind(deal.sourcing_partner_id.map(PartnerId::get))
        .bind(deal.transacting_partner_id.map(PartnerId::get))
        .bind(deal.distributor_partner_id.map(PartnerId::get))
        .bind(deal.marketplace.as_str())
        .bind(deal.private_offer_id.as_deref())
        .bind(deal.portal_id.as_deref())
        .bind(deal.portal_stage.map(|s| s.as_str()))
        .bind(deal.portal_status.map(|s| s.as_str()))
        .bind(i64::from(deal.is_renewal))
        .bind(deal.closed_on.map(codec::date))
}

/// Writes every field of `deal` over the stored row with the same id.
pub async fn update(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    deal: &Deal,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let query = sqlx::query(
        "UPDATE deals SET account_id = $3, name = $4, amount_minor = $5, stage = $6, \
         close_date = $7, forecast_category = $8, deal_path = $9, owner_user_id = $10, \
         territory_id = $11, sourcing_partner_id = $12, transacting_partner_id = $13, \
         distributor_partner_id = $14, marketplace = $15, private_offer_id = $16, portal_id = $17, \
         portal_stage = $18, portal_status = $19, is_renewal = $20, closed_on = $21, \
         updated_at = $22 WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace_id)
    .bind(deal.id);
    let done = bind_fields(query, deal)
        .bind(codec::instant(now))
        .execute(&mut *conn)
        .await?;
    anyhow::ensure!(
        done.rows_affected() == 1,
        "deal {} to update is gone",
        deal.id
    );
    Ok(())
}

pub async fn get(
    conn: &mut Conn,
    workspace: &Workspace,
    id: DealId,
) -> anyhow::Result<Option<Deal>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM deals WHERE workspace_id = $1 AND id = $2"
    ))
    .bind(workspace.id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| from_row(&r, workspace)).transpose()
}

/// The names a deal card shows next to the ids of a deal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DealNames {
    pub account: String,
    pub account_domain: Option<String>,
    pub owner: Option<String>,
    pub territory: Option<String>,
    pub sourcing: Option<String>,
    pub transacting: Option<String>,
    pub distributor: Option<String>,
}

/// Looks up the names of everything `deal` points to, in one query.
pub async fn names(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    deal: &Deal,
) -> anyhow::Result<DealNames> {
    let row = sqlx::query(
        "SELECT \
           (SELECT name FROM accounts WHERE workspace_id = $1 AND id = $2) AS account, \
           (SELECT domain FROM accounts WHERE workspace_id = $1 AND id = $2) AS account_domain, \
           (SELECT display_name FROM members WHERE workspace_id = $1 AND user_id = $3) AS owner, \
           (SELECT name FROM territories WHERE workspace_id = $1 AND id = $4) AS territory, \
           (SELECT name FROM partners WHERE workspace_id = $1 AND id = $5) AS sourcing, \
           (SELECT name FROM partners WHERE workspace_id = $1 AND id = $6) AS transacting, \
           (SELECT name FROM partners WHERE workspace_id = $1 AND id = $7) AS distributor",
    )
    .bind(workspace_id)
    .bind(deal.account_id)
    .bind(deal.owner_user_id)
    .bind(deal.territory_id.map(TerritoryId::get))
    .bind(deal.sourcing_partner_id.map(PartnerId::get))
    .bind(deal.transacting_partner_id.map(PartnerId::get))
    .bind(deal.distributor_partner_id.map(PartnerId::get))
    .fetch_one(&mut *conn)
    .await?;
    Ok(DealNames {
        account: row
            .try_get::<Option<String>, _>("account")?
            .context("deal without its account")?,
        account_domain: row.try_get("account_domain")?,
        owner: row.try_get("owner")?,
        territory: row.try_get("territory")?,
        sourcing: row.try_get("sourcing")?,
        transacting: row.try_get("transacting")?,
        distributor: row.try_get("distributor")?,
    })
}

/// The stored type id of a partner (`gsi`, `distributor`, ...).
pub async fn partner_type(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    partner_id: PartnerId,
) -> anyhow::Result<String> {
    sqlx::query_scalar::<_, String>(
        "SELECT partner_type FROM partners WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace_id)
    .bind(partner_id)
    .fetch_optional(&mut *conn)
    .await?
    .with_context(|| format!("partner {partner_id} is gone"))
}

/// A partner that influenced a deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Influence {
    pub partner: String,
    pub influence_type: String,
    pub description: String,
}

pub async fn influences(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    deal_id: DealId,
) -> anyhow::Result<Vec<Influence>> {
    let rows = sqlx::query(
        "SELECT p.name, di.influence_type, di.description FROM deal_influences di \
         JOIN partners p ON p.workspace_id = di.workspace_id AND p.id = di.partner_id \
         WHERE di.workspace_id = $1 AND di.deal_id = $2 ORDER BY di.id",
    )
    .bind(workspace_id)
    .bind(deal_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Influence {
                partner: r.try_get("name")?,
                influence_type: r.try_get("influence_type")?,
                description: r.try_get("description")?,
            })
        })
        .collect()
}

/// A registration linked to a deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealRegistration {
    pub id: RegistrationId,
    pub partner: String,
    pub reg_type: String,
    pub status: String,
    pub expires_on: Option<NaiveDate>,
}

pub async fn registrations(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    deal_id: DealId,
) -> anyhow::Result<Vec<DealRegistration>> {
    let rows = sqlx::query(
        "SELECT r.id, p.name, r.reg_type, r.status, r.expires_on FROM registrations r \
         JOIN partners p ON p.workspace_id = r.workspace_id AND p.id = r.partner_id \
         WHERE r.workspace_id = $1 AND r.deal_id = $2 ORDER BY r.id",
    )
    .bind(workspace_id)
    .bind(deal_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(DealRegistration {
                id: r.try_get("id")?,
                partner: r.try_get("name")?,
                reg_type: r.try_get("reg_type")?,
                status: r.try_get("status")?,
                expires_on: codec::parse_opt_date(r.try_get("expires_on")?)?,
            })
        })
        .collect()
}

/// A touch logged about a deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealTouch {
    pub occurred_on: NaiveDate,
    pub partner: String,
    pub touch_type: String,
    pub notes: String,
}

/// The latest `limit` touches about a deal, newest first.
///
/// `touches` has no index on `deal_id`; a touch about a deal also carries the deal's account
/// (`/touch log deal:` sets both), so this walks `touches_by_account` newest first.
pub async fn recent_touches(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    deal: &Deal,
    limit: i64,
) -> anyhow::Result<Vec<DealTouch>> {
    let rows = sqlx::query(
        "SELECT t.occurred_on, p.name, t.touch_type, t.notes FROM touches t \
         JOIN partners p ON p.workspace_id = t.workspace_id AND p.id = t.partner_id \
         WHERE t.workspace_id = $1 AND t.account_id = $2 AND t.deal_id = $3 \
         ORDER BY t.occurred_on DESC, t.id DESC LIMIT $4",
    )
    .bind(workspace_id)
    .bind(deal.account_id)
    .bind(deal.id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(DealTouch {
                occurred_on: codec::parse_date(&r.try_get::<String, _>("occurred_on")?)?,
                partner: r.try_get("name")?,
                touch_type: r.try_get("touch_type")?,
                notes: r.try_get("notes")?,
            })
        })
        .collect()
}
