//! Discord's limits on application commands, checked against a manifest before it is registered
//! (Discord refuses the whole bulk overwrite if one command breaks one). Backs the manifest tests
//! and `register-commands --check`.
//!
//! Checked: names match `^[-_a-z0-9]{1,32}$`; descriptions are 1–100 characters; at most 25
//! options per level and 25 choices per option; choice names and string values 1–100
//! characters; required options come before optional ones; no duplicate option names; subcommand
//! groups only at the top and subcommands only at the top or in a group (two levels at most),
//! never mixed with plain options; no autocomplete on an option with fixed choices; string
//! lengths within 0–6000; and at most 8000 characters in a command's names, descriptions and
//! choice names/values, all levels together.

use crate::core::manifest::{kind, ChoiceManifest, CommandManifest, OptionManifest};

pub const NAME_MAX: usize = 32;
pub const DESCRIPTION_MAX: usize = 100;
pub const OPTIONS_MAX: usize = 25;
pub const CHOICES_MAX: usize = 25;
pub const CHOICE_MAX: usize = 100;
pub const STRING_LENGTH_MAX: u32 = 6000;
pub const COMMAND_CHARS_MAX: usize = 8000;

/// Every limit `command` breaks, one sentence each naming the command, the option and the limit.
/// Empty when Discord would accept it.
pub fn check_limits(command: &CommandManifest) -> Vec<String> {
    let mut problems = Vec::new();
    let path = format!("/{}", command.name);
    check_name(&format!("command `{path}`"), &command.name, &mut problems);
    check_description(
        &format!("command `{path}`"),
        &command.description,
        &mut problems,
    );
    check_level(&path, Level::Command, &command.options, &mut problems);
    let total =
        chars(&command.name) + chars(&command.description) + options_chars(&command.options);
    if total > COMMAND_CHARS_MAX {
        problems.push(format!(
            "command `{path}` has {total} characters in its names, descriptions and choices; \
             Discord allows at most {COMMAND_CHARS_MAX}"
        ));
    }
    problems
}

/// Where a list of options sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Command,
    Group,
    Subcommand,
}

fn is_nested(option: &OptionManifest) -> bool {
    option.kind == kind::SUB_COMMAND || option.kind == kind::SUB_COMMAND_GROUP
}

fn check_level(path: &str, level: Level, options: &[OptionManifest], out: &mut Vec<String>) {
    if options.len() > OPTIONS_MAX {
        out.push(format!(
            "`{path}` has {} options; Discord allows at most {OPTIONS_MAX} per level",
            options.len()
        ));
    }
    let nested = options.iter().filter(|o| is_nested(o)).count();
    if nested > 0 && nested < options.len() {
        out.push(format!(
            "`{path}` mixes subcommands with plain options; Discord allows one or the other"
        ));
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut optional_seen: Option<&str> = None;
    for option in options {
        let label = if is_nested(option) {
            format!("subcommand `{path} {}`", option.name)
        } else {
            format!("`{path}` option `{}`", option.name)
        };
        check_name(&label, &option.name, out);
        check_description(&label, &option.description, out);
        if seen.contains(&option.name.as_str()) {
            out.push(format!(
                "{label} appears twice; option names must be unique per level"
            ));
        }
        seen.push(&option.name);
        match option.kind {
            kind::SUB_COMMAND_GROUP if level != Level::Command => out.push(format!(
                "{label} is a subcommand group below the top level; Discord allows two levels \
                 of nesting at most (command, group, subcommand)"
            )),
            kind::SUB_COMMAND if level == Level::Subcommand => out.push(format!(
                "{label} is a subcommand inside a subcommand; Discord allows two levels of \
                 nesting at most (command, group, subcommand)"
            )),
            kind::SUB_COMMAND | kind::SUB_COMMAND_GROUP => {}
            _ if level == Level::Group => out.push(format!(
                "{label} is a plain option in a subcommand group; a group holds only subcommands"
            )),
            _ => {}
        }
        if is_nested(option) {
            let child = if option.kind == kind::SUB_COMMAND_GROUP {
                Level::Group
            } else {
                Level::Subcommand
            };
            check_level(
                &format!("{path} {}", option.name),
                child,
                &option.options,
                out,
            );
            continue;
        }
        if option.required {
            if let Some(optional) = optional_seen {
                out.push(format!(
                    "{label} is required but comes after optional option `{optional}`; \
                     Discord wants required options first"
                ));
            }
        } else if optional_seen.is_none() {
            optional_seen = Some(&option.name);
        }
        check_option(&label, option, out);
    }
}

fn check_option(label: &str, option: &OptionManifest, out: &mut Vec<String>) {
    if option.choices.len() > CHOICES_MAX {
        out.push(format!(
            "{label} has {} choices; Discord allows at most {CHOICES_MAX}",
            option.choices.len()
        ));
    }
    for choice in &option.choices {
        let n = chars(&choice.name);
        if n == 0 || n > CHOICE_MAX {
            out.push(format!(
                "{label} choice `{}` has a name of {n} characters; Discord allows 1–{CHOICE_MAX}",
                choice.name
            ));
        }
        if let Some(value) = choice.value.as_str() {
            let n = chars(value);
            if n == 0 || n > CHOICE_MAX {
                out.push(format!(
                    "{label} choice `{}` has a value of {n} characters; Discord allows \
                     1–{CHOICE_MAX}",
                    choice.name
                ));
            }
        }
    }
    if option.autocomplete && !option.choices.is_empty() {
        out.push(format!(
            "{label} has both choices and autocomplete; Discord allows one or the other"
        ));
    }
    for (what, value) in [
        ("min_length", option.min_length),
        ("max_length", option.max_length),
    ] {
        if let Some(n) = value {
            if n > STRING_LENGTH_MAX || (what == "max_length" && n == 0) {
                out.push(format!(
                    "{label} has {what} {n}; Discord allows {}–{STRING_LENGTH_MAX}",
                    if what == "max_length" { 1 } else { 0 }
                ));
            }
        }
    }
}

fn check_name(label: &str, name: &str, out: &mut Vec<String>) {
    let n = chars(name);
    let valid_chars = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if n == 0 || n > NAME_MAX || !valid_chars {
        out.push(format!(
            "{label} has name `{name}` ({n} characters); Discord names are 1–{NAME_MAX} \
             characters of lowercase a-z, 0-9, `-` and `_`"
        ));
    }
}

fn check_description(label: &str, description: &str, out: &mut Vec<String>) {
    let n = chars(description);
    if n == 0 || n > DESCRIPTION_MAX {
        out.push(format!(
            "{label} has a description of {n} characters; Discord allows 1–{DESCRIPTION_MAX}"
        ));
    }
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

fn choice_chars(choice: &ChoiceManifest) -> usize {
    let value = match choice.value.as_str() {
        Some(text) => chars(text),
        None => chars(&choice.value.to_string()),
    };
    chars(&choice.name) + value
}

fn options_chars(options: &[OptionManifest]) -> usize {
    options
        .iter()
        .map(|o| {
            chars(&o.name)
                + chars(&o.description)
                + o.choices.iter().map(choice_chars).sum::<usize>()
                + options_chars(&o.options)
        })
        .sum()
}
