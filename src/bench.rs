//! `partnerbot bench` (being written).

use crate::config::Config;

#[derive(Debug, clap::Args)]
pub struct BenchArgs {}

pub async fn run(_config: &Config, _args: BenchArgs) -> anyhow::Result<()> {
    anyhow::bail!("bench is not written yet")
}
