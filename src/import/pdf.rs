//! PDF files: the text layer, read with `pdf-extract` (fonts' encodings and ToUnicode maps
//! applied). A PDF without one — a scan, a picture — is refused with a clear error, as are
//! encrypted and malformed files. No OCR is done.
//!
//! The text is as the extractor lays it out: one line per line of the page, blank lines between
//! blocks; runs of more than one blank line become one and trailing spaces are dropped. Lines a
//! PDF broke inside a paragraph stay broken.
//!
//! Should the extractor panic on a malformed file (it is a large parser of untrusted input), the
//! panic is caught and the file refused like any other malformed PDF.

use super::ImportError;

/// The text layer of a PDF.
pub(crate) fn text(bytes: &[u8], origin: &str) -> Result<String, ImportError> {
    let fail = |reason: String| ImportError::Pdf {
        reason,
        origin: origin.to_owned(),
    };
    if !bytes.starts_with(b"%PDF-") {
        return Err(fail(
            "not a PDF file: it does not start with %PDF-".to_owned(),
        ));
    }
    let extracted = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes))
        .map_err(|_| fail("the PDF is malformed (its text could not be extracted)".to_owned()))?
        .map_err(|e| fail(format!("the PDF could not be read ({e})")))?;
    let text = tidy(&extracted);
    if text.trim().is_empty() {
        return Err(ImportError::NoTextLayer {
            origin: origin.to_owned(),
        });
    }
    Ok(text)
}

/// Trailing spaces dropped from each line, form feeds made line ends, runs of blank lines made
/// one, ends trimmed.
fn tidy(text: &str) -> String {
    super::tidy_lines(text.len(), text.split(['\n', '\u{c}']))
}
