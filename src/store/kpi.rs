//! The facts KPIs are computed from, for a scope (workspace, territory, partner, a PTM's
//! territories, a member's own deals) and a period: deals won with their attribution facts,
//! open pipeline by forecast category, registrations, new logos, touches by type and the
//! certified people of partners. Aggregation lives in `domain::kpi`.

use super::args::{bind_all, placeholders, Arg};
use super::{codec, Conn};
use crate::domain::attribution::AttributionFacts;
use crate::domain::deal::Marketplace;
use crate::domain::ids::{PartnerId, TerritoryId, UserId, WorkspaceId};
use crate::domain::kpi::WonDeal;
use crate::domain::Choice;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

/// A registration that makes its deal partner sourced (approved, or closed won with it). The
/// status is compared as an expression (`|| ''`), so no planner looks a deal's registration up
/// through an index by status (scanning every approved registration per deal) instead of the
/// index by deal.
const SOURCING_STATUS: &str = "r.status || '' IN ('approved', 'closed_won')";

/// Whose figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KpiScope {
    Workspace,
    Territory(TerritoryId),
    /// Deals the partner sourced, transacts, distributes or influenced.
    Partner(PartnerId),
    /// A PTM's territories.
    Territories(Vec<TerritoryId>),
    /// A member covering no territory: the deals they own.
    Owner(UserId),
}

/// A period of whole days `[first, last]` in the workspace timezone, with the instants that
/// bound it (`from` inclusive, `until` exclusive) for timestamp columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

/// The period's first and last day as `$2, $3` (after the workspace), then `rest`.
fn period_args(period: &Period, rest: Vec<Arg>) -> Vec<Arg> {
    let mut args = vec![
        Arg::Text(codec::date(period.first)),
        Arg::Text(codec::date(period.last)),
    ];
    args.extend(rest);
    args
}

/// The deal filter of a scope (alias `d`), its arguments numbered from `$next`.
fn deal_filter(scope: &KpiScope, next: usize) -> (String, Vec<Arg>) {
    match scope {
        KpiScope::Workspace => (String::new(), Vec::new()),
        KpiScope::Territory(id) => (format!("AND d.territory_id = ${next}"), vec![Arg::Int(id.get())]),
        KpiScope::Partner(id) => (
            format!(
                "AND (d.sourcing_partner_id = ${next} OR d.transacting_partner_id = ${next} \
                 OR d.distributor_partner_id = ${next} OR EXISTS (SELECT 1 FROM deal_influences i \
                 WHERE i.workspace_id = d.workspace_id AND i.deal_id = d.id AND i.partner_id = ${next}))"
            ),
            vec![Arg::Int(id.get())],
        ),
        KpiScope::Territories(ids) if ids.is_empty() => ("AND 1 = 0".to_string(), Vec::new()),
        KpiScope::Territories(ids) => (
            format!("AND d.territory_id IN ({})", placeholders(next, ids.len())),
            ids.iter().map(|id| Arg::Int(id.get())).collect(),
        ),
        KpiScope::Owner(user) => (format!("AND d.owner_user_id = ${next}"), vec![Arg::Int(user.get())]),
    }
}

/// The partner filter of a scope (alias `p`): the partners of a territory, one partner, or the
/// partners homed in a PTM's territories. `None` for a member's own deals.
fn partner_filter(scope: &KpiScope, next: usize) -> Option<(String, Vec<Arg>)> {
    match scope {
        KpiScope::Workspace => Some((String::new(), Vec::new())),
        KpiScope::Territory(id) => Some((
            format!("AND p.territory_id = ${next}"),
            vec![Arg::Int(id.get())],
        )),
        KpiScope::Partner(id) => Some((format!("AND p.id = ${next}"), vec![Arg::Int(id.get())])),
        KpiScope::Territories(ids) if ids.is_empty() => Some(("AND 1 = 0".to_string(), Vec::new())),
        KpiScope::Territories(ids) => Some((
            format!("AND p.territory_id IN ({})", placeholders(next, ids.len())),
            ids.iter().map(|id| Arg::Int(id.get())).collect(),
        )),
        KpiScope::Owner(_) => None,
    }
}

/// Deals of the scope won with a close date in the period, with their attribution facts.
pub async fn won_deals(
    conn: &mut Conn,
    ws: WorkspaceId,
    scope: &KpiScope,
    period: &Period,
) -> anyhow::Result<Vec<WonDeal>> {
    let (filter, args) = deal_filter(scope, 4);
    let sql = format!(
        "SELECT d.id, d.account_id, d.amount_minor, d.close_date, d.marketplace, \
         CASE WHEN d.transacting_partner_id IS NULL THEN 0 ELSE 1 END AS resold, \
         CASE WHEN d.distributor_partner_id IS NULL THEN 0 ELSE 1 END AS distributed, \
         CASE WHEN EXISTS (SELECT 1 FROM registrations r WHERE r.workspace_id = d.workspace_id \
           AND r.deal_id = d.id AND r.reg_type <> 'services_attach' \
           AND {SOURCING_STATUS}) THEN 1 ELSE 0 END AS sourced, \
         CASE WHEN EXISTS (SELECT 1 FROM deal_influences i WHERE i.workspace_id = d.workspace_id \
           AND i.deal_id = d.id) THEN 1 ELSE 0 END AS influenced \
         FROM deals d WHERE d.workspace_id = $1 AND d.stage = 'closed_won' \
         AND d.close_date >= $2 AND d.close_date <= $3 {filter} ORDER BY d.id"
    );
    let rows = bind_all(sqlx::query(&sql).bind(ws), period_args(period, args))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|row| {
            let market: String = row.try_get("marketplace")?;
            Ok(WonDeal {
                deal_id: row.try_get("id")?,
                account_id: row.try_get("account_id")?,
                amount_minor: row.try_get("amount_minor")?,
                close_date: codec::parse_date(&row.try_get::<String, _>("close_date")?)?,
                facts: AttributionFacts {
                    sourced_registration: row.try_get::<i64, _>("sourced")? != 0,
                    transacting_partner: row.try_get::<i64, _>("resold")? != 0,
                    distributor: row.try_get::<i64, _>("distributed")? != 0,
                    marketplace: Marketplace::from_id(&market).unwrap_or(Marketplace::None),
                    influence: row.try_get::<i64, _>("influenced")? != 0,
                },
            })
        })
        .collect()
}

/// Open deals of the scope closing in the period, by forecast category: (category id, amount,
/// deals).
pub async fn pipeline(
    conn: &mut Conn,
    ws: WorkspaceId,
    scope: &KpiScope,
    period: &Period,
) -> anyhow::Result<Vec<(String, i64, i64)>> {
    let (filter, args) = deal_filter(scope, 4);
    let sql = format!(
        "SELECT d.forecast_category, CAST(SUM(d.amount_minor) AS BIGINT) AS amount, COUNT(*) AS n \
         FROM deals d WHERE d.workspace_id = $1 AND d.stage NOT IN ('closed_won', 'closed_lost') \
         AND d.close_date >= $2 AND d.close_date <= $3 {filter} GROUP BY d.forecast_category"
    );
    let rows = bind_all(sqlx::query(&sql).bind(ws), period_args(period, args))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
        .collect()
}

/// Accounts of the scope whose first won deal ever closes in the period: new logos.
pub async fn new_logos(
    conn: &mut Conn,
    ws: WorkspaceId,
    scope: &KpiScope,
    period: &Period,
) -> anyhow::Result<i64> {
    let (filter, args) = deal_filter(scope, 4);
    let sql = format!(
        "SELECT COUNT(DISTINCT d.account_id) FROM deals d WHERE d.workspace_id = $1 \
         AND d.stage = 'closed_won' AND d.close_date >= $2 AND d.close_date <= $3 {filter} \
         AND NOT EXISTS (SELECT 1 FROM deals e WHERE e.workspace_id = d.workspace_id \
           AND e.account_id = d.account_id AND e.stage = 'closed_won' AND e.close_date < $2)"
    );
    let mut all = vec![Arg::Int(ws.get())];
    all.extend(period_args(period, args));
    super::args::count(conn, &sql, all).await
}

/// Registrations: (submitted in the period, approved in it, denied in it, pending now,
/// approved and expiring within `soon` days of `today`).
pub async fn registrations(
    conn: &mut Conn,
    ws: WorkspaceId,
    scope: &KpiScope,
    period: &Period,
    today: NaiveDate,
    soon: NaiveDate,
) -> anyhow::Result<[i64; 5]> {
    let (filter, args) = match scope {
        KpiScope::Owner(user) => (
            "AND r.submitted_by = $8".to_string(),
            vec![Arg::Int(user.get())],
        ),
        other => {
            let (f, a) = partner_filter(other, 8).unwrap_or_default();
            (f, a)
        }
    };
    // The partners are joined only to filter by them: the whole workspace counts registrations
    // alone (the join made SQLite walk every partner's registrations for each count).
    let from = if filter.is_empty() {
        "FROM registrations r WHERE r.workspace_id = $1"
    } else {
        "FROM registrations r JOIN partners p ON p.workspace_id = r.workspace_id \
         AND p.id = r.partner_id WHERE r.workspace_id = $1"
    };
    let sql = format!(
        "SELECT \
         (SELECT COUNT(*) {from} AND r.submitted_at >= $2 AND r.submitted_at < $3 {filter}), \
         (SELECT COUNT(*) {from} AND r.approved_on >= $4 AND r.approved_on <= $5 {filter}), \
         (SELECT COUNT(*) {from} AND r.status = 'denied' AND r.reviewed_at >= $2 \
           AND r.reviewed_at < $3 {filter}), \
         (SELECT COUNT(*) {from} AND r.status IN ('submitted', 'pending_review') {filter}), \
         (SELECT COUNT(*) {from} AND r.status = 'approved' AND r.expires_on >= $6 \
           AND r.expires_on <= $7 {filter})"
    );
    let mut all = vec![
        Arg::Text(codec::instant(period.from)),
        Arg::Text(codec::instant(period.until)),
        Arg::Text(codec::date(period.first)),
        Arg::Text(codec::date(period.last)),
        Arg::Text(codec::date(today)),
        Arg::Text(codec::date(soon)),
    ];
    all.extend(args);
    let row = bind_all(sqlx::query(&sql).bind(ws), all)
        .fetch_one(&mut *conn)
        .await?;
    let n = |i: usize| -> anyhow::Result<i64> { Ok(row.try_get::<i64, _>(i)?) };
    Ok([n(0)?, n(1)?, n(2)?, n(3)?, n(4)?])
}

/// Touches in the period by type: (type id, count). Scope by the partner touched (its home
/// territory) or, for a member's own deals, by who logged them.
pub async fn touches(
    conn: &mut Conn,
    ws: WorkspaceId,
    scope: &KpiScope,
    period: &Period,
) -> anyhow::Result<Vec<(String, i64)>> {
    // A territory's touches are read partner by partner (`touches_by_partner` carries the type),
    // not by scanning the quarter's touches and looking each one's partner up.
    let (filter, args) = match scope {
        KpiScope::Owner(user) => (
            "AND t.logged_by = $4".to_string(),
            vec![Arg::Int(user.get())],
        ),
        KpiScope::Workspace => (String::new(), Vec::new()),
        KpiScope::Partner(id) => (
            "AND t.partner_id = $4".to_string(),
            vec![Arg::Int(id.get())],
        ),
        other => {
            let (f, a) = partner_filter(other, 4).unwrap_or_default();
            (
                format!(
                    "AND t.partner_id IN (SELECT p.id FROM partners p WHERE p.workspace_id = $1 {f})"
                ),
                a,
            )
        }
    };
    let sql = format!(
        "SELECT t.touch_type, COUNT(*) FROM touches t WHERE t.workspace_id = $1 \
         AND t.occurred_on >= $2 AND t.occurred_on <= $3 {filter} GROUP BY t.touch_type"
    );
    let rows = bind_all(sqlx::query(&sql).bind(ws), period_args(period, args))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
        .collect()
}

/// Certified people (sales + solutions architects + professional services) and partners in the
/// scope; `None` for a member's own deals.
pub async fn practice(
    conn: &mut Conn,
    ws: WorkspaceId,
    scope: &KpiScope,
) -> anyhow::Result<Option<(i64, i64)>> {
    let Some((filter, args)) = partner_filter(scope, 2) else {
        return Ok(None);
    };
    let sql = format!(
        "SELECT COALESCE(CAST(SUM(p.certs_sales + p.certs_sa + p.certs_pse) AS BIGINT), 0), COUNT(*) \
         FROM partners p WHERE p.workspace_id = $1 {filter}"
    );
    let row = bind_all(sqlx::query(&sql).bind(ws), args)
        .fetch_one(&mut *conn)
        .await?;
    Ok(Some((row.try_get(0)?, row.try_get(1)?)))
}

/// Won revenue in the period by partner: (partner name, sourced revenue, co-sell or influenced
/// revenue). A deal is Sourced for the partner holding its approved registration; otherwise
/// Co-Sell for its reseller, distributor, and Influence for its influence partners (a
/// deal resold by one partner and influenced by another counts for both).
pub async fn partners_ranked(
    conn: &mut Conn,
    ws: WorkspaceId,
    period: &Period,
) -> anyhow::Result<Vec<(String, i64, i64)>> {
    let sourced = format!(
        "EXISTS (SELECT 1 FROM registrations r WHERE r.workspace_id = d.workspace_id \
         AND r.deal_id = d.id AND r.reg_type <> 'services_attach' AND {SOURCING_STATUS})"
    );
    let sql = format!(
        "WITH won AS (SELECT d.id, d.workspace_id, d.amount_minor, d.transacting_partner_id, \
           d.distributor_partner_id, CASE WHEN {sourced} THEN 1 ELSE 0 END AS sourced \
           FROM deals d WHERE d.workspace_id = $1 AND d.stage = 'closed_won' \
           AND d.close_date >= $2 AND d.close_date <= $3), \
         credit AS ( \
           SELECT r.partner_id, w.amount_minor AS sourced_minor, 0 AS helped_minor FROM won w \
             JOIN registrations r ON r.workspace_id = w.workspace_id AND r.deal_id = w.id \
             AND r.reg_type <> 'services_attach' AND {SOURCING_STATUS} \
           UNION ALL SELECT w.transacting_partner_id, 0, w.amount_minor FROM won w \
             WHERE w.sourced = 0 AND w.transacting_partner_id IS NOT NULL \
           UNION ALL SELECT w.distributor_partner_id, 0, w.amount_minor FROM won w \
             WHERE w.sourced = 0 AND w.distributor_partner_id IS NOT NULL \
             AND w.distributor_partner_id <> COALESCE(w.transacting_partner_id, 0) \
           UNION ALL SELECT i.partner_id, 0, w.amount_minor FROM won w \
             JOIN deal_influences i ON i.workspace_id = w.workspace_id AND i.deal_id = w.id \
             WHERE w.sourced = 0) \
         SELECT p.name, CAST(SUM(c.sourced_minor) AS BIGINT), CAST(SUM(c.helped_minor) AS BIGINT) \
         FROM credit c JOIN partners p ON p.workspace_id = $1 AND p.id = c.partner_id \
         GROUP BY p.id, p.name"
    );
    let rows = sqlx::query(&sql)
        .bind(ws)
        .bind(codec::date(period.first))
        .bind(codec::date(period.last))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
        .collect()
}

/// Won revenue in the period by territory: (territory name, revenue, deals), biggest first;
/// deals without a territory are left out.
pub async fn territories_ranked(
    conn: &mut Conn,
    ws: WorkspaceId,
    period: &Period,
) -> anyhow::Result<Vec<(String, i64, i64)>> {
    let rows = sqlx::query(
        "SELECT t.name, CAST(SUM(d.amount_minor) AS BIGINT) AS won, COUNT(*) AS n FROM deals d \
         JOIN territories t ON t.workspace_id = d.workspace_id AND t.id = d.territory_id \
         WHERE d.workspace_id = $1 AND d.stage = 'closed_won' AND d.close_date >= $2 \
         AND d.close_date <= $3 GROUP BY t.id, t.name ORDER BY won DESC, t.name",
    )
    .bind(ws)
    .bind(codec::date(period.first))
    .bind(codec::date(period.last))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
        .collect()
}
