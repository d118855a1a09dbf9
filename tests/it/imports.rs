//! No import cycles, and the layering of DESIGN.md ("Who may import whom"), checked on the
//! source: every `src/**/*.rs` is scanned as text ([`scan`]: comments skipped, string literals
//! kept whole) for `crate::`, `self::` and `super::` paths (use trees expanded, resolved from
//! the module they appear in), which give a dependency graph between file modules and between
//! top-level modules (`domain`, `store`, `core`, …).
//!
//! - Cycles: none between top-level modules, none between file modules. A module and its own
//!   descendants (`a` and `a::b`, a file and its `#[cfg(test)]` test file) are one unit: a
//!   parent declaring and re-exporting its children while they use its items is not a cycle.
//!   Sibling and cross-tree cycles are. Test code (`#[cfg(test)]` modules, inline or files)
//!   is left out of the cycle graph: a test may build fixtures from a sibling that uses the
//!   module under test. The layer rules hold for test code too.
//! - Layers ([`LAYERS`]): `domain` imports no store, core, door, runner or generator; `store`
//!   imports no core, door or runner; `core` imports no door, runner, bench or dataset.
//! - Chat markup ([`CORE_MARKUP`]): no file under `src/core` writes `<@`, `<#` or `<t:`; not
//!   asserted yet (see [`no_chat_markup_in_core`]).

mod scan;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Which top-level modules a top-level module may not import, and why (DESIGN.md).
const LAYERS: &[(&str, &[&str], &str)] = &[
    (
        "domain",
        &[
            "store",
            "core",
            "discord",
            "console",
            "web",
            "scheduler",
            "dataset",
            "bench",
        ],
        "domain is pure rules: it imports no store, core, door, scheduler runner or generator",
    ),
    (
        "store",
        &["core", "discord", "console", "web", "scheduler"],
        "store imports no core, door or scheduler runner",
    ),
    (
        "core",
        &["discord", "console", "web", "scheduler", "bench", "dataset"],
        "core imports no door, no scheduler runner, no bench or dataset generator",
    ),
];

/// Chat markup the core must not write (mentions, channel links, timestamps): the doors render
/// people, channels and instants. Checked by [`markup_in_core`].
const CORE_MARKUP: &[&str] = &["<@", "<#", "<t:"];

/// One file: its path (`src/…`) and text.
type File = (String, String);

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

/// Every `src/**/*.rs` of the crate, paths relative to the crate (`src/core/mod.rs`).
fn source_files() -> Vec<File> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<File>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
            .map(|e| e.expect("dir entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(root).expect("under the crate");
                let rel = rel.to_string_lossy().replace('\\', "/");
                let text = std::fs::read_to_string(&path).expect("source file");
                out.push((rel, text));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    walk(&root.join("src"), root, &mut out);
    assert!(out.len() > 50, "found only {} source files", out.len());
    out
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
fn problems(files: &[File]) -> Vec<String> {
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
fn markup_in_core(files: &[File]) -> Vec<String> {
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

#[test]
fn the_crate_has_no_import_cycles_and_keeps_its_layers() {
    let problems = problems(&source_files());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// TODO(lead): enable once the core's replies carry no chat markup (another change removes
/// it); then drop the `#[ignore]`.
#[test]
#[ignore = "the core still writes chat markup; enabled once it is removed"]
fn no_chat_markup_in_core() {
    let found = markup_in_core(&source_files());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

fn file(path: &str, text: &str) -> File {
    (path.to_string(), text.to_string())
}

#[test]
fn the_checker_finds_a_sibling_cycle_through_use_trees_and_super() {
    let files = [
        file("src/lib.rs", "pub mod a;\n"),
        file("src/a/mod.rs", "pub mod b;\npub mod c;\npub use b::B;\n"),
        file(
            "src/a/b.rs",
            "use super::{c::{self, C}, B as _};\n// use crate::a::d::D;\npub struct B;\n",
        ),
        file(
            "src/a/c.rs",
            "use super::super::a::b;\nconst S: &str = \"crate::a::e\";\nfn f() { b::B; }\n",
        ),
    ];
    let found = problems(&files);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("a::b -> a::c (src/a/b.rs:1)")
            && found[0].contains("a::c -> a::b (src/a/c.rs:1)"),
        "{}",
        found[0]
    );
}

#[test]
fn the_checker_allows_parents_and_children_and_test_files() {
    let files = [
        file("src/lib.rs", "pub mod a;\n"),
        file("src/a.rs", "mod b;\npub use self::b::B;\npub struct A;\n#[cfg(test)]\n#[path = \"a_tests.rs\"]\nmod tests;\n"),
        file("src/a/b.rs", "use super::A;\npub struct B;\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use super::super::A;\n}\n"),
        file("src/a_tests.rs", "use super::*;\nuse crate::a::b::B;\n"),
    ];
    assert_eq!(problems(&files), Vec::<String>::new());
}

#[test]
fn test_code_makes_no_cycle_but_keeps_the_layers() {
    let files = [
        file("src/lib.rs", "pub mod a;\npub mod domain;\n"),
        file("src/a/mod.rs", "pub mod b;\npub mod c;\n"),
        file("src/a/b.rs", "use super::c::C;\n#[cfg(test)]\nmod tests;\n"),
        file("src/a/b/tests.rs", "use crate::a::c::C;\n"),
        file(
            "src/a/c.rs",
            "pub struct C;\n#[cfg(test)]\nmod tests {\n    use crate::a::b;\n}\nfn f() {}\n",
        ),
        file(
            "src/domain/mod.rs",
            "#[cfg(test)]\nmod tests {\n    use crate::store::x;\n}\n",
        ),
    ];
    let found = problems(&files);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("src/domain/mod.rs:3: domain imports store"),
        "{found:#?}"
    );
    let mut files = files.to_vec();
    files[4].1 = files[4]
        .1
        .replace("fn f() {}", "fn f() { crate::a::b::g() }");
    let found = problems(&files);
    assert!(
        found
            .iter()
            .any(|p| p.contains("a::c -> a::b (src/a/c.rs:6)")),
        "{found:#?}"
    );
}

#[test]
fn the_checker_finds_layer_violations_and_top_level_cycles_by_file_and_line() {
    let files = [
        file(
            "src/lib.rs",
            "pub mod core;\npub mod domain;\npub mod scheduler;\n",
        ),
        file("src/domain/mod.rs", "pub mod money;\n"),
        file(
            "src/domain/money.rs",
            "\nfn f() { let _ = crate::core::x(); }\n",
        ),
        file(
            "src/core/mod.rs",
            "use crate::domain::money;\nuse crate::scheduler::runner::nonce;\npub fn x() {}\n",
        ),
        file("src/scheduler/mod.rs", "pub mod runner;\n"),
        file("src/scheduler/runner.rs", "pub fn nonce() {}\n"),
    ];
    let found = problems(&files);
    let has = |needle: &str| found.iter().any(|p| p.contains(needle));
    assert!(
        has("src/domain/money.rs:2: domain::money imports core (rule: domain is pure"),
        "{found:#?}"
    );
    assert!(has("src/core/mod.rs:2: core imports scheduler::runner (rule: core imports no door, no scheduler runner"), "{found:#?}");
    assert!(
        has("no import cycles between top-level modules"),
        "{found:#?}"
    );
    assert!(has("core -> domain (src/core/mod.rs:1)"), "{found:#?}");
    assert!(
        has("domain::money -> core (src/domain/money.rs:2)"),
        "{found:#?}"
    );
}

#[test]
fn the_markup_check_reads_string_literals_only() {
    let files = [
        file("src/core/a.rs", "// <@1> in a comment\nconst A: &str = \"<#{channel}>\";\nconst B: &str = r#\"<t:1:R>\"#;\n"),
        file("src/store/b.rs", "const C: &str = \"<@1>\";\n"),
    ];
    let found = markup_in_core(&files);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].starts_with("src/core/a.rs:2: writes `<#`"),
        "{found:#?}"
    );
    assert!(
        found[1].starts_with("src/core/a.rs:3: writes `<t:`"),
        "{found:#?}"
    );
}
