//! The core's door-neutral [`Text`] for a terminal: members as `@name` (`@id` when the name is
//! unknown), channels as `#name` (`#id`), roles as `@name` (`@&id`), instants in the workspace's
//! timezone, and `**strong**` left for the renderer to embolden.

use crate::core::reply::{Span, Text};

/// How an instant is written: `Mon 2 Mar 2026 10:30`.
const TIME_FORMAT: &str = "%a %-d %b %Y %H:%M";

/// `text` as terminal text (still holding `**bold**` marks for [`super::render`]).
pub fn text(text: &Text) -> String {
    text.render(span)
}

fn span(span: &Span) -> String {
    match span {
        Span::Plain(text) => text.clone(),
        Span::Strong(text) => format!("**{text}**"),
        Span::Code(text) => format!("`{text}`"),
        Span::User {
            name: Some(name), ..
        }
        | Span::Role {
            name: Some(name), ..
        } => {
            format!("@{name}")
        }
        Span::User { id, name: None } => format!("@{id}"),
        Span::Role { id, name: None } => format!("@&{id}"),
        Span::Channel {
            name: Some(name), ..
        } => format!("#{name}"),
        Span::Channel { id, name: None } => format!("#{id}"),
        Span::Time { at, zone } => {
            let zone: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
            at.with_timezone(&zone).format(TIME_FORMAT).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::reply::Span;
    use crate::domain::ids::{ChannelId, RoleId, UserId};
    use chrono::{TimeZone, Utc};

    #[test]
    fn each_span_for_a_terminal() {
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
        let rich = Text::plain("Hi ")
            .user(UserId::new(7), Some("Dana Lee"))
            .then(" and ")
            .user(UserId::new(8), None)
            .then(", ")
            .channel(ChannelId::new(9))
            .then(" ")
            .role(RoleId::new(3))
            .then(" ")
            .strong("now")
            .then(" ")
            .code("/help")
            .then(" ")
            .time(at, chrono_tz::Europe::Berlin);
        assert_eq!(
            text(&rich),
            "Hi @Dana Lee and @8, #9 @&3 **now** `/help` Mon 2 Mar 2026 10:30"
        );
    }

    #[test]
    fn known_channel_and_role_names_are_used() {
        let named: Text = serde_json::from_value(serde_json::json!([
            { "channel": { "id": 9, "name": "reviews" } },
            { "plain": " " },
            { "role": { "id": 3, "name": "PTMs" } }
        ]))
        .unwrap();
        assert!(matches!(named.spans()[0], Span::Channel { .. }));
        assert_eq!(text(&named), "#reviews @PTMs");
    }
}
