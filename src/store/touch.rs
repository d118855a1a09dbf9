//! Partner touches: who met which partner, when, about which account or deal, with notes.
//!
//! `touches` is the biggest table (millions of rows), so every read here is shaped for one of its
//! indexes (`touches_by_partner`, `touches_by_account`, `touches_by_member`, all ending in
//! `occurred_on`): lists page through ids first and join names for one page only.

use super::args::{bind_all, Arg};
use super::{codec, Conn};
use crate::domain::ids::{AccountId, DealId, PartnerId, TouchId, UserId, WorkspaceId};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

/// A touch about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTouch<'a> {
    pub partner_id: PartnerId,
    /// The stored id of a `TouchType` (`meeting`, `qbr`, ...).
    pub touch_type: &'a str,
    pub account_id: Option<AccountId>,
    pub deal_id: Option<DealId>,
    pub occurred_on: NaiveDate,
    pub notes: &'a str,
    pub logged_by: UserId,
}

pub async fn insert(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    touch: &NewTouch<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let sql = format!("{TOUCH_INSERT} RETURNING id");
    Ok(bind_touch(sqlx::query(&sql), workspace_id, touch, now)
        .fetch_one(&mut *conn)
        .await?
        .try_get("id")?)
}

/// Inserts the touch and its audit row (`audit.entity_id` is set to the new touch's id). On
/// SQLite both go in one call (the hottest write: one round trip to sqlx's worker thread
/// instead of two); PostgreSQL runs the two statements.
pub async fn insert_audited(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    touch: &NewTouch<'_>,
    now: DateTime<Utc>,
    audit: &super::audit::AuditEntry<'_>,
) -> anyhow::Result<()> {
    match super::backend_of_conn(conn) {
        // One statement, one round trip: the touch in a data-modifying CTE, the audit row
        // selected from it.
        super::Backend::Postgres => {
            let sql = format!(
                "WITH new_touch AS ({TOUCH_INSERT} RETURNING id) {}",
                super::audit::insert_sql(10, "new_touch.id", Some("new_touch"))
            );
            let query = bind_touch(sqlx::query(&sql), workspace_id, touch, now);
            super::audit::bind_entry(query, audit)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }
        // SQLite has no INSERT in a CTE: two statements in one call, the audit row taking the
        // touch's id from `last_insert_rowid()`.
        super::Backend::Sqlite => {
            let sql = format!(
                "{TOUCH_INSERT}; {}",
                super::audit::insert_sql(10, "last_insert_rowid()", None)
            );
            let query = bind_touch(sqlx::query(&sql), workspace_id, touch, now);
            super::audit::bind_entry(query, audit)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }
    }
}

const TOUCH_INSERT: &str = "INSERT INTO touches (workspace_id, partner_id, touch_type, \
    account_id, deal_id, occurred_on, notes, logged_by, created_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

fn bind_touch<'q>(
    query: super::args::AnyQuery<'q>,
    workspace_id: WorkspaceId,
    touch: &NewTouch<'_>,
    now: DateTime<Utc>,
) -> super::args::AnyQuery<'q> {
    query
        .bind(workspace_id)
        .bind(touch.partner_id)
        .bind(touch.touch_type.to_string())
        .bind(touch.account_id)
        .bind(touch.deal_id)
        .bind(codec::date(touch.occurred_on))
        .bind(touch.notes.to_string())
        .bind(touch.logged_by)
        .bind(codec::instant(now))
}

/// A deal a touch can be linked to, with its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealRef {
    pub id: DealId,
    pub name: String,
    pub account_id: AccountId,
    pub account_name: String,
}

/// The deal `deal_id` of the workspace (one primary-key lookup), or `None`.
pub async fn deal_ref(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    deal_id: DealId,
) -> anyhow::Result<Option<DealRef>> {
    let row = sqlx::query(
        "SELECT d.id, d.name, d.account_id, a.name AS account_name FROM deals d \
         JOIN accounts a ON a.workspace_id = d.workspace_id AND a.id = d.account_id \
         WHERE d.workspace_id = $1 AND d.id = $2",
    )
    .bind(workspace_id)
    .bind(deal_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(DealRef {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            account_id: r.try_get("account_id")?,
            account_name: r.try_get("account_name")?,
        })
    })
    .transpose()
}

/// Which touches a list shows. `since` is the earliest `occurred_on` included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TouchFilter<'a> {
    pub partner_id: Option<PartnerId>,
    pub account_id: Option<AccountId>,
    pub logged_by: Option<UserId>,
    pub touch_type: Option<&'a str>,
    pub since: NaiveDate,
}

/// One line of a touch list, names joined in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TouchRow {
    pub id: TouchId,
    pub occurred_on: NaiveDate,
    pub partner_name: String,
    pub touch_type: String,
    pub account_name: Option<String>,
    pub deal_id: Option<DealId>,
    pub logged_by: UserId,
    /// The logger's display name; `None` if they were never seen as a member (imported rows).
    pub logged_by_name: Option<String>,
    pub notes: String,
}

/// The `WHERE` clause of a filter over `touches` and the values it binds, in order. Only fixed
/// SQL text is ever concatenated; every value is a bound parameter.
fn where_clause(workspace_id: WorkspaceId, filter: &TouchFilter<'_>) -> (String, Vec<Arg>) {
    let mut sql = String::from("workspace_id = $1");
    let mut params = vec![Arg::Int(workspace_id.get())];
    let mut push = |sql: &mut String, column: &str, value: Arg| {
        params.push(value);
        sql.push_str(&format!(" AND {column} ${}", params.len()));
    };
    if let Some(id) = filter.partner_id {
        push(&mut sql, "partner_id =", Arg::Int(id.get()));
    }
    if let Some(id) = filter.account_id {
        push(&mut sql, "account_id =", Arg::Int(id.get()));
    }
    if let Some(id) = filter.logged_by {
        push(&mut sql, "logged_by =", Arg::Int(id.get()));
    }
    if filter.partner_id.is_none() && filter.account_id.is_none() && filter.logged_by.is_none() {
        // The whole workspace: walk `touches_by_partner` partner by partner (every touch has a
        // partner of its workspace) instead of scanning the table for the date range.
        sql.push_str(" AND partner_id IN (SELECT id FROM partners WHERE workspace_id = $1)");
    }
    if let Some(kind) = filter.touch_type {
        push(&mut sql, "touch_type =", Arg::Text(kind.to_string()));
    }
    push(
        &mut sql,
        "occurred_on >=",
        Arg::Text(codec::date(filter.since)),
    );
    (sql, params)
}

/// How many touches match `filter`.
pub async fn count(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    filter: &TouchFilter<'_>,
) -> anyhow::Result<i64> {
    let (clause, params) = where_clause(workspace_id, filter);
    let sql = format!("SELECT COUNT(*) AS n FROM touches WHERE {clause}");
    let row = bind_all(sqlx::query(&sql), params)
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get("n")?)
}

/// One page of touches matching `filter`, newest first (ties: latest logged first).
pub async fn list(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    filter: &TouchFilter<'_>,
    limit: i64,
    offset: i64,
) -> anyhow::Result<Vec<TouchRow>> {
    let (clause, params) = where_clause(workspace_id, filter);
    let n = params.len();
    let sql = format!(
        "SELECT t.id, t.occurred_on, p.name AS partner_name, t.touch_type, a.name AS account_name, \
           t.deal_id, t.logged_by, m.display_name AS logged_by_name, t.notes \
         FROM (SELECT id FROM touches WHERE {clause} \
               ORDER BY occurred_on DESC, id DESC LIMIT ${} OFFSET ${}) page \
         JOIN touches t ON t.id = page.id \
         JOIN partners p ON p.workspace_id = t.workspace_id AND p.id = t.partner_id \
         LEFT JOIN accounts a ON a.workspace_id = t.workspace_id AND a.id = t.account_id \
         LEFT JOIN members m ON m.workspace_id = t.workspace_id AND m.user_id = t.logged_by \
         ORDER BY t.occurred_on DESC, t.id DESC",
        n + 1,
        n + 2
    );
    let rows = bind_all(sqlx::query(&sql), params)
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            let occurred_on: String = r.try_get("occurred_on")?;
            Ok(TouchRow {
                id: r.try_get("id")?,
                occurred_on: codec::parse_date(&occurred_on)?,
                partner_name: r.try_get("partner_name")?,
                touch_type: r.try_get("touch_type")?,
                account_name: r.try_get("account_name")?,
                deal_id: r.try_get("deal_id")?,
                logged_by: r.try_get("logged_by")?,
                logged_by_name: r.try_get("logged_by_name")?,
                notes: r.try_get("notes")?,
            })
        })
        .collect()
}
