-- The KPI figures that exist only "now" (open pipeline closing in the quarter, registrations
-- pending and expiring soon, marketplace compliance gaps, certified people), kept once a day by
-- the running bot for the workspace (territory_id 0) and each territory, so /kpi can compare
-- them with the same day of the previous quarter.
CREATE TABLE kpi_snapshots (
    workspace_id           BIGINT NOT NULL,
    territory_id           BIGINT NOT NULL,
    day                    TEXT NOT NULL,
    commit_minor           BIGINT NOT NULL,
    best_case_minor        BIGINT NOT NULL,
    pipeline_minor         BIGINT NOT NULL,
    registrations_pending  BIGINT NOT NULL,
    registrations_expiring BIGINT NOT NULL,
    compliance_gaps        BIGINT NOT NULL,
    certified_people       BIGINT NOT NULL,
    partners               BIGINT NOT NULL,
    taken_at               TEXT NOT NULL,
    PRIMARY KEY (workspace_id, territory_id, day)
);
