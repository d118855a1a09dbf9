//! `/partner add|update|show|list` through the core, on both backends: the README line, every
//! option stored as given, refusals that say what to fix and write nothing, updates audited
//! before and after (in [`update`]), and the profile card and list as people read them (in
//! [`show`] and [`list`]).

mod list;
mod show;
mod update;

use crate::both_backends;
use crate::support::{TestApp, WS};
use partnerbot::store::audit;
use sqlx::Row;

pub const README_TERRITORY: &str = r#"/territory add name:"AMER East""#;
pub const README_LINE: &str =
    r#"/partner add name:"Globex Services" type:gsi territory:"AMER East""#;

/// The stored partner row, as text: every column a command writes.
pub async fn partner_row(app: &TestApp, name_key: &str) -> Vec<String> {
    let row = sqlx::query(
        "SELECT p.name, p.partner_type, p.track, p.professional_services, t.name AS territory, \
           p.domain, p.certs_sales, p.certs_sa, p.certs_pse, p.agreement_signed_on, \
           p.agreement_expires_on, p.business_plan_on_file FROM partners p \
         LEFT JOIN territories t ON t.id = p.territory_id \
         WHERE p.workspace_id = $1 AND p.name_key = $2",
    )
    .bind(WS)
    .bind(name_key)
    .fetch_one(app.store().pool())
    .await
    .expect("partner row");
    let text = |c: &str| {
        row.get::<Option<String>, _>(c)
            .unwrap_or_else(|| "∅".into())
    };
    let int = |c: &str| row.get::<i64, _>(c).to_string();
    vec![
        text("name"),
        text("partner_type"),
        text("track"),
        int("professional_services"),
        text("territory"),
        text("domain"),
        int("certs_sales"),
        int("certs_sa"),
        int("certs_pse"),
        text("agreement_signed_on"),
        text("agreement_expires_on"),
        int("business_plan_on_file"),
    ]
}

pub async fn latest_audit(app: &TestApp) -> audit::AuditRow {
    let mut conn = app.store().pool().acquire().await.expect("connection");
    audit::recent(&mut conn, WS, 1)
        .await
        .expect("audit rows")
        .pop()
        .expect("an audit row")
}

pub fn json(text: Option<&str>) -> serde_json::Value {
    serde_json::from_str(text.expect("json")).expect("valid json")
}

both_backends!(
    the_readme_line_adds_a_partner_in_its_territory,
    |app: TestApp| async move {
        app.ok(README_TERRITORY).await;
        let text = app.ok(README_LINE).await;
        assert!(
            text.starts_with("✔ Partner Globex Services added."),
            "{text}"
        );
        assert!(
            text.lines()
                .any(|l| l.starts_with("Territory ") && l.ends_with("  AMER East")),
            "{text}"
        );
        assert_eq!(
            partner_row(&app, "globex services").await,
            [
                "Globex Services",
                "gsi",
                "open",
                "0",
                "AMER East",
                "∅",
                "0",
                "0",
                "0",
                "∅",
                "∅",
                "0"
            ]
        );
        let row = latest_audit(&app).await;
        assert_eq!(
            (row.action.as_str(), row.entity.as_str()),
            ("partner.add", "partner")
        );
        assert!(row.before_json.is_none());
        let after = json(row.after_json.as_deref());
        assert_eq!(after["name"], "Globex Services");
        assert_eq!(after["partner_type"], "gsi");
        assert_eq!(after["territory"], "AMER East");
    }
);

both_backends!(
    a_partner_is_added_with_every_option,
    |app: TestApp| async move {
        app.ok(README_TERRITORY).await;
        let text = app
        .ok(r#"/partner add name:"Initech Cloud Services" type:"Boutique SI" territory:"amer east" track:select_services domain:https://www.Initech.com/about professional_services:true certs_sales:12 certs_sa:4 certs_pse:2 agreement_signed:2026-03-01 business_plan:true"#)
        .await;
        assert!(
            text.contains("Select Services · Professional Services Partner"),
            "{text}"
        );
        assert!(text.contains("current until 1 Mar 2027"), "{text}");
        assert!(text.contains("12 sales · 4 SA · 2 PSE"), "{text}");
        assert!(
            !text.contains("Check this"),
            "nothing to warn about: {text}"
        );
        assert_eq!(
            partner_row(&app, "initech cloud services").await,
            [
                "Initech Cloud Services",
                "boutique_si",
                "select_services",
                "1",
                "AMER East",
                "initech.com",
                "12",
                "4",
                "2",
                "2026-03-01",
                "2027-03-01",
                "1"
            ]
        );
        // An explicit expiry wins over the one-year default.
        app.ok(r#"/partner add name:"Hooli Resale" type:reseller agreement_signed:2026-01-10 agreement_expires:2028-01-09"#).await;
        let row = partner_row(&app, "hooli resale").await;
        assert_eq!(
            (row[9].as_str(), row[10].as_str()),
            ("2026-01-10", "2028-01-09")
        );
    }
);

both_backends!(
    a_select_partner_without_a_business_plan_is_added_with_a_warning,
    |app: TestApp| async move {
        let text = app
            .ok(r#"/partner add name:"Vandelay Industries" type:msp track:select"#)
            .await;
        assert!(text.contains("Check this"), "{text}");
        assert!(
        text.contains("The Select track requires a joint business plan, and none is on file for Vandelay Industries."),
        "{text}"
    );
        assert_eq!(partner_row(&app, "vandelay industries").await[2], "select");
    }
);

both_backends!(
    bad_partner_input_is_refused_clearly_and_writes_nothing,
    |app: TestApp| async move {
        app.ok(README_TERRITORY).await;
        app.ok(README_LINE).await;
        app.ok(r#"/partner add name:"Initech" type:reseller"#).await;
        let counts = app.table_counts().await;
        let before = partner_row(&app, "globex services").await;
        for (line, expected) in [
            (
                r#"/partner add name:"New One" type:resseller"#,
                "`type` cannot be `resseller`. Did you mean `reseller`?",
            ),
            (
                r#"/partner add name:"New One" type:gsi territory:"AMER Est""#,
                "no territory named `AMER Est`. Did you mean `AMER East`?",
            ),
            (
                r#"/partner add name:"globex  SERVICES" type:gsi"#,
                "a partner named Globex Services already exists",
            ),
            (
                r#"/partner add name:"New One" type:gsi track:gold"#,
                "`track` cannot be `gold`",
            ),
            (
                r#"/partner add name:"New One" type:gsi certs_pse:10001"#,
                "`certs_pse` must be at most 10000",
            ),
            (
                r#"/partner add name:"New One" type:gsi domain:"not a domain""#,
                "web domain `not a domain` does not look like a domain",
            ),
            (
                r#"/partner add name:"New One" type:gsi agreement_signed:2026-05-01 agreement_expires:2026-04-30"#,
                "the agreement must expire after it was signed",
            ),
            (
                r#"/partner add name:"New One" type:gsi agreement_expires:2027-01-01"#,
                "needs the day the agreement was signed too",
            ),
            (
                r#"/partner add name:"New One" type:gsi agreement_signed:someday"#,
                "date `someday` is not a date",
            ),
            (
                r#"/partner add name:"!!!" type:gsi"#,
                "has no letters or digits",
            ),
            (
                r#"/partner update partner:"Globex Services""#,
                "got nothing to change",
            ),
            (
                r#"/partner update partner:"Globex Services" type:gsi territory:"AMER East""#,
                "nothing to change: Globex Services already has those values",
            ),
            (
                r#"/partner update partner:"Globex Servics" track:select"#,
                "no partner named `Globex Servics`. Did you mean `Globex Services`?",
            ),
            (
                r#"/partner update partner:"Globex Services" name:"INITECH""#,
                "a partner named Initech already exists",
            ),
            (
                r#"/partner update partner:"Globex Services" agreement_expires:2027-01-01"#,
                "add `agreement_signed:`",
            ),
            (
                r#"/partner update partner:"Globex Services" territory:Nowhere"#,
                "no territory named `Nowhere`",
            ),
            (
                r#"/partner show partner:"Globx Services""#,
                "Did you mean `Globex Services`?",
            ),
            (
                r#"/partner list territory:"AMER Wast""#,
                "Did you mean `AMER East`?",
            ),
            (
                r#"/partner list type:integrator"#,
                "`type` cannot be `integrator`",
            ),
            (
                r#"/partner list page:2"#,
                "page 2 is past the end: there is 1 page of partners",
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
        assert_eq!(partner_row(&app, "globex services").await, before);
    }
);

both_backends!(
    partners_are_managed_by_the_partner_team_and_read_by_anyone,
    |app: TestApp| async move {
        use partnerbot::console::render::{render, Style};
        use partnerbot::domain::role::Role;
        app.ok(README_LINE
            .replace(r#" territory:"AMER East""#, "")
            .as_str())
            .await;
        let ptm = app
            .run_in(
                WS,
                "Priya Ptm",
                &[Role::Ptm],
                r#"/partner update partner:"Globex Services" certs_sa:3"#,
            )
            .await;
        assert!(!ptm.is_error(), "{}", render(&ptm, Style::PLAIN));
        let counts = app.table_counts().await;
        let field = app
            .run_exact(
                WS,
                "Fred Field",
                &[Role::FieldSales],
                r#"/partner add name:"X Corp" type:msp"#,
            )
            .await;
        let text = render(&field, Style::PLAIN);
        assert!(
            text.contains("`/partner add` is for Admin, Director or PTM"),
            "{text}"
        );
        let read = app
            .run_exact(
                WS,
                "Fred Field",
                &[Role::FieldSales],
                r#"/partner show partner:"Globex Services""#,
            )
            .await;
        assert!(!read.is_error(), "{}", render(&read, Style::PLAIN));
        let mut after = app.table_counts().await;
        // Fred is recorded as a member the first time he appears; nothing else changes.
        let members = after.iter_mut().find(|(t, _)| t == "members").unwrap();
        members.1 -= 1;
        assert_eq!(after, counts);
    }
);
