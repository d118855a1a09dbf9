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
//! - Layers ([`LAYERS`]): `domain` imports no store, core, door, runner or generator (nor does
//!   `import`, the file reading); `store`
//!   imports no core, door or runner; `core` imports no door, runner, bench or dataset.
//! - Chat markup ([`CORE_MARKUP`]): no file under `src/core` writes `<@`, `<#` or `<t:` in a
//!   string literal; replies carry mentions and times as `Text` spans that each door renders.

mod checker;
mod graph;
mod scan;

use graph::{markup_in_core, problems};
use std::path::Path;

/// What the pure layers (`domain`, and `import`, the file reading) may not import.
const PURE_FORBIDS: &[&str] = &[
    "store",
    "core",
    "discord",
    "console",
    "web",
    "scheduler",
    "dataset",
    "bench",
];

/// Which top-level modules a top-level module may not import, and why (DESIGN.md).
const LAYERS: &[(&str, &[&str], &str)] = &[
    (
        "domain",
        PURE_FORBIDS,
        "domain is pure rules: it imports no store, core, door, scheduler runner or generator",
    ),
    (
        "store",
        &["core", "discord", "console", "web", "scheduler"],
        "store imports no core, door or scheduler runner",
    ),
    (
        "import",
        PURE_FORBIDS,
        "import reads files into domain values: it imports no store, core, door or runner",
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

#[test]
fn the_crate_has_no_import_cycles_and_keeps_its_layers() {
    let problems = problems(&source_files());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_chat_markup_in_core() {
    let found = markup_in_core(&source_files());
    assert!(found.is_empty(), "{}", found.join("\n"));
}
