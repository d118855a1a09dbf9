-- partnerbot schema v1 (SQLite). Dates are TEXT 'YYYY-MM-DD'; instants TEXT UTC 'YYYY-MM-DDTHH:MM:SS.mmmZ';
-- money is INTEGER minor units of the workspace currency; flags are INTEGER 0/1.
-- Every row belongs to one workspace.

CREATE TABLE workspaces (
    id                      INTEGER PRIMARY KEY,           -- Discord guild id (or a local id for the console)
    name                    TEXT NOT NULL,
    timezone                TEXT NOT NULL DEFAULT 'UTC',   -- IANA name
    currency                TEXT NOT NULL DEFAULT 'USD',   -- ISO 4217
    fiscal_year_start_month INTEGER NOT NULL DEFAULT 2 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
    review_channel_id       INTEGER,
    digest_channel_id       INTEGER,
    reminder_channel_id     INTEGER,
    announce_channel_id     INTEGER,
    open_read               INTEGER NOT NULL DEFAULT 1,    -- members with no mapped role may ask read-only questions
    registration_validity_days INTEGER NOT NULL DEFAULT 90,
    registration_extension_days INTEGER NOT NULL DEFAULT 30,
    forecast_deadline_weekday INTEGER NOT NULL DEFAULT 1 CHECK (forecast_deadline_weekday BETWEEN 1 AND 7), -- ISO weekday
    forecast_deadline_time  TEXT NOT NULL DEFAULT '12:00',
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);

-- Discord role id -> partnerbot role, per workspace.
CREATE TABLE role_mappings (
    workspace_id    INTEGER NOT NULL REFERENCES workspaces(id),
    discord_role_id INTEGER NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin','director','ptm','field_sales')),
    PRIMARY KEY (workspace_id, discord_role_id, role)
);

-- People seen by the bot. Roles held locally (console) or last seen through the mapping.
CREATE TABLE members (
    workspace_id  INTEGER NOT NULL REFERENCES workspaces(id),
    user_id       INTEGER NOT NULL,
    display_name  TEXT NOT NULL,
    name_key      TEXT NOT NULL,
    roles         TEXT NOT NULL DEFAULT '',                -- comma-separated roles last seen
    first_seen_at TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX members_by_name ON members (workspace_id, name_key);

CREATE TABLE member_away (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    from_date    TEXT NOT NULL,
    to_date      TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    FOREIGN KEY (workspace_id, user_id) REFERENCES members(workspace_id, user_id),
    CHECK (from_date <= to_date)
);
CREATE INDEX member_away_by_user ON member_away (workspace_id, user_id, to_date);

CREATE TABLE territories (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL,
    region       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    UNIQUE (workspace_id, name_key),
    UNIQUE (workspace_id, id)
);

-- Who covers a territory: PTMs and field sales reps.
CREATE TABLE territory_members (
    workspace_id INTEGER NOT NULL,
    territory_id INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('ptm','field_sales','director')),
    assigned_at  TEXT NOT NULL,
    PRIMARY KEY (workspace_id, territory_id, user_id, role),
    FOREIGN KEY (workspace_id, territory_id) REFERENCES territories(workspace_id, id),
    FOREIGN KEY (workspace_id, user_id) REFERENCES members(workspace_id, user_id)
);
CREATE INDEX territory_members_by_user ON territory_members (workspace_id, user_id);

CREATE TABLE partners (
    id                    INTEGER PRIMARY KEY,
    workspace_id          INTEGER NOT NULL REFERENCES workspaces(id),
    name                  TEXT NOT NULL,
    name_key              TEXT NOT NULL,
    partner_type          TEXT NOT NULL CHECK (partner_type IN ('reseller','distributor','gsi','rsi','boutique_si','msp','cloud','technology')),
    track                 TEXT NOT NULL DEFAULT 'open' CHECK (track IN ('open','select','select_services')),
    professional_services INTEGER NOT NULL DEFAULT 0,
    territory_id          INTEGER,
    domain                TEXT,
    certs_sales           INTEGER NOT NULL DEFAULT 0 CHECK (certs_sales >= 0),
    certs_sa              INTEGER NOT NULL DEFAULT 0 CHECK (certs_sa >= 0),
    certs_pse             INTEGER NOT NULL DEFAULT 0 CHECK (certs_pse >= 0),
    agreement_signed_on   TEXT,
    agreement_expires_on  TEXT,
    business_plan_on_file INTEGER NOT NULL DEFAULT 0,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    UNIQUE (workspace_id, name_key),
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, territory_id) REFERENCES territories(workspace_id, id)
);
CREATE INDEX partners_by_territory ON partners (workspace_id, territory_id);

CREATE TABLE accounts (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL,
    domain       TEXT,                                   -- normalised web domain, e.g. acme.com
    territory_id INTEGER,
    owner_user_id INTEGER,                               -- field sales account executive
    created_at   TEXT NOT NULL,
    UNIQUE (workspace_id, name_key),
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, territory_id) REFERENCES territories(workspace_id, id)
);
CREATE INDEX accounts_by_domain ON accounts (workspace_id, domain);

CREATE TABLE deals (
    id                      INTEGER PRIMARY KEY,
    workspace_id            INTEGER NOT NULL REFERENCES workspaces(id),
    account_id              INTEGER NOT NULL,
    name                    TEXT NOT NULL,
    amount_minor            INTEGER NOT NULL CHECK (amount_minor >= 0),
    stage                   TEXT NOT NULL CHECK (stage IN ('pending','discovery','scoping','tech_eval','proposal','negotiating','awaiting_signature','closed_won','closed_lost')),
    close_date              TEXT NOT NULL,
    forecast_category       TEXT NOT NULL CHECK (forecast_category IN ('closed','commit','best_case','pipeline','omitted')),
    deal_path               TEXT NOT NULL CHECK (deal_path IN ('partner','direct','web_direct')),
    owner_user_id           INTEGER NOT NULL,
    territory_id            INTEGER,
    sourcing_partner_id     INTEGER,
    transacting_partner_id  INTEGER,
    distributor_partner_id  INTEGER,
    marketplace             TEXT NOT NULL DEFAULT 'none' CHECK (marketplace IN ('none','aws','gcp','azure')),
    private_offer_id        TEXT,
    portal_id               TEXT,
    portal_stage            TEXT CHECK (portal_stage IN ('prospect','qualified','technical_validation','business_validation','committed','launched','closed_lost')),
    portal_status           TEXT CHECK (portal_status IN ('pending_submission','submitted','in_review','action_required','approved','rejected')),
    is_renewal              INTEGER NOT NULL DEFAULT 0,
    closed_on               TEXT,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts(workspace_id, id),
    FOREIGN KEY (workspace_id, territory_id) REFERENCES territories(workspace_id, id),
    FOREIGN KEY (workspace_id, sourcing_partner_id) REFERENCES partners(workspace_id, id),
    FOREIGN KEY (workspace_id, transacting_partner_id) REFERENCES partners(workspace_id, id),
    FOREIGN KEY (workspace_id, distributor_partner_id) REFERENCES partners(workspace_id, id)
);
CREATE INDEX deals_by_close ON deals (workspace_id, close_date);
CREATE INDEX deals_by_territory ON deals (workspace_id, territory_id, close_date);
CREATE INDEX deals_by_owner ON deals (workspace_id, owner_user_id, close_date);
CREATE INDEX deals_by_account ON deals (workspace_id, account_id, close_date, id);
CREATE INDEX deals_by_sourcing ON deals (workspace_id, sourcing_partner_id, close_date);
CREATE INDEX deals_by_transacting ON deals (workspace_id, transacting_partner_id);
CREATE INDEX deals_by_distributor ON deals (workspace_id, distributor_partner_id);
-- Open deals (lists, pipeline counts): small partial indexes instead of scanning closed history.
CREATE INDEX deals_open_by_close ON deals (workspace_id, close_date, id, amount_minor)
    WHERE stage NOT IN ('closed_won', 'closed_lost');
CREATE INDEX deals_open_by_territory ON deals (workspace_id, territory_id, amount_minor)
    WHERE stage NOT IN ('closed_won', 'closed_lost');

CREATE TABLE deal_influences (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER NOT NULL,
    deal_id        INTEGER NOT NULL,
    partner_id     INTEGER NOT NULL,
    influence_type TEXT NOT NULL CHECK (influence_type IN ('executive_intro','briefing','demo','poc','rfp','side_by_side','other')),
    description    TEXT NOT NULL DEFAULT '',
    recorded_by    INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (workspace_id, deal_id, partner_id, influence_type),
    FOREIGN KEY (workspace_id, deal_id) REFERENCES deals(workspace_id, id),
    FOREIGN KEY (workspace_id, partner_id) REFERENCES partners(workspace_id, id)
);
CREATE INDEX deal_influences_by_partner ON deal_influences (workspace_id, partner_id, deal_id);

CREATE TABLE registrations (
    id                     INTEGER PRIMARY KEY,
    workspace_id           INTEGER NOT NULL,
    deal_id                INTEGER,
    account_id             INTEGER NOT NULL,
    partner_id             INTEGER NOT NULL,
    distributor_partner_id INTEGER,
    reg_type               TEXT NOT NULL CHECK (reg_type IN ('resale','msp','referral','services_attach')),
    status                 TEXT NOT NULL CHECK (status IN ('submitted','pending_review','approved','denied','returned','expired','closed_won','closed_lost')),
    amount_minor           INTEGER NOT NULL CHECK (amount_minor >= 0),
    close_date             TEXT NOT NULL,
    marketplace            TEXT NOT NULL DEFAULT 'none' CHECK (marketplace IN ('none','aws','gcp','azure')),
    portal_id              TEXT,
    submitted_by           INTEGER NOT NULL,
    submitted_at           TEXT NOT NULL,
    reviewed_by            INTEGER,
    reviewed_at            TEXT,
    decision_note          TEXT,
    conflict_note          TEXT,
    approved_on            TEXT,
    expires_on             TEXT,
    extensions             INTEGER NOT NULL DEFAULT 0,
    review_message_id      INTEGER,
    updated_at             TEXT NOT NULL,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, deal_id) REFERENCES deals(workspace_id, id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts(workspace_id, id),
    FOREIGN KEY (workspace_id, partner_id) REFERENCES partners(workspace_id, id)
);
-- At most one approved sourced registration per deal (services attach is not a sourcing claim).
CREATE UNIQUE INDEX registrations_one_approved_sourced_per_deal ON registrations (workspace_id, deal_id)
    WHERE status = 'approved' AND reg_type <> 'services_attach';
CREATE INDEX registrations_by_partner ON registrations (workspace_id, partner_id, status);
CREATE INDEX registrations_by_account ON registrations (workspace_id, account_id, status);
CREATE INDEX registrations_by_deal ON registrations (workspace_id, deal_id, id);
CREATE INDEX registrations_by_expiry ON registrations (workspace_id, status, expires_on);

CREATE TABLE touches (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL,
    partner_id   INTEGER NOT NULL,
    touch_type   TEXT NOT NULL CHECK (touch_type IN ('meeting','call','email','event','enablement','qbr','other')),
    account_id   INTEGER,
    deal_id      INTEGER,
    occurred_on  TEXT NOT NULL,
    notes        TEXT NOT NULL DEFAULT '',
    logged_by    INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    FOREIGN KEY (workspace_id, partner_id) REFERENCES partners(workspace_id, id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts(workspace_id, id),
    FOREIGN KEY (workspace_id, deal_id) REFERENCES deals(workspace_id, id)
);
CREATE INDEX touches_by_partner ON touches (workspace_id, partner_id, occurred_on);
CREATE INDEX touches_by_account ON touches (workspace_id, account_id, occurred_on);
CREATE INDEX touches_by_member ON touches (workspace_id, logged_by, occurred_on);
CREATE INDEX touches_by_date ON touches (workspace_id, occurred_on);

CREATE TABLE forecasts (
    id                INTEGER PRIMARY KEY,
    workspace_id      INTEGER NOT NULL,
    user_id           INTEGER NOT NULL,
    territory_id      INTEGER,
    fiscal_quarter    TEXT NOT NULL,                       -- e.g. FY27-Q1
    week_start        TEXT NOT NULL,                       -- first day of the forecast week
    commit_minor      INTEGER NOT NULL CHECK (commit_minor >= 0),
    most_likely_minor INTEGER NOT NULL CHECK (most_likely_minor >= 0),
    best_case_minor   INTEGER NOT NULL CHECK (best_case_minor >= 0),
    notes             TEXT NOT NULL DEFAULT '',
    submitted_at      TEXT NOT NULL,
    UNIQUE (workspace_id, user_id, week_start),
    FOREIGN KEY (workspace_id, user_id) REFERENCES members(workspace_id, user_id),
    CHECK (commit_minor <= most_likely_minor AND most_likely_minor <= best_case_minor)
);
CREATE INDEX forecasts_by_week ON forecasts (workspace_id, week_start);

-- Per-workspace program rules: partner discount by track x deal type (basis points).
CREATE TABLE program_discounts (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
    track        TEXT NOT NULL,
    deal_type    TEXT NOT NULL,
    discount_bp  INTEGER NOT NULL CHECK (discount_bp BETWEEN 0 AND 10000),
    rebate_bp    INTEGER NOT NULL DEFAULT 0 CHECK (rebate_bp BETWEEN 0 AND 10000),
    PRIMARY KEY (workspace_id, track, deal_type)
);

-- Marketplace fee schedule tiered by total contract value (basis points).
CREATE TABLE marketplace_fees (
    workspace_id  INTEGER NOT NULL REFERENCES workspaces(id),
    marketplace   TEXT NOT NULL,
    offer_kind    TEXT NOT NULL,                           -- public, private, renewal, cppo_addon
    min_tcv_minor INTEGER NOT NULL DEFAULT 0,
    fee_bp        INTEGER NOT NULL CHECK (fee_bp BETWEEN 0 AND 10000),
    PRIMARY KEY (workspace_id, marketplace, offer_kind, min_tcv_minor)
);

CREATE TABLE schedules (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
    kind         TEXT NOT NULL CHECK (kind IN ('kpi_digest','forecast_reminder','forecast_missing','registration_expiry')),
    cron         TEXT NOT NULL,
    timezone     TEXT NOT NULL,
    channel_id   INTEGER NOT NULL,
    enabled      INTEGER NOT NULL DEFAULT 1,
    created_by   INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX schedules_by_workspace ON schedules (workspace_id);

-- One row per (schedule, due instant): the unique claim makes a post happen once.
CREATE TABLE job_runs (
    id          INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL,
    schedule_id INTEGER NOT NULL REFERENCES schedules(id),
    due_at      TEXT NOT NULL,
    claimed_by  TEXT NOT NULL,
    claimed_at  TEXT NOT NULL,
    nonce       TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('claimed','posted','failed','skipped')),
    message_id  INTEGER,
    posted_at   TEXT,
    error       TEXT,
    UNIQUE (schedule_id, due_at)
);

-- Interactions already applied: a redelivered interaction gets the stored reply, not a second write.
CREATE TABLE processed_interactions (
    workspace_id   INTEGER NOT NULL,
    interaction_id TEXT NOT NULL,
    command        TEXT NOT NULL,
    reply_json     TEXT NOT NULL,
    processed_at   TEXT NOT NULL,
    PRIMARY KEY (workspace_id, interaction_id)
);

-- Append-only audit log of every change.
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER NOT NULL,
    at             TEXT NOT NULL,
    actor_user_id  INTEGER NOT NULL,
    actor_name     TEXT NOT NULL,
    action         TEXT NOT NULL,                          -- e.g. deal.add
    entity         TEXT NOT NULL,                          -- e.g. deal
    entity_id      INTEGER,
    before_json    TEXT,
    after_json     TEXT,
    interaction_id TEXT
);
CREATE INDEX audit_log_by_entity ON audit_log (workspace_id, entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
