//! Slash commands through Discord: options converted, roles from mapped Discord roles and the
//! Administrator permission, answers as coloured embeds, refusals private, autocomplete.

use super::*;
use partnerbot::core::reply::Tone;

const ADD_DEAL: &[(&str, &str)] = &[
    ("account", "Acme Corp"),
    ("amount", "120k"),
    ("close", "2026-12-15"),
    ("partner", "Globex Services"),
];

fn add_deal(roles: &[u64]) -> Interaction {
    ADD_DEAL.iter().fold(
        Interaction::command("deal", &["add"]).member(USER_ID, "Dana", roles),
        |i, (name, value)| i.string(name, value),
    )
}

async fn deals(app: &DiscordApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM deals WHERE workspace_id = $1")
        .bind(GUILD)
        .fetch_one(app.store().pool())
        .await
        .expect("count deals")
}

async fn seed(app: &DiscordApp) {
    setup(app, r#"/territory add name:"AMER East""#).await;
    setup(
        app,
        r#"/partner add name:"Globex Services" type:gsi territory:"AMER East""#,
    )
    .await;
}

crate::discord_test!(
    the_bot_asks_only_for_intents_that_need_no_approval,
    |app: DiscordApp| async move {
        let identify = app.fake.identifies().remove(0);
        assert_eq!(identify.token, "Bot test-token");
        let (guilds, guild_messages, direct_messages, message_content) =
            (1, 1 << 9, 1 << 12, 1 << 15);
        assert_eq!(identify.intents, guilds | guild_messages | direct_messages);
        assert_eq!(
            identify.intents & message_content,
            0,
            "MESSAGE_CONTENT is privileged"
        );
        app.stop().await;
    }
);

crate::discord_test!(
    a_ptm_by_mapped_role_adds_a_deal_and_sees_an_embed,
    |app: DiscordApp| async move {
        seed(&app).await;
        map_role(&app, PTM_ROLE, "PTMs", "ptm").await;
        let answer = app.interact(add_deal(&[PTM_ROLE]).build()).await;
        assert_eq!(answer.kind(), 4, "answered at once");
        assert!(
            answer.ephemeral(),
            "a confirmation is for the person who asked"
        );
        let embeds = answer.embeds();
        assert!(
            !embeds.is_empty(),
            "answered with embeds: {}",
            answer.text()
        );
        let tones = [Tone::Info, Tone::Success].map(|t| u64::from(t.colour()));
        assert!(
            tones.contains(&embeds[0]["color"].as_u64().unwrap()),
            "in a tone's colour, not red"
        );
        let text = answer.text();
        assert!(
            text.contains("Acme Corp") && text.contains("Globex Services"),
            "{text}"
        );
        assert_eq!(deals(&app).await, 1);
        let owner: String =
            sqlx::query_scalar("SELECT display_name FROM members WHERE user_id = $1")
                .bind(USER_ID as i64)
                .fetch_one(app.store().pool())
                .await
                .unwrap();
        assert_eq!(
            owner, "Dana",
            "the member is recorded under their Discord name"
        );
        app.stop().await;
    }
);

crate::discord_test!(
    a_mistake_is_refused_privately_in_red_and_writes_nothing,
    |app: DiscordApp| async move {
        seed(&app).await;
        let written = |counts: Vec<(String, i64)>| {
            // The member is recorded as seen (name and roles) even when refused, and the runner
            // beside the gateway takes the day's KPI snapshots whenever its first tick comes:
            // neither is a write of the command.
            counts
                .into_iter()
                .filter(|(table, _)| table != "members" && table != "kpi_snapshots")
                .collect::<Vec<_>>()
        };
        let before = written(app.table_counts().await);
        let bad = Interaction::command("deal", &["add"])
            .string("account", "Acme Corp")
            .string("amount", "lots")
            .string("close", "2026-12-15")
            .admin()
            .build();
        let answer = app.interact(bad).await;
        assert_eq!(answer.kind(), 4);
        assert!(
            answer.ephemeral(),
            "flag 64: only the person who asked sees it"
        );
        assert!(is_error(&answer), "red: {}", answer.text());
        assert!(answer.text().contains("amount"), "{}", answer.text());
        let app = app.stop().await;
        assert_eq!(written(app.table_counts().await), before);
    }
);

crate::discord_test!(
    a_member_mapped_to_field_sales_may_not_add_deals,
    |app: DiscordApp| async move {
        seed(&app).await;
        map_role(&app, SALES_ROLE, "Field sales", "field_sales").await;
        let answer = app.interact(add_deal(&[SALES_ROLE]).build()).await;
        assert!(is_error(&answer) && answer.ephemeral(), "{}", answer.text());
        assert!(
            answer.text().contains("PTM"),
            "names who may: {}",
            answer.text()
        );
        assert_eq!(deals(&app).await, 0);
        // The same member can read.
        let list = app
            .interact(
                Interaction::command("deal", &["list"])
                    .member(USER_ID, "Dana", &[SALES_ROLE])
                    .build(),
            )
            .await;
        assert!(!is_error(&list), "{}", list.text());
        // Without any mapped role, only the Administrator permission makes an admin.
        let no_role = app.interact(add_deal(&[]).build()).await;
        assert!(is_error(&no_role), "{}", no_role.text());
        let admin = app.interact(add_deal(&[]).admin().build()).await;
        assert!(!is_error(&admin), "{}", admin.text());
        assert_eq!(deals(&app).await, 1);
        app.stop().await;
    }
);

crate::discord_test!(
    autocomplete_offers_at_most_25_matching_names,
    |app: DiscordApp| async move {
        seed(&app).await;
        for i in 1..=30 {
            setup(
                &app,
                &format!(r#"/partner add name:"Partner {i:02}" type:reseller"#),
            )
            .await;
        }
        let typing = |partial: &str| {
            Interaction::autocomplete("deal", &["add"])
                .string("account", "Acme Corp")
                .focused("partner", partial)
                .build()
        };
        let answer = app.interact(typing("partner")).await;
        assert_eq!(answer.kind(), 8);
        let choices = answer.choices();
        assert_eq!(choices.len(), 25);
        assert!(choices
            .iter()
            .all(|(name, value)| name.starts_with("Partner ") && value == name));
        let answer = app.interact(typing("glob")).await;
        let names: Vec<String> = answer.choices().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, vec!["Globex Services"]);
        let answer = app.interact(typing("zzz-nothing")).await;
        assert_eq!((answer.kind(), answer.choices().len()), (8, 0));
        app.stop().await;
    }
);

crate::discord_test!(
    a_command_in_a_direct_message_is_refused_without_a_workspace,
    |app: DiscordApp| async move {
        let answer = app
            .interact(Interaction::command("deal", &["list"]).dm().build())
            .await;
        assert!(is_error(&answer) && answer.ephemeral(), "{}", answer.text());
        assert!(answer.text().contains("server"), "{}", answer.text());
        let app = app.stop().await;
        let workspaces: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM workspaces")
            .fetch_one(app.store().pool())
            .await
            .unwrap();
        assert_eq!(workspaces, 0);
    }
);
