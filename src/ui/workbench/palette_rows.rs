//! The palettes' rows: for each palette (tags, search hits, actors, events, commands) the
//! items it lists for a query and the [`Action`] each row stands for, and the palette's frame.

use std::collections::BTreeMap;

use super::Workbench;
use crate::model::{
    Actor, ActorId, ActorKind, ActorRole, Claim, Event, EventId, EventRole, Passage, Stance, Tag,
    TagId,
};
use crate::ui::TAG_PATH_SEPARATOR;
use crate::ui::action::Action;
use crate::ui::command::Command;
use crate::ui::library::{LibraryState, visible_documents};
use crate::ui::palette::{PaletteItem, PaletteKind, PaletteResponse, fuzzy_rank};
use crate::ui::request::AfterGuard;
use crate::ui::theme::Theme;

impl Workbench {
    pub(super) fn palette_ui(&mut self, ctx: &egui::Context, theme: &Theme) {
        let Some(state) = &self.palette else {
            return;
        };
        let kind = state.kind;
        let query = state.query.clone();
        let role = state.role;
        // With blind coding on, the tags' counts are of the analyst's passages.
        let shown = self.codebook.shown_tag_counts(self.session.project());
        let counts = shown.as_deref();
        let (items, actions, role_label) = match kind {
            PaletteKind::Tags => {
                let (i, a) = self.tag_palette_entries(&query, counts, theme);
                (i, a, None)
            }
            PaletteKind::SearchHits => {
                let (i, a) = self.search_tag_palette_entries(&query, counts, theme);
                (i, a, None)
            }
            PaletteKind::Commands => {
                let (i, a) = self.command_palette_entries(ctx, &query);
                (i, a, None)
            }
            PaletteKind::Actors => {
                let (name, role) = split_role(&query, role, &ActorRole::ALL.map(ActorRole::as_str));
                let role = ActorRole::ALL
                    .get(role)
                    .copied()
                    .unwrap_or(ActorRole::Mentioned);
                let (name, kind) = crate::search::names::split_kind(name);
                let (i, a) = self.actor_palette_entries(name, role, kind);
                (i, a, Some(role.label()))
            }
            PaletteKind::Events => {
                let (name, role) = split_role(&query, role, &EventRole::ALL.map(EventRole::as_str));
                let role = EventRole::ALL
                    .get(role)
                    .copied()
                    .unwrap_or(EventRole::ALL[0]);
                let (i, a) = self.event_palette_entries(name, role);
                (i, a, Some(role.label()))
            }
            PaletteKind::Claims => {
                let stance = Stance::ALL.get(role).copied().unwrap_or(Stance::Supports);
                let (i, a) = self.claim_palette_entries(&query, stance);
                (i, a, Some(stance.as_str()))
            }
        };
        let Some(state) = &mut self.palette else {
            return;
        };
        let response = crate::ui::palette::palette_ui(ctx, state, &items, role_label, theme);
        if response != PaletteResponse::Open {
            self.palette = None;
            if std::mem::take(&mut self.refocus_reader) {
                self.reader.request_focus();
            }
        }
        if let PaletteResponse::Chosen(i) = response
            && let Some(action) = actions.into_iter().nth(i)
        {
            self.actions.push(action);
        }
    }

    /// The tags as the palettes offer them, recently used first, then by path; with their paths.
    pub(super) fn palette_tags(&self) -> (Vec<&Tag>, Vec<String>) {
        let mut tags: Vec<(&Tag, String)> = (self.session.project().tags().values())
            .map(|t| (t, self.session.project().tag_path(t.id, TAG_PATH_SEPARATOR)))
            .collect();
        tags.sort_by_cached_key(|(t, path)| {
            let recent = self.recent_tags.iter().position(|r| *r == t.id);
            (recent.unwrap_or(usize::MAX), path.to_lowercase())
        });
        tags.into_iter().unzip()
    }

    /// The tag palette's rows for a query: tags close to it first (containing it, or a typo
    /// away: `search::names`), then the other matching tags (recent ones first when the query
    /// is empty), and a "create" row for a name that is not in the codebook — first only when no
    /// tag is close, so Enter never makes a near-duplicate; otherwise last, to be chosen on
    /// purpose.
    /// `counts`: the passages per tag shown (blind coding), or `None` for the project's.
    pub(super) fn tag_palette_entries(
        &self,
        query: &str,
        counts: Option<&BTreeMap<TagId, usize>>,
        theme: &Theme,
    ) -> (Vec<PaletteItem>, Vec<Action>) {
        let counts = counts.unwrap_or_else(|| self.session.project().tag_counts());
        let applied: Vec<TagId> = self
            .selected_passage
            .filter(|_| self.reader.selection().is_none())
            .and_then(|p| self.session.project().passage(p))
            .map(|p| p.tags.clone())
            .unwrap_or_default();
        let (tags, paths) = self.palette_tags();
        let names: Vec<&str> = paths.iter().map(String::as_str).collect();
        let (order, any_close) = close_then_fuzzy(query, &tags, &names);
        let mut items = Vec::new();
        let mut actions = Vec::new();
        for i in order {
            let (Some(tag), Some(path)) = (tags.get(i), paths.get(i)) else {
                continue;
            };
            let recent = self.recent_tags.iter().position(|r| *r == tag.id);
            let count = counts.get(&tag.id).copied().unwrap_or(0);
            let on_passage = applied.contains(&tag.id);
            let detail = match (on_passage, recent) {
                (true, _) => "on this passage: Enter removes it".to_owned(),
                (false, Some(r)) => format!("{count}   key {}", r + 1),
                (false, None) => format!("{count}"),
            };
            items.push(PaletteItem {
                label: path.clone(),
                detail,
                swatch: Some(theme.swatch(tag.color)),
                checked: on_passage,
                disabled: false,
            });
            actions.push(Action::ApplyTag(tag.id));
        }
        let name = query.trim();
        if !name.is_empty() && self.session.project().tag_by_name(name).is_none() {
            let create = PaletteItem {
                label: format!("Create tag “{name}”"),
                detail: "new".to_owned(),
                swatch: None,
                checked: false,
                disabled: false,
            };
            let action = Action::CreateTagAndApply(name.to_owned());
            add_create_row(&mut items, &mut actions, create, action, !any_close);
        }
        (items, actions)
    }

    /// The tag palette's rows when it tags the search results: every tag (recent first), and a
    /// "create" row for a new name.
    pub(super) fn search_tag_palette_entries(
        &self,
        query: &str,
        counts: Option<&BTreeMap<TagId, usize>>,
        theme: &Theme,
    ) -> (Vec<PaletteItem>, Vec<Action>) {
        let counts = counts.unwrap_or_else(|| self.session.project().tag_counts());
        let (tags, paths) = self.palette_tags();
        let names: Vec<&str> = paths.iter().map(String::as_str).collect();
        let (order, any_close) = close_then_fuzzy(query, &tags, &names);
        let mut items = Vec::new();
        let mut actions = Vec::new();
        for i in order {
            let (Some(tag), Some(path)) = (tags.get(i), paths.get(i)) else {
                continue;
            };
            items.push(PaletteItem {
                label: path.clone(),
                detail: format!("{}", counts.get(&tag.id).copied().unwrap_or(0)),
                swatch: Some(theme.swatch(tag.color)),
                checked: false,
                disabled: false,
            });
            actions.push(Action::TagSearchHits(tag.id));
        }
        let name = query.trim();
        if !name.is_empty() && self.session.project().tag_by_name(name).is_none() {
            let mut create = PaletteItem::new(format!("Create tag “{name}”"));
            create.detail = "new".to_owned();
            // First when no tag is close to the name, last (an explicit choice) otherwise.
            let action = Action::CreateTagAndTagSearchHits(name.to_owned());
            add_create_row(&mut items, &mut actions, create, action, !any_close);
        }
        (items, actions)
    }

    /// The actor palette's rows: matching actors (by name or alias), then a "create" row for a
    /// name no actor has (first when nothing matches).
    pub(super) fn actor_palette_entries(
        &self,
        query: &str,
        role: ActorRole,
        kind: Option<ActorKind>,
    ) -> (Vec<PaletteItem>, Vec<Action>) {
        let linked: Vec<(ActorId, ActorRole)> = self
            .link_target_passage()
            .map(|p| p.actors.clone())
            .unwrap_or_default();
        let mut actors: Vec<&Actor> = self.session.project().actors().values().collect();
        actors.sort_by_key(|a| a.name.to_lowercase());
        let texts: Vec<String> = actors
            .iter()
            .map(|a| {
                std::iter::once(a.name.as_str())
                    .chain(a.aliases.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut items = Vec::new();
        let mut actions = Vec::new();
        for i in fuzzy_rank(query, &refs) {
            let Some(actor) = actors.get(i) else {
                continue;
            };
            let on = linked.contains(&(actor.id, role));
            let mut item = PaletteItem::new(actor.name.clone());
            item.detail = if on {
                format!("{}: Enter unlinks", role.label())
            } else if actor.aliases.is_empty() {
                actor.kind.label().to_owned()
            } else {
                format!("{} · {}", actor.kind.label(), actor.aliases.join(", "))
            };
            item.checked = on;
            items.push(item);
            actions.push(Action::LinkActor(actor.id, role));
        }
        let name = query.trim();
        if !name.is_empty() && self.session.project().actor_by_name(name).is_none() {
            // The kind: `#kind` after the name, else a guess from small lists.
            let kind = kind.unwrap_or_else(|| crate::search::names::guess_actor_kind(name));
            let mut create = PaletteItem::new(format!("Create actor “{name}” ({})", kind.label()));
            create.detail = "new · #kind changes it".to_owned();
            let action = Action::CreateActorAndLink(name.to_owned(), role, kind);
            let first = items.is_empty();
            add_create_row(&mut items, &mut actions, create, action, first);
        }
        (items, actions)
    }

    /// The event palette's rows: matching events (by title, place or date), then a "create" row.
    pub(super) fn event_palette_entries(
        &self,
        query: &str,
        role: EventRole,
    ) -> (Vec<PaletteItem>, Vec<Action>) {
        let linked: Vec<(EventId, EventRole)> = self
            .link_target_passage()
            .map(|p| p.events.clone())
            .unwrap_or_default();
        let events: Vec<&Event> = crate::ui::entities::sorted_events(self.session.project());
        let texts: Vec<String> = events
            .iter()
            .map(|e| format!("{} {}", e.title, e.place))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut items = Vec::new();
        let mut actions = Vec::new();
        for i in fuzzy_rank(query, &refs) {
            let Some(event) = events.get(i) else {
                continue;
            };
            let on = linked.contains(&(event.id, role));
            let mut item = PaletteItem::new(event.title.clone());
            item.detail = if on {
                format!("{}: Enter unlinks", role.label())
            } else {
                event.date.map(|d| d.to_string()).unwrap_or_default()
            };
            item.checked = on;
            items.push(item);
            actions.push(Action::LinkEvent(event.id, role));
        }
        let title = query.trim();
        if !title.is_empty() && self.session.project().event_by_title(title).is_none() {
            let mut create = PaletteItem::new(format!("Create event “{title}”"));
            create.detail = "new".to_owned();
            let action = Action::CreateEventAndLink(title.to_owned(), role);
            let first = items.is_empty();
            add_create_row(&mut items, &mut actions, create, action, first);
        }
        (items, actions)
    }

    /// The claim palette's rows: matching claims (by statement), each marked with the stance the
    /// target passage takes on it, then a "create" row for a statement no claim has.
    pub(super) fn claim_palette_entries(
        &self,
        query: &str,
        stance: Stance,
    ) -> (Vec<PaletteItem>, Vec<Action>) {
        let target = self.link_target_passage().map(|p| p.id);
        let evidence = self.session.project().evidence();
        let mut claims: Vec<&Claim> = evidence.claims().values().collect();
        claims.sort_by_key(|c| c.statement.to_lowercase());
        let texts: Vec<&str> = claims.iter().map(|c| c.statement.as_str()).collect();
        let mut items = Vec::new();
        let mut actions = Vec::new();
        for i in fuzzy_rank(query, &texts) {
            let Some(claim) = claims.get(i) else {
                continue;
            };
            let on = target.and_then(|p| claim.stance_of(p));
            let mut item = PaletteItem::new(claim.statement.clone());
            item.detail = match on {
                Some(s) if s == stance => format!("{}: Enter unlinks", s.as_str()),
                Some(s) => format!("{} now: Enter makes it {}", s.as_str(), stance.as_str()),
                None => format!("{} stances", claim.stances.len()),
            };
            item.checked = on.is_some();
            items.push(item);
            actions.push(Action::LinkClaim(claim.id, stance));
        }
        let statement = query.trim();
        if !statement.is_empty() && evidence.claim_by_statement(statement).is_none() {
            let mut create = PaletteItem::new(format!("Create claim “{statement}”"));
            create.detail = "new".to_owned();
            let action = Action::CreateClaimAndLink(statement.to_owned(), stance);
            let first = items.is_empty();
            add_create_row(&mut items, &mut actions, create, action, first);
        }
        (items, actions)
    }

    /// The passage a link would go to when there is no text selection.
    pub(super) fn link_target_passage(&self) -> Option<&Passage> {
        self.selected_passage
            .filter(|_| self.reader.selection().is_none())
            .and_then(|p| self.session.project().passage(p))
    }

    pub(super) fn command_palette_entries(
        &self,
        ctx: &egui::Context,
        query: &str,
    ) -> (Vec<PaletteItem>, Vec<Action>) {
        let cx = self.command_context();
        let mut rows: Vec<(PaletteItem, Action)> = Vec::new();
        for command in Command::ALL {
            if let Command::ApplyRecentTag(n) = command
                && usize::from(*n) >= self.recent_tags.len()
            {
                continue;
            }
            let mut item =
                PaletteItem::new(format!("{}: {}", command.menu().title(), command.label()));
            if let Some(s) = command.shortcuts().first() {
                item.detail = ctx.format_shortcut(s);
            }
            item.disabled = !command.enabled(&cx);
            rows.push((item, Action::Run(*command)));
        }
        for path in &self.settings.recent {
            rows.push((
                PaletteItem::new(format!("Open recent: {}", path.display())),
                Action::Guarded(AfterGuard::OpenPath(path.clone())),
            ));
        }
        for doc in visible_documents(self.session.project(), &LibraryState::default()) {
            let mut item = PaletteItem::new(format!("Go to article: {}", doc.title));
            item.detail = doc.source.clone();
            rows.push((item, Action::OpenDocument(doc.id)));
        }
        let labels: Vec<&str> = rows.iter().map(|(i, _)| i.label.as_str()).collect();
        let order = fuzzy_rank(query, &labels);
        let mut items = Vec::new();
        let mut actions = Vec::new();
        let mut taken: Vec<Option<(PaletteItem, Action)>> = rows.into_iter().map(Some).collect();
        for i in order {
            if let Some(Some((item, action))) = taken.get_mut(i).map(Option::take) {
                items.push(item);
                actions.push(action);
            }
        }
        (items, actions)
    }
}

/// Adds a palette's "create" row and its action: first (Enter picks it) or last (chosen on
/// purpose, when something close already exists).
fn add_create_row(
    items: &mut Vec<PaletteItem>,
    actions: &mut Vec<Action>,
    create: PaletteItem,
    action: Action,
    first: bool,
) {
    let at = if first { 0 } else { items.len() };
    items.insert(at, create);
    actions.insert(at, action);
}

/// Splits a palette query into the name and the role: a trailing `/word` picks the first role
/// whose label starts with `word` ("putin /sp" → speaker); otherwise `current` stays.
pub fn split_role<'q>(query: &'q str, current: usize, labels: &[&str]) -> (&'q str, usize) {
    if let Some((name, suffix)) = query.rsplit_once('/') {
        let suffix = suffix.trim().to_lowercase();
        if suffix.is_empty() {
            return (name.trim_end(), current);
        }
        if let Some(i) = labels.iter().position(|l| l.starts_with(&suffix)) {
            return (name.trim_end(), i);
        }
    }
    (query, current)
}

/// The order of a tag palette's rows: the tags whose name contains the query (best fuzzy score
/// first), then those a typo away (fewest edits first; see `search::names`), then the other
/// fuzzy matches of their paths; and whether any was close (containing or a typo away).
pub(super) fn close_then_fuzzy(query: &str, tags: &[&Tag], paths: &[&str]) -> (Vec<usize>, bool) {
    use crate::search::names::{close_names, contains_folded};
    let fuzzy = fuzzy_rank(query, paths);
    if query.trim().is_empty() {
        return (fuzzy, false);
    }
    let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
    let contains = |i: &usize| names.get(*i).is_some_and(|n| contains_folded(query, n));
    let mut order: Vec<usize> = fuzzy.iter().copied().filter(contains).collect();
    for i in close_names(query, &names) {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    let any_close = !order.is_empty();
    for i in fuzzy {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    (order, any_close)
}
