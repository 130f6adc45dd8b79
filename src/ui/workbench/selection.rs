//! What is selected and open: the article in the reader, the selected passage (and stepping
//! through an article's passages), dropping selections whose target is gone, and the recently
//! used tags on the number keys (remembered per project file).

use std::path::Path;

use super::{RECENT_TAGS, Workbench};
use crate::model::{DocId, PassageId, TagId};
use crate::ui::library::visible_documents;

impl Workbench {
    pub(super) fn open_document(&mut self, doc: DocId) {
        if self.reader.document() != Some(doc) {
            self.reader.set_document(Some(doc));
        }
        if self
            .selected_passage
            .and_then(|p| self.session.project().passage(p))
            .is_some_and(|p| p.doc != doc)
        {
            self.selected_passage = None;
        }
    }

    pub(super) fn select_passage(&mut self, id: PassageId) {
        let Some(passage) = self.session.project().passage(id) else {
            return;
        };
        let (doc, start) = (passage.doc, passage.start);
        self.open_document(doc);
        self.selected_passage = Some(id);
        self.reader.clear_selection();
        self.reader.scroll_to(start);
    }

    pub(super) fn step_passage(&mut self, forward: bool) {
        let Some(doc) = self.reader.document() else {
            return;
        };
        let passages: Vec<(usize, usize, PassageId)> = self
            .session
            .project()
            .passages_in(doc)
            .filter(|p| p.shown_to(&self.settings.analyst, self.settings.blind_coding))
            .map(|p| (p.start, p.end, p.id))
            .collect();
        let current = self
            .selected_passage
            .and_then(|id| self.session.project().passage(id))
            .filter(|p| p.doc == doc)
            .map(|p| (p.start, p.end, p.id));
        let next = match (current, forward) {
            (Some(c), true) => passages.iter().find(|p| **p > c),
            (Some(c), false) => passages.iter().rev().find(|p| **p < c),
            (None, true) => passages.first(),
            (None, false) => passages.last(),
        };
        match next {
            Some(&(_, _, id)) => self.select_passage(id),
            None if passages.is_empty() => self.info("This article has no passages yet."),
            None => self.info(if forward {
                "That was the last passage of this article."
            } else {
                "That was the first passage of this article."
            }),
        }
    }

    /// Drops selections that point at things that no longer exist.
    pub(super) fn fix_selection(&mut self) {
        if let Some(doc) = self.reader.document()
            && self.session.project().document(doc).is_none()
        {
            self.reader.set_document(None);
        }
        if self
            .selected_passage
            .is_some_and(|p| self.session.project().passage(p).is_none())
        {
            self.selected_passage = None;
        }
        if self
            .codebook
            .selected
            .is_some_and(|t| self.session.project().tag(t).is_none())
        {
            self.codebook.selected = None;
        }
        let project = self.session.project();
        self.recent_use.resize(self.recent_tags.len(), 0);
        let keep: Vec<bool> = self
            .recent_tags
            .iter()
            .map(|t| project.tag(*t).is_some())
            .collect();
        let mut flags = keep.iter();
        self.recent_use
            .retain(|_| flags.next().copied().unwrap_or(false));
        self.recent_tags.retain(|t| project.tag(*t).is_some());
        if self.reader.document().is_none()
            && let Some(first) = visible_documents(self.session.project(), &self.library).first()
        {
            self.reader.set_document(Some(first.id));
        }
    }

    /// Puts a just-used tag on a number key. Tags already there keep their key (no reordering
    /// under the user's fingers); a new one takes a free key, or the key of the tag used
    /// longest ago. Remembered per project file.
    pub(super) fn touch_recent(&mut self, tag: TagId) {
        let serial = self.recent_use.iter().copied().max().unwrap_or(0) + 1;
        self.recent_use.resize(self.recent_tags.len(), 0);
        if let Some(i) = self.recent_tags.iter().position(|t| *t == tag) {
            if let Some(u) = self.recent_use.get_mut(i) {
                *u = serial;
            }
        } else if self.recent_tags.len() < RECENT_TAGS {
            self.recent_tags.push(tag);
            self.recent_use.push(serial);
        } else if let Some((i, _)) = self.recent_use.iter().enumerate().min_by_key(|(_, u)| **u) {
            if let Some(slot) = self.recent_tags.get_mut(i) {
                *slot = tag;
            }
            if let Some(u) = self.recent_use.get_mut(i) {
                *u = serial;
            }
        }
        self.store_recent_tags();
    }

    /// Writes the number keys' tags into the settings, under the project's file.
    pub(super) fn store_recent_tags(&mut self) {
        if let Some(path) = self.session.path().map(Path::to_path_buf) {
            let tags = self.recent_tags.clone();
            self.settings.set_recent_tags(&path, &tags);
        }
    }

    /// The number keys' tags remembered for the project's file (those that still exist).
    pub(super) fn load_recent_tags(&mut self) {
        let Some(path) = self.session.path().map(Path::to_path_buf) else {
            return;
        };
        let project = self.session.project();
        self.recent_tags = self
            .settings
            .recent_tags_for(&path)
            .into_iter()
            .filter(|t| project.tag(*t).is_some())
            .take(RECENT_TAGS)
            .collect();
        // Older keys count as used longer ago.
        let n = self.recent_tags.len() as u64;
        self.recent_use = (0..n).map(|i| n - i).collect();
    }
}
