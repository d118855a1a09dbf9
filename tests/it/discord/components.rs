//! Buttons and modals: Prev/Next turn a list's page in place; a button that needs more details
//! opens a modal whose inputs are named after the options, and submitting it runs the command.

use super::*;
use crate::support::fake_discord::fixtures::bot_message;
use crate::support::fake_discord::CHANNEL_ID;

async fn count(app: &DiscordApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM {table} WHERE workspace_id = $1"
    ))
    .bind(GUILD)
    .fetch_one(app.store().pool())
    .await
    .expect("count")
}

/// The message an answer became, as Discord would attach it to a click on one of its buttons.
fn sent(answer: &Answer) -> Value {
    bot_message(1_500_000_000_000_000_100, CHANNEL_ID, &answer.message())
}

crate::discord_test!(
    next_on_a_list_replaces_it_with_the_next_page,
    |app: DiscordApp| async move {
        setup(&app, r#"/territory add name:"AMER East""#).await;
        for i in 1..=25 {
            setup(
                &app,
                &format!(r#"/deal add account:"Account {i:02}" amount:{i}k close:2026-12-15"#),
            )
            .await;
        }
        let list = app
            .interact(Interaction::command("deal", &["list"]).admin().build())
            .await;
        assert_eq!(list.kind(), 4);
        assert!(list.text().contains("Page 1 of 2"), "{}", list.text());
        let buttons = list.buttons();
        let (_, next) = buttons
            .iter()
            .find(|(label, _)| label == "Next")
            .expect("a Next button");
        assert_eq!(next, "deal list:page=2");

        let click = Interaction::button(next)
            .on_message(sent(&list))
            .admin()
            .build();
        let page = app.interact(click).await;
        assert_eq!(page.kind(), 7, "the list is replaced in place");
        let text = page.text();
        assert!(text.contains("Page 2 of 2"), "{text}");
        let rows = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| l.starts_with('#') && l[1..].starts_with(|c: char| c.is_ascii_digit()))
                .filter_map(|l| l.find("Account ").map(|at| l[at..at + 10].to_string()))
                .collect()
        };
        let (page_one, page_two) = (rows(&list.text()), rows(&text));
        assert_eq!((page_one.len(), page_two.len()), (20, 5), "{text}");
        assert!(
            page_two.iter().all(|row| !page_one.contains(row)),
            "no row on both pages"
        );

        let labels: Vec<String> = page.buttons().into_iter().map(|(l, _)| l).collect();
        assert_eq!(labels, vec!["Prev"]);
        app.stop().await;
    }
);

crate::discord_test!(
    a_button_needing_details_opens_a_modal_and_the_submit_logs_the_touch,
    |app: DiscordApp| async move {
        setup(&app, r#"/partner add name:"Globex Services" type:gsi"#).await;
        let card = app
            .interact(
                Interaction::command("partner", &["show"])
                    .string("partner", "Globex Services")
                    .admin()
                    .build(),
            )
            .await;
        let (_, log_touch) = card
            .buttons()
            .into_iter()
            .find(|(label, _)| label == "Log touch")
            .expect("a Log touch button");

        let click = Interaction::button(&log_touch)
            .on_message(sent(&card))
            .admin()
            .build();
        let opened = app.interact(click).await;
        let modal = opened.modal().expect("a modal (callback type 9)");
        assert_eq!(modal["custom_id"], log_touch.as_str());
        let inputs: Vec<Value> = modal["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["components"][0].clone())
            .collect();
        let names: Vec<&str> = inputs
            .iter()
            .map(|i| i["custom_id"].as_str().unwrap())
            .collect();
        assert!(names.starts_with(&["type"]), "required first: {names:?}");
        assert!(names.contains(&"notes"), "{names:?}");
        let notes = inputs.iter().find(|i| i["custom_id"] == "notes").unwrap();
        assert_eq!(notes["style"], 2, "notes are a paragraph");
        assert_eq!(notes["required"], false);
        assert_eq!(inputs[0]["required"], true);
        assert_eq!(
            count(&app, "touches").await,
            0,
            "opening the form writes nothing"
        );

        let submit = Interaction::modal(
            &log_touch,
            &[
                ("type", "meeting"),
                ("notes", "QBR prep with their practice lead"),
            ],
        )
        .admin()
        .build();
        let done = app.interact(submit).await;
        assert_eq!(done.kind(), 4);
        assert!(!is_error(&done), "{}", done.text());
        assert_eq!(count(&app, "touches").await, 1);
        app.stop().await;
    }
);

crate::discord_test!(
    a_stale_or_foreign_button_is_refused_privately,
    |app: DiscordApp| async move {
        let click = Interaction::button("no such command:page=2")
            .admin()
            .build();
        let answer = app.interact(click).await;
        assert_eq!(
            answer.kind(),
            4,
            "an error does not replace the message it came from"
        );
        assert!(is_error(&answer) && answer.ephemeral(), "{}", answer.text());
        app.stop().await;
    }
);
