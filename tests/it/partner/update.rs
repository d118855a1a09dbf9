//! `/partner update`: only what is given changes, the change is audited before and after,
//! removals with `none`, warnings that do not block, and renames.

use super::{json, latest_audit, partner_row, README_LINE, README_TERRITORY};
use crate::both_backends;
use crate::support::TestApp;

both_backends!(
    an_update_changes_only_what_is_given_and_is_audited,
    |app: TestApp| async move {
        app.ok(README_TERRITORY).await;
        app.ok(r#"/territory add name:"EMEA North""#).await;
        app.ok(README_LINE).await;
        app.ok(r#"/partner update partner:"globex services" domain:globex.com agreement_signed:2025-06-01"#).await;
        let text = app
        .ok(r#"/partner update partner:"GLOBEX SERVICES" track:select certs_sales:7 territory:"EMEA North" agreement_signed:2026-06-01"#)
        .await;
        assert!(text.contains("✔ Partner Globex Services updated: track Open → Select, territory AMER East → EMEA North, sales certifications 0 → 7, agreement signed 1 Jun 2025 → 1 Jun 2026, agreement expires 1 Jun 2026 → 1 Jun 2027."), "{text}");
        assert!(
            text.contains("The Select track requires a joint business plan"),
            "{text}"
        );
        assert_eq!(
            partner_row(&app, "globex services").await,
            [
                "Globex Services",
                "gsi",
                "select",
                "0",
                "EMEA North",
                "globex.com",
                "7",
                "0",
                "0",
                "2026-06-01",
                "2027-06-01",
                "0"
            ]
        );
        let row = latest_audit(&app).await;
        assert_eq!(
            (row.action.as_str(), row.entity.as_str()),
            ("partner.update", "partner")
        );
        let (before, after) = (
            json(row.before_json.as_deref()),
            json(row.after_json.as_deref()),
        );
        assert_eq!(
            (before["track"].as_str(), after["track"].as_str()),
            (Some("open"), Some("select"))
        );
        assert_eq!(
            (before["territory"].as_str(), after["territory"].as_str()),
            (Some("AMER East"), Some("EMEA North"))
        );
        assert_eq!(before["agreement_signed_on"], "2025-06-01");
        assert_eq!(after["agreement_expires_on"], "2027-06-01");
        assert_eq!(
            before["domain"], after["domain"],
            "unchanged fields are in both"
        );

        // The plan arrives: no more warning. Territory and domain can be removed with `none`.
        let text = app
        .ok(r#"/partner update partner:"Globex Services" business_plan:true territory:none domain:none"#)
        .await;
        assert!(!text.contains("Check this"), "{text}");
        assert!(text.contains("territory EMEA North → —, domain globex.com → —, business plan not on file → on file"), "{text}");
        let row = partner_row(&app, "globex services").await;
        assert_eq!(
            (row[4].as_str(), row[5].as_str(), row[11].as_str()),
            ("∅", "∅", "1")
        );
    }
);

both_backends!(
    a_renamed_partner_is_found_by_its_new_name_only,
    |app: TestApp| async move {
        app.ok(README_LINE
            .replace(r#" territory:"AMER East""#, "")
            .as_str())
            .await;
        let text = app
            .ok(r#"/partner update partner:"Globex Services" name:"Globex Partners""#)
            .await;
        assert!(
            text.contains("name Globex Services → Globex Partners"),
            "{text}"
        );
        app.ok(r#"/partner show partner:"globex partners""#).await;
        let gone = app.err(r#"/partner show partner:"Globex Services""#).await;
        assert!(
            gone.contains("no partner named `Globex Services`"),
            "{gone}"
        );
        // A change of case is a rename too, not a duplicate of itself.
        let text = app
            .ok(r#"/partner update partner:"Globex Partners" name:"GLOBEX Partners""#)
            .await;
        assert!(
            text.contains("name Globex Partners → GLOBEX Partners"),
            "{text}"
        );
    }
);
