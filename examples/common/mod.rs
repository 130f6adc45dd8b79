//! Code shared by the examples and the benchmarks (`benches/` include it by path): generated
//! corpora and the headless reader frame timer. Each user needs only part of it.
#![allow(dead_code)]

pub mod corpus;
pub mod frames;
