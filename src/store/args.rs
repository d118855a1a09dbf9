//! Arguments of queries assembled at run time (list filters): collected as values, then bound
//! in order to `$2, $3, ...` after the workspace.

/// A query on the `Any` driver, as `sqlx::query` makes it.
pub type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// One argument of a dynamically built query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Int(i64),
    Text(String),
}

/// `$first, $first+1, …`: `n` numbered placeholders, for an `IN (…)` list.
pub fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Binds `args` in order.
pub fn bind_all(mut query: AnyQuery<'_>, args: Vec<Arg>) -> AnyQuery<'_> {
    for arg in args {
        query = match arg {
            Arg::Int(n) => query.bind(n),
            Arg::Text(s) => query.bind(s),
        };
    }
    query
}

/// Runs `sql` (a `SELECT COUNT(*) ...`) with `args` bound in order and returns the count.
pub async fn count(conn: &mut super::Conn, sql: &str, args: Vec<Arg>) -> anyhow::Result<i64> {
    use sqlx::Row;
    let row = bind_all(sqlx::query(sql), args)
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get(0)?)
}
