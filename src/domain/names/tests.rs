//! Tests of name keys, domain keys and suggestions.

use super::*;

#[test]
fn name_keys_fold_case_spacing_and_punctuation() {
    for (input, key) in [
        ("Acme Corp.", "acme corp"),
        ("  ACME   corp ", "acme corp"),
        ("Acme, Inc.", "acme inc"),
        ("AT&T", "att"),
        ("O'Reilly Media", "oreilly media"),
        ("Coca-Cola", "coca cola"),
        ("Johnson & Johnson", "johnson johnson"),
        ("Société Générale", "société générale"),
        ("MÜNCHEN Re", "münchen re"),
        ("Globex_Services/EMEA", "globex services emea"),
        ("3M", "3m"),
        ("!!!", ""),
    ] {
        assert_eq!(name_key(input), key, "{input}");
    }
}

#[test]
fn a_name_is_trimmed_and_keyed() {
    let name = Name::parse("  Acme Corp. ", "partner name").unwrap();
    assert_eq!(name.as_str(), "Acme Corp.");
    assert_eq!(name.key(), "acme corp");
    assert_eq!(name.to_string(), "Acme Corp.");
}

#[test]
fn an_empty_name_is_rejected() {
    let err = Name::parse("   ", "partner name").unwrap_err();
    assert_eq!(err.to_string(), "partner name is empty");
}

#[test]
fn a_name_longer_than_100_characters_is_rejected() {
    let err = Name::parse(&"a".repeat(140), "partner name").unwrap_err();
    assert_eq!(
        err.to_string(),
        "partner name is 140 characters; the limit is 100"
    );
    assert!(Name::parse(&"é".repeat(100), "partner name").is_ok());
}

#[test]
fn a_name_with_control_or_invisible_characters_is_rejected() {
    for input in [
        "Acme\nCorp",
        "Acme\tCorp",
        "Acme\u{202E}Corp",
        "Ac\u{200B}me",
    ] {
        let err = Name::parse(input, "account name").unwrap_err();
        assert_eq!(
            err.to_string(),
            "account name contains a control character such as a tab or line break; \
             type it on one line",
        );
    }
}

#[test]
fn a_name_of_only_punctuation_is_rejected() {
    let err = Name::parse("...", "partner name").unwrap_err();
    assert_eq!(
        err.to_string(),
        "partner name `...` has no letters or digits; use a name people will recognise"
    );
}

#[test]
fn domain_keys_strip_everything_but_the_host() {
    for (input, key) in [
        ("acme.com", "acme.com"),
        ("  ACME.COM  ", "acme.com"),
        ("https://www.acme.com/pricing?x=1#top", "acme.com"),
        ("http://Acme.com:8080", "acme.com"),
        ("www.acme.com.", "acme.com"),
        ("eu.acme.com", "eu.acme.com"),
        ("bob@eu.acme.com", "eu.acme.com"),
        ("mailto:bob@acme.co.uk", "acme.co.uk"),
        ("https://user:pw@shop.acme.co.uk/", "shop.acme.co.uk"),
        ("acme-widgets.io", "acme-widgets.io"),
        ("xn--bcher-kva.xn--p1ai", "xn--bcher-kva.xn--p1ai"),
    ] {
        assert_eq!(domain_key(input).as_deref(), Some(key), "{input}");
    }
}

#[test]
fn things_that_are_not_domains_have_no_domain_key() {
    for input in [
        "",
        "acme",
        "Acme Corp",
        "acme..com",
        "-acme.com",
        "acme-.com",
        "192.168.0.1",
        "acme.c",
        "acme.com:http",
        "acme_corp.com",
        "bücher.de",
        "https://",
    ] {
        assert_eq!(domain_key(input), None, "{input}");
    }
}

#[test]
fn registrable_domains_fold_subdomains() {
    for (input, domain) in [
        ("acme.com", "acme.com"),
        ("eu.acme.com", "acme.com"),
        ("a.b.c.acme.com", "acme.com"),
        ("https://shop.acme.co.uk/x", "acme.co.uk"),
        ("acme.co.uk", "acme.co.uk"),
        ("sydney.acme.com.au", "acme.com.au"),
        ("tokyo.acme.co.jp", "acme.co.jp"),
        ("acme.com.br", "acme.com.br"),
        ("x.acme.co.nz", "acme.co.nz"),
        ("x.acme.co.in", "acme.co.in"),
        ("www.acme.de", "acme.de"),
    ] {
        assert_eq!(
            registrable_domain(input).as_deref(),
            Some(domain),
            "{input}"
        );
    }
    assert_eq!(registrable_domain("co.uk"), None);
    assert_eq!(registrable_domain("not a domain"), None);
}

#[test]
fn registrable_domains_follow_the_public_suffix_list() {
    for (input, domain) in [
        // Two-level suffixes the hand-kept list missed: every customer under them folded to
        // the suffix itself and conflicted with every other.
        ("kyiv.acme.co.ua", "acme.co.ua"),
        ("acme.com.de", "acme.com.de"),
        ("shop.acme.org.es", "acme.org.es"),
        ("acme.co.hu", "acme.co.hu"),
        // Three-level suffixes, wildcards and exceptions.
        ("x.schools.k12.ca.us", "schools.k12.ca.us"),
        ("www.city.kawasaki.jp", "city.kawasaki.jp"),
        ("x.acme.ck", "x.acme.ck"),
        // Private-section suffixes: each label below them is a different customer.
        ("acme.github.io", "acme.github.io"),
        ("docs.acme.github.io", "acme.github.io"),
        ("eu.acme.uk.com", "acme.uk.com"),
        ("acme.myshopify.com", "acme.myshopify.com"),
        // Internationalised and unknown top-level domains.
        ("shop.xn--bcher-kva.xn--p1ai", "xn--bcher-kva.xn--p1ai"),
        ("eu.acme.internal", "acme.internal"),
    ] {
        assert_eq!(
            registrable_domain(input).as_deref(),
            Some(domain),
            "{input}"
        );
    }
    assert_ne!(
        registrable_domain("acme.github.io"),
        registrable_domain("globex.github.io")
    );
    for suffix in ["co.ua", "github.io", "k12.ca.us", "acme.ck"] {
        assert_eq!(registrable_domain(suffix), None, "{suffix}");
    }
}

#[test]
fn a_domain_that_is_not_one_is_refused_with_an_example() {
    let err = parse_domain("acme corp").unwrap_err();
    assert_eq!(
        err.to_string(),
        "web domain `acme corp` does not look like a domain; use something like `acme.com`"
    );
    assert_eq!(parse_domain("https://Acme.com/").unwrap(), "acme.com");
}

const PARTNERS: [&str; 6] = [
    "Globex Services",
    "Globex Systems",
    "Initech",
    "Acme Corp.",
    "Umbrella Consulting",
    "Hooli",
];

#[test]
fn a_typo_suggests_the_closest_names() {
    assert_eq!(suggest("Initek", PARTNERS), vec!["Initech"]);
    assert_eq!(suggest("hooly", PARTNERS), vec!["Hooli"]);
}

#[test]
fn prefix_and_substring_matches_come_first() {
    assert_eq!(
        suggest("globex", PARTNERS),
        vec!["Globex Systems", "Globex Services"],
        "both prefix matches, the closer (shorter) one first"
    );
    assert_eq!(suggest("consulting", PARTNERS), vec!["Umbrella Consulting"]);
    assert_eq!(suggest("brella", PARTNERS), vec!["Umbrella Consulting"]);
}

#[test]
fn the_same_key_ranks_first() {
    assert_eq!(suggest("acme corp", PARTNERS)[0], "Acme Corp.");
}

#[test]
fn unrelated_input_suggests_nothing() {
    assert!(suggest("Wayne Enterprises", PARTNERS).is_empty());
    assert!(suggest("", PARTNERS).is_empty());
    assert!(suggest("?!", PARTNERS).is_empty());
}

#[test]
fn at_most_three_suggestions_are_made_without_duplicates() {
    let many = ["Acme A", "Acme B", "Acme C", "Acme D", "Acme A"];
    let got = suggest("acme", many);
    assert_eq!(got, vec!["Acme A", "Acme B", "Acme C"]);
}

#[test]
fn did_you_mean_lists_suggestions_in_a_sentence() {
    assert_eq!(did_you_mean::<&str>(&[]), "");
    assert_eq!(
        did_you_mean(&["Globex Services"]),
        " Did you mean `Globex Services`?"
    );
    assert_eq!(did_you_mean(&["a", "b"]), " Did you mean `a` or `b`?");
    assert_eq!(
        did_you_mean(&["a", "b", "c"]),
        " Did you mean `a`, `b` or `c`?"
    );
}

#[test]
fn a_misspelt_first_word_still_suggests_the_full_name() {
    let names = ["Globex Services", "Initech Cloud Partners", "Umbrella Corp"];
    assert_eq!(suggest("Globx", names), vec!["Globex Services"]);
    assert_eq!(
        suggest("Initec Cloud", names),
        vec!["Initech Cloud Partners"]
    );
    assert!(suggest("Zeta", names).is_empty());
}
