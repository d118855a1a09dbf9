//! Autocomplete, questions by mention and the welcome on joining a server, through the core.

use crate::support::{TestApp, WS};
use partnerbot::console::render::{render, Style};
use partnerbot::core::autocomplete::{AutocompleteRequest, MAX_CHOICES};
use partnerbot::core::mention::Mention;
use partnerbot::domain::ids::{ChannelId, WorkspaceId};
use partnerbot::domain::role::Role;

fn request(option: &str, partial: &str) -> AutocompleteRequest {
    AutocompleteRequest {
        workspace_id: WS,
        path: vec!["deal".into(), "add".into()],
        option: option.into(),
        partial: partial.into(),
    }
}

crate::both_backends!(
    autocomplete_offers_prefix_then_substring_then_close_matches,
    |app: TestApp| async move {
        app.seed_basics().await;
        for name in ["Globex Cloud", "Initech", "Big Globex Reseller"] {
            app.ok(&format!(r#"/partner add name:"{name}" type:reseller"#))
                .await;
        }
        let names = |choices: Vec<partnerbot::core::autocomplete::AutocompleteChoice>| {
            choices.into_iter().map(|c| c.name).collect::<Vec<_>>()
        };
        assert_eq!(
            names(app.core.autocomplete(&request("partner", "glob")).await),
            vec!["Globex Cloud", "Globex Services", "Big Globex Reseller"]
        );
        assert_eq!(
            names(app.core.autocomplete(&request("partner", "Initek")).await),
            vec!["Initech"]
        );
        assert_eq!(
            names(app.core.autocomplete(&request("territory", "")).await),
            vec!["AMER East"]
        );
        assert_eq!(
            names(app.core.autocomplete(&request("account", "acm")).await),
            vec!["Acme Corp"]
        );
        assert!(app
            .core
            .autocomplete(&request("notes", "x"))
            .await
            .is_empty());
        let deals = app.core.autocomplete(&request("deal", "acme")).await;
        assert_eq!(deals.len(), 1);
        assert_eq!(deals[0].value, "1");
        assert!(
            deals[0].name.starts_with("#1 Acme Corp · $120k"),
            "{:?}",
            deals[0]
        );
        // Other workspaces see nothing of this one.
        let other = AutocompleteRequest {
            workspace_id: WorkspaceId::new(2),
            ..request("partner", "glob")
        };
        assert!(app.core.autocomplete(&other).await.is_empty());
    }
);

crate::both_backends!(
    autocomplete_never_offers_more_than_discord_shows,
    |app: TestApp| async move {
        for n in 0..40 {
            app.ok(&format!(r#"/partner add name:"Partner {n:02}" type:msp"#))
                .await;
        }
        let choices = app.core.autocomplete(&request("partner", "part")).await;
        assert_eq!(choices.len(), MAX_CHOICES);
        assert_eq!(choices[0].name, "Partner 00");
    }
);

crate::both_backends!(
    a_mention_asking_who_covers_a_domain_gets_the_coverage_answer,
    |app: TestApp| async move {
        app.seed_basics().await;
        app.ok(r#"/account add name:"Initech" domain:initech.com territory:"AMER East""#)
            .await;
        let ask = |text: &str, workspace_id: Option<WorkspaceId>| Mention {
            workspace_id,
            workspace_name: "Test".into(),
            actor: TestApp::actor("Fred Field", &[Role::FieldSales]),
            channel_id: Some(ChannelId::new(5)),
            text: text.into(),
        };
        let reply = app
            .core
            .mention(&ask("who covers eu.initech.com?", Some(WS)))
            .await;
        let text = render(&reply, Style::PLAIN);
        assert!(!reply.is_error(), "{text}");
        assert!(
            text.contains("Initech") && text.contains("AMER East"),
            "{text}"
        );
        // In a direct message, the one workspace Fred uses is assumed.
        let dm = app.core.mention(&ask("who covers initech.com", None)).await;
        assert!(render(&dm, Style::PLAIN).contains("AMER East"));
        let empty = app.core.mention(&ask("", Some(WS))).await;
        assert!(render(&empty, Style::PLAIN).contains("who covers acme.com"));
    }
);

crate::both_backends!(
    joining_a_server_creates_the_workspace_and_welcomes_once,
    |app: TestApp| async move {
        let welcome = app
            .core
            .workspace_joined(WorkspaceId::new(777), "Acme Partners")
            .await
            .unwrap();
        let text = render(&welcome.expect("a new workspace is welcomed"), Style::PLAIN);
        assert!(text.contains("/setup workspace"), "{text}");
        assert!(app
            .core
            .workspace_joined(WorkspaceId::new(777), "Acme Partners")
            .await
            .unwrap()
            .is_none());
        let name: String = sqlx::query_scalar("SELECT name FROM workspaces WHERE id = 777")
            .fetch_one(app.store().pool())
            .await
            .unwrap();
        assert_eq!(name, "Acme Partners");
    }
);
