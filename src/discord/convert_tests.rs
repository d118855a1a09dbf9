//! Unit tests of the conversions, on interaction JSON shaped like Discord's.

use super::*;
use serde_json::{json, Value};
use serenity::model::application::Interaction;

const GUILD: &str = "900000000000000001";

fn user(id: &str, name: &str, global: Option<&str>) -> Value {
    json!({"id": id, "username": name, "global_name": global, "discriminator": "0", "avatar": null})
}

fn interaction(kind: u8, data: Value, member: Value) -> Interaction {
    let value = json!({
        "id": "1300000000000000001",
        "application_id": "1100000000000000001",
        "type": kind,
        "data": data,
        "guild_id": GUILD,
        "channel_id": "1200000000000000001",
        "member": member,
        "token": "tok",
        "version": 1,
        "locale": "en-US",
        "entitlements": [],
        "attachment_size_limit": 10485760,
        "authorizing_integration_owners": {},
        "message": {
            "id": "1400000000000000001", "channel_id": "1200000000000000001",
            "author": user("1100000000000000001", "partnerbot", None), "content": "",
            "timestamp": "2026-11-27T10:00:00.000000+00:00", "edited_timestamp": null,
            "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
            "attachments": [], "embeds": [], "pinned": false, "type": 0
        }
    });
    serde_json::from_value(value).expect("a valid interaction")
}

fn member(nick: Option<&str>, roles: &[&str], permissions: &str) -> Value {
    json!({
        "user": user("500000000000000001", "dana.l", Some("Dana Lee")),
        "nick": nick, "roles": roles, "deaf": false, "mute": false, "flags": 0,
        "joined_at": "2026-01-01T00:00:00.000000+00:00", "permissions": permissions
    })
}

fn deal_add() -> Value {
    json!({
        "id": "1000000000000000001", "name": "deal", "type": 1,
        "options": [{"type": 1, "name": "add", "options": [
            {"type": 3, "name": "account", "value": "Acme Corp"},
            {"type": 4, "name": "page", "value": 2},
            {"type": 5, "name": "public", "value": true},
            {"type": 6, "name": "owner", "value": "500000000000000002"},
            {"type": 7, "name": "channel", "value": "1200000000000000009"},
            {"type": 8, "name": "role", "value": "700000000000000001"}
        ]}]
    })
}

#[test]
fn a_subcommand_is_flattened_into_its_path_and_typed_options() {
    let Interaction::Command(cmd) = interaction(2, deal_add(), member(None, &[], "0")) else {
        panic!("not a command")
    };
    let invocation = command(&cmd).unwrap();
    assert_eq!(
        invocation.workspace_id,
        ids::WorkspaceId::new(900000000000000001)
    );
    assert_eq!(
        invocation.interaction_id.as_deref(),
        Some("1300000000000000001")
    );
    assert_eq!(
        invocation.channel_id,
        Some(ids::ChannelId::new(1200000000000000001))
    );
    let Action::Command { path, options } = invocation.action else {
        panic!("not a command action")
    };
    assert_eq!(path, vec!["deal", "add"]);
    assert_eq!(
        options,
        vec![
            ("account".into(), OptionInput::Text("Acme Corp".into())),
            ("page".into(), OptionInput::Integer(2)),
            ("public".into(), OptionInput::Boolean(true)),
            (
                "owner".into(),
                OptionInput::User(ids::UserId::new(500000000000000002))
            ),
            ("channel".into(), OptionInput::Integer(1200000000000000009)),
            ("role".into(), OptionInput::Integer(700000000000000001)),
        ]
    );
}

#[test]
fn the_actor_is_named_by_nick_then_global_name_then_username_with_role_ids() {
    let with_nick = member(Some("Dee"), &["700000000000000001"], "8");
    let Interaction::Command(cmd) = interaction(2, deal_add(), with_nick) else {
        panic!()
    };
    let actor = command(&cmd).unwrap().actor;
    assert_eq!(actor.display_name, "Dee");
    assert_eq!(actor.user_id, ids::UserId::new(500000000000000001));
    match actor.roles {
        ActorRoles::Discord {
            role_ids,
            administrator,
        } => {
            assert_eq!(role_ids, vec![ids::RoleId::new(700000000000000001)]);
            assert!(administrator, "permission bit 8 is Administrator");
        }
        other => panic!("{other:?}"),
    }
    let Interaction::Command(cmd) = interaction(2, deal_add(), member(None, &[], "2048")) else {
        panic!()
    };
    let actor = command(&cmd).unwrap().actor;
    assert_eq!(actor.display_name, "Dana Lee");
    assert!(matches!(
        actor.roles,
        ActorRoles::Discord {
            administrator: false,
            ..
        }
    ));
    let plain: User = serde_json::from_value(user("1", "dana.l", None)).unwrap();
    assert_eq!(display_name(&plain, None), "dana.l");
}

#[test]
fn a_button_click_and_a_modal_submit_become_their_actions() {
    let button = json!({"custom_id": "deal list:page=2", "component_type": 2});
    let Interaction::Component(click) = interaction(3, button, member(None, &[], "0")) else {
        panic!()
    };
    let action = component(&click).unwrap().action;
    assert!(matches!(action, Action::Component { custom_id } if custom_id == "deal list:page=2"));

    let submitted = json!({"custom_id": "touch log:partner=Globex", "components": [
        {"type": 1, "components": [{"type": 4, "custom_id": "type", "value": "meeting"}]},
        {"type": 1, "components": [{"type": 4, "custom_id": "notes", "value": "QBR prep"}]}
    ]});
    let Interaction::Modal(submit) = interaction(5, submitted, member(None, &[], "0")) else {
        panic!()
    };
    match modal(&submit).unwrap().action {
        Action::ModalSubmit { custom_id, fields } => {
            assert_eq!(custom_id, "touch log:partner=Globex");
            assert_eq!(
                fields,
                vec![
                    ("type".to_string(), "meeting".to_string()),
                    ("notes".to_string(), "QBR prep".to_string())
                ]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn autocomplete_names_the_focused_option_and_what_was_typed() {
    let data = json!({
        "id": "1000000000000000001", "name": "deal", "type": 1,
        "options": [{"type": 1, "name": "add", "options": [
            {"type": 3, "name": "account", "value": "Acme Corp"},
            {"type": 3, "name": "partner", "value": "glo", "focused": true}
        ]}]
    });
    let Interaction::Autocomplete(cmd) = interaction(4, data, member(None, &[], "0")) else {
        panic!()
    };
    let request = autocomplete(&cmd).unwrap();
    assert_eq!(request.path, vec!["deal", "add"]);
    assert_eq!(request.option, "partner");
    assert_eq!(request.partial, "glo");
    assert_eq!(
        request.workspace_id,
        ids::WorkspaceId::new(900000000000000001)
    );
}

#[test]
fn a_question_reaches_the_core_without_its_mentions() {
    assert_eq!(
        without_mentions("<@123> who covers acme.com?"),
        "who covers acme.com?"
    );
    assert_eq!(
        without_mentions("<@!123>  Who covers  Acme Corp ?"),
        "Who covers Acme Corp ?"
    );
    assert_eq!(without_mentions("<@123>"), "");
}
