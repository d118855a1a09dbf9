//! The command manifests (`commands/*.json`, Discord's application-command schema): loaded once,
//! used to resolve a command path, validate options, build `/help` and register with Discord.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/manifests.rs"));

/// Discord's option types.
pub mod kind {
    pub const SUB_COMMAND: u8 = 1;
    pub const SUB_COMMAND_GROUP: u8 = 2;
    pub const STRING: u8 = 3;
    pub const INTEGER: u8 = 4;
    pub const BOOLEAN: u8 = 5;
    pub const USER: u8 = 6;
    pub const CHANNEL: u8 = 7;
    pub const ROLE: u8 = 8;
    pub const NUMBER: u8 = 10;
}

/// A top-level slash command.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CommandManifest {
    pub name: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionManifest>,
    /// Any other Discord keys (contexts, default_member_permissions...) pass through unchanged.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OptionManifest {
    #[serde(rename = "type")]
    pub kind: u8,
    pub name: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<ChoiceManifest>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionManifest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub autocomplete: bool,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl OptionManifest {
    /// The values of the option's fixed choices, as text (`gsi`, `reseller`, ...).
    pub fn choice_values(&self) -> Vec<String> {
        self.choices
            .iter()
            .map(|c| {
                c.value
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| c.value.to_string())
            })
            .collect()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChoiceManifest {
    pub name: String,
    pub value: serde_json::Value,
}

/// One runnable command, with its path spelled out (`["deal", "add"]`).
#[derive(Debug, Clone)]
pub struct LeafCommand {
    pub path: Vec<String>,
    pub description: String,
    pub options: Vec<OptionManifest>,
}

impl LeafCommand {
    /// `/deal add`
    pub fn display(&self) -> String {
        format!("/{}", self.path.join(" "))
    }

    /// `deal add`, the key handlers are registered under.
    pub fn key(&self) -> String {
        self.path.join(" ")
    }
}

/// Every manifest, parsed once. A manifest that does not parse is a build mistake caught by tests.
pub fn manifests() -> &'static [CommandManifest] {
    static ALL: OnceLock<Vec<CommandManifest>> = OnceLock::new();
    ALL.get_or_init(|| {
        MANIFEST_FILES
            .iter()
            .map(|(file, text)| {
                serde_json::from_str(text)
                    .unwrap_or_else(|e| panic!("commands/{file} is not a valid manifest: {e}"))
            })
            .collect()
    })
}

/// Every runnable command (top-level commands without subcommands, and every subcommand).
pub fn leaves() -> &'static [LeafCommand] {
    static ALL: OnceLock<Vec<LeafCommand>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut out = Vec::new();
        for command in manifests() {
            collect_leaves(
                vec![command.name.clone()],
                &command.description,
                &command.options,
                &mut out,
            );
        }
        out
    })
}

fn collect_leaves(
    path: Vec<String>,
    description: &str,
    options: &[OptionManifest],
    out: &mut Vec<LeafCommand>,
) {
    let nested: Vec<&OptionManifest> = options
        .iter()
        .filter(|o| o.kind == kind::SUB_COMMAND || o.kind == kind::SUB_COMMAND_GROUP)
        .collect();
    if nested.is_empty() {
        out.push(LeafCommand {
            path,
            description: description.to_string(),
            options: options.to_vec(),
        });
        return;
    }
    for sub in nested {
        let mut sub_path = path.clone();
        sub_path.push(sub.name.clone());
        collect_leaves(sub_path, &sub.description, &sub.options, out);
    }
}

/// Finds the command for a typed path (case-insensitive).
pub fn find_leaf(path: &[String]) -> Option<&'static LeafCommand> {
    leaves().iter().find(|leaf| {
        leaf.path.len() == path.len()
            && leaf
                .path
                .iter()
                .zip(path)
                .all(|(a, b)| a.eq_ignore_ascii_case(b))
    })
}

/// The whole manifests as Discord expects them for a bulk overwrite.
pub fn registration_payload() -> serde_json::Value {
    serde_json::to_value(manifests()).expect("manifests serialise")
}
