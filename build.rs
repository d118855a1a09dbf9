//! Reads every `commands/*.json` manifest (the one declaration of the command surface) and
//! generates two files into `OUT_DIR`:
//! - `manifests.rs`: the manifests' text, embedded so the binary registers them with Discord;
//! - `commands.rs`: one `Command` variant per runnable command with a typed arguments struct
//!   (one field per option, named as the option), so a handler that reads a misspelled or
//!   removed option does not compile. The option types come from Discord's option types; the
//!   [`TYPED`] table below gives the domain type of options whose text means more (money,
//!   dates, fixed choices).
//!
//! Reruns when `commands/` or `migrations/` (embedded by `sqlx::migrate!`) change.

use serde_json::Value;
use std::fmt::Write;

/// How an option's text is read into a domain type.
#[derive(Clone, Copy)]
enum Typed {
    /// A fixed choice, parsed with `crate::domain::Choice` into the named type.
    Choice(&'static str),
    /// An amount in the workspace currency: `crate::domain::money::Money`.
    Money,
    /// A date relative to today in the workspace: `chrono::NaiveDate`.
    Date,
}

/// `(command key or "*" for every command, option name, type)`. A command-specific row wins
/// over a `"*"` row. A row naming a command or option the manifests do not have fails the build.
const TYPED: &[(&str, &str, Typed)] = &[
    ("*", "stage", Typed::Choice("crate::domain::deal::Stage")),
    (
        "*",
        "forecast",
        Typed::Choice("crate::domain::deal::ForecastCategory"),
    ),
    ("*", "path", Typed::Choice("crate::domain::deal::DealPath")),
    (
        "*",
        "marketplace",
        Typed::Choice("crate::domain::deal::Marketplace"),
    ),
    (
        "*",
        "portal_stage",
        Typed::Choice("crate::domain::deal::PortalStage"),
    ),
    (
        "*",
        "portal_status",
        Typed::Choice("crate::domain::deal::PortalStatus"),
    ),
    ("*", "track", Typed::Choice("crate::domain::partner::Track")),
    (
        "registration list",
        "status",
        Typed::Choice("crate::domain::registration::RegistrationStatus"),
    ),
    (
        "deal register",
        "type",
        Typed::Choice("crate::domain::registration::RegistrationType"),
    ),
    (
        "deal influence",
        "type",
        Typed::Choice("crate::domain::deal::InfluenceType"),
    ),
    (
        "partner add",
        "type",
        Typed::Choice("crate::domain::partner::PartnerType"),
    ),
    (
        "partner update",
        "type",
        Typed::Choice("crate::domain::partner::PartnerType"),
    ),
    (
        "partner list",
        "type",
        Typed::Choice("crate::domain::partner::PartnerType"),
    ),
    (
        "program discount",
        "type",
        Typed::Choice("crate::domain::program::DealType"),
    ),
    (
        "quote check",
        "type",
        Typed::Choice("crate::domain::program::DealType"),
    ),
    (
        "touch log",
        "type",
        Typed::Choice("crate::domain::touch::TouchType"),
    ),
    (
        "touch list",
        "type",
        Typed::Choice("crate::domain::touch::TouchType"),
    ),
    (
        "program fee",
        "offer",
        Typed::Choice("crate::domain::program::OfferKind"),
    ),
    (
        "setup role",
        "as",
        Typed::Choice("crate::domain::role::Role"),
    ),
    (
        "territory assign",
        "as",
        Typed::Choice("crate::domain::role::Role"),
    ),
    ("*", "amount", Typed::Money),
    ("*", "commit", Typed::Money),
    ("*", "most_likely", Typed::Money),
    ("*", "best_case", Typed::Money),
    ("quote check", "list", Typed::Money),
    ("*", "close", Typed::Date),
    ("touch log", "date", Typed::Date),
    ("away", "from", Typed::Date),
    ("away", "to", Typed::Date),
    ("*", "agreement_signed", Typed::Date),
    ("*", "agreement_expires", Typed::Date),
];

const STRING: u64 = 3;
const INTEGER: u64 = 4;
const BOOLEAN: u64 = 5;
const USER: u64 = 6;
const CHANNEL: u64 = 7;
const ROLE: u64 = 8;

fn main() {
    println!("cargo:rerun-if-changed=commands");
    // `sqlx::migrate!` embeds these folders; a new file must rebuild the crate.
    println!("cargo:rerun-if-changed=migrations");
    let mut names: Vec<String> = std::fs::read_dir("commands")
        .expect("commands/ folder")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    let mut out = String::from("/// (file name, JSON text) of every command manifest.\npub const MANIFEST_FILES: &[(&str, &str)] = &[\n");
    let mut leaves = Vec::new();
    for name in &names {
        println!("cargo:rerun-if-changed=commands/{name}");
        writeln!(
            out,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/commands/{name}\"))),"
        )
        .unwrap();
        let text = std::fs::read_to_string(format!("commands/{name}")).unwrap();
        let json: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("commands/{name} is not valid JSON: {e}"));
        let tops = match json {
            Value::Array(items) => items,
            top => vec![top],
        };
        for top in &tops {
            collect_leaves(top, &[], &mut leaves);
        }
    }
    out.push_str("];\n");
    let dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(dir.join("manifests.rs"), out).unwrap();
    check_typed(&leaves);
    std::fs::write(dir.join("commands.rs"), generate(&leaves)).unwrap();
}

/// A runnable command: its path (`["deal", "add"]`) and its options.
struct Leaf {
    path: Vec<String>,
    description: String,
    options: Vec<Value>,
}

impl Leaf {
    fn key(&self) -> String {
        self.path.join(" ")
    }

    /// `DealAdd`, `ScheduleRunNow`.
    fn variant(&self) -> String {
        self.path
            .iter()
            .flat_map(|part| part.split(['-', '_']))
            .map(|word| {
                let mut chars = word.chars();
                let first = chars.next().map(|c| c.to_ascii_uppercase());
                first.into_iter().chain(chars).collect::<String>()
            })
            .collect()
    }
}

fn collect_leaves(node: &Value, parent: &[String], leaves: &mut Vec<Leaf>) {
    let mut path = parent.to_vec();
    path.push(node["name"].as_str().expect("a name").to_string());
    let options: Vec<Value> = node["options"].as_array().cloned().unwrap_or_default();
    let subs: Vec<&Value> = options
        .iter()
        .filter(|o| matches!(o["type"].as_u64(), Some(1) | Some(2)))
        .collect();
    if subs.is_empty() {
        leaves.push(Leaf {
            path,
            description: node["description"].as_str().unwrap_or_default().to_string(),
            options,
        });
    } else {
        for sub in subs {
            collect_leaves(sub, &path, leaves);
        }
    }
}

fn typed_for(key: &str, option: &str) -> Option<Typed> {
    let exact = TYPED.iter().find(|(k, o, _)| *k == key && *o == option);
    let any = TYPED.iter().find(|(k, o, _)| *k == "*" && *o == option);
    exact.or(any).map(|(_, _, t)| *t)
}

/// Every row of [`TYPED`] names an existing string option.
fn check_typed(leaves: &[Leaf]) {
    for (key, option, _) in TYPED {
        let found = leaves.iter().any(|leaf| {
            (*key == "*" || leaf.key() == *key)
                && leaf.options.iter().any(|o| {
                    o["name"].as_str() == Some(option) && o["type"].as_u64() == Some(STRING)
                })
        });
        assert!(
            found,
            "build.rs TYPED names `{key}` option `{option}`, which no manifest declares as text"
        );
    }
}

/// The Rust field name of an option (`type` → `r#type`).
fn field(name: &str) -> String {
    match name {
        "type" | "as" | "in" | "for" | "match" | "ref" | "use" | "mod" => format!("r#{name}"),
        other => other.to_string(),
    }
}

/// `(field type, expression reading it from `opts` and `env`)` of one option.
fn field_of(key: &str, option: &Value) -> (String, String) {
    let name = option["name"].as_str().unwrap();
    let required = option["required"].as_bool().unwrap_or(false);
    let kind = option["type"].as_u64().unwrap();
    let (base, read_optional, read_required) = match (kind, typed_for(key, name)) {
        (STRING, Some(Typed::Choice(ty))) => {
            let example = option["choices"][0]["value"].as_str().unwrap_or_default();
            (
                ty.to_string(),
                format!("opts.choice::<{ty}>({name:?})?"),
                format!("opts.required_choice::<{ty}>({name:?}, {example:?})?"),
            )
        }
        (STRING, Some(Typed::Money)) => (
            "crate::domain::money::Money".to_string(),
            format!("opts.text({name:?}).map(|t| env.money(t)).transpose()?"),
            format!("env.money(opts.required_text({name:?})?)?"),
        ),
        (STRING, Some(Typed::Date)) => (
            "chrono::NaiveDate".to_string(),
            format!("opts.text({name:?}).map(|t| env.date(t)).transpose()?"),
            format!("env.date(opts.required_text({name:?})?)?"),
        ),
        (STRING, None) => (
            "String".to_string(),
            format!("opts.text({name:?}).map(str::to_string)"),
            format!("opts.required_text({name:?})?.to_string()"),
        ),
        (INTEGER, _) => (
            "i64".to_string(),
            format!("opts.integer({name:?})"),
            format!("opts.required({name:?}, opts.integer({name:?}))?"),
        ),
        (BOOLEAN, _) => (
            "bool".to_string(),
            format!("opts.boolean({name:?})"),
            format!("opts.required({name:?}, opts.boolean({name:?}))?"),
        ),
        (USER, _) => (
            "crate::core::options::UserArg".to_string(),
            format!("opts.user({name:?}).cloned()"),
            format!("opts.required({name:?}, opts.user({name:?}).cloned())?"),
        ),
        (CHANNEL, _) => (
            "i64".to_string(),
            format!("opts.channel({name:?})"),
            format!("opts.required({name:?}, opts.channel({name:?}))?"),
        ),
        (ROLE, _) => (
            "i64".to_string(),
            format!("opts.role({name:?})"),
            format!("opts.required({name:?}, opts.role({name:?}))?"),
        ),
        (other, _) => panic!(
            "`{key}` option `{name}` has option type {other}, which partnerbot does not read"
        ),
    };
    if required {
        (base, read_required)
    } else {
        (format!("Option<{base}>"), read_optional)
    }
}

fn generate(leaves: &[Leaf]) -> String {
    let mut out = String::new();
    out.push_str(
        "/// Which command, without its arguments: one per runnable command of the manifests.\n",
    );
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum CommandKind {\n");
    for leaf in leaves {
        writeln!(out, "    /// `/{}`: {}", leaf.key(), leaf.description).unwrap();
        writeln!(out, "    {},", leaf.variant()).unwrap();
    }
    out.push_str("}\n\nimpl CommandKind {\n    /// Every command, in manifest order.\n    pub const ALL: &'static [CommandKind] = &[\n");
    for leaf in leaves {
        writeln!(out, "        CommandKind::{},", leaf.variant()).unwrap();
    }
    out.push_str("    ];\n\n    /// The command path joined by spaces, as in the manifests: `deal add`.\n    pub fn key(self) -> &'static str {\n        match self {\n");
    for leaf in leaves {
        writeln!(
            out,
            "            CommandKind::{} => {:?},",
            leaf.variant(),
            leaf.key()
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n\n    /// The command whose path is `key` (`deal add`).\n    pub fn from_key(key: &str) -> Option<CommandKind> {\n        match key {\n");
    for leaf in leaves {
        writeln!(
            out,
            "            {:?} => Some(CommandKind::{}),",
            leaf.key(),
            leaf.variant()
        )
        .unwrap();
    }
    out.push_str("            _ => None,\n        }\n    }\n}\n\n");

    out.push_str(
        "/// A command with its typed arguments, parsed once from the validated options.\n",
    );
    out.push_str("#[derive(Debug, Clone)]\npub enum Command {\n");
    for leaf in leaves {
        writeln!(out, "    {}(args::{}),", leaf.variant(), leaf.variant()).unwrap();
    }
    out.push_str(
        "}\n\nimpl Command {\n    pub fn kind(&self) -> CommandKind {\n        match self {\n",
    );
    for leaf in leaves {
        writeln!(
            out,
            "            Command::{}(_) => CommandKind::{},",
            leaf.variant(),
            leaf.variant()
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n\n    /// Reads `kind`'s arguments from options already checked against its manifest.\n");
    out.push_str("    pub fn parse(kind: CommandKind, opts: &Options, env: &ParseEnv) -> CommandResult<Command> {\n        Ok(match kind {\n");
    for leaf in leaves {
        let v = leaf.variant();
        writeln!(
            out,
            "            CommandKind::{v} => Command::{v}(args::{v}::parse(opts, env)?),"
        )
        .unwrap();
    }
    out.push_str("        })\n    }\n}\n\n");

    out.push_str("/// The typed arguments of each command: one field per option, named as the option.\npub mod args {\n    #[allow(unused_imports)]\n    use super::{CommandResult, Options, ParseEnv};\n\n");
    for leaf in leaves {
        let v = leaf.variant();
        writeln!(out, "    /// The options of `/{}`.", leaf.key()).unwrap();
        out.push_str("    #[derive(Debug, Clone, PartialEq)]\n");
        if leaf.options.is_empty() {
            writeln!(out, "    pub struct {v} {{}}\n").unwrap();
        } else {
            writeln!(out, "    pub struct {v} {{").unwrap();
            for option in &leaf.options {
                let (ty, _) = field_of(&leaf.key(), option);
                let doc = option["description"].as_str().unwrap_or_default();
                writeln!(out, "        /// {doc}").unwrap();
                writeln!(
                    out,
                    "        pub {}: {ty},",
                    field(option["name"].as_str().unwrap())
                )
                .unwrap();
            }
            out.push_str("    }\n\n");
        }
        writeln!(out, "    impl {v} {{").unwrap();
        out.push_str("        #[allow(unused_variables)]\n        pub(super) fn parse(opts: &Options, env: &ParseEnv) -> CommandResult<Self> {\n");
        writeln!(out, "            Ok({v} {{").unwrap();
        for option in &leaf.options {
            let (_, read) = field_of(&leaf.key(), option);
            writeln!(
                out,
                "                {}: {read},",
                field(option["name"].as_str().unwrap())
            )
            .unwrap();
        }
        out.push_str("            })\n        }\n    }\n\n");
    }
    out.push_str("}\n");
    out
}
