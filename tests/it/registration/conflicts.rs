//! Conflict detection through the console: a table of (existing account, new registration)
//! pairs, each in a workspace of its own, asserting the conflict is shown (and nothing written)
//! or not (and the registration stored). Then confirming over a conflict with a reason.
//!
//! Decisions the table pins down: diacritics are folded (`Müller` = `Muller`) but not spelled
//! out (`Mueller` ≠ `Müller`); only legal forms are dropped (`Holdings`, `Group`, `Bank` keep
//! companies apart); `AT&T` (no spaces) is `att`, not `at and t`.

use super::{button, click, column, reg_id, register, setup, setup_in, status, submit};
use crate::support::{TestApp, WS};
use partnerbot::console::render::{render, Style};
use partnerbot::domain::ids::WorkspaceId;
use partnerbot::domain::role::Role;

/// (existing name, existing domain, registered name, registered domain, conflict expected)
pub const PAIRS: &[(&str, &str, &str, &str, bool)] = &[
    ("Acme Corp", "", "ACME Corporation", "", true),
    ("Acme, Inc.", "", "acme", "", true),
    ("Acme EU", "eu.acme.com", "Acme Global", "acme.com", true),
    ("The Acme Company", "", "Acme", "", true),
    ("Müller GmbH", "", "Muller", "", true),
    ("Acme Ltd", "", "Acme Limited", "", true),
    ("Acme Pty Ltd", "", "Acme", "", true),
    ("Acme L.L.C.", "", "Acme LLC", "", true),
    ("Société Générale S.A.", "", "Societe Generale", "", true),
    ("Johnson & Johnson", "", "Johnson and Johnson", "", true),
    ("I.B.M. Corp", "", "IBM", "", true),
    (
        "Contoso",
        "contoso.com",
        "Contoso Cloud Division",
        "cloud.contoso.com",
        true,
    ),
    (
        "Fabrikam",
        "fabrikam.co.uk",
        "Fabrikam Shop",
        "shop.fabrikam.co.uk",
        true,
    ),
    (
        "Northwind",
        "https://www.northwind.com/about",
        "Northwind Traders",
        "northwind.com",
        true,
    ),
    ("Acme B.V.", "", "Acme NV", "", true),
    ("Acme & Co.", "", "Acme", "", true),
    ("Straße AG", "", "Strasse", "", true),
    (
        "Initech",
        "initech.com",
        "Initech Software",
        "INITECH.COM",
        true,
    ),
    ("Acme Corp", "acme.com", "Acme Corp", "acme.com", true),
    ("Acme Oy", "", "Acme AB", "", true),
    ("Umbrella Corporation", "", "umbrella corp.", "", true),
    (
        "Hooli",
        "hooli.xyz",
        "Nucleus by Hooli",
        "mail.hooli.xyz",
        true,
    ),
    ("Acme", "", "Acme Bank", "", false),
    ("Globex", "", "Globe", "", false),
    ("Initech", "", "Initrode", "", false),
    (
        "Acme Widgets",
        "acme.com",
        "Roadrunner Supply",
        "acme.co",
        false,
    ),
    ("Acme Holdings", "", "Acme", "", false),
    ("Mueller", "", "Müller", "", false),
    ("AT&T", "", "AT and T", "", false),
    (
        "Contoso",
        "contoso.com",
        "Contoso Bank",
        "contosobank.com",
        false,
    ),
    (
        "Fabrikam",
        "fabrikam.co.uk",
        "Fabrikam Brasil",
        "fabrikam.com.br",
        false,
    ),
    ("Acme", "acme.com", "Coyote Labs", "coyote.acme.org", false),
    ("Acme Group", "", "Acme", "", false),
];

fn line(name: &str, domain: &str, partner: &str, extra: &str) -> String {
    let domain = if domain.is_empty() {
        String::new()
    } else {
        format!(" domain:\"{domain}\"")
    };
    format!(
        r#"/deal register account:"{name}"{domain} amount:10k close:+30d type:resale partner:"{partner}"{extra}"#
    )
}

crate::both_backends!(
    conflicts_are_found_by_company_name_and_domain,
    |app: TestApp| async move {
        let mut failures = Vec::new();
        for (i, (held, held_domain, name, domain, expected)) in PAIRS.iter().enumerate() {
            let ws = 100 + i as i64;
            setup_in(&app, WorkspaceId::new(ws)).await;
            let first = app
                .run_in(
                    WorkspaceId::new(ws),
                    "Priya Ptm",
                    &[Role::Ptm],
                    &line(held, held_domain, "Globex Services", ""),
                )
                .await;
            assert!(!first.is_error(), "{held}: {first:?}");
            // Pat becomes a member first: that is not the registration's write.
            app.run_in(WorkspaceId::new(ws), "Pat Ptm", &[Role::Ptm], "/help")
                .await;
            let before = app.table_counts().await;
            let reply = app
                .run_in(
                    WorkspaceId::new(ws),
                    "Pat Ptm",
                    &[Role::Ptm],
                    &line(name, domain, "Initech Resale", ""),
                )
                .await;
            let text = render(&reply, Style::PLAIN);
            let conflict = text.contains("Possible conflict");
            if conflict != *expected {
                failures.push(format!(
                    "{held} ({held_domain}) vs {name} ({domain}): expected conflict {expected}, got:\n{text}"
                ));
                continue;
            }
            if conflict {
                if reply.is_error()
                    || !text.contains("Registration #")
                    || !text.contains("Globex Services")
                    || !text.contains("Priya Ptm")
                {
                    failures.push(format!(
                        "{held} vs {name}: the conflict names its holder:\n{text}"
                    ));
                }
                if app.table_counts().await != before {
                    failures.push(format!(
                        "{held} vs {name}: a blocked registration wrote something"
                    ));
                }
            } else if reply.is_error() || !text.contains("submitted") {
                failures.push(format!("{held} vs {name}: should be registered:\n{text}"));
            }
        }
        assert!(PAIRS.len() >= 30);
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }
);

crate::both_backends!(
    open_deals_conflict_and_closed_or_lapsed_holders_do_not,
    |app: TestApp| async move {
        setup(&app).await;
        app.ok(r#"/deal add account:"Acme Corp" amount:50k close:+20d"#)
            .await;
        let text = app.ok(&line("Acme Inc", "", "Initech Resale", "")).await;
        assert!(
            text.contains("Deal #1") && text.contains("direct") && text.contains("closes"),
            "{text}"
        );
        app.ok("/deal update deal:1 stage:closed_lost").await;
        // An approved registration protects 90 days; after that it no longer conflicts.
        let id = register(&app, &line("Hooli", "hooli.xyz", "Globex Services", "")).await;
        app.ok(&format!("/registration approve id:{id}")).await;
        let conflict = app.ok(&line("Hooli Inc", "", "Initech Resale", "")).await;
        assert!(
            conflict.contains("Possible conflict") && conflict.contains("until"),
            "{conflict}"
        );
        app.clock
            .set(crate::support::default_now() + chrono::Duration::days(91));
        // Lapsed, the registration no longer holds the customer; the deal its approval created
        // does until it closes (which writes the lapsed registration down as expired).
        let text = app.ok(&line("Hooli Inc", "", "Initech Resale", "")).await;
        assert!(
            !text.contains("Registration #") && text.contains("Deal #2"),
            "{text}"
        );
        app.ok("/deal update deal:2 stage:closed_lost").await;
        assert_eq!(status(&app, id).await, "expired");
        let text = app.ok(&line("Hooli Inc", "", "Initech Resale", "")).await;
        assert!(text.contains("submitted"), "{text}");
        // The conflict with "Acme Inc" was never written; its closed deal is no conflict now.
        let text = app.ok(&line("Acme Inc", "", "Initech Resale", "")).await;
        assert!(text.contains("submitted"), "{text}");
    }
);

crate::both_backends!(
    confirming_with_a_reason_stores_the_registration_and_its_conflict_note,
    |app: TestApp| async move {
        setup(&app).await;
        app.ok(&line("Acme", "acme.com", "Globex Services", ""))
            .await;
        let typed = r#"/deal register account:"Acme" amount:5k close:+30d type:resale partner:"Initech Resale""#;
        let conflict = app.run_in(WS, "Pat Ptm", &[Role::Ptm], typed).await;
        insta::assert_snapshot!("conflict_reply", render(&conflict, Style::PLAIN));
        let confirm = button(&conflict, "Confirm").to_string();
        assert!(
            confirm.starts_with("deal register:") && confirm.ends_with("&confirm=true"),
            "{confirm}"
        );

        // Typed without a reason: refused, nothing written.
        let before = app.table_counts().await;
        let refused = app.err(&format!("{typed} confirm:true")).await;
        assert!(refused.contains("reason:"), "{refused}");
        assert_eq!(app.table_counts().await, before);

        // The button asks for the reason in a form; its submission registers.
        let opened = app
            .core
            .handle(&click("Pat Ptm", &[Role::Ptm], &confirm))
            .await;
        let form = opened.form.clone().expect("the click opens a form");
        assert_eq!(form.fields.len(), 1);
        assert_eq!(form.fields[0].name, "reason");
        assert_eq!(app.table_counts().await, before);
        let done = app
            .core
            .handle(&submit(
                "Pat Ptm",
                &[Role::Ptm],
                &form.custom_id,
                &[("reason", "Different business unit")],
            ))
            .await;
        let text = render(&done, Style::PLAIN);
        assert!(!done.is_error(), "{text}");
        let id = reg_id(&text);
        let note = column(&app, id, "conflict_note").await.unwrap();
        assert!(note.starts_with("Different business unit"), "{note}");
        assert!(note.contains("registration #1 (Globex Services)"), "{note}");
        assert_eq!(status(&app, id).await, "submitted");
    }
);

crate::both_backends!(
    accounts_from_before_migration_3_get_their_match_keys,
    |app: TestApp| async move {
        setup(&app).await;
        app.ok(r#"/account add name:"The Acme Company, Inc." domain:eu.acme.com"#)
            .await;
        sqlx::query("UPDATE accounts SET match_key = NULL, match_domain = NULL")
            .execute(app.store().pool())
            .await
            .unwrap();
        app.store().migrate().await.unwrap();
        let (key, domain): (Option<String>, Option<String>) =
            sqlx::query_as("SELECT match_key, match_domain FROM accounts")
                .fetch_one(app.store().pool())
                .await
                .unwrap();
        assert_eq!(key.as_deref(), Some("acme"));
        assert_eq!(domain.as_deref(), Some("acme.com"));
        let text = app.ok(&line("ACME Corp", "", "Globex Services", "")).await;
        assert!(
            text.contains("submitted"),
            "an account alone is no conflict: {text}"
        );
    }
);
