//! Merging the grades of outlets, actors and passages ([`crate::model::claim`]): each graded
//! thing is a scalar of its own, an absent grade is the default (F, 6), so a grade given or
//! cleared on one side is taken, and one changed differently on both sides is a conflict that
//! keeps the original's grade until one is picked.
//!
//! The conflicts name what was graded: an actor's grade is its field [`GRADE_FIELD`], a
//! passage's credibility its field [`CREDIBILITY_FIELD`], and an outlet — a name, not an item —
//! is the project's field `outlet grade NAME` ([`OUTLET_GRADE_FIELD`]).

use std::collections::BTreeMap;

use super::fields::{Fields, Value};
use crate::model::claim::outlet_key;
use crate::model::{
    ActorGrade, Conflict, Grades, OutletGrade, PROJECT_ITEM, PassageGrade, Project, Reliability,
};

/// The field of a conflict on an actor's reliability grade.
pub const GRADE_FIELD: &str = "grade";
/// The field of a conflict on a passage's credibility grade.
pub const CREDIBILITY_FIELD: &str = "credibility";
/// The project's field of a conflict on an outlet's grade, followed by the outlet's name.
pub const OUTLET_GRADE_FIELD: &str = "outlet grade";

/// Merges three maps of grades, absent meaning the default; `name` gives a key's conflict item
/// and field.
fn merge_map<K: Ord + Clone, V: Value + Default>(
    b: &BTreeMap<K, V>,
    o: &BTreeMap<K, V>,
    t: &BTreeMap<K, V>,
    name: impl Fn(&K) -> (String, String),
    conflicts: &mut Vec<Conflict>,
) -> BTreeMap<K, V> {
    let keys: std::collections::BTreeSet<&K> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    let mut out = BTreeMap::new();
    for k in keys {
        let get = |m: &BTreeMap<K, V>| m.get(k).cloned().unwrap_or_default();
        let (bv, ov, tv) = (get(b), get(o), get(t));
        let (item, field) = name(k);
        let mut fields = Fields { item, conflicts };
        let v = fields.scalar(&field, Some(&bv), &ov, &tv);
        if v != V::default() {
            out.insert(k.clone(), v);
        }
    }
    out
}

/// One of two spellings of a name without a conflict: the side that changed it, or the smaller.
fn spelling<'a>(b: Option<&'a str>, o: Option<&'a str>, t: Option<&'a str>) -> Option<&'a str> {
    match (o, t) {
        (Some(o), Some(t)) if o == t || b == Some(t) => Some(o),
        (Some(o), Some(t)) if b == Some(o) => Some(t),
        (Some(o), Some(t)) => Some(o.min(t)),
        (Some(x), None) | (None, Some(x)) => Some(x),
        (None, None) => b,
    }
}

/// A side's grades, with the grades its removals of actors and passages took away put back (as
/// the original had them): removing an item is the item's change, not a regrading. Grades left
/// on items the result lacks are dropped after the merge.
pub fn side_grades(side: &Project, base: &Project) -> Grades {
    let mut grades = side.evidence().grades();
    let original = base.evidence().grades();
    (grades.actors).extend((original.actors.into_iter()).filter(|g| side.actor(g.actor).is_none()));
    (grades.passages)
        .extend((original.passages.into_iter()).filter(|g| !side.has_passage_id(g.passage)));
    grades
}

/// The merged grades of three sides' (see the module documentation).
pub fn merge_grades(b: &Grades, o: &Grades, t: &Grades, conflicts: &mut Vec<Conflict>) -> Grades {
    let outlets = |g: &Grades| -> BTreeMap<String, Reliability> {
        (g.outlets.iter())
            .map(|g| (outlet_key(&g.outlet), g.grade))
            .collect()
    };
    let names = |g: &Grades| -> BTreeMap<String, String> {
        (g.outlets.iter())
            .map(|g| (outlet_key(&g.outlet), g.outlet.clone()))
            .collect()
    };
    let (bn, on, tn) = (names(b), names(o), names(t));
    let spelled = |key: &String| -> String {
        fn get<'m>(m: &'m BTreeMap<String, String>, key: &String) -> Option<&'m str> {
            m.get(key).map(String::as_str)
        }
        spelling(get(&bn, key), get(&on, key), get(&tn, key))
            .unwrap_or(key)
            .to_owned()
    };
    let merged_outlets = merge_map(
        &outlets(b),
        &outlets(o),
        &outlets(t),
        |key| {
            (
                PROJECT_ITEM.to_owned(),
                format!("{OUTLET_GRADE_FIELD} {}", spelled(key)),
            )
        },
        conflicts,
    );
    let actors = |g: &Grades| g.actors.iter().map(|g| (g.actor, g.grade)).collect();
    let merged_actors = merge_map(
        &actors(b),
        &actors(o),
        &actors(t),
        |a| (a.to_string(), GRADE_FIELD.to_owned()),
        conflicts,
    );
    let passages = |g: &Grades| {
        (g.passages.iter())
            .map(|g| (g.passage, g.credibility))
            .collect()
    };
    let merged_passages = merge_map(
        &passages(b),
        &passages(o),
        &passages(t),
        |p| (p.to_string(), CREDIBILITY_FIELD.to_owned()),
        conflicts,
    );
    Grades {
        outlets: (merged_outlets.into_iter())
            .map(|(key, grade)| OutletGrade {
                outlet: spelled(&key),
                grade,
            })
            .collect(),
        actors: (merged_actors.into_iter())
            .map(|(actor, grade)| ActorGrade { actor, grade })
            .collect(),
        passages: (merged_passages.into_iter())
            .map(|(passage, credibility)| PassageGrade {
                passage,
                credibility,
            })
            .collect(),
    }
}
