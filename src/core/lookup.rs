//! Finding records by the names people type: case-insensitive and punctuation-blind exact
//! matches, otherwise a clear "not found" with "did you mean" suggestions.

use crate::core::context::Ctx;
use crate::core::error::{CommandError, CommandResult};
use crate::core::options::UserArg;
use crate::core::text::Text;
use crate::domain::ids::TerritoryId;
use crate::domain::names;
use crate::store::{member, territory};

/// A territory found by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub id: TerritoryId,
    pub name: String,
}

/// The error for a name that matches nothing: suggestions first, then how to create one.
pub fn not_found(
    kind: &str,
    input: &str,
    candidates: &[String],
    create_hint: &str,
) -> CommandError {
    let hint = names::did_you_mean(&names::suggest(
        input,
        candidates.iter().map(String::as_str),
    ));
    let create = if create_hint.is_empty() {
        String::new()
    } else {
        format!(" {create_hint}")
    };
    CommandError::invalid(format!("no {kind} named `{}`.{hint}{create}", input.trim()))
}

pub async fn territory(ctx: &mut Ctx<'_>, input: &str) -> CommandResult<Named> {
    let ws = ctx.workspace.id;
    if let Some(found) = territory::find_by_name(ctx.conn(), ws, input).await? {
        return Ok(Named {
            id: found.id,
            name: found.name,
        });
    }
    let all = territory::all_names(ctx.conn(), ws).await?;
    Err(not_found(
        "territory",
        input,
        &all,
        &format!(
            "Add it with `/territory add name:\"{}\"`.",
            input.trim().replace('"', "")
        ),
    ))
}

/// A member chosen in an option: by Discord id, or by display name in the console.
pub async fn member(ctx: &mut Ctx<'_>, arg: &UserArg) -> CommandResult<member::Member> {
    let ws = ctx.workspace.id;
    match arg {
        UserArg::Id(id) => member::get(ctx.conn(), ws, *id).await?.ok_or_else(|| {
            CommandError::invalid(Text::new().user(*id, None).then(
                " has not used partnerbot in this workspace yet; ask them to run `/help` once",
            ))
        }),
        UserArg::Name(name) => {
            let mut found = member::find_by_name(ctx.conn(), ws, name).await?;
            match found.len() {
                1 => Ok(found.remove(0)),
                0 => {
                    let all = member::all_names(ctx.conn(), ws).await?;
                    Err(not_found(
                        "member",
                        name,
                        &all,
                        "Members appear once they have used partnerbot.",
                    ))
                }
                n => Err(CommandError::invalid(format!(
                    "{n} members are named `{name}`; mention the one you mean (`@` and pick them)"
                ))),
            }
        }
    }
}

/// A partner by name, or "no partner named ..." with suggestions.
pub async fn partner(
    ctx: &mut Ctx<'_>,
    input: &str,
) -> CommandResult<crate::store::partner::PartnerRef> {
    let ws = ctx.workspace.id;
    // `#12` (an id, from buttons) and names never share a key: a name key has no `#`.
    let typed = input.trim();
    let key = match typed.starts_with('#') {
        true => (ws, typed.to_string()),
        false => (ws, names::name_key(typed)),
    };
    if let Some(found) = ctx.caches.partners.get(&key) {
        return Ok(found);
    }
    if let Some(found) = crate::store::partner::find_by_name(ctx.conn(), ws, input).await? {
        ctx.caches.partners.put(key, found.clone());
        return Ok(found);
    }
    let all = crate::store::partner::all_names(ctx.conn(), ws).await?;
    Err(not_found(
        "partner",
        input,
        &all,
        "See `/partner list`, or add it with `/partner add`.",
    ))
}

/// An account by name or web domain (`acme.com`, `https://www.acme.com/x`); `None` when nothing
/// matches (callers decide whether that is an error or a new account).
pub async fn account(
    ctx: &mut Ctx<'_>,
    input: &str,
) -> CommandResult<Option<crate::store::account::AccountRef>> {
    let ws = ctx.workspace.id;
    if let Some(found) = crate::store::account::find_by_name(ctx.conn(), ws, input).await? {
        return Ok(Some(found));
    }
    if let Some(domain) = names::domain_key(input) {
        let mut found = crate::store::account::find_by_domain(ctx.conn(), ws, &domain).await?;
        if found.is_empty() {
            if let Some(root) = names::registrable_domain(&domain) {
                if root != domain {
                    found = crate::store::account::find_by_domain(ctx.conn(), ws, &root).await?;
                }
            }
        }
        if let Some(first) = found.into_iter().next() {
            return Ok(Some(first));
        }
    }
    Ok(None)
}

/// An account that must exist: by name or domain, else "no account named ..." with suggestions.
pub async fn existing_account(
    ctx: &mut Ctx<'_>,
    input: &str,
) -> CommandResult<crate::store::account::AccountRef> {
    if let Some(found) = account(ctx, input).await? {
        return Ok(found);
    }
    let ws = ctx.workspace.id;
    let all = crate::store::account::all_names(ctx.conn(), ws).await?;
    Err(not_found(
        "account",
        input,
        &all,
        "Add it with `/account add`, or give its web domain.",
    ))
}
