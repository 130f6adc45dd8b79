//! Field-by-field merging of one item changed on both sides, and the table of each collection's
//! fields: [`Item`] is what a collection implements to take part in the merge (how to merge two
//! versions of one of its items, how to set a field from a conflict's chosen value).
//!
//! Field kinds: scalars (a name, a colour, a parent, a date) take the side that changed, and
//! conflict when both changed differently; sets (tags, links, aliases, participants) take every
//! add and remove of both sides; texts (notes, descriptions) merge line by line ([`super::lines`]);
//! timestamps and the analyst who last changed an item never conflict (the latest wins). On a
//! conflict the merged item keeps the common original's value (or, with no original, the smaller
//! of the two), so the result does not depend on which side is "ours".

use std::collections::BTreeSet;

use crate::model::{
    Actor, ActorKind, Claim, Conflict, Credibility, DateSpec, Document, Event, EventId, EventKind,
    PartialDate, Passage, PassageId, Reliability, Rgb, Stance, Tag, TagId, Timestamp,
};

/// A field's value as a conflict shows it and as a resolution gives it back.
pub trait Value: Clone + PartialEq {
    /// The text of the value (a string field as it is).
    fn encode(&self) -> String;
    /// The value of a text; an error says why it is not one.
    fn decode(text: &str) -> Result<Self, String>;
    /// What orders two values whose texts are equal (a span's anchor beyond its quote), so the
    /// value kept without an original does not depend on which side is ours.
    fn tie_break(&self) -> String {
        String::new()
    }
}

impl Value for String {
    fn encode(&self) -> String {
        self.clone()
    }
    fn decode(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

/// `Value` through `Display` and `FromStr`.
macro_rules! value_via_text {
    ($($t:ty),*) => {$(
        impl Value for $t {
            fn encode(&self) -> String {
                self.to_string()
            }
            fn decode(text: &str) -> Result<Self, String> {
                text.trim().parse().map_err(|e| format!("{e}"))
            }
        }
        impl Value for Option<$t> {
            fn encode(&self) -> String {
                self.as_ref().map(ToString::to_string).unwrap_or_default()
            }
            fn decode(text: &str) -> Result<Self, String> {
                match text.trim() {
                    "" => Ok(None),
                    t => t.parse().map(Some).map_err(|e| format!("{e}")),
                }
            }
        }
    )*};
}
value_via_text!(
    Rgb,
    PartialDate,
    DateSpec,
    TagId,
    EventId,
    Stance,
    Reliability,
    Credibility
);

/// `Value` through the enum's RON name (`Person`).
macro_rules! value_via_ron {
    ($($t:ty),*) => {$(
        impl Value for $t {
            fn encode(&self) -> String {
                ron::to_string(self).unwrap_or_default()
            }
            fn decode(text: &str) -> Result<Self, String> {
                ron::from_str(text.trim()).map_err(|e| e.code.to_string())
            }
        }
    )*};
}
value_via_ron!(ActorKind, EventKind);

/// Merges the fields of one item and collects its conflicts.
pub struct Fields<'c> {
    /// The item's id text.
    pub item: String,
    /// Where conflicts go.
    pub conflicts: &'c mut Vec<Conflict>,
}

impl Fields<'_> {
    /// Records a conflict on a field.
    pub fn conflict(
        &mut self,
        field: &str,
        base: Option<String>,
        ours: Option<String>,
        theirs: Option<String>,
    ) {
        self.conflicts.push(Conflict {
            item: self.item.clone(),
            field: field.to_owned(),
            base,
            ours,
            theirs,
        });
    }

    /// A scalar field: the side that changed it; a conflict when both changed it differently
    /// (the original's value is kept, or with none the smaller text).
    pub fn scalar<V: Value>(&mut self, field: &str, b: Option<&V>, o: &V, t: &V) -> V {
        if o == t || b == Some(t) {
            return o.clone();
        }
        if b == Some(o) {
            return t.clone();
        }
        let (oe, te) = (o.encode(), t.encode());
        self.conflict(
            field,
            b.map(Value::encode),
            Some(oe.clone()),
            Some(te.clone()),
        );
        match b {
            Some(b) => b.clone(),
            None if (&oe, o.tie_break()) <= (&te, t.tie_break()) => o.clone(),
            None => t.clone(),
        }
    }

    /// A text field: the side that changed it; changed on both, merged line by line, and a
    /// conflict when the changes touch.
    pub fn text(&mut self, field: &str, b: Option<&String>, o: &String, t: &String) -> String {
        if o == t || b == Some(t) {
            return o.clone();
        }
        if b == Some(o) {
            return t.clone();
        }
        let base = b.map_or("", String::as_str);
        match super::lines::merge(base, o, t) {
            Some(merged) => merged,
            None => self.scalar_conflict(field, b, o, t),
        }
    }

    /// A map from keys to scalars (a claim's stances by passage): each key merges as a scalar
    /// of its own, absent meaning `None`, so both sides' adds and removes are taken and only the
    /// same key changed differently on both sides is a conflict, on the field `{prefix} {key}`.
    /// The result is sorted by key.
    pub fn keyed<K: Ord + Copy + std::fmt::Display, V: Clone + PartialEq>(
        &mut self,
        prefix: &str,
        b: Option<&[(K, V)]>,
        o: &[(K, V)],
        t: &[(K, V)],
    ) -> Vec<(K, V)>
    where
        Option<V>: Value,
    {
        if o == t || b == Some(t) {
            return o.to_vec();
        }
        if b == Some(o) {
            return t.to_vec();
        }
        let find =
            |list: &[(K, V)], k: &K| list.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
        let keys: BTreeSet<K> = (b.unwrap_or_default().iter().chain(o).chain(t))
            .map(|(k, _)| *k)
            .collect();
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            let bv = b.map(|b| find(b, &k));
            let (ov, tv) = (find(o, &k), find(t, &k));
            // With no original, a key only one side has was added there.
            let v = match (&bv, &ov, &tv) {
                (None, Some(_), None) => ov,
                (None, None, Some(_)) => tv,
                _ => self.scalar(&format!("{prefix} {k}"), bv.as_ref(), &ov, &tv),
            };
            if let Some(v) = v {
                out.push((k, v));
            }
        }
        out
    }

    fn scalar_conflict<V: Value + Ord>(&mut self, field: &str, b: Option<&V>, o: &V, t: &V) -> V {
        self.conflict(
            field,
            b.map(Value::encode),
            Some(o.encode()),
            Some(t.encode()),
        );
        b.cloned().unwrap_or_else(|| o.min(t).clone())
    }
}

/// A set of values: every add and every remove of both sides. Sorted lists stay sorted; others
/// keep the original's order, then the additions in order.
pub fn set<V: Ord + Clone>(b: Option<&[V]>, o: &[V], t: &[V]) -> Vec<V> {
    if o == t || b == Some(t) {
        return o.to_vec();
    }
    if b == Some(o) {
        return t.to_vec();
    }
    let base: BTreeSet<&V> = b.unwrap_or_default().iter().collect();
    let os: BTreeSet<&V> = o.iter().collect();
    let ts: BTreeSet<&V> = t.iter().collect();
    let keep = |v: &V| {
        let (io, it) = (os.contains(v), ts.contains(v));
        (io && it) || ((io || it) && !base.contains(v))
    };
    let mut out: Vec<V> = Vec::new();
    let mut seen = BTreeSet::new();
    for v in b.unwrap_or_default() {
        if keep(v) && seen.insert(v.clone()) {
            out.push(v.clone());
        }
    }
    let mut added: Vec<&V> = os
        .union(&ts)
        .copied()
        .filter(|v| !base.contains(v))
        .collect();
    added.sort();
    for v in added {
        if seen.insert(v.clone()) {
            out.push(v.clone());
        }
    }
    out
}

/// The later of two change times, without conflict.
fn latest(o: Timestamp, t: Timestamp) -> Timestamp {
    o.max(t)
}

/// Who made an item: the side that changed it, and with both changed, the greater name — never
/// a conflict (it follows the item's other fields).
fn quiet(b: Option<&String>, o: &String, t: &String) -> String {
    if o == t || b == Some(t) {
        o.clone()
    } else if b == Some(o) {
        t.clone()
    } else {
        o.max(t).clone()
    }
}

/// Who last changed a passage changed on both sides: the author of the later change (by its
/// `edited` time; the greater name on a tie).
fn by_latest(b: Option<&Passage>, o: &Passage, t: &Passage) -> String {
    if o.author == t.author || b.is_some_and(|b| b.author == t.author) {
        return o.author.clone();
    }
    if b.is_some_and(|b| b.author == o.author) {
        return t.author.clone();
    }
    let later = (o.edited, &o.author).max((t.edited, &t.author));
    later.1.clone()
}

/// One kind of item in a collection the merge knows: how two versions of it merge field by
/// field, what to call it, and how a conflict's chosen value is put back. A new collection
/// implements this and adds one line to [`super::merge`] (and one to
/// [`super::resolve::resolution`]).
pub trait Item: PartialEq {
    /// What the merge makes of it (the item itself, owned).
    type Out;
    /// Its id as text (what conflicts name).
    fn id_text(&self) -> String;
    /// A few words that say which item it is, for "removed on one side, changed on the other".
    fn describe(&self) -> String;
    /// The item as the merge result holds it.
    fn to_out(&self) -> Self::Out;
    /// Merges two versions that both differ from the original (`None`: added on both sides).
    fn merge_both(b: Option<&Self>, o: &Self, t: &Self, f: &mut Fields<'_>) -> Self::Out;
}

/// Putting a conflict's chosen value back into an item.
pub trait Settable {
    /// Sets a field from a conflict's value (the names are those [`Item::merge_both`] records).
    fn set_field(&mut self, field: &str, value: &str) -> Result<(), String>;
}

fn unknown(field: &str) -> String {
    format!("there is no field {field:?} to set")
}

/// The parts of [`Item`] an item merged as itself writes the same way: the item as the result,
/// its id, and its kind with its name (`tag "Claim"`).
macro_rules! owned_item {
    ($kind:literal, $name:ident) => {
        type Out = Self;
        fn to_out(&self) -> Self {
            self.clone()
        }
        fn id_text(&self) -> String {
            self.id.to_string()
        }
        fn describe(&self) -> String {
            format!(concat!($kind, " {:?}"), self.$name)
        }
    };
}
pub(super) use owned_item;

impl Item for Tag {
    owned_item!("tag", name);
    fn merge_both(b: Option<&Self>, o: &Self, t: &Self, f: &mut Fields<'_>) -> Self {
        Self {
            id: o.id,
            name: f.scalar("name", b.map(|b| &b.name), &o.name, &t.name),
            color: f.scalar("color", b.map(|b| &b.color), &o.color, &t.color),
            parent: f.scalar("parent", b.map(|b| &b.parent), &o.parent, &t.parent),
            description: f.text(
                "description",
                b.map(|b| &b.description),
                &o.description,
                &t.description,
            ),
        }
    }
}

impl Settable for Tag {
    fn set_field(&mut self, field: &str, value: &str) -> Result<(), String> {
        match field {
            "name" => self.name = Value::decode(value)?,
            "color" => self.color = Value::decode(value)?,
            "parent" => self.parent = Value::decode(value)?,
            "description" => self.description = Value::decode(value)?,
            _ => return Err(unknown(field)),
        }
        Ok(())
    }
}

impl Item for Actor {
    owned_item!("actor", name);
    fn merge_both(b: Option<&Self>, o: &Self, t: &Self, f: &mut Fields<'_>) -> Self {
        Self {
            author: quiet(b.map(|b| &b.author), &o.author, &t.author),
            id: o.id,
            name: f.scalar("name", b.map(|b| &b.name), &o.name, &t.name),
            kind: f.scalar("kind", b.map(|b| &b.kind), &o.kind, &t.kind),
            aliases: set(b.map(|b| &b.aliases[..]), &o.aliases, &t.aliases),
            description: f.text(
                "description",
                b.map(|b| &b.description),
                &o.description,
                &t.description,
            ),
        }
    }
}

impl Settable for Actor {
    fn set_field(&mut self, field: &str, value: &str) -> Result<(), String> {
        match field {
            "name" => self.name = Value::decode(value)?,
            "kind" => self.kind = Value::decode(value)?,
            "description" => self.description = Value::decode(value)?,
            _ => return Err(unknown(field)),
        }
        Ok(())
    }
}

impl Item for Event {
    owned_item!("event", title);
    fn merge_both(b: Option<&Self>, o: &Self, t: &Self, f: &mut Fields<'_>) -> Self {
        Self {
            author: quiet(b.map(|b| &b.author), &o.author, &t.author),
            id: o.id,
            title: f.scalar("title", b.map(|b| &b.title), &o.title, &t.title),
            date: f.scalar("date", b.map(|b| &b.date), &o.date, &t.date),
            place: f.scalar("place", b.map(|b| &b.place), &o.place, &t.place),
            kind: f.scalar("kind", b.map(|b| &b.kind), &o.kind, &t.kind),
            participants: set(
                b.map(|b| &b.participants[..]),
                &o.participants,
                &t.participants,
            ),
            description: f.text(
                "description",
                b.map(|b| &b.description),
                &o.description,
                &t.description,
            ),
        }
    }
}

impl Settable for Event {
    fn set_field(&mut self, field: &str, value: &str) -> Result<(), String> {
        match field {
            "title" => self.title = Value::decode(value)?,
            "date" => self.date = Value::decode(value)?,
            "place" => self.place = Value::decode(value)?,
            "kind" => self.kind = Value::decode(value)?,
            "description" => self.description = Value::decode(value)?,
            _ => return Err(unknown(field)),
        }
        Ok(())
    }
}

impl Item for Document {
    owned_item!("article", title);
    fn merge_both(b: Option<&Self>, o: &Self, t: &Self, f: &mut Fields<'_>) -> Self {
        // The text, with the file and time it came from, is one field. Both sides replacing it
        // differently is a conflict; the original text stays until one is picked.
        let (text, origin, imported) = if o.text == t.text {
            let later = if (o.imported, &o.origin) >= (t.imported, &t.origin) {
                o
            } else {
                t
            };
            (
                o.text.clone(),
                later.origin.clone(),
                o.imported.max(t.imported),
            )
        } else if b.is_some_and(|b| b.text == o.text) {
            (t.text.clone(), t.origin.clone(), t.imported)
        } else if b.is_some_and(|b| b.text == t.text) {
            (o.text.clone(), o.origin.clone(), o.imported)
        } else {
            f.conflict(
                "text",
                b.map(|b| b.text.as_str().to_owned()),
                Some(o.text.as_str().to_owned()),
                Some(t.text.as_str().to_owned()),
            );
            match b {
                Some(b) => (b.text.clone(), b.origin.clone(), b.imported),
                None if o.text.as_str() <= t.text.as_str() => {
                    (o.text.clone(), o.origin.clone(), o.imported)
                }
                None => (t.text.clone(), t.origin.clone(), t.imported),
            }
        };
        Self {
            id: o.id,
            title: f.scalar("title", b.map(|b| &b.title), &o.title, &t.title),
            source: f.scalar("source", b.map(|b| &b.source), &o.source, &t.source),
            author: f.scalar("author", b.map(|b| &b.author), &o.author, &t.author),
            url: f.scalar("url", b.map(|b| &b.url), &o.url, &t.url),
            published: f.scalar(
                "published",
                b.map(|b| &b.published),
                &o.published,
                &t.published,
            ),
            origin,
            imported,
            text,
        }
    }
}

impl Settable for Document {
    fn set_field(&mut self, field: &str, value: &str) -> Result<(), String> {
        match field {
            "title" => self.title = Value::decode(value)?,
            "source" => self.source = Value::decode(value)?,
            "author" => self.author = Value::decode(value)?,
            "url" => self.url = Value::decode(value)?,
            "published" => self.published = Value::decode(value)?,
            // The text goes through re-anchoring (see `resolve`), not a plain set.
            _ => return Err(unknown(field)),
        }
        Ok(())
    }
}

impl Item for Claim {
    type Out = Self;
    fn to_out(&self) -> Self {
        self.clone()
    }
    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn describe(&self) -> String {
        let statement: String = self.statement.chars().take(60).collect();
        format!("claim {statement:?}")
    }
    fn merge_both(b: Option<&Self>, o: &Self, t: &Self, f: &mut Fields<'_>) -> Self {
        Self {
            id: o.id,
            statement: f.scalar(
                "statement",
                b.map(|b| &b.statement),
                &o.statement,
                &t.statement,
            ),
            event: f.scalar("event", b.map(|b| &b.event), &o.event, &t.event),
            description: f.text(
                "description",
                b.map(|b| &b.description),
                &o.description,
                &t.description,
            ),
            stances: f.keyed(
                STANCE_FIELD,
                b.map(|b| &b.stances[..]),
                &o.stances,
                &t.stances,
            ),
        }
    }
}

/// The field of a conflict on the stance one passage takes on a claim: `stance p…`, the value
/// the stance's name or empty for none.
pub const STANCE_FIELD: &str = "stance";

impl Settable for Claim {
    fn set_field(&mut self, field: &str, value: &str) -> Result<(), String> {
        match field {
            "statement" => self.statement = Value::decode(value)?,
            "event" => self.event = Value::decode(value)?,
            "description" => self.description = Value::decode(value)?,
            _ => {
                let passage = (field.strip_prefix(STANCE_FIELD))
                    .and_then(|rest| rest.trim().parse::<PassageId>().ok())
                    .ok_or_else(|| unknown(field))?;
                let stance: Option<Stance> = Value::decode(value)?;
                self.stances.retain(|(p, _)| *p != passage);
                self.stances.extend(stance.map(|s| (passage, s)));
                self.normalize();
            }
        }
        Ok(())
    }
}

/// A passage as the merge result holds it: placed in its text, or an orphan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The passage.
    pub passage: Passage,
    /// Whether it is an orphan.
    pub orphan: bool,
}

/// A passage as one side has it (borrowed): placed in its text, or an orphan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacedRef<'a> {
    /// The passage.
    pub passage: &'a Passage,
    /// Whether it is an orphan on this side.
    pub orphan: bool,
}

/// Where a passage is: its span and anchor, or that it is an orphan — one field, since they
/// only make sense together. Written `start..end` (or `orphan`) and the quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Quote, prefix and suffix.
    pub anchor: (String, String, String),
    /// Placed nowhere.
    pub orphan: bool,
}

impl Span {
    /// The span of a passage as one side has it.
    pub fn of(p: &PlacedRef<'_>) -> Self {
        Self {
            start: p.passage.start,
            end: p.passage.end,
            anchor: (
                p.passage.quote.clone(),
                p.passage.prefix.clone(),
                p.passage.suffix.clone(),
            ),
            orphan: p.orphan,
        }
    }
}

impl Value for Span {
    fn encode(&self) -> String {
        let place = if self.orphan {
            "orphan".to_owned()
        } else {
            format!("{}..{}", self.start, self.end)
        };
        format!("{place} {}", self.anchor.0)
    }
    fn tie_break(&self) -> String {
        format!("{}\n{}", self.anchor.1, self.anchor.2)
    }
    /// Only the place is read back (the anchor is recomputed from the text): `start..end`.
    fn decode(text: &str) -> Result<Self, String> {
        let place = text.split(' ').next().unwrap_or_default();
        let bad = || format!("{place:?} is not a span: write START..END");
        let (start, end) = place.split_once("..").ok_or_else(bad)?;
        Ok(Self {
            start: start.parse().map_err(|_| bad())?,
            end: end.parse().map_err(|_| bad())?,
            anchor: Default::default(),
            orphan: false,
        })
    }
}

impl Item for PlacedRef<'_> {
    type Out = Placed;
    fn id_text(&self) -> String {
        self.passage.id.to_string()
    }
    fn describe(&self) -> String {
        let quote: String = self.passage.quote.chars().take(60).collect();
        format!("passage {quote:?}")
    }
    fn to_out(&self) -> Placed {
        Placed {
            passage: self.passage.clone(),
            orphan: self.orphan,
        }
    }
    fn merge_both(b: Option<&Self>, o: &Self, t: &Self, f: &mut Fields<'_>) -> Placed {
        let (bp, op, tp) = (b.map(|b| b.passage), o.passage, t.passage);
        let span = f.scalar("span", b.map(Span::of).as_ref(), &Span::of(o), &Span::of(t));
        let created = match bp {
            Some(b) if b.created == op.created => tp.created,
            Some(b) if b.created == tp.created => op.created,
            _ => op.created.min(tp.created),
        };
        let passage = Passage {
            author: by_latest(bp, op, tp),
            id: op.id,
            doc: op.doc,
            start: span.start,
            end: span.end,
            quote: span.anchor.0,
            prefix: span.anchor.1,
            suffix: span.anchor.2,
            tags: set(bp.map(|b| &b.tags[..]), &op.tags, &tp.tags),
            actors: set(bp.map(|b| &b.actors[..]), &op.actors, &tp.actors),
            events: set(bp.map(|b| &b.events[..]), &op.events, &tp.events),
            note: f.text("note", bp.map(|b| &b.note), &op.note, &tp.note),
            created,
            edited: latest(op.edited, tp.edited),
        };
        Placed {
            passage,
            orphan: span.orphan,
        }
    }
}

impl Settable for Passage {
    fn set_field(&mut self, field: &str, value: &str) -> Result<(), String> {
        match field {
            "note" => self.note = Value::decode(value)?,
            _ => return Err(unknown(field)),
        }
        Ok(())
    }
}
