//! KPIs against an independent computation: 64 deals across attributions (direct, resold,
//! marketplace, influenced, sourced through an approved registration, a sourcing partner
//! without registration), periods (this quarter, last quarter, earlier, open pipeline) and two
//! territories, compared with plain SQL written here, apart from the KPI module.

use crate::support::{squash, TestApp};

const QUARTER: (&str, &str) = ("2026-11-01", "2027-01-31");
/// Last quarter up to the same day: the clock is 27 November, day 27 of the quarter.
const LAST_QUARTER_TO_DATE: (&str, &str) = ("2026-08-01", "2026-08-27");
const LAST_QUARTER: (&str, &str) = ("2026-08-01", "2026-10-31");
const QUARTER_BEFORE: (&str, &str) = ("2026-05-01", "2026-07-31");

/// This quarter to date against last quarter to the same day.
const THIS_QUARTER: Compared = (QUARTER, LAST_QUARTER_TO_DATE, "FY27-Q3 to 27 Aug");
/// A past quarter against the whole quarter before it.
const PAST_QUARTER: Compared = (LAST_QUARTER, QUARTER_BEFORE, "FY27-Q2");
/// The fiscal year to date (FY27 starts 1 February 2026) against FY26 up to the same day.
const THIS_YEAR: Compared = (
    ("2026-02-01", "2027-01-31"),
    ("2025-02-01", "2025-11-27"),
    "FY26 to 27 Nov",
);

/// The period shown, the period compared with, and how the comparison is labelled.
type Compared = (
    (&'static str, &'static str),
    (&'static str, &'static str),
    &'static str,
);

/// The close date of deal `i`: this quarter, last quarter, this quarter again, or FY27-Q2.
fn close_of(i: usize) -> String {
    let day = 1 + i % 25;
    match (i / 8) % 4 {
        0 | 2 => format!("2026-11-{day:02}"),
        1 => format!("2026-{:02}-{day:02}", 8 + i % 3),
        _ => format!("2026-06-{day:02}"),
    }
}

async fn fixture(app: &TestApp) {
    for line in [
        r#"/territory add name:"AMER East""#,
        r#"/territory add name:"AMER West""#,
        r#"/partner add name:"Globex Services" type:gsi territory:"AMER East""#,
        r#"/partner add name:"Initech Resale" type:reseller territory:"AMER West""#,
        r#"/partner add name:"Umbrella Consulting" type:boutique_si"#,
    ] {
        app.ok(line).await;
    }
    for i in 0..64usize {
        let territory = if i % 2 == 0 { "AMER East" } else { "AMER West" };
        let amount = (i as i64 + 1) * 1000 + (i as i64 % 3) * 250;
        let close = close_of(i);
        let account = format!("Kpi {i:02} Co");
        let won = format!(
            r#"/deal add account:"{account}" amount:{amount} close:{close} stage:closed_won territory:"{territory}""#
        );
        match i % 8 {
            0 => drop(app.ok(&won).await),
            1 => drop(app.ok(&format!(r#"{won} reseller:"Initech Resale""#)).await),
            2 => drop(app.ok(&format!("{won} marketplace:aws")).await),
            3 => {
                app.ok(&won).await;
                let id = last_deal(app).await;
                app.ok(&format!(r#"/deal influence deal:#{id} partner:"Umbrella Consulting" type:demo description:"POC help""#)).await;
            }
            4 => {
                let text = app.ok(&format!(
                    r#"/deal register account:"{account}" amount:{amount} close:+30d type:resale partner:"Globex Services""#
                )).await;
                let reg = crate::registration::reg_id(&text);
                app.ok(&format!("/registration approve id:{reg}")).await;
                let id = last_deal(app).await;
                app.ok(&format!(
                    r#"/deal update deal:#{id} stage:closed_won close:{close} territory:"{territory}""#
                )).await;
            }
            5 => drop(app.ok(&format!(
                r#"/deal add account:"{account}" amount:{amount} close:2026-12-{:02} stage:negotiating territory:"{territory}""#,
                1 + i % 28
            )).await),
            6 => drop(app.ok(&format!(
                r#"/deal add account:"{account}" amount:{amount} close:{close} stage:closed_lost territory:"{territory}""#
            )).await),
            _ => drop(app.ok(&format!(r#"{won} partner:"Globex Services""#)).await),
        }
    }
    // Last fiscal year, before the same day: what this year is compared with.
    app.ok(r#"/deal add account:"Kpi Past Co" amount:33k close:2025-10-15 stage:closed_won territory:"AMER East" reseller:"Initech Resale""#).await;
    for (partner, kind, date) in [
        ("Globex Services", "meeting", "2026-11-10"),
        ("Globex Services", "qbr", "2026-11-12"),
        ("Initech Resale", "call", "2026-11-20"),
        // Last quarter: counted up to the same day (27 Aug), not after.
        ("Umbrella Consulting", "call", "2026-08-20"),
        ("Umbrella Consulting", "meeting", "2026-09-01"),
    ] {
        app.ok(&format!(
            r#"/touch log partner:"{partner}" type:{kind} date:{date}"#
        ))
        .await;
    }
}

async fn last_deal(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT MAX(id) FROM deals")
        .fetch_one(app.store().pool())
        .await
        .unwrap()
}

/// Revenue of won deals in a period and scope by attribution, in plain SQL: (total, sourced,
/// co-sell, influence, direct).
async fn revenue(app: &TestApp, (first, last): (&str, &str), scope: &str) -> [i64; 5] {
    let sourced = "EXISTS (SELECT 1 FROM registrations r WHERE r.deal_id = d.id \
        AND r.reg_type <> 'services_attach' AND r.status IN ('approved', 'closed_won'))";
    let resold = "(d.transacting_partner_id IS NOT NULL OR d.distributor_partner_id IS NOT NULL \
        OR d.marketplace <> 'none')";
    let helped = "EXISTS (SELECT 1 FROM deal_influences i WHERE i.deal_id = d.id)";
    let sql = format!(
        "SELECT CAST(COALESCE(SUM(d.amount_minor), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN {sourced} THEN d.amount_minor ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN NOT {sourced} AND {resold} THEN d.amount_minor ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN NOT {sourced} AND NOT {resold} AND {helped} THEN d.amount_minor ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN NOT {sourced} AND NOT {resold} AND NOT {helped} THEN d.amount_minor ELSE 0 END), 0) AS BIGINT) \
         FROM deals d WHERE d.stage = 'closed_won' AND d.close_date >= '{first}' \
         AND d.close_date <= '{last}' {scope}"
    );
    let row: (i64, i64, i64, i64, i64) = sqlx::query_as(&sql)
        .fetch_one(app.store().pool())
        .await
        .unwrap();
    [row.0, row.1, row.2, row.3, row.4]
}

/// `part / total` as a percentage with one decimal, rounded half up (written apart from the
/// KPI module on purpose).
/// `Commit $…`: open Commit pipeline closing in the period, by plain SQL.
async fn commit_text(app: &TestApp, (first, last): (&str, &str)) -> String {
    let commit: i64 = sqlx::query_scalar(&format!(
        "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM deals WHERE stage NOT IN \
         ('closed_won', 'closed_lost') AND forecast_category = 'commit' \
         AND close_date >= '{first}' AND close_date <= '{last}'"
    ))
    .fetch_one(app.store().pool())
    .await
    .unwrap();
    let usd = partnerbot::domain::money::Currency::parse("USD").unwrap();
    format!(
        "Commit {}",
        partnerbot::domain::money::format_money_short(commit, usd)
    )
}

fn pct(part: i64, total: i64) -> String {
    let tenths = (part as i128 * 2000 + total as i128) / (total as i128 * 2);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

async fn check(app: &TestApp, line: &str, scope: &str, (shown, with, label): Compared) {
    let text = squash(&app.ok(line).await);
    let now = revenue(app, shown, scope).await;
    let then = revenue(app, with, scope).await;
    assert!(
        now[0] > 0 && then[0] > 0,
        "the fixture has revenue in both quarters"
    );
    assert_eq!(now[1] + now[2] + now[3] + now[4], now[0]);
    let money = |minor: i64| {
        partnerbot::domain::money::format_money_short(
            minor,
            partnerbot::domain::money::Currency::parse("USD").unwrap(),
        )
    };
    for expected in [
        format!("Closed won (Net ARR) {} (", money(now[0])),
        format!("Partner sourced {}", pct(now[1], now[0])),
        format!("Co-sell / influence {}", pct(now[2] + now[3], now[0])),
        format!("Direct {}", pct(now[4], now[0])),
        format!("vs {label} ({})", money(then[0])),
    ] {
        assert!(
            text.contains(&expected),
            "`{line}`: missing `{expected}` in:\n{text}"
        );
    }
}

crate::both_backends!(
    kpis_equal_an_independent_sql_computation,
    |app: TestApp| async move {
        fixture(&app).await;
        let deals: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM deals")
            .fetch_one(app.store().pool())
            .await
            .unwrap();
        assert!(deals >= 60, "{deals} deals");
        check(&app, "/kpi", "", THIS_QUARTER).await;
        check(&app, "/kpi period:last_quarter", "", PAST_QUARTER).await;
        check(&app, "/kpi period:this_year", "", THIS_YEAR).await;
        let year = squash(&app.ok("/kpi period:FY27").await);
        assert!(
            year.contains("KPIs · Local workspace · FY27 to date"),
            "{year}"
        );
        assert!(year.contains("Pipeline closing in the year"), "{year}");
        let expected = commit_text(&app, THIS_YEAR.0).await;
        assert!(year.contains(&expected), "missing `{expected}`:\n{year}");
        let err = app.err("/kpi period:someday").await;
        assert!(
            err.contains("period `someday` is not a period") && err.contains("`last_year`"),
            "{err}"
        );
        let east: i64 = sqlx::query_scalar("SELECT id FROM territories WHERE name = 'AMER East'")
            .fetch_one(app.store().pool())
            .await
            .unwrap();
        check(
            &app,
            r#"/kpi territory:"AMER East""#,
            &format!("AND d.territory_id = {east}"),
            THIS_QUARTER,
        )
        .await;
        let globex: i64 =
            sqlx::query_scalar("SELECT id FROM partners WHERE name = 'Globex Services'")
                .fetch_one(app.store().pool())
                .await
                .unwrap();
        check(
            &app,
            r#"/kpi partner:"Globex Services""#,
            &format!(
                "AND ({globex} IN (COALESCE(d.sourcing_partner_id, 0), COALESCE(d.transacting_partner_id, 0), \
                 COALESCE(d.distributor_partner_id, 0)) OR EXISTS (SELECT 1 FROM deal_influences x \
                 WHERE x.deal_id = d.id AND x.partner_id = {globex}))"
            ),
            THIS_QUARTER,
        )
        .await;

        // New logos: accounts whose first won deal closes in the quarter.
        let logos: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM (SELECT account_id, MIN(close_date) AS first_win FROM deals \
             WHERE stage = 'closed_won' GROUP BY account_id) f \
             WHERE f.first_win >= '{}' AND f.first_win <= '{}'",
            QUARTER.0, QUARTER.1
        ))
        .fetch_one(app.store().pool())
        .await
        .unwrap();
        let text = squash(&app.ok("/kpi").await);
        assert!(
            text.contains(&format!("New logos {logos} (")),
            "{logos} logos:\n{text}"
        );
        // Open pipeline closing in the quarter, Commit.
        let expected = commit_text(&app, QUARTER).await;
        assert!(text.contains(&expected), "missing `{expected}`:\n{text}");
        assert!(
            text.contains("Partner touches 3 (+2 vs FY27-Q3 to 27 Aug)"),
            "{text}"
        );
        assert!(text.contains("Meeting 1 · Call 1 · QBR 1"), "{text}");
        let regs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM registrations")
            .fetch_one(app.store().pool())
            .await
            .unwrap();
        assert!(
            text.contains(&format!("{regs} submitted (+{regs})")),
            "{text}"
        );
    }
);
