//! Deal registrations: the [`Registration`] record (in `record`), their type and status, and the state machine between statuses
//! ([`transition`]: events, the one `apply` function, the effective status of a lapsed approval).

use super::choice_enum;

mod record;
mod transition;

pub use record::Registration;

pub use transition::{
    apply, effective_status, review_due, Event, EventKind, Facts, Outcome, TransitionError,
    WITHDRAWN_NOTE,
};

/// Days a registration protects the partner after approval (workspace default).
pub const DEFAULT_VALIDITY_DAYS: u32 = 90;

/// Days of the one standard extension (workspace default).
pub const DEFAULT_EXTENSION_DAYS: u32 = 30;

choice_enum! {
    /// What the partner registers.
    pub enum RegistrationType ("registration type") {
        /// The partner transacts on its own paper.
        Resale => "resale", "Resale";
        /// The partner buys and owns licences for the customer.
        Msp => "msp", "MSP";
        /// The partner brings the deal, does not transact, earns a rebate after close.
        Referral => "referral", "Referral";
        /// The partner registers its own services around a deal.
        ServicesAttach => "services_attach", "Services Attach", ["services"];
    }
}

choice_enum! {
    /// Where a registration is in its life.
    pub enum RegistrationStatus ("registration status") {
        Submitted => "submitted", "Submitted";
        PendingReview => "pending_review", "Pending review", ["pending", "in review"];
        /// Approved: the partner's sourced claim is protected until it expires.
        Approved => "approved", "Approved";
        Denied => "denied", "Denied", ["rejected"];
        /// Sent back with comments for the partner or PTM to fix and resubmit.
        Returned => "returned", "Returned";
        Expired => "expired", "Expired";
        ClosedWon => "closed_won", "Closed Won", ["won"];
        ClosedLost => "closed_lost", "Closed Lost", ["lost"];
    }
}

impl RegistrationStatus {
    /// Waiting on someone: submitted, pending review or returned.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Submitted | Self::PendingReview | Self::Returned)
    }

    /// No further change expected: denied, expired or closed.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Self::Denied | Self::Expired | Self::ClosedWon | Self::ClosedLost
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Choice;

    #[test]
    fn registration_enums_have_the_planned_ids() {
        let types: Vec<&str> = RegistrationType::ALL.iter().map(Choice::as_str).collect();
        assert_eq!(types, ["resale", "msp", "referral", "services_attach"]);
        let statuses: Vec<&str> = RegistrationStatus::ALL.iter().map(Choice::as_str).collect();
        assert_eq!(
            statuses,
            [
                "submitted",
                "pending_review",
                "approved",
                "denied",
                "returned",
                "expired",
                "closed_won",
                "closed_lost"
            ]
        );
    }

    #[test]
    fn statuses_are_open_final_or_approved() {
        for status in RegistrationStatus::ALL {
            let approved = *status == RegistrationStatus::Approved;
            assert_eq!(
                u8::from(status.is_open()) + u8::from(status.is_final()) + u8::from(approved),
                1,
                "{status:?}"
            );
        }
    }

    #[test]
    fn registration_types_parse_from_labels() {
        assert_eq!(
            RegistrationType::parse("Services Attach"),
            Ok(RegistrationType::ServicesAttach)
        );
        assert_eq!(
            RegistrationStatus::parse("Pending Review"),
            Ok(RegistrationStatus::PendingReview)
        );
    }
}
