//! Text direction for the document formats: which paragraphs read right to left, and where a
//! line's text switches direction (the Unicode Bidirectional Algorithm, UAX #9, through the
//! `unicode-bidi` crate).
//!
//! DOCX and ODT store text in logical order and let the word processor reorder it; they need only
//! the paragraph's base direction and the runs of each direction ([`logical_runs`]). The PDF writer
//! draws glyphs itself and needs the runs of each line in visual order ([`visual_runs`]).

use std::ops::Range;

use unicode_bidi::BidiInfo;

/// A stretch of text of one direction, as a byte range of the text it was cut from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    /// Where it is in the text (bytes).
    pub range: Range<usize>,
    /// Whether it reads right to left.
    pub rtl: bool,
}

/// Whether a paragraph's base direction is right to left: its first strong character is Arabic,
/// Hebrew or another right-to-left script (rules P2 and P3).
pub(crate) fn is_rtl(text: &str) -> bool {
    let info = BidiInfo::new(text, None);
    info.paragraphs.first().is_some_and(|p| p.level.is_rtl())
}

/// The runs of one paragraph (text without line breaks) in logical order, each of one direction
/// (by the parity of its resolved level).
pub(crate) fn logical_runs(text: &str) -> Vec<Run> {
    if text.is_empty() {
        return Vec::new();
    }
    let info = BidiInfo::new(text, None);
    let mut runs: Vec<Run> = Vec::new();
    for (i, c) in text.char_indices() {
        let rtl = info.levels[i].is_rtl();
        let end = i + c.len_utf8();
        match runs.last_mut() {
            Some(last) if last.rtl == rtl => last.range.end = end,
            _ => runs.push(Run { range: i..end, rtl }),
        }
    }
    runs
}

/// The runs of `line` (a byte range of the one-paragraph `text`) in the order they are drawn
/// from left to right, each to be shaped in its own direction.
pub(crate) fn visual_runs(info: &BidiInfo<'_>, line: Range<usize>) -> Vec<Run> {
    let Some(para) = info.paragraphs.first() else {
        return Vec::new();
    };
    let (levels, runs) = info.visual_runs(para, line);
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| Run {
            rtl: levels[r.start].is_rtl(),
            range: r,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_and_runs() {
        assert!(!is_rtl("Путин и Уиткофф"));
        assert!(is_rtl("שלום עולם"));
        assert!(is_rtl("«مرحبا» hello"));
        let text = "He said: שלום עולם, and left.";
        let runs = logical_runs(text);
        let parts: Vec<(&str, bool)> = runs
            .iter()
            .map(|r| (&text[r.range.clone()], r.rtl))
            .collect();
        assert_eq!(
            parts,
            vec![
                ("He said: ", false),
                ("שלום עולם", true),
                (", and left.", false)
            ]
        );
        assert!(logical_runs("").is_empty());
        let info = BidiInfo::new("abc שלום def", None);
        let visual = visual_runs(&info, 0..info.text.len());
        assert_eq!(visual.len(), 3);
        assert!(visual[1].rtl);
    }
}
