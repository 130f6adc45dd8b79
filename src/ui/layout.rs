//! The window's layout at any size: which side panels are shown, how wide they start, and the
//! centre's tab strip.
//!
//! The centre (the reader above all) must reflow to the room it has, so nothing in it may be
//! wider than its panel: a widget wider than the panel widens the panel's `Ui` past its edge and
//! everything below (the article's lines, its title) runs under the inspector. The tab strip is
//! therefore a horizontal scroll area, with an overflow menu listing every view when the tabs do
//! not fit; the side panels start at a share of the window (so a 1024-pixel window keeps half of
//! it for the reader), can be resized, and can be hidden (View › Show or hide the library, or
//! the inspector; or the « » buttons at the ends of the tab strip). Tooltips and shortcuts come
//! from the command table.

use egui::RichText;

use super::command::Command;
use super::place::CentreView;
use super::theme::Theme;

/// Which side panels are shown, and what the tab strip measured last frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PanelsState {
    /// The library (left).
    pub library: bool,
    /// The inspector and codebook (right).
    pub inspector: bool,
    /// The tabs did not fit last frame: the overflow menu is shown.
    tabs_overflow: bool,
    /// The view shown when the strip last scrolled to its tab.
    scrolled_to: Option<CentreView>,
}

impl Default for PanelsState {
    fn default() -> Self {
        Self {
            library: true,
            inspector: true,
            tabs_overflow: false,
            scrolled_to: None,
        }
    }
}

/// The library's and the inspector's starting widths for a window `width` points wide: about a
/// fifth and a quarter of it, within the panels' usual sizes.
pub fn side_panel_widths(width: f32) -> (f32, f32) {
    let library = (width * 0.2).clamp(200.0, 290.0);
    let inspector = (width * 0.26).clamp(260.0, 360.0);
    (library, inspector)
}

/// The hover text of a centre tab: its command's tooltip and shortcut.
fn tab_tooltip(view: CentreView) -> String {
    command_hint(Command::Show(view))
}

/// A command's tooltip with its shortcut, as the command table has them.
fn command_hint(command: Command) -> String {
    match command.key_text() {
        Some(keys) => format!("{} ({keys})", command.tooltip()),
        None => command.tooltip().to_owned(),
    }
}

/// A button's name with the shortcut of the command it stands for.
fn key_hint(name: &str, command: Command) -> String {
    match command.key_text() {
        Some(keys) => format!("{name} ({keys})"),
        None => name.to_owned(),
    }
}

/// What the tab strip asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabStripRequest {
    /// Show this view.
    Show(CentreView),
    /// Show or hide the library.
    ToggleLibrary,
    /// Show or hide the inspector.
    ToggleInspector,
}

/// The centre's tab strip: « (library), the tabs in a horizontal scroll area, the overflow menu
/// when they do not fit, and » (inspector). Returns what was asked for.
pub fn tab_strip_ui(
    ui: &mut egui::Ui,
    current: CentreView,
    panels: &mut PanelsState,
    theme: &Theme,
) -> Option<TabStripRequest> {
    let mut asked = None;
    ui.horizontal(|ui| {
        let (text, name) = if panels.library {
            ("«", "Hide the library")
        } else {
            ("»", "Show the library")
        };
        if ui
            .small_button(RichText::new(text).color(theme.weak_text))
            .accessible_name(name)
            .on_hover_text(key_hint(name, Command::ToggleLibrary))
            .clicked()
        {
            asked = Some(TabStripRequest::ToggleLibrary);
        }
        // The right-hand controls first, so the scroll area gets exactly the room left.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let (text, name) = if panels.inspector {
                ("»", "Hide the inspector")
            } else {
                ("«", "Show the inspector")
            };
            if ui
                .small_button(RichText::new(text).color(theme.weak_text))
                .accessible_name(name)
                .on_hover_text(key_hint(name, Command::ToggleInspector))
                .clicked()
            {
                asked = Some(TabStripRequest::ToggleInspector);
            }
            if panels.tabs_overflow {
                ui.menu_button(RichText::new("All views…").small(), |ui| {
                    for view in CentreView::ALL {
                        if ui
                            .selectable_label(current == view, view.title())
                            .on_hover_text(tab_tooltip(view))
                            .clicked()
                        {
                            asked = Some(TabStripRequest::Show(view));
                            ui.close();
                        }
                    }
                })
                .response
                .on_hover_text("Every view, including the tabs scrolled out of sight");
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                let out = egui::ScrollArea::horizontal()
                    .id_salt("dossier-centre-tabs")
                    .scroll_bar_visibility(
                        egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded,
                    )
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            for view in CentreView::ALL {
                                let response = ui
                                    .selectable_label(current == view, view.title())
                                    .on_hover_text(tab_tooltip(view));
                                if current == view && panels.scrolled_to != Some(view) {
                                    response.scroll_to_me(None);
                                    panels.scrolled_to = Some(view);
                                }
                                if response.clicked() {
                                    asked = Some(TabStripRequest::Show(view));
                                }
                            }
                        });
                    });
                panels.tabs_overflow = out.content_size.x > out.inner_rect.width() + 0.5;
            });
        });
    });
    asked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_windows_keep_half_their_width_for_the_reader() {
        for width in [1024.0, 1280.0, 1440.0, 1920.0] {
            let (library, inspector) = side_panel_widths(width);
            assert!(
                width - library - inspector >= width * 0.5,
                "{width}: {library} + {inspector}"
            );
        }
        assert_eq!(side_panel_widths(3000.0), (290.0, 360.0));
    }
}
