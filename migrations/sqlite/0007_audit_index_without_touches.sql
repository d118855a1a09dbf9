-- The audit log's index by entity serves "the history of deal #12" and the like. Touches are
-- the high-volume entity nobody looks up that way (their audit rows are read by recency), so
-- the index leaves them out: one index page fewer to write per `/touch log`.
DROP INDEX audit_log_by_entity;
CREATE INDEX audit_log_by_entity ON audit_log (workspace_id, entity, entity_id)
    WHERE entity <> 'touch';
