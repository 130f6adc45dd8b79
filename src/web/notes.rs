//! What the library says about an article beyond its title, outlet and date: that its page was
//! changed without a new modification date (a stealth edit), and which other outlets ran the same
//! story (reprints).

use std::collections::BTreeMap;

use crate::model::{DocId, Project};

/// The web notes of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    /// A re-fetch found the page changed while its modification date stayed the same or absent.
    pub stealth: bool,
    /// The outlets (or titles, for articles without an outlet) of the other articles of the same
    /// story, A to Z, without repeats.
    pub also_in: Vec<String>,
}

/// The notes of every article that has one (a stealth edit or reprints elsewhere).
pub fn library_notes(project: &Project) -> BTreeMap<DocId, Note> {
    let mut notes: BTreeMap<DocId, Note> = BTreeMap::new();
    for fetched in project.web().fetched.values() {
        if fetched.versions.iter().any(|v| v.stealth) {
            notes.entry(fetched.doc).or_default().stealth = true;
        }
    }
    for story in super::reprints::stories(project) {
        for &id in &story {
            let mut also_in: Vec<String> = Vec::new();
            for other in story.iter().filter(|o| **o != id) {
                let Some(doc) = project.document(*other) else {
                    continue;
                };
                let name = if doc.source.trim().is_empty() {
                    doc.title.clone()
                } else {
                    doc.source.trim().to_owned()
                };
                if !also_in.contains(&name) {
                    also_in.push(name);
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
}
