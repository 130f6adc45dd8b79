//! `dossier agree` on the example project and a colleague's copy of it with 10 passages removed
//! and 5 boundaries moved: the figures fall from exactly 1 and the differences name exactly those.

use std::collections::BTreeSet;
use std::path::Path;

use dossier::edit::{Edit, apply};
use dossier::model::{PassageId, Project};
use dossier::store;

mod common;

fn dossier(args: &[&Path]) -> (i32, String, String) {
    let run = common::cli::dossier(args);
    (run.code, run.stdout, run.stderr)
}

fn json(a: &Path, b: &Path) -> serde_json::Value {
    let (code, out, err) = dossier(&[Path::new("agree"), a, b, Path::new("--json")]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("agree --json prints JSON")
}

/// Passages of the example that overlap no other passage, in file order: removing or moving one
/// of them cannot make another pair match differently.
fn lone_passages(project: &Project) -> Vec<PassageId> {
    let all: Vec<_> = project.passages_in_file_order();
    all.iter()
        .filter(|p| {
            p.end - p.start > 30
                && !all
                    .iter()
                    .any(|q| q.id != p.id && q.doc == p.doc && q.start < p.end && p.start < q.end)
        })
        .map(|p| p.id)
        .collect()
}

fn ids(report: &serde_json::Value, kind: &str, side: &str) -> BTreeSet<String> {
    report["disagreements"]
        .as_array()
        .expect("a list")
        .iter()
        .filter(|d| d["kind"] == kind)
        .map(|d| d[side]["passage"].as_str().expect("an id").to_owned())
        .collect()
}

#[test]
fn removed_passages_and_moved_boundaries_are_named_and_lower_the_figures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a_path = dir.path().join("a.ron");
    let b_path = dir.path().join("b.ron");
    let a = dossier::example::example_project().expect("the example loads");
    store::save(&a, &a_path).expect("save A");

    let lone = lone_passages(&a);
    assert!(
        lone.len() >= 15,
        "the example has {} lone passages",
        lone.len()
    );
    let (removed, moved) = (&lone[..10], &lone[10..15]);
    let mut b = a.clone();
    for id in removed {
        apply(&mut b, Edit::RemovePassage(*id)).expect("remove");
    }
    for id in moved {
        let p = a.passage(*id).expect("passage");
        let edit = Edit::SetPassageSpan {
            passage: *id,
            start: p.start + 3,
            end: p.end,
        };
        apply(&mut b, edit).expect("move");
    }
    store::save(&b, &b_path).expect("save B");

    let same = json(&a_path, &a_path);
    for key in ["alpha_u", "kappa", "f1", "percent_agreement"] {
        assert_eq!(same["overall"][key], 1.0, "{key}: {}", same["overall"]);
    }
    assert_eq!(same["disagreements"].as_array().map(Vec::len), Some(0));

    let report = json(&a_path, &b_path);
    let overall = &report["overall"];
    for key in ["alpha_u", "f1", "recall", "percent_agreement"] {
        let value = overall[key].as_f64().expect("a number");
        assert!(value < 1.0 && value > 0.5, "{key} = {value}");
    }
    assert_eq!(overall["precision"], 1.0, "B added nothing");
    let n = a.passages().len();
    assert_eq!(overall["counts"]["a_units"], n);
    assert_eq!(overall["counts"]["b_units"], n - 10);
    assert_eq!(overall["counts"]["only_a"], 10);

    let want_removed: BTreeSet<String> = removed.iter().map(ToString::to_string).collect();
    let want_moved: BTreeSet<String> = moved.iter().map(ToString::to_string).collect();
    assert_eq!(ids(&report, "only_a", "a"), want_removed);
    assert_eq!(ids(&report, "boundaries", "a"), want_moved);
    assert_eq!(
        report["disagreements"].as_array().map(Vec::len),
        Some(15),
        "nothing else differs"
    );

    // The other way round: the same figures, the sides of the differences swapped.
    let back = json(&b_path, &a_path);
    let close = |x: &serde_json::Value, y: &serde_json::Value| {
        (x.as_f64().expect("number") - y.as_f64().expect("number")).abs() < 1e-9
    };
    assert!(close(&back["overall"]["alpha_u"], &overall["alpha_u"]));
    assert!(close(&back["overall"]["f1"], &overall["f1"]));
    assert_eq!(ids(&back, "only_b", "b"), want_removed);

    // Text and CSV for people and spreadsheets; a tag that names nothing is refused.
    let (code, text, _) = dossier(&[Path::new("agree"), &a_path, &b_path]);
    assert_eq!(code, 0);
    assert!(text.contains("15 difference(s)"), "{text}");
    assert!(text.contains("only A") && text.contains("boundaries differ"));
    let (code, csv, _) = dossier(&[Path::new("agree"), &a_path, &b_path, Path::new("--csv")]);
    assert_eq!(code, 0);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let first = rows.records().next().expect("a row").expect("valid CSV");
    assert_eq!(&first[0], "overall");
    let (code, _, err) = dossier(&[
        Path::new("agree"),
        &a_path,
        &b_path,
        Path::new("--tag"),
        Path::new("No such tag"),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no tag named"), "{err}");
}

/// Two analysts inside one merged project (`--coder`): the same figures as their two files.
#[test]
fn two_coders_of_one_project_agree_as_their_two_files_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dossier::example::example_project().expect("the example loads");
    let lone = lone_passages(&a);
    let mut b = a.clone();
    for id in &lone[..6] {
        apply(&mut b, Edit::RemovePassage(*id)).expect("remove");
    }
    let (a_path, b_path) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    store::save(&a, &a_path).expect("save A");
    store::save(&b, &b_path).expect("save B");

    // One project: A's passages signed "Ana", and a copy of each of B's signed "Boris".
    let mut both = a.clone();
    for p in a.passages().values() {
        let mut signed = p.clone();
        signed.author = "Ana".into();
        apply(&mut both, Edit::SetPassage(Box::new(signed))).expect("sign");
    }
    for p in b.passages().values() {
        let mut copy = p.clone();
        copy.id = PassageId::random();
        copy.author = "Boris".into();
        apply(&mut both, Edit::AddPassage(Box::new(copy))).expect("add");
    }
    let both_path = dir.path().join("both.ron");
    store::save(&both, &both_path).expect("save");

    let files = json(&a_path, &b_path);
    let (code, out, err) = dossier(&[
        Path::new("agree"),
        &both_path,
        Path::new("--coder"),
        Path::new("ana"),
        Path::new("--coder"),
        Path::new("Boris"),
        Path::new("--json"),
    ]);
    assert_eq!(code, 0, "{err}");
    let coders: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    for key in ["alpha_u", "kappa", "f1", "percent_agreement", "counts"] {
        assert_eq!(coders["overall"][key], files["overall"][key], "{key}");
    }
    assert!(files["overall"]["f1"].as_f64().expect("f1") < 1.0);
    assert_eq!(coders["a"], "ana");

    // A name nobody signed is refused with the names that exist; one --coder is not enough.
    let (code, _, err) = dossier(&[
        Path::new("agree"),
        &both_path,
        Path::new("--coder"),
        Path::new("Ana"),
        Path::new("--coder"),
        Path::new("Chen"),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("\"Chen\"") && err.contains("Ana, Boris"),
        "{err}"
    );
    let (code, _, err) = dossier(&[
        Path::new("agree"),
        &both_path,
        Path::new("--coder"),
        Path::new("Ana"),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("1 given"), "{err}");
}

/// The example signed "Ana", plus a copy of it without six passages signed "Boris", in one file.
fn two_analysts(dir: &Path) -> std::path::PathBuf {
    let a = dossier::example::example_project().expect("the example loads");
    let lone = lone_passages(&a);
    let mut both = a.clone();
    for p in a.passages().values() {
        let mut signed = p.clone();
        signed.author = "Ana".into();
        apply(&mut both, Edit::SetPassage(Box::new(signed))).expect("sign");
    }
    for p in a.passages().values().filter(|p| !lone[..6].contains(&p.id)) {
        let mut copy = p.clone();
        copy.id = PassageId::random();
        copy.author = "Boris".into();
        apply(&mut both, Edit::AddPassage(Box::new(copy))).expect("add");
    }
    let path = dir.join("both.ron");
    store::save(&both, &path).expect("save");
    path
}

/// `dossier export --agreement-coders A,B` appends the agreement table to the Markdown, HTML,
/// DOCX and PDF briefs, with the figures `dossier agree --coder A --coder B` gives; other formats and unknown
/// analysts are refused and write nothing.
#[test]
fn the_briefs_append_the_agreement_table_of_two_analysts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let both = two_analysts(dir.path());
    let (code, out, err) = dossier(&[
        Path::new("agree"),
        &both,
        Path::new("--coder"),
        Path::new("Ana"),
        Path::new("--coder"),
        Path::new("Boris"),
        Path::new("--json"),
    ]);
    assert_eq!(code, 0, "{err}");
    let figures: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let f1 = figures["overall"]["f1"].as_f64().expect("f1");
    assert!(f1 < 1.0, "the analysts differ: {f1}");
    let f1 = format!("{f1:.3}");
    let a_units = figures["overall"]["counts"]["a_units"].to_string();

    let md = dir.path().join("brief.md");
    let (code, _, err) = dossier(&[
        Path::new("export"),
        &both,
        Path::new("--format"),
        Path::new("md"),
        Path::new("--agreement-coders"),
        Path::new("Ana,Boris"),
        Path::new("--out"),
        &md,
    ]);
    assert_eq!(code, 0, "{err}");
    let md = std::fs::read_to_string(&md).expect("the brief");
    let appendix = md
        .split("## Appendix: inter-coder agreement, Ana and Boris")
        .nth(1)
        .expect("the appendix heading");
    let overall = appendix
        .lines()
        .find(|l| l.starts_with("| overall |"))
        .expect("the overall row");
    let cells: Vec<&str> = overall.split('|').map(str::trim).collect();
    // | overall | α_u | κ | F1 | percent | A's | B's | matched | why |
    assert_eq!(cells[4], f1, "{overall}");
    assert_eq!(cells[6], a_units, "{overall}");
    assert!(
        appendix.contains("| Percent agreement (chars) |"),
        "{appendix}"
    );

    let (code, html, err) = dossier(&[
        Path::new("export"),
        &both,
        Path::new("--format"),
        Path::new("html"),
        Path::new("--agreement-coders"),
        Path::new("Ana,Boris"),
    ]);
    assert_eq!(code, 0, "{err}");
    let section = html
        .find("<section class=\"table appendix\">")
        .expect("the appendix section");
    assert!(
        section < html.rfind("</body>").expect("the end"),
        "inside the body"
    );
    assert!(
        html[section..].contains("<h2>Appendix: inter-coder agreement, Ana and Boris</h2>"),
        "its heading"
    );
    if let Some(sources) = html.find("<section class=\"sources\">") {
        assert!(
            section < sources,
            "the last table, before the sources, as in DOCX"
        );
    }
    assert!(html.contains("<td>overall</td>"), "the overall row");
    assert!(
        html[section..].contains(&format!("<td>{f1}</td>")),
        "F1 {f1}"
    );

    // The document briefs take it too (their tables are read back in src/export/agreement.rs).
    for (format, magic) in [("docx", &b"PK"[..]), ("pdf", &b"%PDF-"[..])] {
        let file = dir.path().join(format!("brief.{format}"));
        let (code, _, err) = dossier(&[
            Path::new("export"),
            &both,
            Path::new("--format"),
            Path::new(format),
            Path::new("--agreement-coders"),
            Path::new("Ana,Boris"),
            Path::new("--out"),
            &file,
        ]);
        assert_eq!(code, 0, "{format}: {err}");
        assert!(std::fs::read(&file).expect("written").starts_with(magic));
    }

    // Refused: a format without the appendix, an analyst nobody signed, one name only.
    let out = dir.path().join("refused.csv");
    for (format, coders, says) in [
        ("csv", "Ana,Boris", "agreement-coders option applies to"),
        ("md", "Ana,Chen", "\"Chen\""),
        ("md", "Ana", "two analyst names"),
    ] {
        let (code, _, err) = dossier(&[
            Path::new("export"),
            &both,
            Path::new("--format"),
            Path::new(format),
            Path::new("--agreement-coders"),
            Path::new(coders),
            Path::new("--out"),
            &out,
        ]);
        assert_ne!(code, 0, "{format} {coders}");
        assert!(err.contains(says), "{format} {coders}: {err}");
        assert!(!out.exists(), "nothing written for {format} {coders}");
    }
}
