//! Story tests of actors, events and the views across the corpus (issue 4), driven through
//! egui_kittest on the example project as an analyst would: keys, clicks, typing.

mod common;

use common::gui::{
    SHIFT_CMD, click, example_harness as harness, harness_sized, press, press_mod, type_into,
    type_text,
};

use dossier::model::{ActorId, ActorRole, EventRole, PassageId};
use dossier::ui::Workbench;
use dossier::ui::palette::PaletteKind;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Types `text` into the actors view's filter.
fn filter_actors(h: &mut Harness<'_, Workbench>, text: &str) {
    type_into(h, "Filter actors", text);
}

fn actor_named(h: &Harness<'_, Workbench>, name: &str) -> Option<ActorId> {
    h.state().project().actor_by_name(name).map(|a| a.id)
}

fn links_of(h: &Harness<'_, Workbench>, p: PassageId) -> Vec<(ActorId, ActorRole)> {
    h.state()
        .project()
        .passage(p)
        .map(|p| p.actors.clone())
        .unwrap_or_default()
}

/// Selects the open article's first passage with J and returns it.
fn first_passage(h: &mut Harness<'_, Workbench>) -> PassageId {
    press(h, Key::J);
    h.state().selected_passage().expect("J selects a passage")
}

#[test]
fn link_an_actor_with_the_keyboard() {
    let mut h = harness();
    let p = first_passage(&mut h);
    let zelenskyy = actor_named(&h, "Volodymyr Zelenskyy").expect("the example has Zelenskyy");
    let before = links_of(&h, p);
    assert!(!before.contains(&(zelenskyy, ActorRole::Mentioned)));

    // Three keystrokes: A, a letter or two, Enter.
    press(&mut h, Key::A);
    assert_eq!(h.state().palette(), Some(PaletteKind::Actors));
    type_text(&mut h, "zel");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().palette(), None);
    assert!(
        links_of(&h, p).contains(&(zelenskyy, ActorRole::Mentioned)),
        "Enter links with the default role"
    );

    // Tab cycles the role: mentioned → speaker.
    press(&mut h, Key::A);
    press(&mut h, Key::Tab);
    type_text(&mut h, "zel");
    press(&mut h, Key::Enter);
    assert!(links_of(&h, p).contains(&(zelenskyy, ActorRole::Speaker)));

    // A role suffix works too; an alias finds its actor.
    press(&mut h, Key::A);
    type_text(&mut h, "zelensky /tar");
    press(&mut h, Key::Enter);
    assert!(links_of(&h, p).contains(&(zelenskyy, ActorRole::Target)));

    // The links show in the inspector, and unlinking there is undoable.
    assert!(
        h.query_all_by_label("Unlink Volodymyr Zelenskyy").count() >= 3,
        "the inspector lists each link"
    );
    let linked = links_of(&h, p).len();
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        links_of(&h, p).len(),
        linked - 1,
        "undo takes back one link"
    );

    // An unknown name + Enter creates the actor and links it, as one undo step.
    let actors = h.state().project().actors().len();
    press(&mut h, Key::A);
    type_text(&mut h, "Kaja Kallas");
    press(&mut h, Key::Enter);
    let kallas = actor_named(&h, "Kaja Kallas").expect("created");
    assert_eq!(h.state().project().actors().len(), actors + 1);
    assert!(links_of(&h, p).contains(&(kallas, ActorRole::Mentioned)));
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(actor_named(&h, "Kaja Kallas").is_none(), "one step");
    assert_eq!(h.state().project().actors().len(), actors);
}

#[test]
fn link_an_event_with_the_keyboard_and_a_role() {
    let mut h = harness();
    let p = first_passage(&mut h);
    press(&mut h, Key::E);
    assert_eq!(h.state().palette(), Some(PaletteKind::Events));
    press(&mut h, Key::Tab);
    type_text(&mut h, "Istanbul");
    press(&mut h, Key::Enter);
    let events = h
        .state()
        .project()
        .passage(p)
        .map(|p| p.events.clone())
        .unwrap_or_default();
    assert!(
        events.iter().any(|(e, role)| *role == EventRole::Claims
            && h.state()
                .project()
                .event(*e)
                .is_some_and(|e| e.title.contains("Istanbul"))),
        "linked the Istanbul event as claims: {events:?}"
    );
}

#[test]
fn the_actor_and_event_keys_need_a_target() {
    let mut h = harness();
    press(&mut h, Key::A);
    assert_eq!(h.state().palette(), None);
    assert!(
        h.state()
            .notices()
            .iter()
            .any(|n| n.text.contains("Select some text or a passage first"))
    );
}

#[test]
fn merge_two_actors_and_undo() {
    let mut h = harness();
    let kremlin = actor_named(&h, "White House").expect("the example has the White House");
    let putin = actor_named(&h, "Donald Trump").expect("the example has Trump");
    let count = |h: &Harness<'_, Workbench>, a: ActorId| {
        h.state()
            .project()
            .passages()
            .values()
            .filter(|p| p.actors.iter().any(|(x, _)| *x == a))
            .count()
    };
    let (kremlin_uses, putin_uses) = (count(&h, kremlin), count(&h, putin));
    assert!(kremlin_uses > 0);
    // The passages that link either actor: after the merge, exactly these link the survivor.
    let union = h
        .state()
        .project()
        .passages()
        .values()
        .filter(|p| p.actors.iter().any(|(x, _)| *x == kremlin || *x == putin))
        .count();
    assert!(
        union > putin_uses,
        "some passages link only the White House"
    );
    let steps = h.state().history().undo_len();

    click(&mut h, "Actors");
    filter_actors(&mut h, "White House");
    click(&mut h, "White House");
    assert_eq!(h.state().selected_actor(), Some(kremlin));
    click(&mut h, "Actor to merge into");
    click(&mut h, "Donald Trump");
    click(&mut h, "Merge");

    assert!(h.state().project().actor(kremlin).is_none());
    let merged = h.state().project().actor(putin).expect("Trump stays");
    assert!(
        merged.aliases.iter().any(|a| a == "White House"),
        "the name joins as an alias"
    );
    assert_eq!(count(&h, putin), union, "every link moved to Trump");
    assert_eq!(h.state().history().undo_len(), steps + 1, "one undo step");

    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().project().actor(kremlin).is_some());
    assert_eq!(count(&h, kremlin), kremlin_uses);
    assert_eq!(count(&h, putin), putin_uses);
    assert!(
        matches!(h.state().selected_actor(), Some(a) if a == kremlin || a == putin),
        "undo shows the merged actors in the panel"
    );
    assert_eq!(
        h.state().side_tab(),
        dossier::ui::workbench::SideTab::Actors
    );
}

#[test]
fn delete_an_actor_asks_about_its_links_then_undo() {
    let mut h = harness();
    let putin = actor_named(&h, "Vladimir Putin").expect("Putin");
    click(&mut h, "Actors");
    filter_actors(&mut h, "Vladimir Putin");
    click(&mut h, "Vladimir Putin");
    click(&mut h, "Delete…");
    assert_eq!(h.state().dialog_title().as_deref(), Some("Delete actor"));
    click(&mut h, "Delete and unlink");
    assert!(h.state().project().actor(putin).is_none());
    assert!(
        h.state()
            .project()
            .passages()
            .values()
            .all(|p| p.actors.iter().all(|(a, _)| *a != putin))
    );
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().project().actor(putin).is_some());
}

#[test]
fn create_and_edit_an_actor_in_the_form() {
    let mut h = harness();
    click(&mut h, "Actors");
    click(&mut h, "New actor…");
    assert_eq!(h.state().dialog_title().as_deref(), Some("New actor"));
    type_text(&mut h, "Kaja Kallas");
    type_into(&mut h, "Aliases", "Kallas");
    click(&mut h, "Create");
    let kallas = h
        .state()
        .project()
        .actor_by_name("Kaja Kallas")
        .expect("created");
    assert_eq!(kallas.aliases, vec!["Kallas".to_owned()]);

    // A duplicate name is refused with the reason, and nothing changes.
    click(&mut h, "New actor…");
    type_text(&mut h, "kaja kallas");
    click(&mut h, "Create");
    assert_eq!(h.state().dialog_title().as_deref(), Some("New actor"));
    assert!(h.query_by_label_contains("already called").is_some());
}

#[test]
fn create_an_event_with_a_partial_date() {
    let mut h = harness();
    click(&mut h, "Events");
    click(&mut h, "New event…");
    assert_eq!(h.state().dialog_title().as_deref(), Some("New event"));
    type_text(&mut h, "Envoys meet in Abu Dhabi");
    type_into(&mut h, "Date", "2025-13");
    assert!(
        h.query_by_label_contains("A range is FROM/TO").is_some(),
        "the date error shows under the field as it is typed"
    );
    assert!(h.get_by_label("Create").accesskit_node().is_disabled());
    for _ in 0..7 {
        press(&mut h, Key::Backspace);
    }
    type_text(&mut h, "2025-11~");
    assert!(
        h.query_by_label_contains("Understood as 2025-11~ (approximate)")
            .is_some()
    );
    click(&mut h, "Create");
    let event = h
        .state()
        .project()
        .event_by_title("Envoys meet in Abu Dhabi")
        .expect("created");
    let date = event.date.expect("dated");
    assert!(date.is_approximate());
    assert_eq!(date.to_string(), "2025-11~");
    let id = event.id;

    // Find it on the timeline, marked approximate, and click it.
    click(&mut h, "Timeline");
    let lane = "Envoys meet in Abu Dhabi · 2025-11~ · 0 passages";
    assert!(
        h.query_by_label(lane).is_some(),
        "the new event has its lane"
    );
    click(&mut h, lane);
    assert_eq!(h.state().selected_event(), Some(id));
    assert_eq!(
        h.state().view(),
        dossier::ui::views::CentreView::Card,
        "a click on the timeline opens the event card"
    );
    assert!(
        h.query_by_label_contains("No passage links this event yet")
            .is_some()
    );
    assert_eq!(
        h.state().side_tab(),
        dossier::ui::workbench::SideTab::Events
    );
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(
        h.state()
            .project()
            .event_by_title("Envoys meet in Abu Dhabi")
            .is_none()
    );
}

#[test]
fn filter_the_excerpts_table_and_jump() {
    let mut h = harness();
    click(&mut h, "Excerpts");
    assert_eq!(h.state().view(), dossier::ui::views::CentreView::Excerpts);
    let total = h.state().project().passages().len();
    assert!(
        h.query_by_label_contains(&format!("{total} of {total} passages"))
            .is_some()
    );

    // Filter by actor through the combo, then by text.
    click(&mut h, "Filter by actor");
    click(&mut h, "Dmitry Medvedev");
    let medvedev = actor_named(&h, "Dmitry Medvedev").expect("Medvedev");
    let expected: Vec<PassageId> = h
        .state()
        .project()
        .passages()
        .values()
        .filter(|p| p.actors.iter().any(|(a, _)| *a == medvedev))
        .map(|p| p.id)
        .collect();
    assert!(!expected.is_empty());
    assert!(
        h.query_by_label_contains(&format!("{} of {total} passages", expected.len()))
            .is_some()
    );

    // A bad date says so and keeps the rows.
    type_into(&mut h, "Published from", "2025-1x");
    assert!(h.query_by_label_contains("From:").is_some());
    for _ in 0..7 {
        press(&mut h, Key::Backspace);
    }

    // Click the first row's quote: the reader opens on that passage.
    let first = h.state_mut().excerpts_mut().query().expect("valid filter");
    let project = h.state().project().clone();
    let rows = dossier::ui::views::excerpts::build_rows(
        &project,
        &first,
        dossier::ui::views::excerpts::SortColumn::Article,
        false,
    );
    let row = rows.first().expect("a row");
    let quote_start: String = row.quote.chars().take(30).collect();
    h.get_all_by_label_contains(&quote_start)
        .next()
        .expect("the row's quote is shown")
        .click();
    // The reader scrolls to the passage (an animation).
    h.run_steps(60);
    assert_eq!(h.state().view(), dossier::ui::views::CentreView::Reader);
    assert_eq!(h.state().selected_passage(), Some(row.passage));
    assert!(expected.contains(&row.passage));
}

#[test]
fn accept_mentions_one_then_all_in_one_step() {
    let mut h = harness();
    click(&mut h, "Mentions");
    let found = dossier::search::find_mentions(h.state().project(), None);
    assert!(!found.is_empty(), "the example has unlinked mentions");
    assert!(
        h.query_by_label_contains(&format!("{} unlinked mention", found.len()))
            .is_some()
    );
    let steps = h.state().history().undo_len();

    // Accept the first one.
    let first = found.first().expect("one");
    let doc_title = h
        .state()
        .project()
        .document(first.doc)
        .map(|d| d.title.clone())
        .unwrap_or_default();
    click(
        &mut h,
        &format!("Accept {} at {} in {doc_title}", first.text, first.start),
    );
    let left = dossier::search::find_mentions(h.state().project(), None).len();
    assert_eq!(left, found.len() - 1, "one mention linked");
    assert_eq!(h.state().history().undo_len(), steps + 1);

    // Pick a role, accept all: one undo step, none left.
    click(&mut h, "Role for accepted mentions");
    click(&mut h, "speaker");
    click(&mut h, "Accept all");
    assert!(dossier::search::find_mentions(h.state().project(), None).is_empty());
    assert_eq!(
        h.state().history().undo_len(),
        steps + 2,
        "accept all is one step"
    );
    let speaker_links = h
        .state()
        .project()
        .passages()
        .values()
        .flat_map(|p| p.actors.iter())
        .filter(|(_, r)| *r == ActorRole::Speaker)
        .count();
    assert!(speaker_links >= left);
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        dossier::search::find_mentions(h.state().project(), None).len(),
        left
    );
}

#[test]
fn open_an_actor_profile_and_an_event_card() {
    let mut h = harness();
    click(&mut h, "Actors");
    filter_actors(&mut h, "Vladimir Putin");
    click(&mut h, "Vladimir Putin");
    click(&mut h, "Profile");
    assert_eq!(h.state().view(), dossier::ui::views::CentreView::Profile);
    let putin = actor_named(&h, "Vladimir Putin").expect("Putin");
    let linked = h
        .state()
        .project()
        .passages()
        .values()
        .filter(|p| p.actors.iter().any(|(a, _)| *a == putin))
        .count();
    assert!(h.query_by_label(&format!("{linked} PASSAGES")).is_some());
    assert!(h.query_by_label("APPEARS MOST WITH").is_some());
    h.get_all_by_label_contains("Witkoff meets Putin in Moscow (2025-08-06) · ")
        .next()
        .expect("the profile lists the event")
        .click();
    h.run();
    assert_eq!(h.state().view(), dossier::ui::views::CentreView::Card);
    assert!(h.query_by_label_contains("Reported by").is_some());
}

/// Opens a view by name through the command palette (Ctrl+K, a few letters, Enter).
fn show_by_palette(h: &mut Harness<'_, Workbench>, name: &str) {
    press_mod(h, Modifiers::COMMAND, Key::K);
    assert_eq!(h.state().palette(), Some(PaletteKind::Commands));
    type_text(h, name);
    press(h, Key::Enter);
    assert_eq!(h.state().palette(), None);
}

#[test]
fn every_view_has_a_command_the_timeline_and_mentions_by_name() {
    use dossier::ui::views::CentreView;
    let mut h = harness();
    show_by_palette(&mut h, "Timeline of events");
    assert_eq!(h.state().view(), CentreView::Timeline);
    show_by_palette(&mut h, "Unlinked mentions");
    assert_eq!(h.state().view(), CentreView::Mentions);
    for view in CentreView::ALL {
        assert!(
            dossier::ui::Command::ALL.contains(&dossier::ui::Command::Show(view)),
            "{view:?} has no command"
        );
    }
}

#[test]
fn recent_changes_lists_the_undo_history_and_undoes_from_it() {
    use dossier::ui::views::CentreView;
    let mut h = harness();
    let p = first_passage(&mut h);
    let before = links_of(&h, p);
    // Link an actor: one change to list.
    press(&mut h, Key::A);
    type_text(&mut h, "zel");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().history().undo_len(), 1);

    press_mod(&mut h, SHIFT_CMD, Key::H);
    assert_eq!(h.state().view(), CentreView::Changes);
    let row = h
        .query_all_by_label_contains("link actor — the passage")
        .count();
    assert_eq!(row, 1, "the change is listed with its subject");

    // Undo from the view: the row turns into an undone one, and the link is gone.
    click(&mut h, "Undo link actor");
    assert_eq!(links_of(&h, p), before, "the link is undone");
    assert_eq!(h.state().history().undo_len(), 0);
    assert_eq!(
        h.query_all_by_label_contains("undone: link actor").count(),
        1,
        "the undone step is listed, ready to redo"
    );

    // Redo, then click the row: the passage shows in the reader.
    click(&mut h, "Redo link actor");
    assert_eq!(h.state().history().undo_len(), 1);
    let row = row_label(&h);
    click(&mut h, &row);
    assert_eq!(h.state().view(), CentreView::Reader);
    assert_eq!(h.state().selected_passage(), Some(p));
}

/// The label of the newest row of the recent changes view.
fn row_label(h: &Harness<'_, Workbench>) -> String {
    h.query_all_by_label_contains("link actor — the passage")
        .next()
        .and_then(|n| n.accesskit_node().label())
        .expect("a row")
}

/// In the Hypotheses view the letters rate the cell under the cursor; the window's single-key
/// commands (C claim palette, A actor palette, N note) stay out of the way, and Ctrl+Z undoes the
/// rating. (Before, the workbench took the letters first and the view never saw them.)
#[test]
fn letters_rate_the_ach_matrix_in_the_real_window_and_ctrl_z_undoes() {
    use dossier::model::Rating;
    let mut h = harness();
    let cell = |h: &Harness<'_, Workbench>| {
        let ach = h.state().project().ach();
        let (row, hypothesis) = (&ach.rows()[0], &ach.hypotheses()[0]);
        row.rating(hypothesis.id)
    };
    press_mod(&mut h, common::gui::SHIFT_CMD, Key::Y);
    assert_eq!(h.state().view(), dossier::ui::views::CentreView::Ach);
    let before = cell(&h);
    let (key, want) = if before == Some(Rating::N) {
        (Key::I, Rating::I)
    } else {
        (Key::N, Rating::N)
    };
    press(&mut h, key);
    assert_eq!(cell(&h), Some(want));
    press(&mut h, Key::C);
    assert_eq!(
        cell(&h),
        Some(Rating::C),
        "C rates, it does not open the claim palette"
    );
    assert_eq!(h.state().palette(), None);
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(cell(&h), Some(want), "one rating, one undo step");
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(cell(&h), before);
}

#[test]
fn the_excerpts_quote_shows_at_1024_and_columns_can_be_hidden() {
    let mut h = harness_sized(Workbench::example(), [1024.0, 700.0]);
    h.run();
    click(&mut h, "Excerpts");
    // The quote column's header and the first row's quote are inside the window, not off its
    // right edge (they were at 1024×700 before the columns gave way).
    let quote = h
        .get_all_by_label("Quote")
        .find(|n| n.rect().top() > 60.0)
        .expect("the Quote header")
        .rect();
    // The inspector's heading marks the centre's right edge.
    let inspector = h
        .get_all_by_label("Passage")
        .map(|n| n.rect().left())
        .fold(0.0, f32::max);
    assert!(
        quote.left() + 100.0 < inspector,
        "quote header at {quote:?}, inspector at {inspector}"
    );

    // Hide the actors column from the Columns menu; the quote stays; show it again.
    let header = |h: &Harness<'_, Workbench>, label: &str| {
        h.get_all_by_label(label)
            .any(|n| (quote.top() - 2.0..quote.bottom() + 2.0).contains(&n.rect().center().y))
    };
    assert!(header(&h, "Actors"));
    click(&mut h, "Columns");
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "Actors")
        .click();
    h.run();
    // The menu stays open for the next tick.
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "Events")
        .click();
    h.run();
    assert!(!header(&h, "Actors") && !header(&h, "Events"));
    assert!(header(&h, "Quote"));
    // Remembered with the settings: the next window opens with the same columns.
    let settings = h.state().settings();
    let mut next = common::gui::harness_sized(
        Workbench::example().with_settings(settings),
        [1024.0, 700.0],
    );
    next.run();
    click(&mut next, "Excerpts");
    assert!(!header(&next, "Actors") && header(&next, "Quote") && header(&next, "Tags"));
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "Actors")
        .click();
    h.run();
    assert!(header(&h, "Actors"));
    assert!(
        h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "Quote")
            .accesskit_node()
            .is_disabled(),
        "the quote cannot be hidden"
    );
}

#[test]
fn selecting_passages_at_1024_does_not_widen_the_inspector() {
    let mut h = harness_sized(Workbench::example(), [1024.0, 700.0]);
    h.run();
    // The inspector's heading marks its left edge.
    let left = |h: &Harness<'_, Workbench>| {
        h.get_all_by_label("Passage")
            .map(|n| n.rect().left())
            .fold(0.0, f32::max)
    };
    let before = left(&h);
    // Every passage of the first article in turn: long event titles, speakers with grades and
    // the link rows once widened the panel for good (by 160 points at this size).
    for _ in 0..15 {
        h.key_press(Key::J);
        // The reader's scroll to the passage animates over a few frames.
        h.run_steps(12);
        let p = h.state().selected_passage().expect("J selects a passage");
        assert_eq!(left(&h), before, "the inspector widened at {p:?}");
    }
}
