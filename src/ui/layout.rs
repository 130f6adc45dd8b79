//! The window's layout at any size: which side panels are shown, how wide they start, and the
//! centre's tab strip.
//!
//! The centre (the reader above all) must reflow to the room it has, so nothing in it may be
//! wider than its panel: a widget wider than the panel widens the panel's `Ui` past its edge and
//! everything below (the article's lines, its title) runs under the inspector. The tab strip is
//! therefore a horizontal scroll area, with an overflow menu listing every view when the tabs do
//! not fit; the side panels start at a share of the window (so a 1024-pixel window keeps half of
//! it for the reader), can be resized, and can be hidden (View › Show or hide the library,
//! Ctrl+B; the inspector, Ctrl+Alt+B; or the « » buttons at the ends of the tab strip).

use egui::RichText;

use super::theme::Theme;
use super::views::CentreView;

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

/// The hover text of a centre tab.
fn tab_tooltip(view: CentreView) -> &'static str {
    match view {
        CentreView::Reader => "The open article (F6)",
        CentreView::Excerpts => {
            "Every passage as a table: sort, filter, jump, export (Ctrl+Shift+E)"
        }
        CentreView::Timeline => "The events on a date axis",
        CentreView::Profile => {
            "One actor's passages by article, its events, the actors it appears with"
        }
        CentreView::Card => "One event's evidence from each article side by side",
        CentreView::Mentions => "Actors' names and aliases in the articles that are not linked yet",
        CentreView::Network => "Actors and events linked by the passages they share (Ctrl+Shift+G)",
        CentreView::Search => {
            "Search every article, plain or regex; tag all results (Ctrl+Shift+F)"
        }
        CentreView::Ach => {
            "Competing hypotheses: rate the evidence against each, least inconsistent first"
        }
        CentreView::Cooccurrence => {
            "Which tags go together, and with which actors: counts of passages as a heat map"
        }
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
            .on_hover_text(format!("{name} (Ctrl+B)"))
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
                .on_hover_text(format!("{name} (Ctrl+Alt+B)"))
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
