//! What the schedule runner and `/schedule` share about the runs of a stored schedule: its
//! timing ([`recurrence`]), the nonce of a run ([`nonce`]), the ledger claim for a run
//! ([`claim_of`]) and skipping the latest run due in a window ([`skip_latest`]).
//!
//! It sits in `store`, over the ledger table ([`job_run`]) and the pure schedule rules
//! ([`crate::domain::schedule`]), so that the runner (above `core`) and `core::schedule` both
//! use it without `core` reaching up into `scheduler`.

use super::job_run::{self, Claim};
use super::schedule::Schedule;
use super::Conn;
use crate::domain::ids::ScheduleId;
use crate::domain::schedule::cron::{CronError, CronExpr};
use crate::domain::schedule::due::Recurrence;
use chrono::{DateTime, Utc};

/// The schedule's timing, from its stored cron expression and timezone.
pub fn recurrence(schedule: &Schedule) -> Result<Recurrence, CronError> {
    let cron: CronExpr = schedule.cron.parse()?;
    Ok(Recurrence::new(cron, schedule.timezone))
}

/// The ledger claim of `schedule`'s run due at `due_at`, by `instance`, with its `nonce`.
pub fn claim_of<'a>(
    schedule: &Schedule,
    due_at: DateTime<Utc>,
    instance: &'a str,
    nonce: &'a str,
) -> Claim<'a> {
    Claim {
        workspace_id: schedule.workspace_id,
        schedule_id: schedule.id,
        due_at,
        instance,
        nonce,
    }
}

/// Records the latest run of `schedule` due in `(since, now]` as skipped with `reason`, by
/// `instance`, so runners count from it and never post it; returns its due instant (`None`
/// when no run fell due). Used for runs missed beyond the catch-up window and for runs that
/// fell due while the schedule was paused.
pub async fn skip_latest(
    conn: &mut Conn,
    schedule: &Schedule,
    rec: &Recurrence,
    (since, now): (DateTime<Utc>, DateTime<Utc>),
    instance: &str,
    reason: &str,
) -> anyhow::Result<Option<DateTime<Utc>>> {
    let Some(latest) = rec.latest_in(since, now) else {
        return Ok(None);
    };
    let nonce = nonce(schedule.id, latest);
    let claim = claim_of(schedule, latest, instance, &nonce);
    job_run::skip(conn, &claim, reason, now).await?;
    Ok(Some(latest))
}

/// The nonce of a run: the schedule id and the due instant (Unix seconds), both base 36:
/// `"7-tbkku0"` (2026-03-08 07:30Z). At most 21 characters until the year 4000 (Discord allows 25; a post split
/// in parts adds `/1`, `/2`...), and the same on every runner.
pub fn nonce(schedule_id: ScheduleId, due_at: DateTime<Utc>) -> String {
    format!(
        "{}-{}",
        base36(schedule_id.get().unsigned_abs()),
        base36(due_at.timestamp().unsigned_abs())
    )
}

/// `n` in base 36, digits then lowercase letters.
pub fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ascii digits")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone};

    #[test]
    fn a_nonce_is_the_schedule_and_due_instant_within_discords_25_characters() {
        let due = Utc.with_ymd_and_hms(2026, 3, 8, 7, 30, 0).unwrap();
        assert_eq!(nonce(ScheduleId::new(7), due), "7-tbkku0");
        assert_eq!(
            nonce(ScheduleId::new(7), due),
            nonce(ScheduleId::new(7), due)
        );
        assert_ne!(
            nonce(ScheduleId::new(7), due),
            nonce(ScheduleId::new(8), due)
        );
        assert_ne!(
            nonce(ScheduleId::new(7), due),
            nonce(ScheduleId::new(7), due + TimeDelta::minutes(1))
        );
        let far = Utc.with_ymd_and_hms(4000, 1, 1, 0, 0, 0).unwrap();
        assert!(
            nonce(ScheduleId::new(i64::MAX), far).len() <= 21,
            "{}",
            nonce(ScheduleId::new(i64::MAX), far)
        );
    }

    #[test]
    fn base36_counts_in_digits_then_letters() {
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
        assert_eq!(base36(u64::MAX), "3w5e11264sgsf");
    }
}
