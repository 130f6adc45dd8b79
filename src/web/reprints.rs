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
//! Comparing one text with a project is exact (each set against each). Grouping texts
//! ([`group`], which [`stories`] and the claims' corroboration, [`crate::corroboration`], both
//! use with their own thresholds) compares every pair of up to [`ALL_PAIRS_UP_TO`] texts; above
//! that, only pairs that share one of the [`SKETCH`] smallest hashes of either text (a bottom-k
//! MinHash sketch), each then exactly. Two texts of similarity J miss each other with a
//! probability of about (1 − J)^16: 1.5·10⁻⁵ at 0.5, 6.6·10⁻¹² at 0.8. A sketch hash held by
//! more than [`COMMON_SKETCH_TEXTS`] texts (boilerplate) proposes no pairs, so the work stays
//! linear in the texts.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::model::{DocId, Project};

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// The least Jaccard similarity of two reprints.
pub const THRESHOLD: f64 = 0.8;
/// Smallest hashes per text that [`group`] indexes to find candidate pairs.
pub const SKETCH: usize = 16;
/// Up to this many texts, [`group`] compares every pair.
pub const ALL_PAIRS_UP_TO: usize = 64;
/// A sketch hash held by more texts than this proposes no pairs in [`group`].
pub const COMMON_SKETCH_TEXTS: usize = 256;

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
/// reprint pairs (similarity at least [`THRESHOLD`]), each sorted by id, the groups by their
/// first id.
pub fn stories(project: &Project) -> Vec<Vec<DocId>> {
    let ids: Vec<DocId> = project.documents().keys().copied().collect();
    let sets: Vec<Shingles> = (project.documents().values())
        .map(|d| shingles(d.text.as_str()))
        .collect();
    let mut groups: BTreeMap<usize, Vec<DocId>> = BTreeMap::new();
    for (id, first) in ids.into_iter().zip(group(&sets, THRESHOLD)) {
        groups.entry(first).or_default().push(id);
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}

/// Groups near-identical texts: texts joined by pairs whose similarity is at least `threshold`
/// (and, through them, by chains of such pairs) are one group. Returns, for each set, the index
/// of the first set of its group (its own index when it is alone). See the module for which
/// pairs are compared.
pub fn group(sets: &[Shingles], threshold: f64) -> Vec<usize> {
    let mut pairs = BTreeSet::new();
    if sets.len() <= ALL_PAIRS_UP_TO {
        for a in 0..sets.len() {
            for b in a + 1..sets.len() {
                pairs.insert((a, b));
            }
        }
    } else {
        let mut by_hash: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
        for (i, s) in sets.iter().enumerate() {
            for h in s.0.iter().take(SKETCH) {
                by_hash.entry(*h).or_default().push(i);
            }
        }
        for docs in by_hash.values() {
            if docs.len() > COMMON_SKETCH_TEXTS {
                continue;
            }
            for (n, &a) in docs.iter().enumerate() {
                for &b in docs.iter().skip(n + 1) {
                    pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    let mut parent: Vec<usize> = (0..sets.len()).collect();
    for (a, b) in pairs {
        let (Some(sa), Some(sb)) = (sets.get(a), sets.get(b)) else {
            continue;
        };
        if similarity(sa, sb) >= threshold {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if let Some(slot) = parent.get_mut(ra.max(rb)) {
                *slot = ra.min(rb);
            }
        }
    }
    (0..sets.len()).map(|i| root(&mut parent, i)).collect()
}

/// The root of `i` in a union-find forest whose roots are the smallest index of their tree,
/// halving the path on the way.
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

    #[test]
    fn many_texts_are_grouped_through_their_sketches_as_all_pairs_would() {
        // 150 texts of their own words, and three near-copies of text 7 among them (a changed
        // closing line each), and two copies of text 90.
        let text = |n: usize| -> String {
            (0..60)
                .map(|w| format!("w{}x{}", n, (w * 7 + n) % 97))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut texts: Vec<String> = (0..150).map(text).collect();
        for end in ["one", "two", "three"] {
            texts.push(format!("{} closing {end}", text(7)));
        }
        texts.push(text(90));
        texts.push(format!("{}.", text(90)));
        let sets: Vec<Shingles> = texts.iter().map(|t| shingles(t)).collect();
        assert!(sets.len() > ALL_PAIRS_UP_TO, "the sketch path");
        let roots = group(&sets, THRESHOLD);
        let members =
            |r: usize| -> Vec<usize> { (0..roots.len()).filter(|i| roots[*i] == r).collect() };
        assert_eq!(members(7), [7, 150, 151, 152]);
        assert_eq!(members(90), [90, 153, 154]);
        let alone = (0..roots.len()).filter(|i| roots[*i] == *i && members(*i).len() == 1);
        assert_eq!(alone.count(), 150 - 2);
        // The same answer as comparing every pair.
        for a in 0..sets.len() {
            for b in a + 1..sets.len() {
                let close = similarity(&sets[a], &sets[b]) >= THRESHOLD;
                assert_eq!(close, roots[a] == roots[b], "{a} {b}");
            }
        }
    }
}
