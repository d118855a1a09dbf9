//! `/deal add|update|show|list`: opportunities with their amount, stage, close date, forecast
//! category and partner roles.
//!
//! - [`input`]: the options shared by add and update, read into domain types and checked.
//! - [`add`], [`update`]: the writes (one audit row each, before/after JSON).
//! - [`show`]: the deal card, shared by every reply that shows a deal.
//! - [`list`]: the filtered, paginated list.
//! - [`influence`]: partners that helped a deal without sourcing or transacting it.
//!
//! Which KPI bucket a deal counts in is [`crate::domain::attribution`].

mod add;
mod influence;
pub(crate) mod input;
mod list;
mod show;
mod update;

pub use add::add;
pub(crate) use add::{default_name, only_territory_of_actor};
pub use influence::influence;
pub use list::list;
pub use show::show;
pub use update::update;

use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::domain::deal::Deal;
use crate::domain::deal::Stage;
use crate::domain::ids::DealId;
use crate::domain::Choice;
use crate::store::deal::{self, DealFilter};

/// How many candidate deals a "which deal?" message lists.
const CANDIDATES_SHOWN: i64 = 10;

/// A stage as people read it: `4 Proposal`, `Closed Won`.
pub(crate) fn stage_text(stage: Stage) -> String {
    match stage.number() {
        Some(n) => format!("{n} {}", stage.label()),
        None => stage.label().to_string(),
    }
}

/// `15 Dec 2026`, for tables.
pub(crate) fn short_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// The deal a `deal:` option means: `#12` or `12`, or an account (name or web domain) with
/// exactly one open deal (or, with none open, exactly one deal). Otherwise says which deals
/// there are to choose from.
pub(crate) async fn resolve(ctx: &mut Ctx<'_>, input: &str) -> CommandResult<Deal> {
    let ws = ctx.workspace.id;
    let text = input.trim();
    let number = text.strip_prefix('#').unwrap_or(text).trim();
    if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
        let id: DealId = number.parse().map_err(|_| no_deal(number))?;
        return deal::get(&mut *ctx.tx, &ctx.workspace, id)
            .await?
            .ok_or_else(|| no_deal(number));
    }
    let Some(account) = lookup::account(ctx, text).await? else {
        let all = crate::store::account::all_names(ctx.conn(), ws).await?;
        return Err(lookup::not_found(
            "deal or account",
            text,
            &all,
            "Give a deal number like `deal:#12`, or see `/deal list`.",
        ));
    };
    let mut filter = DealFilter {
        account_id: Some(account.id),
        open_only: true,
        ..DealFilter::default()
    };
    let mut found = deal::page(ctx.conn(), ws, &filter, CANDIDATES_SHOWN + 1, 0).await?;
    if found.is_empty() {
        filter.open_only = false;
        found = deal::page(ctx.conn(), ws, &filter, CANDIDATES_SHOWN + 1, 0).await?;
    }
    match found.as_slice() {
        [] => Err(CommandError::invalid(format!(
            "**{}** has no deals yet; add one with `/deal add account:\"{}\" amount:… close:…`",
            account.name,
            account.name.replace('"', "")
        ))),
        [one] => deal::get(&mut *ctx.tx, &ctx.workspace, one.id)
            .await?
            .ok_or_else(|| no_deal(&one.id.to_string())),
        many => {
            let total = deal::summary(ctx.conn(), ws, &filter).await?.count;
            let which = if filter.open_only {
                "open deals"
            } else {
                "deals"
            };
            let lines: Vec<String> = many
                .iter()
                .take(CANDIDATES_SHOWN as usize)
                .map(|d| {
                    format!(
                        "`#{}` {} ({}, closes {})",
                        d.id,
                        d.name,
                        stage_text(d.stage),
                        short_date(d.close_date)
                    )
                })
                .collect();
            let more = total - lines.len() as i64;
            let more = if more > 0 {
                format!("\n…and {more} more; see `/deal list`")
            } else {
                String::new()
            };
            Err(CommandError::invalid(format!(
                "**{}** has {total} {which}; give the deal number, like `deal:#{}`:\n{}{more}",
                account.name,
                many[0].id,
                lines.join("\n")
            )))
        }
    }
}

fn no_deal(number: &str) -> CommandError {
    CommandError::invalid(format!(
        "there is no deal #{number} in this workspace; see `/deal list`"
    ))
}
