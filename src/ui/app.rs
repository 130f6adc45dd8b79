//! The eframe shell around the [`Workbench`]: opens the window, restores and stores the settings
//! (recent projects, theme, the last project) through eframe's persistence, answers close
//! requests through the workbench's unsaved-changes guard, and keeps the window title current.
//! It turns on the workbench's guards against lost work (autosave, recovery, the second-instance
//! lock; see `workbench::guard`), with the data folder from `DOSSIER_DATA_DIR` or the platform's,
//! and lets the workbench clean up when the window closes.
//!
//! The window carries the application id [`APP_ID`] (the desktop file's name, so a Wayland
//! shell shows the launcher's icon for it) and the Dossier icon (`assets/icon/`).
//!
//! For scripts and CI, `DOSSIER_EXIT_AFTER_FRAMES=N` sends [`egui::ViewportCommand::Close`]
//! after N frames; the close then goes through the normal path (the guard asks if there are
//! unsaved changes, which a freshly opened project never has).

use std::path::PathBuf;
use std::sync::Arc;

use super::files::Settings;
use super::theme::Theme;
use super::workbench::{GuardOptions, Workbench};

/// The application id: the reverse-DNS name of the desktop file, the AppStream component and
/// the installed icons (`packaging/linux/`), and the window's Wayland app id.
pub const APP_ID: &str = "org.dossier.Dossier";

/// The folder name eframe keeps the settings in (`~/.local/share/dossier/app.ron` on Linux):
/// the app id it used before the window had [`APP_ID`], kept so that settings stay where they were.
const SETTINGS_NAME: &str = "dossier";

/// The window icon: the 256-pixel rendering of `assets/icon/dossier.svg`.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon/dossier-256.png");

/// What the window opens on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// The last project (from the stored settings), else an unsaved copy of the example.
    Remembered,
    /// This project file.
    Open(PathBuf),
    /// A new, empty, unsaved project (`dossier --new`, the launcher's "New project").
    New,
}

impl Start {
    /// From the command line: `--new`, a project path, or neither.
    pub fn from_args(project: Option<PathBuf>, new: bool) -> Self {
        match (project, new) {
            (_, true) => Self::New,
            (Some(path), false) => Self::Open(path),
            (None, false) => Self::Remembered,
        }
    }
}

/// The application: a workbench plus what only a real window needs.
pub struct DossierApp {
    workbench: Workbench,
    frames: u64,
    exit_after_frames: Option<u64>,
}

impl DossierApp {
    /// Builds the app for a window, on what `start` says.
    pub fn new(cc: &eframe::CreationContext<'_>, start: Start) -> Self {
        super::theme::install_fonts(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, Settings::STORAGE_KEY))
            .unwrap_or_default();
        let workbench = match start {
            Start::New => Workbench::empty(),
            Start::Open(path) => Workbench::open(&path),
            Start::Remembered => match settings.last_project.clone().filter(|p| p.is_file()) {
                Some(path) => Workbench::open(&path),
                None => Workbench::example(),
            },
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
pub fn run_native(start: Start) -> Result<(), eframe::Error> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Dossier")
        .with_app_id(APP_ID)
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([900.0, 560.0]);
    match window_icon() {
        Ok(icon) => viewport = viewport.with_icon(Arc::new(icon)),
        Err(err) => eprintln!("dossier: the window icon could not be decoded: {err}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        persistence_path: eframe::storage_dir(SETTINGS_NAME).map(|dir| dir.join("app.ron")),
        ..Default::default()
    };
    eframe::run_native(
        "Dossier",
        options,
        Box::new(move |cc| Ok(Box::new(DossierApp::new(cc, start)))),
    )
}

/// The decoded window icon.
pub fn window_icon() -> Result<egui::IconData, String> {
    eframe::icon_data::from_png_bytes(ICON_PNG).map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_icon_decodes_to_a_square_256_pixel_image() {
        let icon = window_icon().expect("decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // Not blank: it has opaque pixels and transparent corners.
        assert!(icon.rgba.chunks(4).any(|px| px[3] == 255));
        assert_eq!(icon.rgba[3], 0, "the top-left corner is transparent");
    }

    #[test]
    fn start_follows_the_command_line() {
        assert_eq!(Start::from_args(None, false), Start::Remembered);
        let path = PathBuf::from("notes.ron");
        assert_eq!(
            Start::from_args(Some(path.clone()), false),
            Start::Open(path)
        );
        assert_eq!(Start::from_args(None, true), Start::New);
    }
}
