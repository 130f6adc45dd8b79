//! Three-way merge of projects by id, field by field — what `dossier merge` (git's merge driver)
//! does with two copies of a project and their common original.
//!
//! - An item added on one side is added; removed on one side and untouched on the other, removed;
//!   removed on one side and changed on the other, kept, with a conflict (field `exists`).
//! - Changed on both sides, its fields merge one by one ([`fields`]): scalars take the side that
//!   changed them, sets take both sides' adds and removes, notes and descriptions merge line by
//!   line; what cannot be joined is a [`Conflict`] recorded in the project, and the field keeps
//!   the original's value until one is picked ([`resolve`]).
//! - An article imported on both sides (same text, different ids) becomes one, with both sides'
//!   passages; its id is the smaller of the two.
//! - Tags and actors created on both sides under the same name (a tag by its path, an actor by
//!   name and kind) become one ([`unify`]), with every reference moved to it.
//! - Claims merge like the other items (statement and event as scalars, description by line);
//!   their stances merge by passage, each passage's stance a scalar: both sides' new and removed
//!   stances are taken, one passage given different stances on the two sides is a conflict
//!   (field `stance p…`). Grades merge per graded outlet, actor and passage ([`grades`]).
//! - An empty original (git's "added on both sides") is a union that removes nothing.
//! - The result is always a valid project: an item removed on one side that the other side still
//!   uses is kept (and reported), a tag tree the two sides made loop gets the original parents
//!   back (a conflict), passages whose text the other side replaced are placed again by
//!   [`crate::anchor`] or kept as orphans. Nothing is dropped without a word in the [`Summary`].
//!
//! Feeds and fetch records (what was fetched from the web, with earlier versions) merge
//! without conflicts in module `web`.
//!
//! The result does not depend on which side is "ours" (but for the conflicts' sides); merging
//! a side with itself, or with the original, gives that side.
//!
//! # Adding a collection
//! A collection takes part by implementing [`fields::Item`] (merge two versions of an item) and
//! [`fields::Settable`] (set a field from a conflict's value), and by one call of
//! `merge_collection` in [`merge`], its references in `keep_referenced`, and its id letter
//! in [`crate::model::Project::has_item`] and [`resolve::resolution`]. Hypotheses and the ACH
//! matrix merge in `merge/ach.rs` (one call in [`merge`]).

mod ach;
pub mod fields;
pub mod grades;
mod lines;
#[cfg(test)]
mod property_tests;
pub mod resolve;
#[cfg(test)]
mod tests;
mod unify;
mod web;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use fields::{Fields, Item, Placed, PlacedRef};

use crate::model::{
    Actor, ActorId, Anchor, Claim, ClaimId, Conflict, ConflictKey, DocId, Document, Event, EventId,
    EvidenceParts, Grades, Parts, Passage, PassageId, Problem, Project, Tag, TagId,
};

pub use lines::merge as merge_lines;

/// The project's field name of its brief template in conflicts (`brief template`); its values
/// are the template's RON.
pub const BRIEF_FIELD: &str = "brief template";

/// What a merge did, for the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Items added on our side only, and on theirs only.
    pub added: (usize, usize),
    /// Items removed by our side, and by theirs.
    pub removed: (usize, usize),
    /// Items changed on both sides whose fields were merged.
    pub merged: usize,
    /// Conflicts this merge recorded.
    pub conflicts: usize,
    /// Articles imported on both sides, now one.
    pub unified: usize,
    /// Tags and actors created on both sides under the same name, now one.
    pub unified_names: usize,
    /// Items one side removed but the result still uses, kept ("tag t…: …").
    pub kept: Vec<String>,
    /// Passages placed again because the other side replaced their article's text.
    pub replaced: usize,
    /// Of those, passages that could not be placed and are kept as orphans.
    pub orphaned: usize,
}

impl Summary {
    /// What the merge did, one line per kind of change, in words for the user ("3 items added
    /// by the other copy"); from the point of view of the open project ("ours").
    pub fn lines(&self) -> Vec<String> {
        let n = |count: usize, one: &str, many: &str| {
            if count == 1 {
                format!("1 {one}")
            } else {
                format!("{count} {many}")
            }
        };
        let mut out = vec![
            format!(
                "{} added by the other copy",
                n(self.added.1, "item", "items")
            ),
            format!(
                "{} removed by the other copy",
                n(self.removed.1, "item", "items")
            ),
            format!(
                "{} changed on both sides, fields merged",
                n(self.merged, "item", "items")
            ),
        ];
        if self.conflicts > 0 {
            out.push(format!(
                "{} to settle in the Conflicts panel",
                n(self.conflicts, "conflict", "conflicts")
            ));
        }
        if self.unified > 0 {
            out.push(format!(
                "{} imported on both sides, made one",
                n(self.unified, "article", "articles")
            ));
        }
        if self.unified_names > 0 {
            out.push(format!(
                "{} created on both sides under one name, made one",
                n(self.unified_names, "tag or actor", "tags and actors")
            ));
        }
        if self.replaced > 0 {
            out.push(format!(
                "{} placed again in a replaced text ({} kept as orphans)",
                n(self.replaced, "passage", "passages"),
                self.orphaned
            ));
        }
        out.extend(self.kept.iter().map(|k| format!("kept {k}")));
        out
    }
}

/// A merged project and what the merge did.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The result (valid; its open conflicts are in [`Project::conflicts`]).
    pub project: Project,
    /// What happened.
    pub summary: Summary,
}

/// Why a merge gave no project. Only a defect in the merge itself can cause it: every result is
/// checked like a loaded file before it is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the merge made an invalid project (a bug in Dossier): {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct MergeError(pub Vec<Problem>);

/// The state shared by the collections' merges.
#[derive(Default)]
struct Cx {
    conflicts: Vec<Conflict>,
    summary: Summary,
}

/// Calls `f` for every key of three lists sorted by key, with each list's value for it.
fn join3<K: Ord + Copy, V>(
    b: &[(K, V)],
    o: &[(K, V)],
    t: &[(K, V)],
    mut f: impl FnMut(Option<&V>, Option<&V>, Option<&V>),
) {
    fn take<'a, K: Ord + Copy, V>(list: &'a [(K, V)], at: &mut usize, key: K) -> Option<&'a V> {
        match list.get(*at) {
            Some((k, v)) if *k == key => {
                *at += 1;
                Some(v)
            }
            _ => None,
        }
    }
    let (mut i, mut j, mut k) = (0, 0, 0);
    loop {
        let key = [b.get(i), o.get(j), t.get(k)]
            .into_iter()
            .flatten()
            .map(|(key, _)| *key)
            .min();
        let Some(key) = key else { return };
        f(
            take(b, &mut i, key),
            take(o, &mut j, key),
            take(t, &mut k, key),
        );
    }
}

/// Decides one item from its three versions (see the module documentation).
fn decide<T: Item>(b: Option<&T>, o: Option<&T>, t: Option<&T>, cx: &mut Cx) -> Option<T::Out> {
    match (b, o, t) {
        (_, Some(o), Some(t)) => {
            if o == t || b == Some(t) {
                Some(o.to_out())
            } else if b == Some(o) {
                Some(t.to_out())
            } else {
                cx.summary.merged += 1;
                let mut fields = Fields {
                    item: o.id_text(),
                    conflicts: &mut cx.conflicts,
                };
                Some(T::merge_both(b, o, t, &mut fields))
            }
        }
        (None, Some(o), None) => {
            cx.summary.added.0 += 1;
            Some(o.to_out())
        }
        (None, None, Some(t)) => {
            cx.summary.added.1 += 1;
            Some(t.to_out())
        }
        (Some(b), Some(o), None) if b == o => {
            cx.summary.removed.1 += 1;
            None
        }
        (Some(b), None, Some(t)) if b == t => {
            cx.summary.removed.0 += 1;
            None
        }
        (Some(b), Some(o), None) => {
            cx.conflicts.push(Conflict {
                item: o.id_text(),
                field: crate::model::EXISTS_FIELD.to_owned(),
                base: Some(b.describe()),
                ours: Some(o.describe()),
                theirs: None,
            });
            Some(o.to_out())
        }
        (Some(b), None, Some(t)) => {
            cx.conflicts.push(Conflict {
                item: t.id_text(),
                field: crate::model::EXISTS_FIELD.to_owned(),
                base: Some(b.describe()),
                ours: None,
                theirs: Some(t.describe()),
            });
            Some(t.to_out())
        }
        (Some(_), None, None) | (None, None, None) => None,
    }
}

/// Merges one collection given as lists sorted by key.
fn merge_collection<K: Ord + Copy, T: Item>(
    b: &[(K, T)],
    o: &[(K, T)],
    t: &[(K, T)],
    cx: &mut Cx,
) -> Vec<T::Out> {
    let mut out = Vec::with_capacity(o.len().max(t.len()));
    join3(b, o, t, |bv, ov, tv| {
        if let Some(item) = decide(bv, ov, tv, cx) {
            out.push(item);
        }
    });
    out
}

/// A collection as a sorted list of borrowed items.
fn sorted<K: Ord + Copy, T>(map: &BTreeMap<K, T>) -> Vec<(K, &T)> {
    map.iter().map(|(k, v)| (*k, v)).collect()
}

impl<T: Item> Item for &T {
    type Out = T::Out;
    fn id_text(&self) -> String {
        (**self).id_text()
    }
    fn describe(&self) -> String {
        (**self).describe()
    }
    fn to_out(&self) -> T::Out {
        (**self).to_out()
    }
    fn merge_both(b: Option<&Self>, o: &Self, t: &Self, f: &mut Fields<'_>) -> T::Out {
        T::merge_both(b.copied(), o, t, f)
    }
}

/// A side's passages and orphans as one list sorted by id.
fn placed(project: &Project) -> Vec<(PassageId, PlacedRef<'_>)> {
    let mut out: Vec<(PassageId, PlacedRef<'_>)> = project
        .passages()
        .values()
        .map(|p| {
            (
                p.id,
                PlacedRef {
                    passage: p,
                    orphan: false,
                },
            )
        })
        .chain(project.orphans().values().map(|p| {
            (
                p.id,
                PlacedRef {
                    passage: p,
                    orphan: true,
                },
            )
        }))
        .collect();
    if !project.orphans().is_empty() {
        out.sort_unstable_by_key(|(id, _)| *id);
    }
    out
}

/// A side's claims as a sorted list, with the stances its removals of passages took away put
/// back (as the original had them): removing a passage is the passage's change, not the claim's,
/// so that a claim the other side kept its passage for keeps the stance. Stances left on
/// passages the result lacks are dropped by [`drop_detached`].
fn side_claims(side: &Project, base: &Project) -> Vec<(ClaimId, Claim)> {
    (side.evidence().claims().values())
        .map(|c| {
            let mut c = c.clone();
            if let Some(original) = base.evidence().claim(c.id) {
                let detached = (original.stances.iter())
                    .filter(|(p, _)| !side.has_passage_id(*p) && c.stance_of(*p).is_none());
                c.stances.extend(detached.copied().collect::<Vec<_>>());
                c.normalize();
            }
            (c.id, c)
        })
        .collect()
}

/// Drops the stances and grades of passages and actors the result lacks (removed on one side,
/// and not regraded or given another stance on the other — those bring their item back).
fn drop_detached(draft: &mut Draft) {
    let placed: BTreeSet<PassageId> = draft.passages.iter().map(|p| p.passage.id).collect();
    for c in draft.claims.values_mut() {
        c.stances.retain(|(p, _)| placed.contains(p));
    }
    (draft.grades.passages).retain(|g| placed.contains(&g.passage));
    (draft.grades.actors).retain(|g| draft.actors.contains_key(&g.actor));
}

/// Articles imported on both sides with the same text: each side's id of such an article, mapped
/// to the one id both get (the smaller).
fn unify_documents(base: &Project, ours: &Project, theirs: &Project) -> HashMap<DocId, DocId> {
    let new = |side: &Project, other: &Project| -> BTreeMap<[u8; 32], DocId> {
        side.documents()
            .values()
            .filter(|d| base.document(d.id).is_none() && other.document(d.id).is_none())
            .map(|d| (*blake3::hash(d.text.as_str().as_bytes()).as_bytes(), d.id))
            .collect()
    };
    let ours_new = new(ours, theirs);
    let theirs_new = new(theirs, ours);
    let mut rename = HashMap::new();
    for (hash, o) in &ours_new {
        if let Some(t) = theirs_new.get(hash) {
            let one = (*o).min(*t);
            rename.insert(*o, one);
            rename.insert(*t, one);
        }
    }
    rename
}

/// A side's documents, renamed, as a sorted list.
fn documents(project: &Project, rename: &HashMap<DocId, DocId>) -> Vec<(DocId, Document)> {
    let mut out: Vec<(DocId, Document)> = project
        .documents()
        .values()
        .map(|d| {
            let mut d = d.clone();
            if let Some(id) = rename.get(&d.id) {
                d.id = *id;
            }
            (d.id, d)
        })
        .collect();
    if !rename.is_empty() {
        out.sort_unstable_by_key(|(id, _)| *id);
    }
    out
}

/// The merged collections before they are checked as a project.
struct Draft {
    title: String,
    tags: BTreeMap<TagId, Tag>,
    actors: BTreeMap<ActorId, Actor>,
    events: BTreeMap<EventId, Event>,
    documents: BTreeMap<DocId, Document>,
    passages: Vec<Placed>,
    claims: BTreeMap<ClaimId, Claim>,
    grades: Grades,
}

/// Merges `ours` and `theirs`, two copies of `base` changed apart. With an empty `base`
/// ([`Project::default`]) it is a union that removes nothing.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Result<Merged, MergeError> {
    let mut cx = Cx::default();
    let named = unify::unify_names(base, ours, theirs);
    let (ours, theirs) = match &named {
        Some((o, t, n)) => {
            cx.summary.unified_names = *n;
            (o, t)
        }
        None => (ours, theirs),
    };
    let rename = unify_documents(base, ours, theirs);
    cx.summary.unified = rename.len() / 2;

    let (title, description, brief) = {
        let mut fields = Fields {
            item: crate::model::PROJECT_ITEM.to_owned(),
            conflicts: &mut cx.conflicts,
        };
        // With no original, a side without a title (or description) has not set one.
        let unset = |of: fn(&Project) -> &String| {
            if base == &Project::default() {
                [of(ours), of(theirs)].into_iter().find(|t| t.is_empty())
            } else {
                Some(of(base))
            }
        };
        let title = fields.scalar("title", unset(|p| &p.title), &ours.title, &theirs.title);
        let description = fields.text(
            "description",
            unset(|p| &p.description),
            &ours.description,
            &theirs.description,
        );
        // The default template is what a project has until one is chosen, so it stands for the
        // original when there is none.
        let brief = fields.scalar(
            BRIEF_FIELD,
            Some(base.brief_template()),
            ours.brief_template(),
            theirs.brief_template(),
        );
        (title, description, brief)
    };
    let tags = merge_collection(
        &sorted(base.tags()),
        &sorted(ours.tags()),
        &sorted(theirs.tags()),
        &mut cx,
    );
    let actors = merge_collection(
        &sorted(base.actors()),
        &sorted(ours.actors()),
        &sorted(theirs.actors()),
        &mut cx,
    );
    let events = merge_collection(
        &sorted(base.events()),
        &sorted(ours.events()),
        &sorted(theirs.events()),
        &mut cx,
    );
    let documents = merge_collection(
        &documents(base, &rename),
        &documents(ours, &rename),
        &documents(theirs, &rename),
        &mut cx,
    );
    let mut passages = merge_collection(&placed(base), &placed(ours), &placed(theirs), &mut cx);
    if !rename.is_empty() {
        for p in &mut passages {
            if let Some(id) = rename.get(&p.passage.doc) {
                p.passage.doc = *id;
            }
        }
    }
    let claims = merge_collection(
        &side_claims(base, base),
        &side_claims(ours, base),
        &side_claims(theirs, base),
        &mut cx,
    );
    let grades = grades::merge_grades(
        &grades::side_grades(base, base),
        &grades::side_grades(ours, base),
        &grades::side_grades(theirs, base),
        &mut cx.conflicts,
    );
    let mut draft = Draft {
        title,
        tags: tags.into_iter().map(|t| (t.id, t)).collect(),
        actors: actors.into_iter().map(|a| (a.id, a)).collect(),
        events: events.into_iter().map(|e| (e.id, e)).collect(),
        documents: documents.into_iter().map(|d| (d.id, d)).collect(),
        passages,
        claims: claims.into_iter().map(|c| (c.id, c)).collect(),
        grades,
    };
    loop {
        let kept = keep_referenced(&mut draft, [ours, theirs, base], &mut cx.summary);
        let unlooped = break_tag_cycles(&mut draft, base, &mut cx.conflicts);
        if !kept && !unlooped {
            break;
        }
    }
    drop_detached(&mut draft);
    place_passages(&mut draft, [base, ours, theirs], &rename, &mut cx.summary);
    let ach = ach::merge(base, ours, theirs, &mut cx);
    let conflicts = merge_conflicts(
        base,
        ours,
        theirs,
        std::mem::take(&mut cx.conflicts),
        &mut cx,
    );

    let (placed, orphans): (Vec<Placed>, Vec<Placed>) =
        draft.passages.into_iter().partition(|p| !p.orphan);
    let project = Project::from_parts_with_evidence(
        Parts {
            title: draft.title,
            tags: draft.tags.into_values().collect(),
            actors: draft.actors.into_values().collect(),
            events: draft.events.into_values().collect(),
            documents: draft.documents.into_values().collect(),
            passages: placed.into_iter().map(|p| p.passage).collect(),
        },
        orphans.into_iter().map(|p| p.passage).collect(),
        EvidenceParts {
            claims: draft.claims.into_values().collect(),
            grades: draft.grades,
        },
    )
    .and_then(|project| {
        let (feeds, fetched) = web::merge(base, ours, theirs, &rename, &project);
        project.with_web(feeds, fetched)
    })
    .and_then(|project| {
        let ach = ach::settle(ach, &project, &mut cx.summary);
        project.with_ach(ach)
    })
    .and_then(|project| {
        let conflicts = conflicts
            .into_iter()
            .filter(|c| project.has_item(&c.item))
            .collect();
        project.with_conflicts(conflicts)
    })
    .and_then(|project| project.with_brief_template(brief))
    .map(|mut project| {
        project.description = description;
        project
    })
    .map_err(MergeError)?;
    Ok(Merged {
        project,
        summary: cx.summary,
    })
}

/// Brings back, from the sides, every item the draft refers to but lacks (one side removed it,
/// the other still uses it). Returns whether it brought back any.
fn keep_referenced(draft: &mut Draft, sides: [&Project; 3], summary: &mut Summary) -> bool {
    let mut tags = BTreeSet::new();
    let mut actors = BTreeSet::new();
    let mut events = BTreeSet::new();
    let mut docs = BTreeSet::new();
    let mut passages = BTreeSet::new();
    let placed: BTreeSet<PassageId> = draft.passages.iter().map(|p| p.passage.id).collect();
    for p in &draft.passages {
        let p = &p.passage;
        if !draft.documents.contains_key(&p.doc) {
            docs.insert(p.doc);
        }
        tags.extend(p.tags.iter().filter(|t| !draft.tags.contains_key(t)));
        actors.extend(
            p.actors
                .iter()
                .map(|(a, _)| *a)
                .filter(|a| !draft.actors.contains_key(a)),
        );
        events.extend(
            p.events
                .iter()
                .map(|(e, _)| *e)
                .filter(|e| !draft.events.contains_key(e)),
        );
    }
    // A parent both sides removed is no reason to bring it back (a conflict on the parent field
    // keeps the original's value, which may be that tag): the child moves up to the removed
    // tag's own parent, as deleting a tag does on each side.
    let [ours, theirs, base] = sides;
    let present: BTreeSet<TagId> = draft.tags.keys().copied().collect();
    let removed_on_both =
        |t: TagId| !present.contains(&t) && ours.tag(t).is_none() && theirs.tag(t).is_none();
    for t in draft.tags.values_mut() {
        let mut parent = t.parent;
        let mut steps = 0;
        while let Some(p) = parent.filter(|p| removed_on_both(*p)) {
            parent = base.tag(p).and_then(|b| b.parent);
            steps += 1;
            if steps > 64 {
                parent = None;
                break;
            }
        }
        t.parent = parent;
    }
    for t in draft.tags.values() {
        tags.extend(t.parent.filter(|p| !draft.tags.contains_key(p)));
    }
    for e in draft.events.values() {
        actors.extend(
            e.participants
                .iter()
                .map(|(a, _)| *a)
                .filter(|a| !draft.actors.contains_key(a)),
        );
    }
    // Claims refer to events and passages, grades to actors and passages; a stance or grade
    // the original had already is no reason to keep its item (it was only not taken away yet).
    let original = sides[2].evidence();
    for c in draft.claims.values() {
        events.extend(c.event.filter(|e| !draft.events.contains_key(e)));
        let before = original.claim(c.id);
        passages.extend(
            (c.stances.iter())
                .filter(|(p, s)| before.and_then(|b| b.stance_of(*p)) != Some(*s))
                .map(|(p, _)| *p)
                .filter(|p| !placed.contains(p)),
        );
    }
    actors.extend(
        (draft.grades.actors.iter())
            .filter(|g| original.actor_grade(g.actor) != g.grade)
            .map(|g| g.actor)
            .filter(|a| !draft.actors.contains_key(a)),
    );
    passages.extend(
        (draft.grades.passages.iter())
            .filter(|g| original.credibility(g.passage) != g.credibility)
            .map(|g| g.passage)
            .filter(|p| !placed.contains(p)),
    );
    let mut any = false;
    let mut note = |what: String| {
        summary.kept.push(format!(
            "{what}: removed on one side, still used on the other"
        ));
        any = true;
    };
    for id in tags {
        if let Some(t) = sides.iter().find_map(|s| s.tag(id)) {
            note(format!("tag {id} {:?}", t.name));
            draft.tags.insert(id, t.clone());
        }
    }
    for id in actors {
        if let Some(a) = sides.iter().find_map(|s| s.actor(id)) {
            note(format!("actor {id} {:?}", a.name));
            draft.actors.insert(id, a.clone());
        }
    }
    for id in events {
        if let Some(e) = sides.iter().find_map(|s| s.event(id)) {
            note(format!("event {id} {:?}", e.title));
            draft.events.insert(id, e.clone());
        }
    }
    for id in docs {
        if let Some(d) = sides.iter().find_map(|s| s.document(id)) {
            note(format!("article {id} {:?}", d.title));
            draft.documents.insert(id, d.clone());
        }
    }
    for id in passages {
        let found = sides.iter().find_map(|s| {
            (s.passage(id).map(|p| (p, false))).or_else(|| s.orphan(id).map(|p| (p, true)))
        });
        if let Some((p, orphan)) = found {
            let quote: String = p.quote.chars().take(40).collect();
            note(format!("passage {id} {quote:?}"));
            draft.passages.push(Placed {
                passage: p.clone(),
                orphan,
            });
        }
    }
    any
}

/// Gives the tags of any loop in the tag tree (each side moved a tag under the other) their
/// original parents back, recording a conflict on `parent`. Returns whether it changed any.
fn break_tag_cycles(draft: &mut Draft, base: &Project, conflicts: &mut Vec<Conflict>) -> bool {
    let mut changed = false;
    let ids: Vec<TagId> = draft.tags.keys().copied().collect();
    for start in ids {
        let mut seen = vec![start];
        let mut at = draft.tags.get(&start).and_then(|t| t.parent);
        while let Some(p) = at {
            if let Some(pos) = seen.iter().position(|s| *s == p) {
                // The loop is seen[pos..]; every tag in it goes back to its original parent, or
                // to the top when it had none or that would loop again.
                for id in seen.split_off(pos) {
                    let original = (base.tag(id).and_then(|t| t.parent))
                        .filter(|p| draft.tags.contains_key(p));
                    if let Some(tag) = draft.tags.get_mut(&id) {
                        let value = |p: Option<TagId>| p.map(|p| p.to_string()).unwrap_or_default();
                        let item = id.to_string();
                        if !conflicts
                            .iter()
                            .any(|c| c.item == item && c.field == "parent")
                        {
                            conflicts.push(Conflict {
                                item,
                                field: "parent".to_owned(),
                                base: base.tag(id).map(|t| value(t.parent)),
                                ours: Some(value(tag.parent)),
                                theirs: Some(value(tag.parent)),
                            });
                        }
                        tag.parent = if original == tag.parent {
                            None
                        } else {
                            original
                        };
                    }
                }
                changed = true;
                break;
            }
            seen.push(p);
            at = draft.tags.get(&p).and_then(|t| t.parent);
        }
    }
    changed
}

/// Places again every passage whose span does not fit its article's merged text (the other side
/// replaced it), or keeps it as an orphan.
fn place_passages(
    draft: &mut Draft,
    sides: [&Project; 3],
    rename: &HashMap<DocId, DocId>,
    summary: &mut Summary,
) {
    // Only articles whose merged text is not every side's need looking at.
    let mut changed: BTreeSet<DocId> = BTreeSet::new();
    for side in sides {
        for sd in side.documents().values() {
            let id = rename.get(&sd.id).copied().unwrap_or(sd.id);
            if draft.documents.get(&id).is_some_and(|d| d.text != sd.text) {
                changed.insert(id);
            }
        }
    }
    if changed.is_empty() {
        return;
    }
    let mut misplaced: BTreeMap<DocId, Vec<usize>> = BTreeMap::new();
    for (i, p) in draft.passages.iter().enumerate() {
        if p.orphan || !changed.contains(&p.passage.doc) {
            continue;
        }
        let fits = draft.documents.get(&p.passage.doc).is_some_and(|d| {
            Anchor::of(&d.text, p.passage.start, p.passage.end)
                .is_some_and(|a| p.passage.start < p.passage.end && a == p.passage.anchor())
        });
        if !fits {
            misplaced.entry(p.passage.doc).or_default().push(i);
        }
    }
    for (doc, indices) in misplaced {
        let Some(text) = draft.documents.get(&doc).map(|d| d.text.clone()) else {
            continue;
        };
        let targets: Vec<(Anchor, usize)> = indices
            .iter()
            .filter_map(|&i| draft.passages.get(i))
            .map(|p| (p.passage.anchor(), p.passage.start))
            .collect();
        let placements = crate::anchor::place_all(&text, &targets);
        for (&i, placement) in indices.iter().zip(placements) {
            let Some(p) = draft.passages.get_mut(i) else {
                continue;
            };
            summary.replaced += 1;
            let span = match placement {
                crate::anchor::Placement::Exact { start, end }
                | crate::anchor::Placement::Approximate { start, end, .. } => Some((start, end)),
                crate::anchor::Placement::Orphaned(_) => None,
            };
            match span.and_then(|(s, e)| Some((s, e, Anchor::of(&text, s, e)?))) {
                Some((start, end, anchor)) if start < end => {
                    set_span(&mut p.passage, start, end, anchor);
                }
                _ => {
                    summary.orphaned += 1;
                    p.orphan = true;
                }
            }
        }
    }
}

fn set_span(p: &mut Passage, start: usize, end: usize, anchor: Anchor) {
    p.start = start;
    p.end = end;
    p.quote = anchor.quote;
    p.prefix = anchor.prefix;
    p.suffix = anchor.suffix;
}

/// The open conflicts of the result: the sides' own (merged like any collection, by item and
/// field) and this merge's new ones, which replace an older one on the same field.
fn merge_conflicts(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    new: Vec<Conflict>,
    cx: &mut Cx,
) -> Vec<Conflict> {
    fn list(p: &Project) -> Vec<(&ConflictKey, &Conflict)> {
        p.conflicts().iter().collect()
    }
    let (b, o, t) = (list(base), list(ours), list(theirs));
    let mut out: BTreeMap<ConflictKey, Conflict> = BTreeMap::new();
    join3(&b, &o, &t, |bv, ov, tv| {
        let kept = match (bv, ov, tv) {
            (_, Some(o), Some(t)) => Some(if o <= t { *o } else { *t }),
            (None, Some(x), None) | (None, None, Some(x)) => Some(*x),
            (Some(b), Some(x), None) | (Some(b), None, Some(x)) if b != x => Some(*x),
            _ => None,
        };
        if let Some(c) = kept {
            out.insert(c.key(), c.clone());
        }
    });
    cx.summary.conflicts = new.len();
    for c in new {
        out.insert(c.key(), c);
    }
    out.into_values().collect()
}
