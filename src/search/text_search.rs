//! Corpus search: plain (optionally case-insensitive) or regex, over every article, with context.

use regex::RegexBuilder;

use crate::edit::Edit;
use crate::model::{DocId, Passage, Project, TagId};

/// How to search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchOptions {
    /// Treat the query as a regular expression (Rust `regex` syntax) rather than plain text.
    pub regex: bool,
    /// Match case exactly.
    pub case_sensitive: bool,
    /// Stop after this many hits (0 = the default of 10,000).
    pub limit: usize,
}

/// One match: a char span of a document, with a little context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The document.
    pub doc: DocId,
    /// First char.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Up to 40 chars before.
    pub before: String,
    /// The matched text.
    pub text: String,
    /// Up to 40 chars after.
    pub after: String,
}

/// All hits of one search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResults {
    /// Hits in document order (documents by title, then id), then position.
    pub hits: Vec<Hit>,
    /// The limit was reached; there are more.
    pub truncated: bool,
}

/// Why a search could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// The regular expression does not compile; the message says where.
    #[error("invalid regular expression: {0}")]
    BadRegex(String),
}

const DEFAULT_LIMIT: usize = 10_000;
const CONTEXT: usize = 40;

/// Searches every article. Empty matches are skipped; an empty query finds nothing.
pub fn find(
    project: &Project,
    query: &str,
    options: &SearchOptions,
) -> Result<SearchResults, SearchError> {
    let mut results = SearchResults::default();
    if query.is_empty() {
        return Ok(results);
    }
    let pattern = if options.regex {
        query.to_owned()
    } else {
        regex::escape(query)
    };
    let re = RegexBuilder::new(&pattern)
        .case_insensitive(!options.case_sensitive)
        .size_limit(1 << 24)
        .build()
        .map_err(|e| SearchError::BadRegex(e.to_string()))?;
    let limit = if options.limit == 0 {
        DEFAULT_LIMIT
    } else {
        options.limit
    };
    let mut docs: Vec<_> = project.documents().values().collect();
    docs.sort_by(|a, b| a.title.cmp(&b.title).then(a.id.cmp(&b.id)));
    for doc in docs {
        let text = &doc.text;
        for m in re.find_iter(text.as_str()) {
            if m.start() == m.end() {
                continue;
            }
            if results.hits.len() >= limit {
                results.truncated = true;
                return Ok(results);
            }
            let (Some(start), Some(end)) =
                (text.char_of_byte(m.start()), text.char_of_byte(m.end()))
            else {
                continue;
            };
            results.hits.push(Hit {
                doc: doc.id,
                start,
                end,
                before: text.before(start, CONTEXT).to_owned(),
                text: m.as_str().to_owned(),
                after: text.after(end, CONTEXT).to_owned(),
            });
        }
    }
    Ok(results)
}

/// Tags every hit: a passage with exactly the hit's span gets the tag, otherwise a new passage is
/// made. One batch, so one undo step. Hits that already carry the tag are left alone.
pub fn tag_hits(project: &Project, hits: &[Hit], tag: TagId) -> Option<Edit> {
    let mut edits = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for hit in hits {
        if !seen.insert((hit.doc, hit.start, hit.end)) {
            continue;
        }
        let existing = project
            .passages_overlapping(hit.doc, hit.start..hit.end)
            .find(|p| p.start == hit.start && p.end == hit.end);
        match existing {
            Some(p) if p.tags.contains(&tag) => {}
            Some(p) => edits.push(Edit::TagPassage(p.id, tag)),
            None => {
                let doc = project.document(hit.doc)?;
                let mut passage = Passage::new(doc, hit.start, hit.end)?;
                passage.tags.push(tag);
                edits.push(Edit::AddPassage(Box::new(passage)));
            }
        }
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::model::{Document, Parts, Rgb, Tag, Timestamp};

    fn project(texts: &[&str]) -> Project {
        let documents = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document {
                id: DocId::random(),
                imported: Timestamp(0),
                ..Document::new(format!("Doc {i}"), *t)
            })
            .collect();
        let tags = vec![Tag {
            id: TagId::from_raw(1),
            name: "Found".into(),
            color: Rgb::default(),
            parent: None,
            description: String::new(),
        }];
        Project::from_parts(Parts {
            documents,
            tags,
            ..Parts::default()
        })
        .expect("valid")
    }

    #[test]
    fn plain_search_is_case_insensitive_and_counts_chars() {
        let p = project(&["Зеленский said: “ceasefire” — CEASEFIRE now."]);
        let r = find(&p, "ceasefire", &SearchOptions::default()).expect("search");
        assert_eq!(r.hits.len(), 2);
        assert_eq!((r.hits[0].start, r.hits[0].end), (17, 26));
        assert_eq!(r.hits[1].text, "CEASEFIRE");
        let exact = SearchOptions {
            case_sensitive: true,
            ..SearchOptions::default()
        };
        assert_eq!(find(&p, "ceasefire", &exact).expect("search").hits.len(), 1);
        // Plain text is not a pattern.
        assert!(
            find(&p, "(", &SearchOptions::default())
                .expect("search")
                .hits
                .is_empty()
        );
    }

    #[test]
    fn regex_search_and_bad_regex() {
        let p = project(&["2 killed, 12 injured; 10 wounded"]);
        let re = SearchOptions {
            regex: true,
            ..SearchOptions::default()
        };
        let r = find(&p, r"\d+ (injured|wounded)", &re).expect("search");
        assert_eq!(
            r.hits.iter().map(|h| h.text.as_str()).collect::<Vec<_>>(),
            ["12 injured", "10 wounded"]
        );
        assert!(matches!(
            find(&p, "(unclosed", &re),
            Err(SearchError::BadRegex(_))
        ));
        let limited = SearchOptions {
            regex: true,
            limit: 1,
            ..SearchOptions::default()
        };
        assert!(find(&p, r"\d+", &limited).expect("search").truncated);
    }

    #[test]
    fn tagging_all_hits_is_one_undoable_batch() {
        let mut p = project(&[
            "sanctions and more sanctions",
            "no match here",
            "Sanctions!",
        ]);
        let r = find(&p, "sanctions", &SearchOptions::default()).expect("search");
        let before = p.clone();
        let edit = tag_hits(&p, &r.hits, TagId::from_raw(1)).expect("edit");
        let undo = apply(&mut p, edit).expect("apply");
        assert_eq!(p.passages().len(), 3);
        assert!(
            tag_hits(&p, &r.hits, TagId::from_raw(1)).is_none(),
            "already tagged"
        );
        apply(&mut p, undo).expect("undo");
        assert_eq!(p, before);
    }
}
