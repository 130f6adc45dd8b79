//! Story tests of the headless command line: each runs the built `dossier` binary in a temporary
//! folder and checks its exit code, its output and the files it leaves behind.

mod common;

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

// ----- export -----

/// Checks the export against the schema and the sample project; returns the parsed value.
fn check_export(json: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(json).expect("the export is JSON");
    assert_eq!(v["format"], "dossier-export");
    assert_eq!(v["version"], 2);
    assert_eq!(v["title"], "CLI test");
    let docs = v["documents"].as_array().expect("documents");
    for p in v["passages"].as_array().expect("passages") {
        let doc = docs
            .iter()
            .find(|d| d["id"] == p["doc"])
            .expect("the passage's document is exported");
        let text: Vec<char> = doc["text"].as_str().expect("text").chars().collect();
        let start = usize::try_from(p["start"].as_u64().expect("start")).expect("fits");
        let end = usize::try_from(p["end"].as_u64().expect("end")).expect("fits");
        let at_span: String = text[start..end].iter().collect();
        assert_eq!(
            p["quote"].as_str(),
            Some(at_span.as_str()),
            "quote = text at span"
        );
    }
    v
}

#[test]
fn export_json_to_stdout_round_trips_the_project() {
    let (_dir, path) = saved_sample();
    let run = dossier(["export", s(&path), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = check_export(&run.stdout);
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["passages"].as_array().map(Vec::len), Some(3));
    assert_eq!(v["documents"][0]["text"], ARTICLE);
    assert_eq!(v["documents"][0]["published"], "2025-08-06");
    let quote = &v["passages"][0];
    assert_eq!(quote["quote"], "«a useful meeting»");
    assert_eq!(quote["tags"], serde_json::json!(["Quote"]));
    assert_eq!(quote["actors"][0]["name"], "Vladimir Putin");
    assert_eq!(quote["actors"][0]["role"], "subject");
    assert_eq!(quote["events"][0]["role"], "reports");
    let quote_tag = v["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .find(|t| t["name"] == "Quote")
        .expect("Quote tag");
    assert_eq!(quote_tag["path"], "Claim/Quote");
    // Deterministic: a second run gives the same bytes.
    let again = dossier(["export", s(&path), "--format", "json"]);
    assert_eq!(again.stdout, run.stdout);
}

#[test]
fn export_out_writes_the_same_bytes_to_a_file() {
    let (dir, path) = saved_sample();
    let out = dir.path().join("export.json");
    let run = dossier(["export", s(&path), "--format", "json", "--out", s(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("3 passages and 2 documents"),
        "{}",
        run.stdout
    );
    let to_stdout = dossier(["export", s(&path), "-f", "json"]);
    assert_eq!(
        fs::read_to_string(&out).expect("export file"),
        to_stdout.stdout
    );
}

#[test]
fn export_filters_select_passages() {
    let (_dir, path) = saved_sample();
    let export = |extra: &[&str]| {
        let mut args = vec![
            OsStr::new("export"),
            p(&path),
            OsStr::new("--format"),
            OsStr::new("json"),
        ];
        args.extend(extra.iter().map(OsStr::new));
        dossier(args)
    };
    let quotes = |run: &Run| -> Vec<String> {
        check_export(&run.stdout)["passages"]
            .as_array()
            .expect("passages")
            .iter()
            .map(|p| p["quote"].as_str().expect("quote").to_owned())
            .collect()
    };
    let claim = export(&["--tag", "claim"]);
    assert_eq!(claim.code, 0, "{}", claim.stderr);
    assert_eq!(
        quotes(&claim),
        [
            "«a useful meeting»",
            "Ukraine accepted a 30-day ceasefire proposal"
        ],
        "Claim includes its sub-tag Quote"
    );
    let putin = export(&["--actor", "Путин"]);
    assert_eq!(quotes(&putin), ["«a useful meeting»"], "by alias");
    assert_eq!(
        check_export(&putin.stdout)["documents"]
            .as_array()
            .map(Vec::len),
        Some(1),
        "only the document the passage comes from"
    );
    let august = export(&["--from", "2025-08", "--text", "STRIKES"]);
    assert_eq!(quotes(&august), ["Zelenskyy warned of new strikes"]);
    let v = check_export(&august.stdout);
    assert_eq!(
        v["documents"].as_array().map(Vec::len),
        Some(1),
        "March is out"
    );
    let march = export(&["--doc", "Jeddah talks", "--tag", "Threat"]);
    assert!(quotes(&march).is_empty());
}

#[test]
fn export_refuses_filters_that_name_nothing() {
    let (dir, path) = saved_sample();
    let out = dir.path().join("x.json");
    let run = dossier([
        "export",
        s(&path),
        "--format",
        "json",
        "--tag",
        "Nonsense",
        "--event",
        "Yalta",
        "--out",
        s(&out),
    ]);
    assert_eq!(run.code, 2);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines[0].contains("no tag is called \"Nonsense\""),
        "{}",
        run.stderr
    );
    assert!(
        lines[1].contains("no event is called \"Yalta\""),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn export_of_an_unknown_format_lists_the_known_ones() {
    let (_dir, path) = saved_sample();
    let run = dossier(["export", s(&path), "--format", "odt"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("odt"), "{}", run.stderr);
    assert!(run.stderr.contains("json"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn export_never_overwrites_its_project_or_exports_a_bad_one() {
    let (_dir, path) = saved_sample();
    let before = fs::read(&path).expect("read");
    let run = dossier(["export", s(&path), "--format", "json", "--out", s(&path)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    assert_eq!(fs::read(&path).expect("read"), before);

    let (dir, bad) = written("(format: \"dossier\", version: 99)");
    let out = dir.path().join("out.json");
    let run = dossier(["export", s(&bad), "--format", "json", "--out", s(&out)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("99"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn export_csv_for_excel_starts_with_a_bom_and_reads_back() {
    let (dir, path) = saved_sample();
    let out = dir.path().join("excerpts.csv");
    let run = dossier([
        "export",
        s(&path),
        "--format",
        "csv",
        "--excel",
        "--tag",
        "Claim",
        "--out",
        s(&out),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("as csv"), "{}", run.stdout);
    let bytes = fs::read(&out).expect("the csv file");
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .expect("--excel starts with a BOM");
    let mut reader = csv::Reader::from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "passage_id");
    assert_eq!(header.len(), 15);
    let quotes: Vec<String> = reader
        .records()
        .map(|r| r.expect("record")[6].to_owned())
        .collect();
    assert_eq!(
        quotes,
        [
            "«a useful meeting»",
            "Ukraine accepted a 30-day ceasefire proposal"
        ],
        "Claim and Claim/Quote, in file order"
    );
    // Without --excel, to stdout, no BOM.
    let plain = dossier(["export", s(&path), "-f", "csv"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(
        plain.stdout.starts_with("passage_id,title,"),
        "{}",
        plain.stdout
    );
}

#[test]
fn export_option_for_another_format_exits_2_and_writes_nothing() {
    let (dir, path) = saved_sample();
    let out = dir.path().join("out.json");
    let run = dossier([
        "export",
        s(&path),
        "--format",
        "json",
        "--excel",
        "--out",
        s(&out),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("excel") && run.stderr.contains("csv only"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

/// `dossier export` without flags makes the brief the project's template says; flags override
/// it, one by one.
#[test]
fn export_uses_the_projects_brief_template_and_flags_override_it() {
    use dossier::model::{BriefTemplate, GroupBy, Part};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("project.ron");
    let project = sample_project()
        .with_brief_template(BriefTemplate {
            group_by: GroupBy::Doc,
            omit: vec![Part::Notes],
            agreement: None,
        })
        .expect("valid");
    store::save(&project, &path).expect("save");
    let md = |extra: &[&str]| {
        let mut args = vec![
            OsStr::new("export"),
            p(&path),
            OsStr::new("--format"),
            OsStr::new("md"),
        ];
        args.extend(extra.iter().map(OsStr::new));
        let run = dossier(args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let headings = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix("## "))
            .map(str::to_owned)
            .collect()
    };
    let plain = md(&[]);
    // The groups, then the brief's tables.
    assert_eq!(
        headings(&plain),
        [
            "Jeddah talks",
            "Witkoff in Moscow",
            "Event cards",
            "Source grades",
            "Sources"
        ]
    );
    assert!(!plain.contains("*Note:*"), "{plain}");
    assert!(plain.contains("Grade: "), "{plain}");
    let tagged = md(&[
        "--group-by",
        "tag",
        "--include",
        "notes",
        "--omit",
        "claims",
    ]);
    assert_eq!(
        headings(&tagged),
        ["Claim", "Claim/Quote", "Threat", "Event cards", "Sources"],
        "no source grades without claims"
    );
    assert!(tagged.contains("\n*Note:* Kremlin framing\n"), "{tagged}");
    assert!(!tagged.contains("Grade: "), "{tagged}");
    // Not a brief: the template does not apply, and --omit is refused there.
    let run = dossier([
        OsStr::new("export"),
        p(&path),
        OsStr::new("--format"),
        OsStr::new("csv"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier([
        OsStr::new("export"),
        p(&path),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("--omit"),
        OsStr::new("notes"),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("omit"), "{}", run.stderr);
    let run = dossier([
        OsStr::new("export"),
        p(&path),
        OsStr::new("--format"),
        OsStr::new("md"),
        OsStr::new("--omit"),
        OsStr::new("footnotes"),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("contested"),
        "names the parts: {}",
        run.stderr
    );
}

#[test]
fn export_md_groups_as_asked() {
    let (_dir, path) = saved_sample();
    let md = |group: &str| {
        let run = dossier([
            OsStr::new("export"),
            p(&path),
            OsStr::new("--format"),
            OsStr::new("md"),
            OsStr::new("--group-by"),
            OsStr::new(group),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let headings = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix("## "))
            .map(str::to_owned)
            .collect()
    };
    // The groups, then the brief's tables and its sources, whatever the grouping.
    let tables = ["Event cards", "Source grades", "Sources"];
    let groups = |text: &str| -> Vec<String> {
        let mut all = headings(text);
        assert!(all.ends_with(&tables.map(str::to_owned)), "{all:?}");
        all.truncate(all.len() - tables.len());
        all
    };
    assert_eq!(groups(&md("tag")), ["Claim", "Claim/Quote", "Threat"]);
    assert_eq!(
        groups(&md("actor")),
        ["Vladimir Putin", "Volodymyr Zelenskyy", "No actor"]
    );
    assert_eq!(groups(&md("event")), ["Witkoff meets Putin", "No event"]);
    let by_doc = md("doc");
    assert_eq!(groups(&by_doc), ["Jeddah talks", "Witkoff in Moscow"]);
    assert!(by_doc.contains("\n> «a useful meeting»\n"), "{by_doc}");
    assert!(by_doc.contains("\n*Note:* Kremlin framing\n"), "{by_doc}");

    let run = dossier(["export", s(&path), "--format", "csv", "--group-by", "actor"]);
    assert_eq!(run.code, 2, "grouping does not apply to csv");
    assert!(run.stderr.contains("group-by"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let run = dossier(["export", s(&path), "--format", "md", "--group-by", "colour"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("actor"),
        "lists the groupings: {}",
        run.stderr
    );
}

#[test]
fn export_qdpx_writes_a_zip_with_the_project_and_the_texts() {
    use std::io::Read;

    let (dir, path) = saved_sample();
    let out = dir.path().join("notes.qdpx");
    let run = dossier(["export", s(&path), "--format", "qdpx", "--out", s(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("as qdpx"), "{}", run.stdout);
    let file = fs::File::open(&out).expect("the archive");
    let mut archive = zip::ZipArchive::new(file).expect("a zip archive");
    let mut names = Vec::new();
    let mut texts = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("name").into_owned();
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("UTF-8 entry");
        names.push(name);
        texts.push(text);
    }
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(names[0], "project.qde");
    assert!(
        names[1..]
            .iter()
            .all(|n| n.starts_with("sources/") && n.ends_with(".txt"))
    );
    assert!(texts[0].contains("<Project xmlns=\"urn:QDA-XML:project:1.0\" "));
    assert!(texts[0].contains("name=\"CLI test\""));
    assert!(
        texts[1..].iter().any(|t| t == ARTICLE),
        "the article text as is"
    );
    assert_eq!(
        texts[0].matches("<PlainTextSelection ").count(),
        3,
        "one selection per passage"
    );
}

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

// ----- the example project -----

#[test]
fn the_example_project_checks_and_is_canonical() {
    let run = dossier([OsStr::new("check"), example_file().as_os_str()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier([
        OsStr::new("fmt"),
        example_file().as_os_str(),
        OsStr::new("--check"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_example_project_exports_quotes_that_match_their_spans() {
    let run = dossier([
        OsStr::new("export"),
        example_file().as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let project = store::load(&example_file()).expect("the example loads");
    let stats = project.stats();
    assert_eq!(
        v["documents"].as_array().map(Vec::len),
        Some(stats.documents)
    );
    assert_eq!(v["passages"].as_array().map(Vec::len), Some(stats.passages));
    assert_eq!(v["tags"].as_array().map(Vec::len), Some(stats.tags));
    assert_eq!(v["actors"].as_array().map(Vec::len), Some(stats.actors));
    assert_eq!(v["events"].as_array().map(Vec::len), Some(stats.events));
    let links: usize = v["passages"]
        .as_array()
        .expect("passages")
        .iter()
        .map(|p| {
            p["actors"].as_array().map_or(0, Vec::len) + p["events"].as_array().map_or(0, Vec::len)
        })
        .sum();
    assert_eq!(links, stats.links, "every link is exported");
    let docs = v["documents"].as_array().expect("documents");
    for p in v["passages"].as_array().expect("passages") {
        let doc = docs.iter().find(|d| d["id"] == p["doc"]).expect("document");
        let text: Vec<char> = doc["text"].as_str().expect("text").chars().collect();
        let start = usize::try_from(p["start"].as_u64().expect("start")).expect("fits");
        let end = usize::try_from(p["end"].as_u64().expect("end")).expect("fits");
        let at_span: String = text[start..end].iter().collect();
        assert_eq!(p["quote"].as_str(), Some(at_span.as_str()), "{}", p["id"]);
    }
}

#[test]
fn a_reader_that_closes_the_pipe_early_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            OsStr::new("export"),
            example_file().as_os_str(),
            OsStr::new("--format"),
            OsStr::new("json"),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut head = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut head)
        .expect("reads the start");
    // The pipe's read end is dropped here; the rest of the export meets a closed pipe.
    let output = child.wait_with_output().expect("exits");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(&head, b"{\n  \"format\": \"d");
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

// ----- claims -----

#[test]
fn claims_lists_the_example_s_contested_claims_with_both_sides() {
    let example = example_file();
    let run = dossier([
        OsStr::new("claims"),
        example.as_os_str(),
        OsStr::new("--contested"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let blocks: Vec<&str> = run.stdout.lines().filter(|l| !l.starts_with(' ')).collect();
    assert!(blocks.len() >= 2, "{}", run.stdout);
    assert!(
        blocks.iter().all(|b| b.contains("[contested")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("  + supports  Donald Trump (F) in "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  − disputes  Reuters (B) in Reuters: “There is limited optimism"),
        "{}",
        run.stdout
    );
    let all = dossier([OsStr::new("claims"), example.as_os_str()]);
    assert!(all.stdout.lines().filter(|l| !l.starts_with(' ')).count() > blocks.len());
}

#[test]
fn claims_of_a_project_without_any_and_of_a_missing_file() {
    let (_dir, path) = saved_sample();
    let run = dossier([OsStr::new("claims"), path.as_os_str()]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "no claims\n"));
    let run = dossier([OsStr::new("claims"), path.as_os_str(), OsStr::new("--json")]);
    assert_eq!(run.stdout, "{\n  \"claims\": []\n}\n");
    let run = dossier(["claims", "/nonexistent/p.ron", "--json"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("/nonexistent/p.ron"), "{}", run.stderr);
}
