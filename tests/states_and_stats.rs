//! States, undo, statistics, export and the database file over real files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use ackbox::model::{DismissReason, State};
use ackbox::store::Store;
use chrono::{DateTime, Datelike, Utc};
use common::*;
use serde_json::{Value, json};
use std::path::Path;

const NOW: &str = "2026-11-20T12:00:00Z";

/// A file of one YouTube comment in `thread`, named after its id.
fn in_thread(
    s: &Sandbox,
    id: &str,
    author: &str,
    body: &str,
    at: &str,
    thread: &str,
) -> std::path::PathBuf {
    let line = item(
        "youtube",
        id,
        author,
        body,
        at,
        json!({"thread_id": thread}),
    );
    s.file(&format!("{id}.jsonl"), &lines(&[line]))
}

/// A small inbox whose figures are worked out by hand below.
fn fixture(s: &Sandbox) {
    let yt = |id: &str, who: &str, created: &str| {
        item(
            "youtube",
            id,
            who,
            &format!("comment {id}"),
            created,
            json!({}),
        )
    };
    let f = s.file(
        "fixture.jsonl",
        &lines(&[
            yt("a1", "joe", "2026-11-19T06:00:00Z"),
            reply(
                "youtube",
                "ra1",
                "a1",
                "Thanks Joe, glad the grind guide helped!",
                "2026-11-19T08:00:00Z",
            ),
            yt("a2", "ann", "2026-11-18T12:00:00Z"),
            reply(
                "youtube",
                "ra2",
                "a2",
                "Thanks for your comment!",
                "2026-11-19T18:00:00Z",
            ),
            item(
                "mastodon",
                "a3",
                "lea",
                "La livraison est lente",
                "2026-11-17T12:00:00Z",
                json!({}),
            ),
            reply(
                "mastodon",
                "ra3",
                "a3",
                "Merci Léa, bonne remarque sur la livraison",
                "2026-11-17T13:00:00Z",
            ),
            yt("d1", "spammer", "2026-11-16T12:00:00Z"),
            yt("n1", "joe", "2026-11-19T00:00:00Z"),
            yt("n2", "kim", "2026-11-14T12:00:00Z"),
            yt("old", "joe", "2026-11-10T12:00:00Z"),
            yt("edge", "max", "2026-11-13T12:00:00Z"),
            reply("youtube", "redge", "edge", "👍", "2026-11-13T13:00:00Z"),
            yt("m1", "sam", "2026-11-18T00:00:00Z"),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let said = s.ok(
        &["mark", "youtube:d1", "dismissed", "--reason", "bait"],
        t(NOW),
    );
    assert_eq!(said, "youtube:d1: dismissed (bait)\n");
    let said = s.ok(&["mark", "youtube:m1", "answered"], t(NOW));
    assert_eq!(said, "youtube:m1: marked answered\n");
}

/// Kaplan–Meier by its textbook definition: at each answer time, the share
/// answered among those still at risk (answered then or later, or open at
/// least that long).
fn kaplan_meier(events: &[i64], open: &[i64]) -> [Option<i64>; 2] {
    let mut times = events.to_vec();
    times.sort_unstable();
    times.dedup();
    let (mut survival, mut found) = (1.0, [None, None]);
    for t in times {
        let d = events.iter().filter(|&&e| e == t).count() as f64;
        let at_risk =
            events.iter().filter(|&&e| e >= t).count() + open.iter().filter(|&&a| a >= t).count();
        survival *= 1.0 - d / at_risk as f64;
        for (q, f) in [0.5, 0.9].iter().zip(&mut found) {
            if f.is_none() && 1.0 - survival >= q - 1e-12 {
                *f = Some(t);
            }
        }
    }
    found
}

#[test]
fn kaplan_meier_past_the_slowest_answers_counts_the_open_items() {
    // 100 answers after 1 to 200 hours, 40 items open for 5 to 200 hours:
    // the slowest answers are met by counting the open items between them
    // (from the roll-ups), the rest by reading each open item.
    let s = Sandbox::new();
    let now = t(NOW);
    let at = |secs_ago: i64| (now - chrono::Duration::seconds(secs_ago)).to_rfc3339();
    let mut rows = Vec::new();
    let (mut events, mut open) = (Vec::new(), Vec::new());
    for i in 0..100i64 {
        let created = 30 * 86_400 - i * 3_600;
        let took = ((i * 37) % 200 + 1) * 3_600 + i * 61;
        rows.push(item(
            "youtube",
            &format!("c{i}"),
            &format!("p{i}"),
            "hi",
            &at(created),
            json!({}),
        ));
        rows.push(reply(
            "youtube",
            &format!("r{i}"),
            &format!("c{i}"),
            "thanks",
            &at(created - took),
        ));
        events.push(took);
    }
    for k in 1..=40i64 {
        let age = k * 5 * 3_600 + k * 7;
        rows.push(item(
            "mastodon",
            &format!("o{k}"),
            &format!("q{k}"),
            "hello",
            &at(age),
            json!({}),
        ));
        open.push(age);
    }
    let f = s.file("km.jsonl", &lines(&rows));
    s.ok(&["import", f.to_str().unwrap()], now);
    let ttfr = &s.stats("90d", now)["time_to_first_reply"];
    let [median, p90] = kaplan_meier(&events, &open);
    assert!(median.is_some() && p90.is_some(), "{median:?} {p90:?}");
    assert_eq!(
        (
            ttfr["km_median_secs"].as_i64(),
            ttfr["km_p90_secs"].as_i64()
        ),
        (median, p90)
    );
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn every_statistic_matches_the_hand_computed_figures() {
    let s = Sandbox::new();
    fixture(&s);
    let r = s.stats("7d", t(NOW));
    // In the 7-day window (from 2026-11-13T12:00:00Z, included): a1 a2 a3 d1 n1 n2 edge m1.
    assert_eq!(r["incoming"], 8);
    assert_eq!(r["answered"], 5);
    assert_eq!(r["dismissed"], 1);
    assert_eq!(r["needs_reply"], 2);
    assert_eq!(r["dismissed_by_reason"]["bait"], 1);
    // Every reason is written, 0 where none: the keys are the same on any database.
    let reasons = r["dismissed_by_reason"].as_object().unwrap();
    assert_eq!(reasons.len(), DismissReason::ALL.len());
    assert_eq!(
        reasons.values().map(|n| n.as_u64().unwrap()).sum::<u64>(),
        1
    );
    assert!((f(&r["response_rate"]) - 5.0 / 7.0).abs() < 1e-9);
    assert!((f(&r["raw_response_rate"]) - 5.0 / 8.0).abs() < 1e-9);
    // Personal: a1 ("Thanks Joe, …") and a3 ("Merci Léa, …"); generic: a2 and edge;
    // m1 was marked by hand with no reply text, so unknown.
    assert_eq!(
        (
            r["personally_answered"].as_u64(),
            r["personal_unknown"].as_u64()
        ),
        (Some(2), Some(1))
    );
    assert!((f(&r["personal_reply_rate"]) - 2.0 / 4.0).abs() < 1e-9);
    // The same counts for a reader, adding up to the incoming.
    let human = s.ok(&["stats", "--window", "7d"], t(NOW));
    assert!(
        human.contains("5 answered of 8 incoming, 1 dismissed, 2 waiting\n"),
        "{human}"
    );
    // Within 24 h: a1 (2 h), a3 (1 h), edge (1 h); not a2 (30 h) nor m1 (marked after 60 h).
    assert!((f(&r["answered_within_target"]) - 3.0 / 5.0).abs() < 1e-9);
    let ttfr = &r["time_to_first_reply"];
    assert_eq!(ttfr["answered"], 5);
    assert_eq!(ttfr["median_secs"], 7200);
    // 1 h, 1 h, 2 h, 30 h, 60 h: 90 % of five is 4.5 of them, so the fifth.
    assert_eq!(ttfr["p90_secs"], 216_000);
    assert_eq!(ttfr["open"], 2);
    assert_eq!(ttfr["open_oldest_age_secs"], 6 * 86_400);
    // Kaplan–Meier with n1 (36 h) and n2 (6 d) censored: S drops to 3/7 at 30 h.
    assert_eq!(ttfr["km_median_secs"], 108_000);
    assert_eq!(ttfr["km_p90_secs"], Value::Null);
    let b = &r["backlog"];
    assert_eq!(
        (
            b["total"].as_u64(),
            b["under_1d"].as_u64(),
            b["from_1_to_3d"].as_u64()
        ),
        (Some(3), Some(0), Some(1))
    );
    assert_eq!(
        (b["from_3_to_7d"].as_u64(), b["over_7d"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(b["oldest"], "2026-11-10T12:00:00Z");
    assert_eq!(b["oldest_age_secs"], 10 * 86_400);
    assert_eq!(
        r["today"],
        json!({"answered": 1, "dismissed": 1, "needs_reply": 3})
    );
    let masto = r["per_platform"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["platform"] == "mastodon")
        .unwrap();
    assert_eq!(
        (masto["incoming"].as_u64(), f(&masto["response_rate"])),
        (Some(1), 1.0)
    );
    let total: u64 = r["over_time"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["incoming"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 8);
    let joe = r["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["author"] == "joe")
        .unwrap();
    assert_eq!(
        (
            joe["items"].as_u64(),
            joe["answered"].as_u64(),
            joe["needs_reply"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    // Reciprocity: answered of the items not dismissed; none to divide for
    // someone whose every item was dismissed.
    assert!((f(&joe["reciprocity"]) - 0.5).abs() < 1e-9, "{joe}");
    let spammer = (r["people"].as_array().unwrap().iter())
        .find(|p| p["author"] == "spammer")
        .unwrap();
    assert_eq!(spammer["reciprocity"], Value::Null, "{spammer}");
    // The window boundary: one day later "edge" falls out of the 7-day window.
    let later = s.stats("7d", t("2026-11-20T12:00:01Z"));
    assert_eq!(later["incoming"], 7);
    // All time includes "old".
    assert_eq!(s.stats("all", t(NOW))["incoming"], 9);
}

/// The figures the hand-computed inbox leaves out: a day's response rate
/// leaves its dismissed items out as the window's does; items still open
/// count the snoozed ones; the backlog's oldest is the oldest of every
/// platform's; a first reply is the earliest of several; a mute is the
/// day's dismissal of what waited, not of what arrives in it later.
#[test]
fn a_days_rate_the_open_items_and_the_first_of_several_replies() {
    let s = Sandbox::new();
    let at = |id: &str, platform: &str, created: &str| {
        item(
            platform,
            id,
            "ann",
            &format!("comment {id}"),
            created,
            json!({"thread_id": "v1"}),
        )
    };
    let file = s.file(
        "day.jsonl",
        &lines(&[
            at("c1", "youtube", "2026-11-18T12:00:00Z"),
            at("c2", "youtube", "2026-11-18T12:10:00Z"),
            at("c3", "youtube", "2026-11-18T12:20:00Z"),
            at("o1", "mastodon", "2026-11-15T12:00:00Z"),
            at("o2", "youtube", "2026-11-16T12:00:00Z"),
        ]),
    );
    s.ok(&["import", file.to_str().unwrap()], t(NOW));
    // Two replies to c1, in a later file: the first one dates its answer.
    let replies = s.file(
        "replies.jsonl",
        &lines(&[
            reply(
                "youtube",
                "r2",
                "c1",
                "Thanks Ann, more soon",
                "2026-11-18T17:00:00Z",
            ),
            reply("youtube", "r1", "c1", "Thanks Ann!", "2026-11-18T13:00:00Z"),
        ]),
    );
    s.ok(&["import", replies.to_str().unwrap()], t(NOW));
    s.ok(&["mark", "youtube:c2", "dismissed"], t(NOW));
    s.ok(&["snooze", "youtube:o2", "2026-11-21T09:00:00Z"], t(NOW));
    let r = s.stats("7d", t(NOW));
    let ttfr = &r["time_to_first_reply"];
    assert_eq!(ttfr["median_secs"], 3600, "{ttfr}");
    // c3 and o1 wait, o2 is snoozed: three still open, the oldest o1.
    assert_eq!(ttfr["open"], 3, "{ttfr}");
    assert_eq!(ttfr["open_oldest_age_secs"], 5 * 86_400, "{ttfr}");
    assert_eq!(r["backlog"]["oldest"], "2026-11-15T12:00:00Z");
    let day = (r["over_time"].as_array().unwrap().iter())
        .find(|b| {
            b["start"]
                .as_str()
                .is_some_and(|s| s.starts_with("2026-11-1"))
                && b["incoming"] == 3
        })
        .expect("the 18th");
    assert_eq!(
        (day["answered"].as_u64(), day["dismissed"].as_u64()),
        (Some(1), Some(1))
    );
    assert!((f(&day["response_rate"]) - 0.5).abs() < 1e-9, "{day}");
    // Muting the thread dismisses what waits in it: today's work; what
    // arrives in it later is nobody's.
    s.ok(&["mute", "youtube:v1"], t(NOW));
    let dismissed = |s: &Sandbox| s.stats("7d", t(NOW))["today"]["dismissed"].clone();
    assert_eq!(dismissed(&s), 3, "c2, then c3 and the snoozed o2 muted");
    let later = s.file(
        "later.jsonl",
        &lines(&[at("c4", "youtube", "2026-11-20T11:00:00Z")]),
    );
    s.ok(&["import", later.to_str().unwrap()], t(NOW));
    assert_eq!(dismissed(&s), 3, "c4 arrived dismissed: nobody's work");
}

#[test]
fn state_changes_and_undo_across_levels_and_restarts() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    s.ok(
        &["mark", "youtube:n1", "dismissed", "--reason", "off-topic"],
        now,
    );
    s.ok(&["snooze", "youtube:n2", "2d"], now);
    s.ok(&["mute", "youtube:t1"], now); // dismisses "old" (n1 already dismissed, n2 snoozed -> dismissed)
    assert_eq!(s.state_of("youtube", "old", now), "dismissed");
    assert_eq!(s.state_of("youtube", "n2", now), "dismissed");
    // Each `ackbox` call opens the database afresh: undo survives restarts.
    assert!(s.ok(&["undo"], now).contains("undone: mute"));
    assert_eq!(s.state_of("youtube", "old", now), "needs-reply");
    assert_eq!(s.state_of("youtube", "n2", now), "snoozed");
    assert!(
        s.ok(&["undo"], now)
            .contains("undone: snoozed (youtube:n2 ")
    );
    assert_eq!(s.state_of("youtube", "n2", now), "needs-reply");
    assert!(s.ok(&["undo"], now).contains("undone: dismissed"));
    assert_eq!(s.state_of("youtube", "n1", now), "needs-reply");
    // Then the fixture's own two actions, then nothing.
    s.ok(&["undo"], now);
    assert_eq!(s.state_of("youtube", "m1", now), "needs-reply");
    s.ok(&["undo"], now);
    assert_eq!(s.state_of("youtube", "d1", now), "needs-reply");
    let nothing = s.run(&["undo"], now).expect_err("nothing left to undo");
    assert_eq!(nothing.to_string(), "nothing to undo");
    // Imported answers are facts, not actions: undo never touches them.
    assert_eq!(s.state_of("youtube", "a1", now), "answered");
}

#[test]
fn snoozed_items_come_back_when_their_time_comes() {
    let s = Sandbox::new();
    fixture(&s);
    s.ok(&["snooze", "youtube:n1", "3h"], t(NOW));
    assert_eq!(s.state_of("youtube", "n1", t(NOW)), "snoozed");
    // The list says until when.
    let listed = s.ok(&["list", "--state", "snoozed"], t(NOW));
    assert!(
        listed.starts_with("youtube:n1  snoozed (until 2026-11-20T15:00:00Z)  "),
        "{listed}"
    );
    assert_eq!(
        s.state_of("youtube", "n1", t("2026-11-20T14:59:59Z")),
        "snoozed"
    );
    assert_eq!(
        s.state_of("youtube", "n1", t("2026-11-20T15:00:00Z")),
        "needs-reply"
    );
    assert!(
        s.run(&["snooze", "youtube:n1", "whenever"], t(NOW))
            .is_err()
    );
}

/// An answered item the user put back in the queue, then snoozed, wakes as
/// it was put: its old reply does not answer it again.
#[test]
fn a_snooze_wakes_to_the_queue_whatever_reply_came_before_it() {
    let s = Sandbox::new();
    fixture(&s);
    assert_eq!(s.state_of("youtube", "a1", t(NOW)), "answered");
    s.ok(&["mark", "youtube:a1", "needs-reply"], t(NOW));
    s.ok(&["snooze", "youtube:a1", "1h"], t(NOW));
    let later = t("2026-11-20T13:00:00Z");
    assert_eq!(s.state_of("youtube", "a1", later), "needs-reply");
    // Woken, it is still the user's decision: a change to it taken back
    // leaves it waiting (the wake forgot it, and the undo answered it).
    s.ok(&["mark", "youtube:a1", "dismissed"], later);
    let said = s.ok(&["undo"], later);
    assert!(!said.contains("stays answered"), "{said}");
    assert_eq!(s.state_of("youtube", "a1", later), "needs-reply");
}

/// An imported reply posted before one was written here is another reply:
/// it never takes the place of what the user wrote.
#[test]
fn an_older_imported_reply_does_not_replace_one_written_in_ackbox() {
    let s = Sandbox::new();
    fixture(&s);
    let to_n1 = replied_here_then_imported(&s, "old1", "Thanks!", "2026-11-06T12:00:00Z");
    assert_eq!(to_n1.len(), 2, "{to_n1:?}");
    assert!(to_n1.iter().any(|r| r.contains("Comandante")), "{to_n1:?}");
}

/// A reply to youtube:n1 written in ackbox, then `imported` (id, body,
/// date) from the platform: the replies to n1 after the import.
fn replied_here_then_imported(s: &Sandbox, imported: &str, body: &str, at: &str) -> Vec<String> {
    let now = t(NOW);
    {
        let mut store = Store::open(&s.db()).unwrap();
        let rid = store.rid_of(&"youtube:n1".parse().unwrap()).unwrap();
        store
            .reply(rid, "me", "Thanks Joe! The grinder is a Comandante.", now)
            .unwrap();
    }
    assert_eq!(s.state_of("youtube", "n1", now), "answered");
    let replies = s.ok(&["replies", "--json"], now);
    assert!(
        replies.contains("\"origin\":\"ackbox\",\"on_platform\":false"),
        "{replies}"
    );
    let f = s.file(
        "later.jsonl",
        &lines(&[reply("youtube", imported, "n1", body, at)]),
    );
    s.ok(&["import", f.to_str().unwrap()], now);
    (s.ok(&["replies", "--json"], now).lines())
        .filter(|l| l.contains("\"parent_id\":\"n1\""))
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_reply_written_in_ackbox_is_matched_by_the_later_import_and_undoable() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    // The platform's copy arrives later: one reply, not two.
    let to_n1 = replied_here_then_imported(
        &s,
        "rn1",
        "Thanks Joe! The grinder is a Comandante.",
        "2026-11-20T12:05:00Z",
    );
    assert_eq!(to_n1.len(), 1, "{to_n1:?}");
    assert!(
        to_n1[0].contains("\"id\":\"rn1\"")
            && to_n1[0].contains("\"origin\":\"ackbox\",\"on_platform\":true")
    );
    // Posted, it is no longer the user's to take back: undo takes the
    // action before it (marking m1 answered).
    let undone = Store::open(&s.db()).unwrap().undo(now).unwrap().unwrap();
    assert_ne!(undone.kind, "reply");
    // Which is said: the undo went past the reply.
    assert_eq!(undone.posted_since, 1);
    let said = Store::open(&s.db())
        .unwrap()
        .undone_said(&undone, "")
        .unwrap();
    assert!(
        said.ends_with("; your reply since is posted on the platform: no undo takes it back"),
        "{said}"
    );
    assert_eq!(s.state_of("youtube", "n1", now), "answered");
    assert_eq!(s.state_of("youtube", "m1", now), "needs-reply");
    assert!(s.ok(&["replies"], now).contains("Comandante"));
    // Undo of a reply removes it and reopens the item.
    let mut store = Store::open(&s.db()).unwrap();
    let rid = store.rid_of(&"youtube:n2".parse().unwrap()).unwrap();
    store.reply(rid, "me", "Kim, thanks!", now).unwrap();
    let personal = |s: &Sandbox| s.listed("n2", now)["personal"].clone();
    assert_eq!(personal(&s), json!(true));
    let undone = store.undo(now).unwrap().unwrap();
    assert_eq!(undone.kind, "reply");
    assert_eq!(undone.reply, Some(rid), "to write again");
    drop(store);
    assert_eq!(s.state_of("youtube", "n2", now), "needs-reply");
    // Without its reply the item is no longer personally answered.
    assert_eq!(personal(&s), Value::Null);
    assert!(!s.ok(&["replies"], now).contains("Kim, thanks!"));
    // The roll-ups (counts, the person's last reply) followed the reply and its undo.
    assert_rollups_match_items(&s);
    // Its text is the item's draft, after a restart too, until a reply is saved.
    let mut store = Store::open(&s.db()).unwrap();
    let draft = |store: &Store| store.item(rid).unwrap().unwrap().draft;
    assert_eq!(draft(&store).as_deref(), Some("Kim, thanks!"));
    store.reply(rid, "me", "Kim, thanks again!", now).unwrap();
    assert_eq!(draft(&store), None);
}

/// The last change a reply written here, posted since: undo says why it
/// has nothing to take back.
#[test]
fn an_undo_with_only_a_posted_reply_behind_it_says_why_it_takes_nothing_back() {
    let s = Sandbox::new();
    let now = t(NOW);
    let f = s.file(
        "one.jsonl",
        &lines(&[item(
            "youtube",
            "n1",
            "@joe",
            "Which grinder is that?",
            "2026-11-20T10:00:00Z",
            json!({}),
        )]),
    );
    s.ok(&["import", f.to_str().unwrap()], now);
    assert_eq!(s.fails(&["undo"], now), "nothing to undo");
    replied_here_then_imported(
        &s,
        "rn1",
        "Thanks Joe! The grinder is a Comandante.",
        "2026-11-20T12:05:00Z",
    );
    assert!(s.fails(&["undo"], now).contains(
        "nothing to undo: your replies are posted on the platform, and no undo takes them back"
    ));
    assert_eq!(s.state_of("youtube", "n1", now), "answered");
}

/// The platform's copy of a reply written here may name another parent:
/// none in a flat thread (GitHub), the top-level comment for a reply to a
/// reply (YouTube, with the @mention it adds). It still takes the reply's
/// place and answers the item it was written to, and the item's first reply
/// is timed by when it was posted, not by when it was written.
#[test]
fn the_platforms_copy_of_a_reply_written_here_is_matched_whatever_parent_it_names() {
    let s = Sandbox::new();
    let written = t("2026-11-20T12:00:00Z");
    let incoming = s.file(
        "in.jsonl",
        &lines(&[
            item(
                "github",
                "c1",
                "bob",
                "Is the C40 table fixed?",
                "2026-11-20T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "top",
                "ann",
                "Great video",
                "2026-11-20T09:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "top.r1",
                "joe",
                "Which grinder is that?",
                "2026-11-20T10:00:00Z",
                json!({"parent_id": "top"}),
            ),
        ]),
    );
    s.ok(&["import", incoming.to_str().unwrap()], written);
    {
        let mut store = Store::open(&s.db()).unwrap();
        for (id, text) in [
            ("github:c1", "@bob thanks, the C40 table is fixed too."),
            ("youtube:top.r1", "It's a Comandante C40, Joe!"),
        ] {
            let rid = store.rid_of(&id.parse().unwrap()).unwrap();
            store.reply(rid, "me", text, written).unwrap();
        }
    }
    let posted = "2026-11-20T14:00:00Z";
    let later = t("2026-11-20T15:00:00Z");
    let copies = s.file(
        "posted.jsonl",
        &lines(&[
            item(
                "github",
                "c9",
                "me",
                "@bob thanks, the C40 table is fixed too.",
                posted,
                json!({"own": true}),
            ),
            reply(
                "youtube",
                "top.r9",
                "top",
                "@joe It's a Comandante C40, Joe!",
                posted,
            ),
        ]),
    );
    s.ok(&["import", copies.to_str().unwrap()], later);
    let replies = s.ok(&["replies", "--json"], later);
    assert_eq!(replies.lines().count(), 2, "{replies}");
    for (id, parent) in [("c9", "c1"), ("top.r9", "top.r1")] {
        assert!(
            replies
                .lines()
                .any(|l| l.contains(&format!("\"id\":\"{id}\""))
                    && l.contains(&format!("\"parent_id\":\"{parent}\""))
                    && l.contains("\"origin\":\"ackbox\",\"on_platform\":true")),
            "{replies}"
        );
    }
    // Posted, neither is the user's to take back.
    assert!(Store::open(&s.db()).unwrap().undo(later).unwrap().is_none());
    assert_eq!(s.state_of("youtube", "top", later), "needs-reply");
    // Four hours from each comment to its reply on the platform.
    let ttfr = &s.stats("7d", later)["time_to_first_reply"];
    assert_eq!(ttfr["answered"], 2);
    assert_eq!(ttfr["median_secs"], 4 * 3600);
    // Importing the copies again changes nothing.
    let again = s.import_summary(&copies, later);
    assert_eq!(
        (again["new"].clone(), again["unchanged"].clone()),
        (json!(0), json!(2))
    );
}

/// An item answered only by a reply written here waits again when the
/// platform's copy of that reply answers another item since (or is gone):
/// writing it was no mark by hand.
#[test]
fn an_item_whose_reply_written_here_moved_away_waits_again() {
    let s = Sandbox::new();
    let written = t("2026-11-20T12:00:00Z");
    let comment = |id: &str, at: &str| item("github", id, "bob", "Is it fixed?", at, json!({}));
    let incoming = s.file(
        "in.jsonl",
        &lines(&[
            comment("c1", "2026-11-20T10:00:00Z"),
            comment("c2", "2026-11-20T11:00:00Z"),
        ]),
    );
    s.ok(&["import", incoming.to_str().unwrap()], written);
    {
        let mut store = Store::open(&s.db()).unwrap();
        let rid = store.rid_of(&"github:c1".parse().unwrap()).unwrap();
        store
            .reply(rid, "me", "Fixed, bob, thanks!", written)
            .unwrap();
    }
    let later = t("2026-11-20T15:00:00Z");
    let copy = |parent: serde_json::Value| {
        let mut extra = json!({"own": true});
        if !parent.is_null() {
            extra["parent_id"] = parent;
        }
        lines(&[item(
            "github",
            "c9",
            "me",
            "Fixed, bob, thanks!",
            "2026-11-20T14:00:00Z",
            extra,
        )])
    };
    s.ok(
        &[
            "import",
            s.file("posted.jsonl", &copy(Value::Null)).to_str().unwrap(),
        ],
        later,
    );
    assert_eq!(s.state_of("github", "c1", later), "answered");
    // The platform says the reply answers c2.
    s.ok(
        &[
            "import",
            s.file("moved.jsonl", &copy(json!("c2"))).to_str().unwrap(),
        ],
        later,
    );
    assert_eq!(s.state_of("github", "c2", later), "answered");
    assert_eq!(s.state_of("github", "c1", later), "needs-reply");
    assert_rollups_match_items(&s);
}

/// A reply written here names the item the user answered: a later import
/// that brings, under that comment, a follow-up from the same person (and
/// another reply of the owner's, posted elsewhere before it) leaves it on
/// that item, and the follow-up waits, although the reply @mentions them.
#[test]
fn a_reply_written_here_keeps_its_item_when_a_follow_up_comes() {
    let s = Sandbox::new();
    let written = t("2026-11-20T20:00:00Z");
    let question = item(
        "youtube",
        "q",
        "@joe",
        "What grind size for the V60? Mine tastes sour.",
        "2026-11-20T10:00:00Z",
        json!({"thread_id": "v"}),
    );
    let first = s.file("first.jsonl", &lines(std::slice::from_ref(&question)));
    s.ok(&["import", first.to_str().unwrap()], written);
    {
        let mut store = Store::open(&s.db()).unwrap();
        let rid = store.rid_of(&"youtube:q".parse().unwrap()).unwrap();
        let text = "@joe Joe, sour usually means too coarse: go two clicks finer.";
        store.reply(rid, "me", text, written).unwrap();
    }
    let later = t("2026-11-21T09:00:00Z");
    let next = s.file(
        "next.jsonl",
        &lines(&[
            question,
            item(
                "youtube",
                "p",
                "@me",
                "@joe sour means too coarse, grind finer",
                "2026-11-20T11:00:00Z",
                json!({"own": true, "parent_id": "q", "thread_id": "v"}),
            ),
            item(
                "youtube",
                "f1",
                "@joe",
                "@me thanks! which beans would you pick for a beginner?",
                "2026-11-20T12:00:00Z",
                json!({"parent_id": "q", "thread_id": "v"}),
            ),
        ]),
    );
    s.ok(&["import", next.to_str().unwrap()], later);
    assert_eq!(s.state_of("youtube", "f1", later), "needs-reply");
    let replies = s.ok(&["replies", "--json"], later);
    assert!(
        replies.lines().any(|l| l.contains("two clicks finer")
            && l.contains("\"parent_id\":\"q\"")
            && l.contains("\"origin\":\"ackbox\"")),
        "{replies}"
    );
}

/// The same words written here to two people, and posted straight to a
/// third: each platform copy is matched to the reply to its own person
/// (by its parent, or the @mention the platform puts first), and the one
/// posted straight answers its own parent, matching none.
#[test]
fn a_copy_is_matched_to_the_reply_written_to_its_own_person() {
    let s = Sandbox::new();
    let written = t("2026-11-20T12:00:00Z");
    let under = |id: &str, author: &str| {
        item(
            "youtube",
            id,
            author,
            "Which grinder?",
            "2026-11-20T10:00:00Z",
            json!({"parent_id": "top"}),
        )
    };
    let incoming = s.file(
        "in.jsonl",
        &lines(&[
            item(
                "youtube",
                "top",
                "host",
                "Grinders compared",
                "2026-11-20T09:00:00Z",
                json!({}),
            ),
            under("ann1", "ann"),
            under("bob1", "bob"),
            item(
                "youtube",
                "carl1",
                "carl",
                "Which grinder?",
                "2026-11-20T10:00:00Z",
                json!({}),
            ),
        ]),
    );
    s.ok(&["import", incoming.to_str().unwrap()], written);
    {
        let mut store = Store::open(&s.db()).unwrap();
        for (id, text) in [
            ("youtube:ann1", "@ann the C40"),
            ("youtube:bob1", "@bob the C40"),
        ] {
            let rid = store.rid_of(&id.parse().unwrap()).unwrap();
            store.reply(rid, "me", text, written).unwrap();
        }
    }
    let later = t("2026-11-20T15:00:00Z");
    let copies = s.file(
        "posted.jsonl",
        &lines(&[
            reply(
                "youtube",
                "carl1.r",
                "carl1",
                "@carl the C40",
                "2026-11-20T13:00:00Z",
            ),
            reply(
                "youtube",
                "top.rb",
                "top",
                "@bob the C40",
                "2026-11-20T14:00:00Z",
            ),
        ]),
    );
    for _ in 0..2 {
        s.ok(&["import", copies.to_str().unwrap()], later);
        let replies = s.ok(&["replies", "--json"], later);
        let to = |parent: &str| -> Vec<String> {
            (replies.lines())
                .filter(|l| l.contains(&format!("\"parent_id\":\"{parent}\"")))
                .map(|l| {
                    serde_json::from_str::<Value>(l).unwrap()["id"]
                        .as_str()
                        .unwrap()
                        .to_owned()
                })
                .collect()
        };
        assert_eq!(to("carl1"), ["carl1.r"], "{replies}");
        assert_eq!(to("bob1"), ["top.rb"], "{replies}");
        assert_eq!(to("ann1").len(), 1, "{replies}");
        assert!(to("ann1")[0].starts_with("ackbox:"), "{replies}");
        for id in ["ann1", "bob1", "carl1"] {
            assert_eq!(s.state_of("youtube", id, later), "answered", "{id}");
        }
    }
}

#[test]
fn export_then_import_into_an_empty_database_gives_the_same_state() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    s.ok(&["import", "assets/demo.jsonl"], now);
    // A mute that finds nothing waiting: in no item's log, an action all the same.
    let quiet = s.file(
        "quiet.jsonl",
        &lines(&[item(
            "youtube",
            "q1",
            "x",
            "hi",
            "2026-11-20T10:00:00Z",
            json!({"thread_id": "Qt"}),
        )]),
    );
    s.ok(&["import", quiet.to_str().unwrap()], now);
    s.ok(&["mark", "youtube:q1", "answered"], now);
    s.ok(&["mute", "youtube:Qt"], now);
    s.ok(&["snooze", "youtube:n1", "tomorrow"], now);
    s.ok(&["mute", "youtube:t1"], now);
    s.ok(&["undo"], now);
    s.ok(&["mute", "youtube:Ae7pRs3QkZw"], now);
    s.ok(
        &[
            "person",
            "youtube:joe",
            "--vip",
            "--note",
            "Roasts at home; asked about grinders",
        ],
        now,
    );
    s.ok(
        &["person", "youtube:ann", "--note", "Café owner in Porto"],
        now,
    );
    {
        let mut store = Store::open(&s.db()).unwrap();
        let rid = store.rid_of(&"youtube:n2".parse().unwrap()).unwrap();
        store
            .reply(rid, "me", "Kim, thanks for the tip!", now)
            .unwrap();
        // A reply taken back is the item's draft: the export keeps it.
        let undone = store.rid_of(&"wordpress:1197".parse().unwrap()).unwrap();
        store
            .reply(undone, "me", "Ana, yes —\nit ships Monday", now)
            .unwrap();
        store.undo(now).unwrap().unwrap();
    }
    // Comments that arrive in a muted thread come dismissed; undoing the
    // mute brings them back, in a restored database too.
    let late = |id: &str| {
        let f = s.file(
            &format!("{id}.jsonl"),
            &lines(&[item(
                "youtube",
                id,
                "x",
                "late",
                "2026-11-20T11:00:00Z",
                json!({"thread_id": "Ae7pRs3QkZw", "thread_title": null}),
            )]),
        );
        f.to_str().unwrap().to_owned()
    };
    s.ok(&["import", &late("zz")], now);
    assert_eq!(s.state_of("youtube", "zz", now), "dismissed");
    // A tag and a note taken back: the person has neither at the export.
    s.ok(&["person", "mastodon:lea", "--vip", "--note", "n1"], now);
    s.ok(&["person", "mastodon:lea", "--no-vip", "--note", ""], now);
    let mut copies = Vec::new();
    for format in ["jsonl", "csv"] {
        let dump = s.ok(&["export", "--format", format], now);
        assert!(
            dump.contains("reply_action"),
            "{format} export lacks the reply link"
        );
        let copy = Sandbox::new();
        let f = copy.file(&format!("export.{format}"), &dump);
        copy.ok(&["import", f.to_str().unwrap()], now);
        assert_eq!(copy.list(now), s.list(now), "{format}");
        let draft = |s: &Sandbox| {
            let store = Store::open(&s.db()).unwrap();
            let rid = store.rid_of(&"wordpress:1197".parse().unwrap()).unwrap();
            store.item(rid).unwrap().unwrap().draft
        };
        assert_eq!(
            draft(&copy).as_deref(),
            Some("Ana, yes —\nit ships Monday"),
            "{format}"
        );
        assert_eq!(
            copy.ok(&["replies", "--json"], now),
            s.ok(&["replies", "--json"], now),
            "{format}"
        );
        for w in ["7d", "all"] {
            assert_eq!(copy.stats(w, now), s.stats(w, now), "{format} {w}");
        }
        // VIP tags and notes come back with the people's items.
        for who in ["youtube:joe", "youtube:ann"] {
            assert_eq!(
                copy.ok(&["person", who, "--json"], now),
                s.ok(&["person", who, "--json"], now),
                "{format} {who}"
            );
        }
        assert_eq!(
            copy.ok(&["people", "--json"], now),
            s.ok(&["people", "--json"], now),
            "{format}"
        );
        copies.push(copy);
    }
    // Undo in a copy takes back the same actions, in the same order, as in
    // the original, down to the mute: the thread is heard again (and the
    // tag and note are back, then gone again).
    for _ in 0..8 {
        let expected = s.ok(&["undo"], now);
        for copy in &copies {
            assert_eq!(copy.ok(&["undo"], now), expected);
            assert_eq!(
                copy.ok(&["person", "mastodon:lea", "--json"], now),
                s.ok(&["person", "mastodon:lea", "--json"], now),
                "after {expected}"
            );
        }
    }
    assert_eq!(s.state_of("youtube", "zz", now), "needs-reply");
    s.ok(&["import", &late("zy")], now);
    assert_eq!(s.state_of("youtube", "zy", now), "needs-reply");
    for copy in &copies {
        copy.ok(&["import", &late("zy")], now);
        assert_eq!(copy.list(now), s.list(now));
    }
}

/// An export imported into a database that has its items already leaves
/// the database's states, and says how many it did not restore.
#[test]
fn an_export_into_a_database_with_its_items_says_what_it_did_not_restore() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    s.ok(&["mark", "youtube:n1", "dismissed"], now);
    let dump = s.ok(&["export"], now);
    let copy = Sandbox::new();
    fixture(&copy);
    let f = copy.file("export.jsonl", &dump);
    let out = copy.ok(&["import", "--json", f.to_str().unwrap()], now);
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["new"], 0);
    // Only n1's state differs: the others are stored as the export gives them.
    assert_eq!(summary["export_state_not_restored"], 1);
    let again = copy.ok(&["import", "--json", f.to_str().unwrap()], now);
    let again: Value = serde_json::from_str(&again).unwrap();
    assert_eq!(again["export_state_not_restored"], 1);
    // Into its own database, nothing is lost: nothing said, not even of
    // a snooze that ran out since the export (the item waits, as the
    // export's snooze would have it now).
    s.ok(&["snooze", "youtube:n2", "1h"], now);
    let snoozed = s.file("snoozed.jsonl", &s.ok(&["export"], now));
    let later = now + chrono::Duration::hours(2);
    let out = s.ok(&["import", "--json", snoozed.to_str().unwrap()], later);
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["export_state_not_restored"], 0, "{out}");
    assert_eq!(s.state_of("youtube", "n2", later), "needs-reply");
    let own = s.file("export.jsonl", &dump);
    let out = s.ok(&["import", "--json", own.to_str().unwrap()], now);
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["export_state_not_restored"], 0);
    assert_eq!(copy.state_of("youtube", "n1", now), "needs-reply");
    // Into an empty one, everything is restored.
    let empty = Sandbox::new();
    let f = empty.file("export.jsonl", &dump);
    let out = empty.ok(&["import", "--json", f.to_str().unwrap()], now);
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["export_state_not_restored"], 0);
    assert_eq!(empty.state_of("youtube", "n1", now), "dismissed");
}

/// A reply written here and exported comes back from that export neither
/// once taken back (undone: it would answer the item again, and an undo of
/// it leave the item answered by nothing) nor once found on the platform
/// (under its platform id: it would count twice). A reply written in
/// another database to an item stored here comes in as one an import
/// found, with no step to undo.
#[test]
fn an_older_export_does_not_bring_back_a_reply_taken_back_or_posted_since() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    let reply_to = |s: &Sandbox, id: &str, text: &str| {
        let mut store = Store::open(&s.db()).unwrap();
        let rid = store
            .rid_of(&format!("youtube:{id}").parse().unwrap())
            .unwrap();
        store.reply(rid, "me", text, now).unwrap();
    };
    reply_to(&s, "n2", "Kim, thanks for the grinder tip!");
    let dump = s.file("before.jsonl", &s.ok(&["export"], now));
    let replies = |s: &Sandbox| s.ok(&["replies"], now).matches("Kim, thanks").count();
    assert!(s.ok(&["undo"], now).starts_with("undone: reply"));
    assert_eq!(s.state_of("youtube", "n2", now), "needs-reply");
    let out = s.ok(&["import", "--json", dump.to_str().unwrap()], now);
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (
            summary["new"].as_u64(),
            summary["replies_not_restored"].as_u64()
        ),
        (Some(0), Some(1)),
        "{out}"
    );
    assert_eq!(s.state_of("youtube", "n2", now), "needs-reply");
    assert_eq!(replies(&s), 0);

    // Posted since: the platform's copy took the reply's place.
    reply_to(&s, "n2", "Kim, thanks for the grinder tip!");
    let dump = s.file("before2.jsonl", &s.ok(&["export"], now));
    let copy = reply(
        "youtube",
        "rn2",
        "n2",
        "Kim, thanks for the grinder tip!",
        NOW,
    );
    s.ok(
        &["import", s.file("posted.jsonl", &copy).to_str().unwrap()],
        now,
    );
    s.ok(&["import", dump.to_str().unwrap()], now);
    assert_eq!(replies(&s), 1);
    assert_eq!(s.state_of("youtube", "n2", now), "answered");

    // Another database's reply to an item stored here is no step of its own.
    let other = Sandbox::new();
    fixture(&other);
    reply_to(&other, "edge", "Max, thanks!");
    let dump = s.file("other.jsonl", &other.ok(&["export"], now));
    s.ok(&["import", dump.to_str().unwrap()], now);
    assert_eq!(s.state_of("youtube", "edge", now), "answered");
    // Into a database that has none of its items, it comes whole, its
    // reply too (the reply's step is restored with its item's log).
    let third = Sandbox::new();
    let unrelated = item("x", "x1", "zed", "hello", "2026-11-19T10:00:00Z", json!({}));
    third.ok(
        &[
            "import",
            third.file("x.jsonl", &unrelated).to_str().unwrap(),
        ],
        now,
    );
    let out = third.ok(&["import", "--json", dump.to_str().unwrap()], now);
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["replies_not_restored"], 0, "{out}");
    assert!(third.ok(&["replies"], now).contains("Max, thanks!"));
    assert_eq!(third.state_of("youtube", "edge", now), "answered");
    let undone = s.ok(&["undo"], now);
    assert!(!undone.starts_with("undone: reply"), "{undone}");
    assert_eq!(s.state_of("youtube", "edge", now), "answered");
    assert!(s.ok(&["replies"], now).contains("Max, thanks!"));
}

/// A reply or a draft is kept up to 4 MiB, as a comment is, and a comment
/// and a draft at their longest, every character a quote (escaped twice
/// over), come back from their export in either format (HH).
#[test]
fn an_export_of_the_longest_texts_imports_back() {
    let s = Sandbox::new();
    let now = t(NOW);
    let longest = "\"".repeat(4 << 20);
    let q = item(
        "youtube",
        "q",
        "@ann",
        &longest,
        "2026-11-19T10:00:00Z",
        json!({}),
    );
    s.ok(&["import", s.file("q.jsonl", &q).to_str().unwrap()], now);
    {
        let mut store = Store::open(&s.db()).unwrap();
        let rid = store.rid_of(&"youtube:q".parse().unwrap()).unwrap();
        let over = "x".repeat((4 << 20) + 1);
        let e = store.reply(rid, "me", &over, now).unwrap_err().to_string();
        assert!(e.contains("a reply is kept up to 4 MiB"), "{e}");
        assert!(store.keep_draft(rid, &over).is_err());
        store.keep_draft(rid, &longest).unwrap();
    }
    let whole = s.ok(&["export"], now);
    assert!(whole.contains("\"draft\""));
    for format in ["jsonl", "csv"] {
        let dump = s.ok(&["export", "--format", format], now);
        let moved = Sandbox::new();
        let f = moved.file(&format!("e.{format}"), &dump);
        moved.ok(&["import", f.to_str().unwrap()], now);
        assert!(moved.ok(&["export"], now) == whole, "{format}");
    }
}

/// The fixture with a reply to n2 written here.
fn replied_to_n2(now: DateTime<Utc>) -> Sandbox {
    let s = Sandbox::new();
    fixture(&s);
    let mut store = Store::open(&s.db()).unwrap();
    let rid = store.rid_of(&"youtube:n2".parse().unwrap()).unwrap();
    store
        .reply(rid, "me", "Kim, thanks for the grinder tip!", now)
        .unwrap();
    s
}

/// The export of `s` as two files in an empty database: the items, which
/// it imports, and the one reply written here, which it returns.
fn split_export(s: &Sandbox, now: DateTime<Utc>) -> (Sandbox, std::path::PathBuf) {
    let dump = s.ok(&["export"], now);
    let (items, replies): (Vec<&str>, Vec<&str>) = dump
        .lines()
        .partition(|l| !l.contains("\"origin\":\"ackbox\""));
    assert_eq!(replies.len(), 1, "{dump}");
    let moved = Sandbox::new();
    let first = moved.file("part1.jsonl", &(items.join("\n") + "\n"));
    let second = moved.file("part2.jsonl", &(replies.join("\n") + "\n"));
    moved.ok(&["import", first.to_str().unwrap()], now);
    (moved, second)
}

/// An export moved as two files, the item in one and the reply written
/// here in the other, comes back as one file would: the reply restored
/// (not taken for one this database took back) and answering its item,
/// and an undo of it takes the reply back as a draft.
#[test]
fn an_export_in_two_parts_restores_a_reply_written_here() {
    let now = t(NOW);
    let s = replied_to_n2(now);
    let (moved, second) = split_export(&s, now);
    let out = moved.ok(&["import", "--json", second.to_str().unwrap()], now);
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (&summary["new"], &summary["replies_not_restored"]),
        (&json!(1), &json!(0)),
        "{out}"
    );
    assert!(moved.ok(&["replies"], now).contains("Kim, thanks"));
    let n2 = |s: &Sandbox| -> Value {
        let list = s.ok(&["list", "--state", "all", "--json"], now);
        (list
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()))
        .find(|v| v["id"] == "n2")
        .unwrap()
    };
    assert_eq!(n2(&moved)["first_reply_at"], n2(&s)["first_reply_at"]);
    assert_eq!(n2(&moved)["personal"], json!(true));
    assert!(moved.ok(&["undo"], now).starts_with("undone: reply"));
    assert_eq!(moved.state_of("youtube", "n2", now), "needs-reply");
    assert!(!moved.ok(&["replies"], now).contains("Kim, thanks"));
    let back = moved.ok(&["export"], now);
    assert!(
        back.contains("\"draft\":\"Kim, thanks for the grinder tip!\""),
        "{back}"
    );
}

/// A second reply to an item, which changed no state, is named by the
/// item it answered when it is taken back.
#[test]
fn undoing_a_second_reply_names_its_item() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    let mut store = Store::open(&s.db()).unwrap();
    let rid = store.rid_of(&"youtube:n2".parse().unwrap()).unwrap();
    store.reply(rid, "me", "Kim, thanks!", now).unwrap();
    store
        .reply(rid, "me", "Kim, one more thing: the burrs.", now)
        .unwrap();
    drop(store);
    let undone = s.ok(&["undo"], now);
    assert!(undone.contains("youtube:n2"), "{undone}");
    assert_eq!(s.state_of("youtube", "n2", now), "answered");
}

/// A restored export keeps what the mutes and unmutes of threads were and
/// when a mute began: undo there mutes an unmuted thread again, and an item
/// written before a mute is dismissed as of the mute, not of the restore.
#[test]
fn a_restored_export_keeps_its_threads_mutes_unmutes_and_their_times() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    let arrival = |id: &str, thread: &str| {
        let asked = "Is the shop open on Sunday?";
        in_thread(&s, id, "kim", asked, "2026-11-10T11:00:00Z", thread)
    };
    s.ok(&["import", arrival("q1", "Qt").to_str().unwrap()], now);
    s.ok(&["mute", "youtube:t1"], now);
    s.ok(&["unmute", "youtube:t1"], now);
    s.ok(&["mute", "youtube:Qt"], now);
    let copy = Sandbox::new();
    let dump = copy.file("export.jsonl", &s.ok(&["export"], now));
    let later = t("2026-11-22T08:00:00Z");
    copy.ok(&["import", dump.to_str().unwrap()], later);
    let changed_at = |s: &Sandbox, id: &str| {
        let export = s.ok(&["export"], later);
        let line = export
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .find(|v| v["id"] == id)
            .unwrap();
        line["state_changed_at"].clone()
    };
    for s in [&s, &copy] {
        s.ok(&["import", arrival("q2", "Qt").to_str().unwrap()], later);
        assert_eq!(s.state_of("youtube", "q2", later), "dismissed");
        assert_eq!(changed_at(s, "q2"), json!(NOW), "dismissed as of the mute");
        assert!(s.ok(&["undo"], later).contains("undone: mute"));
        assert!(s.ok(&["undo"], later).contains("undone: unmute"));
        s.ok(&["import", arrival("q3", "t1").to_str().unwrap()], later);
        assert_eq!(
            s.state_of("youtube", "q3", later),
            "dismissed",
            "t1 muted again"
        );
    }
}

#[test]
fn an_undo_in_a_restored_export_gives_back_when_the_state_was_reached() {
    let s = Sandbox::new();
    fixture(&s);
    // n1 answered by hand (its reply time counts from then), then
    // dismissed by mistake; the export is taken before the undo.
    s.ok(
        &["mark", "youtube:n1", "answered"],
        t("2026-11-19T03:00:00Z"),
    );
    s.ok(&["mark", "youtube:n1", "dismissed"], t(NOW));
    let later = t("2026-11-21T12:00:00Z");
    let copies: Vec<Sandbox> = ["jsonl", "csv"]
        .into_iter()
        .map(|format| {
            let copy = Sandbox::new();
            let dump = s.ok(&["export", "--format", format], later);
            let f = copy.file(&format!("export.{format}"), &dump);
            copy.ok(&["import", f.to_str().unwrap()], later);
            copy
        })
        .collect();
    s.ok(&["undo"], later);
    let original = s.stats("all", later);
    for copy in &copies {
        copy.ok(&["undo"], later);
        assert_eq!(copy.stats("all", later), original);
    }
}

#[test]
fn an_empty_file_is_migrated_and_a_newer_database_refused_untouched() {
    let s = Sandbox::new();
    std::fs::write(s.db(), b"").unwrap();
    // A command that only reads leaves it alone; opened to write, it is made a database.
    assert!(s.fails(&["list"], t(NOW)).contains("(an empty file)"));
    assert_eq!(bytes(&s.db()), b"");
    // So is an SQLite database with nothing in it (`sqlite3 x.db VACUUM`).
    let blank = s.db().with_extension("blank.db");
    rusqlite::Connection::open(&blank)
        .unwrap()
        .execute_batch("VACUUM")
        .unwrap();
    let before = bytes(&blank);
    assert_eq!(before.len(), 4096);
    let args = ["--db", blank.to_str().unwrap()];
    for command in [
        &["list"][..],
        &["stats", "--json"],
        &["people"],
        &["export"],
    ] {
        let err = s.fails(&[command, &args[..]].concat(), t(NOW));
        assert!(
            err.contains("(an empty SQLite database)"),
            "{command:?}: {err}"
        );
        assert_eq!(bytes(&blank), before, "{command:?}");
    }
    // Nor does a dry run make it a database (nor an empty file one), and a
    // blank one in WAL mode gets no files beside it.
    let line = item("x", "1", "a", "hi", "2026-11-01T10:00:00Z", json!({}));
    let file = s.file("one.jsonl", &line);
    let empty = s.db().with_extension("empty.db");
    std::fs::write(&empty, b"").unwrap();
    for (db, was) in [(&blank, &before), (&empty, &Vec::new())] {
        let dry_run = ["import", "--dry-run", file.to_str().unwrap()];
        let said = s.ok(
            &[&dry_run[..], &["--db", db.to_str().unwrap()]].concat(),
            t(NOW),
        );
        assert!(said.contains("1 new"), "{said}");
        assert!(&bytes(db) == was, "{} changed", db.display());
    }
    let wal = s.db().with_extension("wal.db");
    rusqlite::Connection::open(&wal)
        .unwrap()
        .execute_batch("PRAGMA journal_mode = WAL; VACUUM")
        .unwrap();
    let err = s.fails(&["list", "--db", wal.to_str().unwrap()], t(NOW));
    assert!(err.contains("(an empty SQLite database)"), "{err}");
    for beside in ["-wal", "-shm"] {
        let mut p = wal.clone().into_os_string();
        p.push(beside);
        assert!(!std::path::Path::new(&p).exists(), "{beside}");
    }
    let store = Store::open(&s.db()).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        ackbox::store::SCHEMA_VERSION
    );
    drop(store);

    let newer = s.dir.path().join("newer.db");
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; CREATE TABLE future (x); PRAGMA user_version = 99;
             PRAGMA application_id = 1633905506;",
        )
        .unwrap();
    }
    let before = bytes(&newer);
    let err = format!("{:#}", Store::open(&newer).err().expect("refused"));
    assert!(err.contains("newer ackbox") && err.contains("99"), "{err}");
    assert!(bytes(&newer) == before, "changed");
    // (In WAL mode: nothing left beside it either.)
    assert!(!newer.with_extension("db-wal").exists());
    assert!(!newer.with_extension("db-shm").exists());

    let junk = s.file(
        "junk.db",
        "this is not a database, just text that is long enough to look like a header....",
    );
    let err = format!("{:#}", Store::open(&junk).err().expect("refused"));
    assert!(err.contains("not an ackbox database"), "{err}");

    // An ackbox database cut short (a disk error, a copy taken mid-write):
    // damaged, and what to do about it; not "another program's file".
    let cut = s.dir.path().join("cut.db");
    {
        let mut store = Store::open(&cut).unwrap();
        let demo = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.jsonl"));
        ackbox::import::import_path(
            &mut store,
            demo,
            &Default::default(),
            &Default::default(),
            t(NOW),
        )
        .unwrap();
    }
    let whole = std::fs::read(&cut).unwrap();
    std::fs::write(&cut, &whole[..whole.len() / 3]).unwrap();
    let err = Store::open(&cut)
        .and_then(|store| store.needs_reply_count().map(|_| ()))
        .expect_err("damaged");
    let err = ackbox::store::explain(&err);
    assert!(
        err.contains("the database file is damaged")
            && err.contains(".recover")
            && err.contains("FILE-wal"),
        "{err}"
    );
    assert_eq!(err.matches("is damaged").count(), 1, "said once: {err}");
    // Cut at its last pages, SQLite reads short of what its header promises.
    let short = Sandbox::new();
    short.ok(&["import", "assets/demo.jsonl"], t(NOW));
    let len = std::fs::metadata(short.db()).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(short.db())
        .unwrap()
        .set_len(len * 99 / 100)
        .unwrap();
    let err = short
        .run(&["list", "--state", "all"], t(NOW))
        .expect_err("damaged");
    let err = ackbox::store::explain(&err);
    assert!(err.contains("the database file is damaged"), "{err}");

    // Damage met after the file opened names it (the default one is not on
    // the command line).
    let torn = Sandbox::new();
    torn.ok(&["import", "assets/demo.jsonl"], t(NOW));
    {
        use std::io::{Seek, Write};
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(torn.db())
            .unwrap();
        f.seek(std::io::SeekFrom::Start(4096 * 10)).unwrap();
        f.write_all(&[0xa5; 4096 * 3]).unwrap();
    }
    let err = torn
        .run(&["list", "--state", "all"], t(NOW))
        .expect_err("damaged");
    let err = ackbox::store::explain(&err);
    let named = format!(
        "database {}: the database file is damaged",
        torn.db().display()
    );
    assert!(err.starts_with(&named), "{err}");

    // Damage SQLite's own checks let by: a text that is not UTF-8.
    let flipped = Sandbox::new();
    fixture(&flipped);
    let conn = rusqlite::Connection::open(flipped.db()).unwrap();
    ackbox::store::register_functions(&conn).unwrap();
    conn.execute("UPDATE items SET body = CAST(x'ff41' AS TEXT)", [])
        .unwrap();
    let err = flipped
        .run(&["list", "--state", "all"], t(NOW))
        .expect_err("damaged");
    let err = ackbox::store::explain(&err);
    assert!(
        err.starts_with("the database file is damaged")
            && err.contains("(a value ackbox never writes there: "),
        "{err}"
    );
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    for (sql, says) in [
        (
            "CREATE TABLE contacts (name TEXT);",
            "it holds other tables (contacts)",
        ),
        // Tables named like ackbox's, with a program id of its own.
        (
            "CREATE TABLE items (x); CREATE TABLE threads (x); CREATE TABLE actions (x);
             CREATE TABLE log (x); PRAGMA user_version = 3; PRAGMA application_id = 7;",
            "another program's SQLite file (application id 0x7)",
        ),
        // SQLite's id is 32 bits: shown as such, not sign-extended.
        (
            "CREATE TABLE items (x); PRAGMA application_id = -1;",
            "another program's SQLite file (application id 0xffffffff)",
        ),
        (
            "PRAGMA user_version = 4;",
            "it has no tables but schema version 4",
        ),
    ] {
        let s = Sandbox::new();
        rusqlite::Connection::open(s.db())
            .unwrap()
            .execute_batch(sql)
            .unwrap();
        let before = bytes(&s.db());
        for args in [["list"].as_slice(), &["import", "assets/demo.jsonl"]] {
            let err = s.fails(args, t(NOW));
            let want = format!("not an ackbox database: {says}; the file was not changed");
            assert!(err.contains(&want), "{err}");
        }
        assert_eq!(bytes(&s.db()), before, "{sql}");
        assert!(!s.db().with_extension("db-wal").exists());
    }
}

/// A negative schema version is none ackbox wrote: said so, the file untouched.
#[test]
fn a_negative_schema_version_is_refused_untouched() {
    for version in ["-1", "-2147483648"] {
        let s = Sandbox::new();
        s.ok(&["import", "assets/demo.jsonl"], t(NOW));
        rusqlite::Connection::open(s.db())
            .unwrap()
            .execute_batch(&format!("PRAGMA user_version = {version}"))
            .unwrap();
        let before = bytes(&s.db());
        for args in [["list"].as_slice(), &["import", "assets/demo.jsonl"]] {
            let err = s.fails(args, t(NOW));
            let want = format!(
                "schema version {version} is not one ackbox writes (0 or more); \
                 the file was not changed"
            );
            assert!(err.contains(&want), "{err}");
        }
        assert_eq!(bytes(&s.db()), before, "{version}");
    }
}

#[test]
fn an_ackbox_database_from_before_the_application_id_still_opens() {
    let s = Sandbox::new();
    s.ok(&["import", "assets/demo.jsonl"], t(NOW));
    let id = |db: &Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap()
    };
    assert_ne!(id(&s.db()), 0, "written by ackbox");
    rusqlite::Connection::open(s.db())
        .unwrap()
        .execute_batch("PRAGMA application_id = 0")
        .unwrap();
    let before = s.list(t(NOW));
    assert!(!before.is_empty());
    assert_eq!(s.list(t(NOW)), before);
    assert_ne!(id(&s.db()), 0, "and written again");
}

/// Several ackboxes opening one new file at the same moment (an import and
/// the TUI, two imports): each waits for the schema the first one writes.
#[test]
fn processes_creating_one_database_at_once_all_get_it() {
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("new.db");
        let start = std::sync::Barrier::new(4);
        std::thread::scope(|scope| {
            let openers: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| {
                        start.wait();
                        Store::open(&db).map(|_| ())
                    })
                })
                .collect();
            for o in openers {
                let opened = o.join().unwrap();
                assert!(opened.is_ok(), "{opened:?}");
            }
        });
    }
}

/// A command that only reads is served while the database cannot be
/// written (another process writing, a read-only file): a snooze that ran
/// out meanwhile wakes at the next change instead.
#[test]
fn reading_needs_no_write_when_a_snooze_ran_out() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    s.ok(&["snooze", "youtube:n1", "1h"], now);
    let writer = rusqlite::Connection::open(s.db()).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; UPDATE settings SET value = value;")
        .unwrap();
    let later = now + chrono::Duration::hours(2);
    let listed = s.run(&["list", "--state", "all", "--json"], later);
    assert!(listed.is_ok_and(|out| out.contains("\"n1\"")));
    writer.execute_batch("ROLLBACK").unwrap();
    assert_eq!(
        s.state_of("youtube", "n1", later),
        "needs-reply",
        "woken then"
    );
}

#[test]
fn state_counts_and_rollups_follow_every_change() {
    let s = Sandbox::new();
    let now = t(NOW);
    let check = |s: &Sandbox| {
        assert_rollups_match_items(s);
        let mut expected = [0u64; 4];
        for v in s.list(now) {
            let i = ["needs-reply", "answered", "dismissed", "snoozed"]
                .iter()
                .position(|x| v["state"] == *x)
                .unwrap();
            expected[i] += 1;
        }
        let store = Store::open(&s.db()).unwrap();
        assert_eq!(store.state_counts().unwrap(), expected);
        assert_eq!(store.needs_reply_count().unwrap(), expected[0]);
    };
    fixture(&s); // a bulk load into an empty database, then two marks
    check(&s);
    s.ok(&["import", "assets/demo.jsonl"], now); // an incremental import
    check(&s);
    s.ok(&["snooze", "youtube:n1", "2h"], now);
    s.ok(&["mute", "youtube:t1"], now);
    check(&s);
    s.ok(&["undo"], now);
    s.ok(&["undo"], now);
    check(&s);
    assert_eq!(
        s.state_of("youtube", "n1", t("2026-11-20T15:00:00Z")),
        "needs-reply"
    ); // woken
    check(&s);
    // Marked answered by hand (personal unknown), then an item that moved
    // to another author and another hour, and a reply that answers one.
    s.ok(&["mark", "youtube:n2", "answered"], now);
    let moved = s.file(
        "moved.jsonl",
        &lines(&[
            item(
                "youtube",
                "a1",
                "joanna",
                "comment a1",
                "2026-11-12T03:30:00Z",
                json!({}),
            ),
            reply(
                "youtube",
                "rn1",
                "n1",
                "Thanks Joe, the coupon date is fixed now",
                "2026-11-20T11:00:00Z",
            ),
        ]),
    );
    let out = s.ok(&["import", moved.to_str().unwrap()], now);
    assert!(out.contains("1 updated"), "{out}");
    check(&s);
}

#[test]
fn a_reply_answers_a_snoozed_item_at_once_and_a_woken_snooze_is_not_what_undo_takes_back() {
    let s = Sandbox::new();
    fixture(&s);
    s.ok(&["snooze", "youtube:n1", "1h"], t(NOW));
    s.ok(&["snooze", "youtube:n2", "1h"], t(NOW));
    let f = s.file(
        "r.jsonl",
        &lines(&[reply(
            "youtube",
            "rn2",
            "n2",
            "Kim, thanks!",
            "2026-11-20T12:30:00Z",
        )]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    // Answered when the reply was written, not when the snooze ends: today's
    // progress counts it on the reply's day.
    assert_eq!(s.state_of("youtube", "n2", t(NOW)), "answered");
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let when = "SELECT state_at, snoozed_until FROM items WHERE id = 'n2'";
    let answered = t("2026-11-20T12:30:00Z").timestamp();
    assert_eq!(
        rows(&conn, when),
        rows(&conn, &format!("SELECT {answered}, NULL"))
    );
    let later = t("2026-11-20T13:30:00Z");
    assert_eq!(s.state_of("youtube", "n1", later), "needs-reply");
    assert_eq!(s.state_of("youtube", "n2", later), "answered");
    // Undo takes back the last snooze the user made, not the wake-up; the
    // reply still answers it, as of when it was written: nothing undone.
    let said = s.ok(&["undo"], later);
    assert!(
        said.starts_with("nothing undone: snoozed (youtube:n2 "),
        "{said}"
    );
    assert_eq!(s.state_of("youtube", "n2", later), "answered");
    assert_eq!(
        rows(&conn, when),
        rows(&conn, &format!("SELECT {answered}, NULL"))
    );
}

#[test]
fn windows_cut_anywhere_count_what_the_items_say() {
    let s = Sandbox::new();
    let now = t(NOW);
    // 300 comments every 17 min 13 s over three and a half days, some answered.
    let mut records = Vec::new();
    for i in 0..300i64 {
        let at = t("2026-11-16T00:00:00Z") + chrono::Duration::seconds(i * 1033);
        let stamp = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let platform = ["youtube", "mastodon", "github"][(i % 3) as usize];
        let id = format!("c{i}");
        records.push(item(
            platform,
            &id,
            &format!("u{}", i % 7),
            "a question?",
            &stamp,
            json!({}),
        ));
        if i % 4 == 0 {
            let later = (at + chrono::Duration::seconds(4000 + i * 37))
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            records.push(reply(
                platform,
                &format!("r{i}"),
                &id,
                "Thanks, fixed",
                &later,
            ));
        }
    }
    let f = s.file("many.jsonl", &lines(&records));
    s.ok(&["import", f.to_str().unwrap()], now);
    s.ok(&["mark", "github:c2", "dismissed"], now);
    let store = Store::open(&s.db()).unwrap();
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let start = t("2026-11-16T00:00:00Z").timestamp();
    for (a, b) in [
        (0, 1),
        (0, 3600),
        (59, 7199),
        (1234, 200_000),
        (-500, 400_000),
        (3601, 3602),
    ] {
        let (from, to) = (start + a, start + b);
        let counts = store.window_counts(from, to).unwrap();
        let counted = rows(
            &conn,
            &format!(
                "SELECT platform, COUNT(*), SUM(state = 1), SUM(state = 2), SUM(state = 0)
                 FROM items WHERE own = 0 AND created_at >= {from} AND created_at < {to}
                 GROUP BY platform ORDER BY platform"
            ),
        );
        let kept: Vec<Vec<rusqlite::types::Value>> = counts
            .iter()
            .map(|(p, c)| {
                vec![
                    p.clone().into(),
                    (c.incoming as i64).into(),
                    (c.answered as i64).into(),
                    (c.dismissed as i64).into(),
                    (c.needs_reply as i64).into(),
                ]
            })
            .collect();
        assert_eq!(kept, counted, "window {a}..{b}");
        // Buckets on local days: UTC, summer time (Lisbon, from 29 March),
        // and an offset of whole hours west (New York).
        let zones = [
            chrono_tz::UTC,
            chrono_tz::Europe::Lisbon,
            chrono_tz::America::New_York,
        ];
        for tz in zones {
            let starts = ackbox::stats::bucket_starts(&tz, from, to, false);
            let buckets = store.buckets(from, to, &starts).unwrap();
            let ends = starts.iter().skip(1).copied().chain([i64::MAX]);
            for (b, end) in buckets.iter().zip(ends) {
                let (a, z) = (b.start.max(from), end.min(to));
                let expected = rows(
                    &conn,
                    &format!(
                        "SELECT COUNT(*), SUM(own = 0), SUM(own = 1) FROM items
                         WHERE created_at >= {a} AND created_at < {z}"
                    ),
                );
                let n = |v: &rusqlite::types::Value| match v {
                    rusqlite::types::Value::Integer(n) => *n as u64,
                    _ => 0,
                };
                assert_eq!(
                    (b.incoming, b.replies),
                    (n(&expected[0][1]), n(&expected[0][2])),
                    "{tz} bucket from {}",
                    b.start
                );
            }
        }
    }
}

#[test]
fn an_import_in_parts_ranks_the_queue_like_one_import_of_everything() {
    let demo = std::fs::read_to_string("assets/demo.jsonl").unwrap();
    let all: Vec<&str> = demo.lines().collect();
    let (first, second) = all.split_at(all.len() / 2);
    let now = t(NOW);
    let queue = |s: &Sandbox| {
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        rows(
            &conn,
            "SELECT platform, id, queue_key FROM items WHERE own = 0 AND state = 0 ORDER BY 1, 2",
        )
    };
    let parts = Sandbox::new();
    for (name, part) in [("a.jsonl", first), ("b.jsonl", second)] {
        let f = parts.file(name, &(part.join("\n") + "\n"));
        parts.ok(&["import", f.to_str().unwrap()], now);
    }
    let whole = Sandbox::new();
    whole.ok(&["import", "assets/demo.jsonl"], now);
    let ranked = queue(&whole);
    assert!(ranked.len() > 50);
    assert_eq!(queue(&parts), ranked);
}

#[test]
fn a_database_of_the_first_version_is_upgraded_with_its_items_and_stays_searchable() {
    let s = Sandbox::new();
    {
        // A version-3 file, as the first ackbox wrote it, with one item in it.
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        for sql in &ackbox::store::MIGRATIONS[..3] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 3;
             INSERT INTO items (platform, id, thread_id, author, body, created_at, url, state)
             VALUES ('youtube', 'old1', 't1', 'joe', 'the coupon date is wrong', 1763000000,
                     'https://www.youtube.com/watch?v=t1&lc=old1', 0);
             INSERT INTO threads (platform, thread_id, title) VALUES ('youtube', 't1', 'Spring sale');",
        )
        .unwrap();
    }
    let now = t(NOW);
    let search = |s: &Sandbox, text: &str| {
        ids(&s.ok(&["list", "--json", "--state", "all", "--search", text], now))
    };
    assert_eq!(search(&s, "coupon"), vec!["old1"]);
    // A control character typed or pasted in is not searched for: the
    // search is what a terminal shows of it.
    assert_eq!(search(&s, "\u{1b}[31mcoupon\u{200b}"), vec!["old1"]);
    // One of nothing that shows looks for nothing (it is no empty search).
    let err = s.fails(&["list", "--search", "\u{1b}\u{200b}"], now);
    assert!(err.contains("holds no character that shows"), "{err}");
    // Thread titles, copied into a table with row ids, are indexed too.
    assert_eq!(search(&s, "spring"), vec!["old1"]);
    // New items reach the rebuilt full-text index through the old triggers.
    let f = s.file(
        "new.jsonl",
        &lines(&[item(
            "youtube",
            "new1",
            "ann",
            "another coupon question",
            "2026-11-19T10:00:00Z",
            json!({"thread_id": "t2", "thread_title": "Autumn launch"}),
        )]),
    );
    s.ok(&["import", f.to_str().unwrap()], now);
    assert_eq!(search(&s, "coupon").len(), 2);
    assert_eq!(search(&s, "question"), vec!["new1"]);
    assert_eq!(search(&s, "autumn laun"), vec!["new1"]);
    // The old row's link, kept as written, and the roll-ups counted at the upgrade.
    let old = s.listed("old1", now);
    assert_eq!(old["url"], "https://www.youtube.com/watch?v=t1&lc=old1");
    assert_rollups_match_items(&s);
}

/// A person was last answered when one of their items was: by a reply, or
/// marked answered (a reply written elsewhere); undone, never again.
#[test]
fn a_person_marked_answered_was_last_answered_then() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    let last = |who: &str| {
        Store::open(&s.db())
            .unwrap()
            .person("youtube", who)
            .unwrap()
            .last_answered
    };
    // Sam's only item was marked answered by the fixture, at NOW.
    assert_eq!(last("sam"), Some(now));
    assert_eq!(last("kim"), None);
    let later = now + chrono::Duration::minutes(5);
    s.ok(&["mark", "youtube:n2", "answered"], later);
    assert_eq!(last("kim"), Some(later));
    assert_rollups_match_items(&s);
    s.ok(&["undo"], later);
    assert_eq!(last("kim"), None);
    assert_rollups_match_items(&s);
    // A database of the version before counted replies only: upgraded, it counts both.
    {
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        conn.execute_batch(
            "UPDATE authors SET last_answered = NULL WHERE author = 'sam'; PRAGMA user_version = 11;",
        )
        .unwrap();
    }
    assert_eq!(last("sam"), Some(now));
    assert_rollups_match_items(&s);
}

/// Marking answered an item a reply answers changes nothing the user
/// sees, but makes it their decision (kept if the reply moves): said so,
/// not "marked answered" as if it had waited.
#[test]
fn marking_answered_what_a_reply_answers_says_what_it_does() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    assert_eq!(s.state_of("youtube", "a1", now), "answered");
    let said = s.ok(&["mark", "youtube:a1", "answered"], now);
    assert!(
        said.contains("answered already by your reply; marked answered too"),
        "{said}"
    );
    assert!(
        s.ok(&["undo"], now)
            .contains("undone: answered (youtube:a1 ")
    );
    assert_eq!(s.state_of("youtube", "a1", now), "answered");
    // An item that waited is marked answered, as always.
    let said = s.ok(&["mark", "youtube:n1", "answered"], now);
    assert!(!said.contains("already"), "{said}");
}

/// A note is saved over the one its editor showed: one written since (by
/// a command, another window) is not overwritten, and is said; saved over
/// the note as it is now, it is.
#[test]
fn a_note_written_since_the_editor_opened_is_not_overwritten() {
    use ackbox::store::people::PersonSet;
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    s.ok(
        &["person", "youtube:kim", "--note", "call back\nFriday"],
        now,
    );
    let mut store = Store::open(&s.db()).unwrap();
    let set = |store: &mut Store, seen| {
        store
            .set_person("youtube", "kim", None, Some("mine"), Some(seen), now)
            .unwrap()
    };
    assert_eq!(
        set(&mut store, ""),
        PersonSet::NoteChangedSince("call back\nFriday".into())
    );
    assert_eq!(
        store.person_tags("youtube", "kim").unwrap().1.as_deref(),
        Some("call back\nFriday")
    );
    // As the editor shows it: on one line.
    assert_eq!(set(&mut store, "call back Friday"), PersonSet::Changed);
    assert_eq!(
        store.person_tags("youtube", "kim").unwrap().1.as_deref(),
        Some("mine")
    );
}

#[test]
fn what_changes_nothing_is_not_an_undo_step() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    // Putting back in the queue an item that waits already.
    assert_eq!(s.state_of("youtube", "n2", now), "needs-reply");
    assert!(
        s.ok(&["mark", "youtube:n2", "needs-reply"], now)
            .contains("already so")
    );
    s.ok(&["mark", "youtube:n1", "answered"], now);
    assert!(
        s.ok(&["mark", "youtube:n1", "answered"], now)
            .contains("already so")
    );
    s.ok(&["mute", "youtube:t1"], now);
    assert!(s.ok(&["mute", "youtube:t1"], now).contains("already muted"));
    // One undo per change: the mute, then the mark.
    assert!(s.ok(&["undo"], now).contains("undone: mute"));
    assert!(
        s.ok(&["undo"], now)
            .contains("undone: answered (youtube:n1 ")
    );
    assert_eq!(s.state_of("youtube", "n1", now), "needs-reply");
    // Then what came before them all: not the put-back that changed nothing.
    let before = s.ok(&["undo"], now);
    assert!(before.contains("undone: answered (youtube:m1 "), "{before}");
}

#[test]
fn undoing_a_mute_brings_back_what_arrived_while_muted() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    s.ok(&["mute", "youtube:t1"], now);
    let late = s.file(
        "late.jsonl",
        &lines(&[item(
            "youtube",
            "late",
            "kim",
            "Is the shop open on Sunday?",
            "2026-11-20T11:00:00Z",
            json!({"thread_id": "t1"}),
        )]),
    );
    s.ok(&["import", late.to_str().unwrap()], now);
    assert_eq!(s.state_of("youtube", "late", now), "dismissed");
    let undone = s.ok(&["undo"], now);
    assert!(undone.contains("undone: mute"), "{undone}");
    assert_eq!(s.state_of("youtube", "late", now), "needs-reply");
    assert_eq!(s.state_of("youtube", "old", now), "needs-reply");
}

/// A time in the first days of March 2026 ("1T08:00:00").
fn march(time: &str) -> DateTime<Utc> {
    t(&format!("2026-03-0{time}Z"))
}

/// Imports at `now` Joe's question `id` in the thread t1, written at
/// `written` (times of [`march`]).
fn asked_in_t1(s: &Sandbox, id: &str, written: &str, now: &str) {
    let asked = "Does the coupon work in Portugal?";
    let f = in_thread(s, id, "joe", asked, &march(written).to_rfc3339(), "t1");
    s.ok(&["import", f.to_str().unwrap()], march(now));
}

/// What arrived while a thread was unmuted is dismissed as muted when the
/// unmute is undone, as what arrives after is (not by the user's
/// decision); unmuted again, it comes back.
#[test]
fn undoing_an_unmute_dismisses_what_arrived_meanwhile() {
    let s = Sandbox::new();
    let at = march;
    let arrive = |id: &str, written: &str, now: &str| asked_in_t1(&s, id, written, now);
    arrive("c1", "1T08:00:00", "1T09:00:00");
    s.ok(&["mute", "youtube:t1"], at("1T10:00:00"));
    s.ok(&["unmute", "youtube:t1"], at("2T09:00:00"));
    arrive("c2", "2T09:30:00", "2T10:00:00");
    let undone = s.ok(&["undo"], at("2T11:00:00"));
    assert!(undone.contains("undone: unmute (2 items)"), "{undone}");
    arrive("c3", "2T11:30:00", "2T12:00:00");
    let now = at("2T12:00:00");
    for id in ["c1", "c2", "c3"] {
        let item = s.listed(id, now);
        let got = (&item["state"], &item["dismiss_reason"]);
        assert_eq!(got, (&json!("dismissed"), &json!("muted")), "{id}");
    }
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let decided = rows(&conn, "SELECT decided FROM items WHERE id = 'c2'");
    assert_eq!(decided, [[rusqlite::types::Value::Integer(0)]]);
    assert_rollups_match_items(&s);
    let back = s.ok(&["unmute", "youtube:t1"], now);
    assert!(back.contains("unmuted; 3 items back"), "{back}");
    let states = ["c1", "c2", "c3"].map(|id| s.state_of("youtube", id, now));
    assert_eq!(states, ["needs-reply"; 3]);
    assert_rollups_match_items(&s);
}

/// An undo of an unmute mutes the thread again as of the mute that
/// stands: what was written during that mute and comes later is dismissed
/// as of when it was written, as had there been no unmute.
#[test]
fn undoing_an_unmute_keeps_the_mutes_time() {
    let got = [false, true].map(|undo| {
        let s = Sandbox::new();
        asked_in_t1(&s, "c1", "1T08:00:00", "1T09:00:00");
        s.ok(&["mute", "youtube:t1"], march("1T10:00:00"));
        if undo {
            s.ok(&["unmute", "youtube:t1"], march("3T09:00:00"));
            s.ok(&["undo"], march("3T09:00:30"));
        }
        asked_in_t1(&s, "c2", "2T12:00:00", "3T10:00:00");
        let store = Store::open(&s.db()).unwrap();
        let rid = store.rid_of(&"youtube:c2".parse().unwrap()).unwrap();
        let item = store.item(rid).unwrap().unwrap();
        let today = ackbox::stats::today(&store, march("3T12:00:00")).unwrap();
        (item.state, item.state_at, today.dismissed)
    });
    assert_eq!(got[1], got[0]);
    assert_eq!(got[0].1, Some(march("2T12:00:00")), "as it was written");
}

/// Unmuting brings back what the mute dismissed, then and as it arrived
/// (the import said so), and what arrives later waits; an undo mutes it
/// again and dismisses them again.
#[test]
fn unmuting_brings_back_what_the_mute_dismissed() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    assert!(
        s.ok(&["unmute", "youtube:t1"], now)
            .contains("not muted, nothing changed")
    );
    for change in ["mute", "unmute"] {
        let err = s.fails(&[change, "youtube:nothread"], now);
        assert!(
            err.contains("no thread youtube:nothread (`ackbox list --state all --json` gives each item's thread_id"),
            "{change}: {err}"
        );
        // An item's id for its thread's: the thread to name is said.
        let err = s.fails(&[change, "youtube:old"], now);
        assert!(
            err.contains("no thread youtube:old: that is an item, in the thread youtube:t1"),
            "{change}: {err}"
        );
    }
    // A snooze the mute cuts short comes back with the unmute, still to run.
    s.ok(&["snooze", "youtube:old", "2026-11-25T09:00:00Z"], now);
    let muted = s.ok(&["mute", "youtube:t1"], now);
    let dismissed = ids(&s.ok(&["list", "--state", "dismissed", "--json"], now)).len();
    assert!(
        muted.contains("muted; 3 waiting items dismissed"),
        "{muted}"
    );
    let arrival = |id: &str| {
        let asked = "Is the shop open on Sunday?";
        in_thread(&s, id, "kim", asked, "2026-11-20T11:00:00Z", "t1")
    };
    let summary = s.ok(&["import", arrival("late").to_str().unwrap()], now);
    assert!(
        summary.contains(", 1 dismissed in muted threads"),
        "{summary}"
    );
    let states = || ["old", "late"].map(|id| s.state_of("youtube", id, now));
    assert_eq!(states(), ["dismissed", "dismissed"]);
    let out = s.ok(&["unmute", "youtube:t1"], now);
    assert!(out.contains("unmuted; 4 items back"), "{out}");
    assert_eq!(states(), ["snoozed", "needs-reply"]);
    assert_eq!(
        s.listed("old", now)["snoozed_until"],
        json!("2026-11-25T09:00:00Z")
    );
    assert!(s.ok(&["undo"], now).contains("undone: unmute (4 items)"));
    assert_eq!(states(), ["dismissed", "dismissed"]);
    let listed = ids(&s.ok(&["list", "--state", "dismissed", "--json"], now)).len();
    assert_eq!(listed, dismissed + 1, "the three and the arrival");
    s.ok(&["import", arrival("later").to_str().unwrap()], now);
    assert_eq!(
        s.state_of("youtube", "later", now),
        "dismissed",
        "muted again"
    );
    // Unmuted again after the undo: the snooze the mute cut short comes
    // back still (the unmute undone and its undo aside).
    let snoozed = || {
        (
            s.state_of("youtube", "old", now),
            s.listed("old", now)["snoozed_until"].clone(),
        )
    };
    let till = json!("2026-11-25T09:00:00Z");
    s.ok(&["unmute", "youtube:t1"], now);
    assert_eq!(snoozed(), ("snoozed".to_owned(), till.clone()));
    s.ok(&["import", arrival("last").to_str().unwrap()], now);
    assert_eq!(s.state_of("youtube", "last", now), "needs-reply");
    // So does it after a mark inside the mute, undone.
    s.ok(&["mute", "youtube:t1"], now);
    s.ok(
        &["mark", "youtube:old", "dismissed", "--reason", "spam"],
        now,
    );
    s.ok(&["undo"], now);
    s.ok(&["unmute", "youtube:t1"], now);
    assert_eq!(snoozed(), ("snoozed".to_owned(), till));
    assert_rollups_match_items(&s);
}

/// What arrived during a mute met no rule (it came dismissed): unmuted, it
/// meets them, as it would have arrived; what waited before the mute comes
/// back as it was.
#[test]
fn unmuting_applies_the_rules_to_what_arrived_while_muted() {
    let s = Sandbox::new();
    let now = t(NOW);
    let arrival = |id: &str, body: &str| in_thread(&s, id, id, body, "2026-11-20T11:00:00Z", "t9");
    let import = |f: std::path::PathBuf| s.ok(&["import", f.to_str().unwrap()], now);
    // Waiting before there were rules.
    import(arrival("early", "follow me back and I follow you"));
    assert_eq!(s.listed("early", now)["flags"], json!(["bait"]));
    std::fs::write(s.config(), "[[rules]]\nflag = \"bait\"\n").unwrap();
    s.ok(&["mute", "youtube:t9"], now);
    import(arrival("bait", "f4f 🔥 follow me back"));
    import(arrival("fan", "Is the shop open on Sunday?"));
    let states = || ["early", "bait", "fan"].map(|id| s.state_of("youtube", id, now));
    assert_eq!(states(), ["dismissed", "dismissed", "dismissed"]);
    let asked = s.ok(&["unmute", "youtube:t9"], now);
    assert!(asked.contains("unmuted; 2 items back"), "{asked}");
    assert_eq!(states(), ["needs-reply", "dismissed", "needs-reply"]);
    assert_eq!(s.listed("bait", now)["dismiss_reason"], json!("bait"));
    // One action: its undo mutes the thread again, the bait as the mute had it.
    s.ok(&["undo"], now);
    assert_eq!(states(), ["dismissed", "dismissed", "dismissed"]);
    assert_eq!(s.listed("bait", now)["dismiss_reason"], json!("muted"));
    // Unmuted again, it meets them again.
    assert!(
        s.ok(&["unmute", "youtube:t9"], now)
            .contains("unmuted; 2 items back")
    );
    assert_eq!(states(), ["needs-reply", "dismissed", "needs-reply"]);
    assert_rollups_match_items(&s);
    // An undo of the mute lets them out as an unmute does: the rules meet
    // what arrived during it.
    s.ok(&["undo"], now);
    s.ok(&["undo"], now);
    assert_eq!(states(), ["needs-reply", "dismissed", "needs-reply"]);
    assert_eq!(s.listed("bait", now)["dismiss_reason"], json!("bait"));
    assert_rollups_match_items(&s);
    // But for what a reply answered meanwhile: answered, rule or none.
    s.ok(&["mute", "youtube:t9"], now);
    import(arrival("bait2", "f4f follow me back"));
    let answer = s.file(
        "answer.jsonl",
        &reply(
            "youtube",
            "r9",
            "bait2",
            "Thanks, glad you like it",
            "2026-11-20T11:30:00Z",
        ),
    );
    s.ok(&["import", answer.to_str().unwrap()], now);
    s.ok(&["undo"], now);
    assert_eq!(s.state_of("youtube", "bait2", now), "answered");
    assert_rollups_match_items(&s);
}

/// An item its mute dismissed that a reply answered meanwhile is answered
/// when the thread is unmuted, as of that reply, as an undo of the mute
/// has it; an undo of the unmute dismisses it again.
#[test]
fn unmuting_answers_what_a_reply_answered_while_muted() {
    let s = Sandbox::new();
    fixture(&s);
    let now = t(NOW);
    s.ok(&["mute", "youtube:t1"], now);
    assert_eq!(s.state_of("youtube", "old", now), "dismissed");
    let answer = s.file(
        "answer.jsonl",
        &lines(&[reply(
            "youtube",
            "r-old",
            "old",
            "Kim, yes: open on Sundays",
            "2026-11-20T11:30:00Z",
        )]),
    );
    s.ok(&["import", answer.to_str().unwrap()], now);
    assert_eq!(s.state_of("youtube", "old", now), "dismissed");
    s.ok(&["unmute", "youtube:t1"], now);
    assert_eq!(s.state_of("youtube", "old", now), "answered");
    let stats: Value =
        serde_json::from_str(&s.ok(&["stats", "--json", "--window", "all"], now)).unwrap();
    assert_eq!(stats["dismissed_by_reason"]["muted"], 0, "{stats}");
    s.ok(&["undo"], now);
    assert_eq!(s.state_of("youtube", "old", now), "dismissed");
    assert_rollups_match_items(&s);
}

/// An item put back in the queue despite its reply ("let me check"), then
/// muted with its thread, comes back to the queue at the unmute, as the
/// unmute's question counts it: its reply still does not answer it.
#[test]
fn unmuting_brings_back_an_item_put_back_despite_its_reply() {
    let s = Sandbox::new();
    let now = t(NOW);
    let f = s.file(
        "q.jsonl",
        &lines(&[
            item(
                "youtube",
                "q1",
                "kim",
                "Is the recipe for 15 g or 20 g?",
                "2026-11-19T10:00:00Z",
                json!({"thread_id": "v1"}),
            ),
            reply(
                "youtube",
                "q1r",
                "q1",
                "@kim let me check and get back to you",
                "2026-11-19T12:00:00Z",
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], now);
    assert_eq!(s.state_of("youtube", "q1", now), "answered");
    s.ok(&["mark", "youtube:q1", "needs-reply"], now);
    s.ok(&["mute", "youtube:v1"], now);
    assert_eq!(s.state_of("youtube", "q1", now), "dismissed");
    assert_eq!(
        Store::open(&s.db())
            .unwrap()
            .thread_muted("youtube", "v1")
            .unwrap(),
        Some(1),
        "the unmute's question counts it"
    );
    s.ok(&["unmute", "youtube:v1"], now);
    assert_eq!(s.state_of("youtube", "q1", now), "needs-reply");
    // Still the user's decision: a change to it undone leaves it waiting.
    s.ok(&["mark", "youtube:q1", "dismissed"], now);
    s.ok(&["undo"], now);
    assert_eq!(s.state_of("youtube", "q1", now), "needs-reply");
    // Put back, then snoozed when the mute came: snoozed again.
    s.ok(&["snooze", "youtube:q1", "2d"], now);
    s.ok(&["mute", "youtube:v1"], now);
    s.ok(&["unmute", "youtube:v1"], now);
    assert_eq!(s.state_of("youtube", "q1", now), "snoozed");
    assert_rollups_match_items(&s);
}

/// A reply of yours to an item you dismissed leaves it dismissed (your
/// decision), and the import says it came; the same file again says nothing.
#[test]
fn a_reply_to_a_dismissed_item_is_said_and_leaves_it_dismissed() {
    let s = Sandbox::new();
    let q = s.file(
        "q.jsonl",
        &lines(&[item(
            "x",
            "q",
            "ann",
            "Shipping to Oslo?",
            "2026-11-18T10:00:00Z",
            json!({}),
        )]),
    );
    s.ok(&["import", q.to_str().unwrap()], t(NOW));
    s.ok(
        &["mark", "x:q", "dismissed", "--reason", "off-topic"],
        t(NOW),
    );
    let r = s.file(
        "r.jsonl",
        &lines(&[reply(
            "x",
            "r",
            "q",
            "Ann, yes we ship to Oslo",
            "2026-11-19T10:00:00Z",
        )]),
    );
    let first = s.import_summary(&r, t(NOW));
    assert_eq!(first["replies_to_dismissed"], 1, "{first}");
    assert_eq!(s.state_of("x", "q", t(NOW)), "dismissed");
    let said = s.ok(&["import", r.to_str().unwrap()], t(NOW));
    assert!(!said.contains("you dismissed"), "{said}");
    let s = Sandbox::new();
    s.ok(&["import", q.to_str().unwrap()], t(NOW));
    s.ok(
        &["mark", "x:q", "dismissed", "--reason", "off-topic"],
        t(NOW),
    );
    let said = s.ok(&["import", r.to_str().unwrap()], t(NOW));
    assert!(
        said.contains("1 own reply linked (1 to an item you dismissed, which stays so)"),
        "{said}"
    );
}

/// A person's name in the statistics' people is the latest they gave, as
/// `people` says it, though their last comment has none.
#[test]
fn the_statistics_name_people_by_the_latest_name_they_gave() {
    let s = Sandbox::new();
    let f = s.file(
        "named.jsonl",
        &lines(&[
            item(
                "mastodon",
                "c1",
                "ann",
                "Does it come in decaf?",
                "2026-11-18T09:00:00Z",
                json!({"author_name": "Ann Smith"}),
            ),
            item(
                "mastodon",
                "c2",
                "ann",
                "And in 1 kg bags?",
                "2026-11-19T09:00:00Z",
                json!({}),
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    for window in ["7d", "all"] {
        let st = s.stats(window, t(NOW));
        assert_eq!(
            st["people"][0]["author_name"], "Ann Smith",
            "{window}: {st}"
        );
    }
}

/// The backlog's age buckets are "< 1 day", "1–3 days", "3–7 days" and
/// "> 7 days": an item exactly 1 or 3 days old starts the next bucket, one
/// exactly 7 days old is not yet over 7 days.
#[test]
fn backlog_ages_at_the_bucket_edges() {
    let s = Sandbox::new();
    let aged = |id: &str, created: &str| item("youtube", id, "joe", id, created, json!({}));
    let f = s.file(
        "edges.jsonl",
        &lines(&[
            aged("d1", "2026-11-19T12:00:00Z"),
            aged("d1-", "2026-11-19T12:00:01Z"),
            aged("d3", "2026-11-17T12:00:00Z"),
            aged("d7", "2026-11-13T12:00:00Z"),
            aged("d7+", "2026-11-13T11:59:59Z"),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let b = &s.stats("all", t(NOW))["backlog"];
    let buckets = ["under_1d", "from_1_to_3d", "from_3_to_7d", "over_7d"].map(|k| b[k].as_u64());
    assert_eq!(buckets, [Some(1), Some(1), Some(2), Some(1)]);
}

#[test]
fn weekly_buckets_start_on_mondays() {
    let s = Sandbox::new();
    fixture(&s);
    // All of a short history is shown by day, as any window of 90 days or less.
    assert_eq!(s.stats("all", t(NOW))["bucket"], "day");
    let old = s.file(
        "old.jsonl",
        &lines(&[item(
            "youtube",
            "old",
            "kim",
            "First!",
            "2026-03-02T10:00:00Z",
            json!({}),
        )]),
    );
    s.ok(&["import", old.to_str().unwrap()], t(NOW));
    let all = s.stats("all", t(NOW));
    assert_eq!(all["bucket"], "week");
    let starts: Vec<DateTime<Utc>> = all["over_time"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| t(b["start"].as_str().unwrap()))
        .collect();
    assert!(!starts.is_empty());
    for start in starts.iter().map(|s| s.with_timezone(&chrono::Local)) {
        assert_eq!(start.weekday(), chrono::Weekday::Mon, "{start}");
        assert_eq!(start.time(), chrono::NaiveTime::MIN, "{start}");
    }
    // Every item is in some week: the buckets add up to the window.
    let incoming: u64 = all["over_time"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["incoming"].as_u64().unwrap())
        .sum();
    assert_eq!(all["incoming"].as_u64(), Some(incoming));
}

/// "Today" counts what was decided today: an undo that brings back an
/// answer or a dismissal from another day, or marking answered again what a
/// reply answered days ago, adds nothing to it.
#[test]
fn today_counts_decisions_taken_today_not_states_brought_back() {
    let s = Sandbox::new();
    let now = t("2026-11-20T15:00:00Z");
    let f = s.file(
        "items.jsonl",
        &lines(&[
            item(
                "mastodon",
                "a1",
                "anna",
                "What grind?",
                "2026-11-17T10:00:00Z",
                json!({}),
            ),
            reply(
                "mastodon",
                "a1r",
                "a1",
                "Medium-fine, Anna",
                "2026-11-18T10:00:00Z",
            ),
            item(
                "mastodon",
                "b1",
                "bo",
                "follow4follow",
                "2026-11-17T11:00:00Z",
                json!({}),
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], now);
    s.ok(
        &["mark", "mastodon:b1", "dismissed", "--reason", "bait"],
        t("2026-11-19T09:00:00Z"),
    );
    let today = |s: &Sandbox| s.stats("7d", now)["today"].clone();
    let none = json!({"answered": 0, "dismissed": 0, "needs_reply": 0});
    assert_eq!(today(&s), none);
    for id in ["mastodon:a1", "mastodon:b1"] {
        s.ok(&["mark", id, "needs-reply"], now);
        s.ok(&["undo"], now);
        assert_eq!(today(&s), none, "after taking back a change of {id}");
    }
    s.ok(&["mark", "mastodon:a1", "answered"], now);
    assert_eq!(today(&s), none, "marked answered again");
    // A decision taken today counts.
    s.ok(&["mark", "mastodon:b1", "needs-reply"], now);
    s.ok(
        &["mark", "mastodon:b1", "dismissed", "--reason", "spam"],
        now,
    );
    assert_eq!(today(&s)["dismissed"], 1);
}

/// Weeks run Monday to Sunday wherever loyalty is counted (people, the
/// Stats view's people, the queue's ranking): a Sunday, a Monday and the
/// next Monday are three weeks; a Wednesday, a Thursday and the next
/// Thursday, eight days apart, are two.
#[test]
fn loyal_weeks_begin_on_monday() {
    let s = Sandbox::new();
    let now = t("2026-12-01T12:00:00Z");
    let at = |who: &str, n: usize, when: &str| {
        item("x", &format!("{who}{n}"), who, "a thought", when, json!({}))
    };
    let f = s.file(
        "weeks.jsonl",
        &lines(&[
            at("mon", 1, "2026-11-22T12:00:00Z"),
            at("mon", 2, "2026-11-23T12:00:00Z"),
            at("mon", 3, "2026-11-30T12:00:00Z"),
            at("wed", 1, "2026-11-18T12:00:00Z"),
            at("wed", 2, "2026-11-19T12:00:00Z"),
            at("wed", 3, "2026-11-26T12:00:00Z"),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], now);
    let people: Vec<Value> = s
        .ok(&["people", "--json"], now)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let loyal = |who: &str, rows: &[Value]| {
        let p = rows.iter().find(|p| p["author"] == who).unwrap();
        p["loyal"].as_bool().unwrap()
    };
    assert!(
        loyal("mon", &people) && !loyal("wed", &people),
        "{people:?}"
    );
    let window = s.stats("30d", now)["people"].as_array().unwrap().clone();
    assert!(
        loyal("mon", &window) && !loyal("wed", &window),
        "{window:?}"
    );
    for v in s.list(now) {
        let reasons = v["priority_reasons"].to_string();
        assert_eq!(v["author"] == "mon", reasons.contains("loyal"), "{v}");
    }
}

/// A long window's reply times and busiest people are read in two halves
/// at once, on two connections (past 20,000 items): every item counts once,
/// and someone active across the cut is one person with all their items.
#[test]
fn a_window_read_in_two_halves_counts_every_item_once() {
    let s = Sandbox::new();
    let now = t(NOW);
    let at = |secs_ago: i64| (now - chrono::Duration::seconds(secs_ago)).to_rfc3339();
    let (mut rows, mut took) = (Vec::new(), Vec::new());
    let mut regular_answered = 0;
    for i in 0..24_000i64 {
        // Over 80 days, oldest first; every other item is the regular's.
        let created = 80 * 86_400 - i * 288;
        let author = if i % 2 == 0 {
            "regular".to_owned()
        } else {
            format!("p{}", i % 40)
        };
        rows.push(item(
            "youtube",
            &format!("c{i}"),
            &author,
            "hi",
            &at(created),
            json!({}),
        ));
        if i % 3 == 0 {
            // Slower and slower: a half lost or counted twice moves the median.
            let secs = i / 3 * 7 + 30;
            rows.push(reply(
                "youtube",
                &format!("r{i}"),
                &format!("c{i}"),
                "thanks",
                &at(created - secs),
            ));
            took.push(secs);
            regular_answered += i64::from(i % 2 == 0);
        }
    }
    // Older than the window: its people are counted over the items.
    rows.push(item(
        "youtube",
        "old",
        "regular",
        "hi",
        &at(100 * 86_400),
        json!({}),
    ));
    let f = s.file("long.jsonl", &lines(&rows));
    s.ok(&["import", f.to_str().unwrap()], now);
    let r = s.stats("90d", now);
    took.sort_unstable();
    // The smallest time with a share q of the answers at or below it; the
    // mean of it and the next where the share is exactly q.
    let quantile = |q: f64| {
        let k = (q * took.len() as f64).ceil() as usize;
        if k as f64 == q * took.len() as f64 {
            (took[k - 1] + took[k] + 1) / 2
        } else {
            took[k - 1]
        }
    };
    let ttfr = &r["time_to_first_reply"];
    assert_eq!(
        (&r["answered"], &ttfr["answered"]),
        (&json!(8_000), &json!(8_000))
    );
    assert_eq!(ttfr["median_secs"].as_i64(), Some(quantile(0.5)));
    assert_eq!(ttfr["p90_secs"].as_i64(), Some(quantile(0.9)));
    let top = &r["people"][0];
    assert_eq!(
        (&top["author"], &top["items"], &top["answered"]),
        (&json!("regular"), &json!(12_000), &json!(regular_answered)),
        "{top}"
    );
    assert_eq!(top["loyal"], true, "active in every week of the window");
}

#[test]
fn a_snooze_run_out_in_a_restored_export_needs_a_reply_in_its_summary() {
    let s = Sandbox::new();
    let now = t(NOW);
    let f = s.file(
        "a.jsonl",
        &lines(&[
            item("x", "1", "ann", "hi?", "2026-11-19T10:00:00Z", json!({})),
            item("x", "2", "bob", "yo?", "2026-11-19T11:00:00Z", json!({})),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], now);
    s.ok(&["snooze", "x:1", "3h"], now);
    let copy = Sandbox::new();
    let f = copy.file("export.jsonl", &s.ok(&["export"], now));
    // Restored after the snooze ran out: both wait, as `list` then says.
    let later = now + chrono::Duration::hours(4);
    let out = copy.ok(&["import", f.to_str().unwrap()], later);
    assert!(out.contains("2 items need a reply"), "{out}");
    assert_eq!(copy.state_of("x", "1", later), "needs-reply");
}

#[test]
fn a_change_an_item_cannot_take_names_the_item() {
    let s = Sandbox::new();
    fixture(&s);
    for args in [
        ["mark", "youtube:ra1", "dismissed"].as_slice(),
        &["snooze", "youtube:ra1", "3h"],
    ] {
        let err = s.fails(args, t(NOW));
        assert!(err.contains("youtube:ra1 is an own reply"), "{err}");
    }
    let err = s.fails(&["mark", "youtube", "answered"], t(NOW));
    assert!(err.contains("\"youtube\" has no colon"), "{err}");
    let err = s.fails(&["person", "youtube:me"], t(NOW));
    assert!(
        err.contains("\"me\" is your own account on youtube"),
        "{err}"
    );
    let err = s.fails(&["person", "youtube:nobody"], t(NOW));
    assert!(
        err.contains("nobody called \"nobody\" has written on youtube"),
        "{err}"
    );
    // A handle in another case: the one meant is named.
    // Or with an `@` or `u/` the handle has not (or without one it has).
    for typed in ["youtube:JOE", "youtube:@joe", "youtube:u/Joe"] {
        let err = s.fails(&["person", typed], t(NOW));
        assert!(
            err.trim_end().ends_with("did you mean youtube:joe?"),
            "{err}"
        );
    }
}

/// A mark taken back from an item a reply imported since answers: answered
/// as of that reply, as importing both into an empty database gives, not as
/// of the undo (it counted in today's progress).
#[test]
fn an_undone_mark_leaves_the_item_answered_as_of_its_reply() {
    let s = Sandbox::new();
    let comment = item(
        "github",
        "k4",
        "ned",
        "Do you ship?",
        "2026-11-18T11:00:00Z",
        json!({}),
    );
    let answer = reply(
        "github",
        "rk4",
        "k4",
        "Ned, yes we do",
        "2026-11-19T11:00:00Z",
    );
    s.ok(
        &[
            "import",
            s.file("a.jsonl", &lines(std::slice::from_ref(&comment)))
                .to_str()
                .unwrap(),
        ],
        t(NOW),
    );
    s.ok(&["mark", "github:k4", "answered"], t(NOW));
    s.ok(
        &[
            "import",
            s.file("b.jsonl", &lines(std::slice::from_ref(&answer)))
                .to_str()
                .unwrap(),
        ],
        t(NOW),
    );
    s.ok(&["undo"], t(NOW));
    let fresh = Sandbox::new();
    fresh.ok(
        &[
            "import",
            fresh
                .file("c.jsonl", &lines(&[comment, answer]))
                .to_str()
                .unwrap(),
        ],
        t(NOW),
    );
    for window in ["7d", "all"] {
        let (got, want) = (s.stats(window, t(NOW)), fresh.stats(window, t(NOW)));
        assert_eq!(got["today"], want["today"], "{window}");
        assert_eq!(got["today"]["answered"], 0);
        assert_eq!(
            got["time_to_first_reply"], want["time_to_first_reply"],
            "{window}"
        );
    }
    assert_eq!(s.state_of("github", "k4", t(NOW)), "answered");
}

/// Ann's comment `id` on GitHub, waiting since 2026-11-18.
fn anns_comment(id: &str) -> String {
    item(
        "github",
        id,
        "ann",
        "hello",
        "2026-11-18T11:00:00Z",
        json!({}),
    )
}

/// Ann's GitHub items `ids` as the review saw them: row id and state.
fn seen_as(store: &Store, ids: &[(&str, State)]) -> Vec<(i64, State)> {
    (ids.iter())
        .map(|(id, state)| {
            let item = format!("github:{id}").parse().unwrap();
            (store.rid_of(&item).unwrap(), *state)
        })
        .collect()
}

/// A snooze of a selection in the review leaves those it cannot snooze
/// (answered, dismissed) as they are and snoozes the rest (it refused all).
#[test]
fn a_selections_snooze_leaves_answered_and_dismissed_items() {
    let s = Sandbox::new();
    let f = s.file(
        "f.jsonl",
        &lines(&[
            anns_comment("w1"),
            anns_comment("a1"),
            anns_comment("d1"),
            reply("github", "ra1", "a1", "Ann, thanks", "2026-11-18T12:00:00Z"),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    s.ok(&["mark", "github:d1", "dismissed"], t(NOW));
    let mut store = Store::open(&s.db()).unwrap();
    let seen = seen_as(
        &store,
        &[
            ("w1", State::NeedsReply),
            ("a1", State::Answered),
            ("d1", State::Dismissed),
        ],
    );
    let until = t("2026-11-21T09:00:00Z");
    let change = ackbox::store::actions::Change::Snoozed(until);
    assert_eq!(store.apply_seen(&seen, change, t(NOW)).unwrap(), (1, 0));
    drop(store);
    for (id, state) in [("w1", "snoozed"), ("a1", "answered"), ("d1", "dismissed")] {
        assert_eq!(s.state_of("github", id, t(NOW)), state, "{id}");
    }
}

/// Items chosen in the review whose state changed since (in another
/// window, by a command) are left as they are, and counted: a dismissal
/// chosen on three waiting items, two of them answered meanwhile, dismisses
/// the one still waiting.
#[test]
fn an_action_leaves_items_changed_since_they_were_chosen() {
    let s = Sandbox::new();
    let f = s.file(
        "f.jsonl",
        &lines(&[anns_comment("q1"), anns_comment("q2"), anns_comment("q3")]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let mut store = Store::open(&s.db()).unwrap();
    let waiting = State::NeedsReply;
    let seen = seen_as(&store, &[("q1", waiting), ("q2", waiting), ("q3", waiting)]);
    // Elsewhere, meanwhile: q2 marked answered, q3 dismissed.
    s.ok(&["mark", "github:q2", "answered"], t(NOW));
    s.ok(&["mark", "github:q3", "dismissed"], t(NOW));
    let spam = ackbox::store::actions::Change::Dismissed(DismissReason::Spam);
    assert_eq!(store.apply_seen(&seen, spam, t(NOW)).unwrap(), (1, 2));
    // None chosen as seen: nothing done, no action to undo.
    assert_eq!(store.apply_seen(&seen[1..], spam, t(NOW)).unwrap(), (0, 2));
    drop(store);
    for (id, state) in [("q1", "dismissed"), ("q2", "answered"), ("q3", "dismissed")] {
        assert_eq!(s.state_of("github", id, t(NOW)), state, "{id}");
    }
    let out = s.ok(&["list", "--state", "dismissed", "--json"], t(NOW));
    assert!(
        out.contains("\"spam\"") && out.contains("\"other\""),
        "{out}"
    );
    // One undo takes back the one dismissal made: q3's stays.
    s.ok(&["undo"], t(NOW));
    assert_eq!(s.state_of("github", "q1", t(NOW)), "needs-reply");
    assert_eq!(s.state_of("github", "q3", t(NOW)), "dismissed");
}

/// An undo of a change to two items, one answered since by an import,
/// takes back the other and says why the first stays.
#[test]
fn an_undo_says_which_items_an_import_changed_since() {
    let s = Sandbox::new();
    let f = s.file("f.jsonl", &lines(&[anns_comment("u1"), anns_comment("u2")]));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let mut store = Store::open(&s.db()).unwrap();
    let waiting = State::NeedsReply;
    let seen = seen_as(&store, &[("u1", waiting), ("u2", waiting)]);
    let until = ackbox::store::actions::Change::Snoozed(t("2026-11-22T09:00:00Z"));
    assert_eq!(store.apply_seen(&seen, until, t(NOW)).unwrap(), (2, 0));
    drop(store);
    let answer = reply("github", "ru1", "u1", "Ann, thanks", "2026-11-20T12:30:00Z");
    let r = s.file("r.jsonl", &lines(&[answer]));
    s.ok(&["import", r.to_str().unwrap()], t(NOW));
    let said = s.ok(&["undo"], t(NOW));
    assert!(
        said.starts_with("undone: snoozed (github:u2 ")
            && said.contains(
                "; 1 other was changed since by an import: what the platform says stands"
            ),
        "{said}"
    );
    assert_eq!(s.state_of("github", "u1", t(NOW)), "answered");
    assert_eq!(s.state_of("github", "u2", t(NOW)), "needs-reply");
}

/// An undo that takes an item back to waiting, a reply having come since
/// (an import leaves an answered item's state alone), leaves it answered
/// and says so instead of naming it back in the queue.
#[test]
fn an_undo_says_which_items_a_reply_since_keeps_answered() {
    let s = Sandbox::new();
    let f = s.file(
        "f.jsonl",
        &lines(&[anns_comment("a1"), anns_comment("a2"), anns_comment("a3")]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    s.ok(&["mark", "github:a1", "answered"], t(NOW));
    let answer =
        |id: &str, to: &str| reply("github", id, to, "Ann, thanks", "2026-11-20T12:30:00Z");
    let r = s.file("r.jsonl", &lines(&[answer("r1", "a1")]));
    s.ok(&["import", r.to_str().unwrap()], t(NOW));
    let said = s.ok(&["undo"], t(NOW));
    assert!(
        said.starts_with("undone: answered (github:a1 ")
            && said.contains("; it stays answered: a reply since answers it"),
        "{said}"
    );
    assert_eq!(s.state_of("github", "a1", t(NOW)), "answered");
    // Of several dismissed together, the one a reply answered since.
    let mut store = Store::open(&s.db()).unwrap();
    let waiting = State::NeedsReply;
    let seen = seen_as(&store, &[("a2", waiting), ("a3", waiting)]);
    let spam = ackbox::store::actions::Change::Dismissed(DismissReason::Spam);
    assert_eq!(store.apply_seen(&seen, spam, t(NOW)).unwrap(), (2, 0));
    drop(store);
    let r = s.file("r2.jsonl", &lines(&[answer("r3", "a3")]));
    s.ok(&["import", r.to_str().unwrap()], t(NOW));
    assert_eq!(s.state_of("github", "a3", t(NOW)), "dismissed");
    let said = s.ok(&["undo"], t(NOW));
    assert!(
        said.starts_with("undone: dismissed (2 items)")
            && said.contains("; 1 stays answered by a reply since"),
        "{said}"
    );
    assert_eq!(s.state_of("github", "a2", t(NOW)), "needs-reply");
    assert_eq!(s.state_of("github", "a3", t(NOW)), "answered");
}

/// A snoozed item chosen before its snooze ran out is the item chosen: the
/// dismissal goes ahead; one put back in the queue by hand meanwhile is not.
#[test]
fn an_action_on_an_item_whose_snooze_ran_out_since_goes_ahead() {
    let s = Sandbox::new();
    let f = s.file("f.jsonl", &lines(&[anns_comment("s1"), anns_comment("s2")]));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    for id in ["github:s1", "github:s2"] {
        s.ok(&["snooze", id, "2026-11-20T13:00:00Z"], t(NOW));
    }
    let mut store = Store::open(&s.db()).unwrap();
    let snoozed = State::Snoozed;
    let seen = seen_as(&store, &[("s1", snoozed), ("s2", snoozed)]);
    s.ok(&["mark", "github:s2", "needs-reply"], t(NOW));
    let later = t("2026-11-20T14:00:00Z");
    assert_eq!(store.wake_snoozed(later).unwrap(), 1);
    let spam = ackbox::store::actions::Change::Dismissed(DismissReason::Spam);
    assert_eq!(store.apply_seen(&seen, spam, later).unwrap(), (1, 1));
    drop(store);
    assert_eq!(s.state_of("github", "s1", later), "dismissed");
    assert_eq!(s.state_of("github", "s2", later), "needs-reply");
}

/// A signal that comes while an import works after reading (linking,
/// indexes, analysis) is honoured before the commit: nothing is kept.
#[test]
fn an_import_stopped_before_its_commit_keeps_nothing() {
    let s = Sandbox::new();
    let mut store = Store::open(&s.db()).unwrap();
    let mut session = store.begin_import(t(NOW)).unwrap();
    let r = ackbox::model::Record::new("p", "1", "ann", "hello", t("2026-11-19T10:00:00Z"));
    session.add(&r, false, None).unwrap();
    let stop = std::sync::atomic::AtomicBool::new(true);
    let e = session
        .finish_unless(true, Some(&stop), |_| Ok(()))
        .unwrap_err();
    assert!(e.to_string().starts_with("interrupted"), "{e}");
    drop(store);
    assert!(
        s.run(&["list", "--state", "all"], t(NOW))
            .unwrap()
            .is_empty()
    );
}

/// An item marked answered by hand (a reply by DM) was answered then: a
/// reply imported afterwards, dated later, does not make the answer later;
/// one dated before the mark does make it earlier. The person's view agrees.
/// An item a reply answers, put back in the queue by hand ("I'll check
/// and get back to you"), waits for another: the command says so, and how
/// to count the reply again; marked answered again, it was answered by the
/// reply, not today.
#[test]
fn putting_back_an_item_a_reply_answers_says_what_it_means() {
    let s = Sandbox::new();
    let file = lines(&[
        item(
            "p",
            "c1",
            "ann",
            "question?",
            "2026-12-04T10:00:00Z",
            json!({}),
        ),
        reply("p", "r1", "c1", "Ann, let me check", "2026-12-04T11:00:00Z"),
    ]);
    s.ok(
        &["import", s.file("nr.jsonl", &file).to_str().unwrap()],
        t("2026-12-04T12:00:00Z"),
    );
    let now = t("2026-12-05T09:00:00Z");
    assert_eq!(
        s.ok(&["mark", "p:c1", "needs-reply"], now),
        "p:c1: back in the queue; your reply to it no longer answers it (`ackbox mark p:c1 \
         answered` counts it again)\n"
    );
    assert_eq!(s.state_of("p", "c1", now), "needs-reply");
    assert_eq!(
        s.ok(&["mark", "p:c1", "dismissed"], now),
        "p:c1: dismissed (other)\n"
    );
    s.ok(&["mark", "p:c1", "answered"], now);
    let stats = s.stats("7d", now);
    assert_eq!(stats["time_to_first_reply"]["median_secs"], 3600);
    // Answered by yesterday's reply: not today's work.
    assert_eq!(stats["today"]["answered"], 0, "{}", stats["today"]);
    // Dismissed, it is no longer answered: said so.
    assert_eq!(
        s.ok(&["mark", "p:c1", "dismissed"], now),
        "p:c1: dismissed (other); no longer counted as answered (`ackbox mark p:c1 answered` \
         counts it again)\n"
    );
}

#[test]
fn a_reply_imported_after_a_mark_answers_no_later_than_the_mark() {
    let s = Sandbox::new();
    let import = |name: &str, line: String, now: &str| {
        s.ok(&["import", s.file(name, &line).to_str().unwrap()], t(now));
    };
    let ask = |id: &str| {
        item(
            "blog",
            id,
            "hal",
            "when is the cupping?",
            "2026-11-17T00:00:00Z",
            json!({}),
        )
    };
    import(
        "h.jsonl",
        lines(&[ask("h1"), ask("h2")]),
        "2026-11-17T01:00:00Z",
    );
    for id in ["blog:h1", "blog:h2"] {
        s.ok(&["mark", id, "answered"], t("2026-11-18T00:00:00Z"));
    }
    let median = |now: &str| s.stats("7d", t(now))["time_to_first_reply"]["median_secs"].clone();
    assert_eq!(median("2026-11-18T12:00:00Z"), 86_400);
    // h1's reply is dated after the mark; h2's before it (written on the
    // platform, then told to ackbox by hand before the import).
    import(
        "r.jsonl",
        lines(&[
            reply(
                "blog",
                "r1",
                "h1",
                "Hal, Saturday at ten",
                "2026-11-20T10:00:00Z",
            ),
            reply(
                "blog",
                "r2",
                "h2",
                "Hal, Saturday at ten",
                "2026-11-17T12:00:00Z",
            ),
        ]),
        "2026-11-20T12:00:00Z",
    );
    let r = s.stats("7d", t("2026-11-20T12:00:00Z"));
    let ttfr = &r["time_to_first_reply"];
    // 12 h (h2's reply) and 24 h (h1's mark): the mean of the two.
    assert_eq!(ttfr["median_secs"], 64_800, "{r}");
    assert_eq!(ttfr["p90_secs"], 86_400, "{r}");
    assert!((f(&r["answered_within_target"]) - 1.0).abs() < 1e-9, "{r}");
    let person: Value = serde_json::from_str(
        s.ok(&["people", "--json"], t("2026-11-20T12:00:00Z"))
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(person["median_reply_secs"], 64_800, "{person}");
}

/// The statistics' people are the window's busiest, each with what became
/// of every item (a snoozed one too), and say how many wrote in it: in a
/// window that is part of the data (counted over its items) and over all of
/// it (from the per-author roll-up).
#[test]
fn stats_people_count_everyone_and_their_snoozed_items() {
    let s = Sandbox::new();
    let mut rows = Vec::new();
    for n in 0..25 {
        let created = if n < 22 {
            "2026-11-18T11:00:00Z"
        } else {
            "2025-01-10T11:00:00Z"
        };
        rows.push(item(
            "github",
            &format!("c{n}"),
            &format!("p{n}"),
            "hello",
            created,
            json!({}),
        ));
    }
    rows.push(item(
        "github",
        "c99",
        "p0",
        "again",
        "2026-11-18T12:00:00Z",
        json!({}),
    ));
    let f = s.file("f.jsonl", &lines(&rows));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    s.ok(&["snooze", "github:c99", "2d"], t(NOW));
    for (window, total) in [("30d", 22), ("all", 25)] {
        let stats = s.stats(window, t(NOW));
        assert_eq!(stats["people_total"], total, "{window}");
        let people = stats["people"].as_array().expect("people");
        assert_eq!(people.len(), 20, "{window}");
        let p0 = &people[0];
        assert_eq!(p0["author"], "p0", "{window}");
        assert_eq!(
            (&p0["items"], &p0["needs_reply"], &p0["snoozed"]),
            (&json!(2), &json!(1), &json!(1)),
            "{window}"
        );
    }
}

/// An own reply dated a little ahead (its platform's clock running fast)
/// is in the chart's day, as the item it answers is.
#[test]
fn a_reply_dated_a_little_ahead_is_in_the_chart() {
    let s = Sandbox::new();
    let f = s.file(
        "ahead.jsonl",
        &lines(&[
            item(
                "mastodon",
                "1",
                "ana",
                "Which grinder?",
                "2026-11-20T11:00:00Z",
                json!({}),
            ),
            reply(
                "mastodon",
                "2",
                "1",
                "Ana, the C40!",
                "2026-11-20T12:05:00Z",
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    for window in ["7d", "all"] {
        let r = s.stats(window, t(NOW));
        assert_eq!(r["answered"], 1, "{window}");
        let sum = |key: &str| -> u64 {
            (r["over_time"].as_array().unwrap().iter())
                .map(|b| b[key].as_u64().unwrap())
                .sum()
        };
        assert_eq!((sum("answered"), sum("replies")), (1, 1), "{window}: {r}");
    }
}

/// A Hacker News story with alice's comment 1001 (deleted when `deleted`)
/// and, when `answered`, my reply 1002 to it.
fn hn_story(s: &Sandbox, name: &str, deleted: bool, answered: bool) -> std::path::PathBuf {
    let reply = json!({"id": 1002, "created_at_i": t("2026-11-20T10:00:00Z").timestamp(),
        "type": "comment", "author": "me", "text": "alice, it reads the context endpoint",
        "parent_id": 1001, "story_id": 1000, "children": []});
    let (author, text) = match deleted {
        true => (Value::Null, Value::Null),
        false => (
            json!("alice"),
            json!("How does it handle Mastodon threads?"),
        ),
    };
    let comment = json!({"id": 1001, "created_at_i": t("2026-11-20T08:00:00Z").timestamp(),
        "type": "comment", "author": author, "text": text, "parent_id": 1000, "story_id": 1000,
        "children": if answered { vec![reply] } else { Vec::new() }});
    let story = json!({"id": 1000, "created_at_i": t("2026-11-20T07:00:00Z").timestamp(),
        "type": "story", "author": "op", "title": "Show HN: ackbox", "text": null,
        "parent_id": null, "story_id": 1000, "children": [comment]});
    s.file(name, &story.to_string())
}

/// Imports `f` with my Hacker News account named.
fn import_hn(s: &Sandbox, f: &Path) -> String {
    s.ok(
        &["import", "--own", "hackernews:me", f.to_str().unwrap()],
        t(NOW),
    )
}

/// A comment the platform brings back that my reply (come while it was
/// away) answers is answered, as of the reply: not waiting again.
#[test]
fn a_comment_back_on_the_platform_with_my_reply_is_answered() {
    let s = Sandbox::new();
    let import = |f: &Path| import_hn(&s, f);
    import(&hn_story(&s, "a.json", false, false));
    import(&hn_story(&s, "b.json", true, false));
    assert_eq!(s.state_of("hackernews", "1001", t(NOW)), "dismissed");
    import(&hn_story(&s, "c.json", true, true));
    let out = import(&hn_story(&s, "d.json", false, true));
    assert!(out.contains("1 back on the platform"), "{out}");
    assert_eq!(s.state_of("hackernews", "1001", t(NOW)), "answered");
    let stats = s.stats("7d", t(NOW));
    assert_eq!(stats["time_to_first_reply"]["median_secs"], 7200, "{stats}");
    assert_rollups_match_items(&s);
}

/// A snooze the user took back (the undo refused: the platform had taken
/// the comment away meanwhile) does not come back with the comment.
#[test]
fn an_undone_snooze_does_not_come_back_with_the_comment() {
    let s = Sandbox::new();
    let import = |f: &Path| import_hn(&s, f);
    import(&hn_story(&s, "a.json", false, false));
    s.ok(&["snooze", "hackernews:1001", "2d"], t(NOW));
    import(&hn_story(&s, "b.json", true, false));
    let undo = s.run(&["undo"], t(NOW)).unwrap_or_else(|e| e.to_string());
    assert!(undo.contains("changed since by an import"), "{undo}");
    import(&hn_story(&s, "a.json", false, false));
    assert_eq!(s.state_of("hackernews", "1001", t(NOW)), "needs-reply");
}

/// Ann's question, `test:a1` in thread t1, as a canonical line.
fn anns_question() -> String {
    item(
        "test",
        "a1",
        "ann",
        "What grind size do you use for the V60?",
        "2026-11-19T08:00:00Z",
        json!({"thread_id": "t1"}),
    )
}

/// Two canonical files of one comment and my reply to it, the reply dated
/// `first` in the one and `second` in the other.
fn reply_moved(s: &Sandbox, first: &str, second: &str) -> [std::path::PathBuf; 2] {
    let question = anns_question();
    let file = |name: &str, at: &str| {
        let answer = reply("test", "r1", "a1", "Ann, medium-fine like table salt", at);
        s.file(name, &lines(&[question.clone(), answer]))
    };
    [file("one.jsonl", first), file("two.jsonl", second)]
}

/// Put back in the queue (and snoozed) by the user, an item stays so when
/// a later file gives the reply they judged another date.
#[test]
fn a_decision_stands_when_the_reply_comes_again_with_another_date() {
    let s = Sandbox::new();
    let [one, two] = reply_moved(&s, "2026-11-19T09:00:00Z", "2026-11-19T09:05:00Z");
    s.ok(&["import", one.to_str().unwrap()], t(NOW));
    s.ok(&["mark", "test:a1", "needs-reply"], t(NOW));
    s.ok(&["import", two.to_str().unwrap()], t(NOW));
    assert_eq!(s.state_of("test", "a1", t(NOW)), "needs-reply");
    s.ok(&["snooze", "test:a1", "3h"], t(NOW));
    s.ok(&["import", one.to_str().unwrap()], t(NOW));
    assert!(s.state_of("test", "a1", t(NOW)).starts_with("snoozed"));
    // A reply written after the decision answers it.
    let next_day = t("2026-11-21T12:00:00Z");
    let later = reply(
        "test",
        "r2",
        "a1",
        "Ann, try 18 clicks",
        "2026-11-21T11:00:00Z",
    );
    let later = s.file("later.jsonl", &lines(&[later]));
    s.ok(&["import", later.to_str().unwrap()], next_day);
    assert_eq!(s.state_of("test", "a1", next_day), "answered");
    assert_rollups_match_items(&s);
}

/// An undo that brings back "answered" is no mark of it: a reply imported
/// after it does not make the answer later than the mark.
#[test]
fn an_undo_is_no_mark_of_an_answer() {
    let s = Sandbox::new();
    let question = anns_question();
    let q = s.file("q.jsonl", &lines(&[question]));
    s.ok(&["import", q.to_str().unwrap()], t("2026-11-19T10:00:00Z"));
    s.ok(&["mark", "test:a1", "answered"], t("2026-11-19T10:00:00Z"));
    s.ok(&["mark", "test:a1", "needs-reply"], t(NOW));
    s.ok(&["undo"], t(NOW));
    let answer = reply(
        "test",
        "r1",
        "a1",
        "Ann, medium-fine",
        "2026-11-20T11:00:00Z",
    );
    let a = s.file("a.jsonl", &lines(&[answer]));
    s.ok(&["import", a.to_str().unwrap()], t(NOW));
    let stats = s.stats("7d", t(NOW));
    assert_eq!(stats["time_to_first_reply"]["median_secs"], 7200, "{stats}");
    assert_eq!(stats["today"]["answered"], 0, "{stats}");
}

/// Undoing a mark puts back the answer its replies give now: a reply an
/// import moved since answers as of its new date.
#[test]
fn an_undone_mark_is_answered_by_the_reply_as_it_is_now() {
    let s = Sandbox::new();
    let [one, two] = reply_moved(&s, "2026-11-19T09:00:00Z", "2026-11-20T10:00:00Z");
    s.ok(&["import", one.to_str().unwrap()], t(NOW));
    s.ok(&["mark", "test:a1", "answered"], t(NOW));
    s.ok(&["import", two.to_str().unwrap()], t(NOW));
    s.ok(&["undo"], t(NOW));
    let after = s.stats("7d", t(NOW));
    let fresh = Sandbox::new();
    fresh.ok(&["import", two.to_str().unwrap()], t(NOW));
    let expected = fresh.stats("7d", t(NOW));
    for key in ["median_secs", "p90_secs"] {
        assert_eq!(
            after["time_to_first_reply"][key], expected["time_to_first_reply"][key],
            "{after}"
        );
    }
    assert_eq!(after["time_to_first_reply"]["median_secs"], 26 * 3600);
    assert_rollups_match_items(&s);
}

/// The state columns are an export's: a listing kept and imported again,
/// or a file whose own `state` means something else, is read as items
/// (their states worked out from the replies), not as states to restore.
#[test]
fn only_an_export_restores_states() {
    let s = Sandbox::new();
    fixture(&s);
    let listed = s.ok(&["list", "--json", "--state", "all"], t(NOW));
    let copy = Sandbox::new();
    let f = copy.file("listed.jsonl", &listed);
    copy.ok(&["import", f.to_str().unwrap()], t(NOW));
    for line in copy
        .ok(&["list", "--json", "--state", "all"], t(NOW))
        .lines()
    {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["state"], "needs-reply", "no reply was imported: {v}");
    }
    let scripted = item(
        "github",
        "i1",
        "a",
        "bug?",
        "2026-11-19T10:00:00Z",
        json!({"state": "open", "origin": null}),
    );
    let f = copy.file("scripted.jsonl", &lines(&[scripted]));
    let out = copy.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert!(out.contains("1 new"), "{out}");
}

/// A reply first imported after the user snoozed the item, or put it back
/// in the queue, answers it, whenever it was written (posted from a phone
/// before the snooze): only a reply stored already when they decided is
/// held to their decision.
#[test]
fn a_reply_first_imported_after_a_decision_answers_the_item() {
    for decision in [
        &["snooze", "test:a1", "2d"][..],
        &["mark", "test:a1", "needs-reply"],
    ] {
        let s = Sandbox::new();
        let question = anns_question();
        let q = s.file("q.jsonl", &lines(&[question]));
        s.ok(&["import", q.to_str().unwrap()], t(NOW));
        s.ok(decision, t(NOW));
        let answer = reply(
            "test",
            "r1",
            "a1",
            "Ann, hold the button",
            "2026-11-20T09:00:00Z",
        );
        let a = s.file("a.jsonl", &lines(&[answer]));
        s.ok(&["import", a.to_str().unwrap()], t(NOW));
        assert_eq!(s.state_of("test", "a1", t(NOW)), "answered", "{decision:?}");
        assert_rollups_match_items(&s);
    }
}

/// `ackbox stats` prints the figures its `--json` holds: how old the
/// oldest item of the window still open is, and how many people wrote in
/// the window beyond the twenty listed.
#[test]
fn the_stats_text_says_the_oldest_open_and_the_people_left_out() {
    let s = Sandbox::new();
    let items: Vec<String> = (0..22)
        .map(|n| {
            item(
                "youtube",
                &format!("c{n}"),
                &format!("@fan{n}"),
                "Lovely roast",
                &format!("2026-11-{:02}T12:00:00Z", 19 - n % 10),
                json!({}),
            )
        })
        .collect();
    s.ok(
        &[
            "import",
            s.file("in.jsonl", &lines(&items)).to_str().unwrap(),
        ],
        t(NOW),
    );
    let text = s.ok(&["stats", "--window", "7d"], t(NOW));
    let json = s.stats("7d", t(NOW));
    assert_eq!(
        json["time_to_first_reply"]["open_oldest_age_secs"],
        7 * 86_400
    );
    assert!(
        text.contains("counting the 16 still open (the oldest 7.0 d): "),
        "{text}"
    );
    assert_eq!(json["people_total"], 16);
    assert!(text.contains("\nMost active people\n"), "{text}");
    assert!(!text.contains("more in this window"), "{text}");
    let text = s.ok(&["stats", "--window", "30d"], t(NOW));
    assert!(
        text.contains("  and 2 more in this window (`ackbox people` lists everyone)\n"),
        "{text}"
    );
    // With none open, said so.
    let s = Sandbox::new();
    let answered = [
        item(
            "youtube",
            "q",
            "@ann",
            "When?",
            "2026-11-19T10:00:00Z",
            json!({}),
        ),
        reply("youtube", "r", "q", "Ann, Friday", "2026-11-19T11:00:00Z"),
    ];
    s.ok(
        &[
            "import",
            s.file("a.jsonl", &lines(&answered)).to_str().unwrap(),
        ],
        t(NOW),
    );
    let text = s.ok(&["stats", "--window", "7d"], t(NOW));
    assert!(
        text.contains("time to first reply: median 1.0 h, p90 1.0 h · none still open\n"),
        "{text}"
    );
}

/// `mark dismissed` without `--reason` leaves an item dismissed already as
/// it is (its reason stands), alone or on standard input; a reason given
/// changes it.
#[test]
fn a_dismissal_without_a_reason_keeps_the_reason_given() {
    let s = Sandbox::new();
    let now = t(NOW);
    for (id, body) in [("a", "Free followers at my page"), ("b", "Nice!")] {
        let f = in_thread(&s, id, id, body, "2026-11-20T11:00:00Z", "t1");
        s.ok(&["import", f.to_str().unwrap()], now);
    }
    s.ok(&["mark", "youtube:a", "dismissed", "--reason", "spam"], now);
    let said = s.ok(&["mark", "youtube:a", "dismissed"], now);
    assert_eq!(said, "youtube:a: already so, nothing changed\n");
    assert_eq!(s.listed("a", now)["dismiss_reason"], json!("spam"));
    assert_eq!(s.stats("all", now)["dismissed_by_reason"]["spam"], 1);
    let said = s.ok(
        &["mark", "youtube:a", "dismissed", "--reason", "other"],
        now,
    );
    assert!(said.starts_with("youtube:a: dismissed (other)"), "{said}");
    s.ok(&["mark", "youtube:a", "dismissed", "--reason", "spam"], now);
    assert_eq!(s.listed("a", now)["dismiss_reason"], json!("spam"));
}

/// A reply that joins a muted thread when its parent comes, later or
/// further down the same file, is dismissed as muted, as it is when it
/// comes after its parent: the order of the files makes no difference.
#[test]
fn a_reply_joining_a_muted_thread_later_is_dismissed_as_muted() {
    let now = t(NOW);
    let line = |id: &str, extra: &str, author: &str, at: &str| {
        format!(
            r#"{{"platform":"forum","id":"{id}",{extra}"author":"{author}","body":"{id} here","created_at":"2026-11-20T{at}:00:00Z"}}"#
        )
    };
    let root = line("c0", r#""thread_id":"t1","#, "zed", "08");
    let parent = line("c1", r#""thread_id":"t1","#, "ann", "10");
    let reply = line("c2", r#""parent_id":"c1","#, "bob", "11");
    for files in [
        vec![reply.clone(), parent.clone()],
        vec![parent.clone(), reply.clone()],
        vec![format!("{reply}\n{parent}")],
    ] {
        let s = muted_then(&root, "forum:t1", &files, now);
        let states = ["c1", "c2"].map(|id| s.listed(id, now));
        for v in &states {
            assert_eq!(
                (
                    v["state"].as_str(),
                    v["dismiss_reason"].as_str(),
                    v["thread_id"].as_str()
                ),
                (Some("dismissed"), Some("muted"), Some("t1")),
                "{files:?}: {v}"
            );
        }
        assert_rollups_match_items(&s);
        // Unmuted, both wait again.
        s.ok(&["unmute", "forum:t1"], now);
        assert_eq!(s.state_of("forum", "c2", now), "needs-reply", "{files:?}");
    }
}

/// An item given twice in one file, its thread named by the second copy
/// only, takes in the replies stored before it, as one copy would.
#[test]
fn an_item_given_its_thread_by_a_second_copy_takes_its_replies_in() {
    let now = t(NOW);
    let s = Sandbox::new();
    let reply = r#"{"platform":"forum","id":"c2","parent_id":"c1","author":"bob","body":"reply to ann","created_at":"2026-11-20T11:00:00Z"}"#;
    s.ok(&["import", s.file("r.jsonl", reply).to_str().unwrap()], now);
    let twice = [
        r#"{"platform":"forum","id":"c1","author":"ann","body":"ann here","created_at":"2026-11-20T10:00:00Z"}"#,
        r#"{"platform":"forum","id":"c1","thread_id":"t1","thread_title":"Beans","author":"ann","body":"ann here (edited)","created_at":"2026-11-20T10:00:00Z"}"#,
    ]
    .join("\n");
    s.ok(
        &["import", s.file("twice.jsonl", &twice).to_str().unwrap()],
        now,
    );
    assert_eq!(s.listed("c2", now)["thread_id"], json!("t1"));
}

/// A comment that arrived with no thread and is given a muted one later (a
/// second copy in the file, or a later file) is dismissed as muted, as its
/// replies are: a mute holds what arrives in the thread.
#[test]
fn a_comment_given_a_muted_thread_later_is_dismissed_as_muted() {
    let now = t(NOW);
    let root = r#"{"platform":"reddit","id":"t1_a","thread_id":"t3_x","thread_title":"Thread X","author":"ann","body":"First about grinders","created_at":"2026-11-20T08:00:00Z"}"#;
    let reply = r#"{"platform":"reddit","id":"t1_c","parent_id":"t1_b","author":"cid","body":"A reply to b about kettles","created_at":"2026-11-20T11:00:00Z"}"#;
    let bare = r#"{"platform":"reddit","id":"t1_b","author":"ben","body":"Second about scales","created_at":"2026-11-20T10:00:00Z"}"#;
    let threaded = r#"{"platform":"reddit","id":"t1_b","thread_id":"t3_x","thread_title":"Thread X","author":"ben","body":"Second about scales","created_at":"2026-11-20T10:00:00Z"}"#;
    for files in [
        vec![[reply, bare, threaded].join("\n")],
        vec![[reply, bare].join("\n"), threaded.to_owned()],
    ] {
        let s = muted_then(root, "reddit:t3_x", &files, now);
        for id in ["t1_b", "t1_c"] {
            let v = s.listed(id, now);
            assert_eq!(
                (v["state"].as_str(), v["dismiss_reason"].as_str()),
                (Some("dismissed"), Some("muted")),
                "{files:?}: {v}"
            );
        }
        assert_rollups_match_items(&s);
        s.ok(&["unmute", "reddit:t3_x"], now);
        assert_eq!(s.state_of("reddit", "t1_b", now), "needs-reply");
    }
}

/// A stored comment that turns out to be the owner's as it moves into a
/// muted thread is imported: its row is a new one, and an own reply is not
/// dismissed.
#[test]
fn a_comment_becoming_an_own_reply_in_a_muted_thread_is_imported() {
    let now = t(NOW);
    let s = Sandbox::new();
    let first = [
        r#"{"platform":"youtube","id":"p1","thread_id":"T2","author":"@bob","body":"Bob in T2","created_at":"2026-11-01T10:00:00Z"}"#,
        r#"{"platform":"youtube","id":"x1","thread_id":null,"author":"@me","body":"My words","created_at":"2026-11-02T10:00:00Z"}"#,
        r#"{"platform":"youtube","id":"z1","thread_id":"T1","author":"@carol","body":"Carol in T1","created_at":"2026-11-03T10:00:00Z"}"#,
    ]
    .join("\n");
    s.ok(
        &["import", s.file("a.jsonl", &first).to_str().unwrap()],
        now,
    );
    s.ok(&["mute", "youtube:T2"], now);
    let moved = r#"{"platform":"youtube","id":"x1","thread_id":"T2","author":"@me","body":"My words","created_at":"2026-11-02T10:00:00Z"}"#;
    let f = s.file("b.jsonl", moved);
    s.ok(
        &["import", "--own", "youtube:@me", f.to_str().unwrap()],
        now,
    );
    assert!(s.list(now).iter().all(|v| v["id"] != "x1"));
    assert_rollups_match_items(&s);
}

/// A sandbox with `root` imported, the thread `muted`, then each of
/// `files` imported in turn.
fn muted_then(root: &str, muted: &str, files: &[String], now: DateTime<Utc>) -> Sandbox {
    let s = Sandbox::new();
    s.ok(
        &["import", s.file("root.jsonl", root).to_str().unwrap()],
        now,
    );
    s.ok(&["mute", muted], now);
    for (i, f) in files.iter().enumerate() {
        s.ok(
            &["import", s.file(&format!("{i}.jsonl"), f).to_str().unwrap()],
            now,
        );
    }
    s
}

/// After the imports of the last weeks: a clock of its own.
fn in_december() -> DateTime<Utc> {
    t("2026-12-07T05:00:00Z")
}

fn query(s: &Sandbox, sql: &str) -> Vec<Vec<rusqlite::types::Value>> {
    rows(&rusqlite::Connection::open(s.db()).unwrap(), sql)
}

/// A YouTube reply whose parent comes in a later file, listed after a
/// reply under it: the own reply answers it and is judged, as when the
/// parent comes first (the order of a file does not matter).
#[test]
fn a_reply_whose_parent_comes_later_after_a_sibling_is_judged() {
    let s = Sandbox::new();
    let now = in_december();
    let mine = s.file(
        "mine.jsonl",
        &lines(&[item(
            "youtube",
            "r0",
            "me",
            "@Frank yes it does, espresso is fine",
            "2026-11-27T00:09:41Z",
            json!({"own": true, "parent_id": "c1", "thread_id": "t3"}),
        )]),
    );
    s.ok(&["import", mine.to_str().unwrap()], now);
    let theirs = s.file(
        "theirs.jsonl",
        &lines(&[
            item(
                "youtube",
                "c2",
                "alice",
                "Great post",
                "2026-11-25T08:03:56Z",
                json!({"parent_id": "c1", "thread_id": "t3"}),
            ),
            item(
                "youtube",
                "c1",
                "frank",
                "Love it",
                "2026-11-25T05:30:27Z",
                json!({"thread_id": "t3"}),
            ),
        ]),
    );
    let summary = s.import_summary(&theirs, now);
    assert_eq!(summary["own_replies_linked"], 1, "{summary}");
    assert_eq!(
        query(&s, "SELECT state, personal FROM items WHERE id = 'c1'"),
        [[1i64.into(), 0i64.into()]]
    );
    assert_eq!(
        query(&s, "SELECT verdict FROM items WHERE id = 'r0'"),
        [[0i64.into()]],
        "generic"
    );
}

/// An own reply @mentioning a commenter under a YouTube comment, which a
/// later file finds meant another item of theirs: the comment above, which
/// another reply answers, is answered when that one was written, not when
/// the moved one was.
#[test]
fn a_mention_moved_to_another_item_is_not_the_first_reply_of_the_comment_above() {
    let s = Sandbox::new();
    let now = in_december();
    let under = |id: &str, author: &str, body: &str, at: &str, own: bool| {
        let mut extra = json!({"thread_id": "v1", "parent_id": "c0"});
        if own {
            extra["own"] = json!(true);
        }
        item("youtube", id, author, body, at, extra)
    };
    let first = s.file(
        "first.jsonl",
        &lines(&[
            item(
                "youtube",
                "c0",
                "erin",
                "Which grinder do you use?",
                "2026-11-25T10:00:00Z",
                json!({"thread_id": "v1"}),
            ),
            under(
                "c8",
                "frank",
                "I want to know too",
                "2026-11-25T12:00:00Z",
                false,
            ),
            under(
                "r4",
                "me",
                "@frank it's the Comandante C40",
                "2026-11-25T13:00:00Z",
                true,
            ),
        ]),
    );
    s.ok(&["import", first.to_str().unwrap()], now);
    let second = s.file(
        "second.jsonl",
        &lines(&[
            under(
                "c11",
                "frank",
                "Is it worth the price?",
                "2026-11-25T11:00:00Z",
                false,
            ),
            under(
                "r5",
                "me",
                "Erin, it is the Comandante C40",
                "2026-11-26T09:00:00Z",
                true,
            ),
        ]),
    );
    s.ok(&["import", second.to_str().unwrap()], now);
    let stale = query(
        &s,
        "SELECT i.id, i.first_reply_at FROM items i WHERE i.own = 0
             AND i.first_reply_at IS NOT (SELECT MIN(r.created_at) FROM items r
                 WHERE r.platform = i.platform AND r.parent_id = i.id AND r.own = 1)",
    );
    assert!(stale.is_empty(), "not their first reply's time: {stale:?}");
}

/// A comment that becomes an own post on a later import (the identity
/// given then): the reply to it answers nobody now, judged as a first
/// import with that identity judges it.
#[test]
fn a_reply_to_a_comment_that_becomes_own_is_judged_again() {
    let now = in_december();
    let verdicts = |s: &Sandbox| query(s, "SELECT id, verdict FROM items WHERE own = 1");
    let both = lines(&[
        item(
            "mastodon",
            "c1",
            "brand_alt",
            "New espresso post is up",
            "2026-12-01T10:00:00Z",
            json!({"author_name": "Brand"}),
        ),
        item(
            "mastodon",
            "r1",
            "me",
            "Thanks Brand, great post",
            "2026-12-01T12:00:00Z",
            json!({"own": true, "parent_id": "c1"}),
        ),
    ]);
    let known = Sandbox::new();
    let f = known.file("a.jsonl", &both);
    known.ok(
        &["import", "--own", "mastodon:brand_alt", f.to_str().unwrap()],
        now,
    );
    let s = Sandbox::new();
    let f = s.file("a.jsonl", &both);
    s.ok(&["import", f.to_str().unwrap()], now);
    assert_eq!(
        verdicts(&s),
        [[String::from("r1").into(), 1i64.into()]],
        "personal"
    );
    s.ok(
        &["import", "--own", "mastodon:brand_alt", f.to_str().unwrap()],
        now,
    );
    assert_eq!(verdicts(&s), verdicts(&known));
}

/// An export of items the user put back in the queue, or snoozed, despite
/// the reply that answered them: their decisions stand in a database that
/// holds other items as in an empty one.
#[test]
fn an_exports_decision_despite_a_reply_stands_in_a_database_with_other_items() {
    let now = in_december();
    let s = Sandbox::new();
    let f = s.file(
        "a.jsonl",
        &lines(&[
            item(
                "mastodon",
                "c1",
                "alice",
                "Love the espresso post",
                "2026-12-01T10:00:00Z",
                json!({}),
            ),
            item(
                "mastodon",
                "c2",
                "bob",
                "When?",
                "2026-12-01T10:00:00Z",
                json!({}),
            ),
            reply(
                "mastodon",
                "r1",
                "c1",
                "Thanks Alice",
                "2026-12-02T12:00:00Z",
            ),
            reply("mastodon", "r2", "c2", "Friday Bob", "2026-12-02T12:00:00Z"),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], now);
    s.ok(&["mark", "mastodon:c1", "needs-reply"], now);
    s.ok(&["snooze", "mastodon:c1", "3d"], now);
    s.ok(&["mark", "mastodon:c2", "needs-reply"], now);
    let export = s.ok(&["export"], now);
    let states = |s: &Sandbox| {
        query(
            s,
            "SELECT id, state, decided FROM items
             WHERE platform = 'mastodon' AND own = 0 ORDER BY id",
        )
    };
    let other = Sandbox::new();
    let seed = lines(&[item(
        "x",
        "x1",
        "sam",
        "hi",
        "2026-11-01T00:00:00Z",
        json!({}),
    )]);
    other.ok(
        &["import", other.file("seed.jsonl", &seed).to_str().unwrap()],
        now,
    );
    let e = other.file("export.jsonl", &export);
    other.ok(&["import", e.to_str().unwrap()], now);
    assert_eq!(states(&other), states(&s));
    assert_eq!(states(&s)[0][1], 3i64.into(), "snoozed");
}

/// A comment written after closing time and answered the next morning an
/// hour after opening took one working hour, not less (nor a negative time).
#[test]
fn business_time_of_a_comment_written_after_closing_is_the_next_days_hours() {
    let s = Sandbox::imported(
        &[
            // Monday 20:00, three hours after closing.
            item(
                "youtube",
                "c1",
                "ann",
                "Love it",
                "2026-11-16T20:00:00Z",
                json!({}),
            ),
            // Tuesday 10:00, one hour after opening.
            reply("youtube", "r1", "c1", "Thanks Ann!", "2026-11-17T10:00:00Z"),
        ],
        t(NOW),
    );
    s.file(
        "config.toml",
        "[business_hours]\ntimezone = \"UTC\"\nmonday = \"09:00-17:00\"\ntuesday = \"09:00-17:00\"\n",
    );
    let r = s.stats("7d", t(NOW));
    let ttfr = &r["time_to_first_reply"];
    assert_eq!(ttfr["median_secs"], 14 * 3600);
    assert_eq!(ttfr["business_median_secs"], 3600, "{ttfr}");
}

/// README: "the incoming and answered items per day (per week beyond 90
/// days)": the 90-day window is still drawn by day.
#[test]
fn the_90_day_window_is_charted_by_day() {
    let s = Sandbox::imported(
        &[item(
            "youtube",
            "c1",
            "ann",
            "Love it",
            "2026-11-16T20:00:00Z",
            json!({}),
        )],
        t(NOW),
    );
    let r = s.stats("90d", t(NOW));
    assert_eq!(r["bucket"], "day");
    assert!(r["over_time"].as_array().unwrap().len() >= 90);
}

/// PRODUCT.md: "Re-importing data never undoes a decision the user made."
/// A comment the user put back in the queue by hand, given later a thread
/// they had muted, stays in the queue: the mute dismisses only what waits
/// by no decision of theirs.
#[test]
fn a_comment_put_back_by_hand_stays_when_a_later_file_puts_it_in_a_muted_thread() {
    let now = t(NOW);
    let s = Sandbox::new();
    let root = r#"{"platform":"reddit","id":"t1_a","thread_id":"t3_x","thread_title":"Thread X","author":"ann","body":"First about grinders","created_at":"2026-11-20T08:00:00Z"}"#;
    let bare = r#"{"platform":"reddit","id":"t1_b","author":"ben","body":"Second about scales","created_at":"2026-11-20T10:00:00Z"}"#;
    let threaded = r#"{"platform":"reddit","id":"t1_b","thread_id":"t3_x","thread_title":"Thread X","author":"ben","body":"Second about scales","created_at":"2026-11-20T10:00:00Z"}"#;
    s.ok(
        &["import", s.file("root.jsonl", root).to_str().unwrap()],
        now,
    );
    s.ok(&["mute", "reddit:t3_x"], now);
    s.ok(
        &["import", s.file("bare.jsonl", bare).to_str().unwrap()],
        now,
    );
    // The user dismisses it, then changes their mind: it needs a reply.
    s.ok(&["mark", "reddit:t1_b", "dismissed"], now);
    s.ok(&["mark", "reddit:t1_b", "needs-reply"], now);
    s.ok(
        &[
            "import",
            s.file("threaded.jsonl", threaded).to_str().unwrap(),
        ],
        now,
    );
    let v = s.listed("t1_b", now);
    assert_eq!(v["thread_id"], json!("t3_x"));
    assert_eq!(v["state"], json!("needs-reply"), "{v}");
}

/// A comment the platform took away and brings back after the user muted
/// its thread arrives in a muted thread: dismissed as muted, not waiting
/// (PRODUCT.md: "muting a thread dismisses it and everything that arrives
/// in it later").
#[test]
fn a_comment_back_on_the_platform_in_a_thread_muted_meanwhile_stays_dismissed() {
    let s = Sandbox::new();
    let now = t(NOW);
    let story = |name: &str, deleted: bool| {
        let (author, text) = match deleted {
            true => (serde_json::Value::Null, serde_json::Value::Null),
            false => (
                json!("alice"),
                json!("How does it handle Mastodon threads?"),
            ),
        };
        let comment = json!({"id": 1001, "created_at_i": t("2026-11-20T08:00:00Z").timestamp(),
            "type": "comment", "author": author, "text": text, "parent_id": 1000,
            "story_id": 1000, "children": []});
        let story = json!({"id": 1000, "created_at_i": t("2026-11-20T07:00:00Z").timestamp(),
            "type": "story", "author": "op", "title": "Show HN: ackbox", "text": null,
            "parent_id": null, "story_id": 1000, "children": [comment]});
        s.file(name, &story.to_string())
    };
    let import = |f: std::path::PathBuf| {
        s.ok(
            &["import", "--own", "hackernews:me", f.to_str().unwrap()],
            now,
        )
    };
    import(story("a.json", false));
    import(story("b.json", true));
    assert_eq!(s.state_of("hackernews", "1001", now), "dismissed");
    let thread = s.listed("1001", now)["thread_id"]
        .as_str()
        .unwrap()
        .to_owned();
    s.ok(&["mute", &format!("hackernews:{thread}")], now);
    import(story("c.json", false));
    let v = s.listed("1001", now);
    assert_eq!(
        (v["state"].as_str(), v["dismiss_reason"].as_str()),
        (Some("dismissed"), Some("muted")),
        "{v}"
    );
}

/// "loyal: active in loyal_weeks (three) or more distinct weeks of the
/// window": three comments in one week are one week, in a window that is
/// not the whole history too.
#[test]
fn three_comments_in_one_week_are_not_loyal_in_a_window() {
    let now = t(NOW);
    let s = Sandbox::imported(
        &[
            // Older than the window: the 7-day window is not the whole history.
            item(
                "youtube",
                "old",
                "kim",
                "First!",
                "2026-09-01T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "b1",
                "bob",
                "One",
                "2026-11-18T09:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "b2",
                "bob",
                "Two",
                "2026-11-18T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "b3",
                "bob",
                "Three",
                "2026-11-18T11:00:00Z",
                json!({}),
            ),
        ],
        now,
    );
    for window in ["7d", "all"] {
        let r = s.stats(window, now);
        let bob = r["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["author"] == "bob")
            .cloned()
            .unwrap();
        assert_eq!(bob["items"], 3, "{window}: {bob}");
        assert_eq!(bob["loyal"], false, "{window}: {bob}");
    }
}

/// "today: items answered and dismissed today (local time)": a reply dated
/// tomorrow (a clock ahead: an import takes items up to a day ahead) is not
/// today's work. (Assumes a local time zone within about ten hours of UTC,
/// as the suite's other `today` tests do.)
#[test]
fn a_reply_dated_tomorrow_is_not_todays_work() {
    let now = t(NOW);
    let s = Sandbox::imported(
        &[
            item(
                "youtube",
                "c1",
                "ann",
                "Love it",
                "2026-11-20T09:00:00Z",
                json!({}),
            ),
            reply("youtube", "r1", "c1", "Thanks Ann!", "2026-11-21T10:00:00Z"),
        ],
        now,
    );
    assert_eq!(s.state_of("youtube", "c1", now), "answered");
    assert_eq!(s.stats("7d", now)["today"]["answered"], 0);
}

/// README: "Items still open (needing a reply or snoozed) … `open` counts
/// them, `open_oldest_age_secs` says how old the oldest is": a snoozed item
/// older than every waiting one is the oldest open.
#[test]
fn the_oldest_open_item_may_be_a_snoozed_one() {
    let now = t(NOW);
    let s = Sandbox::imported(
        &[
            item(
                "youtube",
                "old",
                "ann",
                "Question?",
                "2026-11-15T12:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "new",
                "bob",
                "Hello",
                "2026-11-19T12:00:00Z",
                json!({}),
            ),
        ],
        now,
    );
    s.ok(&["snooze", "youtube:old", "2d"], now);
    let r = s.stats("7d", now);
    let ttfr = &r["time_to_first_reply"];
    assert_eq!(ttfr["open"], 2, "{ttfr}");
    assert_eq!(ttfr["open_oldest_age_secs"], 5 * 86_400, "{ttfr}");
}

/// README: "a reply dated before its item, as clocks sometimes disagree,
/// counts as 0".
#[test]
fn a_reply_dated_before_its_item_counts_as_zero() {
    let now = t(NOW);
    let s = Sandbox::imported(
        &[
            item(
                "youtube",
                "c1",
                "ann",
                "Love it",
                "2026-11-19T10:00:00Z",
                json!({}),
            ),
            reply("youtube", "r1", "c1", "Thanks Ann!", "2026-11-19T09:00:00Z"),
        ],
        now,
    );
    let r = s.stats("7d", now);
    let ttfr = &r["time_to_first_reply"];
    assert_eq!(ttfr["answered"], 1, "{ttfr}");
    assert_eq!(ttfr["median_secs"], 0, "{ttfr}");
    assert_eq!(ttfr["p90_secs"], 0, "{ttfr}");
}

/// In a window's People panel, only the bait or spam dismissed among the
/// window's items takes a week away: what was dismissed before the window
/// leaves a person with three weeks of it loyal there.
#[test]
fn only_a_windows_own_bait_takes_a_week_from_it() {
    let now = t(NOW);
    let s = Sandbox::imported(
        &[
            item(
                "youtube",
                "e0",
                "@eve",
                "sub to my channel",
                "2026-08-20T09:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "e1",
                "@eve",
                "check out my channel",
                "2026-08-20T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "e2",
                "@eve",
                "Great video",
                "2026-10-26T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "e3",
                "@eve",
                "Great edit",
                "2026-11-02T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "e4",
                "@eve",
                "Great music",
                "2026-11-09T10:00:00Z",
                json!({}),
            ),
        ],
        now,
    );
    for id in ["youtube:e0", "youtube:e1"] {
        s.ok(&["mark", id, "dismissed", "--reason", "spam"], now);
    }
    let loyal = |window: &str| {
        let r = s.stats(window, now);
        let eve = (r["people"].as_array().unwrap().iter())
            .find(|p| p["author"] == "@eve")
            .cloned()
            .unwrap();
        eve["loyal"].as_bool()
    };
    assert_eq!(loyal("30d"), Some(true));
    // Four weeks in all, less two for the spam.
    assert_eq!(loyal("all"), Some(false));
    // `people` and `person` say why, as the review's person view does.
    let eve: Value =
        serde_json::from_str(&s.ok(&["person", "youtube:@eve", "--json"], now)).unwrap();
    assert_eq!(
        (&eve["weeks"], &eve["bait_or_spam"], &eve["loyal"]),
        (&json!(4), &json!(2), &json!(false))
    );
    let line = s.ok(&["people"], now);
    assert!(
        line.contains("4 weeks") && line.contains("[2 weeks less for bait or spam]"),
        "{line}"
    );
}

/// A reply under 4 MiB as typed that NFC makes longer (U+0958 is 3 bytes,
/// its canonical form U+0915 U+093C 6) is measured as it would be kept:
/// refused, so that every export imports back (HJ).
#[test]
fn a_reply_nfc_makes_longer_is_measured_as_kept() {
    let s = Sandbox::new();
    let now = t(NOW);
    let q = item(
        "youtube",
        "q",
        "@ann",
        "hi",
        "2026-11-19T10:00:00Z",
        json!({}),
    );
    s.ok(&["import", s.file("q.jsonl", &q).to_str().unwrap()], now);
    {
        let mut store = Store::open(&s.db()).unwrap();
        let rid = store.rid_of(&"youtube:q".parse().unwrap()).unwrap();
        let typed = "\u{958}".repeat(1_300_000);
        assert!(typed.len() <= 4 << 20);
        // Refused: over 4 MiB once saved.
        let e = store.reply(rid, "me", &typed, now).unwrap_err().to_string();
        assert!(e.contains("a reply is kept up to 4 MiB"), "{e}");
        store
            .reply(rid, "me", &"\u{958}".repeat(600_000), now)
            .unwrap();
    }
    let dump = s.ok(&["export"], now);
    let moved = Sandbox::new();
    let f = moved.file("e.jsonl", &dump);
    moved.ok(&["import", f.to_str().unwrap()], now);
}

/// An export moved as two files, and between the two an import
/// from the platform finds the reply posted (its own id there): the second
/// part's copy written here is one reply with it, not a second (HJ).
#[test]
fn a_split_export_and_the_platform_copy_between_are_one_reply() {
    let now = t(NOW);
    let s = replied_to_n2(now);
    let (moved, second) = split_export(&s, now);
    let posted = reply(
        "youtube",
        "yt-posted-1",
        "n2",
        "Kim, thanks for the grinder tip!",
        "2026-11-20T12:01:00Z",
    );
    let platform = moved.file("platform.jsonl", &(posted + "\n"));
    moved.ok(&["import", platform.to_str().unwrap()], now);
    let before = moved.ok(&["replies", "--json"], now).lines().count();
    let out = moved.ok(&["import", "--json", second.to_str().unwrap()], now);
    let after = moved.ok(&["replies", "--json"], now);
    assert_eq!(after.lines().count(), before, "{out}\n{after}");
}

/// A reply written here, found on the platform, then found to
/// be another's words (its row goes, the item waits again). An older
/// export, from before, brings it back neither into this database nor into
/// one restored from its newer export (HJ).
#[test]
fn an_older_export_into_a_restored_copy_brings_back_no_gone_reply() {
    let now = t(NOW);
    let s = replied_to_n2(now);
    let old = s.ok(&["export"], now);
    let posted = reply(
        "youtube",
        "yt1",
        "n2",
        "Kim, thanks for the grinder tip!",
        "2026-11-20T12:01:00Z",
    );
    s.ok(
        &["import", s.file("posted.jsonl", &posted).to_str().unwrap()],
        now,
    );
    let theirs = item(
        "youtube",
        "yt1",
        "@someone",
        "Kim, thanks for the grinder tip!",
        "2026-11-20T12:01:00Z",
        json!({"parent_id": "n2", "own": false}),
    );
    s.ok(
        &["import", s.file("theirs.jsonl", &theirs).to_str().unwrap()],
        now,
    );
    assert_eq!(s.state_of("youtube", "n2", now), "needs-reply");
    let new = s.ok(&["export"], now);
    // Into the database itself: not brought back.
    let here = s.ok(
        &[
            "import",
            "--json",
            s.file("old.jsonl", &old).to_str().unwrap(),
        ],
        now,
    );
    assert_eq!(s.state_of("youtube", "n2", now), "needs-reply", "{here}");
    // Into its copy: alike.
    let copy = Sandbox::new();
    copy.ok(
        &["import", copy.file("new.jsonl", &new).to_str().unwrap()],
        now,
    );
    assert_eq!(copy.state_of("youtube", "n2", now), "needs-reply");
    let there = copy.ok(
        &[
            "import",
            "--json",
            copy.file("old.jsonl", &old).to_str().unwrap(),
        ],
        now,
    );
    assert_eq!(
        copy.state_of("youtube", "n2", now),
        "needs-reply",
        "{there}"
    );
}

/// An item marked answered whose one reply a later import moves to another
/// item has personal = unknown again (PRODUCT: marked by hand with no reply
/// text), in an import large enough to judge its replies in bulk too.
#[test]
fn a_marked_item_losing_its_reply_in_a_large_import_is_unknown_again() {
    let s = Sandbox::new();
    let now = t(NOW);
    let at = |h: i64| (now - chrono::Duration::hours(h)).to_rfc3339();
    let ask = |id: &str, who: &str| item("forum", id, who, "Which burr size?", &at(10), json!({}));
    let first = s.file("a.jsonl", &lines(&[ask("x", "ann"), ask("y", "bob")]));
    s.ok(&["import", first.to_str().unwrap()], now);
    s.ok(
        &["mark", "forum:x", "answered"],
        now - chrono::Duration::hours(5),
    );
    let personal = "Ann, 58 mm burrs are what you want for espresso";
    let second = s.file(
        "b.jsonl",
        &lines(&[reply("forum", "r1", "x", personal, &at(4))]),
    );
    s.ok(&["import", second.to_str().unwrap()], now);
    assert_eq!(s.listed("x", now)["personal"], json!(true));
    // r1 now answers y, beside more than 20,000 new items and replies.
    let mut big = vec![reply("forum", "r1", "y", personal, &at(4))];
    for i in 0..20_001 {
        big.push(item(
            "forum",
            &format!("n{i}"),
            &format!("u{i}"),
            "hello",
            &at(3),
            json!({}),
        ));
        big.push(reply(
            "forum",
            &format!("m{i}"),
            &format!("n{i}"),
            "Thanks!",
            &at(2),
        ));
    }
    let third = s.file("c.jsonl", &lines(&big));
    s.ok(&["import", third.to_str().unwrap()], now);
    let x = s.listed("x", now);
    assert_eq!(
        (&x["state"], &x["first_reply_at"]),
        (&json!("answered"), &Value::Null)
    );
    assert_eq!(x["personal"], Value::Null);
    assert_eq!(s.stats("7d", now)["personal_unknown"], json!(1));
    assert_rollups_match_items(&s);
}
