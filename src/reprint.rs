//! Reprints: near-identical texts — wire copy run by several outlets, each with its own
//! headline, dateline or closing line. One rule serves everything that asks: the claims'
//! independent outlets ([`crate::corroboration`]), the library's "also in" notes and the
//! "reprint:" line when an article is added ([`crate::web`]).
//!
//! # The rule
//!
//! A text is the set of its word 5-shingles (every run of five consecutive words; words are runs
//! of letters and digits, compared lower-cased), each hashed to 64 bits; a text of fewer than
//! five words is one shingle, an empty one has none. Two texts are reprints when the Jaccard
//! similarity of their sets (shared shingles over all shingles) is at least [`THRESHOLD`]
//! (0.5). A wire story with a new dateline and closing line keeps above 0.85, and one cut to its
//! first two thirds above 0.6; its first third alone (a long quotation) is not a reprint, and two
//! reports of one event in their own words share almost no five-word runs (the five seed
//! articles, all on the same meetings, share less than 0.02 pairwise). The tests hold each of
//! these numbers.
//!
//! # Grouping many texts
//!
//! [`clusters`] joins texts into groups by union-find over their reprint pairs. Only pairs that
//! share a shingle among each set's smallest hashes are compared (prefix filtering: two sets with
//! a similarity of at least the threshold always share one of those, so no pair is lost), through
//! a sorted index; a shingle in more than [`COMMON_SHINGLE_DOCS`] texts proposes no pair, so a
//! boilerplate line shared by a whole feed costs nothing.

use std::collections::BTreeMap;

use crate::model::{DocId, Project};

/// The least Jaccard similarity of two reprints.
pub const THRESHOLD: f64 = 0.5;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// A shingle found in more texts than this is too common to suggest a reprint pair.
pub const COMMON_SHINGLE_DOCS: usize = 64;

/// splitmix64's finaliser: spreads the bits of a number over all 64.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a's offset basis: the hash of a word before its first char.
const WORD_START: u64 = 0xcbf2_9ce4_8422_2325;

/// A word's hash with one more (lower-cased) char.
fn word_step(h: u64, c: char) -> u64 {
    (h ^ u64::from(u32::from(c))).wrapping_mul(0x0000_0100_0000_01b3)
}

/// The hashes of a text's words (runs of letters and digits), lower-cased char by char, in one
/// pass and without making a string; ASCII takes the short way.
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut h = WORD_START;
    let mut in_word = false;
    for c in text.chars() {
        let letter = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if letter {
            if c.is_ascii() {
                h = word_step(h, c.to_ascii_lowercase());
            } else {
                h = c.to_lowercase().fold(h, word_step);
            }
            in_word = true;
        } else if in_word {
            out.push(mix(h));
            h = WORD_START;
            in_word = false;
        }
    }
    if in_word {
        out.push(mix(h));
    }
    out
}

/// The hash of a run of word hashes (order matters).
fn run_hash(words: &[u64]) -> u64 {
    words
        .iter()
        .fold(0x9e37_79b9_7f4a_7c15_u64, |h, w| mix(h.rotate_left(23) ^ w))
}

/// The five-word shingles of a text, hashed, sorted and without repeats.
pub fn shingles(text: &str) -> Vec<u64> {
    let words = word_hashes(text);
    if words.len() < SHINGLE_WORDS {
        return if words.is_empty() {
            Vec::new()
        } else {
            vec![run_hash(&words)]
        };
    }
    let mut out: Vec<u64> = words.windows(SHINGLE_WORDS).map(run_hash).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How many of a shingle set's smallest hashes must be indexed so that any set with a Jaccard
/// similarity of at least [`THRESHOLD`] to it shares one of them (two such sets overlap in at
/// least `ceil(t × n)` of this one's `n` shingles, so their first `n − ceil(t × n) + 1` in the
/// common order, here ascending hash, meet).
pub(crate) fn prefix_len(n: usize) -> usize {
    let overlap = (THRESHOLD * n as f64).ceil() as usize;
    (n + 1).saturating_sub(overlap.max(1)).min(n)
}

/// Jaccard similarity of two sets given as sorted lists without repeats (0 for two empty
/// sets).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let shared = shared_while(a, b, |_| true).unwrap_or(0);
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// How many values two sorted lists without repeats share, walking them together. Before each
/// step `go_on` is asked with the most they could still share; `None` when it says stop.
fn shared_while(a: &[u64], b: &[u64], mut go_on: impl FnMut(usize) -> bool) -> Option<usize> {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        if !go_on(shared + (a.len() - i).min(b.len() - j)) {
            return None;
        }
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    Some(shared)
}

/// Whether `jaccard(a, b) >= t`, without always walking both sets: a pair whose sizes are too
/// far apart is rejected at once (the similarity is at most the smaller over the larger), and
/// the walk stops as soon as the shingles left could no longer lift the similarity to `t`. Most
/// candidate pairs share a shingle or two by chance; this rejects them in about a third of a
/// full walk.
pub(crate) fn at_least(a: &[u64], b: &[u64], t: f64) -> bool {
    let (la, lb) = (a.len(), b.len());
    let reaches = |shared: usize| {
        let union = la + lb - shared;
        union > 0 && shared as f64 / union as f64 >= t
    };
    reaches(la.min(lb)) && shared_while(a, b, reaches).is_some_and(reaches)
}

/// Whether two texts are reprints of one another.
pub fn is_reprint(a: &str, b: &str) -> bool {
    jaccard(&shingles(a), &shingles(b)) >= THRESHOLD
}

/// Groups of reprints among shingle sets: for each set, the index of its group's first member
/// (its own index when it is nobody's reprint).
pub fn clusters(sets: &[Vec<u64>]) -> Vec<usize> {
    // Only each set's prefix is indexed, as (shingle, set) pairs sorted so that the sets sharing
    // a shingle are one run.
    let mut index: Vec<(u64, u32)> = Vec::new();
    for (i, set) in sets.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        index.extend(set.iter().take(prefix_len(set.len())).map(|h| (*h, i)));
    }
    index.sort_unstable();
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for run in index.chunk_by(|x, y| x.0 == y.0) {
        if run.len() > COMMON_SHINGLE_DOCS {
            continue;
        }
        for (n, (_, a)) in run.iter().enumerate() {
            for (_, b) in run.iter().skip(n + 1) {
                candidates.push((*a as usize, *b as usize));
            }
        }
    }
    drop(index);
    candidates.sort_unstable();
    candidates.dedup();
    let mut parent: Vec<usize> = (0..sets.len()).collect();
    for (a, b) in candidates {
        let (Some(sa), Some(sb)) = (sets.get(a), sets.get(b)) else {
            continue;
        };
        if at_least(sa, sb, THRESHOLD) {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if let Some(slot) = parent.get_mut(ra.max(rb)) {
                *slot = ra.min(rb);
            }
        }
    }
    (0..sets.len()).map(|i| root(&mut parent, i)).collect()
}

/// The root of `i` in a union-find forest, halving the path on the way.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i)
        && p != i
    {
        let grand = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(i) {
            *slot = grand;
        }
        i = p;
    }
    i
}

/// The project's articles that `text` is a reprint of (other than `except`), most similar
/// first, with their similarity. Each article is compared exactly.
pub fn reprints_of(project: &Project, text: &str, except: Option<DocId>) -> Vec<(DocId, f64)> {
    let mine = shingles(text);
    let mut out: Vec<(DocId, f64)> = project
        .documents()
        .values()
        .filter(|d| Some(d.id) != except)
        .map(|d| (d.id, jaccard(&mine, &shingles(d.text.as_str()))))
        .filter(|(_, s)| *s >= THRESHOLD)
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// The project's stories run by several outlets: groups of two or more articles that are
/// reprints, each sorted by id, the groups by their first id.
pub fn stories(project: &Project) -> Vec<Vec<DocId>> {
    stories_of((project.documents().values()).map(|d| (d.id, d.text.as_str())))
}

/// [`stories`] among these articles' texts.
pub fn stories_of<'t>(texts: impl Iterator<Item = (DocId, &'t str)>) -> Vec<Vec<DocId>> {
    let (ids, sets): (Vec<DocId>, Vec<Vec<u64>>) =
        texts.map(|(id, text)| (id, shingles(text))).unzip();
    let mut groups: BTreeMap<usize, Vec<DocId>> = BTreeMap::new();
    for (id, root) in ids.into_iter().zip(clusters(&sets)) {
        groups.entry(root).or_default().push(id);
    }
    let mut out: Vec<Vec<DocId>> = (groups.into_values())
        .filter(|g| g.len() > 1)
        .map(|mut g| {
            g.sort();
            g
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests;
