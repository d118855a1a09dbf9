//! The compliance gaps `/compliance` lists, one query family per kind of gap, each counted and
//! paged on its own so a page never reads more than it shows.
//!
//! Deal gaps scan only marketplace deals that are open or won, through the covering partial
//! index `deals_marketplace_compliance` (migration 0004; a count reads the index only, about
//! 10-30 ms on 200,000 deals in SQLite); registration gaps use the status index;
//! partner gaps test "has an open deal" with `EXISTS` on the per-role deal indexes.

use super::args::{bind_all, Arg};
use super::{backend_of_conn, codec, Backend, Conn};
use crate::domain::compliance::{portal_rank, required_rank};
use crate::domain::deal::{PortalStage, Stage};
use crate::domain::ids::{PartnerId, TerritoryId, WorkspaceId};
use crate::domain::Choice;
use chrono::NaiveDate;
use sqlx::Row;

/// A kind of compliance gap, in the order they are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapKind {
    /// A marketplace deal (open or won) not registered in the co-sell portal.
    NoPortalId,
    /// The portal stage lags the deal's stage (see `domain::compliance`).
    PortalBehind,
    /// The portal review status is Action Required or Rejected.
    PortalAttention,
    /// A registration submitted or pending review past the review target.
    ReviewOverdue,
    /// A partner whose signed agreement has expired.
    AgreementLapsed,
    /// A partner with open deals and no signed agreement.
    NoAgreement,
}

impl GapKind {
    pub const ALL: [GapKind; 6] = [
        GapKind::NoPortalId,
        GapKind::PortalBehind,
        GapKind::PortalAttention,
        GapKind::ReviewOverdue,
        GapKind::AgreementLapsed,
        GapKind::NoAgreement,
    ];
}

/// Which gaps to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapFilter {
    pub territory_id: Option<TerritoryId>,
    pub partner_id: Option<PartnerId>,
    pub today: NaiveDate,
    /// Registrations submitted before this instant (stored instant text) are overdue.
    pub review_cutoff: String,
}

/// One gap, flattened: which fields are set depends on the kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapRow {
    pub kind: GapKind,
    /// Deal, registration or partner id.
    pub id: i64,
    /// Deal name, or the partner's name.
    pub name: String,
    pub account: Option<String>,
    pub stage: Option<String>,
    pub marketplace: Option<String>,
    pub portal_stage: Option<String>,
    pub portal_status: Option<String>,
    /// Close date (deals), submitted instant (registrations), expiry (partners).
    pub when: Option<String>,
}

const OPEN: &str = "stage NOT IN ('closed_won', 'closed_lost')";

/// `CASE column WHEN 'id' THEN rank ... ELSE 0 END`, from the domain's ranks.
fn rank_case(column: &str, ranks: impl Iterator<Item = (&'static str, i64)>) -> String {
    let mut sql = format!("CASE {column}");
    for (id, rank) in ranks {
        sql.push_str(&format!(" WHEN '{id}' THEN {rank}"));
    }
    sql.push_str(" ELSE 0 END");
    sql
}

/// SQLite plans the marketplace-deal queries on any `workspace_id` index unless told (all
/// start with it); the partial covering index reads a small part of the deals. PostgreSQL
/// chooses it on its own.
fn sqlite_index_hint(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => " INDEXED BY deals_marketplace_compliance",
        Backend::Postgres => "",
    }
}

/// The FROM/WHERE of one kind (after `SELECT ...`), and its arguments after the workspace
/// (`$1`): they are numbered from `$first`.
fn source(backend: Backend, kind: GapKind, filter: &GapFilter, first: usize) -> (String, Vec<Arg>) {
    let mut args = Vec::new();
    let next = |arg: Arg, args: &mut Vec<Arg>| {
        args.push(arg);
        format!("${}", args.len() + first - 1)
    };
    match kind {
        GapKind::NoPortalId | GapKind::PortalBehind | GapKind::PortalAttention => {
            let mut sql = format!(
                "FROM deals d{} WHERE d.workspace_id = $1 \
                 AND d.marketplace <> 'none' AND d.stage <> 'closed_lost'",
                sqlite_index_hint(backend)
            );
            sql.push_str(match kind {
                GapKind::NoPortalId => " AND d.portal_id IS NULL",
                GapKind::PortalAttention => {
                    " AND d.portal_status IN ('action_required', 'rejected')"
                }
                _ => " AND d.portal_id IS NOT NULL",
            });
            if kind == GapKind::PortalBehind {
                let portal = rank_case(
                    "d.portal_stage",
                    PortalStage::ALL
                        .iter()
                        .map(|p| (p.as_str(), portal_rank(Some(*p)))),
                );
                let required = rank_case(
                    "d.stage",
                    Stage::ALL.iter().map(|s| (s.as_str(), required_rank(*s))),
                );
                sql.push_str(&format!(" AND ({portal}) < ({required})"));
            }
            if let Some(id) = filter.territory_id {
                let p = next(Arg::Int(id.get()), &mut args);
                // `+`: filter in the covering compliance index rather than walking every deal
                // of the territory.
                sql.push_str(&format!(" AND +d.territory_id = {p}"));
            }
            if let Some(id) = filter.partner_id {
                let p = next(Arg::Int(id.get()), &mut args);
                sql.push_str(&format!(
                    " AND (d.sourcing_partner_id = {p} OR d.transacting_partner_id = {p} \
                     OR d.distributor_partner_id = {p})"
                ));
            }
            (sql, args)
        }
        GapKind::ReviewOverdue => {
            let cutoff = next(Arg::Text(filter.review_cutoff.clone()), &mut args);
            // Registrations alone (names are looked up for one page only, in `page`).
            let mut sql = format!(
                "FROM registrations r \
                 WHERE r.workspace_id = $1 AND r.status IN ('submitted', 'pending_review') \
                 AND r.submitted_at < {cutoff}"
            );
            if let Some(id) = filter.territory_id {
                let t = next(Arg::Int(id.get()), &mut args);
                sql.push_str(&format!(
                    " AND (EXISTS (SELECT 1 FROM accounts a WHERE a.workspace_id = r.workspace_id \
                     AND a.id = r.account_id AND a.territory_id = {t}) \
                     OR EXISTS (SELECT 1 FROM partners p WHERE p.workspace_id = r.workspace_id \
                     AND p.id = r.partner_id AND p.territory_id = {t}))"
                ));
            }
            if let Some(id) = filter.partner_id {
                let p = next(Arg::Int(id.get()), &mut args);
                sql.push_str(&format!(" AND r.partner_id = {p}"));
            }
            (sql, args)
        }
        GapKind::AgreementLapsed | GapKind::NoAgreement => {
            let today = next(Arg::Text(codec::date(filter.today)), &mut args);
            let mut sql = "FROM partners p WHERE p.workspace_id = $1".to_string();
            if kind == GapKind::AgreementLapsed {
                sql.push_str(&format!(
                    " AND p.agreement_signed_on IS NOT NULL AND p.agreement_signed_on <= {today} \
                     AND p.agreement_expires_on IS NOT NULL AND p.agreement_expires_on < {today}"
                ));
            } else {
                let has_open = |role: &str| {
                    format!(
                        "EXISTS (SELECT 1 FROM deals d WHERE d.workspace_id = p.workspace_id \
                         AND d.{role}_partner_id = p.id AND d.{OPEN})"
                    )
                };
                sql.push_str(&format!(
                    " AND (p.agreement_signed_on IS NULL OR p.agreement_signed_on > {today}) \
                     AND ({} OR {} OR {})",
                    has_open("sourcing"),
                    has_open("transacting"),
                    has_open("distributor")
                ));
            }
            if let Some(id) = filter.territory_id {
                let t = next(Arg::Int(id.get()), &mut args);
                sql.push_str(&format!(" AND p.territory_id = {t}"));
            }
            if let Some(id) = filter.partner_id {
                let p = next(Arg::Int(id.get()), &mut args);
                sql.push_str(&format!(" AND p.id = {p}"));
            }
            (sql, args)
        }
    }
}

/// How many gaps of each kind there are, in the order of [`GapKind::ALL`], in one statement.
pub async fn counts(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    filter: &GapFilter,
) -> anyhow::Result<Vec<(GapKind, i64)>> {
    let backend = backend_of_conn(conn);
    let mut all_args = Vec::new();
    let mut columns = Vec::new();
    for (i, kind) in GapKind::ALL.iter().enumerate() {
        let (from, args) = source(backend, *kind, filter, all_args.len() + 2);
        columns.push(format!("(SELECT COUNT(*) {from}) AS n{i}"));
        all_args.extend(args);
    }
    let sql = format!("SELECT {}", columns.join(", "));
    let row = bind_all(sqlx::query(&sql).bind(workspace_id), all_args)
        .fetch_one(&mut *conn)
        .await?;
    GapKind::ALL
        .iter()
        .enumerate()
        .map(|(i, kind)| Ok((*kind, row.try_get::<i64, _>(i)?)))
        .collect()
}

/// Gaps of `kind`, `limit` from `offset`: deals by close date, registrations oldest first,
/// partners by name.
pub async fn page(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    kind: GapKind,
    filter: &GapFilter,
    limit: i64,
    offset: i64,
) -> anyhow::Result<Vec<GapRow>> {
    let (from, args) = source(backend_of_conn(conn), kind, filter, 2);
    let n = args.len();
    let (select, order) = match kind {
        GapKind::NoPortalId | GapKind::PortalBehind | GapKind::PortalAttention => (
            "d.id, d.name, (SELECT a.name FROM accounts a WHERE a.workspace_id = d.workspace_id \
             AND a.id = d.account_id) AS account, d.stage, d.marketplace, d.portal_stage, \
             d.portal_status, d.close_date AS happened",
            "d.close_date, d.id",
        ),
        GapKind::ReviewOverdue => (
            "r.id, (SELECT p.name FROM partners p WHERE p.workspace_id = r.workspace_id \
             AND p.id = r.partner_id) AS name, (SELECT a.name FROM accounts a \
             WHERE a.workspace_id = r.workspace_id AND a.id = r.account_id) AS account, \
             NULL AS stage, r.marketplace, \
             NULL AS portal_stage, r.status AS portal_status, r.submitted_at AS happened",
            "r.submitted_at, r.id",
        ),
        GapKind::AgreementLapsed | GapKind::NoAgreement => (
            "p.id, p.name, NULL AS account, NULL AS stage, NULL AS marketplace, \
             NULL AS portal_stage, NULL AS portal_status, p.agreement_expires_on AS happened",
            "p.name_key, p.id",
        ),
    };
    let sql = format!(
        "SELECT {select} {from} ORDER BY {order} LIMIT ${} OFFSET ${}",
        n + 2,
        n + 3
    );
    let query = bind_all(sqlx::query(&sql).bind(workspace_id), args)
        .bind(limit)
        .bind(offset);
    let rows = query.fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            Ok(GapRow {
                kind,
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                account: r.try_get("account")?,
                stage: r.try_get("stage")?,
                marketplace: r.try_get("marketplace")?,
                portal_stage: r.try_get("portal_stage")?,
                portal_status: r.try_get("portal_status")?,
                when: r.try_get("happened")?,
            })
        })
        .collect()
}
