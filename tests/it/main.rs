//! Integration tests: one binary (fast to link), one module per area. Every storage-touching test
//! runs on SQLite (a real file in a temp dir) and on PostgreSQL (a fresh database per test, when
//! `PARTNERBOT_TEST_POSTGRES_URL` is set; otherwise it says so loudly and skips).

mod support;

mod account;
mod bad_input;
mod buttons;
mod cli;
mod command_hints;
mod compliance;
mod core;
mod dataset;
mod deal;
mod deal_influence;
mod digest;
mod discord;
mod fake_discord;
mod forecast;
mod imports;
mod isolation;
mod kpi;
mod kpi_history;
mod manifests;
mod migrations;
mod partner;
mod permissions;
mod program;
mod questions;
mod readme;
mod registration;
mod schedule;
mod scheduler;
mod setup;
mod territory;
mod touch;
