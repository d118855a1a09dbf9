//! Checks request bodies against Discord's own OpenAPI description, vendored with its MIT
//! licence in `tests/fixtures/discord-api-spec/` so that every clone validates.

mod schema;
#[cfg(test)]
mod tests;

#[allow(unused_imports)]
pub use schema::{validate, SchemaError};

use serde_json::Value;
use std::sync::OnceLock;

/// Where the vendored description lives.
pub const SPEC_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/discord-api-spec/openapi.json"
);

/// The parsed description and its path templates, split into segments.
pub struct Spec {
    doc: Value,
    templates: Vec<(String, Vec<String>)>,
}

/// The description, loaded once per process. It is part of the repository: a missing file is
/// a broken checkout, and fails loudly rather than turning validation off.
pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        Spec::load(SPEC_PATH).unwrap_or_else(|| {
            panic!("{SPEC_PATH} is missing: it is vendored in the repository; restore it")
        })
    })
}

impl Spec {
    pub fn load(path: &str) -> Option<Spec> {
        let text = std::fs::read_to_string(path).ok()?;
        let doc: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not valid JSON: {e}"));
        Some(Spec::from_value(doc))
    }

    pub fn from_value(doc: Value) -> Spec {
        let templates = doc
            .get("paths")
            .and_then(Value::as_object)
            .map(|paths| {
                paths
                    .keys()
                    .map(|t| {
                        (
                            t.clone(),
                            t.split('/')
                                .filter(|s| !s.is_empty())
                                .map(String::from)
                                .collect(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        Spec { doc, templates }
    }

    /// The spec's template for a concrete path (without `/api/v10`): literal segments must match
    /// and the template with the most literal segments wins (`@original` over `{message_id}`).
    pub fn template(&self, path: &str) -> Option<&str> {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        self.templates
            .iter()
            .filter(|(_, parts)| {
                parts.len() == segments.len()
                    && parts
                        .iter()
                        .zip(&segments)
                        .all(|(p, s)| p.starts_with('{') || p == s)
            })
            .max_by_key(|(_, parts)| parts.iter().filter(|p| !p.starts_with('{')).count())
            .map(|(t, _)| t.as_str())
    }

    /// The JSON request-body schema of an operation (`application/json`, else the multipart
    /// one whose `payload_json` carries the same fields).
    pub fn request_schema(&self, method: &str, template: &str) -> Option<&Value> {
        let content = self
            .doc
            .get("paths")?
            .get(template)?
            .get(method.to_ascii_lowercase())?
            .get("requestBody")?
            .get("content")?;
        content
            .get("application/json")
            .or_else(|| content.get("multipart/form-data"))?
            .get("schema")
    }

    /// Validates a request body; each error names the route and the field:
    /// `POST /interactions/{interaction_id}/{interaction_token}/callback: data.embeds[0].title: longer than 256 (300 characters)`.
    pub fn validate_request(&self, method: &str, path: &str, body: &Value) -> Vec<String> {
        let path = path.strip_prefix("/api/v10").unwrap_or(path);
        let method = method.to_ascii_uppercase();
        let Some(template) = self.template(path) else {
            return vec![format!(
                "{method} {path}: not a route in Discord's API description"
            )];
        };
        let Some(schema) = self.request_schema(&method, template) else {
            return vec![format!(
                "{method} {template}: Discord's API description gives no JSON body for it"
            )];
        };
        validate(&self.doc, schema, body)
            .into_iter()
            .map(|e| format!("{method} {template}: {e}"))
            .collect()
    }
}
