//! Two directors approve two registrations of the same deal at the same moment, many rounds:
//! exactly one wins each round (the unique index on approved sourced registrations, reached
//! through a guarded write in a savepoint), and the other is told who holds the deal. On
//! SQLite writers queue (`BEGIN IMMEDIATE`); on PostgreSQL they really overlap.

use super::{register, setup};
use crate::support::{TestApp, WS};
use partnerbot::console::render::{render, Style};
use partnerbot::core::Invocation;
use partnerbot::domain::role::Role;

const ROUNDS: usize = 20;

fn approve(name: &str, id: i64) -> Invocation {
    Invocation::command(
        WS,
        TestApp::actor(name, &[Role::Director]),
        &["registration", "approve"],
        &[("id", &id.to_string())],
    )
}

crate::both_backends!(
    concurrent_approvals_of_one_deal_apply_once,
    |app: TestApp| async move {
        setup(&app).await;
        for round in 0..ROUNDS {
            let account = format!("Race {round}");
            let deal_text = app
                .ok(&format!(
                    r#"/deal add account:"{account}" amount:10k close:+30d"#
                ))
                .await;
            let deal = deal_text
                .split("Deal #")
                .nth(1)
                .and_then(|s| s.split_whitespace().next())
                .and_then(|s| s.parse::<i64>().ok())
                .expect("deal number");
            let a = register(&app, &format!(r#"/deal register account:"{account}" deal:#{deal} amount:10k close:+30d type:resale partner:"Initech Resale""#)).await;
            let b = register(&app, &format!(r#"/deal register account:"{account}" deal:#{deal} amount:10k close:+30d type:resale partner:"Globex Services" confirm:true reason:"race""#)).await;
            let (one, two) = (app.core.clone(), app.core.clone());
            let first = tokio::spawn(async move { one.handle(&approve("Dana Director", a)).await });
            let second =
                tokio::spawn(async move { two.handle(&approve("Dirk Director", b)).await });
            let replies = [first.await.unwrap(), second.await.unwrap()];
            let won: Vec<_> = replies.iter().filter(|r| !r.is_error()).collect();
            assert_eq!(won.len(), 1, "round {round}: {replies:?}");
            let lost = replies.iter().find(|r| r.is_error()).unwrap();
            let text = render(lost, Style::PLAIN);
            assert!(
                text.contains(&format!(
                    "deal #{deal} already has an approved sourced registration"
                )),
                "round {round}: {text}"
            );
            let approved: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM registrations WHERE deal_id = $1 AND status = 'approved'",
            )
            .bind(deal)
            .fetch_one(app.store().pool())
            .await
            .unwrap();
            assert_eq!(approved, 1, "round {round}");
        }
    }
);
