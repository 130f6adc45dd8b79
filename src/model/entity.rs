//! The things a project holds: documents, passages, tags, actors and events.
//!
//! These are plain data with serde derives; their field order is the order in the RON file. The
//! invariants that tie them together (ids resolve, spans fit, quotes match) are checked by
//! [`crate::model::Project`] and never by the UI.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::date::{DateSpec, PartialDate, Timestamp};
use super::id::{ActorId, DocId, EventId, PassageId, TagId};
use super::text::Text;

/// Chars of context kept on each side of a passage's quote.
pub const CONTEXT_CHARS: usize = 32;

/// An imported article: editable metadata around an immutable text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Its id.
    pub id: DocId,
    /// Headline or a title the analyst chose.
    pub title: String,
    /// The outlet that published it ("Reuters"); empty when unknown.
    #[serde(default)]
    pub source: String,
    /// Byline; empty when unknown.
    #[serde(default)]
    pub author: String,
    /// Where it was published; empty when unknown.
    #[serde(default)]
    pub url: String,
    /// When it was published, as precisely as known.
    #[serde(default)]
    pub published: Option<PartialDate>,
    /// The file it was imported from, as given at import time.
    #[serde(default)]
    pub origin: String,
    /// When it was imported.
    #[serde(default)]
    pub imported: Timestamp,
    /// The text: `\n` line ends, no BOM. Never edited; only replaced as a whole by a corrected
    /// version, with every passage re-anchored ([`crate::anchor`]).
    pub text: Text,
}

/// The editable part of a [`Document`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DocMeta {
    /// Headline or a title the analyst chose.
    pub title: String,
    /// The outlet.
    pub source: String,
    /// Byline.
    pub author: String,
    /// Address of the original.
    pub url: String,
    /// Publication date.
    pub published: Option<PartialDate>,
}

impl Document {
    /// A new document with a fresh id, imported now, with no metadata but its title.
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: DocId::random(),
            title: title.into(),
            source: String::new(),
            author: String::new(),
            url: String::new(),
            published: None,
            origin: String::new(),
            imported: Timestamp::now(),
            text: Text::new(text.into()),
        }
    }

    /// The editable metadata.
    pub fn meta(&self) -> DocMeta {
        DocMeta {
            title: self.title.clone(),
            source: self.source.clone(),
            author: self.author.clone(),
            url: self.url.clone(),
            published: self.published,
        }
    }

    /// Replaces the editable metadata, returning the old one.
    pub fn set_meta(&mut self, meta: DocMeta) -> DocMeta {
        let old = self.meta();
        self.title = meta.title;
        self.source = meta.source;
        self.author = meta.author;
        self.url = meta.url;
        self.published = meta.published;
        old
    }
}

/// The text a passage was made from: its quote and a little context on each side (a W3C
/// TextQuoteSelector), so it can be found again and so the project file reads as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Anchor {
    /// The exact text of the span.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] chars before it.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] chars after it.
    pub suffix: String,
}

impl Anchor {
    /// The anchor of a char span of a text; `None` when the span is reversed or out of bounds.
    pub fn of(text: &Text, start: usize, end: usize) -> Option<Self> {
        Some(Self {
            quote: text.slice(start..end)?.to_owned(),
            prefix: text.before(start, CONTEXT_CHARS).to_owned(),
            suffix: text.after(end, CONTEXT_CHARS).to_owned(),
        })
    }
}

/// A word that names no role of its kind (from [`FromStr`] on the role enums).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRole {
    /// Which kind of role was asked for ("actor role").
    pub what: &'static str,
    /// The word given.
    pub word: String,
    /// The words that name a role of this kind, in order.
    pub known: Vec<&'static str>,
}

impl fmt::Display for UnknownRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not an {}: ", self.word, self.what)?;
        let n = self.known.len();
        for (i, word) in self.known.iter().enumerate() {
            let sep = match i {
                0 => "",
                _ if i + 1 == n => " or ",
                _ => ", ",
            };
            write!(f, "{sep}{word}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownRole {}

/// The names of a role enum, written once: `ALL` (in the order the window offers them, the
/// default first), `as_str` (the word exports write and the palettes take after `/`), `label`
/// (what the window shows), `FromStr` (the word, in any case) and `Display` (the word).
macro_rules! role_names {
    (@unit $variant:ident) => { () };
    ($role:ident, $what:literal, [$($variant:ident => $word:literal),+ $(,)?]) => {
        impl $role {
            /// Every role, in the order the window offers them (the default first).
            pub const ALL: [Self; <[()]>::len(&[$(role_names!(@unit $variant)),+])] =
                [$(Self::$variant),+];

            /// The role's word ("speaker"): what exports write and [`FromStr`] reads.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $word),+
                }
            }

            /// What the window shows for the role (its word).
            pub const fn label(self) -> &'static str {
                self.as_str()
            }
        }

        impl FromStr for $role {
            type Err = UnknownRole;

            fn from_str(s: &str) -> Result<Self, UnknownRole> {
                let word = s.trim();
                Self::ALL
                    .into_iter()
                    .find(|r| r.as_str().eq_ignore_ascii_case(word))
                    .ok_or_else(|| UnknownRole {
                        what: $what,
                        word: word.to_owned(),
                        known: Self::ALL.map(Self::as_str).to_vec(),
                    })
            }
        }

        impl fmt::Display for $role {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// How an actor figures in a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActorRole {
    /// The actor says it.
    Speaker,
    /// The passage is about the actor.
    Subject,
    /// The actor is on the receiving end.
    Target,
    /// The actor is named in passing.
    Mentioned,
}

role_names!(ActorRole, "actor role", [
    Mentioned => "mentioned",
    Speaker => "speaker",
    Subject => "subject",
    Target => "target",
]);

/// How a passage bears on an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EventRole {
    /// The passage reports that the event happened.
    Reports,
    /// Someone in the passage claims it happened (or will).
    Claims,
    /// Someone denies it.
    Denies,
    /// Background to the event.
    Context,
}

role_names!(EventRole, "event role", [
    Reports => "reports",
    Claims => "claims",
    Denies => "denies",
    Context => "context",
]);

/// A selected span of a document with its tags, links and note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Its id.
    pub id: PassageId,
    /// The document it is in.
    pub doc: DocId,
    /// First char (zero-based, counted in Unicode scalar values).
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The exact text of the span.
    pub quote: String,
    /// Context before the span (up to 32 chars).
    #[serde(default)]
    pub prefix: String,
    /// Context after the span (up to 32 chars).
    #[serde(default)]
    pub suffix: String,
    /// Tags, sorted, without repeats.
    #[serde(default)]
    pub tags: Vec<TagId>,
    /// Actor links, sorted, without repeats.
    #[serde(default)]
    pub actors: Vec<(ActorId, ActorRole)>,
    /// Event links, sorted, without repeats.
    #[serde(default)]
    pub events: Vec<(EventId, EventRole)>,
    /// The analyst's note.
    #[serde(default)]
    pub note: String,
    /// When it was made.
    #[serde(default)]
    pub created: Timestamp,
    /// When it was last changed.
    #[serde(default)]
    pub edited: Timestamp,
    /// The analyst who made it or last changed it (empty when unknown). Since version 2;
    /// absent from the file when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
}

impl Passage {
    /// A new, untagged passage over a char span of a document's text, with its anchor filled in.
    /// `None` when the span is empty, reversed or out of bounds.
    pub fn new(doc: &Document, start: usize, end: usize) -> Option<Self> {
        if start >= end {
            return None;
        }
        let anchor = Anchor::of(&doc.text, start, end)?;
        let now = Timestamp::now();
        Some(Self {
            id: PassageId::random(),
            doc: doc.id,
            start,
            end,
            quote: anchor.quote,
            prefix: anchor.prefix,
            suffix: anchor.suffix,
            tags: Vec::new(),
            actors: Vec::new(),
            events: Vec::new(),
            note: String::new(),
            created: now,
            edited: now,
            author: String::new(),
        })
    }

    /// The passage's anchor.
    pub fn anchor(&self) -> Anchor {
        Anchor {
            quote: self.quote.clone(),
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
        }
    }

    /// Whether the analyst `name` made (or last changed) this passage: its `author` is that name,
    /// ignoring case and surrounding space. A passage without an author is nobody's.
    pub fn is_by(&self, name: &str) -> bool {
        let (author, name) = (self.author.trim(), name.trim());
        !author.is_empty()
            && (author.eq_ignore_ascii_case(name)
                || (!(author.is_ascii() && name.is_ascii())
                    && author.to_lowercase() == name.to_lowercase()))
    }

    /// Whether blind coding shows this passage to `analyst`: with `blind` off every passage is
    /// shown; on, only the analyst's own ([`Self::is_by`]), so a second reading is not swayed
    /// by the first. The same rule as [`Self::is_shown`], for a switch and a name.
    pub fn shown_to(&self, analyst: &str, blind: bool) -> bool {
        self.is_shown(blind.then_some(analyst))
    }

    /// Sorts and de-duplicates the tag and link lists (the canonical form).
    pub fn normalize(&mut self) {
        self.tags.sort_unstable();
        self.tags.dedup();
        self.actors.sort_unstable();
        self.actors.dedup();
        self.events.sort_unstable();
        self.events.dedup();
    }

    /// The span's length in chars.
    pub fn len_chars(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
}

/// An sRGB colour, written `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Rgb(pub [u8; 3]);

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// Why a text is not a colour.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a colour: write #rrggbb")]
pub struct ColorError(String);

impl FromStr for Rgb {
    type Err = ColorError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ColorError(s.chars().take(20).collect());
        let hex = s.strip_prefix('#').ok_or_else(err)?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(err());
        }
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16);
        Ok(Self([
            byte(0).map_err(|_| err())?,
            byte(2).map_err(|_| err())?,
            byte(4).map_err(|_| err())?,
        ]))
    }
}

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A code in the codebook; tags form a tree through `parent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// Its id.
    pub id: TagId,
    /// Its name, unique among its siblings.
    pub name: String,
    /// Highlight colour.
    pub color: Rgb,
    /// The tag it sits under, if any.
    #[serde(default)]
    pub parent: Option<TagId>,
    /// What the tag means, for coders.
    #[serde(default)]
    pub description: String,
}

/// What sort of actor this is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub enum ActorKind {
    /// A named individual.
    #[default]
    Person,
    /// A company, agency, party or institution.
    Organisation,
    /// A state or its government.
    State,
    /// An informal or armed group, an alliance.
    Group,
    /// A news outlet or agency.
    Media,
    /// Anything else.
    Other,
}

impl ActorKind {
    /// Every kind, in display order.
    pub const ALL: [Self; 6] = [
        Self::Person,
        Self::Organisation,
        Self::State,
        Self::Group,
        Self::Media,
        Self::Other,
    ];

    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organisation => "organisation",
            Self::State => "state/government",
            Self::Group => "group",
            Self::Media => "media",
            Self::Other => "other",
        }
    }
}

/// A person, organisation or state the passages are about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Its id.
    pub id: ActorId,
    /// Its main name.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Other names it goes by ("Zelensky").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Notes on who this is.
    #[serde(default)]
    pub description: String,
    /// The analyst who made it or last changed it (empty when unknown). Since version 2;
    /// absent from the file when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
}

/// What sort of event (after the PLOVER event ontology).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[allow(missing_docs)]
pub enum EventKind {
    Consult,
    Agree,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
    #[default]
    Other,
}

impl EventKind {
    /// Every kind, in display order.
    pub const ALL: [Self; 17] = [
        Self::Consult,
        Self::Agree,
        Self::Support,
        Self::Concede,
        Self::Cooperate,
        Self::Aid,
        Self::Retreat,
        Self::Request,
        Self::Accuse,
        Self::Reject,
        Self::Threaten,
        Self::Protest,
        Self::Sanction,
        Self::Mobilize,
        Self::Coerce,
        Self::Assault,
        Self::Other,
    ];

    /// A human label (lower case).
    pub fn label(self) -> &'static str {
        match self {
            Self::Consult => "consult",
            Self::Agree => "agree",
            Self::Support => "support",
            Self::Concede => "concede",
            Self::Cooperate => "cooperate",
            Self::Aid => "aid",
            Self::Retreat => "retreat",
            Self::Request => "request",
            Self::Accuse => "accuse",
            Self::Reject => "reject",
            Self::Threaten => "threaten",
            Self::Protest => "protest",
            Self::Sanction => "sanction",
            Self::Mobilize => "mobilize",
            Self::Coerce => "coerce",
            Self::Assault => "assault",
            Self::Other => "other",
        }
    }
}

/// The part an actor plays in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ParticipantRole {
    /// Acts first: the one who meets, threatens, strikes.
    Initiator,
    /// On the receiving end.
    Target,
    /// Brokers between others.
    Mediator,
    /// Takes part otherwise.
    Participant,
}

role_names!(ParticipantRole, "event participant role", [
    Initiator => "initiator",
    Target => "target",
    Mediator => "mediator",
    Participant => "participant",
]);

/// A dated happening with participants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Its id.
    pub id: EventId,
    /// A short title ("Witkoff meets Putin in Moscow").
    pub title: String,
    /// When, as precisely as known.
    #[serde(default)]
    pub date: Option<DateSpec>,
    /// Where.
    #[serde(default)]
    pub place: String,
    /// What sort of event.
    #[serde(default)]
    pub kind: EventKind,
    /// Who took part, and how; sorted, without repeats.
    #[serde(default)]
    pub participants: Vec<(ActorId, ParticipantRole)>,
    /// Free description.
    #[serde(default)]
    pub description: String,
    /// The analyst who made it or last changed it (empty when unknown). Since version 2;
    /// absent from the file when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_words_round_trip_and_unknown_words_list_the_known_ones() {
        for role in ActorRole::ALL {
            assert_eq!(role.as_str().parse::<ActorRole>(), Ok(role));
            assert_eq!(role.to_string(), role.as_str());
        }
        for role in EventRole::ALL {
            assert_eq!(role.as_str().to_uppercase().parse::<EventRole>(), Ok(role));
        }
        for role in ParticipantRole::ALL {
            assert_eq!(format!(" {role} ").parse::<ParticipantRole>(), Ok(role));
        }
        // Every variant is listed once, the default first.
        let mut actors = ActorRole::ALL.to_vec();
        actors.sort();
        actors.dedup();
        assert_eq!(actors.len(), 4);
        assert_eq!(ActorRole::ALL[0], ActorRole::Mentioned);
        assert_eq!(EventRole::ALL[0], EventRole::Reports);
        let err = "boss".parse::<ActorRole>().expect_err("not a role");
        assert_eq!(
            err.to_string(),
            "\"boss\" is not an actor role: mentioned, speaker, subject or target"
        );
    }
}
