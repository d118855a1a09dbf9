//! `/touch log|list` through the core, on both backends: the README line, dates in the
//! workspace's timezone, refusals that write nothing, notes stored verbatim, deal/account links,
//! list filters, the "mine" default and pagination (in [`list`]).

mod list;

use crate::both_backends;
use crate::support::{TestApp, WS};
use chrono::{TimeZone, Utc};
use partnerbot::console::local_user_id;
use partnerbot::console::render::{render, Style};
use partnerbot::core::Reply;
use partnerbot::domain::names::name_key;
use partnerbot::store::audit;

const README_LINE: &str = r#"/touch log partner:"Globex Services" type:meeting notes:"QBR prep with their practice lead""#;

/// Ids of the records the tests link touches to.
struct Seed {
    globex: i64,
    initech: i64,
    acme: i64,
    umbrella: i64,
    acme_deal: i64,
    umbrella_deal: i64,
}

/// Two partners, two accounts and a deal on each, written directly so these tests depend on
/// nothing but the schema.
async fn seed(app: &TestApp) -> Seed {
    app.ok("/help").await; // creates the workspace and the console member
    let globex = insert_named(
        app,
        "partners",
        "Globex Services",
        ", partner_type, updated_at",
        ", 'gsi', $4",
    )
    .await;
    let initech = insert_named(
        app,
        "partners",
        "Initech Partners",
        ", partner_type, updated_at",
        ", 'reseller', $4",
    )
    .await;
    let acme = insert_named(app, "accounts", "Acme Corp", ", domain", ", 'acme.com'").await;
    let umbrella = insert_named(
        app,
        "accounts",
        "Umbrella Corp",
        ", domain",
        ", 'umbrella.com'",
    )
    .await;
    let acme_deal = insert_deal(app, acme, "Acme platform").await;
    let umbrella_deal = insert_deal(app, umbrella, "Umbrella renewal").await;
    Seed {
        globex,
        initech,
        acme,
        umbrella,
        acme_deal,
        umbrella_deal,
    }
}

async fn insert_named(app: &TestApp, table: &str, name: &str, columns: &str, values: &str) -> i64 {
    let sql = format!(
        "INSERT INTO {table} (workspace_id, name, name_key, created_at{columns}) \
         VALUES ($1, $2, $3, '2026-11-01T00:00:00.000Z'{values}) RETURNING id"
    );
    let mut query = sqlx::query_scalar::<_, i64>(&sql)
        .bind(WS)
        .bind(name)
        .bind(name_key(name));
    if values.contains("$4") {
        query = query.bind("2026-11-01T00:00:00.000Z");
    }
    query.fetch_one(app.store().pool()).await.expect(&sql)
}

async fn insert_deal(app: &TestApp, account_id: i64, name: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO deals (workspace_id, account_id, name, amount_minor, stage, close_date, \
         forecast_category, deal_path, owner_user_id, created_at, updated_at) \
         VALUES ($1, $2, $3, 1000000, 'discovery', '2026-12-15', 'pipeline', 'partner', $4, \
         '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z') RETURNING id",
    )
    .bind(WS)
    .bind(account_id)
    .bind(name)
    .bind(local_user_id("console"))
    .fetch_one(app.store().pool())
    .await
    .expect("insert deal")
}

/// A stored touch: (partner_id, type, account_id, deal_id, occurred_on, notes, logged_by).
type Stored = (i64, String, Option<i64>, Option<i64>, String, String, i64);

async fn touches(app: &TestApp) -> Vec<Stored> {
    sqlx::query_as::<_, Stored>(
        "SELECT partner_id, touch_type, account_id, deal_id, occurred_on, notes, logged_by \
         FROM touches ORDER BY id",
    )
    .fetch_all(app.store().pool())
    .await
    .expect("touches")
}

async fn last_touch(app: &TestApp) -> Stored {
    touches(app).await.pop().expect("a touch was stored")
}

fn plain(reply: &Reply) -> String {
    render(reply, Style::PLAIN)
}

both_backends!(
    the_readme_line_logs_a_meeting_and_its_audit_row,
    |app: TestApp| async move {
        let seed = seed(&app).await;
        let text = app.ok(README_LINE).await;
        assert_eq!(
            text.trim(),
            "✔ Logged a meeting with Globex Services (Fri 27 Nov 2026)"
        );
        let reply = app.run(README_LINE).await;
        assert_eq!(
            reply.text.as_ref().and_then(|t| t.as_plain()),
            Some("Logged a meeting with **Globex Services** (Fri 27 Nov 2026)")
        );

        let stored = last_touch(&app).await;
        let console = local_user_id("console");
        let expected: Stored = (
            seed.globex,
            "meeting".into(),
            None,
            None,
            "2026-11-27".into(),
            "QBR prep with their practice lead".into(),
            console.get(),
        );
        assert_eq!(stored, expected);

        let mut conn = app.store().pool().acquire().await.unwrap();
        let rows = audit::recent(&mut conn, WS, 1).await.unwrap();
        let row = &rows[0];
        assert_eq!(
            (row.action.as_str(), row.entity.as_str()),
            ("touch.log", "touch")
        );
        assert_eq!(row.actor_name, "console");
        assert_eq!(row.before_json, None);
        let after: serde_json::Value =
            serde_json::from_str(row.after_json.as_deref().unwrap()).unwrap();
        assert_eq!(after["partner"], "Globex Services");
        assert_eq!(after["type"], "meeting");
        assert_eq!(after["occurred_on"], "2026-11-27");
        assert_eq!(after["notes"], "QBR prep with their practice lead");
        assert_eq!(after["logged_by"], console.get());
        let id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM touches")
            .fetch_one(app.store().pool())
            .await
            .unwrap();
        assert_eq!(row.entity_id, Some(id));
    }
);

both_backends!(
    the_date_defaults_to_today_in_the_workspace_timezone,
    |app: TestApp| async move {
        seed(&app).await;
        sqlx::query("UPDATE workspaces SET timezone = 'Pacific/Auckland' WHERE id = $1")
            .bind(WS)
            .execute(app.store().pool())
            .await
            .unwrap();
        // 12:00 UTC on the 27th is 01:00 on Saturday the 28th in Auckland (UTC+13 in summer).
        app.clock
            .set(Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap());
        let text = app
            .ok(r#"/touch log partner:"Globex Services" type:call"#)
            .await;
        assert!(
            text.contains("Logged a call with Globex Services (Sat 28 Nov 2026)"),
            "{text}"
        );
        assert_eq!(last_touch(&app).await.4, "2026-11-28");

        for (date, stored) in [
            ("yesterday", "2026-11-27"),
            ("-3d", "2026-11-25"),
            ("2026-11-20", "2026-11-20"),
            ("2026-11-28", "2026-11-28"),
            ("today", "2026-11-28"),
        ] {
            app.ok(&format!(
                r#"/touch log partner:"Globex Services" type:email date:{date}"#
            ))
            .await;
            assert_eq!(last_touch(&app).await.4, stored, "date:{date}");
        }
        let err = app
            .err(r#"/touch log partner:"Globex Services" type:email date:2026-11-29"#)
            .await;
        assert!(
            err.contains("a touch happens in the past; use today or an earlier date"),
            "{err}"
        );
    }
);

both_backends!(
    refusals_say_what_to_fix_and_write_nothing,
    |app: TestApp| async move {
        let seed = seed(&app).await;
        app.ok(README_LINE).await;
        let long_notes = "n".repeat(2001);
        let other_deal = format!(
            r#"/touch log partner:"Globex Services" type:call account:"Acme Corp" deal:#{}"#,
            seed.umbrella_deal
        );
        let wrong_account = format!(
            "deal #{} (Umbrella renewal) is on account Umbrella Corp, not Acme Corp",
            seed.umbrella_deal
        );
        let cases: Vec<(String, Vec<&str>)> = vec![
            (
                r#"/touch log partner:"Globex Services" type:call date:tomorrow"#.into(),
                vec![
                    "Sat 28 Nov 2026 is in the future",
                    "a touch happens in the past; use today or an earlier date",
                ],
            ),
            (
                format!(r#"/touch log partner:"Globex Services" type:call notes:"{long_notes}""#),
                vec!["`notes` is 2001 characters; the limit is 2000"],
            ),
            (
                r#"/touch log partner:"Globex Servces" type:call"#.into(),
                vec![
                    "no partner named `Globex Servces`",
                    "Did you mean `Globex Services`?",
                ],
            ),
            (
                r#"/touch log partner:"Globex Services" type:meting"#.into(),
                vec![
                    "`type` cannot be `meting`",
                    "Did you mean `meeting`?",
                    "Choose one of:",
                ],
            ),
            (
                r#"/touch log partner:"Globex Services""#.into(),
                vec!["needs `type:`"],
            ),
            (other_deal, vec![wrong_account.as_str()]),
            (
                r#"/touch log partner:"Globex Services" type:call deal:#9999"#.into(),
                vec!["there is no deal #9999"],
            ),
            (
                r#"/touch log partner:"Globex Services" type:call deal:next"#.into(),
                vec!["a deal number like `#12`, not `next`"],
            ),
            (
                r#"/touch log partner:"Globex Services" type:call account:"Acme Crop""#.into(),
                vec!["no account named `Acme Crop`", "Did you mean `Acme Corp`?"],
            ),
        ];
        let before = app.table_counts().await;
        let stored_before = touches(&app).await;
        for (line, fragments) in &cases {
            let text = app.err(line).await;
            for fragment in fragments {
                assert!(
                    text.contains(fragment),
                    "`{line}` refused without `{fragment}`:\n{text}"
                );
            }
            assert_eq!(app.table_counts().await, before, "`{line}` wrote something");
        }
        assert_eq!(touches(&app).await, stored_before);
    }
);

both_backends!(
    notes_with_sql_and_quotes_are_stored_verbatim,
    |app: TestApp| async move {
        seed(&app).await;
        let notes = r#"'; DROP TABLE touches; -- "quoted" 100% _x_ \ it's"#;
        let line = r#"/touch log partner:"Globex Services" type:other notes:"'; DROP TABLE touches; -- \"quoted\" 100% _x_ \ it's""#;
        let text = app.ok(line).await;
        assert!(
            text.contains("Logged a touch with Globex Services"),
            "{text}"
        );
        assert_eq!(last_touch(&app).await.5, notes);
        let list = app.ok("/touch list").await;
        assert!(
            list.contains(r#"'; DROP TABLE touches; -- "quoted" 100% _x_ \ it's"#),
            "{list}"
        );
    }
);

both_backends!(
    a_deal_brings_its_account_and_accounts_match_by_domain,
    |app: TestApp| async move {
        let seed = seed(&app).await;
        let text = app
            .ok(&format!(
                r#"/touch log partner:"Initech Partners" type:qbr deal:#{}"#,
                seed.acme_deal
            ))
            .await;
        assert!(
        text.contains(&format!(
            "Logged a QBR with Initech Partners (Fri 27 Nov 2026) · account Acme Corp · deal #{} Acme platform",
            seed.acme_deal
        )),
        "{text}"
    );
        let t = last_touch(&app).await;
        assert_eq!(
            (t.0, t.2, t.3),
            (seed.initech, Some(seed.acme), Some(seed.acme_deal))
        );

        app.ok(&format!(
        r#"/touch log partner:"Initech Partners" type:call account:https://www.umbrella.com/about deal:{}"#,
        seed.umbrella_deal
    ))
    .await;
        let t = last_touch(&app).await;
        assert_eq!((t.2, t.3), (Some(seed.umbrella), Some(seed.umbrella_deal)));

        app.ok(r#"/touch log partner:"Initech Partners" type:event account:"acme corp""#)
            .await;
        let t = last_touch(&app).await;
        assert_eq!((t.2, t.3), (Some(seed.acme), None));
    }
);

both_backends!(a_touch_list_reads_well, |app: TestApp| async move {
    let seed = seed(&app).await;
    let deal_line = format!(
        r#"/touch log partner:"Globex Services" type:qbr date:2026-11-20 deal:#{}"#,
        seed.acme_deal
    );
    let lines = [
        r#"/touch log partner:"Globex Services" type:meeting notes:"QBR prep with their practice lead""#,
        r#"/touch log partner:"Initech Partners" type:enablement date:yesterday account:acme.com notes:"Two SAs certified.\nNext: a POC plan for Acme's platform team, due before the end of the quarter""#,
        deal_line.as_str(),
    ];
    for line in lines {
        app.ok(line).await;
    }
    let text = app.ok("/touch list").await;
    insta::assert_snapshot!("touch_list", text);
});
