//! The console door: `partnerbot console` (a REPL with line editing and history) and
//! `partnerbot exec` (one command, or one per line from stdin, for scripts). You type the same
//! slash commands as in Discord, acting as a local member who holds every role unless
//! `--as NAME --role ptm` says otherwise.

pub mod markup;
pub mod parse;
pub mod progress;
pub mod render;

use crate::core::invocation::{Actor, Invocation};
use crate::core::{Core, Reply};
use crate::domain::ids::{UserId, WorkspaceId};
use crate::domain::role::Role;
use crate::store::member;
use render::Style;

/// Who the console acts as, and where.
#[derive(Debug, Clone)]
pub struct Session {
    pub workspace_id: WorkspaceId,
    pub actor: Actor,
}

/// The display name used when `--as` is not given.
pub const DEFAULT_USER: &str = "console";

impl Session {
    /// A session acting as `name` with `roles` (every role when empty). An existing member with
    /// that display name is acted as (same user id); a new name gets a stable local id.
    pub async fn new(
        core: &Core,
        workspace_id: WorkspaceId,
        name: &str,
        roles: &[Role],
    ) -> anyhow::Result<Session> {
        let roles = if roles.is_empty() {
            vec![Role::Admin, Role::Director, Role::Ptm, Role::FieldSales]
        } else {
            roles.to_vec()
        };
        let mut conn = core.store().pool().acquire().await?;
        let existing = member::find_by_name(&mut conn, workspace_id, name)
            .await
            .unwrap_or_default();
        let user_id = existing
            .first()
            .map(|m| m.user_id)
            .unwrap_or_else(|| local_user_id(name));
        Ok(Session {
            workspace_id,
            actor: Actor::local(user_id, name, &roles),
        })
    }

    /// Runs one typed line; a line that does not parse becomes an error reply.
    pub async fn run_line(&self, core: &Core, line: &str) -> Reply {
        match parse::parse_line(line) {
            Ok(parsed) => {
                let invocation = Invocation {
                    workspace_id: self.workspace_id,
                    workspace_name: "Local workspace".to_string(),
                    actor: self.actor.clone(),
                    channel_id: None,
                    interaction_id: None,
                    action: parsed.into_action(),
                };
                core.handle(&invocation).await
            }
            Err(err) => Reply::error(err.0),
        }
    }
}

/// A stable id for a console-only user: FNV-1a of the name, kept positive and below Discord's
/// snowflake range start so it never collides with a real Discord user.
pub fn local_user_id(name: &str) -> UserId {
    let mut hash: u64 = 0xcbf29ce484222325;
    for byte in crate::domain::names::name_key(name).bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x100000001b3);
    }
    UserId::new((hash % 1_000_000_000) as i64 + 1)
}

/// What a line came to, for the exit code; the worst of a run wins
/// (`Refused` > `NeedsConfirmation` > `Done`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Exit code 0.
    Done,
    /// Exit code 4: stopped to ask for confirmation, nothing saved.
    NeedsConfirmation,
    /// Exit code 1: refused (what to fix is on stderr).
    Refused,
}

impl Outcome {
    pub fn of(reply: &Reply) -> Outcome {
        if reply.is_error() {
            Outcome::Refused
        } else if reply.needs_confirmation {
            Outcome::NeedsConfirmation
        } else {
            Outcome::Done
        }
    }

    /// The process exit code: 0, 1 or 4 (2 is partnerbot itself failing to start).
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Done => 0,
            Outcome::Refused => 1,
            Outcome::NeedsConfirmation => 4,
        }
    }
}

/// Runs lines (skipping blanks and `#` comments), printing replies; returns the process exit
/// code of the worst outcome (see [`Outcome`]).
pub async fn exec_lines(core: &Core, session: &Session, lines: &[String]) -> i32 {
    let style = Style::detect();
    let mut worst = Outcome::Done;
    for line in lines {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let reply = session.run_line(core, line).await;
        let text = render::render(&reply, style);
        let outcome = Outcome::of(&reply);
        if outcome == Outcome::Refused {
            eprint!("{text}");
        } else {
            print!("{text}");
        }
        worst = worst.max(outcome);
        write_files(&reply);
        abort_if_crash_test();
    }
    worst.exit_code()
}

/// Crash-safety tests set `PARTNERBOT_TEST_ABORT_AFTER_REPLY` to kill the process right after
/// a reply is printed, with no clean shutdown, to prove the acknowledged write is on disk.
fn abort_if_crash_test() {
    if std::env::var_os("PARTNERBOT_TEST_ABORT_AFTER_REPLY").is_some() {
        use std::io::Write;
        let _ = std::io::stdout().flush();
        std::process::abort();
    }
}

/// Attachments (CSV exports, charts) are written to the working directory.
fn write_files(reply: &Reply) {
    for file in &reply.files {
        match std::fs::write(&file.filename, &file.bytes) {
            Ok(()) => println!("wrote {}", file.filename),
            Err(err) => eprintln!("could not write {}: {err}", file.filename),
        }
    }
}

/// The interactive REPL.
pub async fn repl(
    core: &Core,
    session: &Session,
    history: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    use rustyline::error::ReadlineError;
    let mut editor = rustyline::DefaultEditor::new()?;
    if let Some(path) = history {
        let _ = editor.load_history(path);
    }
    let style = Style::detect();
    println!(
        "partnerbot console: workspace {}, acting as {}. Type /help, or `exit` to leave.",
        session.workspace_id, session.actor.display_name
    );
    loop {
        match editor.readline("partnerbot> ") {
            Ok(line) => {
                let trimmed = line.trim();
                if trimmed.is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(trimmed);
                if matches!(trimmed, "exit" | "quit" | "/exit" | "/quit") {
                    break;
                }
                let reply = session.run_line(core, trimmed).await;
                print!("{}", render::render(&reply, style));
                write_files(&reply);
            }
            Err(ReadlineError::Interrupted) | Err(ReadlineError::Eof) => break,
            Err(err) => return Err(err.into()),
        }
    }
    if let Some(path) = history {
        let _ = editor.save_history(path);
    }
    Ok(())
}
