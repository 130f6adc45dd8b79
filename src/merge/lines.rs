//! Line-by-line three-way merge of a text field (a note, a description): diff3 over the line
//! matchings base→ours and base→theirs (Myers' diff from the `similar` crate).
//!
//! The texts are cut after each `\n`, so joining the lines gives the text back exactly. Between
//! two lines that both sides kept (sync points), a stretch changed on one side takes that side's
//! lines; changed the same way on both, either; changed differently on both — including two
//! insertions at one place, or edits with no kept line between them — is a conflict. The result
//! does not depend on which side is "ours".

use similar::{Algorithm, DiffOp, capture_diff_slices};

/// For each line of `base`, the line of `other` it is matched to, if any.
fn matching(base: &[&str], other: &[&str]) -> Vec<Option<usize>> {
    let mut out = vec![None; base.len()];
    for op in capture_diff_slices(Algorithm::Myers, base, other) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for i in 0..len {
                if let Some(slot) = out.get_mut(old_index + i) {
                    *slot = Some(new_index + i);
                }
            }
        }
    }
    out
}

/// Merges `ours` and `theirs`, both changed from `base`, line by line: the merged text, or `None`
/// when the changes touch.
pub fn merge(base: &str, ours: &str, theirs: &str) -> Option<String> {
    let b: Vec<&str> = base.split_inclusive('\n').collect();
    let o: Vec<&str> = ours.split_inclusive('\n').collect();
    let t: Vec<&str> = theirs.split_inclusive('\n').collect();
    let mo = matching(&b, &o);
    let mt = matching(&b, &t);
    let mut out = String::with_capacity(ours.len().max(theirs.len()));
    let (mut i, mut j, mut k) = (0, 0, 0);
    loop {
        // Lines kept by both sides, in step, are copied.
        while i < b.len() && mo[i] == Some(j) && mt[i] == Some(k) {
            out.push_str(b[i]);
            i += 1;
            j += 1;
            k += 1;
        }
        // The next line kept by both sides ends the changed stretch (or the end of all three).
        let next = (i..b.len())
            .find(|&x| matches!((mo[x], mt[x]), (Some(y), Some(z)) if y >= j && z >= k));
        let (i2, j2, k2) = match next {
            Some(x) => (x, mo[x].unwrap_or(j), mt[x].unwrap_or(k)),
            None => (b.len(), o.len(), t.len()),
        };
        let (bs, os, ts) = (
            b.get(i..i2).unwrap_or_default(),
            o.get(j..j2).unwrap_or_default(),
            t.get(k..k2).unwrap_or_default(),
        );
        let take = if os == bs {
            ts
        } else if ts == bs || os == ts {
            os
        } else {
            return None;
        };
        for line in take {
            out.push_str(line);
        }
        if next.is_none() {
            return Some(out);
        }
        (i, j, k) = (i2, j2, k2);
    }
}

#[cfg(test)]
mod tests {
    use super::merge;

    #[test]
    fn changes_to_different_lines_join() {
        let base = "one\ntwo\nthree\nfour\n";
        let ours = "ONE\ntwo\nthree\nfour\n";
        let theirs = "one\ntwo\nthree\nFOUR\nfive\n";
        assert_eq!(
            merge(base, ours, theirs).as_deref(),
            Some("ONE\ntwo\nthree\nFOUR\nfive\n")
        );
        assert_eq!(
            merge(base, theirs, ours).as_deref(),
            Some("ONE\ntwo\nthree\nFOUR\nfive\n")
        );
    }

    #[test]
    fn changes_to_the_same_line_conflict() {
        assert_eq!(merge("a\nb\nc", "a\nB\nc", "a\nbb\nc"), None);
        // A one-line note edited on both sides.
        assert_eq!(merge("note", "our note", "their note"), None);
        // Two insertions at one place.
        assert_eq!(merge("a\nc\n", "a\nx\nc\n", "a\ny\nc\n"), None);
    }

    #[test]
    fn the_same_change_on_both_sides_is_fine() {
        assert_eq!(
            merge("a\nb\n", "a\nB\n", "a\nB\n").as_deref(),
            Some("a\nB\n")
        );
        assert_eq!(merge("", "x", "x").as_deref(), Some("x"));
    }

    #[test]
    fn removals_and_an_empty_base() {
        assert_eq!(
            merge("a\nb\nc\nd\n", "b\nc\nd\n", "a\nb\nc\n").as_deref(),
            Some("b\nc\n")
        );
        assert_eq!(merge("", "x\n", "y\n"), None);
        assert_eq!(merge("", "", "y\n").as_deref(), Some("y\n"));
    }
}
