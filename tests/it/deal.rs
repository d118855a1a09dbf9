//! `/deal add|update|show|list` through the core, on both backends: the README line, defaults,
//! every refusal (and that it writes nothing), audit rows, and the deal card.

mod list;
mod show;
mod update;

use crate::both_backends;
use crate::support::{TestApp, WS};
use partnerbot::console::render::{render, Style};
use partnerbot::domain::role::Role;
use partnerbot::store::audit::{self, AuditRow};

/// The README's first two lines: a territory and a GSI partner in it.
pub(crate) async fn readme_setup(app: &TestApp) {
    app.ok(r#"/territory add name:"AMER East""#).await;
    app.ok(r#"/partner add name:"Globex Services" type:gsi territory:"AMER East""#)
        .await;
}

pub(crate) const README_DEAL: &str =
    r#"/deal add account:"Acme Corp" amount:120k partner:"Globex Services" close:2026-12-15"#;

/// Makes `name` a member with `roles` (they ran `/help` once) and returns how to act as them.
pub(crate) async fn member(app: &TestApp, name: &str, roles: &[Role]) {
    let reply = app.run_in(WS, name, roles, "/help").await;
    assert!(!reply.is_error());
}

/// Runs `line` as `name` holding `roles`; returns (refused?, plain text).
pub(crate) async fn run_as(
    app: &TestApp,
    name: &str,
    roles: &[Role],
    line: &str,
) -> (bool, String) {
    let reply = app.run_in(WS, name, roles, line).await;
    (reply.is_error(), render(&reply, Style::PLAIN))
}

pub(crate) async fn int(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(app.store().pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

pub(crate) async fn text(app: &TestApp, sql: &str) -> Option<String> {
    sqlx::query_scalar::<_, Option<String>>(sql)
        .fetch_one(app.store().pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

pub(crate) async fn audit_rows(app: &TestApp) -> Vec<AuditRow> {
    let mut conn = app.store().pool().acquire().await.unwrap();
    audit::recent(&mut conn, WS, 100).await.unwrap()
}

/// Writes a registration the way the (later) registration commands will.
pub(crate) async fn registration(
    app: &TestApp,
    deal_id: Option<i64>,
    account_id: i64,
    partner: &str,
    reg_type: &str,
    status: &str,
    expires_on: Option<&str>,
) {
    sqlx::query(
        "INSERT INTO registrations (workspace_id, deal_id, account_id, partner_id, reg_type, status, \
         amount_minor, close_date, submitted_by, submitted_at, approved_on, expires_on, updated_at) \
         VALUES (1, $1, $2, (SELECT id FROM partners WHERE workspace_id = 1 AND name = $3), $4, $5, \
         100000, '2026-12-15', 1, '2026-11-20T09:00:00.000Z', '2026-11-20', $6, \
         '2026-11-20T09:00:00.000Z')",
    )
    .bind(deal_id)
    .bind(account_id)
    .bind(partner)
    .bind(reg_type)
    .bind(status)
    .bind(expires_on)
    .execute(app.store().pool())
    .await
    .expect("insert registration");
}

/// Records that `partner` influenced a deal (the influence command comes later).
pub(crate) async fn influence(app: &TestApp, deal_id: i64, partner: &str, kind: &str, what: &str) {
    sqlx::query(
        "INSERT INTO deal_influences (workspace_id, deal_id, partner_id, influence_type, \
         description, recorded_by, created_at) VALUES (1, $1, \
         (SELECT id FROM partners WHERE workspace_id = 1 AND name = $2), $3, $4, 1, \
         '2026-11-20T09:00:00.000Z')",
    )
    .bind(deal_id)
    .bind(partner)
    .bind(kind)
    .bind(what)
    .execute(app.store().pool())
    .await
    .expect("insert influence");
}

both_backends!(
    the_readme_line_adds_the_deal_and_creates_its_account_in_the_partners_territory,
    |app: TestApp| async move {
        readme_setup(&app).await;
        let added = app.ok(README_DEAL).await;
        assert!(
            added.starts_with("✔ Deal #1 Acme Corp – $120k added"),
            "{added}"
        );
        assert!(
            added.contains("new account Acme Corp created in AMER East"),
            "{added}"
        );
        assert!(added.contains("── Deal #1 · Acme Corp – $120k"), "{added}");
        assert!(added.contains("[Log touch] [Update]"), "{added}");

        let amer = int(&app, "SELECT id FROM territories WHERE name = 'AMER East'").await;
        let globex = int(
            &app,
            "SELECT id FROM partners WHERE name = 'Globex Services'",
        )
        .await;
        assert_eq!(
            int(
                &app,
                "SELECT territory_id FROM accounts WHERE name = 'Acme Corp'"
            )
            .await,
            amer
        );
        let deal = sqlx::query_as::<_, (i64, String, String, String, String, i64, i64, i64)>(
        "SELECT amount_minor, stage, forecast_category, deal_path, close_date, sourcing_partner_id, \
         territory_id, owner_user_id FROM deals WHERE id = 1",
    )
    .fetch_one(app.store().pool())
    .await
    .unwrap();
        let console = partnerbot::console::local_user_id("console");
        assert_eq!(
            deal,
            (
                12_000_000,
                "discovery".into(),
                "pipeline".into(),
                "partner".into(),
                "2026-12-15".into(),
                globex,
                amer,
                console.get()
            )
        );
        assert_eq!(
            text(&app, "SELECT closed_on FROM deals WHERE id = 1").await,
            None
        );

        let audit = audit_rows(&app).await;
        let actions: Vec<&str> = audit.iter().take(2).map(|r| r.action.as_str()).collect();
        assert_eq!(actions, ["deal.add", "account.add"]);
        let after = audit[0].after_json.as_deref().unwrap();
        assert!(after.contains(r#""amount_minor":12000000"#), "{after}");
        assert!(after.contains(r#""stage":"discovery""#), "{after}");
        assert_eq!(audit[0].before_json, None);
    }
);

both_backends!(
    a_second_deal_on_the_same_account_reuses_it_by_name_or_domain,
    |app: TestApp| async move {
        readme_setup(&app).await;
        app.ok(r#"/account add name:"Initech" domain:initech.com"#)
            .await;
        let by_domain = app
            .ok(r#"/deal add account:https://eu.initech.com/about amount:5k close:+10d"#)
            .await;
        assert!(
            by_domain.contains("Deal #1 Initech – $5k added"),
            "{by_domain}"
        );
        assert!(!by_domain.contains("new account"), "{by_domain}");
        let by_name = app
            .ok(r#"/deal add account:INITECH amount:7k close:+10d"#)
            .await;
        assert!(by_name.contains("Deal #2 Initech – $7k added"), "{by_name}");
        assert_eq!(int(&app, "SELECT COUNT(*) FROM accounts").await, 1);
        assert_eq!(
            int(
                &app,
                "SELECT COUNT(DISTINCT deal_path) FROM deals WHERE deal_path = 'direct'"
            )
            .await,
            1
        );
    }
);

both_backends!(
    the_territory_defaults_to_the_accounts_then_the_partners_then_the_actors_only_one,
    |app: TestApp| async move {
        readme_setup(&app).await;
        app.ok(r#"/territory add name:"EMEA""#).await;
        app.ok(r#"/territory add name:"APAC""#).await;
        member(&app, "Priya Ptm", &[Role::Ptm]).await;
        app.ok(r#"/territory assign territory:"APAC" member:"Priya Ptm" as:ptm"#)
            .await;
        app.ok(r#"/account add name:"Initech" territory:EMEA"#)
            .await;
        let territory_of = |id: i64| {
            let app = &app;
            async move {
                text(app, &format!(
                "SELECT t.name FROM deals d LEFT JOIN territories t ON t.id = d.territory_id WHERE d.id = {id}"
            ))
            .await
            }
        };

        // 1. The account's territory beats the partner's.
        app.ok(r#"/deal add account:Initech amount:5k close:+10d partner:"Globex Services""#)
            .await;
        assert_eq!(territory_of(1).await.as_deref(), Some("EMEA"));
        // 2. A new account with a sourcing partner: the partner's.
        app.ok(README_DEAL).await;
        assert_eq!(territory_of(2).await.as_deref(), Some("AMER East"));
        // 3. No account territory, no partner: the only territory the PTM covers.
        let (refused, out) = run_as(
            &app,
            "Priya Ptm",
            &[Role::Ptm],
            "/deal add account:Hooli amount:9k close:+10d",
        )
        .await;
        assert!(!refused, "{out}");
        assert!(out.contains("new account Hooli created in APAC"), "{out}");
        assert_eq!(territory_of(3).await.as_deref(), Some("APAC"));
        // 4. Given explicitly, it wins.
        app.ok(r#"/deal add account:Initech amount:6k close:+10d territory:APAC"#)
            .await;
        assert_eq!(territory_of(4).await.as_deref(), Some("APAC"));
        // 5. Nothing to go by: no territory.
        app.ok(r#"/deal add account:Umbrella amount:6k close:+10d"#)
            .await;
        assert_eq!(territory_of(5).await, None);
    }
);

/// (line, what the refusal must say)
const REFUSED: &[(&str, &str)] = &[
    (
        "/deal add account:Acme amount:12,3.4 close:+30d",
        "amount `12,3.4` is not a number",
    ),
    (
        "/deal add account:Acme amount:-5k close:+30d",
        "amount `-5k` must be positive",
    ),
    (
        "/deal add account:Acme amount:0 close:+30d",
        "amount `0` is zero",
    ),
    (
        "/deal add account:Acme amount:999999999999 close:+30d",
        "is larger than 10 billion",
    ),
    (
        "/deal add account:Acme amount:5k close:2026-11-26",
        "close date Thu 26 Nov 2026 is in the past",
    ),
    (
        "/deal add account:Acme amount:5k close:-3d stage:negotiating",
        "is in the past",
    ),
    (
        "/deal add account:Acme amount:5k close:+30d partner:\"Globx Services\"",
        "no partner named `Globx Services`. Did you mean `Globex Services`?",
    ),
    (
        "/deal add account:Acme amount:5k close:+30d distributor:\"Globex Services\"",
        "`distributor:` Globex Services is a GSI partner, not a distributor",
    ),
    (
        "/deal add account:Acme amount:5k close:+30d reseller:\"Globex Services\"",
        "only a reseller, MSP, cloud or distributor partner can transact",
    ),
    (
        "/deal add account:Acme amount:5k close:+30d marketplace:aws portal_id:12345",
        "ACE opportunity id `12345` is not valid; it looks like `O1234567`",
    ),
    (
        "/deal add account:Acme amount:5k close:+30d portal_id:O1234567",
        "is a co-sell portal id, so it needs a marketplace",
    ),
    (
        "/deal add account:Acme amount:5k close:+30d territory:Mars",
        "no territory named `Mars`",
    ),
    (
        "/deal add account:Acme amount:5k close:+30d owner:\"Nobody Here\"",
        "no member named `Nobody Here`",
    ),
    (
        "/deal add account:\"!!!\" amount:5k close:+30d",
        "account name `!!!` has no letters or digits",
    ),
    (
        "/deal add account:Acme amount:5k",
        "`/deal add` needs `close:`",
    ),
    ("/deal update deal:1", "nothing to update"),
    (
        "/deal update deal:1 amount:120k",
        "nothing changed: deal #1 already has these values",
    ),
    ("/deal update deal:#77 amount:5k", "there is no deal #77"),
    (
        "/deal update deal:Acme amount:5k",
        "no deal or account named `Acme`. Did you mean `Acme Corp`?",
    ),
    ("/deal update deal:1 close:2026-01-01", "is in the past"),
    (
        "/deal update deal:1 distributor:\"Globex Services\"",
        "not a distributor",
    ),
    ("/deal show deal:99", "there is no deal #99"),
];

both_backends!(
    invalid_deals_are_refused_with_what_to_fix_and_nothing_is_written,
    |app: TestApp| async move {
        readme_setup(&app).await;
        app.ok(README_DEAL).await;
        let before = app.table_counts().await;
        let mut failures = Vec::new();
        for (line, expected) in REFUSED {
            let text = app.err(line).await;
            if !text.contains(expected) {
                failures.push(format!("`{line}`:\n  wanted `{expected}`\n  got    {text}"));
            }
            if app.table_counts().await != before {
                failures.push(format!("`{line}` wrote something"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
);
