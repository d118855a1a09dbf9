//! What the core answers, independent of any transport: text, cards, tables, buttons and files,
//! with a visibility. Discord renders cards as embeds; the console prints them as plain text.

use crate::domain::ids::{ChannelId, MessageId, UserId};
use serde::{Deserialize, Serialize};

pub use crate::core::text::{Span, Text};

/// `text` cut to `max` characters, the last one an ellipsis when anything was cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    /// Only the person who asked sees it (errors, personal data).
    Private,
    /// Posted for the channel to see (announcements).
    Public,
}

/// The kind of reply or card; decides its colour everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tone {
    Info,
    Success,
    Warning,
    Error,
}

impl Tone {
    /// RGB colour used for Discord embeds and terminal accents.
    pub fn colour(self) -> u32 {
        match self {
            Tone::Info => 0x3B82F6,
            Tone::Success => 0x22C55E,
            Tone::Warning => 0xF59E0B,
            Tone::Error => 0xEF4444,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub visibility: Visibility,
    pub tone: Tone,
    /// A short line of text shown above the cards.
    pub text: Option<Text>,
    pub cards: Vec<Card>,
    pub buttons: Vec<Button>,
    pub files: Vec<Attachment>,
    /// A form to fill in (a Discord modal) instead of a message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<Form>,
    /// Answering a button (or a modal opened by one): replace the message the button was on
    /// instead of sending a new one (a review card showing its decision).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub update_source: bool,
    /// Messages to post in channels besides the answer (a review card, a note to a PTM).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<Post>,
    /// Nothing was done: the command stopped to ask the person to confirm (a registration over
    /// a possible conflict). Scripts see it as its own outcome (`exec` exits with 4).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub needs_confirmation: bool,
}

/// A message the core asks the door to post in a channel, or to edit where it was posted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Post {
    pub channel_id: ChannelId,
    /// How people know the channel (`review channel`), for the console which has none.
    pub channel_label: String,
    pub message: Reply,
    /// Edit this earlier message instead of posting a new one.
    #[serde(default)]
    pub edit_message_id: Option<MessageId>,
    /// When set (`registration:12`), the door reports the posted message id back with
    /// [`crate::core::Core::record_posted`], so later changes can edit the message.
    #[serde(default)]
    pub track: Option<String>,
    /// Users the post notifies (pings); every other mention in it stays silent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pings: Vec<UserId>,
}

/// A short form asking for a command's missing options (Discord shows it as a modal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Form {
    /// Custom id of the command to run on submit, with the options already known.
    pub custom_id: String,
    pub title: String,
    pub fields: Vec<FormField>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormField {
    /// The option name the typed value is given as.
    pub name: String,
    pub label: String,
    pub required: bool,
    /// A multi-line paragraph (notes) rather than one line.
    pub long: bool,
    pub placeholder: Option<String>,
    pub max_length: Option<u32>,
    /// Pre-filled text the person can edit (suggested numbers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub title: String,
    pub tone: Tone,
    pub description: Option<Text>,
    pub fields: Vec<Field>,
    pub table: Option<Table>,
    pub footer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    pub value: Text,
    /// Shown side by side with its neighbours where the transport can.
    pub inline: bool,
}

/// Rows of aligned columns (a list of deals, partners, touches...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    /// Numbers align right.
    pub align_right: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Button {
    pub label: String,
    /// `action:record` (e.g. `deal.list:page=2`); checked again for permission when clicked.
    pub custom_id: String,
    /// Moves through a list (Prev/Next) rather than acting: doors show it quieter.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub paging: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Reply {
    fn new(visibility: Visibility, tone: Tone) -> Reply {
        Reply {
            visibility,
            tone,
            text: None,
            cards: Vec::new(),
            buttons: Vec::new(),
            files: Vec::new(),
            form: None,
            update_source: false,
            posts: Vec::new(),
            needs_confirmation: false,
        }
    }

    /// A private reply with one card.
    pub fn card(card: Card) -> Reply {
        let mut reply = Reply::new(Visibility::Private, card.tone);
        reply.cards.push(card);
        reply
    }

    /// A private success message.
    pub fn success(text: impl Into<Text>) -> Reply {
        Reply::new(Visibility::Private, Tone::Success).with_text(text)
    }

    /// A private informational message.
    pub fn info(text: impl Into<Text>) -> Reply {
        Reply::new(Visibility::Private, Tone::Info).with_text(text)
    }

    /// A private error that says what to fix.
    pub fn error(text: impl Into<Text>) -> Reply {
        Reply::new(Visibility::Private, Tone::Error).with_text(text)
    }

    pub fn with_text(mut self, text: impl Into<Text>) -> Reply {
        self.text = Some(text.into());
        self
    }

    pub fn with_card(mut self, card: Card) -> Reply {
        self.cards.push(card);
        self
    }

    pub fn with_button(mut self, label: impl Into<String>, custom_id: impl Into<String>) -> Reply {
        self.buttons.push(Button {
            label: label.into(),
            custom_id: custom_id.into(),
            paging: false,
        });
        self
    }

    pub fn with_file(mut self, file: Attachment) -> Reply {
        self.files.push(file);
        self
    }

    /// Prev/Next buttons for page `page` of `pages` of the list command `key`, carrying its
    /// filters. When an id would exceed [`crate::core::custom_id::MAX_LEN`] (long names), the
    /// footer of the last card says to page with `page:` instead.
    pub fn with_page_buttons(
        mut self,
        key: &str,
        page: i64,
        pages: i64,
        carried: &[(&str, String)],
    ) -> Reply {
        let id = |page: i64| {
            let mut params = vec![("page", page.to_string())];
            params.extend(carried.iter().cloned());
            crate::core::custom_id::encode(key, &params)
        };
        let mut wanted = Vec::new();
        if page > 1 {
            wanted.push(("Prev", id(page - 1)));
        }
        if page < pages {
            wanted.push(("Next", id(page + 1)));
        }
        if wanted.iter().any(|(_, id)| id.is_none()) {
            if let Some(card) = self.cards.last_mut() {
                let footer = card.footer.take().unwrap_or_default();
                card.footer = Some(format!("{footer} · more with `page:`"));
            }
            return self;
        }
        for (label, id) in wanted {
            self.buttons.push(Button {
                label: label.to_string(),
                custom_id: id.expect("checked above"),
                paging: true,
            });
        }
        self
    }

    /// A reply that opens a form (modal) instead of posting a message.
    pub fn form(form: Form) -> Reply {
        let mut reply = Reply::new(Visibility::Private, Tone::Info);
        reply.form = Some(form);
        reply
    }

    /// Also posts `message` in `channel_id` (known to people as `channel_label`).
    pub fn with_post(mut self, post: Post) -> Reply {
        self.posts.push(post);
        self
    }

    /// Replaces the message whose button was clicked (see [`Reply::update_source`]).
    pub fn updating_source(mut self) -> Reply {
        self.update_source = true;
        self
    }

    /// Marks a reply that stops to ask for confirmation (see [`Reply::needs_confirmation`]).
    pub fn needing_confirmation(mut self) -> Reply {
        self.needs_confirmation = true;
        self
    }

    pub fn public(mut self) -> Reply {
        self.visibility = Visibility::Public;
        self
    }

    pub fn is_error(&self) -> bool {
        self.tone == Tone::Error
    }
}

impl Post {
    /// A new message in `channel_id`.
    pub fn new(channel_id: ChannelId, channel_label: impl Into<String>, message: Reply) -> Post {
        Post {
            channel_id,
            channel_label: channel_label.into(),
            message,
            edit_message_id: None,
            track: None,
            pings: Vec::new(),
        }
    }

    /// Notifies these users (their mentions in the message ping them).
    pub fn pinging(mut self, users: impl IntoIterator<Item = UserId>) -> Post {
        self.pings.extend(users);
        self
    }

    /// Edits `message_id` instead of posting, when it is known.
    pub fn editing(mut self, message_id: Option<MessageId>) -> Post {
        self.edit_message_id = message_id;
        self
    }

    /// Asks the door to report the posted message id under `track` (`registration:12`).
    pub fn tracked(mut self, track: impl Into<String>) -> Post {
        self.track = Some(track.into());
        self
    }
}

impl Card {
    pub fn new(title: impl Into<String>, tone: Tone) -> Card {
        Card {
            title: title.into(),
            tone,
            description: None,
            fields: Vec::new(),
            table: None,
            footer: None,
        }
    }

    pub fn description(mut self, text: impl Into<Text>) -> Card {
        self.description = Some(text.into());
        self
    }

    /// A field shown side by side with its inline neighbours.
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Text>) -> Card {
        self.fields.push(Field {
            name: name.into(),
            value: value.into(),
            inline: true,
        });
        self
    }

    /// A field on a line of its own.
    pub fn wide_field(mut self, name: impl Into<String>, value: impl Into<Text>) -> Card {
        self.fields.push(Field {
            name: name.into(),
            value: value.into(),
            inline: false,
        });
        self
    }

    pub fn table(mut self, table: Table) -> Card {
        self.table = Some(table);
        self
    }

    pub fn footer(mut self, text: impl Into<String>) -> Card {
        self.footer = Some(text.into());
        self
    }
}

impl Table {
    /// Columns whose header starts with `>` align right (the `>` is dropped): `&["Deal", ">Amount"]`.
    pub fn new(headers: &[&str]) -> Table {
        Table {
            columns: headers
                .iter()
                .map(|h| match h.strip_prefix('>') {
                    Some(h) => Column {
                        header: h.to_string(),
                        align_right: true,
                    },
                    None => Column {
                        header: h.to_string(),
                        align_right: false,
                    },
                })
                .collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.columns.len());
        self.rows.push(cells);
    }
}
