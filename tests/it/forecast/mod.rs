//! Weekly forecasts end to end through the console path: suggestions against a hand-computed
//! fixture, submission rules (ordering, replacement, late), `/forecast show` week over week with
//! the deals that moved, the director's roll-up with missing, away and late PTMs, the CSV
//! export, `/away`, and who may do what.

mod flow;
mod suggestions;
mod team;

pub use crate::support::squash;
use crate::support::{TestApp, WS};
use chrono::{DateTime, TimeZone, Utc};
use partnerbot::console::render::{render, Style};
use partnerbot::core::Reply;
use partnerbot::domain::role::Role;

pub const DANA: &str = "Dana Reyes";
pub const SAM: &str = "Sam Ortiz";
pub const ALEX: &str = "Alex Kim";
pub const MO: &str = "Mo Patel";
pub const DORA: &str = "Dora Director";

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// Runs `line` as `name` holding `roles`; must succeed.
pub async fn ok_as(app: &TestApp, name: &str, roles: &[Role], line: &str) -> String {
    let reply = app.run_exact(WS, name, roles, line).await;
    let text = render(&reply, Style::PLAIN);
    assert!(!reply.is_error(), "`{line}` as {name} failed:\n{text}");
    text
}

/// Runs `line` as `name` holding `roles`; must be refused.
pub async fn err_as(app: &TestApp, name: &str, roles: &[Role], line: &str) -> String {
    let reply = app.run_exact(WS, name, roles, line).await;
    let text = render(&reply, Style::PLAIN);
    assert!(
        reply.is_error(),
        "`{line}` as {name} should be refused:\n{text}"
    );
    text
}

pub async fn reply_as(app: &TestApp, name: &str, roles: &[Role], line: &str) -> Reply {
    app.run_exact(WS, name, roles, line).await
}

/// Two territories; Dana is PTM of AMER East; Sam, Alex and Mo of AMER West (Alex also of
/// EMEA); Dora directs. Every member has used partnerbot once.
pub async fn team_setup(app: &TestApp) {
    for line in [
        r#"/territory add name:"AMER East""#,
        r#"/territory add name:"AMER West""#,
        r#"/territory add name:"EMEA North""#,
    ] {
        app.ok(line).await;
    }
    for name in [DANA, SAM, ALEX, MO] {
        ok_as(app, name, &[Role::Ptm], "/help").await;
    }
    ok_as(app, DORA, &[Role::Director], "/help").await;
    for (territory, member) in [
        ("AMER East", DANA),
        ("AMER West", SAM),
        ("AMER West", ALEX),
        ("EMEA North", ALEX),
        ("EMEA North", MO),
    ] {
        app.ok(&format!(
            r#"/territory assign territory:"{territory}" member:"{member}" as:ptm"#
        ))
        .await;
    }
}

/// Rows in `forecasts` for `name` (by the console's user id for that name).
pub async fn forecast_rows(app: &TestApp, name: &str) -> Vec<(String, i64, i64, i64, String)> {
    let user = partnerbot::console::local_user_id(name);
    sqlx::query_as::<_, (String, i64, i64, i64, String)>(
        "SELECT week_start, commit_minor, most_likely_minor, best_case_minor, notes FROM forecasts \
         WHERE workspace_id = $1 AND user_id = $2 ORDER BY week_start",
    )
    .bind(WS)
    .bind(user)
    .fetch_all(app.store().pool())
    .await
    .expect("forecast rows")
}
