//! How answers reach Discord: deferred when the core is slow, split across embeds and follow-up
//! messages when large, and answered again (but applied once) when an interaction is redelivered.

use super::*;
use std::time::Duration;

async fn deals(app: &DiscordApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM deals WHERE workspace_id = $1")
        .bind(GUILD)
        .fetch_one(app.store().pool())
        .await
        .expect("count deals")
}

fn add_deal() -> Interaction {
    Interaction::command("deal", &["add"])
        .string("account", "Acme Corp")
        .string("amount", "120k")
        .string("close", "2026-12-15")
        .admin()
}

crate::discord_test!(
    a_slow_answer_is_deferred_then_delivered_by_editing_the_original,
    |s| s.defer_after = Duration::ZERO,
    |app: DiscordApp| async move {
        let answer = app.interact(add_deal().build()).await;
        assert_eq!(answer.kind(), 5, "deferred: Discord shows \"thinking…\"");
        assert!(
            answer.ephemeral(),
            "deferred privately, as the answer is private"
        );
        let edit = answer.edit.as_ref().expect("PATCH @original");
        assert!(edit.seq > answer.callback.seq);
        assert!(answer.text().contains("Acme Corp"), "{}", answer.text());
        assert!(!answer.embeds().is_empty());
        assert_eq!(deals(&app).await, 1);
        app.stop().await;
    }
);

crate::discord_test!(
    a_redelivered_interaction_is_applied_once_and_answered_twice,
    |app: DiscordApp| async move {
        let interaction = add_deal().id(1_500_000_000_000_000_777).build();
        let first = app.interact(interaction.clone()).await;
        assert!(!is_error(&first), "{}", first.text());
        app.send(interaction.clone()).await;
        let again = app
            .fake
            .wait_for(
                |r| r.seq > first.callback.seq && r.interaction_id() == Some("1500000000000000777"),
                crate::support::fake_discord::WAIT,
            )
            .await;
        let again_text = message_text(again.message().expect("a message"));
        assert_eq!(again_text, first.text(), "the same answer again");
        assert_eq!(deals(&app).await, 1, "applied once");
        app.stop().await;
    }
);

crate::discord_test!(
    a_reply_too_big_for_one_message_continues_in_follow_ups,
    |app: DiscordApp| async move {
        // Names at the 100-character limit make every row about 300 characters wide.
        let hundred = |name: String| {
            name.chars()
                .take(100)
                .collect::<String>()
                .trim_end()
                .to_string()
        };
        let partner = hundred(format!(
            "Globex {}",
            "Strategic Cloud Transformation Services ".repeat(3)
        ));
        let account = hundred(format!(
            "Acme {}",
            "Worldwide Industrial Holdings Incorporated ".repeat(3)
        ));
        setup(&app, &format!(r#"/partner add name:"{partner}" type:gsi"#)).await;
        setup(&app, &format!(r#"/account add name:"{account}""#)).await;
        for i in 1..=21 {
            let notes = format!(
                "Visit {i:02}: pipeline review with the practice lead and two account executives"
            );
            let line = format!(
                r#"/touch log partner:"{partner}" type:meeting account:"{account}" notes:"{notes}""#
            );
            setup(&app, &line).await;
        }
        let list = app
            .interact(Interaction::command("touch", &["list"]).admin().build())
            .await;
        let messages = messages_of(&app, &list).await;
        assert!(
            messages.len() >= 2,
            "needs a follow-up: {} message(s):\n{}",
            messages.len(),
            list.text()
        );
        let mut text = String::new();
        for message in &messages {
            assert_within_limits(message);
            text.push_str(&message_text(message));
        }
        for i in 2..=21 {
            assert_eq!(
                text.matches(&format!("Visit {i:02}:")).count(),
                1,
                "visit {i} shown once:\n{text}"
            );
        }
        let followups: Vec<Recorded> = app.fake.requests_to("POST", FOLLOWUPS);
        assert!(!followups.is_empty());
        for followup in &followups {
            assert_eq!(
                followup.json.as_ref().unwrap()["flags"],
                64,
                "private like the answer"
            );
        }
        let last = messages.last().unwrap();
        assert!(
            message_text(last).contains("[Next] touch list:page=2"),
            "buttons end the answer"
        );
        app.stop().await;
    }
);

crate::discord_test!(
    a_list_of_long_names_is_split_at_row_boundaries_and_loses_no_row,
    |app: DiscordApp| async move {
        let long = |what: &str, i: usize| {
            format!(
                "{what} {i:02} {}",
                "with a very long registered legal name ".repeat(2).trim()
            )
        };
        for i in 1..=20 {
            let (account, partner) = (long("Account", i), long("Partner", i));
            setup(
                &app,
                &format!(r#"/partner add name:"{partner}" type:reseller"#),
            )
            .await;
            setup(&app, &format!(r#"/deal add account:"{account}" partner:"{partner}" amount:{i}k close:2026-12-15"#)).await;
        }
        let list = app
            .interact(Interaction::command("deal", &["list"]).admin().build())
            .await;
        let messages = messages_of(&app, &list).await;
        let mut descriptions = String::new();
        for message in &messages {
            assert_within_limits(message);
            for embed in message["embeds"].as_array().unwrap() {
                let description = embed["description"].as_str().unwrap_or("");
                assert_eq!(
                    description.matches("```").count() % 2,
                    0,
                    "a code block cut open"
                );
                descriptions.push_str(description);
            }
        }
        let embeds: usize = messages
            .iter()
            .map(|m| m["embeds"].as_array().unwrap().len())
            .sum();
        assert!(embeds >= 2, "the table needs more than one embed");
        for i in 1..=20 {
            let name = format!("Account {i:02} ");
            assert_eq!(
                descriptions.matches(&name).count(),
                1,
                "{name} shown once:\n{descriptions}"
            );
        }
        app.stop().await;
    }
);

crate::discord_test!(
    shutdown_waits_for_an_interaction_in_flight_to_be_answered,
    |s| s.defer_after = Duration::ZERO,
    |mut app: DiscordApp| async move {
        // Hold the database's write lock so the command is still running when shutdown starts.
        let mut lock = app.store().pool().acquire().await.unwrap();
        let statements: &[&str] = match app.db.backend {
            Backend::Sqlite => &["BEGIN IMMEDIATE"],
            Backend::Postgres => &["BEGIN", "LOCK TABLE members IN EXCLUSIVE MODE"],
        };
        for statement in statements {
            sqlx::query(statement).execute(&mut *lock).await.unwrap();
        }
        let interaction = add_deal().build();
        app.send(interaction.clone()).await;
        let deferred = app
            .fake
            .wait_callback(&interaction, crate::support::fake_discord::WAIT)
            .await;
        assert_eq!(deferred.callback_type(), Some(5));
        let release = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(500)).await;
            sqlx::query("COMMIT").execute(&mut *lock).await.unwrap();
        });
        app.finish().await.expect("a clean shutdown");
        let token = deferred.token().unwrap().to_string();
        let original = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
        let edits = app.fake.requests_to("PATCH", original);
        assert!(
            edits.iter().any(|r| r.token() == Some(token.as_str())),
            "run returned before the answer was delivered:\n{}",
            app.fake.summary()
        );
        release.await.unwrap();
        assert_eq!(deals(&app).await, 1);
    }
);
