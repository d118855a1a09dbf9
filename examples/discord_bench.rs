//! Measures the Discord door end to end: the release `partnerbot run` binary, connected to a
//! local fake Discord, answering slash commands on the reference dataset.
//!
//! ```text
//! cargo build --release                              # the bot under test
//! partnerbot --database-url sqlite:///tmp/pbbench.db bench   # once: the reference dataset
//! cargo run --release --example discord_bench -- --database-url sqlite:///tmp/pbbench.db \
//!     [--iterations 300] [--warmup 5] [--workspace 900] [--bot target/release/partnerbot]
//! ```
//!
//! The fake Discord starts on free ports; the bot runs as a child process pointed at it
//! (`PARTNERBOT_DISCORD_REST_PROXY`, `PARTNERBOT_DISCORD_GATEWAY_URL`, `DISCORD_TOKEN=bench`) and
//! at the given database. Once READY, each round sends, one at a time, from an administrator of
//! the reference workspace's server (guild id = workspace id): `/partner show` and `/deal show`
//! (reads, over varied partners and deals) and `/touch log` (a write; each run adds its touches
//! to the dataset). The latency of one command is the time from just before the fake's
//! `send_interaction` (the INTERACTION_CREATE frame) to the fake recording the interaction
//! callback; what the fake itself spends on that path (checking the event with serenity's
//! types, checking the callback body against Discord's OpenAPI description) is measured and
//! printed alongside. Every answer must not be an error (an embed in the error colour).
//! At the end: the bot's peak resident memory (`VmHWM`) and current `VmRSS` from
//! `/proc/<pid>/status`; then the bot is stopped with SIGTERM.
//!
//! No GUILD_CREATE is sent: the core loads the workspace from the interaction's guild id.
//! The bot's log goes to `$TMPDIR/partnerbot-discord-bench.log`.
//! Exits 0 when every answer was fine, 1 when some were errors or missing, 2 when it could
//! not run (no dataset, no bot binary, the bot did not connect).

#[path = "../tests/it/support/fake_discord/mod.rs"]
#[allow(dead_code, unused_imports)]
mod fake_discord;

use anyhow::Context as _;
use clap::Parser;
use fake_discord::{Answer, FakeConfig, FakeDiscord, Interaction};
use partnerbot::bench::report::{ms, table, Stats};
use partnerbot::dataset::rng::Rng;
use partnerbot::store::{redact, Store};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// The colour of error embeds (`Tone::Error`).
const ERROR_COLOUR: u64 = 0xEF4444;
/// How long to wait for one answer before counting it missing.
const ANSWER_WAIT: Duration = Duration::from_secs(10);
/// How long the bot may take to start and connect.
const CONNECT_WAIT: Duration = Duration::from_secs(60);
/// How long the bot may take to stop after SIGTERM.
const STOP_WAIT: Duration = Duration::from_secs(20);
/// Issue 3's target for the p99 on SQLite.
const TARGET_P99_MS: f64 = 25.0;
/// The member acting: an administrator (so every command is allowed) of the server.
const BENCH_USER_ID: u64 = 1_100_000_000_000_000_901;
const BENCH_USER_NAME: &str = "discord-bench";
const SEED: u64 = 0xD15C_0BE4_C4D1_5C0B;

#[derive(Parser)]
#[command(about = "Measure partnerbot's Discord door end to end against a fake Discord")]
struct Args {
    /// The database holding the reference dataset (`partnerbot bench` creates it).
    #[arg(long)]
    database_url: String,
    /// Measured rounds; each round runs every command once.
    #[arg(long, default_value_t = 300)]
    iterations: usize,
    /// Unmeasured rounds first (connections, statement caches).
    #[arg(long, default_value_t = 5)]
    warmup: usize,
    /// The workspace holding the reference dataset; the interactions come from the server with
    /// this id.
    #[arg(long, default_value_t = 900)]
    workspace: u64,
    /// The bot binary (default: `partnerbot` beside this example's directory, i.e. the
    /// release build when run with `--release`).
    #[arg(long)]
    bot: Option<PathBuf>,
}

/// The commands measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    PartnerShow,
    DealShow,
    TouchLog,
}

impl Case {
    const ALL: [Case; 3] = [Case::PartnerShow, Case::DealShow, Case::TouchLog];

    fn label(self) -> &'static str {
        match self {
            Case::PartnerShow => "/partner show partner:… (read)",
            Case::DealShow => "/deal show deal:… (read)",
            Case::TouchLog => "/touch log type:call (write)",
        }
    }

    fn interaction(self, samples: &Samples, rng: &mut Rng) -> Interaction {
        match self {
            Case::PartnerShow => Interaction::command("partner", &["show"])
                .string("partner", rng.pick::<String>(&samples.partners)),
            Case::DealShow => Interaction::command("deal", &["show"])
                .string("deal", &rng.pick(&samples.deals).to_string()),
            Case::TouchLog => Interaction::command("touch", &["log"])
                .string("partner", rng.pick::<String>(&samples.partners))
                .string("type", "call")
                .string("notes", "bench"),
        }
    }
}

/// Records to vary the commands over.
struct Samples {
    partners: Vec<String>,
    deals: Vec<i64>,
}

/// One command's measurements.
#[derive(Default)]
struct Measured {
    /// INTERACTION_CREATE to callback.
    latencies: Vec<Duration>,
    /// Of which: `send_interaction` until the frame was queued (the fake's own checks).
    send_costs: Vec<Duration>,
    deferred: usize,
    failures: usize,
}

/// The bot as a child process; killed if still running when dropped (an early error).
struct Bot {
    child: Child,
}

impl Drop for Bot {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match bench(&args).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("discord_bench: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs the bench; `Ok(false)` when some answers were errors or missing.
async fn bench(args: &Args) -> anyhow::Result<bool> {
    let bot_path = bot_path(args.bot.as_deref())?;
    let ws = args.workspace;
    println!("partnerbot Discord door bench");
    println!("  database   {}", redact(&args.database_url));
    println!("  bot        {}", bot_path.display());
    if cfg!(debug_assertions) || bot_path.components().any(|c| c.as_os_str() == "debug") {
        println!("  build      DEBUG: numbers are not representative; use --release builds");
    }
    let samples = load_samples(&args.database_url, ws).await?;
    println!(
        "  dataset    workspace {ws}: {} partners, {} deals",
        samples.partners.len(),
        samples.deals.len()
    );

    let fake = FakeDiscord::start_with(FakeConfig::default())
        .await
        .context("cannot start the fake Discord")?;
    let log_path = std::env::temp_dir().join("partnerbot-discord-bench.log");
    let mut bot = spawn_bot(&bot_path, &fake, &args.database_url, &log_path)?;
    let pid = bot.child.id();
    println!("  bot log    {} (pid {pid})", log_path.display());
    let connect_started = Instant::now();
    wait_connected(&fake, &mut bot, &log_path).await?;
    println!(
        "  connected  in {:.2}s; RSS {} after connecting",
        connect_started.elapsed().as_secs_f64(),
        mib(memory(pid, "VmRSS"))
    );

    let mut rng = Rng::new(SEED ^ chrono::Utc::now().timestamp() as u64);
    let mut measured: Vec<Measured> = Case::ALL.iter().map(|_| Measured::default()).collect();
    let mut problems: Vec<String> = Vec::new();
    println!(
        "\n{} rounds of {} commands after {} warm-up rounds, one at a time...",
        args.iterations,
        Case::ALL.len(),
        args.warmup
    );
    let run_started = Instant::now();
    for round in 0..args.warmup + args.iterations {
        let counted = round >= args.warmup;
        for (case, out) in Case::ALL.iter().zip(measured.iter_mut()) {
            let interaction = case
                .interaction(&samples, &mut rng)
                .guild(ws)
                .member(BENCH_USER_ID, BENCH_USER_NAME, &[])
                .admin()
                .build();
            let sent = interaction.clone();
            let started = Instant::now();
            fake.send_interaction(sent).await;
            let queued = Instant::now();
            let answer = fake.answer(&interaction, ANSWER_WAIT).await;
            let problem = match &answer {
                None => Some(format!("no answer within {ANSWER_WAIT:?}")),
                Some(answer) => answer_problem(answer),
            };
            if let Some(problem) = problem {
                if problems.len() < 10 {
                    let options = &interaction["data"]["options"];
                    problems.push(format!("{} {options}: {problem}", case.label()));
                }
                if counted {
                    out.failures += 1;
                }
                if let Some(status) = bot.child.try_wait()? {
                    anyhow::bail!(
                        "the bot exited ({status}) during the run; see {}",
                        log_path.display()
                    );
                }
            }
            let Some(answer) = answer else { continue };
            if counted {
                out.latencies
                    .push(answer.callback.at.saturating_duration_since(started));
                out.send_costs.push(queued - started);
                if answer.deferred() {
                    out.deferred += 1;
                }
            }
        }
    }
    let run_time = run_started.elapsed();
    let peak = memory(pid, "VmHWM");
    let rss = memory(pid, "VmRSS");

    println!(
        "done in {:.1}s\n\nINTERACTION_CREATE sent -> interaction callback received:\n",
        run_time.as_secs_f64()
    );
    let mut rows = Vec::new();
    let mut all = Vec::new();
    for (case, out) in Case::ALL.iter().zip(&measured) {
        let stats = Stats::of(&out.latencies);
        all.extend_from_slice(&out.latencies);
        rows.push(vec![
            case.label().to_string(),
            stats.n.to_string(),
            ms(stats.median_ms),
            ms(stats.p99_ms),
            ms(stats.max_ms),
            out.failures.to_string(),
            out.deferred.to_string(),
        ]);
    }
    let stats = Stats::of(&all);
    rows.push(vec![
        "all commands".to_string(),
        stats.n.to_string(),
        ms(stats.median_ms),
        ms(stats.p99_ms),
        ms(stats.max_ms),
        measured
            .iter()
            .map(|m| m.failures)
            .sum::<usize>()
            .to_string(),
        measured
            .iter()
            .map(|m| m.deferred)
            .sum::<usize>()
            .to_string(),
    ]);
    print!(
        "{}",
        table(
            &[
                "command",
                "n",
                "median ms",
                "p99 ms",
                "max ms",
                "errors",
                "deferred"
            ],
            &rows
        )
    );
    let worst_p99 = measured
        .iter()
        .map(|m| Stats::of(&m.latencies).p99_ms)
        .fold(0.0, f64::max);
    println!(
        "\ntarget p99 < {TARGET_P99_MS} ms for every command: {} (worst p99 {} ms)",
        if worst_p99 < TARGET_P99_MS {
            "met"
        } else {
            "NOT met"
        },
        ms(worst_p99)
    );
    let sends: Vec<Duration> = measured.iter().flat_map(|m| m.send_costs.clone()).collect();
    let checks = schema_check_costs(&fake);
    println!(
        "included above, the fake's own work per command: median {} ms building and checking the \
         event before queueing it, median {} ms checking the callback body against Discord's \
         OpenAPI description",
        ms(Stats::of(&sends).median_ms),
        checks.map_or_else(|| "n/a".to_string(), |c| ms(Stats::of(&c).median_ms))
    );
    println!(
        "\nbot memory: peak RSS (VmHWM) {}, RSS now (VmRSS) {}",
        mib(peak),
        mib(rss)
    );

    let failures: usize = measured.iter().map(|m| m.failures).sum();
    if !problems.is_empty() {
        println!("\n{failures} answer(s) were errors or missing; the first ones:");
        for problem in &problems {
            println!("  {problem}");
        }
    }
    let mut discord_problems = fake.schema_errors();
    discord_problems.extend(fake.protocol_errors());
    discord_problems.extend(
        fake.unknown_routes()
            .iter()
            .map(|r| format!("unknown route {} {}", r.method, r.path)),
    );
    if !discord_problems.is_empty() {
        println!(
            "\n!! {} request(s) Discord would refuse; the first ones:",
            discord_problems.len()
        );
        for problem in discord_problems.iter().take(10) {
            println!("  {problem}");
        }
    }

    stop(&mut bot).await?;
    Ok(failures == 0 && discord_problems.is_empty())
}

/// The bot binary: `--bot`, else `partnerbot` in the directory above this example's.
fn bot_path(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    let path = match given {
        Some(path) => path.to_path_buf(),
        None => {
            let exe = std::env::current_exe().context("cannot find this example's path")?;
            let profile_dir = exe
                .parent()
                .and_then(Path::parent)
                .context("cannot find the target directory")?;
            profile_dir.join(format!("partnerbot{}", std::env::consts::EXE_SUFFIX))
        }
    };
    if !path.is_file() {
        anyhow::bail!(
            "no bot binary at {}: run `cargo build --release` first, or pass --bot",
            path.display()
        );
    }
    Ok(path)
}

/// Partner names and deal ids of the reference workspace; an error saying how to create the
/// dataset when there is none.
async fn load_samples(url: &str, ws: u64) -> anyhow::Result<Samples> {
    let how = format!(
        "create it with `cargo run --release -- --database-url {url} bench --workspace {ws}` \
         (or `--scale small` for a quick one), then run this again"
    );
    if let Some(file) = sqlite_file(url) {
        if !Path::new(&file).exists() {
            anyhow::bail!("{file} does not exist, so there is no reference dataset; {how}");
        }
    }
    let store = Store::connect(url, 1).await?;
    let ws = i64::try_from(ws).context("the workspace id is too large")?;
    let partners: Result<Vec<String>, _> =
        sqlx::query_scalar("SELECT name FROM partners WHERE workspace_id = $1 ORDER BY id")
            .bind(ws)
            .fetch_all(store.pool())
            .await;
    let deals: Result<Vec<i64>, _> =
        sqlx::query_scalar("SELECT id FROM deals WHERE workspace_id = $1 ORDER BY id")
            .bind(ws)
            .fetch_all(store.pool())
            .await;
    store.close().await;
    let (partners, deals) = match (partners, deals) {
        (Ok(p), Ok(d)) => (p, d),
        (Err(err), _) | (_, Err(err)) => {
            anyhow::bail!("cannot read the reference dataset ({err}); {how}")
        }
    };
    if partners.is_empty() || deals.is_empty() {
        anyhow::bail!(
            "workspace {ws} has {} partners and {} deals: no reference dataset; {how}",
            partners.len(),
            deals.len()
        );
    }
    Ok(Samples { partners, deals })
}

/// The file of a `sqlite:` URL (`sqlite:///tmp/x.db`, `sqlite://x.db`, `sqlite:x.db`), unless
/// it is in memory.
fn sqlite_file(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let file = rest.split('?').next().unwrap_or(rest);
    (!file.is_empty() && file != ":memory:").then(|| file.to_string())
}

/// Starts `partnerbot run` against the fake, its output going to `log_path`.
fn spawn_bot(
    bot: &Path,
    fake: &FakeDiscord,
    database_url: &str,
    log_path: &Path,
) -> anyhow::Result<Bot> {
    let log = std::fs::File::create(log_path)
        .with_context(|| format!("cannot create {}", log_path.display()))?;
    let mut command = Command::new(bot);
    command.arg("run");
    for inherited in [
        "PARTNERBOT_DISCORD_TOKEN",
        "PARTNERBOT_DISCORD_APPLICATION_ID",
        "PARTNERBOT_DISCORD_SHARD_COUNT",
        "PARTNERBOT_DISCORD_SHARDS",
        "PARTNERBOT_DISCORD_DEFER_AFTER_MS",
        "DATABASE_URL",
    ] {
        command.env_remove(inherited);
    }
    let child = command
        .env("DISCORD_TOKEN", "bench")
        .env("PARTNERBOT_DISCORD_REST_PROXY", fake.rest_url())
        .env("PARTNERBOT_DISCORD_GATEWAY_URL", fake.gateway_url())
        .env("PARTNERBOT_DATABASE_URL", database_url)
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .with_context(|| format!("cannot start {}", bot.display()))?;
    Ok(Bot { child })
}

/// Waits for the bot's gateway session to be READY; fails when the bot exits first.
async fn wait_connected(fake: &FakeDiscord, bot: &mut Bot, log_path: &Path) -> anyhow::Result<()> {
    let deadline = Instant::now() + CONNECT_WAIT;
    while fake.identifies().is_empty() {
        if let Some(status) = bot.child.try_wait()? {
            let log = std::fs::read_to_string(log_path).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(10).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            anyhow::bail!(
                "the bot exited ({status}) before connecting:\n{}",
                tail.join("\n")
            );
        }
        if Instant::now() > deadline {
            anyhow::bail!(
                "the bot did not connect within {CONNECT_WAIT:?}; see {}",
                log_path.display()
            );
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    fake.wait_ready(fake_discord::WAIT).await;
    Ok(())
}

/// SIGTERM, then waits for the bot to finish; kills it when it does not within `STOP_WAIT`.
async fn stop(bot: &mut Bot) -> anyhow::Result<()> {
    let pid = bot.child.id().to_string();
    let sent = Command::new("kill").args(["-TERM", &pid]).status()?;
    if !sent.success() {
        println!("\n`kill -TERM {pid}` failed; killing the bot");
        bot.child.kill()?;
    }
    let deadline = Instant::now() + STOP_WAIT;
    loop {
        if let Some(status) = bot.child.try_wait()? {
            println!("\nbot stopped on SIGTERM ({status})");
            return Ok(());
        }
        if Instant::now() > deadline {
            println!("\nthe bot did not stop within {STOP_WAIT:?} of SIGTERM; killing it");
            bot.child.kill()?;
            bot.child.wait()?;
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Why an answer does not count as a success: a refused callback or an error embed.
fn answer_problem(answer: &Answer) -> Option<String> {
    let status = answer.callback.status;
    if !(200..300).contains(&status) {
        return Some(format!("the fake answered the callback with {status}"));
    }
    if let Some(edit) = &answer.edit {
        if !(200..300).contains(&edit.status) {
            return Some(format!("the fake answered the edit with {}", edit.status));
        }
    }
    let is_error = answer
        .embeds()
        .iter()
        .any(|e| e["color"].as_u64() == Some(ERROR_COLOUR));
    is_error.then(|| answer.text().replace('\n', " / "))
}

/// How long the fake's OpenAPI check takes on each callback body it received.
fn schema_check_costs(fake: &FakeDiscord) -> Option<Vec<Duration>> {
    let spec = fake_discord::openapi::spec();
    let costs = fake
        .requests()
        .iter()
        .filter(|r| r.interaction_id().is_some())
        .filter_map(|r| {
            let body: &Value = r.json.as_ref()?;
            let started = Instant::now();
            let errors = spec.validate_request(&r.method, &r.path, body);
            let cost = started.elapsed();
            drop(errors);
            Some(cost)
        })
        .collect();
    Some(costs)
}

/// A `VmHWM`/`VmRSS` line of `/proc/<pid>/status`, in KiB.
fn memory(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|line| {
        let value = line.strip_prefix(field)?.strip_prefix(':')?;
        value.split_whitespace().next()?.parse().ok()
    })
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(
        || "unknown".to_string(),
        |k| format!("{:.1} MiB", k as f64 / 1024.0),
    )
}
