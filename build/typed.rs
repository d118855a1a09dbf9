//! Which text options `build.rs` reads into a domain type, and the check that each row names
//! an option the manifests declare.

use crate::leaves::{Leaf, STRING};

/// How an option's text is read into a domain type.
#[derive(Clone, Copy)]
pub enum Typed {
    /// A fixed choice, parsed with `crate::domain::Choice` into the named type.
    Choice(&'static str),
    /// An amount in the workspace currency: `crate::domain::money::Money`.
    Money,
    /// A date relative to today in the workspace: `chrono::NaiveDate`.
    Date,
}

/// `(command key or "*" for every command, option name, type)`. A command-specific row wins
/// over a `"*"` row. A row naming a command or option the manifests do not have fails the build.
pub const TYPED: &[(&str, &str, Typed)] = &[
    ("*", "stage", Typed::Choice("crate::domain::deal::Stage")),
    (
        "*",
        "forecast",
        Typed::Choice("crate::domain::deal::ForecastCategory"),
    ),
    ("*", "path", Typed::Choice("crate::domain::deal::DealPath")),
    (
        "*",
        "marketplace",
        Typed::Choice("crate::domain::deal::Marketplace"),
    ),
    (
        "*",
        "portal_stage",
        Typed::Choice("crate::domain::deal::PortalStage"),
    ),
    (
        "*",
        "portal_status",
        Typed::Choice("crate::domain::deal::PortalStatus"),
    ),
    ("*", "track", Typed::Choice("crate::domain::partner::Track")),
    (
        "registration list",
        "status",
        Typed::Choice("crate::domain::registration::RegistrationStatus"),
    ),
    (
        "deal register",
        "type",
        Typed::Choice("crate::domain::registration::RegistrationType"),
    ),
    (
        "deal influence",
        "type",
        Typed::Choice("crate::domain::deal::InfluenceType"),
    ),
    (
        "partner add",
        "type",
        Typed::Choice("crate::domain::partner::PartnerType"),
    ),
    (
        "partner update",
        "type",
        Typed::Choice("crate::domain::partner::PartnerType"),
    ),
    (
        "partner list",
        "type",
        Typed::Choice("crate::domain::partner::PartnerType"),
    ),
    (
        "program discount",
        "type",
        Typed::Choice("crate::domain::program::DealType"),
    ),
    (
        "quote check",
        "type",
        Typed::Choice("crate::domain::program::DealType"),
    ),
    (
        "touch log",
        "type",
        Typed::Choice("crate::domain::touch::TouchType"),
    ),
    (
        "touch list",
        "type",
        Typed::Choice("crate::domain::touch::TouchType"),
    ),
    (
        "program fee",
        "offer",
        Typed::Choice("crate::domain::program::OfferKind"),
    ),
    (
        "setup role",
        "as",
        Typed::Choice("crate::domain::role::Role"),
    ),
    (
        "territory assign",
        "as",
        Typed::Choice("crate::domain::role::Role"),
    ),
    ("*", "amount", Typed::Money),
    ("*", "commit", Typed::Money),
    ("*", "most_likely", Typed::Money),
    ("*", "best_case", Typed::Money),
    ("quote check", "list", Typed::Money),
    ("*", "close", Typed::Date),
    ("touch log", "date", Typed::Date),
    ("away", "from", Typed::Date),
    ("away", "to", Typed::Date),
    ("*", "agreement_signed", Typed::Date),
    ("*", "agreement_expires", Typed::Date),
];

pub fn typed_for(key: &str, option: &str) -> Option<Typed> {
    let exact = TYPED.iter().find(|(k, o, _)| *k == key && *o == option);
    let any = TYPED.iter().find(|(k, o, _)| *k == "*" && *o == option);
    exact.or(any).map(|(_, _, t)| *t)
}

/// Every row of [`TYPED`] names an existing string option.
pub fn check(leaves: &[Leaf]) {
    for (key, option, _) in TYPED {
        let found = leaves.iter().any(|leaf| {
            (*key == "*" || leaf.key() == *key)
                && leaf.options.iter().any(|o| {
                    o["name"].as_str() == Some(option) && o["type"].as_u64() == Some(STRING)
                })
        });
        assert!(
            found,
            "build.rs TYPED names `{key}` option `{option}`, which no manifest declares as text"
        );
    }
}
