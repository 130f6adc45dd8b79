//! Re-anchoring: when an article's text is replaced (a corrected version, a re-import), every
//! passage is placed again from what it recorded — its position, its quote, and up to 32 chars of
//! context on each side — and a passage that cannot be placed with confidence becomes an orphan
//! (see [`crate::model::Project`]), never a highlight on a look-alike.
//!
//! How a passage is placed, cheapest first:
//! 1. **Untouched text.** The old and new texts are compared from both ends; a passage inside the
//!    common beginning stays where it was, one inside the common end moves by the change in
//!    length. Both keep their quote exactly.
//! 2. **At the expected place.** Elsewhere a passage is expected where the passage before it
//!    moved to (its old start plus that passage's shift). If its quote and context are there
//!    unchanged, or unchanged nearby with nothing equally good as close, it is placed there.
//! 3. **Search and score** (module `locate`): every exact occurrence of the quote, then every
//!    approximate one with at most `min(32, quote length / 2)` edits (Myers' bit-parallel
//!    algorithm, module `search`), scored like the Hypothesis client — quote similarity first,
//!    then prefix and suffix similarity, then closeness to the expected place — and accepted only
//!    when good enough and clearly better than any other place. Only places overlapping the
//!    changed part of the text count: the unchanged beginning and end were in the old text too,
//!    so a copy of the quote there is, by construction, somewhere the passage was not.
//!
//! Orphans of the document from an earlier replacement are tried again, so replacing the text
//! back (or undoing) finds them.
//!
//! The result is one [`Edit::ReplaceText`]: applying it is one undo step, and undoing it restores
//! the old text and every passage exactly.

mod locate;
mod search;
#[cfg(test)]
mod tests;

use std::fmt;

use crate::edit::{Edit, TextReplacement};
use crate::model::{Anchor, DocId, Document, Passage, PassageId, Project, Text, Timestamp};

pub use locate::{CONTENT_TIE, DISTINCTIVE_CHARS, MAX_ERRORS, MIN_CONTEXT, MIN_SCORE};

/// Where a passage ended up in the new text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Its quote was found unchanged.
    Exact {
        /// First char.
        start: usize,
        /// One past the last char.
        end: usize,
    },
    /// A slightly different text was found in its place; the passage now quotes that text.
    Approximate {
        /// First char.
        start: usize,
        /// One past the last char.
        end: usize,
        /// Edits between the old quote and the new one.
        errors: usize,
    },
    /// It could not be placed with confidence and is kept as an orphan.
    Orphaned(OrphanReason),
}

/// Why a passage was orphaned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrphanReason {
    /// Nothing in the new text is within the allowed number of edits of its quote.
    NotFound,
    /// Places resemble it, but none closely enough in quote and context; `score_percent` is the
    /// best one's score.
    Unsure {
        /// The best candidate's score, 0–100.
        score_percent: u8,
    },
    /// Several places fit about equally well and none is clearly nearer to where it was.
    Ambiguous {
        /// How many.
        places: usize,
    },
}

impl fmt::Display for OrphanReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound => f.write_str("its text is no longer there"),
            Self::Unsure { score_percent } => write!(
                f,
                "the closest match ({score_percent}%) differs too much in its text or context"
            ),
            Self::Ambiguous { places } => {
                write!(f, "{places} places fit equally well")
            }
        }
    }
}

/// What happened to one passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The passage.
    pub passage: PassageId,
    /// Its quote before the replacement.
    pub quote: String,
    /// Whether it was an orphan already.
    pub was_orphan: bool,
    /// Where it went.
    pub placement: Placement,
}

/// How many passages went where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Found with their quote unchanged.
    pub exact: usize,
    /// Found with a slightly changed quote.
    pub approximate: usize,
    /// Not placed.
    pub orphaned: usize,
}

/// The result of re-anchoring a document's passages in a new text: the edit to apply and what
/// happens to each passage.
#[derive(Debug, Clone)]
pub struct Reanchoring {
    /// The change, ready to wrap in [`Edit::ReplaceText`]; its `origin` and `imported` are the
    /// document's current ones — set them when the text comes from another file.
    pub replacement: TextReplacement,
    /// One entry per passage and orphan of the document, in the order they were placed (the old
    /// text's order, orphans last).
    pub outcomes: Vec<Outcome>,
}

impl Reanchoring {
    /// The replacement as one edit.
    pub fn into_edit(self) -> Edit {
        Edit::ReplaceText(Box::new(self.replacement))
    }

    /// How many passages were placed exactly, approximately, or orphaned.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for o in &self.outcomes {
            match o.placement {
                Placement::Exact { .. } => counts.exact += 1,
                Placement::Approximate { .. } => counts.approximate += 1,
                Placement::Orphaned(_) => counts.orphaned += 1,
            }
        }
        counts
    }

    /// The outcomes of the passages that are orphans afterwards.
    pub fn orphaned(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes
            .iter()
            .filter(|o| matches!(o.placement, Placement::Orphaned(_)))
    }
}

/// Why a document could not be re-anchored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnchorError {
    /// The document does not exist.
    #[error("there is no document {0}")]
    NoDocument(DocId),
    /// The new text is the same as the old one.
    #[error("the new text of document {0} is the same as the old one")]
    Unchanged(DocId),
}

/// Places every passage and orphan of document `doc` in `text`, which is to replace its text.
/// Nothing changes until the returned edit is applied.
///
/// Limitations: a quote is looked for with at most `min(32, length / 2)` edits, so a long passage
/// rewritten in more than 32 places (say, re-wrapped with different spaces throughout) is
/// orphaned; at most 4096 exact occurrences of one quote are weighed (the nearest to where it
/// was expected). Cost: passages in unchanged text cost nothing, found ones little; a passage
/// whose text is gone costs a search of the whole changed part — about 16 ms in a 2 MB article
/// (release build) — so replacing a long article by an unrelated one takes minutes for 20,000
/// passages: call it off the UI thread.
pub fn reanchor(project: &Project, doc: DocId, text: Text) -> Result<Reanchoring, AnchorError> {
    reanchor_article(&ArticlePassages::of(project, doc)?, text)
}

/// What re-anchoring one article needs of its project: the article, its passages and its
/// orphans — copied, so that the work can run on another thread without a copy of the whole
/// project (a cost in the article's passages, not the project's).
#[derive(Debug, Clone)]
pub struct ArticlePassages {
    /// The article as it is.
    pub document: Document,
    /// Its passages, by position.
    pub placed: Vec<Passage>,
    /// Its orphaned passages.
    pub orphans: Vec<Passage>,
}

impl ArticlePassages {
    /// Copies article `doc` of `project` with its passages and orphans.
    pub fn of(project: &Project, doc: DocId) -> Result<Self, AnchorError> {
        let document = project.document(doc).ok_or(AnchorError::NoDocument(doc))?;
        Ok(Self {
            document: document.clone(),
            placed: project.passages_in(doc).cloned().collect(),
            orphans: project.orphans_in(doc).cloned().collect(),
        })
    }
}

/// [`reanchor`] on an article copied out of its project.
pub fn reanchor_article(part: &ArticlePassages, text: Text) -> Result<Reanchoring, AnchorError> {
    let document = &part.document;
    let doc = document.id;
    let old = &document.text;
    if *old == text {
        return Err(AnchorError::Unchanged(doc));
    }
    let (same_start, same_end) = common_ends(old, &text);
    let old_len = old.len_chars();
    let new_len = text.len_chars();
    let hay = search::Haystack::new(&text);
    let now = Timestamp::now();

    let mut passages = Vec::new();
    let mut orphans = Vec::new();
    let mut outcomes = Vec::new();
    // The shift of the last passage placed: where the next one is expected.
    let mut shift: isize = 0;
    let placed: Vec<&Passage> = part.placed.iter().collect();
    let mut was_orphans: Vec<&Passage> = part.orphans.iter().collect();
    was_orphans.sort_by_key(|p| (p.start, p.id));
    let all = placed
        .iter()
        .map(|p| (*p, false))
        .chain(was_orphans.iter().map(|p| (*p, true)));
    for (p, was_orphan) in all {
        let placement = if !was_orphan && p.end <= same_start {
            Placement::Exact {
                start: p.start,
                end: p.end,
            }
        } else if !was_orphan && p.start >= old_len - same_end {
            let start = p.start + new_len - old_len;
            Placement::Exact {
                start,
                end: start + p.len_chars(),
            }
        } else {
            let hint = p.start.saturating_add_signed(shift).min(new_len);
            let target = locate::Target {
                quote: &p.quote,
                prefix: &p.prefix,
                suffix: &p.suffix,
                hint,
                // A passage of the old text can only be in the part that changed; an orphan
                // from an earlier text may be anywhere.
                changed: (!was_orphan).then(|| locate::Changed {
                    new: same_start..new_len - same_end,
                    old_span: p.start..p.end,
                    shift: new_len as isize - old_len as isize,
                }),
            };
            locate::locate(&hay, old.as_str(), &target)
        };
        // The searches only return spans inside the text; should one not fit, the passage is
        // orphaned rather than the outcome claiming a place the edit does not make.
        let placed = match placement {
            Placement::Exact { start, end } | Placement::Approximate { start, end, .. } => {
                Anchor::of(&text, start, end)
                    .filter(|_| start < end)
                    .map(|anchor| (start, end, anchor))
            }
            Placement::Orphaned(_) => None,
        };
        let placement = match (&placed, placement) {
            (None, Placement::Exact { .. } | Placement::Approximate { .. }) => {
                Placement::Orphaned(OrphanReason::NotFound)
            }
            (_, placement) => placement,
        };
        match placed {
            Some((start, end, anchor)) => {
                if !was_orphan {
                    shift = start as isize - p.start as isize;
                }
                let mut moved = p.clone();
                moved.start = start;
                moved.end = end;
                moved.quote = anchor.quote;
                moved.prefix = anchor.prefix;
                moved.suffix = anchor.suffix;
                if moved != *p || was_orphan {
                    moved.edited = now.max(p.edited);
                }
                passages.push(moved);
            }
            None => {
                let mut orphan = p.clone();
                if !was_orphan {
                    orphan.edited = now.max(p.edited);
                }
                orphans.push(orphan);
            }
        }
        outcomes.push(Outcome {
            passage: p.id,
            quote: p.quote.clone(),
            was_orphan,
            placement,
        });
    }
    Ok(Reanchoring {
        replacement: TextReplacement {
            doc,
            text,
            origin: document.origin.clone(),
            imported: document.imported,
            passages,
            orphans,
        },
        outcomes,
    })
}

/// Places one recorded quote in a text: `hint` is where it is expected to start (chars).
/// Builds an index of the text on every call; to place many passages in one text, use
/// [`reanchor`].
///
/// Limitations: without the text the anchor was taken from, an exact quote in a changed context
/// is never placed for being distinctive (see [`DISTINCTIVE_CHARS`]); it needs its context.
pub fn place(text: &Text, anchor: &Anchor, hint: usize) -> Placement {
    let hay = search::Haystack::new(text);
    let target = locate::Target {
        quote: &anchor.quote,
        prefix: &anchor.prefix,
        suffix: &anchor.suffix,
        hint,
        changed: None,
    };
    locate::locate(&hay, "", &target)
}

/// [`place`] for many recorded quotes in one text, indexing the text once: each target is an
/// anchor and where it is expected to start. One placement per target, in order.
pub fn place_all(text: &Text, targets: &[(Anchor, usize)]) -> Vec<Placement> {
    let hay = search::Haystack::new(text);
    targets
        .iter()
        .map(|(anchor, hint)| {
            let target = locate::Target {
                quote: &anchor.quote,
                prefix: &anchor.prefix,
                suffix: &anchor.suffix,
                hint: (*hint).min(text.len_chars()),
                changed: None,
            };
            locate::locate(&hay, "", &target)
        })
        .collect()
}

/// The lengths in chars of the longest common beginning and the longest common end of two texts,
/// not overlapping in either.
fn common_ends(old: &Text, new: &Text) -> (usize, usize) {
    let (a, b) = (old.as_str().as_bytes(), new.as_str().as_bytes());
    let mut head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !old.as_str().is_char_boundary(head) {
        head -= 1;
    }
    let room = a.len().min(b.len()) - head;
    let mut tail = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    while !old.as_str().is_char_boundary(a.len() - tail) {
        tail -= 1;
    }
    let head_chars = old.char_of_byte(head).unwrap_or(0);
    let tail_chars = old.len_chars() - old.char_of_byte(a.len() - tail).unwrap_or(old.len_chars());
    (head_chars, tail_chars)
}
