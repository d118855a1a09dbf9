//! The deals phase of the reference dataset: deals with their registrations and influence, in
//! transactions of [`DEALS_PER_TX`] deals, then registrations not linked to a deal yet.

use super::{begin_statement, Cast, Scale, SEED};
use crate::console::progress::Progress;
use crate::dataset::bulk::{insert_all, next_id};
use crate::dataset::deals::{Acct, DealMaker, Shape};
use crate::dataset::pools::Pools;
use crate::dataset::rng::Rng;
use crate::domain::ids::WorkspaceId;
use crate::domain::registration::RegistrationStatus;
use crate::store::{Backend, Conn};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::Connection;

/// Deals per transaction.
const DEALS_PER_TX: usize = 10_000;

/// Deals with their registrations and influence, then registrations with no deal yet; returns
/// (deal id, account id) of every deal, for touches.
#[allow(clippy::too_many_arguments)]
pub(super) async fn deals(
    conn: &mut Conn,
    backend: Backend,
    ws: WorkspaceId,
    scale: &Scale,
    cast: &Cast,
    pools: &Pools,
    accounts: &[Acct],
    (first_day, last_close): (NaiveDate, NaiveDate),
    today: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<(i64, i64)>> {
    let loose = scale.registrations * 15 / 100;
    let sourced_permille = (scale.registrations as u64 * 800 / scale.deals.max(1) as u64).min(1000);
    let maker = DealMaker {
        workspace_id: ws,
        today,
        now,
        pools,
        partners: &cast.partners,
        team: &cast.team,
        sourced_permille,
        validity_days: 90,
    };
    let mut rng = Rng::stream(SEED, 3);
    let first_deal = next_id(conn, "deals").await?;
    let mut refs = Vec::with_capacity(scale.deals);
    let mut progress = Progress::new("Deals", (scale.deals + loose) as u64);
    let span = (last_close - first_day).num_days();
    while refs.len() < scale.deals && !accounts.is_empty() {
        let n = DEALS_PER_TX.min(scale.deals - refs.len());
        let (mut deals, mut registrations, mut influences) =
            (Vec::with_capacity(n), Vec::new(), Vec::new());
        for _ in 0..n {
            let id = first_deal + refs.len() as i64;
            let account = &accounts[rng.skewed(accounts.len())];
            let close = first_day + Duration::days(rng.range(0, span));
            let stage = maker.stage_for(&mut rng, close);
            let shape = Shape {
                stage,
                path: None,
                marketplace: None,
            };
            let made = maker.make(&mut rng, id, account, close, shape);
            refs.push((id, account.id));
            deals.push(made.deal);
            registrations.extend(made.registrations);
            influences.extend(made.influences);
        }
        let mut tx = conn.begin_with(begin_statement(backend)).await?;
        insert_all(&mut tx, backend, &deals).await?;
        insert_all(&mut tx, backend, &registrations).await?;
        insert_all(&mut tx, backend, &influences).await?;
        tx.commit().await?;
        progress.advance(n as u64);
    }
    let statuses = [
        (RegistrationStatus::Submitted, 25),
        (RegistrationStatus::PendingReview, 30),
        (RegistrationStatus::Returned, 15),
        (RegistrationStatus::Denied, 30),
    ];
    let mut registrations = Vec::with_capacity(loose);
    for _ in 0..loose {
        let status = *rng.weighted(&statuses);
        if let Some(account) = accounts.get(rng.index(accounts.len().max(1))) {
            registrations.extend(maker.loose_registration(&mut rng, account, status));
        }
    }
    let mut tx = conn.begin_with(begin_statement(backend)).await?;
    insert_all(&mut tx, backend, &registrations).await?;
    tx.commit().await?;
    progress.advance(loose as u64);
    progress.finish();
    Ok(refs)
}
