//! `/account add|show` through the core, on both backends: domains, duplicates, and the
//! coverage answer ("who covers acme.com?") by name, domain and subdomain.

use crate::both_backends;
use crate::deal::{audit_rows, influence, int, member, readme_setup, registration, text};
use crate::support::TestApp;
use crate::support::WS;
use partnerbot::domain::role::Role;

both_backends!(
    an_account_is_added_with_a_normalised_domain_territory_and_owner,
    |app: TestApp| async move {
        app.ok(r#"/territory add name:"AMER East""#).await;
        member(&app, "Fred Field", &[Role::FieldSales]).await;
        let out = app
        .ok(r#"/account add name:"Acme Corp" domain:"https://www.Acme.com/pricing" territory:"amer east" owner:"Fred Field""#)
        .await;
        assert_eq!(
        out.trim(),
        "✔ Account Acme Corp added (acme.com, AMER East, owner Fred Field). See who covers it with `/account show account:\"Acme Corp\"`."
    );
        assert_eq!(
            text(&app, "SELECT domain FROM accounts WHERE name = 'Acme Corp'")
                .await
                .as_deref(),
            Some("acme.com")
        );
        let fred = partnerbot::console::local_user_id("Fred Field");
        assert_eq!(
            int(&app, "SELECT owner_user_id FROM accounts").await,
            fred.get()
        );
        let audit = audit_rows(&app).await;
        assert_eq!(
            (audit[0].action.as_str(), audit[0].entity.as_str()),
            ("account.add", "account")
        );
        assert!(audit[0]
            .after_json
            .as_deref()
            .unwrap()
            .contains(r#""domain":"acme.com""#));

        // Anyone with a role may add one; a subsidiary may have a subdomain of its own.
        let reply = app
            .run_in(
                WS,
                "Fred Field",
                &[Role::FieldSales],
                r#"/account add name:"Acme Europe" domain:eu.acme.com"#,
            )
            .await;
        assert!(!reply.is_error(), "{reply:?}");
    }
);

both_backends!(
    junk_domains_and_duplicates_are_refused_and_nothing_is_written,
    |app: TestApp| async move {
        app.ok(r#"/account add name:"Acme Corp" domain:acme.com"#)
            .await;
        let before = app.table_counts().await;
        for (line, expected) in [
            (
                r#"/account add name:"Acme Two" domain:acme"#,
                "web domain `acme` does not look like a domain; use something like `acme.com`",
            ),
            (
                r#"/account add name:"ACME corp.""#,
                "account Acme Corp already exists",
            ),
            (
                r#"/account add name:"Acme Holdings" domain:WWW.ACME.COM"#,
                "web domain `acme.com` already belongs to account Acme Corp",
            ),
            (
                r#"/account add name:"Acme Holdings" territory:Nowhere"#,
                "no territory named `Nowhere`",
            ),
            (r#"/account add name:"   ""#, "needs a value for `name:`"),
        ] {
            let err = app.err(line).await;
            assert!(err.contains(expected), "{line}: {err}");
            assert_eq!(app.table_counts().await, before, "{line} wrote something");
        }
    }
);

both_backends!(
    who_covers_an_account_is_answered_by_name_domain_or_subdomain,
    |app: TestApp| async move {
        readme_setup(&app).await;
        app.ok(r#"/partner add name:"Initech Resale" type:reseller"#)
            .await;
        app.ok(r#"/partner add name:"Ingram Micro" type:distributor"#)
            .await;
        app.ok(r#"/partner add name:"Umbrella Consulting" type:boutique_si"#)
            .await;
        member(&app, "Dana Reyes", &[Role::Ptm]).await;
        member(&app, "Fred Field", &[Role::FieldSales]).await;
        app.ok(r#"/territory assign territory:"AMER East" member:"Dana Reyes" as:ptm"#)
            .await;
        app.ok(r#"/territory assign territory:"AMER East" member:"Fred Field" as:field_sales"#)
            .await;
        app.ok(r#"/account add name:"Acme Corp" domain:acme.com territory:"AMER East" owner:"Fred Field""#).await;
        app.ok(r#"/account add name:"Initech""#).await;

        app.ok(r#"/deal add account:"Acme Corp" amount:120k close:2026-12-15 partner:"Globex Services""#).await;
        app.ok(r#"/deal add account:acme.com amount:45k close:2027-02-10 reseller:"Initech Resale" distributor:"Ingram Micro" stage:proposal"#).await;
        app.ok(r#"/deal add account:acme.com amount:80k close:2026-12-01 reseller:"Initech Resale" stage:closed_lost"#).await;
        app.ok(r#"/deal add account:Initech amount:10k close:+30d partner:"Umbrella Consulting""#)
            .await;
        influence(&app, 2, "Umbrella Consulting", "demo", "").await;
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
            None,
            acme,
            "Umbrella Consulting",
            "referral",
            "pending_review",
            None,
        )
        .await;
        registration(
            &app,
            None,
            acme,
            "Initech Resale",
            "resale",
            "approved",
            Some("2026-11-01"),
        )
        .await; // expired
        registration(&app, None, acme, "Initech Resale", "resale", "denied", None).await;
        for line in [
            r#"/touch log partner:"Globex Services" type:meeting account:"Acme Corp" date:-3d"#,
            r#"/touch log partner:"Globex Services" type:call deal:#1 date:-1d"#,
            r#"/touch log partner:"Initech Resale" type:email account:acme.com date:-20d"#,
            r#"/touch log partner:"Ingram Micro" type:call account:acme.com date:-200d"#,
            r#"/touch log partner:"Umbrella Consulting" type:call account:Initech date:-2d"#,
        ] {
            app.ok(line).await;
        }

        let by_name = app.ok(r#"/account show account:"acme corp""#).await;
        insta::assert_snapshot!("account_show", by_name);
        assert!(
            by_name.contains("Globex Services: 2 touches, last Thu 26 Nov 2026"),
            "{by_name}"
        );
        assert!(
            !by_name.contains("Ingram Micro: 1 touch"),
            "touches older than 180 days are left out: {by_name}"
        );
        assert!(by_name.contains("Initech Resale (reseller)\n"), "{by_name}");
        assert!(
            by_name.contains("Umbrella Consulting (influence)"),
            "{by_name}"
        );
        assert!(
            by_name.contains("Open deals     2 deals, $165,000 in total"),
            "{by_name}"
        );
        // The registration expired on 1 Nov and the denied one are not open.
        assert!(
            by_name.contains("#1 Globex Services: Approved, expires Thu 18 Feb 2027"),
            "{by_name}"
        );
        assert!(
            !by_name.contains("#3 Initech") && !by_name.contains("#4 Initech"),
            "{by_name}"
        );

        for wanted in [
            "acme.com",
            "https://www.acme.com/contact",
            "eu.acme.com",
            "bob@shop.eu.acme.com",
        ] {
            let shown = app.ok(&format!("/account show account:{wanted}")).await;
            assert_eq!(shown, by_name, "{wanted}");
        }
        // Anyone may ask, even without a role (open reads).
        let reply = app
            .run_exact(WS, "Nora Norole", &[], "/account show account:acme.com")
            .await;
        assert!(!reply.is_error(), "{reply:?}");

        let err = app.err(r#"/account show account:"Acme Crop""#).await;
        assert!(
            err.contains("no account named `Acme Crop`. Did you mean `Acme Corp`?"),
            "{err}"
        );
        let err = app.err("/account show account:globex.com").await;
        assert!(err.contains("no account named `globex.com`"), "{err}");
    }
);

both_backends!(
    an_account_with_nothing_on_it_says_so,
    |app: TestApp| async move {
        app.ok(r#"/account add name:"Hooli" domain:hooli.xyz"#)
            .await;
        let shown = app.ok("/account show account:hooli.xyz").await;
        for (name, value) in [
            ("Domain", "hooli.xyz"),
            ("Territory", "—"),
            ("PTMs", "—"),
            ("Field sales", "—"),
            ("Partners on open deals", "none"),
            ("Open registrations", "none"),
            ("Open deals", "none"),
        ] {
            assert_eq!(field(&shown, name), Some(value), "{name}:\n{shown}");
        }
    }
);

/// The value of a one-line card field in plain text.
fn field<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.lines()
        .find_map(|line| {
            line.strip_prefix(name)
                .filter(|rest| rest.starts_with("  "))
        })
        .map(str::trim)
}
