//! What the bench runs: one typed line per command, varied every iteration (another partner,
//! account or deal, drawn with the seeded generator from records sampled from the dataset).

use crate::dataset::rng::Rng;
use crate::domain::deal::Stage;
use crate::domain::ids::WorkspaceId;
use crate::domain::Choice;
use crate::store::{codec, Store};
use chrono::NaiveDate;
use sqlx::Row;

/// Records to vary the commands over.
pub struct Samples {
    pub partners: Vec<String>,
    pub partner_ids: Vec<i64>,
    /// Sales certifications each partner holds now (updates always change the number).
    pub certs_sales: Vec<i64>,
    /// Partners that may source a deal (resellers, SIs, MSPs).
    pub sourcing: Vec<String>,
    pub territories: Vec<String>,
    /// (name, web domain) of accounts that have a domain.
    pub accounts: Vec<(String, String)>,
    /// (name, web domain) of accounts with an open deal: registering them shows a conflict.
    pub held_accounts: Vec<(String, String)>,
    pub deals: Vec<i64>,
    /// Open deals closing today or later, with their current stage.
    pub open_deals: Vec<(i64, Stage)>,
    /// Makes the names of records this run adds unique across runs.
    pub run_tag: String,
}

impl Samples {
    pub async fn load(
        store: &Store,
        ws: WorkspaceId,
        today: NaiveDate,
        run_tag: String,
    ) -> anyhow::Result<Samples> {
        let pool = store.pool();
        let partners = sqlx::query("SELECT id, name, partner_type, certs_sales FROM partners WHERE workspace_id = $1 ORDER BY id")
            .bind(ws)
            .fetch_all(pool)
            .await?;
        let mut samples = Samples {
            partners: Vec::new(),
            partner_ids: Vec::new(),
            certs_sales: Vec::new(),
            sourcing: Vec::new(),
            territories: sqlx::query_scalar(
                "SELECT name FROM territories WHERE workspace_id = $1 ORDER BY id",
            )
            .bind(ws)
            .fetch_all(pool)
            .await?,
            accounts: sqlx::query_as(
                "SELECT name, domain FROM accounts WHERE workspace_id = $1 AND domain IS NOT NULL \
                 ORDER BY id LIMIT 5000",
            )
            .bind(ws)
            .fetch_all(pool)
            .await?,
            held_accounts: sqlx::query_as(
                "SELECT a.name, a.domain FROM accounts a WHERE a.workspace_id = $1 \
                 AND a.domain IS NOT NULL AND EXISTS (SELECT 1 FROM deals d \
                 WHERE d.workspace_id = a.workspace_id AND d.account_id = a.id \
                 AND d.stage NOT IN ('closed_won', 'closed_lost')) ORDER BY a.id LIMIT 2000",
            )
            .bind(ws)
            .fetch_all(pool)
            .await?,
            deals: sqlx::query_scalar("SELECT id FROM deals WHERE workspace_id = $1 ORDER BY id")
                .bind(ws)
                .fetch_all(pool)
                .await?,
            open_deals: Vec::new(),
            run_tag,
        };
        for row in &partners {
            let name: String = row.try_get("name")?;
            let kind: String = row.try_get("partner_type")?;
            if matches!(
                kind.as_str(),
                "reseller" | "gsi" | "rsi" | "boutique_si" | "msp"
            ) {
                samples.sourcing.push(name.clone());
            }
            samples.partners.push(name);
            samples.partner_ids.push(row.try_get("id")?);
            samples.certs_sales.push(row.try_get("certs_sales")?);
        }
        let open: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, stage FROM deals WHERE workspace_id = $1 AND close_date >= $2 \
             AND stage NOT IN ('closed_won', 'closed_lost') ORDER BY id",
        )
        .bind(ws)
        .bind(codec::date(today))
        .fetch_all(pool)
        .await?;
        samples.open_deals = open
            .into_iter()
            .filter_map(|(id, stage)| Stage::from_id(&stage).map(|s| (id, s)))
            .collect();
        anyhow::ensure!(
            !samples.partners.is_empty()
                && !samples.sourcing.is_empty()
                && !samples.territories.is_empty()
                && !samples.accounts.is_empty()
                && !samples.held_accounts.is_empty()
                && !samples.open_deals.is_empty(),
            "workspace {ws} lacks the records the bench needs; run with --regenerate"
        );
        Ok(samples)
    }
}

/// The commands measured, reads first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Help,
    SetupShow,
    TerritoryList,
    PartnerList,
    PartnerListTerritory,
    PartnerShow,
    AccountShowName,
    AccountShowDomain,
    DealList,
    DealListPartner,
    DealShow,
    TouchList,
    RegistrationList,
    RegistrationExpiring,
    Compliance,
    ProgramShow,
    ConflictByName,
    ConflictByDomain,
    DealAdd,
    DealUpdate,
    TouchLog,
    PartnerUpdate,
    AccountAdd,
    ForecastTeam,
    ForecastShow,
    ForecastExport,
    ForecastSubmit,
    Away,
    Kpi,
    KpiTerritory,
}

const OPEN_STAGES: [Stage; 7] = [
    Stage::Pending,
    Stage::Discovery,
    Stage::Scoping,
    Stage::TechEval,
    Stage::Proposal,
    Stage::Negotiating,
    Stage::AwaitingSignature,
];

const TOUCH_TYPES: [&str; 6] = ["meeting", "call", "email", "event", "enablement", "qbr"];

impl Case {
    pub const ALL: [Case; 30] = [
        Case::Help,
        Case::SetupShow,
        Case::TerritoryList,
        Case::PartnerList,
        Case::PartnerListTerritory,
        Case::PartnerShow,
        Case::AccountShowName,
        Case::AccountShowDomain,
        Case::DealList,
        Case::DealListPartner,
        Case::DealShow,
        Case::TouchList,
        Case::RegistrationList,
        Case::RegistrationExpiring,
        Case::Compliance,
        Case::ProgramShow,
        Case::ConflictByName,
        Case::ConflictByDomain,
        Case::DealAdd,
        Case::DealUpdate,
        Case::TouchLog,
        Case::PartnerUpdate,
        Case::AccountAdd,
        Case::ForecastTeam,
        Case::ForecastShow,
        Case::ForecastExport,
        Case::ForecastSubmit,
        Case::Away,
        Case::Kpi,
        Case::KpiTerritory,
    ];

    /// The command as shown in the results.
    pub fn label(self) -> &'static str {
        match self {
            Case::Help => "/help",
            Case::SetupShow => "/setup show",
            Case::TerritoryList => "/territory list",
            Case::PartnerList => "/partner list",
            Case::PartnerListTerritory => "/partner list territory:…",
            Case::PartnerShow => "/partner show partner:…",
            Case::AccountShowName => "/account show account:<name>",
            Case::AccountShowDomain => "/account show account:<domain>",
            Case::DealList => "/deal list",
            Case::DealListPartner => "/deal list partner:…",
            Case::DealShow => "/deal show deal:#…",
            Case::TouchList => "/touch list partner:…",
            Case::RegistrationList => "/registration list",
            Case::RegistrationExpiring => "/registration expiring",
            Case::Compliance => "/compliance",
            Case::ProgramShow => "/program show",
            Case::ConflictByName => "/deal register (conflict by name)",
            Case::ConflictByDomain => "/deal register (conflict by domain)",
            Case::DealAdd => "/deal add (write)",
            Case::DealUpdate => "/deal update stage:… (write)",
            Case::TouchLog => "/touch log (write)",
            Case::PartnerUpdate => "/partner update (write)",
            Case::AccountAdd => "/account add (write)",
            Case::ForecastTeam => "/forecast team page:…",
            Case::ForecastShow => "/forecast show territory:…",
            Case::ForecastExport => "/forecast export",
            Case::ForecastSubmit => "/forecast submit (write)",
            Case::Away => "/away from:… to:… (write)",
            Case::Kpi => "/kpi",
            Case::KpiTerritory => "/kpi territory:…",
        }
    }

    /// The line to type for iteration `i`.
    pub fn line(self, rng: &mut Rng, s: &mut Samples, i: usize) -> String {
        let partner = rng.pick(&s.partners).clone();
        let territory = rng.pick(&s.territories).clone();
        let (account, domain) = rng.pick(&s.accounts).clone();
        match self {
            Case::Help => "/help".to_string(),
            Case::SetupShow => "/setup show".to_string(),
            Case::TerritoryList => "/territory list".to_string(),
            Case::PartnerList => "/partner list".to_string(),
            Case::PartnerListTerritory => format!("/partner list territory:\"{territory}\""),
            Case::PartnerShow => format!("/partner show partner:\"{partner}\""),
            Case::AccountShowName => format!("/account show account:\"{account}\""),
            Case::AccountShowDomain => format!("/account show account:{domain}"),
            Case::DealList => "/deal list".to_string(),
            Case::DealListPartner => format!("/deal list partner:\"{partner}\""),
            Case::DealShow => format!("/deal show deal:#{}", rng.pick(&s.deals)),
            Case::TouchList => format!("/touch list partner:\"{partner}\""),
            Case::RegistrationList => "/registration list".to_string(),
            Case::RegistrationExpiring => "/registration expiring".to_string(),
            Case::Compliance => "/compliance".to_string(),
            Case::ProgramShow => "/program show".to_string(),
            Case::ConflictByName | Case::ConflictByDomain => {
                let (held, held_domain) = rng.pick(&s.held_accounts).clone();
                let account = match self {
                    // A legal suffix and other case: the company key still matches.
                    Case::ConflictByName => format!("{} Inc.", held.to_uppercase()),
                    _ => format!(
                        "Bench {} Prospect {i}\" domain:\"eu.{held_domain}",
                        s.run_tag
                    ),
                };
                format!(
                    "/deal register account:\"{account}\" amount:{}k close:+{}d type:resale partner:\"{}\"",
                    rng.range(10, 900),
                    rng.range(14, 120),
                    rng.pick(&s.sourcing)
                )
            }
            Case::DealAdd => format!(
                "/deal add account:\"{account}\" amount:{}k close:+{}d partner:\"{}\"",
                rng.range(10, 900),
                rng.range(14, 270),
                rng.pick(&s.sourcing)
            ),
            Case::DealUpdate => {
                let index = rng.index(s.open_deals.len());
                let (id, current) = s.open_deals[index];
                let others: Vec<Stage> = OPEN_STAGES
                    .into_iter()
                    .filter(|st| *st != current)
                    .collect();
                let stage = *rng.pick(&others);
                s.open_deals[index].1 = stage;
                format!("/deal update deal:#{id} stage:{}", stage.as_str())
            }
            Case::TouchLog => {
                let about = if rng.chance(30) {
                    format!(" account:\"{account}\"")
                } else {
                    String::new()
                };
                format!(
                    "/touch log partner:\"{partner}\" type:{} notes:\"Bench touch {i}: joint pipeline review\"{about}",
                    rng.pick(&TOUCH_TYPES)
                )
            }
            Case::PartnerUpdate => {
                let index = rng.index(s.partners.len());
                let certs = (s.certs_sales[index] + rng.range(1, 5)) % 60;
                s.certs_sales[index] = certs;
                format!(
                    "/partner update partner:\"{}\" certs_sales:{certs}",
                    s.partners[index]
                )
            }
            Case::ForecastTeam => format!("/forecast team page:{}", rng.range(1, 4)),
            Case::ForecastShow => format!("/forecast show territory:\"{territory}\""),
            Case::ForecastExport => "/forecast export".to_string(),
            Case::ForecastSubmit => {
                let commit = rng.range(200, 900);
                let likely = commit + rng.range(0, 300);
                let best = likely + rng.range(0, 500);
                format!(
                    "/forecast submit commit:{commit}k most_likely:{likely}k best_case:{best}k notes:\"Bench {i}\""
                )
            }
            Case::Away => {
                let from = rng.range(1, 200);
                format!(
                    "/away from:+{from}d to:+{}d note:\"Bench {i}\"",
                    from + rng.range(0, 10)
                )
            }
            Case::Kpi => "/kpi".to_string(),
            Case::KpiTerritory => format!("/kpi territory:\"{territory}\""),
            Case::AccountAdd => {
                let tag = &s.run_tag;
                format!(
                    "/account add name:\"Bench {tag} Account {i}\" domain:bench-{tag}-{i}.example.com territory:\"{territory}\""
                )
            }
        }
    }
}
