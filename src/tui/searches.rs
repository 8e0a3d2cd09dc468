//! Loads that read item by item (a substring the full-text index cannot
//! find, a flag: see `Query::reads_every_item`), run on a thread of their own. At a
//! million items one takes a second or more when few items match: on the
//! review's thread it would hold every key typed meanwhile. Here the review
//! goes on ("searching…"), a newer start of the list interrupts the search
//! it replaces, and only the answer to the latest one is shown.

use super::effects::Load;
use crate::store::Store;
use crate::store::query::{Cursor, Item};
use crate::store::view::{Query, Sort};
use rusqlite::InterruptHandle;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

/// One page asked for, numbered.
struct Job {
    id: u64,
    query: Query,
    sort: Sort,
    after: Option<Cursor>,
    limit: usize,
}

/// A job's number and its rows (or why there are none).
type Answer = (u64, Result<Vec<Item>, String>);

/// A page for the list: its load, rows and limit.
pub type Page = (Load, Vec<Item>, usize);

/// The thread, started at the first search, and its connection's handle.
struct Worker {
    jobs: Sender<Job>,
    answers: Receiver<Answer>,
    interrupt: InterruptHandle,
}

pub struct Searches {
    path: PathBuf,
    worker: Option<Worker>,
    /// The search the list waits for: its number, its load and its limit.
    pending: Option<(u64, Load, usize)>,
    asked: u64,
}

impl Searches {
    /// Searches of the database at `path` (nothing runs until one is asked).
    pub fn new(path: PathBuf) -> Searches {
        Searches {
            path,
            worker: None,
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
        if self.worker.is_none() {
            self.worker = Some(spawn(&self.path)?);
        }
        let Some(w) = &self.worker else {
            return Ok(());
        };
        self.asked += 1;
        let id = self.asked;
        let job = Job {
            id,
            query,
            sort,
            after,
            limit,
        };
        if w.jobs.send(job).is_err() {
            anyhow::bail!("the search stopped working: restart ackbox");
        }
        self.pending = Some((id, load, limit));
        Ok(())
    }

    /// The list no longer waits for the search asked last (a newer start
    /// of the list came): it is stopped where it is.
    pub fn cancel(&mut self) {
        if self.pending.take().is_some()
            && let Some(w) = &self.worker
        {
            w.interrupt.interrupt();
        }
    }

    /// Whether the list waits for a search.
    pub fn waiting(&self) -> bool {
        self.pending.is_some()
    }

    /// The answer the list waits for, if it comes within `timeout`: its
    /// load, rows and limit (answers to searches replaced since are dropped).
    pub fn receive(&mut self, timeout: Duration) -> Option<Result<Page, String>> {
        let w = self.worker.as_ref()?;
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let (id, rows) = match w
                .answers
                .recv_timeout(deadline.saturating_duration_since(std::time::Instant::now()))
            {
                Ok(answer) => answer,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            };
            if self.pending.as_ref().is_some_and(|(p, ..)| *p == id) {
                let (_, load, limit) = self.pending.take()?;
                return Some(rows.map(|rows| (load, rows, limit)));
            }
        }
    }
}

/// The thread, with its own connection (opened here, so that a database
/// that cannot be read says so at once).
fn spawn(path: &std::path::Path) -> anyhow::Result<Worker> {
    let store = Store::open(path)?;
    store.set_memory_kib(8 * 1024, super::SQLITE_MEMORY_KIB)?;
    let interrupt = store.interrupt_handle();
    let (jobs, inbox) = mpsc::channel::<Job>();
    let (outbox, answers) = mpsc::channel();
    thread::spawn(move || {
        while let Ok(mut job) = inbox.recv() {
            // Only the latest of several queued is waited for.
            while let Ok(later) = inbox.try_recv() {
                job = later;
            }
            let rows = store
                .view_page(&job.query, job.sort, job.after, job.limit)
                .map_err(|e| crate::text::one_line(&format!("{e:#}")));
            if outbox.send((job.id, rows)).is_err() {
                return;
            }
        }
    });
    Ok(Worker {
        jobs,
        answers,
        interrupt,
    })
}
