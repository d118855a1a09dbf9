//! A validator for the JSON-Schema subset Discord's OpenAPI description uses: `$ref` to
//! `#/components/schemas`, `type` (one or a list, with "null"), `properties`, `required`,
//! `additionalProperties`, `maxProperties`, `items`, `minItems`/`maxItems`, `uniqueItems`,
//! `minLength`/`maxLength` (in characters), `minimum`/`maximum`, `enum`, `const`, `allOf`,
//! `anyOf` and `oneOf`.
//!
//! Leniencies, each matching what Discord accepts from real clients:
//! - `oneOf` is checked as `anyOf`: the spec's unions overlap (two webhook body shapes both fit a
//!   plain message), so "more than one branch fits" is not an error.
//! - an integer may arrive as a string of digits (serenity sends `default_member_permissions`
//!   that way); a snowflake (`format: snowflake`) may arrive as an integer (attachment ids).
//! - `pattern` is checked only for the snowflake pattern; `format`s other than snowflake are not
//!   checked.

use serde_json::Value;

/// One validation failure: where in the body, and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaError {
    /// `data.embeds[0].title`, or `(body)` for the root.
    pub path: String,
    pub message: String,
    depth: usize,
}

impl std::fmt::Display for SchemaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

const SNOWFLAKE_PATTERN: &str = "^(0|[1-9][0-9]*)$";

/// Validates `value` against `schema`, resolving `$ref`s in `root` (the whole document).
pub fn validate(root: &Value, schema: &Value, value: &Value) -> Vec<SchemaError> {
    let mut errors = Vec::new();
    Validator { root }.check(schema, value, &Path::root(), &mut errors);
    errors
}

#[derive(Clone)]
struct Path {
    text: String,
    depth: usize,
}

impl Path {
    fn root() -> Path {
        Path {
            text: String::new(),
            depth: 0,
        }
    }
    fn key(&self, key: &str) -> Path {
        let text = if self.text.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.text)
        };
        Path {
            text,
            depth: self.depth + 1,
        }
    }
    fn index(&self, i: usize) -> Path {
        Path {
            text: format!("{}[{i}]", self.text),
            depth: self.depth + 1,
        }
    }
}

struct Validator<'a> {
    root: &'a Value,
}

impl Validator<'_> {
    fn error(&self, path: &Path, message: String, errors: &mut Vec<SchemaError>) {
        let text = if path.text.is_empty() {
            "(body)".to_string()
        } else {
            path.text.clone()
        };
        errors.push(SchemaError {
            path: text,
            message,
            depth: path.depth,
        });
    }

    fn resolve<'s>(&'s self, reference: &str) -> Option<&'s Value> {
        self.root.pointer(reference.strip_prefix('#')?)
    }

    fn check(&self, schema: &Value, value: &Value, path: &Path, errors: &mut Vec<SchemaError>) {
        let Some(schema) = schema.as_object() else {
            return;
        };
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            match self.resolve(reference) {
                Some(target) => self.check(target, value, path, errors),
                None => self.error(path, format!("spec has no {reference}"), errors),
            }
        }
        let snowflake = schema.get("format").and_then(Value::as_str) == Some("snowflake");
        if let Some(types) = schema.get("type") {
            let allowed: Vec<&str> = match types {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if !allowed.iter().any(|t| type_matches(t, value, snowflake)) {
                let message = format!(
                    "expected {}, found {}",
                    allowed.join(" or "),
                    type_name(value)
                );
                return self.error(path, message, errors);
            }
        }
        if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
            if !allowed.iter().any(|a| same(a, value)) {
                let list: Vec<String> = allowed.iter().map(Value::to_string).collect();
                self.error(
                    path,
                    format!("{value} is not one of [{}]", list.join(", ")),
                    errors,
                );
            }
        }
        if let Some(constant) = schema.get("const") {
            if !same(constant, value) {
                self.error(path, format!("must be {constant}, found {value}"), errors);
            }
        }
        for sub in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.check(sub, value, path, errors);
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(branches) = schema.get(key).and_then(Value::as_array) {
                self.any_of(branches, value, path, errors);
            }
        }
        match value {
            Value::String(s) => self.string(schema, s, path, errors),
            Value::Number(_) => self.number(schema, value, path, errors),
            Value::Array(items) => self.array(schema, items, path, errors),
            Value::Object(map) => self.object(schema, map, path, errors),
            _ => {}
        }
    }

    /// Passes when one branch fits; otherwise reports the branch that got furthest (its first
    /// error deepest in the body, then fewest errors), which is the one the sender meant.
    fn any_of(
        &self,
        branches: &[Value],
        value: &Value,
        path: &Path,
        errors: &mut Vec<SchemaError>,
    ) {
        let mut best: Option<Vec<SchemaError>> = None;
        for branch in branches {
            let mut branch_errors = Vec::new();
            self.check(branch, value, path, &mut branch_errors);
            if branch_errors.is_empty() {
                return;
            }
            let rank = |e: &[SchemaError]| {
                let shallowest = e.iter().map(|x| x.depth).min().unwrap_or(0);
                (shallowest, usize::MAX - e.len())
            };
            if best
                .as_ref()
                .map_or(true, |b| rank(&branch_errors) > rank(b))
            {
                best = Some(branch_errors);
            }
        }
        let constants: Option<Vec<String>> = branches
            .iter()
            .map(|b| b.get("const").map(Value::to_string))
            .collect();
        match constants {
            Some(list) => {
                let message = format!("{value} is not one of [{}]", list.join(", "));
                self.error(path, message, errors);
            }
            None => errors.extend(best.unwrap_or_default()),
        }
    }

    fn string(
        &self,
        schema: &serde_json::Map<String, Value>,
        s: &str,
        path: &Path,
        errors: &mut Vec<SchemaError>,
    ) {
        let chars = s.chars().count() as u64;
        if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
            if chars > max {
                self.error(
                    path,
                    format!("longer than {max} ({chars} characters)"),
                    errors,
                );
            }
        }
        if let Some(min) = schema.get("minLength").and_then(Value::as_u64) {
            if chars < min {
                self.error(
                    path,
                    format!("shorter than {min} ({chars} characters)"),
                    errors,
                );
            }
        }
        if schema.get("pattern").and_then(Value::as_str) == Some(SNOWFLAKE_PATTERN) && !is_digits(s)
        {
            self.error(path, format!("{s:?} is not a snowflake"), errors);
        }
        // Digit strings standing in for integers get the integer's bounds.
        if schema.get("type").is_some_and(|t| names(t, "integer")) && is_digits(s) {
            if let Ok(n) = s.parse::<f64>() {
                self.bounds(schema, n, path, errors);
            }
        }
    }

    fn number(
        &self,
        schema: &serde_json::Map<String, Value>,
        value: &Value,
        path: &Path,
        errors: &mut Vec<SchemaError>,
    ) {
        if let Some(n) = value.as_f64() {
            self.bounds(schema, n, path, errors);
        }
    }

    fn bounds(
        &self,
        schema: &serde_json::Map<String, Value>,
        n: f64,
        path: &Path,
        errors: &mut Vec<SchemaError>,
    ) {
        if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
            if n > max {
                self.error(path, format!("{n} is above the maximum {max}"), errors);
            }
        }
        if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
            if n < min {
                self.error(path, format!("{n} is below the minimum {min}"), errors);
            }
        }
    }

    fn array(
        &self,
        schema: &serde_json::Map<String, Value>,
        items: &[Value],
        path: &Path,
        errors: &mut Vec<SchemaError>,
    ) {
        let len = items.len() as u64;
        if let Some(max) = schema.get("maxItems").and_then(Value::as_u64) {
            if len > max {
                self.error(path, format!("more than {max} items ({len})"), errors);
            }
        }
        if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
            if len < min {
                self.error(path, format!("fewer than {min} items ({len})"), errors);
            }
        }
        if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
            for (i, item) in items.iter().enumerate() {
                if items[..i].contains(item) {
                    self.error(&path.index(i), format!("duplicate item {item}"), errors);
                }
            }
        }
        if let Some(item_schema) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                self.check(item_schema, item, &path.index(i), errors);
            }
        }
    }

    fn object(
        &self,
        schema: &serde_json::Map<String, Value>,
        map: &serde_json::Map<String, Value>,
        path: &Path,
        errors: &mut Vec<SchemaError>,
    ) {
        let properties = schema.get("properties").and_then(Value::as_object);
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(name) = name.as_str() {
                if !map.contains_key(name) {
                    self.error(&path.key(name), "missing (required)".to_string(), errors);
                }
            }
        }
        if let Some(max) = schema.get("maxProperties").and_then(Value::as_u64) {
            if map.len() as u64 > max {
                self.error(
                    path,
                    format!("more than {max} properties ({})", map.len()),
                    errors,
                );
            }
        }
        for (key, item) in map {
            match properties.and_then(|p| p.get(key)) {
                Some(property) => self.check(property, item, &path.key(key), errors),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => self.error(
                        &path.key(key),
                        "unknown field (not allowed)".to_string(),
                        errors,
                    ),
                    Some(extra @ Value::Object(_)) => {
                        self.check(extra, item, &path.key(key), errors)
                    }
                    _ => {}
                },
            }
        }
    }
}

fn type_matches(name: &str, value: &Value, snowflake: bool) -> bool {
    match (name, value) {
        ("null", Value::Null) | ("boolean", Value::Bool(_)) => true,
        ("object", Value::Object(_)) | ("array", Value::Array(_)) => true,
        ("number", Value::Number(_)) | ("string", Value::String(_)) => true,
        ("integer", Value::Number(n)) => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        ("integer", Value::String(s)) => is_digits(s.strip_prefix('-').unwrap_or(s)),
        ("string", Value::Number(n)) => snowflake && n.is_u64(),
        _ => false,
    }
}

fn names(types: &Value, name: &str) -> bool {
    match types {
        Value::String(t) => t == name,
        Value::Array(ts) => ts.iter().any(|t| t == name),
        _ => false,
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// JSON equality, with numbers compared by value (4 == 4.0) and digit strings equal to the
/// integer they spell.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Number(x), Value::String(s)) | (Value::String(s), Value::Number(x)) => {
            is_digits(s) && s.parse::<f64>().ok() == x.as_f64()
        }
        _ => a == b,
    }
}
