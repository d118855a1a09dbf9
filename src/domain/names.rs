//! Names: record names (`Name`), the folded `name_key` that makes names unique, web-domain keys
//! for conflict detection, and "did you mean" suggestions.
//!
//! Registrable domains come from the Public Suffix List compiled into the `psl` crate (updated
//! with the crate), both of its sections. The private section lists names under which a
//! company hands out subdomains to other parties (`github.io`, `myshopify.com`, `herokuapp.com`)
//! and second-level names sold as domains (`uk.com`, `us.com`, `com.de`). Conflict detection
//! asks "is this the same customer?", and under those names each label belongs to a different
//! one: with the ICANN section alone `acme.github.io` and `globex.github.io` would both fold to
//! `github.io`, and every `.uk.com` customer would conflict with every other. What the private
//! section costs is a customer whose own domain is such a suffix (an account with domain
//! `github.io` matches by name only), which is rare for the accounts partners register.
//!
//! The folded domain is stored (`accounts.match_domain`). A `psl` update that lists a new
//! suffix changes the key of domains under it; stored keys are recomputed by a migration that
//! clears `match_key` for the backfill after migrations (as 0012 did when the list came in).

use std::fmt;

use super::{echo, DomainError};

mod company;

pub use company::company_key;

/// Longest record name, in characters.
pub const NAME_MAX_CHARS: usize = 100;

/// Most suggestions returned by [`suggest`].
const MAX_SUGGESTIONS: usize = 3;

/// Folds a name for comparison and uniqueness: lowercase (Unicode-aware), letters and digits
/// kept, whitespace, dashes, underscores and slashes become single spaces, every other
/// punctuation mark is dropped. `"Acme Corp."`, `" ACME   corp "` and `"acme corp"` share a key;
/// `"AT&T"` becomes `"att"`.
pub fn name_key(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.chars() {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || matches!(c, '-' | '_' | '/' | '\\' | '|' | '–' | '—') {
            pending_space = true;
        }
    }
    out
}

/// A validated record name (partner, account, territory, ...) and its [`name_key`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Name {
    text: String,
    key: String,
}

impl Name {
    /// Parses a name as typed. `what` names the field in messages (`"partner name"`).
    /// The name is trimmed and must be 1 to [`NAME_MAX_CHARS`] characters, on one line, with at
    /// least one letter or digit.
    pub fn parse(input: &str, what: &str) -> Result<Self, DomainError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(DomainError::Empty {
                what: what.to_string(),
                hint: String::new(),
            });
        }
        if text.chars().any(is_forbidden_char) {
            return Err(DomainError::ControlCharacter {
                what: what.to_string(),
            });
        }
        let len = text.chars().count();
        if len > NAME_MAX_CHARS {
            return Err(DomainError::NameTooLong {
                what: what.to_string(),
                len,
                max: NAME_MAX_CHARS,
            });
        }
        let key = name_key(text);
        if key.is_empty() {
            return Err(DomainError::NoLettersOrDigits {
                what: what.to_string(),
                input: echo(text),
            });
        }
        Ok(Self {
            text: text.to_string(),
            key,
        })
    }

    /// The name as typed (trimmed).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The folded key stored in `name_key` columns.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The name as typed, by value.
    pub fn into_string(self) -> String {
        self.text
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// Control characters, and invisible format characters that can disguise a name
/// (zero-width spaces, bidirectional overrides, byte-order mark).
fn is_forbidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Normalises a web address, e-mail address or bare domain to its host: scheme, user info,
/// `www.`, path, query, port and trailing dot are stripped, the rest is lowercased.
/// Returns `None` unless the result looks like a domain: at least two dot-separated labels of
/// `[a-z0-9-]` (not starting or ending with `-`) and a top-level label of letters (or `xn--`).
///
/// `"https://www.Acme.com:443/pricing"` -> `acme.com`; `"bob@eu.acme.com"` -> `eu.acme.com`.
pub fn domain_key(input: &str) -> Option<String> {
    let lower = input.trim().to_lowercase();
    let mut s = lower.as_str();
    if let Some((scheme, rest)) = s.split_once("://") {
        let valid_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if valid_scheme {
            s = rest;
        }
    } else if let Some(rest) = s.strip_prefix("mailto:") {
        s = rest;
    }
    if let Some(end) = s.find(['/', '?', '#']) {
        s = &s[..end];
    }
    if let Some(at) = s.rfind('@') {
        s = &s[at + 1..];
    }
    if let Some((host, port)) = s.rsplit_once(':') {
        if !port.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s = host;
    }
    let s = s.strip_suffix('.').unwrap_or(s);
    let s = s.strip_prefix("www.").unwrap_or(s);
    is_domain(s).then(|| s.to_string())
}

/// Whether `s` (already lowercase) has the shape of a domain name.
fn is_domain(s: &str) -> bool {
    if s.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = s.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let label_ok = |label: &&str| {
        (1..=63).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let tld = labels[labels.len() - 1];
    labels.iter().all(label_ok)
        && (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_lowercase())
            || tld.starts_with("xn--"))
}

/// The registrable domain of an address: [`domain_key`], then folded to the label just below
/// its public suffix, so that `eu.acme.com` and `acme.com` conflict, and `shop.acme.co.uk` is
/// `acme.co.uk`. Returns `None` for non-domains and for a bare public suffix such as `co.uk` or
/// `github.io`. A top-level domain the list does not know counts as a one-label suffix.
/// See the module doc for which part of the Public Suffix List counts.
pub fn registrable_domain(input: &str) -> Option<String> {
    let host = domain_key(input)?;
    psl::domain_str(&host).map(str::to_string)
}

/// Parses a web domain typed by a person, refusing what [`domain_key`] cannot read.
pub fn parse_domain(input: &str) -> Result<String, DomainError> {
    domain_key(input).ok_or_else(|| DomainError::InvalidDomain { input: echo(input) })
}

/// Up to three candidates that the person probably meant by `input`, best first.
///
/// Compared by [`name_key`]. Ranked: same key, then prefix matches (of the name or of one of
/// its words), then substring matches (3+ characters), then close spellings (Damerau-Levenshtein
/// distance within a quarter of the length, at least 1, or Jaro-Winkler similarity of 0.9 or
/// more). Ties go to the more similar, then alphabetical. Duplicates are removed.
pub fn suggest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let key = name_key(input);
    if key.is_empty() {
        return Vec::new();
    }
    let key_len = key.chars().count();
    let mut scored: Vec<(u8, f64, &str)> = Vec::new();
    for candidate in candidates {
        let ck = name_key(candidate);
        if ck.is_empty() {
            continue;
        }
        let ck_len = ck.chars().count();
        let rank = if ck == key {
            0
        } else if (key_len >= 2
            && (ck.starts_with(&key) || ck.split(' ').any(|w| w.starts_with(&key))))
            || (ck_len >= 3 && key.starts_with(&ck))
        {
            1
        } else if key_len >= 3 && ck.contains(&key) {
            2
        } else if is_close(&key, &ck) || is_close_to_leading_words(&key, &ck) {
            3
        } else {
            continue;
        };
        scored.push((rank, strsim::jaro_winkler(&key, &ck), candidate));
    }
    scored.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.total_cmp(&a.1))
            .then_with(|| a.2.cmp(b.2))
    });
    let mut out: Vec<String> = Vec::new();
    for (_, _, candidate) in scored {
        if out.len() == MAX_SUGGESTIONS {
            break;
        }
        if !out.iter().any(|known| known == candidate) {
            out.push(candidate.to_string());
        }
    }
    out
}

/// Whether `key` misspells the first words of `candidate` (`globx` for `globex services`).
fn is_close_to_leading_words(key: &str, candidate: &str) -> bool {
    let words = key.split(' ').count();
    let leading: Vec<&str> = candidate.split(' ').take(words).collect();
    leading.len() == words && key.chars().count() >= 4 && is_close(key, &leading.join(" "))
}

/// Whether two keys are plausible misspellings of each other.
fn is_close(a: &str, b: &str) -> bool {
    let longest = a.chars().count().max(b.chars().count());
    let allowed = (longest / 4).max(1);
    strsim::damerau_levenshtein(a, b) <= allowed || strsim::jaro_winkler(a, b) >= 0.9
}

/// Formats suggestions for appending to a message: `" Did you mean `Globex`?"`,
/// `" Did you mean `a` or `b`?"`, `" Did you mean `a`, `b` or `c`?"`, or `""` when empty.
pub fn did_you_mean<S: AsRef<str>>(suggestions: &[S]) -> String {
    let quoted: Vec<String> = suggestions
        .iter()
        .map(|s| format!("`{}`", echo(s.as_ref())))
        .collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => format!(" Did you mean {one}?"),
        [init @ .., last] => format!(" Did you mean {} or {last}?", init.join(", ")),
    }
}

#[cfg(test)]
mod tests;
