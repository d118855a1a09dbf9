//! `/partner list`: partners by name, 25 a page, filtered by territory, type, track or part of
//! the name, with their open deals and last touch, and Prev/Next buttons that carry the filters.

use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::deal::short_date;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::reply::{Card, Reply, Table, Tone};
use crate::domain::names::name_key;
use crate::domain::partner::{PartnerType, Track};
use crate::domain::{echo, Choice};
use crate::store::partner::{self as store, PartnerFilter};

/// Partners on one page.
pub const PAGE_SIZE: i64 = 25;

pub async fn list(ctx: &mut Ctx<'_>, args: args::PartnerList) -> CommandResult {
    let page = args.page.unwrap_or(1).max(1);
    let partner_type: Option<PartnerType> = args.r#type;
    let track: Option<Track> = args.track;
    let search = args.search;
    let territory_text = args.territory;

    let mut filter = PartnerFilter::default();
    // What the filter says, for the title, and the options that repeat it, for the buttons.
    let mut said: Vec<String> = Vec::new();
    let mut carried: Vec<(&str, String)> = Vec::new();
    if let Some(text) = &search {
        let key = name_key(text);
        if key.is_empty() {
            return Err(CommandError::invalid(format!(
                "`search` needs letters or digits, not `{}`",
                echo(text)
            )));
        }
        filter.search_key = Some(key);
    }
    if let Some(text) = &territory_text {
        let found = lookup::territory(ctx, text).await?;
        filter.territory_id = Some(found.id);
        said.push(found.name.clone());
        carried.push(("territory", found.name));
    }
    if let Some(kind) = partner_type {
        filter.partner_type = Some(kind);
        said.push(kind.label().to_string());
        carried.push(("type", kind.as_str().to_string()));
    }
    if let Some(track) = track {
        filter.track = Some(track);
        said.push(format!("{} track", track.label()));
        carried.push(("track", track.as_str().to_string()));
    }
    if let Some(text) = &search {
        said.push(format!("matching \"{}\"", text.trim()));
        carried.push(("search", text.trim().to_string()));
    }

    let ws = ctx.workspace.id;
    let total = store::count(ctx.conn(), ws, &filter).await?;
    if total == 0 {
        if said.is_empty() {
            return Ok(Reply::info(
                "No partners yet. Add one with `/partner add name:… type:…`.",
            ));
        }
        // The search text is not echoed: the person just typed it.
        let mut filters: Vec<String> = said
            .iter()
            .filter(|s| !s.starts_with("matching "))
            .cloned()
            .collect();
        if search.is_some() {
            filters.push("the name search".to_string());
        }
        return Ok(Reply::info(format!(
            "No partners match {}. Try fewer filters, or see `/partner list`.",
            filters.join(" · ")
        )));
    }
    let pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    if page > pages {
        return Err(CommandError::invalid(format!(
            "page {page} is past the end: there {} {pages} page{} of partners; use `page:` 1 to \
             {pages}",
            if pages == 1 { "is" } else { "are" },
            if pages == 1 { "" } else { "s" },
        )));
    }
    let lines = store::page(ctx.conn(), ws, &filter, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;

    let mut table = Table::new(&[
        "Partner",
        "Type",
        "Track",
        "Territory",
        ">Open deals",
        "Last touch",
    ]);
    for line in lines {
        table.row(vec![
            line.name,
            line.partner_type.label().to_string(),
            list_track(line.track, line.professional_services),
            line.territory.unwrap_or_else(|| "—".to_string()),
            line.open_deals.to_string(),
            line.last_touch
                .map(short_date)
                .unwrap_or_else(|| "—".to_string()),
        ]);
    }
    let title = std::iter::once("Partners".to_string())
        .chain(said)
        .collect::<Vec<_>>()
        .join(" · ");
    let footer = format!(
        "page {page} of {pages} · {total} partner{}",
        if total == 1 { "" } else { "s" }
    );
    let reply = Reply::card(Card::new(title, Tone::Info).table(table).footer(footer))
        .with_page_buttons("partner list", page, pages, &carried);
    Ok(reply)
}

/// `Select · PSP`: the track with the Professional Services Partner designation, short.
fn list_track(track: Track, professional_services: bool) -> String {
    let psp = if professional_services { " · PSP" } else { "" };
    format!("{}{psp}", track.label())
}
