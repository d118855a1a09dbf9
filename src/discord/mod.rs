//! The Discord door: connects to the gateway with the bot token, turns every interaction into
//! an [`Invocation`](crate::core::Invocation) for the core and its [`Reply`](crate::core::Reply)
//! into Discord messages (embeds, buttons, modals, follow-ups within Discord's limits), answers
//! questions asked by mentioning the bot, welcomes new servers, and registers the slash
//! commands from the manifests.
//!
//! - `settings`: what `run` needs, from the configuration.
//! - `convert`: serenity events to invocations, actors, autocomplete requests, mentions.
//! - `render` (with `split`): a reply laid out as messages within Discord's limits.
//! - `builders`: that layout as serenity request builders, modals, autocomplete choices.
//! - `answer`: one interaction answered in time, or deferred and delivered later.
//! - `handler`: the gateway event handler.
//! - `register`: `register-commands`, a bulk overwrite with a report of what changed.
//! - `posts`: channel posts the core asks for; `scheduled`: the scheduler's poster, the same
//!   posts with a nonce Discord enforces, failures sorted into retryable or not.
//! - `shutdown`: the signal and the in-flight work shutdown waits for.
//!
//! Only non-privileged intents are asked for: GUILDS, GUILD_MESSAGES, DIRECT_MESSAGES. Discord
//! delivers the content of messages that mention the bot (and of direct messages) without the
//! privileged MESSAGE_CONTENT intent, which is all the bot reads.

mod answer;
mod builders;
pub mod convert;
mod handler;
pub mod manifest_limits;
pub mod markup;
mod posts;
pub mod register;
pub mod render;
pub mod scheduled;
pub mod settings;
pub mod shutdown;
mod split;

pub use settings::{DiscordSettings, MissingToken};

use crate::core::Core;
use crate::scheduler::runner::{instance_name, Runner, RunnerSettings};
use anyhow::Context as _;
use serenity::all::{ClientBuilder, GatewayError, GatewayIntents, Http, HttpBuilder};
use std::future::Future;
use std::sync::Arc;

/// Discord refused the token (HTTP 401 or gateway close code 4004).
#[derive(Debug, thiserror::Error)]
#[error(
    "Discord rejected the bot token: check DISCORD_TOKEN (copy it again from \
     https://discord.com/developers/applications, your app > Bot > Reset Token)"
)]
pub struct TokenRejected;

/// The gateway intents the bot asks for; none of them privileged.
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES
}

/// The REST client: through the proxy when one is configured (with serenity's own rate limiter
/// off, as the proxy owns rate limiting).
pub fn http(settings: &DiscordSettings) -> Http {
    let mut builder = HttpBuilder::new(&settings.token);
    if let Some(proxy) = &settings.rest_proxy {
        builder = builder
            .proxy(proxy.trim_end_matches('/'))
            .ratelimiter_disabled(true);
    }
    if let Some(id) = settings.application_id.filter(|id| *id != 0) {
        builder = builder.application_id(serenity::all::ApplicationId::new(id));
    }
    builder.build()
}

/// Checks the token with `GET /users/@me`: [`TokenRejected`] on 401, an error when Discord
/// cannot be reached.
pub async fn check_token(http: &Http) -> anyhow::Result<String> {
    match http.get_current_user().await {
        Ok(user) => Ok(user.name.clone()),
        Err(err) if is_unauthorized(&err) => Err(TokenRejected.into()),
        Err(err) => Err(anyhow::Error::new(err).context("cannot reach Discord to check the token")),
    }
}

pub(crate) fn is_unauthorized(err: &serenity::Error) -> bool {
    matches!(err, serenity::Error::Http(http) if http.status_code().is_some_and(|s| s.as_u16() == 401))
}

/// Connects to Discord and answers events until `shutdown` resolves, and runs the schedules
/// beside it (a [`Runner`] with `scheduler`'s settings, posting through the client's REST
/// client); then stops the runner after its tick in progress, closes the gateway connections
/// and waits (up to [`shutdown::GRACE`] each) for interactions in flight to be answered.
/// The caller closes the store afterwards.
pub async fn run(
    core: Core,
    settings: DiscordSettings,
    scheduler: RunnerSettings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let http = http(&settings);
    let bot = check_token(&http).await?;
    tracing::info!(%bot, "token accepted");
    let in_flight = shutdown::InFlight::default();
    let handler = Arc::new(handler::Handler::new(
        core.clone(),
        settings.defer_after,
        in_flight.clone(),
    ));
    let mut client = ClientBuilder::new_with_http(http, intents())
        .event_handler_arc(handler)
        .await
        .context("cannot set up the Discord client")?;
    if let Some(url) = &settings.gateway_url {
        *client.ws_url.lock().await = url.clone();
    }
    let shard_manager = client.shard_manager.clone();
    let poster = Arc::new(scheduled::DiscordPoster::new(client.http.clone()));
    let runner = Runner::new(core, poster, instance_name(), scheduler);
    let (stop_runner, runner_stopped) = tokio::sync::oneshot::channel::<()>();
    let mut runner = tokio::spawn(async move {
        runner
            .run(async {
                let _ = runner_stopped.await;
            })
            .await;
    });
    let (first, last) = settings.shards();
    tracing::info!(first, last, total = settings.shard_count, "starting shards");
    let ended = tokio::select! {
        result = client.start_shard_range(first..last, settings.shard_count) => Some(result),
        () = shutdown => None,
    };
    let outcome = match ended {
        None => {
            tracing::info!("shutting down: closing the gateway, finishing interactions in flight");
            shard_manager.shutdown_all().await;
            Ok(())
        }
        Some(Ok(())) => Ok(()),
        Some(Err(serenity::Error::Gateway(GatewayError::InvalidAuthentication))) => {
            Err(TokenRejected.into())
        }
        Some(Err(err)) => Err(anyhow::Error::new(err).context("the Discord connection failed")),
    };
    let _ = stop_runner.send(());
    if tokio::time::timeout(shutdown::GRACE, &mut runner)
        .await
        .is_err()
    {
        // Its claim in progress is taken over by the next runner, with the same nonce.
        tracing::warn!("gave up waiting for the scheduler's tick in progress");
        runner.abort();
    }
    if !in_flight.finished(shutdown::GRACE).await {
        tracing::warn!(
            left = in_flight.count(),
            "gave up waiting for interactions in flight"
        );
    }
    outcome
}
