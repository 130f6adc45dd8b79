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

use crate::model::Project;
use crate::session::Snapshot;

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

/// A job that needs a project of its own (an import weighs its files against the project's
/// texts; a merge combines it with a colleague's copy): the open project is copied a slice per
/// frame ([`Snapshot`], so a large one never holds up a frame), then the work runs on a worker
/// with the copy. Nothing clones the whole project on the UI thread.
pub struct CopyJob<T> {
    what: String,
    stage: CopyStage<T>,
}

/// The work a [`CopyJob`] runs once the copy is made (the copy, or why it did not hold together).
type CopyWork<T> = Box<dyn FnOnce(Result<Project, String>, &Cancel) -> T + Send>;

enum CopyStage<T> {
    Copying {
        copy: Box<Snapshot>,
        work: Option<CopyWork<T>>,
    },
    Running(Job<T>),
    Cancelled,
}

impl<T> std::fmt::Debug for CopyJob<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let stage = match self.stage {
            CopyStage::Copying { .. } => "copying",
            CopyStage::Running(_) => "running",
            CopyStage::Cancelled => "cancelled",
        };
        f.debug_struct("CopyJob")
            .field("what", &self.what)
            .field("stage", &stage)
            .finish()
    }
}

/// How long one frame may spend copying the project for a job or an autosave.
pub const COPY_SLICE: Duration = Duration::from_millis(4);

impl<T: Send + 'static> CopyJob<T> {
    /// Starts copying `project` (everything but the passages now, the passages in [`Self::step`]s
    /// from the next frame); `work` runs on a worker with the copy.
    pub fn start(
        what: impl Into<String>,
        project: &Project,
        work: impl FnOnce(Result<Project, String>, &Cancel) -> T + Send + 'static,
    ) -> Self {
        Self {
            what: what.into(),
            stage: CopyStage::Copying {
                copy: Box::new(Snapshot::start(project)),
                work: Some(Box::new(work)),
            },
        }
    }

    /// Goes on copying `project` for about `budget` (the copy of a project that changed since
    /// starts again); once copied, the work starts on a worker. True while copying.
    pub fn step(&mut self, project: &Project, budget: Duration) -> bool {
        let CopyStage::Copying { copy, work } = &mut self.stage else {
            return false;
        };
        if !copy.is_of(project) {
            **copy = Snapshot::start(project);
        }
        if !copy.step(project, budget) {
            return true;
        }
        let Some(work) = work.take() else {
            return false;
        };
        let copy = std::mem::replace(copy, Box::new(Snapshot::start(&Project::default())));
        self.stage = CopyStage::Running(Job::spawn(self.what.clone(), move |cancel| {
            // The copy is put together, and dropped, off the UI thread.
            work(copy.into_project(), cancel)
        }));
        false
    }

    /// Finishes the copy of `project` and waits for the result (tests, scripts); `None` when
    /// cancelled or the worker stopped.
    pub fn wait(&mut self, project: &Project) -> Option<T> {
        self.step(project, Duration::MAX);
        match &self.stage {
            CopyStage::Running(job) => job.wait(),
            CopyStage::Copying { .. } | CopyStage::Cancelled => None,
        }
    }
}

impl<T> CopyJob<T> {
    /// The result once there is one; [`Poll::Running`] while the copy is made.
    pub fn poll(&self) -> Poll<T> {
        match &self.stage {
            CopyStage::Running(job) => job.poll(),
            CopyStage::Copying { .. } => Poll::Running,
            CopyStage::Cancelled => Poll::Cancelled,
        }
    }

    /// Cancels it: a copy being made stops, a running work is told, its result is dropped.
    pub fn cancel(&mut self) {
        if let CopyStage::Running(job) = &self.stage {
            job.cancel();
        } else {
            self.stage = CopyStage::Cancelled;
        }
    }

    /// What the status bar shows meanwhile.
    pub fn progress_text(&self) -> String {
        match &self.stage {
            CopyStage::Copying { .. } => format!("{} (preparing)…", self.what),
            CopyStage::Running(job) => job.progress_text(),
            CopyStage::Cancelled => format!("{} (cancelled)", self.what),
        }
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

    #[test]
    fn a_copy_job_works_on_a_copy_made_in_slices() {
        use crate::model::{Document, Parts, Passage};
        let doc = Document::new("One", "Witkoff met Putin in Moscow. ".repeat(100));
        let passages: Vec<Passage> = (0..1000)
            .map(|i| Passage::new(&doc, i, i + 7).expect("span"))
            .collect();
        let project = Project::from_parts(Parts {
            documents: vec![doc],
            passages,
            ..Parts::default()
        })
        .expect("valid");
        let mut job = CopyJob::start("Counting", &project, |copy, _| {
            copy.map(|p| p.passages().len())
        });
        let mut steps = 0;
        while job.step(&project, Duration::ZERO) {
            steps += 1;
            assert_eq!(job.poll(), Poll::Running, "nothing before the copy is made");
        }
        assert_eq!(steps, 3, "1000 passages, 256 a slice with no time to spare");
        assert_eq!(job.wait(&project), Some(Ok(project.passages().len())));
    }

    #[test]
    fn a_copy_job_cancelled_while_copying_never_runs() {
        let project = crate::example::example_project().expect("the example");
        let (ran, seen) = channel();
        let mut job = CopyJob::start("Counting", &project, move |_, _| {
            let _ = ran.send(());
        });
        job.cancel();
        assert_eq!(job.poll(), Poll::Cancelled);
        assert!(!job.step(&project, Duration::MAX));
        assert_eq!(job.wait(&project), None);
        assert!(seen.try_recv().is_err(), "the work never ran");
    }
}
