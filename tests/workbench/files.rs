//! Stories of the project's files through the window: save and reopen, the unsaved-changes
//! guard, a malformed file, importing (a folder, missing or binary files, dropped files, pasted
//! text), article details, and the unsaved marker coming back with undo.

use super::*;

#[test]
fn save_then_reopen_in_a_new_harness_and_find_every_passage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nested").join("ceasefire.ron");
    let (f, mut h) = reading_the_fixture();
    press(&mut h, Key::J);
    press(&mut h, Key::T);
    type_text(&mut h, "Threat");
    press(&mut h, Key::Enter);
    assert!(h.state().window_title().contains("not saved yet"));
    save_through_prompt(&mut h, &path);
    assert!(path.is_file(), "saved to the typed path");
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(h.state().window_title().contains("ceasefire"));
    assert!(!h.state().window_title().contains("unsaved"));
    let saved = h.state().project().clone();

    let mut h2 = in_app_harness(Workbench::open(&path));
    h2.run();
    assert_eq!(
        h2.state().project(),
        &saved,
        "the reopened project equals the saved one"
    );
    assert!(
        h2.state()
            .notices()
            .iter()
            .all(|n| n.level != NoticeLevel::Error)
    );
    // Every passage of the article is reachable with J, in order.
    open_doc(&mut h2, f.doc);
    let expected: Vec<PassageId> = saved.passages_in(f.doc).map(|p| p.id).collect();
    let mut found = Vec::new();
    for _ in 0..expected.len() {
        press(&mut h2, Key::J);
        found.extend(h2.state().selected_passage());
    }
    assert_eq!(found, expected);
    assert!(tags_of(&h2, f.first).contains(&f.threat));
    // Ctrl+S now saves in place, without asking.
    h2.state_mut().push(dossier::ui::Action::Run(
        dossier::ui::Command::ClearSelection,
    ));
    press(&mut h2, Key::J);
    press(&mut h2, Key::Delete);
    assert!(h2.state().is_dirty());
    press_mod(&mut h2, Modifiers::COMMAND, Key::S);
    assert_eq!(h2.state().dialog_title(), None);
    assert!(!h2.state().is_dirty());
    assert!(
        dossier::store::backup_path(&path).is_file(),
        "the old version is kept"
    );
}

fn sent(h: &Harness<'_, Workbench>, command: &ViewportCommand) -> bool {
    h.output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .is_some_and(|o| o.commands.contains(command))
}

#[test]
fn the_unsaved_changes_guard_on_close() {
    let f = fixture();
    // Without changes, closing is allowed at once.
    let mut h = harness(f.project.clone(), None);
    request_close(&mut h);
    assert!(h.state().close_allowed());
    assert!(!sent(&h, &ViewportCommand::CancelClose));

    let mut h = harness(f.project.clone(), None);
    open_doc(&mut h, f.doc);
    press(&mut h, Key::J);
    press(&mut h, Key::Delete);
    assert!(h.state().is_dirty());
    request_close(&mut h);
    assert!(
        sent(&h, &ViewportCommand::CancelClose),
        "the close is held back"
    );
    h.run();
    assert_eq!(h.state().dialog_title().as_deref(), Some("Unsaved changes"));
    assert!(!h.state().close_allowed());
    click(&mut h, "Cancel");
    assert_eq!(h.state().dialog_title(), None);
    assert!(!h.state().close_allowed(), "Cancel keeps the window");
    assert!(h.state().is_dirty());

    request_close(&mut h);
    h.run();
    h.get_by_label("Discard").click();
    h.step();
    assert!(h.state().close_allowed());
    assert!(sent(&h, &ViewportCommand::Close), "Discard closes");
}

#[test]
fn the_guard_can_save_before_closing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    let f = fixture();
    dossier::store::save(&f.project, &path).expect("save");
    let mut h = harness(f.project.clone(), Some(path.clone()));
    open_doc(&mut h, f.doc);
    press(&mut h, Key::J);
    press(&mut h, Key::Delete);
    request_close(&mut h);
    h.run();
    click(&mut h, "Save");
    assert!(h.state().close_allowed());
    let on_disk = dossier::store::load(&path).expect("load");
    assert_eq!(&on_disk, h.state().project(), "saved before closing");
    assert!(on_disk.passage(f.first).is_none());
}

#[test]
fn opening_a_malformed_file_shows_an_error_and_keeps_the_project() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, "(format: \"dossier\", version: 1, tags: [(id: ").expect("write");
    let (f, mut h) = reading_the_fixture();
    press(&mut h, Key::J);
    let before = h.state().project().clone();
    press_mod(&mut h, Modifiers::COMMAND, Key::O);
    assert_eq!(h.state().dialog_title().as_deref(), Some("Open project"));
    answer_path_prompt(&mut h, &bad, "Open");
    let error = h
        .state()
        .notices()
        .iter()
        .find(|n| n.level == NoticeLevel::Error)
        .expect("an error notice");
    assert!(error.text.contains("malformed"), "{}", error.text);
    assert!(
        error.text.contains("broken.ron"),
        "names the path: {}",
        error.text
    );
    assert!(error.hint.contains("unchanged"), "{}", error.hint);
    assert!(
        h.query_by_label_contains("malformed at line").is_some(),
        "the error is shown in the window"
    );
    assert_eq!(
        h.state().project(),
        &before,
        "the current project is intact"
    );
    assert_eq!(h.state().path(), None);
    assert_eq!(h.state().selected_passage(), Some(f.first));
}

#[test]
fn edit_article_details_is_undoable() {
    let (f, mut h) = reading_the_fixture();
    press_mod(&mut h, Modifiers::COMMAND, Key::E);
    assert_eq!(h.state().dialog_title().as_deref(), Some("Article details"));
    replace_field(&mut h, "Published", "2025-13-40");
    click(&mut h, "Apply");
    assert!(
        h.query_by_label_contains("YYYY-MM-DD").is_some(),
        "a bad date is explained"
    );
    replace_field(&mut h, "Published", "2025-08-07~");
    click(&mut h, "Apply");
    let doc = h.state().project().document(f.doc).expect("doc");
    assert_eq!(
        doc.published.map(|d| d.to_string()).as_deref(),
        Some("2025-08-07~")
    );
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    let doc = h.state().project().document(f.doc).expect("doc");
    assert_eq!(
        doc.published.map(|d| d.to_string()).as_deref(),
        Some("2025-08-06")
    );
}

#[test]
fn paste_an_article() {
    let f = fixture();
    let mut h = harness(f.project.clone(), None);
    press_mod(&mut h, SHIFT_CMD, Key::V);
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Paste an article")
    );
    type_into(
        &mut h,
        "Text",
        "Kremlin aide Ushakov said the talks were useful.\nMore text.",
    );
    type_into(&mut h, "Title", "Ushakov on the talks");
    click(&mut h, "Add article");
    let doc = h
        .state()
        .project()
        .documents()
        .values()
        .find(|d| d.title == "Ushakov on the talks")
        .expect("added")
        .id;
    assert_eq!(
        h.state().reader().document(),
        Some(doc),
        "the new article opens"
    );
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().project().document(doc).is_none());
}

#[test]
fn the_example_project_opens_as_an_unsaved_copy() {
    let mut h = in_app_harness(Workbench::example());
    h.run();
    let wb = h.state();
    assert!(wb.path().is_none());
    assert!(!wb.is_dirty(), "nothing to lose yet");
    assert!(wb.window_title().starts_with("Dossier — "));
    assert!(wb.window_title().contains("not saved yet"));
    assert!(wb.project().documents().len() >= 5);
    assert!(wb.reader().document().is_some(), "an article is open");
    // Save offers saves/ with the example's file name.
    press_mod(&mut h, Modifiers::COMMAND, Key::S);
    let offered = h.get_by_label("Path").value().unwrap_or_default();
    assert!(offered.starts_with("saves"), "{offered}");
    assert!(offered.contains("ceasefire-2025"), "{offered}");
}

#[test]
fn import_a_folder_through_the_prompt_then_again_finds_duplicates() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let f = fixture();
    let mut h = harness(f.project.clone(), None);
    press_mod(&mut h, SHIFT_CMD, Key::I);
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Import a folder of articles")
    );
    type_into(&mut h, "Path", &seeds.display().to_string());
    h.get_by_label("Import").click();
    h.step(); // a spinner shows while the import runs: step, do not wait for calm
    assert!(h.state().is_busy() || h.state().project().documents().len() > 2);
    h.state_mut().wait_for_import();
    h.run();
    assert_eq!(h.state().project().documents().len(), 2 + 5);
    assert!(h.state().is_dirty());
    assert_eq!(
        h.state().history().undo_len(),
        1,
        "the import is one undo step"
    );
    let opened = h
        .state()
        .reader()
        .document()
        .expect("an imported article opens");
    assert!(h.state().project().document(opened).is_some());

    // The same folder again: nothing new, and the window says why.
    h.state_mut().push(dossier::ui::Action::FilesChosen(
        dossier::ui::files::FileRequest::ImportFolder,
        vec![seeds.clone()],
    ));
    // This time through frames, as the window runs it: the project is copied a slice per
    // frame, then imported on a worker, and the result applied after a frame.
    let mut frames = 0;
    while h.state().is_busy() || frames == 0 {
        assert!(frames < 2000, "the import finishes");
        h.step();
        frames += 1;
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run();
    assert_eq!(h.state().project().documents().len(), 7);
    assert!(
        h.state()
            .notices()
            .iter()
            .any(|n| n.text.contains("skipped 5 already in the project")),
        "{:?}",
        h.state().notices()
    );
    // Undo removes the imported articles in one step.
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().documents().len(), 2);
}

#[test]
fn importing_a_missing_or_binary_file_changes_nothing_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let binary = dir.path().join("photo.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1]).expect("write");
    let f = fixture();
    let mut h = harness(f.project.clone(), None);
    h.state_mut().push(dossier::ui::Action::FilesChosen(
        dossier::ui::files::FileRequest::ImportFiles,
        vec![binary.clone()],
    ));
    h.step();
    h.state_mut().wait_for_import();
    h.run();
    assert_eq!(h.state().project(), &f.project);
    let error = h
        .state()
        .notices()
        .iter()
        .find(|n| n.level == NoticeLevel::Error)
        .expect("an error");
    assert!(error.hint.contains("photo.txt"), "{error:?}");
    assert!(!h.state().is_dirty());
}

#[test]
fn closing_an_unsaved_new_project_can_save_it_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("first-save.ron");
    let (_, mut h) = reading_the_fixture();
    press(&mut h, Key::J);
    press(&mut h, Key::Delete);
    request_close(&mut h);
    h.run();
    click(&mut h, "Save");
    assert_eq!(h.state().dialog_title().as_deref(), Some("Save project as"));
    assert!(!h.state().close_allowed(), "not before the file is written");
    replace_field(&mut h, "Path", &path.display().to_string());
    h.get_by_label("Save").click();
    h.step();
    assert!(path.is_file());
    assert!(h.state().close_allowed(), "the close goes on after saving");
    assert!(sent(&h, &ViewportCommand::Close));
}

/// A file dropped on the window, as the platform layer reports it.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn files_dropped_on_the_window_are_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("kyiv.md");
    std::fs::write(
        &article,
        "# Kyiv reports drone attack\n\nOfficials said 12 people were injured.\n",
    )
    .expect("write");
    let f = fixture();
    let mut h = harness(f.project.clone(), None);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(article.clone())));
    h.step();
    h.state_mut().wait_for_import();
    h.step();
    let doc = h
        .state()
        .project()
        .documents()
        .values()
        .find(|d| d.title == "Kyiv reports drone attack")
        .map(|d| d.id)
        .expect("imported");
    assert_eq!(h.state().reader().document(), Some(doc));
}

#[test]
fn undoing_back_to_the_saved_state_clears_the_unsaved_marker() {
    let f = fixture();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("saved.ron");
    let mut h = harness(f.project.clone(), None);
    open_doc(&mut h, f.doc);
    press(&mut h, Key::J);
    press(&mut h, Key::T);
    type_text(&mut h, "Threat");
    press(&mut h, Key::Enter);
    save_through_prompt(&mut h, &path);
    assert!(!h.state().is_dirty(), "saved");
    press(&mut h, Key::J);
    press(&mut h, Key::Num1);
    assert!(h.state().is_dirty(), "an edit after the save");
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(!h.state().is_dirty(), "undone back to what is on disk");
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().is_dirty(), "undone past the save");
    press_mod(&mut h, Modifiers::COMMAND, Key::Y);
    assert!(!h.state().is_dirty(), "redone back to the save");
}
