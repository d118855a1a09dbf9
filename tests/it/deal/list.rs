//! `/deal list`: filters, pagination, totals and the page buttons, over 45 seeded deals.
//!
//! Deal `i` (1..=45): amount `i`k, closes in `3i` days (i <= 21 this quarter, FY27-Q4; the rest
//! next quarter), EMEA when `i % 3 == 0` else AMER East, Globex sources it when `i % 4 == 1`,
//! Initech Resale transacts it when `i % 4 == 0`, Priya owns it when `i` is even, closed won
//! when `i % 9 == 0`, else at proposal when `i % 5 == 0`, else discovery. Umbrella influenced #2.

use super::{influence, member, readme_setup, run_as};
use crate::both_backends;
use crate::support::TestApp;
use partnerbot::console::render::{render, Style};
use partnerbot::domain::role::Role;

async fn seed(app: &TestApp) {
    readme_setup(app).await;
    app.ok(r#"/territory add name:"EMEA""#).await;
    app.ok(r#"/territory add name:"APAC""#).await;
    app.ok(r#"/partner add name:"Initech Resale" type:reseller"#)
        .await;
    app.ok(r#"/partner add name:"Umbrella Consulting" type:boutique_si"#)
        .await;
    member(app, "Priya Ptm", &[Role::Ptm]).await;
    for i in 1..=45 {
        let territory = if i % 3 == 0 { "EMEA" } else { "AMER East" };
        let partner = match i % 4 {
            1 => r#"partner:"Globex Services""#,
            0 => r#"reseller:"Initech Resale""#,
            _ => "",
        };
        let stage = match (i % 9, i % 5) {
            (0, _) => "closed_won",
            (_, 0) => "proposal",
            _ => "discovery",
        };
        let owner = if i % 2 == 0 {
            r#"owner:"Priya Ptm""#
        } else {
            ""
        };
        app.ok(&format!(
            r#"/deal add account:"Customer {}" amount:{i}k close:+{}d territory:"{territory}" stage:{stage} {partner} {owner}"#,
            i % 7,
            3 * i
        ))
        .await;
    }
    influence(app, 2, "Umbrella Consulting", "briefing", "").await;
}

/// The footer line of a list.
fn footer(text: &str) -> &str {
    text.lines().find(|l| l.starts_with("Page ")).unwrap_or("")
}

both_backends!(
    deals_are_listed_by_close_date_with_filters_pages_and_totals,
    |app: TestApp| async move {
        seed(&app).await;

        // Open deals by default: 40 of 45, two pages.
        let reply = app.run("/deal list").await;
        let first = render(&reply, Style::PLAIN);
        assert_eq!(footer(&first), "Page 1 of 2 · 40 deals · $900,000 total");
        let ids: Vec<&str> = reply.buttons.iter().map(|b| b.custom_id.as_str()).collect();
        assert_eq!(ids, ["deal list:page=2"]);
        insta::assert_snapshot!("deal_list", first);

        let reply = app.run("/deal list page:2").await;
        let second = render(&reply, Style::PLAIN);
        assert_eq!(footer(&second), "Page 2 of 2 · 40 deals · $900,000 total");
        assert!(
            second.contains("\n#23 ") && second.contains("\n#44 "),
            "{second}"
        );
        assert!(
            !second.contains("\n#22 ") && !second.contains("\n#27 "),
            "{second}"
        );
        let ids: Vec<&str> = reply.buttons.iter().map(|b| b.custom_id.as_str()).collect();
        assert_eq!(ids, ["deal list:page=1"]);

        for (line, expected) in [
            (
                "/deal list open:false",
                "Page 1 of 3 · 45 deals · $1,035,000 total",
            ),
            (
                "/deal list open:false page:3",
                "Page 3 of 3 · 45 deals · $1,035,000 total",
            ),
            (
                "/deal list territory:emea",
                "Page 1 of 1 · 10 deals · $225,000 total",
            ),
            (
                r#"/deal list partner:"Globex Services""#,
                "Page 1 of 1 · 10 deals · $222,000 total",
            ),
            (
                r#"/deal list partner:"Initech Resale""#,
                "Page 1 of 1 · 10 deals · $228,000 total",
            ),
            (
                r#"/deal list partner:"Umbrella Consulting""#,
                "Page 1 of 1 · 1 deal · $2,000 total",
            ),
            (
                r#"/deal list account:"customer 3""#,
                "Page 1 of 1 · 6 deals · $123,000 total",
            ),
            (
                "/deal list stage:proposal",
                "Page 1 of 1 · 8 deals · $180,000 total",
            ),
            (
                "/deal list stage:closed_won",
                "Page 1 of 1 · 5 deals · $135,000 total",
            ),
            (
                "/deal list quarter:this",
                "Page 1 of 1 · 19 deals · $204,000 total",
            ),
            (
                "/deal list quarter:next",
                "Page 1 of 2 · 21 deals · $696,000 total",
            ),
            (
                "/deal list quarter:FY28-Q1",
                "Page 1 of 2 · 21 deals · $696,000 total",
            ),
            (
                "/deal list territory:EMEA quarter:next stage:proposal",
                "Page 1 of 1 · 1 deal · $30,000 total",
            ),
        ] {
            let out = app.ok(line).await;
            assert_eq!(footer(&out), expected, "{line}:\n{out}");
        }
        let page3 = app.ok("/deal list open:false page:3").await;
        assert!(
            page3.contains("\n#41 ") && page3.contains("\n#45 ") && page3.contains("Closed Won"),
            "{page3}"
        );
        let titled = app.ok("/deal list territory:EMEA quarter:this").await;
        assert!(
            titled.starts_with("── Open deals in EMEA, closing in FY27-Q4 "),
            "{titled}"
        );

        // Mine: Priya's 20 open deals.
        let (refused, mine) = run_as(&app, "Priya Ptm", &[Role::Ptm], "/deal list mine:true").await;
        assert!(!refused, "{mine}");
        assert_eq!(footer(&mine), "Page 1 of 1 · 20 deals · $452,000 total");
        assert!(!mine.contains("console"), "{mine}");
        assert!(mine.starts_with("── Open deals you own "), "{mine}");

        // The buttons carry the filters.
        let reply = app
            .run(r#"/deal list territory:"amer east" open:false"#)
            .await;
        let ids: Vec<&str> = reply.buttons.iter().map(|b| b.custom_id.as_str()).collect();
        assert_eq!(ids, ["deal list:page=2&territory=AMER East&open=false"]);

        let err = app.err("/deal list page:3").await;
        assert!(
            err.contains("page 3 is past the end: there are 2 pages of open deals"),
            "{err}"
        );
        let err = app.err("/deal list quarter:someday").await;
        assert!(err.contains("period `someday` is not a period"), "{err}");
        let none = app.ok("/deal list territory:APAC").await;
        assert!(
            none.contains("No open deals in APAC. Closed deals are left out"),
            "{none}"
        );
    }
);
