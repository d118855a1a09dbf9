//! Reads every `commands/*.json` manifest (the one declaration of the command surface) and
//! generates two files into `OUT_DIR`:
//! - `manifests.rs`: the manifests' text, embedded so the binary registers them with Discord;
//! - `commands.rs`: one `Command` variant per runnable command with a typed arguments struct
//!   (one field per option, named as the option), so a handler that reads a misspelled or
//!   removed option does not compile. The option types come from Discord's option types; the
//!   `TYPED` table in `build/typed.rs` gives the domain type of options whose text means more
//!   (money, dates, fixed choices).
//!
//! Reruns when `commands/` or `migrations/` (embedded by `sqlx::migrate!`) change. The
//! generator lives in `build/`: `leaves.rs` reads the manifests, `typed.rs` holds `TYPED`,
//! `generate.rs` writes the Rust.

#[path = "build/generate.rs"]
mod generate;
#[path = "build/leaves.rs"]
mod leaves;
#[path = "build/typed.rs"]
mod typed;

use serde_json::Value;
use std::fmt::Write;

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
            leaves::collect(top, &[], &mut leaves);
        }
    }
    out.push_str("];\n");
    let dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(dir.join("manifests.rs"), out).unwrap();
    typed::check(&leaves);
    std::fs::write(dir.join("commands.rs"), generate::generate(&leaves)).unwrap();
}
