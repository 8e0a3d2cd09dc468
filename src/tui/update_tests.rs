//! `update` step by step: every command and every mode's keys, checked by
//! the new state and the effects asked for. No store, no terminal.

use super::*;
use crate::analysis::{Judgement, Verdict};
use crate::config::{Template, Window};
use crate::model::{Kind, State as ItemState};
use crate::stats::Today;
use crate::store::query::Filter;
use crate::store::view::{Query, Sort};
use crate::tui::action::PersonFigures;
use crate::tui::keymap::Keymap;
use crate::tui::state::{CHUNK, MAX_ROWS, Status};
use chrono::{DateTime, TimeZone, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0)
        .single()
        .expect("time")
}

/// An item as the store reads it back (so new columns need no change here).
fn template() -> Item {
    use crate::store::Store;
    let mut store = Store::open_in_memory().expect("store");
    let mut r = crate::model::Record::new("youtube", "c1", "@joe", "comment 1", now());
    r.author_name = Some("Joe Ramos".into());
    r.thread_id = Some("t1".into());
    r.thread_title = Some("Our V60 recipe".into());
    r.thread_url = Some("https://example.com/t1".into());
    r.url = Some("https://example.com/c1".into());
    let mut imp = store.begin_import(now()).expect("import");
    imp.add(&r, false, None).expect("add");
    imp.finish(true).expect("commit");
    let mut items = store
        .view_page(&Query::default(), Sort::OLDEST, None, 1)
        .expect("page");
    items.pop().expect("the item")
}

fn item(rid: i64, platform: &str, author: &str) -> Item {
    thread_local! {
        static TEMPLATE: Item = template();
    }
    let mut i = TEMPLATE.with(Item::clone);
    i.rid = rid;
    i.platform = platform.into();
    i.id = format!("c{rid}");
    i.author = author.into();
    i.body = format!("comment {rid}");
    i.created_at = now() - chrono::Duration::hours(100 - rid);
    i.url = Some(format!("https://example.com/c{rid}"));
    i.kind = Kind::Comment;
    i.state = ItemState::NeedsReply;
    i.flags = 0;
    i
}

/// Item `rid` as the rows show it: waiting for a reply.
fn waiting(rid: i64) -> Seen {
    Seen {
        rid,
        state: ItemState::NeedsReply,
    }
}

/// The selection of waiting items `rids`.
fn picked(rids: &[i64]) -> Selection {
    Selection::Rids(rids.iter().map(|&r| (r, ItemState::NeedsReply)).collect())
}

fn rows(n: i64) -> Vec<Item> {
    (1..=n).map(|i| item(i, "youtube", "@joe")).collect()
}

fn state() -> AppState {
    let km = Keymap::new(&BTreeMap::new()).expect("keymap");
    AppState::new(
        now(),
        (80, 24),
        Window::Days(30),
        vec![
            Template {
                name: "thanks".into(),
                body: "Thanks {first_name}! Glad you liked {thread_title}.".into(),
            },
            Template {
                name: "bad".into(),
                body: "Hi {nickname}".into(),
            },
        ],
        Lexicon::default(),
        km.bindings,
        true,
    )
}

/// A state with `n` rows loaded from the start of the queue.
fn loaded(n: i64) -> AppState {
    let mut s = state();
    let limit = CHUNK;
    update(
        &mut s,
        Action::Page {
            load: Load::First,
            rows: rows(n),
            limit,
        },
    );
    s
}

/// Answers the reload among `fx` with `rows`, as the runner does.
fn reloaded(s: &mut AppState, fx: &[Effect], rows: Vec<Item>) -> Vec<Effect> {
    let load = loads(fx).into_iter().next().expect("a reload").clone();
    update(
        s,
        Action::Page {
            load,
            rows,
            limit: CHUNK,
        },
    )
}

/// With an untouched draft open: Esc closes it at once, and a new one has
/// nothing to save.
fn untouched_drafts_go_at_once(s: &mut AppState) {
    assert!(key(s, KeyCode::Esc).is_empty());
    assert!(matches!(s.mode, Mode::Normal));
    cmd(s, Command::Reply);
    assert!(ctrl(s, 's').is_empty());
    assert!(matches!(s.mode, Mode::Normal));
}

/// Binds keys as a config's `[keys]` table would: `(action, keys)`.
fn rebind(s: &mut AppState, table: &[(&str, &[&str])]) {
    let keys: BTreeMap<String, Vec<String>> = (table.iter())
        .map(|(action, keys)| {
            (
                (*action).to_owned(),
                keys.iter().map(|k| (*k).to_owned()).collect(),
            )
        })
        .collect();
    s.bindings = Keymap::new(&keys).expect("keymap").bindings;
}

fn cmd(s: &mut AppState, c: Command) -> Vec<Effect> {
    update(s, Action::Command(c))
}

fn key(s: &mut AppState, code: KeyCode) -> Vec<Effect> {
    update(s, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(s: &mut AppState, c: char) -> Vec<Effect> {
    update(
        s,
        Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

fn typed(s: &mut AppState, text: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in text.chars() {
        fx.extend(key(s, KeyCode::Char(c)));
    }
    fx
}

fn loads(fx: &[Effect]) -> Vec<&Load> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Load { load, .. } => Some(load),
            _ => None,
        })
        .collect()
}

fn queue_query() -> Query {
    Query {
        filter: Filter {
            state: Some(ItemState::NeedsReply),
            ..Filter::default()
        },
        ..Query::default()
    }
}

#[test]
fn first_page_selects_the_first_row_and_asks_for_its_detail() {
    let mut s = state();
    let fx = update(
        &mut s,
        Action::Page {
            load: Load::First,
            rows: rows(5),
            limit: CHUNK,
        },
    );
    assert_eq!(s.list.sel, 0);
    assert!(s.list.at_start && s.list.at_end);
    assert_eq!(fx, vec![Effect::LoadDetail(1)]);
}

#[test]
fn moving_changes_only_the_cursor() {
    let mut s = loaded(5);
    let fx = cmd(&mut s, Command::Down);
    assert_eq!(s.list.sel, 1);
    assert_eq!(fx, vec![Effect::LoadDetail(2)]);
    // Nothing but the detail is asked for: moving never writes.
    assert!(
        fx.iter()
            .all(|e| matches!(e, Effect::LoadDetail(_) | Effect::Load { .. }))
    );
    cmd(&mut s, Command::Up);
    cmd(&mut s, Command::Up);
    assert_eq!(s.list.sel, 0);
    cmd(&mut s, Command::Bottom);
    assert_eq!(s.list.sel, 4);
    cmd(&mut s, Command::Top);
    assert_eq!(s.list.sel, 0);
    cmd(&mut s, Command::PageDown);
    assert_eq!(s.list.sel, 4, "clamped to the last row");
    cmd(&mut s, Command::PageUp);
    assert_eq!(s.list.sel, 0);
}

#[test]
fn the_cursor_stays_on_screen() {
    let mut s = loaded(50);
    let h = list_height(&s);
    for _ in 0..h + 3 {
        cmd(&mut s, Command::Down);
    }
    assert_eq!(s.list.sel, h + 3);
    assert!(s.list.offset <= s.list.sel && s.list.sel < s.list.offset + h);
}

#[test]
fn a_page_ahead_is_loaded_near_the_end_and_the_window_is_bounded() {
    let mut s = state();
    let first: Vec<Item> = (1..=CHUNK as i64)
        .map(|i| item(i, "youtube", "@joe"))
        .collect();
    update(
        &mut s,
        Action::Page {
            load: Load::First,
            rows: first,
            limit: CHUNK,
        },
    );
    assert!(!s.list.at_end);
    let fx = cmd(&mut s, Command::Bottom);
    assert_eq!(
        loads(&fx),
        vec![&Load::Last],
        "G loads the end of the keyset"
    );
    // Walk down instead: near the end of the window the next page is asked for.
    s.list.sel = CHUNK - 5;
    let fx = cmd(&mut s, Command::Down);
    let last = s
        .list
        .rows
        .last()
        .map(|i| Sort::BEST.cursor(i))
        .expect("rows");
    assert_eq!(loads(&fx), vec![&Load::After(last)]);
    // Pages keep coming; the window never holds more than MAX_ROWS.
    let mut next = CHUNK as i64 + 1;
    for _ in 0..4 {
        let c = s
            .list
            .rows
            .last()
            .map(|i| Sort::BEST.cursor(i))
            .expect("rows");
        let page: Vec<Item> = (next..next + CHUNK as i64)
            .map(|i| item(i, "youtube", "@joe"))
            .collect();
        next += CHUNK as i64;
        update(
            &mut s,
            Action::Page {
                load: Load::After(c),
                rows: page,
                limit: CHUNK,
            },
        );
        s.list.sel = s.list.rows.len() - 5;
    }
    assert!(s.list.rows.len() <= MAX_ROWS);
    assert!(!s.list.at_start);
    // Going back to the start of the window asks for the page before it.
    s.list.sel = 0;
    let fx = cmd(&mut s, Command::Up);
    let first = s
        .list
        .rows
        .first()
        .map(|i| Sort::BEST.cursor(i))
        .expect("rows");
    assert!(loads(&fx).contains(&&Load::Before(first)));
}

/// On a terminal whose list is taller than a page, walking down a long
/// queue loads each page once: a page taken in at one end never trims
/// the rows the other end's look-ahead asks for again (pages took turns
/// for ever, the review deaf to keys).
#[test]
fn a_tall_list_walks_a_long_queue_without_loading_in_circles() {
    let all: Vec<Item> = (1..=2000).map(|i| item(i, "youtube", "@joe")).collect();
    for height in [40, 110, 320, 1000] {
        let mut s = state();
        update(&mut s, Action::Resize(120, height));
        let sort = s.sort();
        // What the store answers: the page after or before a row, in the
        // list's order.
        let answer = |load: &Load| -> Vec<Item> {
            let (after, before) = match load {
                Load::After(c) => (Some(*c), None),
                Load::Before(c) => (None, Some(*c)),
                _ => (None, None),
            };
            let mut rows: Vec<Item> = (all.iter())
                .filter(|i| after.is_none_or(|c| sort.before(c, sort.cursor(i))))
                .filter(|i| before.is_none_or(|c| sort.before(sort.cursor(i), c)))
                .cloned()
                .collect();
            match before {
                Some(_) => rows.drain(..rows.len().saturating_sub(CHUNK)).count(),
                None => rows.drain(CHUNK.min(rows.len())..).count(),
            };
            rows
        };
        let mut fx = update(
            &mut s,
            Action::Page {
                load: Load::First,
                rows: answer(&Load::First),
                limit: CHUNK,
            },
        );
        for key in 0..1500 {
            let mut pages = 0;
            while let Some(load) = loads(&fx).into_iter().next().cloned() {
                pages += 1;
                let screenfuls = usize::from(height) / CHUNK + 3;
                assert!(
                    pages <= screenfuls,
                    "height {height}, key {key}: pages in circles"
                );
                fx = update(
                    &mut s,
                    Action::Page {
                        rows: answer(&load),
                        load,
                        limit: CHUNK,
                    },
                );
            }
            fx = cmd(&mut s, Command::Down);
        }
        assert_eq!(
            s.list.current().map(|i| i.rid),
            Some(1501),
            "height {height}"
        );
    }
}

#[test]
fn stale_pages_are_ignored() {
    let mut s = loaded(5);
    update(
        &mut s,
        Action::Page {
            load: Load::After((0, 999)),
            rows: rows(3),
            limit: CHUNK,
        },
    );
    assert_eq!(s.list.rows.len(), 5);
}

/// The list's answer to a page asked for.
/// The list loaded from `item` on, the cursor on it (as the review reads
/// it back after a filter or a view changed).
fn from_item(s: &AppState, item: &Item) -> Load {
    Load::Reload {
        from: Some(s.sort().cursor(item)),
        keep: Some(item.rid),
        index: 0,
    }
}

fn paged(s: &mut AppState, load: Load, rows: Vec<Item>, limit: usize) -> Vec<Effect> {
    update(s, Action::Page { load, rows, limit })
}

#[test]
fn reload_keeps_the_cursor_on_the_same_item_or_the_next_one() {
    let mut s = loaded(5);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Down); // on rid 3
    // A new item arrives before it: the cursor follows rid 3.
    let mut r = rows(5);
    r.insert(0, item(0, "youtube", "@new"));
    paged(
        &mut s,
        Load::Reload {
            from: None,
            keep: Some(3),
            index: 2,
        },
        r,
        CHUNK,
    );
    assert_eq!(s.list.current().map(|i| i.rid), Some(3));
    // rid 3 left the view (dismissed): the cursor stays at its place, on rid 4.
    let r: Vec<Item> = rows(5).into_iter().filter(|i| i.rid != 3).collect();
    paged(
        &mut s,
        Load::Reload {
            from: None,
            keep: Some(3),
            index: 2,
        },
        r,
        CHUNK,
    );
    assert_eq!(s.list.current().map(|i| i.rid), Some(4));
}

/// Items imported before the cursor's, more than the reload reads: it is
/// read again from that item, which keeps the cursor (it stayed on the row).
#[test]
fn a_reload_pushed_past_the_cursor_reads_from_its_item() {
    let mut s = loaded(5);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Down); // on rid 3
    let at = s.sort().cursor(&s.list.rows[2]);
    let limit = 4;
    // Ahead of it in the queue's order.
    let newer: Vec<Item> = (100..104)
        .map(|r| Item {
            queue_key: s.list.rows[0].queue_key - 1,
            ..item(r, "youtube", "@new")
        })
        .collect();
    let fx = paged(
        &mut s,
        Load::Reload {
            from: None,
            keep: Some(3),
            index: 2,
        },
        newer,
        limit,
    );
    let again = Load::Reload {
        from: Some(at),
        keep: Some(3),
        index: 0,
    };
    assert_eq!(loads(&fx), vec![&again]);
    assert_eq!(
        s.list.current().map(|i| i.rid),
        Some(3),
        "not moved meanwhile"
    );
    let r: Vec<Item> = rows(5).into_iter().skip(2).collect();
    let fx = paged(&mut s, again.clone(), r, CHUNK);
    assert_eq!(s.list.current().map(|i| i.rid), Some(3));
    assert!(!loads(&fx).iter().any(|l| matches!(l, Load::Reload { .. })));
    // Gone from the view meanwhile: the next one, no third read.
    let r: Vec<Item> = rows(5).into_iter().skip(3).collect();
    let fx = paged(&mut s, again, r, 2);
    assert_eq!(s.list.current().map(|i| i.rid), Some(4));
    assert!(!loads(&fx).iter().any(|l| matches!(l, Load::Reload { .. })));
}

/// The cursor's item answered or dismissed, on a full page: it left the
/// view, and the cursor stays on its row, the rows above it on screen (a
/// read from where it was put the next item at the top).
#[test]
fn an_item_that_left_a_full_page_keeps_the_screen() {
    let mut s = loaded(10);
    for _ in 0..5 {
        cmd(&mut s, Command::Down);
    }
    let fx = update(
        &mut s,
        Action::DataChanged {
            undo_moved: true,
            reply_moved: true,
        },
    );
    let load = loads(&fx)[0].clone();
    let r: Vec<Item> = rows(10).into_iter().filter(|i| i.rid != 6).collect();
    let fx = paged(&mut s, load, r.into_iter().take(7).collect(), 7);
    assert!(!loads(&fx).iter().any(|l| matches!(l, Load::Reload { .. })));
    assert_eq!((s.list.offset, s.list.sel), (0, 5));
    assert_eq!(s.list.current().map(|i| i.rid), Some(7));
}

/// The item read in the detail pane, changed by another process (or its
/// snooze ended) so that it leaves the view, is not swapped for the next
/// one without a word; one that stays, or a change while the list is
/// browsed, says nothing.
#[test]
fn an_item_being_read_that_leaves_the_view_elsewhere_is_said() {
    let said = |s: &AppState| s.status.as_ref().map(Status::full);
    for (reading, leaves, says, elsewhere) in [
        (true, true, true, true),
        (true, true, true, false),
        (true, false, false, true),
        (false, true, false, true),
    ] {
        let mut s = loaded(10);
        for _ in 0..5 {
            cmd(&mut s, Command::Down);
        }
        if reading {
            s.focus = Focus::Detail;
        }
        let fx = update(
            &mut s,
            Action::DataChanged {
                undo_moved: elsewhere,
                reply_moved: elsewhere,
            },
        );
        let load = loads(&fx)[0].clone();
        let r: Vec<Item> = rows(10)
            .into_iter()
            .filter(|i| !leaves || i.rid != 6)
            .collect();
        paged(&mut s, load, r, 10);
        let message = said(&s).unwrap_or_default();
        assert_eq!(
            message.contains("The item you were reading left this view"),
            says,
            "{reading} {leaves} {elsewhere}: {message}"
        );
        assert_eq!(s.read_when_changed, None);
    }
}

#[test]
fn a_reload_deep_in_the_list_reads_from_the_top_of_the_screen() {
    let mut s = loaded(CHUNK as i64);
    for _ in 0..60 {
        cmd(&mut s, Command::Down);
    }
    let (top, sel) = (s.list.offset, s.list.sel);
    assert!(top > 0, "scrolled");
    let fx = update(
        &mut s,
        Action::DataChanged {
            undo_moved: true,
            reply_moved: true,
        },
    );
    let keep = s.list.rows[sel].rid;
    assert_eq!(
        loads(&fx),
        vec![&Load::Reload {
            from: Some(s.sort().cursor(&s.list.rows[top])),
            keep: Some(keep),
            index: sel - top,
        }]
    );
    // The runner answers with the rows from the top of the screen on.
    let on_screen = rows(CHUNK as i64).split_off(top);
    reloaded(&mut s, &fx, on_screen);
    assert_eq!(s.list.current().map(|i| i.rid), Some(keep));
    assert_eq!(s.list.offset, 0);
    assert!(
        !s.list.at_start,
        "rows above the screen come back when moving up"
    );
    let fx = update(&mut s, Action::Command(Command::Top));
    assert!(!loads(&fx).is_empty(), "{fx:?}");
}

#[test]
fn detail_of_another_item_is_dropped() {
    let mut s = loaded(3);
    let d = Detail {
        rid: 2,
        parent: None,
        exchange: Default::default(),
        elsewhere: vec![],
        person: Default::default(),
        priority: None,
        vip: false,
        note: None,
    };
    update(&mut s, Action::Detail(Box::new(d.clone())));
    assert!(s.detail.is_none());
    update(&mut s, Action::Detail(Box::new(Detail { rid: 1, ..d })));
    assert_eq!(s.detail.as_ref().map(|d| d.rid), Some(1));
}

/// A state whose first item's comment runs to `lines` lines.
fn long_comment(lines: usize) -> AppState {
    let mut s = loaded(3);
    s.list.rows[0].body = (1..=lines).map(|i| format!("line {i}\n")).collect();
    s
}

#[test]
fn enter_focuses_the_detail_and_keys_then_scroll_it() {
    let mut s = long_comment(60);
    cmd(&mut s, Command::Focus);
    assert_eq!(s.focus, Focus::Detail);
    cmd(&mut s, Command::Down);
    assert_eq!(s.detail_scroll, 1);
    assert_eq!(s.list.sel, 0, "the list cursor stays");
    cmd(&mut s, Command::Back);
    assert_eq!(s.focus, Focus::List);
    assert_eq!(s.detail_scroll, 0, "back at its head");
    cmd(&mut s, Command::Focus);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Focus);
    assert_eq!((s.focus, s.detail_scroll), (Focus::List, 0));
}

/// The wheel scrolls the pane under the pointer, whichever has the focus.
#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut s = long_comment(60);
    let a = crate::tui::view::layout::screen(&s);
    let over = |r: ratatui::layout::Rect, lines| Action::Scroll {
        lines,
        column: r.x + 2,
        row: r.y + 2,
    };
    update(&mut s, over(a.detail, 3));
    assert_eq!((s.detail_scroll, s.list.sel, s.focus), (3, 0, Focus::List));
    cmd(&mut s, Command::Focus);
    update(&mut s, over(a.list, 3));
    assert_eq!(
        (s.detail_scroll, s.list.sel),
        (0, 2),
        "a move shows another item"
    );
    assert_eq!(s.focus, Focus::Detail);
    // Over neither (the header): the focused pane.
    update(&mut s, over(a.tabs, 3));
    assert_eq!(
        (s.detail_scroll, s.list.sel),
        (0, 2),
        "the detail's text fits"
    );
    // What the status line said of the last action goes, as with a key.
    s.say("Reply saved and sent to the terminal (OSC 52)");
    update(&mut s, over(a.list, 1));
    assert!(s.status.is_none());
    // In the reply editor: the comment answered, within its length.
    cmd(&mut s, Command::Reply);
    let Mode::Reply(d) = &s.mode else {
        panic!("the editor")
    };
    d.quote_box.set((5, 4));
    update(&mut s, over(a.list, 3));
    update(&mut s, over(a.list, 3));
    let Mode::Reply(d) = &s.mode else {
        panic!("the editor")
    };
    assert_eq!(d.quote_scroll, 4);
    update(&mut s, over(a.list, -3));
    let Mode::Reply(d) = &s.mode else {
        panic!("the editor")
    };
    assert_eq!(d.quote_scroll, 1);
}

#[test]
fn the_detail_scrolls_until_its_last_line_is_at_the_bottom() {
    let mut s = long_comment(60);
    cmd(&mut s, Command::Focus);
    let last = crate::tui::view::detail::max_scroll(&s);
    // The header and the blank lines around the comment come on top of it.
    let inner = crate::tui::view::layout::screen(&s).detail.height - 2;
    assert!(last > 60 - inner, "{last}");
    for _ in 0..10 {
        cmd(&mut s, Command::PageDown);
    }
    assert_eq!(s.detail_scroll, last, "no further than the end");
    cmd(&mut s, Command::Up);
    assert_eq!(s.detail_scroll, last - 1, "one line back moves at once");
    cmd(&mut s, Command::Top);
    assert_eq!(s.detail_scroll, 0);
    cmd(&mut s, Command::Bottom);
    assert_eq!(s.detail_scroll, last, "G goes to the end");
    assert_eq!(s.focus, Focus::Detail);
    s.list.rows[0].body = "short now".into();
    cmd(&mut s, Command::Down);
    assert_eq!(s.detail_scroll, 0, "a text that fits does not scroll");
}

/// A search longer than the status line shows its end, where the typing is.
#[test]
fn a_long_search_shows_what_is_typed_last() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Search);
    for c in "konga washing station agtron roast light".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    s.size = (40, 12);
    let screen = screen_of(&s, (40, 12));
    assert!(screen.contains("roast light▏"), "{screen}");
}

/// The text of a frame of `s` drawn at `size`, as the terminal loop draws it.
fn screen_of(s: &AppState, (w, h): (u16, u16)) -> String {
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("terminal");
    crate::tui::draw(&mut term, s).expect("drawn");
    term.backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect()
}

/// A list read item by item (a flag) says it is searching until its first
/// page comes, as a search does; the queue's first page is loading.
#[test]
fn a_flag_filter_says_searching_until_its_first_page() {
    let mut s = state();
    s.list.loaded = false;
    assert!(screen_of(&s, s.size).contains("loading…"));
    s.query.flag = Some(0);
    assert!(screen_of(&s, s.size).contains("searching…"));
}

#[test]
fn a_scroll_kept_from_a_longer_text_shows_the_end_of_this_one() {
    let mut s = long_comment(60);
    s.detail_scroll = 500;
    let screen = screen_of(&s, s.size);
    assert!(screen.contains("line 60"), "the last line shows");
    assert!(
        !screen.contains("line 30 "),
        "from the end back, as far as fits"
    );
}

#[test]
fn mark_answered_applies_to_the_cursor_item_at_once() {
    let mut s = loaded(3);
    let fx = cmd(&mut s, Command::Answered);
    assert_eq!(
        fx,
        vec![Effect::Apply {
            target: Target::Item(waiting(1)),
            change: Change::Answered
        }]
    );
    // Then the store reports back and everything on screen reloads.
    let fx = update(
        &mut s,
        Action::Done {
            message: "1 item marked answered".into(),
            undoable: true,
        },
    );
    assert!(matches!(
        loads(&fx)[..],
        [Load::Reload {
            keep: Some(1),
            index: 0,
            ..
        }]
    ));
    assert!(fx.contains(&Effect::LoadToday));
    assert!(fx.contains(&Effect::LoadCounts));
    // The detail follows the reloaded rows, not the rows before them.
    assert!(!fx.iter().any(|e| matches!(e, Effect::LoadDetail(_))));
    let fx = reloaded(&mut s, &fx, rows(3));
    assert_eq!(fx, vec![Effect::LoadDetail(1)]);
    assert_eq!(
        s.status.as_ref().map(Status::full).as_deref(),
        Some("1 item marked answered (u undoes)")
    );
}

/// An empty queue is praise only when nothing waits snoozed: a snooze
/// empties it without answering anyone.
#[test]
fn an_empty_queue_says_what_waits_snoozed() {
    let mut s = loaded(0);
    s.counts = Some([0, 3, 1, 0]);
    assert!(screen_of(&s, s.size).contains("Nothing left to answer. Well done!"));
    let mut counts = [0, 3, 1, 0];
    counts[ItemState::Snoozed.code() as usize] = 2;
    s.counts = Some(counts);
    let screen = screen_of(&s, s.size);
    assert!(
        screen.contains("Nothing waits now: 2 snoozed come back later."),
        "{screen}"
    );
    assert!(!screen.contains("Well done"), "{screen}");
    // Put off is not done: the day's gauge is empty.
    s.today = Some(crate::stats::Today {
        answered: 0,
        dismissed: 0,
        needs_reply: 0,
    });
    let screen = screen_of(&s, s.size);
    assert!(
        screen.contains(" 0% ") && !screen.contains("100%"),
        "{screen}"
    );
    // The counts are the inbox's: a person's empty queue says nothing of
    // others' snoozes.
    let mut s = loaded(1);
    cmd(&mut s, Command::Person);
    cmd(&mut s, Command::ViewQueue);
    assert!(s.person.is_some() && s.view == View::Queue);
    s.list.rows.clear();
    s.list.loaded = true;
    s.counts = Some(counts);
    let screen = screen_of(&s, s.size);
    assert!(
        screen.contains("Nothing left to answer. Well done!"),
        "{screen}"
    );
}

/// The hints name the keys as the config binds them.
#[test]
fn hints_name_the_keys_as_bound() {
    let mut s = loaded(3);
    rebind(&mut s, &[("undo", &["ctrl-z"]), ("back", &["backspace"])]);
    let done = |undoable| Action::Done {
        message: "1 item dismissed".into(),
        undoable,
    };
    update(&mut s, done(true));
    let said = |s: &AppState| s.status.as_ref().map(Status::full);
    assert_eq!(
        said(&s).as_deref(),
        Some("1 item dismissed (ctrl-z undoes)")
    );
    update(&mut s, done(false));
    assert_eq!(said(&s).as_deref(), Some("1 item dismissed"));
    rebind(&mut s, &[("undo", &[]), ("back", &["backspace"])]);
    update(&mut s, done(true));
    assert_eq!(said(&s).as_deref(), Some("1 item dismissed")); // An empty filtered list says which key clears the filter.
    s.query.filter.search = Some("nothing".into());
    s.list.rows.clear();
    let screen = screen_of(&s, s.size);
    assert!(
        screen.contains("Nothing matches the filter (backspace clears it)."),
        "{screen}"
    );
    // The footer offers the way back as bound, and no command without a
    // key (undo here).
    assert!(
        screen.contains("backspace clear filter  j/k move"),
        "{screen}"
    );
    assert!(!screen.contains("undo"), "{screen}");
    s.query.filter.search = None;
    let screen = screen_of(&s, s.size);
    assert!(screen.contains("s snooze  x select"), "{screen}");
}

#[test]
fn dismissing_a_flagged_item_suggests_what_its_flags_say() {
    use crate::analysis::{Flag, Flags};
    let mut s = loaded(3);
    for (flag, reason) in [
        (Flag::Bait, DismissReason::Bait),
        (Flag::EmojiOnly, DismissReason::EmojiOnly),
    ] {
        let mut flags = Flags::new();
        flags.insert(flag);
        s.list.rows[0].flags = flags.bits();
        cmd(&mut s, Command::Dismiss);
        let Mode::Pick(p) = &s.mode else {
            panic!("a picker")
        };
        assert_eq!(p.choices[p.sel], Choice::Reason(reason));
        key(&mut s, KeyCode::Esc);
    }
}

/// An answered item dismissed stops counting as answered (today's too):
/// the picker says so before the reason is chosen.
#[test]
fn dismissing_an_answered_item_says_what_it_costs() {
    let mut s = loaded(3);
    let title = |s: &mut AppState| {
        cmd(s, Command::Dismiss);
        let title = match &s.mode {
            Mode::Pick(p) => p.title.clone(),
            other => panic!("a picker: {other:?}"),
        };
        key(s, KeyCode::Esc);
        title
    };
    assert_eq!(title(&mut s), "Dismiss this item");
    s.list.rows[0].state = ItemState::Answered;
    assert_eq!(title(&mut s), "Dismiss: no longer counted as answered");
    // Of a selection, how many.
    cmd(&mut s, Command::Select);
    cmd(&mut s, Command::Select);
    assert_eq!(
        title(&mut s),
        "Dismiss 2 items (1 no longer counted as answered)"
    );
    // Everything a filter matches in a view of every state: not counted.
    cmd(&mut s, Command::Back);
    s.view = View::All;
    cmd(&mut s, Command::SelectAll);
    assert!(
        title(&mut s).ends_with(" (answered ones no longer counted as answered)"),
        "{:?}",
        s.selection
    );
}

#[test]
fn dismiss_picks_a_reason_with_the_last_one_preselected() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Dismiss);
    let Mode::Pick(p) = &s.mode else {
        panic!("a picker")
    };
    // Nothing is called bait unless it is flagged so: "other" comes first.
    assert_eq!(p.choices[p.sel], Choice::Reason(DismissReason::Other));
    assert!(!p.choices.contains(&Choice::Reason(DismissReason::Muted)));
    assert!(!p.choices.contains(&Choice::Reason(DismissReason::Removed)));
    key(&mut s, KeyCode::Home);
    key(&mut s, KeyCode::Down); // spam
    let fx = key(&mut s, KeyCode::Enter);
    assert_eq!(
        fx,
        vec![Effect::Apply {
            target: Target::Item(waiting(1)),
            change: Change::Dismissed(DismissReason::Spam)
        }]
    );
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(s.last_reason, DismissReason::Spam);
    // A reason only flags tell (spam, bait, emoji only) is not offered
    // again for an unflagged comment: "other" is.
    let preselected = |s: &mut AppState| {
        cmd(s, Command::Dismiss);
        let Mode::Pick(p) = &s.mode else {
            panic!("a picker")
        };
        p.choices[p.sel].clone()
    };
    assert_eq!(preselected(&mut s), Choice::Reason(DismissReason::Other));
    // Esc cancels without an effect; digits pick directly.
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    cmd(&mut s, Command::Dismiss);
    let fx = key(&mut s, KeyCode::Char('5'));
    assert_eq!(
        fx,
        vec![Effect::Apply {
            target: Target::Item(waiting(1)),
            change: Change::Dismissed(DismissReason::OffTopic)
        }]
    );
    // Any other reason used last is offered first.
    assert_eq!(preselected(&mut s), Choice::Reason(DismissReason::OffTopic));
}

/// Picked items whose flags all say what they are, or everything a flag's
/// filter matches, are offered that reason; picked items that disagree
/// are not.
#[test]
fn dismissing_picked_bait_offers_bait() {
    use crate::analysis::Flag;
    let bait = Flag::Bait.bit();
    let preselected = |s: &mut AppState| {
        cmd(s, Command::Dismiss);
        let Mode::Pick(p) = &s.mode else {
            panic!("a picker")
        };
        let r = p.choices[p.sel].clone();
        key(s, KeyCode::Esc);
        r
    };
    let mut s = loaded(3);
    s.list.rows[0].flags = bait;
    s.list.rows[1].flags = bait;
    // `x` picks the item and moves on.
    cmd(&mut s, Command::Select);
    cmd(&mut s, Command::Select);
    assert_eq!(preselected(&mut s), Choice::Reason(DismissReason::Bait));
    cmd(&mut s, Command::Select);
    assert_eq!(preselected(&mut s), Choice::Reason(DismissReason::Other));
    // One picked that left the list since (answered elsewhere, the list
    // read again): the others still say bait.
    let mut s = loaded(3);
    s.list.rows[0].flags = bait;
    s.list.rows[1].flags = bait;
    cmd(&mut s, Command::Select);
    cmd(&mut s, Command::Select);
    s.list.rows.remove(1);
    assert_eq!(preselected(&mut s), Choice::Reason(DismissReason::Bait));
    // `*` on a filter by the flag.
    let mut s = loaded(3);
    s.query.flag = Flag::ALL.iter().position(|f| *f == Flag::Bait);
    let fx = cmd(&mut s, Command::SelectAll);
    let Some(Effect::Count(query)) = fx.first().cloned() else {
        panic!("a count: {fx:?}")
    };
    update(&mut s, Action::Counted { query, n: 3 });
    assert_eq!(preselected(&mut s), Choice::Reason(DismissReason::Bait));
}

#[test]
fn an_answered_item_is_not_offered_a_snooze() {
    let mut s = loaded(3);
    s.list.rows[0].state = crate::model::State::Answered;
    assert!(cmd(&mut s, Command::Snooze).is_empty());
    assert!(matches!(s.mode, Mode::Normal));
    let status = s.status.as_ref().expect("said why");
    assert!(
        status.error && status.text.contains("This item is answered"),
        "{}",
        status.text
    );
}

/// Everything selected in the Dismissed view: the keys said are those
/// that change what it holds (`N` puts them back).
#[test]
fn a_selection_of_everything_says_the_keys_of_its_view() {
    let mut s = loaded(3);
    s.view = View::Dismissed;
    let fx = cmd(&mut s, Command::SelectAll);
    let Some(Effect::Count(query)) = fx.first().cloned() else {
        panic!("a count: {fx:?}")
    };
    update(&mut s, Action::Counted { query, n: 3 });
    let said = s.status.as_ref().map(Status::full).unwrap_or_default();
    assert!(said.contains("N or a acts on them"), "{said}");
}

/// `N` on an item a reply answers asks first: the reply stops answering it.
#[test]
fn putting_back_an_item_a_reply_answers_is_asked_first() {
    let mut s = loaded(3);
    s.list.rows[0].state = ItemState::Answered;
    s.list.rows[0].first_reply_at = Some(now());
    assert!(cmd(&mut s, Command::Reopen).is_empty());
    let Mode::Confirm(c) = &s.mode else {
        panic!("a question")
    };
    assert!(
        c.question.contains("no longer count as answering it"),
        "{}",
        c.question
    );
    assert!(!c.on_yes, "No is the default");
    let fx = key(&mut s, KeyCode::Char('y'));
    assert!(
        matches!(
            &fx[..],
            [Effect::Apply {
                change: Change::NeedsReply,
                ..
            }]
        ),
        "{fx:?}"
    );
    // Marked answered by hand, with no reply: at once.
    let mut s = loaded(3);
    s.list.rows[0].state = ItemState::Answered;
    assert!(matches!(
        &cmd(&mut s, Command::Reopen)[..],
        [Effect::Apply { .. }]
    ));
    // Many at once in the Answered view: the question says so too.
    let mut s = loaded(3);
    s.view = View::Answered;
    cmd(&mut s, Command::SelectAll);
    cmd(&mut s, Command::Reopen);
    let Mode::Confirm(c) = &s.mode else {
        panic!("a question")
    };
    assert!(
        c.question.contains("will no longer count as its answer"),
        "{}",
        c.question
    );
}

/// A selection in Answered or Dismissed holds nothing to snooze: said at
/// once, with no question counting items it would leave alone.
#[test]
fn a_snooze_of_a_selection_of_answered_items_is_refused_at_once() {
    for view in [View::Answered, View::Dismissed] {
        let mut s = loaded(3);
        s.view = view;
        cmd(&mut s, Command::SelectAll);
        assert!(cmd(&mut s, Command::Snooze).is_empty());
        assert!(matches!(s.mode, Mode::Normal), "{view:?}");
        let said = s.status.as_ref().map(|st| (st.error, st.text.clone()));
        assert!(
            said.as_ref().is_some_and(|(error, text)| *error
                && text.starts_with("Nothing selected here waits for a reply")),
            "{said:?}"
        );
    }
}

/// Ctrl-Z suspends and Ctrl-L redraws from the list and from a field (what
/// is typed waits);
/// Ctrl-C cancels a field, a picker or a question as Esc does.
/// Spaces alone search for nothing: no filter while typed, none kept.
#[test]
fn a_search_of_spaces_is_no_search() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Search);
    assert!(typed(&mut s, "  ").is_empty(), "the list stays");
    assert_eq!(s.query.filter.search, None);
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.query.filter.search, None);
    cmd(&mut s, Command::Search);
    typed(&mut s, " a");
    assert_eq!(s.query.filter.search.as_deref(), Some(" a"));
}

/// `/` gives the search back selected: the first character typed starts
/// a new one (it added to the old: "tomaszfood"), Backspace takes it all,
/// and an arrow or Enter keeps it to edit.
#[test]
fn a_search_given_back_is_replaced_by_what_is_typed() {
    let mut s = loaded(3);
    let search = |s: &AppState| s.query.filter.search.clone();
    cmd(&mut s, Command::Search);
    typed(&mut s, "tomasz");
    key(&mut s, KeyCode::Enter);
    cmd(&mut s, Command::Search);
    assert!(matches!(&s.mode, Mode::Search { input, fresh: true, .. } if input == "tomasz"));
    typed(&mut s, "food");
    assert_eq!(search(&s).as_deref(), Some("food"));
    key(&mut s, KeyCode::Enter);
    cmd(&mut s, Command::Search);
    key(&mut s, KeyCode::Backspace);
    assert_eq!(search(&s), None);
    typed(&mut s, "ab");
    key(&mut s, KeyCode::Enter);
    cmd(&mut s, Command::Search);
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Enter);
    assert_eq!(search(&s).as_deref(), Some("ab"));
    for arrow in [KeyCode::Left, KeyCode::End, KeyCode::Up] {
        cmd(&mut s, Command::Search);
        key(&mut s, arrow);
        typed(&mut s, "c");
        assert_eq!(search(&s).as_deref(), Some("abc"), "{arrow:?}");
        key(&mut s, KeyCode::Backspace);
        key(&mut s, KeyCode::Enter);
    }
    // Once edited, it is typed on.
    cmd(&mut s, Command::Search);
    typed(&mut s, "x");
    typed(&mut s, "y");
    assert_eq!(search(&s).as_deref(), Some("xy"));
}

#[test]
fn ctrl_z_suspends_anywhere_and_ctrl_c_cancels_what_asks() {
    let mut s = loaded(3);
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert!(s.is_bound(Command::Suspend, &ctrl_z), "by default");
    assert_eq!(cmd(&mut s, Command::Suspend), vec![Effect::Suspend]);
    cmd(&mut s, Command::Search);
    typed(&mut s, "ab");
    assert_eq!(ctrl(&mut s, 'z'), vec![Effect::Suspend]);
    assert!(matches!(&s.mode, Mode::Search { input, .. } if input == "ab"));
    // Ctrl-L draws the screen again from there too, and in the reply editor.
    assert_eq!(ctrl(&mut s, 'l'), vec![Effect::Redraw]);
    assert!(matches!(&s.mode, Mode::Search { input, .. } if input == "ab"));
    let mut r = loaded(3);
    cmd(&mut r, Command::Reply);
    typed(&mut r, "Hi");
    assert_eq!(ctrl(&mut r, 'l'), vec![Effect::Redraw]);
    assert_eq!(draft(&r).0, "@joe Hi");
    let asks: [&dyn Fn(&mut AppState); 4] = [
        &|s| {
            cmd(s, Command::Search);
        },
        &|s| {
            cmd(s, Command::Dismiss);
        },
        &|s| {
            cmd(s, Command::Snooze);
            key(s, KeyCode::Char('4'));
        },
        &|s| {
            cmd(s, Command::SelectAll);
            cmd(s, Command::Answered);
        },
    ];
    for (i, ask) in asks.iter().enumerate() {
        let mut s = loaded(3);
        ask(&mut s);
        assert!(!matches!(s.mode, Mode::Normal), "{i}: asks");
        ctrl(&mut s, 'c');
        assert!(matches!(s.mode, Mode::Normal), "{i}: cancelled");
        assert!(!s.quit, "{i}");
    }
}

/// On an empty list every key that acts on an item says there is none.
#[test]
fn keys_for_an_item_say_so_on_an_empty_list() {
    for c in [
        Command::Open,
        Command::Copy,
        Command::CopyLink,
        Command::Select,
        Command::Focus,
        Command::Reply,
        Command::Dismiss,
    ] {
        let mut s = state();
        s.say("before");
        cmd(&mut s, c);
        let said = s.status.as_ref().map(Status::full);
        assert!(
            said.as_deref().is_some_and(|t| t.starts_with("Nothing to")),
            "{c:?}: {said:?}"
        );
    }
}

/// In a picker the wheel moves the choice and a click chooses.
#[test]
fn the_mouse_moves_and_chooses_in_pickers() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Snooze);
    let at = |s: &AppState, i: u16| {
        let Mode::Pick(p) = &s.mode else {
            panic!("a picker")
        };
        let size = ratatui::layout::Rect::new(0, 0, s.size.0, s.size.1);
        let (area, offset) = crate::tui::view::dialogs::picker_box(size, p, s);
        assert_eq!(offset, 0);
        (area.x + 3, area.y + 1 + i)
    };
    let sel = |s: &AppState| match &s.mode {
        Mode::Pick(p) => p.sel,
        _ => usize::MAX,
    };
    let (column, row) = at(&s, 0);
    update(
        &mut s,
        Action::Scroll {
            lines: 3,
            column,
            row,
        },
    );
    assert_eq!(sel(&s), 1);
    update(
        &mut s,
        Action::Scroll {
            lines: -3,
            column,
            row,
        },
    );
    assert_eq!(sel(&s), 0);
    // Outside the box: nothing.
    assert!(update(&mut s, Action::Click { column: 0, row: 0 }).is_empty());
    assert_eq!(sel(&s), 0);
    let (column, row) = at(&s, 0);
    let fx = update(&mut s, Action::Click { column, row });
    assert_eq!(
        fx,
        vec![Effect::Apply {
            target: Target::Item(waiting(1)),
            change: Change::Snoozed(now() + chrono::Duration::hours(3))
        }]
    );
    assert!(matches!(s.mode, Mode::Normal));
}

#[test]
fn snooze_offers_three_hours_tomorrow_next_week_and_custom() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Snooze);
    let Mode::Pick(p) = &s.mode else {
        panic!("a picker")
    };
    assert_eq!(p.choices.len(), 4);
    let fx = key(&mut s, KeyCode::Enter);
    assert_eq!(
        fx,
        vec![Effect::Apply {
            target: Target::Item(waiting(1)),
            change: Change::Snoozed(now() + chrono::Duration::hours(3))
        }]
    );
    cmd(&mut s, Command::Snooze);
    key(&mut s, KeyCode::Char('2'));
    // tomorrow at 9:00 local
    cmd(&mut s, Command::Snooze);
    key(&mut s, KeyCode::Char('4'));
    assert!(matches!(s.mode, Mode::SnoozeInput { .. }));
    typed(&mut s, "yesterday");
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    let Mode::SnoozeInput { error, .. } = &s.mode else {
        panic!("still asking")
    };
    assert!(error.as_deref().is_some_and(|e| e.contains("not a time")));
    // ctrl-u clears what was typed, and the error with it.
    ctrl(&mut s, 'u');
    let Mode::SnoozeInput { input, error, .. } = &s.mode else {
        panic!("still asking")
    };
    assert_eq!((input.as_str(), error), ("", &None));
    typed(&mut s, "2d");
    let fx = key(&mut s, KeyCode::Enter);
    assert_eq!(
        fx,
        vec![Effect::Apply {
            target: Target::Item(waiting(1)),
            change: Change::Snoozed(now() + chrono::Duration::days(2))
        }]
    );
    assert!(matches!(s.mode, Mode::Normal));
}

/// `m` on the first row, answered by the count the runner would report
/// (`muted`: the thread is muted already).
fn mute(s: &mut AppState, n: u64, muted: bool) {
    let fx = cmd(s, Command::Mute);
    let [
        Effect::CountThread {
            platform,
            thread,
            title,
        },
    ] = fx.as_slice()
    else {
        panic!("a count first: {fx:?}")
    };
    assert!(
        matches!(s.mode, Mode::Normal),
        "no question before the count"
    );
    let counted = Action::ThreadCounted {
        platform: platform.clone(),
        thread: thread.clone(),
        title: title.clone(),
        n,
        muted,
    };
    assert!(update(s, counted).is_empty());
}

#[test]
fn mute_says_how_many_first_and_defaults_to_no() {
    let mut s = loaded(3);
    mute(&mut s, 7, false);
    let Mode::Confirm(c) = &s.mode else {
        panic!("a question")
    };
    assert_eq!(
        c.question,
        "Mute the thread “Our V60 recipe” on youtube? Its 7 waiting items are dismissed, \
         and so is everything that arrives in it later."
    );
    assert!(!c.on_yes);
    // Enter takes the default: No.
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert!(matches!(s.mode, Mode::Normal));
    mute(&mut s, 1, false);
    let Mode::Confirm(c) = &s.mode else {
        panic!("a question")
    };
    assert!(c.question.contains("Its 1 waiting item is dismissed"));
    let fx = key(&mut s, KeyCode::Char('y'));
    assert_eq!(
        fx,
        vec![Effect::Mute {
            platform: "youtube".into(),
            thread: "t1".into(),
            on: true,
        }]
    );
    // Nothing waiting: muting still stops what comes later.
    mute(&mut s, 0, false);
    let Mode::Confirm(c) = &s.mode else {
        panic!("a question")
    };
    assert!(c.question.contains("Nothing in it waits for a reply"));
    // Right then Enter also says yes.
    key(&mut s, KeyCode::Right);
    assert_eq!(key(&mut s, KeyCode::Enter).len(), 1);
    // A count that arrives after the user moved on asks nothing.
    let fx = cmd(&mut s, Command::Mute);
    cmd(&mut s, Command::Help);
    let Some(Effect::CountThread {
        platform,
        thread,
        title,
    }) = fx.into_iter().next()
    else {
        panic!("a count")
    };
    update(
        &mut s,
        Action::ThreadCounted {
            platform,
            thread,
            title,
            n: 2,
            muted: false,
        },
    );
    assert!(matches!(s.mode, Mode::Help { .. }));
    s.mode = Mode::Normal;
    // No thread: nothing to mute.
    s.list.rows[0].thread_id = None;
    assert!(cmd(&mut s, Command::Mute).is_empty());
    assert!(matches!(s.mode, Mode::Normal));
    assert!(s.status.as_ref().is_some_and(|st| st.error));
}

/// `m` on a muted thread offers to unmute it, saying what comes back.
#[test]
fn m_on_a_muted_thread_offers_to_unmute_it() {
    let mut s = loaded(3);
    mute(&mut s, 2, true);
    let Mode::Confirm(c) = &s.mode else {
        panic!("a question")
    };
    assert_eq!(
        c.question,
        "The thread “Our V60 recipe” on youtube is muted. Unmute it? The 2 items it dismissed \
         come back to the queue, and what arrives in it later waits for a reply."
    );
    assert!(!c.on_yes);
    assert_eq!(
        key(&mut s, KeyCode::Char('y')),
        vec![Effect::Mute {
            platform: "youtube".into(),
            thread: "t1".into(),
            on: false,
        }]
    );
}

#[test]
fn undo_is_one_effect_and_reloads_after() {
    let mut s = loaded(3);
    assert_eq!(cmd(&mut s, Command::Undo), vec![Effect::Undo]);
    assert_eq!(
        s.status.as_ref().map(|s| s.text.as_str()),
        Some("Undoing…"),
        "said before the (deferred) undo runs"
    );
    let fx = update(
        &mut s,
        Action::Done {
            message: "Undone: dismissed (1 item)".into(),
            undoable: true,
        },
    );
    assert_eq!(loads(&fx).len(), 1);
    let fx = reloaded(&mut s, &fx, rows(3));
    assert_eq!(fx, vec![Effect::LoadDetail(1)]);
    let fx = update(&mut s, Action::Failed("Nothing to undo".into()));
    assert!(fx.is_empty());
    assert!(s.status.as_ref().is_some_and(|st| st.error));
}

#[test]
fn selection_then_bulk_action_says_how_many_and_defaults_to_no() {
    let mut s = loaded(5);
    cmd(&mut s, Command::Select);
    cmd(&mut s, Command::Select);
    assert_eq!(s.list.sel, 2, "x moves on");
    assert_eq!(s.selection, picked(&[1, 2]));
    cmd(&mut s, Command::Up);
    cmd(&mut s, Command::Select); // unselect 2, move to 3
    assert_eq!(s.selection, picked(&[1]));
    cmd(&mut s, Command::Select); // select 3
    assert!(cmd(&mut s, Command::Answered).is_empty());
    let Mode::Confirm(c) = &s.mode else {
        panic!("a question")
    };
    assert_eq!(c.question, "Mark 2 items answered?");
    assert!(key(&mut s, KeyCode::Char('n')).is_empty());
    assert!(!s.selection.is_empty(), "No keeps the selection");
    cmd(&mut s, Command::Dismiss);
    key(&mut s, KeyCode::Home);
    key(&mut s, KeyCode::Enter); // bait
    let Mode::Confirm(c) = &s.mode else {
        panic!("a question")
    };
    assert_eq!(c.question, "Dismiss 2 items as bait?");
    let fx = key(&mut s, KeyCode::Char('y'));
    assert_eq!(s.status.as_ref().map(|s| s.text.as_str()), Some("Working…"));
    assert_eq!(
        fx,
        vec![Effect::Apply {
            target: Target::Rids(vec![waiting(1), waiting(3)]),
            change: Change::Dismissed(DismissReason::Bait)
        }]
    );
    assert!(s.selection.is_empty(), "done with the selection");
    // Another effect's failure (a tick's, before the change runs) is not
    // the change's: the selection stays with it.
    update(&mut s, Action::Failed("the database is busy".into()));
    assert!(s.selection.is_empty(), "sent to be changed");
    // Refused (the database busy): the selection comes back for a retry.
    update(&mut s, Action::NotApplied("the database is busy".into()));
    assert_eq!(s.selection, picked(&[1, 3]));
    cmd(&mut s, Command::Dismiss);
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Char('y'));
    update(
        &mut s,
        Action::Done {
            message: "2 items dismissed".into(),
            undoable: true,
        },
    );
    update(&mut s, Action::Failed("an unrelated failure".into()));
    assert!(s.selection.is_empty(), "done, it stays done");
}

#[test]
fn select_all_on_an_empty_list_selects_nothing() {
    let mut s = loaded(0);
    let fx = cmd(&mut s, Command::SelectAll);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(s.selection.is_empty());
    assert_eq!(
        s.status.as_ref().map(|st| st.text.as_str()),
        Some("Nothing to select")
    );
}

#[test]
fn select_all_stores_the_filter_not_the_ids() {
    let mut s = loaded(5);
    let fx = cmd(&mut s, Command::SelectAll);
    assert_eq!(fx, vec![Effect::Count(queue_query())]);
    // The count comes with the query bounded to the items it saw.
    let bounded = Query {
        through: Some(1_000_042),
        ..queue_query()
    };
    update(
        &mut s,
        Action::Counted {
            query: bounded.clone(),
            n: 1_000_000,
        },
    );
    assert_eq!(
        s.selection,
        Selection::All {
            query: bounded.clone(),
            count: Some(1_000_000)
        }
    );
    // Said with the keys that act on them in this view.
    let said = s.status.as_ref().map(Status::full).unwrap_or_default();
    assert!(
        said.contains("All 1000000 matching items selected: a, d or s acts on them"),
        "{said}"
    );
    // An item stored after the count is not ticked: the action leaves it,
    // and the list's title no longer says "all" once it shows one (HF).
    assert!(s.selection.contains(1_000_042));
    assert!(!s.selection.contains(1_000_043));
    let title = crate::tui::view::layout::selection_text(&s);
    assert_eq!(title.as_deref(), Some("all 1000000 selected"));
    let mut later = s.clone();
    later.list.rows[0].rid = 1_000_043;
    let title = crate::tui::view::layout::selection_text(&later);
    assert_eq!(
        title.as_deref(),
        Some("1000000 selected, not those imported since")
    );
    cmd(&mut s, Command::Snooze);
    key(&mut s, KeyCode::Enter);
    let Mode::Confirm(c) = &s.mode else {
        panic!("a question")
    };
    assert!(
        c.question.starts_with("Snooze 1000000 items until"),
        "{}",
        c.question
    );
    let fx = key(&mut s, KeyCode::Char('y'));
    assert!(matches!(
        &fx[..],
        [Effect::Apply {
            target: Target::Matching(q, Some(1_000_000)),
            change: Change::Snoozed(_)
        }] if *q == bounded
    ));
    // `x` refuses while everything is selected; `*` again clears.
    cmd(&mut s, Command::SelectAll);
    // A count of another selection, since cleared, is not this one's.
    let other = Query {
        through: Some(7),
        any_flags: 1,
        ..queue_query()
    };
    update(&mut s, Action::Counted { query: other, n: 5 });
    assert!(matches!(s.selection, Selection::All { count: None, .. }));
    cmd(&mut s, Command::Select);
    assert!(matches!(s.selection, Selection::All { .. }));
    cmd(&mut s, Command::SelectAll);
    assert!(s.selection.is_empty());
}

#[test]
fn esc_clears_the_selection_then_the_filter() {
    let mut s = loaded(5);
    s.query.filter.platform = Some("youtube".into());
    cmd(&mut s, Command::Select);
    assert!(cmd(&mut s, Command::Back).is_empty());
    assert!(s.selection.is_empty());
    // The cursor stays on its item: the list comes again from it.
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Down);
    let item = s.list.current().expect("an item").clone();
    let (rid, at) = (item.rid, Sort::BEST.cursor(&item));
    let fx = cmd(&mut s, Command::Back);
    assert_eq!(
        loads(&fx),
        vec![&Load::Reload {
            from: Some(at),
            keep: Some(rid),
            index: 0
        }]
    );
    assert!(!s.filtered());
}

/// A search that found nothing, escaped: the cursor goes back to the item
/// it was on, not to the top.
#[test]
fn esc_from_a_search_that_found_nothing_goes_back_to_the_item() {
    let (mut s, item) = on_the_third();
    cmd(&mut s, Command::Search);
    let fx = key(&mut s, KeyCode::Char('z'));
    reloaded(&mut s, &fx, Vec::new());
    assert!(s.list.current().is_none());
    let fx = key(&mut s, KeyCode::Esc);
    let back = Load::Reload {
        from: Some(Sort::BEST.cursor(&item)),
        keep: Some(item.rid),
        index: 0,
    };
    assert_eq!(loads(&fx), vec![&back]);
    // Kept with Enter, then cleared with Esc: the same.
    let mut s = loaded(5);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Search);
    let fx = key(&mut s, KeyCode::Char('z'));
    reloaded(&mut s, &fx, Vec::new());
    key(&mut s, KeyCode::Enter);
    let fx = cmd(&mut s, Command::Back);
    assert_eq!(
        s.status.as_ref().map(|m| m.text.as_str()),
        Some("Filter cleared")
    );
    assert_eq!(loads(&fx), vec![&back]);
}

/// Esc after editing a search given back takes the list back to that
/// search with the cursor where it was in it, not on what the edited
/// search found (which may not be in it).
#[test]
fn esc_from_an_edited_search_goes_back_to_where_the_cursor_was() {
    let mut s = loaded(5);
    cmd(&mut s, Command::Search);
    typed(&mut s, "comment");
    key(&mut s, KeyCode::Enter);
    cmd(&mut s, Command::Down);
    let was = s.list.current().expect("an item").clone();
    let other = s.list.rows[4].clone();
    cmd(&mut s, Command::Search);
    let fx = typed(&mut s, "x");
    // What "x" found: another item.
    reloaded(&mut s, &fx, vec![other]);
    let fx = key(&mut s, KeyCode::Esc);
    assert_eq!(s.query.filter.search.as_deref(), Some("comment"));
    let back = Load::Reload {
        from: Some(Sort::BEST.cursor(&was)),
        keep: Some(was.rid),
        index: 0,
    };
    assert_eq!(loads(&fx), vec![&back]);
}

/// Backspace takes what a reader sees as one character: a letter with its
/// accent, a letter with its vowel sign.
#[test]
fn backspace_in_a_search_takes_a_whole_character() {
    let mut s = loaded(5);
    cmd(&mut s, Command::Search);
    typed(&mut s, "cofe\u{301}");
    key(&mut s, KeyCode::Backspace);
    assert_eq!(s.query.filter.search.as_deref(), Some("cof"));
    typed(&mut s, "कि");
    key(&mut s, KeyCode::Backspace);
    assert_eq!(s.query.filter.search.as_deref(), Some("cof"));
}

#[test]
fn search_is_incremental_and_esc_restores() {
    let mut s = loaded(5);
    cmd(&mut s, Command::Search);
    let fx = key(&mut s, KeyCode::Char('c'));
    assert_eq!(s.query.filter.search.as_deref(), Some("c"));
    assert!(matches!(
        &fx[..],
        [Effect::Load { query, sort: Sort::BEST, load: Load::First }]
            if query.filter.search.as_deref() == Some("c")
                && query.filter.state == Some(ItemState::NeedsReply)
    ));
    typed(&mut s, "of");
    key(&mut s, KeyCode::Backspace);
    assert_eq!(s.query.filter.search.as_deref(), Some("co"));
    key(&mut s, KeyCode::Enter);
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(s.query.filter.search.as_deref(), Some("co"));
    cmd(&mut s, Command::Search);
    typed(&mut s, "ffee");
    let fx = key(&mut s, KeyCode::Esc);
    assert_eq!(s.query.filter.search.as_deref(), Some("co"));
    assert!(matches!(
        loads(&fx)[..],
        [Load::Reload { keep: Some(_), .. }]
    ));
    cmd(&mut s, Command::Search);
    ctrl(&mut s, 'u');
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.query.filter.search, None);
    // Pasting into the search box searches too.
    cmd(&mut s, Command::Search);
    let fx = update(&mut s, Action::Paste("tea\n\x1b[2J".into()));
    assert_eq!(s.query.filter.search.as_deref(), Some("tea"));
    assert_eq!(loads(&fx).len(), 1);
}

/// `f`, then the filter `choice` (which the picker must offer), chosen.
fn filter_by(s: &mut AppState, choice: Choice) -> Vec<Effect> {
    cmd(s, Command::Filter);
    let Mode::Pick(p) = &mut s.mode else {
        panic!("the filter picker")
    };
    p.sel = (p.choices.iter())
        .position(|c| *c == choice)
        .unwrap_or_else(|| panic!("{choice:?} offered"));
    key(s, KeyCode::Enter)
}

/// Five rows, from two platforms.
/// Five items loaded, the cursor moved down to the third: the state and
/// that item.
fn on_the_third() -> (AppState, Item) {
    let mut s = loaded(5);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Down);
    let item = s.list.current().expect("an item").clone();
    (s, item)
}

fn loaded_on_two_platforms() -> AppState {
    let mut s = loaded(5);
    update(
        &mut s,
        Action::Platforms(vec!["mastodon".into(), "youtube".into()]),
    );
    s
}

#[test]
fn filter_picker_sets_platform_state_and_flag() {
    let mut s = loaded_on_two_platforms();
    let fx = filter_by(&mut s, Choice::Platform(Some("youtube".into())));
    assert_eq!(s.query.filter.platform.as_deref(), Some("youtube"));
    // Read from the cursor's item (see the next test).
    let cur = s.list.current().cloned().expect("a row");
    assert_eq!(loads(&fx), vec![&from_item(&s, &cur)]);
    let fx = filter_by(&mut s, Choice::Flag(Some(5)));
    assert_eq!(s.query.flag, Some(5));
    // Read item by item: from the top, on the searches' thread, not here.
    assert_eq!(loads(&fx), vec![&Load::First]);
    assert!(fx.iter().any(Effect::runs_apart), "{fx:?}");
    let fx = filter_by(&mut s, Choice::View(View::Answered));
    assert_eq!(s.view, View::Answered);
    assert!(
        matches!(&fx[..], [Effect::Load { query, sort: Sort::NEWEST, .. }]
        if query.filter.state == Some(ItemState::Answered)
            && query.filter.platform.as_deref() == Some("youtube")
            && query.flag == Some(5))
    );
    cmd(&mut s, Command::Filter);
    key(&mut s, KeyCode::Char('1')); // clear every filter
    assert!(!s.filtered());
    // An age: items written before that many days ago, from now.
    let fx = filter_by(&mut s, Choice::Older(Some(30)));
    let month = s.now.timestamp() - 30 * 86_400;
    assert_eq!(
        s.query.older,
        Some(Older {
            days: 30,
            before: month
        })
    );
    assert!(matches!(&fx[..], [Effect::Load { query, .. }] if query.older == s.query.older));
    assert!(s.filtered());
    assert_eq!(crate::tui::view::layout::filter_text(&s), "older than 30 d");
}

/// A filter chosen keeps the cursor on its item where the filter keeps it,
/// else puts it on the next item that matches, else on the last.
#[test]
fn a_filter_keeps_the_cursor_on_its_item_or_near_it() {
    let mut s = loaded(5);
    move_by(&mut s, 2);
    let here = s.list.current().cloned().expect("a row");
    cmd(&mut s, Command::Filter);
    let fx = key(&mut s, KeyCode::Char('1')); // clear every filter: none set
    assert!(loads(&fx).is_empty());
    s.query.flag = Some(5);
    cmd(&mut s, Command::Filter);
    let fx = key(&mut s, KeyCode::Char('1'));
    let reload = from_item(&s, &here);
    assert_eq!(loads(&fx), vec![&reload]);
    // The rows from it on: the cursor on it.
    let all = s.list.rows.clone();
    paged(&mut s, reload.clone(), all[2..].to_vec(), 50);
    assert_eq!(s.list.current().map(|i| i.rid), Some(here.rid));
    assert!(!s.list.at_start, "the rows before it come as it nears them");
    // Not among them: the next one.
    paged(&mut s, reload.clone(), all[3..].to_vec(), 50);
    assert_eq!(s.list.current().map(|i| i.rid), Some(all[3].rid));
    // None from its place on: the end of the list, the cursor on the last.
    let fx = paged(&mut s, reload, Vec::new(), 50);
    assert!(loads(&fx).contains(&&Load::Last), "{fx:?}");
    paged(&mut s, Load::Last, all[..2].to_vec(), 50);
    assert_eq!(s.list.current().map(|i| i.rid), Some(all[1].rid));
}

#[test]
fn views_cycle_and_jump() {
    let mut s = loaded(3);
    // The window is changed in the stats view only (it is seen nowhere else).
    assert!(cmd(&mut s, Command::Window).is_empty());
    assert_eq!(s.window, Window::Days(30));
    let fx = cmd(&mut s, Command::NextView);
    assert_eq!(s.view, View::Answered);
    assert_eq!(loads(&fx), vec![&Load::First]);
    cmd(&mut s, Command::PrevView);
    let fx = cmd(&mut s, Command::PrevView);
    assert_eq!(s.view, View::Stats);
    assert_eq!(fx, vec![Effect::LoadStats(Window::Days(30))]);
    let fx = cmd(&mut s, Command::Window);
    assert_eq!(s.window, Window::Days(90));
    assert_eq!(fx, vec![Effect::LoadStats(Window::Days(90))]);
    // Item commands do nothing in the stats view.
    assert!(cmd(&mut s, Command::Answered).is_empty());
    for (c, v) in [
        (Command::ViewQueue, View::Queue),
        (Command::ViewAnswered, View::Answered),
        (Command::ViewDismissed, View::Dismissed),
        (Command::ViewSnoozed, View::Snoozed),
        (Command::ViewAll, View::All),
        (Command::ViewStats, View::Stats),
    ] {
        cmd(&mut s, c);
        assert_eq!(s.view, v);
    }
}

#[test]
fn reply_prefills_only_the_mention_the_platform_writes_itself() {
    let lex = Lexicon::default();
    let yt = item(1, "youtube", "@joeramos");
    assert_eq!(addressee(&yt, &lex), "@joeramos ");
    let masto = item(1, "Mastodon", "joe@coffee.social");
    assert_eq!(addressee(&masto, &lex), "@joe@coffee.social ");
    // A channel's id is no handle YouTube would put there.
    assert_eq!(
        addressee(&item(1, "youtube", "UCq9w8e7r6t5y4u3i2o1p0as"), &lex),
        ""
    );
    // Nor is an author the file did not name (an account gone, a
    // private Threads profile).
    for platform in ["youtube", "threads", "instagram"] {
        assert_eq!(addressee(&item(1, platform, "(unknown)"), &lex), "");
    }
    // Elsewhere a name ackbox wrote would count as addressing the person.
    for platform in ["wordpress", "reddit", "github", "facebook", "disqus"] {
        assert_eq!(
            addressee(&item(1, platform, "jramos"), &lex),
            "",
            "{platform}"
        );
    }
    // The list is the analysis config's, as the verdict reads it.
    let mut none = lex.clone();
    none.auto_mention.clear();
    assert_eq!(addressee(&yt, &none), "");
    // A template gets the same start, and only that.
    assert_eq!(expand("Thanks!", &yt, &lex), "@joeramos Thanks!");
    assert_eq!(
        expand("Thanks!", &item(1, "github", "jramos"), &lex),
        "Thanks!"
    );
}

#[test]
fn reply_on_a_platform_without_mentions_starts_empty() {
    let mut s = state();
    update(
        &mut s,
        Action::Page {
            load: Load::First,
            rows: vec![item(1, "wordpress", "jramos")],
            limit: CHUNK,
        },
    );
    cmd(&mut s, Command::Reply);
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    assert_eq!(d.text(), "");
    untouched_drafts_go_at_once(&mut s);
    // A template replaces the empty draft, as it replaces a greeting.
    cmd(&mut s, Command::Reply);
    ctrl(&mut s, 't');
    key(&mut s, KeyCode::Enter);
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    assert_eq!(d.text(), "Thanks Joe! Glad you liked Our V60 recipe.");
}

/// In a view that shows answered and dismissed items, a bulk snooze asks
/// to snooze those of the selection that wait, not as many as selected.
#[test]
fn a_bulk_snooze_outside_the_queue_says_it_snoozes_what_waits() {
    let mut s = loaded(3);
    s.view = View::All;
    cmd(&mut s, Command::Select);
    cmd(&mut s, Command::Select);
    cmd(&mut s, Command::Snooze);
    key(&mut s, KeyCode::Enter);
    let Mode::Confirm(c) = &s.mode else {
        panic!("a question")
    };
    assert!(
        c.question
            .starts_with("Of 2 items, snooze those waiting for a reply until"),
        "{}",
        c.question
    );
}

/// With items selected, `m` mutes nothing: it would mute the thread under
/// the cursor, which may not be theirs.
#[test]
fn mute_with_a_selection_says_it_mutes_one_thread() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Select);
    let fx = cmd(&mut s, Command::Mute);
    assert!(fx.is_empty(), "{fx:?}");
    let said = s
        .status
        .as_ref()
        .map(|st| st.text.clone())
        .unwrap_or_default();
    assert!(said.contains("not a selection"), "{said}");
    cmd(&mut s, Command::Back);
    assert!(s.selection.is_empty());
    let fx = cmd(&mut s, Command::Mute);
    assert!(
        fx.iter().any(|e| matches!(e, Effect::CountThread { .. })),
        "{fx:?}"
    );
}

/// An item an undo in another view brings back to the queue takes the
/// queue's cursor when the queue is next shown.
#[test]
fn an_item_undone_elsewhere_takes_its_views_cursor() {
    let mut s = loaded(3);
    let back = s.list.rows[2].clone();
    cmd(&mut s, Command::ViewAll);
    update(
        &mut s,
        Action::Undone {
            message: "Undone: dismissed".into(),
            item: Some(Box::new(back.clone())),
            rids: Vec::new(),
            reply: false,
        },
    );
    let fx = cmd(&mut s, Command::ViewQueue);
    assert_eq!(
        loads(&fx),
        [&Load::Reload {
            from: Some(Sort::BEST.cursor(&back)),
            keep: Some(back.rid),
            index: 0,
        }]
    );
}

/// A reply taken back is not typed again: the next reply to its item
/// starts from it (its draft, read with the item), a reply to another item
/// does not.
#[test]
fn an_undone_reply_is_the_next_draft_for_its_item() {
    let mut s = loaded(3);
    let second = s.list.rows[1].rid;
    s.list.rows[0].draft = Some("@joe thanks Joe, 94°C it is!".into());
    update(
        &mut s,
        Action::Undone {
            message: "Undone: reply to joe".into(),
            item: None,
            rids: Vec::new(),
            reply: true,
        },
    );
    let said = s.status.as_ref().map(Status::full);
    assert_eq!(
        said.as_deref(),
        Some("Undone: reply to joe (r writes it again)")
    );
    let draft = |s: &mut AppState| {
        cmd(s, Command::Reply);
        let Mode::Reply(d) = &s.mode else {
            panic!("editor")
        };
        let text = d.text();
        s.mode = Mode::Normal;
        text
    };
    cmd(&mut s, Command::Down);
    assert_eq!(s.list.current().map(|i| i.rid), Some(second));
    assert_eq!(draft(&mut s), "@joe ", "another item: its own greeting");
    cmd(&mut s, Command::Up);
    assert_eq!(draft(&mut s), "@joe thanks Joe, 94°C it is!");
    assert_eq!(
        draft(&mut s),
        "@joe thanks Joe, 94°C it is!",
        "until a reply is saved"
    );
    // A saved reply (`t`) starts from it too, put in after it.
    cmd(&mut s, Command::Template);
    key(&mut s, KeyCode::Enter);
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    assert_eq!(
        d.text(),
        "@joe thanks Joe, 94°C it is! Thanks Joe! Glad you liked Our V60 recipe."
    );
    s.mode = Mode::Normal;
    // Or discarded: Esc twice forgets it, in the database too.
    cmd(&mut s, Command::Reply);
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    update(&mut s, Action::Key(esc));
    let fx = update(&mut s, Action::Key(esc));
    assert_eq!(fx, vec![Effect::DropDraft(s.list.rows[0].rid)]);
    assert_eq!(draft(&mut s), "@joe ");
}

/// A space typed after the `@handle ` the editor put there (which does not
/// show) is that one space in the reply saved, not two.
#[test]
fn a_space_typed_after_the_handle_put_there_is_one() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    typed(&mut s, "  thanks Joe,  94°C it is!");
    ctrl(&mut s, 's');
    let judged = Judgement {
        verdict: Verdict::Personal,
        reasons: vec!["personal: addresses Joe".into()],
    };
    let fx = update(
        &mut s,
        Action::Judged {
            text: "@joe   thanks Joe,  94°C it is!".into(),
            state: None,
            judgement: judged,
        },
    );
    assert!(
        matches!(&fx[..], [Effect::Reply { body, .. }] if body == "@joe thanks Joe,  94°C it is!"),
        "{fx:?}"
    );
}

#[test]
fn reply_saves_with_ctrl_s_and_offers_to_open_the_link() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    assert_eq!(d.text(), "@joe ");
    typed(&mut s, "thanks Joe, 94°C it is!");
    // Saving first asks for the verdict; a personal reply is then saved.
    let fx = ctrl(&mut s, 's');
    assert_eq!(
        fx,
        vec![Effect::Judge {
            rid: 1,
            text: "@joe thanks Joe, 94°C it is!".into(),
        }]
    );
    let fx = update(
        &mut s,
        Action::Judged {
            text: "@joe thanks Joe, 94°C it is!".into(),
            state: None,
            judgement: Judgement {
                verdict: Verdict::Personal,
                reasons: vec!["personal: addresses Joe".into()],
            },
        },
    );
    assert_eq!(
        fx,
        vec![Effect::Reply {
            rid: 1,
            body: "@joe thanks Joe, 94°C it is!".into(),
            url: Some("https://example.com/c1".into())
        }]
    );
    let fx = update(
        &mut s,
        Action::Replied {
            rid: 1,
            url: Some("https://example.com/c1".into()),
            copied: crate::tui::effects::Copied::Clipboard,
        },
    );
    assert!(matches!(s.mode, Mode::Posted { .. }));
    assert_eq!(loads(&fx).len(), 1, "the list reloads");
    // Another process's action or undo (an `ackbox undo` of the reply)
    // takes the offer back with its hint: the link would post what is
    // undone; an import beside, or a snooze waking here, leaves it.
    let mut woke = s.clone();
    update(
        &mut woke,
        Action::DataChanged {
            undo_moved: false,
            reply_moved: false,
        },
    );
    assert!(matches!(woke.mode, Mode::Posted { .. }));
    let mut undone = s.clone();
    update(
        &mut undone,
        Action::DataChanged {
            undo_moved: true,
            reply_moved: true,
        },
    );
    assert!(matches!(undone.mode, Mode::Normal));
    assert!(undone.status.is_none(), "{:?}", undone.status);
    // An import's rule dismissing items moves what undo takes back, not the
    // user's own: the offer and its hint stay.
    let mut ruled = s.clone();
    update(
        &mut ruled,
        Action::DataChanged {
            undo_moved: true,
            reply_moved: false,
        },
    );
    assert!(matches!(ruled.mode, Mode::Posted { .. }));
    assert!(ruled.status.as_ref().is_some_and(|st| st.hint.is_some()));
    // Without a link there is nothing to offer: the review goes on.
    let mut no_link = s.clone();
    update(
        &mut no_link,
        Action::Replied {
            rid: 1,
            url: None,
            copied: crate::tui::effects::Copied::Clipboard,
        },
    );
    assert!(matches!(no_link.mode, Mode::Normal));
    let same = s.list.rows.clone();
    reloaded(&mut s, &fx, same);
    // The mouse acts on the review beneath, as keys other than `o` do.
    let mut wheel = s.clone();
    let sel = wheel.list.sel;
    update(
        &mut wheel,
        Action::Scroll {
            lines: 1,
            column: 1,
            row: 5,
        },
    );
    assert!(matches!(wheel.mode, Mode::Normal));
    assert!(wheel.status.is_none(), "the note about `o` goes with it");
    assert_eq!(wheel.list.sel, sel + 1);
    // Esc closes the offer: the saved reply is still said, `o` no longer.
    let mut esc = s.clone();
    key(&mut esc, KeyCode::Esc);
    let said = esc.status.as_ref().map(Status::full).unwrap_or_default();
    assert!(
        said.starts_with("Reply saved") && !said.contains("opens the link"),
        "{said}"
    );
    let fx = key(&mut s, KeyCode::Char('o'));
    assert_eq!(fx, vec![Effect::Open("https://example.com/c1".into())]);
    assert!(matches!(s.mode, Mode::Normal));
    assert_eq!(
        s.status.as_ref().map(|s| s.text.as_str()),
        Some("Opening the link in your browser")
    );
}

/// After a reply is saved, its link is offered on `open`'s own key, as the
/// config binds it: the cursor has moved on, and `o` may mean something else.
/// An item answered here with a reply leaves the selection (a bulk
/// action after it would find it changed elsewhere).
#[test]
fn a_reply_takes_its_item_out_of_the_selection() {
    let mut s = loaded(3);
    let (first, second) = (s.list.rows[0].rid, s.list.rows[1].rid);
    cmd(&mut s, Command::Select);
    cmd(&mut s, Command::Select);
    assert!(s.selection.contains(first) && s.selection.contains(second));
    update(
        &mut s,
        Action::Replied {
            rid: first,
            url: None,
            copied: crate::tui::effects::Copied::Clipboard,
        },
    );
    assert!(!s.selection.contains(first));
    assert!(s.selection.contains(second));
}

#[test]
fn the_saved_reply_s_link_opens_on_the_open_key() {
    let mut s = loaded(3);
    rebind(&mut s, &[("open", &["O"]), ("down", &["o"])]);
    let replied = || Action::Replied {
        rid: 1,
        url: Some("https://example.com/c1".into()),
        copied: crate::tui::effects::Copied::Clipboard,
    };
    update(&mut s, replied());
    let said = s.status.as_ref().map(Status::full).unwrap_or_default();
    assert!(said.ends_with(" (O opens the link to post it)"), "{said}");
    let fx = key(&mut s, KeyCode::Char('o'));
    assert!(!fx.iter().any(|e| matches!(e, Effect::Open(_))), "{fx:?}");
    assert!(matches!(s.mode, Mode::Normal));
    update(&mut s, replied());
    let fx = key(&mut s, KeyCode::Char('O'));
    assert_eq!(fx[0], Effect::Open("https://example.com/c1".into()));
    // With `open` unbound nothing is offered.
    rebind(&mut s, &[("open", &[])]);
    update(&mut s, replied());
    assert!(matches!(s.mode, Mode::Normal));
}

/// A copy that only reached the terminal (OSC 52, over ssh or with no
/// clipboard tool) is not called copied: the terminal may not take it.
#[test]
fn a_copy_only_sent_to_the_terminal_says_so() {
    use crate::tui::effects::Copied;
    let mut s = loaded(3);
    for (copied, said) in [
        (Copied::Clipboard, "Reply saved and copied to the clipboard"),
        (
            Copied::Terminal,
            "Reply saved and sent to the terminal (OSC 52)",
        ),
        (Copied::Nowhere, "Reply saved and not copied"),
    ] {
        update(
            &mut s,
            Action::Replied {
                rid: 1,
                url: None,
                copied,
            },
        );
        let status = s.status.as_ref().map(Status::full).unwrap_or_default();
        assert!(status.starts_with(said), "{status}");
    }
    update(
        &mut s,
        Action::Said(format!("The link was {}", Copied::Terminal.said())),
    );
    let status = s.status.as_ref().map(Status::full).unwrap_or_default();
    assert!(status.contains("whose clipboard may take it"), "{status}");
}

/// The draft and the cursor's column (in code points) of the reply editor.
fn draft(s: &AppState) -> (String, usize) {
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    (d.text(), d.editor.cursor().1)
}

/// A line feed typed into the editor (Ctrl-J: some terminals' Shift-Enter,
/// text sent as keys) starts a new line and deletes nothing.
#[test]
fn a_line_feed_in_the_editor_is_a_new_line() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    typed(&mut s, "Hi Sam,");
    ctrl(&mut s, 'j');
    typed(&mut s, "see you Friday.");
    assert_eq!(draft(&s).0, "@joe Hi Sam,\nsee you Friday.");
}

/// Ctrl-W deletes the word before as readline does: to the space before
/// it, its punctuation with it; Ctrl-Y puts it back.
#[test]
fn ctrl_w_deletes_the_word_before_with_its_punctuation() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    typed(&mut s, "we ship  worldwide.  ");
    ctrl(&mut s, 'w');
    assert_eq!(draft(&s).0, "@joe we ship  ");
    ctrl(&mut s, 'y');
    assert_eq!(draft(&s).0, "@joe we ship  worldwide.  ");
    // In the middle of a line, to the cursor only; at a line's start it
    // joins the line to the one above.
    for _ in 0.."worldwide.  ".len() {
        key(&mut s, KeyCode::Left);
    }
    ctrl(&mut s, 'w');
    assert_eq!(draft(&s).0, "@joe we worldwide.  ");
    key(&mut s, KeyCode::End);
    key(&mut s, KeyCode::Enter);
    ctrl(&mut s, 'w');
    assert_eq!(draft(&s).0, "@joe we worldwide.  ");
}

/// Backspace and Ctrl-W delete before the cursor in a line longer than
/// 65,535 characters too (they deleted at that column); Backspace leaves
/// what Ctrl-W took to put back.
#[test]
fn deleting_back_works_far_into_a_long_line() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    let long = "a".repeat(70_000);
    if let Mode::Reply(d) = &mut s.mode {
        d.editor.insert_str(format!("{long} lastword XYZ"));
    }
    // Compared whole, shown by its end.
    let is = |s: &AppState, want: String| {
        let text = draft(s).0;
        let end = |t: &str| t.chars().rev().take(20).collect::<String>();
        assert!(text == want, "…{:?} where …{:?}", end(&text), end(&want));
    };
    key(&mut s, KeyCode::Backspace);
    key(&mut s, KeyCode::Backspace);
    ctrl(&mut s, 'w');
    is(&s, format!("@joe {long} lastword "));
    ctrl(&mut s, 'w');
    key(&mut s, KeyCode::Backspace);
    is(&s, format!("@joe {long}"));
    // (Two Ctrl-W in a row put back together.)
    ctrl(&mut s, 'y');
    is(&s, format!("@joe {long}lastword X"));
}

/// Deletions in a row are put back together, as readline's are: Ctrl-W
/// three times, then Ctrl-Y, gives the three words.
#[test]
fn deletions_in_a_row_are_put_back_together() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    typed(&mut s, "84 on ground. Enjoy it!");
    for _ in 0..3 {
        ctrl(&mut s, 'w');
    }
    assert_eq!(draft(&s).0, "@joe 84 on ");
    ctrl(&mut s, 'y');
    assert_eq!(draft(&s).0, "@joe 84 on ground. Enjoy it!");
    // Another key between: apart.
    ctrl(&mut s, 'w');
    key(&mut s, KeyCode::Left);
    key(&mut s, KeyCode::Right);
    ctrl(&mut s, 'w');
    ctrl(&mut s, 'y');
    assert_eq!(draft(&s).0, "@joe 84 on ground. Enjoy ");
}

#[test]
fn the_editor_moves_and_deletes_whole_characters() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    let family = "👨\u{200d}👩\u{200d}👧";
    typed(&mut s, &format!("émojis {family}[END2]"));
    for _ in 0..6 {
        key(&mut s, KeyCode::Left);
    }
    // Backspace takes the whole family, not its last member.
    key(&mut s, KeyCode::Backspace);
    assert_eq!(draft(&s).0, "@joe émojis [END2]");
    assert_eq!(
        ctrl(&mut s, 's'),
        vec![Effect::Judge {
            rid: 1,
            text: "@joe émojis [END2]".into(),
        }]
    );
    // Left and Right step over it whole; Delete deletes it whole.
    typed(&mut s, family);
    let end = draft(&s).1;
    key(&mut s, KeyCode::Left);
    assert_eq!(draft(&s).1, end - 5);
    key(&mut s, KeyCode::Right);
    assert_eq!(draft(&s).1, end);
    key(&mut s, KeyCode::Left);
    key(&mut s, KeyCode::Delete);
    assert_eq!(draft(&s).0, "@joe émojis [END2]");
    // An accent typed apart (e + U+0301) and a flag (two regional indicators).
    typed(&mut s, "e\u{301}🇵🇹");
    key(&mut s, KeyCode::Backspace);
    assert_eq!(draft(&s).0, "@joe émojis e\u{301}[END2]");
    key(&mut s, KeyCode::Backspace);
    assert_eq!(draft(&s).0, "@joe émojis [END2]");
    // At the start of a line Backspace still joins it to the one above.
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Backspace);
    assert_eq!(draft(&s).0, "@joe émojis [END2]");
    // With a selection, Backspace deletes the selection only.
    let shift_left = KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT);
    update(&mut s, Action::Key(shift_left));
    update(&mut s, Action::Key(shift_left));
    key(&mut s, KeyCode::Backspace);
    assert_eq!(draft(&s).0, "@joe émoji[END2]");
}

#[test]
fn a_reply_that_is_not_personal_is_flagged_before_it_is_saved() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    typed(&mut s, "Thanks!");
    let text = "@joe Thanks!".to_owned();
    assert_eq!(
        ctrl(&mut s, 's'),
        vec![Effect::Judge {
            rid: 1,
            text: text.clone()
        }]
    );
    let generic = Judgement {
        verdict: Verdict::Generic,
        reasons: vec!["generic: the @mention the platform inserts does not count".into()],
    };
    let fx = update(
        &mut s,
        Action::Judged {
            text: text.clone(),
            state: None,
            judgement: generic.clone(),
        },
    );
    assert!(fx.is_empty(), "not saved");
    let Mode::Reply(d) = &s.mode else {
        panic!("still editing")
    };
    assert!(
        d.error
            .as_deref()
            .is_some_and(|e| e.starts_with("ctrl-s again saves it anyway · generic: ")),
        "{:?}",
        d.error
    );
    // Saving the same text again saves it anyway.
    let fx = ctrl(&mut s, 's');
    assert!(matches!(&fx[..], [Effect::Reply { body, .. }] if *body == text));
    // An edit after the warning is judged afresh; a stale verdict is dropped.
    typed(&mut s, " Joe");
    assert!(matches!(&ctrl(&mut s, 's')[..], [Effect::Judge { .. }]));
    let fx = update(
        &mut s,
        Action::Judged {
            text,
            state: None,
            judgement: generic,
        },
    );
    assert!(fx.is_empty());
}

/// A reply saved in another window since this draft began is said before
/// this one is saved (posting both would answer twice), and so is a
/// dismissal or a snooze made there; an item answered already when the
/// draft began is answered again without a word.
#[test]
fn a_reply_to_an_item_answered_meanwhile_is_flagged_before_it_is_saved() {
    let personal = Judgement {
        verdict: Verdict::Personal,
        reasons: vec!["personal: addresses Joe".into()],
    };
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    typed(&mut s, "Joe, the coupon runs to Friday");
    let Effect::Judge { text, .. } = ctrl(&mut s, 's').remove(0) else {
        panic!("judged first")
    };
    let judged = |text: &str, state| Action::Judged {
        text: text.to_owned(),
        judgement: personal.clone(),
        state: Some(state),
    };
    // Dismissed or snoozed meanwhile, too: each is said.
    for (state, said) in [
        (ItemState::Answered, "answered"),
        (ItemState::Dismissed, "dismissed"),
        (ItemState::Snoozed, "snoozed"),
    ] {
        let mut s = loaded(3);
        cmd(&mut s, Command::Reply);
        typed(&mut s, "Joe, the coupon runs to Friday");
        assert!(update(&mut s, judged(&text, state)).is_empty(), "not saved");
        let Mode::Reply(d) = &mut s.mode else {
            panic!("still editing")
        };
        assert_eq!(
            d.error.as_deref(),
            Some(
                format!(
                    "ctrl-s again saves it anyway · {said} since you began (by an import or another window)"
                )
                .as_str()
            )
        );
        assert!(matches!(&ctrl(&mut s, 's')[..], [Effect::Reply { .. }]));
    }
    // Still waiting: saved at once.
    assert!(matches!(
        &update(&mut s, judged(&text, ItemState::NeedsReply))[..],
        [Effect::Reply { .. }]
    ));
    // Answered when the draft began: a second reply meant as one.
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    typed(&mut s, "Joe, the coupon runs to Friday");
    if let Mode::Reply(d) = &mut s.mode {
        d.item.state = ItemState::Answered;
    }
    assert!(matches!(
        &update(&mut s, judged(&text, ItemState::Answered))[..],
        [Effect::Reply { .. }]
    ));
}

/// A draft longer than the platform takes is said so at the first save,
/// then saved as it is at the second (the user may post it in two), still
/// judged as any reply is.
#[test]
fn a_reply_too_long_for_its_platform_is_flagged_before_it_is_saved() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    let platform = match &s.mode {
        Mode::Reply(d) => d.item.platform.clone(),
        _ => panic!("editing"),
    };
    s.reply_limits.insert(platform.clone(), 20);
    typed(&mut s, "Joe, the coupon runs to Friday");
    assert!(ctrl(&mut s, 's').is_empty(), "not saved nor judged");
    let Mode::Reply(d) = &s.mode else {
        panic!("still editing")
    };
    let error = d.error.clone().unwrap_or_default();
    assert!(
        error.starts_with("ctrl-s again saves it anyway · ")
            && error.ends_with(&format!("over what {platform} takes")),
        "{error}"
    );
    assert!(matches!(&ctrl(&mut s, 's')[..], [Effect::Judge { .. }]));
    // Longer still: said again.
    typed(&mut s, "!");
    assert!(ctrl(&mut s, 's').is_empty());
    // Blank lines at its end are not posted: not counted.
    let Mode::Reply(d) = &s.mode else {
        panic!("still editing")
    };
    let n = d.text().trim().chars().count();
    s.reply_limits.insert(platform.clone(), n);
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Enter);
    assert!(matches!(&ctrl(&mut s, 's')[..], [Effect::Judge { .. }]));
    // Within the limit (none: `[reply_limits]` lifts it), judged at once.
    s.reply_limits.insert(platform, 0);
    assert!(matches!(&ctrl(&mut s, 's')[..], [Effect::Judge { .. }]));
}

/// A reply longer than ackbox keeps (4 MiB, a comment's longest) is
/// refused at every save, not first offered as one to save anyway (HK).
#[test]
fn a_reply_longer_than_ackbox_keeps_is_never_offered_to_save() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    let long = format!("Joe, thanks! {}", "x".repeat(4 << 20));
    update(&mut s, Action::Edited(Ok(long)));
    for _ in 0..2 {
        assert!(ctrl(&mut s, 's').is_empty(), "not saved nor judged");
        let Mode::Reply(d) = &s.mode else {
            panic!("still editing")
        };
        let error = d.error.clone().unwrap_or_default();
        assert!(error.contains("a reply is kept up to 4 MiB"), "{error}");
    }
}

#[test]
fn esc_or_an_empty_draft_cancels_without_a_trace() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    typed(&mut s, "half a thought");
    // A written draft asks first; any other key goes on writing.
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    let Mode::Reply(d) = &s.mode else {
        panic!("still editing")
    };
    assert!(
        d.error
            .as_deref()
            .is_some_and(|e| e.starts_with("Esc (or ctrl-c) again"))
    );
    typed(&mut s, "!");
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    let Mode::Reply(d) = &s.mode else {
        panic!("still editing")
    };
    assert_eq!(d.text(), "@joe half a thought!");
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    assert!(matches!(s.mode, Mode::Normal));
    // Ctrl-C is Esc here, as in a shell's line editor: it asks first too.
    cmd(&mut s, Command::Reply);
    typed(&mut s, "more");
    assert!(ctrl(&mut s, 'c').is_empty());
    assert!(matches!(s.mode, Mode::Reply(_)));
    assert!(ctrl(&mut s, 'c').is_empty());
    assert!(matches!(s.mode, Mode::Normal));
    // The greeting alone goes at once.
    cmd(&mut s, Command::Reply);
    untouched_drafts_go_at_once(&mut s);
    cmd(&mut s, Command::Reply);
    for _ in 0..6 {
        key(&mut s, KeyCode::Backspace);
    }
    assert!(ctrl(&mut s, 's').is_empty());
    assert!(matches!(s.mode, Mode::Normal));
}

#[test]
fn a_template_with_escape_sequences_is_shown_saved_and_copied_clean() {
    let mut s = loaded(3);
    s.templates[0].body =
        "Hi \x1b]8;;http://evil\x07x\x1b]8;;\x07 {first_name} \x1b[2J\u{9d}52;c;QQ==\u{9c} end"
            .into();
    cmd(&mut s, Command::Template);
    key(&mut s, KeyCode::Enter);
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    let shown = d.text();
    assert!(crate::text::is_clean(&shown), "{shown:?}");
    assert!(shown.starts_with("@joe Hi x Joe "), "{shown:?}");
    let Effect::Reply { body, .. } = super::save(d, &s.lexicon) else {
        panic!("a reply")
    };
    assert_eq!(body, shown.trim());
}

/// A saved reply chosen for an item that left the view meanwhile says
/// why nothing opens.
#[test]
fn a_template_for_an_item_gone_meanwhile_says_so() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Template);
    s.list.rows.remove(0);
    key(&mut s, KeyCode::Enter);
    assert!(matches!(s.mode, Mode::Normal));
    let said = s.status.as_ref().map(Status::full).unwrap_or_default();
    assert!(said.contains("left this view meanwhile"), "{said}");
}

#[test]
fn templates_fill_placeholders_and_an_unfilled_one_blocks_saving() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Template);
    key(&mut s, KeyCode::Enter);
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    assert_eq!(d.text(), "@joe Thanks Joe! Glad you liked Our V60 recipe.");
    // From inside the editor, a written draft keeps what is written: the
    // template goes in at the cursor.
    key(&mut s, KeyCode::Char(' '));
    ctrl(&mut s, 't');
    key(&mut s, KeyCode::Char('1'));
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    assert_eq!(
        d.text(),
        "@joe Thanks Joe! Glad you liked Our V60 recipe. Thanks Joe! Glad you liked Our V60 recipe."
    );
    // Right after a word, a space keeps them apart; at a line's start, none.
    ctrl(&mut s, 't');
    key(&mut s, KeyCode::Char('1'));
    key(&mut s, KeyCode::Enter);
    ctrl(&mut s, 't');
    key(&mut s, KeyCode::Char('1'));
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    let thanks = "Thanks Joe! Glad you liked Our V60 recipe.";
    assert_eq!(
        d.text(),
        format!("@joe {thanks} {thanks} {thanks}\n{thanks}")
    );
    // Ctrl-C closes the editor's picker as Esc does, the draft kept.
    ctrl(&mut s, 't');
    ctrl(&mut s, 'c');
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    assert!(d.picking.is_none());
    assert_eq!(
        d.text(),
        format!("@joe {thanks} {thanks} {thanks}\n{thanks}")
    );
    // A draft that is only the greeting is replaced: ctrl-t, pick the
    // template with a placeholder the item cannot fill.
    s.mode = Mode::Normal;
    cmd(&mut s, Command::Reply);
    ctrl(&mut s, 't');
    key(&mut s, KeyCode::Char('2'));
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    assert_eq!(d.text(), "@joe Hi {nickname}");
    assert!(ctrl(&mut s, 's').is_empty());
    let Mode::Reply(d) = &s.mode else {
        panic!("still editing")
    };
    assert_eq!(d.error.as_deref(), Some("Fill in {nickname} before saving"));
    // Filled in, it saves; braces the user types are theirs to send.
    let Mode::Reply(d) = &mut s.mode else {
        panic!("still editing")
    };
    d.editor =
        crate::tui::state::editor_with("@joe Hi Joe, the setting is url = \"https://x/{id}\"");
    let fx = ctrl(&mut s, 's');
    assert!(matches!(fx.as_slice(), [Effect::Judge { .. }]), "{fx:?}");
    // A typed reply with braces, no template: saved as written.
    s.mode = Mode::Normal;
    cmd(&mut s, Command::Reply);
    for c in "Joe, write {date} in the path".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    let fx = ctrl(&mut s, 's');
    assert!(matches!(fx.as_slice(), [Effect::Judge { .. }]), "{fx:?}");
    // No templates configured: said so.
    s.mode = Mode::Normal;
    s.templates.clear();
    cmd(&mut s, Command::Template);
    assert!(matches!(s.mode, Mode::Normal));
    assert!(s.status.as_ref().is_some_and(|st| st.error));
}

/// `Ctrl-U` takes back a run of typing at once, a word with the space
/// before it (a sentence took a key a character), and `Ctrl-R` does it again.
#[test]
fn typing_is_undone_a_word_at_a_time() {
    let draft = |s: &AppState| draft(s).0;
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    typed(&mut s, "Hi Joe, the grinder");
    key(&mut s, KeyCode::Enter);
    typed(&mut s, "works");
    ctrl(&mut s, 'w');
    typed(&mut s, "is fine");
    assert_eq!(draft(&s), "@joe Hi Joe, the grinder\nis fine");
    let undone: Vec<String> = (0..7)
        .map(|_| {
            ctrl(&mut s, 'u');
            draft(&s)
        })
        .collect();
    assert_eq!(
        undone,
        [
            "@joe Hi Joe, the grinder\nis",
            "@joe Hi Joe, the grinder\n",
            "@joe Hi Joe, the grinder\nworks",
            "@joe Hi Joe, the grinder\n",
            "@joe Hi Joe, the grinder",
            "@joe Hi Joe, the",
            "@joe Hi Joe,",
        ]
    );
    for _ in 0..3 {
        ctrl(&mut s, 'u');
    }
    assert_eq!(draft(&s), "@joe ");
    ctrl(&mut s, 'r');
    assert_eq!(draft(&s), "@joe Hi");
    ctrl(&mut s, 'r');
    assert_eq!(draft(&s), "@joe Hi Joe,");
    // Typed in the middle, then the cursor moved away: its own step.
    key(&mut s, KeyCode::Home);
    typed(&mut s, "X");
    key(&mut s, KeyCode::End);
    ctrl(&mut s, 'u');
    assert_eq!(draft(&s), "@joe Hi Joe,");
}

/// `Ctrl-U` takes back every edit of a draft, however many, and a saved
/// reply or the external editor's text put in the draft's place.
#[test]
fn every_edit_of_a_draft_is_undone() {
    let draft = |s: &AppState| draft(s).0;
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    assert_eq!(draft(&s), "@joe ");
    ctrl(&mut s, 't');
    key(&mut s, KeyCode::Char('1'));
    assert_eq!(draft(&s), "@joe Thanks Joe! Glad you liked Our V60 recipe.");
    // One edit: the saved reply goes on from the greeting.
    ctrl(&mut s, 'u');
    assert_eq!(draft(&s), "@joe ");
    ctrl(&mut s, 'r');
    assert_eq!(draft(&s), "@joe Thanks Joe! Glad you liked Our V60 recipe.");
    ctrl(&mut s, 'u');
    // Put in after a word, with the space before it: one edit too.
    typed(&mut s, "Hi");
    ctrl(&mut s, 't');
    key(&mut s, KeyCode::Char('1'));
    assert_eq!(
        draft(&s),
        "@joe Hi Thanks Joe! Glad you liked Our V60 recipe."
    );
    ctrl(&mut s, 'u');
    assert_eq!(draft(&s), "@joe Hi");
    ctrl(&mut s, 'u');
    ctrl(&mut s, 'u');
    assert_eq!(draft(&s), "@joe ");
    typed(&mut s, &"x".repeat(120));
    for _ in 0..120 {
        ctrl(&mut s, 'u');
    }
    assert_eq!(draft(&s), "@joe ");
    update(&mut s, Action::Edited(Ok("@joe written in vim".into())));
    assert_eq!(draft(&s), "@joe written in vim");
    ctrl(&mut s, 'u');
    assert_eq!(draft(&s), "@joe ");
    // A text that does not go on from the draft: two edits.
    update(&mut s, Action::Edited(Ok("Joe, written in vim".into())));
    assert_eq!(draft(&s), "Joe, written in vim");
    ctrl(&mut s, 'u');
    ctrl(&mut s, 'u');
    assert_eq!(draft(&s), "@joe ");
}

/// `{name}` is the display name without the emoji that decorate it; one
/// of emoji alone is no name (the handle then).
#[test]
fn a_templates_name_leaves_the_emoji_out() {
    let s = loaded(1);
    let mut item = s.list.rows[0].clone();
    item.platform = "wordpress".into();
    item.author = "priya".into();
    for (shown, called) in [
        ("Priya Raman 👩‍💻", "Priya Raman"),
        ("👩‍👩‍👧 Família Café 🇵🇹", "Família Café"),
        ("Priya🌸 O’Brien-Raman", "Priya O’Brien-Raman"),
        ("✨✨", "priya"),
        ("(she/her)", "priya"),
        ("she/her", "priya"),
        ("they/them ✨", "priya"),
        ("(she/her) Priya Raman", "Priya Raman"),
        ("[ES] María García", "María García"),
        // Marks on letters are the name's.
        ("J\u{332}o\u{332}e\u{332} ✨", "J\u{332}o\u{332}e\u{332}"),
        // The name, not its pronouns or tagline (nor the name run into it).
        ("Kim Park | Latte art", "Kim Park"),
        ("Jo Doe - Barista at Home", "Jo Doe"),
        ("Sam Lee (they/them)", "Sam Lee"),
        ("Jane Goodall, PhD", "Jane Goodall"),
        (
            "Prof. Dr. Sarah-Jane O'Brien | Coffee nerd (she/her)",
            "Prof. Dr. Sarah-Jane O'Brien",
        ),
    ] {
        item.author_name = Some(shown.into());
        assert_eq!(
            fill("Thanks, {name}!", &item, &s.lexicon),
            format!("Thanks, {called}!")
        );
    }
}

#[test]
fn a_templates_first_name_skips_a_title() {
    let s = loaded(1);
    let mut item = s.list.rows[0].clone();
    item.author_name = Some("Dr. Sarah Cole".into());
    assert_eq!(first_name(&item, &s.lexicon).as_deref(), Some("Sarah"));
    item.author_name = Some("Frau Anna Müller".into());
    assert_eq!(first_name(&item, &s.lexicon).as_deref(), Some("Anna"));
    // A degree's part is one after a title only: "Nat" is a first name.
    item.author_name = Some("Dr. rer. nat. Anna Berg".into());
    assert_eq!(first_name(&item, &s.lexicon).as_deref(), Some("Anna"));
    item.author_name = Some("Nat Friedman".into());
    assert_eq!(first_name(&item, &s.lexicon).as_deref(), Some("Nat"));
    item.author_name = Some("Ann".into());
    assert_eq!(first_name(&item, &s.lexicon).as_deref(), Some("Ann"));
    // A title and a surname alone: called by both, not by the surname.
    for name in [
        "Dr. Patel",
        "Frau Müller",
        "Herr Dr. Schmidt",
        "Ms Lee (she/her)",
    ] {
        item.author_name = Some(name.into());
        let called = name.trim_end_matches(" (she/her)");
        assert_eq!(first_name(&item, &s.lexicon).as_deref(), Some(called));
    }
    // No name: the handle as one calls the person by it.
    item.author_name = None;
    for (platform, handle, called) in [
        ("bluesky", "eve.bsky.social", "eve"),
        ("mastodon", "carlos@mastodon.social", "carlos"),
        ("youtube", "@ann_b", "ann_b"),
        ("reddit", "u/kim_lee", "kim_lee"),
        ("bluesky", "alex.example.com", "alex.example.com"),
    ] {
        item.platform = platform.into();
        item.author = handle.into();
        assert_eq!(
            first_name(&item, &s.lexicon).as_deref(),
            Some(called),
            "{handle}"
        );
    }
    // A Bluesky DID (a handle.invalid's) is no name: left to the user.
    item.platform = "bluesky".into();
    for did in ["did:plc:abc123xyz", "did:web:example.com"] {
        item.author = did.into();
        assert_eq!(first_name(&item, &s.lexicon), None);
        assert_eq!(fill("Hi {name}", &item, &s.lexicon), "Hi {name}");
    }
}

/// A guest who left no name goes by their e-mail address: a reply never
/// gives it away, the name is left for the user to write.
#[test]
fn a_template_never_fills_in_an_email_address() {
    let s = loaded(1);
    let mut item = s.list.rows[0].clone();
    item.thread_title = None;
    item.author_name = None;
    item.author = "ann@example.com (guest)".into();
    let lexicon = &s.lexicon;
    assert_eq!(
        fill("Hi {first_name}, {name}!", &item, lexicon),
        "Hi {first_name}, {name}!"
    );
    item.author = "ann_b".into();
    assert_eq!(
        fill("Hi {first_name}, {name}!", &item, lexicon),
        "Hi ann_b, ann_b!"
    );
    // A name that gives no first name (emoji are no name) leaves none to
    // take from the address.
    item.author = "ann.bauer1987@example.com".into();
    item.author_name = Some("🌸".into());
    assert_eq!(
        fill("Hi {first_name}, {name}!", &item, lexicon),
        "Hi {first_name}, {name}!"
    );
    // Nor an address typed as the name.
    item.author_name = Some("ann.bauer1987@example.com".into());
    assert_eq!(
        fill("Hi {first_name}, {name}!", &item, lexicon),
        "Hi {first_name}, {name}!"
    );
    // A Mastodon handle is written like an address and is none.
    item.platform = "mastodon".into();
    item.author = "carlos@mastodon.social".into();
    item.author_name = None;
    assert_eq!(
        fill("Hi {first_name}, {name}!", &item, lexicon),
        "Hi carlos, carlos@mastodon.social!"
    );
    // Nor an account's number (Facebook's), an author withheld or a guest
    // who left no name.
    item.platform = "facebook".into();
    for author in [
        "100012345678",
        "(unknown)",
        "Anonymous",
        "Anonymous (guest)",
    ] {
        item.author = author.into();
        assert_eq!(
            fill("Hi {first_name}, {name}!", &item, lexicon),
            "Hi {first_name}, {name}!",
            "{author}"
        );
        // Nor is the name "Anonymous" they go by.
        item.author_name = Some("Anonymous".into());
        assert_eq!(fill("Hi {first_name}!", &item, lexicon), "Hi {first_name}!");
        item.author_name = None;
    }
    // Nor a YouTube channel's id (a channel that shows no handle); a
    // handle of that length is a name.
    item.platform = "youtube".into();
    item.author_name = None;
    item.author = "UCq9w8e7r6t5y4u3i2o1p0as".into();
    assert_eq!(
        fill("Hi {first_name}, {name}!", &item, lexicon),
        "Hi {first_name}, {name}!"
    );
    item.author = "@UCq9w8e7r6t5y4u3i2o1p0as".into();
    assert_eq!(
        fill("Hi {first_name}!", &item, lexicon),
        "Hi UCq9w8e7r6t5y4u3i2o1p0as!"
    );
    item.platform = "facebook".into();
    item.author = "100012345678".into();
    item.author_name = Some("Marta Silva".into());
    assert_eq!(
        fill("Hi {first_name}, {name}!", &item, lexicon),
        "Hi Marta, Marta Silva!"
    );
}

/// A template is filled in one pass: the braces of a value (a title, a
/// name) are text, never blanks nor filled again.
#[test]
fn a_template_is_filled_in_one_pass() {
    let lexicon = &Lexicon::default();
    let mut item = item(1, "github", "ann");
    item.author_name = Some("{thread_title} Smith".into());
    item.thread_title = Some("Use {id} and {name} in URLs".into());
    let (text, left) = filled(
        "{name}: {thread_title} {nickname} {a} and {b}, {a}; {\"x\": 1}",
        &item,
        lexicon,
    );
    assert_eq!(
        text,
        "{thread_title} Smith: Use {id} and {name} in URLs {nickname} {a} and {b}, {a}; {\"x\": 1}"
    );
    assert_eq!(left, ["{nickname}", "{a}", "{b}", "{a}"]);
}

/// A title that ends its sentence ends the template's: no doubled period.
#[test]
fn a_title_ending_a_sentence_takes_the_templates_period() {
    let lexicon = &Lexicon::default();
    let mut item = item(1, "instagram", "lea.dbs");
    for (title, want) in [
        (
            "Our winter blend.",
            "Glad you liked Our winter blend. See you!",
        ),
        (
            "Roasted for the dark…",
            "Glad you liked Roasted for the dark… See you!",
        ),
        ("Winter blend", "Glad you liked Winter blend. See you!"),
        ("Hello 世界。", "Glad you liked Hello 世界。 See you!"),
        (
            "Is it \"great!\"",
            "Glad you liked Is it \"great!\" See you!",
        ),
        (
            "Ends with (note.)",
            "Glad you liked Ends with (note.) See you!",
        ),
    ] {
        item.thread_title = Some(title.into());
        let (text, _) = filled("Glad you liked {thread_title}. See you!", &item, lexicon);
        assert_eq!(text, want);
    }
}

/// A reply keeps its first line's indentation (a Markdown code block),
/// not the blank lines around it.
#[test]
fn a_reply_keeps_its_first_lines_indentation() {
    let mut s = loaded(1);
    s.list.rows[0].platform = "github".into();
    cmd(&mut s, Command::Reply);
    let Mode::Reply(d) = &mut s.mode else {
        panic!("editor")
    };
    d.editor = crate::tui::state::editor_with("\n    let x = 1;\n\nJoe, fixed \n");
    let fx = ctrl(&mut s, 's');
    let [Effect::Judge { text, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    let fx = update(
        &mut s,
        Action::Judged {
            text: text.clone(),
            state: None,
            judgement: Judgement {
                verdict: Verdict::Personal,
                reasons: vec!["personal: addresses Joe".into()],
            },
        },
    );
    assert!(
        matches!(&fx[..], [Effect::Reply { body, .. }] if body == "    let x = 1;\n\nJoe, fixed"),
        "{fx:?}"
    );
}

/// A saved reply's placeholder the item cannot fill, in a kept draft (the
/// review closed before it was filled in), is said before saving, once (it
/// may have been typed); braces the user typed otherwise are not.
#[test]
fn a_kept_drafts_placeholder_still_waits() {
    let mut s = loaded(1);
    s.list.rows[0].author = "100091234567890".into();
    s.list.rows[0].author_name = None;
    s.list.rows[0].draft = Some("We ship to {first_name} soon".into());
    cmd(&mut s, Command::Reply);
    ctrl(&mut s, 's');
    let Mode::Reply(d) = &s.mode else {
        panic!("still editing")
    };
    assert_eq!(
        d.error.as_deref(),
        Some("Fill in {first_name} before saving (ctrl-s again saves it as it is)")
    );
    // Typed by hand, it may be meant: said once.
    assert!(matches!(&ctrl(&mut s, 's')[..], [Effect::Judge { .. }]));
    s.mode = Mode::Normal;
    s.list.rows[0].draft = Some("We ship it, see https://x/{id}".into());
    cmd(&mut s, Command::Reply);
    ctrl(&mut s, 's');
    let Mode::Reply(d) = &s.mode else {
        panic!("still editing")
    };
    assert_eq!(d.error, None);
}

#[test]
fn unfilled_finds_placeholders_only() {
    assert_eq!(unfilled("Hi {name}!"), Some("{name}"));
    assert_eq!(unfilled("a {} b {thread_title}"), Some("{thread_title}"));
    assert_eq!(unfilled("json {\"a\": 1}"), None);
    assert_eq!(unfilled("no braces"), None);
}

#[test]
fn ctrl_e_hands_the_draft_to_the_editor_and_takes_it_back() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Reply);
    let fx = ctrl(&mut s, 'e');
    assert_eq!(fx, vec![Effect::Edit("@joe ".into())]);
    update(
        &mut s,
        Action::Edited(Ok("@joe written in vim\nsecond line".into())),
    );
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    assert_eq!(d.text(), "@joe written in vim\nsecond line");
    update(&mut s, Action::Edited(Err("vim exited with 1".into())));
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    assert_eq!(d.text(), "@joe written in vim\nsecond line");
    assert!(d.error.is_some());
    // A file left empty keeps the draft, and says so.
    update(&mut s, Action::Edited(Ok(" \n".into())));
    let Mode::Reply(d) = &s.mode else {
        panic!("editor")
    };
    assert_eq!(d.text(), "@joe written in vim\nsecond line");
    assert!(
        d.error
            .as_deref()
            .is_some_and(|e| e.contains("left the file empty"))
    );
}

/// A filter changed under a selection clears it, and says so: the next
/// action takes the cursor's item alone.
#[test]
fn a_selection_cleared_by_a_filter_is_said() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Select);
    assert!(!s.selection.is_empty());
    let mut fx = Vec::new();
    refilter(&mut s, &mut fx);
    assert!(s.selection.is_empty());
    let said = s.status.as_ref().map(|st| st.text.as_str());
    assert_eq!(said, Some("Selection cleared: the filter changed"));
    // The view's own key reloads it and keeps the selection; another view clears it.
    cmd(&mut s, Command::Select);
    let chosen = s.selection.clone();
    cmd(&mut s, Command::ViewQueue);
    assert_eq!(s.selection, chosen);
    assert!(!s.selection.is_empty());
    cmd(&mut s, Command::NextView);
    assert!(s.selection.is_empty());
    let said = s.status.as_ref().map(|st| st.text.as_str());
    assert_eq!(said, Some("Selection cleared: the view changed"));
}

#[test]
fn open_and_copy() {
    let mut s = loaded(3);
    assert_eq!(
        cmd(&mut s, Command::Open),
        vec![Effect::Open("https://example.com/c1".into())]
    );
    assert_eq!(
        cmd(&mut s, Command::Copy),
        vec![Effect::Copy {
            text: "comment 1".into(),
            what: "comment"
        }]
    );
    assert_eq!(
        cmd(&mut s, Command::CopyLink),
        vec![Effect::Copy {
            text: "https://example.com/c1".into(),
            what: "link"
        }]
    );
    s.list.rows[0].url = None;
    s.list.rows[0].thread_url = None;
    assert!(cmd(&mut s, Command::Open).is_empty());
    assert!(s.status.as_ref().is_some_and(|st| st.error));
    // A comment with no text leaves the clipboard as it is.
    s.list.rows[0].body = " ".into();
    assert!(cmd(&mut s, Command::Copy).is_empty());
    assert!(s.status.as_ref().is_some_and(|st| st.error));
}

#[test]
fn help_opens_and_any_key_closes() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Help);
    assert!(matches!(s.mode, Mode::Help { scroll: 0 }));
    key(&mut s, KeyCode::Char('j'));
    assert!(matches!(s.mode, Mode::Help { scroll: 1 }));
    key(&mut s, KeyCode::Char('q'));
    assert!(matches!(s.mode, Mode::Normal));
    assert!(!s.quit, "q closes the help, it does not quit");
    cmd(&mut s, Command::Quit);
    assert!(s.quit);
    // The keys `[keys]` moves with scroll it too.
    let mut s = loaded(3);
    rebind(&mut s, &[("down", &["J", "down"]), ("up", &["K", "up"])]);
    cmd(&mut s, Command::Help);
    key(&mut s, KeyCode::Char('J'));
    assert!(matches!(s.mode, Mode::Help { scroll: 1 }));
    key(&mut s, KeyCode::Char('K'));
    assert!(matches!(s.mode, Mode::Help { scroll: 0 }));
    // The keys to the ends go to its ends, as in the list.
    let end = crate::tui::view::help::max_scroll(&s);
    assert!(end > 1, "the help is longer than the screen");
    key(&mut s, KeyCode::Char('G'));
    assert!(matches!(s.mode, Mode::Help { scroll } if scroll == end));
    key(&mut s, KeyCode::Char('g'));
    assert!(matches!(s.mode, Mode::Help { scroll: 0 }));
    key(&mut s, KeyCode::End);
    assert!(matches!(s.mode, Mode::Help { scroll } if scroll == end));
    key(&mut s, KeyCode::Home);
    assert!(matches!(s.mode, Mode::Help { scroll: 0 }));
}

#[test]
fn mouse_wheel_scrolls_and_a_click_selects() {
    let mut s = loaded(10);
    let wheel = |lines, column, row| Action::Scroll { lines, column, row };
    update(&mut s, wheel(3, 5, 5));
    assert_eq!(s.list.sel, 3);
    update(&mut s, wheel(-3, 5, 5));
    assert_eq!(s.list.sel, 0);
    // Rows start below the header (2 lines) and the list's top border.
    update(&mut s, Action::Click { column: 5, row: 5 });
    assert_eq!(s.list.sel, 2);
    // A click on a tab switches the view (after the name " ackbox " and a space).
    let h = layout::header_layout(&s);
    assert_eq!(h.brand, " ackbox ");
    let x = h
        .tabs
        .iter()
        .take(4)
        .map(|(_, l)| crate::text::width(l))
        .sum::<usize>()
        + 10;
    assert_eq!(layout::tab_at(&s, 8), None);
    assert_eq!(layout::tab_at(&s, 9), Some(View::Queue));
    update(
        &mut s,
        Action::Click {
            column: x as u16,
            row: 0,
        },
    );
    assert_eq!(s.view, View::All);
}

#[test]
fn the_header_keeps_its_name_and_every_tab_while_they_fit() {
    let mut s = loaded(3);
    // The demo's counts at 80 columns: padded tabs take 72, the bare name fits.
    s.counts = Some([137, 99, 0, 0]);
    let drawn = |s: &AppState| {
        let h = layout::header_layout(s);
        let tabs: String = h.tabs.iter().map(|(_, t)| t.as_str()).collect();
        format!("{} {tabs}", h.brand)
    };
    assert_eq!(
        drawn(&s),
        "ackbox [1 Queue 137] 2 Answered 99  3 Dismissed 0  4 Snoozed 0  5 All  6 Stats "
    );
    // Larger counts: the tabs close up before the name goes.
    s.counts = Some([1_370, 990, 12, 3]);
    assert_eq!(
        drawn(&s),
        "ackbox [1 Queue 1370] 2 Answered 990 3 Dismissed 12 4 Snoozed 3 5 All 6 Stats"
    );
    // Clicks follow what is drawn.
    let x = drawn(&s).find("4 Snoozed").expect("tab");
    assert_eq!(layout::tab_at(&s, x as u16), Some(View::Snoozed));
    assert_eq!(layout::tab_at(&s, x as u16 - 1), Some(View::Snoozed));
    assert_eq!(layout::tab_at(&s, x as u16 - 2), Some(View::Dismissed));
    // Too narrow for both: the tabs stay.
    update(&mut s, Action::Resize(74, 24));
    assert_eq!(layout::header_layout(&s).brand, "");
    // Narrower still: the other tabs by their number, the active one whole.
    update(&mut s, Action::Resize(60, 24));
    assert_eq!(drawn(&s), " [1 Queue 1370] 2 3 4 5 6");
    s.view = View::Stats;
    assert_eq!(drawn(&s), " 1 2 3 4 5 [6 Stats]");
    assert_eq!(layout::tab_at(&s, 3), Some(View::Answered));
    update(&mut s, Action::Resize(160, 24));
    assert_eq!(layout::header_layout(&s).brand, " ackbox ");
}

#[test]
fn resize_re_lays_out_and_keeps_the_cursor_visible() {
    let mut s = loaded(50);
    for _ in 0..8 {
        cmd(&mut s, Command::Down);
    }
    update(&mut s, Action::Resize(80, 12));
    let h = list_height(&s);
    assert!(s.list.sel < s.list.offset + h);
    update(&mut s, Action::Resize(160, 48));
    assert_eq!(s.size, (160, 48));
}

#[test]
fn below_the_minimum_size_only_quitting_works() {
    let mut s = loaded(3);
    update(&mut s, Action::Resize(20, 5));
    for c in [
        Command::Answered,
        Command::Reply,
        Command::Dismiss,
        Command::Mute,
        Command::Down,
        Command::SelectAll,
        Command::Undo,
        Command::Help,
    ] {
        assert!(cmd(&mut s, c).is_empty(), "{c:?}");
        assert!(matches!(s.mode, Mode::Normal), "{c:?}");
    }
    assert_eq!(s.list.sel, 0);
    assert!(s.selection.is_empty());
    update(
        &mut s,
        Action::Scroll {
            lines: 3,
            column: 3,
            row: 3,
        },
    );
    update(&mut s, Action::Click { column: 3, row: 3 });
    assert_eq!(s.list.sel, 0);
    // A question asked before the terminal shrank waits: y does not answer it.
    update(&mut s, Action::Resize(80, 24));
    cmd(&mut s, Command::Answered);
    cmd(&mut s, Command::Select);
    cmd(&mut s, Command::Answered);
    assert!(matches!(s.mode, Mode::Confirm(_)));
    update(&mut s, Action::Resize(39, 24));
    assert!(key(&mut s, KeyCode::Char('y')).is_empty());
    assert!(matches!(s.mode, Mode::Confirm(_)));
    assert!(!s.quit);
    // Back to a usable size, everything is as it was.
    update(&mut s, Action::Resize(40, 12));
    assert!(matches!(s.mode, Mode::Confirm(_)));
    key(&mut s, KeyCode::Esc);
    cmd(&mut s, Command::Back);
    assert_eq!(cmd(&mut s, Command::Answered).len(), 1);
    // q and ctrl-c quit, but not from a mode that reads text: the draft waits.
    cmd(&mut s, Command::Reply);
    update(&mut s, Action::Resize(40, 11));
    key(&mut s, KeyCode::Char('q'));
    ctrl(&mut s, 'c');
    assert!(!s.quit);
    assert!(matches!(s.mode, Mode::Reply(_)));
    s.mode = Mode::Help { scroll: 0 };
    key(&mut s, KeyCode::Char('q'));
    assert!(s.quit);
    s.quit = false;
    s.mode = Mode::Normal;
    cmd(&mut s, Command::Quit);
    assert!(s.quit);
}

/// Left open, the Stats view is worked out again as the clock moves on (a
/// backlog ages, a day ends), once a minute, not at every tick.
#[test]
fn the_stats_view_follows_the_clock() {
    let mut s = loaded(3);
    cmd(&mut s, Command::ViewStats);
    let start = now() - chrono::Duration::seconds(now().timestamp().rem_euclid(60));
    s.now = start;
    let at = |secs| start + chrono::Duration::seconds(secs);
    let stats = |fx: Vec<Effect>| fx.iter().any(|e| matches!(e, Effect::LoadStats(_)));
    assert!(!stats(update(&mut s, Action::Tick(at(2)))));
    assert!(!stats(update(&mut s, Action::Tick(at(59)))));
    assert!(stats(update(&mut s, Action::Tick(at(61)))));
    assert!(!stats(update(&mut s, Action::Tick(at(63)))));
    cmd(&mut s, Command::ViewQueue);
    assert!(
        !stats(update(&mut s, Action::Tick(at(200)))),
        "only where it shows"
    );
}

#[test]
fn ticks_poll_and_data_changes_reload() {
    let mut s = loaded(3);
    let later = now() + chrono::Duration::seconds(1);
    assert_eq!(update(&mut s, Action::Tick(later)), vec![Effect::Poll]);
    assert_eq!(s.now, later);
    let next_day = now() + chrono::Duration::days(1);
    let fx = update(&mut s, Action::Tick(next_day));
    assert!(fx.contains(&Effect::LoadToday));
    let fx = update(
        &mut s,
        Action::DataChanged {
            undo_moved: true,
            reply_moved: true,
        },
    );
    assert_eq!(loads(&fx).len(), 1);
    assert!(fx.contains(&Effect::CheckEmpty));
    update(
        &mut s,
        Action::Today(Today {
            answered: 1,
            dismissed: 2,
            needs_reply: 3,
        }),
    );
    assert_eq!(s.today.map(|t| t.dismissed), Some(2));
    update(&mut s, Action::Counts([3, 1, 2, 0]));
    assert_eq!(s.counts, Some([3, 1, 2, 0]));
}

#[test]
fn the_welcome_screen_ignores_item_keys_until_data_arrives() {
    let mut s = state();
    s.empty = true;
    assert!(cmd(&mut s, Command::Answered).is_empty());
    cmd(&mut s, Command::Help);
    assert!(matches!(s.mode, Mode::Help { .. }));
    key(&mut s, KeyCode::Esc);
    let fx = update(&mut s, Action::Empty(false));
    assert!(!s.empty);
    assert_eq!(loads(&fx), vec![&Load::First]);
}

fn figures(vip: bool, note: Option<&str>) -> PersonFigures {
    PersonFigures {
        row: crate::store::people::PersonRow {
            platform: "youtube".into(),
            author: "@ann".into(),
            author_name: Some("Ann Lee".into()),
            items: 3,
            answered: 1,
            dismissed: 0,
            needs_reply: 2,
            first_seen: now() - chrono::Duration::days(30),
            last_seen: now() - chrono::Duration::days(1),
            weeks: 4,
            noise: 0,
            median_reply_secs: Some(3600),
            vip,
            note: note.map(str::to_owned),
        },
        loyal: true,
        left_waiting: true,
    }
}

fn ann_query() -> Query {
    Query {
        person: Some(("youtube".into(), "@ann".into())),
        ..Query::default()
    }
}

/// The queue with the cursor on Ann's item (rid 3), then `p`.
fn in_anns_view() -> (AppState, Vec<Effect>) {
    in_anns_view_from(state())
}

/// Five rows loaded in `s`, the third @ann's; returns hers.
fn with_anns_rows(s: &mut AppState) -> Item {
    let mut r = rows(5);
    r[2].author = "@ann".into();
    let anns = r[2].clone();
    update(
        s,
        Action::Page {
            load: Load::First,
            rows: r,
            limit: CHUNK,
        },
    );
    anns
}

/// `p` on the third of five rows, @ann's, in `s`.
fn in_anns_view_from(mut s: AppState) -> (AppState, Vec<Effect>) {
    with_anns_rows(&mut s);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Down);
    let fx = cmd(&mut s, Command::Person);
    (s, fx)
}

/// An item picked with `x`, then changed on its own in a person's view,
/// is no longer counted among those picked back in the view: not found
/// "changed elsewhere" by the bulk action.
#[test]
fn an_item_changed_in_a_persons_view_leaves_the_selection() {
    let mut s = state();
    let anns = with_anns_rows(&mut s);
    s.list.sel = 2;
    cmd(&mut s, Command::Select);
    s.list.sel = 3;
    cmd(&mut s, Command::Select);
    s.list.sel = 2;
    cmd(&mut s, Command::Person);
    update(
        &mut s,
        Action::Page {
            load: Load::First,
            rows: vec![anns.clone()],
            limit: CHUNK,
        },
    );
    cmd(&mut s, Command::Dismiss);
    let fx = key(&mut s, KeyCode::Enter);
    assert!(matches!(
        fx.as_slice(),
        [Effect::Apply { target: Target::Item(seen), .. }] if seen.rid == anns.rid
    ));
    update(
        &mut s,
        Action::Done {
            message: "1 item dismissed".into(),
            undoable: true,
        },
    );
    cmd(&mut s, Command::Back);
    cmd(&mut s, Command::Answered);
    let Mode::Confirm(c) = &s.mode else {
        panic!("a confirmation: {:?}", s.mode)
    };
    assert_eq!(c.question, "Mark 1 item answered?");
}

/// A note that arrives longer (typed, or set elsewhere) takes rows from
/// the list: the cursor's row stays on screen, where a key acts on it.
#[test]
fn a_longer_note_keeps_the_cursor_on_screen() {
    let (mut s, _) = in_anns_view();
    update(&mut s, Action::Resize(80, 30));
    let mut many = rows(60);
    for r in &mut many {
        r.author = "@ann".into();
    }
    update(
        &mut s,
        Action::Page {
            load: Load::First,
            rows: many,
            limit: CHUNK,
        },
    );
    for _ in 0..list_height(&s) - 1 {
        cmd(&mut s, Command::Down);
    }
    let before = list_height(&s);
    assert_eq!(
        s.list.sel,
        s.list.offset + before - 1,
        "on the last row shown"
    );
    let note = "longword ".repeat(40);
    update(
        &mut s,
        Action::Person {
            platform: "youtube".into(),
            author: "@ann".into(),
            figures: Some(figures(false, Some(note.trim()))),
        },
    );
    let h = list_height(&s);
    assert!(h < before, "the note took rows: {h} of {before}");
    assert!(
        (s.list.offset..s.list.offset + h).contains(&s.list.sel),
        "{} not in {}..{}",
        s.list.sel,
        s.list.offset,
        s.list.offset + h
    );
}

/// A command `[keys]` left without a key is not offered with an empty
/// name.
#[test]
fn the_person_view_offers_only_bound_keys() {
    let mut s = state();
    s.bindings.retain(|(c, _)| *c != Command::Note);
    let (s, _) = in_anns_view_from(s);
    let said = s.status.as_ref().map(Status::full).unwrap_or_default();
    assert_eq!(
        said,
        "@ann's items, newest first: v tags or untags VIP, esc goes back"
    );
}

/// A Facebook author is a number: their view is named by their name, as
/// the lists show them.
#[test]
fn a_persons_view_is_named_as_the_lists_name_them() {
    let mut s = state();
    let mut r = rows(3);
    r[1].platform = "facebook".into();
    r[1].author = "555001".into();
    r[1].author_name = Some("Ingrid Holm".into());
    update(
        &mut s,
        Action::Page {
            load: Load::First,
            rows: r,
            limit: CHUNK,
        },
    );
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Person);
    let said = s.status.as_ref().map(Status::full).unwrap_or_default();
    assert!(
        said.starts_with("Ingrid Holm's items, newest first"),
        "{said}"
    );
    assert!(
        crate::tui::view::layout::filter_text(&s).contains("person Ingrid Holm"),
        "{}",
        crate::tui::view::layout::filter_text(&s)
    );
}

#[test]
fn p_opens_the_persons_items_newest_first_and_their_figures() {
    let (mut s, fx) = in_anns_view();
    assert_eq!(s.view, View::All, "every state");
    assert_eq!(s.query, ann_query());
    assert_eq!(s.sort(), Sort::NEWEST);
    // From the item `p` was pressed on, wherever it is in their history
    // (a prolific person's may be far from their newest).
    let on = s.person.as_ref().and_then(|p| p.back.list.current());
    let from = Sort::NEWEST.cursor(on.expect("the item p was pressed on"));
    assert!(matches!(
        &fx[..],
        [
            Effect::Load {
                query,
                sort: Sort::NEWEST,
                load: Load::Reload {
                    from: Some(at),
                    keep: Some(3),
                    ..
                },
            },
            Effect::LoadPerson { platform, author },
        ] if *query == ann_query() && platform == "youtube" && author == "@ann" && *at == from
    ));
    let p = s.person.as_ref().expect("the person view");
    assert_eq!(p.back.view, View::Queue);
    assert_eq!(p.back.list.current().map(|i| i.rid), Some(3));
    // Their figures arrive (those of someone else are dropped).
    update(
        &mut s,
        Action::Person {
            platform: "mastodon".into(),
            author: "@ann".into(),
            figures: Some(figures(true, None)),
        },
    );
    assert!(s.person.as_ref().is_some_and(|p| p.figures.is_none()));
    update(
        &mut s,
        Action::Person {
            platform: "youtube".into(),
            author: "@ann".into(),
            figures: Some(figures(false, Some("met at the fair"))),
        },
    );
    let p = s.person.as_ref().expect("the person view");
    assert_eq!(p.note(), Some("met at the fair"));
    assert!(!p.vip());
    // The header of the screen says whose items these are.
    assert_eq!(crate::tui::view::layout::filter_text(&s), "person @ann");
    // `p` again stays.
    assert!(cmd(&mut s, Command::Person).is_empty());
    // The person's items load like any list: a change reloads them and
    // their figures.
    update(
        &mut s,
        Action::Page {
            load: Load::Reload {
                from: None,
                keep: Some(3),
                index: 0,
            },
            rows: vec![item(3, "youtube", "@ann")],
            limit: CHUNK,
        },
    );
    assert_eq!(s.list.current().map(|i| i.rid), Some(3));
    let fx = update(
        &mut s,
        Action::Done {
            message: "1 item dismissed".into(),
            undoable: true,
        },
    );
    assert!(fx.contains(&Effect::LoadPerson {
        platform: "youtube".into(),
        author: "@ann".into()
    }));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Load { query, .. } if *query == ann_query()))
    );
}

/// Back from Ann's view on her item the queue showed (rid 3, the third
/// row), the queue reloaded around it.
fn back_on_anns_item(s: &AppState, fx: &[Effect]) {
    assert_eq!(
        s.list.current().map(|i| i.rid),
        Some(3),
        "the cursor is back"
    );
    assert_eq!(
        loads(fx),
        vec![&Load::Reload {
            from: None,
            keep: Some(3),
            index: 2
        }]
    );
}

#[test]
fn esc_leaves_the_person_view_back_to_where_you_were() {
    let (mut s, _) = in_anns_view();
    // A filter and tabs inside the person view keep the person.
    cmd(&mut s, Command::ViewQueue);
    assert_eq!(s.query.person, ann_query().person);
    assert_eq!(s.sort(), Sort::NEWEST, "a person's items stay newest first");
    let fx = cmd(&mut s, Command::Back);
    assert!(s.person.is_none());
    assert_eq!(s.view, View::Queue);
    assert_eq!(s.query, Query::default());
    back_on_anns_item(&s, &fx);
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Load {
            sort: Sort::BEST,
            query,
            ..
        } if *query == queue_query()
    )));
    // Esc again has nothing left to clear.
    assert!(loads(&cmd(&mut s, Command::Back)).is_empty());
}

/// "Clear every filter" clears the person's too: the person view is left.
#[test]
fn clearing_every_filter_leaves_the_person_view() {
    let (mut s, _) = in_anns_view();
    cmd(&mut s, Command::Filter);
    let Mode::Pick(p) = &s.mode else {
        panic!("the filter picker")
    };
    assert_eq!(p.choices[0], Choice::ClearFilters);
    let fx = key(&mut s, KeyCode::Enter);
    assert!(s.person.is_none());
    assert_eq!(s.query, Query::default());
    assert!(!loads(&fx).is_empty());
}

/// Leaving the person view, the cursor stays on the item it was on there.
#[test]
fn esc_leaves_the_person_view_on_the_item_the_cursor_was_on() {
    let (mut s, _) = in_anns_view();
    let (newer, older) = (item(9, "youtube", "@ann"), item(3, "youtube", "@ann"));
    update(
        &mut s,
        Action::Page {
            load: Load::First,
            rows: vec![newer, older.clone()],
            limit: CHUNK,
        },
    );
    cmd(&mut s, Command::Down);
    let fx = cmd(&mut s, Command::Back);
    assert!(s.person.is_none());
    assert_eq!(
        loads(&fx),
        vec![&Load::Reload {
            from: Some(Sort::BEST.cursor(&older)),
            keep: Some(older.rid),
            index: 0
        }]
    );
}

/// An item of theirs the view left does not list (answered, not in the
/// queue, even one the queue showed before it was answered in their view;
/// one a search did not find): back on the item `p` was pressed on.
#[test]
fn esc_leaves_the_person_view_where_it_was_opened_for_an_item_not_listed_there() {
    let answered = |rid| {
        let mut it = item(rid, "youtube", "@ann");
        it.state = ItemState::Answered;
        it
    };
    // Waiting, but not among the rows the search found.
    let waiting = item(7, "youtube", "@ann");
    for (searched, row) in [(false, answered(9)), (false, answered(2)), (true, waiting)] {
        let (mut s, _) = in_anns_view();
        if searched {
            s.person.as_mut().expect("person").back.query.filter.search = Some("ann".into());
        }
        let rows = vec![row];
        update(
            &mut s,
            Action::Page {
                load: Load::First,
                rows,
                limit: CHUNK,
            },
        );
        let fx = cmd(&mut s, Command::Back);
        back_on_anns_item(&s, &fx);
    }
}

#[test]
fn esc_in_the_person_view_leaves_the_detail_and_the_selection_first() {
    let (mut s, _) = in_anns_view();
    update(
        &mut s,
        Action::Page {
            load: Load::First,
            rows: vec![item(3, "youtube", "@ann"), item(2, "youtube", "@ann")],
            limit: CHUNK,
        },
    );
    cmd(&mut s, Command::Focus);
    cmd(&mut s, Command::Back);
    assert!(s.person.is_some());
    cmd(&mut s, Command::Select);
    cmd(&mut s, Command::Back);
    assert!(s.person.is_some());
    assert!(s.selection.is_empty());
    cmd(&mut s, Command::Back);
    assert!(s.person.is_none());
}

#[test]
fn v_toggles_vip_and_n_edits_the_note_in_the_person_view_only() {
    let mut s = loaded(3);
    assert!(cmd(&mut s, Command::Vip).is_empty());
    assert!(
        s.status
            .as_ref()
            .is_some_and(|m| m.text.contains("p opens"))
    );
    cmd(&mut s, Command::Note);
    assert!(matches!(s.mode, Mode::Normal));

    let (mut s, _) = in_anns_view();
    update(
        &mut s,
        Action::Person {
            platform: "youtube".into(),
            author: "@ann".into(),
            figures: Some(figures(false, Some("met at the fair"))),
        },
    );
    let set = |vip, note: Option<&str>, seen: Option<&str>| Effect::SetPerson {
        platform: "youtube".into(),
        author: "@ann".into(),
        vip,
        note: note.map(str::to_owned),
        note_seen: seen.map(str::to_owned),
    };
    assert_eq!(cmd(&mut s, Command::Vip), vec![set(Some(true), None, None)]);
    update(
        &mut s,
        Action::Person {
            platform: "youtube".into(),
            author: "@ann".into(),
            figures: Some(figures(true, Some("met at the fair"))),
        },
    );
    assert_eq!(
        cmd(&mut s, Command::Vip),
        vec![set(Some(false), None, None)]
    );

    // The note: prefilled, one line, Enter saves it.
    cmd(&mut s, Command::Note);
    let Mode::Note { input, .. } = &s.mode else {
        panic!("the note input")
    };
    assert_eq!(input, "met at the fair");
    key(&mut s, KeyCode::Backspace);
    key(&mut s, KeyCode::Backspace);
    key(&mut s, KeyCode::Backspace);
    key(&mut s, KeyCode::Backspace);
    typed(&mut s, "shop");
    // Pasted text arrives on one line, with no escape sequence.
    update(&mut s, Action::Paste(",\x1b[2J in\nMay".into()));
    let fx = key(&mut s, KeyCode::Enter);
    assert_eq!(
        fx,
        vec![set(
            None,
            Some("met at the shop, in May"),
            Some("met at the fair")
        )]
    );
    assert!(matches!(s.mode, Mode::Normal));
    // Esc cancels: at once when nothing was typed, twice when something was.
    cmd(&mut s, Command::Note);
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    assert!(matches!(s.mode, Mode::Normal));
    cmd(&mut s, Command::Note);
    typed(&mut s, "xyz");
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    assert!(matches!(s.mode, Mode::Note { .. }), "asked first");
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    assert!(matches!(s.mode, Mode::Normal));
    // Ctrl-u then Enter clears it.
    cmd(&mut s, Command::Note);
    ctrl(&mut s, 'u');
    assert_eq!(
        key(&mut s, KeyCode::Enter),
        vec![set(None, Some(""), Some("met at the fair"))]
    );
    // A note of several lines, shown on one, is left as written by an
    // Enter that changed nothing.
    update(
        &mut s,
        Action::Person {
            platform: "youtube".into(),
            author: "@ann".into(),
            figures: Some(figures(false, Some("met at the fair\nlikes the V60"))),
        },
    );
    cmd(&mut s, Command::Note);
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    assert!(matches!(s.mode, Mode::Normal));
    assert!(
        s.status
            .as_ref()
            .map(Status::full)
            .unwrap_or_default()
            .contains("Note unchanged")
    );
    // A note written elsewhere while this one is typed is not overwritten
    // unseen: saved over the note it began from, which the store compares
    // (a window refreshed or not); refused, the editor comes back with what
    // was typed, and a second Enter saves over the new one.
    cmd(&mut s, Command::Note);
    ctrl(&mut s, 'u');
    typed(&mut s, "prefers metric");
    assert_eq!(
        key(&mut s, KeyCode::Enter),
        vec![set(
            None,
            Some("prefers metric"),
            Some("met at the fair likes the V60")
        )]
    );
    update(
        &mut s,
        Action::NoteChanged {
            typed: "prefers metric".into(),
            now: "VIP sponsor,\ncall back Friday".into(),
        },
    );
    let said = s.status.as_ref().map(Status::full).unwrap_or_default();
    assert!(said.contains("changed elsewhere since you began"), "{said}");
    assert_eq!(
        key(&mut s, KeyCode::Enter),
        vec![set(
            None,
            Some("prefers metric"),
            Some("VIP sponsor, call back Friday")
        )]
    );
    // Typing on after a first Esc: the next Esc asks again.
    cmd(&mut s, Command::Note);
    typed(&mut s, "abc");
    key(&mut s, KeyCode::Esc);
    typed(&mut s, "de");
    key(&mut s, KeyCode::Esc);
    assert!(matches!(s.mode, Mode::Note { .. }), "asked again");
}

#[test]
fn capital_d_counts_the_flagged_items_then_asks_with_the_reasons_then_confirms() {
    let mut s = loaded(5);
    let flagged = Query {
        any_flags: low_value_flags(),
        without_flags: crate::analysis::Flag::Question.bit(),
        ..queue_query()
    };
    assert_eq!(low_value_flags(), 0b1_1111, "every flag but question");
    let fx = cmd(&mut s, Command::DismissFlagged);
    assert_eq!(fx, vec![Effect::CountFlagged(flagged.clone())]);
    // None: nothing to ask.
    update(
        &mut s,
        Action::FlaggedCounted {
            query: flagged.clone(),
            reasons: vec![],
        },
    );
    assert!(matches!(s.mode, Mode::Normal));
    assert!(
        s.status
            .as_ref()
            .is_some_and(|m| m.text.starts_with("No flagged"))
    );
    // All bait: bait is preselected.
    cmd(&mut s, Command::DismissFlagged);
    update(
        &mut s,
        Action::FlaggedCounted {
            query: flagged.clone(),
            reasons: vec![(DismissReason::Bait, 4)],
        },
    );
    let Mode::Pick(p) = &s.mode else {
        panic!("the reason picker")
    };
    assert_eq!(p.title, "Dismiss 4 flagged items: 4 bait");
    assert_eq!(p.choices[p.sel], Choice::Reason(DismissReason::Bait));
    key(&mut s, KeyCode::Esc);
    cmd(&mut s, Command::DismissFlagged);
    update(
        &mut s,
        Action::FlaggedCounted {
            query: flagged.clone(),
            reasons: vec![(DismissReason::Bait, 9), (DismissReason::Spam, 3)],
        },
    );
    let Mode::Pick(p) = &s.mode else {
        panic!("the reason picker")
    };
    // Some are not bait: each as its flags say is preselected; then the
    // question, No by default.
    assert_eq!(p.title, "Dismiss 12 flagged items: 9 bait, 3 spam");
    assert_eq!(p.choices[p.sel], Choice::ReasonByFlags);
    assert!(key(&mut s, KeyCode::Enter).is_empty());
    let Mode::Confirm(c) = &s.mode else {
        panic!("a question")
    };
    assert!(
        c.question
            .starts_with("Dismiss 12 flagged items, each as its flags say (bait, emoji-only"),
        "{}",
        c.question
    );
    assert!(!c.on_yes);
    assert!(key(&mut s, KeyCode::Enter).is_empty(), "Enter is No");
    // Yes: one change of everything the query matches (one undoable action).
    // A flagged item picked too is acted on: it leaves the selection.
    s.list.rows[1].flags = crate::analysis::Flag::Bait.bit();
    let (kept, acted) = (s.list.rows[0].rid, s.list.rows[1].rid);
    cmd(&mut s, Command::Select);
    if s.list.current().map(|i| i.rid) != Some(acted) {
        cmd(&mut s, Command::Down);
    }
    cmd(&mut s, Command::Select);
    assert!(s.selection.contains(kept) && s.selection.contains(acted));
    cmd(&mut s, Command::DismissFlagged);
    update(
        &mut s,
        Action::FlaggedCounted {
            query: flagged.clone(),
            reasons: vec![(DismissReason::Bait, 9), (DismissReason::Spam, 3)],
        },
    );
    key(&mut s, KeyCode::Enter);
    let fx = key(&mut s, KeyCode::Char('y'));
    assert_eq!(
        fx,
        vec![Effect::Apply {
            target: Target::Matching(flagged, Some(12)),
            change: Change::DismissedByFlags,
        }]
    );
    assert!(s.selection.contains(kept), "the selection was not acted on");
    assert!(
        !s.selection.contains(acted),
        "but for the flagged item in it"
    );
}

#[test]
fn capital_d_takes_the_views_filter_and_waiting_items_only() {
    let mut s = loaded(3);
    s.query.filter.platform = Some("youtube".into());
    cmd(&mut s, Command::ViewAll);
    let fx = cmd(&mut s, Command::DismissFlagged);
    let [Effect::CountFlagged(q)] = &fx[..] else {
        panic!("a count: {fx:?}")
    };
    assert_eq!(q.filter.state, Some(ItemState::NeedsReply));
    assert_eq!(q.filter.platform.as_deref(), Some("youtube"));
    cmd(&mut s, Command::ViewSnoozed);
    let fx = cmd(&mut s, Command::DismissFlagged);
    assert!(
        matches!(&fx[..], [Effect::CountFlagged(q)] if q.filter.state == Some(ItemState::Snoozed))
    );
    cmd(&mut s, Command::ViewDismissed);
    assert!(cmd(&mut s, Command::DismissFlagged).is_empty());
    cmd(&mut s, Command::ViewStats);
    assert!(cmd(&mut s, Command::DismissFlagged).is_empty());
    // In a person's view: their flagged items.
    let (mut s, _) = in_anns_view();
    let fx = cmd(&mut s, Command::DismissFlagged);
    assert!(matches!(&fx[..], [Effect::CountFlagged(q)]
        if q.person == ann_query().person && q.filter.state == Some(ItemState::NeedsReply)));
}

#[test]
fn capital_s_switches_the_queue_between_best_and_oldest_first() {
    let mut s = loaded(5);
    cmd(&mut s, Command::Down);
    assert_eq!(s.sort(), Sort::BEST);
    let item = s.list.current().cloned().expect("an item");
    let fx = cmd(&mut s, Command::Sort);
    assert_eq!(s.sort(), Sort::OLDEST);
    // The list from the cursor's item, at its place in the new order.
    assert_eq!(
        fx,
        vec![Effect::Load {
            query: queue_query(),
            sort: Sort::OLDEST,
            load: Load::Reload {
                from: Some(Sort::OLDEST.cursor(&item)),
                keep: Some(item.rid),
                index: 0
            }
        }]
    );
    assert!(
        s.status
            .as_ref()
            .is_some_and(|m| m.text == "Queue order: oldest first")
    );
    // Pages follow the new order; switching views and back keeps it.
    cmd(&mut s, Command::ViewAll);
    assert_eq!(s.sort(), Sort::NEWEST);
    let fx = cmd(&mut s, Command::ViewQueue);
    assert!(matches!(
        &fx[..],
        [Effect::Load {
            sort: Sort::OLDEST,
            ..
        }]
    ));
    cmd(&mut s, Command::Sort);
    assert_eq!(s.sort(), Sort::BEST);
    // Only the queue has a choice of order.
    cmd(&mut s, Command::ViewAnswered);
    assert!(cmd(&mut s, Command::Sort).is_empty());
    assert!(s.status.as_ref().is_some_and(|m| m.error));
    assert_eq!(s.queue_sort, Sort::BEST);
}

#[test]
fn a_frame_drawn_at_a_size_the_state_has_not_heard_of_yet_fits_it() {
    let mut s = long_comment(60);
    // Today's progress gauge draws cell by cell, unclipped.
    s.today = Some(crate::stats::Today {
        answered: 3,
        dismissed: 1,
        needs_reply: 5,
    });
    for (w, h) in [(30, 300), (200, 12), (45, 13), (60, 24), (300, 80)] {
        let screen = screen_of(&s, (w, h));
        assert!(screen.trim().len() > 10, "{w}×{h} drew something");
    }
}

#[test]
fn a_comment_of_megabytes_shows_its_start_and_how_much_is_left() {
    let mut s = loaded(3);
    s.list.rows[0].body = "word ".repeat(1_000_000);
    cmd(&mut s, Command::Focus);
    let last = crate::tui::view::detail::max_scroll(&s);
    assert!(
        last < 32 * 1024 / 10,
        "{last} lines: only the start is laid out"
    );
    // Scrolled to its end, the pane shows where the text stops.
    s.detail_scroll = last - 1;
    cmd(&mut s, Command::PageDown);
    assert_eq!(s.detail_scroll, last);
    let screen = screen_of(&s, s.size);
    assert!(screen.contains("… and 4851 KB more, not shown"), "{screen}");
}

/// An answered item's row says how it was answered, where a reply says.
#[test]
fn an_answered_items_row_says_how_it_was_answered() {
    use crate::tui::view::list::state_text;
    let mut i = item(1, "youtube", "@ann");
    i.state = ItemState::Answered;
    for (personal, shown) in [
        (Some(true), "✓ personal"),
        (Some(false), "✓ generic"),
        (None, "✓ answered"),
    ] {
        i.personal = personal;
        assert_eq!(state_text(&i, now()), shown);
    }
}

/// The tabs name the keys that open them, as the config binds them.
#[test]
fn tabs_show_the_keys_bound_to_the_views() {
    let mut s = state();
    rebind(&mut s, &[("view_stats", &["0"])]);
    let labels: Vec<String> = crate::tui::view::layout::tabs(&s)
        .into_iter()
        .map(|(_, label)| label)
        .collect();
    assert_eq!(labels[0], "1 Queue");
    assert_eq!(labels[5], "0 Stats");
    // Each view command opens its view.
    s.view = View::Stats;
    cmd(&mut s, Command::ViewQueue);
    assert_eq!(s.view, View::Queue);
    cmd(&mut s, Command::ViewStats);
    assert_eq!(s.view, View::Stats);
}

/// A view opened again shows the screen it was left with, the cursor on
/// its item on the same row.
#[test]
fn a_view_opened_again_keeps_its_place() {
    let (mut s, item) = on_the_third();
    let fx = cmd(&mut s, Command::ViewAnswered);
    assert_eq!(
        loads(&fx),
        vec![&Load::First],
        "a first visit starts at the top"
    );
    let fx = cmd(&mut s, Command::ViewQueue);
    assert_eq!(
        loads(&fx),
        vec![&Load::Reload {
            from: None,
            keep: Some(item.rid),
            index: 2
        }],
        "from the top of the list, as it was on screen"
    );
}

/// The views' keys inside a person's view leave where the main views were
/// left as it was: back from it, a view opened again keeps its place.
#[test]
fn a_persons_views_leave_the_main_views_places_alone() {
    let (mut s, item) = on_the_third();
    cmd(&mut s, Command::ViewAll);
    update(
        &mut s,
        Action::Page {
            load: Load::First,
            rows: rows(5),
            limit: CHUNK,
        },
    );
    cmd(&mut s, Command::Person);
    assert!(s.person.is_some());
    cmd(&mut s, Command::ViewQueue);
    cmd(&mut s, Command::ViewAll);
    cmd(&mut s, Command::Back);
    assert!(s.person.is_none());
    let fx = cmd(&mut s, Command::ViewQueue);
    assert_eq!(
        loads(&fx),
        vec![&Load::Reload {
            from: None,
            keep: Some(item.rid),
            index: 2
        }]
    );
}

/// A view left, then the filter changed elsewhere: opened again, it shows
/// the list from its item (the rows that were before it on its screen are
/// others now; a full page of them put the cursor on a stranger).
#[test]
fn a_view_opened_again_after_a_filter_changed_elsewhere_finds_its_item() {
    let mut s = loaded_on_two_platforms();
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Down);
    let item = s.list.current().expect("an item").clone();
    cmd(&mut s, Command::ViewAll);
    filter_by(&mut s, Choice::Platform(Some("youtube".into())));
    let fx = cmd(&mut s, Command::ViewQueue);
    assert_eq!(loads(&fx), vec![&from_item(&s, &item)]);
}

/// A state chosen in the filter picker opens its view with the cursor on
/// its item, where the view lists it.
#[test]
fn a_state_chosen_as_a_filter_keeps_the_item() {
    let mut s = loaded(5);
    cmd(&mut s, Command::Down);
    let item = s.list.current().expect("an item").clone();
    let fx = filter_by(&mut s, Choice::View(View::All));
    assert_eq!(s.view, View::All);
    assert_eq!(loads(&fx), vec![&from_item(&s, &item)]);
    // The answered view has no waiting item: from its top.
    let mut s = loaded(5);
    let fx = filter_by(&mut s, Choice::View(View::Answered));
    assert_eq!(loads(&fx), vec![&Load::First]);
}

/// After an undo the cursor goes to the item that came back, when the view
/// shows it; else it stays on its item.
#[test]
fn an_undo_puts_the_cursor_on_what_came_back_where_it_shows() {
    let keep_of = |fx: &[Effect]| match loads(fx)[..] {
        [Load::Reload { keep, .. }] => *keep,
        ref other => panic!("{other:?}"),
    };
    for (view, state, follows) in [
        (View::Queue, ItemState::NeedsReply, true),
        (View::Answered, ItemState::NeedsReply, false),
        (View::All, ItemState::NeedsReply, true),
    ] {
        let mut s = loaded(5);
        s.view = view;
        cmd(&mut s, Command::Down);
        let (at, back) = (s.list.current().expect("an item").rid, s.list.rows[3].rid);
        let item = Item {
            state,
            ..s.list.rows[3].clone()
        };
        let fx = update(
            &mut s,
            Action::Undone {
                message: "Undone".into(),
                item: Some(Box::new(item)),
                rids: Vec::new(),
                reply: false,
            },
        );
        assert_eq!(
            keep_of(&fx),
            Some(if follows { back } else { at }),
            "{view:?}"
        );
    }
}

/// What an undo brings back above or below the screen is shown: the list
/// is read from it (what comes back among the rows on screen keeps them).
#[test]
fn an_undo_shows_what_came_back_off_the_screen() {
    let mut s = loaded(CHUNK as i64);
    for _ in 0..60 {
        cmd(&mut s, Command::Down);
    }
    let undone = |s: &mut AppState, i: usize| {
        let item = s.list.rows[i].clone();
        let fx = update(
            s,
            Action::Undone {
                message: "Undone".into(),
                item: Some(Box::new(item)),
                rids: Vec::new(),
                reply: false,
            },
        );
        loads(&fx)[0].clone()
    };
    let top = s.list.offset;
    for far in [top - 1, top + list_height(&s) + 1] {
        let item = s.list.rows[far].clone();
        assert_eq!(undone(&mut s, far), from_item(&s, &item));
    }
    let Load::Reload { from, keep, .. } = undone(&mut s, top + 1) else {
        panic!("a reload")
    };
    assert_eq!(from, Some(s.sort().cursor(&s.list.rows[top])));
    assert_eq!(keep, Some(s.list.rows[top + 1].rid));
}

/// The list read from an item (back from a search, an undo): when the rows
/// before it come, a third of the screen shows them above it.
#[test]
fn rows_read_before_an_item_jumped_to_show_above_it() {
    let mut s = state();
    let all = rows(100);
    let jumped = all[60].clone();
    let from = Some(s.sort().cursor(&jumped));
    let fx = paged(
        &mut s,
        Load::Reload {
            from,
            keep: Some(jumped.rid),
            index: 0,
        },
        all[60..].to_vec(),
        CHUNK,
    );
    let before = loads(&fx)
        .into_iter()
        .find(|l| matches!(l, Load::Before(_)))
        .expect("the rows before it asked for")
        .clone();
    paged(&mut s, before, all[..60].to_vec(), CHUNK);
    assert_eq!(s.list.current().map(|i| i.rid), Some(jumped.rid));
    let h = list_height(&s);
    assert_eq!(s.list.sel - s.list.offset, h / 3);
    // Scrolling up to rows being read keeps the screen where it is.
    let mut s = loaded(CHUNK as i64);
    s.list.at_start = false;
    for _ in 0..12 {
        cmd(&mut s, Command::Down);
    }
    let (sel, top) = (s.list.sel, s.list.offset);
    let first = s.sort().cursor(&s.list.rows[0]);
    let earlier: Vec<Item> = (1000..1010)
        .map(|r| Item {
            queue_key: s.list.rows[0].queue_key - 1,
            ..item(r, "youtube", "@earlier")
        })
        .collect();
    paged(&mut s, Load::Before(first), earlier, CHUNK);
    assert_eq!((s.list.sel, s.list.offset), (sel + 10, top + 10));
}

/// `Ctrl-L` draws the whole screen again (the terminal loop clears it).
#[test]
fn redraw_asks_for_the_screen_again() {
    let mut s = loaded(3);
    assert_eq!(cmd(&mut s, Command::Redraw), vec![Effect::Redraw]);
}

/// Another process's action or undo may have used what a message offered:
/// its hint goes (an import beside, or a snooze waking here, leaves it).
#[test]
fn a_change_elsewhere_takes_a_messages_hint_away() {
    let mut s = state();
    s.say_with_hint("1 item dismissed", "u undoes".into());
    update(
        &mut s,
        Action::DataChanged {
            undo_moved: false,
            reply_moved: false,
        },
    );
    assert_eq!(
        s.status.as_ref().map(Status::full).as_deref(),
        Some("1 item dismissed (u undoes)")
    );
    update(
        &mut s,
        Action::DataChanged {
            undo_moved: true,
            reply_moved: true,
        },
    );
    assert_eq!(
        s.status.as_ref().map(Status::full).as_deref(),
        Some("1 item dismissed")
    );
}

/// What an import beside brought is said unless the status line holds an
/// error or a key to press.
#[test]
fn an_import_beside_is_said_over_no_error_and_no_hint() {
    let mut s = state();
    let arrived = |items, waiting| {
        Action::Arrived(crate::store::view::Arrived {
            items,
            waiting,
            replies: 0,
        })
    };
    let said = |s: &AppState| s.status.as_ref().map(Status::full);
    s.say("Filter cleared");
    update(&mut s, arrived(2, 1));
    assert_eq!(
        said(&s).as_deref(),
        Some("Imported meanwhile: 2 new items, 1 needs a reply")
    );
    for kept in [
        Status {
            text: "the database is busy".into(),
            error: true,
            hint: None,
        },
        Status {
            text: "1 item dismissed".into(),
            error: false,
            hint: Some("u undoes".into()),
        },
    ] {
        s.status = Some(kept.clone());
        update(&mut s, arrived(2, 2));
        assert_eq!(s.status.as_ref(), Some(&kept));
    }
    // Held back, then added to: said whole once the line is free (the next
    // arrival, or the next tick).
    s.status = None;
    update(&mut s, arrived(1, 0));
    assert_eq!(
        said(&s).as_deref(),
        Some("Imported meanwhile: 5 new items, 4 need a reply")
    );
    s.status = Some(Status {
        text: "1 item dismissed".into(),
        error: false,
        hint: Some("u undoes".into()),
    });
    update(&mut s, arrived(1, 1));
    s.status = None;
    update(&mut s, Action::Tick(now() + chrono::Duration::seconds(1)));
    assert_eq!(
        said(&s).as_deref(),
        Some("Imported meanwhile: 1 new item, it needs a reply")
    );
    // A note still on the line, unread, is added to; once gone, it starts
    // again.
    update(&mut s, arrived(3, 3));
    assert_eq!(
        said(&s).as_deref(),
        Some("Imported meanwhile: 4 new items, 4 need a reply")
    );
    s.status = None;
    update(&mut s, arrived(2, 0));
    assert_eq!(
        said(&s).as_deref(),
        Some("Imported meanwhile: 2 new items, none needs a reply")
    );
    // Replies of yours posted on the platform: what they answered left the
    // queue, and the line says why.
    let replies = |items, replies| {
        Action::Arrived(crate::store::view::Arrived {
            items,
            waiting: items,
            replies,
        })
    };
    s.status = None;
    update(&mut s, replies(0, 1));
    assert_eq!(
        said(&s).as_deref(),
        Some("Imported meanwhile: 1 reply of yours")
    );
    update(&mut s, replies(1, 2));
    assert_eq!(
        said(&s).as_deref(),
        Some("Imported meanwhile: 1 new item, it needs a reply; 3 replies of yours")
    );
}

/// A message too long for the status line is cut before its hint, which
/// stays in sight whole.
#[test]
fn a_long_message_keeps_its_hint_in_sight() {
    let mut s = state();
    update(
        &mut s,
        Action::Undone {
            message: format!("Undone: reply to {}", "x".repeat(200)),
            item: None,
            rids: Vec::new(),
            reply: true,
        },
    );
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    term.draw(|f| crate::tui::view::render(f, &s))
        .expect("draw");
    let shown = term.backend().to_string();
    let lines: Vec<&str> = shown.lines().collect();
    let at = (lines.iter().position(|l| l.contains("Undone: reply"))).expect("the status line");
    // Over the status line and the keys' line, cut before its hint.
    let both = lines[at..=at + 1].join(" ").replace('\u{a0}', " ");
    assert!(
        both.contains("xx…") && both.contains("(r writes it again)") && !both.contains("xx……"),
        "{both}"
    );
}

/// A message a little too long for its line takes the keys' line too, so
/// that its end (a caveat) is read whole, and a text cut after an ellipsis
/// of its own ends with one.
#[test]
fn a_message_too_long_for_its_line_is_read_whole() {
    let mut s = state();
    let caveat = "sent to the terminal (OSC 52), whose clipboard may take it";
    s.say(format!(
        "Reply to @a_rather_long_handle_of_theirs saved and {caveat}"
    ));
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    term.draw(|f| crate::tui::view::render(f, &s))
        .expect("draw");
    let shown = term.backend().to_string().replace(['"', '\n'], " ");
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words(&shown).contains(&words(caveat)), "{shown}");
    assert_eq!(
        crate::text::truncate("Undid \"abc…\" (2 items)", 12),
        "Undid \"abc…"
    );
}

/// The item keys in the Stats view, which has no items, say where the items
/// are (`N` said "Nothing to put back", as if there were none anywhere).
#[test]
fn item_keys_in_the_stats_view_say_where_the_items_are() {
    let mut s = loaded(3);
    cmd(&mut s, Command::ViewStats);
    for c in [Command::Reopen, Command::Dismiss, Command::Answered] {
        cmd(&mut s, c);
        let said = s.status.as_ref().map(Status::full).unwrap_or_default();
        assert!(
            said.starts_with("The stats view has no items: 1 goes to the queue"),
            "{c:?}: {said}"
        );
        assert!(matches!(s.mode, Mode::Normal), "{c:?}");
    }
    // A key left unbound is not named.
    s.bindings.retain(|(c, _)| *c != Command::ViewQueue);
    cmd(&mut s, Command::Reopen);
    let said = s.status.as_ref().map(Status::full).unwrap_or_default();
    assert!(
        said.starts_with("The stats view has no items: w changes the window"),
        "{said}"
    );
}

/// "Clear every filter" in a person's view opened from a search keeps the
/// cursor on the person's item it was on (listed once no filter is left),
/// not on the item the view was opened from.
#[test]
fn clearing_every_filter_in_a_persons_view_keeps_its_item() {
    let mut s = state();
    // A search kept, and `p` on one of its results.
    s.query.filter.search = Some("item".into());
    let (mut s, _) = in_anns_view_from(s);
    // Their items: the cursor goes to another of theirs.
    let reload = Load::Reload {
        from: None,
        keep: Some(3),
        index: 0,
    };
    let theirs = vec![item(3, "youtube", "@ann"), item(9, "youtube", "@ann")];
    paged(&mut s, reload, theirs, CHUNK);
    cmd(&mut s, Command::Down);
    assert_eq!(s.list.current().map(|i| i.rid), Some(9));
    cmd(&mut s, Command::Filter);
    let fx = key(&mut s, KeyCode::Char('1')); // clear every filter
    assert!(s.person.is_none() && !s.filtered());
    assert!(
        loads(&fx)
            .iter()
            .any(|l| matches!(l, Load::Reload { keep: Some(9), .. })),
        "{fx:?}"
    );
}

/// A filter chosen that lists nothing, cleared again: the cursor goes back
/// to the item it was on before, as after a search that found nothing.
#[test]
fn clearing_a_filter_that_listed_nothing_goes_back_to_the_item() {
    let mut s = loaded_on_two_platforms();
    move_by(&mut s, 2);
    let here = s.list.current().cloned().expect("a row");
    filter_by(&mut s, Choice::Platform(Some("mastodon".into())));
    for load in [Load::Last, Load::First] {
        paged(&mut s, load, Vec::new(), CHUNK);
    }
    assert!(s.list.current().is_none());
    let mut empty = s.clone();
    let fx = cmd(&mut s, Command::Back);
    assert!(!s.filtered());
    let back = |fx: &[Effect]| {
        loads(fx)
            .iter()
            .any(|l| matches!(l, Load::Reload { keep: Some(k), .. } if *k == here.rid))
    };
    assert!(back(&fx), "{fx:?}");
    // "Clear every filter" alike.
    cmd(&mut empty, Command::Filter);
    let fx = key(&mut empty, KeyCode::Char('1'));
    assert!(!empty.filtered());
    assert!(back(&fx), "{fx:?}");
}

/// A narrow person header drops words before figures: the median and the
/// last time seen stay in sight.
#[test]
fn a_narrow_person_header_keeps_its_figures() {
    let (mut s, _) = in_anns_view();
    update(
        &mut s,
        Action::Person {
            platform: "youtube".into(),
            author: "@ann".into(),
            figures: Some(figures(false, None)),
        },
    );
    let p = s.person.clone().expect("the person view");
    let theme = crate::tui::view::Theme { color: false };
    let shown = |w: usize| -> Vec<String> {
        crate::tui::view::person::lines(&p, &s, theme, w, 1)
            .iter()
            .map(|l| l.spans.iter().map(|x| x.content.as_ref()).collect())
            .collect()
    };
    let wide = shown(120);
    assert!(
        wide[0].contains("median reply") && wide[1].contains("first seen"),
        "{wide:?}"
    );
    let narrow = shown(56);
    assert!(
        narrow[0].contains("median") && !narrow[0].ends_with('…'),
        "{narrow:?}"
    );
    assert!(
        narrow[1].contains("last seen") && !narrow[1].ends_with('…'),
        "{narrow:?}"
    );
    // The weeks bait or spam took away are said with the weeks.
    assert!(wide[1].ends_with("· 4 weeks active"), "{wide:?}");
    let mut p = p;
    if let Some(f) = p.figures.as_mut() {
        f.row.noise = 2;
    }
    let noisy: String = (crate::tui::view::person::lines(&p, &s, theme, 120, 1)[1]
        .spans
        .iter())
    .map(|x| x.content.as_ref())
    .collect();
    assert!(
        noisy.ends_with("· 4 weeks active, 2 less for bait or spam"),
        "{noisy}"
    );
}

/// Between midnight and 5:00, "tomorrow 9:00" is this morning's: the
/// snooze picker says "this morning"; on a Sunday it offers Monday once.
#[test]
fn the_snooze_picker_says_this_morning_in_the_small_hours() {
    use chrono::TimeZone;
    let mut s = state();
    let at = |h| {
        chrono::Local
            .with_ymd_and_hms(2026, 12, 6, h, 0, 0)
            .single()
            .expect("a local time")
            .with_timezone(&Utc)
    };
    let labels = |s: &AppState| -> Vec<String> {
        snooze_choices(s)
            .iter()
            .map(|c| crate::tui::view::dialogs::choice_label(c, s))
            .collect()
    };
    s.now = at(1);
    assert!(
        labels(&s).iter().any(|l| l.starts_with("this morning (")),
        "{:?}",
        labels(&s)
    );
    // Then the Monday to come is next week's, offered as such.
    assert!(
        labels(&s)[2].starts_with("next week (Mon 09:00"),
        "{:?}",
        labels(&s)
    );
    // 2026-12-06 is a Sunday: tomorrow is next week's Monday, offered once,
    // and the Monday after in its place: each choice keeps its digit.
    s.now = at(14);
    let sunday = labels(&s);
    assert!(sunday[1].starts_with("tomorrow ("), "{sunday:?}");
    assert!(
        sunday[2].starts_with("the week after (Mon 14 Dec"),
        "{sunday:?}"
    );
    assert!(
        !sunday.iter().any(|l| l.starts_with("next week")),
        "{sunday:?}"
    );
    s.now = at(14) + chrono::Duration::days(1);
    let monday = labels(&s);
    assert!(monday[2].starts_with("next week"), "{monday:?}");
    assert_eq!(sunday.len(), monday.len());
    assert_eq!(sunday[3], monday[3], "custom is the fourth every day");
}
