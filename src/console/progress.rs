//! Progress for long work (demo and reference-dataset generation): a redrawn bar on a terminal,
//! plain "x of y" lines every ten percent otherwise.

use std::io::{IsTerminal, Write};
use std::time::Instant;

pub struct Progress {
    label: String,
    total: u64,
    done: u64,
    terminal: bool,
    last_tenth: u64,
    started: Instant,
}

impl Progress {
    pub fn new(label: &str, total: u64) -> Progress {
        Progress {
            label: label.to_string(),
            total: total.max(1),
            done: 0,
            terminal: std::io::stderr().is_terminal(),
            last_tenth: 0,
            started: Instant::now(),
        }
    }

    /// Adds `n` finished units and redraws when useful.
    pub fn advance(&mut self, n: u64) {
        self.done = (self.done + n).min(self.total);
        let tenth = self.done * 10 / self.total;
        if self.terminal {
            let width = 30;
            let filled = (self.done * width / self.total) as usize;
            eprint!(
                "\r{:<24} [{}{}] {:>3}%",
                self.label,
                "#".repeat(filled),
                " ".repeat(width as usize - filled),
                self.done * 100 / self.total
            );
            let _ = std::io::stderr().flush();
        } else if tenth > self.last_tenth {
            eprintln!("{}: {} of {}", self.label, self.done, self.total);
        }
        self.last_tenth = tenth;
    }

    pub fn finish(self) {
        if self.terminal {
            eprintln!();
        }
        eprintln!(
            "{}: done ({} in {:.1}s)",
            self.label,
            self.total,
            self.started.elapsed().as_secs_f64()
        );
    }
}
