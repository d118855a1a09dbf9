//! A [`Reply`] laid out as Discord messages, within Discord's limits: text and cards become
//! embeds in the reply's colours, tables become code blocks split at row boundaries, and what
//! does not fit one message continues in the next (follow-ups). Nothing is ever rejected by
//! Discord for size: past [`MAX_MESSAGES`] the rest is trimmed and a note says so.
//!
//! The layout is plain data ([`OutMessage`]) so it is tested without serenity; `builders` turns
//! it into serenity's request builders.

use crate::core::reply::{Attachment, Card, Field, Reply, Visibility};
use crate::discord::markup;
use crate::discord::split::{chars, split_text, trim, Pages};

/// Discord's limits on a message (checked against the API documentation).
pub mod limits {
    pub const CONTENT: usize = 2000;
    pub const EMBEDS: usize = 10;
    pub const TITLE: usize = 256;
    pub const DESCRIPTION: usize = 4096;
    pub const FIELDS: usize = 25;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const FOOTER: usize = 2048;
    /// All embeds of one message together (titles, descriptions, fields, footers).
    pub const EMBED_TOTAL: usize = 6000;
    pub const BUTTONS_PER_ROW: usize = 5;
    pub const ROWS: usize = 5;
    pub const BUTTON_LABEL: usize = 80;
    pub const FILES: usize = 10;
    /// A component's or modal's custom id, in characters.
    pub const CUSTOM_ID: usize = 100;
    /// The largest attachment when an interaction does not say (Discord's default for bots).
    pub const DEFAULT_FILE_LIMIT: usize = 10 * 1024 * 1024;
    /// Channel messages carry no attachment limit; keep to the default.
    pub const CHANNEL_FILE_LIMIT: usize = DEFAULT_FILE_LIMIT;
}

/// At most this many messages per reply (the answer and four follow-ups); a reply needing more
/// is trimmed with a note.
pub const MAX_MESSAGES: usize = 5;
/// Discord needs a non-empty field name and value; this zero-width space stands for "nothing".
const BLANK: &str = "\u{200b}";

/// One Discord message of a reply.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutMessage {
    pub content: Option<String>,
    pub embeds: Vec<OutEmbed>,
    pub buttons: Vec<OutButton>,
    pub files: Vec<Attachment>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutEmbed {
    pub title: Option<String>,
    pub description: Option<String>,
    pub colour: u32,
    pub fields: Vec<OutField>,
    pub footer: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutField {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutButton {
    pub label: String,
    pub custom_id: String,
    /// Prev/Next of a list: shown grey, actions blue.
    pub paging: bool,
}

/// A reply laid out: its messages in order, and whether only the caller sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub messages: Vec<OutMessage>,
    pub ephemeral: bool,
}

impl OutEmbed {
    fn new(colour: u32) -> OutEmbed {
        OutEmbed {
            colour,
            ..OutEmbed::default()
        }
    }

    /// Characters counted against the 6000 per message.
    pub fn chars(&self) -> usize {
        let opt = |s: &Option<String>| s.as_deref().map_or(0, chars);
        opt(&self.title)
            + opt(&self.description)
            + opt(&self.footer)
            + self
                .fields
                .iter()
                .map(|f| chars(&f.name) + chars(&f.value))
                .sum::<usize>()
    }
}

impl OutMessage {
    pub fn embed_chars(&self) -> usize {
        self.embeds.iter().map(OutEmbed::chars).sum()
    }
}

/// Lays `reply` out as messages; `file_limit` is the largest attachment allowed (bytes).
pub fn layout(reply: &Reply, file_limit: usize) -> Layout {
    let mut notes = Vec::new();
    let mut content = None;
    let mut embeds = Vec::new();
    let text = reply.text.as_ref().map(markup::text);
    if let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) {
        if !reply.cards.is_empty() && chars(text) <= limits::CONTENT {
            content = Some(text.to_string());
        } else {
            let mut pages = Pages::new(limits::DESCRIPTION);
            pages.push_text(text);
            embeds.extend(pages.finish().into_iter().map(|page| OutEmbed {
                description: Some(page),
                ..OutEmbed::new(reply.tone.colour())
            }));
        }
    }
    for card in &reply.cards {
        embeds.extend(card_embeds(card));
    }

    let mut messages = vec![OutMessage {
        content,
        ..OutMessage::default()
    }];
    for embed in embeds {
        let last = messages.last().expect("one message at least");
        if last.embeds.len() == limits::EMBEDS
            || last.embed_chars() + embed.chars() > limits::EMBED_TOTAL
        {
            messages.push(OutMessage::default());
        }
        messages.last_mut().expect("just pushed").embeds.push(embed);
    }
    if messages.len() > MAX_MESSAGES {
        messages.truncate(MAX_MESSAGES);
        notes.push(
            "*Trimmed: this answer is too long for Discord. Narrow it down with the command's \
             options (or `page:`).*"
                .to_string(),
        );
    }

    let buttons = buttons(reply, &mut notes);
    messages.last_mut().expect("one message").buttons = buttons;
    let files = files(reply, file_limit, &mut notes);
    messages[0].files = files;

    let last = messages.last_mut().expect("one message");
    if !notes.is_empty() {
        let note = notes.join("\n");
        let text = match last.content.take() {
            Some(text) => {
                let room = limits::CONTENT.saturating_sub(chars(&note) + 1);
                format!("{}\n{note}", trim(&text, room))
            }
            None => note,
        };
        last.content = Some(trim(&text, limits::CONTENT));
    }
    let first = &mut messages[0];
    if first.content.is_none() && first.embeds.is_empty() && first.files.is_empty() {
        first.content = Some("Done.".to_string());
    }
    Layout {
        messages,
        ephemeral: reply.visibility == Visibility::Private,
    }
}

/// One card as embeds: the first has the title; the description and table continue in further
/// embeds when longer than a description allows; fields follow, 25 (and 6000 characters) at
/// most per embed; the footer goes on the last.
fn card_embeds(card: &Card) -> Vec<OutEmbed> {
    let colour = card.tone.colour();
    let mut pages = Pages::new(limits::DESCRIPTION);
    let description = card.description.as_ref().map(markup::text);
    if let Some(description) = description.as_deref().filter(|d| !d.trim().is_empty()) {
        pages.push_text(description);
    }
    if let Some(table) = &card.table {
        pages.push_table(table);
    }
    let mut embeds: Vec<OutEmbed> = pages
        .finish()
        .into_iter()
        .map(|page| OutEmbed {
            description: Some(page),
            ..OutEmbed::new(colour)
        })
        .collect();
    if embeds.is_empty() {
        embeds.push(OutEmbed::new(colour));
    }
    let title = card.title.trim();
    if !title.is_empty() {
        embeds[0].title = Some(trim(title, limits::TITLE));
    }
    for field in card.fields.iter().flat_map(split_field) {
        let last = embeds.last().expect("one embed");
        let size = chars(&field.name) + chars(&field.value);
        if last.fields.len() == limits::FIELDS || last.chars() + size > limits::EMBED_TOTAL {
            embeds.push(OutEmbed::new(colour));
        }
        embeds.last_mut().expect("just pushed").fields.push(field);
    }
    if let Some(footer) = card.footer.as_deref().filter(|f| !f.trim().is_empty()) {
        let footer = trim(footer.trim(), limits::FOOTER);
        if embeds.last().expect("one embed").chars() + chars(&footer) > limits::EMBED_TOTAL {
            embeds.push(OutEmbed::new(colour));
        }
        embeds.last_mut().expect("one embed").footer = Some(footer);
    }
    embeds
}

/// A field whose value is too long continues in unnamed fields below it.
fn split_field(field: &Field) -> Vec<OutField> {
    let name = match field.name.trim() {
        "" => BLANK.to_string(),
        name => trim(name, limits::FIELD_NAME),
    };
    let value = markup::text(&field.value);
    if value.trim().is_empty() {
        return vec![OutField {
            name,
            value: BLANK.to_string(),
            inline: field.inline,
        }];
    }
    let parts = split_text(&value, limits::FIELD_VALUE);
    let single = parts.len() == 1;
    parts
        .into_iter()
        .enumerate()
        .map(|(i, value)| OutField {
            name: if i == 0 {
                name.clone()
            } else {
                BLANK.to_string()
            },
            value,
            inline: field.inline && single,
        })
        .collect()
}

/// The reply's buttons that Discord can show: unique custom ids, labels within limits, at most
/// five rows of five.
fn buttons(reply: &Reply, notes: &mut Vec<String>) -> Vec<OutButton> {
    let mut out: Vec<OutButton> = Vec::new();
    for button in &reply.buttons {
        if out.iter().any(|b| b.custom_id == button.custom_id) {
            continue;
        }
        let label = match button.label.trim() {
            "" => "…".to_string(),
            label => trim(label, limits::BUTTON_LABEL),
        };
        out.push(OutButton {
            label,
            custom_id: button.custom_id.clone(),
            paging: button.paging,
        });
    }
    let max = limits::BUTTONS_PER_ROW * limits::ROWS;
    if out.len() > max {
        notes.push(format!(
            "*{} more action(s) not shown: Discord shows {max} buttons at most.*",
            out.len() - max
        ));
        out.truncate(max);
    }
    out
}

fn files(reply: &Reply, limit: usize, notes: &mut Vec<String>) -> Vec<Attachment> {
    let mut out = Vec::new();
    for file in &reply.files {
        if file.bytes.len() > limit {
            notes.push(format!(
                "*`{}` is too large to attach here ({:.1} MB; Discord allows {:.1} MB).*",
                file.filename,
                file.bytes.len() as f64 / 1_048_576.0,
                limit as f64 / 1_048_576.0
            ));
        } else if out.len() == limits::FILES {
            notes.push(format!(
                "*`{}` not attached: {} files at most.*",
                file.filename,
                limits::FILES
            ));
        } else {
            out.push(file.clone());
        }
    }
    out
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
