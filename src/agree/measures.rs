//! The agreement measures as pure arithmetic on spans and counts: Krippendorff's unitizing alpha
//! (α_u), Cohen's κ, and precision/recall/F1 — no projects, no ids.
//!
//! # Krippendorff's α_u
//!
//! From Krippendorff, *Content Analysis* (2nd ed., 2004, §12.4) and "Measuring the reliability of
//! qualitative text analysis data" (Quality & Quantity 38, 2004). For one category `c`, each of `m`
//! coders cuts the continuum (here: the characters of the articles compared) into *units* (coded
//! `c`) and *gaps*. With `L` the continuum's length:
//!
//! - observed disagreement `D_o = 2 / (m(m−1)L²) · Σ_{coders i<j} Σ_{segments g of i, h of j} δ²(g, h)`
//!   where, for two overlapping units, `δ² = (b_g − b_h)² + (e_g − e_h)²` (squared differences of
//!   their beginnings and ends); for a unit lying wholly inside the other coder's gap, `δ² = l²` of
//!   the unit; and 0 otherwise (two gaps, or a unit only partly in a gap: that part is counted by
//!   the unit it overlaps);
//! - expected disagreement
//!   `D_e = (2/L) · Σ_units [ (N_c−1)/3 · (2l³ − 3l² + l) + l² · Σ_{gaps with l_gap ≥ l} (l_gap − l + 1) ]
//!   / [ mL(mL−1) − Σ_units l(l−1) ]`, with `N_c` the number of units of `c` over all coders and the
//!   gaps those of every coder;
//! - `α_u(c) = 1 − D_o/D_e`, and over all categories `α_u = 1 − Σ_c D_o(c) / Σ_c D_e(c)`.
//!
//! Several articles make one continuum whose segments never cross an article's end: a gap stops
//! at the end of its article and the next article starts a new one.

/// A coder's units of one category in one stretch of the continuum: `(start, end)` char offsets,
/// sorted, not overlapping (touching is allowed), all within `0..len`.
pub type Units = Vec<(usize, usize)>;

/// One article of the continuum: its length and each coder's units of the category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch {
    /// Length in chars.
    pub len: usize,
    /// One entry per coder (all stretches of a computation have the same number of coders).
    pub coders: Vec<Units>,
}

/// The two disagreements behind α_u for one category; α_u itself is `1 − observed/expected`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Disagreement {
    /// `D_o`.
    pub observed: f64,
    /// `D_e`.
    pub expected: f64,
}

impl Disagreement {
    /// `1 − D_o/D_e`, or `None` when the expected disagreement is zero (no unit at all).
    pub fn alpha(self) -> Option<f64> {
        (self.expected > 0.0).then(|| 1.0 - self.observed / self.expected)
    }

    /// The sum of two categories' disagreements (for the overall α_u).
    pub fn plus(self, other: Disagreement) -> Disagreement {
        Disagreement {
            observed: self.observed + other.observed,
            expected: self.expected + other.expected,
        }
    }
}

/// A segment of a coder's cut of a stretch: a unit or a gap.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
    unit: bool,
}

/// Units and the gaps between them, covering `0..len` in order.
fn segments(units: &[(usize, usize)], len: usize) -> Vec<Segment> {
    let mut out = Vec::with_capacity(units.len() * 2 + 1);
    let mut at = 0;
    for &(start, end) in units {
        if start > at {
            out.push(Segment {
                start: at,
                end: start,
                unit: false,
            });
        }
        if end > start {
            out.push(Segment {
                start,
                end,
                unit: true,
            });
        }
        at = at.max(end);
    }
    if at < len {
        out.push(Segment {
            start: at,
            end: len,
            unit: false,
        });
    }
    out
}

/// δ² of two overlapping segments of two coders (see the module comment).
fn delta2(g: Segment, h: Segment) -> f64 {
    let sq = |x: usize, y: usize| {
        let d = x.abs_diff(y) as f64;
        d * d
    };
    let len2 = |s: Segment| {
        let l = (s.end - s.start) as f64;
        l * l
    };
    match (g.unit, h.unit) {
        (true, true) => sq(g.start, h.start) + sq(g.end, h.end),
        (true, false) if h.start <= g.start && g.end <= h.end => len2(g),
        (false, true) if g.start <= h.start && h.end <= g.end => len2(h),
        _ => 0.0,
    }
}

/// Σ δ² over every overlapping pair of segments of two coders' cuts of one stretch.
fn pair_sum(a: &[Segment], b: &[Segment]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        let (g, h) = (a[i], b[j]);
        if g.start < h.end && h.start < g.end {
            sum += delta2(g, h);
        }
        if g.end <= h.end {
            i += 1;
        } else {
            j += 1;
        }
    }
    sum
}

/// `D_o` and `D_e` of one category over the stretches given (see the module comment).
///
/// Every stretch must list the same number of coders, at least two; with fewer, or an empty
/// continuum, both disagreements are zero (and [`Disagreement::alpha`] is `None`).
pub fn unitizing(stretches: &[Stretch]) -> Disagreement {
    let m = stretches.first().map_or(0, |s| s.coders.len());
    let total: usize = stretches.iter().map(|s| s.len).sum();
    if m < 2 || total == 0 {
        return Disagreement::default();
    }
    let (mf, l) = (m as f64, total as f64);

    let mut observed = 0.0;
    let mut unit_lengths = Vec::new();
    let mut gap_lengths = Vec::new();
    for stretch in stretches {
        let cuts: Vec<Vec<Segment>> = stretch
            .coders
            .iter()
            .map(|units| segments(units, stretch.len))
            .collect();
        for (i, a) in cuts.iter().enumerate() {
            for b in &cuts[i + 1..] {
                observed += pair_sum(a, b);
            }
            for s in a {
                let len = s.end - s.start;
                if s.unit {
                    unit_lengths.push(len as f64);
                } else {
                    gap_lengths.push(len);
                }
            }
        }
    }
    observed *= 2.0 / (mf * (mf - 1.0) * l * l);

    // Σ over gaps at least as long as a unit of (gap − l + 1), for every unit: with the gaps
    // sorted, the gaps ≥ l are a suffix, summed from running totals.
    gap_lengths.sort_unstable();
    let mut suffix = vec![0.0; gap_lengths.len() + 1];
    for (k, &g) in gap_lengths.iter().enumerate().rev() {
        suffix[k] = suffix[k + 1] + g as f64 + 1.0;
    }
    let n_c = unit_lengths.len() as f64;
    let mut numerator = 0.0;
    let mut squares = 0.0;
    for &u in &unit_lengths {
        let first = gap_lengths.partition_point(|&g| (g as f64) < u);
        let count = (gap_lengths.len() - first) as f64;
        let fits = suffix[first] - count * u;
        numerator += (n_c - 1.0) / 3.0 * (2.0 * u * u * u - 3.0 * u * u + u) + u * u * fits;
        squares += u * (u - 1.0);
    }
    let denominator = mf * l * (mf * l - 1.0) - squares;
    let expected = if unit_lengths.is_empty() || denominator <= 0.0 {
        0.0
    } else {
        2.0 / l * numerator / denominator
    };
    Disagreement { observed, expected }
}

/// A 2×2 table of two coders' yes/no judgements on the same units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Table2 {
    /// Both said yes.
    pub both: usize,
    /// Only the first said yes.
    pub only_a: usize,
    /// Only the second said yes.
    pub only_b: usize,
    /// Both said no.
    pub neither: usize,
}

impl Table2 {
    /// Counts one unit.
    pub fn add(&mut self, a: bool, b: bool) {
        match (a, b) {
            (true, true) => self.both += 1,
            (true, false) => self.only_a += 1,
            (false, true) => self.only_b += 1,
            (false, false) => self.neither += 1,
        }
    }

    /// The number of units.
    pub fn total(&self) -> usize {
        self.both + self.only_a + self.only_b + self.neither
    }

    /// Cohen's κ = (p_o − p_e)/(1 − p_e); `None` with no units, or when chance agreement is total
    /// (both coders gave every unit the same single value: κ is undefined).
    pub fn kappa(&self) -> Option<f64> {
        let n = self.total() as f64;
        if n == 0.0 {
            return None;
        }
        let observed = (self.both + self.neither) as f64 / n;
        let a_yes = (self.both + self.only_a) as f64 / n;
        let b_yes = (self.both + self.only_b) as f64 / n;
        let chance = a_yes * b_yes + (1.0 - a_yes) * (1.0 - b_yes);
        (chance < 1.0).then(|| (observed - chance) / (1.0 - chance))
    }
}

/// Cohen's κ for nominal categories from pairs of labels: `(p_o − p_e)/(1 − p_e)` with `p_e` the
/// sum over categories of the product of the two coders' proportions. `None` with no pairs or when
/// `p_e` is 1.
pub fn kappa_nominal<T: Ord + Clone>(pairs: &[(T, T)]) -> Option<f64> {
    use std::collections::BTreeMap;
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mut margins: BTreeMap<T, (usize, usize)> = BTreeMap::new();
    let mut same = 0usize;
    for (a, b) in pairs {
        margins.entry(a.clone()).or_default().0 += 1;
        margins.entry(b.clone()).or_default().1 += 1;
        same += usize::from(a == b);
    }
    let observed = same as f64 / n;
    let chance: f64 = margins
        .values()
        .map(|&(a, b)| (a as f64 / n) * (b as f64 / n))
        .sum();
    (chance < 1.0).then(|| (observed - chance) / (1.0 - chance))
}

/// Precision, recall and F1 of coder B's units against coder A's as the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Matches {
    /// A's units.
    pub a_units: usize,
    /// B's units.
    pub b_units: usize,
    /// Pairs matched one to one.
    pub matched: usize,
}

impl Matches {
    /// matched / B's units.
    pub fn precision(&self) -> Option<f64> {
        (self.b_units > 0).then(|| self.matched as f64 / self.b_units as f64)
    }

    /// matched / A's units.
    pub fn recall(&self) -> Option<f64> {
        (self.a_units > 0).then(|| self.matched as f64 / self.a_units as f64)
    }

    /// 2·matched / (A's units + B's units): symmetric in A and B.
    pub fn f1(&self) -> Option<f64> {
        let n = self.a_units + self.b_units;
        (n > 0).then(|| 2.0 * self.matched as f64 / n as f64)
    }

    /// Adds another count (micro-averaging).
    pub fn plus(self, other: Matches) -> Matches {
        Matches {
            a_units: self.a_units + other.a_units,
            b_units: self.b_units + other.b_units,
            matched: self.matched + other.matched,
        }
    }
}

/// Overlap of two spans over their union, in 0..=1.
pub fn overlap_ratio(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// One-to-one matching of two sorted lists of spans: every overlapping pair whose overlap ratio is
/// at least `threshold` is a candidate, and candidates are taken best ratio first (ties by
/// position). Returns `(index in a, index in b)` pairs in the order of `a`.
///
/// Spans must be sorted by start; the candidate search is a sweep, so the cost is that of the
/// overlapping pairs, not of all pairs.
pub fn match_spans(
    a: &[(usize, usize)],
    b: &[(usize, usize)],
    threshold: f64,
) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    let mut first = 0;
    for (i, &sa) in a.iter().enumerate() {
        // a is sorted by start, so a span of b that ends before this one starts overlaps no later
        // span of a either: the prefix of such spans is skipped for good.
        while first < b.len() && b[first].1 <= sa.0 {
            first += 1;
        }
        for (j, &sb) in b.iter().enumerate().skip(first) {
            if sb.0 >= sa.1 {
                break;
            }
            let ratio = overlap_ratio(sa, sb);
            if ratio > 0.0 && ratio >= threshold {
                candidates.push((ratio, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Sorted, merged (overlapping or touching spans joined) copy of some spans: one coder's units of
/// one category, as α_u needs them.
pub fn union_of(mut spans: Vec<(usize, usize)>) -> Units {
    spans.retain(|s| s.1 > s.0);
    spans.sort_unstable();
    let mut out: Units = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// Chars covered by exactly one of two unions of spans (sorted, disjoint).
pub fn differing_chars(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    let covered = |u: &[(usize, usize)]| u.iter().map(|s| s.1 - s.0).sum::<usize>();
    let mut both = 0;
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let inter = a[i].1.min(b[j].1).saturating_sub(a[i].0.max(b[j].0));
        both += inter;
        if a[i].1 <= b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    covered(a) + covered(b) - 2 * both
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff's worked example (Content Analysis, 2004, p. 254): a continuum of 300 chars
    /// from 150; two coders; categories c and k. Shifted here to start at 0.
    fn krippendorff_2004() -> (Stretch, Stretch) {
        let at = |b: usize, l: usize| (b - 150, b - 150 + l);
        let c = Stretch {
            len: 300,
            coders: vec![
                vec![at(225, 70), at(370, 30)],
                vec![at(220, 80), at(355, 20), at(400, 20)],
            ],
        };
        let k = Stretch {
            len: 300,
            coders: vec![
                vec![at(180, 60), at(300, 50)],
                vec![at(180, 60), at(300, 50)],
            ],
        };
        (c, k)
    }

    #[test]
    fn alpha_u_on_krippendorffs_worked_example() {
        let (c, k) = krippendorff_2004();
        let dc = unitizing(std::slice::from_ref(&c));
        // By hand. D_o: overlapping pairs (in the original's coordinates) are
        //   units [225,295) × [220,300): 5² + 5² = 50;
        //   units [370,400) × [355,375): 15² + 25² = 850;
        //   gap [400,450) of coder 1 holds coder 2's unit [400,420): 20² = 400;
        // every other pair is gap × gap or a unit only partly in a gap: 0. Σ = 1300, and
        // D_o = 2·1300 / (2·1·300²) = 0.0144444.
        assert!((dc.observed - 1300.0 / 90_000.0).abs() < 1e-12, "{dc:?}");
        // D_e: units 70, 30, 80, 20, 20 (N_c = 5); gaps 75, 75, 50 (coder 1), 70, 55, 25, 30
        // (coder 2). Per unit, 4/3·(2l³ − 3l² + l) + l²·Σ_{gaps ≥ l}(gap − l + 1):
        //   70: 895160 + 4900·13 = 958860;   30: 68440 + 900·181 = 231340;
        //   80: 1339840 + 0 = 1339840;       20: 19760 + 400·247 = 118560 (twice).
        // Σ = 2767160; the denominator is 600·599 − Σ l(l−1) = 359400 − 12780 = 346620;
        // D_e = (2/300)·2767160/346620 = 0.0532221.
        let expected = 2.0 / 300.0 * 2_767_160.0 / 346_620.0;
        assert!((dc.expected - expected).abs() < 1e-12, "{dc:?}");
        let alpha_c = dc.alpha().expect("defined");
        assert!((alpha_c - 0.7286).abs() < 1e-4, "{alpha_c}");
        let dk = unitizing(std::slice::from_ref(&k));
        assert_eq!(dk.observed, 0.0);
        assert_eq!(dk.alpha(), Some(1.0));
        assert!((dk.expected - 0.0490).abs() < 1e-4, "{dk:?}");
        // Over both categories: 1 − ΣD_o/ΣD_e, the book's 0.8591.
        let overall = dc.plus(dk).alpha().expect("defined");
        assert!((overall - 0.8591).abs() < 5e-4, "{overall}");
    }

    #[test]
    fn alpha_u_is_symmetric_and_one_for_identical_cuts() {
        let (c, _) = krippendorff_2004();
        let swapped = Stretch {
            len: c.len,
            coders: vec![c.coders[1].clone(), c.coders[0].clone()],
        };
        assert_eq!(
            unitizing(std::slice::from_ref(&c)),
            unitizing(std::slice::from_ref(&swapped))
        );
        let same = Stretch {
            len: 50,
            coders: vec![vec![(3, 9), (20, 30)], vec![(3, 9), (20, 30)]],
        };
        assert_eq!(unitizing(&[same]).alpha(), Some(1.0));
    }

    #[test]
    fn alpha_u_needs_units_and_falls_when_cuts_differ() {
        let none = Stretch {
            len: 40,
            coders: vec![vec![], vec![]],
        };
        assert_eq!(unitizing(std::slice::from_ref(&none)).alpha(), None);
        let near = Stretch {
            len: 100,
            coders: vec![vec![(10, 30)], vec![(11, 30)]],
        };
        let far = Stretch {
            len: 100,
            coders: vec![vec![(10, 30)], vec![(60, 80)]],
        };
        let near_alpha = unitizing(&[near]).alpha().expect("defined");
        let far_alpha = unitizing(&[far]).alpha().expect("defined");
        assert!(near_alpha > 0.9 && near_alpha < 1.0, "{near_alpha}");
        assert!(far_alpha < 0.0, "{far_alpha}");
    }

    #[test]
    fn kappa_on_a_textbook_table() {
        // Cohen's κ on the 2×2 table of 50 grant proposals (Wikipedia, "Cohen's kappa"):
        // both yes 20, A yes only 5, B yes only 10, both no 15. p_o = 35/50 = 0.7;
        // p_yes = 25/50·30/50 = 0.3, p_no = 25/50·20/50 = 0.2, p_e = 0.5; κ = 0.2/0.5 = 0.4.
        let table = Table2 {
            both: 20,
            only_a: 5,
            only_b: 10,
            neither: 15,
        };
        let kappa = table.kappa().expect("defined");
        assert!((kappa - 0.4).abs() < 1e-12, "{kappa}");
        let swapped = Table2 {
            only_a: 10,
            only_b: 5,
            ..table
        };
        assert_eq!(swapped.kappa(), table.kappa());
        // The same table as nominal labels gives the same κ.
        let mut pairs = Vec::new();
        pairs.extend(std::iter::repeat_n(("yes", "yes"), 20));
        pairs.extend(std::iter::repeat_n(("yes", "no"), 5));
        pairs.extend(std::iter::repeat_n(("no", "yes"), 10));
        pairs.extend(std::iter::repeat_n(("no", "no"), 15));
        let nominal = kappa_nominal(&pairs).expect("defined");
        assert!((nominal - 0.4).abs() < 1e-12, "{nominal}");
        // Undefined without variation; exactly 1 for perfect agreement with variation.
        let flat = Table2 {
            both: 7,
            ..Table2::default()
        };
        assert_eq!(flat.kappa(), None);
        let perfect = Table2 {
            both: 3,
            neither: 4,
            ..Table2::default()
        };
        assert_eq!(perfect.kappa(), Some(1.0));
    }

    #[test]
    fn matching_is_one_to_one_and_best_first() {
        // b[0] overlaps a[0] by 8/12 and a[1] by 2/12; b[1] overlaps a[1] by 9/11.
        let a = [(0, 10), (10, 20)];
        let b = [(2, 12), (11, 20)];
        assert_eq!(match_spans(&a, &b, 0.5), vec![(0, 0), (1, 1)]);
        // Below the threshold nothing matches.
        assert_eq!(match_spans(&[(0, 10)], &[(8, 30)], 0.5), vec![]);
        // Two candidates for one span: the better one wins.
        assert_eq!(
            match_spans(&[(0, 10)], &[(0, 8), (0, 10)], 0.5),
            vec![(0, 1)]
        );
        let m = Matches {
            a_units: 4,
            b_units: 2,
            matched: 2,
        };
        assert_eq!(m.precision(), Some(1.0));
        assert_eq!(m.recall(), Some(0.5));
        assert!((m.f1().expect("defined") - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn unions_and_differences() {
        assert_eq!(
            union_of(vec![(5, 9), (0, 3), (2, 4), (9, 9), (9, 12)]),
            vec![(0, 4), (5, 12)]
        );
        assert_eq!(differing_chars(&[(0, 10)], &[(5, 15)]), 10);
        assert_eq!(differing_chars(&[(0, 10)], &[(0, 10)]), 0);
        assert_eq!(differing_chars(&[], &[(3, 4)]), 1);
    }
}
