//! The life of a registration through the console, with the database checked at each step.

use super::{column, register, setup, status};
use crate::support::{default_now, TestApp, WS};
use partnerbot::console::render::{render, Style};
use partnerbot::domain::role::Role;

const README_LINE: &str = r#"/deal register account:"Acme Corp" domain:acme.com amount:250k close:+60d type:resale partner:"Globex Services""#;

async fn deal_column(app: &TestApp, id: i64, column: &str) -> Option<String> {
    sqlx::query_scalar::<_, Option<String>>(&format!("SELECT {column} FROM deals WHERE id = $1"))
        .bind(id)
        .fetch_one(app.store().pool())
        .await
        .expect("deal row")
}

async fn deal_int(app: &TestApp, id: i64, column: &str) -> Option<i64> {
    sqlx::query_scalar::<_, Option<i64>>(&format!("SELECT {column} FROM deals WHERE id = $1"))
        .bind(id)
        .fetch_one(app.store().pool())
        .await
        .expect("deal row")
}

async fn reg_int(app: &TestApp, id: i64, column: &str) -> Option<i64> {
    sqlx::query_scalar::<_, Option<i64>>(&format!(
        "SELECT {column} FROM registrations WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(app.store().pool())
    .await
    .expect("registration row")
}

crate::both_backends!(
    the_readme_line_registers_on_a_fresh_database,
    |app: TestApp| async move {
        app.ok(r#"/territory add name:"AMER East""#).await;
        app.ok(r#"/partner add name:"Globex Services" type:gsi territory:"AMER East""#)
            .await;
        let text = app.ok(README_LINE).await;
        assert!(
            text.contains("Registration #1 of Globex Services for Acme Corp submitted"),
            "{text}"
        );
        assert!(
            text.contains("/setup channel kind:review"),
            "says how to set a review channel: {text}"
        );
        assert_eq!(status(&app, 1).await, "submitted");
        assert_eq!(
            column(&app, 1, "close_date").await.as_deref(),
            Some("2027-01-26")
        );
        let domain: Option<String> =
            sqlx::query_scalar("SELECT domain FROM accounts WHERE name = 'Acme Corp'")
                .fetch_one(app.store().pool())
                .await
                .unwrap();
        assert_eq!(domain.as_deref(), Some("acme.com"));
        let audits: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'registration.submit'",
        )
        .fetch_one(app.store().pool())
        .await
        .unwrap();
        assert_eq!(audits, 1);
        let show = app.ok("/registration show id:1").await;
        insta::assert_snapshot!("registration_show", show);
    }
);

crate::both_backends!(
    approval_creates_the_deal_and_closing_the_deal_closes_the_registration,
    |app: TestApp| async move {
        setup(&app).await;
        let id = register(&app, r#"/deal register account:"Acme Corp" domain:acme.com amount:250k close:+60d type:resale partner:"Initech Resale" marketplace:aws portal_id:O1234567"#).await;
        let text = app
            .run_in(
                WS,
                "Dana Director",
                &[Role::Director],
                &format!("/registration approve id:{id}"),
            )
            .await;
        let text = render(&text, Style::PLAIN);
        assert!(text.contains("approved until Thu 25 Feb 2027"), "{text}");
        assert_eq!(status(&app, id).await, "approved");
        assert_eq!(
            column(&app, id, "approved_on").await.as_deref(),
            Some("2026-11-27")
        );
        assert_eq!(
            column(&app, id, "expires_on").await.as_deref(),
            Some("2027-02-25")
        );
        let deal = reg_int(&app, id, "deal_id").await.expect("linked deal");
        assert_eq!(deal_int(&app, deal, "sourcing_partner_id").await, Some(2));
        assert_eq!(
            deal_int(&app, deal, "transacting_partner_id").await,
            Some(2),
            "a reseller transacts resale"
        );
        assert_eq!(deal_int(&app, deal, "amount_minor").await, Some(25_000_000));
        assert_eq!(
            deal_column(&app, deal, "stage").await.as_deref(),
            Some("discovery")
        );
        assert_eq!(
            deal_column(&app, deal, "deal_path").await.as_deref(),
            Some("partner")
        );
        assert_eq!(
            deal_column(&app, deal, "marketplace").await.as_deref(),
            Some("aws")
        );
        assert_eq!(
            deal_column(&app, deal, "portal_id").await.as_deref(),
            Some("O1234567")
        );
        assert_eq!(
            deal_int(&app, deal, "owner_user_id").await,
            reg_int(&app, id, "submitted_by").await
        );
        let shown = app.ok(&format!("/deal show deal:{deal}")).await;
        assert!(shown.contains("Partner Sourced"), "{shown}");

        app.ok(&format!("/deal update deal:{deal} stage:closed_won"))
            .await;
        assert_eq!(status(&app, id).await, "closed_won");
        let second = register(&app, r#"/deal register account:"Globex Gadgets" amount:10k close:+10d type:referral partner:"Globex Services""#).await;
        app.ok(&format!("/registration approve id:{second}")).await;
        let deal = reg_int(&app, second, "deal_id").await.unwrap();
        assert_eq!(
            deal_int(&app, deal, "transacting_partner_id").await,
            None,
            "referral partners do not transact"
        );
        let text = app
            .ok(&format!("/deal update deal:{deal} stage:closed_lost"))
            .await;
        assert!(text.contains("registration #2 closed lost"), "{text}");
        assert_eq!(status(&app, second).await, "closed_lost");
    }
);

crate::both_backends!(
    approval_links_an_existing_deal_and_a_deal_has_one_sourced_registration,
    |app: TestApp| async move {
        setup(&app).await;
        app.ok(r#"/deal add account:"Acme Corp" amount:120k close:+30d"#)
            .await;
        let first = register(&app, r#"/deal register account:"Acme Corp" deal:#1 amount:120k close:+30d type:msp partner:"Initech Resale""#).await;
        let second = register(&app, r#"/deal register account:"Acme Corp" deal:#1 amount:120k close:+30d type:resale partner:"Globex Services" confirm:true reason:"Joint pursuit""#).await;
        app.ok(&format!("/registration approve id:{first}")).await;
        assert_eq!(reg_int(&app, first, "deal_id").await, Some(1));
        assert_eq!(deal_int(&app, 1, "sourcing_partner_id").await, Some(2));
        assert_eq!(deal_int(&app, 1, "transacting_partner_id").await, Some(2));
        let before = app.table_counts().await;
        let refused = app.err(&format!("/registration approve id:{second}")).await;
        assert!(
            refused.contains("already has an approved sourced registration: #1 by Initech Resale"),
            "{refused}"
        );
        assert_eq!(app.table_counts().await, before);
        assert_eq!(status(&app, second).await, "submitted");
    }
);

crate::both_backends!(
    deny_return_resubmit_and_withdraw,
    |app: TestApp| async move {
        setup(&app).await;
        let a = register(&app, r#"/deal register account:"Acme Corp" amount:10k close:+30d type:resale partner:"Initech Resale""#).await;
        let b = register(&app, r#"/deal register account:"Globex Gadgets" amount:10k close:+30d type:resale partner:"Initech Resale""#).await;
        let c = register(&app, r#"/deal register account:"Hooli" amount:10k close:+30d type:resale partner:"Initech Resale""#).await;
        app.ok(&format!(
            r#"/registration deny id:{a} reason:"Customer buys direct""#
        ))
        .await;
        assert_eq!(status(&app, a).await, "denied");
        assert_eq!(
            column(&app, a, "decision_note").await.as_deref(),
            Some("Customer buys direct")
        );
        assert!(reg_int(&app, a, "reviewed_by").await.is_some());
        let again = app.err(&format!("/registration approve id:{a}")).await;
        assert!(
            again.contains("was denied (by console on Fri 27 Nov 2026)"),
            "{again}"
        );

        app.ok(&format!(
            r#"/registration return id:{b} comments:"Add the domain""#
        ))
        .await;
        assert_eq!(status(&app, b).await, "returned");
        app.err(&format!("/registration approve id:{b}")).await;
        let text = app
            .ok(&format!(
                "/registration resubmit id:{b} amount:30k notes:\"domain is gadgets.io\""
            ))
            .await;
        assert!(text.contains("resubmitted"), "{text}");
        assert_eq!(status(&app, b).await, "submitted");
        assert_eq!(reg_int(&app, b, "amount_minor").await, Some(3_000_000));
        assert_eq!(
            column(&app, b, "notes").await.as_deref(),
            Some("domain is gadgets.io")
        );
        app.err(&format!("/registration resubmit id:{b}")).await;

        let stranger = app
            .run_in(
                WS,
                "Pat Ptm",
                &[Role::Ptm],
                &format!("/registration withdraw id:{c}"),
            )
            .await;
        assert!(stranger.is_error(), "{stranger:?}");
        app.ok(&format!("/registration withdraw id:{c}")).await;
        assert_eq!(status(&app, c).await, "denied");
        assert_eq!(
            column(&app, c, "decision_note").await.as_deref(),
            Some("withdrawn by the submitter")
        );
        let shown = app.ok(&format!("/registration show id:{c}")).await;
        assert!(shown.contains("Withdrawn"), "{shown}");
    }
);

crate::both_backends!(
    non_directors_cannot_review_and_nothing_is_written,
    |app: TestApp| async move {
        setup(&app).await;
        let id = register(&app, r#"/deal register account:"Acme Corp" amount:10k close:+30d type:resale partner:"Initech Resale""#).await;
        for (name, roles) in [
            ("Pat Ptm", vec![Role::Ptm]),
            ("Fred Field", vec![Role::FieldSales]),
        ] {
            for line in [
                format!("/registration approve id:{id}"),
                format!("/registration deny id:{id} reason:no"),
                format!("/registration return id:{id} comments:no"),
            ] {
                let before = app.table_counts().await;
                let reply = app.run_in(WS, name, &roles, &line).await;
                let text = render(&reply, Style::PLAIN);
                assert!(
                    text.contains("is for Admin or Director"),
                    "{name} {line}: {text}"
                );
                assert_eq!(app.table_counts().await, before, "{line}");
            }
        }
        assert_eq!(status(&app, id).await, "submitted");
    }
);

crate::both_backends!(double_approval_applies_once, |app: TestApp| async move {
    setup(&app).await;
    let id = register(&app, r#"/deal register account:"Acme Corp" amount:10k close:+30d type:resale partner:"Initech Resale""#).await;
    app.run_in(
        WS,
        "Dana Director",
        &[Role::Director],
        &format!("/registration approve id:{id}"),
    )
    .await;
    app.run_in(WS, "Ada Admin", &[Role::Admin], "/help").await;
    let before = app.table_counts().await;
    let second = app
        .run_in(
            WS,
            "Ada Admin",
            &[Role::Admin],
            &format!("/registration approve id:{id}"),
        )
        .await;
    let text = render(&second, Style::PLAIN);
    assert!(second.is_error(), "{text}");
    assert!(
        text.contains(
            "is already approved (by Dana Director on Fri 27 Nov 2026); nothing to approve"
        ),
        "{text}"
    );
    assert_eq!(app.table_counts().await, before);
    let deals: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM deals")
        .fetch_one(app.store().pool())
        .await
        .unwrap();
    assert_eq!(deals, 1);
});

crate::both_backends!(extensions_and_expiry, |app: TestApp| async move {
    setup(&app).await;
    let id = register(&app, r#"/deal register account:"Acme Corp" amount:10k close:+30d type:resale partner:"Initech Resale""#).await;
    app.ok(&format!("/registration approve id:{id}")).await;
    let ptm = |line: String| {
        let app = &app;
        async move { app.run_in(WS, "Pat Ptm", &[Role::Ptm], &line).await }
    };
    let once = ptm(format!("/registration extend id:{id}")).await;
    let text = render(&once, Style::PLAIN);
    assert!(!once.is_error(), "{text}");
    assert!(text.contains("until Sat 27 Mar 2027"), "{text}");
    assert_eq!(
        column(&app, id, "expires_on").await.as_deref(),
        Some("2027-03-27")
    );
    let twice = ptm(format!("/registration extend id:{id}")).await;
    assert!(
        render(&twice, Style::PLAIN).contains("needs a director"),
        "{twice:?}"
    );
    app.run_in(
        WS,
        "Dana Director",
        &[Role::Director],
        &format!("/registration extend id:{id}"),
    )
    .await;
    assert_eq!(
        column(&app, id, "expires_on").await.as_deref(),
        Some("2027-04-26")
    );
    assert_eq!(reg_int(&app, id, "extensions").await, Some(2));

    let soon = app.ok("/registration expiring days:180").await;
    assert!(
        soon.contains(&format!("#{id}")) && soon.contains("Approved"),
        "{soon}"
    );
    assert!(app
        .ok("/registration expiring")
        .await
        .contains("No approved registration"));

    // The day after it lapses it reads as expired everywhere, before anything writes it.
    app.clock.set(default_now() + chrono::Duration::days(151));
    assert!(app
        .ok(&format!("/registration show id:{id}"))
        .await
        .contains("Expired on Mon 26 Apr 2027"));
    assert!(app
        .ok("/registration list status:expired")
        .await
        .contains("Acme Corp"));
    assert!(app
        .ok("/registration list status:approved")
        .await
        .contains("No registrations approved"));
    assert!(app.ok("/registration expiring").await.contains("Expired"));
    assert_eq!(status(&app, id).await, "approved");
    let refused = app.err(&format!("/registration extend id:{id}")).await;
    assert!(refused.contains("expired on Mon 26 Apr 2027"), "{refused}");
    // A registration write sweeps it.
    app.ok(r#"/deal register account:"Hooli" amount:10k close:+30d type:resale partner:"Initech Resale""#).await;
    assert_eq!(status(&app, id).await, "expired");
    let audits: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'registration.expire'")
            .fetch_one(app.store().pool())
            .await
            .unwrap();
    assert_eq!(audits, 1);
});

crate::both_backends!(the_list_filters_and_pages, |app: TestApp| async move {
    setup(&app).await;
    for n in 0..23 {
        let partner = if n % 2 == 0 {
            "Globex Services"
        } else {
            "Initech Resale"
        };
        register(&app, &format!(r#"/deal register account:"Account {n}" amount:{}k close:+30d type:referral partner:"{partner}""#, n + 1)).await;
    }
    let first = app.run("/registration list").await;
    let text = render(&first, Style::PLAIN);
    assert!(text.contains("Page 1 of 2 · 23 registrations"), "{text}");
    assert!(
        first
            .buttons
            .iter()
            .any(|b| b.custom_id == "registration list:page=2"),
        "{first:?}"
    );
    let globex = app
        .ok(r#"/registration list partner:"Globex Services""#)
        .await;
    assert!(
        globex.contains("12 registrations") && !globex.contains("Initech"),
        "{globex}"
    );
    let east = app.ok(r#"/registration list territory:"AMER East""#).await;
    assert!(
        east.contains("12 registrations"),
        "accounts took the partner's territory: {east}"
    );
    assert!(app
        .ok("/registration list status:approved")
        .await
        .contains("No registrations"));
});
