//! Hacker News: the Algolia items API,
//! `GET https://hn.algolia.com/api/v1/items/{id}`.
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

use crate::import::format::{Format, ImportError, Position, Sink, Skipped};
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
        let head = squash(head);
        matches!(head.first(), Some(b'{' | b'['))
            && contains(&head, br#""created_at_i":"#)
            && contains(&head, br#""story_id":"#)
            && contains(&head, br#""children":["#)
            // Algolia's search results are another shape.
            && !contains(&head, br#""objectID":"#)
    }

    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        let documents = read_documents(input)?;
        // Story titles first, so that a comment's subtree fetched on its own
        // gets the title of its story wherever the story is in the file.
        let mut titles = HashMap::new();
        for (root, _) in &documents {
            match root {
                Value::Array(items) => items.iter().for_each(|i| note_title(i, &mut titles)),
                item => note_title(item, &mut titles),
            }
        }
        for (root, doc) in &documents {
            match root {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        read_tree(doc, item, &index("", i), &titles, sink, skipped)?;
                    }
                }
                item => read_tree(doc, item, "", &titles, sink, skipped)?,
            }
        }
        Ok(())
    }
}

/// Story id -> title, for the stories in the file.
type Titles = HashMap<String, String>;

fn note_title(item: &Value, titles: &mut Titles) {
    let is_story = matches!(
        item.get("type").and_then(Value::as_str),
        Some("story" | "poll" | "job")
    );
    let id = match item.get("id") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => return,
    };
    if let (true, Some(title)) = (is_story, item.get("title").and_then(Value::as_str)) {
        titles.insert(id, title.to_owned());
    }
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
    let id = req_id(doc, item, path, "id")?;
    // Depth first in file order with an explicit stack (never the call
    // stack): (item, its path, the id of the item it hangs under).
    let mut stack: Vec<(&Value, String, Option<String>)> = Vec::new();
    let story = match opt_str(doc, item, path, "type")? {
        Some("story" | "poll" | "job") => {
            push_children(doc, &mut stack, item, path, None)?;
            Some(id)
        }
        Some("pollopt") => {
            bump(skipped, "pollopt", 1);
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
        let id = req_id(doc, item, &path, "id")?;
        match opt_str(doc, item, &path, "type")? {
            None | Some("comment") => {}
            Some("pollopt") => {
                bump(skipped, "pollopt", 1);
                continue;
            }
            Some(_) => {
                bump(skipped, "unsupported", 1);
                continue;
            }
        }
        match opt_str(doc, item, &path, "author")? {
            None => bump(skipped, "deleted", 1),
            Some(author) => {
                let story = opt_id(doc, item, &path, "story_id")?.or_else(|| story.clone());
                let record =
                    comment_record(doc, item, &path, &id, author, container, story, titles)?;
                sink(record, doc.pos(&path))?;
            }
        }
        push_children(doc, &mut stack, item, &path, Some(id))?;
    }
    Ok(())
}

/// Pushes an item's children so that the first is popped first.
fn push_children<'a>(
    doc: &Doc,
    stack: &mut Vec<(&'a Value, String, Option<String>)>,
    item: &'a Obj,
    path: &str,
    container: Option<String>,
) -> Result<(), ImportError> {
    let Some(children) = opt_arr(doc, item, path, "children")? else {
        return Ok(());
    };
    let children_path = join(path, "children");
    for (i, child) in children.iter().enumerate().rev() {
        stack.push((child, index(&children_path, i), container.clone()));
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
    container: Option<String>,
    story: Option<String>,
    titles: &Titles,
) -> Result<Record, ImportError> {
    let created_at = item_time(doc, item, path)?;
    let body = html_to_text(opt_str(doc, item, path, "text")?.unwrap_or(""));
    let mut record = Record::new(PLATFORM, id, author, &body, created_at);
    let parent = opt_id(doc, item, path, "parent_id")?.or(container);
    record.parent_id = parent.filter(|p| Some(p) != story.as_ref());
    if let Some(story) = story {
        record.thread_url = Some(item_url(&story));
        record.thread_title = titles.get(&story).cloned();
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
                        &join(path, "created_at_i"),
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
        .ok_or_else(|| doc.err(&join(path, "created_at"), "created_at", "missing"))?;
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            doc.err(
                &join(path, "created_at"),
                "created_at",
                format!("not a valid time: {raw:?}"),
            )
        })
}

fn bump(skipped: &mut Skipped, reason: &str, n: u64) {
    *skipped.entry(reason.to_owned()).or_default() += n;
}

// ---------------------------------------------------------------------------
// JSON helpers. reddit.rs, facebook.rs, bluesky.rs and hackernews.rs carry
// the same helpers (each the ones it uses) so that each format stays one
// file: keep them in step, or move them to a shared module.
// ---------------------------------------------------------------------------

type Obj = serde_json::Map<String, Value>;

/// Where a JSON document sits in the input, for error positions.
struct Doc {
    /// The line the document starts on.
    line: u64,
}

impl Doc {
    /// A JSON path in this document (`""` is the document itself).
    fn pos(&self, path: &str) -> Position {
        // `line N: ` as the other JSON formats of ackbox write it, for a
        // document that does not start on line 1 (JSON Lines).
        let path = if path.is_empty() { "$" } else { path };
        match self.line {
            1 => Position::Path(path.to_owned()),
            line => Position::Path(format!("line {line}: {path}")),
        }
    }

    fn err(&self, path: &str, field: &str, message: impl Into<String>) -> ImportError {
        let field = (!field.is_empty()).then_some(field);
        ImportError::new(Some(self.pos(path)), field, message)
    }
}

/// Reads the whole input as its top-level JSON values: one document, JSON
/// Lines, or documents simply written one after another. serde_json's
/// recursion limit (128) stays on, so hostile nesting is an error, not a
/// stack overflow.
fn read_documents(input: &mut dyn BufRead) -> Result<Vec<(Value, Doc)>, ImportError> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::new(None, None, format!("cannot read the input: {e}")))?;
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut stream = serde_json::Deserializer::from_slice(text).into_iter::<Value>();
    let (mut values, mut line, mut counted) = (Vec::new(), 1u64, 0usize);
    loop {
        let start = stream.byte_offset();
        let start = start
            + text.get(start..).map_or(0, |rest| {
                rest.iter().take_while(|b| b.is_ascii_whitespace()).count()
            });
        match stream.next() {
            None => break,
            Some(Err(e)) => return Err(json_error(&e)),
            Some(Ok(value)) => {
                line += text
                    .get(counted..start)
                    .map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count() as u64);
                counted = start;
                values.push((value, line));
            }
        }
    }
    Ok(values
        .into_iter()
        .map(|(value, line)| (value, Doc { line }))
        .collect())
}

/// A parser error with its line and column.
fn json_error(e: &serde_json::Error) -> ImportError {
    let (line, column) = (e.line() as u64, e.column() as u64);
    let message = e.to_string();
    let suffix = format!(" at line {line} column {column}");
    let mut message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
    if message.starts_with("recursion limit exceeded") {
        message.push_str(" (nested more than 128 levels deep: fetch a shallower tree)");
    }
    let position = (line > 0).then_some(Position::LineCol(line, column));
    ImportError::new(position, None, format!("invalid JSON: {message}"))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `obj[key]`, with null taken as missing.
fn field<'a>(obj: &'a Obj, key: &str) -> Option<&'a Value> {
    obj.get(key).filter(|v| !v.is_null())
}

fn wrong_type(doc: &Doc, path: &str, key: &str, expected: &str, found: &Value) -> ImportError {
    doc.err(
        &join(path, key),
        key,
        format!("expected {expected}, found {}", kind_of(found)),
    )
}

fn opt_str<'a>(
    doc: &Doc,
    obj: &'a Obj,
    path: &str,
    key: &str,
) -> Result<Option<&'a str>, ImportError> {
    match field(obj, key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(wrong_type(doc, path, key, "a string", other)),
    }
}

fn opt_arr<'a>(
    doc: &Doc,
    obj: &'a Obj,
    path: &str,
    key: &str,
) -> Result<Option<&'a Vec<Value>>, ImportError> {
    match field(obj, key) {
        None => Ok(None),
        Some(Value::Array(a)) => Ok(Some(a)),
        Some(other) => Err(wrong_type(doc, path, key, "an array", other)),
    }
}

/// A value that must be an object (an array element), `what` naming it.
fn as_obj<'a>(doc: &Doc, v: &'a Value, path: &str, what: &str) -> Result<&'a Obj, ImportError> {
    match v {
        Value::Object(o) => Ok(o),
        other => Err(doc.err(
            path,
            what,
            format!("expected an object, found {}", kind_of(other)),
        )),
    }
}

/// The head with ASCII whitespace removed, so detection ignores formatting.
fn squash(head: &[u8]) -> Vec<u8> {
    head.iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// An id given as a string or as an integer.
fn opt_id(doc: &Doc, obj: &Obj, path: &str, key: &str) -> Result<Option<String>, ImportError> {
    match field(obj, key) {
        None => Ok(None),
        Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
        Some(Value::Number(n)) if n.is_u64() || n.is_i64() => Ok(Some(n.to_string())),
        Some(other) => Err(wrong_type(doc, path, key, "an id", other)),
    }
}

fn req_id(doc: &Doc, obj: &Obj, path: &str, key: &str) -> Result<String, ImportError> {
    opt_id(doc, obj, path, key)?.ok_or_else(|| doc.err(&join(path, key), key, "missing"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Where the fixtures are, relative to this file: the one place to change
    /// (a macro rather than a const, as `include_bytes!` takes only literals).
    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!("../../tests/fixtures/", $name)).as_slice()
        };
    }

    const STORY: &[u8] = fixture!("hackernews/algolia_story.json");
    const ITEMS: &[u8] = fixture!("hackernews/algolia_items.jsonl");
    const OTHERS: &[&[u8]] = &[
        fixture!("reddit/api_comments.json"),
        fixture!("reddit/api_raw_json.jsonl"),
        fixture!("facebook/graph_post_comments.json"),
        fixture!("facebook/graph_comment_pages.jsonl"),
        fixture!("instagram/graph_media_comments.json"),
        fixture!("instagram/graph_comment_pages.jsonl"),
        fixture!("bluesky/get_post_thread.json"),
        fixture!("bluesky/get_post_thread.jsonl"),
        br#"{"platform":"hackernews","id":"1","author":"x","body":"hi","created_at":"2026-03-01T14:05:00Z"}"#,
        // Algolia search results are not items.
        br#"{"hits":[{"author":"a","children":[1],"created_at":"2026-10-01T09:00:00Z","created_at_i":1790845200,"objectID":"1","story_id":1}]}"#,
    ];

    fn read(bytes: &[u8]) -> Result<(Vec<(Record, Position)>, Skipped), ImportError> {
        let mut out = Vec::new();
        let mut skipped = Skipped::new();
        HackerNews.read(
            &mut &bytes[..],
            &mut |r, p| {
                out.push((r, p));
                Ok(())
            },
            &mut skipped,
        )?;
        Ok((out, skipped))
    }

    fn records(bytes: &[u8]) -> (Vec<Record>, Skipped) {
        let (records, skipped) = read(bytes).unwrap();
        (records.into_iter().map(|(r, _)| r).collect(), skipped)
    }

    fn ts(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
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
        assert_eq!(skipped, [("deleted".to_owned(), 1)].into());
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
        assert_eq!(skipped, [("pollopt".to_owned(), 2)].into());
        let ids: Vec<&str> = records.iter().map(|(r, _)| r.id.as_str()).collect();
        assert_eq!(ids, ["45200010", "45102101", "45102150", "45300010"]);
        let (ask, pos) = &records[0];
        assert_eq!(pos, &Position::Path("children[0]".into()));
        assert_eq!(
            ask.thread_title.as_deref(),
            Some("Ask HN: How do you keep up with replies across platforms?")
        );
        assert_eq!(ask.parent_id, None);
        // A comment's own subtree: the comment is an item; its story is
        // known by id only.
        let (sub, pos) = &records[1];
        assert_eq!(pos, &Position::Path("line 2: $".into()));
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

    #[test]
    fn detection() {
        assert!(HackerNews.detect(STORY) && HackerNews.detect(ITEMS));
        assert!(HackerNews.detect(&STORY[..1000]), "a cut head is enough");
        for (i, other) in OTHERS.iter().enumerate() {
            assert!(!HackerNews.detect(other), "detected other fixture {i}");
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
            "children[0].children[0].children[0].created_at_i: created_at_i: expected seconds since 1970, found a string"
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
        assert_eq!(
            err.to_string(),
            "children[0].created_at: created_at: missing"
        );
        let err = read(br#"{"id":1,"type":"story","children":[{"id":2,"author":"a","created_at":"2026-02-30T00:00:00Z"}]}"#).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("created_at"));
        let err = read(br#"{"id":1,"type":"story","children":[{"id":true}]}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "children[0].id: id: expected an id, found a boolean"
        );
        let err = read(br#"{"id":1,"type":"story","children":{}}"#).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("children"));
        let err = read(b"{\"id\":1}\n{\"id\":2,\"children\":[3]}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 2: children[0]: children: expected an object, found a number"
        );
    }

    #[test]
    fn sink_errors_pass_through() {
        let stop = ImportError::new(None, None, "stop");
        let err = HackerNews
            .read(
                &mut &STORY[..],
                &mut |_, _| Err(stop.clone()),
                &mut Skipped::new(),
            )
            .unwrap_err();
        assert_eq!(err, stop);
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

    fn mutate(base: &[u8], cut: usize, edits: &[(usize, u8)]) -> Vec<u8> {
        let mut bytes = base.to_vec();
        for &(at, b) in edits {
            let at = at % (bytes.len() + 1);
            if b % 3 == 0 && at < bytes.len() {
                bytes.remove(at);
            } else if at < bytes.len() {
                bytes[at] = b;
            } else {
                bytes.push(b);
            }
        }
        bytes.truncate(bytes.len() - cut % (bytes.len() / 4 + 1));
        bytes
    }

    proptest! {
        #[test]
        fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = HackerNews.detect(&bytes);
            let _ = read(&bytes);
        }

        #[test]
        fn never_panics_on_mutated_fixtures(which in 0usize..2, cut in any::<usize>(),
                                            edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8)) {
            let bytes = mutate([STORY, ITEMS][which], cut, &edits);
            let _ = HackerNews.detect(&bytes);
            let _ = read(&bytes);
        }
    }
}
