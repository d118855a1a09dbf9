//! `/account add|show`: customer accounts, and the answer field sales ask most, "who covers
//! acme.com?": the territory team, the partners working the account, their registrations and
//! the open deals.

use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::deal::{short_date, stage_text};
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::reply::{Card, Reply, Table, Tone};
use crate::domain::dates::format_date;
use crate::domain::ids::{AccountId, TerritoryId, UserId};
use crate::domain::names::{self, Name};
use crate::domain::registration::RegistrationStatus;
use crate::domain::Choice;
use crate::store::account::{self, NewAccount};
use crate::store::deal::{self, DealFilter};
use crate::store::territory;
use chrono::Days;
use serde_json::json;

/// How far back `/account show` counts partner touches.
const TOUCH_DAYS: u64 = 180;
/// Open deals listed on the account card.
const DEALS_SHOWN: i64 = 10;

pub async fn add(ctx: &mut Ctx<'_>, args: args::AccountAdd) -> CommandResult {
    let name = Name::parse(&args.name, "account name")?;
    let domain = args
        .domain
        .as_deref()
        .map(names::parse_domain)
        .transpose()?;
    let territory = match args.territory {
        Some(text) => Some(lookup::territory(ctx, &text).await?),
        None => None,
    };
    let owner = match args.owner {
        Some(user) => Some(lookup::member(ctx, &user).await?),
        None => None,
    };
    create(
        ctx,
        &name,
        domain.clone(),
        territory.as_ref().map(|t| t.id),
        owner.as_ref().map(|m| m.user_id),
    )
    .await?;
    let mut details: Vec<String> = Vec::new();
    details.extend(domain);
    details.extend(territory.map(|t| t.name));
    details.extend(owner.map(|m| format!("owner {}", m.display_name)));
    let details = if details.is_empty() {
        String::new()
    } else {
        format!(" ({})", details.join(", "))
    };
    Ok(Reply::success(format!(
        "Account **{}** added{details}. See who covers it with `/account show account:\"{}\"`.",
        name.as_str(),
        name.as_str().replace('"', "")
    )))
}

/// Writes a new account after refusing a duplicate name or a web domain another account has.
/// Used by `/account add` and by `/deal add` on a new account.
pub(crate) async fn create(
    ctx: &mut Ctx<'_>,
    name: &Name,
    domain: Option<String>,
    territory_id: Option<TerritoryId>,
    owner_user_id: Option<UserId>,
) -> CommandResult<AccountId> {
    let ws = ctx.workspace.id;
    if let Some(existing) = account::find_by_name(ctx.conn(), ws, name.as_str()).await? {
        return Err(CommandError::invalid(format!(
            "account **{}** already exists; see `/account show account:\"{}\"`",
            existing.name,
            existing.name.replace('"', "")
        )));
    }
    if let Some(domain) = &domain {
        let taken = account::find_by_domain(ctx.conn(), ws, domain).await?;
        if let Some(other) = taken.first() {
            return Err(CommandError::invalid(format!(
                "web domain `{domain}` already belongs to account **{}**; one domain, one \
                 account. See `/account show account:{domain}`",
                other.name
            )));
        }
    }
    let new = NewAccount {
        name: name.as_str(),
        domain: domain.as_deref(),
        territory_id,
        owner_user_id,
    };
    let now = ctx.now;
    let id = match account::insert(ctx.conn(), ws, &new, now).await {
        Ok(id) => id,
        // Someone added the same name between our check and our insert.
        Err(err) if crate::store::is_unique_violation(&err) => {
            return Err(CommandError::invalid(format!(
                "account **{}** was added by someone else a moment ago; run the command again",
                name.as_str()
            )))
        }
        Err(err) => return Err(err.into()),
    };
    let after = json!({
        "name": name.as_str(),
        "domain": domain,
        "territory_id": territory_id,
        "owner_user_id": owner_user_id,
    });
    ctx.audit("account.add", "account", Some(id.get()), None, Some(after))
        .await?;
    Ok(id)
}

pub async fn show(ctx: &mut Ctx<'_>, args: args::AccountShow) -> CommandResult {
    let wanted = args.account;
    let found = lookup::existing_account(ctx, &wanted).await?;
    let (ws, today) = (ctx.workspace.id, ctx.today);
    let acct = account::get(ctx.conn(), ws, found.id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("account {} vanished", found.id))?;
    let team = match acct.territory_id {
        Some(id) => territory::coverage(ctx.conn(), ws, Some(id)).await?,
        None => Vec::new(),
    };
    let partners = account::partners_on_open_deals(ctx.conn(), ws, acct.id).await?;
    let since = today - Days::new(TOUCH_DAYS);
    let touches = account::touches_since(ctx.conn(), ws, acct.id, since).await?;
    let registrations = account::open_registrations(ctx.conn(), ws, acct.id, today).await?;
    let filter = DealFilter {
        account_id: Some(acct.id),
        open_only: true,
        ..DealFilter::default()
    };
    let summary = deal::summary(ctx.conn(), ws, &filter).await?;
    let deals = deal::page(ctx.conn(), ws, &filter, DEALS_SHOWN, 0).await?;

    let dash = || "—".to_string();
    let people = |role: &str| {
        let list: Vec<&str> = team
            .iter()
            .filter(|c| c.role == role)
            .map(|c| c.display_name.as_str())
            .collect();
        if list.is_empty() {
            dash()
        } else {
            list.join(", ")
        }
    };
    let mut card = Card::new(acct.name.clone(), Tone::Info)
        .field("Domain", acct.domain.clone().unwrap_or_else(dash))
        .field("Account owner", acct.owner.clone().unwrap_or_else(dash))
        .field("Territory", acct.territory.clone().unwrap_or_else(dash))
        .field("PTMs", people("ptm"))
        .field("Field sales", people("field_sales"))
        .wide_field("Partners on open deals", partner_roles_text(&partners))
        .wide_field(
            format!("Partner touches, last {TOUCH_DAYS} days"),
            lines(touches.iter().map(|t| {
                let s = if t.count == 1 { "" } else { "es" };
                format!(
                    "{}: {} touch{s}, last {}",
                    t.partner,
                    t.count,
                    format_date(t.last_on)
                )
            })),
        )
        .wide_field(
            "Open registrations",
            lines(registrations.iter().map(|r| {
                let status =
                    RegistrationStatus::from_id(&r.status).map_or(r.status.as_str(), |s| s.label());
                let expires = r
                    .expires_on
                    .map(|d| format!(", expires {}", format_date(d)))
                    .unwrap_or_default();
                format!("#{} {}: {status}{expires}", r.id, r.partner)
            })),
        );
    if deals.is_empty() {
        card = card.wide_field("Open deals", "none");
    } else {
        let mut table = Table::new(&["#", ">Amount", "Stage", "Close", "Partner"]);
        for d in &deals {
            table.row(vec![
                format!("#{}", d.id),
                ctx.money(d.amount_minor),
                stage_text(d.stage),
                short_date(d.close_date),
                d.partner.clone().unwrap_or_else(dash),
            ]);
        }
        let s = if summary.count == 1 { "" } else { "s" };
        card = card
            .wide_field(
                "Open deals",
                format!(
                    "{} deal{s}, {} in total",
                    summary.count,
                    ctx.money(summary.total_minor)
                ),
            )
            .table(table);
        if summary.count > deals.len() as i64 {
            card = card.footer(format!(
                "The first {} by close date; see them all with `/deal list account:{}`",
                deals.len(),
                acct.domain
                    .clone()
                    .unwrap_or_else(|| format!("\"{}\"", acct.name.replace('"', "")))
            ));
        }
    }
    Ok(Reply::card(card))
}

/// `Globex Services (sourcing, reseller)` per partner, roles in a fixed order.
fn partner_roles_text(roles: &[account::PartnerRole]) -> String {
    const ORDER: [&str; 4] = ["sourcing", "reseller", "distributor", "influence"];
    let mut partners: Vec<(&str, Vec<&str>)> = Vec::new();
    for r in roles {
        match partners.iter_mut().find(|(p, _)| *p == r.partner) {
            Some((_, list)) => list.push(&r.role),
            None => partners.push((&r.partner, vec![&r.role])),
        }
    }
    lines(partners.into_iter().map(|(partner, mut list)| {
        list.sort_by_key(|role| ORDER.iter().position(|o| o == role));
        format!("{partner} ({})", list.join(", "))
    }))
}

/// One item per line (at most 10), or `none`.
fn lines(items: impl Iterator<Item = String>) -> String {
    let all: Vec<String> = items.collect();
    if all.is_empty() {
        return "none".to_string();
    }
    let mut out: Vec<String> = all.iter().take(10).cloned().collect();
    if all.len() > 10 {
        out.push(format!("…and {} more", all.len() - 10));
    }
    out.join("\n")
}
