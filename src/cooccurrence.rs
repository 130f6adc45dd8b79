//! Co-occurrence counts across the corpus: how many passages carry two tags at once (tag × tag),
//! or carry a tag and link an actor (tag × actor). The matrix view draws them as a heat map; a
//! cell lists its passages with [`cell_passages`].
//!
//! With [`Options::include_subtags`] a passage counts for every ancestor of each of its tags too:
//! a passage tagged "Claim › Casualty figure" counts under "Claim" as well (once, however many of
//! Claim's sub-tags it carries). Without it, only the tags applied to the passage count.
//!
//! The diagonal of a tag × tag matrix is the tag's own count (passages carrying it). Rows and
//! columns are sorted by that total, largest first (ties by name); tags and actors with no
//! passage at all are left out. [`compute`] is one pass over the passages, linear in their number
//! times the square of their tag count, so it can run once per project revision.

use crate::model::{ActorId, Passage, PassageId, Project, TagId};

/// Which matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Tags against tags: passages carrying both.
    #[default]
    TagTag,
    /// Tags against actors: passages carrying the tag and linking the actor (in any role).
    TagActor,
}

/// How to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Options {
    /// Which matrix.
    pub mode: Mode,
    /// Count a passage under its tags' ancestors too.
    pub include_subtags: bool,
}

/// A column of the matrix: a tag (tag × tag) or an actor (tag × actor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// A tag.
    Tag(TagId),
    /// An actor.
    Actor(ActorId),
}

/// The counts, rows and columns sorted by frequency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matrix {
    /// The options it was computed with.
    pub options: Options,
    /// The row tags, most frequent first.
    pub rows: Vec<TagId>,
    /// Passages carrying each row's tag, in row order.
    pub row_totals: Vec<usize>,
    /// The columns, most frequent first.
    pub columns: Vec<Column>,
    /// Passages carrying each column's tag or linking its actor, in column order.
    pub column_totals: Vec<usize>,
    counts: Vec<usize>,
    /// The largest count off the diagonal (tag × tag) or anywhere (tag × actor); the heat scale.
    pub max: usize,
}

impl Matrix {
    /// The count of a cell; 0 outside the matrix.
    pub fn count(&self, row: usize, column: usize) -> usize {
        if row >= self.rows.len() || column >= self.columns.len() {
            return 0;
        }
        self.counts
            .get(row * self.columns.len() + column)
            .copied()
            .unwrap_or(0)
    }

    /// Whether a cell is on the diagonal (the same tag as row and column).
    pub fn is_diagonal(&self, row: usize, column: usize) -> bool {
        matches!(
            (self.rows.get(row), self.columns.get(column)),
            (Some(r), Some(Column::Tag(c))) if r == c
        )
    }
}

/// For each tag, the tags a passage carrying it counts under: itself, then (with sub-tags
/// included) its ancestors. Indices into `order`.
struct TagIndex {
    /// Every tag, sorted (the project's tags are kept in id order).
    order: Vec<TagId>,
    counts_under: Vec<Vec<usize>>,
}

impl TagIndex {
    fn new(project: &Project, include_subtags: bool) -> Self {
        let order: Vec<TagId> = project.tags().keys().copied().collect();
        let position = |t: &TagId| order.binary_search(t).ok();
        let counts_under = order
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut under = vec![i];
                if include_subtags {
                    let mut parent = project.tag(*t).and_then(|t| t.parent);
                    // The project forbids cycles; the bound only guards against a broken one.
                    while let Some(p) = parent
                        && under.len() <= order.len()
                    {
                        if let Some(i) = position(&p) {
                            under.push(i);
                        }
                        parent = project.tag(p).and_then(|t| t.parent);
                    }
                }
                under
            })
            .collect();
        Self {
            order,
            counts_under,
        }
    }

    fn position(&self, tag: TagId) -> Option<usize> {
        self.order.binary_search(&tag).ok()
    }

    /// The tag indices a passage counts under, sorted, without repeats (into `out`).
    fn expand(&self, passage: &Passage, out: &mut Vec<usize>) {
        out.clear();
        for t in &passage.tags {
            if let Some(under) = self.position(*t).and_then(|i| self.counts_under.get(i)) {
                out.extend(under.iter().copied());
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// Counts every pair over the passages shown with the blind-coding filter `blind` (`None`:
/// every passage); see the module documentation for what is counted.
pub fn compute(project: &Project, options: Options, blind: Option<&str>) -> Matrix {
    let index = TagIndex::new(project, options.include_subtags);
    let n = index.order.len();
    let mut tags = Vec::new();
    match options.mode {
        Mode::TagTag => {
            let mut full = vec![0usize; n * n];
            for p in project.shown_passages(blind) {
                index.expand(p, &mut tags);
                for (k, a) in tags.iter().enumerate() {
                    for b in &tags[k..] {
                        full[a * n + b] += 1;
                        if a != b {
                            full[b * n + a] += 1;
                        }
                    }
                }
            }
            let totals: Vec<usize> = (0..n).map(|i| full[i * n + i]).collect();
            let order = by_frequency(&totals, |i| tag_name(project, index.order[i]));
            let mut matrix = Matrix {
                options,
                rows: order.iter().map(|i| index.order[*i]).collect(),
                row_totals: order.iter().map(|i| totals[*i]).collect(),
                columns: order.iter().map(|i| Column::Tag(index.order[*i])).collect(),
                column_totals: order.iter().map(|i| totals[*i]).collect(),
                counts: Vec::with_capacity(order.len() * order.len()),
                max: 0,
            };
            for (r, a) in order.iter().enumerate() {
                for (c, b) in order.iter().enumerate() {
                    let count = full[a * n + b];
                    if r != c {
                        matrix.max = matrix.max.max(count);
                    }
                    matrix.counts.push(count);
                }
            }
            matrix
        }
        Mode::TagActor => {
            // Sorted (the project keeps actors in id order), so a position is a binary search.
            let actors: Vec<ActorId> = project.actors().keys().copied().collect();
            let m = actors.len();
            let mut full = vec![0usize; n * m];
            let mut tag_totals = vec![0usize; n];
            let mut actor_totals = vec![0usize; m];
            let mut linked: Vec<usize> = Vec::new();
            for p in project.shown_passages(blind) {
                index.expand(p, &mut tags);
                linked.clear();
                linked.extend(
                    p.actors
                        .iter()
                        .filter_map(|(a, _)| actors.binary_search(a).ok()),
                );
                linked.sort_unstable();
                linked.dedup();
                for t in &tags {
                    tag_totals[*t] += 1;
                }
                for a in &linked {
                    actor_totals[*a] += 1;
                }
                for t in &tags {
                    for a in &linked {
                        full[t * m + *a] += 1;
                    }
                }
            }
            let row_order = by_frequency(&tag_totals, |i| tag_name(project, index.order[i]));
            let column_order = by_frequency(&actor_totals, |i| {
                project
                    .actor(actors[i])
                    .map(|a| a.name.to_lowercase())
                    .unwrap_or_default()
            });
            let mut matrix = Matrix {
                options,
                rows: row_order.iter().map(|i| index.order[*i]).collect(),
                row_totals: row_order.iter().map(|i| tag_totals[*i]).collect(),
                columns: column_order
                    .iter()
                    .map(|i| Column::Actor(actors[*i]))
                    .collect(),
                column_totals: column_order.iter().map(|i| actor_totals[*i]).collect(),
                counts: Vec::with_capacity(row_order.len() * column_order.len()),
                max: 0,
            };
            for t in &row_order {
                for a in &column_order {
                    let count = full[t * m + a];
                    matrix.max = matrix.max.max(count);
                    matrix.counts.push(count);
                }
            }
            matrix
        }
    }
}

fn tag_name(project: &Project, tag: TagId) -> String {
    project
        .tag(tag)
        .map(|t| t.name.to_lowercase())
        .unwrap_or_default()
}

/// The indices with a non-zero total, largest total first, ties by name.
fn by_frequency(totals: &[usize], name: impl Fn(usize) -> String) -> Vec<usize> {
    let mut order: Vec<(usize, String)> = totals
        .iter()
        .enumerate()
        .filter(|(_, t)| **t > 0)
        .map(|(i, _)| (i, name(i)))
        .collect();
    order.sort_by(|(a, an), (b, bn)| totals[*b].cmp(&totals[*a]).then_with(|| an.cmp(bn)));
    order.into_iter().map(|(i, _)| i).collect()
}

/// The passages a cell counts (of those shown with `blind`), in reading order (articles by
/// title, then position).
pub fn cell_passages(
    project: &Project,
    options: Options,
    blind: Option<&str>,
    row: TagId,
    column: Column,
) -> Vec<PassageId> {
    let index = TagIndex::new(project, options.include_subtags);
    let Some(row) = index.position(row) else {
        return Vec::new();
    };
    let column_tag = match column {
        Column::Tag(t) => match index.position(t) {
            Some(i) => Some(i),
            None => return Vec::new(),
        },
        Column::Actor(_) => None,
    };
    let mut tags = Vec::new();
    let mut found: Vec<&Passage> = project
        .shown_passages(blind)
        .filter(|p| {
            index.expand(p, &mut tags);
            tags.binary_search(&row).is_ok()
                && match (column, column_tag) {
                    (_, Some(c)) => tags.binary_search(&c).is_ok(),
                    (Column::Actor(a), None) => p.actors.iter().any(|(x, _)| *x == a),
                    (Column::Tag(_), None) => false,
                }
        })
        .collect();
    found.sort_by_cached_key(|p| {
        (
            project
                .document(p.doc)
                .map(|d| d.title.to_lowercase())
                .unwrap_or_default(),
            p.doc,
            p.start,
            p.end,
            p.id,
        )
    });
    found.into_iter().map(|p| p.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_tag as tag;
    use crate::model::{Actor, ActorKind, ActorRole, Document, Parts, Timestamp};

    fn actor(raw: u64, name: &str) -> Actor {
        Actor {
            author: String::new(),
            id: ActorId::from_raw(raw),
            name: name.into(),
            kind: ActorKind::Person,
            aliases: Vec::new(),
            description: String::new(),
        }
    }

    /// Tags: Claim (1) with sub-tag Figure (2), Threat (3), Unused (4). Actors: A (1), B (2),
    /// Nobody (3). Passages (tags; actors):
    /// p1 Claim, Threat; A(speaker), A(target) · p2 Figure; A · p3 Figure, Threat; B ·
    /// p4 Claim, Figure; — · p5 Threat; —
    fn project() -> Project {
        let doc = Document {
            imported: Timestamp(0),
            ..Document::new("Doc", "one two three four five six seven eight nine ten")
        };
        let spans = [
            (
                0,
                3,
                vec![1, 3],
                vec![(1, ActorRole::Speaker), (1, ActorRole::Target)],
            ),
            (4, 7, vec![2], vec![(1, ActorRole::Mentioned)]),
            (8, 13, vec![2, 3], vec![(2, ActorRole::Mentioned)]),
            (14, 18, vec![1, 2], vec![]),
            (19, 23, vec![3], vec![]),
        ];
        let passages = spans
            .iter()
            .enumerate()
            .map(|(i, (s, e, tags, actors))| {
                let mut p = Passage::new(&doc, *s, *e).expect("span");
                p.id = PassageId::from_raw(i as u64 + 1);
                p.tags = tags.iter().map(|t| TagId::from_raw(*t)).collect();
                p.tags.sort();
                p.actors = actors
                    .iter()
                    .map(|(a, r)| (ActorId::from_raw(*a), *r))
                    .collect();
                p.actors.sort();
                p
            })
            .collect();
        Project::from_parts(Parts {
            documents: vec![doc],
            tags: vec![
                tag(1, "Claim", None),
                tag(2, "Figure", Some(1)),
                tag(3, "Threat", None),
                tag(4, "Unused", None),
            ],
            actors: vec![actor(1, "A"), actor(2, "B"), actor(3, "Nobody")],
            passages,
            ..Parts::default()
        })
        .expect("valid")
    }

    fn t(raw: u64) -> TagId {
        TagId::from_raw(raw)
    }

    fn cell(m: &Matrix, row: TagId, column: Column) -> usize {
        let r = m.rows.iter().position(|x| *x == row).expect("row");
        let c = m.columns.iter().position(|x| *x == column).expect("column");
        m.count(r, c)
    }

    fn ids(raw: &[u64]) -> Vec<PassageId> {
        raw.iter().map(|r| PassageId::from_raw(*r)).collect()
    }

    #[test]
    fn tag_by_tag_counts_passages_with_both_and_the_diagonal_is_the_tag_count() {
        let p = project();
        let m = compute(&p, Options::default(), None);
        // Unused has no passage: no row.
        assert_eq!(m.rows, vec![t(2), t(3), t(1)], "by frequency, ties by name");
        assert_eq!(m.row_totals, vec![3, 3, 2]);
        assert_eq!(cell(&m, t(1), Column::Tag(t(1))), 2);
        assert_eq!(cell(&m, t(1), Column::Tag(t(3))), 1);
        assert_eq!(cell(&m, t(3), Column::Tag(t(1))), 1, "symmetric");
        assert_eq!(cell(&m, t(2), Column::Tag(t(3))), 1);
        assert_eq!(cell(&m, t(1), Column::Tag(t(2))), 1);
        assert_eq!(m.max, 1, "the diagonal is not part of the scale");
        assert!(m.is_diagonal(0, 0) && !m.is_diagonal(0, 1));
        assert_eq!(
            cell_passages(&p, Options::default(), None, t(1), Column::Tag(t(3))),
            ids(&[1])
        );
        assert_eq!(
            cell_passages(&p, Options::default(), None, t(2), Column::Tag(t(2))),
            ids(&[2, 3, 4])
        );
    }

    #[test]
    fn sub_tags_count_under_their_parent_once() {
        let p = project();
        let options = Options {
            include_subtags: true,
            ..Options::default()
        };
        let m = compute(&p, options, None);
        // Claim now covers p1, p2, p3, p4 (p4 carries Claim and Figure: counted once).
        assert_eq!(m.rows.first(), Some(&t(1)));
        assert_eq!(m.row_totals.first(), Some(&4));
        assert_eq!(cell(&m, t(1), Column::Tag(t(3))), 2, "p1 and p3");
        assert_eq!(
            cell(&m, t(1), Column::Tag(t(2))),
            3,
            "every Figure is a Claim"
        );
        assert_eq!(
            cell(&m, t(2), Column::Tag(t(2))),
            3,
            "a sub-tag is unchanged"
        );
        assert_eq!(
            cell_passages(&p, options, None, t(1), Column::Tag(t(3))),
            ids(&[1, 3])
        );
    }

    #[test]
    fn tag_by_actor_counts_each_passage_once_whatever_the_roles() {
        let p = project();
        let options = Options {
            mode: Mode::TagActor,
            include_subtags: false,
        };
        let m = compute(&p, options, None);
        let (a, b) = (
            Column::Actor(ActorId::from_raw(1)),
            Column::Actor(ActorId::from_raw(2)),
        );
        assert_eq!(m.columns, vec![a, b], "Nobody has no passage");
        assert_eq!(m.column_totals, vec![2, 1]);
        assert_eq!(cell(&m, t(1), a), 1, "two roles, one passage");
        assert_eq!(cell(&m, t(2), a), 1);
        assert_eq!(cell(&m, t(2), b), 1);
        assert_eq!(cell(&m, t(3), b), 1);
        assert_eq!(cell(&m, t(3), a), 1);
        assert_eq!(m.max, 1);
        assert!(!m.is_diagonal(0, 0));
        assert_eq!(cell_passages(&p, options, None, t(2), a), ids(&[2]));
        let with_sub = Options {
            include_subtags: true,
            ..options
        };
        let m = compute(&p, with_sub, None);
        assert_eq!(cell(&m, t(1), a), 2, "p1, and p2 through Figure");
        assert_eq!(m.max, 2);
        assert_eq!(cell_passages(&p, with_sub, None, t(1), a), ids(&[1, 2]));
    }

    #[test]
    fn every_cell_lists_as_many_passages_as_it_counts_on_the_example() {
        let p = crate::example::example_project().expect("example");
        for mode in [Mode::TagTag, Mode::TagActor] {
            for include_subtags in [false, true] {
                let options = Options {
                    mode,
                    include_subtags,
                };
                let m = compute(&p, options, None);
                assert!(!m.rows.is_empty() && !m.columns.is_empty());
                for (r, row) in m.rows.iter().enumerate() {
                    for (c, column) in m.columns.iter().enumerate() {
                        assert_eq!(
                            cell_passages(&p, options, None, *row, *column).len(),
                            m.count(r, c),
                            "{options:?} {row} {column:?}"
                        );
                    }
                }
                let totals = &m.row_totals;
                assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");
            }
        }
    }

    #[test]
    fn an_empty_project_has_an_empty_matrix() {
        let m = compute(&Project::new("Empty"), Options::default(), None);
        assert!(m.rows.is_empty() && m.columns.is_empty());
        assert_eq!(m.count(0, 0), 0);
    }

    #[test]
    fn blind_coding_counts_only_the_analysts_passages() {
        let coded = crate::model::three_coders();
        let [reading, putin] = coded.tags;
        let [ana, ..] = coded.passages;
        let options = Options::default();
        let all = compute(&coded.project, options, None);
        assert_eq!(cell(&all, reading, Column::Tag(putin)), 3);
        let blind = Some("Ana");
        let m = compute(&coded.project, options, blind);
        assert_eq!(cell(&m, reading, Column::Tag(putin)), 1);
        assert_eq!(m.row_totals, vec![1, 1]);
        assert_eq!(
            cell_passages(&coded.project, options, blind, reading, Column::Tag(putin)),
            vec![ana]
        );
        let by_actor = Options {
            mode: Mode::TagActor,
            ..options
        };
        let m = compute(&coded.project, by_actor, blind);
        assert_eq!(cell(&m, reading, Column::Actor(coded.actor)), 1);
        let nobody = compute(&coded.project, options, Some("Carla"));
        assert!(nobody.rows.is_empty(), "no passage of Carla's: no row");
    }
}
