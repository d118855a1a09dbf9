//! Posting the messages a reply asks for in channels ([`Post`]): a review card in the review
//! channel, a note to a PTM. Tracked posts report their message id back to the core; a post
//! that names an earlier message edits it instead (and posts anew when it is gone). The
//! channel, layout and sending of a part are shared with scheduled posts (`scheduled`).

use crate::core::reply::Post;
use crate::core::Core;
use crate::discord::builders;
use crate::discord::render::limits::CHANNEL_FILE_LIMIT;
use crate::discord::render::{layout, OutMessage};
use crate::domain::ids::{UserId, WorkspaceId};
use serenity::all::{Builder, ChannelId, GuildId, Http, Message, MessageId, Nonce};

/// Posts (or edits) each of `posts`; a failure is logged and does not stop the others.
pub async fn deliver(http: &Http, core: &Core, workspace_id: WorkspaceId, posts: &[Post]) {
    for post in posts {
        if let Err(err) = deliver_one(http, core, workspace_id, post).await {
            tracing::warn!(
                workspace = %workspace_id,
                channel = %post.channel_id,
                track = post.track.as_deref().unwrap_or(""),
                "posting in the {} failed: {err:#}",
                post.channel_label
            );
        }
    }
}

async fn deliver_one(
    http: &Http,
    core: &Core,
    workspace_id: WorkspaceId,
    post: &Post,
) -> anyhow::Result<()> {
    let channel = channel_of(post)?;
    let parts = parts(post);
    if let Some(message_id) = post.edit_message_id {
        let edit = builders::edit_post(&parts[0], &post.pings);
        let message = MessageId::new(positive(message_id.get())?);
        match edit.execute(http, (channel, message, None)).await {
            Ok(_) => return Ok(()),
            // Deleted meanwhile: post it again below.
            Err(err) if is_not_found(&err) => {}
            Err(err) => return Err(err.into()),
        }
    }
    let guild = u64::try_from(workspace_id.get())
        .ok()
        .filter(|id| *id > 0)
        .map(GuildId::new);
    for (i, part) in parts.iter().enumerate() {
        let sent = send_part(http, channel, guild, part, &post.pings, None).await?;
        if let (0, Some(track)) = (i, &post.track) {
            let message_id = crate::domain::ids::MessageId::new(i64::try_from(sent.id.get())?);
            core.record_posted(workspace_id, track, post.channel_id, message_id)
                .await?;
        }
    }
    Ok(())
}

/// The channel `post` goes to.
pub(super) fn channel_of(post: &Post) -> anyhow::Result<ChannelId> {
    Ok(ChannelId::new(positive(post.channel_id.get())?))
}

/// `post` laid out as channel messages within Discord's limits (at least one).
pub(super) fn parts(post: &Post) -> Vec<OutMessage> {
    layout(&post.message, CHANNEL_FILE_LIMIT).messages
}

/// Sends one part of a post as a new message pinging `pings`. With a `nonce`, Discord
/// enforces it: the same nonce again within a few minutes returns the message already posted
/// instead of a copy.
pub(super) async fn send_part(
    http: &Http,
    channel: ChannelId,
    guild: Option<GuildId>,
    part: &OutMessage,
    pings: &[UserId],
    nonce: Option<String>,
) -> serenity::Result<Message> {
    let mut message = builders::post(part, pings);
    if let Some(nonce) = nonce {
        message = message.nonce(Nonce::String(nonce)).enforce_nonce(true);
    }
    message.execute(http, (channel, guild)).await
}

fn positive(id: i64) -> anyhow::Result<u64> {
    u64::try_from(id)
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| anyhow::anyhow!("`{id}` is not a Discord id"))
}

fn is_not_found(err: &serenity::Error) -> bool {
    matches!(err, serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response))
        if response.status_code.as_u16() == 404)
}
