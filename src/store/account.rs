//! Accounts: customer companies, with their web domain, territory and account owner.

use super::Conn;
use crate::domain::names::name_key;
use sqlx::Row;

/// An account found by name or domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRef {
    pub id: i64,
    pub name: String,
    pub domain: Option<String>,
    pub territory_id: Option<i64>,
}

const REF_COLUMNS: &str = "id, name, domain, territory_id";

fn ref_from_row(r: &sqlx::any::AnyRow) -> anyhow::Result<AccountRef> {
    Ok(AccountRef {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        domain: r.try_get("domain")?,
        territory_id: r.try_get("territory_id")?,
    })
}

pub async fn find_by_name(
    conn: &mut Conn,
    workspace_id: i64,
    name: &str,
) -> anyhow::Result<Option<AccountRef>> {
    let row = sqlx::query(&format!(
        "SELECT {REF_COLUMNS} FROM accounts WHERE workspace_id = $1 AND name_key = $2"
    ))
    .bind(workspace_id)
    .bind(name_key(name))
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| ref_from_row(&r)).transpose()
}

/// Accounts whose stored domain is exactly `domain` (already normalised).
pub async fn find_by_domain(
    conn: &mut Conn,
    workspace_id: i64,
    domain: &str,
) -> anyhow::Result<Vec<AccountRef>> {
    let rows = sqlx::query(&format!(
        "SELECT {REF_COLUMNS} FROM accounts WHERE workspace_id = $1 AND domain = $2 ORDER BY name"
    ))
    .bind(workspace_id)
    .bind(domain)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(ref_from_row).collect()
}

/// Every account name (for "did you mean" on a miss).
pub async fn all_names(conn: &mut Conn, workspace_id: i64) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar::<_, String>(
        "SELECT name FROM accounts WHERE workspace_id = $1 ORDER BY name LIMIT 20000",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?)
}
