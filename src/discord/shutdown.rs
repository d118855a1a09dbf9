//! Graceful shutdown: the signal that starts it (SIGINT or SIGTERM), and the count of work in
//! flight (interactions being answered, mentions, welcomes) that it waits for before the
//! database is closed.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How long shutdown waits for in-flight work before giving up on it.
pub const GRACE: Duration = Duration::from_secs(30);

/// Counts work in progress; cheap to clone, shared by every event handler task.
#[derive(Clone, Default, Debug)]
pub struct InFlight(Arc<Inner>);

#[derive(Default, Debug)]
struct Inner {
    count: AtomicUsize,
    /// Woken whenever the count drops to zero.
    idle: Notify,
}

/// Held while one piece of work runs; dropping it (even by a panic) marks the work finished.
#[must_use = "the work counts as in flight only while the guard lives"]
pub struct Working(Arc<Inner>);

impl InFlight {
    pub fn start(&self) -> Working {
        self.0.count.fetch_add(1, Ordering::SeqCst);
        Working(self.0.clone())
    }

    pub fn count(&self) -> usize {
        self.0.count.load(Ordering::SeqCst)
    }

    /// Waits until no work is in flight; `false` if `limit` passed first.
    pub async fn finished(&self, limit: Duration) -> bool {
        tokio::time::timeout(limit, async {
            loop {
                let idle = self.0.idle.notified();
                tokio::pin!(idle);
                idle.as_mut().enable();
                if self.count() == 0 {
                    return;
                }
                idle.await;
            }
        })
        .await
        .is_ok()
    }
}

impl Drop for Working {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM (what `docker stop` and systemd send).
pub async fn signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = interrupt => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(err) => {
                tracing::warn!("cannot listen for SIGTERM ({err}); stopping on Ctrl-C only");
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn shutdown_waits_for_work_in_flight_to_finish() {
        let in_flight = InFlight::default();
        let working = in_flight.start();
        let waiter = {
            let in_flight = in_flight.clone();
            tokio::spawn(async move { in_flight.finished(GRACE).await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiter.is_finished(), "returned while work was in flight");
        drop(working);
        assert!(waiter.await.unwrap(), "finished once the work was done");
        assert_eq!(in_flight.count(), 0);
    }

    #[tokio::test]
    async fn shutdown_gives_up_on_work_that_never_finishes() {
        let in_flight = InFlight::default();
        let _stuck = in_flight.start();
        assert!(!in_flight.finished(Duration::from_millis(20)).await);
    }

    #[tokio::test]
    async fn with_nothing_in_flight_shutdown_does_not_wait() {
        assert!(InFlight::default().finished(Duration::from_millis(1)).await);
    }
}
