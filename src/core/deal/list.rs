//! `/deal list`: deals by close date, 20 a page, with filters, the count and total of the whole
//! filter, and Prev/Next buttons that carry the filters.

use super::{short_date, stage_text};
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::reply::{Card, Reply, Table, Tone};
use crate::domain::deal::Stage;
use crate::store::deal::{self, DealFilter};

/// Deals on one page.
const PAGE_SIZE: i64 = 20;

pub async fn list(ctx: &mut Ctx<'_>, args: args::DealList) -> CommandResult {
    let ws = ctx.workspace.id;
    let mut filter = DealFilter::default();
    // What the filter says, for the title, and the options that repeat it, for the buttons.
    let mut said: Vec<String> = Vec::new();
    let mut carried: Vec<(&str, String)> = Vec::new();

    if args.mine == Some(true) {
        filter.owner_user_id = Some(ctx.actor.user_id);
        said.push("you own".to_string());
        carried.push(("mine", "true".to_string()));
    }
    if let Some(text) = args.territory {
        let found = lookup::territory(ctx, &text).await?;
        filter.territory_id = Some(found.id);
        said.push(format!("in {}", found.name));
        carried.push(("territory", found.name));
    }
    if let Some(text) = args.account {
        let found = lookup::existing_account(ctx, &text).await?;
        filter.account_id = Some(found.id);
        said.push(format!("on {}", found.name));
        carried.push(("account", found.name));
    }
    if let Some(text) = args.partner {
        let found = lookup::partner(ctx, &text).await?;
        filter.partner_id = Some(found.id);
        said.push(format!("with {}", found.name));
        carried.push(("partner", found.name));
    }
    let stage: Option<Stage> = args.stage;
    if let Some(stage) = stage {
        filter.stage = Some(stage);
        said.push(format!("at {}", stage_text(stage)));
        carried.push(("stage", crate::domain::Choice::as_str(&stage).to_string()));
    }
    // Open only by default; a stage filter says itself whether the deals are open.
    let open = args.open;
    filter.open_only = open.unwrap_or(stage.is_none());
    if let Some(open) = open {
        carried.push(("open", open.to_string()));
    }
    if let Some(text) = args.quarter.as_deref() {
        let quarter = ctx.workspace.calendar.parse_period(text, ctx.today)?;
        let (first, last) = ctx.workspace.calendar.quarter_bounds(quarter);
        filter.close_from = Some(first);
        filter.close_to = Some(last);
        said.push(format!("closing in {}", quarter.label()));
        carried.push(("quarter", quarter.label()));
    }

    let summary = deal::summary(ctx.conn(), ws, &filter).await?;
    let kind = if filter.open_only {
        "open deals"
    } else {
        "deals"
    };
    let what = if said.is_empty() {
        kind.to_string()
    } else {
        format!("{kind} {}", said.join(", "))
    };
    if summary.count == 0 {
        let hint = if filter.open_only {
            " Closed deals are left out; add `open:false` to include them."
        } else {
            ""
        };
        return Ok(Reply::info(format!(
            "No {what}.{hint} Add a deal with `/deal add`."
        )));
    }
    let pages = (summary.count + PAGE_SIZE - 1) / PAGE_SIZE;
    let page = args.page.unwrap_or(1);
    if page > pages {
        return Err(CommandError::invalid(format!(
            "page {page} is past the end: there {} {pages} page{} of {what}",
            if pages == 1 { "is" } else { "are" },
            if pages == 1 { "" } else { "s" },
        )));
    }
    let lines = deal::page(ctx.conn(), ws, &filter, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;

    let mut table = Table::new(&[
        "#", "Account", ">Amount", "Stage", "Close", "Partner", "Owner",
    ]);
    for line in &lines {
        table.row(vec![
            format!("#{}", line.id),
            line.account.clone(),
            ctx.money(line.amount_minor),
            stage_text(line.stage),
            short_date(line.close_date),
            line.partner.clone().unwrap_or_else(|| "—".to_string()),
            line.owner.clone().unwrap_or_else(|| "—".to_string()),
        ]);
    }
    let footer = format!(
        "Page {page} of {pages} · {} deal{} · {} total",
        summary.count,
        if summary.count == 1 { "" } else { "s" },
        ctx.money(summary.total_minor)
    );
    let mut title = what;
    if let Some(first) = title.get(..1) {
        title = format!("{}{}", first.to_uppercase(), &title[1..]);
    }
    Ok(
        Reply::card(Card::new(title, Tone::Info).table(table).footer(footer)).with_page_buttons(
            "deal list",
            page,
            pages,
            &carried,
        ),
    )
}
