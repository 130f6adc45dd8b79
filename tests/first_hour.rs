//! Regression stories of issue 19: what a new analyst hit in the first hour. One story per
//! numbered item, named after what broke, driven through egui_kittest as the analyst would
//! (keys, clicks, typing), asserting on the project, the files written and the AccessKit tree.

mod common;

use std::path::Path;

use common::gui::{
    ALT_CMD, SHIFT_CMD, click, click_button, click_by_hand, example_harness_sized, field_value,
    harness_sized, in_app_harness_sized, press, press_mod, replace_field, topmost_by_label,
    type_into, type_text,
};
use dossier::export::Format;
use dossier::model::{EventKind, Project};
use dossier::ui::Workbench;
use dossier::ui::files::DialogMode;
use dossier::ui::palette::PaletteKind;
use dossier::ui::views::CentreView;
use dossier::ui::workbench::GuardOptions;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn reader_focused(h: &Harness<'_, Workbench>) -> bool {
    h.ctx
        .memory(|m| m.has_focus(dossier::ui::reader::reader_id()))
}

// ----- 1 -----

#[test]
fn reader_was_cut_off_under_the_inspector_at_1280_and_below() {
    for size in [
        [1024.0, 700.0],
        [1280.0, 800.0],
        [1440.0, 900.0],
        [1920.0, 1080.0],
    ] {
        let mut h = example_harness_sized(size);
        h.run();
        for theme in ["light", "dark"] {
            // Two presses from "follow the system": light, then dark.
            press_mod(&mut h, SHIFT_CMD, Key::L);
            let doc = h.state().reader().document().expect("an article is open");
            let title = h
                .state()
                .project()
                .document(doc)
                .expect("doc")
                .title
                .clone();
            let title_rect = h.get_by_label(&title).rect();
            let inspector_left = h.get_by_label("Actors").rect().left();
            assert!(
                title_rect.right() <= inspector_left,
                "{size:?} {theme}: the title ends at {} under the inspector at {inspector_left}",
                title_rect.right()
            );
            assert!(title_rect.left() > 0.0, "{size:?} {theme}");
            // Every tab is reachable: on the strip within the centre, or in the overflow menu.
            let last = topmost_by_label(&h, "Event card").rect();
            let where_ = format!(
                "all views at {:?}, hide inspector at {:?}, inspector from {inspector_left}",
                h.query_by_label("All views…").map(|n| n.rect()),
                h.get_by_label("Hide the inspector").rect()
            );
            let _ = last;
            if h.query_by_label("All views…").is_some() {
                click(&mut h, "All views…");
                // The menu's entry: below the strip.
                let in_menu = h
                    .get_all_by_label("Event card")
                    .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
                    .expect("listed in the menu");
                in_menu.click();
                h.run();
            } else {
                topmost_by_label(&h, "Event card").click();
                h.run();
            }
            let nodes: Vec<String> = h
                .get_all_by_label("Event card")
                .map(|n| format!("{:?} {:?}", n.accesskit_node().role(), n.rect()))
                .collect();
            assert_eq!(
                h.state().view(),
                CentreView::Card,
                "{size:?} {theme}: {nodes:?}; {where_}"
            );
            press(&mut h, Key::F6);
            assert_eq!(h.state().view(), CentreView::Reader);
        }
        if size[0] <= 1024.0 {
            assert!(h.query_by_label("All views…").is_some(), "{size:?}");
        }
        if size[0] >= 1920.0 {
            assert!(
                h.query_by_label("All views…").is_none(),
                "{size:?}: every tab fits, no overflow menu"
            );
        }
    }

    // Both panels fold away by key (and back), and the reader takes the room.
    let mut h = example_harness_sized([1024.0, 700.0]);
    h.run();
    let doc = h.state().reader().document().expect("open");
    let title = h
        .state()
        .project()
        .document(doc)
        .expect("doc")
        .title
        .clone();
    let narrow = h.get_by_label(&title).rect().width();
    press_mod(&mut h, Modifiers::COMMAND, Key::B);
    assert_eq!(h.state().panels_shown(), (false, true));
    assert!(h.query_by_label("Filter articles").is_none());
    press_mod(&mut h, ALT_CMD, Key::B);
    assert_eq!(h.state().panels_shown(), (false, false));
    assert!(h.query_by_label("Actors").is_none());
    let wide = h.get_by_label(&title).rect().width();
    assert!(wide > narrow, "{wide} > {narrow}");
    // The « » buttons bring them back.
    click(&mut h, "Show the library");
    click(&mut h, "Show the inspector");
    assert_eq!(h.state().panels_shown(), (true, true));
    assert!(h.query_by_label("Filter articles").is_some());
    // And the commands are in the View menu.
    click(&mut h, "View");
    assert!(
        h.query_by_label_contains("Show or hide the library")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Show or hide the inspector")
            .is_some()
    );
}

// ----- 2 -----

/// Limitation: in the headless harness egui stacks the list above the dialog even without the
/// fix in `ui::combo` (tried again 2026-12-05 with pointer clicks into the dialog first and the
/// layer under the list's item asked of egui: it passes with the fix removed), so this guards the
/// flow — the dialog stays open and keeps what was typed, three times in a session, and the list
/// is the top layer where it is clicked — while the stacking bug itself was checked in the real
/// window under Xvfb (without the fix the second list draws behind the dialog; with it, above),
/// and `every_combo_box_keeps_its_list_above_dialogs` checks that every combo uses the fix.
#[test]
fn a_dialog_combo_opened_behind_the_dialog_and_closed_it_losing_the_typing() {
    let mut h = example_harness_sized([1280.0, 800.0]);
    click(&mut h, "Events");
    let event = h
        .state()
        .project()
        .events()
        .values()
        .find(|e| e.kind != EventKind::Protest)
        .map(|e| (e.id, e.title.clone()))
        .expect("an event");
    type_into(&mut h, "Filter events", &event.1);
    click(&mut h, &event.1);
    assert_eq!(h.state().selected_event(), Some(event.0));
    // The bug showed the second time a kind list was opened in a session: go three times.
    for (round, (kind, label)) in [
        (EventKind::Protest, "protest"),
        (EventKind::Threaten, "threaten"),
        (EventKind::Protest, "protest"),
    ]
    .into_iter()
    .enumerate()
    {
        click(&mut h, "Edit…");
        assert_eq!(h.state().dialog_title().as_deref(), Some("Edit event"));
        let place = format!("Belgrade {round}");
        // Clicking into the dialog raises it above every popup opened before.
        click_by_hand(&mut h, "Place");
        replace_field(&mut h, "Place", &place);
        click_by_hand(&mut h, "Kind of event");
        let item = h.get_by_label(label).rect().center();
        let field = h.get_by_label("Place").rect().center();
        let (top_at_item, dialog) = (h.ctx.layer_id_at(item), h.ctx.layer_id_at(field));
        assert!(
            top_at_item.is_some() && top_at_item != dialog,
            "round {round}: the list is drawn above the dialog ({top_at_item:?} vs {dialog:?})"
        );
        click_by_hand(&mut h, label);
        assert_eq!(
            h.state().dialog_title().as_deref(),
            Some("Edit event"),
            "round {round}: choosing a kind keeps the dialog open"
        );
        assert_eq!(
            field_value(&h, "Place"),
            place,
            "round {round}: typing kept"
        );
        click(&mut h, "Apply");
        let saved = h.state().project().event(event.0).expect("event");
        assert_eq!(saved.kind, kind, "round {round}");
        assert_eq!(saved.place, place, "round {round}");
        assert_eq!(h.state().dialog_title(), None);
    }

    // New tag → Parent, in a dialog too.
    for round in 0..2 {
        press_mod(&mut h, SHIFT_CMD, Key::T);
        assert_eq!(h.state().dialog_title().as_deref(), Some("New tag"));
        let name = format!("Lithium {round}");
        type_text(&mut h, &name);
        click_by_hand(&mut h, "Parent tag");
        // The first tag of the list (sorted by path), so it is in sight without scrolling.
        let parent = h
            .state()
            .project()
            .tags()
            .values()
            .filter(|t| t.parent.is_none())
            .min_by_key(|t| t.name.clone())
            .map(|t| (t.id, t.name.clone()))
            .expect("a top-level tag");
        click_by_hand(&mut h, &parent.1);
        assert_eq!(h.state().dialog_title().as_deref(), Some("New tag"));
        assert_eq!(field_value(&h, "Name"), name, "round {round}");
        click(&mut h, "Create");
        let tag = h.state().project().tag_by_name(&name).expect("created");
        assert_eq!(tag.parent, Some(parent.0), "round {round}");
    }
}

// ----- 3 -----

#[test]
fn export_this_view_offered_untitled_excerpts_ron_for_every_format() {
    let dir = tempfile::tempdir().expect("dir");
    let project_file = dir.path().join("balkan-lithium.ron");
    let project = dossier::example::example_project().expect("example");
    dossier::store::save(&project, &project_file).expect("save");
    let mut h = in_app_harness_sized(Workbench::open(&project_file), [1280.0, 800.0]);
    click(&mut h, "Excerpts");
    for (format, label) in [(Format::Csv, "CSV (.csv)"), (Format::Md, "MD (.md)")] {
        click(&mut h, "Export this view…");
        click(&mut h, label);
        assert_eq!(
            h.state().dialog_title().as_deref(),
            Some("Export the current view")
        );
        let offered = field_value(&h, "Path");
        assert_eq!(
            Path::new(&offered),
            dir.path()
                .join(format!("balkan-lithium.{}", format.extension())),
            "the project's name, the format's extension, beside the project file"
        );
        click(&mut h, "Export");
        let written = std::fs::read_to_string(&offered).expect("written");
        assert!(!written.is_empty());
        if format == Format::Csv {
            assert!(written.starts_with("passage_id,"), "{written:.40}");
        }
    }
}

// ----- 4 -----

#[test]
fn there_was_no_file_export_only_the_excerpts_table() {
    let dir = tempfile::tempdir().expect("dir");
    let project_file = dir.path().join("ceasefire.ron");
    let project = dossier::example::example_project().expect("example");
    dossier::store::save(&project, &project_file).expect("save");
    let mut h = in_app_harness_sized(Workbench::open(&project_file), [1280.0, 800.0]);
    // In the File menu and the palette…
    topmost_by_label(&h, "File").click();
    h.run();
    assert!(h.query_by_label_contains("Export…").is_some());
    press(&mut h, Key::Escape);
    press_mod(&mut h, Modifiers::COMMAND, Key::K);
    type_text(&mut h, "export");
    assert!(h.query_by_label("File: Export…").is_some());
    press(&mut h, Key::Escape);
    // …and on Ctrl+Shift+X.
    press_mod(&mut h, SHIFT_CMD, Key::X);
    assert_eq!(h.state().dialog_title().as_deref(), Some("Export"));
    assert_eq!(
        Path::new(&field_value(&h, "Output file")),
        dir.path().join("ceasefire.csv")
    );
    click(&mut h, "Export format");
    click(&mut h, "MD (.md)");
    assert_eq!(
        Path::new(&field_value(&h, "Output file")),
        dir.path().join("ceasefire.md"),
        "the extension follows the format"
    );
    click(&mut h, "Grouping");
    click(&mut h, "article");
    let tag = project
        .tags()
        .values()
        .find(|t| t.parent.is_none())
        .expect("a tag")
        .clone();
    replace_field(&mut h, "Tags", &format!("{}; No such tag", tag.name));
    click_button(&mut h, "Export");
    assert_eq!(h.state().dialog_title().as_deref(), Some("Export"));
    assert!(
        h.query_by_label_contains("no tag is called \"No such tag\"")
            .is_some(),
        "a bad filter is named and nothing is written"
    );
    assert!(!dir.path().join("ceasefire.md").exists());
    replace_field(&mut h, "Tags", &tag.name);
    click_button(&mut h, "Export");
    assert_eq!(h.state().dialog_title(), None);
    let brief = std::fs::read_to_string(dir.path().join("ceasefire.md")).expect("written");
    // The same bytes as `dossier export --format md --tag NAME --group-by doc`.
    let query = dossier::export::QueryTerms {
        tags: vec![tag.name.clone()],
        ..Default::default()
    }
    .resolve(&project)
    .expect("query");
    let expected = dossier::export::export_with(
        &project,
        &query,
        Format::Md,
        &dossier::export::ExportOptions {
            excel: false,
            group_by: Some(dossier::export::GroupBy::Doc),
            ..Default::default()
        },
    )
    .expect("export");
    assert_eq!(brief.as_bytes(), expected.as_slice());
}

// ----- 5 -----

#[test]
fn the_project_title_could_not_be_set_so_briefs_said_untitled() {
    let mut h = example_harness_sized([1280.0, 800.0]);
    let old = h.state().project().title.clone();
    press_mod(&mut h, ALT_CMD, Key::P);
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Project properties")
    );
    assert_eq!(field_value(&h, "Title"), old);
    replace_field(&mut h, "Title", "Jadar lithium protests, 2024");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().dialog_title(), None);
    assert_eq!(h.state().project().title, "Jadar lithium protests, 2024");
    assert!(h.state().is_dirty());
    assert!(
        h.state()
            .window_title()
            .contains("Jadar lithium protests, 2024")
    );
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().title, old, "undoable");
    // Also under Project in the menu bar.
    click(&mut h, "Project");
    assert!(h.query_by_label_contains("Properties…").is_some());
    press(&mut h, Key::Escape);

    // A new project asks for its title first (Cancel keeps the open one).
    let mut h = in_app_harness_sized(Workbench::new(Project::new("Old"), None), [1280.0, 800.0]);
    press_mod(&mut h, Modifiers::COMMAND, Key::N);
    assert_eq!(h.state().dialog_title().as_deref(), Some("New project"));
    click(&mut h, "Cancel");
    assert_eq!(h.state().project().title, "Old");
    press_mod(&mut h, Modifiers::COMMAND, Key::N);
    click(&mut h, "Create");
    assert!(
        h.query_by_label_contains("Give the project a title")
            .is_some(),
        "an empty title is refused"
    );
    type_into(&mut h, "Title", "Balkan lithium");
    click(&mut h, "Create");
    assert_eq!(h.state().project().title, "Balkan lithium");
    assert!(h.state().project().documents().is_empty());
    assert!(!h.state().is_dirty());
    assert!(h.state().window_title().contains("Balkan lithium"));
}

/// The description is set in the same dialog, in one undo step with a title change, and is
/// printed under the title of the brief.
#[test]
fn the_project_description_is_set_in_properties_and_heads_the_brief() {
    let mut h = example_harness_sized([1280.0, 800.0]);
    let old_title = h.state().project().title.clone();
    let old_description = h.state().project().description.clone();
    press_mod(&mut h, ALT_CMD, Key::P);
    replace_field(&mut h, "Title", "Ceasefire diplomacy");
    replace_field(&mut h, "Description", "Who said what about a truce.");
    click(&mut h, "Apply");
    assert_eq!(h.state().dialog_title(), None);
    let project = h.state().project();
    assert_eq!(project.title, "Ceasefire diplomacy");
    assert_eq!(project.description, "Who said what about a truce.");
    let brief = dossier::export::markdown::to_markdown(
        project,
        &dossier::export::ExcerptQuery::default(),
        dossier::export::GroupBy::Tag,
    );
    assert!(
        brief.starts_with("# Ceasefire diplomacy\n\nWho said what about a truce.\n\n"),
        "{}",
        &brief[..200]
    );
    // One undo step takes back both.
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().title, old_title);
    assert_eq!(h.state().project().description, old_description);
}

// ----- 6 -----

#[test]
fn a_search_hit_opened_with_enter_left_the_keys_in_the_search_field() {
    let mut h = example_harness_sized([1280.0, 800.0]);
    press_mod(&mut h, SHIFT_CMD, Key::F);
    type_text(&mut h, "Witkoff");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().view(), CentreView::Reader, "Enter opened the hit");
    let hit = h.state().reader().selection().expect("the hit is selected");
    assert!(reader_focused(&h), "the reader has the keys");
    // S grows the selection to the sentence; T tags it.
    press(&mut h, Key::S);
    let sentence = h.state().reader().selection().expect("selection");
    assert!(
        sentence.start <= hit.start && sentence.end >= hit.end && sentence != hit,
        "{sentence:?} grew from {hit:?}"
    );
    press(&mut h, Key::T);
    assert_eq!(h.state().palette(), Some(PaletteKind::Tags));
    press(&mut h, Key::Escape);

    // Ctrl+Shift+F: the field has the keys, its old text selected, so typing replaces it and
    // J does not step passages.
    let passage = h.state().selected_passage();
    press_mod(&mut h, SHIFT_CMD, Key::F);
    assert_eq!(h.state().view(), CentreView::Search);
    // A real key press: the key, and the letter it types.
    h.key_press(Key::J);
    h.event(egui::Event::Text("j".into()));
    h.run();
    type_text(&mut h, "ello");
    assert_eq!(h.state().selected_passage(), passage, "J went to the field");
    assert_eq!(
        field_value(&h, "Find"),
        "jello",
        "the old query was selected and replaced"
    );
}

// ----- 7 -----

#[test]
fn cancelling_open_anyway_left_an_empty_library_list() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("p.ron");
    let mut theirs = Project::new("Theirs");
    // A project with articles of its own: its library list must not stay on screen.
    let example = dossier::example::example_project().expect("example");
    for doc in example.documents().values().take(2) {
        dossier::edit::apply(
            &mut theirs,
            dossier::edit::Edit::AddDocument(Box::new(doc.clone())),
        )
        .expect("add");
    }
    dossier::store::save(&theirs, &path).expect("save");
    std::fs::write(dossier::store::lock_path(&path), "1 other-machine\n").expect("lock");
    let wb = Workbench::open(&path)
        .with_dialog_mode(DialogMode::InApp)
        .with_guard(GuardOptions::in_dir(dir.path().join("data")));
    let mut h = harness_sized(wb, [1280.0, 800.0]);
    h.run();
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Open in another window")
    );
    click(&mut h, "Cancel");
    assert_eq!(h.state().project(), &example);
    for doc in example.documents().values() {
        assert!(
            h.query_by_label_contains(&format!("{} — ", doc.title))
                .is_some(),
            "“{}” is listed",
            doc.title
        );
    }
}

// ----- 8 -----

#[test]
fn dates_in_news_forms_were_missed_silently_and_markdown_kept_its_markup() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("articles");
    std::fs::create_dir(&folder).expect("folder");
    let articles = [
        (
            "a.txt",
            "Protest at the mine\n\nPublished 2024-08-10\n\nThousands marched.\n",
            Some("2024-08-10"),
        ),
        (
            "b.md",
            "# Rio Tinto pauses *Jadar*\n\n*Associated Press, 2024-10-08*\n\nThe company said, [in a statement](https://example.com), it would wait.\n",
            Some("2024-10-08"),
        ),
        (
            "c.txt",
            "Lithium row deepens\nBalkan Insight, 2 September 2024\n\nBody.\n",
            Some("2024-09-02"),
        ),
        (
            "d.txt",
            "Протест у Београду\nРТС, 11. август 2024.\n\nТекст.\n",
            Some("2024-08-11"),
        ),
        (
            "e.txt",
            "Сербия и литий\nКоммерсантъ, 2024-08-12\n\nТекст.\n",
            Some("2024-08-12"),
        ),
        (
            "f.txt",
            "Літій у Сербії\nОпубліковано 14 серпня 2024\n\nТекст.\n",
            Some("2024-08-14"),
        ),
        (
            "g.txt",
            "Lithium in Serbien\nVeröffentlicht am 3. September 2024\n\nText.\n",
            Some("2024-09-03"),
        ),
        (
            "h.txt",
            "Le lithium serbe\nPublié le 1er août 2024\n\nTexte.\n",
            Some("2024-08-01"),
        ),
        ("i.txt", "A note without any date\n\nJust text.\n", None),
    ];
    for (name, text, _) in articles {
        std::fs::write(folder.join(name), text).expect("write");
    }
    let mut h = in_app_harness_sized(
        Workbench::new(Project::new("Lithium"), None),
        [1280.0, 800.0],
    );
    press_mod(&mut h, SHIFT_CMD, Key::I);
    replace_field(&mut h, "Path", &folder.display().to_string());
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Import")
        .click();
    h.step();
    h.state_mut().wait_for_import();
    h.run();
    let project = h.state().project().clone();
    for (name, _, date) in articles {
        let doc = project
            .documents()
            .values()
            .find(|d| d.origin.ends_with(name))
            .expect("imported");
        assert_eq!(
            doc.published.map(|d| d.to_string()).as_deref(),
            date,
            "{name}: {}",
            doc.title
        );
    }
    let b = project
        .documents()
        .values()
        .find(|d| d.origin.ends_with("b.md"))
        .expect("b");
    assert_eq!(b.title, "Rio Tinto pauses Jadar");
    assert_eq!(b.source, "Associated Press");
    assert_eq!(
        b.text.as_str(),
        "Rio Tinto pauses Jadar\n\nAssociated Press, 2024-10-08\n\nThe company said, in a statement, it would wait.\n",
        "Markdown markup is gone, the words stay"
    );
    // The summary names what got no date…
    let notice = h
        .state()
        .notices()
        .iter()
        .find(|n| n.text.starts_with("Imported 9 articles"))
        .expect("the import summary");
    assert!(
        notice.text.contains("No publication date found in 1"),
        "{}",
        notice.text
    );
    assert!(
        notice.hint.contains("“A note without any date”"),
        "{}",
        notice.hint
    );
    // …and the library lists them on "no date".
    type_into(&mut h, "Filter articles", "no date");
    assert!(
        h.query_by_label_contains("A note without any date — ")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Lithium row deepens — ")
            .is_none()
    );
}

// ----- 9 -----

#[test]
fn a_typo_made_a_stray_tag_and_new_tags_went_under_the_last_selected() {
    let mut h = example_harness_sized([1280.0, 800.0]);
    let tags_before = h.state().project().tags().len();
    let threat = h
        .state()
        .project()
        .tag_by_name("Threat")
        .expect("Threat")
        .id;
    let claim = h.state().project().tag_by_name("Claim").expect("Claim").id;
    press(&mut h, Key::J);
    let passage = h.state().selected_passage().expect("a passage");
    let had_threat = h
        .state()
        .project()
        .passage(passage)
        .is_some_and(|p| p.tags.contains(&threat));
    press(&mut h, Key::T);
    type_text(&mut h, "Thraet");
    press(&mut h, Key::Enter);
    assert_eq!(
        h.state().project().tags().len(),
        tags_before,
        "no stray tag"
    );
    assert_ne!(
        h.state()
            .project()
            .passage(passage)
            .is_some_and(|p| p.tags.contains(&threat)),
        had_threat,
        "Enter chose the close match"
    );
    // Creating it anyway is an explicit choice: the last row.
    press(&mut h, Key::T);
    type_text(&mut h, "Thraet");
    let rows = h.query_all_by_label_contains("Create tag “Thraet”").count();
    assert_eq!(rows, 1);
    click(&mut h, "Create tag “Thraet”");
    assert_eq!(h.state().project().tags().len(), tags_before + 1);
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);

    // New tag: top level by default even with a tag selected; its parent one key away.
    h.state_mut()
        .push(dossier::ui::Action::SelectTag(Some(claim)));
    h.run();
    press_mod(&mut h, SHIFT_CMD, Key::T);
    type_text(&mut h, "Rumour");
    press(&mut h, Key::Enter);
    let rumour = h.state().project().tag_by_name("Rumour").expect("created");
    assert_eq!(rumour.parent, None);
    h.state_mut()
        .push(dossier::ui::Action::SelectTag(Some(claim)));
    h.run();
    press_mod(&mut h, SHIFT_CMD, Key::T);
    type_text(&mut h, "Denial");
    press_mod(&mut h, Modifiers::ALT, Key::U);
    press(&mut h, Key::Enter);
    let denial = h.state().project().tag_by_name("Denial").expect("created");
    assert_eq!(
        denial.parent,
        Some(claim),
        "Alt+U put it under the selection"
    );
    h.state_mut()
        .push(dossier::ui::Action::SelectTag(Some(claim)));
    h.run();
    press_mod(&mut h, ALT_CMD, Key::T);
    assert_eq!(h.state().dialog_title().as_deref(), Some("New tag"));
    type_text(&mut h, "Leak");
    press(&mut h, Key::Enter);
    let leak = h.state().project().tag_by_name("Leak").expect("created");
    assert_eq!(
        leak.parent,
        Some(claim),
        "New sub-tag starts under the selection"
    );

    // Drag "Aid" onto "Background" (the first rows) to put it there; Ctrl+Z takes it back.
    let background = h
        .state()
        .project()
        .tag_by_name("Background")
        .expect("tag")
        .id;
    drag_row(&mut h, "Aid", "Background");
    let aid = h.state().project().tag_by_name("Aid").expect("still there");
    assert_eq!(aid.parent, Some(background), "dropped under Background");
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    let aid = h.state().project().tag_by_name("Aid").expect("still there");
    assert_eq!(aid.parent, None, "undone");
}

/// Drags the codebook row of the tag `from` onto the row of the tag `onto`, frame by frame as
/// a hand does.
fn drag_row(h: &mut Harness<'_, Workbench>, from: &str, onto: &str) {
    let start = h
        .get_all_by_label_contains(&format!("{from} ("))
        .next()
        .expect("the dragged row")
        .rect()
        .center();
    let end = h
        .get_all_by_label_contains(&format!("{onto} ("))
        .next()
        .expect("the target row")
        .rect()
        .center();
    h.hover_at(start);
    h.run();
    h.drag_at(start);
    h.step();
    for i in 1..=6 {
        let t = i as f32 / 6.0;
        h.hover_at(start + (end - start) * t);
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: end,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
}

// ----- 10 -----

#[test]
fn small_frictions_of_the_first_hour() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("ceasefire.ron");
    let project = dossier::example::example_project().expect("example");
    dossier::store::save(&project, &path).expect("save");
    let mut h = in_app_harness_sized(Workbench::open(&path), [1280.0, 800.0]);

    // Actors created from the palette get a guessed kind, or the one after #.
    press(&mut h, Key::J);
    press(&mut h, Key::A);
    type_text(&mut h, "Serbia");
    assert!(
        h.query_by_label("Create actor “Serbia” (state/government)")
            .is_some()
    );
    press(&mut h, Key::Enter);
    let serbia = h
        .state()
        .project()
        .actor_by_name("Serbia")
        .expect("created");
    assert_eq!(serbia.kind, dossier::model::ActorKind::State);
    press(&mut h, Key::A);
    type_text(&mut h, "Rio Tinto #org");
    click(&mut h, "Create actor “Rio Tinto” (organisation)");
    let rio = h
        .state()
        .project()
        .actor_by_name("Rio Tinto")
        .expect("created");
    assert_eq!(rio.kind, dossier::model::ActorKind::Organisation);

    // The number keys keep their tags in a stable order, remembered for the project.
    let tag_with_palette = |h: &mut Harness<'_, Workbench>, name: &str| {
        press(h, Key::T);
        h.root().type_text(name);
        h.run();
        press(h, Key::Enter);
    };
    press(&mut h, Key::J);
    tag_with_palette(&mut h, "Threat");
    press(&mut h, Key::J);
    tag_with_palette(&mut h, "Background");
    press(&mut h, Key::J);
    tag_with_palette(&mut h, "Threat");
    let names = |h: &Harness<'_, Workbench>| -> Vec<String> {
        h.state()
            .recent_tags()
            .iter()
            .filter_map(|t| h.state().project().tag(*t).map(|t| t.name.clone()))
            .collect()
    };
    assert_eq!(names(&h), ["Threat", "Background"], "1 stays Threat");
    let settings = h.state().settings();
    let again = Workbench::open(&path).with_settings(settings);
    assert_eq!(
        again.recent_tags(),
        h.state().recent_tags(),
        "remembered for the project"
    );

    // Repeated Alt+arrow moves of one boundary are one undo step.
    press(&mut h, Key::F6);
    let steps = h.state().history().undo_len();
    for _ in 0..3 {
        press_mod(&mut h, Modifiers::ALT, Key::ArrowRight);
    }
    assert_eq!(h.state().history().undo_len(), steps + 1);

    // Enter in the library filter opens the article; ↓ the next one.
    press_mod(&mut h, Modifiers::COMMAND, Key::L);
    let first = h.state().reader().document();
    press(&mut h, Key::ArrowDown);
    assert_ne!(
        h.state().reader().document(),
        first,
        "↓ opened the next article"
    );
    type_text(&mut h, "Witkoff");
    press(&mut h, Key::Enter);
    assert!(reader_focused(&h), "Enter went to the reader");

    // Enter applies Edit event from its fields.
    click(&mut h, "Events");
    let event = h
        .state()
        .project()
        .events()
        .values()
        .next()
        .map(|e| (e.id, e.title.clone()))
        .expect("an event");
    type_into(&mut h, "Filter events", &event.1);
    click(&mut h, &event.1);
    click(&mut h, "Edit…");
    replace_field(&mut h, "Place", "Loznica");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().dialog_title(), None, "Enter applied");
    assert_eq!(
        h.state().project().event(event.0).map(|e| e.place.as_str()),
        Some("Loznica")
    );

    // A notice floats over the reader instead of pushing its text down.
    press(&mut h, Key::F6);
    let doc = h.state().reader().document().expect("open");
    let title = h
        .state()
        .project()
        .document(doc)
        .expect("doc")
        .title
        .clone();
    let before = h.get_by_label(&title).rect();
    h.state_mut().push(dossier::ui::Action::Run(
        dossier::ui::Command::ApplyRecentTag(8),
    ));
    h.run();
    assert!(!h.state().notices().is_empty(), "a notice is shown");
    assert_eq!(
        h.get_by_label(&title).rect(),
        before,
        "the text did not move"
    );
}

/// Every combo box of the window goes through `ui::combo` (item 2: "every combo box in every
/// dialog and form"), so none can open its list behind a dialog again.
#[test]
fn every_combo_box_keeps_its_list_above_dialogs() {
    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/ui").flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"),
        &mut files,
    );
    let mut combos = 0;
    let mut bad = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !line.contains("egui::ComboBox::") || line.trim_start().starts_with("//") {
                continue;
            }
            combos += 1;
            let shown = lines.iter().skip(i).take(10).find(|l| {
                l.contains(".show_above(") || l.contains(".show_ui(") || l.contains(".show_index(")
            });
            if !shown.is_some_and(|l| l.contains(".show_above(")) {
                bad.push(format!("{}:{}", file.display(), i + 1));
            }
        }
    }
    assert!(
        combos >= 12,
        "found only {combos} combo boxes: is the scan right?"
    );
    assert!(
        bad.is_empty(),
        "combo boxes not shown with show_above: {bad:?}"
    );
}
