//! `dossier claims`: the example's claims, contested and single-source, as text and JSON.

use super::*;

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
