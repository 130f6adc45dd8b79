//! The GUI: the eframe app, its panels and the command table. The only module that uses egui.

pub mod theme;
