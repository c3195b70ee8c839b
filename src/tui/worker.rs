//! Searches off the input thread. The palette's ranking and the full-text
//! prompt's live count run on one worker thread; each job has a number, and
//! a newer job makes an older full-text search stop at its next check, so
//! typing never waits for a search. The worker sleeps on its channel when
//! there is nothing to do.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender, TryRecvError};
use std::sync::Arc;

use crate::model::Tree;
use crate::search::fulltext::{self, TextHit};
use crate::search::index::{Found, Index};

/// A search to run.
pub enum Job {
    /// The palette's best `limit` hits for `query`, over `within` (the
    /// previous matches) when the query grew.
    Palette {
        index: Arc<Index>,
        query: String,
        within: Option<Arc<Vec<usize>>>,
        limit: usize,
    },
    /// Every node containing `query`.
    Text { query: String },
}

/// What a job found.
pub enum Answer {
    Palette { query: String, found: Found },
    Text { query: String, hits: Vec<TextHit> },
}

pub struct Worker {
    jobs: Sender<(u64, Job)>,
    answers: Receiver<(u64, Answer)>,
    /// The number of the newest job sent.
    latest: Arc<AtomicU64>,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Worker(job {})", self.latest.load(Ordering::Relaxed))
    }
}

impl Worker {
    /// Starts the thread; it ends when the worker is dropped. With `wake`,
    /// each answer is also announced there (the loop blocks on that channel).
    pub fn start(tree: Arc<Tree>, wake: Option<Sender<super::events::Msg>>) -> Worker {
        let (jobs, inbox) = channel::<(u64, Job)>();
        let (outbox, answers) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        std::thread::spawn(move || {
            while let Ok(mut next) = inbox.recv() {
                // Only the newest of the waiting jobs matters.
                while let Ok(newer) = inbox.try_recv() {
                    next = newer;
                }
                let (n, job) = next;
                let answer = match job {
                    Job::Palette {
                        index,
                        query,
                        within,
                        limit,
                    } => {
                        let found =
                            index.search(&query, within.as_deref().map(Vec::as_slice), limit);
                        Answer::Palette { query, found }
                    }
                    Job::Text { query } => {
                        let stop = || newest.load(Ordering::Relaxed) != n;
                        match fulltext::search_until(&tree, &query, &stop) {
                            Some(hits) => Answer::Text { query, hits },
                            None => continue,
                        }
                    }
                };
                if outbox.send((n, answer)).is_err() {
                    break;
                }
                if let Some(w) = &wake {
                    let _ = w.send(super::events::Msg::Answer);
                }
            }
        });
        Worker {
            jobs,
            answers,
            latest,
        }
    }

    /// Queues a job; returns its number.
    pub fn send(&self, job: Job) -> u64 {
        let n = self.latest.fetch_add(1, Ordering::Relaxed) + 1;
        // A send fails only if the thread is gone (it panicked), which
        // `take` and `wait` then report.
        let _ = self.jobs.send((n, job));
        n
    }

    /// The answer to job `n` if it has come, dropping older answers.
    pub fn take(&self, n: u64) -> Option<Answer> {
        loop {
            match self.answers.try_recv() {
                Ok((k, answer)) if k == n => return Some(answer),
                Ok(_) => {}
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => gone(),
            }
        }
    }

    /// Waits for the answer to job `n`; `None` if a newer job replaced it.
    pub fn wait(&self, n: u64) -> Option<Answer> {
        loop {
            match self.answers.recv() {
                Ok((k, answer)) if k == n => return Some(answer),
                Ok((k, _)) if k > n => return None,
                Ok(_) => {}
                Err(_) => gone(),
            }
        }
    }
}

/// The worker thread ended, which only a panic there does (the panic hook
/// has restored the terminal): end the program as for any panic rather
/// than wait for answers that will not come.
#[cold]
#[allow(clippy::panic)] // on purpose: ends the program as the worker's panic would
fn gone() -> ! {
    panic!("the search thread stopped")
}
