-- The deals behind a forecast: each deal closing in the quarter, in the PTM's scope, as it stood
-- when the forecast was submitted (how it counted, its amount and close date). Comparing two
-- weeks' snapshots shows which deals moved between categories, or in or out of the quarter.
CREATE TABLE forecast_deals (
    workspace_id BIGINT NOT NULL,
    forecast_id  BIGINT NOT NULL REFERENCES forecasts(id) ON DELETE CASCADE,
    deal_id      BIGINT NOT NULL,
    account      TEXT NOT NULL,
    bucket       TEXT NOT NULL CHECK (bucket IN ('closed','commit','best_case','pipeline','omitted','lost')),
    amount_minor BIGINT NOT NULL,
    close_date   TEXT NOT NULL,
    PRIMARY KEY (forecast_id, deal_id)
);
