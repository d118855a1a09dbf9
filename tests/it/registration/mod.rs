//! Deal registrations end to end: `/deal register` with conflict detection, the review flow
//! (approve, deny, return, resubmit, extend, expire, close with the deal) with the database
//! checked after each step, buttons and posts in the review channel, and a race between two
//! approvals of the same deal.

pub mod conflicts;
mod flow;
mod race;
mod review_channel;

pub use crate::support::{button, click, submit};
use crate::support::{TestApp, WS};
use partnerbot::domain::ids::{ChannelId, WorkspaceId};

/// The review channel tests set.
pub const REVIEW_CHANNEL: ChannelId = ChannelId::new(123_456_789_012);

/// The number in the first `Registration #N` of a reply.
pub fn reg_id(text: &str) -> i64 {
    let start = text
        .find("Registration #")
        .unwrap_or_else(|| panic!("no registration number in:\n{text}"))
        + "Registration #".len();
    text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("registration number")
}

/// A territory and two partners (a GSI and a reseller) in workspace `ws`.
pub async fn setup_in(app: &TestApp, ws: WorkspaceId) {
    for line in [
        r#"/territory add name:"AMER East""#,
        r#"/partner add name:"Globex Services" type:gsi territory:"AMER East""#,
        r#"/partner add name:"Initech Resale" type:reseller"#,
    ] {
        let reply = app.run_in(ws, "console", &[], line).await;
        assert!(!reply.is_error(), "{line}: {reply:?}");
    }
}

pub async fn setup(app: &TestApp) {
    setup_in(app, WS).await;
}

/// Registers and returns the new registration's id.
pub async fn register(app: &TestApp, line: &str) -> i64 {
    reg_id(&app.ok(line).await)
}

/// A stored column of registration `id`, as text.
pub async fn column(app: &TestApp, id: i64, column: &str) -> Option<String> {
    sqlx::query_scalar::<_, Option<String>>(&format!(
        "SELECT {column} FROM registrations WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(app.store().pool())
    .await
    .expect("registration row")
}

pub async fn status(app: &TestApp, id: i64) -> String {
    column(app, id, "status").await.expect("status")
}
