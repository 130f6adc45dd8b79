//! Tests of the PDF import, on PDFs LibreOffice 7.4 wrote here (`soffice --headless
//! --convert-to pdf` of `testdata/article.fodt` and of `testdata/scan.fodt`, a page without
//! text), and on broken ones.

use super::*;

const PDF: &[u8] = include_bytes!("testdata/article.pdf");
const SCAN: &[u8] = include_bytes!("testdata/scan.pdf");

fn import(bytes: &[u8], origin: &str) -> Result<Imported, ImportError> {
    import_bytes(bytes, origin, &ImportOptions::default())
}

#[test]
fn the_text_layer_is_imported_with_its_lines_and_blocks() {
    let item = import(PDF, "article.pdf").expect("imports");
    let text = item.document.text.as_str();
    assert!(
        text.starts_with(
            "Envoy’s talks in Moscow\n\nMOSCOW, Aug 6 — Steve Witkoff met Vladimir Putin for \
             three hours.\n“A useful meeting,”\nUshakov said. Путин agreed to talk   again.\n"
        ),
        "{text:?}"
    );
    assert!(
        text.ends_with("\n\nTrump set a deadline of 8 August."),
        "{text:?}"
    );
    assert_eq!(item.document.title, "Envoy’s talks in Moscow");
    assert_eq!(item.encoding, "PDF");
}

#[test]
fn a_pdf_without_a_text_layer_is_refused_as_such() {
    let err = import(SCAN, "scan.pdf").expect_err("no text");
    assert!(matches!(err, ImportError::NoTextLayer { .. }), "{err:?}");
    assert!(err.to_string().contains("no text layer"), "{err}");
    assert!(err.to_string().ends_with("— scan.pdf"), "{err}");
}

#[test]
fn broken_pdfs_are_refused_clearly() {
    for (bytes, origin) in [
        (&PDF[..PDF.len() / 3], "truncated.pdf"),
        (&b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"[..], "dangling.pdf"),
        (&b"%PDF-1.4\n\xff\xfe\x00garbage"[..], "garbage.pdf"),
        (&b"<html>not a pdf</html>"[..], "page.pdf"),
    ] {
        let err = import(bytes, origin).expect_err(origin);
        assert!(
            matches!(err, ImportError::Pdf { .. } | ImportError::NoTextLayer { .. }),
            "{origin}: {err:?}"
        );
        assert!(err.to_string().ends_with(&format!("— {origin}")), "{err}");
    }
}
