//! Corroboration and contradiction, computed from the stances — never typed in: who holds each
//! stance, how many independent outlets support each claim, which claims rest on one source and
//! which are contested; and the agreement and conflict networks of the holders (after Discourse
//! Network Analyzer).
//!
//! # The rules
//!
//! - **Holder.** The holder of a passage's stance is each actor linked to the passage as a
//!   speaker; a passage without a speaker is the outlet speaking in its own voice (its article's
//!   `source`; outlets are one whatever their case and spaces, see
//!   [`crate::model::claim::outlet_key`]).
//! - **Independent outlets.** The outlets of the articles whose passages support the claim,
//!   reprints counted once: articles that are reprints of one another (the rule of
//!   [`crate::reprint`]: five-word shingles, Jaccard similarity ≥ 0.5) form one group, credited
//!   to the outlet that ran it first (earliest publication date; undated last; then by id). Only
//!   the articles that carry stances are compared, so the cost follows the evidence, not the
//!   corpus.
//! - **Unnamed outlets.** An article that names no outlet is an outlet of its own, shown by its
//!   title ([`Holder::Unnamed`]): nothing says that two articles of unknown origin come from one
//!   outlet, and counting them as one would understate the support. Such an outlet cannot be
//!   graded (grades are keyed by name): it is F.
//! - **Single source.** Exactly one independent outlet supports the claim.
//! - **Contested.** Some holder supports the claim and a different holder disputes it (a holder
//!   who does both contradicts itself, which does not make the claim contested; "qualifies"
//!   neither supports nor disputes).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::claim::outlet_key;
use crate::model::{
    ActorId, ActorRole, Claim, ClaimId, DocId, PartialDate, Passage, PassageId, Project,
    Reliability, Stance, Text,
};

use crate::reprint::shingles;

/// Who holds a stance: a speaker, or an outlet in its own voice.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Holder {
    /// An actor linked to the passage as its speaker.
    Speaker(ActorId),
    /// An outlet, by its name as the project writes it.
    Outlet(String),
    /// The unnamed outlet of an article that names none.
    Unnamed(DocId),
}

impl Holder {
    /// The holder's name: the actor's name, the outlet's, or for an unnamed outlet
    /// `outlet of “Title”`.
    pub fn name(&self, project: &Project) -> String {
        match self {
            Self::Speaker(a) => project
                .actor(*a)
                .map_or_else(|| a.to_string(), |a| a.name.clone()),
            Self::Outlet(name) => name.clone(),
            Self::Unnamed(doc) => format!(
                "outlet of “{}”",
                project.document(*doc).map_or("?", |d| d.title.trim())
            ),
        }
    }

    /// "speaker" or "outlet".
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Speaker(_) => "speaker",
            Self::Outlet(_) | Self::Unnamed(_) => "outlet",
        }
    }

    /// The holder's reliability grade (F when not graded).
    pub fn grade(&self, project: &Project) -> Reliability {
        match self {
            Self::Speaker(a) => project.evidence().actor_grade(*a),
            Self::Outlet(name) => project.evidence().outlet_grade(name),
            Self::Unnamed(_) => Reliability::F,
        }
    }
}

/// The outlets of a project by [`outlet_key`], each with the name it is shown under: the graded
/// name if the outlet is graded, else the name on its first article (by id).
#[derive(Debug, Clone, Default)]
pub struct Outlets {
    names: BTreeMap<String, String>,
    /// The shown name of each `source` as the articles write it, so that naming the outlet of
    /// a passage is one lookup, not a lower-cased copy per stance.
    by_source: BTreeMap<String, String>,
}

impl Outlets {
    /// The outlets of `project`.
    pub fn of(project: &Project) -> Self {
        let mut names = BTreeMap::new();
        for g in project.evidence().outlet_grades() {
            names.insert(outlet_key(&g.outlet), g.outlet.clone());
        }
        let mut by_source = BTreeMap::new();
        for d in project.documents().values() {
            if !d.source.trim().is_empty() && !by_source.contains_key(&d.source) {
                names
                    .entry(outlet_key(&d.source))
                    .or_insert_with(|| d.source.trim().to_owned());
                by_source.insert(d.source.clone(), String::new());
            }
        }
        for (source, shown) in &mut by_source {
            if let Some(name) = names.get(&outlet_key(source)) {
                shown.clone_from(name);
            }
        }
        Self { names, by_source }
    }

    /// The shown name of an article's outlet.
    pub fn name(&self, source: &str) -> String {
        if let Some(shown) = self.by_source.get(source) {
            return shown.clone();
        }
        let key = outlet_key(source);
        self.names
            .get(&key)
            .cloned()
            .unwrap_or_else(|| source.trim().to_owned())
    }

    /// Every named outlet's shown name, sorted case-insensitively.
    pub fn all(&self) -> Vec<String> {
        let mut out: Vec<String> = self.names.values().cloned().collect();
        out.sort_by_key(|n| (n.to_lowercase(), n.clone()));
        out
    }
}

/// The holders of a passage's stances: its speakers, else its article's outlet.
pub fn holders(project: &Project, outlets: &Outlets, passage: &Passage) -> Vec<Holder> {
    let speakers: Vec<Holder> = (passage.actors.iter())
        .filter(|(_, role)| *role == ActorRole::Speaker)
        .map(|(a, _)| Holder::Speaker(*a))
        .collect();
    if !speakers.is_empty() {
        return speakers;
    }
    vec![outlet_of(project, outlets, passage.doc)]
}

/// The outlet of an article as a holder: named, or the article's own unnamed one.
pub fn outlet_of(project: &Project, outlets: &Outlets, doc: DocId) -> Holder {
    match project.document(doc) {
        Some(d) if !d.source.trim().is_empty() => Holder::Outlet(outlets.name(&d.source)),
        _ => Holder::Unnamed(doc),
    }
}

/// One stance on a claim as held by one holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StanceRow {
    /// The passage (or orphan).
    pub passage: PassageId,
    /// Its article.
    pub doc: DocId,
    /// Who holds the stance.
    pub holder: Holder,
    /// The article's outlet (shown name; "" when the article names none).
    pub outlet: String,
    /// The stance.
    pub stance: Stance,
}

/// What the stances on one claim add up to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimReport<'a> {
    /// The claim.
    pub claim: &'a Claim,
    /// Every stance, one row per holder, by passage then holder.
    pub stances: Vec<StanceRow>,
    /// The outlets credited with independent support (reprints counted once), sorted.
    pub supporting_outlets: Vec<String>,
    /// How many: `supporting_outlets.len()`.
    pub independent_outlets: usize,
    /// Exactly one independent outlet supports it.
    pub single_source: bool,
    /// Supported by one holder and disputed by another.
    pub contested: bool,
}

impl ClaimReport<'_> {
    /// The rows with one stance.
    pub fn side(&self, stance: Stance) -> impl Iterator<Item = &StanceRow> + '_ {
        self.stances.iter().filter(move |r| r.stance == stance)
    }

    /// The same report naming its claim by id, so that it can be kept past the borrow of the
    /// project (a view's cache per revision).
    pub fn summary(&self) -> Summary {
        Summary {
            claim: self.claim.id,
            stances: self.stances.clone(),
            supporting_outlets: self.supporting_outlets.clone(),
            independent_outlets: self.independent_outlets,
            single_source: self.single_source,
            contested: self.contested,
        }
    }
}

/// A [`ClaimReport`] that owns its rows and names its claim by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The claim.
    pub claim: ClaimId,
    /// Every stance, one row per holder, by passage then holder.
    pub stances: Vec<StanceRow>,
    /// The outlets credited with independent support (reprints counted once), sorted.
    pub supporting_outlets: Vec<String>,
    /// How many: `supporting_outlets.len()`.
    pub independent_outlets: usize,
    /// Exactly one independent outlet supports it.
    pub single_source: bool,
    /// Supported by one holder and disputed by another.
    pub contested: bool,
}

impl Summary {
    /// The rows with one stance.
    pub fn side(&self, stance: Stance) -> impl Iterator<Item = &StanceRow> + '_ {
        self.stances.iter().filter(move |r| r.stance == stance)
    }
}

/// [`analyse_with`] as [`Summary`]s, in the same order.
pub fn summaries(project: &Project, cache: &mut ReprintCache) -> Vec<Summary> {
    (analyse_with(project, cache).iter())
        .map(ClaimReport::summary)
        .collect()
}

/// [`analyse_given`] as [`Summary`]s, in the same order.
pub fn summaries_given(
    project: &Project,
    reprints: &Reprints,
    blind: Option<&str>,
) -> Vec<Summary> {
    (analyse_given(project, reprints, blind).iter())
        .map(ClaimReport::summary)
        .collect()
}

/// What reprint detection among the articles with stances reads: each one's id, text and
/// publication date. Texts are shared, so this is cheap to make and to send to a worker.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReprintInput(Vec<(DocId, Option<TextAndDate>)>);

/// An article's text and publication date (none when the article is gone).
type TextAndDate = (Text, Option<PartialDate>);

impl ReprintInput {
    /// The articles of `project` whose passages (or orphans) hold stances on claims, of the
    /// passages shown with the blind-coding filter `blind` (`None`: every passage).
    pub fn of(project: &Project, blind: Option<&str>) -> Self {
        Self::of_docs(project, &stance_docs(project, blind))
    }

    /// The articles compared.
    pub fn docs(&self) -> BTreeSet<DocId> {
        self.0.iter().map(|(d, _)| *d).collect()
    }

    /// These articles of `project`.
    pub fn of_docs(project: &Project, docs: &BTreeSet<DocId>) -> Self {
        Self(
            (docs.iter())
                .map(|d| {
                    let found = project
                        .document(*d)
                        .map(|doc| (doc.text.clone(), doc.published));
                    (*d, found)
                })
                .collect(),
        )
    }

    /// How many articles.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The bytes of text that finding the reprints shingles.
    pub fn text_bytes(&self) -> usize {
        (self.0.iter())
            .filter_map(|(_, found)| found.as_ref())
            .map(|(text, _)| text.len_bytes())
            .sum()
    }

    /// The reprint groups among these articles, each credited to its first publication
    /// (earliest date; undated last; then by id).
    pub fn find(&self) -> Reprints {
        let list: Vec<(DocId, &Text, Option<PartialDate>)> = (self.0.iter())
            .filter_map(|(id, found)| found.as_ref().map(|(t, date)| (*id, t, *date)))
            .collect();
        let sets: Vec<Vec<u64>> = list.iter().map(|(_, t, _)| shingles(t.as_str())).collect();
        let roots = crate::reprint::clusters(&sets);
        drop(sets);
        let mut groups: BTreeMap<usize, Vec<(DocId, Option<PartialDate>)>> = BTreeMap::new();
        for ((id, _, date), root) in list.iter().zip(roots) {
            groups.entry(root).or_default().push((*id, *date));
        }
        let mut original = BTreeMap::new();
        for members in groups.values() {
            let first = (members.iter())
                .min_by_key(|(id, date)| (date.is_none(), *date, *id))
                .map(|(id, _)| *id);
            for (id, _) in members {
                if let Some(first) = first {
                    original.insert(*id, first);
                }
            }
        }
        Reprints { original }
    }
}

/// The articles whose passages (or orphans) shown with `blind` hold stances on claims.
fn stance_docs(project: &Project, blind: Option<&str>) -> BTreeSet<DocId> {
    (project.evidence().claims().values())
        .flat_map(|c| c.stances.iter())
        .filter_map(|(p, _)| project.shown_passage_or_orphan(*p, blind).map(|p| p.doc))
        .collect()
}

/// The reprint groups of the last analysis, with what they were found from.
#[derive(Debug, Clone, Default)]
pub struct ReprintCache {
    seen: Option<ReprintInput>,
    reprints: Reprints,
}

impl ReprintCache {
    /// The reprints among `docs`, found again only when `docs`, or one of their texts or
    /// publication dates, differ from the last call's.
    pub fn reprints(&mut self, project: &Project, docs: &BTreeSet<DocId>) -> &Reprints {
        let now = ReprintInput::of_docs(project, docs);
        if self.seen.as_ref() != Some(&now) {
            self.reprints = now.find();
            self.seen = Some(now);
        }
        &self.reprints
    }

    /// The reprints found from `input`, if they are the ones kept.
    pub fn get(&self, input: &ReprintInput) -> Option<&Reprints> {
        (self.seen.as_ref() == Some(input)).then_some(&self.reprints)
    }

    /// The reprints last found (none before the first).
    pub fn last(&self) -> &Reprints {
        &self.reprints
    }

    /// Keeps the reprints found from `input` (on a worker, say).
    pub fn put(&mut self, input: ReprintInput, reprints: Reprints) {
        self.seen = Some(input);
        self.reprints = reprints;
    }
}

/// The reports of every claim, ordered by statement (case-insensitively), then id, from every
/// passage's stances (exports and the command line; the window passes its blind-coding filter
/// to [`analyse_given`]).
pub fn analyse(project: &Project) -> Vec<ClaimReport<'_>> {
    analyse_with(project, &mut ReprintCache::default())
}

/// [`analyse`], finding the reprints again only when the articles that carry stances (or their
/// texts or publication dates) changed since `cache` last saw them: most edits (a stance, a
/// grade, a claim's statement) leave them as they were.
pub fn analyse_with<'p>(project: &'p Project, cache: &mut ReprintCache) -> Vec<ClaimReport<'p>> {
    let reprints = cache.reprints(project, &stance_docs(project, None));
    analyse_given(project, reprints, None)
}

/// [`analyse`] with reprints already found (from [`ReprintInput::find`] of this project, or of
/// an earlier revision while the new ones are found: an article with stances that they do not
/// know is counted as its own original), counting only the stances of the passages shown with
/// the blind-coding filter `blind` (`None`: every passage). Every claim is reported, with no
/// stance when none of its passages is shown. With `blind`, the reprints should be found among
/// the analyst's articles ([`ReprintInput::of`] with the same filter, or
/// [`Reprints::within`] them), or another analyst's article could be credited.
pub fn analyse_given<'p>(
    project: &'p Project,
    reprints: &Reprints,
    blind: Option<&str>,
) -> Vec<ClaimReport<'p>> {
    let outlets = Outlets::of(project);
    let mut reports: Vec<ClaimReport<'_>> = (project.evidence().claims().values())
        .map(|c| report(project, &outlets, reprints, c, blind))
        .collect();
    reports.sort_by_cached_key(|r| (r.claim.statement.to_lowercase(), r.claim.id));
    reports
}

fn report<'a>(
    project: &Project,
    outlets: &Outlets,
    reprints: &Reprints,
    claim: &'a Claim,
    blind: Option<&str>,
) -> ClaimReport<'a> {
    let mut stances = Vec::new();
    let mut credited = BTreeSet::new();
    let mut supporters = BTreeSet::new();
    let mut disputers = BTreeSet::new();
    for (id, stance) in &claim.stances {
        let Some(passage) = project.shown_passage_or_orphan(*id, blind) else {
            continue;
        };
        let source = |doc: DocId| project.document(doc).map_or("", |d| d.source.as_str());
        let outlet = outlets.name(source(passage.doc));
        if *stance == Stance::Supports {
            let original = reprints.original(passage.doc);
            credited.insert(outlet_of(project, outlets, original).name(project));
        }
        for holder in holders(project, outlets, passage) {
            match stance {
                Stance::Supports => supporters.insert(holder.clone()),
                Stance::Disputes => disputers.insert(holder.clone()),
                Stance::Qualifies => false,
            };
            stances.push(StanceRow {
                passage: *id,
                doc: passage.doc,
                holder,
                outlet: outlet.clone(),
                stance: *stance,
            });
        }
    }
    let contested = supporters.iter().any(|s| disputers.iter().any(|d| d != s));
    let mut supporting_outlets: Vec<String> = credited.into_iter().collect();
    supporting_outlets.sort_by_key(|n| n.to_lowercase());
    ClaimReport {
        claim,
        independent_outlets: supporting_outlets.len(),
        single_source: supporting_outlets.len() == 1,
        supporting_outlets,
        contested,
        stances,
    }
}

/// Groups of near-identical articles, each credited to its first publication.
#[derive(Debug, Clone, Default)]
pub struct Reprints {
    original: BTreeMap<DocId, DocId>,
}

impl Reprints {
    /// Finds the reprints among `docs` (articles of `project`).
    pub fn among(project: &Project, docs: &BTreeSet<DocId>) -> Self {
        ReprintInput::of_docs(project, docs).find()
    }

    /// The same groups restricted to `docs` (articles of `project`), each credited to its first
    /// publication among those kept (earliest date; undated last; then by id): the reprints of
    /// a larger set of articles made safe for a smaller one, while the smaller one's own are
    /// found. Groups that only an article left out joined stay joined.
    pub fn within(&self, project: &Project, docs: &BTreeSet<DocId>) -> Self {
        let mut groups: BTreeMap<DocId, Vec<DocId>> = BTreeMap::new();
        for (doc, first) in &self.original {
            if docs.contains(doc) {
                groups.entry(*first).or_default().push(*doc);
            }
        }
        let mut original = BTreeMap::new();
        for members in groups.values() {
            let date = |d: &DocId| project.document(*d).and_then(|d| d.published);
            let first = (members.iter()).min_by_key(|d| (date(d).is_none(), date(d), **d));
            if let Some(first) = first {
                original.extend(members.iter().map(|d| (*d, *first)));
            }
        }
        Self { original }
    }

    /// The article a reprint is credited to (itself when it is no reprint).
    pub fn original(&self, doc: DocId) -> DocId {
        self.original.get(&doc).copied().unwrap_or(doc)
    }

    /// The groups of two or more articles, each sorted, the credited one first.
    pub fn groups(&self) -> Vec<Vec<DocId>> {
        let mut by: BTreeMap<DocId, Vec<DocId>> = BTreeMap::new();
        for (doc, first) in &self.original {
            by.entry(*first).or_default().push(*doc);
        }
        by.into_iter()
            .filter(|(_, m)| m.len() > 1)
            .map(|(first, mut m)| {
                m.sort_by_key(|d| (*d != first, *d));
                m
            })
            .collect()
    }
}

/// Which network of holders (Discourse Network Analyzer's affiliation networks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NetworkKind {
    /// Joined by claims on which they take the same stance.
    #[default]
    Agreement,
    /// Joined by claims one supports and the other disputes.
    Conflict,
    /// Agreement minus conflict (edges with a weight of zero are left out).
    Difference,
}

impl NetworkKind {
    /// Every kind, in display order.
    pub const ALL: [Self; 3] = [Self::Agreement, Self::Conflict, Self::Difference];

    /// Its name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agreement => "agreement",
            Self::Conflict => "conflict",
            Self::Difference => "difference",
        }
    }
}

/// An edge of a holder network: two holders (the lesser first) and its weight in claims
/// (negative in a difference network when they conflict more than they agree).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolderEdge {
    /// One holder.
    pub a: Holder,
    /// The other.
    pub b: Holder,
    /// Claims they agree on (agreement), conflict on (conflict), or the difference.
    pub weight: i64,
}

/// The holder network of a kind: edges sorted by weight (largest first), then holders.
pub fn holder_network(reports: &[ClaimReport<'_>], kind: NetworkKind) -> Vec<HolderEdge> {
    holder_network_of(reports.iter().map(|r| r.stances.as_slice()), kind)
}

/// [`holder_network`] from each claim's stance rows (a report's or a [`Summary`]'s).
pub fn holder_network_of<'r>(
    claims: impl IntoIterator<Item = &'r [StanceRow]>,
    kind: NetworkKind,
) -> Vec<HolderEdge> {
    HolderPairs::of(claims).edges(kind)
}

/// What every pair of holders shares: on how many claims they take the same stance, and on how
/// many one supports what the other disputes. Worked out once for all three networks, with the
/// holders numbered (pairs of numbers, not of names, are counted: a third of the time of counting
/// each network by name on 2,000 claims with 32,000 stances).
#[derive(Debug, Clone, Default)]
pub struct HolderPairs {
    /// The holders, in order; pairs refer to them by index.
    pub holders: Vec<Holder>,
    /// (lesser index, greater index) → (agreeing claims, conflicting claims).
    pairs: HashMap<(u32, u32), (i64, i64)>,
}

/// A holder's stances on one claim, as bits (a holder may both support and qualify).
fn stance_bit(stance: Stance) -> u8 {
    match stance {
        Stance::Supports => 1,
        Stance::Disputes => 2,
        Stance::Qualifies => 4,
    }
}

impl HolderPairs {
    /// Counts the pairs over each claim's stance rows.
    pub fn of<'r>(claims: impl IntoIterator<Item = &'r [StanceRow]>) -> Self {
        let mut numbers: HashMap<&'r Holder, u32> = HashMap::new();
        let mut holders: Vec<Holder> = Vec::new();
        let mut pairs: HashMap<(u32, u32), (i64, i64)> = HashMap::new();
        let mut held: Vec<(u32, u8)> = Vec::new();
        for rows in claims {
            held.clear();
            for row in rows {
                let n = *numbers.entry(&row.holder).or_insert_with(|| {
                    holders.push(row.holder.clone());
                    u32::try_from(holders.len() - 1).unwrap_or(u32::MAX)
                });
                held.push((n, stance_bit(row.stance)));
            }
            // One entry per holder, its stances joined. Holders are numbered in order of first
            // appearance, which is not their order: pairs are keyed (lesser, greater) below.
            held.sort_unstable_by_key(|(n, _)| *n);
            held.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 |= later.1;
                }
                same
            });
            for (i, &(a, sa)) in held.iter().enumerate() {
                for &(b, sb) in &held[i + 1..] {
                    let agree = sa & sb != 0;
                    let opposed = |x: u8, y: u8| x & 1 != 0 && y & 2 != 0;
                    let conflict = opposed(sa, sb) || opposed(sb, sa);
                    if agree || conflict {
                        let entry = pairs.entry((a, b)).or_default();
                        entry.0 += i64::from(agree);
                        entry.1 += i64::from(conflict);
                    }
                }
            }
        }
        Self { holders, pairs }
    }

    /// The weights of a network by holder index: (a, b, weight) with `a < b` by index, edges of
    /// weight zero left out, in no particular order.
    pub fn weights(&self, kind: NetworkKind) -> impl Iterator<Item = (usize, usize, i64)> + '_ {
        self.pairs
            .iter()
            .filter_map(move |(&(a, b), &(agree, conflict))| {
                let weight = match kind {
                    NetworkKind::Agreement => agree,
                    NetworkKind::Conflict => conflict,
                    NetworkKind::Difference => agree - conflict,
                };
                (weight != 0).then_some((a as usize, b as usize, weight))
            })
    }

    /// The network's edges, each pair of holders with the lesser first, sorted by weight (largest
    /// first), then holders.
    pub fn edges(&self, kind: NetworkKind) -> Vec<HolderEdge> {
        let mut edges: Vec<HolderEdge> = self
            .weights(kind)
            .filter_map(|(a, b, weight)| {
                let (a, b) = (self.holders.get(a)?, self.holders.get(b)?);
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                Some(HolderEdge {
                    a: a.clone(),
                    b: b.clone(),
                    weight,
                })
            })
            .collect();
        edges.sort_by(|x, y| {
            y.weight
                .cmp(&x.weight)
                .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
        });
        edges
    }
}

#[cfg(test)]
mod tests;
