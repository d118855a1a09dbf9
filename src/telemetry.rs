//! Tracing setup: one subscriber for the whole process, filtered by `PARTNERBOT_LOG` / `RUST_LOG`.

use tracing_subscriber::EnvFilter;

/// Installs a stderr subscriber. `default_filter` applies when no filter is set in the environment.
/// Safe to call more than once (later calls are ignored), which tests rely on.
pub fn init(default_filter: &str) {
    let filter = std::env::var("PARTNERBOT_LOG")
        .ok()
        .or_else(|| std::env::var("RUST_LOG").ok())
        .unwrap_or_else(|| default_filter.to_string());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}
