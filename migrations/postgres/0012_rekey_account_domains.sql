-- Account match domains are now folded by the Public Suffix List (names::registrable_domain,
-- through the psl crate) instead of a hand-kept list of two-level suffixes, so some stored
-- keys are stale ("kyiv.acme.co.ua" was stored as "co.ua"). Clearing match_key makes the
-- backfill that runs right after migrations (store::account::backfill_match_keys) recompute
-- match_key and match_domain of every account with a domain.
UPDATE accounts SET match_key = NULL WHERE domain IS NOT NULL;
