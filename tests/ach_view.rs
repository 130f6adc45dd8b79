//! Story tests of the Hypotheses view (issue 15) in the real window, through egui_kittest and the
//! shared toolkit (`tests/common`): write, edit, reorder and delete hypotheses; add passages as
//! evidence from the reader (`H`, on a passage and on a text selection) and from the excerpts
//! table's filter, and a claim from the Claims view; rate them by keyboard and watch the ranking
//! change; undo a rating; switch a row off; move rows and columns with `Alt+arrows`. And the
//! scores the window shows are the ones `dossier ach --json` prints.

mod common;

use common::example_file;
use common::gui::{SHIFT_CMD, click, in_app_harness, press, press_mod, type_text};
use dossier::ach::{format_score, scores};
use dossier::edit::{AchEdit, Edit};
use dossier::example::example_project;
use dossier::model::{Project, Rating, RowSource};
use dossier::ui::Workbench;
use dossier::ui::views::CentreView;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// The example's articles, passages and claims without its matrix.
fn bare_example() -> Project {
    let mut project = example_project().expect("the example loads");
    let ach = project.ach().clone();
    for row in ach.rows() {
        dossier::edit::apply(&mut project, Edit::Ach(AchEdit::RemoveRow(row.source)))
            .expect("removes");
    }
    for h in ach.hypotheses() {
        dossier::edit::apply(&mut project, Edit::Ach(AchEdit::RemoveHypothesis(h.id)))
            .expect("removes");
    }
    assert!(project.ach().is_empty());
    project
}

/// A harness with in-app file prompts on `project`, drawn once.
fn harness(project: Project) -> Harness<'static, Workbench> {
    let mut h = in_app_harness(Workbench::new(project, None));
    h.run();
    h
}

/// The text field with this accessible name.
fn field<'h>(h: &'h Harness<'_, Workbench>, name: &'h str) -> egui_kittest::Node<'h> {
    h.query_all_by_label(name)
        .find(|n| {
            matches!(
                n.accesskit_node().role(),
                Role::TextInput | Role::MultilineTextInput
            )
        })
        .unwrap_or_else(|| panic!("no text field {name:?}"))
}

/// Clicks into a text field, selects what it holds and types `text` over it.
fn retype(h: &mut Harness<'_, Workbench>, name: &str, text: &str) {
    field(h, name).click();
    h.run();
    press_mod(h, Modifiers::COMMAND, Key::A);
    type_text(h, text);
}

/// The hypotheses' titles, in order.
fn titles(h: &Harness<'_, Workbench>) -> Vec<String> {
    (h.state().project().ach().hypotheses().iter())
        .map(|x| x.title.clone())
        .collect()
}

/// The leading hypothesis's title, by the library's scores.
fn leader(h: &Harness<'_, Workbench>) -> String {
    let project = h.state().project();
    let first = scores(project).ranking.first().cloned().expect("ranked");
    project.ach().hypotheses()[first.index].title.clone()
}

/// The newest notice's text (empty when there is none).
fn last_notice(h: &Harness<'_, Workbench>) -> String {
    (h.state().notices().last())
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

/// The sources of the matrix's rows, in order.
fn rows(h: &Harness<'_, Workbench>) -> Vec<RowSource> {
    (h.state().project().ach().rows().iter())
        .map(|r| r.source)
        .collect()
}

/// Every line of the view's ranking is there, as the library ranks the hypotheses.
fn assert_the_view_shows_the_scores(h: &Harness<'_, Workbench>) {
    let project = h.state().project();
    let s = scores(project);
    for (rank, score) in s.ranking.iter().enumerate() {
        let title = &project.ach().hypotheses()[score.index].title;
        let line = format!(
            "{}. H{} {} — inconsistency {}",
            rank + 1,
            score.index + 1,
            title,
            format_score(score.inconsistency)
        );
        assert!(
            h.query_by_label_contains(&line).is_some(),
            "the view does not show {line:?}"
        );
    }
}

#[test]
fn write_edit_reorder_and_delete_hypotheses_in_the_window() {
    let mut h = harness(bare_example());
    press_mod(&mut h, SHIFT_CMD, Key::Y);
    assert_eq!(h.state().view(), CentreView::Ach);

    for title in ["Good faith", "Stalling", "Partial truce", "Spare"] {
        field(&h, "Title of a new hypothesis").click();
        h.run();
        type_text(&mut h, title);
        click(&mut h, "Add hypothesis");
    }
    assert_eq!(
        titles(&h),
        ["Good faith", "Stalling", "Partial truce", "Spare"]
    );

    // Edit H3's title and description in place: one edit.
    click(&mut h, "Edit H3");
    retype(&mut h, "Title of H3", "Only a partial truce is in reach");
    retype(
        &mut h,
        "Description of H3",
        "Air or energy strikes pause; the war goes on.",
    );
    click(&mut h, "Save hypothesis");
    let h3 = h.state().project().ach().hypotheses()[2].clone();
    assert_eq!(h3.title, "Only a partial truce is in reach");
    assert_eq!(
        h3.description,
        "Air or energy strikes pause; the war goes on."
    );
    assert!(
        h.query_by_label("Title of H3").is_none(),
        "the editor closed"
    );

    // Move it left, then undo the move (Ctrl+Z: no text field has focus now).
    click(&mut h, "Move H3 left");
    assert_eq!(titles(&h)[1], "Only a partial truce is in reach");
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(titles(&h)[2], "Only a partial truce is in reach");
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(titles(&h)[2], "Partial truce", "undoing the edit: one step");
    press_mod(&mut h, SHIFT_CMD, Key::Z);
    click(&mut h, "Move H2 right");
    assert_eq!(
        titles(&h),
        [
            "Good faith",
            "Only a partial truce is in reach",
            "Stalling",
            "Spare"
        ]
    );

    // An unrated hypothesis goes at once; undo brings it back in its place.
    click(&mut h, "Delete H4");
    assert_eq!(titles(&h).len(), 3);
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(titles(&h)[3], "Spare");
    click(&mut h, "Delete H4");

    // A rated one asks first: Keep keeps it, Delete deletes it with its ratings.
    let passage = h.state().project().passages_in_file_order()[0].id;
    h.state_mut()
        .push(dossier::ui::action::Action::AddEvidence(vec![
            RowSource::Passage(passage),
        ]));
    h.run();
    press(&mut h, Key::I);
    let good_faith = h.state().project().ach().hypotheses()[0].id;
    assert_eq!(
        h.state().project().ach().rows()[0].rating(good_faith),
        Some(Rating::I)
    );
    click(&mut h, "Delete H1");
    assert!(h.query_by_label_contains("and its 1 rating?").is_some());
    click(&mut h, "Keep");
    assert_eq!(titles(&h).len(), 3);
    click(&mut h, "Delete H1");
    click(&mut h, "Delete");
    assert_eq!(titles(&h)[0], "Only a partial truce is in reach");
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(titles(&h)[0], "Good faith");
    assert_eq!(
        h.state().project().ach().rows()[0].rating(good_faith),
        Some(Rating::I),
        "undo brings the rating back with the hypothesis"
    );

    // The matrix's keys are in the view's hint and in F1.
    assert!(
        h.query_by_label_contains("Alt+arrows move a row or hypothesis")
            .is_some()
    );
    press(&mut h, Key::F1);
    assert!(
        h.query_by_label("Move the cursor's hypothesis left or right")
            .is_some()
    );
}

/// The story: from the real window, three passages become evidence (H in the reader,
/// twice, and the excerpts table's filter), a claim too; rated by keyboard, the ranking changes;
/// a rating is undone; a row is switched off.
#[test]
fn add_evidence_from_the_reader_and_the_excerpts_rate_it_and_watch_the_ranking() {
    let project = bare_example();
    // A passage of another article that a few words of its quote find alone.
    let (filter, third) = {
        let all = project.passages_in_file_order();
        all.iter()
            .rev()
            .find_map(|p| {
                let words: Vec<&str> = p.quote.split_whitespace().take(5).collect();
                let text = words.join(" ").to_lowercase();
                let finds = |q: &dossier::model::Passage| {
                    q.quote.to_lowercase().contains(&text) || q.note.to_lowercase().contains(&text)
                };
                let hits = all.iter().filter(|q| finds(q)).count();
                (words.len() == 5 && finds(p) && hits == 1).then(|| (words.join(" "), p.id))
            })
            .expect("a passage found by its first words alone")
    };
    let mut h = harness(project);

    // Hypotheses first, in the view.
    press_mod(&mut h, SHIFT_CMD, Key::Y);
    for title in ["Good faith", "Stalling"] {
        field(&h, "Title of a new hypothesis").click();
        h.run();
        type_text(&mut h, title);
        click(&mut h, "Add hypothesis");
    }

    // The reader: J selects a passage, H adds it; H again says it is there and adds nothing.
    press(&mut h, Key::F6);
    assert_eq!(h.state().view(), CentreView::Reader);
    press(&mut h, Key::J);
    let first = h.state().selected_passage().expect("J selects a passage");
    press(&mut h, Key::H);
    assert_eq!(rows(&h), [RowSource::Passage(first)]);
    assert!(
        last_notice(&h).starts_with("Added 1 evidence row"),
        "{}",
        last_notice(&h)
    );
    let steps = h.state().history().undo_len();
    press(&mut h, Key::H);
    assert_eq!(rows(&h).len(), 1, "a row already there is not added twice");
    assert_eq!(
        h.state().history().undo_len(),
        steps,
        "and no undo step is made"
    );
    assert!(
        last_notice(&h).contains("1 was already evidence"),
        "{}",
        last_notice(&h)
    );

    // A text selection becomes a passage and its row, in one step.
    let doc = h.state().reader().document().expect("an article is open");
    let text_len = h
        .state()
        .project()
        .document(doc)
        .expect("open")
        .text
        .len_chars();
    h.state_mut()
        .reader_mut()
        .set_selection(text_len - 20..text_len - 2);
    h.run();
    let passages = h.state().project().passages().len();
    press(&mut h, Key::H);
    assert_eq!(h.state().project().passages().len(), passages + 1);
    let second = h
        .state()
        .selected_passage()
        .expect("the new passage is selected");
    assert_eq!(
        rows(&h),
        [RowSource::Passage(first), RowSource::Passage(second)]
    );

    // The excerpts table: filter by text, add what it shows.
    press_mod(&mut h, SHIFT_CMD, Key::E);
    assert_eq!(h.state().view(), CentreView::Excerpts);
    // Focused, not clicked: the notice banner of the last gesture floats over the filter bar.
    field(&h, "Text").focus();
    h.run();
    type_text(&mut h, &filter);
    click(&mut h, "Add these as ACH evidence");
    assert_eq!(
        rows(&h),
        [
            RowSource::Passage(first),
            RowSource::Passage(second),
            RowSource::Passage(third)
        ]
    );

    // A claim from the Claims view.
    let claim = h
        .state()
        .project()
        .evidence()
        .claims()
        .values()
        .next()
        .cloned();
    let claim = claim.expect("the example has claims");
    press_mod(&mut h, SHIFT_CMD, Key::M);
    click(
        &mut h,
        &format!("Add claim {} as ACH evidence", claim.statement),
    );
    assert_eq!(rows(&h)[3], RowSource::Claim(claim.id));
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(rows(&h).len(), 3, "one undo step");

    // Rate by keyboard: row 1 H1 very inconsistent, H2 consistent; row 2 H1 inconsistent.
    press_mod(&mut h, SHIFT_CMD, Key::Y);
    assert_eq!(leader(&h), "Good faith", "all blank: a tie, in order");
    press_mod(&mut h, Modifiers::SHIFT, Key::I);
    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::C);
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowLeft);
    press(&mut h, Key::I);
    let (h1, h2) = {
        let ach = h.state().project().ach();
        (ach.hypotheses()[0].id, ach.hypotheses()[1].id)
    };
    {
        let ach = h.state().project().ach();
        assert_eq!(ach.rows()[0].rating(h1), Some(Rating::II));
        assert_eq!(ach.rows()[0].rating(h2), Some(Rating::C));
        assert_eq!(ach.rows()[1].rating(h1), Some(Rating::I));
    }
    assert_eq!(leader(&h), "Stalling", "the ranking changed");
    assert!(h.query_by_label_contains("1. H2 Stalling").is_some());
    assert_the_view_shows_the_scores(&h);

    // Undo the last rating: one step, that rating only.
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    {
        let ach = h.state().project().ach();
        assert_eq!(ach.rows()[1].rating(h1), None);
        assert_eq!(ach.rows()[0].rating(h1), Some(Rating::II));
    }
    assert_eq!(leader(&h), "Stalling");

    // Switch row 1 off: its II no longer counts, the tie is back and H1 leads again.
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::Space);
    assert!(h.state().project().ach().rows()[0].off);
    assert_eq!(leader(&h), "Good faith");
    assert!(h.query_by_label_contains("1. H1 Good faith").is_some());
    assert_the_view_shows_the_scores(&h);
    press(&mut h, Key::Space);
    assert_eq!(leader(&h), "Stalling", "and on again");

    // Alt+↓ moves the cursor's row down, Alt+→ its hypothesis right; the buttons do the same.
    press_mod(&mut h, Modifiers::ALT, Key::ArrowDown);
    assert_eq!(rows(&h)[1], RowSource::Passage(first));
    press_mod(&mut h, Modifiers::ALT, Key::ArrowRight);
    assert_eq!(titles(&h), ["Stalling", "Good faith"]);
    press(&mut h, Key::N);
    assert_eq!(
        h.state().project().ach().rows()[1].rating(h1),
        Some(Rating::N),
        "the cursor followed the row and the column"
    );
    click(&mut h, "Move row 2 up");
    assert_eq!(rows(&h)[0], RowSource::Passage(first));
    click(&mut h, "Remove row 3 from the matrix");
    assert_eq!(rows(&h).len(), 2);
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(rows(&h)[2], RowSource::Passage(third));
}

/// The window shows the scores `dossier ach saves/ceasefire-2025.ron --json` prints.
#[test]
fn the_window_shows_the_scores_dossier_ach_json_prints() {
    let path = example_file();
    let run = common::cli::dossier([
        std::ffi::OsStr::new("ach"),
        path.as_os_str(),
        std::ffi::OsStr::new("--json"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let ranked = json["hypotheses"].as_array().expect("hypotheses");
    assert_eq!(ranked.len(), 3);

    let mut h = in_app_harness(Workbench::open(&path));
    h.run();
    press_mod(&mut h, SHIFT_CMD, Key::Y);
    let project = h.state().project();
    for (rank, hypothesis) in ranked.iter().enumerate() {
        let id = hypothesis["id"].as_str().expect("an id");
        let index = (project.ach().hypotheses().iter())
            .position(|x| x.id.to_string() == id)
            .expect("the hypothesis is in the project");
        let line = format!(
            "{}. H{} {} — inconsistency {}",
            rank + 1,
            index + 1,
            hypothesis["title"].as_str().expect("a title"),
            format_score(hypothesis["inconsistency"].as_f64().expect("a score"))
        );
        assert!(
            h.query_by_label_contains(&line).is_some(),
            "the window does not show {line:?}"
        );
    }
    assert_the_view_shows_the_scores(&h);
}
