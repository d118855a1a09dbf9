//! Questions asked by mentioning the bot ("@partnerbot who covers acme.com?") and the welcome
//! when the bot joins a server. A question becomes `/account show account:<name or domain>`, so
//! it is answered, permission-checked and worded exactly like the command.

use crate::core::invocation::{Action, Actor, Invocation, OptionInput};
use crate::core::reply::{Card, Reply, Tone};
use crate::core::Core;
use crate::domain::ids::{ChannelId, UserId, WorkspaceId};
use crate::store::workspace;

/// A message that mentions the bot (or a direct message).
#[derive(Debug, Clone)]
pub struct Mention {
    /// The server it was asked in; `None` for a direct message.
    pub workspace_id: Option<WorkspaceId>,
    pub workspace_name: String,
    pub actor: Actor,
    pub channel_id: Option<ChannelId>,
    /// The question, without the mentions the door found in the message.
    pub text: String,
}

/// Phrases around the account in a question, removed before the lookup.
const LEADING: &[&str] = &[
    "who covers",
    "who is covering",
    "who's covering",
    "who owns",
    "who has",
    "coverage for",
    "coverage of",
    "cover",
    "covers",
];

impl Core {
    pub async fn mention(&self, mention: &Mention) -> Reply {
        let query = question_subject(&mention.text);
        if query.is_empty() {
            return Reply::info(
                "Ask me who covers an account: `@partnerbot who covers acme.com?` \
                 (a name or a web domain). Type `/help` for everything else.",
            );
        }
        let workspace_id = match mention.workspace_id {
            Some(id) => id,
            None => match self.only_workspace_of(mention.actor.user_id).await {
                Ok(Some(id)) => id,
                Ok(None) => {
                    return Reply::info(
                        "I could not tell which team you mean: ask me in a server channel \
                         where partnerbot is set up.",
                    )
                }
                Err(err) => {
                    tracing::error!("finding the workspace of a direct message failed: {err:#}");
                    return Reply::error("Something went wrong on our side; please try again.");
                }
            },
        };
        let invocation = Invocation {
            workspace_id,
            workspace_name: mention.workspace_name.clone(),
            actor: mention.actor.clone(),
            channel_id: mention.channel_id,
            interaction_id: None,
            action: Action::Command {
                path: vec!["account".into(), "show".into()],
                options: vec![("account".into(), OptionInput::Text(query))],
            },
        };
        self.handle(&invocation).await
    }

    /// The one workspace a person has used partnerbot in, if exactly one.
    async fn only_workspace_of(&self, user_id: UserId) -> anyhow::Result<Option<WorkspaceId>> {
        let ids: Vec<WorkspaceId> = sqlx::query_scalar(
            "SELECT workspace_id FROM members WHERE user_id = $1 ORDER BY workspace_id LIMIT 2",
        )
        .bind(user_id)
        .fetch_all(self.store().pool())
        .await?;
        Ok(match ids.as_slice() {
            [one] => Some(*one),
            _ => None,
        })
    }

    /// Creates the workspace for a server the bot joined; returns the welcome to post when the
    /// workspace is new (a restart or a reconnect posts nothing).
    pub async fn workspace_joined(
        &self,
        guild_id: WorkspaceId,
        guild_name: &str,
    ) -> anyhow::Result<Option<Reply>> {
        let mut tx = self.store().begin_write().await?;
        if workspace::get(&mut tx, guild_id).await?.is_some() {
            return Ok(None);
        }
        workspace::ensure(&mut tx, guild_id, guild_name, self.clock().now()).await?;
        tx.commit().await?;
        let card = Card::new("Hello from partnerbot", Tone::Info).description(
            "I help partner teams register deals, log partner touches and see who covers which \
             account.\n\nAn admin should start with `/setup workspace` (timezone, currency, fiscal \
             year), then `/setup role` to map your PTM, director and field sales roles, and \
             `/territory add`. Type `/help` to see every command.",
        );
        Ok(Some(Reply::card(card).public()))
    }
}

/// The account name or domain in a question: question words and punctuation removed.
pub fn question_subject(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut rest = words.join(" ");
    rest = rest
        .trim()
        .trim_end_matches(['?', '!', '.'])
        .trim()
        .to_string();
    let lower = rest.to_lowercase();
    for phrase in LEADING {
        if let Some(stripped) = lower.strip_prefix(phrase) {
            if stripped.is_empty() || stripped.starts_with(' ') {
                rest = rest[phrase.len()..].trim().to_string();
                break;
            }
        }
    }
    rest.trim_matches(['"', '\'', '`']).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::question_subject;

    #[test]
    fn the_account_is_found_in_a_question() {
        assert_eq!(question_subject("who covers acme.com?"), "acme.com");
        assert_eq!(question_subject("Who covers Acme Corp ?"), "Acme Corp");
        assert_eq!(question_subject("coverage for \"Initech\""), "Initech");
        assert_eq!(question_subject("acme.com"), "acme.com");
        assert_eq!(question_subject(""), "");
        assert_eq!(question_subject("who covers?"), "");
    }
}
