//! Partners: the [`Partner`] record (in `record`), their type, their program track and whether
//! their agreement is in force.

use chrono::NaiveDate;

use super::choice_enum;

mod record;

pub use record::{Partner, PartnerFields};

choice_enum! {
    /// What kind of company the partner is.
    pub enum PartnerType ("partner type") {
        Reseller => "reseller", "Reseller", ["var", "vad", "dmr", "value added reseller"];
        Distributor => "distributor", "Distributor", ["disti", "distie"];
        /// Global systems integrator.
        Gsi => "gsi", "GSI", ["global si", "global systems integrator"];
        /// Regional systems integrator.
        Rsi => "rsi", "RSI", ["regional si", "regional systems integrator"];
        BoutiqueSi => "boutique_si", "Boutique SI", ["boutique"];
        /// Managed service provider.
        Msp => "msp", "MSP", ["managed service provider"];
        /// Cloud provider / hyperscaler (AWS, Google Cloud, Azure), who also run marketplaces.
        Cloud => "cloud", "Cloud", ["hyperscaler", "cloud provider"];
        /// Technology or alliance partner.
        Technology => "technology", "Technology", ["tech", "alliance", "isv"];
    }
}

choice_enum! {
    /// The partner's program track (tier). The Professional Services Partner designation is a
    /// separate flag on the partner.
    pub enum Track ("track") {
        Open => "open", "Open";
        /// Invitation only; requires a joint business plan and a revenue commitment.
        Select => "select", "Select";
        SelectServices => "select_services", "Select Services";
    }
}

choice_enum! {
    /// Whether the partner agreement is in force; derived, see [`AgreementStatus::of`].
    pub enum AgreementStatus ("agreement status") {
        /// No agreement signed (or signed with a date still in the future).
        None => "none", "No agreement";
        /// Signed and not expired.
        Current => "current", "Current";
        /// Signed but expired.
        Lapsed => "lapsed", "Lapsed", ["expired"];
    }
}

impl AgreementStatus {
    /// The status on `today` of an agreement signed on `signed` and expiring on `expires`
    /// (`None`: never expires). An agreement is current through its expiry day.
    pub fn of(signed: Option<NaiveDate>, expires: Option<NaiveDate>, today: NaiveDate) -> Self {
        match (signed, expires) {
            (Some(signed), _) if signed > today => Self::None,
            (None, _) => Self::None,
            (Some(_), Some(expires)) if expires < today => Self::Lapsed,
            (Some(_), _) => Self::Current,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Choice;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn partner_types_have_the_planned_ids() {
        let ids: Vec<&str> = PartnerType::ALL.iter().map(Choice::as_str).collect();
        assert_eq!(
            ids,
            [
                "reseller",
                "distributor",
                "gsi",
                "rsi",
                "boutique_si",
                "msp",
                "cloud",
                "technology"
            ]
        );
        let tracks: Vec<&str> = Track::ALL.iter().map(Choice::as_str).collect();
        assert_eq!(tracks, ["open", "select", "select_services"]);
    }

    #[test]
    fn partner_types_parse_from_labels_and_common_words() {
        for (input, expected) in [
            ("Boutique SI", PartnerType::BoutiqueSi),
            ("boutique-si", PartnerType::BoutiqueSi),
            ("GSI", PartnerType::Gsi),
            ("VAR", PartnerType::Reseller),
            ("hyperscaler", PartnerType::Cloud),
            ("Managed Service Provider", PartnerType::Msp),
        ] {
            assert_eq!(PartnerType::parse(input), Ok(expected), "{input}");
        }
        assert_eq!(Track::parse("Select Services"), Ok(Track::SelectServices));
    }

    #[test]
    fn a_misspelt_partner_type_suggests_the_right_one() {
        let err = PartnerType::parse("resseller").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown partner type `resseller`. Did you mean `reseller`? Choose one of: \
             `reseller`, `distributor`, `gsi`, `rsi`, `boutique_si`, `msp`, `cloud`, `technology`."
        );
    }

    #[test]
    fn an_unsigned_agreement_has_no_status() {
        assert_eq!(
            AgreementStatus::of(None, None, d(2026, 1, 1)),
            AgreementStatus::None
        );
        assert_eq!(
            AgreementStatus::of(None, Some(d(2027, 1, 1)), d(2026, 1, 1)),
            AgreementStatus::None
        );
        assert_eq!(
            AgreementStatus::of(Some(d(2026, 2, 1)), None, d(2026, 1, 1)),
            AgreementStatus::None
        );
    }

    #[test]
    fn a_signed_agreement_is_current_through_its_expiry_day() {
        let signed = Some(d(2025, 1, 1));
        let expires = Some(d(2026, 1, 1));
        assert_eq!(
            AgreementStatus::of(signed, expires, d(2025, 1, 1)),
            AgreementStatus::Current
        );
        assert_eq!(
            AgreementStatus::of(signed, expires, d(2026, 1, 1)),
            AgreementStatus::Current
        );
        assert_eq!(
            AgreementStatus::of(signed, expires, d(2026, 1, 2)),
            AgreementStatus::Lapsed
        );
        assert_eq!(
            AgreementStatus::of(signed, None, d(2040, 1, 1)),
            AgreementStatus::Current
        );
    }
}
