//! The `partnerbot` command line: configuration and telemetry, then one subcommand.

use clap::{Parser, Subcommand};
use partnerbot::config::Config;
use partnerbot::console::{self, Session};
use partnerbot::core::clock::SystemClock;
use partnerbot::core::Core;
use partnerbot::discord::{self, DiscordSettings};
use partnerbot::domain::ids::WorkspaceId;
use partnerbot::domain::role::Role;
use partnerbot::domain::Choice;
use partnerbot::scheduler::runner::RunnerSettings;
use partnerbot::store::Store;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "partnerbot",
    version,
    about = "A chat bot for partner sales teams"
)]
struct Cli {
    /// Configuration file (default: ./partnerbot.toml when present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Database URL; overrides the file and PARTNERBOT_DATABASE_URL/DATABASE_URL.
    #[arg(long, global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Acting {
    /// Act as this member (display name); default: a local member holding every role.
    #[arg(long = "as", value_name = "NAME")]
    as_name: Option<String>,
    /// A role to hold (repeatable): admin, director, ptm, field_sales. Default: all of them.
    #[arg(long = "role", value_name = "ROLE")]
    roles: Vec<String>,
    /// The workspace to act in (default from config: 1).
    #[arg(long)]
    workspace: Option<WorkspaceId>,
}

#[derive(Subcommand)]
enum Command {
    /// Interactive console: type the same slash commands as in Discord.
    Console {
        /// Fill an empty workspace with a realistic demo (territories, partners, deals, ...).
        #[arg(long)]
        demo: bool,
        #[command(flatten)]
        acting: Acting,
    },
    /// Run one command (or, with no command or `-`, one per line from stdin); exits 1 on refusal.
    Exec {
        command: Option<String>,
        #[command(flatten)]
        acting: Acting,
    },
    /// Apply the database migrations and exit.
    Migrate,
    /// Print the command reference in Markdown (docs/commands.md).
    Commands,
    /// Generate the reference dataset and measure every command through the core.
    #[cfg(feature = "dev-tools")]
    Bench(partnerbot::bench::BenchArgs),
    /// Not in this build: says how to get a build with `bench` (hidden from the help).
    #[cfg(not(feature = "dev-tools"))]
    #[command(hide = true, disable_help_flag = true)]
    Bench {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
        _args: Vec<String>,
    },
    /// Connect to Discord (DISCORD_TOKEN) and answer commands until SIGINT/SIGTERM.
    /// Exits 2 without a token, 3 when Discord rejects it.
    Run,
    /// The weekly KPI digest of a workspace as it would be posted now. `--dry-run` prints its
    /// text and writes the chart to a file, posting nothing (posts come from schedules).
    Digest {
        /// Print instead of posting (required: posting is the scheduler's job).
        #[arg(long)]
        dry_run: bool,
        /// The workspace (default from config: 1).
        #[arg(long)]
        workspace: Option<WorkspaceId>,
        /// Where to write the chart.
        #[arg(long, default_value = "digest-chart.png")]
        chart: PathBuf,
    },
    /// Register the slash commands in commands/*.json with Discord (a bulk overwrite) and print
    /// what changed.
    RegisterCommands {
        /// Register in this server only (takes effect at once; for trying things out).
        #[arg(long, value_name = "ID")]
        guild: Option<u64>,
        /// Only check the manifests against Discord's limits, offline; exits 1 listing each
        /// problem.
        #[arg(long)]
        check: bool,
    },
}

/// What `bench` says in a build without the `dev-tools` feature (the shipped build).
#[cfg(not(feature = "dev-tools"))]
const NO_DEV_TOOLS: &str = "`bench` is a developer tool and this partnerbot was built without \
    dev-tools (`--no-default-features`); rebuild with `cargo build --release --features dev-tools` \
    (or without `--no-default-features`) to run it";

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Run) {
        end_quietly_when_output_closes();
    }
    let mut config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("partnerbot: {err:#}");
            return ExitCode::from(2);
        }
    };
    if let Some(url) = &cli.database_url {
        config.database_url = url.clone();
    }
    partnerbot::telemetry::init(&config.log);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("partnerbot: cannot start the runtime: {err}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli.command, config)) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("partnerbot: {err:#}");
            if err.downcast_ref::<discord::TokenRejected>().is_some() {
                ExitCode::from(3)
            } else {
                ExitCode::from(2)
            }
        }
    }
}

async fn run(command: Command, config: Config) -> anyhow::Result<u8> {
    match command {
        #[cfg(feature = "dev-tools")]
        Command::Bench(args) => return partnerbot::bench::run(&config, args).await.map(|()| 0),
        #[cfg(not(feature = "dev-tools"))]
        Command::Bench { .. } => {
            eprintln!("partnerbot: {NO_DEV_TOOLS}");
            return Ok(2);
        }
        Command::Commands => {
            print!("{}", partnerbot::core::help::markdown_reference());
            return Ok(0);
        }
        Command::RegisterCommands { guild, check } => {
            return register_commands(&config, guild, check).await;
        }
        Command::Migrate => {
            let store = Store::connect(&config.database_url, config.max_connections).await?;
            let applied = store.migrate().await?;
            println!(
                "applied {applied} migration(s); {} is up to date",
                partnerbot::store::redact(&config.database_url)
            );
            store.close().await;
            return Ok(0);
        }
        _ => {}
    }
    let discord_settings = match command {
        Command::Run => Some(DiscordSettings::from_config(&config.discord)?),
        _ => None,
    };
    let store = Store::open(&config.database_url, config.max_connections).await?;
    let core = Core::new(store.clone(), Arc::new(SystemClock));
    let code = match command {
        Command::Run => {
            let settings = discord_settings.expect("read above");
            let scheduler = RunnerSettings::from_config(&config.scheduler);
            let result = discord::run(core, settings, scheduler, discord::shutdown::signal()).await;
            store.close().await;
            result?;
            tracing::info!("stopped; the database is closed");
            return Ok(0);
        }
        Command::Console { demo, acting } => {
            let session = session(&core, &config, &acting).await?;
            if demo {
                partnerbot::dataset::demo::fill_if_empty(&core, session.workspace_id).await?;
            }
            console::repl(&core, &session, config.console.history_file.as_deref()).await?;
            0
        }
        Command::Exec { command, acting } => {
            let session = session(&core, &config, &acting).await?;
            let lines: Vec<String> = match command.as_deref() {
                Some("-") | None => std::io::stdin().lock().lines().collect::<Result<_, _>>()?,
                Some(line) => vec![line.to_string()],
            };
            console::exec_lines(&core, &session, &lines).await as u8
        }
        Command::Digest {
            dry_run,
            workspace,
            chart,
        } => {
            let ws = workspace.unwrap_or(config.console.workspace_id);
            digest(&core, ws, dry_run, &chart).await?
        }
        Command::Bench { .. }
        | Command::Commands
        | Command::Migrate
        | Command::RegisterCommands { .. } => unreachable!("handled above"),
    };
    store.close().await;
    Ok(code)
}

/// Printing subcommands end like any Unix filter when their reader goes away
/// (`partnerbot digest --dry-run | head -5`): with SIGPIPE's default action the process ends
/// quietly. Rust starts programs with SIGPIPE ignored, which turns a closed pipe into a panic
/// in `println!`. `run` keeps it ignored: it writes to network sockets, where a closed peer is
/// an error to handle, not a reason to stop.
fn end_quietly_when_output_closes() {
    #[cfg(unix)]
    // SAFETY: restores a signal's default action at start, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// `digest --dry-run`: the digest's text on stdout and its chart in `chart`.
async fn digest(
    core: &Core,
    workspace: WorkspaceId,
    dry_run: bool,
    chart: &std::path::Path,
) -> anyhow::Result<u8> {
    if !dry_run {
        eprintln!("partnerbot: digests are posted by schedules (`/schedule`); add --dry-run to see one now");
        return Ok(2);
    }
    let Some(digest) = core.digest(workspace).await? else {
        eprintln!("partnerbot: there is no workspace {workspace}");
        return Ok(1);
    };
    let reply = partnerbot::core::kpi::digest::reply(&digest);
    let style = console::render::Style::detect();
    println!("{}", console::render::render(&reply, style));
    for file in &reply.files {
        std::fs::write(chart, &file.bytes)?;
        println!("chart written to {}", chart.display());
    }
    Ok(0)
}

/// `register-commands`: the offline check, or a bulk overwrite with its report.
async fn register_commands(config: &Config, guild: Option<u64>, check: bool) -> anyhow::Result<u8> {
    if check {
        let problems = discord::register::check();
        if problems.is_empty() {
            let n = partnerbot::core::manifest::manifests().len();
            println!("{n} command manifests are within Discord's limits");
            return Ok(0);
        }
        for problem in &problems {
            eprintln!("{problem}");
        }
        eprintln!("{} problem(s) found", problems.len());
        return Ok(1);
    }
    let settings = DiscordSettings::from_config(&config.discord)?;
    let changes = discord::register::register(&settings, guild).await?;
    print!("{}", discord::register::report(&changes, guild));
    Ok(0)
}

async fn session(core: &Core, config: &Config, acting: &Acting) -> anyhow::Result<Session> {
    let roles = acting
        .roles
        .iter()
        .map(|r| Role::parse(r).map_err(|e| anyhow::anyhow!("--role: {e}")))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let name = acting.as_name.as_deref().unwrap_or(console::DEFAULT_USER);
    let workspace = acting.workspace.unwrap_or(config.console.workspace_id);
    Session::new(core, workspace, name, &roles).await
}
