//! The README stays true: its command reference is exactly what the manifests say, and its quick
//! start is the two commands CI and newcomers run.

const README: &str = include_str!("../../README.md");

#[test]
fn the_readme_command_reference_matches_the_manifests() {
    let start = README
        .find("<!-- commands:start -->\n")
        .expect("README has a commands:start marker")
        + "<!-- commands:start -->\n".len();
    let end = README
        .find("<!-- commands:end -->")
        .expect("commands:end marker");
    let expected = partnerbot::core::help::markdown_reference();
    assert!(
        README[start..end] == expected,
        "README command reference is stale; regenerate it with `cargo run -q -- commands`"
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
