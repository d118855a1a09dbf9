//! The runnable commands of the manifests: every leaf of the subcommand tree with its options.

use serde_json::Value;

pub const STRING: u64 = 3;
pub const INTEGER: u64 = 4;
pub const BOOLEAN: u64 = 5;
pub const USER: u64 = 6;
pub const CHANNEL: u64 = 7;
pub const ROLE: u64 = 8;

/// A runnable command: its path (`["deal", "add"]`) and its options.
pub struct Leaf {
    pub path: Vec<String>,
    pub description: String,
    pub options: Vec<Value>,
}

impl Leaf {
    pub fn key(&self) -> String {
        self.path.join(" ")
    }

    /// `DealAdd`, `ScheduleRunNow`.
    pub fn variant(&self) -> String {
        self.path
            .iter()
            .flat_map(|part| part.split(['-', '_']))
            .map(|word| {
                let mut chars = word.chars();
                let first = chars.next().map(|c| c.to_ascii_uppercase());
                first.into_iter().chain(chars).collect::<String>()
            })
            .collect()
    }
}

pub fn collect(node: &Value, parent: &[String], leaves: &mut Vec<Leaf>) {
    let mut path = parent.to_vec();
    path.push(node["name"].as_str().expect("a name").to_string());
    let options: Vec<Value> = node["options"].as_array().cloned().unwrap_or_default();
    let subs: Vec<&Value> = options
        .iter()
        .filter(|o| matches!(o["type"].as_u64(), Some(1) | Some(2)))
        .collect();
    if subs.is_empty() {
        leaves.push(Leaf {
            path,
            description: node["description"].as_str().unwrap_or_default().to_string(),
            options,
        });
    } else {
        for sub in subs {
            collect(sub, &path, leaves);
        }
    }
}
