//! What the library says about an article beyond its title, outlet and date: that its page was
//! changed without a new modification date (a stealth edit), and which other outlets ran the same
//! story (reprints).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{DocId, Project, Text};

/// The web notes of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    /// A re-fetch found the page changed while its modification date stayed the same or absent.
    pub stealth: bool,
    /// The outlets (or titles, for articles without an outlet) of the other articles of the same
    /// story, A to Z, without repeats.
    pub also_in: Vec<String>,
}

/// What the notes are found from, copied out of a project: each article's id, text (shared, so
/// the copy is cheap) and the name the notes call it by, and the articles a re-fetch found
/// changed without a new modification date. Two inputs are equal when the notes they give are;
/// texts compare by identity first, so comparing the inputs of two revisions that did not touch an
/// article costs little — the window recomputes the notes only when they can change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteInput {
    docs: Vec<(DocId, Text, String)>,
    stealth: BTreeSet<DocId>,
}

impl NoteInput {
    /// The input of `project`'s notes.
    pub fn of(project: &Project) -> Self {
        let docs = (project.documents().values())
            .map(|doc| {
                let name = if doc.source.trim().is_empty() {
                    doc.title.clone()
                } else {
                    doc.source.trim().to_owned()
                };
                (doc.id, doc.text.clone(), name)
            })
            .collect();
        let stealth = (project.web().fetched.values())
            .filter(|f| f.versions.iter().any(|v| v.stealth))
            .map(|f| f.doc)
            .collect();
        Self { docs, stealth }
    }

    /// The bytes of text the notes read: finding reprints shingles every one of them.
    pub fn text_bytes(&self) -> usize {
        self.docs.iter().map(|(_, text, _)| text.len_bytes()).sum()
    }
}

/// The notes of every article that has one (a stealth edit or reprints elsewhere).
pub fn library_notes(project: &Project) -> BTreeMap<DocId, Note> {
    notes_of(&NoteInput::of(project))
}

/// [`library_notes`] from a copied input (off the UI thread for a large project: finding the
/// reprints of 10,000 articles takes about a second).
pub fn notes_of(input: &NoteInput) -> BTreeMap<DocId, Note> {
    let mut notes: BTreeMap<DocId, Note> = BTreeMap::new();
    for &doc in &input.stealth {
        notes.entry(doc).or_default().stealth = true;
    }
    let names: BTreeMap<DocId, &str> = (input.docs.iter())
        .map(|(id, _, name)| (*id, name.as_str()))
        .collect();
    let texts = input.docs.iter().map(|(id, text, _)| (*id, text.as_str()));
    for story in crate::reprint::stories_of(texts) {
        for &id in &story {
            let mut also_in: Vec<String> = Vec::new();
            for other in story.iter().filter(|o| **o != id) {
                let Some(name) = names.get(other) else {
                    continue;
                };
                if !also_in.iter().any(|n| n == name) {
                    also_in.push((*name).to_owned());
                }
            }
            also_in.sort_by_key(|name| name.to_lowercase());
            notes.entry(id).or_default().also_in = also_in;
        }
    }
    notes
}

/// The note as one short line: `stealth edit · also in: Outlet B, Outlet C`, or empty.
pub fn note_line(note: &Note) -> String {
    let mut parts = Vec::new();
    if note.stealth {
        parts.push("stealth edit".to_owned());
    }
    if !note.also_in.is_empty() {
        parts.push(format!("also in: {}", note.also_in.join(", ")));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quiet_note_is_an_empty_line() {
        assert_eq!(note_line(&Note::default()), "");
        let note = Note {
            stealth: true,
            also_in: vec!["Outlet B".into(), "Outlet C".into()],
        };
        assert_eq!(
            note_line(&note),
            "stealth edit · also in: Outlet B, Outlet C"
        );
    }

    #[test]
    fn the_input_changes_only_when_an_articles_text_or_name_does() {
        use crate::edit::{Edit, apply};
        use crate::model::{Rgb, Tag, TagId};
        let mut project = crate::example::example_project().expect("the example");
        let before = NoteInput::of(&project);
        let tag = Tag {
            id: TagId::random(),
            name: "New".to_owned(),
            color: Rgb([1, 2, 3]),
            parent: None,
            description: String::new(),
        };
        apply(&mut project, Edit::AddTag(tag)).expect("adds a tag");
        assert_eq!(NoteInput::of(&project), before, "a tag changes no note");
        let doc = *project.documents().keys().next().expect("an article");
        let mut meta = project.document(doc).expect("doc").meta();
        meta.source = "Another outlet".to_owned();
        apply(&mut project, Edit::SetDocumentMeta(doc, meta)).expect("renames the outlet");
        assert_ne!(
            NoteInput::of(&project),
            before,
            "an outlet's name is in the notes"
        );
        assert_eq!(notes_of(&NoteInput::of(&project)), library_notes(&project));
    }
}
