//! The append-only audit log: who changed what, when, with the record before and after.
//! The database refuses updates and deletes on it (triggers in the first migration).

use super::{codec, Conn};
use crate::domain::ids::{UserId, WorkspaceId};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// One change, as written by a command in the same transaction as the change itself.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    pub workspace_id: WorkspaceId,
    pub at: DateTime<Utc>,
    pub actor_user_id: UserId,
    pub actor_name: &'a str,
    /// `deal.add`, `partner.update`, ...
    pub action: &'a str,
    /// `deal`, `partner`, ...
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub interaction_id: Option<&'a str>,
}

/// The audit insert with its values numbered from `$first`; `entity_id` is the SQL for the
/// entity id (a placeholder, or an expression such as `last_insert_rowid()`). With `from`
/// (`new_touch`, a CTE of the same statement) the row is selected from it, so the entity id can
/// be a column of the row just inserted (`new_touch.id`).
pub(super) fn insert_sql(first: usize, entity_id: &str, from: Option<&str>) -> String {
    let p = |i: usize| format!("${}", first + i);
    let values = format!(
        "{}, {}, {}, {}, {}, {}, {entity_id}, {}, {}, {}",
        p(0),
        p(1),
        p(2),
        p(3),
        p(4),
        p(5),
        p(6),
        p(7),
        p(8)
    );
    let source = match from {
        Some(from) => format!("SELECT {values} FROM {from}"),
        None => format!("VALUES ({values})"),
    };
    format!(
        "INSERT INTO audit_log (workspace_id, at, actor_user_id, actor_name, action, entity, \
         entity_id, before_json, after_json, interaction_id) {source}"
    )
}

/// Binds an entry's values in [`insert_sql`]'s order (without the entity id).
pub(super) fn bind_entry<'q>(
    query: super::args::AnyQuery<'q>,
    entry: &AuditEntry<'_>,
) -> super::args::AnyQuery<'q> {
    query
        .bind(entry.workspace_id)
        .bind(codec::instant(entry.at))
        .bind(entry.actor_user_id)
        .bind(entry.actor_name.to_string())
        .bind(entry.action.to_string())
        .bind(entry.entity.to_string())
        .bind(entry.before.as_ref().map(|v| v.to_string()))
        .bind(entry.after.as_ref().map(|v| v.to_string()))
        .bind(entry.interaction_id.map(str::to_string))
}

pub async fn append(conn: &mut Conn, entry: &AuditEntry<'_>) -> anyhow::Result<()> {
    let sql = insert_sql(1, "$10", None);
    bind_entry(sqlx::query(&sql), entry)
        .bind(entry.entity_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A stored audit row, for tests and the history view.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRow {
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub actor_name: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

pub async fn recent(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    limit: i64,
) -> anyhow::Result<Vec<AuditRow>> {
    let rows = sqlx::query(
        "SELECT action, entity, entity_id, actor_name, before_json, after_json FROM audit_log \
         WHERE workspace_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(workspace_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AuditRow {
                action: r.try_get("action")?,
                entity: r.try_get("entity")?,
                entity_id: r.try_get("entity_id")?,
                actor_name: r.try_get("actor_name")?,
                before_json: r.try_get("before_json")?,
                after_json: r.try_get("after_json")?,
            })
        })
        .collect()
}
