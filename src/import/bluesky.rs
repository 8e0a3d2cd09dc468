//! Bluesky: the AppView's answers a community manager fetches (each a
//! `GET https://…/xrpc/<method>?…`):
//! - `app.bsky.feed.getPostThread`: `{"thread": threadViewPost}`, the
//!   requested post with its `parent` chain up towards the root and its
//!   `replies` tree below, where any node may be a `#notFoundPost`
//!   (deleted) or `#blockedPost` instead: those are skipped and counted
//!   ("not-found", "blocked"). Every post in it is an item, the root
//!   included (the owner's own root post is recognised as own by the
//!   configured handle or DID), but for a reply the thread's author hid
//!   (the `threadgate`'s `hiddenReplies`: "hidden", withdrawn); a post
//!   below the depth fetched, given without `replies`, has its
//!   `replyCount` counted as "more".
//! - `app.bsky.notification.listNotifications`: `{"notifications":
//!   [notification…]}`. A `reply`, `mention` or `quote` notification is
//!   the post that made it (its `uri`, `author`, `record`, `indexedAt`, the
//!   fields a post view has): a reply is a comment, a mention or a quote a
//!   mention (as Mastodon's are). Every other reason (like, repost, follow,
//!   …, and those yet to come) is skipped and counted as "`reason`
//!   notification"; one of those three whose `record` is not a post as
//!   "`reason` notification without a post".
//! - `app.bsky.feed.getAuthorFeed` (and `getTimeline`, `getFeed`, the same
//!   shape): `{"feed": [feedViewPost…]}`. Each `post` is an item (a pinned
//!   one too), and so is the post it replies to (`reply.parent`, when that
//!   is a post view): the comment an own reply answers. The thread's root
//!   (`reply.root`) gives the thread its title and link but is no item
//!   unless it is that parent: the root of a stranger's thread one replied
//!   deep inside is no one's comment to answer (its whole thread is
//!   getPostThread's to bring in). A repost (`reason` `#reasonRepost`) is
//!   skipped as "repost"; a parent or root that is gone or blocked is
//!   counted as in a thread.
//!
//! - `app.bsky.feed.searchPosts` (and `getPosts`): `{"posts": [postView…]}`,
//!   the posts a search for your handle finds: a reply is a comment, a post
//!   that replies to none a mention.
//!
//! Several responses, of any of these kinds, are accepted one after another
//! (JSON Lines) or as a JSON array. A post reads the same whichever of
//! them it comes through, so that it is one item, and a re-import changes
//! nothing:
//! - `id` is the post's AT-URI; `parent_id` the URI of the post it replies
//!   to (the root too: it is an item, and a reply to it answers it).
//! - the thread is the root post: `thread_id` its URI, `thread_title` the
//!   first line of its text (cut to about 80 characters) when the root is
//!   anywhere in the file, `thread_url` its bsky.app link by its author's
//!   DID (the handle is not in every file that names the root). A mention
//!   or a quote that is no reply is the root of its own thread.
//! - the body is `record.text` with each link facet's whole address in
//!   place of the shortened one the app wrote there (see `full_links`).
//! - `author` is the handle (the DID when the handle is `handle.invalid`),
//!   `author_ids` the DID, `author_name` the display name.
//! - `created_at` is the record's `createdAt`, or the AppView's `indexedAt`
//!   (the post view's, the notification's) when that is earlier or
//!   `createdAt` is unreadable (a client clock that runs ahead cannot date
//!   a post in the future: the AppView's own rule) or before 1990 (a
//!   backdated reply is still one to answer).

use super::shared::{contains, json_head, title_of, with_attachments};
use super::tree::{
    Doc, Obj, as_obj, child, field, index, opt_arr, opt_obj, opt_str, read_twice, req_obj, req_str,
};
use crate::import::format::{Format, ImportError, Sink, Skipped};
use crate::model::{Kind, Record};
use crate::text::{link_in_text, web_address};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::ops::Range;

const PLATFORM: &str = "bluesky";
const THREAD_VIEW: &str = "app.bsky.feed.defs#threadViewPost";
const POST_VIEW: &str = "app.bsky.feed.defs#postView";
const NOT_FOUND: &str = "app.bsky.feed.defs#notFoundPost";
const BLOCKED: &str = "app.bsky.feed.defs#blockedPost";
const REASON_REPOST: &str = "app.bsky.feed.defs#reasonRepost";
const REASON_PIN: &str = "app.bsky.feed.defs#reasonPin";
const POST_RECORD: &str = "app.bsky.feed.post";
const LINK_FACET: &str = "app.bsky.richtext.facet#link";

/// `app.bsky.feed.getPostThread`, `app.bsky.notification.listNotifications`
/// and `app.bsky.feed.getAuthorFeed` responses.
pub struct Bluesky;

impl Format for Bluesky {
    fn name(&self) -> &'static str {
        "bluesky"
    }

    fn detect(&self, head: &[u8]) -> bool {
        json_head(head).is_some_and(|head| {
            let at_uri = contains(&head, br#""uri":"at://"#);
            // (getPostThreadV2's list too, read to be refused.)
            let thread = (contains(&head, br#""thread":{"#) || contains(&head, br#""thread":[{"#))
                && (contains(&head, b"\"app.bsky.feed.defs#") || at_uri);
            // A notification or a feed entry starts with its post's AT-URI,
            // or (keys sorted, `jq -S`) with its author's DID.
            let atproto = at_uri || contains(&head, br#""did":"did:"#);
            let notifications = contains(&head, br#""notifications":[{"#) && atproto;
            let feed =
                contains(&head, br#""feed":[{"#) && contains(&head, br#""post":{"#) && atproto;
            let posts = contains(&head, br#""posts":[{"#) && atproto;
            thread || notifications || feed || posts
        })
    }

    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        // The root posts first, so that every post of a thread gets its
        // title and link wherever in the file the root is, and the replies
        // hidden in a thread wherever its threadgate is.
        let mut left_out = LeftOut::default();
        read_twice(
            input,
            |known: &mut Known, doc, response, path| note_roots(doc, response, path, known),
            |known, doc, response, path| {
                let items = Items {
                    doc,
                    known,
                    left_out: &mut left_out,
                    sink: &mut *sink,
                    skipped: &mut *skipped,
                };
                match what_response(doc, response, path)? {
                    Response::Thread(thread, path) => items.thread(thread, &path),
                    Response::Notifications(list, path) => items.notifications(list, &path),
                    Response::Feed(feed, path) => items.feed(feed, &path),
                    Response::Posts(posts, path) => items.posts(posts, &path),
                }
            },
        )?;
        left_out.count(skipped);
        Ok(())
    }
}

/// What a union member that may be a post is.
enum Node<'a> {
    Post(&'a Obj),
    /// Not a post: why, and its URI.
    Skip(&'static str, Option<&'a str>),
}

/// A union of a post's view and the posts that are not there
/// (`#notFoundPost`, `#blockedPost`): a thread's node, a feed's reply
/// reference.
struct Union {
    /// The `$type` of the post.
    post: &'static str,
    /// The field that tells the post where a tool dropped `$type`.
    has: &'static str,
    /// What it is called in errors.
    what: &'static str,
}

const THREAD_NODE: Union = Union {
    post: THREAD_VIEW,
    has: "post",
    what: "thread",
};

const REPLY_REF: Union = Union {
    post: POST_VIEW,
    has: "record",
    // The path names it: `reply.parent`, `reply.root`.
    what: "",
};

/// Counts a node that is not a post, once by its URI (the same post may
/// appear in several responses); one not found any more is gone.
fn skip(skipped: &mut Skipped, reason: &str, uri: Option<&str>) {
    let uri = uri.unwrap_or_default();
    if reason == NOT_FOUND_REASON {
        skipped.gone(reason, PLATFORM, uri);
    } else {
        skipped.skip_ids(reason, [uri]);
    }
}

const NOT_FOUND_REASON: &str = "not-found";

fn node<'a>(
    doc: &Doc,
    value: &'a Value,
    path: &str,
    union: &Union,
) -> Result<Node<'a>, ImportError> {
    let obj = as_obj(doc, value, path, union.what)?;
    let uri = obj.get("uri").and_then(Value::as_str);
    Ok(match opt_str(doc, obj, path, "$type")? {
        Some(t) if t == union.post => Node::Post(obj),
        Some(NOT_FOUND) => Node::Skip(NOT_FOUND_REASON, uri),
        Some(BLOCKED) => Node::Skip("blocked", uri),
        Some(_) => Node::Skip("unsupported", uri),
        // Some tools drop `$type`: tell the members apart by their fields.
        None if obj.contains_key(union.has) => Node::Post(obj),
        None if obj.get("notFound") == Some(&Value::Bool(true)) => {
            Node::Skip(NOT_FOUND_REASON, uri)
        }
        None if obj.get("blocked") == Some(&Value::Bool(true)) => Node::Skip("blocked", uri),
        None => Node::Skip("unsupported", uri),
    })
}

/// Root URI -> the root post's title, for the roots in the file.
type Roots = HashMap<String, Option<String>>;

/// What the whole file tells before its posts are read.
#[derive(Default)]
struct Known {
    roots: Roots,
    /// The replies a thread's author hid (its threadgate's
    /// `hiddenReplies`): the app shows them to no one, and they are
    /// skipped as "hidden" and withdrawn, as Threads' and Facebook's are.
    hidden: HashSet<String>,
}

/// The replies a getPostThread leaves out below its depth: a post it gives
/// without `replies` whose `replyCount` says it has some, but for those
/// the file has anyway (another response's thread under it, or anchored
/// at one of them).
#[derive(Default)]
struct LeftOut {
    counted: HashMap<String, u64>,
    given: HashSet<String>,
    /// Post -> the replies to it the file holds.
    replies: HashMap<String, HashSet<String>>,
}

impl LeftOut {
    /// Counts them as "more", as Reddit's and YouTube's left-out replies.
    fn count(self, skipped: &mut Skipped) {
        let held = |uri: &str| self.replies.get(uri).map_or(0, |r| r.len() as u64);
        let n = (self.counted.iter())
            .filter(|(uri, _)| !self.given.contains(*uri))
            .fold(0u64, |sum, (uri, n)| {
                sum.saturating_add(n.saturating_sub(held(uri)))
            });
        if n > 0 {
            skipped.skip("more", n);
        }
    }
}

/// What a response is, with the path of what it holds.
enum Response<'a> {
    /// getPostThread's `thread`, or a bare threadViewPost.
    Thread(&'a Value, String),
    /// listNotifications' `notifications`.
    Notifications(&'a [Value], String),
    /// getAuthorFeed's (getTimeline's, getFeed's) `feed`.
    Feed(&'a [Value], String),
    /// searchPosts' (getPosts') `posts`.
    Posts(&'a [Value], String),
}

fn what_response<'a>(
    doc: &Doc,
    response: &'a Value,
    path: &str,
) -> Result<Response<'a>, ImportError> {
    let obj = as_obj(doc, response, path, "response")?;
    if let Some(thread) = field(obj, "thread") {
        // `app.bsky.unspecced.getPostThreadV2`: the thread as a flat list.
        if thread.is_array() {
            return Err(doc.err(
                &child(path, "thread"),
                "thread",
                "a getPostThreadV2 response (app.bsky.unspecced, a thread as a flat list): \
                 ackbox does not read these; import app.bsky.feed.getPostThread's",
            ));
        }
        return Ok(Response::Thread(thread, child(path, "thread")));
    }
    if let Some(list) = opt_arr(doc, obj, path, "notifications")? {
        return Ok(Response::Notifications(list, child(path, "notifications")));
    }
    if let Some(feed) = opt_arr(doc, obj, path, "feed")? {
        return Ok(Response::Feed(feed, child(path, "feed")));
    }
    if let Some(posts) = opt_arr(doc, obj, path, "posts")? {
        return Ok(Response::Posts(posts, child(path, "posts")));
    }
    // A bare threadViewPost (the response's `.thread`) is fine too.
    if obj.contains_key("post") {
        return Ok(Response::Thread(response, path.to_owned()));
    }
    Err(doc.err(
        path,
        "",
        "not a getPostThread, listNotifications, getAuthorFeed or searchPosts response: it has \
         no `thread`, `notifications`, `feed` or `posts`",
    ))
}

/// Notes the root posts a response holds: the top of a thread's parent
/// chain, a feed's `reply.root`, any post (a notification's too) that is no
/// reply; and the replies hidden by a threadgate (getPostThread's, or a
/// post view's). Errors are left for the reading pass to report.
fn note_roots(doc: &Doc, response: &Value, path: &str, known: &mut Known) {
    note_hidden(response.get("threadgate"), &mut known.hidden);
    let posts: Vec<&Value> = match what_response(doc, response, path) {
        Ok(Response::Thread(mut node, _)) => {
            while let Some(parent) = node.get("parent").filter(|p| p.get("post").is_some()) {
                node = parent;
            }
            node.get("post").into_iter().collect()
        }
        Ok(Response::Notifications(list, _) | Response::Posts(list, _)) => list.iter().collect(),
        Ok(Response::Feed(feed, _)) => (feed.iter())
            .flat_map(|entry| {
                let reply = entry.get("reply");
                [
                    entry.get("post"),
                    reply.and_then(|r| r.get("root")),
                    reply.and_then(|r| r.get("parent")),
                ]
            })
            .flatten()
            .collect(),
        Err(_) => return,
    };
    for post in posts {
        note_hidden(post.get("threadgate"), &mut known.hidden);
        note_root(post, &mut known.roots);
    }
}

/// The replies a threadgate view (`{uri, record: {hiddenReplies}}`) hides.
fn note_hidden(gate: Option<&Value>, hidden: &mut HashSet<String>) {
    let uris = (gate.and_then(|g| g.get("record")))
        .and_then(|r| r.get("hiddenReplies"))
        .and_then(Value::as_array);
    hidden.extend(
        uris.into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned),
    );
}

/// Notes a post view (or a notification, which has its fields) as a root
/// when it is a post that replies to none.
fn note_root(post: &Value, roots: &mut Roots) {
    let Some(record) = post.get("record").and_then(Value::as_object) else {
        return;
    };
    let Some(uri) = post.get("uri").and_then(Value::as_str) else {
        return;
    };
    // A like, a follow: not a post.
    if web_url(uri, None).is_none() || record.get("reply").is_some_and(|r| !r.is_null()) {
        return;
    }
    let text = record.get("text").and_then(Value::as_str).unwrap_or("");
    roots.insert(
        uri.to_owned(),
        title_of(&full_links(text, record.get("facets"))),
    );
}

/// The pictures and video of a post's `embed` (`app.bsky.embed.images`,
/// `.video`, or the media of `.recordWithMedia`), each with its alt text.
fn attachments(embed: Option<&Value>) -> Vec<(Option<&str>, &'static str)> {
    fn alt(v: &Value) -> Option<&str> {
        v.get("alt").and_then(Value::as_str)
    }
    let Some(embed) = embed else {
        return Vec::new();
    };
    match embed.get("$type").and_then(Value::as_str) {
        Some("app.bsky.embed.images") => (embed.get("images").and_then(Value::as_array))
            .map_or(Vec::new(), |images| {
                images.iter().map(|i| (alt(i), "image")).collect()
            }),
        Some("app.bsky.embed.video") => vec![(alt(embed), "video")],
        Some("app.bsky.embed.recordWithMedia") => attachments(embed.get("media")),
        Some("app.bsky.embed.external") if gif(embed) => vec![(None, "GIF")],
        _ => Vec::new(),
    }
}

/// Whether an `app.bsky.embed.external` is a GIF the app plays, not a
/// link card: its GIF picker's, Tenor's.
fn gif(embed: &Value) -> bool {
    let uri = embed.pointer("/external/uri").and_then(Value::as_str);
    uri.and_then(super::shared::host)
        .is_some_and(|h| h.eq_ignore_ascii_case("media.tenor.com"))
}

/// The link card of a post's `embed` (`app.bsky.embed.external`, or the
/// media of `.recordWithMedia`), as a link whose text is not its address
/// reads: `[title](uri)`, or the bare address. A post of only a card is a
/// link, not an empty post. With its address, to tell a text that links
/// to it already.
fn card(embed: Option<&Value>) -> Option<(&str, String)> {
    let embed = embed?;
    match embed.get("$type").and_then(Value::as_str) {
        Some("app.bsky.embed.external") if !gif(embed) => {
            let external = embed.get("external")?;
            let uri = external.get("uri").and_then(Value::as_str)?.trim();
            let title = (external.get("title").and_then(Value::as_str))
                .map(crate::text::link_words)
                .unwrap_or_default();
            let title = title.trim();
            let shown = match title {
                "" => uri.to_owned(),
                title if title == uri => uri.to_owned(),
                title => format!("[{title}]({uri})"),
            };
            Some((uri, shown))
        }
        Some("app.bsky.embed.recordWithMedia") => card(embed.get("media")),
        _ => None,
    }
}

/// Whether `handle` is a handle (a domain name: letters, digits and
/// hyphens, in labels between dots) that names someone: not
/// `handle.invalid`, and nothing a hostile file put in a link's path.
fn valid_handle(handle: &str) -> bool {
    handle != "handle.invalid"
        && handle.len() <= 253
        && handle.contains('.')
        && handle.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// Whether `part` of an AT-URI (a DID, a record key) is made of the
/// characters the AT Protocol allows there, nothing a link's path or query
/// would read.
fn uri_part(part: &str) -> bool {
    !part.is_empty()
        && part.len() <= 512
        && part
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b':' | b'-'))
}

/// What reads the items of one response: the file's roots, and where the
/// items and the skipped go.
struct Items<'a, 's> {
    doc: &'a Doc,
    known: &'a Known,
    left_out: &'a mut LeftOut,
    sink: &'a mut Sink<'s>,
    skipped: &'a mut Skipped,
}

impl Items<'_, '_> {
    /// Hands on the item of a post view (or of a notification: it has the
    /// same fields) at `path`, of `kind`.
    fn post(&mut self, post: &Obj, path: &str, kind: Kind) -> Result<(), ImportError> {
        let mut record = post_record(self.doc, post, path, &self.known.roots)?;
        record.kind = kind;
        self.hand_on(record, path)
    }

    /// Hands on a post's item, unless its thread's author hid it.
    fn hand_on(&mut self, record: Record, path: &str) -> Result<(), ImportError> {
        if let Some(parent) = &record.parent_id {
            (self.left_out.replies.entry(parent.clone()).or_default()).insert(record.id.clone());
        }
        if self.known.hidden.contains(&record.id) {
            self.skipped.gone("hidden", PLATFORM, &record.id);
            return Ok(());
        }
        (self.sink)(record, self.doc.pos(path))
    }

    /// A getPostThread response's `thread` at `path`.
    fn thread(mut self, thread: &Value, path: &str) -> Result<(), ImportError> {
        let doc = self.doc;
        let anchor = match node(doc, thread, path, &THREAD_NODE)? {
            Node::Post(anchor) => anchor,
            Node::Skip(reason, uri) => {
                skip(self.skipped, reason, uri);
                return Ok(());
            }
        };

        // The parent chain, nearest first; it ends at the root or at a post
        // that is gone or blocked.
        let mut ancestors: Vec<(&Obj, String)> = Vec::new();
        let (mut current, mut current_path) = (anchor, path.to_owned());
        while let Some(parent) = field(current, "parent") {
            let parent_path = child(&current_path, "parent");
            match node(doc, parent, &parent_path, &THREAD_NODE)? {
                Node::Post(parent) => {
                    ancestors.push((parent, parent_path.clone()));
                    (current, current_path) = (parent, parent_path);
                }
                Node::Skip(reason, uri) => {
                    skip(self.skipped, reason, uri);
                    break;
                }
            }
        }

        for (view, path) in ancestors.iter().rev() {
            self.thread_post(view, path)?;
        }

        // The anchor and its replies, depth first in file order, with an
        // explicit stack (never the call stack).
        let mut stack: Vec<(&Obj, String)> = vec![(anchor, path.to_owned())];
        while let Some((view, path)) = stack.pop() {
            self.thread_post(view, &path)?;
            let uri = (view.get("post").and_then(|p| p.get("uri")))
                .and_then(Value::as_str)
                .unwrap_or_default();
            let Some(replies) = opt_arr(doc, view, &path, "replies")? else {
                // Below the depth asked for: its replies are not here.
                let count = (view.get("post").and_then(|p| p.get("replyCount")))
                    .and_then(Value::as_u64)
                    .filter(|&n| n > 0);
                if let Some(n) = count {
                    self.left_out.counted.insert(uri.to_owned(), n);
                }
                continue;
            };
            self.left_out.given.insert(uri.to_owned());
            let replies_path = child(&path, "replies");
            let mut children = Vec::with_capacity(replies.len());
            for (i, reply) in replies.iter().enumerate() {
                let reply_path = index(&replies_path, i);
                match node(doc, reply, &reply_path, &THREAD_NODE)? {
                    Node::Post(reply) => children.push((reply, reply_path)),
                    Node::Skip(reason, uri) => skip(self.skipped, reason, uri),
                }
            }
            stack.extend(children.into_iter().rev());
        }
        Ok(())
    }

    /// The post of a threadViewPost at `path`; its position is the node's.
    fn thread_post(&mut self, view: &Obj, path: &str) -> Result<(), ImportError> {
        let post = req_obj(self.doc, view, path, "post")?;
        let record = post_record(self.doc, post, &child(path, "post"), &self.known.roots)?;
        self.hand_on(record, path)
    }

    /// A listNotifications response's `notifications` at `path`.
    fn notifications(mut self, list: &[Value], path: &str) -> Result<(), ImportError> {
        let doc = self.doc;
        for (i, notification) in list.iter().enumerate() {
            let path = index(path, i);
            let notification = as_obj(doc, notification, &path, "")?;
            let reason = req_str(doc, notification, &path, "reason")?;
            let uri = notification.get("uri").and_then(Value::as_str);
            let kind = match reason {
                "reply" => Kind::Comment,
                // A quote of your post speaks to you as a mention does.
                "mention" | "quote" => Kind::Mention,
                other => {
                    self.skipped.skip_ids(&format!("{other} notification"), uri);
                    continue;
                }
            };
            let record_path = child(&path, "record");
            let record = req_obj(doc, notification, &path, "record")?;
            if opt_str(doc, record, &record_path, "$type")?.is_some_and(|t| t != POST_RECORD) {
                self.skipped
                    .skip_ids(&format!("{reason} notification without a post"), uri);
                continue;
            }
            self.post(notification, &path, kind)?;
        }
        Ok(())
    }

    /// A searchPosts (getPosts) response's `posts` at `path`: post views,
    /// found by a search for your handle most often; a reply is a comment,
    /// a post that replies to none a mention, as in notifications.
    fn posts(mut self, posts: &[Value], path: &str) -> Result<(), ImportError> {
        for (i, post) in posts.iter().enumerate() {
            let path = index(path, i);
            let post = as_obj(self.doc, post, &path, "")?;
            let reply = (post.get("record"))
                .and_then(|r| r.get("reply"))
                .is_some_and(|r| !r.is_null());
            let kind = if reply { Kind::Comment } else { Kind::Mention };
            self.post(post, &path, kind)?;
        }
        Ok(())
    }

    /// A getAuthorFeed (getTimeline, getFeed) response's `feed` at `path`.
    fn feed(mut self, feed: &[Value], path: &str) -> Result<(), ImportError> {
        let doc = self.doc;
        for (i, entry) in feed.iter().enumerate() {
            let path = index(path, i);
            let entry = as_obj(doc, entry, &path, "")?;
            let post_path = child(&path, "post");
            let post = req_obj(doc, entry, &path, "post")?;
            if let Some(reason) = opt_obj(doc, entry, &path, "reason")? {
                let why = match opt_str(doc, reason, &child(&path, "reason"), "$type")? {
                    Some(REASON_PIN) => None,
                    Some(REASON_REPOST) => Some("repost"),
                    Some(_) => Some("unsupported"),
                    // Without `$type`: a repost says by whom.
                    None if reason.contains_key("by") => Some("repost"),
                    None => None,
                };
                if let Some(why) = why {
                    let uri = post.get("uri").and_then(Value::as_str);
                    self.skipped.skip_ids(why, uri);
                    continue;
                }
            }
            if let Some(reply) = opt_obj(doc, entry, &path, "reply")? {
                let reply_path = child(&path, "reply");
                // The post answered is an item; the root only gives the
                // thread its title (noted before), unless it is that post.
                let mut parent_uri = None;
                if let Some(parent) = field(reply, "parent") {
                    let parent_path = child(&reply_path, "parent");
                    match node(doc, parent, &parent_path, &REPLY_REF)? {
                        Node::Post(parent) => {
                            self.post(parent, &parent_path, Kind::Comment)?;
                        }
                        Node::Skip(reason, uri) => skip(self.skipped, reason, uri),
                    }
                    parent_uri = parent.get("uri");
                }
                if let Some(root) = field(reply, "root").filter(|r| r.get("uri") != parent_uri) {
                    let root_path = child(&reply_path, "root");
                    if let Node::Skip(reason, uri) = node(doc, root, &root_path, &REPLY_REF)? {
                        skip(self.skipped, reason, uri);
                    }
                }
            }
            self.post(post, &post_path, Kind::Comment)?;
        }
        Ok(())
    }
}

/// The item of a post view at `path` (or of a notification: it has the
/// same `uri`, `author`, `record` and `indexedAt`), a comment. The one
/// place a post becomes an item, whichever response it came in.
fn post_record(
    doc: &Doc,
    post: &Obj,
    post_path: &str,
    roots: &Roots,
) -> Result<Record, ImportError> {
    let uri = req_str(doc, post, post_path, "uri")?;
    if !uri.starts_with("at://") {
        return Err(doc.err(
            &child(post_path, "uri"),
            "uri",
            format!(
                "{} is not a post's AT-URI (at://…): another platform's file?",
                crate::text::quoted(uri)
            ),
        ));
    }
    let author_path = child(post_path, "author");
    let author = req_obj(doc, post, post_path, "author")?;
    let did = req_str(doc, author, &author_path, "did")?;
    // The handle to show; None when it is invalid.
    let handle = opt_str(doc, author, &author_path, "handle")?.filter(|h| valid_handle(h));
    let display_name = opt_str(doc, author, &author_path, "displayName")?;
    let record_path = child(post_path, "record");
    let record = req_obj(doc, post, post_path, "record")?;
    let text = opt_str(doc, record, &record_path, "text")?.unwrap_or("");
    let mut text = with_attachments(
        full_links(text, record.get("facets")).into_owned(),
        attachments(record.get("embed")),
    );
    // A card the text already links to (most do) is not said twice.
    if let Some((uri, card)) = card(record.get("embed"))
        && !text.contains(uri)
    {
        text = if text.trim().is_empty() {
            card
        } else {
            format!("{text}\n{card}")
        };
    }
    let created_at = post_time(doc, post, post_path, record, &record_path)?;

    let (parent, thread_id) = match opt_obj(doc, record, &record_path, "reply")? {
        Some(reply) => {
            let reply_path = child(&record_path, "reply");
            let parent_path = child(&reply_path, "parent");
            let root_path = child(&reply_path, "root");
            let parent = req_str(
                doc,
                req_obj(doc, reply, &reply_path, "parent")?,
                &parent_path,
                "uri",
            )?;
            let root = req_str(
                doc,
                req_obj(doc, reply, &reply_path, "root")?,
                &root_path,
                "uri",
            )?;
            (Some(parent.to_owned()), root)
        }
        None => (None, uri),
    };

    let mut out = Record::new(PLATFORM, uri, handle.unwrap_or(did), &text, created_at);
    out.author_ids.push(did.to_owned());
    out.author_name = display_name
        .filter(|n| !n.trim().is_empty())
        .map(str::to_owned);
    out.parent_id = parent;
    out.url = web_url(uri, handle);
    out.thread_title = roots.get(thread_id).cloned().flatten();
    // By the root's DID, whether or not the root is in the file (its
    // handle may not be): a thread's link stays the same whichever
    // response a post came in, and when its author changes handle.
    out.thread_url = web_url(thread_id, None);
    out.thread_id = Some(thread_id.to_owned());
    out.kind = Kind::Comment;
    Ok(out)
}

/// `record.createdAt`, or `post.indexedAt` when that is earlier or the
/// former is missing, unreadable or before 1990.
fn post_time(
    doc: &Doc,
    post: &Obj,
    post_path: &str,
    record: &Obj,
    record_path: &str,
) -> Result<DateTime<Utc>, ImportError> {
    let parse = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    };
    let created_raw = opt_str(doc, record, record_path, "createdAt")?;
    let created = created_raw.and_then(parse);
    let indexed = opt_str(doc, post, post_path, "indexedAt")?.and_then(parse);
    // A client sets `createdAt` as it likes: one backdated before any
    // platform existed is taken for the AppView's time.
    let created = created.filter(|c| c.timestamp() >= super::EARLIEST || indexed.is_none());
    match (created, indexed) {
        (Some(c), Some(i)) => Ok(c.min(i)),
        (Some(t), None) | (None, Some(t)) => Ok(t),
        (None, None) => Err(doc.err(
            &child(record_path, "createdAt"),
            "createdAt",
            match created_raw {
                Some(raw) => format!("not a valid time: {raw:?}"),
                None => "missing".to_owned(),
            },
        )),
    }
}

/// The post's text with each link shown as HTML bodies show theirs
/// ([`link_in_text`]): clients put a long address in `text` shortened
/// (`example.com/very-long-pa...`) and the whole one in a link facet over
/// those bytes. Mentions and hashtags stay as typed. A facet that does not
/// fit the text (out of range, inside a character, over the same bytes as
/// another link) is left out and its bytes stay as they are: facets come
/// from any client, and a wrong one must not garble the text.
fn full_links<'a>(text: &'a str, facets: Option<&Value>) -> Cow<'a, str> {
    let mut links: Vec<(Range<usize>, Cow<str>)> = (facets.and_then(Value::as_array))
        .into_iter()
        .flatten()
        .filter_map(|facet| link_facet(text, facet))
        .collect();
    if links.is_empty() {
        return Cow::Borrowed(text);
    }
    links.sort_by_key(|(r, _)| (r.start, r.end));
    // Sorted by start, a link overlaps another exactly when it starts
    // before an earlier one ends, or the next one starts before it ends.
    let mut ended = 0;
    let mut alone = Vec::with_capacity(links.len());
    for (i, (r, _)) in links.iter().enumerate() {
        let next_start = links.get(i + 1).map_or(usize::MAX, |(n, _)| n.start);
        alone.push(r.start >= ended && next_start >= r.end);
        ended = ended.max(r.end);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for ((r, uri), _) in links.into_iter().zip(alone).filter(|(_, alone)| *alone) {
        let shown = &text[r.clone()];
        out.push_str(&text[from..r.start]);
        out.push_str(link_in_text(shown, &uri).as_deref().unwrap_or(shown));
        from = r.end;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// The byte range and web address of a link facet (`index.byteStart..byteEnd`,
/// UTF-8 offsets into `text`), when that range is a non-empty slice of it.
fn link_facet<'v>(text: &str, facet: &'v Value) -> Option<(Range<usize>, Cow<'v, str>)> {
    let index = facet.get("index")?;
    let at = |key| usize::try_from(index.get(key)?.as_u64()?).ok();
    let range = at("byteStart")?..at("byteEnd")?;
    let uri = (facet.get("features")?.as_array()?.iter())
        .find(|f| f.get("$type").and_then(Value::as_str) == Some(LINK_FACET))?
        .get("uri")?
        .as_str()?;
    let uri = web_address(uri)?;
    let whole = |at| {
        unicode_segmentation::GraphemeCursor::new(at, text.len(), true)
            .is_boundary(text, 0)
            .unwrap_or(false)
    };
    // Within the text, and around whole characters as one sees them (not
    // half a flag, one emoji of a family, a letter without its accent).
    (!range.is_empty()
        && text.get(range.clone()).is_some()
        && whole(range.start)
        && whole(range.end))
    .then_some((range, uri))
}

/// `https://bsky.app/profile/<handle or DID>/post/<rkey>` for a post's AT-URI.
fn web_url(uri: &str, handle: Option<&str>) -> Option<String> {
    let rest = uri.strip_prefix("at://")?;
    let mut parts = rest.split('/');
    let (authority, collection, rkey) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || collection != "app.bsky.feed.post"
        || !uri_part(authority)
        || !uri_part(rkey)
    {
        return None;
    }
    Some(format!(
        "https://bsky.app/profile/{}/post/{rkey}",
        handle.unwrap_or(authority)
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::format::Position;
    use crate::import::test_support::{
        self, Read, assert_detects_only, assert_plain_comments, assert_sink_error_passes_through,
        by_id, fixture, gone, never_panics, ts,
    };

    const THREAD: &[u8] = fixture!("bluesky/get_post_thread.json");
    const THREADS: &[u8] = fixture!("bluesky/get_post_thread.jsonl");
    const NOTIFICATIONS: &[u8] = fixture!("bluesky/list_notifications.json");
    const FEED: &[u8] = fixture!("bluesky/get_author_feed.json");

    const ALEX: &str = "did:plc:4qv3k5zwixsl7f2rs6okbyyj";
    const ROOT: &str = "at://did:plc:4qv3k5zwixsl7f2rs6okbyyj/app.bsky.feed.post/3l6oveex3ii2l";
    const ROOT_BY_DID: &str =
        "https://bsky.app/profile/did:plc:4qv3k5zwixsl7f2rs6okbyyj/post/3l6oveex3ii2l";
    const CARLOS_POST: &str =
        "at://did:plc:c7xw2mq3yb6rlt5hfdgn4zke/app.bsky.feed.post/3l6ovk2abcd2x";

    fn read(bytes: &[u8]) -> Result<Read, ImportError> {
        test_support::read(&Bluesky, bytes)
    }

    fn records(bytes: &[u8]) -> (Vec<Record>, Skipped) {
        test_support::records(&Bluesky, bytes)
    }

    fn rkey(r: &Record) -> &str {
        r.id.rsplit('/').next().unwrap()
    }

    #[test]
    fn thread_with_root_and_replies() {
        let (records, skipped) = records(THREAD);
        let keys: Vec<&str> = records.iter().map(rkey).collect();
        assert_eq!(
            keys,
            [
                "3l6oveex3ii2l",
                "3l6ovk2abcd2x",
                "3l6ovm5efgh2y",
                "3l6ovp7ijkl2z",
                "3l6ovs4uvwx2c",
                "3l6ovt5yzab2d",
                "3l6ovu6cdef2e",
                "3l6ovv7ghij2f"
            ]
        );
        assert_eq!(
            skipped.counts,
            [("blocked".to_owned(), 1), ("not-found".to_owned(), 1)].into()
        );
        // What an earlier import may have brought in, withdrawn now.
        assert_eq!(
            skipped.gone,
            gone(&[(
                "bluesky",
                "at://did:plc:b0b7w2mq3yb6rlt5hfdgn4zk/app.bsky.feed.post/3l6ovq2mnop2a"
            )])
        );

        let title = "ackbox 0.3 is out: a terminal inbox for the replies you owe people — Bluesky…";
        let root_url = "https://bsky.app/profile/alex.example.com/post/3l6oveex3ii2l";
        for r in &records {
            assert_eq!(
                (r.platform.as_str(), r.thread_id.as_deref()),
                ("bluesky", Some(ROOT))
            );
            // The thread's link by DID, as where the root is not in the file.
            assert_eq!(
                (r.thread_title.as_deref(), r.thread_url.as_deref()),
                (Some(title), Some(ROOT_BY_DID))
            );
            assert_eq!(
                (r.kind, r.own, r.saved.is_none()),
                (Kind::Comment, None, true)
            );
        }

        let root = &records[0];
        assert_eq!((root.id.as_str(), root.parent_id.as_deref()), (ROOT, None));
        assert_eq!(
            (root.author.as_str(), root.author_ids.as_slice()),
            ("alex.example.com", &[ALEX.to_owned()][..])
        );
        assert_eq!(root.url.as_deref(), Some(root_url));
        assert!(root.body.ends_with("\n\nhttps://example.org/ackbox"));
        assert_eq!(root.created_at, ts("2026-10-01T09:00:00Z"));

        let carlos = &records[1];
        assert_eq!(
            carlos.parent_id.as_deref(),
            Some(ROOT),
            "the root is an item too"
        );
        assert_eq!(carlos.author, "carlos.bsky.social");
        assert_eq!(carlos.author_name.as_deref(), Some("Carlos Méndez 🌮"));
        assert_eq!(
            carlos.body, "Love this! Does it do <3 & &amp; right? 🦀",
            "plain text, not HTML"
        );
        assert_eq!(
            carlos.url.as_deref(),
            Some("https://bsky.app/profile/carlos.bsky.social/post/3l6ovk2abcd2x")
        );
        assert_eq!(carlos.created_at, ts("2026-10-01T09:12:00Z"));

        let own = &records[2];
        assert_eq!(own.parent_id.as_deref(), Some(CARLOS_POST));
        assert_eq!(
            (own.author.as_str(), own.author_ids[0].as_str()),
            ("alex.example.com", ALEX)
        );
        assert_eq!(records[3].parent_id.as_deref(), Some(own.id.as_str()));
        assert_eq!(
            records[3].created_at,
            ts("2026-10-01T10:05:00Z"),
            "createdAt without fraction"
        );

        assert_eq!(records[4].body, "日本語と中文都可以吗？太好了！");
        assert_eq!(records[5].author_ids, ["did:web:noa.example.org"]);
        assert_eq!(records[5].author_name.as_deref(), Some("נועה לוי"));
        // handle.invalid: the DID stands in, so such authors stay apart.
        let invalid = &records[6];
        assert_eq!(invalid.author, "did:plc:zz3invalidhandle77aaaa2b");
        assert_eq!(
            invalid.url.as_deref(),
            Some("https://bsky.app/profile/did:plc:zz3invalidhandle77aaaa2b/post/3l6ovu6cdef2e")
        );
        // A handle that is no domain name (a hostile file's path or query
        // in it) is invalid too: no link's path reads it.
        let text = std::str::from_utf8(THREAD).unwrap().replace(
            r#""handle": "handle.invalid""#,
            r#""handle": "evil/../x?.bsky""#,
        );
        assert!(text.contains("evil/../x"), "the fixture's invalid handle");
        let (hostile, _) = self::records(text.as_bytes());
        assert_eq!(
            (hostile[6].author.as_str(), hostile[6].url.as_deref()),
            (invalid.author.as_str(), invalid.url.as_deref())
        );
        // A post's uri is an AT-URI.
        let other = std::str::from_utf8(THREAD).unwrap().replacen(
            r#""uri": "at://"#,
            r#""uri": "https://evil.example/at://"#,
            1,
        );
        let err = read(other.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("is not a post's AT-URI"), "{err}");
        // No displayName; createdAt ahead of indexedAt: indexedAt wins.
        let tux = &records[7];
        assert_eq!(
            (tux.author_name.as_deref(), tux.created_at),
            (None, ts("2026-10-01T14:00:00.250Z"))
        );
    }

    /// A reply the thread's author hid (its threadgate's `hiddenReplies`)
    /// is skipped as hidden and withdrawn; the replies a post has below
    /// the depth fetched are counted as "more", unless another response
    /// gives them.
    #[test]
    fn hidden_replies_are_skipped_and_replies_below_the_depth_counted() {
        let post = |rkey: &str, handle: &str, text: &str, replies: u64| {
            serde_json::json!({
                "uri": format!("at://did:plc:{handle}/app.bsky.feed.post/{rkey}"),
                "cid": "bafy",
                "author": {"did": format!("did:plc:{handle}"), "handle": format!("{handle}.bsky.social")},
                "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-11-20T10:00:00Z"},
                "indexedAt": "2026-11-20T10:00:00Z",
                "replyCount": replies
            })
        };
        let view = |post: serde_json::Value, replies: Option<Vec<serde_json::Value>>| {
            let mut v = serde_json::json!({"$type": THREAD_VIEW, "post": post});
            if let Some(r) = replies {
                v["replies"] = serde_json::Value::from(r);
            }
            v
        };
        let spam = "at://did:plc:spam/app.bsky.feed.post/3s";
        let thread = serde_json::json!({
            "thread": view(post("3r", "me", "New roast is out", 2), Some(vec![
                view(post("3s", "spam", "you are an idiot", 0), Some(vec![])),
                view(post("3b", "bob", "Which beans?", 4), None),
            ])),
            "threadgate": {"uri": "at://did:plc:me/app.bsky.feed.threadgate/3r",
                           "record": {"$type": "app.bsky.feed.threadgate", "post": "at://did:plc:me/app.bsky.feed.post/3r",
                                      "hiddenReplies": [spam]}}
        });
        let (got, skipped) = records(thread.to_string().as_bytes());
        let keys: Vec<&str> = got.iter().map(rkey).collect();
        assert_eq!(keys, ["3r", "3b"]);
        assert_eq!(skipped.gone, gone(&[("bluesky", spam)]));
        assert_eq!(skipped.counts.get("hidden"), Some(&1));
        assert_eq!(skipped.counts.get("more"), Some(&4));
        // One of Bob's replies anchoring another response: three left out.
        let mut dee = post("3d", "dee", "Same here", 0);
        let uri = |rkey: &str, who: &str| format!("at://did:plc:{who}/app.bsky.feed.post/{rkey}");
        dee["record"]["reply"] = serde_json::json!({
            "parent": {"uri": uri("3b", "bob"), "cid": "bafy"},
            "root": {"uri": uri("3r", "me"), "cid": "bafy"}
        });
        let mut anchored = view(dee, Some(vec![]));
        let mut bobs = view(post("3b", "bob", "Which beans?", 4), None);
        bobs["parent"] = view(post("3r", "me", "New roast is out", 2), None);
        anchored["parent"] = bobs;
        let both = format!("{thread}\n{}", serde_json::json!({"thread": anchored}));
        let (_, skipped) = records(both.as_bytes());
        assert_eq!(skipped.counts.get("more"), Some(&3));
        // Bob's replies fetched too, in another response: none left out.
        let below = serde_json::json!({
            "thread": view(post("3b", "bob", "Which beans?", 1), Some(vec![
                view(post("3c", "cy", "Same question", 0), Some(vec![])),
            ]))
        });
        let both = format!("{thread}\n{below}");
        let (got, skipped) = records(both.as_bytes());
        assert_eq!(got.len(), 4);
        assert_eq!(skipped.counts.get("more"), None);
    }

    #[test]
    fn positions() {
        let (records, _) = read(THREAD).unwrap();
        assert_eq!(records[0].1, Position::Path("thread".into()));
        assert_eq!(
            records[3].1,
            Position::Path("thread.replies[0].replies[0].replies[0]".into())
        );
        assert_eq!(records[4].1, Position::Path("thread.replies[3]".into()));
    }

    #[test]
    fn a_post_skipped_in_two_responses_counts_once() {
        let once = read(THREAD).unwrap().1.counts;
        assert!(once.contains_key("blocked"), "{once:?}");
        let twice = read(&[THREAD, b"\n", THREAD].concat()).unwrap().1.counts;
        assert_eq!(twice, once);
    }

    #[test]
    fn parent_chains_and_json_lines() {
        let (records, skipped) = read(THREADS).unwrap();
        assert_eq!(
            skipped.counts,
            [("blocked".to_owned(), 1), ("not-found".to_owned(), 1)].into()
        );
        let keys: Vec<&str> = records.iter().map(|(r, _)| rkey(r)).collect();
        // Root first, down the parent chain to the anchor, then its replies.
        assert_eq!(
            keys,
            [
                "3l6oveex3ii2l",
                "3l6ovk2abcd2x",
                "3l6ovm5efgh2y",
                "3l6oxa1klmn2g",
                "3l6oxb2opqr2h",
                "3l6oy02anch2k"
            ]
        );
        assert_eq!(
            records[0].1,
            Position::Path("1: thread.parent.parent.parent".into())
        );
        assert_eq!(records[3].1, Position::Path("1: thread".into()));
        assert_eq!(records[5].1, Position::Path("3: thread".into()));
        let r: Vec<&Record> = records.iter().map(|(r, _)| r).collect();
        assert_eq!(r[0].parent_id, None);
        assert_eq!(r[1].parent_id.as_deref(), Some(r[0].id.as_str()));
        assert_eq!(r[2].parent_id.as_deref(), Some(CARLOS_POST));
        assert_eq!(r[3].parent_id.as_deref(), Some(r[2].id.as_str()));
        assert_eq!(r[4].parent_id.as_deref(), Some(r[3].id.as_str()));
        assert!(r[..5].iter().all(|r| {
            r.thread_title
                .as_deref()
                .is_some_and(|t| t.starts_with("ackbox 0.3"))
        }));
        assert_eq!(r[3].body, "Replying deep down: 很好 👍");
        // The root of the third thread is not in the response: its id and a
        // link made from its DID, but no title.
        let other = r[5];
        assert_eq!(
            other.thread_id.as_deref(),
            Some("at://did:plc:b0b7w2mq3yb6rlt5hfdgn4zk/app.bsky.feed.post/3l6oy00root2i")
        );
        assert_eq!(other.thread_title, None);
        assert_eq!(
            other.thread_url.as_deref(),
            Some("https://bsky.app/profile/did:plc:b0b7w2mq3yb6rlt5hfdgn4zk/post/3l6oy00root2i")
        );
        assert_eq!(
            other.parent_id.as_deref(),
            Some("at://did:plc:b0b7w2mq3yb6rlt5hfdgn4zk/app.bsky.feed.post/3l6oy01blkd2j")
        );
    }

    #[test]
    fn the_same_post_reads_the_same_in_any_response() {
        // Every post of the file's first line is also in THREAD; reading
        // both, in either order, gives equal records for them (the driver
        // refuses an id that comes back different).
        let (alone, _) = records(THREAD);
        for input in [[THREADS, THREAD].concat(), [THREAD, THREADS].concat()] {
            let (both, _) = records(&input);
            for r in &both {
                if let Some(same) = alone.iter().find(|a| a.id == r.id) {
                    assert_eq!(same, r);
                }
            }
        }
    }

    #[test]
    fn array_of_responses_and_bare_thread_views() {
        let text = std::str::from_utf8(THREADS).unwrap();
        let array = format!("[{}]", text.trim().lines().collect::<Vec<_>>().join(","));
        assert_eq!(records(array.as_bytes()).0.len(), 6);
        let value: Value = serde_json::from_slice(THREAD).unwrap();
        let bare = serde_json::to_vec(&value["thread"]).unwrap();
        assert_eq!(records(&bare).0.len(), 8);
    }

    #[test]
    fn detection() {
        let not: &[&[u8]] = &[
            br#"{"platform":"bluesky","id":"at://did:plc:x/app.bsky.feed.post/1","author":"x","body":"hi","created_at":"2026-03-01T14:05:00Z"}"#,
            // Other services' notifications and feeds.
            br#"{"notifications":[{"id":"1","type":"mention","account":{"acct":"a"}}]}"#,
            br#"{"feed":[{"post":{"id":"1","text":"hi"}}]}"#,
            br#"{"feed":[{"post":"at://did:plc:x/app.bsky.feed.post/1"}]}"#,
        ];
        assert_detects_only(&Bluesky, 200, not);
        // With keys sorted (`jq -S`, as serde_json writes them): the
        // author first, whose DID tells it.
        for file in [NOTIFICATIONS, FEED] {
            let value: Value = serde_json::from_slice(file).unwrap();
            let sorted = serde_json::to_vec(&value).unwrap();
            assert!(sorted.starts_with(b"{\"cursor\":"));
            assert!(Bluesky.detect(&sorted[..600]));
        }
        // getPostThreadV2's flat list is found to be Bluesky's, and refused
        // as what it is.
        let v2 = br#"{"thread":[{"uri":"at://did:plc:x/app.bsky.feed.post/3k","depth":0,"value":{"$type":"app.bsky.unspecced.defs#threadItemPost"}}],"hasOtherReplies":false}"#;
        assert!(Bluesky.detect(v2));
        let err = read(v2).unwrap_err();
        assert!(
            err.message.starts_with("a getPostThreadV2 response"),
            "{err}"
        );
    }

    const PRIYA: &str = "at://did:plc:x7kp2vqmra4ddy5nfw3tzeho/app.bsky.feed.post/3l6pa2wqbdk2s";
    const SAM: &str = "at://did:plc:s2mqz6ivth4xw7ob3kfl5nry/app.bsky.feed.post/3l6pc7hx4ee2u";
    const MEI_QUOTE: &str =
        "at://did:plc:m2ei5lin7kq4w3vx6ybt2rzo/app.bsky.feed.post/3l6pd3kfxyz2v";
    const GONE: &str = "at://did:plc:b0b7w2mq3yb6rlt5hfdgn4zk/app.bsky.feed.post/3l6ovq2mnop2a";

    #[test]
    fn notifications_give_replies_mentions_and_quotes() {
        let (read, skipped) = read(NOTIFICATIONS).unwrap();
        let got: Vec<(&str, Kind, String)> = (read.iter())
            .map(|(r, pos)| (rkey(r), r.kind, pos.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "3l6pd3kfxyz2v",
                    Kind::Mention,
                    "notifications[4]".to_owned()
                ),
                (
                    "3l6pc7hx4ee2u",
                    Kind::Mention,
                    "notifications[5]".to_owned()
                ),
                (
                    "3l6pa2wqbdk2s",
                    Kind::Comment,
                    "notifications[7]".to_owned()
                ),
                (
                    "3l6ovp7ijkl2z",
                    Kind::Comment,
                    "notifications[9]".to_owned()
                ),
                (
                    "3l6ovk2abcd2x",
                    Kind::Comment,
                    "notifications[12]".to_owned()
                ),
            ]
        );
        // Every other reason, counted by reason; nothing is gone.
        assert_eq!(
            skipped.counts,
            [
                ("follow notification", 1),
                ("like notification", 2),
                ("like-via-repost notification", 1),
                ("repost notification", 1),
                ("starterpack-joined notification", 1),
                ("subscribed-post notification", 1),
                ("verified notification", 1),
            ]
            .map(|(k, n)| (k.to_owned(), n))
            .into()
        );
        assert!(skipped.gone.is_empty());
        let records: Vec<Record> = read.into_iter().map(|(r, _)| r).collect();

        // A reply: its parent and thread from `record.reply`; the root is
        // not in the file, so the thread has its link by DID and no title.
        let priya = by_id(&records, PRIYA);
        assert_eq!(
            (priya.parent_id.as_deref(), priya.thread_id.as_deref()),
            (Some(ROOT), Some(ROOT))
        );
        assert_eq!(priya.thread_title, None);
        assert_eq!(priya.thread_url.as_deref(), Some(ROOT_BY_DID));
        assert_eq!(
            (priya.author.as_str(), priya.author_ids.as_slice()),
            (
                "priya.dev",
                &["did:plc:x7kp2vqmra4ddy5nfw3tzeho".to_owned()][..]
            )
        );
        assert_eq!(priya.author_name.as_deref(), Some("Priya Raman"));
        assert_eq!(
            priya.url.as_deref(),
            Some("https://bsky.app/profile/priya.dev/post/3l6pa2wqbdk2s")
        );
        assert_eq!(priya.created_at, ts("2026-10-03T08:14:22.610Z"));
        // A reply to a reply: its parent is that reply, its thread the root.
        let perfect = &records[3];
        assert_eq!(
            perfect.parent_id.as_deref(),
            Some("at://did:plc:4qv3k5zwixsl7f2rs6okbyyj/app.bsky.feed.post/3l6ovm5efgh2y")
        );
        assert_eq!(perfect.thread_id.as_deref(), Some(ROOT));

        // A mention that replies to nothing is the root of its own thread,
        // its links whole in its body and its title.
        let sam = by_id(&records, SAM);
        assert_eq!(
            (sam.parent_id.as_deref(), sam.thread_id.as_deref()),
            (None, Some(SAM))
        );
        let body = "Anyone tried @alex.example.com's ackbox for triaging replies? Their guide: \
                    https://example.org/ackbox/docs/getting-started #communitymanagement";
        assert_eq!(sam.body, body);
        assert_eq!(
            sam.thread_title.as_deref(),
            Some("Anyone tried @alex.example.com's ackbox for triaging replies? Their guide:…")
        );
        assert_eq!(
            sam.thread_url.as_deref(),
            Some("https://bsky.app/profile/did:plc:s2mqz6ivth4xw7ob3kfl5nry/post/3l6pc7hx4ee2u")
        );
        assert_eq!(sam.author_name.as_deref(), Some("Sam Rivera ✨"));
        // A quote: top-level too; the post it quotes is not its words.
        let quote = by_id(&records, MEI_QUOTE);
        assert_eq!(
            (quote.parent_id.as_deref(), quote.thread_id.as_deref()),
            (None, Some(MEI_QUOTE))
        );
        assert_eq!(
            quote.body,
            "This is the tool I wanted last year. Bookmarking."
        );
        for r in &records {
            assert_eq!(
                (r.platform.as_str(), r.own, r.bot),
                ("bluesky", None, false)
            );
        }
    }

    /// A notification of an unknown reason, or one of the three whose
    /// record is no post, is skipped by name; a notification without what
    /// it must have is an error at its place.
    #[test]
    fn odd_notifications_are_skipped_or_refused_by_place() {
        let post = minimal_post(1, None);
        let value: Value = serde_json::from_str(&post).unwrap();
        let notification = |reason: &str, record: Value| {
            let mut n = value.clone();
            n["reason"] = reason.into();
            n["record"] = record;
            n
        };
        let like = serde_json::json!({"$type": "app.bsky.feed.like", "subject": {"uri": "at://x"}});
        let page = serde_json::json!({"notifications": [
            notification("contact-match", value["record"].clone()),
            notification("mention", like.clone()),
            notification("quote", like),
            notification("reply", value["record"].clone()),
        ]});
        let (records, skipped) = records(page.to_string().as_bytes());
        assert_eq!(records.len(), 1);
        assert_eq!(
            skipped.counts,
            [
                ("contact-match notification", 1),
                ("mention notification without a post", 1),
                ("quote notification without a post", 1),
            ]
            .map(|(k, n)| (k.to_owned(), n))
            .into()
        );
        // A reason read from the file reaches the summary made harmless.
        let hostile =
            serde_json::json!({"notifications": [notification("\u{1b}[2Jboom", Value::Null)]});
        let (_, skipped) = self::records(hostile.to_string().as_bytes());
        let reason = skipped.counts.keys().next().unwrap();
        assert!(crate::text::is_clean(reason), "{reason:?}");

        let mut no_record = notification("mention", Value::Null);
        no_record.as_object_mut().unwrap().remove("record");
        for (page, error) in [
            (
                serde_json::json!({"notifications": [value.clone(), no_record]}),
                "notifications[0].reason: missing",
            ),
            (
                serde_json::json!({"notifications": [notification("reply", Value::Null)]}),
                "notifications[0].record: missing",
            ),
            (
                serde_json::json!({"notifications": [notification("mention", 7.into())]}),
                "notifications[0].record: expected an object, found a number",
            ),
            (
                serde_json::json!({"notifications": [notification("quote", serde_json::json!({"text": 5}))]}),
                "notifications[0].record.text: expected a string, found a number",
            ),
            (
                serde_json::json!({"notifications": {"reply": 1}}),
                "notifications: expected an array, found an object",
            ),
            (
                serde_json::json!({"notifications": [3]}),
                "notifications[0]: expected an object, found a number",
            ),
            (
                serde_json::json!({"feed": [null]}),
                "feed[0]: expected an object, found null",
            ),
        ] {
            let err = read(page.to_string().as_bytes()).unwrap_err();
            assert_eq!(err.to_string(), error, "{page}");
        }
    }

    /// searchPosts' post views (a search for your handle) read as the
    /// notifications of the same posts do: a reply a comment, a post that
    /// replies to none a mention.
    #[test]
    fn searched_posts_read_as_their_notifications() {
        let page: Value = serde_json::from_slice(NOTIFICATIONS).unwrap();
        let posts: Vec<Value> = (page["notifications"].as_array().unwrap().iter())
            .filter(|n| matches!(n["reason"].as_str(), Some("reply" | "mention" | "quote")))
            .map(|n| {
                let mut post = n.clone();
                let post = post.as_object_mut().unwrap();
                for key in ["reason", "reasonSubject", "isRead"] {
                    post.remove(key);
                }
                Value::Object(post.clone())
            })
            .collect();
        let search = serde_json::json!({"posts": posts, "cursor": "25", "hitsTotal": 5});
        let file = search.to_string();
        assert!(Bluesky.detect(file.as_bytes()));
        let (searched, _) = read(file.as_bytes()).unwrap();
        let (notified, _) = read(NOTIFICATIONS).unwrap();
        let items = |read: &[(Record, Position)]| -> Vec<Record> {
            read.iter().map(|(r, _)| r.clone()).collect()
        };
        assert_eq!(items(&searched), items(&notified));
        assert_eq!(searched[0].1, Position::Path("posts[0]".into()));
    }

    #[test]
    fn author_feed_posts_and_the_comments_they_answer() {
        let (read, skipped) = read(FEED).unwrap();
        let got: Vec<(&str, String)> = (read.iter())
            .map(|(r, pos)| (rkey(r), pos.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                // The pinned post.
                ("3l6oveex3ii2l", "feed[0].post"),
                ("3l6pj6qqfz32t", "feed[1].post"),
                // A reply to a blocked post: the reply only.
                ("3l6ph3hbxtb2r", "feed[2].post"),
                // A reply deep in a stranger's thread: the comment it
                // answers and the reply, not the stranger's root.
                ("3l6pg5dvl3s2n", "feed[3].reply.parent"),
                ("3l6pg7zk2eb2p", "feed[3].post"),
                // A reply to a deleted comment.
                ("3l6pe8nxfa22y", "feed[4].post"),
                // (feed[5] is a repost.) A reply to a mention, its root.
                ("3l6pc7hx4ee2u", "feed[6].reply.parent"),
                ("3l6pc9mvq7f2x", "feed[6].post"),
                ("3l6pa2wqbdk2s", "feed[7].reply.parent"),
                ("3l6pb4zrt6c2t", "feed[7].post"),
            ]
            .map(|(k, p)| (k, p.to_owned()))
        );
        assert_eq!(
            skipped.counts,
            [("blocked", 1), ("not-found", 1), ("repost", 1)]
                .map(|(k, n)| (k.to_owned(), n))
                .into()
        );
        assert_eq!(skipped.gone, gone(&[("bluesky", GONE)]));
        let records: Vec<Record> = read.into_iter().map(|(r, _)| r).collect();
        assert_plain_comments(&records, "bluesky");

        // The own reply names what it answers; the root titles the thread.
        let title = "ackbox 0.3 is out: a terminal inbox for the replies you owe people — Bluesky…";
        let reply = &records[9];
        assert_eq!(
            (reply.author.as_str(), reply.author_ids.as_slice()),
            ("alex.example.com", &[ALEX.to_owned()][..])
        );
        assert_eq!(
            (reply.parent_id.as_deref(), reply.thread_id.as_deref()),
            (Some(PRIYA), Some(ROOT))
        );
        assert_eq!(reply.thread_title.as_deref(), Some(title));
        assert_eq!(records[8].thread_title.as_deref(), Some(title));
        assert_eq!(records[5].parent_id.as_deref(), Some(GONE));
        // The stranger's root titles its thread without being an item.
        let stranger = "at://did:plc:r4ndqw6tsxz3lk2vmy7hpoe5/app.bsky.feed.post/3l6pg2oqiad2k";
        for r in &records[3..5] {
            assert_eq!(r.thread_id.as_deref(), Some(stranger));
            assert_eq!(
                r.thread_title.as_deref(),
                Some(
                    "Which terminal UI crates are you all using in 2026? ratatui still the default?"
                )
            );
            assert_eq!(
                r.thread_url.as_deref(),
                Some(
                    "https://bsky.app/profile/did:plc:r4ndqw6tsxz3lk2vmy7hpoe5/post/3l6pg2oqiad2k"
                )
            );
        }
        assert!(records.iter().all(|r| r.id != stranger));
        assert_eq!(
            records[1].body,
            "Today's desk: ackbox on the left, coffee on the right.\n\
             [A terminal with the ackbox queue beside a flat white]"
        );
    }

    /// A feed entry's reason and reply references, in the shapes tools
    /// leave them (without `$type`) and in ones not known yet.
    #[test]
    fn feed_reasons_and_reply_references() {
        let post = |n: usize, parent: Option<usize>| -> Value {
            serde_json::from_str(&minimal_post(n, parent)).unwrap()
        };
        let page = serde_json::json!({"feed": [
            {"post": post(1, None), "reason": {"by": {"did": "did:plc:a"}}},
            {"post": post(2, None), "reason": {"$type": "app.bsky.feed.defs#reasonSomethingNew"}},
            {"post": post(3, None), "reason": {}},
            {"post": post(4, Some(9)), "reply": {
                "root": {"uri": "at://did:plc:a/app.bsky.feed.post/0", "notFound": true},
                "parent": {"$type": "app.bsky.feed.defs#somethingNew", "uri": "at://did:plc:a/app.bsky.feed.post/9"},
            }},
            {"post": post(5, Some(3)), "reply": {"root": post(0, None), "parent": post(3, None)}},
            // Reposted twice: counted once.
            {"post": post(1, None), "reason": {"$type": "app.bsky.feed.defs#reasonRepost"}},
        ]});
        let (records, skipped) = records(page.to_string().as_bytes());
        let keys: Vec<&str> = records.iter().map(rkey).collect();
        assert_eq!(keys, ["3", "4", "3", "5"]);
        assert_eq!(
            skipped.counts,
            [("not-found", 1), ("repost", 1), ("unsupported", 2)]
                .map(|(k, n)| (k.to_owned(), n))
                .into()
        );
        assert_eq!(records[0], records[2]);
        assert_eq!(records[3].thread_title.as_deref(), Some("t"));

        for (page, error) in [
            (
                serde_json::json!({"feed": [{"reply": {}}]}),
                "feed[0].post: missing",
            ),
            (
                serde_json::json!({"feed": [{"post": post(1, None), "reason": "pin"}]}),
                "feed[0].reason: expected an object, found a string",
            ),
            (
                serde_json::json!({"feed": [{"post": post(1, None), "reply": {"parent": 1}}]}),
                "feed[0].reply.parent: expected an object, found a number",
            ),
            (
                serde_json::json!({"feed": [{"post": post(1, None), "reply": {"parent": {"record": {}}}}]}),
                "feed[0].reply.parent.uri: missing",
            ),
        ] {
            let err = read(page.to_string().as_bytes()).unwrap_err();
            assert_eq!(err.to_string(), error, "{page}");
        }
    }

    /// A post reads the same through a notification, an author feed and a
    /// thread (its kind aside: a mention stays one in the database), so it
    /// is one item; within one file, every post gets the roots' titles.
    #[test]
    fn the_same_post_reads_the_same_in_every_response() {
        let alone = |file| records(file).0;
        let (thread, notifications, feed) = (alone(THREAD), alone(NOTIFICATIONS), alone(FEED));
        let without_thread = |r: &Record| Record {
            thread_title: None,
            thread_url: None,
            kind: Kind::Comment,
            ..r.clone()
        };
        let mut shared = 0;
        for (a, b) in [
            (&notifications, &thread),
            (&notifications, &feed),
            (&feed, &thread),
        ] {
            for r in a {
                if let Some(same) = b.iter().find(|s| s.id == r.id) {
                    shared += 1;
                    assert_eq!(without_thread(r), without_thread(same));
                }
            }
        }
        assert_eq!(shared, 2 + 2 + 1);
        // Together, in any order, one file's responses give equal records.
        let lines = |files: &[&[u8]]| {
            let lines: Vec<String> = (files.iter())
                .map(|f| serde_json::from_slice::<Value>(f).unwrap().to_string())
                .collect();
            lines.join("\n")
        };
        let one = records(lines(&[THREAD, NOTIFICATIONS, FEED]).as_bytes()).0;
        let other = records(
            format!(
                "[{}]",
                lines(&[FEED, NOTIFICATIONS, THREAD]).replace('\n', ",")
            )
            .as_bytes(),
        )
        .0;
        assert_eq!(one.len(), thread.len() + notifications.len() + feed.len());
        for r in one.iter().chain(&other) {
            for same in one.iter().chain(&other).filter(|s| s.id == r.id) {
                assert_eq!(
                    Record {
                        kind: same.kind,
                        ..r.clone()
                    },
                    *same
                );
            }
        }
        // The notification's reply now has its thread's title and link.
        let priya = by_id(&one, PRIYA);
        assert_eq!(priya.thread_title, thread[0].thread_title);
        assert_eq!(priya.thread_url, thread[0].thread_url);
    }

    #[test]
    fn a_notification_page_twice_counts_its_skips_once() {
        let once = read(NOTIFICATIONS).unwrap().1.counts;
        let twice = read(&[NOTIFICATIONS, b"\n", NOTIFICATIONS].concat()).unwrap();
        assert_eq!(twice.1.counts, once);
        let feed_twice = read(&[FEED, FEED].concat()).unwrap().1;
        assert_eq!(feed_twice.counts, read(FEED).unwrap().1.counts);
    }

    #[test]
    fn malformed_input() {
        test_support::assert_truncated_json_refused(&Bluesky, THREAD);

        let text = std::str::from_utf8(THREAD).unwrap();
        let bad = text.replacen(
            "\"createdAt\": \"2026-10-01T11:00:00.000Z\"",
            "\"createdAt\": \"tomorrow\"",
            1,
        );
        let bad = bad.replacen(
            "\"indexedAt\": \"2026-10-01T11:00:00.000Z\"",
            "\"indexedAt\": \"later\"",
            1,
        );
        let err = read(bad.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "thread.replies[3].post.record.createdAt: not a valid time: \"tomorrow\""
        );

        // createdAt unreadable but indexedAt fine: indexedAt.
        let lenient = text.replacen(
            "\"createdAt\": \"2026-10-01T11:00:00.000Z\"",
            "\"createdAt\": \"tomorrow\"",
            1,
        );
        assert_eq!(
            records(lenient.as_bytes()).0[4].created_at,
            ts("2026-10-01T11:00:00Z")
        );
        // Backdated before 1990 (the import would skip it): indexedAt.
        for backdated in ["1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z"] {
            let set = text.replacen(
                "\"createdAt\": \"2026-10-01T11:00:00.000Z\"",
                &format!("\"createdAt\": \"{backdated}\""),
                1,
            );
            assert_eq!(
                records(set.as_bytes()).0[4].created_at,
                ts("2026-10-01T11:00:00Z"),
                "{backdated}"
            );
        }

        let bad = text.replacen(
            "\"did\": \"did:plc:4qv3k5zwixsl7f2rs6okbyyj\"",
            "\"did\": 42",
            1,
        );
        let err = read(bad.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "thread.post.author.did: expected a string, found a number"
        );

        let err = read(br#"{"items": []}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "$: not a getPostThread, listNotifications, getAuthorFeed or searchPosts response: \
             it has no `thread`, `notifications`, `feed` or `posts`"
        );
        // An empty search is a quiet day.
        assert!(
            read(br#"{"posts": [], "hitsTotal": 0}"#)
                .unwrap()
                .0
                .is_empty()
        );
        let err = read(br#"{"thread": {"$type": "app.bsky.feed.defs#threadViewPost", "post": {"uri": "at://x/app.bsky.feed.post/1"}}}"#).unwrap_err();
        assert_eq!(err.to_string(), "thread.post.author: missing");
        let err = read(br#"{"thread": {"post": {}}}"#).unwrap_err();
        assert_eq!(err.to_string(), "thread.post.uri: missing");
        let replies = format!(
            r#"{{"thread": {{"post": {}, "replies": {{}}}}}}"#,
            minimal_post(0, None)
        );
        let err = read(replies.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "thread.replies: expected an array, found an object"
        );
    }

    #[test]
    fn sink_errors_pass_through() {
        for (file, n) in [(THREAD, 1), (NOTIFICATIONS, 3), (FEED, 4)] {
            assert_sink_error_passes_through(&Bluesky, file, n);
        }
    }

    fn minimal_post(n: usize, parent: Option<usize>) -> String {
        let reply = parent.map_or(String::new(), |p| {
            format!(r#","reply":{{"root":{{"uri":"at://did:plc:a/app.bsky.feed.post/0"}},"parent":{{"uri":"at://did:plc:a/app.bsky.feed.post/{p}"}}}}"#)
        });
        format!(
            r#"{{"uri":"at://did:plc:a/app.bsky.feed.post/{n}","author":{{"did":"did:plc:a","handle":"a.test"}},"record":{{"text":"t","createdAt":"2026-01-01T00:00:00Z"{reply}}},"indexedAt":"2026-01-01T00:00:00Z"}}"#
        )
    }

    #[test]
    fn deep_trees_without_recursion() {
        let deep = format!(
            "{}{}",
            r#"{"thread":{"replies":["#.repeat(30_000),
            "]}}".repeat(30_000)
        );
        let err = read(deep.as_bytes()).unwrap_err();
        assert!(err.message.contains("recursion limit"), "{err}");
        // A long parent chain (1 level each) and a deep reply chain (2 each).
        let mut chain = format!(r#"{{"post":{}}}"#, minimal_post(0, None));
        for n in 1..110 {
            chain = format!(
                r#"{{"post":{},"parent":{chain}}}"#,
                minimal_post(n, Some(n - 1))
            );
        }
        let (up, _) = records(format!(r#"{{"thread":{chain}}}"#).as_bytes());
        assert_eq!(up.len(), 110);
        assert_eq!(
            (up[0].parent_id.as_deref(), up[1].parent_id.as_deref()),
            (None, Some("at://did:plc:a/app.bsky.feed.post/0"))
        );
        assert_eq!(
            up[109].parent_id.as_deref(),
            Some("at://did:plc:a/app.bsky.feed.post/108")
        );
        let mut tree = format!(r#"{{"post":{}}}"#, minimal_post(55, Some(54)));
        for n in (1..55).rev() {
            tree = format!(
                r#"{{"post":{},"replies":[{tree}]}}"#,
                minimal_post(n, Some(n - 1))
            );
        }
        let (records, _) = records(
            format!(
                r#"{{"thread":{{"post":{},"replies":[{tree}]}}}}"#,
                minimal_post(0, None)
            )
            .as_bytes(),
        );
        assert_eq!(records.len(), 56);
    }

    /// A facet of `kind` (`link`, `mention`, `tag`) over `range` of `text`'s bytes.
    fn facet(kind: &str, range: std::ops::Range<usize>, value: &str) -> Value {
        let key = match kind {
            "link" => "uri",
            "mention" => "did",
            _ => "tag",
        };
        serde_json::json!({
            "$type": "app.bsky.richtext.facet",
            "index": {"byteStart": range.start, "byteEnd": range.end},
            "features": [{"$type": format!("app.bsky.richtext.facet#{kind}"), key: value}],
        })
    }

    /// The byte range of `part` in `text`.
    fn span(text: &str, part: &str) -> std::ops::Range<usize> {
        let start = text.find(part).unwrap();
        start..start + part.len()
    }

    /// A post's pictures and video are written by their alt text (else by
    /// their kind) after its text; a quoted post is not its words.
    #[test]
    fn attachments_are_written_by_their_alt_text_and_cards_as_links() {
        let post = |text: &str, embed: &str| {
            format!(
                r#"{{"thread":{{"post":{{"uri":"at://did:plc:a/app.bsky.feed.post/1","author":{{"did":"did:plc:a","handle":"a.test"}},"record":{{"text":"{text}","createdAt":"2026-01-01T00:00:00Z","embed":{embed}}},"indexedAt":"2026-01-01T00:00:00Z"}}}}}}"#
            )
        };
        let images = r#"{"$type":"app.bsky.embed.images","images":[{"alt":"A latte with a wobbly heart","image":{}},{"alt":"","image":{}}]}"#;
        let quote = r#"{"$type":"app.bsky.embed.record","record":{"uri":"at://did:plc:b/app.bsky.feed.post/2"}}"#;
        for (text, embed, want) in [
            (
                "",
                images.to_owned(),
                "[A latte with a wobbly heart] [image]",
            ),
            (
                "Look",
                r#"{"$type":"app.bsky.embed.video","video":{},"alt":"Pouring"}"#.to_owned(),
                "Look\n[Pouring]",
            ),
            (
                "Ha",
                format!(
                    r#"{{"$type":"app.bsky.embed.recordWithMedia","record":{quote},"media":{images}}}"#
                ),
                "Ha\n[A latte with a wobbly heart] [image]",
            ),
            ("Ha", quote.to_owned(), "Ha"),
            // A link card: a post of only a card is a link.
            (
                "",
                r#"{"$type":"app.bsky.embed.external","external":{"uri":"https://shop.example.com/deal","title":"Big deal","description":"x"}}"#.to_owned(),
                "[Big deal](https://shop.example.com/deal)",
            ),
            (
                "See https://shop.example.com/deal",
                r#"{"$type":"app.bsky.embed.external","external":{"uri":"https://shop.example.com/deal","title":"Big deal","description":"x"}}"#.to_owned(),
                "See https://shop.example.com/deal",
            ),
            (
                "Ha",
                r#"{"$type":"app.bsky.embed.external","external":{"uri":"https://a.example/","title":"","description":""}}"#.to_owned(),
                "Ha\nhttps://a.example/",
            ),
            (
                "",
                r#"{"$type":"app.bsky.embed.external","external":{"uri":"https://a.example/","title":"Big\n[news] \u001b[1mtoday","description":""}}"#.to_owned(),
                "[Big news today](https://a.example/)",
            ),
            // A GIF of the app's picker (Tenor's), which it plays.
            (
                "",
                r#"{"$type":"app.bsky.embed.external","external":{"uri":"https://media.tenor.com/abc/tenor.gif?hh=200&ww=300","title":"Happy Dance GIF","description":"Alt: a cat dancing"}}"#.to_owned(),
                "[GIF]",
            ),
            (
                "Yes!",
                r#"{"$type":"app.bsky.embed.external","external":{"uri":"https://media.tenor.com/abc/tenor.gif?hh=200&ww=300","title":"Happy Dance GIF","description":"Alt: a cat dancing"}}"#.to_owned(),
                "Yes!\n[GIF]",
            ),
        ] {
            assert_eq!(
                records(post(text, &embed).as_bytes()).0[0].body,
                want,
                "{embed}"
            );
        }
    }

    #[test]
    fn link_facets_give_the_whole_address() {
        let text = "Café ☕ notes: example.com/very-long-pa... by @bob.test #rust, and my site!";
        let long = "https://example.com/very-long-path/to/the/notes?id=7";
        let facets = Value::from(vec![
            facet("mention", span(text, "@bob.test"), "did:plc:bob"),
            facet("link", span(text, "example.com/very-long-pa..."), long),
            facet("tag", span(text, "#rust"), "rust"),
            facet("link", span(text, "my site"), "https://me.example/"),
        ]);
        assert_eq!(
            full_links(text, Some(&facets)),
            format!(
                "Café ☕ notes: {long} by @bob.test #rust, and [my site](https://me.example/)!"
            )
        );
        // Other clients cut with "…"; a link whose text is its address stays.
        let text = "see bsky.app/profile/a.te… or https://x.example";
        let facets = Value::from(vec![
            facet(
                "link",
                span(text, "bsky.app/profile/a.te…"),
                "https://bsky.app/profile/a.test/post/3l6",
            ),
            facet("link", span(text, "https://x.example"), "https://x.example"),
        ]);
        assert_eq!(
            full_links(text, Some(&facets)),
            "see https://bsky.app/profile/a.test/post/3l6 or https://x.example"
        );
        // A disguised link's address in capitals still leads there: shown.
        let text = "refund: https://www.paypal.com/refund";
        let facets = Value::from(vec![facet(
            "link",
            span(text, "https://www.paypal.com/refund"),
            "HTTPS://evil.example/steal",
        )]);
        assert_eq!(
            full_links(text, Some(&facets)),
            "refund: [https://www.paypal.com/refund](https://evil.example/steal)"
        );
    }

    #[test]
    fn bad_facets_are_ignored() {
        let text = "é x.example/ab... y.example/cd...";
        let x = span(text, "x.example/ab...");
        let y = span(text, "y.example/cd...");
        let link = |r: std::ops::Range<usize>| facet("link", r, "https://x.example/abc");
        for facets in [
            // Inside a character (é is two bytes), past the end, empty, reversed.
            vec![link(1..x.end)],
            vec![link(x.start..text.len() + 1)],
            vec![link(x.start..x.start)],
            vec![link(x.end..x.start)],
            // Two links over the same bytes: which one is meant is unknown.
            vec![link(x.start..y.end), link(y.clone())],
            // Not a web address; no features; the wrong types.
            vec![facet(
                "link",
                x.clone(),
                "at://did:plc:a/app.bsky.feed.post/1",
            )],
            vec![serde_json::json!({"index": {"byteStart": x.start, "byteEnd": x.end}})],
            vec![serde_json::json!({"index": {"byteStart": "0", "byteEnd": -1}, "features": 3})],
            vec![Value::from("facet")],
        ] {
            let facets = Value::from(facets);
            assert_eq!(full_links(text, Some(&facets)), text, "{facets}");
        }
        assert_eq!(full_links(text, Some(&Value::from("facets"))), text);
        assert_eq!(full_links(text, None), text);
        // Around half of what one sees as a character: one letter of a
        // flag, the first emoji of a family, a letter without its accent.
        for (text, cut) in [
            ("go 🇯🇵 now", "go 🇯".len()),
            ("go 👨\u{200d}👩\u{200d}👧 now", "go 👨".len()),
            ("go cafe\u{301} now", "go cafe".len()),
        ] {
            let facets = Value::from(vec![link(3..cut)]);
            assert_eq!(full_links(text, Some(&facets)), text);
        }
        // A good one beside the bad ones still counts.
        let facets = Value::from(vec![link(x.end..x.start), link(x)]);
        assert_eq!(
            full_links(text, Some(&facets)),
            "é https://x.example/abc y.example/cd..."
        );
    }

    proptest::proptest! {
        #[test]
        fn facets_anywhere_never_panic(
            text in "[a-zé☕🦀 ./…]{0,24}",
            ranges in proptest::collection::vec((0usize..40, 0usize..40), 0..4),
        ) {
            let facets: Vec<Value> = ranges
                .into_iter()
                .map(|(s, e)| facet("link", s..e, "https://x.example/abc"))
                .collect();
            let _ = full_links(&text, Some(&Value::from(facets)));
        }
    }

    #[test]
    fn bodies_and_titles_show_whole_links() {
        let text = "new post: example.org/notes/2026/rel...";
        let facet = facet(
            "link",
            span(text, "example.org/notes/2026/rel..."),
            "https://example.org/notes/2026/release",
        );
        let post = minimal_post(0, None).replace(
            r#""text":"t""#,
            &format!(r#""text":{},"facets":[{facet}]"#, Value::from(text)),
        );
        let (got, _) = records(format!(r#"{{"thread":{{"post":{post}}}}}"#).as_bytes());
        let full = "new post: https://example.org/notes/2026/release";
        assert_eq!(got[0].body, full);
        assert_eq!(got[0].thread_title.as_deref(), Some(full));
    }

    never_panics!([Bluesky], &[THREAD, THREADS, NOTIFICATIONS, FEED]);
}
