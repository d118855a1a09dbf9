//! The schedule runner: claims each due run of a schedule once and posts it (`runner`).
//!
//! The rules it runs by are pure and live below it: cron expressions and their due instants
//! in a time zone in [`crate::domain::schedule`] (`cron`, `due`), the run ledger and what the
//! runner shares with `/schedule` (a schedule's recurrence, a run's nonce, skipping a run) in
//! [`crate::store::job_run`] and [`crate::store::ledger`]. The runner brings the clock (the
//! core's) and a poster (Discord's in `discord::scheduled`).
//!
//! # Layout
//! - [`runner`]: [`runner::Runner`], claiming each due run once in the ledger, posting it with
//!   retries, recovering runs a dead runner left claimed.

pub mod runner;
