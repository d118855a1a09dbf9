//! Territories and who covers them (PTMs and field sales reps).

use super::{codec, Conn};
use crate::domain::ids::{TerritoryId, UserId, WorkspaceId};
use crate::domain::names::name_key;
use chrono::{DateTime, Utc};
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Territory {
    pub id: TerritoryId,
    pub name: String,
    pub region: String,
}

/// A member covering a territory in a role (`ptm` or `field_sales`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub territory_id: TerritoryId,
    pub user_id: UserId,
    pub display_name: String,
    pub role: String,
}

pub async fn insert(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    name: &str,
    region: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO territories (workspace_id, name, name_key, region, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(workspace_id)
    .bind(name)
    .bind(name_key(name))
    .bind(region)
    .bind(codec::instant(now))
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn find_by_name(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    name: &str,
) -> anyhow::Result<Option<Territory>> {
    let row = sqlx::query(
        "SELECT id, name, region FROM territories WHERE workspace_id = $1 AND name_key = $2",
    )
    .bind(workspace_id)
    .bind(name_key(name))
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| from_row(&r)).transpose()
}

pub async fn get(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: TerritoryId,
) -> anyhow::Result<Option<Territory>> {
    let row =
        sqlx::query("SELECT id, name, region FROM territories WHERE workspace_id = $1 AND id = $2")
            .bind(workspace_id)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|r| from_row(&r)).transpose()
}

fn from_row(row: &sqlx::any::AnyRow) -> anyhow::Result<Territory> {
    Ok(Territory {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        region: row.try_get("region")?,
    })
}

pub async fn all_names(conn: &mut Conn, workspace_id: WorkspaceId) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar::<_, String>(
        "SELECT name FROM territories WHERE workspace_id = $1 ORDER BY name",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// One line of `/territory list`: the territory with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerritorySummary {
    pub territory: Territory,
    pub partners: i64,
    pub open_deals: i64,
}

pub async fn list(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
) -> anyhow::Result<Vec<TerritorySummary>> {
    let rows = sqlx::query(
        // One grouped count per table (not one count per territory): fast at 50 territories.
        "SELECT t.id, t.name, t.region, COALESCE(p.n, 0) AS partners, COALESCE(d.n, 0) AS open_deals \
         FROM territories t \
         LEFT JOIN (SELECT territory_id, COUNT(*) AS n FROM partners WHERE workspace_id = $1 \
                    GROUP BY territory_id) p ON p.territory_id = t.id \
         LEFT JOIN (SELECT territory_id, COUNT(*) AS n FROM deals WHERE workspace_id = $1 \
                    AND stage NOT IN ('closed_won', 'closed_lost') GROUP BY territory_id) d \
                ON d.territory_id = t.id \
         WHERE t.workspace_id = $1 ORDER BY t.name",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(TerritorySummary {
                territory: from_row(r)?,
                partners: r.try_get("partners")?,
                open_deals: r.try_get("open_deals")?,
            })
        })
        .collect()
}

/// Everyone covering the workspace's territories (or one territory), PTMs first.
pub async fn coverage(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    territory_id: Option<TerritoryId>,
) -> anyhow::Result<Vec<Coverage>> {
    let rows = sqlx::query(
        "SELECT tm.territory_id, tm.user_id, m.display_name, tm.role FROM territory_members tm \
         JOIN members m ON m.workspace_id = tm.workspace_id AND m.user_id = tm.user_id \
         WHERE tm.workspace_id = $1 AND ($2 IS NULL OR tm.territory_id = $2) \
         ORDER BY tm.territory_id, tm.role DESC, m.display_name",
    )
    .bind(workspace_id)
    .bind(territory_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Coverage {
                territory_id: r.try_get("territory_id")?,
                user_id: r.try_get("user_id")?,
                display_name: r.try_get("display_name")?,
                role: r.try_get("role")?,
            })
        })
        .collect()
}

/// Assigns a member; returns false when the assignment already existed.
pub async fn assign(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    territory_id: TerritoryId,
    user_id: UserId,
    role: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO territory_members (workspace_id, territory_id, user_id, role, assigned_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(workspace_id)
    .bind(territory_id)
    .bind(user_id)
    .bind(role)
    .bind(codec::instant(now))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Removes an assignment; returns false when there was none.
pub async fn unassign(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    territory_id: TerritoryId,
    user_id: UserId,
    role: &str,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "DELETE FROM territory_members WHERE workspace_id = $1 AND territory_id = $2 \
         AND user_id = $3 AND role = $4",
    )
    .bind(workspace_id)
    .bind(territory_id)
    .bind(user_id)
    .bind(role)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Territories a member covers.
pub async fn of_member(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    user_id: UserId,
) -> anyhow::Result<Vec<TerritoryId>> {
    Ok(sqlx::query_scalar::<_, TerritoryId>(
        "SELECT DISTINCT territory_id FROM territory_members WHERE workspace_id = $1 AND user_id = $2 \
         ORDER BY territory_id",
    )
    .bind(workspace_id)
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await?)
}
