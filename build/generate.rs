//! Writes `commands.rs`: `CommandKind`, `Command` and one arguments struct per command, each
//! field read from the validated options as the option's type (or its [`crate::typed::TYPED`]
//! row) says.

use crate::leaves::{Leaf, BOOLEAN, CHANNEL, INTEGER, ROLE, STRING, USER};
use crate::typed::{typed_for, Typed};
use serde_json::Value;
use std::fmt::Write;

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
        (INTEGER, Some(Typed::Id(ty))) => (
            ty.to_string(),
            format!("opts.integer({name:?}).map({ty}::new)"),
            format!("{ty}::new(opts.required({name:?}, opts.integer({name:?}))?)"),
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
            "crate::domain::ids::ChannelId".to_string(),
            format!("opts.channel({name:?})"),
            format!("opts.required({name:?}, opts.channel({name:?}))?"),
        ),
        (ROLE, _) => (
            "crate::domain::ids::RoleId".to_string(),
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

pub fn generate(leaves: &[Leaf]) -> String {
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
