//! Weekly forecasts through Discord: `/forecast submit` opens a modal pre-filled with the
//! suggestion, its submission is stored (a wrong ordering refused, a resubmission replacing
//! it), and the director's `/forecast team` shows who is missing, away and late while PTMs are
//! refused. Judged by what the fake Discord received and what the database holds.

use super::*;
use partnerbot::domain::role::Role;

const DIRECTOR_ROLE: u64 = 1_100_000_000_000_000_303;
const PAT: (u64, &str) = (1_100_000_000_000_000_601, "Pat Ptm");
const QUINN: (u64, &str) = (1_100_000_000_000_000_602, "Quinn Quiet");
const AVA: (u64, &str) = (1_100_000_000_000_000_603, "Ava Away");
const LEE: (u64, &str) = (1_100_000_000_000_000_604, "Lee Late");
const DORA: (u64, &str) = (1_100_000_000_000_000_605, "Dora Director");

fn slash(path: &[&str], who: (u64, &str), role: u64) -> Interaction {
    Interaction::command("forecast", path).member(who.0, who.1, &[role])
}

async fn rows(app: &DiscordApp, user: u64) -> Vec<(String, i64, i64, i64)> {
    sqlx::query_as(
        "SELECT week_start, commit_minor, most_likely_minor, best_case_minor FROM forecasts \
         WHERE workspace_id = $1 AND user_id = $2",
    )
    .bind(GUILD)
    .bind(user as i64)
    .fetch_all(app.store().pool())
    .await
    .unwrap()
}

/// Four PTMs (each has used the bot once) in two territories, a director, and three deals of
/// AMER East: won 100k, Commit 300k, Best Case 200k.
async fn forecast_team(app: &DiscordApp) {
    map_role(app, PTM_ROLE, "PTM", "ptm").await;
    map_role(app, DIRECTOR_ROLE, "Directors", "director").await;
    for who in [PAT, QUINN, AVA, LEE] {
        app.interact(
            Interaction::command("help", &[])
                .member(who.0, who.1, &[PTM_ROLE])
                .build(),
        )
        .await;
    }
    for line in [
        r#"/territory add name:"AMER East""#,
        r#"/territory add name:"AMER West""#,
        r#"/territory assign territory:"AMER East" member:"Pat Ptm" as:ptm"#,
        r#"/territory assign territory:"AMER West" member:"Quinn Quiet" as:ptm"#,
        r#"/territory assign territory:"AMER West" member:"Ava Away" as:ptm"#,
        r#"/territory assign territory:"AMER West" member:"Lee Late" as:ptm"#,
        r#"/deal add account:"Acme Corp" amount:100k close:2026-11-10 stage:closed_won territory:"AMER East""#,
        r#"/deal add account:"Bluth Co" amount:300k close:2026-12-15 stage:negotiating territory:"AMER East""#,
        r#"/deal add account:"Cyberdyne" amount:200k close:2027-01-15 stage:proposal territory:"AMER East""#,
    ] {
        setup(app, line).await;
    }
}

crate::discord_test!(
    submit_opens_a_prefilled_modal_and_the_team_view_shows_who_is_missing,
    |app: DiscordApp| async move {
        forecast_team(&app).await;
        let opened = app
            .interact(slash(&["submit"], PAT, PTM_ROLE).build())
            .await;
        let modal = opened
            .modal()
            .unwrap_or_else(|| panic!("a modal: {}", opened.text()));
        assert_eq!(modal["title"], "Forecast FY27-Q4 W05");
        let inputs: Vec<(String, String)> = modal["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                let input = &row["components"][0];
                (
                    input["custom_id"].as_str().unwrap().to_string(),
                    input["value"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        assert_eq!(
            inputs,
            vec![
                ("commit".to_string(), "400,000".to_string()),
                ("most_likely".to_string(), "500,000".to_string()),
                ("best_case".to_string(), "600,000".to_string()),
                ("notes".to_string(), String::new()),
            ]
        );
        let custom_id = modal["custom_id"].as_str().unwrap().to_string();
        let form = |fields: &[(&str, &str)], who: (u64, &str)| {
            Interaction::modal(&custom_id, fields)
                .member(who.0, who.1, &[PTM_ROLE])
                .build()
        };

        // Most likely below commit: refused privately, nothing stored.
        let refused = app
            .interact(form(
                &[
                    ("commit", "500k"),
                    ("most_likely", "400k"),
                    ("best_case", "600k"),
                ],
                PAT,
            ))
            .await;
        assert!(
            is_error(&refused) && refused.ephemeral(),
            "{}",
            refused.text()
        );
        assert!(
            refused.text().contains("is below commit"),
            "{}",
            refused.text()
        );
        assert!(rows(&app, PAT.0).await.is_empty());

        let saved = app
            .interact(form(
                &[
                    ("commit", "400,000"),
                    ("most_likely", "450,000"),
                    ("best_case", "600,000"),
                    ("notes", "Bluth on track"),
                ],
                PAT,
            ))
            .await;
        assert!(!is_error(&saved), "{}", saved.text());
        assert!(
            saved.text().contains("Forecast FY27-Q4 W05 saved"),
            "{}",
            saved.text()
        );
        let again = app
            .interact(form(
                &[
                    ("commit", "410k"),
                    ("most_likely", "460k"),
                    ("best_case", "600k"),
                ],
                PAT,
            ))
            .await;
        assert!(
            again.text().contains("It replaces your submission"),
            "{}",
            again.text()
        );
        assert_eq!(
            rows(&app, PAT.0).await,
            vec![("2026-11-30".to_string(), 41_000_000, 46_000_000, 60_000_000)]
        );

        // Ava is away over the deadline; Lee submits typed options two hours late; Quinn never.
        let away = Interaction::command("away", &[])
            .string("from", "2026-11-28")
            .string("to", "2026-12-04")
            .member(AVA.0, AVA.1, &[PTM_ROLE])
            .build();
        let answer = app.interact(away).await;
        assert!(!is_error(&answer), "{}", answer.text());
        app.clock
            .set(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 30, 14, 0, 0).unwrap());
        let late = slash(&["submit"], LEE, PTM_ROLE)
            .string("commit", "1M")
            .string("best_case", "2M")
            .build();
        let answer = app.interact(late).await;
        assert!(
            answer.text().contains("late by 2 h 00 min"),
            "{}",
            answer.text()
        );

        let team = app
            .interact(slash(&["team"], DORA, DIRECTOR_ROLE).build())
            .await;
        assert!(!is_error(&team) && team.ephemeral(), "{}", team.text());
        let text = team.text();
        for expected in [
            "2 of 4 submitted (1 late), 1 away, 1 missing",
            "Missing: Quinn Quiet",
            "away to 4 Dec",
            "late 2 h 00 min",
        ] {
            assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
        }
        assert!(!text.contains("<@"), "nobody is mentioned: {text}");
        for message in messages_of(&app, &team).await {
            assert_within_limits(&message);
        }

        // PTMs may not see the team roll-up or export it.
        for path in [&["team"][..], &["export"][..]] {
            let refused = app.interact(slash(path, PAT, PTM_ROLE).build()).await;
            assert!(
                is_error(&refused) && refused.ephemeral(),
                "{}",
                refused.text()
            );
        }
        let export = app
            .interact(slash(&["export"], DORA, DIRECTOR_ROLE).build())
            .await;
        let files = export.files();
        assert_eq!(files.len(), 1, "{}", export.text());
        assert_eq!(files[0].0, "forecast-FY27-Q4-W05.csv");
        let csv = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(csv.contains("Quinn Quiet"), "{csv}");

        // Fifty territories with long names: the roll-up pages 15 PTMs at a time, every message
        // within Discord's limits.
        for i in 1..=48 {
            let territory = format!("Region {i:02} of a rather long territory name");
            setup(&app, &format!(r#"/territory add name:"{territory}""#)).await;
            let name = format!("Territory Manager Number {i:02}");
            app.run_in(GUILD, &name, &[Role::Ptm], "/help").await;
            if i <= 46 {
                setup(
                    &app,
                    &format!(r#"/territory assign territory:"{territory}" member:"{name}" as:ptm"#),
                )
                .await;
            }
        }
        let team = app
            .interact(slash(&["team"], DORA, DIRECTOR_ROLE).build())
            .await;
        assert!(
            team.text().contains("Page 1 of 4 · 50 PTMs"),
            "{}",
            team.text()
        );
        assert!(team.buttons().iter().any(|(label, _)| label == "Next"));
        for message in messages_of(&app, &team).await {
            assert_within_limits(&message);
        }
        app.stop().await;
    }
);
