//! Story tests of the headless command line: each runs the built `dossier` binary in a temporary
//! folder and checks its exit code, its output and the files it leaves behind.

#[path = "../common/mod.rs"]
mod common;

mod claims;
mod example;
mod export;
mod import;

use common::cli::{Run, dossier};
use common::{example_file, listing, seeds};

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use dossier::model::{
    Actor, ActorId, ActorKind, ActorRole, DocId, Document, Event, EventId, EventKind, EventRole,
    ParticipantRole, Parts, Passage, PassageId, Project, Rgb, Tag, TagId, Timestamp,
};
use dossier::store;

/// `dossier import FILES... --into PROJECT`.
fn import_into<P: AsRef<Path>>(files: &[P], into: &Path) -> Run {
    let mut args = vec![OsStr::new("import")];
    args.extend(files.iter().map(|f| f.as_ref().as_os_str()));
    args.extend([OsStr::new("--into"), into.as_os_str()]);
    dossier(args)
}

/// `dossier import FILE --replace DOC --into PROJECT`.
fn replace_into(file: &Path, doc: &str, into: &Path) -> Run {
    dossier([
        OsStr::new("import"),
        OsStr::new("--replace"),
        OsStr::new(doc),
        file.as_os_str(),
        OsStr::new("--into"),
        into.as_os_str(),
    ])
}

/// The text of the test article: Cyrillic, a dash and an emoji before the passages, so a byte
/// offset and a char offset differ.
const ARTICLE: &str = "Путин met Witkoff 🤝 in Moscow — «a useful meeting», Ushakov said.\n\
Zelenskyy warned of new strikes on Zaporizhzhia.\nTrump set a deadline of 8 August.";
const SECOND: &str =
    "Ukraine accepted a 30-day ceasefire proposal in Jeddah.\nMoscow said it would study it.";

const T_CLAIM: TagId = TagId::from_raw(0x11);
const T_QUOTE: TagId = TagId::from_raw(0x12);
const T_THREAT: TagId = TagId::from_raw(0x13);
const A_PUTIN: ActorId = ActorId::from_raw(0x21);
const A_ZEL: ActorId = ActorId::from_raw(0x22);
const E_MEET: EventId = EventId::from_raw(0x31);
const D_ONE: DocId = DocId::from_raw(0x41);
const D_TWO: DocId = DocId::from_raw(0x42);

fn document(id: DocId, title: &str, published: &str, text: &str) -> Document {
    common::doc(title, text)
        .id(id)
        .source("Reuters")
        .published(published)
        .origin(&format!("{title}.txt"))
        .imported(Timestamp(1_754_000_000))
        .build()
}

fn passage(raw: u64, doc: &Document, quote: &str) -> Passage {
    let mut p = common::passage_of(doc, quote);
    p.id = PassageId::from_raw(raw);
    p.created = Timestamp(1_754_000_000);
    p.edited = Timestamp(1_754_000_000);
    p
}

fn tag(id: TagId, name: &str, parent: Option<TagId>) -> Tag {
    Tag {
        id,
        name: name.to_owned(),
        color: Rgb([0x33, 0x66, 0x99]),
        parent,
        description: String::new(),
    }
}

/// A small valid project: two documents, three tags (Quote under Claim), two actors, an event and
/// three passages.
fn sample_project() -> Project {
    let one = document(D_ONE, "Witkoff in Moscow", "2025-08-06", ARTICLE);
    let two = document(D_TWO, "Jeddah talks", "2025-03-11", SECOND);
    let mut quote = passage(0x51, &one, "«a useful meeting»");
    quote.tags = vec![T_QUOTE];
    quote.actors = vec![(A_PUTIN, ActorRole::Subject)];
    quote.events = vec![(E_MEET, EventRole::Reports)];
    quote.note = "Kremlin framing".to_owned();
    let mut threat = passage(0x52, &one, "Zelenskyy warned of new strikes");
    threat.tags = vec![T_THREAT];
    threat.actors = vec![(A_ZEL, ActorRole::Speaker)];
    let mut claim = passage(0x53, &two, "Ukraine accepted a 30-day ceasefire proposal");
    claim.tags = vec![T_CLAIM];
    Project::from_parts(Parts {
        title: "CLI test".to_owned(),
        tags: vec![
            tag(T_CLAIM, "Claim", None),
            tag(T_QUOTE, "Quote", Some(T_CLAIM)),
            tag(T_THREAT, "Threat", None),
        ],
        actors: vec![
            Actor {
                author: String::new(),
                id: A_PUTIN,
                name: "Vladimir Putin".to_owned(),
                kind: ActorKind::Person,
                aliases: vec!["Putin".to_owned(), "Путин".to_owned()],
                description: String::new(),
            },
            Actor {
                author: String::new(),
                id: A_ZEL,
                name: "Volodymyr Zelenskyy".to_owned(),
                kind: ActorKind::Person,
                aliases: vec![],
                description: String::new(),
            },
        ],
        events: vec![Event {
            author: String::new(),
            id: E_MEET,
            title: "Witkoff meets Putin".to_owned(),
            date: Some("2025-08-06".parse().expect("date")),
            place: "Moscow".to_owned(),
            kind: EventKind::Consult,
            participants: vec![(A_PUTIN, ParticipantRole::Participant)],
            description: String::new(),
        }],
        documents: vec![one, two],
        passages: vec![quote, threat, claim],
    })
    .expect("the sample project is valid")
}

/// A temporary folder with the sample project saved in it as `project.ron`.
fn saved_sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("project.ron");
    store::save(&sample_project(), &path).expect("save");
    (dir, path)
}

/// A temporary folder with `text` written as `project.ron`.
fn written(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("project.ron");
    fs::write(&path, text).expect("write");
    (dir, path)
}

fn canonical_sample() -> String {
    store::to_ron_string(&sample_project()).expect("ron")
}

/// The line of a passage's tag list that holds this tag (as the canonical file writes it).
fn tag_line(tag: TagId) -> String {
    format!("        \"{tag}\",\n")
}

fn p(path: &Path) -> &OsStr {
    path.as_os_str()
}

/// A temporary path as an argument (temporary folders have UTF-8 names).
fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

// ----- help -----

#[test]
fn help_lists_every_subcommand_and_the_exit_codes() {
    let run = dossier(["--help"]);
    assert_eq!(run.code, 0);
    for word in ["check", "stats", "fmt", "export", "Exit codes"] {
        assert!(
            run.stdout.contains(word),
            "--help lacks {word}:\n{}",
            run.stdout
        );
    }
    let run = dossier(["export", "--help"]);
    assert_eq!(run.code, 0);
    for word in ["--format", "--out", "--tag", "--from", "json"] {
        assert!(
            run.stdout.contains(word),
            "export --help lacks {word}:\n{}",
            run.stdout
        );
    }
}

// ----- check -----

#[test]
fn check_accepts_a_valid_project() {
    let (_dir, path) = saved_sample();
    let run = dossier(["check", s(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("ok: 2 documents, 3 passages"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.is_empty());
}

#[test]
fn check_of_a_missing_file_exits_2_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("absent.ron");
    let run = dossier(["check", s(&path)]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("dossier: could not read the project"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .trim_end()
            .ends_with(&format!("— {}", path.display())),
        "{}",
        run.stderr
    );
}

#[test]
fn check_of_malformed_ron_gives_line_and_column() {
    let mut lines: Vec<String> = canonical_sample().lines().map(str::to_owned).collect();
    let title = lines
        .iter()
        .position(|l| l.trim_start().starts_with("title: \"CLI test\""))
        .expect("title line");
    lines[title] = "  title: \"CLI test\" oops,".to_owned();
    let (_dir, path) = written(&lines.join("\n"));
    let run = dossier(["check", s(&path)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let expected = format!("line {}, column ", title + 1);
    assert!(run.stderr.contains("malformed"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&expected),
        "wanted {expected:?} in {}",
        run.stderr
    );
}

#[test]
fn check_of_a_newer_version_names_the_version() {
    let current = format!("version: {},", store::VERSION);
    let text = canonical_sample().replacen(&current, "version: 99,", 1);
    let (_dir, path) = written(&text);
    let run = dossier(["check", s(&path)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("version 99"), "{}", run.stderr);
}

#[test]
fn check_lists_a_dangling_id_and_a_mismatched_quote_and_exits_1() {
    let missing = TagId::from_raw(0x99);
    let text = canonical_sample()
        .replace(&tag_line(T_THREAT), &tag_line(missing))
        .replace(
            "quote: \"«a useful meeting»\"",
            "quote: \"«a useless meeting»\"",
        );
    let (_dir, path) = written(&text);
    let before = fs::read(&path).expect("read");
    let run = dossier(["check", s(&path)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "two problems and a summary: {}", run.stderr);
    assert!(lines.iter().all(|l| l.starts_with("dossier: ")));
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&missing.to_string()) && l.contains("does not exist")),
        "{}",
        run.stderr
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("useless") && l.contains("differs")),
        "{}",
        run.stderr
    );
    assert!(lines[2].contains("2 problems"));
    assert_eq!(
        fs::read(&path).expect("read"),
        before,
        "check writes nothing"
    );
}

// ----- stats -----

#[test]
fn stats_json_has_the_counts() {
    let (_dir, path) = saved_sample();
    let run = dossier(["stats", s(&path), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 1, "one JSON object on one line");
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let expected = serde_json::json!({
        "documents": 2, "passages": 3, "tags": 3, "actors": 2, "events": 1, "links": 3
    });
    assert_eq!(v, expected);
}

#[test]
fn stats_as_text_and_on_bad_input() {
    let (dir, path) = saved_sample();
    let run = dossier(["stats", s(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("CLI test — "), "{}", run.stdout);
    assert!(
        run.stdout.contains("passages") && run.stdout.contains("     3"),
        "{}",
        run.stdout
    );

    let missing = dir.path().join("nope.ron");
    let run = dossier(["stats", s(&missing), "--json"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.starts_with("dossier: "), "{}", run.stderr);
}

// ----- fmt -----

#[test]
fn fmt_check_passes_on_a_canonical_file() {
    let (_dir, path) = saved_sample();
    let run = dossier(["fmt", s(&path), "--check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn fmt_check_on_a_non_canonical_file_exits_1_and_writes_nothing() {
    // Same project, different layout: four-space indents and a missing optional field.
    let text = canonical_sample()
        .replace("\n  ", "\n    ")
        .replacen("      note: \"\",\n", "", 1);
    let (dir, path) = written(&text);
    let run = dossier(["check", s(&path)]);
    assert_eq!(run.code, 0, "the file is valid: {}", run.stderr);
    let run = dossier(["fmt", s(&path), "--check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("line 2"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        text,
        "unchanged, byte for byte"
    );
    assert_eq!(
        fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "no other file appeared"
    );
}

#[test]
fn fmt_rewrites_into_canonical_form_and_keeps_a_backup() {
    let text = canonical_sample().replace("\n  ", "\n\t");
    let (_dir, path) = written(&text);
    let run = dossier(["fmt", s(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read_to_string(&path).expect("read"), canonical_sample());
    assert_eq!(
        fs::read_to_string(store::backup_path(&path)).expect("backup"),
        text
    );
    let run = dossier(["fmt", s(&path), "--check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier(["fmt", s(&path)]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("already"), "{}", run.stdout);
}

#[test]
fn fmt_never_writes_a_file_that_does_not_load() {
    let dangling =
        canonical_sample().replace(&tag_line(T_THREAT), &tag_line(TagId::from_raw(0x98)));
    assert_ne!(dangling, canonical_sample());
    for text in [
        "(format: \"dossier\", version: 1, title: ".to_owned(),
        dangling,
    ] {
        let (dir, path) = written(&text);
        for args in [
            vec![OsStr::new("fmt"), p(&path)],
            vec![OsStr::new("fmt"), p(&path), OsStr::new("--check")],
        ] {
            let run = dossier(args);
            assert_eq!(run.code, 2, "{}", run.stderr);
            assert!(run.stderr.starts_with("dossier: "), "{}", run.stderr);
            assert_eq!(fs::read_to_string(&path).expect("read"), text);
            assert_eq!(
                fs::read_dir(dir.path()).expect("dir").count(),
                1,
                "no backup, no temp file"
            );
        }
    }
}
