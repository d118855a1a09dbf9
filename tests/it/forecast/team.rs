//! The directors' roll-up: submitted, late, away and missing PTMs, totals and movers, pages,
//! the CSV export, and `/away`.

use super::*;
use crate::support::{default_now, TestApp};
use partnerbot::domain::role::Role;

/// Last week everyone but Mo submitted; this week Dana on time, Sam late, Alex away, Mo missing.
async fn a_week_of_forecasts(app: &TestApp) {
    team_setup(app).await;
    app.clock.set(at(2026, 11, 20, 9, 0));
    for (name, line) in [
        (
            DANA,
            "/forecast submit commit:1M most_likely:1.2M best_case:1.5M",
        ),
        (
            SAM,
            "/forecast submit commit:500k most_likely:600k best_case:900k",
        ),
        (
            ALEX,
            "/forecast submit commit:300k most_likely:300k best_case:400k",
        ),
    ] {
        ok_as(app, name, &[Role::Ptm], line).await;
    }
    app.clock.set(default_now());
    ok_as(
        app,
        DANA,
        &[Role::Ptm],
        r#"/forecast submit commit:1.1M most_likely:1.4M best_case:1.6M notes:"Acme, pulled in""#,
    )
    .await;
    let text = ok_as(
        app,
        ALEX,
        &[Role::Ptm],
        r#"/away from:2026-11-28 to:2026-12-06 note:"Vacation""#,
    )
    .await;
    assert!(
        text.contains("You are away Sat 28 Nov 2026 – Sun 6 Dec 2026 (9 days)"),
        "{text}"
    );
    assert!(
        text.contains("excused from the forecast FY27-Q4 W05"),
        "{text}"
    );
    app.clock.set(at(2026, 11, 30, 15, 30));
    ok_as(
        app,
        SAM,
        &[Role::Ptm],
        "/forecast submit commit:400k most_likely:450k best_case:800k",
    )
    .await;
}

crate::both_backends!(
    the_roll_up_marks_missing_away_and_late_without_pinging,
    |app: TestApp| async move {
        a_week_of_forecasts(&app).await;
        let reply = reply_as(&app, DORA, &[Role::Director], "/forecast team").await;
        assert!(!reply.is_error(), "{reply:?}");
        let text = render(&reply, Style::PLAIN);
        for expected in [
            "Team forecast FY27-Q4 W05 · all territories",
            "2 of 4 submitted (1 late), 1 away, 1 missing · was due Mon 30 Nov 12:00",
            "Missing Mo Patel",
            "late 3 h 30 min",
            "away to 6 Dec",
        ] {
            assert!(
                squash(&text).contains(expected),
                "missing `{expected}` in:\n{text}"
            );
        }
        assert!(!text.contains("<@"), "nobody is mentioned: {text}");
        assert!(reply.posts.is_empty());
        insta::assert_snapshot!("team_roll_up", text);
        // Last week: Mo was missing and nobody away.
        let text = ok_as(&app, DORA, &[Role::Director], "/forecast team week:last").await;
        assert!(
            text.contains("3 of 4 submitted (0 late), 0 away, 1 missing"),
            "{text}"
        );
        // One territory.
        let text = ok_as(
            &app,
            DORA,
            &[Role::Director],
            r#"/forecast team territory:"AMER East""#,
        )
        .await;
        assert!(text.contains("1 of 1 submitted"), "{text}");
        assert!(!text.contains("Sam Ortiz"), "{text}");
    }
);

crate::both_backends!(
    only_directors_and_admins_see_the_team,
    |app: TestApp| async move {
        a_week_of_forecasts(&app).await;
        for roles in [&[Role::Ptm][..], &[Role::FieldSales][..], &[][..]] {
            for line in ["/forecast team", "/forecast export"] {
                let text = err_as(&app, "Pat Ptm", roles, line).await;
                assert!(!text.contains("Dana"), "{text}");
            }
        }
        ok_as(&app, "Ada Admin", &[Role::Admin], "/forecast team").await;
    }
);

crate::both_backends!(
    the_export_is_a_csv_of_every_ptm_in_scope,
    |app: TestApp| async move {
        a_week_of_forecasts(&app).await;
        let reply = reply_as(&app, DORA, &[Role::Director], "/forecast export").await;
        assert!(!reply.is_error(), "{reply:?}");
        let file = &reply.files[0];
        assert_eq!(file.filename, "forecast-FY27-Q4-W05.csv");
        assert!(file.content_type.starts_with("text/csv"));
        let csv = String::from_utf8(file.bytes.clone()).unwrap();
        assert_eq!(csv.lines().count(), 5, "{csv}");
        insta::assert_snapshot!("team_export_csv", csv);
    }
);

crate::both_backends!(
    fifty_territories_page_fifteen_ptms_at_a_time,
    |app: TestApp| async move {
        for i in 1..=50 {
            app.ok(&format!(r#"/territory add name:"T{i:02}""#)).await;
            let name = format!("PTM {i:02}");
            ok_as(&app, &name, &[Role::Ptm], "/help").await;
            app.ok(&format!(
                r#"/territory assign territory:"T{i:02}" member:"{name}" as:ptm"#
            ))
            .await;
            if i % 3 == 0 {
                ok_as(
                    &app,
                    &name,
                    &[Role::Ptm],
                    "/forecast submit commit:100k best_case:200k",
                )
                .await;
            }
        }
        let reply = reply_as(&app, DORA, &[Role::Director], "/forecast team").await;
        let text = render(&reply, Style::PLAIN);
        assert!(
            text.contains("16 of 50 submitted (0 late), 0 away, 34 missing"),
            "{text}"
        );
        assert!(text.contains("Page 1 of 4 · 50 PTMs"), "{text}");
        assert!(
            text.contains("and 14 more"),
            "the missing list is cut: {text}"
        );
        let next = crate::support::button(&reply, "Next").to_string();
        let page2 = app
            .core
            .handle(&crate::support::click(DORA, &[Role::Director], &next))
            .await;
        let text2 = render(&page2, Style::PLAIN);
        assert!(text2.contains("Page 2 of 4"), "{text2}");
        let text4 = ok_as(&app, DORA, &[Role::Director], "/forecast team page:4").await;
        assert!(text4.contains("Page 4 of 4"), "{text4}");
        let err = err_as(&app, DORA, &[Role::Director], "/forecast team page:5").await;
        assert!(
            err.contains("page 5 is past the end: there are 4 pages"),
            "{err}"
        );
    }
);

crate::both_backends!(
    away_periods_merge_list_and_cancel,
    |app: TestApp| async move {
        team_setup(&app).await;
        ok_as(
            &app,
            DANA,
            &[Role::Ptm],
            "/away from:2026-12-21 to:2026-12-27",
        )
        .await;
        let text = ok_as(
            &app,
            DANA,
            &[Role::Ptm],
            r#"/away from:2026-12-26 to:2027-01-03 note:"Holidays""#,
        )
        .await;
        assert!(
            text.contains(
                "away Mon 21 Dec 2026 – Sun 3 Jan 2027 (14 days) (merged with 1 earlier period)"
            ),
            "{text}"
        );
        let rows: Vec<(String, String, String)> =
            sqlx::query_as("SELECT from_date, to_date, note FROM member_away ORDER BY id")
                .fetch_all(app.store().pool())
                .await
                .unwrap();
        assert_eq!(
            rows,
            vec![("2026-12-21".into(), "2027-01-03".into(), "Holidays".into())]
        );
        let text = ok_as(&app, DANA, &[Role::Ptm], "/away").await;
        assert!(
            text.contains("Mon 21 Dec 2026 – Sun 3 Jan 2027 (14 days) · Holidays"),
            "{text}"
        );
        let err = err_as(
            &app,
            DANA,
            &[Role::Ptm],
            "/away from:2026-12-10 to:2026-12-01",
        )
        .await;
        assert!(err.contains("is before `from:`"), "{err}");
        let err = err_as(
            &app,
            DANA,
            &[Role::Ptm],
            r#"/away to:2026-12-01 member:"Sam Ortiz""#,
        )
        .await;
        assert!(err.contains("only directors and admins"), "{err}");
        ok_as(
            &app,
            DORA,
            &[Role::Director],
            r#"/away to:2026-12-01 member:"Sam Ortiz""#,
        )
        .await;
        let text = ok_as(&app, DANA, &[Role::Ptm], "/away cancel:true").await;
        assert!(
            text.contains("Cancelled Dana Reyes's away period"),
            "{text}"
        );
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM member_away")
            .fetch_one(app.store().pool())
            .await
            .unwrap();
        assert_eq!(left, 1, "Sam's period stays");
    }
);
