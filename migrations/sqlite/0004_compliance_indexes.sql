-- /compliance: marketplace deals that are open or won (the only deals whose co-sell portal
-- registration is checked), a small part of all deals. Covering: counting each kind of gap
-- (and filtering by territory or partner) reads the index only.
CREATE INDEX deals_marketplace_compliance ON deals (workspace_id, close_date, id, stage,
    portal_stage, portal_status, portal_id, territory_id, sourcing_partner_id,
    transacting_partner_id, distributor_partner_id)
    WHERE marketplace <> 'none' AND stage <> 'closed_lost';
