//! Deals: the [`Deal`] record and its own rules (in `record`), stage, forecast category (and
//! the default for a stage), deal path, marketplace, influence type, the co-sell portal's
//! (AWS ACE) stage and review status, and ACE ids.

use super::{choice_enum, echo, DomainError};

mod record;

pub use record::Deal;

choice_enum! {
    /// Where a deal is in the sales cycle: stages 0 to 6, then closed.
    pub enum Stage ("stage") {
        Pending => "pending", "Pending acceptance", ["0", "stage 0", "0 pending acceptance"];
        Discovery => "discovery", "Discovery", ["1", "stage 1", "1 discovery"];
        Scoping => "scoping", "Scoping", ["2", "stage 2", "2 scoping"];
        TechEval => "tech_eval", "Technical evaluation",
            ["3", "stage 3", "3 technical evaluation", "technical eval"];
        Proposal => "proposal", "Proposal", ["4", "stage 4", "4 proposal"];
        Negotiating => "negotiating", "Negotiating", ["5", "stage 5", "5 negotiating", "negotiation"];
        AwaitingSignature => "awaiting_signature", "Awaiting signature",
            ["6", "stage 6", "6 awaiting signature"];
        ClosedWon => "closed_won", "Closed Won", ["won"];
        ClosedLost => "closed_lost", "Closed Lost", ["lost"];
    }
}

impl Stage {
    /// Still being worked: not closed won or lost.
    pub fn is_open(self) -> bool {
        !matches!(self, Self::ClosedWon | Self::ClosedLost)
    }

    /// The stage number 0..=6; `None` when closed.
    pub fn number(self) -> Option<u8> {
        Some(match self {
            Self::Pending => 0,
            Self::Discovery => 1,
            Self::Scoping => 2,
            Self::TechEval => 3,
            Self::Proposal => 4,
            Self::Negotiating => 5,
            Self::AwaitingSignature => 6,
            Self::ClosedWon | Self::ClosedLost => return None,
        })
    }

    /// The open stage with number `n` (0..=6).
    pub fn from_number(n: u8) -> Option<Self> {
        <Self as super::Choice>::ALL
            .iter()
            .copied()
            .find(|stage| stage.number() == Some(n))
    }
}

choice_enum! {
    /// How sure the owner is that the deal closes in the period.
    pub enum ForecastCategory ("forecast category") {
        /// Closed won.
        Closed => "closed", "Closed";
        /// 95-100% sure this period (includes closed).
        Commit => "commit", "Commit";
        /// 50% or more, with a credible plan.
        BestCase => "best_case", "Best Case", ["best"];
        /// Later quarters.
        Pipeline => "pipeline", "Pipeline";
        /// Stage 0, lost or duplicate.
        Omitted => "omitted", "Omitted";
    }
}

/// The forecast category a deal gets when its stage changes, unless the owner overrides it.
pub fn default_category(stage: Stage) -> ForecastCategory {
    match stage {
        Stage::ClosedWon => ForecastCategory::Closed,
        Stage::ClosedLost | Stage::Pending => ForecastCategory::Omitted,
        Stage::Discovery | Stage::Scoping => ForecastCategory::Pipeline,
        Stage::TechEval | Stage::Proposal => ForecastCategory::BestCase,
        Stage::Negotiating | Stage::AwaitingSignature => ForecastCategory::Commit,
    }
}

choice_enum! {
    /// The route the deal takes (Partner includes referral and influence deals).
    pub enum DealPath ("deal path") {
        Partner => "partner", "Partner";
        Direct => "direct", "Direct";
        WebDirect => "web_direct", "Web Direct", ["web"];
    }
}

choice_enum! {
    /// The cloud marketplace the deal transacts through, if any.
    pub enum Marketplace ("marketplace") {
        None => "none", "None", ["no", "n/a"];
        Aws => "aws", "AWS Marketplace", ["amazon"];
        Gcp => "gcp", "Google Cloud Marketplace", ["google", "google cloud"];
        Azure => "azure", "Azure Marketplace", ["microsoft"];
    }
}

choice_enum! {
    /// How a partner helped a deal it neither sourced nor transacts.
    pub enum InfluenceType ("influence type") {
        ExecutiveIntro => "executive_intro", "Executive introduction", ["intro", "exec intro"];
        Briefing => "briefing", "Briefing";
        Demo => "demo", "Demo";
        /// Proof of concept.
        Poc => "poc", "POC", ["proof of concept"];
        /// Help with a request for proposal.
        Rfp => "rfp", "RFP", ["request for proposal"];
        SideBySide => "side_by_side", "Side-by-side pursuit", ["sbs"];
        Other => "other", "Other";
    }
}

choice_enum! {
    /// Review status of the opportunity in the co-sell portal (AWS ACE).
    pub enum PortalStatus ("portal status") {
        PendingSubmission => "pending_submission", "Pending Submission";
        Submitted => "submitted", "Submitted";
        InReview => "in_review", "In Review";
        ActionRequired => "action_required", "Action Required";
        Approved => "approved", "Approved";
        Rejected => "rejected", "Rejected";
    }
}

choice_enum! {
    /// Stage of the opportunity in the co-sell portal (AWS ACE).
    pub enum PortalStage ("portal stage") {
        Prospect => "prospect", "Prospect";
        Qualified => "qualified", "Qualified";
        TechnicalValidation => "technical_validation", "Technical Validation";
        BusinessValidation => "business_validation", "Business Validation";
        Committed => "committed", "Committed";
        Launched => "launched", "Launched";
        ClosedLost => "closed_lost", "Closed Lost";
    }
}

/// Checks an AWS ACE opportunity id: the letter `O` followed by at least 7 digits
/// (`O1234567`). Returns it trimmed, with the `O` uppercased.
pub fn parse_ace_opportunity_id(input: &str) -> Result<String, DomainError> {
    let text = input.trim();
    let digits = text.strip_prefix(['O', 'o']).unwrap_or("");
    if (7..=20).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(format!("O{digits}"))
    } else {
        Err(DomainError::InvalidAceOpportunityId { input: echo(text) })
    }
}

/// Checks a Google Partner Advantage opportunity id. Google publishes no fixed pattern, so this
/// catches typing mistakes only: 6 to 40 ASCII letters, digits or hyphens, at least one digit,
/// no spaces or punctuation. A leading `opportunities/` (as Google's Channel API names the
/// resource) is dropped. Returns it trimmed, as typed otherwise.
pub fn parse_partner_advantage_id(input: &str) -> Result<String, DomainError> {
    let text = input.trim();
    let id = text.strip_prefix("opportunities/").unwrap_or(text);
    let allowed = id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let has_digit = id.bytes().any(|b| b.is_ascii_digit());
    if (6..=40).contains(&id.len()) && allowed && has_digit && !id.starts_with('-') {
        Ok(id.to_string())
    } else {
        Err(DomainError::InvalidPartnerAdvantageId { input: echo(text) })
    }
}

/// Checks a co-sell portal id for a deal on `marketplace`: an ACE id for AWS, a Partner
/// Advantage id for Google Cloud; Azure (Partner Center referral ids) is taken as typed.
/// `None` for a deal with no marketplace (a portal id needs one).
pub fn parse_portal_id(
    marketplace: Marketplace,
    input: &str,
) -> Option<Result<String, DomainError>> {
    match marketplace {
        Marketplace::None => None,
        Marketplace::Aws => Some(parse_ace_opportunity_id(input)),
        Marketplace::Gcp => Some(parse_partner_advantage_id(input)),
        Marketplace::Azure => Some(Ok(input.trim().to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Choice;

    fn ids<C: Choice>() -> Vec<&'static str> {
        C::ALL.iter().map(Choice::as_str).collect()
    }

    #[test]
    fn deal_enums_have_the_planned_ids() {
        assert_eq!(
            ids::<Stage>(),
            [
                "pending",
                "discovery",
                "scoping",
                "tech_eval",
                "proposal",
                "negotiating",
                "awaiting_signature",
                "closed_won",
                "closed_lost"
            ]
        );
        assert_eq!(
            ids::<ForecastCategory>(),
            ["closed", "commit", "best_case", "pipeline", "omitted"]
        );
        assert_eq!(ids::<DealPath>(), ["partner", "direct", "web_direct"]);
        assert_eq!(ids::<Marketplace>(), ["none", "aws", "gcp", "azure"]);
        assert_eq!(
            ids::<InfluenceType>(),
            [
                "executive_intro",
                "briefing",
                "demo",
                "poc",
                "rfp",
                "side_by_side",
                "other"
            ]
        );
        assert_eq!(
            ids::<PortalStatus>(),
            [
                "pending_submission",
                "submitted",
                "in_review",
                "action_required",
                "approved",
                "rejected"
            ]
        );
        assert_eq!(
            ids::<PortalStage>(),
            [
                "prospect",
                "qualified",
                "technical_validation",
                "business_validation",
                "committed",
                "launched",
                "closed_lost"
            ]
        );
    }

    #[test]
    fn each_stage_has_the_planned_default_category() {
        use ForecastCategory as F;
        for (stage, category) in [
            (Stage::Pending, F::Omitted),
            (Stage::Discovery, F::Pipeline),
            (Stage::Scoping, F::Pipeline),
            (Stage::TechEval, F::BestCase),
            (Stage::Proposal, F::BestCase),
            (Stage::Negotiating, F::Commit),
            (Stage::AwaitingSignature, F::Commit),
            (Stage::ClosedWon, F::Closed),
            (Stage::ClosedLost, F::Omitted),
        ] {
            assert_eq!(default_category(stage), category, "{stage:?}");
        }
    }

    #[test]
    fn open_stages_are_numbered_0_to_6_and_closed_ones_are_not() {
        for (n, stage) in Stage::ALL.iter().take(7).enumerate() {
            assert!(stage.is_open());
            assert_eq!(stage.number(), Some(n as u8));
            assert_eq!(Stage::from_number(n as u8), Some(*stage));
        }
        for stage in [Stage::ClosedWon, Stage::ClosedLost] {
            assert!(!stage.is_open());
            assert_eq!(stage.number(), None);
        }
        assert_eq!(Stage::from_number(7), None);
        assert!(Stage::Pending < Stage::ClosedWon);
    }

    #[test]
    fn stages_parse_from_ids_labels_and_numbers() {
        for (input, stage) in [
            ("tech_eval", Stage::TechEval),
            ("Tech Eval", Stage::TechEval),
            ("Technical evaluation", Stage::TechEval),
            ("3", Stage::TechEval),
            ("3-Technical Evaluation", Stage::TechEval),
            ("stage 6", Stage::AwaitingSignature),
            ("Closed Won", Stage::ClosedWon),
            ("won", Stage::ClosedWon),
        ] {
            assert_eq!(Stage::parse(input), Ok(stage), "{input}");
        }
        assert_eq!(
            ForecastCategory::parse("Best Case"),
            Ok(ForecastCategory::BestCase)
        );
        assert_eq!(Marketplace::parse("Google Cloud"), Ok(Marketplace::Gcp));
    }

    #[test]
    fn a_misspelt_stage_suggests_the_right_one() {
        let err = Stage::parse("negociating").unwrap_err();
        assert!(err.to_string().starts_with(
            "unknown stage `negociating`. Did you mean `negotiating`? Choose one of: `pending`,"
        ), "{err}");
        let err = ForecastCategory::parse("bestcase").unwrap_err();
        assert!(
            err.to_string().contains("Did you mean `best_case`?"),
            "{err}"
        );
    }

    #[test]
    fn an_ambiguous_stage_suggests_every_match() {
        let err = Stage::parse("closed").unwrap_err();
        assert!(
            err.to_string()
                .contains("Did you mean `closed_won` or `closed_lost`?"),
            "{err}"
        );
    }

    #[test]
    fn ace_opportunity_ids_are_an_o_and_seven_or_more_digits() {
        assert_eq!(
            parse_ace_opportunity_id("O1234567"),
            Ok("O1234567".to_string())
        );
        assert_eq!(
            parse_ace_opportunity_id(" o123456789 "),
            Ok("O123456789".to_string())
        );
        for bad in [
            "",
            "O123456",
            "1234567",
            "0123456789",
            "O12345678a",
            "OO1234567",
        ] {
            let err = parse_ace_opportunity_id(bad).unwrap_err();
            assert!(err.to_string().contains("is not valid"), "{bad}");
        }
        assert_eq!(
            parse_portal_id(Marketplace::Aws, "o1234567"),
            Some(Ok("O1234567".to_string()))
        );
        assert_eq!(parse_portal_id(Marketplace::None, "O1234567"), None);
        assert_eq!(
            parse_ace_opportunity_id("O12").unwrap_err().to_string(),
            "ACE opportunity id `O12` is not valid; it looks like `O1234567` \
             (the letter O and at least 7 digits)"
        );
    }

    #[test]
    fn partner_advantage_ids_are_letters_digits_and_hyphens_with_a_digit() {
        for (input, id) in [
            ("0061234ABC", "0061234ABC"),
            (" abc-123456 ", "abc-123456"),
            ("opportunities/987654", "987654"),
            ("O1234567", "O1234567"),
        ] {
            assert_eq!(
                parse_partner_advantage_id(input),
                Ok(id.to_string()),
                "{input}"
            );
            assert_eq!(
                parse_portal_id(Marketplace::Gcp, input),
                Some(Ok(id.to_string()))
            );
        }
        for bad in [
            "",
            "12345",
            "abcdefgh",
            "abc 123456",
            "abc_123456",
            "https://x.y/123456",
            "-123456",
            &"1".repeat(41),
        ] {
            let err = parse_partner_advantage_id(bad).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with("Google Partner Advantage opportunity id"),
                "{bad}"
            );
        }
    }
}
