//! Work off the UI thread: one small type for every background job of the window (a native file
//! dialog, an import, replacing an article's text, writing an autosave). A [`Job`] is spawned
//! with a closure, polled once a frame ([`Job::poll`]), waited for by tests and on close
//! ([`Job::wait`]), cancelled ([`Job::cancel`]: the work is told through [`Cancel`] and its result
//! is dropped), and shows its progress as text ([`Job::progress_text`]).
//!
//! A job never changes the project: the workbench turns a finished job's result into an
//! [`super::action::Action`] and applies it with every other action after the frame.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// What a job's work can ask: whether it was cancelled (to stop early where it can).
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Whether the job was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Where a job is.
#[derive(Debug, PartialEq, Eq)]
pub enum Poll<T> {
    /// Still working.
    Running,
    /// Finished with this result.
    Done(T),
    /// Cancelled: its result, if it comes, is dropped.
    Cancelled,
    /// The worker stopped without a result (it panicked).
    Lost,
}

/// Work running on a worker thread.
#[derive(Debug)]
pub struct Job<T> {
    what: String,
    receiver: Receiver<T>,
    started: Instant,
    cancel: Cancel,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on a new thread; `what` names it in the progress text ("Importing 3 files").
    pub fn spawn(
        what: impl Into<String>,
        work: impl FnOnce(&Cancel) -> T + Send + 'static,
    ) -> Self {
        let (sender, receiver) = channel();
        let cancel = Cancel::default();
        let worker_cancel = cancel.clone();
        std::thread::spawn(move || {
            let result = work(&worker_cancel);
            // The receiver is gone when the window closed or the job was dropped: nothing to do.
            let _ = sender.send(result);
        });
        Self {
            what: what.into(),
            receiver,
            started: Instant::now(),
            cancel,
        }
    }
}

impl<T> Job<T> {
    /// The result once there is one; never blocks.
    pub fn poll(&self) -> Poll<T> {
        if self.cancel.is_cancelled() {
            return Poll::Cancelled;
        }
        match self.receiver.try_recv() {
            Ok(result) => Poll::Done(result),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }

    /// Blocks until the result comes; `None` when cancelled or the worker stopped without one.
    pub fn wait(&self) -> Option<T> {
        if self.cancel.is_cancelled() {
            return None;
        }
        self.receiver.recv().ok()
    }

    /// Cancels the job: the work sees it through [`Cancel`], and its result is dropped.
    pub fn cancel(&self) {
        self.cancel.0.store(true, Ordering::Relaxed);
    }

    /// How long it has been running.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// What the status bar shows while it runs: "Importing 3 item(s)… 2 s".
    pub fn progress_text(&self) -> String {
        format!("{}… {:.0} s", self.what, self.elapsed().as_secs_f32())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_runs_off_the_thread_and_hands_over_its_result() {
        let job = Job::spawn("Adding", |_| 2 + 2);
        assert_eq!(job.wait(), Some(4));
        assert!(job.progress_text().starts_with("Adding… "));
    }

    #[test]
    fn polling_never_blocks_and_sees_the_result_once() {
        let (go, gate) = channel::<()>();
        let job = Job::spawn("Waiting", move |_| {
            let _ = gate.recv();
            7
        });
        assert_eq!(job.poll(), Poll::Running);
        go.send(()).expect("the worker waits");
        let mut result = Poll::Running;
        for _ in 0..500 {
            result = job.poll();
            if result != Poll::Running {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        assert_eq!(result, Poll::Done(7));
        assert_eq!(job.poll(), Poll::Lost, "one result only");
    }

    #[test]
    fn a_cancelled_job_drops_its_result_and_its_work_can_see_it() {
        let (go, gate) = channel::<()>();
        let job = Job::spawn("Counting", move |cancel: &Cancel| {
            let _ = gate.recv();
            cancel.is_cancelled()
        });
        job.cancel();
        go.send(()).expect("the worker waits");
        assert_eq!(job.poll(), Poll::Cancelled);
        assert_eq!(job.wait(), None);
    }

    #[test]
    fn a_worker_that_panics_is_lost_not_hung() {
        let job: Job<u8> = Job::spawn("Failing", |_| panic!("the worker fails"));
        assert_eq!(job.wait(), None);
        assert_eq!(job.poll(), Poll::Lost);
    }
}
