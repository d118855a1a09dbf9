//! Partners: type, track, territory, certifications and agreement dates.

use super::Conn;
use crate::domain::names::name_key;
use sqlx::Row;

/// A partner found by name: enough to link it from a deal or a touch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRef {
    pub id: i64,
    pub name: String,
    pub territory_id: Option<i64>,
}

pub async fn find_by_name(
    conn: &mut Conn,
    workspace_id: i64,
    name: &str,
) -> anyhow::Result<Option<PartnerRef>> {
    let row = sqlx::query(
        "SELECT id, name, territory_id FROM partners WHERE workspace_id = $1 AND name_key = $2",
    )
    .bind(workspace_id)
    .bind(name_key(name))
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(PartnerRef {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            territory_id: r.try_get("territory_id")?,
        })
    })
    .transpose()
}

/// Every partner name (for "did you mean" on a miss).
pub async fn all_names(conn: &mut Conn, workspace_id: i64) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar::<_, String>(
        "SELECT name FROM partners WHERE workspace_id = $1 ORDER BY name",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?)
}
