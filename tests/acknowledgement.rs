//! Acknowledgement through the database: reply verdicts (recomputed when a
//! text turns canned), flags with reasons, people, VIPs and auto-dismiss rules.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use serde_json::{Value, json};

const NOW: &str = "2026-11-20T12:00:00Z";

fn replies(s: &Sandbox) -> Vec<Value> {
    s.ok(&["replies", "--json"], t(NOW))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn verdict_of(s: &Sandbox, id: &str) -> (String, Vec<String>) {
    let r = replies(s)
        .into_iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no reply {id}"));
    (
        r["verdict"].as_str().unwrap().to_owned(),
        r["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_owned())
            .collect(),
    )
}

/// An inbox with a post of one's own, a reply to a comment (r1), a reply
/// to one's own reply (r2) and a reply to a comment not stored (r3).
fn replies_to_nobody() -> Sandbox {
    let s = Sandbox::new();
    let f = s.file(
        "mine.jsonl",
        &lines(&[
            item(
                "x",
                "post",
                "me",
                "Our new roast is out!",
                "2026-11-18T10:00:00Z",
                json!({"own": true}),
            ),
            item(
                "x",
                "q",
                "joe",
                "Is it dark?",
                "2026-11-18T11:00:00Z",
                json!({}),
            ),
            reply("x", "r1", "q", "Joe, medium-dark!", "2026-11-18T12:00:00Z"),
            reply("x", "r2", "r1", "And fresh", "2026-11-18T12:01:00Z"),
            reply("x", "r3", "gone", "Thanks!", "2026-11-18T13:00:00Z"),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    s
}

/// A database made before such replies went unjudged loses their verdicts
/// when it is upgraded, and keeps the others.
#[test]
fn an_upgrade_takes_the_verdicts_of_replies_to_nobody_away() {
    let s = replies_to_nobody();
    {
        // As version 10, before replies to nobody went unjudged (11), judged it.
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        conn.execute_batch(
            "UPDATE items SET verdict = 0, reasons = '[\"generic\"]' WHERE id = 'r3';
             PRAGMA user_version = 10;",
        )
        .unwrap();
    }
    assert_eq!(verdict_of(&s, "r1").0, "personal");
    let r3 = replies(&s).into_iter().find(|r| r["id"] == "r3").unwrap();
    assert_eq!(r3["verdict"], Value::Null, "{r3}");
}

/// A database from a version that noted no analysis settings was judged
/// under others than these: its first open judges it again.
#[test]
fn a_database_that_noted_no_analysis_settings_is_judged_again() {
    let s = replies_to_nobody();
    {
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        conn.execute_batch(
            "UPDATE items SET verdict = 0, reasons = '[\"generic\"]' WHERE id = 'r1';
             DELETE FROM settings WHERE key = 'analysis';",
        )
        .unwrap();
    }
    assert_eq!(verdict_of(&s, "r1").0, "personal");
    // Noted now: a reply marked by hand later is not judged over again.
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    conn.execute_batch("UPDATE items SET verdict = 0 WHERE id = 'r1';")
        .unwrap();
    assert_eq!(verdict_of(&s, "r1").0, "generic");
}

/// A person who becomes loyal with a new comment has every waiting item
/// ranked again, whatever their oldest one is (its emoji alone leave out
/// the loyal points): the queue is as if everything came at once.
#[test]
fn a_person_who_becomes_loyal_is_ranked_again_whatever_their_oldest_item() {
    let now = t("2026-12-01T12:00:00Z");
    let first = lines(&[
        item(
            "x",
            "p1",
            "pia",
            "🔥🔥🔥",
            "2026-11-16T10:00:00Z",
            json!({}),
        ),
        item(
            "x",
            "p2",
            "pia",
            "I tried the Konga with a finer grind and it was much sweeter.",
            "2026-11-23T10:00:00Z",
            json!({}),
        ),
        item(
            "x",
            "q1",
            "quinn",
            "Which burr set did you use?",
            "2026-11-24T10:00:00Z",
            json!({}),
        ),
    ]);
    let third = lines(&[item(
        "x",
        "p3",
        "pia",
        "Made the water recipe again today, just as good.",
        "2026-11-30T10:00:00Z",
        json!({}),
    )]);
    let queue = |s: &Sandbox| ids(&s.ok(&["list", "--json"], now));
    let in_two = Sandbox::new();
    in_two.ok(
        &["import", in_two.file("a.jsonl", &first).to_str().unwrap()],
        now,
    );
    in_two.ok(
        &["import", in_two.file("b.jsonl", &third).to_str().unwrap()],
        now,
    );
    let at_once = Sandbox::new();
    let both = format!("{first}\n{third}");
    at_once.ok(
        &["import", at_once.file("ab.jsonl", &both).to_str().unwrap()],
        now,
    );
    assert_eq!(queue(&in_two), queue(&at_once));
    assert_eq!(queue(&at_once)[0], "p2", "{:?}", queue(&at_once));
}

/// Weeks of comments dismissed as bait or spam make no one loyal: a
/// spammer's next comment, unflagged, gets neither the loyal nor the
/// left-waiting points and stays below a real question, and `people`
/// does not call them loyal; an undo gives the weeks back.
#[test]
fn weeks_of_bait_dismissed_make_no_one_loyal() {
    let now = t("2026-12-01T12:00:00Z");
    let bait = |id: &str, at: &str| {
        item(
            "reddit",
            id,
            "spambot99",
            "follow for follow! check out my page",
            at,
            json!({}),
        )
    };
    let first = lines(&[
        bait("s1", "2026-11-09T10:00:00Z"),
        bait("s2", "2026-11-16T10:00:00Z"),
        bait("s3", "2026-11-23T10:00:00Z"),
        item(
            "reddit",
            "c1",
            "realcustomer",
            "My order never arrived, can you help?",
            "2026-11-28T21:06:00Z",
            json!({}),
        ),
        item(
            "reddit",
            "s4",
            "spambot99",
            "Great AMA, visit the beans shop for deals",
            "2026-11-30T10:00:00Z",
            json!({}),
        ),
    ]);
    let s = Sandbox::new();
    s.ok(
        &["import", s.file("a.jsonl", &first).to_str().unwrap()],
        now,
    );
    let queue = |s: &Sandbox| ids(&s.ok(&["list", "--json"], now));
    let spammer = |s: &Sandbox| {
        let people = s.ok(&["people", "--json"], now);
        let line = (people.lines())
            .find(|l| l.contains("spambot99"))
            .expect("the spammer")
            .to_owned();
        serde_json::from_str::<Value>(&line).unwrap()["loyal"].as_bool()
    };
    // Three weeks of bait, not dismissed: loyal, their newest first.
    assert_eq!(spammer(&s), Some(true));
    assert_eq!(queue(&s)[0], "s4", "{:?}", queue(&s));
    for id in ["reddit:s1", "reddit:s2", "reddit:s3"] {
        s.ok(&["mark", id, "dismissed", "--reason", "bait"], now);
    }
    assert_eq!(spammer(&s), Some(false));
    assert_eq!(queue(&s), ["c1", "s4"]);
    common::assert_rollups_match_items(&s);
    // One taken back, the two weeks of bait left still count against them.
    s.ok(&["undo"], now);
    assert_eq!(spammer(&s), Some(false));
    s.ok(&["undo"], now);
    assert_eq!(spammer(&s), Some(true));
    assert_eq!(queue(&s)[0], "s4", "{:?}", queue(&s));
    common::assert_rollups_match_items(&s);
}

/// A post of one's own, a reply to one's own comment and a reply to a
/// comment not stored answer nobody: they are listed without a verdict.
#[test]
fn only_replies_to_someones_comment_have_a_verdict() {
    let s = replies_to_nobody();
    let verdicts: Vec<(String, Value)> = replies(&s)
        .into_iter()
        .map(|r| (r["id"].as_str().unwrap().to_owned(), r["verdict"].clone()))
        .collect();
    let want = [
        ("post", Value::Null),
        ("r1", json!("personal")),
        ("r2", Value::Null),
        ("r3", Value::Null),
    ];
    assert_eq!(verdicts, want.map(|(id, v)| (id.to_owned(), v)));
    // Its comment imported later, the reply is judged.
    let later = s.file(
        "later.jsonl",
        &lines(&[item(
            "x",
            "gone",
            "ann",
            "Love it",
            "2026-11-18T12:30:00Z",
            json!({}),
        )]),
    );
    s.ok(&["import", later.to_str().unwrap()], t(NOW));
    assert_eq!(verdict_of(&s, "r3").0, "generic");
}

#[test]
fn verdicts_are_stored_with_reasons_and_turn_canned_on_the_third_person() {
    let s = Sandbox::new();
    let first = s.file(
        "a.jsonl",
        &lines(&[
            item(
                "youtube",
                "c1",
                "@maria",
                "The coupon date says 30/09, should be November?",
                "2026-11-01T10:00:00Z",
                json!({"author_name": "Maria Lopez"}),
            ),
            reply(
                "youtube",
                "r1",
                "c1",
                "Thanks Maria, the coupon date is fixed now",
                "2026-11-01T11:00:00Z",
            ),
            item(
                "youtube",
                "c2",
                "@ann",
                "Love this!",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            reply(
                "youtube",
                "r2",
                "c2",
                "Thanks for your comment!",
                "2026-11-01T11:00:00Z",
            ),
            item(
                "youtube",
                "c3",
                "@ben",
                "Great video",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            reply(
                "youtube",
                "r3",
                "c3",
                "Thanks for your comment!",
                "2026-11-01T11:00:00Z",
            ),
            item(
                "mastodon",
                "m1",
                "bob@x.social",
                "Shipped my order?",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            reply("mastodon", "m2", "m1", "@bob 👍", "2026-11-01T11:00:00Z"),
            item(
                "instagram",
                "i1",
                "lea.d",
                "La livraison a pris 10 jours…",
                "2026-11-01T10:00:00Z",
                json!({"author_name": "Léa Dubois"}),
            ),
            reply(
                "instagram",
                "i2",
                "i1",
                "Merci Léa, bonne remarque sur la livraison",
                "2026-11-01T11:00:00Z",
            ),
        ]),
    );
    s.ok(&["import", first.to_str().unwrap()], t(NOW));
    let (v, reasons) = verdict_of(&s, "r1");
    assert_eq!(v, "personal");
    assert!(reasons.iter().any(|r| r.contains("Maria")), "{reasons:?}");
    assert_eq!(verdict_of(&s, "r2").0, "generic");
    assert_eq!(verdict_of(&s, "m2").0, "generic");
    assert_eq!(verdict_of(&s, "i2").0, "personal");
    // A third person gets the same text: all three copies are canned now.
    let more = s.file(
        "b.jsonl",
        &lines(&[
            item(
                "youtube",
                "c4",
                "@cid",
                "Nice",
                "2026-11-02T10:00:00Z",
                json!({}),
            ),
            reply(
                "youtube",
                "r4",
                "c4",
                "thanks for your comment",
                "2026-11-02T11:00:00Z",
            ),
        ]),
    );
    s.ok(&["import", more.to_str().unwrap()], t(NOW));
    for id in ["r2", "r3", "r4"] {
        let (v, reasons) = verdict_of(&s, id);
        assert_eq!(v, "canned", "{id}");
        assert_eq!(
            reasons,
            vec!["canned: same text sent to 3 people".to_owned()]
        );
    }
    // The plain list says each reply's verdict too.
    let listed = s.ok(&["replies"], t(NOW));
    let line = |id: &str| {
        listed
            .lines()
            .find(|l| l.contains(&format!(":{id} ")))
            .unwrap_or_else(|| panic!("{id} not listed: {listed}"))
            .to_owned()
    };
    assert!(line("r1").contains(" personal "), "{listed}");
    assert!(line("r4").contains(" canned "), "{listed}");
    assert!(line("m2").contains(" generic "), "{listed}");
    // Personally answered: c1 and i1 of the four answered with a verdict.
    let stats = s.stats("30d", t(NOW));
    assert_eq!(stats["answered"], 6);
    assert_eq!(stats["personally_answered"], 2);
    assert_eq!(stats["personal_unknown"], 0);
    assert!((stats["personal_reply_rate"].as_f64().unwrap() - 2.0 / 6.0).abs() < 1e-9);
    // Marked answered by hand: personal unknown.
    let solo = s.file(
        "c.jsonl",
        &lines(&[item(
            "youtube",
            "c9",
            "@dan",
            "hi",
            "2026-11-03T10:00:00Z",
            json!({}),
        )]),
    );
    s.ok(&["import", solo.to_str().unwrap()], t(NOW));
    s.ok(&["mark", "youtube:c9", "answered"], t(NOW));
    assert_eq!(s.stats("30d", t(NOW))["personal_unknown"], 1);
    let c9 = s
        .list(t(NOW))
        .into_iter()
        .find(|v| v["id"] == "c9")
        .unwrap();
    assert_eq!(c9["personal"], Value::Null);
}

#[test]
fn flags_come_with_reasons_and_low_value_sinks() {
    let s = Sandbox::new();
    let f = s.file(
        "f.jsonl",
        &lines(&[
            item(
                "instagram",
                "1",
                "growfast",
                "follow me back! f4f",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "2",
                "@ca",
                "Do you ship to Canada?",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "3",
                "@mx",
                "¿Hacen envíos a México?",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "4",
                "@fire",
                "🔥🔥🔥",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "5",
                "@link",
                "https://example.com/promo",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "6",
                "@spam",
                "Best crypto signals in my bio!!",
                "2026-11-01T10:00:00Z",
                json!({"thread_id": "a"}),
            ),
            item(
                "youtube",
                "7",
                "@spam",
                "Best crypto signals in my bio!!",
                "2026-11-02T10:00:00Z",
                json!({"thread_id": "b"}),
            ),
            item(
                "youtube",
                "8",
                "@spam",
                "best crypto signals in my bio",
                "2026-11-03T10:00:00Z",
                json!({"thread_id": "c"}),
            ),
            // Three photos (or empty comments) in three threads: no text,
            // so no copies of one.
            item(
                "facebook",
                "p1",
                "lena",
                "[photo]",
                "2026-11-01T10:00:00Z",
                json!({"thread_id": "a"}),
            ),
            item(
                "facebook",
                "p2",
                "lena",
                "[photo]",
                "2026-11-02T10:00:00Z",
                json!({"thread_id": "b"}),
            ),
            item(
                "facebook",
                "p3",
                "lena",
                "[photo]",
                "2026-11-03T10:00:00Z",
                json!({"thread_id": "c"}),
            ),
            item(
                "facebook",
                "p4",
                "lena",
                "",
                "2026-11-04T10:00:00Z",
                json!({"thread_id": "a"}),
            ),
            item(
                "facebook",
                "p5",
                "lena",
                "",
                "2026-11-05T10:00:00Z",
                json!({"thread_id": "b"}),
            ),
            item(
                "facebook",
                "p6",
                "lena",
                "",
                "2026-11-06T10:00:00Z",
                json!({"thread_id": "c"}),
            ),
            item(
                "youtube",
                "9",
                "@fan",
                "Loved the part about water temperature.",
                "2026-11-01T09:00:00Z",
                json!({}),
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let list = s.list(t(NOW));
    let get = |id: &str| list.iter().find(|v| v["id"] == id).unwrap().clone();
    let flags = |id: &str| {
        get(id)["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(flags("1"), ["bait"]);
    assert!(
        get("1")["flag_reasons"]["bait"]
            .as_str()
            .unwrap()
            .contains("follow"),
        "{}",
        get("1")
    );
    assert_eq!(flags("2"), ["question"]);
    assert_eq!(flags("3"), ["question"]);
    assert_eq!(flags("4"), ["emoji_only"]);
    assert_eq!(flags("5"), ["link_only"]);
    for id in ["6", "7", "8"] {
        assert!(
            flags(id).contains(&"copypasta".to_owned()),
            "{id}: {:?}",
            flags(id)
        );
    }
    assert!(flags("9").is_empty());
    for id in ["p1", "p2", "p3", "p4", "p5", "p6"] {
        assert!(!flags(id).contains(&"copypasta".to_owned()), "{id}");
    }
    // Low-value items sink below everything else, questions rise; reasons say why.
    for low in ["1", "4", "5", "6"] {
        for good in ["2", "3", "9"] {
            assert!(
                get(low)["priority"].as_i64() < get(good)["priority"].as_i64(),
                "{low} vs {good}"
            );
        }
    }
    assert!(get("2")["priority"].as_i64() > get("9")["priority"].as_i64());
    let why = get("2")["priority_reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    assert!(
        why.contains(&"question".to_owned()) && why.iter().any(|w| w.starts_with("waiting")),
        "{why:?}"
    );
}

/// A comment edited, or its author's name learned, in a later file: the
/// replies to it are judged again, as a fresh import of the final file
/// judges them.
#[test]
fn replies_are_judged_again_when_what_they_answer_changes() {
    let items = |name: Option<&str>, body: &str| {
        lines(&[
            item(
                "github",
                "c2",
                "nad",
                "Love it",
                "2026-11-01T10:00:00Z",
                json!({"author_name": name}),
            ),
            reply(
                "github",
                "r2",
                "c2",
                "Thanks Nadia!",
                "2026-11-01T11:00:00Z",
            ),
            item(
                "github",
                "c3",
                "kim",
                body,
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            reply(
                "github",
                "r3",
                "c3",
                "The grinder burrs ship Monday",
                "2026-11-01T11:00:00Z",
            ),
        ])
    };
    let s = Sandbox::new();
    let before = s.file("a.jsonl", &items(None, "nice"));
    s.ok(&["import", before.to_str().unwrap()], t(NOW));
    assert_eq!(verdict_of(&s, "r2").0, "generic");
    assert_eq!(verdict_of(&s, "r3").0, "generic");
    let after = items(Some("Nadia"), "When do the grinder burrs ship?");
    let later = s.file("b.jsonl", &after);
    s.ok(&["import", later.to_str().unwrap()], t(NOW));
    let fresh = Sandbox::new();
    let whole = fresh.file("c.jsonl", &after);
    fresh.ok(&["import", whole.to_str().unwrap()], t(NOW));
    for id in ["r2", "r3"] {
        assert_eq!(verdict_of(&s, id), verdict_of(&fresh, id), "{id}");
        assert_eq!(verdict_of(&s, id).0, "personal", "{id}");
    }
    let rate = |s: &Sandbox| {
        let v: Value =
            serde_json::from_str(&s.ok(&["stats", "--json", "--window", "all"], t(NOW))).unwrap();
        v["overall"]["personal_reply_rate"].clone()
    };
    assert_eq!(rate(&s), rate(&fresh));
}

/// A copy in a later file: every copy says how many threads there are now,
/// as a fresh import of the same items says.
#[test]
fn a_later_copy_updates_what_every_copy_of_a_paste_says() {
    let copy = |id: &str, thread: &str| {
        item(
            "youtube",
            id,
            "@spam",
            "Best crypto signals in my bio!!",
            "2026-11-02T10:00:00Z",
            json!({"thread_id": thread}),
        )
    };
    let s = Sandbox::new();
    let first = s.file(
        "a.jsonl",
        &lines(&[copy("1", "a"), copy("2", "b"), copy("3", "c")]),
    );
    s.ok(&["import", first.to_str().unwrap()], t(NOW));
    let later = s.file("b.jsonl", &lines(&[copy("4", "d")]));
    s.ok(&["import", later.to_str().unwrap()], t(NOW));
    // What each copy says of the paste.
    let said = |s: &Sandbox| -> Vec<String> {
        s.list(t(NOW))
            .iter()
            .map(|v| {
                v["flag_reasons"]["copypasta"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    };
    assert_eq!(said(&s).len(), 4);
    assert!(
        said(&s).iter().all(|r| r.contains("4 threads")),
        "{:?}",
        said(&s)
    );
    // And a re-import says it again without writing.
    let before = std::fs::read(s.db()).unwrap();
    s.ok(&["import", later.to_str().unwrap()], t(NOW));
    assert!(
        std::fs::read(s.db()).unwrap() == before,
        "the re-import wrote"
    );
    // One copy edited away: the others say one fewer, and two are no paste.
    let edited = s.file(
        "c.jsonl",
        &lines(&[item(
            "youtube",
            "4",
            "@spam",
            "Something else entirely",
            "2026-11-02T10:00:00Z",
            json!({"thread_id": "d"}),
        )]),
    );
    s.ok(&["import", edited.to_str().unwrap()], t(NOW));
    assert_eq!(
        said(&s).iter().filter(|r| r.contains("3 threads")).count(),
        3,
        "{:?}",
        said(&s)
    );
    let three = s.file("d.jsonl", &lines(&[copy("3", "a")]));
    s.ok(&["import", three.to_str().unwrap()], t(NOW));
    assert!(said(&s).iter().all(String::is_empty), "{:?}", said(&s));
}

#[test]
fn people_loyalty_vip_and_notes() {
    let s = Sandbox::new();
    let f = s.file(
        "p.jsonl",
        &lines(&[
            item(
                "youtube",
                "1",
                "@joe",
                "week one",
                "2026-10-20T10:00:00Z",
                json!({"author_name": "Joe Ramos"}),
            ),
            reply("youtube", "r1", "1", "Thanks Joe!", "2026-10-20T12:00:00Z"),
            item(
                "youtube",
                "2",
                "@joe",
                "week two",
                "2026-10-28T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "3",
                "@joe",
                "week three",
                "2026-11-05T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "4",
                "@once",
                "just once",
                "2026-11-05T10:00:00Z",
                json!({}),
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let people: Vec<Value> = s
        .ok(&["people", "--json"], t(NOW))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(people[0]["author"], "@joe");
    assert_eq!(
        (
            people[0]["items"].as_u64(),
            people[0]["answered"].as_u64(),
            people[0]["weeks"].as_u64()
        ),
        (Some(3), Some(1), Some(3))
    );
    assert_eq!(
        (
            people[0]["loyal"].as_bool(),
            people[0]["left_waiting"].as_bool()
        ),
        (Some(true), Some(true))
    );
    assert_eq!(people[0]["median_reply_secs"], 7200);
    assert_eq!(people[1]["loyal"], false);
    // The plain table says the same in words.
    let table = s.ok(&["people"], t(NOW));
    let row = |who: &str| {
        table
            .lines()
            .find(|l| l.starts_with(who))
            .unwrap_or_else(|| panic!("{who} not in {table}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(
        row("youtube:@joe").contains(
            "3 items 1 answered 2 waiting 3 weeks median reply 2.0 h [loyal, left waiting]"
        ),
        "{table}"
    );
    assert!(
        row("youtube:@once").contains("1 item 0 answered 1 waiting 1 week "),
        "{table}"
    );
    // A snoozed item is owed but not waiting in the queue: counted apart.
    s.ok(&["snooze", "youtube:3", "2d"], t(NOW));
    let joe: Value =
        serde_json::from_str(s.ok(&["people", "--json"], t(NOW)).lines().next().unwrap()).unwrap();
    assert_eq!(
        (joe["needs_reply"].as_u64(), joe["snoozed"].as_u64()),
        (Some(1), Some(1))
    );
    s.ok(&["undo"], t(NOW));
    // Loyal and left waiting ranks above a one-off commenter; a VIP tag lifts the one-off.
    let prio = |s: &Sandbox, id: &str| s.listed(id, t(NOW))["priority"].as_i64().unwrap();
    assert!(prio(&s, "3") > prio(&s, "4"));
    let before = prio(&s, "4");
    let shown = s.ok(
        &[
            "person",
            "youtube:@once",
            "--vip",
            "--note",
            "runs the Malmö meetup",
            "--json",
        ],
        t(NOW),
    );
    let shown: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(
        (shown["vip"].as_bool(), shown["note"].as_str()),
        (Some(true), Some("runs the Malmö meetup"))
    );
    assert!(prio(&s, "4") > before);
    // The queue order (`list` of what needs a reply) follows the score.
    let queue: Vec<String> = s
        .list(t(NOW))
        .into_iter()
        .filter(|v| v["state"] == "needs-reply")
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(queue.len(), 3);
    assert!(
        s.run(&["person", "youtube:@nobody", "--vip"], t(NOW))
            .is_err()
    );
    // Undone as any action: the tag and the note go, the order comes back.
    let undid = s.ok(&["undo"], t(NOW));
    assert!(
        undid.starts_with("undone: VIP tag and note of @once (youtube) from"),
        "{undid}"
    );
    let shown: Value =
        serde_json::from_str(&s.ok(&["person", "youtube:@once", "--json"], t(NOW))).unwrap();
    assert_eq!(
        (shown["vip"].as_bool(), shown["note"].as_str()),
        (Some(false), None)
    );
    assert_eq!(prio(&s, "4"), before);
    // Setting what is there already is no action.
    s.ok(&["person", "youtube:@once", "--note", ""], t(NOW));
    let again = s.run(&["undo"], t(NOW));
    assert!(
        again.as_ref().is_err() || again.as_ref().is_ok_and(|o| !o.contains("@once")),
        "{again:?}"
    );
}

/// A rule that names copypasta meets the copies as the whole import makes
/// them (a copy is copypasta only once the others are in): into an empty
/// database, and the copy a later import brings; dismissed as spam, as `D`
/// dismisses them.
#[test]
fn a_copypasta_rule_dismisses_the_copies_an_import_brings() {
    let copy = |id: &str, thread: &str| {
        item(
            "forum",
            id,
            "kara",
            "Love the colours in this one",
            "2026-11-01T11:00:00Z",
            json!({"thread_id": thread}),
        )
    };
    let s = Sandbox::new();
    std::fs::write(s.config(), "[[rules]]\nflag = \"copypasta\"\n").unwrap();
    let first = s.file(
        "f.jsonl",
        &lines(&[copy("k1", "t1"), copy("k2", "t2"), copy("k3", "t3")]),
    );
    let said = s.ok(&["import", first.to_str().unwrap()], t(NOW));
    assert!(said.contains(", 3 dismissed by your rules;"), "{said}");
    let later = s.file("g.jsonl", &lines(&[copy("k4", "t4")]));
    let said = s.ok(&["import", later.to_str().unwrap()], t(NOW));
    assert!(said.contains(", 1 dismissed by your rules;"), "{said}");
    for id in ["k1", "k2", "k3", "k4"] {
        assert_eq!(s.listed(id, t(NOW))["dismiss_reason"], "spam", "{id}");
    }
}

/// A comment a rule matches that a reply in the same import answers is
/// answered, not dismissed: into an empty database and into one with
/// items, with the reply before or after it in the file.
#[test]
fn a_rule_leaves_a_comment_answered_in_the_same_import() {
    let comment = item(
        "x",
        "d1",
        "bob",
        "promo code again",
        "2026-11-02T10:00:00Z",
        json!({}),
    );
    let answer = reply(
        "x",
        "r1",
        "d1",
        "Bob, the code is fixed now",
        "2026-11-02T11:00:00Z",
    );
    let other = item(
        "x",
        "d2",
        "eve",
        "promo code please",
        "2026-11-02T10:00:00Z",
        json!({}),
    );
    // A sandbox whose config dismisses "promo" as spam.
    let with_rule = || {
        let s = Sandbox::new();
        std::fs::write(
            s.config(),
            "[[rules]]\nwords = [\"promo\"]\nreason = \"spam\"\n",
        )
        .unwrap();
        s
    };
    for seeded in [false, true] {
        for order in [[&comment, &answer, &other], [&answer, &comment, &other]] {
            let s = with_rule();
            if seeded {
                let f = s.file(
                    "seed.jsonl",
                    &lines(&[item(
                        "x",
                        "s",
                        "sam",
                        "hi",
                        "2026-11-01T10:00:00Z",
                        json!({}),
                    )]),
                );
                s.ok(&["import", f.to_str().unwrap()], t(NOW));
            }
            let f = s.file("f.jsonl", &lines(&order.map(|l| l.clone())));
            let said = s.ok(&["import", f.to_str().unwrap()], t(NOW));
            assert!(said.contains(", 1 dismissed by your rules;"), "{said}");
            assert_eq!(s.state_of("x", "d1", t(NOW)), "answered", "seeded {seeded}");
            assert_eq!(
                s.state_of("x", "d2", t(NOW)),
                "dismissed",
                "seeded {seeded}"
            );
            let stats: Value =
                serde_json::from_str(&s.ok(&["stats", "--json", "--window", "all"], t(NOW)))
                    .unwrap();
            assert_eq!(
                (
                    stats["answered"].as_u64(),
                    stats["people"][0]["answered"].as_u64()
                ),
                (Some(1), Some(1)),
                "{stats}"
            );
        }
    }
    // A rule that ends up dismissing nothing leaves nothing to undo.
    let s = with_rule();
    let f = s.file("f.jsonl", &lines(&[comment.clone(), answer.clone()]));
    let said = s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert!(!said.contains("by your rules"), "{said}");
    assert!(s.fails(&["undo"], t(NOW)).contains("nothing to undo"));
    // In a later file: the rule's dismissal gives way to the reply (one the
    // user made would not).
    let s = with_rule();
    let first = s.file("first.jsonl", &lines(&[comment.clone(), other.clone()]));
    s.ok(&["import", first.to_str().unwrap()], t(NOW));
    assert_eq!(s.state_of("x", "d1", t(NOW)), "dismissed");
    s.ok(
        &["mark", "x:d2", "dismissed", "--reason", "off-topic"],
        t(NOW),
    );
    let late = reply(
        "x",
        "r2",
        "d2",
        "Eve, it is in the shop",
        "2026-11-02T12:00:00Z",
    );
    let second = s.file("second.jsonl", &lines(&[answer.clone(), late]));
    s.ok(&["import", second.to_str().unwrap()], t(NOW));
    assert_eq!(s.state_of("x", "d1", t(NOW)), "answered");
    assert_eq!(s.state_of("x", "d2", t(NOW)), "dismissed");
}

#[test]
fn auto_dismiss_rules_are_opt_in_logged_and_undoable() {
    let s = Sandbox::new();
    let f = s.file(
        "r.jsonl",
        &lines(&[
            item(
                "instagram",
                "1",
                "growfast",
                "follow for follow?",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            item(
                "instagram",
                "2",
                "fan",
                "Lovely roast",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            // Facebook's authors are ids: named by their name, as lists do.
            item(
                "facebook",
                "fb1",
                "100008",
                "like my page and I'll like yours",
                "2026-11-01T10:00:00Z",
                json!({"author_name": "Check My Shop"}),
            ),
        ]),
    );
    // No rules: flags never dismiss on their own.
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert_eq!(s.state_of("instagram", "1", t(NOW)), "needs-reply");
    assert!(s.ok(&["rules", "test"], t(NOW)).contains("No rules"));
    std::fs::write(s.config(), "[[rules]]\nflag = \"bait\"\n\n[[rules]]\nplatform = \"instagram\"\nwords = [\"giveaway\"]\nreason = \"spam\"\n").unwrap();
    let test = s.ok(&["rules", "test"], t(NOW));
    assert!(
        test.contains("flag bait: would have dismissed 2 items as bait (2 waiting now"),
        "{test}"
    );
    // Each example named as `mark` takes it.
    assert!(
        test.contains("\n  instagram:1 growfast: follow for follow?"),
        "{test}"
    );
    assert!(
        test.contains("\n  facebook:fb1 Check My Shop: like my page"),
        "{test}"
    );
    assert!(
        test.contains("words giveaway: would have dismissed 0 items as spam"),
        "{test}"
    );
    let g = s.file(
        "g.jsonl",
        &lines(&[
            item(
                "instagram",
                "3",
                "growfast2",
                "f4f 🔥 follow me back",
                "2026-11-02T10:00:00Z",
                json!({}),
            ),
            item(
                "instagram",
                "4",
                "promo",
                "Join my GIVEAWAY now",
                "2026-11-02T10:00:00Z",
                json!({}),
            ),
            item(
                "instagram",
                "5",
                "fan",
                "When is the next roast?",
                "2026-11-02T10:00:00Z",
                json!({}),
            ),
        ]),
    );
    let said = s.ok(&["import", g.to_str().unwrap()], t(NOW));
    assert!(said.contains(", 2 dismissed by your rules;"), "{said}");
    let list = s.list(t(NOW));
    let st = |id: &str| {
        list.iter()
            .find(|v| v["id"] == id)
            .map(|v| {
                (
                    v["state"].as_str().unwrap().to_owned(),
                    v["dismiss_reason"].clone(),
                )
            })
            .unwrap()
    };
    assert_eq!(st("3"), ("dismissed".to_owned(), json!("bait")));
    assert_eq!(st("4"), ("dismissed".to_owned(), json!("spam")));
    assert_eq!(st("5").0, "needs-reply");
    // The parts of a rule's count add up: those it dismissed are named.
    let test = s.ok(&["rules", "test"], t(NOW));
    assert!(
        test.contains("flag bait: would have dismissed 3 items as bait (2 waiting now, 0 you answered, 1 dismissed)"),
        "{test}"
    );
    // Dismissed as of when they were written (as a muted thread's items):
    // not today's progress, but that of the week they came in.
    let stats = |window: &str| -> serde_json::Value {
        serde_json::from_str(&s.ok(&["stats", "--json", "--window", window], t(NOW))).unwrap()
    };
    assert_eq!(stats("7d")["today"]["dismissed"], 0);
    assert_eq!(stats("7d")["dismissed"], 0);
    assert_eq!(stats("30d")["dismissed"], 2);
    // Earlier items are not touched by a new rule; the rule's action is undoable.
    assert_eq!(st("1").0, "needs-reply");
    assert!(
        s.ok(&["undo"], t(NOW))
            .contains("undone: dismissed by your rules (2 items)")
    );
    assert_eq!(s.state_of("instagram", "3", t(NOW)), "needs-reply");
    // One written today and dismissed by a rule is not today's progress
    // either; a dismissal of the user's is.
    let today = s.file(
        "today.jsonl",
        &lines(&[item(
            "instagram",
            "6",
            "growfast3",
            "f4f follow me back",
            "2026-11-20T11:00:00Z",
            json!({}),
        )]),
    );
    s.ok(&["import", today.to_str().unwrap()], t(NOW));
    assert_eq!(s.state_of("instagram", "6", t(NOW)), "dismissed");
    assert_eq!(stats("7d")["today"]["dismissed"], 0);
    s.ok(&["mark", "instagram:5", "dismissed"], t(NOW));
    assert_eq!(stats("7d")["today"]["dismissed"], 1);
    // A broken rule is a config error.
    std::fs::write(s.config(), "[[rules]]\nplatform = \"x\"\n").unwrap();
    assert!(
        s.fails(&["list"], t(NOW))
            .contains("a rule needs a flag, words or a regex")
    );
    std::fs::write(s.config(), "[[rules]]\nflag = \"spammy\"\n").unwrap();
    assert!(
        s.fails(&["list"], t(NOW))
            .contains("\"spammy\" is not a flag")
    );
}

#[test]
fn analysis_settings_merge_over_the_defaults() {
    let s = Sandbox::new();
    std::fs::write(s.config(), "[analysis.weights]\ncanned_threshold = 2\n").unwrap();
    let f = s.file(
        "a.jsonl",
        &lines(&[
            item(
                "youtube",
                "c1",
                "@a",
                "x",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            reply(
                "youtube",
                "r1",
                "c1",
                "Much appreciated!",
                "2026-11-01T11:00:00Z",
            ),
            item(
                "youtube",
                "c2",
                "@b",
                "y",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            reply(
                "youtube",
                "r2",
                "c2",
                "Much appreciated!",
                "2026-11-01T11:00:00Z",
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert_eq!(verdict_of(&s, "r1").0, "canned");
    std::fs::write(s.config(), "[analysis.weights]\nquestion = -3\n").unwrap();
    assert!(s.run(&["list"], t(NOW)).is_err());
    std::fs::write(s.config(), "[analysis.wieghts]\nquestion = 3\n").unwrap();
    assert!(s.fails(&["list"], t(NOW)).contains("wieghts"));
}

/// Two replies of the same text imported, and a third written here to
/// `c3`: canned, all three.
fn a_text_sent_a_third_time_here() -> Sandbox {
    let s = Sandbox::new();
    let f = s.file(
        "u.jsonl",
        &lines(&[
            item(
                "youtube",
                "c1",
                "@a",
                "first",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            reply(
                "youtube",
                "r1",
                "c1",
                "Thanks for watching!",
                "2026-11-01T11:00:00Z",
            ),
            item(
                "youtube",
                "c2",
                "@b",
                "second",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            reply(
                "youtube",
                "r2",
                "c2",
                "Thanks for watching!",
                "2026-11-01T11:00:00Z",
            ),
            item(
                "youtube",
                "c3",
                "@c",
                "third",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert_eq!(verdict_of(&s, "r1").0, "generic");
    {
        let mut store = ackbox::store::Store::open(&s.db()).unwrap();
        let rid = store.rid_of(&"youtube:c3".parse().unwrap()).unwrap();
        let draft = store.judge_draft(rid, "Thanks for watching!").unwrap();
        assert_eq!(draft.verdict, ackbox::analysis::Verdict::Canned);
        // Not sent yet: the two who have it already.
        assert_eq!(
            draft.reasons,
            ["canned: the same text already went to 2 people"]
        );
        store
            .reply(rid, "me", "Thanks for watching!", t(NOW))
            .unwrap();
    }
    assert_eq!(verdict_of(&s, "r1").0, "canned");
    s
}

#[test]
fn undoing_the_third_copy_of_a_text_makes_the_others_generic_again() {
    let s = a_text_sent_a_third_time_here();
    s.ok(&["undo"], t(NOW));
    assert_eq!(verdict_of(&s, "r1").0, "generic");
    assert_eq!(verdict_of(&s, "r2").0, "generic");
}

/// The third copy, posted in other words (the platform's text is what was
/// sent): the text went to two people, not three.
#[test]
fn a_third_copy_posted_in_other_words_makes_the_others_generic_again() {
    let s = a_text_sent_a_third_time_here();
    let posted = s.file(
        "posted.jsonl",
        &lines(&[reply(
            "youtube",
            "r3",
            "c3",
            "Glad the third one landed, @c!",
            "2026-11-20T12:00:05Z",
        )]),
    );
    s.ok(&["import", posted.to_str().unwrap()], t(NOW));
    assert_eq!(verdict_of(&s, "r3").0, "personal");
    assert_eq!(verdict_of(&s, "r1").0, "generic");
    assert_eq!(verdict_of(&s, "r2").0, "generic");
}

/// Commenters whose name the platform withheld, `(unknown)`, are strangers,
/// not one person: the same text sent to three of them is canned, and their
/// items over four weeks make nobody loyal.
#[test]
fn authors_the_platform_withheld_are_strangers_not_one_person() {
    let s = Sandbox::new();
    let ask = |id: &str, day: &str| {
        item(
            "threads",
            id,
            "(unknown)",
            "Do you ship to Chile?",
            &format!("2026-{day}T10:00:00Z"),
            json!({"thread_id": "1000"}),
        )
    };
    let answer = |id: &str, parent: &str, day: &str| {
        let said = "Thanks for asking! We ship worldwide.";
        reply(
            "threads",
            id,
            parent,
            said,
            &format!("2026-{day}T12:00:00Z"),
        )
    };
    let f = s.file(
        "withheld.jsonl",
        &lines(&[
            ask("c1", "10-12"),
            answer("r1", "c1", "10-12"),
            ask("c2", "10-20"),
            answer("r2", "c2", "10-20"),
            ask("c3", "10-28"),
            answer("r3", "c3", "10-28"),
            ask("c4", "11-05"),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    for r in ["r1", "r2", "r3"] {
        assert_eq!(verdict_of(&s, r).0, "canned", "{r}");
    }
    let people: Value = serde_json::from_str(&s.ok(&["people", "--json"], t(NOW))).unwrap();
    assert_eq!(people["author"], "(unknown)");
    assert_eq!(
        (people["weeks"].as_u64(), people["loyal"].as_bool()),
        (Some(4), Some(false))
    );
    assert_eq!(people["left_waiting"], false);
    let why = &s.listed("c4", t(NOW))["priority_reasons"];
    assert!(
        !why.to_string().contains("loyal") && !why.to_string().contains("left waiting"),
        "{why}"
    );
    // Strangers' same words in three threads are no one's copypasta.
    let lovely = |id: &str, thread: &str| {
        let at = json!({"thread_id": thread});
        item(
            "threads",
            id,
            "(unknown)",
            "Lovely article, thank you",
            "2026-11-06T10:00:00Z",
            at,
        )
    };
    let f = s.file(
        "lovely.jsonl",
        &lines(&[lovely("l1", "t1"), lovely("l2", "t2"), lovely("l3", "t3")]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert_eq!(s.listed("l1", t(NOW))["flags"], json!([]));
    // A VIP tag given to them still moves their items up, as the user asked.
    s.ok(&["person", "threads:(unknown)", "--vip"], t(NOW));
    let why = s.listed("c4", t(NOW))["priority_reasons"].to_string();
    assert!(why.contains("VIP"), "{why}");
    // A fourth stranger is a fourth person to the draft's judge as well.
    let store = ackbox::store::Store::open(&s.db()).unwrap();
    let rid = store.rid_of(&"threads:c4".parse().unwrap()).unwrap();
    let draft = store
        .judge_draft(rid, "Thanks for asking! We ship worldwide.")
        .unwrap();
    assert_eq!(
        draft.reasons,
        ["canned: the same text already went to 3 people"]
    );
}

/// An account named "Anonymous" on X is one person (only WordPress's and
/// Disqus's guests who left no name are strangers by that name).
#[test]
fn an_account_named_anonymous_is_one_person() {
    let s = Sandbox::new();
    let said = |id: &str, platform: &str, day: &str| {
        let at = format!("2026-{day}T10:00:00Z");
        item(
            platform,
            id,
            "Anonymous",
            "the kit leaks again",
            &at,
            json!({}),
        )
    };
    let f = s.file(
        "anon.jsonl",
        &lines(&[
            said("x1", "x", "10-20"),
            said("x2", "x", "10-28"),
            said("x3", "x", "11-05"),
            said("w1", "wordpress", "10-20"),
            said("w2", "wordpress", "10-28"),
            said("w3", "wordpress", "11-05"),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let loyal = |platform: &str| {
        let people = s.ok(&["people", "--json", "--platform", platform], t(NOW));
        let person: Value = serde_json::from_str(people.trim()).unwrap();
        person["loyal"].as_bool()
    };
    assert_eq!((loyal("x"), loyal("wordpress")), (Some(true), Some(false)));
}

/// A reply with no words (👍, 🙏, `:tada:`, or only the @mention the
/// platform wrote) is never the "same text" as another: generic, not canned, in a first
/// import and in a later one alike.
#[test]
fn replies_without_words_are_never_canned() {
    let s = Sandbox::new();
    let comment = |platform: &str, id: &str, who: &str| {
        item(
            platform,
            id,
            who,
            "Love the new roast",
            "2026-11-01T10:00:00Z",
            json!({}),
        )
    };
    let answer = |platform: &str, id: &str, to: &str, text: &str| {
        reply(platform, id, to, text, "2026-11-01T11:00:00Z")
    };
    let first = s.file(
        "first.jsonl",
        &lines(&[
            comment("reddit", "c1", "ann"),
            comment("reddit", "c2", "bob"),
            comment("github", "c3", "cy"),
            comment("youtube", "c4", "@dora"),
            comment("github", "c5", "gus"),
            comment("github", "c6", "hal"),
            comment("github", "c7", "ivy"),
            answer("reddit", "r1", "c1", "👍"),
            answer("reddit", "r2", "c2", "🙏"),
            // Only their name, where the platform writes none itself.
            answer("github", "r5", "c5", "@gus 👍"),
            answer("github", "r6", "c6", "@hal ❤️"),
            answer("github", "r7", "c7", "@ivy 🙏"),
            // A custom emoji's shortcode is an emoji too.
            comment("github", "c8", "jo"),
            comment("github", "c9", "kim"),
            comment("mastodon", "c10", "@lu"),
            answer("github", "r8", "c8", ":tada:"),
            answer("github", "r9", "c9", ":tada:"),
            answer("mastodon", "r10", "c10", "@lu :tada:"),
        ]),
    );
    s.ok(&["import", first.to_str().unwrap()], t(NOW));
    let later = s.file(
        "later.jsonl",
        &lines(&[
            answer("github", "r3", "c3", "❤️"),
            answer("youtube", "r4", "c4", "@dora ❤️"),
        ]),
    );
    s.ok(&["import", later.to_str().unwrap()], t(NOW));
    let verdicts: Vec<(String, String)> = replies(&s)
        .into_iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().into(),
                r["verdict"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(verdicts.len(), 10);
    assert!(verdicts.iter().all(|(_, v)| v == "generic"), "{verdicts:?}");
}

#[test]
fn a_first_import_of_many_replies_judges_each_and_finds_the_canned_texts() {
    // More replies than the analysis looks up one by one (20,000): their
    // texts are counted through the index, in one pass.
    const N: usize = 20_500;
    let s = Sandbox::new();
    let mut ls = Vec::with_capacity(2 * N);
    for i in 0..N {
        let (author, name) = (format!("@fan{i}"), format!("Fan{i} Smith"));
        ls.push(item(
            "youtube",
            &format!("c{i}"),
            &author,
            &format!("question {i} about the coupon date"),
            "2026-11-01T10:00:00Z",
            json!({"author_name": name}),
        ));
        let text = match i {
            // One text to three people, with their names: canned.
            0..3 => format!("Thanks Fan{i}, glad you like it"),
            3 => "Thanks for your comment!".to_owned(),
            _ => format!("Thanks Fan{i}, the coupon date {i} is fixed"),
        };
        ls.push(reply(
            "youtube",
            &format!("r{i}"),
            &format!("c{i}"),
            &text,
            "2026-11-01T11:00:00Z",
        ));
    }
    let f = s.file("many.jsonl", &lines(&ls));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let verdicts: std::collections::HashMap<String, (String, Value)> = replies(&s)
        .into_iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                (
                    r["verdict"].as_str().unwrap().to_owned(),
                    r["reasons"].clone(),
                ),
            )
        })
        .collect();
    assert_eq!(verdicts.len(), N);
    for id in ["r0", "r1", "r2"] {
        assert_eq!(
            verdicts[id],
            (
                "canned".to_owned(),
                json!(["canned: same text sent to 3 people"])
            ),
            "{id}"
        );
    }
    assert_eq!(verdicts["r3"].0, "generic");
    assert_eq!(verdicts["r4"].0, "personal");
    assert_eq!(verdicts[&format!("r{}", N - 1)].0, "personal");
    let personal = verdicts.values().filter(|v| v.0 == "personal").count();
    assert_eq!(personal, N - 4);
    let stats = s.stats("all", t(NOW));
    assert_eq!(stats["answered"], N);
    assert_eq!(stats["personally_answered"], N - 4);
}

/// A reply edited to say something else no longer counts toward the text
/// it used to share: below the threshold, the others are judged afresh, as
/// an import of the edited file alone would judge them.
#[test]
fn an_edited_reply_leaves_its_old_text_and_the_others_are_judged_again() {
    let thread = |carl: &str| {
        let mut out = Vec::new();
        for (who, name) in [("anna", "Anna"), ("bob", "Bob"), ("carl", "Carl")] {
            out.push(item(
                "x",
                &format!("q-{who}"),
                who,
                "Ordered the beans, cannot wait",
                "2026-11-01T10:00:00Z",
                json!({"author_name": format!("{name} Smith")}),
            ));
            let text = if who == "carl" {
                carl.to_owned()
            } else {
                format!("Thanks {name} for the support!")
            };
            out.push(reply(
                "x",
                &format!("r-{who}"),
                &format!("q-{who}"),
                &text,
                "2026-11-01T11:00:00Z",
            ));
        }
        lines(&out)
    };
    let s = Sandbox::new();
    let before = s.file("before.jsonl", &thread("Thanks Carl for the support!"));
    s.ok(&["import", before.to_str().unwrap()], t(NOW));
    assert_eq!(verdict_of(&s, "r-anna").0, "canned");
    let after = s.file("after.jsonl", &thread("Thanks Carl, enjoy the beans"));
    s.ok(&["import", after.to_str().unwrap()], t(NOW));
    let fresh = Sandbox::new();
    let only = fresh.file("after.jsonl", &thread("Thanks Carl, enjoy the beans"));
    fresh.ok(&["import", only.to_str().unwrap()], t(NOW));
    for id in ["r-anna", "r-bob", "r-carl"] {
        assert_ne!(verdict_of(&s, id).0, "canned", "{id}");
        assert_eq!(verdict_of(&s, id), verdict_of(&fresh, id), "{id}");
    }
    assert_eq!(
        s.stats("all", t(NOW))["personal_reply_rate"],
        fresh.stats("all", t(NOW))["personal_reply_rate"]
    );
}

/// A first name that is also a common word ("Will") is a name where the
/// reply calls the person by it, so "Cheers Will" is the same text as
/// "Cheers Sara" and "Cheers Ana": sent to three people, canned.
#[test]
fn a_name_that_is_a_common_word_is_taken_out_of_the_text_like_any_name() {
    let s = Sandbox::new();
    let mut all = Vec::new();
    for (who, name) in [
        ("sl", "Sara Lund"),
        ("ad", "Ana Diaz"),
        ("ws", "Will Smith"),
    ] {
        all.push(item(
            "x",
            &format!("q-{who}"),
            who,
            "Loved the new roast",
            "2026-11-01T10:00:00Z",
            json!({"author_name": name}),
        ));
        let first = name.split(' ').next().unwrap();
        all.push(reply(
            "x",
            &format!("r-{who}"),
            &format!("q-{who}"),
            &format!("Cheers {first}"),
            "2026-11-01T11:00:00Z",
        ));
    }
    let f = s.file("cheers.jsonl", &lines(&all));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    for id in ["r-sl", "r-ad", "r-ws"] {
        let (verdict, reasons) = verdict_of(&s, id);
        assert_eq!(verdict, "canned", "{id}: {reasons:?}");
        assert_eq!(reasons, ["canned: same text sent to 3 people"]);
    }
}

/// The `[analysis]` tables apply to what is stored, not only to what comes
/// next: when they change, flags, verdicts, people's loyalty and the queue
/// order are worked out again, once.
#[test]
fn a_changed_analysis_config_is_applied_to_the_stored_items() {
    let s = Sandbox::new();
    let day = |d: u32, h: u32| format!("2026-11-{d:02}T{h:02}:00:00Z");
    let mut ls = vec![
        item(
            "x",
            "q",
            "qa",
            "When does the sale end?",
            &day(10, 10),
            json!({}),
        ),
        item(
            "x",
            "w",
            "wendy",
            "week one was great",
            &day(10, 9),
            json!({}),
        ),
    ];
    // The same thanks to three people: canned at the default threshold (3).
    for (i, who) in ["ann", "bo", "cy"].iter().enumerate() {
        let id = format!("c{i}");
        ls.push(item("x", &id, who, "Nice!", &day(11, 9), json!({})));
        ls.push(reply(
            "x",
            &format!("r{i}"),
            &id,
            "Thanks for your comment!",
            &day(11, 10),
        ));
    }
    // Dee writes in two distinct weeks: loyal only when two weeks are enough.
    ls.push(item("x", "d1", "dee", "first visit", &day(2, 9), json!({})));
    ls.push(item(
        "x",
        "d2",
        "dee",
        "second visit",
        &day(16, 9),
        json!({}),
    ));
    let f = s.file("a.jsonl", &lines(&ls));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    // The queue, best first.
    let order = |s: &Sandbox| ids(&s.ok(&["list", "--json"], t(NOW)));
    let verdicts = |s: &Sandbox| -> Vec<String> {
        s.ok(&["replies", "--json"], t(NOW))
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["verdict"].to_string())
            .collect()
    };
    let dee_loyal = |s: &Sandbox| {
        let stats = s.stats("all", t(NOW));
        stats["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["author"] == "dee")
            .unwrap()["loyal"]
            .clone()
    };
    let place_of_q = |s: &Sandbox| order(s).iter().position(|id| id == "q").unwrap();
    let before_q = place_of_q(&s);
    assert!(verdicts(&s).iter().all(|v| v == "\"canned\""));
    assert_eq!(dee_loyal(&s), false);
    let flags_of_w = |s: &Sandbox| s.listed("w", t(NOW))["flags"].clone();
    assert_eq!(flags_of_w(&s), json!([]));

    std::fs::write(
        s.config(),
        "[analysis.weights]\nquestion = 0\ncanned_threshold = 5\nloyal_weeks = 2\n\n\
         [analysis.lexicon.bait_phrases]\nen = [\"week one\"]\n",
    )
    .unwrap();
    assert!(
        place_of_q(&s) > before_q,
        "a question now sinks: {:?}",
        order(&s)
    );
    assert_eq!(
        order(&s).last().map(String::as_str),
        Some("w"),
        "bait sinks last"
    );
    assert!(verdicts(&s).iter().all(|v| v == "\"generic\""));
    assert_eq!(dee_loyal(&s), true);
    assert_eq!(flags_of_w(&s), json!(["bait"]));
    // Worked out once: the same config again leaves the file as it is.
    let before = std::fs::read(s.db()).unwrap();
    s.ok(&["list"], t(NOW));
    assert_eq!(std::fs::read(s.db()).unwrap(), before);
}

/// An item that no longer waits is scored as it stood when it stopped
/// waiting: "waiting 3 d" on one answered after a day would be untrue.
#[test]
fn a_closed_item_s_priority_counts_the_wait_it_had() {
    let s = Sandbox::new();
    let f = s.file(
        "a.jsonl",
        &lines(&[
            item("x", "a", "ann", "Nice", "2026-11-10T10:00:00Z", json!({})),
            reply("x", "r", "a", "Thanks Ann!", "2026-11-11T16:00:00Z"),
            item(
                "x",
                "d",
                "dan",
                "Nice too",
                "2026-11-10T10:00:00Z",
                json!({}),
            ),
            item(
                "x",
                "o",
                "oli",
                "Still here",
                "2026-11-10T10:00:00Z",
                json!({}),
            ),
            item("x", "m", "mo", "Hello", "2026-11-10T10:00:00Z", json!({})),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    s.ok(&["mark", "x:d", "dismissed"], t(NOW));
    // Marked answered after two days, then a reply of the day after found.
    s.ok(&["mark", "x:m", "answered"], t("2026-11-12T10:00:00Z"));
    let later = s.file(
        "later.jsonl",
        &reply("x", "r2", "m", "Thanks Mo!", "2026-11-13T10:00:00Z"),
    );
    s.ok(&["import", later.to_str().unwrap()], t(NOW));
    let reasons = |id: &str| s.listed(id, t(NOW))["priority_reasons"].to_string();
    assert_eq!(reasons("o"), r#"["waiting 10 d"]"#, "still open: to now");
    assert_eq!(reasons("a"), r#"["waiting 1 d"]"#, "answered after 30 h");
    assert_eq!(
        reasons("m"),
        r#"["waiting 2 d"]"#,
        "marked before its reply"
    );
    assert_eq!(reasons("d"), "[]", "dismissed: no wait to speak of");
}

#[test]
fn a_persons_median_reply_counts_a_reply_dated_before_its_item_as_zero() {
    let s = Sandbox::new();
    let f = s.file(
        "skew.jsonl",
        &lines(&[
            item(
                "youtube",
                "1",
                "@pia",
                "Which beans?",
                "2026-11-10T10:00:00Z",
                json!({}),
            ),
            // An hour before the item, as clocks sometimes disagree: 0 s.
            reply(
                "youtube",
                "r1",
                "1",
                "Pia, the Ethiopian",
                "2026-11-10T09:00:00Z",
            ),
            item(
                "youtube",
                "2",
                "@pia",
                "And for filter?",
                "2026-11-11T10:00:00Z",
                json!({}),
            ),
            reply(
                "youtube",
                "r2",
                "2",
                "Pia, the Kenyan",
                "2026-11-11T13:00:00Z",
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let people: Value = serde_json::from_str(&s.ok(&["people", "--json"], t(NOW))).unwrap();
    assert_eq!(people["median_reply_secs"], 5400, "{people}");
    let times = &s.stats("all", t(NOW))["time_to_first_reply"];
    assert_eq!(times["median_secs"], 5400, "{times}");
    // Nothing open: the Kaplan–Meier estimate is the plain figure.
    assert_eq!(times["km_p90_secs"], times["p90_secs"], "{times}");
}

/// On Facebook the full name at a reply's start is the tag "Reply" puts
/// there: an imported reply that says nothing else is generic. One written
/// in ackbox's editor (which starts empty there) was typed: it counts, as
/// a draft and once saved.
#[test]
fn a_facebook_name_tag_counts_only_where_it_was_typed() {
    let s = Sandbox::new();
    let comment = |id: &str| {
        item(
            "facebook",
            id,
            "1001",
            "Is the coupon still valid?",
            "2026-11-19T10:00:00Z",
            json!({"author_name": "Élodie Martin"}),
        )
    };
    let f = s.file(
        "fb.jsonl",
        &lines(&[
            comment("c1"),
            comment("c2"),
            reply(
                "facebook",
                "r1",
                "c1",
                "Élodie Martin Thanks! 🙏",
                "2026-11-19T11:00:00Z",
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let (verdict, reasons) = verdict_of(&s, "r1");
    assert_eq!(verdict, "generic", "{reasons:?}");
    assert!(
        reasons.contains(&"the leading Élodie Martin is inserted by the platform".to_owned()),
        "{reasons:?}"
    );
    let mut store = ackbox::store::Store::open(&s.db()).unwrap();
    let rid = store.rid_of(&"facebook:c2".parse().unwrap()).unwrap();
    let typed = "Élodie Martin Thanks! 🙏";
    let draft = store.judge_draft(rid, typed).unwrap();
    assert_eq!(
        draft.verdict,
        ackbox::analysis::Verdict::Personal,
        "{draft:?}"
    );
    store.reply(rid, "me", typed, t(NOW)).unwrap();
    drop(store);
    let saved = replies(&s)
        .into_iter()
        .find(|r| r["parent_id"] == "c2")
        .expect("the reply saved");
    assert_eq!(saved["verdict"], "personal", "{saved}");
}

/// A saved reply that fills in each thread's title sends one text under
/// every post: the title names the post, not what the person wrote. Sent to
/// three people it is canned, as the same words would be; and the title's
/// words are no reference to their comment.
#[test]
fn a_template_filling_in_thread_titles_is_one_text() {
    let s = Sandbox::new();
    let threads = [
        (
            "t1",
            "Launch trailer for Hollow Sky",
            "ann",
            "The launch trailer gave me chills",
        ),
        (
            "t2",
            "Devlog 12: the map fog returns",
            "bob",
            "Finally the map fog is back",
        ),
        (
            "t3",
            "Patch notes 1.4 are out now",
            "cat",
            "Patch notes look solid",
        ),
    ];
    let mut rows = Vec::new();
    for (i, (thread, title, who, said)) in threads.iter().enumerate() {
        let at = format!("2026-11-1{i}T10:00:00Z");
        let json = json!({"thread_id": thread, "thread_title": title});
        rows.push(item("youtube", &format!("c{i}"), who, said, &at, json));
        let text = format!("Thanks! Glad you liked {title}.");
        let at = format!("2026-11-1{i}T11:00:00Z");
        let own = json!({
            "thread_id": thread, "thread_title": title, "own": true, "parent_id": format!("c{i}"),
        });
        rows.push(item("youtube", &format!("r{i}"), "me", &text, &at, own));
    }
    let f = s.file("t.jsonl", &lines(&rows));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    for i in 0..3 {
        let (verdict, reasons) = verdict_of(&s, &format!("r{i}"));
        assert_eq!(verdict, "canned", "r{i}: {reasons:?}");
    }
    // Two of them: not canned yet, and generic (the title is no reference).
    let two = Sandbox::new();
    let f = two.file("t.jsonl", &lines(&rows[..4]));
    two.ok(&["import", f.to_str().unwrap()], t(NOW));
    let (verdict, reasons) = verdict_of(&two, "r0");
    assert_eq!(verdict, "generic", "{reasons:?}");
    // Short titles too, where the reply quotes them whole, the name of
    // each person in it.
    let short = Sandbox::new();
    let mut rows = Vec::new();
    for (i, (title, who)) in [
        ("Winter Blend", "Ann"),
        ("V60 Guide", "Bob"),
        ("Konga", "Cat"),
    ]
    .iter()
    .enumerate()
    {
        let (thread, at) = (format!("s{i}"), format!("2026-11-1{i}T10:00:00Z"));
        let json = json!({"thread_id": thread, "thread_title": title, "author_name": who});
        rows.push(item("blog", &format!("c{i}"), who, "Nice one", &at, json));
        let own = json!({
            "thread_id": thread, "thread_title": title, "own": true, "parent_id": format!("c{i}"),
        });
        let text = format!("Thanks {who}! Glad you liked {title}.");
        rows.push(item("blog", &format!("r{i}"), "me", &text, &at, own));
    }
    let f = short.file("s.jsonl", &lines(&rows));
    short.ok(&["import", f.to_str().unwrap()], t(NOW));
    for i in 0..3 {
        let (verdict, reasons) = verdict_of(&short, &format!("r{i}"));
        assert_eq!(verdict, "canned", "r{i}: {reasons:?}");
    }
}

/// A short thread title that is the person's name ("Anna", her post) is
/// not taken for a quoted title: "Thanks Anna!" calls her.
#[test]
fn a_title_that_is_their_name_still_calls_them() {
    let s = Sandbox::new();
    let thread = json!({"thread_id": "t1", "thread_title": "Anna", "author_name": "Anna Berg"});
    let rows = [
        item(
            "blog",
            "c1",
            "anna",
            "Lovely post",
            "2026-11-10T10:00:00Z",
            thread,
        ),
        item(
            "blog",
            "r1",
            "me",
            "Thanks Anna!",
            "2026-11-10T11:00:00Z",
            json!({"thread_id": "t1", "thread_title": "Anna", "own": true, "parent_id": "c1"}),
        ),
    ];
    let f = s.file("a.jsonl", &lines(&rows));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let (verdict, reasons) = verdict_of(&s, "r1");
    assert_eq!(verdict, "personal", "{reasons:?}");
}

/// A Mastodon reply @mentioning a local account by its full address
/// ("@carlos@mastodon.social" for the stored handle "carlos") addresses
/// them, as "@carlos" does.
#[test]
fn a_full_address_mention_of_a_local_account_addresses_them() {
    let cfg = ackbox::analysis::AnalysisConfig::builtin();
    let judge = |reply: &str| {
        ackbox::analysis::judge(
            &ackbox::analysis::ReplyInput {
                reply_body: reply,
                platform: "mastodon",
                addressee_handle: "carlos",
                addressee_name: Some("Carlos"),
                parent_body: Some("Just tried the new release"),
                same_text_recipients: 1,
                written_here: false,
            },
            cfg,
        )
    };
    for text in [
        "Glad to hear that, @carlos — enjoy!",
        "Glad to hear that, @carlos@mastodon.social — enjoy!",
    ] {
        let j = judge(text);
        assert_eq!(
            j.verdict,
            ackbox::analysis::Verdict::Personal,
            "{text}: {:?}",
            j.reasons
        );
    }
}

/// A spammer writing in four weeks, none of it flagged, and a newcomer's
/// comment between their last two, imported at `now`.
fn spammy_inbox(now: chrono::DateTime<chrono::Utc>) -> Sandbox {
    let c = |id: &str, who: &str, body: &str, at: &str| item("x", id, who, body, at, json!({}));
    let records = [
        c(
            "s1",
            "spammy",
            "lovely shot of the roaster today",
            "2026-11-02T10:00:00Z",
        ),
        c(
            "s2",
            "spammy",
            "great colours in this one",
            "2026-11-09T10:00:00Z",
        ),
        c(
            "s3",
            "spammy",
            "the beans look fantastic",
            "2026-11-16T10:00:00Z",
        ),
        c("q1", "newbie", "nice, lovely beans", "2026-11-22T10:00:00Z"),
        c(
            "s4",
            "spammy",
            "really nice work again",
            "2026-11-23T10:00:00Z",
        ),
    ];
    Sandbox::imported(&records, now)
}

/// A week given back (an undo, a put-back) re-ranks every one
/// of the person's waiting items, not only the one it brought back.
#[test]
fn a_week_given_back_ranks_the_persons_other_items_again() {
    let now = t("2026-12-07T12:00:00Z");
    let s = spammy_inbox(now);
    let queue = |s: &Sandbox| ids(&s.ok(&["list", "--json"], now));
    // Loyal (four weeks): s4 before q1, although q1 is older.
    assert_eq!(queue(&s), ["s1", "s2", "s3", "s4", "q1"]);
    s.ok(&["mark", "x:s1", "dismissed", "--reason", "spam"], now);
    s.ok(&["mark", "x:s2", "dismissed", "--reason", "spam"], now);
    assert_eq!(queue(&s), ["s3", "q1", "s4"], "not loyal: oldest first");
    s.ok(&["undo"], now);
    // Loyal again (four weeks, one of spam): s4 before q1 again.
    assert_eq!(queue(&s), ["s2", "s3", "s4", "q1"]);
}

/// A database upgraded from schema 19, where a spammer's weeks
/// of dismissed spam still made them loyal, ranks their waiting items
/// again (the upgrade counts their noise: they are no longer loyal).
#[test]
fn an_upgrade_from_19_ranks_a_spammers_items_again() {
    let now = t("2026-12-07T12:00:00Z");
    let s = spammy_inbox(now);
    {
        // As version 19 left it: three dismissed as spam, the rest ranked loyal.
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        conn.execute_batch(
            "DROP TRIGGER items_noise_insert; DROP TRIGGER items_noise_delete;
             DROP TRIGGER items_noise_update; DROP TABLE author_noise;
             UPDATE items SET state = 2, reason = 'spam', decided = 1, state_at = 1765000000
                 WHERE id IN ('s1', 's2', 's3');
             PRAGMA user_version = 19;",
        )
        .unwrap();
    }
    let people = s.ok(&["people", "--json"], now);
    assert!(!people.contains(r#""loyal":true"#), "{people}");
    assert_eq!(ids(&s.ok(&["list", "--json"], now)), ["q1", "s4"]);
}
