//! Tests of the docx and odt import, on documents LibreOffice 7.4 wrote here from
//! `testdata/article.fodt` (`soffice --headless --convert-to docx|odt|pdf article.fodt`), and on
//! hand-made and hostile archives.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::*;

const DOCX: &[u8] = include_bytes!("testdata/article.docx");
const ODT: &[u8] = include_bytes!("testdata/article.odt");

/// The article's text as both formats give it.
const EXPECTED: &str = "Envoy’s talks in Moscow\n\n\
MOSCOW, Aug 6 — Steve Witkoff met Vladimir Putin\tfor three hours.\n\n\
“A useful meeting,”\nUshakov said. Путин agreed to talk   again.\n\n\
First point\n\n\
Trump set a deadline of 8 August.";

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, options).expect("start");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

fn import(bytes: &[u8], origin: &str) -> Result<Imported, ImportError> {
    import_bytes(bytes, origin, &ImportOptions::default())
}

#[test]
fn libreoffice_docx_gives_paragraphs_tabs_breaks_and_the_title_property() {
    let item = import(DOCX, "article.docx").expect("imports");
    assert_eq!(item.document.text.as_str(), EXPECTED);
    assert_eq!(item.document.title, "Witkoff meets Putin in Moscow");
    assert_eq!(item.encoding, "Word document");
    assert_eq!(item.document.origin, "article.docx");
}

#[test]
fn libreoffice_odt_gives_the_same_text_title_and_author() {
    let item = import(ODT, "article.ODT").expect("imports");
    assert_eq!(item.document.text.as_str(), EXPECTED);
    assert_eq!(item.document.title, "Witkoff meets Putin in Moscow");
    assert_eq!(item.document.author, "Test Writer");
    assert_eq!(item.encoding, "OpenDocument text");
}

#[test]
fn without_a_title_property_the_first_paragraph_is_the_title_and_deleted_text_is_left_out() {
    let document = br#"<?xml version="1.0"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="100"/></w:tabs></w:pPr><w:r><w:t>Talks in Istanbul</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t xml:space="preserve">In a table </w:t></w:r><w:hyperlink><w:r><w:t>with a link</w:t></w:r></w:hyperlink></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>Kept</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t> and added</w:t></w:r></w:ins><w:r><w:fldChar/><w:instrText>HYPERLINK x</w:instrText></w:r></w:p>
</w:body></w:document>"#;
    let bytes = zip_of(&[("word/document.xml", document)]);
    let item = import(&bytes, "x.docx").expect("imports");
    assert_eq!(
        item.document.text.as_str(),
        "Talks in Istanbul\n\nIn a table with a link\n\nKept and added"
    );
    assert_eq!(item.document.title, "Talks in Istanbul");
}

#[test]
fn broken_and_hostile_documents_are_refused_clearly() {
    let refuse = |bytes: &[u8], origin: &str| import(bytes, origin).expect_err("refused");
    let err = refuse(&DOCX[..DOCX.len() / 2], "half.docx");
    assert!(matches!(err, ImportError::Archive { .. }), "{err:?}");
    assert!(err.to_string().ends_with("— half.docx"), "{err}");
    let err = refuse(b"{\\rtf1 not a zip}", "fake.odt");
    assert!(matches!(err, ImportError::Archive { .. }), "{err:?}");
    let err = refuse(&zip_of(&[("readme.txt", b"x")]), "empty.docx");
    assert!(err.to_string().contains("word/document.xml"), "{err}");
    let err = refuse(&zip_of(&[("content.xml", b"<a><b></a>")]), "bad.odt");
    assert!(matches!(err, ImportError::Xml { .. }), "{err:?}");
    let xxe = b"<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><document><body><p><r><t>&x;</t></r></p></body></document>";
    let err = refuse(&zip_of(&[("word/document.xml", xxe)]), "xxe.docx");
    assert!(err.to_string().contains("never resolved"), "{err}");
    let err = refuse(
        &zip_of(&[("word/document.xml", b"<d/>"), ("../../x", b"x")]),
        "slip.docx",
    );
    assert!(matches!(err, ImportError::UnsafeEntry { .. }), "{err:?}");
    let zeros = vec![b' '; 30 << 20];
    let err = refuse(&zip_of(&[("word/document.xml", &zeros)]), "bomb.docx");
    assert!(matches!(err, ImportError::ArchiveLimit { .. }), "{err:?}");
    let mut huge = b"<document><body><p a=\"".to_vec();
    huge.extend(std::iter::repeat_n(b'x', 2 << 20));
    huge.extend(b"\"/></body></document>");
    let err = refuse(&zip_of(&[("word/document.xml", &huge)]), "huge.docx");
    assert!(err.to_string().contains("limit"), "{err}");
    let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><document><body><p><r><t>caf\xe9</t></r></p></body></document>";
    let err = refuse(&zip_of(&[("word/document.xml", latin1)]), "latin1.docx");
    assert!(err.to_string().contains("not UTF-8"), "{err}");
    let blank = b"<document><body><p><r><t>  </t></r></p></body></document>";
    let err = refuse(&zip_of(&[("word/document.xml", blank)]), "blank.docx");
    assert!(matches!(err, ImportError::Empty { .. }), "{err:?}");
}
