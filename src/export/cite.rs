//! What every excerpt format needs to say about one passage: its document, its tags (by path),
//! its linked actors and events with their roles, and how to cite it.
//!
//! The formats (CSV, Markdown, HTML, W3C) build on [`Excerpt`] so that they agree on order and
//! wording; the words for roles and kinds are the JSON schema's.

use std::cmp::Ordering;

use super::query::Excerpts;
use crate::model::{
    Actor, ActorKind, ActorRole, Claim, Credibility, DateSpec, Document, Event, EventKind,
    EventRole, PartialDate, Passage, Project, Reliability, Stance, Tag,
};

/// One selected passage with everything it refers to resolved.
#[derive(Debug, Clone)]
pub(crate) struct Excerpt<'p> {
    /// The passage.
    pub passage: &'p Passage,
    /// Its document.
    pub doc: &'p Document,
    /// Its tags with their paths, sorted by path (then id).
    pub tags: Vec<(String, &'p Tag)>,
    /// Its actor links, sorted by actor name (then id, then role).
    pub actors: Vec<(&'p Actor, ActorRole)>,
    /// Its event links, sorted by event date (undated last), title, id, role.
    pub events: Vec<(&'p Event, EventRole)>,
    /// The stances it takes, sorted by the claim's statement (then id).
    pub claims: Vec<(&'p Claim, Stance)>,
    /// Its outlet's reliability (F when ungraded).
    pub reliability: Reliability,
    /// Its credibility (6 when ungraded).
    pub credibility: Credibility,
}

impl Excerpt<'_> {
    /// The Admiralty grade of the excerpt as every format writes it: its outlet's reliability and
    /// its credibility, `B2` (`F6` when neither is graded).
    pub(crate) fn grade_text(&self) -> String {
        format!("{}{}", self.reliability, self.credibility)
    }

    /// The stances as every format words them ("disputes: The meeting made progress"), each
    /// passed through `escape`, joined with `sep`; `None` when there are none.
    pub(crate) fn claims_text(
        &self,
        sep: &str,
        escape: impl Fn(String) -> String,
    ) -> Option<String> {
        join_links(
            (self.claims.iter()).map(|(c, stance)| escape(format!("{stance}: {}", c.statement))),
            sep,
        )
    }

    /// The actor links as every format words them ("Vladimir Putin (speaker)"), each passed
    /// through `escape`, joined with `sep`; `None` when there are none.
    pub(crate) fn actors_text(
        &self,
        sep: &str,
        escape: impl Fn(String) -> String,
    ) -> Option<String> {
        join_links(
            self.actors
                .iter()
                .map(|(a, role)| escape(actor_link_text(a, *role))),
            sep,
        )
    }

    /// The event links as every format words them, each passed through `escape`, joined with
    /// `sep`; `None` when there are none.
    pub(crate) fn events_text(
        &self,
        sep: &str,
        escape: impl Fn(String) -> String,
    ) -> Option<String> {
        join_links(
            self.events
                .iter()
                .map(|(e, role)| escape(event_link_text(e, *role))),
            sep,
        )
    }
}

fn join_links(items: impl Iterator<Item = String>, sep: &str) -> Option<String> {
    let items: Vec<String> = items.collect();
    (!items.is_empty()).then(|| items.join(sep))
}

/// The selection's passages, resolved, in the selection's order. Links to ids the project does
/// not hold (impossible in a validated project) are left out.
pub(crate) fn resolve<'p>(project: &'p Project, selection: &Excerpts<'p>) -> Vec<Excerpt<'p>> {
    selection
        .passages
        .iter()
        .filter_map(|p| excerpt(project, p))
        .collect()
}

/// One passage resolved; `None` when its document is missing.
pub(crate) fn excerpt<'p>(project: &'p Project, passage: &'p Passage) -> Option<Excerpt<'p>> {
    let doc = project.document(passage.doc)?;
    let mut tags: Vec<(String, &Tag)> = passage
        .tags
        .iter()
        .filter_map(|t| project.tag(*t))
        .map(|t| (project.tag_path(t.id, Project::TAG_PATH_SEPARATOR), t))
        .collect();
    tags.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
    let mut actors: Vec<(&Actor, ActorRole)> = passage
        .actors
        .iter()
        .filter_map(|(id, role)| project.actor(*id).map(|a| (a, *role)))
        .collect();
    actors.sort_by(|a, b| by_actor_name(a.0, b.0).then(a.1.cmp(&b.1)));
    let mut events: Vec<(&Event, EventRole)> = passage
        .events
        .iter()
        .filter_map(|(id, role)| project.event(*id).map(|e| (e, *role)))
        .collect();
    events.sort_by(|a, b| by_event_date(a.0, b.0).then(a.1.cmp(&b.1)));
    let evidence = project.evidence();
    let mut claims: Vec<(&Claim, Stance)> = (evidence.stances_of(passage.id).into_iter())
        .filter_map(|(c, stance)| evidence.claim(c).map(|c| (c, stance)))
        .collect();
    claims.sort_by(|a, b| a.0.statement.cmp(&b.0.statement).then(a.0.id.cmp(&b.0.id)));
    Some(Excerpt {
        passage,
        doc,
        tags,
        actors,
        events,
        claims,
        reliability: evidence.outlet_grade(&doc.source),
        credibility: evidence.credibility(passage.id),
    })
}

/// Actors by name ignoring case, then by id.
pub(crate) fn by_actor_name(a: &Actor, b: &Actor) -> Ordering {
    a.name
        .to_lowercase()
        .cmp(&b.name.to_lowercase())
        .then(a.id.cmp(&b.id))
}

/// Events by date (undated last), then title ignoring case, then id.
pub(crate) fn by_event_date(a: &Event, b: &Event) -> Ordering {
    let days = |e: &Event| e.date.map(|d| (d.first_day(), d.last_day()));
    by_days_then_title((days(a), &a.title), (days(b), &b.title)).then(a.id.cmp(&b.id))
}

/// Dated before undated (by first, then last day), then by title ignoring case: the order of
/// events and of articles.
pub(crate) fn by_days_then_title(
    (a_days, a_title): (Option<(i64, i64)>, &str),
    (b_days, b_title): (Option<(i64, i64)>, &str),
) -> Ordering {
    match (a_days, b_days) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a_title.to_lowercase().cmp(&b_title.to_lowercase()))
}

/// A date as a reader writes it: `2025-08-06`, or `c. 2025-08-06` when approximate.
pub(crate) fn human_date(date: PartialDate) -> String {
    let exact = date.with_approximate(false).to_string();
    if date.approximate {
        format!("c. {exact}")
    } else {
        exact
    }
}

/// An event date as a reader writes it: [`human_date`], or `from – to` for a range.
pub(crate) fn human_date_spec(date: DateSpec) -> String {
    match date {
        DateSpec::On(d) => human_date(d),
        DateSpec::Range(from, to) => format!("{} – {}", human_date(from), human_date(to)),
    }
}

/// An actor link as text: `Vladimir Putin (speaker)`.
pub(crate) fn actor_link_text(actor: &Actor, role: ActorRole) -> String {
    format!("{} ({})", actor.name, role.as_str())
}

/// An event link as text: `Witkoff meets Putin (reports)`.
pub(crate) fn event_link_text(event: &Event, role: EventRole) -> String {
    format!("{} ({})", event.title, role.as_str())
}

/// The schema's word for an actor kind (stable, unlike the display label).
pub(crate) fn actor_kind(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "person",
        ActorKind::Organisation => "organisation",
        ActorKind::State => "state",
        ActorKind::Group => "group",
        ActorKind::Media => "media",
        ActorKind::Other => "other",
    }
}

/// The schema's word for an event kind: the PLOVER label.
pub(crate) fn event_kind(kind: EventKind) -> &'static str {
    kind.label()
}
