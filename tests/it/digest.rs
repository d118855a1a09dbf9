//! The weekly digest: a snapshot of what directors read for a small fixture, and its limits.

use crate::support::{TestApp, WS};
use partnerbot::console::render::{render, Style};
use partnerbot::domain::ids::WorkspaceId;
use partnerbot::domain::role::Role;

async fn fixture(app: &TestApp) {
    for line in [
        r#"/territory add name:"AMER East""#,
        r#"/territory add name:"AMER West""#,
        r#"/partner add name:"Globex Services" type:gsi territory:"AMER East""#,
        r#"/partner add name:"Initech Resale" type:reseller territory:"AMER West""#,
        r#"/partner add name:"Umbrella Consulting" type:boutique_si"#,
        r#"/deal add account:"Acme Corp" amount:120k close:2026-11-05 stage:closed_won territory:"AMER East" reseller:"Initech Resale""#,
        r#"/deal add account:"Bluth Co" amount:80k close:2026-11-18 stage:closed_won territory:"AMER West""#,
        r#"/deal add account:"Cyberdyne" amount:300k close:2026-08-12 stage:closed_won territory:"AMER East""#,
        r#"/deal add account:"Dunder Mifflin" amount:250k close:2026-12-20 stage:negotiating territory:"AMER East""#,
        r#"/deal add account:"Hooli" amount:90k close:2027-01-10 stage:proposal territory:"AMER West" marketplace:aws"#,
        r#"/deal register account:"Initrode" amount:200k close:+30d type:resale partner:"Globex Services""#,
        "/registration approve id:1",
        "/deal update deal:#6 stage:closed_won close:2026-11-20",
        r#"/deal register account:"Massive Dynamic" amount:60k close:+45d type:referral partner:"Globex Services""#,
        r#"/deal influence deal:#2 partner:"Umbrella Consulting" type:demo description:"POC""#,
    ] {
        app.ok(line).await;
    }
    for name in ["Dana Reyes", "Sam Ortiz"] {
        app.run_exact(WS, name, &[Role::Ptm], "/help").await;
    }
    app.ok(r#"/territory assign territory:"AMER East" member:"Dana Reyes" as:ptm"#)
        .await;
    app.ok(r#"/territory assign territory:"AMER West" member:"Sam Ortiz" as:ptm"#)
        .await;
    let reply = app
        .run_exact(
            WS,
            "Dana Reyes",
            &[Role::Ptm],
            "/forecast submit commit:200k best_case:500k",
        )
        .await;
    assert!(!reply.is_error(), "{reply:?}");
}

crate::both_backends!(the_digest_reads_in_one_screen, |app: TestApp| async move {
    fixture(&app).await;
    let digest = app.core.digest(WS).await.unwrap().expect("workspace 1");
    let reply = partnerbot::core::kpi::digest::reply(&digest);
    let text = render(&reply, Style::PLAIN);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Partner digest · Local workspace · FY27-Q4 W05",
        "Closed won $400k in 3 deals",
        "Partner sourced 50.0%",
        "Co-sell / influence 50.0%",
        "1. Globex Services $200k",
        "1. Initech Resale $120k",
        "1. AMER East $320k 2. AMER West $80k",
        "1 of 2 submitted so far, 0 away, 1 yet to submit: Sam Ortiz",
        "1 pending review",
    ] {
        assert!(flat.contains(expected), "missing `{expected}` in:\n{text}");
    }
    assert!(!text.contains("<@"), "nobody is pinged: {text}");
    assert_eq!(digest.weeks.len(), 4, "{:?}", digest.weeks);
    insta::assert_snapshot!("digest_small", text);
    assert!(app
        .core
        .digest(WorkspaceId::new(99))
        .await
        .unwrap()
        .is_none());

    // Past the deadline (Monday 30 November 12:00): who is missing, not who is yet to submit.
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-11-30T13:00:00Z")
            .unwrap()
            .into(),
    );
    let digest = app.core.digest(WS).await.unwrap().expect("workspace 1");
    let text = render(&partnerbot::core::kpi::digest::reply(&digest), Style::PLAIN);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let expected = "Deadline passed: 1 of 2 submitted (0 late), 0 away, 1 missing: Sam Ortiz";
    assert!(flat.contains(expected), "missing `{expected}` in:\n{text}");
});
