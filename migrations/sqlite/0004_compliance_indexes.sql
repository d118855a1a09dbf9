-- /compliance: marketplace deals that are open or won (the only deals whose co-sell portal
-- registration is checked), small next to all deals.
CREATE INDEX deals_marketplace_compliance ON deals (workspace_id, close_date, id)
    WHERE marketplace <> 'none' AND stage <> 'closed_lost';
