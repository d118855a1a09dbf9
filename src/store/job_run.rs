//! The run ledger (`job_runs`): one row per (schedule, due instant), unique, so a run is claimed
//! by exactly one runner across restarts and processes. A row is `claimed` (being posted),
//! then `posted` (with the message id), `failed` (with the error) or `skipped` (nothing to
//! post, or missed while the bot was down). A claim left `claimed` past a timeout is recovered
//! through a guarded [`reclaim`], which only one runner wins.

use super::{codec, Conn};
use crate::domain::ids::{MessageId, ScheduleId, WorkspaceId};
use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::Row;

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RunStatus {
    Claimed,
    Posted,
    Failed,
    Skipped,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Claimed => "claimed",
            RunStatus::Posted => "posted",
            RunStatus::Failed => "failed",
            RunStatus::Skipped => "skipped",
        }
    }

    fn parse(text: &str) -> Option<RunStatus> {
        [
            RunStatus::Claimed,
            RunStatus::Posted,
            RunStatus::Failed,
            RunStatus::Skipped,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// One ledger row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRun {
    pub id: i64,
    pub workspace_id: WorkspaceId,
    pub schedule_id: ScheduleId,
    pub due_at: DateTime<Utc>,
    /// The runner instance holding (or last holding) the claim.
    pub claimed_by: String,
    pub claimed_at: DateTime<Utc>,
    /// Sent with the post so Discord drops a second copy (see the runner).
    pub nonce: String,
    pub status: RunStatus,
    pub message_id: Option<MessageId>,
    pub posted_at: Option<DateTime<Utc>>,
    /// Why it failed, or why it was skipped.
    pub error: Option<String>,
}

const COLUMNS: &str = "id, workspace_id, schedule_id, due_at, claimed_by, claimed_at, nonce, \
                       status, message_id, posted_at, error";

fn from_row(row: &sqlx::any::AnyRow) -> anyhow::Result<JobRun> {
    let status: String = row.try_get("status")?;
    let posted_at: Option<String> = row.try_get("posted_at")?;
    Ok(JobRun {
        id: row.try_get("id")?,
        workspace_id: row.try_get("workspace_id")?,
        schedule_id: row.try_get("schedule_id")?,
        due_at: codec::parse_instant(&row.try_get::<String, _>("due_at")?)?,
        claimed_by: row.try_get("claimed_by")?,
        claimed_at: codec::parse_instant(&row.try_get::<String, _>("claimed_at")?)?,
        nonce: row.try_get("nonce")?,
        status: RunStatus::parse(&status).with_context(|| format!("stored status `{status}`"))?,
        message_id: row.try_get("message_id")?,
        posted_at: posted_at.as_deref().map(codec::parse_instant).transpose()?,
        error: row.try_get("error")?,
    })
}

/// A run to claim: which schedule and due instant, by whom, with which nonce.
#[derive(Debug, Clone, Copy)]
pub struct Claim<'a> {
    pub workspace_id: WorkspaceId,
    pub schedule_id: ScheduleId,
    pub due_at: DateTime<Utc>,
    /// The runner instance claiming it.
    pub instance: &'a str,
    pub nonce: &'a str,
}

/// Claims the run: its id, or `None` when a row for (schedule, due instant) exists already
/// (another runner, or an earlier life of this one, has it).
pub async fn claim(
    conn: &mut Conn,
    run: &Claim<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<i64>> {
    insert(conn, run, RunStatus::Claimed, None, now).await
}

/// Records a run that will not happen (missed while the bot was down, beyond the catch-up
/// window) as `skipped` with `reason`, so later ticks count from it. `None` when the row exists.
pub async fn skip(
    conn: &mut Conn,
    run: &Claim<'_>,
    reason: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<i64>> {
    insert(conn, run, RunStatus::Skipped, Some(reason), now).await
}

async fn insert(
    conn: &mut Conn,
    run: &Claim<'_>,
    status: RunStatus,
    error: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "INSERT INTO job_runs (workspace_id, schedule_id, due_at, claimed_by, claimed_at, nonce, \
         status, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (schedule_id, due_at) DO NOTHING RETURNING id",
    )
    .bind(run.workspace_id)
    .bind(run.schedule_id)
    .bind(codec::instant(run.due_at))
    .bind(run.instance)
    .bind(codec::instant(now))
    .bind(run.nonce)
    .bind(status.as_str())
    .bind(error)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The run was posted as message `message_id`.
pub async fn mark_posted(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: i64,
    message_id: MessageId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE job_runs SET status = 'posted', message_id = $3, posted_at = $4, error = NULL \
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(message_id)
    .bind(codec::instant(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The run failed with `error` (the whole cause chain, as text).
pub async fn mark_failed(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: i64,
    error: &str,
) -> anyhow::Result<()> {
    set_status(conn, workspace_id, id, RunStatus::Failed, error).await
}

/// The run had nothing to post (`reason` says why).
pub async fn mark_skipped(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: i64,
    reason: &str,
) -> anyhow::Result<()> {
    set_status(conn, workspace_id, id, RunStatus::Skipped, reason).await
}

async fn set_status(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: i64,
    status: RunStatus,
    error: &str,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE job_runs SET status = $3, error = $4 WHERE workspace_id = $1 AND id = $2")
        .bind(workspace_id)
        .bind(id)
        .bind(status.as_str())
        .bind(error)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Claims of every workspace still `claimed` and claimed before `older_than`: their runner
/// died, or is stuck, between claiming and recording the outcome. Oldest due first.
pub async fn stale_claims(
    conn: &mut Conn,
    older_than: DateTime<Utc>,
) -> anyhow::Result<Vec<JobRun>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM job_runs WHERE status = 'claimed' AND claimed_at < $1 \
         ORDER BY due_at, id"
    ))
    .bind(codec::instant(older_than))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Takes over a stale claim for `instance`: true only for the one runner whose update found
/// the claim as [`stale_claims`] read it (still `claimed`, same `claimed_at`).
pub async fn reclaim(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: i64,
    old_claimed_at: DateTime<Utc>,
    instance: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE job_runs SET claimed_by = $4, claimed_at = $5 \
         WHERE workspace_id = $1 AND id = $2 AND status = 'claimed' AND claimed_at = $3",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(codec::instant(old_claimed_at))
    .bind(instance)
    .bind(codec::instant(now))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The latest due instant of the schedule's ledger before `before`: the run before that one.
pub async fn previous_due(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    schedule_id: ScheduleId,
    before: DateTime<Utc>,
) -> anyhow::Result<Option<DateTime<Utc>>> {
    let last: Option<String> = sqlx::query_scalar(
        "SELECT MAX(due_at) FROM job_runs \
         WHERE workspace_id = $1 AND schedule_id = $2 AND due_at < $3",
    )
    .bind(workspace_id)
    .bind(schedule_id)
    .bind(codec::instant(before))
    .fetch_one(&mut *conn)
    .await?;
    last.as_deref().map(codec::parse_instant).transpose()
}

/// The schedule's runs, oldest due first.
pub async fn of_schedule(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    schedule_id: ScheduleId,
) -> anyhow::Result<Vec<JobRun>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM job_runs WHERE workspace_id = $1 AND schedule_id = $2 \
         ORDER BY due_at"
    ))
    .bind(workspace_id)
    .bind(schedule_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}
