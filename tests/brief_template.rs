//! The brief template in the window (issue 17): File › Export… shows the project's template for
//! the briefs, a changed grouping and unticked parts are remembered in the project when the
//! brief is exported (or with "Remember for this project"), the dialog opens with them again,
//! Ctrl+Z puts the old template back, and saving keeps it in the file for `dossier export`.

mod common;

use common::gui::{SHIFT_CMD, click, click_button, in_app_harness_sized, press_mod};
use dossier::model::{BriefTemplate, GroupBy, Part};
use dossier::ui::Workbench;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Whether the check box labelled `label` is ticked.
fn ticked(h: &Harness<'_, Workbench>, label: &str) -> bool {
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, label)
        .accesskit_node()
        .toggled()
        .is_some_and(|t| t == egui::accesskit::Toggled::True)
}

fn open_export(h: &mut Harness<'_, Workbench>, format: &str) {
    press_mod(h, SHIFT_CMD, Key::X);
    assert_eq!(h.state().dialog_title().as_deref(), Some("Export"));
    click(h, "Export format");
    click(h, format);
}

#[test]
fn the_template_chosen_in_the_export_dialog_is_remembered_undone_and_saved() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("ceasefire.ron");
    let project = dossier::example::example_project().expect("example");
    assert!(project.brief_template().is_default());
    dossier::store::save(&project, &file).expect("save");
    let mut h = in_app_harness_sized(Workbench::open(&file), [1280.0, 800.0]);
    h.run();

    // Markdown grouped by actor, without the analysts' notes.
    open_export(&mut h, "MD (.md)");
    assert!(ticked(&h, "Analyst notes"), "every part at first");
    click(&mut h, "Grouping");
    click(&mut h, "actor");
    click(&mut h, "Analyst notes");
    assert!(!ticked(&h, "Analyst notes"));
    click_button(&mut h, "Export");
    assert_eq!(h.state().dialog_title(), None);
    let brief = std::fs::read_to_string(dir.path().join("ceasefire.md")).expect("written");
    assert!(brief.contains("grouped by actor"), "{brief}");
    assert!(!brief.contains("*Note:*"), "no notes");
    assert!(brief.contains("Claims: "), "the other parts stay");
    let remembered = BriefTemplate {
        group_by: GroupBy::Actor,
        omit: vec![Part::Notes],
        agreement: None,
    };
    assert_eq!(h.state().project().brief_template(), &remembered);
    assert!(h.state().is_dirty());

    // The dialog opens with the project's template.
    open_export(&mut h, "DOCX (.docx)");
    assert!(!ticked(&h, "Analyst notes"), "remembered");
    assert!(ticked(&h, "Event cards"));
    assert_eq!(
        h.get_by_label("Grouping").value().as_deref(),
        Some("actor"),
        "the grouping is remembered"
    );
    // "Remember for this project" stores a change at once, the dialog stays open.
    click(&mut h, "Event cards");
    click_button(&mut h, "Remember for this project");
    assert_eq!(h.state().dialog_title().as_deref(), Some("Export"));
    assert_eq!(
        h.state().project().brief_template().omit,
        [Part::Notes, Part::EventCards]
    );
    click_button(&mut h, "Cancel");
    assert_eq!(h.state().dialog_title(), None);

    // Each change is one undo step.
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().brief_template(), &remembered);
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().project().brief_template().is_default());
    assert!(!h.state().is_dirty(), "back to what is on disk");
    press_mod(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(h.state().project().brief_template(), &remembered);

    // Saved, it is in the file, and the command line uses it.
    press_mod(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!h.state().is_dirty());
    let text = std::fs::read_to_string(&file).expect("saved");
    assert!(text.contains("brief: ("), "in the file");
    let reloaded = dossier::store::load(&file).expect("loads");
    assert_eq!(reloaded.brief_template(), &remembered);
    let mut h = in_app_harness_sized(Workbench::open(&file), [1280.0, 800.0]);
    h.run();
    open_export(&mut h, "PDF (.pdf)");
    assert!(!ticked(&h, "Analyst notes"), "after reopening the project");
    assert_eq!(h.get_by_label("Grouping").value().as_deref(), Some("actor"));
}

/// The excerpts table's "Export this view…" makes its briefs as the project's template says.
#[test]
fn a_brief_of_the_excerpts_view_follows_the_projects_template() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("ceasefire.ron");
    let project = dossier::example::example_project()
        .expect("example")
        .with_brief_template(BriefTemplate {
            group_by: GroupBy::Event,
            omit: vec![Part::Notes, Part::Ach],
            agreement: None,
        })
        .expect("valid");
    dossier::store::save(&project, &file).expect("save");
    let mut h = in_app_harness_sized(Workbench::open(&file), [1280.0, 800.0]);
    h.run();
    click(&mut h, "Excerpts");
    click(&mut h, "Export this view…");
    click(&mut h, "MD (.md)");
    let offered = h.get_by_label("Path").value().unwrap_or_default();
    click_button(&mut h, "Export");
    let brief = std::fs::read_to_string(&offered).expect("written");
    assert!(brief.contains("grouped by event"), "{brief:.300}");
    assert!(!brief.contains("*Note:*"));
    assert!(!brief.contains("## ACH matrix"));
    assert!(brief.contains("## Contested claims"), "the rest stays");
}
