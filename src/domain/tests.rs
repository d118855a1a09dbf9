//! Tests of `DomainError` helpers and the `Choice` trait, on a small test enum.

use super::*;

choice_enum! {
    /// A test enum.
    enum Fruit ("fruit") {
        Apple => "apple", "Apple";
        BloodOrange => "blood_orange", "Blood Orange", ["orange"];
        Kiwi => "kiwi", "Kiwi Fruit", ["3"];
    }
}

#[test]
fn a_choice_parses_its_id_case_insensitively() {
    assert_eq!(Fruit::parse("apple"), Ok(Fruit::Apple));
    assert_eq!(Fruit::parse("  APPLE "), Ok(Fruit::Apple));
    assert_eq!(Fruit::parse("Blood_Orange"), Ok(Fruit::BloodOrange));
}

#[test]
fn a_choice_accepts_spaces_or_hyphens_instead_of_underscores() {
    assert_eq!(Fruit::parse("blood orange"), Ok(Fruit::BloodOrange));
    assert_eq!(Fruit::parse("blood-orange"), Ok(Fruit::BloodOrange));
    assert_eq!(Fruit::parse("blood  -  orange"), Ok(Fruit::BloodOrange));
}

#[test]
fn a_choice_accepts_its_label_and_aliases() {
    assert_eq!(Fruit::parse("Kiwi Fruit"), Ok(Fruit::Kiwi));
    assert_eq!(Fruit::parse("3"), Ok(Fruit::Kiwi));
    assert_eq!(Fruit::parse("Orange"), Ok(Fruit::BloodOrange));
}

#[test]
fn an_unknown_choice_suggests_the_closest_id_and_lists_all() {
    let err = Fruit::parse("aple").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown fruit `aple`. Did you mean `apple`? \
         Choose one of: `apple`, `blood_orange`, `kiwi`."
    );
}

#[test]
fn an_unknown_choice_with_nothing_close_only_lists_the_choices() {
    let err = Fruit::parse("zzz").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown fruit `zzz`. Choose one of: `apple`, `blood_orange`, `kiwi`."
    );
}

#[test]
fn a_typo_in_a_label_suggests_the_id() {
    let err = Fruit::parse("kiwi fruti").unwrap_err();
    assert!(err.to_string().contains("Did you mean `kiwi`?"), "{err}");
}

#[test]
fn an_empty_choice_says_what_to_choose() {
    let err = Fruit::parse("  ").unwrap_err();
    assert_eq!(
        err.to_string(),
        "fruit is empty; choose one of: `apple`, `blood_orange`, `kiwi`"
    );
}

#[test]
fn a_choice_serialises_as_its_id_and_displays_its_label() {
    assert_eq!(
        serde_json::to_string(&Fruit::BloodOrange).unwrap(),
        "\"blood_orange\""
    );
    let back: Fruit = serde_json::from_str("\"kiwi\"").unwrap();
    assert_eq!(back, Fruit::Kiwi);
    assert_eq!(Fruit::BloodOrange.to_string(), "Blood Orange");
    assert_eq!("apple".parse::<Fruit>(), Ok(Fruit::Apple));
}

#[test]
fn from_id_only_accepts_the_exact_stored_id() {
    assert_eq!(Fruit::from_id("blood_orange"), Some(Fruit::BloodOrange));
    assert_eq!(Fruit::from_id("Blood Orange"), None);
    assert_eq!(Fruit::all().len(), 3);
}

#[test]
fn echoed_input_cannot_break_out_of_backticks_and_is_cut() {
    assert_eq!(echo(" a`b\nc "), "a'b c");
    let long = "x".repeat(100);
    let echoed = echo(&long);
    assert_eq!(echoed.chars().count(), ECHO_MAX_CHARS);
    assert!(echoed.ends_with('…'));
}
