//! `/compliance`: each kind of gap is found on a small fixture (and says what to do), a clean
//! workspace has none, filters narrow the list, long lists page, the review target skips
//! weekends.

use crate::both_backends;
use crate::deal::int;
use crate::support::TestApp;
use chrono::{TimeZone, Utc};

/// A registration submitted at `submitted_at` (stored instant text) with `status`.
async fn submitted(app: &TestApp, partner: &str, account: &str, status: &str, submitted_at: &str) {
    sqlx::query(
        "INSERT INTO registrations (workspace_id, account_id, partner_id, reg_type, status, \
         amount_minor, close_date, submitted_by, submitted_at, updated_at) VALUES (1, \
         (SELECT id FROM accounts WHERE workspace_id = 1 AND name = $1), \
         (SELECT id FROM partners WHERE workspace_id = 1 AND name = $2), 'resale', $3, \
         100000, '2026-12-15', 1, $4, $4)",
    )
    .bind(account)
    .bind(partner)
    .bind(status)
    .bind(submitted_at)
    .execute(app.store().pool())
    .await
    .expect("insert registration");
}

/// Partners with current agreements, marketplace deals registered and in step, a fresh
/// registration: nothing to fix. (The clock is Friday 2026-11-27 10:00 UTC.)
async fn clean(app: &TestApp) {
    app.ok(r#"/territory add name:"AMER East""#).await;
    app.ok(concat!(
        r#"/partner add name:"Initech Resale" type:reseller territory:"AMER East" "#,
        r#"agreement_signed:2026-01-01 agreement_expires:2027-01-01"#
    ))
    .await;
    app.ok(concat!(
        r#"/deal add account:"Hooli" amount:1M close:+30d reseller:"Initech Resale" "#,
        r#"marketplace:aws portal_id:O1234567 portal_stage:business_validation "#,
        r#"portal_status:approved stage:proposal territory:"AMER East""#
    ))
    .await;
    app.ok(concat!(
        r#"/deal add account:"Umbrella" amount:50k close:+30d marketplace:gcp "#,
        r#"portal_id:0061234ABC portal_stage:prospect stage:closed_lost"#
    ))
    .await;
    // Lost marketplace deals need nothing; submitted yesterday after 10:00 is within target.
    app.ok(
        r#"/deal add account:"Soylent" amount:50k close:+30d marketplace:aws stage:closed_lost"#,
    )
    .await;
    submitted(
        app,
        "Initech Resale",
        "Hooli",
        "submitted",
        "2026-11-26T11:00:00.000Z",
    )
    .await;
}

both_backends!(a_clean_workspace_has_no_gaps, |app: TestApp| async move {
    clean(&app).await;
    let text = app.ok("/compliance").await;
    assert!(text.contains("No compliance gaps"), "{text}");
});

both_backends!(
    every_kind_of_gap_is_found_with_what_to_do,
    |app: TestApp| async move {
        clean(&app).await;
        app.ok(r#"/partner add name:"Globex Services" type:gsi"#)
            .await;
        app.ok(concat!(
            r#"/partner add name:"Lapsed Co" type:reseller territory:"AMER East" "#,
            r#"agreement_signed:2024-01-01 agreement_expires:2026-01-01"#
        ))
        .await;
        app.ok(r#"/partner add name:"Dormant Co" type:reseller"#)
            .await;
        // #4: no portal id. #5: ACE behind (Qualified at Technical evaluation).
        // #6: Google Cloud, Action Required. #7: Globex (no agreement) sources an open deal.
        app.ok(r#"/deal add account:"Acme Corp" amount:120k close:+30d marketplace:aws stage:proposal reseller:"Initech Resale""#)
            .await;
        app.ok(r#"/deal add account:"Stark" amount:300k close:+20d marketplace:aws portal_id:O7654321 portal_stage:qualified stage:tech_eval"#)
            .await;
        app.ok(r#"/deal add account:"Wayne" amount:80k close:+10d marketplace:gcp portal_id:gpa-123456 portal_stage:business_validation portal_status:action_required stage:proposal"#)
            .await;
        app.ok(r#"/deal add account:"Acme Corp" amount:20k close:+40d partner:"Globex Services""#)
            .await;
        // Wednesday 09:00: past the target (Thursday 09:00).
        submitted(
            &app,
            "Initech Resale",
            "Acme Corp",
            "pending_review",
            "2026-11-25T09:00:00.000Z",
        )
        .await;
        // Decided registrations are never late.
        submitted(
            &app,
            "Initech Resale",
            "Acme Corp",
            "approved",
            "2026-11-01T09:00:00.000Z",
        )
        .await;

        let text = app.ok("/compliance").await;
        for expected in [
            "No portal id",
            "#4 Acme Corp",
            "Portal behind",
            "#5 Stark",
            "Qualified at 3 Technical evaluation",
            "Technical Validation",
            "Portal review",
            "#6 Wayne",
            "Action Required",
            "Review overdue",
            "Reg #2 Initech Resale · Acme Corp",
            "Agreement lapsed",
            "Lapsed Co",
            "expired 1 Jan 2026",
            "No agreement",
            "Globex Services",
            "register the opportunity in the cloud partner's co-sell portal",
            "Page 1 of 1 · 6 gaps",
        ] {
            assert!(text.contains(expected), "missing `{expected}`:\n{text}");
        }
        assert!(
            !text.contains("Dormant Co"),
            "no open deals, no gap: {text}"
        );
        assert!(!text.contains("Hooli"), "{text}");
        insta::assert_snapshot!("compliance_gaps", text);

        let initech = app.ok(r#"/compliance partner:"Initech Resale""#).await;
        assert!(
            initech.contains("Compliance gaps for Initech Resale"),
            "{initech}"
        );
        assert!(
            initech.contains("#4 Acme Corp") && initech.contains("Reg #2"),
            "{initech}"
        );
        assert!(
            !initech.contains("Stark") && !initech.contains("Lapsed Co"),
            "{initech}"
        );
        let east = app.ok(r#"/compliance territory:"AMER East""#).await;
        assert!(east.contains("Lapsed Co"), "{east}");
        assert!(
            !east.contains("Globex Services") && !east.contains("Stark"),
            "{east}"
        );

        // Fixing a gap removes it.
        app.ok("/deal update deal:#5 portal_stage:technical_validation")
            .await;
        let after = app.ok("/compliance").await;
        assert!(!after.contains("Stark"), "{after}");
    }
);

both_backends!(
    the_review_target_skips_the_weekend,
    |app: TestApp| async move {
        clean(&app).await;
        submitted(
            &app,
            "Initech Resale",
            "Hooli",
            "submitted",
            "2026-11-27T09:00:00.000Z",
        )
        .await;
        submitted(
            &app,
            "Initech Resale",
            "Hooli",
            "submitted",
            "2026-11-27T11:00:00.000Z",
        )
        .await;
        // Saturday and Sunday count for nothing.
        app.clock
            .set(Utc.with_ymd_and_hms(2026, 11, 29, 18, 0, 0).unwrap());
        let sunday = app.ok("/compliance").await;
        assert!(sunday.contains("Page 1 of 1 · 1 gap"), "{sunday}");
        // Monday 10:00: one business day after Friday 09:00 and 10:00, not after 11:00.
        app.clock
            .set(Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap());
        let monday = app.ok("/compliance").await;
        assert!(monday.contains("review overdue 2"), "{monday}");
        assert!(!monday.contains("Reg #3"), "{monday}");
        // Sunday 20:00 UTC is Monday 05:00 in Tokyo: there, business time has started again,
        // so Thursday 21:00 UTC (Friday 06:00 in Tokyo) is not late yet; in UTC it is.
        submitted(
            &app,
            "Initech Resale",
            "Hooli",
            "submitted",
            "2026-11-26T21:00:00.000Z",
        )
        .await;
        app.clock
            .set(Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap());
        let utc = app.ok("/compliance").await;
        assert!(utc.contains("Page 1 of 1 · 2 gaps"), "{utc}");
        app.ok("/setup workspace timezone:Asia/Tokyo").await;
        let tokyo = app.ok("/compliance").await;
        assert!(tokyo.contains("Page 1 of 1 · 1 gap"), "{tokyo}");
    }
);

both_backends!(a_long_list_pages_with_buttons, |app: TestApp| async move {
    for i in 0..17 {
        app.ok(&format!(
            r#"/deal add account:"Account {i}" amount:{}k close:+{}d marketplace:aws"#,
            i + 1,
            i + 1
        ))
        .await;
    }
    assert_eq!(int(&app, "SELECT COUNT(*) FROM deals").await, 17);
    let reply = app.run("/compliance").await;
    let buttons: Vec<&str> = reply.buttons.iter().map(|b| b.custom_id.as_str()).collect();
    assert_eq!(buttons, ["compliance:page=2"]);
    let first = app.ok("/compliance").await;
    assert!(first.contains("Page 1 of 2 · 17 gaps"), "{first}");
    let second = app.ok("/compliance page:2").await;
    assert!(
        second.contains("Account 16") && !second.contains("Account 3 "),
        "{second}"
    );
    let past = app.err("/compliance page:3").await;
    assert!(past.contains("page 3 is past the end"), "{past}");
});
