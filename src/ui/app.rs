//! The eframe shell around the [`Workbench`]: opens the window, restores and stores the settings
//! (recent projects, theme, the last project) through eframe's persistence, answers close
//! requests through the workbench's unsaved-changes guard, and keeps the window title current.
//! It turns on the workbench's guards against lost work (autosave, recovery, the second-instance
//! lock; see `workbench::guard`), with the data folder from `DOSSIER_DATA_DIR` or the platform's,
//! and lets the workbench clean up when the window closes.
//!
//! For scripts and CI, `DOSSIER_EXIT_AFTER_FRAMES=N` sends [`egui::ViewportCommand::Close`]
//! after N frames; the close then goes through the normal path (the guard asks if there are
//! unsaved changes, which a freshly opened project never has).

use std::path::PathBuf;

use super::files::Settings;
use super::theme::Theme;
use super::workbench::{GuardOptions, Workbench};

/// The application: a workbench plus what only a real window needs.
pub struct DossierApp {
    workbench: Workbench,
    frames: u64,
    exit_after_frames: Option<u64>,
}

impl DossierApp {
    /// Builds the app for a window: on `project` if given, else on the last project (from the
    /// stored settings), else on an unsaved copy of the example project.
    pub fn new(cc: &eframe::CreationContext<'_>, project: Option<PathBuf>) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, Settings::STORAGE_KEY))
            .unwrap_or_default();
        let workbench =
            match project.or_else(|| settings.last_project.clone().filter(|p| p.is_file())) {
                Some(path) => Workbench::open(&path),
                None => Workbench::example(),
            };
        let exit_after_frames = std::env::var("DOSSIER_EXIT_AFTER_FRAMES")
            .ok()
            .and_then(|v| v.trim().parse().ok());
        Self {
            workbench: workbench
                .with_settings(settings)
                .with_guard(GuardOptions::from_env()),
            frames: 0,
            exit_after_frames,
        }
    }
}

impl eframe::App for DossierApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // Also runs while the window is hidden, when `ui` does not.
        self.workbench.handle_close_request(ctx);
        self.workbench.poll_while_hidden(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frames += 1;
        self.workbench.ui(ui);
        if self.exit_after_frames == Some(self.frames) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if self.exit_after_frames.is_some_and(|n| self.frames < n) {
            ui.ctx().request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Settings::STORAGE_KEY, &self.workbench.settings());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.workbench.shutdown();
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        Theme::for_visuals(visuals).panel.to_normalized_gamma_f32()
    }
}

/// Opens the Dossier window and runs until it is closed.
///
/// Limitations: the window needs OpenGL (glow); on a machine without a display it fails with the
/// error eframe gives.
pub fn run_native(project: Option<PathBuf>) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Dossier")
            .with_app_id("dossier")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([900.0, 560.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Dossier",
        options,
        Box::new(move |cc| Ok(Box::new(DossierApp::new(cc, project)))),
    )
}
