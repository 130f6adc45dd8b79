//! Tests of reading reference lists (RIS, BibTeX, CSL-JSON) written by other programs, and of
//! matching them to a project's articles.

use super::references::{RefFormat, Reference, plan, read};
use super::{ImportError, ImportOptions, import_paths};
use crate::model::{DocMeta, Document, PartialDate, Project};

/// RIS as Zotero writes it (CRLF, a BOM, several authors, a continuation line).
const ZOTERO_RIS: &str = "\u{feff}TY  - NEWS\r\nTI  - Putin and Witkoff meet\r\n  in Moscow\r\nAU  - Osborn, Andrew\r\nAU  - Faulconbridge, Guy\r\nT2  - Reuters\r\nDA  - 2025/08/06/\r\nPY  - 2025\r\nUR  - https://www.reuters.com/world/putin-witkoff/\r\nAB  - The Kremlin said the talks were useful.\r\nER  - \r\n\r\nTY  - NEWS\r\nTI  - Без ссылки\r\nER  - \r\n";

const BIBTEX: &str = r#"
% a comment line
@string{rt = "Reuters"}
@comment{anything {here}}
@article{osborn2025,
  title = {{Putin and Witkoff meet in Moscow}},
  author = {Osborn, Andrew and Guy Faulconbridge},
  journal = rt,
  year = 2025, month = aug,
  url = {https://www.reuters.com/world/putin-witkoff/},
}
@online{muller,
  title = "M{\"u}ller says \& more: 50\% {\'e}t{\'e}",
  date = {2024-03},
  journaltitle = {Die Zeit},
}
"#;

const CSL: &str = r#"[
  {"id": "ITEM-1", "type": "article-newspaper", "title": "Переговоры",
   "container-title": "Интерфакс", "author": [{"family": "Иванов", "given": "Пётр"}, {"literal": "Staff"}],
   "issued": {"date-parts": [[2025, 8]], "circa": true}, "URL": "http://example.org/a#frag"}
]"#;

#[test]
fn ris_from_zotero_reads() {
    let refs = read(ZOTERO_RIS, RefFormat::Ris).expect("reads");
    assert_eq!(refs.len(), 2);
    let r = &refs[0];
    assert_eq!(r.title, "Putin and Witkoff meet in Moscow");
    assert_eq!(r.authors, ["Andrew Osborn", "Guy Faulconbridge"]);
    assert_eq!(r.outlet, "Reuters");
    assert_eq!(r.published, PartialDate::day(2025, 8, 6));
    assert_eq!(r.url, "https://www.reuters.com/world/putin-witkoff/");
    assert_eq!(r.text, "The Kremlin said the talks were useful.");
    assert_eq!(refs[1].title, "Без ссылки");
}

#[test]
fn bibtex_with_macros_accents_and_comments_reads() {
    let refs = read(BIBTEX, RefFormat::Bibtex).expect("reads");
    assert_eq!(refs.len(), 2);
    assert_eq!(refs[0].key, "osborn2025");
    assert_eq!(refs[0].title, "Putin and Witkoff meet in Moscow");
    assert_eq!(refs[0].authors, ["Andrew Osborn", "Guy Faulconbridge"]);
    assert_eq!(refs[0].outlet, "Reuters");
    assert_eq!(refs[0].published, PartialDate::month(2025, 8));
    assert_eq!(refs[1].title, "Müller says & more: 50% été");
    assert_eq!(refs[1].outlet, "Die Zeit");
    assert_eq!(refs[1].published, PartialDate::month(2024, 3));
}

#[test]
fn csl_json_reads() {
    let refs = read(CSL, RefFormat::CslJson).expect("reads");
    assert_eq!(refs.len(), 1);
    assert_eq!(refs[0].authors, ["Пётр Иванов", "Staff"]);
    assert_eq!(
        refs[0].published,
        PartialDate::month(2025, 8).map(|d| d.with_approximate(true))
    );
    assert_eq!(refs[0].dossier_id, None, "ITEM-1 is not a Dossier id");
}

#[test]
fn broken_lists_are_refused_with_the_line() {
    let err = read("TY  - NEWS\nTI  - a\n", RefFormat::Ris).expect_err("no ER");
    assert!(err.to_string().contains("does not end"), "{err}");
    let err = read("hello\n", RefFormat::Ris).expect_err("not RIS");
    assert_eq!(err.line, 1);
    let err = read("TY  - NEWS\nER  - \nTI  - stray\n", RefFormat::Ris).expect_err("outside");
    assert_eq!(err.line, 3);
    let err = read("@article{k,\n title = {open\n}\n", RefFormat::Bibtex).expect_err("unclosed");
    assert!(err.to_string().contains("BibTeX"), "{err}");
    let err = read("@article{k,\n  title = nosuchmacro,\n}", RefFormat::Bibtex).expect_err("macro");
    assert_eq!(err.line, 2, "{err}");
    assert!(read("no entries at all", RefFormat::Bibtex).is_err());
    let err = read("[1, 2]", RefFormat::CslJson).expect_err("not objects");
    assert!(err.reason.contains("item 1"), "{err}");
    assert!(read("{\"id\": ", RefFormat::CslJson).is_err());
}

fn article(title: &str, url: &str) -> Document {
    let mut d = Document::new(title, format!("{title}\n\nBody text."));
    d.url = url.to_owned();
    d
}

#[test]
fn records_fill_in_what_articles_lack_and_never_overwrite() {
    let mut a = article("Putin and Witkoff meet in Moscow", "");
    a.source = "Reuters (Moscow)".to_owned();
    let b = article("Another story", "http://reuters.com/world/putin-witkoff");
    let project = Project::from_parts(crate::model::Parts {
        title: "p".to_owned(),
        documents: vec![a.clone(), b.clone()],
        ..crate::model::Parts::default()
    })
    .expect("valid");
    let record = |title: &str, url: &str| Reference {
        title: title.to_owned(),
        url: url.to_owned(),
        outlet: "Reuters".to_owned(),
        authors: vec!["Andrew Osborn".to_owned()],
        published: PartialDate::day(2025, 8, 6),
        ..Reference::default()
    };
    let refs = vec![
        // Matches b by address (scheme, www. and the trailing slash differ).
        (
            "l.ris".to_owned(),
            record(
                "Other title",
                "https://www.reuters.com/world/putin-witkoff/",
            ),
        ),
        // Matches a by title (case and punctuation differ).
        (
            "l.ris".to_owned(),
            record("PUTIN and Witkoff meet in Moscow!", ""),
        ),
        // New, with a link.
        (
            "l.ris".to_owned(),
            record("New story", "https://example.org/new"),
        ),
        // Neither text nor link: skipped.
        ("l.ris".to_owned(), record("Lonely", "")),
    ];
    let p = plan(&project, &refs);
    assert_eq!(p.updates.len(), 2);
    let meta_of = |id| -> &DocMeta {
        &p.updates
            .iter()
            .find(|(d, _, _)| *d == id)
            .expect("updated")
            .1
    };
    let ma = meta_of(a.id);
    assert_eq!(ma.source, "Reuters (Moscow)", "kept, not overwritten");
    assert_eq!(ma.author, "Andrew Osborn");
    assert_eq!(ma.published, PartialDate::day(2025, 8, 6));
    assert_eq!(ma.title, a.title);
    let mb = meta_of(b.id);
    assert_eq!(mb.url, b.url, "the address it was matched by is kept");
    assert_eq!(mb.source, "Reuters");
    assert_eq!(p.added.len(), 1);
    let (new, format) = &p.added[0];
    assert_eq!(*format, "RIS");
    assert_eq!(new.title, "New story");
    assert_eq!(new.text.as_str(), "New story\n\nhttps://example.org/new");
    assert_eq!(new.origin, "l.ris#3");
    assert!(
        p.notes.iter().any(|n| n.contains("kept the outlet")),
        "{:?}",
        p.notes
    );
    assert!(
        p.notes.iter().any(|n| n.contains("skipped \"Lonely\"")),
        "{:?}",
        p.notes
    );
}

#[test]
fn importing_a_reference_list_through_import_paths_is_one_undoable_edit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ris = dir.path().join("refs.ris");
    std::fs::write(&ris, ZOTERO_RIS).expect("write");
    let mut project = Project::new("p");
    let existing = article("Putin and Witkoff meet in Moscow", "");
    crate::edit::apply(
        &mut project,
        crate::edit::Edit::AddDocument(Box::new(existing.clone())),
    )
    .expect("add");
    let batch = import_paths(
        &project,
        std::slice::from_ref(&ris),
        &ImportOptions::default(),
    )
    .expect("imports");
    assert_eq!(
        batch.updates.len(),
        1,
        "the first record fills in the article"
    );
    assert!(
        batch.imported.is_empty(),
        "the second has neither text nor link"
    );
    assert!(!batch.is_empty());
    assert_eq!(batch.warnings.len(), 1, "{:?}", batch.warnings);
    crate::edit::apply(&mut project, batch.edit).expect("applies");
    let doc = project.document(existing.id).expect("doc");
    assert_eq!(doc.source, "Reuters");
    assert_eq!(doc.author, "Andrew Osborn and Guy Faulconbridge");
    assert_eq!(doc.url, "https://www.reuters.com/world/putin-witkoff/");
    // A broken list is refused as a whole and names the file.
    let bad = dir.path().join("bad.bib");
    std::fs::write(&bad, "@article{k,\n title = {open\n").expect("write");
    let failures =
        import_paths(&project, &[ris, bad], &ImportOptions::default()).expect_err("refused");
    assert_eq!(failures.len(), 1);
    assert!(matches!(failures[0].error, ImportError::References { .. }));
    assert!(
        failures[0].to_string().contains("bad.bib"),
        "{}",
        failures[0]
    );
}
