//! What a person did, as every door (Discord, console, scheduler, tests) hands it to the core.

use crate::domain::ids::{ChannelId, RoleId, UserId, WorkspaceId};
use crate::domain::role::Role;
use serde::{Deserialize, Serialize};

/// One request to the core: who, where, what.
#[derive(Debug, Clone)]
pub struct Invocation {
    /// The workspace (Discord guild id, or the console's local id).
    pub workspace_id: WorkspaceId,
    /// Name used if the workspace does not exist yet and is created by this invocation.
    pub workspace_name: String,
    pub actor: Actor,
    pub channel_id: Option<ChannelId>,
    /// The transport's id for this request; a write is applied once per id.
    pub interaction_id: Option<String>,
    pub action: Action,
}

/// The person acting.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: UserId,
    pub display_name: String,
    pub roles: ActorRoles,
}

/// Where the actor's roles come from.
#[derive(Debug, Clone)]
pub enum ActorRoles {
    /// Roles given directly (console `--role`, tests, scheduler).
    Local(Vec<Role>),
    /// Discord role ids, turned into roles through the workspace's role mapping; a member with the
    /// Discord Administrator permission is always an admin (so the inviter can run `/setup`).
    Discord {
        role_ids: Vec<RoleId>,
        administrator: bool,
    },
}

/// What was asked.
#[derive(Debug, Clone)]
pub enum Action {
    /// A slash command: `path` like `["deal", "add"]`, options as the person gave them.
    Command {
        path: Vec<String>,
        options: Vec<(String, OptionInput)>,
    },
    /// A button click; the custom id names the command and its options (see `custom_id`).
    Component { custom_id: String },
    /// A submitted modal: the custom id as for a button, plus the fields typed in it.
    ModalSubmit {
        custom_id: String,
        fields: Vec<(String, String)>,
    },
}

/// An option value as a door received it, before validation against the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OptionInput {
    /// Typed text (the console gives everything as text; the core converts it).
    Text(String),
    Integer(i64),
    Boolean(bool),
    /// A member's id (a door's member picker, or a mention the door recognised).
    User(UserId),
    /// A channel's id, as a door recognised it.
    Channel(ChannelId),
    /// A chat role's id, as a door recognised it.
    Role(RoleId),
}

impl Invocation {
    /// A slash command invocation with text options, the way the console and tests build one.
    pub fn command(
        workspace_id: WorkspaceId,
        actor: Actor,
        path: &[&str],
        options: &[(&str, &str)],
    ) -> Invocation {
        Invocation {
            workspace_id,
            workspace_name: format!("Workspace {workspace_id}"),
            actor,
            channel_id: None,
            interaction_id: None,
            action: Action::Command {
                path: path.iter().map(|s| s.to_string()).collect(),
                options: options
                    .iter()
                    .map(|(k, v)| (k.to_string(), OptionInput::Text(v.to_string())))
                    .collect(),
            },
        }
    }

    /// The command as typed, for logs and the audit trail (`/deal add`).
    pub fn command_path(&self) -> String {
        match &self.action {
            Action::Command { path, .. } => format!("/{}", path.join(" ")),
            Action::Component { custom_id } => format!("button {custom_id}"),
            Action::ModalSubmit { custom_id, .. } => format!("form {custom_id}"),
        }
    }
}

impl Actor {
    pub fn local(user_id: UserId, display_name: &str, roles: &[Role]) -> Actor {
        Actor {
            user_id,
            display_name: display_name.to_string(),
            roles: ActorRoles::Local(roles.to_vec()),
        }
    }
}
