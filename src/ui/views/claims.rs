//! The Claims view: the claim matrix. One row per claim with its holders (speakers, or outlets
//! in their own voice) grouped by stance — supports, disputes, qualifies, each shown with its
//! glyph as well as its colour — the number of independent outlets supporting it, and the
//! contested and single-source flags, all computed by [`crate::corroboration`]. Clicking a
//! holder jumps to the passage that holds the stance. Filters keep only the contested or only
//! the single-source claims. A claim can be renamed, described or deleted (deleting one with
//! stances asks first); each is one undo step. "As ACH evidence" adds a claim as an evidence row
//! of the competing-hypotheses matrix.

use egui::{RichText, Ui};

use crate::corroboration::{ClaimReport, analyse};
use crate::edit::Edit;
use crate::model::{ClaimId, Project, Stance};
use crate::ui::action::Action;
use crate::ui::theme::Theme;

/// The view's state: the filters, the claim being edited, a deletion awaiting an answer.
#[derive(Debug, Default)]
pub struct ClaimsState {
    /// Only claims supported and disputed by different holders.
    pub contested_only: bool,
    /// Only claims supported by exactly one independent outlet.
    pub single_source_only: bool,
    /// The claim being edited, with its statement and description as typed.
    editing: Option<(ClaimId, String, String)>,
    /// A claim with stances the user asked to delete.
    confirm_remove: Option<ClaimId>,
}

/// The colour of a stance (shown with its glyph, never alone).
fn stance_color(stance: Stance, theme: &Theme) -> egui::Color32 {
    match stance {
        Stance::Supports => theme.actor_link,
        Stance::Disputes => theme.error,
        Stance::Qualifies => theme.weak_text,
    }
}

/// Draws the Claims view.
pub fn claims_ui(
    ui: &mut Ui,
    project: &Project,
    state: &mut ClaimsState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let reports = analyse(project);
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Claims").strong().size(15.0));
        ui.label(
            RichText::new(format!(
                "{} claims · {} contested · {} single-source",
                reports.len(),
                reports.iter().filter(|r| r.contested).count(),
                reports.iter().filter(|r| r.single_source).count()
            ))
            .color(theme.weak_text),
        );
        ui.checkbox(&mut state.contested_only, "Contested only");
        ui.checkbox(&mut state.single_source_only, "Single source only");
    });
    ui.label(
        RichText::new(
            "+ supports · − disputes · ~ qualifies — click a holder to open the passage. New claims: select a passage and press C.",
        )
        .small()
        .color(theme.weak_text),
    );
    ui.separator();
    if reports.is_empty() {
        ui.label(
            RichText::new("No claims yet. Select a passage and press C to state one.")
                .color(theme.weak_text),
        );
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("dossier-claims-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for report in &reports {
                if (state.contested_only && !report.contested)
                    || (state.single_source_only && !report.single_source)
                {
                    continue;
                }
                claim_row(ui, project, report, state, theme, actions);
                ui.separator();
            }
        });
}

/// One claim: its statement, flags, the holders by stance, and its editing controls.
fn claim_row(
    ui: &mut Ui,
    project: &Project,
    report: &ClaimReport<'_>,
    state: &mut ClaimsState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let claim = report.claim;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&claim.statement).strong().color(theme.text));
        if report.contested {
            ui.label(RichText::new("[contested]").small().color(theme.error));
        }
        if report.single_source {
            ui.label(RichText::new("[single source]").small().color(theme.accent));
        }
        ui.label(
            RichText::new(format!(
                "{} independent outlet{}",
                report.independent_outlets,
                if report.independent_outlets == 1 {
                    ""
                } else {
                    "s"
                }
            ))
            .small()
            .color(theme.weak_text),
        );
    });
    if !claim.description.is_empty() {
        ui.label(
            RichText::new(&claim.description)
                .small()
                .color(theme.weak_text),
        );
    }
    for stance in Stance::ALL {
        let rows: Vec<_> = report.side(stance).collect();
        if rows.is_empty() {
            continue;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("{} {}", stance.glyph(), stance.as_str()))
                    .color(stance_color(stance, theme))
                    .strong(),
            );
            for row in rows {
                let name = row.holder.name(project);
                let text = if row.outlet.is_empty() || row.holder.kind() == "outlet" {
                    format!("{} {name}", stance.glyph())
                } else {
                    format!("{} {name} ({})", stance.glyph(), row.outlet)
                };
                if ui
                    .button(RichText::new(text).color(stance_color(stance, theme)))
                    .on_hover_text("Open the passage")
                    .clicked()
                {
                    actions.push(Action::JumpToPassage(row.passage));
                }
            }
        });
    }
    edit_controls(ui, project, report, state, theme, actions);
}

/// Rename/describe and delete, for one claim.
fn edit_controls(
    ui: &mut Ui,
    project: &Project,
    report: &ClaimReport<'_>,
    state: &mut ClaimsState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let claim = report.claim;
    match &mut state.editing {
        Some((id, statement, description)) if *id == claim.id => {
            let mut done = false;
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(statement)
                        .desired_width(360.0)
                        .hint_text("Statement"),
                )
                .accessible_name("Statement of the claim");
                ui.add(
                    egui::TextEdit::singleline(description)
                        .desired_width(240.0)
                        .hint_text("Description"),
                )
                .accessible_name("Description of the claim");
                if ui.button("Save claim").clicked() {
                    let mut changed = claim.clone();
                    changed.statement = statement.trim().to_owned();
                    changed.description = description.trim().to_owned();
                    if changed != *claim && !changed.statement.is_empty() {
                        actions.push(Action::Edit(Edit::SetClaim(changed)));
                    }
                    done = true;
                } else if ui.button("Cancel").clicked() {
                    done = true;
                }
            });
            if done {
                state.editing = None;
            }
        }
        _ => {
            ui.horizontal(|ui| {
                if ui
                    .small_button("Edit")
                    .accessible_name(format!("Edit claim {}", claim.statement))
                    .on_hover_text("Rename or describe the claim")
                    .clicked()
                {
                    state.editing =
                        Some((claim.id, claim.statement.clone(), claim.description.clone()));
                }
                let source = crate::model::RowSource::Claim(claim.id);
                if project.ach().row(source).is_some() {
                    ui.label(RichText::new("ACH evidence").small().color(theme.weak_text));
                } else if ui
                    .small_button("As ACH evidence")
                    .accessible_name(format!("Add claim {} as ACH evidence", claim.statement))
                    .on_hover_text(
                        "Add the claim as an evidence row of the competing-hypotheses matrix, to rate in the Hypotheses view",
                    )
                    .clicked()
                {
                    actions.push(Action::AddEvidence(vec![source]));
                }
                if state.confirm_remove == Some(claim.id) {
                    ui.label(
                        RichText::new(format!(
                            "Delete it and its {} stances?",
                            claim.stances.len()
                        ))
                        .color(theme.error),
                    );
                    if ui.small_button("Delete claim and stances").clicked() {
                        actions.push(Action::Edit(Edit::RemoveClaim(claim.id)));
                        state.confirm_remove = None;
                    }
                    if ui.small_button("Keep").clicked() {
                        state.confirm_remove = None;
                    }
                } else if ui
                    .small_button("Delete")
                    .accessible_name(format!("Delete claim {}", claim.statement))
                    .on_hover_text(
                        "Delete the claim (undoable); asks first when passages hold stances on it",
                    )
                    .clicked()
                {
                    if claim.stances.is_empty() {
                        actions.push(Action::Edit(Edit::RemoveClaim(claim.id)));
                    } else {
                        state.confirm_remove = Some(claim.id);
                    }
                }
            });
        }
    }
}
