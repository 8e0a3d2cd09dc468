//! The daily review: an Elm-style TUI.
//!
//! `state` is the model, `action` the messages, `update` the pure step
//! (state + action -> effects), `effects` runs those against the store and
//! the OS and reports back with more actions, `keymap` turns key presses into
//! commands, and `view` draws. [`App`] ties them together so that tests can
//! press keys into a `TestBackend` exactly as the terminal loop does.

pub mod action;
pub mod effects;
pub mod keymap;
pub mod reports;
pub mod searches;
pub mod state;
mod unsaved;
pub mod update;
pub mod view;
pub mod worker;

use crate::config::Config;
use crate::store::Store;
use action::Action;
use anyhow::Result;
use chrono::{DateTime, Utc};
use effects::{Effect, Load, Os, Runner};
use keymap::Keymap;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind,
};
use reports::Reports;
use searches::Searches;
use state::{AppState, Mode};
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How often the database is polled for changes made by other processes.
pub const TICK: Duration = Duration::from_millis(1000);
/// How long a key waits for another process's write (an import), then
/// says the database is busy.
const KEY_BUSY_WAIT: Duration = Duration::from_secs(2);
/// Work the screen waits for this long (a bulk change, its undo) drops the
/// keys typed meanwhile (see `App::typed_ahead`).
const LONG_WORK: Duration = Duration::from_millis(300);
/// The limit on all of SQLite's memory in the TUI's process (both
/// connections' caches, sorters), in KiB: browsing a million items fills
/// it, browsing a hundred thousand nearly does, so the TUI's peak memory
/// stays the same (24 MB left it 10 % higher at a million).
const SQLITE_MEMORY_KIB: i64 = 16 * 1024;

/// The model, the store and the OS, stepping together.
pub struct App<'a> {
    pub state: AppState,
    pub store: &'a mut Store,
    pub config: &'a Config,
    pub keymap: Keymap,
    pub os: Box<dyn Os + 'a>,
    /// Effects that wait until a frame is drawn (slow counts).
    deferred: Vec<Effect>,
    seen: Option<crate::store::view::Watermark>,
    /// The external editor ran, or Ctrl-L asked: the screen is cleared and
    /// drawn from scratch.
    pub redraw: bool,
    /// Statistics computed on their own thread (databases in a file).
    reports: Option<Reports>,
    /// Searches that read every item, on their own thread (the same).
    searches: Option<Searches>,
}

impl<'a> App<'a> {
    /// A new app showing the queue; `size` is the terminal's (columns, rows).
    pub fn new(
        store: &'a mut Store,
        config: &'a Config,
        os: Box<dyn Os + 'a>,
        now: DateTime<Utc>,
        size: (u16, u16),
        color: bool,
    ) -> Result<App<'a>> {
        let keymap = Keymap::new(&config.keys)?;
        // Browsing reads a page at a time: a modest page cache and a limit on
        // all of SQLite's memory keep the TUI's the same whatever the size
        // of the inbox.
        store.set_memory_kib(16 * 1024, SQLITE_MEMORY_KIB)?;
        store.set_busy_timeout(KEY_BUSY_WAIT)?;
        let state = AppState::new(
            now,
            size,
            config.default_window,
            config.templates.clone(),
            store.analysis().lexicon.clone(),
            keymap.bindings.clone(),
            color,
        );
        let reports = store.path().map(|p| Reports::spawn(&p, config));
        let searches = store.path().map(|p| Searches::spawn(&p));
        let mut app = App {
            state,
            store,
            config,
            keymap,
            os,
            deferred: Vec::new(),
            seen: None,
            redraw: false,
            reports,
            searches,
        };
        app.state.reply_limits = config.reply_limits();
        app.state.clipboard = app.os.has_clipboard();
        app.state.empty = app.store.is_empty()?;
        if let Some(r) = app.store.last_dismissal_reason()? {
            app.state.last_reason = r;
        }
        app.state.db = app.store.path().map(|p| p.display().to_string());
        app.seen = Some(app.store.watermark()?);
        let first = vec![
            Effect::Load {
                query: app.state.view_query(),
                sort: app.state.view.sort(),
                load: effects::Load::First,
            },
            Effect::LoadPlatforms,
        ];
        app.run_effects(first);
        if let Some(note) = app.keymap.unbound_note() {
            app.state.complain(note);
        }
        // The first frame waits for its page only; today's progress and the
        // counts follow it.
        app.deferred.extend([Effect::LoadToday, Effect::LoadCounts]);
        // Computed ahead, so that the Stats view opens at once.
        let stamp = app.store.stamp()?;
        if let Some(r) = app.reports.as_mut() {
            r.get(app.state.window, now, stamp, false);
        }
        Ok(app)
    }

    /// Whether the screen waits for a report from the statistics' thread,
    /// or for a search.
    pub fn waiting(&self) -> bool {
        self.reports.as_ref().is_some_and(Reports::waiting)
            || self.searches.as_ref().is_some_and(Searches::waiting)
    }

    /// Shows a search's page or a report the screen waits for if it
    /// arrives within `timeout`; true if one did.
    pub fn receive(&mut self, timeout: Duration) -> bool {
        if let Some(answer) = (self.searches.as_mut())
            .filter(|s| s.waiting())
            .and_then(|s| s.receive(timeout))
        {
            match answer {
                (load, limit, Ok(rows)) => self.dispatch(effects::paged(load, rows, limit)),
                // The list says it found nothing, the status line why.
                (_, _, Err((said, damaged))) => {
                    self.dispatch(effects::paged(Load::First, Vec::new(), usize::MAX));
                    self.dispatch(match damaged {
                        true => Action::Damaged(said),
                        false => Action::Failed(said),
                    });
                }
            }
            return true;
        }
        let Some(answer) = self.reports.as_mut().and_then(|r| r.receive(timeout)) else {
            return false;
        };
        self.dispatch(match answer {
            Ok(report) => Action::Stats(report),
            Err(e) => Action::Failed(crate::text::one_line(&e)),
        });
        true
    }

    /// Runs `update` and every effect that follows from it.
    pub fn dispatch(&mut self, action: Action) {
        let fx = update::update(&mut self.state, action);
        self.run_effects(fx);
    }

    fn run_effects(&mut self, fx: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = fx.into();
        while let Some(e) = queue.pop_front() {
            // An undo of one item's change is quick: no "working…" frame first.
            let small_undo = e == Effect::Undo && self.store.next_undo_is_small().unwrap_or(false);
            if e.deferred() && !small_undo {
                if !self.deferred.contains(&e) {
                    self.deferred.push(e);
                }
                continue;
            }
            // An opener may be a browser that draws in the terminal.
            if matches!(
                e,
                Effect::Edit(_) | Effect::Redraw | Effect::Suspend | Effect::Open(_)
            ) {
                self.redraw = true;
            }
            let actions = self.runner().run(e);
            for a in actions {
                queue.extend(update::update(&mut self.state, a));
            }
        }
    }

    fn runner(&mut self) -> Runner<'_> {
        Runner {
            store: self.store,
            config: self.config,
            os: self.os.as_mut(),
            now: self.state.now,
            seen: &mut self.seen,
            reports: self.reports.as_mut(),
            searches: self.searches.as_mut(),
            list_rows: update::list_height(&self.state),
        }
    }

    /// Whether work waits for the next frame (see [`Effect::deferred`]).
    fn defers(&self) -> bool {
        !self.deferred.is_empty()
    }

    /// Runs the effects that waited for a frame, and those they lead to;
    /// true if there were any.
    pub fn run_deferred(&mut self) -> bool {
        let mut any = false;
        // Bounded: each round only runs what the previous one deferred.
        for _ in 0..8 {
            let fx = std::mem::take(&mut self.deferred);
            if fx.is_empty() {
                break;
            }
            any = true;
            for e in fx {
                let actions = self.runner().run(e);
                for a in actions {
                    let more = update::update(&mut self.state, a);
                    self.run_effects(more);
                }
            }
        }
        any
    }

    /// Keeps what was being typed when a signal stops the review (its
    /// window closed): a reply as its item's draft (`r` there starts from
    /// it), a person's note as their note. It is written to a file of its
    /// own first (a second signal while another ackbox holds the database
    /// ends the review at once), which goes once the database has it; where
    /// the database cannot take it (another ackbox writing, the disk full),
    /// the file stays, and what to say once the terminal is given back names
    /// it. An error (holding the text) where neither could keep it.
    fn keep_what_was_typed(&mut self) -> Result<Option<String>> {
        self.keep_typed_in(crate::paths::unsaved_dir())
    }

    /// [`Self::keep_what_was_typed`], its file in the folder `dir`.
    pub fn keep_typed_in(&mut self, dir: Result<std::path::PathBuf>) -> Result<Option<String>> {
        let Some((what, about, text)) = self.typed() else {
            return Ok(None);
        };
        let file =
            dir.and_then(|dir| unsaved::keep(&dir, what, &crate::text::one_line(&about), &text));
        match (self.save_what_was_typed(), file) {
            (Ok(()), file) => {
                if let Ok(path) = file {
                    // Kept where `r` finds it: the copy goes.
                    let _ = std::fs::remove_file(path);
                }
                Ok(None)
            }
            (Err(e), Ok(path)) => Ok(Some(format!(
                "the {what} being written is kept in {}, not in the database: {}",
                crate::text::path_name(&path),
                crate::text::one_line(&crate::store::explain(&self.store.named(e)))
            ))),
            (Err(e), Err(_)) => Err(e.context(format!(
                "the {what} being written could not be kept; here it is:\n\n{}\n",
                crate::text::sanitize(&text)
            ))),
        }
    }

    /// What is being typed that a signal must not lose: its kind, whom it
    /// is for, and its text.
    fn typed(&self) -> Option<(&'static str, String, String)> {
        match &self.state.mode {
            Mode::Reply(d) if !update::unwritten(d, &self.state.lexicon) => Some((
                "reply",
                format!(
                    "A reply to {} on {} ({}:{}):",
                    crate::text::author_with_name(&d.item.author, d.item.author_name.as_deref()),
                    d.item.platform,
                    d.item.platform,
                    d.item.id
                ),
                crate::text::trim_blank_lines(&d.text()).to_owned(),
            )),
            Mode::Note { input, was, .. } if input.trim() != was.trim() => {
                let p = self.state.person.as_ref()?;
                Some((
                    "note",
                    format!("A note about {}:{}:", p.platform, p.author),
                    input.trim().to_owned(),
                ))
            }
            _ => None,
        }
    }

    fn save_what_was_typed(&mut self) -> Result<()> {
        match &self.state.mode {
            Mode::Reply(d) => {
                self.store
                    .keep_draft(d.item.rid, crate::text::trim_blank_lines(&d.text()))?;
            }
            // A note has no draft: saved, as Enter saves it (`u` takes it
            // back), unless one written elsewhere meanwhile would go.
            Mode::Note { input, was, .. } => {
                if let Some(p) = &self.state.person {
                    let note = Some(input.trim());
                    let set = (self.store).set_person(
                        &p.platform,
                        &p.author,
                        None,
                        note,
                        Some(was),
                        Utc::now(),
                    )?;
                    // Not written over one written elsewhere meanwhile: kept in its file.
                    if let crate::store::people::PersonSet::NoteChangedSince(_) = set {
                        anyhow::bail!("a note written elsewhere meanwhile was not replaced");
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A key press: a bound command in the list, a raw key in other modes.
    pub fn key(&mut self, k: KeyEvent) {
        // Esc and a key typed right after it arrive as one Alt+key (the
        // terminal's, tmux's or ssh's timing): one bound to nothing is both.
        // (Where text is typed, Alt+Backspace and the like are meant.)
        if k.modifiers.contains(KeyModifiers::ALT)
            && !self.state.mode.is_typing()
            && self.keymap.command(&k).is_none()
        {
            self.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            self.key(KeyEvent::new(k.code, k.modifiers - KeyModifiers::ALT));
            return;
        }
        match &self.state.mode {
            Mode::Normal => {
                if let Some(c) = self.keymap.command(&k) {
                    self.dispatch(Action::Command(c));
                }
            }
            Mode::Posted { .. } => {
                // `open`'s key opens the link, Esc just closes the offer;
                // any other key closes it and does what it always does,
                // but a key bound to nothing (a second Ctrl-S), which left
                // `o` to open the next item's link.
                let command = self.keymap.command(&k);
                if command.is_none() && k.code != KeyCode::Esc {
                    return;
                }
                let close_only =
                    k.code == KeyCode::Esc || self.state.is_bound(action::Command::Open, &k);
                self.dispatch(Action::Key(k));
                if !close_only && let Some(c) = command {
                    self.dispatch(Action::Command(c));
                }
            }
            Mode::Help { .. } => {
                // `?` and `q` close the help rather than quitting.
                self.dispatch(Action::Key(k));
            }
            _ => self.dispatch(Action::Key(k)),
        }
    }

    pub fn mouse(&mut self, m: MouseEvent) {
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                self.dispatch(Action::Scroll {
                    lines: if m.kind == MouseEventKind::ScrollDown {
                        3
                    } else {
                        -3
                    },
                    column: m.column,
                    row: m.row,
                });
            }
            MouseEventKind::Down(event::MouseButton::Left) => self.dispatch(Action::Click {
                column: m.column,
                row: m.row,
            }),
            _ => {}
        }
    }

    /// Events that came in while a long piece of work ran (a bulk change,
    /// its undo): key presses and clicks are dropped, since they were aimed
    /// at a screen that has changed since (a `d` would dismiss an item never
    /// seen), and the status line says so; the rest (a resize, a paste into
    /// an open draft) are handled.
    pub fn typed_ahead(&mut self, events: Vec<Event>) {
        let mut dropped = false;
        for ev in events {
            match ev {
                // (The pointer moved: nothing was aimed.)
                Event::Mouse(m) if m.kind == MouseEventKind::Moved => {}
                Event::Key(_) | Event::Mouse(_) => dropped = true,
                ev => self.event(ev),
            }
        }
        if dropped {
            let note = "keys pressed while working were ignored";
            match &mut self.state.status {
                Some(s) => s.text = format!("{} · {note}", s.text),
                None => self.state.say(note),
            }
        }
    }

    pub fn event(&mut self, ev: Event) {
        match ev {
            Event::Key(k) => {
                if let Some(k) = Event::Key(k).as_key_press_event() {
                    self.key(k);
                }
            }
            Event::Mouse(m) => self.mouse(m),
            Event::Resize(w, h) => {
                // Drawn whole: a terminal keeps what it likes of the old
                // screen, and one too large to draw kept nothing of it.
                self.redraw = true;
                self.dispatch(Action::Resize(w, h));
            }
            Event::Paste(text) => self.dispatch(Action::Paste(text)),
            _ => {}
        }
    }
}

/// Whether colours may be used: not when `NO_COLOR` is set to anything non-empty.
fn colors_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Terminal setup beyond `ratatui::init`: mouse capture and bracketed paste,
/// plus suspending for `$EDITOR`.
pub mod terminal {
    use ratatui::crossterm::cursor::Show;
    use ratatui::crossterm::event::{
        DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    };
    use ratatui::crossterm::execute;
    use ratatui::crossterm::terminal::{
        EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
    };
    use std::io::stdout;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, LazyLock};

    /// Set by SIGTSTP (`kill -TSTP`, job control): the review gives the
    /// terminal back, then stops.
    pub static STOP_ASKED: LazyLock<Arc<AtomicBool>> = LazyLock::new(Arc::default);

    /// Set while a program ackbox runs has the terminal (`$EDITOR`): a stop
    /// there (Ctrl-Z in the editor) stops ackbox too, at once, as a shell
    /// expects of the job they are.
    pub static CHILD_HAS_IT: LazyLock<Arc<AtomicBool>> = LazyLock::new(Arc::default);

    /// Runs `f` with the terminal given back: a program in the foreground
    /// (`$EDITOR`), or ackbox's own stop (Ctrl-Z).
    pub fn handed_over<T>(f: impl FnOnce() -> T) -> std::io::Result<T> {
        suspend()?;
        CHILD_HAS_IT.store(true, Ordering::SeqCst);
        let out = f();
        CHILD_HAS_IT.store(false, Ordering::SeqCst);
        // A stop while it ran was the program's and ackbox's together.
        STOP_ASKED.store(false, Ordering::SeqCst);
        // A terminal hung up meanwhile (its window closed) cannot be taken
        // again: what `f` did (the file an editor saved) stands, and the
        // hang-up ends the review, which keeps it.
        match resume() {
            Err(_) if hung_up() => {}
            resumed => resumed?,
        }
        Ok(out)
    }

    /// Whether the terminal hung up (its window closed): it answers
    /// nothing now but "input/output error".
    pub fn hung_up() -> bool {
        let settings = match BEFORE.get() {
            Some((Some(tty), _)) => rustix::termios::tcgetattr(tty),
            _ => rustix::termios::tcgetattr(rustix::stdio::stdin()),
        };
        settings.is_err_and(|e| e == rustix::io::Errno::IO)
    }

    pub(super) fn enable_extras() -> std::io::Result<()> {
        execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)
    }

    fn disable_extras() -> std::io::Result<()> {
        execute!(stdout(), DisableBracketedPaste, DisableMouseCapture)
    }

    /// Gives the terminal back (see [`handed_over`]); also what a second
    /// signal to stop does before it ends the process.
    fn suspend() -> std::io::Result<()> {
        disable_extras()?;
        disable_raw_mode()?;
        execute!(stdout(), LeaveAlternateScreen, Show)
    }

    /// The terminal's settings before the review took it, and the file
    /// they are set on (none: standard input), as crossterm chooses it.
    static BEFORE: std::sync::OnceLock<(Option<std::fs::File>, rustix::termios::Termios)> =
        std::sync::OnceLock::new();

    /// Notes the terminal's settings, for [`give_back_now`].
    pub fn remember() {
        use std::io::IsTerminal;
        let tty = match std::io::stdin().is_terminal() {
            true => None,
            false => std::fs::File::open("/dev/tty").ok(),
        };
        let settings = match &tty {
            Some(tty) => rustix::termios::tcgetattr(tty),
            None => rustix::termios::tcgetattr(rustix::stdio::stdin()),
        };
        if let Ok(settings) = settings {
            let _ = BEFORE.set((tty, settings));
        }
    }

    /// The program that has the terminal (`$EDITOR`) and the file it
    /// edits, for [`give_back_now`] to end it and remove the file.
    static CHILD: std::sync::Mutex<Option<(u32, std::path::PathBuf)>> = std::sync::Mutex::new(None);

    /// Runs `command` on `file` with the terminal (see [`handed_over`]),
    /// noted for [`give_back_now`] while it runs.
    pub fn run_on(
        command: &mut std::process::Command,
        file: &std::path::Path,
    ) -> std::io::Result<std::io::Result<std::process::ExitStatus>> {
        handed_over(|| {
            let mut child = command.arg(file).spawn()?;
            if let Ok(mut noted) = CHILD.lock() {
                *noted = Some((child.id(), file.to_owned()));
            }
            let status = child.wait();
            if let Ok(mut noted) = CHILD.lock() {
                *noted = None;
            }
            status
        })
    }

    /// Gives the terminal back from any thread, waiting for nothing (the
    /// review may hold what crossterm's own restore waits for): the program
    /// that had it ended and its file removed, the settings as [`remember`]
    /// noted them, the main screen, the cursor, mouse and paste reporting off.
    pub(super) fn give_back_now() {
        use ratatui::crossterm::Command;
        use rustix::termios::{OptionalActions, tcsetattr};
        let child = CHILD.try_lock().ok().and_then(|mut c| c.take());
        if let Some((pid, file)) = child {
            let pid = i32::try_from(pid)
                .ok()
                .and_then(rustix::process::Pid::from_raw);
            if let Some(pid) = pid {
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
                // Let it put the terminal back as it found it first.
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            let _ = std::fs::remove_file(file);
        }
        if let Some((tty, settings)) = BEFORE.get() {
            let _ = match tty {
                Some(tty) => tcsetattr(tty, OptionalActions::Now, settings),
                None => tcsetattr(rustix::stdio::stdin(), OptionalActions::Now, settings),
            };
        }
        let mut codes = String::new();
        let _ = DisableBracketedPaste.write_ansi(&mut codes);
        let _ = DisableMouseCapture.write_ansi(&mut codes);
        let _ = LeaveAlternateScreen.write_ansi(&mut codes);
        let _ = Show.write_ansi(&mut codes);
        let _ = rustix::io::write(rustix::stdio::stdout(), codes.as_bytes());
    }

    /// Takes the terminal again after [`suspend`].
    fn resume() -> std::io::Result<()> {
        enable_raw_mode()?;
        execute!(stdout(), EnterAlternateScreen)?;
        enable_extras()
    }

    /// Undoes [`enable_extras`] when dropped, unless a panic is unwinding
    /// (the panic hook did it already, before the message was printed).
    pub struct ExtrasGuard;

    impl Drop for ExtrasGuard {
        fn drop(&mut self) {
            if !std::thread::panicking() {
                let _ = disable_extras();
            }
        }
    }

    /// The terminal the keys come from (standard input when it is one, as
    /// crossterm reads it, else `/dev/tty`), watched for a hang-up: a window
    /// closed under a process it did not start sends it no SIGHUP, and
    /// reading from it then returns nothing forever.
    pub struct Input(Option<std::fs::File>);

    impl Input {
        pub fn open() -> Input {
            use std::io::IsTerminal;
            Input(if std::io::stdin().is_terminal() {
                None
            } else {
                std::fs::File::open("/dev/tty").ok()
            })
        }

        pub fn hung_up(&self) -> bool {
            use rustix::event::{PollFd, PollFlags, Timespec, poll};
            let stdin = std::io::stdin();
            let fd = match &self.0 {
                Some(tty) => PollFd::new(tty, PollFlags::IN),
                None => PollFd::new(&stdin, PollFlags::IN),
            };
            let mut fds = [fd];
            let now = Timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            poll(&mut fds, Some(&now)).is_ok()
                && fds[0]
                    .revents()
                    .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
        }
    }

    /// Chains a hook that turns mouse capture off; `ratatui::init` wraps it
    /// with its own, so a panic restores everything once, then prints.
    pub(super) fn install_panic_hook() {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = disable_extras();
            previous(info);
        }));
    }
}

/// How long a wait for input lasts at most, so that a signal to stop is
/// seen soon.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// Why the session ends without a `q`: a signal to stop, or the terminal gone.
struct Ending {
    /// Set by SIGTERM, SIGHUP (the terminal closed), SIGINT or SIGQUIT.
    stop: Arc<AtomicBool>,
    /// The number of the last of those signals.
    signal: Arc<AtomicUsize>,
    input: terminal::Input,
    /// Stops the thread that ends the process on a second signal.
    second: signal_hook::iterator::Handle,
}

impl Drop for Ending {
    fn drop(&mut self) {
        self.second.close();
    }
}

impl Ending {
    /// On a signal to stop, the loop quits as if asked, restoring the
    /// terminal and removing what the session made (the demo's database).
    /// A second SIGTERM, SIGINT or SIGQUIT exits at once (128 + its number),
    /// the terminal given back first by a thread of its own: the loop may
    /// be waiting on the database or on `$EDITOR`.
    fn on_signals() -> Result<Ending> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let stop = Arc::new(AtomicBool::new(false));
        let signal = Arc::new(AtomicUsize::new(0));
        for number in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal_hook::flag::register(number, stop.clone())?;
            signal_hook::flag::register_usize(number, signal.clone(), number as usize)?;
        }
        // A closing window often sends SIGHUP twice (the terminal and the
        // multiplexer): only a second signal someone sends exits at once.
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
        let second = signals.handle();
        std::thread::spawn(move || {
            let mut earlier = false;
            for number in signals.forever() {
                if earlier && number != SIGHUP {
                    terminal::give_back_now();
                    // A death by the signal (`process::exit` flushes
                    // standard output, which the loop may hold).
                    let _ = signal_hook::low_level::emulate_default_handler(number);
                    std::process::exit(128 + number);
                }
                earlier = true;
            }
        });
        use signal_hook::consts::SIGTSTP;
        signal_hook::flag::register_conditional_default(SIGTSTP, terminal::CHILD_HAS_IT.clone())?;
        signal_hook::flag::register(SIGTSTP, terminal::STOP_ASKED.clone())?;
        Ok(Ending {
            stop,
            signal,
            input: terminal::Input::open(),
            second,
        })
    }

    fn now(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.input.hung_up()
    }

    /// Whether a SIGTSTP came since last asked.
    fn suspended(&self) -> bool {
        terminal::STOP_ASKED.swap(false, Ordering::Relaxed)
    }
}

/// Waits up to `timeout` for input, in slices, so that a signal to stop or
/// a hang-up is seen soon; true if there is some.
fn input_within(timeout: Duration, ending: &Ending) -> std::io::Result<bool> {
    let end = Instant::now() + timeout;
    loop {
        if ending.now() || terminal::STOP_ASKED.load(Ordering::Relaxed) {
            return Ok(false);
        }
        let left = end.saturating_duration_since(Instant::now());
        if event::poll(left.min(SIGNAL_CHECK))? {
            return Ok(true);
        }
        if left <= SIGNAL_CHECK {
            return Ok(false);
        }
    }
}

/// More cells than any screen shows (a 4K screen in a small font has some
/// 120,000): the size of a terminal that reports nonsense.
const MAX_CELLS: u32 = 1_000_000;

fn too_large(size: ratatui::layout::Size) -> bool {
    u32::from(size.width) * u32::from(size.height) > MAX_CELLS
}

/// The longest a burst of input is read before the screen is drawn again.
const BURST: Duration = Duration::from_millis(20);

/// Runs the TUI on the real terminal until the user quits. The terminal is
/// restored on quit, on error, on panic and on a signal to stop.
/// `import_command` is what the welcome screen tells to run to fill an
/// empty database.
pub fn run(store: &mut Store, config: &Config, import_command: Vec<String>) -> Result<()> {
    // Fail on a bad [keys] table before touching the terminal.
    Keymap::new(&config.keys)?;
    let (w, h) = ratatui::crossterm::terminal::size()?;
    if too_large(ratatui::layout::Size::new(w, h)) {
        anyhow::bail!(
            "the terminal says it is {w}×{h}: too large to draw; make the window smaller"
        );
    }
    terminal::install_panic_hook();
    terminal::remember();
    let ending = Ending::on_signals()?;
    // A fixed viewport, sized by `draw` after its check of the size: a
    // full-screen one is resized by ratatui to whatever the terminal says
    // at that moment, which may be an absurd size come since the check.
    let mut term = ratatui::try_init_with_options(ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h)),
    })?;
    ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen
    )?;
    let result = review(&mut term, store, config, import_command, &ending);
    if ending.input.hung_up() {
        // Nothing to give back, and nowhere to say what failed: the
        // terminal's own drop would try to show the cursor and panic
        // printing that it could not.
        std::mem::forget(term);
        return Err(Stopped(signal_hook::consts::SIGHUP).into());
    }
    let restored = ratatui::try_restore();
    let said = result.and_then(|said| Ok(restored.map(|()| said)?))?;
    if let Some(note) = said {
        crate::note!("ackbox: note: {note}");
    }
    match ending.signal.load(Ordering::Relaxed) {
        0 => Ok(()),
        signal => Err(Stopped(i32::try_from(signal)?).into()),
    }
}

/// The session ended on a signal to stop (or its terminal went away, as
/// for a SIGHUP): the exit status is 128 + its number, as for a death by it.
#[derive(Debug, thiserror::Error)]
#[error("stopped by signal {0}")]
pub struct Stopped(pub i32);

/// Draws a frame of `s`, sized to the terminal as it is at that moment:
/// when that is not the size `s` was laid out for (it changed in between),
/// this frame is laid out for its own size, and the resize event catches
/// the state up after.
/// Returns what was drawn.
fn draw<B: ratatui::backend::Backend>(
    term: &mut ratatui::Terminal<B>,
    s: &AppState,
) -> Result<Option<Buffer>>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    // The buffers take the size checked here (the review's viewport is
    // fixed: ratatui asks the terminal for no size of its own): a window
    // of absurd size (65535×65535) would abort the process on allocation,
    // the terminal left raw. It is drawn again once it is a sane size.
    let size = term.size()?;
    if too_large(size) {
        return Ok(None);
    }
    let area = ratatui::layout::Rect::from(size);
    if term.get_frame().area() != area {
        term.resize(area)?;
    }
    let drawn = term.draw(|f| {
        let area = f.area();
        if (area.width, area.height) == s.size {
            view::render(f, s);
        } else {
            let mut resized = s.clone();
            update::update(&mut resized, Action::Resize(area.width, area.height));
            view::render(f, &resized);
        }
    })?;
    Ok(Some(drawn.buffer.clone()))
}

/// The frame last drawn, to tell whether a tick changed anything shown: an
/// idle review writes nothing to the terminal (ratatui's frame ends with
/// its colours reset and the cursor hidden, written even with no change).
#[derive(Default)]
struct Shown {
    frame: Option<Buffer>,
    /// Where a frame is drawn to be compared, kept at the screen's size.
    scratch: Option<ratatui::Terminal<TestBackend>>,
}

impl Shown {
    /// Whether `s` draws, at `size`, the frame shown already.
    fn unchanged(&mut self, size: ratatui::layout::Size, s: &AppState) -> Result<bool> {
        let Shown { frame, scratch } = self;
        let Some(shown) = frame.as_ref().filter(|f| f.area.as_size() == size) else {
            return Ok(false);
        };
        let scratch = match scratch {
            Some(t) if t.backend().buffer().area == shown.area => t,
            _ => scratch.insert(ratatui::Terminal::new(TestBackend::new(
                size.width,
                size.height,
            ))?),
        };
        Ok(draw(scratch, s)?.as_ref() == Some(shown))
    }
}

/// The review's loop, on a terminal `ratatui` has set up; what to say
/// once the terminal is given back (where a signal's text was kept).
fn review(
    term: &mut ratatui::DefaultTerminal,
    store: &mut Store,
    config: &Config,
    import_command: Vec<String>,
    ending: &Ending,
) -> Result<Option<String>> {
    terminal::enable_extras()?;
    let _guard = terminal::ExtrasGuard;
    let size = term.size()?;
    let mut app = App::new(
        store,
        config,
        Box::new(effects::RealOs),
        Utc::now(),
        (size.width, size.height),
        colors_allowed(),
    )?;
    app.state.import_command = import_command;
    if app.state.status.is_none()
        && let Some(note) = unsaved::note()
    {
        app.state.say(note);
    }
    let mut next_tick = Instant::now() + TICK;
    // Keys typed in one burst with a key whose work waits for a frame,
    // after it: read before that work, acted on after it.
    let mut typed_before: VecDeque<Event> = VecDeque::new();
    let mut shown = Shown::default();
    // Whether only a tick came since the last frame.
    let mut ticked = false;
    loop {
        if ending.now() {
            return app.keep_what_was_typed();
        }
        if app.state.quit {
            return match app.state.damaged.take() {
                Some(damaged) => Err(anyhow::anyhow!(damaged)),
                None => Ok(None),
            };
        }
        if ending.suspended() {
            app.dispatch(Action::Command(action::Command::Suspend));
        }
        if app.redraw {
            // After an editor or a suspension the cursor was left shown.
            term.hide_cursor()?;
            // Cleared without `Terminal::clear`, which asks the terminal
            // where its cursor is (and fails where nothing answers); the
            // swap leaves both buffers blank, so all is drawn again.
            ratatui::backend::Backend::clear_region(
                term.backend_mut(),
                ratatui::backend::ClearType::All,
            )?;
            term.swap_buffers();
            app.redraw = false;
            shown.frame = None;
        }
        if !(ticked && shown.unchanged(term.size()?, &app.state)?) {
            shown.frame = draw(term, &app.state)?;
        }
        ticked = false;
        let work = Instant::now();
        if app.run_deferred() {
            if work.elapsed() >= LONG_WORK {
                let mut queued = Vec::new();
                // Not `Duration::ZERO`: after long work such a poll found
                // none of the keys typed meanwhile (they were then read and
                // acted on as if typed now); a moment's wait finds them.
                while event::poll(Duration::from_millis(2))? {
                    queued.push(event::read()?);
                }
                app.typed_ahead(queued);
            }
            continue;
        }
        // A report the screen waits for shows as soon as it arrives.
        let timeout = next_tick.saturating_duration_since(Instant::now());
        let timeout = if app.waiting() {
            timeout.min(Duration::from_millis(10))
        } else {
            timeout
        };
        if app.receive(Duration::ZERO) {
            continue;
        }
        let first = match typed_before.pop_front() {
            Some(ev) => Some(ev),
            None if input_within(timeout, ending)? => {
                // Back from a stop (`fg`, a laptop woken), no tick came
                // meanwhile: the key acts at its own time, not the last tick's.
                let now = Utc::now();
                if (now - app.state.now).to_std().is_ok_and(|late| late > TICK) {
                    app.dispatch(Action::Tick(now));
                    next_tick = Instant::now() + TICK;
                }
                Some(event::read()?)
            }
            None => None,
        };
        let typed = first.is_some();
        if let Some(ev) = first {
            app.event(ev);
            // Drain what comes in a burst before drawing again, for up to a
            // frame's time: a paste the terminal does not bracket comes a
            // key at a time, and a frame drawn after each (of a draft
            // growing with each) made 5,000 characters take seconds.
            let burst = Instant::now();
            while !app.state.quit && !app.defers() && burst.elapsed() < BURST {
                match typed_before.pop_front() {
                    Some(ev) => app.event(ev),
                    None if event::poll(Duration::from_millis(1))? => app.event(event::read()?),
                    None => break,
                }
            }
            // A key deferred work waits for (a bulk change, its undo) ends
            // the burst: the keys typed with it act once it is done, as
            // typed (a `u` typed with it took back the action before it),
            // where keys typed while it works are dropped.
            if app.defers() {
                // (A zero wait can miss what is there: see below.)
                while event::poll(Duration::from_millis(1))? {
                    typed_before.push_back(event::read()?);
                }
            }
        }
        if Instant::now() >= next_tick {
            app.dispatch(Action::Tick(Utc::now()));
            next_tick = Instant::now() + TICK;
            ticked = !typed;
        }
    }
}
