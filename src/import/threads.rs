//! Threads (Meta): the Threads API's answers (`https://graph.threads.net/v1.0`,
//! also `graph.threads.com`) a community manager fetches, each a page
//! `{"data": [post…], "paging": {"cursors": {…}, "next": …}}` or a single post:
//! - `GET /{threads-media-id}/replies` (the top-level replies) and
//!   `GET /{threads-media-id}/conversation` (every reply at any depth, flat);
//! - `GET /{threads-user-id}/mentions`: the posts that mention you;
//! - `GET /{threads-user-id}/threads` and `GET /{threads-user-id}/replies`:
//!   your own posts and replies (how your replies come in, so that what
//!   they answer is answered);
//! - `GET /{threads-media-id}`: the post itself, which gives its thread a
//!   title and a link.
//!
//! A file holds one such response, several (JSON Lines, as a loop over the
//! pages appends them, or documents one after another), or a JSON array of
//! them, of any of these kinds. Every post is one item (your own are
//! recognised by the configured identities), read the same whichever
//! response brings it, so that a post seen in the mentions and in its
//! conversation is one item and a re-import changes nothing:
//! - `id` is the post's `id`; `parent_id` its `replied_to.id` (none for a
//!   post that replies to nothing);
//! - the thread is the root post: `thread_id` is `root_post.id`, else the
//!   post's own id when it replies to nothing; `thread_title` the first
//!   line of the root's `text` (cut to about 80 characters) and
//!   `thread_url` its `permalink`, when the root is anywhere in the file
//!   (the whole file is read first);
//! - `author` is `username` ([`UNKNOWN_AUTHOR`] when the API leaves it
//!   out: it gives it only for public profiles and your own), `author_ids`
//!   the `owner.id` when the API gives it (your own top-level posts, when
//!   `owner` is asked for); no display name;
//! - `body` is `text`, and the media on a line after it (`[image]`,
//!   `[video]`, `[audio]`, a GIF, a carousel's children), each by its
//!   `alt_text` when it has one: a photo sent as a reply is something the
//!   person wrote;
//! - `created_at` is `timestamp` (`2026-11-20T09:15:00+0000`); `url` is
//!   `permalink` (left out for private profiles and flagged media).
//! - `kind`: a reply (`is_reply`, a `replied_to`, or a `root_post` that is
//!   another post) is a comment. A post
//!   that replies to nothing is a mention when it quotes a post
//!   (`is_quote_post`, `quoted_post`: someone quoting yours) or when a page
//!   of mentions lists it: a page whose paging link names the `mentions`
//!   edge, or a page without one (Meta writes no `next` link into the
//!   mentions' paging) that lists it without an `owner` (which the API
//!   gives only on your own top-level posts: the `threads` edge's). Any
//!   other post is a comment.
//!
//! A post needs `id` and `timestamp`; an object with none of a post's
//! fields (`timestamp`, `username`, `permalink`, …) is another platform's.
//!
//! Skipped and counted: a repost (`media_type` `REPOST_FACADE`, "repost"),
//! and the replies you hid or Threads hides for you (`hide_status`
//! `HIDDEN`, `COVERED`, `BLOCKED` or `RESTRICTED`, "hidden": withdrawn,
//! as Facebook's hidden comments are). `is_reply_owned_by_me` says whose
//! thread the reply is in, not who wrote it: it is not read.

use super::facebook::graph_time;
use super::shared::{UNKNOWN_AUTHOR, contains, json_head, title_of, with_attachments};
use super::tree::{
    Doc, Obj, as_obj, child, field, id_value, index, opt_arr, opt_bool, opt_id, opt_obj, opt_str,
    read_twice, req_id,
};
use crate::import::format::{Format, ImportError, Sink, Skipped};
use crate::model::{Kind, Record};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;

const PLATFORM: &str = "threads";

/// The `hide_status` of a reply that is not shown (by you, or by Threads
/// for you: a filter's cover, a blocked or restricted account's).
const HIDDEN: [&str; 4] = ["HIDDEN", "COVERED", "BLOCKED", "RESTRICTED"];

/// A post's fields as the Threads API gives them, but for `text`, which
/// other platforms' objects have too (one of them tells a post from
/// another platform's object).
const POST_FIELDS: [&str; 10] = [
    "timestamp",
    "username",
    "permalink",
    "media_type",
    "shortcode",
    "media_product_type",
    "is_reply",
    "root_post",
    "replied_to",
    "hide_status",
];

/// Threads API responses: replies, conversations, mentions, a user's
/// threads and replies, a single post.
pub struct Threads;

impl Format for Threads {
    fn name(&self) -> &'static str {
        "threads"
    }

    fn detect(&self, head: &[u8]) -> bool {
        json_head(head).is_some_and(|head| is_threads(&head))
    }

    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        // The roots and the mentions first, so that a post gets its
        // thread's title and its kind wherever in the file they are.
        read_twice(
            input,
            |seen: &mut Seen, doc, response, path| {
                if let Ok(response) = posts_of(doc, response, path) {
                    seen.note(&response);
                }
            },
            |seen, doc, response, path| {
                for (post, post_path) in posts_of(doc, response, path)?.posts {
                    read_post(doc, post, &post_path, seen, sink, skipped)?;
                }
                Ok(())
            },
        )
    }
}

/// Whether a JSON head without whitespace (see `shared::json_head`) is a
/// Threads API response: keys only Threads' posts have, or a post's
/// `threads.net`/`threads.com` permalink. Facebook's and Instagram's
/// detectors ask it too: Instagram's comments look alike.
/// Keys of Instagram's and Facebook's comments and media that Threads'
/// posts have not: Threads gives replies by their own calls, never as a
/// nested edge, and no `from`, `like_count` or `hidden` (but `username`
/// and `hide_status`).
pub(crate) const GRAPH_KEYS: [&str; 5] = ["comments", "replies", "from", "like_count", "hidden"];

pub(crate) fn is_threads(head: &[u8]) -> bool {
    const KEYS: [&[u8]; 9] = [
        br#""root_post":"#,
        br#""replied_to":"#,
        br#""is_reply":"#,
        br#""is_reply_owned_by_me":"#,
        br#""hide_status":""#,
        br#""reply_audience":""#,
        br#""media_product_type":"THREADS""#,
        br#""media_type":"TEXT_POST""#,
        br#""media_type":"REPOST_FACADE""#,
    ];
    KEYS.iter().any(|key| contains(head, key))
        || has_threads_permalink(head)
        || pages_threads_api(head)
}

/// Whether a page's `paging` link (`next`, `previous`) is the Threads
/// API's (`graph.threads.net`, where Instagram's are `graph.facebook.com` or
/// `graph.instagram.com`): a page asked for few fields has nothing else of
/// Threads'. A link in a comment's text is no page's.
fn pages_threads_api(head: &[u8]) -> bool {
    links_to(
        head,
        &[br#""next":"https:"#, br#""previous":"https:"#],
        &[b"graph.threads.net", b"graph.threads.com"],
    )
}

/// Whether a `permalink` in `head` is a post's on threads.net or threads.com.
fn has_threads_permalink(head: &[u8]) -> bool {
    links_to(
        head,
        &[br#""permalink":"https:"#],
        &[b"threads.net", b"threads.com"],
    )
}

/// Whether the value of one of `keys` (each ending `"https:`) in `head` is
/// a link to one of `hosts` (or its `www.`), written with `/` or, as Meta's
/// APIs may, `\/`.
pub(crate) fn links_to(head: &[u8], keys: &[&[u8]], hosts: &[&[u8]]) -> bool {
    keys.iter()
        .flat_map(|key| memchr::memmem::find_iter(head, key).map(|at| &head[at + key.len()..]))
        .any(|link| {
            let rest = (link.strip_prefix(b"//"))
                .or_else(|| link.strip_prefix(br"\/\/"))
                .unwrap_or_default();
            let host = rest.strip_prefix(b"www.").unwrap_or(rest);
            hosts.iter().any(|site| {
                host.strip_prefix(*site)
                    .is_some_and(|after| after.starts_with(b"/") || after.starts_with(br"\/"))
            })
        })
}

/// The posts of one response, with their paths, and where they were listed.
struct Response<'a> {
    posts: Vec<(&'a Obj, String)>,
    /// A page (`{"data": […]}`) rather than a single post.
    page: bool,
    /// The edge the page's paging link names (`mentions`, `threads`,
    /// `conversation`…), when it has one.
    edge: Option<&'a str>,
}

fn posts_of<'a>(doc: &Doc, response: &'a Value, path: &str) -> Result<Response<'a>, ImportError> {
    let obj = as_obj(doc, response, path, "response")?;
    if let Some(data) = opt_arr(doc, obj, path, "data")? {
        let data_path = child(path, "data");
        let posts = (data.iter().enumerate())
            .map(|(i, post)| {
                let post_path = index(&data_path, i);
                Ok((as_obj(doc, post, &post_path, "post")?, post_path))
            })
            .collect::<Result<_, ImportError>>()?;
        return Ok(Response {
            posts,
            page: true,
            edge: paging_edge(obj),
        });
    }
    if !obj.contains_key("id") {
        return Err(doc.err(
            path,
            "data",
            "expected a page of Threads posts ({\"data\": […]}) or a post ({\"id\": …})",
        ));
    }
    Ok(Response {
        posts: vec![(obj, path.to_owned())],
        page: false,
        edge: None,
    })
}

/// The edge named by a page's `paging.next` or `paging.previous` link,
/// `https://graph.threads.net/v1.0/{id}/{edge}?…`.
fn paging_edge(page: &Obj) -> Option<&str> {
    let paging = page.get("paging")?.as_object()?;
    ["next", "previous"].iter().find_map(|key| {
        let link = paging.get(*key)?.as_str()?;
        let path = link.split(['?', '#']).next()?;
        path.rsplit('/').next().filter(|edge| !edge.is_empty())
    })
}

/// What the first reading of the file found out.
#[derive(Default)]
struct Seen {
    /// The posts that reply to nothing: the roots of their threads, by id,
    /// with their title and link.
    roots: HashMap<String, Root>,
    /// The posts a page of mentions lists.
    mentions: HashSet<String>,
    /// The posts known to reply to nothing: so said (`is_reply` false),
    /// with an `owner` (which Meta gives top-level posts alone), or listed
    /// by a page of an account's threads (`/threads`: top-level posts).
    top_level: HashSet<String>,
}

struct Root {
    title: Option<String>,
    url: Option<String>,
}

impl Seen {
    /// Notes the roots and mentions of a response. What is wrong in it is
    /// left for the second reading to report.
    fn note(&mut self, response: &Response) {
        for (post, _) in &response.posts {
            let Some(id) = post.get("id").and_then(id_value) else {
                continue;
            };
            if is_reply(post, &id) || post.get("media_type") == Some(&Value::from("REPOST_FACADE"))
            {
                continue;
            }
            let text = post.get("text").and_then(Value::as_str);
            let url = post.get("permalink").and_then(Value::as_str);
            self.roots.insert(
                id.clone(),
                Root {
                    title: text.and_then(title_of),
                    url: url.map(str::to_owned),
                },
            );
            let owned = post.get("owner").is_some_and(|o| !o.is_null());
            if owned
                || post.get("is_reply") == Some(&Value::Bool(false))
                || response.edge == Some("threads")
            {
                self.top_level.insert(id.clone());
            }
            let listed = match response.edge {
                Some(edge) => edge == "mentions",
                None => response.page && !owned,
            };
            if listed {
                self.mentions.insert(id);
            }
        }
    }
}

/// Whether a post replies to something (leniently: for the first reading;
/// see [`record`]).
fn is_reply(post: &Obj, id: &str) -> bool {
    let root = post
        .get("root_post")
        .and_then(|r| r.get("id"))
        .and_then(id_value);
    field(post, "replied_to").is_some()
        || post.get("is_reply") == Some(&Value::Bool(true))
        || root.is_some_and(|root| root != id)
}

/// One post: skipped, or handed to the sink.
fn read_post(
    doc: &Doc,
    post: &Obj,
    path: &str,
    seen: &Seen,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    let id = req_id(doc, post, path, "id")?;
    if opt_str(doc, post, path, "media_type")? == Some("REPOST_FACADE") {
        skipped.skip_ids("repost", [id.as_str()]);
        return Ok(());
    }
    if let Some(status) = opt_str(doc, post, path, "hide_status")?
        && HIDDEN.contains(&status)
    {
        skipped.gone("hidden", PLATFORM, &id);
        return Ok(());
    }
    let record = record(doc, post, path, id, seen)?;
    sink(record, doc.pos(path))
}

fn record(
    doc: &Doc,
    post: &Obj,
    path: &str,
    id: String,
    seen: &Seen,
) -> Result<Record, ImportError> {
    if field(post, "timestamp").is_none() && !POST_FIELDS.iter().any(|f| post.contains_key(*f)) {
        return Err(doc.err(
            path,
            "",
            format!(
                "neither a page of Threads posts ({{\"data\": […]}}) nor a post (it has none of \
                 {}): another platform's file?",
                POST_FIELDS[..3].join(", ")
            ),
        ));
    }
    // Such a page among Threads' would be read as Threads posts.
    if let Some(key) = GRAPH_KEYS.into_iter().find(|k| post.contains_key(*k)) {
        return Err(doc.err(
            path,
            key,
            "a key of Instagram's or Facebook's Graph API, which Threads posts have not: \
             import that page apart, as its platform's (without --format)"
                .to_owned(),
        ));
    }
    let created_at = graph_time(doc, post, path, "timestamp")?;
    let text = opt_str(doc, post, path, "text")?.unwrap_or("");
    let body = with_attachments(text.to_owned(), media(doc, post, path)?);
    let author = opt_str(doc, post, path, "username")?
        .filter(|u| !u.trim().is_empty())
        .unwrap_or(UNKNOWN_AUTHOR);
    let mut record = Record::new(PLATFORM, &id, author, &body, created_at);
    record.author_stand_in = author == UNKNOWN_AUTHOR;
    if let Some(owner) = opt_obj(doc, post, path, "owner")? {
        record
            .author_ids
            .extend(opt_id(doc, owner, &child(path, "owner"), "id")?);
    }

    let reference = |key: &str| -> Result<Option<String>, ImportError> {
        match opt_obj(doc, post, path, key)? {
            Some(obj) => Ok(Some(req_id(doc, obj, &child(path, key), "id")?)),
            None => Ok(None),
        }
    };
    let replied_to = reference("replied_to")?;
    let root = reference("root_post")?;
    let quoted = reference("quoted_post")?;
    // Both read, so that a wrong one is said wherever it is.
    let (is_reply, is_quote) = (
        opt_bool(doc, post, path, "is_reply")?,
        opt_bool(doc, post, path, "is_quote_post")?,
    );
    // A reply says so, names what it replies to, or names another post
    // as its root (Threads gives `root_post` on replies only): whichever
    // of them the fields asked for.
    let replies = replied_to.is_some()
        || is_reply == Some(true)
        || root.as_ref().is_some_and(|root| *root != id);
    let quotes = quoted.is_some() || is_quote == Some(true);
    let url = opt_str(doc, post, path, "permalink")?;

    record.thread_id = match root {
        Some(root) => Some(root),
        // Top-level, as its fields or its page say: its own thread.
        None if !replies && seen.top_level.contains(&id) => Some(id.clone()),
        // Asked for without them (`fields=id,text,…`): its thread is not
        // known here, and one another file knows stays.
        None => None,
    };
    if let Some(thread) = record.thread_id.as_ref().and_then(|t| seen.roots.get(t)) {
        record.thread_title.clone_from(&thread.title);
        record.thread_url.clone_from(&thread.url);
    }
    record.parent_id = replied_to;
    record.url = url.map(str::to_owned);
    record.kind = if replies {
        Kind::Comment
    } else if quotes && record.author_ids.is_empty() || seen.mentions.contains(&id) {
        Kind::Mention
    } else {
        Kind::Comment
    };
    Ok(record)
}

/// What a post holds beside its text, each by its alt text or its kind:
/// its `media_type`'s (a carousel's children's, when asked for), and a GIF.
fn media<'a>(
    doc: &Doc,
    post: &'a Obj,
    path: &str,
) -> Result<Vec<(Option<&'a str>, &'static str)>, ImportError> {
    fn kind_of(media_type: &str) -> Option<&'static str> {
        match media_type {
            "IMAGE" => Some("image"),
            "VIDEO" => Some("video"),
            "AUDIO" => Some("audio"),
            _ => None,
        }
    }
    let alt = opt_str(doc, post, path, "alt_text")?;
    let mut marks = Vec::new();
    match opt_str(doc, post, path, "media_type")? {
        Some("CAROUSEL_ALBUM") => {
            let children_path = child(path, "children");
            let children = match opt_obj(doc, post, path, "children")? {
                Some(children) => opt_arr(doc, children, &children_path, "data")?,
                None => None,
            };
            let data_path = child(&children_path, "data");
            for (i, item) in children.into_iter().flatten().enumerate() {
                let item_path = index(&data_path, i);
                let item = as_obj(doc, item, &item_path, "children")?;
                let kind = opt_str(doc, item, &item_path, "media_type")?.and_then(kind_of);
                let alt = opt_str(doc, item, &item_path, "alt_text")?;
                marks.push((alt, kind.unwrap_or("attachment")));
            }
            if marks.is_empty() {
                marks.push((alt, "attachment"));
            }
        }
        Some(media_type) => marks.extend(kind_of(media_type).map(|kind| (alt, kind))),
        None => {}
    }
    if opt_str(doc, post, path, "gif_url")?.is_some() {
        marks.push((None, "GIF"));
    }
    Ok(marks)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::format::Position;
    use crate::import::test_support::{
        assert_detects_only, assert_sink_error_passes_through, by_id, fixture, gone, never_panics,
        read, records, ts,
    };

    const POST: &[u8] = fixture!("threads/post.json");
    const CONVERSATION: &[u8] = fixture!("threads/conversation.jsonl");
    const MENTIONS: &[u8] = fixture!("threads/mentions.json");
    const MY_REPLIES: &[u8] = fixture!("threads/my_replies.json");
    const MY_THREADS: &[u8] = fixture!("threads/my_threads.json");

    const ROOT: &str = "18064825091234567";
    const ROOT_URL: &str = "https://www.threads.net/@fernweh.coffee/post/DCk9Xz4Nq2P";
    const TITLE: &str = "Our winter blend is back ☕️❄️";

    /// A reply to the root as the replies and conversation edges give it,
    /// with `extra` fields over it.
    fn reply(id: &str, extra: Value) -> Value {
        let mut post = serde_json::json!({
            "id": id, "text": "Is the Guji in it?", "username": "mia.brews",
            "permalink": format!("https://www.threads.net/@mia.brews/post/C{id}"),
            "timestamp": "2026-11-18T08:12:00+0000", "media_type": "TEXT_POST",
            "shortcode": format!("C{id}"), "is_reply": true,
            "root_post": {"id": ROOT}, "replied_to": {"id": ROOT},
            "is_reply_owned_by_me": false, "hide_status": "NOT_HUSHED",
            "has_replies": false, "is_quote_post": false, "reply_audience": "EVERYONE",
        });
        for (key, value) in extra.as_object().unwrap() {
            if value.is_null() {
                post.as_object_mut().unwrap().remove(key);
            } else {
                post[key] = value.clone();
            }
        }
        post
    }

    fn page(posts: &[Value]) -> String {
        serde_json::json!({"data": posts, "paging": {"cursors": {"before": "QVFIUk", "after": "QVFIUl"}}})
            .to_string()
    }

    fn one(file: &str) -> Record {
        let (mut records, _) = records(&Threads, file.as_bytes());
        assert_eq!(records.len(), 1, "{records:?}");
        records.remove(0)
    }

    #[test]
    fn a_conversation_in_two_pages() {
        let (got, skipped) = read(&Threads, CONVERSATION).unwrap();
        let ids: Vec<&str> = got.iter().map(|(r, _)| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "18045123456789066",
                "18045123456789055",
                "18045123456789044",
                "18045123456789022",
                "18045123456789011",
                "18045123456789088"
            ]
        );
        // The hidden reply and the one covered by Threads' filter: withdrawn.
        assert_eq!(skipped.counts, [("hidden".to_owned(), 2)].into());
        assert_eq!(
            skipped.gone,
            gone(&[
                ("threads", "18045123456789033"),
                ("threads", "18045123456789077")
            ])
        );
        assert_eq!(got[3].1, Position::Path("1: data[5]".into()));
        assert_eq!(got[4].1, Position::Path("2: data[0]".into()));
        let records: Vec<Record> = got.into_iter().map(|(r, _)| r).collect();
        assert_plain(&records);
        // A reply to the post: its parent is the post, the thread's root.
        let mia = by_id(&records, "18045123456789011");
        assert_eq!(mia.platform, "threads");
        assert_eq!(mia.author, "mia.brews");
        assert_eq!(mia.body, "Is the Guji in the winter blend? 😍");
        assert_eq!(mia.parent_id.as_deref(), Some(ROOT));
        assert_eq!(mia.thread_id.as_deref(), Some(ROOT));
        // The root is not in this file: no title, no link.
        assert_eq!(
            (mia.thread_title.as_deref(), mia.thread_url.as_deref()),
            (None, None)
        );
        assert_eq!(
            mia.url.as_deref(),
            Some("https://www.threads.net/@mia.brews/post/DCkA1b2C3dE")
        );
        assert_eq!(mia.created_at, ts("2026-11-18T08:12:00Z"));
        assert_eq!(
            (mia.author_ids.len(), mia.author_name.as_deref()),
            (0, None)
        );
        // A nested reply: its parent is the reply it answers, on another page.
        let tom = by_id(&records, "18045123456789022");
        assert_eq!(tom.parent_id.as_deref(), Some("18045123456789011"));
        assert_eq!(tom.thread_id.as_deref(), Some(ROOT));
        // A photo without words says what was sent.
        assert_eq!(by_id(&records, "18045123456789044").body, "[image]");
        // A private profile's reply: no username, no link.
        let private = by_id(&records, "18045123456789055");
        assert_eq!(
            (private.author.as_str(), private.url.as_deref()),
            (UNKNOWN_AUTHOR, None)
        );
        assert_eq!(
            by_id(&records, "18045123456789088").body,
            "عمل رائع! هل يتوفر بدون كافيين؟"
        );
    }

    fn assert_plain(records: &[Record]) {
        for r in records {
            assert!(r.own.is_none() && !r.bot && r.saved.is_none(), "{}", r.id);
        }
    }

    /// The post itself, anywhere in the file, titles and links its thread.
    #[test]
    fn the_root_in_the_file_titles_its_thread() {
        for file in [
            [POST, CONVERSATION].concat(),
            [CONVERSATION, POST].concat(),
            [CONVERSATION, MY_THREADS].concat(),
        ] {
            let (records, _) = records(&Threads, &file);
            // (Not the other post of your threads.)
            let in_thread: Vec<&Record> = (records.iter())
                .filter(|r| r.id != "18071234509876543")
                .collect();
            assert_eq!(in_thread.len(), 7);
            for r in in_thread {
                assert_eq!(r.thread_id.as_deref(), Some(ROOT), "{}", r.id);
                assert_eq!(r.thread_title.as_deref(), Some(TITLE), "{}", r.id);
                assert_eq!(r.thread_url.as_deref(), Some(ROOT_URL), "{}", r.id);
            }
        }
    }

    /// A single post: a top-level one is the root of its own thread.
    #[test]
    fn a_single_post() {
        let (got, _) = read(&Threads, POST).unwrap();
        assert_eq!(got.len(), 1);
        let (post, pos) = &got[0];
        assert_eq!(pos, &Position::Path("$".into()));
        assert_eq!(post.id, ROOT);
        assert_eq!(post.parent_id, None);
        assert_eq!(post.thread_id.as_deref(), Some(ROOT));
        assert_eq!(post.thread_title.as_deref(), Some(TITLE));
        assert_eq!(post.thread_url.as_deref(), Some(ROOT_URL));
        assert_eq!(post.url.as_deref(), Some(ROOT_URL));
        assert!(post.body.starts_with(TITLE) && post.body.contains("\nRoasted on Monday"));
        assert_eq!(post.author, "fernweh.coffee");
        // `owner` (given on your own top-level posts) helps recognise you.
        assert_eq!(post.author_ids, ["17841463310528914"]);
        assert_eq!((post.kind, post.own), (Kind::Comment, None));
    }

    #[test]
    fn mentions_quotes_and_replies_that_mention() {
        let (records, skipped) = records(&Threads, MENTIONS);
        assert!(skipped.counts.is_empty());
        let kind = |id: &str| by_id(&records, id).kind;
        // A post that replies to nothing, in the mentions: a mention, the
        // root of its own thread (a threads.com link).
        let jonas = by_id(&records, "18061111111111101");
        assert_eq!(jonas.kind, Kind::Mention);
        assert_eq!(jonas.parent_id, None);
        assert_eq!(jonas.thread_id.as_deref(), Some("18061111111111101"));
        assert_eq!(
            jonas.thread_title.as_deref(),
            Some("Best flat white in Leipzig is at @fernweh.coffee, fight me ☕")
        );
        assert_eq!(
            jonas.thread_url.as_deref(),
            Some("https://www.threads.com/@jonas.b/post/DCn4Hj8Kp2W")
        );
        // A reply that mentions you, in someone else's thread: a comment.
        let sara = by_id(&records, "18061111111111102");
        assert_eq!(sara.kind, Kind::Comment);
        assert_eq!(sara.parent_id.as_deref(), Some("18039999999999900"));
        assert_eq!(sara.thread_id.as_deref(), Some("18039999999999900"));
        assert_eq!(sara.thread_title, None);
        // A quote of your post: a mention, in its own thread.
        let anna = by_id(&records, "18061111111111103");
        assert_eq!(anna.kind, Kind::Mention);
        assert_eq!(
            (anna.parent_id.as_deref(), anna.thread_id.as_deref()),
            (None, Some("18061111111111103"))
        );
        // A reply in your conversation that mentions you: a comment, read
        // as the conversation reads it.
        assert_eq!(kind("18045123456789066"), Kind::Comment);
        let (conversation, _) = super::tests::records(&Threads, CONVERSATION);
        assert_eq!(
            by_id(&conversation, "18045123456789066"),
            by_id(&records, "18045123456789066")
        );
    }

    /// A top-level post is a mention when a page of mentions lists it
    /// (told by its paging link, or without one by its missing `owner`),
    /// or when it quotes a post; your own posts never are.
    #[test]
    fn which_top_level_posts_are_mentions() {
        let top = |extra: Value| {
            reply(
                "18061111111111109",
                serde_json::json!({"root_post": null, "replied_to": null, "is_reply": false})
                    .as_object()
                    .unwrap()
                    .clone()
                    .into_iter()
                    .chain(extra.as_object().unwrap().clone())
                    .collect(),
            )
        };
        let linked = |post: &Value, edge: &str| {
            serde_json::json!({"data": [post], "paging": {
                "cursors": {"before": "QVFIUk", "after": "QVFIUl"},
                "next": format!("https://graph.threads.net/v1.0/17841463310528914/{edge}?access_token=X&after=QVFIUl"),
            }})
            .to_string()
        };
        let plain = top(serde_json::json!({}));
        let owned = top(serde_json::json!({"owner": {"id": "17841463310528914"}}));
        let quote = top(serde_json::json!({"is_quote_post": true, "quoted_post": {"id": ROOT}}));
        let own_quote = top(serde_json::json!({
            "is_quote_post": true, "quoted_post": {"id": "18039999999999900"},
            "owner": {"id": "17841463310528914"}
        }));
        for (file, kind) in [
            (page(std::slice::from_ref(&plain)), Kind::Mention),
            (linked(&plain, "mentions"), Kind::Mention),
            (linked(&plain, "threads"), Kind::Comment),
            (page(std::slice::from_ref(&owned)), Kind::Comment),
            (linked(&owned, "mentions"), Kind::Mention),
            // The post fetched by itself.
            (plain.to_string(), Kind::Comment),
            (quote.to_string(), Kind::Mention),
            (linked(&quote, "threads"), Kind::Mention),
            (page(std::slice::from_ref(&own_quote)), Kind::Comment),
        ] {
            assert_eq!(one(&file).kind, kind, "{file}");
        }
        // Fetched by itself and listed in the mentions: one kind, wherever.
        let both = format!("{plain}\n{}\n", page(std::slice::from_ref(&plain)));
        let (records, _) = records(&Threads, both.as_bytes());
        assert!(
            records.iter().all(|r| r.kind == Kind::Mention),
            "{records:?}"
        );
        // A reply asked for without `is_reply` and `replied_to` is told by
        // its root: a comment, in the root's thread, with no parent known.
        let bare = reply(
            "6",
            serde_json::json!({"is_reply": null, "replied_to": null}),
        );
        let r = one(&page(&[bare]));
        assert_eq!(
            (r.kind, r.parent_id.as_deref(), r.thread_id.as_deref()),
            (Kind::Comment, None, Some(ROOT))
        );
        // A quote that is a reply is a comment.
        let quoting_reply = reply("5", serde_json::json!({"is_quote_post": true}));
        assert_eq!(one(&page(&[quoting_reply])).kind, Kind::Comment);
    }

    /// Your replies, as `/me/replies` gives them: they answer what they reply to.
    #[test]
    fn own_replies() {
        let (records, _) = records(&Threads, MY_REPLIES);
        assert_eq!(records.len(), 3);
        assert_plain(&records);
        let to_mia = by_id(&records, "18052222222222201");
        assert_eq!(to_mia.author, "fernweh.coffee");
        assert_eq!(to_mia.parent_id.as_deref(), Some("18045123456789011"));
        assert_eq!(to_mia.thread_id.as_deref(), Some(ROOT));
        assert_eq!(to_mia.kind, Kind::Comment);
        let to_sara = by_id(&records, "18052222222222203");
        assert_eq!(to_sara.parent_id.as_deref(), Some("18061111111111102"));
        assert_eq!(to_sara.thread_id.as_deref(), Some("18039999999999900"));
    }

    /// Your threads: a carousel says its children, a repost is skipped.
    #[test]
    fn own_threads_media_and_reposts() {
        let (records, skipped) = records(&Threads, MY_THREADS);
        assert_eq!(skipped.counts, [("repost".to_owned(), 1)].into());
        assert!(skipped.gone.is_empty());
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["18071234509876543", ROOT]);
        assert_eq!(
            records[0].body,
            "Cupping day 👃 three lots from the new harvest\n[Three cupping bowls on a wooden table] [video]"
        );
        assert!(records.iter().all(|r| r.kind == Kind::Comment));
        // The post as the threads edge gives it reads as the post fetched alone.
        assert_eq!(records[1], one(std::str::from_utf8(POST).unwrap()));
    }

    #[test]
    fn media_only_posts_say_what_was_sent() {
        for (extra, body) in [
            (
                serde_json::json!({"text": null, "media_type": "IMAGE"}),
                "[image]",
            ),
            (
                serde_json::json!({"text": "", "media_type": "VIDEO"}),
                "[video]",
            ),
            (
                serde_json::json!({"text": null, "media_type": "IMAGE", "alt_text": "Latte art, a swan"}),
                "[Latte art, a swan]",
            ),
            (
                serde_json::json!({"media_type": "AUDIO"}),
                "Is the Guji in it?\n[audio]",
            ),
            (
                serde_json::json!({"text": null, "media_type": "CAROUSEL_ALBUM"}),
                "[attachment]",
            ),
            (
                serde_json::json!({"text": null, "media_type": "CAROUSEL_ALBUM",
                    "children": {"data": [{"id": "1"}, {"id": "2", "media_type": "IMAGE"}]}}),
                "[attachment] [image]",
            ),
            (
                serde_json::json!({"text": "😍", "gif_url": "https://media.giphy.com/media/x/giphy.gif"}),
                "😍\n[GIF]",
            ),
            (serde_json::json!({"text": null}), ""),
            // A type ackbox does not know yet: the text alone.
            (
                serde_json::json!({"media_type": "HOLOGRAM"}),
                "Is the Guji in it?",
            ),
        ] {
            let file = page(&[reply("7", extra.clone())]);
            assert_eq!(one(&file).body, body, "{extra}");
        }
    }

    #[test]
    fn reposts_and_hidden_replies_are_skipped() {
        for (status, kept) in [
            ("NOT_HUSHED", true),
            ("UNHUSHED", true),
            ("HIDDEN", false),
            ("COVERED", false),
            ("BLOCKED", false),
            ("RESTRICTED", false),
        ] {
            let file = page(&[reply("7", serde_json::json!({"hide_status": status}))]);
            let (records, skipped) = records(&Threads, file.as_bytes());
            assert_eq!(records.len(), usize::from(kept), "{status}");
            assert_eq!(skipped.gone.is_empty(), kept, "{status}");
        }
        // A repost is counted once, however many pages list it.
        let repost = reply(
            "8",
            serde_json::json!({"media_type": "REPOST_FACADE", "text": null}),
        );
        let file = format!(
            "{}\n{}\n",
            page(std::slice::from_ref(&repost)),
            page(&[repost])
        );
        let (records, skipped) = records(&Threads, file.as_bytes());
        assert!(records.is_empty());
        assert_eq!(skipped.counts, [("repost".to_owned(), 1)].into());
        assert!(skipped.gone.is_empty());
    }

    /// A JSON array of responses, and of posts (`jq .data`), reads alike.
    #[test]
    fn arrays_of_responses() {
        let text = std::str::from_utf8(CONVERSATION).unwrap();
        let array = format!("[{}]", text.trim().lines().collect::<Vec<_>>().join(","));
        let (got, _) = read(&Threads, array.as_bytes()).unwrap();
        assert_eq!(got.len(), 6);
        assert_eq!(got[5].1, Position::Path("[1].data[1]".into()));
        let (ids, _) = records(&Threads, CONVERSATION);
        let (same, _) = records(&Threads, array.as_bytes());
        assert_eq!(ids, same);
        let posts = serde_json::json!([
            reply("1", serde_json::json!({})),
            reply("2", serde_json::json!({}))
        ]);
        let (got, _) = read(&Threads, posts.to_string().as_bytes()).unwrap();
        assert_eq!(got[1].1, Position::Path("[1]".into()));
    }

    #[test]
    fn times() {
        for (at, utc) in [
            ("2026-11-20T09:15:00+0000", "2026-11-20T09:15:00Z"),
            ("2026-11-20T09:15:00+0530", "2026-11-20T03:45:00Z"),
            ("2026-11-20T09:15:00Z", "2026-11-20T09:15:00Z"),
        ] {
            let file = page(&[reply("7", serde_json::json!({"timestamp": at}))]);
            assert_eq!(one(&file).created_at, ts(utc), "{at}");
        }
    }

    #[test]
    fn malformed_input() {
        let err = |file: &str| read(&Threads, file.as_bytes()).unwrap_err();
        // Cut short: the parser's place.
        let cut = read(&Threads, &MENTIONS[..MENTIONS.len() - 40]).unwrap_err();
        assert!(
            matches!(cut.position, Some(Position::LineCol(_, _))),
            "{cut}"
        );
        let bad_time = page(&[
            reply("1", serde_json::json!({})),
            reply("2", serde_json::json!({"timestamp": "20 Nov"})),
        ]);
        let e = err(&bad_time);
        assert_eq!(
            e.to_string(),
            "data[1].timestamp: not a valid time: \"20 Nov\""
        );
        assert_eq!(e.field.as_deref(), Some("timestamp"));
        // On the second line of JSON Lines.
        let e = err(&format!("{}\n{bad_time}\n", page(&[])));
        assert_eq!(
            e.position,
            Some(Position::Path("2: data[1].timestamp".into()))
        );
        for (extra, said) in [
            (serde_json::json!({"id": null}), "data[0].id: missing"),
            (
                serde_json::json!({"timestamp": null}),
                "data[0].timestamp: missing",
            ),
            (
                serde_json::json!({"text": ["hi"]}),
                "data[0].text: expected a string, found an array",
            ),
            (
                serde_json::json!({"replied_to": "18064825091234567"}),
                "data[0].replied_to: expected an object, found a string",
            ),
            (
                serde_json::json!({"root_post": {}}),
                "data[0].root_post.id: missing",
            ),
            (
                serde_json::json!({"is_reply": "yes"}),
                "data[0].is_reply: expected true or false, found a string",
            ),
            (
                serde_json::json!({"hide_status": 1}),
                "data[0].hide_status: expected a string, found a number",
            ),
            (
                serde_json::json!({"owner": {"id": true}}),
                "data[0].owner.id: expected an id, found a boolean",
            ),
            (
                serde_json::json!({"media_type": "CAROUSEL_ALBUM", "children": {"data": [3]}}),
                "data[0].children.data[0]: children: expected an object, found a number",
            ),
        ] {
            let file = page(&[reply("7", extra.clone())]);
            let e = read(&Threads, file.as_bytes()).expect_err(&file);
            assert_eq!(e.to_string(), said, "{extra}");
        }
        assert_eq!(
            err(r#"{"data": {}}"#).to_string(),
            "data: expected an array, found an object"
        );
        let e = err(r#"{"paging": {}}"#);
        assert_eq!(e.field.as_deref(), Some("data"));
        assert!(e.message.contains("a page of Threads posts"), "{e}");
        assert_eq!(
            err("[1]").to_string(),
            "[0]: response: expected an object, found a number"
        );
        assert_eq!(
            err(r#"{"data": [7]}"#).to_string(),
            "data[0]: post: expected an object, found a number"
        );
        // Another platform's file forced to this format.
        for other in [
            r#"{"id":45102030,"type":"story","created_at":"2026-03-01T10:00:00.000Z","title":"Show HN","text":"hi","children":[]}"#,
            r#"[{"id":7001,"user":{"login":"a"},"body":"hi","created_at":"2026-11-01T00:00:00Z"}]"#,
        ] {
            let e = err(other);
            assert!(e.to_string().contains("another platform's file"), "{e}");
        }
    }

    /// An API error where a page belongs (a fetch that failed part way) is
    /// refused with Meta's message, naming its place.
    #[test]
    fn api_errors_are_refused() {
        let error = r#"{"error":{"message":"Error validating access token: Session has expired on Friday, 20-Nov-26 09:00:00 PST.","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AbCdEf123"}}"#;
        for (file, at) in [
            (error.to_owned(), "error"),
            (
                format!("{}\n{error}\n", page(&[reply("1", serde_json::json!({}))])),
                "2: error",
            ),
            (format!("[{}, {error}]", page(&[])), "[1].error"),
        ] {
            let e = read(&Threads, file.as_bytes()).unwrap_err();
            assert_eq!(e.position, Some(Position::Path(at.into())), "{file}");
            assert!(
                e.message.ends_with("not comments: Error validating access token: Session has expired on Friday, 20-Nov-26 09:00:00 PST."),
                "{e}"
            );
        }
    }

    /// A post asked for with few fields (`fields=id,text,username,
    /// permalink,timestamp`) says nothing of what it replies to: its thread
    /// is unknown, not its own (a reply would leave the thread another file
    /// put it in, at every import of one and the other), and a page of them
    /// is told by its paging link, not taken for Instagram's.
    #[test]
    fn a_post_asked_for_few_fields_keeps_its_thread_unknown() {
        let bare = r#"{"id":"18045123456789066","text":"@fernweh.coffee see you wednesday","username":"yuki.t","permalink":"https://www.threads.net/@yuki.t/post/DCkQ7yT2mZr","timestamp":"2026-11-18T10:30:00+0000"}"#;
        let r = one(bare);
        assert_eq!((r.thread_id, r.parent_id), (None, None));
        let page = format!(
            r#"{{"data":[{}],"paging":{{"cursors":{{"before":"QVFI","after":"QVFJ"}},"next":"https:\/\/graph.threads.net\/v1.0\/18064825091234567\/replies?fields=id%2Ctext%2Ctimestamp%2Cusername&after=QVFJ"}}}}"#,
            bare.replace(
                r#","permalink":"https://www.threads.net/@yuki.t/post/DCkQ7yT2mZr""#,
                ""
            )
        );
        assert!(Threads.detect(page.as_bytes()), "{page}");
        assert!(!crate::import::facebook::Instagram.detect(page.as_bytes()));
        assert_eq!(one(&page).thread_id, None);
        // Told top-level, by `is_reply` or its page of threads: its own.
        let top = bare.replace(r#""username""#, r#""is_reply":false,"username""#);
        assert_eq!(one(&top).thread_id.as_deref(), Some("18045123456789066"));
        let threads_page = page.replace("replies?", "threads?");
        assert_eq!(
            one(&threads_page).thread_id.as_deref(),
            Some("18045123456789066")
        );
    }

    #[test]
    fn detection() {
        let not: &[&[u8]] = &[
            // ackbox's own format naming a Threads item.
            br#"{"platform":"threads","id":"18045123456789011","author":"mia.brews","body":"hi","created_at":"2026-11-18T08:12:00Z","thread_url":"https://www.threads.net/@fernweh.coffee/post/DCk9Xz4Nq2P"}"#,
            // An Instagram comment linking to a Threads post in its text.
            br#"{"data":[{"id":"17858893269000001","text":"see \"permalink\":\"https://www.threads.net/@x/post/y\"","timestamp":"2026-10-01T10:11:12+0000","username":"carlos.m"}]}"#,
            // A link to a look-alike host.
            br#"{"data":[{"id":"1","permalink":"https://www.threads.network/p/1","timestamp":"2026-10-01T10:11:12+0000"}]}"#,
        ];
        assert_detects_only(&Threads, 600, not);
        // A page asked for a few fields, told by its permalinks alone.
        for link in [
            "https://www.threads.net/@a/post/B",
            "https://threads.com/@a/post/B",
            r"https:\/\/www.threads.com\/@a\/post\/B",
        ] {
            let page = format!(r#"{{"data":[{{"id":"1","permalink":"{link}"}}]}}"#);
            assert!(Threads.detect(page.as_bytes()), "{page}");
        }
    }

    #[test]
    fn sink_errors_pass_through() {
        assert_sink_error_passes_through(&Threads, CONVERSATION, 2);
    }

    never_panics!(
        [Threads],
        &[POST, CONVERSATION, MENTIONS, MY_REPLIES, MY_THREADS]
    );
}
