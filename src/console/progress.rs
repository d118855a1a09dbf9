//! Progress for long work (demo and reference-dataset generation, which `console --demo` and
//! `bench` run): an `indicatif` bar redrawn on stderr when stderr is a terminal, plain
//! "x of y" lines every ten percent otherwise (logs and CI), and a closing "done" line either way.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::time::Instant;

pub struct Progress {
    label: String,
    total: u64,
    done: u64,
    started: Instant,
    out: Output,
}

enum Output {
    /// A terminal: indicatif redraws the bar (at most 20 times a second).
    Bar(ProgressBar),
    /// Not a terminal: a line each time another tenth is done.
    Lines {
        last_tenth: u64,
        to: Box<dyn Write + Send>,
    },
}

impl Progress {
    pub fn new(label: &str, total: u64) -> Progress {
        let total = total.max(1);
        let out = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{msg:<24} [{bar:30}] {percent:>3}%")
                    .expect("a valid template")
                    .progress_chars("## "),
            );
            bar.set_message(label.to_string());
            Output::Bar(bar)
        } else {
            Output::Lines {
                last_tenth: 0,
                to: Box::new(std::io::stderr()),
            }
        };
        Progress::with_output(label, total, out)
    }

    fn with_output(label: &str, total: u64, out: Output) -> Progress {
        Progress {
            label: label.to_string(),
            total: total.max(1),
            done: 0,
            started: Instant::now(),
            out,
        }
    }

    /// Adds `n` finished units and redraws when useful.
    pub fn advance(&mut self, n: u64) {
        self.done = (self.done + n).min(self.total);
        match &mut self.out {
            Output::Bar(bar) => bar.set_position(self.done),
            Output::Lines { last_tenth, to } => {
                let tenth = self.done * 10 / self.total;
                if tenth > *last_tenth {
                    let _ = writeln!(to, "{}: {} of {}", self.label, self.done, self.total);
                    *last_tenth = tenth;
                }
            }
        }
    }

    pub fn finish(mut self) {
        let line = format!(
            "{}: done ({} in {:.1}s)",
            self.label,
            self.total,
            self.started.elapsed().as_secs_f64()
        );
        match &mut self.out {
            Output::Bar(bar) => {
                bar.finish();
                eprintln!("{line}");
            }
            Output::Lines { to, .. } => {
                let _ = writeln!(to, "{line}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A writer whose text the test reads back.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn piped_progress_prints_a_line_every_tenth_and_a_done_line() {
        let captured = Captured::default();
        let out = Output::Lines {
            last_tenth: 0,
            to: Box::new(captured.clone()),
        };
        let mut progress = Progress::with_output("Deals", 40, out);
        for _ in 0..9 {
            progress.advance(5);
        }
        progress.finish();
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[..lines.len() - 1],
            [
                "Deals: 5 of 40",
                "Deals: 10 of 40",
                "Deals: 15 of 40",
                "Deals: 20 of 40",
                "Deals: 25 of 40",
                "Deals: 30 of 40",
                "Deals: 35 of 40",
                "Deals: 40 of 40",
            ]
        );
        let last = lines[lines.len() - 1];
        assert!(last.starts_with("Deals: done (40 in "), "{last}");
        assert!(last.ends_with("s)"), "{last}");
    }
}
