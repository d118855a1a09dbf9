//! `/deal update`: who may change a deal, closing and reopening, finding the deal by account,
//! and the audit trail.

use super::{audit_rows, int, member, readme_setup, run_as, text, README_DEAL};
use crate::both_backends;
use crate::support::TestApp;
use partnerbot::domain::role::Role;

both_backends!(
    a_ptm_updates_only_deals_they_own_or_in_territories_they_cover,
    |app: TestApp| async move {
        readme_setup(&app).await;
        app.ok(r#"/territory add name:"APAC""#).await;
        member(&app, "Priya Ptm", &[Role::Ptm]).await;
        member(&app, "Omar Ptm", &[Role::Ptm]).await;
        app.ok(r#"/territory assign territory:"APAC" member:"Priya Ptm" as:ptm"#)
            .await;
        app.ok(r#"/territory assign territory:"AMER East" member:"Omar Ptm" as:ptm"#)
            .await;
        app.ok(README_DEAL).await; // #1, the console's, in AMER East

        let before = app.table_counts().await;
        let (refused, out) = run_as(
            &app,
            "Priya Ptm",
            &[Role::Ptm],
            "/deal update deal:1 amount:150k",
        )
        .await;
        assert!(refused, "{out}");
        assert!(
        out.contains("you can update only deals you own or in territories you cover; deal #1 is console's, in AMER East"),
        "{out}"
    );
        assert_eq!(
            app.table_counts().await,
            before,
            "a refused update writes nothing"
        );

        // Covering the territory is enough.
        let (refused, out) = run_as(
            &app,
            "Omar Ptm",
            &[Role::Ptm],
            "/deal update deal:1 amount:150k",
        )
        .await;
        assert!(!refused, "{out}");
        assert!(out.contains("amount $120,000 → $150,000"), "{out}");
        // Owning the deal is enough, wherever it is.
        app.ok(r#"/deal update deal:1 owner:"Priya Ptm""#).await;
        let (refused, out) = run_as(
            &app,
            "Priya Ptm",
            &[Role::Ptm],
            "/deal update deal:1 stage:proposal",
        )
        .await;
        assert!(!refused, "{out}");
        // Directors change any deal.
        let (refused, out) = run_as(
            &app,
            "Dirk Director",
            &[Role::Director],
            "/deal update deal:1 close:+60d",
        )
        .await;
        assert!(!refused, "{out}");
    }
);

both_backends!(
    closing_a_deal_sets_closed_on_and_its_forecast_and_reopening_clears_them,
    |app: TestApp| async move {
        readme_setup(&app).await;
        app.ok(README_DEAL).await;
        let row = || async {
            (
                text(&app, "SELECT stage FROM deals WHERE id = 1")
                    .await
                    .unwrap(),
                text(&app, "SELECT forecast_category FROM deals WHERE id = 1")
                    .await
                    .unwrap(),
                text(&app, "SELECT closed_on FROM deals WHERE id = 1").await,
            )
        };

        let out = app.ok("/deal update deal:1 stage:negotiating").await;
        assert!(
            out.contains("stage 1 Discovery → 5 Negotiating; forecast Pipeline → Commit"),
            "{out}"
        );
        let out = app.ok("/deal update deal:1 stage:closed_won").await;
        assert!(out.contains("Deal #1 Acme Corp – $120k updated: stage 5 Negotiating → Closed Won; forecast Commit → Closed"), "{out}");
        assert!(
            out.lines()
                .any(|l| l.starts_with("Closed on ") && l.ends_with(" Fri 27 Nov 2026")),
            "{out}"
        );
        assert_eq!(
            row().await,
            (
                "closed_won".into(),
                "closed".into(),
                Some("2026-11-27".into())
            )
        );

        let audit = audit_rows(&app).await;
        assert_eq!(audit[0].action, "deal.update");
        assert_eq!(audit[0].entity_id, Some(1));
        let before = audit[0].before_json.as_deref().unwrap();
        let after = audit[0].after_json.as_deref().unwrap();
        assert!(
            before.contains(r#""stage":"negotiating""#) && before.contains(r#""closed_on":null"#),
            "{before}"
        );
        assert!(
            after.contains(r#""stage":"closed_won""#)
                && after.contains(r#""closed_on":"2026-11-27""#),
            "{after}"
        );

        // Weeks later the close date has passed: reopening needs a new one.
        app.clock
            .set(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2027, 1, 5, 9, 0, 0).unwrap());
        let err = app.err("/deal update deal:1 stage:proposal").await;
        assert!(
            err.contains("close date Tue 15 Dec 2026 is in the past"),
            "{err}"
        );
        app.ok("/deal update deal:1 stage:proposal close:+14d")
            .await;
        assert_eq!(row().await, ("proposal".into(), "best_case".into(), None));
        // A closed deal may keep a past close date, and a given forecast wins over the default.
        app.ok("/deal update deal:1 stage:closed_lost close:2027-01-02 forecast:pipeline")
            .await;
        assert_eq!(
            row().await,
            (
                "closed_lost".into(),
                "pipeline".into(),
                Some("2027-01-05".into())
            )
        );
        // Updating another field of an open deal whose date slipped is fine.
        app.ok("/deal update deal:1 stage:scoping close:+1d").await;
        app.clock
            .set(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2027, 2, 1, 9, 0, 0).unwrap());
        app.ok("/deal update deal:1 amount:130k").await;
    }
);

both_backends!(
    a_deal_is_found_by_its_accounts_only_open_deal_or_the_candidates_are_listed,
    |app: TestApp| async move {
        readme_setup(&app).await;
        app.ok(README_DEAL).await;
        let out = app
            .ok(r#"/deal update deal:"acme corp" stage:scoping"#)
            .await;
        assert!(
            out.contains("Deal #1 Acme Corp – $120k updated: stage 1 Discovery → 2 Scoping"),
            "{out}"
        );

        app.ok(
            r#"/deal add account:"Acme Corp" amount:40k close:2027-01-20 name:"Acme expansion""#,
        )
        .await;
        let err = app.err(r#"/deal update deal:"Acme Corp" amount:50k"#).await;
        assert!(
            err.contains("Acme Corp has 2 open deals; give the deal number, like `deal:#1`:"),
            "{err}"
        );
        assert!(
            err.contains("`#1` Acme Corp – $120k (2 Scoping, closes 15 Dec 2026)"),
            "{err}"
        );
        assert!(
            err.contains("`#2` Acme expansion (1 Discovery, closes 20 Jan 2027)"),
            "{err}"
        );

        // With one of them closed, the other is the account's only open deal.
        app.ok("/deal update deal:#2 stage:closed_lost").await;
        let out = app.ok(r#"/deal update deal:"Acme Corp" amount:125k"#).await;
        assert!(
            out.contains("Deal #1 Acme Corp – $125k updated: amount $120,000 → $125,000; name"),
            "{out}"
        );
        assert_eq!(
            text(&app, "SELECT name FROM deals WHERE id = 2")
                .await
                .as_deref(),
            Some("Acme expansion")
        );
    }
);

both_backends!(
    every_field_can_be_changed_and_optional_ones_cleared,
    |app: TestApp| async move {
        readme_setup(&app).await;
        app.ok(r#"/partner add name:"Initech Resale" type:msp"#)
            .await;
        app.ok(README_DEAL).await;
        let out = app
        .ok(r#"/deal update deal:1 partner:none reseller:"Initech Resale" marketplace:aws portal_id:O7654321 renewal:true"#)
        .await;
        assert!(out.contains("marketplace None → AWS Marketplace; renewal no → yes; sourcing partner; reseller; portal"), "{out}");
        assert_eq!(int(&app, "SELECT COUNT(*) FROM deals WHERE sourcing_partner_id IS NULL AND transacting_partner_id IS NOT NULL").await, 1);
        let out = app
            .ok("/deal update deal:1 reseller:none marketplace:none portal_id:none")
            .await;
        assert!(
            out.contains("path Partner → Direct"),
            "the path follows the partners: {out}"
        );
        assert_eq!(
            text(&app, "SELECT portal_id FROM deals WHERE id = 1").await,
            None
        );
        assert_eq!(
            int(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'deal.update'"
            )
            .await,
            2
        );
    }
);
