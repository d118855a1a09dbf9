//! The core is door-neutral: no file under `src/core` writes Discord's markup (`<@id>` member,
//! `<@&id>` role and `<#id>` channel mentions, `<t:unix>` timestamps) outside comments. Replies
//! carry mentions and instants as `Text` spans and each door renders them.

use std::path::{Path, PathBuf};

const MARKUP: &[&str] = &["<@", "<#", "<t:"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/core is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `line` without a trailing `//` comment (a whole-line comment leaves nothing). `//` inside a
/// string literal is rare enough in the core that a plain search is enough here.
fn code_of(line: &str) -> &str {
    match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    }
}

#[test]
fn no_core_file_writes_discord_markup() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/core"), &mut files);
    files.sort();
    assert!(files.len() > 20, "src/core has its modules: {files:?}");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a readable source file");
        for (i, line) in text.lines().enumerate() {
            let code = code_of(line);
            if let Some(markup) = MARKUP.iter().find(|m| code.contains(*m)) {
                found.push(format!(
                    "{}:{}: `{markup}` in `{}`",
                    file.strip_prefix(root).unwrap_or(file).display(),
                    i + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "Discord markup in the core (use `Text` spans; the doors render them):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_markup_in_code_but_not_in_comments() {
    assert!(code_of(r#"let s = format!("<@{id}>");"#).contains("<@"));
    assert!(!code_of("/// `<@123>` is a mention").contains("<@"));
    assert!(!code_of("let x = 1; // was <#id>").contains("<#"));
}
