//! `/partner list`: sorted by name, filtered, 25 a page with buttons that carry the filters, and
//! open deals counted once per partner whatever its roles on the deal.

use super::show::seed;
use crate::both_backends;
use crate::support::{TestApp, WS};
use partnerbot::domain::names::name_key;

both_backends!(the_partner_list_reads_well, |app: TestApp| async move {
    seed(&app).await;
    let reply = app.run("/partner list").await;
    assert!(reply.buttons.is_empty(), "one page, no buttons");
    let text = app.ok("/partner list").await;
    // Sorted by name whatever the case; Globex has 3 open deals, Initech 2, Vandelay 1.
    let names: Vec<&str> = text
        .lines()
        .skip(2)
        .filter_map(|l| l.split("  ").next())
        .collect();
    assert_eq!(
        &names[..4],
        ["AWS", "Globex Services", "Initech", "Vandelay Distribution"],
        "{text}"
    );
    insta::assert_snapshot!("partner_list_all", text);
});

both_backends!(
    the_partner_list_filters_by_territory_type_track_and_name,
    |app: TestApp| async move {
        seed(&app).await;
        let amer = app.ok(r#"/partner list territory:"amer east""#).await;
        assert!(amer.contains("── Partners · AMER East "), "{amer}");
        assert!(
            amer.contains("Globex Services") && !amer.contains("Initech"),
            "{amer}"
        );
        assert!(amer.contains("page 1 of 1 · 1 partner"), "{amer}");

        let resellers = app.ok("/partner list type:reseller").await;
        assert!(
            resellers.contains("Globex Services") && resellers.contains("Initech"),
            "{resellers}"
        );
        assert!(
            !resellers.contains("AWS") && !resellers.contains("Vandelay"),
            "{resellers}"
        );

        let select = app.ok("/partner list track:select_services").await;
        assert!(
            select.contains("AWS") && !select.contains("Globex"),
            "{select}"
        );

        let search = app.ok("/partner list search:DISTRIB").await;
        assert!(
            search.contains("Vandelay Distribution") && !search.contains("Globex"),
            "{search}"
        );
        assert!(
            search.contains(r#"Partners · matching "DISTRIB""#),
            "{search}"
        );

        let none = app
            .ok(r#"/partner list territory:"EMEA North" type:cloud"#)
            .await;
        assert!(
            none.contains("No partners match EMEA North · Cloud. Try fewer filters"),
            "{none}"
        );
        let none = app.ok("/partner list type:msp search:zzz").await;
        assert!(
            none.contains("No partners match MSP · the name search."),
            "{none}"
        );
    }
);

both_backends!(
    an_empty_workspace_says_how_to_add_a_partner,
    |app: TestApp| async move {
        let text = app.ok("/partner list").await;
        assert!(
            text.contains("No partners yet. Add one with `/partner add"),
            "{text}"
        );
    }
);

/// `n` partners named `Partner 01`... written directly (the list only reads them).
async fn insert_partners(app: &TestApp, n: usize, territory: Option<i64>) {
    for i in 1..=n {
        let name = format!("Partner {i:02}");
        sqlx::query(
            "INSERT INTO partners (workspace_id, name, name_key, partner_type, territory_id, \
             created_at, updated_at) VALUES ($1, $2, $3, 'msp', $4, $5, $5)",
        )
        .bind(WS)
        .bind(&name)
        .bind(name_key(&name))
        .bind(territory)
        .bind("2026-11-01T00:00:00.000Z")
        .execute(app.store().pool())
        .await
        .unwrap();
    }
}

both_backends!(
    a_long_list_pages_by_25_with_buttons_that_keep_the_filters,
    |app: TestApp| async move {
        app.ok(r#"/territory add name:"AMER East""#).await;
        let amer: i64 = sqlx::query_scalar("SELECT id FROM territories WHERE name = 'AMER East'")
            .fetch_one(app.store().pool())
            .await
            .unwrap();
        insert_partners(&app, 30, Some(amer)).await;
        app.ok(r#"/partner add name:"Zeta Partners" type:msp"#)
            .await;

        let first = app
            .run(r#"/partner list territory:"AMER East" type:msp"#)
            .await;
        let footer = first.cards[0].footer.clone().unwrap();
        assert_eq!(footer, "page 1 of 2 · 30 partners");
        assert_eq!(first.cards[0].table.as_ref().unwrap().rows.len(), 25);
        let ids: Vec<(&str, &str)> = first
            .buttons
            .iter()
            .map(|b| (b.label.as_str(), b.custom_id.as_str()))
            .collect();
        assert_eq!(
            ids,
            [("Next", "partner list:page=2&territory=AMER East&type=msp")]
        );

        let second = app
            .run(r#"/partner list territory:"AMER East" type:msp page:2"#)
            .await;
        let rows = &second.cards[0].table.as_ref().unwrap().rows;
        let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            names,
            [
                "Partner 26",
                "Partner 27",
                "Partner 28",
                "Partner 29",
                "Partner 30"
            ]
        );
        let ids: Vec<&str> = second
            .buttons
            .iter()
            .map(|b| b.custom_id.as_str())
            .collect();
        assert_eq!(ids, ["partner list:page=1&territory=AMER East&type=msp"]);

        let all = app.ok("/partner list page:2").await;
        assert!(all.contains("page 2 of 2 · 31 partners"), "{all}");
        assert!(all.contains("Zeta Partners"), "{all}");
        let past = app.err("/partner list page:3").await;
        assert!(
            past.contains("page 3 is past the end: there are 2 pages of partners"),
            "{past}"
        );
    }
);
