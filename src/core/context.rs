//! The context a command handler runs in: its one transaction, the workspace settings, the actor
//! and their roles, and "now" in UTC and as a date in the workspace's
//! timezone. Also the shared helpers every handler needs (amounts, dates, audit rows).

use crate::core::error::{CommandError, CommandResult};
use crate::core::invocation::Actor;
use crate::domain::role::Role;
use crate::domain::workspace::Workspace;
use crate::store::audit::{self, AuditEntry};
use crate::store::{Conn, Tx};
use chrono::{DateTime, NaiveDate, Utc};

pub struct Ctx<'a> {
    pub tx: &'a mut Tx,
    pub workspace: Workspace,
    pub actor: &'a Actor,
    pub roles: Vec<Role>,
    /// The text options as typed (`close` → `+30d`), for a button that runs the same command
    /// again (a Confirm); handlers read their typed arguments instead.
    pub given_text: Vec<(String, String)>,
    pub now: DateTime<Utc>,
    /// Today's date in the workspace's timezone.
    pub today: NaiveDate,
    pub interaction_id: Option<String>,
    /// The process's caches (partners by name); see [`crate::core::cache`].
    pub caches: &'a crate::core::cache::Caches,
    /// Asked by a button click or the form (modal) a button opened, rather than typed: the
    /// answer can replace the message the button is on (see `Reply::updating_source`).
    pub from_component: bool,
}

impl<'a> Ctx<'a> {
    /// The transaction's connection, for `store::*` calls.
    pub fn conn(&mut self) -> &mut Conn {
        &mut *self.tx
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Admins and directors see and change everything in the workspace.
    pub fn is_manager(&self) -> bool {
        self.has_role(Role::Admin) || self.has_role(Role::Director)
    }

    pub fn money(&self, minor: i64) -> String {
        self.workspace.money(minor).to_string()
    }

    /// Writes the audit row for a change, in this command's transaction.
    pub async fn audit(
        &mut self,
        action: &str,
        entity: &str,
        entity_id: Option<i64>,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> CommandResult<()> {
        let entry = audit_entry(
            &self.workspace,
            self.actor,
            self.now,
            self.interaction_id.as_deref(),
            (action, entity, entity_id),
            (before, after),
        );
        audit::append(&mut *self.tx, &entry)
            .await
            .map_err(CommandError::Internal)
    }
}

/// The audit row of a change by `actor` now: `(action, entity, entity_id)` and the record
/// `(before, after)`. Written by [`Ctx::audit`], or together with the change on hot paths.
pub fn audit_entry<'a>(
    workspace: &Workspace,
    actor: &'a Actor,
    now: DateTime<Utc>,
    interaction_id: Option<&'a str>,
    (action, entity, entity_id): (&'a str, &'a str, Option<i64>),
    (before, after): (Option<serde_json::Value>, Option<serde_json::Value>),
) -> AuditEntry<'a> {
    AuditEntry {
        workspace_id: workspace.id,
        at: now,
        actor_user_id: actor.user_id,
        actor_name: &actor.display_name,
        action,
        entity,
        entity_id,
        before,
        after,
        interaction_id,
    }
}
