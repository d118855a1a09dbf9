//! Try the bot without a Discord account: a local fake Discord you type commands into.
//!
//! ```text
//! cargo run --example fake_discord                       # terminal 1: the fake
//! PARTNERBOT_DISCORD_REST_PROXY=http://127.0.0.1:7070 \
//!   PARTNERBOT_DISCORD_GATEWAY_URL=ws://127.0.0.1:7071 \
//!   DISCORD_TOKEN=fake partnerbot run                     # terminal 2: the bot
//! ```
//!
//! Once the bot is connected, type commands in terminal 1 as in the console (`/deal list`,
//! `/partner show partner:"Globex Services"`). Each becomes an INTERACTION_CREATE from a server
//! member (an administrator unless `--member`), and the bot's answer is printed as text.
//! `click <custom_id>` presses a button, `say <text>` mentions the bot in the channel, `quit`
//! ends. Anything the real Discord would refuse (a body breaking its API description, an answer
//! later than 3 s) is printed with `!!`.
//!
//! Flags: `--rest ADDR` (127.0.0.1:7070), `--gateway ADDR` (127.0.0.1:7071), `--user NAME`,
//! `--roles ID,ID` (Discord role ids the member holds), `--member` (no Administrator
//! permission), `--server NAME`.

#[path = "../tests/it/support/fake_discord/mod.rs"]
#[allow(dead_code)]
mod fake_discord;

use anyhow::Context as _;
use clap::Parser;
use fake_discord::fixtures::{self, CHANNEL_ID, GUILD_ID};
use fake_discord::{message_text, Answer, FakeConfig, FakeDiscord, Interaction, Recorded};
use serde_json::Value;
use std::io::Write as _;
use std::time::Duration;
use tokio::sync::mpsc;

/// How long to wait for the bot's answer before giving up on it.
const ANSWER_WAIT: Duration = Duration::from_secs(30);

#[derive(Parser)]
#[command(about = "A local fake Discord to try partnerbot against")]
struct Args {
    #[arg(long, default_value = "127.0.0.1:7070")]
    rest: String,
    #[arg(long, default_value = "127.0.0.1:7071")]
    gateway: String,
    /// The member's display name.
    #[arg(long, default_value = "dana")]
    user: String,
    /// Discord role ids the member holds (map them with `/setup role`).
    #[arg(long, value_delimiter = ',')]
    roles: Vec<u64>,
    /// Act as a plain member, without the Administrator permission.
    #[arg(long)]
    member: bool,
    /// The server's name (sent in GUILD_CREATE when the bot connects).
    #[arg(long, default_value = "Local test server")]
    server: String,
}

impl Args {
    fn user_id(&self) -> u64 {
        partnerbot::console::local_user_id(&self.user).get() as u64
    }

    /// Sets who is acting on an interaction.
    fn acting(&self, interaction: Interaction) -> Interaction {
        let interaction = interaction.member(self.user_id(), &self.user, &self.roles);
        if self.member {
            interaction
        } else {
            interaction.admin()
        }
    }
}

/// What has been printed already: requests and problems.
#[derive(Default)]
struct Seen {
    requests: usize,
    problems: usize,
    last_message: Option<Value>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let config = FakeConfig {
        rest_addr: args.rest.clone(),
        gateway_addr: args.gateway.clone(),
        guilds: vec![fixtures::guild_create(GUILD_ID, &args.server)
            .owner(args.user_id())
            .build()],
        ..FakeConfig::default()
    };
    let fake = FakeDiscord::start_with(config)
        .await
        .with_context(|| format!("cannot listen on {} and {}", args.rest, args.gateway))?;
    println!(
        "Fake Discord: REST {}, gateway {}",
        fake.rest_url(),
        fake.gateway_url()
    );
    println!("Start the bot against it in another terminal:\n");
    println!(
        "  PARTNERBOT_DISCORD_REST_PROXY={} PARTNERBOT_DISCORD_GATEWAY_URL={} DISCORD_TOKEN=fake partnerbot run\n",
        fake.rest_url(),
        fake.gateway_url()
    );
    println!("Waiting for the bot to connect...");
    while fake.identifies().is_empty() {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    fake.wait_ready(fake_discord::WAIT).await;
    println!("Connected. Type a command (`/help`), `click <custom_id>`, `say <text>`, or `quit`.");
    let mut seen = Seen::default();
    tokio::time::sleep(Duration::from_millis(500)).await; // the welcome, if any
    report(&fake, &mut seen);

    let mut lines = stdin_lines();
    while let Some(line) = prompt(&mut lines).await? {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line == "quit" || line == "exit" {
            break;
        }
        if let Some(text) = line.strip_prefix("say ") {
            let message =
                fixtures::message_create(text).author(args.user_id(), &args.user, &args.roles);
            fake.dispatch("MESSAGE_CREATE", message.build()).await;
            let after = seen.requests;
            let posted = fake
                .find(|r| r.seq >= after && is_post(r), ANSWER_WAIT)
                .await;
            if posted.is_none() {
                println!("(no answer within {ANSWER_WAIT:?})");
            }
            report(&fake, &mut seen);
            continue;
        }
        let interaction = match line.strip_prefix("click ") {
            Some(custom_id) => {
                let button = Interaction::button(custom_id.trim());
                let on = seen
                    .last_message
                    .as_ref()
                    .map(|m| fixtures::bot_message(next_id(), CHANNEL_ID, m));
                args.acting(on.map_or(button.clone(), |m| button.on_message(m)))
            }
            None => match fixtures::from_line(line) {
                Ok(interaction) => args.acting(interaction),
                Err(problem) => {
                    println!("{problem}");
                    continue;
                }
            },
        };
        interact(&fake, &args, &mut lines, interaction.build(), &mut seen).await?;
    }
    Ok(())
}

/// Lines typed on stdin, read on a thread of their own (tokio's stdin is not enabled).
fn stdin_lines() -> mpsc::UnboundedReceiver<String> {
    let (tx, rx) = mpsc::unbounded_channel();
    std::thread::spawn(move || {
        for line in std::io::stdin().lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

async fn prompt(lines: &mut mpsc::UnboundedReceiver<String>) -> anyhow::Result<Option<String>> {
    print!("> ");
    std::io::stdout().flush()?;
    Ok(lines.recv().await)
}

/// Sends an interaction, prints the answer, and fills in any modal it opens.
async fn interact(
    fake: &FakeDiscord,
    args: &Args,
    lines: &mut mpsc::UnboundedReceiver<String>,
    mut interaction: Value,
    seen: &mut Seen,
) -> anyhow::Result<()> {
    loop {
        fake.send_interaction(interaction.clone()).await;
        let Some(answer) = fake.answer(&interaction, ANSWER_WAIT).await else {
            println!("(no answer within {ANSWER_WAIT:?}; is the bot still running?)");
            return Ok(());
        };
        seen.requests = seen.requests.max(answer.callback.seq + 1);
        let Some(modal) = answer.modal() else {
            print_answer(&answer);
            seen.last_message = Some(answer.message());
            report(fake, seen);
            return Ok(());
        };
        println!(
            "{} (a form; press Enter to leave a field empty)",
            modal["title"].as_str().unwrap_or("Form")
        );
        let mut fields = Vec::new();
        for input in modal["components"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        {
            let label = input["label"].as_str().unwrap_or("value");
            print!("  {label}: ");
            std::io::stdout().flush()?;
            let value = lines.recv().await.unwrap_or_default();
            fields.push((input["custom_id"].as_str().unwrap_or("").to_string(), value));
        }
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let custom_id = modal["custom_id"].as_str().unwrap_or("");
        interaction = args.acting(Interaction::modal(custom_id, &pairs)).build();
    }
}

fn print_answer(answer: &Answer) {
    if answer.kind() == 8 {
        for (name, value) in answer.choices() {
            println!("  {name} ({value})");
        }
        return;
    }
    if answer.ephemeral() {
        println!("(only you can see this)");
    }
    println!("{}", answer.text());
    for (name, bytes) in answer.files() {
        println!("(file) {name}, {} bytes", bytes.len());
    }
}

/// Prints channel posts and follow-ups the bot made since last time, and any new problem.
fn report(fake: &FakeDiscord, seen: &mut Seen) {
    let requests = fake.requests();
    for request in requests.iter().skip(seen.requests) {
        let follow_up = request.is("POST", "/webhooks/{webhook_id}/{webhook_token}");
        if is_post(request) || follow_up {
            let place = if follow_up {
                "follow-up"
            } else {
                "posted in the channel"
            };
            let text = request.json.as_ref().map(message_text).unwrap_or_default();
            println!("[{place}]\n{text}");
            for (name, bytes) in &request.files {
                println!("(file) {name}, {} bytes", bytes.len());
            }
        }
    }
    seen.requests = requests.len();
    let mut problems = fake.schema_errors();
    problems.extend(fake.protocol_errors());
    problems.extend(
        fake.unknown_routes()
            .iter()
            .map(|r| format!("unknown route {} {}", r.method, r.path)),
    );
    for problem in problems.iter().skip(seen.problems) {
        println!("!! Discord would refuse this: {problem}");
    }
    seen.problems = problems.len();
}

fn is_post(request: &Recorded) -> bool {
    request.is("POST", "/channels/{channel_id}/messages")
}

/// A console line as a slash command, its options typed by the command's manifest.
fn next_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(fixtures::GENERATED_ID_BASE + 800_000_000);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
