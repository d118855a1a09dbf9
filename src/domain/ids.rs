//! Typed ids of stored entities: one newtype per table (`DealId`, `PartnerId`, ...) over the
//! database's `i64`, so a partner id cannot be passed where a deal id is wanted.
//!
//! Each id is `Copy`, orders and hashes like its number, serialises as the bare number (audit
//! rows and stored replies are unchanged) and displays as the bare number (`#42`). Build one
//! with `new` where a number enters (a stored row, an option value) and read it back with `get`
//! where a number leaves (a bound query argument).

/// Declares id newtypes over `i64`: Copy, Eq, Ord, Hash, serde as the bare number, `Display` as
/// the bare number, `FromStr` from it, `new` and `get`.
macro_rules! id_types {
    ($($(#[$meta:meta])* $name:ident;)+) => {
        $(
            $(#[$meta])*
            #[derive(
                Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default,
                ::serde::Serialize, ::serde::Deserialize,
            )]
            #[serde(transparent)]
            pub struct $name(i64);

            impl $name {
                /// The id with this stored number.
                pub const fn new(id: i64) -> Self {
                    Self(id)
                }

                /// The stored number.
                pub const fn get(self) -> i64 {
                    self.0
                }
            }

            impl ::std::str::FromStr for $name {
                type Err = ::std::num::ParseIntError;

                /// Reads the bare number (a configured id, a console argument).
                fn from_str(text: &str) -> Result<Self, Self::Err> {
                    text.parse().map(Self)
                }
            }

            impl ::std::fmt::Display for $name {
                /// Writes the bare number, like the `i64` it wraps.
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    ::std::fmt::Display::fmt(&self.0, f)
                }
            }
        )+
    };
}

id_types! {
    /// A workspace (one Discord server): `workspaces.id`.
    WorkspaceId;
    /// A Discord user: `members.user_id`, deal owners, actors.
    UserId;
    /// A partner company: `partners.id`.
    PartnerId;
    /// A customer account: `accounts.id`.
    AccountId;
    /// A deal: `deals.id`, shown as `#42`.
    DealId;
    /// A deal registration: `registrations.id`.
    RegistrationId;
    /// A sales territory: `territories.id`.
    TerritoryId;
    /// A Discord channel.
    ChannelId;
    /// A Discord role.
    RoleId;
    /// A Discord message.
    MessageId;
    /// A posting schedule: `schedules.id`.
    ScheduleId;
    /// A logged touch: `touches.id`.
    TouchId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_the_bare_number() {
        assert_eq!(serde_json::to_string(&DealId::new(42)).unwrap(), "42");
        assert_eq!(
            serde_json::to_string(&Some(PartnerId::new(-7))).unwrap(),
            "-7"
        );
        let back: UserId = serde_json::from_str("123456789012345678").unwrap();
        assert_eq!(back, UserId::new(123_456_789_012_345_678));
        assert_eq!(back.get(), 123_456_789_012_345_678);
    }

    #[test]
    fn displays_as_the_bare_number() {
        assert_eq!(format!("#{}", DealId::new(42)), "#42");
        assert_eq!(ChannelId::new(5).to_string(), "5");
        assert_eq!(format!("{:>4}", TerritoryId::new(3)), "   3");
    }

    #[test]
    fn orders_like_the_number() {
        assert!(AccountId::new(2) < AccountId::new(10));
        assert_eq!(WorkspaceId::default().get(), 0);
    }
}
