//! Combo boxes that work inside modal dialogs.
//!
//! egui draws a combo box's list in a popup area of the `Foreground` order, the same order as a
//! [`egui::Modal`]. Areas of one order are stacked by when they were last raised, so once the
//! dialog has been clicked (raised) a popup opened from it for the second time in a session
//! draws *behind* the dialog, and a click on one of its items lands on the dialog's backdrop,
//! which closes the dialog and drops what was typed. [`ComboAbove::show_above`] shows the combo
//! box and makes its popup a sublayer of the layer the combo sits in (when the two share an
//! order), so egui keeps the list directly above its dialog, clickable. In panels (a lower order
//! than popups) it changes nothing.
//!
//! Every combo box of the window goes through it (`tests/first_hour.rs` checks the sources).

/// Showing a combo box with its popup kept above the dialog it belongs to.
pub trait ComboAbove {
    /// Shows the combo box as [`egui::ComboBox::show_ui`] does, its list above any dialog.
    fn show_above<R>(
        self,
        ui: &mut egui::Ui,
        contents: impl FnOnce(&mut egui::Ui) -> R,
    ) -> egui::InnerResponse<Option<R>>;
}

impl ComboAbove for egui::ComboBox<'_> {
    fn show_above<R>(
        self,
        ui: &mut egui::Ui,
        contents: impl FnOnce(&mut egui::Ui) -> R,
    ) -> egui::InnerResponse<Option<R>> {
        let out = self.show_ui(ui, contents);
        keep_popup_above(ui, out.response.id);
        out
    }
}

/// Keeps the popup of the combo box whose button has the id `button_id` directly above the
/// layer of `ui` (egui names a combo box's popup `button_id.with("popup")`).
pub fn keep_popup_above(ui: &egui::Ui, button_id: egui::Id) {
    let popup_id = button_id.with("popup");
    if !egui::Popup::is_id_open(ui.ctx(), popup_id) {
        return;
    }
    let parent = ui.layer_id();
    let popup = egui::LayerId::new(egui::Order::Foreground, popup_id);
    if parent.order == popup.order && parent != popup {
        ui.ctx().set_sublayer(parent, popup);
    }
}
