//! Deterministic data generators: the demo workspace a newcomer sees with `console --demo`, and
//! the large reference dataset the benchmarks run on.

pub mod demo;
