//! The first phase of the reference dataset: workspace settings, territories, people and
//! partners, in one transaction.

use super::{Cast, INCOMPLETE_NAME, REGIONS, SEED, SEGMENTS};
use crate::dataset::bulk::{insert_all, next_id};
use crate::dataset::days::stamp;
use crate::dataset::deals::PartnerPools;
use crate::dataset::pools::Pools;
use crate::dataset::rng::Rng;
use crate::dataset::rows::{PartnerRow, TerritoryRow};
use crate::dataset::staff::{staff, Headcount};
use crate::domain::ids::WorkspaceId;
use crate::domain::names::name_key;
use crate::domain::partner::{PartnerType as T, Track};
use crate::domain::Choice;
use crate::store::{codec, Backend, Conn};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::HashSet;

use super::Scale;

/// Workspace settings, territories, people and partners (one transaction).
#[allow(clippy::too_many_arguments)]
pub(super) async fn setup(
    conn: &mut Conn,
    backend: Backend,
    ws: WorkspaceId,
    scale: &Scale,
    pools: &Pools,
    first_day: NaiveDate,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<Cast> {
    let taken: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM partners WHERE workspace_id = $1) \
         + (SELECT COUNT(*) FROM accounts WHERE workspace_id = $1) \
         + (SELECT COUNT(*) FROM territories WHERE workspace_id = $1)",
    )
    .bind(ws)
    .fetch_one(&mut *conn)
    .await?;
    anyhow::ensure!(
        taken == 0,
        "workspace {ws} already holds data; clear it or pick another workspace id"
    );
    sqlx::query(
        "INSERT INTO workspaces (id, name, timezone, currency, fiscal_year_start_month, created_at, updated_at) \
         VALUES ($1, $2, 'America/New_York', 'USD', 2, $3, $3) \
         ON CONFLICT (id) DO UPDATE SET name = $2, updated_at = $3",
    )
    .bind(ws)
    .bind(INCOMPLETE_NAME)
    .bind(codec::instant(now))
    .execute(&mut *conn)
    .await?;

    let mut rng = Rng::stream(SEED, 1);
    let first_territory = next_id(conn, "territories").await?;
    let territories: Vec<TerritoryRow> = (0..scale.territories)
        .map(|i| {
            let region = REGIONS[i % REGIONS.len()];
            let segment = SEGMENTS[(i / REGIONS.len()) % SEGMENTS.len()];
            let round = i / (REGIONS.len() * SEGMENTS.len());
            let name = match round {
                0 => format!("{region} {segment}"),
                n => format!("{region} {segment} {}", n + 1),
            };
            TerritoryRow {
                id: first_territory + i as i64,
                workspace_id: ws,
                name_key: name_key(&name),
                name,
                region: region.to_string(),
                created_at: stamp(first_day, i, now),
            }
        })
        .collect();
    insert_all(conn, backend, &territories).await?;
    let territory_ids: Vec<i64> = territories.iter().map(|t| t.id).collect();
    let people = staff(
        &mut rng,
        pools,
        ws,
        &territory_ids,
        Headcount::split(scale.members),
        first_day,
        now,
    );
    insert_all(conn, backend, &people.members).await?;
    insert_all(conn, backend, &people.coverage).await?;

    let first_partner = next_id(conn, "partners").await?;
    let mut used = HashSet::new();
    let mut partners = PartnerPools::default();
    let mut rows = Vec::with_capacity(scale.partners);
    for i in 0..scale.partners {
        let kind = partner_kind(&mut rng, i);
        let (name, domain) = pools.partner(&mut rng, &mut used, kind);
        let id = first_partner + i as i64;
        partners.add(id, kind, &name);
        rows.push(partner_row(
            &mut rng,
            ws,
            id,
            name,
            domain,
            kind,
            &territory_ids,
            today,
            now,
        ));
    }
    insert_all(conn, backend, &rows).await?;
    let mut partner_ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    // Touch activity favours the start of this list: shuffle so the busiest partners are of
    // every kind, not just the first ones generated.
    for i in (1..partner_ids.len()).rev() {
        partner_ids.swap(i, rng.index(i + 1));
    }
    Ok(Cast {
        team: people.team,
        partners,
        partner_ids,
    })
}

/// The three hyperscalers first, then one of every other type, then a realistic mix.
fn partner_kind(rng: &mut Rng, index: usize) -> T {
    const FIRST: [T; 10] = [
        T::Cloud,
        T::Cloud,
        T::Cloud,
        T::Reseller,
        T::Distributor,
        T::Gsi,
        T::Rsi,
        T::BoutiqueSi,
        T::Msp,
        T::Technology,
    ];
    const MIX: [(T, u32); 8] = [
        (T::Reseller, 30),
        (T::Distributor, 3),
        (T::Gsi, 5),
        (T::Rsi, 12),
        (T::BoutiqueSi, 15),
        (T::Msp, 14),
        (T::Cloud, 1),
        (T::Technology, 20),
    ];
    FIRST
        .get(index)
        .copied()
        .unwrap_or_else(|| *rng.weighted(&MIX))
}

#[allow(clippy::too_many_arguments)]
fn partner_row(
    rng: &mut Rng,
    ws: WorkspaceId,
    id: i64,
    name: String,
    domain: String,
    kind: T,
    territories: &[i64],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> PartnerRow {
    let si = matches!(kind, T::Gsi | T::Rsi | T::BoutiqueSi);
    let track = match rng.below(100) {
        0..=24 if si => Track::SelectServices,
        0..=54 => Track::Select,
        _ => Track::Open,
    };
    let (sales, sa, pse) = match kind {
        T::Gsi => (rng.range(10, 60), rng.range(5, 30), rng.range(3, 20)),
        T::Rsi => (rng.range(3, 20), rng.range(2, 10), rng.range(1, 8)),
        T::BoutiqueSi => (rng.range(1, 6), rng.range(1, 8), rng.range(1, 8)),
        T::Reseller | T::Msp | T::Distributor => {
            (rng.range(1, 15), rng.range(0, 5), rng.range(0, 2))
        }
        T::Technology => (rng.range(0, 3), rng.range(0, 3), 0),
        T::Cloud => (0, 0, 0),
    };
    let global = matches!(kind, T::Gsi | T::Cloud | T::Technology | T::Distributor);
    let territory_id = if territories.is_empty() || (global && rng.chance(80)) {
        None
    } else {
        Some(*rng.pick(territories))
    };
    let signed = rng
        .chance(85)
        .then(|| today - Duration::days(rng.range(30, 1_500)));
    let expires = signed.map(|day| day + Duration::days(365 * rng.range(1, 3)));
    let selective = track != Track::Open;
    PartnerRow {
        id,
        workspace_id: ws,
        name_key: name_key(&name),
        name,
        partner_type: kind.as_str(),
        track: track.as_str(),
        professional_services: i64::from(track == Track::SelectServices || (si && rng.chance(30))),
        territory_id,
        domain: Some(domain),
        certs: [sales, sa, pse],
        agreement_signed_on: signed.map(codec::date),
        agreement_expires_on: expires.map(codec::date),
        business_plan_on_file: i64::from(rng.chance(if selective { 85 } else { 10 })),
        created_at: stamp(
            signed.unwrap_or(today - Duration::days(400)),
            rng.index(12),
            now,
        ),
    }
}
