//! The claims' corroboration as the views show it (the Claims view, the holder network, the event
//! card): worked out once per project revision and shared by them.
//!
//! Finding reprints is the costly part — every article that holds a stance is shingled — and it
//! only needs doing again when one of those articles (or its text, or its date) changes. When
//! their texts are large it runs on a worker; meanwhile the summaries are worked out at once with
//! the reprints last found (an article those do not know counts as its own original), so the
//! stances shown are always the project's, and only the independent-outlet counts may still
//! change: the views say so while it runs.

use std::sync::Arc;
use std::time::Duration;

use crate::corroboration::{ReprintCache, ReprintInput, Reprints, Summary, summaries_given};
use crate::model::Project;
use crate::ui::job::{Job, Poll};

/// Texts up to this size (about 10 ms of shingling) have their reprints found at once; beyond,
/// on a worker.
const AT_ONCE_BYTES: usize = 1 << 20;

/// The shared corroboration of the project's claims.
#[derive(Debug, Default)]
pub struct Corroboration {
    /// The revision the summaries are of.
    revision: Option<u64>,
    summaries: Arc<Vec<Summary>>,
    /// Counts the changes of `summaries`, so that views rebuild what they derive from them.
    generation: u64,
    /// The reprints last found, with what they were found from.
    cache: ReprintCache,
    /// Reprints being found for this input.
    job: Option<(ReprintInput, Job<Reprints>)>,
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
    /// The summaries of `project`'s claims, worked out when its revision changed or reprints
    /// found on the worker came in; asks for a repaint while the worker runs.
    pub fn get(&mut self, project: &Project, ctx: &egui::Context) -> Corroborated {
        if let Some((input, job)) = &self.job {
            match job.poll() {
                Poll::Done(reprints) => {
                    self.cache.put(input.clone(), reprints);
                    self.job = None;
                    // Work the summaries out again with the reprints found.
                    self.revision = None;
                }
                Poll::Running => ctx.request_repaint_after(Duration::from_millis(100)),
                Poll::Cancelled | Poll::Lost => self.job = None,
            }
        }
        if self.revision != Some(project.revision()) {
            self.refresh(project);
        }
        Corroborated {
            summaries: Arc::clone(&self.summaries),
            generation: self.generation,
            finding: self.job.as_ref().map(|(_, job)| job.progress_text()),
        }
    }

    /// Works the summaries out for the project as it is now.
    fn refresh(&mut self, project: &Project) {
        let input = ReprintInput::of(project);
        if self.cache.get(&input).is_none() {
            if input.text_bytes() <= AT_ONCE_BYTES {
                let reprints = input.find();
                self.cache.put(input, reprints);
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
        }
        self.summaries = Arc::new(summaries_given(project, self.cache.last()));
        self.revision = Some(project.revision());
        self.generation += 1;
    }

    /// Waits for the reprints being found, if any (tests, measurements).
    pub fn wait(&mut self) {
        if let Some((input, job)) = self.job.take()
            && let Some(reprints) = job.wait()
        {
            self.cache.put(input, reprints);
            self.revision = None;
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
        assert!(ReprintInput::of(&project).text_bytes() > AT_ONCE_BYTES);
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
}
