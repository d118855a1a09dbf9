//! Secondary indexes set aside during the reference dataset's bulk load and rebuilt once at the
//! end (only the reference generator loads enough rows for this to pay).

use crate::store::{Backend, Conn};

/// A secondary index set aside during a bulk load: its name and the statement that recreates it.
pub struct SetAside {
    pub name: String,
    pub create: String,
}

/// Drops the plain secondary indexes of `table` (not primary keys or unique constraints), as
/// read from the catalog, and returns how to recreate them. Building an index once over millions
/// of rows is a sort; keeping it up to date row by row is a random B-tree insert per row, several
/// times slower. Call inside the load's transaction and [`restore_indexes`] before committing,
/// so a failed load rolls the indexes back too.
pub async fn drop_indexes(
    conn: &mut Conn,
    backend: Backend,
    table: &str,
) -> anyhow::Result<Vec<SetAside>> {
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 \
             AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT indexname::text, indexdef FROM pg_indexes WHERE tablename = $1 \
             AND schemaname = current_schema() AND indexdef NOT LIKE 'CREATE UNIQUE%' ORDER BY indexname"
        }
    };
    let found: Vec<(String, String)> = sqlx::query_as(sql)
        .bind(table)
        .fetch_all(&mut *conn)
        .await?;
    let mut set_aside = Vec::new();
    for (name, create) in found {
        sqlx::query(&format!("DROP INDEX {name}"))
            .execute(&mut *conn)
            .await?;
        set_aside.push(SetAside { name, create });
    }
    Ok(set_aside)
}

/// Recreates indexes set aside by [`drop_indexes`].
pub async fn restore_indexes(conn: &mut Conn, indexes: &[SetAside]) -> anyhow::Result<()> {
    for index in indexes {
        sqlx::query(&index.create)
            .execute(&mut *conn)
            .await
            .map_err(|e| anyhow::anyhow!("recreating index {}: {e}", index.name))?;
    }
    Ok(())
}
