//! The passage inspector: the selected passage's quote, tags, actor and event links and note,
//! with the controls to change them. Every change is pushed as an [`Action`] carrying an
//! [`Edit`]; the note is one undo step per editing session (from focusing the field to leaving
//! it).

use crate::ui::combo::ComboAbove;
use egui::{RichText, Sense, Vec2};

use super::TAG_PATH_SEPARATOR;
use super::action::Action;
use super::command::Command;
use super::theme::Theme;
use crate::edit::{Edit, GroupKey};
use crate::model::{
    ActorId, ActorRole, Credibility, DocId, EventId, EventRole, Grade, PassageId, Project,
    Reliability, TagId,
};

/// The inspector's own state between frames.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InspectorState {
    /// The editing session of the note field: which passage and its undo group.
    note_session: Option<(PassageId, GroupKey)>,
    /// The actor chosen in the "link actor" row.
    actor_pick: Option<ActorId>,
    /// The role chosen in the "link actor" row.
    actor_role: Option<ActorRole>,
    /// The event chosen in the "link event" row.
    event_pick: Option<EventId>,
    /// The role chosen in the "link event" row.
    event_role: Option<EventRole>,
    /// Blind coding: the analyst whose passages alone the article's outline lists (`None`: all).
    pub blind: Option<String>,
}

/// The note field's id, so the `N` command can focus it.
pub fn note_field_id() -> egui::Id {
    egui::Id::unique("dossier-note-field")
}

/// Shows the inspector for the selected passage (or a hint when none is selected).
#[allow(clippy::too_many_arguments)]
pub fn inspector_ui(
    ui: &mut egui::Ui,
    project: &Project,
    open_doc: Option<DocId>,
    selected: Option<PassageId>,
    has_text_selection: bool,
    recent_tags: &[TagId],
    state: &mut InspectorState,
    theme: &Theme,
    next_group: &mut u64,
    actions: &mut Vec<Action>,
) {
    ui.add_space(6.0);
    ui.label(RichText::new("Passage").strong().size(15.0));
    ui.add_space(2.0);
    let Some(passage) = selected.and_then(|p| project.passage(p)) else {
        if has_text_selection {
            ui.label(
                RichText::new("Text selected. Press T to tag it (or 1–9 for a recent tag).")
                    .color(theme.weak_text),
            );
            recent_tags_ui(ui, project, recent_tags, theme, actions);
        } else {
            ui.label(
                RichText::new(
                    "Select text in the article and press T to tag it, or click a highlight. J and K step through the passages.",
                )
                .color(theme.weak_text),
            );
        }
        state.note_session = None;
        if let Some(doc) = open_doc {
            orphans_ui(ui, project, doc, has_text_selection, theme, actions);
            outline_ui(ui, project, doc, state.blind.as_deref(), theme, actions);
        }
        return;
    };
    let id = passage.id;
    if has_text_selection {
        ui.label(
            RichText::new("Text is selected: T or 1–9 make it a new passage.")
                .small()
                .color(theme.accent),
        );
    }
    egui::ScrollArea::vertical()
        .id_salt("dossier-inspector-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // The quote.
            let quote: String = passage.quote.chars().take(600).collect();
            let more = if passage.quote.chars().count() > 600 {
                "…"
            } else {
                ""
            };
            theme.card(10).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("“{quote}{more}”"))
                            .italics()
                            .color(theme.text),
                    )
                    .wrap(),
                );
            });
            let doc_title = project
                .document(passage.doc)
                .map(|d| d.title.as_str())
                .unwrap_or("");
            ui.label(
                RichText::new(format!(
                    "chars {}–{} · {} chars · {doc_title}",
                    passage.start,
                    passage.end,
                    passage.len_chars()
                ))
                .small()
                .color(theme.weak_text),
            );
            ui.add_space(8.0);

            // Tags.
            section_title(ui, "Tags", theme);
            ui.horizontal_wrapped(|ui| {
                for tag in &passage.tags {
                    let Some(t) = project.tag(*tag) else {
                        continue;
                    };
                    // Room kept for the × so the chip and its button share a line.
                    let remove = ui.spacing().interact_size.y + 2.0 * ui.spacing().item_spacing.x;
                    chip_ui(
                        ui,
                        &project.tag_path(t.id, TAG_PATH_SEPARATOR),
                        theme.swatch(t.color),
                        remove,
                        theme,
                    );
                    if ui
                        .small_button("×")
                        .accessible_name(format!("Remove tag {}", t.name))
                        .on_hover_text(format!("Remove “{}” from this passage", t.name))
                        .clicked()
                    {
                        actions.push(Action::Edit(Edit::UntagPassage(id, *tag)));
                    }
                    // A space at the end of a line would run past the edge.
                    if ui.available_size_before_wrap().x > 6.0 {
                        ui.add_space(6.0);
                    }
                }
                if ui
                    .button("+ Tag")
                    .on_hover_text(Command::TagPalette.tooltip())
                    .clicked()
                {
                    actions.push(Action::Run(Command::TagPalette));
                }
            });
            recent_tags_ui(ui, project, recent_tags, theme, actions);
            ui.add_space(8.0);

            // Actors.
            section_title(ui, "Actors", theme);
            for (actor, role) in &passage.actors {
                let Some(a) = project.actor(*actor) else {
                    continue;
                };
                let name = RichText::new(&a.name).color(theme.actor_link);
                if link_row(ui, name, &a.name, role.label(), theme) {
                    actions.push(Action::Edit(Edit::UnlinkActor(id, *actor, *role)));
                }
            }
            if project.actors().is_empty() {
                ui.label(
                    RichText::new("No actors in this project.")
                        .small()
                        .color(theme.weak_text),
                );
            } else {
                // Wraps on a narrow inspector rather than widening it.
                ui.horizontal_wrapped(|ui| {
                    let current = state
                        .actor_pick
                        .and_then(|a| project.actor(a))
                        .map_or("Choose an actor…".to_owned(), |a| a.name.clone());
                    egui::ComboBox::from_id_salt("dossier-link-actor")
                        .selected_text(current)
                        .width(150.0)
                        .truncate()
                        .show_above(ui, |ui| {
                            let mut actors: Vec<_> = project.actors().values().collect();
                            actors.sort_by_key(|a| a.name.to_lowercase());
                            for a in actors {
                                ui.selectable_value(&mut state.actor_pick, Some(a.id), &a.name);
                            }
                        })
                        .response
                        .accessible_name("Actor to link");
                    let role = state.actor_role.get_or_insert(ActorRole::Mentioned);
                    egui::ComboBox::from_id_salt("dossier-link-actor-role")
                        .selected_text(role.label())
                        .width(90.0)
                        .show_above(ui, |ui| {
                            for r in ActorRole::ALL {
                                ui.selectable_value(role, r, r.label());
                            }
                        })
                        .response
                        .accessible_name("Role of the actor");
                    let role = *role;
                    if ui
                        .add_enabled(state.actor_pick.is_some(), egui::Button::new("Link"))
                        .on_hover_text("Link the chosen actor to this passage")
                        .clicked()
                        && let Some(actor) = state.actor_pick
                    {
                        actions.push(Action::Edit(Edit::LinkActor(id, actor, role)));
                    }
                });
            }
            ui.add_space(8.0);

            // Events.
            section_title(ui, "Events", theme);
            for (event, role) in &passage.events {
                let Some(e) = project.event(*event) else {
                    continue;
                };
                let date = e.date.map(|d| format!(" ({d})")).unwrap_or_default();
                let title = RichText::new(format!("{}{date}", e.title)).color(theme.event_link);
                if link_row(ui, title, &e.title, role.label(), theme) {
                    actions.push(Action::Edit(Edit::UnlinkEvent(id, *event, *role)));
                }
            }
            if project.events().is_empty() {
                ui.label(
                    RichText::new("No events in this project.")
                        .small()
                        .color(theme.weak_text),
                );
            } else {
                // Wraps on a narrow inspector rather than widening it.
                ui.horizontal_wrapped(|ui| {
                    let current = state
                        .event_pick
                        .and_then(|e| project.event(e))
                        .map_or("Choose an event…".to_owned(), |e| e.title.clone());
                    egui::ComboBox::from_id_salt("dossier-link-event")
                        .selected_text(current)
                        .width(150.0)
                        .truncate()
                        .show_above(ui, |ui| {
                            let mut events: Vec<_> = project.events().values().collect();
                            events.sort_by_key(|e| {
                                (e.date.map(|d| d.first_day()), e.title.to_lowercase())
                            });
                            for e in events {
                                ui.selectable_value(&mut state.event_pick, Some(e.id), &e.title);
                            }
                        })
                        .response
                        .accessible_name("Event to link");
                    let role = state.event_role.get_or_insert(EventRole::Reports);
                    egui::ComboBox::from_id_salt("dossier-link-event-role")
                        .selected_text(role.label())
                        .width(90.0)
                        .show_above(ui, |ui| {
                            for r in EventRole::ALL {
                                ui.selectable_value(role, r, r.label());
                            }
                        })
                        .response
                        .accessible_name("Role of the event");
                    let role = *role;
                    if ui
                        .add_enabled(state.event_pick.is_some(), egui::Button::new("Link"))
                        .on_hover_text("Link the chosen event to this passage")
                        .clicked()
                        && let Some(event) = state.event_pick
                    {
                        actions.push(Action::Edit(Edit::LinkEvent(id, event, role)));
                    }
                });
            }
            ui.add_space(8.0);

            claims_ui(ui, project, id, theme, actions);
            grades_ui(ui, project, id, theme, actions);
            ui.add_space(8.0);

            // Note.
            let label = section_title(ui, "Note", theme);
            let mut note = passage.note.clone();
            let response = egui::TextEdit::multiline(&mut note)
                .id(note_field_id())
                .hint_text("Your note on this passage (N)")
                .desired_rows(4)
                .desired_width(f32::INFINITY)
                .show(ui)
                .response
                .response
                .labelled_by(label.id);
            let session = match state.note_session {
                Some((p, key)) if p == id && !response.gained_focus() => key,
                _ => {
                    *next_group += 1;
                    let key = GroupKey(*next_group);
                    state.note_session = Some((id, key));
                    key
                }
            };
            if response.changed() {
                actions.push(Action::EditGrouped(Edit::SetPassageNote(id, note), session));
            }
            if response.lost_focus() {
                actions.push(Action::SealHistory);
                state.note_session = None;
            }
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui
                    .button(RichText::new("Delete passage").color(theme.error))
                    .on_hover_text(Command::DeletePassage.tooltip())
                    .clicked()
                {
                    actions.push(Action::Run(Command::DeletePassage));
                }
            });
        });
}

/// The passage's stances: each claim with the stance's glyph and name, a button to remove it,
/// and one to open the claim palette (`C`).
fn claims_ui(
    ui: &mut egui::Ui,
    project: &Project,
    id: PassageId,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    section_title(ui, "Claims", theme);
    for (claim, stance) in project.evidence().stances_of(id) {
        let Some(c) = project.evidence().claim(claim) else {
            continue;
        };
        fitted_row(
            ui,
            |ui| {
                if ui
                    .small_button("×")
                    .accessible_name(format!("Remove the stance on {}", c.statement))
                    .on_hover_text("Remove this passage's stance on the claim")
                    .clicked()
                {
                    actions.push(Action::Edit(Edit::SetStance {
                        claim,
                        passage: id,
                        stance: None,
                    }));
                }
            },
            |ui| {
                ui.label(
                    RichText::new(format!("{} {}", stance.glyph(), stance.as_str()))
                        .small()
                        .strong(),
                );
                ui.add(egui::Label::new(RichText::new(&c.statement).color(theme.text)).truncate());
            },
        );
    }
    if ui
        .button("+ Claim")
        .on_hover_text(Command::LinkClaim.tooltip())
        .clicked()
    {
        actions.push(Action::Run(Command::LinkClaim));
    }
    ui.add_space(8.0);
}

/// The Admiralty grades around the passage: its credibility (1–6), its outlet's and its
/// speakers' reliability (A–F), each a combo box whose choice is one undoable `SetGrade`.
fn grades_ui(
    ui: &mut egui::Ui,
    project: &Project,
    id: PassageId,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    section_title(ui, "Grades", theme);
    let evidence = project.evidence();
    let current = evidence.credibility(id);
    grade_row(
        ui,
        "Credibility",
        "Credibility of the passage",
        &format!("{} — {}", current.number(), current.label()),
        |ui| {
            for c in Credibility::ALL {
                let text = format!("{} — {}", c.number(), c.label());
                if ui.selectable_label(c == current, text).clicked() && c != current {
                    actions.push(Action::Edit(Edit::SetGrade(Grade::Passage(id, c))));
                }
            }
        },
    );
    let Some(passage) = project.passage(id) else {
        return;
    };
    let outlet = project
        .document(passage.doc)
        .map(|d| d.source.trim().to_owned())
        .unwrap_or_default();
    if !outlet.is_empty() {
        let current = evidence.outlet_grade(&outlet);
        reliability_row(ui, &format!("Outlet {outlet}"), current, |g| {
            actions.push(Action::Edit(Edit::SetGrade(Grade::Outlet(
                outlet.clone(),
                g,
            ))));
        });
    }
    for (actor, role) in &passage.actors {
        if *role != ActorRole::Speaker {
            continue;
        }
        let Some(a) = project.actor(*actor) else {
            continue;
        };
        let current = evidence.actor_grade(*actor);
        reliability_row(ui, &format!("Speaker {}", a.name), current, |g| {
            actions.push(Action::Edit(Edit::SetGrade(Grade::Actor(*actor, g))));
        });
    }
}

/// A link of the passage: the actor's name or the event's title (cut short to fit), its role and
/// an "Unlink" button; true when that was clicked.
fn link_row(ui: &mut egui::Ui, text: RichText, name: &str, role: &str, theme: &Theme) -> bool {
    let mut unlink = false;
    fitted_row(
        ui,
        |ui| {
            unlink = ui
                .small_button("×")
                .accessible_name(format!("Unlink {name}"))
                .on_hover_text("Remove this link")
                .clicked();
            ui.label(RichText::new(role).small().color(theme.weak_text));
        },
        |ui| {
            ui.add(egui::Label::new(text).truncate());
        },
    );
    unlink
}

/// A row that never widens the inspector: `trailing` is laid out from the right edge (its first
/// widget rightmost), then `leading` from the left in what is left, where a truncating label
/// gives way. (In a plain horizontal row a truncating label takes all the remaining width and
/// pushes what follows past the edge, which widened the panel for good.)
fn fitted_row(
    ui: &mut egui::Ui,
    trailing: impl FnOnce(&mut egui::Ui),
    leading: impl FnOnce(&mut egui::Ui),
) {
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            trailing(ui);
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), leading);
        });
    });
}

/// A row of the grades: the label and a combo box (kept above dialogs) named `name`.
fn grade_row(
    ui: &mut egui::Ui,
    label: &str,
    name: &str,
    selected: &str,
    contents: impl FnOnce(&mut egui::Ui),
) {
    fitted_row(
        ui,
        |ui| {
            // At most 170 points: a long grade name is cut short, not pushed past the edge.
            let width = 170.0_f32.min(ui.available_width() * 0.6);
            let size = Vec2::new(width, ui.spacing().interact_size.y);
            ui.allocate_ui(size, |ui| {
                egui::ComboBox::from_id_salt(("dossier-grade", name))
                    .selected_text(selected)
                    .width(width)
                    .truncate()
                    .show_above(ui, contents)
                    .response
                    .accessible_name(name);
            });
        },
        |ui| {
            ui.add(egui::Label::new(label).truncate());
        },
    );
}

/// A source's reliability row; `set` receives a newly chosen grade.
fn reliability_row(
    ui: &mut egui::Ui,
    source: &str,
    current: Reliability,
    mut set: impl FnMut(Reliability),
) {
    grade_row(
        ui,
        source,
        &format!("Reliability of {source}"),
        &format!("{} — {}", current.as_str(), current.label()),
        |ui| {
            for g in Reliability::ALL {
                let text = format!("{} — {}", g.as_str(), g.label());
                if ui.selectable_label(g == current, text).clicked() && g != current {
                    set(g);
                }
            }
        },
    );
}

/// The open article's passages in reading order, each a jump target: an outline of the coding.
/// The article's orphaned passages (left unplaced when its text was replaced): each can be
/// placed on the reader's selection or deleted, one undo step each.
fn orphans_ui(
    ui: &mut egui::Ui,
    project: &Project,
    doc: DocId,
    has_text_selection: bool,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let orphans: Vec<_> = project.orphans_in(doc).collect();
    if orphans.is_empty() {
        return;
    }
    ui.add_space(10.0);
    section_title(
        ui,
        &match orphans.len() {
            1 => "1 orphaned passage in this article".to_owned(),
            n => format!("{n} orphaned passages in this article"),
        },
        theme,
    );
    ui.label(
        RichText::new(
            "Their text was not found in the article's new version. Select where one belongs and place it, or delete it.",
        )
        .small()
        .color(theme.weak_text),
    );
    egui::ScrollArea::vertical()
        .id_salt("dossier-orphans-scroll")
        .max_height(200.0)
        .show(ui, |ui| {
            for p in orphans {
                ui.horizontal(|ui| {
                    let place = ui
                        .add_enabled(has_text_selection, egui::Button::new("Place").small())
                        .on_hover_text("Place this passage on the text selected in the reader")
                        .on_disabled_hover_text("Select its text in the reader first");
                    if place.clicked() {
                        actions.push(Action::PlaceOrphan(p.id));
                    }
                    let quote: String = p.quote.chars().take(120).collect();
                    if ui
                        .add(egui::Button::new("Delete").small())
                        .on_hover_text(format!("Delete the orphaned passage “{quote}”"))
                        .clicked()
                    {
                        actions.push(Action::Edit(Edit::RemovePassage(p.id)));
                    }
                    ui.add(
                        egui::Label::new(RichText::new(format!("“{quote}”")).color(theme.text))
                            .truncate(),
                    );
                });
            }
        });
}

fn outline_ui(
    ui: &mut egui::Ui,
    project: &Project,
    doc: DocId,
    blind: Option<&str>,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    if project.passage_count(doc) == 0 {
        return;
    }
    let passages: Vec<_> = (project.passages_in(doc))
        .filter(|p| blind.is_none_or(|a| p.is_by(a)))
        .collect();
    let count = passages.len();
    ui.add_space(10.0);
    let title = match blind {
        Some(analyst) => {
            format!("{count} of your passages in this article ({analyst}, blind coding)")
        }
        None => format!("{count} passages in this article"),
    };
    section_title(ui, &title, theme);
    let row_height = 22.0;
    egui::ScrollArea::vertical()
        .id_salt("dossier-outline-scroll")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, passages.len(), |ui, rows| {
            for p in passages.get(rows).unwrap_or_default() {
                let (rect, response) = ui.allocate_exact_size(
                    Vec2::new(ui.available_width(), row_height),
                    egui::Sense::click(),
                );
                let quote: String = p.quote.chars().take(90).collect();
                let label = format!("Passage {quote}");
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if ui.is_rect_visible(rect) {
                    let painter = ui.painter_at(rect);
                    if response.hovered() {
                        painter.rect_filled(rect, 4.0, theme.row_hover);
                    }
                    let mut x = rect.left() + 4.0;
                    for tag in p.tags.iter().take(3) {
                        if let Some(t) = project.tag(*tag) {
                            let r = egui::Rect::from_center_size(
                                egui::pos2(x + 4.0, rect.center().y),
                                Vec2::new(6.0, 14.0),
                            );
                            painter.rect_filled(r, 2.0, theme.swatch(t.color));
                            x += 8.0;
                        }
                    }
                    // The quote starts at the same place whatever the number of swatches.
                    let x = rect.left() + 4.0 + 8.0 * 3.0;
                    let mut job = egui::text::LayoutJob::simple_singleline(
                        quote,
                        egui::FontId::proportional(13.0),
                        theme.text,
                    );
                    job.wrap = egui::text::TextWrapping::truncate_at_width(rect.right() - x - 10.0);
                    let galley = ui.painter().layout_job(job);
                    painter.galley(
                        egui::pos2(x + 6.0, rect.center().y - galley.size().y / 2.0),
                        galley,
                        theme.text,
                    );
                }
                if response.clicked() {
                    actions.push(Action::SelectPassage(p.id));
                }
            }
        });
}

fn section_title(ui: &mut egui::Ui, title: &str, theme: &Theme) -> egui::Response {
    ui.label(
        RichText::new(title.to_uppercase())
            .small()
            .strong()
            .color(theme.weak_text),
    )
}

/// A coloured tag chip.
pub fn chip_ui(ui: &mut egui::Ui, label: &str, color: egui::Color32, reserve: f32, theme: &Theme) {
    // Laid out before it is placed, so a wrapping row moves a chip that does not fit (with the
    // `reserve` kept for what follows it) to the next line whole; a frame around a label was
    // squeezed into a column of letters instead.
    let margin = Vec2::new(8.0, 2.0);
    let galley = egui::WidgetText::from(RichText::new(label).color(theme.text)).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        (ui.available_width() - 2.0 * margin.x - reserve).max(24.0),
        egui::TextStyle::Body,
    );
    let needed = galley.size().x + 2.0 * margin.x + reserve;
    let line_begun = ui.available_size_before_wrap().x < ui.available_width();
    if ui.layout().main_wrap() && line_begun && needed > ui.available_size_before_wrap().x {
        ui.end_row();
    }
    let (rect, response) = ui.allocate_exact_size(galley.size() + 2.0 * margin, Sense::hover());
    if ui.is_rect_visible(rect) {
        let fill = super::theme::blend(theme.page, color, if theme.dark { 0.45 } else { 0.3 });
        ui.painter().rect_filled(rect, 10.0, fill);
        ui.painter()
            .galley(rect.min + margin, galley.clone(), theme.text);
    }
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::accesskit::Role::Label, ui.is_enabled(), galley.text())
    });
}

/// The recently used tags as buttons numbered 1–9.
fn recent_tags_ui(
    ui: &mut egui::Ui,
    project: &Project,
    recent_tags: &[TagId],
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    if recent_tags.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Recent:").small().color(theme.weak_text));
        for (i, tag) in recent_tags.iter().enumerate() {
            let Some(t) = project.tag(*tag) else {
                continue;
            };
            let text = RichText::new(format!("{} {}", i + 1, t.name)).small();
            if ui
                .add(egui::Button::new(text).fill(theme.highlight(t.color)))
                .on_hover_text(format!("Apply “{}” (key {})", t.name, i + 1))
                .clicked()
            {
                actions.push(Action::ApplyTag(*tag));
            }
        }
    });
}
