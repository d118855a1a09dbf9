//! The `partnerbot` binary as scripts use it: `exec`'s exit codes (0 done, 1 refused, 4 stopped
//! for confirmation; with several lines the worst wins: 1 > 4 > 0), and every printing
//! subcommand ending quietly when its reader closes the pipe early (`digest --dry-run | head`).

use std::io::{Read, Write};
use std::process::{Command, Stdio};

/// A fresh SQLite database in a temp dir, and the arguments that point the binary at it.
struct Cli {
    _dir: tempfile::TempDir,
    url: String,
}

impl Cli {
    fn new() -> Cli {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("cli.db").display());
        Cli { _dir: dir, url }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_partnerbot"));
        command
            .args(["--database-url", &self.url])
            .args(args)
            .env_remove("RUST_BACKTRACE")
            .env("NO_COLOR", "1");
        command
    }

    /// Runs `exec` with `lines` on stdin; returns (exit code, stdout, stderr).
    fn exec(&self, lines: &[&str]) -> (i32, String, String) {
        let mut child = self
            .command(&["exec"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(lines.join("\n").as_bytes()).unwrap();
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        (
            out.status.code().expect("exited, not killed"),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

const SETUP: &[&str] = &[
    r#"/territory add name:"AMER East""#,
    r#"/partner add name:"Globex Services" type:gsi territory:"AMER East""#,
    r#"/partner add name:"Initech Resale" type:reseller"#,
    r#"/deal register account:"Acme Corp" amount:10k close:+30d type:resale partner:"Globex Services""#,
];

const CONFLICTING: &str =
    r#"/deal register account:"Acme" amount:5k close:+30d type:resale partner:"Initech Resale""#;

fn registrations(cli: &Cli) -> usize {
    let (_, out, _) = cli.exec(&["/registration list"]);
    out.matches("Acme").count()
}

#[test]
fn exec_exits_4_when_a_registration_stops_on_a_possible_conflict_and_saves_nothing() {
    let cli = Cli::new();
    let (code, _, err) = cli.exec(SETUP);
    assert_eq!(code, 0, "setup: {err}");
    let before = registrations(&cli);
    assert!(before > 0, "the first registration is listed");

    let (code, out, _) = cli.exec(&[CONFLICTING]);
    assert_eq!(code, 4, "needs confirmation:\n{out}");
    assert!(out.contains("nothing was saved"), "{out}");
    assert_eq!(registrations(&cli), before, "nothing was saved");
}

#[test]
fn with_several_lines_the_worst_outcome_sets_the_exit_code() {
    let cli = Cli::new();
    assert_eq!(cli.exec(SETUP).0, 0);
    let refused = "/deal show id:999999";
    let fine = "/help";
    for (lines, code) in [
        (vec![fine, fine], 0),
        (vec![fine, CONFLICTING, fine], 4),
        (vec![refused, CONFLICTING], 1),
        (vec![CONFLICTING, refused, fine], 1),
    ] {
        let (got, out, err) = cli.exec(&lines);
        assert_eq!(got, code, "{lines:?}\nstdout:\n{out}\nstderr:\n{err}");
    }
}

/// Starts the binary, closes its stdout before it writes, and returns its stderr and whether it
/// ended quietly: exit 0, or killed by SIGPIPE like any Unix filter, never a panic.
fn closed_early(cli: &Cli, args: &[&str]) -> String {
    let mut child = cli
        .command(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    let quiet = status.success() || status.signal() == Some(13);
    assert!(
        quiet,
        "`partnerbot {}` with its output closed ended with {status:?}:\n{stderr}",
        args.join(" ")
    );
    stderr
}

#[test]
fn printing_subcommands_end_quietly_when_their_output_is_closed_early() {
    let cli = Cli::new();
    assert_eq!(cli.exec(SETUP).0, 0);
    let chart = cli._dir.path().join("chart.png");
    let chart = chart.to_str().unwrap();
    for args in [
        vec!["digest", "--dry-run", "--chart", chart],
        vec!["commands"],
        vec!["exec", "/help"],
    ] {
        let stderr = closed_early(&cli, &args);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "`partnerbot {}` printed:\n{stderr}",
            args.join(" ")
        );
    }
}
