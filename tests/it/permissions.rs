//! Every command × every role (admin, director, PTM, field sales, no role): allowed commands
//! succeed, refused ones say who may run them and write nothing. The expected matrix is written
//! out here by hand, independently of the command table it checks.

use crate::support::{TestApp, WS};
use partnerbot::console::render::{render, Style};
use partnerbot::core::command::CommandKind;
use partnerbot::domain::role::Role;

/// (command key, a line that succeeds when allowed; `{n}` makes each run unique).
pub const LINES: &[(&str, &str)] = &[
    ("help", "/help"),
    ("setup show", "/setup show"),
    ("setup workspace", "/setup workspace timezone:Europe/Berlin name:\"Team {n}\""),
    ("setup role", "/setup role role:{n}00000000000 as:ptm"),
    ("setup channel", "/setup channel kind:review channel:{n}00000000000"),
    ("territory add", "/territory add name:\"Territory {n}\""),
    ("territory assign", "/territory assign territory:\"AMER East\" member:\"Dana Reyes\" as:field_sales remove:{flip}"),
    ("territory list", "/territory list"),
    ("partner add", "/partner add name:\"Partner {n}\" type:reseller"),
    ("partner update", "/partner update partner:\"Globex Services\" certs_sales:{n}"),
    ("partner show", "/partner show partner:\"Globex Services\""),
    ("partner list", "/partner list"),
    ("account add", "/account add name:\"Account {n}\""),
    ("account show", "/account show account:\"Acme Corp\""),
    ("deal add", "/deal add account:\"Acme Corp\" amount:{n}0k close:+30d partner:\"Globex Services\""),
    ("deal update", "/deal update deal:1 amount:{n}5k"),
    ("deal show", "/deal show deal:1"),
    ("deal list", "/deal list"),
    ("touch log", "/touch log partner:\"Globex Services\" type:call notes:\"call {n}\""),
    ("touch list", "/touch list"),
    ("deal influence", "/deal influence deal:1 partner:\"Umbrella Consulting\" type:other description:\"help {n}\""),
    ("program show", "/program show"),
    ("program discount", "/program discount track:select type:co_sell_resale discount:{n}bp"),
    ("program fee", "/program fee marketplace:gcp offer:private from:{n}k fee:2%"),
    ("quote check", "/quote check deal:1 discount:10% type:sourced_resale"),
    ("compliance", "/compliance"),
    ("deal register", "/deal register account:\"Reg Account {n}\" amount:10k close:+30d type:referral partner:\"Globex Services\""),
    ("registration approve", "/registration approve id:{reg}"),
    ("registration deny", "/registration deny id:{reg} reason:\"no {n}\""),
    ("registration return", "/registration return id:{reg} comments:\"fix {n}\""),
    ("registration resubmit", "/registration resubmit id:{returned} amount:{n}k"),
    ("registration extend", "/registration extend id:{approved}"),
    ("registration withdraw", "/registration withdraw id:{own}"),
    ("registration list", "/registration list"),
    ("registration show", "/registration show id:{reg}"),
    ("registration expiring", "/registration expiring"),
    ("forecast submit", "/forecast submit commit:{n}k best_case:{n}00k"),
    ("forecast show", "/forecast show"),
    ("forecast team", "/forecast team"),
    ("forecast export", "/forecast export"),
    ("away", "/away to:+2d note:\"away {n}\""),
    ("kpi", "/kpi"),
    ("schedule add", "/schedule add kind:forecast_reminder channel:{n}00000000000"),
    ("schedule list", "/schedule list"),
    ("schedule remove", "/schedule remove id:{schedule}"),
    ("schedule pause", "/schedule pause id:{schedule}"),
    ("schedule resume", "/schedule resume id:{schedule}"),
    ("schedule run-now", "/schedule run-now id:{schedule}"),
];

/// A line of [`LINES`] made runnable: `{n}` and `{flip}` filled, and each registration
/// placeholder replaced by the id of a fresh registration made for it: `{reg}` submitted,
/// `{approved}` approved, `{returned}` returned (all by the console user), `{own}` submitted by
/// the actor when they may register (else by the console user). `run(line, as_actor)` runs a
/// setup line as the actor or as the all-roles console user.
pub async fn prepare<F, Fut>(template: &str, n: usize, flip: bool, run: F) -> String
where
    F: Fn(String, bool) -> Fut,
    Fut: std::future::Future<Output = partnerbot::core::Reply>,
{
    let mut line = template
        .replace("{n}", &n.to_string())
        .replace("{flip}", if flip { "true" } else { "false" });
    let register = format!(
        "/deal register account:\"Perm Reg {n}\" amount:10k close:+30d type:referral partner:\"Globex Services\""
    );
    for (placeholder, then) in [
        ("{reg}", None),
        ("{approved}", Some("approve id:{id}")),
        ("{returned}", Some("return id:{id} comments:\"fix it\"")),
        ("{own}", None),
    ] {
        if !line.contains(placeholder) {
            continue;
        }
        let mut reply = run(register.clone(), placeholder == "{own}").await;
        if reply.is_error() {
            reply = run(register.clone(), false).await;
        }
        let text = render(&reply, Style::PLAIN);
        let id: String = text
            .split("Registration #")
            .nth(1)
            .unwrap_or_else(|| panic!("no registration made: {text}"))
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Some(then) = then {
            let done = run(
                format!("/registration {}", then.replace("{id}", &id)),
                false,
            )
            .await;
            assert!(!done.is_error(), "{done:?}");
        }
        line = line.replace(placeholder, &id);
    }
    if line.contains("{schedule}") {
        let reply = run(
            format!("/schedule add kind:kpi_digest channel:{n}00000000000"),
            false,
        )
        .await;
        let text = render(&reply, Style::PLAIN);
        let id: String = text
            .split("Schedule #")
            .nth(1)
            .unwrap_or_else(|| panic!("no schedule made: {text}"))
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        line = line.replace("{schedule}", &id);
    }
    line
}

const A: u8 = 1; // admin
const D: u8 = 2; // director
const P: u8 = 4; // PTM
const F: u8 = 8; // field sales
const N: u8 = 16; // no role (open reads on)

/// Who may run each command, by hand.
const EXPECTED: &[(&str, u8)] = &[
    ("help", A | D | P | F | N),
    ("setup show", A | D),
    ("setup workspace", A),
    ("setup role", A),
    ("setup channel", A),
    ("territory add", A | D),
    ("territory assign", A | D),
    ("territory list", A | D | P | F | N),
    ("partner add", A | D | P),
    ("partner update", A | D | P),
    ("partner show", A | D | P | F | N),
    ("partner list", A | D | P | F | N),
    ("account add", A | D | P | F),
    ("account show", A | D | P | F | N),
    ("deal add", A | D | P),
    ("deal update", A | D | P),
    ("deal show", A | D | P | F),
    ("deal list", A | D | P | F),
    ("touch log", A | D | P | F),
    ("touch list", A | D | P | F),
    ("deal influence", A | D | P),
    ("program show", A | D | P | F),
    ("program discount", A),
    ("program fee", A),
    ("quote check", A | D | P),
    ("compliance", A | D | P),
    ("deal register", A | D | P),
    ("registration approve", A | D),
    ("registration deny", A | D),
    ("registration return", A | D),
    ("registration resubmit", A | D | P),
    ("registration extend", A | D | P),
    ("registration withdraw", A | D | P),
    ("registration list", A | D | P | F),
    ("registration show", A | D | P | F),
    ("registration expiring", A | D | P | F),
    ("forecast submit", A | D | P),
    ("forecast show", A | D | P),
    ("forecast team", A | D),
    ("forecast export", A | D),
    ("away", A | D | P | F),
    ("kpi", A | D | P),
    ("schedule add", A | D),
    ("schedule list", A | D),
    ("schedule remove", A | D),
    ("schedule pause", A | D),
    ("schedule resume", A | D),
    ("schedule run-now", A | D),
];

fn personas() -> Vec<(u8, &'static str, Vec<Role>)> {
    vec![
        (A, "Ada Admin", vec![Role::Admin]),
        (D, "Dirk Director", vec![Role::Director]),
        (P, "Priya Ptm", vec![Role::Ptm]),
        (F, "Fred Field", vec![Role::FieldSales]),
        (N, "Nora Norole", vec![]),
    ]
}

fn is_denial(text: &str) -> bool {
    text.contains("is for ") || text.contains("needs a partnerbot role")
}

#[test]
fn the_matrix_and_the_lines_cover_every_command() {
    for kind in CommandKind::ALL {
        assert!(
            LINES.iter().any(|(k, _)| *k == kind.key()),
            "no line for {kind}"
        );
        assert!(
            EXPECTED.iter().any(|(k, _)| *k == kind.key()),
            "no expectation for {kind}"
        );
    }
    assert_eq!(LINES.len(), CommandKind::ALL.len());
    assert_eq!(EXPECTED.len(), CommandKind::ALL.len());
}

async fn seeded(app: &TestApp) {
    app.seed_basics().await;
    app.run(r#"/help"#).await;
    for (_, name, roles) in personas() {
        app.run_exact(WS, name, &roles, "/help").await;
    }
    app.run_exact(WS, "Dana Reyes", &[Role::FieldSales], "/help")
        .await;
    app.ok(r#"/territory assign territory:"AMER East" member:"Priya Ptm" as:ptm"#)
        .await;
    app.ok(r#"/partner add name:"Umbrella Consulting" type:boutique_si"#)
        .await;
}

crate::both_backends!(
    every_command_by_every_role_follows_the_matrix,
    |app: TestApp| async move {
        seeded(&app).await;
        let mut n = 1;
        let mut failures = Vec::new();
        for (bit, name, roles) in personas() {
            for (key, template) in LINES {
                n += 1;
                let line = prepare(template, n, n % 2 != 0, |line, as_actor| {
                    let app = &app;
                    let roles = roles.clone();
                    async move {
                        match as_actor {
                            true => app.run_exact(WS, name, &roles, &line).await,
                            false => app.run(&line).await,
                        }
                    }
                })
                .await;
                let allowed = EXPECTED.iter().find(|(k, _)| k == key).unwrap().1 & bit != 0;
                let before = app.table_counts().await;
                let reply = app.run_exact(WS, name, &roles, &line).await;
                let text = render(&reply, Style::PLAIN);
                if allowed && reply.is_error() && !text.contains("nothing to remove") {
                    failures.push(format!("{name} should run `{line}` but got: {text}"));
                }
                if !allowed {
                    if !is_denial(&text) {
                        failures.push(format!("{name} should be refused `{line}` but got: {text}"));
                    }
                    if app.table_counts().await != before {
                        failures.push(format!("refused `{line}` by {name} wrote something"));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
);

crate::both_backends!(
    a_closed_workspace_answers_no_one_without_a_role,
    |app: TestApp| async move {
        seeded(&app).await;
        app.ok("/setup workspace open_read:false").await;
        for line in [
            "/territory list",
            "/partner list",
            "/account show account:\"Acme Corp\"",
        ] {
            let text = render(
                &app.run_exact(WS, "Nora Norole", &[], line).await,
                Style::PLAIN,
            );
            assert!(text.contains("needs a partnerbot role"), "{line}: {text}");
        }
        let help = app.run_exact(WS, "Nora Norole", &[], "/help").await;
        assert!(!help.is_error());
    }
);

crate::both_backends!(
    a_denial_names_the_roles_that_may,
    |app: TestApp| async move {
        seeded(&app).await;
        let reply = app
            .run_exact(
                WS,
                "Fred Field",
                &[Role::FieldSales],
                r#"/territory add name:"X""#,
            )
            .await;
        let text = render(&reply, Style::PLAIN);
        insta::assert_snapshot!("permission_denied_territory_add", text);
    }
);
