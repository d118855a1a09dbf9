-- Covering versions of two partial indexes the KPIs read, so a period's pipeline and won
-- revenue come from the index alone instead of a table row per deal (on the reference dataset,
-- a year's won deals: 80 ms to 31 ms; a quarter's pipeline: 21 ms to 2 ms, SQLite, warm).
-- Each keeps the old columns first, so no other query's plan changes.
-- Open deals now carry their forecast category (pipeline by category).
DROP INDEX deals_open_by_close;
CREATE INDEX deals_open_by_close ON deals (workspace_id, close_date, id, amount_minor,
    forecast_category)
    WHERE stage NOT IN ('closed_won', 'closed_lost');
-- Won deals carry what revenue and its attribution read of the deal itself.
DROP INDEX deals_won_by_close;
CREATE INDEX deals_won_by_close ON deals (workspace_id, close_date, id, account_id,
    amount_minor, marketplace, transacting_partner_id, distributor_partner_id)
    WHERE stage = 'closed_won';
