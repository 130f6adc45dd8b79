//! Tags and actors that both analysts created apart under the same name become one before the
//! merge: two coders who each add a tag `Claim/Quote`, or each add "Steve Witkoff" as a person,
//! mean the same code and the same man. Without this the merged codebook would hold the tag twice
//! (each with half of the passages) and the network two Witkoffs.
//!
//! A tag matches by its path (names from the root, compared ignoring case), an actor by its name
//! (ignoring case) and kind. Only items new on both sides are matched: an item of the original
//! keeps its id. Both sides are rewritten to the smaller of the two ids with the same gestures the
//! window's "merge into" uses ([`merge_tags`], [`merge_actors`]), so every
//! reference (passages, child tags, event participants, and whatever later collections point
//! at) moves with it; the merge proper then sees one item added on both sides. The choice of
//! id does not depend on which side is "ours".

use std::collections::BTreeMap;
use std::hash::Hash;

use crate::edit::{Edit, EditError, apply, merge_actors, merge_tags};
use crate::model::{ActorId, Project, TagId};

/// The pairs `(ours, theirs)` of items new on both sides with the same key.
fn pairs<Id: Ord + Copy + Hash, K: Ord>(
    ours: impl Iterator<Item = (Id, K)>,
    theirs: impl Iterator<Item = (Id, K)>,
) -> Vec<(Id, Id)> {
    let ours: BTreeMap<K, Id> = ours.map(|(id, key)| (key, id)).collect();
    let mut out: Vec<(Id, Id)> = theirs
        .filter_map(|(t, key)| ours.get(&key).map(|o| (*o, t)))
        .filter(|(o, t)| o != t)
        .collect();
    out.sort_unstable();
    out
}

/// The tags new on `side` (in neither the original nor the other side), by lower-cased path.
fn new_tags(base: &Project, side: &Project, other: &Project) -> Vec<(TagId, String)> {
    (side.tags().values())
        .filter(|t| base.tag(t.id).is_none() && other.tag(t.id).is_none())
        .map(|t| (t.id, side.tag_path(t.id, "\u{1f}").to_lowercase()))
        .collect()
}

/// The actors new on `side`, by lower-cased name and kind.
fn new_actors(base: &Project, side: &Project, other: &Project) -> Vec<(ActorId, String)> {
    (side.actors().values())
        .filter(|a| base.actor(a.id).is_none() && other.actor(a.id).is_none())
        .map(|a| {
            (
                a.id,
                format!("{:?}\u{1f}{}", a.kind, a.name.trim().to_lowercase()),
            )
        })
        .collect()
}

/// Gives tag `from` of `side` the id `to` (a copy is added, then `from` is merged into it).
fn rename_tag(side: &mut Project, from: TagId, to: TagId) -> bool {
    let Some(tag) = side.tag(from) else {
        return false;
    };
    let mut copy = tag.clone();
    copy.id = to;
    add_then_merge(side, Edit::AddTag(copy), |side| merge_tags(side, from, to))
}

/// Gives actor `from` of `side` the id `to`.
fn rename_actor(side: &mut Project, from: ActorId, to: ActorId) -> bool {
    let Some(actor) = side.actor(from) else {
        return false;
    };
    let mut copy = actor.clone();
    copy.id = to;
    add_then_merge(side, Edit::AddActor(copy), |side| {
        merge_actors(side, from, to)
    })
}

/// Applies `add` (the copy under the new id), then the merge `merge` builds; all or nothing.
fn add_then_merge(
    side: &mut Project,
    add: Edit,
    merge: impl FnOnce(&Project) -> Result<Edit, EditError>,
) -> bool {
    let mut undo = Vec::new();
    let done = apply(side, add).map(|u| undo.push(u)).is_ok()
        && merge(side)
            .and_then(|edit| apply(side, edit))
            .map(|u| undo.push(u))
            .is_ok();
    if !done {
        for edit in undo.into_iter().rev() {
            // Undoing what was just applied cannot fail; if it did, the side keeps both ids,
            // which the merge handles as two items.
            let _ = apply(side, edit);
        }
    }
    done
}

/// Both sides with the tags and actors they created apart under the same name made one, and how
/// many were made one. `None` when there is nothing to unify (the sides are used as they are).
pub(super) fn unify_names(
    base: &Project,
    ours: &Project,
    theirs: &Project,
) -> Option<(Project, Project, usize)> {
    let mut tags = pairs(
        new_tags(base, ours, theirs).into_iter(),
        new_tags(base, theirs, ours).into_iter(),
    );
    let actors = pairs(
        new_actors(base, ours, theirs).into_iter(),
        new_actors(base, theirs, ours).into_iter(),
    );
    if tags.is_empty() && actors.is_empty() {
        return None;
    }
    let (mut ours, mut theirs) = (ours.clone(), theirs.clone());
    let mut unified = 0;
    // Parents first (the order of `new_tags`): a child's path does not change when its parent's
    // id does.
    tags.sort_by_key(|(o, _)| ours.tag_path(*o, "\u{1f}").matches('\u{1f}').count());
    for (o, t) in tags {
        let one = o.min(t);
        let done = if one == o {
            rename_tag(&mut theirs, t, one)
        } else {
            rename_tag(&mut ours, o, one)
        };
        unified += usize::from(done);
    }
    for (o, t) in actors {
        let one = o.min(t);
        let done = if one == o {
            rename_actor(&mut theirs, t, one)
        } else {
            rename_actor(&mut ours, o, one)
        };
        unified += usize::from(done);
    }
    Some((ours, theirs, unified))
}
