//! The layout of a reply ([`OutMessage`]) as serenity's request builders: interaction responses,
//! edits of the original response, follow-ups, channel messages, modals and autocomplete.

use crate::core::autocomplete::AutocompleteChoice;
use crate::core::reply::{Attachment, Form};
use crate::discord::render::{limits, OutButton, OutEmbed, OutMessage};
use crate::discord::split::trim;
use crate::domain::ids::UserId;
use serenity::builder::{
    AutocompleteChoice as Choice, CreateActionRow, CreateAllowedMentions, CreateAttachment,
    CreateAutocompleteResponse, CreateButton, CreateEmbed, CreateEmbedFooter, CreateInputText,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage, CreateMessage,
    CreateModal, EditInteractionResponse, EditMessage,
};
use serenity::model::application::{ButtonStyle, InputTextStyle};
use serenity::model::channel::Message;

/// Discord's limits on a modal.
const MODAL_TITLE: usize = 45;
const INPUT_LABEL: usize = 45;
const INPUT_PLACEHOLDER: usize = 100;
const INPUT_MAX_LENGTH: u32 = 4000;
const MODAL_INPUTS: usize = 5;

pub fn embed(out: &OutEmbed) -> CreateEmbed {
    let mut embed = CreateEmbed::new().colour(out.colour);
    if let Some(title) = &out.title {
        embed = embed.title(title);
    }
    if let Some(description) = &out.description {
        embed = embed.description(description);
    }
    for field in &out.fields {
        embed = embed.field(&field.name, &field.value, field.inline);
    }
    if let Some(footer) = &out.footer {
        embed = embed.footer(CreateEmbedFooter::new(footer));
    }
    embed
}

fn embeds(message: &OutMessage) -> Vec<CreateEmbed> {
    message.embeds.iter().map(embed).collect()
}

/// Buttons in rows of five; paging buttons are grey, others blue.
pub fn components(buttons: &[OutButton]) -> Vec<CreateActionRow> {
    buttons
        .chunks(limits::BUTTONS_PER_ROW)
        .map(|row| {
            CreateActionRow::Buttons(
                row.iter()
                    .map(|b| {
                        CreateButton::new(&b.custom_id)
                            .label(&b.label)
                            .style(if b.paging {
                                ButtonStyle::Secondary
                            } else {
                                ButtonStyle::Primary
                            })
                    })
                    .collect(),
            )
        })
        .collect()
}

fn attachments(files: &[Attachment]) -> Vec<CreateAttachment> {
    files
        .iter()
        .map(|f| CreateAttachment::bytes(f.bytes.clone(), &f.filename))
        .collect()
}

/// Replies never ping anyone (a name in a card is not a summons).
fn quiet() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
}

/// Mentions that ping exactly `users` (a post that notifies a PTM), nobody else.
fn pinging(users: &[UserId]) -> CreateAllowedMentions {
    let ids = users
        .iter()
        .filter_map(|id| u64::try_from(id.get()).ok().filter(|id| *id > 0))
        .map(serenity::model::id::UserId::new);
    CreateAllowedMentions::new().users(ids)
}

/// A channel message posted on the core's behalf ([`crate::core::reply::Post`]).
pub fn post(message: &OutMessage, pings: &[UserId]) -> CreateMessage {
    channel_message(message, None).allowed_mentions(pinging(pings))
}

/// An edit of a message posted earlier (a review card showing its decision).
pub fn edit_post(message: &OutMessage, pings: &[UserId]) -> EditMessage {
    EditMessage::new()
        .content(message.content.clone().unwrap_or_default())
        .embeds(embeds(message))
        .components(components(&message.buttons))
        .allowed_mentions(pinging(pings))
}

/// The first message of an answer (interaction response type 4, or 7 when it replaces the
/// message a button is on). A replacement clears what it does not set.
pub fn response(message: &OutMessage, ephemeral: bool) -> CreateInteractionResponseMessage {
    let response = CreateInteractionResponseMessage::new()
        .content(message.content.clone().unwrap_or_default())
        .embeds(embeds(message))
        .components(components(&message.buttons))
        .add_files(attachments(&message.files))
        .allowed_mentions(quiet());
    if ephemeral {
        response.ephemeral(true)
    } else {
        response
    }
}

/// The first message of a deferred answer, replacing the "thinking…" placeholder.
pub fn edit(message: &OutMessage) -> EditInteractionResponse {
    let mut edit = EditInteractionResponse::new()
        .content(message.content.clone().unwrap_or_default())
        .embeds(embeds(message))
        .components(components(&message.buttons))
        .allowed_mentions(quiet());
    for file in attachments(&message.files) {
        edit = edit.new_attachment(file);
    }
    edit
}

/// A further message of an answer.
pub fn followup(message: &OutMessage, ephemeral: bool) -> CreateInteractionResponseFollowup {
    let mut followup = CreateInteractionResponseFollowup::new()
        .embeds(embeds(message))
        .components(components(&message.buttons))
        .add_files(attachments(&message.files))
        .allowed_mentions(quiet());
    if ephemeral {
        followup = followup.ephemeral(true);
    }
    if let Some(content) = &message.content {
        followup = followup.content(content);
    }
    followup
}

/// A message posted in a channel; `reply_to` makes it a reply to that message.
pub fn channel_message(message: &OutMessage, reply_to: Option<&Message>) -> CreateMessage {
    let mut create = CreateMessage::new()
        .embeds(embeds(message))
        .components(components(&message.buttons))
        .add_files(attachments(&message.files))
        .allowed_mentions(quiet().replied_user(reply_to.is_some()));
    if let Some(content) = &message.content {
        create = create.content(content);
    }
    if let Some(original) = reply_to {
        create = create.reference_message(original);
    }
    create
}

/// A form as a modal: one text input per field (short or paragraph), whose custom id is the
/// option name it fills.
pub fn modal(form: &Form) -> CreateModal {
    let rows = form
        .fields
        .iter()
        .take(MODAL_INPUTS)
        .map(|field| {
            let style = if field.long {
                InputTextStyle::Paragraph
            } else {
                InputTextStyle::Short
            };
            let mut input =
                CreateInputText::new(style, trim(&field.label, INPUT_LABEL), &field.name)
                    .required(field.required);
            if let Some(placeholder) = field.placeholder.as_deref().filter(|p| !p.is_empty()) {
                input = input.placeholder(trim(placeholder, INPUT_PLACEHOLDER));
            }
            if let Some(max) = field.max_length {
                let max = u16::try_from(max.clamp(1, INPUT_MAX_LENGTH)).unwrap_or(4000);
                input = input.max_length(max);
            }
            if let Some(value) = field.value.as_deref().filter(|v| !v.is_empty()) {
                input = input.value(trim(value, INPUT_MAX_LENGTH as usize));
            }
            CreateActionRow::InputText(input)
        })
        .collect();
    CreateModal::new(&form.custom_id, trim(&form.title, MODAL_TITLE)).components(rows)
}

/// At most 25 string choices, names and values within 100 characters.
pub fn autocomplete(choices: &[AutocompleteChoice]) -> CreateAutocompleteResponse {
    let choices = choices
        .iter()
        .take(crate::core::autocomplete::MAX_CHOICES)
        .map(|c| Choice::new(trim(&c.name, 100), trim(&c.value, 100)))
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::reply::FormField;

    #[test]
    fn a_form_becomes_a_modal_whose_inputs_are_named_after_the_options() {
        let form = Form {
            custom_id: "touch log:partner=Globex".to_string(),
            title: "Log a partner touch: a meeting, call, email or event".to_string(),
            fields: vec![
                FormField {
                    name: "type".into(),
                    label: "Type".into(),
                    required: true,
                    long: false,
                    placeholder: Some("meeting, call".into()),
                    max_length: None,
                    value: None,
                },
                FormField {
                    name: "notes".into(),
                    label: "Notes".into(),
                    required: false,
                    long: true,
                    placeholder: None,
                    max_length: Some(6000),
                    value: None,
                },
            ],
        };
        let json = serde_json::to_value(modal(&form)).unwrap();
        assert_eq!(json["custom_id"], "touch log:partner=Globex");
        assert!(json["title"].as_str().unwrap().chars().count() <= 45);
        let first = &json["components"][0]["components"][0];
        assert_eq!(first["custom_id"], "type");
        assert_eq!(first["style"], 1);
        assert_eq!(first["required"], true);
        assert_eq!(first["placeholder"], "meeting, call");
        let second = &json["components"][1]["components"][0];
        assert_eq!(second["custom_id"], "notes");
        assert_eq!(second["style"], 2);
        assert_eq!(second["required"], false);
        assert_eq!(second["max_length"], 4000);
    }

    #[test]
    fn buttons_go_in_rows_of_five() {
        let buttons: Vec<OutButton> = (0..7)
            .map(|i| OutButton {
                label: format!("B{i}"),
                custom_id: format!("help:n={i}"),
                paging: false,
            })
            .collect();
        let json = serde_json::to_value(components(&buttons)).unwrap();
        assert_eq!(json.as_array().unwrap().len(), 2);
        assert_eq!(json[0]["components"].as_array().unwrap().len(), 5);
        assert_eq!(json[1]["components"][1]["custom_id"], "help:n=6");
    }

    #[test]
    fn paging_buttons_are_grey_and_actions_blue() {
        let reply = crate::core::reply::Reply::info("Deals")
            .with_button("Approve", "registration approve:id=3")
            .with_page_buttons("deal list", 2, 3, &[]);
        let layout = crate::discord::render::layout(&reply, usize::MAX);
        let json = serde_json::to_value(components(&layout.messages[0].buttons)).unwrap();
        let row = &json[0]["components"];
        let styles: Vec<(&str, i64)> = (0..3)
            .map(|i| {
                (
                    row[i]["label"].as_str().unwrap(),
                    row[i]["style"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(styles, [("Approve", 1), ("Prev", 2), ("Next", 2)]);
    }
}
