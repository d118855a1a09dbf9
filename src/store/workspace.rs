//! Workspaces (one per Discord guild) and their settings: timezone, currency, fiscal year,
//! channels, the Discord role mapping and program defaults.

use super::{codec, Conn};
use crate::domain::calendar::FiscalCalendar;
use crate::domain::forecast::Deadline;
use crate::domain::ids::{ChannelId, RoleId, UserId, WorkspaceId};
use crate::domain::money::Currency;
use crate::domain::role::Role;
use crate::domain::Choice;
use anyhow::Context;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sqlx::Row;

use crate::domain::workspace::Workspace;

/// Settings changed by `/setup`; `None` leaves a value as it is.
#[derive(Debug, Clone, Default)]
pub struct SettingsChange {
    pub name: Option<String>,
    pub timezone: Option<Tz>,
    pub currency: Option<Currency>,
    pub fiscal_year_start_month: Option<u32>,
    pub review_channel_id: Option<ChannelId>,
    pub digest_channel_id: Option<ChannelId>,
    pub reminder_channel_id: Option<ChannelId>,
    pub announce_channel_id: Option<ChannelId>,
    pub open_read: Option<bool>,
    pub forecast_deadline: Option<Deadline>,
}

const COLUMNS: &str = "id, name, timezone, currency, fiscal_year_start_month, review_channel_id, \
    digest_channel_id, reminder_channel_id, announce_channel_id, open_read, \
    registration_validity_days, registration_extension_days, forecast_deadline_weekday, \
    forecast_deadline_time";

pub async fn get(conn: &mut Conn, id: WorkspaceId) -> anyhow::Result<Option<Workspace>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM workspaces WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|row| from_row(&row)).transpose()
}

fn from_row(row: &sqlx::any::AnyRow) -> anyhow::Result<Workspace> {
    let timezone: String = row.try_get("timezone")?;
    let currency: String = row.try_get("currency")?;
    let start: i64 = row.try_get("fiscal_year_start_month")?;
    Ok(Workspace {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        timezone: timezone
            .parse()
            .map_err(|_| anyhow::anyhow!("stored timezone `{timezone}` is unknown"))?,
        currency: Currency::parse(&currency).context("stored currency")?,
        calendar: FiscalCalendar::new(start as u32).context("stored fiscal year start")?,
        review_channel_id: row.try_get("review_channel_id")?,
        digest_channel_id: row.try_get("digest_channel_id")?,
        reminder_channel_id: row.try_get("reminder_channel_id")?,
        announce_channel_id: row.try_get("announce_channel_id")?,
        open_read: row.try_get::<i64, _>("open_read")? != 0,
        registration_validity_days: row.try_get("registration_validity_days")?,
        registration_extension_days: row.try_get("registration_extension_days")?,
        forecast_deadline: Deadline::new(
            u32::try_from(row.try_get::<i64, _>("forecast_deadline_weekday")?)?,
            &row.try_get::<String, _>("forecast_deadline_time")?,
        )
        .map_err(|err| anyhow::anyhow!("stored forecast deadline: {err}"))?,
    })
}

/// What every command needs before it runs: the workspace, its role mapping and the acting
/// member (if seen before).
#[derive(Debug, Clone, PartialEq)]
pub struct ActorContext {
    pub workspace: Workspace,
    pub mapping: Vec<(RoleId, Role)>,
    pub member: Option<super::member::Member>,
}

/// Loads [`ActorContext`] in one statement (the hottest read: it precedes every command);
/// `None` when the workspace does not exist yet.
pub async fn actor_context(
    conn: &mut Conn,
    id: WorkspaceId,
    user_id: UserId,
) -> anyhow::Result<Option<ActorContext>> {
    // The role mapping travels as `role_id:role,role_id:role`; the aggregate's name differs.
    let aggregate = match super::backend_of_conn(conn) {
        super::Backend::Postgres => {
            "string_agg(CAST(r.discord_role_id AS TEXT) || ':' || r.role, ',')"
        }
        super::Backend::Sqlite => "group_concat(r.discord_role_id || ':' || r.role, ',')",
    };
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("w.{c}")).collect();
    let sql = format!(
        "SELECT {}, m.user_id AS member_user_id, m.display_name AS member_name, \
         m.roles AS member_roles, \
         (SELECT {aggregate} FROM role_mappings r WHERE r.workspace_id = w.id) AS mapping \
         FROM workspaces w LEFT JOIN members m ON m.workspace_id = w.id AND m.user_id = $2 \
         WHERE w.id = $1",
        columns.join(", ")
    );
    let Some(row) = sqlx::query(&sql)
        .bind(id)
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let member = match row.try_get::<Option<UserId>, _>("member_user_id")? {
        Some(user_id) => Some(super::member::Member {
            user_id,
            display_name: row.try_get("member_name")?,
            roles: row.try_get("member_roles")?,
        }),
        None => None,
    };
    let mapping = parse_mapping(row.try_get::<Option<String>, _>("mapping")?.as_deref())?;
    Ok(Some(ActorContext {
        workspace: from_row(&row)?,
        mapping,
        member,
    }))
}

/// `123:ptm,456:director` as (role id, role) pairs, in a stable order.
fn parse_mapping(text: Option<&str>) -> anyhow::Result<Vec<(RoleId, Role)>> {
    let mut mapping = text
        .unwrap_or("")
        .split(',')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (id, role) = pair
                .split_once(':')
                .ok_or_else(|| anyhow::anyhow!("stored role mapping `{pair}` is malformed"))?;
            Ok((RoleId::new(id.parse::<i64>()?), Role::parse(role)?))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    mapping.sort_by(|a, b| (a.1.as_str(), a.0).cmp(&(b.1.as_str(), b.0)));
    Ok(mapping)
}

/// Creates the workspace with default settings unless it exists; returns it either way.
pub async fn ensure(
    conn: &mut Conn,
    id: WorkspaceId,
    name: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Workspace> {
    let at = codec::instant(now);
    sqlx::query(
        "INSERT INTO workspaces (id, name, created_at, updated_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(id)
    .bind(name)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    get(conn, id)
        .await?
        .context("workspace missing right after creation")
}

pub async fn update(
    conn: &mut Conn,
    id: WorkspaceId,
    change: &SettingsChange,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let current = get(conn, id).await?.context("workspace to update")?;
    let deadline = change
        .forecast_deadline
        .unwrap_or(current.forecast_deadline);
    sqlx::query(
        "UPDATE workspaces SET name = $2, timezone = $3, currency = $4, fiscal_year_start_month = $5, \
         review_channel_id = $6, digest_channel_id = $7, reminder_channel_id = $8, \
         announce_channel_id = $9, open_read = $10, updated_at = $11, \
         forecast_deadline_weekday = $12, forecast_deadline_time = $13 WHERE id = $1",
    )
    .bind(id)
    .bind(change.name.clone().unwrap_or(current.name))
    .bind(change.timezone.unwrap_or(current.timezone).name())
    .bind(change.currency.as_ref().unwrap_or(&current.currency).code())
    .bind(i64::from(
        change
            .fiscal_year_start_month
            .unwrap_or(current.calendar.start_month()),
    ))
    .bind(change.review_channel_id.or(current.review_channel_id))
    .bind(change.digest_channel_id.or(current.digest_channel_id))
    .bind(change.reminder_channel_id.or(current.reminder_channel_id))
    .bind(change.announce_channel_id.or(current.announce_channel_id))
    .bind(i64::from(change.open_read.unwrap_or(current.open_read)))
    .bind(codec::instant(now))
    .bind(i64::from(deadline.iso_weekday()))
    .bind(deadline.time_hhmm())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The Discord role id -> role mapping of a workspace.
pub async fn role_mappings(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
) -> anyhow::Result<Vec<(RoleId, Role)>> {
    let rows = sqlx::query(
        "SELECT discord_role_id, role FROM role_mappings WHERE workspace_id = $1 \
         ORDER BY role, discord_role_id",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("role")?;
            Ok((row.try_get("discord_role_id")?, Role::parse(&role)?))
        })
        .collect()
}

/// Maps a Discord role to a partnerbot role; returns false when the mapping already existed.
pub async fn map_role(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    discord_role_id: RoleId,
    role: Role,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO role_mappings (workspace_id, discord_role_id, role) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(workspace_id)
    .bind(discord_role_id)
    .bind(role.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Removes a mapping; returns false when there was none.
pub async fn unmap_role(
    conn: &mut Conn,
    workspace_id: WorkspaceId,
    discord_role_id: RoleId,
    role: Role,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "DELETE FROM role_mappings WHERE workspace_id = $1 AND discord_role_id = $2 AND role = $3",
    )
    .bind(workspace_id)
    .bind(discord_role_id)
    .bind(role.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}
