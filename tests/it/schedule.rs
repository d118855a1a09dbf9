//! `/schedule` and what schedules post: defaults from `/setup channel`, the next five runs in
//! the workspace timezone, refusals that write nothing, pause/resume/remove, and `run-now` of
//! each kind: the reminder pings only PTMs still to submit and not away, the missing note
//! pings nobody, the expiry watch carries an Extend button per registration.

use crate::support::WS;
use crate::support::{default_now, squash, TestApp};
use chrono::Duration;
use partnerbot::console::local_user_id;
use partnerbot::console::render::{render, Style};
use partnerbot::domain::ids::ChannelId;
use partnerbot::domain::role::Role;

/// A reply as the Discord door lays it out (every message, embed and field), for mentions.
fn discord_text(reply: &partnerbot::core::reply::Reply) -> String {
    format!(
        "{:?}",
        partnerbot::discord::render::layout(reply, usize::MAX)
    )
}

crate::both_backends!(
    setup_channels_create_the_default_schedules_and_move_them,
    |app: TestApp| async move {
        app.ok("/setup workspace timezone:Europe/Berlin").await;
        let text = app
            .ok("/setup channel kind:digest channel:111111111111")
            .await;
        assert!(
            text.contains(
                "KPI digest #1: every Monday at 09:00; Missing forecasts #2: every Monday at 13:00"
            ),
            "{text}"
        );
        let text = app
            .ok("/setup channel kind:reminders channel:222222222222")
            .await;
        assert!(text.contains("Forecast reminder #3: every Friday at 15:00; Registration expiry watch #4: every day at 08:00"), "{text}");
        let text = app
            .ok("/setup channel kind:digest channel:333333333333")
            .await;
        assert!(
            text.contains("KPI digest #1 moved here; Missing forecasts #2 moved here"),
            "{text}"
        );
        let list = squash(&app.ok("/schedule list").await);
        for expected in [
            "#1 KPI digest every Monday at 09:00 (Europe/Berlin) #333333333333 active Mon 30 Nov 2026 09:00",
            "#3 Forecast reminder every Friday at 15:00 (Europe/Berlin) #222222222222 active Fri 27 Nov 2026 15:00",
            "#4 Registration expiry watch every day at 08:00 (Europe/Berlin) #222222222222 active Sat 28 Nov 2026 08:00",
        ] {
            assert!(list.contains(expected), "missing `{expected}` in:\n{list}");
        }
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM schedules")
            .fetch_one(app.store().pool())
            .await
            .unwrap();
        assert_eq!(rows, 4);
    }
);

crate::both_backends!(
    adding_shows_the_next_five_runs_and_bad_input_writes_nothing,
    |app: TestApp| async move {
        app.ok("/setup workspace timezone:Europe/Berlin").await;
        let text = squash(&app.ok(r#"/schedule add kind:kpi_digest cron:"30 2 * * SUN" timezone:America/New_York channel:555555555555"#).await);
        assert!(text.contains("Schedule #1 added: KPI digest"), "{text}");
        assert!(
            text.contains("every Sunday at 02:30 (America/New_York) in #555555555555"),
            "{text}"
        );
        assert!(
            text.contains(
                "Next 5 runs, Europe/Berlin time (the schedule keeps America/New_York time) \
             Sun 29 Nov 2026 08:30 Sun 6 Dec 2026 08:30 Sun 13 Dec 2026 08:30 \
             Sun 20 Dec 2026 08:30 Sun 27 Dec 2026 08:30"
            ),
            "{text}"
        );
        let before = app.table_counts().await;
        for (line, says) in [
            (
                r#"/schedule add kind:kpi_digest cron:"0 25 * * *" channel:1"#,
                "hour `25` is out of range 0-23",
            ),
            (
                r#"/schedule add kind:kpi_digest cron:"0 9 * *" channel:1"#,
                "five fields",
            ),
            (
                r#"/schedule add kind:kpi_digest timezone:Mars/Olympus channel:1"#,
                "Mars/Olympus",
            ),
            ("/schedule add kind:kpi_digest", "say where to post"),
            (
                r#"/schedule add kind:kpi_digest cron:"* * * * *" channel:1"#,
                "cron `* * * * *` runs 1 minute apart (Fri 11:01 and Fri 11:02); a KPI digest \
                 schedule may run at most once an hour. Give one minute and one hour, like \
                 `0 9 * * MON`",
            ),
            (
                r#"/schedule add kind:registration_expiry cron:"0,30 8 * * *" channel:1"#,
                "runs 30 minutes apart (Sat 08:00 and Sat 08:30); a Registration expiry watch \
                 schedule may run at most once an hour",
            ),
            ("/schedule pause id:99", "there is no schedule #99"),
        ] {
            let err = app.err(line).await;
            assert!(err.contains(says), "`{line}` said:\n{err}");
        }
        assert_eq!(app.table_counts().await, before, "refusals write nothing");
        assert!(app
            .ok("/schedule pause id:1")
            .await
            .contains("Schedule #1 (KPI digest) paused."));
        assert!(app
            .ok("/schedule pause id:1")
            .await
            .contains("already paused"));
        assert!(app.ok("/schedule list").await.contains("paused"));
        assert!(app.ok("/schedule resume id:1").await.contains("resumed"));
        assert!(app
            .ok("/schedule remove id:1")
            .await
            .contains("Schedule #1 (KPI digest) removed."));
        let audits: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'schedule'")
                .fetch_one(app.store().pool())
                .await
                .unwrap();
        assert_eq!(audits, 4, "add, pause, resume, remove");
    }
);

async fn team(app: &TestApp) {
    for line in [
        r#"/territory add name:"AMER East""#,
        r#"/territory add name:"AMER West""#,
        r#"/partner add name:"Globex Services" type:gsi territory:"AMER East""#,
    ] {
        app.ok(line).await;
    }
    for name in ["Dana Reyes", "Sam Ortiz", "Alex Kim"] {
        app.run_exact(WS, name, &[Role::Ptm], "/help").await;
    }
    for (t, m) in [
        ("AMER East", "Dana Reyes"),
        ("AMER West", "Sam Ortiz"),
        ("AMER West", "Alex Kim"),
    ] {
        app.ok(&format!(
            r#"/territory assign territory:"{t}" member:"{m}" as:ptm"#
        ))
        .await;
    }
    app.run_exact(
        WS,
        "Dana Reyes",
        &[Role::Ptm],
        "/forecast submit commit:1M best_case:2M",
    )
    .await;
    app.run_exact(
        WS,
        "Alex Kim",
        &[Role::Ptm],
        "/away from:2026-11-28 to:2026-12-02",
    )
    .await;
    app.ok("/setup channel kind:digest channel:111111111111")
        .await;
    app.ok("/setup channel kind:reminders channel:222222222222")
        .await;
}

crate::both_backends!(
    the_reminder_pings_only_who_is_missing_and_the_missing_note_pings_nobody,
    |app: TestApp| async move {
        team(&app).await;
        let reply = app.run("/schedule run-now id:3").await;
        assert!(!reply.is_error(), "{reply:?}");
        let post = &reply.posts[0];
        assert_eq!(post.channel_id, ChannelId::new(222222222222));
        let sam = local_user_id("Sam Ortiz");
        assert_eq!(post.pings, vec![sam]);
        let text = render(&post.message, Style::PLAIN);
        assert!(text.contains("Still to submit: @Sam Ortiz."), "{text}");
        assert!(
            text.contains("Forecast FY27-Q4 W05 is due Mon 30 Nov 2026 12:00 (UTC)"),
            "{text}"
        );
        // In Discord the member is mentioned and the deadline is a timestamp each reader sees
        // in their own time.
        let discord = discord_text(&post.message);
        assert!(
            discord.contains(&format!("Still to submit: <@{sam}>.")),
            "{discord}"
        );
        let deadline = chrono::DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z").unwrap();
        assert!(
            discord.contains(&format!("is due <t:{}:f> (UTC)", deadline.timestamp())),
            "{discord}"
        );
        let reply = app.run("/schedule run-now id:2").await;
        let post = &reply.posts[0];
        assert!(post.pings.is_empty());
        let text = render(&post.message, Style::PLAIN);
        assert!(
            text.contains("1 of 3 submitted (0 late), 1 away. Missing: Sam Ortiz."),
            "{text}"
        );
        assert!(!text.contains('@'), "{text}");
        assert!(!discord_text(&post.message).contains("<@"), "{text}");
        // Once Sam submits, the reminder has nothing to say.
        app.run_exact(
            WS,
            "Sam Ortiz",
            &[Role::Ptm],
            "/forecast submit commit:1M best_case:2M",
        )
        .await;
        let reply = app.run("/schedule run-now id:3").await;
        assert!(reply.posts.is_empty());
        assert!(render(&reply, Style::PLAIN).contains("nothing to post now"));
    }
);

crate::both_backends!(
    the_expiry_watch_lists_what_expires_soon_with_extend_buttons,
    |app: TestApp| async move {
        team(&app).await;
        // Approved 80 days ago: 10 days left. Approved 91 days ago: lapsed yesterday.
        for (days, account) in [(80, "Acme Corp"), (91, "Bluth Co")] {
            app.clock.set(default_now() - Duration::days(days));
            let text = app
                .run_exact(WS, "Dana Reyes", &[Role::Ptm], &format!(
                    r#"/deal register account:"{account}" amount:100k close:+120d type:resale partner:"Globex Services""#
                ))
                .await;
            assert!(!text.is_error(), "{text:?}");
            let id = crate::registration::reg_id(&render(&text, Style::PLAIN));
            app.ok(&format!("/registration approve id:{id}")).await;
        }
        app.clock.set(default_now());
        let reply = app.run("/schedule run-now id:4").await;
        let post = &reply.posts[0];
        assert_eq!(post.pings, vec![local_user_id("Dana Reyes")]);
        assert_eq!(post.message.buttons.len(), 1);
        assert_eq!(post.message.buttons[0].label, "Extend #1");
        assert_eq!(
            post.message.buttons[0].custom_id,
            "registration extend:id=1"
        );
        let text = squash(&render(&post.message, Style::PLAIN));
        assert!(text.contains("Expiring within 14 days (1) #1 Globex Services · Acme Corp $100k · 7 Dec · Dana Reyes"), "{text}");
        assert!(
            text.contains(
                "Expired since the last watch (1) #2 Globex Services · Bluth Co $100k · 26 Nov"
            ),
            "{text}"
        );
    }
);
