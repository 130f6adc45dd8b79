//! The GUI: the eframe app, its panels and the command table. The only module that uses egui.
//!
//! [`Workbench`] is the application state and its frame, independent of eframe so tests can drive
//! it with `egui_kittest`; [`app::DossierApp`] wraps it for a real window (persistence, close
//! requests, the window title); [`run_native`] opens that window.

pub mod action;
pub mod app;
pub mod blind;
pub mod codebook;
pub mod combo;
pub mod command;
pub mod conflicts;
pub mod dialogs;
pub mod entities;
pub mod export_dialog;
pub mod files;
pub mod forms;
pub mod inspector;
pub mod job;
pub mod layout;
pub mod library;
pub mod merge_dialog;
pub mod palette;
pub mod place;
pub mod properties;
pub mod reader;
pub mod request;
pub mod theme;
pub mod views;
pub mod web;
pub mod workbench;

pub use app::{APP_ID, Start, run_native};

/// What joins the names of a tag's path in the window ("Claim › Quote"; see
/// [`crate::model::Project::tag_path`]).
pub const TAG_PATH_SEPARATOR: &str = " › ";
pub use action::Action;
pub use command::Command;
pub use workbench::Workbench;
