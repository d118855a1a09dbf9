//! Touchs (being written).
