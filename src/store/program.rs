//! A workspace's program rules: marketplace fee tiers (`marketplace_fees`) and partner discount
//! cells (`program_discounts`). Stored rows override the defaults of [`crate::domain::program`]:
//! any fee row for a marketplace makes the rows that marketplace's whole schedule; a discount
//! row replaces one track × deal type cell.

use super::deal::stored;
use super::Conn;
use crate::domain::deal::Marketplace;
use crate::domain::ids::WorkspaceId;
use crate::domain::money::Currency;
use crate::domain::partner::Track;
use crate::domain::program::margin::DiscountRow;
use crate::domain::program::{DealType, FeeSchedule, FeeTier, OfferKind, ProgramTable, Terms};
use crate::domain::Choice;
use sqlx::Row;

/// Every stored fee tier of the workspace, by marketplace, offer kind and threshold.
pub async fn fee_rows(conn: &mut Conn, workspace_id: WorkspaceId) -> anyhow::Result<Vec<FeeTier>> {
    let rows = sqlx::query(
        "SELECT marketplace, offer_kind, min_tcv_minor, fee_bp FROM marketplace_fees \
         WHERE workspace_id = $1 ORDER BY marketplace, offer_kind, min_tcv_minor",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(FeeTier {
                marketplace: stored::<Marketplace>(&r.try_get::<String, _>("marketplace")?)?,
                offer: stored::<OfferKind>(&r.try_get::<String, _>("offer_kind")?)?,
                min_tcv_minor: r.try_get("min_tcv_minor")?,
                fee_bp: r.try_get("fee_bp")?,
            })
        })
        .collect()
}

/// The workspace's fee schedules, defaults filled in.
pub async fn fee_schedule(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    currency: Currency,
) -> anyhow::Result<FeeSchedule> {
    Ok(FeeSchedule::new(
        fee_rows(conn, workspace_id).await?,
        currency,
    ))
}

/// Writes a tier (replacing the fee of the same marketplace, offer kind and threshold).
pub async fn upsert_fee(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    tier: &FeeTier,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO marketplace_fees (workspace_id, marketplace, offer_kind, min_tcv_minor, \
         fee_bp) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (workspace_id, marketplace, offer_kind, min_tcv_minor) \
         DO UPDATE SET fee_bp = excluded.fee_bp",
    )
    .bind(workspace_id)
    .bind(tier.marketplace.as_str())
    .bind(tier.offer.as_str())
    .bind(tier.min_tcv_minor)
    .bind(tier.fee_bp)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Removes one tier; whether it existed.
pub async fn delete_fee(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    marketplace: Marketplace,
    offer: OfferKind,
    min_tcv_minor: i64,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "DELETE FROM marketplace_fees WHERE workspace_id = $1 AND marketplace = $2 \
         AND offer_kind = $3 AND min_tcv_minor = $4",
    )
    .bind(workspace_id)
    .bind(marketplace.as_str())
    .bind(offer.as_str())
    .bind(min_tcv_minor)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Every stored discount cell of the workspace.
pub async fn discount_rows(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
) -> anyhow::Result<Vec<DiscountRow>> {
    let rows = sqlx::query(
        "SELECT track, deal_type, discount_bp, rebate_bp FROM program_discounts \
         WHERE workspace_id = $1 ORDER BY track, deal_type",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(DiscountRow {
                track: stored::<Track>(&r.try_get::<String, _>("track")?)?,
                deal_type: stored::<DealType>(&r.try_get::<String, _>("deal_type")?)?,
                terms: Terms {
                    discount_bp: r.try_get("discount_bp")?,
                    rebate_bp: r.try_get("rebate_bp")?,
                },
            })
        })
        .collect()
}

/// The workspace's discount table over the example defaults.
pub async fn program_table(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
) -> anyhow::Result<ProgramTable> {
    Ok(ProgramTable::new(discount_rows(conn, workspace_id).await?))
}

/// Writes one cell (replacing it when stored).
pub async fn upsert_discount(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    row: &DiscountRow,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO program_discounts (workspace_id, track, deal_type, discount_bp, rebate_bp) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workspace_id, track, deal_type) \
         DO UPDATE SET discount_bp = excluded.discount_bp, rebate_bp = excluded.rebate_bp",
    )
    .bind(workspace_id)
    .bind(row.track.as_str())
    .bind(row.deal_type.as_str())
    .bind(row.terms.discount_bp)
    .bind(row.terms.rebate_bp)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Removes one cell (back to the example default); whether it was stored.
pub async fn delete_discount(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    track: Track,
    deal_type: DealType,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "DELETE FROM program_discounts WHERE workspace_id = $1 AND track = $2 AND deal_type = $3",
    )
    .bind(workspace_id)
    .bind(track.as_str())
    .bind(deal_type.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}
