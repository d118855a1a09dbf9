//! The per-process caches of what the hottest commands read first: the workspace with its
//! settings and role mapping plus the acting member ([`ActorContext`], read by every command),
//! and partners by name (read by every `/touch log`). Measured: `/touch log` throughput.
//!
//! Freshness: this process forgets a workspace's entries as soon as it commits a change to
//! them (`/setup …` for settings and roles, `/partner …` for partners) and a member's entry
//! when it rewrites that member. Changes made by another process (a second bot on the same
//! PostgreSQL, `partnerbot exec` beside the bot) are seen after at most [`TTL`]. The actor's
//! Discord roles are never cached: they arrive with every interaction; only the mapping from
//! Discord role to partnerbot role is. Partner ids never change, so a stale name still finds
//! the right partner; a partner that does not exist is never cached.

use crate::store::partner::PartnerRef;
use crate::store::workspace::ActorContext;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long an entry is trusted without reading the database again.
pub const TTL: Duration = Duration::from_secs(10);

/// Entries kept before expired ones are swept out.
const SWEEP_ABOVE: usize = 10_000;

/// Both caches; one per [`crate::core::Core`].
#[derive(Debug, Default)]
pub struct Caches {
    /// By (workspace, user).
    pub contexts: TtlMap<(i64, i64), ActorContext>,
    /// By (workspace, partner name key).
    pub partners: TtlMap<(i64, String), PartnerRef>,
}

impl Caches {
    /// After committing command `key` in `workspace_id`: forget what it may have changed.
    pub fn after_write(&self, key: &str, workspace_id: i64) {
        if key.starts_with("setup ") {
            self.contexts.forget_where(|(ws, _)| *ws == workspace_id);
        }
        if key.starts_with("partner ") {
            self.partners.forget_where(|(ws, _)| *ws == workspace_id);
        }
    }
}

/// A map whose entries expire [`TTL`] after they were put.
#[derive(Debug)]
pub struct TtlMap<K, V> {
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K, V> Default for TtlMap<K, V> {
    fn default() -> Self {
        TtlMap {
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash, V: Clone> TtlMap<K, V> {
    /// The value under `key`, if put less than [`TTL`] ago.
    pub fn get(&self, key: &K) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, value)| value.clone())
    }

    pub fn put(&self, key: K, value: V) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= SWEEP_ABOVE {
            entries.retain(|_, (at, _)| at.elapsed() < TTL);
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

    fn partner(id: i64) -> PartnerRef {
        PartnerRef {
            id,
            name: format!("Partner {id}"),
            territory_id: None,
        }
    }

    #[test]
    fn partner_writes_forget_that_workspaces_partners_only() {
        let caches = Caches::default();
        caches.partners.put((1, "globex".into()), partner(1));
        caches.partners.put((2, "globex".into()), partner(2));
        caches.after_write("touch log", 1);
        assert!(caches.partners.get(&(1, "globex".into())).is_some());
        caches.after_write("partner update", 1);
        assert!(caches.partners.get(&(1, "globex".into())).is_none());
        assert_eq!(caches.partners.get(&(2, "globex".into())), Some(partner(2)));
    }
}
