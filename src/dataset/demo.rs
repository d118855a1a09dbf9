//! The demo workspace: what `partnerbot console --demo` shows a newcomer. "Northwind Software"
//! sells through 20 partners of every type and track (a few with lapsed agreements) in four
//! territories, with 60 accounts, 200 deals in every stage, registrations in every status,
//! 400 touches over the last 120 days and six weeks of forecasts. Dates follow the clock, so the
//! pipeline always looks current; everything else is fixed by the seed.

mod partners;
mod snapshots;

use super::activity::{forecasts, TouchMaker};
use super::bulk::{insert_all, next_id, sync_sequences};
use super::days::{stamp, Days};
use super::deals::{Acct, DealMaker, Shape};
use super::pools::{Pools, Region};
use super::rng::Rng;
use super::rows::{AccountRow, TerritoryRow};
use super::staff::{staff, Headcount};
use super::Counts;
use crate::console::progress::Progress;
use crate::core::Core;
use crate::domain::calendar::FiscalCalendar;
use crate::domain::deal::{DealPath, Marketplace, Stage};
use crate::domain::forecast::{Deadline, ForecastCalendar};
use crate::domain::ids::{UserId, WorkspaceId};
use crate::domain::names::name_key;
use crate::domain::registration::RegistrationStatus;
use crate::domain::Choice;
use crate::store::audit::{self, AuditEntry};
use crate::store::{codec, Conn, Store};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};

pub const DEMO_NAME: &str = "Northwind Software (demo)";
pub const DEMO_TIMEZONE: &str = "America/New_York";
const SEED: u64 = 0x0DE3_0DA7_A5EE_D001;
const ACCOUNTS: usize = 60;
const DEALS: usize = 200;
const TOUCHES: usize = 400;

const TERRITORIES: [(&str, &str); 4] = [
    ("AMER East", "AMER"),
    ("AMER West", "AMER"),
    ("EMEA North", "EMEA"),
    ("APJ", "APJ"),
];

/// Registrations waiting for (or refused) a decision, not linked to a deal.
const LOOSE: [(RegistrationStatus, usize); 4] = [
    (RegistrationStatus::Submitted, 3),
    (RegistrationStatus::PendingReview, 3),
    (RegistrationStatus::Returned, 2),
    (RegistrationStatus::Denied, 3),
];

/// Fills the workspace with the demo unless it already has partners, and says what it did.
pub async fn fill_if_empty(core: &Core, workspace_id: WorkspaceId) -> anyhow::Result<()> {
    match fill(core.store(), workspace_id, core.clock().now()).await? {
        Some(counts) => println!(
            "Demo workspace ready: {counts}. Try `/territory list`, `/deal list` or \
             `/partner show partner:\"Globex Services\"`."
        ),
        None => println!("Workspace {workspace_id} already has partners; no demo data added."),
    }
    Ok(())
}

/// Adds the demo in one transaction unless the workspace has partners; returns the workspace's
/// counts afterwards, or `None` when it left the workspace alone. Territories and accounts that
/// already exist under a demo name are reused.
pub async fn fill(
    store: &Store,
    workspace_id: WorkspaceId,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Counts>> {
    let mut tx = store.begin_write().await?;
    let partners: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM partners WHERE workspace_id = $1")
        .bind(workspace_id)
        .fetch_one(&mut *tx)
        .await?;
    if partners > 0 {
        return Ok(None);
    }
    let timezone: chrono_tz::Tz = DEMO_TIMEZONE
        .parse()
        .map_err(|_| anyhow::anyhow!("timezone"))?;
    let today = now.with_timezone(&timezone).date_naive();
    upsert_workspace(&mut tx, workspace_id, now).await?;
    let mut rng = Rng::new(SEED);
    let pools = Pools::new();
    let mut progress = Progress::new("Demo workspace", 10);

    let territory_ids = territories(&mut tx, store, workspace_id, now).await?;
    let start = today - Duration::days(720);
    let headcount = Headcount {
        admins: 1,
        directors: 2,
        ptms: 6,
        field: 8,
    };
    let people = staff(
        &mut rng,
        &pools,
        workspace_id,
        &territory_ids,
        headcount,
        start,
        now,
    );
    insert_all(&mut tx, store.backend(), &people.members).await?;
    insert_all(&mut tx, store.backend(), &people.coverage).await?;
    progress.advance(2);

    let (partner_rows, partner_pools) =
        partners::rows(&mut tx, workspace_id, &territory_ids, today, now).await?;
    insert_all(&mut tx, store.backend(), &partner_rows).await?;
    let accounts = accounts(
        &mut tx,
        &mut rng,
        &pools,
        workspace_id,
        &territory_ids,
        &people.team,
        now,
    )
    .await?;
    insert_all(&mut tx, store.backend(), &accounts.0).await?;
    progress.advance(2);

    let calendar = FiscalCalendar::new(2)?;
    let quarter = calendar.quarter_of(today);
    let (first, last) = (
        quarter.prev().first_day(&calendar),
        quarter.next().next().last_day(&calendar),
    );
    let maker = DealMaker {
        workspace_id,
        today,
        now,
        pools: &pools,
        partners: &partner_pools,
        team: &people.team,
        sourced_permille: 300,
        validity_days: 90,
    };
    let mut deal_id = next_id(&mut tx, "deals").await?;
    let (mut deals, mut registrations, mut influences) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..DEALS {
        let (stage, close) = match Stage::ALL.get(i) {
            Some(stage) if stage.is_open() => (*stage, day_in(&mut rng, today, last)),
            Some(stage) => (*stage, day_in(&mut rng, first, today - Duration::days(1))),
            None => {
                let close = day_in(&mut rng, first, last);
                (maker.stage_for(&mut rng, close), close)
            }
        };
        let path = (9..12).contains(&i).then(|| DealPath::ALL[i - 9]);
        let marketplace = match i {
            12..=15 => Some(Marketplace::ALL[i - 12]),
            16..=21 => Some(if i % 2 == 0 {
                Marketplace::Aws
            } else {
                Marketplace::Gcp
            }),
            _ => None,
        };
        let account = &accounts.1[rng.skewed(accounts.1.len())];
        let mut made = maker.make(
            &mut rng,
            deal_id,
            account,
            close,
            Shape {
                stage,
                path,
                marketplace,
            },
        );
        if i == 16 || i == 17 {
            // Compliance gaps to find: marketplace deals never registered in the co-sell portal.
            made.deal.portal_id = None;
            made.deal.portal_stage = None;
            made.deal.portal_status = None;
        }
        deals.push(made.deal);
        registrations.extend(made.registrations);
        influences.extend(made.influences);
        deal_id += 1;
    }
    for (status, count) in LOOSE {
        for _ in 0..count {
            let account = &accounts.1[rng.index(accounts.1.len())];
            registrations.extend(maker.loose_registration(&mut rng, account, status));
        }
    }
    insert_all(&mut tx, store.backend(), &deals).await?;
    insert_all(&mut tx, store.backend(), &registrations).await?;
    insert_all(&mut tx, store.backend(), &influences).await?;
    progress.advance(3);

    let days = Days::new(today - Duration::days(119), today, now);
    let partner_ids: Vec<i64> = partner_rows.iter().map(|p| p.id).collect();
    let account_ids: Vec<i64> = accounts.1.iter().map(|a| a.id).collect();
    let deal_refs: Vec<(i64, i64)> = deals.iter().map(|d| (d.id, d.account_id)).collect();
    let touch_maker = TouchMaker {
        workspace_id,
        partners: &partner_ids,
        accounts: &account_ids,
        deals: &deal_refs,
        ptms: &people.team.ptms,
        field: &people.team.field,
        days: &days,
        notes: &pools.touch_notes,
    };
    let touches: Vec<_> = (0..TOUCHES).map(|_| touch_maker.make(&mut rng)).collect();
    insert_all(&mut tx, store.backend(), &touches).await?;
    let forecast_calendar = ForecastCalendar::new(calendar, timezone, Deadline::default());
    let forecast_rows = forecasts(
        &mut rng,
        workspace_id,
        &people.team.ptm_home,
        &forecast_calendar,
        now,
        6,
        1,
    );
    insert_all(&mut tx, store.backend(), &forecast_rows).await?;
    sync_sequences(&mut tx, store.backend()).await?;
    snapshots::add(&mut tx, &mut rng, workspace_id, &forecast_calendar, now).await?;
    progress.advance(2);

    let counts = Counts::load(&mut tx, workspace_id).await?;
    let entry = AuditEntry {
        workspace_id,
        at: now,
        actor_user_id: UserId::new(0),
        actor_name: "partnerbot demo",
        action: "demo.fill",
        entity: "workspace",
        entity_id: Some(workspace_id.get()),
        before: None,
        after: Some(serde_json::json!({ "summary": counts.to_string() })),
        interaction_id: None,
    };
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    progress.advance(1);
    progress.finish();
    Ok(Some(counts))
}

async fn upsert_workspace(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO workspaces (id, name, timezone, currency, fiscal_year_start_month, created_at, updated_at) \
         VALUES ($1, $2, $3, 'USD', 2, $4, $4) \
         ON CONFLICT (id) DO UPDATE SET name = $2, timezone = $3, currency = 'USD', \
         fiscal_year_start_month = 2, updated_at = $4",
    )
    .bind(workspace_id)
    .bind(DEMO_NAME)
    .bind(DEMO_TIMEZONE)
    .bind(codec::instant(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The four demo territories, reusing any that already exist under the same name.
async fn territories(
    conn: &mut Conn,
    store: &Store,
    workspace_id: WorkspaceId,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<i64>> {
    let existing: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
        "SELECT name_key, id FROM territories WHERE workspace_id = $1",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    let mut id = next_id(conn, "territories").await?;
    let mut ids = Vec::new();
    let mut rows = Vec::new();
    for (name, region) in TERRITORIES {
        if let Some(found) = existing.get(&name_key(name)) {
            ids.push(*found);
            continue;
        }
        rows.push(TerritoryRow {
            id,
            workspace_id,
            name: name.to_string(),
            name_key: name_key(name),
            region: region.to_string(),
            created_at: codec::instant(now),
        });
        ids.push(id);
        id += 1;
    }
    insert_all(conn, store.backend(), &rows).await?;
    Ok(ids)
}

/// Sixty customer accounts spread over the territories, each owned by a field rep there; a few
/// without a web domain (so conflict checks fall back to names).
async fn accounts(
    conn: &mut Conn,
    rng: &mut Rng,
    pools: &Pools,
    workspace_id: WorkspaceId,
    territories: &[i64],
    team: &super::staff::Team,
    now: DateTime<Utc>,
) -> anyhow::Result<(Vec<AccountRow>, Vec<Acct>)> {
    let mut used: HashSet<String> =
        sqlx::query_scalar("SELECT name_key FROM accounts WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
    let first_id = next_id(conn, "accounts").await?;
    let (mut rows, mut accts) = (Vec::new(), Vec::new());
    for i in 0..ACCOUNTS {
        let t = i % territories.len();
        let territory = territories[t];
        let (name, domain) = pools.company(rng, &mut used, Region::of(TERRITORIES[t].1));
        let owner = team.field_rep(rng, Some(territory));
        let id = first_id + i as i64;
        accts.push(Acct {
            id,
            name: name.clone(),
            territory_id: Some(territory),
            owner,
        });
        rows.push(AccountRow {
            id,
            workspace_id,
            name_key: name_key(&name),
            name,
            domain: (i % 15 != 14).then_some(domain),
            territory_id: Some(territory),
            owner_user_id: Some(owner),
            created_at: stamp(
                now.date_naive() - Duration::days(rng.range(30, 900)),
                i,
                now,
            ),
        });
    }
    Ok((rows, accts))
}

/// A day in `first..=last`.
pub fn day_in(rng: &mut Rng, first: NaiveDate, last: NaiveDate) -> NaiveDate {
    first + Duration::days(rng.range(0, (last - first).num_days().max(0)))
}
