//! `partnerbot bench`: generates the reference dataset when it is missing, then measures every
//! command through the real core (parsing included, as typed in the console), and sustained
//! write throughput through the core against a bare sqlx loop on the same pool.
//!
//! Nothing is cached between iterations beyond what the bot itself keeps (sqlx's prepared
//! statements); every iteration varies the record it touches.
//!
//! A developer tool: compiled only with the `dev-tools` cargo feature (on by default), like the
//! reference generator it runs on and the `discord_bench` example that shares its [`report`].
//! The shipped build (`cargo build --release --no-default-features`) leaves all three out, and
//! its `partnerbot bench` only says how to get a build that has it.

mod cases;
mod digest;
pub mod report;
mod throughput;

use crate::config::Config;
use crate::console::render::{render, Style};
use crate::console::Session;
use crate::core::clock::SystemClock;
use crate::core::Core;
use crate::dataset::reference::{self, Scale};
use crate::dataset::rng::Rng;
use crate::dataset::{thousands, Counts};
use crate::domain::ids::WorkspaceId;
use crate::domain::role::Role;
use crate::store::{redact, Backend, Store};
use cases::{Case, Samples};
use report::{ms, table, Stats};
use std::sync::Arc;
use std::time::{Duration, Instant};
use throughput::Rate;

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Dataset size: `full` (200,000 deals, 2,000,000 touches) or `small` (a hundredth).
    #[arg(long, value_enum, default_value = "full")]
    pub scale: ScaleArg,
    /// The workspace holding the reference dataset.
    #[arg(long, default_value_t = WorkspaceId::new(900))]
    pub workspace: WorkspaceId,
    /// Measured rounds; each round runs every command once.
    #[arg(long, default_value_t = 200)]
    pub iterations: usize,
    /// Length of each sustained-throughput run, in seconds.
    #[arg(long, default_value_t = 10)]
    pub throughput_seconds: u64,
    /// Delete the dataset and generate it again.
    #[arg(long)]
    pub regenerate: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScaleArg {
    Full,
    Small,
}

/// Unmeasured runs of each command before measuring (warms sqlx's statement cache).
const WARMUP: usize = 3;
const SEED: u64 = 0xBE4C_4BE4_C4BE_4C4B;

pub async fn run(config: &Config, args: BenchArgs) -> anyhow::Result<()> {
    let store = Store::open(&config.database_url, config.max_connections).await?;
    let result = bench(&store, config, &args).await;
    store.close().await;
    result
}

async fn bench(store: &Store, config: &Config, args: &BenchArgs) -> anyhow::Result<()> {
    let ws = args.workspace;
    let scale = match args.scale {
        ScaleArg::Full => Scale::FULL,
        ScaleArg::Small => Scale::SMALL,
    };
    println!("partnerbot bench");
    println!(
        "  database   {} ({})",
        redact(&config.database_url),
        backend_facts(store).await?
    );
    println!("  machine    {}", machine_facts());
    if cfg!(debug_assertions) {
        println!("  build      DEBUG: numbers are not representative; use `cargo build --release`");
    }

    if args.regenerate || !reference::exists(store, ws).await? {
        reference::clear(store, ws).await?;
        println!(
            "\nGenerating the reference dataset ({:?} scale) in workspace {ws}...",
            args.scale
        );
        let started = Instant::now();
        let now = chrono::Utc::now();
        reference::generate(store, ws, &scale, now).await?;
        println!("  generated in {:.1}s", started.elapsed().as_secs_f64());
    }
    let counts = Counts::load(&mut *store.pool().acquire().await?, ws).await?;
    println!("  dataset    workspace {ws}: {counts}");
    if counts.deals * 2 < scale.deals as u64 || counts.deals > scale.deals as u64 * 2 {
        println!("  note       the dataset is not at the requested scale; pass --regenerate to rebuild it");
    }

    let core = Core::new(store.clone(), Arc::new(SystemClock));
    let director: String = sqlx::query_scalar(
        "SELECT m.display_name FROM members m WHERE m.workspace_id = $1 AND EXISTS (SELECT 1 \
         FROM territory_members tm WHERE tm.workspace_id = m.workspace_id \
         AND tm.user_id = m.user_id AND tm.role = 'director') ORDER BY m.user_id LIMIT 1",
    )
    .bind(ws)
    .fetch_one(store.pool())
    .await?;
    // Also an admin, so `/forecast team` rolls up every territory, not the director's own.
    let roles = [Role::Admin, Role::Director, Role::Ptm];
    let session = Session::new(&core, ws, &director, &roles).await?;
    println!("  acting as  {director} (admin, director and PTM: team views cover every territory)");
    let today = chrono::Utc::now().date_naive();
    let run_tag = format!("{:x}", chrono::Utc::now().timestamp());
    let mut samples = Samples::load(store, ws, today, run_tag).await?;
    let mut rng = Rng::new(SEED ^ chrono::Utc::now().timestamp() as u64);

    println!(
        "\nLatency per command through the core ({} rounds of every command after {WARMUP} warm-up runs):\n",
        args.iterations
    );
    for case in Case::ALL {
        for i in 0..WARMUP {
            run_one(&core, &session, &case.line(&mut rng, &mut samples, i)).await?;
        }
    }
    // Rounds of every command in turn, not each command's runs in one block: a burst of load on
    // the machine (a neighbour, a checkpoint) then lands on a few runs of every command alike
    // instead of on most runs of the one command measured at that moment.
    let mut taken: Vec<Vec<Duration>> = vec![Vec::with_capacity(args.iterations); Case::ALL.len()];
    for i in 0..args.iterations {
        for (case, times) in Case::ALL.iter().zip(&mut taken) {
            let line = case.line(&mut rng, &mut samples, WARMUP + i);
            times.push(run_one(&core, &session, &line).await?);
        }
    }
    let rows: Vec<Vec<String>> = Case::ALL
        .iter()
        .zip(&taken)
        .map(|(case, times)| {
            let stats = Stats::of(times);
            vec![
                case.label().to_string(),
                stats.n.to_string(),
                ms(stats.median_ms),
                ms(stats.p99_ms),
                ms(stats.max_ms),
            ]
        })
        .collect();
    print!(
        "{}",
        table(&["command", "n", "median ms", "p99 ms", "max ms"], &rows)
    );

    digest::run(&core, store, ws, args.iterations).await?;

    let seconds = args.throughput_seconds;
    println!(
        "\nSustained writes, one at a time, {seconds}s each in alternating half-second slices:"
    );
    // Alternating short slices, so a load change on the machine hits both loops alike.
    let (mut core_rate, mut bare_rate) = (Rate::default(), Rate::default());
    for _ in 0..seconds * 2 {
        let slice = Duration::from_millis(500);
        core_rate += throughput::through_core(&core, &session, &samples, &mut rng, slice).await?;
        bare_rate +=
            throughput::bare_sqlx(store, ws, &samples, session.actor.user_id, &mut rng, slice)
                .await?;
    }
    let rows = vec![
        vec![
            "/touch log through the core".to_string(),
            thousands(core_rate.ops),
            format!("{:.0}", core_rate.per_second()),
        ],
        vec![
            "bare sqlx INSERT + COMMIT".to_string(),
            thousands(bare_rate.ops),
            format!("{:.0}", bare_rate.per_second()),
        ],
    ];
    print!("{}", table(&["loop", "ops", "ops/s"], &rows));
    println!(
        "core / bare = {:.2} (the core does lookups, the insert, an audit row and its checks in each transaction)",
        core_rate.per_second() / bare_rate.per_second().max(1e-9)
    );
    Ok(())
}

/// Runs one line and times it; an error reply stops the bench with the reply printed.
async fn run_one(core: &Core, session: &Session, line: &str) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let reply = session.run_line(core, line).await;
    let elapsed = started.elapsed();
    if reply.is_error() {
        anyhow::bail!("`{line}` failed:\n{}", render(&reply, Style::PLAIN));
    }
    Ok(elapsed)
}

/// The database version and its durability settings.
async fn backend_facts(store: &Store) -> anyhow::Result<String> {
    let pool = store.pool();
    Ok(match store.backend() {
        Backend::Sqlite => {
            let version: String = sqlx::query_scalar("SELECT sqlite_version()")
                .fetch_one(pool)
                .await?;
            let mut conn = pool.acquire().await?;
            let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(&mut *conn)
                .await?;
            let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
                .fetch_one(&mut *conn)
                .await?;
            let sync = ["OFF", "NORMAL", "FULL", "EXTRA"]
                .get(sync as usize)
                .copied()
                .unwrap_or("?");
            format!("SQLite {version}, journal_mode={journal}, synchronous={sync}")
        }
        Backend::Postgres => {
            let version: String = sqlx::query_scalar("SHOW server_version")
                .fetch_one(pool)
                .await?;
            let commit: String = sqlx::query_scalar("SHOW synchronous_commit")
                .fetch_one(pool)
                .await?;
            let fsync: String = sqlx::query_scalar("SHOW fsync").fetch_one(pool).await?;
            format!("PostgreSQL {version}, synchronous_commit={commit}, fsync={fsync}")
        }
    })
}

/// Cores, CPU model and memory (Linux reads /proc; elsewhere only the core count).
fn machine_facts() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(str::trim)
        .unwrap_or("unknown CPU");
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map(|kb| format!(", {:.1} GiB RAM", kb as f64 / 1_048_576.0))
        .unwrap_or_default();
    format!(
        "{cores} cores, {model}{memory}, {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}
