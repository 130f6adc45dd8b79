//! Three-way merge of feeds and fetch records ([`crate::model::web`]). They are the machine's
//! bookkeeping, not the analyst's writing, so they merge without conflicts:
//! - a feed or record changed on one side only takes that side (removed included); one removed
//!   on one side and changed on the other is kept, changed;
//! - changed on both sides, a feed takes the state of the side that checked it last and the
//!   union of the items both have seen; a record takes the fields of the side that fetched last
//!   and the union of both sides' versions (by hash and date, oldest first);
//! - records follow their articles (renamed when an article imported on both sides became one)
//!   and go with them when the merged project has no such article.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{DocId, Feed, Fetched, Project};

/// The merged feeds and fetch records for `merged` (the project being built).
pub(super) fn merge(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    rename: &HashMap<DocId, DocId>,
    merged: &Project,
) -> (Vec<Feed>, Vec<Fetched>) {
    let feeds = three_way(
        &base.web().feeds,
        &ours.web().feeds,
        &theirs.web().feeds,
        join_feeds,
    );
    let records = |p: &Project| -> BTreeMap<DocId, Fetched> {
        p.web()
            .fetched
            .values()
            .map(|r| {
                let doc = rename.get(&r.doc).copied().unwrap_or(r.doc);
                (doc, Fetched { doc, ..r.clone() })
            })
            .collect()
    };
    let fetched = three_way(
        &records(base),
        &records(ours),
        &records(theirs),
        join_records,
    )
    .into_iter()
    .filter(|r| merged.document(r.doc).is_some())
    .collect();
    (feeds, fetched)
}

/// Per key: one side's change wins; both changed, `join` decides.
fn three_way<K: Ord + Clone, V: Clone + PartialEq>(
    base: &BTreeMap<K, V>,
    ours: &BTreeMap<K, V>,
    theirs: &BTreeMap<K, V>,
    join: fn(&V, &V) -> V,
) -> Vec<V> {
    let keys: BTreeSet<&K> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    keys.into_iter()
        .filter_map(|k| {
            let (b, o, t) = (base.get(k), ours.get(k), theirs.get(k));
            if o == t {
                o.cloned()
            } else if b == o {
                t.cloned()
            } else if b == t {
                o.cloned()
            } else {
                match (o, t) {
                    (Some(o), Some(t)) => Some(join(o, t)),
                    // Removed on one side, changed on the other: kept, changed.
                    (Some(v), None) | (None, Some(v)) => Some(v.clone()),
                    (None, None) => None,
                }
            }
        })
        .collect()
}

fn join_feeds(o: &Feed, t: &Feed) -> Feed {
    let (later, earlier) = if t.checked > o.checked {
        (t, o)
    } else {
        (o, t)
    };
    let mut seen: Vec<String> = later.seen.iter().chain(&earlier.seen).cloned().collect();
    seen.sort();
    seen.dedup();
    Feed {
        seen,
        ..later.clone()
    }
}

fn join_records(o: &Fetched, t: &Fetched) -> Fetched {
    let (later, earlier) = if (t.fetched, &t.hash) > (o.fetched, &o.hash) {
        (t, o)
    } else {
        (o, t)
    };
    let mut versions = later.versions.clone();
    for v in &earlier.versions {
        if !versions
            .iter()
            .any(|w| w.hash == v.hash && w.replaced == v.replaced)
        {
            versions.push(v.clone());
        }
    }
    versions.sort_by(|a, b| (a.replaced, &a.hash).cmp(&(b.replaced, &b.hash)));
    Fetched {
        versions,
        ..later.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Parts, Timestamp, Version};

    fn version(hash: &str, at: i64) -> Version {
        Version {
            fetched: Timestamp(at - 10),
            replaced: Timestamp(at),
            hash: hash.into(),
            title: String::new(),
            stealth: false,
            text: format!("text {hash}"),
        }
    }

    #[test]
    fn feeds_and_versions_from_both_sides_survive_a_merge() {
        let doc = Document::new("A", "Some text of an article.");
        let id = doc.id;
        let base = Project::from_parts(Parts {
            title: "t".into(),
            documents: vec![doc],
            ..Parts::default()
        })
        .expect("valid");
        let record = Fetched {
            doc: id,
            url: "http://x/a".into(),
            canonical: String::new(),
            fetched: Timestamp(100),
            hash: "h0".into(),
            modified: None,
            feed: String::new(),
            versions: Vec::new(),
        };
        let base = base
            .with_web(vec![Feed::new("http://x/feed")], vec![record.clone()])
            .expect("valid");
        let side = |hash: &str, at: i64, seen: &str, feed2: Option<&str>| {
            let mut feed = Feed::new("http://x/feed");
            feed.seen = vec![seen.to_owned()];
            feed.checked = Some(Timestamp(at));
            let mut feeds = vec![feed];
            feeds.extend(feed2.map(Feed::new));
            let r = Fetched {
                fetched: Timestamp(at),
                hash: hash.into(),
                versions: vec![version(&format!("v{hash}"), at)],
                ..record.clone()
            };
            Project::from_parts(base.to_parts())
                .expect("valid")
                .with_web(feeds, vec![r])
                .expect("valid")
        };
        let ours = side("h1", 200, "http://x/1", Some("http://ours/feed"));
        let theirs = side("h2", 300, "http://x/2", None);
        let merged = crate::merge::merge(&base, &ours, &theirs)
            .expect("merges")
            .project;
        let web = merged.web();
        assert_eq!(web.feeds.len(), 2, "a feed added on one side is kept");
        let feed = &web.feeds["http://x/feed"];
        assert_eq!(
            feed.seen,
            vec!["http://x/1".to_owned(), "http://x/2".to_owned()]
        );
        assert_eq!(feed.checked, Some(Timestamp(300)));
        let r = &web.fetched[&id];
        assert_eq!(r.hash, "h2", "the later fetch wins");
        let hashes: Vec<&str> = r.versions.iter().map(|v| v.hash.as_str()).collect();
        assert_eq!(hashes, ["vh1", "vh2"], "both sides' versions, oldest first");
        // Merging a side with the original gives that side.
        let same = crate::merge::merge(&base, &ours, &base)
            .expect("merges")
            .project;
        assert_eq!(same.web(), ours.web());
    }
}
