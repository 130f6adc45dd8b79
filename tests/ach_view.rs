//! Story test of the ACH matrix view (issue 15), driven through egui_kittest: add two
//! hypotheses and three passages as evidence, rate the cells from the keyboard, watch the ranking
//! change, undo one rating (one step), switch a row off.

use dossier::ach::scores;
use dossier::edit::{AchEdit, Edit, History};
use dossier::example::example_project;
use dossier::model::{Project, Rating};
use dossier::ui::views::ach::{AchState, ach_ui};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The view over a project, with an undo history that applies what the view asks for.
struct Story {
    project: Project,
    history: History,
    view: AchState,
}

fn harness(project: Project) -> Harness<'static, Story> {
    let story = Story {
        project,
        history: History::new(),
        view: AchState::default(),
    };
    Harness::builder()
        .with_size([1280.0, 800.0])
        .build_ui_state(
            |ui, s: &mut Story| {
                for edit in ach_ui(ui, &s.project, &mut s.view) {
                    s.history
                        .apply(&mut s.project, edit)
                        .expect("the view's edit applies");
                }
            },
            story,
        )
}

/// The example's passages without its matrix.
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
    project
}

fn press(h: &mut Harness<'_, Story>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// The first text field: the new hypothesis's title.
fn first_field<'h>(h: &'h Harness<'_, Story>) -> egui_kittest::Node<'h> {
    h.query_all_by_role(egui::accesskit::Role::TextInput)
        .next()
        .expect("a text field")
}

fn leader(h: &Harness<'_, Story>) -> String {
    let s = h.state();
    let score = scores(&s.project);
    let first = score.ranking.first().expect("ranked");
    s.project.ach().hypotheses()[first.index].title.clone()
}

#[test]
fn rate_the_evidence_by_keyboard_and_watch_the_ranking() {
    let project = bare_example();
    let quotes: Vec<String> = (project.passages_in_file_order().iter().take(3))
        .map(|p| {
            let one = p.quote.split_whitespace().collect::<Vec<_>>().join(" ");
            format!("+ {}", one.chars().take(80).collect::<String>())
        })
        .collect();
    let mut h = harness(project);
    h.run();

    // Two hypotheses, typed in.
    for title in ["Good faith", "Stalling"] {
        first_field(&h).click();
        h.run();
        first_field(&h).type_text(title);
        h.run();
        h.get_by_label("Add hypothesis").click();
        h.run();
    }
    assert_eq!(h.state().project.ach().hypotheses().len(), 2);

    // Three passages as evidence.
    for quote in &quotes {
        h.get_by_label(quote).click();
        h.run();
    }
    assert_eq!(h.state().project.ach().rows().len(), 3);
    assert_eq!(leader(&h), "Good faith", "all blank: a tie, in order");

    // Row 1: H1 very inconsistent, H2 consistent; row 2: H1 inconsistent.
    press(&mut h, Modifiers::SHIFT, Key::I);
    press(&mut h, Modifiers::NONE, Key::ArrowRight);
    press(&mut h, Modifiers::NONE, Key::C);
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    press(&mut h, Modifiers::NONE, Key::I);
    let s = h.state();
    let ach = s.project.ach();
    let (h1, h2) = (ach.hypotheses()[0].id, ach.hypotheses()[1].id);
    assert_eq!(ach.rows()[0].rating(h1), Some(Rating::II));
    assert_eq!(ach.rows()[0].rating(h2), Some(Rating::C));
    assert_eq!(ach.rows()[1].rating(h1), Some(Rating::I));
    assert_eq!(leader(&h), "Stalling", "the ranking changed");
    assert!(
        h.query_by_label_contains("1. H2 Stalling").is_some(),
        "the view shows the new ranking"
    );

    // Undo the last rating: one step, that rating only.
    {
        let s = h.state_mut();
        s.history.undo(&mut s.project).expect("undoes");
    }
    h.run();
    let ach = h.state().project.ach();
    assert_eq!(ach.rows()[1].rating(h1), None);
    assert_eq!(ach.rows()[0].rating(h1), Some(Rating::II));

    // Switch row 1 off: its II no longer counts, and the tie is back.
    press(&mut h, Modifiers::NONE, Key::ArrowUp);
    press(&mut h, Modifiers::NONE, Key::Space);
    assert!(h.state().project.ach().rows()[0].off);
    assert_eq!(leader(&h), "Good faith");
    assert!(h.query_by_label_contains("1. H1 Good faith").is_some());

    // A claim is evidence too.
    let claim = {
        let project = &h.state().project;
        let c = project
            .evidence()
            .claims()
            .values()
            .next()
            .expect("a claim");
        (
            c.id,
            format!(
                "+ claim: {}",
                c.statement.chars().take(80).collect::<String>()
            ),
        )
    };
    h.get_by_label(&claim.1).click();
    h.run();
    let rows = h.state().project.ach().rows();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[3].source,
        dossier::model::RowSource::Claim(claim.0),
        "added last"
    );
}
