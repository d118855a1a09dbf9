//! The per-process caches of what the hottest commands read first: the workspace with its
//! settings and role mapping plus the acting member ([`ActorContext`], read by every command),
//! and partners by name (read by every `/touch log`). Measured: `/touch log` throughput.
//!
//! Freshness: this process forgets a workspace's entries as soon as it commits a change to
//! them (`/setup …` for settings and roles, `/partner …` for partners) and a member's entry
//! when it rewrites that member. Changes made by another process (a second bot on the same
//! PostgreSQL, `partnerbot exec` beside the bot) are seen after at most [`CONTEXT_TTL`] for
//! settings, roles and members, and [`PARTNER_TTL`] for a partner's name and home territory
//! (renames are rare, and every `/touch log` looks its partner up). The actor's Discord roles are
//! never cached: they arrive with every interaction; only the mapping from Discord role to
//! partnerbot role is. Partner ids never change, so a stale name still finds the right partner;
//! a partner that does not exist is never cached.

use crate::domain::ids::{UserId, WorkspaceId};
use crate::store::partner::PartnerRef;
use crate::store::workspace::ActorContext;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a workspace context (settings, role mapping, member) is trusted without reading the
/// database again.
pub const CONTEXT_TTL: Duration = Duration::from_secs(10);

/// How long a partner found by name is trusted without reading the database again.
pub const PARTNER_TTL: Duration = Duration::from_secs(60);

/// Entries kept before expired ones are swept out.
const SWEEP_ABOVE: usize = 10_000;

/// Both caches; one per [`crate::core::Core`].
#[derive(Debug)]
pub struct Caches {
    /// By (workspace, user).
    pub contexts: TtlMap<(WorkspaceId, UserId), ActorContext>,
    /// By (workspace, partner name key).
    pub partners: TtlMap<(WorkspaceId, String), PartnerRef>,
}

impl Default for Caches {
    fn default() -> Self {
        Caches {
            contexts: TtlMap::with_ttl(CONTEXT_TTL),
            partners: TtlMap::with_ttl(PARTNER_TTL),
        }
    }
}

impl Caches {
    /// After committing a write in `workspace_id`: forget what it made stale.
    pub fn after_write(&self, stale: Stale, workspace_id: WorkspaceId) {
        if stale.actor_contexts {
            self.contexts.forget_where(|(ws, _)| *ws == workspace_id);
        }
        if stale.partners {
            self.partners.forget_where(|(ws, _)| *ws == workspace_id);
        }
    }
}

/// The process caches a successful write makes stale for its workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stale {
    /// Workspace settings and role mappings (`/setup`).
    pub actor_contexts: bool,
    /// Partners by name (`/partner add|update`).
    pub partners: bool,
}

/// A map whose entries expire a fixed time after they were put.
#[derive(Debug)]
pub struct TtlMap<K, V> {
    ttl: Duration,
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K, V> TtlMap<K, V> {
    pub fn with_ttl(ttl: Duration) -> Self {
        TtlMap {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash, V: Clone> TtlMap<K, V> {
    /// The value under `key`, if put less than the map's time to live ago.
    pub fn get(&self, key: &K) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, value)| value.clone())
    }

    pub fn put(&self, key: K, value: V) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= SWEEP_ABOVE {
            let ttl = self.ttl;
            entries.retain(|_, (at, _)| at.elapsed() < ttl);
        }
        entries.insert(key, (Instant::now(), value));
    }

    pub fn forget(&self, key: &K) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.remove(key);
    }

    pub fn forget_where(&self, mut matches: impl FnMut(&K) -> bool) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|key, _| !matches(key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::command::CommandKind;
    use crate::domain::ids::PartnerId;

    fn partner(id: i64) -> PartnerRef {
        PartnerRef {
            id: PartnerId::new(id),
            name: format!("Partner {id}"),
            territory_id: None,
        }
    }

    #[test]
    fn partner_writes_forget_that_workspaces_partners_only() {
        let caches = Caches::default();
        caches
            .partners
            .put((WorkspaceId::new(1), "globex".into()), partner(1));
        caches
            .partners
            .put((WorkspaceId::new(2), "globex".into()), partner(2));
        caches.after_write(CommandKind::TouchLog.makes_stale(), WorkspaceId::new(1));
        assert!(caches
            .partners
            .get(&(WorkspaceId::new(1), "globex".into()))
            .is_some());
        caches.after_write(
            CommandKind::PartnerUpdate.makes_stale(),
            WorkspaceId::new(1),
        );
        assert!(caches
            .partners
            .get(&(WorkspaceId::new(1), "globex".into()))
            .is_none());
        assert_eq!(
            caches.partners.get(&(WorkspaceId::new(2), "globex".into())),
            Some(partner(2))
        );
    }
}
