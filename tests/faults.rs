//! Fault tests: what the user sees when saving or loading goes wrong — a full disk, an unwritable
//! folder, a truncated or bit-flipped file, a file from a newer Dossier, a missing or damaged
//! backup, hostile project files. In every case: a clear error naming the file, nothing on disk
//! changed by a failed save, the project in memory intact, and never a panic.
//!
//! `scripts/fault-test.sh` adds what a test cannot do: kill -9 during saves of a large project,
//! a real full disk (a 1 MiB tmpfs) and a read-only mount.

mod common;

use common::{doc, listing, saved};

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

use dossier::edit::{Edit, apply};
use dossier::model::{Parts, Passage, Project, Timestamp};
use dossier::store::{self, LoadError};

fn sample_project() -> Project {
    let doc = doc(
        "Witkoff meets Putin",
        "Путин met Witkoff 🤝 in Moscow — «a useful meeting», Ushakov said.\n\
         Zelenskyy warned of new strikes on Zaporizhzhia.\n",
    )
    .source("Reuters")
    .published("2025-08-06")
    .origin("seeds/a.txt")
    .imported(Timestamp(1_754_438_400))
    .build();
    let mut p = Passage::new(&doc, 34, 52).expect("span");
    p.note = "Kremlin framing".into();
    Project::from_parts(Parts {
        title: "Faults".into(),
        documents: vec![doc],
        passages: vec![p],
        ..Parts::default()
    })
    .expect("valid")
}

/// A writer that writes `budget` bytes, then fails as a full disk does.
fn full_disk_after(budget: usize) -> impl FnOnce(&mut fs::File) -> io::Result<()> {
    move |file| {
        let chunk = vec![b'x'; budget];
        file.write_all(&chunk)?;
        Err(io::Error::from_raw_os_error(28)) // ENOSPC
    }
}

#[test]
fn a_full_disk_leaves_the_file_and_its_backup_as_they_were() {
    let mut project = sample_project();
    let (dir, path) = saved(&project);
    apply(&mut project, Edit::SetTitle("Second".into())).expect("edit");
    store::save(&project, &path).expect("second save makes a backup");
    let (file, bak) = (
        fs::read(&path).expect("read"),
        fs::read(store::backup_path(&path)).expect("bak"),
    );
    let names = listing(dir.path());
    let in_memory = project.clone();

    for budget in [0, 1, 4096, 100_000] {
        let err = store::write_atomic_with(&path, true, full_disk_after(budget))
            .expect_err("the disk is full");
        assert_eq!(err.raw_os_error(), Some(28), "{err}");
        assert_eq!(
            fs::read(&path).expect("read"),
            file,
            "the file is untouched"
        );
        assert_eq!(
            fs::read(store::backup_path(&path)).expect("bak"),
            bak,
            "the backup is untouched"
        );
        assert_eq!(listing(dir.path()), names, "no temporary file is left");
    }
    assert_eq!(project, in_memory);
    assert_eq!(store::load(&path).expect("still loads"), project);
}

#[test]
fn a_save_into_a_place_that_cannot_hold_files_fails_cleanly() {
    // Root ignores permission bits, so use a path whose "folder" is a file: every user gets
    // ENOTDIR. (The read-only mount is in scripts/fault-test.sh.)
    let project = sample_project();
    let (dir, path) = saved(&project);
    let target = path.join("inside-a-file.ron");
    let err = store::save(&project, &target).expect_err("cannot save inside a file");
    let text = err.to_string();
    assert!(
        text.starts_with("could not save the project: ") && text.ends_with("inside-a-file.ron"),
        "{text}"
    );
    assert_eq!(listing(dir.path()), vec!["p.ron"]);
}

#[test]
fn a_backup_that_is_a_folder_stops_the_save_with_a_message_naming_it() {
    let project = sample_project();
    let (dir, path) = saved(&project);
    let before = fs::read(&path).expect("read");
    fs::create_dir(store::backup_path(&path)).expect("mkdir");
    fs::write(store::backup_path(&path).join("x"), "x").expect("write");
    let mut changed = project.clone();
    apply(&mut changed, Edit::SetTitle("Changed".into())).expect("edit");
    let err = store::save(&changed, &path).expect_err("the backup cannot be replaced");
    let text = err.to_string();
    assert!(
        text.contains("could not keep the previous version as") && text.contains("p.ron.bak"),
        "{text}"
    );
    assert_eq!(
        fs::read(&path).expect("read"),
        before,
        "the file is untouched"
    );
    assert_eq!(
        listing(dir.path()),
        vec!["p.ron", "p.ron.bak"],
        "no temporaries"
    );
}

#[test]
fn a_missing_or_damaged_backup_is_simply_replaced() {
    let mut project = sample_project();
    let (_dir, path) = saved(&project);
    let bak = store::backup_path(&path);
    for damage in [
        None,
        Some(b"\xff\xfe garbage (".as_slice()),
        Some(b"".as_slice()),
    ] {
        let before = fs::read(&path).expect("read");
        match damage {
            None => {
                let _ = fs::remove_file(&bak);
            }
            Some(bytes) => fs::write(&bak, bytes).expect("damage the backup"),
        }
        let title = format!("{} again", project.title);
        apply(&mut project, Edit::SetTitle(title)).expect("edit");
        store::save(&project, &path).expect("saves whatever the backup was");
        assert_eq!(
            fs::read(&bak).expect("bak"),
            before,
            "the backup is the old file"
        );
        assert_eq!(store::load(&path).expect("loads"), project);
        assert!(store::load(&bak).is_ok(), "the backup loads");
    }
}

#[test]
fn leftovers_of_a_crashed_save_are_removed_once_stale() {
    let project = sample_project();
    let (dir, path) = saved(&project);
    let stale = dir.path().join(".p.ron.k3j4h5.tmp");
    let fresh = dir.path().join(".p.ron.bak.a1b2c3.tmp");
    let other = dir.path().join(".other.ron.zzzzzz.tmp");
    for f in [&stale, &fresh, &other] {
        fs::write(f, "half a project").expect("write");
    }
    let two_hours_ago = SystemTime::now() - Duration::from_secs(2 * 60 * 60);
    for f in [&stale, &other] {
        fs::File::options()
            .write(true)
            .open(f)
            .and_then(|file| file.set_modified(two_hours_ago))
            .expect("age it");
    }
    store::save(&project, &path).expect("save");
    assert!(
        !stale.exists(),
        "an hour-old temporary of this file is removed"
    );
    assert!(
        fresh.exists(),
        "a young one may be another save in progress"
    );
    assert!(other.exists(), "another file's temporaries are not ours");
}

#[test]
fn every_truncation_gives_an_error_or_the_whole_project() {
    let project = sample_project();
    let text = store::to_ron_string(&project).expect("ron");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cut.ron");
    let mut loaded_whole = 0;
    for cut in 0..text.len() {
        fs::write(&path, &text.as_bytes()[..cut]).expect("write");
        match store::load(&path) {
            Ok(p) => {
                assert_eq!(p, project, "a cut at {cut} loaded as something else");
                loaded_whole += 1;
            }
            Err(err) => assert!(err.to_string().ends_with("cut.ron"), "{err}"),
        }
    }
    // Only the cut of the final newline still holds the whole project.
    assert_eq!(loaded_whole, 1);
}

/// splitmix64, for reproducible damage.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Flips 1–4 random bits (or sets random bytes) of a project file many times and loads each
/// result from disk: an error or a valid project, never a panic. Returns (errors, valid).
fn flip_bytes(text: &[u8], trials: usize, seed: u64) -> (usize, usize) {
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("flipped.ron");
    let (mut errors, mut valid) = (0, 0);
    for _ in 0..trials {
        let mut bytes = text.to_vec();
        for _ in 0..1 + rng.below(4) {
            let i = rng.below(bytes.len());
            if rng.below(4) == 0 {
                bytes[i] = rng.below(256) as u8;
            } else {
                bytes[i] ^= 1 << rng.below(8);
            }
        }
        fs::write(&path, &bytes).expect("write");
        match store::load(&path) {
            Ok(_) => valid += 1,
            Err(err) => {
                assert!(err.to_string().ends_with("flipped.ron"), "{err}");
                errors += 1;
            }
        }
    }
    (errors, valid)
}

#[test]
fn random_byte_flips_give_an_error_or_a_valid_project() {
    let small = store::to_ron_string(&sample_project()).expect("ron");
    let (errors, valid) = flip_bytes(small.as_bytes(), 3000, 1);
    assert_eq!(errors + valid, 3000);
    assert!(
        errors > 1000,
        "most damage is caught: {errors} errors, {valid} valid"
    );

    // The shipped example project: 100 passages over five articles.
    let example = dossier::example::EXAMPLE_RON;
    let (errors, valid) = flip_bytes(example.as_bytes(), 300, 2);
    assert_eq!(errors + valid, 300);
    // Most of the file is article text that passages quote (and the quotes and their context
    // are checked against it), so nearly every damaged copy must be refused: 289 of 300 are.
    assert!(
        errors >= 270,
        "damage to the example is caught: {errors} errors, {valid} valid"
    );
}

#[test]
fn a_file_from_a_newer_dossier_names_its_version() {
    let project = sample_project();
    let (_dir, path) = saved(&project);
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replacen("version: 3,", "version: 4,", 1)).expect("write");
    let err = store::load(&path).expect_err("newer");
    assert!(matches!(err, LoadError::NewerVersion { version: 4, .. }));
    let text = err.to_string();
    assert!(
        text.contains("version 4") && text.contains("update Dossier") && text.ends_with("p.ron"),
        "{text}"
    );
}

#[test]
fn a_byte_order_mark_from_a_hand_edit_is_accepted() {
    let project = sample_project();
    let (_dir, path) = saved(&project);
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(fs::read(&path).expect("read"));
    fs::write(&path, bytes).expect("write");
    assert_eq!(store::load(&path).expect("loads"), project);
}

/// Hostile project files: each gives a clear error (never a panic or a stack overflow).
#[test]
fn hostile_project_files_are_refused_clearly() {
    let head = "(format: \"dossier\", version: 1, title: \"t\", ";
    let doc = "documents: [(id: \"d000000000001\", title: \"x\", text: \"abc\")]";
    let deep = format!(
        "{head}shapes: {}{})",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let cases: Vec<(String, &str)> = vec![
        (deep, "nested too deeply"),
        (
            format!("{head}tags: {}{})", "[".repeat(50_000), "]".repeat(50_000)),
            "Expected opening `(`",
        ),
        (
            format!(
                "{head}{doc}, passages: [(id: \"p000000000001\", doc: \"d000000000001\", \
                 start: 99999999999999999999999, end: 3, quote: \"abc\")])"
            ),
            "Integer is out of bounds",
        ),
        (
            format!(
                "{head}{doc}, passages: [(id: \"p000000000001\", doc: \"d000000000001\", \
                 start: 18446744073709551615, end: 3, quote: \"abc\")])"
            ),
            "does not fit its document of 3 chars",
        ),
        (
            format!(
                "{head}{doc}, passages: [(id: \"p000000000001\", doc: \"t000000000001\", \
                 start: 0, end: 3, quote: \"abc\")])"
            ),
            "is not a document id",
        ),
        (
            format!(
                "{head}documents: [(id: \"d000000000001\", title: \"x\", text: \"a\"), (id: \"d000000000001\", title: \"y\", text: \"b\")])"
            ),
            "the id d000000000001 is used twice",
        ),
        (
            format!(
                "{head}{doc}, passages: [(id: \"p000000000001\", doc: \"d000000000001\", \
                 start: 0, end: 3, quote: \"abc\")], orphans: [(id: \"p000000000001\", \
                 doc: \"d000000000001\", start: 0, end: 3, quote: \"zzz\")])"
            ),
            "the id p000000000001 is used twice",
        ),
        (
            format!(
                "{head}orphans: [(id: \"p000000000001\", doc: \"d000000000009\", start: 0, \
                 end: 3, quote: \"zzz\")])"
            ),
            "orphaned passage p000000000001 refers to document d000000000009",
        ),
        (
            format!(
                "{head}{doc_unterminated}",
                doc_unterminated = "documents: [(id: \"d000000000001\", title: \"x\", text: \""
            ) + &"a".repeat(1_000_000),
            "Expected end of string",
        ),
        (
            format!(
                "(format: \"dossier\", version: 1, title: r{}\"x\"{})",
                "#".repeat(10_000),
                "#".repeat(9_999)
            ),
            "Expected end of string",
        ),
        (
            "(format: \"dossier\", version: 4294967296)".to_owned(),
            "Integer is out of bounds",
        ),
        (
            "{\"format\": \"dossier\"}".to_owned(),
            "Expected opening `(`",
        ),
    ];
    for (text, expected) in cases {
        let err = store::from_ron_str(&text, Path::new("hostile.ron"))
            .expect_err("a hostile file is refused");
        let message = err.to_string();
        assert!(
            message.contains(expected) && message.ends_with("hostile.ron"),
            "expected {expected:?}, got {message}"
        );
    }
}
