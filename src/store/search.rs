//! Name search for autocomplete: prefix matches first, then matches anywhere in the name, over
//! the normalised `name_key` columns (letters, digits and single spaces only, so the typed key
//! needs no LIKE escaping). Every query is limited and filtered by workspace.

use super::Conn;
use crate::domain::ids::{DealId, WorkspaceId};
use sqlx::Row;

/// Which named records to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Partner,
    Account,
    Territory,
}

impl Named {
    fn table(self) -> &'static str {
        match self {
            Named::Partner => "partners",
            Named::Account => "accounts",
            Named::Territory => "territories",
        }
    }
}

/// Up to `limit` names starting with `key`, then containing it, alphabetically within each.
pub async fn names(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    what: Named,
    key: &str,
    limit: i64,
) -> anyhow::Result<Vec<String>> {
    let table = what.table();
    let mut found: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT name FROM {table} WHERE workspace_id = $1 AND name_key LIKE $2 \
         ORDER BY name_key LIMIT $3"
    ))
    .bind(workspace_id)
    .bind(format!("{key}%"))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    if (found.len() as i64) < limit && !key.is_empty() {
        let more: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT name FROM {table} WHERE workspace_id = $1 AND name_key LIKE $2 \
             AND name_key NOT LIKE $3 ORDER BY name_key LIMIT $4"
        ))
        .bind(workspace_id)
        .bind(format!("%{key}%"))
        .bind(format!("{key}%"))
        .bind(limit - found.len() as i64)
        .fetch_all(&mut *conn)
        .await?;
        found.extend(more);
    }
    Ok(found)
}

/// Every name of a small set (partners, territories) for fuzzy matching when nothing matches.
pub async fn all_names(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    what: Named,
    cap: i64,
) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT name FROM {} WHERE workspace_id = $1 ORDER BY name_key LIMIT $2",
        what.table()
    ))
    .bind(workspace_id)
    .bind(cap)
    .fetch_all(&mut *conn)
    .await?)
}

/// A deal as offered in autocomplete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealHit {
    pub id: DealId,
    pub account: String,
    pub amount_minor: i64,
    pub stage: String,
}

/// Open deals whose number starts with `digits`, or whose account starts with / contains `key`;
/// newest first.
pub async fn deals(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    key: &str,
    limit: i64,
) -> anyhow::Result<Vec<DealHit>> {
    let by_number = !key.is_empty() && key.chars().all(|c| c.is_ascii_digit());
    let sql = if by_number {
        "SELECT d.id, a.name AS account, d.amount_minor, d.stage FROM deals d \
         JOIN accounts a ON a.workspace_id = d.workspace_id AND a.id = d.account_id \
         WHERE d.workspace_id = $1 AND CAST(d.id AS TEXT) LIKE $2 ORDER BY d.id LIMIT $3"
    } else {
        "SELECT d.id, a.name AS account, d.amount_minor, d.stage FROM deals d \
         JOIN accounts a ON a.workspace_id = d.workspace_id AND a.id = d.account_id \
         WHERE d.workspace_id = $1 AND a.name_key LIKE $2 \
         AND d.stage NOT IN ('closed_won', 'closed_lost') ORDER BY d.id DESC LIMIT $3"
    };
    let pattern = if by_number {
        format!("{key}%")
    } else {
        format!("%{key}%")
    };
    let rows = sqlx::query(sql)
        .bind(workspace_id)
        .bind(pattern)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(DealHit {
                id: r.try_get("id")?,
                account: r.try_get("account")?,
                amount_minor: r.try_get("amount_minor")?,
                stage: r.try_get("stage")?,
            })
        })
        .collect()
}
