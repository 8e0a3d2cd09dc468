//! A thread with a connection of its own that answers what it is sent,
//! stopped and waited for when dropped: its connection closes before the
//! review's, which, closing last, copies the log into the database file and
//! removes it (left open, the thread kept the review's last changes in the
//! log beside the file, where a copy of the file alone misses them).

use std::sync::mpsc::{self, Receiver, SendError, Sender};
use std::thread::{self, JoinHandle};

pub struct Worker<T> {
    asks: Option<Sender<T>>,
    thread: Option<JoinHandle<()>>,
}

impl<T: Send + 'static> Worker<T> {
    /// Runs `work` on a thread with what is sent; it returns when nothing
    /// more can come.
    pub fn spawn(work: impl FnOnce(Receiver<T>) + Send + 'static) -> Worker<T> {
        let (asks, inbox) = mpsc::channel();
        Worker {
            asks: Some(asks),
            thread: Some(thread::spawn(move || work(inbox))),
        }
    }

    pub fn send(&self, ask: T) -> Result<(), SendError<T>> {
        match &self.asks {
            Some(asks) => asks.send(ask),
            None => Err(SendError(ask)),
        }
    }
}

impl<T> Drop for Worker<T> {
    fn drop(&mut self) {
        self.asks = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
