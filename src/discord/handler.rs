//! The gateway event handler: every interaction goes to the core and is answered (see
//! `answer`); a message that mentions the bot (or a direct message) is answered in its channel;
//! joining a server creates its workspace and posts the welcome once. Each event counts as work
//! in flight so shutdown can wait for it.

use crate::core::reply::Reply;
use crate::core::Core;
use crate::discord::answer::{self, Kind, Target};
use crate::discord::render::layout;
use crate::discord::render::limits::{CHANNEL_FILE_LIMIT, DEFAULT_FILE_LIMIT};
use crate::discord::shutdown::InFlight;
use crate::discord::{builders, convert, posts};
use serenity::all::{
    async_trait, Builder, ChannelId, ChannelType, CommandInteraction, Context,
    CreateAutocompleteResponse, CreateInteractionResponse, EventHandler, Guild, Http, Interaction,
    Message, Ready, UserId,
};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How many channels to try for the welcome before giving up (missing permissions).
const WELCOME_ATTEMPTS: usize = 3;

const OUTSIDE_A_SERVER: &str = "partnerbot works inside a server: run this command in a \
                                channel of your team's server.";

pub struct Handler {
    core: Core,
    defer_after: Duration,
    in_flight: InFlight,
    /// The bot's own user id, learnt at READY (0 until then); needed to spot mentions.
    bot_id: AtomicU64,
}

impl Handler {
    pub fn new(core: Core, defer_after: Duration, in_flight: InFlight) -> Handler {
        Handler {
            core,
            defer_after,
            in_flight,
            bot_id: AtomicU64::new(0),
        }
    }

    async fn interaction(&self, http: &Http, interaction: Interaction) -> serenity::Result<()> {
        let (invocation, target) = match &interaction {
            Interaction::Autocomplete(request) => return self.autocomplete(http, request).await,
            Interaction::Command(cmd) => (
                convert::command(cmd),
                Target {
                    id: cmd.id,
                    token: &cmd.token,
                    kind: Kind::Command,
                    file_limit: file_limit(cmd.attachment_size_limit),
                },
            ),
            Interaction::Component(click) => (
                convert::component(click),
                Target {
                    id: click.id,
                    token: &click.token,
                    kind: Kind::Button {
                        in_place: crate::core::commands::answers_in_place(&click.data.custom_id),
                    },
                    file_limit: file_limit(click.attachment_size_limit),
                },
            ),
            Interaction::Modal(submit) => (
                convert::modal(submit),
                Target {
                    id: submit.id,
                    token: &submit.token,
                    kind: Kind::ModalSubmit {
                        in_place: submit.message.is_some()
                            && crate::core::commands::answers_in_place(&submit.data.custom_id),
                    },
                    file_limit: DEFAULT_FILE_LIMIT,
                },
            ),
            _ => return Ok(()),
        };
        match invocation {
            Some(invocation) => {
                tracing::debug!(command = %invocation.command_path(), "interaction");
                let work = self.core.handle(&invocation);
                let reply = answer::answer(http, &target, work, self.defer_after).await?;
                posts::deliver(http, &self.core, invocation.workspace_id, &reply.posts).await;
                Ok(())
            }
            None => {
                let refusal = async { Reply::error(OUTSIDE_A_SERVER) };
                answer::answer(http, &target, refusal, Duration::MAX).await?;
                Ok(())
            }
        }
    }

    async fn autocomplete(
        &self,
        http: &Http,
        request: &CommandInteraction,
    ) -> serenity::Result<()> {
        let choices = match convert::autocomplete(request) {
            Some(wanted) => self.core.autocomplete(&wanted).await,
            None => Vec::new(),
        };
        let response = if choices.is_empty() {
            CreateAutocompleteResponse::new()
        } else {
            builders::autocomplete(&choices)
        };
        CreateInteractionResponse::Autocomplete(response)
            .execute(http, (request.id, &request.token))
            .await
    }

    /// Answers a question asked by mentioning the bot, as a reply in the same channel.
    async fn mention(&self, http: &Http, message: &Message) -> serenity::Result<()> {
        let reply = self.core.mention(&convert::mention(message)).await;
        let layout = layout(&reply, CHANNEL_FILE_LIMIT);
        for (i, part) in layout.messages.iter().enumerate() {
            let reply_to = (i == 0).then_some(message);
            builders::channel_message(part, reply_to)
                .execute(http, (message.channel_id, message.guild_id))
                .await?;
        }
        Ok(())
    }

    /// Creates the workspace of a server the bot is in; posts the welcome when it is new.
    async fn joined(&self, http: &Http, guild: &Guild) {
        let guild_id = crate::domain::ids::WorkspaceId::new(convert::id(guild.id.get()));
        let welcome = match self.core.workspace_joined(guild_id, &guild.name).await {
            Ok(Some(welcome)) => welcome,
            Ok(None) => return,
            Err(err) => {
                tracing::error!(guild = %guild_id, "creating the workspace failed: {err:#}");
                return;
            }
        };
        let layout = layout(&welcome, CHANNEL_FILE_LIMIT);
        for channel in welcome_channels(guild).into_iter().take(WELCOME_ATTEMPTS) {
            let mut posted = true;
            for part in &layout.messages {
                let sent = builders::channel_message(part, None)
                    .execute(http, (channel, Some(guild.id)))
                    .await;
                if let Err(err) = sent {
                    tracing::warn!(guild = %guild_id, %channel, "cannot post the welcome: {err}");
                    posted = false;
                    break;
                }
            }
            if posted {
                tracing::info!(guild = %guild_id, %channel, "joined {} and posted the welcome", guild.name);
                return;
            }
        }
        tracing::warn!(
            guild = %guild_id,
            "joined {} but found no channel for the welcome",
            guild.name
        );
    }
}

/// Where the welcome goes: the server's system channel, then its text channels in the order
/// members see them.
fn welcome_channels(guild: &Guild) -> Vec<ChannelId> {
    let mut text: Vec<_> = guild
        .channels
        .values()
        .filter(|c| c.kind == ChannelType::Text)
        .map(|c| (c.position, c.id))
        .collect();
    text.sort();
    guild
        .system_channel_id
        .into_iter()
        .chain(text.into_iter().map(|(_, id)| id))
        .fold(Vec::new(), |mut out, id| {
            if !out.contains(&id) {
                out.push(id);
            }
            out
        })
}

fn file_limit(from_interaction: u32) -> usize {
    match usize::try_from(from_interaction) {
        Ok(0) | Err(_) => DEFAULT_FILE_LIMIT,
        Ok(limit) => limit,
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        self.bot_id.store(ready.user.id.get(), Ordering::Release);
        tracing::info!(
            bot = %ready.user.name,
            servers = ready.guilds.len(),
            shard = ?ready.shard.map(|s| s.id.0),
            "connected to Discord"
        );
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let _working = self.in_flight.start();
        let id = interaction.id();
        if let Err(err) = self.interaction(&ctx.http, interaction).await {
            tracing::warn!(interaction = %id, "answering the interaction failed: {err}");
        }
    }

    async fn message(&self, ctx: Context, message: Message) {
        let bot = self.bot_id.load(Ordering::Acquire);
        if bot == 0 || !convert::is_for_bot(&message, UserId::new(bot)) {
            return;
        }
        let _working = self.in_flight.start();
        if let Err(err) = self.mention(&ctx.http, &message).await {
            tracing::warn!(channel = %message.channel_id, "answering a mention failed: {err}");
        }
    }

    async fn guild_create(&self, ctx: Context, guild: Guild, _is_new: Option<bool>) {
        let _working = self.in_flight.start();
        self.joined(&ctx.http, &guild).await;
    }
}
