//! Partners: type, track, territory, certifications and agreement dates. Lists live in
//! [`list`], the activity a partner profile shows (deals, touches, registrations) in [`profile`].

mod list;
mod profile;

pub use list::{count, page, PartnerFilter, PartnerLine};
pub use profile::{
    open_deals, open_deals_summary, recent_registrations, recent_touches, registration_counts,
    PartnerDeal, PartnerRegistration, PartnerTouch,
};

use super::args::AnyQuery;
use super::{codec, Conn};
use crate::domain::ids::{PartnerId, TerritoryId, WorkspaceId};
use crate::domain::names::name_key;
use crate::domain::partner::{Partner, PartnerFields};
use crate::domain::Choice;
use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::Row;

/// A partner found by name: enough to link it from a deal or a touch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRef {
    pub id: PartnerId,
    pub name: String,
    pub territory_id: Option<TerritoryId>,
}

/// A partner by name (case and punctuation ignored) or by `#id`.
pub async fn find_by_name(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    name: &str,
) -> anyhow::Result<Option<PartnerRef>> {
    // `#12` refers to partner 12 (buttons carry ids, names can be long or ambiguous).
    let by_id = name
        .trim()
        .strip_prefix('#')
        .and_then(|d| d.parse::<i64>().ok());
    let row = match by_id {
        Some(id) => {
            sqlx::query(
                "SELECT id, name, territory_id FROM partners WHERE workspace_id = $1 AND id = $2",
            )
            .bind(workspace_id)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
        }
        None => sqlx::query(
            "SELECT id, name, territory_id FROM partners WHERE workspace_id = $1 AND name_key = $2",
        )
        .bind(workspace_id)
        .bind(name_key(name))
        .fetch_optional(&mut *conn)
        .await?,
    };
    row.map(|r| {
        Ok(PartnerRef {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            territory_id: r.try_get("territory_id")?,
        })
    })
    .transpose()
}

/// Every partner name (for "did you mean" on a miss).
pub async fn all_names(conn: &mut Conn, workspace_id: WorkspaceId) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar::<_, String>(
        "SELECT name FROM partners WHERE workspace_id = $1 ORDER BY name",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Reads a stored enum id.
fn stored<C: Choice>(text: &str) -> anyhow::Result<C> {
    C::from_id(text).with_context(|| format!("stored {} `{text}` is unknown", C::WHAT))
}

/// Writes a new partner; returns its id. A duplicate name key fails on the unique constraint.
pub async fn insert(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    fields: &PartnerFields,
    now: DateTime<Utc>,
) -> anyhow::Result<PartnerId> {
    let f = fields;
    let query = sqlx::query(
        "INSERT INTO partners (workspace_id, name, name_key, partner_type, track, \
         professional_services, territory_id, domain, certs_sales, certs_sa, certs_pse, \
         agreement_signed_on, agreement_expires_on, business_plan_on_file, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) \
         RETURNING id",
    )
    .bind(workspace_id);
    let row = bind_fields(query, f)
        .bind(codec::instant(now))
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get("id")?)
}

/// Binds the partner's fields in the column order `insert` and `update` share
/// (`name` ... `business_plan_on_file`).
fn bind_fields<'q>(query: AnyQuery<'q>, f: &'q PartnerFields) -> AnyQuery<'q> {
    query
        .bind(&f.name)
        .bind(name_key(&f.name))
        .bind(f.partner_type.as_str())
        .bind(f.track.as_str())
        .bind(i64::from(f.professional_services))
        .bind(f.territory_id.map(TerritoryId::get))
        .bind(f.domain.as_deref())
        .bind(f.certs_sales)
        .bind(f.certs_sa)
        .bind(f.certs_pse)
        .bind(f.agreement_signed_on.map(codec::date))
        .bind(f.agreement_expires_on.map(codec::date))
        .bind(i64::from(f.business_plan))
}

/// Writes every field over the stored partner `id`.
pub async fn update(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: PartnerId,
    fields: &PartnerFields,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let f = fields;
    let query = sqlx::query(
        "UPDATE partners SET name = $3, name_key = $4, partner_type = $5, track = $6, \
         professional_services = $7, territory_id = $8, domain = $9, certs_sales = $10, \
         certs_sa = $11, certs_pse = $12, agreement_signed_on = $13, agreement_expires_on = $14, \
         business_plan_on_file = $15, updated_at = $16 WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace_id)
    .bind(id);
    bind_fields(query, f)
        .bind(codec::instant(now))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn get(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: PartnerId,
) -> anyhow::Result<Option<Partner>> {
    let row = sqlx::query(
        "SELECT p.id, p.name, p.partner_type, p.track, p.professional_services, p.territory_id, \
           t.name AS territory, p.domain, p.certs_sales, p.certs_sa, p.certs_pse, \
           p.agreement_signed_on, p.agreement_expires_on, p.business_plan_on_file \
         FROM partners p \
         LEFT JOIN territories t ON t.workspace_id = p.workspace_id AND t.id = p.territory_id \
         WHERE p.workspace_id = $1 AND p.id = $2",
    )
    .bind(workspace_id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| from_row(&r)).transpose()
}

fn from_row(r: &sqlx::any::AnyRow) -> anyhow::Result<Partner> {
    Ok(Partner {
        id: r.try_get("id")?,
        territory: r.try_get("territory")?,
        fields: PartnerFields {
            name: r.try_get("name")?,
            partner_type: stored(&r.try_get::<String, _>("partner_type")?)?,
            track: stored(&r.try_get::<String, _>("track")?)?,
            professional_services: r.try_get::<i64, _>("professional_services")? != 0,
            territory_id: r.try_get("territory_id")?,
            domain: r.try_get("domain")?,
            certs_sales: r.try_get("certs_sales")?,
            certs_sa: r.try_get("certs_sa")?,
            certs_pse: r.try_get("certs_pse")?,
            agreement_signed_on: codec::parse_opt_date(r.try_get("agreement_signed_on")?)?,
            agreement_expires_on: codec::parse_opt_date(r.try_get("agreement_expires_on")?)?,
            business_plan: r.try_get::<i64, _>("business_plan_on_file")? != 0,
        },
    })
}
