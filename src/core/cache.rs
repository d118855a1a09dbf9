//! The per-process cache of what every command loads first: the workspace with its settings and
//! role mapping, and the acting member ([`ActorContext`]). It saves the hottest read of every
//! command (measured: `/touch log` throughput).
//!
//! Freshness: this process forgets a workspace's entries as soon as it commits a settings
//! change (`/setup …`) and a member's entry when it rewrites that member. Changes made by
//! another process (a second bot on the same PostgreSQL, `partnerbot exec` beside the bot) are
//! seen after at most [`TTL`]. The actor's Discord roles are never cached: they arrive with
//! every interaction; only the mapping from Discord role to partnerbot role is.

use crate::store::workspace::ActorContext;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long an entry is trusted without reading the database again.
pub const TTL: Duration = Duration::from_secs(10);

/// Entries kept before expired ones are swept out.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Debug, Default)]
pub struct ContextCache {
    entries: Mutex<HashMap<(i64, i64), (Instant, ActorContext)>>,
}

impl ContextCache {
    /// The context of `user` in `workspace_id`, if loaded less than [`TTL`] ago.
    pub fn get(&self, workspace_id: i64, user: i64) -> Option<ActorContext> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(&(workspace_id, user))
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, context)| context.clone())
    }

    pub fn put(&self, user: i64, context: ActorContext) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= SWEEP_ABOVE {
            entries.retain(|_, (at, _)| at.elapsed() < TTL);
        }
        entries.insert((context.workspace.id, user), (Instant::now(), context));
    }

    /// After a settings or role-mapping change in `workspace_id`.
    pub fn forget_workspace(&self, workspace_id: i64) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|(ws, _), _| *ws != workspace_id);
    }

    /// After the member row of `user` changed.
    pub fn forget_member(&self, workspace_id: i64, user: i64) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.remove(&(workspace_id, user));
    }
}

/// Whether committing command `key` changes workspace settings or the role mapping.
pub fn changes_workspace(key: &str) -> bool {
    key.starts_with("setup ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_setup_commands_change_the_workspace() {
        assert!(changes_workspace("setup role"));
        assert!(changes_workspace("setup workspace"));
        assert!(!changes_workspace("touch log"));
        assert!(!changes_workspace("setup"));
    }
}
