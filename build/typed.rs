//! Which options `build.rs` reads into a domain type (text that means more, numbers that are
//! record ids), and the check that each row names an option the manifests declare.

use crate::leaves::{Leaf, INTEGER, STRING};

/// How an option's text is read into a domain type.
#[derive(Clone, Copy)]
pub enum Typed {
    /// A fixed choice, parsed with `crate::domain::Choice` into the named type.
    Choice(&'static str),
    /// An amount in the workspace currency: `crate::domain::money::Money`.
    Money,
    /// A date relative to today in the workspace: `chrono::NaiveDate`.
    Date,
    /// An integer option that names a record: the `crate::domain::ids` newtype given.
    Id(&'static str),
}

impl Typed {
    /// The Discord option type the row applies to.
    fn option_type(self) -> u64 {
        match self {
            Typed::Id(_) => INTEGER,
            _ => STRING,
        }
    }
}

/// `(command key, "family *" for every subcommand of a family, or "*" for every command;
/// option name; type)`. A command-specific row wins over a family row, which wins over `"*"`. A row naming a command or option the manifests do not have fails the build.
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
    (
        "registration *",
        "id",
        Typed::Id("crate::domain::ids::RegistrationId"),
    ),
    (
        "schedule *",
        "id",
        Typed::Id("crate::domain::ids::ScheduleId"),
    ),
];

/// Whether a row's key applies to the command `key`.
fn applies(row_key: &str, key: &str) -> bool {
    match row_key.strip_suffix('*') {
        Some("") => true,
        Some(family) => key.starts_with(family),
        None => row_key == key,
    }
}

pub fn typed_for(key: &str, option: &str) -> Option<Typed> {
    let rows = || {
        TYPED
            .iter()
            .filter(|(k, o, _)| *o == option && applies(k, key))
    };
    let exact = rows().find(|(k, _, _)| *k == key);
    let family = rows().find(|(k, _, _)| k.ends_with(" *"));
    let any = rows().find(|(k, _, _)| *k == "*");
    exact.or(family).or(any).map(|(_, _, t)| *t)
}

/// Every row of [`TYPED`] names an existing option of the type it reads.
pub fn check(leaves: &[Leaf]) {
    for (key, option, typed) in TYPED {
        let found = leaves.iter().any(|leaf| {
            applies(key, &leaf.key())
                && leaf.options.iter().any(|o| {
                    o["name"].as_str() == Some(option)
                        && o["type"].as_u64() == Some(typed.option_type())
                })
        });
        let what = if typed.option_type() == STRING {
            "text"
        } else {
            "an integer"
        };
        assert!(
            found,
            "build.rs TYPED names `{key}` option `{option}`, which no manifest declares as {what}"
        );
    }
}
