//! The command core: every door hands it an [`Invocation`] and gets a [`Reply`] back.
//!
//! For each invocation the core resolves the command in the manifests, loads the workspace and
//! the actor's roles, checks permission, validates the options, and runs the handler in one
//! database transaction together with its audit rows and (for writes) the interaction id that
//! makes a redelivery harmless. It knows nothing of Discord or terminals.

pub mod access;
pub mod autocomplete;
pub mod clock;
pub mod commands;
pub mod context;
pub mod custom_id;
pub mod error;
pub mod form;
pub mod invocation;
pub mod lookup;
pub mod manifest;
pub mod manifest_limits;
pub mod mention;
pub mod options;
pub mod reply;

mod account;
mod deal;
pub mod help;
mod partner;
mod registration;
mod setup;
mod territory;
mod touch;

pub use invocation::{Action, Actor, ActorRoles, Invocation, OptionInput};
pub use reply::Reply;

use crate::domain::names;
use crate::store::{self, member, workspace, Store};
use clock::Clock;
use context::Ctx;
use error::{CommandError, CommandResult};
use options::Options;
use std::sync::Arc;

/// The core, shared by every door; cheap to clone.
#[derive(Clone, Debug)]
pub struct Core {
    store: Store,
    clock: Arc<dyn Clock>,
}

impl Core {
    pub fn new(store: Store, clock: Arc<dyn Clock>) -> Core {
        Core { store, clock }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// Runs one invocation to its reply. Never fails: errors become private error replies, and
    /// internal ones are logged with their cause chain under the reference the user sees.
    pub async fn handle(&self, invocation: &Invocation) -> Reply {
        match self.try_handle(invocation).await {
            Ok(reply) => reply,
            Err(CommandError::Invalid(message)) | Err(CommandError::Denied(message)) => {
                Reply::error(message)
            }
            Err(CommandError::Internal(err)) => {
                let reference = error::error_reference();
                tracing::error!(
                    reference = %reference,
                    command = %invocation.command_path(),
                    workspace = invocation.workspace_id,
                    user = invocation.actor.user_id,
                    "command failed: {err:#}"
                );
                Reply::error(error::internal_message(&reference))
            }
        }
    }

    async fn try_handle(&self, invocation: &Invocation) -> CommandResult {
        let (path, options, from_button) = request_of(&invocation.action)?;
        let leaf = manifest::find_leaf(&path).ok_or_else(|| unknown_command(&path))?;
        let key = leaf.key();
        let spec = commands::spec(&key).ok_or_else(|| {
            CommandError::Internal(anyhow::anyhow!("no handler registered for `{key}`"))
        })?;
        let now = self.clock.now();

        let (workspace, mapping, member) = self.prepare_workspace(invocation, now).await?;
        let roles = access::resolve_roles(&invocation.actor, &mapping);
        access::check(spec.access, &roles, workspace.open_read, &leaf.display())
            .map_err(CommandError::Denied)?;
        if from_button {
            let known: Vec<(String, String)> = options
                .iter()
                .filter_map(|(k, v)| match v {
                    OptionInput::Text(text) => Some((k.clone(), text.clone())),
                    _ => None,
                })
                .collect();
            if let Some(form) = form::for_button(leaf, spec.writes, &known) {
                return Ok(Reply::form(form));
            }
        }
        let opts = Options::validate(leaf, &options)?;
        self.sync_member(invocation, member, &roles, now).await?;

        let mut tx = if spec.writes {
            self.store.begin_write().await?
        } else {
            self.store.begin_read().await?
        };
        let interaction_id = invocation.interaction_id.clone().filter(|_| spec.writes);
        if let Some(id) = &interaction_id {
            if let Some(reply) = stored_reply(&mut tx, workspace.id, id).await? {
                return Ok(reply);
            }
        }
        let today = now.with_timezone(&workspace.timezone).date_naive();
        let workspace_id = workspace.id;
        let mut ctx = Ctx {
            tx: &mut tx,
            workspace,
            actor: &invocation.actor,
            roles,
            opts,
            now,
            today,
            interaction_id: interaction_id.clone(),
            from_component: !matches!(invocation.action, Action::Command { .. }),
        };
        let reply = commands::run(&key, &mut ctx).await?;
        if let Some(id) = &interaction_id {
            let json = serde_json::to_string(&reply).map_err(anyhow::Error::from)?;
            let recorded =
                store::interaction::record(&mut tx, workspace_id, id, &leaf.display(), &json, now)
                    .await;
            if let Err(err) = recorded {
                drop(tx);
                if store::is_unique_violation(&err) {
                    // The same interaction was applied concurrently: answer with its reply.
                    let mut read = self.store.begin_read().await?;
                    if let Some(reply) = stored_reply(&mut read, workspace_id, id).await? {
                        return Ok(reply);
                    }
                }
                return Err(err.into());
            }
        }
        tx.commit().await?;
        Ok(reply)
    }

    /// A door reports the message it posted for a tracked [`reply::Post`], so that later changes
    /// to the record edit that message.
    pub async fn record_posted(
        &self,
        workspace_id: i64,
        track: &str,
        channel_id: i64,
        message_id: i64,
    ) -> anyhow::Result<()> {
        let mut tx = self.store.begin_write().await?;
        let posted = store::posted::Posted {
            channel_id,
            message_id,
        };
        store::posted::record(&mut tx, workspace_id, track, posted, self.clock.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Loads the workspace (creating it with defaults on first contact), its role mapping and
    /// the actor's member row, on one connection.
    async fn prepare_workspace(
        &self,
        invocation: &Invocation,
        now: chrono::DateTime<chrono::Utc>,
    ) -> CommandResult<(
        workspace::Workspace,
        Vec<(i64, crate::domain::role::Role)>,
        Option<member::Member>,
    )> {
        let mut conn = self.store.pool().acquire().await?;
        let found = workspace::get(&mut conn, invocation.workspace_id).await?;
        let ws = match found {
            Some(ws) => ws,
            None => {
                drop(conn);
                let mut tx = self.store.begin_write().await?;
                let ws = workspace::ensure(
                    &mut tx,
                    invocation.workspace_id,
                    &invocation.workspace_name,
                    now,
                )
                .await?;
                tx.commit().await?;
                conn = self.store.pool().acquire().await?;
                ws
            }
        };
        let mapping = workspace::role_mappings(&mut conn, ws.id).await?;
        let member = member::get(&mut conn, ws.id, invocation.actor.user_id).await?;
        Ok((ws, mapping, member))
    }

    /// Records the actor as a member, writing only when their name or roles changed.
    async fn sync_member(
        &self,
        invocation: &Invocation,
        current: Option<member::Member>,
        roles: &[crate::domain::role::Role],
        now: chrono::DateTime<chrono::Utc>,
    ) -> CommandResult<()> {
        let actor = &invocation.actor;
        let roles_text = access::roles_text(roles);
        let unchanged =
            current.is_some_and(|m| m.display_name == actor.display_name && m.roles == roles_text);
        if !unchanged {
            let mut tx = self.store.begin_write().await?;
            member::upsert(
                &mut tx,
                invocation.workspace_id,
                actor.user_id,
                &actor.display_name,
                &roles_text,
                now,
            )
            .await?;
            tx.commit().await?;
        }
        Ok(())
    }
}

/// Options as a door received them.
type GivenOptions = Vec<(String, OptionInput)>;

/// The command path and options an action asks for; `true` when it came from a button (which
/// may need a form for missing options).
fn request_of(action: &Action) -> CommandResult<(Vec<String>, GivenOptions, bool)> {
    let text = |pairs: Vec<(String, String)>| {
        pairs
            .into_iter()
            .map(|(k, v)| (k, OptionInput::Text(v)))
            .collect::<Vec<_>>()
    };
    let stale = || CommandError::invalid("this button is no longer valid; run the command again");
    match action {
        Action::Command { path, options } => Ok((path.clone(), options.clone(), false)),
        Action::Component { custom_id: id } => {
            let (path, options) = custom_id::decode(id).ok_or_else(stale)?;
            Ok((path, text(options), true))
        }
        Action::ModalSubmit {
            custom_id: id,
            fields,
        } => {
            let (path, mut options) = custom_id::decode(id).ok_or_else(stale)?;
            options.extend(
                fields
                    .iter()
                    .filter(|(_, v)| !v.trim().is_empty())
                    .map(|(k, v)| (k.clone(), v.clone())),
            );
            Ok((path, text(options), false))
        }
    }
}

async fn stored_reply(
    conn: &mut store::Conn,
    workspace_id: i64,
    interaction_id: &str,
) -> CommandResult<Option<Reply>> {
    match store::interaction::stored_reply(conn, workspace_id, interaction_id).await? {
        Some(json) => Ok(Some(
            serde_json::from_str(&json).map_err(anyhow::Error::from)?,
        )),
        None => Ok(None),
    }
}

fn unknown_command(path: &[String]) -> CommandError {
    let typed = format!("/{}", path.join(" "));
    if path.is_empty() {
        return CommandError::invalid("type a command, like `/help`");
    }
    // A known top-level command with a missing or wrong subcommand: list its subcommands.
    let subs: Vec<String> = manifest::leaves()
        .iter()
        .filter(|l| l.path.len() > 1 && l.path[0].eq_ignore_ascii_case(&path[0]))
        .map(|l| l.path[1..].join(" "))
        .collect();
    if !subs.is_empty() {
        let given = path.get(1).map(String::as_str).unwrap_or("");
        let hint = names::did_you_mean(&names::suggest(given, subs.iter().map(String::as_str)));
        return CommandError::invalid(format!(
            "`{typed}` is not a command.{hint} `/{}` has: {}",
            path[0].to_lowercase(),
            subs.join(", ")
        ));
    }
    let tops: Vec<String> = manifest::manifests()
        .iter()
        .map(|m| m.name.clone())
        .collect();
    let suggestions: Vec<String> = names::suggest(&path[0], tops.iter().map(String::as_str))
        .into_iter()
        .map(|name| format!("/{name}"))
        .collect();
    let hint = names::did_you_mean(&suggestions);
    CommandError::invalid(format!(
        "`{typed}` is not a command.{hint} Type `/help` to see them all."
    ))
}
