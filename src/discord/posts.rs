//! Posting the messages a reply asks for in channels ([`Post`]): a review card in the review
//! channel, a note to a PTM. Tracked posts report their message id back to the core; a post
//! that names an earlier message edits it instead (and posts anew when it is gone).

use crate::core::reply::Post;
use crate::core::Core;
use crate::discord::builders;
use crate::discord::handler::CHANNEL_FILE_LIMIT;
use crate::discord::render::layout;
use serenity::all::{Builder, ChannelId, GuildId, Http, MessageId};

/// Posts (or edits) each of `posts`; a failure is logged and does not stop the others.
pub async fn deliver(http: &Http, core: &Core, workspace_id: i64, posts: &[Post]) {
    for post in posts {
        if let Err(err) = deliver_one(http, core, workspace_id, post).await {
            tracing::warn!(
                workspace = workspace_id,
                channel = post.channel_id,
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
    workspace_id: i64,
    post: &Post,
) -> anyhow::Result<()> {
    let channel = ChannelId::new(positive(post.channel_id)?);
    let parts = layout(&post.message, CHANNEL_FILE_LIMIT).messages;
    if let Some(message_id) = post.edit_message_id {
        let edit = builders::edit_post(&parts[0], &post.pings);
        let message = MessageId::new(positive(message_id)?);
        match edit.execute(http, (channel, message, None)).await {
            Ok(_) => return Ok(()),
            // Deleted meanwhile: post it again below.
            Err(err) if is_not_found(&err) => {}
            Err(err) => return Err(err.into()),
        }
    }
    let guild = u64::try_from(workspace_id)
        .ok()
        .filter(|id| *id > 0)
        .map(GuildId::new);
    for (i, part) in parts.iter().enumerate() {
        let sent = builders::post(part, &post.pings)
            .execute(http, (channel, guild))
            .await?;
        if let (0, Some(track)) = (i, &post.track) {
            let message_id = i64::try_from(sent.id.get())?;
            core.record_posted(workspace_id, track, post.channel_id, message_id)
                .await?;
        }
    }
    Ok(())
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
