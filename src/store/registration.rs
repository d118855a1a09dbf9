//! Deal registrations: the row, its guarded status writes, the names a card shows, and the
//! queries around it: conflicts ([`conflicts`]), lists and expiring ones ([`list`]).
//!
//! Every status change is written with [`update_guarded`]: `WHERE ... AND status = <the status
//! the decision was made on>`, so a double click or two reviewers at once apply it exactly once.
//! The unique index `registrations_one_approved_sourced_per_deal` keeps one approved sourced
//! registration per deal; [`approve_guarded`] turns its violation into `Claim::Taken`.

pub mod conflicts;
pub mod list;

use super::deal::stored;
use super::{codec, Conn};
use crate::domain::ids::{DealId, PartnerId, RegistrationId, UserId, WorkspaceId};
use crate::domain::registration::{Registration, RegistrationStatus};
use crate::domain::workspace::Workspace;
use crate::domain::Choice;
use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

const COLUMNS: &str = "id, deal_id, account_id, partner_id, distributor_partner_id, reg_type, \
    status, amount_minor, close_date, marketplace, portal_id, notes, submitted_by, submitted_at, \
    reviewed_by, reviewed_at, decision_note, conflict_note, approved_on, expires_on, extensions";

/// A registration row of `workspace` (its amounts are in the workspace currency).
fn from_row(r: &sqlx::any::AnyRow, workspace: &Workspace) -> anyhow::Result<Registration> {
    Ok(Registration {
        id: r.try_get("id")?,
        deal_id: r.try_get("deal_id")?,
        account_id: r.try_get("account_id")?,
        partner_id: r.try_get("partner_id")?,
        distributor_partner_id: r.try_get("distributor_partner_id")?,
        reg_type: stored(&r.try_get::<String, _>("reg_type")?)?,
        status: stored(&r.try_get::<String, _>("status")?)?,
        amount: workspace.money(r.try_get("amount_minor")?),
        close_date: codec::parse_date(&r.try_get::<String, _>("close_date")?)?,
        marketplace: stored(&r.try_get::<String, _>("marketplace")?)?,
        portal_id: r.try_get("portal_id")?,
        notes: r.try_get("notes")?,
        submitted_by: r.try_get("submitted_by")?,
        submitted_at: codec::parse_instant(&r.try_get::<String, _>("submitted_at")?)?,
        reviewed_by: r.try_get("reviewed_by")?,
        reviewed_at: r
            .try_get::<Option<String>, _>("reviewed_at")?
            .as_deref()
            .map(codec::parse_instant)
            .transpose()?,
        decision_note: r.try_get("decision_note")?,
        conflict_note: r.try_get("conflict_note")?,
        approved_on: codec::parse_opt_date(r.try_get("approved_on")?)?,
        expires_on: codec::parse_opt_date(r.try_get("expires_on")?)?,
        extensions: r.try_get("extensions")?,
    })
}

/// Writes a new registration; returns its id.
pub async fn insert(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    reg: &Registration,
    now: DateTime<Utc>,
) -> anyhow::Result<RegistrationId> {
    let row = sqlx::query(
        "INSERT INTO registrations (workspace_id, deal_id, account_id, partner_id, \
         distributor_partner_id, reg_type, status, amount_minor, close_date, marketplace, \
         portal_id, notes, submitted_by, submitted_at, reviewed_by, reviewed_at, decision_note, \
         conflict_note, approved_on, expires_on, extensions, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
         $19, $20, $21, $22) RETURNING id",
    )
    .bind(workspace_id)
    .bind(reg.deal_id.map(DealId::get))
    .bind(reg.account_id)
    .bind(reg.partner_id)
    .bind(reg.distributor_partner_id.map(PartnerId::get))
    .bind(reg.reg_type.as_str())
    .bind(reg.status.as_str())
    .bind(reg.amount.minor)
    .bind(codec::date(reg.close_date))
    .bind(reg.marketplace.as_str())
    .bind(reg.portal_id.as_deref())
    .bind(reg.notes.as_str())
    .bind(reg.submitted_by)
    .bind(codec::instant(reg.submitted_at))
    .bind(reg.reviewed_by.map(UserId::get))
    .bind(reg.reviewed_at.map(codec::instant))
    .bind(reg.decision_note.as_deref())
    .bind(reg.conflict_note.as_deref())
    .bind(reg.approved_on.map(codec::date))
    .bind(reg.expires_on.map(codec::date))
    .bind(reg.extensions)
    .bind(codec::instant(now))
    .fetch_one(&mut *conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn get(
    conn: &mut Conn,
    workspace: &Workspace,
    id: RegistrationId,
) -> anyhow::Result<Option<Registration>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM registrations WHERE workspace_id = $1 AND id = $2"
    ))
    .bind(workspace.id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| from_row(&r, workspace)).transpose()
}

/// Writes every changeable field of `reg` over its row, only while the stored status is still
/// `expected`. Returns false when someone changed the status first (nothing written).
pub async fn update_guarded(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    reg: &Registration,
    expected: RegistrationStatus,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE registrations SET deal_id = $4, amount_minor = $5, close_date = $6, notes = $7, \
         status = $8, reviewed_by = $9, reviewed_at = $10, decision_note = $11, \
         approved_on = $12, expires_on = $13, extensions = $14, updated_at = $15 \
         WHERE workspace_id = $1 AND id = $2 AND status = $3",
    )
    .bind(workspace_id)
    .bind(reg.id)
    .bind(expected.as_str())
    .bind(reg.deal_id.map(DealId::get))
    .bind(reg.amount.minor)
    .bind(codec::date(reg.close_date))
    .bind(reg.notes.as_str())
    .bind(reg.status.as_str())
    .bind(reg.reviewed_by.map(UserId::get))
    .bind(reg.reviewed_at.map(codec::instant))
    .bind(reg.decision_note.as_deref())
    .bind(reg.approved_on.map(codec::date))
    .bind(reg.expires_on.map(codec::date))
    .bind(reg.extensions)
    .bind(codec::instant(now))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What an approval's guarded write found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Written.
    Done,
    /// The status changed first (a double click): nothing written.
    Changed,
    /// Another approved sourced registration holds the deal (the unique index refused).
    Taken,
}

/// [`update_guarded`] for an approval, inside a savepoint: when the unique index refuses a
/// second approved sourced registration on the deal, the savepoint is rolled back so the
/// transaction can still read who holds it (PostgreSQL aborts a transaction on any error).
pub async fn approve_guarded(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    reg: &Registration,
    expected: RegistrationStatus,
    now: DateTime<Utc>,
) -> anyhow::Result<Claim> {
    sqlx::query("SAVEPOINT registration_approve")
        .execute(&mut *conn)
        .await?;
    match update_guarded(conn, workspace_id, reg, expected, now).await {
        Ok(written) => {
            sqlx::query("RELEASE SAVEPOINT registration_approve")
                .execute(&mut *conn)
                .await?;
            Ok(if written { Claim::Done } else { Claim::Changed })
        }
        Err(err) if super::is_unique_violation(&err) => {
            sqlx::query("ROLLBACK TO SAVEPOINT registration_approve")
                .execute(&mut *conn)
                .await?;
            sqlx::query("RELEASE SAVEPOINT registration_approve")
                .execute(&mut *conn)
                .await?;
            Ok(Claim::Taken)
        }
        Err(err) => Err(err),
    }
}

/// The approved sourced registration (not services attach) that holds `deal_id`, if any.
pub async fn sourcing_holder(
    conn: &mut Conn,
    workspace: &Workspace,
    deal_id: DealId,
) -> anyhow::Result<Option<Registration>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM registrations WHERE workspace_id = $1 AND deal_id = $2 \
         AND status = 'approved' AND reg_type <> 'services_attach' ORDER BY id LIMIT 1"
    ))
    .bind(workspace.id)
    .bind(deal_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| from_row(&r, workspace)).transpose()
}

/// Registrations of a deal in `status` (the approved ones move with the deal's close).
pub async fn on_deal(
    conn: &mut Conn,
    workspace: &Workspace,
    deal_id: DealId,
    status: RegistrationStatus,
) -> anyhow::Result<Vec<Registration>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM registrations WHERE workspace_id = $1 AND deal_id = $2 \
         AND status = $3 ORDER BY id"
    ))
    .bind(workspace.id)
    .bind(deal_id)
    .bind(status.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| from_row(r, workspace)).collect()
}

/// Approved registrations whose `expires_on` is before `today` (at most `limit`, oldest first;
/// `registrations_by_expiry`).
pub async fn lapsed(
    conn: &mut Conn,
    workspace: &Workspace,
    today: NaiveDate,
    limit: i64,
) -> anyhow::Result<Vec<Registration>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM registrations WHERE workspace_id = $1 AND status = 'approved' \
         AND expires_on < $2 ORDER BY expires_on, id LIMIT $3"
    ))
    .bind(workspace.id)
    .bind(codec::date(today))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| from_row(r, workspace)).collect()
}

/// The names a registration card shows next to its ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistrationNames {
    pub partner: String,
    pub account: String,
    pub account_domain: Option<String>,
    pub distributor: Option<String>,
    pub submitter: Option<String>,
    pub reviewer: Option<String>,
    pub deal: Option<String>,
}

/// Looks up the names of everything `reg` points to, in one query.
pub async fn names(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    reg: &Registration,
) -> anyhow::Result<RegistrationNames> {
    let row = sqlx::query(
        "SELECT \
           (SELECT name FROM partners WHERE workspace_id = $1 AND id = $2) AS partner, \
           (SELECT name FROM accounts WHERE workspace_id = $1 AND id = $3) AS account, \
           (SELECT domain FROM accounts WHERE workspace_id = $1 AND id = $3) AS account_domain, \
           (SELECT name FROM partners WHERE workspace_id = $1 AND id = $4) AS distributor, \
           (SELECT display_name FROM members WHERE workspace_id = $1 AND user_id = $5) AS submitter, \
           (SELECT display_name FROM members WHERE workspace_id = $1 AND user_id = $6) AS reviewer, \
           (SELECT name FROM deals WHERE workspace_id = $1 AND id = $7) AS deal",
    )
    .bind(workspace_id)
    .bind(reg.partner_id)
    .bind(reg.account_id)
    .bind(reg.distributor_partner_id.map(PartnerId::get))
    .bind(reg.submitted_by)
    .bind(reg.reviewed_by.map(UserId::get))
    .bind(reg.deal_id.map(DealId::get))
    .fetch_one(&mut *conn)
    .await?;
    Ok(RegistrationNames {
        partner: row
            .try_get::<Option<String>, _>("partner")?
            .context("registration without its partner")?,
        account: row
            .try_get::<Option<String>, _>("account")?
            .context("registration without its account")?,
        account_domain: row.try_get("account_domain")?,
        distributor: row.try_get("distributor")?,
        submitter: row.try_get("submitter")?,
        reviewer: row.try_get("reviewer")?,
        deal: row.try_get("deal")?,
    })
}
