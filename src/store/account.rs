//! Accounts: customer companies, with their web domain, territory and account owner.

use super::{codec, Conn};
use crate::domain::ids::{AccountId, RegistrationId, TerritoryId, UserId, WorkspaceId};
use crate::domain::names::{company_key, name_key, registrable_domain};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

/// An account found by name or domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRef {
    pub id: AccountId,
    pub name: String,
    pub domain: Option<String>,
    pub territory_id: Option<TerritoryId>,
}

const REF_COLUMNS: &str = "id, name, domain, territory_id";

fn ref_from_row(r: &sqlx::any::AnyRow) -> anyhow::Result<AccountRef> {
    Ok(AccountRef {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        domain: r.try_get("domain")?,
        territory_id: r.try_get("territory_id")?,
    })
}

pub async fn find_by_name(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    name: &str,
) -> anyhow::Result<Option<AccountRef>> {
    let row = sqlx::query(&format!(
        "SELECT {REF_COLUMNS} FROM accounts WHERE workspace_id = $1 AND name_key = $2"
    ))
    .bind(workspace_id)
    .bind(name_key(name))
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| ref_from_row(&r)).transpose()
}

/// Accounts whose stored domain is exactly `domain` (already normalised).
pub async fn find_by_domain(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    domain: &str,
) -> anyhow::Result<Vec<AccountRef>> {
    let rows = sqlx::query(&format!(
        "SELECT {REF_COLUMNS} FROM accounts WHERE workspace_id = $1 AND domain = $2 ORDER BY name"
    ))
    .bind(workspace_id)
    .bind(domain)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(ref_from_row).collect()
}

/// Every account name (for "did you mean" on a miss).
pub async fn all_names(conn: &mut Conn, workspace_id: WorkspaceId) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar::<_, String>(
        "SELECT name FROM accounts WHERE workspace_id = $1 ORDER BY name LIMIT 20000",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// An account with what `/account show` prints about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: AccountId,
    pub name: String,
    pub domain: Option<String>,
    pub territory_id: Option<TerritoryId>,
    pub territory: Option<String>,
    pub owner_user_id: Option<UserId>,
    pub owner: Option<String>,
}

/// An account about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount<'a> {
    pub name: &'a str,
    /// Already normalised (`domain_key`).
    pub domain: Option<&'a str>,
    pub territory_id: Option<TerritoryId>,
    pub owner_user_id: Option<UserId>,
}

pub async fn insert(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    account: &NewAccount<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<AccountId> {
    Ok(sqlx::query_scalar::<_, AccountId>(
        "INSERT INTO accounts (workspace_id, name, name_key, domain, territory_id, owner_user_id, \
         created_at, match_key, match_domain) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         RETURNING id",
    )
    .bind(workspace_id)
    .bind(account.name)
    .bind(name_key(account.name))
    .bind(account.domain)
    .bind(account.territory_id)
    .bind(account.owner_user_id)
    .bind(codec::instant(now))
    .bind(company_key(account.name))
    .bind(account.domain.and_then(registrable_domain))
    .fetch_one(&mut *conn)
    .await?)
}

/// Rows fixed per transaction by [`backfill_match_keys`].
const BACKFILL_BATCH: i64 = 1000;

/// Fills `match_key` and `match_domain` of accounts written before migration 0003 added them
/// (every workspace; runs after migrations, a no-op once filled). Batches of
/// [`BACKFILL_BATCH`] rows per transaction.
pub async fn backfill_match_keys(pool: &sqlx::AnyPool) -> anyhow::Result<u64> {
    let mut filled = 0;
    loop {
        let mut tx = pool.begin().await?;
        let rows = sqlx::query(
            "SELECT workspace_id, id, name, domain FROM accounts WHERE match_key IS NULL LIMIT $1",
        )
        .bind(BACKFILL_BATCH)
        .fetch_all(&mut *tx)
        .await?;
        if rows.is_empty() {
            return Ok(filled);
        }
        for row in &rows {
            let name: String = row.try_get("name")?;
            let domain: Option<String> = row.try_get("domain")?;
            sqlx::query(
                "UPDATE accounts SET match_key = $3, match_domain = $4 \
                 WHERE workspace_id = $1 AND id = $2",
            )
            .bind(row.try_get::<i64, _>("workspace_id")?)
            .bind(row.try_get::<i64, _>("id")?)
            .bind(company_key(&name))
            .bind(domain.as_deref().and_then(registrable_domain))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        filled += rows.len() as u64;
    }
}

pub async fn get(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    id: AccountId,
) -> anyhow::Result<Option<Account>> {
    let row = sqlx::query(
        "SELECT a.id, a.name, a.domain, a.territory_id, t.name AS territory, a.owner_user_id, \
           m.display_name AS owner FROM accounts a \
         LEFT JOIN territories t ON t.workspace_id = a.workspace_id AND t.id = a.territory_id \
         LEFT JOIN members m ON m.workspace_id = a.workspace_id AND m.user_id = a.owner_user_id \
         WHERE a.workspace_id = $1 AND a.id = $2",
    )
    .bind(workspace_id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(Account {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            domain: r.try_get("domain")?,
            territory_id: r.try_get("territory_id")?,
            territory: r.try_get("territory")?,
            owner_user_id: r.try_get("owner_user_id")?,
            owner: r.try_get("owner")?,
        })
    })
    .transpose()
}

/// A partner's role on an account's open deals: `sourcing`, `reseller`, `distributor` or
/// `influence`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRole {
    pub partner: String,
    pub role: String,
}

/// Every partner with a role on one of the account's open deals (each role once).
pub async fn partners_on_open_deals(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    account_id: AccountId,
) -> anyhow::Result<Vec<PartnerRole>> {
    let open = "d.workspace_id = $1 AND d.account_id = $2 \
                AND d.stage NOT IN ('closed_won', 'closed_lost')";
    let rows = sqlx::query(&format!(
        "SELECT DISTINCT p.name, r.role FROM ( \
           SELECT d.sourcing_partner_id AS partner_id, 'sourcing' AS role FROM deals d WHERE {open} \
           UNION ALL SELECT d.transacting_partner_id, 'reseller' FROM deals d WHERE {open} \
           UNION ALL SELECT d.distributor_partner_id, 'distributor' FROM deals d WHERE {open} \
           UNION ALL SELECT di.partner_id, 'influence' FROM deal_influences di \
             JOIN deals d ON d.workspace_id = di.workspace_id AND d.id = di.deal_id WHERE {open} \
         ) r JOIN partners p ON p.workspace_id = $1 AND p.id = r.partner_id \
         ORDER BY p.name, r.role"
    ))
    .bind(workspace_id)
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(PartnerRole {
                partner: r.try_get("name")?,
                role: r.try_get("role")?,
            })
        })
        .collect()
}

/// A partner's touches about an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerTouches {
    pub partner: String,
    pub count: i64,
    pub last_on: NaiveDate,
}

/// Partners with touches about the account on or after `since`, most recent first. (A touch
/// about a deal carries the deal's account, so deal touches count too; `touches_by_account`.)
pub async fn touches_since(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    account_id: AccountId,
    since: NaiveDate,
) -> anyhow::Result<Vec<PartnerTouches>> {
    let rows = sqlx::query(
        "SELECT p.name, COUNT(*) AS n, MAX(t.occurred_on) AS last_on FROM touches t \
         JOIN partners p ON p.workspace_id = t.workspace_id AND p.id = t.partner_id \
         WHERE t.workspace_id = $1 AND t.account_id = $2 AND t.occurred_on >= $3 \
         GROUP BY p.name ORDER BY MAX(t.occurred_on) DESC, p.name",
    )
    .bind(workspace_id)
    .bind(account_id)
    .bind(codec::date(since))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(PartnerTouches {
                partner: r.try_get("name")?,
                count: r.try_get("n")?,
                last_on: codec::parse_date(&r.try_get::<String, _>("last_on")?)?,
            })
        })
        .collect()
}

/// A registration that still protects (or may protect) a partner on an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRegistration {
    pub id: RegistrationId,
    pub partner: String,
    pub status: String,
    pub expires_on: Option<NaiveDate>,
}

/// Registrations on the account that are waiting on someone, or approved and not expired on
/// `today`.
pub async fn open_registrations(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    account_id: AccountId,
    today: NaiveDate,
) -> anyhow::Result<Vec<OpenRegistration>> {
    let rows = sqlx::query(
        "SELECT r.id, p.name, r.status, r.expires_on FROM registrations r \
         JOIN partners p ON p.workspace_id = r.workspace_id AND p.id = r.partner_id \
         WHERE r.workspace_id = $1 AND r.account_id = $2 \
           AND r.status IN ('submitted', 'pending_review', 'returned', 'approved') \
           AND (r.status <> 'approved' OR r.expires_on IS NULL OR r.expires_on >= $3) \
         ORDER BY r.id",
    )
    .bind(workspace_id)
    .bind(account_id)
    .bind(codec::date(today))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(OpenRegistration {
                id: r.try_get("id")?,
                partner: r.try_get("name")?,
                status: r.try_get("status")?,
                expires_on: codec::parse_opt_date(r.try_get("expires_on")?)?,
            })
        })
        .collect()
}
