//! `company_key`: the folded form of a company name that conflict detection matches on, so that
//! "Acme Corp", "ACME Corporation", "Acme, Inc." and "The Acme Company" are the same customer
//! while "Acme Bank" is not.

use super::name_key;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Legal-form words dropped from the end of a name (after punctuation is gone, and runs of
/// single letters are joined, so `L.L.C.` is `llc` and `S. A.` is `sa`).
const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "cos",
    "llc",
    "llp",
    "lp",
    "ltd",
    "limited",
    "pty",
    "plc",
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "kgaa",
    "ug",
    "ev",
    "sa",
    "sas",
    "sarl",
    "sasu",
    "sca",
    "bv",
    "nv",
    "vof",
    "oy",
    "oyj",
    "ab",
    "as",
    "asa",
    "aps",
    "se",
    "kk",
    "spa",
    "srl",
    "sl",
    "slu",
    "ltda",
    "sro",
    "kft",
    "zrt",
    "doo",
    "ooo",
    "pte",
    "pvt",
    "bhd",
    "sdn",
    "tbk",
    "lda",
];

/// Normalises an account name for matching: diacritics folded (`Müller` = `Muller`, `ß` = `ss`),
/// `&` between words read as `and` (inside a word, as in `AT&T`, it is dropped like other
/// punctuation), then [`name_key`] (lowercase, punctuation dropped), runs of single letters
/// joined (`I.B.M.` = `ibm`), a leading `the` dropped, then legal forms dropped from the end
/// (`Inc`, `GmbH & Co. KG`, `Pty Ltd`, ...) together with a trailing `and`.
///
/// Never strips a name down to nothing: the last remaining word always stays
/// (`The Company` -> `company`). Returns `""` only when [`name_key`] does.
pub fn company_key(name: &str) -> String {
    let folded = fold_diacritics(&spell_out_ampersands(name));
    let key = name_key(&folded);
    let mut words = join_single_letters(key.split(' ').filter(|w| !w.is_empty()));
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    while words.len() > 1 {
        let last = words[words.len() - 1].as_str();
        if LEGAL_SUFFIXES.contains(&last) || last == "and" {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}

/// `Johnson & Johnson` -> `Johnson and Johnson`; `AT&T` stays (name_key drops the `&`).
fn spell_out_ampersands(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 8);
    for (i, c) in chars.iter().enumerate() {
        if *c == '&' {
            let before = i > 0 && chars[i - 1].is_alphanumeric();
            let after = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
            if !(before && after) {
                out.push_str(" and ");
                continue;
            }
        }
        out.push(*c);
    }
    out
}

/// Latin letters without their accents: compatibility decomposition with the combining marks
/// dropped, plus the letters that do not decompose (`ß`, `æ`, `ø`, `œ`, `ł`, `đ`, `þ`).
fn fold_diacritics(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("OE"),
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            'þ' => out.push_str("th"),
            'Þ' => out.push_str("TH"),
            c => out.push(c),
        }
    }
    out
}

/// `["i", "b", "m", "corp"]` -> `["ibm", "corp"]`: initials typed with dots or spaces.
fn join_single_letters<'a>(words: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run = String::new();
    for word in words {
        if word.chars().count() == 1 {
            run.push_str(word);
        } else {
            if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            out.push(word.to_string());
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_punctuation_and_case_do_not_matter() {
        for (a, b) in [
            ("Acme Corp", "ACME Corporation"),
            ("Acme, Inc.", "acme"),
            ("Acme Incorporated", "Acme"),
            ("The Acme Company", "Acme"),
            ("Acme Co.", "Acme"),
            ("Acme & Co.", "Acme"),
            ("Acme L.L.C.", "Acme LLC"),
            ("Acme LLC", "Acme"),
            ("Acme Ltd", "Acme Limited"),
            ("Acme Pty Ltd", "Acme"),
            ("Müller GmbH", "Muller"),
            ("Müller GmbH & Co. KG", "Muller"),
            ("Société Générale S.A.", "Societe Generale"),
            ("Acme B.V.", "Acme BV"),
            ("Acme N.V.", "Acme"),
            ("Acme PLC", "acme"),
            ("Acme Oy", "Acme AB"),
            ("Acme K.K.", "Acme"),
            ("Acme S.p.A.", "Acme SpA"),
            ("Acme S.r.l.", "Acme"),
            ("Acme SAS", "Acme SARL"),
            ("Johnson & Johnson", "Johnson and Johnson"),
            ("I.B.M. Corp", "IBM"),
            ("Straße AG", "Strasse"),
            ("  ACME   corp ", "acme"),
        ] {
            assert_eq!(company_key(a), company_key(b), "{a} vs {b}");
        }
    }

    #[test]
    fn different_companies_stay_different() {
        for (a, b) in [
            ("Acme", "Acme Bank"),
            ("Globex", "Globe"),
            ("Initech", "Initrode"),
            ("Acme Holdings", "Acme"),
            ("AT&T", "AT and T"),
            ("Mueller", "Muller"),
            ("Acme Group", "Acme"),
        ] {
            assert_ne!(company_key(a), company_key(b), "{a} vs {b}");
        }
    }

    #[test]
    fn a_name_is_never_stripped_to_nothing() {
        assert_eq!(company_key("The Company"), "company");
        assert_eq!(company_key("Inc."), "inc");
        assert_eq!(company_key("The"), "the");
        assert_eq!(company_key("AG & Co"), "ag");
        assert_eq!(company_key("LLC Inc"), "llc");
        assert_eq!(company_key("!!!"), "");
    }

    #[test]
    fn the_expected_keys() {
        assert_eq!(company_key("The Acme Company, Inc."), "acme");
        assert_eq!(company_key("AT&T Inc."), "att");
        assert_eq!(company_key("Ben & Jerry's"), "ben and jerrys");
        assert_eq!(company_key("Crème Brûlée Ltd"), "creme brulee");
        assert_eq!(company_key("Ørsted A/S"), "orsted");
    }
}
