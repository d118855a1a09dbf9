//! `/help`: the command reference, made from the manifests so it never disagrees with them.

use crate::core::command::args;
use crate::core::context::Ctx;
use crate::core::error::CommandResult;
use crate::core::lookup::not_found;
use crate::core::manifest::{self, kind, LeafCommand, OptionManifest};
use crate::core::options::usage;
use crate::core::reply::{Card, Reply, Table, Tone};

pub async fn help(_ctx: &mut Ctx<'_>, args: args::Help) -> CommandResult {
    match args.command.as_deref() {
        None => Ok(Reply::card(overview())),
        Some(wanted) => {
            let wanted = wanted.trim_start_matches('/').trim().to_lowercase();
            let words: Vec<String> = wanted.split_whitespace().map(str::to_string).collect();
            let matching: Vec<&LeafCommand> = manifest::leaves()
                .iter()
                .filter(|l| l.path.len() >= words.len() && l.path[..words.len()] == words[..])
                .collect();
            if matching.is_empty() {
                let all: Vec<String> = manifest::leaves().iter().map(|l| l.key()).collect();
                return Err(not_found(
                    "command",
                    &wanted,
                    &all,
                    "Type `/help` to see them all.",
                ));
            }
            let mut reply = Reply::info(format!("Help for `/{wanted}`"));
            for leaf in matching.into_iter().take(10) {
                reply = reply.with_card(detail(leaf));
            }
            Ok(reply)
        }
    }
}

fn overview() -> Card {
    let mut table = Table::new(&["Command", "What it does"]);
    for leaf in manifest::leaves() {
        table.row(vec![leaf.display(), leaf.description.clone()]);
    }
    Card::new("partnerbot commands", Tone::Info)
        .description(
            "Type a command with options as `name:value` (quote values with spaces). \
             `/help command:\"deal add\"` shows one command in full.",
        )
        .table(table)
}

fn detail(leaf: &LeafCommand) -> Card {
    let mut card = Card::new(leaf.display(), Tone::Info).description(format!(
        "{}\n{}",
        leaf.description,
        usage(leaf)
    ));
    for option in &leaf.options {
        card = card.wide_field(option_title(option), option_text(option));
    }
    card
}

fn option_title(option: &OptionManifest) -> String {
    let needed = if option.required {
        "required"
    } else {
        "optional"
    };
    format!("{}: ({}, {needed})", option.name, kind_name(option.kind))
}

fn option_text(option: &OptionManifest) -> String {
    let mut text = option.description.clone();
    if !option.choices.is_empty() {
        text.push_str(&format!("\nOne of: {}", option.choice_values().join(", ")));
    }
    match (option.min_value, option.max_value) {
        (Some(min), Some(max)) => text.push_str(&format!("\nFrom {min} to {max}")),
        (Some(min), None) => text.push_str(&format!("\nAt least {min}")),
        (None, Some(max)) => text.push_str(&format!("\nAt most {max}")),
        (None, None) => {}
    }
    if let Some(max) = option.max_length {
        text.push_str(&format!("\nUp to {max} characters"));
    }
    text
}

fn kind_name(kind: u8) -> &'static str {
    match kind {
        kind::STRING => "text",
        kind::INTEGER => "whole number",
        kind::BOOLEAN => "true/false",
        kind::USER => "member",
        kind::CHANNEL => "channel",
        kind::ROLE => "role",
        kind::NUMBER => "number",
        _ => "value",
    }
}

/// The command reference in Markdown (docs/commands.md is this text; a test keeps
/// them equal).
pub fn markdown_reference() -> String {
    let mut out = String::new();
    for command in manifest::manifests() {
        out.push_str(&format!(
            "### `/{}`\n{}\n\n",
            command.name, command.description
        ));
        for leaf in manifest::leaves()
            .iter()
            .filter(|l| l.path[0] == command.name)
        {
            out.push_str(&format!("- `{}` — {}\n", leaf.display(), leaf.description));
            for option in &leaf.options {
                let needed = if option.required { ", required" } else { "" };
                let mut line = format!(
                    "  - `{}:` ({}{needed}) {}",
                    option.name,
                    kind_name(option.kind),
                    option.description
                );
                if !option.choices.is_empty() {
                    line.push_str(&format!(": {}", option.choice_values().join(", ")));
                }
                out.push_str(&line);
                out.push('\n');
            }
        }
        out.push('\n');
    }
    out.trim_end().to_string() + "\n"
}
