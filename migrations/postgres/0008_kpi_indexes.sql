-- Indexes the KPIs and the weekly digest read, so a quarter's figures come from index ranges
-- instead of scanning every touch and deal of the workspace. All are either covering versions
-- of existing indexes or partial ones that only a query naming their condition can use, so no
-- other command's plan changes.
-- Touches by day and by partner now carry their type: counting a quarter's touches by type
-- (of the workspace, or of a territory's partners) reads the indexes only.
DROP INDEX touches_by_date;
CREATE INDEX touches_by_date ON touches (workspace_id, occurred_on, touch_type);
DROP INDEX touches_by_partner;
CREATE INDEX touches_by_partner ON touches (workspace_id, partner_id, occurred_on, touch_type);
-- Won deals by close date (revenue of a period) and by account (is this the account's first win?).
CREATE INDEX deals_won_by_close ON deals (workspace_id, close_date)
    WHERE stage = 'closed_won';
CREATE INDEX deals_won_by_account ON deals (workspace_id, account_id, close_date)
    WHERE stage = 'closed_won';
-- Registrations denied in a period.
CREATE INDEX registrations_denied ON registrations (workspace_id, reviewed_at)
    WHERE status = 'denied';
