-- Open deals by each partner role: "does this partner have an open deal?" (/compliance's
-- partners without an agreement) reads a small partial index instead of every deal the
-- partner ever had.
CREATE INDEX deals_open_by_sourcing ON deals (workspace_id, sourcing_partner_id)
    WHERE stage NOT IN ('closed_won', 'closed_lost');
CREATE INDEX deals_open_by_transacting ON deals (workspace_id, transacting_partner_id)
    WHERE stage NOT IN ('closed_won', 'closed_lost');
CREATE INDEX deals_open_by_distributor ON deals (workspace_id, distributor_partner_id)
    WHERE stage NOT IN ('closed_won', 'closed_lost');
