//! Schedules (what to post, when, in which timezone and channel) and the last due instant each
//! has handled. The ledger of runs (`job_runs`) is the runner's: claims, posts, failures.

use super::{codec, Conn};
use crate::domain::ids::{ChannelId, ScheduleId, UserId, WorkspaceId};
use crate::domain::schedule::ScheduleKind;
use anyhow::Context;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub id: ScheduleId,
    pub workspace_id: WorkspaceId,
    pub kind: ScheduleKind,
    /// The five-field cron expression as typed (validated before it was stored).
    pub cron: String,
    pub timezone: Tz,
    pub channel_id: ChannelId,
    pub enabled: bool,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str =
    "id, workspace_id, kind, cron, timezone, channel_id, enabled, created_by, created_at";

fn from_row(row: &sqlx::any::AnyRow) -> anyhow::Result<Schedule> {
    let kind: String = row.try_get("kind")?;
    let tz: String = row.try_get("timezone")?;
    Ok(Schedule {
        id: row.try_get("id")?,
        workspace_id: row.try_get("workspace_id")?,
        kind: ScheduleKind::parse(&kind).with_context(|| format!("stored kind `{kind}`"))?,
        cron: row.try_get("cron")?,
        timezone: tz
            .parse()
            .map_err(|_| anyhow::anyhow!("stored timezone `{tz}` is unknown"))?,
        channel_id: row.try_get("channel_id")?,
        enabled: row.try_get::<i64, _>("enabled")? != 0,
        created_by: row.try_get("created_by")?,
        created_at: codec::parse_instant(&row.try_get::<String, _>("created_at")?)?,
    })
}

/// A schedule to create.
#[derive(Debug, Clone)]
pub struct NewSchedule<'a> {
    pub workspace_id: WorkspaceId,
    pub kind: ScheduleKind,
    pub cron: &'a str,
    pub timezone: Tz,
    pub channel_id: ChannelId,
    pub created_by: UserId,
}

pub async fn insert(
    conn: &mut Conn,
    new: &NewSchedule<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<ScheduleId> {
    let at = codec::instant(now);
    Ok(sqlx::query_scalar(
        "INSERT INTO schedules (workspace_id, kind, cron, timezone, channel_id, enabled, \
         created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7) RETURNING id",
    )
    .bind(new.workspace_id)
    .bind(new.kind.as_str())
    .bind(new.cron)
    .bind(new.timezone.name())
    .bind(new.channel_id)
    .bind(new.created_by)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?)
}

/// The workspace's schedules, by id.
pub async fn list(conn: &mut Conn, workspace_id: WorkspaceId) -> anyhow::Result<Vec<Schedule>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM schedules WHERE workspace_id = $1 ORDER BY id"
    ))
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

pub async fn get(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: ScheduleId,
) -> anyhow::Result<Option<Schedule>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM schedules WHERE workspace_id = $1 AND id = $2"
    ))
    .bind(workspace_id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| from_row(&r)).transpose()
}

/// Every enabled schedule of every workspace with the latest due instant its ledger has (one
/// query a tick: the unique `(schedule_id, due_at)` index answers each `MAX`).
pub async fn enabled_with_last_due(
    conn: &mut Conn,
) -> anyhow::Result<Vec<(Schedule, Option<DateTime<Utc>>)>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS}, (SELECT MAX(j.due_at) FROM job_runs j \
         WHERE j.schedule_id = schedules.id AND j.workspace_id = schedules.workspace_id) AS last_due \
         FROM schedules WHERE enabled = 1 ORDER BY id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let last: Option<String> = row.try_get("last_due")?;
            let last = last.as_deref().map(codec::parse_instant).transpose()?;
            Ok((from_row(row)?, last))
        })
        .collect()
}

/// Pauses or resumes; false when there is no such schedule.
pub async fn set_enabled(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: ScheduleId,
    enabled: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE schedules SET enabled = $3, updated_at = $4 WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(i64::from(enabled))
    .bind(codec::instant(now))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Deletes a schedule and its run ledger; false when there was none.
pub async fn remove(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: ScheduleId,
) -> anyhow::Result<bool> {
    sqlx::query("DELETE FROM job_runs WHERE workspace_id = $1 AND schedule_id = $2")
        .bind(workspace_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query("DELETE FROM schedules WHERE workspace_id = $1 AND id = $2")
        .bind(workspace_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The latest due instant the schedule has a ledger row for (claimed, posted, failed or
/// skipped), if any.
pub async fn last_due(
    conn: &mut Conn,
    schedule_id: ScheduleId,
) -> anyhow::Result<Option<DateTime<Utc>>> {
    let last: Option<String> =
        sqlx::query_scalar("SELECT MAX(due_at) FROM job_runs WHERE schedule_id = $1")
            .bind(schedule_id)
            .fetch_one(&mut *conn)
            .await?;
    last.as_deref().map(codec::parse_instant).transpose()
}

/// Moves a schedule to another channel; false when there is no such schedule.
pub async fn set_channel(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: ScheduleId,
    channel_id: ChannelId,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE schedules SET channel_id = $3, updated_at = $4 WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(channel_id)
    .bind(codec::instant(now))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The status and instant of the schedule's latest run in the ledger.
pub async fn last_run(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    schedule_id: ScheduleId,
) -> anyhow::Result<Option<(String, DateTime<Utc>)>> {
    let row = sqlx::query(
        "SELECT status, due_at FROM job_runs WHERE workspace_id = $1 AND schedule_id = $2 \
         ORDER BY due_at DESC LIMIT 1",
    )
    .bind(workspace_id)
    .bind(schedule_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok((
            r.try_get("status")?,
            codec::parse_instant(&r.try_get::<String, _>("due_at")?)?,
        ))
    })
    .transpose()
}
