//! `/partner list`: partners by name, filtered, one page at a time, fast on thousands of partners
//! and hundreds of thousands of deals. The page is chosen on `partners` alone (ordered by
//! `name_key`, the unique index); open deals and the last touch are then counted for the rows of
//! that page only, through the deal indexes by partner role (`deals_by_sourcing`,
//! `deals_by_transacting`, `deals_by_distributor`, `deal_influences_by_partner`) and
//! `touches_by_partner`.

use super::stored;
use crate::domain::ids::{PartnerId, TerritoryId, WorkspaceId};
use crate::domain::partner::{PartnerType, Track};
use crate::domain::Choice;
use crate::store::args::{bind_all, Arg};
use crate::store::{codec, Conn};
use chrono::NaiveDate;
use sqlx::Row;
use std::collections::HashMap;

/// Which partners a list shows; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartnerFilter {
    pub territory_id: Option<TerritoryId>,
    pub partner_type: Option<PartnerType>,
    pub track: Option<Track>,
    /// Part of the name, as a [`crate::domain::names::name_key`] (lowercase letters, digits and
    /// single spaces, so no `LIKE` wildcards).
    pub search_key: Option<String>,
}

/// One line of a partner list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerLine {
    pub id: PartnerId,
    pub name: String,
    pub partner_type: PartnerType,
    pub track: Track,
    pub professional_services: bool,
    pub territory: Option<String>,
    /// Open deals where the partner sources, transacts, distributes or influences.
    pub open_deals: i64,
    pub last_touch: Option<NaiveDate>,
}

/// The WHERE clause of `filter` over `partners p`, with `$1` the workspace, and its arguments.
fn where_clause(workspace_id: WorkspaceId, filter: &PartnerFilter) -> (String, Vec<Arg>) {
    let mut sql = String::from("p.workspace_id = $1");
    let mut args = vec![Arg::Int(workspace_id.get())];
    let mut and = |condition: &str, arg: Arg| {
        args.push(arg);
        sql.push_str(&format!(" AND {condition}${}", args.len()));
    };
    if let Some(territory) = filter.territory_id {
        and("p.territory_id = ", Arg::Int(territory.get()));
    }
    if let Some(kind) = filter.partner_type {
        and("p.partner_type = ", Arg::Text(kind.as_str().to_string()));
    }
    if let Some(track) = filter.track {
        and("p.track = ", Arg::Text(track.as_str().to_string()));
    }
    if let Some(key) = &filter.search_key {
        and("p.name_key LIKE ", Arg::Text(format!("%{key}%")));
    }
    (sql, args)
}

/// How many partners match `filter`.
pub async fn count(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    filter: &PartnerFilter,
) -> anyhow::Result<i64> {
    let (clause, args) = where_clause(workspace_id, filter);
    let sql = format!("SELECT COUNT(*) FROM partners p WHERE {clause}");
    crate::store::args::count(conn, &sql, args).await
}

/// One page of partners matching `filter`, by name, with their open deals and last touch.
pub async fn page(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    filter: &PartnerFilter,
    limit: i64,
    offset: i64,
) -> anyhow::Result<Vec<PartnerLine>> {
    let (clause, mut args) = where_clause(workspace_id, filter);
    let n = args.len();
    args.push(Arg::Int(limit));
    args.push(Arg::Int(offset));
    let sql = format!(
        "SELECT p.id, p.name, p.partner_type, p.track, p.professional_services, \
           t.name AS territory \
         FROM partners p \
         LEFT JOIN territories t ON t.workspace_id = p.workspace_id AND t.id = p.territory_id \
         WHERE {clause} ORDER BY p.name_key, p.id LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let rows = bind_all(sqlx::query(&sql), args)
        .fetch_all(&mut *conn)
        .await?;
    let mut lines = rows
        .iter()
        .map(|r| {
            Ok(PartnerLine {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                partner_type: stored(&r.try_get::<String, _>("partner_type")?)?,
                track: stored(&r.try_get::<String, _>("track")?)?,
                professional_services: r.try_get::<i64, _>("professional_services")? != 0,
                territory: r.try_get("territory")?,
                open_deals: 0,
                last_touch: None,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if lines.is_empty() {
        return Ok(lines);
    }
    let ids: Vec<PartnerId> = lines.iter().map(|l| l.id).collect();
    let deals = open_deal_counts(conn, workspace_id, &ids).await?;
    let touches = last_touches(conn, workspace_id, &ids).await?;
    for line in &mut lines {
        line.open_deals = deals.get(&line.id).copied().unwrap_or(0);
        line.last_touch = touches.get(&line.id).copied();
    }
    Ok(lines)
}

/// Open deals per partner of `ids`, in any partner role, each deal counted once per partner.
async fn open_deal_counts(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    ids: &[PartnerId],
) -> anyhow::Result<HashMap<PartnerId, i64>> {
    let list = crate::store::args::placeholders(2, ids.len());
    let open = "d.stage NOT IN ('closed_won', 'closed_lost')";
    let sql = format!(
        "SELECT x.partner_id, COUNT(DISTINCT x.deal_id) AS n FROM ( \
           SELECT d.sourcing_partner_id AS partner_id, d.id AS deal_id FROM deals d \
             WHERE d.workspace_id = $1 AND d.sourcing_partner_id IN ({list}) AND {open} \
           UNION ALL SELECT d.transacting_partner_id, d.id FROM deals d \
             WHERE d.workspace_id = $1 AND d.transacting_partner_id IN ({list}) AND {open} \
           UNION ALL SELECT d.distributor_partner_id, d.id FROM deals d \
             WHERE d.workspace_id = $1 AND d.distributor_partner_id IN ({list}) AND {open} \
           UNION ALL SELECT di.partner_id, d.id FROM deal_influences di \
             JOIN deals d ON d.workspace_id = di.workspace_id AND d.id = di.deal_id \
             WHERE di.workspace_id = $1 AND di.partner_id IN ({list}) AND {open} \
         ) x GROUP BY x.partner_id"
    );
    let mut query = sqlx::query(&sql).bind(workspace_id);
    for id in ids {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| Ok((r.try_get("partner_id")?, r.try_get("n")?)))
        .collect()
}

/// The date of the latest touch per partner of `ids` (partners never touched are absent).
async fn last_touches(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    ids: &[PartnerId],
) -> anyhow::Result<HashMap<PartnerId, NaiveDate>> {
    // One `MAX` per partner: each is a single step down `touches_by_partner`, where a `GROUP BY`
    // over all the partners' touches would read every one of them.
    let sql = format!(
        "SELECT p.id AS partner_id, (SELECT MAX(t.occurred_on) FROM touches t \
           WHERE t.workspace_id = p.workspace_id AND t.partner_id = p.id) AS last \
         FROM partners p WHERE p.workspace_id = $1 AND p.id IN ({})",
        crate::store::args::placeholders(2, ids.len())
    );
    let mut query = sqlx::query(&sql).bind(workspace_id);
    for id in ids {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut out = HashMap::new();
    for r in &rows {
        if let Some(last) = r.try_get::<Option<String>, _>("last")? {
            out.insert(r.try_get("partner_id")?, codec::parse_date(&last)?);
        }
    }
    Ok(out)
}
