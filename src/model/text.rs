//! Article text with a char index: O(1) char→byte conversion for spans.
//!
//! Spans in Dossier count Unicode scalar values (`char`s). Slicing a `str` needs bytes, so every
//! [`Text`] keeps the byte offset of every 64th char; converting a char offset costs one lookup and a
//! scan of at most 63 chars. Pure-ASCII texts skip the table altogether.

use std::ops::Range;
use std::sync::Arc;

/// Chars between checkpoints.
const STRIDE: usize = 64;

/// Immutable article text plus its char index. Cheap to clone (shared).
#[derive(Clone)]
pub struct Text {
    inner: Arc<Inner>,
}

struct Inner {
    text: String,
    /// Total chars.
    chars: usize,
    /// Byte offset of char `i * STRIDE`; empty when the text is ASCII.
    checkpoints: Vec<u32>,
}

impl Text {
    /// Wraps a string and builds its index (one pass over the bytes).
    ///
    /// Limitations: texts are limited to 4 GiB (u32 offsets); the importers refuse larger ones.
    pub fn new(text: String) -> Self {
        let (chars, checkpoints) = if text.is_ascii() {
            (text.len(), Vec::new())
        } else {
            let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
            let mut chars = 0usize;
            for (byte, _) in text.char_indices() {
                if chars.is_multiple_of(STRIDE) {
                    checkpoints.push(byte as u32);
                }
                chars += 1;
            }
            (chars, checkpoints)
        };
        Self {
            inner: Arc::new(Inner {
                text,
                chars,
                checkpoints,
            }),
        }
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        &self.inner.text
    }

    /// Length in chars.
    pub fn len_chars(&self) -> usize {
        self.inner.chars
    }

    /// Length in bytes.
    pub fn len_bytes(&self) -> usize {
        self.inner.text.len()
    }

    /// The byte offset of a char offset; `None` past the end (the end itself is allowed).
    pub fn byte_of_char(&self, char_offset: usize) -> Option<usize> {
        let inner = &*self.inner;
        if char_offset > inner.chars {
            return None;
        }
        if inner.checkpoints.is_empty() {
            return Some(char_offset);
        }
        if char_offset == inner.chars {
            return Some(inner.text.len());
        }
        let mut pos = *inner.checkpoints.get(char_offset / STRIDE)? as usize;
        // Step over whole chars by their lead byte: the text is valid UTF-8 and `pos` starts on a
        // char boundary, so this visits only boundaries.
        let bytes = inner.text.as_bytes();
        for _ in 0..char_offset % STRIDE {
            pos += utf8_width(*bytes.get(pos)?);
        }
        Some(pos)
    }

    /// The char offset of a byte offset; `None` past the end or inside a char.
    pub fn char_of_byte(&self, byte_offset: usize) -> Option<usize> {
        let inner = &*self.inner;
        if !inner.text.is_char_boundary(byte_offset) {
            return None;
        }
        if inner.checkpoints.is_empty() {
            return Some(byte_offset);
        }
        let block = match inner.checkpoints.binary_search(&(byte_offset as u32)) {
            Ok(i) => return Some(i * STRIDE),
            Err(i) => i.saturating_sub(1),
        };
        let base = *inner.checkpoints.get(block)? as usize;
        let between = inner.text.get(base..byte_offset)?;
        Some(block * STRIDE + between.chars().count())
    }

    /// Byte range of a char range; `None` when it is out of bounds or reversed.
    pub fn byte_range(&self, chars: Range<usize>) -> Option<Range<usize>> {
        if chars.start > chars.end {
            return None;
        }
        Some(self.byte_of_char(chars.start)?..self.byte_of_char(chars.end)?)
    }

    /// The text of a char range; `None` when it is out of bounds or reversed.
    pub fn slice(&self, chars: Range<usize>) -> Option<&str> {
        let bytes = self.byte_range(chars)?;
        self.inner.text.get(bytes)
    }

    /// Up to `n` chars before char offset `at` (fewer at the start of the text).
    pub fn before(&self, at: usize, n: usize) -> &str {
        self.slice(at.saturating_sub(n)..at).unwrap_or("")
    }

    /// Up to `n` chars after char offset `at` (fewer at the end of the text).
    pub fn after(&self, at: usize, n: usize) -> &str {
        self.slice(at..(at + n).min(self.len_chars())).unwrap_or("")
    }
}

/// The length of a UTF-8 sequence from its lead byte.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner) || self.inner.text == other.inner.text
    }
}
impl Eq for Text {}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let head: String = self.as_str().chars().take(40).collect();
        write!(f, "Text({} chars: {head:?}…)", self.len_chars())
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Text::new)
    }
}

/// Text on one line: runs of white space (line ends included) become one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `n` chars of a text on one line ([`one_line`]), with `…` when cut.
pub fn clipped(text: &str, n: usize) -> String {
    let line = one_line(text);
    if line.chars().count() <= n {
        return line;
    }
    let mut cut: String = line.chars().take(n).collect();
    cut.push('…');
    cut
}

/// A text with its control characters escaped (`\u{1b}`), so a title printed to a terminal
/// cannot drive it.
pub fn without_controls(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_unicode_agree_with_a_scan() {
        let samples = [
            "plain ascii text".to_string(),
            "Zelenskyy — «Ukraine» 👩‍👩‍👧 e\u{301} مرحبا".repeat(20),
            "é".repeat(200),
        ];
        for s in samples {
            let t = Text::new(s.clone());
            let n = s.chars().count();
            assert_eq!(t.len_chars(), n);
            for c in 0..=n {
                let expected = s.char_indices().nth(c).map_or(s.len(), |(b, _)| b);
                assert_eq!(t.byte_of_char(c), Some(expected), "char {c}");
                assert_eq!(t.char_of_byte(expected), Some(c), "byte {expected}");
            }
            assert_eq!(t.byte_of_char(n + 1), None);
        }
    }

    #[test]
    fn slices_and_context() {
        let t = Text::new("ab–cd–ef".to_string());
        assert_eq!(t.slice(2..5), Some("–cd"));
        let (from, to) = (5, 2);
        assert_eq!(t.slice(from..to), None, "reversed");
        assert_eq!(t.before(3, 32), "ab–");
        assert_eq!(t.after(6, 32), "ef");
        assert_eq!(t.char_of_byte(3), None, "inside the dash");
    }

    #[test]
    fn lines_are_joined_clipped_and_controls_escaped() {
        assert_eq!(one_line(" a\n\tb  c "), "a b c");
        assert_eq!(clipped("abc\ndef", 5), "abc d…");
        assert_eq!(clipped("abc", 3), "abc");
        assert_eq!(without_controls("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
    }
}
