//! Where the bot posted a message about a record (`registration:12`), so a later change edits
//! that message instead of posting a new one.

use super::{codec, Conn};
use crate::domain::ids::{ChannelId, MessageId, WorkspaceId};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// A posted message: its channel and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posted {
    pub channel_id: ChannelId,
    pub message_id: MessageId,
}

/// Records (or moves) the message that shows `track`.
pub async fn record(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    track: &str,
    posted: Posted,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO posted_messages (workspace_id, track, channel_id, message_id, posted_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workspace_id, track) \
         DO UPDATE SET channel_id = $3, message_id = $4, posted_at = $5",
    )
    .bind(workspace_id)
    .bind(track)
    .bind(posted.channel_id)
    .bind(posted.message_id)
    .bind(codec::instant(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The message that shows `track`, if one was posted.
pub async fn find(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    track: &str,
) -> anyhow::Result<Option<Posted>> {
    let row = sqlx::query(
        "SELECT channel_id, message_id FROM posted_messages WHERE workspace_id = $1 AND track = $2",
    )
    .bind(workspace_id)
    .bind(track)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(Posted {
            channel_id: r.try_get("channel_id")?,
            message_id: r.try_get("message_id")?,
        })
    })
    .transpose()
}
