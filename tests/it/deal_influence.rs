//! `/deal influence`: one row and one audit row per record, the same deal × partner × type
//! again updates the description, the deal's own sourcing or transacting partner is refused,
//! and the deal card shows the influence and its attribution.

use crate::both_backends;
use crate::deal::{audit_rows, int, readme_setup, run_as, README_DEAL};
use crate::support::TestApp;
use partnerbot::domain::role::Role;

both_backends!(
    an_influence_is_recorded_once_and_shows_on_the_deal,
    |app: TestApp| async move {
        readme_setup(&app).await;
        app.ok(README_DEAL).await;
        app.ok(r#"/partner add name:"Umbrella Consulting" type:boutique_si"#)
            .await;
        let before = app.table_counts().await;
        let text = app
            .ok(r#"/deal influence deal:#1 partner:"Umbrella Consulting" type:demo description:"Ran the platform demo for the CTO""#)
            .await;
        assert!(
            text.starts_with("✔ Influence recorded: Umbrella Consulting · Demo on deal #1"),
            "{text}"
        );
        assert!(
            text.contains("Umbrella Consulting · Demo: Ran the platform demo for the CTO"),
            "{text}"
        );
        assert!(
            text.contains("Attribution: Partner Influence (influenced by Umbrella Consulting)"),
            "{text}"
        );
        let after = app.table_counts().await;
        let grew: Vec<_> = before
            .iter()
            .zip(&after)
            .filter(|(b, a)| b.1 != a.1)
            .map(|(_, a)| a.0.as_str())
            .collect();
        assert_eq!(grew, ["deal_influences", "audit_log"]);
        let audit = &audit_rows(&app).await[0];
        assert_eq!(audit.action, "deal.influence");
        assert!(audit.before_json.is_none());

        // The same partner and type again: the description is replaced, no new row.
        let again = app
            .ok(r#"/deal influence deal:#1 partner:"Umbrella Consulting" type:demo description:"Demo and a POC plan""#)
            .await;
        assert!(again.starts_with("✔ Influence updated"), "{again}");
        assert!(again.contains("Demo: Demo and a POC plan"), "{again}");
        assert_eq!(int(&app, "SELECT COUNT(*) FROM deal_influences").await, 1);
        let audit = &audit_rows(&app).await[0];
        assert!(
            audit
                .before_json
                .as_deref()
                .unwrap()
                .contains("Ran the platform demo"),
            "{audit:?}"
        );
        // Another type is another row.
        app.ok(r#"/deal influence deal:#1 partner:"Umbrella Consulting" type:executive_intro description:"Intro to the CFO""#)
            .await;
        assert_eq!(int(&app, "SELECT COUNT(*) FROM deal_influences").await, 2);
    }
);

both_backends!(
    the_deals_own_partners_and_field_sales_are_refused_and_nothing_is_written,
    |app: TestApp| async move {
        readme_setup(&app).await;
        app.ok(README_DEAL).await;
        app.ok(r#"/partner add name:"Umbrella Consulting" type:boutique_si"#)
            .await;
        let before = app.table_counts().await;
        let own = app
            .err(r#"/deal influence deal:#1 partner:"Globex Services" type:briefing description:"x""#)
            .await;
        assert!(own.contains("already deal #1's sourcing partner"), "{own}");
        let long = "x".repeat(1001);
        let too_long = app
            .err(&format!(
                r#"/deal influence deal:#1 partner:"Umbrella Consulting" type:demo description:"{long}""#
            ))
            .await;
        assert!(too_long.contains("1000"), "{too_long}");
        let (refused, text) = run_as(
            &app,
            "Fred Field",
            &[Role::FieldSales],
            r#"/deal influence deal:#1 partner:"Umbrella Consulting" type:demo description:"x""#,
        )
        .await;
        assert!(refused && text.contains("is for"), "{text}");
        assert_eq!(app.table_counts().await, before);
    }
);
