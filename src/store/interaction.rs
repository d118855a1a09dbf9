//! Interactions already applied. The id is stored with the write, in the same transaction, so a
//! redelivered interaction is answered with the stored reply instead of being applied twice.

use super::{codec, Conn};
use crate::domain::ids::WorkspaceId;
use chrono::{DateTime, Utc};

/// The stored reply (JSON) of an interaction already applied, if any.
pub async fn stored_reply(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    interaction_id: &str,
) -> anyhow::Result<Option<String>> {
    Ok(sqlx::query_scalar::<_, String>(
        "SELECT reply_json FROM processed_interactions WHERE workspace_id = $1 AND interaction_id = $2",
    )
    .bind(workspace_id)
    .bind(interaction_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Records an applied interaction with its reply; fails on a duplicate id (the unique key).
pub async fn record(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    interaction_id: &str,
    command: &str,
    reply_json: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO processed_interactions (workspace_id, interaction_id, command, reply_json, processed_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(workspace_id)
    .bind(interaction_id)
    .bind(command)
    .bind(reply_json)
    .bind(codec::instant(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}
