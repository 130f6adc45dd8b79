//! Corpus search: plain (optionally case-insensitive) or regex, over every article, with context.

use regex::RegexBuilder;

use crate::edit::Edit;
use crate::model::{DocId, Document, Passage, Project, TagId};

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

/// One match: a char span of a document. The text around it is read on demand with
/// [`Hit::context`], so a search with a hundred thousand hits allocates no strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The document.
    pub doc: DocId,
    /// First char.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

/// A hit's text and a little context, borrowed from the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HitContext<'p> {
    /// Up to 40 chars before.
    pub before: &'p str,
    /// The matched text.
    pub text: &'p str,
    /// Up to 40 chars after.
    pub after: &'p str,
}

impl Hit {
    /// The matched text with up to 40 chars either side; `None` when the document is gone or
    /// the span no longer fits it (the project changed since the search).
    pub fn context<'p>(&self, project: &'p Project) -> Option<HitContext<'p>> {
        let text = &project.document(self.doc)?.text;
        Some(HitContext {
            before: text.before(self.start, CONTEXT),
            text: text.slice(self.start..self.end)?,
            after: text.after(self.end, CONTEXT),
        })
    }
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
///
/// Large corpora are split into contiguous runs of documents searched on all cores (the regex
/// engine is shared; each thread has its own scratch space); the runs' hits are joined in
/// order, so the result is the same as a search on one thread.
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
    let mut docs: Vec<&Document> = project.documents().values().collect();
    docs.sort_by(|a, b| a.title.cmp(&b.title).then(a.id.cmp(&b.id)));
    let found = super::over_runs(&docs, |run| search_run(&re, run, limit));
    for (hits, truncated) in found {
        let room = limit - results.hits.len();
        if hits.len() > room || truncated {
            results.hits.extend(hits.into_iter().take(room));
            results.truncated = true;
            break;
        }
        results.hits.extend(hits);
    }
    Ok(results)
}

/// Searches a run of documents in order; stops after `limit` hits (then `true`: there are more).
///
/// Matches come in increasing byte order, so each char offset is found by counting the chars
/// since the previous match rather than by a lookup per match.
fn search_run(re: &regex::Regex, docs: &[&Document], limit: usize) -> (Vec<Hit>, bool) {
    let mut hits = Vec::new();
    for doc in docs {
        let text = doc.text.as_str();
        let (mut byte, mut char) = (0, 0);
        for m in re.find_iter(text) {
            if m.start() == m.end() {
                continue;
            }
            if hits.len() >= limit {
                return (hits, true);
            }
            char += text[byte..m.start()].chars().count();
            let start = char;
            char += m.as_str().chars().count();
            byte = m.end();
            hits.push(Hit {
                doc: doc.id,
                start,
                end: char,
            });
        }
    }
    (hits, false)
}

/// Tags every hit: a passage with exactly the hit's span gets the tag, otherwise a new passage is
/// made. Only passages shown with the blind-coding filter `blind` count (with blind coding on,
/// another analyst's passage is neither tagged nor counted: the analyst gets one of their own).
/// One batch, so one undo step. Hits that already carry the tag are left alone.
pub fn tag_hits(project: &Project, hits: &[Hit], tag: TagId, blind: Option<&str>) -> Option<Edit> {
    let mut edits = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for hit in hits {
        if !seen.insert((hit.doc, hit.start, hit.end)) {
            continue;
        }
        let existing = project
            .passages_overlapping(hit.doc, hit.start..hit.end)
            .find(|p| p.start == hit.start && p.end == hit.end && p.is_shown(blind));
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
        assert_eq!(r.hits[1].context(&p).expect("context").text, "CEASEFIRE");
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
            r.hits
                .iter()
                .map(|h| h.context(&p).expect("context").text)
                .collect::<Vec<_>>(),
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
    fn a_large_corpus_split_across_threads_finds_what_one_thread_finds() {
        // Over PARALLEL_MIN_BYTES in total, with non-ASCII text so char offsets differ from bytes.
        let chunk = "Кремль and the Kremlin said — “kremlin sources” — ".repeat(2_000);
        let texts: Vec<&str> = (0..60).map(|_| chunk.as_str()).collect();
        let p = project(&texts);
        let options = SearchOptions {
            regex: true,
            limit: usize::MAX,
            ..SearchOptions::default()
        };
        let all = find(&p, r"\bkremlin\b\s+\w+", &options).expect("search");
        let mut docs: Vec<&Document> = p.documents().values().collect();
        docs.sort_by(|a, b| a.title.cmp(&b.title).then(a.id.cmp(&b.id)));
        let re = RegexBuilder::new(r"\bkremlin\b\s+\w+")
            .case_insensitive(true)
            .build()
            .expect("regex");
        let (one_thread, more) = search_run(&re, &docs, usize::MAX);
        assert!(!more);
        assert_eq!(all.hits.len(), 60 * 2_000 * 2);
        assert_eq!(all.hits, one_thread);
        assert_eq!(
            all.hits[1].context(&p).expect("context").text,
            "kremlin sources"
        );
        // The limit holds across runs, and the first hits are kept.
        let limited = SearchOptions {
            limit: 150_000,
            ..options
        };
        let some = find(&p, r"\bkremlin\b\s+\w+", &limited).expect("search");
        assert!(some.truncated);
        assert_eq!(some.hits[..], one_thread[..150_000]);
    }

    #[test]
    fn runs_are_contiguous_and_cover_every_document() {
        let p = project(&["aaaa", "bb", "cccccc", "d", "eeee"]);
        let docs: Vec<&Document> = p.documents().values().collect();
        for parts in 1..7 {
            let runs = super::super::split_by_size(&docs, 17, parts);
            assert!(runs.len() <= parts.max(1));
            assert!(runs.iter().all(|r| !r.is_empty()));
            let joined: Vec<_> = runs.concat().iter().map(|d| d.id).collect();
            assert_eq!(joined, docs.iter().map(|d| d.id).collect::<Vec<_>>());
        }
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
        let edit = tag_hits(&p, &r.hits, TagId::from_raw(1), None).expect("edit");
        let undo = apply(&mut p, edit).expect("apply");
        assert_eq!(p.passages().len(), 3);
        assert!(
            tag_hits(&p, &r.hits, TagId::from_raw(1), None).is_none(),
            "already tagged"
        );
        apply(&mut p, undo).expect("undo");
        assert_eq!(p, before);
    }

    #[test]
    fn blind_coding_tags_a_passage_of_the_analysts_own_not_anothers() {
        let coded = crate::model::three_coders();
        let p = &coded.project;
        let [reading, _] = coded.tags;
        let r = find(p, "Boris reads Putin.", &SearchOptions::default()).expect("search");
        assert_eq!(r.hits.len(), 1);
        assert!(
            tag_hits(p, &r.hits, reading, None).is_none(),
            "Boris's passage there already carries the tag"
        );
        let Some(Edit::Batch(edits)) = tag_hits(p, &r.hits, reading, Some("Ana")) else {
            panic!("an edit");
        };
        assert!(
            matches!(edits.as_slice(), [Edit::AddPassage(new)] if new.tags == [reading]),
            "a new passage of Ana's, Boris's untouched: {edits:?}"
        );
    }
}
