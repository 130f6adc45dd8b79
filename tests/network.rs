//! Story tests of the network view (issue 4), driven through egui_kittest on the example
//! project: open it from the keyboard, find every actor and event as a node, click nodes to open
//! a profile and a card, drag a node to pin it, zoom around the pointer, filter.

use dossier::network::NodeKind;
use dossier::ui::Workbench;
use dossier::ui::files::DialogMode;
use dossier::ui::views::CentreView;
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, Workbench> {
    let wb = Workbench::example().with_dialog_mode(DialogMode::InApp);
    Harness::builder()
        .with_size([1440.0, 900.0])
        .build_ui_state(|ui, wb: &mut Workbench| wb.ui(ui), wb)
}

/// Runs frames until the UI stops repainting (the layout runs a few iterations per frame).
fn settle(h: &mut Harness<'_, Workbench>) {
    for _ in 0..200 {
        if h.try_run().is_ok() {
            return;
        }
    }
    panic!("the view never settled");
}

fn click(h: &mut Harness<'_, Workbench>, label: &str) {
    h.get_by_label(label).click();
    settle(h);
}

/// The accessible label of every node of the example project, as the view names them.
fn node_labels(h: &Harness<'_, Workbench>) -> Vec<String> {
    let graph = dossier::network::Graph::of(h.state().project());
    graph
        .nodes()
        .iter()
        .map(|n| {
            let kind = match n.kind {
                NodeKind::Actor(k) => k.label(),
                NodeKind::Event(_) => "event",
            };
            format!("{} ({kind})", n.label)
        })
        .collect()
}

/// Opens the network view with its shortcut and lets the layout finish.
fn open_network(h: &mut Harness<'_, Workbench>) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    settle(h);
    assert_eq!(h.state().view(), CentreView::Network);
}

fn centre_of(h: &Harness<'_, Workbench>, label: &str) -> Pos2 {
    h.get_by_label(label).rect().center()
}

#[test]
fn every_actor_and_event_is_a_node() {
    let mut h = harness();
    open_network(&mut h);
    let labels = node_labels(&h);
    let project = h.state().project();
    assert_eq!(
        labels.len(),
        project.actors().len() + project.events().len()
    );
    assert!(
        labels.len() >= 40,
        "the example has 25 actors and 17 events"
    );
    for label in &labels {
        assert!(
            h.query_by_label(label).is_some(),
            "{label} is on the canvas after the layout"
        );
    }
    let canvas = h.get_by_label("Network of actors and events").rect();
    for label in &labels {
        assert!(canvas.contains(centre_of(&h, label)), "{label} fits");
    }
    assert!(h.query_by_label_contains("links ·").is_some());
}

#[test]
fn clicking_a_node_opens_the_actor_profile_or_the_event_card() {
    let mut h = harness();
    open_network(&mut h);
    let putin = h
        .state()
        .project()
        .actor_by_name("Vladimir Putin")
        .expect("Putin")
        .id;
    click(&mut h, "Vladimir Putin (person)");
    assert_eq!(h.state().view(), CentreView::Profile);
    assert_eq!(h.state().selected_actor(), Some(putin));
    assert!(h.query_by_label("APPEARS MOST WITH").is_some());

    click(&mut h, "Network");
    let meeting = h
        .state()
        .project()
        .event_by_title("Witkoff meets Putin in Moscow")
        .expect("the meeting")
        .id;
    click(&mut h, "Witkoff meets Putin in Moscow (event)");
    assert_eq!(h.state().view(), CentreView::Card);
    assert_eq!(h.state().selected_event(), Some(meeting));
    assert!(h.query_by_label_contains("Reported by").is_some());
}

#[test]
fn a_dragged_node_stays_where_it_is_dropped() {
    let mut h = harness();
    open_network(&mut h);
    let label = "Donald Trump (person)";
    let from = centre_of(&h, label);
    let canvas = h.get_by_label("Network of actors and events").rect();
    let to = Pos2::new(canvas.left() + 120.0, canvas.top() + 90.0);
    assert!(h.query_by_label("Unpin all (0)").is_some());

    h.hover_at(from);
    h.run_steps(2);
    h.drag_at(from);
    h.run_steps(2);
    for k in 1..=10 {
        h.hover_at(from + (to - from) * (k as f32 / 10.0));
        h.run_steps(2);
    }
    h.drop_at(to);
    settle(&mut h);

    let at = centre_of(&h, label);
    assert!(
        (at - to).length() < 3.0,
        "the node is where it was dropped: {at:?} vs {to:?}"
    );
    assert_eq!(
        h.state().view(),
        CentreView::Network,
        "a drag is not a click"
    );
    assert!(h.query_by_label("Unpin all (1)").is_some(), "and pinned");

    // It stays there while the others settle, and after a while longer.
    h.run_steps(30);
    settle(&mut h);
    assert!((centre_of(&h, label) - to).length() < 3.0);

    click(&mut h, "Unpin all (1)");
    assert!(h.query_by_label("Unpin all (0)").is_some());
}

#[test]
fn zoom_keeps_the_point_under_the_pointer() {
    let mut h = harness();
    open_network(&mut h);
    let (a, b) = ("Vladimir Putin (person)", "Volodymyr Zelenskyy (person)");
    let before = (centre_of(&h, a) - centre_of(&h, b)).length();
    let pointer = centre_of(&h, a);
    h.hover_at(pointer);
    h.run();
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: Vec2::new(0.0, 200.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    settle(&mut h);
    let after = (centre_of(&h, a) - centre_of(&h, b)).length();
    assert!(
        after > before * 1.3,
        "scrolling up zooms in: {before} → {after}"
    );
    assert!(
        (centre_of(&h, a) - pointer).length() < 4.0,
        "the node under the pointer stays under it"
    );

    // Fit brings the whole network back.
    click(&mut h, "Fit");
    let canvas = h.get_by_label("Network of actors and events").rect();
    for label in node_labels(&h) {
        assert!(canvas.contains(centre_of(&h, &label)), "{label} fits");
    }
}

#[test]
fn filters_hide_events_and_kinds_of_actor() {
    let mut h = harness();
    open_network(&mut h);
    let event = "Witkoff meets Putin in Moscow (event)";
    assert!(h.query_by_label(event).is_some());
    click(&mut h, "Show events");
    assert!(h.query_by_label(event).is_none(), "events hidden");
    assert!(h.query_by_label("Vladimir Putin (person)").is_some());
    click(&mut h, "person");
    assert!(h.query_by_label("Vladimir Putin (person)").is_none());
    assert!(
        h.query_by_label("Russia (state/government)").is_some(),
        "other kinds stay"
    );
    click(&mut h, "Show events");
    assert!(h.query_by_label(event).is_some(), "and come back");
}
