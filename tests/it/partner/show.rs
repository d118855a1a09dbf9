//! `/partner show`: the profile card with open deals in every partner role (each once, closed ones
//! left out), the latest touches and the registrations, as people read it.

use crate::both_backends;
use crate::support::{TestApp, WS};
use partnerbot::domain::names::name_key;

async fn id_of(app: &TestApp, table: &str, name: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(&format!(
        "SELECT id FROM {table} WHERE workspace_id = $1 AND name_key = $2"
    ))
    .bind(WS)
    .bind(name_key(name))
    .fetch_one(app.store().pool())
    .await
    .unwrap_or_else(|e| panic!("no {table} row named {name}: {e}"))
}

/// Globex as sourcing partner on two open deals and a closed one, as reseller on a third open
/// deal it also sources, and as influence partner on a fourth; plus three other partners,
/// touches and registrations.
pub async fn seed(app: &TestApp) {
    app.ok(r#"/territory add name:"AMER East""#).await;
    app.ok(r#"/territory add name:"EMEA North""#).await;
    app.ok(r#"/partner add name:"Globex Services" type:reseller territory:"AMER East" track:select professional_services:true domain:globex.com certs_sales:12 certs_sa:4 certs_pse:2 agreement_signed:2026-02-01 business_plan:true"#).await;
    app.ok(r#"/partner add name:"Initech" type:reseller territory:"EMEA North" agreement_signed:2024-01-15"#).await;
    app.ok(r#"/partner add name:"Vandelay Distribution" type:distributor"#)
        .await;
    app.ok(r#"/partner add name:"AWS" type:cloud track:select_services business_plan:true"#)
        .await;
    for line in [
        r#"/deal add account:"Acme Corp" amount:120k partner:"Globex Services" close:2026-12-15"#,
        r#"/deal add account:"Hooli" amount:300k partner:"Globex Services" reseller:"Globex Services" close:2027-03-31 stage:proposal"#,
        r#"/deal add account:"Umbrella Corp" amount:80k reseller:"Initech" distributor:"Vandelay Distribution" close:2027-01-20"#,
        r#"/deal add account:"Stark Industries" amount:50k partner:"Globex Services" close:2026-11-01 stage:closed_won"#,
        r#"/deal add account:"Wayne Enterprises" amount:45k partner:"Initech" close:2027-02-10"#,
    ] {
        app.ok(line).await;
    }
    let umbrella_deal: i64 = sqlx::query_scalar(
        "SELECT d.id FROM deals d JOIN accounts a ON a.id = d.account_id WHERE a.name = 'Umbrella Corp'",
    )
    .fetch_one(app.store().pool())
    .await
    .unwrap();
    let globex = id_of(app, "partners", "Globex Services").await;
    sqlx::query(
        "INSERT INTO deal_influences (workspace_id, deal_id, partner_id, influence_type, description, \
         recorded_by, created_at) VALUES ($1, $2, $3, 'briefing', 'exec briefing', 1, \
         '2026-11-20T09:00:00.000Z')",
    )
    .bind(WS)
    .bind(umbrella_deal)
    .bind(globex)
    .execute(app.store().pool())
    .await
    .unwrap();

    app.ok(r#"/touch log partner:"Globex Services" type:meeting notes:"QBR prep with their practice lead""#).await;
    app.ok(r#"/touch log partner:"Globex Services" type:call date:2026-11-20 notes:"Walked through the Select renewal: they want co-marketing funds for the Q1 launch event in Berlin and two more SA seats""#).await;
    app.ok(r#"/touch log partner:"Initech" type:email date:2026-10-02"#)
        .await;

    let acme = id_of(app, "accounts", "Acme Corp").await;
    let hooli = id_of(app, "accounts", "Hooli").await;
    for (account, reg_type, status, amount, submitted, expires) in [
        (
            acme,
            "resale",
            "approved",
            12_000_000_i64,
            "2026-10-01T08:00:00.000Z",
            Some("2026-12-30"),
        ),
        (
            hooli,
            "referral",
            "pending_review",
            30_000_000,
            "2026-11-25T15:30:00.000Z",
            None,
        ),
        (
            acme,
            "services_attach",
            "denied",
            2_000_000,
            "2026-09-12T10:00:00.000Z",
            None,
        ),
    ] {
        sqlx::query(
            "INSERT INTO registrations (workspace_id, account_id, partner_id, reg_type, status, \
             amount_minor, close_date, submitted_by, submitted_at, expires_on, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, '2026-12-15', 1, $7, $8, $7)",
        )
        .bind(WS)
        .bind(account)
        .bind(globex)
        .bind(reg_type)
        .bind(status)
        .bind(amount)
        .bind(submitted)
        .bind(expires)
        .execute(app.store().pool())
        .await
        .unwrap();
    }
}

both_backends!(a_partner_profile_reads_well, |app: TestApp| async move {
    seed(&app).await;
    let reply = app.run(r#"/partner show partner:"globex services""#).await;
    let buttons: Vec<(&str, &str)> = reply
        .buttons
        .iter()
        .map(|b| (b.label.as_str(), b.custom_id.as_str()))
        .collect();
    let globex = id_of(&app, "partners", "Globex Services").await;
    assert_eq!(
        buttons,
        [
            ("Log touch", format!("touch log:partner=#{globex}").as_str()),
            (
                "Open deals",
                format!("deal list:partner=#{globex}").as_str()
            )
        ]
    );
    let text = app.ok(r#"/partner show partner:"globex services""#).await;
    // Acme (sourced), Hooli (sourced and resold: once) and Umbrella (influence); Stark is closed.
    assert!(text.contains("3 open deals · $500,000 total"), "{text}");
    assert!(!text.contains("Stark"), "{text}");
    insta::assert_snapshot!("partner_show_full", text);
});

both_backends!(
    a_new_partner_profile_says_what_to_do_next,
    |app: TestApp| async move {
        app.ok(r#"/partner add name:"Initech" type:rsi agreement_signed:2024-01-15"#)
            .await;
        let text = app.ok(r#"/partner show partner:Initech"#).await;
        // Current through 15 Jan 2025, lapsed from the day after.
        assert!(text.contains("lapsed since 16 Jan 2025"), "{text}");
        insta::assert_snapshot!("partner_show_empty", text);
    }
);

both_backends!(
    a_profile_shows_only_the_partners_own_activity,
    |app: TestApp| async move {
        seed(&app).await;
        let text = app
            .ok(r#"/partner show partner:"Vandelay Distribution""#)
            .await;
        // Vandelay distributes the Umbrella deal only.
        assert!(text.contains("1 open deal · $80,000 total"), "{text}");
        assert!(text.contains("Umbrella Corp"), "{text}");
        assert!(!text.contains("Acme"), "{text}");
        assert!(!text.contains("QBR prep"), "{text}");
    }
);
