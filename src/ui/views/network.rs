//! The network view: actors (circles) and events (squares) as nodes sized by their passages,
//! edges as wide as the number of passages two nodes share (see [`crate::network`]). Its other
//! network, chosen above the toolbar ([`NetworkShows`]), is the holders' agreement and conflict
//! network over the claims ([`super::holders`]).
//!
//! Scroll or pinch to zoom around the pointer, drag the background to pan, drag a node to put it
//! somewhere (it stays, pinned, and the others make room), click a node to open the actor's
//! profile or the event's card. The toolbar hides weak edges, events, kinds of actor and nodes
//! left without a visible edge; "Fit" shows every visible node.
//!
//! The graph is built once per project revision and blind-coding filter (with blind coding on,
//! only the analyst's passages link and size nodes); the layout runs a few iterations per frame
//! within a time budget until it settles, and a changed project keeps the places of the nodes it
//! still has. Which nodes and edges pass the filters is cached by (graph, filters); label order
//! by graph. A frame only transforms, hit-tests and paints.

use std::time::{Duration, Instant};

use egui::{Pos2, Rect, RichText, Sense, Stroke, Vec2};

use super::super::theme::Theme;
use crate::model::{ActorKind, Project};
use crate::network::{Graph, Layout, NodeKey, NodeKind};
use crate::ui::action::Action;

/// How long a frame may spend on layout iterations.
const LAYOUT_BUDGET: Duration = Duration::from_millis(10);
/// How many labels are drawn at most (the biggest nodes first, never overlapping).
const MAX_LABELS: usize = 60;

/// What the filters let through, for one (revision, filters) pair.
#[derive(Debug, Default)]
struct Visible {
    key: Option<(u64, Filters)>,
    nodes: Vec<bool>,
    edges: Vec<bool>,
    shown: usize,
}

/// The toolbar's filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Filters {
    min_weight: usize,
    events: bool,
    /// Which actor kinds are shown, in [`ActorKind::ALL`] order.
    kinds: [bool; 6],
    hide_unlinked: bool,
}

impl Default for Filters {
    fn default() -> Self {
        Self {
            min_weight: 1,
            events: true,
            kinds: [true; 6],
            hide_unlinked: false,
        }
    }
}

/// The network view's state: the graph and its layout for the current revision, the camera, the
/// filters, and the node being dragged.
#[derive(Debug)]
pub struct NetworkState {
    /// The network drawn: actors and events, or the holders of stances on claims.
    pub shows: NetworkShows,
    /// The holders' network (agreement and conflict over the claims' shared corroboration).
    pub holders: super::holders::HoldersState,
    /// Blind coding: only this analyst's passages link nodes (`None`: every passage).
    pub blind: Option<String>,
    revision: Option<u64>,
    /// The blind-coding filter the graph was built with.
    built_blind: Option<String>,
    graph: Graph,
    layout: Option<Layout>,
    /// Node indices, most passages first: the order labels are placed in.
    label_order: Vec<usize>,
    filters: Filters,
    visible: Visible,
    /// The layout point at the centre of the canvas.
    centre: [f32; 2],
    /// Pixels per layout unit.
    scale: f32,
    /// Whether the camera follows the layout (until the user zooms or pans).
    follow: bool,
    dragging: Option<usize>,
}

/// The network the view draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NetworkShows {
    /// Actors and events joined by the passages they share.
    #[default]
    ActorsEvents,
    /// The holders of stances (speakers, outlets) joined by agreement and conflict over claims
    /// (Discourse Network Analyzer's networks; [`super::holders`]).
    Holders,
}

/// The choice of network, above the view's own toolbar.
pub fn shows_ui(ui: &mut egui::Ui, shows: &mut NetworkShows) {
    ui.horizontal(|ui| {
        ui.selectable_value(shows, NetworkShows::ActorsEvents, "Actors and events")
            .on_hover_text("Actors and events joined by the passages they share");
        ui.selectable_value(shows, NetworkShows::Holders, "Holders by stance")
            .on_hover_text(
                "Speakers and outlets joined when they take the same stance on a claim (agreement) or opposite ones (conflict)",
            );
    });
}

impl Default for NetworkState {
    fn default() -> Self {
        Self {
            shows: NetworkShows::default(),
            holders: Default::default(),
            blind: None,
            revision: None,
            built_blind: None,
            graph: Graph::default(),
            layout: None,
            label_order: Vec::new(),
            filters: Filters::default(),
            visible: Visible::default(),
            centre: [0.0, 0.0],
            scale: 60.0,
            follow: true,
            dragging: None,
        }
    }
}

impl NetworkState {
    /// The graph of the project, rebuilt (and the layout carried over) when it or the
    /// blind-coding filter changed.
    pub fn graph(&mut self, project: &Project) -> &Graph {
        self.refresh(project);
        &self.graph
    }

    /// The current layout, if the view was shown.
    pub fn layout(&self) -> Option<&Layout> {
        self.layout.as_ref()
    }

    /// Pixels per layout unit (grows when zooming in).
    pub fn scale(&self) -> f32 {
        self.scale
    }

    fn refresh(&mut self, project: &Project) {
        if self.revision == Some(project.revision()) && self.built_blind == self.blind {
            return;
        }
        self.graph = Graph::of(project, self.blind.as_deref());
        self.built_blind.clone_from(&self.blind);
        self.layout = Some(match &self.layout {
            Some(previous) => Layout::carried_over(&self.graph, previous),
            None => Layout::new(&self.graph),
        });
        let nodes = self.graph.nodes();
        let mut order: Vec<usize> = (0..nodes.len()).collect();
        order.sort_by(|&a, &b| {
            let (na, nb) = (&nodes[a], &nodes[b]);
            nb.passages.cmp(&na.passages).then(a.cmp(&b))
        });
        self.label_order = order;
        self.dragging = None;
        self.revision = Some(project.revision());
        self.visible.key = None;
        let max = self.graph.max_weight().max(1);
        self.filters.min_weight = self.filters.min_weight.clamp(1, max);
    }

    fn visible(&mut self) -> &Visible {
        let key = (self.revision.unwrap_or(0), self.filters);
        if self.visible.key == Some(key) {
            return &self.visible;
        }
        let f = self.filters;
        let graph = &self.graph;
        let mut nodes: Vec<bool> = graph
            .nodes()
            .iter()
            .map(|n| match n.kind {
                NodeKind::Event(_) => f.events,
                NodeKind::Outlet => true,
                NodeKind::Actor(kind) => ActorKind::ALL
                    .iter()
                    .position(|k| *k == kind)
                    .and_then(|i| f.kinds.get(i).copied())
                    .unwrap_or(true),
            })
            .collect();
        let edges: Vec<bool> = graph
            .edges()
            .iter()
            .map(|e| {
                e.weight >= f.min_weight
                    && nodes.get(e.a).copied().unwrap_or(false)
                    && nodes.get(e.b).copied().unwrap_or(false)
            })
            .collect();
        if f.hide_unlinked {
            let mut linked = vec![false; nodes.len()];
            for (e, shown) in graph.edges().iter().zip(&edges) {
                if *shown {
                    linked[e.a] = true;
                    linked[e.b] = true;
                }
            }
            for (n, l) in nodes.iter_mut().zip(linked) {
                *n &= l;
            }
        }
        self.visible = Visible {
            key: Some(key),
            shown: nodes.iter().filter(|n| **n).count(),
            nodes,
            edges,
        };
        &self.visible
    }

    /// Centres the camera on the visible nodes and zooms so that they fill `size`.
    fn fit(&mut self, size: Vec2) {
        self.visible();
        let Some(layout) = &self.layout else { return };
        let nodes = &self.visible.nodes;
        let Some((lo, hi)) = layout.bounds(|i| nodes.get(i).copied().unwrap_or(false)) else {
            return;
        };
        // Room for node radii and labels around the outermost nodes.
        let (w, h) = (hi[0] - lo[0] + 2.0, hi[1] - lo[1] + 1.5);
        self.scale = (size.x / w).min(size.y / h).clamp(2.0, 400.0);
        self.centre = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    }
}

/// The network view.
pub fn network_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut NetworkState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    state.refresh(project);
    let mut fit = false;
    toolbar_ui(ui, state, theme, &mut fit);
    if state.graph.nodes().is_empty() {
        ui.add_space(40.0);
        ui.vertical_centered(|ui| {
            ui.label(
                RichText::new(
                    "No actors or events yet. Link some to passages (A, E in the reader).",
                )
                .color(theme.weak_text),
            );
        });
        return;
    }

    let (rect, background) =
        ui.allocate_exact_size(ui.available_size_before_wrap(), Sense::click_and_drag());
    background.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Network of actors and events")
    });
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 6.0, theme.page);

    // Layout iterations within the frame's budget.
    if let Some(layout) = &mut state.layout
        && !layout.is_done()
    {
        let start = Instant::now();
        while start.elapsed() < LAYOUT_BUDGET && layout.step(&state.graph) {}
        ui.ctx().request_repaint();
    }
    if fit || state.follow {
        state.fit(rect.size() * 0.92);
        if fit {
            state.follow = false;
        }
    }

    // Zoom around the pointer (wheel, ctrl-wheel, pinch) and pan by dragging the background.
    if let Some(pointer) = ui.ctx().pointer_hover_pos().filter(|p| rect.contains(*p))
        && ui.rect_contains_pointer(rect)
    {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        let factor = zoom * (scroll.y * 0.002).exp();
        if (factor - 1.0).abs() > 1e-4 {
            let before = to_world(state, rect, pointer);
            state.scale = (state.scale * factor).clamp(2.0, 400.0);
            let after = to_world(state, rect, pointer);
            state.centre[0] += before[0] - after[0];
            state.centre[1] += before[1] - after[1];
            state.follow = false;
        }
    }
    if background.dragged() {
        let d = background.drag_delta();
        state.centre[0] -= d.x / state.scale;
        state.centre[1] -= d.y / state.scale;
        state.follow = false;
    }

    state.visible();
    let Some(layout) = state.layout.as_ref() else {
        return;
    };
    let graph = &state.graph;
    let visible = &state.visible;
    let screen: Vec<Pos2> = layout
        .positions()
        .iter()
        .map(|p| to_screen(state, rect, *p))
        .collect();
    let radius: Vec<f32> = graph
        .nodes()
        .iter()
        .map(|n| (n.radius() * state.scale).clamp(3.0, 60.0))
        .collect();
    let max_weight = graph.max_weight().max(1) as f32;

    // Interaction first (the answers are last frame's hit test), painting after.
    let mut hovered: Option<usize> = state.dragging;
    let mut dropped = false;
    let mut moved_to: Option<(usize, Pos2)> = None;
    for (i, node) in graph.nodes().iter().enumerate() {
        let (Some(&c), Some(&r)) = (screen.get(i), radius.get(i)) else {
            continue;
        };
        if !visible.nodes.get(i).copied().unwrap_or(false) || !rect.expand(r).contains(c) {
            continue;
        }
        let id = egui::Id::unique(("dossier-network-node", node.key));
        let hit = Rect::from_center_size(c, Vec2::splat((2.0 * r).max(10.0)));
        let response = ui.interact(hit, id, Sense::click_and_drag());
        let kind = match node.kind {
            NodeKind::Actor(k) => k.label(),
            NodeKind::Event(_) => "event",
            NodeKind::Outlet => "outlet",
        };
        let label = format!("{} ({kind})", node.label);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if response.hovered() && hovered.is_none() {
            hovered = Some(i);
        }
        if response.drag_started() {
            state.dragging = Some(i);
        }
        if response.dragged()
            && let Some(p) = response.interact_pointer_pos()
        {
            moved_to = Some((i, p));
        }
        if response.drag_stopped() {
            dropped = true;
        }
        if response.clicked() {
            match node.key {
                NodeKey::Actor(a) => actions.push(Action::OpenActorProfile(a)),
                NodeKey::Event(e) => actions.push(Action::OpenEventCard(e)),
                NodeKey::Outlet(_) => {}
            }
        }
        response.on_hover_ui(|ui| hover_ui(ui, graph, i, kind, theme));
    }

    // Edges, then nodes, then labels.
    let neighbour =
        |i: usize| hovered.is_none_or(|h| h == i || graph.weight(h, i) >= state.filters.min_weight);
    let edge_colour = theme.weak_text.gamma_multiply(0.45);
    for (edge, shown) in graph.edges().iter().zip(&visible.edges) {
        let (Some(&a), Some(&b)) = (screen.get(edge.a), screen.get(edge.b)) else {
            continue;
        };
        if !*shown || !rect.intersects(Rect::from_two_pos(a, b)) {
            continue;
        }
        let width = 0.8 + 4.0 * (edge.weight as f32 / max_weight).sqrt();
        let touches = hovered.is_some_and(|h| h == edge.a || h == edge.b);
        let colour = if touches {
            theme.accent
        } else if hovered.is_some() {
            edge_colour.gamma_multiply(0.35)
        } else {
            edge_colour
        };
        painter.line_segment([a, b], Stroke::new(width, colour));
    }
    for (i, node) in graph.nodes().iter().enumerate() {
        let (Some(&c), Some(&r)) = (screen.get(i), radius.get(i)) else {
            continue;
        };
        if !visible.nodes.get(i).copied().unwrap_or(false) || !rect.expand(r).contains(c) {
            continue;
        }
        let base = match node.kind {
            NodeKind::Actor(_) => theme.actor_link,
            NodeKind::Event(_) | NodeKind::Outlet => theme.event_link,
        };
        let fill = if neighbour(i) {
            base
        } else {
            base.gamma_multiply(0.3)
        };
        let stroke = if hovered == Some(i) {
            Stroke::new(2.5, theme.selected_passage)
        } else if layout.is_pinned(i) {
            Stroke::new(2.0, theme.text)
        } else {
            Stroke::new(1.0, theme.page)
        };
        let _ = match node.kind {
            NodeKind::Actor(_) => painter.circle(c, r, fill, stroke),
            NodeKind::Event(_) | NodeKind::Outlet => painter.rect(
                Rect::from_center_size(c, Vec2::splat(1.7 * r)),
                2.0,
                fill,
                stroke,
                egui::StrokeKind::Middle,
            ),
        };
    }
    labels_ui(
        &painter, rect, state, &screen, &radius, hovered, &neighbour, theme,
    );
    legend_ui(&painter, rect, theme);

    // Carry out a drag: the node is pinned under the pointer; the rest make room once it is
    // dropped (settling while it moves would keep the whole picture in motion).
    if let Some((i, p)) = moved_to {
        let at = to_world(state, rect, p);
        if let Some(layout) = &mut state.layout {
            layout.pin(i, at);
        }
        state.follow = false;
        ui.ctx().request_repaint();
    }
    if dropped {
        state.dragging = None;
        if let Some(layout) = &mut state.layout {
            layout.settle();
        }
        ui.ctx().request_repaint();
    }
}

fn toolbar_ui(ui: &mut egui::Ui, state: &mut NetworkState, theme: &Theme, fit: &mut bool) {
    let graph = &state.graph;
    let actors = graph
        .nodes()
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Actor(_)))
        .count();
    let events = graph.nodes().len() - actors;
    let max_weight = graph.max_weight().max(1);
    let shown = state.visible().shown;
    let pinned = state.layout.as_ref().map_or(0, Layout::pinned_count);
    let progress = state.layout.as_ref().map(Layout::progress);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{actors} actors · {events} events · {} links · {shown} shown",
                state.graph.edges().len()
            ))
            .small()
            .color(theme.weak_text),
        );
        ui.separator();
        ui.label("Min. shared passages");
        ui.add_enabled(
            max_weight > 1,
            egui::Slider::new(&mut state.filters.min_weight, 1..=max_weight),
        )
        .on_hover_text("Hide edges between nodes that share fewer passages");
        ui.checkbox(&mut state.filters.events, "Show events");
        for (i, kind) in ActorKind::ALL.iter().enumerate() {
            if let Some(on) = state.filters.kinds.get_mut(i)
                && state
                    .graph
                    .nodes()
                    .iter()
                    .any(|n| n.kind == NodeKind::Actor(*kind))
            {
                ui.toggle_value(on, kind.label())
                    .on_hover_text(format!("Show actors of kind {}", kind.label()));
            }
        }
        ui.checkbox(&mut state.filters.hide_unlinked, "Hide unlinked")
            .on_hover_text("Hide nodes without a visible edge");
        ui.separator();
        if ui
            .button("Fit")
            .on_hover_text("Show every visible node")
            .clicked()
        {
            *fit = true;
        }
        if ui
            .add_enabled(
                pinned > 0,
                egui::Button::new(format!("Unpin all ({pinned})")),
            )
            .on_hover_text("Let the nodes you dragged move with the layout again")
            .clicked()
            && let Some(layout) = &mut state.layout
        {
            layout.unpin_all();
            layout.settle();
        }
        if ui
            .button("Re-layout")
            .on_hover_text("Unpin every node and lay the network out from the start")
            .clicked()
        {
            state.layout = Some(Layout::new(&state.graph));
            state.follow = true;
        }
        if let Some((done, total)) = progress
            && done < total
        {
            ui.label(
                RichText::new(format!("laying out… {}%", done * 100 / total.max(1)))
                    .small()
                    .color(theme.weak_text),
            );
        }
    });
    ui.label(
        RichText::new(
            "Scroll to zoom, drag the background to pan, drag a node to pin it, click a node to open it",
        )
        .small()
        .color(theme.weak_text),
    );
}

/// Names next to the nodes: the hovered one and its neighbours first, then the biggest nodes,
/// as long as a label does not cover another.
#[allow(clippy::too_many_arguments)]
fn labels_ui(
    painter: &egui::Painter,
    rect: Rect,
    state: &NetworkState,
    screen: &[Pos2],
    radius: &[f32],
    hovered: Option<usize>,
    neighbour: &dyn Fn(usize) -> bool,
    theme: &Theme,
) {
    let graph = &state.graph;
    let visible = &state.visible;
    let mut placed: Vec<Rect> = Vec::new();
    let order = hovered
        .into_iter()
        .chain(state.label_order.iter().copied().filter(|&i| neighbour(i)));
    for i in order {
        if placed.len() >= MAX_LABELS {
            break;
        }
        let (Some(node), Some(&c), Some(&r)) = (graph.nodes().get(i), screen.get(i), radius.get(i))
        else {
            continue;
        };
        let is_hovered = hovered == Some(i);
        if !visible.nodes.get(i).copied().unwrap_or(false)
            || !rect.contains(c)
            || (!is_hovered && hovered.is_none() && r < 5.0)
        {
            continue;
        }
        let mut job = egui::text::LayoutJob::simple_singleline(
            node.label.clone(),
            egui::FontId::proportional(if is_hovered { 13.0 } else { 11.5 }),
            theme.text,
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(220.0);
        let galley = painter.layout_job(job);
        let top_left = Pos2::new(c.x - galley.size().x / 2.0, c.y + r + 2.0);
        let area = Rect::from_min_size(top_left, galley.size()).expand(2.0);
        if !is_hovered && placed.iter().any(|p| p.intersects(area)) {
            continue;
        }
        if placed.contains(&area) {
            continue;
        }
        painter.rect_filled(area, 3.0, theme.page.gamma_multiply(0.85));
        painter.galley(top_left, galley, theme.text);
        placed.push(area);
    }
}

/// What the shapes mean, in the canvas's bottom-left corner.
fn legend_ui(painter: &egui::Painter, rect: Rect, theme: &Theme) {
    let y = rect.bottom() - 14.0;
    let mut x = rect.left() + 14.0;
    let font = egui::FontId::proportional(11.0);
    painter.circle_filled(Pos2::new(x, y), 5.0, theme.actor_link);
    x += 10.0;
    let r = painter.text(
        Pos2::new(x, y),
        egui::Align2::LEFT_CENTER,
        "actor",
        font.clone(),
        theme.weak_text,
    );
    x = r.right() + 14.0;
    painter.rect_filled(
        Rect::from_center_size(Pos2::new(x, y), Vec2::splat(9.0)),
        2.0,
        theme.event_link,
    );
    x += 10.0;
    let r = painter.text(
        Pos2::new(x, y),
        egui::Align2::LEFT_CENTER,
        "event",
        font.clone(),
        theme.weak_text,
    );
    x = r.right() + 14.0;
    painter.text(
        Pos2::new(x, y),
        egui::Align2::LEFT_CENTER,
        "size = passages · width = shared passages · outlined = pinned",
        font,
        theme.weak_text,
    );
}

/// The tooltip of a node: name, kind, passages, and its strongest links.
fn hover_ui(ui: &mut egui::Ui, graph: &Graph, i: usize, kind: &str, theme: &Theme) {
    let Some(node) = graph.nodes().get(i) else {
        return;
    };
    ui.label(RichText::new(&node.label).strong());
    let mut links: Vec<(usize, usize)> = graph
        .edges_of(i)
        .map(|e| (if e.a == i { e.b } else { e.a }, e.weight))
        .collect();
    links.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ui.label(
        RichText::new(format!(
            "{kind} · {} passage{} · {} link{}",
            node.passages,
            if node.passages == 1 { "" } else { "s" },
            links.len(),
            if links.len() == 1 { "" } else { "s" },
        ))
        .color(theme.weak_text),
    );
    for (other, weight) in links.iter().take(5) {
        if let Some(n) = graph.nodes().get(*other) {
            ui.label(format!("{weight} × {}", n.label));
        }
    }
    ui.label(
        RichText::new("Click to open · drag to pin")
            .small()
            .color(theme.weak_text),
    );
}

fn to_screen(state: &NetworkState, rect: Rect, p: [f32; 2]) -> Pos2 {
    rect.center()
        + Vec2::new(
            (p[0] - state.centre[0]) * state.scale,
            (p[1] - state.centre[1]) * state.scale,
        )
}

fn to_world(state: &NetworkState, rect: Rect, p: Pos2) -> [f32; 2] {
    let d = p - rect.center();
    [
        state.centre[0] + d.x / state.scale,
        state.centre[1] + d.y / state.scale,
    ]
}
