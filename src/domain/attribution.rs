//! Which KPI bucket a deal's revenue counts in. Exclusive: Sourced beats Co-Sell beats Influence
//! beats Direct. Pure: the deal card explains it (`/deal show`) and the KPIs reuse it.

use super::deal::Marketplace;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribution {
    /// A partner found the deal and holds an approved sourced registration.
    Sourced,
    /// Transacted through a partner, a distributor or a cloud marketplace, not sourced.
    CoSell,
    /// A partner helped without sourcing or transacting.
    Influence,
    Direct,
}

impl Attribution {
    pub fn label(self) -> &'static str {
        match self {
            Attribution::Sourced => "Partner Sourced",
            Attribution::CoSell => "Partner Co-Sell",
            Attribution::Influence => "Partner Influence",
            Attribution::Direct => "Direct",
        }
    }
}

/// What attribution looks at on a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttributionFacts {
    /// An approved (or, after the close, closed won) registration that is not services attach.
    pub sourced_registration: bool,
    pub transacting_partner: bool,
    pub distributor: bool,
    pub marketplace: Marketplace,
    pub influence: bool,
}

pub fn attribution(facts: AttributionFacts) -> Attribution {
    if facts.sourced_registration {
        Attribution::Sourced
    } else if facts.transacting_partner
        || facts.distributor
        || facts.marketplace != Marketplace::None
    {
        Attribution::CoSell
    } else if facts.influence {
        Attribution::Influence
    } else {
        Attribution::Direct
    }
}

/// Whether a registration (stored type and status ids) makes its deal partner sourced.
pub fn is_sourcing_registration(reg_type: &str, status: &str) -> bool {
    reg_type != "services_attach" && matches!(status, "approved" | "closed_won")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTHING: AttributionFacts = AttributionFacts {
        sourced_registration: false,
        transacting_partner: false,
        distributor: false,
        marketplace: Marketplace::None,
        influence: false,
    };

    #[test]
    fn a_deal_with_no_partner_involvement_is_direct() {
        assert_eq!(attribution(NOTHING), Attribution::Direct);
    }

    #[test]
    fn an_approved_sourced_registration_beats_everything() {
        let facts = AttributionFacts {
            sourced_registration: true,
            transacting_partner: true,
            distributor: true,
            marketplace: Marketplace::Aws,
            influence: true,
        };
        assert_eq!(attribution(facts), Attribution::Sourced);
    }

    #[test]
    fn a_reseller_a_distributor_or_a_marketplace_makes_it_co_sell() {
        for facts in [
            AttributionFacts {
                transacting_partner: true,
                ..NOTHING
            },
            AttributionFacts {
                distributor: true,
                ..NOTHING
            },
            AttributionFacts {
                marketplace: Marketplace::Gcp,
                influence: true,
                ..NOTHING
            },
        ] {
            assert_eq!(attribution(facts), Attribution::CoSell, "{facts:?}");
        }
    }

    #[test]
    fn influence_alone_is_influence() {
        let facts = AttributionFacts {
            influence: true,
            ..NOTHING
        };
        assert_eq!(attribution(facts), Attribution::Influence);
    }

    #[test]
    fn services_attach_and_unapproved_registrations_do_not_source_a_deal() {
        assert!(is_sourcing_registration("resale", "approved"));
        assert!(is_sourcing_registration("referral", "closed_won"));
        assert!(!is_sourcing_registration("services_attach", "approved"));
        assert!(!is_sourcing_registration("resale", "pending_review"));
        assert!(!is_sourcing_registration("msp", "expired"));
    }
}
