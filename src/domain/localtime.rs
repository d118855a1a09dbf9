//! Turning a local wall-clock time into an instant, in an IANA time zone.
//!
//! Most local times name exactly one instant. Around daylight-saving changes two do not:
//! - a time in a **spring-forward gap** (02:30 when clocks jump from 02:00 to 03:00) never
//!   happens; it moves forward by the gap, to 03:30 local;
//! - an **ambiguous** time on the fall-back day (01:30 when clocks go from 02:00 back to
//!   01:00) happens twice; it takes the earlier instant.
//!
//! Used by forecast deadlines and schedules, so both read a local time the same way.

use chrono::{DateTime, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant of wall-clock time `local` in `tz`. A skipped time (spring forward) is read
/// with the offset in force before the jump, which lands as far past the jump as it was
/// into the gap (02:30 → 03:30 local); a repeated time (fall back) is the earlier instant.
pub fn local_to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    if let Some(at) = tz.from_local_datetime(&local).earliest() {
        return at.with_timezone(&Utc);
    }
    // Offsets are within ±1 day, so `local` read as UTC a day earlier is before the jump
    // (no zone has two jumps within a day).
    let before_jump = local
        .checked_sub_signed(TimeDelta::days(1))
        .unwrap_or(local);
    let offset = tz.offset_from_utc_datetime(&before_jump).fix();
    let utc = local
        .checked_sub_signed(TimeDelta::seconds(i64::from(offset.local_minus_utc())))
        .unwrap_or(local);
    Utc.from_utc_datetime(&utc)
}

#[cfg(test)]
mod tests;
