//! Reprints: near-identical articles — wire copy run by several outlets, each with its own
//! headline, dateline or closing line — found so they can be shown as one story.
//!
//! How: a text is the set of its word 5-shingles (every run of five consecutive words; words are
//! runs of letters and digits, lower-cased), each hashed to 64 bits. Two texts are reprints when
//! the Jaccard similarity of their sets (shared shingles over all shingles) is at least
//! [`THRESHOLD`] (0.8): one changed sentence in twenty keeps wire copy well above it, while two
//! reports of one event in their own words share almost no five-word runs. Texts of fewer than
//! five words are one shingle.
//!
//! Comparing one text with a project is exact (each set against each). Grouping a whole project
//! ([`stories`]) compares only pairs that share one of the [`SKETCH`] smallest hashes of either
//! text (a bottom-k MinHash sketch), then exactly: two texts with a similarity of 0.8 share their
//! smallest hash with probability 0.8, so missing one of the 16 is all but impossible.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::model::{DocId, Project};

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// The least Jaccard similarity of two reprints.
pub const THRESHOLD: f64 = 0.8;
/// Smallest hashes per text that [`stories`] indexes to find candidate pairs.
pub const SKETCH: usize = 16;

/// A text's shingles: sorted, distinct hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shingles(Vec<u64>);

/// The shingles of a text.
pub fn shingles(text: &str) -> Shingles {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out: Vec<u64> = words
        .windows(SHINGLE_WORDS.min(words.len()).max(1))
        .map(|w| {
            let mut h = DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    Shingles(out)
}

/// The Jaccard similarity of two shingle sets (0 when both are empty).
pub fn similarity(a: &Shingles, b: &Shingles) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.0.get(i), b.0.get(j)) {
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
    let union = a.0.len() + b.0.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// The project's articles that `text` is a reprint of (other than `except`), most similar
/// first, with their similarity.
pub fn reprints_of(project: &Project, text: &str, except: Option<DocId>) -> Vec<(DocId, f64)> {
    let mine = shingles(text);
    let mut out: Vec<(DocId, f64)> = project
        .documents()
        .values()
        .filter(|d| Some(d.id) != except)
        .map(|d| (d.id, similarity(&mine, &shingles(d.text.as_str()))))
        .filter(|(_, s)| *s >= THRESHOLD)
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// The project's stories run by several outlets: groups of two or more articles joined by
/// reprint pairs, each sorted by id, the groups by their first id.
pub fn stories(project: &Project) -> Vec<Vec<DocId>> {
    stories_of((project.documents().values()).map(|d| (d.id, d.text.as_str())))
}

/// [`stories`] among these articles' texts.
pub fn stories_of<'t>(texts: impl Iterator<Item = (DocId, &'t str)>) -> Vec<Vec<DocId>> {
    let sets: Vec<(DocId, Shingles)> = texts.map(|(id, text)| (id, shingles(text))).collect();
    let mut by_hash: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (i, (_, s)) in sets.iter().enumerate() {
        for h in s.0.iter().take(SKETCH) {
            by_hash.entry(*h).or_default().push(i);
        }
    }
    let mut pairs = BTreeSet::new();
    for docs in by_hash.values() {
        for (n, &a) in docs.iter().enumerate() {
            for &b in &docs[n + 1..] {
                pairs.insert((a.min(b), a.max(b)));
            }
        }
    }
    let mut parent: Vec<usize> = (0..sets.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (a, b) in pairs {
        if similarity(&sets[a].1, &sets[b].1) >= THRESHOLD {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: BTreeMap<usize, Vec<DocId>> = BTreeMap::new();
    for (i, (id, _)) in sets.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(*id);
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Parts};

    const WIRE: &str = "MOSCOW, Aug 6 - Russian President Vladimir Putin met U.S. envoy Steve \
        Witkoff in the Kremlin on Wednesday for three hours of talks that both sides described as \
        useful, the Kremlin said. The meeting came two days before a deadline set by Washington \
        for Moscow to agree to a ceasefire in Ukraine or face new sanctions on buyers of its oil. \
        Kremlin aide Yuri Ushakov told reporters that the two sides had exchanged signals on the \
        Ukrainian issue and discussed the prospects of strategic cooperation between the two \
        countries. There was no immediate comment from the White House.";

    #[test]
    fn wire_copy_with_its_own_dateline_and_ending_is_a_reprint_and_a_new_report_is_not() {
        let reuters = Document::new("Putin meets Witkoff", WIRE);
        let other = Document::new(
            "Putin, Witkoff talk for three hours",
            format!(
                "{} Reporting by the newsroom; editing by the desk.",
                WIRE.replace("MOSCOW, Aug 6 - ", "(Wire) ")
            ),
        );
        let own = Document::new(
            "Kremlin talks",
            "The American envoy spent the afternoon at the Kremlin, where the Russian leader \
             received him for a long conversation about a ceasefire and about oil sanctions that \
             Washington threatens to impose on countries buying Russian crude.",
        );
        let (r, o, n) = (reuters.id, other.id, own.id);
        let project = Project::from_parts(Parts {
            title: "t".into(),
            documents: vec![reuters, other, own],
            ..Parts::default()
        })
        .expect("valid");
        let found = reprints_of(&project, WIRE, Some(r));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, o);
        assert!(found[0].1 >= THRESHOLD && found[0].1 < 1.0, "{found:?}");
        let mut expected = vec![r, o];
        expected.sort();
        assert_eq!(stories(&project), vec![expected]);
        assert!(!stories(&project).concat().contains(&n));
        assert_eq!(similarity(&shingles("a b"), &shingles("A, b!")), 1.0);
    }
}
