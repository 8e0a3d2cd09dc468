//! The app over a real database file: changes made by another process show
//! up on the next tick with the cursor on the same item, undo survives a
//! restart, snoozes wake up, and a select-all acts on exactly what matches.

mod tui_support;

use ackbox::analysis::Flag;
use ackbox::config::Config;
use ackbox::model::Record;
use ackbox::store::Store;
use ackbox::tui::App;
use ackbox::tui::action::Action;
use ackbox::tui::effects::FakeOs;
use ackbox::tui::reports::Reports;
use ackbox::tui::state::{Choice, Mode};
use chrono::Duration;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration as StdDuration;
use tui_support::{fixture_db, now};

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    app.run_deferred();
}

/// The app as `App::new` leaves it: the first page in, nothing after it run.
fn unsettled<'a>(
    store: &'a mut Store,
    cfg: &'a Config,
    at: chrono::DateTime<chrono::Utc>,
) -> App<'a> {
    App::new(
        store,
        cfg,
        Box::new(FakeOs::default()),
        at,
        (100, 30),
        false,
    )
    .expect("app")
}

/// The app, settled, on `os` (whose log tells what it copied and opened).
fn app_on<'a>(store: &'a mut Store, cfg: &'a Config, os: &FakeOs) -> App<'a> {
    let mut app = App::new(store, cfg, Box::new(os.clone()), now(), (100, 30), false).expect("app");
    app.run_deferred();
    app
}

fn app<'a>(store: &'a mut Store, cfg: &'a Config, at: chrono::DateTime<chrono::Utc>) -> App<'a> {
    let mut app = unsettled(store, cfg, at);
    app.run_deferred();
    app
}

/// The fixture database in a folder of its own (kept while the folder is),
/// its path, and the store open on it.
fn fixture_store() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let path = fixture_db(dir.path(), now());
    let store = Store::open(&path).expect("store");
    (dir, path, store)
}

fn current(app: &App) -> Option<String> {
    app.state.list.current().map(|i| i.id.clone())
}

fn queue_count(app: &App) -> Option<u64> {
    app.state.counts.map(|c| c[0])
}

#[test]
fn items_imported_by_another_process_appear_and_the_cursor_stays() {
    let (_dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    press(&mut app, "jj");
    let on = current(&app).expect("an item");
    assert_eq!(queue_count(&app), Some(7));

    // Another process imports an item.
    {
        let mut other = Store::open(&path).expect("other");
        let mut imp = other.begin_import(now()).expect("import");
        let r = Record::new(
            "youtube",
            "late1",
            "@latecomer",
            "an old comment, imported late",
            now() - Duration::days(30),
        );
        imp.add(&r, false, None).expect("add");
        imp.finish(true).expect("commit");
    }
    app.dispatch(Action::Tick(now() + Duration::seconds(1)));
    app.run_deferred();
    assert_eq!(current(&app), Some(on), "the cursor follows its item");
    assert!(app.state.list.rows.iter().any(|i| i.id == "late1"));
    assert_eq!(queue_count(&app), Some(8));
    assert_eq!(
        status(&app),
        "Imported meanwhile: 1 new item, it needs a reply"
    );
    // A tick with no change reloads nothing.
    app.state.status = None;
    let before = app.state.list.rows.len();
    app.dispatch(Action::Tick(now() + Duration::seconds(2)));
    assert_eq!(app.state.list.rows.len(), before);
    assert_eq!(status(&app), "");

    // Two new comments and an own reply, and a known item again: the
    // new items are told, the known one not.
    let comment = |id| Record::new("youtube", id, "@latecomer", "more", now());
    let mut reply = Record::new("youtube", "mine1", "@us", "thanks!", now());
    reply.parent_id = Some("late2".into());
    let again = Record::new("youtube", "late1", "@latecomer", "edited", now());
    import_beside(
        &path,
        &[
            (comment("late2"), false),
            (comment("late3"), false),
            (reply, true),
            (again, false),
        ],
    );
    app.dispatch(Action::Tick(now() + Duration::seconds(3)));
    app.run_deferred();
    assert_eq!(
        status(&app),
        "Imported meanwhile: 2 new items, 1 needs a reply; 1 reply of yours"
    );
    // Only a reply posted on the platform: the item it answers leaves the
    // queue, and the line says why.
    app.state.status = None;
    let waiting = queue_count(&app).expect("counts");
    let mut posted = Record::new("youtube", "mine2", "@us", "thanks Lee!", now());
    posted.parent_id = Some("late3".into());
    import_beside(&path, &[(posted, true)]);
    app.dispatch(Action::Tick(now() + Duration::seconds(4)));
    app.run_deferred();
    assert_eq!(queue_count(&app), Some(waiting - 1));
    assert_eq!(status(&app), "Imported meanwhile: 1 reply of yours");
}

/// An import that lands just before a key acts (a dismissal between it
/// and the next tick) is told all the same: the key's own write does not
/// take the import's items for seen (HG).
#[test]
fn items_imported_just_before_a_key_acts_are_told() {
    let (_dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    let comment = |id| {
        (
            Record::new("youtube", id, "@newcomer", "hello?", now()),
            false,
        )
    };
    import_beside(&path, &[comment("n1"), comment("n2")]);
    app.key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE));
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.run_deferred();
    assert!(status(&app).contains("dismissed"), "{}", status(&app));
    app.dispatch(Action::Tick(now() + Duration::seconds(1)));
    app.run_deferred();
    // Told once the line is free of the dismissal's message.
    app.state.status = None;
    app.dispatch(Action::Tick(now() + Duration::seconds(2)));
    assert_eq!(
        status(&app),
        "Imported meanwhile: 2 new items, 2 need a reply"
    );
}

/// Another process imports `records` (each with whether it is the
/// owner's) into the database at `path`.
fn import_beside(path: &std::path::Path, records: &[(Record, bool)]) {
    let mut other = Store::open(path).expect("other");
    let mut imp = other.begin_import(now()).expect("import");
    for (r, own) in records {
        imp.add(r, *own, None).expect("add");
    }
    imp.finish(true).expect("commit");
}

fn status(app: &App) -> String {
    app.state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// A search on its own thread that fails (here a table gone under it) ends
/// its "searching…": the list found nothing, the status line says why.
#[test]
fn a_search_that_fails_says_so() {
    let (_dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute_batch("DROP TABLE threads"))
        .expect("drop");
    press(&mut app, "/逆");
    assert!(!app.state.list.loaded, "searching…");
    assert!(app.receive(StdDuration::from_secs(10)));
    assert!(app.state.list.loaded && app.state.list.rows.is_empty());
    let status = app.state.status.as_ref().expect("a message");
    assert!(
        status.error && status.text.contains("threads"),
        "{status:?}"
    );
}

/// A dismissal reason chosen in another process (`ackbox mark … --reason`)
/// is the one the open review's next dismissal suggests.
#[test]
fn a_reason_chosen_elsewhere_is_suggested_next() {
    use ackbox::model::DismissReason;
    let (_dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    assert_ne!(app.state.last_reason, DismissReason::Bait);
    {
        let mut other = Store::open(&path).expect("other");
        let rid = other
            .rid_of(&"youtube:j2".parse().expect("ref"))
            .expect("rid");
        let bait = ackbox::store::actions::Change::Dismissed(DismissReason::Bait);
        other.apply(&[rid], bait, now()).expect("dismiss");
    }
    app.dispatch(Action::Tick(now() + Duration::seconds(1)));
    assert_eq!(app.state.last_reason, DismissReason::Bait);
}

/// A dismissal chosen on items another process changed meanwhile leaves
/// those as they are and says so: a selection dismisses the rest, one
/// item whose picker was open is not dismissed at all.
#[test]
fn an_action_leaves_items_changed_elsewhere_since_they_were_chosen() {
    use ackbox::model::State;
    let (_dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    let answer_elsewhere = |id: &str| {
        let mut other = Store::open(&path).expect("other");
        let rid = other.rid_of(&id.parse().expect("ref")).expect("rid");
        let answered = ackbox::store::actions::Change::Answered;
        other.apply(&[rid], answered, now()).expect("answer");
    };
    let status = |app: &App| app.state.status.as_ref().map(|s| s.text.clone());
    let state = |store: &Store, id: &str| {
        let rid = store.rid_of(&id.parse().expect("ref")).expect("rid");
        store.item(rid).expect("read").expect("item").state
    };
    let here = |app: &App| {
        let i = app.state.list.current().expect("an item");
        format!("{}:{}", i.platform, i.id)
    };
    let first = here(&app);
    press(&mut app, "x");
    let second = here(&app);
    press(&mut app, "x");
    let third = here(&app);
    answer_elsewhere(&second);
    app.dispatch(Action::Tick(now() + Duration::seconds(1)));
    press(&mut app, "d");
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    press(&mut app, "y");
    let said = status(&app).expect("a message");
    assert!(
        said.contains("1 item dismissed") && said.contains("1 other changed elsewhere"),
        "{said}"
    );
    // One item: its picker open when it was answered elsewhere.
    while here(&app) != third {
        press(&mut app, "j");
    }
    press(&mut app, "d");
    answer_elsewhere(&third);
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.run_deferred();
    let said = status(&app).expect("a message");
    assert!(
        said.contains("Nothing done: this item was changed elsewhere"),
        "{said}"
    );
    // A selection wholly changed elsewhere: nothing done, and the selection
    // dropped (it would take the next action too).
    let fourth = here(&app);
    press(&mut app, "x");
    answer_elsewhere(&fourth);
    press(&mut app, "d");
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    press(&mut app, "y");
    app.run_deferred();
    let said = status(&app).expect("a message");
    assert!(
        said.contains("Nothing done: 1 item was changed elsewhere"),
        "{said}"
    );
    assert!(app.state.selection.is_empty());
    drop(app);
    assert_eq!(state(&store, &first), State::Dismissed);
    assert_eq!(state(&store, &second), State::Answered);
    assert_eq!(state(&store, &third), State::Answered);
}

/// Ctrl-L has the terminal loop clear the screen and draw it whole.
#[test]
fn ctrl_l_draws_the_screen_from_scratch() {
    let (_dir, _, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    assert!(!app.redraw);
    app.key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
    assert!(app.redraw);
}

/// Esc and a key typed right after it, read as one Alt+key, are both: the
/// detail is left, then the view switched (an Alt+key bound stays itself).
#[test]
fn esc_run_into_the_next_key_is_both_keys() {
    let (_dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.state.focus, ackbox::tui::state::Focus::Detail);
    app.key(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::ALT));
    app.run_deferred();
    assert_eq!(app.state.focus, ackbox::tui::state::Focus::List);
    assert_eq!(app.state.view, ackbox::tui::state::View::Answered);
    // Where text is typed, an Alt+key is meant: the search stays open.
    press(&mut app, "/ab");
    app.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::ALT));
    assert!(matches!(
        app.state.mode,
        ackbox::tui::state::Mode::Search { .. }
    ));
    let mut keys = std::collections::BTreeMap::new();
    keys.insert("view_stats".to_owned(), vec!["alt-2".to_owned()]);
    let bound = Config {
        keys,
        ..Config::default()
    };
    let mut store = Store::open(&path).expect("store");
    let mut app = self::app(&mut store, &bound, now());
    app.key(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::ALT));
    app.run_deferred();
    assert_eq!(app.state.view, ackbox::tui::state::View::Stats);
}

/// The database file deleted under the review: said at the next tick, not
/// written to as if nothing happened (every change would be lost).
#[test]
fn a_database_file_deleted_under_the_review_is_said() {
    let (_dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    std::fs::remove_file(&path).expect("deleted");
    app.dispatch(Action::Tick(now() + Duration::seconds(1)));
    app.run_deferred();
    let status = app.state.status.as_ref().expect("a message");
    assert!(
        status.error && status.text.contains("is gone"),
        "{status:?}"
    );
}

/// A backup moved over the database file while the review has it open:
/// said at the next tick, before anything is written through the old file's
/// log into the new one.
#[test]
fn a_database_file_replaced_under_the_review_is_said() {
    let dir = tempfile::tempdir().expect("dir");
    let path = fixture_db(dir.path(), now());
    let backup = dir.path().join("backup.db");
    std::fs::copy(&path, &backup).expect("backup");
    let mut store = Store::open(&path).expect("store");
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    std::fs::rename(&backup, &path).expect("restored");
    app.dispatch(Action::Tick(now() + Duration::seconds(1)));
    app.run_deferred();
    let status = app.state.status.as_ref().expect("a message");
    assert!(
        status.error && status.text.contains("was replaced"),
        "{status:?}"
    );
    // SQLite leaves the old file's log by the name the new one reads.
    assert!(
        status.text.contains("move its FILE-wal and FILE-shm away"),
        "{status:?}"
    );
}

#[test]
fn undo_works_after_a_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let path = fixture_db(dir.path(), now());
    let cfg = Config::default();
    let dismissed = {
        let mut store = Store::open(&path).expect("store");
        let mut app = app(&mut store, &cfg, now());
        press(&mut app, "j"); // the second item, so that it comes back above the cursor
        let dismissed = current(&app);
        press(&mut app, "d2");
        assert_eq!(queue_count(&app), Some(6));
        dismissed
    };
    let mut store = Store::open(&path).expect("store");
    let mut app = app(&mut store, &cfg, now() + Duration::minutes(5));
    assert_eq!(queue_count(&app), Some(6));
    assert_ne!(current(&app), dismissed);
    let gone = app.state.list.rows.len();
    app.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE));
    assert!(!app.run_deferred(), "one item's undo runs at once");
    assert_eq!(queue_count(&app), Some(7));
    assert_eq!(app.state.list.rows.len(), gone + 1, "back in the queue");
    assert_eq!(current(&app), dismissed, "the cursor is on what came back");
    let status = app.state.status.clone().expect("a message");
    // The item is named, as `ackbox undo` names it.
    assert!(
        status
            .text
            .starts_with("Undone: dismissed (instagram:n1 \""),
        "{}",
        status.text
    );
    // Several levels: the fixture's own actions come next.
    press(&mut app, "u");
    assert!(
        app.state
            .status
            .as_ref()
            .is_some_and(|s| s.text.starts_with("Undone"))
    );
}

#[test]
fn snoozed_items_come_back_when_their_time_comes() {
    let (_dir, _, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    press(&mut app, "s1"); // 3 hours
    assert_eq!(queue_count(&app), Some(6));
    assert_ne!(current(&app).as_deref(), Some("j2"));
    app.dispatch(Action::Tick(
        now() + Duration::hours(3) + Duration::seconds(1),
    ));
    app.run_deferred();
    assert_eq!(queue_count(&app), Some(7));
    assert_eq!(
        app.state.list.rows.first().map(|i| i.id.as_str()),
        Some("j2")
    );
}

/// A snooze due while another process writes (an import) wakes at a tick
/// after it: the tick does not wait for the write, freezing the review, nor
/// say the database is busy when the user did nothing.
#[test]
fn a_snooze_due_while_another_process_writes_wakes_after_it_without_waiting() {
    let (_dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    press(&mut app, "s1"); // 3 hours
    assert_eq!(queue_count(&app), Some(6));
    let other = rusqlite::Connection::open(&path).expect("other");
    other
        .execute_batch("BEGIN IMMEDIATE")
        .expect("the write lock");
    app.state.status = None;
    let due = now() + Duration::hours(3) + Duration::seconds(1);
    let started = std::time::Instant::now();
    app.dispatch(Action::Tick(due));
    app.run_deferred();
    assert!(started.elapsed() < StdDuration::from_secs(1), "it waited");
    assert_eq!(app.state.status, None, "nothing to say");
    assert_eq!(queue_count(&app), Some(6));
    other.execute_batch("ROLLBACK").expect("unlocked");
    app.dispatch(Action::Tick(due));
    app.run_deferred();
    assert_eq!(queue_count(&app), Some(7));
}

#[test]
fn select_all_acts_on_every_match_in_one_undoable_action() {
    let (_dir, _, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    press(&mut app, "/pour"); // a word of a thread title (and of bodies)
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let shown = app.state.list.rows.len() as u64;
    press(&mut app, "*");
    let Some(n) = (match &app.state.selection {
        ackbox::tui::state::Selection::All { count, .. } => *count,
        _ => None,
    }) else {
        panic!("everything selected, counted")
    };
    assert_eq!(n, shown);
    assert!(n >= 2, "several items match: {n}");
    press(&mut app, "a");
    let Mode::Confirm(c) = &app.state.mode else {
        panic!("asked first")
    };
    assert_eq!(c.question, format!("Mark {n} items answered?"));
    // Enter takes the default: No, nothing changes.
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.run_deferred();
    assert_eq!(queue_count(&app), Some(7));
    press(&mut app, "ay");
    assert_eq!(queue_count(&app), Some(7 - n));
    assert!(app.state.selection.is_empty());
    app.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE));
    let working = app.state.status.as_ref().map(|s| s.text.clone());
    assert_eq!(
        working.as_deref(),
        Some("Undoing…"),
        "a frame says so first"
    );
    assert!(app.run_deferred());
    assert_eq!(queue_count(&app), Some(7));
    assert_eq!(
        app.state.status.as_ref().map(|s| s.text.clone()),
        Some(format!("Undone: answered ({n} items)"))
    );
}

/// Saves a personal reply to the item under the cursor (asked again where
/// it is judged not personal); returns that item.
fn reply_here(app: &mut App) -> ackbox::store::query::Item {
    let item = app.state.list.current().cloned().expect("an item");
    press(app, "rthanks for asking about this!");
    app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    if matches!(app.state.mode, Mode::Reply(_)) {
        app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    }
    app.run_deferred();
    assert!(
        matches!(app.state.mode, Mode::Posted { .. }),
        "{:?}",
        app.state.mode
    );
    item
}

/// The offer to open the link to post a reply outlives an import beside
/// the review (which takes no action of the user's): `o` still opens the
/// answered item's link, not the cursor's. Another process's undo takes
/// the offer back.
#[test]
fn the_offer_to_post_a_reply_outlives_an_import_beside_not_an_undo() {
    let (_dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let os = FakeOs::default();
    let mut app = app_on(&mut store, &cfg, &os);
    let answered = reply_here(&mut app);
    let dismissed = |app: &App| app.state.counts.map(|c| c[2]);
    let before = dismissed(&app).expect("counts");
    {
        // Its rule dismisses one of them: an action undo would take back,
        // but not the user's.
        let mut other = Store::open(&path).expect("other");
        let rules = Config::parse("[[rules]]\nwords = [\"giveaway\"]\nreason = \"spam\"\n")
            .expect("config")
            .rules;
        other.set_rules(rules);
        let mut imp = other.begin_import(now()).expect("import");
        let r = Record::new("youtube", "new1", "@newcomer", "hello?", now());
        imp.add(&r, false, None).expect("add");
        let r = Record::new("youtube", "new2", "@promo", "giveaway here", now());
        imp.add(&r, false, None).expect("add");
        imp.finish(true).expect("commit");
    }
    app.dispatch(Action::Tick(now() + Duration::seconds(1)));
    app.run_deferred();
    assert_eq!(dismissed(&app), Some(before + 1), "the rule dismissed one");
    assert!(matches!(app.state.mode, Mode::Posted { .. }));
    let status = app.state.status.clone().expect("a message");
    assert!(
        status
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("opens the link")),
        "{status:?}"
    );
    // So does a change of another item elsewhere (`ackbox mark`).
    let other_item = app.state.list.current().expect("an item").rid;
    assert_ne!(other_item, answered.rid);
    Store::open(&path)
        .expect("other")
        .apply(
            &[other_item],
            ackbox::store::actions::Change::Dismissed(ackbox::model::DismissReason::Spam),
            now(),
        )
        .expect("mark");
    app.dispatch(Action::Tick(now() + Duration::seconds(2)));
    app.run_deferred();
    assert!(matches!(app.state.mode, Mode::Posted { .. }));
    press(&mut app, "o");
    {
        let log = os.log.lock().expect("log");
        assert_eq!(log.opened, vec![answered.url.clone().expect("a link")]);
    }
    reply_here(&mut app);
    Store::open(&path)
        .expect("other")
        .undo(now())
        .expect("undo")
        .expect("undone");
    app.dispatch(Action::Tick(now() + Duration::seconds(3)));
    app.run_deferred();
    assert!(matches!(app.state.mode, Mode::Normal));
}

/// A reply undone here deletes the newest row: the items an import brings
/// next take its id again, and are told all the same.
#[test]
fn items_brought_after_a_reply_undone_here_are_all_told() {
    let (_dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    reply_here(&mut app);
    app.dispatch(Action::Tick(now() + Duration::seconds(1)));
    app.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    press(&mut app, "u");
    // (Its message, which offers `r`, stays over the note.)
    app.state.status = None;
    let comment = |id| {
        (
            Record::new("youtube", id, "@newcomer", "hello?", now()),
            false,
        )
    };
    import_beside(&path, &[comment("n1"), comment("n2")]);
    app.dispatch(Action::Tick(now() + Duration::seconds(2)));
    app.run_deferred();
    assert_eq!(
        status(&app),
        "Imported meanwhile: 2 new items, 2 need a reply"
    );
}

#[test]
fn a_reply_is_recorded_copied_and_its_link_opened() {
    let (_dir, _, mut store) = fixture_store();
    let cfg = Config::default();
    let os = FakeOs::default();
    let mut app = app_on(&mut store, &cfg, &os);
    let item = app.state.list.current().cloned().expect("an item");
    press(&mut app, "rthanks!");
    let body = format!(
        "{}thanks!",
        ackbox::tui::update::addressee(&item, &app.state.lexicon)
    );
    // Judged first; a reply flagged as not personal is saved by asking again.
    app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    if let Mode::Reply(d) = &app.state.mode {
        assert!(
            d.error
                .as_deref()
                .is_some_and(|e| e.contains("ctrl-s again")),
            "{:?}",
            d.error
        );
        app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    }
    app.run_deferred();
    assert!(
        matches!(app.state.mode, Mode::Posted { .. }),
        "{:?}",
        app.state.mode
    );
    press(&mut app, "o");
    assert!(matches!(app.state.mode, Mode::Normal));
    assert_eq!(queue_count(&app), Some(6));
    drop(app);
    {
        let log = os.log.lock().expect("log");
        assert_eq!(log.copied, vec![body.clone()]);
        assert_eq!(log.opened, vec![item.url.clone().expect("a link")]);
    }
    let mut replies = Vec::new();
    store
        .for_each_reply(|r| {
            replies.push(r.clone());
            Ok(())
        })
        .expect("replies");
    let ours: Vec<_> = replies
        .iter()
        .filter(|r| r.origin == ackbox::model::Origin::Ackbox)
        .collect();
    assert_eq!(ours.len(), 1);
    assert_eq!(ours[0].body, body);
    assert_eq!(ours[0].parent_id.as_deref(), Some(item.id.as_str()));
}

#[test]
fn the_stats_view_shows_the_report_stats_json_prints() {
    let (_dir, _, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    press(&mut app, "6w");
    // The report comes from the statistics' own thread.
    assert!(app.waiting());
    assert!(
        app.receive(StdDuration::from_secs(10)),
        "the report arrives"
    );
    assert!(!app.waiting());
    let shown = app.state.report.clone().expect("a report");
    assert_eq!(shown.window, "90d");
    drop(app);
    let json = ackbox::stats::report(&store, &cfg, ackbox::config::Window::Days(90), now())
        .expect("report");
    assert_eq!(*shown, json);
}

#[test]
fn the_welcome_screen_gives_way_when_items_arrive() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("empty.db");
    let mut store = Store::open(&path).expect("store");
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    assert!(app.state.empty);
    {
        let mut other = Store::open(&path).expect("other");
        let mut imp = other.begin_import(now()).expect("import");
        let r = Record::new("youtube", "first", "@first", "hello!", now());
        imp.add(&r, false, None).expect("add");
        imp.finish(true).expect("commit");
    }
    app.dispatch(Action::Tick(now() + Duration::seconds(1)));
    app.run_deferred();
    assert!(!app.state.empty);
    assert_eq!(current(&app).as_deref(), Some("first"));
    assert_eq!(queue_count(&app), Some(1));
}

#[test]
fn after_saving_esc_closes_the_offer_and_other_keys_act() {
    let (_dir, _, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    press(&mut app, "f3"); // filter: the first platform
    let filtered = app.state.query.filter.platform.clone();
    assert!(filtered.is_some());
    let save = |app: &mut App| {
        app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        if matches!(app.state.mode, Mode::Reply(_)) {
            app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        }
        app.run_deferred();
    };
    press(&mut app, "rok");
    save(&mut app);
    assert!(matches!(app.state.mode, Mode::Posted { .. }));
    // A key bound to nothing (a second Ctrl-S) leaves the offer open.
    app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(matches!(app.state.mode, Mode::Posted { .. }));
    app.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(matches!(app.state.mode, Mode::Normal));
    assert_eq!(
        app.state.query.filter.platform, filtered,
        "Esc kept the filter"
    );
    press(&mut app, "2");
    press(&mut app, "1"); // back to the queue: any key acts after closing
    assert_eq!(app.state.view, ackbox::tui::state::View::Queue);
}

/// A reply saved after the database file was moved away is refused, its
/// words kept in the editor and copied; the file moved back takes it.
#[test]
fn a_reply_to_a_database_moved_away_is_not_lost() {
    let (dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    let away = dir.path().join("away.db");
    std::fs::rename(&path, &away).expect("moved");
    // The next tick says so.
    app.dispatch(Action::Tick(now() + Duration::seconds(2)));
    let status = app.state.status.as_ref().expect("a message");
    assert!(
        status.error
            && status
                .text
                .contains("is gone (deleted or moved): nothing more"),
        "{status:?}"
    );
    press(&mut app, "rok");
    for _ in 0..2 {
        app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        app.run_deferred();
    }
    let status = app.state.status.as_ref().expect("a message");
    assert!(
        status.error && status.text.contains("Reply not saved") && status.text.contains("is gone"),
        "{status:?}"
    );
    let Mode::Reply(d) = &app.state.mode else {
        panic!("still editing")
    };
    assert!(d.text().ends_with("ok"), "{}", d.text());
    std::fs::rename(&away, &path).expect("back");
    for _ in 0..2 {
        if matches!(app.state.mode, Mode::Reply(_)) {
            app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
            app.run_deferred();
        }
    }
    assert!(matches!(app.state.mode, Mode::Posted { .. }));
}

/// A person's note saved with Enter where the database cannot take it
/// (moved away; another ackbox writing, the disk full) is refused, and its
/// editor comes back with what was typed; the file moved back takes it.
#[test]
fn a_note_the_database_cannot_take_is_not_lost() {
    let (dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    press(&mut app, "pn");
    assert!(matches!(app.state.mode, Mode::Note { .. }));
    let away = dir.path().join("away.db");
    std::fs::rename(&path, &away).expect("moved");
    press(&mut app, "met at the cupping");
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.run_deferred();
    let status = app.state.status.as_ref().expect("a message");
    assert!(
        status.error && status.text.contains("is gone"),
        "{status:?}"
    );
    let Mode::Note { input, .. } = &app.state.mode else {
        panic!("the note's editor is back: {:?}", app.state.mode)
    };
    assert_eq!(input, "met at the cupping");
    std::fs::rename(&away, &path).expect("back");
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.run_deferred();
    assert!(matches!(app.state.mode, Mode::Normal));
    let status = app.state.status.as_ref().expect("a message");
    assert!(!status.error && status.text.contains("saved"), "{status:?}");
}

/// A note a signal stops is kept in its file where the database would not
/// take it: another window saved a note meanwhile, which it does not
/// replace unseen.
#[test]
fn a_note_a_signal_stops_is_kept_where_another_was_saved_meanwhile() {
    let (dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    press(&mut app, "pn");
    let person = app.state.person.clone().expect("a person");
    press(&mut app, "met at the cupping");
    Store::open(&path)
        .expect("another window")
        .set_person(
            &person.platform,
            &person.author,
            None,
            Some("regular"),
            None,
            now(),
        )
        .expect("its note");
    let state = dir.path().join("state");
    let said = app.keep_typed_in(Ok(state.clone())).expect("kept");
    assert!(
        said.is_some_and(|s| s.contains("a note written elsewhere meanwhile was not replaced")),
    );
    let kept: Vec<_> = std::fs::read_dir(&state).expect("kept").flatten().collect();
    assert_eq!(kept.len(), 1);
    let text = std::fs::read_to_string(kept[0].path()).expect("read");
    assert!(text.ends_with("met at the cupping\n"), "{text}");
}

/// The low-value flags: everything but `question`.
const LOW_VALUE: u16 = 0b1_1111;

/// Every incoming item by `platform:id`, with what `pick` takes of it.
fn each_item<T>(
    store: &Store,
    pick: impl Fn(&ackbox::store::query::Item) -> T,
) -> Vec<(String, T)> {
    let mut out = Vec::new();
    store
        .for_each_item(
            &ackbox::store::view::Query::default(),
            ackbox::store::view::Sort::OLDEST,
            None,
            |i| {
                out.push((format!("{}:{}", i.platform, i.id), pick(i)));
                Ok(())
            },
        )
        .expect("items");
    out
}

/// Every incoming item by `platform:id`, with its state and flags.
fn states(store: &Store) -> Vec<(String, ackbox::model::State, u16)> {
    (each_item(store, |i| (i.state, i.flags)).into_iter())
        .map(|(id, (state, flags))| (id, state, flags))
        .collect()
}

#[test]
fn capital_d_dismisses_exactly_the_flagged_items_of_the_view_in_one_undoable_action() {
    use ackbox::model::State;
    let dir = tempfile::tempdir().expect("dir");
    let path = fixture_db(dir.path(), now());
    {
        let mut other = Store::open(&path).expect("other");
        let mut imp = other.begin_import(now()).expect("import");
        for (platform, id, author, body) in [
            (
                "youtube",
                "b1",
                "@f4f_king",
                "follow for follow! check out my channel",
            ),
            ("instagram", "l1", "@linky", "https://spam.example/win"),
            ("mastodon", "e1", "fire@x.social", "🔥🔥🔥"),
            ("youtube", "b2", "@sub_asker", "sub4sub?"),
            ("youtube", "q1", "@curious", "Do you ship to Canada?"),
            ("youtube", "e2", "@later", "🙏🙏"),
        ] {
            let r = Record::new(platform, id, author, body, now() - Duration::hours(2));
            imp.add(&r, false, None).expect("add");
        }
        imp.finish(true).expect("commit");
        // A flagged item that is snoozed is not in the queue's view.
        let later = other
            .rid_of(&"youtube:e2".parse().expect("ref"))
            .expect("rid");
        other
            .apply(
                &[later],
                ackbox::store::actions::Change::Snoozed(now() + Duration::days(1)),
                now() - Duration::minutes(1),
            )
            .expect("snooze");
    }
    let mut store = Store::open(&path).expect("store");
    let before = states(&store);
    let flagged: Vec<String> = before
        .iter()
        .filter(|(_, st, f)| *st == State::NeedsReply && f & LOW_VALUE != 0)
        .map(|(id, _, _)| id.clone())
        .collect();
    for id in ["youtube:b1", "instagram:l1", "mastodon:e1", "youtube:b2"] {
        assert!(flagged.contains(&id.to_owned()), "{id} flagged: {before:?}");
    }
    let n = flagged.len() as u64;
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    let waiting = queue_count(&app).expect("counts");
    press(&mut app, "D");
    let Mode::Pick(p) = &app.state.mode else {
        panic!("the reason picker: {:?}", app.state.mode)
    };
    assert!(
        p.title.starts_with(&format!("Dismiss {n} flagged items: ")),
        "{}",
        p.title
    );
    let title = p.title.clone();
    // Not all bait: each as its flags say is offered; take it.
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let Mode::Confirm(c) = &app.state.mode else {
        panic!("asked first")
    };
    assert!(
        c.question
            .starts_with(&format!("Dismiss {n} flagged items, each as its flags say")),
        "{}",
        c.question
    );
    // The default is No.
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.run_deferred();
    assert_eq!(queue_count(&app), Some(waiting));
    press(&mut app, "D");
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    press(&mut app, "y");
    assert_eq!(queue_count(&app), Some(waiting - n));
    assert!(
        app.state.list.rows.iter().all(|i| i.flags & LOW_VALUE == 0),
        "no flagged item left in the queue"
    );
    // Exactly those: the question, the snoozed one and the rest are untouched.
    drop(app);
    let after = states(&store);
    for ((id, was, flags), (_, now_, _)) in before.iter().zip(&after) {
        if flagged.contains(id) {
            assert_eq!(*now_, State::Dismissed, "{id}");
        } else {
            assert_eq!(now_, was, "{id} (flags {flags:b}) untouched");
        }
    }
    // Each with the reason its flags give.
    let reasons = each_item(&store, |i| i.dismiss_reason);
    use ackbox::model::DismissReason;
    for (id, want) in [
        ("youtube:b1", DismissReason::Bait),
        ("mastodon:e1", DismissReason::EmojiOnly),
    ] {
        assert!(
            reasons.contains(&(id.to_owned(), Some(want))),
            "{id}: {reasons:?}"
        );
    }
    // The picker's title told each reason they were given, and how many.
    let mut given = std::collections::BTreeMap::new();
    for (_, reason) in reasons.iter().filter(|(id, _)| flagged.contains(id)) {
        *given.entry(reason.expect("a reason").as_str()).or_insert(0) += 1;
    }
    assert!(given.len() > 1, "{given:?}");
    for (reason, count) in &given {
        assert!(
            title.contains(&format!(" {count} {reason}")),
            "{title}: {given:?}"
        );
    }
    // One action: one undo brings them all back, the cursor left on its
    // item (not sent to one of them, wherever it lands).
    let mut again = crate::app(&mut store, &cfg, now() + Duration::minutes(1));
    press(&mut again, "jj");
    let was_on = current(&again);
    assert!(was_on.is_some());
    press(&mut again, "u");
    assert_eq!(
        again.state.status.as_ref().map(|s| s.text.clone()),
        Some(format!("Undone: dismissed ({n} items)"))
    );
    assert_eq!(queue_count(&again), Some(waiting));
    assert_eq!(current(&again), was_on);
    drop(again);
    assert_eq!(states(&store), before);
}

#[test]
fn v_in_a_persons_view_moves_their_items_up_the_queue() {
    let (_dir, _, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    // The family café's thanks sits at the bottom of the queue.
    press(&mut app, "G");
    assert_eq!(current(&app).as_deref(), Some("f1"));
    let bottom = app.state.list.sel;
    assert!(bottom > 0);
    press(&mut app, "p");
    let person = app.state.person.as_ref().expect("the person view");
    assert_eq!(person.author, "familycafe");
    assert!(person.figures.as_ref().is_some_and(|f| !f.row.vip));
    assert!(
        app.state
            .list
            .rows
            .iter()
            .all(|i| i.author == "familycafe" && i.platform == "facebook")
    );
    press(&mut app, "v");
    let person = app.state.person.as_ref().expect("the person view");
    assert!(
        person.figures.as_ref().is_some_and(|f| f.row.vip),
        "VIP now"
    );
    app.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    app.run_deferred();
    assert!(app.state.person.is_none());
    assert_eq!(app.state.view, ackbox::tui::state::View::Queue);
    // Back in the queue, on the same item, which now comes first.
    assert_eq!(current(&app).as_deref(), Some("f1"));
    assert_eq!(
        app.state.list.rows.first().map(|i| i.id.as_str()),
        Some("f1")
    );
    // And `u` takes it back, as any action.
    press(&mut app, "u");
    app.run_deferred();
    let said = app.state.status.as_ref().map(|s| s.text.clone());
    assert_eq!(
        said.as_deref(),
        Some("Undone: VIP tag of familycafe (facebook)")
    );
    assert_eq!(
        app.state.list.rows.last().map(|i| i.id.as_str()),
        Some("f1")
    );
}

/// An item whose rank changes far (a VIP tag taken back) keeps the cursor
/// wherever it lands, beyond the screen the list is read again for.
#[test]
fn the_cursor_follows_its_item_when_its_rank_moves_it_far() {
    let mut store = Store::open_in_memory().expect("store");
    let mut imp = store.begin_import(now()).expect("import");
    for i in 0..200 {
        let (id, author) = match i {
            120 => ("joe1".to_string(), "joe".to_string()),
            _ => (format!("c{i}"), format!("user{}", i % 40)),
        };
        let at = now() - Duration::minutes(1_000 - i);
        let r = Record::new("youtube", &id, &author, "a question about the coupon?", at);
        imp.add(&r, false, None).expect("add");
    }
    imp.finish(true).expect("finish");
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    while current(&app).as_deref() != Some("joe1") {
        press(&mut app, "j");
    }
    let far = app.state.list.sel;
    assert!(far > 100, "{far}");
    press(&mut app, "pv");
    app.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    app.run_deferred();
    assert_eq!(current(&app).as_deref(), Some("joe1"));
    assert_eq!(app.state.list.rows[0].id, "joe1", "first as a VIP");
    press(&mut app, "u");
    app.run_deferred();
    assert_eq!(current(&app).as_deref(), Some("joe1"), "back in its place");
    let above = app.state.list.rows[app.state.list.sel - 1].id.clone();
    assert_eq!(above, "c119");
}

/// Chooses `choice` in the `f` filter menu.
fn filter_by(app: &mut App, choice: &Choice) {
    press(app, "f");
    let Mode::Pick(p) = &app.state.mode else {
        panic!("the filter menu: {:?}", app.state.mode)
    };
    let at = p.choices.iter().position(|c| c == choice).expect("offered");
    press(app, &"j".repeat(at));
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.run_deferred();
}

/// An undo takes the cursor back to what came back off the screen in a
/// list read by testing every item too: a substring search, a flag, an age.
#[test]
fn undo_takes_the_cursor_back_under_filters_that_read_every_item() {
    let question = Flag::ALL.iter().position(|f| *f == Flag::Question);
    let filters: [&dyn Fn(&mut App); 3] = [
        &|app| {
            press(app, "/🔥");
            app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
            app.run_deferred();
        },
        &|app| filter_by(app, &Choice::Flag(question)),
        &|app| filter_by(app, &Choice::Older(Some(7))),
    ];
    for (n, filter) in filters.iter().enumerate() {
        let mut store = Store::open_in_memory().expect("store");
        let mut imp = store.begin_import(now()).expect("import");
        for i in 0..80 {
            let body = format!("wow 🔥 is number {i} the best?");
            let at = now() - Duration::hours(400 - i);
            let r = Record::new(
                "youtube",
                &format!("f{i:03}"),
                &format!("fan{i}"),
                &body,
                at,
            );
            imp.add(&r, false, None).expect("add");
        }
        imp.finish(true).expect("finish");
        let cfg = Config::default();
        let mut app = app(&mut store, &cfg, now());
        filter(&mut app);
        assert!(app.state.query.reads_every_item(), "filter {n}");
        let first = current(&app);
        press(&mut app, "aG");
        assert_ne!(current(&app), first, "filter {n}");
        press(&mut app, "u");
        assert_eq!(current(&app), first, "filter {n}: the item that came back");
    }
}

/// Two items of joe's (the older first in the queue) among five others.
fn joes_inbox() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let mut imp = store.begin_import(now()).expect("import");
    let at = |hours| now() - Duration::hours(hours);
    imp.add(
        &Record::new("youtube", "a", "@joe", "first from joe", at(50)),
        false,
        None,
    )
    .expect("add");
    imp.add(
        &Record::new("youtube", "b", "@joe", "second from joe", at(10)),
        false,
        None,
    )
    .expect("add");
    for i in 0..5 {
        let r = Record::new(
            "youtube",
            &format!("o{i}"),
            &format!("other{i}"),
            "hi",
            at(40 - i),
        );
        imp.add(&r, false, None).expect("add");
    }
    imp.finish(true).expect("finish");
    store
}

/// An item picked in the queue, then answered with a bulk change in its
/// author's view (picked there, or with `*`), is let go of: back in the
/// queue, nothing is picked that is not there (the next bulk change would
/// say it was "changed elsewhere").
#[test]
fn an_item_picked_in_the_queue_and_answered_in_a_persons_view_is_let_go() {
    let mut store = joes_inbox();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    for (id, there) in [("a", "xay"), ("b", "*ay")] {
        let to = |app: &mut App, key| {
            while current(app).as_deref() != Some(id) {
                press(app, key);
            }
        };
        to(&mut app, "j");
        press(&mut app, "x");
        to(&mut app, "k");
        press(&mut app, "p");
        assert_eq!(current(&app).as_deref(), Some(id));
        press(&mut app, there);
        app.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        app.run_deferred();
        assert!(app.state.list.rows.iter().all(|i| i.id != id), "{id}");
        assert!(
            app.state.selection.is_empty(),
            "{id}: {:?}",
            app.state.selection
        );
        press(&mut app, "g");
    }
}

/// An undo that takes a picked item out of the view lets go of it.
#[test]
fn an_item_picked_and_undone_out_of_the_view_is_let_go() {
    let mut store = joes_inbox();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    press(&mut app, "a2");
    assert_eq!(current(&app).as_deref(), Some("a"));
    press(&mut app, "xu");
    assert!(app.state.list.rows.is_empty());
    assert!(app.state.selection.is_empty(), "{:?}", app.state.selection);
}

#[test]
fn capital_s_orders_the_queue_by_age() {
    let (_dir, _, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    let best: Vec<String> = app.state.list.rows.iter().map(|i| i.id.clone()).collect();
    press(&mut app, "S");
    let oldest: Vec<String> = app.state.list.rows.iter().map(|i| i.id.clone()).collect();
    let mut by_age = app.state.list.rows.clone();
    by_age.sort_by_key(|i| (i.created_at, i.rid));
    assert_eq!(
        oldest,
        by_age.iter().map(|i| i.id.clone()).collect::<Vec<_>>()
    );
    assert_ne!(best, oldest);
    let mut same = best.clone();
    same.sort();
    let mut other = oldest.clone();
    other.sort();
    assert_eq!(same, other, "the same items");
    press(&mut app, "S");
    let again: Vec<String> = app.state.list.rows.iter().map(|i| i.id.clone()).collect();
    assert_eq!(again, best);
    // The cursor stays on its item in either order.
    press(&mut app, "G");
    let on = app.state.list.current().map(|i| i.id.clone());
    for _ in 0..2 {
        press(&mut app, "S");
        assert_eq!(app.state.list.current().map(|i| i.id.clone()), on);
    }
    let rows: Vec<String> = app.state.list.rows.iter().map(|i| i.id.clone()).collect();
    assert_eq!(rows, best, "every row again, above it too");
}

#[test]
fn reports_are_computed_ahead_and_again_when_the_data_changes() {
    let dir = tempfile::tempdir().expect("dir");
    let path = fixture_db(dir.path(), now());
    let cfg = Config::default();
    let store = Store::open(&path).expect("store");
    let mut reports = Reports::spawn(&path, &cfg);
    let window = ackbox::config::Window::Days(30);
    let stamp = store.stamp().expect("stamp");
    // Asked ahead (nobody waits): nothing to show yet, nothing delivered.
    assert!(reports.get(window, now(), stamp, false).is_none());
    assert!(!reports.waiting());
    assert!(reports.receive(StdDuration::from_secs(10)).is_none());
    // Then it is there at once, equal to one computed here.
    let ready = reports
        .get(window, now(), stamp, true)
        .expect("computed ahead");
    let here = ackbox::stats::report(&store, &cfg, window, now()).expect("report");
    assert_eq!(*ready, here);
    // Another window, or the same data a minute later, is computed again.
    assert!(
        reports
            .get(window, now() + Duration::seconds(60), stamp, false)
            .is_none()
    );
    // A row written since: the report waits for a new one.
    let mut writer = Store::open(&path).expect("writer");
    let item = writer
        .view_page(
            &ackbox::store::view::Query {
                filter: ackbox::store::query::Filter {
                    state: Some(ackbox::model::State::NeedsReply),
                    ..Default::default()
                },
                ..Default::default()
            },
            ackbox::store::view::Sort::NEWEST,
            None,
            1,
        )
        .expect("page")
        .pop()
        .expect("an item");
    writer
        .apply(
            &[item.rid],
            ackbox::store::actions::Change::Dismissed(ackbox::model::DismissReason::Spam),
            now(),
        )
        .expect("dismiss");
    let changed = store.stamp().expect("stamp");
    assert_ne!(changed, stamp);
    assert!(reports.get(window, now(), changed, true).is_none());
    let fresh = reports
        .receive(StdDuration::from_secs(10))
        .expect("an answer")
        .expect("a report");
    let now_here = ackbox::stats::report(&store, &cfg, window, now()).expect("report");
    assert_eq!(*fresh, now_here);
    assert_ne!(*fresh, here, "the dismissal shows");
}

/// The first page fills the screen and a little more; the rest of a long
/// queue comes as the cursor nears it, without a gap or a repeat, both ways.
#[test]
fn a_long_queue_is_read_a_screen_at_a_time_and_walked_whole() {
    let mut store = Store::open_in_memory().expect("store");
    let mut imp = store.begin_import(now()).expect("import");
    for i in 0..250 {
        let r = Record::new(
            "youtube",
            &format!("c{i}"),
            &format!("user{}", i % 40),
            "a question about the coupon",
            now() - Duration::minutes(i),
        );
        imp.add(&r, false, None).expect("add");
    }
    imp.finish(true).expect("finish");
    let queue = ackbox::store::view::Query {
        filter: ackbox::store::query::Filter {
            state: Some(ackbox::model::State::NeedsReply),
            ..Default::default()
        },
        ..Default::default()
    };
    let order: Vec<String> = store
        .view_page(&queue, ackbox::store::view::Sort::BEST, None, 1_000)
        .expect("queue")
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(order.len(), 250);
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    assert!(app.state.list.rows.len() < 100, "only about a screen read");
    let key = |app: &mut App, code: KeyCode| {
        app.key(KeyEvent::new(code, KeyModifiers::NONE));
        app.run_deferred();
    };
    let mut seen = vec![current(&app).expect("a row")];
    for _ in 1..250 {
        key(&mut app, KeyCode::Char('j'));
        seen.push(current(&app).expect("a row"));
    }
    assert_eq!(seen, order);
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(current(&app).as_deref(), Some(order[0].as_str()));
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(current(&app).as_deref(), Some(order[249].as_str()));
    let mut back = vec![current(&app).expect("a row")];
    for _ in 1..250 {
        key(&mut app, KeyCode::Char('k'));
        back.push(current(&app).expect("a row"));
    }
    back.reverse();
    assert_eq!(back, order);
}

/// The first frame waits for its page only: today's progress and the
/// per-state counts come after it.
#[test]
fn the_counts_follow_the_first_frame() {
    let (_dir, _, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = unsettled(&mut store, &cfg, now());
    assert!(current(&app).is_some(), "the page is there");
    assert!(app.state.counts.is_none() && app.state.today.is_none());
    app.run_deferred();
    assert!(queue_count(&app).is_some_and(|n| n > 0));
    assert!(app.state.today.is_some());
}

/// A dismissal made by mistake days ago is put back in the queue with one
/// key, from the Dismissed view, as one undoable action.
#[test]
fn capital_n_puts_a_dismissed_item_back_in_the_queue() {
    let (_dir, _, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    let waiting = queue_count(&app).expect("counts");
    press(&mut app, "3");
    let id = current(&app).expect("a dismissed item");
    press(&mut app, "N");
    assert_eq!(queue_count(&app), Some(waiting + 1));
    assert!(
        app.state.list.rows.iter().all(|i| i.id != id),
        "left the view"
    );
    press(&mut app, "1");
    assert!(
        app.state.list.rows.iter().any(|i| i.id == id),
        "in the queue"
    );
    press(&mut app, "u");
    assert_eq!(queue_count(&app), Some(waiting));
}

#[test]
fn keys_typed_during_a_long_change_are_dropped_and_a_resize_is_not() {
    let (_dir, _, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    press(&mut app, "*ay"); // a bulk change: the screen says "working…"
    let done = app.state.status.clone().expect("done").text;
    let before = (app.state.view, current(&app), queue_count(&app));
    let key = |c| {
        ratatui::crossterm::event::Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    };
    app.typed_ahead(vec![
        key('d'),
        key('2'),
        ratatui::crossterm::event::Event::Resize(120, 40),
    ]);
    app.run_deferred();
    assert!(matches!(app.state.mode, Mode::Normal), "no dismissal begun");
    assert_eq!((app.state.view, current(&app), queue_count(&app)), before);
    assert_eq!(app.state.size, (120, 40));
    assert_eq!(
        app.state.status.map(|s| s.text),
        Some(format!("{done} · keys pressed while working were ignored"))
    );
}

#[test]
fn the_dismissal_reason_last_chosen_is_suggested_in_the_next_session() {
    let dir = tempfile::tempdir().expect("dir");
    let path = fixture_db(dir.path(), now());
    let cfg = Config::default();
    let mut store = Store::open(&path).expect("store");
    // Dismissed on the command line (or in an earlier review) as spam.
    let rid = store.view_page(
        &ackbox::store::view::Query::default(),
        ackbox::store::view::Sort::NEWEST,
        None,
        1,
    );
    let rid = rid.expect("page")[0].rid;
    let spam = ackbox::store::actions::Change::Dismissed(ackbox::model::DismissReason::Spam);
    store.apply(&[rid], spam, now()).expect("dismiss");
    let review = app(&mut store, &cfg, now());
    assert_eq!(review.state.last_reason, ackbox::model::DismissReason::Spam);
}

/// A search the full-text index cannot serve reads items until a page
/// matches (seconds, at a million): it runs on a thread of its own, the
/// list saying "searching…" and the keys typed meanwhile handled at once;
/// a newer start of the list replaces it, its answer dropped. A change
/// made in its list reloads it before the next key (which would act on
/// the row just changed).
#[test]
fn a_slow_search_runs_apart_and_the_latest_list_wins() {
    let (_dir, _, mut store) = fixture_store();
    let mut imp = store.begin_import(now()).expect("import");
    for i in 0..2000 {
        let body = if i < 2 {
            "逆さ抽出"
        } else {
            "an ordinary comment"
        };
        let r = Record::new(
            "x",
            &format!("m{i}"),
            "kenji",
            body,
            now() - Duration::hours(i),
        );
        imp.add(&r, false, None).expect("add");
    }
    imp.finish(true).expect("commit");
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    let shown = |app: &App| {
        app.state
            .list
            .rows
            .iter()
            .map(|i| i.id.clone())
            .collect::<Vec<_>>()
    };
    let answer = StdDuration::from_secs(10);

    press(&mut app, "/逆");
    assert!(!app.state.list.loaded, "searching…");
    assert!(app.waiting());
    assert!(app.receive(answer));
    assert_eq!(shown(&app), ["m1", "m0"]);
    assert!(!app.waiting());
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    press(&mut app, "d");
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.run_deferred();
    assert_eq!(shown(&app), ["m0"], "reloaded before the next key");
    assert!(!app.waiting());
    app.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    press(&mut app, "/");

    // Esc right after a key: the whole queue, not the search's answer.
    press(&mut app, "さ");
    assert!(app.waiting());
    app.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    app.run_deferred();
    assert!(!app.waiting(), "the search was let go");
    assert!(!app.receive(StdDuration::from_millis(300)));
    assert!(app.state.list.loaded);
    assert!(shown(&app).len() > 1, "the whole queue: {:?}", shown(&app));
}

/// Keys that come together past the rows of such a search's first page
/// (a held key, an ssh session's burst) move as far as they ask: the next
/// page is read before the next key, as in any list, and `d` acts on the
/// row they reached.
#[test]
fn a_burst_of_keys_past_a_slow_searchs_first_page_moves_as_far_as_asked() {
    let (_dir, _, mut store) = fixture_store();
    let mut imp = store.begin_import(now()).expect("import");
    for i in 0..300 {
        let r = Record::new(
            "x",
            &format!("m{i}"),
            "kenji",
            "逆さ抽出",
            now() - Duration::minutes(i),
        );
        imp.add(&r, false, None).expect("add");
    }
    imp.finish(true).expect("commit");
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    press(&mut app, "/逆");
    assert!(app.receive(StdDuration::from_secs(10)));
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let first = app.state.list.rows.len();
    assert!(first < 150 && !app.state.list.at_end, "{first} rows");
    // Each key handled as it comes, none waiting for a frame: every one
    // moves to another item.
    let mut passed = std::collections::HashSet::from([current(&app)]);
    for _ in 0..150 {
        app.key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        passed.insert(current(&app));
    }
    assert_eq!(passed.len(), 151, "keys lost at the end of the rows read");
}

/// Another window answered the item while this reply was being written:
/// saving says so first (posting both would answer twice), then saves.
#[test]
fn a_reply_to_an_item_answered_in_another_window_asks_first() {
    let (_dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    let item = app.state.list.current().cloned().expect("an item");
    press(&mut app, "r");
    let name = item.author_name.clone().unwrap_or(item.author.clone());
    press(&mut app, &format!("{name}, the coupon runs to Friday"));
    let mut other = Store::open(&path).expect("another window");
    let answered = ackbox::store::actions::Change::Answered;
    other.apply(&[item.rid], answered, now()).expect("answer");
    app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    app.run_deferred();
    let Mode::Reply(d) = &app.state.mode else {
        panic!("still editing: {:?}", app.state.mode)
    };
    assert!(
        d.error
            .as_deref()
            .is_some_and(|e| e.contains("answered since you began")),
        "{:?}",
        d.error
    );
    app.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    app.run_deferred();
    assert!(
        matches!(app.state.mode, Mode::Posted { .. } | Mode::Normal),
        "{:?}",
        app.state.mode
    );
}

/// Where a copy went is what the review says: a clipboard tool's copy is
/// copied, one only sent to the terminal is said so (and the reply editor
/// promises no clipboard), one that reached nothing is an error.
#[test]
fn a_copy_says_where_it_went() {
    use ackbox::tui::effects::Copied;
    let dir = tempfile::tempdir().expect("dir");
    let path = fixture_db(dir.path(), now());
    let cfg = Config::default();
    for (to, said, clipboard) in [
        (None, "Copied the comment to the clipboard", true),
        (
            Some(Copied::Terminal),
            "The comment was sent to the terminal (OSC 52)",
            false,
        ),
        (Some(Copied::Nowhere), "Could not reach a clipboard", false),
    ] {
        let os = FakeOs::default();
        os.log.lock().expect("log").copies_to = to;
        let mut store = Store::open(&path).expect("store");
        let mut app = App::new(
            &mut store,
            &cfg,
            Box::new(os.clone()),
            now(),
            (100, 30),
            false,
        )
        .expect("app");
        assert_eq!(app.state.clipboard, clipboard, "{to:?}");
        press(&mut app, "y");
        app.run_deferred();
        let status = app.state.status.as_ref().map(|s| s.text.clone());
        assert!(
            status.as_deref().is_some_and(|s| s.starts_with(said)),
            "{to:?}: {status:?}"
        );
        assert_eq!(os.log.lock().expect("log").copied.len(), 1);
    }
}

/// `a` on an item a reply answered says what it does: the answer becomes
/// the user's too (it stays if the reply moves or goes), as `ackbox mark`
/// says; a second `a` changes nothing and says so.
#[test]
fn marking_an_item_a_reply_answered_says_so() {
    let (_dir, _path, mut store) = fixture_store();
    let cfg = Config::default();
    let mut app = app(&mut store, &cfg, now());
    press(&mut app, "2");
    // The first the fixture's replies answered (not marked by hand).
    let rows = &app.state.list.rows;
    let at = (rows.iter().position(|i| i.personal.is_some())).expect("one a reply answered");
    press(&mut app, &"j".repeat(at));
    let said = |app: &App| app.state.status.as_ref().map(|s| s.text.clone());
    press(&mut app, "a");
    assert!(
        said(&app).is_some_and(|s| s.starts_with("Answered already by your reply")),
        "{:?}",
        said(&app)
    );
    press(&mut app, "a");
    assert_eq!(said(&app).as_deref(), Some("Already so: nothing changed"));
}

/// A reply written in an earlier session is the newest row; `u` takes it
/// back (row deleted) and the next import's first item takes its id again
/// (row ids are not AUTOINCREMENT): that item is told all the same (HJ).
#[test]
fn an_import_after_a_reply_of_an_earlier_session_undone_is_told() {
    let (_dir, path, mut store) = fixture_store();
    let cfg = Config::default();
    let j2 = store.rid_of(&"youtube:j2".parse().unwrap()).unwrap();
    store
        .reply(j2, "@FernwehCoffee", "Joe, 94 it is!", now())
        .unwrap();
    let mut app = app(&mut store, &cfg, now());
    // The first tick reads the watermark: the reply is its newest row.
    app.dispatch(Action::Tick(now() + Duration::seconds(1)));
    app.run_deferred();
    press(&mut app, "u");
    assert!(
        status(&app).to_lowercase().contains("undone"),
        "{}",
        status(&app)
    );
    let comment = Record::new("youtube", "n9", "@newcomer", "hello?", now());
    import_beside(&path, &[(comment, false)]);
    app.state.status = None;
    app.dispatch(Action::Tick(now() + Duration::seconds(2)));
    app.run_deferred();
    assert_eq!(
        status(&app),
        "Imported meanwhile: 1 new item, it needs a reply"
    );
}
