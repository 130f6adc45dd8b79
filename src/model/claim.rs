//! Claims, stances and grades: which proposition a passage supports, disputes or qualifies, and
//! how far its source and its information can be trusted (the Admiralty, or NATO, scale).
//!
//! A [`Claim`] is a proposition in the analyst's words, optionally about an event. Its
//! [`Claim::stances`] link passages to it, each with a [`Stance`]. Grades attach to sources and
//! passages: a [`Reliability`] (A–F) to an outlet or an actor who speaks, a [`Credibility`] (1–6)
//! to a passage. An ungraded source is F ("cannot be judged") and an ungraded passage 6 — a grade
//! is never blank.
//!
//! # Why the links and grades live here and not on passages, actors and documents
//!
//! Stances are stored on the claim and grades in a table of their own ([`Grades`]), so passages,
//! actors and documents — and every place that builds one — are exactly as they were; an old
//! file is a project without claims or grades. Outlets are not items of their own: an outlet is
//! the `source` string of its articles, as the importers fill it and the exports print it, so its
//! grade is keyed by that name, compared trimmed and case-insensitively ([`outlet_key`]). A
//! grade can be given to an outlet no article names yet (it applies when one is imported);
//! renaming an outlet on its articles leaves the grade under the old name.
//!
//! The validated form is [`Evidence`], held by the [`crate::model::Project`]; [`EvidenceParts`] is
//! what a file or a copy hands over.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::id::{ActorId, ClaimId, EventId, PassageId};
use super::project::{Problem, Project};

/// A name that is not one of an enum's names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{given:?} is not a {what}: use one of {expected}")]
pub struct UnknownName {
    /// What was expected ("stance").
    pub what: &'static str,
    /// What was given (shortened).
    pub given: String,
    /// The names that are accepted, comma-separated.
    pub expected: String,
}

/// Declares an enum whose every variant has one name, written once: `ALL`, `as_str`, `Display`
/// and a case-insensitive `FromStr` come from the same list.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }
        impl $name {
            /// Every value, in order.
            pub const ALL: [Self; [$(stringify!($variant)),+].len()] = [$(Self::$variant),+];
            /// Its name, as written in the command line, JSON and CSV.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Self::$variant => $text, )+
                }
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl FromStr for $name {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let s = s.trim();
                Self::ALL
                    .into_iter()
                    .find(|v| v.as_str().eq_ignore_ascii_case(s))
                    .ok_or_else(|| UnknownName {
                        what: $what,
                        given: s.chars().take(40).collect(),
                        expected: Self::ALL.map(Self::as_str).join(", "),
                    })
            }
        }
    };
}

named_enum! {
    /// How a passage bears on a claim.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    Stance, "stance" {
        /// The passage says the claim is true.
        Supports = "supports",
        /// The passage says it is false.
        Disputes = "disputes",
        /// The passage agrees in part, or with reservations.
        Qualifies = "qualifies",
    }
}

impl Stance {
    /// A glyph that tells the stances apart without colour: `+`, `−`, `~`.
    pub fn glyph(self) -> char {
        match self {
            Self::Supports => '+',
            Self::Disputes => '−',
            Self::Qualifies => '~',
        }
    }
}

named_enum! {
    /// How reliable a source (an outlet, a speaker) is, on the Admiralty scale. F — "cannot be
    /// judged" — is the grade of every source nobody has graded.
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
    )]
    Reliability, "reliability grade" {
        /// Completely reliable.
        A = "A",
        /// Usually reliable.
        B = "B",
        /// Fairly reliable.
        C = "C",
        /// Not usually reliable.
        D = "D",
        /// Unreliable.
        E = "E",
        /// Reliability cannot be judged.
        #[default]
        F = "F",
    }
}

impl Reliability {
    /// What the grade means ("usually reliable").
    pub fn label(self) -> &'static str {
        match self {
            Self::A => "completely reliable",
            Self::B => "usually reliable",
            Self::C => "fairly reliable",
            Self::D => "not usually reliable",
            Self::E => "unreliable",
            Self::F => "cannot be judged",
        }
    }
}

named_enum! {
    /// How credible a passage's information is, on the Admiralty scale (1–6). 6 — "cannot be
    /// judged" — is the grade of every passage nobody has graded. Written as its number.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
    Credibility, "credibility grade" {
        /// Confirmed by other sources.
        Confirmed = "1",
        /// Probably true.
        Probable = "2",
        /// Possibly true.
        Possible = "3",
        /// Doubtful.
        Doubtful = "4",
        /// Improbable.
        Improbable = "5",
        /// Truth cannot be judged.
        #[default]
        CannotBeJudged = "6",
    }
}

impl Credibility {
    /// Its number, 1–6.
    pub fn number(self) -> u8 {
        match self {
            Self::Confirmed => 1,
            Self::Probable => 2,
            Self::Possible => 3,
            Self::Doubtful => 4,
            Self::Improbable => 5,
            Self::CannotBeJudged => 6,
        }
    }

    /// The grade with this number.
    pub fn from_number(n: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.number() == n)
    }

    /// What the grade means ("probably true").
    pub fn label(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed by other sources",
            Self::Probable => "probably true",
            Self::Possible => "possibly true",
            Self::Doubtful => "doubtful",
            Self::Improbable => "improbable",
            Self::CannotBeJudged => "cannot be judged",
        }
    }
}

impl Serialize for Credibility {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.number())
    }
}

impl<'de> Deserialize<'de> for Credibility {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = u8::deserialize(deserializer)?;
        Self::from_number(n).ok_or_else(|| {
            serde::de::Error::custom(format!("credibility {n} is not a grade from 1 to 6"))
        })
    }
}

/// A proposition in the analyst's words, the passages that take a stance on it, and the event it
/// is about (if any).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// Its id.
    pub id: ClaimId,
    /// The proposition ("The 6 August meeting made progress towards a ceasefire").
    pub statement: String,
    /// The event it is about.
    #[serde(default)]
    pub event: Option<EventId>,
    /// Notes on the claim.
    #[serde(default)]
    pub description: String,
    /// The passages (or orphaned passages) that take a stance on it, by passage id; one stance
    /// per passage.
    #[serde(default)]
    pub stances: Vec<(PassageId, Stance)>,
}

impl Claim {
    /// A new claim with a fresh id and no stances.
    pub fn new(statement: impl Into<String>) -> Self {
        Self {
            id: ClaimId::random(),
            statement: statement.into(),
            event: None,
            description: String::new(),
            stances: Vec::new(),
        }
    }

    /// The stance a passage takes on this claim.
    pub fn stance_of(&self, passage: PassageId) -> Option<Stance> {
        self.stances
            .binary_search_by_key(&passage, |(p, _)| *p)
            .ok()
            .and_then(|i| self.stances.get(i))
            .map(|(_, s)| *s)
    }

    /// Sorts the stances by passage and drops exact repeats (the canonical form).
    pub fn normalize(&mut self) {
        self.stances.sort_unstable();
        self.stances.dedup();
    }
}

/// The comparison key of an outlet's name: trimmed and lower-cased, so "Reuters " and "reuters"
/// are one outlet.
pub fn outlet_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// An outlet's reliability grade, as written in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutletGrade {
    /// The outlet, as its articles name it.
    pub outlet: String,
    /// Its grade.
    pub grade: Reliability,
}

/// An actor's reliability grade as a source, as written in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorGrade {
    /// The actor.
    pub actor: ActorId,
    /// Its grade.
    pub grade: Reliability,
}

/// A passage's credibility grade, as written in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassageGrade {
    /// The passage (or orphan).
    pub passage: PassageId,
    /// Its grade.
    pub credibility: Credibility,
}

/// The grades given, as written in the file: only grades other than the default (F, 6) are
/// listed, each list in order (outlets by name, actors and passages by id).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Grades {
    /// Outlets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outlets: Vec<OutletGrade>,
    /// Actors as sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorGrade>,
    /// Passages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<PassageGrade>,
}

impl Grades {
    /// No grade given.
    pub fn is_empty(&self) -> bool {
        self.outlets.is_empty() && self.actors.is_empty() && self.passages.is_empty()
    }
}

/// Claims and grades, unchecked: what a file or a copy hands over.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EvidenceParts {
    /// The claims.
    pub claims: Vec<Claim>,
    /// The grades.
    pub grades: Grades,
}

/// One grade to set: what is graded and the grade ([`crate::edit::Edit::SetGrade`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grade {
    /// An outlet (by name) and its reliability.
    Outlet(String, Reliability),
    /// An actor as a source and its reliability.
    Actor(ActorId, Reliability),
    /// A passage and its credibility.
    Passage(PassageId, Credibility),
}

/// The validated claims and grades of a project.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evidence {
    claims: BTreeMap<ClaimId, Claim>,
    /// By [`outlet_key`].
    outlets: BTreeMap<String, OutletGrade>,
    actors: BTreeMap<ActorId, Reliability>,
    passages: BTreeMap<PassageId, Credibility>,
}

impl Evidence {
    /// Checks claims and grades against the rest of `project` (its events, actors, passages and
    /// orphans) and builds them, or lists every problem. Grades at the default (F, 6) are
    /// dropped: they say nothing.
    pub fn build(parts: EvidenceParts, project: &Project) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut out = Self::default();
        for mut claim in parts.claims {
            claim.normalize();
            problems.extend(check_claim(&claim, project));
            if out.claims.contains_key(&claim.id) {
                problems.push(Problem::DuplicateId(claim.id.to_string()));
            }
            out.claims.insert(claim.id, claim);
        }
        for g in parts.grades.outlets {
            let key = outlet_key(&g.outlet);
            if key.is_empty() {
                problems.push(Problem::EmptyName("an outlet's grade".to_owned()));
                continue;
            }
            match out.outlets.entry(key) {
                std::collections::btree_map::Entry::Occupied(_) => {
                    problems.push(Problem::Contradictory(format!(
                        "the outlet {:?} is graded twice",
                        g.outlet
                    )));
                }
                std::collections::btree_map::Entry::Vacant(slot) => {
                    slot.insert(OutletGrade {
                        outlet: g.outlet.trim().to_owned(),
                        grade: g.grade,
                    });
                }
            }
        }
        for g in parts.grades.actors {
            if project.actor(g.actor).is_none() {
                problems.push(dangling("grades", "actor", g.actor.to_string()));
            }
            if out.actors.insert(g.actor, g.grade).is_some() {
                problems.push(Problem::Contradictory(format!(
                    "the actor {} is graded twice",
                    g.actor
                )));
            }
        }
        for g in parts.grades.passages {
            if !project.has_passage_id(g.passage) {
                problems.push(dangling("grades", "passage", g.passage.to_string()));
            }
            if out.passages.insert(g.passage, g.credibility).is_some() {
                problems.push(Problem::Contradictory(format!(
                    "the passage {} is graded twice",
                    g.passage
                )));
            }
        }
        out.outlets.retain(|_, g| g.grade != Reliability::F);
        out.actors.retain(|_, g| *g != Reliability::F);
        out.passages
            .retain(|_, c| *c != Credibility::CannotBeJudged);
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }

    /// The claims and grades in the file's order.
    pub fn to_parts(&self) -> EvidenceParts {
        EvidenceParts {
            claims: self.claims.values().cloned().collect(),
            grades: self.grades(),
        }
    }

    /// The grades given (not the defaults), in the file's order.
    pub fn grades(&self) -> Grades {
        Grades {
            outlets: self.outlets.values().cloned().collect(),
            actors: (self.actors.iter())
                .map(|(actor, grade)| ActorGrade {
                    actor: *actor,
                    grade: *grade,
                })
                .collect(),
            passages: (self.passages.iter())
                .map(|(passage, credibility)| PassageGrade {
                    passage: *passage,
                    credibility: *credibility,
                })
                .collect(),
        }
    }

    /// No claims and no grades.
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
            && self.outlets.is_empty()
            && self.actors.is_empty()
            && self.passages.is_empty()
    }

    /// The claims, by id.
    pub fn claims(&self) -> &BTreeMap<ClaimId, Claim> {
        &self.claims
    }

    /// One claim.
    pub fn claim(&self, id: ClaimId) -> Option<&Claim> {
        self.claims.get(&id)
    }

    /// Finds a claim by its statement, case-insensitively.
    pub fn claim_by_statement(&self, statement: &str) -> Option<&Claim> {
        let statement = statement.trim().to_lowercase();
        (self.claims.values()).find(|c| c.statement.trim().to_lowercase() == statement)
    }

    /// The stances a passage takes, by claim.
    pub fn stances_of(&self, passage: PassageId) -> Vec<(ClaimId, Stance)> {
        (self.claims.values())
            .filter_map(|c| c.stance_of(passage).map(|s| (c.id, s)))
            .collect()
    }

    /// An outlet's grade (F when not graded).
    pub fn outlet_grade(&self, outlet: &str) -> Reliability {
        self.outlets
            .get(&outlet_key(outlet))
            .map_or(Reliability::F, |g| g.grade)
    }

    /// The outlets graded other than F, by name.
    pub fn outlet_grades(&self) -> impl Iterator<Item = &OutletGrade> + '_ {
        self.outlets.values()
    }

    /// An actor's grade as a source (F when not graded).
    pub fn actor_grade(&self, actor: ActorId) -> Reliability {
        self.actors.get(&actor).copied().unwrap_or_default()
    }

    /// A passage's credibility (6 when not graded).
    pub fn credibility(&self, passage: PassageId) -> Credibility {
        self.passages.get(&passage).copied().unwrap_or_default()
    }

    /// The current value of what `grade` would set, as a grade of the same target.
    pub fn current(&self, grade: &Grade) -> Grade {
        match grade {
            Grade::Outlet(name, _) => {
                let key = outlet_key(name);
                match self.outlets.get(&key) {
                    Some(g) => Grade::Outlet(g.outlet.clone(), g.grade),
                    None => Grade::Outlet(name.trim().to_owned(), Reliability::F),
                }
            }
            Grade::Actor(a, _) => Grade::Actor(*a, self.actor_grade(*a)),
            Grade::Passage(p, _) => Grade::Passage(*p, self.credibility(*p)),
        }
    }

    // ----- mutation, for the edit module only -----

    pub(crate) fn claims_mut(&mut self) -> &mut BTreeMap<ClaimId, Claim> {
        &mut self.claims
    }

    /// Sets a grade (the default grade removes the entry).
    pub(crate) fn set_grade(&mut self, grade: Grade) {
        match grade {
            Grade::Outlet(name, g) => {
                let key = outlet_key(&name);
                if g == Reliability::F {
                    self.outlets.remove(&key);
                } else {
                    self.outlets.insert(
                        key,
                        OutletGrade {
                            outlet: name.trim().to_owned(),
                            grade: g,
                        },
                    );
                }
            }
            Grade::Actor(a, Reliability::F) => {
                self.actors.remove(&a);
            }
            Grade::Actor(a, g) => {
                self.actors.insert(a, g);
            }
            Grade::Passage(p, Credibility::CannotBeJudged) => {
                self.passages.remove(&p);
            }
            Grade::Passage(p, c) => {
                self.passages.insert(p, c);
            }
        }
    }
}

fn dangling(owner: &str, noun: &'static str, id: String) -> Problem {
    Problem::Dangling {
        owner: owner.to_owned(),
        noun,
        id,
    }
}

/// Problems with one claim in the context of a project: an empty statement, a missing event or
/// passage, a passage with two stances. The claim must be normalised.
pub fn check_claim(claim: &Claim, project: &Project) -> Vec<Problem> {
    let mut problems = Vec::new();
    let owner = || format!("claim {}", claim.id);
    if claim.statement.trim().is_empty() {
        problems.push(Problem::EmptyName(owner()));
    }
    if let Some(event) = claim.event
        && project.event(event).is_none()
    {
        problems.push(dangling(&owner(), "event", event.to_string()));
    }
    for (i, (passage, _)) in claim.stances.iter().enumerate() {
        if !project.has_passage_id(*passage) {
            problems.push(dangling(&owner(), "passage", passage.to_string()));
        }
        if i > 0 && claim.stances.get(i - 1).is_some_and(|(p, _)| p == passage) {
            problems.push(Problem::Contradictory(format!(
                "{}: passage {passage} takes two stances",
                owner()
            )));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_defaults_are_the_cannot_be_judged_grades() {
        for s in Stance::ALL {
            assert_eq!(s.as_str().parse::<Stance>(), Ok(s));
            assert_eq!(s.as_str().to_uppercase().parse::<Stance>(), Ok(s));
        }
        for r in Reliability::ALL {
            assert_eq!(r.as_str().to_lowercase().parse::<Reliability>(), Ok(r));
        }
        for c in Credibility::ALL {
            assert_eq!(c.as_str().parse::<Credibility>(), Ok(c));
            assert_eq!(Credibility::from_number(c.number()), Some(c));
        }
        assert_eq!(Reliability::default(), Reliability::F);
        assert_eq!(Credibility::default().number(), 6);
        let err = "agrees".parse::<Stance>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"agrees\" is not a stance: use one of supports, disputes, qualifies"
        );
        assert!("G".parse::<Reliability>().is_err());
        assert!("0".parse::<Credibility>().is_err());
    }

    #[test]
    fn credibility_is_written_as_its_number_and_out_of_range_numbers_are_refused() {
        let g = PassageGrade {
            passage: PassageId::from_raw(1),
            credibility: Credibility::Probable,
        };
        let text = ron::to_string(&g).expect("serialises");
        assert_eq!(text, "(passage:\"p000000000001\",credibility:2)");
        assert_eq!(ron::from_str::<PassageGrade>(&text).ok(), Some(g));
        let err =
            ron::from_str::<PassageGrade>("(passage:\"p000000000001\",credibility:7)").unwrap_err();
        assert!(
            err.to_string()
                .contains("credibility 7 is not a grade from 1 to 6")
        );
    }

    #[test]
    fn outlets_are_one_whatever_their_case_and_spaces() {
        let mut e = Evidence::default();
        e.set_grade(Grade::Outlet(" Reuters ".into(), Reliability::B));
        assert_eq!(e.outlet_grade("reuters"), Reliability::B);
        assert_eq!(e.outlet_grade("AP"), Reliability::F);
        e.set_grade(Grade::Outlet("REUTERS".into(), Reliability::F));
        assert!(e.is_empty(), "grading F removes the entry");
    }
}
