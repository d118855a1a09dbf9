//! Realistic deals with their partner roles, registrations and influence, shared by the demo and
//! the reference dataset: stages follow close dates, registrations follow stages (approved,
//! expired after 90 days, closed with the deal), marketplace deals carry co-sell portal ids
//! (some missing, some lagging: the compliance gaps a PTM fixes).

mod registration;

use super::days::{stamp, SLOTS};
use super::pools::Pools;
use super::rng::Rng;
use super::rows::{DealRow, InfluenceRow, RegistrationRow};
use super::staff::Team;
use crate::domain::deal::{
    default_category, DealPath, ForecastCategory, InfluenceType, Marketplace, Stage,
};
use crate::domain::ids::WorkspaceId;
use crate::domain::partner::PartnerType;
use crate::domain::Choice;
use crate::store::codec;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Partners by the roles they can play on a deal.
#[derive(Debug, Default)]
pub struct PartnerPools {
    /// Who registers deals: resellers, SIs, MSPs.
    pub sourcing: Vec<i64>,
    pub msps: Vec<i64>,
    pub resellers: Vec<i64>,
    pub distributors: Vec<i64>,
    /// Hyperscalers that run a marketplace.
    pub clouds: Vec<(i64, Marketplace)>,
    /// SIs (services attach and influence).
    pub services: Vec<i64>,
    /// SIs and technology partners.
    pub influencers: Vec<i64>,
}

impl PartnerPools {
    pub fn add(&mut self, id: i64, kind: PartnerType, name: &str) {
        use PartnerType as T;
        match kind {
            T::Reseller => self.resellers.push(id),
            T::Distributor => self.distributors.push(id),
            T::Msp => self.msps.push(id),
            T::Cloud => match name {
                "AWS" => self.clouds.push((id, Marketplace::Aws)),
                "Google Cloud" => self.clouds.push((id, Marketplace::Gcp)),
                "Microsoft Azure" => self.clouds.push((id, Marketplace::Azure)),
                _ => {}
            },
            _ => {}
        }
        if matches!(kind, T::Reseller | T::Gsi | T::Rsi | T::BoutiqueSi | T::Msp) {
            self.sourcing.push(id);
        }
        if matches!(kind, T::Gsi | T::Rsi | T::BoutiqueSi) {
            self.services.push(id);
        }
        if matches!(kind, T::Gsi | T::Rsi | T::BoutiqueSi | T::Technology) {
            self.influencers.push(id);
        }
    }
}

/// The account a deal is for.
#[derive(Debug, Clone)]
pub struct Acct {
    pub id: i64,
    pub name: String,
    pub territory_id: Option<i64>,
    pub owner: i64,
}

/// What a caller may force about a deal (the demo does, to cover every value).
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub stage: Stage,
    pub path: Option<DealPath>,
    pub marketplace: Option<Marketplace>,
}

/// A deal and the rows that hang off it.
pub struct Made {
    pub deal: DealRow,
    pub registrations: Vec<RegistrationRow>,
    pub influences: Vec<InfluenceRow>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Motion {
    Sourced,
    Resale,
    Market(Marketplace),
    Influence,
    Direct,
    WebDirect,
}

pub struct DealMaker<'a> {
    pub workspace_id: WorkspaceId,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    pub pools: &'a Pools,
    pub partners: &'a PartnerPools,
    pub team: &'a Team,
    /// Share of all deals that are partner sourced with a registration, per thousand.
    pub sourced_permille: u64,
    pub validity_days: i64,
}

const OPEN_STAGES: &[(Stage, u32)] = &[
    (Stage::Pending, 4),
    (Stage::Discovery, 14),
    (Stage::Scoping, 16),
    (Stage::TechEval, 18),
    (Stage::Proposal, 18),
    (Stage::Negotiating, 16),
    (Stage::AwaitingSignature, 10),
];

impl DealMaker<'_> {
    /// A stage that fits the close date: deals whose date passed over a quarter ago are closed,
    /// recent ones mostly (the rest slipped and are still open), near ones late-stage, far ones
    /// early.
    pub fn stage_for(&self, rng: &mut Rng, close: NaiveDate) -> Stage {
        let days_ahead = (close - self.today).num_days();
        let closed = match days_ahead {
            d if d < -90 => 100,
            d if d < -30 => 90,
            d if d < 0 => 60,
            _ => 0,
        };
        if rng.chance(closed) {
            return if rng.chance(58) {
                Stage::ClosedWon
            } else {
                Stage::ClosedLost
            };
        }
        let skip_late = if days_ahead > 120 { 3 } else { 0 };
        *rng.weighted(&OPEN_STAGES[..OPEN_STAGES.len() - skip_late])
    }

    pub fn make(
        &self,
        rng: &mut Rng,
        id: i64,
        account: &Acct,
        close: NaiveDate,
        shape: Shape,
    ) -> Made {
        let motion = self.motion(rng, shape);
        let stage = shape.stage;
        let created = (close - Duration::days(rng.range(20, 200)))
            .min(self.today - Duration::days(rng.range(0, 45)));
        let closed_on = (!stage.is_open()).then_some(close);
        let open_days = (self.today - created).num_days().max(0);
        let updated =
            closed_on.unwrap_or_else(|| created + Duration::days(rng.range(0, open_days)));
        let is_renewal = rng.chance(12);
        let what = if is_renewal {
            "Renewal"
        } else {
            rng.pick(&self.pools.deal_motions)
        };
        let path = match motion {
            Motion::Direct => DealPath::Direct,
            Motion::WebDirect => DealPath::WebDirect,
            _ => DealPath::Partner,
        };
        let mut deal = DealRow {
            id,
            workspace_id: self.workspace_id,
            account_id: account.id,
            name: format!("{} - {what}", account.name),
            amount_minor: amount_minor(rng, motion == Motion::WebDirect),
            stage: stage.as_str(),
            close_date: codec::date(close),
            forecast_category: category(rng, stage).as_str(),
            deal_path: path.as_str(),
            owner_user_id: account.owner,
            territory_id: account.territory_id,
            sourcing_partner_id: None,
            transacting_partner_id: None,
            distributor_partner_id: None,
            marketplace: Marketplace::None.as_str(),
            private_offer_id: None,
            portal_id: None,
            portal_stage: None,
            portal_status: None,
            is_renewal: i64::from(is_renewal),
            closed_on: closed_on.map(codec::date),
            created_at: stamp(created, rng.index(SLOTS), self.now),
            updated_at: stamp(updated, rng.index(SLOTS), self.now),
        };
        let mut registrations = Vec::new();
        let mut influences = Vec::new();
        match motion {
            Motion::Sourced => {
                registrations = self.sourced(rng, &mut deal, stage, created, account)
            }
            Motion::Resale => {
                deal.transacting_partner_id = self.reseller(rng);
                deal.distributor_partner_id = self.distributor(rng, 30);
            }
            Motion::Market(market) => self.marketplace(rng, &mut deal, market, stage),
            Motion::Influence => influences = self.influence(rng, &deal, created, 100),
            Motion::Direct | Motion::WebDirect => {}
        }
        if matches!(motion, Motion::Sourced | Motion::Resale | Motion::Market(_)) {
            influences.extend(self.influence(rng, &deal, created, 12));
        }
        Made {
            deal,
            registrations,
            influences,
        }
    }

    fn motion(&self, rng: &mut Rng, shape: Shape) -> Motion {
        if let Some(market) = shape.marketplace.filter(|m| *m != Marketplace::None) {
            return Motion::Market(market);
        }
        let partner = [
            (Motion::Sourced, 45),
            (Motion::Resale, 30),
            (Motion::Market(self.market(rng)), 15),
            (Motion::Influence, 10),
        ];
        match shape.path {
            Some(DealPath::Direct) => Motion::Direct,
            Some(DealPath::WebDirect) => Motion::WebDirect,
            Some(DealPath::Partner) => *rng.weighted(&partner),
            None if rng.below(1000) < self.sourced_permille => Motion::Sourced,
            None => {
                let market = self.market(rng);
                *rng.weighted(&[
                    (Motion::Resale, 15),
                    (Motion::Market(market), 10),
                    (Motion::Influence, 5),
                    (Motion::Direct, 55),
                    (Motion::WebDirect, 15),
                ])
            }
        }
    }

    fn market(&self, rng: &mut Rng) -> Marketplace {
        *rng.weighted(&[
            (Marketplace::Aws, 55),
            (Marketplace::Gcp, 30),
            (Marketplace::Azure, 15),
        ])
    }

    fn reseller(&self, rng: &mut Rng) -> Option<i64> {
        let list = if rng.chance(20) && !self.partners.msps.is_empty() {
            &self.partners.msps
        } else {
            &self.partners.resellers
        };
        (!list.is_empty()).then(|| *rng.pick(list))
    }

    fn distributor(&self, rng: &mut Rng, percent: u64) -> Option<i64> {
        let list = &self.partners.distributors;
        (rng.chance(percent) && !list.is_empty()).then(|| *rng.pick(list))
    }

    fn marketplace(&self, rng: &mut Rng, deal: &mut DealRow, market: Marketplace, stage: Stage) {
        deal.marketplace = market.as_str();
        let cloud = self
            .partners
            .clouds
            .iter()
            .find(|(_, m)| *m == market)
            .map(|(id, _)| *id);
        if rng.chance(25) {
            // Channel partner private offer: a reseller transacts through the marketplace.
            deal.transacting_partner_id = self.reseller(rng);
        } else {
            deal.transacting_partner_id = cloud;
        }
        if market == Marketplace::Azure {
            return;
        }
        if rng.chance(85) {
            deal.portal_id = Some(format!("O{}", rng.range(1_000_000, 9_999_999)));
            deal.portal_stage = Some(portal_stage(stage, rng.chance(20)));
            deal.portal_status = Some(*rng.weighted(&[
                ("approved", 60),
                ("submitted", 10),
                ("in_review", 10),
                ("action_required", 8),
                ("pending_submission", 7),
                ("rejected", 5),
            ]));
        }
        if matches!(
            stage,
            Stage::Negotiating | Stage::AwaitingSignature | Stage::ClosedWon
        ) {
            deal.private_offer_id = Some(format!("offer-{}", rng.alphanumeric(13)));
        }
    }

    fn influence(
        &self,
        rng: &mut Rng,
        deal: &DealRow,
        created: NaiveDate,
        percent: u64,
    ) -> Vec<InfluenceRow> {
        let list = &self.partners.influencers;
        if list.is_empty() || !rng.chance(percent) {
            return Vec::new();
        }
        let first = rng.index(list.len());
        let count = if rng.chance(25) { 2 } else { 1 };
        (0..count.min(list.len()))
            .map(|i| {
                let partner_id = list[(first + i) % list.len()];
                let day = (created + Duration::days(rng.range(1, 20))).min(self.today);
                InfluenceRow {
                    workspace_id: self.workspace_id,
                    deal_id: deal.id,
                    partner_id,
                    influence_type: rng.pick(InfluenceType::ALL).as_str(),
                    description: self.pools.influence_notes
                        [rng.index(self.pools.influence_notes.len())],
                    recorded_by: self.team.ptm(rng, deal.territory_id),
                    created_at: stamp(day, rng.index(SLOTS), self.now),
                }
            })
            .collect()
    }
}

/// Net ARR in cents: web deals are small; others mostly tens to hundreds of thousands.
fn amount_minor(rng: &mut Rng, web: bool) -> i64 {
    let dollars = if web {
        rng.range(20, 250) * 100
    } else {
        match rng.below(100) {
            0..=39 => rng.range(20, 100) * 500,
            40..=74 => rng.range(100, 400) * 500,
            75..=94 => rng.range(400, 1_500) * 500,
            _ => rng.range(1_500, 6_000) * 500,
        }
    };
    dollars * 100
}

/// The stage's default category, with one in ten open deals called differently by its owner.
fn category(rng: &mut Rng, stage: Stage) -> ForecastCategory {
    let default = default_category(stage);
    let ladder = [
        ForecastCategory::Pipeline,
        ForecastCategory::BestCase,
        ForecastCategory::Commit,
    ];
    match ladder.iter().position(|c| *c == default) {
        Some(i) if rng.chance(10) => {
            let up = rng.chance(50) && i + 1 < ladder.len();
            ladder[if up { i + 1 } else { i.saturating_sub(1) }]
        }
        _ => default,
    }
}

/// The co-sell portal stage matching a deal stage, one step behind when `lagging`.
fn portal_stage(stage: Stage, lagging: bool) -> &'static str {
    const LADDER: [&str; 6] = [
        "prospect",
        "qualified",
        "technical_validation",
        "business_validation",
        "committed",
        "launched",
    ];
    let step: usize = match stage {
        Stage::ClosedLost => return "closed_lost",
        Stage::Pending | Stage::Discovery => 0,
        Stage::Scoping => 1,
        Stage::TechEval => 2,
        Stage::Proposal | Stage::Negotiating => 3,
        Stage::AwaitingSignature => 4,
        Stage::ClosedWon => 5,
    };
    LADDER[if lagging {
        step.saturating_sub(1)
    } else {
        step
    }]
}
