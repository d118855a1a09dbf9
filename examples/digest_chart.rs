//! Renders a sample digest chart to look at: to `digest-chart.png` in the working directory, or
//! to the path given.
//!
//! ```text
//! cargo run --example digest_chart [-- out.png]
//! ```

use partnerbot::domain::money::Currency;
use partnerbot::report::chart::{render, DigestChart, PipelineBar, WeekShare};

fn main() -> std::io::Result<()> {
    // (sourced, co-sell/influence, direct) closed won per week, in whole dollars.
    let closed: [(i64, i64, i64); 13] = [
        (120_000, 45_000, 80_000),
        (0, 30_000, 150_000),
        (210_000, 0, 40_000),
        (0, 0, 0),
        (95_000, 95_000, 95_000),
        (310_000, 60_000, 20_000),
        (15_000, 140_000, 60_000),
        (0, 0, 220_000),
        (180_000, 75_000, 0),
        (60_000, 20_000, 120_000),
        (400_000, 110_000, 90_000),
        (0, 0, 0),
        (250_000, 80_000, 170_000),
    ];
    let weeks = closed
        .iter()
        .zip(1..)
        .map(|(&(sourced, co_sell, direct), week)| WeekShare {
            label: format!("W{week:02}"),
            sourced_minor: sourced * 100,
            co_sell_minor: co_sell * 100,
            direct_minor: direct * 100,
        })
        .collect();
    let pipeline = [
        ("Commit", 1_240_000),
        ("Best Case", 2_050_000),
        ("Pipeline", 4_380_000),
        ("Upside", 615_000),
    ]
    .map(|(label, dollars)| PipelineBar {
        label: label.to_string(),
        amount_minor: dollars * 100,
    })
    .to_vec();
    let chart = DigestChart {
        // As the digest writes it (core::kpi::digest::reply).
        title: "FY27-Q1 · closed won and pipeline".to_string(),
        weeks,
        pipeline,
        currency: Currency::USD,
    };
    let path = std::env::args()
        .nth(1)
        .unwrap_or("digest-chart.png".to_string());
    let png = render(&chart);
    std::fs::write(&path, &png)?;
    println!("wrote {path} ({} bytes)", png.len());
    Ok(())
}
