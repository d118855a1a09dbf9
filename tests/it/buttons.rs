//! Buttons and forms through the core: a click runs the command its custom id names (with the
//! same permission check as typing it), and a click that lacks required options opens a form
//! whose submission runs the command.

use crate::support::{button, click, submit, TestApp};
use partnerbot::console::render::{render, Style};
use partnerbot::core::Invocation;
use partnerbot::domain::role::Role;

crate::both_backends!(
    log_touch_on_a_partner_card_opens_a_form_and_logs_the_touch,
    |app: TestApp| async move {
        app.seed_basics().await;
        let card = app.run(r#"/partner show partner:"Globex Services""#).await;
        let log = button(&card, "Log touch").to_string();
        let opened = app.core.handle(&click("console", &[Role::Ptm], &log)).await;
        let form = opened.form.clone().expect("the click opens a form");
        let names: Vec<&str> = form.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names.first(),
            Some(&"type"),
            "the required field comes first: {names:?}"
        );
        assert!(names.contains(&"notes"), "{names:?}");
        assert!(form.fields.iter().find(|f| f.name == "notes").unwrap().long);
        assert!(form.fields.len() <= 5 && form.title.chars().count() <= 45);

        let done = app
            .core
            .handle(&submit(
                "console",
                &[Role::Ptm],
                &form.custom_id,
                &[("type", "call"), ("notes", "Pricing call"), ("date", "")],
            ))
            .await;
        let text = render(&done, Style::PLAIN);
        assert!(!done.is_error(), "{text}");
        assert!(
            text.contains("Logged a call with Globex Services"),
            "{text}"
        );
        let notes: Vec<String> = sqlx::query_scalar("SELECT notes FROM touches ORDER BY id")
            .fetch_all(app.store().pool())
            .await
            .unwrap();
        assert_eq!(notes.last().map(String::as_str), Some("Pricing call"));
    }
);

crate::both_backends!(
    a_bad_form_value_is_refused_like_a_typed_one,
    |app: TestApp| async move {
        app.seed_basics().await;
        let before = app.table_counts().await;
        let reply = app
            .core
            .handle(&submit(
                "console",
                &[Role::Ptm],
                "touch log:partner=#1",
                &[("type", "lunch")],
            ))
            .await;
        assert!(render(&reply, Style::PLAIN).contains("`type` cannot be `lunch`"));
        assert_eq!(app.table_counts().await, before);
    }
);

crate::both_backends!(
    a_click_is_checked_for_permission_again,
    |app: TestApp| async move {
        app.seed_basics().await;
        let card = app.run("/deal show deal:1").await;
        let update = button(&card, "Update").to_string();
        // A director gets the form; a field rep is refused at the click.
        let form = app
            .core
            .handle(&click("Dirk", &[Role::Director], &update))
            .await;
        assert!(form.form.is_some(), "{form:?}");
        let refused = app
            .core
            .handle(&click("Fred", &[Role::FieldSales], &update))
            .await;
        assert!(
            render(&refused, Style::PLAIN).contains("is for"),
            "{refused:?}"
        );
        // A forged form submission is refused the same way.
        let forged = Invocation {
            actor: TestApp::actor("Fred", &[Role::FieldSales]),
            ..submit("console", &[Role::Ptm], &update, &[("amount", "1")])
        };
        let text = render(&app.core.handle(&forged).await, Style::PLAIN);
        assert!(text.contains("is for"), "{text}");
    }
);

crate::both_backends!(
    a_page_button_shows_the_next_page,
    |app: TestApp| async move {
        app.seed_basics().await;
        for n in 0..25 {
            app.ok(&format!(r#"/deal add account:"Account {n}" amount:{}k close:+{}d partner:"Globex Services""#, n + 1, n + 5)).await;
        }
        let first = app.run("/deal list").await;
        let next = button(&first, "Next").to_string();
        let second = app
            .core
            .handle(&click("console", &[Role::Ptm], &next))
            .await;
        let text = render(&second, Style::PLAIN);
        assert!(!second.is_error(), "{text}");
        assert!(text.to_lowercase().contains("page 2 of 2"), "{text}");
    }
);

crate::both_backends!(
    a_stale_or_foreign_custom_id_is_refused_politely,
    |app: TestApp| async move {
        let reply = app.core.handle(&click("console", &[Role::Ptm], "")).await;
        assert!(render(&reply, Style::PLAIN).contains("no longer valid"));
        let reply = app
            .core
            .handle(&click("console", &[Role::Ptm], "nuke everything:now=1"))
            .await;
        assert!(reply.is_error());
    }
);
