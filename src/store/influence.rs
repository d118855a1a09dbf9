//! Influence partners of a deal (`deal_influences`): one row per deal × partner × influence
//! type. Read for the deal card in [`super::deal::influences`].

use super::{codec, Conn};
use crate::domain::ids::{DealId, PartnerId, UserId, WorkspaceId};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// An influence row as written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InfluenceRow {
    pub id: i64,
    pub deal_id: DealId,
    pub partner_id: PartnerId,
    pub influence_type: String,
    pub description: String,
    pub recorded_by: UserId,
}

/// The row for this deal, partner and type, if recorded.
pub async fn find(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    deal_id: DealId,
    partner_id: PartnerId,
    influence_type: &str,
) -> anyhow::Result<Option<InfluenceRow>> {
    let row = sqlx::query(
        "SELECT id, description, recorded_by FROM deal_influences WHERE workspace_id = $1 \
         AND deal_id = $2 AND partner_id = $3 AND influence_type = $4",
    )
    .bind(workspace_id)
    .bind(deal_id)
    .bind(partner_id)
    .bind(influence_type)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(InfluenceRow {
            id: r.try_get("id")?,
            deal_id,
            partner_id,
            influence_type: influence_type.to_string(),
            description: r.try_get("description")?,
            recorded_by: r.try_get("recorded_by")?,
        })
    })
    .transpose()
}

/// Writes a new row; returns its id.
pub async fn insert(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    row: &InfluenceRow,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let found = sqlx::query(
        "INSERT INTO deal_influences (workspace_id, deal_id, partner_id, influence_type, \
         description, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(workspace_id)
    .bind(row.deal_id)
    .bind(row.partner_id)
    .bind(&row.influence_type)
    .bind(&row.description)
    .bind(row.recorded_by)
    .bind(codec::instant(now))
    .fetch_one(&mut *conn)
    .await?;
    Ok(found.try_get("id")?)
}

/// Replaces the description (and who recorded it) of an existing row.
pub async fn update_description(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: i64,
    description: &str,
    recorded_by: UserId,
) -> anyhow::Result<()> {
    let done = sqlx::query(
        "UPDATE deal_influences SET description = $3, recorded_by = $4 \
         WHERE workspace_id = $1 AND id = $2",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(description)
    .bind(recorded_by)
    .execute(&mut *conn)
    .await?;
    anyhow::ensure!(
        done.rows_affected() == 1,
        "influence {id} to update is gone"
    );
    Ok(())
}
