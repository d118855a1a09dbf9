//! [`Poster`]: where the runner sends a scheduled post (Discord in production, anything in
//! tests), and [`PostError`]: whether a failure is worth another attempt.

use crate::core::reply::Post;
use crate::domain::ids::MessageId;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// What [`Poster::post`] returns: the first message's id. A boxed future keeps the trait
/// object-safe without an `async_trait` dependency.
pub type PostFuture<'a> = Pin<Box<dyn Future<Output = Result<MessageId, PostError>> + Send + 'a>>;

/// Sends scheduled posts.
pub trait Poster: Send + Sync {
    /// Posts `post` as a new message (several when the transport splits it) and returns the
    /// first message's id. `nonce` (at most 25 characters) identifies the run: posting again
    /// with the same nonce shortly after must return the message already posted instead of a
    /// copy (Discord's `enforce_nonce`), which makes a retry after an unknown outcome safe.
    fn post<'a>(&'a self, post: &'a Post, nonce: &'a str) -> PostFuture<'a>;
}

/// Why a post failed.
#[derive(Debug, thiserror::Error)]
pub enum PostError {
    /// Worth trying again (rate limited, a server error, the network): after `after` when the
    /// transport knows how long to wait, else after the runner's backoff.
    #[error("{cause:#} (retryable)")]
    Retry {
        after: Option<Duration>,
        cause: anyhow::Error,
    },
    /// Trying again would fail the same way (no access to the channel, a refused body).
    #[error("{0:#}")]
    Fatal(anyhow::Error),
}

impl PostError {
    /// A retryable failure with no advice on when to retry.
    pub fn retry(cause: impl Into<anyhow::Error>) -> PostError {
        PostError::Retry {
            after: None,
            cause: cause.into(),
        }
    }
}
