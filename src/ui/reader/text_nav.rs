//! Moving around an article's text in document chars: grapheme steps, words, sentences and
//! paragraphs (Unicode UAX #29 through `unicode-segmentation`). Pure functions over [`Text`]; no
//! egui, so the rules are unit-tested on their own.
//!
//! Every position is a char offset into the whole document (what spans use). Conversions to bytes
//! go through the document's index ([`Text::byte_of_char`]); scans are bounded by the paragraph or
//! the distance moved, never by the distance from the start of the document.

use std::ops::Range;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

use crate::model::Text;

/// Byte offset of a char offset, clamped to the end of the text.
fn byte_of(text: &Text, chars: usize) -> usize {
    text.byte_of_char(chars.min(text.len_chars()))
        .unwrap_or(text.len_bytes())
}

/// Char offset of a byte offset that is known to sit on a char boundary.
fn char_of(text: &Text, byte: usize) -> usize {
    text.char_of_byte(byte.min(text.len_bytes()))
        .unwrap_or(text.len_chars())
}

/// The grapheme boundary after `at` (the end of the text at the end). An emoji ZWJ sequence or a
/// letter with combining marks is one step.
pub fn next_grapheme(text: &Text, at: usize) -> usize {
    let s = text.as_str();
    let mut cursor = GraphemeCursor::new(byte_of(text, at), s.len(), true);
    match cursor.next_boundary(s, 0) {
        Ok(Some(b)) => char_of(text, b),
        _ => text.len_chars(),
    }
}

/// The grapheme boundary before `at` (0 at the start).
pub fn prev_grapheme(text: &Text, at: usize) -> usize {
    let s = text.as_str();
    let mut cursor = GraphemeCursor::new(byte_of(text, at), s.len(), true);
    match cursor.prev_boundary(s, 0) {
        Ok(Some(b)) => char_of(text, b),
        _ => 0,
    }
}

/// `at` moved back to the nearest grapheme boundary, so a click never splits a cluster.
pub fn snap_to_grapheme(text: &Text, at: usize) -> usize {
    let s = text.as_str();
    let at = at.min(text.len_chars());
    let mut cursor = GraphemeCursor::new(byte_of(text, at), s.len(), true);
    match cursor.is_boundary(s, 0) {
        Ok(false) => prev_grapheme(text, at),
        _ => at,
    }
}

/// The paragraph (the line between two `\n`) holding `at`, without its `\n`. A position right
/// before a `\n` belongs to the paragraph that the `\n` ends.
pub fn paragraph_at(text: &Text, at: usize) -> Range<usize> {
    let s = text.as_str();
    let b = byte_of(text, at);
    let start = s
        .get(..b)
        .and_then(|head| head.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = s
        .get(b..)
        .and_then(|tail| tail.find('\n'))
        .map_or(s.len(), |i| b + i);
    char_of(text, start)..char_of(text, end)
}

/// The segment of a paragraph-local segmentation that holds `at`: `segments` yields (byte offset
/// within the paragraph, segment) pairs. At the end of the paragraph, the last segment.
fn segment_at<'a>(
    text: &Text,
    at: usize,
    segments: impl Fn(&'a str) -> Vec<(usize, &'a str)>,
    para_text: &'a str,
    para: &Range<usize>,
) -> Option<(usize, &'a str)> {
    let base = byte_of(text, para.start);
    let rel = byte_of(text, at).saturating_sub(base);
    let segs = segments(para_text);
    segs.iter()
        .copied()
        .find(|(i, seg)| rel >= *i && rel < i + seg.len())
        .or_else(|| segs.last().copied())
}

/// The word (a UAX #29 word segment: a word, a run of spaces or one punctuation mark) at `at`,
/// for double-click. Empty at an empty paragraph.
pub fn word_at(text: &Text, at: usize) -> Range<usize> {
    let para = paragraph_at(text, at);
    let Some(para_text) = text.slice(para.clone()) else {
        return at..at;
    };
    let base = byte_of(text, para.start);
    match segment_at(
        text,
        at,
        |s| s.split_word_bound_indices().collect(),
        para_text,
        &para,
    ) {
        Some((i, seg)) => char_of(text, base + i)..char_of(text, base + i + seg.len()),
        None => at..at,
    }
}

/// Whether a word segment is a word (has a letter or digit) rather than spaces or punctuation.
fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// The end of the next word after `at` (Ctrl+Right): skips spaces and punctuation, then the word.
pub fn next_word_end(text: &Text, at: usize) -> usize {
    let s = text.as_str();
    let b = byte_of(text, at);
    let tail = s.get(b..).unwrap_or("");
    tail.split_word_bound_indices()
        .find(|(_, seg)| is_word(seg))
        .map_or(text.len_chars(), |(i, seg)| {
            char_of(text, b + i + seg.len())
        })
}

/// The start of the word before `at` (Ctrl+Left).
pub fn prev_word_start(text: &Text, at: usize) -> usize {
    let s = text.as_str();
    let b = byte_of(text, at);
    let head = s.get(..b).unwrap_or("");
    head.split_word_bound_indices()
        .rev()
        .find(|(_, seg)| is_word(seg))
        .map_or(0, |(i, _)| char_of(text, i))
}

/// The sentence (UAX #29) holding `at`, without the spaces that follow it. Sentences never cross a
/// paragraph. Empty at an empty paragraph.
pub fn sentence_at(text: &Text, at: usize) -> Range<usize> {
    let para = paragraph_at(text, at);
    let Some(para_text) = text.slice(para.clone()) else {
        return at..at;
    };
    let base = byte_of(text, para.start);
    match segment_at(
        text,
        at,
        |s| s.split_sentence_bound_indices().collect(),
        para_text,
        &para,
    ) {
        Some((i, seg)) => {
            let trimmed = seg.trim_end();
            let start = i + (seg.len() - seg.trim_start().len()).min(trimmed.len());
            char_of(text, base + start)..char_of(text, base + i + trimmed.len())
        }
        None => at..at,
    }
}

/// The first char at or after `at` that is not whitespace (`None` when only whitespace follows).
fn next_non_space(text: &Text, at: usize) -> Option<usize> {
    let s = text.as_str();
    let b = byte_of(text, at);
    let tail = s.get(b..)?;
    tail.char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| char_of(text, b + i))
}

/// The last char of a selection, or its position when it is empty.
fn last_char(sel: &Range<usize>) -> usize {
    if sel.end > sel.start {
        sel.end - 1
    } else {
        sel.start
    }
}

/// Grows a selection (or a caret) to the whole sentences it touches. When it already covers whole
/// sentences, adds the next sentence (which may be in the next paragraph).
pub fn grow_to_sentences(text: &Text, sel: Range<usize>) -> Range<usize> {
    grow(text, sel, sentence_at)
}

/// Grows a selection (or a caret) to the whole paragraphs it touches. When it already covers whole
/// paragraphs, adds the next non-empty paragraph.
pub fn grow_to_paragraphs(text: &Text, sel: Range<usize>) -> Range<usize> {
    grow(text, sel, paragraph_at)
}

fn grow(text: &Text, sel: Range<usize>, unit: fn(&Text, usize) -> Range<usize>) -> Range<usize> {
    let first = unit(text, sel.start);
    let last = unit(text, last_char(&sel));
    let grown = first.start.min(sel.start)..last.end.max(sel.end);
    if grown != sel && grown.start < grown.end {
        return grown;
    }
    // Already whole units (or nothing to grow into here): take in the next one.
    let mut from = sel.end;
    while let Some(next) = next_non_space(text, from) {
        let unit_range = unit(text, next);
        if unit_range.end > sel.end {
            let start = if sel.is_empty() {
                unit_range.start
            } else {
                sel.start.min(unit_range.start)
            };
            return start..unit_range.end;
        }
        from = next + 1;
    }
    sel
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Text {
        Text::new(s.to_string())
    }

    /// Char offset of the first occurrence of `needle` (test helper).
    fn at(s: &str, needle: &str) -> usize {
        let b = s.find(needle).expect("needle in text");
        s[..b].chars().count()
    }

    #[test]
    fn graphemes_step_over_clusters() {
        let s = "a👩‍👩‍👧e\u{301}б";
        let t = text(s);
        // a | 👩 ZWJ 👩 ZWJ 👧 | e ◌́ | б
        assert_eq!(next_grapheme(&t, 0), 1);
        assert_eq!(next_grapheme(&t, 1), 6, "the family emoji is one step");
        assert_eq!(next_grapheme(&t, 6), 8, "e + combining acute is one step");
        assert_eq!(next_grapheme(&t, 8), 9);
        assert_eq!(next_grapheme(&t, 9), 9, "stays at the end");
        assert_eq!(prev_grapheme(&t, 9), 8);
        assert_eq!(prev_grapheme(&t, 8), 6);
        assert_eq!(prev_grapheme(&t, 6), 1);
        assert_eq!(prev_grapheme(&t, 0), 0);
        assert_eq!(snap_to_grapheme(&t, 3), 1, "inside the emoji snaps back");
        assert_eq!(
            snap_to_grapheme(&t, 7),
            6,
            "between e and its accent snaps back"
        );
        assert_eq!(snap_to_grapheme(&t, 8), 8);
    }

    #[test]
    fn paragraphs_are_lines() {
        let s = "One two.\n\nThree four.\nFive";
        let t = text(s);
        assert_eq!(paragraph_at(&t, 0), 0..8);
        assert_eq!(paragraph_at(&t, 8), 0..8, "the end of a line belongs to it");
        assert_eq!(paragraph_at(&t, 9), 9..9, "the empty line");
        assert_eq!(paragraph_at(&t, 12), 10..21);
        assert_eq!(paragraph_at(&t, 24), 22..26);
        assert_eq!(paragraph_at(&t, 26), 22..26);
    }

    #[test]
    fn words_in_mixed_scripts() {
        let s = "Путин said «мир» — e\u{301}té 👩‍👩‍👧 ok";
        let t = text(s);
        let putin = at(s, "Путин");
        assert_eq!(word_at(&t, putin + 2), putin..putin + 5);
        let mir = at(s, "мир");
        assert_eq!(word_at(&t, mir), mir..mir + 3);
        let ete = at(s, "e\u{301}té");
        assert_eq!(
            word_at(&t, ete + 1),
            ete..ete + 4,
            "combining mark stays in the word"
        );
        assert_eq!(next_word_end(&t, 0), 5);
        assert_eq!(next_word_end(&t, 5), at(s, " «"));
        assert_eq!(prev_word_start(&t, mir + 3), mir);
        assert_eq!(prev_word_start(&t, mir), at(s, "said"));
        assert_eq!(prev_word_start(&t, 0), 0);
        assert_eq!(next_word_end(&t, t.len_chars()), t.len_chars());
    }

    #[test]
    fn sentences_stay_in_their_paragraph() {
        let s = "Trump warned Russia. Putin met Witkoff!  Talks went on.\nNext para here.";
        let t = text(s);
        let putin = at(s, "Putin");
        assert_eq!(sentence_at(&t, putin + 3), putin..at(s, "!  T") + 1);
        assert_eq!(sentence_at(&t, 0), 0..at(s, " Putin"));
        let talks = at(s, "Talks");
        assert_eq!(sentence_at(&t, talks), talks..at(s, "\n"));
        let next = at(s, "Next");
        assert_eq!(sentence_at(&t, next + 1), next..t.len_chars());
    }

    #[test]
    fn growing_to_sentences_then_the_next_one() {
        let s = "Trump warned Russia. Putin met Witkoff. Talks went on.";
        let t = text(s);
        let putin = at(s, "Putin");
        let first = grow_to_sentences(&t, putin + 2..putin + 4);
        assert_eq!(first, putin..at(s, " Talks"));
        let second = grow_to_sentences(&t, first.clone());
        assert_eq!(second, putin..s.len());
        let caret = grow_to_sentences(&t, 3..3);
        assert_eq!(caret, 0..at(s, " Putin"));
        let all = grow_to_sentences(&t, 0..s.len());
        assert_eq!(all, 0..s.len(), "nothing left to take in");
    }

    #[test]
    fn growing_to_paragraphs_skips_blank_lines() {
        let s = "First para.\n\nSecond para.\n\nThird.";
        let t = text(s);
        let first = grow_to_paragraphs(&t, 2..4);
        assert_eq!(first, 0..11);
        let second = grow_to_paragraphs(&t, first);
        assert_eq!(second, 0..at(s, "\n\nThird"));
        let third = at(s, "Third");
        assert_eq!(
            grow_to_paragraphs(&t, 12..12),
            13..third - 2,
            "from a blank line, the next paragraph"
        );
        assert_eq!(grow_to_paragraphs(&t, third..s.len()), third..s.len());
    }
}
