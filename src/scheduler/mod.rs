//! Schedules: cron expressions and the instants they are due (`cron`, `due`); the runner
//! comes later.
//!
//! Everything here is pure: no clock, no database. Callers pass the instants (`now`, the last
//! handled due instant) and get instants back.
//!
//! # Layout
//! - [`cron`]: [`cron::CronExpr`], a five-field cron expression (Vixie semantics), how people
//!   type it, its refusals, its English reading and the next matching local time.
//! - [`due`]: [`due::Recurrence`], a cron expression in an IANA time zone: its due instants
//!   across daylight-saving changes, and [`due::due_now`], which one to run on a tick.

pub mod cron;
pub mod due;
pub mod kind;
