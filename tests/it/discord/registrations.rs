//! Deal registrations through Discord: the conflict table typed as slash commands, and the
//! review card posted in the review channel whose Approve / Deny / Return buttons (and the
//! modals Deny and Return open) decide in place, refuse non-directors and apply a double click
//! once. Judged by what the fake Discord received and what the database holds.

use super::*;
use crate::registration::conflicts::PAIRS;
use crate::support::fake_discord::CHANNEL_ID;
use partnerbot::domain::ids::WorkspaceId;
use partnerbot::domain::role::Role;
use std::time::Duration;

/// The channel directors review registrations in.
const REVIEW: u64 = 1_100_000_000_000_000_777;
const DIRECTOR_ROLE: u64 = 1_100_000_000_000_000_303;
const PTM: (u64, &str) = (1_100_000_000_000_000_501, "Pat Ptm");
const DIRECTOR: (u64, &str) = (1_100_000_000_000_000_502, "Dana Director");
const SALES: (u64, &str) = (1_100_000_000_000_000_503, "Sam Sales");
const WAIT: Duration = Duration::from_secs(5);

/// A territory and two partners in workspace `ws`, typed in the console.
async fn partners_in(app: &DiscordApp, ws: WorkspaceId) {
    for line in [
        r#"/territory add name:"AMER East""#,
        r#"/partner add name:"Globex Services" type:gsi territory:"AMER East""#,
        r#"/partner add name:"Initech Resale" type:reseller"#,
    ] {
        let reply = app.run_in(ws, "console", &[], line).await;
        assert!(!reply.is_error(), "{line}: {reply:?}");
    }
}

/// `/deal register` as a slash command from `who` holding Discord `roles` in `guild`.
fn register(
    guild: u64,
    who: (u64, &str),
    roles: &[u64],
    account: &str,
    domain: &str,
    partner: &str,
) -> Interaction {
    let mut command = Interaction::command("deal", &["register"])
        .string("account", account)
        .string("amount", "250k")
        .string("close", "+60d")
        .string("type", "resale")
        .string("partner", partner)
        .guild(guild)
        .member(who.0, who.1, roles);
    if !domain.is_empty() {
        command = command.string("domain", domain);
    }
    command
}

crate::discord_test!(
    conflict_pairs_are_found_through_discord,
    |app: DiscordApp| async move {
        let mut failures = Vec::new();
        for (i, (held, held_domain, name, domain, expected)) in PAIRS.iter().enumerate() {
            let guild = GUILD_ID + 1 + i as u64;
            let ws = guild as i64;
            partners_in(&app, WorkspaceId::new(ws)).await;
            let held_domain = if held_domain.is_empty() {
                String::new()
            } else {
                format!(" domain:\"{held_domain}\"")
            };
            let first = app
                .run_in(WorkspaceId::new(ws), "Priya Ptm", &[Role::Ptm], &format!(
                    r#"/deal register account:"{held}"{held_domain} amount:10k close:+30d type:resale partner:"Globex Services""#
                ))
                .await;
            assert!(!first.is_error(), "{held}: {first:?}");
            // The member row Discord's first contact writes is not the registration's.
            let hello = Interaction::command("help", &[])
                .guild(guild)
                .member(PTM.0, PTM.1, &[])
                .admin();
            app.interact(hello.build()).await;
            let before = written(app.table_counts().await);
            let command = register(guild, PTM, &[], name, domain, "Initech Resale").admin();
            let answer = app.interact(command.build()).await;
            let text = plain(&answer.text());
            let conflict = text.contains("Possible conflict");
            if conflict != *expected {
                failures.push(format!(
                    "{held} vs {name} ({domain}): expected conflict {expected}, got:\n{text}"
                ));
            } else if conflict {
                if !answer.ephemeral() || !text.contains("Globex Services") {
                    failures.push(format!(
                        "{held} vs {name}: a private reply naming the holder:\n{text}"
                    ));
                }
                if written(app.table_counts().await) != before {
                    failures.push(format!(
                        "{held} vs {name}: a blocked registration wrote something"
                    ));
                }
            } else if is_error(&answer) || !text.contains("submitted") {
                failures.push(format!("{held} vs {name}: should be registered:\n{text}"));
            }
        }
        assert!(PAIRS.len() >= 30);
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
        app.stop().await;
    }
);

/// Row counts, leaving out the interaction ledger (every answered write interaction is recorded
/// there, so a redelivery gets the same answer, even one that changed nothing else) and the
/// daily KPI snapshots.
fn written(counts: Vec<(String, i64)>) -> Vec<(String, i64)> {
    counts
        .into_iter()
        // The runner beside the gateway takes the day's KPI snapshots whenever its first tick
        // comes: the bot's own work, not the command's.
        .filter(|(table, _)| table != "processed_interactions" && table != "kpi_snapshots")
        .collect()
}

/// Message text without Markdown emphasis.
fn plain(text: &str) -> String {
    text.replace("**", "")
}

/// Registers in the default guild as the PTM; returns the registration number and the review
/// card as it now stands in the review channel.
async fn submit(app: &DiscordApp, account: &str) -> (i64, Value) {
    let answer = app
        .interact(register(GUILD_ID, PTM, &[PTM_ROLE], account, "", "Globex Services").build())
        .await;
    let text = answer.text();
    assert!(!is_error(&answer), "{text}");
    let id = crate::registration::reg_id(&text);
    // The card is the channel message carrying this registration's Approve button (other
    // posts, such as the note about an earlier decision, may arrive around it).
    let approve = format!("registration approve:id={id}");
    let started = std::time::Instant::now();
    loop {
        let card = app.fake.channel_messages(REVIEW).into_iter().find(|m| {
            m["components"]
                .to_string()
                .contains(&format!("\"{approve}\""))
        });
        if let Some(card) = card {
            tracked_message(app, id).await;
            return (id, card);
        }
        assert!(started.elapsed() < WAIT, "no review card was posted");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The message id the bot recorded for registration `id`'s card. The bot reports it once
/// Discord answered the post, so this polls.
async fn tracked_message(app: &DiscordApp, id: i64) -> i64 {
    // The bot reports the id once Discord answered the post: poll for it.
    let started = std::time::Instant::now();
    loop {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT message_id FROM posted_messages WHERE workspace_id = $1 AND track = $2",
        )
        .bind(GUILD)
        .bind(format!("registration:{id}"))
        .fetch_optional(app.store().pool())
        .await
        .expect("posted_messages");
        if let Some(found) = found {
            return found;
        }
        assert!(
            started.elapsed() < WAIT,
            "the posted card was never tracked"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn status(app: &DiscordApp, id: i64) -> String {
    crate::registration::column(app, id, "status")
        .await
        .expect("status")
}

async fn audits(app: &DiscordApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE workspace_id = $1 AND action = $2")
        .bind(GUILD)
        .bind(action)
        .fetch_one(app.store().pool())
        .await
        .expect("count")
}

/// The custom id of the card's button labelled `label`.
fn button(card: &Value, label: &str) -> String {
    card["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .find(|b| b["label"] == label)
        .and_then(|b| b["custom_id"].as_str().map(str::to_string))
        .unwrap_or_else(|| panic!("no {label} button on {card}"))
}

fn click(card: &Value, label: &str, who: (u64, &str), roles: &[u64]) -> Value {
    Interaction::button(&button(card, label))
        .on_message(card.clone())
        .channel(REVIEW)
        .member(who.0, who.1, roles)
        .build()
}

async fn setup_review(app: &DiscordApp) {
    partners_in(app, GUILD).await;
    setup(app, &format!("/setup channel kind:review channel:{REVIEW}")).await;
    map_role(app, PTM_ROLE, "PTM", "ptm").await;
    map_role(app, DIRECTOR_ROLE, "Directors", "director").await;
    map_role(app, SALES_ROLE, "Sales", "field_sales").await;
}

crate::discord_test!(
    approve_from_the_review_card_updates_it_in_place_once,
    |app: DiscordApp| async move {
        setup_review(&app).await;
        let (id, card) = submit(&app, "Acme Corp").await;
        assert_eq!(status(&app, id).await, "pending_review");
        let labels: Vec<String> = ["Approve", "Deny", "Return"]
            .iter()
            .map(|l| button(&card, l))
            .collect();
        assert_eq!(labels[0], format!("registration approve:id={id}"));
        // The card's message id was recorded, so a typed decision can edit it later.
        let recorded = tracked_message(&app, id).await;
        assert_eq!(recorded.to_string(), card["id"].as_str().unwrap());

        // Neither a PTM nor field sales may decide: a private refusal, the card unchanged.
        for (who, role) in [(PTM, PTM_ROLE), (SALES, SALES_ROLE)] {
            let refused = app.interact(click(&card, "Approve", who, &[role])).await;
            assert!(
                is_error(&refused) && refused.ephemeral(),
                "{}",
                refused.text()
            );
            assert_eq!(refused.kind(), 4, "a refusal does not replace the card");
        }
        assert_eq!(status(&app, id).await, "pending_review");

        let approved = app
            .interact(click(&card, "Approve", DIRECTOR, &[DIRECTOR_ROLE]))
            .await;
        assert_eq!(approved.kind(), 7, "the card is updated in place");
        let text = plain(&approved.text());
        assert!(text.contains("Approved by Dana Director"), "{text}");
        assert!(
            approved.buttons().is_empty(),
            "a decided card has no buttons"
        );
        assert_eq!(status(&app, id).await, "approved");
        let deal: Option<i64> =
            sqlx::query_scalar("SELECT deal_id FROM registrations WHERE id = $1")
                .bind(id)
                .fetch_one(app.store().pool())
                .await
                .unwrap();
        assert!(deal.is_some(), "approval links a deal");

        // The PTM is told, with a ping that reaches them and nobody else.
        let note = app
            .fake
            .wait_for(
                |r| {
                    r.is("POST", CHANNEL_MESSAGES)
                        && r.json.as_ref().is_some_and(|b| {
                            b["allowed_mentions"]["users"]
                                .as_array()
                                .is_some_and(|u| u.iter().any(|u| u == &PTM.0.to_string()))
                        })
                },
                WAIT,
            )
            .await;
        let body = note.json.clone().unwrap();
        assert!(
            message_text(&body).contains(&format!("<@{}>", PTM.0)),
            "{body}"
        );

        // A second click (another director, a moment later) applies nothing.
        let again = app
            .interact(click(
                &card,
                "Approve",
                (DIRECTOR.0 + 9, "Avery Director"),
                &[DIRECTOR_ROLE],
            ))
            .await;
        assert!(
            again.text().contains("already approved"),
            "{}",
            again.text()
        );
        assert_eq!(audits(&app, "registration.approve").await, 1);
        // And Discord redelivering the very same click is answered from the stored reply.
        let click_once = click(&card, "Deny", DIRECTOR, &[DIRECTOR_ROLE]);
        app.interact(click_once).await;
        assert_eq!(status(&app, id).await, "approved");
        assert_eq!(audits(&app, "registration.deny").await, 0);
        app.stop().await;
    }
);

crate::discord_test!(
    deny_and_return_open_a_modal_and_decide_in_place,
    |app: DiscordApp| async move {
        setup_review(&app).await;
        for (label, field, value, expected, stored) in [
            (
                "Deny",
                "reason",
                "Already a direct deal",
                "Denied by Dana Director",
                "denied",
            ),
            (
                "Return",
                "comments",
                "Which business unit?",
                "Returned by Dana Director",
                "returned",
            ),
        ] {
            let (id, card) = submit(&app, &format!("{label} Corp")).await;
            let opened = app
                .interact(click(&card, label, DIRECTOR, &[DIRECTOR_ROLE]))
                .await;
            let modal = opened
                .modal()
                .unwrap_or_else(|| panic!("{label} opens a modal"));
            let input = &modal["components"][0]["components"][0];
            assert_eq!(input["custom_id"], field);
            assert_eq!(input["required"], true);
            assert_eq!(
                status(&app, id).await,
                "pending_review",
                "opening writes nothing"
            );

            // A PTM submitting the same modal (forged) is refused and nothing is written.
            let custom_id = modal["custom_id"].as_str().unwrap().to_string();
            let forged = Interaction::modal(&custom_id, &[(field, value)])
                .on_message(card.clone())
                .member(PTM.0, PTM.1, &[PTM_ROLE])
                .build();
            let refused = app.interact(forged).await;
            assert!(is_error(&refused), "{}", refused.text());
            assert_eq!(status(&app, id).await, "pending_review");

            let submitted = Interaction::modal(&custom_id, &[(field, value)])
                .on_message(card.clone())
                .member(DIRECTOR.0, DIRECTOR.1, &[DIRECTOR_ROLE])
                .build();
            let decided = app.interact(submitted).await;
            assert_eq!(decided.kind(), 7, "{label}: the card is updated in place");
            let text = plain(&decided.text());
            assert!(text.contains(expected) && text.contains(value), "{text}");
            assert!(decided.buttons().is_empty());
            assert_eq!(status(&app, id).await, stored);
            let note = crate::registration::column(&app, id, "decision_note").await;
            assert_eq!(note.as_deref(), Some(value));
        }
        app.stop().await;
    }
);

crate::discord_test!(
    a_typed_decision_edits_the_posted_card,
    |app: DiscordApp| async move {
        setup_review(&app).await;
        let (id, card) = submit(&app, "Hooli").await;
        let typed = Interaction::command("registration", &["approve"])
            .integer("id", id)
            .channel(CHANNEL_ID)
            .member(DIRECTOR.0, DIRECTOR.1, &[DIRECTOR_ROLE])
            .build();
        let answer = app.interact(typed).await;
        assert!(!is_error(&answer), "{}", answer.text());
        let message_id = card["id"].as_str().unwrap().to_string();
        let edit = app
            .fake
            .wait_for(
                |r| {
                    r.is("PATCH", "/channels/{channel_id}/messages/{message_id}")
                        && r.path.contains(&message_id)
                },
                WAIT,
            )
            .await;
        let body = edit.json.clone().unwrap();
        assert!(
            plain(&message_text(&body)).contains("Approved by Dana Director"),
            "{body}"
        );
        let now = app
            .fake
            .channel_messages(REVIEW)
            .into_iter()
            .find(|m| m["id"] == message_id.as_str())
            .unwrap();
        assert!(message_text(&now).contains("Approved"), "{now}");
        app.stop().await;
    }
);
