//! The checker itself, on small in-memory crates: it must find what it is there to find.

use super::graph::{markup_in_core, problems};
use super::File;

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
