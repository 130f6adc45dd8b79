//! The project file: round trips over arbitrary Unicode, determinism, clear errors for bad files,
//! atomic saves with a backup.

mod common;

use std::path::Path;

use dossier::edit::{Edit, apply};
use dossier::model::{
    Actor, ActorId, ActorKind, ActorRole, Document, Event, EventId, EventKind, EventRole, Parts,
    Passage, Project, Rgb, Tag, TagId, Timestamp,
};
use dossier::store::{self, LoadError};
use proptest::prelude::*;

fn doc(text: &str) -> Document {
    common::doc("A title", text)
        .source("Outlet")
        .author("Someone")
        .url("https://example.org/a")
        .published("2025-08-06")
        .origin("seeds/x.txt")
        .imported(Timestamp(1_754_438_400))
        .build()
}

fn sample_project() -> Project {
    let d = doc("Zelenskyy said: “Russia must end the war.”\n\nWitkoff met Putin — для мира 👩‍👩‍👧.\n");
    let tag = Tag {
        id: TagId::random(),
        name: "Claim".into(),
        color: Rgb([0xd9, 0x82, 0x2b]),
        parent: None,
        description: "Something asserted \"as fact\"\\ with a backslash".into(),
    };
    let actor = Actor {
        author: String::new(),
        id: ActorId::random(),
        name: "Volodymyr Zelenskyy".into(),
        kind: ActorKind::Person,
        aliases: vec!["Zelensky".into()],
        description: String::new(),
    };
    let event = Event {
        author: String::new(),
        id: EventId::random(),
        title: "Witkoff meets Putin".into(),
        date: "2025-08-06".parse().ok(),
        place: "Moscow".into(),
        kind: EventKind::Consult,
        participants: vec![],
        description: String::new(),
    };
    let mut p = Passage::new(&d, 16, 42).expect("span");
    p.tags = vec![tag.id];
    p.actors = vec![(actor.id, ActorRole::Speaker)];
    p.events = vec![(event.id, EventRole::Context)];
    p.note = "multi\nline \"note\" r#\"raw\"#".into();
    Project::from_parts(Parts {
        title: "Sample".into(),
        tags: vec![tag],
        actors: vec![actor],
        events: vec![event],
        documents: vec![d],
        passages: vec![p],
    })
    .expect("valid")
}

#[test]
fn save_load_round_trip_is_byte_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    let project = sample_project();
    store::save(&project, &path).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(
        text.starts_with("(\n  format: \"dossier\",\n  version: 3,\n"),
        "{text}"
    );
    let loaded = store::load(&path).expect("load");
    assert_eq!(loaded, project);
    assert_eq!(store::to_ron_string(&loaded).expect("ron"), text);
}

#[test]
fn saving_keeps_a_backup_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    let mut project = sample_project();
    store::save(&project, &path).expect("first save");
    assert!(!store::backup_path(&path).exists());
    let first = std::fs::read(&path).expect("read");
    apply(&mut project, Edit::SetTitle("Second".into())).expect("edit");
    store::save(&project, &path).expect("second save");
    assert_eq!(
        std::fs::read(store::backup_path(&path)).expect("bak"),
        first
    );
    assert_eq!(store::load(&path).expect("load").title, "Second");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[cfg(unix)]
/// A folder nobody may write into, also for root: permission bits first (root ignores them), then
/// the immutable attribute (`chattr +i`, which binds root too). Undone on drop. `None` when neither
/// holds on this filesystem.
struct ReadOnlyFolder<'a> {
    dir: &'a Path,
    immutable: bool,
}

impl<'a> ReadOnlyFolder<'a> {
    fn make(dir: &'a Path) -> Option<Self> {
        use std::os::unix::fs::PermissionsExt;
        let writable = || {
            let probe = dir.join(".probe");
            let ok = std::fs::write(&probe, b"x").is_ok();
            let _ = std::fs::remove_file(&probe);
            ok
        };
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        let mut folder = ReadOnlyFolder {
            dir,
            immutable: false,
        };
        if !writable() {
            return Some(folder);
        }
        folder.immutable = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        if folder.immutable && !writable() {
            return Some(folder);
        }
        None // `folder` is dropped: the attribute and the permissions are undone.
    }
}

impl Drop for ReadOnlyFolder<'_> {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(self.dir)
                .status();
        }
        let _ = std::fs::set_permissions(self.dir, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn saving_into_a_read_only_folder_fails_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&sample_project(), &path).expect("save");
    let before = std::fs::read(&path).expect("read");
    let mut changed = sample_project();
    changed.title = "Changed".into();
    let (result, target) = match ReadOnlyFolder::make(dir.path()) {
        Some(_read_only) => (store::save(&changed, &path), path.clone()),
        None => {
            // Neither permissions nor the immutable attribute hold here (root on a filesystem
            // without attributes): a "folder" that is a file refuses every user.
            println!(
                "note: cannot make a read-only folder on this filesystem; \
                 saving inside a file instead"
            );
            let target = path.join("q.ron");
            (store::save(&changed, &target), target)
        }
    };
    let err = result.expect_err("saving into a folder that takes no files must fail");
    let text = err.to_string();
    assert!(
        text.starts_with("could not save the project: ")
            && text.ends_with(&*target.file_name().expect("name").to_string_lossy()),
        "{text}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the file is untouched"
    );
    assert_eq!(
        common::listing(dir.path()),
        ["p.ron"],
        "no backup, no temporary file"
    );
}

fn load_text(text: &str) -> Result<Project, LoadError> {
    store::from_ron_str(text, Path::new("test.ron"))
}

#[test]
fn malformed_files_name_line_and_column() {
    let good = store::to_ron_string(&sample_project()).expect("ron");
    let broken = good.replacen("tags: [", "tags: [[", 1);
    match load_text(&broken) {
        Err(LoadError::Malformed { line, column, .. }) => {
            assert!(line > 3, "line {line}");
            assert!(column > 0);
        }
        other => panic!("expected Malformed, got {other:?}"),
    }
    let truncated = &good[..good.len() / 2];
    assert!(matches!(
        load_text(truncated),
        Err(LoadError::Malformed { .. })
    ));
    assert!(matches!(load_text(""), Err(LoadError::Malformed { .. })));
}

#[test]
fn newer_versions_are_refused_by_number() {
    let good = store::to_ron_string(&sample_project()).expect("ron");
    let newer = good.replacen("version: 3,", "version: 7,", 1);
    assert_ne!(newer, good);
    let err = load_text(&newer).expect_err("newer");
    assert!(matches!(err, LoadError::NewerVersion { version: 7, .. }));
    assert!(err.to_string().contains('7'));
    // A newer file whose body this build cannot parse still gets the version message.
    let newer_shape = "(format: \"dossier\", version: 4, title: \"x\", shapes: [Circle(3)])";
    assert!(matches!(
        load_text(newer_shape),
        Err(LoadError::NewerVersion { version: 4, .. })
    ));
    let other = "(format: \"other\", version: 1)";
    assert!(matches!(
        load_text(other),
        Err(LoadError::NotDossier { .. })
    ));
}

#[test]
fn inconsistent_files_list_every_problem() {
    let project = sample_project();
    let good = store::to_ron_string(&project).expect("ron");
    let p = project.passages().values().next().expect("passage");
    let bad = good
        .replacen(
            &format!("quote: \"{}\"", p.quote),
            "quote: \"something else\"",
            1,
        )
        .replacen(
            &format!("tags: [\n        \"{}\"", p.tags[0]),
            "tags: [\n        \"t0000000000zz\"",
            1,
        );
    assert_ne!(bad, good);
    match load_text(&bad) {
        Err(LoadError::Invalid { problems, .. }) => {
            let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
            assert_eq!(problems.len(), 2, "{all:?}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn invalid_utf8_is_reported_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.ron");
    let mut bytes = b"(\n  format: \"dossier\",\n  version: 1,\n  title: \"".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b"\",\n)");
    std::fs::write(&path, bytes).expect("write");
    match store::load(&path) {
        Err(LoadError::Malformed { line: 4, .. }) => {}
        other => panic!("expected Malformed at line 4, got {other:?}"),
    }
}

fn any_text() -> impl Strategy<Value = String> {
    // Emoji ZWJ sequences, combining marks, Cyrillic, Arabic/Hebrew, quotes, backslashes, hashes,
    // newlines and control characters, plus anything else proptest likes.
    let pieces = prop::sample::select(vec![
        "👩‍👩‍👧",
        "e\u{301}",
        "Зеленский",
        "مرحبا",
        "שלום",
        "\"",
        "\\",
        "#",
        "\"#",
        "\n",
        "\t",
        " ",
        "\u{200f}",
        "\u{feff}",
        "r#\"",
        "abc",
        "—",
        "\u{7f}",
        "\u{1}",
        "𝕏",
    ]);
    prop::collection::vec(
        prop_oneof![
            pieces.prop_map(String::from),
            any::<char>().prop_map(String::from)
        ],
        1..80,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_span_survives_save_and_load(text in any_text(), a in 0usize..400, b in 0usize..400) {
        let d = doc(&text);
        let n = d.text.len_chars();
        let (start, end) = (a % n, b % (n + 1));
        prop_assume!(start < end);
        let mut p = Passage::new(&d, start, end).expect("span");
        p.note = text.clone();
        let (pid, quote) = (p.id, p.quote.clone());
        let project = Project::from_parts(Parts {
            title: text.clone(),
            documents: vec![d],
            passages: vec![p],
            ..Parts::default()
        }).expect("valid");
        let ron = store::to_ron_string(&project).expect("ron");
        let loaded = load_text(&ron).expect("load");
        let back = loaded.passage(pid).expect("passage");
        prop_assert_eq!((back.start, back.end), (start, end));
        prop_assert_eq!(&back.quote, &quote);
        prop_assert_eq!(&loaded, &project);
        prop_assert_eq!(store::to_ron_string(&loaded).expect("ron"), ron);
    }
}

/// The example project as it was saved in version 1, before claims and grades.
const EXAMPLE_V1: &str = include_str!("data/version-1-example.ron");

#[test]
fn version_1_files_still_load_and_are_saved_as_version_3() {
    assert!(EXAMPLE_V1.contains("\n  version: 1,\n"));
    let project = load_text(EXAMPLE_V1).expect("a version-1 file loads");
    assert_eq!(project.documents().len(), 5);
    assert!(!project.passages().is_empty());
    assert!(
        project.evidence().is_empty(),
        "a version-1 file has no claims or grades"
    );
    let saved = store::to_ron_string(&project).expect("saves");
    // Nothing but the version changes: a project without claims or grades is written as before.
    assert_eq!(
        saved,
        EXAMPLE_V1.replacen("\n  version: 1,\n", "\n  version: 3,\n", 1)
    );
    assert_eq!(load_text(&saved).expect("loads again"), project);
}

#[test]
fn claims_and_grades_round_trip_and_bad_ones_are_named() {
    use dossier::model::{Claim, Credibility, Grade, Reliability, Stance};
    let mut project = sample_project();
    let passage = *project.passages().keys().next().expect("passage");
    let actor = *project.actors().keys().next().expect("actor");
    let mut claim = Claim::new("Russia must end the war");
    claim.stances = vec![(passage, Stance::Disputes)];
    let id = claim.id;
    for edit in [
        Edit::AddClaim(claim),
        Edit::SetGrade(Grade::Outlet("Outlet".into(), Reliability::B)),
        Edit::SetGrade(Grade::Actor(actor, Reliability::E)),
        Edit::SetGrade(Grade::Passage(passage, Credibility::Doubtful)),
    ] {
        apply(&mut project, edit).expect("valid");
    }
    let text = store::to_ron_string(&project).expect("saves");
    assert!(text.contains("  claims: [\n"), "{text}");
    assert!(text.contains("stances: [\n        (\"p"), "{text}");
    assert!(text.contains("Disputes"), "{text}");
    assert!(text.contains("credibility: 4"), "{text}");
    let loaded = load_text(&text).expect("loads");
    assert_eq!(loaded, project);
    assert_eq!(store::to_ron_string(&loaded).expect("saves"), text);
    assert_eq!(loaded.evidence().outlet_grade("outlet"), Reliability::B);

    let bad_grade = text.replacen("credibility: 4", "credibility: 9", 1);
    let err = load_text(&bad_grade).expect_err("9 is no credibility");
    assert!(
        err.to_string()
            .contains("credibility 9 is not a grade from 1 to 6"),
        "{err}"
    );
    let dangling = text.replacen(
        &format!("(\"{passage}\", Disputes)"),
        "(\"p0000000000zz\", Disputes)",
        1,
    );
    assert_ne!(dangling, text);
    match load_text(&dangling) {
        Err(LoadError::Invalid { problems, .. }) => assert_eq!(
            problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [format!(
                "claim {id} refers to passage p0000000000zz, which does not exist"
            )]
        ),
        other => panic!("expected Invalid, got {other:?}"),
    }
    let unknown_stance = text.replacen("Disputes", "Denies", 1);
    assert!(matches!(
        load_text(&unknown_stance),
        Err(LoadError::Malformed { .. })
    ));
}
