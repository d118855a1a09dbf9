//! Out-of-office periods: when a member is away (excused from forecasts, skipped by reminders).
//! Periods are whole days in the workspace timezone, inclusive; a member's overlapping or
//! touching periods are merged into one.

use super::{codec, Conn};
use crate::domain::ids::{UserId, WorkspaceId};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::Row;

/// One away period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Away {
    pub id: i64,
    pub user_id: UserId,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub note: String,
}

fn from_row(row: &sqlx::any::AnyRow) -> anyhow::Result<Away> {
    Ok(Away {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        from: codec::parse_date(&row.try_get::<String, _>("from_date")?)?,
        to: codec::parse_date(&row.try_get::<String, _>("to_date")?)?,
        note: row.try_get("note")?,
    })
}

/// Everyone away on `day`.
pub async fn on(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    day: NaiveDate,
) -> anyhow::Result<Vec<Away>> {
    let rows = sqlx::query(
        "SELECT id, user_id, from_date, to_date, note FROM member_away \
         WHERE workspace_id = $1 AND from_date <= $2 AND to_date >= $2 ORDER BY user_id, from_date",
    )
    .bind(workspace_id)
    .bind(codec::date(day))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// The member's periods ending on or after `since` (current and upcoming), earliest first.
pub async fn of_member(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    user_id: UserId,
    since: NaiveDate,
) -> anyhow::Result<Vec<Away>> {
    let rows = sqlx::query(
        "SELECT id, user_id, from_date, to_date, note FROM member_away \
         WHERE workspace_id = $1 AND user_id = $2 AND to_date >= $3 ORDER BY from_date",
    )
    .bind(workspace_id)
    .bind(user_id)
    .bind(codec::date(since))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Marks the member away from `from` to `to`, merged with the periods it overlaps or touches.
/// Returns the stored period and the ones merged into it.
pub async fn set(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    user_id: UserId,
    (from, to): (NaiveDate, NaiveDate),
    note: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<(Away, Vec<Away>)> {
    let rows = sqlx::query(
        "SELECT id, user_id, from_date, to_date, note FROM member_away \
         WHERE workspace_id = $1 AND user_id = $2 AND from_date <= $3 AND to_date >= $4 \
         ORDER BY from_date",
    )
    .bind(workspace_id)
    .bind(user_id)
    .bind(codec::date(to + Duration::days(1)))
    .bind(codec::date(from - Duration::days(1)))
    .fetch_all(&mut *conn)
    .await?;
    let merged: Vec<Away> = rows.iter().map(from_row).collect::<anyhow::Result<_>>()?;
    let first = merged
        .iter()
        .map(|a| a.from)
        .chain([from])
        .min()
        .unwrap_or(from);
    let last = merged.iter().map(|a| a.to).chain([to]).max().unwrap_or(to);
    let note = if note.is_empty() {
        merged
            .iter()
            .rev()
            .find(|a| !a.note.is_empty())
            .map_or("", |a| a.note.as_str())
    } else {
        note
    }
    .to_string();
    for old in &merged {
        remove(conn, workspace_id, old.id).await?;
    }
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO member_away (workspace_id, user_id, from_date, to_date, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(workspace_id)
    .bind(user_id)
    .bind(codec::date(first))
    .bind(codec::date(last))
    .bind(&note)
    .bind(codec::instant(now))
    .fetch_one(&mut *conn)
    .await?;
    let stored = Away {
        id,
        user_id,
        from: first,
        to: last,
        note,
    };
    Ok((stored, merged))
}

/// Deletes one period.
pub async fn remove(conn: &mut Conn, workspace_id: WorkspaceId, id: i64) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM member_away WHERE workspace_id = $1 AND id = $2")
        .bind(workspace_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
