//! Working as a team: conflicts in the project file (validated, read by both readers, undoable),
//! `dossier merge` and its exit codes, and a real git repository set up with `dossier git-setup`
//! where two branches edit the example project.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{example_file, example_from_file};

use dossier::edit::{Edit, apply};
use dossier::merge::resolve::{Choice, resolution};
use dossier::model::{Conflict, PassageId, Project};
use dossier::store::{self, LoadError, ProjectFile};

/// The first passages of the example, in id order.
fn passages(p: &Project) -> Vec<PassageId> {
    p.passages().keys().copied().take(3).collect()
}

fn with_note(p: &Project, passage: PassageId, note: &str) -> Project {
    let mut p = p.clone();
    apply(&mut p, Edit::SetPassageNote(passage, note.into())).expect("edits");
    p
}

fn conflict_on(passage: PassageId) -> Conflict {
    Conflict {
        item: passage.to_string(),
        field: "note".into(),
        base: Some("the original".into()),
        ours: Some("ours\nline two".into()),
        theirs: Some("theirs \"quoted\"".into()),
    }
}

#[test]
fn a_version_1_file_still_opens() {
    let old = store::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/version-1-example.ron"),
    )
    .expect("the version-1 example loads");
    // Today's example is the version-1 example plus its description, claims and grades (version 3).
    let today = example_from_file();
    let without_evidence = Project::from_parts(today.to_parts()).expect("valid");
    assert_eq!(old, without_evidence);
    assert!(old.evidence().is_empty() && !today.evidence().is_empty());
    assert!(old.ach().is_empty() && !today.ach().is_empty());
    let text = store::to_ron_string(&old).expect("writes");
    assert!(text.starts_with(&format!(
        "(\n  format: \"dossier\",\n  version: {},\n",
        store::VERSION
    )));
    assert!(!text.contains("conflicts:"), "no conflicts, no list");
}

#[test]
fn conflicts_are_saved_read_by_both_readers_and_checked() {
    let p = example_from_file();
    let ids = passages(&p);
    let mut with = p.clone();
    let undo = apply(&mut with, Edit::AddConflict(Box::new(conflict_on(ids[0])))).expect("adds");
    let text = store::to_ron_string(&with).expect("writes");
    assert!(
        text.contains("  conflicts: [\n"),
        "{}",
        &text[text.len() - 400..]
    );
    // The fast reader (canonical text) and ron agree.
    let fast = store::from_ron_str(&text, Path::new("c.ron")).expect("loads");
    let file: ProjectFile = ron::from_str(&text).expect("ron reads it");
    let slow = store::from_file(file, Path::new("c.ron")).expect("valid");
    assert_eq!(fast, with);
    assert_eq!(slow, with);
    assert_eq!(fast.conflicts().len(), 1);
    // Undo removes it; a conflict on an item that does not exist is refused.
    apply(&mut with, undo).expect("undoes");
    assert_eq!(with, p);
    let bad = text.replacen(
        &format!("item: \"{}\"", ids[0]),
        "item: \"a000000000000\"",
        1,
    );
    assert_ne!(bad, text);
    match store::from_ron_str(&bad, Path::new("c.ron")) {
        Err(LoadError::Invalid { problems, .. }) => {
            assert!(
                problems[0].to_string().contains("a000000000000"),
                "{problems:?}"
            )
        }
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn an_item_with_an_open_conflict_cannot_be_removed() {
    let p = example_from_file();
    let id = passages(&p)[0];
    let mut with = p.clone();
    apply(&mut with, Edit::AddConflict(Box::new(conflict_on(id)))).expect("adds");
    let before = with.clone();
    let err = apply(&mut with, Edit::RemovePassage(id)).expect_err("refused");
    assert!(err.to_string().contains("open merge conflicts"), "{err}");
    assert_eq!(with, before);
}

fn dossier(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let run = common::cli::dossier_in(dir, args);
    (run.code, run.stdout, run.stderr)
}

#[test]
fn merge_exit_codes_are_what_git_expects() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let p = example_from_file();
    let ids = passages(&p);
    store::save(&p, &d.join("base.ron")).expect("save");
    store::save(&with_note(&p, ids[0], "ours"), &d.join("ours.ron")).expect("save");
    store::save(&with_note(&p, ids[1], "theirs"), &d.join("theirs.ron")).expect("save");
    let (code, out, err) = dossier(
        d,
        &["merge", "base.ron", "ours.ron", "theirs.ron", "-o", "m.ron"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let m = store::load(&d.join("m.ron")).expect("loads");
    assert_eq!(m.passage(ids[0]).map(|p| p.note.as_str()), Some("ours"));
    assert_eq!(m.passage(ids[1]).map(|p| p.note.as_str()), Some("theirs"));

    store::save(&with_note(&p, ids[0], "theirs too"), &d.join("theirs.ron")).expect("save");
    let (code, _, err) = dossier(d, &["merge", "base.ron", "ours.ron", "theirs.ron"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("1 conflict recorded"), "{err}");
    // Without -o the result replaced ours, and check reports the open conflict.
    let (code, _, err) = dossier(d, &["check", "ours.ron"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("open conflict"), "{err}");

    fs::write(
        d.join("bad.ron"),
        "(format: \"dossier\", version: 2, title: ",
    )
    .expect("write");
    let before = fs::read(d.join("theirs.ron")).expect("read");
    let (code, _, err) = dossier(
        d,
        &["merge", "base.ron", "bad.ron", "theirs.ron", "-o", "x.ron"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(!d.join("x.ron").exists());
    assert_eq!(fs::read(d.join("theirs.ron")).expect("read"), before);

    // An empty original: a union.
    fs::write(d.join("empty.ron"), "").expect("write");
    let (code, _, err) = dossier(
        d,
        &[
            "merge",
            "empty.ron",
            "base.ron",
            "theirs.ron",
            "-o",
            "u.ron",
        ],
    );
    assert_eq!(code, 0, "{err}");
}

fn git(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Analyst")
        .env("GIT_AUTHOR_EMAIL", "analyst@example.org")
        .env("GIT_COMMITTER_NAME", "Analyst")
        .env("GIT_COMMITTER_EMAIL", "analyst@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs (install git)");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn must(dir: &Path, args: &[&str]) {
    let (ok, out) = git(dir, args);
    assert!(ok, "git {args:?}: {out}");
}

#[test]
fn two_branches_of_the_example_merge_with_git() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    must(d, &["init", "-q", "-b", "main"]);
    let file = d.join("notes.ron");
    fs::copy(example_file(), &file).expect("copy");
    let (code, out, err) = dossier(d, &["git-setup"]);
    assert_eq!(code, 0, "{out}{err}");
    // Idempotent.
    let attributes = fs::read_to_string(d.join(".gitattributes")).expect("written");
    let (code, out, _) = dossier(d, &["git-setup"]);
    assert_eq!(
        (code, out.starts_with("already set up")),
        (0, true),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(d.join(".gitattributes")).expect("read"),
        attributes
    );
    assert!(
        fs::read_to_string(d.join(".gitignore"))
            .expect("written")
            .contains(".*.ron.lock")
    );
    must(d, &["add", "-A"]);
    must(d, &["commit", "-qm", "example"]);

    let p = example_from_file();
    let ids = passages(&p);
    let edit_and_commit = |branch: &str, from: &str, project: &Project| {
        must(d, &["checkout", "-q", "-b", branch, from]);
        store::save(project, &file).expect("save");
        must(d, &["commit", "-qam", branch]);
    };
    // Disjoint edits merge cleanly and hold both.
    edit_and_commit("ours", "main", &with_note(&p, ids[0], "ours"));
    edit_and_commit("theirs", "main", &with_note(&p, ids[1], "theirs"));
    must(d, &["checkout", "-q", "ours"]);
    must(d, &["merge", "-q", "--no-edit", "theirs"]);
    let merged = store::load(&file).expect("the merged file loads");
    assert_eq!(
        merged.passage(ids[0]).map(|p| p.note.as_str()),
        Some("ours")
    );
    assert_eq!(
        merged.passage(ids[1]).map(|p| p.note.as_str()),
        Some("theirs")
    );
    assert!(merged.conflicts().is_empty());
    let (code, _, err) = dossier(d, &["check", "notes.ron"]);
    assert_eq!(code, 0, "{err}");

    // The same note edited on both sides: git reports a conflict, the file records it and loads.
    edit_and_commit("mine", "main", &with_note(&p, ids[2], "my reading"));
    edit_and_commit("yours", "main", &with_note(&p, ids[2], "your reading"));
    must(d, &["checkout", "-q", "mine"]);
    let (ok, out) = git(d, &["merge", "--no-edit", "yours"]);
    assert!(!ok, "git should stop on the conflict: {out}");
    assert!(out.contains("CONFLICT"), "{out}");
    let conflicted = store::load(&file).expect("a conflicted project loads");
    let conflicts: Vec<&Conflict> = conflicted.conflicts().values().collect();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].item, ids[2].to_string());
    assert_eq!(conflicts[0].ours.as_deref(), Some("my reading"));
    assert_eq!(conflicts[0].theirs.as_deref(), Some("your reading"));
    let (code, _, _) = dossier(d, &["check", "notes.ron"]);
    assert_eq!(code, 1);

    // Resolving clears it (the library's edit, undoable; the same through `dossier resolve`).
    let mut resolved = conflicted.clone();
    let edit = resolution(&resolved, &conflicts[0].key(), Choice::Theirs).expect("resolves");
    apply(&mut resolved, edit).expect("applies");
    assert!(resolved.conflicts().is_empty());
    let item = ids[2].to_string();
    let (code, out, err) = dossier(d, &["resolve", "notes.ron", &item, "note", "--theirs"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 open conflicts left"), "{out}");
    let after = store::load(&file).expect("loads");
    assert!(after.conflicts().is_empty());
    assert_eq!(
        after.passage(ids[2]).map(|p| &p.note),
        resolved.passage(ids[2]).map(|p| &p.note)
    );
    let (code, _, err) = dossier(d, &["check", "notes.ron"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        store::load(&file)
            .expect("loads")
            .passage(ids[2])
            .map(|p| p.note.clone()),
        Some("your reading".to_owned())
    );
    must(d, &["commit", "-qam", "merged yours"]);
}

#[test]
fn passage_authors_are_exported_and_filtered() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let mut p = example_from_file();
    let ids = passages(&p);
    p.set_session_author("Alice");
    apply(&mut p, Edit::SetPassageNote(ids[0], "by Alice".into())).expect("edits");
    p.set_session_author("Bob");
    let tag = *p.tags().keys().next().expect("tag");
    let _ = apply(&mut p, Edit::TagPassage(ids[1], tag));
    apply(&mut p, Edit::SetPassageNote(ids[1], "by Bob".into())).expect("edits");
    store::save(&p, &d.join("p.ron")).expect("save");
    assert_eq!(
        store::load(&d.join("p.ron")).expect("loads"),
        p,
        "authors are saved"
    );

    let (code, out, err) = dossier(
        d,
        &["export", "p.ron", "--format", "csv", "--author", "alice"],
    );
    assert_eq!(code, 0, "{err}");
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].contains(",note,author,"));
    assert!(
        rows[1].starts_with(&ids[0].to_string()) && rows[1].contains(",by Alice,Alice,"),
        "{out}"
    );
    let (code, out, _) = dossier(
        d,
        &["export", "p.ron", "--format", "json", "--author", "Bob"],
    );
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["passages"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["passages"][0]["author"], "Bob");
    let (_, out, _) = dossier(
        d,
        &["export", "p.ron", "--format", "w3c", "--author", "bob"],
    );
    let w3c: serde_json::Value = serde_json::from_str(&out).expect("json-ld");
    let creator = &w3c["first"]["items"][0]["creator"];
    assert_eq!(
        (creator["type"].as_str(), creator["name"].as_str()),
        (Some("Person"), Some("Bob"))
    );
}

/// `dossier merge` keeps both sides' claims, stances and grades, records a grade both sides
/// changed as a conflict, and `dossier resolve` settles it by the names the merge gave.
#[test]
fn the_merge_command_carries_claims_stances_and_grades() {
    use dossier::model::{Claim, Grade, Reliability, Stance};
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let base = example_from_file();
    let ids = passages(&base);
    let mut ours = base.clone();
    let mut claim = Claim::new("Analysts on our side say so");
    claim.stances = vec![(ids[0], Stance::Qualifies)];
    let new_claim = claim.id;
    for edit in [
        Edit::AddClaim(claim),
        Edit::SetGrade(Grade::Outlet("Reuters".into(), Reliability::A)),
    ] {
        apply(&mut ours, edit).expect("ours");
    }
    let mut theirs = base.clone();
    let existing = *base.evidence().claims().keys().next().expect("a claim");
    for edit in [
        Edit::SetStance {
            claim: existing,
            passage: ids[1],
            stance: Some(Stance::Disputes),
        },
        Edit::SetGrade(Grade::Outlet("Reuters".into(), Reliability::C)),
    ] {
        apply(&mut theirs, edit).expect("theirs");
    }
    for (name, p) in [
        ("base.ron", &base),
        ("ours.ron", &ours),
        ("theirs.ron", &theirs),
    ] {
        store::save(p, &d.join(name)).expect("save");
    }
    let (code, out, err) = dossier(
        d,
        &["merge", "base.ron", "ours.ron", "theirs.ron", "-o", "m.ron"],
    );
    assert_eq!(code, 1, "one conflict: {out}{err}");
    let merged = store::load(&d.join("m.ron")).expect("the merge loads");
    let evidence = merged.evidence();
    assert!(evidence.claim(new_claim).is_some(), "our new claim");
    assert_eq!(
        evidence.claim(existing).and_then(|c| c.stance_of(ids[1])),
        Some(Stance::Disputes),
        "their new stance"
    );
    assert_eq!(
        evidence.outlet_grade("reuters"),
        Reliability::B,
        "the original until resolved"
    );
    let keys: Vec<String> = (merged.conflicts().keys())
        .map(|k| format!("{} {}", k.item, k.field))
        .collect();
    assert_eq!(keys, ["project outlet grade Reuters"]);
    let (code, out, err) = dossier(
        d,
        &[
            "resolve",
            "m.ron",
            "project",
            "outlet grade Reuters",
            "--ours",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let resolved = store::load(&d.join("m.ron")).expect("loads");
    assert!(resolved.conflicts().is_empty());
    assert_eq!(resolved.evidence().outlet_grade("Reuters"), Reliability::A);
}
