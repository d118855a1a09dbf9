//! A table of bad inputs: each is refused with a clear message that names what to fix, and the
//! database is exactly as it was before (every table's row count, and the rows themselves for
//! the records the seed created).

use crate::support::TestApp;
use crate::support::WS;

/// (typed line, text the refusal must contain)
const BAD: &[(&str, &str)] = &[
    // unknown commands and options
    ("/dael add", "Did you mean `/deal`"),
    ("/deal ad account:x", "`/deal ad` is not a command"),
    ("/deal", "`/deal` has:"),
    ("/deal add acount:\"Acme Corp\" amount:1k close:+3d", "no option `acount`"),
    ("/territory add", "needs `name:`"),
    ("/territory add name:\"X\" name:\"Y\"", "given twice"),
    ("/territory add name:\"\"", "empty"),
    ("/territory add name:\"unclosed", "not closed"),
    ("/territory add name:AMER East", "quote"),
    ("/territory add name:\"AMER East\"", "already exists"),
    ("/territory add name:\"Bad\u{7}Bell\"", "control characters"),
    ("/territory list page:1", "takes no options"),
    // names that do not exist
    ("/partner show partner:\"Globex Servces\"", "Did you mean `Globex Services`"),
    ("/partner show partner:\"Nobody Inc\"", "no partner named `Nobody Inc`"),
    ("/deal add account:\"Acme Corp\" amount:1k close:+3d partner:\"Globx\"", "Did you mean `Globex Services`"),
    ("/touch log partner:\"Initech\" type:call", "no partner named `Initech`"),
    ("/territory assign territory:\"APAC\" member:\"Dana Reyes\" as:ptm", "no territory named `APAC`"),
    ("/territory assign territory:\"AMER East\" member:\"Nobody Here\" as:ptm", "no member named `Nobody Here`"),
    ("/deal show deal:99999", "99999"),
    ("/account show account:\"Umbrella Corp\"", "Umbrella Corp"),
    // wrong types and choices
    ("/partner add name:\"New One\" type:consultancy", "`type` cannot be `consultancy`"),
    ("/partner add name:\"New One\" type:gsii", "Did you mean `gsi`"),
    ("/partner add name:\"New One\" type:gsi track:gold", "gold"),
    ("/partner add name:\"New One\" type:gsi certs_sales:many", "whole number"),
    ("/partner add name:\"New One\" type:gsi certs_sales:-1", "at least 0"),
    ("/partner add name:\"New One\" type:gsi professional_services:maybe", "`true` or `false`"),
    ("/touch log partner:\"Globex Services\" type:lunch", "`type` cannot be `lunch`"),
    ("/deal add account:\"Acme Corp\" amount:1k close:+3d stage:won", "won"),
    ("/deal add account:\"Acme Corp\" amount:1k close:+3d forecast:maybe", "maybe"),
    ("/deal list page:0", "at least 1"),
    ("/deal list page:two", "whole number"),
    ("/touch list days:0", "at least 1"),
    ("/touch list days:100000", "at most"),
    ("/setup workspace timezone:Mars/Olympus", "Mars/Olympus"),
    ("/setup workspace timezone:Europe/Berln", "Europe/Berlin"),
    ("/setup workspace currency:dollars", "dollars"),
    ("/setup workspace fiscal_year_start:13", "13"),
    ("/setup workspace fiscal_year_start:smarch", "smarch"),
    ("/setup role role:admins as:ptm", "role"),
    ("/setup role role:123456789012 as:king", "king"),
    ("/setup channel kind:review channel:general", "channel"),
    ("/setup channel kind:party channel:123456789012", "party"),
    // amounts
    ("/deal add account:\"Acme Corp\" amount:12,3.4 close:+3d", "amount `12,3.4` is not a number"),
    ("/deal add account:\"Acme Corp\" amount:-5k close:+3d", "positive"),
    ("/deal add account:\"Acme Corp\" amount:0 close:+3d", "0"),
    ("/deal add account:\"Acme Corp\" amount:999999999999 close:+3d", "10 billion"),
    ("/deal add account:\"Acme Corp\" amount:1e6 close:+3d", "1e6"),
    ("/deal add account:\"Acme Corp\" amount:€5k close:+3d", "€"),
    ("/deal add account:\"Acme Corp\" amount:1.234 close:+3d", "decimals"),
    ("/deal add account:\"Acme Corp\" amount:lots close:+3d", "lots"),
    ("/deal add account:\"Acme Corp\" amount:\"\" close:+3d", "amount"),
    // dates
    ("/deal add account:\"Acme Corp\" amount:1k close:2026-02-30", "does not exist"),
    ("/deal add account:\"Acme Corp\" amount:1k close:2026-13-01", "2026-13-01"),
    ("/deal add account:\"Acme Corp\" amount:1k close:someday", "someday"),
    ("/deal add account:\"Acme Corp\" amount:1k close:3000-01-01", "3000-01-01"),
    ("/deal add account:\"Acme Corp\" amount:1k close:2020-01-01", "past"),
    ("/touch log partner:\"Globex Services\" type:call date:+5d", "future"),
    ("/touch log partner:\"Globex Services\" type:call date:31/12/2026", "31/12/2026"),
    ("/partner add name:\"New One\" type:gsi agreement_signed:2026-05-01 agreement_expires:2026-01-01", "after"),
    // text limits and injection attempts
    ("/touch log partner:\"Globex Services\" type:call notes:\"{2001}\"", "2000"),
    ("/territory add name:\"{101}\"", "100"),
    ("/partner add name:\"{101}\" type:gsi", "100"),
    ("/touch log partner:\"Globex Services\" type:call notes:\"x\" partner:\"Evil\"", "given twice"),
    ("/touch log partner:\"Globex Services' OR '1'='1\" type:call", "no partner named"),
    ("/partner show partner:\"%\"", "no partner named `%`"),
    ("/partner show partner:\"Globex%\"", "no partner named"),
    ("/account add name:\"Bad Domain\" domain:\"not a domain\"", "not a domain"),
    ("/deal add account:\"Acme Corp\" amount:1k close:+3d marketplace:aws portal_id:12345", "12345"),
    ("/deal add account:\"Acme Corp\" amount:1k close:+3d distributor:\"Globex Services\"", "distributor"),
    ("/deal update deal:1", "nothing"),
    ("/partner update partner:\"Globex Services\"", "nothing"),
    // program, quotes, compliance, influence
    ("/program discount track:open type:sourced_resale discount:250%", "more than 100%"),
    ("/program discount track:open type:sourced_resale discount:2.555%", "more than 2 decimals"),
    ("/program discount track:open type:sourced_resale discount:lots", "not a percentage"),
    ("/program discount track:open type:sourced_resale discount:-5%", "not a percentage"),
    ("/program discount track:gold type:sourced_resale discount:5%", "gold"),
    ("/program discount track:open type:sourced_resale", "give `discount:`"),
    ("/program discount track:open type:referral discount:5%", "back-end rebate"),
    ("/program discount track:open type:sourced_resale remove:true", "nothing to remove"),
    ("/program fee marketplace:aws offer:private from:-1M fee:2%", "positive"),
    ("/program fee marketplace:aws offer:private fee:2%%", "not a percentage"),
    ("/program fee marketplace:none offer:private fee:2%", "`marketplace` cannot be `none`"),
    ("/program fee marketplace:aws offer:bulk fee:2%", "bulk"),
    ("/program fee marketplace:aws offer:private from:1M", "like `fee:2%`"),
    ("/program fee marketplace:gcp offer:private remove:true", "nothing to remove"),
    ("/quote check deal:1 discount:120%", "more than 100%"),
    ("/quote check deal:99999 discount:10%", "99999"),
    ("/quote check deal:1 discount:10%", "no approved registration and no reseller"),
    ("/quote check deal:1 discount:10% type:referral list:lots", "lots"),
    ("/compliance partner:\"Nobody Inc\"", "no partner named"),
    ("/compliance territory:\"APAC\"", "no territory named `APAC`"),
    ("/compliance page:0", "at least 1"),
    ("/compliance page:9", "past the end"),
    ("/deal influence deal:1 partner:\"Globex Services\" type:demo description:\"x\"", "sourcing partner"),
    ("/deal influence deal:1 partner:\"Globex Services\" type:lunch description:\"x\"", "lunch"),
    ("/deal influence deal:1 partner:\"Nobody Inc\" type:demo description:\"x\"", "no partner named"),
    ("/deal add account:\"Acme Corp\" amount:1k close:+3d marketplace:gcp portal_id:\"abc 123456\"", "Partner Advantage"),
    // deal registrations
    ("/deal register account:\"Hooli\" amount:10k close:+30d type:resale partner:\"Nobody Inc\"", "no partner named `Nobody Inc`"),
    ("/deal register account:\"Hooli\" amount:-5k close:+30d type:resale partner:\"Globex Services\"", "positive"),
    ("/deal register account:\"Hooli\" amount:10k close:2020-01-01 type:resale partner:\"Globex Services\"", "past"),
    ("/deal register account:\"Hooli\" amount:10k close:+30d type:gold partner:\"Globex Services\"", "gold"),
    ("/deal register account:\"Hooli\" amount:10k close:+30d type:resale partner:\"Globex Services\" marketplace:aws portal_id:12345", "12345"),
    ("/deal register account:\"Hooli\" amount:10k close:+30d type:resale partner:\"Globex Services\" portal_id:O1234567", "marketplace"),
    ("/deal register account:\"Hooli\" amount:10k close:+30d type:resale partner:\"Globex Services\" distributor:\"Globex Services\"", "not a distributor"),
    ("/deal register account:\"Hooli\" amount:10k close:+30d type:resale partner:\"Globex Services\" domain:\"not a domain\"", "not a domain"),
    ("/deal register account:\"Hooli\" amount:10k close:+30d type:resale partner:\"Globex Services\" deal:#99999", "99999"),
    ("/deal register account:\"Hooli\" amount:10k close:+30d type:resale partner:\"Globex Services\" deal:#1", "deal #1 is on Acme Corp"),
    ("/deal register account:\"ACME Inc\" amount:10k close:+30d type:resale partner:\"Globex Services\" confirm:true", "reason:"),
    ("/deal register account:\"Hooli\" amount:10k close:+30d partner:\"Globex Services\"", "needs `type:`"),
    ("/registration approve id:99999", "no registration #99999"),
    ("/registration approve id:0", "at least 1"),
    ("/registration deny id:1", "needs `reason:`"),
    ("/registration return id:1 comments:\" \"", "comments"),
    ("/registration extend id:99999", "no registration #99999"),
    ("/registration expiring days:0", "at least 1"),
    ("/registration list status:pending_approval", "pending_approval"),
];

fn expand(line: &str) -> String {
    line.replace("{2001}", &"n".repeat(2001))
        .replace("{101}", &"N".repeat(101))
}

crate::both_backends!(
    bad_inputs_are_refused_clearly_and_write_nothing,
    |app: TestApp| async move {
        app.seed_basics().await;
        app.run_in(WS, "Dana Reyes", &[], "/help").await;
        let rows_before = snapshot_rows(&app).await;
        let counts_before = app.table_counts().await;
        let mut failures = Vec::new();
        for (line, expected) in BAD {
            let line = expand(line);
            let reply = app.run(&line).await;
            let text = partnerbot::console::render::render(
                &reply,
                partnerbot::console::render::Style::PLAIN,
            );
            if !reply.is_error() {
                failures.push(format!("accepted `{line}`:\n{text}"));
            } else if !text.contains(expected) {
                failures.push(format!("`{line}` refused without `{expected}`:\n{text}"));
            }
            if text.contains("Something went wrong") {
                failures.push(format!("`{line}` caused an internal error"));
            }
            if app.table_counts().await != counts_before {
                failures.push(format!("`{line}` changed row counts"));
            }
        }
        assert!(BAD.len() >= 60, "the table holds {} bad inputs", BAD.len());
        assert_eq!(
            snapshot_rows(&app).await,
            rows_before,
            "a refused command changed a row"
        );
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
);

/// The rows a bad command could touch, as text, to prove nothing changed in place either.
async fn snapshot_rows(app: &TestApp) -> Vec<String> {
    let mut out = Vec::new();
    for query in [
        "SELECT name || '|' || timezone || '|' || currency || '|' || fiscal_year_start_month FROM workspaces ORDER BY id",
        "SELECT name || '|' || partner_type || '|' || track || '|' || certs_sales FROM partners ORDER BY id",
        "SELECT name || '|' || amount_minor || '|' || stage || '|' || close_date FROM deals ORDER BY id",
        "SELECT notes || '|' || touch_type FROM touches ORDER BY id",
    ] {
        let rows: Vec<String> = sqlx::query_scalar(query)
            .fetch_all(app.store().pool())
            .await
            .expect(query);
        out.extend(rows);
    }
    out
}
