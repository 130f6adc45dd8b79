//! Finding a quote in a text: exact occurrences, and approximate ones within a bounded number of
//! edits, over the text's chars.
//!
//! The approximate search is Myers' bit-parallel algorithm (1999) in 64-row blocks, as Hyyrö and
//! edlib formulate it: one column of the edit-distance table per text char, `ceil(m / 64)` machine
//! words of work each. It reports where matches *end*; a second, anchored pass over the reversed
//! quote and text finds where each one starts. Quotes long enough for it are first filtered by the
//! pigeonhole principle: with at most `k` edits, one of `k + 1` disjoint pieces of the quote
//! occurs exactly, so only the text around those occurrences needs the full search.
//!
//! Chars are mapped to small codes (their index in the text's alphabet) so that a text char finds
//! its bit masks by indexing, not hashing.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::Text;

/// The code of a char that does not occur in the text.
const NO_CODE: u32 = u32::MAX;

/// Machine word of the bit-parallel search.
const WORD: usize = 64;

/// A text prepared for searching: its chars as alphabet codes.
pub(crate) struct Haystack<'t> {
    text: &'t Text,
    codes: Vec<u32>,
    alphabet: HashMap<char, u32>,
    by_code: Vec<char>,
}

impl<'t> Haystack<'t> {
    /// Encodes a text (one pass over its chars).
    pub(crate) fn new(text: &'t Text) -> Self {
        let mut alphabet: HashMap<char, u32> = HashMap::new();
        let mut by_code = Vec::new();
        let mut codes = Vec::with_capacity(text.len_chars());
        let mut last: Option<(char, u32)> = None;
        for c in text.as_str().chars() {
            // Runs of one char (spaces, letters in words) skip the hash lookup.
            let code = match last {
                Some((lc, code)) if lc == c => code,
                _ => *alphabet.entry(c).or_insert_with(|| {
                    by_code.push(c);
                    by_code.len() as u32 - 1
                }),
            };
            last = Some((c, code));
            codes.push(code);
        }
        Self {
            text,
            codes,
            alphabet,
            by_code,
        }
    }

    /// Length in chars.
    pub(crate) fn len(&self) -> usize {
        self.codes.len()
    }

    /// The codes of a string's chars; chars the text lacks get a code that matches nothing.
    pub(crate) fn encode(&self, s: &str) -> Vec<u32> {
        s.chars()
            .map(|c| self.alphabet.get(&c).copied().unwrap_or(NO_CODE))
            .collect()
    }

    /// The codes of a char range, clamped to the text.
    pub(crate) fn codes(&self, chars: Range<usize>) -> &[u32] {
        let end = chars.end.min(self.codes.len());
        self.codes
            .get(chars.start.min(end)..end)
            .unwrap_or_default()
    }

    /// Whether the text holds `quote` (already encoded) at char `start`.
    pub(crate) fn holds_at(&self, quote: &[u32], start: usize) -> bool {
        self.codes.get(start..start + quote.len()) == Some(quote)
    }

    /// Start offsets (chars) of every occurrence of `quote` lying inside `within`, overlapping
    /// ones included, in order.
    pub(crate) fn find_exact(&self, quote: &str, within: Range<usize>) -> Vec<usize> {
        let mut out = Vec::new();
        let Some(first) = quote.chars().next() else {
            return out;
        };
        let within = within.start.min(self.len())..within.end.min(self.len());
        let Some(bytes) = self.text.byte_range(within) else {
            return out;
        };
        let Some(hay) = self.text.as_str().get(bytes.clone()) else {
            return out;
        };
        let mut from = 0;
        while let Some(found) = hay.get(from..).and_then(|rest| rest.find(quote)) {
            let at = from + found;
            if let Some(c) = self.text.char_of_byte(bytes.start + at) {
                out.push(c);
            }
            from = at + first.len_utf8();
        }
        out
    }
}

/// How many times `quote` occurs in `text` (overlapping ones included), counting up to `cap`.
pub(crate) fn count_occurrences(text: &str, quote: &str, cap: usize) -> usize {
    let Some(first) = quote.chars().next() else {
        return 0;
    };
    let (mut n, mut from) = (0, 0);
    while n < cap {
        match text.get(from..).and_then(|rest| rest.find(quote)) {
            Some(found) => {
                n += 1;
                from += found + first.len_utf8();
            }
            None => break,
        }
    }
    n
}

/// A quote prepared for the bit-parallel search: for each distinct char of the quote, a bit mask
/// per 64-row block saying where in the quote that char is.
struct Pattern {
    len: usize,
    blocks: usize,
    /// `blocks` words per slot; slot 0 (chars not in the quote) is all zeros.
    peq: Vec<u64>,
    /// Haystack code → slot (a dense table, so the inner loop indexes instead of hashing).
    slot_of: Vec<u32>,
}

impl Pattern {
    fn new(quote: &[u32], alphabet_len: usize) -> Self {
        let blocks = quote.len().div_ceil(WORD).max(1);
        let mut slot_of = vec![0u32; alphabet_len];
        let mut slots = 0u32;
        let mut peq = vec![0u64; blocks];
        for (i, &code) in quote.iter().enumerate() {
            let Some(slot) = slot_of.get_mut(code as usize) else {
                continue; // a char the text lacks matches nothing
            };
            if *slot == 0 {
                slots += 1;
                *slot = slots;
                peq.extend(std::iter::repeat_n(0, blocks));
            }
            if let Some(word) = peq.get_mut(*slot as usize * blocks + i / WORD) {
                *word |= 1 << (i % WORD);
            }
        }
        Self {
            len: quote.len(),
            blocks,
            peq,
            slot_of,
        }
    }
}

/// One column step of a 64-row block (after Myers 1999 and edlib): updates the block's vertical
/// deltas from its match mask and the horizontal delta coming in at its top, and returns the
/// horizontal delta going out at row `high`.
fn advance_block(pv: &mut u64, mv: &mut u64, eq: u64, hin: i32, high: u64) -> i32 {
    let hin_neg = u64::from(hin < 0);
    let xv = eq | *mv;
    let eq = eq | hin_neg;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let hout = i32::from(ph & high != 0) - i32::from(mh & high != 0);
    ph <<= 1;
    mh <<= 1;
    mh |= hin_neg;
    ph |= u64::from(hin > 0);
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// Runs the bit-parallel edit-distance recurrence of `pat` over the text chars `codes`, calling `column(j, d)` after each char with `j` chars read and `d` the edit
/// distance of the whole pattern to the best text piece ending there. With `anchored`, that piece
/// must start at the first char (global alignment of the pattern against a text prefix);
/// otherwise anywhere (search).
fn scan(
    pat: &Pattern,
    codes: impl Iterator<Item = u32>,
    anchored: bool,
    mut column: impl FnMut(usize, usize),
) {
    let blocks = pat.blocks;
    let mut pv = vec![!0u64; blocks];
    let mut mv = vec![0u64; blocks];
    let last_row = (pat.len.max(1) - 1) % WORD;
    let high = |b: usize| {
        if b + 1 == blocks {
            1u64 << last_row
        } else {
            1u64 << (WORD - 1)
        }
    };
    // The score of the last row; it starts at the pattern's length (all deletions).
    let mut score = pat.len as i64;
    for (j, code) in codes.enumerate() {
        let slot = pat.slot_of.get(code as usize).copied().unwrap_or(0) as usize;
        let base = slot * blocks;
        let mut hin = i32::from(anchored);
        for b in 0..blocks {
            let eq = pat.peq.get(base + b).copied().unwrap_or(0);
            let (Some(p), Some(m)) = (pv.get_mut(b), mv.get_mut(b)) else {
                break;
            };
            hin = advance_block(p, m, eq, hin, high(b));
        }
        score += i64::from(hin);
        column(j + 1, score.max(0) as usize);
    }
}

/// [`scan`] in search mode with Ukkonen's cut-off (as Myers and edlib use it): only the blocks
/// down to the last one that can still hold a value `<= k` are computed, so a column costs one or
/// two words of work for most quotes instead of `ceil(m / 64)`. Reports the distance at each
/// column capped at `k + 1` (values above `k` are not computed exactly).
fn scan_banded(pat: &Pattern, codes: &[u32], k: usize, mut column: impl FnMut(usize, usize)) {
    let blocks = pat.blocks;
    let m = pat.len.max(1);
    let rows = |b: usize| {
        if b + 1 == blocks {
            m - WORD * (blocks - 1)
        } else {
            WORD
        }
    };
    let high = |b: usize| 1u64 << (rows(b) - 1);
    let high0 = high(0);
    let k_i = k as i64;
    let mut pv = vec![!0u64; blocks];
    let mut mv = vec![0u64; blocks];
    // The value at each block's last row; exact where it is <= k.
    let mut score: Vec<i64> = (0..blocks).map(|b| (WORD * b + rows(b)) as i64).collect();
    let mut last = (k + 1).div_ceil(WORD).clamp(1, blocks) - 1;
    for (j, &code) in codes.iter().enumerate() {
        let slot = pat.slot_of.get(code as usize).copied().unwrap_or(0) as usize;
        let Some(eqs) = pat.peq.get(slot * blocks..(slot + 1) * blocks) else {
            continue;
        };
        let mut hout = 0i32;
        if last == 0 {
            // The common case: only the first block is alive.
            if let (Some(p), Some(mm), Some(&eq), Some(sc)) = (
                pv.first_mut(),
                mv.first_mut(),
                eqs.first(),
                score.first_mut(),
            ) {
                hout = advance_block(p, mm, eq, 0, high0);
                *sc += i64::from(hout);
            }
        } else {
            for (b, ((p, mm), (&eq, sc))) in pv
                .iter_mut()
                .zip(mv.iter_mut())
                .zip(eqs.iter().zip(score.iter_mut()))
                .take(last + 1)
                .enumerate()
            {
                hout = advance_block(p, mm, eq, hout, high(b));
                *sc += i64::from(hout);
            }
        }
        let here = score.get(last).copied().unwrap_or(i64::MAX);
        // One more block when its first row can come within k: by a match after a value <= k
        // in the row above, or from a value <= k - 1 just above it.
        let next = last + 1;
        if next < blocks {
            let eq = eqs.get(next).copied().unwrap_or(0);
            let before = here - i64::from(hout);
            if ((before <= k_i && eq & 1 != 0) || here < k_i)
                && let (Some(p), Some(mm)) = (pv.get_mut(next), mv.get_mut(next))
            {
                *p = !0;
                *mm = 0;
                let h = advance_block(p, mm, eq, hout, high(next));
                if let Some(sc) = score.get_mut(next) {
                    *sc = before + rows(next) as i64 + i64::from(h);
                }
                last = next;
            }
        }
        // Drop trailing blocks whose every value exceeds k (the last row is at least rows − 1
        // above any other).
        while last > 0
            && score
                .get(last)
                .is_some_and(|&s| s >= k_i + rows(last) as i64)
        {
            last -= 1;
        }
        let d = if last + 1 == blocks {
            score.get(last).map_or(k + 1, |&s| s.max(0) as usize)
        } else {
            k + 1
        };
        column(j + 1, d.min(k + 1));
    }
}

/// An approximate occurrence: a char range of the text and its edit distance to the quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Edits (insertions, deletions, substitutions) between the quote and the text there.
    pub errors: usize,
}

/// Most approximate occurrences examined for one quote; the ones with fewest errors (then nearest
/// the hint) are kept.
const MAX_HITS: usize = 64;

/// Every place inside `within` (chars) where `quote` occurs in the haystack with at most
/// `max_errors` edits: one hit per local minimum of the distance, at most [`MAX_HITS`], those with
/// fewest errors first and, among equals, nearest to `hint`.
pub(crate) fn find_approx(
    hay: &Haystack,
    quote: &[u32],
    max_errors: usize,
    hint: usize,
    within: Range<usize>,
) -> Vec<Hit> {
    let m = quote.len();
    let within = within.start.min(hay.len())..within.end.min(hay.len());
    if m == 0 || within.len() + max_errors < m {
        return Vec::new();
    }
    let pattern = Pattern::new(quote, hay.alphabet.len());
    // The windows of text to scan: all of `within`, or the parts of it around the exact
    // occurrences of a piece.
    let windows: Vec<Range<usize>> = match pigeonhole_windows(hay, quote, max_errors) {
        Some(windows) => windows
            .into_iter()
            .map(|w| w.start.max(within.start)..w.end.min(within.end))
            .filter(|w| w.start < w.end)
            .collect(),
        None => std::iter::once(within).collect(),
    };
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for window in windows {
        let codes = hay.codes(window.clone());
        let mut prev = usize::MAX;
        let mut falling: Option<(usize, usize)> = None;
        scan_banded(&pattern, codes, max_errors, |j, d| {
            // Keep local minima: the last column of a descent, before the distance rises again.
            if d < prev {
                falling = (d <= max_errors).then_some((window.start + j, d));
            } else if d > prev
                && let Some(found) = falling.take()
            {
                ends.push(found);
            }
            prev = d;
        });
        if let Some(found) = falling {
            ends.push(found);
        }
    }
    ends.sort_unstable_by_key(|&(end, errors)| (errors, end.abs_diff(hint + m), end));
    ends.dedup_by_key(|e| e.0);
    ends.truncate(MAX_HITS);

    let reversed: Vec<u32> = quote.iter().rev().copied().collect();
    let back = Pattern::new(&reversed, hay.alphabet.len());
    let mut hits: Vec<Hit> = ends
        .into_iter()
        .filter_map(|(end, _)| start_of(hay, &back, end, max_errors))
        .collect();
    hits.sort_unstable_by_key(|h| (h.start, h.end, h.errors));
    hits.dedup_by_key(|h| (h.start, h.end));
    hits
}

/// Where the best match ending at `end` starts: aligns the reversed quote against the text read
/// backwards from `end`, and takes the length with the fewest edits (the one nearest the quote's
/// length among equals).
fn start_of(hay: &Haystack, back: &Pattern, end: usize, max_errors: usize) -> Option<Hit> {
    let from = end.saturating_sub(back.len + max_errors);
    let codes = hay.codes(from..end).iter().rev().copied();
    let mut best: Option<(usize, usize)> = None;
    scan(back, codes, true, |j, d| {
        let better = match best {
            None => true,
            Some((bj, bd)) => d < bd || (d == bd && j.abs_diff(back.len) < bj.abs_diff(back.len)),
        };
        if better {
            best = Some((j, d));
        }
    });
    let (length, errors) = best?;
    (errors <= max_errors && length > 0).then_some(Hit {
        start: end - length,
        end,
        errors,
    })
}

/// For a quote long enough to split into `max_errors + 1` pieces of at least 16 chars: the
/// windows of text around the exact occurrences of any piece, merged — every match with at most
/// `max_errors` edits lies inside one. `None` when the quote is too short for this to pay.
fn pigeonhole_windows(
    hay: &Haystack,
    quote: &[u32],
    max_errors: usize,
) -> Option<Vec<Range<usize>>> {
    const MIN_PIECE: usize = 16;
    let m = quote.len();
    let pieces = max_errors + 1;
    let piece_len = m / pieces;
    if piece_len < MIN_PIECE {
        return None;
    }
    let mut windows: Vec<Range<usize>> = Vec::new();
    for p in 0..pieces {
        let offset = p * piece_len;
        let Some(piece_codes) = quote.get(offset..offset + piece_len) else {
            continue;
        };
        if piece_codes.contains(&NO_CODE) {
            continue; // this piece cannot occur; another one must
        }
        let piece: String = piece_codes
            .iter()
            .filter_map(|&c| hay.by_code.get(c as usize))
            .collect();
        for at in hay.find_exact(&piece, 0..hay.len()) {
            // A match holding this piece intact starts within `max_errors` of `at - offset` and
            // is at most `m + max_errors` long.
            let start = at.saturating_sub(offset + max_errors);
            let end = (at + m + 2 * max_errors + 1)
                .saturating_sub(offset)
                .min(hay.len());
            windows.push(start..end);
        }
        // A piece found nearly everywhere means the filter does not pay; scan it all.
        if windows.len() > 4096 {
            return None;
        }
    }
    windows.sort_unstable_by_key(|w| w.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(windows.len());
    for w in windows {
        match merged.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => merged.push(w),
        }
    }
    Some(merged)
}

/// How well `stored` (a passage's recorded context) matches the best-aligned piece of `window`
/// (the text beside a candidate): `1 - edits / len(stored)`, at least 0. Free to skip text at
/// either end of the window, as Hypothesis' `textMatchScore` is.
pub(crate) fn context_similarity(stored: &[u32], window: &[u32]) -> f64 {
    let m = stored.len();
    if m == 0 {
        return 1.0;
    }
    let n = window.len();
    // Contexts are at most 32 chars: two rows on the stack then.
    let mut small = [0usize; 2 * 65];
    let mut large = Vec::new();
    let rows: &mut [usize] = if n < 65 {
        &mut small
    } else {
        large.resize(2 * (n + 1), 0);
        &mut large
    };
    let (mut prev, mut cur) = rows.split_at_mut(rows.len() / 2);
    prev.fill(0);
    for (i, &s) in stored.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &w) in window.iter().enumerate() {
            let diagonal = prev[j] + usize::from(s != w || s == NO_CODE);
            cur[j + 1] = diagonal.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let best = prev.iter().take(n + 1).copied().min().unwrap_or(m);
    1.0 - (best.min(m) as f64 / m as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The edit distance of `pattern` to the best piece of `text` ending after each char
    /// (free start), by the textbook dynamic programme.
    fn brute_columns(pattern: &[u32], text: &[u32], anchored: bool) -> Vec<usize> {
        let m = pattern.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for (j, &t) in text.iter().enumerate() {
            let mut next = vec![if anchored { j + 1 } else { 0 }; m + 1];
            for i in 1..=m {
                let sub = col[i - 1] + usize::from(pattern[i - 1] != t);
                next[i] = sub.min(col[i] + 1).min(next[i - 1] + 1);
            }
            out.push(next[m]);
            col = next;
        }
        out
    }

    fn codes(s: &str) -> (Text, Vec<u32>) {
        let text = Text::new(s.to_owned());
        let hay = Haystack::new(&text);
        let c = hay.codes(0..hay.len()).to_vec();
        (text, c)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The bit-parallel recurrence agrees with the textbook one, across block boundaries
        /// (patterns up to 200 chars, three 64-row blocks and a partial one).
        #[test]
        fn bit_parallel_agrees_with_the_textbook(
            text in "[abc]{0,300}",
            pattern in "[abcd]{1,200}",
            anchored in any::<bool>(),
        ) {
            let joined = format!("{text}{pattern}");
            let (whole, all) = codes(&joined);
            let hay = Haystack::new(&whole);
            let t = all.get(..text.chars().count()).unwrap_or_default().to_vec();
            let p = hay.encode(&pattern);
            let pat = Pattern::new(&p, hay.alphabet.len());
            let mut got = Vec::new();
            scan(&pat, t.iter().copied(), anchored, |_, d| got.push(d));
            prop_assert_eq!(got, brute_columns(&p, &t, anchored));
        }

        /// The banded recurrence gives the same distances wherever they are within the bound.
        #[test]
        fn the_cut_off_keeps_every_distance_within_the_bound(
            text in "[abc]{0,400}",
            pattern in "[abcd]{1,300}",
            k in 0usize..40,
        ) {
            let joined = format!("{text}{pattern}");
            let (whole, all) = codes(&joined);
            let hay = Haystack::new(&whole);
            let t = all.get(..text.chars().count()).unwrap_or_default().to_vec();
            let p = hay.encode(&pattern);
            let pat = Pattern::new(&p, hay.alphabet.len());
            let mut got = Vec::new();
            scan_banded(&pat, &t, k, |_, d| got.push(d));
            let expected: Vec<usize> =
                brute_columns(&p, &t, false).into_iter().map(|d| d.min(k + 1)).collect();
            prop_assert_eq!(got, expected);
        }

        /// Every approximate hit really is within the bound, and an exact occurrence is found
        /// with no errors.
        #[test]
        fn approximate_hits_are_real(
            before in "[a-e ]{0,200}",
            quote in "[a-e ]{4,150}",
            after in "[a-e ]{0,200}",
            flips in prop::collection::vec((0usize..150, "[a-z]"), 0..4),
        ) {
            let mut changed: Vec<char> = quote.chars().collect();
            for (at, c) in &flips {
                let i = at % changed.len();
                changed[i] = c.chars().next().unwrap_or('x');
            }
            let changed: String = changed.into_iter().collect();
            let text = Text::new(format!("{before}{changed}{after}"));
            let hay = Haystack::new(&text);
            let q = hay.encode(&quote);
            let k = (q.len() / 2).min(32);
            let hits = find_approx(&hay, &q, k, before.chars().count(), 0..hay.len());
            for hit in &hits {
                let piece = hay.codes(hit.start..hit.end);
                let cols = brute_columns(&q, piece, true);
                prop_assert_eq!(cols.last().copied(), Some(hit.errors));
                prop_assert!(hit.errors <= k);
            }
            let start = before.chars().count();
            if flips.is_empty() {
                prop_assert!(hits.iter().any(|h| h.errors == 0 && h.start <= start + q.len()));
            }
        }
    }

    #[test]
    fn long_quotes_are_found_through_their_pieces() {
        // 1,200 chars: long enough for the pigeonhole filter (33 pieces of 36 chars).
        let quote: String = (0..120)
            .map(|i| format!("word{:03} ", i * 7 % 997))
            .collect();
        let mut typo = quote.clone();
        typo.replace_range(100..103, "XYZ");
        typo.replace_range(900..901, "");
        let text = Text::new(format!(
            "Intro text.\n{typo}\nOutro.\n{}",
            "filler ".repeat(500)
        ));
        let hay = Haystack::new(&text);
        let q = hay.encode(&quote);
        assert!(
            pigeonhole_windows(&hay, &q, 32).is_some(),
            "the filter is used"
        );
        let hits = find_approx(&hay, &q, 32, 0, 0..hay.len());
        let best = hits.iter().min_by_key(|h| h.errors).expect("found");
        assert_eq!(best.start, 12);
        assert_eq!(best.errors, 4);
    }

    #[test]
    fn exact_search_reports_chars_not_bytes() {
        let text = Text::new("Путин — «мир» 👩‍👩‍👧 мир, мир".to_owned());
        let hay = Haystack::new(&text);
        let found = hay.find_exact("мир", 0..hay.len());
        assert_eq!(found.len(), 3);
        for at in found {
            assert_eq!(text.slice(at..at + 3), Some("мир"));
        }
        assert_eq!(hay.find_exact("мир", 0..12), vec![9]);
        assert_eq!(
            hay.find_exact("мир", 0..11),
            Vec::<usize>::new(),
            "not inside the range"
        );
        assert_eq!(count_occurrences("aaaa", "aa", 10), 3, "overlapping");
    }

    #[test]
    fn context_similarity_allows_a_shift() {
        let text = Text::new("xx the talks in Moscow zq".to_owned());
        let hay = Haystack::new(&text);
        let a = hay.encode("the talks in Moscow");
        let b = hay.encode("xx the talks in Moscow");
        assert!((context_similarity(&a, &b) - 1.0).abs() < 1e-9);
        let one_off = hay.encode("the talks in Moscaw");
        assert!((context_similarity(&one_off, &b) - (1.0 - 1.0 / 19.0)).abs() < 1e-9);
        let c = hay.encode("zqzqzqzqzqzqzqzqzqz");
        assert!(context_similarity(&a, &c) < 0.2);
    }
}
