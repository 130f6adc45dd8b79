//! The checks that keep a project whole, one item at a time in the context of the project: what
//! [`Project::from_parts_with_evidence`], the `with_*` builders and every edit run before an item
//! goes in (names not empty, spans inside their article's text, references that resolve, one
//! conflict per item and field).

use super::*;

impl Project {
    /// Problems with one tag in the context of this project.
    pub fn check_tag(&self, tag: &Tag) -> Vec<Problem> {
        let mut problems = Vec::new();
        if tag.name.trim().is_empty() {
            problems.push(Problem::EmptyName(format!("tag {}", tag.id)));
        }
        let mut seen = BTreeSet::from([tag.id]);
        let mut parent = tag.parent;
        while let Some(p) = parent {
            if !seen.insert(p) {
                problems.push(Problem::TagCycle(tag.id));
                break;
            }
            let Some(next) = self.tags.get(&p) else {
                problems.push(Problem::Dangling {
                    owner: format!("tag {}", tag.id),
                    noun: "tag",
                    id: p.to_string(),
                });
                break;
            };
            parent = next.parent;
        }
        problems
    }

    /// Problems with one event in the context of this project.
    pub fn check_event(&self, event: &Event) -> Vec<Problem> {
        let mut problems = Vec::new();
        if event.title.trim().is_empty() {
            problems.push(Problem::EmptyName(format!("event {}", event.id)));
        }
        for (actor, _) in &event.participants {
            if !self.actors.contains_key(actor) {
                problems.push(Problem::Dangling {
                    owner: format!("event {}", event.id),
                    noun: "actor",
                    id: actor.to_string(),
                });
            }
        }
        problems
    }

    /// Problems with one passage in the context of this project.
    pub fn check_passage(&self, p: &Passage) -> Vec<Problem> {
        let mut problems = Vec::new();
        let owner = || format!("passage {}", p.id);
        match self.documents.get(&p.doc) {
            None => problems.push(Problem::Dangling {
                owner: owner(),
                noun: "document",
                id: p.doc.to_string(),
            }),
            Some(doc) => {
                let text = &doc.text;
                // Four char→byte conversions cover quote and context; compare in place, since
                // loading checks every passage.
                let bytes = (p.start < p.end)
                    .then(|| {
                        Some((
                            text.byte_of_char(p.start.saturating_sub(CONTEXT_CHARS))?,
                            text.byte_of_char(p.start)?,
                            text.byte_of_char(p.end)?,
                            text.byte_of_char((p.end + CONTEXT_CHARS).min(text.len_chars()))?,
                        ))
                    })
                    .flatten();
                match bytes {
                    Some((before, start, end, after)) => {
                        let s = text.as_str();
                        for (part, stored, actual) in [
                            ("quote", &p.quote, s.get(start..end)),
                            ("prefix", &p.prefix, s.get(before..start)),
                            ("suffix", &p.suffix, s.get(end..after)),
                        ] {
                            let actual = actual.unwrap_or_default();
                            if stored != actual {
                                problems.push(Problem::AnchorMismatch {
                                    passage: p.id,
                                    part,
                                    stored: shorten(stored),
                                    actual: shorten(actual),
                                });
                            }
                        }
                    }
                    None => problems.push(Problem::BadSpan {
                        passage: p.id,
                        start: p.start,
                        end: p.end,
                        len: text.len_chars(),
                    }),
                }
            }
        }
        problems.extend(self.check_links(p));
        problems
    }

    /// Problems with one orphaned passage: its document, tags, actors and events must exist; its
    /// span and anchor are not compared with any text.
    pub fn check_orphan(&self, p: &Passage) -> Vec<Problem> {
        let mut problems = Vec::new();
        if !self.documents.contains_key(&p.doc) {
            problems.push(Problem::Dangling {
                owner: format!("orphaned passage {}", p.id),
                noun: "document",
                id: p.doc.to_string(),
            });
        }
        problems.extend(self.check_links(p));
        problems
    }

    /// Dangling tags, actors and events of a passage or an orphan.
    fn check_links(&self, p: &Passage) -> Vec<Problem> {
        let mut problems = Vec::new();
        let owner = || format!("passage {}", p.id);
        for tag in &p.tags {
            if !self.tags.contains_key(tag) {
                problems.push(Problem::Dangling {
                    owner: owner(),
                    noun: "tag",
                    id: tag.to_string(),
                });
            }
        }
        for (actor, _) in &p.actors {
            if !self.actors.contains_key(actor) {
                problems.push(Problem::Dangling {
                    owner: owner(),
                    noun: "actor",
                    id: actor.to_string(),
                });
            }
        }
        for (event, _) in &p.events {
            if !self.events.contains_key(event) {
                problems.push(Problem::Dangling {
                    owner: owner(),
                    noun: "event",
                    id: event.to_string(),
                });
            }
        }
        problems
    }

    /// Problems with one feed: its address must not be empty.
    pub fn check_feed(&self, feed: &Feed) -> Vec<Problem> {
        if feed.url.trim().is_empty() {
            vec![Problem::EmptyName("a feed".to_owned())]
        } else {
            Vec::new()
        }
    }

    /// Problems with one fetch record: its document must exist and its address not be empty.
    pub fn check_fetched(&self, record: &Fetched) -> Vec<Problem> {
        let mut problems = Vec::new();
        if !self.documents.contains_key(&record.doc) {
            problems.push(Problem::Dangling {
                owner: "a fetch record".to_owned(),
                noun: "document",
                id: record.doc.to_string(),
            });
        }
        if record.url.trim().is_empty() {
            problems.push(Problem::EmptyName(format!(
                "the fetch record of {}",
                record.doc
            )));
        }
        problems
    }

    /// Problems with one conflict in the context of this project: its item must exist and its
    /// field be named.
    pub fn check_conflict(&self, conflict: &Conflict) -> Vec<Problem> {
        let mut problems = Vec::new();
        if !self.has_item(&conflict.item) {
            problems.push(Problem::Dangling {
                owner: format!("a conflict on {:?}", conflict.field),
                noun: "item",
                id: conflict.item.chars().take(40).collect(),
            });
        }
        if conflict.field.trim().is_empty() {
            problems.push(Problem::EmptyName(format!(
                "a conflict on {}",
                conflict.item
            )));
        }
        problems
    }

    /// Whether an item with this id text exists ([`PROJECT_ITEM`] always does): a tag, actor,
    /// event, document, passage or orphan. A new collection adds its id kind here.
    pub fn has_item(&self, item: &str) -> bool {
        if item == PROJECT_ITEM {
            return true;
        }
        match item.chars().next() {
            Some('t') => item.parse().is_ok_and(|id| self.tags.contains_key(&id)),
            Some('a') => item.parse().is_ok_and(|id| self.actors.contains_key(&id)),
            Some('e') => item.parse().is_ok_and(|id| self.events.contains_key(&id)),
            Some('d') => item
                .parse()
                .is_ok_and(|id| self.documents.contains_key(&id)),
            Some('p') => item.parse().is_ok_and(|id| self.has_passage_id(id)),
            Some('c') => item
                .parse()
                .is_ok_and(|id| self.evidence.claims().contains_key(&id)),
            Some('h') => item
                .parse()
                .is_ok_and(|id| self.ach.hypothesis(id).is_some()),
            _ => false,
        }
    }
}
