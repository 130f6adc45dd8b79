//! What the integration tests share: a `Document` builder and other fixtures, temporary project
//! files, running the binary, and (with the `gui` feature) the kittest harness with its keys, typing and clicking.
//! Each test file includes it with `mod common;` and uses the part it needs.
#![allow(dead_code)]

pub mod cli;
pub mod fixtures;
#[cfg(feature = "gui")]
pub mod gui;
pub mod server;

#[allow(unused_imports)]
pub use fixtures::*;
