//! `/program show|discount|fee` and `/quote check` through the core, on both backends: the
//! defaults, admin edits (audited; refused for everyone else with nothing written), and quotes
//! at the fee tier boundaries end to end.

use crate::both_backends;
use crate::deal::{audit_rows, int, readme_setup, registration, run_as};
use crate::support::TestApp;
use partnerbot::domain::role::Role;

/// A Select reseller, a cloud partner, and deals: #1 the README deal (Globex, GSI, sourcing),
/// #2 a $1M AWS channel-partner private offer resold by Initech, #3 a Google Cloud deal.
async fn fixture(app: &TestApp) {
    readme_setup(app).await;
    app.ok(crate::deal::README_DEAL).await;
    app.ok(r#"/partner add name:"Initech Resale" type:reseller track:select"#)
        .await;
    app.ok(r#"/partner add name:"AWS" type:cloud"#).await;
    app.ok(concat!(
        r#"/deal add account:"Hooli" amount:1M close:+30d reseller:"Initech Resale" "#,
        r#"marketplace:aws portal_id:O1234567 portal_stage:business_validation stage:proposal"#
    ))
    .await;
    app.ok(concat!(
        r#"/deal add account:"Pied Piper" amount:250k close:+30d reseller:"AWS" "#,
        r#"partner:"Globex Services" marketplace:gcp stage:discovery"#
    ))
    .await;
}

both_backends!(
    the_program_shows_example_discounts_and_the_aws_default_schedule,
    |app: TestApp| async move {
        let shown = app.ok("/program show").await;
        assert!(shown.contains("example default"), "{shown}");
        assert!(shown.contains("AWS Marketplace fees (default)"), "{shown}");
        assert!(
            shown.contains(
                "no Google Cloud fee schedule configured; an admin sets it with `/program fee"
            ),
            "{shown}"
        );
        insta::assert_snapshot!("program_show_defaults", shown);
    }
);

both_backends!(
    admins_edit_discounts_and_fee_tiers_and_each_edit_is_audited,
    |app: TestApp| async move {
        let set = app
            .ok("/program discount track:select type:sourced_resale discount:22.5% rebate:2%")
            .await;
        assert_eq!(
            set.trim(),
            "✔ Select · Sourced resale: 22.5% discount, 2% rebate (was 25% discount, 0% rebate example default)"
        );
        let refused = app
            .err("/program discount track:open type:referral discount:5%")
            .await;
        assert!(refused.contains("paid as a back-end rebate"), "{refused}");
        app.ok("/program discount track:open type:referral rebate:7%")
            .await;

        // The first AWS edit keeps the rest of the default schedule.
        let fee = app
            .ok("/program fee marketplace:aws offer:private from:5M fee:1.75%")
            .await;
        assert!(
            fee.contains("Added the AWS Private offer tier from $5M: 1.75%"),
            "{fee}"
        );
        assert!(
            fee.contains("Private offer: 3% (below $1M) · 2% ($1M to below $5M) · 1.75% ($5M to below $10M) · 1.5% (from $10M)"),
            "{fee}"
        );
        assert!(fee.contains("Renewal: 1.5% (any amount)"), "{fee}");
        app.ok("/program fee marketplace:gcp offer:private fee:3%")
            .await;
        app.ok("/program fee marketplace:gcp offer:private from:1M fee:2%")
            .await;
        let removed = app
            .ok("/program fee marketplace:aws offer:private from:5M remove:true")
            .await;
        assert!(
            removed.contains("Removed the AWS Private offer tier from $5M"),
            "{removed}"
        );
        let nothing = app
            .err("/program fee marketplace:aws offer:private from:5M remove:true")
            .await;
        assert!(nothing.contains("nothing to remove"), "{nothing}");
        assert_eq!(
            int(
                &app,
                "SELECT COUNT(*) FROM marketplace_fees WHERE marketplace = 'aws'"
            )
            .await,
            6
        );

        let shown = app.ok("/program show").await;
        insta::assert_snapshot!("program_show_configured", shown);

        let audits: Vec<_> = audit_rows(&app)
            .await
            .into_iter()
            .filter(|a| a.action.starts_with("program."))
            .collect();
        assert_eq!(audits.len(), 6, "{audits:?}");
        let first_fee = audits
            .iter()
            .rev()
            .find(|a| a.action == "program.fee")
            .unwrap();
        assert!(
            first_fee
                .before_json
                .as_deref()
                .unwrap()
                .contains("\"default\":true"),
            "{first_fee:?}"
        );
        // Removing a reset cell brings the example back.
        let reset = app
            .ok("/program discount track:select type:sourced_resale remove:true")
            .await;
        assert!(
            reset.contains("back to the example default: 25% discount"),
            "{reset}"
        );
    }
);

both_backends!(
    only_admins_edit_the_program_and_a_refusal_writes_nothing,
    |app: TestApp| async move {
        app.ok("/help").await;
        for (name, roles) in [
            ("Dirk Director", vec![Role::Director]),
            ("Priya Ptm", vec![Role::Ptm]),
            ("Fred Field", vec![Role::FieldSales]),
        ] {
            for line in [
                "/program discount track:open type:sourced_resale discount:30%",
                "/program fee marketplace:aws offer:private from:0 fee:1%",
            ] {
                let before = app.table_counts().await;
                let (refused, text) = run_as(&app, name, &roles, line).await;
                assert!(refused && text.contains("is for Admin"), "{name}: {text}");
                assert_eq!(app.table_counts().await, before, "{name}: {line}");
            }
            let (refused, _) = run_as(&app, name, &roles, "/program show").await;
            assert!(!refused, "{name} reads the program");
        }
    }
);

both_backends!(
    a_quote_is_checked_against_the_program_with_the_marketplace_fee,
    |app: TestApp| async move {
        fixture(&app).await;
        // Select co-sell resale: 10% (example). $1M list, 10% -> $900k partner price, which is
        // below $1M: 3% + 0.5% CPPO.
        let matches = app.ok("/quote check deal:#2 discount:10%").await;
        assert!(
            matches.contains(
                "10% matches the program (Select · Co-sell resale: 10% (example default))"
            ),
            "{matches}"
        );
        assert!(matches.contains("$900,000"), "{matches}");
        assert!(
            matches.contains("3.5% of the partner price = $31,500"),
            "{matches}"
        );
        assert!(matches.contains("$868,500"), "{matches}");
        insta::assert_snapshot!("quote_check_matches", matches);

        let exceeds = app.ok("/quote check deal:#2 discount:12.5%").await;
        assert!(
            exceeds.contains("12.5% exceeds the program by 2.5%"),
            "{exceeds}"
        );
        assert!(exceeds.contains("needs approval"), "{exceeds}");
        insta::assert_snapshot!("quote_check_exceeds", exceeds);

        // At the boundary: a partner price of exactly $1M is in the 2% tier; a cent less is 3%.
        let at_million = app
            .ok("/quote check deal:#2 discount:0% list:1000000")
            .await;
        assert!(
            at_million.contains("2.5% of the partner price = $25,000"),
            "{at_million}"
        );
        let below = app
            .ok("/quote check deal:#2 discount:0% list:999999.99")
            .await;
        // 3.5% of $999,999.99 = $34,999.99965, rounded half up to $35,000.00.
        assert!(
            below.contains("3.5% of the partner price = $35,000 on"),
            "{below}"
        );
        assert!(below.contains("$964,999.99"), "{below}");
        let ten_million = app.ok("/quote check deal:#2 discount:0% list:10M").await;
        assert!(
            ten_million.contains("2% of the partner price = $200,000"),
            "{ten_million}"
        );

        // A renewal: 1.5% + 0.5%, and the renewal deal type.
        app.ok("/deal update deal:#2 renewal:true").await;
        let renewal = app.ok("/quote check deal:#2 discount:10%").await;
        assert!(
            renewal.contains("Renewal (the deal is a renewal)"),
            "{renewal}"
        );
        assert!(
            renewal.contains("2% of the partner price = $18,000"),
            "{renewal}"
        );

        // Google Cloud with no schedule: said clearly; net before the fee.
        let gcp = app.ok("/quote check deal:#3 discount:5%").await;
        assert!(
            gcp.contains("no Google Cloud fee schedule configured"),
            "{gcp}"
        );
        assert!(
            gcp.contains("before the marketplace fee (unknown)"),
            "{gcp}"
        );
        // The cloud partner transacting is the marketplace: Globex's (Open) track applies.
        assert!(gcp.contains("Globex Services (Open, sourcing)"), "{gcp}");

        // Deal #1: sourced by Globex with an approved resale registration.
        let acme = int(&app, "SELECT id FROM accounts WHERE name = 'Acme Corp'").await;
        let refused = app.err("/quote check deal:#1 discount:15%").await;
        assert!(
            refused.contains("no approved registration and no reseller"),
            "{refused}"
        );
        registration(
            &app,
            Some(1),
            acme,
            "Globex Services",
            "resale",
            "approved",
            None,
        )
        .await;
        let sourced = app.ok("/quote check deal:#1 discount:15%").await;
        assert!(
            sourced.contains("Sourced resale (registration #1 by Globex Services)"),
            "{sourced}"
        );
        assert!(
            sourced.contains("none: not a marketplace deal"),
            "{sourced}"
        );
        assert!(sourced.contains("$102,000"), "{sourced}");
    }
);

both_backends!(
    the_deal_card_shows_the_marketplace_fee_and_the_vendor_net,
    |app: TestApp| async move {
        fixture(&app).await;
        let aws = app.ok("/deal show deal:#2").await;
        assert!(
            aws.contains("Marketplace fee\n  2.5% = $25,000 · vendor net $975,000"),
            "{aws}"
        );
        assert!(
            aws.contains(
                "Private offer, $1M to below $10M: 2% + 0.5% CPPO add-on = 2.5% (default)"
            ),
            "{aws}"
        );
        let gcp = app.ok("/deal show deal:#3").await;
        assert!(
            gcp.contains("no Google Cloud fee schedule configured"),
            "{gcp}"
        );
        app.ok("/program fee marketplace:gcp offer:private fee:4%")
            .await;
        let gcp = app.ok("/deal show deal:#3").await;
        assert!(gcp.contains("4% = $10,000 · vendor net $240,000"), "{gcp}");
        let plain = app.ok("/deal show deal:#1").await;
        assert!(!plain.contains("Marketplace fee"), "{plain}");
    }
);
