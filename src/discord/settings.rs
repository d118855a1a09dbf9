//! What the Discord door needs to run, taken from the configuration once and checked: a token
//! is present, the shard range fits, the defer delay is a `Duration`.

use crate::config::DiscordConfig;
use std::time::Duration;

/// Settings for [`run`](crate::discord::run).
#[derive(Clone)]
pub struct DiscordSettings {
    pub token: String,
    /// Known in advance for `register-commands`; otherwise learnt at READY.
    pub application_id: Option<u64>,
    /// REST base URL replacing `https://discord.com`; serenity's rate limiter is off when set.
    pub rest_proxy: Option<String>,
    /// Gateway URL replacing the one `GET /gateway` returns.
    pub gateway_url: Option<String>,
    pub shard_count: u32,
    /// First and last shard (inclusive) run by this process; `None` runs them all.
    pub shard_range: Option<(u32, u32)>,
    /// How long the core may take before the interaction is deferred.
    pub defer_after: Duration,
}

/// `partnerbot run` was started without a token.
#[derive(Debug, thiserror::Error)]
#[error(
    "no Discord bot token: set DISCORD_TOKEN (or PARTNERBOT_DISCORD_TOKEN, or `token` under \
     [discord] in partnerbot.toml). Create one at https://discord.com/developers/applications \
     (your app > Bot > Reset Token)."
)]
pub struct MissingToken;

impl DiscordSettings {
    pub fn from_config(config: &DiscordConfig) -> Result<DiscordSettings, MissingToken> {
        let token = config
            .token
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(MissingToken)?;
        Ok(DiscordSettings {
            token: token.to_string(),
            application_id: config.application_id,
            rest_proxy: config.rest_proxy.clone(),
            gateway_url: config.gateway_url.clone(),
            shard_count: config.shard_count.max(1),
            shard_range: config.shard_range,
            defer_after: Duration::from_millis(config.defer_after_ms),
        })
    }

    /// The first and last shard this process runs.
    pub fn shards(&self) -> (u32, u32) {
        self.shard_range.unwrap_or((0, self.shard_count - 1))
    }
}

/// The token is a secret: never print it.
impl std::fmt::Debug for DiscordSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordSettings")
            .field("token", &"<redacted>")
            .field("application_id", &self.application_id)
            .field("rest_proxy", &self.rest_proxy)
            .field("gateway_url", &self.gateway_url)
            .field("shard_count", &self.shard_count)
            .field("shard_range", &self.shard_range)
            .field("defer_after", &self.defer_after)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_blank_token_is_refused_with_where_to_set_it() {
        let mut config = DiscordConfig::default();
        let err = DiscordSettings::from_config(&config).unwrap_err();
        assert!(err.to_string().contains("DISCORD_TOKEN"));
        config.token = Some("   ".into());
        assert!(DiscordSettings::from_config(&config).is_err());
    }

    #[test]
    fn without_a_range_every_shard_runs_in_this_process() {
        let config = DiscordConfig {
            token: Some("t".into()),
            shard_count: 4,
            defer_after_ms: 10,
            ..DiscordConfig::default()
        };
        let settings = DiscordSettings::from_config(&config).unwrap();
        assert_eq!(settings.shards(), (0, 3));
        assert_eq!(settings.defer_after, Duration::from_millis(10));
        let ranged = DiscordSettings {
            shard_range: Some((2, 3)),
            ..settings
        };
        assert_eq!(ranged.shards(), (2, 3));
    }
}
