//! Hacker News: the Algolia items API,
//! `GET https://hn.algolia.com/api/v1/items/{id}`, and its search results,
//! `GET https://hn.algolia.com/api/v1/search_by_date?query=…&tags=comment`
//! (or `search`): `{"hits": [hit…], "nbHits": …, "query": …}`, where each
//! comment found is a hit naming its `parent_id`, `story_id` and
//! `story_title`, read as the same comment in its story's tree reads; a
//! story found is a thread, not an item ("story").
//!
//! One item with its whole tree of `children`. When the item is a story
//! (or poll, or job) it is the thread and not an item itself; its comments
//! are items. When it is a comment, that comment and its replies are items,
//! in the thread named by their `story_id` (titled when the story is
//! anywhere in the same file). Several items are accepted one after another
//! (JSON Lines) or as a JSON array.
//!
//! - `id` is the decimal item id; `parent_id` that of the comment replied
//!   to, None for a comment on the story itself.
//! - `thread_id` is the story id, `thread_title` its title,
//!   `thread_url`/`url` the `news.ycombinator.com/item?id=` links.
//! - `body` is the comment's HTML as plain text.
//! - skipped: deleted comments (no author; "deleted") — their replies are
//!   still imported, pointing at the deleted id — and poll options
//!   ("pollopt").

use super::shared::{contains, json_head};
use super::tree::{
    Doc, Obj, Stack, as_obj, child, field, id_value, index, opt_arr, opt_id, opt_str,
    push_children, read_twice, refuse_canonical, req_id, wrong_type,
};
use crate::import::format::{Format, ImportError, Sink, Skipped};
use crate::model::{Kind, Record};
use crate::text::html_to_text;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::HashMap;
use std::io::BufRead;

const PLATFORM: &str = "hackernews";

/// Algolia `items/{id}` responses.
pub struct HackerNews;

impl Format for HackerNews {
    fn name(&self) -> &'static str {
        "hackernews"
    }

    fn detect(&self, head: &[u8]) -> bool {
        json_head(head).is_some_and(|head| {
            let algolia = contains(&head, br#""created_at_i":"#)
                && contains(&head, br#""story_id":"#)
                && contains(&head, br#""children":["#)
                // Algolia's search results are another shape.
                && !contains(&head, br#""objectID":"#);
            // Its first hit's keys may come after a long `_highlightResult`,
            // which holds the same keys (`comment_text`, `story_title`).
            let search = contains(&head, br#""hits":["#)
                && [
                    &br#""created_at_i":"#[..],
                    br#""comment_text":"#,
                    br#""story_title":"#,
                ]
                .iter()
                .any(|key| contains(&head, key));
            // The official API's item, told to fetch Algolia's instead.
            // A deleted one names no author.
            let by = contains(&head, br#""by":""#) || contains(&head, br#""deleted":true"#);
            let firebase = by
                && [&br#""time":"#[..], br#""type":""#]
                    .iter()
                    .all(|key| contains(&head, key))
                && (contains(&head, br#""kids":["#) || contains(&head, br#""parent":"#));
            algolia || search || firebase
        })
    }

    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        // Story titles first, so that a comment's subtree fetched on its own
        // gets the title of its story wherever the story is in the file.
        read_twice(
            input,
            |titles: &mut Titles, _, item, _| note_title(item, titles),
            |titles, doc, response, path| match hits(response) {
                Some(hits) => read_hits(doc, hits, &child(path, "hits"), titles, sink, skipped),
                None => read_tree(doc, response, path, titles, sink, skipped),
            },
        )
    }
}

/// Story id -> title, for the stories in the file.
type Titles = HashMap<String, String>;

fn note_title(item: &Value, titles: &mut Titles) {
    if let Some(hits) = hits(item) {
        for hit in hits {
            note_title(hit, titles);
        }
        return;
    }
    let is_story = match item.get("_tags") {
        Some(_) => hit_type(item) == Some(HitType::Story),
        None => matches!(
            item.get("type").and_then(Value::as_str),
            Some("story" | "poll" | "job")
        ),
    };
    let Some(id) = item
        .get("id")
        .or_else(|| item.get("objectID"))
        .and_then(id_value)
    else {
        return;
    };
    if let (true, Some(title)) = (is_story, item.get("title").and_then(Value::as_str)) {
        titles.insert(id, title.to_owned());
    }
}

/// The hits of an Algolia search response (`search`, `search_by_date`).
fn hits(response: &Value) -> Option<&[Value]> {
    response.get("hits")?.as_array().map(Vec::as_slice)
}

/// What a search hit is, by its `_tags` (`["comment", "author_…",
/// "story_…"]`), else by its fields; `None` when it is none of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HitType {
    Comment,
    /// A story, poll or job: a thread, not an item.
    Story,
    PollOption,
}

fn hit_type(hit: &Value) -> Option<HitType> {
    let tagged = |tag: &str| {
        hit.get("_tags")
            .and_then(Value::as_array)
            .is_some_and(|tags| tags.iter().any(|t| t.as_str() == Some(tag)))
    };
    if tagged("comment") {
        Some(HitType::Comment)
    } else if tagged("pollopt") {
        Some(HitType::PollOption)
    } else if ["story", "poll", "job"].into_iter().any(tagged) {
        Some(HitType::Story)
    } else if hit.get("comment_text").is_some() {
        Some(HitType::Comment)
    } else if hit.get("title").is_some() {
        Some(HitType::Story)
    } else {
        None
    }
}

/// The comments an Algolia search found, flat, each naming its parent and
/// its story (whose title it carries); the stories found are threads, not
/// items, and are counted as skipped.
fn read_hits(
    doc: &Doc,
    hits: &[Value],
    path: &str,
    titles: &Titles,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    for (i, value) in hits.iter().enumerate() {
        let path = index(path, i);
        let hit = as_obj(doc, value, &path, "hits")?;
        let id = item_id(doc, hit, &path, "objectID")?;
        match hit_type(value) {
            Some(HitType::Comment) => {}
            Some(HitType::Story) => {
                skipped.skip_ids("story", [id.as_str()]);
                continue;
            }
            Some(HitType::PollOption) => {
                skipped.skip_ids("pollopt", [id.as_str()]);
                continue;
            }
            None => {
                return Err(doc.err(
                    &child(&path, "_tags"),
                    "_tags",
                    "neither a comment nor a story: not a Hacker News search hit",
                ));
            }
        }
        let author = match opt_str(doc, hit, &path, "author")? {
            Some(author) => author,
            None if is_deleted_item(hit) => {
                skipped.gone("deleted", PLATFORM, &id);
                continue;
            }
            None => return Err(not_an_item(doc, &path)),
        };
        let story = opt_id(doc, hit, &path, "story_id")?;
        let title = match opt_str(doc, hit, &path, "story_title")? {
            Some(title) => Some(title.to_owned()),
            None => story.as_ref().and_then(|s| titles.get(s).cloned()),
        };
        let text = opt_str(doc, hit, &path, "comment_text")?;
        let record = comment_record(doc, hit, &path, &id, author, text, None, story, title)?;
        sink(record, doc.pos(&path))?;
    }
    Ok(())
}

fn item_url(id: &str) -> String {
    format!("https://news.ycombinator.com/item?id={id}")
}

fn read_tree(
    doc: &Doc,
    root: &Value,
    path: &str,
    titles: &Titles,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    let item = as_obj(doc, root, path, "item")?;
    refuse_canonical(doc, item, path, "a Hacker News item", "hackernews")?;
    let id = item_id(doc, item, path, "id")?;
    // The official API's item (`by`, `time`, `kids`): one item, its replies
    // only ids. Said so, not imported as nothing.
    if item.contains_key("by") && !item.contains_key("author") {
        return Err(doc.err(
            path,
            "",
            "an item of Hacker News's official (Firebase) API, whose replies are only ids: \
             ackbox reads the Algolia items API, the whole thread in one file \
             (curl https://hn.algolia.com/api/v1/items/ID)",
        ));
    }
    // Depth first in file order with an explicit stack (never the call
    // stack): (item, its path, the id of the item it hangs under).
    let mut stack: Stack = Vec::new();
    let story = match opt_str(doc, item, path, "type")? {
        Some("story" | "poll" | "job") => {
            push_item_children(doc, &mut stack, item, path, None)?;
            Some(id)
        }
        Some("pollopt") => {
            skipped.skip("pollopt", 1);
            return Ok(());
        }
        // A comment's own subtree: it is an item too.
        _ => {
            stack.push((root, path.to_owned(), None));
            opt_id(doc, item, path, "story_id")?
        }
    };

    while let Some((value, path, container)) = stack.pop() {
        let item = as_obj(doc, value, &path, "children")?;
        let id = item_id(doc, item, &path, "id")?;
        match opt_str(doc, item, &path, "type")? {
            None | Some("comment") => {}
            Some("pollopt") => {
                skipped.skip_ids("pollopt", [id.as_str()]);
                continue;
            }
            // Where a comment's replies are, nothing else is.
            Some("story" | "poll" | "job") => {
                skipped.skip_ids("unsupported", [id.as_str()]);
                continue;
            }
            Some(_) => {
                return Err(doc.err(
                    &child(&path, "type"),
                    "type",
                    "not a Hacker News item type (story, comment, poll, pollopt, job): \
                     another platform's file?",
                ));
            }
        }
        match opt_str(doc, item, &path, "author")? {
            None if is_deleted_item(item) => skipped.gone("deleted", PLATFORM, &id),
            None => return Err(not_an_item(doc, &path)),
            Some(author) => {
                let story = opt_id(doc, item, &path, "story_id")?.or_else(|| story.clone());
                let title = story.as_ref().and_then(|s| titles.get(s).cloned());
                let text = opt_str(doc, item, &path, "text")?;
                let record =
                    comment_record(doc, item, &path, &id, author, text, container, story, title)?;
                sink(record, doc.pos(&path))?;
            }
        }
        push_item_children(doc, &mut stack, item, &path, Some(&id))?;
    }
    Ok(())
}

/// An item's id (at `key`): a decimal number on Hacker News (a forced
/// `--format hackernews` on another platform's file stops at its first id).
fn item_id(doc: &Doc, item: &Obj, path: &str, key: &str) -> Result<String, ImportError> {
    let id = req_id(doc, item, path, key)?;
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(doc.err(
            &child(path, key),
            key,
            format!(
                "{} is not a Hacker News id (a decimal number): another platform's file?",
                crate::text::quoted(&id)
            ),
        ));
    }
    Ok(id)
}

/// Whether an item without an author is a deleted Hacker News item rather
/// than another platform's object (withdrawing a stored item with its id):
/// Algolia keeps its own fields on a deleted comment (author and text
/// null), Firebase marks one `"deleted": true` with its numeric id and type.
fn is_deleted_item(item: &Obj) -> bool {
    let algolia = item.contains_key("created_at_i") || item.contains_key("story_id");
    let firebase = item.get("deleted") == Some(&Value::Bool(true))
        && item.get("id").is_some_and(Value::is_u64)
        && item.get("type").is_some_and(Value::is_string);
    algolia || firebase
}

fn not_an_item(doc: &Doc, path: &str) -> ImportError {
    doc.err(
        &child(path, "author"),
        "author",
        "missing, and this is no Hacker News item: an item of the Algolia items API \
         (hn.algolia.com/api/v1/items/ID) has created_at_i and story_id, deleted or not",
    )
}

/// Pushes an item's `children` so that the first is popped first.
fn push_item_children<'a>(
    doc: &Doc,
    stack: &mut Stack<'a>,
    item: &'a Obj,
    path: &str,
    container: Option<&str>,
) -> Result<(), ImportError> {
    if let Some(children) = opt_arr(doc, item, path, "children")? {
        push_children(stack, children, &child(path, "children"), container);
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn comment_record(
    doc: &Doc,
    item: &Obj,
    path: &str,
    id: &str,
    author: &str,
    text: Option<&str>,
    container: Option<String>,
    story: Option<String>,
    title: Option<String>,
) -> Result<Record, ImportError> {
    let created_at = item_time(doc, item, path)?;
    let body = html_to_text(text.unwrap_or(""));
    let mut record = Record::new(PLATFORM, id, author, &body, created_at);
    let parent = opt_id(doc, item, path, "parent_id")?.or(container);
    record.parent_id = parent.filter(|p| Some(p) != story.as_ref());
    if let Some(story) = story {
        record.thread_url = Some(item_url(&story));
        record.thread_title = title;
        record.thread_id = Some(story);
    }
    record.url = Some(item_url(id));
    record.kind = Kind::Comment;
    Ok(record)
}

/// `created_at_i` (seconds since 1970), else `created_at` (RFC 3339).
fn item_time(doc: &Doc, item: &Obj, path: &str) -> Result<DateTime<Utc>, ImportError> {
    match field(item, "created_at_i") {
        Some(Value::Number(n)) => {
            return n
                .as_i64()
                .and_then(|secs| DateTime::from_timestamp(secs, 0))
                .ok_or_else(|| {
                    doc.err(
                        &child(path, "created_at_i"),
                        "created_at_i",
                        format!("not a valid time: {n}"),
                    )
                });
        }
        Some(other) => {
            return Err(wrong_type(
                doc,
                path,
                "created_at_i",
                "seconds since 1970",
                other,
            ));
        }
        None => {}
    }
    let raw = opt_str(doc, item, path, "created_at")?
        .ok_or_else(|| doc.err(&child(path, "created_at"), "created_at", "missing"))?;
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            doc.err(
                &child(path, "created_at"),
                "created_at",
                format!("not a valid time: {raw:?}"),
            )
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::format::Position;
    use crate::import::test_support::{
        self, Read, assert_detects_only, assert_sink_error_passes_through, fixture, gone,
        never_panics, ts,
    };

    const STORY: &[u8] = fixture!("hackernews/algolia_story.json");
    const ITEMS: &[u8] = fixture!("hackernews/algolia_items.jsonl");
    const SEARCH: &[u8] = fixture!("hackernews/algolia_search.json");

    fn read(bytes: &[u8]) -> Result<Read, ImportError> {
        test_support::read(&HackerNews, bytes)
    }

    fn records(bytes: &[u8]) -> (Vec<Record>, Skipped) {
        test_support::records(&HackerNews, bytes)
    }

    #[test]
    fn story_tree() {
        let (records, skipped) = records(STORY);
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "45102101", "45102150", "45102190", "45102260", "45102300", "45102400"
            ]
        );
        assert_eq!(skipped.counts, [("deleted".to_owned(), 1)].into());
        // What an earlier import may have brought in, withdrawn now.
        assert_eq!(skipped.gone, gone(&[("hackernews", "45102200")]));
        for r in &records {
            assert_eq!(r.platform, "hackernews");
            assert_eq!(r.thread_id.as_deref(), Some("45102030"));
            assert_eq!(
                r.thread_title.as_deref(),
                Some("Show HN: Ackbox – a terminal inbox for the comments you owe a reply")
            );
            assert_eq!(
                r.thread_url.as_deref(),
                Some("https://news.ycombinator.com/item?id=45102030")
            );
            assert_eq!(
                r.url,
                Some(format!("https://news.ycombinator.com/item?id={}", r.id))
            );
            assert_eq!(
                (r.kind, r.own, &r.author_ids, &r.author_name),
                (Kind::Comment, None, &vec![], &None)
            );
        }
        let first = &records[0];
        assert_eq!(
            (first.parent_id.as_deref(), first.author.as_str()),
            (None, "tptacek_fan")
        );
        assert_eq!(first.created_at, ts("2026-10-01T09:10:00Z"));
        assert_eq!(
            first.body,
            "This is neat. How does it decide what's \"personal\"? I'd expect canned replies to be common.\n\nAlso: <3 for a TUI & not another web app."
        );
        let own = &records[1];
        assert_eq!(
            (own.parent_id.as_deref(), own.author.as_str()),
            (Some("45102101"), "alexexample")
        );
        assert_eq!(records[2].parent_id.as_deref(), Some("45102150"));
        assert_eq!(
            records[2].body,
            "Makes sense. The docs are at https://example.org/ackbox/docs I assume?"
        );
        // The reply to a deleted comment is kept, pointing at it.
        assert_eq!(records[3].parent_id.as_deref(), Some("45102200"));
        assert_eq!(records[3].body, "日本語のスレッドでも使えますか？ 🙂");
        assert!(records[4].body.starts_with("שלום! Works with RTL? مرحبا"));
        assert!(
            records[4]
                .body
                .contains("ackbox import --format hackernews item.json")
        );
        assert_eq!(records[5].body, "🔥🔥🔥");
    }

    #[test]
    fn search_hits_are_comments_in_their_stories() {
        let (records, skipped) = read(SEARCH).unwrap();
        let ids: Vec<&str> = records.iter().map(|(r, _)| r.id.as_str()).collect();
        assert_eq!(ids, ["45210010", "45110020", "45102101"]);
        // The story found is a thread, not an item.
        assert_eq!(skipped.counts, [("story".to_owned(), 1)].into());
        let (top, pos) = &records[0];
        assert_eq!(pos, &Position::Path("hits[0]".into()));
        assert_eq!(
            (
                top.author.as_str(),
                top.parent_id.as_deref(),
                top.thread_id.as_deref(),
                top.thread_title.as_deref(),
                top.kind,
            ),
            (
                "dang_fan",
                None,
                Some("45200000"),
                Some("Ask HN: How do you keep up with replies across platforms?"),
                Kind::Comment
            )
        );
        assert_eq!(top.created_at, ts("2026-11-20T09:15:00Z"));
        let (reply, pos) = &records[1];
        assert_eq!(pos, &Position::Path("hits[1]".into()));
        assert_eq!(
            (
                reply.parent_id.as_deref(),
                reply.thread_id.as_deref(),
                reply.thread_url.as_deref(),
                reply.url.as_deref()
            ),
            (
                Some("45110010"),
                Some("45100000"),
                Some("https://news.ycombinator.com/item?id=45100000"),
                Some("https://news.ycombinator.com/item?id=45110020")
            )
        );
        assert_eq!(
            reply.body,
            "Replying to myself: ackbox & a cron job that fetches the Algolia API works for me.\n\nDoes it read this page too?"
        );
    }

    /// A comment found by a search is the very comment its story's tree
    /// holds: the same record, so importing both keeps one item.
    #[test]
    fn a_search_hit_reads_as_the_same_comment_in_the_tree() {
        let (tree, _) = records(STORY);
        let (found, _) = records(SEARCH);
        let id = "45102101";
        let pick = |rs: &[Record]| rs.iter().find(|r| r.id == id).cloned().unwrap();
        assert_eq!(pick(&found), pick(&tree));
    }

    #[test]
    fn a_search_hit_takes_its_story_title_from_the_file_when_it_has_none() {
        let hits = br#"{"hits":[{"_tags":["comment","author_a","story_45102030"],"author":"a","comment_text":"<p>hi</p>","created_at_i":1790845900,"objectID":"45102999","parent_id":45102030,"story_id":45102030}],"query":""}"#;
        let (records, _) = records(&[&hits[..], b"\n", SEARCH].concat());
        assert_eq!(
            records[0].thread_title.as_deref(),
            Some("Show HN: Ackbox – a terminal inbox for the comments you owe a reply")
        );
    }

    #[test]
    fn a_search_hit_that_is_no_comment_or_story_is_refused() {
        let err =
            read(br#"{"hits":[{"_tags":["user"],"objectID":"7","author":"a"}]}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "hits[0]._tags: neither a comment nor a story: not a Hacker News search hit"
        );
        let err = read(br#"{"hits":[{"_tags":["comment"],"objectID":"x7"}]}"#).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("hits[0].objectID: \"x7\" is not a Hacker News id"),
            "{err}"
        );
        let (records, skipped) = records(
            br#"{"hits":[{"_tags":["comment"],"author":null,"comment_text":null,"created_at_i":1790845900,"objectID":"8","story_id":1}]}"#,
        );
        assert!(records.is_empty());
        assert_eq!(skipped.gone, gone(&[("hackernews", "8")]));
    }

    #[test]
    fn positions() {
        let (records, _) = read(STORY).unwrap();
        assert_eq!(records[0].1, Position::Path("children[0]".into()));
        assert_eq!(
            records[2].1,
            Position::Path("children[0].children[0].children[0]".into())
        );
    }

    #[test]
    fn several_items_as_json_lines() {
        let (records, skipped) = read(ITEMS).unwrap();
        assert_eq!(skipped.counts, [("pollopt".to_owned(), 2)].into());
        let ids: Vec<&str> = records.iter().map(|(r, _)| r.id.as_str()).collect();
        assert_eq!(ids, ["45200010", "45102101", "45102150", "45300010"]);
        let (ask, pos) = &records[0];
        assert_eq!(pos, &Position::Path("1: children[0]".into()));
        assert_eq!(
            ask.thread_title.as_deref(),
            Some("Ask HN: How do you keep up with replies across platforms?")
        );
        assert_eq!(ask.parent_id, None);
        // A comment's own subtree: the comment is an item; its story is
        // known by id only.
        let (sub, pos) = &records[1];
        assert_eq!(pos, &Position::Path("2: $".into()));
        assert_eq!(
            (
                sub.parent_id.as_deref(),
                sub.thread_id.as_deref(),
                sub.thread_title.as_deref()
            ),
            (None, Some("45102030"), None)
        );
        assert_eq!(
            sub.thread_url.as_deref(),
            Some("https://news.ycombinator.com/item?id=45102030")
        );
        assert_eq!(records[2].0.parent_id.as_deref(), Some("45102101"));
        let poll = &records[3].0;
        assert_eq!(
            (poll.thread_id.as_deref(), poll.body.as_str()),
            (Some("45300000"), "Reddit, by far.")
        );
    }

    #[test]
    fn a_subtree_gets_the_title_of_its_story_anywhere_in_the_file() {
        let subtree = br#"{"author":"tptacek_fan","children":[],"created_at_i":1790845800,"id":45102101,"parent_id":45102030,"story_id":45102030,"text":"<p>x</p>","type":"comment"}"#;
        let (records, _) = records(&[&subtree[..], b"\n", STORY].concat());
        assert_eq!(records[0].id, "45102101");
        assert_eq!(
            records[0].thread_title.as_deref(),
            Some("Show HN: Ackbox – a terminal inbox for the comments you owe a reply")
        );
    }

    #[test]
    fn array_of_items_and_created_at_fallback() {
        let text = std::str::from_utf8(ITEMS).unwrap();
        let array = format!("[{}]", text.trim().lines().collect::<Vec<_>>().join(","));
        assert_eq!(records(array.as_bytes()).0.len(), 4);
        let (records, _) = records(
            br#"{"id":1,"type":"story","title":"t","children":[{"id":2,"type":"comment","author":"a","text":"<p>x</p>","created_at":"2026-10-01T09:00:00.000Z","parent_id":1,"story_id":1}]}"#,
        );
        assert_eq!(records[0].created_at, ts("2026-10-01T09:00:00Z"));
    }

    /// `--format hackernews` forced on another platform's file.
    #[test]
    fn another_platforms_records_are_refused() {
        let canonical = br#"{"platform":"hackernews","id":"7","author":"a","body":"hi","created_at":"2026-12-01T10:00:00Z"}"#;
        let e = read(canonical).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("platform"));
        assert!(e.message.contains("canonical format"), "{e}");
        let other = br#"{"id":"a1","author":"a","text":"hi","created_at":"2026-12-01T10:00:00Z"}"#;
        let e = read(other).unwrap_err();
        assert!(
            e.message.starts_with("\"a1\" is not a Hacker News id"),
            "{e}"
        );
        // Shown as it is (a trailing space once read as a valid "1").
        let spaced = br#"{"id":"1 ","author":"a","text":"hi","created_at":"2026-12-01T10:00:00Z"}"#;
        let e = read(spaced).unwrap_err();
        assert!(
            e.message.starts_with("\"1 \" is not a Hacker News id"),
            "{e}"
        );
        let child = br#"{"id":1,"type":"story","children":[{"id":"x2","author":"a","created_at_i":1,"story_id":1}]}"#;
        let e = read(child).unwrap_err();
        assert_eq!(
            e.to_string(),
            "children[0].id: \"x2\" is not a Hacker News id (a decimal number): another platform's file?"
        );
    }

    #[test]
    fn detection() {
        let not: &[&[u8]] = &[
            br#"{"platform":"hackernews","id":"1","author":"x","body":"hi","created_at":"2026-03-01T14:05:00Z"}"#,
            // Another Algolia index's search results.
            br#"{"hits":[{"_highlightResult":{"name":{"value":"Desk"}},"name":"Desk","objectID":"1"}],"nbHits":1,"query":"desk"}"#,
        ];
        assert_detects_only(&HackerNews, 1000, not);
    }

    #[test]
    fn an_official_api_item_is_told_to_fetch_algolias() {
        for item in [
            &br#"{"by":"norvig","id":2921983,"kids":[2922097],"parent":2921506,"text":"Aw shucks","time":1314211127,"type":"comment"}"#[..],
            br#"{"by":"dhouston","descendants":71,"id":8863,"kids":[9224],"score":111,"time":1175714200,"title":"My YC app: Dropbox","type":"story"}"#,
        ] {
            assert!(HackerNews.detect(item));
            let err = read(item).unwrap_err();
            assert!(err.message.contains("hn.algolia.com/api/v1/items/ID"), "{err}");
        }
    }

    #[test]
    fn malformed_input() {
        let err = read(&STORY[..STORY.len() - 10]).unwrap_err();
        assert!(
            matches!(err.position, Some(Position::LineCol(1, _))),
            "{err}"
        );

        let text = std::str::from_utf8(STORY).unwrap();
        let bad = text.replacen(
            "\"created_at_i\": 1790847600",
            "\"created_at_i\": \"1790847600\"",
            1,
        );
        let err = read(bad.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "children[0].children[0].children[0].created_at_i: expected seconds since 1970, found a string"
        );
        let bad = text.replacen(
            "\"created_at_i\": 1790847600",
            "\"created_at_i\": 99999999999999999",
            1,
        );
        assert_eq!(
            read(bad.as_bytes()).unwrap_err().field.as_deref(),
            Some("created_at_i")
        );

        let err =
            read(br#"{"id":1,"type":"story","children":[{"id":2,"author":"a"}]}"#).unwrap_err();
        assert_eq!(err.to_string(), "children[0].created_at: missing");
        let err = read(br#"{"id":1,"type":"story","children":[{"id":2,"author":"a","created_at":"2026-02-30T00:00:00Z"}]}"#).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("created_at"));
        let err = read(br#"{"id":1,"type":"story","children":[{"id":true}]}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "children[0].id: expected an id, found a boolean"
        );
        let err = read(br#"{"id":1,"type":"story","children":{}}"#).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("children"));
        let err = read(b"{\"id\":1,\"story_id\":1}\n{\"id\":2,\"story_id\":1,\"children\":[3]}")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "2: children[0]: children: expected an object, found a number"
        );
    }

    #[test]
    fn only_a_recognisable_item_without_author_is_a_deleted_one() {
        // Algolia's deleted comment, Firebase's.
        for deleted in [
            r#"{"id":1,"type":"story","children":[{"author":null,"children":[],"created_at_i":1790845800,"id":2,"parent_id":1,"story_id":1,"text":null,"type":"comment"}]}"#,
            r#"{"deleted":true,"id":2,"parent":1,"time":1790845800,"type":"comment"}"#,
        ] {
            // Told by itself, as it is forced.
            assert!(HackerNews.detect(deleted.as_bytes()), "{deleted}");
            let (records, skipped) = records(deleted.as_bytes());
            assert!(records.is_empty());
            assert_eq!(skipped.gone, gone(&[("hackernews", "2")]), "{deleted}");
        }
        // GitHub issue comments forced to this format: no author, nothing of HN's.
        let err = read(
            br#"[{"id":7001,"user":{"login":"a","id":2},"body":"hi","created_at":"2026-11-01T00:00:00Z","html_url":"https://github.com/o/r/issues/1#issuecomment-7001"}]"#,
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("[0].author: missing, and this is no Hacker News item"),
            "{err}"
        );
        // A Mastodon notification, an ActivityPub outbox: a type HN has not
        // (the outbox's id, an address, is no HN id either).
        for other in [
            r#"[{"id":"1","type":"mention","created_at":"2026-03-01T10:00:00.000Z","account":{"id":"2","acct":"bob"}}]"#,
            r#"{"@context":"https://www.w3.org/ns/activitystreams","id":"https://m.example/users/me/outbox","type":"OrderedCollection","orderedItems":[]}"#,
        ] {
            let err = read(other.as_bytes()).unwrap_err();
            assert!(
                err.to_string().contains("another platform's file?"),
                "{err}"
            );
        }
    }

    #[test]
    fn sink_errors_pass_through() {
        assert_sink_error_passes_through(&HackerNews, STORY, 1);
    }

    #[test]
    fn deep_trees_without_recursion() {
        let deep = format!(
            "{}{}",
            r#"{"children":["#.repeat(70_000),
            "]}".repeat(70_000)
        );
        let err = read(deep.as_bytes()).unwrap_err();
        assert!(err.message.contains("recursion limit"), "{err}");
        // 2 JSON levels per reply: about 60 replies deep is the most the
        // parser takes, and is read without recursion.
        let mut tree = String::from(r#"{"id":60,"author":"a","created_at_i":1,"parent_id":59}"#);
        for n in (1..60).rev() {
            tree = format!(
                r#"{{"id":{n},"author":"a","created_at_i":1,"parent_id":{},"children":[{tree}]}}"#,
                n - 1
            );
        }
        let (records, _) =
            records(format!(r#"{{"id":0,"type":"story","children":[{tree}]}}"#).as_bytes());
        assert_eq!(records.len(), 60);
        assert_eq!(records[59].parent_id.as_deref(), Some("59"));
    }

    never_panics!([HackerNews], &[STORY, ITEMS, SEARCH]);
}
