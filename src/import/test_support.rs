//! Helpers shared by the importers' unit tests: the fixtures, reading a file
//! with a format, the checks every format gets (what it detects, sink errors)
//! and the property tests that no input makes an importer panic.

#![allow(clippy::unwrap_used)]

use crate::import::format::{Format, ImportError, Position, Skipped};
use crate::model::{Kind, Record};
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use proptest::sample::Index;

/// The bytes of a file in `tests/fixtures/`. The one place that says where
/// the fixtures are (a macro rather than a const, as `include_bytes!` takes
/// only literals; the path is relative to the importers in this folder).
macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("../../tests/fixtures/", $name)).as_slice()
    };
}
pub(crate) use fixture;

/// Every record a format read, with its position, and what it skipped.
pub type Read = (Vec<(Record, Position)>, Skipped);

/// Reads `bytes` with `format`, keeping what it hands to the sink.
pub fn read(format: &dyn Format, bytes: &[u8]) -> Result<Read, ImportError> {
    let mut out = Vec::new();
    let mut skipped = Skipped::default();
    let mut input = bytes;
    format.read(
        &mut input,
        &mut |r, p| {
            out.push((r, p));
            Ok(())
        },
        &mut skipped,
    )?;
    Ok((out, skipped))
}

/// The records of a file that must import, and what was skipped.
pub fn records(format: &dyn Format, bytes: &[u8]) -> (Vec<Record>, Skipped) {
    match read(format, bytes) {
        Ok((records, skipped)) => (records.into_iter().map(|(r, _)| r).collect(), skipped),
        Err(e) => panic!("import failed: {e}"),
    }
}

/// The (platform, id) pairs a format reports gone, written as `&str`s,
/// with no address.
pub fn gone(
    pairs: &[(&str, &str)],
) -> std::collections::BTreeMap<(String, String), Option<crate::import::format::Place>> {
    pairs
        .iter()
        .map(|(p, id)| (((*p).to_owned(), (*id).to_owned()), None))
        .collect()
}

pub fn by_id<'a>(records: &'a [Record], id: &str) -> &'a Record {
    records
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

/// `file` with a Windows-1252 `é` (one byte, not UTF-8) and an escape
/// after it at the start of the first string after `key`, and the line and
/// column of that byte (1-based, the column in bytes).
pub fn with_a_latin1_byte(file: &[u8], key: &str) -> (Vec<u8>, u64, u64) {
    let at = std::str::from_utf8(file).unwrap().find(key).unwrap() + key.len();
    let mut bytes = file.to_vec();
    bytes.splice(at..at, *b"caf\xe9 \\u0041 ");
    let byte = at + 3;
    let before = &bytes[..byte];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u64;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |n| n + 1);
    let column = (byte - line_start) as u64 + 1;
    (bytes, line, column)
}

/// An RFC 3339 time.
pub fn ts(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Sample files of every format, by the name of the format that reads
/// them: each importer must detect its own and none of the others'.
const SAMPLES: &[(&str, &[u8])] = &[
    ("reddit", fixture!("reddit/api_comments.json")),
    ("reddit", fixture!("reddit/api_raw_json.jsonl")),
    ("reddit", fixture!("reddit/api_inbox.json")),
    ("reddit", fixture!("reddit/api_user_comments.json")),
    ("reddit", fixture!("reddit/api_user_overview.json")),
    ("facebook", fixture!("facebook/graph_post_comments.json")),
    ("facebook", fixture!("facebook/graph_comment_pages.jsonl")),
    ("instagram", fixture!("instagram/graph_media_comments.json")),
    ("instagram", fixture!("instagram/graph_comment_pages.jsonl")),
    // A post and a media list without comments yet (the edge is left out).
    (
        "facebook",
        br#"{"id":"104857600000001_998877665599","message":"Closed on Monday","permalink_url":"https:\/\/www.facebook.com\/104857600000001\/posts\/pfbid02xyz"}"#,
    ),
    (
        "instagram",
        br#"{"data":[{"id":"17900000000000011","caption":"Fresh roast","permalink":"https://www.instagram.com/p/DAbc123/","timestamp":"2026-12-01T08:00:00+0000"}],"paging":{"cursors":{"before":"QVFIU","after":"QVFIV"}}}"#,
    ),
    ("threads", fixture!("threads/post.json")),
    ("threads", fixture!("threads/conversation.jsonl")),
    ("threads", fixture!("threads/mentions.json")),
    ("threads", fixture!("threads/my_replies.json")),
    ("threads", fixture!("threads/my_threads.json")),
    // A page of your threads asked for few fields: told by the permalinks.
    (
        "threads",
        br#"{"data":[{"id":"18071234509876550","text":"Closed on Monday","username":"fernweh.coffee","permalink":"https:\/\/www.threads.com\/@fernweh.coffee\/post\/DCp1Mn2Op3Q","timestamp":"2026-11-19T08:00:00+0000"}],"paging":{"cursors":{"before":"QVFIUk","after":"QVFIUl"}}}"#,
    ),
    ("bluesky", fixture!("bluesky/get_post_thread.json")),
    ("bluesky", fixture!("bluesky/get_post_thread.jsonl")),
    ("bluesky", fixture!("bluesky/list_notifications.json")),
    ("bluesky", fixture!("bluesky/get_author_feed.json")),
    ("hackernews", fixture!("hackernews/algolia_story.json")),
    ("hackernews", fixture!("hackernews/algolia_items.jsonl")),
    ("hackernews", fixture!("hackernews/algolia_search.json")),
    ("youtube", fixture!("youtube/commentThreads.json")),
    ("youtube", fixture!("youtube/commentThreads-pages.jsonl")),
    ("youtube", fixture!("youtube/commentThreads-array.json")),
    ("youtube", fixture!("youtube/comments-replies.json")),
    ("youtube", fixture!("youtube/uploads-then-threads.jsonl")),
    ("mastodon", fixture!("mastodon/notifications.json")),
    ("mastodon", fixture!("mastodon/notifications-pages.jsonl")),
    ("mastodon", fixture!("mastodon/statuses.json")),
    ("mastodon", fixture!("mastodon/outbox.json")),
    ("mastodon", fixture!("mastodon/context.json")),
    ("mastodon", br#"{"ancestors":[],"descendants":[]}"#),
    ("github", fixture!("github/issue-comments.json")),
    ("github", fixture!("github/issues.json")),
    ("github", fixture!("github/issues-pages.jsonl")),
    ("github", fixture!("github/gh-paginate.json")),
    ("github", fixture!("github/gh-slurp.json")),
    ("wordpress", fixture!("wordpress/export-part1.xml")),
    ("wordpress", fixture!("wordpress/export-part2.xml")),
    ("disqus", fixture!("disqus/export.xml")),
    ("disqus", fixture!("disqus/export-2.xml")),
    ("x", fixture!("x/mentions.json")),
    ("x", fixture!("x/own_tweets.json")),
    ("x", fixture!("x/search_conversation.jsonl")),
    // A quiet day's page: nothing but its count.
    ("x", br#"{"meta":{"result_count":0}}"#),
];

/// `format` detects each of its samples, also cut after `head` bytes, and
/// none of the other formats' samples, of `also_not`, nor an empty file.
pub fn assert_detects_only(format: &dyn Format, head: usize, also_not: &[&[u8]]) {
    let name = format.name();
    let own = SAMPLES.iter().filter(|(n, _)| *n == name);
    assert!(own.clone().next().is_some(), "no samples of {name}");
    for (i, (_, f)) in own.enumerate() {
        assert!(format.detect(f), "{name}: sample {i}");
        assert!(
            format.detect(&f[..f.len().min(head)]),
            "{name}: a cut head is still recognised (sample {i})"
        );
    }
    let others = SAMPLES.iter().filter(|(n, _)| *n != name).map(|(_, f)| f);
    for (i, f) in others.chain(also_not).enumerate() {
        assert!(
            !format.detect(f),
            "{name} detected other file {i}: {}",
            String::from_utf8_lossy(&f[..80.min(f.len())])
        );
    }
    assert!(!format.detect(b""), "{name}");
}

/// An error from the sink stops `format` reading `bytes` and comes back
/// unchanged: the sink fails on the `n`-th record and is not called again.
/// A JSON file cut short (a third of it) is refused with its line and
/// column and what went wrong: it ends in the middle.
pub fn assert_truncated_json_refused(format: &dyn Format, file: &[u8]) {
    let err = read(format, &file[..file.len() / 3]).unwrap_err();
    assert!(
        matches!(err.position, Some(Position::LineCol(_, _))),
        "{err}"
    );
    assert!(err.message.starts_with("invalid JSON: EOF"), "{err}");
}

pub fn assert_sink_error_passes_through(format: &dyn Format, bytes: &[u8], n: usize) {
    let stop = ImportError::new(None, Some("x"), "stop here");
    let mut calls = 0;
    let mut input = bytes;
    let err = format
        .read(
            &mut input,
            &mut |_, _| {
                calls += 1;
                if calls == n {
                    Err(stop.clone())
                } else {
                    Ok(())
                }
            },
            &mut Skipped::default(),
        )
        .unwrap_err();
    assert_eq!(err, stop);
    assert_eq!(calls, n);
}

/// Every record is a comment of `platform`, neither own (the driver decides
/// that from the configured identities) nor saved.
pub fn assert_plain_comments<'a>(records: impl IntoIterator<Item = &'a Record>, platform: &str) {
    for r in records {
        assert!(
            r.platform == platform && r.kind == Kind::Comment,
            "{}: {} {:?}",
            r.id,
            r.platform,
            r.kind
        );
        assert!(r.own.is_none() && r.saved.is_none(), "{}", r.id);
    }
}

/// Each record's position is the line and column in `file` where `markup`
/// (the element it was read from) starts.
pub fn assert_positions_at(file: &[u8], read: &[(Record, Position)], markup: &str) {
    let text = std::str::from_utf8(file).unwrap();
    for (r, pos) in read {
        let Position::LineCol(line, col) = pos else {
            panic!("{pos:?}")
        };
        let line_text = text.lines().nth(*line as usize - 1).unwrap();
        assert!(
            line_text[*col as usize - 1..].starts_with(markup),
            "{}",
            r.id
        );
    }
}

/// The one record of an XML file whose DTD declares a "billion laughs"
/// entity and an external one (`/etc/passwd`), with neither expanded in it.
pub fn hostile_dtd_record(format: &dyn Format, file: &[u8]) -> Record {
    let (mut recs, _) = read(format, file).unwrap();
    assert_eq!(recs.len(), 1);
    let r = recs.remove(0).0;
    let all = format!("{r:?}");
    assert!(!all.contains("root:"), "{all}");
    assert!(!all.contains("lollol"), "{all}");
    r
}

/// `detect` and `read` of every format return (whatever they return) on `bytes`.
pub fn survives(formats: &[&dyn Format], bytes: &[u8]) {
    for format in formats {
        let _ = format.detect(bytes);
        let _ = read(*format, bytes);
    }
}

/// Up to 2 KiB of anything.
pub fn any_bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..2048)
}

/// One of `fixtures`, cut anywhere.
pub fn truncated(fixtures: &[&'static [u8]]) -> impl Strategy<Value = Vec<u8>> {
    (prop::sample::select(fixtures.to_vec()), any::<Index>())
        .prop_map(|(f, cut)| f[..cut.index(f.len() + 1)].to_vec())
}

/// One of `fixtures` with a few bytes replaced, inserted or removed, and a
/// place to cut it.
pub fn mutated(fixtures: &[&'static [u8]]) -> impl Strategy<Value = (Vec<u8>, Index)> {
    let edits = proptest::collection::vec((any::<Index>(), any::<u8>(), 0u8..3), 0..12);
    (
        prop::sample::select(fixtures.to_vec()),
        edits,
        any::<Index>(),
    )
        .prop_map(|(base, edits, cut)| {
            let mut bytes = base.to_vec();
            for (at, byte, op) in edits {
                let i = at.index(bytes.len() + 1);
                match op {
                    0 if i < bytes.len() => bytes[i] = byte,
                    1 => bytes.insert(i, byte),
                    _ if i < bytes.len() => {
                        bytes.remove(i);
                    }
                    _ => {}
                }
            }
            (bytes, cut)
        })
}

/// Documents made of a format's own `tags` and XML's awkward pieces
/// (references, CDATA, comments, a DTD, stray markup) in any order, to reach
/// deeper than random bytes do.
pub fn xml_soup(tags: &[&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let pieces: Vec<&'static str> = tags.iter().chain(XML_PIECES).copied().collect();
    proptest::collection::vec(prop::sample::select(pieces), 0..200)
        .prop_map(|v| v.concat().into_bytes())
}

const XML_PIECES: &[&str] = &[
    "2024-01-01 00:00:00",
    "2013-07-04T02:44:47Z",
    "true",
    "false",
    "0",
    "1",
    "spam",
    "pingback",
    "x",
    "&amp;",
    "&lt;",
    "&#128512;",
    "&#0;",
    "&#x110000;",
    "&#;",
    "&#xZZ;",
    "&unknown;",
    "&",
    ";",
    "<![CDATA[<p>hi</p>]]>",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<!DOCTYPE r [<!ENTITY e \"x\">]>",
    "<?xml version=\"1.0\"?>",
    "<",
    ">",
    "/",
    "\"",
    "=",
    " ",
    "\n",
    "é",
    "\u{202e}",
];

/// An importer's property tests: `detect` and `read` of each of the formats
/// never panic on arbitrary bytes, on one of the fixtures cut anywhere, nor on
/// one with a few bytes changed (whole and cut).
/// `never_panics!([Format, …], &[FIXTURE, …]);`
macro_rules! never_panics {
    ([$($format:expr),+ $(,)?], $fixtures:expr) => {
        proptest::proptest! {
            #[test]
            fn never_panics_on_arbitrary_bytes(
                bytes in $crate::import::test_support::any_bytes()
            ) {
                $crate::import::test_support::survives(
                    &[$(&$format as &dyn $crate::import::format::Format),+],
                    &bytes,
                );
            }

            #[test]
            fn never_panics_on_any_truncation(
                bytes in $crate::import::test_support::truncated($fixtures)
            ) {
                $crate::import::test_support::survives(
                    &[$(&$format as &dyn $crate::import::format::Format),+],
                    &bytes,
                );
            }

            #[test]
            fn never_panics_on_mutated_fixtures(
                (bytes, cut) in $crate::import::test_support::mutated($fixtures)
            ) {
                let formats = [$(&$format as &dyn $crate::import::format::Format),+];
                $crate::import::test_support::survives(&formats, &bytes);
                $crate::import::test_support::survives(
                    &formats,
                    &bytes[..cut.index(bytes.len() + 1)],
                );
            }
        }
    };
}
pub(crate) use never_panics;
