//! `/deal add`: a new deal, on an existing account or on one created in the same transaction.

use super::input::{self, DealInput};
use super::show;
use crate::core::account;
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::core::lookup;
use crate::core::reply::Reply;
use crate::domain::deal::Deal;
use crate::domain::deal::{default_category, DealPath, Marketplace, Stage};
use crate::domain::ids::{AccountId, DealId, TerritoryId};
use crate::domain::money::format_money_short;
use crate::domain::names::{self, Name};
use crate::store::deal;
use crate::store::territory;

pub async fn add(ctx: &mut Ctx<'_>, args: args::DealAdd) -> CommandResult {
    let account_input = args.account.clone();
    let input = DealInput::read(ctx, args.into(), false).await?;
    let (Some(amount), Some(close)) = (input.amount, input.close) else {
        return Err(anyhow::anyhow!("required amount or close missing after the check").into());
    };
    input::check_partner_types(ctx, &input).await?;
    let (ws, today) = (ctx.workspace.id, ctx.today);

    let existing = lookup::account(ctx, &account_input).await?;
    let new_account = match &existing {
        Some(_) => None,
        None => Some(Name::parse(&account_input, "account name")?),
    };
    let sourcing = input.sourcing.clone().flatten();
    let territory_id = match (&input.territory, &existing) {
        (Some(t), _) => Some(t.id),
        (None, Some(a)) if a.territory_id.is_some() => a.territory_id,
        _ => match sourcing.as_ref().and_then(|p| p.territory_id) {
            Some(id) => Some(id),
            None => only_territory_of_actor(ctx).await?,
        },
    };

    let stage = input.stage.unwrap_or(Stage::Discovery);
    let mut new = Deal {
        id: DealId::new(0),
        account_id: existing.as_ref().map_or(AccountId::default(), |a| a.id),
        name: String::new(),
        amount,
        stage,
        close_date: close,
        forecast: default_category(stage),
        path: DealPath::Direct,
        owner_user_id: ctx.actor.user_id,
        territory_id,
        sourcing_partner_id: None,
        transacting_partner_id: None,
        distributor_partner_id: None,
        marketplace: Marketplace::None,
        private_offer_id: None,
        portal_id: None,
        portal_stage: None,
        portal_status: None,
        is_renewal: false,
        closed_on: (!stage.is_open()).then_some(today),
    };
    input.apply(&mut new, today);
    let account_name = match (&existing, &new_account) {
        (Some(a), _) => a.name.clone(),
        (None, name) => name.as_ref().map(|n| n.to_string()).unwrap_or_default(),
    };
    if input.name.is_none() {
        new.name = default_name(&account_name, amount.minor, ctx);
    }
    input::check(&mut new, true, today)?;

    // Everything is valid: write.
    let mut created = String::new();
    if let Some(name) = &new_account {
        let domain = names::domain_key(name.as_str());
        new.account_id = account::create(ctx, name, domain, territory_id, None).await?;
        let place = match territory_id {
            Some(id) => territory::get(ctx.conn(), ws, id)
                .await?
                .map(|t| format!(" in {}", t.name))
                .unwrap_or_default(),
            None => String::new(),
        };
        created = format!("; new account **{}** created{place}", name.as_str());
    }
    let now = ctx.now;
    new.id = deal::insert(ctx.conn(), ws, &new, now).await?;
    let after = serde_json::to_value(&new).map_err(anyhow::Error::from)?;
    ctx.audit("deal.add", "deal", Some(new.id.get()), None, Some(after))
        .await?;
    let text = format!("Deal #{} **{}** added{created}", new.id, new.name);
    show::reply(ctx, &new, Reply::success(text)).await
}

/// `Acme Corp – $120k`.
pub(crate) fn default_name(account: &str, amount: i64, ctx: &Ctx<'_>) -> String {
    format!(
        "{account} – {}",
        format_money_short(amount, ctx.workspace.currency)
    )
}

/// The territory the actor covers, when they cover exactly one.
pub(crate) async fn only_territory_of_actor(
    ctx: &mut Ctx<'_>,
) -> CommandResult<Option<TerritoryId>> {
    let (ws, user) = (ctx.workspace.id, ctx.actor.user_id);
    let covered = territory::of_member(ctx.conn(), ws, user).await?;
    Ok(match covered.as_slice() {
        [only] => Some(*only),
        _ => None,
    })
}
