//! Validates the options a person gave against the command's manifest and hands handlers typed
//! values. Everything here is the user's error when it fails: unknown or repeated options,
//! missing required ones, wrong types, values outside the manifest's choices or bounds.

use crate::core::error::{CommandError, CommandResult};
use crate::core::invocation::OptionInput;
use crate::core::manifest::{kind, LeafCommand, OptionManifest};
use crate::domain::ids::{ChannelId, RoleId, UserId};
use crate::domain::names;
use crate::domain::Choice;
use std::collections::BTreeMap;

/// A validated option value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Integer(i64),
    Boolean(bool),
    User(UserArg),
    /// A channel id (the door resolves mentions; typed text must be the id).
    Channel(ChannelId),
    /// A chat role id.
    Role(RoleId),
}

/// A member as given: a Discord id, or (console) a display name to look up.
#[derive(Debug, Clone, PartialEq)]
pub enum UserArg {
    Id(UserId),
    Name(String),
}

/// The validated options of one invocation.
#[derive(Debug, Clone, Default)]
pub struct Options {
    command: String,
    values: BTreeMap<String, Value>,
}

impl Options {
    /// Checks `given` against the command's manifest.
    pub fn validate(
        command: &LeafCommand,
        given: &[(String, OptionInput)],
    ) -> CommandResult<Options> {
        let display = command.display();
        let mut values = BTreeMap::new();
        for (raw_name, input) in given {
            let name = raw_name.trim().to_ascii_lowercase();
            let Some(spec) = command.options.iter().find(|o| o.name == name) else {
                return Err(unknown_option(command, raw_name));
            };
            let value = convert(&display, spec, input)?;
            if values.insert(name.clone(), value).is_some() {
                return Err(CommandError::invalid(format!(
                    "option `{name}` is given twice in `{display}`; give it once"
                )));
            }
        }
        let missing: Vec<&str> = command
            .options
            .iter()
            .filter(|o| o.required && !values.contains_key(&o.name))
            .map(|o| o.name.as_str())
            .collect();
        if !missing.is_empty() {
            let list = missing
                .iter()
                .map(|n| format!("`{n}:`"))
                .collect::<Vec<_>>();
            return Err(CommandError::invalid(format!(
                "`{display}` needs {}. {}",
                list.join(" and "),
                usage(command)
            )));
        }
        Ok(Options {
            command: display,
            values,
        })
    }

    /// Every text option as typed (`amount` → `250k`), to issue the same command again.
    pub fn texts(&self) -> Vec<(String, String)> {
        self.values
            .iter()
            .filter_map(|(name, value)| match value {
                Value::Text(text) => Some((name.clone(), text.trim().to_string())),
                _ => None,
            })
            .filter(|(_, text)| !text.is_empty())
            .collect()
    }

    pub fn has(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    /// Text of an optional string option, trimmed; empty counts as absent.
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.values.get(name) {
            Some(Value::Text(s)) => Some(s.trim()).filter(|s| !s.is_empty()),
            _ => None,
        }
    }

    /// Text of a required string option.
    pub fn required_text(&self, name: &str) -> CommandResult<&str> {
        self.text(name).ok_or_else(|| {
            CommandError::invalid(format!("`{}` needs a value for `{name}:`", self.command))
        })
    }

    /// Raw text, untrimmed (notes keep their own spacing inside; still trimmed at the ends).
    pub fn raw_text(&self, name: &str) -> Option<&str> {
        match self.values.get(name) {
            Some(Value::Text(s)) => Some(s.as_str()),
            _ => None,
        }
    }

    pub fn integer(&self, name: &str) -> Option<i64> {
        match self.values.get(name) {
            Some(Value::Integer(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn boolean(&self, name: &str) -> Option<bool> {
        match self.values.get(name) {
            Some(Value::Boolean(b)) => Some(*b),
            _ => None,
        }
    }

    pub fn user(&self, name: &str) -> Option<&UserArg> {
        match self.values.get(name) {
            Some(Value::User(u)) => Some(u),
            _ => None,
        }
    }

    pub fn channel(&self, name: &str) -> Option<ChannelId> {
        match self.values.get(name) {
            Some(Value::Channel(id)) => Some(*id),
            _ => None,
        }
    }

    pub fn role(&self, name: &str) -> Option<RoleId> {
        match self.values.get(name) {
            Some(Value::Role(id)) => Some(*id),
            _ => None,
        }
    }

    /// A required enum option: the manifest requires it, but a typed line may still leave its
    /// value empty (`type:`).
    pub fn required_choice<T: Choice>(&self, name: &str, example: &str) -> CommandResult<T> {
        self.choice::<T>(name)?.ok_or_else(|| {
            CommandError::invalid(format!(
                "`/{}` needs `{name}:`, like `{name}:{example}`",
                self.command
            ))
        })
    }

    /// A required option of another type, which validation has already found present.
    pub fn required<T>(&self, name: &str, value: Option<T>) -> CommandResult<T> {
        value.ok_or_else(|| {
            CommandError::invalid(format!("`{}` needs a value for `{name}:`", self.command))
        })
    }

    /// An optional enum option parsed into its domain type (with "did you mean" on a typo).
    pub fn choice<T: Choice>(&self, name: &str) -> CommandResult<Option<T>> {
        match self.text(name) {
            Some(text) => T::parse(text)
                .map(Some)
                .map_err(|e| CommandError::invalid(format!("`{name}`: {e}"))),
            None => Ok(None),
        }
    }

    /// The command as typed, for messages (`/deal add`).
    pub fn command(&self) -> &str {
        &self.command
    }
}

fn unknown_option(command: &LeafCommand, given: &str) -> CommandError {
    let display = command.display();
    let names: Vec<&str> = command.options.iter().map(|o| o.name.as_str()).collect();
    if names.is_empty() {
        return CommandError::invalid(format!("`{display}` takes no options; remove `{given}:`"));
    }
    let hint = names::did_you_mean(&names::suggest(given, names.iter().copied()));
    CommandError::invalid(format!(
        "`{display}` has no option `{given}`.{hint} Options: {}",
        names.join(", ")
    ))
}

/// A one-line example of the command's syntax.
pub fn usage(command: &LeafCommand) -> String {
    let parts: Vec<String> = command
        .options
        .iter()
        .map(|o| {
            if o.required {
                format!("{}:…", o.name)
            } else {
                format!("[{}:…]", o.name)
            }
        })
        .collect();
    if parts.is_empty() {
        format!("Usage: `{}`", command.display())
    } else {
        format!("Usage: `{} {}`", command.display(), parts.join(" "))
    }
}

fn convert(display: &str, spec: &OptionManifest, input: &OptionInput) -> CommandResult<Value> {
    let name = &spec.name;
    let value = match (spec.kind, input) {
        (kind::STRING, OptionInput::Text(text)) => {
            check_length(name, spec, text)?;
            check_choice(name, spec, text)?;
            Value::Text(text.clone())
        }
        (kind::INTEGER, OptionInput::Integer(n)) => Value::Integer(*n),
        (kind::INTEGER, OptionInput::Text(text)) => {
            Value::Integer(text.trim().replace('_', "").parse::<i64>().map_err(|_| {
                CommandError::invalid(format!(
                    "`{name}` must be a whole number like `14`, not `{}`",
                    text.trim()
                ))
            })?)
        }
        (kind::BOOLEAN, OptionInput::Boolean(b)) => Value::Boolean(*b),
        (kind::BOOLEAN, OptionInput::Text(text)) => Value::Boolean(parse_bool(name, text)?),
        (kind::USER, OptionInput::User(id)) => Value::User(UserArg::Id(*id)),
        (kind::USER, OptionInput::Text(text)) => Value::User(parse_user(name, text)?),
        (kind::CHANNEL, OptionInput::Text(text)) => {
            Value::Channel(ChannelId::new(parse_id(name, text, "channel")?))
        }
        (kind::CHANNEL, OptionInput::Channel(id)) => Value::Channel(*id),
        (kind::CHANNEL, OptionInput::Integer(id)) => Value::Channel(ChannelId::new(*id)),
        (kind::ROLE, OptionInput::Text(text)) => {
            Value::Role(RoleId::new(parse_id(name, text, "role")?))
        }
        (kind::ROLE, OptionInput::Role(id)) => Value::Role(*id),
        (kind::ROLE, OptionInput::Integer(id)) => Value::Role(RoleId::new(*id)),
        _ => {
            return Err(CommandError::invalid(format!(
                "option `{name}` of `{display}` got a value of the wrong kind"
            )))
        }
    };
    if let Value::Integer(n) = value {
        check_bounds(name, spec, n)?;
    }
    Ok(value)
}

fn check_length(name: &str, spec: &OptionManifest, text: &str) -> CommandResult<()> {
    let chars = text.chars().count() as u32;
    if let Some(max) = spec.max_length {
        if chars > max {
            return Err(CommandError::invalid(format!(
                "`{name}` is {chars} characters; the limit is {max}"
            )));
        }
    }
    if let Some(min) = spec.min_length {
        if chars == 0 {
            return Err(CommandError::invalid(format!(
                "`{name}` is empty; give it a value"
            )));
        }
        if chars < min {
            return Err(CommandError::invalid(format!(
                "`{name}` needs at least {min} characters"
            )));
        }
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(CommandError::invalid(format!(
            "`{name}` contains control characters; type plain text"
        )));
    }
    Ok(())
}

fn check_choice(name: &str, spec: &OptionManifest, text: &str) -> CommandResult<()> {
    if spec.choices.is_empty() {
        return Ok(());
    }
    let wanted = text.trim().to_lowercase().replace([' ', '-'], "_");
    let values = spec.choice_values();
    let matches = spec.choices.iter().any(|c| {
        c.value.as_str().is_some_and(|v| v == wanted) || c.name.eq_ignore_ascii_case(text.trim())
    });
    if matches {
        return Ok(());
    }
    let hint = names::did_you_mean(&names::suggest(text, values.iter().map(String::as_str)));
    Err(CommandError::invalid(format!(
        "`{name}` cannot be `{}`.{hint} Choose one of: {}",
        text.trim(),
        values.join(", ")
    )))
}

fn check_bounds(name: &str, spec: &OptionManifest, n: i64) -> CommandResult<()> {
    if let Some(min) = spec.min_value {
        if n < min {
            return Err(CommandError::invalid(format!(
                "`{name}` must be at least {min}, not {n}"
            )));
        }
    }
    if let Some(max) = spec.max_value {
        if n > max {
            return Err(CommandError::invalid(format!(
                "`{name}` must be at most {max}, not {n}"
            )));
        }
    }
    Ok(())
}

fn parse_bool(name: &str, text: &str) -> CommandResult<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "on" | "1" => Ok(true),
        "false" | "no" | "n" | "off" | "0" => Ok(false),
        other => Err(CommandError::invalid(format!(
            "`{name}` must be `true` or `false`, not `{other}`"
        ))),
    }
}

/// A member's id (`123`, as page buttons carry it) or a display name (`@Dana Lee` or
/// `Dana Lee`). Mentions are recognised by the door and arrive as [`OptionInput::User`].
fn parse_user(name: &str, text: &str) -> CommandResult<UserArg> {
    let t = text.trim();
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        if let Ok(id) = t.parse() {
            return Ok(UserArg::Id(id));
        }
    }
    let display = t.trim_start_matches('@').trim();
    if display.is_empty() {
        return Err(CommandError::invalid(format!(
            "`{name}` needs a member, like `@Dana` or a member's name"
        )));
    }
    Ok(UserArg::Name(display.to_string()))
}

/// A channel or role given as text: its id. (Mentions arrive already recognised by the door.)
fn parse_id(name: &str, text: &str, what: &str) -> CommandResult<i64> {
    let t = text.trim();
    t.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| {
        CommandError::invalid(format!(
            "`{name}` needs a {what}: mention one, or give its id (a number), not `{t}`"
        ))
    })
}
