//! `/territory add|list|assign`: territories and the PTMs, field reps and directors who cover
//! them.

use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::lookup;
use crate::core::reply::{Card, Reply, Table, Tone};
use crate::domain::names::Name;
use crate::domain::role::Role;
use crate::domain::Choice;
use crate::store::territory;
use serde_json::json;

pub async fn add(ctx: &mut Ctx<'_>, args: args::TerritoryAdd) -> CommandResult {
    let name = Name::parse(&args.name, "territory name")?;
    let region = args.region.as_deref().unwrap_or("").to_string();
    let ws = ctx.workspace.id;
    if let Some(existing) = territory::find_by_name(ctx.conn(), ws, name.as_str()).await? {
        return Err(CommandError::invalid(format!(
            "territory `{}` already exists; see `/territory list`",
            existing.name
        )));
    }
    let now = ctx.now;
    let id = territory::insert(ctx.conn(), ws, name.as_str(), &region, now).await?;
    ctx.audit(
        "territory.add",
        "territory",
        Some(id),
        None,
        Some(json!({ "name": name.as_str(), "region": region })),
    )
    .await?;
    Ok(Reply::success(format!(
        "Territory **{}** added. Next: `/territory assign territory:\"{}\" member:@someone as:ptm`.",
        name.as_str(),
        name.as_str()
    )))
}

pub async fn list(ctx: &mut Ctx<'_>, _args: args::TerritoryList) -> CommandResult {
    let ws = ctx.workspace.id;
    let territories = territory::list(ctx.conn(), ws).await?;
    if territories.is_empty() {
        return Ok(Reply::info(
            "No territories yet. Add one with `/territory add name:\"EMEA North\"`.",
        ));
    }
    let coverage = territory::coverage(ctx.conn(), ws, None).await?;
    let mut table = Table::new(&[
        "Territory",
        "PTMs",
        "Field sales",
        "Directors",
        ">Partners",
        ">Open deals",
    ]);
    for summary in &territories {
        let t = &summary.territory;
        let names = |role: &str| {
            let list: Vec<&str> = coverage
                .iter()
                .filter(|c| c.territory_id == t.id && c.role == role)
                .map(|c| c.display_name.as_str())
                .collect();
            if list.is_empty() {
                "—".to_string()
            } else {
                list.join(", ")
            }
        };
        table.row(vec![
            t.name.clone(),
            names("ptm"),
            names("field_sales"),
            names("director"),
            summary.partners.to_string(),
            summary.open_deals.to_string(),
        ]);
    }
    Ok(Reply::card(
        Card::new(format!("Territories ({})", territories.len()), Tone::Info).table(table),
    ))
}

pub async fn assign(ctx: &mut Ctx<'_>, args: args::TerritoryAssign) -> CommandResult {
    let found = lookup::territory(ctx, args.territory.as_str()).await?;
    let member = lookup::member(ctx, &args.member).await?;
    let cover: Role = args.r#as;
    let role = cover.as_str();
    let role_label = match cover {
        Role::Ptm => "PTM",
        Role::FieldSales => "field sales rep",
        Role::Director => "director",
        Role::Admin => {
            return Err(CommandError::invalid(
                "`as:` is the role in the territory: ptm, field_sales or director",
            ))
        }
    };
    let remove = args.remove.unwrap_or(false);
    let (ws, now) = (ctx.workspace.id, ctx.now);
    let change = json!({ "territory": found.name, "member": member.display_name, "role": role });
    if remove {
        if !territory::unassign(ctx.conn(), ws, found.id, member.user_id, role).await? {
            return Err(CommandError::invalid(format!(
                "{} is not a {role_label} of {}; nothing to remove",
                member.display_name, found.name
            )));
        }
        ctx.audit(
            "territory.unassign",
            "territory",
            Some(found.id.get()),
            Some(change),
            None,
        )
        .await?;
        return Ok(Reply::success(format!(
            "{} no longer covers **{}** as {role_label}.",
            member.display_name, found.name
        )));
    }
    if !territory::assign(ctx.conn(), ws, found.id, member.user_id, role, now).await? {
        return Ok(Reply::info(format!(
            "{} already covers **{}** as {role_label}; nothing changed.",
            member.display_name, found.name
        )));
    }
    ctx.audit(
        "territory.assign",
        "territory",
        Some(found.id.get()),
        None,
        Some(change),
    )
    .await?;
    Ok(Reply::success(format!(
        "{} now covers **{}** as {role_label}.",
        member.display_name, found.name
    )))
}
