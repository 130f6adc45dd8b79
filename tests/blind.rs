//! Blind coding (issue 13) on the real window through egui_kittest: with it on, the other
//! analyst's passage is neither listed nor reachable with J/K nor in the excerpts, and its
//! coding (its stance, its event link, its tag, its count) shows in none of the views — Claims,
//! Timeline, Mentions, the codebook, the library; off again, it is back. Without an analyst's
//! name, the toggle asks for one first.

mod common;

use common::gui::{harness_for, press_mod, replace_field, shows};

use dossier::edit::{Edit, apply};
use dossier::model::{
    Actor, ActorKind, ActorRole, Claim, ClaimId, DocId, Event, EventKind, EventRole, Passage,
    PassageId, Project, Stance,
};
use dossier::ui::Workbench;
use dossier::ui::action::Action;
use dossier::ui::command::Command;
use dossier::ui::files::Settings;
use dossier::ui::place::CentreView;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The example with every passage signed by Ana, and one passage by Boris over the first
/// article's headline, where Ana has none.
fn two_analysts() -> (Project, DocId, PassageId, String) {
    let mut project = dossier::example::example_project().expect("the example loads");
    let passages: Vec<Passage> = project.passages().values().cloned().collect();
    for mut p in passages {
        p.author = "Ana".into();
        apply(&mut project, Edit::SetPassage(Box::new(p))).expect("sign");
    }
    let doc = project
        .passages_in_file_order()
        .first()
        .map(|p| p.doc)
        .expect("a passage");
    let first = project
        .passages_in(doc)
        .map(|p| p.start)
        .min()
        .expect("one");
    assert!(first > 20, "the headline is not coded");
    let document = project.document(doc).expect("doc").clone();
    let mut boris = Passage::new(&document, 0, 20).expect("span");
    boris.author = "Boris".into();
    let (id, quote) = (boris.id, boris.quote.clone());
    apply(&mut project, Edit::AddPassage(Box::new(boris))).expect("add");
    (project, doc, id, quote)
}

/// The first whole word of three letters or more in the first 20 chars of `text` (Boris's
/// passage) that `taken` does not hold.
fn word_in_headline(text: &str, taken: &[String]) -> String {
    let chars: Vec<char> = text.chars().take(21).collect();
    let mut start = 0;
    while start < 20 {
        let end = (start..chars.len())
            .find(|i| !chars[*i].is_alphanumeric())
            .unwrap_or(chars.len());
        let word: String = chars[start..end].iter().collect();
        if end - start >= 3 && end < 20 && !taken.contains(&word.to_lowercase()) {
            return word;
        }
        start = end + 1;
    }
    panic!("no word in the headline: {text:?}");
}

/// [`two_analysts`] where Boris's passage also carries all he coded there: a tag only he uses,
/// a link to an event only he linked, Zed Witness (whose alias is a word of the headline) as
/// its speaker, and a stance supporting a claim. Returns the project and the article.
fn boris_coded_more() -> (Project, DocId) {
    let (mut project, doc, boris, _) = two_analysts();
    let names: Vec<String> = (project.actors().values())
        .flat_map(|a| std::iter::once(&a.name).chain(&a.aliases))
        .map(|n| n.to_lowercase())
        .collect();
    let word = word_in_headline(project.document(doc).expect("doc").text.as_str(), &names);
    let tag = common::fixtures::tag("Boris only", [200, 80, 80], None);
    let zed = Actor {
        id: dossier::model::ActorId::random(),
        name: "Zed Witness".into(),
        kind: ActorKind::Person,
        aliases: vec![word],
        description: String::new(),
        author: "Boris".into(),
    };
    let meeting = Event {
        id: dossier::model::EventId::random(),
        title: "Boris's meeting".into(),
        date: "2025-01-15".parse().ok(),
        place: String::new(),
        kind: EventKind::default(),
        participants: vec![],
        description: String::new(),
        author: "Boris".into(),
    };
    let claim = Claim {
        id: ClaimId::random(),
        statement: "A witness saw the meeting".into(),
        event: None,
        description: String::new(),
        stances: vec![(boris, Stance::Supports)],
    };
    let edits = vec![
        Edit::AddTag(tag.clone()),
        Edit::AddActor(zed.clone()),
        Edit::AddEvent(meeting.clone()),
        Edit::TagPassage(boris, tag.id),
        Edit::LinkActor(boris, zed.id, ActorRole::Speaker),
        Edit::LinkEvent(boris, meeting.id, EventRole::Reports),
        Edit::AddClaim(claim),
    ];
    apply(&mut project, Edit::Batch(edits)).expect("Boris's coding");
    assert!(
        project.passage(boris).is_some_and(|p| p.is_by("Boris")),
        "still signed by Boris"
    );
    (project, doc)
}

/// The editing button of Boris's claim (first of the claims, by statement).
const CLAIM: &str = "Edit claim A witness saw the meeting";

/// Opens a view and draws it.
fn show(h: &mut Harness<'_, Workbench>, view: CentreView) {
    h.state_mut().push(Action::Run(Command::Show(view)));
    h.run();
    h.run();
    assert_eq!(h.state().view(), view);
}

/// Every passage J reaches in the open article, from the first on.
fn stepped(h: &mut Harness<'_, Workbench>) -> Vec<PassageId> {
    let mut seen = Vec::new();
    for _ in 0..60 {
        h.key_press(Key::J);
        h.run_steps(12);
        match h.state().selected_passage() {
            Some(p) if !seen.contains(&p) => seen.push(p),
            _ => break,
        }
    }
    seen
}

fn excerpt_rows(h: &mut Harness<'_, Workbench>) -> Vec<PassageId> {
    let project = h.state().project().clone();
    h.state_mut().excerpts_mut().rows(&project).to_vec()
}

/// Deselects, and draws a frame without the selection (the action is carried out after the
/// frame that queued it is drawn).
fn clear_selection(h: &mut Harness<'_, Workbench>) {
    h.state_mut()
        .push(Action::Run(dossier::ui::command::Command::ClearSelection));
    h.run();
    h.step();
    assert_eq!(h.state().selected_passage(), None);
}

const BLIND: egui::Modifiers = common::gui::SHIFT_CMD;

/// The window on `project` with Ana as the analyst, reading `doc`.
fn ana_reading(project: Project, doc: DocId) -> Harness<'static, Workbench> {
    let settings = Settings {
        analyst: "Ana".into(),
        ..Settings::default()
    };
    let mut h = harness_for(Workbench::new(project, None).with_settings(settings));
    h.state_mut().push(Action::OpenDocument(doc));
    h.run();
    h
}

#[test]
fn blind_coding_hides_the_other_analysts_passage_and_shows_it_again() {
    let (project, doc, boris, quote) = two_analysts();
    let mut h = ana_reading(project, doc);
    let listed = format!("Passage {quote}");

    // Off: Boris's passage is in the article's list, J reaches it, the excerpts list it.
    assert!(h.query_by_label(&listed).is_some(), "listed");
    assert!(stepped(&mut h).contains(&boris));
    assert!(excerpt_rows(&mut h).contains(&boris));

    press_mod(&mut h, BLIND, Key::B);
    assert!(h.state().settings().blind_coding);
    assert!(
        h.query_by_label_contains("Blind coding: only Ana's passages")
            .is_some()
    );
    clear_selection(&mut h);
    assert!(
        h.query_by_label_contains("OF YOUR PASSAGES IN THIS ARTICLE (ANA, BLIND CODING)")
            .is_some(),
        "the article's list is shown, with Ana's passages only"
    );
    assert!(
        h.query_by_label(&listed).is_none(),
        "not listed while blind"
    );
    let seen = stepped(&mut h);
    assert!(!seen.is_empty(), "Ana's own passages are still there");
    assert!(!seen.contains(&boris), "J never reaches Boris's passage");
    let rows = excerpt_rows(&mut h);
    assert!(!rows.contains(&boris) && !rows.is_empty());
    // The Hypotheses view does not offer Boris's passage as evidence.
    assert!(!evidence_offered(&mut h, &quote), "not offered while blind");
    // The Compare view shows no other reading while blind coding is on.
    press_mod(&mut h, BLIND, Key::A);
    assert!(h.query_by_label_contains("Blind coding is on").is_some());
    assert!(h.query_by_label("Export agreement as CSV…").is_none());

    press_mod(&mut h, BLIND, Key::B);
    assert!(!h.state().settings().blind_coding);
    clear_selection(&mut h);
    assert!(h.query_by_label(&listed).is_some(), "listed again");
    assert!(excerpt_rows(&mut h).contains(&boris));
    assert!(evidence_offered(&mut h, &quote), "offered again");
}

/// Whether the Hypotheses view offers the passage quoting `quote` as evidence, narrowed to it
/// by typing its words in the view's filter.
fn evidence_offered(h: &mut Harness<'_, Workbench>, quote: &str) -> bool {
    show(h, CentreView::Ach);
    replace_field(h, "Add evidence", quote);
    let short: String = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    let offered = h.query_by_label(&format!("+ {short}")).is_some();
    h.get_by_label("Add evidence").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    offered
}

#[test]
fn blind_coding_without_a_name_asks_for_one_first() {
    let (project, ..) = two_analysts();
    let mut h = harness_for(Workbench::new(project, None));
    h.run();
    press_mod(&mut h, BLIND, Key::B);
    assert!(!h.state().settings().blind_coding);
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Your name as analyst")
    );
}

#[test]
fn blind_coding_hides_the_other_analysts_coding_from_every_view_and_shows_it_again() {
    let (project, doc) = boris_coded_more();
    let title = project.document(doc).expect("doc").title.clone();
    // Zed's alias, a word of the headline, is linked there by Boris only.
    let unlinked = dossier::search::find_mentions(&project, None).len();
    let mentions = |n: usize| format!("{n} unlinked mentions of actors' names and aliases");
    let all = project.passage_count(doc);
    let mine = project.passages_in(doc).filter(|p| p.is_by("Ana")).count();
    assert_eq!(all, mine + 1);
    let mut h = ana_reading(project, doc);
    let library_row = |n: usize| format!("{title} — {n} passages");
    let lane = |n: &str| format!("Boris's meeting · 2025-01-15 · {n}");

    // Off: Boris's coding is everywhere.
    let everything_shown = |h: &mut Harness<'_, Workbench>| {
        assert!(
            shows(h, &library_row(all)),
            "the library counts every passage"
        );
        assert!(
            shows(h, "Boris only (1)"),
            "the codebook counts Boris's tag"
        );
        show(h, CentreView::Claims);
        assert!(shows(h, CLAIM), "first of the claims");
        assert!(shows(h, "+ Zed Witness"), "Boris's stance, held by Zed");
        show(h, CentreView::Timeline);
        assert!(shows(h, &lane("1 passage")), "Boris's link is evidence");
        show(h, CentreView::Mentions);
        assert!(
            shows(h, &mentions(unlinked)),
            "Boris's passage links Zed there"
        );
    };
    everything_shown(&mut h);

    press_mod(&mut h, BLIND, Key::B);
    assert!(h.state().settings().blind_coding);
    clear_selection(&mut h);
    show(&mut h, CentreView::Claims);
    assert!(shows(&h, CLAIM), "the claim is shared: it is listed");
    assert!(!shows(&h, "+ Zed Witness"), "but Boris's stance is not");
    show(&mut h, CentreView::Timeline);
    assert!(
        shows(&h, &lane("0 passages")),
        "the event has no evidence of Ana's"
    );
    assert!(!shows(&h, &lane("1 passage")));
    assert!(
        shows(&h, &library_row(mine)),
        "the library counts Ana's passages"
    );
    assert!(!shows(&h, &library_row(all)));
    assert!(
        shows(&h, "Boris only (0)"),
        "the codebook counts Ana's passages"
    );
    show(&mut h, CentreView::Mentions);
    assert!(
        shows(&h, &mentions(unlinked + 1)),
        "Boris's link does not count: for Ana, Zed is mentioned there unlinked"
    );

    press_mod(&mut h, BLIND, Key::B);
    assert!(!h.state().settings().blind_coding);
    clear_selection(&mut h);
    everything_shown(&mut h);
}

#[test]
fn blind_coding_tags_the_search_results_with_passages_of_the_analysts_own() {
    let (project, doc) = boris_coded_more();
    let boris = project
        .passages_in(doc)
        .find(|p| p.is_by("Boris"))
        .expect("Boris's passage")
        .clone();
    let tag = *boris.tags.first().expect("Boris's tag");
    let quote = boris.quote.clone();
    assert!(
        quote
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '\n')
    );
    let settings = Settings {
        analyst: "Ana".into(),
        ..Settings::default()
    };
    let mut h = harness_for(Workbench::new(project, None).with_settings(settings));
    h.run();
    // Exactly Boris's passage: the article's first 20 chars.
    press_mod(&mut h, BLIND, Key::F);
    assert_eq!(h.state().view(), CentreView::Search);
    common::gui::type_text(&mut h, &format!("\\A{}", quote.replace('\n', "\\n")));
    common::gui::click(&mut h, "Regular expression");
    let last_notice = |h: &Harness<'_, Workbench>| {
        h.state()
            .notices()
            .last()
            .map(|n| n.text.clone())
            .unwrap_or_default()
    };

    press_mod(&mut h, BLIND, Key::B);
    h.state_mut().push(Action::TagSearchHits(tag));
    h.run();
    assert_eq!(
        last_notice(&h),
        "Tagged 1 result with “Boris only” (0 already had it)."
    );
    let project = h.state().project();
    assert_eq!(
        project.passage(boris.id),
        Some(&boris),
        "Boris's is untouched"
    );
    let ana = project
        .passages_in(doc)
        .find(|p| p.id != boris.id && p.start == boris.start && p.end == boris.end)
        .expect("a passage of Ana's own over the same words");
    assert!(ana.is_by("Ana") && ana.tags == [tag]);

    h.state_mut().push(Action::Run(Command::Undo));
    h.run();
    press_mod(&mut h, BLIND, Key::B);
    assert!(!h.state().settings().blind_coding);
    h.state_mut().push(Action::TagSearchHits(tag));
    h.run();
    assert_eq!(
        last_notice(&h),
        "All 1 results already have “Boris only”.",
        "off, Boris's passage is the result and it has the tag"
    );
}
