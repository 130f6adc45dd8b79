//! The network of actors and events: who and what the evidence puts together, and a force layout
//! to draw it. No egui here; the view is `ui::views::network`.
//!
//! **Nodes** are every actor and every event of the project, each with the number of passages that
//! link it (a passage linking an actor twice, in two roles, counts once). **Edges** join two nodes
//! that are linked on the same passage — an actor and an event, two actors, or two events — and
//! their **weight** is the number of passages linking both. The participants listed on an event do
//! not make edges: the network shows what the articles say together, not what was declared.
//!
//! The layout is Fruchterman–Reingold with a weak pull towards the centre (so that components and
//! lone nodes stay in view): every pair of nodes repels, edges attract (more strongly the heavier
//! they are), and each node moves at most the current temperature per iteration, which cools
//! linearly to zero. Start positions come from a hash of each node's id, so the same project always
//! gives the same picture, and iterations can be spread over frames without changing the result.
//! Pinned nodes (the ones the user dropped somewhere) push and pull but never move.
//!
//! Limitations: repulsion is computed for every pair (O(n²) per iteration). On the generated
//! 800-node project an iteration takes about a millisecond in a release build, so the view runs
//! a few iterations per frame within a time budget; a project with many thousands of actors and
//! events would want a Barnes–Hut tree.

use std::collections::BTreeMap;

use crate::model::{ActorId, ActorKind, EventId, EventKind, Project};

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKey {
    /// An actor.
    Actor(ActorId),
    /// An event.
    Event(EventId),
    /// An outlet, by a number drawn from its name (the holder network of
    /// [`crate::corroboration`]).
    Outlet(u64),
}

impl NodeKey {
    /// The number behind the id, for seeding the layout.
    fn raw(self) -> u64 {
        match self {
            Self::Actor(id) => id.raw(),
            Self::Event(id) => id.raw() ^ 0x5bd1_e995_a1b2_c3d4,
            Self::Outlet(n) => n ^ 0x2545_f491_4f6c_dd1d,
        }
    }
}

/// What sort of node: an actor of some kind, or an event of some kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A person, organisation, state…
    Actor(ActorKind),
    /// A dated happening.
    Event(EventKind),
    /// An outlet (in the holder network).
    Outlet,
}

/// One actor or event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The actor or event.
    pub key: NodeKey,
    /// Its name or title.
    pub label: String,
    /// Its kind.
    pub kind: NodeKind,
    /// How many passages link it.
    pub passages: usize,
}

impl Node {
    /// The node's radius in layout units (the ideal edge length is 1): it grows with the square
    /// root of its passages, so that area follows evidence. The layout keeps nodes this far apart.
    pub fn radius(&self) -> f32 {
        0.08 + 0.04 * (self.passages as f32).sqrt()
    }
}

/// Two nodes linked on the same passages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// The first node's index (the smaller one).
    pub a: usize,
    /// The second node's index.
    pub b: usize,
    /// How many passages link both.
    pub weight: usize,
}

/// The network of a project: nodes in key order (actors by id, then events by id), edges sorted
/// by their node indices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    /// For each node, the indices of its edges.
    incident: Vec<Vec<usize>>,
}

impl Graph {
    /// The network of `project` (see the module documentation for what makes an edge), from
    /// the passages shown with the blind-coding filter `blind` (`None`: every passage). Every
    /// actor and event is a node; another analyst's links neither count nor make edges.
    pub fn of(project: &Project, blind: Option<&str>) -> Self {
        let mut nodes = Vec::with_capacity(project.actors().len() + project.events().len());
        for actor in project.actors().values() {
            nodes.push(Node {
                key: NodeKey::Actor(actor.id),
                label: actor.name.clone(),
                kind: NodeKind::Actor(actor.kind),
                passages: 0,
            });
        }
        for event in project.events().values() {
            nodes.push(Node {
                key: NodeKey::Event(event.id),
                label: event.title.clone(),
                kind: NodeKind::Event(event.kind),
                passages: 0,
            });
        }
        let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        let mut linked: Vec<usize> = Vec::new();
        for passage in project.shown_passages(blind) {
            linked.clear();
            linked.extend(
                passage
                    .actors
                    .iter()
                    .filter_map(|(a, _)| index_in(&nodes, NodeKey::Actor(*a))),
            );
            linked.extend(
                passage
                    .events
                    .iter()
                    .filter_map(|(e, _)| index_in(&nodes, NodeKey::Event(*e))),
            );
            linked.sort_unstable();
            linked.dedup();
            for (k, &i) in linked.iter().enumerate() {
                if let Some(node) = nodes.get_mut(i) {
                    node.passages += 1;
                }
                for &j in &linked[k + 1..] {
                    *pairs.entry((i, j)).or_insert(0) += 1;
                }
            }
        }
        let edges: Vec<Edge> = pairs
            .into_iter()
            .map(|((a, b), weight)| Edge { a, b, weight })
            .collect();
        let mut incident = vec![Vec::new(); nodes.len()];
        for (e, edge) in edges.iter().enumerate() {
            for end in [edge.a, edge.b] {
                if let Some(list) = incident.get_mut(end) {
                    list.push(e);
                }
            }
        }
        Self {
            nodes,
            edges,
            incident,
        }
    }

    /// A graph of the given nodes (sorted by key; a repeated key is kept once) and of edges
    /// between nodes by key (an edge to an unknown key or to itself is dropped; two edges
    /// between one pair are one, their weights added). For networks other than the project's
    /// actors and events, such as the holders of stances.
    pub fn from_parts(
        mut nodes: Vec<Node>,
        edges: impl IntoIterator<Item = (NodeKey, NodeKey, usize)>,
    ) -> Self {
        nodes.sort_by_key(|n| n.key);
        nodes.dedup_by_key(|n| n.key);
        let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for (a, b, weight) in edges {
            let (Some(i), Some(j)) = (index_in(&nodes, a), index_in(&nodes, b)) else {
                continue;
            };
            if i != j && weight > 0 {
                *pairs.entry((i.min(j), i.max(j))).or_insert(0) += weight;
            }
        }
        let edges: Vec<Edge> = pairs
            .into_iter()
            .map(|((a, b), weight)| Edge { a, b, weight })
            .collect();
        let mut incident = vec![Vec::new(); nodes.len()];
        for (e, edge) in edges.iter().enumerate() {
            for end in [edge.a, edge.b] {
                if let Some(list) = incident.get_mut(end) {
                    list.push(e);
                }
            }
        }
        Self {
            nodes,
            edges,
            incident,
        }
    }

    /// Every node, actors first, each group in id order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Every edge, sorted by (a, b).
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The index of a node.
    pub fn index_of(&self, key: NodeKey) -> Option<usize> {
        index_in(&self.nodes, key)
    }

    /// The edges touching node `i`.
    pub fn edges_of(&self, i: usize) -> impl Iterator<Item = &Edge> + '_ {
        self.incident
            .get(i)
            .into_iter()
            .flatten()
            .filter_map(|&e| self.edges.get(e))
    }

    /// The weight of the edge between two nodes (0 when they share no passage).
    pub fn weight(&self, i: usize, j: usize) -> usize {
        let (a, b) = (i.min(j), i.max(j));
        self.edges
            .binary_search_by(|e| (e.a, e.b).cmp(&(a, b)))
            .ok()
            .and_then(|k| self.edges.get(k))
            .map_or(0, |e| e.weight)
    }

    /// The heaviest edge's weight (0 without edges).
    pub fn max_weight(&self) -> usize {
        self.edges.iter().map(|e| e.weight).max().unwrap_or(0)
    }
}

fn index_in(nodes: &[Node], key: NodeKey) -> Option<usize> {
    nodes.binary_search_by(|n| n.key.cmp(&key)).ok()
}

/// A point of the layout plane. The unit is the ideal edge length.
pub type Point = [f32; 2];

/// How many iterations a fresh layout runs.
pub const ITERATIONS: usize = 300;
/// How many iterations a layout runs after the project changed or a node was dropped (it starts
/// from where the nodes already are, so it needs less).
pub const SETTLE_ITERATIONS: usize = 60;
/// How far a node may move in the first settling iteration (a fifth of an edge): low, so that
/// settling rearranges the neighbourhood, not the whole picture the user has in mind.
const SETTLE_TEMPERATURE: f32 = 0.2;
/// The pull towards the centre, relative to the repulsion between two nodes one unit apart.
const GRAVITY: f32 = 0.06;
/// The smallest distance the forces see, so that two nodes on one spot do not explode.
const MIN_DISTANCE: f32 = 0.01;

/// A force layout of a [`Graph`], advanced an iteration at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    keys: Vec<NodeKey>,
    radii: Vec<f32>,
    positions: Vec<Point>,
    pinned: Vec<bool>,
    iteration: usize,
    iterations: usize,
    start_temperature: f32,
    displacement: Vec<Point>,
}

impl Layout {
    /// A fresh layout of `graph`: each node starts at a place drawn from its id, inside a disc
    /// that gives every node about one unit of area.
    pub fn new(graph: &Graph) -> Self {
        let radius = start_radius(graph.nodes.len());
        let keys: Vec<NodeKey> = graph.nodes.iter().map(|n| n.key).collect();
        let positions = keys.iter().map(|k| seeded_point(*k, radius)).collect();
        Self {
            pinned: vec![false; keys.len()],
            displacement: vec![[0.0; 2]; keys.len()],
            radii: graph.nodes.iter().map(Node::radius).collect(),
            keys,
            positions,
            iteration: 0,
            iterations: ITERATIONS,
            start_temperature: radius.max(1.0) * 0.5,
        }
    }

    /// A layout of `graph` that keeps where `previous` had the nodes both know (and which of them
    /// were pinned); new nodes start near the nodes they share passages with. It runs
    /// [`SETTLE_ITERATIONS`] at a low temperature, or a full layout when no node was kept.
    pub fn carried_over(graph: &Graph, previous: &Layout) -> Self {
        let mut layout = Self::new(graph);
        let mut kept = vec![false; layout.keys.len()];
        for (i, key) in layout.keys.iter().enumerate() {
            let Ok(j) = previous.keys.binary_search(key) else {
                continue;
            };
            if let (Some(p), Some(slot), Some(pin), Some(k)) = (
                previous.positions.get(j),
                layout.positions.get_mut(i),
                previous.pinned.get(j),
                kept.get_mut(i),
            ) {
                *slot = *p;
                *k = true;
                if let Some(to) = layout.pinned.get_mut(i) {
                    *to = *pin;
                }
            }
        }
        if !kept.iter().any(|k| *k) {
            return layout;
        }
        // A new node starts at the centre of its kept neighbours, shifted by its seed so that two
        // new nodes with the same neighbours do not coincide.
        for i in 0..layout.keys.len() {
            if kept.get(i).copied().unwrap_or(true) {
                continue;
            }
            let mut sum = [0.0f32; 2];
            let mut n = 0.0f32;
            for edge in graph.edges_of(i) {
                let other = if edge.a == i { edge.b } else { edge.a };
                if kept.get(other).copied().unwrap_or(false)
                    && let Some(p) = layout.positions.get(other)
                {
                    sum = [sum[0] + p[0], sum[1] + p[1]];
                    n += 1.0;
                }
            }
            if n > 0.0
                && let (Some(key), Some(slot)) = (layout.keys.get(i), layout.positions.get_mut(i))
            {
                let jitter = seeded_point(*key, 0.5);
                *slot = [sum[0] / n + jitter[0], sum[1] / n + jitter[1]];
            }
        }
        layout.iterations = SETTLE_ITERATIONS;
        layout.start_temperature = SETTLE_TEMPERATURE;
        layout
    }

    /// Whether every iteration has run.
    pub fn is_done(&self) -> bool {
        self.iteration >= self.iterations
    }

    /// Iterations run so far, and how many this layout runs in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.iteration.min(self.iterations), self.iterations)
    }

    /// Runs one iteration; false (and nothing changes) once the layout is done or when `graph` is
    /// not the graph this layout was made for.
    pub fn step(&mut self, graph: &Graph) -> bool {
        if self.is_done() || graph.nodes.len() != self.positions.len() {
            return false;
        }
        let t = self.start_temperature
            * (1.0 - self.iteration as f32 / self.iterations.max(1) as f32).max(0.0);
        self.iterate(graph, t);
        self.iteration += 1;
        true
    }

    /// Runs up to `max` iterations; returns how many ran.
    pub fn run(&mut self, graph: &Graph, max: usize) -> usize {
        let mut ran = 0;
        while ran < max && self.step(graph) {
            ran += 1;
        }
        ran
    }

    fn iterate(&mut self, graph: &Graph, temperature: f32) {
        let n = self.positions.len();
        let disp = &mut self.displacement;
        disp.clear();
        disp.resize(n, [0.0; 2]);
        let pos = &self.positions;
        // Repulsion k²/d between every pair (k = 1), d being the gap between the two discs.
        let radii = &self.radii;
        for i in 0..n {
            let pi = pos[i];
            let ri = radii[i];
            let mut di = disp[i];
            for j in (i + 1)..n {
                let pj = pos[j];
                let (mut dx, mut dy) = (pi[0] - pj[0], pi[1] - pj[1]);
                let mut d2 = dx * dx + dy * dy;
                if d2 < MIN_DISTANCE * MIN_DISTANCE {
                    // Two nodes on one spot: part them along a direction drawn from their indices.
                    let angle = ((i * 31 + j * 17) % 360) as f32 * std::f32::consts::PI / 180.0;
                    dx = angle.cos() * MIN_DISTANCE;
                    dy = angle.sin() * MIN_DISTANCE;
                    d2 = MIN_DISTANCE * MIN_DISTANCE;
                }
                let d = d2.sqrt();
                let gap = (d - ri - radii[j]).max(MIN_DISTANCE);
                let (fx, fy) = (dx / (d * gap), dy / (d * gap));
                di[0] += fx;
                di[1] += fy;
                disp[j][0] -= fx;
                disp[j][1] -= fy;
            }
            disp[i] = di;
        }
        // Attraction d²/k along each edge, stronger for heavier edges.
        for edge in &graph.edges {
            let (Some(pa), Some(pb)) = (pos.get(edge.a), pos.get(edge.b)) else {
                continue;
            };
            let (dx, dy) = (pa[0] - pb[0], pa[1] - pb[1]);
            let d = (dx * dx + dy * dy).sqrt();
            let strength = 1.0 + (edge.weight as f32).ln();
            let (fx, fy) = (dx * d * strength, dy * d * strength);
            if let Some(da) = disp.get_mut(edge.a) {
                da[0] -= fx;
                da[1] -= fy;
            }
            if let Some(db) = disp.get_mut(edge.b) {
                db[0] += fx;
                db[1] += fy;
            }
        }
        // Gravity towards the origin, then a move of at most the temperature.
        let radius = start_radius(n);
        let moving = self.positions.iter_mut().zip(disp.iter()).zip(&self.pinned);
        for (((p, d), pinned), key) in moving.zip(&self.keys) {
            if *pinned {
                continue;
            }
            let (dx, dy) = (d[0] - GRAVITY * p[0], d[1] - GRAVITY * p[1]);
            let len = (dx * dx + dy * dy).sqrt();
            if len > 0.0 && len.is_finite() {
                let step = len.min(temperature) / len;
                p[0] += dx * step;
                p[1] += dy * step;
            }
            if !(p[0].is_finite() && p[1].is_finite()) {
                *p = seeded_point(*key, radius);
            }
        }
    }

    /// Where node `i` is.
    pub fn position(&self, i: usize) -> Option<Point> {
        self.positions.get(i).copied()
    }

    /// Where every node is, in the graph's node order.
    pub fn positions(&self) -> &[Point] {
        &self.positions
    }

    /// Whether node `i` is pinned.
    pub fn is_pinned(&self, i: usize) -> bool {
        self.pinned.get(i).copied().unwrap_or(false)
    }

    /// How many nodes are pinned.
    pub fn pinned_count(&self) -> usize {
        self.pinned.iter().filter(|p| **p).count()
    }

    /// Puts node `i` at `at` and pins it there (non-finite points are ignored).
    pub fn pin(&mut self, i: usize, at: Point) {
        if !(at[0].is_finite() && at[1].is_finite()) {
            return;
        }
        if let (Some(p), Some(pin)) = (self.positions.get_mut(i), self.pinned.get_mut(i)) {
            *p = at;
            *pin = true;
        }
    }

    /// Unpins every node.
    pub fn unpin_all(&mut self) {
        self.pinned.iter_mut().for_each(|p| *p = false);
    }

    /// Lets the layout run [`SETTLE_ITERATIONS`] more at a low temperature, so that the other
    /// nodes make room around a node that was moved. A layout still running its first pass
    /// just goes on.
    pub fn settle(&mut self) {
        if self.is_done() || self.iterations == SETTLE_ITERATIONS {
            self.iteration = 0;
            self.iterations = SETTLE_ITERATIONS;
            self.start_temperature = SETTLE_TEMPERATURE;
        }
    }

    /// The smallest rectangle (min, max) holding the nodes for which `include` is true.
    pub fn bounds(&self, mut include: impl FnMut(usize) -> bool) -> Option<(Point, Point)> {
        let mut out: Option<(Point, Point)> = None;
        for (i, p) in self.positions.iter().enumerate() {
            if !include(i) {
                continue;
            }
            out = Some(match out {
                None => (*p, *p),
                Some((lo, hi)) => (
                    [lo[0].min(p[0]), lo[1].min(p[1])],
                    [hi[0].max(p[0]), hi[1].max(p[1])],
                ),
            });
        }
        out
    }
}

/// The radius of the start disc: about one unit of area per node.
fn start_radius(nodes: usize) -> f32 {
    (nodes as f32 / std::f32::consts::PI).sqrt().max(1.0)
}

/// A point in the disc of `radius` drawn from the key (splitmix64), uniform over the area.
fn seeded_point(key: NodeKey, radius: f32) -> Point {
    let mut z = key.raw().wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    let u = (z >> 40) as f32 / (1u64 << 24) as f32;
    let v = (z & 0xff_ffff) as f32 / (1u64 << 24) as f32;
    let r = radius * u.sqrt();
    let angle = v * std::f32::consts::TAU;
    [r * angle.cos(), r * angle.sin()]
}

#[cfg(test)]
mod tests;
