//! `/partner list`: partners by name, 25 a page, filtered by territory, type, track or part of
//! the name, with their open deals and last touch, and Prev/Next buttons that carry the filters.

use super::track_text;
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
/// Discord's limit on a button's custom id.
const CUSTOM_ID_MAX: usize = 100;

pub async fn list(ctx: &mut Ctx<'_>) -> CommandResult {
    let page = ctx.opts.integer("page").unwrap_or(1).max(1);
    let partner_type: Option<PartnerType> = ctx.opts.choice("type")?;
    let track: Option<Track> = ctx.opts.choice("track")?;
    let search = ctx.opts.text("search").map(str::to_string);
    let territory_text = ctx.opts.text("territory").map(str::to_string);

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
            track_text(line.track, false)
                + if line.professional_services {
                    " · PSP"
                } else {
                    ""
                },
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
    let mut footer = format!(
        "page {page} of {pages} · {total} partner{}",
        if total == 1 { "" } else { "s" }
    );
    let mut buttons = Vec::new();
    if page > 1 {
        buttons.push(("Prev", button_id(page - 1, &carried)));
    }
    if page < pages {
        buttons.push(("Next", button_id(page + 1, &carried)));
    }
    if buttons
        .iter()
        .any(|(_, id)| id.chars().count() > CUSTOM_ID_MAX)
    {
        // Too long for Discord's custom id: page with `page:` instead of buttons.
        buttons.clear();
        footer.push_str(" · more with `page:`");
    }
    let mut reply = Reply::card(Card::new(title, Tone::Info).table(table).footer(footer));
    for (label, id) in buttons {
        reply = reply.with_button(label, id);
    }
    Ok(reply)
}

/// `partner list:page=2&territory=AMER East&type=gsi`: the page and the filters as options.
/// `&`, `=` and `%` inside values are percent-encoded.
fn button_id(page: i64, carried: &[(&str, String)]) -> String {
    let mut id = format!("partner list:page={page}");
    for (name, value) in carried {
        let value = value
            .replace('%', "%25")
            .replace('&', "%26")
            .replace('=', "%3D");
        id.push_str(&format!("&{name}={value}"));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_button_carries_the_filters() {
        let carried = [
            ("territory", "AMER East".to_string()),
            ("search", "Smith & Sons".to_string()),
        ];
        assert_eq!(
            button_id(2, &carried),
            "partner list:page=2&territory=AMER East&search=Smith %26 Sons"
        );
        assert_eq!(button_id(3, &[]), "partner list:page=3");
    }
}
