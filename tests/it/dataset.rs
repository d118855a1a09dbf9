//! The demo workspace and the reference dataset, on both backends: the demo shows every kind of
//! record it promises and is added once; the reference dataset is deterministic and every
//! reference stays inside its workspace.

use crate::both_backends;
use crate::support::{default_now, Backend, TestApp, WS};
use partnerbot::dataset::demo;
use partnerbot::dataset::reference::{self, Scale};
use partnerbot::dataset::Counts;
use partnerbot::domain::deal::{DealPath, ForecastCategory, Marketplace, Stage};
use partnerbot::domain::partner::{PartnerType, Track};
use partnerbot::domain::registration::RegistrationStatus;
use partnerbot::domain::Choice;
use std::collections::BTreeSet;

/// The reference workspace used here (the bench's default).
const REF_WS: i64 = 900;

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

async fn distinct(app: &TestApp, sql: &str, ws: i64) -> BTreeSet<String> {
    sqlx::query_scalar::<_, String>(sql)
        .bind(ws)
        .fetch_all(app.store().pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .collect()
}

async fn number(app: &TestApp, sql: &str, ws: i64) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .bind(ws)
        .fetch_one(app.store().pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn ids<C: Choice>() -> BTreeSet<String> {
    C::ALL.iter().map(|c| c.as_str().to_string()).collect()
}

both_backends!(
    the_demo_covers_every_kind_of_record_it_promises,
    |app: TestApp| async move {
        let counts = demo::fill(app.store(), WS, default_now())
            .await
            .unwrap()
            .expect("empty workspace");
        assert_eq!(
            (counts.territories, counts.members, counts.partners),
            (4, 17, 20)
        );
        assert_eq!(
            (counts.accounts, counts.deals, counts.touches),
            (60, 200, 400)
        );
        assert!(
            counts.registrations >= 40 && counts.influences > 0,
            "{counts}"
        );

        let q = |sql: &'static str| distinct(&app, sql, WS);
        assert_eq!(
            q("SELECT DISTINCT partner_type FROM partners WHERE workspace_id = $1").await,
            ids::<PartnerType>()
        );
        assert_eq!(
            q("SELECT DISTINCT track FROM partners WHERE workspace_id = $1").await,
            ids::<Track>()
        );
        assert_eq!(
            q("SELECT DISTINCT stage FROM deals WHERE workspace_id = $1").await,
            ids::<Stage>()
        );
        assert_eq!(
            q("SELECT DISTINCT forecast_category FROM deals WHERE workspace_id = $1").await,
            ids::<ForecastCategory>()
        );
        assert_eq!(
            q("SELECT DISTINCT deal_path FROM deals WHERE workspace_id = $1").await,
            ids::<DealPath>()
        );
        assert_eq!(
            q("SELECT DISTINCT marketplace FROM deals WHERE workspace_id = $1").await,
            ids::<Marketplace>()
        );
        assert_eq!(
            q("SELECT DISTINCT status FROM registrations WHERE workspace_id = $1").await,
            ids::<RegistrationStatus>()
        );

        let n = |sql: &'static str| number(&app, sql, WS);
        // Approved registrations protect the partner until a date; at most one sourced one per deal.
        assert_eq!(n("SELECT COUNT(*) FROM registrations WHERE workspace_id = $1 AND status = 'approved' AND expires_on IS NULL").await, 0);
        assert_eq!(
        n("SELECT COUNT(*) FROM (SELECT deal_id FROM registrations WHERE workspace_id = $1 \
           AND status = 'approved' AND reg_type <> 'services_attach' GROUP BY deal_id HAVING COUNT(*) > 1) x")
        .await,
        0
    );
        // Six weeks of forecasts per PTM (one PTM has not submitted this week), always ordered.
        assert_eq!(
            n("SELECT COUNT(*) FROM forecasts WHERE workspace_id = $1").await,
            35
        );
        assert_eq!(
            n("SELECT COUNT(DISTINCT week_start) FROM forecasts WHERE workspace_id = $1").await,
            6
        );
        assert_eq!(
            n("SELECT COUNT(*) FROM forecasts WHERE workspace_id = $1 \
           AND NOT (commit_minor <= most_likely_minor AND most_likely_minor <= best_case_minor)")
            .await,
            0
        );
        // Marketplace deals: most registered in the co-sell portal (`O1234567`), some not.
        let portal_ids =
            q("SELECT portal_id FROM deals WHERE workspace_id = $1 AND portal_id IS NOT NULL")
                .await;
        assert!(!portal_ids.is_empty());
        assert!(portal_ids.iter().all(|id| id.len() == 8
            && id.starts_with('O')
            && id[1..].bytes().all(|b| b.is_ascii_digit())));
        assert!(n("SELECT COUNT(*) FROM deals WHERE workspace_id = $1 AND marketplace IN ('aws', 'gcp') AND portal_id IS NULL").await >= 2);
        // A few lapsed agreements; close dates from last quarter (FY27-Q3 began 2026-08-01) to two
        // quarters ahead (FY28-Q2 ends 2027-07-31); touches over the last 120 days.
        assert_eq!(n("SELECT COUNT(*) FROM partners WHERE workspace_id = $1 AND agreement_expires_on < '2026-11-27'").await, 3);
        let first_close = q("SELECT MIN(close_date) FROM deals WHERE workspace_id = $1").await;
        assert!(
            first_close.first().unwrap().as_str() >= "2026-08-01",
            "{first_close:?}"
        );
        let last_close = q("SELECT MAX(close_date) FROM deals WHERE workspace_id = $1").await;
        assert!(
            last_close.first().unwrap().as_str() <= "2027-07-31",
            "{last_close:?}"
        );
        assert!(
            q("SELECT MIN(occurred_on) FROM touches WHERE workspace_id = $1")
                .await
                .first()
                .unwrap()
                .as_str()
                >= "2026-07-31"
        );

        // The bot reads the rows like its own.
        let workspace = app.ok("/setup show").await;
        assert!(
            workspace.contains("Northwind Software (demo)"),
            "{workspace}"
        );
        let territories = app.ok("/territory list").await;
        assert!(territories.contains("EMEA North"), "{territories}");
        app.ok("/deal list").await;
        let domain = q("SELECT MIN(domain) FROM accounts WHERE workspace_id = $1").await;
        let shown = app
            .ok(&format!(
                "/account show account:{}",
                domain.first().unwrap()
            ))
            .await;
        assert!(
            shown.contains("AMER") || shown.contains("EMEA") || shown.contains("APJ"),
            "{shown}"
        );
    }
);

both_backends!(
    filling_the_demo_twice_adds_nothing,
    |app: TestApp| async move {
        assert!(demo::fill(app.store(), WS, default_now())
            .await
            .unwrap()
            .is_some());
        let before = app.table_counts().await;
        assert!(demo::fill(app.store(), WS, default_now())
            .await
            .unwrap()
            .is_none());
        demo::fill_if_empty(&app.core, WS).await.unwrap();
        assert_eq!(app.table_counts().await, before);
    }
);

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
