//! Reddit: the JSON of a post's comment page, `GET /comments/{article}.json`
//! (or `https://www.reddit.com/r/<sub>/comments/<id>/.json`).
//!
//! The response is an array of two Listings: `[0]` holds the post (`t3`),
//! which is the thread and not an item, and `[1]` the comment tree (`t1`
//! things, each with `replies` that is `""` or another Listing, and `more`
//! stubs for comments the response left out). Several responses are
//! accepted one after another (JSON Lines) or as a JSON array of responses.
//!
//! - ids are the base-36 ids without the `t1_`/`t3_` prefix; a comment whose
//!   `parent_id` is the post (`t3_…`) is top-level (`parent_id` None).
//! - `author` is the username as the API gives it (no `u/`), `author_ids`
//!   the account's fullname (`t2_…`) when present.
//! - `body` is the comment's markdown, kept as text. Without `raw_json=1`
//!   Reddit escapes `&`, `<` and `>` in every string as `&amp;`, `&lt;`,
//!   `&gt;`; that escaping is undone (a response made with `raw_json=1` is
//!   recognised by its unescaped `body_html` and left alone). Then the
//!   entities the markdown holds are decoded, as Reddit shows them
//!   (`&#x200B;`, which its editor writes for an empty paragraph, is gone).
//! - skipped: `[deleted]` comments ("deleted": deleted by their author, or
//!   their account was), `[removed]` ones ("removed": by moderators or
//!   Reddit), comments by `AutoModerator` ("bot", as GitHub's bots), and
//!   `more` stubs ("more", counted as the number of comments they stand
//!   for). Replies under a deleted or skipped comment are still imported.

use super::shared::{contains, squash};
use super::tree::{
    Doc, Obj, Stack, as_obj, child, field, index, kind_of, opt_arr, opt_obj, opt_str,
    push_children, read_documents, refuse_error, req_obj, req_str,
};
use crate::import::format::{Format, ImportError, Sink, Skipped};
use crate::model::{Kind, Record};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashSet;
use std::io::BufRead;

const PLATFORM: &str = "reddit";
const SITE: &str = "https://www.reddit.com";

/// `/comments/{article}.json` responses.
pub struct Reddit;

impl Format for Reddit {
    fn name(&self) -> &'static str {
        "reddit"
    }

    fn detect(&self, head: &[u8]) -> bool {
        let head = squash(head);
        head.first() == Some(&b'[')
            && contains(&head, br#"{"kind":"Listing""#)
            && contains(&head, br#""kind":"t3""#)
    }

    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        let mut more = More::default();
        for (root, doc) in read_documents(input)? {
            refuse_error(&doc, &root, "")?;
            let Value::Array(items) = &root else {
                return Err(doc.err(
                    "",
                    "",
                    format!(
                        "expected an array of two Listings (the post and its comments), found {}",
                        kind_of(&root)
                    ),
                ));
            };
            if items.first().is_some_and(Value::is_array) {
                // A JSON array of several responses.
                for (i, response) in items.iter().enumerate() {
                    refuse_error(&doc, response, &index("", i))?;
                    read_response(&doc, response, &index("", i), sink, skipped, &mut more)?;
                }
            } else {
                read_response(&doc, &root, "", sink, skipped, &mut more)?;
            }
        }
        let left_out: Vec<&str> = (more.hidden.iter())
            .filter(|id| !more.read.contains(*id) && !more.answered.contains(*id))
            .map(String::as_str)
            .collect();
        if !left_out.is_empty() {
            skipped.skip_ids("more", left_out);
        }
        Ok(())
    }
}

/// The comments `more` stubs stand for, and the comments read: what a stub
/// hides is counted at the end of the file, less what another page of it
/// holds (a sub-thread's page appended, as "Getting the file" says).
#[derive(Default)]
struct More {
    hidden: Vec<String>,
    read: HashSet<String>,
    /// The comments (`t1_…`) the comments read answer: a "continue this
    /// thread" stub, named by the comment whose replies it stands for, left
    /// nothing out when the file holds a reply to that comment (its
    /// sub-thread's page, or a context page from further up).
    answered: HashSet<String>,
}

/// The post a comment page is about: the thread of every comment in it.
struct Thread {
    id: String,
    title: Option<String>,
    url: Option<String>,
    /// Whether the response uses Reddit's legacy HTML escaping (no `raw_json=1`).
    escaped: bool,
}

fn read_response(
    doc: &Doc,
    response: &Value,
    path: &str,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
    more: &mut More,
) -> Result<(), ImportError> {
    let Value::Array(listings) = response else {
        return Err(doc.err(
            path,
            "",
            format!(
                "expected an array of two Listings, found {}",
                kind_of(response)
            ),
        ));
    };
    let (Some(post_listing), Some(comment_listing)) = (listings.first(), listings.get(1)) else {
        return Err(doc.err(
            path,
            "",
            format!(
                "expected two Listings (the post and its comments), found {}",
                listings.len()
            ),
        ));
    };
    let comments_path = index(path, 1);
    let comments = listing_children(doc, comment_listing, &comments_path)?;
    let thread = read_post(doc, post_listing, &index(path, 0), comments)?;

    // Depth-first, in file order, with an explicit stack: comment trees can be
    // as deep as the JSON parser allows and must not use the call stack.
    let children_path = child(&child(&comments_path, "data"), "children");
    let mut stack: Stack = Vec::new();
    push_children(&mut stack, comments, &children_path, None);
    while let Some((thing, path, parent)) = stack.pop() {
        let thing_obj = as_obj(doc, thing, &path, "children")?;
        let kind = req_str(doc, thing_obj, &path, "kind")?;
        let data_path = child(&path, "data");
        match kind {
            "t1" => {}
            "more" => {
                // A stub for comments left out of the response ("load more
                // comments", "continue this thread"): count what it hides.
                let mut hidden: Vec<&str> = Vec::new();
                if let Some(data) = opt_obj(doc, thing_obj, &path, "data")? {
                    let children = opt_arr(doc, data, &data_path, "children")?;
                    hidden.extend(
                        children
                            .iter()
                            .flat_map(|c| c.iter())
                            .filter_map(Value::as_str),
                    );
                    if hidden.is_empty() {
                        // "Continue this thread" names none: the comment
                        // it hangs under stands for it.
                        hidden.extend(opt_str(doc, data, &data_path, "parent_id")?);
                    }
                }
                if hidden.is_empty() {
                    skipped.skip("more", 1);
                }
                more.hidden.extend(hidden.into_iter().map(str::to_owned));
                continue;
            }
            _ => {
                skipped.skip("unsupported", 1);
                continue;
            }
        }
        let data = req_obj(doc, thing_obj, &path, "data")?;
        let id = req_str(doc, data, &data_path, "id")?;
        more.read.insert(id.to_owned());
        if let Some(answered) = opt_str(doc, data, &data_path, "parent_id")? {
            more.answered.insert(answered.to_owned());
        }

        // Replies are read (and type-checked) before the comment is handed
        // on, and pushed after, so that they follow it in file order.
        let replies = match field(data, "replies") {
            None | Some(Value::String(_)) => None,
            Some(listing @ Value::Object(_)) => {
                let replies_path = child(&data_path, "replies");
                Some((listing_children(doc, listing, &replies_path)?, replies_path))
            }
            Some(other) => {
                return Err(doc.err(
                    &child(&data_path, "replies"),
                    "replies",
                    format!("expected \"\" or a Listing, found {}", kind_of(other)),
                ));
            }
        };

        let author = req_str(doc, data, &data_path, "author")?;
        let raw_body = opt_str(doc, data, &data_path, "body")?.unwrap_or("");
        let gone = if is_removed(raw_body) {
            Some("removed")
        } else if raw_body.trim() == "[deleted]" || author == "[deleted]" {
            Some("deleted")
        } else {
            None
        };
        match gone {
            Some(reason) => skipped.gone(reason, PLATFORM, id),
            None if is_bot(author) => skipped.skip_ids("bot", [id]),
            None => {
                let record =
                    comment_record(doc, data, &data_path, id, author, raw_body, parent, &thread)?;
                sink(record, doc.pos(&path))?;
            }
        }
        if let Some((children, replies_path)) = replies {
            push_children(
                &mut stack,
                children,
                &child(&child(&replies_path, "data"), "children"),
                Some(id),
            );
        }
    }
    Ok(())
}

/// `listing.data.children` of a `{"kind":"Listing","data":{…}}`.
fn listing_children<'a>(
    doc: &Doc,
    listing: &'a Value,
    path: &str,
) -> Result<&'a [Value], ImportError> {
    let listing = as_obj(doc, listing, path, "Listing")?;
    if let Some(kind) = opt_str(doc, listing, path, "kind")?
        && kind != "Listing"
    {
        return Err(doc.err(
            &child(path, "kind"),
            "kind",
            format!("expected \"Listing\", found {kind:?}"),
        ));
    }
    let data = req_obj(doc, listing, path, "data")?;
    Ok(opt_arr(doc, data, &child(path, "data"), "children")?.map_or(&[], Vec::as_slice))
}

/// The post (`t3`) of the first Listing.
fn read_post(
    doc: &Doc,
    listing: &Value,
    path: &str,
    comments: &[Value],
) -> Result<Thread, ImportError> {
    let children = listing_children(doc, listing, path)?;
    let post_path = index(&child(&child(path, "data"), "children"), 0);
    let Some(post) = children.first() else {
        return Err(doc.err(&post_path, "children", "the first Listing holds no post"));
    };
    let post = as_obj(doc, post, &post_path, "children")?;
    let kind = req_str(doc, post, &post_path, "kind")?;
    if kind != "t3" {
        return Err(doc.err(
            &child(&post_path, "kind"),
            "kind",
            format!("expected the post (\"t3\"), found {kind:?}"),
        ));
    }
    let data_path = child(&post_path, "data");
    let data = req_obj(doc, post, &post_path, "data")?;
    let id = req_str(doc, data, &data_path, "id")?;

    // Whether this response was made without raw_json=1: the post's HTML
    // says so, or else the first comment's.
    let mut escaped = opt_str(doc, data, &data_path, "selftext_html")?.map(legacy_escaped);
    if escaped.is_none() {
        escaped = comments
            .iter()
            .filter_map(|c| c.get("data")?.get("body_html")?.as_str())
            .map(legacy_escaped)
            .next();
    }
    let escaped = escaped.unwrap_or(true);

    let title = opt_str(doc, data, &data_path, "title")?.map(|t| unescape(t, escaped).into_owned());
    let url = opt_str(doc, data, &data_path, "permalink")?.map(absolute);
    Ok(Thread {
        id: id.to_owned(),
        title,
        url,
        escaped,
    })
}

#[allow(clippy::too_many_arguments)]
fn comment_record(
    doc: &Doc,
    data: &Obj,
    path: &str,
    id: &str,
    author: &str,
    raw_body: &str,
    structural_parent: Option<String>,
    thread: &Thread,
) -> Result<Record, ImportError> {
    let created_at = timestamp(doc, data, path, "created_utc")?;
    let escaped = match opt_str(doc, data, path, "body_html")? {
        Some(html) => legacy_escaped(html),
        None => thread.escaped,
    };
    let mut record = Record::new(
        PLATFORM,
        id,
        author,
        // Reddit's markdown shows an entity as its character: the
        // `&#x200B;` its editor writes for an empty paragraph is none.
        &crate::text::entities_decoded(&unescape(raw_body, escaped)),
        created_at,
    );
    record.parent_id = match opt_str(doc, data, path, "parent_id")? {
        Some(p) if p.starts_with("t3_") => None,
        Some(p) => Some(p.strip_prefix("t1_").unwrap_or(p).to_owned()),
        None => structural_parent,
    };
    record.thread_id = Some(thread.id.clone());
    record.thread_title = thread.title.clone();
    record.thread_url = thread.url.clone();
    if let Some(fullname) = opt_str(doc, data, path, "author_fullname")? {
        record.author_ids.push(fullname.to_owned());
    }
    record.url = match opt_str(doc, data, path, "permalink")? {
        Some(permalink) => Some(absolute(permalink)),
        None => thread
            .url
            .as_ref()
            .map(|u| format!("{}/{id}/", u.trim_end_matches('/'))),
    };
    record.kind = Kind::Comment;
    Ok(record)
}

/// Reddit's built-in moderation bot: its sticky comment ("Your post has been
/// approved…", the subreddit's rules) heads almost every post's comments
/// and needs no reply, as GitHub's bots' comments need none.
fn is_bot(author: &str) -> bool {
    author.eq_ignore_ascii_case("AutoModerator")
}

/// `[removed]` (moderators) or `[ Removed by Reddit ]` (admins).
fn is_removed(body: &str) -> bool {
    matches!(
        body.trim(),
        "[removed]" | "[ Removed by Reddit ]" | "[Removed by Reddit]"
    )
}

/// `created_utc`: seconds since the epoch, a float (`1727785296.0`) or integer.
fn timestamp(doc: &Doc, obj: &Obj, path: &str, key: &str) -> Result<DateTime<Utc>, ImportError> {
    let at = child(path, key);
    let secs = match field(obj, key) {
        Some(Value::Number(n)) => n.as_f64(),
        Some(other) => {
            return Err(doc.err(
                &at,
                key,
                format!("expected seconds since 1970, found {}", kind_of(other)),
            ));
        }
        None => return Err(doc.err(&at, key, "missing")),
    };
    secs.and_then(from_epoch_seconds).ok_or_else(|| {
        doc.err(
            &at,
            key,
            format!(
                "not a valid time: {}",
                field(obj, key).map_or_else(String::new, Value::to_string)
            ),
        )
    })
}

/// Seconds since 1970 (with a fraction) as a time. One before 1970 or past
/// 9999 is held at that end: the import skips and counts it as misdated,
/// as other platforms' (strangers' apps set these dates).
fn from_epoch_seconds(secs: f64) -> Option<DateTime<Utc>> {
    if !secs.is_finite() {
        return None;
    }
    // Also keeps the float-to-integer conversions exact.
    let secs = secs.clamp(0.0, 253_402_300_799.0);
    let whole = secs.floor();
    let nanos = (((secs - whole) * 1e9).round() as u32).min(999_999_999);
    DateTime::from_timestamp(whole as i64, nanos)
}

/// Whether a `body_html`/`selftext_html` is itself escaped (`&lt;div…`), as
/// Reddit does to every string unless the request said `raw_json=1`.
fn legacy_escaped(html: &str) -> bool {
    html.trim_start().starts_with("&lt;")
}

/// Undoes Reddit's legacy escaping of `&`, `<` and `>` (and nothing else).
fn unescape(s: &str, escaped: bool) -> Cow<'_, str> {
    if !escaped || !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let (text, len) = if rest.starts_with("&amp;") {
            ("&", 5)
        } else if rest.starts_with("&lt;") {
            ("<", 4)
        } else if rest.starts_with("&gt;") {
            (">", 4)
        } else {
            ("&", 1)
        };
        out.push_str(text);
        rest = &rest[len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `https://www.reddit.com` + a permalink (left alone when already absolute).
fn absolute(permalink: &str) -> String {
    if permalink.starts_with("http://") || permalink.starts_with("https://") {
        permalink.to_owned()
    } else if permalink.starts_with('/') {
        format!("{SITE}{permalink}")
    } else {
        format!("{SITE}/{permalink}")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::format::Position;
    use crate::import::test_support::{
        self, Read, assert_detects_only, assert_sink_error_passes_through, by_id, fixture, gone,
        never_panics, ts,
    };

    const COMMENTS: &[u8] = fixture!("reddit/api_comments.json");
    const RAW_JSONL: &[u8] = fixture!("reddit/api_raw_json.jsonl");

    fn read(bytes: &[u8]) -> Result<Read, ImportError> {
        test_support::read(&Reddit, bytes)
    }

    fn ok(bytes: &[u8]) -> (Vec<Record>, Skipped) {
        test_support::records(&Reddit, bytes)
    }

    #[test]
    fn comment_tree_in_file_order_with_skips() {
        let (records, skipped) = ok(COMMENTS);
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "lq1a2b3", "lq1c4d5", "lq1e6f7", "lq1i0j1", "lq1o6p7", "lq1w4x5"
            ]
        );
        // one [deleted], one [removed], AutoModerator's sticky; `more` stubs
        // count the comments they hide (3 + 2 listed, and 1 for "continue
        // this thread").
        let expected: std::collections::BTreeMap<String, u64> = [
            ("deleted".into(), 1),
            ("removed".into(), 1),
            ("bot".into(), 1),
            ("more".into(), 6),
        ]
        .into();
        assert_eq!(skipped.counts, expected);
        // A page fetched twice and appended skips the same comments: counted once.
        let twice = [COMMENTS, b"\n", COMMENTS].concat();
        assert_eq!(ok(&twice).1.counts, expected);
        // What an earlier import may have brought in, withdrawn now.
        assert_eq!(
            skipped.gone,
            gone(&[("reddit", "lq1g8h9"), ("reddit", "lq1k2l3")])
        );
    }

    #[test]
    fn fields_of_a_comment() {
        let (records, _) = ok(COMMENTS);
        let r = by_id(&records, "lq1a2b3");
        assert_eq!(r.platform, "reddit");
        assert_eq!(r.parent_id, None, "a comment on the post is top-level");
        assert_eq!(r.thread_id.as_deref(), Some("1fx3k2q"));
        assert_eq!(
            r.thread_title.as_deref(),
            Some("ackbox 0.3: a terminal inbox for the comments you owe a reply <3 & more")
        );
        let thread_url = "https://www.reddit.com/r/rust/comments/1fx3k2q/ackbox_03_a_terminal_inbox_for_the_comments_you/";
        assert_eq!(r.thread_url.as_deref(), Some(thread_url));
        assert_eq!(
            r.url.as_deref(),
            Some(format!("{thread_url}lq1a2b3/").as_str())
        );
        assert_eq!(r.author, "ferris_fan");
        assert_eq!(r.author_ids, ["t2_5ferris"]);
        assert_eq!(r.author_name, None);
        assert_eq!(
            r.body,
            "Love it! Does it handle `<details>` blocks & HTML entities like   in Reddit bodies? 🦀🔥"
        );
        assert_eq!(r.created_at, ts("2024-10-01T12:31:36Z"));
        assert_eq!(r.kind, Kind::Comment);
        assert_eq!((r.own, r.saved.clone()), (None, None));
    }

    #[test]
    fn parents_own_replies_and_text() {
        let (records, _) = ok(COMMENTS);
        let own = by_id(&records, "lq1c4d5");
        assert_eq!(own.parent_id.as_deref(), Some("lq1a2b3"));
        // The owner is recognised by the driver from the configured handle/id.
        assert_eq!(
            (own.author.as_str(), own.author_ids.as_slice(), own.own),
            ("alex_example", &["t2_8x1owner".to_owned()][..], None)
        );
        assert_eq!(
            own.body,
            "Thanks u/ferris_fan! Yes: `&`, `<` and `>` come back as typed."
        );
        let deeper = by_id(&records, "lq1e6f7");
        assert_eq!(deeper.parent_id.as_deref(), Some("lq1c4d5"));
        assert_eq!(
            deeper.body,
            "> come back as typed\n\nPerfect, installing now."
        );
        assert_eq!(deeper.created_at, ts("2024-10-01T13:01:36.5Z"));
        // The child of a deleted comment is kept, pointing at the deleted id.
        let orphan = by_id(&records, "lq1i0j1");
        assert_eq!(orphan.parent_id.as_deref(), Some("lq1g8h9"));
        assert_eq!(
            orphan.body,
            "日本語のコメントも大丈夫ですか？ありがとうございます！"
        );
        assert_eq!(
            by_id(&records, "lq1o6p7").body,
            "עבודה יפה! האם יש תמיכה בטקסט מימין לשמאל? مرحبا"
        );
    }

    /// AutoModerator's comment is skipped whatever the case of its name;
    /// a reply to it is still imported.
    #[test]
    fn automoderator_is_a_bot() {
        let text = std::str::from_utf8(COMMENTS).unwrap();
        let reply = r#"{"kind": "t1", "data": {"id": "lq1reply", "author": "ferris_fan", "body": "ok", "created_utc": 1727785400.0, "parent_id": "t1_lq1m4n5", "replies": ""}}"#;
        let text = text
            .replacen(
                r#""replies": "", "user_reports": [], "saved": false, "id": "lq1m4n5""#,
                &format!(
                    r#""replies": {{"kind": "Listing", "data": {{"children": [{reply}]}}}}, "id": "lq1m4n5""#
                ),
                1,
            )
            .replacen(r#""author": "AutoModerator""#, r#""author": "automoderator""#, 1);
        let (records, skipped) = ok(text.as_bytes());
        assert!(records.iter().all(|r| r.id != "lq1m4n5"));
        assert_eq!(skipped.counts.get("bot"), Some(&1));
        assert_eq!(
            by_id(&records, "lq1reply").parent_id.as_deref(),
            Some("lq1m4n5")
        );
    }

    #[test]
    fn positions_are_json_paths() {
        let (records, _) = read(COMMENTS).unwrap();
        assert_eq!(records[0].1, Position::Path("[1].data.children[0]".into()));
        assert_eq!(
            records[1].1,
            Position::Path("[1].data.children[0].data.replies.data.children[0]".into())
        );
    }

    #[test]
    fn json_lines_raw_json_and_missing_optional_fields() {
        let (records, skipped) = read(RAW_JSONL).unwrap();
        let ids: Vec<&str> = records.iter().map(|(r, _)| r.id.as_str()).collect();
        assert_eq!(ids, ["lr0aaaa", "lr0bbbb", "lr1dddd", "lr1eeee", "lr1ffff"]);
        assert_eq!(skipped.counts, [("removed".to_owned(), 1)].into());
        let (first, pos) = &records[0];
        assert_eq!(pos, &Position::Path("[1].data.children[0]".into()));
        assert_eq!(
            first.thread_title.as_deref(),
            Some("What do you use to track replies? (<3 the CLI & TUIs)")
        );
        // raw_json=1: the text is as typed, and its entities are shown as
        // Reddit shows them: "&amp;" is "&".
        assert_eq!(
            first.body,
            "Spreadsheets & sticky notes, honestly. & is how you write an ampersand in HTML 😅"
        );
        let (second, pos) = &records[2];
        assert_eq!(pos, &Position::Path("2: [1].data.children[0]".into()));
        assert_eq!(second.thread_id.as_deref(), Some("1g1wxyz"));
        // No permalink: the url is made from the thread's.
        assert_eq!(
            second.url.as_deref(),
            Some(
                "https://www.reddit.com/r/selfhosted/comments/1g1wxyz/ackbox_now_imports_reddit_threads/lr1dddd/"
            )
        );
        assert!(second.author_ids.is_empty());
        assert_eq!(second.created_at, ts("2024-10-05T03:55:00Z"));
        let reply = &records[4].0;
        assert_eq!(
            (reply.parent_id.as_deref(), reply.body.as_str()),
            (Some("lr1eeee"), "+1")
        );
        assert_eq!(records[3].0.body, "Работает отлично 👍\n\nСпасибо!");
    }

    /// The zero-width space Reddit's editor writes for an empty paragraph,
    /// as an entity in the markdown, is nothing: what is left is a link.
    #[test]
    fn an_empty_paragraphs_entity_is_nothing() {
        let typed =
            "Spreadsheets & sticky notes, honestly. &amp; is how you write an ampersand in HTML 😅";
        let file = std::str::from_utf8(RAW_JSONL).unwrap().replacen(
            &format!("\"body\":\"{typed}\""),
            "\"body\":\"&#x200B;\\n\\nhttps://spam.example/buy&nbsp;\"",
            1,
        );
        let (records, _) = read(file.as_bytes()).unwrap();
        assert_eq!(records[0].0.body, "https://spam.example/buy");
    }

    #[test]
    fn array_of_responses() {
        let lines: Vec<&str> = std::str::from_utf8(RAW_JSONL).unwrap().lines().collect();
        let array = format!("[{}]", lines.join(",\n"));
        let (records, _) = read(array.as_bytes()).unwrap();
        assert_eq!(records.len(), 5);
        assert_eq!(
            records[2].1,
            Position::Path("[1][1].data.children[0]".into())
        );
    }

    #[test]
    fn legacy_unescaping_is_exact() {
        assert_eq!(
            unescape("&amp;lt; &lt;b&gt; &amp;&amp; & &nbsp;", true),
            "&lt; <b> && & &nbsp;"
        );
        assert_eq!(unescape("&amp;", false), "&amp;");
    }

    #[test]
    fn detects_its_files_only() {
        let not: &[&[u8]] = &[
            br#"{"platform":"reddit","id":"abc","author":"x","body":"hi","created_at":"2026-03-01T14:05:00Z"}"#,
        ];
        assert_detects_only(&Reddit, 300, not);
    }

    #[test]
    fn truncated_input_gives_a_line_and_column() {
        let err = read(&COMMENTS[..COMMENTS.len() / 2]).unwrap_err();
        assert!(
            matches!(err.position, Some(Position::LineCol(1, _))),
            "{err}"
        );
        assert!(err.message.contains("EOF"), "{err}");
    }

    #[test]
    fn wrong_types_give_a_path() {
        let bad = std::str::from_utf8(COMMENTS).unwrap().replacen(
            "\"created_utc\": 1727785896.0",
            "\"created_utc\": \"yesterday\"",
            1,
        );
        let err = read(bad.as_bytes()).unwrap_err();
        assert_eq!(
            err.position,
            Some(Position::Path(
                "[1].data.children[0].data.created_utc".into()
            ))
        );
        assert_eq!(err.field.as_deref(), Some("created_utc"));
        assert_eq!(
            err.to_string(),
            "[1].data.children[0].data.created_utc: expected seconds since 1970, found a string"
        );

        let bad = std::str::from_utf8(COMMENTS).unwrap().replacen(
            "\"replies\": \"\"",
            "\"replies\": 7",
            1,
        );
        let err = read(bad.as_bytes()).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("replies"));
        assert!(
            matches!(&err.position, Some(Position::Path(p)) if p.ends_with(".data.replies")),
            "{err}"
        );

        let err = read(br#"{"kind": "Listing"}"#).unwrap_err();
        assert_eq!(err.position, Some(Position::Path("$".into())));
        let err = read(
            br#"[{"kind": "Listing", "data": {"children": []}}, {"kind": "Listing", "data": {}}]"#,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "[0].data.children[0]: children: the first Listing holds no post"
        );
        let err = read(b"[[],[]]\n[1]").unwrap_err();
        assert_eq!(err.position, Some(Position::Path("[0]".into())), "{err}");
    }

    #[test]
    fn bad_times_are_errors() {
        for bad in ["\"\"", "true"] {
            let text = std::str::from_utf8(COMMENTS).unwrap().replacen(
                "\"created_utc\": 1727785896.0",
                &format!("\"created_utc\": {bad}"),
                1,
            );
            let err = read(text.as_bytes()).unwrap_err();
            assert_eq!(err.field.as_deref(), Some("created_utc"), "{bad}: {err}");
        }
        // Out of 1970..=9999: held at that end, for the import to skip.
        for (bad, held) in [
            ("-5", "1970-01-01T00:00:00Z"),
            ("1e300", "9999-12-31T23:59:59Z"),
        ] {
            let text = std::str::from_utf8(COMMENTS).unwrap().replacen(
                "\"created_utc\": 1727785896.0",
                &format!("\"created_utc\": {bad}"),
                1,
            );
            let (got, _) = read(text.as_bytes()).unwrap();
            let times: Vec<String> = got
                .iter()
                .map(|(r, _)| {
                    r.created_at
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                })
                .collect();
            assert!(times.iter().any(|t| t == held), "{bad}: {times:?}");
        }
    }

    /// A sub-thread's page appended to the post's (as the README says to
    /// fetch what a `more` stub hides): only the comments no page holds are
    /// counted as left out, in either order.
    #[test]
    fn more_counts_only_the_comments_no_page_holds() {
        let page = |things: &str| {
            format!(
                r#"[{{"kind":"Listing","data":{{"children":[{{"kind":"t3","data":{{"id":"p"}}}}]}}}},{{"kind":"Listing","data":{{"children":[{things}]}}}}]"#
            )
        };
        let t1 = |id: &str| {
            format!(
                r#"{{"kind":"t1","data":{{"id":"{id}","author":"a","body":"b","created_utc":1,"parent_id":"t3_p","replies":""}}}}"#
            )
        };
        let post = page(&format!(
            r#"{},{{"kind":"more","data":{{"count":3,"children":["m1","m2","m3"],"parent_id":"t3_p"}}}}"#,
            t1("c1")
        ));
        let sub_thread = page(&format!("{},{}", t1("m1"), t1("m2")));
        for file in [
            format!("{post}\n{sub_thread}\n"),
            format!("{sub_thread}\n{post}\n"),
        ] {
            let (records, skipped) = ok(file.as_bytes());
            assert_eq!(records.len(), 3);
            assert_eq!(skipped.counts.get("more"), Some(&1), "{file}");
        }
        let (_, skipped) = ok(post.as_bytes());
        assert_eq!(skipped.counts.get("more"), Some(&3));
        // "Continue this thread" under c1, and c1's page (`/comments/p/_/c1`),
        // which holds its replies.
        let deep = |parent: &str, replies: &str| {
            format!(
                r#"{{"kind":"t1","data":{{"id":"c1","author":"a","body":"b","created_utc":1,"parent_id":"{parent}","replies":{replies}}}}}"#
            )
        };
        let stub = r#"{"kind":"Listing","data":{"children":[{"kind":"more","data":{"count":0,"children":[],"parent_id":"t1_c1"}}]}}"#;
        let post = page(&deep("t3_p", stub));
        let (_, skipped) = ok(post.as_bytes());
        assert_eq!(skipped.counts.get("more"), Some(&1));
        let continued = page(&deep(
            "t1_c0",
            &format!(
                r#"{{"kind":"Listing","data":{{"children":[{}]}}}}"#,
                t1("c5").replace("t3_p", "t1_c1")
            ),
        ));
        let (_, skipped) = ok(format!("{post}\n{continued}\n").as_bytes());
        assert_eq!(skipped.counts.get("more"), None);
    }

    #[test]
    fn sink_errors_pass_through() {
        assert_sink_error_passes_through(&Reddit, COMMENTS, 1);
    }

    #[test]
    fn hostile_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = read(deep.as_bytes()).unwrap_err();
        assert!(err.message.contains("recursion limit"), "{err}");
        // The deepest legal comment chain (5 JSON levels per reply) is read.
        let wrap = |tree: &str| {
            format!(
                r#"[{{"kind":"Listing","data":{{"children":[{{"kind":"t3","data":{{"id":"p"}}}}]}}}},{{"kind":"Listing","data":{{"children":[{tree}]}}}}]"#
            )
        };
        let mut tree = String::from(
            r#"{"kind":"t1","data":{"id":"leaf","author":"a","body":"b","created_utc":1,"replies":""}}"#,
        );
        let mut depth = 1;
        loop {
            let next = format!(
                r#"{{"kind":"t1","data":{{"id":"c{depth}","author":"a","body":"b","created_utc":1,"replies":{{"kind":"Listing","data":{{"children":[{tree}]}}}}}}}}"#
            );
            if nesting(&wrap(&next)) > 127 {
                break;
            }
            tree = next;
            depth += 1;
        }
        let (records, _) = ok(wrap(&tree).as_bytes());
        assert_eq!(records.len(), depth);
        assert!(depth > 20, "{depth}");
    }

    /// The deepest nesting of arrays and objects (no brackets in strings).
    fn nesting(json: &str) -> usize {
        let (mut depth, mut max) = (0usize, 0usize);
        for b in json.bytes() {
            match b {
                b'[' | b'{' => {
                    depth += 1;
                    max = max.max(depth);
                }
                b']' | b'}' => depth -= 1,
                _ => {}
            }
        }
        max
    }

    #[test]
    fn empty_input_is_no_records() {
        assert!(ok(b"  \n").0.is_empty());
    }

    never_panics!([Reddit], &[COMMENTS, RAW_JSONL]);
}
