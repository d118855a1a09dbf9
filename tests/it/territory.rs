//! `/territory add|list|assign` through the core, on both backends.

use crate::both_backends;
use crate::support::TestApp;
use crate::support::WS;
use partnerbot::domain::role::Role;

both_backends!(
    a_territory_is_added_listed_and_assigned,
    |app: TestApp| async move {
        let added = app
            .ok(r#"/territory add name:"AMER East" region:AMER"#)
            .await;
        assert!(added.contains("Territory AMER East added"), "{added}");

        let duplicate = app.err(r#"/territory add name:"amer  east""#).await;
        assert!(duplicate.contains("already exists"), "{duplicate}");

        // Dana must have used the bot once to be assignable.
        app.run_in(WS, "Dana Reyes", &[Role::Ptm], "/help").await;
        let assigned = app
            .ok(r#"/territory assign territory:"amer east" member:"Dana Reyes" as:ptm"#)
            .await;
        assert!(
            assigned.contains("Dana Reyes now covers AMER East as PTM"),
            "{assigned}"
        );
        let again = app
            .ok(r#"/territory assign territory:"AMER East" member:"Dana Reyes" as:ptm"#)
            .await;
        assert!(again.contains("already covers"), "{again}");

        // Directors are assigned the same way; `/forecast team` scopes them by it.
        app.run_in(WS, "Morgan Lee", &[Role::Director], "/help")
            .await;
        let director = app
            .ok(r#"/territory assign territory:"AMER East" member:"Morgan Lee" as:director"#)
            .await;
        assert!(
            director.contains("Morgan Lee now covers AMER East as director"),
            "{director}"
        );
        let team = app
            .run_in(WS, "Morgan Lee", &[Role::Director], "/forecast team")
            .await;
        let team =
            partnerbot::console::render::render(&team, partnerbot::console::render::Style::PLAIN);
        assert!(team.contains("AMER East"), "{team}");

        let list = app.ok("/territory list").await;
        insta::assert_snapshot!("territory_list", list);
    }
);

both_backends!(
    an_unknown_territory_gets_suggestions,
    |app: TestApp| async move {
        app.ok(r#"/territory add name:"AMER East""#).await;
        app.run_in(WS, "Dana Reyes", &[Role::Ptm], "/help").await;
        let err = app
            .err(r#"/territory assign territory:"AMER Est" member:"Dana Reyes" as:ptm"#)
            .await;
        assert!(err.contains("no territory named `AMER Est`"), "{err}");
        assert!(err.contains("Did you mean `AMER East`?"), "{err}");
    }
);
