//! The bulk writer: multi-row `INSERT ... VALUES (...), (...)` statements sized under each
//! backend's bind limit, run in the caller's transaction.
//!
//! Placeholders are `$N` on PostgreSQL but plain `?` on SQLite: SQLite keeps numbered and named
//! parameters in a list it scans linearly, and sqlx asks each parameter's name when binding, so a
//! statement with 30,000 `$N` parameters costs a second in binding alone (quadratic); anonymous
//! `?` parameters bind in order at no cost. Bulk statements only; the bot's own SQL keeps `$N`.
//!
//! Records that others point at (territories, partners, accounts, deals) get explicit ids taken
//! above the table's current maximum, so the generators know them without a round trip;
//! [`sync_sequences`] then moves PostgreSQL's identity sequences past them.

use crate::store::{Backend, Conn};
use sqlx::any::AnyArguments;
use sqlx::Any;

pub type AnyQuery<'q> = sqlx::query::Query<'q, Any, AnyArguments<'q>>;

/// A row of one table: its columns and how it binds them, in the same order.
pub trait Record {
    const TABLE: &'static str;
    /// Comma-separated column names.
    const COLUMNS: &'static str;
    fn bind<'q>(&'q self, query: AnyQuery<'q>) -> AnyQuery<'q>;
}

/// Most bind parameters in one statement: SQLite's default limit is 32,766, PostgreSQL's 65,535.
fn max_params(backend: Backend) -> usize {
    match backend {
        Backend::Sqlite => 32_766,
        Backend::Postgres => 65_535,
    }
}

fn column_count(columns: &str) -> usize {
    columns.split(',').count()
}

/// Inserts every row with as few statements as the bind limit allows.
pub async fn insert_all<R: Record>(
    conn: &mut Conn,
    backend: Backend,
    rows: &[R],
) -> anyhow::Result<()> {
    let per_statement = (max_params(backend) / column_count(R::COLUMNS)).max(1);
    for chunk in rows.chunks(per_statement) {
        let sql = values_sql(backend, R::TABLE, R::COLUMNS, chunk.len());
        let mut query = sqlx::query(&sql);
        for row in chunk {
            query = row.bind(query);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

fn values_sql(backend: Backend, table: &str, columns: &str, rows: usize) -> String {
    let width = column_count(columns);
    let mut sql = format!("INSERT INTO {table} ({columns}) VALUES ");
    sql.reserve(rows * width * 8);
    let mut n = 0;
    for r in 0..rows {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..width {
            n += 1;
            if c > 0 {
                sql.push_str(", ");
            }
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    sql.push('$');
                    sql.push_str(&n.to_string());
                }
            }
        }
        sql.push(')');
    }
    sql
}

/// The first free id of a table (ids are global, not per workspace).
pub async fn next_id(conn: &mut Conn, table: &str) -> anyhow::Result<i64> {
    let max: Option<i64> = sqlx::query_scalar(&format!("SELECT MAX(id) FROM {table}"))
        .fetch_one(&mut *conn)
        .await?;
    Ok(max.unwrap_or(0) + 1)
}

/// Tables whose rows the generators insert with explicit ids.
pub const EXPLICIT_ID_TABLES: &[&str] = &["territories", "partners", "accounts", "deals"];

/// PostgreSQL: moves each identity sequence past the explicit ids, so the next row the bot adds
/// gets a free id. SQLite needs nothing (it takes `MAX(id) + 1`).
pub async fn sync_sequences(conn: &mut Conn, backend: Backend) -> anyhow::Result<()> {
    if backend == Backend::Postgres {
        for table in EXPLICIT_ID_TABLES {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            ))
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::rows::DealRow;

    #[test]
    fn values_sql_numbers_placeholders_on_postgres_and_not_on_sqlite() {
        assert_eq!(
            values_sql(Backend::Postgres, "t", "a, b", 2),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(
            values_sql(Backend::Sqlite, "t", "a, b", 2),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
    }

    #[test]
    fn the_widest_table_still_fits_many_rows_per_statement() {
        assert_eq!(column_count(DealRow::COLUMNS), 23);
        assert!(max_params(Backend::Sqlite) / column_count(DealRow::COLUMNS) > 1000);
    }
}
