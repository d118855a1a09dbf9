//! Custom ids of buttons and modals: `<command key>:<name=value&name=value>`, e.g.
//! `deal list:page=2&territory=AMER East`. A click is turned back into that command with those
//! options, so it goes through the same permission check and validation as a typed command.
//! Ids longer than [`MAX_LEN`] are not produced.

/// The longest custom id the core produces, in characters: short enough for every door to carry
/// (each door checks its own transport's limit against it).
pub const MAX_LEN: usize = 100;

/// The custom id for running `key` with `params`, or `None` when it would exceed [`MAX_LEN`].
pub fn encode(key: &str, params: &[(&str, String)]) -> Option<String> {
    let mut id = key.to_string();
    for (i, (name, value)) in params.iter().enumerate() {
        id.push(if i == 0 { ':' } else { '&' });
        id.push_str(name);
        id.push('=');
        id.push_str(&escape(value));
    }
    (id.chars().count() <= MAX_LEN).then_some(id)
}

/// A command path and its options as text, as a custom id carries them.
pub type Request = (Vec<String>, Vec<(String, String)>);

/// Splits a custom id into the command path and its options; `None` when it is not ours.
pub fn decode(custom_id: &str) -> Option<Request> {
    let (key, params) = match custom_id.split_once(':') {
        Some((key, params)) => (key, params),
        None => (custom_id, ""),
    };
    let path: Vec<String> = key
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if path.is_empty() {
        return None;
    }
    let mut options = Vec::new();
    for pair in params.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=')?;
        options.push((name.to_string(), unescape(value)));
    }
    Some((path, options))
}

fn escape(value: &str) -> String {
    value
        .replace('%', "%25")
        .replace('&', "%26")
        .replace('=', "%3D")
}

fn unescape(value: &str) -> String {
    value
        .replace("%3D", "=")
        .replace("%26", "&")
        .replace("%25", "%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_custom_id_round_trips_with_awkward_values() {
        let id = encode(
            "deal list",
            &[("page", "2".into()), ("partner", "AT&T = 100%".into())],
        )
        .unwrap();
        assert_eq!(id, "deal list:page=2&partner=AT%26T %3D 100%25");
        let (path, options) = decode(&id).unwrap();
        assert_eq!(path, vec!["deal", "list"]);
        assert_eq!(
            options,
            vec![
                ("page".to_string(), "2".to_string()),
                ("partner".to_string(), "AT&T = 100%".to_string())
            ]
        );
    }

    #[test]
    fn an_id_over_the_limit_is_not_produced() {
        assert!(encode("deal list", &[("partner", "x".repeat(100))]).is_none());
    }

    #[test]
    fn a_bare_key_has_no_options() {
        assert_eq!(decode("help").unwrap(), (vec!["help".to_string()], vec![]));
        assert!(decode("").is_none());
        assert!(decode("deal list:page").is_none());
    }
}
