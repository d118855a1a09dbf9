//! The error policy. Two kinds of failure reach the core's edge:
//! - the user's (bad input, unknown names, missing permission): a clear, private message that says
//!   what to fix, safe to show; nothing was written.
//! - ours (database down, a bug): logged with its whole cause chain under a short reference, and
//!   the user sees only that reference. Internal text is never sent to chat.

use crate::core::text::Text;
use crate::domain::DomainError;
use std::sync::atomic::{AtomicU32, Ordering};

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// Bad input: the message tells the person what to fix (it may mention a member).
    #[error("{0}")]
    Invalid(Text),
    /// The person's roles do not allow this.
    #[error("{0}")]
    Denied(String),
    /// Our failure; never shown, only referenced.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type CommandResult<T = crate::core::reply::Reply> = Result<T, CommandError>;

impl CommandError {
    pub fn invalid(message: impl Into<Text>) -> CommandError {
        CommandError::Invalid(message.into())
    }
}

impl From<DomainError> for CommandError {
    fn from(err: DomainError) -> Self {
        CommandError::invalid(err.to_string())
    }
}

impl From<sqlx::Error> for CommandError {
    fn from(err: sqlx::Error) -> Self {
        CommandError::Internal(err.into())
    }
}

/// A short reference for an internal error, unique within a process run: `E-5F3A-0007`.
pub fn error_reference() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!("E-{:04X}-{:04}", seconds & 0xFFFF, n % 10_000)
}

/// The text shown for an internal error.
pub fn internal_message(reference: &str) -> String {
    format!(
        "Something went wrong on our side and nothing was saved. Please try again; if it keeps \
         happening, give an admin the reference `{reference}` (it is in the bot's log)."
    )
}
