//! The reader driven like a user would: egui_kittest presses keys and clicks on the paragraphs it
//! finds in the AccessKit tree, and the tests check the selection (in document chars) and what the
//! reader reports.

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::{ReaderOutput, ReaderState, reader_ui};
use crate::edit::{Edit, apply};
use crate::model::{
    Actor, ActorId, ActorKind, ActorRole, DocId, Document, Parts, Passage, PassageId, Project, Rgb,
    Tag, TagId, Text, Timestamp,
};
use crate::ui::theme::Theme;

const ARTICLE: &str = "Witkoff met Putin in Moscow on Wednesday. Talks lasted three hours.\n\
\n\
Zelenskyy said Russia must end the war. Kyiv wants a ceasefire first.\n\
\n\
Путин встретился с Уиткоффом в Кремле.\n\
\n\
👩\u{200d}👩\u{200d}👧 family e\u{301}clair café\n\
\n\
مرحبا بكم في موسكو";

struct World {
    project: Project,
    reader: ReaderState,
    selected: Option<PassageId>,
    clicked: Option<PassageId>,
    hovered: Option<PassageId>,
    adjust: Option<(PassageId, std::ops::Range<usize>)>,
    button_clicks: usize,
    /// A modal dialog is open above the reader.
    modal: bool,
}

struct Fixture {
    doc: DocId,
    claim: PassageId,
    tag: TagId,
}

fn char_of(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).expect("needle in the article");
    text[..byte].chars().count()
}

fn project(text: &str) -> (Project, Fixture) {
    let doc = Document {
        id: DocId::random(),
        title: "Witkoff in Moscow".into(),
        source: "Reuters".into(),
        author: String::new(),
        url: String::new(),
        published: None,
        origin: String::new(),
        imported: Timestamp(0),
        text: Text::new(text.to_string()),
    };
    let tag = Tag {
        id: TagId::random(),
        name: "Claim".into(),
        color: Rgb([0xd9, 0x82, 0x2b]),
        parent: None,
        description: String::new(),
    };
    let actor = Actor {
        author: String::new(),
        id: ActorId::random(),
        name: "Volodymyr Zelenskyy".into(),
        kind: ActorKind::Person,
        aliases: Vec::new(),
        description: String::new(),
    };
    let start = char_of(text, "Zelenskyy said");
    let end = char_of(text, " Kyiv wants");
    let mut claim = Passage::new(&doc, start, end).expect("span");
    claim.tags = vec![tag.id];
    claim.actors = vec![(actor.id, ActorRole::Speaker)];
    claim.note = "Demand, not offer.".into();
    let fixture = Fixture {
        doc: doc.id,
        claim: claim.id,
        tag: tag.id,
    };
    let project = Project::from_parts(Parts {
        title: "Test".into(),
        tags: vec![tag],
        actors: vec![actor],
        documents: vec![doc],
        passages: vec![claim],
        ..Parts::default()
    })
    .expect("valid project");
    (project, fixture)
}

fn harness(text: &str) -> (Harness<'static, World>, Fixture) {
    let (project, fixture) = project(text);
    let mut reader = ReaderState::new();
    reader.set_document(Some(fixture.doc));
    let world = World {
        project,
        reader,
        selected: None,
        clicked: None,
        hovered: None,
        adjust: None,
        button_clicks: 0,
        modal: false,
    };
    let harness = Harness::builder()
        .with_size(vec2(900.0, 700.0))
        .with_step_dt(1.0 / 60.0)
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, w: &mut World| {
                if ui.button("Inspector button").clicked() {
                    w.button_clicks += 1;
                }
                let out: ReaderOutput =
                    reader_ui(ui, &w.project, &mut w.reader, w.selected, &Theme::LIGHT);
                if out.clicked_passage.is_some() {
                    w.clicked = out.clicked_passage;
                }
                w.hovered = out.hovered_passage;
                if out.adjust.is_some() {
                    w.adjust = out.adjust;
                }
                if w.modal {
                    egui::Modal::new(egui::Id::unique("a dialog")).show(ui.ctx(), |ui| {
                        ui.label("A dialog");
                    });
                }
            },
            world,
        );
    (harness, fixture)
}

/// The rect of the visible paragraph whose text contains `needle`.
fn paragraph_rect(h: &Harness<'_, World>, needle: &'static str) -> Rect {
    h.get_by_role_and_label_contains(Role::Paragraph, needle)
        .rect()
}

trait ByRoleAndLabelContains {
    fn get_by_role_and_label_contains(
        &self,
        role: Role,
        needle: &'static str,
    ) -> egui_kittest::Node<'_>;
}

impl ByRoleAndLabelContains for Harness<'_, World> {
    fn get_by_role_and_label_contains(
        &self,
        role: Role,
        needle: &'static str,
    ) -> egui_kittest::Node<'_> {
        self.get_by(move |node| {
            node.role() == role && node.label().is_some_and(|l| l.contains(needle))
        })
    }
}

/// A point on the first line of a paragraph, `dx` points from its left edge.
fn first_line_point(rect: Rect, dx: f32) -> Pos2 {
    Pos2::new(rect.left() + dx, rect.top() + 12.0)
}

/// Lets enough time pass that the next click is not counted with the previous ones.
fn pause(h: &mut Harness<'_, World>) {
    h.run_steps(40);
}

fn click_at(h: &mut Harness<'_, World>, pos: Pos2, modifiers: Modifiers) {
    h.event(Event::PointerMoved(pos));
    h.event(Event::ModifiersChanged(modifiers));
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.step();
}

fn double_click_at(h: &mut Harness<'_, World>, pos: Pos2) {
    pause(h);
    click_at(h, pos, Modifiers::NONE);
    click_at(h, pos, Modifiers::NONE);
    pause(h);
}

fn focus_reader(h: &mut Harness<'_, World>, caret: usize) {
    h.state_mut().reader.set_caret(caret);
    h.state_mut().reader.request_focus();
    h.run();
    assert!(h.state().reader.has_focus(), "the reader took focus");
}

#[test]
fn shift_arrows_extend_from_a_set_caret() {
    let (mut h, _) = harness(ARTICLE);
    let start = char_of(ARTICLE, "met Putin");
    focus_reader(&mut h, start);
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    h.run();
    assert_eq!(h.state().reader.selection(), Some(start..start + 3));

    h.key_press_modifiers(Modifiers::SHIFT | Modifiers::COMMAND, Key::ArrowRight);
    h.run();
    let putin_end = char_of(ARTICLE, " in Moscow");
    assert_eq!(
        h.state().reader.selection(),
        Some(start..putin_end),
        "Ctrl+Shift+Right extends to the end of the next word"
    );

    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().reader.selection(), Some(start..putin_end - 1));

    // Shift+Down from the first paragraph's only line goes through the blank line into the next.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run();
    let sel = h.state().reader.selection().expect("a selection");
    let second = char_of(ARTICLE, "Zelenskyy");
    assert_eq!(sel.start, start);
    assert!(
        sel.end > second && sel.end < char_of(ARTICLE, "\n\nПутин"),
        "Shift+Down reached the second paragraph, got {sel:?}"
    );

    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().reader.selection(), None, "Escape clears");
    assert!(h.state().reader.has_focus(), "the first Escape keeps focus");
}

#[test]
fn sentence_and_paragraph_keys_grow_the_selection() {
    let (mut h, _) = harness(ARTICLE);
    let caret = char_of(ARTICLE, "lasted");
    focus_reader(&mut h, caret);
    h.key_press(Key::S);
    h.run();
    let talks = char_of(ARTICLE, "Talks lasted");
    let end = char_of(ARTICLE, "\n\nZelenskyy");
    assert_eq!(h.state().reader.selection(), Some(talks..end));
    h.key_press(Key::P);
    h.run();
    assert_eq!(h.state().reader.selection(), Some(0..end));
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    assert_eq!(
        h.state().reader.selection(),
        Some(0..ARTICLE.chars().count())
    );
}

#[test]
fn double_click_selects_a_word() {
    let (mut h, _) = harness(ARTICLE);
    h.run();
    let rect = paragraph_rect(&h, "Zelenskyy said");
    double_click_at(&mut h, first_line_point(rect, 20.0));
    let start = char_of(ARTICLE, "Zelenskyy");
    assert_eq!(h.state().reader.selection(), Some(start..start + 9));
}

#[test]
fn triple_click_selects_the_paragraph() {
    let (mut h, _) = harness(ARTICLE);
    h.run();
    let rect = paragraph_rect(&h, "Zelenskyy said");
    let pos = first_line_point(rect, 20.0);
    for _ in 0..3 {
        click_at(&mut h, pos, Modifiers::NONE);
    }
    h.run();
    let start = char_of(ARTICLE, "Zelenskyy");
    let end = char_of(ARTICLE, "\n\nПутин");
    assert_eq!(h.state().reader.selection(), Some(start..end));
}

#[test]
fn clicking_a_highlighted_passage_reports_it() {
    let (mut h, fixture) = harness(ARTICLE);
    h.run();
    let rect = paragraph_rect(&h, "Zelenskyy said");
    click_at(&mut h, first_line_point(rect, 30.0), Modifiers::NONE);
    h.run();
    assert_eq!(h.state().clicked, Some(fixture.claim));

    // Text outside any passage reports nothing.
    h.state_mut().clicked = None;
    let rect = paragraph_rect(&h, "Witkoff met");
    click_at(&mut h, first_line_point(rect, 30.0), Modifiers::NONE);
    h.run();
    assert_eq!(h.state().clicked, None);
}

#[test]
fn hovering_a_passage_reports_it() {
    let (mut h, fixture) = harness(ARTICLE);
    h.run();
    let rect = paragraph_rect(&h, "Zelenskyy said");
    h.event(Event::PointerMoved(first_line_point(rect, 40.0)));
    h.run();
    assert_eq!(h.state().hovered, Some(fixture.claim));
}

#[test]
fn a_dialog_above_the_reader_keeps_the_hover_card_away() {
    let (mut h, _) = harness(ARTICLE);
    h.state_mut().modal = true;
    h.run();
    let rect = paragraph_rect(&h, "Zelenskyy said");
    h.event(Event::PointerMoved(first_line_point(rect, 40.0)));
    h.run();
    assert_eq!(
        h.state().hovered,
        None,
        "no passage is hovered under a dialog"
    );
    assert!(h.query_by_label("Demand, not offer.").is_none(), "no card");
}

#[test]
fn a_passage_added_by_an_edit_is_clickable_next_frame() {
    let (mut h, fixture) = harness(ARTICLE);
    h.run();
    let start = char_of(ARTICLE, "Witkoff met");
    let doc = h
        .state()
        .project
        .document(fixture.doc)
        .expect("doc")
        .clone();
    let mut passage = Passage::new(&doc, start, start + 11).expect("span");
    passage.tags = vec![fixture.tag];
    let id = passage.id;
    apply(
        &mut h.state_mut().project,
        Edit::AddPassage(Box::new(passage)),
    )
    .expect("applies");
    h.run();
    let rect = paragraph_rect(&h, "Witkoff met");
    click_at(&mut h, first_line_point(rect, 10.0), Modifiers::NONE);
    h.run();
    assert_eq!(h.state().clicked, Some(id));
}

#[test]
fn the_selection_survives_clicking_another_widget() {
    let (mut h, _) = harness(ARTICLE);
    focus_reader(&mut h, 0);
    h.state_mut().reader.set_selection(5..20);
    h.run();
    h.get_by_label("Inspector button").click();
    h.run();
    assert_eq!(h.state().button_clicks, 1);
    assert_eq!(h.state().reader.selection(), Some(5..20));
    assert!(!h.state().reader.has_focus(), "focus moved to the button");
}

#[test]
fn drag_across_paragraphs_selects_both() {
    let (mut h, _) = harness(ARTICLE);
    h.run();
    let from = first_line_point(paragraph_rect(&h, "Witkoff met"), 1.0);
    let to = first_line_point(paragraph_rect(&h, "Zelenskyy said"), 60.0);
    h.event(Event::PointerMoved(from));
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    for k in 1..=6 {
        let t = k as f32 / 6.0;
        h.event(Event::PointerMoved(from + (to - from) * t));
        h.step();
    }
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(3);
    let sel = h.state().reader.selection().expect("a selection");
    assert_eq!(sel.start, 0);
    let second = char_of(ARTICLE, "Zelenskyy");
    assert!(
        sel.end > second + 3 && sel.end < second + 15,
        "ends a few chars into the second paragraph: {sel:?}"
    );
}

#[test]
fn shift_click_extends_the_selection() {
    let (mut h, _) = harness(ARTICLE);
    focus_reader(&mut h, 3);
    let rect = paragraph_rect(&h, "Zelenskyy said");
    click_at(&mut h, first_line_point(rect, 0.5), Modifiers::SHIFT);
    h.run();
    assert_eq!(
        h.state().reader.selection(),
        Some(3..char_of(ARTICLE, "Zelenskyy"))
    );
}

#[test]
fn non_ascii_text_gives_char_ranges() {
    let (mut h, _) = harness(ARTICLE);
    h.run();
    // Cyrillic: the first word of its paragraph.
    let rect = paragraph_rect(&h, "Путин");
    double_click_at(&mut h, first_line_point(rect, 12.0));
    let putin = char_of(ARTICLE, "Путин");
    assert_eq!(h.state().reader.selection(), Some(putin..putin + 5));

    // An emoji ZWJ sequence is one word and one step.
    let rect = paragraph_rect(&h, "family");
    double_click_at(&mut h, first_line_point(rect, 4.0));
    let emoji = char_of(ARTICLE, "👩");
    assert_eq!(
        h.state().reader.selection(),
        Some(emoji..emoji + 5),
        "three people and two joiners"
    );
    focus_reader(&mut h, emoji);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(h.state().reader.selection(), Some(emoji..emoji + 5));

    // A combining accent moves with its letter.
    let e = char_of(ARTICLE, "e\u{301}clair");
    focus_reader(&mut h, e);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(h.state().reader.selection(), Some(e..e + 2));

    // Arabic (right-to-left script, laid out in logical order): the first word.
    let rect = paragraph_rect(&h, "مرحبا");
    double_click_at(&mut h, first_line_point(rect, 3.0));
    let marhaba = char_of(ARTICLE, "مرحبا");
    assert_eq!(h.state().reader.selection(), Some(marhaba..marhaba + 5));
}

#[test]
fn ctrl_c_copies_the_selected_text() {
    let (mut h, _) = harness(ARTICLE);
    let putin = char_of(ARTICLE, "Путин");
    focus_reader(&mut h, 0);
    h.state_mut().reader.set_selection(putin..putin + 5);
    h.run();
    // One event, one frame: the copy shows in that frame's output.
    h.event(Event::Key {
        key: Key::C,
        pressed: true,
        modifiers: Modifiers::COMMAND,
        repeat: false,
        physical_key: None,
    });
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied, vec!["Путин".to_string()]);
}

#[test]
fn alt_arrows_adjust_the_selected_passage() {
    let (mut h, fixture) = harness(ARTICLE);
    h.state_mut().selected = Some(fixture.claim);
    focus_reader(&mut h, 0);
    let p = h
        .state()
        .project
        .passage(fixture.claim)
        .expect("passage")
        .clone();
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(
        h.state().adjust,
        Some((fixture.claim, p.start..p.end + 1)),
        "Alt+Shift+Right moves the end"
    );
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    assert_eq!(
        h.state().adjust,
        Some((fixture.claim, p.start + 1..p.end)),
        "Alt+Right moves the start"
    );
}

#[test]
fn dragging_the_end_handle_reports_a_new_span_on_release() {
    let (mut h, fixture) = harness(ARTICLE);
    h.state_mut().selected = Some(fixture.claim);
    h.run();
    let handle = h.get_by_label("Passage end handle").rect();
    let from = handle.center();
    let to = from - vec2(40.0, 0.0);
    h.event(Event::PointerMoved(from));
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    for k in 1..=4 {
        h.event(Event::PointerMoved(from + (to - from) * (k as f32 / 4.0)));
        h.step();
    }
    assert_eq!(h.state().adjust, None, "nothing is reported while dragging");
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(3);
    let p = h.state().project.passage(fixture.claim).expect("passage");
    let (id, span) = h.state().adjust.clone().expect("an adjustment");
    assert_eq!(id, fixture.claim);
    assert_eq!(span.start, p.start);
    assert!(
        span.end < p.end && span.end > p.end - 10,
        "the end moved a few chars left: {span:?}"
    );
    assert_eq!(
        h.state().reader.selection(),
        None,
        "the selection is untouched"
    );
}

#[test]
fn long_articles_lay_out_only_what_is_visible() {
    let paragraph = "Witkoff met Putin in Moscow for three hours, the Kremlin said. ";
    let text: String =
        std::iter::once("Zelenskyy said Russia must end the war. Kyiv wants it.".into())
            .chain((0..3000).map(|i| format!("Paragraph {i}. {}", paragraph.repeat(4))))
            .collect::<Vec<String>>()
            .join("\n\n");
    let (mut h, _) = harness(&text);
    h.run();
    let count = |h: &Harness<'_, World>| h.query_all_by_role(Role::Paragraph).count();
    let shown = count(&h);
    assert!(
        (3..80).contains(&shown),
        "only the visible paragraphs are in the tree, found {shown}"
    );
    assert!(h.query_by_label_contains("Paragraph 0.").is_some());

    let far = char_of(&text, "Paragraph 2500.");
    h.state_mut().reader.scroll_to(far);
    h.run();
    assert!(
        h.query_by_label_contains("Paragraph 2500.").is_some(),
        "scroll_to brought paragraph 2500 into view"
    );
    assert!(h.query_by_label_contains("Paragraph 0.").is_none());
    assert!(count(&h) < 80);

    // Keyboard selection keeps working after the jump.
    h.state_mut().reader.set_caret(far);
    h.state_mut().reader.request_focus();
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT | Modifiers::COMMAND, Key::ArrowRight);
    h.run();
    assert_eq!(h.state().reader.selection(), Some(far..far + 9));
}

#[test]
fn set_document_resets_the_selection_and_an_unknown_document_is_shown_as_missing() {
    let (mut h, fixture) = harness(ARTICLE);
    h.state_mut().reader.set_selection(2..9);
    h.run();
    h.state_mut().reader.set_document(Some(fixture.doc));
    assert_eq!(h.state().reader.selection(), None);
    h.state_mut().reader.set_document(Some(DocId::random()));
    h.run();
    assert!(
        h.query_by_label_contains("no longer in the project")
            .is_some()
    );
    h.state_mut().reader.set_document(None);
    h.run();
    assert!(h.query_by_label_contains("No article open").is_some());
}

#[test]
fn tagging_a_passage_lays_out_nothing_again() {
    let (mut h, fixture) = harness(ARTICLE);
    h.run();
    let galleys = |h: &Harness<'_, World>| -> Vec<Option<*const egui::Galley>> {
        let layout = h.state().reader.layout.as_ref().expect("laid out");
        (0..layout.blocks.len())
            .map(|i| layout.galley(i).map(|g| std::sync::Arc::as_ptr(&g.galley)))
            .collect()
    };
    let before = galleys(&h);
    assert!(
        before.iter().flatten().count() >= 4,
        "the blocks are laid out"
    );

    let second = Tag {
        id: TagId::random(),
        name: "Threat".into(),
        color: Rgb([0x20, 0x60, 0xc0]),
        parent: None,
        description: String::new(),
    };
    let second_id = second.id;
    let project = &mut h.state_mut().project;
    apply(project, Edit::AddTag(second)).expect("adds the tag");
    apply(project, Edit::TagPassage(fixture.claim, second_id)).expect("tags");
    h.run();
    assert_eq!(galleys(&h), before, "the same galleys are reused");

    // ...while the highlight now carries both tags (two stripes).
    let w = h.state_mut();
    let layout = w.reader.layout.as_ref().expect("laid out");
    let block = layout.block_at_char(char_of(ARTICLE, "Zelenskyy"));
    let b = layout.blocks[block].clone();
    let spans = w
        .reader
        .highlights
        .spans(&w.project, fixture.doc, block, &b);
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].colors.len(), 2);
}

#[test]
fn dragging_to_the_bottom_edge_scrolls_and_keeps_selecting() {
    let text: String =
        std::iter::once("Zelenskyy said Russia must end the war. Kyiv wants it.".into())
            .chain((0..200).map(|i| format!("Paragraph {i}. Witkoff met Putin in Moscow.")))
            .collect::<Vec<String>>()
            .join("\n\n");
    let (mut h, _) = harness(&text);
    h.run();
    let reader = h.get_by_label("Reader").rect();
    let from = first_line_point(paragraph_rect(&h, "Zelenskyy said"), 1.0);
    let edge = Pos2::new(reader.center().x, reader.bottom() - 4.0);
    h.event(Event::PointerMoved(from));
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerMoved(edge));
    h.step();
    let visible_end = h.state().reader.selection().map_or(0, |s| s.end);
    h.run_steps(60);
    assert!(
        h.state().reader.scroll_offset() > 100.0,
        "the view scrolled"
    );
    let sel = h.state().reader.selection().expect("a selection");
    assert_eq!(sel.start, 0);
    assert!(
        sel.end > visible_end + 100,
        "the selection grew with the scroll: {sel:?} (was ..{visible_end})"
    );
    h.event(Event::PointerButton {
        pos: edge,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(3);
    let offset = h.state().reader.scroll_offset();
    h.run_steps(10);
    assert_eq!(
        h.state().reader.scroll_offset(),
        offset,
        "it stops on release"
    );
}

#[test]
fn home_and_end_go_to_the_line_edges() {
    let (mut h, _) = harness(ARTICLE);
    let talks = char_of(ARTICLE, "Talks");
    focus_reader(&mut h, talks);
    h.key_press_modifiers(Modifiers::SHIFT, Key::End);
    h.run();
    let end = char_of(ARTICLE, "\n\nZelenskyy");
    assert_eq!(h.state().reader.selection(), Some(talks..end));
    h.key_press(Key::Home);
    h.run();
    assert_eq!(h.state().reader.selection(), None);
    assert_eq!(h.state().reader.caret(), 0);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::End);
    h.run();
    assert_eq!(
        h.state().reader.selection(),
        Some(0..ARTICLE.chars().count())
    );
}
