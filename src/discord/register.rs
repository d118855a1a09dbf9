//! `partnerbot register-commands`: checks the manifests against Discord's limits, reads the
//! commands Discord has, overwrites them in bulk with `commands/*.json`, and reports what that
//! changed (added, updated, removed, unchanged). `--check` does only the offline check.

use crate::core::manifest;
use crate::discord::manifest_limits::check_limits;
use crate::discord::{http, is_unauthorized, DiscordSettings, TokenRejected};
use anyhow::{bail, Context};
use serde_json::{Map, Value};
use serenity::all::{ApplicationId, GuildId, Http, LightMethod, Request, Route};

/// Keys of an option compared with what Discord has; anything else Discord adds (localisations,
/// ids, versions) is not ours to compare.
const OPTION_KEYS: &[&str] = &[
    "type",
    "name",
    "description",
    "required",
    "choices",
    "options",
    "min_value",
    "max_value",
    "min_length",
    "max_length",
    "autocomplete",
    "channel_types",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Added,
    Updated,
    Removed,
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub name: String,
}

/// Every limit a manifest breaks, one line each; empty when Discord would accept them all.
pub fn check() -> Vec<String> {
    manifest::manifests()
        .iter()
        .flat_map(check_limits)
        .collect()
}

/// Overwrites the application's commands (globally, or in one server) with the manifests and
/// returns what changed.
pub async fn register(
    settings: &DiscordSettings,
    guild: Option<u64>,
) -> anyhow::Result<Vec<Change>> {
    let problems = check();
    if !problems.is_empty() {
        bail!(
            "the manifests break Discord's limits; nothing was registered:\n  {}",
            problems.join("\n  ")
        );
    }
    let http = http(settings);
    let application = application_id(&http).await?;
    let route = || match guild {
        Some(guild) => Route::GuildCommands {
            application_id: application,
            guild_id: GuildId::new(guild),
        },
        None => Route::Commands {
            application_id: application,
        },
    };
    let existing: Value = http
        .fire(Request::new(route(), LightMethod::Get))
        .await
        .map_err(rejected)
        .context("cannot read the registered commands")?;
    let wanted = manifest::registration_payload();
    let body = serde_json::to_vec(&wanted)?;
    let _: Value = http
        .fire(Request::new(route(), LightMethod::Put).body(Some(body)))
        .await
        .map_err(rejected)
        .context("Discord refused the commands")?;
    Ok(diff(
        existing.as_array().map_or(&[][..], Vec::as_slice),
        wanted.as_array().map_or(&[][..], Vec::as_slice),
    ))
}

async fn application_id(http: &Http) -> anyhow::Result<ApplicationId> {
    if let Some(id) = http.application_id() {
        return Ok(id);
    }
    let info = http
        .get_current_application_info()
        .await
        .map_err(rejected)
        .context("cannot ask Discord for the application id (set [discord] application_id)")?;
    http.set_application_id(info.id);
    Ok(info.id)
}

fn rejected(err: serenity::Error) -> anyhow::Error {
    if is_unauthorized(&err) {
        TokenRejected.into()
    } else {
        err.into()
    }
}

/// What overwriting `existing` with `wanted` changes, command by command (wanted order first,
/// then removals).
pub fn diff(existing: &[Value], wanted: &[Value]) -> Vec<Change> {
    let name = |v: &Value| v["name"].as_str().unwrap_or_default().to_string();
    let slash = |v: &&Value| v.get("type").and_then(Value::as_u64).unwrap_or(1) == 1;
    let existing: Vec<&Value> = existing.iter().filter(slash).collect();
    let mut changes: Vec<Change> = wanted
        .iter()
        .map(|w| {
            let kind = match existing.iter().find(|e| name(e) == name(w)) {
                None => ChangeKind::Added,
                Some(e) if canonical_command(e, w) == canonical_command(w, w) => {
                    ChangeKind::Unchanged
                }
                Some(_) => ChangeKind::Updated,
            };
            Change {
                kind,
                name: name(w),
            }
        })
        .collect();
    changes.extend(
        existing
            .iter()
            .filter(|e| !wanted.iter().any(|w| name(w) == name(e)))
            .map(|e| Change {
                kind: ChangeKind::Removed,
                name: name(e),
            }),
    );
    changes
}

/// A command reduced to what the manifest declares, defaults and nulls dropped.
fn canonical_command(command: &Value, manifest: &Value) -> Value {
    let mut out = Map::new();
    let mut keys: Vec<String> = ["name", "description", "options", "type"]
        .iter()
        .map(|k| k.to_string())
        .collect();
    if let Some(declared) = manifest.as_object() {
        keys.extend(
            declared
                .keys()
                .filter(|k| !keys.contains(k))
                .cloned()
                .collect::<Vec<_>>(),
        );
    }
    for key in keys {
        let value = match key.as_str() {
            "options" => canonical_options(&command[key.as_str()]),
            _ => canonical_value(&command[key.as_str()]),
        };
        if let Some(value) = value.filter(|v| !is_default(&key, v)) {
            out.insert(key, value);
        }
    }
    Value::Object(out)
}

fn canonical_options(options: &Value) -> Option<Value> {
    let list: Vec<Value> = options
        .as_array()?
        .iter()
        .map(|option| {
            let mut out = Map::new();
            for key in OPTION_KEYS {
                let value = match *key {
                    "options" => canonical_options(&option[*key]),
                    _ => canonical_value(&option[*key]),
                };
                if let Some(value) = value.filter(|v| !is_default(key, v)) {
                    out.insert(key.to_string(), value);
                }
            }
            Value::Object(out)
        })
        .collect();
    (!list.is_empty()).then_some(Value::Array(list))
}

/// Nulls dropped, whole floats as integers (Discord may answer `1.0` for `1`), choices reduced
/// to name and value.
fn canonical_value(value: &Value) -> Option<Value> {
    match value {
        Value::Null => None,
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => {
                Some(Value::from(f as i64))
            }
            _ => Some(value.clone()),
        },
        Value::Array(items) => {
            let items: Vec<Value> = items
                .iter()
                .map(|item| match item {
                    Value::Object(choice) if choice.contains_key("value") => {
                        let mut reduced = Map::new();
                        reduced.insert("name".into(), choice["name"].clone());
                        reduced.insert("value".into(), choice["value"].clone());
                        Value::Object(reduced)
                    }
                    other => canonical_value(other).unwrap_or(Value::Null),
                })
                .collect();
            (!items.is_empty()).then_some(Value::Array(items))
        }
        other => Some(other.clone()),
    }
}

/// Values equal to what Discord assumes when the key is absent.
fn is_default(key: &str, value: &Value) -> bool {
    match key {
        "required" | "autocomplete" | "nsfw" => value == &Value::Bool(false),
        "type" => value == &Value::from(1),
        _ => false,
    }
}

/// The report printed after registering: one line per command, grouped by what happened.
pub fn report(changes: &[Change], guild: Option<u64>) -> String {
    let scope = match guild {
        Some(id) => format!("in server {id}"),
        None => "globally".to_string(),
    };
    let count = |kind| changes.iter().filter(|c| c.kind == kind).count();
    let mut out = format!(
        "Registered {} command(s) {scope}: {} added, {} updated, {} removed, {} unchanged.\n",
        changes.len() - count(ChangeKind::Removed),
        count(ChangeKind::Added),
        count(ChangeKind::Updated),
        count(ChangeKind::Removed),
        count(ChangeKind::Unchanged),
    );
    let mut sorted = changes.to_vec();
    sorted.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
    for change in sorted {
        let label = match change.kind {
            ChangeKind::Added => "added",
            ChangeKind::Updated => "updated",
            ChangeKind::Removed => "removed",
            ChangeKind::Unchanged => "unchanged",
        };
        out.push_str(&format!("  {label:<9} /{}\n", change.name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn wanted() -> Vec<Value> {
        vec![
            json!({"name": "help", "description": "Show commands", "options": [
                {"type": 3, "name": "command", "description": "One command", "autocomplete": false}
            ]}),
            json!({"name": "deal", "description": "Deals", "options": [
                {"type": 1, "name": "list", "description": "List", "options": [
                    {"type": 4, "name": "page", "description": "Page", "min_value": 1}
                ]}
            ]}),
            json!({"name": "touch", "description": "Touches"}),
        ]
    }

    #[test]
    fn commands_are_reported_added_updated_removed_or_unchanged() {
        // As Discord returns them: ids, versions, defaults spelled out, floats for numbers.
        let existing = vec![
            json!({"id": "1", "application_id": "9", "version": "3", "type": 1, "name": "help",
                   "description": "Show commands", "default_member_permissions": null, "nsfw": false,
                   "options": [{"type": 3, "name": "command", "description": "One command",
                                "required": false, "name_localizations": null}]}),
            json!({"id": "2", "type": 1, "name": "deal", "description": "Deals", "options": [
                {"type": 1, "name": "list", "description": "List", "options": [
                    {"type": 4, "name": "page", "description": "Page", "min_value": 2.0}
                ]}
            ]}),
            json!({"id": "3", "type": 1, "name": "old", "description": "Gone"}),
            json!({"id": "4", "type": 2, "name": "Show deals", "description": ""}),
        ];
        let changes = diff(&existing, &wanted());
        let kind = |name: &str| changes.iter().find(|c| c.name == name).unwrap().kind;
        assert_eq!(kind("help"), ChangeKind::Unchanged);
        assert_eq!(kind("deal"), ChangeKind::Updated, "min_value 2 -> 1");
        assert_eq!(kind("touch"), ChangeKind::Added);
        assert_eq!(kind("old"), ChangeKind::Removed);
        assert_eq!(changes.len(), 4, "a user command is not ours: {changes:?}");
    }

    #[test]
    fn registering_the_same_manifests_twice_changes_nothing() {
        let wanted = manifest::registration_payload();
        let list = wanted.as_array().unwrap();
        let changes = diff(list, list);
        assert!(changes.iter().all(|c| c.kind == ChangeKind::Unchanged));
        assert_eq!(changes.len(), list.len());
    }

    #[test]
    fn the_report_lists_every_command_with_what_happened() {
        let changes = vec![
            Change {
                kind: ChangeKind::Unchanged,
                name: "help".into(),
            },
            Change {
                kind: ChangeKind::Added,
                name: "touch".into(),
            },
            Change {
                kind: ChangeKind::Removed,
                name: "old".into(),
            },
        ];
        let text = report(&changes, Some(42));
        assert!(text.starts_with(
            "Registered 2 command(s) in server 42: 1 added, 0 updated, 1 removed, 1 unchanged."
        ));
        assert!(text.contains("  added     /touch\n"));
        assert!(text.contains("  removed   /old\n"));
        assert!(text.contains("  unchanged /help\n"));
    }

    #[test]
    fn the_shipped_manifests_pass_the_offline_check() {
        assert_eq!(check(), Vec::<String>::new());
    }
}
