//! `/registration show|list|expiring`: one registration's card, the filtered list (newest
//! first, 20 a page, Prev/Next carrying the filters), and approved ones expiring soon.

use super::card::{self, View};
use super::load;
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::deal::short_date;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::reply::{Card, Reply, Table, Tone};
use crate::domain::dates::format_relative;
use crate::domain::registration::{RegistrationStatus, RegistrationType};
use crate::domain::Choice;
use crate::store::registration::list::{self, RegistrationFilter, RegistrationLine};
use chrono::Days;

/// Registrations on one page.
const PAGE_SIZE: i64 = 20;

/// Most registrations `/registration expiring` lists.
const EXPIRING_SHOWN: i64 = 50;

pub async fn show(ctx: &mut Ctx<'_>, args: args::RegistrationShow) -> CommandResult {
    let id = args.id;
    let reg = load(ctx, id).await?;
    let view = View::load(ctx, reg).await?;
    Ok(Reply::card(card::card(ctx, &view)))
}

pub async fn list(ctx: &mut Ctx<'_>, args: args::RegistrationList) -> CommandResult {
    let (ws, today) = (ctx.workspace.id, ctx.today);
    let mut filter = RegistrationFilter::default();
    let mut said: Vec<String> = Vec::new();
    let mut carried: Vec<(&str, String)> = Vec::new();
    let status: Option<RegistrationStatus> = args.status;
    if let Some(status) = status {
        filter.status = Some(status);
        said.push(status.label().to_lowercase());
        carried.push(("status", status.as_str().to_string()));
    }
    if let Some(text) = args.partner {
        let found = lookup::partner(ctx, &text).await?;
        filter.partner_id = Some(found.id);
        said.push(format!("by {}", found.name));
        carried.push(("partner", format!("#{}", found.id)));
    }
    if let Some(text) = args.territory {
        let found = lookup::territory(ctx, &text).await?;
        filter.territory_id = Some(found.id);
        said.push(format!("in {}", found.name));
        carried.push(("territory", found.name));
    }
    let what = if said.is_empty() {
        "Registrations".to_string()
    } else {
        format!("Registrations {}", said.join(", "))
    };
    let count = list::count(ctx.conn(), ws, today, &filter).await?;
    if count == 0 {
        return Ok(Reply::info(format!(
            "No {}. Register a deal with `/deal register`.",
            what.to_lowercase()
        )));
    }
    let pages = (count + PAGE_SIZE - 1) / PAGE_SIZE;
    let page = args.page.unwrap_or(1);
    if page > pages {
        return Err(CommandError::invalid(format!(
            "page {page} is past the end: there {} {pages} page{}",
            if pages == 1 { "is" } else { "are" },
            if pages == 1 { "" } else { "s" },
        )));
    }
    let lines = list::page(
        ctx.conn(),
        ws,
        today,
        &filter,
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE,
    )
    .await?;
    let mut table = Table::new(&[
        "#", "Partner", "Account", "Type", "Status", ">Amount", "Close", "Expires",
    ]);
    for line in &lines {
        table.row(vec![
            format!("#{}", line.id),
            line.partner.clone(),
            line.account.clone(),
            type_label(line),
            line.status.label().to_string(),
            ctx.money(line.amount_minor),
            short_date(line.close_date),
            line.expires_on
                .map(short_date)
                .unwrap_or_else(|| "—".into()),
        ]);
    }
    let footer = format!(
        "Page {page} of {pages} · {count} registration{}",
        if count == 1 { "" } else { "s" }
    );
    Ok(
        Reply::card(Card::new(what, Tone::Info).table(table).footer(footer)).with_page_buttons(
            "registration list",
            page,
            pages,
            &carried,
        ),
    )
}

pub async fn expiring(ctx: &mut Ctx<'_>, args: args::RegistrationExpiring) -> CommandResult {
    let (ws, today) = (ctx.workspace.id, ctx.today);
    let days = args.days.unwrap_or(30);
    let until = u64::try_from(days)
        .ok()
        .and_then(|d| today.checked_add_days(Days::new(d)))
        .ok_or_else(|| CommandError::invalid("`days` must be a number of days from 1 to 365"))?;
    let lines = list::expiring(ctx.conn(), ws, today, until, EXPIRING_SHOWN + 1).await?;
    if lines.is_empty() {
        return Ok(Reply::info(format!(
            "No approved registration expires in the next {days} days."
        )));
    }
    let mut table = Table::new(&[
        "#",
        "Partner",
        "Account",
        "Status",
        "Expires",
        "Submitted by",
    ]);
    for line in lines.iter().take(EXPIRING_SHOWN as usize) {
        let expires = line.expires_on.unwrap_or(today);
        table.row(vec![
            format!("#{}", line.id),
            line.partner.clone(),
            line.account.clone(),
            line.status.label().to_string(),
            format!(
                "{} ({})",
                short_date(expires),
                format_relative(expires, today)
            ),
            line.submitter.clone().unwrap_or_else(|| "—".into()),
        ]);
    }
    let mut footer =
        "Extend one with `/registration extend id:…` (a PTM once, a director again)".to_string();
    if lines.len() as i64 > EXPIRING_SHOWN {
        footer = format!("First {EXPIRING_SHOWN} shown · {footer}");
    }
    Ok(Reply::card(
        Card::new(
            format!("Registrations expiring within {days} days"),
            Tone::Warning,
        )
        .table(table)
        .footer(footer),
    ))
}

fn type_label(line: &RegistrationLine) -> String {
    RegistrationType::from_id(&line.reg_type).map_or(line.reg_type.clone(), |t| t.label().into())
}
