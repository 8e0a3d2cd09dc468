//! Loads that read item by item (a substring the full-text index cannot
//! find, a flag: see `Query::reads_every_item`), run on a thread of their own. At a
//! million items one takes a second or more when few items match: on the
//! review's thread it would hold every key typed meanwhile. Here the review
//! goes on ("searching…"), a newer start of the list interrupts the search
//! it replaces, and only the answer to the latest one is shown.

use super::effects::Load;
use super::worker::Worker;
use crate::store::Store;
use crate::store::query::{Cursor, Item};
use crate::store::view::{Query, Sort};
use rusqlite::InterruptHandle;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One page asked for, numbered.
struct Job {
    id: u64,
    query: Query,
    sort: Sort,
    after: Option<Cursor>,
    limit: usize,
}

/// Why a page did not come: said, and whether the file is damaged.
pub type Failure = (String, bool);

/// A job's number and its rows (or why there are none).
type Answer = (u64, Result<Vec<Item>, Failure>);

/// A page for the list: its load, limit and rows (or why there are none).
pub type Page = (Load, usize, Result<Vec<Item>, Failure>);

pub struct Searches {
    jobs: Worker<Job>,
    answers: Receiver<Answer>,
    /// What stops the thread's statement (once its connection is open).
    interrupt: Arc<Mutex<Option<InterruptHandle>>>,
    /// The search the list waits for: its number, its load and its limit.
    pending: Option<(u64, Load, usize)>,
    asked: u64,
}

/// A search still running is stopped, not waited for, before its thread
/// is (see [`Worker`]).
impl Drop for Searches {
    fn drop(&mut self) {
        self.interrupt();
    }
}

impl Searches {
    /// A thread with its own connection to the database at `path`, opened
    /// now, while it is the file the review opened (it waits for its
    /// first search).
    pub fn spawn(path: &Path) -> Searches {
        let (outbox, answers) = mpsc::channel();
        let interrupt = Arc::new(Mutex::new(None));
        let (path, handle) = (path.to_owned(), Arc::clone(&interrupt));
        let jobs = Worker::spawn(move |inbox: Receiver<Job>| {
            let store = Store::open(&path).and_then(|s| {
                s.set_memory_kib(8 * 1024, super::SQLITE_MEMORY_KIB)?;
                Ok(s)
            });
            if let (Ok(s), Ok(mut h)) = (&store, handle.lock()) {
                *h = Some(s.interrupt_handle());
            }
            while let Ok(mut job) = inbox.recv() {
                // Only the latest of several queued is waited for.
                while let Ok(later) = inbox.try_recv() {
                    job = later;
                }
                let rows = match &store {
                    Ok(s) => (s.view_page(&job.query, job.sort, job.after, job.limit))
                        .map_err(|e| s.named(e)),
                    Err(e) => Err(anyhow::anyhow!("{e:#}")),
                };
                let rows = rows.map_err(|e| {
                    let said = crate::text::one_line(&format!("{e:#}"));
                    (said, crate::store::is_damaged(&e))
                });
                if outbox.send((job.id, rows)).is_err() {
                    return;
                }
            }
        });
        Searches {
            jobs,
            answers,
            interrupt,
            pending: None,
            asked: 0,
        }
    }

    /// Asks for a page; its answer replaces any the list waited for.
    pub fn ask(
        &mut self,
        query: Query,
        sort: Sort,
        after: Option<Cursor>,
        limit: usize,
        load: Load,
    ) -> anyhow::Result<()> {
        self.cancel();
        self.asked += 1;
        let id = self.asked;
        let job = Job {
            id,
            query,
            sort,
            after,
            limit,
        };
        if self.jobs.send(job).is_err() {
            anyhow::bail!("the search stopped working: restart ackbox");
        }
        self.pending = Some((id, load, limit));
        Ok(())
    }

    /// The list no longer waits for the search asked last (a newer start
    /// of the list came): it is stopped where it is.
    pub fn cancel(&mut self) {
        if self.pending.take().is_some() {
            self.interrupt();
        }
    }

    /// Stops the thread's statement, if one runs.
    fn interrupt(&self) {
        if let Ok(h) = self.interrupt.lock()
            && let Some(h) = h.as_ref()
        {
            h.interrupt();
        }
    }

    /// Whether the list waits for a search.
    pub fn waiting(&self) -> bool {
        self.pending.is_some()
    }

    /// The answer the list waits for, if it comes within `timeout`: its
    /// load, rows and limit (answers to searches replaced since are dropped).
    pub fn receive(&mut self, timeout: Duration) -> Option<Page> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let (id, rows) = match self
                .answers
                .recv_timeout(deadline.saturating_duration_since(std::time::Instant::now()))
            {
                Ok(answer) => answer,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            };
            if self.pending.as_ref().is_some_and(|(p, ..)| *p == id) {
                let (_, load, limit) = self.pending.take()?;
                return Some((load, limit, rows));
            }
        }
    }
}
