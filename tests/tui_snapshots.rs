//! Whole-app snapshots: keys pressed into the real `App` over a fixture
//! database, drawn on a `TestBackend` at 80×24 and 160×48.

mod tui_support;

use ackbox::config::{Config, Template};
use ackbox::model::Record;
use ackbox::store::Store;
use ackbox::tui::effects::FakeOs;
use ackbox::tui::{App, view};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration;
use tui_support::{load, now};

fn config() -> Config {
    Config {
        templates: vec![
            Template {
                name: "thanks".into(),
                body: "Thanks {first_name}! Glad you liked {thread_title}.".into(),
            },
            // A placeholder no item fills (a typo in the config).
            Template {
                name: "ask".into(),
                body: "Hi {nickname}, which grinder do you use?".into(),
            },
        ],
        ..Config::default()
    }
}

fn store() -> (tempfile::TempDir, Store) {
    store_with(&[])
}

/// The fixture's store with `extra` items imported after it.
fn store_with(extra: &[Record]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("t.db")).expect("store");
    load(&mut store);
    if !extra.is_empty() {
        let mut imp = store.begin_import(now()).expect("import");
        for r in extra {
            imp.add(r, false, None).expect("add");
        }
        imp.finish(true).expect("commit");
    }
    (dir, store)
}

/// An incoming comment written `hours` before the tests' clock.
fn comment(platform: &str, id: &str, author: &str, body: &str, hours: i64) -> Record {
    Record::new(
        platform,
        id,
        author,
        body,
        now() - chrono::Duration::hours(hours),
    )
}

/// Searches for `words` (Enter keeps the search) and draws.
fn search_for(app: &mut App, term: &mut Terminal<TestBackend>, words: &str) {
    press(app, &format!("/{words}"));
    code(app, KeyCode::Enter);
    draw(app, term);
}

/// Draws like the terminal loop does: a frame, the deferred counts, a frame.
fn draw(app: &mut App, term: &mut Terminal<TestBackend>) {
    term.draw(|f| view::render(f, &app.state)).expect("draw");
    settle(app);
    term.draw(|f| view::render(f, &app.state)).expect("draw");
}

/// Runs what waited for the frame, and waits for a report the statistics'
/// thread computes.
fn settle(app: &mut App) {
    app.run_deferred();
    while app.waiting() {
        assert!(app.receive(Duration::from_secs(10)), "the report arrives");
    }
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn code(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Runs `steps` on a fresh app at each size and snapshots the screen.
/// The app at the tests' clock, on a terminal of `size`, in colour or not.
fn app<'a>(store: &'a mut Store, cfg: &'a Config, size: (u16, u16), color: bool) -> App<'a> {
    App::new(store, cfg, Box::new(FakeOs::default()), now(), size, color).expect("app")
}

fn snap(name: &str, steps: impl Fn(&mut App)) {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let (_dir, mut store) = store();
        let cfg = config();
        let mut app = app(&mut store, &cfg, (w, h), true);
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        draw(&mut app, &mut term);
        steps(&mut app);
        draw(&mut app, &mut term);
        // The final frame on a fresh backend: no cells left over from earlier frames.
        let mut fresh = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        fresh.draw(|f| view::render(f, &app.state)).expect("draw");
        assert_snapshot!(format!("{name}_{w}x{h}"), fresh.backend());
        assert_no_controls(fresh.backend());
    }
}

/// No cell of the screen holds a control character.
fn assert_no_controls(b: &TestBackend) {
    for cell in b.buffer().content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "control character in {:?}",
            cell.symbol()
        );
    }
}

#[test]
fn queue() {
    snap("queue", |_| {});
}

#[test]
fn queue_moved_to_the_exchange() {
    // The first item is Joe's follow-up: parent, earlier exchange (the
    // reply's two lines on two lines), history.
    snap("queue_detail_focused", |app| {
        code(app, KeyCode::Enter);
    });
}

#[test]
fn queue_unicode_rows() {
    snap("queue_unicode", |app| press(app, "jjjj"));
}

#[test]
fn answered() {
    snap("answered", |app| press(app, "2"));
}

#[test]
fn dismissed() {
    snap("dismissed", |app| press(app, "3"));
}

#[test]
fn snoozed() {
    snap("snoozed", |app| press(app, "4"));
}

#[test]
fn all() {
    snap("all", |app| press(app, "5"));
}

#[test]
fn stats() {
    snap("stats", |app| press(app, "6"));
}

#[test]
fn stats_all_time() {
    snap("stats_window_all", |app| press(app, "6ww"));
}

#[test]
fn help() {
    snap("help", |app| press(app, "?"));
}

#[test]
fn dismiss_picker() {
    snap("dismiss_picker", |app| press(app, "d"));
}

#[test]
fn snooze_picker() {
    snap("snooze_picker", |app| press(app, "s"));
}

/// The examples and the keys, a line each: both in full at 80 columns.
#[test]
fn snooze_custom() {
    snap("snooze_custom", |app| press(app, "s43h"));
}

#[test]
fn snooze_custom_error() {
    snap("snooze_custom_error", |app| {
        press(app, "s4soon");
        code(app, KeyCode::Enter);
    });
}

/// An error too long for the status line takes the keys' line too.
#[test]
fn long_error() {
    snap("long_error", |app| press(app, "xm"));
}

/// An error longer than both lines hold ends in "…" where it is cut.
#[test]
fn an_error_longer_than_two_lines_is_seen_to_be_cut() {
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (60, 20), false);
    let mut term = Terminal::new(TestBackend::new(60, 20)).expect("terminal");
    draw(&mut app, &mut term);
    let words = "the database is busy: another ackbox is writing to it; ".repeat(4);
    app.state
        .complain(format!("{words}try again when it is done"));
    draw(&mut app, &mut term);
    let screen = term.backend().to_string();
    let last: Vec<&str> = screen.lines().rev().take(2).collect();
    assert!(
        last[0].trim_end_matches(['"', ' ']).ends_with('…'),
        "{screen}"
    );
    assert!(last[1].contains("✗ the database is busy"), "{screen}");
}

#[test]
fn filter_picker() {
    snap("filter_picker", |app| press(app, "f"));
}

#[test]
fn bulk_confirmation() {
    snap("bulk_confirm", |app| press(app, "xxa"));
}

#[test]
fn select_all_confirmation() {
    snap("select_all_confirm", |app| {
        press(app, "*d");
        code(app, KeyCode::Enter);
    });
}

#[test]
fn person_view() {
    // Joe: two comments in one thread, one answered; the cursor stays on
    // the one `p` was pressed on.
    snap("person", |app| press(app, "p"));
}

#[test]
fn person_view_note_input() {
    snap("person_note_input", |app| {
        press(app, "pnAsks about brew temperatures, 渡辺 knows him");
    });
}

/// A note longer than its line: its end in sight, a "…" before it.
#[test]
fn person_note_input_long() {
    snap("person_note_input_long", |app| {
        press(
            app,
            "pnAsks about brew temperatures, 渡辺 knows him from the cupping club; prefers \
             e-mail to DMs and orders the Konga every month, usually on the first Monday",
        );
    });
}

/// A long note is read whole in the person view where the screen has room
/// (on up to four lines, the last ending in "…" when it goes on), on one
/// line where it has not.
#[test]
fn person_view_long_note() {
    snap("person_long_note", |app| {
        let note = "Asks about brew temperatures, 渡辺 knows him from the cupping club; \
                    prefers e-mail to DMs and orders the Konga every month. ";
        press(app, &format!("pn{}", note.repeat(6)));
        code(app, KeyCode::Enter);
    });
}

/// The saved replies, whole where the screen has room for them.
#[test]
fn template_picker() {
    snap("template_picker", |app| press(app, "t"));
}

#[test]
fn person_view_vip_and_note() {
    snap("person_vip_note", |app| {
        press(app, "pvnAsks about brew temperatures, 渡辺 knows him");
        code(app, KeyCode::Enter);
    });
}

#[test]
fn reply_editor() {
    snap("reply_editor", |app| press(app, "rthanks Joe, 94 it is"));
}

/// Past the platform's limit the count says by how much, in the error's
/// colour; a config's limit goes over the built-in one.
#[test]
fn a_reply_past_the_platforms_limit_says_by_how_much() {
    let (_dir, mut store) = store();
    let cfg = Config {
        reply_limits: [("YouTube".to_owned(), 20)].into(),
        ..config()
    };
    let mut app = app(&mut store, &cfg, (80, 24), true);
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    press(&mut app, "rthanks Joe, 94 it is");
    draw(&mut app, &mut term);
    assert_snapshot!("reply_editor_over_the_limit", term.backend());
    let buffer = term.backend().buffer();
    let row = (0..24)
        .find(|&y| {
            (0..80)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .contains("16 over what youtube takes")
        })
        .expect("the count");
    assert_eq!(
        buffer[(1, row)].fg,
        ratatui::style::Color::Red,
        "the count is an error"
    );
    // A limit of 0 is none.
    let (_dir, mut store) = self::store();
    let cfg = Config {
        reply_limits: [("youtube".to_owned(), 0)].into(),
        ..config()
    };
    let mut app = self::app(&mut store, &cfg, (80, 24), true);
    press(&mut app, "rthanks Joe, 94 it is");
    draw(&mut app, &mut term);
    let screen = term.backend().to_string();
    assert!(
        screen.contains(" 36 characters · a reply, once saved"),
        "{screen}"
    );
}

/// A thread's title takes two lines at most of the pane at a glance (a
/// long one pushed the exchange and history out of sight); the focused
/// pane shows it whole.
#[test]
fn a_long_thread_title_is_cut_at_a_glance() {
    let mut long = comment("github", "t1", "ann", "Zebrafinch question here", 1);
    long.thread_id = Some("th".into());
    long.thread_title = Some(format!("Title {}", "tttt ".repeat(200)));
    let (_dir, mut store) = store_with(&[long]);
    let cfg = config();
    let mut app = app(&mut store, &cfg, (120, 40), false);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    search_for(&mut app, &mut term, "zebrafinch");
    let rows = |term: &Terminal<TestBackend>| {
        let screen = term.backend().to_string();
        screen.lines().filter(|l| l.contains("tttt tttt")).count()
    };
    assert_eq!(rows(&term), 2, "{}", term.backend());
    code(&mut app, KeyCode::Enter);
    draw(&mut app, &mut term);
    assert!(rows(&term) > 2, "{}", term.backend());
}

#[test]
fn a_long_reply_wraps_in_sight() {
    snap("reply_editor_wrapped", |app| {
        press(
            app,
            "rthanks Joe for the note about the coupon date: it ran out a day early because of a \
             typo in the campaign settings, and it is fixed now, so the code works until Sunday \
             night as the newsletter said. Enjoy the beans!",
        )
    });
}

/// ↑ and ↓ move by screen line in a wrapped paragraph, as the draft shows
/// it: a word in its middle is reached without ← →.
#[test]
fn up_and_down_move_by_the_lines_a_draft_wraps_into() {
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (80, 24), false);
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    draw(&mut app, &mut term);
    press(
        &mut app,
        "rthanks Joe for the note about the coupon date: it ran out a day early because of a \
         typo in the campaign settings, and it is fixed now, so the code works until Sunday",
    );
    draw(&mut app, &mut term);
    code(&mut app, KeyCode::Up);
    press(&mut app, "X");
    draw(&mut app, &mut term);
    let ackbox::tui::state::Mode::Reply(d) = &app.state.mode else {
        panic!("the editor")
    };
    let text = d.text();
    assert!(!text.ends_with('X') && text.contains('X'), "{text}");
    assert_eq!(text.lines().count(), 1, "one paragraph: {text}");
}

/// A draft taller than its box (a long comment above it at 80×24): the
/// box's lower edge says how much is out of sight.
#[test]
fn a_draft_taller_than_its_box_says_so() {
    snap("reply_draft_taller", |app| {
        press(
            app,
            "jjrSofia, the Origami takes the same filters as the V60, so the cone you have \
             works; grind a touch finer for the Kalita wave ones, and pour in three stages \
             of 80 g each, waiting for the bed to drain between them. Let us know how the \
             weekend brew went, and which beans you used! The Nordljus wants 92 °C at most, and a coarser grind, two clicks or so.",
        )
    });
}

#[test]
fn reply_editor_starts_empty_where_the_platform_writes_no_mention() {
    // Sofia's WordPress comment: the draft says who it is for, writing nothing.
    snap("reply_editor_empty", |app| press(app, "jjr"));
}

/// With no clipboard tool (over ssh, none installed), the editor promises
/// what a copy does: it goes to the terminal (OSC 52).
#[test]
fn the_reply_editor_says_where_saved_replies_go() {
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (80, 24), false);
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    app.state.clipboard = false;
    press(&mut app, "jjr");
    draw(&mut app, &mut term);
    let screen = term.backend().to_string();
    assert!(
        screen.contains("once saved, is sent to the terminal"),
        "{screen}"
    );
    assert!(!screen.contains("copied to the clipboard"), "{screen}");
}

#[test]
fn a_comment_cut_short_above_the_reply_scrolls() {
    // Sofia's comment runs past its box at 80×24: PgDn shows its end (and
    // no further, however often: one PgUp is back at its start), the draft
    // untouched.
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (80, 24), false);
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    // Drawn after each key, as the terminal loop does.
    let mut keys = |keys: &[KeyCode]| {
        for &k in keys {
            code(&mut app, k);
            draw(&mut app, &mut term);
        }
        term.backend().to_string()
    };
    let typed: Vec<KeyCode> = "jjrThanks".chars().map(KeyCode::Char).collect();
    let start = keys(&typed);
    assert_snapshot!("reply_editor_scrolled", keys(&[KeyCode::PageDown; 5]));
    assert_eq!(keys(&[KeyCode::PageUp]), start);
    // At 40×12 the box shows a line: each PgDn shows the next, none skipped.
    let (_small_dir, mut small_store) = self::store();
    let mut small = self::app(&mut small_store, &cfg, (40, 12), false);
    let mut term = Terminal::new(TestBackend::new(40, 12)).expect("terminal");
    for k in typed {
        code(&mut small, k);
        draw(&mut small, &mut term);
    }
    for above in 1..=3 {
        code(&mut small, KeyCode::PageDown);
        draw(&mut small, &mut term);
        let screen = term.backend().to_string();
        assert!(screen.contains(&format!(" {above} above · ")), "{screen}");
    }
}

#[test]
fn reply_unfilled_placeholder() {
    snap("reply_unfilled", |app| {
        press(app, "t2");
        app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    });
}

/// The warning says how to save anyway, however narrow the screen.
#[test]
fn reply_generic_warning_is_read_whole() {
    snap("reply_generic", |app| {
        press(app, "rThanks!");
        app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    });
}

#[test]
fn reply_saved_offers_to_open() {
    snap("reply_saved", |app| {
        press(app, "t");
        code(app, KeyCode::Enter);
        app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    });
}

#[test]
fn a_reply_written_here_says_no_import_found_it_yet() {
    snap("reply_not_yet_imported", |app| {
        press(app, "t");
        code(app, KeyCode::Enter);
        app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        // Joe's follow-up, answered now: the reply is in the exchange.
        code(app, KeyCode::Esc);
        press(app, "2j");
        code(app, KeyCode::Enter);
    });
}

#[test]
fn search() {
    snap("search", |app| press(app, "/café"));
}

#[test]
fn search_nothing() {
    snap("search_nothing", |app| press(app, "/zzzz"));
}

#[test]
fn mute_confirmation() {
    snap("mute_confirm", |app| press(app, "m"));
}

#[test]
fn welcome() {
    for (w, h) in [(80u16, 24u16), (160, 48), (40, 12)] {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("empty.db")).expect("store");
        let cfg = config();
        let mut app = app(&mut store, &cfg, (w, h), true);
        // As `ackbox --db` gives it (a long command wraps).
        app.state.import_command = import_into(&format!("{}/empty.db", dir.path().display()));
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        draw(&mut app, &mut term);
        press(&mut app, "jdar");
        draw(&mut app, &mut term);
        // The database's path, named on the screen, is the test's own.
        let path = regex::escape(&dir.path().display().to_string());
        insta::with_settings!({filters => vec![(path.as_str(), "[TMP]")]}, {
            assert_snapshot!(format!("welcome_{w}x{h}"), term.backend());
        });
        // However short the window, the way out is on it.
        assert!(term.backend().to_string().contains("? help   q quit"));
    }
}

/// `ackbox --db PATH import`, as its words.
fn import_into(path: &str) -> Vec<String> {
    ["ackbox", "--db", path, "import"].map(str::to_owned).into()
}

/// A database path too long for the command on one line: the command goes
/// on after a `\`, as a shell reads it, not cut at the box's edge.
#[test]
fn welcome_with_a_long_path() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("empty.db")).expect("store");
    let cfg = config();
    let mut app = app(&mut store, &cfg, (80, 24), true);
    let db = "a/long/folder/name/for/the/welcome/screen/inbox.db";
    app.state.import_command = import_into(&format!("{}/{db}", dir.path().display()));
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    draw(&mut app, &mut term);
    let path = regex::escape(&dir.path().display().to_string());
    insta::with_settings!({filters => vec![(path.as_str(), "[TMP]")]}, {
        assert_snapshot!("welcome_long_path_80x24", term.backend());
    });
    assert!(term.backend().to_string().contains(&format!("/{db} \\")));
    // A path of `cols` columns, drawn: the path and the screen.
    let dir_len = dir.path().display().to_string().chars().count();
    let mut shown = |cols: usize| {
        let db = format!("{}.db", "x".repeat(cols - dir_len - 1 - 3));
        let path = format!("{}/{db}", dir.path().display());
        app.state.import_command = import_into(&path);
        draw(&mut app, &mut term);
        (path, term.backend().to_string())
    };
    // Of 75 columns: too long for the usual indent, whole with less.
    let (path, screen) = shown(75);
    assert!(screen.contains(&format!("│ {path} \\│")), "{screen}");
    // Of 77 columns: its `\` right after it, the box as tall as its lines.
    let (path, screen) = shown(77);
    assert!(screen.contains(&format!("│{path}\\│")), "{screen}");
    assert!(screen.contains("appear here by themselves."), "{screen}");
}

/// Colour carries meaning in the All view (states) and the header: the
/// style-aware snapshot keeps it, and the NO_COLOR rendering drops every
/// colour while keeping the words and symbols.
#[test]
fn colours_and_no_color() {
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (80, 24), true);
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    press(&mut app, "5");
    draw(&mut app, &mut term);
    insta::assert_debug_snapshot!("all_80x24_styles", term.backend().buffer());
    let coloured = term.backend().to_string();

    app.state.color = false;
    draw(&mut app, &mut term);
    for cell in term.backend().buffer().content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
    // The same words and symbols with and without colour.
    assert_eq!(term.backend().to_string(), coloured);
}

/// A bulk dismissal's picker is as wide as its title, where the screen has
/// the room: what it means for answered items is read whole.
#[test]
fn a_bulk_dismissal_says_what_it_means_whole() {
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (120, 40), true);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    press(&mut app, "5*d");
    draw(&mut app, &mut term);
    let screen = term.backend().to_string();
    assert!(
        screen.contains("items (answered ones no longer counted as answered) "),
        "{screen}"
    );
}

/// Commenters the platform withheld are said to be strangers, in the
/// detail pane and in their view, never "not loyal yet".
#[test]
fn strangers_are_said_to_be_strangers() {
    let (_dir, mut store) = store_with(&[
        comment("threads", "u1", "(unknown)", "zebrafinch one", 30),
        comment("threads", "u2", "(unknown)", "zebrafinch two", 200),
    ]);
    let cfg = config();
    let mut app = app(&mut store, &cfg, (120, 40), false);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    search_for(&mut app, &mut term, "zebrafinch");
    let screen = term.backend().to_string();
    assert!(
        screen.contains("│Strangers, their names withheld:"),
        "{screen}"
    );
    press(&mut app, "p");
    draw(&mut app, &mut term);
    let screen = term.backend().to_string();
    assert!(
        screen.contains("strangers, their names withheld"),
        "{screen}"
    );
    assert!(!screen.contains("not loyal yet"), "{screen}");
}

/// A wide Stats view gives each platform its p90 and personal share too,
/// and the response rate over time under the counts (PRODUCT.md: each
/// figure per platform, and the response rate per day as a chart).
#[test]
fn a_wide_stats_view_shows_more_per_platform_and_the_rate_over_time() {
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (250, 60), true);
    let mut term = Terminal::new(TestBackend::new(250, 60)).expect("terminal");
    press(&mut app, "6");
    draw(&mut app, &mut term);
    let screen = term.backend().to_string();
    for shown in [
        "Per platform: response rate, first reply, personal replies, backlog",
        " · p90 ",
        " · personal ",
        "Response rate per day",
        "100%│",
    ] {
        assert!(screen.contains(shown), "{shown:?} in\n{screen}");
    }
    // The replies marked by hand, whose personal share is unknown, are
    // said in the window's figures and their platform's.
    assert_eq!(screen.matches("(1 unknown)").count(), 2, "{screen}");
}

#[test]
fn resize_re_lays_out() {
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (160, 48), true);
    let mut term = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    draw(&mut app, &mut term);
    term.backend_mut().resize(90, 30);
    app.event(ratatui::crossterm::event::Event::Resize(90, 30));
    draw(&mut app, &mut term);
    assert_snapshot!("resized_90x30", term.backend());
}

/// With business hours configured the stats add the figure in working time.
#[test]
fn stats_with_business_hours() {
    let (_dir, mut store) = store();
    let cfg = Config::parse(
        "[business_hours]\ntimezone = \"Europe/Lisbon\"\nmonday = \"09:00-17:00\"\n\
         tuesday = \"09:00-17:00\"\nwednesday = \"09:00-17:00\"\nthursday = \"09:00-17:00\"\n\
         friday = \"09:00-17:00\"\n",
    )
    .expect("config");
    let mut app = app(&mut store, &cfg, (160, 48), true);
    press(&mut app, "6");
    settle(&mut app);
    let mut term = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    term.draw(|f| view::render(f, &app.state)).expect("draw");
    let screen = term.backend().to_string();
    assert!(screen.contains("in working time: median"), "{screen}");
    assert!(!screen.contains("more: a taller window"), "{screen}");
    assert_snapshot!("stats_business_hours_160x48", term.backend());
    // At 80×24 the working time gives way, and the panel says more is left.
    app.event(ratatui::crossterm::event::Event::Resize(80, 24));
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    term.draw(|f| view::render(f, &app.state)).expect("draw");
    let screen = term.backend().to_string();
    assert!(!screen.contains("working time"), "{screen}");
    assert!(
        screen.contains("more: a taller window, or ackbox stats"),
        "{screen}"
    );
}

/// With NO_COLOR no screen uses a colour: every view, dialog and the editor.
#[test]
fn no_color_anywhere() {
    let steps: &[&str] = &[
        "", "\n", "2", "3", "4", "5", "6", "?", "d", "s", "f", "xxa", "rhi", "/caf",
    ];
    for keys in steps {
        let (_dir, mut store) = store();
        let cfg = config();
        let mut app = app(&mut store, &cfg, (100, 30), false);
        for c in keys.chars() {
            if c == '\n' {
                code(&mut app, KeyCode::Enter);
            } else {
                press(&mut app, &c.to_string());
            }
        }
        app.run_deferred();
        let mut term = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
        term.draw(|f| view::render(f, &app.state)).expect("draw");
        for cell in term.backend().buffer().content() {
            assert_eq!(cell.fg, ratatui::style::Color::Reset, "{keys:?}: {cell:?}");
            assert_eq!(cell.bg, ratatui::style::Color::Reset, "{keys:?}: {cell:?}");
        }
    }
}

/// A draft scrolled in a small window shows from its first line once the
/// window grows (not from where the small box had scrolled to, with empty
/// rows below), the cursor where it was.
#[test]
fn a_draft_shows_from_its_start_once_the_window_grows() {
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (80, 24), false);
    press(&mut app, "r");
    for n in 1..=20 {
        press(&mut app, &format!("line {n}"));
        code(&mut app, KeyCode::Enter);
    }
    let screen = |app: &mut App, (w, h): (u16, u16)| {
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        draw(app, &mut term);
        let buffer = term.backend().buffer().clone();
        (0..h)
            .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let small = screen(&mut app, (80, 24));
    assert!(
        !small.contains("line 1 ") && small.contains("out of sight"),
        "{small}"
    );
    app.dispatch(ackbox::tui::action::Action::Resize(132, 43));
    let grown = screen(&mut app, (132, 43));
    assert!(
        grown.contains("line 1 ") && grown.contains("line 20") && !grown.contains("out of sight"),
        "{grown}"
    );
    // Typing goes on where the cursor was: after the last line.
    press(&mut app, "end");
    let ackbox::tui::state::Mode::Reply(d) = &app.state.mode else {
        panic!("still editing")
    };
    assert!(d.text().ends_with("line 20\nend"), "{}", d.text());
}

/// Once the window has grown past a scrolled draft, ↑ moves by
/// the screen lines the reader sees (the editor learns its new width), as
/// it does in a draft opened in the big window.
#[test]
fn up_moves_by_the_lines_shown_after_the_window_grew() {
    let long = "word ".repeat(24); // 120 columns: two rows at 80, one at 200
    let run = |grow_after: bool| {
        let (_dir, mut store) = store();
        let cfg = config();
        let first = if grow_after { (80, 24) } else { (200, 60) };
        let mut app = app(&mut store, &cfg, first, false);
        press(&mut app, "r");
        for n in 1..=12 {
            press(&mut app, &format!("L{n} {long}"));
            if n < 12 {
                code(&mut app, KeyCode::Enter);
            }
        }
        let mut term = Terminal::new(TestBackend::new(first.0, first.1)).expect("terminal");
        draw(&mut app, &mut term);
        if grow_after {
            app.dispatch(ackbox::tui::action::Action::Resize(200, 60));
        }
        let mut term = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
        draw(&mut app, &mut term);
        code(&mut app, KeyCode::Up);
        draw(&mut app, &mut term);
        press(&mut app, "X");
        let ackbox::tui::state::Mode::Reply(d) = &app.state.mode else {
            panic!("still editing")
        };
        d.editor.cursor()
    };
    assert_eq!(run(true), run(false), "↑ left the cursor on another line");
}

/// The terminal's cursor is where the typing goes (an input method's
/// window and a screen magnifier follow it): on the drawn caret of a
/// search, a snooze time and a note, on the reply editor's cursor; hidden
/// where nothing is typed.
#[test]
fn the_terminal_cursor_is_where_the_typing_goes() {
    let (_dir, mut store) = store();
    let cfg = config();
    let (w, h) = (100, 30);
    let cursor = |app: &mut App| {
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        draw(app, &mut term);
        let backend = term.backend();
        let buffer = backend.buffer().clone();
        let caret = (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .find(|&(x, y)| buffer[(x, y)].symbol() == "▏");
        let at = backend.cursor_position();
        (
            backend.cursor_visible().then_some((at.x, at.y)),
            caret,
            buffer,
        )
    };
    let mut app = app(&mut store, &cfg, (w, h), false);
    assert_eq!(cursor(&mut app).0, None, "nothing typed: hidden");
    for (open, keys) in [("/", "caf"), ("pn", "likes")] {
        press(&mut app, open);
        press(&mut app, keys);
        let (at, caret, _) = cursor(&mut app);
        assert!(
            at.is_some() && at == caret,
            "{open}: {at:?} vs the caret {caret:?}"
        );
        code(&mut app, KeyCode::Esc);
        code(&mut app, KeyCode::Esc);
        code(&mut app, KeyCode::Esc);
    }
    press(&mut app, "r");
    press(&mut app, "hello");
    let (at, _, buffer) = cursor(&mut app);
    let (x, y) = at.expect("shown in the editor");
    let before: String = (x - 5..x).map(|x| buffer[(x, y)].symbol()).collect();
    assert!(before.ends_with("hello"), "{before:?} before the cursor");
    // A line that fills the box: the cursor stays shown, on its last cell.
    let right = (x..w)
        .find(|&x| buffer[(x, y)].symbol() == "┃")
        .expect("the box's edge");
    let room = usize::from(right - (x - 5));
    press(&mut app, &"a".repeat(room - 5));
    let (at, _, _) = cursor(&mut app);
    assert_eq!(at, Some((right - 1, y)), "a full line");
}

/// After an emoji of several characters (a skin tone, a family joined
/// with ZWJ), drawn in the two cells of one, the terminal's cursor is right
/// after it in the reply editor, as in a search, not two cells on for each
/// character joined.
#[test]
fn the_terminal_cursor_follows_emoji_of_several_characters() {
    let (_dir, mut store) = store();
    let cfg = config();
    let (w, h) = (100, 30);
    for emoji in ["👍🏽", "👨‍👩‍👧"] {
        let mut app = app(&mut store, &cfg, (w, h), false);
        press(&mut app, "r");
        press(&mut app, &format!("ok {emoji} ok {emoji}"));
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        draw(&mut app, &mut term);
        let at = term.backend().cursor_position();
        let buffer = term.backend().buffer();
        // Eleven cells: the emoji take two each.
        let before: Vec<&str> = (at.x - 11..at.x)
            .map(|x| buffer[(x, at.y)].symbol())
            .collect();
        assert_eq!(
            (before[..4].concat(), before[6..10].concat()),
            (format!("ok {emoji}"), format!("ok {emoji}")),
            "{before:?}"
        );
    }
}

/// A row's flags are never cut mid-word (`[ba…`): where the list is
/// narrow beside the detail pane, as many whole flags as fit are shown.
#[test]
fn flags_are_shown_whole_on_a_narrow_list() {
    for cols in [100, 104, 108] {
        let (_dir, mut store) = store();
        let cfg = config();
        let mut app = app(&mut store, &cfg, (cols, 30), false);
        press(&mut app, "5");
        let mut term = Terminal::new(TestBackend::new(cols, 30)).expect("terminal");
        draw(&mut app, &mut term);
        let buffer = term.backend().buffer().clone();
        let rows: Vec<String> = (0..30)
            .map(|y| (0..cols).map(|x| buffer[(x, y)].symbol()).collect())
            .collect();
        let flagged = rows.iter().filter(|r| r.contains(" [")).count();
        assert!(flagged > 0, "{cols}: no flags shown\n{}", rows.join("\n"));
        for row in &rows {
            // "[ba…", not "[bait,…]".
            let cut = row.match_indices(" [").any(|(at, _)| {
                let after: String = (row[at + 2..].chars())
                    .take_while(|c| c.is_ascii_lowercase() || ",?…".contains(*c))
                    .collect();
                after.ends_with('…') && !after.ends_with(",…")
            });
            assert!(!cut, "{cols}: a flag cut in {row:?}");
        }
    }
}

/// The statistics are the whole inbox's: the list's filter is shown over
/// the lists, not over them.
#[test]
fn the_filter_shows_over_lists_not_over_statistics() {
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (160, 48), true);
    let screen = |app: &mut App| {
        let mut term = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
        draw(app, &mut term);
        let buffer = term.backend().buffer().clone();
        buffer
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect::<String>()
    };
    app.state.query.filter.platform = Some("youtube".into());
    assert!(screen(&mut app).contains("filter: platform youtube"));
    press(&mut app, "6");
    assert!(!screen(&mut app).contains("filter:"));
}

/// Below the minimum size the screen says so and keys act on no item (the
/// cursor row is not on screen); resized back, everything is there again.
#[test]
fn too_small_a_terminal_says_so_and_acts_on_nothing() {
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (20, 5), true);
    let mut term = Terminal::new(TestBackend::new(20, 5)).expect("terminal");
    draw(&mut app, &mut term);
    let counts = app.state.counts;
    press(&mut app, "ar");
    draw(&mut app, &mut term);
    assert_snapshot!("too_small_20x5", term.backend());
    assert!(matches!(app.state.mode, ackbox::tui::state::Mode::Normal));
    assert_eq!(app.state.counts, counts, "nothing was marked answered");
    // Resized back to the smallest usable size: the queue and its cursor row.
    term.backend_mut().resize(40, 12);
    app.event(ratatui::crossterm::event::Event::Resize(40, 12));
    draw(&mut app, &mut term);
    assert_snapshot!("queue_40x12", term.backend());
    // A person's view at that size keeps the list's rows (the figures give way).
    press(&mut app, "p");
    draw(&mut app, &mut term);
    assert!(
        term.backend().to_string().contains('▶'),
        "{}",
        term.backend()
    );
    // A reply being written waits for the window to grow back: its `q` is
    // a letter, not a way to lose the draft.
    press(&mut app, "r");
    press(&mut app, "Thanks");
    term.backend_mut().resize(30, 6);
    app.event(ratatui::crossterm::event::Event::Resize(30, 6));
    press(&mut app, " q");
    draw(&mut app, &mut term);
    assert!(!app.state.quit);
    assert!(
        term.backend().to_string().contains("keys are ignored"),
        "{}",
        term.backend()
    );
    term.backend_mut().resize(40, 12);
    app.event(ratatui::crossterm::event::Event::Resize(40, 12));
    let ackbox::tui::state::Mode::Reply(draft) = &app.state.mode else {
        panic!("the reply editor is gone: {:?}", app.state.mode)
    };
    let text = draft.editor.lines().join("\n");
    assert!(text.ends_with("Thanks"), "{text:?}");
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Esc);
    // q still quits.
    term.backend_mut().resize(20, 5);
    app.event(ratatui::crossterm::event::Event::Resize(20, 5));
    press(&mut app, "q");
    assert!(app.state.quit);
}

/// Too small a terminal quits with the keys `quit` is bound to, also while
/// a dialog waits: a rebound `q` is not one of them.
#[test]
fn too_small_a_terminal_quits_with_the_bound_keys() {
    let (_dir, mut store) = store();
    let mut cfg = config();
    cfg.keys.insert("quit".into(), vec!["ctrl-q".into()]);
    let mut app = app(&mut store, &cfg, (60, 20), true);
    press(&mut app, "d");
    assert!(!matches!(app.state.mode, ackbox::tui::state::Mode::Normal));
    app.event(ratatui::crossterm::event::Event::Resize(20, 5));
    press(&mut app, "q");
    assert!(!app.state.quit, "q is not bound to quit");
    app.key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL));
    assert!(app.state.quit, "ctrl-q quits");
}

/// The editor's cursor is drawn where the text ends on screen: after a
/// wide character or an emoji sequence by its display width, not by its
/// code points.
#[test]
fn the_reply_cursor_sits_after_wide_characters() {
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (80, 24), true);
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    draw(&mut app, &mut term);
    press(&mut app, "r");
    // Joe's reply begins "@joeramos_brews " (16 columns).
    press(&mut app, "渡辺 👨\u{200d}👩\u{200d}👧!");
    let cursor_cells = |term: &mut Terminal<TestBackend>, app: &App| {
        term.draw(|f| view::render(f, &app.state)).expect("draw");
        let buf = term.backend().buffer();
        let area = buf.area;
        let mut found = Vec::new();
        for y in 0..area.height {
            let line: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
            if !line.contains("@joeramos_brews") || line.contains("Reply to") {
                continue;
            }
            for x in 0..area.width {
                if buf[(x, y)]
                    .modifier
                    .contains(ratatui::style::Modifier::REVERSED)
                {
                    found.push((x, buf[(x, y)].symbol().to_owned()));
                }
            }
            let start = line.find("@joeramos_brews").expect("draft");
            return (line[..start].chars().count() as u16, found);
        }
        panic!("no draft on screen:\n{}", term.backend());
    };
    // "@joeramos_brews " 16, "渡辺" 4, " " 1, the family 2, "!" 1: the cursor after them.
    let (x0, found) = cursor_cells(&mut term, &app);
    assert_eq!(found, [(x0 + 24, " ".to_owned())], "{}", term.backend());
    // One step left: on the "!"; two: on the family's first cell.
    code(&mut app, KeyCode::Left);
    let (_, found) = cursor_cells(&mut term, &app);
    assert_eq!(found, [(x0 + 23, "!".to_owned())]);
    code(&mut app, KeyCode::Left);
    let (_, found) = cursor_cells(&mut term, &app);
    assert_eq!(found.first().map(|f| f.0), Some(x0 + 21));
    // Three: on 辺, which begins 2 columns after 渡.
    code(&mut app, KeyCode::Left);
    code(&mut app, KeyCode::Left);
    let (_, found) = cursor_cells(&mut term, &app);
    assert_eq!(found, [(x0 + 18, "辺".to_owned())]);
}

/// The help uses the room it has and wraps what is long; scrolling stops
/// with its last line at the bottom of the popup.
#[test]
fn help_wraps_and_scrolls_no_further_than_its_end() {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let (_dir, mut store) = store();
        let cfg = config();
        let mut app = app(&mut store, &cfg, (w, h), true);
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        press(&mut app, "?");
        draw(&mut app, &mut term);
        let screen = term.backend().to_string();
        assert!(screen.contains("a dismissal,"), "{screen}");
        assert!(screen.contains(" snooze)  "), "{w}x{h}: {screen}");
        // Its lower edge counts the keys out of sight, below and then above.
        let edge = screen
            .lines()
            .find(|r| r.contains('╚'))
            .expect("lower edge");
        assert!(
            edge.contains("╚ ↓ ") && edge.contains(" more ═"),
            "{w}x{h}: {edge}"
        );
        press(&mut app, &"j".repeat(200));
        let end = match app.state.mode {
            ackbox::tui::state::Mode::Help { scroll } => scroll,
            _ => panic!("the help is open"),
        };
        draw(&mut app, &mut term);
        let rows: Vec<String> = term
            .backend()
            .to_string()
            .lines()
            .map(str::to_owned)
            .collect();
        let last = rows
            .iter()
            .position(|r| r.contains("in a picker move, choose"))
            .unwrap_or_else(|| panic!("{w}x{h}: the last line:\n{}", rows.join("\n")));
        assert!(
            rows[last + 1].contains(&format!("╚ ↑ {end} more ═")),
            "{w}x{h}: no blank below the end, nothing said to be below: {}",
            rows[last + 1]
        );
        // Back up one line and down again: the same end.
        press(&mut app, "kj");
        assert!(
            matches!(app.state.mode, ackbox::tui::state::Mode::Help { scroll } if scroll == end)
        );
    }
}

/// On a narrow screen the reply editor's warning wraps at words and is read
/// to its end: how to save anyway.
#[test]
fn a_narrow_reply_warning_is_read_to_its_end() {
    for (w, h) in [(41u16, 24u16), (40, 24), (60, 20)] {
        let (_dir, mut store) = store();
        let cfg = config();
        let mut app = app(&mut store, &cfg, (w, h), true);
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        draw(&mut app, &mut term);
        press(&mut app, "rThanks!");
        app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        draw(&mut app, &mut term);
        let screen = term.backend().to_string();
        assert!(screen.contains("anyway"), "{w}x{h}\n{screen}");
    }
}

/// The detail pane shows what the person wrote lately in other threads and
/// what became of it, under the exchange in this one: a question left
/// waiting under another video is in sight while their follow-up is read.
#[test]
fn the_detail_shows_the_persons_items_in_other_threads() {
    let in_thread = |mut r: Record, thread: &str| {
        r.thread_id = Some(thread.into());
        r
    };
    let mut elsewhere = comment(
        "youtube",
        "j9",
        "@joeramos_brews",
        "Do you ship grinders to Canada?",
        2,
    );
    elsewhere.thread_title = Some("Hand grinders compared".into());
    let (_dir, mut store) = store_with(&[
        in_thread(elsewhere, "grinders"),
        // Two strangers whose names Facebook withheld: no one's history.
        in_thread(
            comment("facebook", "u1", "(unknown)", "first stranger", 3),
            "p1",
        ),
        in_thread(
            comment("facebook", "u2", "(unknown)", "second stranger", 3),
            "p2",
        ),
    ]);
    let cfg = config();
    let mut app = app(&mut store, &cfg, (160, 48), false);
    let mut term = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    search_for(&mut app, &mut term, "overlay");
    let screen = term.backend().to_string();
    let at = |needle: &str| {
        screen
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} in:\n{screen}"))
    };
    assert!(at("In this thread with them:") < at("Elsewhere, lately:"));
    assert!(at("Elsewhere, lately:") < at("Their history on this platform:"));
    at("2 h ago · ● waiting · in Hand grinders compared");
    at("    Do you ship grinders to Canada?");
    // Not the item itself, nor this thread's, under "Elsewhere".
    let section = &screen[at("Elsewhere, lately:")..at("Their history on this platform:")];
    assert!(!section.contains("Follow-up") && !section.contains("Which temperature"));
    // A withheld author's items are strangers': none shown as theirs.
    code(&mut app, KeyCode::Esc);
    search_for(&mut app, &mut term, "first stranger");
    let screen = term.backend().to_string();
    assert!(screen.contains("first stranger"), "{screen}");
    assert!(!screen.contains("second stranger"), "{screen}");
    assert!(!screen.contains("Elsewhere, lately:"), "{screen}");
}

/// Kim's twelve notes in one thread, oldest first.
fn kims_notes() -> Vec<Record> {
    (0..12)
        .map(|i| {
            let mut r = comment(
                "mastodon",
                &format!("m{i}"),
                "kim",
                &format!("note {i}"),
                30 - i,
            );
            r.thread_id = Some("long".into());
            r
        })
        .collect()
}

/// A long exchange in one thread shows its latest messages and says how
/// many earlier ones it leaves out (and which key lists them all).
#[test]
fn a_long_exchange_says_what_it_leaves_out() {
    let (_dir, mut store) = store_with(&kims_notes());
    let cfg = config();
    let mut app = app(&mut store, &cfg, (160, 48), false);
    let mut term = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    search_for(&mut app, &mut term, "note 11");
    let screen = term.backend().to_string();
    assert!(
        screen.contains("… 4 earlier (p lists all their items)"),
        "{screen}"
    );
    assert!(
        screen.contains("note 4") && !screen.contains("note 3 "),
        "{screen}"
    );
}

/// What they wrote in the thread after the comment is counted: an answer
/// to a question solved since may no longer be wanted.
#[test]
fn the_exchange_counts_what_they_wrote_since() {
    let (_dir, mut store) = store_with(&kims_notes());
    let cfg = config();
    let mut app = app(&mut store, &cfg, (160, 48), false);
    let mut term = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    search_for(&mut app, &mut term, "note 5");
    // (A demo comment on a coffee's note, 5 days' shipping, comes first.)
    press(&mut app, "j");
    draw(&mut app, &mut term);
    let screen = term.backend().to_string();
    assert!(screen.contains("mastodon · comment"), "{screen}");
    assert!(
        screen.contains("6 more of theirs here since this one (p lists them)"),
        "{screen}"
    );
    // Narrower, the pane read (focused) says it whole, on two lines.
    app.dispatch(ackbox::tui::action::Action::Resize(100, 30));
    code(&mut app, KeyCode::Enter);
    let mut term = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    for _ in 0..30 {
        draw(&mut app, &mut term);
        let screen = term.backend().to_string();
        if screen.contains("lists them)") {
            return;
        }
        press(&mut app, "j");
    }
    panic!("{}", term.backend());
}

/// A Facebook author is a number: the comment replied to and the exchange
/// name them by their name, as the list does (made safe for the screen as
/// there: a halfwidth sound mark in its spacing form).
#[test]
fn the_exchange_names_a_facebook_author_by_name() {
    let mut parent = comment(
        "facebook",
        "10_1",
        "7012345678901234",
        "Bestellt! Wann kommt es?",
        3,
    );
    parent.author_name = Some("José ﾊﾞﾘｽﾀ".into());
    parent.thread_id = Some("10".into());
    let mut again = comment(
        "facebook",
        "10_2",
        "7012345678901234",
        "Und noch eine Frage",
        2,
    );
    again.author_name = parent.author_name.clone();
    again.thread_id = Some("10".into());
    let mut reply = comment("facebook", "10_3", "99", "Zhang Wei here, same question", 1);
    reply.author_name = Some("张伟".into());
    reply.thread_id = Some("10".into());
    reply.parent_id = Some("10_1".into());
    let (_dir, mut store) = store_with(&[parent, again, reply]);
    let cfg = config();
    let mut shown = |search: &str| {
        let mut app = app(&mut store, &cfg, (160, 48), false);
        let mut term = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
        search_for(&mut app, &mut term, search);
        term.backend().to_string()
    };
    let screen = shown("noch");
    assert!(screen.contains("In this thread with them:"), "{screen}");
    assert!(screen.contains("José ﾊ゛ﾘｽﾀ: Bestellt!"), "{screen}");
    assert!(!screen.contains("7012345678901234: "), "{screen}");
    let screen = shown("Zhang");
    assert!(screen.contains("In reply to:"), "{screen}");
    assert!(screen.contains("José ﾊ゛ﾘｽﾀ: Bestellt!"), "{screen}");
}

/// A thread without a title (Mastodon's) is named by its link, labelled
/// as a titled one is.
#[test]
fn a_thread_without_a_title_is_its_link() {
    let mut r = comment(
        "mastodon",
        "m1",
        "ana@h.social",
        "Is the café open on Sunday?",
        1,
    );
    r.thread_id = Some("m0".into());
    r.thread_url = Some("https://h.social/@fernweh/m0".into());
    let (_dir, mut store) = store_with(&[r]);
    let cfg = config();
    let mut app = app(&mut store, &cfg, (160, 48), false);
    let mut term = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    search_for(&mut app, &mut term, "Sunday");
    let screen = term.backend().to_string();
    assert!(
        screen.contains("Thread: https://h.social/@fernweh/m0"),
        "{screen}"
    );
}

/// The comment above the draft is shown as the detail pane shows it: a
/// tab is spaces, not dropped (which glued the words of a pasted table).
#[test]
fn the_comment_above_a_reply_keeps_its_tabs_as_spaces() {
    let (_dir, mut store) = store_with(&[comment(
        "youtube",
        "tab1",
        "tabby",
        "size\tweight\tprice\n\t250 g\t9 €",
        1,
    )]);
    let cfg = config();
    let mut app = app(&mut store, &cfg, (120, 35), false);
    let mut term = Terminal::new(TestBackend::new(120, 35)).expect("terminal");
    search_for(&mut app, &mut term, "weight");
    press(&mut app, "r");
    draw(&mut app, &mut term);
    let screen = term.backend().to_string();
    assert!(screen.contains("Reply to"), "{screen}");
    assert!(screen.contains("size    weight    price"), "{screen}");
    assert!(screen.contains("    250 g    9 €"), "{screen}");
}

/// A reply to an item answered already says so above the draft; one to a
/// waiting item does not.
#[test]
fn replying_to_an_answered_item_says_it_is_answered() {
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (120, 35), false);
    let mut term = Terminal::new(TestBackend::new(120, 35)).expect("terminal");
    draw(&mut app, &mut term);
    press(&mut app, "r");
    draw(&mut app, &mut term);
    let waiting = term.backend().to_string();
    assert!(waiting.contains(" Reply to "), "{waiting}");
    assert!(!waiting.contains("answered already"), "{waiting}");
    code(&mut app, KeyCode::Esc);
    press(&mut app, "2");
    draw(&mut app, &mut term);
    press(&mut app, "r");
    draw(&mut app, &mut term);
    let answered = term.backend().to_string();
    assert!(answered.contains(" · answered already "), "{answered}");
}

/// A reply to an author known by a number (Facebook's app-scoped ids) is
/// titled with their name, as the lists show them.
#[test]
fn a_reply_to_a_numbered_author_names_them() {
    let mut numbered = comment(
        "facebook",
        "p1_c9",
        "100012345678",
        "Does the oat latte come iced?",
        1,
    );
    numbered.author_name = Some("Ana Souza".into());
    let (_dir, mut store) = store_with(&[numbered]);
    let cfg = config();
    let mut app = app(&mut store, &cfg, (120, 35), false);
    let mut term = Terminal::new(TestBackend::new(120, 35)).expect("terminal");
    search_for(&mut app, &mut term, "iced");
    // With no thread and no link, one blank line between the comment and
    // the next part.
    let rows: Vec<String> = term
        .backend()
        .to_string()
        .lines()
        .map(str::to_owned)
        .collect();
    let row = |needle: &str| rows.iter().rposition(|r| r.contains(needle)).expect(needle);
    assert_eq!(
        row("Their history on this platform:") - row("come iced?"),
        2,
        "{rows:#?}"
    );
    press(&mut app, "r");
    draw(&mut app, &mut term);
    let screen = term.backend().to_string();
    assert!(
        screen.contains(" Reply to Ana Souza on facebook "),
        "{screen}"
    );
}

/// On a small terminal each line of the Stats view is whole or left out:
/// none is cut mid-word.
#[test]
fn small_stats_lines_are_whole() {
    let (_dir, mut store) = store();
    let cfg = config();
    let mut app = app(&mut store, &cfg, (60, 20), true);
    press(&mut app, "6");
    settle(&mut app);
    let mut term = Terminal::new(TestBackend::new(60, 20)).expect("terminal");
    term.draw(|f| view::render(f, &app.state)).expect("draw");
    assert_snapshot!("stats_60x20", term.backend());
}
