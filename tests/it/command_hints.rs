//! Every command a reply tells people to type exists as written: the source of every reply
//! (`src/**/*.rs`) is read for hints like `/territory assign territory:"…" member:@… as:ptm`, and
//! each is checked against the manifests: the command path, every option name, and a literal
//! value of an option with fixed choices. A hint naming an option the command lacks (the old
//! `role:ptm`) fails here, not in front of a user.

use partnerbot::core::manifest::{self, LeafCommand};
use std::path::{Path, PathBuf};

/// One hint found in the source: where, and the text from the `/` on.
#[derive(Debug)]
struct Hint {
    at: String,
    text: String,
}

#[test]
fn every_command_hint_in_the_source_names_real_commands_options_and_choices() {
    let mut hints = Vec::new();
    for file in rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        let source = std::fs::read_to_string(&file).unwrap();
        let name = file
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        hints.extend(hints_in(&name, &source));
    }
    assert!(
        hints.len() > 100,
        "the scan should find the many hints replies give; found {}",
        hints.len()
    );
    let problems: Vec<String> = hints.iter().filter_map(check).collect();
    assert!(
        problems.is_empty(),
        "{} hint(s) disagree with the manifests:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_check_catches_a_wrong_option_a_wrong_choice_and_a_wrong_command() {
    let bad = [
        "`/territory assign territory:\\\"…\\\" member:@… role:ptm`",
        "`/territory assign territory:x member:@… as:boss`",
        "`/territroy list`",
        "`/deal frobnicate`",
    ];
    for text in bad {
        let found = hints_in("test", text);
        assert_eq!(found.len(), 1, "{text}");
        assert!(check(&found[0]).is_some(), "`{text}` should be refused");
    }
    let good = "`/territory assign territory:\\\"{}\\\" member:@someone as:director` or \
                Pause with /schedule pause id:{id}; see `/help`";
    let found = hints_in("test", good);
    assert_eq!(found.len(), 3);
    for hint in &found {
        assert_eq!(check(hint), None, "{hint:?}");
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Hints: a `/` opening a backtick span, or after a space, followed by a top-level command
/// name. Inside backticks any `/word` counts (a misspelled command is caught); elsewhere only
/// known command names do (prose like "and/or" is not a hint).
fn hints_in(file: &str, source: &str) -> Vec<Hint> {
    let tops: Vec<&str> = manifest::manifests()
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    let mut out = Vec::new();
    for (line_no, line) in source.lines().enumerate() {
        if line.trim_start().starts_with("//") {
            continue; // comments are not replies
        }
        let line = line.replace("\\n", " ");
        let line = line.as_str();
        let bytes = line.as_bytes();
        for (i, _) in line.match_indices('/') {
            let before = if i == 0 { b' ' } else { bytes[i - 1] };
            let in_backticks = before == b'`';
            if !(in_backticks || before == b' ' || before == b'(') {
                continue;
            }
            let rest = &line[i + 1..];
            let word: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect();
            if word.is_empty() {
                continue;
            }
            let end_of_word = rest[word.len()..].chars().next();
            let word_ends = end_of_word.map_or(true, |c| " `;,.)\\|".contains(c));
            if !word_ends || !(in_backticks || tops.contains(&word.as_str())) {
                continue;
            }
            let text = if in_backticks {
                rest.split('`').next().unwrap_or(rest)
            } else {
                rest.split([';', ')', '`']).next().unwrap_or(rest)
            };
            out.push(Hint {
                at: format!("{file}:{}", line_no + 1),
                text: format!("/{}", text.trim_end_matches(['.', ',', '"', '\\'])),
            });
        }
    }
    out
}

/// What is wrong with a hint, if anything.
fn check(hint: &Hint) -> Option<String> {
    // `/forecast submit|show` names two commands; `/kpi, /forecast team` lists several.
    let first_list_item = hint.text.split(", /").next().unwrap_or(&hint.text);
    let tokens: Vec<String> = tokens(&first_list_item[1..]);
    let alternatives: Vec<Vec<String>> = match tokens.get(1) {
        Some(sub) if sub.contains('|') && !sub.contains(':') => sub
            .split('|')
            .filter(|s| !s.is_empty())
            .map(|alt| {
                let mut words = tokens.clone();
                words[1] = alt.to_string();
                words
            })
            .collect(),
        _ => vec![tokens],
    };
    alternatives
        .iter()
        .find_map(|tokens| check_tokens(hint, tokens))
}

fn check_tokens(hint: &Hint, tokens: &[String]) -> Option<String> {
    let mut path: Vec<String> = Vec::new();
    let mut rest = tokens;
    while let Some((first, tail)) = rest.split_first() {
        if first.contains(':') || !first.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            break;
        }
        let mut longer = path.clone();
        longer.push(first.clone());
        let is_prefix = manifest::leaves()
            .iter()
            .any(|l| l.path.len() >= longer.len() && l.path[..longer.len()] == longer[..]);
        if !is_prefix {
            break;
        }
        path = longer;
        rest = tail;
    }
    let problem = |what: String| Some(format!("{}: `{}`: {what}", hint.at, hint.text));
    if path.is_empty() {
        return problem("no such command".to_string());
    }
    let Some(leaf) = manifest::find_leaf(&path) else {
        // A group named on its own (`/registration`) is a pointer to its subcommands; one
        // followed by more words names a subcommand that does not exist.
        return match rest.first() {
            Some(next) if !next.contains(':') && path.len() == 1 => {
                problem(format!("`/{}` has no subcommand `{next}`", path[0]))
            }
            _ => None,
        };
    };
    for token in rest {
        let Some((name, value)) = token.split_once(':') else {
            break;
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            break;
        }
        if let Some(problem_text) = option_problem(leaf, name, value) {
            return problem(problem_text);
        }
    }
    None
}

fn option_problem(leaf: &LeafCommand, name: &str, value: &str) -> Option<String> {
    let Some(option) = leaf.options.iter().find(|o| o.name == name) else {
        let names: Vec<&str> = leaf.options.iter().map(|o| o.name.as_str()).collect();
        return Some(format!(
            "`{}` has no option `{name}:` (it has {})",
            leaf.display(),
            names.join(", ")
        ));
    };
    let literal = !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let values = option.choice_values();
    if literal && !values.is_empty() && !values.iter().any(|v| v == value) {
        return Some(format!(
            "`{name}:` of `{}` cannot be `{value}` (choices: {})",
            leaf.display(),
            values.join(", ")
        ));
    }
    None
}

/// Words of a hint, with quoted values (`"…"` or the source's `\"…\"`) kept whole.
fn tokens(text: &str) -> Vec<String> {
    let text = text.replace("\\\"", "\"");
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                push_word(&mut out, std::mem::take(&mut current));
            }
            c => current.push(c),
        }
    }
    push_word(&mut out, current);
    out
}

/// Adds a word without the punctuation of the sentence around it (`discount.` is `discount`).
fn push_word(out: &mut Vec<String>, word: String) {
    let word = word.trim_end_matches(['.', ',']);
    if !word.is_empty() {
        out.push(word.to_string());
    }
}
