//! Schedules: cron expressions and the instants they are due (`cron`, `due`), what each kind
//! posts ([`crate::domain::schedule`]), and the runner that posts them (`runner`).
//!
//! `cron` and `due` are pure: no clock, no database. Callers pass the instants (`now`,
//! the last handled due instant) and get instants back. The runner brings the clock (the
//! core's), the ledger (`store::job_run`) and a poster (Discord's in `discord::scheduled`).
//!
//! # Layout
//! - [`cron`]: [`cron::CronExpr`], a five-field cron expression (Vixie semantics), how people
//!   type it, its refusals, its English reading and the next matching local time.
//! - [`due`]: [`due::Recurrence`], a cron expression in an IANA time zone: its due instants
//!   across daylight-saving changes, and [`due::due_now`], which one to run on a tick.
//! - [`runner`]: [`runner::Runner`], claiming each due run once in the ledger, posting it with
//!   retries, recovering runs a dead runner left claimed.

pub mod cron;
pub mod due;
pub mod runner;
