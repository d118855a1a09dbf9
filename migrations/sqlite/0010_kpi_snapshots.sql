-- The KPI figures that exist only "now" (open pipeline closing in the quarter, registrations
-- pending and expiring soon, marketplace compliance gaps, certified people), kept once a day by
-- the running bot for the workspace (territory_id 0) and each territory, so /kpi can compare
-- them with the same day of the previous quarter.
CREATE TABLE kpi_snapshots (
    workspace_id           INTEGER NOT NULL,
    territory_id           INTEGER NOT NULL,
    day                    TEXT NOT NULL,
    commit_minor           INTEGER NOT NULL,
    best_case_minor        INTEGER NOT NULL,
    pipeline_minor         INTEGER NOT NULL,
    registrations_pending  INTEGER NOT NULL,
    registrations_expiring INTEGER NOT NULL,
    compliance_gaps        INTEGER NOT NULL,
    certified_people       INTEGER NOT NULL,
    partners               INTEGER NOT NULL,
    taken_at               TEXT NOT NULL,
    PRIMARY KEY (workspace_id, territory_id, day)
);
