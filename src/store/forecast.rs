//! Weekly forecast submissions (one per member and week; a resubmission replaces it), the deal
//! snapshot taken with each, and the deals closing in a quarter that suggestions come from.

use super::args::{bind_all, placeholders, Arg};
use super::{codec, Conn};
use crate::domain::deal::{ForecastCategory, Stage};
use crate::domain::forecast::numbers::{Bucket, ForecastNumbers, QuarterDeal};
use crate::domain::ids::{DealId, TerritoryId, UserId, WorkspaceId};
use crate::domain::Choice;
use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

/// A stored submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forecast {
    pub id: i64,
    pub user_id: UserId,
    pub territory_id: Option<TerritoryId>,
    pub fiscal_quarter: String,
    pub week_start: NaiveDate,
    pub numbers: ForecastNumbers,
    pub notes: String,
    pub submitted_at: DateTime<Utc>,
}

/// A submission to store.
#[derive(Debug, Clone)]
pub struct NewForecast<'a> {
    pub workspace_id: WorkspaceId,
    pub user_id: UserId,
    pub territory_id: Option<TerritoryId>,
    pub fiscal_quarter: &'a str,
    pub week_start: NaiveDate,
    pub numbers: ForecastNumbers,
    pub notes: &'a str,
    pub submitted_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, user_id, territory_id, fiscal_quarter, week_start, commit_minor, \
    most_likely_minor, best_case_minor, notes, submitted_at";

fn from_row(row: &sqlx::any::AnyRow) -> anyhow::Result<Forecast> {
    Ok(Forecast {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        territory_id: row.try_get("territory_id")?,
        fiscal_quarter: row.try_get("fiscal_quarter")?,
        week_start: codec::parse_date(&row.try_get::<String, _>("week_start")?)?,
        numbers: ForecastNumbers {
            commit: row.try_get("commit_minor")?,
            most_likely: row.try_get("most_likely_minor")?,
            best_case: row.try_get("best_case_minor")?,
        },
        notes: row.try_get("notes")?,
        submitted_at: codec::parse_instant(&row.try_get::<String, _>("submitted_at")?)?,
    })
}

/// The member's submission for the week starting `week_start`.
pub async fn of_member(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    user_id: UserId,
    week_start: NaiveDate,
) -> anyhow::Result<Option<Forecast>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM forecasts WHERE workspace_id = $1 AND user_id = $2 AND week_start = $3"
    ))
    .bind(workspace_id)
    .bind(user_id)
    .bind(codec::date(week_start))
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| from_row(&r)).transpose()
}

/// Every submission for the weeks starting on `weeks` (e.g. this week and last).
pub async fn of_weeks(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    weeks: &[NaiveDate],
) -> anyhow::Result<Vec<Forecast>> {
    if weeks.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM forecasts WHERE workspace_id = $1 AND week_start IN ({}) \
         ORDER BY week_start, user_id",
        placeholders(2, weeks.len())
    );
    let args = weeks.iter().map(|w| Arg::Text(codec::date(*w))).collect();
    let rows = bind_all(sqlx::query(&sql).bind(workspace_id), args)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(from_row).collect()
}

/// Stores a submission, replacing the member's earlier one for the same week (same id).
/// Returns the id and the submission it replaced.
pub async fn save(
    conn: &mut Conn,
    new: &NewForecast<'_>,
) -> anyhow::Result<(i64, Option<Forecast>)> {
    let previous = of_member(conn, new.workspace_id, new.user_id, new.week_start).await?;
    let n = new.numbers;
    let id = match &previous {
        Some(old) => {
            sqlx::query(
                "UPDATE forecasts SET territory_id = $3, fiscal_quarter = $4, commit_minor = $5, \
                 most_likely_minor = $6, best_case_minor = $7, notes = $8, submitted_at = $9 \
                 WHERE workspace_id = $1 AND id = $2",
            )
            .bind(new.workspace_id)
            .bind(old.id)
            .bind(new.territory_id)
            .bind(new.fiscal_quarter)
            .bind(n.commit)
            .bind(n.most_likely)
            .bind(n.best_case)
            .bind(new.notes)
            .bind(codec::instant(new.submitted_at))
            .execute(&mut *conn)
            .await?;
            old.id
        }
        None => sqlx::query_scalar::<_, i64>(
            "INSERT INTO forecasts (workspace_id, user_id, territory_id, fiscal_quarter, week_start, \
             commit_minor, most_likely_minor, best_case_minor, notes, submitted_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(new.workspace_id)
        .bind(new.user_id)
        .bind(new.territory_id)
        .bind(new.fiscal_quarter)
        .bind(codec::date(new.week_start))
        .bind(n.commit)
        .bind(n.most_likely)
        .bind(n.best_case)
        .bind(new.notes)
        .bind(codec::instant(new.submitted_at))
        .fetch_one(&mut *conn)
        .await
        .context("inserting a forecast")?,
    };
    Ok((id, previous))
}

/// Replaces the deal snapshot of forecast `forecast_id`.
pub async fn save_snapshot(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    forecast_id: i64,
    deals: &[QuarterDeal],
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM forecast_deals WHERE workspace_id = $1 AND forecast_id = $2")
        .bind(workspace_id)
        .bind(forecast_id)
        .execute(&mut *conn)
        .await?;
    // 5 values per row; 100 rows stay far below both backends' bind limits.
    for chunk in deals.chunks(100) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| {
                let b = 3 + i * 5;
                format!(
                    "($1, $2, ${}, ${}, ${}, ${}, ${})",
                    b,
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO forecast_deals (workspace_id, forecast_id, deal_id, account, bucket, \
             amount_minor, close_date) VALUES {}",
            rows.join(", ")
        );
        let mut args = Vec::with_capacity(chunk.len() * 5);
        for deal in chunk {
            args.extend([
                Arg::Int(deal.id.get()),
                Arg::Text(deal.account.clone()),
                Arg::Text(deal.bucket.as_str().to_string()),
                Arg::Int(deal.amount_minor),
                Arg::Text(codec::date(deal.close_date)),
            ]);
        }
        bind_all(sqlx::query(&sql).bind(workspace_id).bind(forecast_id), args)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The deal snapshot of forecast `forecast_id`.
pub async fn snapshot(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    forecast_id: i64,
) -> anyhow::Result<Vec<QuarterDeal>> {
    let rows = sqlx::query(
        "SELECT deal_id, account, bucket, amount_minor, close_date FROM forecast_deals \
         WHERE workspace_id = $1 AND forecast_id = $2 ORDER BY deal_id",
    )
    .bind(workspace_id)
    .bind(forecast_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let bucket: String = row.try_get("bucket")?;
            Ok(QuarterDeal {
                id: row.try_get("deal_id")?,
                account: row.try_get("account")?,
                bucket: Bucket::from_str_opt(&bucket)
                    .with_context(|| format!("stored bucket `{bucket}` is unknown"))?,
                amount_minor: row.try_get("amount_minor")?,
                close_date: codec::parse_date(&row.try_get::<String, _>("close_date")?)?,
            })
        })
        .collect()
}

/// Whose deals a forecast covers: the deals of some territories, or (for a member covering
/// none) the deals they own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Territories(Vec<TerritoryId>),
    Owner(UserId),
}

/// The deals of `scope` closing between `first` and `last` (inclusive), with their buckets.
pub async fn quarter_deals(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    scope: &Scope,
    first: NaiveDate,
    last: NaiveDate,
) -> anyhow::Result<Vec<QuarterDeal>> {
    let mut args = vec![Arg::Text(codec::date(first)), Arg::Text(codec::date(last))];
    let filter = match scope {
        Scope::Territories(ids) if ids.is_empty() => return Ok(Vec::new()),
        Scope::Territories(ids) => {
            args.extend(ids.iter().map(|id| Arg::Int(id.get())));
            format!("d.territory_id IN ({})", placeholders(4, ids.len()))
        }
        Scope::Owner(user_id) => {
            args.push(Arg::Int(user_id.get()));
            "d.owner_user_id = $4".to_string()
        }
    };
    let sql = format!(
        "SELECT d.id, a.name AS account, d.amount_minor, d.stage, d.forecast_category, d.close_date \
         FROM deals d JOIN accounts a ON a.workspace_id = d.workspace_id AND a.id = d.account_id \
         WHERE d.workspace_id = $1 AND d.close_date >= $2 AND d.close_date <= $3 AND {filter} \
         ORDER BY d.id"
    );
    let rows = bind_all(sqlx::query(&sql).bind(workspace_id), args)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(quarter_deal).collect()
}

fn quarter_deal(row: &sqlx::any::AnyRow) -> anyhow::Result<QuarterDeal> {
    let stage: String = row.try_get("stage")?;
    let category: String = row.try_get("forecast_category")?;
    let stage = Stage::from_id(&stage).with_context(|| format!("stored stage `{stage}`"))?;
    let category = ForecastCategory::from_id(&category)
        .with_context(|| format!("stored forecast category `{category}`"))?;
    Ok(QuarterDeal {
        id: row.try_get("id")?,
        account: row.try_get("account")?,
        amount_minor: row.try_get("amount_minor")?,
        bucket: Bucket::of(stage, category),
        close_date: codec::parse_date(&row.try_get::<String, _>("close_date")?)?,
    })
}

/// The current state of some deals (those that left a quarter: lost, pushed or moved away).
pub async fn deals_now(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    ids: &[DealId],
) -> anyhow::Result<Vec<QuarterDeal>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT d.id, a.name AS account, d.amount_minor, d.stage, d.forecast_category, d.close_date \
         FROM deals d JOIN accounts a ON a.workspace_id = d.workspace_id AND a.id = d.account_id \
         WHERE d.workspace_id = $1 AND d.id IN ({}) ORDER BY d.id",
        placeholders(2, ids.len())
    );
    let args = ids.iter().map(|id| Arg::Int(id.get())).collect();
    let rows = bind_all(sqlx::query(&sql).bind(workspace_id), args)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(quarter_deal).collect()
}

/// A member expected to forecast: a PTM of at least one territory, with the territories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forecaster {
    pub user_id: UserId,
    pub display_name: String,
    /// (territory id, name), by name.
    pub territories: Vec<(i64, String)>,
}

/// The PTMs of `territories` (every territory when `None`), by display name.
pub async fn forecasters(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    territories: Option<&[TerritoryId]>,
) -> anyhow::Result<Vec<Forecaster>> {
    let mut args = Vec::new();
    let filter = match territories {
        Some([]) => return Ok(Vec::new()),
        Some(ids) => {
            args.extend(ids.iter().map(|id| Arg::Int(id.get())));
            format!("AND tm.territory_id IN ({})", placeholders(2, ids.len()))
        }
        None => String::new(),
    };
    let sql = format!(
        "SELECT m.user_id, m.display_name, t.id AS territory_id, t.name AS territory \
         FROM territory_members tm \
         JOIN members m ON m.workspace_id = tm.workspace_id AND m.user_id = tm.user_id \
         JOIN territories t ON t.workspace_id = tm.workspace_id AND t.id = tm.territory_id \
         WHERE tm.workspace_id = $1 AND tm.role = 'ptm' {filter} \
         ORDER BY m.name_key, m.user_id, t.name_key"
    );
    let rows = bind_all(sqlx::query(&sql).bind(workspace_id), args)
        .fetch_all(&mut *conn)
        .await?;
    let mut out: Vec<Forecaster> = Vec::new();
    for row in &rows {
        let user_id: UserId = row.try_get("user_id")?;
        let territory = (row.try_get("territory_id")?, row.try_get("territory")?);
        match out.last_mut() {
            Some(last) if last.user_id == user_id => last.territories.push(territory),
            _ => out.push(Forecaster {
                user_id,
                display_name: row.try_get("display_name")?,
                territories: vec![territory],
            }),
        }
    }
    Ok(out)
}

/// Territories `user_id` covers in `role` (`ptm`, `director`), by name.
pub async fn territories_of(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    user_id: UserId,
    role: &str,
) -> anyhow::Result<Vec<(TerritoryId, String)>> {
    let rows = sqlx::query(
        "SELECT t.id, t.name FROM territory_members tm \
         JOIN territories t ON t.workspace_id = tm.workspace_id AND t.id = tm.territory_id \
         WHERE tm.workspace_id = $1 AND tm.user_id = $2 AND tm.role = $3 ORDER BY t.name_key",
    )
    .bind(workspace_id)
    .bind(user_id)
    .bind(role)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("id")?, row.try_get("name")?)))
        .collect()
}
