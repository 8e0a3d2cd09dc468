//! Hostile comment text (a screen clear, an OSC 52 clipboard write, an OSC 8
//! link, bidi overrides) reaches the screen as inert text: not in the
//! buffer, and not in the bytes written to the terminal.

mod tui_support;

use ackbox::config::Config;
use ackbox::store::Store;
use ackbox::tui::effects::FakeOs;
use ackbox::tui::{App, view};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tui_support::{load, now};

/// Records what the backend writes.
#[derive(Clone, Default)]
struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("sink").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// An app with the cursor on the hostile item (the one from mastodon).
fn on_hostile<'a>(store: &'a mut Store, cfg: &'a Config, w: u16, h: u16) -> App<'a> {
    let mut app =
        App::new(store, cfg, Box::new(FakeOs::default()), now(), (w, h), true).expect("app");
    app.run_deferred();
    for _ in 0..app.state.list.rows.len() {
        if app.state.list.current().map(|i| i.platform.as_str()) == Some("mastodon") {
            break;
        }
        app.key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    }
    assert_eq!(
        app.state.list.current().map(|i| i.platform.as_str()),
        Some("mastodon")
    );
    assert!(
        app.state
            .list
            .current()
            .is_some_and(|i| i.body.contains('\x1b')),
        "the fixture keeps the raw escape sequences in the database"
    );
    app
}

#[test]
fn escape_sequences_never_reach_the_buffer() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("t.db")).expect("store");
    load(&mut store);
    let cfg = Config::default();
    for (w, h) in [(80, 24), (160, 48)] {
        let app = on_hostile(&mut store, &cfg, w, h);
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        term.draw(|f| view::render(f, &app.state)).expect("draw");
        let screen = term.backend().to_string();
        for cell in term.backend().buffer().content() {
            assert!(
                !cell.symbol().chars().any(|c| c.is_control()
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
                "{:?} reached the buffer",
                cell.symbol()
            );
        }
        // The words around the sequences are there, as plain text...
        assert!(screen.contains("before"), "{screen}");
        assert!(screen.contains("click here"), "{screen}");
        assert!(screen.contains("Evil Red"), "{screen}");
        assert!(screen.contains("Beans back in stock"), "{screen}");
        // ...and nothing of the payloads: no clipboard data, no hidden link target.
        assert!(!screen.contains("SGFja2Vk"), "{screen}");
        assert!(!screen.contains("evil.example/"), "{screen}");
        assert!(!screen.contains("[2J"), "{screen}");
    }
}

#[test]
fn the_bytes_written_to_the_terminal_hold_no_injected_sequence() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("t.db")).expect("store");
    load(&mut store);
    let cfg = Config::default();
    let app = on_hostile(&mut store, &cfg, 120, 40);
    let sink = Sink::default();
    let mut term = Terminal::with_options(
        CrosstermBackend::new(sink.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 120, 40)),
        },
    )
    .expect("terminal");
    term.draw(|f| view::render(f, &app.state)).expect("draw");
    let bytes = sink.0.lock().expect("sink").clone();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("click here"));
    for bad in [
        "\x1b]52", "\x1b]8;", "\x1b[2J", "\x07", "\u{202e}", "SGFja2Vk",
    ] {
        assert!(!text.contains(bad), "{bad:?} was written to the terminal");
    }
    // Every escape sequence ratatui wrote is a CSI (cursor moves, colours).
    for (i, _) in text.match_indices('\x1b') {
        assert_eq!(
            text[i + 1..].chars().next(),
            Some('['),
            "non-CSI escape at {i}"
        );
    }
}
