//! Deterministic data generators: the demo workspace a newcomer sees with `console --demo`, and
//! the large reference dataset the benchmarks run on.
//!
//! # Layout
//! - [`demo`]: a small, hand-shaped workspace (every partner type, stage and registration status).
//! - `reference` (`dev-tools` only): the benchmark dataset at a `reference::Scale`, bulk loaded,
//!   with the index set-aside only its load needs.
//! - [`deals`], [`activity`]: realistic deals (with partner roles, registrations, influence),
//!   touches and forecasts, shared by both.
//! - [`staff`]: members by role and who covers which territory.
//! - [`pools`]: names of people, companies and partners, notes people write.
//! - [`rows`], [`bulk`]: one struct per table and the multi-row insert writer.
//! - [`rng`], [`days`]: the seeded generator and pre-formatted dates.
//!
//! Both generators write through SQL on the store's connection (no command handlers), in the
//! same text formats as [`crate::store::codec`], so the bot reads their rows like its own. The
//! same seed and the same "now" give the same rows on SQLite and PostgreSQL.
//!
//! # The `dev-tools` feature
//! The reference generator exists for `partnerbot bench` and its tests, so it is compiled only
//! with the `dev-tools` cargo feature (on by default; the shipped build,
//! `cargo build --release --no-default-features`, leaves it out). The demo is part of the
//! product (`console --demo`) and is built either way, together with everything here it shares
//! with the reference generator; what only the reference generator needs lives under it.

pub mod activity;
pub mod bulk;
pub mod days;
pub mod deals;
pub mod demo;
pub mod pools;
#[cfg(feature = "dev-tools")]
pub mod reference;
pub mod rng;
pub mod rows;
pub mod staff;

use crate::domain::ids::WorkspaceId;
use crate::store::Conn;
use std::fmt;

/// How many records of each kind a workspace holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub territories: u64,
    pub members: u64,
    pub partners: u64,
    pub accounts: u64,
    pub deals: u64,
    pub registrations: u64,
    pub influences: u64,
    pub touches: u64,
    pub forecasts: u64,
}

impl Counts {
    /// Counts the rows of a workspace in the database.
    pub async fn load(conn: &mut Conn, workspace_id: WorkspaceId) -> anyhow::Result<Counts> {
        let mut values = [0u64; TABLES.len()];
        for (value, table) in values.iter_mut().zip(TABLES) {
            let n: i64 = sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM {table} WHERE workspace_id = $1"
            ))
            .bind(workspace_id)
            .fetch_one(&mut *conn)
            .await?;
            *value = u64::try_from(n).unwrap_or(0);
        }
        Ok(Counts {
            territories: values[0],
            members: values[1],
            partners: values[2],
            accounts: values[3],
            deals: values[4],
            registrations: values[5],
            influences: values[6],
            touches: values[7],
            forecasts: values[8],
        })
    }
}

/// The tables behind [`Counts`], in field order.
const TABLES: [&str; 9] = [
    "territories",
    "members",
    "partners",
    "accounts",
    "deals",
    "registrations",
    "deal_influences",
    "touches",
    "forecasts",
];

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = [
            (self.territories, "territories"),
            (self.members, "members"),
            (self.partners, "partners"),
            (self.accounts, "accounts"),
            (self.deals, "deals"),
            (self.registrations, "registrations"),
            (self.influences, "influence records"),
            (self.touches, "touches"),
            (self.forecasts, "forecasts"),
        ];
        let text: Vec<String> = parts
            .iter()
            .map(|(n, what)| format!("{} {what}", thousands(*n)))
            .collect();
        f.write_str(&text.join(", "))
    }
}

/// `2000000` -> `2,000,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_like_a_sentence() {
        let counts = Counts {
            territories: 4,
            touches: 2_000_000,
            ..Counts::default()
        };
        let text = counts.to_string();
        assert!(text.starts_with("4 territories, 0 members"), "{text}");
        assert!(text.contains("2,000,000 touches"), "{text}");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
    }
}
