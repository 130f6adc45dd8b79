//! Merge conflicts kept as data: what a three-way merge ([`crate::merge`]) could not decide, per
//! item and field, with the common original's value and each side's.
//!
//! A conflict names its item by id text (`"p7k2m9qd4x1zb"`, or `"project"` for the project's own
//! fields) so that any collection, present or future, can have conflicts without this type
//! knowing it; [`crate::model::Project::has_item`] says which ids resolve. The values are the
//! field's text as the merge shows it (a note as is; a colour, a date, a parent as in the file), so
//! the file reads on its own and a resolution can be parsed back by the collection's merge table.
//! Open conflicts are validated with the project (the item must exist, one conflict per item and
//! field) and changed only through [`crate::edit::Edit::AddConflict`] and
//! [`crate::edit::Edit::RemoveConflict`].

use serde::{Deserialize, Serialize};

/// The pseudo-item of conflicts on the project's own fields (its title).
pub const PROJECT_ITEM: &str = "project";

/// The pseudo-field of a conflict between removing an item on one side and changing it on the
/// other: a side's value is `None` where it removed the item.
pub const EXISTS_FIELD: &str = "exists";

/// What names a conflict: an item and one of its fields. One conflict per key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConflictKey {
    /// The item's id text, or [`PROJECT_ITEM`].
    pub item: String,
    /// The field's name as in the file, or [`EXISTS_FIELD`].
    pub field: String,
}

/// One field of one item that two copies changed in ways the merge could not join.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Conflict {
    /// The item's id text, or [`PROJECT_ITEM`].
    pub item: String,
    /// The field's name as in the file, or [`EXISTS_FIELD`].
    pub field: String,
    /// The common original's value; `None` when there was none (the item was added on both sides).
    #[serde(default)]
    pub base: Option<String>,
    /// Our side's value; `None` where our side removed the item.
    #[serde(default)]
    pub ours: Option<String>,
    /// Their side's value; `None` where their side removed the item.
    #[serde(default)]
    pub theirs: Option<String>,
}

impl Conflict {
    /// Its key.
    pub fn key(&self) -> ConflictKey {
        ConflictKey {
            item: self.item.clone(),
            field: self.field.clone(),
        }
    }

    /// The same conflict seen from the other side (ours and theirs swapped).
    pub fn swapped(&self) -> Self {
        Self {
            ours: self.theirs.clone(),
            theirs: self.ours.clone(),
            ..self.clone()
        }
    }
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |v: &Option<String>| match v {
            None => "(removed)".to_owned(),
            Some(v) => {
                let mut s: String = v.chars().take(40).collect();
                if s.len() < v.len() {
                    s.push('…');
                }
                format!("{s:?}")
            }
        };
        if self.field == EXISTS_FIELD {
            let side = |v: &Option<String>| if v.is_some() { "changed" } else { "removed" };
            return write!(
                f,
                "{}: removed on one side, changed on the other (ours {}, theirs {})",
                self.item,
                side(&self.ours),
                side(&self.theirs)
            );
        }
        write!(
            f,
            "{} {}: base {}, ours {}, theirs {}",
            self.item,
            self.field,
            match &self.base {
                None => "(none)".to_owned(),
                b => show(b),
            },
            show(&self.ours),
            show(&self.theirs)
        )
    }
}
