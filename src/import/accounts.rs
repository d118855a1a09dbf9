//! The accounts and partners files: their fields and headers (Salesforce Account exports,
//! partner account lists, partnerbot's own export). Rows stay text here: the core parses the
//! enums with the same parsers as `/account add` and `/partner add`, and resolves names.

use super::header::Field;

/// Fields of an accounts import.
#[rustfmt::skip]
pub const ACCOUNT_FIELDS: &[Field] = &[
    Field { name: "crm_id", headers: &["Account ID", "Id", "AccountId", "Account 18 Digit ID"] },
    Field { name: "name", headers: &["Account Name", "Name", "Company", "Company Name", "Customer"] },
    Field { name: "domain", headers: &["Website", "Domain", "Web Domain", "Company Website"] },
    Field { name: "territory", headers: &["Territory", "Sales Territory"] },
    Field { name: "owner", headers: &["Account Owner", "Owner", "Owner.Name", "Owner Name"] },
    Field { name: "owner_email", headers: &["Owner.Email", "Owner Email", "Account Owner Email"] },
    Field { name: "owner_crm_id", headers: &["OwnerId", "Owner ID", "Account Owner ID"] },
];

/// Fields of a partners import.
#[rustfmt::skip]
pub const PARTNER_FIELDS: &[Field] = &[
    Field { name: "crm_id", headers: &["Partner Account ID", "Account ID", "Id", "AccountId"] },
    Field { name: "name", headers: &["Partner Name", "Partner Account", "Account Name", "Name", "Partner"] },
    Field { name: "type", headers: &["Partner Type", "Type"] },
    Field { name: "territory", headers: &["Territory", "Sales Territory"] },
    Field { name: "track", headers: &["Track", "Partner Tier", "Tier", "Program Tier"] },
    Field { name: "domain", headers: &["Website", "Domain", "Web Domain"] },
    Field { name: "agreement_signed", headers: &["Agreement Signed", "Agreement Start Date", "Contract Start"] },
    Field { name: "agreement_expires", headers: &["Agreement Expires", "Agreement End Date", "Contract End"] },
];

/// Fields of a members file (`/setup member` in bulk): who is who in the CRM.
#[rustfmt::skip]
pub const MEMBER_FIELDS: &[Field] = &[
    Field { name: "member", headers: &["Member", "Discord", "Discord Name", "Name", "Full Name"] },
    Field { name: "email", headers: &["Email", "Work Email", "User.Email"] },
    Field { name: "crm_id", headers: &["CRM ID", "User ID", "UserId", "Id", "Salesforce User ID"] },
];

/// Fields each file must have, with how to add them.
pub const ACCOUNT_REQUIRED: &[(&str, &str)] = &[("name", "; add an `Account Name` column")];
pub const PARTNER_REQUIRED: &[(&str, &str)] = &[
    ("name", "; add a `Partner Name` column"),
    (
        "type",
        "; add a `Partner Type` column (reseller, distributor, gsi, rsi, isv, …)",
    ),
];
pub const MEMBER_REQUIRED: &[(&str, &str)] = &[("member", "; add a `Member` column")];
