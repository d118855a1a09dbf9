//! Sustained write throughput: `/touch log` through the core, one after another, against a bare
//! sqlx loop inserting one touch row per transaction on the same pool (so the same durability:
//! WAL with `synchronous = FULL` on SQLite, the server's settings on PostgreSQL).

use super::cases::Samples;
use crate::console::render::{render, Style};
use crate::console::Session;
use crate::core::Core;
use crate::dataset::rng::Rng;
use crate::domain::ids::{UserId, WorkspaceId};
use crate::store::{codec, Store};
use std::time::{Duration, Instant};

/// Operations completed in a run and how long it took.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rate {
    pub ops: u64,
    pub elapsed: Duration,
}

impl std::ops::AddAssign for Rate {
    fn add_assign(&mut self, other: Rate) {
        self.ops += other.ops;
        self.elapsed += other.elapsed;
    }
}

impl Rate {
    pub fn per_second(&self) -> f64 {
        self.ops as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// `/touch log` through the core until `budget` has passed.
pub async fn through_core(
    core: &Core,
    session: &Session,
    samples: &Samples,
    rng: &mut Rng,
    budget: Duration,
) -> anyhow::Result<Rate> {
    let started = Instant::now();
    let mut ops = 0;
    while started.elapsed() < budget {
        let partner = rng.pick(&samples.partners);
        let line =
            format!("/touch log partner:\"{partner}\" type:call notes:\"Throughput run {ops}\"");
        let reply = session.run_line(core, &line).await;
        if reply.is_error() {
            anyhow::bail!("`{line}` failed:\n{}", render(&reply, Style::PLAIN));
        }
        ops += 1;
    }
    Ok(Rate {
        ops,
        elapsed: started.elapsed(),
    })
}

/// One `INSERT INTO touches` per write transaction until `budget` has passed.
pub async fn bare_sqlx(
    store: &Store,
    workspace_id: WorkspaceId,
    samples: &Samples,
    logged_by: UserId,
    rng: &mut Rng,
    budget: Duration,
) -> anyhow::Result<Rate> {
    let started = Instant::now();
    let mut ops = 0;
    while started.elapsed() < budget {
        let partner_id = *rng.pick(&samples.partner_ids);
        let now = chrono::Utc::now();
        let mut tx = store.begin_write().await?;
        sqlx::query(
            "INSERT INTO touches (workspace_id, partner_id, touch_type, occurred_on, notes, \
             logged_by, created_at) VALUES ($1, $2, 'call', $3, $4, $5, $6)",
        )
        .bind(workspace_id)
        .bind(partner_id)
        .bind(codec::date(now.date_naive()))
        .bind(format!("Bare insert {ops}"))
        .bind(logged_by)
        .bind(codec::instant(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        ops += 1;
    }
    Ok(Rate {
        ops,
        elapsed: started.elapsed(),
    })
}
