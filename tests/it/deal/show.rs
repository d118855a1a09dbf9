//! `/deal show`: the card with every field, and the attribution line.

use super::{influence, int, member, readme_setup, registration, README_DEAL};
use crate::both_backends;
use crate::support::TestApp;
use partnerbot::domain::role::Role;

both_backends!(
    a_deal_with_every_field_is_shown_on_one_card,
    |app: TestApp| async move {
        readme_setup(&app).await;
        app.ok(r#"/partner add name:"Initech Resale" type:reseller"#)
            .await;
        app.ok(r#"/partner add name:"Ingram Micro" type:distributor"#)
            .await;
        app.ok(r#"/partner add name:"Umbrella Consulting" type:boutique_si"#)
            .await;
        app.ok(r#"/account add name:"Acme Corp" domain:acme.com territory:"AMER East""#)
            .await;
        member(&app, "Dana Reyes", &[Role::Ptm]).await;
        let added = app
        .ok(concat!(
            r#"/deal add account:acme.com amount:$95,000.50 close:"next friday" partner:"Globex Services" "#,
            r#"reseller:"Initech Resale" distributor:"Ingram Micro" stage:proposal owner:"Dana Reyes" "#,
            r#"marketplace:aws portal_id:o1234567 portal_stage:qualified portal_status:"in review" "#,
            r#"private_offer:offer-7xk2 renewal:true name:"Acme platform renewal""#,
        ))
        .await;
        assert!(added.contains("Attribution: Partner Co-Sell (through Initech Resale, Ingram Micro, AWS Marketplace)"), "{added}");
        let acme = int(&app, "SELECT id FROM accounts WHERE name = 'Acme Corp'").await;
        registration(
            &app,
            Some(1),
            acme,
            "Globex Services",
            "resale",
            "approved",
            Some("2027-02-18"),
        )
        .await;
        registration(
            &app,
            Some(1),
            acme,
            "Umbrella Consulting",
            "services_attach",
            "approved",
            None,
        )
        .await;
        influence(
            &app,
            1,
            "Umbrella Consulting",
            "demo",
            "Ran the platform demo for the CTO",
        )
        .await;
        for (day, notes) in [
            ("-6d", "Kick-off"),
            ("-5d", "Scoping call"),
            ("-4d", "Pricing"),
            ("-3d", "Security review"),
            ("-2d", "Legal"),
            ("-1d", "Exec sponsor call"),
        ] {
            app.ok(&format!(r#"/touch log partner:"Globex Services" type:call deal:#1 date:{day} notes:"{notes}""#)).await;
        }
        let shown = app.ok("/deal show deal:#1").await;
        assert!(
            !shown.contains("Kick-off"),
            "only the last 5 touches: {shown}"
        );
        insta::assert_snapshot!("deal_show", shown);
        assert_eq!(
            app.ok("/deal show deal:acme.com").await,
            shown,
            "one open deal: found by account"
        );
    }
);

both_backends!(
    attribution_follows_sourced_then_co_sell_then_influence_then_direct,
    |app: TestApp| async move {
        readme_setup(&app).await;
        app.ok(r#"/partner add name:"Umbrella Consulting" type:boutique_si"#)
            .await;
        app.ok(README_DEAL).await;
        let attribution = || async {
            let shown = app.ok("/deal show deal:1").await;
            shown
                .lines()
                .find(|l| l.starts_with("Attribution:"))
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(
            attribution().await,
            "Attribution: Direct (no approved registration yet)"
        );
        influence(&app, 1, "Umbrella Consulting", "poc", "").await;
        assert_eq!(
            attribution().await,
            "Attribution: Partner Influence (influenced by Umbrella Consulting)"
        );
        app.ok("/deal update deal:1 marketplace:gcp").await;
        assert_eq!(
            attribution().await,
            "Attribution: Partner Co-Sell (through Google Cloud Marketplace)"
        );
        let acme = int(&app, "SELECT id FROM accounts WHERE name = 'Acme Corp'").await;
        registration(
            &app,
            Some(1),
            acme,
            "Globex Services",
            "referral",
            "pending_review",
            None,
        )
        .await;
        assert!(attribution().await.contains("Co-Sell"));
        registration(
            &app,
            Some(1),
            acme,
            "Globex Services",
            "referral",
            "approved",
            Some("2027-02-18"),
        )
        .await;
        assert_eq!(
            attribution().await,
            "Attribution: Partner Sourced (registration #2 by Globex Services)"
        );
    }
);
