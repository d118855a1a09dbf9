//! The graph behind `imports`: edges between file modules from the scanned paths, cycles
//! (strongly connected components) among them, the layer rules applied, and the chat-markup
//! scan of `src/core`.

use super::scan;
use super::{File, CORE_MARKUP, LAYERS};
use std::collections::{BTreeMap, BTreeSet};

/// A dependency: `from` (a file module) names something in `to` (a module), at `file:line`.
#[derive(Debug, Clone)]
struct Edge {
    from: String,
    to: String,
    to_top: String,
    file: String,
    line: usize,
    /// In `#[cfg(test)]` code: an inline test module or a test file.
    test: bool,
}

impl Edge {
    fn at(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

fn join(module: &[String]) -> String {
    module.join("::")
}

/// The modules of `files` (with `#[path]` test files under their real module) and the edges
/// between them.
fn edges(files: &[File]) -> Vec<Edge> {
    let mut modules: BTreeMap<String, Vec<String>> = files
        .iter()
        .filter_map(|(path, _)| Some((path.clone(), scan::module_of(path)?)))
        .collect();
    let scanned: Vec<(String, scan::Scanned)> = files
        .iter()
        .filter_map(|(path, text)| Some((path.clone(), scan::scan(text, modules.get(path)?))))
        .collect();
    let mut test_mods = BTreeSet::new();
    for (path, s) in &scanned {
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for (file, module) in &s.path_mods {
            modules.insert(format!("{dir}/{file}"), module.clone());
        }
        test_mods.extend(s.test_mods.iter().cloned());
    }
    let known: BTreeSet<Vec<String>> = modules.values().cloned().collect();
    let mut out = Vec::new();
    for (path, text) in files {
        let Some(module) = modules.get(path) else {
            continue;
        };
        let test_file = (1..=module.len()).any(|n| test_mods.contains(&module[..n]));
        for named in scan::scan(text, module).named {
            if named.path.is_empty() {
                continue;
            }
            // The file module it names (an unknown path stands for itself).
            let to = (1..=named.path.len())
                .rev()
                .map(|n| &named.path[..n])
                .find(|prefix| known.contains(*prefix))
                .unwrap_or(&named.path[..]);
            out.push(Edge {
                from: join(module),
                to: join(to),
                to_top: named.path[0].clone(),
                file: path.clone(),
                line: named.line,
                test: test_file || named.test,
            });
        }
    }
    out
}

/// `a` is `b`, or one is inside the other (`core` and `core::kpi::digest`).
fn same_tree(a: &str, b: &str) -> bool {
    let inside = |x: &str, y: &str| x == y || x.starts_with(&format!("{y}::"));
    inside(a, b) || inside(b, a)
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or(module)
}

/// Cycles among `edges` (from, to, where), one message per strongly connected component.
fn cycles(edges: &[(String, String, String)], what: &str) -> Vec<String> {
    let mut graph: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
    for (from, to, at) in edges {
        graph.entry(from).or_default().entry(to).or_insert(at);
        graph.entry(to).or_default();
    }
    // Kosaraju: finish order on the graph, then components on the reversed graph.
    let mut order = Vec::new();
    let mut seen = BTreeSet::new();
    for start in graph.keys().copied() {
        let mut stack = vec![(start, false)];
        while let Some((node, done)) = stack.pop() {
            if done {
                order.push(node);
                continue;
            }
            if !seen.insert(node) {
                continue;
            }
            stack.push((node, true));
            for next in graph[node].keys() {
                if !seen.contains(next) {
                    stack.push((next, false));
                }
            }
        }
    }
    let mut reversed: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, tos) in &graph {
        for to in tos.keys() {
            reversed.entry(to).or_default().push(from);
        }
    }
    let mut component: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (n, root) in order.iter().rev().enumerate() {
        if component.contains_key(root) {
            continue;
        }
        let mut members = vec![*root];
        let mut stack = vec![*root];
        component.insert(root, n);
        while let Some(node) = stack.pop() {
            for prev in reversed.get(node).into_iter().flatten() {
                if !component.contains_key(prev) {
                    component.insert(prev, n);
                    members.push(prev);
                    stack.push(prev);
                }
            }
        }
        if members.len() > 1 {
            let inside: BTreeSet<&str> = members.iter().copied().collect();
            let steps: Vec<String> = graph
                .iter()
                .filter(|(from, _)| inside.contains(*from))
                .flat_map(|(from, tos)| {
                    tos.iter()
                        .filter(|(to, _)| inside.contains(*to))
                        .map(move |(to, at)| format!("{from} -> {to} ({at})"))
                })
                .collect();
            out.push(format!(
                "rule: no import cycles between {what}; these import each other in a circle: {}",
                steps.join(", ")
            ));
        }
    }
    out
}

/// Everything wrong with `files`: cycles between top-level and between file modules, and
/// layer violations, each naming the file and line.
pub fn problems(files: &[File]) -> Vec<String> {
    let edges = edges(files);
    let mut out = Vec::new();
    let tops: Vec<(String, String, String)> = edges
        .iter()
        .filter(|e| !e.test && top(&e.from) != top(&e.to))
        .map(|e| (top(&e.from).to_string(), top(&e.to).to_string(), e.at()))
        .collect();
    out.extend(cycles(&tops, "top-level modules"));
    let files: Vec<(String, String, String)> = edges
        .iter()
        .filter(|e| !e.test && !same_tree(&e.from, &e.to))
        .map(|e| (e.from.clone(), e.to.clone(), e.at()))
        .collect();
    out.extend(cycles(&files, "file modules"));
    for e in &edges {
        for (layer, banned, why) in LAYERS {
            if top(&e.from) == *layer && banned.contains(&e.to_top.as_str()) {
                out.push(format!(
                    "{}: {} imports {} (rule: {why})",
                    e.at(),
                    e.from,
                    e.to
                ));
            }
        }
    }
    out
}

/// Where a file under `src/core` writes chat markup ([`CORE_MARKUP`]) in a string literal.
pub fn markup_in_core(files: &[File]) -> Vec<String> {
    let mut out = Vec::new();
    for (path, text) in files.iter().filter(|(p, _)| p.starts_with("src/core/")) {
        for (tok, line) in scan::tokens(text) {
            if let scan::Tok::Str(s) = tok {
                for mark in CORE_MARKUP.iter().filter(|m| s.contains(**m)) {
                    out.push(format!(
                        "{path}:{line}: writes `{mark}` (rule: the core writes no chat markup; \
                         the doors render mentions, channels and times)"
                    ));
                }
            }
        }
    }
    out
}
