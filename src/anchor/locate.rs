//! Placing one quote in a text: candidates from the searches, scored the way the Hypothesis client
//! scores them, and the decision whether the best one is good enough.
//!
//! A candidate's score weighs, as Hypothesis' `match-quote.ts` does, the similarity of the text
//! there to the quote (50), of the text before it to the recorded prefix (20), of the text after it
//! to the recorded suffix (20), and its closeness to where the passage was expected (2, a
//! tie-breaker). Hypothesis takes the best candidate whatever its score; Dossier must never move a
//! passage onto a look-alike, so it also asks for (see [`decide`]):
//! - a good enough score ([`MIN_SCORE`]) and context ([`MIN_CONTEXT`]) — an exact quote in a
//!   different context is a look-alike, unless the quote is long ([`DISTINCTIVE_CHARS`]) and
//!   occurred exactly once before and once now;
//! - a clear winner: when two places are about equally good on quote and context
//!   ([`CONTENT_TIE`]), the nearer one wins only if it is at most half as far from the expected
//!   place as the other; otherwise the passage is orphaned as ambiguous.
//!
//! The search goes from near to far: the expected place; the text within `max(4 × quote length,
//! 2048)` chars of it, where a clear winner whose quote or whose context is unchanged is taken;
//! then the whole text. Limitations: a winner near the expected place is not compared with
//! candidates farther away, so a better-matching copy of the passage far from where it was
//! expected loses to a good one nearby — the safer error, as it does not move the passage.

use std::ops::Range;

use super::search::{Haystack, Hit, context_similarity, count_occurrences, find_approx};
use super::{OrphanReason, Placement};

/// Weight of the quote's similarity.
const QUOTE_WEIGHT: f64 = 50.0;
/// Weight of the prefix's similarity.
const PREFIX_WEIGHT: f64 = 20.0;
/// Weight of the suffix's similarity.
const SUFFIX_WEIGHT: f64 = 20.0;
/// Weight of the closeness to the expected place.
const POSITION_WEIGHT: f64 = 2.0;

/// Lowest score (0–1) a placement may have.
pub const MIN_SCORE: f64 = 0.75;
/// Lowest mean similarity of prefix and suffix a placement may have (unless its quote is
/// distinctive).
pub const MIN_CONTEXT: f64 = 0.6;
/// Quote-and-context scores closer than this count as equally good.
pub const CONTENT_TIE: f64 = 0.015;
/// An exact quote at least this long, found once in the old text and once in the new one, is
/// placed even when its context changed.
pub const DISTINCTIVE_CHARS: usize = 32;
/// Most edits an approximate match may have: `min(MAX_ERRORS, quote length / 2)`.
pub const MAX_ERRORS: usize = 32;
/// Similarity given to a missing side of the context (at the edge of the text, before or now):
/// neither for nor against a candidate.
const NEUTRAL: f64 = 0.5;
/// Most exact occurrences scored (the nearest to the expected place).
const MAX_EXACT: usize = 4096;

/// What is known about a passage to place.
pub(crate) struct Target<'a> {
    /// The quote.
    pub quote: &'a str,
    /// Up to 32 chars before it, as recorded.
    pub prefix: &'a str,
    /// Up to 32 chars after it, as recorded.
    pub suffix: &'a str,
    /// Where it is expected to start in the new text (chars).
    pub hint: usize,
    /// Where the old text changed, for a passage of the old text; `None` (an orphan from an
    /// earlier text, or a lone anchor): it may be placed anywhere.
    pub changed: Option<Changed>,
}

/// The part of the new text that differs from the old one, and where the passage was.
///
/// The new text is the old one with `new` in place of the old text's middle; what comes before
/// and after is unchanged. A candidate wholly in that unchanged text stood at the same place in
/// the old text, so it may be taken only if it overlaps the passage's own old span — anything
/// else there is, by construction, somewhere the passage was not: a look-alike.
pub(crate) struct Changed {
    /// The changed part of the new text (chars); empty for a pure deletion.
    pub new: Range<usize>,
    /// The passage's old span.
    pub old_span: Range<usize>,
    /// New position minus old position of the unchanged text after the change.
    pub shift: isize,
}

impl Target<'_> {
    /// Whether a candidate span may be taken.
    fn allows(&self, start: usize, end: usize) -> bool {
        let Some(c) = &self.changed else {
            return true;
        };
        let own = |s: usize, e: usize| s < c.old_span.end && e > c.old_span.start;
        if end <= c.new.start {
            own(start, end)
        } else if start >= c.new.end {
            own(
                start.saturating_add_signed(-c.shift),
                end.saturating_add_signed(-c.shift),
            )
        } else {
            true // overlaps the change, or straddles the seam of a deletion
        }
    }

    /// The chars a search must cover to find every allowed span up to `len` chars long.
    fn search_range(&self, len: usize, text_len: usize) -> Range<usize> {
        let Some(c) = &self.changed else {
            return 0..text_len;
        };
        let own_start = c.old_span.start.min(c.new.start);
        let own_end = c.old_span.end.saturating_add_signed(c.shift).max(c.new.end);
        own_start.saturating_sub(len)..(own_end + len).min(text_len)
    }
}

/// A candidate place with its scores.
#[derive(Debug, Clone, Copy)]
struct Scored {
    start: usize,
    end: usize,
    errors: usize,
    /// Similarity of the quote (1 − errors / quote length).
    quote: f64,
    /// Mean similarity of prefix and suffix.
    context: f64,
    /// Quote and context, weighted, 0–1.
    content: f64,
    /// Everything, weighted as Hypothesis does, 0–1.
    score: f64,
    /// Distance to the expected place, in chars.
    distance: usize,
    /// Prefix and suffix both exactly as recorded.
    context_perfect: bool,
    /// The quote too.
    perfect: bool,
}

/// The encoded quote and context of a target, for scoring candidates against a haystack.
struct Scorer<'h, 't> {
    hay: &'h Haystack<'t>,
    quote_len: usize,
    prefix: Vec<u32>,
    suffix: Vec<u32>,
    hint: usize,
}

impl Scorer<'_, '_> {
    fn score(&self, hit: Hit) -> Scored {
        let m = self.quote_len.max(1) as f64;
        let quote = (1.0 - hit.errors as f64 / m).max(0.0);
        let lp = self.prefix.len();
        let before = self.hay.codes(hit.start.saturating_sub(lp)..hit.start);
        let prefix = side_similarity(&self.prefix, before, Side::Before);
        let ls = self.suffix.len();
        let after = self.hay.codes(hit.end..hit.end + ls);
        let suffix = side_similarity(&self.suffix, after, Side::After);
        let distance = hit.start.abs_diff(self.hint);
        let position = 1.0 - distance as f64 / self.hay.len().max(1) as f64;
        let content = (QUOTE_WEIGHT * quote + PREFIX_WEIGHT * prefix + SUFFIX_WEIGHT * suffix)
            / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT);
        let score = (QUOTE_WEIGHT * quote
            + PREFIX_WEIGHT * prefix
            + SUFFIX_WEIGHT * suffix
            + POSITION_WEIGHT * position)
            / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
        Scored {
            start: hit.start,
            end: hit.end,
            errors: hit.errors,
            quote,
            context: (prefix + suffix) / 2.0,
            content,
            score,
            distance,
            context_perfect: prefix >= 1.0 && suffix >= 1.0,
            perfect: hit.errors == 0 && prefix >= 1.0 && suffix >= 1.0,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
}

/// How well the recorded context of one side matches the text beside a candidate. Where the
/// text (old or new) ends within the context's reach, the missing part counts as [`NEUTRAL`].
fn side_similarity(stored: &[u32], window: &[u32], side: Side) -> f64 {
    let full = stored.len().max(window.len());
    if full == 0 {
        return 1.0; // text edge before and now
    }
    if stored == window {
        return 1.0; // the usual case, without the dynamic programme
    }
    if stored.is_empty() || window.is_empty() {
        return NEUTRAL;
    }
    // Compare the parts that exist on both sides: the chars nearest the quote.
    let n = stored.len().min(window.len());
    let (s, w) = match side {
        Side::Before => (
            stored.get(stored.len() - n..).unwrap_or_default(),
            window.get(window.len() - n..).unwrap_or_default(),
        ),
        Side::After => (
            stored.get(..n).unwrap_or_default(),
            window.get(..n).unwrap_or_default(),
        ),
    };
    let known = context_similarity(s, w);
    (known * n as f64 + NEUTRAL * (full - n) as f64) / full as f64
}

/// The verdict on a set of candidates.
enum Decision {
    Accept(Scored),
    Ambiguous(usize),
    Weak(f64),
    Nothing,
}

impl Scored {
    fn acceptable(&self, distinctive: bool) -> bool {
        self.quote >= 0.5
            && self.score >= MIN_SCORE
            && (self.context >= MIN_CONTEXT || (self.errors == 0 && distinctive))
    }
}

/// Picks the best acceptable candidate, or says why there is none (see the module documentation).
fn decide(candidates: &[Scored], distinctive: bool) -> Decision {
    let mut ok: Vec<&Scored> = candidates
        .iter()
        .filter(|c| c.acceptable(distinctive))
        .collect();
    if ok.is_empty() {
        return match candidates.iter().map(|c| c.score).reduce(f64::max) {
            Some(best) => Decision::Weak(best),
            None => Decision::Nothing,
        };
    }
    ok.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.distance.cmp(&b.distance))
            .then(a.start.cmp(&b.start))
    });
    let Some(&best) = ok.first().copied() else {
        return Decision::Nothing;
    };
    let rivals: Vec<&&Scored> = ok
        .iter()
        .filter(|c| {
            (c.end <= best.start || c.start >= best.end) && best.content - c.content < CONTENT_TIE
        })
        .collect();
    match rivals.iter().map(|c| c.distance).min() {
        None => Decision::Accept(best),
        Some(nearest) if best.distance.saturating_mul(2) < nearest => Decision::Accept(best),
        Some(_) => Decision::Ambiguous(rivals.len() + 1),
    }
}

/// Places a quote in the haystack; `old_text` is the text the passage was anchored to (to know
/// whether its quote was unique there).
pub(crate) fn locate(hay: &Haystack, old_text: &str, target: &Target) -> Placement {
    let quote_codes = hay.encode(target.quote);
    let m = quote_codes.len();
    if m == 0 {
        return Placement::Orphaned(OrphanReason::NotFound);
    }
    let hint = target.hint.min(hay.len());
    let scorer = Scorer {
        hay,
        quote_len: m,
        prefix: hay.encode(target.prefix),
        suffix: hay.encode(target.suffix),
        hint,
    };
    let exact = |start: usize| Hit {
        start,
        end: start + m,
        errors: 0,
    };

    // 1. Where it was expected, unchanged with its context.
    if target.allows(hint, hint + m)
        && hay.holds_at(&quote_codes, hint)
        && scorer.score(exact(hint)).perfect
    {
        return Placement::Exact {
            start: hint,
            end: hint + m,
        };
    }

    // 2. Nearby: every exact and approximate occurrence within `reach` of the expected place.
    //    The best is taken when it is clearly better than the others there, at most half as far
    //    away as the window reaches (so an equally good place outside would lose on distance),
    //    and its quote or its context is unchanged (a quote edited where it stands, or context
    //    edited around an intact quote).
    let reach = (4 * m).max(2048);
    let max_errors = MAX_ERRORS.min(m / 2);
    let allowed = target.search_range(m + max_errors, hay.len());
    let window = hint.saturating_sub(reach).max(allowed.start)..(hint + m + reach).min(allowed.end);
    let mut near: Vec<Scored> = hay
        .find_exact(target.quote, window.clone())
        .into_iter()
        .filter(|&s| target.allows(s, s + m))
        .map(|s| scorer.score(exact(s)))
        .collect();
    if max_errors > 0 {
        add_hits(
            &mut near,
            find_approx(hay, &quote_codes, max_errors, hint, window),
            &scorer,
            target,
        );
    }
    if let Decision::Accept(best) = decide(&near, false)
        && best.distance * 2 < reach
        && (best.errors == 0 || best.context_perfect)
    {
        return placement(&best);
    }

    // 3. Everywhere, exactly.
    let mut starts = hay.find_exact(target.quote, 0..hay.len());
    let unique_now = starts.len() == 1;
    starts.retain(|&s| target.allows(s, s + m));
    if starts.len() > MAX_EXACT {
        starts.sort_unstable_by_key(|s| (s.abs_diff(hint), *s));
        starts.truncate(MAX_EXACT);
    }
    let distinctive =
        unique_now && m >= DISTINCTIVE_CHARS && count_occurrences(old_text, target.quote, 2) == 1;
    let mut candidates: Vec<Scored> = starts.into_iter().map(|s| scorer.score(exact(s))).collect();
    if let Decision::Accept(best) = decide(&candidates, distinctive) {
        // An approximate match has at least one error; if even a perfect context could not make
        // up for it, the exact one stands.
        let approx_ceiling =
            (QUOTE_WEIGHT * (1.0 - 1.0 / m as f64) + PREFIX_WEIGHT + SUFFIX_WEIGHT)
                / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT);
        if best.content + CONTENT_TIE > approx_ceiling {
            return placement(&best);
        }
    }

    // 4. Everywhere, approximately, weighed together with the exact occurrences.
    if max_errors > 0 {
        add_hits(
            &mut candidates,
            find_approx(hay, &quote_codes, max_errors, hint, allowed),
            &scorer,
            target,
        );
    }
    match decide(&candidates, distinctive) {
        Decision::Accept(best) => placement(&best),
        Decision::Ambiguous(places) => Placement::Orphaned(OrphanReason::Ambiguous { places }),
        Decision::Weak(score) => Placement::Orphaned(OrphanReason::Unsure {
            score_percent: (score * 100.0).floor().clamp(0.0, 100.0) as u8,
        }),
        Decision::Nothing => Placement::Orphaned(OrphanReason::NotFound),
    }
}

/// Scores approximate hits the target allows and adds those not already among the candidates.
fn add_hits(candidates: &mut Vec<Scored>, hits: Vec<Hit>, scorer: &Scorer, target: &Target) {
    for hit in hits {
        if target.allows(hit.start, hit.end)
            && !candidates
                .iter()
                .any(|c| c.start == hit.start && c.end == hit.end)
        {
            candidates.push(scorer.score(hit));
        }
    }
}

/// The placement of an accepted candidate.
fn placement(best: &Scored) -> Placement {
    if best.errors == 0 {
        Placement::Exact {
            start: best.start,
            end: best.end,
        }
    } else {
        Placement::Approximate {
            start: best.start,
            end: best.end,
            errors: best.errors,
        }
    }
}
