//! The README stays true: the command reference it links (`docs/commands.md`) is exactly what
//! the manifests say, it lists every command, its quick start is the two commands CI and
//! newcomers run, and its deployment build is the one without dev tools that CI checks.

const README: &str = include_str!("../../README.md");
const COMMAND_REFERENCE: &str = include_str!("../../docs/commands.md");

#[test]
fn the_readme_lists_every_command_and_links_the_reference() {
    assert!(README.contains("(docs/commands.md)"));
    for manifest in partnerbot::core::manifest::manifests() {
        let line = format!("- `/{}`: {}\n", manifest.name, manifest.description);
        assert!(README.contains(&line), "README lacks `{line}`");
    }
}

#[test]
fn the_command_reference_matches_the_manifests() {
    let start = COMMAND_REFERENCE
        .find("<!-- commands:start -->\n")
        .expect("docs/commands.md has a commands:start marker")
        + "<!-- commands:start -->\n".len();
    let end = COMMAND_REFERENCE
        .find("<!-- commands:end -->")
        .expect("commands:end marker");
    let expected = partnerbot::core::help::markdown_reference();
    assert!(
        COMMAND_REFERENCE[start..end] == expected,
        "docs/commands.md is stale; regenerate it with `cargo run -q -- commands`"
    );
}

#[test]
fn the_quick_start_is_two_commands_and_ci_runs_the_test_one() {
    assert!(README.contains("cargo run -- console --demo\ncargo test\n"));
    let ci = include_str!("../../.ci/run");
    assert!(
        ci.contains("cargo test"),
        ".ci/run calls the README's test command"
    );
}

#[test]
fn the_deployment_build_leaves_the_dev_tools_out_and_ci_checks_it_compiles() {
    assert!(README.contains("cargo build --release --no-default-features"));
    assert!(README.contains("target/release/partnerbot run\n"));
    let ci = include_str!("../../.ci/run");
    assert!(
        ci.contains("cargo check --no-default-features --all-targets"),
        ".ci/run checks the shipped build"
    );
}
