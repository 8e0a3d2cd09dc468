//! The canonical importer over a real database file: atomic, idempotent,
//! precise errors, own-reply linking, reopening and muting.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use serde_json::{Value, json};

const NOW: &str = "2026-11-20T12:00:00Z";

fn thousand_lines(bad_at: Option<usize>) -> String {
    (1..=1000)
        .map(|i| {
            let created = if Some(i) == bad_at {
                "yesterday".to_owned()
            } else {
                format!("2026-11-{:02}T10:00:00Z", 1 + i % 18)
            };
            item(
                "youtube",
                &format!("c{i}"),
                &format!("user{}", i % 37),
                &format!("comment number {i}"),
                &created,
                json!({}),
            )
        })
        .map(|l| l + "\n")
        .collect()
}

#[test]
fn reimport_is_a_no_op() {
    let s = Sandbox::new();
    let f = s.file("c.jsonl", &thousand_lines(None));
    let first = s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert!(first.contains("1000 new"), "{first}");
    let before = s.list(t(NOW));
    let file = bytes(&s.db());
    let summary = s.import_summary(&f, t(NOW));
    assert_eq!(
        (
            summary["new"].as_u64(),
            summary["updated"].as_u64(),
            summary["unchanged"].as_u64()
        ),
        (Some(0), Some(0), Some(1000))
    );
    assert!(bytes(&s.db()) == file, "the database file changed");
    assert_eq!(s.list(t(NOW)), before);
}

#[test]
fn a_bad_line_leaves_the_database_byte_for_byte_unchanged() {
    let s = Sandbox::new();
    let good = s.file(
        "good.jsonl",
        &lines(&[item(
            "youtube",
            "x",
            "ann",
            "hi",
            "2026-11-01T10:00:00Z",
            json!({}),
        )]),
    );
    s.ok(&["import", good.to_str().unwrap()], t(NOW));
    let before = bytes(&s.db());
    let bad = s.file("comments.jsonl", &thousand_lines(Some(500)));
    let err = s
        .run(&["import", bad.to_str().unwrap()], t(NOW))
        .unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("comments.jsonl:500: created_at: \"yesterday\" is not an RFC 3339 timestamp"),
        "{msg}"
    );
    assert_eq!(bytes(&s.db()), before, "the database file changed");
    assert_eq!(s.list(t(NOW)).len(), 1);
}

#[test]
fn errors_name_the_line_and_field() {
    let s = Sandbox::new();
    let cases: &[(&str, &str)] = &[
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: body: is missing",
        ),
        (
            "{\"platform\":\"x\",\"id\":[1],\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: id: expected text, found an array",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01 00:00\"}",
            "created_at: \"2026-01-01 00:00\" has no seconds and no time zone offset: write it like 2026-03-01T14:05:00Z (UTC) or 2026-03-01T15:05:00+01:00",
        ),
        (
            // Both said at once: with the offset added, the seconds were refused.
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01 00:00Z\"}",
            "created_at: \"2026-01-01 00:00Z\" has no seconds: write it like 2026-03-01T14:05:00Z (UTC) or 2026-03-01T15:05:00+01:00",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00\"}",
            "created_at: \"2026-01-01T00:00:00\" has no time zone offset: write it like",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":1763632800}",
            "created_at: 1763632800 is a number (a Unix time?), not an RFC 3339 timestamp: write it like",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\",\"own\":\"maybe\"}",
            "own: \"maybe\" is not true or false (true, yes or 1; false, no or 0)",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\",\"own\":2}",
            "own: \"2\" is not true or false (true, yes or 1; false, no or 0)",
        ),
        (
            // German Excel's TRUE.
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\",\"own\":\"WAHR\"}",
            "own: \"WAHR\" is not true or false (true, yes or 1; false, no or 0)",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\",\"kind\":\"like\"}",
            "kind: \"like\" is not one of: comment, mention",
        ),
        (
            // Quoted as written, not as lower-cased to be read.
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\",\"kind\":\"Reply \"}",
            "kind: \"Reply\" is not one of: comment, mention",
        ),
        (
            // The line is the file's, the column where the parser stopped.
            "{\"platform\":\"x\",\"id\":\"1\",",
            "f.jsonl:1:25: not valid JSON: EOF while parsing a value",
        ),
        (
            // Counted from the line's start, its indent too.
            "    {\"platform\":\"x\",\"id\":\"2\" \"author\":\"a\"}",
            "f.jsonl:1:30: not valid JSON: expected `,` or `}`",
        ),
        (
            // An object written over several lines, not one cut short.
            "{\"platform\":\"x\", \"id\":\"1\",\n  \"author\":\"a\"}",
            "f.jsonl:1: the JSON goes on past the line's end: the canonical format is one JSON object per line",
        ),
        (
            // Taken out, it would name another platform's item.
            "{\"platform\":\"You\\u001b[0mTube\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: platform: \"You\\u{1b}[0mTube\" holds a control or invisible character",
        ),
        (
            // Cleaned and trimmed, nothing is left of the handle.
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"\\u0085\\u2028\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: author: must not be empty",
        ),
        (
            "{\"platform\":\"ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: platform: 65 characters long: at most 64",
        ),
        (
            // A Braille blank and an ideographic space show as nothing.
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"\\u3000\\u2800 \",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: author: must not be empty (nor hold only what shows as blank)",
        ),
        (
            // A control character would be taken out, naming another item.
            "{\"platform\":\"x\",\"id\":\"a2\\u001b[31m\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: id: \"a2\\u{1b}[31m\" holds a control or invisible character",
        ),
        (
            // A newline is as much a control character in an id.
            "{\"platform\":\"x\",\"id\":\"a\\nb\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: id: \"a\\nb\" holds a control or invisible character",
        ),
        (
            // A no-break space shows as a space: "c 1" typed back is another item.
            "{\"platform\":\"x\",\"id\":\"c\\u00a01\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: id: \"c\\u{a0}1\" holds U+00A0, a space other than the plain one",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"n\\u28003\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: id: \"n\u{2800}3\" holds U+2800",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"thread_id\":\"t\\u30001\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: thread_id: \"t\\u{3000}1\" holds U+3000",
        ),
        (
            // So would an invisible one ("ab"), or a bidi isolate (its own parent).
            "{\"platform\":\"x\",\"id\":\"a\\u200bb\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: id: \"a\\u{200b}b\" holds a control or invisible character",
        ),
        (
            // A joiner between letters shows nothing: written as its code.
            "{\"platform\":\"x\",\"id\":\"a\\u200db\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: id: \"a\\u{200d}b\" holds a control or invisible character",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"ab\",\"parent_id\":\"a\\u2069b\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: parent_id: \"a\\u{2069}b\" holds a control or invisible character",
        ),
        (
            // Without a thread_id, the link is the thread's id: cleaned, it
            // would name another thread.
            "{\"platform\":\"x\",\"id\":\"1\",\"thread_url\":\"https://x/\\u001b[31mthread\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: thread_url: \"https://x/\\u{1b}[31mthread\" holds a control or invisible character: without a thread_id, it names the thread",
        ),
        (
            // Half an emoji becomes U+FFFD: "x\udbff" would be the same item.
            "{\"platform\":\"x\",\"id\":\"x\\ud800\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: id: \"x\u{fffd}\" holds U+FFFD",
        ),
        (
            // A Hangul filler, which looks like nothing, shown escaped.
            "{\"platform\":\"x\",\"id\":\"\\u3164\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: id: \"\\u{3164}\" holds a control or invisible character",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":true,\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: author: expected text, found a boolean",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":{\"text\":\"hi\"},\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: body: expected text, found an object",
        ),
        (
            // A fraction is no yes or no.
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\",\"own\":0.5}",
            "f.jsonl:1: own: expected true or false, found",
        ),
        ("[1, 2]", "f.jsonl:1: expected a JSON object"),
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}\n\"a comment\"",
            "f.jsonl:2: expected a JSON object",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"0001-01-01T00:00:00Z\"}",
            "f.jsonl:1: created_at: 0001-01-01T00:00:00Z is before 1990: a mistyped year?",
        ),
        (
            // A day and a second after NOW.
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-11-21T12:00:01Z\"}",
            "f.jsonl:1: created_at: 2026-11-21T12:00:01Z is more than a day ahead of this computer's clock: a mistyped date, or the clock?",
        ),
        (
            // An export's time of a change: as plausible as a creation time.
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\",\"state\":\"answered\",\"first_reply_at\":\"2300-01-01T00:00:00Z\",\"decided\":true}",
            "f.jsonl:1: first_reply_at: 2300-01-01T00:00:00Z is more than a day ahead",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\",\"state\":\"dismissed\",\"state_changed_at\":\"1970-01-01T00:00:00Z\"}",
            "f.jsonl:1: state_changed_at: 1970-01-01T00:00:00Z is before 1990",
        ),
        (
            // An export's time, named by its field.
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\",\"state\":\"snoozed\",\"snoozed_until\":\"tomorrow\",\"decided\":true}",
            "f.jsonl:1: snoozed_until: \"tomorrow\" is not an RFC 3339 time, such as 2026-03-01T14:05:00Z",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\",\"state\":\"dismissed\",\"log\":[{\"at\":\"\"}]}",
            "f.jsonl:1: log[0].at: \"\" is not an RFC 3339 time, such as 2026-03-01T14:05:00Z",
        ),
        (
            // It would never wake.
            "{\"platform\":\"x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\",\"state\":\"snoozed\",\"decided\":true}",
            "f.jsonl:1: snoozed_until: missing: a snoozed item needs the time it comes back",
        ),
        (
            "{\"platform\":\"x\",\"id\":\"2\",\"paren_id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: paren_id: no such field: did you mean parent_id?",
        ),
        (
            "{\"platform\":\"my site:x\",\"id\":\"1\",\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: platform: \"my site:x\" cannot hold a space or ':'",
        ),
        (
            "{\"platform\":\"x\",\"id\":123456789012345678901234,\"author\":\"a\",\"body\":\"\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "f.jsonl:1: id: a number that is not whole or is past 64 bits, which JSON readers round: write it as a string",
        ),
    ];
    for (content, expected) in cases {
        let f = s.file("f.jsonl", &format!("{content}\n"));
        let err = s.fails(
            &["import", "--format", "canonical", f.to_str().unwrap()],
            t(NOW),
        );
        assert!(
            err.contains(expected),
            "{content}\n=> {err}\nexpected {expected}"
        );
    }
    // A name or a link no platform gives (a screen shows it on every row).
    for (field, len, expected) in [
        (
            "author",
            5_000_000,
            "author: 5000000 characters long: at most 2400",
        ),
        ("url", 8_193, "url: 8193 characters long: at most 8192"),
        (
            "body",
            2 * 1024 * 1024 + 1,
            "body: 4194306 bytes long: at most 4 MiB",
        ),
    ] {
        let mut extra = json!({});
        extra[field] = json!("é".repeat(len));
        let line = item("x", "1", "a", "hi", "2026-01-01T00:00:00Z", extra);
        let f = s.file("long.jsonl", &lines(&[line]));
        let err = s.fails(
            &["import", "--format", "canonical", f.to_str().unwrap()],
            t(NOW),
        );
        assert!(err.contains(&format!("long.jsonl:1: {expected}")), "{err}");
    }
    // Nothing imported: not even an empty database made.
    assert!(!s.db().exists());
    // A stranger's display name as long as Mastodon keeps them (2,048
    // characters) is cut, and their handle as long is kept: neither stops
    // the file.
    let handle = "h".repeat(2_048);
    let line = item(
        "x",
        "1",
        &handle,
        "hi",
        "2026-01-01T00:00:00Z",
        json!({"author_name": "é".repeat(2_048)}),
    );
    let f = s.file("long.jsonl", &lines(&[line]));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let listed = s.listed("1", t(NOW));
    assert_eq!(listed["author"], json!(handle));
    assert_eq!(
        listed["author_name"],
        json!(format!("{}…", "é".repeat(999)))
    );
}

/// Canonical items as a JSON array (`jq -s`) or pretty-printed (`jq .`)
/// are told how to write them, without `--format` too.
#[test]
fn canonical_items_not_one_a_line_are_told_how() {
    let s = Sandbox::new();
    let one = item("x", "1", "a", "hi", "2026-11-01T10:00:00Z", json!({}));
    let v: Value = serde_json::from_str(&one).unwrap();
    for (name, content) in [
        ("array.json", format!("[{one},{one}]")),
        ("pretty.json", serde_json::to_string_pretty(&v).unwrap()),
    ] {
        let f = s.file(name, &content);
        let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
        assert!(
            err.contains("ackbox's canonical fields, but not one object a line")
                && err.contains("jq -c"),
            "{name}: {err}"
        );
    }
}

/// A comment a spreadsheet would run as a formula is written as text in a
/// CSV export and in `list --csv` (a `'` first), and read back as it was.
#[test]
fn a_csv_export_keeps_formulas_from_spreadsheets_and_reads_back_the_same() {
    let s = Sandbox::new();
    let bodies = [
        "=HYPERLINK(\"https://evil.example\",\"click\")",
        "'=already quoted",
        "+1 great video",
        "-- signed",
        "@bob thanks",
        "'plain quote",
        "fine",
        // A negative number is a number: written as it is.
        "-5",
        "'-5",
    ];
    let rows: Vec<String> = (bodies.iter().enumerate())
        .map(|(i, b)| {
            item(
                "x",
                &i.to_string(),
                "ann",
                b,
                "2026-11-01T10:00:00Z",
                json!({}),
            )
        })
        .collect();
    let f = s.file("f.jsonl", &lines(&rows));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let bodies_of = |dump: &str| -> Vec<String> {
        let mut read = csv::Reader::from_reader(dump.as_bytes());
        let body = (read.headers().expect("header").iter())
            .position(|h| h == "body")
            .expect("a body column");
        (read.records())
            .map(|r| r.expect("row")[body].to_owned())
            .collect()
    };
    // `list --csv` writes them as text too.
    let dump = s.ok(&["export", "--format", "csv"], t(NOW));
    let listed = s.ok(&["list", "--csv", "--state", "all"], t(NOW));
    for cells in [bodies_of(&dump), bodies_of(&listed)] {
        assert_eq!(cells.len(), bodies.len());
        assert!(
            (cells.iter())
                .filter(|c| *c != "-5")
                .all(|c| !c.starts_with(['=', '+', '-', '@'])),
            "{cells:?}"
        );
        assert!(cells.contains(&"''=already quoted".to_owned()), "{cells:?}");
        assert!(cells.contains(&"''-5".to_owned()), "{cells:?}");
    }
    let copy = Sandbox::new();
    let back = copy.file("export.csv", &dump);
    copy.ok(&["import", back.to_str().unwrap()], t(NOW));
    assert_eq!(copy.list(t(NOW)), s.list(t(NOW)));
}

/// A comment at its longest, all quotes, which a CSV export writes twice
/// each, reads back from the export.
#[test]
fn a_csv_export_of_the_longest_comment_of_quotes_reads_back() {
    let s = Sandbox::new();
    let quotes = "\"".repeat(4 * 1024 * 1024);
    let row = item("x", "q", "ann", &quotes, "2026-11-01T10:00:00Z", json!({}));
    let f = s.file("q.jsonl", &lines(&[row]));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let dump = s.ok(&["export", "--format", "csv"], t(NOW));
    let copy = Sandbox::new();
    let back = copy.file("export.csv", &dump);
    copy.ok(&["import", back.to_str().unwrap()], t(NOW));
    assert_eq!(copy.list(t(NOW)), s.list(t(NOW)));
}

/// An export's yes-or-no columns read as spreadsheets write them (`TRUE`,
/// `yes`); anything else is an error, not a silent no.
#[test]
fn an_exports_yes_or_no_reads_as_a_spreadsheet_writes_it() {
    let s = Sandbox::new();
    let f = s.file(
        "e.csv",
        "platform,id,thread_id,author,body,created_at,state,thread_muted,author_vip\n\
         x,1,t,ann,hi,2026-11-01T10:00:00Z,needs-reply,TRUE,Yes\n",
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let later = s.file(
        "later.jsonl",
        &lines(&[item(
            "x",
            "2",
            "bob",
            "yo",
            "2026-11-02T10:00:00Z",
            json!({"thread_id": "t"}),
        )]),
    );
    s.ok(&["import", later.to_str().unwrap()], t(NOW));
    assert_eq!(s.listed("2", t(NOW))["dismiss_reason"], "muted");
    assert!(s.ok(&["person", "x:ann"], t(NOW)).contains("VIP"));
    let bad = s.file(
        "bad.csv",
        "platform,id,author,body,created_at,state,thread_muted\nx,3,a,hi,2026-11-01T10:00:00Z,needs-reply,maybe\n",
    );
    let err = s.fails(&["import", bad.to_str().unwrap()], t(NOW));
    assert!(
        err.contains(
            "bad.csv:2: thread_muted: \"maybe\" is not true or false (true, yes or 1; false, no \
             or 0)"
        ),
        "{err}"
    );
}

/// A hand-made line with an export's answered or dismissed state needs the
/// time it was reached, as the export writes it: without it, the answer
/// was counted as given the second the comment came (a 0-second reply).
#[test]
fn an_answered_or_dismissed_state_needs_its_time() {
    let s = Sandbox::new();
    let header = "platform,id,author,body,created_at,state,decided";
    for state in ["answered", "dismissed"] {
        let f = s.file(
            "st4.csv",
            &format!("{header}\nyoutube,c2,@b,hello,2026-11-01T10:00:00Z,{state},TRUE\n"),
        );
        let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
        assert!(
            err.contains(
                "st4.csv:2: state_changed_at: missing: an answered or dismissed state needs \
                 the time it was decided, as `ackbox export` writes it"
            ),
            "{err}"
        );
    }
    let f = s.file(
        "st4.csv",
        &format!(
            "{header},state_changed_at\n\
             youtube,c2,@b,hello,2026-11-01T10:00:00Z,answered,TRUE,2026-11-03T10:00:00Z\n"
        ),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let stats = s.stats("all", t(NOW));
    assert_eq!(stats["time_to_first_reply"]["median_secs"], 172_800);
    assert_eq!(stats["answered_within_target"], 0.0);
}

/// A thread title longer than a name may be (a blog post's) is cut, not
/// refused; a thread known by a long address is taken whole.
#[test]
fn a_long_title_is_cut_and_a_long_thread_address_taken() {
    let s = Sandbox::new();
    let title = "Très long titre ".repeat(80);
    let address = format!("https://example.com/{}", "a".repeat(1_500));
    let f = s.file(
        "long.jsonl",
        &lines(&[
            item(
                "x",
                "1",
                "a",
                "hi",
                "2026-11-01T10:00:00Z",
                json!({"thread_title": title}),
            ),
            item(
                "x",
                "2",
                "a",
                "ho",
                "2026-11-01T10:00:00Z",
                json!({"thread_id": null, "thread_url": address}),
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let shown = s.listed("1", t(NOW))["thread_title"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(shown.chars().count(), 1_000, "{shown}");
    assert!(title.starts_with(shown.trim_end_matches('…')) && shown.ends_with('…'));
    assert_eq!(
        s.listed("2", t(NOW))["thread_id"].as_str(),
        Some(address.as_str())
    );
    // Read again, nothing changes.
    assert!(
        s.ok(&["import", f.to_str().unwrap()], t(NOW))
            .contains("0 updated, 2 unchanged")
    );
}

/// A handle whose ends the cleaning turns into spaces (a NEL, a line
/// separator) is the handle without them: one person, also after an export read back,
/// and a re-import changes nothing.
#[test]
fn a_handle_is_trimmed_once_clean() {
    let s = Sandbox::new();
    let f = s.file(
        "tr.jsonl",
        &lines(&[
            item(
                "youtube",
                "1",
                "bob\u{85}\u{2028}",
                "hello",
                "2025-03-01T14:05:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "2",
                "bob",
                "hi",
                "2025-03-01T14:06:00Z",
                json!({}),
            ),
            // A line break or a tab inside is a space: as shown, as typed.
            item(
                "youtube",
                "3",
                "evil\nhan\tdle",
                "hey",
                "2025-03-01T14:07:00Z",
                json!({}),
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let authors: Vec<_> = s.list(t(NOW)).iter().map(|i| i["author"].clone()).collect();
    assert_eq!(authors, [json!("evil han dle"), json!("bob"), json!("bob")]);
    assert!(
        s.ok(&["person", "youtube:evil han dle"], t(NOW))
            .contains("1 item")
    );
    let before = s.ok(&["export"], t(NOW));
    assert!(
        s.ok(&["import", f.to_str().unwrap()], t(NOW))
            .contains("0 updated, 3 unchanged")
    );
    let copy = Sandbox::new();
    let e = copy.file("e.jsonl", &before);
    copy.ok(&["import", e.to_str().unwrap()], t(NOW));
    assert_eq!(copy.ok(&["export"], t(NOW)), before);
}

/// A display name or a thread title is one line: its line breaks (NEL and
/// U+2028 too) and tabs are spaces in the list, `--json` and `--csv`, and a
/// re-import changes nothing.
#[test]
fn a_name_and_a_title_are_one_line() {
    let s = Sandbox::new();
    let f = s.file(
        "nl.jsonl",
        &lines(&[item(
            "facebook",
            "1",
            "970",
            "hi",
            "2025-03-01T14:05:00Z",
            json!({"author_name": "Evil\nFAKE LINE\u{85}Name\r",
                   "thread_title": "Holiday hours\u{2028}\u{2028}Mon-Fri\t9-17"}),
        )]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let item = &s.list(t(NOW))[0];
    assert_eq!(item["author_name"], json!("Evil FAKE LINE Name"));
    assert_eq!(item["thread_title"], json!("Holiday hours Mon-Fri 9-17"));
    let csv = s.ok(&["list", "--csv"], t(NOW));
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(
        s.ok(&["import", f.to_str().unwrap()], t(NOW))
            .contains("0 updated, 1 unchanged")
    );
}

/// A line without end (a binary file, a device forced as canonical) is
/// refused once it runs past 20 MiB, naming its line, before it fills the
/// memory, and so is a CSV row past 17 MiB, on one line or many (a quote
/// left open); a long comment is no such line.
#[test]
fn a_line_without_end_is_refused() {
    let s = Sandbox::new();
    let ok = item("x", "1", "a", "hi", "2026-11-01T10:00:00Z", json!({}));
    let long = "a".repeat(21 * 1024 * 1024);
    for (name, content) in [
        (
            "z.jsonl",
            format!("{ok}\n{{\"platform\":\"x\",\"body\":\"{long}"),
        ),
        (
            "z.csv",
            format!(
                "platform,id,author,body,created_at\nx,1,a,hi,2026-11-01T10:00:00Z\nx,2,a,{long}"
            ),
        ),
        (
            "first.csv",
            format!("platform,id,author,body,created_at\nx,2,a,{long}"),
        ),
        (
            "crlf.csv",
            format!(
                "platform,id,author,body,created_at\r\nx,1,a,hi,2026-11-01T10:00:00Z\r\nx,2,a,{long}"
            ),
        ),
        (
            "lines.csv",
            format!(
                "platform,id,author,body,created_at\nx,1,a,hi,2026-11-01T10:00:00Z\nx,2,a,\"{}",
                "y\n".repeat(9 * 1024 * 1024)
            ),
        ),
    ] {
        let f = s.file(name, &content);
        let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
        // The line it starts on.
        let expected = match name {
            "z.jsonl" => "z.jsonl:2: the line runs over 20 MiB".to_owned(),
            "first.csv" => "first.csv:2: the row runs over 17 MiB".to_owned(),
            _ => format!("{name}:3: the row runs over 17 MiB"),
        };
        assert!(err.contains(&expected), "{err}");
        assert!(!s.db().exists());
    }
    let body = "word ".repeat(3 * 1024 * 1024 / 5);
    let f = s.file(
        "long.jsonl",
        &lines(&[item(
            "x",
            "1",
            "a",
            &body,
            "2026-11-01T10:00:00Z",
            json!({}),
        )]),
    );
    assert!(
        s.ok(&["import", f.to_str().unwrap()], t(NOW))
            .contains("1 new")
    );
}

#[test]
fn invalid_utf8_is_an_error_with_its_position() {
    let s = Sandbox::new();
    let mut content =
        lines(&[item("x", "1", "a", "ok", "2026-11-01T10:00:00Z", json!({}))]).into_bytes();
    let second: &[u8] = b"{\"platform\":\"x\",\"id\":\"2\",\"author\":\"a\",\"body\":\"caf\xE9\",\"created_at\":\"2026-11-01T10:00:00Z\"}\n";
    let column = 1 + second.iter().position(|b| *b == 0xE9).unwrap();
    // A byte-order mark is not counted: the column is the line's.
    content.splice(0..0, *b"\xEF\xBB\xBF");
    content.extend_from_slice(second);
    let p = s.dir.path().join("latin1.jsonl");
    std::fs::write(&p, content).unwrap();
    let err = s.fails(&["import", p.to_str().unwrap()], t(NOW));
    // The file named, as the UTF-16 advice names it (it said FILE).
    assert!(
        err.contains(&format!(
            "latin1.jsonl:2:{column}: invalid UTF-8 (saved as Windows-1252 or Latin-1? \
             convert it first: iconv -f WINDOWS-1252 -t UTF-8 {} > utf8-copy)",
            p.display()
        )),
        "{err}"
    );
    // A line of UTF-8 (a café), then `latin` lines holding the byte.
    let after_a_cafe = |latin: usize| {
        let cafe = item("x", "1", "zoë", "café", "2026-11-01T10:00:00Z", json!({}));
        let mut file = lines(&[cafe]).into_bytes();
        (0..latin).for_each(|_| file.extend_from_slice(second));
        std::fs::write(&p, file).unwrap();
        s.fails(&["import", p.to_str().unwrap()], t(NOW))
    };
    // With other UTF-8 text in it, the byte alone is in another encoding:
    // converting the whole file would garble the café.
    let err = after_a_cafe(1);
    assert!(
        err.contains(&format!(
            "latin1.jsonl:2:{column}: invalid UTF-8 (the rest of the file is UTF-8: this spot \
             alone is in another encoding"
        )) && !err.contains("iconv"),
        "{err}"
    );
    // Several such lines: still spots to mend, not a file to convert
    // (the café would be garbled), and said how many.
    let err = after_a_cafe(3);
    assert!(
        err.contains("this spot is in another encoding, as 2 more are")
            && err.contains("mend them there")
            && !err.contains("iconv"),
        "{err}"
    );
    // One accented name in UTF-8 and one spot: converted, "José" would be
    // garbled.
    let jose = item(
        "x",
        "1",
        "jose",
        "José here",
        "2026-11-01T10:00:00Z",
        json!({}),
    );
    let mut file = lines(&[jose]).into_bytes();
    file.extend_from_slice(second);
    std::fs::write(&p, file).unwrap();
    let err = s.fails(&["import", p.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("this spot alone is in another encoding") && !err.contains("iconv"),
        "{err}"
    );
}

/// A file whose only fault is its last character, cut in the middle (a
/// download that stopped), is said to be cut short, at that byte, in every
/// format; one with a legacy byte before that mixes encodings.
#[test]
fn a_file_cut_inside_its_last_character_is_cut_short() {
    let s = Sandbox::new();
    let csv = "platform,id,author,created_at,body\np,u1,a,2026-11-01T10:00:00Z,Grüße aus Köln\n\
               p,u2,a,2026-11-01T10:00:00Z,Schöne Grüße aus der Mühle ";
    let jsonl = lines(&[item(
        "p",
        "u1",
        "a",
        "Grüße",
        "2026-11-01T10:00:00Z",
        json!({}),
    )]) + r#"{"platform":"p","id":"u2","author":"a","created_at":"2026-11-01T10:00:00Z","body":"M"#;
    let wxr = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/wordpress/export-part1.xml"),
    )
    .unwrap();
    // Cut inside an element's text (inside markup, the parser says so).
    let wxr = &wxr[..wxr.rfind("<title>").unwrap() + "<title>".len()];
    for (name, text, legacy_after) in [
        ("cut.csv", csv, "K"),
        ("cut.jsonl", jsonl.as_str(), "Gr"),
        ("cut.xml", wxr, "<title>"),
    ] {
        // All ASCII but its last letter: a Windows-1252 `é`, not a cut.
        let mut bytes: Vec<u8> = text.bytes().filter(u8::is_ascii).collect();
        bytes.push(0xE9);
        let p = s.dir.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        let err = s.fails(&["import", p.to_str().unwrap()], t(NOW));
        assert!(err.contains("iconv -f WINDOWS-1252"), "{err}");
        // With UTF-8 in it (a café), the last character is cut.
        let mut bytes = format!("{text}Café ").into_bytes();
        bytes.push(0xC3);
        let p = s.dir.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        let err = s.fails(&["import", p.to_str().unwrap()], t(NOW));
        assert!(
            err.contains(&format!(
                "{name}:byte {}: the file ends inside a character: it is cut short",
                bytes.len() - 1
            )),
            "{err}"
        );
        // A Latin-1 byte before it: that spot is in another encoding.
        let at = text.find(legacy_after).unwrap() + legacy_after.len();
        bytes.insert(at, 0xE9);
        std::fs::write(&p, &bytes).unwrap();
        let err = s.fails(&["import", p.to_str().unwrap()], t(NOW));
        assert!(
            err.contains("the rest of the file is UTF-8: this spot alone"),
            "{err}"
        );
    }
    assert!(!s.dir.path().join("ackbox.db").exists(), "nothing imported");
}

/// Two sandboxes: an empty database (an import is a bulk load, where
/// SQLite refuses a repeated id and the indexes are set aside) and one
/// with an item (where the importer remembers the ids).
fn empty_and_not() -> [Sandbox; 2] {
    let with_items = Sandbox::new();
    let earlier = item("y", "0", "b", "before", "2026-10-01T10:00:00Z", json!({}));
    let f = with_items.file("earlier.jsonl", &lines(&[earlier]));
    with_items.ok(&["import", f.to_str().unwrap()], t(NOW));
    [Sandbox::new(), with_items]
}

#[test]
fn the_same_id_again_is_one_item_and_the_later_copy_wins() {
    for s in empty_and_not() {
        let same = [
            item("x", "1", "a", "first", "2026-11-01T10:00:00Z", json!({})),
            item("x", "2", "a", "other", "2026-11-01T10:00:00Z", json!({})),
            item("x", "1", "a", "first", "2026-11-01T10:00:00Z", json!({})),
        ];
        // The same line twice is one item.
        let f = s.file("same.jsonl", &lines(&same));
        let out = s.ok(&["import", "--dry-run", f.to_str().unwrap()], t(NOW));
        assert!(out.contains("2 new, 0 updated, 0 unchanged"), "{out}");
        // Pages fetched again after an edit: the later copy wins, still one item.
        let mut edited = same.to_vec();
        edited.push(item(
            "x",
            "1",
            "a",
            "first, edited",
            "2026-11-01T10:00:00Z",
            json!({"author_name": "Ann"}),
        ));
        edited.push(item(
            "x",
            "1",
            "a",
            "first",
            "2026-11-01T10:00:00Z",
            json!({}),
        ));
        edited.push(item(
            "x",
            "2",
            "a",
            "other, edited",
            "2026-11-01T10:00:00Z",
            json!({}),
        ));
        let f = s.file("pages.jsonl", &lines(&edited));
        let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert!(out.contains("2 new, 0 updated, 0 unchanged"), "{out}");
        let list = s.list(t(NOW));
        let x = |id: &str| {
            list.iter()
                .find(|v| v["platform"] == "x" && v["id"] == id)
                .unwrap()
        };
        assert_eq!(
            x("1")["body"],
            "first",
            "the last copy of x:1 is the first text"
        );
        assert_eq!(
            x("1")["author_name"],
            "Ann",
            "a field the last copy leaves out stays"
        );
        assert_eq!(x("2")["body"], "other, edited");
        let found = s.ok(&["list", "--search", "edited", "--json"], t(NOW));
        assert_eq!(
            found.lines().count(),
            1,
            "the search index follows: {found}"
        );
        // Again: the copies pass through the same versions to the same end,
        // and the summary says what the end is: nothing changed.
        let again = s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert!(again.contains("0 new, 0 updated, 2 unchanged"), "{again}");
        assert_eq!(s.list(t(NOW)), list);
        // A later copy that does change a stored item counts it updated.
        let mut later = edited.clone();
        later.push(item(
            "x",
            "2",
            "a",
            "other, edited twice",
            "2026-11-01T10:00:00Z",
            json!({}),
        ));
        let f = s.file("later.jsonl", &lines(&later));
        let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert!(out.contains("0 new, 1 updated, 1 unchanged"), "{out}");
    }
}

#[test]
fn bom_crlf_blank_lines_and_empty_files_are_fine() {
    let s = Sandbox::new();
    // The second mark is where a second file began (`cat a.jsonl b.jsonl`).
    let content = format!(
        "\u{feff}{}\r\n\r\n\u{feff}{}\r\n",
        item("x", "1", "a", "one", "2026-11-01T10:00:00Z", json!({})),
        item("x", "2", "b", "two", "2026-11-01T11:00:00+01:00", json!({}))
    );
    let f = s.file("win.jsonl", &content);
    assert!(
        s.ok(&["import", f.to_str().unwrap()], t(NOW))
            .contains("2 new")
    );
    let list = s.list(t(NOW));
    assert_eq!(list.len(), 2);
    assert!(
        list.iter()
            .any(|v| v["created_at"] == "2026-11-01T10:00:00Z" && v["id"] == "2")
    );
    let empty = s.file("empty.jsonl", "");
    assert!(
        s.ok(&["import", empty.to_str().unwrap()], t(NOW))
            .contains("0 new")
    );
}

#[test]
fn csv_imports_like_jsonl() {
    let s = Sandbox::new();
    let csv = "platform,id,parent_id,thread_id,thread_title,thread_url,author,author_name,body,created_at,url,kind,own\r\n\
               youtube,c1,,v1,\"Video, with comma\",,joe,Joe Ramos,\"Great video!\nSecond line\",2026-11-01T10:00:00Z,,comment,false\r\n\
               youtube,r1,c1,v1,,,me,,\"Thanks Joe, glad it helped\",2026-11-01T12:00:00Z,,,true\r\n";
    let f = s.file("c.csv", csv);
    let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert!(
        out.contains("2 new") && out.contains("1 own reply linked"),
        "{out}"
    );
    let list = s.list(t(NOW));
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["state"], "answered");
    assert_eq!(list[0]["body"], "Great video!\nSecond line");
    assert_eq!(list[0]["thread_title"], "Video, with comma");
    assert_eq!(list[0]["first_reply_at"], "2026-11-01T12:00:00Z");
    let bad = s.file("bad.csv", "platform,id,author,body\nx,1,a,b\n");
    let err = s.fails(&["import", bad.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("bad.csv:1: created_at: the header has no such column"),
        "{err}"
    );
    // A column of ours mistyped would drop its values without a word (a
    // reply made top-level); a spreadsheet's own columns are let be.
    let typo = s.file(
        "typo.csv",
        "platform,id,paren_id,author,body,created_at,likes,owner\nx,2,1,a,b,2026-11-01T10:00:00Z,3,me\n",
    );
    let err = s.fails(&["import", typo.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("typo.csv:1: paren_id: no such column: did you mean parent_id?"),
        "{err}"
    );
    // A value thousands of characters long is quoted by its ends.
    let long = s.file(
        "long.jsonl",
        &format!(
            "{{\"platform\":\"x\",\"id\":\"L1\",\"author\":\"a\",\"body\":\"b\",\"created_at\":\"{}Z\"}}\n",
            "9".repeat(1_000_000)
        ),
    );
    let err = s.fails(&["import", long.to_str().unwrap()], t(NOW));
    assert!(
        err.len() < 1000
            && err.contains("long.jsonl:1: created_at: \"999")
            && err.contains("characters…] ")
            && err.contains("999Z\" is not an RFC 3339 timestamp: write it like"),
        "{}",
        &err[..err.len().min(2000)]
    );
    // A short one too, `own` or `kind` with a letter left out or two
    // swapped; not a word a letter longer or another (`town`, `owl`).
    for extra in ["town", "owl", "mind", "owns", "uri"] {
        let f = s.file(
            "extra.csv",
            &format!(
                "platform,id,author,body,created_at,{extra}\nx,e1,a,b,2026-11-01T10:00:00Z,v\n"
            ),
        );
        s.ok(&["import", "--dry-run", f.to_str().unwrap()], t(NOW));
    }
    for (typed, meant) in [("ow", "own"), ("onw", "own"), ("kin", "kind")] {
        let typo = s.file(
            "short.csv",
            &format!("platform,id,author,body,created_at,uri,{typed}\nx,2,a,b,2026-11-01T10:00:00Z,at://x,true\n"),
        );
        let err = s.fails(&["import", typo.to_str().unwrap()], t(NOW));
        assert!(
            err.contains(&format!(
                "short.csv:1: {typed}: no such column: did you mean {meant}?"
            )),
            "{err}"
        );
    }
    let extra = s.file(
        "extra.csv",
        "platform,id,author,body,created_at,likes,owner\nx,3,a,b,2026-11-01T10:00:00Z,3,me\n",
    );
    s.ok(&["import", extra.to_str().unwrap()], t(NOW));
    // An invisible character a spreadsheet left in a header (or a JSON
    // key) hides nothing: the column is read, as any text is cleaned.
    let hidden = s.file(
        "hidden.csv",
        "platform,id,author,body,created_at,o\u{200d}wn\u{200b}\u{3164}\nx,h1,me,Thanks Ann,2026-11-01T10:00:00Z,true\n",
    );
    s.ok(&["import", hidden.to_str().unwrap()], t(NOW));
    assert!(s.ok(&["replies"], t(NOW)).contains("x:h1"));
    let hidden = s.file(
        "hidden.jsonl",
        "{\"platform\":\"x\",\"id\":\"h2\",\"Parent_\\u200cid\\ufe0f\":\"h1\",\"author\":\"ann\",\"body\":\"ok\",\"created_at\":\"2026-11-01T11:00:00Z\"}\n",
    );
    s.ok(&["import", hidden.to_str().unwrap()], t(NOW));
    assert_eq!(s.listed("h2", t(NOW))["parent_id"], "h1");
    // Separated by semicolons, as a spreadsheet in German or French saves it.
    let semi = s.file(
        "semi.csv",
        "platform;id;author;body;created_at\nx;4;a;b;2026-11-01T10:00:00Z\n",
    );
    let err = s.fails(&["import", semi.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("semi.csv:1: the columns are separated by ';'"),
        "{err}"
    );
    // Every cell quoted, or tab-separated values, alike.
    for (header, said) in [
        (
            "\"platform\";\"id\";\"author\";\"body\";\"created_at\"",
            "';'",
        ),
        ("platform\tid\tauthor\tbody\tcreated_at", "tabs"),
    ] {
        let f = s.file("sep.csv", &format!("{header}\n"));
        let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
        assert!(
            err.contains(&format!("sep.csv:1: the columns are separated by {said}")),
            "{err}"
        );
    }
    // A platform's own CSV (YouTube's Takeout) is told apart from a broken one.
    let takeout = s.file(
        "takeout.csv",
        "Comment ID,Channel ID,Comment create timestamp,Comment text\nUgx1,UCa,2024-03-01T18:00:00Z,hi\n",
    );
    let err = s.fails(&["import", takeout.to_str().unwrap()], t(NOW));
    assert!(
        err.contains(
            "takeout.csv:1: not ackbox's canonical CSV: its header (Comment ID, Channel ID, \
                      Comment create timestamp, Comment text) lacks platform, id, author, body, \
                      created_at; a platform's own CSV export is not read"
        ),
        "{err}"
    );
    // The parser's own errors name the line too, with either line end.
    for eol in ["\n", "\r\n"] {
        let ragged = s.file(
            "ragged.csv",
            &[
                "platform,id,author,body,created_at",
                "x,1,a,b,2026-11-01T10:00:00Z",
                "x,2,a",
                "",
            ]
            .join(eol),
        );
        let err = s.fails(&["import", ragged.to_str().unwrap()], t(NOW));
        assert!(
            err.ends_with("ragged.csv:3: 3 fields where the header has 5"),
            "{eol:?}: {err}"
        );
    }
    // A quote left open takes in the lines after it, as one field: to
    // the file's end (or a download cut short in a column before the
    // last), or to a quote further on.
    let open = s.file(
        "open.csv",
        "platform,id,author,body,created_at\nx,1,a,\"b,2026-11-01T10:00:00Z\nx,2,a,c,2026-11-01T11:00:00Z\n",
    );
    let cut = s.file(
        "cut.csv",
        "platform,id,author,body,created_at\nx,1,a,\"the body, cut",
    );
    for file in [&open, &cut] {
        let err = s.fails(&["import", file.to_str().unwrap()], t(NOW));
        assert!(
            err.ends_with(
                ".csv:2: 4 fields where the header has 5: the quote of field 4 is not closed by \
                 the file's end (a quote left open, or the file cut short?)"
            ),
            "{err}"
        );
    }
    let closed = s.file(
        "closed.csv",
        "platform,id,author,body,created_at\nx,1,\"a\nx,2\",2026-11-01T11:00:00Z\n",
    );
    let err = s.fails(&["import", closed.to_str().unwrap()], t(NOW));
    assert!(
        err.ends_with(
            "closed.csv:2: 4 fields where the header has 5: field 3 runs over several lines \
             (a quote left open?)"
        ),
        "{err}"
    );
    // A download cut short inside the last row's quoted value: the parser
    // would end the value at the file's end, and the body go in cut short.
    let head = "platform,id,created_at,author,body\nx,1,2026-11-01T10:00:00Z,a,hi\n";
    let before = s.ok(&["export"], t(NOW));
    for eol in ["\n", "\r\n"] {
        let cut = s.file(
            "cut.csv",
            &format!(
                "{head}x,2,2026-11-01T11:00:00Z,a,\"First, with a comma.{eol}{eol}Then \"\"cut\"\" in the mi{eol}"
            ),
        );
        let err = s.fails(&["import", cut.to_str().unwrap()], t(NOW));
        assert!(
            err.ends_with(
                "cut.csv:3: the file ends inside a quoted value of this row, its closing quote \
                 missing: is the file cut short?"
            ),
            "{eol:?}: {err}"
        );
        assert_eq!(s.ok(&["export"], t(NOW)), before, "nothing written");
    }
    // Whole, the same row goes in, with or without a line end after it;
    // and so does a quote inside a value that was not quoted.
    for end in ["\"", "\"\n", "\"\r\n"] {
        let whole = s.file(
            "whole.csv",
            &format!("{head}x,2,2026-11-01T11:00:00Z,a,\"First,\n\n\"\"whole\"\"{end}"),
        );
        s.ok(&["import", whole.to_str().unwrap()], t(NOW));
    }
    let inch = s.file(
        "inch.csv",
        &format!("{head}x,4,2026-11-01T12:00:00Z,a,My 5\" screen"),
    );
    s.ok(&["import", inch.to_str().unwrap()], t(NOW));
    // A quoted value closed, then a quote in a value not quoted.
    let monitor = s.file(
        "monitor.csv",
        "platform,id,author,created_at,body,thread_id,thread_title\nx,5,bob,2026-11-01T10:00:00Z,\"Great, thanks\",v1,My 27\" monitor review\n",
    );
    s.ok(&["import", monitor.to_str().unwrap()], t(NOW));
    let bodies = s.ok(&["list", "--state", "all", "--json"], t(NOW));
    assert!(
        bodies.contains(r#""body":"First,\n\n\"whole\"""#),
        "{bodies}"
    );
    assert!(bodies.contains(r#""body":"My 5\" screen""#), "{bodies}");
}

/// A header as typed in a spreadsheet: words with spaces are the names
/// with underscores, blank header cells are columns left blank, and what
/// the file says wrong names the column as it is written.
#[test]
fn a_spreadsheet_s_header_is_read_as_typed() {
    let s = Sandbox::new();
    let f = s.file(
        "typed.csv",
        "Platform,ID,Author,Author Name,Body,Created At,notes,,\nx,1,ann,Ann Lee,hi,2026-11-01T10:00:00Z,call back,,\n",
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let list = s.list(t(NOW));
    assert_eq!(list[0]["author_name"], "Ann Lee");
    let f = s.file(
        "mistyped.csv",
        "platform,id,author,body,Create At\nx,2,ann,hi,2026-11-01T10:00:00Z\n",
    );
    let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
    assert!(
        err.ends_with("mistyped.csv:1: Create At: no such column: did you mean created_at?"),
        "{err}"
    );
    // Excel's line naming the separator goes before the header; two files
    // joined (`cat a.csv b.csv`) have the header twice.
    let head = "platform,id,author,body,created_at\r\n";
    let f = s.file(
        "sep.csv",
        &format!("sep=,\r\n{head}x,4,ann,hi,2026-11-01T10:00:00Z\r\n{head}x,5,bo,yo,2026-11-01T11:00:00Z\r\n"),
    );
    let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert!(out.contains("2 new"), "{out}");
    // The header again as another file writes it (Excel puts a BOM before
    // each, or spells it otherwise); a row short of blank header cells, or
    // with empty cells past the header; a column of its own.
    let f = s.file(
        "joined.csv",
        &format!(
            "{head}x,7,ann,hi,2026-11-01T10:00:00Z\n\u{feff}{head}x,8,bo,yo,2026-11-01T11:00:00Z\nPlatform,ID,Author,Body,Created At\nx,9,cy,hey,2026-11-01T12:00:00Z,,\n"
        ),
    );
    let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert!(out.contains("3 new"), "{out}");
    let f = s.file(
        "blank.csv",
        "platform,id,author,body,created_at,author_id,\nx,10,di,hi,2026-11-01T10:00:00Z,42\n",
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let f = s.file(
        "long.csv",
        &format!("{head}x,11,ed,hi,2026-11-01T10:00:00Z,extra\n"),
    );
    let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
    assert!(
        err.ends_with("long.csv:2: 6 fields where the header has 5"),
        "{err}"
    );
    let f = s.file("sep.csv", &format!("sep=,\n{head}x,6,ann,hi,yesterday\n"));
    let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
    assert!(err.contains("sep.csv:3: created_at"), "{err}");
    let f = s.file("semi.csv", "sep=;\nplatform;id;author;body;created_at\n");
    let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("semi.csv:1: the columns are separated by \";\""),
        "{err}"
    );
    let mut latin1 = b"platform,id,author,author_name,body,created_at\nx,3,jo,Jos".to_vec();
    latin1.extend(b"\xe9,hi,2026-11-01T10:00:00Z\n");
    let f = s.dir.path().join("latin1.csv");
    std::fs::write(&f, latin1).unwrap();
    let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("latin1.csv:2: invalid UTF-8 in \"author_name\", after its first 3 bytes"),
        "{err}"
    );
    // A cell that starts with the byte says so in words.
    let f = s.file(
        "quotes.csv",
        "platform,id,author,body,created_at\nx,4,jo,\u{1}",
    );
    let mut cp1252 = std::fs::read(&f).unwrap();
    cp1252.pop();
    cp1252.extend(b"\x93smart\x94 quotes,2026-11-01T10:00:00Z\n");
    std::fs::write(&f, cp1252).unwrap();
    let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("invalid UTF-8 in \"body\", at its start"),
        "{err}"
    );
}

/// What a spreadsheet leaves of cells it ran as formulas (`@anna`,
/// `+1 great video`: `#NAME?`) or ids it rounded (`1.784E+16`) is refused,
/// named, not imported as people and ids that never were.
#[test]
fn what_a_spreadsheet_lost_is_refused() {
    let s = Sandbox::new();
    let head = "platform,id,parent_id,author,body,created_at\n";
    let good = "youtube,n1,,@anna,Which grinder?,2026-11-01T10:00:00Z\n";
    s.ok(
        &[
            "import",
            s.file("good.csv", &format!("{head}{good}"))
                .to_str()
                .unwrap(),
        ],
        t(NOW),
    );
    let before = s.ok(&["export"], t(NOW));
    for (row, field, value) in [
        (
            "youtube,n1,,#NAME?,Which grinder?,2026-11-01T10:00:00Z",
            "author",
            "#NAME?",
        ),
        (
            "youtube,r1,#REF!,@me,hi,2026-11-01T12:00:00Z",
            "parent_id",
            "#REF!",
        ),
        (
            "youtube,n2,, Err:508 ,hi,2026-11-01T12:00:00Z",
            "author",
            "Err:508",
        ),
        (
            "instagram,1.784E+16,,priya,Love it,2026-11-01T12:00:00Z",
            "id",
            "1.784E+16",
        ),
        (
            "instagram,c2,1.78E+16,noah,Me too,2026-11-01T12:00:00Z",
            "parent_id",
            "1.78E+16",
        ),
        // A decimal comma (a German or French spreadsheet's), and an
        // account id, Facebook's, rounded.
        (
            "instagram,\"1,784E+16\",,priya,Love it,2026-11-01T12:00:00Z",
            "id",
            "1,784E+16",
        ),
        (
            "facebook,c3,,1.00008E+14,Me too,2026-11-01T12:00:00Z",
            "author",
            "1.00008E+14",
        ),
    ] {
        let f = s.file("edited.csv", &format!("{head}{good}{row}\n"));
        let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
        assert!(
            err.contains(&format!("edited.csv:3: {field}: {value} is a"))
                && err.contains("spreadsheet"),
            "{row}: {err}"
        );
        assert_eq!(s.ok(&["export"], t(NOW)), before, "nothing written");
    }
    // Words that only look alike are words, and a comment may say `#N/A`
    // (a spreadsheet's tutorial): asked only of who and what an item is.
    let f = s.file(
        "fine.csv",
        &format!("{head}youtube,n3,,@cy,#NAME? is what I got in Excel,2026-11-01T12:00:00Z\nx,12E5,,ed,#N/A,2026-11-01T12:00:00Z\n"),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    // An export of it goes back whole; with its long ids rounded by a
    // spreadsheet, it does not.
    let written = s.ok(&["export", "--format", "csv"], t(NOW));
    let export = s.file("export.csv", &written);
    let s2 = Sandbox::new();
    s2.ok(&["import", export.to_str().unwrap()], t(NOW));
    assert_eq!(s2.ok(&["export"], t(NOW)), s.ok(&["export"], t(NOW)));
    let rounded = s.file("rounded.csv", &written.replace("x,12E5,", "x,1.2E+06,"));
    assert_ne!(std::fs::read(&rounded).unwrap(), written.as_bytes());
    let err = Sandbox::new().fails(&["import", rounded.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("id: 1.2E+06 is a long number a spreadsheet rounded"),
        "{err}"
    );
}

/// An id is what the platform calls the item: spaces typed around it (a
/// spreadsheet's `c1 ,`) are not part of it, in JSON Lines or CSV, so
/// ` c1 ` is c1 and a reply to `c1 ` answers it; a blank id is refused.
#[test]
fn spaces_around_ids_are_not_part_of_them() {
    let s = Sandbox::new();
    let jsonl = s.file(
        "ids.jsonl",
        &lines(&[
            item(
                "youtube",
                " c1 ",
                " joe ",
                "Great video!",
                "2026-11-01T10:00:00Z",
                json!({"thread_id": "\tv1 "}),
            ),
            item(
                "youtube",
                "r1\u{a0}",
                "me",
                "Thanks Joe!",
                "2026-11-01T12:00:00Z",
                json!({"parent_id": "c1 ", "thread_id": " v1", "own": true}),
            ),
        ]),
    );
    let out = s.ok(&["import", jsonl.to_str().unwrap()], t(NOW));
    assert!(
        out.contains("2 new") && out.contains("1 own reply linked"),
        "{out}"
    );
    let list = s.list(t(NOW));
    assert_eq!(
        (
            &list[0]["id"],
            &list[0]["thread_id"],
            &list[0]["state"],
            &list[0]["author"]
        ),
        (
            &json!("c1"),
            &json!("v1"),
            &json!("answered"),
            &json!("joe")
        )
    );
    let replies = s.ok(&["replies", "--json"], t(NOW));
    let reply: serde_json::Value = serde_json::from_str(replies.trim()).unwrap();
    assert_eq!(
        (&reply["id"], &reply["parent_id"]),
        (&json!("r1"), &json!("c1"))
    );
    // The same items in CSV, spaces or none, are the same items again.
    let csv = s.file(
        "ids.csv",
        "platform,id,parent_id,thread_id,author,body,created_at,own\n\
         youtube,  c1,,v1  ,joe,Great video!,2026-11-01T10:00:00Z,\n\
         youtube,r1,\" c1\",v1,me,Thanks Joe!,2026-11-01T12:00:00Z,true\n",
    );
    let again = s.import_summary(&csv, t(NOW));
    assert_eq!(
        (again["new"].as_u64(), again["updated"].as_u64()),
        (Some(0), Some(0)),
        "{again}"
    );
    let blank = s.file(
        "blank.csv",
        "platform,id,author,body,created_at\nx,  ,a,b,2026-11-01T10:00:00Z\n",
    );
    let err = s.fails(&["import", blank.to_str().unwrap()], t(NOW));
    assert!(err.contains("blank.csv:2: id: must not be empty"), "{err}");
}

/// Two posts naming each other as their parent (a file no platform writes,
/// but one can be given) are imported into an empty database as into one
/// holding items: the walk down the reply chains ends.
#[test]
fn replies_naming_each_other_as_parent_are_imported() {
    let cycle = lines(&[
        r#"{"platform":"mastodon","id":"222","parent_id":"111","author":"bob@z.social","body":"second","created_at":"2026-11-01T11:00:00Z"}"#.to_owned(),
        r#"{"platform":"mastodon","id":"111","parent_id":"222","thread_id":"222","author":"ann@y.social","body":"first","created_at":"2026-11-01T10:00:00Z"}"#.to_owned(),
    ]);
    let s = Sandbox::new();
    let f = s.file("cycle.jsonl", &cycle);
    assert_eq!(s.import_summary(&f, t(NOW))["new"], 2);
    let threads: Vec<_> = (s.list(t(NOW)).iter())
        .map(|i| (i["id"].clone(), i["thread_id"].clone()))
        .collect();
    assert_eq!(
        threads,
        [(json!("222"), json!("222")), (json!("111"), json!("222"))]
    );
}

#[test]
fn own_replies_link_in_either_order() {
    let parent = item(
        "mastodon",
        "100",
        "priya",
        "Do you ship to Canada?",
        "2026-11-01T10:00:00Z",
        json!({}),
    );
    let answer = reply(
        "mastodon",
        "101",
        "100",
        "Yes Priya, we ship to Canada!",
        "2026-11-01T13:00:00Z",
    );
    let mut results = Vec::new();
    for order in [
        vec![parent.clone(), answer.clone()],
        vec![answer.clone(), parent.clone()],
    ] {
        let s = Sandbox::new();
        let f = s.file("m.jsonl", &lines(&order));
        s.ok(&["import", f.to_str().unwrap()], t(NOW));
        results.push(s.list(t(NOW)));
    }
    // Also: two files, reply first.
    let s = Sandbox::new();
    let a = s.file("a.jsonl", &lines(&[answer]));
    let b = s.file("b.jsonl", &lines(&[parent]));
    s.ok(&["import", a.to_str().unwrap()], t(NOW));
    let out = s.ok(&["import", b.to_str().unwrap()], t(NOW));
    assert!(out.contains("0 items need a reply"), "{out}");
    assert!(
        out.contains("1 own reply linked"),
        "the reply that waited is linked now: {out}"
    );
    results.push(s.list(t(NOW)));
    assert_eq!(results[0], results[1]);
    assert_eq!(results[0], results[2]);
    assert_eq!(results[0][0]["state"], "answered");
    assert_eq!(results[0][0]["first_reply_at"], "2026-11-01T13:00:00Z");
}

/// A header typed by hand names the same columns: with spaces after its
/// commas, or in a spreadsheet with capitals (told canonical without a
/// .csv name too); a column named twice in two cases is refused.
#[test]
fn a_csv_header_typed_by_hand_names_its_columns() {
    let s = Sandbox::new();
    for (name, header, id) in [
        (
            "spaced.csv",
            "platform, id, author , body, created_at, author_name",
            "u2",
        ),
        (
            "sheet.txt",
            "Platform,ID,Author,Body,Created_At,Author_Name",
            "u3",
        ),
    ] {
        let row = format!("forum,{id},ann,hello,2026-11-20T10:00:00Z,Ann A");
        let f = s.file(name, &format!("{header}\n{row}\n"));
        s.ok(&["import", f.to_str().unwrap()], t(NOW));
        let listed = s.list(t(NOW));
        let v = listed.iter().find(|v| v["id"] == id).expect(name);
        assert_eq!(
            (&v["author"], &v["body"], &v["author_name"]),
            (&json!("ann"), &json!("hello"), &json!("Ann A")),
            "{name}"
        );
    }
    let twice = s.file(
        "twice.csv",
        "platform,id,ID,author,body,created_at\nforum,u4,u5,bo,hey,2026-11-20T10:00:00Z\n",
    );
    let err = s.fails(&["import", twice.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("twice.csv:1: id: the header names this column twice"),
        "{err}"
    );
    // Two columns of a name ackbox does not read (a spreadsheet's own) are
    // let be, as other columns are.
    let notes = s.file(
        "notes.csv",
        "platform,id,author,body,created_at,notes,Notes\nforum,u6,bo,hey,2026-11-20T10:00:00Z,x,y\n",
    );
    assert_eq!(s.import_summary(&notes, t(NOW))["new"], 1);
}

/// A thread named by its link alone is the thread at that link; a title
/// alone names none in particular, and the file is refused at its line.
#[test]
fn a_thread_needs_an_id_or_a_link() {
    let s = Sandbox::new();
    let by_link = item(
        "x",
        "c1",
        "ann",
        "hi",
        "2026-11-01T10:00:00Z",
        json!({"thread_id": null, "thread_title": "Post one", "thread_url": "https://x.example/p/1"}),
    );
    let f = s.file("link.jsonl", &lines(&[by_link]));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let v = &s.list(t(NOW))[0];
    assert_eq!(
        (&v["thread_id"], &v["thread_title"]),
        (&json!("https://x.example/p/1"), &json!("Post one"))
    );
    let by_title = item(
        "x",
        "c2",
        "bo",
        "hey",
        "2026-11-01T11:00:00Z",
        json!({"thread_id": null, "thread_title": "Weekly thread", "thread_url": "  "}),
    );
    let f = s.file("title.jsonl", &lines(&[by_title]));
    let e = s.run(&["import", f.to_str().unwrap()], t(NOW)).unwrap_err();
    assert!(
        format!("{e:#}").contains("title.jsonl:1: thread_id: missing beside thread_title"),
        "{e:#}"
    );
    assert_eq!(s.list(t(NOW)).len(), 1);
    // A blank title (or one of invisible characters) names nothing: no
    // thread, and no error.
    let blank = item(
        "x",
        "c3",
        "cy",
        "yo",
        "2026-11-01T12:00:00Z",
        json!({"thread_id": null, "thread_title": " \u{200b}"}),
    );
    let f = s.file("blank.jsonl", &lines(&[blank]));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert_eq!(s.list(t(NOW)).len(), 2);
}

/// Replies listed before their parent (a replies file imported before the
/// pages) join its thread when it comes, however deep, in one file or two:
/// muting the thread then quiets them too.
#[test]
fn replies_before_their_parent_join_its_thread() {
    let threadless = json!({"thread_id": null, "thread_title": null});
    let with_parent = |p: &str| {
        let mut extra = threadless.clone();
        extra["parent_id"] = json!(p);
        extra
    };
    let replies = [
        item(
            "x",
            "q",
            "bo",
            "me too?",
            "2026-11-01T11:30:00Z",
            with_parent("p"),
        ),
        item(
            "x",
            "q2",
            "cy",
            "and me?",
            "2026-11-01T11:40:00Z",
            with_parent("q"),
        ),
    ];
    let parent = item("x", "p", "ann", "hi?", "2026-11-01T10:00:00Z", json!({}));
    let one_file = lines(&[replies[0].clone(), replies[1].clone(), parent.clone()]);
    for files in [vec![one_file], vec![lines(&replies), lines(&[parent])]] {
        let s = Sandbox::new();
        for (i, content) in files.iter().enumerate() {
            let f = s.file(&format!("{i}.jsonl"), content);
            s.ok(&["import", f.to_str().unwrap()], t(NOW));
        }
        for v in s.list(t(NOW)) {
            assert_eq!(v["thread_id"], "t1", "{v}");
            assert_eq!(v["thread_title"], "Launch post", "{v}");
        }
        let out = s.ok(&["mute", "x:t1"], t(NOW));
        assert!(out.contains("3 waiting items dismissed"), "{out}");
    }
}

/// However deep a chain listed child first, every reply joins the root's
/// thread, and a chain whose root is missing stays without one.
#[test]
fn a_deep_chain_listed_child_first_joins_its_roots_thread() {
    const DEPTH: usize = 300;
    let chain = |prefix: &str, root: Option<&str>| -> Vec<String> {
        let mut items: Vec<String> = (1..=DEPTH)
            .rev()
            .map(|n| {
                item(
                    "x",
                    &format!("{prefix}{n}"),
                    "bo",
                    "and?",
                    "2026-11-01T11:00:00Z",
                    json!({"thread_id": null, "thread_title": null,
                           "parent_id": format!("{prefix}{}", n - 1)}),
                )
            })
            .collect();
        if let Some(thread) = root {
            items.push(item(
                "x",
                &format!("{prefix}0"),
                "ann",
                "hi?",
                "2026-11-01T10:00:00Z",
                json!({"thread_id": thread, "thread_title": null}),
            ));
        }
        items
    };
    let mut all = chain("a", Some("t9"));
    all.extend(chain("o", None));
    let s = Sandbox::new();
    let f = s.file("deep.jsonl", &lines(&all));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let listed = s.list(t(NOW));
    assert_eq!(listed.len(), 2 * DEPTH + 1);
    for v in listed {
        let want = if v["id"].as_str().unwrap().starts_with('a') {
            json!("t9")
        } else {
            Value::Null
        };
        assert_eq!(v["thread_id"], want, "{v}");
    }
}

#[test]
fn own_handles_from_config_and_the_command_line() {
    let s = Sandbox::new();
    std::fs::write(
        s.config(),
        "[own]\nmastodon = [\"@Fernweh@coffee.social\"]\n",
    )
    .unwrap();
    let f = s.file(
        "m.jsonl",
        &lines(&[
            item(
                "mastodon",
                "1",
                "joe@x.social",
                "hello?",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            item(
                "mastodon",
                "2",
                "fernweh@coffee.social",
                "Hi Joe!",
                "2026-11-01T11:00:00Z",
                json!({"parent_id": "1"}),
            ),
            item(
                "github",
                "3",
                "ann",
                "bug report",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            item(
                "github",
                "4",
                "fernweh-coffee",
                "Thanks Ann, fixed",
                "2026-11-01T12:00:00Z",
                json!({"parent_id": "3"}),
            ),
        ]),
    );
    s.ok(
        &[
            "import",
            "--own",
            "github:fernweh-coffee",
            f.to_str().unwrap(),
        ],
        t(NOW),
    );
    let list = s.list(t(NOW));
    assert_eq!(list.len(), 2, "own replies are not incoming: {list:?}");
    assert!(list.iter().all(|v| v["state"] == "answered"));
    let replies = s.ok(&["replies", "--json"], t(NOW));
    assert_eq!(replies.lines().count(), 2);
    assert!(replies.contains("\"origin\":\"imported\""));
}

#[test]
fn changed_bodies_update_but_decisions_stay() {
    let s = Sandbox::new();
    let f = s.file(
        "a.jsonl",
        &lines(&[item(
            "youtube",
            "c1",
            "joe",
            "first version",
            "2026-11-01T10:00:00Z",
            json!({}),
        )]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    s.ok(
        &["mark", "youtube:c1", "dismissed", "--reason", "spam"],
        t(NOW),
    );
    let g = s.file(
        "b.jsonl",
        &lines(&[item(
            "youtube",
            "c1",
            "joe",
            "edited version",
            "2026-11-01T10:00:00Z",
            json!({}),
        )]),
    );
    let out = s.ok(&["import", g.to_str().unwrap()], t(NOW));
    assert!(out.contains("1 updated"), "{out}");
    let v = &s.list(t(NOW))[0];
    assert_eq!(
        (
            v["body"].as_str(),
            v["state"].as_str(),
            v["dismiss_reason"].as_str()
        ),
        (Some("edited version"), Some("dismissed"), Some("spam"))
    );
    // A later own reply does not override the dismissal either.
    let h = s.file(
        "c.jsonl",
        &lines(&[reply("youtube", "r1", "c1", "ok", "2026-11-02T10:00:00Z")]),
    );
    s.ok(&["import", h.to_str().unwrap()], t(NOW));
    assert_eq!(s.state_of("youtube", "c1", t(NOW)), "dismissed");
}

#[test]
fn new_activity_after_an_answer_or_dismissal_needs_a_reply_again() {
    let s = Sandbox::new();
    let f = s.file(
        "a.jsonl",
        &lines(&[
            item(
                "youtube",
                "c1",
                "joe",
                "Love it",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            reply("youtube", "r1", "c1", "Thanks Joe!", "2026-11-01T11:00:00Z"),
            item(
                "youtube",
                "c2",
                "ann",
                "f4f?",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    s.ok(
        &["mark", "youtube:c2", "dismissed", "--reason", "bait"],
        t(NOW),
    );
    let g = s.file(
        "b.jsonl",
        &lines(&[
            item(
                "youtube",
                "c3",
                "joe",
                "One more question: which grinder?",
                "2026-11-03T10:00:00Z",
                json!({"parent_id": "r1"}),
            ),
            item(
                "youtube",
                "c4",
                "ann",
                "Actually, do you ship to Chile?",
                "2026-11-03T10:00:00Z",
                json!({}),
            ),
        ]),
    );
    let out = s.ok(&["import", g.to_str().unwrap()], t(NOW));
    assert!(out.contains("2 items need a reply"), "{out}");
    assert_eq!(s.state_of("youtube", "c1", t(NOW)), "answered");
    assert_eq!(s.state_of("youtube", "c2", t(NOW)), "dismissed");
    assert_eq!(s.state_of("youtube", "c3", t(NOW)), "needs-reply");
    assert_eq!(s.state_of("youtube", "c4", t(NOW)), "needs-reply");
}

#[test]
fn a_muted_thread_stays_quiet() {
    let s = Sandbox::new();
    let f = s.file(
        "a.jsonl",
        &lines(&[item(
            "reddit",
            "a1",
            "x",
            "flamewar",
            "2026-11-01T10:00:00Z",
            json!({"thread_id": "hot"}),
        )]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert!(
        s.ok(&["mute", "reddit:hot"], t(NOW))
            .contains("1 waiting item dismissed")
    );
    let g = s.file(
        "b.jsonl",
        &lines(&[
            item(
                "reddit",
                "a2",
                "y",
                "more flames",
                "2026-11-02T10:00:00Z",
                json!({"thread_id": "hot"}),
            ),
            item(
                "reddit",
                "b1",
                "z",
                "elsewhere",
                "2026-11-02T10:00:00Z",
                json!({"thread_id": "calm"}),
            ),
        ]),
    );
    s.ok(&["import", g.to_str().unwrap()], t(NOW));
    let list = s.list(t(NOW));
    let state = |id: &str| {
        list.iter()
            .find(|v| v["id"] == id)
            .map(|v| (v["state"].clone(), v["dismiss_reason"].clone()))
            .unwrap()
    };
    assert_eq!(state("a1"), (json!("dismissed"), json!("muted")));
    assert_eq!(state("a2"), (json!("dismissed"), json!("muted")));
    assert_eq!(state("b1"), (json!("needs-reply"), json!(null)));
    assert!(s.run(&["mute", "reddit:nope"], t(NOW)).is_err());
    // What arrives is dismissed as of when it was written on the platform
    // (as an answer is dated by its reply), but never before the mute: a2,
    // written before it and imported after, is dismissed by the mute.
    let later = "2026-11-22T12:00:00Z";
    let h = s.file(
        "c.jsonl",
        &lines(&[item(
            "reddit",
            "a3",
            "y",
            "still flaming",
            "2026-11-21T09:00:00Z",
            json!({"thread_id": "hot"}),
        )]),
    );
    s.ok(&["import", h.to_str().unwrap()], t(later));
    let exported: Vec<Value> = (s.ok(&["export"], t(later)).lines())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let dismissed_at = |id: &str| {
        exported
            .iter()
            .find(|v| v["id"] == id)
            .map(|v| v["state_changed_at"].clone())
            .unwrap()
    };
    assert_eq!(dismissed_at("a2"), json!(NOW));
    assert_eq!(dismissed_at("a3"), json!("2026-11-21T09:00:00Z"));
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let s = Sandbox::new();
    let f = s.file("c.jsonl", &thousand_lines(None));
    // Into a database not made yet: none is made.
    let out = s.ok(&["import", "--dry-run", f.to_str().unwrap()], t(NOW));
    assert!(out.contains("1000 new"), "{out}");
    assert!(!s.db().exists());
    let nothing = s.file("nothing.jsonl", "");
    s.ok(&["import", nothing.to_str().unwrap()], t(NOW)); // creates the database
    let before = bytes(&s.db());
    let out = s.ok(&["import", "--dry-run", f.to_str().unwrap()], t(NOW));
    assert!(
        out.starts_with("dry run, nothing written") && out.contains("1000 new"),
        "{out}"
    );
    assert_eq!(bytes(&s.db()), before);
    // Nor does it judge the inbox again under changed analysis settings.
    std::fs::write(s.config(), "[analysis.weights]\nquestion = 31\n").unwrap();
    s.ok(&["import", "--dry-run", f.to_str().unwrap()], t(NOW));
    assert_eq!(bytes(&s.db()), before);
    assert!(s.list(t(NOW)).is_empty());
}

#[test]
fn hostile_text_is_neutralised_on_import_and_output() {
    let s = Sandbox::new();
    let body = "hi\u{1b}[2J\u{1b}]52;c;aGVsbG8=\u{7}there \u{1b}]8;;http://evil\u{1b}\\click\u{1b}]8;;\u{1b}\\ \u{202e}evil\u{202c} \u{9b}31m\u{0}\u{8}";
    let f = s.file(
        "h.jsonl",
        &lines(&[item(
            "x",
            "1",
            "bad\u{1b}[31mguy",
            body,
            "2026-11-01T10:00:00Z",
            json!({"author_name": "\u{7}Eve\u{202e}", "thread_title": "T\u{1b}]0;pwned\u{7}itle"}),
        )]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    for args in [
        vec!["list", "--json", "--state", "all"],
        vec!["list", "--state", "all"],
        vec!["list", "--csv", "--state", "all"],
        vec!["export"],
    ] {
        let out = s.ok(&args, t(NOW));
        for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}', '\u{0}', '\u{8}'] {
            assert!(!out.contains(bad), "{args:?} printed {bad:?}: {out}");
        }
        assert!(out.contains("click") && out.contains("there"), "{out}");
    }
    let v = &s.list(t(NOW))[0];
    // A handle keeps what would make it another's, written as its code.
    assert_eq!(v["author"], "bad\\u{1b}[31mguy");
    assert_eq!(v["author_name"], "Eve");
    assert_eq!(v["thread_title"], "Title");
}

#[test]
fn an_exports_action_names_and_notes_are_cleaned_like_the_rest() {
    let s = Sandbox::new();
    let f = s.file(
        "saved.jsonl",
        &lines(&[item(
            "youtube",
            "k1",
            "@k",
            "hi",
            "2026-11-01T10:00:00Z",
            json!({
                "state": "dismissed", "dismiss_reason": "spam", "author_vip": true,
                "state_changed_at": "2026-11-10T14:23:11Z",
                "log": [{"action": 5, "actor": "user", "at": "2026-11-10T14:23:11Z",
                         "from": "needs-reply", "to": "dismissed", "reason": "spam",
                         "kind": "\u{1b}]0;PWNED\u{7}\u{1b}[2Jdismissed\u{202e}"}],
                "author_actions": [{"action": 6, "at": "2026-11-10T14:24:11Z",
                                    "kind": "\u{1b}[2Jvip\u{1b}]0;X\u{7}",
                                    "vip_before": false, "note_before": "\u{1b}[31mold"}],
            }),
        )]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let undone = [s.ok(&["undo"], t(NOW)), s.ok(&["undo"], t(NOW))].concat();
    assert!(
        undone.contains("undone: vip") && undone.contains("undone: dismissed"),
        "{undone}"
    );
    let export = s.ok(&["export"], t(NOW));
    for out in [&undone, &export] {
        for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!out.contains(bad), "printed {bad:?}: {out}");
        }
        assert!(!out.contains("\\u001b"), "{out}");
    }
    assert!(export.contains("\"author_note\":\"old\""), "{export}");
}

/// An export's comment waiting, not by the user's decision, is answered
/// by an own reply stored before it, as a comment with no state is (and as
/// it is when the reply comes after it).
#[test]
fn an_exported_comment_waiting_is_answered_by_a_reply_stored_before_it() {
    let reply = r#"{"platform":"forum","id":"r1","parent_id":"c1","thread_id":"t1","author":"me","body":"Ann, a fine grind","created_at":"2026-11-01T12:00:00Z","own":true}"#;
    let exported = |decided: bool| {
        format!(
            r#"{{"author":"ann","body":"How do you grind?","created_at":"2026-11-01T10:00:00Z","decided":{decided},"id":"c1","kind":"comment","own":false,"platform":"forum","state":"needs-reply","thread_id":"t1"}}"#
        )
    };
    for (decided, state) in [(false, "answered"), (true, "needs-reply")] {
        let s = Sandbox::new();
        s.ok(
            &["import", s.file("r.jsonl", reply).to_str().unwrap()],
            t(NOW),
        );
        let f = s.file("c.jsonl", &exported(decided));
        s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert_eq!(
            s.state_of("forum", "c1", t(NOW)),
            state,
            "decided: {decided}"
        );
        assert_rollups_match_items(&s);
    }
}

/// A stored comment named again by a line that names its thread by its
/// link alone stays in its thread (the same one, at that link), title and
/// all, and so under its mute.
#[test]
fn a_comment_named_again_with_its_threads_link_alone_stays_in_its_thread() {
    let s = Sandbox::new();
    let link = "https://blog.example.com/2026/10/07/meet-konga/";
    let first = format!(
        r#"{{"platform":"wordpress","id":"1186","thread_id":"412","thread_title":"Meet Konga","thread_url":"{link}","author":"Henrik","body":"Lovely","created_at":"2026-10-07T10:02:22Z"}}"#
    );
    s.ok(
        &["import", s.file("a.jsonl", &first).to_str().unwrap()],
        t(NOW),
    );
    let again = format!(
        r#"{{"platform":"wordpress","id":"1186","thread_url":"{link}","author":"Henrik","body":"Lovely (edited)","created_at":"2026-10-07T10:02:22Z"}}"#
    );
    let got = s.import_summary(&s.file("b.jsonl", &again), t(NOW));
    assert_eq!(got["updated"], 1, "{got}");
    let v = s.listed("1186", t(NOW));
    assert_eq!(
        (
            v["thread_id"].as_str(),
            v["thread_title"].as_str(),
            v["body"].as_str()
        ),
        (Some("412"), Some("Meet Konga"), Some("Lovely (edited)")),
        "{v}"
    );
    // Twice in one file, so too.
    let twice = [again.clone(), again.replace("(edited)", "(edited twice)")].join("\n");
    s.ok(
        &["import", s.file("c.jsonl", &twice).to_str().unwrap()],
        t(NOW),
    );
    let v = s.listed("1186", t(NOW));
    assert_eq!(
        (v["thread_id"].as_str(), v["body"].as_str()),
        (Some("412"), Some("Lovely (edited twice)")),
        "{v}"
    );
}

/// An export's line of a comment dismissed as spam by its log's `action`.
fn dismissed_as_spam_by(action: Value) -> String {
    item(
        "youtube",
        "k1",
        "@k",
        "hi",
        "2026-11-01T10:00:00Z",
        json!({
            "state": "dismissed", "dismiss_reason": "spam",
            "state_changed_at": "2026-11-10T14:23:11Z",
            "log": [{"action": action, "actor": "user", "at": "2026-11-10T14:23:11Z",
                     "from": "needs-reply", "to": "dismissed", "reason": "spam"}],
        }),
    )
}

/// An export numbers its actions from 1 as they come, whatever their ids:
/// a database whose actions came with the largest number an import takes
/// (and more after them) exports a file that imports again, undo in order.
#[test]
fn an_export_numbers_its_actions_as_they_come() {
    let s = Sandbox::new();
    let saved = dismissed_as_spam_by(json!(4294967295_i64));
    let other = item(
        "youtube",
        "k2",
        "@j",
        "hello",
        "2026-11-02T10:00:00Z",
        json!({}),
    );
    let f = s.file("saved.jsonl", &lines(&[saved, other]));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    s.ok(&["mark", "youtube:k2", "answered"], t(NOW));
    let export = s.ok(&["export"], t(NOW));
    assert!(!export.contains("4294967295"), "{export}");
    let again = Sandbox::new();
    let f = again.file("export.jsonl", &export);
    again.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert!(again.ok(&["undo"], t(NOW)).contains("answered"));
    assert!(again.ok(&["undo"], t(NOW)).contains("dismissed"));
}

/// An export numbers its actions from 1: a log edited by hand to action 0
/// (which would join the user's last action, one undo taking back both)
/// or to one past the largest number is refused, nothing written.
#[test]
fn an_exports_action_numbers_start_at_one() {
    let s = Sandbox::new();
    let first = s.file(
        "c.jsonl",
        &lines(&[item(
            "youtube",
            "c1",
            "@c",
            "hi",
            "2026-11-01T10:00:00Z",
            json!({}),
        )]),
    );
    s.ok(&["import", first.to_str().unwrap()], t(NOW));
    s.ok(&["mark", "youtube:c1", "dismissed"], t(NOW));
    let before = s.ok(&["export"], t(NOW));
    // (4294967295 itself, after the action stored here, would be past it.)
    for action in [json!(0), json!(-3), json!(4294967295_i64), json!(i64::MAX)] {
        let f = s.file(
            "saved.jsonl",
            &lines(&[dismissed_as_spam_by(action.clone())]),
        );
        let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
        assert!(
            err.contains(&format!(
                "action {action} in the log: an export numbers its actions from 1 (to \
                 4294967295 at the most)"
            )),
            "{err}"
        );
        assert_eq!(s.ok(&["export"], t(NOW)), before);
    }
}

#[test]
fn text_is_normalised_to_nfc() {
    let s = Sandbox::new();
    let f = s.file(
        "n.jsonl",
        &lines(&[item(
            "x",
            "1",
            "lea",
            "Cafe\u{301} cre\u{300}me",
            "2026-11-01T10:00:00Z",
            json!({}),
        )]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert_eq!(s.list(t(NOW))[0]["body"], "Café crème");
}

/// What `ackbox import ARGS` prints, `stdin` piped in; it succeeds.
fn import_piped(s: &Sandbox, args: &[&str], stdin: String) -> String {
    let out = assert_cmd::Command::cargo_bin("ackbox")
        .unwrap()
        .args(["--db", s.db().to_str().unwrap(), "import"])
        .args(args)
        .env("ACKBOX_CONFIG", s.config())
        .write_stdin(stdin)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

/// A platform under another name than its importer's (`twitter` for `x`)
/// is said to be two items of one comment, not renamed: items may be
/// stored under it already.
#[test]
fn a_platforms_other_name_is_noted_and_kept() {
    let s = Sandbox::new();
    let tweet = |platform: &str| {
        item(
            platform,
            "1866",
            "ann",
            "hi",
            "2026-11-01T10:00:00Z",
            json!({}),
        )
    };
    let f = s.file("t.jsonl", &lines(&[tweet("twitter"), tweet("yt")]));
    let out = assert_cmd::Command::cargo_bin("ackbox")
        .unwrap()
        .args(["--db", s.db().to_str().unwrap(), "import"])
        .arg(&f)
        .env("ACKBOX_CONFIG", s.config())
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    for said in [
        "ackbox: note: twitter: ackbox's X importer stores tweets as x; items of one tweet \
         under both are two (write x in the platform column)",
        "ackbox: note: yt: ackbox's YouTube importer stores comments as youtube; items of one \
         comment under both are two (write youtube in the platform column)",
    ] {
        assert!(stderr.contains(said), "{stderr}");
    }
    let listed: Vec<_> = (s.list(t(NOW)).iter())
        .map(|v| v["platform"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed.len(), 2);
    assert!(listed.contains(&"twitter".to_owned()) && listed.contains(&"yt".to_owned()));
    // The platform's own name says nothing.
    let x = s.file("x.jsonl", &lines(&[tweet("x")]));
    let out = assert_cmd::Command::cargo_bin("ackbox")
        .unwrap()
        .args(["--db", s.db().to_str().unwrap(), "import"])
        .arg(&x)
        .env("ACKBOX_CONFIG", s.config())
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(!stderr.contains("importer stores"), "{stderr}");
}

#[test]
fn stdin_is_read_with_a_dash() {
    let s = Sandbox::new();
    let content = lines(&[item(
        "x",
        "1",
        "a",
        "from a pipe",
        "2026-11-01T10:00:00Z",
        json!({}),
    )]);
    let text = import_piped(&s, &["-"], content);
    assert!(text.contains("<stdin> (canonical): 1 new"), "{text}");
    // A script reading the JSON finds it by the name it gave, as its errors do.
    let out = import_piped(&s, &["--json", "-"], String::new());
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["file"], "-");
}

/// A spreadsheet's CSV is told by its header, whatever the file is called
/// or piped in: the header typed as people do, Excel's `sep=` line, a
/// classic Mac's line ends, and the separators it is not saved with.
#[test]
fn a_spreadsheets_csv_is_told_by_its_content_not_its_name() {
    let s = Sandbox::new();
    let row = "x,c1,ann,hello there,2026-11-01T10:00:00Z";
    for (i, content) in [
        format!("Platform,ID,Author,Body,Created At\n{row}\n"),
        format!("sep=,\nplatform,id,author,body,created_at\n{row}\n"),
        format!("platform,id,author,body,created_at\r{row}\r"),
    ]
    .iter()
    .enumerate()
    {
        let f = s.file(&format!("sheet{i}.txt"), content);
        let out = s.ok(&["import", "--dry-run", f.to_str().unwrap()], t(NOW));
        assert!(out.contains("(canonical): 1 new"), "{content:?}: {out}");
    }
    let sheet = format!("Platform, ID, Author, Body, Created At\r\n{row}\r\n");
    let text = import_piped(&s, &["-"], sheet);
    assert!(text.contains("<stdin> (canonical): 1 new"), "{text}");
    for (header, said) in [
        ("Platform;ID;Author;Body;Created At", "';'"),
        ("platform\tid\tauthor\tbody\tcreated_at", "tabs"),
        (
            "sep=;\nplatform;id;author;body;created_at",
            "\";\" (its first line says so)",
        ),
        (
            "sep=|\nplatform|id|author|body|created_at",
            "\"|\" (its first line says so)",
        ),
    ] {
        let f = s.file("sheet.tsv", &format!("{header}\n"));
        let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
        assert!(
            err.contains(&format!("the columns are separated by {said}")),
            "{header:?}: {err}"
        );
    }
    // Columns of other names: what it lacks is said.
    let f = s.file("sheet.txt", "Platform,ID,Author,Comment,Date\nx,1,a,b,c\n");
    let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
    assert!(err.contains("lacks body, created_at"), "{err}");
}

#[test]
fn a_first_line_longer_than_the_detection_window_is_still_recognised() {
    let s = Sandbox::new();
    // The second is longer than the whole window, its keys in alphabetical
    // order (as `item` and an export write them): the body before `platform`.
    for (id, repeat) in [("1", 5_000), ("2", 60_000)] {
        let long = "A very long comment. ".repeat(repeat);
        let line = item("x", id, "a", &long, "2026-11-01T10:00:00Z", json!({}));
        let f = s.file("long.jsonl", &lines(&[line]));
        let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert!(out.contains("1 new"), "{out}");
        assert_eq!(
            s.listed(id, t(NOW))["body"].as_str().map(str::len),
            Some(long.len())
        );
    }
    // An export of them, into an empty database again.
    let export = s.file("export.jsonl", &s.ok(&["export"], t(NOW)));
    let again = Sandbox::new();
    let out = again.ok(&["import", export.to_str().unwrap()], t(NOW));
    assert!(out.contains("(canonical): 2 new"), "{out}");
}

#[test]
fn links_come_back_exactly_as_imported_whatever_their_shape() {
    let s = Sandbox::new();
    let links = [
        (
            "UgxEp4XmiXYM",
            "https://www.youtube.com/watch?v=DZaPHq5jWot&lc=UgxEp4XmiXYM",
        ),
        (
            "UgzQ81abcdef",
            "https://www.youtube.com/watch?v=DZaPHq5jWot&lc=UgzQ81abcdef",
        ),
        ("k2", "https://www.youtube.com/watch?v=DZaPHq5jWot&lc=k2"),
        ("nolink9", "https://example.com/somewhere-else"),
        ("DZaPHq5jWot", "https://www.youtube.com/watch?v=DZaPHq5jWot"),
    ];
    let file = |name: &str, suffix: &str| {
        let records: Vec<String> = links
            .iter()
            .map(|(id, url)| {
                item(
                    "youtube",
                    id,
                    "joe",
                    "a comment",
                    "2026-11-19T10:00:00Z",
                    json!({ "thread_id": "DZaPHq5jWot", "url": format!("{url}{suffix}") }),
                )
            })
            .collect();
        s.file(name, &lines(&records))
    };
    let f = file("links.jsonl", "");
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let again = s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert!(again.contains("0 updated, 5 unchanged"), "{again}");
    for v in s.list(t(NOW)) {
        let id = v["id"].as_str().unwrap();
        let (_, url) = links.iter().find(|(i, _)| *i == id).unwrap();
        assert_eq!(v["url"].as_str(), Some(*url), "{id}");
    }
    // A link that changed is told from the stored one, kept by its form
    // or as written.
    let moved = file("moved.jsonl", "&t=1");
    let out = s.ok(&["import", moved.to_str().unwrap()], t(NOW));
    assert!(out.contains("5 updated"), "{out}");
    for v in s.list(t(NOW)) {
        let url = v["url"].as_str().unwrap();
        assert!(url.ends_with("&t=1"), "{url}");
    }
}

/// Into a database with items, new items are indexed for search at the end
/// of the import: one changed in the same session (possible through the
/// store's API) is found by the words it ends with only, and the index
/// stays whole.
#[test]
fn new_items_are_indexed_at_the_end_and_the_index_stays_whole() {
    use ackbox::model::Record;
    use ackbox::store::Store;
    use ackbox::store::query::Filter;
    use ackbox::store::view::Query;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("a.db");
    let at = t("2026-03-01T00:00:00Z");
    let mut store = Store::open(&path).expect("store");
    let record = |id: &str, body: &str| Record::new("youtube", id, "joe", body, at);
    let mut first = store.begin_import(at).expect("import");
    first
        .add(&record("x1", "alpha words"), false, None)
        .expect("add");
    first.finish(true).expect("finish");
    let mut second = store.begin_import(at).expect("import");
    for (id, body) in [
        ("x2", "bravo words"),
        ("x2", "charlie words"),
        ("x3", "delta words"),
        ("x1", "echo words"),
    ] {
        second.add(&record(id, body), false, None).expect("add");
    }
    second.finish(true).expect("finish");
    let count = |text: &str| {
        store
            .count_matching(&Query {
                filter: Filter {
                    search: Some(text.into()),
                    ..Filter::default()
                },
                ..Query::default()
            })
            .expect("count")
    };
    for (word, n) in [
        ("alpha", 0),
        ("bravo", 0),
        ("charlie", 1),
        ("delta", 1),
        ("echo", 1),
        ("words", 3),
    ] {
        assert_eq!(count(word), n, "{word}");
    }
    drop(store);
    common::assert_indexes_match(&path);
    let conn = rusqlite::Connection::open(&path).expect("open");
    let trigger: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'items_fts_insert'",
            [],
            |r| r.get(0),
        )
        .expect("schema");
    assert_eq!(trigger, 1, "the insert trigger is back");
}

/// A first import sets the threads' full-text triggers aside and indexes
/// the titles once at the end: they are found, and the index is whole.
#[test]
fn a_first_import_indexes_thread_titles() {
    let s = Sandbox::new();
    let f = s.file(
        "c.jsonl",
        &lines(&[
            item(
                "youtube",
                "a",
                "ann",
                "hello",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            item(
                "youtube",
                "b",
                "bob",
                "hi",
                "2026-11-01T11:00:00Z",
                json!({"thread_id": "t2", "thread_title": "Autumn roastery tour"}),
            ),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let found = |text: &str| -> Vec<String> {
        s.ok(
            &["list", "--json", "--state", "all", "--search", text],
            t(NOW),
        )
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
    };
    assert_eq!(found("launch"), vec!["a"]);
    assert_eq!(found("roaster"), vec!["b"]);
    common::assert_indexes_match(&s.db());
}

#[test]
fn an_identity_learned_later_turns_stored_items_into_own_replies() {
    let s = Sandbox::new();
    let f = s.file(
        "r.jsonl",
        &lines(&[
            item(
                "reddit",
                "q1",
                "maria",
                "Is the grinder back in stock?",
                "2026-11-01T10:00:00Z",
                json!({"thread_id": "t1"}),
            ),
            item(
                "reddit",
                "a1",
                "fernweh",
                "Maria, it is back since Monday!",
                "2026-11-01T12:00:00Z",
                json!({"parent_id": "q1", "thread_id": "t1"}),
            ),
        ]),
    );
    let path = f.to_str().unwrap();
    s.ok(&["import", path], t(NOW));
    // Not known as the owner yet: both wait for a reply, and the user acts on one.
    assert_eq!(s.list(t(NOW)).len(), 2);
    s.ok(&["mark", "reddit:a1", "dismissed"], t(NOW));
    let out = s.ok(&["import", "--own", "reddit:fernweh", path], t(NOW));
    assert!(
        out.contains("1 updated") && out.contains("1 own reply linked"),
        "{out}"
    );
    let list = s.list(t(NOW));
    assert_eq!(list.len(), 1, "the reply is no longer incoming: {list:?}");
    assert_eq!(list[0]["state"], "answered");
    assert_eq!(list[0]["first_reply_at"], "2026-11-01T12:00:00Z");
    let replies = s.ok(&["replies", "--json"], t(NOW));
    assert!(replies.contains("\"id\":\"a1\"") && replies.contains("\"verdict\":\"personal\""));
    let stats = s.stats("all", t(NOW));
    assert_eq!(stats["incoming"], 1, "{stats}");
    // Once known, it stays so; the dismissal went with the incoming item,
    // and from the undo history: an undo would take back nothing.
    let out = s.ok(&["import", "--own", "reddit:fernweh", path], t(NOW));
    assert!(out.contains("0 updated, 2 unchanged"), "{out}");
    let err = s.fails(&["undo"], t(NOW));
    assert!(err.contains("nothing to undo"), "{err}");
    assert_eq!(s.list(t(NOW)).len(), 1);
}

#[test]
fn a_source_that_knows_less_keeps_what_is_stored() {
    let s = Sandbox::new();
    let full = s.file(
        "threads.jsonl",
        &lines(&[
            item(
                "youtube",
                "c1",
                "joe",
                "Love the roast!",
                "2026-11-01T10:00:00Z",
                json!({"thread_id": "v1", "thread_title": "Roast day", "author_name": "Joe R",
                       "url": "https://www.youtube.com/watch?v=v1&lc=c1"}),
            ),
            item(
                "youtube",
                "c1.r1",
                "ann",
                "Same here",
                "2026-11-01T11:00:00Z",
                json!({"parent_id": "c1", "thread_id": "v1", "thread_title": "Roast day"}),
            ),
        ]),
    );
    s.ok(&["import", full.to_str().unwrap()], t(NOW));
    let before = s.list(t(NOW));
    // The same comment and a new reply from a source without the video.
    let less = s.file(
        "replies.jsonl",
        &lines(&[
            item(
                "youtube",
                "c1",
                "joe",
                "Love the roast!",
                "2026-11-01T10:00:00Z",
                json!({"thread_id": null, "thread_title": null}),
            ),
            item(
                "youtube",
                "c1.r2",
                "kim",
                "Which beans?",
                "2026-11-01T12:00:00Z",
                json!({"parent_id": "c1", "thread_id": null, "thread_title": null}),
            ),
        ]),
    );
    let out = s.ok(&["import", less.to_str().unwrap()], t(NOW));
    assert!(out.contains("1 new, 0 updated, 1 unchanged"), "{out}");
    let after = s.list(t(NOW));
    let c1 = |l: &[serde_json::Value]| l.iter().find(|v| v["id"] == "c1").unwrap().clone();
    assert_eq!(c1(&before), c1(&after));
    assert_eq!(
        c1(&after)["url"],
        "https://www.youtube.com/watch?v=v1&lc=c1"
    );
    let r2 = after.iter().find(|v| v["id"] == "c1.r2").unwrap();
    assert_eq!(r2["thread_id"], "v1", "a reply joins its parent's thread");
    assert_eq!(r2["thread_title"], "Roast day");
}

#[test]
fn a_stored_parent_is_not_replaced_by_one_that_leads_nowhere() {
    let s = Sandbox::new();
    let api = s.file(
        "api.jsonl",
        &lines(&[
            item(
                "mastodon",
                "900",
                "kim@x.social",
                "Open on Sunday?",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            reply(
                "mastodon",
                "901",
                "900",
                "Kim, yes from 10!",
                "2026-11-01T11:00:00Z",
            ),
        ]),
    );
    s.ok(&["import", api.to_str().unwrap()], t(NOW));
    // An archive names the parent by its remote address, which is not stored.
    let archive = s.file(
        "archive.jsonl",
        &lines(&[reply(
            "mastodon",
            "901",
            "https://x.social/users/kim/statuses/77",
            "Kim, yes from 10!",
            "2026-11-01T11:00:00Z",
        )]),
    );
    let out = s.ok(&["import", archive.to_str().unwrap()], t(NOW));
    assert!(out.contains("0 updated, 1 unchanged"), "{out}");
    assert_eq!(s.state_of("mastodon", "900", t(NOW)), "answered");
    // A parent that is stored does replace it.
    let moved = s.file(
        "moved.jsonl",
        &lines(&[
            item(
                "mastodon",
                "902",
                "kim@x.social",
                "And Monday?",
                "2026-11-01T10:30:00Z",
                json!({}),
            ),
            reply(
                "mastodon",
                "901",
                "902",
                "Kim, yes from 10!",
                "2026-11-01T11:00:00Z",
            ),
        ]),
    );
    let out = s.ok(&["import", moved.to_str().unwrap()], t(NOW));
    assert!(out.contains("1 new, 1 updated"), "{out}");
    // The item it left has no reply now: it waits again, as a fresh import
    // of the same rows would have it.
    assert_eq!(s.state_of("mastodon", "900", t(NOW)), "needs-reply");
    assert_eq!(s.state_of("mastodon", "902", t(NOW)), "answered");
    let stats = s.stats("all", t(NOW));
    assert_eq!(
        (&stats["answered"], &stats["needs_reply"]),
        (&json!(1), &json!(1))
    );
    assert_eq!(stats["time_to_first_reply"]["answered"], 1, "{stats}");
}

/// An own reply a later file gives the comment above the reply it
/// answered moves there (it stayed on the reply below, where a mention
/// would have put it: this platform's replies name whom they answer).
#[test]
fn a_reply_moved_up_to_the_comment_above_moves_its_answer() {
    let s = Sandbox::new();
    let c1 = item(
        "forum",
        "c1",
        "alice",
        "the grinder broke",
        "2026-11-01T10:00:00Z",
        json!({}),
    );
    let c2 = item(
        "forum",
        "c2",
        "bob",
        "mine too",
        "2026-11-02T10:00:00Z",
        json!({"parent_id": "c1"}),
    );
    let to = |parent: &str, body: &str| reply("forum", "r1", parent, body, "2026-11-03T12:00:00Z");
    let first = s.file("a.jsonl", &lines(&[c1, c2, to("c2", "Thanks Bob, noted")]));
    s.ok(&["import", first.to_str().unwrap()], t(NOW));
    let moved = s.file("b.jsonl", &lines(&[to("c1", "Thanks Alice, noted")]));
    s.ok(&["import", moved.to_str().unwrap()], t(NOW));
    assert_eq!(s.state_of("forum", "c1", t(NOW)), "answered");
    assert_eq!(s.state_of("forum", "c2", t(NOW)), "needs-reply");
}

/// An own reply a later file moves onto an item the user snoozed answers
/// it, as a new reply would: the snooze was decided without it there.
#[test]
fn a_reply_moved_onto_a_snoozed_item_answers_it() {
    let s = Sandbox::new();
    import_rows(
        &s,
        &[
            kims("forum", "a"),
            kims("forum", "b"),
            kims_answer("forum", "b"),
        ],
    );
    s.ok(&["snooze", "forum:a", "3d"], t(NOW));
    import_rows(&s, &[kims_answer("forum", "a")]);
    assert_eq!(s.state_of("forum", "a", t(NOW)), "answered");
    assert_eq!(s.state_of("forum", "b", t(NOW)), "needs-reply");
    // Moved in time only, under the item it answered: a decision the user
    // took with it there stands (see `a_reply_moved_in_time…`).
    s.ok(&["mark", "forum:a", "needs-reply"], t(NOW));
    import_rows(
        &s,
        &[reply(
            "forum",
            "r",
            "a",
            "Kim, yes!",
            "2026-11-10T12:00:00Z",
        )],
    );
    assert_eq!(s.state_of("forum", "a", t(NOW)), "needs-reply");
}

/// An item the user put back in the queue over the reply that answered it
/// stays put back when a later file moves that reply away and another
/// brings it back: the decision was taken with it there.
#[test]
fn a_reply_moved_back_onto_an_item_put_back_leaves_it_waiting() {
    let s = Sandbox::new();
    import_rows(
        &s,
        &[
            kims("forum", "a"),
            kims("forum", "b"),
            kims_answer("forum", "a"),
        ],
    );
    s.ok(&["mark", "forum:a", "needs-reply"], t(NOW));
    for parent in ["b", "a"] {
        import_rows(&s, &[kims_answer("forum", parent)]);
    }
    assert_eq!(s.state_of("forum", "a", t(NOW)), "needs-reply");
    assert_eq!(s.state_of("forum", "b", t(NOW)), "needs-reply");
}

/// A reply that answered an item the user snoozed, or put back, and then
/// moves away leaves it as it was before: snoozed till then, or waiting
/// by the user's decision.
#[test]
fn a_reply_moved_away_brings_back_the_snooze_it_replaced() {
    let s = Sandbox::new();
    import_rows(
        &s,
        &[kims("forum", "a"), kims("forum", "b"), kims("forum", "c")],
    );
    s.ok(&["snooze", "forum:a", "3d"], t(NOW));
    let until = s.listed("a", t(NOW))["snoozed_until"].clone();
    for parent in ["a", "b"] {
        import_rows(&s, &[kims_answer("forum", parent)]);
    }
    assert_eq!(s.state_of("forum", "a", t(NOW)), "snoozed");
    assert_eq!(s.listed("a", t(NOW))["snoozed_until"], until);
    assert_eq!(s.state_of("forum", "b", t(NOW)), "answered");
}

/// Two items from kim; the user marks the first as `decision`, then a later
/// file moves the own reply that answered it to the second.
fn reply_moved_after(decision: &str) -> Sandbox {
    let s = Sandbox::new();
    import_rows(&s, &[kims("x", "a"), kims("x", "b"), kims_answer("x", "a")]);
    s.ok(&["mark", "x:a", decision], t(NOW));
    import_rows(&s, &[kims_answer("x", "b")]);
    s
}

/// Kim's item `id` on `platform`, written on 2026-11-10 at 10:00.
fn kims(platform: &str, id: &str) -> String {
    item(platform, id, "kim", id, "2026-11-10T10:00:00Z", json!({}))
}

/// The own reply `r` on `platform` to `parent`, an hour after Kim's items.
fn kims_answer(platform: &str, parent: &str) -> String {
    reply(platform, "r", parent, "Kim, yes!", "2026-11-10T11:00:00Z")
}

/// Imports `rows` as a file of their own; the summary it prints.
fn import_rows(s: &Sandbox, rows: &[String]) -> String {
    let f = s.file("rows.jsonl", &lines(rows));
    s.ok(&["import", f.to_str().unwrap()], t(NOW))
}

/// An answered item of a muted thread whose only reply is withdrawn, or
/// moved to another item, stays out of the queue: dismissed as muted, as
/// what arrives there is; unmuted, it waits again.
#[test]
fn a_reply_gone_in_a_muted_thread_leaves_its_comment_dismissed() {
    use ackbox::store::{Store, import::Gone};
    for moved in [false, true] {
        let s = Sandbox::new();
        import_rows(&s, &[kims("forum", "a"), kims("forum", "b")]);
        import_rows(&s, &[kims_answer("forum", "a")]);
        s.ok(&["mute", "forum:t1"], t(NOW));
        assert_eq!(s.state_of("forum", "a", t(NOW)), "answered");
        if moved {
            import_rows(&s, &[kims_answer("forum", "b")]);
        } else {
            let mut store = Store::open(&s.db()).unwrap();
            let mut import = store.begin_import(t(NOW)).unwrap();
            let gone = Gone {
                platform: "forum".into(),
                id: "r".into(),
                place: None,
            };
            import.withdraw(&[gone]).unwrap();
            import.finish(true).unwrap();
        }
        let item = s.listed("a", t(NOW));
        assert_eq!(
            (&item["state"], &item["dismiss_reason"]),
            (&json!("dismissed"), &json!("muted")),
            "moved: {moved}"
        );
        assert_rollups_match_items(&s);
        s.ok(&["unmute", "forum:t1"], t(NOW));
        assert_eq!(s.state_of("forum", "a", t(NOW)), "needs-reply");
        assert_rollups_match_items(&s);
    }
}

/// A kind a file states corrects the stored one; a file that states none
/// leaves a mention a mention.
#[test]
fn a_stated_kind_corrects_the_stored_one() {
    let s = Sandbox::new();
    let with = |kind: Value| {
        let extra = if kind.is_null() {
            json!({})
        } else {
            json!({ "kind": kind })
        };
        lines(&[item(
            "x",
            "1",
            "kim",
            "hi @me",
            "2026-11-10T10:00:00Z",
            extra,
        )])
    };
    for (kind, summary, stored) in [
        (json!("mention"), "1 new", "mention"),
        (Value::Null, "1 unchanged", "mention"),
        (json!("comment"), "1 updated", "comment"),
        (Value::Null, "1 unchanged", "comment"),
    ] {
        let f = s.file("k.jsonl", &with(kind.clone()));
        let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert!(out.contains(summary), "{kind}: {out}");
        assert_eq!(s.listed("1", t(NOW))["kind"], stored, "{kind}");
    }
}

/// A reply that moves to another item takes away only what it gave: an
/// item the user marked answered stays answered.
#[test]
fn a_reply_moved_away_leaves_what_the_user_decided() {
    let s = reply_moved_after("answered");
    assert_eq!(s.state_of("x", "a", t(NOW)), "answered");
    assert_eq!(s.listed("a", t(NOW))["first_reply_at"], json!(null));
    assert_eq!(s.state_of("x", "b", t(NOW)), "answered");
}

/// Undoing a decision brings back what the replies say now: an item its
/// reply had answered, dismissed, then left by that reply, waits again.
#[test]
fn an_undo_after_a_reply_moved_away_leaves_the_item_waiting() {
    let s = reply_moved_after("dismissed");
    s.ok(&["undo"], t(NOW));
    assert_eq!(s.state_of("x", "a", t(NOW)), "needs-reply");
    let stats = s.stats("all", t(NOW));
    assert_eq!(
        (&stats["answered"], &stats["needs_reply"]),
        (&json!(1), &json!(1))
    );
}

/// A new item changed later in the same import is in the
/// full-text index before its words are taken out: with nothing else
/// indexed yet (only an own reply waiting for its parent), taking out words
/// never put in made SQLite call the index corrupt and the file could never
/// be imported.
#[test]
fn a_new_item_changed_in_the_same_import_keeps_the_index_whole() {
    let s = Sandbox::new();
    let waiting = s.file(
        "reply.jsonl",
        &lines(&[reply(
            "x",
            "r1",
            "p1",
            "Good question, Bob",
            "2026-11-01T15:00:00Z",
        )]),
    );
    s.ok(&["import", waiting.to_str().unwrap()], t(NOW));
    let question = |body: &str| item("x", "p1", "bob", body, "2026-11-01T14:00:00Z", json!({}));
    let pages = s.file(
        "pages.jsonl",
        &lines(&[
            question("a question?"),
            item(
                "x",
                "p2",
                "ann",
                "another",
                "2026-11-01T14:30:00Z",
                json!({}),
            ),
            question("a question? (edited)"),
        ]),
    );
    let out = s.ok(&["import", pages.to_str().unwrap()], t(NOW));
    assert!(out.contains("2 new"), "{out}");
    assert_eq!(s.state_of("x", "p1", t(NOW)), "answered");
    let found = s.ok(
        &["list", "--state", "all", "--search", "edited", "--json"],
        t(NOW),
    );
    assert_eq!(found.lines().count(), 1, "{found}");
    let gone = s.ok(
        &["list", "--state", "all", "--search", "question", "--json"],
        t(NOW),
    );
    assert_eq!(gone.lines().count(), 1, "one item, indexed once: {gone}");
    common::assert_indexes_match(&s.db());
}

/// A reply whose time a later file gives otherwise moves the first reply of
/// the item it answers, and so its time to first reply.
#[test]
fn a_reply_moved_in_time_moves_the_first_reply() {
    let s = Sandbox::new();
    let question = item("x", "q", "bob", "when?", "2026-11-10T10:00:00Z", json!({}));
    let at = |when: &str| {
        lines(&[
            question.clone(),
            reply("x", "r", "q", "Tomorrow, Bob", when),
        ])
    };
    let first = s.file("first.jsonl", &at("2026-11-12T10:00:00Z"));
    s.ok(&["import", first.to_str().unwrap()], t(NOW));
    let first_reply = |s: &Sandbox| s.listed("q", t(NOW))["first_reply_at"].clone();
    assert_eq!(first_reply(&s), "2026-11-12T10:00:00Z");
    let moved = s.file("moved.jsonl", &at("2026-11-10T12:00:00Z"));
    let out = s.ok(&["import", moved.to_str().unwrap()], t(NOW));
    assert!(out.contains("1 updated"), "{out}");
    assert_eq!(first_reply(&s), "2026-11-10T12:00:00Z");
    let stats = s.stats("all", t(NOW));
    assert_eq!(stats["time_to_first_reply"]["median_secs"], 7200, "{stats}");
}

/// An item its reply answered was answered when the reply was written:
/// a reply a later file dates otherwise moves it into or out of today.
#[test]
fn a_reply_moved_in_time_moves_the_answer_into_or_out_of_today() {
    let s = Sandbox::new();
    let at = |when: &str| {
        lines(&[
            item("x", "q", "bob", "when?", "2026-11-16T10:00:00Z", json!({})),
            reply("x", "r", "q", "Tomorrow, Bob", when),
        ])
    };
    let answered_today = |s: &Sandbox| s.stats("7d", t(NOW))["today"]["answered"].clone();
    for (when, today) in [
        ("2026-11-20T09:00:00Z", 1),
        ("2026-11-17T09:00:00Z", 0),
        ("2026-11-20T11:00:00Z", 1),
    ] {
        let f = s.file("reply.jsonl", &at(when));
        s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert_eq!(answered_today(&s), today, "the reply dated {when}");
    }
}

/// A CSV error names the line where the bad record starts, as a text
/// editor counts, whatever ends the lines: CRLF (RFC 4180's, Excel's and
/// Python's), a LF header over CRLF rows, a quoted field holding line
/// breaks, blank lines and rows of empty cells.
#[test]
fn csv_errors_name_the_line_where_the_record_starts() {
    let s = Sandbox::new();
    let ok = "y,1,a,b,2026-11-20T10:00:00Z";
    let multi = "y,2,a,\"one\ntwo\nthree\",2026-11-20T10:00:00Z";
    let header = "platform,id,author,body,created_at";
    for (lines, bad_line) in [
        (vec![header, ok, "y,3,a,b,bad"], 3),
        (vec![header, ok, multi, "y,3,a,b,bad"], 6),
        (vec![header, "", ok, "", "", "y,3,a,b,bad"], 6),
        // A spreadsheet's blank row is empty cells: blank too.
        (vec![header, ok, ",,,,", " , ,,,", "y,3,a,b,bad"], 5),
        (vec![header, "y,3,a,b,bad"], 2),
    ] {
        // "\r": a classic Mac file.
        for eol in ["\n", "\r\n", "\r", "mixed"] {
            let file = match eol {
                "mixed" => format!("{header}\n{}\r\n", lines[1..].join("\r\n")),
                eol => format!("{}\n", lines.join("\n")).replace('\n', eol),
            };
            let f = s.file("s6.csv", &file);
            let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
            assert!(
                err.ends_with(&format!(
                    "s6.csv:{bad_line}: created_at: \"bad\" is not an RFC 3339 timestamp: \
                     write it like 2026-03-01T14:05:00Z (UTC) or 2026-03-01T15:05:00+01:00"
                )),
                "{eol:?} {file:?}: {err}"
            );
        }
    }
}

/// Pretty-printed JSON given as the canonical format is told that the
/// format is one object a line.
#[test]
fn pretty_printed_json_is_told_the_format_is_one_object_a_line() {
    let s = Sandbox::new();
    for (name, text) in [
        (
            "obj.json",
            "{\n  \"platform\": \"x\",\n  \"id\": \"1\"\n}\n",
        ),
        ("arr.json", "[\n  {\"platform\": \"x\"}\n]\n"),
        ("line.json", "[{\"platform\": \"x\"}]\n"),
    ] {
        let f = s.file(name, text);
        let err = s.fails(
            &["import", "--format", "canonical", f.to_str().unwrap()],
            t(NOW),
        );
        assert!(
            err.contains(&format!("{name}:1: "))
                && err.contains("the canonical format is one JSON object per line (JSON Lines)"),
            "{err}"
        );
    }
}

#[test]
fn a_csv_header_naming_a_column_twice_is_refused() {
    let s = Sandbox::new();
    let f = s.file(
        "twice.csv",
        "platform,id,author,body,created_at,platform\nx,1,a,hi,2026-11-01T10:00:00Z,zz\n",
    );
    let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
    assert!(err.contains("twice.csv:1"), "{err}");
    assert!(
        err.contains("platform: the header names this column twice"),
        "{err}"
    );
    assert!(!s.db().exists());
}

/// A JSON Lines key given twice, whatever its case, is refused as a CSV
/// header's column is: the first value would be lost unseen.
#[test]
fn a_json_key_given_twice_is_refused() {
    let s = Sandbox::new();
    let good =
        r#"{"platform":"x","id":"1","author":"a","body":"hi","created_at":"2026-11-01T10:00:00Z"}"#;
    for (twice, name) in [
        (r#""body":"Please refund order 123","Body":"""#, "body"),
        (r#""id":"k1","id":"k2""#, "id"),
        (r#""state":"answered","STATE":"dismissed""#, "state"),
    ] {
        let line = good.replacen(r#""body":"hi""#, twice, 1);
        let line = if name == "body" {
            line
        } else {
            line.replacen('}', r#","body":"hi"}"#, 1)
        };
        let f = s.file("twice.jsonl", &format!("{good}\n{line}\n"));
        let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
        assert!(
            err.contains("twice.jsonl:2:") && err.contains(&format!("{name}: given twice")),
            "{err}"
        );
        assert!(!s.db().exists(), "nothing imported");
    }
}

/// An item dated a little ahead (a clock or a time zone off) is new in the
/// backlog and counted by every window, as it is by "all".
#[test]
fn an_item_dated_a_little_ahead_is_in_the_backlog_as_new() {
    let s = Sandbox::new();
    let f = s.file(
        "ahead.jsonl",
        &lines(&[
            item("x", "1", "a", "hi", "2026-11-20T14:00:00Z", json!({})),
            item("x", "2", "b", "hey", "2026-11-18T12:00:00Z", json!({})),
        ]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let stats: serde_json::Value =
        serde_json::from_str(&s.ok(&["stats", "--json"], t(NOW))).unwrap();
    assert_eq!(stats["backlog"]["total"], 2, "{stats}");
    assert_eq!(stats["backlog"]["under_1d"], 1, "{stats}");
    for window in ["7d", "30d", "all"] {
        let stats = s.stats(window, t(NOW));
        let in_chart: u64 = stats["over_time"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["incoming"].as_u64().unwrap())
            .sum();
        assert_eq!((&stats["incoming"], in_chart), (&json!(2), 2), "{window}");
        assert_eq!(stats["needs_reply"], 2, "{window}");
        assert_eq!(stats["time_to_first_reply"]["open"], 2, "{window}");
    }
    // One imported under a clock days ahead stretches the chart by a day at most.
    let later = s.file(
        "later.jsonl",
        &lines(&[item("x", "3", "c", "yo", "2026-11-30T12:00:00Z", json!({}))]),
    );
    s.ok(
        &["import", later.to_str().unwrap()],
        t("2026-11-30T12:00:00Z"),
    );
    let stats = s.stats("7d", t(NOW));
    assert_eq!(stats["over_time"].as_array().unwrap().len(), 9, "{stats}");
    assert_eq!(stats["incoming"], 2, "{stats}");
}

#[test]
fn an_own_reply_given_twice_ends_as_its_last_copy_and_again_changes_nothing() {
    for s in empty_and_not() {
        let f = s.file(
            "pages.jsonl",
            &lines(&[
                item(
                    "x",
                    "p1",
                    "ann",
                    "Which grind?",
                    "2026-11-01T10:00:00Z",
                    json!({}),
                ),
                item(
                    "x",
                    "p2",
                    "bob",
                    "Which roast?",
                    "2026-11-01T11:00:00Z",
                    json!({}),
                ),
                reply(
                    "x",
                    "r1",
                    "p1",
                    "Thanks Ann, medium fine",
                    "2026-11-01T12:00:00Z",
                ),
                // The same reply under another parent: the later copy wins.
                reply(
                    "x",
                    "r1",
                    "p2",
                    "Thanks Bob, medium roast",
                    "2026-11-01T12:00:00Z",
                ),
                // An own comment that answers nobody, edited between two pages.
                item(
                    "x",
                    "r2",
                    "me",
                    "Welcome all",
                    "2026-11-01T13:00:00Z",
                    json!({"own": true}),
                ),
                item(
                    "x",
                    "r2",
                    "me",
                    "Welcome, all",
                    "2026-11-01T13:00:00Z",
                    json!({"own": true}),
                ),
            ]),
        );
        let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert!(out.contains("1 own reply linked"), "{out}");
        assert_eq!(s.state_of("x", "p1", t(NOW)), "needs-reply");
        assert_eq!(s.state_of("x", "p2", t(NOW)), "answered");
        let replies = s.ok(&["replies", "--json"], t(NOW));
        assert!(
            replies.contains("Welcome, all") && !replies.contains("Welcome all"),
            "{replies}"
        );
        // Again: the copies pass through the same versions to the same end.
        let before = s.ok(&["export"], t(NOW));
        let again = s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert!(
            again.contains("0 new, 0 updated") && again.contains("0 own replies linked"),
            "{again}"
        );
        assert_eq!(
            s.ok(&["export"], t(NOW)),
            before,
            "nothing changed, not even the log"
        );
    }
}

/// A thread titled two ways in one file takes its last title, at its first
/// import and at every one after (a copy met again as it was named the
/// thread again only the first time).
#[test]
fn a_threads_last_title_in_a_file_stands_at_every_import() {
    let titled = |id: &str, author: &str, title: &str| {
        item(
            "demo",
            id,
            author,
            "hi",
            "2026-11-01T10:00:00Z",
            json!({"thread_id": "T", "thread_title": title}),
        )
    };
    for s in empty_and_not() {
        let f = s.file(
            "titles.jsonl",
            &lines(&[
                titled("a", "ann", "Old title"),
                titled("b", "bob", "New title"),
                titled("a", "ann", "Old title"),
            ]),
        );
        for _ in 0..2 {
            let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
            assert!(out.contains(" 0 updated"), "{out}");
            let listed = s.ok(&["list", "--state", "all", "--json"], t(NOW));
            assert_eq!(
                listed.matches("\"thread_title\":\"Old title\"").count(),
                2,
                "{listed}"
            );
        }
    }
}

/// A thread stored already that a file retitles is said in the summary
/// (its items are unchanged), in a dry run too; a title given two ways that
/// ends as it was, or a thread new to the database, is not.
#[test]
fn a_stored_thread_retitled_is_said() {
    let s = Sandbox::new();
    let titled = |id: &str, title: &str| {
        item(
            "demo",
            id,
            "ann",
            "hi",
            "2026-11-01T10:00:00Z",
            json!({"thread_id": "T", "thread_title": title}),
        )
    };
    let import = |name: &str, content: &[String], extra: &[&str]| {
        let f = s.file(name, &lines(content));
        let mut args = vec!["import"];
        args.extend_from_slice(extra);
        args.push(f.to_str().unwrap());
        s.ok(&args, t(NOW))
    };
    let said = "1 thread stored retitled or moved";
    assert!(!import("a.jsonl", &[titled("a", "Old")], &[]).contains("retitled"));
    let back = [titled("a", "New"), titled("a", "Old")];
    assert!(!import("b.jsonl", &back, &[]).contains("retitled"));
    let new = [titled("a", "New")];
    let dry = import("c.jsonl", &new, &["--dry-run"]);
    assert!(
        dry.contains(&format!(" 1 unchanged, 0 own replies linked, {said}; ")),
        "{dry}"
    );
    let json = import("c.jsonl", &new, &["--json"]);
    assert!(json.contains("\"threads_updated\":1"), "{json}");
    assert!(!import("c.jsonl", &new, &[]).contains("retitled"));
}

/// A copy of an item that is the owner's, later in the file than one that
/// is not, makes it an own reply (the later copy wins, as a later file's
/// does); the other way round, the file contradicts itself and is refused.
#[test]
fn a_later_copy_by_the_owner_makes_an_own_reply() {
    let question = item(
        "x",
        "q1",
        "carol",
        "Is the shop open Sunday?",
        "2026-11-01T10:00:00Z",
        json!({}),
    );
    let answer = |own: bool| {
        item(
            "x",
            "a1",
            "shop",
            "Yes Carol, 9 to 5!",
            "2026-11-01T11:00:00Z",
            json!({"parent_id": "q1", "own": own}),
        )
    };
    // The same reply by another person.
    let theirs = item(
        "x",
        "a1",
        "someone",
        "Yes Carol, 9 to 5!",
        "2026-11-01T11:00:00Z",
        json!({"parent_id": "q1", "own": false}),
    );
    // The owner's copy leaving its parent out: the earlier copy's, as an
    // update keeps it (a re-import found it and changed the question).
    let unparented = item(
        "x",
        "a1",
        "shop",
        "Yes Carol, 9 to 5!",
        "2026-11-01T11:00:00Z",
        json!({"own": true}),
    );
    for (name, copies) in [
        ("copies.jsonl", [answer(false), answer(true)]),
        ("unparented.jsonl", [answer(false), unparented]),
    ] {
        for s in empty_and_not() {
            let f = s.file(
                name,
                &lines(&[question.clone(), copies[0].clone(), copies[1].clone()]),
            );
            let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
            assert!(out.contains("1 own reply linked"), "{name}: {out}");
            assert_eq!(s.state_of("x", "q1", t(NOW)), "answered", "{name}");
            assert!(s.ok(&["replies"], t(NOW)).contains("x:a1"));
            let before = s.ok(&["export"], t(NOW));
            let again = s.ok(&["import", f.to_str().unwrap()], t(NOW));
            assert!(again.contains("0 new, 0 updated"), "{name}: {again}");
            assert_eq!(s.ok(&["export"], t(NOW)), before);
        }
    }
    for s in empty_and_not() {
        let export = |s: &Sandbox| s.db().exists().then(|| s.ok(&["export"], t(NOW)));
        let before = export(&s);
        let f = s.file(
            "contradicts.jsonl",
            &lines(&[question.clone(), answer(true), theirs.clone()]),
        );
        let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
        assert!(
            // The line, not a broken database (it read `database: x:a1 …`).
            err.contains("contradicts.jsonl:3: x:a1 came before in this file as your own reply"),
            "{err}"
        );
        assert_eq!(export(&s), before, "nothing written");
        // The other way round: another person's comment is not replaced by
        // your reply under its id (it was lost, and every import again
        // changed the question's state).
        let f = s.file(
            "contradicts2.jsonl",
            &lines(&[question.clone(), theirs.clone(), answer(true)]),
        );
        let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
        assert!(
            err.contains(
                "contradicts2.jsonl:3: x:a1 came before in this file by someone, and here as \
                 your own reply"
            ),
            "{err}"
        );
        assert_eq!(export(&s), before, "nothing written");
        // An author the platform withheld first is nobody else: the reply
        // is yours (a Facebook page without `from`, then the post with it).
        let withheld = item(
            "x",
            "a1",
            "(unknown)",
            "Yes Carol, 9 to 5!",
            "2026-11-01T11:00:00Z",
            json!({"parent_id": "q1"}),
        );
        let f = s.file(
            "withheld.jsonl",
            &lines(&[question.clone(), withheld, answer(true)]),
        );
        let out = s.ok(&["import", "--dry-run", f.to_str().unwrap()], t(NOW));
        assert!(out.contains("1 own reply linked"), "{out}");
        // Two people's comments under one id (a spreadsheet's rounding):
        // which is right cannot be told, so neither goes in.
        let rounded = |author: &str| {
            item(
                "instagram",
                "17840000000000008",
                author,
                "Love it",
                "2026-11-01T10:00:00Z",
                json!({}),
            )
        };
        let f = s.file(
            "rounded.csv.jsonl",
            &lines(&[rounded("priya"), rounded("noah")]),
        );
        let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
        assert!(
            err.contains(
                "rounded.csv.jsonl:2: instagram:17840000000000008 came before in this file by \
                 priya, and here by noah"
            ),
            "{err}"
        );
        assert_eq!(export(&s), before, "nothing written");
        // By the same person, not marked as the owner's: it stays theirs.
        let f = s.file(
            "same.jsonl",
            &lines(&[question.clone(), answer(true), answer(false)]),
        );
        s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert!(s.ok(&["replies"], t(NOW)).contains("x:a1"));
    }
    // Across files: an own reply a later file gives by another person is
    // theirs (what it answered waits again); by the same person, not
    // marked as the owner's, it stays the owner's reply.
    let s = Sandbox::new();
    let f = s.file("mine.jsonl", &lines(&[question.clone(), answer(true)]));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let same = s.file("same.jsonl", &lines(&[answer(false)]));
    s.ok(&["import", same.to_str().unwrap()], t(NOW));
    assert!(s.ok(&["replies"], t(NOW)).contains("x:a1"));
    assert_eq!(s.state_of("x", "q1", t(NOW)), "answered");
    let f = s.file("theirs.jsonl", &lines(&[theirs]));
    let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert!(out.contains("0 new, 1 updated"), "{out}");
    assert!(!s.ok(&["replies"], t(NOW)).contains("x:a1"));
    assert_eq!(s.state_of("x", "q1", t(NOW)), "needs-reply");
    assert_eq!(s.listed("a1", t(NOW))["author"], "someone");
    assert_rollups_match_items(&s);
    // Stored as a comment, then told the owner's, in two copies of
    // different texts: one item updated, counted once; again, unchanged.
    let s = Sandbox::new();
    let mut edited = answer(false).replace("9 to 5", "10 to 4");
    let f = s.file("copies.jsonl", &lines(&[answer(false), edited.clone()]));
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    edited = edited.replace("\"own\":false", "\"own\":true");
    let f = s.file("mine.jsonl", &lines(&[answer(true), edited]));
    for said in [
        "0 new, 1 updated, 0 unchanged",
        "0 new, 0 updated, 1 unchanged",
    ] {
        let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert!(out.contains(said), "{out}");
    }
    assert!(s.ok(&["replies"], t(NOW)).contains("x:a1"));
}

/// A canonical line with a key of some platform's format besides its own
/// (a script copying fields along) is still canonical: no platform's file
/// has every canonical key at its top.
#[test]
fn canonical_lines_with_a_platforms_keys_are_canonical() {
    for (n, extra) in [
        json!({"orderedItems": []}),
        json!({"notification_groups": []}),
        json!({"created_time": "2026-11-01T10:00:00+0000", "data": []}),
        json!({"html_url": "https://github.com/o/r/issues/1", "author_association": "NONE"}),
        json!({"created_at_i": 1, "story_id": 5, "children": []}),
    ]
    .into_iter()
    .enumerate()
    {
        let s = Sandbox::new();
        let line = item("github", "x1", "carol", "hi", "2026-11-01T10:00:00Z", extra);
        let f = s.file("extra.jsonl", &lines(&[line.clone(), line]));
        let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert!(out.contains("(canonical): 1 new"), "{n}: {out}");
    }
}

/// `list --csv` has the columns of `list --json`, flags' reasons too.
#[test]
fn list_csv_has_the_columns_of_json() {
    let s = Sandbox::new();
    let f = s.file(
        "a.jsonl",
        &lines(&[item(
            "x",
            "1",
            "a",
            "follow for follow",
            "2026-11-01T10:00:00Z",
            json!({}),
        )]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let csv = s.ok(&["list", "--csv", "--state", "all"], t(NOW));
    let mut read = csv::Reader::from_reader(csv.as_bytes());
    let mut header: Vec<String> = (read.headers().unwrap().iter())
        .map(str::to_owned)
        .collect();
    let row = read.records().next().unwrap().unwrap();
    let reasons = header.iter().position(|h| h == "flag_reasons").unwrap();
    assert_eq!(&row[reasons], "bait: says “follow for follow”", "{row:?}");
    // Bait sinks below zero: a number still, not a formula written as text.
    let priority = header.iter().position(|h| h == "priority").unwrap();
    let listed = &s.list(t(NOW))[0]["priority"];
    assert!(listed.as_i64().unwrap() < 0, "{listed}");
    assert_eq!(
        row[priority].parse::<i64>().ok(),
        listed.as_i64(),
        "{row:?}"
    );
    let mut keys: Vec<String> = (s.list(t(NOW))[0].as_object().unwrap().keys())
        .cloned()
        .collect();
    header.sort();
    keys.sort();
    assert_eq!(header, keys);
}

/// An item naming itself as its parent is top-level: an own reply so made
/// answers nothing, an incoming one shows no "in reply to" itself.
#[test]
fn an_item_that_is_its_own_parent_is_top_level() {
    let s = Sandbox::new();
    let f = s.file(
        "f.jsonl",
        &lines(&[
            item(
                "x",
                "a",
                "ann",
                "hi?",
                "2026-11-01T10:00:00Z",
                json!({"parent_id": "a"}),
            ),
            reply("x", "o1", "o1", "thanks Ann", "2026-11-01T11:00:00Z"),
        ]),
    );
    let summary = s.import_summary(&f, t(NOW));
    assert_eq!(summary["own_replies_linked"], 0, "{summary}");
    let listed = s.list(t(NOW));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["parent_id"], Value::Null, "{}", listed[0]);
    assert_eq!(listed[0]["state"], "needs-reply");
}

/// A link is stored as a browser opens it: without the tabs and line
/// breaks a browser takes out of one.
#[test]
fn a_link_holds_no_line_break() {
    let s = Sandbox::new();
    let f = s.file(
        "l.jsonl",
        &lines(&[item(
            "x",
            "1",
            "ann",
            "hi",
            "2026-11-01T10:00:00Z",
            json!({"url": "https://x.test/a\nb\tc", "thread_id": "t", "thread_url": "https://x.test/\r\nt"}),
        )]),
    );
    s.ok(&["import", f.to_str().unwrap()], t(NOW));
    let exported = s.ok(&["export"], t(NOW));
    let v: Value = (exported.lines())
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| v["id"] == "1")
        .expect("the item");
    assert_eq!(
        (v["url"].as_str(), v["thread_url"].as_str()),
        (Some("https://x.test/abc"), Some("https://x.test/t"))
    );
}

/// `own` as a script writes it: a JSON 1 or 0 reads as the text "1" or "0"
/// does (and as `true`, `false`).
#[test]
fn own_as_a_number_reads_as_its_text() {
    let s = Sandbox::new();
    let f = s.file(
        "own.jsonl",
        &lines(&[
            item(
                "x",
                "c1",
                "ann",
                "Which beans?",
                "2026-11-19T10:00:00Z",
                json!({"own": 0}),
            ),
            item(
                "x",
                "r1",
                "me",
                "Ann, the Konga",
                "2026-11-19T11:00:00Z",
                json!({"own": 1, "parent_id": "c1"}),
            ),
        ]),
    );
    let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert!(out.contains("1 own reply linked"), "{out}");
    assert_eq!(s.state_of("x", "c1", t(NOW)), "answered");
}

/// A body the platform emptied (a GitHub issue's description cleared, a
/// canonical line's `""`) replaces the text stored: the body may be empty.
#[test]
fn an_emptied_body_replaces_the_stored_text() {
    let s = Sandbox::new();
    let line = |body: &str| item("forum", "1", "ann", body, "2026-11-19T10:00:00Z", json!({}));
    let full = s.file("full.jsonl", &lines(&[line("Call me at 555-0100")]));
    s.ok(&["import", full.to_str().unwrap()], t(NOW));
    let emptied = s.file("emptied.jsonl", &lines(&[line("")]));
    let out = s.ok(&["import", emptied.to_str().unwrap()], t(NOW));
    assert!(out.contains("0 new, 1 updated"), "{out}");
    assert_eq!(s.listed("1", t(NOW))["body"], "");
}

/// An own reply whose words are edited (the same @mention, the same
/// parent) leaves the user's put-back of the item it answers as it is.
#[test]
fn an_edited_reply_keeps_a_put_back() {
    for platform in ["forum", "youtube"] {
        let s = Sandbox::new();
        let to = |body: &str| reply(platform, "r", "c1", body, "2026-11-10T11:00:00Z");
        import_rows(&s, &[kims(platform, "c1"), to("@kim medium, thanks")]);
        assert_eq!(s.state_of(platform, "c1", t(NOW)), "answered");
        s.ok(&["mark", &format!("{platform}:c1"), "needs-reply"], t(NOW));
        import_rows(&s, &[to("@kim medium-fine, thanks")]);
        let state = s.state_of(platform, "c1", t(NOW));
        assert_eq!(state, "needs-reply", "{platform}");
    }
}

/// A snooze the user took back (its undo refused: an import answered the
/// item since) does not come back when the reply moves away.
#[test]
fn a_snooze_taken_back_does_not_come_back_with_a_reply_moved_away() {
    let s = Sandbox::new();
    import_rows(&s, &[kims("forum", "a"), kims("forum", "b")]);
    s.ok(&["snooze", "forum:a", "3d"], t(NOW));
    import_rows(&s, &[kims_answer("forum", "a")]);
    assert_eq!(s.state_of("forum", "a", t(NOW)), "answered");
    s.ok(&["undo"], t(NOW));
    import_rows(&s, &[kims_answer("forum", "b")]);
    assert_eq!(s.state_of("forum", "a", t(NOW)), "needs-reply");
}

/// A reply written in ackbox to bob's second reply, posted by YouTube
/// with "@bob " before it, then edited on YouTube: it still answers the
/// item the user answered (a reply written here names it: it stays).
#[test]
fn a_reply_written_here_and_edited_on_youtube_stays_on_the_item_answered() {
    let s = Sandbox::new();
    let bobs = |id: &str, body: &str, at: &str| {
        item("youtube", id, "bob", body, at, json!({"parent_id": "c"}))
    };
    import_rows(
        &s,
        &[
            item(
                "youtube",
                "c",
                "kim",
                "new video!",
                "2026-11-10T10:00:00Z",
                json!({}),
            ),
            bobs("q1", "first thought", "2026-11-10T10:10:00Z"),
            bobs("q2", "does it work on v2?", "2026-11-10T10:20:00Z"),
        ],
    );
    {
        let mut store = ackbox::store::Store::open(&s.db()).unwrap();
        let rid = store.rid_of(&"youtube:q2".parse().unwrap()).unwrap();
        store
            .reply(rid, "me", "Yes it works on v2", t(NOW))
            .unwrap();
    }
    let posted = |body: &str| reply("youtube", "p1", "c", body, "2026-11-20T12:00:00Z");
    import_rows(&s, &[posted("@bob Yes it works on v2")]);
    assert_eq!(s.state_of("youtube", "q2", t(NOW)), "answered");
    assert_eq!(s.state_of("youtube", "q1", t(NOW)), "needs-reply");
    import_rows(&s, &[posted("@bob Yes, it works on v2")]);
    assert_eq!(s.state_of("youtube", "q2", t(NOW)), "answered", "q2");
    assert_eq!(s.state_of("youtube", "q1", t(NOW)), "needs-reply", "q1");
}

/// Put back over reply r1, an item another stored reply r2 moves onto is
/// answered by it, as a fresh import of the same rows would have it.
#[test]
fn another_reply_moved_onto_an_item_put_back_answers_it() {
    let s = Sandbox::new();
    let r2 = |parent: &str| {
        reply(
            "forum",
            "r2",
            parent,
            "Kim, done now",
            "2026-11-12T11:00:00Z",
        )
    };
    let r1 = reply("forum", "r1", "a", "Kim, yes!", "2026-11-10T11:00:00Z");
    import_rows(&s, &[kims("forum", "a"), kims("forum", "b"), r1, r2("b")]);
    s.ok(&["mark", "forum:a", "needs-reply"], t(NOW));
    import_rows(&s, &[r2("a")]);
    assert_eq!(s.state_of("forum", "a", t(NOW)), "answered");
}

/// A handle keeps what the cleaning takes out of text, written as its code:
/// an invisible character in a stranger's handle does not make it yours
/// (their reply answers nothing), two handles of invisible characters are
/// two people, and one of only such characters is a handle, not a blank.
#[test]
fn an_invisible_character_keeps_a_handle_apart() {
    let s = Sandbox::new();
    std::fs::write(s.config(), "[own]\ncanon = [\"fernweh\"]\n").unwrap();
    let f = s.file(
        "impostor.jsonl",
        &lines(&[
            item(
                "canon",
                "q1",
                "joe",
                "Are you open on Sunday?",
                "2026-11-01T10:00:00Z",
                json!({}),
            ),
            item(
                "canon",
                "r1",
                "fern\u{200b}weh",
                "Joe, yes we are open on Sunday",
                "2026-11-01T11:00:00Z",
                json!({"parent_id": "q1"}),
            ),
            item(
                "canon",
                "a",
                "\u{3164}",
                "hello?",
                "2026-11-01T12:00:00Z",
                json!({}),
            ),
            item(
                "canon",
                "b",
                "\u{200b}\u{200b}",
                "hello?",
                "2026-11-01T12:00:00Z",
                json!({}),
            ),
        ]),
    );
    let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert!(
        out.contains("0 own replies linked; 4 items need a reply"),
        "{out}"
    );
    let authors: Vec<_> = (s.list(t(NOW)).iter())
        .map(|i| (i["id"].clone(), i["author"].clone()))
        .collect();
    for (id, author) in [
        ("r1", "fern\\u{200b}weh"),
        ("a", "\\u{3164}"),
        ("b", "\\u{200b}\\u{200b}"),
    ] {
        assert!(authors.contains(&(json!(id), json!(author))), "{authors:?}");
    }
    // Read again, nothing changes.
    assert!(
        s.ok(&["import", f.to_str().unwrap()], t(NOW))
            .contains("0 updated, 4 unchanged")
    );
}
