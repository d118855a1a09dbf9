//! `/touch list`: the "mine" default, filters, pagination with buttons, and how a list reads.

use super::{plain, seed};
use crate::both_backends;
use crate::support::{TestApp, WS};
use partnerbot::core::Reply;
use partnerbot::domain::role::Role;

/// 45 touches, one a day going back from today: Dana (PTM) logs 25, Lee (field sales) 15 and the
/// console manager 5. Even ones are with Globex, every fifth is a QBR, every fourth about Acme.
async fn seed_45(app: &TestApp) {
    for i in 0..45 {
        let (who, roles): (&str, &[Role]) = match i {
            0..=24 => ("Dana Reyes", &[Role::Ptm]),
            25..=39 => ("Lee Park", &[Role::FieldSales]),
            _ => ("console", &[]),
        };
        let partner = if i % 2 == 0 {
            "Globex Services"
        } else {
            "Initech Partners"
        };
        let kind = if i % 5 == 0 { "qbr" } else { "call" };
        let account = if i % 4 == 0 {
            r#" account:"Acme Corp""#
        } else {
            ""
        };
        let line = format!(
            r#"/touch log partner:"{partner}" type:{kind} date:-{i}d notes:"touch {i}"{account}"#
        );
        let reply = app.run_in(WS, who, roles, &line).await;
        assert!(!reply.is_error(), "{line}: {}", plain(&reply));
    }
}

fn rows(reply: &Reply) -> &Vec<Vec<String>> {
    &reply.cards[0].table.as_ref().expect("a table").rows
}

fn footer(reply: &Reply) -> &str {
    reply.cards[0].footer.as_deref().unwrap_or("")
}

fn buttons(reply: &Reply) -> Vec<(&str, &str)> {
    reply
        .buttons
        .iter()
        .map(|b| (b.label.as_str(), b.custom_id.as_str()))
        .collect()
}

both_backends!(
    a_list_shows_my_touches_unless_i_manage_or_filter,
    |app: TestApp| async move {
        seed(&app).await;
        seed_45(&app).await;
        let dana = |line: &'static str| app.run_in(WS, "Dana Reyes", &[Role::Ptm], line);

        let first = dana("/touch list").await;
        assert_eq!(first.cards[0].title, "Your touches", "{}", plain(&first));
        assert_eq!(
            footer(&first),
            "page 1 of 2 · 25 touches in the last 90 days"
        );
        assert_eq!(rows(&first).len(), 20);
        assert!(rows(&first).iter().all(|r| r[4] == "Dana Reyes"));
        assert_eq!(
            rows(&first)[0][..5],
            [
                "2026-11-27",
                "Globex Services",
                "QBR",
                "Acme Corp",
                "Dana Reyes"
            ]
        );
        assert_eq!(rows(&first)[1][0], "2026-11-26", "newest first");
        assert_eq!(buttons(&first), [("Next", "touch list:page=2")]);

        let second = dana("/touch list page:2").await;
        assert_eq!(
            footer(&second),
            "page 2 of 2 · 25 touches in the last 90 days"
        );
        assert_eq!(rows(&second).len(), 5);
        assert_eq!(rows(&second)[4][5], "touch 24");
        assert_eq!(buttons(&second), [("Prev", "touch list:page=1")]);
        let beyond = plain(&dana("/touch list page:3").await);
        assert!(beyond.contains("only 2 pages"), "{beyond}");

        let mine_qbr = dana("/touch list type:qbr").await;
        assert_eq!(mine_qbr.cards[0].title, "Your touches · QBR");
        assert_eq!(
            footer(&mine_qbr),
            "page 1 of 1 · 5 touches in the last 90 days"
        );
        let lee = dana(r#"/touch list member:"Lee Park""#).await;
        assert_eq!(footer(&lee), "page 1 of 1 · 15 touches in the last 90 days");
        assert!(rows(&lee).iter().all(|r| r[4] == "Lee Park"));

        let all = app.run("/touch list").await;
        assert_eq!(all.cards[0].title, "All touches");
        assert_eq!(footer(&all), "page 1 of 3 · 45 touches in the last 90 days");
        let last = app.run("/touch list page:3").await;
        assert_eq!(rows(&last).len(), 5);
        assert_eq!(rows(&last)[4][5], "touch 44");
        assert_eq!(buttons(&last), [("Prev", "touch list:page=2")]);
    }
);

both_backends!(
    list_filters_combine_and_travel_with_the_buttons,
    |app: TestApp| async move {
        seed(&app).await;
        seed_45(&app).await;
        let cases = [
            (
                r#"/touch list partner:"globex services""#,
                "Touches · Globex Services",
                23,
            ),
            ("/touch list account:acme.com", "Touches · Acme Corp", 12),
            ("/touch list type:qbr", "All touches · QBR", 9),
            ("/touch list days:7", "All touches", 7),
            (
                r#"/touch list partner:"Globex Services" type:qbr days:30"#,
                "Touches · Globex Services · QBR",
                3,
            ),
            (
                r#"/touch list member:"Lee Park" account:"Acme Corp""#,
                "Touches · Acme Corp · by Lee Park",
                3,
            ),
        ];
        for (line, title, count) in cases {
            let reply = app.run(line).await;
            assert_eq!(
                reply.cards.first().map(|c| c.title.as_str()),
                Some(title),
                "{line}: {}",
                plain(&reply)
            );
            let noun = if count == 1 { "touch" } else { "touches" };
            assert!(
                footer(&reply).ends_with(&format!(
                    "· {count} {noun} in the last {} days",
                    if line.contains("days:7") {
                        7
                    } else if line.contains("days:30") {
                        30
                    } else {
                        90
                    }
                )),
                "{line}: {}",
                footer(&reply)
            );
        }
        let globex = app
            .run(r#"/touch list partner:"Globex Services" days:60"#)
            .await;
        assert_eq!(
            buttons(&globex),
            [("Next", "touch list:page=2&partner=Globex Services&days=60")]
        );
        let next = app
            .run(r#"/touch list partner:"Globex Services" days:60 page:2"#)
            .await;
        assert!(rows(&next).iter().all(|r| r[1] == "Globex Services"));

        let none = app
            .ok(r#"/touch list partner:"Initech Partners" type:enablement"#)
            .await;
        assert!(
            none.contains("No touches match Initech Partners · Enablement in the last 90 days"),
            "{none}"
        );
        let err = app.err(r#"/touch list partner:"Globex Service""#).await;
        assert!(err.contains("Did you mean `Globex Services`?"), "{err}");
    }
);
