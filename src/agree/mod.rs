//! Inter-coder agreement: do two analysts read the same articles the same way?
//!
//! [`compare`] takes two [`Side`]s — two project files, or (later) two analysts' passages in one
//! merged project — and measures, for each tag and overall, on the articles both coded:
//!
//! - **α_u**, Krippendorff's unitizing alpha over the characters of the articles, the measure made
//!   for spans whose boundaries differ ([`measures::unitizing`]);
//! - **κ**, Cohen's kappa on matched units: passages are matched one to one when they overlap by at
//!   least a threshold (default 0.5) of their union; per tag, κ on the 2×2 table "did A / did B give
//!   the matched unit this tag"; overall, κ with each unit's whole tag set as its category;
//! - **precision / recall / F1** of B's passages against A's, per tag among the passages carrying
//!   it (matched the same way) and micro-averaged overall;
//! - the **per-character percent agreement** QualCoder and NVivo report (chars where both coders
//!   agree that a tag is or is not there, over all chars compared), labelled as such: it is
//!   dominated by uncoded text and is given only for comparison.
//!
//! Every figure comes with the counts behind it, and a figure that would mean nothing is `None`
//! with the reason (a tag one coder never used, no matched units, no variation). The list of
//! [`Difference`]s says where the coders differ, for the analysts to settle.
//!
//! Articles are matched across the two sides by their text (BLAKE3 of the text, as the import's
//! duplicate check): two analysts who imported the same article separately compare fine. An
//! article is *coded* by a side when it has at least one of that side's passages there; only
//! articles both sides coded are compared, and the others are listed with the reason. Tags are
//! matched by their path ("Claim/Quote"). Orphaned passages (no place in the text) are left out
//! and counted.

pub mod adopt;
pub mod measures;
pub mod render;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::model::{DocId, Passage, Project, TagId};
use measures::{Disagreement, Matches, Stretch, Table2};

/// The default overlap (of the union) two passages need to be the same unit.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// One coder's reading: a project and the passages of it that are this coder's.
#[derive(Debug, Clone)]
pub struct Side<'p> {
    /// How the coder is named in the report ("A", a file name, an analyst's name).
    pub label: String,
    project: &'p Project,
    passages: Vec<&'p Passage>,
    orphans: usize,
}

impl<'p> Side<'p> {
    /// Every passage of a project.
    pub fn whole(label: impl Into<String>, project: &'p Project) -> Self {
        Side {
            label: label.into(),
            project,
            passages: project.passages().values().collect(),
            orphans: project.orphans().len(),
        }
    }

    /// The passages of a project that `keep` accepts (one analyst's, say).
    pub fn filtered(
        label: impl Into<String>,
        project: &'p Project,
        keep: impl Fn(&Passage) -> bool,
    ) -> Self {
        Side {
            label: label.into(),
            project,
            passages: project.passages().values().filter(|p| keep(p)).collect(),
            orphans: project.orphans().values().filter(|p| keep(p)).count(),
        }
    }
}

/// Two analysts' passages inside one (merged) project: a side per name, each holding the passages
/// whose `author` is that name (case and surrounding space ignored).
pub fn coders<'p>(
    project: &'p Project,
    a: &str,
    b: &str,
) -> Result<(Side<'p>, Side<'p>), AgreeError> {
    let same = |p: &Passage, name: &str| p.is_by(name);
    for name in [a, b] {
        if !project.passages().values().any(|p| same(p, name)) {
            let mut known: Vec<&str> = (project.passages().values())
                .map(|p| p.author.trim())
                .filter(|n| !n.is_empty())
                .collect();
            known.sort_unstable();
            known.dedup();
            return Err(AgreeError::Coder {
                name: name.to_owned(),
                known: if known.is_empty() {
                    "nobody (no passage records its analyst)".to_owned()
                } else {
                    known.join(", ")
                },
            });
        }
    }
    Ok((
        Side::filtered(a.trim(), project, |p| same(p, a)),
        Side::filtered(b.trim(), project, |p| same(p, b)),
    ))
}

/// The analysts who made the project's passages (their `author`, trimmed), sorted, each once
/// (names that differ only in case are one analyst, spelled as first found in that order).
pub fn analysts(project: &Project) -> Vec<String> {
    let mut names: Vec<&str> = (project.passages().values())
        .map(|p| p.author.trim())
        .filter(|n| !n.is_empty())
        .collect();
    names.sort_unstable();
    names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    names.into_iter().map(str::to_owned).collect()
}

/// What to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Only these tags (paths like "Claim/Quote" or names, case-insensitive); empty: every tag.
    pub tags: Vec<String>,
    /// The overlap of the union two passages need to match, in (0, 1].
    pub threshold: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tags: Vec::new(),
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

/// Why a comparison could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgreeError {
    /// A `--tag` names no tag of either side, or more than one.
    #[error("{0}")]
    Tag(String),
    /// `--coder` was not given exactly twice.
    #[error("--coder names the two analysts to compare, A then B; {0} given")]
    CoderCount(usize),
    /// A `--coder` names no analyst of the project's passages.
    #[error("no passage of the project was made by {name:?}; its analysts are: {known}")]
    Coder {
        /// The name given.
        name: String,
        /// The analysts who made passages, comma separated ("nobody" when none is recorded).
        known: String,
    },
    /// The threshold is outside (0, 1].
    #[error("the overlap threshold must be above 0 and at most 1, not {0}")]
    Threshold(String),
}

/// The figures for one tag, or for all of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Krippendorff's α_u over the chars compared.
    pub alpha_u: Option<f64>,
    /// Cohen's κ on matched units.
    pub kappa: Option<f64>,
    /// F1 of B against A (symmetric).
    pub f1: Option<f64>,
    /// Matched / B's units.
    pub precision: Option<f64>,
    /// Matched / A's units.
    pub recall: Option<f64>,
    /// Per-character percent agreement (0..=1), for comparison with QualCoder and NVivo.
    pub percent_agreement: Option<f64>,
    /// For each figure that is `None`, why.
    pub why: BTreeMap<&'static str, String>,
    /// The counts behind the figures.
    pub counts: Counts,
}

/// The counts behind a line of figures.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// A's units (passages; per tag, those carrying it) on the articles compared.
    pub a_units: usize,
    /// B's units.
    pub b_units: usize,
    /// Units matched one to one (per tag: among the passages carrying it).
    pub matched: usize,
    /// A's units with no match.
    pub only_a: usize,
    /// B's units with no match.
    pub only_b: usize,
    /// Matched units κ was computed on (all matched passages, whatever their tags).
    pub kappa_units: usize,
    /// Chars compared (the length of the articles compared).
    pub chars: usize,
    /// Chars A coded (with this tag; overall: with any tag).
    pub a_chars: usize,
    /// Chars B coded.
    pub b_chars: usize,
    /// Chars where one coder has the tag and the other does not (overall: summed over the tags).
    pub differing_chars: usize,
    /// Tags in the figure: 1 for a tag's line; overall, the number of tags, so that the percent
    /// agreement is `1 − differing_chars / (chars × tags)`.
    pub tags: usize,
}

/// An article left out of the comparison, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excluded {
    /// The article's title.
    pub title: String,
    /// Why it is not compared.
    pub why: String,
}

/// Which articles were compared and which were not.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Articles {
    /// Articles both sides coded.
    pub compared: usize,
    /// Their total length in chars.
    pub chars: usize,
    /// Articles one side has or coded and the other does not, with the reason.
    pub excluded: Vec<Excluded>,
    /// Articles in both sides that neither coded.
    pub uncoded: usize,
    /// A's passages left out because their article is not compared.
    pub a_passages_excluded: usize,
    /// B's passages left out because their article is not compared.
    pub b_passages_excluded: usize,
    /// A's orphaned passages (no place in the text), left out.
    pub a_orphans: usize,
    /// B's orphaned passages, left out.
    pub b_orphans: usize,
}

/// How two codings of one stretch differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceKind {
    /// A coded a passage B has nothing for.
    OnlyA,
    /// B coded a passage A has nothing for.
    OnlyB,
    /// Matched passages whose spans differ (their tags may differ too).
    Boundaries,
    /// Matched passages with the same span and different tags.
    Tags,
}

impl DifferenceKind {
    /// How the kind is written in text output.
    pub fn label(self) -> &'static str {
        match self {
            DifferenceKind::OnlyA => "only A",
            DifferenceKind::OnlyB => "only B",
            DifferenceKind::Boundaries => "boundaries differ",
            DifferenceKind::Tags => "same span, different tags",
        }
    }
}

/// One coder's passage in a difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRef {
    /// The passage's id in its project.
    pub passage: String,
    /// First char.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The quoted text.
    pub quote: String,
    /// Its tags' paths (those compared).
    pub tags: Vec<String>,
}

/// A place where the two coders differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// What differs.
    pub kind: DifferenceKind,
    /// The article's title (A's).
    pub article: String,
    /// A's passage, if any.
    pub a: Option<UnitRef>,
    /// B's passage, if any.
    pub b: Option<UnitRef>,
    /// For boundaries: whether the tags differ too.
    pub tags_differ: bool,
    /// The article in A's project and in B's (the same document for two analysts of one
    /// project); not part of the JSON output.
    #[serde(skip)]
    pub docs: (DocId, DocId),
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// A's label.
    pub a: String,
    /// B's label.
    pub b: String,
    /// The overlap threshold used for matching.
    pub threshold: f64,
    /// The articles compared and left out.
    pub articles: Articles,
    /// All tags together.
    pub overall: Figures,
    /// Tag path → its figures (the tags either coder used on the articles compared, and any asked
    /// for by name).
    pub tags: BTreeMap<String, Figures>,
    /// Where the coders differ, article by article in text order.
    pub disagreements: Vec<Difference>,
    /// The articles compared, in A's order; not part of the JSON output.
    #[serde(skip)]
    pub compared: Vec<ComparedArticle>,
}

/// An article both sides coded: its title and its document in each project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparedArticle {
    /// A's title.
    pub title: String,
    /// The document in A's project.
    pub a_doc: DocId,
    /// The document in B's project.
    pub b_doc: DocId,
}

/// A passage as compared: its span and its tags (indices into [`Names`]), sorted.
struct Unit<'p> {
    passage: &'p Passage,
    span: (usize, usize),
    tags: Vec<u32>,
}

/// One article both sides coded.
struct Pair<'p> {
    title: String,
    docs: (DocId, DocId),
    len: usize,
    a: Vec<Unit<'p>>,
    b: Vec<Unit<'p>>,
}

/// Tag paths of both projects, interned: a tag is compared by its path, and handled as the
/// path's index (sorted order) so that no string is compared per passage.
struct Names {
    paths: Vec<String>,
    a: HashMap<TagId, u32>,
    b: HashMap<TagId, u32>,
}

impl Names {
    fn new(a: &Project, b: &Project) -> Names {
        let path_of = |project: &Project| -> Vec<(TagId, String)> {
            project
                .tags()
                .values()
                .map(|t| (t.id, project.tag_path(t.id, Project::TAG_PATH_SEPARATOR)))
                .collect()
        };
        let (a_paths, b_paths) = (path_of(a), path_of(b));
        let paths: Vec<String> = a_paths
            .iter()
            .chain(&b_paths)
            .map(|(_, p)| p.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let index = |list: Vec<(TagId, String)>| -> HashMap<TagId, u32> {
            list.into_iter()
                .filter_map(|(id, path)| {
                    let at = paths.binary_search(&path).ok()?;
                    Some((id, u32::try_from(at).ok()?))
                })
                .collect()
        };
        let (a, b) = (index(a_paths), index(b_paths));
        Names { paths, a, b }
    }

    fn path(&self, tag: u32) -> &str {
        self.paths.get(tag as usize).map_or("", String::as_str)
    }
}

/// Compares two codings; see the module comment for what is measured.
pub fn compare(a: &Side, b: &Side, options: &Options) -> Result<Report, AgreeError> {
    if !(options.threshold > 0.0 && options.threshold <= 1.0) {
        return Err(AgreeError::Threshold(options.threshold.to_string()));
    }
    let names = Names::new(a.project, b.project);
    let selected = resolve_tags(&names, &options.tags)?;
    let mut articles = Articles {
        a_orphans: a.orphans,
        b_orphans: b.orphans,
        ..Articles::default()
    };
    let pairs = pair_articles(a, b, &names, selected.as_ref(), &mut articles);

    // Every tag's spans, article by article, in one pass; the tags to report are those either
    // coder used on the articles compared and those asked for.
    let mut per_tag: BTreeMap<u32, BTreeMap<usize, Spans>> = BTreeMap::new();
    for t in selected.iter().flatten() {
        per_tag.entry(*t).or_default();
    }
    for (k, pair) in pairs.iter().enumerate() {
        for (side, units) in [(0, &pair.a), (1, &pair.b)] {
            for unit in units {
                for t in &unit.tags {
                    let spans = per_tag.entry(*t).or_default().entry(k).or_default();
                    spans[side].push(unit.span);
                }
            }
        }
    }

    let (differences, global) = match_all(&pairs, &names, options.threshold);
    let tables = kappa_tables(&pairs, &global);
    let lengths: Vec<usize> = pairs.iter().map(|p| p.len).collect();
    let mut tags = BTreeMap::new();
    let mut total_d = Disagreement::default();
    let mut total_differing = 0usize;
    for (t, spans) in &per_tag {
        let mut table = tables.get(t).copied().unwrap_or_default();
        table.neither = global.len() - table.both - table.only_a - table.only_b;
        let (figures, d) = tag_figures(&lengths, spans, table, options.threshold);
        total_d = total_d.plus(d);
        total_differing += figures.counts.differing_chars;
        tags.insert(names.path(*t).to_owned(), figures);
    }
    let overall = overall_figures(&pairs, &global, total_d, total_differing, per_tag.len());
    let compared = (pairs.iter())
        .map(|p| ComparedArticle {
            title: p.title.clone(),
            a_doc: p.docs.0,
            b_doc: p.docs.1,
        })
        .collect();
    Ok(Report {
        a: a.label.clone(),
        b: b.label.clone(),
        threshold: options.threshold,
        articles,
        overall,
        tags,
        disagreements: differences,
        compared,
    })
}

/// A's and B's spans carrying one tag in one article.
type Spans = [Vec<(usize, usize)>; 2];

/// The tags `--tag` names select, or `None` for every tag.
fn resolve_tags(names: &Names, wanted: &[String]) -> Result<Option<BTreeSet<u32>>, AgreeError> {
    if wanted.is_empty() {
        return Ok(None);
    }
    let mut selected = BTreeSet::new();
    for name in wanted {
        let key = name.trim().to_lowercase();
        let indexed = || names.paths.iter().enumerate();
        let exact: Vec<usize> = indexed()
            .filter(|(_, p)| p.to_lowercase() == key)
            .map(|(i, _)| i)
            .collect();
        let found: Vec<usize> = if exact.is_empty() {
            indexed()
                .filter(|(_, p)| {
                    p.rsplit('/')
                        .next()
                        .is_some_and(|n| n.to_lowercase() == key)
                })
                .map(|(i, _)| i)
                .collect()
        } else {
            exact
        };
        match found.as_slice() {
            [one] => {
                selected.insert(u32::try_from(*one).unwrap_or(u32::MAX));
            }
            [] => {
                return Err(AgreeError::Tag(format!(
                    "no tag named {name:?} in either project"
                )));
            }
            many => {
                let list: Vec<&str> = many.iter().map(|i| names.paths[*i].as_str()).collect();
                return Err(AgreeError::Tag(format!(
                    "the tag {name:?} is ambiguous: {}; give its path",
                    list.join(", ")
                )));
            }
        }
    }
    Ok(Some(selected))
}

/// The units of one side's passages in one document, sorted by span.
fn units_of<'p>(
    index: &HashMap<TagId, u32>,
    passages: &[&'p Passage],
    selected: Option<&BTreeSet<u32>>,
) -> Vec<Unit<'p>> {
    let mut units: Vec<Unit<'p>> = passages
        .iter()
        .filter_map(|p| {
            let mut tags: Vec<u32> = p
                .tags
                .iter()
                .filter_map(|t| index.get(t).copied())
                .filter(|t| selected.is_none_or(|s| s.contains(t)))
                .collect();
            tags.sort_unstable();
            tags.dedup();
            // With --tag, a passage that carries none of the tags asked for is not a unit.
            (selected.is_none() || !tags.is_empty()).then_some(Unit {
                passage: p,
                span: (p.start, p.end),
                tags,
            })
        })
        .collect();
    units.sort_by_key(|u| (u.span, u.passage.id));
    units
}

/// Matches the two sides' articles by text and keeps those both coded.
fn pair_articles<'p>(
    a: &Side<'p>,
    b: &Side<'p>,
    names: &Names,
    selected: Option<&BTreeSet<u32>>,
    articles: &mut Articles,
) -> Vec<Pair<'p>> {
    let by_doc = |side: &Side<'p>| {
        let mut map: HashMap<DocId, Vec<&'p Passage>> = HashMap::new();
        for p in &side.passages {
            map.entry(p.doc).or_default().push(*p);
        }
        map
    };
    let (a_by_doc, b_by_doc) = (by_doc(a), by_doc(b));
    let hash = |text: &str| *blake3::hash(text.as_bytes()).as_bytes();
    let mut b_docs: HashMap<[u8; 32], DocId> = HashMap::new();
    for doc in b.project.documents().values() {
        b_docs.entry(hash(doc.text.as_str())).or_insert(doc.id);
    }
    let mut seen_b = BTreeSet::new();
    let mut pairs = Vec::new();
    let empty = Vec::new();
    let passages_of =
        |map: &'_ HashMap<DocId, Vec<&'p Passage>>, doc: DocId| map.get(&doc).map_or(0, Vec::len);
    for doc in a.project.documents().values() {
        let a_count = passages_of(&a_by_doc, doc.id);
        let Some(&b_id) = b_docs.get(&hash(doc.text.as_str())) else {
            if a_count > 0 {
                articles.a_passages_excluded += a_count;
                articles.excluded.push(Excluded {
                    title: doc.title.clone(),
                    why: format!("only in {}'s project", a.label),
                });
            }
            continue;
        };
        seen_b.insert(b_id);
        let b_count = passages_of(&b_by_doc, b_id);
        match (a_count > 0, b_count > 0) {
            (true, true) => pairs.push(Pair {
                title: doc.title.clone(),
                docs: (doc.id, b_id),
                len: doc.text.len_chars(),
                a: units_of(&names.a, a_by_doc.get(&doc.id).unwrap_or(&empty), selected),
                b: units_of(&names.b, b_by_doc.get(&b_id).unwrap_or(&empty), selected),
            }),
            (false, false) => articles.uncoded += 1,
            (true, false) => {
                articles.a_passages_excluded += a_count;
                articles.excluded.push(Excluded {
                    title: doc.title.clone(),
                    why: format!("only {} coded it", a.label),
                });
            }
            (false, true) => {
                articles.b_passages_excluded += b_count;
                articles.excluded.push(Excluded {
                    title: doc.title.clone(),
                    why: format!("only {} coded it", b.label),
                });
            }
        }
    }
    for doc in b.project.documents().values() {
        let b_count = passages_of(&b_by_doc, doc.id);
        if !seen_b.contains(&doc.id) && b_count > 0 {
            articles.b_passages_excluded += b_count;
            articles.excluded.push(Excluded {
                title: doc.title.clone(),
                why: format!("only in {}'s project", b.label),
            });
        }
    }
    articles.compared = pairs.len();
    articles.chars = pairs.iter().map(|p| p.len).sum();
    pairs
}

/// The global matching of every article: matched unit pairs `(article, a index, b index)`.
type Global = Vec<(usize, usize, usize)>;

/// A difference before it is written out: where it starts, what it is, the two units, whether
/// the tags differ.
type Found<'u, 'p> = (
    usize,
    DifferenceKind,
    Option<&'u Unit<'p>>,
    Option<&'u Unit<'p>>,
    bool,
);

/// Matches all units of all articles and lists the differences.
fn match_all(pairs: &[Pair], names: &Names, threshold: f64) -> (Vec<Difference>, Global) {
    let mut differences = Vec::new();
    let mut global = Vec::new();
    for (k, pair) in pairs.iter().enumerate() {
        let spans = |units: &[Unit]| units.iter().map(|u| u.span).collect::<Vec<_>>();
        let matched = measures::match_spans(&spans(&pair.a), &spans(&pair.b), threshold);
        let mut a_used = vec![false; pair.a.len()];
        let mut b_used = vec![false; pair.b.len()];
        let mut here: Vec<Found> = Vec::new();
        for &(i, j) in &matched {
            a_used[i] = true;
            b_used[j] = true;
            global.push((k, i, j));
            let (ua, ub) = (&pair.a[i], &pair.b[j]);
            let tags_differ = ua.tags != ub.tags;
            let kind = if ua.span != ub.span {
                DifferenceKind::Boundaries
            } else if tags_differ {
                DifferenceKind::Tags
            } else {
                continue;
            };
            here.push((ua.span.0, kind, Some(ua), Some(ub), tags_differ));
        }
        for (ua, _) in pair.a.iter().zip(&a_used).filter(|(_, used)| !**used) {
            here.push((ua.span.0, DifferenceKind::OnlyA, Some(ua), None, false));
        }
        for (ub, _) in pair.b.iter().zip(&b_used).filter(|(_, used)| !**used) {
            here.push((ub.span.0, DifferenceKind::OnlyB, None, Some(ub), false));
        }
        here.sort_by_key(|d| (d.0, d.1));
        differences.extend(
            here.into_iter()
                .map(|(_, kind, a, b, tags_differ)| Difference {
                    kind,
                    article: pair.title.clone(),
                    a: a.map(|u| unit_ref(u, names)),
                    b: b.map(|u| unit_ref(u, names)),
                    tags_differ,
                    docs: pair.docs,
                }),
        );
    }
    (differences, global)
}

fn unit_ref(unit: &Unit, names: &Names) -> UnitRef {
    UnitRef {
        passage: unit.passage.id.to_string(),
        start: unit.span.0,
        end: unit.span.1,
        quote: unit.passage.quote.clone(),
        tags: unit
            .tags
            .iter()
            .map(|t| names.path(*t).to_owned())
            .collect(),
    }
}

/// Per tag, the 2×2 table over the matched units (its `neither` left at 0: it is the rest).
fn kappa_tables(pairs: &[Pair], global: &Global) -> HashMap<u32, Table2> {
    let mut tables: HashMap<u32, Table2> = HashMap::new();
    for &(k, i, j) in global {
        let (a, b) = (&pairs[k].a[i].tags, &pairs[k].b[j].tags);
        for t in a {
            let table = tables.entry(*t).or_default();
            if b.binary_search(t).is_ok() {
                table.both += 1;
            } else {
                table.only_a += 1;
            }
        }
        for t in b.iter().filter(|t| a.binary_search(t).is_err()) {
            tables.entry(*t).or_default().only_b += 1;
        }
    }
    tables
}

/// The figures of one tag from its spans per article (articles without it are gaps for both
/// coders), and its α_u disagreements for the overall line.
fn tag_figures(
    lengths: &[usize],
    spans: &BTreeMap<usize, Spans>,
    table: Table2,
    threshold: f64,
) -> (Figures, Disagreement) {
    let mut stretches = Vec::with_capacity(lengths.len());
    let mut matches = Matches::default();
    let mut counts = Counts {
        tags: 1,
        chars: lengths.iter().sum(),
        ..Counts::default()
    };
    for (k, &len) in lengths.iter().enumerate() {
        let Some([a_spans, b_spans]) = spans.get(&k) else {
            stretches.push(Stretch {
                len,
                coders: vec![Vec::new(), Vec::new()],
            });
            continue;
        };
        let matched = measures::match_spans(a_spans, b_spans, threshold).len();
        matches = matches.plus(Matches {
            a_units: a_spans.len(),
            b_units: b_spans.len(),
            matched,
        });
        let a_union = measures::union_of(a_spans.clone());
        let b_union = measures::union_of(b_spans.clone());
        counts.a_chars += a_union.iter().map(|s| s.1 - s.0).sum::<usize>();
        counts.b_chars += b_union.iter().map(|s| s.1 - s.0).sum::<usize>();
        counts.differing_chars += measures::differing_chars(&a_union, &b_union);
        stretches.push(Stretch {
            len,
            coders: vec![a_union, b_union],
        });
    }
    counts.a_units = matches.a_units;
    counts.b_units = matches.b_units;
    counts.matched = matches.matched;
    counts.only_a = matches.a_units - matches.matched;
    counts.only_b = matches.b_units - matches.matched;
    counts.kappa_units = table.total();

    let d = measures::unitizing(&stretches);
    let mut why = BTreeMap::new();
    let unused = match (matches.a_units, matches.b_units) {
        (0, 0) => Some("neither coder used this tag on the articles compared"),
        (0, _) => Some("A did not use this tag on the articles compared"),
        (_, 0) => Some("B did not use this tag on the articles compared"),
        _ => None,
    };
    let figures = if let Some(reason) = unused {
        for key in [
            "alpha_u",
            "kappa",
            "f1",
            "precision",
            "recall",
            "percent_agreement",
        ] {
            why.insert(key, reason.to_owned());
        }
        Figures {
            alpha_u: None,
            kappa: None,
            f1: None,
            precision: None,
            recall: None,
            percent_agreement: None,
            why,
            counts,
        }
    } else {
        let kappa = table.kappa();
        if kappa.is_none() {
            why.insert("kappa", kappa_why(table.total()));
        }
        Figures {
            alpha_u: d.alpha(),
            kappa,
            f1: matches.f1(),
            precision: matches.precision(),
            recall: matches.recall(),
            percent_agreement: percent(counts.chars, counts.differing_chars),
            why,
            counts,
        }
    };
    (figures, d)
}

fn kappa_why(units: usize) -> String {
    if units == 0 {
        "no passages matched, so there are no units to compare".to_string()
    } else {
        "no variation: both coders gave every matched unit the same value, so κ is undefined"
            .to_string()
    }
}

fn percent(chars: usize, differing: usize) -> Option<f64> {
    (chars > 0).then(|| (chars - differing) as f64 / chars as f64)
}

/// The overall line: α_u over all tags, κ on whole tag sets, F1 of all passages, percent
/// agreement pooled over the tags.
fn overall_figures(
    pairs: &[Pair],
    global: &Global,
    d: Disagreement,
    differing: usize,
    tag_count: usize,
) -> Figures {
    let mut counts = Counts {
        tags: tag_count,
        differing_chars: differing,
        ..Counts::default()
    };
    let label_pairs: Vec<(&Vec<u32>, &Vec<u32>)> = global
        .iter()
        .map(|&(k, i, j)| (&pairs[k].a[i].tags, &pairs[k].b[j].tags))
        .collect();
    for pair in pairs {
        counts.a_units += pair.a.len();
        counts.b_units += pair.b.len();
        let a_union = measures::union_of(pair.a.iter().map(|u| u.span).collect());
        let b_union = measures::union_of(pair.b.iter().map(|u| u.span).collect());
        counts.a_chars += a_union.iter().map(|s| s.1 - s.0).sum::<usize>();
        counts.b_chars += b_union.iter().map(|s| s.1 - s.0).sum::<usize>();
        counts.chars += pair.len;
    }
    counts.matched = global.len();
    counts.only_a = counts.a_units - global.len();
    counts.only_b = counts.b_units - global.len();
    counts.kappa_units = global.len();

    let mut why = BTreeMap::new();
    let alpha_u = d.alpha();
    if alpha_u.is_none() {
        why.insert("alpha_u", "no coded text to compare".to_string());
    }
    let kappa = measures::kappa_nominal(&label_pairs);
    if kappa.is_none() {
        why.insert("kappa", kappa_why(global.len()));
    }
    let matches = Matches {
        a_units: counts.a_units,
        b_units: counts.b_units,
        matched: global.len(),
    };
    if matches.f1().is_none() {
        why.insert("f1", "no passages on the articles compared".to_string());
    }
    let cells = counts.chars * tag_count;
    let percent_agreement = (cells > 0).then(|| 1.0 - differing as f64 / cells as f64);
    if percent_agreement.is_none() {
        why.insert(
            "percent_agreement",
            "no tags or no text compared".to_string(),
        );
    }
    Figures {
        alpha_u,
        kappa,
        f1: matches.f1(),
        precision: matches.precision(),
        recall: matches.recall(),
        percent_agreement,
        why,
        counts,
    }
}

#[cfg(test)]
mod tests;
