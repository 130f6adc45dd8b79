//! Names close to what was typed: the rule that keeps a typo in a palette from creating a
//! near-duplicate tag, actor or event.
//!
//! A name is *close* to a query when, ignoring case and diacritics ([`super::fold`]), it
//! contains the query, or the two differ by at most one edit (insertion, deletion, substitution
//! or transposition of neighbours) for queries of up to five letters and at most two for longer
//! ones ("Thraet" → "Threat", "Ceasfire" → "Ceasefire"). The palettes put close names first and
//! make creating a new one an explicit choice when any exists.

use super::fold;

/// The edits allowed between a query of `len` chars and a close name.
pub fn allowed_edits(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// The optimal-string-alignment distance between two char sequences (Levenshtein plus
/// transposition of neighbours), or `None` once it exceeds `limit`.
pub fn edit_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; a.len() + 1];
    for (j, cell) in rows.first_mut().into_iter().flatten().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let mut row_min = usize::MAX;
        for j in 0..width {
            let value = if j == 0 {
                i
            } else {
                let cost = usize::from(a.get(i - 1) != b.get(j - 1));
                let up = rows[i - 1][j] + 1;
                let left = rows[i][j - 1] + 1;
                let diag = rows[i - 1][j - 1] + cost;
                let mut best = up.min(left).min(diag);
                if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                    best = best.min(rows[i - 2][j - 2] + 1);
                }
                best
            };
            rows[i][j] = value;
            row_min = row_min.min(value);
        }
        if row_min > limit {
            return None;
        }
    }
    rows.last()
        .and_then(|r| r.last())
        .copied()
        .filter(|d| *d <= limit)
}

/// Whether `name` is close to `query` (see the module docs).
pub fn is_close(query: &str, name: &str) -> bool {
    let q = fold(query.trim());
    let n = fold(name.trim());
    if q.is_empty() {
        return false;
    }
    if n.contains(&q) {
        return true;
    }
    let q: Vec<char> = q.chars().collect();
    let n: Vec<char> = n.chars().collect();
    edit_distance(&q, &n, allowed_edits(q.len())).is_some()
}

/// The indices of the names close to `query`, closest first (by edits; containing the query
/// counts as none), ties in input order.
pub fn close_names(query: &str, names: &[&str]) -> Vec<usize> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let qc: Vec<char> = q.chars().collect();
    let limit = allowed_edits(qc.len());
    let mut found: Vec<(usize, usize)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            let n = fold(name.trim());
            if n.contains(&q) {
                return Some((0, i));
            }
            let nc: Vec<char> = n.chars().collect();
            edit_distance(&qc, &nc, limit).map(|d| (d, i))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_close_and_other_words_are_not() {
        assert!(is_close("Thraet", "Threat"));
        assert!(is_close("ceasfire", "Ceasefire"));
        assert!(is_close("clam", "Claim"));
        assert!(is_close("zelensky", "Zelenskyy"));
        assert!(is_close("societe", "Société"));
        assert!(is_close("aid", "Humanitarian aid"));
        assert!(!is_close("Sanctions", "Threat"));
        assert!(!is_close("ab", "Aid"));
        assert!(!is_close("", "Aid"));
    }

    #[test]
    fn closest_first() {
        let names = ["Threats", "Threat", "Treaty", "Claim"];
        assert_eq!(close_names("Thraet", &names), vec![1, 0]);
        assert_eq!(close_names("threat", &names), vec![0, 1, 2]);
        assert_eq!(edit_distance(&['a', 'b'], &['b', 'a'], 1), Some(1));
        assert_eq!(edit_distance(&['a'], &['a', 'b', 'c', 'd'], 2), None);
    }
}
