//! A database file deleted, moved or replaced under an open store takes no
//! more decisions, replies or drafts: they would go with the last
//! connection, or into the log beside another file, which they damage.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use ackbox::model::{DismissReason, State};
use ackbox::store::Store;
use ackbox::store::actions::Change;
use common::*;

#[test]
fn a_database_moved_away_or_over_takes_no_decision() {
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
    let moved = s.dir.path().join("moved.db");
    std::fs::rename(s.db(), &moved).unwrap();
    let e = store.apply(&[rid], Change::Answered, now).unwrap_err();
    assert!(
        format!("{e:#}").contains("is gone (deleted or moved)"),
        "{e:#}"
    );
    // Nor a reply, nor a draft: they went to a stray log, or into the log
    // of a backup moved over it, which they damaged.
    let e = store.reply(rid, "me", "Ann, from 8!", now).unwrap_err();
    assert!(format!("{e:#}").contains("is gone"), "{e:#}");
    assert!(store.keep_draft(rid, "Ann, from").is_err());
    assert!(store.drop_draft(rid).is_err());
    // Back where it was, it takes them again.
    std::fs::rename(&moved, s.db()).unwrap();
    store.apply(&[rid], Change::Answered, now).unwrap();
    // A copy moved over it is another file.
    let copy = s.dir.path().join("copy.db");
    std::fs::copy(s.db(), &copy).unwrap();
    std::fs::rename(&copy, s.db()).unwrap();
    let e = store
        .apply(&[rid], Change::Dismissed(DismissReason::Spam), now)
        .unwrap_err();
    assert!(format!("{e:#}").contains("was replaced"), "{e:#}");
    assert!(store.undo(now).is_err());
    assert!(store.reply(rid, "me", "Ann, from 8!", now).is_err());
    assert!(store.keep_draft(rid, "Ann, from").is_err());
    drop(store);
    assert_eq!(
        Store::open(&s.db())
            .unwrap()
            .item(rid)
            .unwrap()
            .unwrap()
            .state,
        State::Answered
    );
}
