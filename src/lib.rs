//! Dossier: a research notebook for analysts who annotate news articles with tags, actors and
//! events, and look across the corpus. This library holds everything but the window — the model,
//! edits and undo, the project file, importers, exports and the command line — plus `ui`, the
//! only module that knows egui.

pub mod ach;
pub mod agree;
pub mod anchor;
pub mod cli;
pub mod cooccurrence;
pub mod corroboration;
pub mod edit;
pub mod example;
pub mod export;
pub mod import;
pub mod merge;
pub mod model;
pub mod network;
pub mod reprint;
pub mod search;
pub mod session;
pub mod store;
#[cfg(feature = "gui")]
pub mod ui;
pub mod web;
