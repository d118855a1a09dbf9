//! Roles people hold in a workspace.

use super::choice_enum;

choice_enum! {
    /// A person's role in a workspace.
    pub enum Role ("role") {
        /// Sets the bot up: roles, channels, time zone, fiscal year, program rules.
        Admin => "admin", "Admin", ["administrator"];
        /// Leads PTMs; approves registrations, reads the digest, runs the forecast call.
        Director => "director", "Director", ["manager", "senior manager"];
        /// Partner Territory Manager.
        Ptm => "ptm", "PTM", ["partner territory manager", "partner manager"];
        /// Field sales / account executive.
        FieldSales => "field_sales", "Field sales", ["ae", "account executive", "sales"];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Choice;

    #[test]
    fn roles_have_the_planned_ids() {
        let ids: Vec<&str> = Role::ALL.iter().map(Choice::as_str).collect();
        assert_eq!(ids, ["admin", "director", "ptm", "field_sales"]);
    }

    #[test]
    fn roles_parse_from_ids_labels_and_titles() {
        for (input, role) in [
            ("admin", Role::Admin),
            ("PTM", Role::Ptm),
            ("Partner Territory Manager", Role::Ptm),
            ("field sales", Role::FieldSales),
            ("field-sales", Role::FieldSales),
            ("AE", Role::FieldSales),
        ] {
            assert_eq!(Role::parse(input), Ok(role), "{input}");
        }
    }

    #[test]
    fn a_misspelt_role_suggests_the_right_one() {
        let err = Role::parse("directr").unwrap_err();
        assert!(
            err.to_string().contains("Did you mean `director`?"),
            "{err}"
        );
    }
}
