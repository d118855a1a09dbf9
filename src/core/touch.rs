//! `/touch log|list`: the partner touches a PTM or field rep logs (meetings, calls, QBRs...) and
//! the recent-touches list.
//!
//! `touch log` is the hottest write path (benchmarked at millions of rows): it validates every
//! option before touching the database, then does indexed lookups only (partner by name key,
//! account by name key or domain, deal by id), one insert and the audit insert.

use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::reply::{Card, Reply, Table, Tone};
use crate::domain::dates::format_date;
use crate::domain::ids::DealId;
use crate::domain::touch::{Notes, TouchType};
use crate::domain::{echo, Choice};
use crate::store::touch::{self as store, NewTouch, TouchFilter};
use chrono::Days;
use serde_json::json;

/// Rows per page of `/touch list`.
pub const PAGE_SIZE: i64 = 20;
/// How far back `/touch list` looks without `days:`.
pub const DEFAULT_DAYS: i64 = 90;
/// Characters of notes shown in a list row.
const NOTES_PREVIEW_CHARS: usize = 60;

const FUTURE_DATE: &str = "a touch happens in the past; use today or an earlier date";

pub async fn log(ctx: &mut Ctx<'_>, args: args::TouchLog) -> CommandResult {
    // Everything that needs no database first: a refusal here costs nothing.
    let partner_input = args.partner;
    let touch_type: TouchType = args.r#type;
    let notes = Notes::parse(args.notes.as_deref().unwrap_or(""))?;
    let occurred_on = args.date.unwrap_or(ctx.today);
    if occurred_on > ctx.today {
        return Err(CommandError::invalid(format!(
            "{} is in the future: {FUTURE_DATE} (today is {})",
            format_date(occurred_on),
            format_date(ctx.today)
        )));
    }
    let deal_number = args.deal.as_deref().map(parse_deal_number).transpose()?;
    let account_input = args.account;

    let partner = lookup::partner(ctx, &partner_input).await?;
    let account = match &account_input {
        Some(input) => Some(lookup::existing_account(ctx, input).await?),
        None => None,
    };
    let ws = ctx.workspace.id;
    let deal = match deal_number {
        Some(id) => Some(store::deal_ref(ctx.conn(), ws, id).await?.ok_or_else(|| {
            CommandError::invalid(format!(
                "there is no deal #{id} in this workspace; see `/deal list`"
            ))
        })?),
        None => None,
    };
    // A deal fixes the account: a given account must be the deal's, a missing one is the deal's.
    let account = match (account, &deal) {
        (Some(account), Some(deal)) if account.id != deal.account_id => {
            return Err(CommandError::invalid(format!(
                "deal #{} ({}) is on account **{}**, not **{}**; give the deal's account or \
                 leave `account:` out",
                deal.id, deal.name, deal.account_name, account.name
            )))
        }
        (Some(account), _) => Some((account.id, account.name)),
        (None, Some(deal)) => Some((deal.account_id, deal.account_name.clone())),
        (None, None) => None,
    };

    let new = NewTouch {
        partner_id: partner.id,
        touch_type: touch_type.as_str(),
        account_id: account.as_ref().map(|(id, _)| *id),
        deal_id: deal.as_ref().map(|d| d.id),
        occurred_on,
        notes: notes.as_str(),
        logged_by: ctx.actor.user_id,
    };
    let after = json!({
        "partner_id": partner.id,
        "partner": partner.name,
        "type": touch_type.as_str(),
        "occurred_on": crate::store::codec::date(occurred_on),
        "account_id": new.account_id,
        "account": account.as_ref().map(|(_, name)| name),
        "deal_id": new.deal_id,
        "notes": notes.as_str(),
        "logged_by": ctx.actor.user_id,
    });
    // The touch and its audit row in one write (the audit row gets the new touch's id).
    let entry = crate::core::context::audit_entry(
        &ctx.workspace,
        ctx.actor,
        ctx.now,
        ctx.interaction_id.as_deref(),
        ("touch.log", "touch", None),
        (None, Some(after)),
    );
    store::insert_audited(&mut *ctx.tx, ws, &new, ctx.now, &entry).await?;

    let mut text = format!(
        "Logged {} with **{}** ({})",
        with_article(touch_type),
        partner.name,
        format_date(occurred_on)
    );
    if let Some((_, name)) = &account {
        text.push_str(&format!(" · account **{name}**"));
    }
    if let Some(deal) = &deal {
        text.push_str(&format!(" · deal #{} {}", deal.id, deal.name));
    }
    Ok(Reply::success(text))
}

/// `#12` or `12`.
fn parse_deal_number(text: &str) -> CommandResult<DealId> {
    text.trim()
        .trim_start_matches('#')
        .trim()
        .parse::<DealId>()
        .ok()
        .filter(|id| id.get() > 0)
        .ok_or_else(|| {
            CommandError::invalid(format!(
                "`deal` needs a deal number like `#12`, not `{}`; see `/deal list`",
                echo(text)
            ))
        })
}

/// "a meeting", "an email", "a QBR": how a touch reads in a sentence.
fn with_article(kind: TouchType) -> &'static str {
    match kind {
        TouchType::Meeting => "a meeting",
        TouchType::Call => "a call",
        TouchType::Email => "an email",
        TouchType::Event => "an event",
        TouchType::Enablement => "an enablement session",
        TouchType::Qbr => "a QBR",
        TouchType::Other => "a touch",
    }
}

/// What `/touch list` was asked for, resolved to records.
struct ListRequest {
    partner: Option<crate::store::partner::PartnerRef>,
    account: Option<crate::store::account::AccountRef>,
    member: Option<crate::store::member::Member>,
    touch_type: Option<TouchType>,
    days: i64,
    /// No partner, account or member and not a manager: the actor's own touches.
    mine: bool,
}

impl ListRequest {
    /// "Your touches", "All touches · QBR", "Touches · Globex Services · by Dana Reyes".
    fn title(&self) -> String {
        let scope = if self.mine {
            "Your touches"
        } else if self.partner.is_none() && self.account.is_none() && self.member.is_none() {
            "All touches"
        } else {
            "Touches"
        };
        std::iter::once(scope.to_string())
            .chain(self.filters())
            .collect::<Vec<_>>()
            .join(" · ")
    }

    fn filters(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(p) = &self.partner {
            parts.push(p.name.clone());
        }
        if let Some(a) = &self.account {
            parts.push(a.name.clone());
        }
        if let Some(m) = &self.member {
            parts.push(format!("by {}", m.display_name));
        }
        if let Some(t) = self.touch_type {
            parts.push(t.label().to_string());
        }
        parts
    }

    fn in_last(&self) -> String {
        format!(
            "in the last {} {}",
            self.days,
            plural(self.days, "day", "days")
        )
    }

    /// The button id that shows `page` of this list: `touch list:page=2&partner=Globex Services`.
    /// The filters a page button carries.
    fn carried(&self) -> Vec<(&'static str, String)> {
        let mut carried = Vec::new();
        if let Some(p) = &self.partner {
            carried.push(("partner", p.name.clone()));
        }
        if let Some(a) = &self.account {
            carried.push(("account", a.name.clone()));
        }
        if let Some(m) = &self.member {
            carried.push(("member", m.user_id.to_string()));
        }
        if let Some(t) = self.touch_type {
            carried.push(("type", t.as_str().to_string()));
        }
        if self.days != DEFAULT_DAYS {
            carried.push(("days", self.days.to_string()));
        }
        carried
    }
}

pub async fn list(ctx: &mut Ctx<'_>, args: args::TouchList) -> CommandResult {
    let page = args.page.unwrap_or(1).max(1);
    let days = args.days.map_or(DEFAULT_DAYS, |d| d.clamp(1, 3650));
    let touch_type: Option<TouchType> = args.r#type;
    let partner_input = args.partner;
    let account_input = args.account;
    let member_arg = args.member;
    let partner = match &partner_input {
        Some(input) => Some(lookup::partner(ctx, input).await?),
        None => None,
    };
    let account = match &account_input {
        Some(input) => Some(lookup::existing_account(ctx, input).await?),
        None => None,
    };
    let member = match &member_arg {
        Some(arg) => Some(lookup::member(ctx, arg).await?),
        None => None,
    };
    let mine = partner.is_none() && account.is_none() && member.is_none() && !ctx.is_manager();
    let request = ListRequest {
        partner,
        account,
        member,
        touch_type,
        days,
        mine,
    };

    let since = ctx
        .today
        .checked_sub_days(Days::new((days - 1) as u64))
        .unwrap_or(ctx.today);
    let logged_by = match &request.member {
        Some(m) => Some(m.user_id),
        None if mine => Some(ctx.actor.user_id),
        None => None,
    };
    let filter = TouchFilter {
        partner_id: request.partner.as_ref().map(|p| p.id),
        account_id: request.account.as_ref().map(|a| a.id),
        logged_by,
        touch_type: touch_type.map(|t| t.as_str()),
        since,
    };
    let ws = ctx.workspace.id;
    let total = store::count(ctx.conn(), ws, &filter).await?;
    if total == 0 {
        return Ok(Reply::info(nothing_found(&request)));
    }
    let pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    if page > pages {
        return Err(CommandError::invalid(format!(
            "there {} only {pages} {} of touches {}; use `page:` 1 to {pages}",
            if pages == 1 { "is" } else { "are" },
            plural(pages, "page", "pages"),
            request.in_last()
        )));
    }
    let rows = store::list(ctx.conn(), ws, &filter, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;

    let mut table = Table::new(&["Date", "Partner", "Type", "Account", "By", "Notes"]);
    for row in rows {
        table.row(vec![
            crate::store::codec::date(row.occurred_on),
            row.partner_name,
            TouchType::from_id(&row.touch_type)
                .map(|t| t.label().to_string())
                .unwrap_or(row.touch_type),
            row.account_name.unwrap_or_else(|| "—".to_string()),
            row.logged_by_name.unwrap_or_else(|| "—".to_string()),
            preview(&row.notes),
        ]);
    }
    let footer = format!(
        "page {page} of {pages} · {total} {} {}",
        plural(total, "touch", "touches"),
        request.in_last()
    );
    let card = Card::new(request.title(), Tone::Info)
        .table(table)
        .footer(footer);
    Ok(Reply::card(card).with_page_buttons("touch list", page, pages, &request.carried()))
}

fn nothing_found(request: &ListRequest) -> String {
    let in_last = request.in_last();
    let filters = request.filters();
    let what = if request.mine {
        format!("You logged no touches {in_last}")
    } else if filters.is_empty() {
        format!("No touches were logged {in_last}")
    } else {
        format!("No touches match {} {in_last}", filters.join(" · "))
    };
    format!(
        "{what}. Log one with `/touch log partner:… type:meeting`, or look further back with \
         `days:`."
    )
}

fn plural<'a>(n: i64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The first characters of notes on one line: whitespace runs (line breaks too) become one space.
fn preview(notes: &str) -> String {
    let line = notes.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= NOTES_PREVIEW_CHARS {
        return line;
    }
    let mut cut: String = line.chars().take(NOTES_PREVIEW_CHARS - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deal_number_may_start_with_a_hash() {
        assert_eq!(parse_deal_number("#12").unwrap(), DealId::new(12));
        assert_eq!(parse_deal_number(" 7 ").unwrap(), DealId::new(7));
        assert!(parse_deal_number("twelve").is_err());
        assert!(parse_deal_number("#0").is_err());
    }

    #[test]
    fn a_notes_preview_is_one_line_of_at_most_60_characters() {
        assert_eq!(preview("line one\n\nline  two"), "line one line two");
        let long = preview(&"x".repeat(80));
        assert_eq!(long.chars().count(), 60);
        assert!(long.ends_with('…'));
        assert_eq!(preview(&"y".repeat(60)), "y".repeat(60));
    }
}
