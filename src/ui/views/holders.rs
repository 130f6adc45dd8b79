//! The holder network, the second mode of the Claims view: who agrees with whom (after
//! Discourse Network Analyzer). Nodes are the holders of stances — speakers (circles) and
//! outlets speaking in their own voice (squares) — sized by the stances they hold. Two holders
//! are joined by an **agreement** edge when they take the same stance on a claim and by a
//! **conflict** edge when one supports what the other disputes; an edge is as wide as the number
//! of claims. Agreement is drawn solid in the success colour, conflict dashed in the error
//! colour, so the two differ without colour too. "Difference" draws agreement minus conflict for
//! each pair (solid when they agree more, dashed when they conflict more).
//!
//! The edges come from [`crate::corroboration::HolderPairs`] over the Claims view's
//! analysis, once per generation of the shared corroboration (a new revision, reprints found, or
//! blind coding turned on or off: with it on, only the analyst's stances make holders and
//! edges); the picture is laid out by the network view's force
//! layout ([`crate::network::Layout`], agreement and conflict both pulling), a few iterations per
//! frame within a time budget, and always fitted to the canvas. Hover a holder to see its grade
//! and its strongest agreements and conflicts; click a speaker to open the actor's profile.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::{Duration, Instant};

use egui::{Pos2, Rect, RichText, Sense, Stroke, Vec2};

use super::corroborated::Corroborated;
use crate::corroboration::{Holder, HolderPairs, NetworkKind, Summary};
use crate::model::Project;
use crate::model::claim::outlet_key;
use crate::network::{Graph, Layout, Node, NodeKey, NodeKind};
use crate::ui::action::Action;
use crate::ui::theme::Theme;

/// How long a frame may spend on layout iterations.
const LAYOUT_BUDGET: Duration = Duration::from_millis(8);
/// How many edges a holder network first shows at most (the minimum weight is raised until
/// it fits; the slider lowers it again).
const MAX_EDGES: usize = 2_000;
/// How many labels are drawn at most (the holders with most stances first, never overlapping).
const MAX_LABELS: usize = 80;

/// Which edges are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HolderEdges {
    /// Agreement and conflict edges, each in its own style.
    #[default]
    Both,
    /// Only agreement.
    Agreement,
    /// Only conflict.
    Conflict,
    /// Agreement minus conflict per pair.
    Difference,
}

impl HolderEdges {
    /// Every choice, in display order.
    pub const ALL: [Self; 4] = [
        Self::Both,
        Self::Agreement,
        Self::Conflict,
        Self::Difference,
    ];

    /// Its label in the toolbar.
    pub fn label(self) -> &'static str {
        match self {
            Self::Both => "Agreement and conflict",
            Self::Agreement => "Agreement",
            Self::Conflict => "Conflict",
            Self::Difference => "Difference",
        }
    }
}

/// One drawn edge: node indices, weight in claims, and whether it is drawn as conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Link {
    a: usize,
    b: usize,
    weight: i64,
    conflict: bool,
}

/// The holder network's state: the graph of one generation of the corroboration, its layout, the
/// edges of each kind, and the toolbar's choices.
#[derive(Debug, Default)]
pub struct HoldersState {
    /// The generation of the corroboration the graph is of.
    generation: Option<u64>,
    graph: Graph,
    holders: Vec<Holder>,
    layout: Option<Layout>,
    agreement: Vec<Link>,
    conflict: Vec<Link>,
    difference: Vec<Link>,
    /// Which edges are drawn.
    pub edges: HolderEdges,
    /// Edges lighter than this many claims are hidden.
    pub min_weight: i64,
}

/// The node key of a holder: a speaker is its actor; an outlet a number drawn from its name
/// (an unnamed outlet from its article).
fn key_of(holder: &Holder) -> NodeKey {
    match holder {
        Holder::Speaker(a) => NodeKey::Actor(*a),
        Holder::Outlet(name) => {
            let mut h = DefaultHasher::new();
            ("outlet", outlet_key(name)).hash(&mut h);
            NodeKey::Outlet(h.finish())
        }
        Holder::Unnamed(doc) => {
            let mut h = DefaultHasher::new();
            ("unnamed", doc.raw()).hash(&mut h);
            NodeKey::Outlet(h.finish())
        }
    }
}

impl HoldersState {
    /// Rebuilds the network when the corroboration changed (keeping the places of the holders
    /// it still has).
    pub fn refresh(&mut self, project: &Project, corroborated: &Corroborated) {
        if self.generation == Some(corroborated.generation) {
            return;
        }
        let summaries: &[Summary] = &corroborated.summaries;
        let mut stances: BTreeMap<&Holder, usize> = BTreeMap::new();
        for row in summaries.iter().flat_map(|s| &s.stances) {
            *stances.entry(&row.holder).or_default() += 1;
        }
        let mut nodes: Vec<(Node, Holder)> = stances
            .into_iter()
            .map(|(holder, n)| {
                let kind = match holder {
                    Holder::Speaker(a) => project
                        .actor(*a)
                        .map_or(NodeKind::Outlet, |a| NodeKind::Actor(a.kind)),
                    Holder::Outlet(_) | Holder::Unnamed(_) => NodeKind::Outlet,
                };
                let node = Node {
                    key: key_of(holder),
                    label: holder.name(project),
                    kind,
                    passages: n,
                };
                (node, holder.clone())
            })
            .collect();
        nodes.sort_by_key(|(n, _)| n.key);
        nodes.dedup_by_key(|(n, _)| n.key);
        let index: BTreeMap<NodeKey, usize> = (nodes.iter().enumerate())
            .map(|(i, (n, _))| (n.key, i))
            .collect();
        // The pairs are counted once for the three networks; a holder's node is looked up once.
        let pairs = HolderPairs::of(summaries.iter().map(|s| s.stances.as_slice()));
        let node_of: Vec<Option<usize>> = (pairs.holders.iter())
            .map(|h| index.get(&key_of(h)).copied())
            .collect();
        let links = |kind: NetworkKind| -> Vec<Link> {
            let mut links: Vec<Link> = pairs
                .weights(kind)
                .filter_map(|(a, b, weight)| {
                    let (a, b) = (node_of.get(a).copied()??, node_of.get(b).copied()??);
                    Some(Link {
                        a: a.min(b),
                        b: a.max(b),
                        weight: weight.abs(),
                        conflict: match kind {
                            NetworkKind::Agreement => false,
                            NetworkKind::Conflict => true,
                            NetworkKind::Difference => weight < 0,
                        },
                    })
                })
                .collect();
            // Heaviest first, then by node: the order the drawing and the tests rely on.
            links
                .sort_unstable_by(|x, y| y.weight.cmp(&x.weight).then((x.a, x.b).cmp(&(y.a, y.b))));
            links
        };
        self.agreement = links(NetworkKind::Agreement);
        self.conflict = links(NetworkKind::Conflict);
        self.difference = links(NetworkKind::Difference);
        let keys: Vec<NodeKey> = nodes.iter().map(|(n, _)| n.key).collect();
        let key = |i: usize| keys.get(i).copied();
        let pulls: Vec<(NodeKey, NodeKey, usize)> = (self.agreement.iter())
            .chain(&self.conflict)
            .filter_map(|l| Some((key(l.a)?, key(l.b)?, l.weight.unsigned_abs() as usize)))
            .collect();
        let (graph_nodes, holders): (Vec<Node>, Vec<Holder>) = nodes.into_iter().unzip();
        self.graph = Graph::from_parts(graph_nodes, pulls);
        self.holders = holders;
        self.layout = Some(match &self.layout {
            Some(previous) => Layout::carried_over(&self.graph, previous),
            None => Layout::new(&self.graph),
        });
        let first = self.generation.is_none();
        self.generation = Some(corroborated.generation);
        self.min_weight = if first {
            self.lightest_shown(MAX_EDGES)
        } else {
            self.min_weight.clamp(1, self.max_weight().max(1))
        };
    }

    /// The least minimum weight that leaves at most `max` agreement and conflict edges drawn
    /// (1 when there are no more than that): a large project opens on its strongest links.
    fn lightest_shown(&self, max: usize) -> i64 {
        let mut weights: Vec<i64> = (self.agreement.iter())
            .chain(&self.conflict)
            .map(|l| l.weight)
            .collect();
        if weights.len() <= max {
            return 1;
        }
        weights.sort_unstable_by(|a, b| b.cmp(a));
        // The weight of the edge just past the limit, plus one, drops it and every lighter one.
        weights
            .get(max)
            .map_or(1, |w| w + 1)
            .min(self.max_weight().max(1))
    }

    /// The graph laid out (holders as nodes; edges pull by agreement and conflict together).
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// The heaviest edge of any kind, in claims.
    fn max_weight(&self) -> i64 {
        (self.agreement.iter())
            .chain(&self.conflict)
            .chain(&self.difference)
            .map(|l| l.weight)
            .max()
            .unwrap_or(0)
    }

    /// The edges drawn for the current choice and minimum weight.
    fn shown(&self) -> impl Iterator<Item = &Link> + '_ {
        let lists: [&[Link]; 2] = match self.edges {
            HolderEdges::Both => [&self.agreement, &self.conflict],
            HolderEdges::Agreement => [&self.agreement, &[]],
            HolderEdges::Conflict => [&self.conflict, &[]],
            HolderEdges::Difference => [&self.difference, &[]],
        };
        let min = self.min_weight;
        lists.into_iter().flatten().filter(move |l| l.weight >= min)
    }

    /// How many agreement and conflict edges there are (before the minimum weight).
    pub fn counts(&self) -> (usize, usize) {
        (self.agreement.len(), self.conflict.len())
    }
}

/// Draws the holder network.
pub fn holders_ui(
    ui: &mut egui::Ui,
    project: &Project,
    corroborated: &Corroborated,
    state: &mut HoldersState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    state.refresh(project, corroborated);
    let speakers = (state.holders.iter())
        .filter(|h| matches!(h, Holder::Speaker(_)))
        .count();
    let outlets = state.holders.len() - speakers;
    let (agree, conflict) = state.counts();
    let max = state.max_weight().max(1);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{speakers} speakers · {outlets} outlets · {agree} agreeing pairs · {conflict} conflicting pairs"
            ))
            .small()
            .color(theme.weak_text),
        );
    });
    // The choices on a row of their own: beside the counts they overflowed the centre.
    ui.horizontal_wrapped(|ui| {
        for choice in HolderEdges::ALL {
            ui.selectable_value(&mut state.edges, choice, choice.label());
        }
        ui.separator();
        ui.label("Min. claims");
        ui.add_enabled(max > 1, egui::Slider::new(&mut state.min_weight, 1..=max))
            .on_hover_text("Hide edges between holders that share fewer claims");
    });
    if state.holders.is_empty() {
        ui.add_space(30.0);
        ui.label(
            RichText::new("No stances yet: select a passage and press C to give it one.")
                .color(theme.weak_text),
        );
        return;
    }

    let (rect, canvas) = ui.allocate_exact_size(ui.available_size_before_wrap(), Sense::hover());
    canvas.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Canvas,
            true,
            "Network of holders by agreement and conflict",
        )
    });
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 6.0, theme.page);
    if let Some(layout) = &mut state.layout
        && !layout.is_done()
    {
        let start = Instant::now();
        while start.elapsed() < LAYOUT_BUDGET && layout.step(&state.graph) {}
        ui.ctx().request_repaint();
    }
    let Some(layout) = &state.layout else {
        return;
    };
    // Fitted to the canvas, with room for labels below the lowest nodes.
    let inner = rect.shrink2(Vec2::new(60.0, 36.0));
    let (lo, hi) = layout
        .bounds(|_| true)
        .unwrap_or(([-1.0, -1.0], [1.0, 1.0]));
    let span = [(hi[0] - lo[0]).max(0.5), (hi[1] - lo[1]).max(0.5)];
    // Each axis filled (a chain of holders would otherwise be a thin line), neither stretched
    // more than three times the other.
    let (sx, sy) = (inner.width() / span[0], inner.height() / span[1]);
    let scale = sx.min(sy).clamp(2.0, 400.0);
    let (sx, sy) = (sx.min(3.0 * scale), sy.min(3.0 * scale));
    let centre = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    let screen: Vec<Pos2> = (layout.positions().iter())
        .map(|p| inner.center() + Vec2::new((p[0] - centre[0]) * sx, (p[1] - centre[1]) * sy))
        .collect();
    let radius: Vec<f32> = (state.graph.nodes().iter())
        .map(|n| (n.radius() * scale).clamp(4.0, 28.0))
        .collect();

    // Interaction first.
    let mut hovered = None;
    for (i, node) in state.graph.nodes().iter().enumerate() {
        let (Some(&c), Some(&r)) = (screen.get(i), radius.get(i)) else {
            continue;
        };
        let kind = match node.kind {
            NodeKind::Actor(_) => "speaker",
            _ => "outlet",
        };
        let label = format!("{} ({kind})", node.label);
        let id = egui::Id::unique(("dossier-holder-node", node.key));
        let hit = Rect::from_center_size(c, Vec2::splat((2.0 * r).max(12.0)));
        let response = ui.interact(hit, id, Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if response.hovered() && hovered.is_none() {
            hovered = Some(i);
        }
        if response.clicked()
            && let NodeKey::Actor(a) = node.key
        {
            actions.push(Action::OpenActorProfile(a));
        }
        let holder = state.holders.get(i);
        response.on_hover_ui(|ui| {
            ui.label(RichText::new(&node.label).strong());
            if let Some(holder) = holder {
                let grade = holder.grade(project);
                ui.label(
                    RichText::new(format!(
                        "{kind} · {} stance{} · graded {} ({})",
                        node.passages,
                        if node.passages == 1 { "" } else { "s" },
                        grade.as_str(),
                        grade.label()
                    ))
                    .color(theme.weak_text),
                );
            }
            links_ui(ui, state, i, theme);
            if matches!(node.key, NodeKey::Actor(_)) {
                ui.label(
                    RichText::new("Click to open the profile")
                        .small()
                        .color(theme.weak_text),
                );
            }
        });
    }

    // Edges, nodes, labels, legend.
    let dim = |touches: bool| {
        if hovered.is_none() || touches {
            1.0
        } else {
            0.25
        }
    };
    let both = state.edges == HolderEdges::Both;
    for link in state.shown() {
        let (Some(&a), Some(&b)) = (screen.get(link.a), screen.get(link.b)) else {
            continue;
        };
        let width = 1.0 + 1.6 * (link.weight as f32).sqrt().min(6.0);
        let touches = hovered.is_some_and(|h| h == link.a || h == link.b);
        if link.conflict {
            // Side by side with the agreement edge of the same pair, when both are drawn.
            let shift = if both {
                let d = (b - a).normalized();
                Vec2::new(-d.y, d.x) * 3.0
            } else {
                Vec2::ZERO
            };
            let colour = theme.error.gamma_multiply(dim(touches));
            painter.extend(egui::Shape::dashed_line(
                &[a + shift, b + shift],
                Stroke::new(width, colour),
                7.0,
                4.0,
            ));
        } else {
            let colour = theme.success.gamma_multiply(0.8 * dim(touches));
            painter.line_segment([a, b], Stroke::new(width, colour));
        }
    }
    // The hovered holder's neighbours, found once.
    let mut neighbours = vec![hovered.is_none(); state.graph.nodes().len()];
    if let Some(h) = hovered {
        for l in state.shown() {
            for (end, other) in [(l.a, l.b), (l.b, l.a)] {
                if end == h
                    && let Some(slot) = neighbours.get_mut(other)
                {
                    *slot = true;
                }
            }
        }
        if let Some(slot) = neighbours.get_mut(h) {
            *slot = true;
        }
    }
    for (i, node) in state.graph.nodes().iter().enumerate() {
        let (Some(&c), Some(&r)) = (screen.get(i), radius.get(i)) else {
            continue;
        };
        let near = neighbours.get(i).copied().unwrap_or(true);
        let stroke = if hovered == Some(i) {
            Stroke::new(2.5, theme.selected_passage)
        } else {
            Stroke::new(1.0, theme.page)
        };
        match node.kind {
            NodeKind::Actor(_) => {
                let fill = theme
                    .actor_link
                    .gamma_multiply(if near { 1.0 } else { 0.3 });
                painter.circle(c, r, fill, stroke);
            }
            _ => {
                let fill = theme
                    .event_link
                    .gamma_multiply(if near { 1.0 } else { 0.3 });
                painter.rect(
                    Rect::from_center_size(c, Vec2::splat(1.7 * r)),
                    2.0,
                    fill,
                    stroke,
                    egui::StrokeKind::Middle,
                );
            }
        }
    }
    labels_ui(&painter, rect, state, &screen, &radius, hovered, theme);
    legend_ui(&painter, rect, theme);
}

/// A holder's strongest agreements and conflicts, for its tooltip.
fn links_ui(ui: &mut egui::Ui, state: &HoldersState, i: usize, theme: &Theme) {
    for (list, word, colour) in [
        (&state.agreement, "agrees with", theme.success),
        (&state.conflict, "conflicts with", theme.error),
    ] {
        let mut mine: Vec<(i64, usize)> = list
            .iter()
            .filter(|l| l.a == i || l.b == i)
            .map(|l| (l.weight, if l.a == i { l.b } else { l.a }))
            .collect();
        mine.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        for (weight, other) in mine.iter().take(4) {
            if let Some(n) = state.graph.nodes().get(*other) {
                ui.label(
                    RichText::new(format!(
                        "{word} {} on {weight} claim{}",
                        n.label,
                        if *weight == 1 { "" } else { "s" }
                    ))
                    .color(colour),
                );
            }
        }
    }
}

/// Names below the nodes, the hovered one first, then by stances held, never overlapping.
fn labels_ui(
    painter: &egui::Painter,
    rect: Rect,
    state: &HoldersState,
    screen: &[Pos2],
    radius: &[f32],
    hovered: Option<usize>,
    theme: &Theme,
) {
    let nodes = state.graph.nodes();
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (
            nodes.get(a).map(|n| n.passages),
            nodes.get(b).map(|n| n.passages),
        );
        pb.cmp(&pa).then(a.cmp(&b))
    });
    let mut placed: Vec<Rect> = Vec::new();
    for i in hovered.into_iter().chain(order) {
        if placed.len() >= MAX_LABELS {
            break;
        }
        let (Some(node), Some(&c), Some(&r)) = (nodes.get(i), screen.get(i), radius.get(i)) else {
            continue;
        };
        let mut job = egui::text::LayoutJob::simple_singleline(
            node.label.clone(),
            egui::FontId::proportional(if hovered == Some(i) { 13.0 } else { 11.5 }),
            theme.text,
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(150.0);
        let galley = painter.layout_job(job);
        // Below the node, else above it; kept inside the canvas.
        let x = (c.x - galley.size().x / 2.0).clamp(
            rect.left() + 2.0,
            (rect.right() - galley.size().x - 2.0).max(rect.left()),
        );
        let below = Pos2::new(x, c.y + r + 2.0);
        let above = Pos2::new(x, c.y - r - 2.0 - galley.size().y);
        let free = |at: Pos2| {
            let area = Rect::from_min_size(at, galley.size()).expand(2.0);
            (hovered == Some(i) || !placed.iter().any(|p| p.intersects(area))).then_some(area)
        };
        let Some((top_left, area)) = free(below)
            .map(|a| (below, a))
            .or_else(|| free(above).map(|a| (above, a)))
        else {
            continue;
        };
        painter.rect_filled(area, 3.0, theme.page.gamma_multiply(0.85));
        painter.galley(top_left, galley, theme.text);
        placed.push(area);
    }
}

/// A legend entry's symbol.
#[derive(Clone, Copy)]
enum Symbol {
    Agreement,
    Conflict,
    Speaker,
    Outlet,
    None,
}

/// What the lines and shapes mean, in the canvas's bottom-left corner (on two lines when the
/// canvas is narrow).
fn legend_ui(painter: &egui::Painter, rect: Rect, theme: &Theme) {
    let entries = [
        (Symbol::Agreement, "agreement (same stance)"),
        (Symbol::Conflict, "conflict (supports vs disputes)"),
        (Symbol::Speaker, "speaker"),
        (Symbol::Outlet, "outlet"),
        (Symbol::None, "width = claims"),
    ];
    let font = egui::FontId::proportional(11.0);
    let galleys: Vec<_> = (entries.iter())
        .map(|(symbol, text)| {
            let galley = painter.layout_no_wrap((*text).to_owned(), font.clone(), theme.weak_text);
            let room = match symbol {
                Symbol::Agreement | Symbol::Conflict => 28.0,
                Symbol::Speaker | Symbol::Outlet => 14.0,
                Symbol::None => 0.0,
            };
            (*symbol, galley, room)
        })
        .collect();
    let width: f32 = galleys.iter().map(|(_, g, r)| r + g.size().x + 14.0).sum();
    let two_lines = width > rect.width() - 24.0;
    let (mut x, mut y) = (rect.left() + 12.0, rect.bottom() - 14.0);
    if two_lines {
        y -= 16.0;
    }
    for (n, (symbol, galley, room)) in galleys.into_iter().enumerate() {
        if two_lines && n == 2 {
            x = rect.left() + 12.0;
            y += 16.0;
        }
        match symbol {
            Symbol::Agreement => {
                painter.line_segment(
                    [Pos2::new(x, y), Pos2::new(x + 22.0, y)],
                    Stroke::new(2.5, theme.success),
                );
            }
            Symbol::Conflict => {
                painter.extend(egui::Shape::dashed_line(
                    &[Pos2::new(x, y), Pos2::new(x + 22.0, y)],
                    Stroke::new(2.5, theme.error),
                    7.0,
                    4.0,
                ));
            }
            Symbol::Speaker => {
                painter.circle_filled(Pos2::new(x + 4.0, y), 5.0, theme.actor_link);
            }
            Symbol::Outlet => {
                painter.rect_filled(
                    Rect::from_center_size(Pos2::new(x + 4.0, y), Vec2::splat(9.0)),
                    2.0,
                    theme.event_link,
                );
            }
            Symbol::None => {}
        }
        x += room;
        let size = galley.size();
        painter.galley(Pos2::new(x, y - size.y / 2.0), galley, theme.weak_text);
        x += size.x + 14.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(weight: i64, conflict: bool) -> Link {
        Link {
            a: 0,
            b: 1,
            weight,
            conflict,
        }
    }

    #[test]
    fn a_large_network_opens_on_its_strongest_edges() {
        let state = HoldersState {
            agreement: vec![link(5, false), link(3, false), link(1, false)],
            conflict: vec![link(3, true)],
            ..HoldersState::default()
        };
        assert_eq!(state.lightest_shown(10), 1, "few edges: all shown");
        assert_eq!(state.lightest_shown(3), 2, "the one of weight 1 goes");
        assert_eq!(
            state.lightest_shown(2),
            4,
            "ties go together: only 5 is left"
        );
        assert_eq!(state.lightest_shown(0), 5, "never above the heaviest");
    }
}
