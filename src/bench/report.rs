//! Latency statistics and the aligned tables the bench prints.

use std::time::Duration;

/// Median, 99th percentile and maximum of one command's latencies.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub n: usize,
    pub median_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

impl Stats {
    pub fn of(samples: &[Duration]) -> Stats {
        let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1_000.0).collect();
        ms.sort_by(f64::total_cmp);
        let n = ms.len();
        if n == 0 {
            return Stats {
                n,
                median_ms: 0.0,
                p99_ms: 0.0,
                max_ms: 0.0,
            };
        }
        let median = if n % 2 == 1 {
            ms[n / 2]
        } else {
            (ms[n / 2 - 1] + ms[n / 2]) / 2.0
        };
        Stats {
            n,
            median_ms: median,
            p99_ms: nearest_rank(&ms, 99),
            max_ms: ms[n - 1],
        }
    }
}

/// The nearest-rank percentile of sorted values: the smallest value with at least `percent`% of
/// the values at or below it.
fn nearest_rank(sorted: &[f64], percent: usize) -> f64 {
    let rank = (percent * sorted.len()).div_ceil(100).max(1);
    sorted[rank - 1]
}

/// A plain-text table: the first column left-aligned, the others right-aligned.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, w))| {
                if i == 0 {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    let mut out = line(headers.to_vec());
    out.push('\n');
    out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1)));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
        out.push('\n');
    }
    out
}

/// Milliseconds with a precision that suits their size.
pub fn ms(value: f64) -> String {
    if value < 10.0 {
        format!("{value:.2}")
    } else if value < 100.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(values: &[u64]) -> Vec<Duration> {
        values.iter().map(|v| Duration::from_millis(*v)).collect()
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        let stats = Stats::of(&millis(&[4, 1, 3, 2]));
        assert_eq!(stats.median_ms, 2.5);
        assert_eq!(stats.max_ms, 4.0);
    }

    #[test]
    fn p99_is_the_nearest_rank() {
        let samples: Vec<u64> = (1..=200).collect();
        let stats = Stats::of(&millis(&samples));
        assert_eq!(stats.p99_ms, 198.0);
        assert_eq!(Stats::of(&millis(&[7])).p99_ms, 7.0);
    }

    #[test]
    fn tables_align_numbers_right() {
        let text = table(
            &["command", "n"],
            &[
                vec!["/help".into(), "5".into()],
                vec!["/deal list".into(), "200".into()],
            ],
        );
        assert_eq!(
            text,
            "command       n\n---------------\n/help         5\n/deal list  200\n"
        );
    }
}
