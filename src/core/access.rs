//! Who may run what. Roles come from the workspace's role mapping (Discord) or are given
//! directly (console, tests); each command declares the roles it needs.

use crate::core::invocation::{Actor, ActorRoles};
use crate::domain::ids::RoleId;
use crate::domain::role::Role;
use crate::domain::Choice;

/// What a command requires of the person running it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Everyone, even without a role in a closed workspace (`/help`).
    Public,
    /// Anyone with a role, and people with no role when the workspace allows open reads.
    Anyone,
    /// Only these roles.
    Roles(&'static [Role]),
}

pub const EVERY_ROLE: &[Role] = &[Role::Admin, Role::Director, Role::Ptm, Role::FieldSales];
pub const ADMIN: &[Role] = &[Role::Admin];
pub const MANAGERS: &[Role] = &[Role::Admin, Role::Director];
pub const PARTNER_TEAM: &[Role] = &[Role::Admin, Role::Director, Role::Ptm];

/// The roles an actor holds in a workspace, given the workspace's Discord role mapping.
pub fn resolve_roles(actor: &Actor, mapping: &[(RoleId, Role)]) -> Vec<Role> {
    let mut roles: Vec<Role> = match &actor.roles {
        ActorRoles::Local(roles) => roles.clone(),
        ActorRoles::Discord {
            role_ids,
            administrator,
        } => {
            let mut roles: Vec<Role> = mapping
                .iter()
                .filter(|(id, _)| role_ids.contains(id))
                .map(|(_, role)| *role)
                .collect();
            if *administrator {
                roles.push(Role::Admin);
            }
            roles
        }
    };
    roles.sort_by_key(|r| Role::ALL.iter().position(|x| x == r));
    roles.dedup();
    roles
}

/// `Ok` when `roles` satisfy `access`; otherwise the message explaining who may.
pub fn check(access: Access, roles: &[Role], open_read: bool, command: &str) -> Result<(), String> {
    match access {
        Access::Public => Ok(()),
        Access::Anyone if !roles.is_empty() || open_read => Ok(()),
        Access::Anyone => Err(format!(
            "`{command}` needs a partnerbot role, and you have none. Ask an admin to map your \
             Discord role with `/setup role`."
        )),
        Access::Roles(allowed) if roles.iter().any(|r| allowed.contains(r)) => Ok(()),
        Access::Roles(allowed) => {
            let names: Vec<&str> = allowed.iter().map(|r| r.label()).collect();
            let yours = if roles.is_empty() {
                "none".to_string()
            } else {
                roles
                    .iter()
                    .map(|r| r.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            Err(format!(
                "`{command}` is for {}; your roles: {yours}. Ask an admin if you need it.",
                join_or(&names)
            ))
        }
    }
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Roles as stored on the member row (`admin,ptm`).
pub fn roles_text(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}
