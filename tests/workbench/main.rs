//! Story tests of the workbench, driven through egui_kittest as an analyst would: keys, clicks,
//! typing, the palettes and dialogs. Assertions are on the workbench state and the AccessKit tree.

use std::path::{Path, PathBuf};

#[path = "../common/mod.rs"]
mod common;

mod files;

use common::gui::{
    SHIFT_CMD, answer_path_prompt, click, in_app_harness, press, press_mod, replace_field,
    request_close, type_into, type_text,
};
use common::tag;

use dossier::model::{Actor, ActorKind, DocId, Parts, Passage, PassageId, Project, TagId};
use dossier::ui::Workbench;
use dossier::ui::palette::PaletteKind;
use dossier::ui::workbench::NoticeLevel;
use egui::{Key, Modifiers, ViewportCommand, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

struct Fixture {
    project: Project,
    doc: DocId,
    first: PassageId,
    second: PassageId,
    claim: TagId,
    threat: TagId,
}

fn fixture() -> Fixture {
    let text = "Witkoff met Putin in Moscow on Wednesday.\n\nTrump said sanctions would follow by Friday — “a deadline”, he said.\n\nZelenskyy said Russia must end the war; Kyiv reported 12 injured in Zaporizhzhia.";
    let doc = common::doc("Witkoff meets Putin", text)
        .source("Reuters")
        .published("2025-08-06")
        .build();
    let other = common::doc(
        "Strikes in Odesa",
        "Drones struck gas facilities in Odesa overnight.",
    )
    .build();
    let claim = tag("Claim", [0xd9, 0x82, 0x2b], None);
    let quote = tag("Quote", [0x3b, 0x82, 0xc4], Some(claim.id));
    let threat = tag("Threat", [0xc4, 0x3b, 0x5c], None);
    let mut first = Passage::new(&doc, 0, 41).expect("span");
    first.tags = vec![claim.id];
    let mut second = Passage::new(&doc, 43, 80).expect("span");
    second.tags = vec![claim.id, quote.id];
    let putin = Actor {
        author: String::new(),
        id: dossier::model::ActorId::random(),
        name: "Vladimir Putin".into(),
        kind: ActorKind::Person,
        aliases: vec!["Putin".into()],
        description: String::new(),
    };
    let ids = (doc.id, first.id, second.id, claim.id, threat.id);
    let project = Project::from_parts(Parts {
        title: "Ceasefire test".into(),
        tags: vec![claim, quote, threat],
        actors: vec![putin],
        events: vec![],
        documents: vec![doc, other],
        passages: vec![first, second],
    })
    .expect("valid fixture");
    Fixture {
        project,
        doc: ids.0,
        first: ids.1,
        second: ids.2,
        claim: ids.3,
        threat: ids.4,
    }
}

/// A 1400×900 harness on `project` (saved at `path`, if any), with in-app file prompts.
fn harness(project: Project, path: Option<PathBuf>) -> Harness<'static, Workbench> {
    in_app_harness(Workbench::new(project, path))
}

/// Opens the fixture's first article in the reader.
fn open_doc(h: &mut Harness<'_, Workbench>, doc: DocId) {
    h.state_mut().push(dossier::ui::Action::OpenDocument(doc));
    h.run();
}

/// The fixture in a harness with its first article open in the reader.
fn reading_the_fixture() -> (Fixture, Harness<'static, Workbench>) {
    let f = fixture();
    let mut h = harness(f.project.clone(), None);
    open_doc(&mut h, f.doc);
    (f, h)
}

fn tags_of(h: &Harness<'_, Workbench>, p: PassageId) -> Vec<TagId> {
    h.state()
        .project()
        .passage(p)
        .map(|p| p.tags.clone())
        .unwrap_or_default()
}

#[test]
fn select_a_passage_with_the_keyboard_and_tag_it_through_the_palette() {
    let (f, mut h) = reading_the_fixture();
    press(&mut h, Key::J);
    assert_eq!(
        h.state().selected_passage(),
        Some(f.first),
        "J selects the first passage"
    );
    press(&mut h, Key::J);
    assert_eq!(
        h.state().selected_passage(),
        Some(f.second),
        "J again selects the next"
    );
    press(&mut h, Key::K);
    assert_eq!(h.state().selected_passage(), Some(f.first), "K goes back");

    press(&mut h, Key::T);
    assert_eq!(h.state().palette(), Some(PaletteKind::Tags));
    assert!(
        h.query_by_label("Tag palette").is_some(),
        "the query field is named"
    );
    type_text(&mut h, "thr");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().palette(), None, "Enter closes the palette");
    assert!(
        tags_of(&h, f.first).contains(&f.threat),
        "three keys: T, letters, Enter"
    );
    assert_eq!(h.state().recent_tags().first(), Some(&f.threat));
    assert!(h.state().is_dirty());
    assert!(h.state().window_title().contains("unsaved"));
}

#[test]
fn tag_a_text_selection_creates_a_passage() {
    let (f, mut h) = reading_the_fixture();
    // "Zelenskyy said Russia must end the war"
    let text = h
        .state()
        .project()
        .document(f.doc)
        .expect("doc")
        .text
        .clone();
    let start = text.as_str().find("Zelenskyy").expect("found");
    let start = text.char_of_byte(start).expect("char");
    h.state_mut().reader_mut().set_selection(start..start + 38);
    h.run();
    press(&mut h, Key::T);
    type_text(&mut h, "Threat");
    press(&mut h, Key::Enter);
    let project = h.state().project();
    let created = project
        .passages_in(f.doc)
        .find(|p| p.start == start)
        .expect("a passage over the selection");
    assert_eq!(created.quote, "Zelenskyy said Russia must end the war");
    assert_eq!(created.tags, vec![f.threat]);
    assert_eq!(h.state().selected_passage(), Some(created.id));
    assert_eq!(
        h.state().reader().selection(),
        None,
        "the selection became the passage"
    );
    assert_eq!(h.state().history().undo_len(), 1, "one undo step");
}

#[test]
fn create_a_new_tag_from_the_palette() {
    let (f, mut h) = reading_the_fixture();
    press(&mut h, Key::J);
    press(&mut h, Key::T);
    type_text(&mut h, "Economy");
    // The create row comes first when no tag name contains the query.
    assert!(h.query_by_label("Create tag “Economy”").is_some());
    press(&mut h, Key::Enter);
    let economy = h
        .state()
        .project()
        .tag_by_name("Economy")
        .expect("the tag was created")
        .id;
    assert!(tags_of(&h, f.first).contains(&economy));
    assert_eq!(
        h.state().selected_tag(),
        Some(economy),
        "the codebook shows it"
    );
    // One undo step removes both the tag and its use.
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().project().tag_by_name("Economy").is_none());
    assert_eq!(tags_of(&h, f.first), vec![f.claim]);
}

#[test]
fn apply_a_recent_tag_with_a_number_key() {
    let (f, mut h) = reading_the_fixture();
    press(&mut h, Key::J);
    press(&mut h, Key::Num1);
    assert!(
        h.state()
            .notices()
            .iter()
            .any(|n| n.text.contains("recently used")),
        "a number key without recent tags explains itself"
    );
    press(&mut h, Key::T);
    type_text(&mut h, "Threat");
    press(&mut h, Key::Enter);
    press(&mut h, Key::J);
    assert_eq!(h.state().selected_passage(), Some(f.second));
    assert!(!tags_of(&h, f.second).contains(&f.threat));
    press(&mut h, Key::Num1);
    assert!(
        tags_of(&h, f.second).contains(&f.threat),
        "1 applies the most recent tag"
    );
    assert_eq!(h.state().history().undo_len(), 2);
}

#[test]
fn undo_and_redo_with_every_shortcut() {
    let (f, mut h) = reading_the_fixture();
    press(&mut h, Key::J);
    press(&mut h, Key::T);
    type_text(&mut h, "Threat");
    press(&mut h, Key::Enter);
    assert!(tags_of(&h, f.first).contains(&f.threat));

    // Select another passage; undo brings the changed one back into view.
    press(&mut h, Key::J);
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(!tags_of(&h, f.first).contains(&f.threat), "Ctrl+Z undoes");
    assert_eq!(
        h.state().selected_passage(),
        Some(f.first),
        "undo shows what changed"
    );
    press_mod(&mut h, SHIFT_CMD, Key::Z);
    assert!(
        tags_of(&h, f.first).contains(&f.threat),
        "Ctrl+Shift+Z redoes"
    );
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    press_mod(&mut h, Modifiers::COMMAND, Key::Y);
    assert!(tags_of(&h, f.first).contains(&f.threat), "Ctrl+Y redoes");
    // The menu shows what undo would do.
    click(&mut h, "Edit");
    assert!(h.query_by_label_contains("Undo tag passage").is_some());
}

#[test]
fn delete_a_tag_used_by_passages_then_undo() {
    let f = fixture();
    let mut h = harness(f.project.clone(), None);
    click(&mut h, "Claim (2)");
    assert_eq!(h.state().selected_tag(), Some(f.claim));
    click(&mut h, "Delete tag…");
    assert_eq!(h.state().dialog_title().as_deref(), Some("Delete tag"));
    assert!(
        h.state().project().tag(f.claim).is_some(),
        "nothing happens before confirming"
    );
    // Cancel first: nothing changes.
    click(&mut h, "Cancel");
    assert_eq!(h.state().dialog_title(), None);
    assert!(h.state().project().tag(f.claim).is_some());

    click(&mut h, "Delete tag…");
    click(&mut h, "Remove from 2 passages and delete");
    let project = h.state().project();
    assert!(project.tag(f.claim).is_none());
    assert!(
        project
            .passages()
            .values()
            .all(|p| !p.tags.contains(&f.claim))
    );
    let quote = project.tag_by_name("Quote").expect("child kept");
    assert_eq!(quote.parent, None, "the child tag moved up");

    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    let project = h.state().project();
    assert!(project.tag(f.claim).is_some(), "undo restores the tag");
    assert!(tags_of(&h, f.first).contains(&f.claim));
    assert!(tags_of(&h, f.second).contains(&f.claim));
    assert_eq!(
        h.state()
            .project()
            .tag_by_name("Quote")
            .and_then(|t| t.parent),
        Some(f.claim)
    );
    assert_eq!(
        h.state().selected_tag(),
        Some(f.claim),
        "undo shows the tag"
    );
}

#[test]
fn edit_a_note_in_one_undo_step() {
    let (f, mut h) = reading_the_fixture();
    press(&mut h, Key::J);
    press(&mut h, Key::N);
    assert!(h.get_by_label("NOTE").is_focused(), "N focuses the note");
    for word in ["Check ", "the ", "date"] {
        type_text(&mut h, word);
    }
    // Single keys go to the field, not to commands.
    h.key_press(Key::T);
    h.root().type_text("!");
    h.run();
    assert_eq!(
        h.state().palette(),
        None,
        "T does not open the palette while typing"
    );
    let note = |h: &Harness<'_, Workbench>| {
        h.state()
            .project()
            .passage(f.first)
            .map(|p| p.note.clone())
            .unwrap_or_default()
    };
    assert_eq!(note(&h), "Check the date!");
    // Leave the field, then undo once.
    press(&mut h, Key::Escape);
    assert!(!h.get_by_label("NOTE").is_focused());
    assert_eq!(h.state().history().undo_len(), 1, "the session is one step");
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(note(&h), "");
    press_mod(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(note(&h), "Check the date!");
}

fn save_through_prompt(h: &mut Harness<'_, Workbench>, path: &Path) {
    press_mod(h, Modifiers::COMMAND, Key::S);
    assert_eq!(h.state().dialog_title().as_deref(), Some("Save project as"));
    let field = h.get_by_label("Path");
    assert!(
        field.value().is_some_and(|v| v.contains("saves")),
        "the prompt offers saves/"
    );
    answer_path_prompt(h, path, "Save");
}

#[test]
fn the_command_palette_finds_and_runs_commands() {
    let f = fixture();
    let mut h = harness(f.project.clone(), None);
    press_mod(&mut h, Modifiers::COMMAND, Key::K);
    assert_eq!(h.state().palette(), Some(PaletteKind::Commands));
    type_text(&mut h, "new tag");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().dialog_title().as_deref(), Some("New tag"));
    type_text(&mut h, "Sanctions");
    click(&mut h, "Create");
    assert!(h.state().project().tag_by_name("Sanctions").is_some());
    // Ctrl+Shift+P opens it too; Escape closes it.
    press_mod(&mut h, SHIFT_CMD, Key::P);
    assert_eq!(h.state().palette(), Some(PaletteKind::Commands));
    press(&mut h, Key::Escape);
    assert_eq!(h.state().palette(), None);
    // Articles are reachable by name.
    press_mod(&mut h, Modifiers::COMMAND, Key::K);
    type_text(&mut h, "odesa");
    press(&mut h, Key::Enter);
    let odesa = h
        .state()
        .project()
        .documents()
        .values()
        .find(|d| d.title.contains("Odesa"))
        .map(|d| d.id);
    assert_eq!(h.state().reader().document(), odesa);
}

#[test]
fn single_key_shortcuts_do_not_fire_in_the_library_filter() {
    let (f, mut h) = reading_the_fixture();
    press(&mut h, Key::J);
    press_mod(&mut h, Modifiers::COMMAND, Key::L);
    assert!(h.get_by_label("Filter articles").is_focused());
    h.key_press(Key::T);
    h.key_press(Key::J);
    h.root().type_text("odesa");
    h.run();
    assert_eq!(h.state().palette(), None);
    assert_eq!(
        h.state().selected_passage(),
        Some(f.first),
        "J did not move"
    );
    assert!(h.query_by_label_contains("Strikes in Odesa").is_some());
    assert!(
        h.query_by_label_contains("Witkoff meets Putin —").is_none(),
        "filtered out"
    );
}

#[test]
fn select_text_with_the_keyboard_and_tag_it() {
    let (f, mut h) = reading_the_fixture();
    press(&mut h, Key::F6);
    assert!(h.state().reader().has_focus(), "F6 focuses the reader");
    for _ in 0..7 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    h.run();
    assert_eq!(h.state().reader().selection(), Some(0..7));
    // Select → tag in three keys: T, a letter, Enter.
    press(&mut h, Key::T);
    type_text(&mut h, "t");
    press(&mut h, Key::Enter);
    let created = h
        .state()
        .project()
        .passages_in(f.doc)
        .find(|p| p.start == 0 && p.end == 7)
        .expect("a passage over the selection");
    assert_eq!(created.quote, "Witkoff");
    assert_eq!(created.tags, vec![f.threat]);
    // The reader keeps the focus: the next selection needs no mouse either.
    assert!(h.state().reader().has_focus());
}

#[test]
fn f1_lists_every_shortcut() {
    let f = fixture();
    let mut h = harness(f.project.clone(), None);
    press(&mut h, Key::F1);
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Keyboard shortcuts")
    );
    assert!(h.query_by_label("Undo").is_some());
    assert!(
        h.query_by_label("Select the whole article").is_some(),
        "the reader's keys too"
    );
    click(&mut h, "Close");
    assert_eq!(h.state().dialog_title(), None);
}

#[test]
fn selecting_a_tag_lists_its_passages_and_jumps_to_them() {
    let f = fixture();
    let mut h = harness(f.project.clone(), None);
    // Another article is open at first.
    let odesa = h
        .state()
        .project()
        .documents()
        .values()
        .find(|d| d.title.contains("Odesa"))
        .map(|d| d.id)
        .expect("odesa");
    open_doc(&mut h, odesa);
    click(&mut h, "Quote (1)");
    assert_eq!(h.query_all_by_label_contains("Open passage").count(), 1);
    h.get_by_label_contains("Open passage Trump said")
        .scroll_to_me();
    h.run();
    h.get_by_label_contains("Open passage Trump said").click();
    h.run();
    assert_eq!(h.state().selected_passage(), Some(f.second));
    assert_eq!(
        h.state().reader().document(),
        Some(f.doc),
        "the reader jumped"
    );
}

#[test]
fn adjust_a_passage_boundary_with_keys_then_undo() {
    let (f, mut h) = reading_the_fixture();
    press(&mut h, Key::J);
    press(&mut h, Key::F6);
    let span = |h: &Harness<'_, Workbench>| {
        let p = h.state().project().passage(f.first).expect("passage");
        (p.start, p.end, p.quote.clone())
    };
    assert_eq!(span(&h).1, 41);
    press_mod(&mut h, Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft);
    let (start, end, quote) = span(&h);
    assert_eq!((start, end), (0, 40), "Alt+Shift+Left moves the end");
    assert!(quote.ends_with("Wednesday"), "{quote}");
    press_mod(&mut h, Modifiers::ALT, Key::ArrowRight);
    assert_eq!(span(&h).0, 1, "Alt+Right moves the start");
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        span(&h),
        (0, 41, "Witkoff met Putin in Moscow on Wednesday.".into())
    );
}

#[test]
fn link_an_actor_with_the_mouse_then_unlink() {
    let (f, mut h) = reading_the_fixture();
    press(&mut h, Key::J);
    click(&mut h, "Actor to link");
    click(&mut h, "Vladimir Putin");
    click(&mut h, "Role of the actor");
    click(&mut h, "speaker");
    click(&mut h, "Link");
    let actors = |h: &Harness<'_, Workbench>| {
        h.state()
            .project()
            .passage(f.first)
            .map(|p| p.actors.clone())
            .unwrap_or_default()
    };
    assert_eq!(actors(&h).len(), 1);
    assert_eq!(actors(&h)[0].1, dossier::model::ActorRole::Speaker);
    click(&mut h, "Unlink Vladimir Putin");
    assert!(actors(&h).is_empty());
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(actors(&h).len(), 1, "unlinking is undoable");
}

#[test]
fn rename_a_tag_in_the_codebook_then_undo() {
    let f = fixture();
    let mut h = harness(f.project.clone(), None);
    click(&mut h, "Threat (0)");
    h.get_by_label("Name").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.root().type_text("Quote");
    h.key_press(Key::Enter);
    h.run();
    // "Quote" exists, but under Claim: a top-level Quote is allowed.
    assert_eq!(
        h.state().project().tag(f.threat).map(|t| t.name.as_str()),
        Some("Quote")
    );
    h.get_by_label("Name").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.root().type_text("claim");
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.query_by_label_contains("There is already a tag “Claim”")
            .is_some(),
        "a sibling's name is refused"
    );
    assert_eq!(
        h.state().project().tag(f.threat).map(|t| t.name.as_str()),
        Some("Quote")
    );
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().project().tag(f.threat).map(|t| t.name.as_str()),
        Some("Threat")
    );
}

#[test]
fn merge_and_reparent_tags_in_the_codebook() {
    let f = fixture();
    let mut h = harness(f.project.clone(), None);
    // Re-parent Threat under Claim.
    click(&mut h, "Threat (0)");
    click(&mut h, "Parent tag");
    click(&mut h, "Claim");
    assert_eq!(
        h.state().project().tag(f.threat).and_then(|t| t.parent),
        Some(f.claim)
    );
    // Merge Quote into Threat: the passage that had Quote gets Threat.
    let quote = h.state().project().tag_by_name("Quote").expect("quote").id;
    click(&mut h, "Quote (1)");
    click(&mut h, "Tag to merge into");
    click(&mut h, "Claim › Threat");
    click(&mut h, "Merge");
    assert!(h.state().project().tag(quote).is_none());
    assert!(tags_of(&h, f.second).contains(&f.threat));
    assert_eq!(h.state().selected_tag(), Some(f.threat));
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(
        h.state().project().tag(quote).is_some(),
        "undo brings Quote back"
    );
    assert!(tags_of(&h, f.second).contains(&quote));
    assert!(!tags_of(&h, f.second).contains(&f.threat));
}

#[test]
fn the_inspector_outlines_the_article_when_no_passage_is_selected() {
    let (f, mut h) = reading_the_fixture();
    assert_eq!(h.query_all_by_label_contains("Passage ").count(), 2);
    h.get_by_label_contains("Passage Trump said").click();
    h.run();
    assert_eq!(h.state().selected_passage(), Some(f.second));
}
