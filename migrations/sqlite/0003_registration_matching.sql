-- Deal registrations: conflict detection and the submitter's notes.
-- accounts.match_key is names::company_key(name) ("Acme, Inc." -> "acme"); match_domain is
-- names::registrable_domain(domain) ("eu.acme.com" -> "acme.com"). Both are computed by the
-- application on every insert; rows from before this migration are filled by a backfill that
-- runs right after migrations (store::account::backfill_match_keys).
ALTER TABLE accounts ADD COLUMN match_key TEXT;
ALTER TABLE accounts ADD COLUMN match_domain TEXT;
CREATE INDEX accounts_by_match_key ON accounts (workspace_id, match_key);
CREATE INDEX accounts_by_match_domain ON accounts (workspace_id, match_domain);
ALTER TABLE registrations ADD COLUMN notes TEXT NOT NULL DEFAULT '';
