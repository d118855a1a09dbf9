//! Every command of `commands/*.json` through Discord: one success and one refusal each, typed
//! the way the README and the console type them, answered as Discord expects.

use super::*;
use crate::support::fake_discord::fixtures::from_line;

/// Refusals for a member with no mapped role in a workspace closed to them (`open_read:false`);
/// `/help` is open to everyone, so its refusal is a bad option instead.
fn refusal(key: &str, line: &str) -> String {
    if key == "help" {
        "/help command:\"no such thing\"".to_string()
    } else {
        line.to_string()
    }
}

crate::discord_test!(
    every_command_succeeds_and_is_refused_through_discord,
    |app: DiscordApp| async move {
        for line in [
            r#"/territory add name:"AMER East""#,
            r#"/partner add name:"Globex Services" type:gsi territory:"AMER East""#,
            r#"/deal add account:"Acme Corp" amount:120k partner:"Globex Services" close:2026-12-15"#,
            r#"/touch log partner:"Globex Services" type:meeting notes:"QBR prep""#,
            r#"/partner add name:"Umbrella Consulting" type:boutique_si"#,
        ] {
            setup(&app, line).await;
        }
        app.run_in(GUILD, "Dana Reyes", &[], "/help").await;
        let mut failures = Vec::new();
        for (n, (_, template)) in crate::permissions::LINES.iter().enumerate() {
            let line = crate::permissions::prepare(template, n + 1, false, |line, _| {
                let app = &app;
                async move { app.run_in(GUILD, "console", &[], &line).await }
            })
            .await;
            let ok = app
                .interact(from_line(&line).expect("line").admin().build())
                .await;
            if is_error(&ok) {
                failures.push(format!("`{line}` failed for an admin: {}", ok.text()));
            }
        }
        setup(&app, "/setup workspace open_read:false").await;
        for (n, (key, template)) in crate::permissions::LINES.iter().enumerate() {
            let prepared = crate::permissions::prepare(template, 100 + n, false, |line, _| {
                let app = &app;
                async move { app.run_in(GUILD, "console", &[], &line).await }
            })
            .await;
            let line = refusal(key, &prepared);
            let refused = app
                .interact(
                    from_line(&line)
                        .expect("line")
                        .member(USER_ID, "Nora", &[])
                        .build(),
                )
                .await;
            if !is_error(&refused) || !refused.ephemeral() {
                failures.push(format!(
                    "`{line}` was not refused privately: {}",
                    refused.text()
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        app.stop().await;
    }
);
