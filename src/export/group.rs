//! Grouping excerpts for the reading formats (Markdown and HTML): by tag, actor, event or
//! article, in an order a reader expects.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::GroupBy;
use super::cite::{Excerpt, by_actor_name, by_event_date};
use crate::model::{Actor, Document, Event, Tag};

/// What a group is about.
#[derive(Debug, Clone)]
pub(crate) enum Heading<'p> {
    /// Passages with this tag (exactly this one, not one below it).
    Tag {
        /// The tag's path ("Claim/Assessment").
        path: String,
        /// The tag.
        tag: &'p Tag,
    },
    /// Passages linked to this actor.
    Actor(&'p Actor),
    /// Passages linked to this event.
    Event(&'p Event),
    /// Passages in this article.
    Doc(&'p Document),
    /// Passages with no tag, actor or event (as grouped).
    Without(GroupBy),
}

/// One group of excerpts under a heading.
#[derive(Debug, Clone)]
pub(crate) struct Group<'e, 'p> {
    /// What the group is about.
    pub heading: Heading<'p>,
    /// Its excerpts, in reading order.
    pub items: Vec<&'e Excerpt<'p>>,
}

/// Sorts excerpts the way a reader follows a story: articles by publication date (undated last),
/// then title and id; within an article by position.
pub(crate) fn sort_for_reading(excerpts: &mut [Excerpt<'_>]) {
    excerpts.sort_by(|a, b| {
        by_doc_date(a.doc, b.doc)
            .then(a.passage.start.cmp(&b.passage.start))
            .then(a.passage.end.cmp(&b.passage.end))
            .then(a.passage.id.cmp(&b.passage.id))
    });
}

/// Articles by publication date (undated last), then title ignoring case, then id.
pub(crate) fn by_doc_date(a: &Document, b: &Document) -> Ordering {
    let days = |d: &Document| d.published.map(|p| (p.first_day(), p.last_day()));
    super::cite::by_days_then_title((days(a), &a.title), (days(b), &b.title)).then(a.id.cmp(&b.id))
}

/// The excerpts (already in reading order) grouped `by`; an excerpt appears in every group it
/// belongs to, and those that belong to none come last under [`Heading::Without`]. Groups are
/// ordered: tags by path, actors by name, events by date, articles by date.
pub(crate) fn group<'e, 'p>(excerpts: &'e [Excerpt<'p>], by: GroupBy) -> Vec<Group<'e, 'p>> {
    let mut without = Vec::new();
    let mut groups: Vec<Group<'e, 'p>> = match by {
        GroupBy::Tag => collect(excerpts, &mut without, |e| {
            (e.tags.iter())
                .map(|(path, tag)| {
                    let path = path.clone();
                    (tag.id, Heading::Tag { path, tag })
                })
                .collect()
        }),
        GroupBy::Actor => collect(excerpts, &mut without, |e| {
            (e.actors.iter())
                .map(|(actor, _)| (actor.id, Heading::Actor(actor)))
                .collect()
        }),
        GroupBy::Event => collect(excerpts, &mut without, |e| {
            (e.events.iter())
                .map(|(event, _)| (event.id, Heading::Event(event)))
                .collect()
        }),
        GroupBy::Doc => collect(excerpts, &mut without, |e| {
            vec![(e.doc.id, Heading::Doc(e.doc))]
        }),
    };
    if !without.is_empty() {
        groups.push(Group {
            heading: Heading::Without(by),
            items: without,
        });
    }
    groups
}

/// The excerpts in a group per key `headings` gives them (in the order of [`heading_order`]);
/// those it gives none go to `without`. An excerpt under one key twice (an actor linked in two
/// roles) is listed once.
fn collect<'e, 'p, K: Ord>(
    excerpts: &'e [Excerpt<'p>],
    without: &mut Vec<&'e Excerpt<'p>>,
    headings: impl Fn(&'e Excerpt<'p>) -> Vec<(K, Heading<'p>)>,
) -> Vec<Group<'e, 'p>> {
    let mut map: BTreeMap<K, Group<'e, 'p>> = BTreeMap::new();
    for e in excerpts {
        let found = headings(e);
        if found.is_empty() {
            without.push(e);
        }
        for (key, heading) in found {
            let group = map.entry(key).or_insert_with(|| Group {
                heading,
                items: Vec::new(),
            });
            if !group
                .items
                .last()
                .is_some_and(|last| std::ptr::eq(*last, e))
            {
                group.items.push(e);
            }
        }
    }
    let mut groups: Vec<_> = map.into_values().collect();
    groups.sort_by(|a, b| heading_order(&a.heading, &b.heading));
    groups
}

/// Groups of one kind in order: tags by path, actors by name, events and articles by date.
fn heading_order(a: &Heading<'_>, b: &Heading<'_>) -> Ordering {
    match (a, b) {
        (Heading::Tag { path: pa, tag: ta }, Heading::Tag { path: pb, tag: tb }) => {
            pa.cmp(pb).then(ta.id.cmp(&tb.id))
        }
        (Heading::Actor(x), Heading::Actor(y)) => by_actor_name(x, y),
        (Heading::Event(x), Heading::Event(y)) => by_event_date(x, y),
        (Heading::Doc(x), Heading::Doc(y)) => by_doc_date(x, y),
        _ => Ordering::Equal,
    }
}
