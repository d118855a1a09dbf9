//! Deals (being written).
