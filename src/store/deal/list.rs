//! Filtered deal lists, fast on hundreds of thousands of deals: the WHERE clause holds only the
//! filters given (so the planner can use `deals_by_close/territory/owner/sourcing`), one query
//! counts and sums the whole filter, and a page is chosen by id (`ORDER BY close_date, id
//! LIMIT/OFFSET` on `deals` alone) before names are joined for those rows only.

use super::stored;
use crate::domain::deal::Stage;
use crate::domain::ids::{AccountId, DealId, PartnerId, TerritoryId, UserId, WorkspaceId};
use crate::domain::Choice;
use crate::store::args::{bind_all, Arg};
use crate::store::{codec, Conn};
use chrono::NaiveDate;
use sqlx::Row;

/// Which deals a list shows; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DealFilter {
    pub owner_user_id: Option<UserId>,
    pub territory_id: Option<TerritoryId>,
    pub account_id: Option<AccountId>,
    /// Any partner role: sourcing, transacting, distributor or influence.
    pub partner_id: Option<PartnerId>,
    pub stage: Option<Stage>,
    /// Leave out closed won and closed lost deals.
    pub open_only: bool,
    /// Close date on or after.
    pub close_from: Option<NaiveDate>,
    /// Close date on or before.
    pub close_to: Option<NaiveDate>,
}

/// One line of a deal list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealLine {
    pub id: DealId,
    pub name: String,
    pub account: String,
    pub amount_minor: i64,
    pub stage: Stage,
    pub close_date: NaiveDate,
    /// The sourcing partner, else the transacting partner, else the distributor.
    pub partner: Option<String>,
    pub owner: Option<String>,
}

/// How many deals match a filter and their total amount.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub count: i64,
    pub total_minor: i64,
}

/// A WHERE clause being built, with its arguments (`$1` is the workspace).
struct Where {
    sql: String,
    args: Vec<Arg>,
}

impl Where {
    fn and(&mut self, condition: &str) {
        self.sql.push_str(" AND ");
        self.sql.push_str(condition);
    }

    /// Adds a condition whose `?` marks (all the same value) become the next placeholder.
    fn and_arg(&mut self, condition: &str, arg: Arg) {
        self.args.push(arg);
        let placeholder = format!("${}", self.args.len());
        self.and(&condition.replace('?', &placeholder));
    }
}

/// The WHERE clause of `filter` over `deals d`, with `$1` the workspace, and its arguments.
fn where_clause(workspace_id: WorkspaceId, filter: &DealFilter) -> (String, Vec<Arg>) {
    let mut w = Where {
        sql: String::from("d.workspace_id = $1"),
        args: vec![Arg::Int(workspace_id.get())],
    };
    if let Some(owner) = filter.owner_user_id {
        w.and_arg("d.owner_user_id = ?", Arg::Int(owner.get()));
    }
    if let Some(territory) = filter.territory_id {
        w.and_arg("d.territory_id = ?", Arg::Int(territory.get()));
    }
    if let Some(account) = filter.account_id {
        w.and_arg("d.account_id = ?", Arg::Int(account.get()));
    }
    if let Some(partner) = filter.partner_id {
        w.and_arg(
            // One indexed lookup per partner role (an OR across columns would scan every deal).
            "d.id IN (SELECT id FROM deals WHERE workspace_id = $1 AND sourcing_partner_id = ? \
             UNION ALL SELECT id FROM deals WHERE workspace_id = $1 AND transacting_partner_id = ? \
             UNION ALL SELECT id FROM deals WHERE workspace_id = $1 AND distributor_partner_id = ? \
             UNION ALL SELECT deal_id FROM deal_influences WHERE workspace_id = $1 AND partner_id = ?)",
            Arg::Int(partner.get()),
        );
    }
    if let Some(stage) = filter.stage {
        w.and_arg("d.stage = ?", Arg::Text(stage.as_str().to_string()));
    }
    if filter.open_only {
        // The always-true date range steers SQLite to the small open-deals index
        // (`deals_open_by_close`) instead of an index that only narrows by workspace.
        w.and("d.stage NOT IN ('closed_won', 'closed_lost') AND d.close_date >= '0000-01-01'");
    }
    if let Some(from) = filter.close_from {
        w.and_arg("d.close_date >= ?", Arg::Text(codec::date(from)));
    }
    if let Some(to) = filter.close_to {
        w.and_arg("d.close_date <= ?", Arg::Text(codec::date(to)));
    }
    (w.sql, w.args)
}

/// Count and total amount of every deal matching `filter`.
pub async fn summary(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    filter: &DealFilter,
) -> anyhow::Result<Summary> {
    let (clause, args) = where_clause(workspace_id, filter);
    let sql = format!(
        "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(d.amount_minor), 0) AS BIGINT) AS total \
         FROM deals d WHERE {clause}"
    );
    let row = bind_all(sqlx::query(&sql), args)
        .fetch_one(&mut *conn)
        .await?;
    Ok(Summary {
        count: row.try_get("n")?,
        total_minor: row.try_get("total")?,
    })
}

/// One page of deals matching `filter`, by close date then id.
pub async fn page(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    filter: &DealFilter,
    limit: i64,
    offset: i64,
) -> anyhow::Result<Vec<DealLine>> {
    // Two steps: the page's ids from the filter alone (an index walk in close-date order), then
    // the names for those rows only. One joined statement let SQLite's planner walk every deal.
    let (clause, mut args) = where_clause(workspace_id, filter);
    let n = args.len();
    args.push(Arg::Int(limit));
    args.push(Arg::Int(offset));
    let ids_sql = format!(
        "SELECT d.id FROM deals d WHERE {clause} ORDER BY d.close_date, d.id LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let ids: Vec<i64> = bind_all(sqlx::query(&ids_sql), args)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<Result<_, _>>()?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT d.id, d.name, a.name AS account, d.amount_minor, d.stage, d.close_date, \
           COALESCE(ps.name, pt.name, pd.name) AS partner, m.display_name AS owner \
         FROM deals d \
         JOIN accounts a ON a.workspace_id = d.workspace_id AND a.id = d.account_id \
         LEFT JOIN partners ps ON ps.workspace_id = d.workspace_id AND ps.id = d.sourcing_partner_id \
         LEFT JOIN partners pt ON pt.workspace_id = d.workspace_id AND pt.id = d.transacting_partner_id \
         LEFT JOIN partners pd ON pd.workspace_id = d.workspace_id AND pd.id = d.distributor_partner_id \
         LEFT JOIN members m ON m.workspace_id = d.workspace_id AND m.user_id = d.owner_user_id \
         WHERE d.workspace_id = $1 AND d.id IN ({}) \
         ORDER BY d.close_date, d.id",
        crate::store::args::placeholders(2, ids.len())
    );
    let mut query = sqlx::query(&sql).bind(workspace_id);
    for id in &ids {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            Ok(DealLine {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                account: r.try_get("account")?,
                amount_minor: r.try_get("amount_minor")?,
                stage: stored(&r.try_get::<String, _>("stage")?)?,
                close_date: codec::parse_date(&r.try_get::<String, _>("close_date")?)?,
                partner: r.try_get("partner")?,
                owner: r.try_get("owner")?,
            })
        })
        .collect()
}
