//! Daily KPI snapshots (`kpi_snapshots`): the figures that exist only "now" (open pipeline
//! closing in the quarter by category, registrations pending and expiring soon, marketplace
//! compliance gaps, certified people and partners), one row per workspace, territory (0 for the
//! whole workspace) and local day. The first row of a day stays: several runners taking the
//! same snapshot write it once.

use super::{codec, Conn};
use crate::domain::ids::{TerritoryId, WorkspaceId};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

/// The territory id of a whole-workspace snapshot.
pub const WHOLE_WORKSPACE: TerritoryId = TerritoryId::new(0);

/// The point-in-time figures of one scope on one day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub commit_minor: i64,
    pub best_case_minor: i64,
    pub pipeline_minor: i64,
    pub registrations_pending: i64,
    pub registrations_expiring: i64,
    pub compliance_gaps: i64,
    pub certified_people: i64,
    pub partners: i64,
}

/// Records the snapshot of `territory_id` (or [`WHOLE_WORKSPACE`]) on `day`; false when one was
/// there already.
pub async fn insert(
    conn: &mut Conn,
    (workspace_id, territory_id, day): (WorkspaceId, TerritoryId, NaiveDate),
    snapshot: &Snapshot,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO kpi_snapshots (workspace_id, territory_id, day, commit_minor, \
         best_case_minor, pipeline_minor, registrations_pending, registrations_expiring, \
         compliance_gaps, certified_people, partners, taken_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (workspace_id, territory_id, day) DO NOTHING",
    )
    .bind(workspace_id)
    .bind(territory_id)
    .bind(codec::date(day))
    .bind(snapshot.commit_minor)
    .bind(snapshot.best_case_minor)
    .bind(snapshot.pipeline_minor)
    .bind(snapshot.registrations_pending)
    .bind(snapshot.registrations_expiring)
    .bind(snapshot.compliance_gaps)
    .bind(snapshot.certified_people)
    .bind(snapshot.partners)
    .bind(codec::instant(now))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The snapshot of `territory_id` (or [`WHOLE_WORKSPACE`]) on `day`, if one was taken.
pub async fn get(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    territory_id: TerritoryId,
    day: NaiveDate,
) -> anyhow::Result<Option<Snapshot>> {
    let row = sqlx::query(
        "SELECT commit_minor, best_case_minor, pipeline_minor, registrations_pending, \
         registrations_expiring, compliance_gaps, certified_people, partners FROM kpi_snapshots \
         WHERE workspace_id = $1 AND territory_id = $2 AND day = $3",
    )
    .bind(workspace_id)
    .bind(territory_id)
    .bind(codec::date(day))
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(Snapshot {
            commit_minor: r.try_get(0)?,
            best_case_minor: r.try_get(1)?,
            pipeline_minor: r.try_get(2)?,
            registrations_pending: r.try_get(3)?,
            registrations_expiring: r.try_get(4)?,
            compliance_gaps: r.try_get(5)?,
            certified_people: r.try_get(6)?,
            partners: r.try_get(7)?,
        })
    })
    .transpose()
}

/// The ids of the workspace's territories.
pub async fn territory_ids(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
) -> anyhow::Result<Vec<TerritoryId>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM territories WHERE workspace_id = $1 ORDER BY id")
            .bind(workspace_id)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// Each workspace with its timezone and the day of its latest whole-workspace snapshot.
pub async fn latest_days(
    conn: &mut Conn,
) -> anyhow::Result<Vec<(WorkspaceId, String, Option<NaiveDate>)>> {
    let rows = sqlx::query(
        "SELECT w.id, w.timezone, (SELECT MAX(s.day) FROM kpi_snapshots s \
         WHERE s.workspace_id = w.id AND s.territory_id = 0) AS latest \
         FROM workspaces w ORDER BY w.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let latest: Option<String> = r.try_get("latest")?;
            Ok((
                r.try_get("id")?,
                r.try_get("timezone")?,
                latest.as_deref().map(codec::parse_date).transpose()?,
            ))
        })
        .collect()
}
