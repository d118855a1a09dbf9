//! Who already holds a customer a new registration names: active registrations (submitted,
//! pending review, returned, or approved and not lapsed) and open deals on every account that
//! matches by company key (`accounts_by_match_key`) or registrable domain
//! (`accounts_by_match_domain`). From the few matched accounts the rows are reached through
//! `registrations_by_account` and `deals_by_account`, so the cost does not grow with the
//! workspace. `CROSS JOIN` keeps SQLite's planner from starting at the registrations (it
//! orders joins as written then); PostgreSQL plans it as the inner join it is.

use crate::domain::ids::{DealId, WorkspaceId};
use crate::store::{codec, Conn};
use chrono::NaiveDate;
use sqlx::Row;

/// Most holders of each kind returned.
const LIMIT: i64 = 20;

/// The accounts that match, as a CTE over `$1` workspace, `$2` match key, `$3` match domain.
const MATCHED: &str = "WITH matched AS ( \
       SELECT id, name FROM accounts WHERE workspace_id = $1 AND match_key = $2 \
       UNION SELECT id, name FROM accounts WHERE workspace_id = $1 AND match_domain = $3)";

/// What holds the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolderKind {
    Registration,
    Deal,
}

/// One holder of a matching account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub kind: HolderKind,
    pub id: i64,
    pub account: String,
    /// The registering partner; for a deal its sourcing, else transacting, else distributor
    /// partner (`None`: a direct deal).
    pub partner: Option<String>,
    /// Stored status id (registration) or stage id (deal).
    pub status: String,
    /// Who submitted the registration, or owns the deal.
    pub who: Option<String>,
    /// Until when: the approval's expiry date, or the deal's close date.
    pub until: Option<NaiveDate>,
    /// The registration's deal, if linked.
    pub deal_id: Option<DealId>,
}

/// Active registrations and open deals on accounts matching `match_key` or `match_domain`,
/// registrations first. `exclude_deal`: the deal being registered (it is no conflict with
/// itself); a deal already listed through one of its registrations is listed once.
pub async fn find(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    match_key: &str,
    match_domain: Option<&str>,
    today: NaiveDate,
    exclude_deal: Option<i64>,
) -> anyhow::Result<Vec<Holder>> {
    let rows = sqlx::query(&format!(
        "{MATCHED} SELECT r.id, a.name AS account, p.name AS partner, r.status, \
           m.display_name AS who, r.expires_on, r.deal_id \
         FROM matched a \
         CROSS JOIN registrations r \
         JOIN partners p ON p.workspace_id = $1 AND p.id = r.partner_id \
         LEFT JOIN members m ON m.workspace_id = $1 AND m.user_id = r.submitted_by \
         WHERE r.workspace_id = $1 AND r.account_id = a.id AND r.status IN ('submitted', 'pending_review', 'returned', 'approved') \
           AND (r.status <> 'approved' OR r.expires_on >= $4) \
         ORDER BY r.id LIMIT $5"
    ))
    .bind(workspace_id)
    .bind(match_key)
    .bind(match_domain)
    .bind(codec::date(today))
    .bind(LIMIT)
    .fetch_all(&mut *conn)
    .await?;
    let mut holders = Vec::new();
    for r in &rows {
        holders.push(Holder {
            kind: HolderKind::Registration,
            id: r.try_get("id")?,
            account: r.try_get("account")?,
            partner: r.try_get("partner")?,
            status: r.try_get("status")?,
            who: r.try_get("who")?,
            until: codec::parse_opt_date(r.try_get("expires_on")?)?,
            deal_id: r.try_get("deal_id")?,
        });
    }
    let rows = sqlx::query(&format!(
        "{MATCHED} SELECT d.id, a.name AS account, COALESCE(ps.name, pt.name, pd.name) AS partner, \
           d.stage, m.display_name AS who, d.close_date \
         FROM matched a \
         CROSS JOIN deals d \
         LEFT JOIN partners ps ON ps.workspace_id = $1 AND ps.id = d.sourcing_partner_id \
         LEFT JOIN partners pt ON pt.workspace_id = $1 AND pt.id = d.transacting_partner_id \
         LEFT JOIN partners pd ON pd.workspace_id = $1 AND pd.id = d.distributor_partner_id \
         LEFT JOIN members m ON m.workspace_id = $1 AND m.user_id = d.owner_user_id \
         WHERE d.workspace_id = $1 AND d.account_id = a.id \
           AND d.stage NOT IN ('closed_won', 'closed_lost') AND d.id <> $4 \
         ORDER BY d.close_date, d.id LIMIT $5"
    ))
    .bind(workspace_id)
    .bind(match_key)
    .bind(match_domain)
    .bind(exclude_deal.unwrap_or(0))
    .bind(LIMIT)
    .fetch_all(&mut *conn)
    .await?;
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        if holders.iter().any(|h| h.deal_id == Some(DealId::new(id))) {
            continue;
        }
        holders.push(Holder {
            kind: HolderKind::Deal,
            id,
            account: r.try_get("account")?,
            partner: r.try_get("partner")?,
            status: r.try_get("stage")?,
            who: r.try_get("who")?,
            until: Some(codec::parse_date(&r.try_get::<String, _>("close_date")?)?),
            deal_id: Some(DealId::new(id)),
        });
    }
    Ok(holders)
}
