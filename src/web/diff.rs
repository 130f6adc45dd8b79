//! What changed between two versions of an article, sentence by sentence: the sentences (Unicode
//! sentence boundaries, trimmed) removed from the old text and added in the new one, in text order
//! (Myers' diff from `similar`).

use similar::{Algorithm, DiffOp, capture_diff_slices};
use unicode_segmentation::UnicodeSegmentation;

/// One changed sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// In the old text, not in the new one.
    Removed(String),
    /// In the new text, not in the old one.
    Added(String),
}

fn sentences(text: &str) -> Vec<&str> {
    text.split_sentence_bounds()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The sentences removed and added between `old` and `new`, in text order (removals of a place
/// before its additions).
pub fn sentence_changes(old: &str, new: &str) -> Vec<Change> {
    let (a, b) = (sentences(old), sentences(new));
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (removed, added) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index, old_len, ..
            } => (old_index..old_index + old_len, 0..0),
            DiffOp::Insert {
                new_index, new_len, ..
            } => (0..0, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        out.extend(a[removed].iter().map(|s| Change::Removed((*s).to_owned())));
        out.extend(b[added].iter().map(|s| Change::Added((*s).to_owned())));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_and_added_sentences_are_listed_in_order() {
        let old = "Talks went on. Shelling was reported near the river. Aid will move.";
        let new = "Talks went on. No incidents were reported. Aid will move. Observers stay.";
        assert_eq!(
            sentence_changes(old, new),
            vec![
                Change::Removed("Shelling was reported near the river.".into()),
                Change::Added("No incidents were reported.".into()),
                Change::Added("Observers stay.".into()),
            ]
        );
        assert!(sentence_changes(old, old).is_empty());
    }
}
