//! Partner touches: the kind of interaction a PTM logs, and the notes that go with it.

use std::fmt;

use super::{choice_enum, DomainError};

/// Longest notes on a touch, in characters.
pub const NOTES_MAX_CHARS: usize = 2000;

choice_enum! {
    /// What kind of interaction with a partner was logged.
    pub enum TouchType ("touch type") {
        Meeting => "meeting", "Meeting", ["mtg"];
        Call => "call", "Call", ["phone", "phone call"];
        Email => "email", "Email", ["e-mail", "mail"];
        Event => "event", "Event";
        /// Training or certification work with the partner.
        Enablement => "enablement", "Enablement", ["training"];
        /// Quarterly business review.
        Qbr => "qbr", "QBR", ["quarterly business review"];
        Other => "other", "Other";
    }
}

/// Free-text notes: trimmed, up to [`NOTES_MAX_CHARS`] characters, may be empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Notes(String);

impl Notes {
    /// Trims `input` and refuses notes longer than [`NOTES_MAX_CHARS`] characters.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let text = input.trim();
        let len = text.chars().count();
        if len > NOTES_MAX_CHARS {
            return Err(DomainError::NotesTooLong {
                len,
                max: NOTES_MAX_CHARS,
            });
        }
        Ok(Self(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Notes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Notes {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Choice;

    #[test]
    fn touch_types_have_the_planned_ids() {
        let ids: Vec<&str> = TouchType::ALL.iter().map(Choice::as_str).collect();
        assert_eq!(
            ids,
            [
                "meeting",
                "call",
                "email",
                "event",
                "enablement",
                "qbr",
                "other"
            ]
        );
        assert_eq!(TouchType::parse("QBR"), Ok(TouchType::Qbr));
        assert_eq!(TouchType::parse("e-mail"), Ok(TouchType::Email));
    }

    #[test]
    fn notes_are_trimmed_and_may_be_empty() {
        assert_eq!(
            Notes::parse("  met the CTO \n").unwrap().as_str(),
            "met the CTO"
        );
        assert!(Notes::parse("   ").unwrap().is_empty());
    }

    #[test]
    fn notes_keep_line_breaks() {
        let notes = Notes::parse("line one\nline two").unwrap();
        assert_eq!(notes.to_string(), "line one\nline two");
    }

    #[test]
    fn notes_longer_than_2000_characters_are_rejected() {
        assert!(Notes::parse(&"ü".repeat(2000)).is_ok());
        let err = Notes::parse(&"a".repeat(2345)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "notes are 2345 characters; the limit is 2000"
        );
    }
}
