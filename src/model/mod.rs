//! The data model: documents, passages, tags, actors and events, claims and grades, with their
//! ids, dates and text index. Pure data and queries — no GUI, no files.

pub mod ach;
pub mod claim;
mod conflict;
mod date;
mod entity;
mod id;
mod project;
mod shown;
pub mod template;
mod text;
pub mod web;

pub use ach::{Ach, AchParts, AchRow, Hypothesis, Rating, Relevance, RowSource};
pub use claim::{
    ActorGrade, Claim, Credibility, Evidence, EvidenceParts, Grade, Grades, OutletGrade,
    PassageGrade, Reliability, Stance,
};
pub use conflict::{Conflict, ConflictKey, EXISTS_FIELD, PROJECT_ITEM};
pub use date::{DateError, DateSpec, PartialDate, Precision, Timestamp, civil_from_days};
pub use entity::{
    Actor, ActorKind, ActorRole, Anchor, CONTEXT_CHARS, ColorError, DocMeta, Document, Event,
    EventKind, EventRole, ParticipantRole, Passage, Rgb, Tag, UnknownRole,
};
pub use id::{
    ActorId, ActorIdKind, ClaimId, ClaimIdKind, DocId, DocIdKind, EventId, EventIdKind,
    HypothesisId, HypothesisIdKind, Id, IdKind, ParseIdError, PassageId, PassageIdKind, TagId,
    TagIdKind,
};
#[cfg(test)]
pub(crate) use project::tests::tag as test_tag;
pub use project::{Parts, Problem, Project, Stamps, Stats};
#[cfg(test)]
pub(crate) use shown::tests::three_coders;
pub use template::{AgreementCoders, BriefTemplate, GroupBy, Part, UnknownGrouping};
pub use text::{Text, clipped, one_line, without_controls};
pub use web::{Feed, Fetched, Version, Web};
