//! The demo workspace and the reference dataset, on both backends: the demo shows every kind of
//! record it promises and is added once; the reference dataset ([`reference`], built only with
//! the `dev-tools` feature, like its generator) is deterministic and every reference stays
//! inside its workspace.

#[cfg(feature = "dev-tools")]
mod reference;

use crate::both_backends;
use crate::support::{default_now, TestApp, WS};
use partnerbot::dataset::demo;
use partnerbot::domain::deal::{DealPath, ForecastCategory, Marketplace, Stage};
use partnerbot::domain::ids::WorkspaceId;
use partnerbot::domain::partner::{PartnerType, Track};
use partnerbot::domain::registration::RegistrationStatus;
use partnerbot::domain::Choice;
use std::collections::BTreeSet;

async fn distinct(app: &TestApp, sql: &str, ws: WorkspaceId) -> BTreeSet<String> {
    sqlx::query_scalar::<_, String>(sql)
        .bind(ws)
        .fetch_all(app.store().pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .collect()
}

async fn number(app: &TestApp, sql: &str, ws: WorkspaceId) -> i64 {
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
