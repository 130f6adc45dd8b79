//! Tests of the importer's public API: the seeds, files and folders, duplicates, refusals and
//! hostile inputs. Inputs are built here (encoded with encoding_rs, written to temp folders).

use std::fs;
use std::path::{Path, PathBuf};

use super::*;
use crate::edit::History;
use crate::model::{PartialDate, Project};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn opts() -> ImportOptions {
    ImportOptions::default()
}

fn lossy() -> ImportOptions {
    ImportOptions { lossy: true }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(&path, bytes).expect("write");
    path
}

fn date(s: &str) -> Option<PartialDate> {
    Some(s.parse().expect("a date"))
}

fn import(bytes: &[u8], origin: &str) -> Imported {
    import_bytes(bytes, origin, &opts()).expect("imports")
}

#[test]
fn all_five_seeds() {
    let batch = import_paths(&Project::new("t"), &[seeds_dir()], &opts()).expect("seeds import");
    assert_eq!(batch.imported.len(), 5);
    assert!(batch.duplicates.is_empty());
    let expected: [(&str, &str, &str, Option<PartialDate>); 5] = [
        (
            "000_",
            "US envoy Witkoff in Russia as Trump’s Ukraine ceasefire deadline looms",
            "",
            None,
        ),
        (
            "001_",
            "Putin and Witkoff exchange pleasantries ahead of ceasefire talks",
            "Reuters",
            None,
        ),
        (
            "002_",
            "Russian President Vladimir Putin met with US envoy Steve Witkoff in Moscow on Wednesday, the Kremlin confirmed, just two days before a deadline set by US President Donald Trump for Russia to halt its…",
            "",
            None,
        ),
        (
            "003_",
            "Your guide to what the 2024 US election means for Washington and the world",
            "",
            date("2025-03-16"),
        ),
        (
            "004_",
            "US-Russia Negotiations Heat Up as Ceasefire Talks Continue",
            "",
            None,
        ),
    ];
    for (imported, (prefix, title, source, published)) in batch.imported.iter().zip(expected) {
        let doc = &imported.document;
        let path = PathBuf::from(&doc.origin);
        let name = path.file_name().expect("a file").to_string_lossy();
        assert!(
            name.starts_with(prefix),
            "sorted: {name} should start with {prefix}"
        );
        assert_eq!(doc.title, title, "{name}");
        assert_eq!(doc.source, source, "{name}");
        assert_eq!(doc.published, published, "{name}");
        assert_eq!(imported.encoding, "UTF-8", "{name}");
        assert!(
            imported.warnings.is_empty(),
            "{name}: {:?}",
            imported.warnings
        );
        let raw = fs::read_to_string(&path).expect("seed readable");
        assert_eq!(doc.text.as_str(), raw, "{name}: the text is kept verbatim");
        assert!(doc.imported.0 > 1_700_000_000, "imported now");
    }
    // The batch edit adds all five, and undoes as one step.
    let mut project = Project::new("t");
    let mut history = History::new();
    history.apply(&mut project, batch.edit).expect("applies");
    assert_eq!(project.documents().len(), 5);
    history.undo(&mut project).expect("undoes");
    assert!(project.documents().is_empty());
}

#[test]
fn duplicates_in_the_project_and_in_the_batch_are_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.txt", b"Talks resume\n\nBody of A.\n");
    let a_crlf = write(
        dir.path(),
        "a-crlf.txt",
        b"Talks resume\r\n\r\nBody of A.\r\n",
    );
    let b = write(dir.path(), "b.txt", b"Other talks\n\nBody of B.\n");
    let c = write(dir.path(), "c.txt", b"Third\n\nBody of C.\n");

    let mut project = Project::new("t");
    let first = import_paths(&project, std::slice::from_ref(&b), &opts()).expect("b imports");
    crate::edit::apply(&mut project, first.edit).expect("applies");
    let b_id = *project.documents().keys().next().expect("one document");

    let batch = import_paths(
        &project,
        &[a.clone(), b.clone(), a_crlf.clone(), c, a],
        &opts(),
    )
    .expect("imports");
    let titles: Vec<&str> = batch
        .imported
        .iter()
        .map(|i| i.document.title.as_str())
        .collect();
    assert_eq!(titles, ["Talks resume", "Third"]);
    assert_eq!(batch.duplicates.len(), 3);
    assert_eq!(batch.duplicates[0].origin, b.to_string_lossy());
    assert_eq!(batch.duplicates[0].same_as, "Other talks");
    assert_eq!(batch.duplicates[0].existing, Some(b_id));
    // Same text once line ends are normalised.
    assert_eq!(batch.duplicates[1].origin, a_crlf.to_string_lossy());
    assert_eq!(
        batch.duplicates[1].same_as,
        dir.path().join("a.txt").to_string_lossy()
    );
    assert_eq!(batch.duplicates[1].existing, None);
    let Edit::Batch(edits) = &batch.edit else {
        panic!("a batch edit")
    };
    assert_eq!(edits.len(), 2);

    let again = import_paths(&project, &[b], &opts()).expect("imports");
    assert!(again.imported.is_empty());
    assert_eq!(again.edit, Edit::Batch(Vec::new()));
    let text = &project.documents()[&b_id].text;
    assert_eq!(
        find_duplicate(&project, text.as_str()).map(|d| d.id),
        Some(b_id)
    );
    assert!(find_duplicate(&project, "something else").is_none());
}

#[test]
fn a_batch_is_all_or_nothing_and_lists_every_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = write(dir.path(), "good.txt", b"Fine\n");
    let binary = write(dir.path(), "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let empty = write(dir.path(), "empty.txt", b"  \n\t\n");
    let missing = dir.path().join("missing.txt");
    let failures = import_paths(
        &Project::new("t"),
        &[good, binary.clone(), empty.clone(), missing.clone()],
        &opts(),
    )
    .expect_err("refused");
    assert_eq!(failures.len(), 3);
    assert_eq!(failures[0].path, binary);
    assert!(matches!(
        failures[0].error,
        ImportError::Binary { byte_offset: 8, .. }
    ));
    assert_eq!(failures[1].path, empty);
    assert!(matches!(failures[1].error, ImportError::Empty { .. }));
    assert_eq!(failures[2].path, missing);
    assert!(matches!(failures[2].error, ImportError::Io { .. }));
    for failure in &failures {
        let message = failure.to_string();
        assert!(
            message.ends_with(&*failure.path.to_string_lossy()),
            "the path comes last: {message}"
        );
        assert_eq!(failure.error.origin(), failure.path.to_string_lossy());
    }
}

#[test]
fn folders_are_walked_recursively_sorted_and_filtered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("corpus");
    write(&root, "b.txt", b"B\n");
    write(&root, "a.md", b"# A\n");
    write(&root, "sub/c.markdown", b"C\n");
    write(&root, "sub/deeper/d.TEXT", b"D\n");
    write(&root, "notes.pdf", b"%PDF-1.4\0");
    write(&root, "image.png", b"\x89PNG\0");
    write(&root, ".hidden.txt", b"hidden\n");
    write(&root, ".git/e.txt", b"E\n");
    let batch =
        import_paths(&Project::new("t"), std::slice::from_ref(&root), &opts()).expect("imports");
    let origins: Vec<String> = batch
        .imported
        .iter()
        .map(|i| i.document.origin.clone())
        .collect();
    let expected: Vec<String> = ["a.md", "b.txt", "sub/c.markdown", "sub/deeper/d.TEXT"]
        .iter()
        .map(|p| root.join(p).to_string_lossy().into_owned())
        .collect();
    assert_eq!(origins, expected);
    let titles: Vec<&str> = batch
        .imported
        .iter()
        .map(|i| i.document.title.as_str())
        .collect();
    assert_eq!(titles, ["A", "B", "C", "D"]);

    let empty = dir.path().join("empty");
    write(&empty, "readme.pdf", b"%PDF");
    let failures =
        import_paths(&Project::new("t"), &[empty], &opts()).expect_err("nothing to import");
    assert!(matches!(failures[0].error, ImportError::NoArticles { .. }));
}

#[test]
fn named_files_of_unsupported_formats_are_refused_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rtf = write(dir.path(), "report.RTF", b"{\\rtf1 Hello}\n");
    let failures = import_paths(&Project::new("t"), &[rtf], &opts()).expect_err("refused");
    let ImportError::Unsupported { extension, .. } = &failures[0].error else {
        panic!("expected Unsupported, got {:?}", failures[0].error)
    };
    assert_eq!(extension, "rtf");
    // Every named document format is read as that format, none is refused as unsupported.
    for ext in DOCUMENT_EXTENSIONS {
        let file = write(dir.path(), &format!("x.{ext}"), b"\0\x01not really");
        let failures = import_paths(&Project::new("t"), &[file], &opts()).expect_err("refused");
        assert!(
            !matches!(failures[0].error, ImportError::Unsupported { .. }),
            "{ext}: {:?}",
            failures[0].error
        );
    }
    // A named PDF is read as a PDF, not as text.
    let pdf = write(dir.path(), "report.PDF", b"%PDF-1.4\n");
    let failures = import_paths(&Project::new("t"), &[pdf], &opts()).expect_err("refused");
    assert!(matches!(failures[0].error, ImportError::Pdf { .. }));
    // A named file with another extension (or none) is read as text.
    let other = write(dir.path(), "article", b"Headline\n\nBody\n");
    let batch = import_paths(&Project::new("t"), &[other], &opts()).expect("imports");
    assert_eq!(batch.imported[0].document.title, "Headline");
}

#[test]
fn line_ends_are_normalised_and_the_bom_stripped_but_the_text_is_kept() {
    let d = import(
        b"\xEF\xBB\xBFHeadline\r\n\r\nOne.\rTwo.\r\r\nThree.\n",
        "x.txt",
    );
    assert_eq!(d.encoding, "UTF-8 (BOM)");
    assert_eq!(
        d.document.text.as_str(),
        "Headline\n\nOne.\nTwo.\n\nThree.\n"
    );
    assert_eq!(d.document.title, "Headline");
    assert_eq!(d.document.origin, "x.txt");
    let d = import(b"\xEF\xBB\xBF\xEF\xBB\xBFHeadline\n", "x.txt");
    assert_eq!(
        d.document.text.as_str(),
        "Headline\n",
        "a doubled BOM goes too"
    );
    // Trailing spaces, tabs and blank lines stay.
    let raw = "  Headline  \n\n\tBody  \n\n\n";
    assert_eq!(import(raw.as_bytes(), "x.txt").document.text.as_str(), raw);
}

#[test]
fn markdown_headings_leave_the_title_and_the_words() {
    let d = import(b"\n## Witkoff meets Putin/Reuters\n\nBody\n", "notes/a.md");
    assert_eq!(d.document.title, "Witkoff meets Putin");
    assert_eq!(d.document.source, "Reuters");
    assert!(
        d.document
            .text
            .as_str()
            .starts_with("Witkoff meets Putin/Reuters\n\nBody"),
        "Markdown keeps the words, not the markup: {:?}",
        d.document.text.as_str()
    );
    let d = import(b"# Kept\n", "a.txt");
    assert_eq!(
        d.document.title, "# Kept",
        "only Markdown files have headings"
    );
}

#[test]
fn titles_are_never_empty() {
    let d = import(b"/Reuters\n", "dir/wire-copy.txt");
    assert_eq!(
        d.document.title, "/Reuters",
        "no title before the slash: no outlet hint"
    );
    let d = import(b"date 2025-08-06\n", "dir/2025-08-06 Moscow.txt");
    assert_eq!(d.document.title, "2025-08-06 Moscow", "the file stem");
    assert_eq!(d.document.published, date("2025-08-06"));
    let d = import(b"date 2025-08-06\n", "");
    assert_eq!(d.document.title, "Untitled article");
}

#[test]
fn empty_whitespace_and_bom_only_files_are_refused() {
    for bytes in [
        &b""[..],
        b"   \n\t\r\n",
        b"\xEF\xBB\xBF",
        b"\xEF\xBB\xBF\xEF\xBB\xBF\n",
        b"\xFF\xFE",
        b"\xFE\xFF\x00 \x00\n",
        "\u{200B}\u{3000}\u{A0}".as_bytes(),
    ] {
        assert!(
            matches!(
                import_bytes(bytes, "e.txt", &lossy()),
                Err(ImportError::Empty { .. })
            ),
            "{bytes:?}"
        );
    }
    let message = import_bytes(b"", "dir/e.txt", &opts())
        .expect_err("empty")
        .to_string();
    assert!(
        message.contains("empty") && message.ends_with("dir/e.txt"),
        "{message}"
    );
}

#[test]
fn binary_files_are_refused_even_when_lossy() {
    let err = import_bytes(b"PK\x03\x04\x14\0\x06\0", "a.txt", &lossy()).expect_err("binary");
    assert!(matches!(err, ImportError::Binary { byte_offset: 5, .. }));
    assert!(err.to_string().contains("NUL"), "{err}");
}

#[test]
fn too_large_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.txt");
    let file = fs::File::create(&path).expect("create");
    file.set_len(MAX_FILE_BYTES + 1).expect("sparse file");
    drop(file);
    let failures = import_paths(&Project::new("t"), std::slice::from_ref(&path), &opts())
        .expect_err("too large");
    let ImportError::TooLarge { bytes, limit, .. } = &failures[0].error else {
        panic!("expected TooLarge, got {:?}", failures[0].error)
    };
    assert_eq!((*bytes, *limit), (MAX_FILE_BYTES + 1, MAX_FILE_BYTES));
    assert!(failures[0].error.to_string().contains("64 MiB"));

    let bytes = vec![b'a'; usize::try_from(MAX_FILE_BYTES).expect("fits") + 1];
    assert!(matches!(
        import_bytes(&bytes, "big.txt", &opts()),
        Err(ImportError::TooLarge { .. })
    ));
}

#[test]
fn legacy_encoded_files_are_decoded_and_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let russian = "Путин встретился с Уиткоффом в Москве\r\n\r\nПрезидент России Владимир Путин \
                   провёл встречу со специальным посланником США. Стороны обсудили прекращение огня.\r\n";
    let (cp1251, _, bad) = encoding_rs::WINDOWS_1251.encode(russian);
    assert!(!bad);
    let french = "Trêve : l'Élysée salue « un pas » vers la paix\n\nLe président a déclaré \
                  que la trêve était fragile et qu'il fallait éviter une escalade cet été.\n";
    let (latin, _, bad) = encoding_rs::WINDOWS_1252.encode(french);
    assert!(!bad);
    let ru = write(dir.path(), "ru.txt", &cp1251);
    let fr = write(dir.path(), "fr.txt", &latin);
    let batch = import_paths(&Project::new("t"), &[fr, ru], &opts()).expect("imports");
    let [fr, ru] = &batch.imported[..] else {
        panic!("two articles")
    };
    assert_eq!(ru.encoding, "windows-1251");
    assert_eq!(ru.document.text.as_str(), russian.replace("\r\n", "\n"));
    assert_eq!(ru.document.title, "Путин встретился с Уиткоффом в Москве");
    assert_eq!(fr.encoding, "windows-1252");
    assert_eq!(fr.document.text.as_str(), french);
    assert!(
        fr.warnings.iter().any(|w| w.contains("guessed")),
        "{:?}",
        fr.warnings
    );
}

#[test]
fn undecodable_bytes_are_refused_with_their_offset_or_replaced_when_lossy() {
    let mut bytes = "Zelenskyy: “no ceasefire without guarantees” — Kyiv\n"
        .as_bytes()
        .to_vec();
    bytes.splice(20..20, [0xC3, 0x28]); // a lead byte without its continuation
    let err = import_bytes(&bytes, "dir/bad.txt", &opts()).expect_err("refused");
    assert!(
        matches!(
            err,
            ImportError::InvalidUtf8 {
                byte_offset: 20,
                ..
            }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("20") && message.ends_with("dir/bad.txt"),
        "{message}"
    );
    let d = import_bytes(&bytes, "dir/bad.txt", &lossy()).expect("lossy imports");
    assert_eq!(d.encoding, "UTF-8 (lossy)");
    assert_eq!(d.document.text.as_str().matches('\u{FFFD}').count(), 1);
    assert!(d.warnings[0].starts_with("decoded lossily: 1 invalid sequence"));
}

#[test]
fn utf16_files_with_and_without_bom() {
    let text = "Переговоры в Эр-Рияде\r\n\r\nTalks in Riyadh ended — «пауза».\r\n";
    let mut with_bom = vec![0xFF, 0xFE];
    with_bom.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let d = import(&with_bom, "a.txt");
    assert_eq!(d.encoding, "UTF-16LE");
    assert_eq!(d.document.text.as_str(), text.replace("\r\n", "\n"));
    assert_eq!(d.document.title, "Переговоры в Эр-Рияде");
    let without: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let d = import(&without, "a.txt");
    assert_eq!(d.encoding, "UTF-16BE (no BOM)");
    assert_eq!(d.document.text.as_str(), text.replace("\r\n", "\n"));
}

#[test]
fn truncated_utf8_at_the_end() {
    let mut bytes = "Headline\n\nIt ended in Стамбул".as_bytes().to_vec();
    bytes.pop();
    let at = bytes.len() - 1;
    assert!(matches!(
        import_bytes(&bytes, "t.txt", &opts()),
        Err(ImportError::InvalidUtf8 { byte_offset, .. }) if byte_offset == at
    ));
    let d = import_bytes(&bytes, "t.txt", &lossy()).expect("lossy");
    assert!(d.document.text.as_str().ends_with("Стамбу\u{FFFD}"));
}

#[test]
fn emoji_combining_and_right_to_left_text_survive() {
    let text = "مفاوضات وقف إطلاق النار 🕊️\n\nZelenskyy e\u{301}crit 👩‍👩‍👧 — שלום, Київ.\n";
    let d = import(text.as_bytes(), "rtl.txt");
    assert_eq!(d.document.text.as_str(), text);
    assert_eq!(d.document.text.len_chars(), text.chars().count());
    assert_eq!(d.document.title, "مفاوضات وقف إطلاق النار 🕊️");
}

#[test]
fn a_five_megabyte_single_line() {
    let line = "Witkoff met Putin in Moscow and talks went on. ".repeat(110_000);
    assert!(line.len() > 5_000_000);
    let d = import(line.as_bytes(), "long.txt");
    assert_eq!(d.document.text.len_bytes(), line.len());
    assert!(d.document.title.chars().count() <= MAX_TITLE_CHARS + 1);
    assert!(d.document.title.ends_with('…'));
}

#[test]
fn pasted_text() {
    let d = import_pasted(
        "\u{FEFF}Kremlin: talks useful/TASS\r\nBody\r\n",
        "  My title ",
    )
    .expect("imports");
    assert_eq!(d.document.title, "My title");
    assert_eq!(d.document.source, "TASS");
    assert_eq!(
        d.document.text.as_str(),
        "Kremlin: talks useful/TASS\nBody\n"
    );
    assert_eq!(d.document.origin, "");
    assert_eq!(d.encoding, "UTF-8");
    let d = import_pasted("Kremlin: talks useful\nBody", "").expect("imports");
    assert_eq!(d.document.title, "Kremlin: talks useful");
    let d = import_pasted("date 2025-08-06\n", "").expect("imports");
    assert_eq!(d.document.title, "Pasted text");
    assert!(matches!(
        import_pasted(" \n ", "t"),
        Err(ImportError::Empty { .. })
    ));
    let err = import_pasted("a\0b", "t").expect_err("NUL");
    assert!(err.to_string().ends_with("pasted text"), "{err}");
}

#[test]
fn invalid_dates_warn_and_markdown_front_matter_fills_fields() {
    let d = import(b"date 2025-13-01 Talks\n", "a.txt");
    assert_eq!(d.document.published, None);
    assert_eq!(d.document.title, "Talks");
    assert_eq!(d.warnings.len(), 1);
    let md = b"---\ntitle: Witkoff in Moscow\ndate: 2025-08-06\nsource: Al Jazeera\n---\n\nBody\n";
    let d = import(md, "a.md");
    assert_eq!(d.document.title, "Witkoff in Moscow");
    assert_eq!(d.document.source, "Al Jazeera");
    assert_eq!(d.document.published, date("2025-08-06"));
    assert_eq!(
        d.document.text.as_str(),
        "Body\n",
        "front matter is metadata, not text"
    );
}

#[test]
fn normalize_newlines_cases() {
    for (input, output) in [
        ("", ""),
        ("a", "a"),
        ("\r", "\n"),
        ("\r\n", "\n"),
        ("\n\r", "\n\n"),
        ("a\r\r\nb\rc\r", "a\n\nb\nc\n"),
    ] {
        assert_eq!(normalize_newlines(input.to_owned()), output, "{input:?}");
    }
}

#[cfg(unix)]
#[test]
fn symlinked_folders_are_not_followed_but_linked_files_are() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("corpus");
    write(&root, "a.txt", b"A\n");
    let outside = write(dir.path(), "outside.txt", b"Outside\n");
    std::os::unix::fs::symlink(&root, root.join("loop")).expect("symlink");
    std::os::unix::fs::symlink(&outside, root.join("linked.txt")).expect("symlink");
    let batch = import_paths(&Project::new("t"), &[root], &opts()).expect("imports");
    let titles: Vec<&str> = batch
        .imported
        .iter()
        .map(|i| i.document.title.as_str())
        .collect();
    assert_eq!(titles, ["A", "Outside"]);
}
