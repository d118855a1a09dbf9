//! The KPI figures that exist only "now" compared with a quarter ago through the daily
//! snapshots the running bot takes: pipeline by category, registrations pending, compliance
//! gaps and certified people on 27 November against the snapshot of 27 August, for the
//! workspace and a territory, each checked against plain SQL run on each day.

use crate::support::{squash, TestApp, WS};
use chrono::{TimeZone, Utc};
use partnerbot::console::render::{render, Style};
use partnerbot::domain::money::{format_money_short, Currency};

/// Open Commit pipeline closing in `[first, last]`, by plain SQL (`scope`: an extra filter).
async fn commit(app: &TestApp, (first, last): (&str, &str), scope: &str) -> i64 {
    sqlx::query_scalar(&format!(
        "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM deals d WHERE stage NOT IN \
         ('closed_won', 'closed_lost') AND forecast_category = 'commit' \
         AND close_date >= '{first}' AND close_date <= '{last}' {scope}"
    ))
    .fetch_one(app.store().pool())
    .await
    .unwrap()
}

async fn pending(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM registrations WHERE status IN ('submitted', 'pending_review')",
    )
    .fetch_one(app.store().pool())
    .await
    .unwrap()
}

fn usd(minor: i64) -> String {
    format_money_short(minor, Currency::parse("USD").unwrap())
}

crate::both_backends!(
    point_in_time_kpis_compare_with_the_snapshot_of_the_same_day,
    |app: TestApp| async move {
        app.clock
            .set(Utc.with_ymd_and_hms(2026, 8, 27, 0, 5, 0).unwrap());
        for line in [
            r#"/territory add name:"AMER East""#,
            r#"/territory add name:"AMER West""#,
            r#"/partner add name:"Globex Services" type:gsi territory:"AMER East" certs_sales:4 certs_sa:2"#,
            r#"/deal add account:"Acme Corp" amount:100k close:2026-09-15 stage:negotiating forecast:commit territory:"AMER East""#,
            r#"/deal add account:"Bluth Co" amount:40k close:2026-10-20 stage:proposal forecast:commit territory:"AMER West""#,
            r#"/deal add account:"Hooli" amount:70k close:2026-12-10 stage:proposal forecast:commit territory:"AMER East""#,
            r#"/deal register account:"Initrode" amount:50k close:+30d type:resale partner:"Globex Services""#,
        ] {
            app.ok(line).await;
        }
        let q3 = ("2026-08-01", "2026-10-31");
        let (august_commit, august_pending) = (commit(&app, q3, "").await, pending(&app).await);
        assert_eq!(august_commit, 14_000_000, "Acme and Bluth close in FY27-Q3");
        assert_eq!(app.core.take_kpi_snapshots().await.unwrap(), 1);
        assert_eq!(
            app.core.take_kpi_snapshots().await.unwrap(),
            0,
            "one snapshot a day"
        );
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM kpi_snapshots")
            .fetch_one(app.store().pool())
            .await
            .unwrap();
        assert_eq!(rows, 3, "the workspace and its two territories");

        // A quarter later: more pipeline, another registration, more certified people.
        app.clock
            .set(Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap());
        for line in [
            r#"/deal add account:"Cyberdyne" amount:250k close:2027-01-15 stage:negotiating forecast:commit territory:"AMER West""#,
            r#"/deal register account:"Massive Dynamic" amount:60k close:+45d type:referral partner:"Globex Services""#,
            r#"/partner update partner:"Globex Services" certs_sales:9"#,
        ] {
            app.ok(line).await;
        }
        let q4 = ("2026-11-01", "2027-01-31");
        let now_commit = commit(&app, q4, "").await;
        assert_eq!(
            now_commit, 32_000_000,
            "Hooli and Cyberdyne close in FY27-Q4"
        );
        let text = squash(&app.ok("/kpi").await);
        let change = now_commit - august_commit;
        for expected in [
            format!("Commit {} (+{} (+128.6%))", usd(now_commit), usd(change)),
            "vs the FY27-Q3 pipeline as of 27 Aug".to_string(),
            format!(
                "{} pending now (+{} vs 27 Aug)",
                pending(&app).await,
                pending(&app).await - august_pending
            ),
            "Certified people per partner 11.0 (1 partner) +5.0 vs 27 Aug".to_string(),
        ] {
            assert!(text.contains(&expected), "missing `{expected}` in:\n{text}");
        }
        assert!(!text.contains("no snapshot"), "{text}");
        // The digest shows the pipeline's movement too.
        let digest = app.core.digest(WS).await.unwrap().expect("workspace 1");
        let posted = squash(&render(
            &partnerbot::core::kpi::digest::reply(&digest),
            Style::PLAIN,
        ));
        let expected = format!(
            "Commit {} (+{} (+128.6%)) · Best Case $0 (no change) · Pipeline $0 (no change) vs \
             FY27-Q3 as of 27 Aug",
            usd(now_commit),
            usd(change)
        );
        assert!(
            posted.contains(&expected),
            "missing `{expected}` in:\n{posted}"
        );

        // A territory compares with its own snapshot.
        let east: i64 = sqlx::query_scalar("SELECT id FROM territories WHERE name = 'AMER East'")
            .fetch_one(app.store().pool())
            .await
            .unwrap();
        let scope = format!("AND d.territory_id = {east}");
        let (then_east, now_east) = (
            commit(&app, q3, &scope).await,
            commit(&app, q4, &scope).await,
        );
        let text = squash(&app.ok(r#"/kpi territory:"AMER East""#).await);
        let expected = format!(
            "Commit {} (-{} (-30.0%))",
            usd(now_east),
            usd(then_east - now_east)
        );
        assert!(text.contains(&expected), "missing `{expected}` in:\n{text}");

        // No snapshot of the day compared with: said once, in the footer.
        app.clock
            .set(Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap());
        let text = squash(&app.ok("/kpi").await);
        assert!(
            text.contains("no snapshot of 28 Aug to compare with"),
            "{text}"
        );
        assert!(!text.contains("vs the FY27-Q3 pipeline"), "{text}");
        // A past quarter, or a partner, has no snapshot comparison and no note.
        for line in [
            "/kpi period:last_quarter",
            r#"/kpi partner:"Globex Services""#,
        ] {
            let text = squash(&app.ok(line).await);
            assert!(!text.contains("snapshot"), "`{line}`:\n{text}");
        }
    }
);
