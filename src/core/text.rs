//! Door-neutral rich text: what a reply says, with member, channel and role mentions, instants
//! and emphasis kept as data. Each door renders the spans its own way (Discord as mentions and
//! timestamps every reader sees in their own time; the console as `@name`, `#channel` and the
//! workspace's local time), so the core writes no transport's markup.
//!
//! Stored replies (the interaction ledger) written before spans existed hold a plain string;
//! they still read, as one plain span.

use crate::domain::ids::{ChannelId, RoleId, UserId};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A run of spans. Adjacent plain spans are merged, so `Text::from("a b")` equals
/// `Text::plain("a ").plain("b")`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text(Vec<Span>);

/// One piece of a [`Text`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Span {
    /// Text as written (it may hold the shared `**bold**` and `` `code` `` conventions).
    Plain(String),
    /// Emphasised text.
    Strong(String),
    /// A literal to type, like a command or an option.
    Code(String),
    /// A member; `name` is their display name when the workspace knows it.
    User { id: UserId, name: Option<String> },
    /// A channel; `name` when known.
    Channel { id: ChannelId, name: Option<String> },
    /// A role of the chat platform (as mapped by `/setup role`); `name` when known.
    Role { id: RoleId, name: Option<String> },
    /// An instant, shown in `zone` (the workspace's IANA timezone) where a door cannot show
    /// each reader their own local time.
    Time { at: DateTime<Utc>, zone: String },
}

impl Text {
    pub fn new() -> Text {
        Text::default()
    }

    /// Text starting with `text` as written.
    pub fn plain(text: impl Into<String>) -> Text {
        Text::new().then(text)
    }

    pub fn spans(&self) -> &[Span] {
        &self.0
    }

    /// Appends `text` as written.
    pub fn then(mut self, text: impl Into<String>) -> Text {
        self.push(Span::Plain(text.into()));
        self
    }

    pub fn strong(mut self, text: impl Into<String>) -> Text {
        self.push(Span::Strong(text.into()));
        self
    }

    pub fn code(mut self, text: impl Into<String>) -> Text {
        self.push(Span::Code(text.into()));
        self
    }

    /// A member mention; `name` is their display name when known.
    pub fn user(mut self, id: UserId, name: Option<&str>) -> Text {
        self.push(Span::User {
            id,
            name: name.map(str::to_string),
        });
        self
    }

    pub fn channel(mut self, id: ChannelId) -> Text {
        self.push(Span::Channel { id, name: None });
        self
    }

    pub fn role(mut self, id: RoleId) -> Text {
        self.push(Span::Role { id, name: None });
        self
    }

    /// An instant, shown in `zone` where a door shows one time for everyone.
    pub fn time(mut self, at: DateTime<Utc>, zone: Tz) -> Text {
        self.push(Span::Time {
            at,
            zone: zone.name().to_string(),
        });
        self
    }

    /// Appends every span of `other`.
    pub fn append(mut self, other: impl Into<Text>) -> Text {
        for span in other.into().0 {
            self.push(span);
        }
        self
    }

    /// `parts` one after another with `separator` between them.
    pub fn join(parts: impl IntoIterator<Item = Text>, separator: &str) -> Text {
        let mut out = Text::new();
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                out = out.then(separator);
            }
            out = out.append(part);
        }
        out
    }

    /// The whole text when it is only plain spans (no mention, time or emphasis).
    pub fn as_plain(&self) -> Option<&str> {
        match self.0.as_slice() {
            [] => Some(""),
            [Span::Plain(text)] => Some(text),
            _ => None,
        }
    }

    /// Nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.0.iter().all(|span| match span {
            Span::Plain(text) | Span::Strong(text) | Span::Code(text) => text.trim().is_empty(),
            _ => false,
        })
    }

    /// The text with each span written by `span` (a door's renderer).
    pub fn render(&self, mut span: impl FnMut(&Span) -> String) -> String {
        self.0.iter().map(&mut span).collect()
    }

    fn push(&mut self, span: Span) {
        if let Span::Plain(text) = &span {
            if text.is_empty() {
                return;
            }
            if let Some(Span::Plain(last)) = self.0.last_mut() {
                last.push_str(text);
                return;
            }
        }
        self.0.push(span);
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::plain(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::plain(text)
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Text {
        Text::plain(text.as_str())
    }
}

/// A neutral form for logs and error chains: `@name` (or `@id`), `#id`, `@&id`, instants in
/// RFC 3339. Doors render with their own markup instead.
impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for span in &self.0 {
            match span {
                Span::Plain(text) => f.write_str(text)?,
                Span::Strong(text) => write!(f, "**{text}**")?,
                Span::Code(text) => write!(f, "`{text}`")?,
                Span::User {
                    name: Some(name), ..
                }
                | Span::Role {
                    name: Some(name), ..
                } => write!(f, "@{name}")?,
                Span::Channel {
                    name: Some(name), ..
                } => write!(f, "#{name}")?,
                Span::User { id, .. } => write!(f, "@{id}")?,
                Span::Role { id, .. } => write!(f, "@&{id}")?,
                Span::Channel { id, .. } => write!(f, "#{id}")?,
                Span::Time { at, .. } => f.write_str(&at.to_rfc3339())?,
            }
        }
        Ok(())
    }
}

/// Plain text is stored as a string (as before spans existed); anything richer as its spans.
impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_plain() {
            Some(text) => serializer.serialize_str(text),
            None => self.0.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Stored {
            Plain(String),
            Spans(Vec<Span>),
        }
        Ok(match Stored::deserialize(deserializer)? {
            Stored::Plain(text) => Text::plain(text),
            Stored::Spans(spans) => {
                let mut text = Text::new();
                for span in spans {
                    text.push(span);
                }
                text
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn adjacent_plain_spans_merge() {
        assert_eq!(Text::plain("a ").then("b"), Text::from("a b"));
        assert_eq!(Text::from("a b").as_plain(), Some("a b"));
        assert_eq!(Text::plain("x").user(UserId::new(1), None).as_plain(), None);
    }

    #[test]
    fn a_reply_stored_as_a_plain_string_still_reads() {
        let text: Text = serde_json::from_str("\"hello\"").unwrap();
        assert_eq!(text, Text::plain("hello"));
        let reply: crate::core::reply::Reply = serde_json::from_str(
            r#"{"visibility":"Private","tone":"Info","text":"hello","cards":[],"buttons":[],"files":[]}"#,
        )
        .unwrap();
        assert_eq!(reply.text, Some(Text::plain("hello")));
    }

    #[test]
    fn rich_text_round_trips_and_plain_text_stays_a_string() {
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
        let text = Text::plain("hi ")
            .user(UserId::new(7), Some("Dana"))
            .then(" in ")
            .channel(ChannelId::new(9))
            .role(RoleId::new(3))
            .strong("now")
            .code("/help")
            .time(at, chrono_tz::Europe::Berlin);
        let json = serde_json::to_string(&text).unwrap();
        assert_eq!(serde_json::from_str::<Text>(&json).unwrap(), text);
        assert_eq!(
            serde_json::to_string(&Text::plain("hello")).unwrap(),
            "\"hello\""
        );
    }

    #[test]
    fn blank_means_only_whitespace() {
        assert!(Text::plain("  ").is_blank());
        assert!(Text::new().is_blank());
        assert!(!Text::new().channel(ChannelId::new(1)).is_blank());
    }
}
