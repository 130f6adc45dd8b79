//! The claims' corroboration as the views show it (the Claims view, the holder network, the event
//! card): worked out once per change of what it reads — the passages, the claims, the articles,
//! the actors and the sources' grades ([`crate::model::Stamps`]; a passage's credibility, the
//! codebook, the events or the ACH matrix change none of them, and on 32,000 stances working it
//! out again cost a 57 ms frame)
//! — and blind-coding filter, and shared by them. With
//! blind coding on, only the analyst's passages' stances count, and reprints are found among the
//! analyst's articles only (another coder's article is never credited).
//!
//! Finding reprints is the costly part — every article that holds a stance is shingled — and it
//! only needs doing again when one of those articles (or its text, or its date) changes. When
//! their texts are large it runs on a worker; meanwhile the summaries are worked out at once with
//! the reprints last found (an article those do not know counts as its own original), so the
//! stances shown are always the project's, and only the independent-outlet counts may still
//! change: the views say so while it runs. The reprints of the last two inputs are kept, so
//! turning blind coding on and off does not find them again.

use std::sync::Arc;
use std::time::Duration;

use crate::corroboration::{ReprintCache, ReprintInput, Reprints, Summary, summaries_given};
use crate::model::DocId;
use crate::model::Project;
use crate::ui::job::{Job, Poll};

/// Texts up to this size (about 10 ms of shingling) have their reprints found at once; beyond,
/// on a worker.
const AT_ONCE_BYTES: usize = 1 << 20;

/// The shared corroboration of the project's claims.
#[derive(Debug, Default)]
pub struct Corroboration {
    /// Blind coding: only this analyst's stances count (`None`: every passage's).
    pub blind: Option<String>,
    /// What the summaries were worked out from.
    built: Option<Built>,
    summaries: Arc<Vec<Summary>>,
    /// Counts the changes of `summaries`, so that views rebuild what they derive from them.
    generation: u64,
    /// The reprints of the last inputs, with what they were found from, the latest first.
    caches: Vec<ReprintCache>,
    /// Reprints being found for this input.
    job: Option<(ReprintInput, Job<Reprints>)>,
}

/// What the summaries read: the stamps of the parts of the project they come from, and the
/// blind-coding filter.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Built {
    passages: u64,
    claims: u64,
    documents: u64,
    actors: u64,
    source_grades: u64,
    blind: Option<String>,
}

impl Built {
    fn of(project: &Project, blind: &Option<String>) -> Self {
        let stamps = project.stamps();
        Self {
            passages: stamps.passages,
            claims: stamps.claims,
            documents: stamps.documents,
            actors: stamps.actors,
            source_grades: stamps.source_grades,
            blind: blind.clone(),
        }
    }
}

/// The summaries of the current revision, as the views read them.
#[derive(Debug, Clone)]
pub struct Corroborated {
    /// Every claim's summary, in the order of [`crate::corroboration::analyse`].
    pub summaries: Arc<Vec<Summary>>,
    /// Changes whenever the summaries do.
    pub generation: u64,
    /// While reprints are being found: what is being done (the counts of independent outlets
    /// may still change).
    pub finding: Option<String>,
}

impl Corroboration {
    /// The summaries of `project`'s claims, worked out when what they read changed or reprints
    /// found on the worker came in; asks for a repaint while the worker runs.
    pub fn get(&mut self, project: &Project, ctx: &egui::Context) -> Corroborated {
        if let Some((input, job)) = &self.job {
            match job.poll() {
                Poll::Done(reprints) => {
                    let input = input.clone();
                    self.keep(input, reprints);
                    self.job = None;
                    // Work the summaries out again with the reprints found.
                    self.built = None;
                }
                Poll::Running => ctx.request_repaint_after(Duration::from_millis(100)),
                Poll::Cancelled | Poll::Lost => self.job = None,
            }
        }
        let key = Built::of(project, &self.blind);
        if self.built.as_ref() != Some(&key) {
            self.refresh(project);
            self.built = Some(key);
        }
        Corroborated {
            summaries: Arc::clone(&self.summaries),
            generation: self.generation,
            finding: self.job.as_ref().map(|(_, job)| job.progress_text()),
        }
    }

    /// Keeps the reprints found from `input`, with those of the input before.
    fn keep(&mut self, input: ReprintInput, reprints: Reprints) {
        let mut cache = ReprintCache::default();
        cache.put(input, reprints);
        self.caches.insert(0, cache);
        self.caches.truncate(2);
    }

    /// The reprints found from `input`, if kept.
    fn found(&self, input: &ReprintInput) -> Option<&Reprints> {
        self.caches.iter().find_map(|c| c.get(input))
    }

    /// Works the summaries out for the project as it is now, with the blind-coding filter.
    fn refresh(&mut self, project: &Project) {
        let blind = self.blind.clone();
        let blind = blind.as_deref();
        let input = ReprintInput::of(project, blind);
        if let Some(reprints) = self.found(&input) {
            let summaries = summaries_given(project, reprints, blind);
            self.summaries = Arc::new(summaries);
            self.generation += 1;
            return;
        }
        let docs: std::collections::BTreeSet<DocId> = input.docs();
        if input.text_bytes() <= AT_ONCE_BYTES {
            let reprints = input.find();
            self.keep(input, reprints);
            if let Some((_, job)) = self.job.take() {
                job.cancel();
            }
        } else if self.job.as_ref().is_none_or(|(wanted, _)| *wanted != input) {
            if let Some((_, job)) = self.job.take() {
                job.cancel();
            }
            let work = input.clone();
            let job = Job::spawn(
                format!("Finding reprints among {} articles", work.len()),
                move |_| work.find(),
            );
            self.job = Some((input, job));
        }
        // The reprints just found, or meanwhile the last ones kept, restricted to these
        // articles (those of a larger set could credit an article blind coding hides).
        let reprints = (self.caches.first())
            .map(|c| c.last().within(project, &docs))
            .unwrap_or_default();
        self.summaries = Arc::new(summaries_given(project, &reprints, blind));
        self.generation += 1;
    }

    /// Waits for the reprints being found, if any (tests, measurements).
    pub fn wait(&mut self) {
        if let Some((input, job)) = self.job.take()
            && let Some(reprints) = job.wait()
        {
            self.keep(input, reprints);
            self.built = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, ClaimId, Document, EvidenceParts, Parts, Passage, Stance};

    /// Two outlets running one long wire story (each with a line of its own) and a claim both
    /// support: one independent outlet once the reprint is known, two before.
    fn wire_project() -> Project {
        let story: String = (0..100_000)
            .map(|i| format!("w{} ", i % 997 + i / 7))
            .collect();
        let mut docs = Vec::new();
        for outlet in ["Wire One", "Paper Two"] {
            let mut d = Document::new(outlet, format!("{story} Printed by {outlet}."));
            d.source = outlet.into();
            docs.push(d);
        }
        let passages: Vec<Passage> = (docs.iter())
            .map(|d| Passage::new(d, 0, 20).expect("span"))
            .collect();
        let claim = Claim {
            id: ClaimId::random(),
            statement: "The story".into(),
            event: None,
            description: String::new(),
            stances: passages.iter().map(|p| (p.id, Stance::Supports)).collect(),
        };
        Project::from_parts_with_evidence(
            Parts {
                title: "wire".into(),
                documents: docs,
                passages,
                ..Parts::default()
            },
            vec![],
            EvidenceParts {
                claims: vec![claim],
                ..EvidenceParts::default()
            },
        )
        .expect("valid")
    }

    #[test]
    fn large_texts_are_found_on_a_worker_and_the_stances_show_meanwhile() {
        let project = wire_project();
        assert!(ReprintInput::of(&project, None).text_bytes() > AT_ONCE_BYTES);
        let ctx = egui::Context::default();
        let mut corroboration = Corroboration::default();
        let first = corroboration.get(&project, &ctx);
        assert!(
            first.finding.is_some(),
            "the reprints are found on a worker"
        );
        assert_eq!(first.summaries.len(), 1);
        assert_eq!(
            first.summaries[0].stances.len(),
            2,
            "the stances show at once"
        );
        assert_eq!(
            first.summaries[0].independent_outlets, 2,
            "no reprint known yet"
        );
        corroboration.wait();
        let found = corroboration.get(&project, &ctx);
        assert!(found.finding.is_none());
        assert!(found.generation > first.generation);
        assert_eq!(
            found.summaries[0].independent_outlets, 1,
            "the reprint counts once"
        );
        assert!(found.summaries[0].single_source);
        // Nothing changed: nothing is worked out again.
        assert_eq!(
            corroboration.get(&project, &ctx).generation,
            found.generation
        );
    }

    #[test]
    fn blind_coding_counts_only_the_analysts_stances_and_toggling_works_them_out_again() {
        let coded = crate::model::three_coders();
        let ctx = egui::Context::default();
        let mut corroboration = Corroboration::default();
        let stances = |c: &mut Corroboration| -> Vec<(crate::model::PassageId, Stance)> {
            let got = c.get(&coded.project, &ctx);
            (got.summaries.iter())
                .flat_map(|s| &s.stances)
                .map(|r| (r.passage, r.stance))
                .collect()
        };
        let [ana, boris, _] = coded.passages;
        assert_eq!(
            stances(&mut corroboration),
            vec![(ana, Stance::Supports), (boris, Stance::Disputes)]
        );
        let before = corroboration.get(&coded.project, &ctx).generation;
        corroboration.blind = Some("Ana".into());
        assert_eq!(stances(&mut corroboration), vec![(ana, Stance::Supports)]);
        let blind = corroboration.get(&coded.project, &ctx);
        assert!(blind.generation > before, "the views see a new generation");
        assert_eq!(blind.summaries[0].independent_outlets, 1);
        assert_eq!(
            corroboration.caches.len(),
            1,
            "both coders' stances are in one article: its reprints were found once"
        );
        corroboration.blind = None;
        assert_eq!(stances(&mut corroboration).len(), 2, "shown again");
    }

    /// An edit that changes nothing the summaries read (a passage's credibility, the codebook)
    /// keeps them; a stance, and its undo, work them out again.
    #[test]
    fn only_edits_of_what_they_read_work_the_summaries_out_again() {
        use crate::edit::{Edit, apply};
        use crate::model::{Credibility, Grade};
        let coded = crate::model::three_coders();
        let mut project = coded.project;
        let ctx = egui::Context::default();
        let mut corroboration = Corroboration::default();
        let first = corroboration.get(&project, &ctx).generation;
        let [ana, _, nobody] = coded.passages;
        let grade = Edit::SetGrade(Grade::Passage(ana, Credibility::Doubtful));
        apply(&mut project, grade).expect("grade");
        let tag = crate::model::test_tag(77, "A new tag", None);
        apply(&mut project, Edit::AddTag(tag)).expect("tag");
        assert_eq!(corroboration.get(&project, &ctx).generation, first, "kept");
        let claim = *project.evidence().claims().keys().next().expect("a claim");
        let stance = Edit::SetStance {
            claim,
            passage: nobody,
            stance: Some(crate::model::Stance::Qualifies),
        };
        let undo = apply(&mut project, stance).expect("stance");
        let with_stance = corroboration.get(&project, &ctx);
        assert!(with_stance.generation > first, "worked out again");
        let rows = |c: &Corroborated| c.summaries.iter().map(|s| s.stances.len()).sum::<usize>();
        let stances = rows(&with_stance);
        apply(&mut project, undo).expect("undo");
        let undone = corroboration.get(&project, &ctx);
        assert!(undone.generation > with_stance.generation);
        assert_eq!(rows(&undone) + 1, stances, "the stance is gone again");
    }
}
