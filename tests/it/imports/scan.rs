//! The text scan behind `imports`: Rust source as tokens (comments skipped, string literals
//! kept whole), the module each file is, and every `crate::`, `self::` and `super::` path in
//! it (use trees expanded) resolved to an absolute module path with its line.

/// A token: an identifier, a string literal's contents, or one punctuation mark (`::` is one).
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    Str(String),
    Punct(&'static str),
    Other(char),
}

/// Tokens of `text`, each with its 1-based line.
pub fn tokens(text: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = text.chars().collect();
    let (mut i, mut line, mut out) = (0, 1, Vec::new());
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(c[i] == '\n');
                    i += 1;
                }
            }
        } else if ch == '"' || (ch == 'b' && at(i + 1) == '"') {
            let start_line = line;
            i += if ch == 'b' { 2 } else { 1 };
            let mut s = String::new();
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    s.push(c[i]);
                    i += 1;
                }
                line += usize::from(at(i) == '\n');
                s.push(at(i));
                i += 1;
            }
            i += 1;
            out.push((Tok::Str(s), start_line));
        } else if (ch == 'r' || (ch == 'b' && at(i + 1) == 'r'))
            && matches!(at(i + usize::from(ch == 'b') + 1), '"' | '#')
            && raw_string_start(&c, i + usize::from(ch == 'b') + 1)
        {
            let start_line = line;
            i += usize::from(ch == 'b') + 1;
            let hashes = c[i..].iter().take_while(|h| **h == '#').count();
            i += hashes + 1;
            let mut s = String::new();
            while i < c.len() && !(c[i] == '"' && (1..=hashes).all(|k| at(i + k) == '#')) {
                line += usize::from(c[i] == '\n');
                s.push(c[i]);
                i += 1;
            }
            i += 1 + hashes;
            out.push((Tok::Str(s), start_line));
        } else if ch == '\'' {
            // A char literal ('a', '\n', '\u{1F600}') or a lifetime ('a).
            if at(i + 1) == '\\' {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
            }
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push((Tok::Ident(c[start..i].iter().collect()), line));
        } else if ch.is_ascii_digit() {
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
        } else if ch == ':' && at(i + 1) == ':' {
            out.push((Tok::Punct("::"), line));
            i += 2;
        } else {
            out.push((Tok::Other(ch), line));
            i += 1;
        }
    }
    out
}

/// Whether `c[i..]` (after the `r`) opens a raw string: `#`s then `"` (not `r#ident`).
fn raw_string_start(c: &[char], i: usize) -> bool {
    let hashes = c[i..].iter().take_while(|h| **h == '#').count();
    c.get(i + hashes) == Some(&'"')
}

/// The module a file under `src/` is (`src/a/b.rs` and `src/a/b/mod.rs` are `a::b`, `src/lib.rs`
/// the crate root, empty); `None` for files of other crates (`src/main.rs`, `src/bin/`).
pub fn module_of(path: &str) -> Option<Vec<String>> {
    let rel = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    if rel == "main" || rel.starts_with("bin/") {
        return None;
    }
    let mut parts: Vec<String> = rel.split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    Some(parts)
}

/// A path named in a file: where (1-based line) and the absolute module path it resolves to
/// (`crate::a::b::Item` is `["a", "b", "Item"]`).
#[derive(Debug, Clone)]
pub struct Named {
    pub line: usize,
    pub path: Vec<String>,
    /// Named inside `#[cfg(test)]` code (an inline test module).
    pub test: bool,
}

/// What a file says: the paths it names and the `#[path = "…"] mod name;` files it declares.
#[derive(Debug, Default)]
pub struct Scanned {
    pub named: Vec<Named>,
    /// (file path as written in the attribute, the module it is).
    pub path_mods: Vec<(String, Vec<String>)>,
    /// Out-of-line modules declared under `#[cfg(test)]` (`#[cfg(test)] mod tests;`).
    pub test_mods: Vec<Vec<String>>,
}

/// Scans a file that is module `module`: every path starting with `crate`, `self` or `super`
/// (use trees expanded), resolved from the (inline) module it appears in.
pub fn scan(text: &str, module: &[String]) -> Scanned {
    let toks = tokens(text);
    let mut out = Scanned::default();
    // Inline modules (`mod tests { … }`) open: (name, brace depth inside them, under cfg(test)).
    let mut inline: Vec<(String, usize, bool)> = Vec::new();
    let mut depth = 0;
    let mut pending_path: Option<String> = None;
    // A `#[cfg(test)]` seen since the last `;`, `{` or `}`: it applies to the next `mod`.
    let mut pending_test = false;
    let ident = |k: usize| match toks.get(k) {
        Some((Tok::Ident(s), _)) => Some(s.as_str()),
        _ => None,
    };
    let mut i = 0;
    while i < toks.len() {
        let current = || {
            let mut m = module.to_vec();
            m.extend(inline.iter().map(|(n, _, _)| n.clone()));
            m
        };
        match &toks[i].0 {
            Tok::Other('{') => {
                depth += 1;
                pending_test = false;
            }
            Tok::Other('}') => {
                if inline.last().is_some_and(|(_, d, _)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                pending_test = false;
            }
            Tok::Other(';') => pending_test = false,
            Tok::Ident(w)
                if w == "cfg"
                    && toks.get(i + 1).map(|t| &t.0) == Some(&Tok::Other('('))
                    && ident(i + 2) == Some("test")
                    && toks.get(i + 3).map(|t| &t.0) == Some(&Tok::Other(')')) =>
            {
                pending_test = true;
            }
            Tok::Ident(w)
                if w == "path" && toks.get(i + 1).map(|t| &t.0) == Some(&Tok::Other('=')) =>
            {
                if let Some((Tok::Str(s), _)) = toks.get(i + 2) {
                    pending_path = Some(s.clone());
                }
            }
            Tok::Ident(w) if w == "mod" => {
                if let Some(name) = ident(i + 1) {
                    let test =
                        std::mem::take(&mut pending_test) || inline.iter().any(|(_, _, t)| *t);
                    let mut m = current();
                    m.push(name.to_string());
                    match toks.get(i + 2).map(|t| &t.0) {
                        Some(Tok::Other('{')) => {
                            inline.push((name.to_string(), depth + 1, test));
                            // Past the `{`, which is counted here.
                            depth += 1;
                            i += 3;
                            continue;
                        }
                        Some(Tok::Other(';')) => {
                            if let Some(file) = pending_path.take() {
                                out.path_mods.push((file, m.clone()));
                            }
                            if test {
                                out.test_mods.push(m);
                            }
                        }
                        _ => {}
                    }
                }
            }
            Tok::Ident(w)
                if matches!(w.as_str(), "crate" | "self" | "super")
                    && toks.get(i + 1).map(|t| &t.0) == Some(&Tok::Punct("::"))
                    && toks.get(i.wrapping_sub(1)).map(|t| &t.0) != Some(&Tok::Punct("::")) =>
            {
                let line = toks[i].1;
                let mut paths = Vec::new();
                i = use_tree(&toks, i, Vec::new(), &mut paths);
                let here = current();
                let test = inline.iter().any(|(_, _, t)| *t);
                for p in paths {
                    if let Some(path) = resolve(&here, &p) {
                        out.named.push(Named { line, path, test });
                    }
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Reads a path or use tree from `toks[i]` (`a::b`, `a::{b, c::d as e, self}`, `a::*`) onto
/// `prefix`, pushing each full path into `out`; returns the index after it.
fn use_tree(
    toks: &[(Tok, usize)],
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    loop {
        match toks.get(i).map(|t| &t.0) {
            Some(Tok::Ident(s)) => {
                // `a::{self}` names `a` itself.
                if s != "self" || prefix.is_empty() {
                    prefix.push(s.clone());
                }
                i += 1;
            }
            Some(Tok::Other('{')) => {
                i += 1;
                loop {
                    match toks.get(i).map(|t| &t.0) {
                        Some(Tok::Other('}')) | None => return i + 1,
                        Some(Tok::Other(',')) => i += 1,
                        _ => i = use_tree(toks, i, prefix.clone(), out),
                    }
                }
            }
            Some(Tok::Other('*')) => {
                out.push(prefix);
                return i + 1;
            }
            _ => {
                out.push(prefix);
                return i;
            }
        }
        if toks.get(i).map(|t| &t.0) == Some(&Tok::Punct("::")) {
            i += 1;
        } else {
            if toks.get(i).and_then(|t| match &t.0 {
                Tok::Ident(s) => Some(s.as_str()),
                _ => None,
            }) == Some("as")
            {
                i += 2;
            }
            out.push(prefix);
            return i;
        }
    }
}

/// `segments` (starting with `crate`, `self` or `super`) as an absolute path from `here`;
/// `None` when `super` climbs above the crate root.
fn resolve(here: &[String], segments: &[String]) -> Option<Vec<String>> {
    let mut rest = segments;
    let mut base: Vec<String> = match segments.first().map(String::as_str) {
        Some("crate") => {
            rest = &segments[1..];
            Vec::new()
        }
        _ => here.to_vec(),
    };
    while let Some(first) = rest.first() {
        match first.as_str() {
            "self" => {}
            "super" => {
                base.pop()?;
            }
            _ => break,
        }
        rest = &rest[1..];
    }
    base.extend(rest.iter().cloned());
    Some(base)
}
