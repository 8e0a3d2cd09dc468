//! Once a process has met damage in a database file, it writes no decision
//! to it more; a reply's words are still kept, and another file is not
//! concerned (a process of its own: the mark is for the whole process).
//! Nor to a file moved away or replaced under it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use ackbox::model::{DismissReason, State};
use ackbox::store::Store;
use ackbox::store::actions::Change;
use common::*;

/// A store opened on a database of one question (`x:1`), and its row id.
fn one_question(s: &Sandbox, now: chrono::DateTime<chrono::Utc>) -> (Store, i64) {
    s.ok(
        &["import", s.file("a.jsonl", &question()).to_str().unwrap()],
        now,
    );
    let store = Store::open(&s.db()).unwrap();
    let rid = store.rid_of(&"x:1".parse().unwrap()).unwrap();
    (store, rid)
}

fn question() -> String {
    item(
        "x",
        "1",
        "ann",
        "When do you open?",
        "2026-11-19T10:00:00Z",
        serde_json::json!({}),
    )
}

#[test]
fn a_process_that_met_damage_refuses_decisions() {
    let s = Sandbox::new();
    let now = t("2026-11-20T12:00:00Z");
    let (mut store, rid) = one_question(&s, now);
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
        &[
            "import",
            other.file("a.jsonl", &question()).to_str().unwrap(),
        ],
        now,
    );
    other.ok(&["mark", "x:1", "dismissed"], now);
}

/// A database file deleted, moved or replaced under an open store takes no
/// more decisions, replies or drafts: they would go with the last
/// connection, or into the log beside another file, which they damage.
#[test]
fn a_database_moved_away_or_over_takes_no_decision() {
    let s = Sandbox::new();
    let now = t("2026-11-20T12:00:00Z");
    let (mut store, rid) = one_question(&s, now);
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
