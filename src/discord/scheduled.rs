//! The scheduler's [`Poster`] on Discord: a scheduled post sent with serenity's REST client,
//! laid out and built as every other channel post (`posts`), each message carrying a nonce
//! Discord enforces, so posting a run again returns the message already posted. Failures are
//! sorted for the runner: rate limits (429), Discord's server errors (5xx) and the network are
//! worth a retry; anything else (a missing channel, no permission, a refused body) is not.

use super::posts::{channel_of, parts, send_part};
use crate::core::reply::Post;
use crate::scheduler::runner::{PostError, PostFuture, Poster};
use serenity::all::Http;
use serenity::http::HttpError;
use std::sync::Arc;

/// Posts scheduled runs to Discord.
pub struct DiscordPoster {
    http: Arc<Http>,
}

impl DiscordPoster {
    /// Posts through `http` (the gateway client's, so they share serenity's rate limiter).
    pub fn new(http: Arc<Http>) -> DiscordPoster {
        DiscordPoster { http }
    }
}

impl Poster for DiscordPoster {
    fn post<'a>(&'a self, post: &'a Post, nonce: &'a str) -> PostFuture<'a> {
        Box::pin(async move {
            let channel = channel_of(post).map_err(PostError::Fatal)?;
            let mut first = None;
            for (i, part) in parts(post).iter().enumerate() {
                let sent = send_part(
                    &self.http,
                    channel,
                    None,
                    part,
                    &post.pings,
                    Some(part_nonce(nonce, i)),
                )
                .await
                .map_err(classify)?;
                first.get_or_insert(sent.id);
            }
            let id = first.ok_or_else(|| PostError::Fatal(anyhow::anyhow!("nothing to post")))?;
            i64::try_from(id.get())
                .map(crate::domain::ids::MessageId::new)
                .map_err(|err| PostError::Fatal(err.into()))
        })
    }
}

/// The nonce of part `i` of a post: the run's nonce for the first message, then `nonce/1`,
/// `nonce/2`... so a retry after a partial success dedupes each part already posted.
fn part_nonce(nonce: &str, i: usize) -> String {
    if i == 0 {
        nonce.to_string()
    } else {
        format!("{nonce}/{i}")
    }
}

/// Retry on 429, 5xx and network failures; the rest is fatal.
///
/// serenity 0.12.5 drops the response headers and the body's `retry_after` from an error
/// (`ErrorResponse` keeps the status, code and message), so a 429 carries no wait here and
/// the runner's backoff applies. Without a REST proxy serenity's own rate limiter honours
/// `Retry-After` before a 429 ever reaches this code.
fn classify(err: serenity::Error) -> PostError {
    let retry = match &err {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            let status = response.status_code;
            status.as_u16() == 429 || status.is_server_error()
        }
        serenity::Error::Http(HttpError::Request(request)) => !request.is_builder(),
        _ => false,
    };
    let cause = anyhow::Error::new(err).context("Discord refused the post");
    if retry {
        PostError::retry(cause)
    } else {
        PostError::Fatal(cause)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_of_a_post_has_its_own_nonce_within_discords_limit() {
        assert_eq!(part_nonce("7-tj3hk0", 0), "7-tj3hk0");
        assert_eq!(part_nonce("7-tj3hk0", 1), "7-tj3hk0/1");
        use chrono::TimeZone;
        let year_4000 = chrono::Utc.with_ymd_and_hms(4000, 1, 1, 0, 0, 0).unwrap();
        let longest =
            crate::store::ledger::nonce(crate::domain::ids::ScheduleId::new(i64::MAX), year_4000);
        assert!(part_nonce(&longest, 99).len() <= 25, "{longest}");
    }
}
