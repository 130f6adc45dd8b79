//! The Claims view: the claim matrix. One row per claim with its holders (speakers, or outlets
//! in their own voice) grouped by stance — supports, disputes, qualifies, each shown with its
//! glyph as well as its colour — the number of independent outlets supporting it, and the
//! contested and single-source flags, all computed by [`crate::corroboration`]. Clicking a
//! holder jumps to the passage that holds the stance. Filters keep only the contested or only
//! the single-source claims. A claim can be renamed, described or deleted (deleting one with
//! stances asks first); each is one undo step. "As ACH evidence" adds a claim as an evidence row
//! of the competing-hypotheses matrix. "Holder network" opens the agreement and conflict network
//! of the holders in the Network view ([`super::holders`]).
//!
//! The corroboration is worked out once per project revision (and blind-coding filter: with blind
//! coding on, only the analyst's stances are listed and counted) and shared with the other views
//! ([`super::corroborated`]; reprints of large texts are found on a worker), and only the rows
//! in view are laid out (rows are measured as they are drawn), so a project with thousands of
//! claims costs a frame what its visible rows cost.

use egui::{Pos2, Rect, RichText, Ui, UiBuilder, vec2};

use std::sync::Arc;

use super::corroborated::{Corroborated, Corroboration};
use crate::corroboration::Summary;
use crate::edit::Edit;
use crate::model::{Claim, ClaimId, Project, Stance};
use crate::ui::action::Action;
use crate::ui::theme::Theme;

/// The height a claim row is taken to have until it has been drawn once.
const ESTIMATED_ROW: f32 = 64.0;

/// What the view derives from one generation of the corroboration: every claim's [`Summary`], in
/// the order of [`crate::corroboration::analyse`], and how tall each row was when last drawn.
#[derive(Debug, Default)]
struct Analysis {
    generation: u64,
    summaries: Arc<Vec<Summary>>,
    contested: usize,
    single_source: usize,
    /// Indices into `summaries` that pass the filters, for (contested only, single source only).
    shown: Vec<usize>,
    shown_for: Option<(bool, bool)>,
    /// Measured heights by index into `summaries` (0: not drawn yet).
    heights: Vec<f32>,
}

/// The view's state: the filters, the claim being edited, a deletion awaiting an answer, the
/// analysis of the current revision, and the claim to bring into view.
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
    /// Corroboration is computed once per project revision, not per frame.
    analysis: Option<Analysis>,
    /// A claim to scroll to on the next frame (then it stays highlighted).
    scroll_to: Option<ClaimId>,
    /// The claim opened from elsewhere (an event card), outlined.
    highlighted: Option<ClaimId>,
}

impl ClaimsState {
    /// Brings a claim into view and outlines it (the filters are cleared if they hide it).
    pub fn open_claim(&mut self, claim: ClaimId) {
        self.scroll_to = Some(claim);
        self.highlighted = Some(claim);
    }

    /// The claim opened from elsewhere, if any.
    pub fn highlighted(&self) -> Option<ClaimId> {
        self.highlighted
    }

    /// The view's analysis of `corroborated`, rebuilt only when it changed.
    fn analysis(&mut self, corroborated: &Corroborated) -> &mut Analysis {
        let stale =
            (self.analysis.as_ref()).is_none_or(|a| a.generation != corroborated.generation);
        if stale {
            let summaries = Arc::clone(&corroborated.summaries);
            let heights = match self.analysis.take() {
                // The same claims in the same order keep their measured heights.
                Some(old) if same_claims(&old.summaries, &summaries) => old.heights,
                _ => vec![0.0; summaries.len()],
            };
            self.analysis = Some(Analysis {
                generation: corroborated.generation,
                contested: summaries.iter().filter(|s| s.contested).count(),
                single_source: summaries.iter().filter(|s| s.single_source).count(),
                heights,
                summaries,
                shown: Vec::new(),
                shown_for: None,
            });
        }
        let filters = (self.contested_only, self.single_source_only);
        let analysis = self.analysis.get_or_insert_with(Analysis::default);
        if analysis.shown_for != Some(filters) {
            analysis.shown = (analysis.summaries.iter().enumerate())
                .filter(|(_, s)| (!filters.0 || s.contested) && (!filters.1 || s.single_source))
                .map(|(i, _)| i)
                .collect();
            analysis.shown_for = Some(filters);
        }
        analysis
    }
}

/// The colour of a stance (shown with its glyph, never alone).
fn stance_color(stance: Stance, theme: &Theme) -> egui::Color32 {
    match stance {
        Stance::Supports => theme.actor_link,
        Stance::Disputes => theme.error,
        Stance::Qualifies => theme.weak_text,
    }
}

/// Whether two analyses list the same claims in the same order.
fn same_claims(a: &[Summary], b: &[Summary]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.claim == y.claim)
}

/// Draws the Claims view. Only the rows in the visible part of the list are laid out.
pub fn claims_ui(
    ui: &mut Ui,
    project: &Project,
    state: &mut ClaimsState,
    corroboration: &mut Corroboration,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let corroborated = corroboration.get(project, ui.ctx());
    let blind = corroboration.blind.is_some();
    if let Some(claim) = state.scroll_to {
        let (contested_only, single_only) = (state.contested_only, state.single_source_only);
        let hidden = state.analysis(&corroborated).summaries.iter().any(|s| {
            s.claim == claim
                && ((contested_only && !s.contested) || (single_only && !s.single_source))
        });
        if hidden {
            state.contested_only = false;
            state.single_source_only = false;
        }
    }
    let analysis = state.analysis(&corroborated);
    let (total, contested, single) = (
        analysis.summaries.len(),
        analysis.contested,
        analysis.single_source,
    );
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Claims").strong().size(15.0));
        ui.label(
            RichText::new(format!(
                "{total} claims · {contested} contested · {single} single-source"
            ))
            .color(theme.weak_text),
        );
        if let Some(finding) = &corroborated.finding {
            ui.spinner();
            ui.label(
                RichText::new(format!(
                    "{finding}: independent-outlet counts may still change"
                ))
                .small()
                .color(theme.weak_text),
            );
        }
        ui.separator();
        ui.checkbox(&mut state.contested_only, "Contested only");
        ui.checkbox(&mut state.single_source_only, "Single source only");
        ui.separator();
        if ui
            .button("Holder network")
            .on_hover_text(
                "Who agrees and who conflicts with whom over the claims, in the Network view",
            )
            .clicked()
        {
            actions.push(Action::OpenHolderNetwork);
        }
    });
    ui.label(
        RichText::new(
            "+ supports · − disputes · ~ qualifies — click a holder to open the passage. New claims: select a passage and press C.",
        )
        .small()
        .color(theme.weak_text),
    );
    ui.separator();
    if total == 0 {
        ui.label(
            RichText::new("No claims yet. Select a passage and press C to state one.")
                .color(theme.weak_text),
        );
        return;
    }
    let scroll_to = state.scroll_to.take();
    // Take the analysis out while drawing, so that rows can change the rest of the state.
    state.analysis(&corroborated);
    let Some(mut analysis) = state.analysis.take() else {
        return;
    };
    if analysis.shown.is_empty() {
        ui.label(RichText::new("No claim passes the filters.").color(theme.weak_text));
    }
    let height = |a: &Analysis, i: usize| {
        a.heights
            .get(i)
            .copied()
            .filter(|h| *h > 0.0)
            .unwrap_or(ESTIMATED_ROW)
    };
    let mut area = egui::ScrollArea::vertical()
        .id_salt("dossier-claims-scroll")
        .auto_shrink([false, false]);
    if let Some(claim) = scroll_to {
        let offset: f32 = (analysis.shown.iter())
            .take_while(|&&i| analysis.summaries.get(i).is_some_and(|s| s.claim != claim))
            .map(|&i| height(&analysis, i))
            .sum();
        area = area.vertical_scroll_offset(offset);
    }
    area.show_viewport(ui, |ui, viewport| {
        let origin = ui.max_rect().min;
        let width = ui.available_width();
        let mut y = 0.0;
        for &i in &analysis.shown {
            let h = height(&analysis, i);
            if y + h < viewport.min.y || y > viewport.max.y {
                y += h;
                continue;
            }
            let Some(summary) = analysis.summaries.get(i) else {
                continue;
            };
            let Some(claim) = project.evidence().claim(summary.claim) else {
                continue;
            };
            let rect = Rect::from_min_size(
                Pos2::new(origin.x, origin.y + y),
                vec2(width, f32::INFINITY),
            );
            let drawn = ui
                .scope_builder(UiBuilder::new().max_rect(rect), |ui| {
                    let highlighted = state.highlighted == Some(claim.id);
                    let frame = egui::Frame::new().inner_margin(2.0).stroke(if highlighted {
                        egui::Stroke::new(1.5, theme.accent)
                    } else {
                        egui::Stroke::NONE
                    });
                    frame.show(ui, |ui| {
                        ui.set_width(width - 6.0);
                        claim_row(ui, project, claim, summary, blind, state, theme, actions);
                    });
                    ui.separator();
                })
                .response
                .rect
                .height();
            if let Some(slot) = analysis.heights.get_mut(i) {
                *slot = drawn.max(1.0);
            }
            y += drawn.max(1.0);
        }
        ui.allocate_rect(
            Rect::from_min_size(origin, vec2(width, y.max(1.0))),
            egui::Sense::hover(),
        );
    });
    state.analysis = Some(analysis);
}

/// One claim: its statement, flags, the holders by stance, and its editing controls. With
/// `blind` (blind coding on), `report` holds only the analyst's stances.
#[allow(clippy::too_many_arguments)]
fn claim_row(
    ui: &mut Ui,
    project: &Project,
    claim: &Claim,
    report: &Summary,
    blind: bool,
    state: &mut ClaimsState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
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
    let shown: std::collections::BTreeSet<_> = report.stances.iter().map(|r| r.passage).collect();
    let stances = StancesShown {
        count: shown.len(),
        blind,
    };
    edit_controls(ui, project, claim, stances, state, theme, actions);
}

/// The stances on a claim the view may tell of: how many are shown, and whether blind coding
/// hides others (whose number it must not tell).
#[derive(Debug, Clone, Copy)]
struct StancesShown {
    count: usize,
    blind: bool,
}

/// Rename/describe and delete, for one claim.
fn edit_controls(
    ui: &mut Ui,
    project: &Project,
    claim: &Claim,
    stances: StancesShown,
    state: &mut ClaimsState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
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
                    let question = if stances.blind {
                        format!(
                            "Delete it and its stances ({} of yours, and any other analyst's)?",
                            stances.count
                        )
                    } else {
                        format!("Delete it and its {} stances?", claim.stances.len())
                    };
                    ui.label(RichText::new(question).color(theme.error));
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
                    // Blind coding always asks: deleting at once would tell that no one
                    // else holds a stance on it.
                    if claim.stances.is_empty() && !stances.blind {
                        actions.push(Action::Edit(Edit::RemoveClaim(claim.id)));
                    } else {
                        state.confirm_remove = Some(claim.id);
                    }
                }
            });
        }
    }
}
