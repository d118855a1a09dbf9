//! Autocomplete: as someone types a partner, account, territory or deal option, offer up to 25
//! matching records (prefix matches first, then anywhere in the name, then close spellings).
//! Read-only and quick: one or two indexed queries.

use crate::core::reply::clip;
use crate::core::Core;
use crate::domain::deal::Stage;
use crate::domain::ids::WorkspaceId;
use crate::domain::money::format_money_short;
use crate::domain::names::{name_key, suggest};
use crate::domain::Choice;
use crate::store::search::{self, Named};
use crate::store::workspace;

/// Discord limits choice names and values to 100 characters.
const MAX_TEXT: usize = 100;

/// Discord shows at most 25 choices.
pub const MAX_CHOICES: usize = 25;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutocompleteRequest {
    pub workspace_id: WorkspaceId,
    /// The command path, e.g. `["deal", "add"]`.
    pub path: Vec<String>,
    /// The option being typed, e.g. `partner`.
    pub option: String,
    /// What has been typed so far.
    pub partial: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutocompleteChoice {
    /// What the person sees (≤ 100 characters).
    pub name: String,
    /// What the option receives when chosen.
    pub value: String,
}

impl Core {
    /// Choices for the option being typed; empty when the option is not a record name or on any
    /// error (autocomplete must never fail loudly; errors are logged).
    pub async fn autocomplete(&self, request: &AutocompleteRequest) -> Vec<AutocompleteChoice> {
        match self.try_autocomplete(request).await {
            Ok(choices) => choices,
            Err(err) => {
                tracing::warn!(option = %request.option, "autocomplete failed: {err:#}");
                Vec::new()
            }
        }
    }

    async fn try_autocomplete(
        &self,
        request: &AutocompleteRequest,
    ) -> anyhow::Result<Vec<AutocompleteChoice>> {
        let what = match request.option.as_str() {
            "partner" | "reseller" | "distributor" => Named::Partner,
            "account" => Named::Account,
            "territory" => Named::Territory,
            "deal" => return self.deal_choices(request).await,
            _ => return Ok(Vec::new()),
        };
        let key = name_key(&request.partial);
        let mut conn = self.store().pool().acquire().await?;
        let ws = request.workspace_id;
        let mut names = search::names(&mut conn, ws, what, &key, MAX_CHOICES as i64).await?;
        if names.is_empty() && !key.is_empty() && what != Named::Account {
            let all = search::all_names(&mut conn, ws, what, 5000).await?;
            names = suggest(&request.partial, all.iter().map(String::as_str));
        }
        Ok(names
            .into_iter()
            .take(MAX_CHOICES)
            .map(|name| AutocompleteChoice {
                name: clip(&name, MAX_TEXT),
                value: clip(&name, MAX_TEXT),
            })
            .collect())
    }

    async fn deal_choices(
        &self,
        request: &AutocompleteRequest,
    ) -> anyhow::Result<Vec<AutocompleteChoice>> {
        let mut conn = self.store().pool().acquire().await?;
        let Some(ws) = workspace::get(&mut conn, request.workspace_id).await? else {
            return Ok(Vec::new());
        };
        let key = name_key(request.partial.trim_start_matches('#'));
        let hits = search::deals(&mut conn, ws.id, &key, MAX_CHOICES as i64).await?;
        Ok(hits
            .into_iter()
            .map(|hit| {
                let stage = Stage::from_id(&hit.stage).map(|s| s.label()).unwrap_or("");
                AutocompleteChoice {
                    name: clip(
                        &format!(
                            "#{} {} · {} · {stage}",
                            hit.id,
                            hit.account,
                            format_money_short(hit.amount_minor, ws.currency)
                        ),
                        MAX_TEXT,
                    ),
                    value: hit.id.to_string(),
                }
            })
            .collect())
    }
}
