//! End to end: the real binary in a pseudo-terminal (portable-pty), its
//! screen read with vt100. Reply to one item, snooze one, dismiss one with a
//! reason, undo the dismissal, quit; then check the last screen, that the
//! terminal was given back, and what `ackbox list --json` says.

mod tui_support;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use serde_json::Value;
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 30;
const COLS: u16 = 100;

struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Kept open for the child's lifetime; resizes the terminal.
    master: Box<dyn portable_pty::MasterPty + Send>,
    /// Set to have the screen's reader let go of the terminal after its
    /// next read (see [`Tui::close_window`]).
    let_go: Arc<AtomicBool>,
    /// The bytes the program has written to the terminal so far.
    written: Arc<AtomicUsize>,
    /// The folder of unsaved texts, where the test names none.
    _state: tempfile::TempDir,
}

/// How long a screen may take to show what a test waits for: a bulk
/// action over 20,000 items on a machine busy with other builds takes
/// more than ten seconds. No figure of speed: those are the benchmark's.
const WAIT: Duration = Duration::from_secs(30);

impl Tui {
    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Waits until the screen shows `text` ([`WAIT`] at most).
    fn wait_for(&self, text: &str) -> String {
        self.wait_for_any(&[text])
    }

    /// Waits until the screen shows one of `texts` ([`WAIT`] at most).
    fn wait_for_any(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if texts.iter().any(|t| screen.contains(t)) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {texts:?}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// The author of the item under the cursor, from the detail pane's first line.
    fn selected_author(&self) -> String {
        let parser = self.parser.lock().expect("parser");
        // The panes sit side by side from 100 columns: the detail starts at 55 %.
        let line = parser
            .screen()
            .contents_between(3, COLS * 55 / 100 + 1, 3, COLS - 1);
        line.split([' ', '('])
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    /// The fixture id of the item under the cursor (authors are unique in the queue).
    fn selected_id(&self) -> String {
        let author = self.selected_author();
        let id = match author.as_str() {
            "@joeramos_brews" => "j2",
            "kenjiw.bsky.social" => "k1",
            "@noura.brews" => "n1",
            "sofia" => "w1",
            "evil@bad.example" => "m1",
            "familycafe" => "f1",
            "@lucia.torres" => "z1",
            other => panic!(
                "unexpected item under the cursor: {other:?}\n{}",
                self.screen()
            ),
        };
        id.to_owned()
    }

    /// Waits for the process to end (10 s at most), then checks that it
    /// succeeded and gave the terminal back: main screen, cursor shown,
    /// mouse capture off, no TUI left on it.
    /// Ends with exit status `code`, the terminal given back.
    fn assert_ends_well(&mut self, code: u32) {
        let status = self.ended();
        assert_eq!(status.exit_code(), code, "exit status {status:?}");
        self.assert_terminal_given_back();
    }

    /// Ends killed by the signal `name` ("Terminated"), the terminal given back.
    fn assert_killed_by(&mut self, name: &str) {
        let status = self.ended();
        assert_eq!(status.signal(), Some(name), "exit status {status:?}");
        self.assert_terminal_given_back();
    }

    /// The process's end (10 s at most).
    fn ended(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(st) = self.child.try_wait().expect("wait") {
                return st;
            }
            assert!(Instant::now() < deadline, "ackbox did not quit");
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn assert_terminal_given_back(&self) {
        std::thread::sleep(Duration::from_millis(100));
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor left hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture left on"
        );
        assert!(
            !screen.contents().contains("Queue"),
            "{}",
            screen.contents()
        );
    }

    /// Sends ackbox the signal named `signal` (`TERM`, `HUP`, …), as `kill` does.
    fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("pid");
        let status = std::process::Command::new("kill")
            .args([format!("-{signal}"), pid.to_string()])
            .status()
            .expect("kill");
        assert!(status.success(), "kill -{signal}");
    }

    /// Closes the terminal's window: every handle of its master side let
    /// go (the reader's once the terminal next writes), so that it hangs
    /// up. Returns the process, to wait for.
    fn close_window(self) -> Box<dyn portable_pty::Child + Send + Sync> {
        self.let_go.store(true, Ordering::SeqCst);
        drop((self.writer, self.master));
        self.child
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        // Let the app read each batch on its own (Esc must not merge with the next key).
        std::thread::sleep(Duration::from_millis(80));
    }
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_ackbox")
}

/// A folder holding the fixture database and an empty config (kept
/// while the folder is).
fn fixture() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let db = tui_support::fixture_db(dir.path(), chrono::Utc::now());
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").expect("config");
    (dir, db, config)
}

fn start(db: &std::path::Path, config: &std::path::Path) -> Tui {
    start_with(db, config, &[])
}

/// [`start`], with these variables in its environment.
fn start_with(
    db: &std::path::Path,
    config: &std::path::Path,
    env: &[(&str, &std::ffi::OsStr)],
) -> Tui {
    let mut cmd = CommandBuilder::new(bin());
    cmd.arg("--db");
    cmd.arg(db);
    cmd.env("ACKBOX_CONFIG", config);
    for (name, value) in env {
        cmd.env(name, value);
    }
    spawn(cmd)
}

/// Runs `cmd` in a pseudo-terminal, with a fixed time zone, terminal and
/// editor, and no display.
fn spawn(mut cmd: CommandBuilder) -> Tui {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    cmd.env("TZ", "UTC");
    if cmd.get_env("TERM").is_none() {
        cmd.env("TERM", "xterm-256color");
    }
    // Harmless editors (unless one is given), and no display: the
    // clipboard fallback has nothing to run.
    if cmd.get_env("VISUAL").is_none() {
        cmd.env("EDITOR", "true");
        cmd.env("VISUAL", "true");
    }
    // A text a signal stops is written there first (and goes once the
    // database has it): never in the home of whoever runs the tests.
    let state = tempfile::tempdir().expect("a state folder");
    if cmd.get_env("XDG_STATE_HOME").is_none() {
        cmd.env("XDG_STATE_HOME", state.path());
    }
    cmd.env_remove("DISPLAY");
    cmd.env_remove("WAYLAND_DISPLAY");
    cmd.env_remove("NO_COLOR");
    let child = pty.slave.spawn_command(cmd).expect("spawn ackbox");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let writer = pty.master.take_writer().expect("writer");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
    let p = parser.clone();
    let let_go = Arc::new(AtomicBool::new(false));
    let go = let_go.clone();
    let written = Arc::new(AtomicUsize::new(0));
    let w = written.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || go.load(Ordering::SeqCst) {
                break;
            }
            w.fetch_add(n, Ordering::SeqCst);
            p.lock().expect("parser").process(&buf[..n]);
        }
    });
    Tui {
        parser,
        writer,
        child,
        master: pty.master,
        let_go,
        written,
        _state: state,
    }
}

/// `ackbox --demo` with no config, its temporary database in `tmp`.
fn demo(tmp: &std::path::Path) -> CommandBuilder {
    std::fs::write(tmp.join("empty.toml"), "").expect("config");
    let mut cmd = CommandBuilder::new(bin());
    cmd.arg("--demo");
    cmd.env("TMPDIR", tmp);
    cmd.env("ACKBOX_CONFIG", tmp.join("empty.toml"));
    cmd
}

fn list_all(db: &std::path::Path, config: &std::path::Path) -> Vec<Value> {
    let out = std::process::Command::new(bin())
        .args(["list", "--json", "--state", "all", "--db"])
        .arg(db)
        .env("ACKBOX_CONFIG", config)
        .env("TZ", "UTC")
        .output()
        .expect("list");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect()
}

fn by_id<'a>(items: &'a [Value], id: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

/// A review left alone writes nothing to its terminal: its ticks draw
/// only what changed (over ssh, a frame a second is traffic for nothing).
/// Three seconds still are looked for, in a minute's time at most (a
/// minute's turn may age an item's "5m").
#[test]
fn an_idle_review_writes_nothing() {
    let (_dir, db, config) = fixture();
    let mut tui = start(&db, &config);
    tui.wait_for("Queue 7");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let before = tui.written.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_secs(3));
        if tui.written.load(Ordering::SeqCst) == before {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the idle review kept writing to its terminal"
        );
    }
    tui.send("q");
    tui.assert_ends_well(0);
}

#[test]
fn reply_snooze_dismiss_undo_quit() {
    let dir = tempfile::tempdir().expect("dir");
    // The binary reads the wall clock: the fixture is dated from it.
    let db = tui_support::fixture_db(dir.path(), chrono::Utc::now());
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[own]\nyoutube = [\"@FernwehCoffee\"]\n\n[[templates]]\nname = \"thanks\"\nbody = \"Thanks {first_name}!\"\n",
    )
    .expect("config");

    let mut tui = start(&db, &config);
    // The queue, best first.
    tui.wait_for("Queue 7");
    tui.wait_for("● needs a reply");

    // Reply to the first item in the in-app editor.
    let replied = tui.selected_id();
    let author = tui.selected_author();
    tui.send("r");
    tui.wait_for("Your reply");
    tui.send("thanks, 94 it is, good catch on the overlay");
    let text = format!("{author} thanks, 94 it is, good catch on the overlay");
    tui.wait_for("good catch on the overlay");
    tui.send("\x13"); // ctrl-s: judged, and flagged if it is not personal
    let screen = tui.wait_for_any(&["Reply saved", "ctrl-s again saves"]);
    if !screen.contains("Reply saved") {
        tui.send("\x13"); // saved anyway
        tui.wait_for("Reply saved");
    }
    tui.wait_for("Queue 6");

    // Snooze the next one for 3 hours (any key after saving closes the open-link offer).
    tui.wait_for("● needs a reply");
    let snoozed = tui.selected_id();
    assert_ne!(snoozed, replied);
    tui.send("s");
    tui.wait_for("Snooze this item");
    tui.send("1");
    tui.wait_for("snoozed until");
    tui.wait_for("Queue 5");

    // Dismiss the next as spam, then take it back.
    tui.wait_for("● needs a reply");
    let dismissed = tui.selected_id();
    assert!(dismissed != replied && dismissed != snoozed);
    tui.send("d");
    tui.wait_for("Dismiss this item");
    tui.send("2");
    tui.wait_for("dismissed (spam)");
    tui.wait_for("Queue 4");
    tui.send("u");
    tui.wait_for("Undone: dismissed (");
    let last = tui.wait_for("Queue 5");
    // Per-state counts in the tabs: one more answered, one more snoozed, the
    // dismissal taken back.
    for tab in ["Answered 3", "Dismissed 1", "Snoozed 2"] {
        assert!(last.contains(tab), "{tab:?} missing:\n{last}");
    }

    // The statistics come from their own thread, counting what was just done.
    tui.send("6");
    let stats = tui.wait_for("Response rate per platform");
    assert!(stats.contains("answered 3/11 incoming"), "{stats}");
    assert!(stats.contains("backlog 5"), "{stats}");
    tui.send("1");
    tui.wait_for("Queue 5");

    tui.send("q");
    tui.assert_ends_well(0);

    let items = list_all(&db, &config);
    let answered = by_id(&items, &replied);
    assert_eq!(answered["state"], "answered");
    assert!(answered["first_reply_at"].is_string());
    assert_eq!(by_id(&items, &snoozed)["state"], "snoozed");
    assert_eq!(by_id(&items, &dismissed)["state"], "needs-reply");
    assert_eq!(by_id(&items, "s1")["state"], "dismissed");
    assert_eq!(
        items.iter().filter(|i| i["state"] == "needs-reply").count(),
        5
    );

    let out = std::process::Command::new(bin())
        .args(["replies", "--json", "--db"])
        .arg(&db)
        .env("ACKBOX_CONFIG", &config)
        .output()
        .expect("replies");
    let replies = String::from_utf8(out.stdout).expect("utf-8");
    let ours: Vec<Value> = replies
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("json"))
        .filter(|r| r["origin"] == "ackbox")
        .collect();
    assert_eq!(ours.len(), 1, "{replies}");
    assert_eq!(ours[0]["body"], text.as_str());
    assert_eq!(ours[0]["parent_id"], replied.as_str());
    let own = if by_id(&items, &replied)["platform"] == "youtube" {
        "@FernwehCoffee"
    } else {
        "me"
    };
    assert_eq!(ours[0]["author"], own);
}

/// Keys typed while a bulk change or its undo keeps the screen on
/// "Working…" were aimed at a screen that has changed since: they are
/// dropped, and the status line says so (a `3` typed meanwhile opened the
/// Dismissed view once the work was done; a `y` could confirm a bulk change).
#[test]
fn keys_typed_while_working_are_dropped() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, config) = (dir.path().join("big.db"), dir.path().join("empty.toml"));
    std::fs::write(&config, "").expect("config");
    // Enough items for the change to take well over the 300 ms that make
    // work long (about 2 s in a debug build).
    let lines: String = (0..20_000)
        .map(|i| {
            format!(
                "{{\"platform\":\"p\",\"id\":\"b{i}\",\"author\":\"u{}\",\"body\":\"comment {i}\",\"created_at\":\"2026-11-{:02}T10:00:00Z\"}}\n",
                i % 700,
                i % 28 + 1
            )
        })
        .collect();
    let file = dir.path().join("big.jsonl");
    std::fs::write(&file, lines).expect("items");
    let import = std::process::Command::new(bin())
        .args(["import", "--db"])
        .arg(&db)
        .arg(&file)
        .env("ACKBOX_CONFIG", &config)
        .output()
        .expect("import");
    assert!(import.status.success(), "{import:?}");

    let mut tui = start(&db, &config);
    tui.wait_for("Queue 20000");
    tui.send("*");
    tui.send("d");
    tui.send("6"); // other
    tui.wait_for("default No");
    tui.send("y");
    tui.wait_for("Working…");
    tui.send("3"); // the Dismissed view
    let screen = tui.wait_for("keys pressed while working were ignored");
    assert!(screen.contains("[1 Queue 0]"), "{screen}");
    tui.send("u");
    tui.wait_for("Undoing…");
    tui.send("3");
    let screen = tui.wait_for("Queue 20000]");
    let screen = if screen.contains("ignored") {
        screen
    } else {
        tui.wait_for("keys pressed while working were ignored")
    };
    assert!(screen.contains("[1 Queue 20000]"), "{screen}");
    // A key typed with the confirmation, before the work began, acts after
    // it, however long it took: `u` takes the dismissal back.
    let screen = dismiss_all_and_undo_in_one_burst(&mut tui, 20000);
    assert!(!screen.contains("ignored"), "{screen}");
    tui.wait_for("[1 Queue 20000]");
    tui.send("q");
    tui.assert_ends_well(0);
}

/// A key typed right after a bulk change, in the same burst (`yu`: confirm,
/// then undo), acts after the change: `u` takes back the bulk dismissal,
/// not the answer before it.
#[test]
fn a_key_typed_with_a_bulk_change_acts_after_it() {
    let (_dir, db, config) = fixture();
    let mut tui = start(&db, &config);
    tui.wait_for("Queue 7");
    tui.send("a");
    tui.wait_for("Queue 6");
    let screen = dismiss_all_and_undo_in_one_burst(&mut tui, 6);
    assert!(screen.contains("[1 Queue 6]"), "{screen}");
    tui.send("q");
    tui.assert_ends_well(0);
}

/// Every item of the view dismissed (`*`, `d`, other), the confirmation and
/// `u` typed in one burst; the screen once the `n` items are taken back.
fn dismiss_all_and_undo_in_one_burst(tui: &mut Tui, n: usize) -> String {
    tui.send("*");
    tui.send("d");
    tui.send("6"); // other
    tui.wait_for("default No");
    tui.send("yu");
    tui.wait_for(&format!("Undone: dismissed ({n} items)"))
}

/// A key pressed as the review comes back from a stop (`fg`) acts at the
/// time it is pressed, not at the last tick before the stop: an answer
/// made then counts for that day.
#[test]
fn a_key_after_a_stop_acts_at_its_own_time() {
    let (_dir, db, config) = fixture();
    let mut tui = start(&db, &config);
    tui.wait_for("● needs a reply");
    let id = tui.selected_id();
    tui.signal("STOP");
    std::thread::sleep(Duration::from_millis(3500));
    // Typed while stopped, read as it goes on.
    tui.send("a");
    let resumed = chrono::Utc::now();
    tui.signal("CONT");
    tui.wait_for("Queue 6");
    let store = ackbox::store::Store::open(&db).expect("store");
    let rid = (store.rid_of(&format!("youtube:{id}").parse().expect("an item"))).expect("rid");
    let answered = store.item(rid).expect("item").expect("an item").state_at;
    let answered = answered.expect("answered at");
    assert!(
        answered.timestamp() >= resumed.timestamp() - 1,
        "answered at {answered}, resumed at {resumed}"
    );
    tui.send("q");
    tui.assert_ends_well(0);
}

/// A signal to stop (a `kill`, the terminal window closed) ends the TUI as
/// `q` does: the terminal is given back and the demo's database removed.
#[test]
fn a_signal_to_stop_gives_the_terminal_back_and_removes_the_demo() {
    // Exit status 128 + the signal's number, as the shell reports a death by it.
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let tmp = tempfile::tempdir().expect("dir");
        let mut tui = spawn(demo(tmp.path()));
        tui.wait_for("Queue");
        let demo = || {
            std::fs::read_dir(tmp.path())
                .expect("tmp")
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().starts_with("ackbox-demo-"))
                .count()
        };
        assert_eq!(demo(), 1, "the demo's database is in TMPDIR");
        // A closing window often sends SIGHUP twice (the terminal and a
        // multiplexer): the second must not cut the ending short.
        let times = if signal == "HUP" { 2 } else { 1 };
        for _ in 0..times {
            tui.signal(signal);
        }
        tui.assert_ends_well(code);
        assert_eq!(demo(), 0, "SIG{signal} left the demo's database behind");
    }
}

/// The review on `db`, its unsaved texts' folder under `state`, with
/// "Joe, 94 it is" typed as a reply to the first item, whose fixture id
/// comes with it.
fn writing_a_reply(
    db: &std::path::Path,
    config: &std::path::Path,
    state: &std::path::Path,
) -> (Tui, String) {
    let mut tui = start_with(db, config, &[("XDG_STATE_HOME", state.as_os_str())]);
    tui.wait_for("● needs a reply");
    let id = tui.selected_id();
    tui.send("r");
    tui.wait_for("Your reply");
    tui.send("Joe, 94 it is");
    tui.wait_for("94 it is");
    (tui, id)
}

/// One text kept in the unsaved texts' folder under `state`, ending in `text`.
fn assert_kept_in_a_file(state: &std::path::Path, text: &str) {
    let kept: Vec<_> = std::fs::read_dir(state.join("ackbox"))
        .expect("the folder of unsaved texts")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let written = std::fs::read_to_string(&kept[0]).expect("kept");
    assert!(written.ends_with(&format!("{text}\n")), "{written:?}");
}

/// A reply being written when a signal stops the review (its window
/// closed) is kept as its item's draft: `r` there starts from it (and no
/// copy of it in a file is left).
#[test]
fn a_signal_keeps_the_reply_being_written() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let (dir, db, config) = fixture();
        let state = dir.path().join("state");
        let (mut tui, id) = writing_a_reply(&db, &config, &state);
        tui.signal(signal);
        tui.assert_ends_well(code);
        let draft = stored_draft(&db, &config, &id);
        assert!(
            draft
                .as_deref()
                .is_some_and(|d| d.ends_with("Joe, 94 it is")),
            "SIG{signal}: {draft:?}"
        );
        let copies = std::fs::read_dir(state.join("ackbox")).map_or(0, |d| d.count());
        assert_eq!(copies, 0, "SIG{signal}: a copy left");
    }
}

/// A reply being written when a signal stops the review, which the
/// database cannot take (moved away; another ackbox writing, the disk
/// full), is kept in a file of its own that the error names.
#[test]
fn a_reply_the_database_cannot_take_is_kept_in_a_file() {
    let (dir, db, config) = fixture();
    let state = dir.path().join("state");
    let (mut tui, _) = writing_a_reply(&db, &config, &state);
    std::fs::rename(&db, dir.path().join("away.db")).expect("moved");
    tui.signal("TERM");
    tui.assert_ends_well(143);
    assert_kept_in_a_file(&state, "Joe, 94 it is");
    let screen = tui.screen().replace('\n', "");
    assert!(
        screen.contains("the reply being written is kept in"),
        "{screen}"
    );
    // The next review says where it is.
    std::fs::rename(dir.path().join("away.db"), &db).expect("moved back");
    let mut tui = start_with(&db, &config, &[("XDG_STATE_HOME", state.as_os_str())]);
    tui.wait_for("1 text a stopped review could not save is in");
    tui.send("q");
    tui.assert_ends_well(0);
}

/// A second signal while the review waits to keep a reply in a busy
/// database ends it at once: the reply is in its file all the same.
#[test]
fn a_second_signal_while_the_database_is_busy_keeps_the_reply_in_a_file() {
    let (dir, db, config) = fixture();
    let state = dir.path().join("state");
    let (mut tui, _) = writing_a_reply(&db, &config, &state);
    // Another writer holds the database.
    let other = rusqlite::Connection::open(&db).expect("another writer");
    other
        .execute_batch("BEGIN IMMEDIATE")
        .expect("the write lock");
    tui.signal("TERM");
    std::thread::sleep(Duration::from_millis(300));
    tui.signal("TERM");
    tui.assert_killed_by("Terminated");
    drop(other);
    assert_kept_in_a_file(&state, "Joe, 94 it is");
}

/// A person's note being typed when a signal stops the review is saved,
/// as Enter saves it: nothing typed is lost.
#[test]
fn a_signal_keeps_the_note_being_written() {
    let (_dir, db, config) = fixture();
    let mut tui = start(&db, &config);
    tui.wait_for("● needs a reply");
    let author = tui.selected_author();
    tui.send("p");
    tui.wait_for("items, newest first");
    tui.send("n");
    tui.send("Met at the Lisbon cupping");
    tui.wait_for("Lisbon cupping");
    tui.signal("HUP");
    tui.assert_ends_well(129);
    let out = std::process::Command::new(bin())
        .args(["--db"])
        .arg(&db)
        .args(["person", &format!("youtube:{author}"), "--json"])
        .env("ACKBOX_CONFIG", &config)
        .output()
        .expect("person");
    let person = String::from_utf8_lossy(&out.stdout);
    assert!(
        person.contains(r#""note":"Met at the Lisbon cupping""#),
        "{person}"
    );
}

/// Opened while another ackbox holds the file (a first import writes it
/// whole), the review says what it waits for instead of a blank screen,
/// then opens when the file is free.
#[test]
fn a_review_waiting_for_the_database_says_so() {
    let (_dir, db, config) = fixture();
    let holder = rusqlite::Connection::open(&db).expect("open");
    let mode: String = holder
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .expect("journal mode");
    assert_eq!(mode, "delete");
    holder.execute_batch("BEGIN EXCLUSIVE").expect("held");
    let mut tui = start(&db, &config);
    tui.wait_for("another ackbox may be writing it");
    holder.execute_batch("ROLLBACK").expect("let go");
    tui.wait_for("● needs a reply");
    tui.send("q");
    tui.assert_ends_well(0);
}

/// A database file found damaged as the review reads its list: the list
/// says so, and quitting ends with the error and status 1 (it said
/// "loading…" for good, and ended with 0).
#[test]
fn a_damaged_database_ends_the_review_with_its_error() {
    let (_dir, db, config) = fixture();
    let (root, page): (u64, u64) = {
        let c = rusqlite::Connection::open(&db).expect("open");
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint");
        let root = c
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'items_queue'",
                [],
                |r| r.get(0),
            )
            .expect("the queue's index");
        (
            root,
            c.query_row("PRAGMA page_size", [], |r| r.get(0))
                .expect("page size"),
        )
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .expect("file");
    std::io::Seek::seek(&mut file, std::io::SeekFrom::Start((root - 1) * page)).expect("seek");
    file.write_all(&vec![0xff; page as usize]).expect("damage");
    drop(file);
    let mut tui = start(&db, &config);
    tui.wait_for("The database file is damaged (q quits).");
    tui.send("q");
    tui.assert_ends_well(1);
    assert!(
        tui.screen().contains("ackbox: error: database"),
        "{}",
        tui.screen()
    );
}

/// Quitting the review after a change leaves the database in its one file:
/// no log beside it (its threads' connections, left open, kept the change
/// in FILE-wal, where a copy of the file alone missed it).
#[test]
fn quitting_leaves_the_changes_in_the_file() {
    let (_dir, db, config) = fixture();
    let mut tui = start(&db, &config);
    tui.wait_for("● needs a reply");
    tui.send("6");
    tui.send("1");
    tui.send("a");
    tui.send("q");
    tui.assert_ends_well(0);
    let wal = format!("{}-wal", db.display());
    assert!(!std::path::Path::new(&wal).exists(), "{wal} left behind");
}

/// The window closed while the reply was in `$VISUAL`: what the editor
/// saved before the hangup stopped it is the draft kept.
#[test]
fn a_hangup_keeps_what_the_editor_saved() {
    // Saves, then the hangup reaches the review and the editor.
    let (_dir, db, config, mut tui, id) = reply_handed_to(
        r#"sh -c 'printf "Joe, written in the editor" > "$1"; kill -HUP $PPID; kill -HUP $$' sh"#,
    );
    tui.assert_ends_well(129);
    let draft = stored_draft(&db, &config, &id);
    assert_eq!(draft.as_deref(), Some("Joe, written in the editor"));
}

/// The review on the fixture with `visual` as `$VISUAL`, a reply to the
/// first item begun ("Joe") and handed to it (Ctrl-E); with that item's id.
fn reply_handed_to(
    visual: &str,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    std::path::PathBuf,
    Tui,
    String,
) {
    let (dir, db, config) = fixture();
    let mut tui = start_with(&db, &config, &[("VISUAL", visual.as_ref())]);
    tui.wait_for("● needs a reply");
    let id = tui.selected_id();
    tui.send("r");
    tui.wait_for("Your reply");
    tui.send("Joe");
    tui.wait_for("Joe");
    tui.send("\x05"); // Ctrl-E
    (dir, db, config, tui, id)
}

/// The window closed while the editor runs: the terminal hangs up, and an
/// editor that saved exits with an error (vim does, finding its terminal
/// gone); what it saved is kept all the same.
#[test]
fn a_window_closed_keeps_what_the_editor_saved() {
    // Saves, then writes to the terminal until it is gone.
    let (_dir, db, config, tui, id) = reply_handed_to(
        r#"sh -c 'printf "Joe, written in the editor" > "$1"; while printf .; do sleep 0.05; done; exit 1' sh"#,
    );
    tui.wait_for("...");
    let mut child = tui.close_window();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "ackbox did not end");
        std::thread::sleep(Duration::from_millis(25));
    };
    assert_eq!(status.exit_code(), 129, "{status:?}");
    let draft = stored_draft(&db, &config, &id);
    assert_eq!(draft.as_deref(), Some("Joe, written in the editor"));
}

/// A second signal to stop, while the review waits (here for the database,
/// which another program is writing), ends it at once, with the terminal
/// given back: a death by that signal.
#[test]
fn a_second_signal_ends_a_waiting_review_with_the_terminal_given_back() {
    let (_dir, db, config) = fixture();
    let mut tui = start(&db, &config);
    tui.wait_for("● needs a reply");
    let holder = rusqlite::Connection::open(&db).expect("open");
    holder.execute_batch("BEGIN IMMEDIATE").expect("write lock");
    tui.send("a"); // marked answered: waits for the lock
    std::thread::sleep(Duration::from_millis(300));
    tui.signal("TERM");
    std::thread::sleep(Duration::from_millis(300));
    let second = Instant::now();
    tui.signal("TERM");
    // A death by it: the shell says 143.
    tui.assert_killed_by("Terminated");
    // At once: not when the wait for the database (2 s) is over.
    assert!(
        second.elapsed() < Duration::from_millis(1200),
        "{:?}",
        second.elapsed()
    );
    drop(holder);
}

/// A second signal while `$VISUAL` has the terminal ends the editor too
/// (left running, it kept the terminal in its own mode under the shell)
/// and removes the file it was editing.
#[test]
fn a_second_signal_ends_the_editor_too() {
    let (dir, db, config) = fixture();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).expect("tmp");
    let pid_file = dir.path().join("editor.pid");
    let visual = format!("sh -c 'echo $$ > {}; exec sleep 30' sh", pid_file.display());
    let mut tui = start_with(
        &db,
        &config,
        &[("TMPDIR", tmp.as_os_str()), ("VISUAL", visual.as_ref())],
    );
    tui.wait_for("● needs a reply");
    tui.send("r");
    tui.wait_for("Your reply");
    tui.send("\x05"); // Ctrl-E
    let deadline = Instant::now() + Duration::from_secs(5);
    while !pid_file.exists() {
        assert!(Instant::now() < deadline, "the editor did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(100));
    let pid = std::fs::read_to_string(&pid_file).expect("pid");
    let editor = std::path::PathBuf::from(format!("/proc/{}", pid.trim()));
    tui.signal("TERM");
    std::thread::sleep(Duration::from_millis(300));
    tui.signal("TERM");
    // Ended by the signal, or by the loop the editor's end let go on.
    let status = tui.ended();
    assert!(
        status.signal() == Some("Terminated") || status.exit_code() == 143,
        "{status:?}"
    );
    tui.assert_terminal_given_back();
    std::thread::sleep(Duration::from_millis(200));
    assert!(!editor.exists(), "the editor was left running");
    let left: Vec<_> = std::fs::read_dir(&tmp).expect("tmp").collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The draft stored for the item with this id (on whichever platform).
fn stored_draft(db: &std::path::Path, config: &std::path::Path, id: &str) -> Option<String> {
    let store = ackbox::store::Store::open(db).expect("store");
    let items = list_all(db, config);
    let platform = by_id(&items, id)["platform"].as_str().expect("platform");
    let item = format!("{platform}:{id}").parse().expect("an item");
    let rid = store.rid_of(&item).expect("rid");
    store.item(rid).expect("item").expect("an item").draft
}

/// A terminal that reports an absurd size (65535×65535) is not drawn
/// (ratatui's buffers of that size would abort the process, the terminal
/// left raw) until it is a sane size again.
#[test]
fn an_absurd_terminal_size_is_not_drawn() {
    let tmp = tempfile::tempdir().expect("dir");
    let mut tui = spawn(demo(tmp.path()));
    tui.wait_for("Queue");
    let size = |rows, cols| PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    };
    tui.master.resize(size(u16::MAX, u16::MAX)).expect("resize");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        tui.child.try_wait().expect("wait").is_none(),
        "still running"
    );
    // The screen read is blanked first: what shows next is drawn anew (a
    // blank after the resize raced a redraw that came quickly).
    tui.parser.lock().expect("parser").process(b"\x1b[2J");
    tui.master.resize(size(ROWS, COLS)).expect("resize");
    tui.wait_for("Queue");
    tui.send("q");
    tui.assert_ends_well(0);
}

/// `import -` at a terminal reads what is typed there: it says so and how
/// to end it, then imports it.
#[test]
fn an_import_typed_at_the_keyboard_says_how_to_end_it() {
    let tmp = tempfile::tempdir().expect("dir");
    std::fs::write(tmp.path().join("empty.toml"), "").expect("config");
    let typing = || {
        let mut cmd = CommandBuilder::new(bin());
        let db = tmp.path().join("typed.db");
        cmd.args(["--db", db.to_str().expect("path"), "import", "-"]);
        cmd.env("ACKBOX_CONFIG", tmp.path().join("empty.toml"));
        let tui = spawn(cmd);
        tui.wait_for("Ctrl-D");
        tui
    };
    let mut tui = typing();
    tui.send(
        "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"ann\",\"body\":\"hi?\",\"created_at\":\"2026-11-01T10:00:00Z\"}\n",
    );
    tui.send("\u{4}");
    let screen = tui.wait_for("1 new");
    // No progress bar drawn over what was typed.
    assert!(!screen.contains("importing ["), "{screen}");
    tui.assert_ends_well(0);
    // One Ctrl-D with nothing typed ends it too: an empty file.
    let mut tui = typing();
    tui.send("\u{4}");
    tui.wait_for("(empty)");
    tui.assert_ends_well(0);
}

/// A terminal that cannot move its cursor (TERM=dumb) gets the queue
/// printed, as a pipe does, not escape sequences it would show as text.
#[test]
fn a_dumb_terminal_gets_the_queue_printed() {
    let tmp = tempfile::tempdir().expect("dir");
    let mut cmd = demo(tmp.path());
    cmd.env("TERM", "dumb");
    let mut tui = spawn(cmd);
    let screen = tui.wait_for("needs-reply");
    assert!(!screen.contains("Queue"), "{screen}");
    tui.assert_ends_well(0);
}

/// Ctrl-Z, and a SIGTSTP sent by job control, give the terminal back before
/// the process stops (main screen, cursor shown, mouse capture off); a
/// SIGCONT (`fg`) takes it again and draws the review anew.
#[test]
fn ctrl_z_and_sigtstp_suspend_with_the_terminal_given_back() {
    let tmp = tempfile::tempdir().expect("dir");
    let mut tui = spawn(demo(tmp.path()));
    tui.wait_for("Queue");
    let pid = tui.child.process_id().expect("pid").to_string();
    let state = || {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
        let after = stat.rsplit_once(") ").expect("stat fields").1;
        after.chars().next().expect("state")
    };
    let until = |what: &str, done: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !done() {
            assert!(Instant::now() < deadline, "timed out waiting: {what}");
            std::thread::sleep(Duration::from_millis(25));
        }
    };
    for stop in ["ctrl-z", "kill -TSTP"] {
        // The screen is cleared by hand: what is drawn again must be new.
        tui.parser.lock().expect("parser").process(b"\x1b[2J");
        match stop {
            "ctrl-z" => tui.send("\x1a"),
            _ => tui.signal("TSTP"),
        }
        until("stopped", &|| state() == 'T');
        std::thread::sleep(Duration::from_millis(100));
        {
            let parser = tui.parser.lock().expect("parser");
            let screen = parser.screen();
            assert!(
                !screen.alternate_screen(),
                "{stop}: still on the alternate screen"
            );
            assert!(!screen.hide_cursor(), "{stop}: cursor left hidden");
            assert_eq!(
                screen.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "{stop}: mouse capture left on"
            );
        }
        tui.signal("CONT");
        until("running", &|| state() != 'T');
        tui.wait_for("Queue");
        let parser = tui.parser.lock().expect("parser");
        assert!(parser.screen().alternate_screen(), "{stop}: taken again");
    }
    tui.send("q");
    tui.assert_ends_well(0);
}

/// Ctrl-Z stops the whole job, as a shell expects: run by a script (here
/// `sh -c`), the script stops too, so that the shell gets the terminal
/// back; `fg` (SIGCONT to the job) takes the review back.
#[test]
fn ctrl_z_stops_the_script_that_runs_the_review_too() {
    let tmp = tempfile::tempdir().expect("dir");
    std::fs::write(tmp.path().join("empty.toml"), "").expect("config");
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", r#""$0" --demo; echo wrapper-done"#, bin()]);
    cmd.env("TMPDIR", tmp.path());
    cmd.env("ACKBOX_CONFIG", tmp.path().join("empty.toml"));
    let mut tui = spawn(cmd);
    tui.wait_for("Queue");
    // The script leads the job (its process group), the pty's first process.
    let script = tui.child.process_id().expect("pid").to_string();
    let state = || {
        let stat = std::fs::read_to_string(format!("/proc/{script}/stat")).expect("stat");
        let after = stat.rsplit_once(") ").expect("stat fields").1;
        after.chars().next().expect("state")
    };
    tui.send("\x1a");
    let deadline = Instant::now() + Duration::from_secs(10);
    while state() != 'T' {
        assert!(Instant::now() < deadline, "the script did not stop");
        std::thread::sleep(Duration::from_millis(25));
    }
    let resumed = std::process::Command::new("kill")
        .args(["-s", "CONT", "--", &format!("-{script}")])
        .status()
        .expect("kill");
    assert!(resumed.success());
    tui.wait_for("Queue");
    tui.send("q");
    tui.wait_for("wrapper-done");
    tui.assert_ends_well(0);
}

/// A terminal window closed under ackbox ends the session as `q` does,
/// instead of spinning on the dead input, and the demo's database goes:
/// under a terminal ackbox did not start (no SIGHUP comes; reading gives
/// nothing from then on), and under the one it leads, which the kernel
/// hangs up (a SIGHUP, then every write fails).
#[test]
fn a_terminal_that_hangs_up_ends_the_session() {
    hang_up_under(false);
    hang_up_under(true);
}

fn hang_up_under(session_leader: bool) {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    use std::os::unix::fs::OpenOptionsExt;
    let tmp = tempfile::tempdir().expect("dir");
    std::fs::write(tmp.path().join("empty.toml"), "").expect("config");
    // Close-on-exec: a copy in the child would keep the terminal from hanging up.
    let master =
        openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).expect("pty");
    grantpt(&master).expect("grantpt");
    unlockpt(&master).expect("unlockpt");
    rustix::termios::tcsetwinsize(
        &master,
        rustix::termios::Winsize {
            ws_row: ROWS,
            ws_col: COLS,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )
    .expect("size");
    let name = ptsname(&master, Vec::new()).expect("ptsname");
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(rustix::fs::OFlags::NOCTTY.bits() as i32)
        .open(name.to_str().expect("name"))
        .expect("slave");
    // In this process's session the pty is not its controlling terminal;
    // `setsid --ctty` makes ackbox the leader of a session it controls.
    let mut cmd = if session_leader {
        let mut c = std::process::Command::new("setsid");
        c.args(["--ctty", bin()]);
        c
    } else {
        std::process::Command::new(bin())
    };
    let mut child = cmd
        .arg("--demo")
        .env("TMPDIR", tmp.path())
        .env("ACKBOX_CONFIG", tmp.path().join("empty.toml"))
        .env("TERM", "xterm-256color")
        .stdin(slave.try_clone().expect("stdin"))
        .stdout(slave.try_clone().expect("stdout"))
        .stderr(slave)
        .spawn()
        .expect("spawn ackbox");
    let mut master = std::fs::File::from(master);
    let (mut seen, deadline) = (Vec::new(), Instant::now() + Duration::from_secs(20));
    while !String::from_utf8_lossy(&seen).contains("Queue") {
        assert!(Instant::now() < deadline, "no queue on screen");
        let mut fds = [PollFd::new(&master, PollFlags::IN)];
        let tick = Timespec {
            tv_sec: 0,
            tv_nsec: 50_000_000,
        };
        if poll(&mut fds, Some(&tick)).expect("poll") > 0 {
            let mut buf = [0u8; 8192];
            let n = master.read(&mut buf).expect("read");
            seen.extend_from_slice(&buf[..n]);
        }
    }
    drop(master);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("ackbox still runs after its terminal hung up");
        }
        std::thread::sleep(Duration::from_millis(25));
    };
    assert_eq!(status.code(), Some(129), "as for a SIGHUP");
    let left = std::fs::read_dir(tmp.path())
        .expect("tmp")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("ackbox-demo-"))
        .count();
    assert_eq!(left, 0, "the demo's database was left behind");
}

/// A `$BROWSER` that draws in the terminal (lynx, w3m…) gets it, as the
/// editor does, and the review is drawn again when it quits (detached, it
/// had no terminal to draw on).
#[test]
fn a_text_mode_browser_gets_the_terminal() {
    let tmp = tempfile::tempdir().expect("dir");
    let lynx = tmp.path().join("lynx");
    std::fs::write(
        &lynx,
        "#!/bin/sh\nprintf 'LYNX SHOWS %s\\n' \"$1\"\nread line\n",
    )
    .expect("lynx");
    std::fs::set_permissions(&lynx, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let mut cmd = demo(tmp.path());
    cmd.env("BROWSER", &lynx);
    let mut tui = spawn(cmd);
    tui.wait_for("Queue");
    tui.send("o");
    tui.wait_for("LYNX SHOWS https://");
    assert!(
        !tui.parser
            .lock()
            .expect("parser")
            .screen()
            .alternate_screen(),
        "the browser drew on ackbox's screen"
    );
    tui.send("\r");
    tui.wait_for("Queue");
    assert!(
        tui.parser
            .lock()
            .expect("parser")
            .screen()
            .alternate_screen()
    );
    tui.send("q");
    tui.assert_ends_well(0);
}

/// An opener that fails at once, or is not there, says so on the status
/// line (with what to set), instead of nothing.
#[test]
fn an_opener_that_fails_says_so() {
    let tmp = tempfile::tempdir().expect("dir");
    let firefox = tmp.path().join("firefox");
    std::fs::write(&firefox, "#!/bin/sh\nexit 3\n").expect("firefox");
    std::fs::set_permissions(
        &firefox,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .expect("chmod");
    let missing = tmp.path().join("nowhere/firefox");
    for (browser, said) in [
        (&firefox, "could not open the link"),
        (&missing, "(set $BROWSER"),
    ] {
        let mut cmd = demo(tmp.path());
        cmd.env("BROWSER", browser);
        let mut tui = spawn(cmd);
        tui.wait_for("Queue");
        tui.send("o");
        tui.wait_for(said);
        tui.send("q");
        tui.assert_ends_well(0);
    }
}
