//! Answering one interaction within Discord's rules: a reply in time is the response itself; a
//! slower one is deferred after `defer_after` and delivered by editing the original response.
//! Either way the first message of the layout answers and the rest follow as follow-ups. A form
//! opens a modal where Discord allows one (not after a defer, not in answer to a modal).

use crate::core::form::as_text as form_as_text;
use crate::core::reply::Reply;
use crate::discord::builders;
use crate::discord::render::{layout, Layout};
use serenity::builder::{
    Builder, CreateInteractionResponse, CreateInteractionResponseMessage, EditInteractionResponse,
};
use serenity::http::Http;
use serenity::model::id::InteractionId;
use std::future::Future;
use std::time::Duration;

/// What kind of interaction is being answered; decides the response types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A slash command.
    Command,
    /// A button; `in_place` when its answer replaces the message it is on (a Prev/Next button
    /// turning a list's page, a review button updating its card).
    Button { in_place: bool },
    /// A submitted modal (cannot be answered with another modal); `in_place` when it was
    /// opened by an in-place button and its answer replaces that button's message.
    ModalSubmit { in_place: bool },
}

impl Kind {
    fn in_place(self) -> bool {
        matches!(
            self,
            Kind::Button { in_place: true } | Kind::ModalSubmit { in_place: true }
        )
    }
}

/// The interaction being answered.
pub struct Target<'a> {
    pub id: InteractionId,
    pub token: &'a str,
    pub kind: Kind,
    /// Largest attachment Discord accepts for this interaction, in bytes.
    pub file_limit: usize,
}

/// Runs `work` and answers with its reply, deferring first when it takes longer than
/// `defer_after` (at once when that is zero). Returns the reply (its posts are still to send).
pub async fn answer(
    http: &Http,
    target: &Target<'_>,
    work: impl Future<Output = Reply>,
    defer_after: Duration,
) -> serenity::Result<Reply> {
    let mut work = std::pin::pin!(work);
    let in_time = if defer_after.is_zero() {
        None
    } else {
        tokio::time::timeout(defer_after, &mut work).await.ok()
    };
    match in_time {
        Some(reply) => {
            respond(http, target, &reply).await?;
            Ok(reply)
        }
        None => {
            let placeholder = if target.kind.in_place() {
                CreateInteractionResponse::Acknowledge
            } else {
                CreateInteractionResponse::Defer(
                    CreateInteractionResponseMessage::new().ephemeral(true),
                )
            };
            placeholder.execute(http, (target.id, target.token)).await?;
            let reply = work.await;
            deliver_deferred(http, target, &reply).await?;
            Ok(reply)
        }
    }
}

/// Answers at once (response types 4, 7 or 9), then sends any follow-ups.
async fn respond(http: &Http, target: &Target<'_>, reply: &Reply) -> serenity::Result<()> {
    if let Some(form) = &reply.form {
        // Discord opens a modal only as a first answer, never for a modal, and with 1-5 inputs.
        if !matches!(target.kind, Kind::ModalSubmit { .. }) && !form.fields.is_empty() {
            return CreateInteractionResponse::Modal(builders::modal(form))
                .execute(http, (target.id, target.token))
                .await;
        }
        return Box::pin(respond(http, target, &form_as_text(form))).await;
    }
    let Layout {
        messages,
        ephemeral,
    } = layout(reply, target.file_limit);
    let first = &messages[0];
    let response = if replaces_source(target, reply) {
        CreateInteractionResponse::UpdateMessage(builders::response(first, false))
    } else {
        CreateInteractionResponse::Message(builders::response(first, ephemeral))
    };
    response.execute(http, (target.id, target.token)).await?;
    follow_up(http, target, &messages[1..], ephemeral).await
}

/// Delivers the reply of a deferred interaction: the first message replaces the placeholder.
async fn deliver_deferred(http: &Http, target: &Target<'_>, reply: &Reply) -> serenity::Result<()> {
    if let Some(form) = &reply.form {
        return Box::pin(deliver_deferred(http, target, &form_as_text(form))).await;
    }
    let Layout {
        messages,
        ephemeral,
    } = layout(reply, target.file_limit);
    let in_place = target.kind.in_place();
    if in_place && !replaces_source(target, reply) {
        // The message stays as it was; the answer (an error) goes to the clicker alone.
        return follow_up(http, target, &messages, true).await;
    }
    if !in_place && !ephemeral {
        // The placeholder is private: say where the answer went, then post it publicly.
        EditInteractionResponse::new()
            .content("Posted in the channel.")
            .execute(http, target.token)
            .await?;
        return follow_up(http, target, &messages, false).await;
    }
    builders::edit(&messages[0])
        .execute(http, target.token)
        .await?;
    follow_up(http, target, &messages[1..], ephemeral).await
}

/// Whether the answer replaces the message the button was on: an in-place button (a page turn,
/// or a reply asking for it) answered with anything but an error.
fn replaces_source(target: &Target<'_>, reply: &Reply) -> bool {
    let in_place = match target.kind {
        Kind::Button { in_place } => in_place || reply.update_source,
        Kind::ModalSubmit { in_place } => in_place,
        Kind::Command => false,
    };
    in_place && !reply.is_error()
}

async fn follow_up(
    http: &Http,
    target: &Target<'_>,
    messages: &[crate::discord::render::OutMessage],
    ephemeral: bool,
) -> serenity::Result<()> {
    for message in messages {
        builders::followup(message, ephemeral)
            .execute(http, (None, target.token))
            .await?;
    }
    Ok(())
}
