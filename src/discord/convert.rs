//! Discord's events turned into what the core understands: a slash command's nested options
//! flattened into a command path and typed values, button clicks and modal submits into their
//! actions, the member's roles and Administrator permission into [`ActorRoles::Discord`], a
//! mention into a [`Mention`]. Pure functions over serenity's models.

use crate::core::autocomplete::AutocompleteRequest;
use crate::core::mention::Mention;
use crate::core::{Action, Actor, ActorRoles, Invocation, OptionInput};
use crate::domain::ids;
use serenity::model::application::{
    ActionRowComponent, CommandData, CommandDataOption, CommandDataOptionValue, CommandInteraction,
    ComponentInteraction, ModalInteraction,
};
use serenity::model::channel::Message;
use serenity::model::guild::{Member, PartialMember};
use serenity::model::id::{GuildId, UserId};
use serenity::model::user::User;
use serenity::model::Permissions;

/// The workspace name used when an interaction creates the workspace (the guild's real name
/// arrives with GUILD_CREATE; an interaction carries only the id).
fn workspace_name(guild_id: GuildId) -> String {
    format!("Server {guild_id}")
}

/// Discord ids are u64 snowflakes below 2^63; the store keeps them as i64.
pub fn id(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Nickname in the server, else the global display name, else the username.
pub fn display_name(user: &User, nick: Option<&str>) -> String {
    nick.or(user.global_name.as_deref())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(&user.name)
        .to_string()
}

/// The person behind an interaction: in a server, the member with their role ids and whether
/// they hold the Administrator permission; in a direct message, the user with no roles.
pub fn actor(user: &User, member: Option<&Member>) -> Actor {
    match member {
        Some(member) => Actor {
            user_id: ids::UserId::new(id(member.user.id.get())),
            display_name: display_name(&member.user, member.nick.as_deref()),
            roles: ActorRoles::Discord {
                role_ids: member
                    .roles
                    .iter()
                    .map(|r| ids::RoleId::new(id(r.get())))
                    .collect(),
                administrator: member
                    .permissions
                    .is_some_and(|p| p.contains(Permissions::ADMINISTRATOR)),
            },
        },
        None => Actor {
            user_id: ids::UserId::new(id(user.id.get())),
            display_name: display_name(user, None),
            roles: ActorRoles::Discord {
                role_ids: Vec::new(),
                administrator: false,
            },
        },
    }
}

/// The command path (`["deal", "add"]`) and the options of the subcommand that was run.
pub fn command_request(data: &CommandData) -> (Vec<String>, Vec<(String, OptionInput)>) {
    let mut path = vec![data.name.clone()];
    let mut options = Vec::new();
    flatten(&data.options, &mut path, &mut options);
    (path, options)
}

fn flatten(
    given: &[CommandDataOption],
    path: &mut Vec<String>,
    out: &mut Vec<(String, OptionInput)>,
) {
    for option in given {
        match &option.value {
            CommandDataOptionValue::SubCommand(inner)
            | CommandDataOptionValue::SubCommandGroup(inner) => {
                path.push(option.name.clone());
                flatten(inner, path, out);
            }
            value => {
                if let Some(input) = option_input(value) {
                    out.push((option.name.clone(), input));
                }
            }
        }
    }
}

/// One option value as the core takes it: channels and roles as their ids, numbers as text (the
/// core validates them against the manifest), attachments not supported.
pub fn option_input(value: &CommandDataOptionValue) -> Option<OptionInput> {
    Some(match value {
        CommandDataOptionValue::String(text) => OptionInput::Text(text.clone()),
        CommandDataOptionValue::Integer(n) => OptionInput::Integer(*n),
        CommandDataOptionValue::Boolean(b) => OptionInput::Boolean(*b),
        CommandDataOptionValue::User(user) => OptionInput::User(ids::UserId::new(id(user.get()))),
        CommandDataOptionValue::Channel(channel) => OptionInput::Integer(id(channel.get())),
        CommandDataOptionValue::Role(role) => OptionInput::Integer(id(role.get())),
        CommandDataOptionValue::Mentionable(any) => OptionInput::Integer(id(any.get())),
        CommandDataOptionValue::Number(x) => OptionInput::Text(x.to_string()),
        CommandDataOptionValue::Autocomplete { value, .. } => OptionInput::Text(value.clone()),
        _ => return None,
    })
}

fn invocation(
    guild_id: GuildId,
    actor: Actor,
    channel_id: u64,
    interaction_id: u64,
    action: Action,
) -> Invocation {
    Invocation {
        workspace_id: ids::WorkspaceId::new(id(guild_id.get())),
        workspace_name: workspace_name(guild_id),
        actor,
        channel_id: Some(ids::ChannelId::new(id(channel_id))),
        interaction_id: Some(interaction_id.to_string()),
        action,
    }
}

/// A slash command in a server; `None` in a direct message (commands need a workspace).
pub fn command(interaction: &CommandInteraction) -> Option<Invocation> {
    let guild_id = interaction.guild_id?;
    let (path, options) = command_request(&interaction.data);
    Some(invocation(
        guild_id,
        actor(&interaction.user, interaction.member.as_deref()),
        interaction.channel_id.get(),
        interaction.id.get(),
        Action::Command { path, options },
    ))
}

/// A button click in a server.
pub fn component(interaction: &ComponentInteraction) -> Option<Invocation> {
    let guild_id = interaction.guild_id?;
    Some(invocation(
        guild_id,
        actor(&interaction.user, interaction.member.as_ref()),
        interaction.channel_id.get(),
        interaction.id.get(),
        Action::Component {
            custom_id: interaction.data.custom_id.clone(),
        },
    ))
}

/// A submitted modal in a server: each text input's custom id is the option it fills.
pub fn modal(interaction: &ModalInteraction) -> Option<Invocation> {
    let guild_id = interaction.guild_id?;
    let fields = interaction
        .data
        .components
        .iter()
        .flat_map(|row| &row.components)
        .filter_map(|component| match component {
            ActionRowComponent::InputText(input) => Some((
                input.custom_id.clone(),
                input.value.clone().unwrap_or_default(),
            )),
            _ => None,
        })
        .collect();
    Some(invocation(
        guild_id,
        actor(&interaction.user, interaction.member.as_ref()),
        interaction.channel_id.get(),
        interaction.id.get(),
        Action::ModalSubmit {
            custom_id: interaction.data.custom_id.clone(),
            fields,
        },
    ))
}

/// The option being typed in an autocomplete interaction, with the command path.
pub fn autocomplete(interaction: &CommandInteraction) -> Option<AutocompleteRequest> {
    let guild_id = interaction.guild_id?;
    let focused = interaction.data.autocomplete()?;
    let (path, _) = command_request(&interaction.data);
    Some(AutocompleteRequest {
        workspace_id: ids::WorkspaceId::new(id(guild_id.get())),
        path,
        option: focused.name.to_string(),
        partial: focused.value.to_string(),
    })
}

/// Whether a message is a question for the bot: a direct message, or one that mentions it.
/// Other bots (and the bot itself) are never answered.
pub fn is_for_bot(message: &Message, bot: UserId) -> bool {
    if message.author.bot || message.author.id == bot {
        return false;
    }
    message.guild_id.is_none()
        || message.mentions.iter().any(|u| u.id == bot)
        || message.content.contains(&format!("<@{bot}>"))
        || message.content.contains(&format!("<@!{bot}>"))
}

/// A message for the bot as the core's [`Mention`]. Message events carry the member's role ids
/// but not their permissions, so the Administrator permission is not seen here.
pub fn mention(message: &Message) -> Mention {
    let member: Option<&PartialMember> = message.member.as_deref();
    let nick = member.and_then(|m| m.nick.as_deref());
    let role_ids = member
        .map(|m| {
            m.roles
                .iter()
                .map(|r| ids::RoleId::new(id(r.get())))
                .collect()
        })
        .unwrap_or_default();
    let administrator = member
        .and_then(|m| m.permissions)
        .is_some_and(|p| p.contains(Permissions::ADMINISTRATOR));
    Mention {
        workspace_id: message.guild_id.map(|g| ids::WorkspaceId::new(id(g.get()))),
        workspace_name: message.guild_id.map(workspace_name).unwrap_or_default(),
        actor: Actor {
            user_id: ids::UserId::new(id(message.author.id.get())),
            display_name: display_name(&message.author, nick),
            roles: ActorRoles::Discord {
                role_ids,
                administrator,
            },
        },
        channel_id: Some(ids::ChannelId::new(id(message.channel_id.get()))),
        text: without_mentions(&message.content),
    }
}

/// A message's words without Discord mentions (`<@123>`, `<@!123>`, `<@&4>`): the question the
/// core is asked.
pub fn without_mentions(content: &str) -> String {
    content
        .split_whitespace()
        .filter(|w| !(w.starts_with("<@") && w.ends_with('>')))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
#[path = "convert_tests.rs"]
mod tests;
