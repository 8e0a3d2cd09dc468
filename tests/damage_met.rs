//! Once a process has met damage in a database file, it writes no decision
//! to it more; a reply's words are still kept, and another file is not
//! concerned (a process of its own: the mark is for the whole process).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use ackbox::model::DismissReason;
use ackbox::store::Store;
use ackbox::store::actions::Change;
use common::*;

#[test]
fn a_process_that_met_damage_refuses_decisions() {
    let s = Sandbox::new();
    let now = t("2026-11-20T12:00:00Z");
    let line = item(
        "x",
        "1",
        "ann",
        "When do you open?",
        "2026-11-19T10:00:00Z",
        serde_json::json!({}),
    );
    s.ok(&["import", s.file("a.jsonl", &line).to_str().unwrap()], now);
    let mut store = Store::open(&s.db()).unwrap();
    let rid = store.rid_of(&"x:1".parse().unwrap()).unwrap();
    store.apply(&[rid], Change::Answered, now).unwrap();

    let corrupt = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT);
    let met = anyhow::Error::new(rusqlite::Error::SqliteFailure(corrupt, None));
    let _ = store.named(met);
    let refused = [
        store
            .apply(&[rid], Change::Dismissed(DismissReason::Spam), now)
            .map(|_| ()),
        store.undo(now).map(|_| ()),
    ];
    for e in refused {
        let e = e.unwrap_err();
        assert!(ackbox::store::is_damaged(&e), "{e:#}");
        assert!(
            ackbox::store::explain(&e).contains("nothing more is written to it"),
            "{e:#}"
        );
    }
    // The answer given before stands; a reply being written is kept.
    assert_eq!(
        store.item(rid).unwrap().unwrap().state,
        ackbox::model::State::Answered
    );
    store.reply(rid, "me", "Ann, from 8!", now).unwrap();
    // Another database of the same process takes decisions as ever.
    let other = Sandbox::new();
    other.ok(
        &["import", other.file("a.jsonl", &line).to_str().unwrap()],
        now,
    );
    other.ok(&["mark", "x:1", "dismissed"], now);
}
