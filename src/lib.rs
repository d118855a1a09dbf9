//! partnerbot: a self-hosted chat bot for partner sales teams.
//!
//! # Layout
//! - [`config`]: settings, layered defaults -> `partnerbot.toml` -> `PARTNERBOT_*` environment.
//! - [`telemetry`]: tracing subscriber setup.
//! - [`domain`]: pure types and rules (money, dates, fiscal calendar, partners, deals, ...); no I/O.
//! - [`scheduler`]: the schedule runner that claims and posts each due run once (the schedule rules are [`domain::schedule`]).
//! - [`store`]: persistence on SQLite or PostgreSQL through one sqlx code path; one file per aggregate.
//! - [`core`]: the transport-neutral command core: `Invocation` in, `Reply` out, one transaction each.
//! - [`discord`]: the Discord door: gateway events in, embeds/buttons/modals out, command registration.
//! - [`console`]: the terminal door: REPL, one-shot `exec`, plain/colour rendering of replies.
//! - [`import`]: reading the files people bring (CRM and portal exports): encodings, delimiters,
//!   headers, locale amounts and dates, Salesforce ids; pure, no database.
//! - [`report`]: reports people read: the digest chart, a PNG drawn in-process.
//! - [`dataset`]: deterministic generators for the demo workspace and (`dev-tools`) the benchmark reference dataset.
//! - `bench` (`dev-tools` only): the `partnerbot bench` harness measuring commands through the core.
//!
//! # Features
//! - `dev-tools` (default): the reference-dataset generator, `bench`, and the `discord_bench`
//!   example. The shipped build leaves them out (`cargo build --release --no-default-features`);
//!   everything the bot and `console --demo` need is built either way.

#[cfg(feature = "dev-tools")]
pub mod bench;
pub mod config;
pub mod console;
pub mod core;
pub mod dataset;
pub mod discord;
pub mod domain;
pub mod import;
pub mod report;
pub mod scheduler;
pub mod store;
pub mod telemetry;
