//! The statistics report, computed on a thread of its own. A report reads
//! every reply time of its window (tens of milliseconds at a million items):
//! too slow for a keystroke, so it is computed ahead — when the app starts
//! and when the Stats view asks for one that is not ready — on a second
//! connection, and the view shows it when it arrives.

use super::worker::Worker;
use crate::config::{Config, Window};
use crate::stats::{Report, report};
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// What the data looked like: `Store::stamp`.
pub type Stamp = (i64, u64);

/// A report older than this is computed again when asked for.
const FRESH_SECS: i64 = 60;

/// One report asked for: its window, the time it is as of, and the stamp of
/// the data when asked.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ask {
    window: Window,
    now: DateTime<Utc>,
    stamp: Stamp,
}

impl Ask {
    /// Whether a report asked as `self` answers `other`.
    fn answers(&self, other: &Ask) -> bool {
        self.window == other.window
            && self.stamp == other.stamp
            && (other.now - self.now).num_seconds().abs() < FRESH_SECS
    }
}

pub struct Reports {
    asks: Worker<Ask>,
    answers: Receiver<(Ask, Result<Report, String>)>,
    /// The last report computed, and what it answers.
    ready: Option<(Ask, Box<Report>)>,
    /// Asked and not answered yet.
    pending: Vec<Ask>,
    /// The view waits for the answer to this.
    wanted: Option<Ask>,
}

impl Reports {
    /// A thread with its own connection to the database at `path`.
    pub fn spawn(path: &Path, config: &Config) -> Reports {
        let (outbox, answers) = mpsc::channel();
        let (path, config) = (path.to_owned(), config.clone());
        let asks = Worker::spawn(move |inbox: Receiver<Ask>| {
            let store = Store::open(&path).and_then(|mut s| {
                s.set_memory_kib(8 * 1024, super::SQLITE_MEMORY_KIB)?;
                s.set_analysis(config.analysis_config()?);
                Ok(s)
            });
            while let Ok(mut ask) = inbox.recv() {
                // Only the latest of several queued asks is worth computing.
                while let Ok(later) = inbox.try_recv() {
                    ask = later;
                }
                let result = match &store {
                    Ok(s) => report(s, &config, ask.window, ask.now)
                        .map_err(|e| format!("{:#}", s.named(e))),
                    Err(e) => Err(format!("{e:#}")),
                };
                if outbox.send((ask, result)).is_err() {
                    return;
                }
            }
        });
        Reports {
            asks,
            answers,
            ready: None,
            pending: Vec::new(),
            wanted: None,
        }
    }

    /// The report for `window` as of `now` if one is ready for data stamped
    /// `stamp`; otherwise asks for it (`want`: the view waits for it) and
    /// returns `None`.
    pub fn get(
        &mut self,
        window: Window,
        now: DateTime<Utc>,
        stamp: Stamp,
        want: bool,
    ) -> Option<Box<Report>> {
        let ask = Ask { window, now, stamp };
        if let Some((done, r)) = &self.ready
            && done.answers(&ask)
        {
            // The window waited for before is passed by (`w` pressed round
            // the cycle): its answer must not replace this one.
            if want {
                self.wanted = None;
            }
            return Some(r.clone());
        }
        if want {
            self.wanted = Some(ask);
        }
        self.ask(ask);
        None
    }

    /// Asks the thread for `ask` unless an ask pending answers it.
    fn ask(&mut self, ask: Ask) {
        if !self.pending.iter().any(|p| p.answers(&ask)) && self.asks.send(ask).is_ok() {
            self.pending.push(ask);
        }
    }

    /// Whether the view waits for a report.
    pub fn waiting(&self) -> bool {
        self.wanted.is_some()
    }

    /// Takes the answers that arrive within `timeout`, until the one the
    /// view waits for (or, when it waits for none, the first); returns the
    /// report the view waits for, or the error that stopped it.
    pub fn receive(&mut self, timeout: Duration) -> Option<Result<Box<Report>, String>> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (ask, result) = match self.answers.recv_timeout(left) {
                Ok(answer) => answer,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            };
            // The thread answers in order, skipping asks a later one
            // overtook: those asked before this one are done with.
            if let Some(at) = self.pending.iter().position(|p| *p == ask) {
                self.pending.drain(..=at);
            }
            let wanted = self.wanted.is_some_and(|w| ask.answers(&w));
            if wanted {
                self.wanted = None;
            } else if let Some(w) = self.wanted {
                // The one the view waits for may have been skipped (`w w`
                // pressed quickly): asked again (it showed another
                // window's report until the data changed).
                self.ask(w);
            }
            match result {
                Ok(r) => {
                    let r = Box::new(r);
                    self.ready = Some((ask, r.clone()));
                    if wanted {
                        return Some(Ok(r));
                    }
                }
                Err(e) if wanted => return Some(Err(e)),
                Err(_) => {}
            }
            // Nothing (more) to wait for.
            self.wanted?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Answer = (Ask, Result<Report, String>);

    /// Reports over a thread that only tells what it is asked: the test
    /// sends the answers.
    fn by_hand() -> (Reports, Receiver<Ask>, mpsc::Sender<Answer>) {
        let (seen_tx, seen) = mpsc::channel();
        let (outbox, answers) = mpsc::channel();
        let asks = Worker::spawn(move |inbox: Receiver<Ask>| {
            while let Ok(ask) = inbox.recv() {
                let _ = seen_tx.send(ask);
            }
        });
        let reports = Reports {
            asks,
            answers,
            ready: None,
            pending: Vec::new(),
            wanted: None,
        };
        (reports, seen, outbox)
    }

    const NOW: i64 = 1_773_144_000;
    const STAMP: Stamp = (1, 1);

    /// The answer for `window` as of NOW.
    fn answer(store: &Store, window: Window) -> Answer {
        let now = DateTime::from_timestamp(NOW, 0).expect("time");
        let r = report(store, &Config::default(), window, now).expect("report");
        (
            Ask {
                window,
                now,
                stamp: STAMP,
            },
            Ok(r),
        )
    }

    /// The thread skips an ask a later one overtook: the view's window is
    /// asked again, not waited for forever.
    #[test]
    fn an_ask_the_thread_skipped_is_asked_again() {
        let (mut reports, seen, outbox) = by_hand();
        let store = Store::open_in_memory().expect("store");
        let now = DateTime::from_timestamp(NOW, 0).expect("time");
        let stamp = STAMP;
        let answer = |window| answer(&store, window);
        let got = |reports: &mut Reports, window| reports.get(window, now, stamp, true);
        let asked = || {
            seen.recv_timeout(Duration::from_secs(5))
                .expect("asked")
                .window
        };
        for window in [Window::Days(30), Window::Days(90), Window::All] {
            assert!(got(&mut reports, window).is_none());
            assert_eq!(asked(), window);
        }
        // It computed 30 days, skipped 90 days, computed all time.
        outbox.send(answer(Window::Days(30))).expect("send");
        outbox.send(answer(Window::All)).expect("send");
        let shown = reports.receive(Duration::from_secs(5)).expect("answered");
        let all = answer(Window::All).1.expect("report");
        assert_eq!(shown.expect("report").window, all.window);
        // Back to 90 days: asked again.
        assert!(got(&mut reports, Window::Days(90)).is_none());
        assert_eq!(asked(), Window::Days(90));
        // Skipped for a later ask while the view waited for it: asked
        // again at once.
        assert!(reports.get(Window::Days(7), now, stamp, false).is_none());
        assert_eq!(asked(), Window::Days(7));
        outbox.send(answer(Window::Days(7))).expect("send");
        assert!(reports.receive(Duration::from_millis(50)).is_none());
        assert_eq!(asked(), Window::Days(90));
    }

    /// `w` pressed round the cycle back to the window shown: the answer for
    /// a window passed by, arriving after, does not replace it.
    #[test]
    fn a_window_passed_by_does_not_replace_the_one_back_in_view() {
        let (mut reports, seen, outbox) = by_hand();
        let store = Store::open_in_memory().expect("store");
        let now = DateTime::from_timestamp(NOW, 0).expect("time");
        let got = |reports: &mut Reports, window| reports.get(window, now, STAMP, true);
        assert!(got(&mut reports, Window::Days(30)).is_none());
        outbox.send(answer(&store, Window::Days(30))).expect("send");
        assert!(reports.receive(Duration::from_secs(5)).is_some());
        assert!(got(&mut reports, Window::Days(7)).is_none());
        let shown = got(&mut reports, Window::Days(30)).expect("ready");
        assert_eq!(shown.window, "30d");
        seen.recv_timeout(Duration::from_secs(5)).expect("asked");
        outbox.send(answer(&store, Window::Days(7))).expect("send");
        assert!(
            reports.receive(Duration::from_millis(200)).is_none(),
            "7 days shown in place of 30"
        );
        assert!(!reports.waiting());
    }

    #[test]
    fn an_answer_serves_the_same_window_and_data_for_a_minute() {
        let a = Ask {
            window: Window::Days(30),
            now: DateTime::from_timestamp(1_773_144_000, 0).expect("time"),
            stamp: (1, 5),
        };
        let later = |secs| Ask {
            now: a.now + chrono::Duration::seconds(secs),
            ..a
        };
        assert!(a.answers(&later(59)));
        assert!(!a.answers(&later(60)));
        assert!(
            !a.answers(&Ask { stamp: (1, 6), ..a }),
            "a row written since"
        );
        assert!(
            !a.answers(&Ask { stamp: (2, 5), ..a }),
            "another process committed"
        );
        assert!(!a.answers(&Ask {
            window: Window::All,
            ..a
        }));
    }
}
