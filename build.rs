//! Embeds every `commands/*.json` manifest into the binary (the one declaration of the command
//! surface), so adding a file is enough to declare a command; reruns when `migrations/` changes,
//! which `sqlx::migrate!` embeds.

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
    for name in names {
        println!("cargo:rerun-if-changed=commands/{name}");
        writeln!(
            out,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/commands/{name}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("manifests.rs");
    std::fs::write(path, out).unwrap();
}
