//! Counts of the passages blind coding shows, for the panels that show counts (the codebook's
//! passages per tag, the library's passages per article). The project keeps its own counts of
//! every passage up to date edit by edit; these are counted from scratch, once per (project
//! revision, analyst), with the domain's rule ([`crate::model::Passage::is_shown`]).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::model::Project;

/// Counts by key (tag, article…) of one analyst's passages, kept until the project or the
/// analyst changes.
#[derive(Debug, Clone)]
pub struct BlindCounts<K> {
    key: Option<(u64, String)>,
    counts: Arc<BTreeMap<K, usize>>,
}

impl<K> Default for BlindCounts<K> {
    fn default() -> Self {
        Self {
            key: None,
            counts: Arc::new(BTreeMap::new()),
        }
    }
}

/// A cache is not part of a state's meaning.
impl<K> PartialEq for BlindCounts<K> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl<K> Eq for BlindCounts<K> {}

impl<K> BlindCounts<K> {
    /// With blind coding on for `blind`'s analyst, the counts of that analyst's passages,
    /// counted with `count` when the project or the analyst changed; `None` with it off (ask
    /// the project for its own counts then).
    pub fn get(
        &mut self,
        project: &Project,
        blind: Option<&str>,
        count: impl FnOnce(&Project, Option<&str>) -> BTreeMap<K, usize>,
    ) -> Option<Arc<BTreeMap<K, usize>>> {
        let analyst = blind?;
        let fresh = (self.key.as_ref())
            .is_some_and(|(revision, a)| *revision == project.revision() && a == analyst);
        if !fresh {
            self.counts = Arc::new(count(project, blind));
            self.key = Some((project.revision(), analyst.to_owned()));
        }
        Some(Arc::clone(&self.counts))
    }

    /// The counts as last counted, if they are of this project revision and `blind`'s analyst
    /// (for a caller that cannot count; `None` otherwise).
    pub fn cached(&self, project: &Project, blind: Option<&str>) -> Option<&BTreeMap<K, usize>> {
        let analyst = blind?;
        (self.key.as_ref())
            .is_some_and(|(revision, a)| *revision == project.revision() && a == analyst)
            .then_some(&*self.counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_once_per_revision_and_analyst_and_not_at_all_without_blind_coding() {
        let coded = crate::model::three_coders();
        let p = &coded.project;
        let mut cache = BlindCounts::default();
        let mut counted = 0;
        let mut count = |blind: Option<&str>, cache: &mut BlindCounts<_>| {
            cache.get(p, blind, |p, b| {
                counted += 1;
                p.count_tags_shown(b)
            })
        };
        assert!(count(None, &mut cache).is_none());
        let tag = coded.tags[0];
        assert_eq!(
            count(Some("Ana"), &mut cache).and_then(|c| c.get(&tag).copied()),
            Some(1)
        );
        assert!(count(Some("Ana"), &mut cache).is_some());
        assert!(count(Some("Carla"), &mut cache).is_some_and(|c| c.is_empty()));
        assert_eq!(counted, 2, "once per analyst");
        assert!(cache.cached(p, Some("Carla")).is_some());
        assert!(cache.cached(p, Some("Ana")).is_none());
        assert!(cache.cached(p, None).is_none());
    }
}
