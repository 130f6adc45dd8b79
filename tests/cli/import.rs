//! `dossier import` and `import --replace`: articles in, encodings, reprints, replaced texts.

use super::*;

// ----- import -----

#[test]
fn import_of_a_qdpx_export_brings_back_articles_tags_and_passages() {
    let (dir, path) = saved_sample();
    let qdpx = dir.path().join("notes.qdpx");
    let run = dossier(["export", s(&path), "--format", "qdpx", "--out", s(&qdpx)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let copy = dir.path().join("copy.ron");
    let run = import_into(&[&qdpx], &copy);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("created the project with 2 documents, 3 tags, 3 passages"),
        "{}",
        run.stdout
    );
    let original = store::load(&path).expect("original");
    let loaded = store::load(&copy).expect("the copy loads");
    let quotes = |p: &Project| {
        let mut q: Vec<String> = p.passages().values().map(|x| x.quote.clone()).collect();
        q.sort();
        q
    };
    assert_eq!(quotes(&loaded), quotes(&original));

    // Again: nothing new, the project is unchanged.
    let before = fs::read(&copy).expect("copy");
    let run = import_into(&[&qdpx], &copy);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("nothing new to import"),
        "{}",
        run.stdout
    );
    assert_eq!(fs::read(&copy).expect("copy"), before);

    // A project cannot replace one article's text.
    let run = replace_into(&qdpx, "Witkoff in Moscow", &copy);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(run.stderr.contains("not a QDA project"), "{}", run.stderr);
    assert_eq!(fs::read(&copy).expect("copy"), before);

    // A truncated archive is refused and nothing is written.
    let bytes = fs::read(&qdpx).expect("qdpx");
    let bad = dir.path().join("bad.qdpx");
    fs::write(&bad, &bytes[..bytes.len() / 2]).expect("write");
    let run = import_into(&[&bad], &copy);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("not a valid archive"), "{}", run.stderr);
    assert_eq!(fs::read(&copy).expect("copy"), before);
}

#[test]
fn import_of_word_and_opendocument_files_made_by_libreoffice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("docs.ron");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/import/testdata");
    let run = dossier([
        OsStr::new("import"),
        data.join("article.docx").as_os_str(),
        data.join("article.odt").as_os_str(),
        OsStr::new("--into"),
        p(&path),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("imported \"Witkoff meets Putin in Moscow\" (Word document, "),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("skipped: the same text as") && run.stderr.contains("article.odt"),
        "the odt has the docx's text: {}",
        run.stderr
    );
    assert!(
        run.stdout.contains("created the project with 1 document"),
        "{}",
        run.stdout
    );
}

#[test]
fn import_of_the_seeds_creates_a_project_titled_after_its_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path().join("ceasefire notes.ron");
    let run = dossier([
        OsStr::new("import"),
        seeds().as_os_str(),
        OsStr::new("--into"),
        p(&project),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let imported: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("imported "))
        .collect();
    assert_eq!(imported.len(), 5, "{}", run.stdout);
    assert!(
        imported.iter().all(|l| l.contains("(UTF-8, ")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "imported \"Putin and Witkoff exchange pleasantries ahead of ceasefire talks\" (UTF-8"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("created the project with 5 documents"),
        "{}",
        run.stdout
    );

    let loaded = store::load(&project).expect("the new project loads");
    assert_eq!(loaded.title, "ceasefire notes");
    assert_eq!(loaded.documents().len(), 5);
    for doc in loaded.documents().values() {
        let file = Path::new(&doc.origin);
        let original = fs::read_to_string(file).expect("the origin names the seed file");
        assert_eq!(
            doc.text.as_str(),
            original.replace("\r\n", "\n"),
            "{}",
            doc.origin
        );
    }
    let run = dossier(["check", s(&project)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier(["fmt", s(&project), "--check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn import_reports_and_skips_duplicates() {
    let (dir, path) = saved_sample();
    let copy = dir.path().join("copy.txt");
    fs::write(&copy, SECOND).expect("write");
    let fresh = dir.path().join("fresh.md");
    fs::write(
        &fresh,
        "# Istanbul talks\n\nDelegations met in Istanbul on 2 June.\n",
    )
    .expect("write");
    let twin = dir.path().join("twin.md");
    fs::write(
        &twin,
        "# Istanbul talks\r\n\r\nDelegations met in Istanbul on 2 June.\r\n",
    )
    .expect("write");
    let run = import_into(&[&copy, &fresh, &twin], &path);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let skipped: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(skipped.len(), 2, "{}", run.stderr);
    assert!(
        skipped[0].contains("\"Jeddah talks\"") && skipped[0].ends_with("copy.txt"),
        "same text as a document of the project: {}",
        run.stderr
    );
    assert!(
        skipped[1].contains("fresh.md") && skipped[1].ends_with("twin.md"),
        "same text (after line-end normalisation) as an earlier file: {}",
        run.stderr
    );
    assert!(
        run.stdout.contains("imported \"Istanbul talks\" (UTF-8"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("added 1 document; the project now has 3"),
        "{}",
        run.stdout
    );
    assert_eq!(store::load(&path).expect("loads").documents().len(), 3);

    // Everything already there: nothing is written, not even a backup refresh.
    let before = fs::read(&path).expect("read");
    let backup = fs::read(store::backup_path(&path)).expect("backup from the first import");
    let run = import_into(&[&fresh], &path);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("unchanged"), "{}", run.stdout);
    assert_eq!(fs::read(&path).expect("read"), before);
    assert_eq!(fs::read(store::backup_path(&path)).expect("backup"), backup);
}

#[test]
fn import_of_a_binary_file_with_a_good_one_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = dir.path().join("good.txt");
    fs::write(&good, "Talks resume\n\nThe delegations met again.\n").expect("write");
    let binary = dir.path().join("photo.txt");
    fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let empty = dir.path().join("empty.md");
    fs::write(&empty, " \n\n").expect("write");

    // Into a new project: it is not created.
    let new = dir.path().join("new.ron");
    let before = listing(dir.path());
    let run = import_into(&[&good, &binary, &empty], &new);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!new.exists());
    assert_eq!(listing(dir.path()), before, "no file was created");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        3,
        "each refused file, then the summary: {}",
        run.stderr
    );
    assert!(
        lines[0].contains("NUL") && lines[0].ends_with("photo.txt"),
        "{}",
        run.stderr
    );
    assert!(
        lines[1].contains("empty") && lines[1].ends_with("empty.md"),
        "{}",
        run.stderr
    );
    assert!(
        lines[2].contains("nothing was imported: 2"),
        "{}",
        run.stderr
    );

    // Into an existing project: it is unchanged, byte for byte, and no backup appears.
    let (pdir, path) = saved_sample();
    let before = fs::read(&path).expect("read");
    let run = import_into(&[&good, &binary], &path);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(fs::read(&path).expect("read"), before);
    assert_eq!(listing(pdir.path()), ["project.ron"]);
}

#[test]
fn import_into_a_project_that_does_not_load_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = dir.path().join("good.txt");
    fs::write(&good, "Talks resume\n\nThe delegations met again.\n").expect("write");
    for text in [
        "(format: \"dossier\", version: 1, title: \"x\" tags: [])".to_owned(),
        "(format: \"dossier\", version: 99)".to_owned(),
        canonical_sample().replace(&tag_line(T_THREAT), &tag_line(TagId::from_raw(0x97))),
    ] {
        let (pdir, path) = written(&text);
        let run = import_into(&[&good], &path);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.starts_with("dossier: "), "{}", run.stderr);
        assert!(run.stdout.is_empty());
        assert_eq!(fs::read_to_string(&path).expect("read"), text);
        assert_eq!(listing(pdir.path()), ["project.ron"]);
    }
}

#[test]
fn import_names_a_legacy_encoding_and_lossy_lets_bad_bytes_through() {
    let dir = tempfile::tempdir().expect("temp dir");
    let russian = "Путин встретился с Уиткоффом в Москве\r\n\r\nПрезидент России Владимир Путин \
                   провёл встречу со специальным посланником США. Стороны обсудили прекращение огня.\r\n";
    let (cp1251, _, unmappable) = encoding_rs::WINDOWS_1251.encode(russian);
    assert!(!unmappable);
    let legacy = dir.path().join("ru.txt");
    fs::write(&legacy, &cp1251).expect("write");
    let project = dir.path().join("p.ron");
    let run = import_into(&[&legacy], &project);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("imported \"Путин встретился с Уиткоффом в Москве\" (windows-1251"),
        "{}",
        run.stdout
    );

    let mut bytes = "Zelenskyy: “no ceasefire without guarantees” — Kyiv\n"
        .as_bytes()
        .to_vec();
    bytes.splice(20..20, [0xC3, 0x28]);
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, &bytes).expect("write");
    let before = fs::read(&project).expect("read");
    let run = import_into(&[&bad], &project);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("20"),
        "names the byte offset: {}",
        run.stderr
    );
    assert_eq!(fs::read(&project).expect("read"), before);
    let run = dossier(["import", s(&bad), "--into", s(&project), "--lossy"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("(UTF-8 (lossy)"), "{}", run.stdout);
    assert!(
        run.stderr.contains("warning: decoded lossily"),
        "{}",
        run.stderr
    );
    assert_eq!(store::load(&project).expect("loads").documents().len(), 2);
}

// ----- import --replace -----

/// ARTICLE corrected: a headline added, the Zelenskyy sentence gone, a typo inside Ushakov's
/// quote.
const ARTICLE_CORRECTED: &str = "UPDATED\n\nПутин met Witkoff 🤝 in Moscow — «a usefull meeting», \
Ushakov said.\nTrump set a deadline of 8 August.";

#[test]
fn replace_reanchors_the_passages_and_lists_the_orphans() {
    let (dir, path) = saved_sample();
    let new = dir.path().join("corrected.txt");
    fs::write(&new, ARTICLE_CORRECTED).expect("write");
    let run = replace_into(&new, "witkoff in moscow", &path);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "0 placed exactly, 1 approximately (their quote now follows the new text), 1 orphaned"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\"«a useful meeting»\" is now \"«a usefull meeting»\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!(
            "{} \"Zelenskyy warned of new strikes\": its text is no longer there",
            PassageId::from_raw(0x52)
        )),
        "{}",
        run.stdout
    );
    let project = store::load(&path).expect("the saved project loads");
    let doc = project.document(D_ONE).expect("doc");
    assert_eq!(doc.text.as_str(), ARTICLE_CORRECTED);
    assert!(doc.origin.ends_with("corrected.txt"));
    let quote = project.passage(PassageId::from_raw(0x51)).expect("placed");
    assert_eq!(quote.quote, "«a usefull meeting»");
    assert_eq!(quote.note, "Kremlin framing", "note kept");
    let orphan = project
        .orphan(PassageId::from_raw(0x52))
        .expect("kept as an orphan");
    assert_eq!(orphan.tags, vec![T_THREAT]);
    assert!(
        store::backup_path(&path).exists(),
        "the old file is the backup"
    );
    let check = dossier(["check", s(&path)]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stdout
            .contains("(1 orphaned passage not placed in its text)"),
        "{}",
        check.stdout
    );

    // Replacing it back finds the orphan again.
    let old = dir.path().join("original.txt");
    fs::write(&old, ARTICLE).expect("write");
    let run = dossier([
        OsStr::new("import"),
        p(&old),
        OsStr::new("--replace"),
        OsStr::new(&D_ONE.to_string()),
        OsStr::new("--into"),
        p(&path),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The orphan is back exactly; the quote that followed the typo follows its fix.
    assert!(
        run.stdout.contains("1 placed exactly, 1 approximately"),
        "{}",
        run.stdout
    );
    let project = store::load(&path).expect("loads");
    assert!(project.orphans().is_empty());
    assert_eq!(
        project
            .passage(PassageId::from_raw(0x51))
            .map(|p| p.quote.as_str()),
        Some("«a useful meeting»")
    );
}

#[test]
fn replace_refuses_bad_input_and_writes_nothing() {
    let (dir, path) = saved_sample();
    let before = fs::read(&path).expect("read");
    let good = dir.path().join("corrected.txt");
    fs::write(&good, ARTICLE_CORRECTED).expect("write");
    let binary = dir.path().join("binary.txt");
    fs::write(&binary, b"text\0more").expect("write");
    let same = dir.path().join("same.txt");
    fs::write(&same, ARTICLE).expect("write");
    let folder = dir.path().join("folder");
    fs::create_dir(&folder).expect("mkdir");
    let missing_project = dir.path().join("missing.ron");
    let cases: Vec<(Vec<&OsStr>, i32, &str)> = vec![
        (
            vec![p(&good)],
            2,
            "no document is called \"Nothing like it\"",
        ),
        (
            vec![p(&good), p(&good)],
            2,
            "exactly one article file, not 2 files",
        ),
        (vec![p(&folder)], 2, "not a folder"),
        (vec![p(&binary)], 1, "NUL byte"),
    ];
    for (files, code, message) in cases {
        let doc = if message.contains("Nothing") {
            "Nothing like it"
        } else {
            "Witkoff in Moscow"
        };
        let mut args = vec![
            OsStr::new("import"),
            OsStr::new("--replace"),
            OsStr::new(doc),
        ];
        args.extend(files);
        args.extend([OsStr::new("--into"), p(&path)]);
        let run = dossier(&args);
        assert_eq!(run.code, code, "{message}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{message}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert_eq!(
            fs::read(&path).expect("read"),
            before,
            "{message}: project untouched"
        );
    }
    let run = replace_into(&same, "Witkoff in Moscow", &path);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("the project is unchanged"),
        "{}",
        run.stdout
    );
    assert_eq!(fs::read(&path).expect("read"), before);
    let run = replace_into(&good, "Witkoff in Moscow", &missing_project);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        !missing_project.exists(),
        "no project is created by --replace"
    );
}

#[test]
fn import_names_the_articles_without_a_publication_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dated = dir.path().join("dated.txt");
    let undated = dir.path().join("undated.md");
    std::fs::write(
        &dated,
        "Lithium row\nBalkan Insight, 2 September 2024\n\nBody.\n",
    )
    .expect("write");
    std::fs::write(&undated, "# A *note*\n\nNo date here.\n").expect("write");
    let project = dir.path().join("p.ron");
    let run = dossier(["import", s(&dated), s(&undated), "--into", s(&project)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("no publication date found in 1 document: \"A note\""),
        "{}",
        run.stdout
    );
    let saved = store::load(&project).expect("saved");
    let doc = saved
        .documents()
        .values()
        .find(|d| d.title == "Lithium row")
        .expect("imported");
    assert_eq!(
        doc.published.map(|d| d.to_string()).as_deref(),
        Some("2024-09-02")
    );
    assert_eq!(doc.source, "Balkan Insight");
}
