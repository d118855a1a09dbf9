//! The core's guarantees: a redelivered interaction is applied once, internal errors show only a
//! reference, the audit log is append-only, migrations are idempotent, and an acknowledged write
//! is on disk before the reply.

use crate::support::{TestApp, WS};
use partnerbot::console::render::{render, Style};
use partnerbot::core::{Action, Invocation, OptionInput};
use partnerbot::domain::ids::ChannelId;
use partnerbot::domain::role::Role;
use partnerbot::store::Store;

fn touch_invocation(interaction_id: &str) -> Invocation {
    Invocation {
        workspace_id: WS,
        workspace_name: "Test".into(),
        actor: TestApp::actor("console", &[Role::Ptm, Role::Admin]),
        channel_id: Some(ChannelId::new(42)),
        interaction_id: Some(interaction_id.to_string()),
        action: Action::Command {
            path: vec!["touch".into(), "log".into()],
            options: vec![
                (
                    "partner".into(),
                    OptionInput::Text("Globex Services".into()),
                ),
                ("type".into(), OptionInput::Text("call".into())),
                ("notes".into(), OptionInput::Text("once only".into())),
            ],
        },
    }
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(app.store().pool())
        .await
        .unwrap()
}

crate::both_backends!(
    a_redelivered_interaction_is_applied_once_and_answered_again,
    |app: TestApp| async move {
        app.seed_basics().await;
        let touches = count(&app, "SELECT COUNT(*) FROM touches").await;
        let first = app.core.handle(&touch_invocation("int-1")).await;
        assert!(!first.is_error(), "{first:?}");
        let again = app.core.handle(&touch_invocation("int-1")).await;
        assert_eq!(first, again, "the redelivery gets the same answer");
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM touches").await,
            touches + 1
        );
        // Concurrent redeliveries also apply once.
        let invocation = touch_invocation("int-2");
        let (a, b, c) = tokio::join!(
            app.core.handle(&invocation),
            app.core.handle(&invocation),
            app.core.handle(&invocation),
        );
        assert!(
            !a.is_error() && !b.is_error() && !c.is_error(),
            "{a:?} {b:?} {c:?}"
        );
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM touches").await,
            touches + 2
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE interaction_id = 'int-2'"
            )
            .await,
            1
        );
    }
);

crate::both_backends!(
    an_internal_error_shows_a_reference_and_no_internals,
    |app: TestApp| async move {
        app.seed_basics().await;
        sqlx::query("DROP TABLE touches")
            .execute(app.store().pool())
            .await
            .unwrap();
        let reply = app.run("/touch list").await;
        let text = render(&reply, Style::PLAIN);
        assert!(reply.is_error());
        assert!(text.contains("Something went wrong on our side"), "{text}");
        assert!(text.contains("`E-"), "{text}");
        assert!(
            !text.to_lowercase().contains("touches"),
            "internal detail leaked: {text}"
        );
        assert!(
            !text.contains("SQL") && !text.contains("relation"),
            "{text}"
        );
    }
);

crate::both_backends!(
    the_audit_log_refuses_updates_and_deletes,
    |app: TestApp| async move {
        app.seed_basics().await;
        let rows = count(&app, "SELECT COUNT(*) FROM audit_log").await;
        assert!(rows >= 4, "every change left an audit row: {rows}");
        let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
            .fetch_all(app.store().pool())
            .await
            .unwrap();
        for expected in ["territory.add", "partner.add", "deal.add", "touch.log"] {
            assert!(
                actions.iter().any(|a| a == expected),
                "no `{expected}` in {actions:?}"
            );
        }
        let update = sqlx::query("UPDATE audit_log SET actor_name = 'mallory'")
            .execute(app.store().pool())
            .await;
        assert!(update.is_err(), "audit rows cannot be rewritten");
        let delete = sqlx::query("DELETE FROM audit_log")
            .execute(app.store().pool())
            .await;
        assert!(delete.is_err(), "audit rows cannot be deleted");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log").await, rows);
    }
);

crate::both_backends!(
    migrations_run_once_and_reopening_keeps_the_data,
    |app: TestApp| async move {
        app.seed_basics().await;
        let again = Store::open(&app.db.url, 2).await.unwrap();
        assert_eq!(again.migrate().await.unwrap(), 0, "nothing left to apply");
        let deals: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM deals")
            .fetch_one(again.pool())
            .await
            .unwrap();
        assert_eq!(deals, 1);
    }
);

crate::both_backends!(
    the_console_user_is_recorded_as_a_member_once,
    |app: TestApp| async move {
        app.run("/help").await;
        app.run("/help").await;
        app.run_in(WS, "console", &[Role::Ptm], "/help").await;
        let roles: Vec<String> =
            sqlx::query_scalar("SELECT roles FROM members WHERE workspace_id = 1")
                .fetch_all(app.store().pool())
                .await
                .unwrap();
        assert_eq!(
            roles,
            vec!["ptm".to_string()],
            "roles follow the latest invocation"
        );
    }
);

#[tokio::test]
async fn an_acknowledged_sqlite_write_survives_the_process_dying() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let url = format!("sqlite://{}", db.display());
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_partnerbot"))
        .args([
            "--database-url",
            &url,
            "exec",
            "/territory add name:\"Survives\"",
        ])
        .env("PARTNERBOT_TEST_ABORT_AFTER_REPLY", "1")
        .status()
        .unwrap();
    assert!(
        !status.success(),
        "the process was killed right after replying"
    );
    // The WAL was never checkpointed or closed cleanly; the write is there on reopen.
    let store = Store::open(&url, 1).await.unwrap();
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM territories")
        .fetch_all(store.pool())
        .await
        .unwrap();
    assert_eq!(names, vec!["Survives".to_string()]);
}

crate::both_backends!(
    a_refused_first_write_leaves_no_phantom_workspace_behind,
    |app: TestApp| async move {
        // The very first command of a new workspace is a write that is refused: the workspace
        // it created rolls back with it, and the next write must create it again rather than
        // trust a cached copy (it failed on a foreign key before).
        let refused = app.text("/account add").await;
        assert!(refused.contains("needs"), "{refused}");
        let away = app.text("/away from:2026-12-21 to:2027-01-02").await;
        assert!(!away.contains("Something went wrong"), "{away}");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM member_away").await, 1);
    }
);
