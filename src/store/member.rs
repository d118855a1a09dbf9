//! Members: the people the bot has seen in a workspace, their display names and last known roles,
//! and when they are away.

use super::{codec, Conn};
use crate::domain::ids::{UserId, WorkspaceId};
use crate::domain::names::name_key;
use chrono::{DateTime, Utc};
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user_id: UserId,
    pub display_name: String,
    /// Comma-separated roles last seen (`ptm,director`).
    pub roles: String,
}

pub async fn get(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    user_id: UserId,
) -> anyhow::Result<Option<Member>> {
    let row = sqlx::query(
        "SELECT user_id, display_name, roles FROM members WHERE workspace_id = $1 AND user_id = $2",
    )
    .bind(workspace_id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| from_row(&r)).transpose()
}

fn from_row(row: &sqlx::any::AnyRow) -> anyhow::Result<Member> {
    Ok(Member {
        user_id: row.try_get("user_id")?,
        display_name: row.try_get("display_name")?,
        roles: row.try_get("roles")?,
    })
}

/// Records that a member was seen with this name and these roles.
pub async fn upsert(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    user_id: UserId,
    display_name: &str,
    roles: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let at = codec::instant(now);
    sqlx::query(
        "INSERT INTO members (workspace_id, user_id, display_name, name_key, roles, first_seen_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) \
         ON CONFLICT (workspace_id, user_id) DO UPDATE SET display_name = $3, name_key = $4, roles = $5, last_seen_at = $6",
    )
    .bind(workspace_id)
    .bind(user_id)
    .bind(display_name)
    .bind(name_key(display_name))
    .bind(roles)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Members whose display name matches exactly (normalised).
pub async fn find_by_name(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    name: &str,
) -> anyhow::Result<Vec<Member>> {
    let rows = sqlx::query(
        "SELECT user_id, display_name, roles FROM members WHERE workspace_id = $1 AND name_key = $2 \
         ORDER BY user_id",
    )
    .bind(workspace_id)
    .bind(name_key(name))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Every member's display name (for "did you mean" suggestions).
pub async fn all_names(conn: &mut Conn, workspace_id: WorkspaceId) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar::<_, String>(
        "SELECT display_name FROM members WHERE workspace_id = $1 ORDER BY display_name LIMIT 2000",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?)
}
