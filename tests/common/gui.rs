//! The window under `egui_kittest`: harnesses, keys, typing, clicking, egui's clock and focus.

use std::path::Path;

use dossier::ui::Workbench;
use dossier::ui::files::DialogMode;
use egui::{Key, Modifiers, ViewportEvent, ViewportId};
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, Node};

/// Ctrl+Shift (Cmd+Shift on macOS).
pub const SHIFT_CMD: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// Ctrl+Alt (Cmd+Alt on macOS).
pub const ALT_CMD: Modifiers = Modifiers {
    alt: true,
    ctrl: false,
    shift: false,
    mac_cmd: false,
    command: true,
};

// ----- harnesses -----

/// A harness of `size` pixels around a workbench.
pub fn harness_sized(wb: Workbench, size: [f32; 2]) -> Harness<'static, Workbench> {
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, wb: &mut Workbench| wb.ui(ui), wb)
}

/// A 1400×900 harness around a workbench.
pub fn harness_for(wb: Workbench) -> Harness<'static, Workbench> {
    harness_sized(wb, [1400.0, 900.0])
}

/// A harness of `size` pixels around a workbench with in-app file prompts (path fields in the
/// window instead of the system's file dialogs, so a test can type into them).
pub fn in_app_harness_sized(wb: Workbench, size: [f32; 2]) -> Harness<'static, Workbench> {
    harness_sized(wb.with_dialog_mode(DialogMode::InApp), size)
}

/// A 1400×900 harness around a workbench with in-app file prompts.
pub fn in_app_harness(wb: Workbench) -> Harness<'static, Workbench> {
    harness_for(wb.with_dialog_mode(DialogMode::InApp))
}

/// A harness of `size` pixels on an unsaved copy of the example project, with in-app file
/// prompts.
pub fn example_harness_sized(size: [f32; 2]) -> Harness<'static, Workbench> {
    in_app_harness_sized(Workbench::example(), size)
}

/// A 1440×900 harness on an unsaved copy of the example project, with in-app file prompts.
pub fn example_harness() -> Harness<'static, Workbench> {
    example_harness_sized([1440.0, 900.0])
}

// ----- frames -----

/// Runs the UI with egui's clock at `t` seconds.
pub fn at(h: &mut Harness<'_, Workbench>, t: f64) {
    h.input_mut().time = Some(t);
    h.run();
}

/// Runs frames until the UI stops asking for repaints, for at most 200 tries (a view that
/// animates or lays itself out over several frames, like the network, needs more than one `run`).
pub fn settle(h: &mut Harness<'_, Workbench>) {
    for _ in 0..200 {
        if h.try_run().is_ok() {
            return;
        }
    }
    panic!("the view never settled");
}

/// Runs frames until the window's background work (imports, merges, replacements) is done and
/// its result applied, as the real window would, then lets the UI settle.
pub fn until_idle(h: &mut Harness<'_, Workbench>) {
    for _ in 0..4000 {
        h.step();
        if !h.state().is_busy() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    panic!("the background work did not finish");
}

/// Asks the window to close, as its title bar's close button does, and draws one frame (the
/// unsaved-changes guard answers in it).
pub fn request_close(h: &mut Harness<'_, Workbench>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.step();
}

// ----- keys and typing -----

/// Presses a key, then runs the UI.
pub fn press(h: &mut Harness<'_, Workbench>, key: Key) {
    h.key_press(key);
    h.run();
}

/// Presses a key with modifiers, then runs the UI.
pub fn press_mod(h: &mut Harness<'_, Workbench>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// Types into the focused widget, then runs the UI.
pub fn type_text(h: &mut Harness<'_, Workbench>, text: &str) {
    h.root().type_text(text);
    h.run();
}

/// Focuses the widget labelled `label`, runs the UI, and types `text` into it (after what it
/// holds), then runs the UI.
pub fn type_into(h: &mut Harness<'_, Workbench>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    type_text(h, text);
}

/// Focuses the field labelled `label`, selects what it holds (Ctrl+A, no frame between) and
/// types `text` over it, then runs the UI.
pub fn replace_field(h: &mut Harness<'_, Workbench>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_text(h, text);
}

/// Answers an in-app file prompt: types `path` over its "Path" field and clicks `button`
/// ("Save", "Open", "Export"…).
pub fn answer_path_prompt(h: &mut Harness<'_, Workbench>, path: &Path, button: &str) {
    replace_field(h, "Path", &path.display().to_string());
    click(h, button);
}

// ----- clicking -----

/// Clicks the widget with this label, then runs the UI.
pub fn click(h: &mut Harness<'_, Workbench>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// Clicks the button labelled `label` (where a heading or another widget says the same), then
/// runs the UI.
pub fn click_button(h: &mut Harness<'_, Workbench>, label: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::Button, label)
        .click();
    h.run();
}

/// Clicks the widget with this label, then runs exactly `frames` frames (a new window is laid
/// out invisibly on its first frame; background work may keep the UI repainting, so `run`
/// would not return).
pub fn click_then_frames(h: &mut Harness<'_, Workbench>, label: &str, frames: usize) {
    h.get_by_label(label).click();
    h.run_steps(frames);
}

/// Clicks the widget with this label, then runs frames until the UI [`settle`]s.
pub fn click_then_settle(h: &mut Harness<'_, Workbench>, label: &str) {
    h.get_by_label(label).click();
    settle(h);
}

/// Clicks like a hand does: the pointer moves there, presses in one frame and releases in a
/// later one (a kittest click presses and releases in one frame, which hides layer-order
/// bugs: egui raises a window on the press and opens a popup on the release).
pub fn click_by_hand(h: &mut Harness<'_, Workbench>, label: &str) {
    let at = h.get_by_label(label).rect().center();
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    // One frame only: a press held longer is a drag, not a click.
    h.step();
    h.hover_at(at);
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
}

// ----- reading the window -----

/// The highest node with this label on the screen: a centre tab or a menu-bar button, where a
/// view or the reader may use the same words lower down.
pub fn topmost_by_label<'h>(h: &'h Harness<'_, Workbench>, label: &'h str) -> Node<'h> {
    h.get_all_by_label(label)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap_or_else(|| panic!("no node labelled {label:?}"))
}

/// What the field labelled `label` holds (empty when it has no value).
pub fn field_value(h: &Harness<'_, Workbench>, label: &str) -> String {
    h.get_by_label(label).value().unwrap_or_default()
}

/// Whether some widget's label contains `text`.
pub fn shows(h: &Harness<'_, Workbench>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}
