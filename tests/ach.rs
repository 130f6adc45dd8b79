//! Story tests of `dossier ach`: the example's ranking and matrix as text, JSON and CSV (the CSV
//! read back by Python's csv module), the same scores the library (and so the window) computes,
//! and the errors.

use std::ffi::OsStr;
use std::process::Command;

mod common;

use common::cli::dossier;
use common::example_file;
use dossier::ach::scores;
use dossier::example::example_project;
use dossier::model::{Project, Rating};
use dossier::store;

fn example() -> Project {
    example_project().expect("the example loads")
}

#[test]
fn ach_json_of_the_example_gives_the_scores_the_library_computes() {
    let run = dossier([
        OsStr::new("ach"),
        example_file().as_os_str(),
        OsStr::new("--json"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let project = example();
    let expected = scores(&project);
    let hypotheses = v["hypotheses"].as_array().expect("hypotheses");
    assert_eq!(hypotheses.len(), 3);
    for (json, score) in hypotheses.iter().zip(&expected.ranking) {
        assert_eq!(json["id"], score.id.to_string());
        let got = json["inconsistency"].as_f64().expect("a number");
        assert!(
            (got - score.inconsistency).abs() < 1e-9,
            "{got} vs {score:?}"
        );
        assert!(json["title"].as_str().is_some_and(|t| !t.is_empty()));
    }
    let ranked: Vec<f64> = (hypotheses.iter())
        .map(|h| h["inconsistency"].as_f64().unwrap_or(f64::NAN))
        .collect();
    assert!(
        ranked.windows(2).all(|w| w[0] <= w[1]),
        "least inconsistent first: {ranked:?}"
    );
    assert_eq!(hypotheses[0]["leading"], true);

    let evidence = v["evidence"].as_array().expect("evidence");
    assert!(evidence.len() >= 12, "{} rows", evidence.len());
    let names: Vec<&str> = Rating::ALL.iter().map(|r| r.as_str()).collect();
    let mut rated = 0;
    for row in evidence {
        assert!(row["id"].is_string());
        assert!(
            row["passage"].is_string() != row["claim"].is_string(),
            "{row}"
        );
        assert!(row["enabled"].is_boolean() && row["diagnostic"].is_boolean());
        let ratings = row["ratings"].as_object().expect("ratings");
        for (h, r) in ratings {
            assert!(hypotheses.iter().any(|x| x["id"] == h.as_str()));
            assert!(names.contains(&r.as_str().unwrap_or("")), "{r}");
        }
        if ratings.len() == 3 {
            rated += 1;
        }
    }
    assert!(rated >= 12, "{rated} fully rated rows");
    assert!(
        evidence.iter().any(|r| r["diagnostic"] == false),
        "the example shows a row that is not diagnostic"
    );
    assert!(evidence.iter().any(|r| r["claim"].is_string()));
    assert!(v["formula"].as_str().is_some_and(|f| f.contains("II = 2")));
}

#[test]
fn ach_prints_the_ranking_the_formula_and_the_matrix() {
    let run = dossier([OsStr::new("ach"), example_file().as_os_str()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let project = example();
    let scores = scores(&project);
    let leader = &project.ach().hypotheses()[scores.ranking[0].index];
    let first = run.stdout.lines().nth(1).expect("a ranking line");
    assert!(first.starts_with("  1."), "{first}");
    assert!(first.contains(&leader.title) && first.contains("[leading]"));
    assert!(run.stdout.contains("inconsistency(H) = "));
    assert!(run.stdout.contains("not diagnostic"));
    let rows = run
        .stdout
        .lines()
        .filter(|l| l.contains("(credibility "))
        .count();
    assert_eq!(rows, project.ach().rows().len());
}

#[test]
fn ach_csv_reads_back_in_python_with_one_column_per_hypothesis() {
    let run = dossier([
        OsStr::new("ach"),
        example_file().as_os_str(),
        OsStr::new("--csv"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("ach.csv");
    std::fs::write(&csv, &run.stdout).expect("writes");
    let script = "import csv, json, sys\n\
                  rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))\n\
                  print(json.dumps(rows))\n";
    let output = match Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&csv)
        .output()
    {
        Ok(output) => output,
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: python3 is not installed ({e})");
            return;
        }
        Err(e) => panic!("python3 is needed in CI: {e}"),
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_slice(&output.stdout).expect("python's JSON");
    let project = example();
    assert_eq!(
        rows.len(),
        project.ach().rows().len() + 1,
        "rows and the score row"
    );
    let scores = scores(&project);
    let last = rows.last().expect("the score row");
    assert_eq!(last["id"], "score");
    for h in project.ach().hypotheses() {
        let score = scores.of(h.id).expect("scored").inconsistency;
        assert_eq!(last[&h.title], format!("{score:.2}"));
    }
    for (row, csv_row) in project.ach().rows().iter().zip(&rows) {
        assert_eq!(csv_row["id"], row.source.to_string());
        for h in project.ach().hypotheses() {
            assert_eq!(
                csv_row[&h.title],
                row.rating(h.id).map_or("", |r| r.as_str())
            );
        }
    }
}

#[test]
fn ach_of_a_project_without_hypotheses_and_its_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("empty.ron");
    store::save(&Project::new("Empty"), &path).expect("saves");
    let run = dossier([OsStr::new("ach"), path.as_os_str()]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "no hypotheses\n"));
    let run = dossier([OsStr::new("ach"), path.as_os_str(), OsStr::new("--json")]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v["hypotheses"], serde_json::json!([]));
    assert_eq!(v["evidence"], serde_json::json!([]));
    let run = dossier(["ach", "/nonexistent/p.ron"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("/nonexistent/p.ron"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let run = dossier([
        OsStr::new("ach"),
        path.as_os_str(),
        OsStr::new("--json"),
        OsStr::new("--csv"),
    ]);
    assert_eq!(run.code, 2, "one form at a time");
}

#[test]
fn the_example_with_its_matrix_is_canonical_through_the_fast_writer() {
    let project = example();
    assert_eq!(project.ach().hypotheses().len(), 3);
    let fast = store::fast_ron_string(&project).expect("the fast writer writes the matrix");
    assert_eq!(fast, dossier::example::EXAMPLE_RON);
    assert!(fast.contains("ach: ("));
}
