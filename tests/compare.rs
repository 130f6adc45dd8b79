//! Stories of the Compare view (issue 13) on the real window through egui_kittest: two analysts
//! of one project compared, a difference settled with "Adopt B", the change undone with Ctrl+Z.

mod common;

use common::gui::{
    SHIFT_CMD, answer_path_prompt, click, harness_for, in_app_harness, press_mod, replace_field,
    type_into, until_idle,
};

use dossier::agree::{self, DifferenceKind, Options};
use dossier::edit::{Edit, apply};
use dossier::model::{Passage, PassageId, Project};
use dossier::ui::Workbench;
use dossier::ui::views::CentreView;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// The example with every passage signed by Ana and a copy of each signed by Boris, except that
/// Boris ends the first passage three chars early and leaves the fourth out.
fn two_analysts() -> (Project, PassageId) {
    let example = dossier::example::example_project().expect("the example loads");
    let mut project = example.clone();
    let in_order: Vec<Passage> = example
        .passages_in_file_order()
        .into_iter()
        .cloned()
        .collect();
    let first = in_order[0].id;
    for (i, p) in in_order.into_iter().enumerate() {
        let mut signed = p.clone();
        signed.author = "Ana".into();
        apply(&mut project, Edit::SetPassage(Box::new(signed))).expect("sign");
        if i == 3 {
            continue;
        }
        let doc = project.document(p.doc).expect("doc").clone();
        let end = if i == 0 { p.end - 3 } else { p.end };
        let mut copy = Passage::new(&doc, p.start, end).expect("span");
        copy.id = PassageId::random();
        copy.tags = p.tags.clone();
        copy.author = "Boris".into();
        apply(&mut project, Edit::AddPassage(Box::new(copy))).expect("add");
    }
    (project, first)
}

fn differences(project: &Project) -> Vec<agree::Difference> {
    let (a, b) = agree::coders(project, "Ana", "Boris").expect("two analysts");
    agree::compare(&a, &b, &Options::default())
        .expect("report")
        .disagreements
}

/// Clicks the row of the differences that says `kind` (as "only B") and quotes `quote`, found by
/// its first three words.
fn click_row(h: &mut Harness<'_, Workbench>, kind: &str, quote: &str) {
    let words: Vec<&str> = quote.split_whitespace().take(3).collect();
    let row = format!("{kind}: “{}", words.join(" "));
    let label = h
        .query_by_label_contains(&row)
        .and_then(|n| n.accesskit_node().label())
        .unwrap_or_else(|| panic!("no row {row:?}"));
    click(h, &label);
}

#[test]
fn adopt_b_in_the_compare_view_changes_the_project_and_ctrl_z_restores_it() {
    let (project, first) = two_analysts();
    let before = differences(&project);
    assert_eq!(before.len(), 2, "{before:#?}");
    let boundary = before
        .iter()
        .find(|d| d.kind == DifferenceKind::Boundaries)
        .expect("the shortened passage")
        .clone();
    let boris = boundary.b.clone().expect("Boris's passage");
    assert_eq!(
        boundary.a.as_ref().map(|a| a.passage.clone()),
        Some(first.to_string())
    );

    let mut h = harness_for(Workbench::new(project.clone(), None));
    h.run();
    press_mod(&mut h, SHIFT_CMD, Key::A);
    assert_eq!(h.state().view(), CentreView::Compare);
    // The figures are there, and the difference is listed.
    assert!(h.query_by_label_contains("A: Ana · B: Boris").is_some());
    click_row(&mut h, "boundaries differ", &boris.quote);
    click(&mut h, "Adopt B");

    // Ana's passage now reads as Boris's: his span, the same tags; one undo step.
    let after = h
        .state()
        .project()
        .passage(first)
        .expect("still there")
        .clone();
    assert_eq!((after.start, after.end), (boris.start, boris.end));
    assert_eq!(after.author, "Ana", "still Ana's passage");
    assert_eq!(h.state().history().undo_len(), 1);
    assert_eq!(
        differences(h.state().project()).len(),
        1,
        "the boundary difference is settled"
    );

    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        *h.state().project(),
        project,
        "undo restores the project exactly"
    );
    assert_eq!(differences(h.state().project()), before);
}

/// A large comparison is worked out on a worker (forced here by lowering the threshold): a
/// spinner first, the figures when it is done; after an adoption the last comparison stays shown
/// with its adoptions held back until the new one is done, which no longer lists the difference.
#[test]
fn a_large_comparison_is_worked_out_on_a_worker_and_adopting_waits_for_it() {
    let (project, _) = two_analysts();
    let mut h = harness_for(Workbench::new(project, None));
    h.state_mut().compare_mut().at_once = Some(0);
    h.run();
    h.state_mut().push(dossier::ui::action::Action::Run(
        dossier::ui::command::Command::Show(CentreView::Compare),
    ));
    h.step();
    h.step();
    let done = |h: &mut Harness<'_, Workbench>| {
        for _ in 0..2000 {
            h.step();
            if !h.state_mut().compare_mut().is_computing() {
                h.run();
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        panic!("the comparison did not finish");
    };
    assert!(h.state_mut().compare_mut().is_computing(), "on a worker");
    assert!(
        h.query_by_label_contains("Comparing").is_some(),
        "a spinner says so"
    );
    done(&mut h);
    assert!(h.query_by_label_contains("A: Ana · B: Boris").is_some());
    let before = h
        .state_mut()
        .compare_mut()
        .report()
        .expect("a report")
        .disagreements
        .len();
    assert_eq!(before, 2);

    let only_a = differences(h.state().project())
        .into_iter()
        .find(|d| d.kind == DifferenceKind::OnlyA)
        .and_then(|d| d.a)
        .expect("the passage Boris left out");
    click_row(&mut h, "only A", &only_a.quote);
    h.get_by_label("Adopt A").click();
    h.step();
    h.step();
    assert!(
        h.state_mut().compare_mut().is_computing(),
        "the new state is compared"
    );
    assert!(
        h.get_by_label("Adopt A").accesskit_node().is_disabled(),
        "adopting waits for the comparison of the new state"
    );
    done(&mut h);
    assert_eq!(
        h.state_mut()
            .compare_mut()
            .report()
            .expect("a report")
            .disagreements
            .len(),
        before - 1,
        "the adopted difference is settled"
    );
}

/// "Export agreement as CSV…" in the Compare view writes the table `dossier agree --csv` prints
/// (the same bytes), and Python's csv module reads it back with the report's figures.
#[test]
fn the_compare_view_exports_the_agreement_table_as_csv_python_reads_it() {
    let (project, _) = two_analysts();
    let dir = tempfile::tempdir().expect("temp dir");
    let saved = dir.path().join("two.ron");
    dossier::store::save(&project, &saved).expect("saves");
    let csv_path = dir.path().join("agreement.csv");

    let mut h = in_app_harness(Workbench::new(project.clone(), None));
    h.run();
    press_mod(&mut h, SHIFT_CMD, Key::A);
    click(&mut h, "Export agreement as CSV…");
    h.run_steps(3);
    answer_path_prompt(&mut h, &csv_path, "Export");
    let written = std::fs::read(&csv_path).expect("the CSV is written");

    // The same bytes as the command line's --csv.
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("agree")
        .arg(&saved)
        .args(["--coder", "Ana", "--coder", "Boris", "--csv"])
        .output()
        .expect("dossier runs");
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&cli.stdout)
    );

    // Python's csv module reads it: one row overall and one per tag, the figures of the report.
    let script = "import csv, json, sys\n\
                  rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))\n\
                  print(json.dumps(rows))\n";
    let output = match std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&csv_path)
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
    let (a, b) = agree::coders(&project, "Ana", "Boris").expect("coders");
    let report = agree::compare(&a, &b, &Options::default()).expect("report");
    assert_eq!(rows.len(), 1 + report.tags.len());
    let overall = &rows[0];
    assert_eq!(overall["tag"], "overall");
    let f1 = report.overall.f1.expect("F1");
    assert_eq!(overall["f1"], format!("{f1:.6}"));
    assert_eq!(
        overall["a_units"],
        report.overall.counts.a_units.to_string()
    );
    let tags: Vec<&str> = rows[1..].iter().filter_map(|r| r["tag"].as_str()).collect();
    let expected: Vec<&str> = report.tags.keys().map(String::as_str).collect();
    assert_eq!(tags, expected);
}

/// The example project without its first passage ("ours"), the passage, and a folder holding
/// the whole example as `theirs.ron`.
fn one_passage_apart() -> (Project, Passage, tempfile::TempDir) {
    let theirs = dossier::example::example_project().expect("the example loads");
    let gone = theirs.passages_in_file_order()[0].clone();
    let mut ours = theirs.clone();
    apply(&mut ours, Edit::RemovePassage(gone.id)).expect("remove");
    let dir = tempfile::tempdir().expect("temp dir");
    dossier::store::save(&theirs, &dir.path().join("theirs.ron")).expect("saves");
    (ours, gone, dir)
}

/// The open project against another file: the passage only the file has is listed as "only B";
/// "Adopt B" copies it in (tags matched by path), "Adopt A" is not offered, Ctrl+Z takes it out.
#[test]
fn adopt_b_from_another_file_copies_its_passage_and_undo_removes_it() {
    let (ours, gone, dir) = one_passage_apart();
    let path = dir.path().join("theirs.ron");

    let mut h = harness_for(Workbench::new(ours.clone(), None));
    h.run();
    press_mod(&mut h, SHIFT_CMD, Key::A);
    click(&mut h, "This project with another file");
    type_into(&mut h, "Other project (B)", &path.display().to_string());
    // The file is read on a worker (a spinner meanwhile); the comparison shows once it is read.
    h.get_by_label("Compare with this file").click();
    h.step();
    until_idle(&mut h);
    assert!(h.query_by_label_contains("1 difference").is_some());
    click_row(&mut h, "only B", &gone.quote);
    assert!(
        h.get_by_label("Adopt A").accesskit_node().is_disabled(),
        "this project already reads it as A"
    );
    click(&mut h, "Adopt B");
    let copied = h
        .state()
        .project()
        .passage(gone.id)
        .expect("copied in")
        .clone();
    assert_eq!(
        (copied.start, copied.end, &copied.tags),
        (gone.start, gone.end, &gone.tags)
    );
    assert!(h.query_by_label_contains("0 differences").is_some());

    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(*h.state().project(), ours, "undo takes it out again");
}

/// A file that is not a project says why, after reading on the worker, and the comparison
/// already shown stays.
#[test]
fn a_broken_other_file_says_why_and_keeps_the_comparison() {
    let (ours, _, dir) = one_passage_apart();
    let good = dir.path().join("theirs.ron");
    let broken = dir.path().join("broken.ron");
    let text = std::fs::read_to_string(&good).expect("read");
    std::fs::write(&broken, &text[..text.len() / 2]).expect("truncated copy");

    let mut h = harness_for(Workbench::new(ours, None));
    h.run();
    press_mod(&mut h, SHIFT_CMD, Key::A);
    click(&mut h, "This project with another file");
    let compare_with = |h: &mut egui_kittest::Harness<'_, Workbench>, path: &std::path::Path| {
        replace_field(h, "Other project (B)", &path.display().to_string());
        h.get_by_label("Compare with this file").click();
        h.step();
        until_idle(h);
    };
    compare_with(&mut h, &broken);
    assert!(
        h.query_by_label_contains("Could not read").is_some(),
        "the truncated file is refused with a reason"
    );
    compare_with(&mut h, &good);
    assert!(h.query_by_label_contains("Could not read").is_none());
    assert!(h.query_by_label_contains("1 difference").is_some());
    compare_with(&mut h, &broken);
    assert!(h.query_by_label_contains("Could not read").is_some());
    assert!(
        h.query_by_label_contains("1 difference").is_some(),
        "the comparison with the good file stays"
    );
}
