//! `DiscordApp`: the whole bot under test. A `TestApp` (fresh database, fixed clock), a
//! `FakeDiscord`, and `partnerbot::discord::run` connected to the fake exactly as production
//! connects to Discord (REST proxy + gateway URL, rate limiter off), waiting for READY.
//! `stop()` shuts the bot down the way SIGTERM does and asserts it used Discord's API correctly
//! (no schema errors, no unknown routes, no broken interaction rules).

use super::fake_discord::{Answer, FakeConfig, FakeDiscord, Recorded, APP_ID, WAIT};
use super::{Backend, TestApp};
use partnerbot::discord::{self, DiscordSettings};
use partnerbot::scheduler::runner::RunnerSettings;
use serde_json::Value;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The token the bot is configured with; the fake refuses any other.
pub const TOKEN: &str = "test-token";
/// How long the bot may take before deferring (production's default).
pub const DEFER_AFTER: Duration = Duration::from_millis(2500);

pub struct DiscordApp {
    /// `None` only after `stop()` handed it back.
    app: Option<TestApp>,
    pub fake: FakeDiscord,
    shutdown: Option<oneshot::Sender<()>>,
    bot: Option<JoinHandle<anyhow::Result<()>>>,
    shards: usize,
    /// The API-misuse check ran (in `stop`).
    checked: bool,
}

/// `app.core`, `app.ok(line)`, `app.store()`... of the `TestApp` underneath.
impl std::ops::Deref for DiscordApp {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        self.app.as_ref().expect("app")
    }
}

/// The settings `run` gets: everything pointed at the fake, one shard.
pub fn settings(fake: &FakeDiscord) -> DiscordSettings {
    DiscordSettings {
        token: TOKEN.to_string(),
        application_id: Some(APP_ID),
        rest_proxy: Some(fake.rest_url()),
        gateway_url: Some(fake.gateway_url()),
        shard_count: 1,
        shard_range: None,
        defer_after: DEFER_AFTER,
    }
}

impl DiscordApp {
    /// The bot connected and READY; `None` when the backend is unavailable (as `TestApp`).
    pub async fn start(backend: Backend) -> Option<DiscordApp> {
        let app = DiscordApp::launch(backend, FakeConfig::default(), |_| {}).await?;
        app.wait_ready().await;
        Some(app)
    }

    /// Starts the bot without waiting for READY, after `adjust` changed its settings (token,
    /// shards, defer delay) and with the fake configured by `config` (its token is always
    /// `TOKEN`).
    pub async fn launch(
        backend: Backend,
        config: FakeConfig,
        adjust: impl FnOnce(&mut DiscordSettings),
    ) -> Option<DiscordApp> {
        DiscordApp::launch_with(backend, config, adjust, RunnerSettings::default()).await
    }

    /// The bot connected and READY, its schedule runner ticking with `scheduler`'s settings.
    pub async fn start_scheduling(
        backend: Backend,
        scheduler: RunnerSettings,
    ) -> Option<DiscordApp> {
        let app = DiscordApp::launch_with(backend, FakeConfig::default(), |_| {}, scheduler);
        let app = app.await?;
        app.wait_ready().await;
        Some(app)
    }

    async fn launch_with(
        backend: Backend,
        config: FakeConfig,
        adjust: impl FnOnce(&mut DiscordSettings),
        scheduler: RunnerSettings,
    ) -> Option<DiscordApp> {
        let app = TestApp::start(backend).await?;
        let config = FakeConfig {
            expected_token: Some(TOKEN.to_string()),
            ..config
        };
        let fake = FakeDiscord::start_with(config)
            .await
            .expect("start fake discord");
        let mut settings = settings(&fake);
        adjust(&mut settings);
        let (first, last) = settings.shards();
        let (tx, rx) = oneshot::channel::<()>();
        let shutdown = async move {
            let _ = rx.await;
        };
        let bot = tokio::spawn(discord::run(
            app.core.clone(),
            settings,
            scheduler,
            shutdown,
        ));
        Some(DiscordApp {
            app: Some(app),
            fake,
            shutdown: Some(tx),
            bot: Some(bot),
            shards: (last - first + 1) as usize,
            checked: false,
        })
    }

    /// Waits until every shard of the bot is READY; panics with the bot's error if it stopped.
    pub async fn wait_ready(&self) {
        let bot = self.bot.as_ref().expect("bot running");
        tokio::select! {
            _ = self.fake.wait_sessions(self.shards, WAIT) => {}
            () = async { while !bot.is_finished() { tokio::time::sleep(Duration::from_millis(20)).await } } => {
                panic!("the bot stopped before READY; requests:\n{}", self.fake.summary())
            }
        }
    }

    /// Sends an interaction (from `Interaction::..build()`) and waits for its answer (the
    /// callback, plus the edit when it deferred).
    pub async fn interact(&self, interaction: Value) -> Answer {
        self.fake.send_interaction(interaction.clone()).await;
        self.fake.wait_answer(&interaction, WAIT).await
    }

    /// Sends an interaction without waiting.
    pub async fn send(&self, interaction: Value) {
        self.fake.send_interaction(interaction).await;
    }

    /// Dispatches MESSAGE_CREATE (from `message_create(..).build()`) and waits for the bot's
    /// next channel message.
    pub async fn say(&self, message: Value) -> Recorded {
        let after = self.fake.requests().len();
        self.fake.dispatch("MESSAGE_CREATE", message).await;
        let route = "/channels/{channel_id}/messages";
        self.fake
            .wait_for(|r| r.seq >= after && r.is("POST", route), WAIT)
            .await
    }

    /// Dispatches GUILD_CREATE (from `guild_create(..).build()`), as when the bot joins a server.
    pub async fn join(&self, guild: Value) {
        self.fake.dispatch("GUILD_CREATE", guild).await;
    }

    /// Resolves the shutdown signal, waits for `run` to return, asserts it returned `Ok` and
    /// used Discord's API correctly, and hands back the `TestApp` (to look at the database).
    pub async fn stop(mut self) -> TestApp {
        if let Err(err) = self.finish().await {
            panic!("the bot ended with an error: {err:#}");
        }
        self.checked = true;
        self.fake.assert_clean();
        self.app.take().expect("app")
    }

    /// Resolves the shutdown signal and returns what `run` returned (for tests expecting an
    /// error, like a rejected token).
    pub async fn finish(&mut self) -> anyhow::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let bot = self.bot.take().expect("bot still running");
        let ended = tokio::time::timeout(Duration::from_secs(30), bot).await;
        ended
            .expect("the bot stopped within 30 s of shutdown")
            .expect("bot task")
    }
}

/// Without `stop()`, the bot task is aborted; API misuse still fails the test (unless it is
/// already failing).
impl Drop for DiscordApp {
    fn drop(&mut self) {
        if let Some(bot) = self.bot.take() {
            bot.abort();
        }
        if !self.checked && !std::thread::panicking() {
            self.fake.assert_clean();
        }
    }
}
