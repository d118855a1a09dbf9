//! Forms: when a button asks for a command whose required options it does not carry (the "Log
//! touch" button on a partner card), the core answers with a form for the missing options. Its
//! submission runs the command with the button's options plus the typed fields.

use crate::core::custom_id;
use crate::core::manifest::{kind, LeafCommand, OptionManifest};
use crate::core::reply::{clip, Form, FormField, Reply};

/// A form asks for at most five things, with labels and title of at most 45 characters: short
/// enough to fill in on a phone. (Discord's modals happen to allow exactly that; the door
/// enforces its own limits in `discord::builders`.)
const MAX_FIELDS: usize = 5;
const MAX_LABEL: usize = 45;

/// The form for a button's `command` given the options it carries, or `None` when the command
/// can run as it is. A form is needed when a required option is missing, or when a change
/// (`writes`) is asked with nothing but the record it applies to and the command has optional
/// fields to fill in (the "Update" button; an "Approve" button with only its id just runs).
pub fn for_button(command: &LeafCommand, writes: bool, known: &[(String, String)]) -> Option<Form> {
    let is_known = |o: &OptionManifest| known.iter().any(|(k, _)| k == &o.name);
    let missing_required = command.options.iter().any(|o| o.required && !is_known(o));
    let only_identifies = command
        .options
        .iter()
        .filter(|o| is_known(o))
        .all(|o| o.required);
    let has_changes_to_ask = command.options.iter().any(|o| !o.required && !is_known(o));
    let wants_changes = writes && only_identifies && has_changes_to_ask;
    if !missing_required && !wants_changes {
        return None;
    }
    let typeable = |o: &&OptionManifest| {
        !is_known(o) && matches!(o.kind, kind::STRING | kind::INTEGER) && o.name != "page"
    };
    let mut fields: Vec<FormField> = command
        .options
        .iter()
        .filter(typeable)
        .filter(|o| o.required)
        .chain(
            command
                .options
                .iter()
                .filter(typeable)
                .filter(|o| !o.required),
        )
        .take(MAX_FIELDS)
        .map(field)
        .collect();
    fields.dedup_by(|a, b| a.name == b.name);
    let params: Vec<(&str, String)> = known.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let custom_id = custom_id::encode(&command.key(), &params)?;
    Some(Form {
        custom_id,
        title: clip(&capitalise(&command.description), MAX_LABEL),
        fields,
    })
}

fn field(option: &OptionManifest) -> FormField {
    let long = option.max_length.is_some_and(|max| max > 200);
    let mut placeholder = option.description.clone();
    if !option.choices.is_empty() {
        placeholder = option.choice_values().join(", ");
    }
    FormField {
        name: option.name.clone(),
        label: clip(&capitalise(&option.name.replace('_', " ")), MAX_LABEL),
        required: option.required,
        long,
        placeholder: Some(clip(&placeholder, 100)),
        max_length: option.max_length,
        value: None,
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where a door cannot open a form (after a deferral, or in answer to a form), what it asks
/// for, as text.
pub fn as_text(form: &Form) -> Reply {
    let command = custom_id::decode(&form.custom_id)
        .map(|(path, _)| format!("`/{}`", path.join(" ")))
        .unwrap_or_else(|| "the command".to_string());
    let fields: Vec<String> = form
        .fields
        .iter()
        .map(|f| format!("`{}:`", f.name))
        .collect();
    let options = if fields.is_empty() {
        "the options it needs".to_string()
    } else {
        fields.join(", ")
    };
    Reply::info(format!(
        "This needs a few more details: run {command} with {options}."
    ))
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn a_form_that_cannot_open_says_which_options_to_give() {
        let mut form = Form {
            custom_id: "touch log:partner=#1".into(),
            title: "Log a touch".into(),
            fields: vec![FormField {
                name: "type".into(),
                label: "Type".into(),
                required: true,
                long: false,
                placeholder: None,
                max_length: None,
                value: None,
            }],
        };
        let text = as_text(&form).text.unwrap();
        let text = text.as_plain().unwrap();
        assert_eq!(
            text,
            "This needs a few more details: run `/touch log` with `type:`."
        );
        form.fields.clear();
        let text = as_text(&form).text.unwrap();
        let text = text.as_plain().unwrap();
        assert!(text.ends_with("with the options it needs."), "{text}");
    }
}
