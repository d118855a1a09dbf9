//! `/deal register`: a partner's claim on a customer opportunity. Everything is checked, then
//! conflicts are looked up before anything is written; a conflict stops the submission unless it
//! is confirmed with a reason (kept as the registration's conflict note for the reviewer).

use super::card::{self, View};
use super::conflict::{self, Submission};
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::deal::input::partner_type;
use crate::core::error::{CommandError, CommandResult};
use crate::core::reply::{Post, Reply};
use crate::core::{account, lookup};
use crate::domain::dates::format_date;
use crate::domain::deal::{parse_ace_opportunity_id, Marketplace};
use crate::domain::ids::RegistrationId;
use crate::domain::names::{self, company_key, registrable_domain, Name};
use crate::domain::partner::PartnerType;
use crate::domain::registration::Registration;
use crate::domain::registration::{apply, Event, Facts, RegistrationType};
use crate::domain::{echo, Choice};
use crate::store::account::AccountRef;
use crate::store::registration::{self, conflicts};

pub async fn register(ctx: &mut Ctx<'_>, args: args::DealRegister) -> CommandResult {
    let account_input = args.account;
    let partner_input = args.partner;
    let (amount, close) = (args.amount, args.close);
    let reg_type: RegistrationType = args.r#type;
    let marketplace: Marketplace = args.marketplace.unwrap_or(Marketplace::None);
    let domain = args
        .domain
        .as_deref()
        .map(names::parse_domain)
        .transpose()?;
    if close < ctx.today {
        return Err(CommandError::invalid(format!(
            "close date {} is in the past; a registration is for an opportunity still to close. \
             Give a date like `close:+60d`",
            format_date(close)
        )));
    }
    let portal_id = match args.portal_id.as_deref() {
        None => None,
        Some(id) => Some(match marketplace {
            Marketplace::Aws => parse_ace_opportunity_id(id)?,
            Marketplace::None => {
                return Err(CommandError::invalid(format!(
                    "`portal_id:` `{}` is a co-sell portal id, so it needs a marketplace; add \
                     `marketplace:aws` (or gcp, azure)",
                    echo(id)
                )))
            }
            Marketplace::Gcp | Marketplace::Azure => id.to_string(),
        }),
    };
    let notes = args.notes.as_deref().unwrap_or_default().to_string();
    let partner = lookup::partner(ctx, &partner_input).await?;
    let distributor = match args.distributor {
        None => None,
        Some(text) => {
            let found = lookup::partner(ctx, &text).await?;
            let kind = partner_type(ctx, ctx.workspace.id, found.id).await?;
            if kind != PartnerType::Distributor {
                return Err(CommandError::invalid(format!(
                    "`distributor:` **{}** is a {} partner, not a distributor; give a partner of \
                     type distributor (see `/partner list`)",
                    found.name,
                    kind.label()
                )));
            }
            Some(found)
        }
    };
    let deal = match args.deal {
        Some(text) => Some(crate::core::deal::resolve(ctx, &text).await?),
        None => None,
    };
    if let Some(deal) = &deal {
        if !deal.stage.is_open() {
            return Err(CommandError::invalid(format!(
                "deal #{} is already closed; only an open deal can be registered",
                deal.id
            )));
        }
    }
    let existing = find_account(ctx, &account_input, domain.as_deref()).await?;
    if let Some(deal) = &deal {
        if existing.as_ref().map(|a| a.id) != Some(deal.account_id) {
            let ws = ctx.workspace.id;
            let names = crate::store::deal::names(ctx.conn(), ws, deal).await?;
            return Err(CommandError::invalid(format!(
                "deal #{} is on **{}**, not `{}`; give `account:\"{}\"` or another deal",
                deal.id,
                names.account,
                echo(&account_input),
                names.account.replace('"', "")
            )));
        }
    }
    let new_account = match &existing {
        Some(_) => None,
        None => Some(Name::parse(&account_input, "account name")?),
    };
    let new_domain = domain.clone().or_else(|| {
        new_account
            .as_ref()
            .and_then(|n| names::domain_key(n.as_str()))
    });
    let (match_key, match_domain) = match &existing {
        Some(a) => (
            company_key(&a.name),
            a.domain
                .as_deref()
                .or(domain.as_deref())
                .and_then(registrable_domain),
        ),
        None => (
            company_key(&account_input),
            new_domain.as_deref().and_then(registrable_domain),
        ),
    };

    // Conflicts, before anything is written.
    let (ws, today) = (ctx.workspace.id, ctx.today);
    let holders = conflicts::find(
        ctx.conn(),
        ws,
        &match_key,
        match_domain.as_deref(),
        today,
        deal.as_ref().map(|d| d.id.get()),
    )
    .await?;
    let confirmed = args.confirm == Some(true);
    let reason = args.reason;
    let conflict_note = if holders.is_empty() {
        None
    } else {
        let submission = Submission::of(ctx, partner.id, distributor.as_ref().map(|d| d.id));
        match (confirmed, reason) {
            (false, _) => return Ok(conflict::reply(ctx, &account_input, &holders, &submission)),
            (true, None) => return conflict::ask_reason(ctx, &holders, &submission),
            (true, Some(reason)) => Some(conflict::note(&reason, &holders)),
        }
    };

    // Everything is valid and there is no unconfirmed conflict: write.
    super::sweep(ctx).await?;
    let mut created = String::new();
    let account_id = match (&existing, &new_account) {
        (Some(a), _) => a.id,
        (None, Some(name)) => {
            let territory = match partner.territory_id {
                Some(id) => Some(id),
                None => crate::core::deal::only_territory_of_actor(ctx).await?,
            };
            created = format!("; new account **{}** created", name.as_str());
            account::create(ctx, name, new_domain, territory, None).await?
        }
        (None, None) => return Err(anyhow::anyhow!("no account to register on").into()),
    };
    let mut facts = Facts::new(0, today);
    facts.has_review_channel = ctx.workspace.review_channel_id.is_some();
    let outcome =
        apply(None, &Event::Submit, &facts).map_err(|e| CommandError::invalid(e.to_string()))?;
    let mut reg = Registration {
        id: RegistrationId::new(0),
        deal_id: deal.as_ref().map(|d| d.id),
        account_id,
        partner_id: partner.id,
        distributor_partner_id: distributor.as_ref().map(|d| d.id),
        reg_type,
        status: outcome.status,
        amount,
        close_date: close,
        marketplace,
        portal_id,
        notes,
        submitted_by: ctx.actor.user_id,
        submitted_at: ctx.now,
        reviewed_by: None,
        reviewed_at: None,
        decision_note: None,
        conflict_note,
        approved_on: None,
        expires_on: None,
        extensions: 0,
    };
    let now = ctx.now;
    reg.id = registration::insert(ctx.conn(), ws, &reg, now).await?;
    super::audit(ctx, "registration.submit", None, &reg).await?;

    let id = reg.id;
    let view = View::load(ctx, reg).await?;
    let mut text = format!(
        "Registration #{id} of **{}** for **{}** submitted{created}.",
        view.names.partner, view.names.account
    );
    let mut reply = Reply::success(String::new());
    match ctx.workspace.review_channel_id {
        Some(channel) => {
            text.push_str(" Its review card is in the review channel.");
            let post = Post::new(channel, "review channel", card::review_message(ctx, &view))
                .tracked(card::track(id));
            reply = reply.with_post(post);
        }
        None => text.push_str(&format!(
            " No review channel is set, so a director reviews it with `/registration approve \
             id:{id}` (or deny, return). An admin can set one with `/setup channel kind:review \
             channel:#…`."
        )),
    }
    Ok(reply.with_text(text).with_card(card::card(ctx, &view)))
}

/// The account a registration names: by name or domain as typed, else by the `domain:` option.
async fn find_account(
    ctx: &mut Ctx<'_>,
    account_input: &str,
    domain: Option<&str>,
) -> CommandResult<Option<AccountRef>> {
    if let Some(found) = lookup::account(ctx, account_input).await? {
        return Ok(Some(found));
    }
    match domain {
        Some(domain) => lookup::account(ctx, domain).await,
        None => Ok(None),
    }
}
