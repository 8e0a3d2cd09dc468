//! Property tests: whatever strangers write (any Unicode, escape sequences,
//! ZWJ emoji, flags, RTL, combining marks, CJK), the rendered screen keeps
//! its borders where they belong and holds no control character; and key
//! names never panic the keymap parser.

use ackbox::analysis::Lexicon;
use ackbox::config::Window;
use ackbox::model::Record;
use ackbox::store::Store;
use ackbox::store::query::Item;
use ackbox::store::view::{Query, Sort};
use ackbox::tui::keymap::{Key, Keymap};
use ackbox::tui::state::{AppState, Draft, Mode};
use ackbox::tui::update::addressee;
use ackbox::tui::view::{self, layout};
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::BTreeMap;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0)
        .single()
        .expect("time")
}

/// An item as the store reads it back, to vary.
fn template() -> Item {
    let mut store = Store::open_in_memory().expect("store");
    let mut r = Record::new("youtube", "c1", "@joe", "hello", now());
    r.thread_id = Some("t".into());
    r.thread_title = Some("thread".into());
    let mut imp = store.begin_import(now()).expect("import");
    imp.add(&r, false, None).expect("add");
    imp.finish(true).expect("commit");
    store
        .view_page(&Query::default(), Sort::OLDEST, None, 1)
        .expect("page")
        .pop()
        .expect("item")
}

/// Text built from the fragments that break naive terminal UIs.
fn nasty() -> impl Strategy<Value = String> {
    let fragments = vec![
        "👩‍👩‍👧‍👦",
        "🇵🇹",
        "❤️",
        "☕",
        "e\u{301}",
        "ﷺ",
        "لا",
        "مرحبا",
        "漢字",
        "ｶﾞ",
        "\x1b[2J",
        "\x1b]52;c;SGk=\x07",
        "\x1b]8;;https://x\x1b\\",
        "\u{202e}",
        "\u{200b}",
        "\u{fe0f}",
        "a",
        "word ",
        " ",
        "\t",
        "\n",
        "\r",
        "\u{7f}",
        "\u{9b}",
    ];
    prop_oneof![
        prop::collection::vec(prop::sample::select(fragments), 0..40).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

fn screen(rows: Vec<Item>, w: u16, h: u16) -> TestBackend {
    let km = Keymap::new(&BTreeMap::new()).expect("keymap");
    let mut s = AppState::new(
        now(),
        (w, h),
        Window::Days(30),
        vec![],
        Lexicon::default(),
        km.bindings,
        true,
    );
    s.list.rows = rows;
    s.list.loaded = true;
    s.list.at_start = true;
    s.list.at_end = true;
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| view::render(f, &s)).expect("draw");
    term.backend().clone()
}

/// The list and detail panes of `rows` made from `bodies` and one author:
/// borders on every row, item rows where they belong, no control character.
fn check_panes(
    bodies: Vec<String>,
    author: String,
    name: String,
    title: String,
    wide: bool,
) -> Result<(), TestCaseError> {
    let (w, h) = if wide { (160, 40) } else { (80, 24) };
    let base = template();
    let rows: Vec<Item> = bodies
        .into_iter()
        .enumerate()
        .map(|(i, body)| {
            let mut item = base.clone();
            item.rid = i as i64 + 1;
            item.body = body;
            item.author = author.clone();
            item.author_name = Some(name.clone());
            item.thread_title = Some(title.clone());
            item.platform = format!("p{}", title.chars().take(3).collect::<String>());
            item
        })
        .collect();
    let n = rows.len() as u16;
    let b = screen(rows, w, h);
    let buf = b.buffer();
    for cell in buf.content() {
        prop_assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "control character {:?}",
            cell.symbol()
        );
    }
    let a = layout::areas(ratatui::layout::Rect::new(0, 0, w, h));
    // The list is focused (thick borders), the detail pane not: every row
    // of each has its side borders.
    for (pane, side) in [(a.list, "┃"), (a.detail, "│")] {
        for y in pane.y + 1..pane.y + pane.height - 1 {
            prop_assert_eq!(
                buf[(pane.x, y)].symbol(),
                side,
                "left of {:?}, row {}",
                pane,
                y
            );
            prop_assert_eq!(
                buf[(pane.x + pane.width - 1, y)].symbol(),
                side,
                "right of {:?}, row {}",
                pane,
                y
            );
        }
    }
    // Each item row starts where it should: its cursor/selection marks.
    prop_assert_eq!(buf[(a.list.x + 1, a.list.y + 1)].symbol(), "▶");
    for i in 1..n.min(a.list.height - 2) {
        prop_assert_eq!(buf[(a.list.x + 1, a.list.y + 1 + i)].symbol(), " ");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_text_keeps_the_borders_and_no_control_reaches_the_screen(
        bodies in prop::collection::vec(nasty(), 1..6),
        author in nasty(),
        name in nasty(),
        title in nasty(),
        wide in any::<bool>(),
    ) {
        check_panes(bodies, author, name, title, wide)?;
    }

    #[test]
    fn the_reply_editor_keeps_its_borders(body in nasty(), author in nasty(), wide in any::<bool>()) {
        let (w, h) = if wide { (160, 40) } else { (80, 24) };
        let mut item = template();
        item.body = body;
        item.author = author;
        let km = Keymap::new(&BTreeMap::new()).expect("keymap");
        let mut s = AppState::new(now(), (w, h), Window::Days(30), vec![], Lexicon::default(), km.bindings, true);
        let greeting = addressee(&item, &s.lexicon);
        s.mode = Mode::Reply(Box::new(Draft::new(item, &greeting, ackbox::tui::view::Theme { color: false })));
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        term.draw(|f| view::render(f, &s)).expect("draw");
        let buf = term.backend().buffer();
        let body = layout::areas(ratatui::layout::Rect::new(0, 0, w, h)).body;
        // The quote's box: its side borders on every inner row, down to
        // its bottom corner, which leaves the editor four rows or more.
        let bottom = (body.y + 1..body.y + body.height).find(|&y| buf[(body.x, y)].symbol() == "└");
        prop_assert!(bottom.is_some_and(|b| b + 6 < body.y + body.height), "the quote's bottom at {:?}", bottom);
        for y in body.y + 1..bottom.unwrap_or_default() {
            prop_assert_eq!(buf[(body.x, y)].symbol(), "│", "quote left, row {}", y);
            prop_assert_eq!(buf[(body.x + body.width - 1, y)].symbol(), "│", "quote right, row {}", y);
        }
        for cell in buf.content() {
            prop_assert!(!cell.symbol().chars().any(|c| c.is_control()));
        }
    }

    #[test]
    fn key_names_never_panic(s in any::<String>()) {
        let _ = Key::parse(&s);
    }
}

/// Found by the property above: a display name with a halfwidth katakana
/// and its sound mark ("ｶﾞ", one grapheme that ratatui's diff counts three
/// columns wide and its line renderer two) two columns before the detail
/// pane's border made the diff skip the border, so the terminal never got it.
#[test]
fn a_halfwidth_sound_mark_in_a_name_keeps_the_border() {
    let fam = "👩\u{200d}👩\u{200d}👧\u{200d}👦";
    let e = "e\u{301}";
    let ka = "ｶ\u{ff9e}";
    let author =
        format!("{e}{fam}{e}{fam}{ka}{fam}{e}a{fam} {e} {fam}{fam}{e}{fam}a{fam}مرحبا{ka}{e}{fam}");
    let name = format!("a{ka}a{fam}漢字{fam}مرحبا {fam}{fam}{ka}{e}{ka} {fam}");
    check_panes(vec![String::new()], author, name, String::new(), true).unwrap();
}

/// A display name is anyone's to choose: a thousand characters of it take
/// one row of the detail pane's head, not the pane.
#[test]
fn a_long_display_name_takes_one_row_of_the_detail() {
    let mut item = template();
    item.author_name = Some("Joe Bloggs the Barista ".repeat(45));
    item.body = "The coupon date is wrong".into();
    let b = screen(vec![item], 160, 40);
    let a = layout::areas(ratatui::layout::Rect::new(0, 0, 160, 40));
    let row = |y: u16| -> String {
        (a.detail.x + 1..a.detail.x + a.detail.width - 1)
            .map(|x| b.buffer()[(x, y)].symbol())
            .collect()
    };
    let top = a.detail.y + 1;
    assert!(row(top).starts_with("@joe (Joe Bloggs"), "{}", row(top));
    assert!(row(top).trim_end().ends_with("…)"), "{}", row(top));
    let rest: Vec<String> = (top + 1..top + 3).map(row).collect();
    assert!(rest[0].contains("youtube"), "{rest:?}");
    assert!(rest[1].contains("needs a reply"), "{rest:?}");
}
