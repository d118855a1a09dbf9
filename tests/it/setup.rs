//! `/setup workspace|role|channel|show` through the core, on both backends: settings saved and
//! audited, typos refused with suggestions and nothing written, the currency warning, the role
//! mapping granting roles to Discord members, and the settings card.

use crate::both_backends;
use crate::support::{TestApp, WS};
use partnerbot::console::render::{render, Style};
use partnerbot::core::{Actor, ActorRoles, Invocation};
use partnerbot::domain::ids::{RoleId, UserId};
use partnerbot::domain::role::Role;
use partnerbot::store::audit;
use sqlx::Row;

/// The workspace row's settings, as stored.
async fn settings(app: &TestApp) -> (String, String, String, i64, i64) {
    let row = sqlx::query(
        "SELECT name, timezone, currency, fiscal_year_start_month, open_read FROM workspaces \
         WHERE id = $1",
    )
    .bind(WS)
    .fetch_one(app.store().pool())
    .await
    .expect("workspace row");
    (
        row.get("name"),
        row.get("timezone"),
        row.get("currency"),
        row.get("fiscal_year_start_month"),
        row.get("open_read"),
    )
}

async fn latest_audit(app: &TestApp) -> audit::AuditRow {
    let mut conn = app.store().pool().acquire().await.expect("connection");
    audit::recent(&mut conn, WS, 1)
        .await
        .expect("audit rows")
        .pop()
        .expect("an audit row")
}

/// Runs `line` as a Discord member holding the Discord roles `role_ids` (no Administrator).
async fn as_discord_member(app: &TestApp, role_ids: &[i64], line: &str) -> String {
    let parsed = partnerbot::console::parse::parse_line(line).expect("line parses");
    let invocation = Invocation {
        workspace_id: WS,
        workspace_name: "Workspace 1".to_string(),
        actor: Actor {
            user_id: UserId::new(300_000_000_000_000_001),
            display_name: "Dana Discord".to_string(),
            roles: ActorRoles::Discord {
                role_ids: role_ids.iter().copied().map(RoleId::new).collect(),
                administrator: false,
            },
        },
        channel_id: None,
        interaction_id: None,
        action: parsed.into_action(),
    };
    render(&app.core.handle(&invocation).await, Style::PLAIN)
}

both_backends!(
    a_new_workspace_shows_its_defaults_and_the_next_steps,
    |app: TestApp| async move {
        let text = app.ok("/setup show").await;
        insta::assert_snapshot!("setup_show_defaults", text);
    }
);

both_backends!(
    workspace_settings_are_saved_and_audited,
    |app: TestApp| async move {
        app.ok("/help").await;
        let text = app
        .ok(r#"/setup workspace name:"Partner Sales EMEA" timezone:europe/berlin currency:eur fiscal_year_start:March open_read:false"#)
        .await;
        assert!(text.contains("✔ Workspace settings saved"), "{text}");
        assert!(text.contains("timezone Europe/Berlin (was UTC)"), "{text}");
        assert!(text.contains("currency EUR (was USD)"), "{text}");
        assert!(
            text.contains("fiscal year starts in March (was February; today is in FY27-Q3)"),
            "{text}"
        );
        assert!(text.contains("open reads off"), "{text}");
        assert!(
            !text.contains("not converted"),
            "no deals, no warning: {text}"
        );
        assert_eq!(
            settings(&app).await,
            (
                "Partner Sales EMEA".into(),
                "Europe/Berlin".into(),
                "EUR".into(),
                3,
                0
            )
        );

        let row = latest_audit(&app).await;
        assert_eq!(
            (row.action.as_str(), row.entity.as_str()),
            ("setup.workspace", "workspace")
        );
        assert_eq!(row.entity_id, Some(WS.get()));
        let before: serde_json::Value = serde_json::from_str(&row.before_json.unwrap()).unwrap();
        let after: serde_json::Value = serde_json::from_str(&row.after_json.unwrap()).unwrap();
        assert_eq!(before["timezone"], "UTC");
        assert_eq!(after["timezone"], "Europe/Berlin");
        assert_eq!(before["currency"], "USD");
        assert_eq!(after["currency"], "EUR");
        assert_eq!(
            (
                before["fiscal_year_start_month"].clone(),
                after["fiscal_year_start_month"].clone()
            ),
            (2.into(), 3.into())
        );
        assert_eq!(
            (before["open_read"].clone(), after["open_read"].clone()),
            (true.into(), false.into())
        );

        // The same values again change nothing and write nothing.
        let counts = app.table_counts().await;
        let again = app
            .ok("/setup workspace timezone:Europe/Berlin currency:EUR")
            .await;
        assert!(again.contains("Nothing changed"), "{again}");
        assert_eq!(app.table_counts().await, counts);
    }
);

both_backends!(
    bad_settings_are_refused_with_suggestions_and_write_nothing,
    |app: TestApp| async move {
        app.ok("/help").await;
        let counts = app.table_counts().await;
        for (line, expected) in [
            (
                "/setup workspace",
                "needs a setting to change: `name:`, `timezone:`",
            ),
            (
                "/setup workspace timezone:Europe/Berln",
                "timezone `Europe/Berln` is not an IANA timezone. Did you mean `Europe/Berlin`",
            ),
            (
                "/setup workspace timezone:Berlin",
                "Did you mean `Europe/Berlin`",
            ),
            (
                "/setup workspace currency:euro",
                "currency `euro` is not an ISO 4217 code",
            ),
            (
                "/setup workspace fiscal_year_start:13",
                "use 1 (January) to 12 (December)",
            ),
            (
                "/setup workspace fiscal_year_start:febuary",
                "Did you mean `February`?",
            ),
            // One typo refuses the whole command: the valid timezone is not saved either.
            (
                "/setup workspace timezone:Europe/Paris currency:EURO",
                "`EURO`",
            ),
            ("/setup role role:555 as:boss", "`as` cannot be `boss`"),
            (
                "/setup role role:555 as:ptm remove:true",
                "is not mapped to PTM; nothing to remove",
            ),
            (
                "/setup channel kind:review channel:#general",
                "needs a channel",
            ),
            (
                "/setup channel kind:digestt channel:777",
                "Did you mean `digest`?",
            ),
        ] {
            let text = app.err(line).await;
            assert!(
                text.contains(expected),
                "`{line}` refused without `{expected}`:\n{text}"
            );
        }
        assert_eq!(
            app.table_counts().await,
            counts,
            "a refusal wrote something"
        );
        assert_eq!(settings(&app).await.1, "UTC");
    }
);

both_backends!(
    a_currency_change_warns_that_existing_amounts_are_not_converted,
    |app: TestApp| async move {
        app.seed_basics().await;
        let text = app.ok("/setup workspace currency:EUR").await;
        assert!(text.contains("currency EUR (was USD)"), "{text}");
        assert!(text.contains("Amounts were not converted"), "{text}");
        assert!(text.contains("The 1 deal already recorded keep"), "{text}");
        assert_eq!(
            settings(&app).await.2,
            "EUR",
            "the change is applied anyway"
        );
        let deals = app.ok("/deal list").await;
        assert!(
            deals.contains("€120,000"),
            "the amount keeps its number: {deals}"
        );
    }
);

both_backends!(
    a_mapped_discord_role_grants_its_role_until_it_is_removed,
    |app: TestApp| async move {
        app.ok("/help").await;
        let denied = as_discord_member(&app, &[4242], r#"/territory add name:"EMEA""#).await;
        assert!(denied.contains("is for Admin or Director"), "{denied}");

        let mapped = app.ok("/setup role role:<@&4242> as:director").await;
        assert!(
            mapped.contains("Members with @&4242 are now Director in partnerbot"),
            "{mapped}"
        );
        let row = latest_audit(&app).await;
        assert_eq!(
            (row.action.as_str(), row.entity_id),
            ("setup.role_map", Some(4242))
        );
        assert_eq!(
            row.after_json.as_deref(),
            Some(r#"{"discord_role_id":4242,"role":"director"}"#)
        );
        let allowed = as_discord_member(&app, &[4242], r#"/territory add name:"EMEA""#).await;
        assert!(allowed.contains("Territory EMEA added"), "{allowed}");

        let counts = app.table_counts().await;
        let again = app.ok("/setup role role:4242 as:director").await;
        assert!(
            again.contains("already grants Director; nothing changed"),
            "{again}"
        );
        assert_eq!(app.table_counts().await, counts);

        let removed = app
            .ok("/setup role role:4242 as:director remove:true")
            .await;
        assert!(removed.contains("no longer Director"), "{removed}");
        assert_eq!(latest_audit(&app).await.action, "setup.role_unmap");
        let denied = as_discord_member(&app, &[4242], r#"/territory add name:"APAC""#).await;
        assert!(denied.contains("is for Admin or Director"), "{denied}");
    }
);

both_backends!(
    channels_are_set_per_kind_and_audited,
    |app: TestApp| async move {
        app.ok("/help").await;
        let text = app.ok("/setup channel kind:review channel:<#900>").await;
        assert!(
            text.contains("Registration reviews are posted in #900 from now on."),
            "{text}"
        );
        let moved = app.ok("/setup channel kind:review channel:901").await;
        assert!(moved.contains("in #901 from now on (was #900)"), "{moved}");
        let row = latest_audit(&app).await;
        assert_eq!(row.action, "setup.channel");
        assert_eq!(
            row.before_json.as_deref(),
            Some(r#"{"review_channel_id":900}"#)
        );
        assert_eq!(
            row.after_json.as_deref(),
            Some(r#"{"review_channel_id":901}"#)
        );
        let digest = app
            .ok("/setup channel kind:\"Weekly digest\" channel:902")
            .await;
        assert!(
            digest.contains("The weekly digest is posted in #902"),
            "{digest}"
        );
        let stored: Option<i64> =
            sqlx::query_scalar("SELECT digest_channel_id FROM workspaces WHERE id = $1")
                .bind(WS)
                .fetch_one(app.store().pool())
                .await
                .unwrap();
        assert_eq!(stored, Some(902));
    }
);

both_backends!(
    a_configured_workspace_shows_every_setting,
    |app: TestApp| async move {
        app.ok("/setup workspace name:\"Partner Sales EMEA\" timezone:Europe/Berlin currency:EUR")
            .await;
        app.ok("/setup role role:111 as:ptm").await;
        app.ok("/setup role role:222 as:director").await;
        app.ok("/setup role role:333 as:field_sales").await;
        app.ok("/setup role role:444 as:ptm").await;
        for (kind, id) in [
            ("review", 900),
            ("digest", 901),
            ("reminders", 902),
            ("announcements", 903),
        ] {
            app.ok(&format!("/setup channel kind:{kind} channel:{id}"))
                .await;
        }
        let text = app.ok("/setup show").await;
        // 10:00 UTC is 11:00 in Berlin; 27 Nov 2026 is in FY27-Q4 (Nov-Jan) with a February start.
        assert!(
            text.contains("Europe/Berlin (now 11:00, Fri 27 Nov 2026)"),
            "{text}"
        );
        assert!(
            text.contains("FY27-Q4 (Nov 1, 2026 – Jan 31, 2027)"),
            "{text}"
        );
        assert!(!text.contains("Next steps"), "{text}");
        insta::assert_snapshot!("setup_show_configured", text);

        // Directors read the settings but do not change them.
        let director = app
            .run_in(WS, "Dirk Director", &[Role::Director], "/setup show")
            .await;
        assert!(!director.is_error());
        let denied = app
            .run_in(
                WS,
                "Dirk Director",
                &[Role::Director],
                "/setup workspace currency:USD",
            )
            .await;
        let denied = render(&denied, Style::PLAIN);
        assert!(
            denied.contains("`/setup workspace` is for Admin"),
            "{denied}"
        );
    }
);

both_backends!(
    a_new_fiscal_year_start_moves_the_current_quarter,
    |app: TestApp| async move {
        app.ok("/setup workspace fiscal_year_start:1").await;
        let text = app.ok("/setup show").await;
        assert!(
            text.contains("starts in January · now FY26-Q4 (Oct 1, 2026 – Dec 31, 2026)"),
            "{text}"
        );
    }
);
