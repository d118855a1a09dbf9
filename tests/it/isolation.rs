//! Workspace isolation: after filling workspace A, every read command run in workspace B finds
//! none of A's data, and B's writes do not touch A.

use crate::support::TestApp;
use partnerbot::console::render::{render, Style};
use partnerbot::domain::ids::WorkspaceId;

const B: WorkspaceId = WorkspaceId::new(2);

/// Every read command, with the names that exist in A.
const READS: &[&str] = &[
    "/help",
    "/setup show",
    "/territory list",
    "/partner list",
    "/partner list search:Globex",
    "/partner show partner:\"Globex Services\"",
    "/account show account:\"Acme Corp\"",
    "/account show account:acme.com",
    "/deal list",
    "/deal list open:false",
    "/deal show deal:1",
    "/touch list",
    "/touch list partner:\"Globex Services\"",
    "/program show",
    "/quote check deal:1 discount:10% type:sourced_resale",
    "/compliance",
    "/compliance partner:\"Globex Services\"",
    "/registration list",
    "/registration list status:submitted",
    "/registration show id:1",
    "/registration expiring days:365",
    "/forecast show",
    "/forecast show territory:\"AMER East\"",
    "/forecast show week:last",
    "/forecast team",
    "/forecast export",
    "/away",
    "/kpi",
    "/kpi territory:\"AMER East\"",
    "/kpi partner:\"Globex Services\"",
    "/kpi period:last_quarter",
    "/schedule list",
];

/// Text that only A's data contains.
const SECRETS: &[&str] = &[
    "AMER East",
    "Globex",
    "Acme",
    "QBR prep",
    "120,000",
    "$120k",
];

crate::both_backends!(
    reads_in_one_workspace_never_show_another_workspaces_data,
    |app: TestApp| async move {
        app.seed_basics().await;
        app.ok(r#"/account add name:"Acme Subsidiary" domain:eu.acme.com"#)
            .await;
        app.ok(r#"/deal register account:"Acme Corp" amount:120k close:+30d type:resale partner:"Globex Services" confirm:true reason:"QBR prep""#)
            .await;
        app.ok("/registration approve id:1").await;
        app.ok(r#"/setup workspace name:"Workspace A Secret""#)
            .await;
        app.ok(r#"/territory assign territory:"AMER East" member:"console" as:ptm"#)
            .await;
        app.ok(r#"/forecast submit commit:120k best_case:200k notes:"QBR prep""#)
            .await;
        app.ok(r#"/away to:+3d note:"QBR prep""#).await;
        app.ok("/setup channel kind:digest channel:424242424242")
            .await;
        for line in READS {
            let reply = app.run_in(B, "console", &[], line).await;
            let mut text = render(&reply, Style::PLAIN);
            // A reply may repeat what was typed ("no partner named `Globex Services`"), nothing more.
            for typed in quoted_values(line) {
                text = text.replace(&typed, "…");
            }
            for secret in SECRETS.iter().chain(["Workspace A Secret"].iter()) {
                assert!(
                    !text.contains(secret),
                    "`{line}` in workspace B shows `{secret}`:\n{text}"
                );
            }
        }
        // The same names can be created in B without clashing with A.
        let b = |line: &'static str| {
            let app = &app;
            async move {
                let reply = app.run_in(B, "console", &[], line).await;
                let text = render(&reply, Style::PLAIN);
                assert!(!reply.is_error(), "`{line}` in B failed: {text}");
            }
        };
        b(r#"/territory add name:"AMER East""#).await;
        b(r#"/partner add name:"Globex Services" type:reseller territory:"AMER East""#).await;
        b(r#"/deal add account:"Acme Corp" amount:5k partner:"Globex Services" close:2026-12-20"#)
            .await;
        let a_partner = app.ok(r#"/partner show partner:"Globex Services""#).await;
        assert!(
            a_partner.contains("GSI"),
            "A's partner kept its type: {a_partner}"
        );
        let a_deals = app.ok("/deal list").await;
        assert!(a_deals.contains("120"), "{a_deals}");
        assert!(
            !a_deals.contains("5,000") && !a_deals.contains("$5k"),
            "{a_deals}"
        );
    }
);

#[test]
fn every_read_command_is_covered_by_the_isolation_test() {
    for kind in partnerbot::core::command::CommandKind::ALL
        .iter()
        .filter(|c| !c.writes())
    {
        assert!(
            READS
                .iter()
                .any(|line| line.trim_start_matches('/').starts_with(kind.key())),
            "read command `{}` is not exercised in workspace B",
            kind.key()
        );
    }
}

/// The values typed in a line (`partner:"Globex Services"` gives `Globex Services`).
fn quoted_values(line: &str) -> Vec<String> {
    partnerbot::console::parse::parse_line(line)
        .map(|parsed| parsed.options.into_iter().map(|(_, v)| v).collect())
        .unwrap_or_default()
}
