//! `/partner add` and `/partner update`: options are read first, then names are looked up, then
//! one write and its audit row (the partner before and after, as JSON).

use super::input::{agreement, Given, CHANGEABLE};
use super::{audit_json, profile_card, track_text, warnings, with_warnings};
use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::deal::short_date;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::reply::Reply;
use crate::domain::names::name_key;
use crate::domain::partner::Track;
use crate::domain::partner::{Partner, PartnerFields};
use crate::domain::Choice;
use crate::store::is_unique_violation;
use crate::store::partner as store;
use anyhow::Context;

pub async fn add(ctx: &mut Ctx<'_>, args: args::PartnerAdd) -> CommandResult {
    let given = Given::try_from(args)?;
    let name = given
        .name
        .clone()
        .ok_or_else(|| CommandError::invalid("`/partner add` needs `name:`"))?;
    let partner_type = given
        .partner_type
        .ok_or_else(|| CommandError::invalid("`/partner add` needs `type:`, like `type:gsi`"))?;
    let (signed, expires) = agreement(
        (None, None),
        given.agreement_signed,
        given.agreement_expires,
    )?;

    let ws = ctx.workspace.id;
    if let Some(existing) = store::find_by_name(ctx.conn(), ws, name.as_str()).await? {
        return Err(duplicate(&existing.name));
    }
    let territory = match given.territory.clone().flatten() {
        Some(text) => Some(lookup::territory(ctx, &text).await?),
        None => None,
    };
    let fields = PartnerFields {
        name: name.as_str().to_string(),
        partner_type,
        track: given.track.unwrap_or(Track::Open),
        professional_services: given.professional_services.unwrap_or(false),
        territory_id: territory.as_ref().map(|t| t.id),
        domain: given.domain.clone().flatten(),
        certs_sales: given.certs_sales.unwrap_or(0),
        certs_sa: given.certs_sa.unwrap_or(0),
        certs_pse: given.certs_pse.unwrap_or(0),
        agreement_signed_on: signed,
        agreement_expires_on: expires,
        business_plan: given.business_plan.unwrap_or(false),
    };
    let now = ctx.now;
    let id = match store::insert(ctx.conn(), ws, &fields, now).await {
        Ok(id) => id,
        // Added by someone else since the check above.
        Err(err) if is_unique_violation(&err) => return Err(duplicate(name.as_str())),
        Err(err) => return Err(err.into()),
    };
    let territory_name = territory.map(|t| t.name);
    let after = audit_json(&fields, territory_name.as_deref());
    ctx.audit("partner.add", "partner", Some(id.get()), None, Some(after))
        .await?;

    let partner = Partner {
        id,
        fields,
        territory: territory_name,
    };
    let reply = Reply::success(format!(
        "Partner **{}** added. Log what happens with `/touch log partner:\"{}\" type:meeting`.",
        partner.fields.name,
        partner.fields.name.replace('"', "")
    ))
    .with_card(profile_card(&partner, ctx.today));
    Ok(with_warnings(reply, warnings(&partner.fields, ctx.today)))
}

pub async fn update(ctx: &mut Ctx<'_>, args: args::PartnerUpdate) -> CommandResult {
    let wanted = args.partner.clone();
    let given = Given::try_from(args)?;
    if given.is_empty() {
        return Err(CommandError::invalid(format!(
            "`/partner update` got nothing to change; give {CHANGEABLE}. For example \
             `/partner update partner:\"{}\" track:select`.",
            wanted.replace('"', "")
        )));
    }
    let found = lookup::partner(ctx, &wanted).await?;
    let ws = ctx.workspace.id;
    let before = store::get(ctx.conn(), ws, found.id)
        .await?
        .context("partner found by name is gone")?;

    let mut after = before.clone();
    let f = &mut after.fields;
    if let Some(name) = &given.name {
        if name.key() != name_key(&before.fields.name) {
            if let Some(existing) = store::find_by_name(ctx.conn(), ws, name.as_str()).await? {
                return Err(duplicate(&existing.name));
            }
        }
        f.name = name.as_str().to_string();
    }
    match given.territory.clone() {
        Some(Some(text)) => {
            let territory = lookup::territory(ctx, &text).await?;
            f.territory_id = Some(territory.id);
            after.territory = Some(territory.name);
        }
        Some(None) => {
            f.territory_id = None;
            after.territory = None;
        }
        None => {}
    }
    f.partner_type = given.partner_type.unwrap_or(f.partner_type);
    f.track = given.track.unwrap_or(f.track);
    f.professional_services = given
        .professional_services
        .unwrap_or(f.professional_services);
    if let Some(domain) = given.domain.clone() {
        f.domain = domain;
    }
    f.certs_sales = given.certs_sales.unwrap_or(f.certs_sales);
    f.certs_sa = given.certs_sa.unwrap_or(f.certs_sa);
    f.certs_pse = given.certs_pse.unwrap_or(f.certs_pse);
    f.business_plan = given.business_plan.unwrap_or(f.business_plan);
    (f.agreement_signed_on, f.agreement_expires_on) = agreement(
        (f.agreement_signed_on, f.agreement_expires_on),
        given.agreement_signed,
        given.agreement_expires,
    )?;

    let changes = describe_changes(&before, &after);
    if changes.is_empty() {
        return Err(CommandError::invalid(format!(
            "nothing to change: **{}** already has those values. See `/partner show partner:\"{}\"`.",
            before.fields.name,
            before.fields.name.replace('"', "")
        )));
    }
    let now = ctx.now;
    let result = store::update(ctx.conn(), ws, before.id, &after.fields, now).await;
    match result {
        Err(err) if is_unique_violation(&err) => return Err(duplicate(&after.fields.name)),
        other => other?,
    }
    ctx.audit(
        "partner.update",
        "partner",
        Some(before.id.get()),
        Some(audit_json(&before.fields, before.territory.as_deref())),
        Some(audit_json(&after.fields, after.territory.as_deref())),
    )
    .await?;
    let reply = Reply::success(format!(
        "Partner **{}** updated: {}.",
        after.fields.name,
        changes.join(", ")
    ))
    .with_card(profile_card(&after, ctx.today));
    Ok(with_warnings(reply, warnings(&after.fields, ctx.today)))
}

fn duplicate(existing: &str) -> CommandError {
    CommandError::invalid(format!(
        "a partner named **{existing}** already exists; see `/partner show partner:\"{}\"`, or \
         choose another name",
        existing.replace('"', "")
    ))
}

/// `track Open → Select`, one entry per changed field, in the card's order.
fn describe_changes(before: &Partner, after: &Partner) -> Vec<String> {
    let (b, a) = (&before.fields, &after.fields);
    let mut out = Vec::new();
    let mut change = |what: &str, old: String, new: String| {
        if old != new {
            out.push(format!("{what} {old} → {new}"));
        }
    };
    change("name", b.name.clone(), a.name.clone());
    change(
        "type",
        b.partner_type.label().into(),
        a.partner_type.label().into(),
    );
    change(
        "track",
        track_text(b.track, b.professional_services),
        track_text(a.track, a.professional_services),
    );
    let or_dash = |v: Option<&str>| v.unwrap_or("—").to_string();
    change(
        "territory",
        or_dash(before.territory.as_deref()),
        or_dash(after.territory.as_deref()),
    );
    change(
        "domain",
        or_dash(b.domain.as_deref()),
        or_dash(a.domain.as_deref()),
    );
    change(
        "sales certifications",
        b.certs_sales.to_string(),
        a.certs_sales.to_string(),
    );
    change(
        "SA certifications",
        b.certs_sa.to_string(),
        a.certs_sa.to_string(),
    );
    change(
        "PSE certifications",
        b.certs_pse.to_string(),
        a.certs_pse.to_string(),
    );
    let day = |d: Option<chrono::NaiveDate>| d.map(short_date).unwrap_or_else(|| "—".into());
    change(
        "agreement signed",
        day(b.agreement_signed_on),
        day(a.agreement_signed_on),
    );
    change(
        "agreement expires",
        day(b.agreement_expires_on),
        day(a.agreement_expires_on),
    );
    let plan = |on: bool| if on { "on file" } else { "not on file" }.to_string();
    change(
        "business plan",
        plan(b.business_plan),
        plan(a.business_plan),
    );
    out
}
