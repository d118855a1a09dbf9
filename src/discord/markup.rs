//! The core's door-neutral [`Text`] in Discord's markup: `<@id>`, `<#id>` and `<@&id>` mentions,
//! `<t:unix:f>` timestamps (each reader sees their own local time), `**strong**` and backticks.

use crate::core::reply::{Span, Text};

/// `text` as Discord message markup.
pub fn text(text: &Text) -> String {
    text.render(span)
}

fn span(span: &Span) -> String {
    match span {
        Span::Plain(text) => text.clone(),
        Span::Strong(text) => format!("**{text}**"),
        Span::Code(text) => format!("`{text}`"),
        Span::User { id, .. } => format!("<@{id}>"),
        Span::Channel { id, .. } => format!("<#{id}>"),
        Span::Role { id, .. } => format!("<@&{id}>"),
        Span::Time { at, .. } => format!("<t:{}:f>", at.timestamp()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{ChannelId, RoleId, UserId};
    use chrono::{TimeZone, Utc};

    #[test]
    fn each_span_in_discord_markup() {
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
        let rich = Text::plain("Hi ")
            .user(UserId::new(7), Some("Dana"))
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
            format!(
                "Hi <@7>, <#9> <@&3> **now** `/help` <t:{}:f>",
                at.timestamp()
            )
        );
        assert_eq!(text(&Text::plain("plain **as is**")), "plain **as is**");
    }
}
