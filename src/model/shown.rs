//! Which passages a reader sees: the one filter blind coding applies everywhere.
//!
//! Blind coding lets a second coder read and code without seeing the first one's work. The
//! filter is an `Option<&str>` named `blind`: `None` (blind coding off) shows every passage;
//! `Some(analyst)` only the passages that analyst made ([`Passage::is_by`]). Every function that
//! builds something from passages for the window — timelines, networks, co-occurrence, claims'
//! corroboration, mentions, counts — takes it and asks [`Passage::is_shown`] (or iterates
//! [`Project::shown_passages`]), so there is one rule and no view copies it.
//!
//! Tags, actors, events and claims are the shared codebook and stay visible; what is hidden is
//! the coding — the passages and everything they carry (tags applied, actor and event links,
//! stances on claims).
//!
//! Limitations: exports and the command line are not filtered (blind coding is a setting of the
//! window, not of the project).

use std::collections::BTreeMap;

use super::{DocId, EventId, Passage, PassageId, Project, TagId};

impl Passage {
    /// Whether a reader with the blind-coding filter `blind` sees this passage: with `None`
    /// (blind coding off) every passage; with `Some(analyst)` only that analyst's own.
    pub fn is_shown(&self, blind: Option<&str>) -> bool {
        blind.is_none_or(|analyst| self.is_by(analyst))
    }
}

impl Project {
    /// The passages a reader with the blind-coding filter `blind` sees, in id order.
    pub fn shown_passages<'a>(
        &'a self,
        blind: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Passage> + 'a {
        self.passages().values().filter(move |p| p.is_shown(blind))
    }

    /// A passage or an orphan by id, if the reader with the filter `blind` sees it.
    pub fn shown_passage_or_orphan(&self, id: PassageId, blind: Option<&str>) -> Option<&Passage> {
        (self.passage(id).or_else(|| self.orphan(id))).filter(|p| p.is_shown(blind))
    }

    /// How many of the passages shown with `blind` carry each tag (tags with none are absent).
    /// With `None` this is [`Self::tag_counts`], which is kept edit by edit: ask for that
    /// instead. This one counts from scratch, so cache it (by revision and filter).
    pub fn count_tags_shown(&self, blind: Option<&str>) -> BTreeMap<TagId, usize> {
        let mut out = BTreeMap::new();
        for p in self.shown_passages(blind) {
            for t in &p.tags {
                *out.entry(*t).or_insert(0) += 1;
            }
        }
        out
    }

    /// How many of the passages shown with `blind` each article has (articles with none are
    /// absent). With `None`, [`Self::passage_count`] answers per article without counting.
    pub fn count_passages_shown(&self, blind: Option<&str>) -> BTreeMap<DocId, usize> {
        let mut out = BTreeMap::new();
        for p in self.shown_passages(blind) {
            *out.entry(p.doc).or_insert(0) += 1;
        }
        out
    }

    /// Each event's evidence: how many of the passages shown with `blind` link it (a passage
    /// linking an event in two roles counts once; events with none are absent).
    pub fn count_event_evidence(&self, blind: Option<&str>) -> BTreeMap<EventId, usize> {
        let mut out = BTreeMap::new();
        let mut ids: Vec<EventId> = Vec::new();
        for p in self.shown_passages(blind) {
            ids.clear();
            ids.extend(p.events.iter().map(|(e, _)| *e));
            ids.sort_unstable();
            ids.dedup();
            for e in &ids {
                *out.entry(*e).or_insert(0) += 1;
            }
        }
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::model::{
        Actor, ActorId, ActorKind, ActorRole, Claim, ClaimId, DocId, Document, Event, EventId,
        EventKind, EventRole, EvidenceParts, Parts, Passage, PassageId, Project, Stance, TagId,
        test_tag,
    };

    /// What [`three_coders`] made.
    pub(crate) struct Coded {
        /// The project.
        pub project: Project,
        /// The passages by Ana, by Boris (signed " boris ") and by nobody, in that order.
        pub passages: [PassageId; 3],
        /// "Reading" (on every passage) and "Putin" (on every passage).
        pub tags: [TagId; 2],
        /// Putin, the speaker of every passage.
        pub actor: ActorId,
        /// The event every passage reports (in two roles).
        pub event: EventId,
    }

    /// One article, "Ana reads Putin. Boris reads Putin. Nobody reads Putin.", one passage per
    /// sentence by Ana, Boris and nobody, each tagged twice, with Putin as speaker and one event
    /// in two roles; a claim Ana supports and Boris disputes.
    pub(crate) fn three_coders() -> Coded {
        let text = "Ana reads Putin. Boris reads Putin. Nobody reads Putin.";
        let doc = Document {
            id: DocId::from_raw(1),
            source: "The Paper".into(),
            ..Document::new("Doc", text)
        };
        let tags = [TagId::from_raw(1), TagId::from_raw(2)];
        let actor = Actor {
            id: ActorId::from_raw(1),
            name: "Putin".into(),
            kind: ActorKind::Person,
            aliases: Vec::new(),
            description: String::new(),
            author: String::new(),
        };
        let event = Event {
            id: EventId::from_raw(1),
            title: "Reading day".into(),
            date: "2024-03-01".parse().ok(),
            place: String::new(),
            kind: EventKind::default(),
            participants: Vec::new(),
            description: String::new(),
            author: String::new(),
        };
        let mut passages = Vec::new();
        for (i, (sentence, author)) in [("Ana", "Ana"), ("Boris", " boris "), ("Nobody", "")]
            .into_iter()
            .enumerate()
        {
            let start = text.find(sentence).expect("sentence");
            let end = start + text[start..].find('.').expect("stop") + 1;
            let mut p = Passage::new(&doc, start, end).expect("span");
            p.id = PassageId::from_raw(i as u64 + 1);
            p.author = author.into();
            p.tags = tags.to_vec();
            p.actors.push((actor.id, ActorRole::Speaker));
            p.events.push((event.id, EventRole::Reports));
            p.events.push((event.id, EventRole::Claims));
            passages.push(p);
        }
        let ids = [passages[0].id, passages[1].id, passages[2].id];
        let claim = Claim {
            id: ClaimId::from_raw(1),
            statement: "Putin reads".into(),
            event: None,
            description: String::new(),
            stances: vec![(ids[0], Stance::Supports), (ids[1], Stance::Disputes)],
        };
        let project = Project::from_parts_with_evidence(
            Parts {
                title: "blind".into(),
                tags: vec![test_tag(1, "Reading", None), test_tag(2, "Putin", None)],
                actors: vec![actor.clone()],
                events: vec![event.clone()],
                documents: vec![doc],
                passages,
            },
            vec![],
            EvidenceParts {
                claims: vec![claim],
                ..EvidenceParts::default()
            },
        )
        .expect("valid");
        Coded {
            project,
            passages: ids,
            tags,
            actor: actor.id,
            event: event.id,
        }
    }

    #[test]
    fn blind_coding_shows_only_the_analysts_passages_and_counts_only_those() {
        let Coded {
            project,
            passages: [ana, boris, nobody],
            tags: [tag, _],
            event,
            ..
        } = three_coders();
        let shown =
            |blind| -> Vec<PassageId> { project.shown_passages(blind).map(|p| p.id).collect() };
        assert_eq!(shown(None).len(), 3);
        assert_eq!(shown(Some("Ana")), vec![ana]);
        assert_eq!(shown(Some("BORIS")), vec![boris], "trimmed, any case");
        assert!(shown(Some("Carla")).is_empty());
        assert!(
            !project.shown_passages(Some("")).any(|p| p.id == nobody),
            "a passage without an analyst is nobody's"
        );

        assert_eq!(project.count_tags_shown(None), project.tag_counts().clone());
        assert_eq!(project.count_tags_shown(Some("Ana")).get(&tag), Some(&1));
        assert!(project.count_tags_shown(Some("Carla")).is_empty());
        let doc = DocId::from_raw(1);
        assert_eq!(project.count_passages_shown(None).get(&doc), Some(&3));
        assert_eq!(
            project.count_passages_shown(Some("ana")).get(&doc),
            Some(&1)
        );
        assert_eq!(
            project.count_event_evidence(None).get(&event),
            Some(&3),
            "two roles on one passage count once"
        );
        assert_eq!(
            project.count_event_evidence(Some("Ana")).get(&event),
            Some(&1)
        );
        assert!(project.count_event_evidence(Some("Carla")).is_empty());
        assert!(
            project
                .shown_passage_or_orphan(boris, Some("Ana"))
                .is_none()
        );
        assert!(project.shown_passage_or_orphan(boris, None).is_some());
    }
}
