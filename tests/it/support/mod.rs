//! Test fixtures: fresh databases on both backends and a `TestApp` that drives the core the way
//! the console does (same parser, same rendering).

#![allow(dead_code)]

pub mod db;
pub mod discord_app;
pub mod fake_discord;

use chrono::{DateTime, TimeZone, Utc};
use partnerbot::console::render::{render, Style};
use partnerbot::console::Session;
use partnerbot::core::clock::FixedClock;
use partnerbot::core::{Action, Actor, Core, Invocation, Reply};
use partnerbot::domain::ids::WorkspaceId;
use partnerbot::domain::role::Role;
use partnerbot::store::Store;
use std::sync::Arc;

pub use db::{Backend, TestDb};

/// The default workspace tests act in.
pub const WS: WorkspaceId = WorkspaceId::new(1);

/// A running core on a fresh database with a fixed clock (2026-11-27 10:00 UTC unless moved).
pub struct TestApp {
    pub core: Core,
    pub clock: Arc<FixedClock>,
    pub db: TestDb,
}

pub fn default_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()
}

impl TestApp {
    /// Returns `None` (after printing why) when the backend is not available.
    pub async fn start(backend: Backend) -> Option<TestApp> {
        let db = TestDb::create(backend).await?;
        let store = Store::open(&db.url, 5).await.expect("open store");
        let clock = Arc::new(FixedClock::new(default_now()));
        let core = Core::new(store, clock.clone());
        Some(TestApp { core, clock, db })
    }

    pub fn store(&self) -> &Store {
        self.core.store()
    }

    /// Runs a typed line as `name` holding `roles` (every role when empty) in workspace `ws`.
    pub async fn run_in(&self, ws: WorkspaceId, name: &str, roles: &[Role], line: &str) -> Reply {
        let session = Session::new(&self.core, ws, name, roles)
            .await
            .expect("session");
        session.run_line(&self.core, line).await
    }

    /// Runs a line as the all-roles console user in workspace 1.
    pub async fn run(&self, line: &str) -> Reply {
        self.run_in(WS, "console", &[], line).await
    }

    /// Runs a line and returns its plain-text rendering.
    pub async fn text(&self, line: &str) -> String {
        render(&self.run(line).await, Style::PLAIN)
    }

    /// Runs a line that must succeed; returns its plain text.
    pub async fn ok(&self, line: &str) -> String {
        let reply = self.run(line).await;
        let text = render(&reply, Style::PLAIN);
        assert!(!reply.is_error(), "`{line}` failed:\n{text}");
        text
    }

    /// Runs a line that must be refused; returns the error text.
    pub async fn err(&self, line: &str) -> String {
        let reply = self.run(line).await;
        let text = render(&reply, Style::PLAIN);
        assert!(
            reply.is_error(),
            "`{line}` should have been refused:\n{text}"
        );
        text
    }

    /// The README's first lines: a territory, a partner, a deal and a touch.
    pub async fn seed_basics(&self) {
        self.ok(r#"/territory add name:"AMER East""#).await;
        self.ok(r#"/partner add name:"Globex Services" type:gsi territory:"AMER East""#)
            .await;
        self.ok(r#"/deal add account:"Acme Corp" amount:120k partner:"Globex Services" close:2026-12-15"#).await;
        self.ok(r#"/touch log partner:"Globex Services" type:meeting notes:"QBR prep with their practice lead""#).await;
    }

    pub fn actor(name: &str, roles: &[Role]) -> Actor {
        Actor::local(partnerbot::console::local_user_id(name), name, roles)
    }

    /// Row counts of every table, to prove a refused command wrote nothing.
    pub async fn table_counts(&self) -> Vec<(String, i64)> {
        let mut out = Vec::new();
        for table in db::ALL_TABLES {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(self.store().pool())
                .await
                .expect("count");
            out.push((table.to_string(), n));
        }
        out
    }
}

/// Declares one async test per backend: `both_backends!(name, |app| async move { ... });`
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::support::TestApp::start($crate::support::Backend::Sqlite)
                    .await
                    .expect("sqlite is always available");
                ($body)(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) =
                    $crate::support::TestApp::start($crate::support::Backend::Postgres).await
                {
                    ($body)(app).await;
                }
            }
        }
    };
}

impl TestApp {
    /// Runs a line as `name` holding exactly `roles` (possibly none), like a Discord member whose
    /// roles are mapped that way.
    pub async fn run_exact(
        &self,
        ws: WorkspaceId,
        name: &str,
        roles: &[Role],
        line: &str,
    ) -> Reply {
        let parsed = match partnerbot::console::parse::parse_line(line) {
            Ok(parsed) => parsed,
            Err(err) => return Reply::error(err.0),
        };
        let invocation = partnerbot::core::Invocation {
            workspace_id: ws,
            workspace_name: format!("Workspace {ws}"),
            actor: Self::actor(name, roles),
            channel_id: None,
            interaction_id: None,
            action: parsed.into_action(),
        };
        self.core.handle(&invocation).await
    }
}

/// A click on a button with `custom_id`, by `name` holding `roles`.
pub fn click(name: &str, roles: &[Role], custom_id: &str) -> Invocation {
    Invocation {
        workspace_id: WS,
        workspace_name: "Test".into(),
        actor: TestApp::actor(name, roles),
        channel_id: None,
        interaction_id: None,
        action: Action::Component {
            custom_id: custom_id.to_string(),
        },
    }
}

/// A submitted form.
pub fn submit(name: &str, roles: &[Role], custom_id: &str, fields: &[(&str, &str)]) -> Invocation {
    Invocation {
        action: Action::ModalSubmit {
            custom_id: custom_id.to_string(),
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        },
        ..click(name, roles, "")
    }
}

/// `text` with every run of whitespace (line breaks and column padding included) as one space,
/// so checks read `Closed won $630,500` whatever the layout.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn button<'a>(reply: &'a Reply, label: &str) -> &'a str {
    &reply
        .buttons
        .iter()
        .find(|b| b.label == label)
        .unwrap_or_else(|| panic!("no `{label}` button in {reply:?}"))
        .custom_id
}
