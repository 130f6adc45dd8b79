//! The network's nodes, edges and weights on a hand-built project, and the layout's promises:
//! deterministic, finite, connected nodes closer than unconnected ones, pinned nodes stay.

use super::*;
use crate::model::{
    Actor, ActorRole, Document, Event, EventRole, Parts, Passage, Project, Timestamp,
};

fn actor(raw: u64, name: &str) -> Actor {
    Actor {
        author: String::new(),
        id: ActorId::from_raw(raw),
        name: name.into(),
        kind: ActorKind::Person,
        aliases: Vec::new(),
        description: String::new(),
    }
}

fn event(raw: u64, title: &str) -> Event {
    Event {
        author: String::new(),
        id: EventId::from_raw(raw),
        title: title.into(),
        date: None,
        place: String::new(),
        kind: EventKind::default(),
        participants: Vec::new(),
        description: String::new(),
    }
}

/// Actors X, Y, Z (Z on no passage) and events E, F. Passages:
/// 1: X (twice, two roles), Y, E · 2: X, E · 3: Y · 4: E, F.
fn project() -> (Project, [NodeKey; 5]) {
    let doc = Document {
        imported: Timestamp(0),
        ..Document::new(
            "Talks",
            "Witkoff met Putin in Moscow. Zelenskyy spoke in Kyiv later.",
        )
    };
    let (x, y, z) = (actor(1, "X"), actor(2, "Y"), actor(3, "Z"));
    // Also edges to the participants of an event: these must not make edges.
    let mut e = event(10, "E");
    e.participants = vec![(z.id, crate::model::ParticipantRole::Participant)];
    let f = event(11, "F");
    let passage = |start: usize,
                   end: usize,
                   actors: Vec<(ActorId, ActorRole)>,
                   events: Vec<(EventId, EventRole)>| {
        let mut p = Passage::new(&doc, start, end).expect("span");
        p.actors = actors;
        p.events = events;
        p.normalize();
        p
    };
    let passages = vec![
        passage(
            0,
            7,
            vec![
                (x.id, ActorRole::Speaker),
                (x.id, ActorRole::Target),
                (y.id, ActorRole::Mentioned),
            ],
            vec![(e.id, EventRole::Reports)],
        ),
        passage(
            8,
            11,
            vec![(x.id, ActorRole::Mentioned)],
            vec![(e.id, EventRole::Reports)],
        ),
        passage(12, 17, vec![(y.id, ActorRole::Mentioned)], vec![]),
        passage(
            30,
            39,
            vec![],
            vec![(e.id, EventRole::Reports), (f.id, EventRole::Reports)],
        ),
    ];
    let keys = [
        NodeKey::Actor(x.id),
        NodeKey::Actor(y.id),
        NodeKey::Actor(z.id),
        NodeKey::Event(e.id),
        NodeKey::Event(f.id),
    ];
    let project = Project::from_parts(Parts {
        title: "Network".into(),
        tags: Vec::new(),
        actors: vec![z, y, x],
        events: vec![f, e],
        documents: vec![doc],
        passages,
    })
    .expect("valid project");
    (project, keys)
}

#[test]
fn nodes_count_passages_and_edges_count_shared_passages() {
    let (project, [x, y, z, e, f]) = project();
    let graph = Graph::of(&project, None);
    let keys: Vec<NodeKey> = graph.nodes().iter().map(|n| n.key).collect();
    assert_eq!(keys, vec![x, y, z, e, f], "actors by id, then events by id");
    let idx = |k| graph.index_of(k).expect("node");
    let passages = |k| graph.nodes()[idx(k)].passages;
    assert_eq!(
        [
            passages(x),
            passages(y),
            passages(z),
            passages(e),
            passages(f)
        ],
        [2, 2, 0, 3, 1],
        "a passage linking X in two roles counts once"
    );
    let w = |a, b| graph.weight(idx(a), idx(b));
    assert_eq!(w(x, e), 2, "X and E share passages 1 and 2");
    assert_eq!(w(e, x), 2, "weights are symmetric");
    assert_eq!(w(x, y), 1);
    assert_eq!(w(y, e), 1);
    assert_eq!(w(e, f), 1, "two events on one passage");
    assert_eq!(w(z, e), 0, "being a participant of E makes no edge");
    assert_eq!(w(y, f), 0);
    assert_eq!(graph.edges().len(), 4);
    assert_eq!(graph.max_weight(), 2);
    assert!(graph.edges().iter().all(|e| e.a < e.b));
    assert_eq!(graph.edges_of(idx(e)).count(), 3);
    assert_eq!(graph.edges_of(idx(z)).count(), 0);
    assert_eq!(graph.nodes()[idx(x)].label, "X");
}

#[test]
fn an_empty_project_has_an_empty_network() {
    let graph = Graph::of(&Project::new("Empty"), None);
    assert!(graph.nodes().is_empty() && graph.edges().is_empty());
    let mut layout = Layout::new(&graph);
    assert_eq!(layout.run(&graph, 1000), ITERATIONS);
    assert!(layout.bounds(|_| true).is_none());
}

/// Two triangles and four lone nodes, by hand.
fn two_triangles() -> Graph {
    let nodes: Vec<Node> = (0..10u64)
        .map(|i| Node {
            key: NodeKey::Actor(ActorId::from_raw(i + 1)),
            label: format!("n{i}"),
            kind: NodeKind::Actor(ActorKind::Person),
            passages: 1,
        })
        .collect();
    let pairs = [(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5)];
    let edges: Vec<Edge> = pairs
        .iter()
        .map(|&(a, b)| Edge { a, b, weight: 3 })
        .collect();
    let mut incident = vec![Vec::new(); nodes.len()];
    for (k, e) in edges.iter().enumerate() {
        incident[e.a].push(k);
        incident[e.b].push(k);
    }
    Graph {
        nodes,
        edges,
        incident,
    }
}

fn distance(a: Point, b: Point) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

#[test]
fn the_layout_is_deterministic_and_finite() {
    let graph = two_triangles();
    let mut one = Layout::new(&graph);
    let mut two = Layout::new(&graph);
    one.run(&graph, usize::MAX);
    // In uneven slices, as frames would run it.
    for slice in [1, 7, 50, 3, 1000] {
        two.run(&graph, slice);
    }
    assert!(one.is_done() && two.is_done());
    assert_eq!(one.positions(), two.positions());
    assert!(one.positions().iter().flatten().all(|v| v.is_finite()));
    assert!(!one.step(&graph), "a finished layout does not move");

    let (project, _) = project();
    let example = Graph::of(&project, None);
    let mut a = Layout::new(&example);
    a.run(&example, usize::MAX);
    let mut b = Layout::new(&example);
    b.run(&example, usize::MAX);
    assert_eq!(a, b);
    assert!(a.positions().iter().flatten().all(|v| v.is_finite()));
}

#[test]
fn connected_nodes_end_closer_than_unconnected_ones() {
    let graph = two_triangles();
    let mut layout = Layout::new(&graph);
    layout.run(&graph, usize::MAX);
    let p = layout.positions();
    let (mut linked, mut unlinked) = (Vec::new(), Vec::new());
    for i in 0..p.len() {
        for j in (i + 1)..p.len() {
            let d = distance(p[i], p[j]);
            if graph.weight(i, j) > 0 {
                linked.push(d);
            } else {
                unlinked.push(d);
            }
        }
    }
    let longest_link = linked.iter().copied().fold(0.0, f32::max);
    let mean_unlinked = unlinked.iter().sum::<f32>() / unlinked.len() as f32;
    assert!(
        longest_link < mean_unlinked,
        "longest edge {longest_link} vs mean non-edge {mean_unlinked}"
    );
    // Every node keeps some room: none sits on another.
    let shortest = linked
        .iter()
        .chain(&unlinked)
        .copied()
        .fold(f32::MAX, f32::min);
    assert!(shortest > 0.2, "nodes overlap: {shortest}");
}

#[test]
fn pinned_nodes_stay_where_they_were_dropped() {
    let graph = two_triangles();
    let mut layout = Layout::new(&graph);
    layout.run(&graph, 40);
    layout.pin(0, [25.0, -3.0]);
    layout.pin(7, [25.0, -3.0]); // two nodes on one spot must not make NaN
    layout.pin(1, [f32::NAN, 0.0]); // ignored
    assert!(!layout.is_pinned(1));
    layout.run(&graph, usize::MAX);
    assert_eq!(layout.position(0), Some([25.0, -3.0]));
    assert_eq!(layout.position(7), Some([25.0, -3.0]));
    assert!(layout.positions().iter().flatten().all(|v| v.is_finite()));
    // Node 0's triangle followed it towards where it was dropped.
    let p = layout.positions();
    assert!(distance(p[1], p[0]) < distance(p[3], p[0]));

    layout.settle();
    assert!(!layout.is_done());
    assert_eq!(layout.run(&graph, usize::MAX), SETTLE_ITERATIONS);
    assert_eq!(layout.pinned_count(), 2);
    layout.unpin_all();
    assert_eq!(layout.pinned_count(), 0);
}

#[test]
fn a_new_layout_keeps_the_places_and_pins_of_known_nodes() {
    let (project, [x, y, _, e, _]) = project();
    let graph = Graph::of(&project, None);
    let mut old = Layout::new(&graph);
    old.run(&graph, usize::MAX);
    let xi = graph.index_of(x).expect("x");
    old.pin(xi, [4.0, 4.0]);

    // Add an actor linked with X on a passage: the new node starts near X.
    let mut parts = project.to_parts();
    let w = actor(4, "W");
    let wid = w.id;
    parts.actors.push(w);
    let first = |p: &Passage| p.actors.iter().any(|(a, _)| NodeKey::Actor(*a) == y);
    if let Some(p) = parts
        .passages
        .iter_mut()
        .find(|p| first(p) && !p.events.is_empty())
    {
        p.actors.push((wid, ActorRole::Mentioned));
        p.normalize();
    }
    let changed = Project::from_parts(parts).expect("valid");
    let graph2 = Graph::of(&changed, None);
    let mut new = Layout::carried_over(&graph2, &old);
    assert_eq!(new.progress(), (0, SETTLE_ITERATIONS));
    let ei_old = graph.index_of(e).expect("e");
    let ei_new = graph2.index_of(e).expect("e");
    assert_eq!(new.position(ei_new), old.position(ei_old));
    let xi2 = graph2.index_of(x).expect("x");
    assert!(new.is_pinned(xi2));
    let wi = graph2.index_of(NodeKey::Actor(wid)).expect("w");
    let start = new.position(wi).expect("w");
    let at = |k| old.position(graph.index_of(k).expect("k")).expect("p");
    let (px, py, pe) = (at(x), at(y), at(e));
    let centre = [(px[0] + py[0] + pe[0]) / 3.0, (px[1] + py[1] + pe[1]) / 3.0];
    assert!(
        distance(start, centre) < 0.75,
        "starts among its neighbours"
    );
    new.run(&graph2, usize::MAX);
    assert_eq!(new.position(xi2), Some([4.0, 4.0]));
    assert!(new.positions().iter().flatten().all(|v| v.is_finite()));
}

#[test]
fn the_example_project_makes_a_connected_picture() {
    let project = crate::example::example_project().expect("example");
    let graph = Graph::of(&project, None);
    assert_eq!(
        graph.nodes().len(),
        project.actors().len() + project.events().len()
    );
    assert!(graph.edges().len() > 20, "{} edges", graph.edges().len());
    let mut layout = Layout::new(&graph);
    layout.run(&graph, usize::MAX);
    let (lo, hi) = layout.bounds(|_| true).expect("nodes");
    let extent = (hi[0] - lo[0]).max(hi[1] - lo[1]);
    assert!(
        extent > 3.0 && extent < 40.0,
        "the picture is neither a dot nor scattered: {extent}"
    );
}

#[test]
fn blind_coding_counts_only_the_analysts_links() {
    let coded = crate::model::three_coders();
    let (actor, event) = (NodeKey::Actor(coded.actor), NodeKey::Event(coded.event));
    let passages = |g: &Graph, k| g.index_of(k).map(|i| g.nodes()[i].passages);
    let all = Graph::of(&coded.project, None);
    assert_eq!(passages(&all, actor), Some(3));
    assert_eq!(all.max_weight(), 3);
    let ana = Graph::of(&coded.project, Some("Ana"));
    assert_eq!(
        passages(&ana, actor),
        Some(1),
        "Boris's link is not counted"
    );
    assert_eq!(passages(&ana, event), Some(1));
    assert_eq!(ana.max_weight(), 1, "nor does it make an edge heavier");
    let carla = Graph::of(&coded.project, Some("Carla"));
    assert_eq!(
        passages(&carla, actor),
        Some(0),
        "every actor is still a node"
    );
    assert!(carla.edges().is_empty());
}
