//! Configuration: built-in defaults, then an optional `partnerbot.toml`, then environment variables
//! (`PARTNERBOT_*`, and `DATABASE_URL` as the common fallback for the database).
//!
//! With no configuration at all the bot keeps its data in `sqlite://partnerbot.db` in the working
//! directory, created on first use. The `[discord]` and `[scheduler]` tables and their
//! variables are described on [`DiscordConfig`] and [`SchedulerConfig`].
//!
//! The layering is hand-written: `figment` (0.10) and `config` (0.15) were evaluated and would
//! make this module longer, not clearer. Their environment providers derive keys from variable
//! names, which does not fit the documented variables: splitting `PARTNERBOT_DISCORD_SHARD_COUNT`
//! at `_` gives `discord.shard.count` (`config` would need `__` separators, renaming every
//! variable), `PARTNERBOT_LOG` is the tracing filter while the `log` key is
//! `PARTNERBOT_LOG_DEFAULT`, and `PARTNERBOT_TEST_POSTGRES_URL` would be an unknown key. So each
//! variable would still be listed by hand (figment's `Env::map`/`only`), plus extra providers for
//! the `DATABASE_URL` and `DISCORD_TOKEN` fallbacks, a filter for blank values, a deserializer
//! taking both `shard_range = [0, 3]` and `PARTNERBOT_DISCORD_SHARDS=0-3`, and an error
//! translation: figment says ``invalid type: found string "soon", expected u64 for key ...``
//! where users (and tests) get
//! ``PARTNERBOT_SCHEDULER_TICK_SECONDS `soon` is not a number``. Both read the process
//! environment only, so tests would trade the injected `env` of [`Config::load_with`] for
//! figment's process-wide `Jail`. The checks (shards, URL schemes, ticks) stay ours either way.

use crate::domain::ids::WorkspaceId;
use anyhow::{bail, Context};
use serde::Deserialize;
use std::path::{Path, PathBuf};

mod discord;
mod scheduler;

pub use discord::DiscordConfig;
pub use scheduler::SchedulerConfig;

/// The database used when nothing else is configured.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://partnerbot.db";
/// The file read from the working directory when `--config` is not given.
pub const DEFAULT_CONFIG_FILE: &str = "partnerbot.toml";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `sqlite://path` or `postgres://user@host/db`.
    pub database_url: String,
    /// Maximum pooled connections (PostgreSQL; SQLite keeps a small pool of its own).
    pub max_connections: u32,
    /// Tracing filter used when `PARTNERBOT_LOG`/`RUST_LOG` are unset.
    pub log: String,
    pub console: ConsoleConfig,
    pub discord: DiscordConfig,
    pub scheduler: SchedulerConfig,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleConfig {
    /// The workspace the console acts in (Discord guild id, or any local number).
    pub workspace_id: WorkspaceId,
    /// Where the REPL keeps its line history; `None` keeps no history.
    pub history_file: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: DEFAULT_DATABASE_URL.to_string(),
            max_connections: 10,
            log: "partnerbot=info,warn".to_string(),
            console: ConsoleConfig {
                workspace_id: WorkspaceId::new(1),
                history_file: Some(PathBuf::from(".partnerbot_history")),
            },
            discord: DiscordConfig::default(),
            scheduler: SchedulerConfig::default(),
        }
    }
}

/// The shape of `partnerbot.toml`; every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    max_connections: Option<u32>,
    log: Option<String>,
    #[serde(default)]
    console: FileConsole,
    #[serde(default)]
    discord: discord::FileDiscord,
    #[serde(default)]
    scheduler: scheduler::FileScheduler,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConsole {
    workspace_id: Option<WorkspaceId>,
    history_file: Option<String>,
}

impl Config {
    /// Loads the configuration from the process environment and the given (or default) file.
    pub fn load(explicit_file: Option<&Path>) -> anyhow::Result<Config> {
        Config::load_with(explicit_file, |key| std::env::var(key).ok())
    }

    /// Same as [`Config::load`] with an injectable environment, for tests.
    pub fn load_with(
        explicit_file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Config> {
        let mut config = Config::default();
        let file = match explicit_file {
            Some(path) => Some(read_file(path)?),
            None if Path::new(DEFAULT_CONFIG_FILE).exists() => {
                Some(read_file(Path::new(DEFAULT_CONFIG_FILE))?)
            }
            None => None,
        };
        if let Some(file) = file {
            config.apply_file(file);
        }
        config.apply_env(env)?;
        Ok(config)
    }

    fn apply_file(&mut self, file: FileConfig) {
        if let Some(url) = file.database_url {
            self.database_url = url;
        }
        if let Some(n) = file.max_connections {
            self.max_connections = n;
        }
        if let Some(log) = file.log {
            self.log = log;
        }
        if let Some(id) = file.console.workspace_id {
            self.console.workspace_id = id;
        }
        if let Some(path) = file.console.history_file {
            self.console.history_file = (!path.is_empty()).then(|| PathBuf::from(path));
        }
        self.discord.apply_file(file.discord);
        self.scheduler.apply_file(file.scheduler);
    }

    fn apply_env(&mut self, env: impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        let get = |key: &str| env(key).filter(|v| !v.trim().is_empty());
        if let Some(url) = get("PARTNERBOT_DATABASE_URL").or_else(|| get("DATABASE_URL")) {
            self.database_url = url;
        }
        if let Some(n) = get("PARTNERBOT_MAX_CONNECTIONS") {
            self.max_connections = n
                .parse()
                .with_context(|| format!("PARTNERBOT_MAX_CONNECTIONS `{n}` is not a number"))?;
        }
        if let Some(log) = get("PARTNERBOT_LOG_DEFAULT") {
            self.log = log;
        }
        if let Some(id) = get("PARTNERBOT_CONSOLE_WORKSPACE_ID") {
            self.console.workspace_id = id.parse().with_context(|| {
                format!("PARTNERBOT_CONSOLE_WORKSPACE_ID `{id}` is not a number")
            })?;
        }
        if let Some(path) = get("PARTNERBOT_CONSOLE_HISTORY_FILE") {
            self.console.history_file = Some(PathBuf::from(path));
        }
        self.discord.apply_env(&get)?;
        self.scheduler.apply_env(&get)?;
        if self.max_connections == 0 {
            bail!("max_connections must be at least 1");
        }
        Ok(())
    }
}

/// A number from an environment variable, or an error naming the variable.
fn number<T: std::str::FromStr>(key: &str, text: &str) -> anyhow::Result<T> {
    text.trim()
        .parse()
        .ok()
        .with_context(|| format!("{key} `{text}` is not a number"))
}

/// Loads `file` as `partnerbot.toml` with only the variables in `pairs` set (for tests of each
/// table).
#[cfg(test)]
fn load_for_test(file: &str, pairs: &[(&str, &str)]) -> anyhow::Result<Config> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("partnerbot.toml");
    std::fs::write(&path, file).unwrap();
    let map: std::collections::HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::load_with(Some(&path), move |key| map.get(key).cloned())
}

fn read_file(path: &Path) -> anyhow::Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read config file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("config file {} is not valid", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |key| map.get(key).cloned()
    }

    #[test]
    fn with_nothing_configured_the_embedded_sqlite_file_is_used() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.toml");
        assert!(Config::load_with(Some(&missing), env(&[])).is_err());
        let config = Config::load_with(None, env(&[])).unwrap();
        assert_eq!(config.database_url, "sqlite://partnerbot.db");
    }

    #[test]
    fn the_environment_overrides_the_file_which_overrides_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("partnerbot.toml");
        std::fs::write(
            &path,
            "database_url = \"sqlite://from-file.db\"\nlog = \"debug\"\n[console]\nworkspace_id = 7\n",
        )
        .unwrap();
        let config = Config::load_with(Some(&path), env(&[])).unwrap();
        assert_eq!(config.database_url, "sqlite://from-file.db");
        assert_eq!(config.console.workspace_id, WorkspaceId::new(7));
        assert_eq!(config.log, "debug");

        let config =
            Config::load_with(Some(&path), env(&[("DATABASE_URL", "postgres://db/x")])).unwrap();
        assert_eq!(config.database_url, "postgres://db/x");
        let config = Config::load_with(
            Some(&path),
            env(&[
                ("DATABASE_URL", "postgres://db/x"),
                ("PARTNERBOT_DATABASE_URL", "postgres://db/y"),
            ]),
        )
        .unwrap();
        assert_eq!(config.database_url, "postgres://db/y");
    }

    #[test]
    fn an_unknown_key_in_the_file_is_an_error_not_silently_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("partnerbot.toml");
        std::fs::write(&path, "databse_url = \"typo\"\n").unwrap();
        let err = Config::load_with(Some(&path), env(&[])).unwrap_err();
        assert!(format!("{err:#}").contains("databse_url"), "{err:#}");
    }
}
