//! Tests of the qdpx import: Dossier's own export read back, vendor quirks (folders, path forms,
//! BOMs, CRLF), merging with what a project has, and hostile archives.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::*;
use crate::edit::apply;
use crate::example::example_project;
use crate::export::{ExcerptQuery, qdpx::to_qdpx};

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, options).expect("start");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

fn save(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

fn import_into(project: &Project, path: &Path) -> Result<ImportBatch, Vec<ImportFailure>> {
    import_paths(project, &[path.to_path_buf()], &ImportOptions::default())
}

fn refused(bytes: &[u8]) -> ImportError {
    let dir = tempfile::tempdir().expect("dir");
    let path = save(dir.path(), "bad.qdpx", bytes);
    let mut failures = import_into(&Project::new("t"), &path).expect_err("refused");
    assert_eq!(failures.len(), 1);
    let error = failures.remove(0).error;
    assert!(
        error.to_string().contains(path.to_string_lossy().as_ref()),
        "{error}"
    );
    error
}

#[test]
fn our_export_reads_back_with_the_same_articles_tags_passages_actors_and_events() {
    let original = example_project().expect("example");
    let bytes = to_qdpx(&original, &ExcerptQuery::all()).expect("export");
    let dir = tempfile::tempdir().expect("dir");
    let path = save(dir.path(), "example.qdpx", &bytes);
    let batch = import_into(&Project::new("copy"), &path).expect("imports");
    assert!(batch.duplicates.is_empty());
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
    let mut copy = Project::new("copy");
    apply(&mut copy, batch.edit).expect("applies");

    let docs = |p: &Project| {
        let mut v: Vec<_> = p
            .documents()
            .values()
            .map(|d| {
                (
                    d.title.clone(),
                    d.text.as_str().to_owned(),
                    d.source.clone(),
                    d.author.clone(),
                    d.url.clone(),
                    d.published,
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(docs(&copy), docs(&original));
    // Claims come back as codes under "Claims (Dossier)" (a claim per code, a stance per
    // sub-code), not as claims: set them apart and check them against the original's stances.
    const CLAIMS: &str = "Claims (Dossier)";
    let is_claim_code = |path: &str| path == CLAIMS || path.starts_with("Claims (Dossier)/");
    let mut stance_codings: Vec<(String, String)> = copy
        .passages()
        .values()
        .flat_map(|x| x.tags.iter().map(move |t| (x, t)))
        .map(|(x, t)| {
            (
                x.quote.clone(),
                copy.tag_path(*t, Project::TAG_PATH_SEPARATOR),
            )
        })
        .filter(|(_, path)| is_claim_code(path))
        .collect();
    stance_codings.sort();
    let mut stances: Vec<(String, String)> = original
        .evidence()
        .claims()
        .values()
        .flat_map(|c| c.stances.iter().map(move |(p, s)| (c, p, s)))
        .map(|(c, p, s)| {
            let quote = original.passage(*p).expect("passage").quote.clone();
            (quote, format!("{CLAIMS}/{}/{s}", c.statement))
        })
        .collect();
    stances.sort();
    assert!(!stances.is_empty());
    assert_eq!(stance_codings, stances);
    let tags = |p: &Project| {
        let mut v: Vec<_> = p
            .tags()
            .values()
            .map(|t| {
                (
                    p.tag_path(t.id, Project::TAG_PATH_SEPARATOR),
                    t.color.to_string(),
                    t.description.clone(),
                )
            })
            .filter(|(path, _, _)| !is_claim_code(path))
            .collect();
        v.sort();
        v
    };
    assert_eq!(tags(&copy), tags(&original));
    let passages = |p: &Project| {
        let mut v: Vec<_> = p
            .passages()
            .values()
            .map(|x| {
                let mut tags: Vec<String> = x
                    .tags
                    .iter()
                    .map(|t| p.tag_path(*t, Project::TAG_PATH_SEPARATOR))
                    .filter(|path| !is_claim_code(path))
                    .collect();
                tags.sort();
                let mut actors: Vec<String> = x
                    .actors
                    .iter()
                    .map(|(a, r)| format!("{} {r:?}", p.actor(*a).expect("actor").name))
                    .collect();
                actors.sort();
                let mut events: Vec<String> = x
                    .events
                    .iter()
                    .map(|(e, r)| format!("{} {r:?}", p.event(*e).expect("event").title))
                    .collect();
                events.sort();
                let doc = &p.document(x.doc).expect("doc").title;
                (
                    doc.clone(),
                    x.start,
                    x.end,
                    x.quote.clone(),
                    tags,
                    x.note.clone(),
                    actors,
                    events,
                )
            })
            .collect();
        v.sort();
        v
    };
    assert!(!original.passages().is_empty());
    assert_eq!(passages(&copy), passages(&original));
    let actors = |p: &Project| {
        let mut v: Vec<_> = p
            .actors()
            .values()
            .filter(|a| {
                p.passages()
                    .values()
                    .any(|x| x.actors.iter().any(|(id, _)| *id == a.id))
            })
            .map(|a| {
                (
                    a.name.clone(),
                    a.kind,
                    a.aliases.clone(),
                    a.description.clone(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(actors(&copy), actors(&original));
    let mut titles: Vec<_> = copy
        .events()
        .values()
        .map(|e| (e.title.clone(), e.kind, e.date))
        .collect();
    let mut expected: Vec<_> = original
        .events()
        .values()
        .map(|e| (e.title.clone(), e.kind, e.date))
        .collect();
    titles.sort();
    expected.sort();
    assert_eq!(titles, expected);

    // Importing it again into the copy adds nothing.
    let again = import_into(&copy, &path).expect("imports");
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(again.duplicates.len(), original.documents().len());
}

/// A project as another tool might write it.
fn vendor_xml(sources: &str) -> String {
    format!(
        r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Vendor" origin="SomeTool 2.1">
  <Users><User guid="u1" name="ana"/></Users>
  <CodeBook><Codes>
    <Code guid="C-1" name="Diplomacy" isCodable="true" color="#3366CC">
      <Description>Talks and envoys</Description>
      <Code guid="C-2" name="Envoys" isCodable="true" color="#FF0000"/>
    </Code>
    <Code guid="C-3" name="Sanctions" isCodable="true"><Widget/></Code>
  </Codes></CodeBook>
  <Variables><Variable guid="v1" name="x" typeOfVariable="Text"/></Variables>
  <Cases><Case guid="k1" name="Respondent 1"/></Cases>
  <Sources>{sources}
    <PictureSource guid="pic" name="photo" path="internal://pic.png"/>
  </Sources>
  <Notes><Note guid="N-1" name="memo"><PlainTextContent>Check this.</PlainTextContent></Note></Notes>
  <Graphs/>
</Project>"##
    )
}

#[test]
fn vendor_projects_with_crlf_boms_folders_and_path_forms_import_with_positions_kept() {
    // "Witkoff\r\nmet Putin" — in the stored text "met" starts at 9; after CRLF → LF at 8.
    let crlf = "\u{FEFF}Witkoff\r\nmet Putin in Moscow.\r\nTalks went on.".as_bytes();
    let sources = r#"
    <TextSource guid="s1" name="Moscow meeting" plainTextPath="internal://AAA.txt">
      <PlainTextSelection guid="x1" startPosition="9" endPosition="18">
        <Description>envoy meets leader</Description>
        <Coding guid="cd1"><CodeRef targetGUID="c-2"/></Coding>
        <NoteRef targetGUID="N-1"/>
      </PlainTextSelection>
      <PlainTextSelection guid="x1b" startPosition="9" endPosition="18"/>
      <PlainTextSelection guid="x2" startPosition="31" endPosition="45">
        <Coding guid="cd2"><CodeRef targetGUID="C-3"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="x3" startPosition="40" endPosition="4000"/>
      <NoteRef targetGUID="N-1"/>
    </TextSource>
    <TextSource guid="s2" name="Bare" plainTextPath="bbb.txt"/>
    <TextSource guid="s3" name="Relative" plainTextPath="relative://texts\ccc.txt"/>
    <TextSource guid="s4" name="Inline"><PlainTextContent>Inline text &amp; more.</PlainTextContent>
      <PlainTextSelection guid="x4" startPosition="0" endPosition="6"/>
    </TextSource>"#;
    let xml = vendor_xml(sources);
    let bytes = zip_of(&[
        ("project.qde", xml.as_bytes()),
        ("Sources/AAA.txt", crlf),
        ("Sources/bbb.txt", b"Bare text."),
        ("texts/ccc.txt", b"Relative text."),
    ]);
    let dir = tempfile::tempdir().expect("dir");
    let path = save(dir.path(), "vendor.QDPX", &bytes);
    let batch = import_into(&Project::new("t"), &path).expect("imports");
    let titles: Vec<&str> = batch
        .imported
        .iter()
        .map(|i| i.document.title.as_str())
        .collect();
    assert_eq!(titles, ["Moscow meeting", "Bare", "Relative", "Inline"]);
    assert_eq!(
        batch.imported[0].document.text.as_str(),
        "Witkoff\nmet Putin in Moscow.\nTalks went on."
    );
    assert_eq!(
        batch.imported[3].document.text.as_str(),
        "Inline text & more."
    );
    assert!(
        batch.imported[0]
            .document
            .origin
            .ends_with("vendor.QDPX:Sources/AAA.txt")
    );

    let mut project = Project::new("t");
    apply(&mut project, batch.edit.clone()).expect("applies");
    let quotes: Vec<&str> = batch.passages.iter().map(|p| p.quote.as_str()).collect();
    // Two selections of one span are two passages.
    assert_eq!(
        quotes,
        ["met Putin", "met Putin", "Talks went on.", "Inline"]
    );
    let envoys = project.tag_by_name("Envoys").expect("nested code");
    let diplomacy = project.tag_by_name("Diplomacy").expect("code");
    assert_eq!(envoys.parent, Some(diplomacy.id));
    assert_eq!(envoys.color.to_string(), "#ff0000");
    assert_eq!(diplomacy.description, "Talks and envoys");
    assert_eq!(batch.passages[0].tags, vec![envoys.id]);
    assert_eq!(batch.passages[0].note, "envoy meets leader\n\nCheck this.");
    let sanctions = project
        .tag_by_name("Sanctions")
        .expect("code without colour");
    assert_eq!(batch.passages[2].tags, vec![sanctions.id]);
    assert!(project.actors().is_empty(), "foreign cases are not actors");

    let warnings = batch.warnings.join("\n");
    for expected in [
        "does not fit",
        "skipped 1 cases",
        "<PictureSource>",
        "<Variables>",
        "<Graphs>",
        "<Widget>",
        "NoteRef (a note on a whole source)",
    ] {
        assert!(
            warnings.contains(expected),
            "{expected} missing from {warnings}"
        );
    }
    assert!(batch.warnings.iter().all(|w| w.ends_with("vendor.QDPX")));
}

#[test]
fn codes_merge_with_existing_tags_by_path_and_coded_duplicates_join_the_article_there() {
    let mut project = Project::new("t");
    let dir = tempfile::tempdir().expect("dir");
    let text = save(
        dir.path(),
        "a.txt",
        b"Witkoff\nmet Putin in Moscow.\nTalks went on.",
    );
    let first = import_into(&project, &text).expect("text");
    apply(&mut project, first.edit).expect("applies");
    let diplomacy = Tag {
        id: crate::model::TagId::random(),
        name: "DIPLOMACY".to_owned(),
        color: crate::model::Rgb([1, 2, 3]),
        parent: None,
        description: String::new(),
    };
    apply(&mut project, Edit::AddTag(diplomacy.clone())).expect("tag");

    let sources = r#"<TextSource guid="s1" name="Same" plainTextPath="internal://a.txt">
      <PlainTextSelection guid="x1" startPosition="8" endPosition="17">
        <Coding guid="cd1"><CodeRef targetGUID="C-1"/></Coding>
      </PlainTextSelection></TextSource>"#;
    let xml = vendor_xml(sources);
    let bytes = zip_of(&[
        ("project.qde", xml.as_bytes()),
        (
            "sources/a.txt",
            b"Witkoff\nmet Putin in Moscow.\nTalks went on.",
        ),
    ]);
    let path = save(dir.path(), "p.qdpx", &bytes);
    let batch = import_into(&project, &path).expect("imports");
    assert!(batch.imported.is_empty());
    assert_eq!(batch.duplicates.len(), 1);
    assert_eq!(batch.passages.len(), 1);
    assert!(
        batch.tags.iter().all(|t| t.name != "Diplomacy"),
        "merged by name"
    );
    assert!(
        batch
            .tags
            .iter()
            .any(|t| t.name == "Envoys" && t.parent == Some(diplomacy.id))
    );
    assert_eq!(batch.passages[0].tags, vec![diplomacy.id]);
    assert!(!batch.is_empty());
    apply(&mut project, batch.edit).expect("applies");
    let doc = project.documents().values().next().expect("doc").id;
    assert_eq!(project.passages_in(doc).count(), 1);
}

#[test]
fn truncated_corrupt_and_non_project_archives_are_refused_clearly() {
    let good = zip_of(&[("project.qde", vendor_xml("").as_bytes())]);
    let truncated = &good[..good.len() / 2];
    assert!(matches!(refused(truncated), ImportError::Archive { .. }));
    assert!(matches!(refused(b"just text"), ImportError::Archive { .. }));
    let err = refused(&zip_of(&[("readme.txt", b"hello")]));
    assert!(err.to_string().contains("no project.qde"), "{err}");
    let err = refused(&zip_of(&[("project.qde", b"<html/>")]));
    assert!(err.to_string().contains("not a QDA-XML"), "{err}");
}

#[test]
fn zip_bombs_are_refused_before_they_inflate() {
    let zeros = vec![0u8; 40 * 1024 * 1024];
    let err = refused(&zip_of(&[("project.qde", &zeros)]));
    let ImportError::ArchiveLimit { what, .. } = &err else {
        panic!("expected a limit, got {err:?}")
    };
    assert!(what.contains("zip bomb"), "{what}");
}

#[test]
fn zip_slip_and_absolute_names_are_refused() {
    for name in [
        "../evil.txt",
        "sources/../../evil.txt",
        "/etc/passwd",
        "C:\\x.txt",
        "a\\..\\..\\b",
    ] {
        let bytes = zip_of(&[("project.qde", vendor_xml("").as_bytes()), (name, b"x")]);
        let err = refused(&bytes);
        assert!(
            matches!(err, ImportError::UnsafeEntry { .. }),
            "{name}: {err:?}"
        );
    }
    for path in [
        "/etc/passwd",
        "file:///etc/passwd",
        "internal://../x.txt",
        "C:\\texts\\x.txt",
        "https://example.com/x.txt",
    ] {
        let source = format!(r#"<TextSource guid="s" name="n" plainTextPath="{path}"/>"#);
        let bytes = zip_of(&[
            ("project.qde", vendor_xml(&source).as_bytes()),
            ("sources/x.txt", b"x"),
        ]);
        let err = refused(&bytes);
        assert!(
            err.to_string().contains("outside the archive"),
            "{path}: {err}"
        );
    }
}

#[test]
fn malformed_xml_entities_huge_attributes_and_bad_encodings_are_refused() {
    let err = refused(&zip_of(&[(
        "project.qde",
        b"<Project>\n<Sources></Project>",
    )]));
    let ImportError::Xml { line, entry, .. } = &err else {
        panic!("expected XML error, got {err:?}")
    };
    assert_eq!((*line, entry.as_str()), (2, "project.qde"));

    let xxe = r#"<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Project name="x"><Sources><TextSource guid="s" name="n"><PlainTextContent>&xxe;</PlainTextContent></TextSource></Sources></Project>"#;
    let err = refused(&zip_of(&[("project.qde", xxe.as_bytes())]));
    assert!(err.to_string().contains("never resolved"), "{err}");

    let huge = format!(r#"<Project name="{}"/>"#, "x".repeat(2 << 20));
    let err = refused(&zip_of(&[("project.qde", huge.as_bytes())]));
    assert!(err.to_string().contains("limit"), "{err}");

    let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Project name=\"caf\xe9\"/>";
    let err = refused(&zip_of(&[("project.qde", latin1)]));
    assert!(err.to_string().contains("not UTF-8"), "{err}");

    // A source text in no recognised encoding is refused (lossy import lets it through).
    let source = r#"<TextSource guid="s" name="n" plainTextPath="internal://x.txt"/>"#;
    let bytes = zip_of(&[
        ("project.qde", vendor_xml(source).as_bytes()),
        ("sources/x.txt", b"ok \xff\xfe\xfd\x80 bad \x00 binary"),
    ]);
    let err = refused(&bytes);
    assert!(matches!(err, ImportError::Binary { .. }), "{err:?}");
    let missing = zip_of(&[("project.qde", vendor_xml(source).as_bytes())]);
    assert!(refused(&missing).to_string().contains("not in the archive"));
}

#[test]
fn a_qdpx_given_as_one_article_is_refused() {
    let err = import_bytes(b"PK", "p.qdpx", &ImportOptions::default()).expect_err("refused");
    assert!(matches!(err, ImportError::NotAnArticle { .. }));
}

#[test]
fn positions_move_past_dropped_carriage_returns() {
    let map = qdpx::crlf_positions("a\r\nb\r\n\rc");
    // stored: a=0 \r=1 \n=2 b=3 \r=4 \n=5 \r=6 c=7 → normalised: a \n b \n \n c
    assert_eq!(
        [0, 1, 2, 3, 4, 5, 6, 7, 8].map(|p| map.map(p)),
        [0, 1, 1, 2, 3, 3, 4, 5, 6]
    );
}
