//! The command surface is data (`commands/*.json`): every manifest parses, matches the command
//! table both ways, keeps within Discord's limits, and every command has a working handler.
//! Also proves the limit checker (`discord::manifest_limits::check_limits`) reports each limit it knows.

use crate::support::TestApp;
use partnerbot::core::command::CommandKind;
use partnerbot::core::manifest::{self, CommandManifest};
use partnerbot::discord::manifest_limits::check_limits;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn commands_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("commands")
}

/// (file name, text) of every `commands/*.json` on disk, sorted.
fn manifest_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(commands_dir())
        .expect("commands/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("readable manifest");
            (name, text)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_manifest_file_parses_and_is_named_after_its_command() {
    let files = manifest_files();
    assert!(!files.is_empty(), "no manifests in commands/");
    for (file, text) in &files {
        let parsed: CommandManifest = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("commands/{file} does not parse: {e}"));
        assert_eq!(
            format!("{}.json", parsed.name),
            *file,
            "commands/{file} declares `/{}`; one file per command, named after it",
            parsed.name
        );
    }
    let embedded: Vec<&str> = manifest::MANIFEST_FILES.iter().map(|(f, _)| *f).collect();
    let on_disk: Vec<&str> = files.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        embedded, on_disk,
        "the binary embeds a different set of manifests"
    );
}

#[test]
fn every_manifest_uses_only_keys_discord_knows() {
    const COMMAND_KEYS: &[&str] = &[
        "type",
        "default_member_permissions",
        "dm_permission",
        "default_permission",
        "contexts",
        "integration_types",
        "nsfw",
        "name_localizations",
        "description_localizations",
    ];
    const OPTION_KEYS: &[&str] = &[
        "channel_types",
        "name_localizations",
        "description_localizations",
        "min_value",
        "max_value",
    ];
    fn unknown(extra: &serde_json::Map<String, Value>, known: &[&str]) -> Vec<String> {
        extra
            .keys()
            .filter(|k| !known.contains(&k.as_str()))
            .cloned()
            .collect()
    }
    fn walk(path: &str, options: &[manifest::OptionManifest], out: &mut Vec<String>) {
        for option in options {
            for key in unknown(&option.extra, OPTION_KEYS) {
                out.push(format!(
                    "`{path}` option `{}` has unknown key `{key}`",
                    option.name
                ));
            }
            walk(&format!("{path} {}", option.name), &option.options, out);
        }
    }
    let mut problems = Vec::new();
    for command in manifest::manifests() {
        let path = format!("/{}", command.name);
        for key in unknown(&command.extra, COMMAND_KEYS) {
            problems.push(format!("`{path}` has unknown key `{key}`"));
        }
        walk(&path, &command.options, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "a misspelt key is silently ignored:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_manifest_command_is_a_command_kind_and_every_kind_a_manifest_command() {
    let leaves: BTreeSet<String> = manifest::leaves().iter().map(|l| l.key()).collect();
    let rows: BTreeSet<String> = CommandKind::ALL
        .iter()
        .map(|c| c.key().to_string())
        .collect();
    let no_row: Vec<&String> = leaves.difference(&rows).collect();
    let no_manifest: Vec<&String> = rows.difference(&leaves).collect();
    assert!(
        no_row.is_empty() && no_manifest.is_empty(),
        "manifest commands without a CommandKind: {no_row:?}\n\
         CommandKinds without a manifest command: {no_manifest:?}"
    );
    assert_eq!(
        rows.len(),
        CommandKind::ALL.len(),
        "a key appears twice in CommandKind::ALL"
    );
}

#[test]
fn every_manifest_respects_discords_limits() {
    let problems: Vec<String> = manifest::manifests()
        .iter()
        .flat_map(check_limits)
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

crate::both_backends!(
    every_command_in_the_table_reaches_its_handler,
    |app: TestApp| async move {
        let mut failures = Vec::new();
        for kind in CommandKind::ALL {
            let line = format!("/{}", kind.key());
            let text = app.text(&line).await;
            if text.contains("Something went wrong") || text.contains("is not a command") {
                failures.push(format!("`{line}`:\n{text}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }
);

// ---- the limit checker, one broken limit at a time ----

/// A manifest Discord accepts: a command with a subcommand group and a plain subcommand.
fn valid() -> Value {
    json!({
        "name": "deal",
        "description": "Deals",
        "options": [
            { "type": 1, "name": "add", "description": "Add a deal", "options": [
                { "type": 3, "name": "account", "description": "Account", "required": true, "max_length": 100 },
                { "type": 3, "name": "stage", "description": "Stage",
                  "choices": [ { "name": "Discovery", "value": "discovery" } ] },
                { "type": 4, "name": "page", "description": "Page", "min_value": 1 }
            ] },
            { "type": 2, "name": "portal", "description": "Co-sell portal", "options": [
                { "type": 1, "name": "sync", "description": "Sync the portal", "options": [] }
            ] }
        ]
    })
}

fn problems(manifest: Value) -> Vec<String> {
    let parsed: CommandManifest = serde_json::from_value(manifest).expect("test manifest parses");
    check_limits(&parsed)
}

/// The checker reports exactly one problem, mentioning every fragment.
fn assert_reported(manifest: Value, fragments: &[&str]) {
    let found = problems(manifest);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    for fragment in fragments {
        assert!(
            found[0].contains(fragment),
            "`{fragment}` missing from: {}",
            found[0]
        );
    }
}

fn add_options(m: &mut Value) -> &mut Vec<Value> {
    m["options"][0]["options"].as_array_mut().unwrap()
}

#[test]
fn a_valid_manifest_has_no_problems() {
    assert_eq!(problems(valid()), Vec::<String>::new());
}

#[test]
fn an_uppercase_or_spaced_name_is_reported() {
    let mut m = valid();
    m["name"] = json!("Deal");
    assert_reported(m, &["`/Deal`", "lowercase"]);
    let mut m = valid();
    add_options(&mut m)[0]["name"] = json!("account name");
    assert_reported(m, &["`/deal add` option `account name`", "1–32"]);
}

#[test]
fn a_name_longer_than_32_characters_is_reported() {
    let mut m = valid();
    m["options"][0]["name"] = json!("a".repeat(33));
    assert_reported(m, &["subcommand `/deal aaaa", "33 characters", "1–32"]);
}

#[test]
fn an_empty_or_over_long_description_is_reported() {
    let mut m = valid();
    m["description"] = json!("");
    assert_reported(m, &["command `/deal`", "0 characters", "1–100"]);
    let mut m = valid();
    add_options(&mut m)[1]["description"] = json!("d".repeat(101));
    assert_reported(
        m,
        &["`/deal add` option `stage`", "101 characters", "1–100"],
    );
}

#[test]
fn more_than_25_options_on_a_level_are_reported() {
    let mut m = valid();
    let options = add_options(&mut m);
    for i in 0..23 {
        options.push(json!({ "type": 3, "name": format!("extra{i}"), "description": "x" }));
    }
    assert_reported(m, &["`/deal add`", "26 options", "25"]);
}

#[test]
fn more_than_25_choices_are_reported() {
    let mut m = valid();
    let choices: Vec<Value> = (0..26)
        .map(|i| json!({ "name": format!("Stage {i}"), "value": format!("s{i}") }))
        .collect();
    add_options(&mut m)[1]["choices"] = json!(choices);
    assert_reported(m, &["`/deal add` option `stage`", "26 choices", "25"]);
}

#[test]
fn a_choice_name_or_value_over_100_characters_is_reported() {
    let mut m = valid();
    add_options(&mut m)[1]["choices"][0]["name"] = json!("n".repeat(101));
    assert_reported(
        m,
        &["option `stage` choice", "name of 101 characters", "1–100"],
    );
    let mut m = valid();
    add_options(&mut m)[1]["choices"][0]["value"] = json!("v".repeat(101));
    assert_reported(
        m,
        &["option `stage` choice `Discovery`", "value of 101", "1–100"],
    );
}

#[test]
fn a_required_option_after_an_optional_one_is_reported() {
    let mut m = valid();
    add_options(&mut m)[2]["required"] = json!(true);
    assert_reported(
        m,
        &["`/deal add` option `page`", "after optional option `stage`"],
    );
}

#[test]
fn a_duplicate_option_name_is_reported() {
    let mut m = valid();
    add_options(&mut m)[2]["name"] = json!("stage");
    assert_reported(m, &["`/deal add` option `stage`", "twice"]);
}

#[test]
fn nesting_deeper_than_two_levels_is_reported() {
    let mut m = valid();
    m["options"][1]["options"][0]["options"] =
        json!([{ "type": 1, "name": "deeper", "description": "Too deep" }]);
    assert_reported(m, &["subcommand `/deal portal sync deeper`", "two levels"]);
    let mut m = valid();
    m["options"][1]["options"] =
        json!([{ "type": 2, "name": "inner", "description": "Group in a group", "options": [] }]);
    assert_reported(m, &["subcommand `/deal portal inner`", "two levels"]);
}

#[test]
fn subcommands_mixed_with_plain_options_are_reported() {
    let mut m = valid();
    m["options"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "type": 3, "name": "filter", "description": "Stray option" }));
    assert_reported(m, &["`/deal`", "mixes subcommands with plain options"]);
}

#[test]
fn a_command_over_8000_characters_in_total_is_reported() {
    let mut m = valid();
    let options = add_options(&mut m);
    options.truncate(2);
    // Two options with 25 choices of 100 + 100 characters each: over 10,000 characters.
    for i in 0..2 {
        let choices: Vec<Value> = (0..25)
            .map(|c| json!({ "name": format!("{c:0>100}"), "value": format!("{c:0>100}") }))
            .collect();
        options.push(json!({
            "type": 3, "name": format!("big{i}"), "description": "d".repeat(100), "choices": choices
        }));
    }
    let found = problems(m);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("command `/deal`") && found[0].contains("8000"),
        "{}",
        found[0]
    );
}

#[test]
fn autocomplete_together_with_choices_is_reported() {
    let mut m = valid();
    add_options(&mut m)[1]["autocomplete"] = json!(true);
    assert_reported(
        m,
        &["`/deal add` option `stage`", "choices and autocomplete"],
    );
}
