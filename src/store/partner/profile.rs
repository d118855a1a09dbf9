//! What a partner profile shows besides the partner itself: its open deals (in any partner role),
//! its latest touches and its registrations. Every query starts from an index on the partner
//! (`deals_by_sourcing`, `deals_by_transacting`, `deals_by_distributor`,
//! `deal_influences_by_partner`, `touches_by_partner`, `registrations_by_partner`).

use super::stored;
use crate::domain::deal::Stage;
use crate::domain::ids::{DealId, PartnerId, RegistrationId, WorkspaceId};
use crate::domain::registration::{RegistrationStatus, RegistrationType};
use crate::domain::touch::TouchType;
use crate::store::{codec, Conn};
use chrono::NaiveDate;
use sqlx::Row;

/// `deals d` rows where partner `$2` sources, transacts, distributes or influences (workspace `$1`).
const PARTNER_DEALS: &str = "d.workspace_id = $1 AND d.id IN ( \
       SELECT id FROM deals WHERE workspace_id = $1 AND sourcing_partner_id = $2 \
       UNION SELECT id FROM deals WHERE workspace_id = $1 AND transacting_partner_id = $2 \
       UNION SELECT id FROM deals WHERE workspace_id = $1 AND distributor_partner_id = $2 \
       UNION SELECT deal_id FROM deal_influences WHERE workspace_id = $1 AND partner_id = $2) \
     AND d.stage NOT IN ('closed_won', 'closed_lost')";

/// How many open deals the partner is on, and their total amount.
pub async fn open_deals_summary(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    partner_id: PartnerId,
) -> anyhow::Result<(i64, i64)> {
    let row = sqlx::query(&format!(
        "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(d.amount_minor), 0) AS BIGINT) AS total \
         FROM deals d WHERE {PARTNER_DEALS}"
    ))
    .bind(workspace_id)
    .bind(partner_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok((row.try_get("n")?, row.try_get("total")?))
}

/// An open deal on a partner profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerDeal {
    pub id: DealId,
    pub account: String,
    pub amount_minor: i64,
    pub stage: Stage,
    pub close_date: NaiveDate,
}

/// The partner's `limit` largest open deals (ties: earliest close first).
pub async fn open_deals(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    partner_id: PartnerId,
    limit: i64,
) -> anyhow::Result<Vec<PartnerDeal>> {
    let rows = sqlx::query(&format!(
        "SELECT d.id, a.name AS account, d.amount_minor, d.stage, d.close_date FROM deals d \
         JOIN accounts a ON a.workspace_id = d.workspace_id AND a.id = d.account_id \
         WHERE {PARTNER_DEALS} ORDER BY d.amount_minor DESC, d.close_date, d.id LIMIT $3"
    ))
    .bind(workspace_id)
    .bind(partner_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(PartnerDeal {
                id: r.try_get("id")?,
                account: r.try_get("account")?,
                amount_minor: r.try_get("amount_minor")?,
                stage: stored(&r.try_get::<String, _>("stage")?)?,
                close_date: codec::parse_date(&r.try_get::<String, _>("close_date")?)?,
            })
        })
        .collect()
}

/// A touch on a partner profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerTouch {
    pub occurred_on: NaiveDate,
    pub touch_type: TouchType,
    /// Who logged it (their display name, when the bot knows them).
    pub logged_by: Option<String>,
    pub notes: String,
}

/// The partner's latest `limit` touches, newest first.
pub async fn recent_touches(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    partner_id: PartnerId,
    limit: i64,
) -> anyhow::Result<Vec<PartnerTouch>> {
    let rows = sqlx::query(
        "SELECT t.occurred_on, t.touch_type, m.display_name, t.notes FROM touches t \
         LEFT JOIN members m ON m.workspace_id = t.workspace_id AND m.user_id = t.logged_by \
         WHERE t.workspace_id = $1 AND t.partner_id = $2 \
         ORDER BY t.occurred_on DESC, t.id DESC LIMIT $3",
    )
    .bind(workspace_id)
    .bind(partner_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(PartnerTouch {
                occurred_on: codec::parse_date(&r.try_get::<String, _>("occurred_on")?)?,
                touch_type: stored(&r.try_get::<String, _>("touch_type")?)?,
                logged_by: r.try_get("display_name")?,
                notes: r.try_get("notes")?,
            })
        })
        .collect()
}

/// How many of the partner's registrations are in each status (statuses with none are absent),
/// in the statuses' display order.
pub async fn registration_counts(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    partner_id: PartnerId,
) -> anyhow::Result<Vec<(RegistrationStatus, i64)>> {
    let rows = sqlx::query(
        "SELECT status, COUNT(*) AS n FROM registrations \
         WHERE workspace_id = $1 AND partner_id = $2 GROUP BY status",
    )
    .bind(workspace_id)
    .bind(partner_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut counts = rows
        .iter()
        .map(|r| Ok((stored(&r.try_get::<String, _>("status")?)?, r.try_get("n")?)))
        .collect::<anyhow::Result<Vec<(RegistrationStatus, i64)>>>()?;
    counts.sort_by_key(|(status, _)| *status);
    Ok(counts)
}

/// A registration on a partner profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRegistration {
    pub id: RegistrationId,
    pub account: String,
    pub reg_type: RegistrationType,
    pub status: RegistrationStatus,
    pub amount_minor: i64,
    /// The day it was submitted (UTC).
    pub submitted_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
}

/// The partner's latest `limit` registrations, newest submission first.
pub async fn recent_registrations(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    partner_id: PartnerId,
    limit: i64,
) -> anyhow::Result<Vec<PartnerRegistration>> {
    let rows = sqlx::query(
        "SELECT r.id, a.name AS account, r.reg_type, r.status, r.amount_minor, r.submitted_at, \
           r.expires_on FROM registrations r \
         JOIN accounts a ON a.workspace_id = r.workspace_id AND a.id = r.account_id \
         WHERE r.workspace_id = $1 AND r.partner_id = $2 \
         ORDER BY r.submitted_at DESC, r.id DESC LIMIT $3",
    )
    .bind(workspace_id)
    .bind(partner_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let submitted: String = r.try_get("submitted_at")?;
            Ok(PartnerRegistration {
                id: r.try_get("id")?,
                account: r.try_get("account")?,
                reg_type: stored(&r.try_get::<String, _>("reg_type")?)?,
                status: stored(&r.try_get::<String, _>("status")?)?,
                amount_minor: r.try_get("amount_minor")?,
                submitted_on: codec::parse_instant(&submitted)?.date_naive(),
                expires_on: codec::parse_opt_date(r.try_get("expires_on")?)?,
            })
        })
        .collect()
}
