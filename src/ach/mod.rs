//! The scores of the Analysis of Competing Hypotheses matrix ([`crate::model::ach`]): how
//! inconsistent the evidence is with each hypothesis, which rows tell the hypotheses apart, and
//! which rows the conclusion hangs on. Computed from the project, never stored.
//!
//! # The rules
//!
//! - **Inconsistency.** A hypothesis's score is the sum, over the rows that are switched on, of
//!   `rating × credibility × relevance`, where `rating` is I = 1, II = 2 and every other rating
//!   (CC, C, N, N/A, blank) 0; `credibility` is the weight of the row's credibility grade —
//!   1 (confirmed) 1.0, 2 (probably true) 0.8, 3 (possibly true) 0.6, 4 (doubtful) 0.4,
//!   5 (improbable) 0.2, 6 (cannot be judged, the grade of every ungraded passage) 0.6, i.e. as
//!   "possibly true"; and `relevance` is low 0.5, medium 1, high 2. This is [`FORMULA`].
//!   Following Heuer, only inconsistent evidence counts: consistent evidence is usually
//!   consistent with several hypotheses and proves little.
//! - **Ranking.** Hypotheses are ordered by score, least inconsistent first; equal scores keep
//!   the matrix's order. The *leading* hypotheses are those with the least score (more than one
//!   on a tie).
//! - **Credibility of a row.** A passage row has its passage's grade; a claim row the best grade
//!   among the passages that support the claim (6 when none does).
//! - **Diagnosticity.** A row is diagnostic when it does not rate every hypothesis alike (a
//!   blank counts as N/A): a row rated the same for all helps tell none apart. With fewer than
//!   two hypotheses no row is diagnostic.
//! - **Sensitivity.** A row that is switched on is *sensitive* when switching it off would
//!   change the set of leading hypotheses.
//!
//! Scores are summed exactly in twentieths (every weight above is a multiple of 1/20 after
//! multiplying), so ties are ties and the ranking does not depend on the order of addition.

use std::collections::BTreeSet;

use crate::model::{
    AchRow, Credibility, HypothesisId, Project, Rating, Relevance, RowSource, Stance,
};

#[cfg(test)]
mod tests;

/// The formula of the inconsistency score, as the view, the briefs and `dossier ach` print it.
pub const FORMULA: &str = "inconsistency(H) = sum over rows switched on of rating × credibility × \
relevance; rating I = 1, II = 2, any other 0; credibility by grade 1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, \
5: 0.2, 6 (not judged): 0.6; relevance low 0.5, medium 1, high 2. Least inconsistent first.";

/// Twentieths in one score point.
const UNITS: u64 = 20;

/// A credibility grade's weight in tenths.
fn credibility_tenths(c: Credibility) -> u64 {
    match c {
        Credibility::Confirmed => 10,
        Credibility::Probable => 8,
        Credibility::Possible | Credibility::CannotBeJudged => 6,
        Credibility::Doubtful => 4,
        Credibility::Improbable => 2,
    }
}

/// A relevance's weight in halves.
fn relevance_halves(r: Relevance) -> u64 {
    match r {
        Relevance::Low => 1,
        Relevance::Medium => 2,
        Relevance::High => 4,
    }
}

/// A credibility grade's weight (1 → 1.0 … 5 → 0.2; 6 → 0.6).
pub fn credibility_weight(c: Credibility) -> f64 {
    credibility_tenths(c) as f64 / 10.0
}

/// The credibility grade of what a row cites (see the module documentation).
pub fn row_credibility(project: &Project, source: RowSource) -> Credibility {
    let evidence = project.evidence();
    match source {
        RowSource::Passage(p) => evidence.credibility(p),
        RowSource::Claim(c) => (evidence.claim(c).into_iter())
            .flat_map(|claim| claim.stances.iter())
            .filter(|(_, s)| *s == Stance::Supports)
            .map(|(p, _)| evidence.credibility(*p))
            .min()
            .unwrap_or_default(),
    }
}

/// One hypothesis's score.
#[derive(Debug, Clone, PartialEq)]
pub struct HypothesisScore {
    /// The hypothesis.
    pub id: HypothesisId,
    /// Its place in the matrix's order.
    pub index: usize,
    /// Its weighted inconsistency score.
    pub inconsistency: f64,
    /// Among the least inconsistent.
    pub leading: bool,
    /// Cells rated I or II on rows switched on.
    pub inconsistent_cells: usize,
}

/// One row's standing.
#[derive(Debug, Clone, PartialEq)]
pub struct RowScore {
    /// What it cites.
    pub source: RowSource,
    /// Its place in the matrix's order.
    pub index: usize,
    /// Switched on (counted in the scores).
    pub enabled: bool,
    /// The credibility grade it is weighted by.
    pub credibility: Credibility,
    /// `credibility × relevance`.
    pub weight: f64,
    /// Rates the hypotheses differently.
    pub diagnostic: bool,
    /// Switching it off would change the leading hypotheses.
    pub sensitive: bool,
}

/// The scores of a project's matrix.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scores {
    /// The hypotheses, least inconsistent first.
    pub ranking: Vec<HypothesisScore>,
    /// The rows, in the matrix's order.
    pub rows: Vec<RowScore>,
}

impl Scores {
    /// A hypothesis's score.
    pub fn of(&self, id: HypothesisId) -> Option<&HypothesisScore> {
        self.ranking.iter().find(|h| h.id == id)
    }

    /// A row's standing.
    pub fn row(&self, source: RowSource) -> Option<&RowScore> {
        self.rows.iter().find(|r| r.source == source)
    }

    /// The leading hypotheses, in ranking order.
    pub fn leaders(&self) -> Vec<HypothesisId> {
        (self.ranking.iter())
            .filter(|h| h.leading)
            .map(|h| h.id)
            .collect()
    }
}

/// Whether a row rates the hypotheses differently (a blank counts as N/A).
pub fn is_diagnostic(row: &AchRow, hypotheses: &[HypothesisId]) -> bool {
    let mut seen = hypotheses
        .iter()
        .map(|h| row.rating(*h).unwrap_or(Rating::NA));
    match seen.next() {
        Some(first) => seen.any(|r| r != first),
        None => false,
    }
}

/// What a row adds to each hypothesis, in twentieths (zero when switched off).
fn contributions(row: &AchRow, weight: u64, hypotheses: &[HypothesisId]) -> Vec<u64> {
    hypotheses
        .iter()
        .map(|h| {
            if row.off {
                0
            } else {
                row.rating(*h).map_or(0, Rating::inconsistency) * weight
            }
        })
        .collect()
}

/// The places of the least totals.
fn leaders(totals: &[u64]) -> BTreeSet<usize> {
    let Some(least) = totals.iter().min() else {
        return BTreeSet::new();
    };
    (totals.iter().enumerate())
        .filter(|(_, t)| *t == least)
        .map(|(i, _)| i)
        .collect()
}

/// Scores a project's matrix (see the module documentation for the rules).
pub fn scores(project: &Project) -> Scores {
    let ach = project.ach();
    let ids: Vec<HypothesisId> = ach.hypotheses().iter().map(|h| h.id).collect();
    let mut totals = vec![0u64; ids.len()];
    let mut cells = vec![0usize; ids.len()];
    let mut rows = Vec::with_capacity(ach.rows().len());
    let mut adds = Vec::with_capacity(ach.rows().len());
    for (index, row) in ach.rows().iter().enumerate() {
        let credibility = row_credibility(project, row.source);
        let weight = credibility_tenths(credibility) * relevance_halves(row.relevance);
        let add = contributions(row, weight, &ids);
        for (i, a) in add.iter().enumerate() {
            if let Some(t) = totals.get_mut(i) {
                *t += a;
            }
            if *a > 0
                && let Some(c) = cells.get_mut(i)
            {
                *c += 1;
            }
        }
        rows.push(RowScore {
            source: row.source,
            index,
            enabled: !row.off,
            credibility,
            weight: weight as f64 / UNITS as f64,
            diagnostic: is_diagnostic(row, &ids),
            sensitive: false,
        });
        adds.push(add);
    }
    let lead = leaders(&totals);
    for (row, add) in rows.iter_mut().zip(&adds) {
        if row.enabled && add.iter().any(|a| *a > 0) {
            let without: Vec<u64> = totals.iter().zip(add).map(|(t, a)| t - a).collect();
            row.sensitive = leaders(&without) != lead;
        }
    }
    let mut ranking: Vec<HypothesisScore> = (ids.iter().enumerate())
        .map(|(index, id)| HypothesisScore {
            id: *id,
            index,
            inconsistency: totals.get(index).copied().unwrap_or(0) as f64 / UNITS as f64,
            leading: lead.contains(&index),
            inconsistent_cells: cells.get(index).copied().unwrap_or(0),
        })
        .collect();
    ranking.sort_by_key(|h| (totals.get(h.index).copied().unwrap_or(0), h.index));
    Scores { ranking, rows }
}

/// What a row cites, for tables: its text (the passage's quote or the claim's statement), its
/// outlet and date, and the article it is in (claims: none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowText {
    /// The quote or the statement.
    pub text: String,
    /// The outlet (the article's `source`), or "claim".
    pub source: String,
    /// The article's publication date, as written; empty when none.
    pub date: String,
    /// The article's title; empty for a claim.
    pub article: String,
}

/// What a row cites, in words (empty fields where the item is gone).
pub fn row_text(project: &Project, source: RowSource) -> RowText {
    match source {
        RowSource::Passage(p) => {
            let passage = project.passage(p).or_else(|| project.orphan(p));
            let doc = passage.and_then(|p| project.document(p.doc));
            RowText {
                text: passage.map(|p| p.quote.clone()).unwrap_or_default(),
                source: doc.map(|d| d.source.clone()).unwrap_or_default(),
                date: (doc.and_then(|d| d.published.as_ref()))
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                article: doc.map(|d| d.title.clone()).unwrap_or_default(),
            }
        }
        RowSource::Claim(c) => RowText {
            text: (project.evidence().claim(c))
                .map(|c| c.statement.clone())
                .unwrap_or_default(),
            source: "claim".to_owned(),
            date: String::new(),
            article: String::new(),
        },
    }
}

/// A score as the outputs print it: two decimals.
pub fn format_score(score: f64) -> String {
    format!("{score:.2}")
}
