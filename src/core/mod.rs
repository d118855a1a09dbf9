//! The command core: every door hands it an [`Invocation`] and gets a [`Reply`] back.
//!
//! For each invocation the core resolves the command in the manifests, loads the workspace and
//! the actor's roles, checks permission, validates the options, and runs the handler in one
//! database transaction together with its audit rows and (for writes) the interaction id that
//! makes a redelivery harmless. It knows nothing of Discord or terminals.

pub mod access;
pub mod autocomplete;
pub mod cache;
pub mod clock;
pub mod command;
pub mod commands;
pub mod context;
pub mod custom_id;
pub mod error;
pub mod form;
pub mod invocation;
pub mod lookup;
pub mod manifest;
pub mod mention;
pub mod options;
pub mod reply;
pub mod text;

mod account;
mod away;
mod compliance;
mod deal;
mod forecast;
pub mod help;
pub mod kpi;
mod partner;
mod program;
mod quote;
mod registration;
mod schedule;
mod scheduled;
mod setup;
mod territory;
mod timezone;
mod touch;

pub use invocation::{Action, Actor, ActorRoles, Invocation, OptionInput};
pub use reply::Reply;

use crate::domain::ids::{ChannelId, MessageId, UserId, WorkspaceId};
use crate::domain::names;
use crate::store::{self, member, workspace, Store};
use clock::Clock;
use command::{Command, CommandKind, ParseEnv};
use context::Ctx;
use error::{CommandError, CommandResult};
use options::Options;
use std::sync::Arc;

/// The core, shared by every door; cheap to clone.
#[derive(Clone, Debug)]
pub struct Core {
    store: Store,
    clock: Arc<dyn Clock>,
    caches: Arc<cache::Caches>,
}

impl Core {
    pub fn new(store: Store, clock: Arc<dyn Clock>) -> Core {
        Core {
            store,
            clock,
            caches: Arc::default(),
        }
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
            Err(CommandError::Invalid(message)) => Reply::error(message),
            Err(CommandError::Denied(message)) => Reply::error(message),
            Err(CommandError::Internal(err)) => {
                let reference = error::error_reference();
                tracing::error!(
                    reference = %reference,
                    command = %invocation.command_path(),
                    workspace = %invocation.workspace_id,
                    user = %invocation.actor.user_id,
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
        let kind = CommandKind::from_key(&key).ok_or_else(|| {
            CommandError::Internal(anyhow::anyhow!("no command declared for `{key}`"))
        })?;
        let writes = kind.writes();
        let now = self.clock.now();

        // One transaction from the first read: the workspace, the actor and the command's own
        // work see one snapshot, on one connection.
        let mut tx = if writes {
            self.store.begin_write().await?
        } else {
            self.store.begin_read().await?
        };
        let (ws_id, user) = (invocation.workspace_id, invocation.actor.user_id);
        let context = match self.caches.contexts.get(&(ws_id, user)) {
            Some(context) => context,
            None => {
                let (context, committed) =
                    match workspace::actor_context(&mut tx, ws_id, user).await? {
                        Some(context) => (context, true),
                        None => {
                            tx = self.create_workspace(invocation, now, tx, writes).await?;
                            let context = workspace::actor_context(&mut tx, ws_id, user)
                                .await?
                                .ok_or_else(|| anyhow::anyhow!("workspace {ws_id} vanished"))?;
                            // A write creates the workspace in its own transaction, which a
                            // refused command rolls back: cache it only once it is committed.
                            (context, !writes)
                        }
                    };
                if committed {
                    self.caches.contexts.put((ws_id, user), context.clone());
                }
                context
            }
        };
        let workspace::ActorContext {
            workspace,
            mapping,
            member,
        } = context;
        let roles = access::resolve_roles(&invocation.actor, &mapping);
        access::check(kind.access(), &roles, workspace.open_read, &leaf.display())
            .map_err(CommandError::Denied)?;
        if from_button {
            let known: Vec<(String, String)> = options
                .iter()
                .filter_map(|(k, v)| match v {
                    OptionInput::Text(text) => Some((k.clone(), text.clone())),
                    _ => None,
                })
                .collect();
            if let Some(form) = form::for_button(leaf, writes, &known) {
                return Ok(Reply::form(form));
            }
        }
        let opts = Options::validate(leaf, &options)?;
        self.sync_member(&mut tx, writes, invocation, member, &roles, now)
            .await?;

        let interaction_id = invocation.interaction_id.clone().filter(|_| writes);
        if let Some(id) = &interaction_id {
            if let Some(reply) = stored_reply(&mut tx, workspace.id, id).await? {
                return Ok(reply);
            }
        }
        let today = now.with_timezone(&workspace.timezone).date_naive();
        let env = ParseEnv {
            currency: workspace.currency,
            today,
            calendar: &workspace.calendar,
        };
        let command = Command::parse(kind, &opts, &env)?;
        let workspace_id = workspace.id;
        let mut ctx = Ctx {
            tx: &mut tx,
            workspace,
            actor: &invocation.actor,
            roles,
            given_text: opts.texts(),
            now,
            today,
            interaction_id: interaction_id.clone(),
            caches: &self.caches,
            from_component: !matches!(invocation.action, Action::Command { .. }),
        };
        let reply = commands::run(command, &mut ctx).await?;
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
        if writes {
            self.caches.after_write(kind.makes_stale(), workspace_id);
        }
        Ok(reply)
    }

    /// The weekly digest of a workspace as of now (what a digest schedule posts), read in one
    /// transaction as the system; `None` when the workspace does not exist.
    pub async fn digest(
        &self,
        workspace_id: WorkspaceId,
    ) -> anyhow::Result<Option<kpi::digest::Digest>> {
        let mut tx = self.store.begin_read().await?;
        let system = system_actor();
        let Some(mut ctx) = self.system_ctx(&mut tx, &system, workspace_id).await? else {
            return Ok(None);
        };
        kpi::digest::build(&mut ctx)
            .await
            .map(Some)
            .map_err(internal)
    }

    /// Takes today's KPI snapshots (`kpi::history`) of every workspace that has none yet (its
    /// own timezone's day); returns how many workspaces it took. Several processes may race:
    /// the first row of a day stays.
    pub async fn take_kpi_snapshots(&self) -> anyhow::Result<usize> {
        use crate::store::kpi_snapshot;
        let now = self.clock.now();
        let latest = {
            let mut conn = self.store.pool().acquire().await?;
            kpi_snapshot::latest_days(&mut conn).await?
        };
        let mut taken = 0;
        for (workspace_id, timezone, last) in latest {
            let Ok(tz) = timezone.parse::<chrono_tz::Tz>() else {
                continue;
            };
            let today = now.with_timezone(&tz).date_naive();
            if last.is_some_and(|day| day >= today) {
                continue;
            }
            let measured = {
                let mut tx = self.store.begin_read().await?;
                let system = system_actor();
                let Some(mut ctx) = self.system_ctx(&mut tx, &system, workspace_id).await? else {
                    continue;
                };
                kpi::history::measure_all(&mut ctx)
                    .await
                    .map_err(internal)?
            };
            let mut tx = self.store.begin_write().await?;
            for (territory_id, snapshot) in &measured {
                let key = (workspace_id, *territory_id, today);
                kpi_snapshot::insert(&mut tx, key, snapshot, now).await?;
            }
            tx.commit().await?;
            taken += 1;
        }
        Ok(taken)
    }

    /// What `schedule` posts now (the scheduler's clock), `since` the previous run: `None` when
    /// there is nothing to say (everyone has submitted) or the workspace is gone.
    pub async fn scheduled_post(
        &self,
        schedule: &store::schedule::Schedule,
        since: Option<chrono::DateTime<chrono::Utc>>,
    ) -> anyhow::Result<Option<reply::Post>> {
        let mut tx = self.store.begin_read().await?;
        let system = system_actor();
        let Some(mut ctx) = self
            .system_ctx(&mut tx, &system, schedule.workspace_id)
            .await?
        else {
            return Ok(None);
        };
        scheduled::post(&mut ctx, schedule, since)
            .await
            .map_err(internal)
    }

    /// A context for work the bot does by itself (digests, scheduled posts): the system acting
    /// as an admin, no options, now from the core's clock.
    async fn system_ctx<'a>(
        &'a self,
        tx: &'a mut store::Tx,
        system: &'a Actor,
        workspace_id: WorkspaceId,
    ) -> anyhow::Result<Option<Ctx<'a>>> {
        let now = self.clock.now();
        let Some(workspace) = workspace::get(tx, workspace_id).await? else {
            return Ok(None);
        };
        let today = now.with_timezone(&workspace.timezone).date_naive();
        Ok(Some(Ctx {
            tx,
            workspace,
            actor: system,
            roles: vec![crate::domain::role::Role::Admin],
            given_text: Vec::new(),
            now,
            today,
            interaction_id: None,
            caches: &self.caches,
            from_component: false,
        }))
    }

    /// A door reports the message it posted for a tracked [`reply::Post`], so that later changes
    /// to the record edit that message.
    pub async fn record_posted(
        &self,
        workspace_id: WorkspaceId,
        track: &str,
        channel_id: ChannelId,
        message_id: MessageId,
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

    /// Creates the workspace with default settings on first contact. A write transaction does
    /// it in place; a read commits it in a write transaction of its own and starts again.
    async fn create_workspace(
        &self,
        invocation: &Invocation,
        now: chrono::DateTime<chrono::Utc>,
        mut tx: store::Tx,
        writes: bool,
    ) -> CommandResult<store::Tx> {
        let (id, name) = (invocation.workspace_id, &invocation.workspace_name);
        if writes {
            workspace::ensure(&mut tx, id, name, now).await?;
            return Ok(tx);
        }
        drop(tx);
        let mut write = self.store.begin_write().await?;
        workspace::ensure(&mut write, id, name, now).await?;
        write.commit().await?;
        Ok(self.store.begin_read().await?)
    }

    /// Records the actor as a member, writing only when their name or roles changed: in the
    /// command's own transaction when it writes, else in a short write transaction of its own.
    async fn sync_member(
        &self,
        tx: &mut store::Tx,
        writes: bool,
        invocation: &Invocation,
        current: Option<member::Member>,
        roles: &[crate::domain::role::Role],
        now: chrono::DateTime<chrono::Utc>,
    ) -> CommandResult<()> {
        let actor = &invocation.actor;
        let roles_text = access::roles_text(roles);
        let unchanged =
            current.is_some_and(|m| m.display_name == actor.display_name && m.roles == roles_text);
        if unchanged {
            return Ok(());
        }
        let (ws, user, name) = (invocation.workspace_id, actor.user_id, &actor.display_name);
        // Forgotten even if the command then fails: the next command reads the row again.
        self.caches.contexts.forget(&(ws, user));
        if writes {
            member::upsert(tx, ws, user, name, &roles_text, now).await?;
        } else {
            let mut write = self.store.begin_write().await?;
            member::upsert(&mut write, ws, user, name, &roles_text, now).await?;
            write.commit().await?;
        }
        Ok(())
    }
}

/// The bot itself, acting on its own (digests, scheduled posts).
fn system_actor() -> Actor {
    Actor::local(
        UserId::new(0),
        "partnerbot",
        &[crate::domain::role::Role::Admin],
    )
}

/// A command error met by the bot's own work: always an internal error for the caller.
fn internal(err: CommandError) -> anyhow::Error {
    match err {
        CommandError::Internal(err) => err,
        other => anyhow::anyhow!("refused: {other}"),
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
    workspace_id: WorkspaceId,
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
