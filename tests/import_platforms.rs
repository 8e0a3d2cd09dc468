//! Every platform fixture through the real import path: detection, counts,
//! own-reply recognition, idempotent re-import, and malformed files that
//! name a position and leave the database unchanged.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use serde_json::Value;

const NOW: &str = "2026-11-20T12:00:00Z";

/// (fixture, detected format, new items, skipped items)
const FIXTURES: &[(&str, &str, u64, u64)] = &[
    ("wordpress/export-part1.xml", "wordpress", 7, 6),
    ("wordpress/export-part2.xml", "wordpress", 3, 1),
    ("disqus/export.xml", "disqus", 6, 2),
    ("youtube/commentThreads.json", "youtube", 7, 3),
    ("youtube/commentThreads-pages.jsonl", "youtube", 5, 0),
    ("youtube/commentThreads-array.json", "youtube", 3, 0),
    ("youtube/uploads-then-threads.jsonl", "youtube", 7, 3),
    ("mastodon/notifications.json", "mastodon", 3, 4),
    ("mastodon/statuses.json", "mastodon", 4, 1),
    ("mastodon/outbox.json", "mastodon", 5, 1),
    ("mastodon/context.json", "mastodon", 4, 0),
    ("github/issue-comments.json", "github", 6, 1),
    ("github/issues-pages.jsonl", "github", 5, 1),
    ("reddit/api_comments.json", "reddit", 6, 9),
    ("reddit/api_inbox.json", "reddit", 4, 2),
    ("reddit/api_user_comments.json", "reddit", 2, 0),
    ("reddit/api_user_overview.json", "reddit", 2, 0),
    ("facebook/graph_post_comments.json", "facebook", 9, 3),
    ("instagram/graph_media_comments.json", "instagram", 7, 1),
    ("bluesky/get_post_thread.json", "bluesky", 8, 2),
    ("bluesky/list_notifications.json", "bluesky", 5, 8),
    ("bluesky/get_author_feed.json", "bluesky", 10, 3),
    ("threads/post.json", "threads", 1, 0),
    ("threads/conversation.jsonl", "threads", 6, 2),
    ("threads/mentions.json", "threads", 4, 0),
    ("threads/my_replies.json", "threads", 3, 0),
    ("threads/my_threads.json", "threads", 2, 1),
    ("hackernews/algolia_story.json", "hackernews", 6, 1),
    ("hackernews/algolia_search.json", "hackernews", 3, 1),
    ("x/mentions.json", "x", 5, 1),
    ("x/own_tweets.json", "x", 2, 0),
    ("x/search_conversation.jsonl", "x", 5, 0),
];

/// The owner of the fixtures' accounts, per platform.
const OWN: &str = r#"
[own]
github = ["octo-maintainer"]
reddit = ["alex_example"]
instagram = ["alex.example"]
bluesky = ["alex.example.com"]
threads = ["fernweh.coffee"]
hackernews = ["alexexample"]
x = ["fernwehcoffee"]
"#;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn summary(s: &Sandbox, path: &str) -> Value {
    s.import_summary(std::path::Path::new(path), common::t(NOW))
}

/// A lone page of a post's comments (fewer than a page: no paging link
/// names the post) joins the stored post its comment ids name, and a mute
/// of that post dismisses them as they come.
#[test]
fn a_lone_facebook_page_joins_the_post_its_ids_name() {
    let s = Sandbox::new();
    s.ok(
        &["import", &fixture("facebook/graph_post_comments.json")],
        common::t(NOW),
    );
    let post = "104728385123456_122195834567890123";
    s.ok(&["mute", &format!("facebook:{post}")], common::t(NOW));
    let comment = |id: &str| {
        serde_json::json!({"id": id, "message": "Still no word on the ship date?",
            "created_time": "2026-10-02T08:00:00+0000", "from": {"name": "Ola", "id": "9001"}})
    };
    let page = serde_json::json!({
        "data": [comment("122195834567890123_777"), comment("555_888")],
        "paging": {"cursors": {"before": "QVFI", "after": "QVFJ"}}
    });
    let f = s.file("lone.json", &page.to_string());
    let got = summary(&s, f.to_str().unwrap());
    assert_eq!(got["dismissed_muted"], 1, "{got}");
    let listed = s.list(common::t(NOW));
    let of = |id: &str| listed.iter().find(|v| v["id"] == id).expect(id).clone();
    let joined = of("122195834567890123_777");
    assert_eq!(joined["thread_id"], post);
    assert_eq!(joined["thread_title"], "ackbox 0.3 is out 🎉");
    assert_eq!(joined["state"], "dismissed");
    // A post not stored: no thread, waiting.
    let alone = of("555_888");
    assert!(alone["thread_id"].is_null(), "{alone}");
    assert_eq!(alone["state"], "needs-reply");
    // The page first, then the post: its comments join it when it comes
    // (and the page imported again leaves them there).
    for again in [false, true] {
        let s = Sandbox::new();
        let f = s.file("lone.json", &page.to_string());
        summary(&s, f.to_str().unwrap());
        let joined = |s: &Sandbox| {
            s.list(common::t(NOW))
                .into_iter()
                .find(|v| v["id"] == "122195834567890123_777")
                .map(|v| v["thread_id"].clone())
        };
        assert_eq!(joined(&s), Some(serde_json::Value::Null));
        summary(&s, &fixture("facebook/graph_post_comments.json"));
        if again {
            summary(&s, f.to_str().unwrap());
        }
        assert_eq!(joined(&s), Some(serde_json::json!(post)), "again: {again}");
    }
}

/// Facebook has no handles: a list names its people by name, not by the
/// app-scoped ids they are known by, and people lists give both.
#[test]
fn facebook_people_are_listed_by_name() {
    let s = Sandbox::new();
    s.ok(
        &["import", &fixture("facebook/graph_post_comments.json")],
        common::t(NOW),
    );
    let listed = s.ok(&["list", "--state", "all"], common::t(NOW));
    assert!(listed.contains("María Fernández"), "{listed}");
    assert!(!listed.contains("7012345678901234"), "{listed}");
    // Asked by name, `person` names the id it takes.
    for typed in ["maría fernández", "MARÍA FERNANDEZ"] {
        let err = s.fails(&["person", &format!("facebook:{typed}")], common::t(NOW));
        assert!(
            err.contains("did you mean facebook:7012345678901234 (María Fernández)?"),
            "{err}"
        );
    }
    // The statistics' most active people too.
    let stats = s.ok(&["stats", "--window", "all"], common::t(NOW));
    assert!(
        stats.contains("  facebook:7012345678901234 (María Fernández) "),
        "{stats}"
    );
    // People and a person: the id `ackbox person` takes, and the name.
    for args in [
        &["people", "--platform", "facebook"][..],
        &["person", "facebook:7012345678901234"],
    ] {
        let people = s.ok(args, common::t(NOW));
        assert!(
            people.contains("facebook:7012345678901234 (María Fernández) "),
            "{people}"
        );
        assert!(
            people.lines().all(|l| ackbox::text::width(l) < 120),
            "{people}"
        );
        let columns: Vec<usize> = (people.lines())
            .map(|l| ackbox::text::width(&l[..l.find(" item").unwrap()]))
            .collect();
        assert!(columns.windows(2).all(|w| w[0] == w[1]), "{people}");
    }
}

/// Disqus: the owner is recognised by their registered username (and its
/// e-mail), never by what a guest types: a guest named like the owner, or
/// who gives the owner's e-mail address, stays a stranger in the queue.
#[test]
fn a_disqus_guest_typing_the_owners_name_or_email_is_not_the_owner() {
    let s = Sandbox::new();
    std::fs::write(
        s.config(),
        "[own]\ndisqus = [\"examplecoffee\", \"owner@example.com\"]\n",
    )
    .unwrap();
    let post = |id: &str, author: &str| {
        format!(
            r#"<post dsq:id="{id}"><message>Hi from {id}</message>
<createdAt>2026-11-01T10:00:0{}Z</createdAt><author>{author}</author></post>"#,
            id.len() % 10
        )
    };
    let file = s.file(
        "disqus.xml",
        &format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
{}{}{}</disqus>"#,
            post(
                "1",
                "<name>Example Coffee</name><email>owner@example.com</email>\
                 <isAnonymous>false</isAnonymous><username>examplecoffee</username>"
            ),
            post(
                "22",
                "<name>examplecoffee</name><isAnonymous>true</isAnonymous>"
            ),
            post(
                "333",
                "<name>Not Me</name><email>owner@example.com</email><isAnonymous>true</isAnonymous>"
            ),
        ),
    );
    summary(&s, file.to_str().unwrap());
    let incoming: Vec<Value> = s.list(common::t(NOW));
    let ids: Vec<&str> = incoming.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2, "{incoming:?}");
    for id in ["22", "333"] {
        assert_eq!(s.state_of("disqus", id, common::t(NOW)), "needs-reply");
    }
    let own = s.ok(&["replies", "--json"], common::t(NOW));
    assert!(
        own.contains("Hi from 1") && !own.contains("Hi from 22"),
        "{own}"
    );
}

/// A file holding its pages twice (a fetch appended again with `>>`) is
/// the file once: the same items, and each thing skipped counted once.
#[test]
fn pages_appended_twice_import_and_count_as_once() {
    for (name, _, new, _) in FIXTURES.iter().filter(|f| !f.0.ends_with(".xml")) {
        let s = Sandbox::new();
        std::fs::write(s.config(), OWN).unwrap();
        let once = std::fs::read_to_string(fixture(name)).unwrap();
        let twice = s.file("twice.jsonl", &format!("{}\n{}", once.trim(), once.trim()));
        let got = summary(&s, twice.to_str().unwrap());
        assert_eq!(got["new"], *new, "{name}: {got}");
        let s = Sandbox::new();
        std::fs::write(s.config(), OWN).unwrap();
        assert_eq!(
            got["skipped"],
            summary(&s, &fixture(name))["skipped"],
            "{name}"
        );
    }
}

#[test]
fn every_fixture_is_detected_imported_and_reimported_as_a_no_op() {
    for (name, format, new, skipped) in FIXTURES {
        let s = Sandbox::new();
        std::fs::write(s.config(), OWN).unwrap();
        let first = summary(&s, &fixture(name));
        assert_eq!(first["format"], *format, "{name}");
        assert_eq!(first["new"], *new, "{name}: {first}");
        let skipped_total: u64 = first["skipped"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(skipped_total, *skipped, "{name}: {first}");
        let before = s.ok(&["export"], common::t(NOW));
        let again = summary(&s, &fixture(name));
        assert_eq!(
            (
                again["new"].as_u64(),
                again["updated"].as_u64(),
                again["unchanged"].as_u64()
            ),
            (Some(0), Some(0), Some(*new)),
            "{name}"
        );
        assert_eq!(
            s.ok(&["export"], common::t(NOW)),
            before,
            "{name}: re-import changed the database"
        );
        // Told by its content, under a name that says otherwise too.
        let renamed = s.file("renamed.CSV", "");
        std::fs::copy(fixture(name), &renamed).unwrap();
        let again = summary(&s, renamed.to_str().unwrap());
        assert_eq!(again["format"], *format, "{name} as .CSV");
        assert_eq!(again["unchanged"], *new, "{name} as .CSV");
        // Every text that reaches the database is clean.
        for line in before.lines() {
            assert!(ackbox::text::is_clean(line), "{name}: {line}");
        }
    }
}

#[test]
fn own_replies_are_recognised_and_linked() {
    for (name, linked) in [
        ("youtube/commentThreads.json", 1),
        ("reddit/api_comments.json", 1),
        ("hackernews/algolia_story.json", 1),
        ("instagram/graph_media_comments.json", 1),
        ("bluesky/get_author_feed.json", 3),
    ] {
        let s = Sandbox::new();
        std::fs::write(s.config(), OWN).unwrap();
        let r = summary(&s, &fixture(name));
        assert!(
            r["own_replies_linked"].as_u64().unwrap() >= linked,
            "{name}: {r}"
        );
        let replies = s.ok(&["replies", "--json"], common::t(NOW));
        assert!(!replies.is_empty(), "{name}: no own replies");
        // Every linked parent is answered, with its first reply time.
        for reply in replies
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
        {
            let Some(parent) = reply["parent_id"].as_str() else {
                continue;
            };
            if let Some(p) = s
                .list(common::t(NOW))
                .into_iter()
                .find(|v| v["id"] == parent)
            {
                assert_eq!(p["state"], "answered", "{name}: {p}");
                assert!(
                    p["first_reply_at"].as_str().unwrap() <= reply["created_at"].as_str().unwrap()
                );
            }
        }
    }
}

#[test]
fn threads_parents_and_times_come_through() {
    let s = Sandbox::new();
    summary(&s, &fixture("reddit/api_comments.json"));
    summary(&s, &fixture("hackernews/algolia_story.json"));
    summary(&s, &fixture("wordpress/export-part1.xml"));
    let items = s.list(common::t(NOW));
    for v in &items {
        assert!(v["created_at"].as_str().unwrap().ends_with('Z'), "{v}");
        assert!(
            !v["body"].as_str().unwrap().contains("&amp;"),
            "entities decoded: {v}"
        );
        assert!(
            !v["body"].as_str().unwrap().contains("<p>"),
            "HTML stripped: {v}"
        );
        if v["platform"] != "wordpress" {
            assert!(v["thread_title"].is_string(), "thread title: {v}");
        }
    }
    // Top-level comments have no parent even where the platform points them at the post.
    let reddit: Vec<&Value> = items.iter().filter(|v| v["platform"] == "reddit").collect();
    assert!(reddit.iter().any(|v| v["parent_id"].is_null()));
    assert!(
        reddit
            .iter()
            .all(|v| !v["id"].as_str().unwrap().starts_with("t1_"))
    );
    for v in &reddit {
        if let Some(p) = v["parent_id"].as_str() {
            assert!(!p.starts_with("t3_") && !p.starts_with("t1_"), "{v}");
        }
    }
}

/// A post's title is one line and its link holds no line break, as an
/// item's own title and link are (a user's overview gives the post apart
/// from the comments under it, whose own `link_title` it overrides).
#[test]
fn a_posts_title_and_link_are_one_line() {
    let s = Sandbox::new();
    let original = std::fs::read_to_string(fixture("reddit/api_user_overview.json")).unwrap();
    let title = "\"title\": \"ackbox 0.4 reads your Reddit inbox (&amp; knows what you answered)\"";
    assert!(original.contains(title));
    let file = original.replace(
        title,
        "\"title\": \"Line one\\u2028Line two\\u0085three\\nfour\"",
    );
    summary(&s, s.file("r.json", &file).to_str().unwrap());
    let items = s.list(common::t(NOW));
    let titled: Vec<&Value> = (items.iter())
        .filter(|v| {
            v["thread_title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Line one"))
        })
        .collect();
    assert!(!titled.is_empty(), "{items:?}");
    for v in titled {
        assert_eq!(v["thread_title"], "Line one Line two three four", "{v}");
    }
}

#[test]
fn malformed_files_name_a_position_and_change_nothing() {
    for (name, format, _, _) in FIXTURES {
        let s = Sandbox::new();
        let seed = s.file(
            "seed.jsonl",
            &lines(&[item(
                "x",
                "1",
                "a",
                "seed",
                "2026-11-01T10:00:00Z",
                serde_json::json!({}),
            )]),
        );
        s.ok(&["import", seed.to_str().unwrap()], common::t(NOW));
        let before = bytes(&s.db());
        let full = std::fs::read(fixture(name)).unwrap();
        let ext = name.rsplit('.').next().unwrap();
        // Cut off in the middle.
        let cut = s.dir.path().join(format!("cut.{ext}"));
        std::fs::write(&cut, &full[..full.len() * 2 / 3]).unwrap();
        let err = format!(
            "{:#}",
            s.run(
                &["import", "--format", format, cut.to_str().unwrap()],
                common::t(NOW)
            )
            .unwrap_err()
        );
        assert!(err.contains("cut."), "{name}: {err}");
        assert!(
            err.chars().any(|c| c.is_ascii_digit()),
            "{name}: no position in {err}"
        );
        assert!(bytes(&s.db()) == before, "{name}: the database changed");
        // A wrong type where a string or number belongs.
        let text = String::from_utf8(full.clone()).unwrap();
        // The field that holds each format's timestamp, made a wrong type.
        let key = match *format {
            "wordpress" => "<wp:comment_date_gmt>",
            "disqus" => "<createdAt>",
            "youtube" => "\"publishedAt\": \"",
            "mastodon" if name.contains("outbox") => "\"published\": \"",
            "facebook" => "\"created_time\": \"",
            "instagram" | "threads" => "\"timestamp\": \"",
            "bluesky" => "\"createdAt\": \"",
            "reddit" => "\"created_utc\": ",
            "hackernews" => "\"created_at_i\": ",
            _ => "\"created_at\": \"",
        };
        let compact = key.replace("\": ", "\":");
        // Bluesky falls back on the server's indexedAt when the client's createdAt is bad.
        let text = if *format == "bluesky" {
            text.replace("\"indexedAt\": \"", "\"indexedAt\": \"garbage")
        } else {
            text
        };
        let spots: Vec<(usize, &str)> = [key, compact.as_str()]
            .into_iter()
            .flat_map(|k| text.match_indices(k).collect::<Vec<_>>())
            .collect();
        assert!(!spots.is_empty(), "{name}: no {key}");
        // Some of these fields may be ones the importer does not use; one it uses must fail.
        let failed = spots.iter().any(|(i, k)| {
            let broken = format!("{}{k}garbage{}", &text[..*i], &text[i + k.len()..]);
            let bad = s.file(&format!("types.{ext}"), &broken);
            // A dry run: an attempt the importer accepts must not change the database either.
            match s.run(
                &[
                    "import",
                    "--dry-run",
                    "--format",
                    format,
                    bad.to_str().unwrap(),
                ],
                common::t(NOW),
            ) {
                Ok(_) => false,
                Err(e) => {
                    let err = format!("{e:#}");
                    assert!(
                        err.contains("types.") && err.chars().any(|c| c.is_ascii_digit()),
                        "{name}: {err}"
                    );
                    true
                }
            }
        });
        assert!(
            failed,
            "{name}: a garbage timestamp was accepted everywhere"
        );
        assert!(bytes(&s.db()) == before, "{name}: the database changed");
    }
}

#[test]
fn detection_never_panics_and_unknown_files_list_the_formats() {
    let s = Sandbox::new();
    for junk in [
        "",
        "   \n",
        "hello",
        "{}",
        "[]",
        "<html></html>",
        "{\"kind\": \"youtube#video\"}",
        "\u{feff}\u{feff}",
    ] {
        let f = s.file("junk.txt", junk);
        match s.run(&["import", f.to_str().unwrap()], common::t(NOW)) {
            Ok(out) => assert!(out.contains("0 new"), "{junk:?}: {out}"),
            Err(e) => assert!(format!("{e:#}").contains("junk.txt"), "{junk:?}: {e:#}"),
        }
    }
    let f = s.file("notes.txt", "dear diary");
    let err = s.fails(&["import", f.to_str().unwrap()], common::t(NOW));
    for name in ackbox::import::format_names() {
        assert!(err.contains(name), "{err}");
    }
}

/// A fetch whose first call failed leaves a file that is one API error
/// response: the import says so, with the platform's message (HTML taken
/// out), and imports nothing; a file in UTF-16 or UTF-32 is named as such.
/// The platforms' exports of what the account wrote itself are named, with
/// what to import instead, and change nothing, also when forced as their
/// platform's format (which reads its API's files).
#[test]
fn exports_of_ones_own_comments_are_called_what_they_are() {
    let s = Sandbox::new();
    for (platform, name, body, message) in [
        (
            "facebook",
            "comments.json",
            r#"{"comments_v2":[{"timestamp":1732550000,"data":[{"comment":{"timestamp":1732550000,"comment":"Sch\u00c3\u00b6n!","author":"J\u00c3\u00bcrgen"}}],"title":"J\u00c3\u00bcrgen commented on a post."}]}"#,
            "a Facebook \"Download your information\" file",
        ),
        (
            "instagram",
            "post_comments_1.json",
            r#"[{"media_list_data":[{"uri":""}],"string_map_data":{"Comment":{"value":"Toll!"},"Media Owner":{"value":"fernweh"},"Time":{"timestamp":1732550000}}}]"#,
            "an Instagram \"Download your information\" file",
        ),
        (
            "youtube",
            "comments.csv",
            "Comment ID,Channel ID,Comment Create Timestamp,Price,Parent Comment ID,Post ID,Video ID,Comment Text\nUgx,UCx,2026-11-21T08:00:00+00:00,0,,,vid,\"{\"\"text\"\":\"\"Thanks!\"\"}\"\n",
            "a Google Takeout YouTube comments file",
        ),
        (
            "reddit",
            "reddit.csv",
            "id,permalink,date,ip,subreddit,gildings,link,parent,body,media\nlx1,https://www.reddit.com/r/a/comments/1/x/lx1/,2024-11-25 20:03:20 UTC,,a,0,https://www.reddit.com/r/a/comments/1/x/,t1_lx0,Thanks,\n",
            "a Reddit data request's CSV",
        ),
        (
            "x",
            "tweets.js",
            "window.YTD.tweets.part0 = [\n  {\n    \"tweet\" : {\n      \"id_str\" : \"2123719247263576064\",\n      \"full_text\" : \"@carlos_mdz Yes Carlos!\",\n      \"created_at\" : \"Fri Nov 20 10:05:00 +0000 2026\",\n      \"in_reply_to_status_id_str\" : \"2123688339437400064\"\n    }\n  }\n]",
            "an X archive's data file",
        ),
        (
            "x",
            "mentions_timeline.json",
            r#"[{"created_at":"Fri Nov 20 10:05:00 +0000 2026","id":2123719247263576064,"id_str":"2123719247263576064","text":"@fernweh hi","in_reply_to_status_id_str":null,"user":{"id_str":"99","screen_name":"carlos_mdz","name":"Carlos"}}]"#,
            "an X API v1.1 response",
        ),
        // An archive's part, a Download with nothing in it.
        (
            "x",
            "like.js",
            "window.YTD.like.part0 = []",
            "an X archive's data file",
        ),
        (
            "facebook",
            "no_comments.json",
            r#"{"comments_v2":[]}"#,
            "a Facebook \"Download your information\" file",
        ),
        // Its comments in groups, and the comments file of older downloads.
        (
            "facebook",
            "your_comments_in_groups.json",
            r#"{"group_comments_v2":[{"timestamp":1700000000,"data":[{"comment":{"timestamp":1700000000,"comment":"Sch\u00c3\u00b6n!","author":"Fernweh Caf\u00c3\u00a9","group":"Coffee Lovers"}}],"title":"Fernweh commented."}]}"#,
            "a Facebook \"Download your information\" file",
        ),
        (
            "facebook",
            "comments.json",
            r#"{"comments":[{"timestamp":1500000000,"data":[{"comment":{"timestamp":1500000000,"comment":"Nice!","author":"Fernweh"}}],"title":"Fernweh commented on a post."}]}"#,
            "a Facebook \"Download your information\" file",
        ),
        (
            "facebook",
            "your_posts_1.json",
            r#"[{"timestamp": 1732550000, "data": [{"post": "Sch\u00c3\u00b6n!"}], "title": "J\u00c3\u00bcrgen updated his status."}]"#,
            "a Facebook \"Download your information\" file",
        ),
        (
            "reddit",
            "posts.csv",
            "id,permalink,date,ip,subreddit,gildings,title,url,body\n1a2b,https://www.reddit.com/r/a/comments/1a2b/x/,2024-11-25 20:03:20 UTC,,a,0,Hello,,Text\n",
            "a Reddit data request's CSV",
        ),
        (
            "instagram",
            "reels_comments.json",
            r#"{"comments_reels_comments":[]}"#,
            "an Instagram \"Download your information\" file",
        ),
        (
            "threads",
            "threads_and_replies.json",
            r#"{"text_post_app_text_posts":[{"media":[{"uri":"","creation_timestamp":1732550000,"title":"Wir r\u00c3\u00b6sten heute"}],"title":""}]}"#,
            "a Threads \"Download your information\" file",
        ),
        // A Mastodon archive's files besides its outbox.
        (
            "mastodon",
            "likes.json",
            r#"{"@context":"https://www.w3.org/ns/activitystreams","id":"likes.json","type":"OrderedCollection","orderedItems":["https://fosstodon.org/users/ana/statuses/1"]}"#,
            "a file of a Mastodon account archive other than its outbox",
        ),
        (
            "threads",
            "liked_threads.json",
            r#"{"text_post_app_media_likes":[{"title":"fernweh.coffee","string_list_data":[{"href":"https://www.threads.net/@fernweh.coffee","timestamp":1732550000}]}]}"#,
            "a Threads \"Download your information\" file",
        ),
        (
            "mastodon",
            "bookmarks.json",
            r#"{"@context":"https://www.w3.org/ns/activitystreams","id":"bookmarks.json","type":"OrderedCollection","orderedItems":["https://fosstodon.org/users/ana/statuses/2"]}"#,
            "a file of a Mastodon account archive other than its outbox",
        ),
        (
            "mastodon",
            "actor.json",
            r#"{"@context":["https://www.w3.org/ns/activitystreams"],"id":"https://coffee.social/users/fernweh","type":"Person","following":"https://coffee.social/users/fernweh/following","outbox":"outbox.json","preferredUsername":"fernweh","name":"Fernweh"}"#,
            "a file of a Mastodon account archive other than its outbox",
        ),
    ] {
        let f = s.dir.path().join(name);
        std::fs::write(&f, body).unwrap();
        let f = f.to_str().unwrap();
        let forced = ["import", "--format", platform, f];
        let canonical = ["import", "--format", "canonical", f];
        for args in [&["import", f][..], &forced, &canonical] {
            let e = s.run(args, t(NOW)).unwrap_err();
            let e = format!("{e:#}");
            assert_eq!(e.matches(message).count(), 1, "{args:?}: {e}");
            assert!(e.contains("README"), "{args:?}: {e}");
        }
    }
    // An archive's empty likes.json is told by its id (forced as Mastodon's,
    // it is an outbox with nothing in it).
    let empty = s.file(
        "likes.json",
        r#"{"@context":"https://www.w3.org/ns/activitystreams","id":"likes.json","type":"OrderedCollection","orderedItems":[]}"#,
    );
    let e = format!(
        "{:#}",
        s.run(&["import", empty.to_str().unwrap()], t(NOW))
            .unwrap_err()
    );
    assert!(
        e.contains("a file of a Mastodon account archive other than its outbox"),
        "{e}"
    );
    assert!(
        !s.db().exists(),
        "no database made by a refused first import"
    );
    // A user's comments listing (`/user/NAME/comments.json`) is JSON, not
    // the data request's CSV, though it names the same fields: it imports.
    let listing = s.file(
        "mine.json",
        r#"{"kind":"Listing","data":{"children":[{"kind":"t1","data":{"id":"lx1","subreddit":"a","parent_id":"t1_lx0","permalink":"/r/a/comments/1/x/lx1/","body":"Thanks","author":"me","created_utc":1732565000.0,"link_id":"t3_1","name":"t1_lx1"}}]}}"#,
    );
    let got = summary(&s, listing.to_str().unwrap());
    assert_eq!(
        (got["format"].as_str(), got["new"].as_u64()),
        (Some("reddit"), Some(1))
    );
}

/// A file forced as a format it is not fails with the error that format's
/// reader gives, and says what the file reads as.
#[test]
fn a_forced_wrong_format_says_what_the_file_is() {
    let s = Sandbox::new();
    let canonical = s.file(
        "comments.jsonl",
        r#"{"platform":"youtube","id":"c1","author":"@ann","body":"Hi","created_at":"2026-11-20T10:00:00Z"}"#,
    );
    let youtube = fixture("youtube/commentThreads-array.json");
    for (file, forced, reads) in [
        (canonical.to_str().unwrap(), "reddit", "canonical"),
        (youtube.as_str(), "canonical", "youtube"),
    ] {
        let e = s
            .run(&["import", "--format", forced, file], t(NOW))
            .unwrap_err();
        let e = format!("{e:#}");
        let said = format!(
            "(read as --format {forced}: the file reads as {reads}; import it without --format)"
        );
        assert!(e.contains(&said), "{e}");
        // Unforced, it imports.
        assert_eq!(summary(&s, file)["format"], reads);
    }
}

/// Meta's APIs share their shapes: a file of one forced as another, which
/// that reader would take without an error, is refused where the file
/// tells which it is, and nothing is imported.
#[test]
fn a_meta_file_forced_as_another_of_meta_s_is_refused() {
    let s = Sandbox::new();
    for (file, forced, reads) in [
        (
            "instagram/graph_media_comments.json",
            "threads",
            "instagram",
        ),
        ("facebook/graph_post_comments.json", "threads", "facebook"),
        // Comments with their replies edge (`fields=…,replies`).
        (
            "instagram/graph_comment_pages.jsonl",
            "threads",
            "instagram",
        ),
        ("threads/conversation.jsonl", "instagram", "threads"),
        ("threads/post.json", "facebook", "threads"),
    ] {
        let e = s.fails(&["import", "--format", forced, &fixture(file)], t(NOW));
        assert!(
            e.contains(&format!("the file reads as {reads} (")),
            "{file}: {e}"
        );
        assert!(
            e.contains(&format!(
                "not as --format {forced}: read so, it would import wrong"
            )),
            "{file}: {e}"
        );
    }
    // A page of comments without replies, told by its fields and link.
    let page = s.file(
        "ig2.json",
        r#"{"data":[{"id":"17900000000000021","text":"Love this","timestamp":"2026-11-20T10:00:00+0000","username":"lea","from":{"id":"1","username":"lea"},"like_count":0,"hidden":false}],"paging":{"next":"https://graph.facebook.com/v21.0/1/comments?after=b"}}"#,
    );
    // Its link alone, written with `\/`, as Meta's APIs may.
    let escaped = s.file(
        "ig3.json",
        r#"{"data":[{"id":"17900000000000022","text":"Nice","timestamp":"2026-11-20T10:00:00+0000","username":"lea"}],"paging":{"next":"https:\/\/graph.facebook.com\/v21.0\/1\/comments?after=c"}}"#,
    );
    for file in [&page, &escaped] {
        let e = s.fails(
            &["import", "--format", "threads", file.to_str().unwrap()],
            t(NOW),
        );
        assert!(
            e.contains("the file reads as instagram (keys or links only"),
            "{e}"
        );
        assert!(!s.db().exists(), "nothing imported, no database made");
    }
    // Unforced, each imports.
    assert_eq!(summary(&s, page.to_str().unwrap())["new"], 1);
    // A Threads page asked for few fields (read as Instagram's unforced)
    // whose text names Facebook's Graph API is taken as forced.
    let threads = s.file(
        "th1.json",
        r#"{"data":[{"id":"18050000000000001","text":"How do I call https://graph.facebook.com/ from the Threads app?","username":"dev.anna","timestamp":"2026-10-07T09:00:00+0000"}]}"#,
    );
    let r = s.ok(
        &[
            "import",
            "--json",
            "--format",
            "threads",
            threads.to_str().unwrap(),
        ],
        t(NOW),
    );
    assert!(r.contains("\"format\":\"threads\""), "{r}");
    // An Instagram page after a Threads one in one file, with or without
    // --format: refused by its keys, nothing of the file imported.
    let before = s.list(t(NOW)).len();
    let mixed = s.file(
        "mixed.json",
        r#"[{"data":[{"id":"18050000000000002","text":"Hi","username":"dev.anna","timestamp":"2026-10-07T09:00:00+0000","is_reply":false}]},{"data":[{"id":"17900000000000023","text":"hi","timestamp":"2026-11-20T10:00:00+0000","username":"a","like_count":3}]}]"#,
    );
    for forced in [&["--format", "threads"][..], &[]] {
        let mut args = vec!["import", mixed.to_str().unwrap()];
        args.extend(forced);
        let e = s.fails(&args, t(NOW));
        assert!(
            e.contains("like_count: a key of Instagram's or Facebook's Graph API"),
            "{e}"
        );
    }
    assert_eq!(s.list(t(NOW)).len(), before);
}

/// Reddit's inbox, then the owner's own comments (`/user/NAME/comments`):
/// an own reply there answers the inbox comment it replies to, and
/// importing either again changes nothing. A comment that comes in the
/// inbox and on its post's comment page, in either order, is one item; the
/// owner's overview notes its posts as threads.
#[test]
fn reddit_inbox_and_own_comments() {
    let now = common::t(NOW);
    let s = Sandbox::new();
    std::fs::write(s.config(), OWN).unwrap();
    let inbox = summary(&s, &fixture("reddit/api_inbox.json"));
    assert_eq!(inbox["new"], 4, "{inbox}");
    assert_eq!(
        inbox["skipped"],
        serde_json::json!({"bot": 1, "message": 1})
    );
    assert_eq!(s.state_of("reddit", "lt3b7kd", now), "needs-reply");
    assert_eq!(s.listed("lt2m9qx", now)["kind"], "mention");

    let mine = summary(&s, &fixture("reddit/api_user_comments.json"));
    assert_eq!(
        (mine["new"].as_u64(), mine["own_replies_linked"].as_u64()),
        (Some(2), Some(2)),
        "{mine}"
    );
    // The reply to mx_lopez's comment, and the one on the post's page.
    for id in ["lt3b7kd", "lq1a2b3"] {
        assert_eq!(s.state_of("reddit", id, now), "answered", "{id}");
    }
    let waiting: Vec<String> = (s.list(now).into_iter())
        .filter(|v| v["state"] == "needs-reply")
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(waiting, ["lt2m9qx", "lq1e6f7"]);
    let replies = s.ok(&["replies", "--json"], now);
    assert!(replies.contains("\"lt4c8le\""), "{replies}");

    // Again: nothing changes.
    let before = s.ok(&["export"], now);
    for (name, n) in [
        ("reddit/api_inbox.json", 4),
        ("reddit/api_user_comments.json", 2),
    ] {
        let again = summary(&s, &fixture(name));
        assert_eq!(
            (
                again["new"].as_u64(),
                again["updated"].as_u64(),
                again["unchanged"].as_u64()
            ),
            (Some(0), Some(0), Some(n)),
            "{name}: {again}"
        );
    }
    assert_eq!(s.ok(&["export"], now), before);

    // The post's comment page: what the inbox and the user's comments
    // brought are the same items, unchanged.
    let page = summary(&s, &fixture("reddit/api_comments.json"));
    assert_eq!(
        (
            page["new"].as_u64(),
            page["updated"].as_u64(),
            page["unchanged"].as_u64()
        ),
        (Some(3), Some(0), Some(3)),
        "{page}"
    );
    let all = s.list(now);
    for id in ["lq1a2b3", "lq1e6f7"] {
        assert_eq!(all.iter().filter(|v| v["id"] == id).count(), 1, "{id}");
    }
    assert_eq!(s.state_of("reddit", "lq1a2b3", now), "answered");

    // The other way round: the page first, then the inbox.
    let s = Sandbox::new();
    std::fs::write(s.config(), OWN).unwrap();
    summary(&s, &fixture("reddit/api_comments.json"));
    let inbox = summary(&s, &fixture("reddit/api_inbox.json"));
    assert_eq!(
        (
            inbox["new"].as_u64(),
            inbox["updated"].as_u64(),
            inbox["unchanged"].as_u64()
        ),
        (Some(2), Some(0), Some(2)),
        "{inbox}"
    );
    assert_eq!(s.state_of("reddit", "lq1a2b3", now), "answered");

    // The overview: its post is a thread with its title and link.
    summary(&s, &fixture("reddit/api_user_overview.json"));
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let post = rows(
        &conn,
        "SELECT title, url FROM threads WHERE platform = 'reddit' AND thread_id = '1gq2w8e'",
    );
    assert_eq!(
        post,
        [[
            rusqlite::types::Value::Text(
                "ackbox 0.4 reads your Reddit inbox (& knows what you answered)".into()
            ),
            rusqlite::types::Value::Text(
                "https://www.reddit.com/r/rust/comments/1gq2w8e/ackbox_04_reads_your_reddit_inbox_knows_what_you/"
                    .into()
            )
        ]]
    );
}

#[test]
fn error_responses_and_utf16_files_are_called_what_they_are() {
    let s = Sandbox::new();
    let err = |name: &str, bytes: &[u8]| {
        let f = s.dir.path().join(name);
        std::fs::write(&f, bytes).unwrap();
        let e = s.run(&["import", f.to_str().unwrap()], t(NOW)).unwrap_err();
        format!("{e:#}")
    };
    for (name, body, message) in [
        (
            "yt.json",
            r#"{"error":{"code":403,"message":"You have exceeded your <a href=\"/q\">quota</a>.","errors":[{"reason":"quotaExceeded"}]}}"#,
            "You have exceeded your quota.",
        ),
        (
            "gh.json",
            r#"{"message":"API rate limit exceeded","documentation_url":"https://docs.github.com/rest"}"#,
            "API rate limit exceeded",
        ),
        (
            "masto.json",
            r#"{"error":"The access token is invalid"}"#,
            "The access token is invalid",
        ),
        (
            "fb.json",
            r#"{"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100}}"#,
            "(#100) Invalid parameter",
        ),
        (
            "bsky.json",
            r#"{"error":"InvalidRequest","message":"Post not found"}"#,
            "InvalidRequest: Post not found",
        ),
        (
            // An empty `errors` list does not make it an empty page.
            "yt503.json",
            r#"{"error":{"code":503,"message":"The service is currently unavailable.","errors":[],"status":"UNAVAILABLE"}}"#,
            "The service is currently unavailable.",
        ),
        (
            "reddit.json",
            r#"{"message": "Forbidden", "error": 403}"#,
            "403 Forbidden",
        ),
        (
            "x.json",
            r#"{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}"#,
            "401 Unauthorized",
        ),
        (
            "x-query.json",
            r#"{"errors":[{"parameters":{"query":[""]},"message":"Invalid query"}],"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request"}"#,
            "Invalid Request: One or more parameters to your request was invalid. (Invalid query)",
        ),
        (
            "x-gone.json",
            r#"{"errors":[{"value":"2123688339437400064","detail":"Could not find tweet with id: [2123688339437400064].","title":"Not Found Error","resource_type":"tweet","parameter":"id","resource_id":"2123688339437400064","type":"https://api.twitter.com/2/problems/resource-not-found"}]}"#,
            "Could not find tweet with id: [2123688339437400064].",
        ),
    ] {
        let e = err(name, body.as_bytes());
        assert_eq!(
            e,
            format!(
                "{}: the file holds an API error response, not comments: {message}",
                s.dir.path().join(name).display()
            ),
        );
    }
    // A message thousands of characters long is quoted by its ends.
    let long = format!(
        r#"{{"error":{{"message":"Not Found {}!"}}}}"#,
        "x".repeat(50_000)
    );
    let e = err("long.json", long.as_bytes());
    assert!(
        e.len() < 1000 && e.contains("not comments: Not Found xxx") && e.ends_with("xxx!"),
        "{e}"
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("[{\"id\": 1}]".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert!(err("ps.json", &utf16).contains("the file is in UTF-16"));
    assert!(err("ps.json", &utf16).contains("iconv -f UTF-16 -t UTF-8 "));
    // The name in the command quoted as a shell reads it, to paste.
    let e = err("a$(id) b'.json", &utf16);
    assert!(e.contains("-t UTF-8 '"), "{e}");
    assert!(e.contains("a$(id) b'\"'.json\" > utf8-copy)"), "{e}");
    // UTF-32 starts with UTF-16's byte order mark, and is not UTF-16.
    let text = "{\"id\": 1}";
    let utf32_le: Vec<u8> = [0xFEFF_u32]
        .into_iter()
        .chain(text.chars().map(u32::from))
        .flat_map(u32::to_le_bytes)
        .collect();
    let utf32_be: Vec<u8> = text
        .chars()
        .map(u32::from)
        .flat_map(u32::to_be_bytes)
        .collect();
    // With a byte order mark iconv finds the order; without one it is named.
    for (utf32, name) in [(utf32_le, "UTF-32"), (utf32_be, "UTF-32BE")] {
        let e = err("u32.json", &utf32);
        assert!(
            e.contains(&format!("the file is in {name}; "))
                && e.contains(&format!("iconv -f {name} -t UTF-8 ")),
            "{e}"
        );
    }
    let utf16_be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let e = err("be.json", &utf16_be);
    assert!(e.contains("iconv -f UTF-16BE -t UTF-8 "), "{e}");
    // Nothing imported: not even an empty database made.
    assert!(!s.db().exists());
    // Forced to its format, the error names its place once.
    let f = s.file("yt2.json", r#"{"error":{"code":403,"message":"quota"}}"#);
    let e = s
        .run(
            &["import", "--format", "youtube", f.to_str().unwrap()],
            t(NOW),
        )
        .unwrap_err();
    assert!(
        format!("{e:#}").ends_with(
            "yt2.json:error: the file holds a YouTube API error response, not comments: 403 quota"
        ),
        "{e:#}"
    );
    // On the second page of JSON Lines, too.
    let f = s.file(
        "yt.jsonl",
        "{\"kind\":\"youtube#commentThreadListResponse\",\"items\":[]}\n{\"error\":{\"code\":403,\"message\":\"quota\"}}\n",
    );
    let e = s.run(&["import", f.to_str().unwrap()], t(NOW)).unwrap_err();
    assert!(
        format!("{e:#}").ends_with(
            "yt.jsonl:2: error: the file holds a YouTube API error response, not comments: 403 quota"
        ),
        "{e:#}"
    );
    // The formats read whole say so too, with the platform's message.
    let first_line = |name: &str| {
        std::fs::read_to_string(fixture(name))
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_owned()
    };
    for (format, first, error, said) in [
        (
            "reddit",
            r#"[{"kind":"Listing","data":{"children":[{"kind":"t3","data":{"id":"p"}}]}},{"kind":"Listing","data":{"children":[]}}]"#.to_owned(),
            r#"{"message":"Too Many Requests","error":429}"#,
            "429 Too Many Requests",
        ),
        (
            "hackernews",
            first_line("hackernews/algolia_items.jsonl"),
            r#"{"status":404,"error":"Not Found"}"#,
            "Not Found",
        ),
        (
            "bluesky",
            first_line("bluesky/get_post_thread.jsonl"),
            r#"{"error":"NotFound","message":"Post not found"}"#,
            "NotFound: Post not found",
        ),
        (
            "facebook",
            r#"{"data":[]}"#.to_owned(),
            r#"{"error":{"message":"(#10) Permission","type":"OAuthException","code":10}}"#,
            "(#10) Permission",
        ),
        (
            "threads",
            first_line("threads/conversation.jsonl"),
            r#"{"error":{"message":"Error validating access token: Session has expired.","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AxT9fGh2kLq"}}"#,
            "Error validating access token: Session has expired.",
        ),
        (
            "facebook",
            r#"{"data":[]}"#.to_owned(),
            r#"{"error":{"type":"OAuthException","code":190}}"#,
            r#"no message ({"code":190,"type":"OAuthException"})"#,
        ),
        (
            "x",
            first_line("x/search_conversation.jsonl"),
            r#"{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}"#,
            "429 Too Many Requests",
        ),
    ] {
        let f = s.file("pages.jsonl", &format!("{first}\n{error}\n"));
        let e = s
            .run(&["import", "--format", format, f.to_str().unwrap()], t(NOW))
            .unwrap_err();
        assert!(
            format!("{e:#}").ends_with(&format!(
                "pages.jsonl:2: error: the file holds an API error response, not comments: {said}"
            )),
            "{format}: {e:#}"
        );
    }
}

#[test]
fn quiet_api_pages_import_nothing() {
    let s = Sandbox::new();
    for (name, page) in [
        ("gh-comments.json", "[]\n"),
        (
            "fb.json",
            r#"{"data":[],"paging":{"cursors":{"before":"x","after":"y"}}}"#,
        ),
        ("mastodon.jsonl", "[]\n[]\n"),
        ("x.json", "{\"data\":[],\"meta\":{\"result_count\":0}}\n"),
    ] {
        let f = s.file(name, page);
        let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert!(out.contains("(empty): 0 new"), "{name}: {out}");
    }
    // A post and a media list without comments yet, as the README's commands fetch them.
    for (name, quiet, format) in [
        (
            "post.json",
            r#"{"id":"104857600000001_998877665599","message":"Closed on Monday","permalink_url":"https:\/\/www.facebook.com\/104857600000001\/posts\/pfbid02xyz"}"#,
            "facebook",
        ),
        ("x-mentions.json", r#"{"meta":{"result_count":0}}"#, "x"),
        (
            "media.json",
            r#"{"data":[{"id":"17900000000000011","caption":"Fresh roast","permalink":"https://www.instagram.com/p/DAbc123/","timestamp":"2026-12-01T08:00:00+0000"}],"paging":{"cursors":{"before":"QVFIU","after":"QVFIV"}}}"#,
            "instagram",
        ),
    ] {
        let f = s.file(name, quiet);
        let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
        assert!(out.contains(&format!("({format}): 0 new")), "{name}: {out}");
    }
    // A lone object is a record of some format, not an empty page.
    let f = s.file("one.json", r#"{"id":"1","text":"hi"}"#);
    assert!(s.run(&["import", f.to_str().unwrap()], t(NOW)).is_err());
}

#[test]
fn a_page_told_apart_only_after_64_kib_is_still_detected() {
    // A Graph API page whose first comment is long, written `\u`-escaped
    // as the API does: its first `created_time` is past 64 KiB.
    let long = "\\u0416".repeat(15_000);
    let page = format!(
        r#"{{"data":[{{"id":"1_2","message":"{long}","from":{{"name":"Ann","id":"7"}},"created_time":"2026-10-01T12:00:00+0000"}}]}}"#
    );
    assert!(page.find("created_time").unwrap() > 64 * 1024);
    let s = Sandbox::new();
    let f = s.file("long.json", &page);
    let out = s.ok(&["import", f.to_str().unwrap()], t(NOW));
    assert!(out.contains("(facebook): 1 new"), "{out}");
    assert_eq!(
        s.list(t(NOW))[0]["body"].as_str().unwrap().chars().count(),
        15_000
    );
}

#[test]
fn an_own_reply_to_someones_bluesky_post_answers_it() {
    let s = Sandbox::new();
    let f = fixture("bluesky/reply_to_someones_post.json");
    let out = s.ok(&["import", "--own", "bluesky:fernweh.coffee", &f], t(NOW));
    assert!(out.contains("1 own reply linked"), "{out}");
    let list = s.list(t(NOW));
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0]["author"].as_str(), list[0]["state"].as_str()),
        (Some("alice.bsky.social"), Some("answered"))
    );
}

/// Bluesky's notifications and the owner's author feed: the comments the
/// owner's replies answer are answered, whichever file comes first, and a
/// re-import of either changes nothing.
#[test]
fn bluesky_notifications_and_the_author_feed_answer_comments() {
    const PRIYA: &str = "at://did:plc:x7kp2vqmra4ddy5nfw3tzeho/app.bsky.feed.post/3l6pa2wqbdk2s";
    const SAM: &str = "at://did:plc:s2mqz6ivth4xw7ob3kfl5nry/app.bsky.feed.post/3l6pc7hx4ee2u";
    const MEI: &str = "at://did:plc:m2ei5lin7kq4w3vx6ybt2rzo/app.bsky.feed.post/3l6pd3kfxyz2v";
    const CARLOS: &str = "at://did:plc:c7xw2mq3yb6rlt5hfdgn4zke/app.bsky.feed.post/3l6ovk2abcd2x";
    let notifications = fixture("bluesky/list_notifications.json");
    let feed = fixture("bluesky/get_author_feed.json");
    for files in [[&notifications, &feed], [&feed, &notifications]] {
        let s = Sandbox::new();
        std::fs::write(s.config(), OWN).unwrap();
        for file in files {
            summary(&s, file);
        }
        let state = |id| s.state_of("bluesky", id, t(NOW));
        // Answered by the own replies in the feed.
        assert_eq!(state(PRIYA), "answered", "{files:?}");
        assert_eq!(state(SAM), "answered", "{files:?}");
        // Nobody answered these yet.
        assert_eq!(state(MEI), "needs-reply", "{files:?}");
        assert_eq!(state(CARLOS), "needs-reply", "{files:?}");
        // A mention stays one, whichever file said so first.
        let sam = s.listed(SAM, t(NOW));
        assert_eq!(sam["kind"], "mention", "{files:?}");
        assert!(sam["first_reply_at"].as_str().unwrap() > sam["created_at"].as_str().unwrap());
        // The reply notification's thread has the root's title from the feed.
        assert!(
            (s.listed(PRIYA, t(NOW))["thread_title"].as_str())
                .is_some_and(|t| t.starts_with("ackbox 0.3 is out")),
            "{files:?}"
        );
        // A re-import of either file changes nothing.
        let before = s.ok(&["export"], t(NOW));
        for (file, items) in [(&notifications, 5), (&feed, 10)] {
            let again = summary(&s, file);
            assert_eq!(
                (
                    again["new"].as_u64(),
                    again["updated"].as_u64(),
                    again["unchanged"].as_u64()
                ),
                (Some(0), Some(0), Some(items)),
                "{file}: {again}"
            );
        }
        assert_eq!(s.ok(&["export"], t(NOW)), before, "{files:?}");
    }
}

/// A post seen through a notification and through its thread is one item,
/// in either order; the second file finds it unchanged.
#[test]
fn a_bluesky_post_in_a_notification_and_a_thread_is_one_item() {
    const CARLOS: &str = "at://did:plc:c7xw2mq3yb6rlt5hfdgn4zke/app.bsky.feed.post/3l6ovk2abcd2x";
    let notifications = fixture("bluesky/list_notifications.json");
    let thread = fixture("bluesky/get_post_thread.json");
    // (The two posts of Carlos's that both hold.)
    for (files, second) in [
        ([&notifications, &thread], (8 - 2, 2)),
        ([&thread, &notifications], (5 - 2, 2)),
    ] {
        let s = Sandbox::new();
        std::fs::write(s.config(), OWN).unwrap();
        summary(&s, files[0]);
        let again = summary(&s, files[1]);
        assert_eq!(
            (
                again["new"].as_u64(),
                again["updated"].as_u64(),
                again["unchanged"].as_u64()
            ),
            (Some(second.0), Some(0), Some(second.1)),
            "{files:?}: {again}"
        );
        let items = s.list(t(NOW));
        assert_eq!(items.iter().filter(|v| v["id"] == CARLOS).count(), 1);
        // 8 posts and 5, 2 of them in both; the owner's 2 are not listed.
        assert_eq!(items.len(), 8 + 5 - 2 - 2, "{files:?}");
        // The thread holds the owner's reply to it.
        assert_eq!(s.state_of("bluesky", CARLOS, t(NOW)), "answered");
    }
}

/// Threads: a conversation and your own replies (`/me/replies`) answer
/// the comments you replied to, whichever file comes first; the mentions
/// are mentions; a post seen in the mentions and in the conversation is
/// one item; the post itself titles its thread; a re-import of any file
/// changes nothing.
/// A Threads reply fetched again by itself with few fields stays in its
/// conversation: files in any order, again and again, change nothing.
#[test]
fn a_threads_reply_fetched_with_few_fields_stays_in_its_thread() {
    let s = Sandbox::new();
    let reply = r#""id":"18045123456789066","text":"@fernweh.coffee see you wednesday","username":"yuki.t","permalink":"https://www.threads.net/@yuki.t/post/DCkQ7yT2mZr","timestamp":"2026-11-18T10:30:00+0000""#;
    let conversation = s.file(
        "conversation.json",
        &format!(
            r#"{{"data":[{{{reply},"media_type":"TEXT_POST","is_reply":true,"root_post":{{"id":"18064825091234567"}},"replied_to":{{"id":"18064825091234567"}},"hide_status":"NOT_HUSHED"}}],"paging":{{"cursors":{{"before":"QVFI","after":"QVFJ"}},"next":"https://graph.threads.net/v1.0/18064825091234567/conversation?after=QVFJ"}}}}"#
        ),
    );
    let post = s.file("post.json", &format!("{{{reply}}}"));
    let (conversation, post) = (conversation.to_str().unwrap(), post.to_str().unwrap());
    summary(&s, conversation);
    let first = s.ok(&["export"], t(NOW));
    for file in [post, conversation, post] {
        let got = summary(&s, file);
        assert_eq!(
            (got["new"].as_u64(), got["updated"].as_u64()),
            (Some(0), Some(0)),
            "{file}: {got}"
        );
        assert_eq!(s.ok(&["export"], t(NOW)), first, "{file}");
    }
    let item = s.listed("18045123456789066", t(NOW));
    assert_eq!(item["thread_id"], "18064825091234567", "{item}");
}

#[test]
fn threads_conversation_mentions_and_own_replies() {
    const MIA: &str = "18045123456789011";
    const TOM: &str = "18045123456789022";
    const YUKI: &str = "18045123456789066";
    const LENA: &str = "18045123456789044";
    const JONAS: &str = "18061111111111101";
    const SARA: &str = "18061111111111102";
    const ANNA: &str = "18061111111111103";
    let [post, conversation, mentions, replies] = [
        "post.json",
        "conversation.jsonl",
        "mentions.json",
        "my_replies.json",
    ]
    .map(|name| fixture(&format!("threads/{name}")));
    for files in [
        [&conversation, &mentions, &replies, &post],
        [&replies, &post, &mentions, &conversation],
    ] {
        let s = Sandbox::new();
        std::fs::write(s.config(), OWN).unwrap();
        let linked: u64 = (files.iter())
            .map(|f| summary(&s, f)["own_replies_linked"].as_u64().unwrap())
            .sum();
        assert_eq!(linked, 3, "{files:?}");
        let state = |id| s.state_of("threads", id, t(NOW));
        // Answered by your replies: a reply to the post, a nested reply,
        // a reply that mentions you in someone else's thread.
        assert_eq!(state(MIA), "answered", "{files:?}");
        assert_eq!(state(TOM), "answered", "{files:?}");
        assert_eq!(state(SARA), "answered", "{files:?}");
        // Nobody answered these yet.
        for id in [YUKI, LENA, JONAS, ANNA] {
            assert_eq!(state(id), "needs-reply", "{id} {files:?}");
        }
        let items = s.list(t(NOW));
        // 6 replies in the conversation and 4 mentions, one of them in both;
        // your post and your 3 replies are not listed.
        assert_eq!(items.len(), 6 + 4 - 1, "{files:?}");
        assert_eq!(items.iter().filter(|v| v["id"] == YUKI).count(), 1);
        let item = |id| s.listed(id, t(NOW));
        assert_eq!(item(JONAS)["kind"], "mention");
        assert_eq!(item(ANNA)["kind"], "mention");
        assert_eq!(item(YUKI)["kind"], "comment");
        assert_eq!(item(SARA)["kind"], "comment");
        assert_eq!(item(MIA)["thread_title"], "Our winter blend is back ☕️❄️");
        assert_eq!(item(LENA)["body"], "[image]");
        let mia = item(MIA);
        assert!(
            mia["first_reply_at"].as_str().unwrap() > mia["created_at"].as_str().unwrap(),
            "{mia}"
        );
        // A re-import of any file changes nothing.
        let before = s.ok(&["export"], t(NOW));
        for (file, unchanged) in [
            (&conversation, 6),
            (&mentions, 4),
            (&replies, 3),
            (&post, 1),
        ] {
            let again = summary(&s, file);
            assert_eq!(
                (
                    again["new"].as_u64(),
                    again["updated"].as_u64(),
                    again["unchanged"].as_u64()
                ),
                (Some(0), Some(0), Some(unchanged)),
                "{file}: {again}"
            );
        }
        assert_eq!(s.ok(&["export"], t(NOW)), before, "{files:?}");
    }
}

/// A bot's pull request is no item, but the comments people leave on it
/// get its title, whichever file comes first; a re-import writes nothing.
#[test]
fn comments_on_a_bots_pull_request_get_its_title() {
    // A comment of the fixture's, moved onto the bot's pull request #17.
    let comments: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("github/issue-comments.json")).unwrap(),
    )
    .unwrap();
    let mut one = comments[0].clone();
    one["id"] = 4200000001u64.into();
    one["html_url"] =
        "https://github.com/octo-org/ackbox-demo/pull/17#issuecomment-4200000001".into();
    one["issue_url"] = "https://api.github.com/repos/octo-org/ackbox-demo/issues/17".into();
    let comment = Value::Array(vec![one]);
    for comment_first in [true, false] {
        let s = Sandbox::new();
        let c = s.file("comment.json", &comment.to_string());
        let issues = fixture("github/issues.json");
        let files = if comment_first {
            [c.to_str().unwrap(), issues.as_str()]
        } else {
            [issues.as_str(), c.to_str().unwrap()]
        };
        for f in files {
            summary(&s, f);
        }
        let item = s
            .list(common::t(NOW))
            .into_iter()
            .find(|v| v["id"] == "4200000001")
            .unwrap();
        assert_eq!(item["thread_title"], "Bump serde from 1.0.210 to 1.0.219");
        let before = std::fs::read(s.db()).unwrap();
        summary(&s, &issues);
        assert_eq!(std::fs::read(s.db()).unwrap(), before);
    }
}

/// GitHub threads are flat: an own comment answers the item it follows,
/// or the newest one of the person it @mentions, whether the items come in
/// the same file (a load into an empty database) or in later ones.
#[test]
fn an_own_github_comment_answers_the_item_it_follows() {
    let own = |id: &str, body: &str, at: &str| {
        item(
            "github",
            id,
            "me",
            body,
            at,
            serde_json::json!({"own": true}),
        )
    };
    let incoming = |id: &str, who: &str, at: &str| {
        item(
            "github",
            id,
            who,
            "Any news on this?",
            at,
            serde_json::json!({}),
        )
    };
    let all = [
        incoming("1", "alice", "2026-11-01T10:00:00Z"),
        incoming("2", "bob", "2026-11-01T11:00:00Z"),
        // Mentions alice (and "@bobby", who is not bob).
        own(
            "3",
            "@Alice thanks, and @bobby see #4",
            "2026-11-01T12:00:00Z",
        ),
        incoming("4", "carol", "2026-11-01T13:00:00Z"),
        // A handle in code mentions nobody, nor does an e-mail address.
        own(
            "5",
            "Fixed in 1.2 (see `@bob`), thanks! Or mail ops@bob.com",
            "2026-11-01T14:00:00Z",
        ),
        // In another thread, after nothing: answers nothing.
        item(
            "github",
            "6",
            "me",
            "Tracking this here.",
            "2026-11-01T15:00:00Z",
            serde_json::json!({"own": true, "thread_id": "t2"}),
        ),
    ];
    let expect = |s: &Sandbox| {
        let states: Vec<String> = ["1", "2", "4"]
            .iter()
            .map(|id| s.state_of("github", id, common::t(NOW)))
            .collect();
        assert_eq!(states, ["answered", "needs-reply", "answered"]);
    };
    // One file into an empty database.
    let s = Sandbox::new();
    let r = summary(&s, s.file("all.jsonl", &lines(&all)).to_str().unwrap());
    assert_eq!(r["own_replies_linked"], 2, "{r}");
    expect(&s);
    // Item by item, each in its own file, a reply before what it follows
    // included: a later file gives the comment that had none its parent.
    let s = Sandbox::new();
    for (i, line) in [&all[2], &all[0], &all[1], &all[3], &all[4], &all[5]]
        .iter()
        .enumerate()
    {
        let f = s.file(&format!("{i}.jsonl"), &lines(&[(*line).clone()]));
        summary(&s, f.to_str().unwrap());
    }
    expect(&s);
    // A parent given is kept, and re-importing changes nothing.
    let before = s.ok(&["export"], common::t(NOW));
    summary(&s, s.file("again.jsonl", &lines(&all)).to_str().unwrap());
    assert_eq!(s.ok(&["export"], common::t(NOW)), before);
    let replies = s.ok(&["replies", "--json"], common::t(NOW));
    let parents: Vec<Value> = replies
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["parent_id"].clone())
        .collect();
    assert!(parents.contains(&Value::from("1")) && parents.contains(&Value::from("4")));
    assert!(parents.contains(&Value::Null), "{replies}");
    // Judged again once it had an addressee.
    let first: Value =
        serde_json::from_str(replies.lines().find(|l| l.contains("@Alice")).unwrap()).unwrap();
    assert_eq!(first["verdict"], "personal", "{first}");
    // A comment after the own one in thread t2 answers nothing; a file
    // that gives it again as stored, then edited to an earlier time (two
    // pages fetched around an edit), makes it the one the own comment follows.
    let late = |at: &str| {
        item(
            "github",
            "7",
            "dana",
            "Same here",
            at,
            serde_json::json!({"thread_id": "t2"}),
        )
    };
    summary(
        &s,
        s.file("7.jsonl", &lines(&[late("2026-11-01T16:00:00Z")]))
            .to_str()
            .unwrap(),
    );
    assert_eq!(s.state_of("github", "7", common::t(NOW)), "needs-reply");
    let pages = lines(&[late("2026-11-01T16:00:00Z"), late("2026-11-01T14:30:00Z")]);
    summary(&s, s.file("pages.jsonl", &pages).to_str().unwrap());
    assert_eq!(s.state_of("github", "7", common::t(NOW)), "answered");
}

/// A GitHub comment of thread `t` on 2026-11-02 at `at` (HH:MM).
fn github_comment(id: &str, who: &str, body: &str, at: &str, own: bool) -> String {
    item(
        "github",
        id,
        who,
        body,
        &format!("2026-11-02T{at}:00Z"),
        serde_json::json!({"own": own, "thread_id": "t"}),
    )
}

/// A GitHub "Quote reply" answers the comment it quotes, not the newest
/// one, nor someone its quote @mentions; a mention in its own words still
/// names whom it answers.
#[test]
fn a_github_quote_reply_answers_the_comment_it_quotes() {
    let comment = github_comment;
    let all = [
        comment(
            "1",
            "kenji",
            "+1 for CSV, I need it for Excel",
            "09:00",
            false,
        ),
        comment(
            "2",
            "ana",
            "@kenji same here, and a JSON option too",
            "10:00",
            false,
        ),
        comment(
            "3",
            "me",
            "> @kenji same here, and a JSON option\r\n> too\r\n\r\nJSON is already there, Ana: `ackbox export`.",
            "11:00",
            true,
        ),
        comment(
            "4",
            "lee",
            "Would be nice to have the CSV sorted by date",
            "12:00",
            false,
        ),
        comment("5", "kenji", "Agreed", "13:00", false),
        // A "+1" that quotes Lee is not Lee.
        comment(
            "5b",
            "kim",
            "> the CSV sorted by date\n\n+1",
            "13:30",
            false,
        ),
        // A part of Lee's comment, its Markdown another's.
        comment(
            "6",
            "me",
            ">the *CSV* sorted by date\n\nSorted since 1.3, Lee",
            "14:00",
            true,
        ),
        // A `>` line in code is code: the newest comment, Kim's.
        comment(
            "6c",
            "me",
            "```\n> +1 for CSV, I need it for Excel\n```\nsee above",
            "14:30",
            true,
        ),
        comment("7", "ana", "Thanks! Works for me", "15:00", false),
        comment("8", "bo", "Me too", "16:00", false),
        // "> Thanks!" is too short to tell whose: the newest, Bo's.
        comment("9", "me", "> Thanks!\n\nGreat to hear", "17:00", true),
    ];
    let expect = |s: &Sandbox| {
        let states: Vec<String> = ["1", "2", "4", "5", "5b", "7", "8"]
            .iter()
            .map(|id| s.state_of("github", id, common::t(NOW)))
            .collect();
        let (waits, answered) = ("needs-reply", "answered");
        assert_eq!(
            states,
            [waits, answered, answered, waits, answered, waits, answered]
        );
    };
    let s = Sandbox::new();
    summary(&s, s.file("all.jsonl", &lines(&all)).to_str().unwrap());
    expect(&s);
    // The replies in a later file than the comments.
    let s = Sandbox::new();
    let (replies, comments): (Vec<String>, Vec<String>) = all
        .iter()
        .cloned()
        .partition(|l| l.contains("\"own\":true"));
    summary(&s, s.file("c.jsonl", &lines(&comments)).to_str().unwrap());
    summary(&s, s.file("r.jsonl", &lines(&replies)).to_str().unwrap());
    expect(&s);
    let judged: Value = serde_json::from_str(
        s.ok(&["replies", "--json"], common::t(NOW))
            .lines()
            .find(|l| l.contains("JSON is already"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(judged["verdict"], "personal", "{judged}");
}

/// A Quote reply to a comment that quoted another gives back both: it
/// answers the comment whose own words it quotes.
#[test]
fn a_github_quote_reply_to_a_quoting_comment_answers_that_comment() {
    let comment = github_comment;
    let report = "The export button crashes the app whenever the list is empty";
    let all = [
        comment("1", "alice", report, "09:00", false),
        comment(
            "2",
            "bob",
            &format!("> {report}\n\nSame here on version two, the log shows a null pointer"),
            "10:00",
            false,
        ),
        comment("3", "carol", "Also seeing it on Linux", "11:00", false),
        comment(
            "4",
            "me",
            &format!(
                "> > {report}\n>\n> Same here on version two, the log shows a null pointer\n\nThanks, fixed"
            ),
            "12:00",
            true,
        ),
    ];
    let s = Sandbox::new();
    summary(&s, s.file("all.jsonl", &lines(&all)).to_str().unwrap());
    let states: Vec<String> = ["1", "2", "3"]
        .iter()
        .map(|id| s.state_of("github", id, common::t(NOW)))
        .collect();
    assert_eq!(states, ["needs-reply", "answered", "needs-reply"]);
    // Its own words too few to tell ("+1"): the comment quoted whole.
    let mut all = all;
    all[1] = comment("2", "bob", &format!("> {report}\n\n+1"), "10:00", false);
    all[3] = comment(
        "4",
        "me",
        &format!("> > {report}\n>\n> +1\n\nOn it"),
        "12:00",
        true,
    );
    let s = Sandbox::new();
    summary(&s, s.file("all.jsonl", &lines(&all)).to_str().unwrap());
    assert_eq!(s.state_of("github", "2", common::t(NOW)), "answered");
}

#[test]
fn the_github_fixture_s_maintainer_answers_the_comment_before_theirs() {
    for files in [
        ["github/issues.json", "github/issue-comments.json"],
        ["github/issue-comments.json", "github/issues.json"],
    ] {
        let s = Sandbox::new();
        std::fs::write(s.config(), OWN).unwrap();
        for f in files {
            summary(&s, &fixture(f));
        }
        assert_eq!(
            s.state_of("github", "2001234567", common::t(NOW)),
            "answered",
            "{files:?}"
        );
    }
}

/// Every order of three files.
const ORDERS_OF_THREE: [[usize; 3]; 6] = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
];

/// A Mastodon outbox names a reply's parent by its remote address, the
/// API by the id on the user's server: in whatever order the three files
/// come, the reply answers the stored item, and every state ends the same;
/// importing them again, day after day, changes nothing (the reply stays in
/// its parent's thread, the thread keeps its link).
#[test]
fn mastodon_files_in_any_order_end_in_the_same_states() {
    let files = ["notifications", "outbox", "statuses"];
    let mut ends = Vec::new();
    for order in ORDERS_OF_THREE {
        let s = Sandbox::new();
        std::fs::write(s.config(), "[own]\nmastodon = [\"ackboxdemo\"]\n").unwrap();
        for i in order {
            summary(&s, &fixture(&format!("mastodon/{}.json", files[i])));
        }
        let mut states: Vec<(String, String)> = s
            .list(common::t(NOW))
            .iter()
            .map(|v| (v["id"].to_string(), v["state"].to_string()))
            .collect();
        states.sort();
        assert!(
            states.contains(&("\"113998877665544332\"".into(), "\"answered\"".into())),
            "{order:?}: {states:?}"
        );
        ends.push(states);
        let before = s.ok(&["export"], common::t(NOW));
        for i in order.iter().chain(&order) {
            let again = summary(&s, &fixture(&format!("mastodon/{}.json", files[*i])));
            assert_eq!(
                (again["new"].as_u64(), again["updated"].as_u64()),
                (Some(0), Some(0)),
                "{order:?}: {}",
                files[*i]
            );
        }
        assert_eq!(s.ok(&["export"], common::t(NOW)), before, "{order:?}");
    }
    assert!(ends.windows(2).all(|w| w[0] == w[1]), "{ends:?}");
}

/// An archive's outbox names the parent of an own reply to a remote
/// account by its remote address: the stored reply keeps its conversation,
/// and so do the replies under it (a mute of the conversation reaches them).
#[test]
fn an_outbox_leaves_the_replies_under_an_own_reply_in_their_conversation() {
    let s = Sandbox::new();
    std::fs::write(
        s.config(),
        "[own]\nmastodon = [\"fernweh@coffee.social\"]\n",
    )
    .unwrap();
    let status = |id: u32, parent: Option<u32>, own: bool, text: &str| {
        let (acct, url) = match own {
            true => ("fernweh", "https://coffee.social/@fernweh"),
            false => ("alice@mastodon.social", "https://mastodon.social/@alice"),
        };
        serde_json::json!({
            "id": id.to_string(), "created_at": format!("2026-11-19T1{}:00:00.000Z", id - 100),
            "in_reply_to_id": parent.map(|p| p.to_string()), "content": format!("<p>{text}</p>"),
            "account": {"id": acct.len().to_string(), "acct": acct, "url": url},
        })
    };
    let context = serde_json::json!({
        "ancestors": [status(100, None, true, "New roast")],
        "descendants": [
            status(101, Some(100), false, "@fernweh jasmine!"),
            status(103, Some(101), true, "@alice Jasmine indeed, Alice!"),
            status(104, Some(103), false, "@fernweh and the roast level?"),
        ],
    });
    let outbox = serde_json::json!({
        "@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json",
        "type": "OrderedCollection", "totalItems": 1,
        "orderedItems": [{
            "id": "https://coffee.social/users/fernweh/statuses/103/activity", "type": "Create",
            "actor": "https://coffee.social/users/fernweh", "published": "2026-11-19T13:00:00Z",
            "object": {
                "id": "https://coffee.social/users/fernweh/statuses/103", "type": "Note",
                "inReplyTo": "https://mastodon.social/users/alice/statuses/555",
                "published": "2026-11-19T13:00:00Z", "url": "https://coffee.social/@fernweh/103",
                "attributedTo": "https://coffee.social/users/fernweh",
                "content": "<p>@alice Jasmine indeed, Alice!</p>",
            },
        }],
    });
    for (name, file) in [("context.json", context), ("outbox.json", outbox)] {
        let f = s.file(name, &file.to_string());
        summary(&s, f.to_str().unwrap());
    }
    let threads: Vec<(String, String)> = (s.list(common::t(NOW)).iter())
        .map(|v| (v["id"].to_string(), v["thread_id"].to_string()))
        .collect();
    assert!(threads.iter().all(|(_, t)| t == "\"100\""), "{threads:?}");
    s.ok(&["mute", "mastodon:100"], common::t(NOW));
    let waiting = (s.list(common::t(NOW)).iter())
        .filter(|v| v["state"] == "needs-reply")
        .count();
    assert_eq!(waiting, 0);
}

/// Mastodon gives no conversation id: a reply names the status it answers
/// as its thread. A conversation is one thread all the same, however deep
/// (muted as one): each reply takes its stored parent's, whichever comes
/// first, in one file or two, into an empty database or not; a reply whose
/// parent is not stored keeps the parent as its thread. Importing again
/// changes nothing.
#[test]
fn a_mastodon_conversation_is_one_thread_however_deep() {
    let status = |id: u32, parent: Option<u32>| {
        serde_json::json!({
            "id": id.to_string(), "created_at": format!("2026-11-01T1{id}:00:00.000Z"),
            "in_reply_to_id": parent.map(|p| p.to_string()), "content": format!("<p>status {id}</p>"),
            "account": {"id": format!("9{id}"), "acct": format!("p{id}@x.social")},
        })
    };
    // 3 answers 2, which answers the post 1; 5 answers 4, whose parent 0 is not here.
    let all = [
        status(3, Some(2)),
        status(2, Some(1)),
        status(1, None),
        status(5, Some(4)),
        status(4, Some(0)),
    ];
    let threads = |s: &Sandbox| {
        let mut t: Vec<(String, String)> = (s.list(common::t(NOW)).iter())
            .map(|v| {
                (
                    v["id"].as_str().unwrap().to_owned(),
                    v["thread_id"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        t.sort();
        t
    };
    let want: Vec<(String, String)> = [("1", "1"), ("2", "1"), ("3", "1"), ("4", "0"), ("5", "0")]
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    for split in [0, 1, 2, 3] {
        let s = Sandbox::new();
        let (first, second) = all.split_at(split);
        for (name, part) in [("a.json", first), ("b.json", second)] {
            if !part.is_empty() {
                let f = s.file(name, &serde_json::to_string(part).unwrap());
                summary(&s, f.to_str().unwrap());
            }
        }
        assert_eq!(threads(&s), want, "split at {split}");
        let f = s.file("all.json", &serde_json::to_string(&all).unwrap());
        let again = summary(&s, f.to_str().unwrap());
        assert_eq!(
            (again["new"].as_u64(), again["updated"].as_u64()),
            (Some(0), Some(0))
        );
        // Muting the post dismisses the whole conversation, later replies
        // too: one that a file holds twice, as a status and as a mention's
        // (a notifications page and a context appended), in either order.
        s.ok(&["mute", "mastodon:1"], common::t(NOW));
        let mention = |st: serde_json::Value| {
            serde_json::json!({"id": "n1", "type": "mention", "created_at": st["created_at"],
                "account": st["account"], "status": st})
        };
        let (seven, eight) = (status(7, Some(3)), status(8, Some(2)));
        let later = s.file(
            "later.jsonl",
            &[
                serde_json::json!([status(6, Some(3))]),
                serde_json::json!([seven]),
                serde_json::json!([mention(seven.clone())]),
                serde_json::json!([mention(eight.clone())]),
                serde_json::json!([eight]),
            ]
            .map(|v| v.to_string())
            .join("\n"),
        );
        summary(&s, later.to_str().unwrap());
        let waiting: Vec<String> = (s.list(common::t(NOW)).iter())
            .filter(|v| v["state"] == "needs-reply")
            .map(|v| v["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(waiting, ["5", "4"], "split at {split}");
        let t = threads(&s);
        for id in ["7", "8"] {
            assert!(t.contains(&(id.to_owned(), "1".to_owned())), "{id}: {t:?}");
        }
    }
    // A mute set on the thread a reply names (its parent, the root not
    // stored yet) goes with its items into the conversation when the root
    // comes: what arrives later is dismissed, and unmuting the root brings
    // them back.
    let s = Sandbox::new();
    let import = |s: &Sandbox, name: &str, statuses: &[serde_json::Value]| {
        let f = s.file(name, &serde_json::to_string(statuses).unwrap());
        summary(s, f.to_str().unwrap())
    };
    import(&s, "a.json", &[status(4, Some(3)), status(5, Some(4))]);
    s.ok(&["mute", "mastodon:3"], common::t(NOW));
    import(
        &s,
        "b.json",
        &[status(1, None), status(2, Some(1)), status(3, Some(2))],
    );
    let t = threads(&s);
    assert!(t.iter().all(|(_, thread)| thread == "1"), "{t:?}");
    let later = import(&s, "c.json", &[status(6, Some(5))]);
    assert_eq!(later["dismissed_muted"], 1, "{later}");
    let out = s.ok(&["unmute", "mastodon:1"], common::t(NOW));
    assert!(out.contains("3 items back"), "{out}");
    // A chain whose top comes last, a status a file at a time, or all in
    // one file (a first import): one thread, and importing again changes nothing.
    let chain = [
        status(3, Some(2)),
        status(2, Some(1)),
        status(1, Some(0)),
        status(5, Some(4)),
        status(4, Some(3)),
        status(0, None),
    ];
    let want: Vec<(String, String)> = (0..6).map(|i| (i.to_string(), "0".to_owned())).collect();
    for one_by_one in [true, false] {
        let s = Sandbox::new();
        let files: Vec<String> = if one_by_one {
            chain
                .iter()
                .map(|c| serde_json::to_string(&[c]).unwrap())
                .collect()
        } else {
            vec![serde_json::to_string(&chain).unwrap()]
        };
        for (i, file) in files.iter().enumerate() {
            let f = s.file(&format!("{i}.json"), file);
            summary(&s, f.to_str().unwrap());
        }
        assert_eq!(threads(&s), want, "one by one: {one_by_one}");
        let before = s.ok(&["export"], common::t(NOW));
        for (i, file) in files.iter().enumerate() {
            let f = s.file(&format!("{i}.json"), file);
            let again = summary(&s, f.to_str().unwrap());
            assert_eq!(
                again["updated"].as_u64(),
                Some(0),
                "one by one: {one_by_one}"
            );
        }
        assert_eq!(s.ok(&["export"], common::t(NOW)), before);
    }
    // Elsewhere a thread named as the parent is the thread it says.
    let s = Sandbox::new();
    let forum = s.file(
        "forum.jsonl",
        &lines(&[
            item("forum", "a", "x", "hi", "2026-11-01T10:00:00Z", serde_json::json!({"thread_id": "T"})),
            item(
                "forum",
                "b",
                "y",
                "hey",
                "2026-11-01T10:01:00Z",
                serde_json::json!({"parent_id": "a", "thread_id": "a", "thread_title": "Side topic"}),
            ),
        ]),
    );
    summary(&s, forum.to_str().unwrap());
    let b = s.listed("b", common::t(NOW));
    assert_eq!(
        (b["thread_id"].as_str(), b["thread_title"].as_str()),
        (Some("a"), Some("Side topic"))
    );
}

/// A status of an automated account is no one to answer, unless the
/// account is the owner's: a brand's account flagged as a bot still replies.
#[test]
fn a_mastodon_bot_is_skipped_unless_it_is_yours() {
    let s = Sandbox::new();
    let status = |id: &str, parent: Option<&str>, acct: &str, bot: bool| {
        serde_json::json!({
            "id": id, "created_at": "2026-11-01T10:00:00.000Z", "in_reply_to_id": parent,
            "content": format!("<p>status {id}</p>"),
            "account": {"id": format!("9{id}"), "acct": acct, "bot": bot},
        })
    };
    let page = [
        status("1", None, "ann@x.social", false),
        status("2", Some("1"), "roastery", true),
        status("3", Some("1"), "newsbot@bots.example", true),
    ];
    let f = s.file("page.json", &serde_json::to_string(&page).unwrap());
    let out = s.ok(
        &["import", "--own", "mastodon:roastery", f.to_str().unwrap()],
        common::t(NOW),
    );
    assert!(
        out.contains("1 own reply linked") && out.contains("skipped 1 bot"),
        "{out}"
    );
    let list = s.list(common::t(NOW));
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["state"], "answered");
    // The page fetched twice: the bot's status is one skipped.
    let json = serde_json::to_string(&page).unwrap();
    let f = s.file("twice.jsonl", &format!("{json}\n{json}\n"));
    let out = s.ok(
        &["import", "--own", "mastodon:roastery", f.to_str().unwrap()],
        common::t(NOW),
    );
    assert!(out.contains("skipped 1 bot"), "{out}");
}

/// A server that numbers its actors (`/ap/users/1100…`, Mastodon's
/// `numeric_ap_ids`): the archive's author is the handle of the status's
/// page, as the API's is, so the two agree and importing them again
/// changes nothing.
#[test]
fn a_mastodon_archive_of_numbered_actors_names_its_author_by_handle() {
    let s = Sandbox::new();
    std::fs::write(
        s.config(),
        "[own]\nmastodon = [\"fernweh@coffee.social\"]\n",
    )
    .unwrap();
    let user = "https://coffee.social/ap/users/110000000000000001";
    let status = format!("{user}/statuses/112021100000000002");
    let page = "https://coffee.social/@fernweh/112021100000000002";
    let parent = "https://coffee.social/ap/users/110000000000000009/statuses/112021000000000001";
    let outbox = s.file(
        "outbox.json",
        &format!(
            r#"{{"type":"OrderedCollection","orderedItems":[{{"id":"{status}/activity","type":"Create","actor":"{user}","published":"2024-03-02T08:00:00Z","object":{{"id":"{status}","type":"Note","inReplyTo":"{parent}","published":"2024-03-02T08:00:00Z","url":"{page}","attributedTo":"{user}","content":"<p>Mia, der Guji kommt Montag!</p>"}}}}]}}"#
        ),
    );
    let statuses = s.file(
        "statuses.json",
        &format!(
            r#"[{{"id":"112021100000000002","created_at":"2024-03-02T08:00:00.000Z","in_reply_to_id":"112021000000000001","uri":"{status}","url":"{page}","content":"<p>Mia, der Guji kommt Montag!</p>","account":{{"id":"110000000000000001","username":"fernweh","acct":"fernweh","url":"https://coffee.social/@fernweh","uri":"{user}"}},"media_attachments":[],"mentions":[]}}]"#
        ),
    );
    let (outbox, statuses) = (outbox.to_str().unwrap(), statuses.to_str().unwrap());
    summary(&s, outbox);
    let replies = s.ok(&["replies", "--json"], common::t(NOW));
    let reply: Value = serde_json::from_str(replies.lines().next().unwrap()).unwrap();
    assert_eq!(reply["author"], "fernweh", "{replies}");
    for file in [statuses, outbox, statuses] {
        let again = summary(&s, file);
        assert_eq!(
            (again["new"].as_u64(), again["updated"].as_u64()),
            (Some(0), Some(0)),
            "{file}: {again}"
        );
    }
}

/// The notifications give a status as a mention, a thread's context gives
/// the same status as a comment: it is a mention from the first file that
/// says so on, and importing either file again changes nothing, the
/// database file included.
#[test]
fn a_mention_stays_one_when_a_context_gives_it_as_a_comment() {
    let shared = ["113998877665544332", "113999100000000333"];
    let (notifications, context) = (
        fixture("mastodon/notifications.json"),
        fixture("mastodon/context.json"),
    );
    let counts = |s: &Sandbox, file: &str| {
        let r = summary(s, file);
        (r["new"].as_u64().unwrap(), r["updated"].as_u64().unwrap())
    };
    let kinds = |s: &Sandbox| shared.map(|id| s.listed(id, common::t(NOW))["kind"].clone());

    // Either order; with the context first, the notifications make its
    // comments mentions, once.
    for (first, then, new_first, new_then) in [
        (&notifications, &context, (3, 0), (2, 0)),
        (&context, &notifications, (4, 0), (1, 2)),
    ] {
        let s = Sandbox::new();
        assert_eq!(counts(&s, first), new_first, "{first}");
        assert_eq!(counts(&s, then), new_then, "{then} after {first}");
        assert_eq!(kinds(&s), ["mention", "mention"]);
        let before = bytes(&s.db());
        assert_eq!(counts(&s, first), (0, 0));
        assert_eq!(counts(&s, then), (0, 0));
        assert!(bytes(&s.db()) == before, "the database file changed");
    }
}

/// A sandbox, empty or (`seeded`) holding a YouTube comment on another
/// video: a load into an empty database and into one with items take
/// different paths.
/// Comments stored without a title get their video's from a later file
/// that lists the channel's uploads first, and keep it when a file without
/// one comes again.
#[test]
fn a_list_of_uploads_titles_the_threads_of_stored_comments() {
    let s = Sandbox::new();
    let threads = fixture("youtube/commentThreads.json");
    summary(&s, &threads);
    let title = |s: &Sandbox| {
        s.list(t(NOW))
            .iter()
            .map(|v| v["thread_title"].as_str().map(str::to_owned))
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(title(&s), [None].into());
    let titled = summary(&s, &fixture("youtube/uploads-then-threads.jsonl"));
    assert_eq!(titled["unchanged"], 7, "{titled}");
    let named =
        Some("Coupon codes for December — how to use them (and when they expire)".to_owned());
    assert_eq!(title(&s), [named.clone()].into());
    summary(&s, &threads);
    assert_eq!(title(&s), [named].into());
}

fn youtube_sandbox(seeded: bool) -> Sandbox {
    let s = Sandbox::new();
    if seeded {
        let seed = lines(&[item(
            "youtube",
            "s",
            "@sam",
            "First",
            "2026-10-01T10:00:00Z",
            serde_json::json!({"thread_id": "v0"}),
        )]);
        summary(&s, s.file("seed.jsonl", &seed).to_str().unwrap());
    }
    s
}

/// A person's question and their follow-up under it, both @mentioned by one
/// own reply to the question: the question is answered first, the
/// follow-up by the next reply, whatever the order of the file and whether
/// the database was empty.
#[test]
fn an_own_youtube_reply_answers_the_persons_oldest_open_item_first() {
    let question = yt(
        "q1",
        "@lena.k",
        "What water temperature for the Nordljus?",
        "2026-11-14T09:00:00Z",
        serde_json::json!({"thread_id": "v"}),
    );
    let follow_up = yt(
        "q2",
        "@lena.k",
        "(also, the link in the description is broken)",
        "2026-11-14T09:05:00Z",
        serde_json::json!({"parent_id": "q1", "thread_id": "v"}),
    );
    let answer = |id: &str, body: &str, at: &str| {
        yt(
            id,
            "@me",
            body,
            at,
            serde_json::json!({"own": true, "parent_id": "q1", "thread_id": "v"}),
        )
    };
    let first = answer(
        "r1",
        "@lena.k Lena, 92 °C for the Nordljus!",
        "2026-11-16T09:20:00Z",
    );
    let second = answer(
        "r2",
        "@lena.k and the link is fixed, thanks!",
        "2026-11-16T09:30:00Z",
    );
    let states = |s: &Sandbox| -> Vec<String> {
        ["q1", "q2"]
            .iter()
            .map(|id| s.state_of("youtube", id, common::t(NOW)))
            .collect()
    };
    for seeded in [false, true] {
        for file in [
            lines(&[question.clone(), follow_up.clone(), first.clone()]),
            lines(&[first.clone(), follow_up.clone(), question.clone()]),
        ] {
            let s = youtube_sandbox(seeded);
            let f = s.file("day1.jsonl", &file);
            summary(&s, f.to_str().unwrap());
            assert_eq!(states(&s), ["answered", "needs-reply"], "seeded: {seeded}");
            let again = summary(&s, f.to_str().unwrap());
            assert_eq!(again["unchanged"], 3, "{again}");
            // The next reply that mentions her answers what is left.
            let later = s.file("day2.jsonl", &lines(std::slice::from_ref(&second)));
            summary(&s, later.to_str().unwrap());
            assert_eq!(states(&s), ["answered", "answered"], "seeded: {seeded}");
        }
        // Both replies in one file, the later listed first.
        let s = youtube_sandbox(seeded);
        let all = lines(&[
            second.clone(),
            first.clone(),
            follow_up.clone(),
            question.clone(),
        ]);
        summary(&s, s.file("all.jsonl", &all).to_str().unwrap());
        assert_eq!(states(&s), ["answered", "answered"], "seeded: {seeded}");
        let replies = s.ok(&["replies", "--json"], common::t(NOW));
        let parent_of = |id: &str| -> String {
            replies
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .find(|v| v["id"] == id)
                .map(|v| v["parent_id"].as_str().unwrap_or_default().to_owned())
                .unwrap_or_default()
        };
        assert_eq!(
            (parent_of("r1"), parent_of("r2")),
            ("q1".into(), "q2".into())
        );
    }
}

/// YouTube lists every reply under its top-level comment: an own reply that
/// @mentions the author of an earlier reply answers that reply, in a load
/// into an empty database or into one with items, whatever the order of
/// the file, and re-importing changes nothing.
#[test]
fn an_own_youtube_reply_answers_the_reply_it_mentions() {
    let file = lines(&[
        // Listed before the reply it answers.
        yt(
            "o1",
            "@me",
            "@ben see you Ben! cc @benjamin",
            "2026-11-01T12:00:00Z",
            serde_json::json!({"own": true, "parent_id": "t1"}),
        ),
        yt(
            "t1",
            "@alice",
            "Great video",
            "2026-11-01T10:00:00Z",
            serde_json::json!({}),
        ),
        yt(
            "b1",
            "@ben",
            "Is there a part 2?",
            "2026-11-01T11:00:00Z",
            serde_json::json!({"parent_id": "t1"}),
        ),
        yt(
            "t2",
            "@carol",
            "Loved it",
            "2026-11-01T10:00:00Z",
            serde_json::json!({"thread_id": "v2"}),
        ),
        yt(
            "o2",
            "@me",
            "@carol thank you!",
            "2026-11-01T12:00:00Z",
            serde_json::json!({"own": true, "parent_id": "t2", "thread_id": "v2"}),
        ),
    ]);
    for seeded in [false, true] {
        let s = youtube_sandbox(seeded);
        let f = s.file("yt.jsonl", &file);
        let r = summary(&s, f.to_str().unwrap());
        assert_eq!(r["own_replies_linked"], 2, "{r}");
        assert_eq!(
            youtube_states(&s, &["t1", "b1", "t2"]),
            ["needs-reply", "answered", "answered"],
            "seeded: {seeded}"
        );
        reimport_changes_nothing(&s, &f, 5);
    }
}

/// A canonical YouTube item.
fn yt(id: &str, who: &str, body: &str, at: &str, extra: Value) -> String {
    item("youtube", id, who, body, at, extra)
}

/// The states of these YouTube items.
fn youtube_states(s: &Sandbox, ids: &[&str]) -> Vec<String> {
    (ids.iter())
        .map(|id| s.state_of("youtube", id, common::t(NOW)))
        .collect()
}

/// Imports `file` again: its `unchanged` items are, and so is everything.
fn reimport_changes_nothing(s: &Sandbox, file: &std::path::Path, unchanged: u64) {
    let before = s.ok(&["export"], common::t(NOW));
    let again = summary(s, file.to_str().unwrap());
    assert_eq!(again["unchanged"], unchanged, "{again}");
    assert_eq!(s.ok(&["export"], common::t(NOW)), before);
}

/// The reply a mention means, imported after the own reply that mentions
/// it: the own reply answers it as if one file had held both, and the
/// comment it answered for want of it waits again.
#[test]
fn an_own_reply_finds_the_reply_it_mentions_in_a_later_import() {
    let comment = yt(
        "t1",
        "@alice",
        "Great video",
        "2026-11-01T10:00:00Z",
        serde_json::json!({}),
    );
    let own = yt(
        "o1",
        "@me",
        "@ben see you Ben!",
        "2026-11-01T12:00:00Z",
        serde_json::json!({"own": true, "parent_id": "t1"}),
    );
    let ben = yt(
        "b1",
        "@ben",
        "Is there a part 2?",
        "2026-11-01T11:00:00Z",
        serde_json::json!({"parent_id": "t1"}),
    );
    let s = youtube_sandbox(true);
    let first = s.file("first.jsonl", &lines(&[comment.clone(), own.clone()]));
    summary(&s, first.to_str().unwrap());
    assert_eq!(s.state_of("youtube", "t1", common::t(NOW)), "answered");
    let all = s.file("all.jsonl", &lines(&[comment, ben, own]));
    summary(&s, all.to_str().unwrap());
    assert_eq!(
        youtube_states(&s, &["t1", "b1"]),
        ["needs-reply", "answered"]
    );
    reimport_changes_nothing(&s, &all, 3);
}

/// An own reply a file gives a reply as its parent (a canonical file's,
/// not the API's) resolves its mention under that reply's comment, as the
/// API's would: alike whether the reply comes before or after it in the
/// file, and the same file imported again changes nothing.
#[test]
fn an_own_reply_naming_a_reply_resolves_alike_in_any_order() {
    let c1 = yt(
        "c1",
        "@bob",
        "the grinder broke",
        "2026-11-01T10:00:00Z",
        serde_json::json!({}),
    );
    let c2 = yt(
        "c2",
        "@bob",
        "the roaster is loud",
        "2026-11-02T10:00:00Z",
        serde_json::json!({"parent_id": "c1"}),
    );
    let r2 = yt(
        "r2",
        "@me",
        "@bob Thanks a lot!",
        "2026-11-03T12:00:00Z",
        serde_json::json!({"own": true, "parent_id": "c2"}),
    );
    for later in [[r2.clone(), c2.clone()], [c2.clone(), r2.clone()]] {
        let s = youtube_sandbox(true);
        let first = s.file("first.jsonl", &lines(std::slice::from_ref(&c1)));
        summary(&s, first.to_str().unwrap());
        let next = s.file("next.jsonl", &lines(&later));
        summary(&s, next.to_str().unwrap());
        // Bob's oldest item under the comment no reply answered before.
        assert_eq!(
            youtube_states(&s, &["c1", "c2"]),
            ["answered", "needs-reply"]
        );
        reimport_changes_nothing(&s, &next, 2);
    }
}

/// An own reply edited to @mention someone else answers them: whom it
/// answers is read again from its new words, as a fresh import of the file
/// would read it.
#[test]
fn an_own_reply_edited_to_mention_another_answers_them() {
    let top = yt(
        "T",
        "@tom",
        "Which grinder?",
        "2026-11-01T09:00:00Z",
        serde_json::json!({}),
    );
    let ben = under("T", "b1", "@ben", "The Niche?", "10:00", false);
    let amy = under("T", "a1", "@amy", "Gooseneck kettle?", "10:30", false);
    let own = |body: &str| under("T", "o1", "@me", body, "11:00", true);
    let s = youtube_sandbox(true);
    let first = s.file(
        "first.jsonl",
        &lines(&[
            top.clone(),
            ben.clone(),
            amy.clone(),
            own("@ben the Niche, Ben"),
        ]),
    );
    summary(&s, first.to_str().unwrap());
    assert_eq!(
        youtube_states(&s, &["b1", "a1"]),
        ["answered", "needs-reply"]
    );
    let edited = s.file(
        "edited.jsonl",
        &lines(&[top, ben, amy, own("@amy gooseneck for sure, Amy")]),
    );
    summary(&s, edited.to_str().unwrap());
    assert_eq!(
        youtube_states(&s, &["b1", "a1"]),
        ["needs-reply", "answered"]
    );
    reimport_changes_nothing(&s, &edited, 4);
}

/// A YouTube reply under `parent` (one of the owner's, or not), written at
/// `hh:mm` on 2026-11-01.
fn under(parent: &str, id: &str, who: &str, body: &str, at: &str, own: bool) -> String {
    yt(
        id,
        who,
        body,
        &format!("2026-11-01T{at}:00Z"),
        serde_json::json!({"parent_id": parent, "own": own}),
    )
}

/// Ben's question `c`, his follow-up `b1` under it an hour later, and the
/// owner's answer `o1` the next day, @mentioning him.
fn bens_question_follow_up_and_answer() -> [String; 3] {
    [
        yt(
            "c",
            "@ben",
            "Which grinder setting?",
            "2026-11-03T12:00:00Z",
            serde_json::json!({}),
        ),
        yt(
            "b1",
            "@ben",
            "Also, is a finer grind better?",
            "2026-11-03T13:00:00Z",
            serde_json::json!({"parent_id": "c"}),
        ),
        yt(
            "o1",
            "@me",
            "@ben dial finer by 2 clicks and tell me!",
            "2026-11-04T09:00:00Z",
            serde_json::json!({"own": true, "parent_id": "c"}),
        ),
    ]
}

/// A comment imported after the replies under it (a `comments.list` file
/// first), by someone an own reply there @mentions: the reply answers the
/// oldest of their items, the comment, as if one file had held them all.
#[test]
fn a_comment_imported_after_its_replies_takes_the_answer() {
    let [comment, follow_up, own] = bens_question_follow_up_and_answer();
    let replies = [follow_up, own];
    let s = youtube_sandbox(true);
    let first = s.file("replies.jsonl", &lines(&replies));
    summary(&s, first.to_str().unwrap());
    assert_eq!(s.state_of("youtube", "b1", common::t(NOW)), "answered");
    let later = s.file("comment.jsonl", &lines(std::slice::from_ref(&comment)));
    let r = summary(&s, later.to_str().unwrap());
    assert_eq!(r["own_replies_linked"], 1, "{r}");
    let one = youtube_sandbox(true);
    let all = one.file(
        "all.jsonl",
        &lines(&[vec![comment], replies.to_vec()].concat()),
    );
    summary(&one, all.to_str().unwrap());
    for who in [&s, &one] {
        assert_eq!(
            youtube_states(who, &["c", "b1"]),
            ["answered", "needs-reply"]
        );
    }
    assert_eq!(
        s.ok(&["replies", "--json"], common::t(NOW)),
        one.ok(&["replies", "--json"], common::t(NOW))
    );
}

/// A later import's reply that leaves an own reply answering what it did
/// is not counted as linking it again.
#[test]
fn a_reply_that_changes_no_answer_links_nothing() {
    let [comment, follow_up, own] = bens_question_follow_up_and_answer();
    let s = youtube_sandbox(true);
    let first = s.file("first.jsonl", &lines(&[comment, own]));
    summary(&s, first.to_str().unwrap());
    let later = s.file("later.jsonl", &lines(&[follow_up]));
    let r = summary(&s, later.to_str().unwrap());
    assert_eq!(r["own_replies_linked"], 0, "{r}");
    assert_eq!(
        youtube_states(&s, &["c", "b1"]),
        ["answered", "needs-reply"]
    );
}

/// One thread's comments and own replies split over files in every order:
/// each ends as the one file does (an own reply imported after a later one
/// takes its item, and the later one moves on), and the summary counts a
/// reply linked once at most.
#[test]
fn own_replies_answer_the_same_items_whatever_the_files_order() {
    let comment = yt(
        "c",
        "@amy",
        "Nice mug",
        "2026-11-01T10:00:00Z",
        serde_json::json!({}),
    );
    let parts = [
        vec![
            comment,
            under("c", "r2", "@me", "@amy yes, dishwasher safe", "12:00", true),
            under("c", "r3", "@amy", "thanks! and the glaze?", "12:05", false),
            under("c", "r5", "@ben", "cool, what size?", "12:35", false),
            under("c", "r7", "@me", "@ben @amy 350ml", "13:05", true),
        ],
        vec![under(
            "c",
            "r6",
            "@me",
            "@amy lead-free glaze",
            "13:00",
            true,
        )],
        vec![under("c", "r8", "@cy", "and a lid?", "14:00", false)],
    ];
    let one = youtube_sandbox(true);
    let all = one.file("all.jsonl", &lines(&parts.concat()));
    summary(&one, all.to_str().unwrap());
    let ids = ["c", "r3", "r5", "r8"];
    let expected = youtube_states(&one, &ids);
    // r2 answers c, r6 r3, and r7 the one of Ben's and Amy's left: r5.
    assert_eq!(
        expected,
        ["answered", "answered", "answered", "needs-reply"]
    );
    let replies = one.ok(&["replies", "--json"], common::t(NOW));
    for order in ORDERS_OF_THREE {
        let s = youtube_sandbox(true);
        let mut linked = 0;
        for i in order {
            let f = s.file(&format!("part{i}.jsonl"), &lines(&parts[i]));
            linked += summary(&s, f.to_str().unwrap())["own_replies_linked"]
                .as_u64()
                .unwrap();
        }
        assert_eq!(youtube_states(&s, &ids), expected, "{order:?}");
        assert_eq!(
            s.ok(&["replies", "--json"], common::t(NOW)),
            replies,
            "{order:?}"
        );
        // Three replies, one of which may move when r6 comes after r7.
        assert!((3..=4).contains(&linked), "{order:?}: {linked} linked");
        for i in order {
            let f = s.file(&format!("part{i}.jsonl"), &lines(&parts[i]));
            reimport_changes_nothing(&s, &f, parts[i].len() as u64);
        }
    }
}

/// A reply counted as linked when its comment came is not counted again
/// when it then moves to a reply that came with it.
#[test]
fn a_reply_is_counted_linked_once_an_import() {
    let s = youtube_sandbox(true);
    let replies = [
        under("t", "r5", "@ben", "and the size?", "12:30", false),
        under("t", "r4", "@me", "@ben 48mm burrs", "12:20", true),
        under("t", "r7", "@me", "@ben @amy both yes", "13:10", true),
    ];
    let first = s.file("replies.jsonl", &lines(&replies));
    summary(&s, first.to_str().unwrap());
    let thread = [
        yt(
            "t",
            "@amy",
            "Nice grinder",
            "2026-11-01T10:00:00Z",
            serde_json::json!({}),
        ),
        under("t", "r1", "@ben", "which burrs?", "11:00", false),
    ];
    let later = s.file("thread.jsonl", &lines(&thread));
    let r = summary(&s, later.to_str().unwrap());
    assert_eq!(r["own_replies_linked"], 2, "{r}");
}

/// Two own replies to someone's questions under one comment, the second
/// of which fell back on the first question (the second was not imported
/// yet): when it comes, each question has its answer, as in one file.
#[test]
fn a_later_question_takes_the_second_answer_from_the_first() {
    let comment = yt(
        "c",
        "@alice",
        "Great video",
        "2026-11-01T01:00:00Z",
        serde_json::json!({}),
    );
    let first = [
        comment.clone(),
        under("c", "b1", "@bob", "Part 2?", "02:00", false),
        under("c", "o1", "@me", "@bob answer one", "04:00", true),
        under("c", "o2", "@me", "@bob answer two", "05:00", true),
    ];
    let later = under("c", "b2", "@bob", "And part 3?", "03:00", false);
    let s = youtube_sandbox(true);
    let f = s.file("first.jsonl", &lines(&first));
    summary(&s, f.to_str().unwrap());
    let l = s.file("later.jsonl", &lines(std::slice::from_ref(&later)));
    summary(&s, l.to_str().unwrap());
    let one = youtube_sandbox(true);
    let all = one.file("all.jsonl", &lines(&[first.to_vec(), vec![later]].concat()));
    summary(&one, all.to_str().unwrap());
    for who in [&s, &one] {
        assert_eq!(
            youtube_states(who, &["c", "b1", "b2"]),
            ["needs-reply", "answered", "answered"]
        );
    }
    assert_eq!(
        s.ok(&["replies", "--json"], common::t(NOW)),
        one.ok(&["replies", "--json"], common::t(NOW))
    );
}

/// Instagram keeps one level of replies: a reply to a reply sits under the
/// top-level comment and starts with the @username the app puts there. An
/// own reply to a later replier answers that replier, not the comment.
#[test]
fn an_own_instagram_reply_answers_the_replier_it_mentions() {
    let comment = |id: &str, who: &str, text: &str, hour: u32| {
        format!(
            r#"{{"id":"{id}","text":"{text}","timestamp":"2026-11-01T{hour:02}:00:00+0000","username":"{who}","parent_id":"181"}}"#
        )
    };
    let replies = [
        comment(
            "182",
            "alex.example",
            "@anna.k yes, 1kg bags are in the shop",
            9,
        ),
        comment("183", "dana.b", "@alex.example do you ship to Norway?", 10),
        comment("184", "alex.example", "@dana.b yes, we ship to Norway!", 11),
    ];
    let media = format!(
        r#"{{"id":"179","caption":"Winter blend","permalink":"https://www.instagram.com/p/Cabc/","timestamp":"2026-11-01T07:00:00+0000","comments":{{"data":[{{"id":"181","text":"Available in 1kg bags?","timestamp":"2026-11-01T08:00:00+0000","username":"anna.k","replies":{{"data":[{}]}}}}]}}}}"#,
        replies.join(",")
    );
    for seeded in [false, true] {
        let s = youtube_sandbox(seeded);
        std::fs::write(s.config(), OWN).unwrap();
        let f = s.file("media.json", &media);
        let r = summary(&s, f.to_str().unwrap());
        assert_eq!(r["own_replies_linked"], 2, "{r}");
        for id in ["181", "183"] {
            let state = s.state_of("instagram", id, common::t(NOW));
            assert_eq!(state, "answered", "{id}, seeded: {seeded}");
        }
        // A comment's link, which the API does not give, as the app's
        // "Copy link" writes it: under its media's, a reply under its comment's.
        for (id, url) in [
            ("181", "https://www.instagram.com/p/Cabc/c/181/"),
            ("183", "https://www.instagram.com/p/Cabc/c/181/r/183/"),
        ] {
            assert_eq!(s.listed(id, common::t(NOW))["url"], url);
        }
    }
}

/// A mentioned handle is matched whole, in any script and case, and ends
/// before sentence punctuation: "@Ébène" written "@ébène", "@anaïs" is not
/// "@ana", "good question @ben." mentions @ben.
#[test]
fn an_own_youtube_reply_mentions_handles_in_any_script() {
    let reply = |id: &str, who: &str, body: &str, at: &str| {
        item(
            "youtube",
            id,
            who,
            body,
            at,
            serde_json::json!({"parent_id": "t1", "own": who == "@me"}),
        )
    };
    let file = lines(&[
        item(
            "youtube",
            "t1",
            "@ana",
            "Which grinder?",
            "2026-11-01T10:00:00Z",
            serde_json::json!({}),
        ),
        reply("e1", "@Ébène", "Et pour le V60 ?", "2026-11-01T10:01:00Z"),
        reply("a1", "@anaïs", "45 seconds?", "2026-11-01T10:02:00Z"),
        reply("b1", "@ben", "Which kettle?", "2026-11-01T10:03:00Z"),
        reply("o1", "@me", "@ébène moyenne-fine !", "2026-11-01T11:00:00Z"),
        reply("o2", "@me", "@anaïs yes, 45 s", "2026-11-01T11:01:00Z"),
        reply(
            "o3",
            "@me",
            "A Stagg kettle, good question @ben.",
            "2026-11-01T11:02:00Z",
        ),
    ]);
    for seeded in [false, true] {
        let s = youtube_sandbox(seeded);
        let f = s.file("yt.jsonl", &file);
        summary(&s, f.to_str().unwrap());
        let states: Vec<String> = ["t1", "e1", "a1", "b1"]
            .iter()
            .map(|id| s.state_of("youtube", id, common::t(NOW)))
            .collect();
        assert_eq!(
            states,
            ["needs-reply", "answered", "answered", "answered"],
            "seeded: {seeded}"
        );
    }
}

/// A WordPress export with the comments `ids` given another status.
fn with_status(export: &str, ids: &[(&str, &str)]) -> String {
    let mut out = export.to_owned();
    for (id, status) in ids {
        let tag = format!("<wp:comment_id>{id}</wp:comment_id>");
        let at = out.find(&tag).unwrap();
        let approved = at + out[at..].find("<wp:comment_approved>").unwrap();
        let end = approved + out[approved..].find("</wp:comment_approved>").unwrap();
        out.replace_range(approved..end, &format!("<wp:comment_approved>{status}"));
    }
    out
}

/// A comment the user dismissed, then put back, is withdrawn like the
/// others: it comes back to the queue when the platform shows it again,
/// in a database restored from an export as in the original; and what
/// comes back in a thread muted since stays out of the queue.
#[test]
fn withdrawn_comments_come_back_alike_after_a_restore_and_not_into_a_muted_thread() {
    let now = common::t(NOW);
    let original = std::fs::read_to_string(fixture("wordpress/export-part1.xml")).unwrap();
    let s = Sandbox::new();
    summary(&s, s.file("wp.xml", &original).to_str().unwrap());
    s.ok(
        &["mark", "wordpress:101", "dismissed", "--reason", "spam"],
        now,
    );
    s.ok(&["mark", "wordpress:101", "needs-reply"], now);
    let gone = s.file(
        "gone.xml",
        &with_status(&original, &[("101", "spam"), ("102", "spam")]),
    );
    assert_eq!(summary(&s, gone.to_str().unwrap())["withdrawn"], 2);

    let restored = Sandbox::new();
    let export = restored.file("export.jsonl", &s.ok(&["export"], now));
    restored.ok(&["import", export.to_str().unwrap()], now);
    assert_eq!(restored.ok(&["export"], now), s.ok(&["export"], now));
    // An export written before it said who decided each state: told from its log.
    let older = Sandbox::new();
    let lines_without: Vec<String> = (s.ok(&["export"], now).lines())
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("decided");
            v.to_string()
        })
        .collect();
    let export = older.file("older.jsonl", &(lines_without.join("\n") + "\n"));
    older.ok(&["import", export.to_str().unwrap()], now);
    for db in [&s, &restored, &older] {
        let back = db.file("back.xml", &original);
        assert_eq!(summary(db, back.to_str().unwrap())["reinstated"], 2);
        assert_eq!(db.state_of("wordpress", "101", now), "needs-reply");
        assert_eq!(db.state_of("wordpress", "102", now), "needs-reply");
    }

    let muted = Sandbox::new();
    summary(&muted, muted.file("wp.xml", &original).to_str().unwrap());
    let gone = muted.file("gone.xml", &with_status(&original, &[("101", "spam")]));
    assert_eq!(summary(&muted, gone.to_str().unwrap())["withdrawn"], 1);
    muted.ok(&["mute", "wordpress:12"], now);
    let back = muted.file("back.xml", &original);
    let human = muted.ok(&["import", back.to_str().unwrap()], now);
    assert!(!human.contains("back on the platform"), "{human}");
    let item = muted.listed("101", now);
    assert_eq!(
        (item["state"].as_str(), item["dismiss_reason"].as_str()),
        (Some("dismissed"), Some("muted"))
    );
    let before = muted.ok(&["export"], now);
    assert_eq!(summary(&muted, back.to_str().unwrap())["reinstated"], 0);
    assert_eq!(muted.ok(&["export"], now), before);
}

/// A snoozed comment withdrawn by the platform, then shown again, is
/// snoozed as it was while its time is still to come: the user's decision
/// stands; one whose time has passed since waits again.
#[test]
fn a_withdrawn_comment_shown_again_keeps_its_snooze() {
    let now = common::t(NOW);
    let original = std::fs::read_to_string(fixture("wordpress/export-part1.xml")).unwrap();
    let s = Sandbox::new();
    summary(&s, s.file("wp.xml", &original).to_str().unwrap());
    s.ok(&["snooze", "wordpress:101", "2026-12-20T09:00:00Z"], now);
    s.ok(&["snooze", "wordpress:102", "2026-11-21T09:00:00Z"], now);
    let gone = s.file(
        "gone.xml",
        &with_status(&original, &[("101", "spam"), ("102", "spam")]),
    );
    assert_eq!(summary(&s, gone.to_str().unwrap())["withdrawn"], 2);
    let back = s.file("back.xml", &original);
    let later = common::t("2026-11-22T12:00:00Z");
    let got = s.import_summary(&back, later);
    assert_eq!(got["reinstated"], 2, "{got}");
    let item = s.listed("101", later);
    assert_eq!(
        (item["state"].as_str(), item["snoozed_until"].as_str()),
        (Some("snoozed"), Some("2026-12-20T09:00:00Z"))
    );
    assert_eq!(s.state_of("wordpress", "102", later), "needs-reply");
}

/// WordPress numbers every site's comments from 1: another site's export
/// into a database holding one site's is refused, whole, instead of its
/// comments taking the place (and the decisions) of the first site's.
#[test]
fn another_wordpress_sites_export_is_refused_not_merged() {
    let now = common::t(NOW);
    let original = std::fs::read_to_string(fixture("wordpress/export-part1.xml")).unwrap();
    assert!(original.contains("blog.example.com"));
    let s = Sandbox::new();
    summary(&s, s.file("wp.xml", &original).to_str().unwrap());
    s.ok(&["mark", "wordpress:101", "dismissed"], now);
    let before = s.ok(&["export"], now);
    // Another blog: its comment 101 is another person's, at another time.
    let other = original
        .replace("blog.example.com", "other.example.net")
        .replace("2024-03-05 08:15:00", "2025-01-02 03:04:05");
    let other = s.file("other.xml", &other);
    let err = s.fails(&["import", other.to_str().unwrap()], now);
    assert!(
        err.contains("wordpress:101 is an item of another site in this database (blog.example.com/2024/03/spring-launch/; this one is on other.example.net/2024/03/spring-launch/)"),
        "{err}"
    );
    assert_eq!(s.ok(&["export"], now), before);
    // The two exports joined into one file (`cat`): the same, not two
    // comments of one id a spreadsheet made.
    let joined = format!("{original}\n{}", std::fs::read_to_string(&other).unwrap());
    let fresh = Sandbox::new();
    let err = fresh.fails(
        &["import", fresh.file("both.xml", &joined).to_str().unwrap()],
        now,
    );
    assert!(
        err.contains("wordpress:101 is an item of another site earlier in this file"),
        "{err}"
    );
    // Another site of a network in folders of one host, its posts of the
    // same numbers: told by its pages (and its comments' times).
    let shop = original
        .replace("https://blog.example.com", "https://blog.example.com/shop")
        .replace("2024-03-05 08:15:00", "2025-01-02 03:04:05");
    let err = s.fails(
        &["import", s.file("shop.xml", &shop).to_str().unwrap()],
        now,
    );
    assert!(
        err.contains("wordpress:101 is an item of another site in this database (blog.example.com/2024/03/spring-launch/; this one is on blog.example.com/shop/2024/03/spring-launch/)"),
        "{err}"
    );
    assert_eq!(s.ok(&["export"], now), before);
    // Another site's spam and trash of the same numbers, written at other
    // times, withdraw nothing here (they dismissed this site's comments
    // and took its replies).
    let ids = [
        "101", "102", "103", "104", "105", "106", "110", "900", "901", "902", "903", "904", "905",
    ];
    let site = std::fs::read_to_string(&other).unwrap();
    for (file, site) in [("other-spam.xml", &site), ("shop-spam.xml", &shop)] {
        let spam = with_status(site, &ids.map(|id| (id, "spam"))).replace("2024-", "2019-");
        let got = summary(&s, s.file(file, &spam).to_str().unwrap());
        assert_eq!(
            (got["withdrawn"].as_u64(), got["new"].as_u64()),
            (Some(0), Some(0)),
            "{got}"
        );
        assert_eq!(s.ok(&["export"], now), before, "{file}");
    }
    // The site's own spam is still taken out, also once its post's
    // address (or the site's) changed: the same post, the same time.
    let spam = with_status(&original, &[("102", "spam")]);
    let got = summary(&s, s.file("spam.xml", &spam).to_str().unwrap());
    assert_eq!(got["withdrawn"].as_u64(), Some(1), "{got}");
    let moved = with_status(&original, &[("103", "trash")])
        .replace("blog.example.com", "example.org/blog")
        .replace("2024/03/spring-launch/", "?p=12");
    let got = summary(&s, s.file("moved-spam.xml", &moved).to_str().unwrap());
    assert_eq!(got["withdrawn"].as_u64(), Some(1), "{got}");
    // The same comments at a new address: the site moved.
    let moved = s.file(
        "moved.xml",
        &original.replace("blog.example.com", "example.org/blog"),
    );
    let got = summary(&s, moved.to_str().unwrap());
    assert_eq!(got["new"], 0, "{got}");
    assert_eq!(s.state_of("wordpress", "101", now), "dismissed");
    // The same site, its post at a new address, a comment's author edited:
    // the same post, so the same comment.
    let renamed = original
        .replace("blog.example.com", "example.org/blog")
        .replace("2024/03/spring-launch/", "?p=12")
        .replace("Joe O'Brien &amp; Sons", "Joe O'Brien");
    let got = summary(&s, s.file("renamed.xml", &renamed).to_str().unwrap());
    assert_eq!(got["new"], 0, "{got}");
    assert_eq!(s.state_of("wordpress", "101", now), "dismissed");
}

/// A canonical line naming no address of its own is told by its thread's:
/// another site's comment of a stored number (its thread's page elsewhere,
/// or, on GitHub, its thread's id naming an Enterprise server) is refused;
/// the same comment without its address is the stored one.
#[test]
fn a_canonical_comment_without_its_address_is_told_by_its_threads() {
    let now = common::t(NOW);
    let original = std::fs::read_to_string(fixture("wordpress/export-part1.xml")).unwrap();
    let s = Sandbox::new();
    summary(&s, s.file("wp.xml", &original).to_str().unwrap());
    let github = r#"{"platform":"github","id":"555","thread_id":"o/r#1","author":"ana","body":"Does it build on ARM?","created_at":"2024-03-05T09:00:00Z"}"#;
    s.ok(
        &["import", s.file("gh.jsonl", github).to_str().unwrap()],
        now,
    );
    let before = s.ok(&["export"], now);
    for (name, line, stored) in [
        (
            "other-blog.jsonl",
            r#"{"platform":"wordpress","id":"101","thread_id":"77","thread_url":"https://other-blog.example/post-77/","author":"Mallory","body":"another site","created_at":"2026-11-20T10:00:00Z"}"#,
            "wordpress:101",
        ),
        (
            "ghe.jsonl",
            r#"{"platform":"github","id":"555","thread_id":"ghe.example.com/o/r#1","author":"mallory","body":"another server","created_at":"2026-11-20T10:00:00Z"}"#,
            "github:555",
        ),
    ] {
        let err = s.fails(&["import", s.file(name, line).to_str().unwrap()], now);
        assert!(
            err.contains(&format!(
                "{stored} is an item of another site in this database"
            )),
            "{err}"
        );
        assert_eq!(s.ok(&["export"], now), before, "{name}");
    }
    let same = r#"{"platform":"wordpress","id":"101","thread_id":"12","thread_url":"https://blog.example.com/2024/03/spring-launch/","author":"Joe O'Brien & Sons","body":"Great post, edited","created_at":"2024-03-05T08:15:00Z"}"#;
    let got = summary(&s, s.file("same.jsonl", same).to_str().unwrap());
    assert_eq!(
        (got["new"].as_u64(), got["updated"].as_u64()),
        (Some(0), Some(1)),
        "{got}"
    );
}

/// Another blog's export that first gives a post of a stored number its
/// own address (a new comment there), then a comment of a stored number,
/// is refused all the same: the stored comment's site is told by its
/// post's address as it was.
#[test]
fn another_blogs_post_of_a_stored_number_does_not_make_its_comments_ours() {
    let now = common::t(NOW);
    let s = Sandbox::new();
    let a = r#"{"platform":"wordpress","id":"5","thread_id":"12","thread_title":"Post A","thread_url":"https://a.example.com/post-a/","author":"Alice","body":"Site A comment five","created_at":"2026-11-01T10:00:00Z"}"#;
    s.ok(&["import", s.file("a.jsonl", a).to_str().unwrap()], now);
    let before = s.ok(&["export"], now);
    let b = [
        r#"{"platform":"wordpress","id":"4","thread_id":"12","thread_title":"Post B","thread_url":"https://b.example.org/post-b/","author":"Bob","body":"Site B comment four","created_at":"2026-11-10T10:00:00Z"}"#,
        r#"{"platform":"wordpress","id":"5","thread_id":"12","thread_title":"Post B","thread_url":"https://b.example.org/post-b/","author":"Carol","body":"Site B comment five","created_at":"2026-11-11T10:00:00Z"}"#,
    ]
    .join("\n");
    let err = s.fails(&["import", s.file("b.jsonl", &b).to_str().unwrap()], now);
    assert!(
        err.contains("wordpress:5 is an item of another site in this database (a.example.com/post-a/; this one is on b.example.org/post-b/)"),
        "{err}"
    );
    assert_eq!(s.ok(&["export"], now), before);
}

/// An id a record would be refused for (an invisible character in it)
/// withdraws nothing: cleaned, it would name another item.
#[test]
fn a_gone_id_holding_an_invisible_character_withdraws_nothing() {
    let now = common::t(NOW);
    let original = std::fs::read_to_string(fixture("wordpress/export-part1.xml")).unwrap();
    let s = Sandbox::new();
    summary(&s, s.file("wp.xml", &original).to_str().unwrap());
    let before = s.ok(&["export"], now);
    let spam = with_status(&original, &[("102", "spam")]).replace(
        "<wp:comment_id>102</wp:comment_id>",
        "<wp:comment_id>102\u{200b}</wp:comment_id>",
    );
    let got = summary(&s, s.file("spam.xml", &spam).to_str().unwrap());
    assert_eq!(got["withdrawn"].as_u64(), Some(0), "{got}");
    assert_eq!(s.ok(&["export"], now), before);
}

/// An undo takes back a change only where it still stands: a snoozed
/// comment the platform has since removed stays out of the queue.
#[test]
fn an_undo_leaves_what_the_platform_removed_since() {
    let now = common::t(NOW);
    let original = std::fs::read_to_string(fixture("wordpress/export-part1.xml")).unwrap();
    let s = Sandbox::new();
    summary(&s, s.file("wp.xml", &original).to_str().unwrap());
    s.ok(&["snooze", "wordpress:102", "3h"], now);
    let gone = s.file("gone.xml", &with_status(&original, &[("102", "spam")]));
    assert_eq!(summary(&s, gone.to_str().unwrap())["withdrawn"], 1);
    let said = s.ok(&["undo"], now);
    assert!(
        said.starts_with("nothing undone: snoozed (wordpress:102 \"")
            && said.contains(" was changed since by an import: what the platform says stands"),
        "{said}"
    );
    let item = s.listed("102", now);
    assert_eq!(
        (item["state"].as_str(), item["dismiss_reason"].as_str()),
        (Some("dismissed"), Some("removed"))
    );
}

/// A comment the platform removed is dismissed as "removed", which is not
/// the user's work: today's progress does not count it.
#[test]
fn a_withdrawn_comment_is_not_todays_progress() {
    let now = common::t(NOW);
    let original = std::fs::read_to_string(fixture("wordpress/export-part1.xml")).unwrap();
    let s = Sandbox::new();
    summary(&s, s.file("wp.xml", &original).to_str().unwrap());
    let gone = s.file("gone.xml", &with_status(&original, &[("102", "spam")]));
    assert_eq!(summary(&s, gone.to_str().unwrap())["withdrawn"], 1);
    let stats = s.stats("all", now);
    assert_eq!(stats["dismissed_by_reason"]["removed"], 1);
    assert_eq!(stats["today"]["dismissed"], 0, "{}", stats["today"]);
}

/// A comment removed on the platform together with the reply that answered
/// it is withdrawn, not put back in the queue by its reply's going.
#[test]
fn a_comment_removed_with_its_reply_is_withdrawn() {
    let now = common::t(NOW);
    let original = std::fs::read_to_string(fixture("wordpress/export-part1.xml")).unwrap();
    let s = Sandbox::new();
    // Reply 102 is the site owner's (user id 1).
    std::fs::write(s.config(), "[own]\nwordpress = [\"1\"]\n").unwrap();
    summary(&s, s.file("wp.xml", &original).to_str().unwrap());
    assert_eq!(s.state_of("wordpress", "101", now), "answered");
    let gone = s.file(
        "gone.xml",
        &with_status(&original, &[("101", "spam"), ("102", "spam")]),
    );
    let r = summary(&s, gone.to_str().unwrap());
    assert_eq!(
        (r["own_replies_removed"].clone(), r["withdrawn"].clone()),
        (1.into(), 1.into()),
        "{r}"
    );
    assert_eq!(s.state_of("wordpress", "101", now), "dismissed");
    assert_eq!(s.stats("all", now)["dismissed_by_reason"]["removed"], 1);
}

/// A withdrawn comment the user put back in the queue stays there when the
/// same file is imported again: the platform says nothing new, and a
/// re-import never undoes a decision.
#[test]
fn a_withdrawn_comment_put_back_stays_put_when_the_file_comes_again() {
    let now = common::t(NOW);
    let original = std::fs::read_to_string(fixture("wordpress/export-part1.xml")).unwrap();
    let s = Sandbox::new();
    summary(&s, s.file("wp.xml", &original).to_str().unwrap());
    let gone = s.file("gone.xml", &with_status(&original, &[("101", "spam")]));
    let gone = gone.to_str().unwrap();
    assert_eq!(summary(&s, gone)["withdrawn"], 1);
    s.ok(&["mark", "wordpress:101", "needs-reply"], now);
    assert_eq!(summary(&s, gone)["withdrawn"], 0);
    assert_eq!(s.state_of("wordpress", "101", now), "needs-reply");
}

/// A later export that has a comment as spam or in the trash withdraws it:
/// an item still waiting (or snoozed) is dismissed as removed, what the
/// user decided stays, a dry run only counts, and a re-import is a no-op.
/// Approved again, the withdrawn comments come back to the queue.
#[test]
fn comments_taken_off_the_platform_leave_the_queue() {
    let s = Sandbox::new();
    let original = std::fs::read_to_string(fixture("wordpress/export-part1.xml")).unwrap();
    let f = s.file("wp.xml", &original);
    summary(&s, f.to_str().unwrap());
    let now = common::t(NOW);
    s.ok(&["snooze", "wordpress:102", "3h"], now);
    s.ok(
        &[
            "mark",
            "wordpress:103",
            "dismissed",
            "--reason",
            "off-topic",
        ],
        now,
    );
    // Comments 101 and 103 marked spam, 102 trashed, in the site's next export.
    let later = with_status(
        &original,
        &[("101", "spam"), ("102", "trash"), ("103", "spam")],
    );
    std::fs::write(&f, later).unwrap();
    let path = f.to_str().unwrap();
    let reason = |id: &str| {
        let item = s.listed(id, now);
        format!("{} {}", item["state"], item["dismiss_reason"])
    };

    let dry: Value =
        serde_json::from_str(&s.ok(&["import", "--json", "--dry-run", path], now)).unwrap();
    assert_eq!(dry["withdrawn"], 2, "{dry}");
    assert_eq!(reason("101"), r#""needs-reply" null"#);

    let human = s.ok(&["import", path], now);
    assert!(
        human.contains(", 2 removed on the platform and dismissed (counted among the skipped)"),
        "{human}"
    );
    assert_eq!(reason("101"), r#""dismissed" "removed""#);
    assert_eq!(reason("102"), r#""dismissed" "removed""#);
    assert_eq!(reason("103"), r#""dismissed" "off-topic""#);
    let before = s.ok(&["export"], now);
    assert_eq!(summary(&s, path)["withdrawn"], 0);
    assert_eq!(s.ok(&["export"], now), before);

    // Approved again on the site: what the import dismissed comes back
    // (snoozed as it was, its 3 hours still to run), what the user
    // dismissed stays dismissed.
    let again = s.file("wp-again.xml", &original);
    let human = s.ok(&["import", again.to_str().unwrap()], now);
    assert!(human.contains(", 2 back on the platform"), "{human}");
    assert_eq!(reason("101"), r#""needs-reply" null"#);
    assert_eq!(reason("102"), r#""snoozed" null"#);
    assert_eq!(reason("103"), r#""dismissed" "off-topic""#);
    let before = s.ok(&["export"], now);
    assert_eq!(summary(&s, again.to_str().unwrap())["reinstated"], 0);
    assert_eq!(s.ok(&["export"], now), before);
}

/// A WordPress export with the site owner (user 1, login fernweh), a
/// question, and the replies given: each `(name, e-mail, user id)`.
fn wxr(replies: &[(&str, &str, &str)]) -> String {
    let comment = |id: usize, name: &str, email: &str, user: &str, parent: usize, text: &str| {
        format!(
            "<wp:comment><wp:comment_id>{id}</wp:comment_id>\
             <wp:comment_author><![CDATA[{name}]]></wp:comment_author>\
             <wp:comment_author_email>{email}</wp:comment_author_email>\
             <wp:comment_date_gmt>2026-11-1{id} 10:00:00</wp:comment_date_gmt>\
             <wp:comment_content><![CDATA[{text}]]></wp:comment_content>\
             <wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>\
             <wp:comment_parent>{parent}</wp:comment_parent><wp:comment_user_id>{user}</wp:comment_user_id>\
             </wp:comment>"
        )
    };
    let mut comments = comment(
        1,
        "Lena",
        "lena@example.de",
        "0",
        0,
        "Do you ship to Austria?",
    );
    for (i, (name, email, user)) in replies.iter().enumerate() {
        comments += &comment(i + 2, name, email, user, 1, "Yes we do, Lena!");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[fernweh]]></wp:author_login><wp:author_email>owner@fernweh.example</wp:author_email><wp:author_display_name><![CDATA[Fernweh Coffee]]></wp:author_display_name></wp:author>
<item><title>Shipping</title><link>https://fernweh.example/shipping/</link><wp:post_id>5</wp:post_id>{comments}</item>
</channel></rss>"#
    )
}

/// A guest types any name and e-mail: the owner's login, id or address
/// typed by a guest (user id 0) never makes their comment an own reply;
/// the owner's comment while logged in does, by id, login or e-mail.
#[test]
fn a_wordpress_guest_who_types_the_owner_s_identity_is_not_the_owner() {
    for own in ["fernweh", "1", "owner@fernweh.example"] {
        let s = Sandbox::new();
        std::fs::write(s.config(), format!("[own]\nwordpress = [\"{own}\"]\n")).unwrap();
        let impostors = [
            ("fernweh", "owner@fernweh.example", "0"),
            ("1", "x@example.net", "0"),
        ];
        let f = s.file("guest.xml", &wxr(&impostors));
        summary(&s, f.to_str().unwrap());
        assert_eq!(s.state_of("wordpress", "1", t(NOW)), "needs-reply", "{own}");
        assert_eq!(s.ok(&["replies", "--json"], t(NOW)), "", "{own}");
        // The owner, logged in, under any display name.
        let f = s.file(
            "owner.xml",
            &wxr(&[
                impostors[0],
                impostors[1],
                ("Jo", "owner@fernweh.example", "1"),
            ]),
        );
        summary(&s, f.to_str().unwrap());
        assert_eq!(s.state_of("wordpress", "1", t(NOW)), "answered", "{own}");
        let replies = s.ok(&["replies", "--json"], t(NOW));
        assert_eq!(ids(&replies), ["4"], "{own}: {replies}");
    }
}

/// A record whose own lists are empty is a record, not an empty page: an
/// Algolia leaf comment (`children: []`, as `items/<id>` of a comment
/// without replies gives it), alone or first in JSON Lines, and a GitHub
/// issue without labels or assignees.
#[test]
fn a_record_with_empty_lists_is_not_an_empty_page() {
    let leaf = |id: u32| {
        format!(
            r#"{{"author":"x{id}","children":[],"created_at":"2026-11-20T08:00:00.000Z","created_at_i":1763625600,"id":{id},"options":[],"parent_id":1,"points":null,"story_id":1,"text":"leaf","title":null,"type":"comment","url":null}}"#
        )
    };
    let story = r#"{"author":"op","children":[],"created_at_i":1763620000,"id":1,"options":[],"parent_id":null,"story_id":1,"text":null,"title":"Ask HN: leaves?","type":"story"}"#;
    let issue = r#"{"id":5,"number":3,"title":"Crash","html_url":"https://github.com/o/r/issues/3","user":{"login":"ann","id":9,"type":"User"},"labels":[],"assignees":[],"author_association":"NONE","body":"It crashes","created_at":"2026-11-19T10:00:00Z"}"#;
    for (name, file, format, new) in [
        ("o7.json", leaf(7), "hackernews", 1),
        (
            "o.jsonl",
            format!("{}\n{story}\n", leaf(8)),
            "hackernews",
            1,
        ),
        (
            "o2.jsonl",
            format!("{}\n{}\n", leaf(9), leaf(10)),
            "hackernews",
            2,
        ),
        (
            "o3.jsonl",
            format!(
                "{}\n{}",
                leaf(11),
                std::fs::read_to_string(fixture("hackernews/algolia_story.json")).unwrap()
            ),
            "hackernews",
            7,
        ),
        ("issue.json", issue.to_owned(), "github", 1),
    ] {
        let s = Sandbox::new();
        let r = summary(&s, s.file(name, &file).to_str().unwrap());
        assert_eq!(
            (r["format"].as_str(), r["new"].as_u64()),
            (Some(format), Some(new)),
            "{name}: {r}"
        );
    }
    // The story gives the leaf listed before it its title.
    let s = Sandbox::new();
    summary(
        &s,
        s.file("o.jsonl", &format!("{}\n{story}\n", leaf(8)))
            .to_str()
            .unwrap(),
    );
    assert_eq!(s.listed("8", t(NOW))["thread_title"], "Ask HN: leaves?");
}

/// GitHub issue comments forced to `--format hackernews` are an error, not
/// deleted HN comments that withdraw the stored HN items sharing their ids.
#[test]
fn a_github_file_forced_to_hackernews_withdraws_nothing() {
    let s = Sandbox::new();
    let hn = lines(&[item(
        "hackernews",
        "2001234567",
        "pg_fan",
        "How does this work?",
        "2026-11-01T10:00:00Z",
        serde_json::json!({}),
    )]);
    summary(&s, s.file("hn.jsonl", &hn).to_str().unwrap());
    let before = s.ok(&["export"], t(NOW));
    let gh = fixture("github/issue-comments.json");
    let err = s
        .run(&["import", "--format", "hackernews", &gh], t(NOW))
        .unwrap_err();
    assert!(
        format!("{err:#}")
            .contains("issue-comments.json:[0].author: missing, and this is no Hacker News item"),
        "{err:#}"
    );
    assert_eq!(
        s.state_of("hackernews", "2001234567", t(NOW)),
        "needs-reply"
    );
    assert_eq!(s.ok(&["export"], t(NOW)), before);
}

/// A comment a Hacker News search found, then its story's tree with the
/// owner's reply to it: one item, answered, and the search again changes
/// nothing.
#[test]
fn a_hacker_news_search_hit_is_the_comment_its_story_holds() {
    let s = Sandbox::new();
    std::fs::write(s.config(), OWN).unwrap();
    let search = fixture("hackernews/algolia_search.json");
    let found = summary(&s, &search);
    assert_eq!(
        (found["new"].as_u64(), found["format"].as_str()),
        (Some(3), Some("hackernews"))
    );
    assert_eq!(s.state_of("hackernews", "45102101", t(NOW)), "needs-reply");
    let tree = summary(&s, &fixture("hackernews/algolia_story.json"));
    assert_eq!(
        (tree["new"].as_u64(), tree["unchanged"].as_u64()),
        (Some(5), Some(1)),
        "{tree}"
    );
    assert_eq!(s.state_of("hackernews", "45102101", t(NOW)), "answered");
    let again = summary(&s, &search);
    assert_eq!(
        (
            again["new"].as_u64(),
            again["updated"].as_u64(),
            again["unchanged"].as_u64()
        ),
        (Some(0), Some(0), Some(3)),
        "{again}"
    );
    assert_eq!(s.state_of("hackernews", "45102101", t(NOW)), "answered");
}

/// Files ackbox does not read say what they are and what to do: a gzip
/// file (a Disqus export as it arrives), pull request review comments.
#[test]
fn gzip_files_and_review_comments_say_what_to_do() {
    let s = Sandbox::new();
    let gz = s.dir.path().join("export.xml.gz");
    // gzip's magic bytes, then a deflate stream.
    std::fs::write(
        &gz,
        [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0xcb, 0x48],
    )
    .unwrap();
    for forced in [None, Some("disqus")] {
        let mut args = vec!["import", gz.to_str().unwrap()];
        args.extend(forced.map(|f| ["--format", f]).into_iter().flatten());
        let err = format!("{:#}", s.run(&args, t(NOW)).unwrap_err());
        assert!(
            err.contains("export.xml.gz: the file is gzip-compressed") && err.contains("gunzip"),
            "{err}"
        );
    }
    // WordPress.com's export arrives as a zip archive.
    let zip = s.dir.path().join("export.zip");
    std::fs::write(&zip, b"PK\x03\x04\x14\x00\x00\x00\x08\x00").unwrap();
    let err = s.fails(&["import", zip.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("export.zip: the file is a zip archive") && err.contains("unzip it"),
        "{err}"
    );
    // An empty one (its end record alone) holds nothing to import.
    let empty = s.dir.path().join("empty.zip");
    let mut end = b"PK\x05\x06".to_vec();
    end.resize(22, 0);
    std::fs::write(&empty, end).unwrap();
    let err = s.fails(&["import", empty.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("empty.zip: the file is an empty zip archive: there is nothing in it"),
        "{err}"
    );
    // A platform's download of one's own writing, by its name or a file
    // among its first (a zip's local header: the data's size at 18, the
    // name's length at 26, the name at 30, then the data).
    let local_header = |name: &str| {
        let data: &[u8] = if name.ends_with('/') { b"" } else { b"{}" };
        let mut h = b"PK\x03\x04".to_vec();
        h.extend([0u8; 14]);
        h.extend((data.len() as u32).to_le_bytes());
        h.extend([0u8; 4]);
        h.extend((name.len() as u16).to_le_bytes());
        h.extend([0u8; 2]);
        h.extend(name.as_bytes());
        h.extend(data);
        h
    };
    let entries = |names: &[&str]| {
        names
            .iter()
            .flat_map(|n| local_header(n))
            .collect::<Vec<u8>>()
    };
    let many: Vec<String> = (0..40)
        .map(|n| format!("ads_information/{n}.json"))
        .collect();
    for (names, what) in [
        // `zip -r`'s folders first, then the file.
        (
            vec![
                "your_instagram_activity/",
                "your_instagram_activity/threads/",
                "your_instagram_activity/threads/threads_and_replies.json",
            ],
            "a Threads",
        ),
        // The download's other files first, as Meta lists them.
        (
            many.iter()
                .map(String::as_str)
                .chain(["your_facebook_activity/comments_and_reactions/comments.json"])
                .collect(),
            "a Facebook",
        ),
    ] {
        let zip = s.dir.path().join("d2.zip");
        std::fs::write(&zip, entries(&names)).unwrap();
        let err = s.fails(&["import", zip.to_str().unwrap()], t(NOW));
        assert!(
            err.contains(&format!("each {what} \"Download your information\" file")),
            "{err}"
        );
    }
    // Written to a stream: each size after its data (flag bit 3), with the
    // descriptor's signature.
    let streamed: Vec<u8> = ["ads_information/a.json", "your_facebook_activity/c.json"]
        .iter()
        .flat_map(|name| {
            let mut h = b"PK\x03\x04\x14\x00\x08\x00".to_vec();
            h.extend([0u8; 18]);
            h.extend((name.len() as u16).to_le_bytes());
            h.extend([0u8; 2]);
            h.extend(name.as_bytes());
            h.extend(b"{}PK\x07\x08");
            h.extend([0u8; 12]);
            h
        })
        .collect();
    let zip = s.dir.path().join("streamed.zip");
    std::fs::write(&zip, streamed).unwrap();
    let err = s.fails(&["import", zip.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("each a Facebook \"Download your information\" file"),
        "{err}"
    );
    for (file, first, what) in [
        (
            "facebook-ann-2025-12-01-abc.zip",
            "ads_information/x.json",
            "a Facebook \"Download your information\" file",
        ),
        (
            "download.zip",
            "your_instagram_activity/comments/post_comments_1.json",
            "an Instagram \"Download your information\" file",
        ),
        (
            // Threads alone, named as Instagram's download.
            "instagram-fernweh.coffee-2026-12-06-Thr.zip",
            "your_instagram_activity/threads/threads_and_replies.json",
            "a Threads \"Download your information\" file",
        ),
        (
            "takeout-20251201T000000Z-001.zip",
            "Takeout/YouTube and YouTube Music/comments/comments.csv",
            "a Google Takeout YouTube comments file",
        ),
        (
            "export_fernweh_coffee_20261207.zip",
            "comment_headers.csv",
            "a Reddit data request's CSV",
        ),
    ] {
        let zip = s.dir.path().join(file);
        std::fs::write(&zip, local_header(first)).unwrap();
        let err = s.fails(&["import", zip.to_str().unwrap()], t(NOW));
        assert!(
            err.contains(&format!(
                "{file}: the file is a zip archive whose files are each {what}"
            )),
            "{err}"
        );
    }
    // Their web pages, when HTML was chosen; other packed files.
    let html = s.file(
        "comments.html",
        "\u{feff}<!DOCTYPE html><html><head><title>Comments</title></head><body></body></html>",
    );
    for forced in [None, Some("facebook")] {
        let mut args = vec!["import", html.to_str().unwrap()];
        args.extend(forced.map(|f| ["--format", f]).into_iter().flatten());
        let err = format!("{:#}", s.run(&args, t(NOW)).unwrap_err());
        assert!(
            err.contains("comments.html: a web page (HTML, \"Comments\")"),
            "{err}"
        );
    }
    // XHTML, a browser's "saved from" line, a title's entities.
    let saved = s.file(
        "saved.json",
        "<?xml version=\"1.0\"?>\n<!-- saved from url=(0014)about:internet -->\n<html><head><title>A &amp; B &#8211; 502</title></head></html>",
    );
    let err = s.fails(&["import", saved.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("saved.json: a web page (HTML, \"A & B – 502\")"),
        "{err}"
    );
    // A name of one's own choosing says nothing of what is inside, nor
    // does a WordPress.com site's.
    for name in [
        "facebook-page-comments.zip",
        "facebook-tips.wordpress.com-2025-11-02-10_00_00-abcd1234.zip",
    ] {
        let mine = s.dir.path().join(name);
        std::fs::write(&mine, local_header("comments.xml")).unwrap();
        let err = s.fails(&["import", mine.to_str().unwrap()], t(NOW));
        assert!(err.contains("unzip it first"), "{name}: {err}");
    }
    let mut tar = vec![0u8; 512];
    tar[..10].copy_from_slice(b"outbox.jso");
    tar[257..262].copy_from_slice(b"ustar");
    for (file, bytes, said) in [
        ("archive.tar", tar, "a tar archive"),
        (
            "c.jsonl.xz",
            vec![0xFD, b'7', b'z', b'X', b'Z', 0, 0],
            "compressed",
        ),
        (
            "repo.car",
            b"\x3a\xa2\x65roots\x81\xd8\x2a\x67version\x01".to_vec(),
            "a Bluesky repository export",
        ),
        (
            "backup.db",
            b"SQLite format 3\0\x10\x00".to_vec(),
            "an SQLite database (an ackbox database, or a backup of one?): ackbox opens a database with --db FILE",
        ),
    ] {
        let f = s.dir.path().join(file);
        std::fs::write(&f, bytes).unwrap();
        let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
        assert!(
            err.contains(&format!("{file}: ")) && err.contains(said),
            "{err}"
        );
    }
    let review = r#"[{"url":"https://api.github.com/repos/o/r/pulls/comments/9","pull_request_review_id":5,"id":9,"diff_hunk":"@@ -1 +1 @@","path":"src/a.rs","user":{"login":"ann","id":1,"type":"User"},"body":"nit","created_at":"2026-11-01T00:00:00Z","html_url":"https://github.com/o/r/pull/1#discussion_r9","pull_request_url":"https://api.github.com/repos/o/r/pulls/1","author_association":"NONE"}]"#;
    let f = s.file("review.json", review);
    let err = s.fails(&["import", f.to_str().unwrap()], t(NOW));
    assert!(
        err.contains("review.json:[0]: a pull request review comment (from /pulls/comments")
            && err.contains("issues/comments"),
        "{err}"
    );
}

/// An HTML link whose text hides its address keeps the address, and a
/// comment that is only such a link is flagged as only a link, like a
/// bare one; a link that shows its address stays as it is.
#[test]
fn a_disguised_link_shows_its_address_and_is_flagged_as_a_link() {
    let s = Sandbox::new();
    let comment = |id: u32, text: &str| {
        serde_json::json!({"author": format!("a{id}"), "children": [], "created_at_i": 1763625600,
            "id": id, "parent_id": 1, "story_id": 1, "text": text, "type": "comment"})
        .to_string()
    };
    let file = [
        comment(
            2,
            r#"<a href="https://spam.example/buy-followers" rel="nofollow">click here</a>"#,
        ),
        comment(
            3,
            r#"<a href="https://x.example/a">https://x.example/a</a>"#,
        ),
        comment(
            4,
            r#"Thanks, with a <a href="https://x.example/a?b=1&amp;c=2">link</a>."#,
        ),
    ]
    .join("\n");
    summary(&s, s.file("hn.jsonl", &file).to_str().unwrap());
    let shown = |id: &str| {
        let v = s.listed(id, t(NOW));
        (
            v["body"].as_str().unwrap().to_owned(),
            v["flags"].to_string(),
        )
    };
    let (body, flags) = shown("2");
    assert_eq!(body, "[click here](https://spam.example/buy-followers)");
    assert!(flags.contains("link_only"), "{flags}");
    assert!(shown("3").1.contains("link_only"));
    let (body, flags) = shown("4");
    assert_eq!(body, "Thanks, with a [link](https://x.example/a?b=1&c=2).");
    assert!(!flags.contains("link_only"), "{flags}");
}

/// A Facebook comment that shares a link carries it as an attachment, not
/// in its `message`: its address (out of Facebook's `l.php` wrapper) is
/// kept under the preview's title, so a comment that is only a link is
/// flagged as one; a link the words already hold is not written twice.
#[test]
fn a_facebook_shared_link_keeps_its_address_and_is_flagged_as_a_link() {
    let s = Sandbox::new();
    let comment = |id: &str, message: &str, url: &str| {
        serde_json::json!({"id": format!("10_{id}"), "message": message,
            "created_time": "2026-11-20T08:00:00+0000", "from": {"name": "Jo", "id": "77"},
            "attachment": {"type": "share", "title": "Kaffeehaus Guide Berlin",
                "description": "Die besten Cafés", "url": url,
                "target": {"url": url}, "media": {"image": {"src": "https://x.example/i.jpg"}}}})
    };
    let wrapped = "https://l.facebook.com/l.php?u=https%3A%2F%2Fguide.example%2Fberlin&h=AT0x";
    let page = serde_json::json!({"data": [
        comment("1", "", wrapped),
        comment("2", "Our pick: https://guide.example/berlin", wrapped),
        comment("3", "Which one is yours?", "https://guide.example/berlin"),
        comment("4", "See guide.example/berlin!", "https://www.guide.example/berlin/"),
    ]});
    summary(&s, s.file("fb.json", &page.to_string()).to_str().unwrap());
    let shown = |id: &str| {
        let v = s.listed(id, t(NOW));
        (
            v["body"].as_str().unwrap().to_owned(),
            v["flags"].to_string(),
        )
    };
    let (body, flags) = shown("10_1");
    assert_eq!(
        body,
        "[Kaffeehaus Guide Berlin](https://guide.example/berlin)"
    );
    assert!(flags.contains("link_only"), "{flags}");
    assert_eq!(shown("10_2").0, "Our pick: https://guide.example/berlin");
    assert_eq!(shown("10_4").0, "See guide.example/berlin!");
    let (body, flags) = shown("10_3");
    assert_eq!(
        body,
        "Which one is yours?\n[Kaffeehaus Guide Berlin](https://guide.example/berlin)"
    );
    assert!(!flags.contains("link_only"), "{flags}");
}

#[test]
fn an_emoji_cut_in_half_by_the_exporter_does_not_stop_the_import() {
    // JavaScript writes a string cut inside an emoji with half a surrogate
    // pair, which serde_json alone refuses.
    for (file, field) in [
        ("youtube/commentThreads.json", r#""textOriginal": ""#),
        ("reddit/api_comments.json", r#""body": ""#),
    ] {
        let s = Sandbox::new();
        let text = std::fs::read_to_string(fixture(file)).unwrap();
        let cut = text.replacen(field, &format!(r"{field}cut \ud83d"), 1);
        assert_ne!(cut, text, "{file}");
        let path = s.file("cut.json", &cut);
        let done = summary(&s, path.to_str().unwrap());
        assert!(done["new"].as_u64().unwrap() > 1, "{file}: {done}");
        let list = s.ok(&["list", "--json", "--state", "all"], common::t(NOW));
        assert!(list.contains("cut \u{fffd}"), "{file}: {list}");
    }
    let s = Sandbox::new();
    let line = r#"{"platform":"x","id":"1","author":"a","body":"cut \ud83d","created_at":"2026-11-01T10:00:00Z"}"#;
    let path = s.file("cut.jsonl", &format!("{line}\n"));
    s.ok(&["import", path.to_str().unwrap()], common::t(NOW));
    assert_eq!(s.listed("1", common::t(NOW))["body"], "cut \u{fffd}");
}

/// Fetches appended to one file may show a comment and, later or earlier,
/// show it removed. The file then keeps it as it is, whether the database
/// was empty or not, and a re-import changes nothing.
#[test]
fn a_comment_a_file_both_shows_and_says_removed_is_kept() {
    let now = common::t(NOW);
    let fetch = |body: &str| {
        format!(
            r#"[{{"kind":"Listing","data":{{"children":[{{"kind":"t3","data":{{"id":"p1","name":"t3_p1","title":"Post","permalink":"/r/x/comments/p1/post/"}}}}]}}}},{{"kind":"Listing","data":{{"children":[{{"kind":"t1","data":{{"id":"c1","name":"t1_c1","author":"alice","body":"{body}","created_utc":1763290800.0,"parent_id":"t3_p1","permalink":"/r/x/comments/p1/post/c1/","replies":""}}}}]}}}}]"#
        )
    };
    let (shown, removed) = (fetch("hello there?"), fetch("[removed]"));
    for (order, lines) in [
        ("shown, then removed", [&shown, &removed]),
        ("removed, then shown", [&removed, &shown]),
    ] {
        for stored_before in [false, true] {
            let s = Sandbox::new();
            if stored_before {
                let other = s.file(
                    "other.jsonl",
                    &common::lines(&[common::item(
                        "x",
                        "1",
                        "bob",
                        "hi",
                        "2025-11-16T10:00:00Z",
                        serde_json::json!({}),
                    )]),
                );
                summary(&s, other.to_str().unwrap());
            }
            let f = s.file("fetches.jsonl", &format!("{}\n{}\n", lines[0], lines[1]));
            let path = f.to_str().unwrap();
            let first = summary(&s, path);
            let case = format!("{order}, stored before: {stored_before}: {first}");
            assert_eq!(first["withdrawn"], 0, "{case}");
            assert_eq!(s.listed("c1", now)["state"], "needs-reply", "{case}");
            let before = s.ok(&["export"], now);
            let again = summary(&s, path);
            assert_eq!(
                (again["new"].as_u64(), again["withdrawn"].as_u64()),
                (Some(0), Some(0)),
                "{case}: {again}"
            );
            assert_eq!(s.ok(&["export"], now), before, "{case}");
            // A later file that only says it is removed takes it away.
            let later = s.file("later.jsonl", &format!("{removed}\n"));
            assert_eq!(
                summary(&s, later.to_str().unwrap())["withdrawn"],
                1,
                "{case}"
            );
        }
    }
}

/// A platform's times and references are set by strangers' apps and
/// servers: an item dated ahead of the clock or before 1990, or with a
/// reference that cannot be stored, is skipped and counted, the rest of
/// the file comes in. (In ackbox's own format such a value is a typo that
/// stops the file: see import_canonical.)
#[test]
fn a_strangers_impossible_date_or_reference_skips_their_item_not_the_file() {
    let original = std::fs::read_to_string(fixture("mastodon/notifications.json")).unwrap();
    let s = Sandbox::new();
    let plain = summary(&s, &fixture("mastodon/notifications.json"));
    for (at, reason) in [
        (
            "2031-01-01T00:00:00.000Z",
            "dated ahead of this computer's clock",
        ),
        ("1975-01-01T00:00:00.000Z", "dated before 1990"),
    ] {
        let s = Sandbox::new();
        let f = s.file(
            "n.json",
            &original.replacen("2026-02-28T02:29:58.000Z", at, 1),
        );
        let got = summary(&s, f.to_str().unwrap());
        assert_eq!(got["skipped"][reason], 1, "{got}");
        assert_eq!(got["new"], plain["new"].as_u64().unwrap() - 1, "{got}");
        let ids = s.ok(&["list", "--json", "--state", "all"], common::t(NOW));
        assert!(!ids.contains("113999000000000222"), "{ids}");
        assert!(ids.contains("113998877665544332"), "{ids}");
    }
    // So is one whose reference (set by the stranger's server) could not
    // be stored: a control or invisible character in it, or thousands of
    // characters.
    let long = format!("https://evil.example/{}", "x".repeat(9000));
    for parent in [
        r"113998900000000001\u001b[2J",
        r"113998900000000001\u202e",
        &long,
    ] {
        let s = Sandbox::new();
        let f = s.file(
            "n.json",
            &original.replacen(
                r#""in_reply_to_id":"113998900000000001""#,
                &format!(r#""in_reply_to_id":"{parent}""#),
                1,
            ),
        );
        let got = summary(&s, f.to_str().unwrap());
        assert_eq!(got["skipped"]["with a broken id or reference"], 1, "{got}");
        assert_eq!(got["new"], plain["new"].as_u64().unwrap() - 1, "{got}");
        let ids = s.ok(&["list", "--json", "--state", "all"], common::t(NOW));
        assert!(!ids.contains("113999100000000333"), "{ids}");
        assert!(ids.contains("113998877665544332"), "{ids}");
    }
    // A WordPress comment whose dates were never set (both zero, the
    // column's default in legacy data) is one dated before 1990.
    let export = std::fs::read_to_string(fixture("wordpress/export-part1.xml")).unwrap();
    let plain = summary(&s, &fixture("wordpress/export-part1.xml"));
    let s = Sandbox::new();
    let undated = (export.replacen("2024-03-05 08:15:00", "0000-00-00 00:00:00", 1)).replacen(
        "2024-03-05 10:15:00",
        "0000-00-00 00:00:00",
        1,
    );
    let got = summary(&s, s.file("wp.xml", &undated).to_str().unwrap());
    assert_eq!(got["skipped"]["dated before 1990"], 1, "{got}");
    assert_eq!(got["new"], plain["new"].as_u64().unwrap() - 1, "{got}");
}

/// Pages of two files put together (`cat`), each starting with a byte-order
/// mark: the second mark is as invisible as the first.
#[test]
fn a_byte_order_mark_where_a_second_file_began_is_invisible() {
    for name in [
        "youtube/commentThreads-pages.jsonl",
        "hackernews/algolia_items.jsonl",
    ] {
        let pages = std::fs::read_to_string(fixture(name)).unwrap();
        let (first, rest) = pages.split_once('\n').unwrap();
        let s = Sandbox::new();
        let f = s.file("cat.jsonl", &format!("\u{feff}{first}\n\u{feff}{rest}"));
        let got = summary(&s, f.to_str().unwrap());
        let plain = summary(&Sandbox::new(), &fixture(name));
        assert_eq!(got["new"], plain["new"], "{name}: {got}");
    }
}

/// An own reply a later fetch shows deleted answers nobody any more: it goes,
/// the comment it answered waits again, as a fresh import of that fetch says;
/// a re-import changes nothing.
#[test]
fn an_own_reply_deleted_on_the_platform_no_longer_answers() {
    let now = common::t(NOW);
    let original = std::fs::read_to_string(fixture("reddit/api_comments.json")).unwrap();
    let body =
        "\"body\": \"Thanks u/ferris_fan! Yes: `&amp;`, `&lt;` and `&gt;` come back as typed.\"";
    assert!(original.contains(body), "the fixture's own reply");
    let deleted = original.replacen(body, "\"body\": \"[deleted]\"", 1);
    let state = |s: &Sandbox| s.listed("lq1a2b3", now)["state"].clone();

    let s = Sandbox::new();
    std::fs::write(s.config(), OWN).unwrap();
    summary(&s, &fixture("reddit/api_comments.json"));
    assert_eq!(state(&s), "answered");
    let later = s.file("later.json", &deleted);
    let got = summary(&s, later.to_str().unwrap());
    assert_eq!(got["own_replies_removed"], 1, "{got}");
    assert_eq!(state(&s), "needs-reply");
    assert!(!s.ok(&["replies", "--json"], now).contains("lq1c4d5"));
    let human = s.ok(&["import", later.to_str().unwrap()], now);
    assert!(!human.contains("removed on the platform"), "{human}");

    let fresh = Sandbox::new();
    std::fs::write(fresh.config(), OWN).unwrap();
    let whole = fresh.file("later.json", &deleted);
    summary(&fresh, whole.to_str().unwrap());
    assert_eq!(state(&fresh), state(&s));

    // Marked answered by hand before the reply came: answered as of the
    // reply while it is there, as of the mark once it is gone.
    let s = Sandbox::new();
    std::fs::write(s.config(), OWN).unwrap();
    let later = s.file("later.json", &deleted);
    summary(&s, later.to_str().unwrap());
    s.ok(&["mark", "reddit:lq1a2b3", "answered"], now);
    let answered_at = |s: &Sandbox| {
        let export = s.ok(&["export"], now);
        let line = (export.lines())
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .find(|v| v["id"] == "lq1a2b3")
            .unwrap();
        line["state_changed_at"].as_str().unwrap().to_owned()
    };
    assert_eq!(answered_at(&s), NOW);
    summary(&s, &fixture("reddit/api_comments.json"));
    let replied = answered_at(&s);
    assert!(replied.as_str() < NOW, "{replied}");
    summary(&s, later.to_str().unwrap());
    assert_eq!(state(&s), "answered", "the user's mark stays");
    assert_eq!(answered_at(&s), NOW, "as of the mark again");
}

/// GitHub numbers issues and comments apart (Enterprise Server both from
/// 1): issue 123 and comment 123 are two items, and an own comment right
/// after the issue answers the issue. A database that stored the issue as
/// `123` (before schema 13) is upgraded in place: the issue keeps its link
/// and the reply that answers it, and importing the files again changes
/// nothing.
#[test]
fn a_github_issue_and_a_comment_with_the_same_number_are_two_items() {
    let host = "https://ghe.example.com";
    let issue = format!(
        r#"[{{"id":123,"number":123,"title":"Crash","html_url":"{host}/o/r/issues/123","url":"{host}/api/v3/repos/o/r/issues/123","user":{{"login":"ann","id":9,"type":"User"}},"author_association":"NONE","body":"It crashes","created_at":"2026-11-19T10:00:00Z"}}]"#
    );
    let comment = |id: u32, login: &str, at: &str| {
        format!(
            r#"{{"id":{id},"issue_url":"{host}/api/v3/repos/o/r/issues/123","html_url":"{host}/o/r/issues/123#issuecomment-{id}","user":{{"login":"{login}","id":{id},"type":"User"}},"author_association":"NONE","body":"Thanks, on it","created_at":"{at}"}}"#
        )
    };
    let comments = format!(
        "[{},{}]",
        comment(123, "octo-maintainer", "2026-11-19T11:00:00Z"),
        comment(124, "bo", "2026-11-19T12:00:00Z")
    );
    let s = Sandbox::new();
    std::fs::write(s.config(), OWN).unwrap();
    let files = [
        s.file("issues.json", &issue),
        s.file("comments.json", &comments),
    ];
    for f in &files {
        summary(&s, f.to_str().unwrap());
    }
    assert_eq!(s.state_of("github", "issue-123", t(NOW)), "answered");
    assert_eq!(s.state_of("github", "124", t(NOW)), "needs-reply");
    let replies = s.ok(&["replies", "--json"], t(NOW));
    let reply: Value = serde_json::from_str(replies.trim()).unwrap();
    assert_eq!(
        (&reply["id"], &reply["parent_id"]),
        (&Value::from("123"), &Value::from("issue-123"))
    );
    let exported = s.ok(&["export"], t(NOW));

    // The same items as schema 12 stored them: the issue as `123`, its link
    // by a form holding that id, the reply's parent `123`.
    {
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        ackbox::store::register_functions(&conn).unwrap();
        conn.execute_batch(&format!(
            "DELETE FROM items WHERE platform = 'github' AND id = '123';
             INSERT INTO url_forms (form) VALUES ('{host}/o/r/issues/' || char(1));
             UPDATE items SET id = '123', url = NULL, url_form = last_insert_rowid()
                 WHERE id = 'issue-123';
             PRAGMA user_version = 12;"
        ))
        .unwrap();
    }
    // The reply that was overwritten comes back with the files.
    for f in &files {
        summary(&s, f.to_str().unwrap());
    }
    // (In another order: the deleted reply is a new row.)
    let sorted = |out: String| {
        let mut lines: Vec<String> = out.lines().map(str::to_owned).collect();
        lines.sort();
        lines
    };
    assert_eq!(sorted(s.ok(&["export"], t(NOW))), sorted(exported.clone()));
    assert!(exported.contains(&format!(r#""url":"{host}/o/r/issues/123""#)));
    assert_eq!(s.state_of("github", "issue-123", t(NOW)), "answered");
}

/// An issue of a GitHub Enterprise server is not github.com's issue of
/// the same repository and number: each its own thread and title, and a
/// reply on one answers a comment of that one.
#[test]
fn a_github_enterprise_issue_is_not_github_com_s() {
    let issue = |host: &str, api: &str, id: u32, title: &str| {
        format!(
            r#"[{{"id":{id},"number":5,"title":"{title}","html_url":"{host}/acme/app/issues/5","url":"{api}/repos/acme/app/issues/5","user":{{"login":"alice","id":1,"type":"User"}},"author_association":"NONE","body":"It broke","created_at":"2026-11-01T10:00:00Z"}}]"#
        )
    };
    let comment = |host: &str, api: &str, id: u32, login: &str, at: &str| {
        format!(
            r#"[{{"id":{id},"issue_url":"{api}/repos/acme/app/issues/5","html_url":"{host}/acme/app/issues/5#issuecomment-{id}","user":{{"login":"{login}","id":{id},"type":"User"}},"author_association":"NONE","body":"Same here","created_at":"2026-11-02T{at}:00:00Z"}}]"#
        )
    };
    let (com, com_api) = ("https://github.com", "https://api.github.com");
    let (ghe, ghe_api) = (
        "https://ghe.corp.example",
        "https://ghe.corp.example/api/v3",
    );
    let s = Sandbox::new();
    std::fs::write(s.config(), OWN).unwrap();
    for (name, text) in [
        ("a.json", issue(com, com_api, 1001, "Public: login broken")),
        ("b.json", issue(ghe, ghe_api, 77, "INTERNAL: payroll crash")),
        ("c.json", comment(com, com_api, 2001, "bob", "10")),
        ("d.json", comment(ghe, ghe_api, 88, "dave", "11")),
        (
            "e.json",
            comment(com, com_api, 2002, "octo-maintainer", "12"),
        ),
    ] {
        summary(&s, s.file(name, &text).to_str().unwrap());
    }
    assert_eq!(s.state_of("github", "2001", t(NOW)), "answered");
    assert_eq!(s.state_of("github", "88", t(NOW)), "needs-reply");
    let listed = |id: &str| {
        let item = s.listed(id, t(NOW));
        (item["thread_id"].clone(), item["thread_title"].clone())
    };
    assert_eq!(
        listed("2001"),
        (
            Value::from("acme/app#5"),
            Value::from("Public: login broken")
        )
    );
    assert_eq!(
        listed("88"),
        (
            Value::from("ghe.corp.example/acme/app#5"),
            Value::from("INTERNAL: payroll crash")
        )
    );
    // Its thread muted as its host is typed, in any case.
    let said = s.ok(&["mute", "github:GHE.corp.example/acme/app#5"], t(NOW));
    assert!(said.contains("muted; 2 waiting items dismissed"), "{said}");
    assert_eq!(s.state_of("github", "88", t(NOW)), "dismissed");
    assert_eq!(s.state_of("github", "2001", t(NOW)), "answered");
    s.ok(&["unmute", "github:Ghe.Corp.Example/acme/app#5"], t(NOW));
    assert_eq!(s.state_of("github", "88", t(NOW)), "needs-reply");
}

/// The channel that owns a YouTube video is taken for yours while no YouTube
/// account of yours is configured; once one is, a collaborator's video's
/// channel answers nothing of yours.
#[test]
fn a_youtube_video_s_channel_is_yours_unless_you_named_another() {
    for (own, replies) in [
        ("", true),
        ("[own]\nyoutube = [\"UCackboxDemoChannel000001\"]\n", true),
        ("[own]\nyoutube = [\"@someone_else\"]\n", false),
    ] {
        let s = Sandbox::new();
        std::fs::write(s.config(), own).unwrap();
        summary(&s, &fixture("youtube/commentThreads.json"));
        let listed = s.ok(&["replies", "--json"], common::t(NOW));
        assert_eq!(!listed.trim().is_empty(), replies, "{own}: {listed}");
    }
}

/// X: the mentions, then your own posts with a reply to one of them: that
/// mention is answered, as of the reply, whichever identity names you (the
/// handle or the account id), and the others still wait; the conversation
/// gets its root's title. Importing both again changes nothing.
#[test]
fn an_own_x_reply_answers_the_mention_it_replies_to() {
    const CARLOS: &str = "2123688339437400064";
    const MY_REPLY: &str = "2123719247263576064";
    let now = t(NOW);
    for own in [
        "x:fernwehcoffee",
        "x:@FernwehCoffee",
        "x:1458300219933724672",
    ] {
        let s = Sandbox::new();
        let mentions = fixture("x/mentions.json");
        let mine = fixture("x/own_tweets.json");
        let first = s.ok(&["import", "--json", "--own", own, &mentions], now);
        let first: Value = serde_json::from_str(&first).unwrap();
        assert_eq!(
            (first["new"].as_u64(), first["needs_reply"].as_u64()),
            (Some(5), Some(5)),
            "{first}"
        );
        assert_eq!(s.state_of("x", CARLOS, now), "needs-reply");
        let out = s.ok(&["import", "--own", own, &mine], now);
        assert!(out.contains("1 own reply linked"), "{own}: {out}");
        let carlos = s.listed(CARLOS, now);
        assert_eq!(carlos["state"], "answered", "{own}: {carlos}");
        assert_eq!(carlos["first_reply_at"], "2026-11-20T10:05:00Z");
        assert_eq!(carlos["kind"], "comment");
        assert!(
            carlos["thread_title"]
                .as_str()
                .unwrap()
                .starts_with("Our Ethiopia Guji roast is back!"),
            "{carlos}"
        );
        let waiting: Vec<String> = (s.list(now).into_iter())
            .filter(|v| v["state"] == "needs-reply")
            .map(|v| v["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(waiting.len(), 4, "{waiting:?}");
        assert_eq!(s.listed("2123695339730776064", now)["kind"], "mention");
        let replies = s.ok(&["replies", "--json"], now);
        assert!(replies.contains(MY_REPLY), "{replies}");
        // Again, in either order: nothing changes.
        let before = s.ok(&["export"], now);
        for file in [&mine, &mentions] {
            let again = s.ok(&["import", "--json", "--own", own, file], now);
            let again: Value = serde_json::from_str(&again).unwrap();
            assert_eq!(
                (again["new"].as_u64(), again["updated"].as_u64()),
                (Some(0), Some(0)),
                "{file}: {again}"
            );
        }
        assert_eq!(s.ok(&["export"], now), before);
        // The whole conversation, searched, adds Ana's reply and nothing else.
        let search = fixture("x/search_conversation.jsonl");
        let search = s.ok(&["import", "--json", "--own", own, &search], now);
        let search: Value = serde_json::from_str(&search).unwrap();
        assert_eq!(
            (search["new"].as_u64(), search["updated"].as_u64()),
            (Some(1), Some(0)),
            "{search}"
        );
        assert_eq!(s.state_of("x", CARLOS, now), "answered");
    }
}

/// An edited X post is a new post on X, with an id of its own: in ackbox
/// it is the post it edits, in its new words, still answered by the reply
/// to its first version; a file holding both versions keeps the edit.
/// An X page fetched without `expansions=author_id` names authors by id
/// alone: a post stored with its author's handle keeps it and its link
/// (one person, not two); a post never named is its author's id.
#[test]
fn an_x_page_without_its_users_keeps_the_handles_stored() {
    let now = t(NOW);
    let post = |id: &str| {
        format!(
            r#"{{"id":"{id}","text":"@fernwehcoffee open on Sunday?","created_at":"2026-11-20T09:15:00.000Z","author_id":"111","conversation_id":"{id}"}}"#
        )
    };
    let named = format!(
        r#"{{"data":[{}],"includes":{{"users":[{{"id":"111","name":"Ana","username":"ana_souza"}}]}},"meta":{{"result_count":1}}}}"#,
        post("2000")
    );
    let bare = format!(
        r#"{{"data":[{},{}],"meta":{{"result_count":2}}}}"#,
        post("2000"),
        post("2001")
    );
    let s = Sandbox::new();
    summary(&s, s.file("mentions.json", &named).to_str().unwrap());
    let got = summary(&s, s.file("search.json", &bare).to_str().unwrap());
    assert_eq!(
        (got["new"].as_u64(), got["updated"].as_u64()),
        (Some(1), Some(0)),
        "{got}"
    );
    let shown = |id: &str| {
        let v = s.listed(id, now);
        (
            v["author"].as_str().unwrap().to_owned(),
            v["url"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(
        shown("2000"),
        (
            "ana_souza".to_owned(),
            "https://x.com/ana_souza/status/2000".to_owned()
        )
    );
    assert_eq!(
        shown("2001"),
        ("111".to_owned(), "https://x.com/i/status/2001".to_owned())
    );
    // A page that names the author again names the second post too.
    let both = named.replace(&post("2000"), &format!("{},{}", post("2000"), post("2001")));
    summary(&s, s.file("again.json", &both).to_str().unwrap());
    assert_eq!(shown("2001").0, "ana_souza");
}

/// An Instagram page without the authors' usernames (an account gone, a
/// field not asked for on a later fetch) leaves a stored comment's author
/// and an own reply the owner's; a comment named only by `from.id` is
/// that id, one person apart from another.
#[test]
fn an_instagram_page_without_usernames_keeps_the_authors_stored() {
    let now = t(NOW);
    let comment = |id: &str, who: Option<&str>, text: &str, hour: u32, parent: Option<&str>| {
        let mut c = serde_json::json!({"id": id, "text": text,
            "timestamp": format!("2026-11-01T{hour:02}:00:00+0000")});
        if let Some(who) = who {
            c["username"] = who.into();
        }
        if let Some(p) = parent {
            c["parent_id"] = p.into();
        }
        c
    };
    let page = |comments: Vec<serde_json::Value>| serde_json::json!({"data": comments}).to_string();
    let s = Sandbox::new();
    std::fs::write(s.config(), "[own]\ninstagram = [\"fernweh.coffee\"]\n").unwrap();
    let first = page(vec![
        comment("101", Some("ann.berg"), "Beautiful!", 8, None),
        comment(
            "102",
            Some("fernweh.coffee"),
            "@ann.berg thank you Ann!",
            9,
            Some("101"),
        ),
    ]);
    summary(&s, s.file("first.json", &first).to_str().unwrap());
    assert_eq!(s.state_of("instagram", "101", now), "answered");
    let later = page(vec![
        comment("101", None, "Beautiful!", 8, None),
        // Edited since: read again, not passed over as known.
        comment(
            "102",
            None,
            "@ann.berg thank you Ann, enjoy!",
            9,
            Some("101"),
        ),
        comment("103", Some("zed"), "Nice", 10, None),
    ]);
    summary(&s, s.file("later.json", &later).to_str().unwrap());
    assert_eq!(s.listed("101", now)["author"], "ann.berg");
    assert_eq!(s.state_of("instagram", "101", now), "answered");
    assert!(s.ok(&["replies"], now).contains("thank you Ann, enjoy!"));
    // Named by their account ids alone: two people, not one "(unknown)".
    let ids = serde_json::json!({"data": [
        {"id": "201", "text": "Hi", "timestamp": "2026-11-01T11:00:00+0000", "from": {"id": "555"}},
        {"id": "202", "text": "Hey", "timestamp": "2026-11-01T11:05:00+0000", "from": {"id": "556"}},
    ]});
    summary(&s, s.file("ids.json", &ids.to_string()).to_str().unwrap());
    assert_eq!(
        (
            s.listed("201", now)["author"].clone(),
            s.listed("202", now)["author"].clone()
        ),
        (serde_json::json!("555"), serde_json::json!("556"))
    );
}

#[test]
fn an_edited_x_post_is_the_post_it_edits() {
    let now = t(NOW);
    let post = |id: &str, history: &str, text: &str, at: &str| {
        format!(
            r#"{{"edit_history_tweet_ids":[{history}],"id":"{id}","text":"{text}","created_at":"{at}","author_id":"1294401223376908288","conversation_id":"2123706664351576064","entities":{{"mentions":[{{"start":0,"end":14,"username":"fernwehcoffee","id":"1458300219933724672"}}]}}}}"#
        )
    };
    let page = |posts: &[String]| {
        format!(
            r#"{{"data":[{}],"includes":{{"users":[{{"id":"1294401223376908288","name":"Carlos","username":"carlos_mdz"}},{{"id":"1458300219933724672","name":"Fernweh","username":"fernwehcoffee"}}]}},"meta":{{"result_count":1}}}}"#,
            posts.join(",")
        )
    };
    let first = post(
        "2123706664351576064",
        r#""2123706664351576064""#,
        "@fernwehcoffee open on Sundy?",
        "2026-11-20T09:15:00.000Z",
    );
    let edit = post(
        "2123706916496351232",
        r#""2123706664351576064","2123706916496351232""#,
        "@fernwehcoffee open on Sunday?",
        "2026-11-20T09:16:00.000Z",
    );
    let answer = r#"{"edit_history_tweet_ids":["2123708000000000000"],"id":"2123708000000000000","text":"@carlos_mdz yes Carlos, 9 to 3 on Sundays","created_at":"2026-11-20T09:21:00.000Z","author_id":"1458300219933724672","conversation_id":"2123706664351576064","referenced_tweets":[{"type":"replied_to","id":"2123706664351576064"}]}"#;
    let s = Sandbox::new();
    let mentions = s.file("first.json", &page(std::slice::from_ref(&first)));
    let mine = s.file("mine.json", &page(&[answer.to_owned()]));
    s.ok(
        &[
            "import",
            "--own",
            "x:fernwehcoffee",
            mentions.to_str().unwrap(),
            mine.to_str().unwrap(),
        ],
        now,
    );
    assert_eq!(s.state_of("x", "2123706664351576064", now), "answered");
    // The next fetch, appended: both versions in one file.
    let both = s.file(
        "both.jsonl",
        &format!("{}\n{}\n", page(&[first]), page(&[edit])),
    );
    let got = summary(&s, both.to_str().unwrap());
    assert_eq!(
        (
            got["new"].as_u64(),
            got["updated"].as_u64(),
            got["withdrawn"].as_u64()
        ),
        (Some(0), Some(1), Some(0)),
        "{got}"
    );
    let item = s.listed("2123706664351576064", now);
    assert_eq!(
        (
            item["state"].as_str(),
            item["body"].as_str(),
            item["created_at"].as_str()
        ),
        (
            Some("answered"),
            Some("@fernwehcoffee open on Sunday?"),
            Some("2026-11-20T09:15:00Z")
        ),
        "{item}"
    );
    assert_eq!(s.list(now).len(), 1, "one item");
    let again = summary(&s, both.to_str().unwrap());
    assert_eq!(
        (again["new"].as_u64(), again["updated"].as_u64()),
        (Some(0), Some(0)),
        "{again}"
    );
}

/// A Disqus `<createdAt>` written without its `Z` (the importer reads that
/// form too) is UTC, as Disqus's times are: the same instant as with it.
#[test]
fn a_disqus_time_without_its_z_is_utc() {
    let now = t(NOW);
    let s = Sandbox::new();
    let xml = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/disqus/export-2.xml"),
    )
    .unwrap()
    .replace(
        "<createdAt>2019-11-02T08:00:00Z</createdAt>",
        "<createdAt>2019-11-02T08:00:00</createdAt>",
    );
    let f = s.file("export.xml", &xml);
    s.ok(&["import", f.to_str().unwrap()], now);
    let v = s.listed("910000001", now);
    assert_eq!(
        v["created_at"],
        serde_json::json!("2019-11-02T08:00:00Z"),
        "{v}"
    );
}

/// A YouTube commenter whose name is only an invisible character (a Hangul
/// filler) is a handle of their own, shown by its code: the file comes in,
/// and one who adds such a character to the channel's own handle is not it.
#[test]
fn an_invisible_youtube_name_is_kept_apart_and_shown() {
    let s = Sandbox::new();
    std::fs::write(s.config(), "[own]\nyoutube = [\"@fernweh\"]\n").unwrap();
    let comment = |id: &str, name: &str, channel: &str, parent: Option<&str>| {
        let mut snippet = serde_json::json!({
            "videoId": "v1",
            "textDisplay": "Is the grinder back in stock?",
            "textOriginal": "Is the grinder back in stock?",
            "authorDisplayName": name,
            "authorChannelId": {"value": channel},
            "publishedAt": "2026-11-01T10:00:00Z",
            "updatedAt": "2026-11-01T10:00:00Z"
        });
        if let Some(p) = parent {
            snippet["parentId"] = p.into();
        }
        serde_json::json!({"kind": "youtube#comment", "id": id, "snippet": snippet})
    };
    let thread = |top: serde_json::Value, replies: Vec<serde_json::Value>| {
        serde_json::json!({
            "kind": "youtube#commentThread",
            "id": top["id"].clone(),
            "snippet": {"videoId": "v1", "topLevelComment": top, "totalReplyCount": replies.len()},
            "replies": {"comments": replies}
        })
    };
    let page = serde_json::json!({
        "kind": "youtube#commentThreadListResponse",
        "items": [
            thread(
                comment("c1", "@joe", "UCjoe", None),
                vec![comment("c1.r", "@fernweh\u{3164}", "UCimpostor", Some("c1"))],
            ),
            thread(comment("c2", "\u{3164}", "UCfiller", None), vec![]),
        ]
    });
    let f = s.file("yt.json", &page.to_string());
    summary(&s, f.to_str().unwrap());
    let items = s.list(common::t(NOW));
    let of = |id: &str| {
        let item = items.iter().find(|i| i["id"] == id).expect("item");
        (item["author"].clone(), item["state"].clone())
    };
    assert_eq!(
        of("c1"),
        (serde_json::json!("@joe"), serde_json::json!("needs-reply"))
    );
    assert_eq!(of("c1.r").0, "@fernweh\\u{3164}");
    assert_eq!(of("c2").0, "\\u{3164}");
}
