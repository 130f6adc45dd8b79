//! Bytes to text: byte order marks, UTF-8, UTF-16 and legacy encodings, with the sanity checks
//! that decide when a file is not text at all.
//!
//! The order of decisions, first match wins:
//! 1. A byte order mark decides: UTF-8, UTF-16LE or UTF-16BE. Malformed input after a BOM is an
//!    error (or U+FFFD replacements when lossy); it is never re-guessed.
//! 2. A NUL byte means binary — unless the bytes look like UTF-16 without a BOM (see
//!    [`sniff_utf16`]).
//! 3. Valid UTF-8 is UTF-8.
//! 4. Invalid UTF-8 that is mostly valid UTF-8 (more well-formed multi-byte sequences than
//!    invalid ones) is damaged UTF-8, not a legacy encoding: refused at its first invalid byte.
//! 5. Otherwise chardetng guesses a legacy encoding from the first megabyte; the whole file must
//!    decode in it without error and the result must pass [`plausible_legacy`]. Otherwise the
//!    file is refused at its first invalid UTF-8 byte.
//!
//! With `lossy`, every refusal in steps 1, 4 and 5 becomes a UTF-8 (or UTF-16) decode with U+FFFD
//! replacements and a warning. Binary files are refused even when lossy.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};

use super::ImportError;

/// A decoded file, before newline normalisation.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text (BOM stripped, line ends as in the file).
    pub text: String,
    /// The encoding's name, as shown to the user.
    pub encoding: &'static str,
    /// Anything the user should know about the decoding.
    pub warnings: Vec<String>,
}

/// How much of a file chardetng sees (it reads about 10 MB/s; a prefix this long decides).
const DETECTION_PREFIX_BYTES: usize = 1 << 20;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// Decodes a file's bytes. `origin` only names the file in errors.
pub(crate) fn decode(bytes: &[u8], origin: &str, lossy: bool) -> Result<Decoded, ImportError> {
    if let Some(body) = bytes.strip_prefix(UTF8_BOM) {
        return decode_utf8_after_bom(body, origin, lossy);
    }
    if let Some(body) = bytes.strip_prefix(UTF16LE_BOM) {
        return decode_utf16(body, UTF16LE_BOM.len(), false, "UTF-16LE", origin, lossy);
    }
    if let Some(body) = bytes.strip_prefix(UTF16BE_BOM) {
        return decode_utf16(body, UTF16BE_BOM.len(), true, "UTF-16BE", origin, lossy);
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        if let Some(big_endian) = sniff_utf16(bytes) {
            let name = if big_endian {
                "UTF-16BE (no BOM)"
            } else {
                "UTF-16LE (no BOM)"
            };
            if let Ok(mut decoded) = decode_utf16(bytes, 0, big_endian, name, origin, false)
                && plausible_utf16(&decoded.text)
            {
                decoded.warnings.push(format!(
                    "no byte order mark: read as {} because of its zero bytes",
                    if big_endian { "UTF-16BE" } else { "UTF-16LE" }
                ));
                return Ok(decoded);
            }
        }
        return Err(ImportError::Binary {
            byte_offset: nul,
            origin: origin.to_owned(),
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
            warnings: Vec::new(),
        });
    }
    let survey = Utf8Survey::of(bytes);
    if survey.looks_like_damaged_utf8() {
        return refuse_or_replace(bytes, 0, &survey, "UTF-8 (lossy)", origin, lossy);
    }
    if let Some(decoded) = decode_legacy(bytes) {
        return Ok(decoded);
    }
    refuse_or_replace(bytes, 0, &survey, "UTF-8 (lossy)", origin, lossy)
}

/// Decodes the UTF-8 that follows a UTF-8 BOM.
fn decode_utf8_after_bom(body: &[u8], origin: &str, lossy: bool) -> Result<Decoded, ImportError> {
    let base = UTF8_BOM.len();
    if let Some(nul) = body.iter().position(|&b| b == 0) {
        return Err(ImportError::Binary {
            byte_offset: base + nul,
            origin: origin.to_owned(),
        });
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8 (BOM)",
            warnings: Vec::new(),
        }),
        Err(_) => refuse_or_replace(
            body,
            base,
            &Utf8Survey::of(body),
            "UTF-8 (BOM, lossy)",
            origin,
            lossy,
        ),
    }
}

/// Refuses invalid UTF-8 at its first bad byte or, when lossy, replaces every invalid sequence.
fn refuse_or_replace(
    bytes: &[u8],
    base: usize,
    survey: &Utf8Survey,
    lossy_name: &'static str,
    origin: &str,
    lossy: bool,
) -> Result<Decoded, ImportError> {
    if !lossy {
        return Err(ImportError::InvalidUtf8 {
            byte_offset: base + survey.first_invalid,
            origin: origin.to_owned(),
        });
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    Ok(Decoded {
        text,
        encoding: lossy_name,
        warnings: vec![format!(
            "decoded lossily: {} invalid {} replaced with U+FFFD (the first at byte {})",
            survey.invalid,
            plural(survey.invalid, "sequence", "sequences"),
            base + survey.first_invalid
        )],
    })
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// What a scan of not-quite-UTF-8 bytes found.
#[derive(Debug, Clone, Copy)]
struct Utf8Survey {
    /// Byte offset of the first invalid sequence.
    first_invalid: usize,
    /// Invalid sequences (each becomes one U+FFFD when decoded lossily).
    invalid: usize,
    /// Well-formed sequences of two to four bytes.
    multibyte: usize,
    /// The bytes end inside a sequence of at least two bytes (a file cut short).
    truncated_tail: bool,
}

impl Utf8Survey {
    fn of(bytes: &[u8]) -> Self {
        let mut survey = Self {
            first_invalid: bytes.len(),
            invalid: 0,
            multibyte: 0,
            truncated_tail: false,
        };
        let mut offset = 0usize;
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            survey.multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
            offset += valid.len();
            let bad = chunk.invalid();
            if !bad.is_empty() {
                survey.first_invalid = survey.first_invalid.min(offset);
                survey.invalid += 1;
                // A lead byte and at least one continuation, cut off by the end of the input.
                if offset + bad.len() == bytes.len()
                    && bad.len() >= 2
                    && std::str::from_utf8(bad).is_err_and(|e| e.error_len().is_none())
                {
                    survey.truncated_tail = true;
                }
                offset += bad.len();
            }
        }
        survey
    }

    /// More evidence of UTF-8 than against it.
    ///
    /// Heuristic: legacy 8-bit text (Windows-1252, Windows-1251, KOI8…) almost never forms
    /// well-formed UTF-8 multi-byte sequences — a letter from 0xC2–0xF4 would have to be followed
    /// by exactly the right number of bytes from 0x80–0xBF — while nearly all its non-ASCII bytes
    /// form invalid ones. A UTF-8 file with a few damaged bytes is the other way round. A sequence
    /// of two or more bytes cut off at the very end counts as UTF-8 evidence (a truncated file).
    fn looks_like_damaged_utf8(&self) -> bool {
        let tail = usize::from(self.truncated_tail);
        self.multibyte + tail > self.invalid.saturating_sub(tail)
    }
}

/// Decodes UTF-16 (`base` bytes into the file, for error offsets). Malformed input (an odd byte
/// count, an unpaired surrogate) is refused at its offset or, when lossy, replaced with U+FFFD.
fn decode_utf16(
    body: &[u8],
    base: usize,
    big_endian: bool,
    name: &'static str,
    origin: &str,
    lossy: bool,
) -> Result<Decoded, ImportError> {
    let units = body.chunks_exact(2).map(|pair| match pair {
        [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    let mut text = String::with_capacity(body.len() / 2 * 3 / 2 + 1);
    let mut invalid = 0usize;
    let mut first_invalid: Option<usize> = None;
    let mut unit_index = 0usize;
    for result in char::decode_utf16(units) {
        match result {
            Ok('\0') => {
                return Err(ImportError::Binary {
                    byte_offset: base + unit_index * 2,
                    origin: origin.to_owned(),
                });
            }
            Ok(c) => {
                text.push(c);
                unit_index += c.len_utf16();
            }
            Err(_) => {
                first_invalid.get_or_insert(base + unit_index * 2);
                invalid += 1;
                text.push(char::REPLACEMENT_CHARACTER);
                unit_index += 1;
            }
        }
    }
    if body.len() % 2 == 1 {
        first_invalid.get_or_insert(base + body.len() - 1);
        invalid += 1;
        text.push(char::REPLACEMENT_CHARACTER);
    }
    let mut warnings = Vec::new();
    if let Some(byte_offset) = first_invalid {
        if !lossy {
            return Err(ImportError::InvalidUtf16 {
                encoding: if big_endian { "UTF-16BE" } else { "UTF-16LE" },
                byte_offset,
                origin: origin.to_owned(),
            });
        }
        warnings.push(format!(
            "decoded lossily: {invalid} invalid {} replaced with U+FFFD (the first at byte {byte_offset})",
            plural(invalid, "sequence", "sequences"),
        ));
    }
    Ok(Decoded {
        text,
        encoding: name,
        warnings,
    })
}

/// Whether bytes without a BOM look like UTF-16, and if so whether big-endian.
///
/// Heuristic: text that is mostly Latin script, written as UTF-16, has a zero in the high byte of
/// nearly every code unit (spaces, digits, punctuation and ASCII letters are all below U+0100),
/// and rarely a zero in the low byte. So: an even length, zeros in one byte lane in at least a
/// fifth of the code units, and in the other lane in at most a twentieth of as many.
///
/// Limitations: UTF-16 text with few characters below U+0100 (Chinese, Japanese) is not
/// recognised without a BOM and is refused as binary. UTF-32 is not recognised either.
pub(crate) fn sniff_utf16(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even_zeros, mut odd_zeros) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        if let [even, odd] = pair {
            even_zeros += usize::from(*even == 0);
            odd_zeros += usize::from(*odd == 0);
        }
    }
    let units = bytes.len() / 2;
    let one_lane = |zeros: usize, other: usize| zeros * 5 >= units && other * 20 <= zeros;
    if one_lane(odd_zeros, even_zeros) {
        Some(false)
    } else if one_lane(even_zeros, odd_zeros) {
        Some(true)
    } else {
        None
    }
}

/// Sanity check for text decoded from UTF-16 without a BOM: no control characters but
/// whitespace, no noncharacters, no private-use characters.
fn plausible_utf16(text: &str) -> bool {
    text.chars().all(|c| {
        !(is_bad_control(c) || is_c1(c) || is_private_use(c) || is_noncharacter(c))
            && c != char::REPLACEMENT_CHARACTER
    })
}

/// Guesses a legacy encoding with chardetng and decodes in it, if the result is plausible text.
fn decode_legacy(bytes: &[u8]) -> Option<Decoded> {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    // The guess settles long before a megabyte; the whole file is still decoded and checked.
    match bytes.get(..DETECTION_PREFIX_BYTES) {
        Some(prefix) if prefix.len() < bytes.len() => detector.feed(prefix, false),
        _ => detector.feed(bytes, true),
    };
    let encoding = detector.guess(None, Utf8Detection::Deny);
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    if !plausible_legacy(&text) {
        return None;
    }
    let name = encoding.name();
    Some(Decoded {
        text: text.into_owned(),
        encoding: name,
        warnings: vec![format!(
            "not UTF-8: the encoding {name} was guessed from the bytes; check that the text reads correctly"
        )],
    })
}

/// Sanity check for text decoded from a guessed legacy encoding.
///
/// chardetng always names *some* encoding, even for bytes that are no text at all, so its guess
/// is only accepted when the decoded text looks like prose:
/// - no C1 control characters (U+0080–U+009F; Windows-1252 decodes its five unassigned bytes to
///   them), no private-use characters, no U+FFFD;
/// - control characters other than tab, line feed, carriage return, vertical tab, form feed and
///   the DOS end-of-file mark (U+001A) make up at most 0.1% of the characters (random bytes have
///   about 11%);
/// - of the non-ASCII characters, at most a quarter are "unlikely": neither letters, combining
///   marks, nor common punctuation (no-break space, « » ¡ ¿ § © ® ° · º ª, the General
///   Punctuation block, €, №, ™). Real Western or Cyrillic prose is almost all letters there;
///   bytes decoded in the wrong single-byte encoding give many symbols such as ± ¤ ¦ ¬ ¼ ².
///
/// Limitations: these are heuristics. A short file in one legacy encoding can decode plausibly in
/// another (chardetng is a guess), and text that is mostly symbols will be refused; both are why
/// the chosen encoding is reported and why lossy import exists.
pub(crate) fn plausible_legacy(text: &str) -> bool {
    let (mut chars, mut controls, mut non_ascii, mut unlikely) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        if c.is_ascii() {
            controls += usize::from(is_bad_control(c));
            continue;
        }
        if is_c1(c) || is_private_use(c) || c == char::REPLACEMENT_CHARACTER {
            return false;
        }
        non_ascii += 1;
        if !(c.is_alphabetic() || is_combining_mark(c) || is_common_punctuation(c)) {
            unlikely += 1;
        }
    }
    controls * 1000 <= chars && unlikely * 4 <= non_ascii
}

/// A C0 control that has no business in prose (tab, line feed, vertical tab, form feed, carriage
/// return and the DOS end-of-file mark U+001A are fine).
fn is_bad_control(c: char) -> bool {
    c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\x0B' | '\x0C' | '\r' | '\x1A')
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
        || ('\u{F0000}'..='\u{FFFFD}').contains(&c)
        || ('\u{100000}'..='\u{10FFFD}').contains(&c)
}

fn is_noncharacter(c: char) -> bool {
    let u = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE
}

/// Combining diacritical marks (the blocks that legacy encodings can produce).
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
        || ('\u{483}'..='\u{489}').contains(&c)
        || ('\u{591}'..='\u{5C7}').contains(&c)
        || ('\u{64B}'..='\u{65F}').contains(&c)
        || ('\u{E31}'..='\u{E4E}').contains(&c)
}

fn is_common_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{A0}'
            | '«'
            | '»'
            | '¡'
            | '¿'
            | '§'
            | '©'
            | '®'
            | '°'
            | '·'
            | 'º'
            | 'ª'
            | '€'
            | '№'
            | '™'
            | '\u{AD}'
    ) || ('\u{2000}'..='\u{206F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes, "t.txt", false).expect("decodes")
    }

    #[test]
    fn plain_utf8_and_utf8_bom() {
        let d = ok("Zelenskyy — «Україна»".as_bytes());
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Zelenskyy — «Україна»", "UTF-8")
        );
        assert!(d.warnings.is_empty());
        let d = ok(b"\xEF\xBB\xBFhello");
        assert_eq!((d.text.as_str(), d.encoding), ("hello", "UTF-8 (BOM)"));
    }

    #[test]
    fn utf16_with_boms() {
        let text = "Kyiv — Київ 👩‍👩‍👧";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        let d = ok(&le);
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16LE"));
        let d = ok(&be);
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16BE"));
    }

    #[test]
    fn utf16_unpaired_surrogate_is_refused_at_its_offset_or_replaced() {
        // BOM, 'a', lone high surrogate, 'b'.
        let bytes = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        match decode(&bytes, "t.txt", false) {
            Err(ImportError::InvalidUtf16 { byte_offset, .. }) => assert_eq!(byte_offset, 4),
            other => panic!("expected InvalidUtf16, got {other:?}"),
        }
        let d = decode(&bytes, "t.txt", true).expect("lossy decodes");
        assert_eq!(d.text, "a\u{FFFD}b");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn utf16_odd_length_is_refused_at_the_last_byte() {
        let bytes = [0xFF, 0xFE, b'a', 0, b'b'];
        match decode(&bytes, "t.txt", false) {
            Err(ImportError::InvalidUtf16 { byte_offset, .. }) => assert_eq!(byte_offset, 4),
            other => panic!("expected InvalidUtf16, got {other:?}"),
        }
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_zero_bytes() {
        let text = "Putin met Witkoff in Moscow.\r\nПутин встретился с Уиткоффом.\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = ok(&le);
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16LE (no BOM)"));
        assert_eq!(d.warnings.len(), 1, "says it guessed");
        let d = ok(&be);
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16BE (no BOM)"));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        for (bytes, at) in [
            (&b"text\0more text"[..], 4),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", 8),
            (b"\xEF\xBB\xBFab\0c", 5),
        ] {
            match decode(bytes, "t.txt", true) {
                Err(ImportError::Binary { byte_offset, .. }) => assert_eq!(byte_offset, at),
                other => panic!("expected Binary for {bytes:?}, got {other:?}"),
            }
        }
        // A UTF-16 BOM followed by a NUL code unit (e.g. UTF-32LE's BOM FF FE 00 00).
        match decode(b"\xFF\xFE\0\0a\0\0\0", "t.txt", false) {
            Err(ImportError::Binary { byte_offset, .. }) => assert_eq!(byte_offset, 2),
            other => panic!("expected Binary, got {other:?}"),
        }
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let samples: [(&str, &'static encoding_rs::Encoding, &str); 3] = [
            (
                "Президент России Владимир Путин провёл встречу со специальным посланником \
                 США Стивом Уиткоффом в Москве. Стороны обсудили возможное прекращение огня.",
                encoding_rs::WINDOWS_1251,
                "windows-1251",
            ),
            (
                "Президент России Владимир Путин провёл встречу со специальным посланником \
                 США Стивом Уиткоффом в Москве. Стороны обсудили возможное прекращение огня.",
                encoding_rs::KOI8_R,
                "KOI8-U",
            ),
            (
                "Le président français a déclaré que la trêve était « fragile » et qu'il \
                 fallait éviter une escalade à l'été, selon l'Élysée.",
                encoding_rs::WINDOWS_1252,
                "windows-1252",
            ),
        ];
        for (text, encoding, name) in samples {
            let (bytes, _, unmappable) = encoding.encode(text);
            assert!(!unmappable);
            let d = ok(&bytes);
            assert_eq!(d.encoding, name, "{text}");
            assert_eq!(d.text, text);
            assert_eq!(d.warnings.len(), 1, "says the encoding was guessed");
        }
    }

    #[test]
    fn legacy_files_longer_than_the_detection_prefix() {
        let text = "Стороны обсудили возможное прекращение огня.\n".repeat(30_000);
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
        assert!(bytes.len() > DETECTION_PREFIX_BYTES);
        let d = ok(&bytes);
        assert_eq!(d.encoding, "windows-1251");
        assert_eq!(d.text, text);
        // A C1 control past the prefix still fails the sanity check.
        let mut latin = "Le président a déclaré que la trêve était fragile.\n"
            .repeat(25_000)
            .into_bytes();
        latin = encoding_rs::WINDOWS_1252
            .encode(std::str::from_utf8(&latin).expect("utf8"))
            .0
            .into_owned();
        assert_eq!(ok(&latin).encoding, "windows-1252");
        latin.push(0x81);
        assert!(matches!(
            decode(&latin, "t.txt", false),
            Err(ImportError::InvalidUtf8 { .. })
        ));
    }

    #[test]
    fn damaged_utf8_is_refused_at_the_first_bad_byte_not_read_as_latin1() {
        let mut bytes = "“Great progress was made!” Trump wrote — on Wednesday."
            .as_bytes()
            .to_vec();
        bytes.insert(10, 0xFF);
        let at = 10;
        match decode(&bytes, "t.txt", false) {
            Err(ImportError::InvalidUtf8 { byte_offset, .. }) => assert_eq!(byte_offset, at),
            other => panic!("expected InvalidUtf8, got {other:?}"),
        }
        let d = decode(&bytes, "t.txt", true).expect("lossy");
        assert_eq!(d.encoding, "UTF-8 (lossy)");
        assert!(d.text.contains("\u{FFFD}"));
        assert!(
            d.warnings[0].contains("1 invalid sequence "),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn truncated_utf8_at_the_end_is_refused() {
        let mut bytes = "Zelenskyy said: “no”".as_bytes().to_vec();
        bytes.pop(); // cut the closing quote (three bytes) to two
        let at = bytes.len() - 2;
        match decode(&bytes, "t.txt", false) {
            Err(ImportError::InvalidUtf8 { byte_offset, .. }) => assert_eq!(byte_offset, at),
            other => panic!("expected InvalidUtf8, got {other:?}"),
        }
        // Even with nothing else non-ASCII before it.
        let bytes = b"Trump said\xE2\x80";
        match decode(bytes, "t.txt", false) {
            Err(ImportError::InvalidUtf8 { byte_offset, .. }) => assert_eq!(byte_offset, 10),
            other => panic!("expected InvalidUtf8, got {other:?}"),
        }
    }

    #[test]
    fn random_bytes_are_no_known_encoding() {
        // A fixed pseudo-random sequence without NULs (xorshift).
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut bytes = Vec::new();
        while bytes.len() < 4096 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let b = (x >> 24) as u8;
            if b != 0 {
                bytes.push(b);
            }
        }
        assert!(matches!(
            decode(&bytes, "t.txt", false),
            Err(ImportError::InvalidUtf8 { .. })
        ));
        // Only high bytes: no control characters to give it away.
        let high: Vec<u8> = bytes.iter().map(|b| b | 0x80).collect();
        let result = decode(&high, "t.txt", false);
        assert!(
            matches!(result, Err(ImportError::InvalidUtf8 { byte_offset: 0, .. })),
            "{:?}",
            result.map(|d| (d.encoding, d.text.chars().take(40).collect::<String>()))
        );
        let d = decode(&high, "t.txt", true).expect("lossy");
        assert_eq!(d.encoding, "UTF-8 (lossy)");
    }

    #[test]
    fn plausibility_rules() {
        assert!(plausible_legacy("Café « crème » — 5 €"));
        assert!(!plausible_legacy("a\u{81}b"), "C1 control");
        assert!(!plausible_legacy("±¤¦¬¼²é"), "mostly symbols");
        assert!(
            !plausible_legacy(&"ab\x01".repeat(10)),
            "control characters"
        );
        assert!(plausible_legacy("Old DOS file\r\n\x1A"), "EOF mark is fine");
    }
}
