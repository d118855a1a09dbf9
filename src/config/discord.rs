//! The `[discord]` part of the configuration: the bot token, the application id, where Discord's
//! REST API and gateway are (a rate-limiting proxy in production, the fake in tests), sharding,
//! and how long to wait before deferring an interaction.
//!
//! | file (`[discord]`) | environment | default |
//! |---|---|---|
//! | `token` | `PARTNERBOT_DISCORD_TOKEN`, then `DISCORD_TOKEN` | none |
//! | `application_id` | `PARTNERBOT_DISCORD_APPLICATION_ID` | from Discord |
//! | `rest_proxy` | `PARTNERBOT_DISCORD_REST_PROXY` | `https://discord.com` |
//! | `gateway_url` | `PARTNERBOT_DISCORD_GATEWAY_URL` | from `GET /gateway` |
//! | `shard_count` | `PARTNERBOT_DISCORD_SHARD_COUNT` | 1 |
//! | `shard_range = [first, last]` | `PARTNERBOT_DISCORD_SHARDS=0-3` | every shard |
//! | `defer_after_ms` | `PARTNERBOT_DISCORD_DEFER_AFTER_MS` | 2500 |

use super::number;
use anyhow::bail;
use serde::Deserialize;

/// Discord answers an interaction within 3 s; past this the bot defers and edits later.
pub const DEFAULT_DEFER_AFTER_MS: u64 = 2500;

#[derive(Clone, PartialEq, Eq)]
pub struct DiscordConfig {
    /// The bot token; `None` until configured (`partnerbot run` refuses to start without it).
    pub token: Option<String>,
    /// Needed by `register-commands` when it cannot be asked from Discord; `run` learns it at READY.
    pub application_id: Option<u64>,
    /// Base URL that replaces `https://discord.com` for REST calls; also turns serenity's own
    /// rate limiter off (the proxy owns rate limiting).
    pub rest_proxy: Option<String>,
    /// Gateway websocket URL used instead of the one `GET /gateway` returns.
    pub gateway_url: Option<String>,
    /// Total shards of the bot, across every process.
    pub shard_count: u32,
    /// The shards this process runs, inclusive; `None` runs all of them.
    pub shard_range: Option<(u32, u32)>,
    /// Milliseconds to wait for the core before sending a deferred response.
    pub defer_after_ms: u64,
}

impl Default for DiscordConfig {
    fn default() -> Self {
        DiscordConfig {
            token: None,
            application_id: None,
            rest_proxy: None,
            gateway_url: None,
            shard_count: 1,
            shard_range: None,
            defer_after_ms: DEFAULT_DEFER_AFTER_MS,
        }
    }
}

/// The token is a secret: never print it, even in debug output.
impl std::fmt::Debug for DiscordConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordConfig")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("application_id", &self.application_id)
            .field("rest_proxy", &self.rest_proxy)
            .field("gateway_url", &self.gateway_url)
            .field("shard_count", &self.shard_count)
            .field("shard_range", &self.shard_range)
            .field("defer_after_ms", &self.defer_after_ms)
            .finish()
    }
}

/// `[discord]` in `partnerbot.toml`; every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileDiscord {
    token: Option<String>,
    application_id: Option<u64>,
    rest_proxy: Option<String>,
    gateway_url: Option<String>,
    shard_count: Option<u32>,
    shard_range: Option<[u32; 2]>,
    defer_after_ms: Option<u64>,
}

impl DiscordConfig {
    pub(super) fn apply_file(&mut self, file: FileDiscord) {
        let nonempty = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
        if let Some(token) = nonempty(file.token) {
            self.token = Some(token);
        }
        if let Some(id) = file.application_id {
            self.application_id = Some(id);
        }
        if let Some(url) = nonempty(file.rest_proxy) {
            self.rest_proxy = Some(url);
        }
        if let Some(url) = nonempty(file.gateway_url) {
            self.gateway_url = Some(url);
        }
        if let Some(n) = file.shard_count {
            self.shard_count = n;
        }
        if let Some([first, last]) = file.shard_range {
            self.shard_range = Some((first, last));
        }
        if let Some(ms) = file.defer_after_ms {
            self.defer_after_ms = ms;
        }
    }

    /// Applies the environment (`get` returns only non-blank values) and checks the result.
    pub(super) fn apply_env(&mut self, get: &dyn Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        if let Some(token) = get("PARTNERBOT_DISCORD_TOKEN").or_else(|| get("DISCORD_TOKEN")) {
            self.token = Some(token.trim().to_string());
        }
        if let Some(id) = get("PARTNERBOT_DISCORD_APPLICATION_ID") {
            self.application_id = Some(number("PARTNERBOT_DISCORD_APPLICATION_ID", &id)?);
        }
        if let Some(url) = get("PARTNERBOT_DISCORD_REST_PROXY") {
            self.rest_proxy = Some(url);
        }
        if let Some(url) = get("PARTNERBOT_DISCORD_GATEWAY_URL") {
            self.gateway_url = Some(url);
        }
        if let Some(n) = get("PARTNERBOT_DISCORD_SHARD_COUNT") {
            self.shard_count = number("PARTNERBOT_DISCORD_SHARD_COUNT", &n)?;
        }
        if let Some(range) = get("PARTNERBOT_DISCORD_SHARDS") {
            self.shard_range = Some(parse_shards(&range)?);
        }
        if let Some(ms) = get("PARTNERBOT_DISCORD_DEFER_AFTER_MS") {
            self.defer_after_ms = number("PARTNERBOT_DISCORD_DEFER_AFTER_MS", &ms)?;
        }
        self.check()
    }

    fn check(&self) -> anyhow::Result<()> {
        if self.shard_count == 0 {
            bail!("discord shard_count must be at least 1");
        }
        if let Some((first, last)) = self.shard_range {
            if first > last || last >= self.shard_count {
                bail!(
                    "discord shard range {first}-{last} does not fit {} shard(s): shards are \
                     numbered 0-{} and the range is `first-last`",
                    self.shard_count,
                    self.shard_count - 1
                );
            }
        }
        for (key, url) in [
            ("rest_proxy", &self.rest_proxy),
            ("gateway_url", &self.gateway_url),
        ] {
            if let Some(url) = url {
                let schemes: &[&str] = if key == "rest_proxy" {
                    &["http://", "https://"]
                } else {
                    &["ws://", "wss://"]
                };
                if !schemes.iter().any(|s| url.starts_with(s)) {
                    bail!(
                        "discord {key} `{url}` must start with {}",
                        schemes.join(" or ")
                    );
                }
            }
        }
        Ok(())
    }
}

/// `0-3` (inclusive) or a single shard `2`.
fn parse_shards(text: &str) -> anyhow::Result<(u32, u32)> {
    let key = "PARTNERBOT_DISCORD_SHARDS";
    match text.split_once('-') {
        Some((first, last)) => Ok((number(key, first)?, number(key, last)?)),
        None => {
            let one = number(key, text)?;
            Ok((one, one))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::load_for_test as load;

    #[test]
    fn without_discord_settings_there_is_no_token_and_the_defaults_apply() {
        let discord = load("", &[]).unwrap().discord;
        assert_eq!(discord.token, None);
        assert_eq!(discord.shard_count, 1);
        assert_eq!(discord.shard_range, None);
        assert_eq!(discord.defer_after_ms, 2500);
        assert_eq!(discord.rest_proxy, None);
    }

    #[test]
    fn the_discord_table_in_the_file_is_read() {
        let file = "[discord]\ntoken = \"file-token\"\napplication_id = 42\n\
                    rest_proxy = \"http://127.0.0.1:3000\"\ngateway_url = \"ws://127.0.0.1:3001\"\n\
                    shard_count = 8\nshard_range = [4, 7]\ndefer_after_ms = 1000\n";
        let discord = load(file, &[]).unwrap().discord;
        assert_eq!(discord.token.as_deref(), Some("file-token"));
        assert_eq!(discord.application_id, Some(42));
        assert_eq!(discord.rest_proxy.as_deref(), Some("http://127.0.0.1:3000"));
        assert_eq!(discord.gateway_url.as_deref(), Some("ws://127.0.0.1:3001"));
        assert_eq!(discord.shard_count, 8);
        assert_eq!(discord.shard_range, Some((4, 7)));
        assert_eq!(discord.defer_after_ms, 1000);
    }

    #[test]
    fn the_partnerbot_token_variable_wins_over_discord_token_which_wins_over_the_file() {
        let file = "[discord]\ntoken = \"file-token\"\n";
        let token = |pairs: &[(&str, &str)]| load(file, pairs).unwrap().discord.token.unwrap();
        assert_eq!(token(&[]), "file-token");
        assert_eq!(token(&[("DISCORD_TOKEN", "plain")]), "plain");
        assert_eq!(
            token(&[
                ("DISCORD_TOKEN", "plain"),
                ("PARTNERBOT_DISCORD_TOKEN", "ours")
            ]),
            "ours"
        );
        assert_eq!(token(&[("DISCORD_TOKEN", "  ")]), "file-token");
    }

    #[test]
    fn shard_and_proxy_settings_come_from_the_environment() {
        let config = load(
            "",
            &[
                ("PARTNERBOT_DISCORD_SHARD_COUNT", "4"),
                ("PARTNERBOT_DISCORD_SHARDS", "0-3"),
                ("PARTNERBOT_DISCORD_REST_PROXY", "http://proxy:8080"),
                ("PARTNERBOT_DISCORD_GATEWAY_URL", "wss://gateway.example"),
                ("PARTNERBOT_DISCORD_DEFER_AFTER_MS", "0"),
                ("PARTNERBOT_DISCORD_APPLICATION_ID", "1234"),
            ],
        )
        .unwrap();
        let d = config.discord;
        assert_eq!((d.shard_count, d.shard_range), (4, Some((0, 3))));
        assert_eq!(d.rest_proxy.as_deref(), Some("http://proxy:8080"));
        assert_eq!(d.gateway_url.as_deref(), Some("wss://gateway.example"));
        assert_eq!(d.defer_after_ms, 0);
        assert_eq!(d.application_id, Some(1234));
        let single = load(
            "",
            &[
                ("PARTNERBOT_DISCORD_SHARD_COUNT", "4"),
                ("PARTNERBOT_DISCORD_SHARDS", "2"),
            ],
        )
        .unwrap();
        assert_eq!(single.discord.shard_range, Some((2, 2)));
    }

    #[test]
    fn a_shard_range_outside_the_shard_count_is_an_error() {
        let err = load("", &[("PARTNERBOT_DISCORD_SHARDS", "0-3")]).unwrap_err();
        assert!(
            format!("{err:#}").contains("does not fit 1 shard"),
            "{err:#}"
        );
        let err = load("[discord]\nshard_count = 4\nshard_range = [3, 1]\n", &[]).unwrap_err();
        assert!(format!("{err:#}").contains("3-1"), "{err:#}");
        let err = load("", &[("PARTNERBOT_DISCORD_SHARDS", "a-b")]).unwrap_err();
        assert!(format!("{err:#}").contains("not a number"), "{err:#}");
    }

    #[test]
    fn a_proxy_without_a_scheme_is_an_error() {
        let err = load("", &[("PARTNERBOT_DISCORD_REST_PROXY", "127.0.0.1:3000")]).unwrap_err();
        assert!(format!("{err:#}").contains("http://"), "{err:#}");
    }

    #[test]
    fn the_token_never_appears_in_debug_output() {
        let config = load("[discord]\ntoken = \"s3cr3t-token\"\n", &[]).unwrap();
        let debug = format!("{config:?}");
        assert!(!debug.contains("s3cr3t"), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
    }
}
