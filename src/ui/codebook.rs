//! The codebook: the tag tree with colours and counts, and for the selected tag its details
//! (rename, recolour, re-parent, describe, merge, delete) and the passages that carry it, each a
//! jump into the reader. With blind coding on, the counts and the passages listed are the
//! analyst's own.

use crate::ui::combo::ComboAbove;
use std::collections::BTreeMap;

use egui::{Align2, RichText, Sense, Vec2};

use super::TAG_PATH_SEPARATOR;
use super::action::Action;
use super::blind::BlindCounts;
use super::command::Command;
use super::dialogs::{check_tag_name, parent_combo_ui};
use super::theme::Theme;
use crate::edit::{Edit, GroupKey};
use crate::model::{DocId, Project, Rgb, TagId};
use std::sync::Arc;

/// The codebook's own state between frames.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodebookState {
    /// The selected tag.
    pub selected: Option<TagId>,
    /// Scroll the selected tag into view on the next frame.
    pub scroll_to_selected: bool,
    /// The name being typed for the selected tag (committed on Enter or leaving the field).
    rename: Option<(TagId, String)>,
    /// Why the last rename was refused.
    rename_error: Option<String>,
    /// The tag chosen to merge the selected tag into.
    merge_into: Option<TagId>,
    /// Undo group of the colour and description editing sessions.
    session: Option<(TagId, GroupKey)>,
    /// Collapsed branches of the tree.
    collapsed: Vec<TagId>,
    /// Blind coding: only this analyst's passages are counted and listed (`None`: all).
    pub blind: Option<String>,
    /// The counts of the analyst's passages per tag, while blind coding is on.
    shown_counts: BlindCounts<TagId>,
}

impl CodebookState {
    /// With blind coding on, the passages per tag of the analyst's passages (counted when the
    /// project or the analyst changed); `None` with it off: the project's
    /// [`Project::tag_counts`] are the ones to show.
    pub fn shown_tag_counts(&mut self, project: &Project) -> Option<Arc<BTreeMap<TagId, usize>>> {
        (self.shown_counts).get(project, self.blind.as_deref(), Project::count_tags_shown)
    }
}

/// Shows the codebook.
pub fn codebook_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut CodebookState,
    open_doc: Option<DocId>,
    theme: &Theme,
    next_group: &mut u64,
    actions: &mut Vec<Action>,
) {
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(RichText::new("Codebook").strong().size(15.0));
        ui.label(
            RichText::new(format!("{}", project.tags().len()))
                .small()
                .color(theme.weak_text),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("+ New tag")
                .on_hover_text(Command::NewTag.tooltip())
                .clicked()
            {
                actions.push(Action::Run(Command::NewTag));
            }
        });
    });
    let shown = state.shown_tag_counts(project);
    let counts = shown.as_deref().unwrap_or_else(|| project.tag_counts());
    egui::ScrollArea::vertical()
        .id_salt("dossier-codebook-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if project.tags().is_empty() {
                ui.label(
                    RichText::new("No tags yet. Select text and press T, then type a name.")
                        .color(theme.weak_text),
                );
            }
            tree_ui(ui, project, None, 0, counts, state, theme, actions);
            top_level_drop_ui(ui, project, theme, actions);
            state.scroll_to_selected = false;
            if let Some(tag) = state.selected
                && project.tag(tag).is_some()
            {
                ui.add_space(10.0);
                tag_details_ui(
                    ui, project, tag, counts, state, open_doc, theme, next_group, actions,
                );
            }
        });
}

/// While a tag is dragged, a strip under the tree that takes it back to the top level.
fn top_level_drop_ui(
    ui: &mut egui::Ui,
    project: &Project,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let Some(dragged) = egui::DragAndDrop::payload::<TagId>(ui.ctx()) else {
        return;
    };
    if project.tag(*dragged).is_none_or(|t| t.parent.is_none()) {
        return;
    }
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), 28.0), Sense::hover());
    let hovered = response.dnd_hover_payload::<TagId>().is_some();
    ui.painter().rect_stroke(
        rect.shrink(1.0),
        4.0,
        egui::Stroke::new(
            if hovered { 1.5 } else { 1.0 },
            if hovered {
                theme.accent
            } else {
                theme.weak_text
            },
        ),
        egui::StrokeKind::Inside,
    );
    ui.painter().text(
        rect.center(),
        Align2::CENTER_CENTER,
        "Drop here for the top level",
        egui::FontId::proportional(12.5),
        theme.weak_text,
    );
    if let Some(moved) = response.dnd_release_payload::<TagId>() {
        actions.push(Action::ReparentTag {
            tag: *moved,
            parent: None,
        });
    }
}

#[allow(clippy::too_many_arguments)]
fn tree_ui(
    ui: &mut egui::Ui,
    project: &Project,
    parent: Option<TagId>,
    depth: usize,
    counts: &BTreeMap<TagId, usize>,
    state: &mut CodebookState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    if depth > 32 {
        return;
    }
    for tag in project.child_tags(parent) {
        let has_children = !project.child_tags(Some(tag.id)).is_empty();
        let collapsed = state.collapsed.contains(&tag.id);
        let selected = state.selected == Some(tag.id);
        let count = counts.get(&tag.id).copied().unwrap_or(0);
        let height = 24.0;
        let (rect, response) = ui.allocate_exact_size(
            Vec2::new(ui.available_width(), height),
            Sense::click_and_drag(),
        );
        let label = format!("{} ({count})", tag.name);
        // Drag a tag onto another to put it under that one (one undo step).
        response.dnd_set_drag_payload(tag.id);
        let dropped = response.dnd_release_payload::<TagId>();
        if let Some(moved) = dropped
            && *moved != tag.id
        {
            actions.push(Action::ReparentTag {
                tag: *moved,
                parent: Some(tag.id),
            });
        }
        let drop_target = response.dnd_hover_payload::<TagId>().is_some();
        response
            .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label));
        if selected && state.scroll_to_selected {
            response.scroll_to_me(Some(egui::Align::Center));
        }
        if ui.is_rect_visible(rect) {
            let painter = ui.painter_at(rect);
            if drop_target {
                painter.rect_stroke(
                    rect.shrink(1.0),
                    4.0,
                    egui::Stroke::new(1.5, theme.accent),
                    egui::StrokeKind::Inside,
                );
            }
            if selected {
                painter.rect_filled(rect, 4.0, theme.row_highlight);
            } else if response.hovered() {
                painter.rect_filled(rect, 4.0, theme.row_hover);
            }
            let indent = 8.0 + depth as f32 * 16.0;
            if has_children {
                // A drawn disclosure triangle: the default fonts have no ▸ ▾.
                let c = egui::pos2(rect.left() + indent + 4.0, rect.center().y);
                let points = if collapsed {
                    vec![
                        c + Vec2::new(-3.0, -5.0),
                        c + Vec2::new(3.0, 0.0),
                        c + Vec2::new(-3.0, 5.0),
                    ]
                } else {
                    vec![
                        c + Vec2::new(-5.0, -3.0),
                        c + Vec2::new(5.0, -3.0),
                        c + Vec2::new(0.0, 3.0),
                    ]
                };
                painter.add(egui::Shape::convex_polygon(
                    points,
                    theme.weak_text,
                    egui::Stroke::NONE,
                ));
            }
            let swatch = egui::Rect::from_center_size(
                egui::pos2(rect.left() + indent + 20.0, rect.center().y),
                Vec2::splat(12.0),
            );
            painter.rect_filled(swatch, 3.0, theme.swatch(tag.color));
            painter.text(
                egui::pos2(swatch.right() + 8.0, rect.center().y),
                Align2::LEFT_CENTER,
                &tag.name,
                egui::FontId::proportional(14.0),
                theme.text,
            );
            painter.text(
                egui::pos2(rect.right() - 8.0, rect.center().y),
                Align2::RIGHT_CENTER,
                count.to_string(),
                egui::FontId::proportional(12.5),
                theme.weak_text,
            );
        }
        let toggle_zone = rect.left() + 8.0 + depth as f32 * 16.0 + 14.0;
        if response.clicked() {
            let on_arrow = has_children
                && response
                    .interact_pointer_pos()
                    .is_some_and(|p| p.x < toggle_zone);
            if on_arrow {
                if collapsed {
                    state.collapsed.retain(|t| *t != tag.id);
                } else {
                    state.collapsed.push(tag.id);
                }
            } else {
                actions.push(Action::SelectTag(if selected {
                    None
                } else {
                    Some(tag.id)
                }));
            }
        }
        let description = tag.description.clone();
        let response = if description.is_empty() {
            response
        } else {
            response.on_hover_text(description)
        };
        response.context_menu(|ui| {
            if ui.button("Delete tag…").clicked() {
                actions.push(Action::RequestDeleteTag(tag.id));
                ui.close();
            }
            if ui.button("New child tag…").clicked() {
                actions.push(Action::SelectTag(Some(tag.id)));
                actions.push(Action::Run(Command::NewSubTag));
                ui.close();
            }
        });
        if has_children && !collapsed {
            tree_ui(
                ui,
                project,
                Some(tag.id),
                depth + 1,
                counts,
                state,
                theme,
                actions,
            );
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn tag_details_ui(
    ui: &mut egui::Ui,
    project: &Project,
    tag_id: TagId,
    counts: &BTreeMap<TagId, usize>,
    state: &mut CodebookState,
    open_doc: Option<DocId>,
    theme: &Theme,
    next_group: &mut u64,
    actions: &mut Vec<Action>,
) {
    let Some(tag) = project.tag(tag_id) else {
        return;
    };
    let session = match state.session {
        Some((t, key)) if t == tag_id => key,
        _ => {
            *next_group += 1;
            let key = GroupKey(*next_group);
            state.session = Some((tag_id, key));
            key
        }
    };
    theme.card(10).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(format!(
                "Tag · {}",
                project.tag_path(tag_id, TAG_PATH_SEPARATOR)
            ))
            .strong()
            .color(theme.text),
        );
        ui.add_space(4.0);
        egui::Grid::new("dossier-tag-details")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                // Name: committed on Enter or when the field loses focus.
                let name_label = ui.label("Name");
                let buffer = match &mut state.rename {
                    Some((t, text)) if *t == tag_id => text,
                    _ => {
                        state.rename = Some((tag_id, tag.name.clone()));
                        state.rename_error = None;
                        match &mut state.rename {
                            Some((_, text)) => text,
                            None => return,
                        }
                    }
                };
                let response = egui::TextEdit::singleline(buffer)
                    .desired_width(f32::INFINITY)
                    .show(ui)
                    .response
                    .response
                    .labelled_by(name_label.id);
                if response.lost_focus() {
                    let typed = buffer.clone();
                    if typed.trim() != tag.name {
                        match check_tag_name(project, &typed, tag.parent, Some(tag_id)) {
                            Ok(name) => {
                                let mut changed = tag.clone();
                                changed.name = name;
                                actions.push(Action::Edit(Edit::SetTag(changed)));
                                state.rename = None;
                                state.rename_error = None;
                            }
                            Err(why) => state.rename_error = Some(why),
                        }
                    }
                } else if !response.has_focus()
                    && *buffer != tag.name
                    && state.rename_error.is_none()
                {
                    // Changed elsewhere (undo): show the current name.
                    *buffer = tag.name.clone();
                }
                ui.end_row();

                ui.label("Colour");
                ui.horizontal(|ui| {
                    let mut rgb = tag.color.0;
                    if ui.color_edit_button_srgb(&mut rgb).changed() {
                        let mut changed = tag.clone();
                        changed.color = Rgb(rgb);
                        actions.push(Action::EditGrouped(Edit::SetTag(changed), session));
                    }
                    ui.label(
                        RichText::new(tag.color.to_string())
                            .small()
                            .color(theme.weak_text),
                    );
                });
                ui.end_row();

                ui.label("Parent");
                let mut parent = tag.parent;
                if parent_combo_ui(ui, "dossier-tag-parent", &mut parent, Some(tag_id), project) {
                    let mut changed = tag.clone();
                    changed.parent = parent;
                    match check_tag_name(project, &tag.name, parent, Some(tag_id)) {
                        Ok(_) => actions.push(Action::Edit(Edit::SetTag(changed))),
                        Err(why) => state.rename_error = Some(why),
                    }
                }
                ui.end_row();

                let desc_label = ui.label("Description");
                let mut description = tag.description.clone();
                let response = egui::TextEdit::multiline(&mut description)
                    .desired_rows(2)
                    .hint_text("What the tag means, for coders")
                    .desired_width(f32::INFINITY)
                    .show(ui)
                    .response
                    .response
                    .labelled_by(desc_label.id);
                if response.changed() {
                    let mut changed = tag.clone();
                    changed.description = description;
                    actions.push(Action::EditGrouped(Edit::SetTag(changed), session));
                }
                if response.lost_focus() {
                    actions.push(Action::SealHistory);
                    state.session = None;
                }
                ui.end_row();

                ui.label("Merge into");
                ui.horizontal(|ui| {
                    let current = state
                        .merge_into
                        .filter(|t| *t != tag_id && project.tag(*t).is_some())
                        .map_or("Choose a tag…".to_owned(), |t| {
                            project.tag_path(t, TAG_PATH_SEPARATOR)
                        });
                    egui::ComboBox::from_id_salt("dossier-merge-into")
                        .selected_text(current)
                        .width(150.0)
                        .show_above(ui, |ui| {
                            let mut tags: Vec<(String, TagId)> = project
                                .tags()
                                .keys()
                                .filter(|t| **t != tag_id)
                                .map(|t| (project.tag_path(*t, TAG_PATH_SEPARATOR), *t))
                                .collect();
                            tags.sort();
                            for (path, id) in tags {
                                ui.selectable_value(&mut state.merge_into, Some(id), path);
                            }
                        })
                        .response
                        .accessible_name("Tag to merge into");
                    let target = state
                        .merge_into
                        .filter(|t| *t != tag_id && project.tag(*t).is_some());
                    if ui
                        .add_enabled(target.is_some(), egui::Button::new("Merge"))
                        .on_hover_text(
                            "Move every passage of this tag to the chosen tag and remove this one",
                        )
                        .clicked()
                        && let Some(into) = target
                    {
                        actions.push(Action::MergeTags { from: tag_id, into });
                        state.merge_into = None;
                    }
                });
                ui.end_row();
            });
        if let Some(error) = &state.rename_error {
            ui.label(RichText::new(error).color(theme.error));
        }
        ui.add_space(4.0);
        if ui
            .button(RichText::new("Delete tag…").color(theme.error))
            .on_hover_text("Delete this tag; asks first when passages use it")
            .clicked()
        {
            actions.push(Action::RequestDeleteTag(tag_id));
        }
    });

    // The passages carrying the tag.
    ui.add_space(8.0);
    let count = counts.get(&tag_id).copied().unwrap_or(0);
    ui.label(
        RichText::new(format!(
            "{count} PASSAGE{}",
            if count == 1 { "" } else { "S" }
        ))
        .small()
        .strong()
        .color(theme.weak_text),
    );
    let mut passages: Vec<_> = project
        .shown_passages(state.blind.as_deref())
        .filter(|p| p.tags.contains(&tag_id))
        .collect();
    passages.sort_by_key(|p| (Some(p.doc) != open_doc, p.doc, p.start));
    for p in passages.into_iter().take(500) {
        let doc = project
            .document(p.doc)
            .map(|d| d.title.as_str())
            .unwrap_or("");
        let quote: String = p.quote.chars().take(160).collect();
        let more = if p.quote.chars().count() > 160 {
            "…"
        } else {
            ""
        };
        let response = egui::Frame::NONE
            .inner_margin(egui::Margin::symmetric(6, 4))
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("“{quote}{more}”"))
                            .italics()
                            .color(theme.text),
                    )
                    .wrap()
                    .selectable(false),
                );
                ui.add(
                    egui::Label::new(RichText::new(doc).small().color(theme.weak_text))
                        .truncate()
                        .selectable(false),
                );
            })
            .response
            .interact(Sense::click());
        if response.hovered() {
            ui.painter().rect_stroke(
                response.rect,
                4.0,
                egui::Stroke::new(1.0, theme.border),
                egui::StrokeKind::Inside,
            );
        }
        let label = format!("Open passage {quote}");
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if response
            .on_hover_text("Open this passage in the reader")
            .clicked()
        {
            actions.push(Action::SelectPassage(p.id));
        }
    }
}
