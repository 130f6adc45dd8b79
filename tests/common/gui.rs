//! The window under `egui_kittest`: harnesses, keys, typing, clicking, egui's clock and focus.

use dossier::ui::Workbench;
use dossier::ui::files::DialogMode;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Ctrl+Shift (Cmd+Shift on macOS).
pub const SHIFT_CMD: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

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

/// A 1440×900 harness on an unsaved copy of the example project, with in-app file prompts.
pub fn example_harness() -> Harness<'static, Workbench> {
    harness_sized(
        Workbench::example().with_dialog_mode(DialogMode::InApp),
        [1440.0, 900.0],
    )
}

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

/// Clicks the widget with this label, then runs the UI.
pub fn click(h: &mut Harness<'_, Workbench>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// Runs the UI with egui's clock at `t` seconds.
pub fn at(h: &mut Harness<'_, Workbench>, t: f64) {
    h.input_mut().time = Some(t);
    h.run();
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
