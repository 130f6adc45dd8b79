//! Story tests of the network view (issue 4), driven through egui_kittest on the example
//! project: open it from the keyboard, find every actor and event as a node, click nodes to open
//! a profile and a card, drag a node to pin it, zoom around the pointer, filter; and the
//! timeline's zoom, pan and fit.

mod common;

use common::gui::{SHIFT_CMD, click_then_settle, example_harness as harness, settle};

use dossier::network::NodeKind;
use dossier::ui::Workbench;
use dossier::ui::views::CentreView;
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// The accessible label of every node of the example project, as the view names them.
fn node_labels(h: &Harness<'_, Workbench>) -> Vec<String> {
    let graph = dossier::network::Graph::of(h.state().project(), None);
    graph
        .nodes()
        .iter()
        .map(|n| {
            let kind = match n.kind {
                NodeKind::Actor(k) => k.label(),
                NodeKind::Outlet => "outlet",
                NodeKind::Event(_) => "event",
            };
            format!("{} ({kind})", n.label)
        })
        .collect()
}

/// Opens the network view with its shortcut and lets the layout finish.
fn open_network(h: &mut Harness<'_, Workbench>) {
    h.key_press_modifiers(SHIFT_CMD, Key::G);
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
    click_then_settle(&mut h, "Vladimir Putin (person)");
    assert_eq!(h.state().view(), CentreView::Profile);
    assert_eq!(h.state().selected_actor(), Some(putin));
    assert!(h.query_by_label("APPEARS MOST WITH").is_some());

    click_then_settle(&mut h, "Network");
    let meeting = h
        .state()
        .project()
        .event_by_title("Witkoff meets Putin in Moscow")
        .expect("the meeting")
        .id;
    click_then_settle(&mut h, "Witkoff meets Putin in Moscow (event)");
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

    click_then_settle(&mut h, "Unpin all (1)");
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
    click_then_settle(&mut h, "Fit");
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
    click_then_settle(&mut h, "Show events");
    assert!(h.query_by_label(event).is_none(), "events hidden");
    assert!(h.query_by_label("Vladimir Putin (person)").is_some());
    click_then_settle(&mut h, "person");
    assert!(h.query_by_label("Vladimir Putin (person)").is_none());
    assert!(
        h.query_by_label("Russia (state/government)").is_some(),
        "other kinds stay"
    );
    click_then_settle(&mut h, "Show events");
    assert!(h.query_by_label(event).is_some(), "and come back");
}

/// The visible dates of the timeline, from its ruler's accessible label, in days.
fn timeline_window(h: &Harness<'_, Workbench>) -> (i64, i64) {
    let label = h
        .get_by_label_contains("Dates from ")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    let mut days = label
        .split(' ')
        .filter_map(|w| w.parse::<dossier::model::PartialDate>().ok())
        .map(|d| d.first_day());
    let (Some(a), Some(b)) = (days.next(), days.next()) else {
        panic!("the ruler names its dates: {label}");
    };
    (a, b)
}

#[test]
fn the_timeline_zooms_around_the_pointer_pans_and_fits() {
    let mut h = harness();
    click_then_settle(&mut h, "Timeline");
    let fitted = timeline_window(&h);
    let lane = h
        .get_all_by_label_contains("Witkoff meets Putin in Moscow · ")
        .next()
        .expect("the meeting's lane")
        .rect();
    let pointer = Pos2::new(lane.right() - 300.0, lane.center().y);

    // Ctrl+scroll zooms in around the pointer.
    h.hover_at(pointer);
    h.run();
    h.event_modifiers(
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: Vec2::new(0.0, 120.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::COMMAND,
        },
        Modifiers::COMMAND,
    );
    settle(&mut h);
    let zoomed = timeline_window(&h);
    assert!(
        zoomed.1 - zoomed.0 < (fitted.1 - fitted.0) * 3 / 4,
        "zoomed in: {fitted:?} → {zoomed:?}"
    );
    assert!(
        zoomed.0 > fitted.0 && zoomed.1 < fitted.1,
        "around a point inside"
    );

    // Dragging pans: the dates move, the span stays.
    h.drag_at(pointer);
    h.run();
    for k in 1..=5 {
        h.hover_at(pointer + Vec2::new(-40.0 * k as f32, 0.0));
        h.run();
    }
    h.drop_at(pointer + Vec2::new(-200.0, 0.0));
    settle(&mut h);
    let panned = timeline_window(&h);
    assert!(
        panned.0 > zoomed.0,
        "dragging left shows later dates: {zoomed:?} → {panned:?}"
    );
    assert!(((panned.1 - panned.0) - (zoomed.1 - zoomed.0)).abs() <= 1);
    assert_eq!(
        h.state().view(),
        CentreView::Timeline,
        "a drag opens nothing"
    );

    // Fit shows every event again; a click on a lane still opens its card.
    click_then_settle(&mut h, "Fit");
    assert_eq!(timeline_window(&h), fitted);
    h.get_all_by_label_contains("Witkoff meets Putin in Moscow · ")
        .next()
        .expect("the meeting's lane")
        .click();
    settle(&mut h);
    assert_eq!(h.state().view(), CentreView::Card);
}
