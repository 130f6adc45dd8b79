//! Edits: the one place the project changes. [`Workbench::apply_edit`] sends an edit through
//! the undo history and marks the project dirty; undo and redo bring what they changed into
//! view; the gestures (tag, link, create-and-apply the current target, built in
//! `crate::edit`) and the confirmed deletions, merges and moves end here.

use super::Workbench;
use crate::edit::{
    Edit, EditError, Gesture, GroupKey, Subject, Target, TargetError, create_tag_and_apply,
    delete_actor_everywhere, delete_event_everywhere, delete_tag_everywhere, tag_target,
};
use crate::model::{ActorId, EventId, Tag, TagId};
use crate::ui::TAG_PATH_SEPARATOR;
use crate::ui::action::SideTab;
use crate::ui::command::Command;
use crate::ui::theme::Theme;
use crate::ui::views::search::tag_coverage;

impl Workbench {
    /// Applies an edit through the history; reports failures as notices. True if it applied.
    pub(super) fn apply_edit(&mut self, mut edit: Edit, group: Option<GroupKey>) -> bool {
        let label = edit.label();
        // Who is editing, from the settings (the session may have been replaced since).
        self.session.set_author(&self.settings.analyst);
        edit.stamp_author(&self.settings.analyst);
        match self.session.apply_grouped(edit, group) {
            Ok(_) => true,
            Err(EditError::NoChange) => false,
            Err(err) => {
                self.error(format!("Could not {label}: {err}"), "");
                false
            }
        }
    }

    pub(super) fn undo(&mut self, redo: bool) {
        let result = if redo {
            self.session.redo()
        } else {
            self.session.undo()
        };
        match result {
            // Undoing back to the saved state is clean again (the session compares tokens).
            Ok(Some(subject)) => self.bring_into_view(subject),
            Ok(None) => self.info(if redo {
                "Nothing to redo."
            } else {
                "Nothing to undo."
            }),
            Err(err) => self.error(
                format!("Could not {}: {err}", if redo { "redo" } else { "undo" }),
                "",
            ),
        }
    }

    /// Shows what an undone or redone step changed.
    pub(super) fn bring_into_view(&mut self, subject: Subject) {
        match subject {
            Subject::Passage(p) => {
                if self.session.project().passage(p).is_some() {
                    self.select_passage(p);
                }
            }
            Subject::Tag(t) => {
                if self.session.project().tag(t).is_some() {
                    self.codebook.selected = Some(t);
                    self.codebook.scroll_to_selected = true;
                }
            }
            Subject::Document(d) => {
                if self.session.project().document(d).is_some() {
                    self.open_document(d);
                }
            }
            Subject::Actor(a) => {
                if self.session.project().actor(a).is_some() {
                    self.side_tab = SideTab::Actors;
                    self.entities.selected_actor = Some(a);
                    self.entities.scroll_to_selected = true;
                }
            }
            Subject::Event(e) => {
                if self.session.project().event(e).is_some() {
                    self.side_tab = SideTab::Events;
                    self.entities.selected_event = Some(e);
                    self.entities.scroll_to_selected = true;
                }
            }
            Subject::Project | Subject::Claim(_) => {}
        }
    }

    /// Applies rows added as ACH evidence (one undo step) and says what came of it, with the
    /// key of the Hypotheses view. Returns whether rows were added.
    pub(super) fn add_evidence(&mut self, added: crate::edit::EvidenceAdded) -> bool {
        let applied = match added.edit.clone() {
            Some(edit) => {
                if !self.apply_edit(edit, None) {
                    return false; // the error is shown
                }
                true
            }
            None => false,
        };
        let mut text = added.message();
        if applied {
            text.push_str(&format!(
                " Rate them in the Hypotheses view ({}).",
                Command::Show(crate::ui::action::CentreView::Ach).key_or_label()
            ));
        }
        self.info(text);
        applied
    }

    /// What the gestures act on: the reader's text selection, else the selected passage.
    pub(super) fn gesture_target(&self) -> Option<Target> {
        if let (Some(range), Some(doc)) = (self.reader.selection(), self.reader.document()) {
            return Some(Target::Span {
                doc,
                start: range.start,
                end: range.end,
            });
        }
        self.selected_passage.map(Target::Passage)
    }

    /// Applies a gesture on the target and selects its passage; says why when it could not be
    /// built or applied to the target (`tell_unapplied`: also when only its new tag, actor or
    /// event is created). Returns whether a tag or link was added to a passage.
    pub(super) fn run_gesture(
        &mut self,
        built: Result<Gesture, TargetError>,
        tell_unapplied: bool,
    ) -> bool {
        let gesture = match built {
            Ok(gesture) => gesture,
            Err(why) => {
                self.info(why.to_string());
                return false;
            }
        };
        if let Some(why) = &gesture.unapplied
            && tell_unapplied
        {
            self.info(why.to_string());
        }
        if !self.apply_edit(gesture.edit, None) {
            return false;
        }
        let Some(passage) = gesture.passage else {
            return false;
        };
        self.selected_passage = Some(passage);
        self.reader.clear_selection();
        gesture.adding
    }

    /// Runs a gesture that may create its actor or event (an empty name does nothing); returns
    /// the id of the one created.
    pub(super) fn run_creating_gesture<I>(
        &mut self,
        built: Result<(Gesture, Option<I>), TargetError>,
    ) -> Option<I> {
        match built {
            Ok((gesture, created)) => {
                self.run_gesture(Ok(gesture), true);
                created
            }
            Err(TargetError::EmptyName) => None,
            Err(why) => {
                self.info(why.to_string());
                None
            }
        }
    }

    pub(super) fn apply_tag(&mut self, tag: TagId) {
        let built = tag_target(self.session.project(), self.gesture_target(), tag);
        if self.run_gesture(built, true) {
            self.touch_recent(tag);
        }
    }

    pub(super) fn create_tag_and_apply(&mut self, name: &str) {
        let new = Tag {
            id: TagId::random(),
            name: name.to_owned(),
            color: Theme::next_tag_color(self.session.project().tags().values().map(|t| &t.color)),
            parent: None,
            description: String::new(),
        };
        match create_tag_and_apply(self.session.project(), self.gesture_target(), new) {
            Ok((gesture, created)) => {
                let tag = created.or_else(|| {
                    self.session
                        .project()
                        .tag_by_name(name.trim())
                        .map(|t| t.id)
                });
                // A new tag with nothing to apply it to is created quietly.
                if self.run_gesture(Ok(gesture), created.is_none())
                    && let Some(tag) = tag
                {
                    self.touch_recent(tag);
                }
                if let Some(created) = created
                    && self.session.project().tag(created).is_some()
                {
                    self.codebook.selected = Some(created);
                }
            }
            Err(TargetError::EmptyName) => {}
            Err(why) => self.info(why.to_string()),
        }
    }

    /// Tags every hit of the search view with `tag` as one undo step (creating `new` first, in
    /// the same step, when given), and says how many were tagged.
    pub(super) fn tag_search_hits(&mut self, tag: TagId, new: Option<Tag>) {
        let hits = self.views.search.hits(self.session.project()).to_vec();
        if hits.is_empty() {
            self.info("No search results to tag.");
            return;
        }
        let name = new
            .as_ref()
            .map(|t| t.name.clone())
            .unwrap_or_else(|| self.session.project().tag_path(tag, TAG_PATH_SEPARATOR));
        let blind = self.blind_analyst();
        let (spans, already) = tag_coverage(self.session.project(), &hits, tag, blind);
        let Some(edit) = crate::search::tag_hits(self.session.project(), &hits, tag, blind) else {
            self.info(format!("All {spans} results already have “{name}”."));
            return;
        };
        let edit = match (new, edit) {
            (Some(t), Edit::Batch(mut edits)) => {
                edits.insert(0, Edit::AddTag(t));
                Edit::Batch(edits)
            }
            (Some(t), other) => Edit::Batch(vec![Edit::AddTag(t), other]),
            (None, edit) => self.led_by_tag(tag, edit),
        };
        if self.apply_edit(edit, None) {
            self.touch_recent(tag);
            let tagged = spans - already;
            self.info(format!(
                "Tagged {tagged} result{} with “{name}” ({already} already had it).",
                if tagged == 1 { "" } else { "s" }
            ));
        }
    }

    /// Puts an unchanged copy of `tag` first in a gesture's batch. Applying it is a no-op (a
    /// batch skips edits that change nothing), but the undo history names a step after its
    /// first edit, so undo and redo then bring this tag into view rather than whatever the
    /// gesture happened to touch first.
    pub(super) fn led_by_tag(&self, tag: TagId, edit: Edit) -> Edit {
        let Some(t) = self.session.project().tag(tag) else {
            return edit;
        };
        match edit {
            Edit::Batch(mut edits) => {
                edits.insert(0, Edit::SetTag(t.clone()));
                Edit::Batch(edits)
            }
            other => Edit::Batch(vec![Edit::SetTag(t.clone()), other]),
        }
    }

    pub(super) fn delete_actor(&mut self, actor: ActorId) {
        let name = self
            .session
            .project()
            .actor(actor)
            .map(|a| a.name.clone())
            .unwrap_or_default();
        match delete_actor_everywhere(self.session.project(), actor) {
            Ok(edit) => {
                if self.apply_edit(edit, None) {
                    self.info(format!(
                        "Deleted the actor “{name}”. Undo with {}.",
                        Command::Undo.key_or_label()
                    ));
                }
            }
            Err(err) => self.error(format!("Could not delete the actor: {err}"), ""),
        }
    }

    pub(super) fn delete_event(&mut self, event: EventId) {
        let title = self
            .session
            .project()
            .event(event)
            .map(|e| e.title.clone())
            .unwrap_or_default();
        match delete_event_everywhere(self.session.project(), event) {
            Ok(edit) => {
                if self.apply_edit(edit, None) {
                    self.info(format!(
                        "Deleted the event “{title}”. Undo with {}.",
                        Command::Undo.key_or_label()
                    ));
                }
            }
            Err(err) => self.error(format!("Could not delete the event: {err}"), ""),
        }
    }

    pub(super) fn delete_tag(&mut self, tag: TagId) {
        match delete_tag_everywhere(self.session.project(), tag) {
            Ok(edit) => {
                let edit = self.led_by_tag(tag, edit);
                let name = self
                    .session
                    .project()
                    .tag(tag)
                    .map(|t| t.name.clone())
                    .unwrap_or_default();
                if self.apply_edit(edit, None) {
                    self.info(format!(
                        "Deleted the tag “{name}”. Undo with {}.",
                        Command::Undo.key_or_label()
                    ));
                }
            }
            Err(err) => self.error(format!("Could not delete the tag: {err}"), ""),
        }
    }

    /// Puts `tag` under `parent` (or at the top level) as one undo step; refuses a move into
    /// its own subtree or next to a sibling of the same name, and says why.
    pub(super) fn reparent_tag(&mut self, tag: TagId, parent: Option<TagId>) {
        let Some(old) = self.session.project().tag(tag).cloned() else {
            return;
        };
        if old.parent == parent {
            return;
        }
        if let Some(p) = parent
            && self
                .session
                .project()
                .tag_with_descendants(tag)
                .contains(&p)
        {
            self.info(format!(
                "“{}” cannot go under itself or one of its sub-tags.",
                old.name
            ));
            return;
        }
        if let Err(why) =
            crate::ui::dialogs::check_tag_name(self.session.project(), &old.name, parent, Some(tag))
        {
            self.info(why);
            return;
        }
        let mut moved = old;
        moved.parent = parent;
        if self.apply_edit(Edit::SetTag(moved), None) {
            self.codebook.selected = Some(tag);
            let place = parent.map_or("to the top level".to_owned(), |p| {
                format!(
                    "under “{}”",
                    self.session.project().tag_path(p, TAG_PATH_SEPARATOR)
                )
            });
            let name = self
                .session
                .project()
                .tag(tag)
                .map_or("", |t| t.name.as_str());
            self.info(format!(
                "Moved “{name}” {place}. Undo with {}.",
                Command::Undo.key_or_label()
            ));
        }
    }
}
