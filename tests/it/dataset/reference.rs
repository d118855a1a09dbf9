//! The reference dataset (a `dev-tools` build only): deterministic, every reference inside its
//! workspace, and clearing it touches nothing else.

use super::{distinct, number};
use crate::both_backends;
use crate::support::{default_now, Backend, TestApp, WS};
use partnerbot::dataset::demo;
use partnerbot::dataset::reference::{self, Scale};
use partnerbot::dataset::Counts;
use partnerbot::domain::ids::WorkspaceId;
use std::collections::BTreeSet;

/// The reference workspace used here (the bench's default).
const REF_WS: WorkspaceId = WorkspaceId::new(900);

/// Small enough for a test, big enough for every code path.
const TINY: Scale = Scale {
    territories: 6,
    partners: 40,
    accounts: 300,
    deals: 1_200,
    touches: 6_000,
    registrations: 240,
    members: 24,
    fiscal_years: 5,
};

/// What must come out the same from two fresh databases (no ids: they depend on what else the
/// database holds).
async fn fingerprint(app: &TestApp) -> (Counts, Vec<i64>, BTreeSet<String>) {
    let mut conn = app.store().pool().acquire().await.unwrap();
    let counts = Counts::load(&mut conn, REF_WS).await.unwrap();
    let mut sums = Vec::new();
    for sql in [
        "SELECT CAST(SUM(amount_minor) AS BIGINT) FROM deals WHERE workspace_id = $1",
        "SELECT CAST(SUM(amount_minor) AS BIGINT) FROM registrations WHERE workspace_id = $1",
        "SELECT CAST(SUM(best_case_minor) AS BIGINT) FROM forecasts WHERE workspace_id = $1",
        "SELECT CAST(SUM(LENGTH(notes)) AS BIGINT) FROM touches WHERE workspace_id = $1",
        "SELECT COUNT(*) FROM deals WHERE workspace_id = $1 AND stage = 'closed_won'",
        "SELECT COUNT(*) FROM registrations WHERE workspace_id = $1 AND status = 'approved'",
    ] {
        sums.push(number(app, sql, REF_WS).await);
    }
    let names = distinct(
        app,
        "SELECT name FROM partners WHERE workspace_id = $1",
        REF_WS,
    )
    .await;
    (counts, sums, names)
}

/// How the touches table is indexed (the loader sets these indexes aside and rebuilds them).
async fn touch_indexes(app: &TestApp) -> Vec<String> {
    let sql = match app.db.backend {
        Backend::Sqlite => {
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'touches' \
             AND sql IS NOT NULL ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'touches' ORDER BY indexname"
        }
    };
    sqlx::query_scalar(sql)
        .fetch_all(app.store().pool())
        .await
        .unwrap()
}

/// (child table, its column, the parent table) for every reference between records.
const REFERENCES: [(&str, &str, &str); 17] = [
    ("partners", "territory_id", "territories"),
    ("accounts", "territory_id", "territories"),
    ("deals", "account_id", "accounts"),
    ("deals", "territory_id", "territories"),
    ("deals", "sourcing_partner_id", "partners"),
    ("deals", "transacting_partner_id", "partners"),
    ("deals", "distributor_partner_id", "partners"),
    ("registrations", "deal_id", "deals"),
    ("registrations", "account_id", "accounts"),
    ("registrations", "partner_id", "partners"),
    ("registrations", "distributor_partner_id", "partners"),
    ("deal_influences", "deal_id", "deals"),
    ("deal_influences", "partner_id", "partners"),
    ("touches", "partner_id", "partners"),
    ("touches", "account_id", "accounts"),
    ("touches", "deal_id", "deals"),
    ("territory_members", "territory_id", "territories"),
];

/// (child table, user column) for every reference to a member.
const MEMBER_REFERENCES: [(&str, &str); 8] = [
    ("territory_members", "user_id"),
    ("accounts", "owner_user_id"),
    ("deals", "owner_user_id"),
    ("registrations", "submitted_by"),
    ("registrations", "reviewed_by"),
    ("touches", "logged_by"),
    ("forecasts", "user_id"),
    ("deal_influences", "recorded_by"),
];

both_backends!(
    the_reference_dataset_is_deterministic_and_stays_in_its_workspace,
    |app: TestApp| async move {
        // One database already holds another workspace, so ids differ between the two.
        demo::fill(app.store(), WS, default_now()).await.unwrap();
        let demo_counts = app.table_counts().await;
        let other = TestApp::start(app.db.backend)
            .await
            .expect("second database");
        let indexes_before = touch_indexes(&other).await;
        assert!(!reference::exists(app.store(), REF_WS).await.unwrap());
        for db in [&app, &other] {
            let counts = reference::generate(db.store(), REF_WS, &TINY, default_now())
                .await
                .unwrap();
            assert_eq!(
                (counts.partners, counts.accounts, counts.deals),
                (40, 300, 1_200)
            );
            assert_eq!(
                (counts.touches, counts.territories, counts.members),
                (6_000, 6, 24)
            );
            assert!((200..=280).contains(&counts.registrations), "{counts}");
            assert!(reference::exists(db.store(), REF_WS).await.unwrap());
        }
        assert_eq!(fingerprint(&app).await, fingerprint(&other).await);
        // The touch indexes set aside during the load are back, exactly as they were.
        assert_eq!(touch_indexes(&app).await, indexes_before);
        assert!(!indexes_before.is_empty());

        for (table, column, parent) in REFERENCES {
            let orphans = number(
            &app,
            &format!(
                "SELECT COUNT(*) FROM {table} c WHERE c.workspace_id = $1 AND c.{column} IS NOT NULL \
                 AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = c.{column} AND p.workspace_id = c.workspace_id)"
            ),
            REF_WS,
        )
        .await;
            assert_eq!(
                orphans, 0,
                "{table}.{column} points outside workspace {REF_WS}"
            );
        }
        for (table, column) in MEMBER_REFERENCES {
            let orphans = number(
            &app,
            &format!(
                "SELECT COUNT(*) FROM {table} c WHERE c.workspace_id = $1 AND c.{column} IS NOT NULL \
                 AND NOT EXISTS (SELECT 1 FROM members m WHERE m.user_id = c.{column} AND m.workspace_id = c.workspace_id)"
            ),
            REF_WS,
        )
        .await;
            assert_eq!(
                orphans, 0,
                "{table}.{column} is not a member of workspace {REF_WS}"
            );
        }

        // The bot keeps working on top: new ids do not collide with generated ones.
        let added = app
            .run_in(
                REF_WS,
                "console",
                &[],
                r#"/territory add name:"Bench Region""#,
            )
            .await;
        assert!(!added.is_error(), "{added:?}");

        // Clearing removes only the reference workspace, and refuses a real one.
        let refused = reference::clear(app.store(), WS)
            .await
            .unwrap_err()
            .to_string();
        assert!(refused.contains("not a reference dataset"), "{refused}");
        reference::clear(app.store(), REF_WS).await.unwrap();
        assert!(!reference::exists(app.store(), REF_WS).await.unwrap());
        let mut conn = app.store().pool().acquire().await.unwrap();
        assert_eq!(
            Counts::load(&mut conn, REF_WS).await.unwrap(),
            Counts::default()
        );
        drop(conn);
        let after: Vec<(String, i64)> = app.table_counts().await;
        for ((table, before), (_, now)) in demo_counts.iter().zip(&after) {
            if table != "audit_log" {
                assert_eq!(
                    before, now,
                    "{table} changed outside the reference workspace"
                );
            }
        }
    }
);
