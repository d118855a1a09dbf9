use super::*;
use serde_json::json;

const CALLBACK: &str = "/api/v10/interactions/1400000000000000001/fake-token/callback";

fn embed(title: &str) -> Value {
    json!({
        "title": title,
        "description": "Acme Corp, 120,000.00 USD",
        "color": 0x22C55E,
        "fields": [{ "name": "Stage", "value": "Discovery", "inline": true }],
        "footer": { "text": "FY27-Q1" },
    })
}

fn callback(embeds: Vec<Value>) -> Value {
    json!({ "type": 4, "data": { "content": "Registered.", "embeds": embeds, "flags": 64 } })
}

/// The real description, vendored in the repository.
fn real() -> &'static Spec {
    spec()
}

#[test]
fn a_plain_message_callback_is_valid() {
    let spec = real();
    let errors = spec.validate_request("POST", CALLBACK, &callback(vec![embed("Deal registered")]));
    assert_eq!(errors, Vec::<String>::new());
}

#[test]
fn an_embed_title_of_300_characters_is_reported_with_route_and_field() {
    let spec = real();
    let errors = spec.validate_request("POST", CALLBACK, &callback(vec![embed(&"x".repeat(300))]));
    assert_eq!(
        errors,
        vec![
            "POST /interactions/{interaction_id}/{interaction_token}/callback: \
              data.embeds[0].title: longer than 256 (300 characters)"
        ]
    );
}

#[test]
fn eleven_embeds_and_a_field_without_value_are_both_reported() {
    let spec = real();
    let mut embeds = vec![embed("ok"); 11];
    embeds[3]["fields"] = json!([{ "name": "Stage" }]);
    let errors = spec
        .validate_request("POST", CALLBACK, &callback(embeds))
        .join("\n");
    assert!(
        errors.contains("data.embeds: more than 10 items (11)"),
        "{errors}"
    );
    assert!(
        errors.contains("data.embeds[3].fields[0].value: missing (required)"),
        "{errors}"
    );
}

#[test]
fn twenty_six_autocomplete_choices_are_too_many() {
    let spec = real();
    let choices: Vec<Value> = (0..26)
        .map(|i| json!({ "name": format!("P{i}"), "value": format!("p{i}") }))
        .collect();
    let body = json!({ "type": 8, "data": { "choices": choices } });
    let errors = spec.validate_request("POST", CALLBACK, &body).join("\n");
    assert!(
        errors.contains("data.choices: more than 25 items (26)"),
        "{errors}"
    );
}

#[test]
fn the_command_manifests_are_a_valid_bulk_overwrite() {
    let spec = real();
    let body = partnerbot::core::manifest::registration_payload();
    let path = "/api/v10/applications/1300000000000000001/commands";
    assert_eq!(
        spec.validate_request("PUT", path, &body),
        Vec::<String>::new()
    );
}

#[test]
fn a_message_with_an_attachment_and_a_button_row_is_valid() {
    let spec = real();
    let body = json!({
        "content": "Export ready",
        "attachments": [{ "id": 0, "filename": "deals.csv", "description": null }],
        "components": [{ "type": 1, "components": [
            { "type": 2, "style": 2, "label": "Next", "custom_id": "deal list:page=2" }
        ]}],
    });
    let errors = spec.validate_request("POST", "/api/v10/channels/1/messages", &body);
    assert_eq!(errors, Vec::<String>::new());
}

#[test]
fn the_original_response_route_beats_the_message_id_route() {
    let spec = real();
    assert_eq!(
        spec.template("/webhooks/1/tok/messages/@original"),
        Some("/webhooks/{webhook_id}/{webhook_token}/messages/@original")
    );
    assert_eq!(
        spec.template("/webhooks/1/tok/messages/55"),
        Some("/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
    );
}

/// A hand-made description, so the validator is tested even without the real file.
fn tiny() -> Value {
    json!({ "components": { "schemas": {
        "Snowflake": { "type": "string", "pattern": "^(0|[1-9][0-9]*)$", "format": "snowflake" },
        "Thing": {
            "type": "object",
            "properties": {
                "id": { "$ref": "#/components/schemas/Snowflake" },
                "name": { "type": ["string", "null"], "minLength": 1, "maxLength": 5 },
                "perms": { "type": ["integer", "null"], "minimum": 0, "maximum": 100 },
                "kind": { "type": "integer", "oneOf": [{ "const": 1 }, { "const": 2 }] },
            },
            "required": ["id", "kind"],
            "additionalProperties": false,
        },
    }}})
}

fn check_tiny(value: Value) -> Vec<String> {
    let root = tiny();
    let schema = json!({ "$ref": "#/components/schemas/Thing" });
    validate(&root, &schema, &value)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn nulls_snowflakes_as_integers_and_integers_as_digit_strings_are_accepted() {
    assert!(check_tiny(json!({ "id": "12", "name": null, "perms": "8", "kind": 1 })).is_empty());
    assert!(check_tiny(json!({ "id": 0, "kind": 2 })).is_empty());
}

#[test]
fn each_violation_names_its_field() {
    let mut errors =
        check_tiny(json!({ "id": "x1", "name": "toolong", "perms": 101, "kind": 3, "extra": 1 }));
    errors.sort();
    assert_eq!(
        errors,
        vec![
            "extra: unknown field (not allowed)",
            "id: \"x1\" is not a snowflake",
            "kind: 3 is not one of [1, 2]",
            "name: longer than 5 (7 characters)",
            "perms: 101 is above the maximum 100",
        ]
    );
    assert_eq!(
        check_tiny(json!({ "kind": 1 })),
        vec!["id: missing (required)"]
    );
    assert_eq!(
        check_tiny(json!([])),
        vec!["(body): expected object, found array"]
    );
}

#[test]
fn the_vendored_description_carries_its_licence() {
    let dir = std::path::Path::new(SPEC_PATH).parent().unwrap();
    let licence = std::fs::read_to_string(dir.join("LICENSE")).unwrap();
    assert!(licence.contains("MIT License"), "{licence}");
    assert!(
        real().templates.len() > 100,
        "the whole description is there"
    );
}
