//! Registration lists: filtered by status (as people read it: an approved registration past its
//! expiry is listed as expired), partner and territory (the account's, else the partner's),
//! newest first; and the approved ones expiring soon, soonest first.

use crate::domain::ids::{PartnerId, RegistrationId, TerritoryId, UserId, WorkspaceId};
use crate::domain::registration::RegistrationStatus;
use crate::domain::Choice;
use crate::store::args::{bind_all, Arg};
use crate::store::deal::stored;
use crate::store::{codec, Conn};
use chrono::NaiveDate;
use sqlx::Row;

/// Which registrations a list shows; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistrationFilter {
    /// The effective status (see `domain::registration::effective_status`).
    pub status: Option<RegistrationStatus>,
    pub partner_id: Option<PartnerId>,
    pub territory_id: Option<TerritoryId>,
}

/// One line of a registration list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationLine {
    pub id: RegistrationId,
    pub partner: String,
    pub account: String,
    pub reg_type: String,
    pub status: RegistrationStatus,
    pub amount_minor: i64,
    pub close_date: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub submitter: Option<String>,
    pub submitted_by: UserId,
}

/// The WHERE clause over `registrations r` joined with `accounts a` and `partners p`; `$1` is
/// the workspace and `$2` today.
fn where_clause(
    workspace_id: WorkspaceId,
    today: NaiveDate,
    filter: &RegistrationFilter,
) -> (String, Vec<Arg>) {
    let mut sql = String::from("r.workspace_id = $1");
    let mut args = vec![Arg::Int(workspace_id.get()), Arg::Text(codec::date(today))];
    match filter.status {
        Some(RegistrationStatus::Approved) => sql.push_str(
            " AND r.status = 'approved' AND (r.expires_on IS NULL OR r.expires_on >= $2)",
        ),
        Some(RegistrationStatus::Expired) => sql.push_str(
            " AND (r.status = 'expired' OR (r.status = 'approved' AND r.expires_on < $2))",
        ),
        Some(status) => {
            args.push(Arg::Text(status.as_str().to_string()));
            sql.push_str(&format!(" AND r.status = ${}", args.len()));
        }
        None => sql.push_str(" AND $2 = $2"),
    }
    if let Some(partner) = filter.partner_id {
        args.push(Arg::Int(partner.get()));
        sql.push_str(&format!(" AND r.partner_id = ${}", args.len()));
    }
    if let Some(territory) = filter.territory_id {
        args.push(Arg::Int(territory.get()));
        let n = args.len();
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM accounts a WHERE a.workspace_id = r.workspace_id \
             AND a.id = r.account_id AND (a.territory_id = ${n} OR (a.territory_id IS NULL \
             AND EXISTS (SELECT 1 FROM partners p WHERE p.workspace_id = r.workspace_id \
             AND p.id = r.partner_id AND p.territory_id = ${n}))))"
        ));
    }
    (sql, args)
}

/// Registrations alone: filters and counts walk its indexes; names are looked up for the rows
/// of one page only (in [`SELECT`]).
const FROM: &str = "FROM registrations r";

/// How many registrations match.
pub async fn count(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    today: NaiveDate,
    filter: &RegistrationFilter,
) -> anyhow::Result<i64> {
    let (clause, args) = where_clause(workspace_id, today, filter);
    let sql = format!("SELECT COUNT(*) {FROM} WHERE {clause}");
    crate::store::args::count(conn, &sql, args).await
}

/// One page of registrations matching `filter`, newest first.
pub async fn page(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    today: NaiveDate,
    filter: &RegistrationFilter,
    limit: i64,
    offset: i64,
) -> anyhow::Result<Vec<RegistrationLine>> {
    let (clause, mut args) = where_clause(workspace_id, today, filter);
    let n = args.len();
    args.push(Arg::Int(limit));
    args.push(Arg::Int(offset));
    let sql = format!(
        "{SELECT} {FROM} WHERE {clause} ORDER BY r.id DESC LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let rows = bind_all(sqlx::query(&sql), args)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| line(r, today)).collect()
}

/// Approved registrations expiring on or before `until` (lapsed ones included, as expired),
/// soonest first (`registrations_by_expiry`).
pub async fn expiring(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    today: NaiveDate,
    until: NaiveDate,
    limit: i64,
) -> anyhow::Result<Vec<RegistrationLine>> {
    let sql = format!(
        "{SELECT} {FROM} WHERE r.workspace_id = $1 AND r.status = 'approved' \
         AND r.expires_on <= $2 ORDER BY r.expires_on, r.id LIMIT $3"
    );
    let rows = sqlx::query(&sql)
        .bind(workspace_id)
        .bind(codec::date(until))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| line(r, today)).collect()
}

/// Approved registrations whose protection ends between `from` and `until` (inclusive),
/// soonest first: what the daily expiry watch lists.
pub async fn expiring_between(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    today: NaiveDate,
    (from, until): (NaiveDate, NaiveDate),
    limit: i64,
) -> anyhow::Result<Vec<RegistrationLine>> {
    let sql = format!(
        "{SELECT} {FROM} WHERE r.workspace_id = $1 AND r.status IN ('approved', 'expired') \
         AND r.expires_on >= $2 AND r.expires_on <= $3 ORDER BY r.expires_on, r.id LIMIT $4"
    );
    let rows = sqlx::query(&sql)
        .bind(workspace_id)
        .bind(codec::date(from))
        .bind(codec::date(until))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| line(r, today)).collect()
}

const SELECT: &str = "SELECT r.id, \
    (SELECT p.name FROM partners p WHERE p.workspace_id = r.workspace_id AND p.id = r.partner_id) \
    AS partner, \
    (SELECT a.name FROM accounts a WHERE a.workspace_id = r.workspace_id AND a.id = r.account_id) \
    AS account, r.reg_type, r.status, r.amount_minor, r.close_date, r.expires_on, \
    (SELECT m.display_name FROM members m WHERE m.workspace_id = r.workspace_id \
    AND m.user_id = r.submitted_by) AS submitter, r.submitted_by";

fn line(r: &sqlx::any::AnyRow, today: NaiveDate) -> anyhow::Result<RegistrationLine> {
    let status: RegistrationStatus = stored(&r.try_get::<String, _>("status")?)?;
    let expires_on = codec::parse_opt_date(r.try_get("expires_on")?)?;
    Ok(RegistrationLine {
        id: r.try_get("id")?,
        partner: r.try_get("partner")?,
        account: r.try_get("account")?,
        reg_type: r.try_get("reg_type")?,
        status: crate::domain::registration::effective_status(status, expires_on, today),
        amount_minor: r.try_get("amount_minor")?,
        close_date: codec::parse_date(&r.try_get::<String, _>("close_date")?)?,
        expires_on,
        submitter: r.try_get("submitter")?,
        submitted_by: r.try_get("submitted_by")?,
    })
}
