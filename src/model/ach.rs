//! Analysis of Competing Hypotheses (Heuer, *Psychology of Intelligence Analysis*, ch. 8): the
//! hypotheses, the evidence rows of the matrix and the rating of every row against every
//! hypothesis. Pure data; the scores are computed in [`crate::ach`].
//!
//! - A [`Hypothesis`] has an id, a title and a description; hypotheses are ordered (the matrix's
//!   columns, left to right).
//! - An evidence row ([`AchRow`]) is a passage (or orphan) or a claim ([`RowSource`]), at most one
//!   row per passage or claim, so a row is named by what it cites. Rows are ordered (the matrix's
//!   rows, top to bottom). A row has a [`Relevance`] (medium unless set), can be switched off (a
//!   sensitivity test: "what if this evidence is wrong?"), and rates hypotheses ([`Rating`]); a
//!   hypothesis a row does not rate is blank, which counts as N/A.
//!
//! The validated form is [`Ach`], held by the [`crate::model::Project`]; [`AchParts`] is what a
//! file or a copy hands over (the file's `ach` field). Removing a passage, a claim or a hypothesis
//! takes its rows or ratings with it, and its undo brings them back ([`crate::edit::AchEdit`]).

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::id::{ClaimId, HypothesisId, PassageId};
use super::project::{Problem, Project};

/// A hypothesis: one possible answer to the question the matrix weighs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hypothesis {
    /// Its id.
    pub id: HypothesisId,
    /// A short title ("Russia stalls to avoid sanctions").
    pub title: String,
    /// What the hypothesis says in full, and what would show it.
    #[serde(default)]
    pub description: String,
}

impl Hypothesis {
    /// A new hypothesis with a fresh id.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            id: HypothesisId::random(),
            title: title.into(),
            description: String::new(),
        }
    }
}

/// How a piece of evidence bears on a hypothesis, in Heuer's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rating {
    /// Very consistent.
    CC,
    /// Consistent.
    C,
    /// Neutral.
    N,
    /// Inconsistent.
    I,
    /// Very inconsistent.
    II,
    /// Not applicable.
    NA,
}

impl Rating {
    /// Every rating, from very consistent to not applicable.
    pub const ALL: [Self; 6] = [Self::CC, Self::C, Self::N, Self::I, Self::II, Self::NA];

    /// Its name as the file, the command line, JSON and CSV write it (`CC` … `NA`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CC => "CC",
            Self::C => "C",
            Self::N => "N",
            Self::I => "I",
            Self::II => "II",
            Self::NA => "NA",
        }
    }

    /// How the matrix shows it (`N/A` for not applicable).
    pub fn label(self) -> &'static str {
        match self {
            Self::NA => "N/A",
            other => other.as_str(),
        }
    }

    /// What it means ("very inconsistent").
    pub fn meaning(self) -> &'static str {
        match self {
            Self::CC => "very consistent",
            Self::C => "consistent",
            Self::N => "neutral",
            Self::I => "inconsistent",
            Self::II => "very inconsistent",
            Self::NA => "not applicable",
        }
    }

    /// What it adds to a hypothesis's inconsistency before weighting: I = 1, II = 2, else 0.
    pub fn inconsistency(self) -> u64 {
        match self {
            Self::I => 1,
            Self::II => 2,
            _ => 0,
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text that is not a rating.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a rating: use one of CC, C, N, I, II, NA (or N/A)")]
pub struct UnknownRating(pub String);

impl FromStr for Rating {
    type Err = UnknownRating;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("n/a") {
            return Ok(Self::NA);
        }
        Self::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownRating(t.chars().take(40).collect()))
    }
}

/// How much a row bears on the question, as the analyst judges it. Medium unless set.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum Relevance {
    /// Counts half.
    Low,
    /// Counts once.
    #[default]
    Medium,
    /// Counts twice.
    High,
}

impl Relevance {
    /// Every relevance, low to high.
    pub const ALL: [Self; 3] = [Self::Low, Self::Medium, Self::High];

    /// Its name (`low`, `medium`, `high`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    /// Its weight: low 0.5, medium 1, high 2.
    pub fn weight(self) -> f64 {
        match self {
            Self::Low => 0.5,
            Self::Medium => 1.0,
            Self::High => 2.0,
        }
    }

    fn is_medium(&self) -> bool {
        *self == Self::Medium
    }
}

impl fmt::Display for Relevance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Relevance {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Self::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| format!("{t:?} is not a relevance: use low, medium or high"))
    }
}

/// What an evidence row cites: a passage (or orphan) or a claim. Written as the item's id
/// (`p…` or `c…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowSource {
    /// A passage or an orphaned passage.
    Passage(PassageId),
    /// A claim.
    Claim(ClaimId),
}

impl fmt::Display for RowSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Passage(p) => p.fmt(f),
            Self::Claim(c) => c.fmt(f),
        }
    }
}

impl FromStr for RowSource {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.starts_with('c') || s.starts_with('C') {
            s.parse().map(Self::Claim).map_err(|e| format!("{e}"))
        } else {
            s.parse().map(Self::Passage).map_err(|e| format!("{e}"))
        }
    }
}

impl Serialize for RowSource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RowSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One evidence row of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AchRow {
    /// What it cites (also its name: one row per passage or claim).
    pub source: RowSource,
    /// How much it bears on the question.
    #[serde(default, skip_serializing_if = "Relevance::is_medium")]
    pub relevance: Relevance,
    /// Switched off: left out of the scores (a sensitivity test), kept in the matrix.
    #[serde(default, skip_serializing_if = "is_false")]
    pub off: bool,
    /// Its ratings, by hypothesis id; a hypothesis not listed is blank.
    #[serde(default)]
    pub ratings: Vec<(HypothesisId, Rating)>,
}

impl AchRow {
    /// A new row citing `source`, medium relevance, on, unrated.
    pub fn new(source: RowSource) -> Self {
        Self {
            source,
            relevance: Relevance::Medium,
            off: false,
            ratings: Vec::new(),
        }
    }

    /// Its rating of a hypothesis (`None`: blank).
    pub fn rating(&self, hypothesis: HypothesisId) -> Option<Rating> {
        self.ratings
            .binary_search_by_key(&hypothesis, |(h, _)| *h)
            .ok()
            .and_then(|i| self.ratings.get(i))
            .map(|(_, r)| *r)
    }

    /// Sets (or with `None` clears) its rating of a hypothesis; returns the old one.
    pub fn set_rating(
        &mut self,
        hypothesis: HypothesisId,
        rating: Option<Rating>,
    ) -> Option<Rating> {
        let old = self.rating(hypothesis);
        self.ratings.retain(|(h, _)| *h != hypothesis);
        if let Some(r) = rating {
            self.ratings.push((hypothesis, r));
        }
        self.normalize();
        old
    }

    /// Sorts the ratings by hypothesis and drops exact repeats (the canonical form).
    pub fn normalize(&mut self) {
        self.ratings.sort_unstable();
        self.ratings.dedup();
    }
}

/// Hypotheses and evidence rows, unchecked: what a file (its `ach` field) or a copy hands over.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AchParts {
    /// The hypotheses, in the matrix's order.
    #[serde(default)]
    pub hypotheses: Vec<Hypothesis>,
    /// The evidence rows, in the matrix's order.
    #[serde(default)]
    pub rows: Vec<AchRow>,
}

impl AchParts {
    /// No hypotheses and no rows.
    pub fn is_empty(&self) -> bool {
        self.hypotheses.is_empty() && self.rows.is_empty()
    }
}

/// The validated hypotheses and evidence rows of a project.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ach {
    hypotheses: Vec<Hypothesis>,
    rows: Vec<AchRow>,
}

fn dangling(owner: String, noun: &'static str, id: String) -> Problem {
    Problem::Dangling { owner, noun, id }
}

/// Whether what a row cites exists in `project`.
pub fn source_exists(project: &Project, source: RowSource) -> bool {
    match source {
        RowSource::Passage(p) => project.has_passage_id(p),
        RowSource::Claim(c) => project.evidence().claim(c).is_some(),
    }
}

/// Problems with one hypothesis: an empty title.
pub fn check_hypothesis(hypothesis: &Hypothesis) -> Vec<Problem> {
    if hypothesis.title.trim().is_empty() {
        vec![Problem::EmptyName(format!("hypothesis {}", hypothesis.id))]
    } else {
        Vec::new()
    }
}

/// Problems with one (normalised) row in a project with these hypotheses: a missing passage,
/// claim or hypothesis, a hypothesis rated twice.
pub fn check_row(row: &AchRow, project: &Project, hypotheses: &[Hypothesis]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let owner = || format!("evidence row {}", row.source);
    if !source_exists(project, row.source) {
        let noun = match row.source {
            RowSource::Passage(_) => "passage",
            RowSource::Claim(_) => "claim",
        };
        problems.push(dangling(owner(), noun, row.source.to_string()));
    }
    for (i, (h, _)) in row.ratings.iter().enumerate() {
        if !hypotheses.iter().any(|x| x.id == *h) {
            problems.push(dangling(owner(), "hypothesis", h.to_string()));
        }
        if i > 0 && row.ratings.get(i - 1).is_some_and(|(p, _)| p == h) {
            problems.push(Problem::Contradictory(format!(
                "{}: hypothesis {h} is rated twice",
                owner()
            )));
        }
    }
    problems
}

impl Ach {
    /// Checks hypotheses and rows against `project` (its passages, orphans and claims) and builds
    /// them, or lists every problem.
    pub fn build(parts: AchParts, project: &Project) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut ids = BTreeSet::new();
        for h in &parts.hypotheses {
            problems.extend(check_hypothesis(h));
            if !ids.insert(h.id) {
                problems.push(Problem::DuplicateId(h.id.to_string()));
            }
        }
        let mut sources = BTreeSet::new();
        let mut rows = parts.rows;
        for row in &mut rows {
            row.normalize();
            problems.extend(check_row(row, project, &parts.hypotheses));
            if !sources.insert(row.source) {
                problems.push(Problem::Contradictory(format!(
                    "{} is an evidence row twice",
                    row.source
                )));
            }
        }
        if problems.is_empty() {
            Ok(Self {
                hypotheses: parts.hypotheses,
                rows,
            })
        } else {
            Err(problems)
        }
    }

    /// The hypotheses and rows in the file's order.
    pub fn to_parts(&self) -> AchParts {
        AchParts {
            hypotheses: self.hypotheses.clone(),
            rows: self.rows.clone(),
        }
    }

    /// No hypotheses and no rows.
    pub fn is_empty(&self) -> bool {
        self.hypotheses.is_empty() && self.rows.is_empty()
    }

    /// The hypotheses, in order.
    pub fn hypotheses(&self) -> &[Hypothesis] {
        &self.hypotheses
    }

    /// One hypothesis.
    pub fn hypothesis(&self, id: HypothesisId) -> Option<&Hypothesis> {
        self.hypotheses.iter().find(|h| h.id == id)
    }

    /// A hypothesis's place in the order.
    pub fn hypothesis_index(&self, id: HypothesisId) -> Option<usize> {
        self.hypotheses.iter().position(|h| h.id == id)
    }

    /// The evidence rows, in order.
    pub fn rows(&self) -> &[AchRow] {
        &self.rows
    }

    /// The row citing `source`.
    pub fn row(&self, source: RowSource) -> Option<&AchRow> {
        self.rows.iter().find(|r| r.source == source)
    }

    /// A row's place in the order.
    pub fn row_index(&self, source: RowSource) -> Option<usize> {
        self.rows.iter().position(|r| r.source == source)
    }

    /// How many cells rate a hypothesis.
    pub fn ratings_of(&self, hypothesis: HypothesisId) -> usize {
        (self.rows.iter())
            .filter(|r| r.rating(hypothesis).is_some())
            .count()
    }

    // ----- mutation, for the edit module only -----

    pub(crate) fn hypotheses_mut(&mut self) -> &mut Vec<Hypothesis> {
        &mut self.hypotheses
    }

    pub(crate) fn rows_mut(&mut self) -> &mut Vec<AchRow> {
        &mut self.rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_read_their_names_and_na_either_way() {
        for r in Rating::ALL {
            assert_eq!(r.as_str().parse::<Rating>(), Ok(r));
            assert_eq!(r.as_str().to_lowercase().parse::<Rating>(), Ok(r));
        }
        assert_eq!("N/A".parse::<Rating>(), Ok(Rating::NA));
        assert!("III".parse::<Rating>().is_err());
        assert_eq!(Rating::II.inconsistency(), 2);
        assert_eq!(Rating::NA.inconsistency(), 0);
    }

    #[test]
    fn a_row_is_written_with_its_source_id_and_only_what_is_not_default() {
        let h = HypothesisId::from_raw(1);
        let mut row = AchRow::new(RowSource::Passage(PassageId::from_raw(2)));
        row.set_rating(h, Some(Rating::II));
        let text = ron::to_string(&row).expect("serialises");
        assert_eq!(
            text,
            "(source:\"p000000000002\",ratings:[(\"h000000000001\",II)])"
        );
        assert_eq!(ron::from_str::<AchRow>(&text).ok(), Some(row.clone()));
        row.off = true;
        row.relevance = Relevance::High;
        let back: AchRow =
            ron::from_str(&ron::to_string(&row).expect("serialises")).expect("reads");
        assert_eq!(back, row);
        let claim: RowSource = "c000000000003".parse().expect("a claim id");
        assert_eq!(claim, RowSource::Claim(ClaimId::from_raw(3)));
        assert!("x000000000003".parse::<RowSource>().is_err());
    }
}
