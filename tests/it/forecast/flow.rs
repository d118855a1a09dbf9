//! Submitting, replacing and comparing forecasts week over week.

use super::*;
use crate::support::{default_now, TestApp};
use partnerbot::domain::role::Role;

/// Deals of AMER East the flow moves around between the two weeks.
async fn east_deals(app: &TestApp) {
    for line in [
        r#"/deal add account:"Acme Corp" amount:300k close:2026-12-15 stage:negotiating territory:"AMER East""#,
        r#"/deal add account:"Bluth Co" amount:200k close:2027-01-10 stage:proposal territory:"AMER East""#,
        r#"/deal add account:"Cyberdyne" amount:150k close:2026-12-20 stage:negotiating territory:"AMER East""#,
        r#"/deal add account:"Dunder Mifflin" amount:90k close:2026-12-05 stage:discovery territory:"AMER East""#,
    ] {
        app.ok(line).await;
    }
}

crate::both_backends!(
    ordering_is_enforced_and_a_refusal_writes_nothing,
    |app: TestApp| async move {
        team_setup(&app).await;
        let before = app.table_counts().await;
        for (line, says) in [
            (
                "/forecast submit commit:2M most_likely:1.5M best_case:3M",
                "most likely $1,500,000 is below commit $2,000,000",
            ),
            (
                "/forecast submit commit:1M most_likely:4M best_case:3M",
                "most likely $4,000,000 is above best case $3,000,000",
            ),
            (
                "/forecast submit commit:5M best_case:3M",
                "commit $5,000,000 is above best case $3,000,000",
            ),
            (
                "/forecast submit commit:1M",
                "a forecast needs `commit:` and `best_case:`",
            ),
            (
                "/forecast submit commit:1M best_case:abc",
                "amount `abc` is not a number",
            ),
            ("/forecast submit commit:-5 best_case:3M", ""),
        ] {
            let text = err_as(&app, DANA, &[Role::Ptm], line).await;
            assert!(text.contains(says), "`{line}` said:\n{text}");
        }
        assert_eq!(app.table_counts().await, before, "nothing written");
    }
);

crate::both_backends!(
    a_resubmission_replaces_the_week_and_the_audit_log_keeps_both,
    |app: TestApp| async move {
        team_setup(&app).await;
        ok_as(
            &app,
            DANA,
            &[Role::Ptm],
            r#"/forecast submit commit:1M best_case:2M notes:"first""#,
        )
        .await;
        let text = ok_as(
            &app,
            DANA,
            &[Role::Ptm],
            r#"/forecast submit commit:1.1M most_likely:1.2M best_case:2M notes:"second""#,
        )
        .await;
        assert!(text.contains("Forecast FY27-Q4 W05 saved"), "{text}");
        assert!(
            text.contains(
                "It replaces your submission of Fri 27 Nov 10:00 (most likely $1,500,000)"
            ),
            "{text}"
        );
        assert_eq!(
            forecast_rows(&app, DANA).await,
            vec![(
                "2026-11-30".into(),
                110_000_000,
                120_000_000,
                200_000_000,
                "second".into()
            )]
        );
        let audits: Vec<(Option<String>, String)> = sqlx::query_as(
            "SELECT before_json, after_json FROM audit_log WHERE action = 'forecast.submit' ORDER BY id",
        )
        .fetch_all(app.store().pool())
        .await
        .unwrap();
        assert_eq!(audits.len(), 2);
        assert!(audits[0].0.is_none());
        assert!(audits[1]
            .0
            .as_deref()
            .unwrap()
            .contains("\"most_likely_minor\":150000000"));
        assert!(audits[1].1.contains("\"notes\":\"second\""));
        // Asking again shows the current submission in the form, not the suggestion.
        let reply = reply_as(&app, DANA, &[Role::Ptm], "/forecast submit").await;
        let form = reply.form.expect("form");
        let values: Vec<_> = form
            .fields
            .iter()
            .map(|f| f.value.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            values,
            vec!["1,100,000", "1,200,000", "2,000,000", "second"]
        );
    }
);

crate::both_backends!(
    a_friday_submission_counts_for_monday_and_a_monday_afternoon_one_is_late,
    |app: TestApp| async move {
        team_setup(&app).await;
        // Friday 10:00 UTC: the nearest deadline is Monday 30 Nov 12:00 (W05).
        let text = ok_as(
            &app,
            DANA,
            &[Role::Ptm],
            "/forecast submit commit:1M best_case:2M",
        )
        .await;
        assert!(text.contains("on time"), "{text}");
        // Monday 14:05: still W05, two hours late.
        app.clock.set(at(2026, 11, 30, 14, 5));
        let text = ok_as(
            &app,
            SAM,
            &[Role::Ptm],
            "/forecast submit commit:1M best_case:2M",
        )
        .await;
        assert!(text.contains("FY27-Q4 W05 saved"), "{text}");
        assert!(text.contains("late by 2 h 05 min"), "{text}");
        // Thursday 3 Dec 23:59 is still nearer Monday 30 Nov (late); Friday 4 Dec 00:01 is
        // nearer Monday 7 Dec (W06).
        app.clock.set(at(2026, 12, 3, 23, 59));
        let text = ok_as(
            &app,
            ALEX,
            &[Role::Ptm],
            "/forecast submit commit:1M best_case:2M",
        )
        .await;
        assert!(
            text.contains("FY27-Q4 W05 saved") && text.contains("late by 3 days 11 h"),
            "{text}"
        );
        app.clock.set(at(2026, 12, 4, 0, 1));
        let text = ok_as(
            &app,
            MO,
            &[Role::Ptm],
            "/forecast submit commit:1M best_case:2M",
        )
        .await;
        assert!(text.contains("FY27-Q4 W06 saved"), "{text}");
        assert_eq!(forecast_rows(&app, MO).await[0].0, "2026-12-07");
    }
);

crate::both_backends!(
    show_compares_with_last_week_and_lists_the_deals_that_moved,
    |app: TestApp| async move {
        team_setup(&app).await;
        east_deals(&app).await;
        // Last week (W04): Acme and Cyberdyne Commit, Bluth Best Case, Dunder Pipeline.
        app.clock.set(at(2026, 11, 20, 9, 0));
        ok_as(
            &app,
            DANA,
            &[Role::Ptm],
            r#"/forecast submit commit:450k most_likely:550k best_case:650k notes:"steady""#,
        )
        .await;
        // During the week: Bluth is committed, Cyberdyne lost, Acme pushed to February, Dunder
        // jumps to Best Case.
        app.clock.set(default_now());
        for line in [
            "/deal update deal:#2 forecast:commit",
            "/deal update deal:#3 stage:closed_lost",
            "/deal update deal:#1 close:2027-02-15",
            "/deal update deal:#4 forecast:best_case amount:95k",
        ] {
            app.ok(line).await;
        }
        ok_as(&app, DANA, &[Role::Ptm], r#"/forecast submit commit:200k most_likely:250k best_case:295k notes:"Acme slipped, Cyberdyne lost""#).await;
        let text = ok_as(&app, DANA, &[Role::Ptm], "/forecast show").await;
        for expected in [
            "Forecast · Dana Reyes · FY27-Q4 W05",
            "-$250,000 (-55.6%) (was $450,000)",
            "-$300,000 (-54.5%) (was $550,000)",
            "#1 Acme Corp $300,000: Commit → pushed to 15 Feb 2027",
            "#2 Bluth Co $200,000: Best Case → Commit",
            "#3 Cyberdyne $150,000: Commit → Closed Lost",
            "#4 Dunder Mifflin $90,000 → $95,000: Pipeline → Best Case",
            "Acme slipped, Cyberdyne lost",
        ] {
            assert!(
                squash(&text).contains(expected),
                "missing `{expected}` in:\n{text}"
            );
        }
        insta::assert_snapshot!("show_week_over_week", text);
        // Last week's view compares with W03, where nothing was submitted.
        let text = ok_as(&app, DANA, &[Role::Ptm], "/forecast show week:last").await;
        assert!(text.contains("FY27-Q4 W04"), "{text}");
        assert!(
            text.contains("no submission in FY27-Q4 W03 to compare with"),
            "{text}"
        );
        // A director sees Dana's by territory; Sam (another territory) may not.
        let text = ok_as(
            &app,
            DORA,
            &[Role::Director],
            r#"/forecast show territory:"AMER East""#,
        )
        .await;
        assert!(text.contains("Forecast · Dana Reyes"), "{text}");
        let text = err_as(
            &app,
            SAM,
            &[Role::Ptm],
            r#"/forecast show member:"Dana Reyes""#,
        )
        .await;
        assert!(text.contains("for directors and admins"), "{text}");
    }
);

crate::both_backends!(
    field_sales_and_members_without_a_role_cannot_forecast,
    |app: TestApp| async move {
        team_setup(&app).await;
        for roles in [&[Role::FieldSales][..], &[][..]] {
            let text = err_as(
                &app,
                "Fiona Field",
                roles,
                "/forecast submit commit:1M best_case:2M",
            )
            .await;
            assert!(!text.is_empty());
            err_as(&app, "Fiona Field", roles, "/forecast show").await;
        }
        assert!(forecast_rows(&app, "Fiona Field").await.is_empty());
    }
);

crate::both_backends!(
    the_deadline_comes_from_setup_in_the_workspace_timezone,
    |app: TestApp| async move {
        team_setup(&app).await;
        let err = app
            .err(r#"/setup workspace forecast_deadline:"funday 12:00""#)
            .await;
        assert!(
            err.contains("deadline `funday 12:00` is not a weekday and time"),
            "{err}"
        );
        let text = app
            .ok(r#"/setup workspace timezone:America/New_York forecast_deadline:"friday 5pm""#)
            .await;
        assert!(
            text.contains("forecasts due Friday 17:00 America/New_York (was Monday 12:00)"),
            "{}",
            squash(&text)
        );
        // Friday 27 Nov 05:00 in New York: due today at 17:00 (22:00 UTC), week 4 of FY27-Q4
        // (the quarter's first Friday is 6 Nov).
        let text = ok_as(
            &app,
            DANA,
            &[Role::Ptm],
            "/forecast submit commit:1M best_case:2M",
        )
        .await;
        assert!(text.contains("FY27-Q4 W04 saved"), "{text}");
        assert!(
            text.contains("Submitted Fri 27 Nov 05:00, on time (due Fri 27 Nov 17:00)"),
            "{text}"
        );
        app.clock.set(at(2026, 11, 27, 23, 30));
        let text = ok_as(
            &app,
            SAM,
            &[Role::Ptm],
            "/forecast submit commit:1M best_case:2M",
        )
        .await;
        assert!(text.contains("late by 1 h 30 min"), "{text}");
        assert_eq!(forecast_rows(&app, SAM).await[0].0, "2026-11-23");
    }
);
