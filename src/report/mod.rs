//! Reports people read: the digest chart ([`chart`]), a PNG drawn in-process for the weekly
//! KPI digest.

pub mod chart;
