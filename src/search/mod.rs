//! Finding things in the corpus: plain and regex search over every article ([`find`]), and the
//! mention finder that spots actors' names and aliases not yet linked ([`find_mentions`]). Results
//! are char spans, ready to become passages through the gesture builders here.

mod mentions;
pub mod names;
mod text_search;

pub use mentions::{Mention, accept_mentions, find_mentions, fold};
pub use text_search::{Hit, HitContext, SearchError, SearchOptions, SearchResults, find, tag_hits};

use crate::model::Document;

/// Below this many bytes of text, work over the documents runs on the calling thread only.
const PARALLEL_MIN_BYTES: usize = 4 << 20;

/// Runs `work` over contiguous runs of `docs` (in order) on all cores when the text is large,
/// and returns each run's result in the runs' order — the same as one call over all `docs`
/// would give, joined. The engines shared by the threads are `Sync`; each has its own scratch.
fn over_runs<T: Send>(docs: &[&Document], work: impl Fn(&[&Document]) -> T + Sync) -> Vec<T> {
    let total: usize = docs.iter().map(|d| d.text.len_bytes()).sum();
    let threads = if total < PARALLEL_MIN_BYTES {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    };
    let runs = split_by_size(docs, total, threads);
    if runs.len() <= 1 {
        return vec![work(docs)];
    }
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = runs
            .iter()
            .map(|run| scope.spawn(move || work(run)))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Splits documents (in order) into at most `parts` contiguous runs of about equal bytes.
pub(crate) fn split_by_size<'d, 'p>(
    docs: &'d [&'p Document],
    total: usize,
    parts: usize,
) -> Vec<&'d [&'p Document]> {
    if parts <= 1 || docs.len() < 2 {
        return vec![docs];
    }
    let share = total.div_ceil(parts);
    let mut runs = Vec::with_capacity(parts);
    let (mut from, mut bytes) = (0, 0);
    for (i, doc) in docs.iter().enumerate() {
        bytes += doc.text.len_bytes();
        if bytes >= share && runs.len() + 1 < parts {
            runs.push(&docs[from..=i]);
            from = i + 1;
            bytes = 0;
        }
    }
    if from < docs.len() {
        runs.push(&docs[from..]);
    }
    runs
}
