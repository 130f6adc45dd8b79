//! The mention finder: every place an actor's name or alias occurs in the corpus and is not yet
//! linked to that actor. Matching is case- and diacritic-insensitive ("Zelenskyy" finds
//! "ZELENSKYY", "Zelenskÿy"), whole words only ("Putin" does not match "Rasputin" or "Putinism"),
//! and the longest name wins where names overlap ("Vladimir Putin" over "Putin").

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::{AhoCorasick, MatchKind};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::edit::Edit;
use crate::model::{ActorId, ActorRole, DocId, Document, Passage, Project, Text};

/// One unlinked occurrence of an actor's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The document.
    pub doc: DocId,
    /// First char of the name.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The actors this name belongs to (more than one when two actors share an alias).
    pub actors: Vec<ActorId>,
    /// The text as written.
    pub text: String,
    /// Up to 40 chars before.
    pub before: String,
    /// Up to 40 chars after.
    pub after: String,
}

/// Folds text for matching: canonical decomposition, combining marks dropped, lower case.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
        out.extend(c.to_lowercase());
    }
    out
}

/// A folded text with, for every folded byte, the char index of the original char it came from.
struct Folded {
    text: String,
    origin: Vec<u32>,
}

fn fold_with_map(text: &Text) -> Folded {
    let s = text.as_str();
    let mut out = Folded {
        text: String::with_capacity(s.len()),
        origin: Vec::with_capacity(s.len() + 1),
    };
    let mut buf = [0u8; 4];
    for (i, c) in s.chars().enumerate() {
        let i = i as u32;
        if c.is_ascii() {
            out.text.push(c.to_ascii_lowercase());
            out.origin.push(i);
            continue;
        }
        for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
            for l in d.to_lowercase() {
                out.text.push_str(l.encode_utf8(&mut buf));
                out.origin.extend(std::iter::repeat_n(i, l.len_utf8()));
            }
        }
    }
    out.origin.push(text.len_chars() as u32);
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || c == '_'
}

/// Finds every whole-word occurrence of every actor's name and aliases that no passage covering
/// it links to that actor, of the passages shown with the blind-coding filter `blind` (`None`:
/// every passage; with blind coding on, another analyst's link does not hide a mention).
/// Ordered by document id, then position.
pub fn find_mentions(project: &Project, blind: Option<&str>) -> Vec<Mention> {
    // Folded name → actors that use it.
    let mut names: BTreeMap<String, BTreeSet<ActorId>> = BTreeMap::new();
    for actor in project.actors().values() {
        for name in std::iter::once(&actor.name).chain(&actor.aliases) {
            let folded = fold(name.trim());
            if folded.chars().any(char::is_alphanumeric) {
                names.entry(folded).or_default().insert(actor.id);
            }
        }
    }
    if names.is_empty() {
        return Vec::new();
    }
    let patterns: Vec<&String> = names.keys().collect();
    let owners: Vec<Vec<ActorId>> = names
        .values()
        .map(|s| s.iter().copied().collect())
        .collect();
    let Ok(matcher) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
    else {
        return Vec::new();
    };

    let docs: Vec<&Document> = project.documents().values().collect();
    let runs = super::over_runs(&docs, |run| {
        mentions_in(project, run, &matcher, &owners, blind)
    });
    runs.concat()
}

/// The mentions in a run of documents, in order.
fn mentions_in(
    project: &Project,
    docs: &[&Document],
    matcher: &AhoCorasick,
    owners: &[Vec<ActorId>],
    blind: Option<&str>,
) -> Vec<Mention> {
    let mut out = Vec::new();
    for doc in docs {
        let text = &doc.text;
        let folded = fold_with_map(text);
        for m in matcher.find_iter(&folded.text) {
            let (Some(&start), Some(&last)) = (
                folded.origin.get(m.start()),
                folded.origin.get(m.end().saturating_sub(1)),
            ) else {
                continue;
            };
            let (start, end) = (start as usize, last as usize + 1);
            // The match must cover whole original chars and whole words.
            let starts_clean = m.start() == 0
                || folded
                    .origin
                    .get(m.start() - 1)
                    .is_some_and(|&p| (p as usize) < start);
            let ends_clean = folded
                .origin
                .get(m.end())
                .is_some_and(|&n| n as usize >= end);
            let before_ok = text
                .before(start, 1)
                .chars()
                .next()
                .is_none_or(|c| !is_word_char(c));
            let after_ok = text
                .after(end, 1)
                .chars()
                .next()
                .is_none_or(|c| !is_word_char(c));
            if !(starts_clean && ends_clean && before_ok && after_ok) {
                continue;
            }
            let Some(candidates) = owners.get(m.pattern().as_usize()) else {
                continue;
            };
            let unlinked: Vec<ActorId> = candidates
                .iter()
                .copied()
                .filter(|actor| {
                    !project.passages_overlapping(doc.id, start..end).any(|p| {
                        p.start <= start
                            && p.end >= end
                            && p.actors.iter().any(|(a, _)| a == actor)
                            && p.is_shown(blind)
                    })
                })
                .collect();
            if unlinked.is_empty() {
                continue;
            }
            out.push(Mention {
                doc: doc.id,
                start,
                end,
                actors: unlinked,
                text: text.slice(start..end).unwrap_or_default().to_owned(),
                before: text.before(start, 40).to_owned(),
                after: text.after(end, 40).to_owned(),
            });
        }
    }
    out
}

/// Accepts mentions: a passage with exactly the mention's span gets the actor link, otherwise a new
/// passage is made for the name. Mentions of a shared alias link only `actor` when given, else
/// their first candidate. Only passages shown with the blind-coding filter `blind` are linked
/// (with blind coding on, the analyst gets a passage of their own beside another's). One batch,
/// so one undo step.
pub fn accept_mentions(
    project: &Project,
    mentions: &[Mention],
    role: ActorRole,
    actor: Option<ActorId>,
    blind: Option<&str>,
) -> Option<Edit> {
    let mut edits = Vec::new();
    let mut new_passages: BTreeMap<(DocId, usize, usize), Passage> = BTreeMap::new();
    for m in mentions {
        let who = match actor {
            Some(a) if m.actors.contains(&a) => a,
            Some(_) => continue,
            None => *m.actors.first()?,
        };
        let existing = project
            .passages_overlapping(m.doc, m.start..m.end)
            .find(|p| p.start == m.start && p.end == m.end && p.is_shown(blind));
        match existing {
            Some(p) if p.actors.contains(&(who, role)) => {}
            Some(p) => edits.push(Edit::LinkActor(p.id, who, role)),
            None => {
                let key = (m.doc, m.start, m.end);
                if let Some(p) = new_passages.get_mut(&key) {
                    p.actors.push((who, role));
                } else {
                    let mut p = Passage::new(project.document(m.doc)?, m.start, m.end)?;
                    p.actors.push((who, role));
                    new_passages.insert(key, p);
                }
            }
        }
    }
    edits.extend(
        new_passages
            .into_values()
            .map(|p| Edit::AddPassage(Box::new(p))),
    );
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::model::{Actor, ActorKind, Document, Parts, Timestamp};

    fn setup(texts: &[&str], actors: &[(&str, &[&str])]) -> Project {
        let documents = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document {
                id: DocId::from_raw(i as u64 + 1),
                imported: Timestamp(0),
                ..Document::new(format!("Doc {i}"), *t)
            })
            .collect();
        let actors = actors
            .iter()
            .enumerate()
            .map(|(i, (name, aliases))| Actor {
                author: String::new(),
                id: ActorId::from_raw(i as u64 + 1),
                name: (*name).into(),
                kind: ActorKind::Person,
                aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
                description: String::new(),
            })
            .collect();
        Project::from_parts(Parts {
            documents,
            actors,
            ..Parts::default()
        })
        .expect("valid")
    }

    #[test]
    fn aliases_diacritics_and_whole_words() {
        let p = setup(
            &[
                "Zelenskyy spoke. ZELENSKY replied; Zelénsky again. Rasputin and Putinism, but Putin’s aide.",
            ],
            &[
                ("Volodymyr Zelenskyy", &["Zelenskyy", "Zelensky"]),
                ("Vladimir Putin", &["Putin"]),
            ],
        );
        let found: Vec<(String, u64)> = find_mentions(&p, None)
            .into_iter()
            .map(|m| (m.text, m.actors[0].raw()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Zelenskyy".to_string(), 1),
                ("ZELENSKY".to_string(), 1),
                ("Zelénsky".to_string(), 1),
                ("Putin".to_string(), 2),
            ]
        );
    }

    #[test]
    fn longest_name_wins_and_offsets_are_chars() {
        let p = setup(
            &["«Президент» Vladimir Putin — and Putin."],
            &[("Vladimir Putin", &["Putin"])],
        );
        let found = find_mentions(&p, None);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].start, found[0].end), (12, 26));
        assert_eq!(found[0].text, "Vladimir Putin");
        assert_eq!(found[1].text, "Putin");
    }

    #[test]
    fn linked_mentions_are_not_found_again_and_accepting_is_one_step() {
        let mut p = setup(
            &["Putin met Witkoff. Putin left."],
            &[("Vladimir Putin", &["Putin"])],
        );
        let found = find_mentions(&p, None);
        assert_eq!(found.len(), 2);
        let before = p.clone();
        let edit = accept_mentions(&p, &found, ActorRole::Mentioned, None, None).expect("edit");
        let undo = apply(&mut p, edit).expect("apply");
        assert_eq!(p.passages().len(), 2);
        assert!(find_mentions(&p, None).is_empty());
        apply(&mut p, undo).expect("undo");
        assert_eq!(p, before);
    }

    #[test]
    fn folding_expands_and_keeps_the_map() {
        assert_eq!(fold("Zelénskÿy İSTANBUL"), "zelenskyy istanbul");
        let t = Text::new("İx".into());
        let f = fold_with_map(&t);
        assert_eq!(f.origin.len(), f.text.len() + 1);
    }

    #[test]
    fn blind_coding_finds_the_mentions_only_another_analyst_linked() {
        let coded = crate::model::three_coders();
        let p = &coded.project;
        assert!(find_mentions(p, None).is_empty(), "every Putin is linked");
        let found = find_mentions(p, Some("Ana"));
        let starts: Vec<usize> = found.iter().map(|m| m.start).collect();
        assert_eq!(
            starts,
            vec![29, 49],
            "Boris's and nobody's links do not count"
        );
        let edit = accept_mentions(p, &found, ActorRole::Mentioned, None, Some("Ana"));
        let Some(Edit::Batch(edits)) = edit else {
            panic!("an edit");
        };
        assert_eq!(edits.len(), 2);
        assert!(edits.iter().all(|e| matches!(e, Edit::AddPassage(_))));
    }
}
