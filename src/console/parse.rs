//! Parses a typed line in Discord's own syntax: `/deal add account:"Acme Corp" amount:120k`.
//! Words before the first `name:value` form the command path; values may be quoted with `"` or
//! `'`, and `\"` escapes a quote inside a quoted value. Nothing typed inside a value can become
//! another option.

use crate::core::OptionInput;
use crate::domain::ids::{ChannelId, RoleId, UserId};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedLine {
    pub path: Vec<String>,
    pub options: Vec<(String, String)>,
}

impl ParsedLine {
    /// The line as the core's command action: a value written as a mention (`<@id>`, `<#id>`,
    /// `<@&id>`) as that member, channel or role; every other option as typed text.
    pub fn into_action(self) -> crate::core::Action {
        crate::core::Action::Command {
            path: self.path,
            options: self
                .options
                .into_iter()
                .map(|(k, v)| (k, option_input(v)))
                .collect(),
        }
    }
}

/// A typed value, recognising Discord's mention syntax (`<@123>`, `<@!123>`, `<#123>`,
/// `<@&123>`) so the core receives ids, never markup.
pub fn option_input(value: String) -> OptionInput {
    let inner = value
        .trim()
        .strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'));
    let typed = inner.and_then(|inner| {
        let id = |digits: &str| digits.parse::<i64>().ok().filter(|id| *id > 0);
        if let Some(role) = inner.strip_prefix("@&") {
            id(role).map(|n| OptionInput::Role(RoleId::new(n)))
        } else if let Some(user) = inner.strip_prefix('@') {
            id(user.strip_prefix('!').unwrap_or(user)).map(|n| OptionInput::User(UserId::new(n)))
        } else if let Some(channel) = inner.strip_prefix('#') {
            id(channel).map(|n| OptionInput::Channel(ChannelId::new(n)))
        } else {
            None
        }
    });
    typed.unwrap_or(OptionInput::Text(value))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(pub String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

/// One token: its text, and whether it held an option (`name:` seen outside quotes).
#[derive(Debug)]
struct Token {
    name: Option<String>,
    value: String,
}

pub fn parse_line(line: &str) -> Result<ParsedLine, ParseError> {
    let tokens = tokenize(line.trim())?;
    let mut path = Vec::new();
    let mut options = Vec::new();
    for token in tokens {
        match token.name {
            Some(name) => options.push((name, token.value)),
            None if options.is_empty() => {
                let word = token.value.trim_start_matches('/').to_lowercase();
                if !word.is_empty() {
                    path.push(word);
                }
            }
            None => {
                return Err(ParseError(format!(
                    "unexpected `{}` after the options; write options as name:value and quote \
                     values with spaces, like notes:\"two words\"",
                    token.value
                )))
            }
        }
    }
    if path.is_empty() {
        return Err(ParseError(
            "type a command, like `/help` or `/deal list`".to_string(),
        ));
    }
    Ok(ParsedLine { path, options })
}

fn tokenize(line: &str) -> Result<Vec<Token>, ParseError> {
    let mut tokens = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(tokens);
        }
        let mut name: Option<String> = None;
        let mut value = String::new();
        let mut quoted = false;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            match c {
                '"' | '\'' if value.is_empty() && !quoted => {
                    value.push_str(&read_quoted(&mut chars, c)?);
                    quoted = true;
                    if chars.peek().is_some_and(|c| !c.is_whitespace()) {
                        return Err(ParseError(format!(
                            "put a space after the closing quote of `{value}`"
                        )));
                    }
                }
                ':' if name.is_none() && !quoted && is_option_name(&value) => {
                    name = Some(value.to_lowercase());
                    value = String::new();
                }
                _ => value.push(c),
            }
        }
        tokens.push(Token { name, value });
    }
}

fn read_quoted(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    quote: char,
) -> Result<String, ParseError> {
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n @ ('"' | '\'' | '\\')) => out.push(n),
                Some('n') => out.push('\n'),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => break,
            },
            c if c == quote => return Ok(out),
            c => out.push(c),
        }
    }
    Err(ParseError(format!(
        "a {quote} quote is not closed; close it, like name:{quote}AMER East{quote}"
    )))
}

fn is_option_name(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 32
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(line: &str) -> Vec<(String, String)> {
        parse_line(line).unwrap().options
    }

    #[test]
    fn a_command_path_and_quoted_options_are_split() {
        let parsed =
            parse_line(r#"/deal add account:"Acme Corp" amount:120k close:2026-12-15"#).unwrap();
        assert_eq!(parsed.path, vec!["deal", "add"]);
        assert_eq!(
            parsed.options,
            vec![
                ("account".into(), "Acme Corp".into()),
                ("amount".into(), "120k".into()),
                ("close".into(), "2026-12-15".into()),
            ]
        );
    }

    #[test]
    fn a_quoted_value_cannot_smuggle_in_another_option() {
        assert_eq!(
            opts(r#"/touch log notes:"hi\" partner:\"Evil" type:call"#),
            vec![
                ("notes".into(), r#"hi" partner:"Evil"#.into()),
                ("type".into(), "call".into())
            ]
        );
        assert_eq!(
            opts(r#"/touch log notes:'a partner:b'"#),
            vec![("notes".into(), "a partner:b".into())]
        );
    }

    #[test]
    fn colons_inside_values_are_kept() {
        assert_eq!(
            opts("/touch log notes:10:30"),
            vec![("notes".into(), "10:30".into())]
        );
    }

    #[test]
    fn words_after_options_are_refused() {
        assert!(parse_line(r#"/territory add name:AMER East"#)
            .unwrap_err()
            .0
            .contains("quote"));
    }

    #[test]
    fn an_unclosed_quote_is_refused() {
        assert!(parse_line(r#"/territory add name:"AMER"#).is_err());
    }

    #[test]
    fn an_empty_line_asks_for_a_command() {
        assert!(parse_line("   ").is_err());
    }

    #[test]
    fn mentions_become_ids_and_everything_else_stays_text() {
        let input = |v: &str| option_input(v.to_string());
        assert_eq!(input("<@123>"), OptionInput::User(UserId::new(123)));
        assert_eq!(input("<@!123>"), OptionInput::User(UserId::new(123)));
        assert_eq!(input(" <#45> "), OptionInput::Channel(ChannelId::new(45)));
        assert_eq!(input("<@&67>"), OptionInput::Role(RoleId::new(67)));
        for text in [
            "Dana Lee",
            "@Dana",
            "<@abc>",
            "<#>",
            "met <@1> today",
            "123",
        ] {
            assert_eq!(input(text), OptionInput::Text(text.to_string()), "{text}");
        }
    }
}
