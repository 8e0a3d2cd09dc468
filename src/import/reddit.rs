//! Reddit: the API's JSON of a post's comment page, of the inbox, and of
//! comment listings.
//!
//! - A comment page, `GET /comments/{article}.json` (or
//!   `https://www.reddit.com/r/<sub>/comments/<id>/.json`): an array of two
//!   Listings, `[0]` the post (`t3`), which is the thread and not an item,
//!   and `[1]` the comment tree (`t1` things, each with `replies` that is
//!   `""` or another Listing, and `more` stubs for comments the response
//!   left out).
//! - The inbox, `GET /message/inbox` (or `unread`, `comments`, `selfreply`,
//!   `mentions`): one Listing of `t1` things (comment replies, post replies,
//!   username mentions) without `link_id` or `permalink`: the post is named
//!   by `context` (`/r/SUB/comments/POST/SLUG/COMMENT/?context=3`), its
//!   title by `link_title`. A `username_mention` is a mention, the rest
//!   comments. Private messages (`t4`) are skipped ("message").
//! - Comment listings, `GET /user/{name}/comments`, `/user/{name}/overview`,
//!   `/r/{sub}/comments`: one Listing of `t1` things that name their post by
//!   `link_id`, `link_title` and `link_permalink` (how the owner's own
//!   replies come in). A post (`t3`) in an overview is a thread, not an item:
//!   its title and link are noted.
//!
//! Several responses are accepted one after another (JSON Lines) or as a
//! JSON array of responses (an array of two objects, the first holding no
//! more than a post, is a comment page). One function maps a comment,
//! whichever response it came in, so that the same comment read from its
//! page, the inbox or a listing is the same item:
//!
//! - ids are the base-36 ids without the `t1_`/`t3_` prefix; a comment whose
//!   `parent_id` is the post (`t3_…`) is top-level (`parent_id` None).
//! - the thread is the comment page's post, else the post `link_id` names,
//!   else the one in `context`, else a `parent_id` that is the post; a
//!   comment outside its page naming none of them is an error, at its
//!   `context` (quoted) when it has one that is no comment's path.
//! - `url` is `https://www.reddit.com` + `permalink`, else + `context`
//!   without its query, else the thread's link + the id.
//! - `author` is the username as the API gives it (no `u/`), `author_ids`
//!   the account's fullname (`t2_…`) when present.
//! - `body` is the comment's markdown, kept as text. Without `raw_json=1`
//!   Reddit escapes `&`, `<` and `>` in every string as `&amp;`, `&lt;`,
//!   `&gt;`; that escaping is undone (a response made with `raw_json=1` is
//!   recognised by its unescaped `body_html`, else the post's
//!   `selftext_html`, and left alone). Then the entities the markdown holds
//!   are decoded, as Reddit shows them (`&#x200B;`, which its editor writes
//!   for an empty paragraph, is gone).
//! - skipped: `[deleted]` comments ("deleted": deleted by their author, or
//!   their account was), `[removed]` ones ("removed": by moderators or
//!   Reddit; a moderator's fetch keeps their text and marks them `removed`
//!   or `spam`), comments by `AutoModerator` ("bot", as GitHub's bots), private
//!   messages ("message"), and `more` stubs ("more", counted as the number
//!   of comments they stand for: their `count`, the replies under the
//!   comments they list too). Replies under a deleted or skipped comment
//!   are still imported.

use super::shared::{contains, squash, unescape_markup};
use super::tree::{
    Doc, Obj, Stack, as_obj, child, field, index, kind_of, opt_arr, opt_bool, opt_obj, opt_str,
    push_children, read_documents, refuse_error, req_obj, req_str,
};
use crate::import::format::{self, Format, ImportError, Sink, Skipped};
use crate::model::{Kind, Record};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;

const PLATFORM: &str = "reddit";
const SITE: &str = "https://www.reddit.com";

/// Comment pages (`/comments/{article}.json`) and Listings of comments
/// (the inbox, a user's comments or overview, a subreddit's comments).
pub struct Reddit;

impl Format for Reddit {
    fn name(&self) -> &'static str {
        "reddit"
    }

    fn detect(&self, head: &[u8]) -> bool {
        let head = squash(head);
        let listing = br#"{"kind":"Listing""#;
        // With its keys sorted (`jq -S`), a Listing starts with its data.
        let sorted = br#"{"data":{"after":"#;
        // A comment page: an array of Listings, the first holding the post.
        // (Its keys sorted, a Listing's kind follows its data.)
        let comment_page = head.first() == Some(&b'[')
            && contains(&head, br#""kind":"Listing""#)
            && contains(&head, br#""kind":"t3""#);
        // A Listing of comments, messages or posts, alone or several in an
        // array (`jq -s`).
        let starts = |h: &[u8]| h.starts_with(listing) || h.starts_with(sorted);
        let listings = (starts(&head) || head.strip_prefix(b"[").is_some_and(starts))
            && [&br#""kind":"t1""#[..], br#""kind":"t4""#, br#""kind":"t3""#]
                .iter()
                .any(|thing| contains(&head, thing));
        // `/api/morechildren`, read to be refused (see `Reading::response`).
        let more_children = head.starts_with(br#"{"json":{"#) && contains(&head, br#""things""#);
        comment_page || listings || more_children
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
            let mut read = Reading {
                doc: &doc,
                sink: &mut *sink,
                skipped: &mut *skipped,
                more: &mut more,
            };
            match &root {
                // A JSON array of responses: comment pages (arrays) or
                // Listings (`jq -s` of an inbox's pages).
                Value::Array(items)
                    if items.first().is_some_and(Value::is_array) || !is_comment_page(items) =>
                {
                    for (i, response) in items.iter().enumerate() {
                        refuse_error(&doc, response, &index("", i))?;
                        read.response(response, &index("", i))?;
                    }
                }
                response => read.response(response, "")?,
            }
        }
        let left_out: Vec<&str> = (more.hidden.iter())
            .filter(|id| !more.read.contains(*id) && !more.answered.contains(*id))
            .map(String::as_str)
            .collect();
        if !left_out.is_empty() {
            skipped.skip_ids("more", left_out);
        }
        // The counts are the file's: added without wrapping.
        let beneath = (more.beneath.iter())
            .filter(|(ids, _)| !ids.iter().any(|id| more.read.contains(id)))
            .fold(0u64, |sum, (_, n)| sum.saturating_add(*n));
        if beneath > 0 {
            skipped.skip("more", beneath);
        }
        Ok(())
    }
}

/// Whether an array of objects is one comment page, the post's Listing
/// and the comments', rather than several Listings: two of them, the
/// first holding one thing, a post (an empty first one is a quiet page of
/// an inbox's, `jq -s`'d with the next). (Two pages of a user's
/// overview whose first holds only a post read the same either way: each
/// comment's thread is the post its `link_id` names.)
fn is_comment_page(items: &[Value]) -> bool {
    let first = items.first().and_then(|l| l.pointer("/data/children"));
    items.len() == 2
        && first.and_then(Value::as_array).is_some_and(|children| {
            children.len() == 1
                && (children.iter()).all(|c| c.get("kind").and_then(Value::as_str) == Some("t3"))
        })
}

/// The comments `more` stubs stand for, and the comments read: what a stub
/// hides is counted at the end of the file, less what another page of it
/// holds (a sub-thread's page appended, as "Getting the file" says).
#[derive(Default)]
struct More {
    hidden: Vec<String>,
    /// A stub's `count` beyond the ids it lists (the replies under those
    /// comments), by its ids: left out unless the file reads one of them
    /// (a page fetched for a hidden comment holds its replies). Keyed so
    /// that a page the file holds twice counts its stubs once.
    beneath: BTreeMap<Vec<String>, u64>,
    read: HashSet<String>,
    /// The comments (`t1_…`) the comments read answer: a "continue this
    /// thread" stub, named by the comment whose replies it stands for, left
    /// nothing out when the file holds a reply to that comment (its
    /// sub-thread's page, or a context page from further up).
    answered: HashSet<String>,
}

/// The post a comment hangs under: its thread.
#[derive(Clone)]
struct Thread {
    id: String,
    title: Option<String>,
    url: Option<String>,
}

/// What one response says of every comment in it.
struct Page {
    /// A comment page's post: the thread of its comments.
    post: Option<Thread>,
    /// Whether the response uses Reddit's legacy HTML escaping (no
    /// `raw_json=1`), for the strings that do not say themselves.
    escaped: bool,
}

/// One document being read, and where what it holds goes.
struct Reading<'a, 's> {
    doc: &'a Doc,
    sink: &'a mut Sink<'s>,
    skipped: &'a mut Skipped,
    more: &'a mut More,
}

impl Reading<'_, '_> {
    /// A comment page (an array of two Listings) or a Listing (an object).
    fn response(&mut self, response: &Value, path: &str) -> Result<(), ImportError> {
        match response {
            Value::Array(listings) => self.comment_page(listings, path),
            // `/api/morechildren`: its comments are things without a tree.
            Value::Object(o) if o.get("json").and_then(|j| j.get("data")).is_some() => {
                Err(self.doc.err(
                    &child(path, "json"),
                    "json",
                    "a /api/morechildren response (the comments a \"load more comments\" \
                     stub leaves out): ackbox does not read these; import the sub-thread's own \
                     comment page (/comments/ARTICLE/_/COMMENT.json), or the post's with a \
                     higher limit and depth",
                ))
            }
            Value::Object(_) => self.listing(response, path),
            other => Err(self.doc.err(
                path,
                "",
                format!(
                    "expected a Listing, or an array of two Listings (the post and its comments), \
                     found {}",
                    kind_of(other)
                ),
            )),
        }
    }

    /// `[post Listing, comments Listing]`.
    fn comment_page(&mut self, listings: &[Value], path: &str) -> Result<(), ImportError> {
        let doc = self.doc;
        let (Some(post_listing), Some(comment_listing)) = (listings.first(), listings.get(1))
        else {
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
        let page = read_post(doc, post_listing, &index(path, 0), comments)?;
        let children_path = child(&child(&comments_path, "data"), "children");
        self.walk(comments, &children_path, &page)
    }

    /// A Listing of comments (`t1`), messages (`t4`) and posts (`t3`).
    fn listing(&mut self, listing: &Value, path: &str) -> Result<(), ImportError> {
        let doc = self.doc;
        let children = listing_children(doc, listing, path)?;
        // Its strings are escaped as the first text's HTML is.
        let escaped = (children.iter())
            .filter_map(|c| {
                let data = c.get("data")?;
                data.get("body_html")
                    .or_else(|| data.get("selftext_html"))?
                    .as_str()
            })
            .map(legacy_escaped)
            .next()
            .unwrap_or(true);
        let page = Page {
            post: None,
            escaped,
        };
        self.walk(children, &child(&child(path, "data"), "children"), &page)
    }

    /// Reads `things` and the replies under them, depth-first in file
    /// order, with an explicit stack: comment trees can be as deep as the
    /// JSON parser allows and must not use the call stack.
    fn walk(&mut self, things: &[Value], path: &str, page: &Page) -> Result<(), ImportError> {
        let doc = self.doc;
        let mut stack: Stack = Vec::new();
        push_children(&mut stack, things, path, None);
        while let Some((thing, path, parent)) = stack.pop() {
            let thing_obj = as_obj(doc, thing, &path, "children")?;
            let kind = req_str(doc, thing_obj, &path, "kind")?;
            let data_path = child(&path, "data");
            match kind {
                "t1" | "t4" => {}
                "t3" => {
                    // A post in a listing (a user's overview): a thread, not an item.
                    let data = req_obj(doc, thing_obj, &path, "data")?;
                    let post = read_thread(doc, data, &data_path, page.escaped)?;
                    self.skipped.threads.push(format::Thread {
                        platform: PLATFORM.to_owned(),
                        id: post.id,
                        title: post.title,
                        url: post.url,
                    });
                    continue;
                }
                "more" => {
                    self.more_stub(thing_obj, &path)?;
                    continue;
                }
                _ => {
                    self.skipped.skip("unsupported", 1);
                    continue;
                }
            }
            let data = req_obj(doc, thing_obj, &path, "data")?;
            let id = req_str(doc, data, &data_path, "id")?;

            // Replies are read (and type-checked) before the thing is handed
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
            if kind == "t4" {
                // A private message: a conversation, not a comment.
                self.skipped.skip_ids("message", [id]);
            } else {
                self.comment(data, &data_path, id, parent, page, &path)?;
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

    /// A stub for comments left out of the response ("load more comments",
    /// "continue this thread"): counts what it hides.
    fn more_stub(&mut self, thing: &Obj, path: &str) -> Result<(), ImportError> {
        let doc = self.doc;
        let data_path = child(path, "data");
        let mut hidden: Vec<&str> = Vec::new();
        if let Some(data) = opt_obj(doc, thing, path, "data")? {
            let children = opt_arr(doc, data, &data_path, "children")?;
            hidden.extend(
                children
                    .iter()
                    .flat_map(|c| c.iter())
                    .filter_map(Value::as_str),
            );
            // `count` is every comment the stub hides, the replies under
            // the ones it lists too.
            let count = data.get("count").and_then(Value::as_u64).unwrap_or(0);
            let beneath = count.saturating_sub(hidden.len() as u64);
            if beneath > 0 && !hidden.is_empty() {
                let ids = hidden.iter().map(|id| (*id).to_owned()).collect();
                self.more.beneath.insert(ids, beneath);
            }
            if hidden.is_empty() {
                // "Continue this thread" names none: the comment it hangs
                // under stands for it.
                hidden.extend(opt_str(doc, data, &data_path, "parent_id")?);
            }
        }
        if hidden.is_empty() {
            self.skipped.skip("more", 1);
        }
        (self.more.hidden).extend(hidden.into_iter().map(str::to_owned));
        Ok(())
    }

    /// A comment (`t1`), from whichever response: imported, or skipped
    /// as deleted, removed or a bot's.
    fn comment(
        &mut self,
        data: &Obj,
        data_path: &str,
        id: &str,
        structural_parent: Option<String>,
        page: &Page,
        path: &str,
    ) -> Result<(), ImportError> {
        let doc = self.doc;
        self.more.read.insert(id.to_owned());
        if let Some(answered) = opt_str(doc, data, data_path, "parent_id")? {
            self.more.answered.insert(answered.to_owned());
        }
        let author = req_str(doc, data, data_path, "author")?;
        let raw_body = opt_str(doc, data, data_path, "body")?.unwrap_or("");
        // A moderator's fetch keeps a removed comment's text and says so.
        let moderated = opt_bool(doc, data, data_path, "removed")? == Some(true)
            || opt_bool(doc, data, data_path, "spam")? == Some(true);
        let gone = if moderated || is_removed(raw_body) {
            Some("removed")
        } else if raw_body.trim() == "[deleted]" || author == "[deleted]" {
            Some("deleted")
        } else {
            None
        };
        match gone {
            Some(reason) => self.skipped.gone(reason, PLATFORM, id),
            None if is_bot(author) => self.skipped.skip_ids("bot", [id]),
            None => {
                let record = comment_record(
                    doc,
                    data,
                    data_path,
                    id,
                    author,
                    raw_body,
                    structural_parent,
                    page,
                )?;
                (self.sink)(record, doc.pos(path))?;
            }
        }
        Ok(())
    }
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

/// The post (`t3`) of a comment page's first Listing.
fn read_post(
    doc: &Doc,
    listing: &Value,
    path: &str,
    comments: &[Value],
) -> Result<Page, ImportError> {
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
    Ok(Page {
        post: Some(read_thread(doc, data, &data_path, escaped)?),
        escaped,
    })
}

/// A post's `data` as a thread: its id, title and permalink.
fn read_thread(doc: &Doc, data: &Obj, path: &str, escaped: bool) -> Result<Thread, ImportError> {
    let id = req_str(doc, data, path, "id")?;
    let escaped = match opt_str(doc, data, path, "selftext_html")? {
        Some(html) => legacy_escaped(html),
        None => escaped,
    };
    let title = opt_str(doc, data, path, "title")?.map(|t| unescape(t, escaped).into_owned());
    let url = opt_str(doc, data, path, "permalink")?.map(absolute);
    Ok(Thread {
        id: id.to_owned(),
        title,
        url,
    })
}

/// The one mapping of a comment to an item, whichever response it came in
/// (a comment page, the inbox, a user's or a subreddit's comments), so that
/// the same comment read from any of them is the same item.
#[allow(clippy::too_many_arguments)]
fn comment_record(
    doc: &Doc,
    data: &Obj,
    path: &str,
    id: &str,
    author: &str,
    raw_body: &str,
    structural_parent: Option<String>,
    page: &Page,
) -> Result<Record, ImportError> {
    let created_at = timestamp(doc, data, path, "created_utc")?;
    let escaped = match opt_str(doc, data, path, "body_html")? {
        Some(html) => legacy_escaped(html),
        None => page.escaped,
    };
    // Reddit's markdown shows an entity as its character: the
    // `&#x200B;` its editor writes for an empty paragraph is none.
    let markdown = unescape(raw_body, escaped);
    let mut body = crate::text::entities_decoded(&literal_code(&markdown));
    // Decoded, the text is trimmed: the indent that makes a first line
    // code (four spaces, a tab) is put back.
    let first = markdown
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let indent = &first[..first.len() - first.trim_start_matches([' ', '\t']).len()];
    if !indent.is_empty() && !body.starts_with(indent) {
        body.insert_str(0, indent);
    }
    let mut record = Record::new(PLATFORM, id, author, &media_shown(&body), created_at);
    record.parent_id = match opt_str(doc, data, path, "parent_id")? {
        Some(p) if p.starts_with("t3_") => None,
        Some(p) => Some(p.strip_prefix("t1_").unwrap_or(p).to_owned()),
        None => structural_parent,
    };
    let context = context_of(doc, data, path)?;
    let thread = thread_of(doc, data, path, page, context.as_ref(), escaped)?;
    if let Some(fullname) = opt_str(doc, data, path, "author_fullname")? {
        record.author_ids.push(fullname.to_owned());
    }
    record.url = match (opt_str(doc, data, path, "permalink")?, &context) {
        (Some(permalink), _) => Some(absolute(permalink)),
        (None, Some(context)) => Some(absolute(context.comment)),
        (None, None) => (thread.url.as_ref()).map(|u| format!("{}/{id}/", u.trim_end_matches('/'))),
    };
    record.thread_id = Some(thread.id);
    record.thread_title = thread.title;
    record.thread_url = thread.url;
    // The inbox says which comments name the owner (`u/NAME`).
    record.kind = match opt_str(doc, data, path, "type")? {
        Some("username_mention") => Kind::Mention,
        _ => Kind::Comment,
    };
    Ok(record)
}

/// The post a comment hangs under: its comment page's post, else the one
/// its own fields name: `link_id`, `link_title` and `link_permalink` (a
/// user's or a subreddit's comments), or `context` and `link_title` (the
/// inbox), or else a `parent_id` that is the post (with no link).
fn thread_of(
    doc: &Doc,
    data: &Obj,
    path: &str,
    page: &Page,
    context: Option<&Context<'_>>,
    escaped: bool,
) -> Result<Thread, ImportError> {
    let link = (opt_str(doc, data, path, "link_id")?)
        .map(|l| l.strip_prefix("t3_").unwrap_or(l))
        .filter(|l| !l.is_empty());
    if let Some(post) = &page.post
        && link.is_none_or(|l| l == post.id)
    {
        return Ok(post.clone());
    }
    let parent = (opt_str(doc, data, path, "parent_id")?)
        .and_then(|p| p.strip_prefix("t3_"))
        .filter(|p| !p.is_empty());
    let Some(id) = link.or(context.map(|c| c.post)).or(parent) else {
        let at = if field(data, "context").is_some() {
            "context"
        } else {
            "link_id"
        };
        return Err(doc.err(
            &child(path, at),
            at,
            match opt_str(doc, data, path, "context")? {
                Some(context) => format!(
                    "expected a comment's path, /r/SUB/comments/POST/SLUG/COMMENT/, found {}; \
                     and no link_id names the post",
                    crate::text::quoted(&crate::text::truncate(context, 100))
                ),
                None => "missing: a comment outside its post's page names the post by link_id \
                         (or, in the inbox, by context)"
                    .to_owned(),
            },
        ));
    };
    let title = opt_str(doc, data, path, "link_title")?.map(|t| unescape(t, escaped).into_owned());
    let url = match (opt_str(doc, data, path, "link_permalink")?, context) {
        (Some(permalink), _) => Some(absolute(permalink)),
        (None, Some(context)) if context.post == id => Some(absolute(context.thread)),
        (None, _) => None,
    };
    Ok(Thread {
        id: id.to_owned(),
        title,
        url,
    })
}

/// An inbox comment's `context`, `/r/SUB/comments/POST/SLUG/COMMENT/?context=3`.
struct Context<'a> {
    /// The post's id.
    post: &'a str,
    /// The post's path, `/r/SUB/comments/POST/SLUG/`.
    thread: &'a str,
    /// The comment's path, without the query.
    comment: &'a str,
}

/// The `context` of a comment, when it has one that is a comment's path
/// (one that is not is left for `link_id` or `parent_id` to name the post).
fn context_of<'a>(
    doc: &Doc,
    data: &'a Obj,
    path: &str,
) -> Result<Option<Context<'a>>, ImportError> {
    Ok(opt_str(doc, data, path, "context")?.and_then(parse_context))
}

/// `/r/SUB/comments/POST/SLUG/COMMENT/?context=3` (or `/user/NAME/…`, a
/// profile's post) as its post and paths; `None` for anything else.
fn parse_context(context: &str) -> Option<Context<'_>> {
    let comment = context.split(['?', '#']).next()?;
    if !comment.starts_with('/') {
        return None;
    }
    let base36 = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric());
    let mut parts = comment[1..].split('/');
    let (place, name, comments, post, slug, _comment_id) = (
        parts.next()?,
        parts.next().filter(|n| !n.is_empty())?,
        parts.next()?,
        parts.next().filter(|p| base36(p))?,
        parts.next().filter(|s| !s.is_empty())?,
        parts.next().filter(|c| base36(c))?,
    );
    if !matches!(place, "r" | "user" | "u")
        || comments != "comments"
        || parts.any(|p| !p.is_empty())
    {
        return None;
    }
    // `/` and each part up to the slug with its `/`.
    let thread_end = 1 + [place, name, comments, post, slug]
        .iter()
        .map(|part| part.len() + 1)
        .sum::<usize>();
    Some(Context {
        post,
        thread: &comment[..thread_end],
        comment,
    })
}

/// Reddit's built-in moderation bot: its sticky comment ("Your post has been
/// approved…", the subreddit's rules) heads almost every post's comments
/// and needs no reply, as GitHub's bots' comments need none.
fn is_bot(author: &str) -> bool {
    author.eq_ignore_ascii_case("AutoModerator")
}

/// `[removed]` (moderators) or `[ Removed by Reddit ]` (admins), with or
/// without why: "[ Removed by Reddit on account of violating the [content
/// policy](/help/contentpolicy). ]", "… in response to a copyright notice. ]".
fn is_removed(body: &str) -> bool {
    // The whole notice: no comment that starts like one ("[Removed by
    // Reddit] happened to me too [serious]").
    static NOTICE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^\[\s*Removed by Reddit(?:\s+(?:on account of|in response to)\b(?:[^\]\[]|\[[^\]]*\]\([^)]*\))*)?\s*\]$",
        )
        .expect("a constant, valid regex")
    });
    let body = body.trim();
    body == "[removed]" || NOTICE.is_match(body)
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

/// A comment's media as Reddit shows them, not as their markdown: a GIF
/// (`![gif](giphy|ID)`) as `[GIF]`, an emote (`![img](emote|t5_…|ID)`) as
/// `[sticker]`, an uploaded image (`![img](MEDIA_ID)`) as `[image]`. An
/// image of an address, which Reddit shows as a link, stays as written.
fn media_shown(body: &str) -> std::borrow::Cow<'_, str> {
    super::shared::markdown_images(body, |dest, _| {
        let kind = match dest.split('|').next() {
            Some("giphy") => "GIF",
            Some("emote") => "sticker",
            Some(id) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric()) => "image",
            _ => return None,
        };
        Some(format!("[{kind}]"))
    })
}

/// The markdown with each `&` of its code written `&amp;`: Reddit shows
/// an entity in code as typed, and decoding gives the `&` back.
fn literal_code(markdown: &str) -> Cow<'_, str> {
    let code = crate::analysis::scan::code_spans(markdown);
    if !code.iter().any(|span| markdown[span.clone()].contains('&')) {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut at = 0;
    for span in &code {
        if span.start < at {
            continue;
        }
        out.push_str(&markdown[at..span.start]);
        out.push_str(&markdown[span.clone()].replace('&', "&amp;"));
        at = span.end;
    }
    out.push_str(&markdown[at..]);
    Cow::Owned(out)
}

/// Whether a `body_html`/`selftext_html` is itself escaped (`&lt;div…`), as
/// Reddit does to every string unless the request said `raw_json=1`.
fn legacy_escaped(html: &str) -> bool {
    html.trim_start().starts_with("&lt;")
}

/// Undoes Reddit's legacy escaping, when the response has it.
fn unescape(s: &str, escaped: bool) -> Cow<'_, str> {
    if escaped {
        unescape_markup(s)
    } else {
        Cow::Borrowed(s)
    }
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
    /// `/message/inbox` without `raw_json=1`.
    const INBOX: &[u8] = fixture!("reddit/api_inbox.json");
    /// `/user/alex_example/comments?raw_json=1`.
    const USER_COMMENTS: &[u8] = fixture!("reddit/api_user_comments.json");
    /// `/user/alex_example/overview` without `raw_json=1`: posts and comments.
    const OVERVIEW: &[u8] = fixture!("reddit/api_user_overview.json");

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
    fn a_moderators_fetch_of_removed_comments_keeps_them_out() {
        // A moderator's token shows removed comments with their text, marked.
        let text = String::from_utf8(COMMENTS.to_vec())
            .unwrap()
            .replacen(
                r#""id": "lq1o6p7", "banned_at_utc": null"#,
                r#""id": "lq1o6p7", "removed": true, "spam": false, "banned_at_utc": 1727792500"#,
                1,
            )
            .replacen(
                r#""id": "lq1w4x5", "banned_at_utc": null"#,
                r#""id": "lq1w4x5", "removed": false, "spam": true, "banned_at_utc": null"#,
                1,
            );
        let (records, skipped) = ok(text.as_bytes());
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["lq1a2b3", "lq1c4d5", "lq1e6f7", "lq1i0j1"]);
        assert_eq!(skipped.counts.get("removed"), Some(&3));
        assert!(
            skipped
                .gone
                .contains_key(&("reddit".to_owned(), "lq1o6p7".to_owned()))
        );
        assert!(
            skipped
                .gone
                .contains_key(&("reddit".to_owned(), "lq1w4x5".to_owned()))
        );
        // Approved, or seen by anyone else: kept.
        let approved = text.replace(r#""removed": true"#, r#""removed": false"#);
        assert!(ok(approved.as_bytes()).0.iter().any(|r| r.id == "lq1o6p7"));
    }

    /// Reddit shows an entity in code as typed: `&amp;lt;` in a code
    /// span reads `&amp;lt;`, outside it `&lt;` reads `<`.
    #[test]
    fn entities_in_code_are_shown_as_typed() {
        let page = |body: &str| {
            format!(
                r#"[{{"kind":"Listing","data":{{"children":[{{"kind":"t3","data":{{"id":"p"}}}}]}}}},{{"kind":"Listing","data":{{"children":[{{"kind":"t1","data":{{"id":"c1","author":"a","body":{},"body_html":"<div>x</div>","created_utc":1,"parent_id":"t3_p","replies":""}}}}]}}}}]"#,
                serde_json::to_string(body).unwrap()
            )
        };
        for (typed, shown) in [
            (
                "Escape it as `&amp;lt;` &lt;here&gt;, e.g. `a &amp;&amp; b`",
                "Escape it as `&amp;lt;` <here>, e.g. `a &amp;&amp; b`",
            ),
            (
                "    code &lt;here&gt;\n\nthen &amp; more",
                "    code &lt;here&gt;\n\nthen & more",
            ),
        ] {
            let (records, _) = ok(page(typed).as_bytes());
            assert_eq!(records[0].body, shown, "{typed}");
        }
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
        assert_eq!(pos, &Position::Path("1: [1].data.children[0]".into()));
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

    /// A GIF, an emote and an uploaded image are shown as what they are,
    /// not as their markdown; an image of an address stays a link.
    #[test]
    fn media_are_shown_as_what_they_are() {
        for (body, shown) in [
            ("![gif](giphy|3o7TKSjRrfIPjeiVyM)", "[GIF]"),
            ("lol ![gif](giphy|3o7TK|downsized)", "lol [GIF]"),
            ("![img](emote|t5_2th52|1234)", "[sticker]"),
            (
                "Mine:\n\n![img](k3tq9mtxh5zd1 \"my setup\")",
                "Mine:\n\n[image]",
            ),
            (
                "![cat](https://i.imgur.com/x.png)",
                "![cat](https://i.imgur.com/x.png)",
            ),
            ("`![gif](giphy|x)`", "`![gif](giphy|x)`"),
        ] {
            assert_eq!(media_shown(body), shown, "{body}");
        }
    }

    /// A comment that starts with code keeps the indent that makes it code:
    /// what is in it is not read as media.
    #[test]
    fn a_comment_that_starts_with_code_keeps_it() {
        for typed in [
            "    code line\\n    ![gif](giphy|abc)",
            "\\t![gif](giphy|abc)",
        ] {
            let file = std::str::from_utf8(RAW_JSONL).unwrap().replacen(
                "\"body\":\"Spreadsheets & sticky notes",
                &format!("\"body\":\"{typed}\\n\\nSpreadsheets & sticky notes"),
                1,
            );
            let (records, _) = read(file.as_bytes()).unwrap();
            let expected = typed.replace("\\n", "\n").replace("\\t", "\t");
            assert!(
                records[0].0.body.starts_with(&expected),
                "{:?}",
                records[0].0.body
            );
        }
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
            // A Reddit data request's CSV, which names the fields too.
            b"id,permalink,date,ip,subreddit,gildings,link,parent,body,media\nlx1,https://www.reddit.com/r/a/comments/1/x/lx1/,2024-11-25 20:03:20 UTC,,a,0,https://www.reddit.com/r/a/comments/1/x/,t1_lx0,Thanks,\n",
            // A thing without its Listing; a Listing further in.
            br#"{"kind":"t1","data":{"id":"lx1"}}"#,
            br#"{"data":{"kind":"Listing","data":{"children":[{"kind":"t1"}]}}}"#,
        ];
        assert_detects_only(&Reddit, 300, not);
    }

    /// `jq -S` sorts a Listing's keys: its `kind` comes last, after its
    /// data. Every sample reads the same so.
    #[test]
    fn files_with_sorted_keys_read_the_same() {
        for file in [COMMENTS, RAW_JSONL, INBOX, USER_COMMENTS, OVERVIEW] {
            // A document, or JSON Lines of them.
            let sorted: String = match serde_json::from_slice::<Value>(file) {
                Ok(doc) => doc.to_string(),
                Err(_) => (std::str::from_utf8(file).unwrap().lines())
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| serde_json::from_str::<Value>(l).unwrap().to_string() + "\n")
                    .collect(),
            };
            assert!(
                sorted.starts_with(r#"{"data":{"after""#)
                    || sorted.starts_with(r#"[{"data":{"after""#),
                "{}",
                &sorted[..40]
            );
            assert!(Reddit.detect(sorted.as_bytes()), "{}", &sorted[..80]);
            assert_eq!(ok(sorted.as_bytes()).0, ok(file).0);
        }
        // Comment pages `jq -s -S`'d: an array of them, sorted.
        let page: Value = serde_json::from_slice(COMMENTS).unwrap();
        let pages = Value::Array(vec![page.clone(), page]).to_string();
        assert!(
            pages.starts_with(r#"[[{"data":{"after""#),
            "{}",
            &pages[..40]
        );
        assert!(Reddit.detect(pages.as_bytes()));
        assert_eq!(ok(pages.as_bytes()).0.len(), ok(COMMENTS).0.len() * 2);
    }

    /// An inbox's quiet page and the next, `jq -s`'d: two Listings, not a
    /// comment page whose post is missing.
    #[test]
    fn an_empty_listing_first_in_an_array_is_a_quiet_page() {
        let inbox = std::str::from_utf8(INBOX).unwrap().trim();
        let both =
            format!(r#"[{{"kind":"Listing","data":{{"after":null,"children":[]}}}},{inbox}]"#);
        assert_eq!(ok(both.as_bytes()).0, ok(INBOX).0);
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
        assert_eq!(err.to_string(), "data: missing");
        // `/api/morechildren`'s answer is found to be Reddit's, and refused
        // as what it is.
        let more = br#"{"json": {"errors": [], "data": {"things": [{"kind": "t1", "data": {"id": "lx9"}}]}}}"#;
        assert!(Reddit.detect(more));
        let err = read(more).unwrap_err();
        assert!(
            err.message.starts_with("a /api/morechildren response"),
            "{err}"
        );
        let err = read(b"7").unwrap_err();
        assert_eq!(err.position, Some(Position::Path("$".into())));
        assert!(err.message.contains("expected a Listing"), "{err}");
        let err = read(br#"{"kind": "t1", "data": {}}"#).unwrap_err();
        assert_eq!(err.to_string(), "kind: expected \"Listing\", found \"t1\"");
        let err = read(
            br#"[[{"kind": "Listing", "data": {"children": []}}, {"kind": "Listing", "data": {}}]]"#,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "[0][0].data.children[0]: children: the first Listing holds no post"
        );
        let err = read(b"[[],[]]\n[1]").unwrap_err();
        assert_eq!(err.position, Some(Position::Path("1: [0]".into())), "{err}");
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
        // A stub's `count` holds the replies under the comments it lists:
        // left out with them, read with them.
        let deeper = post.replace(r#""count":3"#, r#""count":57"#);
        let (_, skipped) = ok(deeper.as_bytes());
        assert_eq!(skipped.counts.get("more"), Some(&57));
        let (_, skipped) = ok(format!("{deeper}\n{sub_thread}\n").as_bytes());
        assert_eq!(skipped.counts.get("more"), Some(&1));
        // The page fetched twice (appended with `>>`) leaves out as much.
        let (_, skipped) = ok(format!("{deeper}\n{deeper}\n").as_bytes());
        assert_eq!(skipped.counts.get("more"), Some(&57));
        // Counts near the largest number add up without wrapping.
        let huge = post.replace(r#""count":3"#, &format!(r#""count":{}"#, u64::MAX - 2));
        let other = huge
            .replace("m1", "n1")
            .replace("m2", "n2")
            .replace("m3", "n3");
        let (_, skipped) = ok(format!("{huge}\n{other}\n").as_bytes());
        assert_eq!(skipped.counts.get("more"), Some(&u64::MAX));
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

    #[test]
    fn inbox_replies_and_mentions() {
        let (got, skipped) = read(INBOX).unwrap();
        let ids: Vec<&str> = got.iter().map(|(r, _)| r.id.as_str()).collect();
        assert_eq!(ids, ["lt3b7kd", "lt2m9qx", "lq1e6f7", "lq1a2b3"]);
        assert_eq!(got[1].1, Position::Path("data.children[1]".into()));
        // A private message and AutoModerator's post reply.
        let expected: std::collections::BTreeMap<String, u64> =
            [("message".into(), 1), ("bot".into(), 1)].into();
        assert_eq!(skipped.counts, expected);
        let records: Vec<Record> = got.into_iter().map(|(r, _)| r).collect();

        // A comment reply: the thread from `context` and `link_title`.
        let reply = by_id(&records, "lt3b7kd");
        assert_eq!(reply.parent_id.as_deref(), Some("lr0bbbb"));
        assert_eq!(reply.thread_id.as_deref(), Some("1g0abcd"));
        assert_eq!(
            reply.thread_title.as_deref(),
            Some("What do you use to track replies? (<3 the CLI & TUIs)")
        );
        let thread_url = "https://www.reddit.com/r/commandline/comments/1g0abcd/what_do_you_use_to_track_replies/";
        assert_eq!(reply.thread_url.as_deref(), Some(thread_url));
        assert_eq!(
            reply.url.as_deref(),
            Some(format!("{thread_url}lt3b7kd/").as_str())
        );
        assert_eq!(
            (reply.author.as_str(), reply.author_ids.as_slice()),
            ("mx_lopez", &["t2_9mxlopez".to_owned()][..])
        );
        assert_eq!(
            reply.body,
            "Good point, I'll try the JSON Lines import 👍\n\nDoes `--dry-run` work with it too?"
        );
        assert_eq!(reply.created_at, ts("2024-10-20T04:55:12Z"));
        assert_eq!(reply.kind, Kind::Comment);

        // A username mention, top-level on someone else's post.
        let mention = by_id(&records, "lt2m9qx");
        assert_eq!(mention.kind, Kind::Mention);
        assert_eq!(mention.parent_id, None);
        assert_eq!(mention.thread_id.as_deref(), Some("1g5rt7n"));
        assert_eq!(
            mention.body,
            "Have you tried ackbox? u/alex_example wrote it & it's great for exactly this."
        );

        // A post reply is top-level.
        let post_reply = by_id(&records, "lq1a2b3");
        assert_eq!(
            (post_reply.parent_id.as_ref(), post_reply.kind),
            (None, Kind::Comment)
        );
        assert_eq!(post_reply.thread_id.as_deref(), Some("1fx3k2q"));
    }

    /// A comment is the same item whichever response brings it: its comment
    /// page, the inbox, a user's comments or overview, escaped or not.
    #[test]
    fn a_comment_reads_the_same_from_every_response() {
        let page = ok(COMMENTS).0;
        let inbox = ok(INBOX).0;
        let mine = ok(USER_COMMENTS).0;
        let overview = ok(OVERVIEW).0;
        for id in ["lq1a2b3", "lq1e6f7"] {
            assert_eq!(by_id(&inbox, id), by_id(&page, id), "{id}");
        }
        assert_eq!(by_id(&mine, "lq1c4d5"), by_id(&page, "lq1c4d5"));
        // Fetched with raw_json=1 and without.
        assert_eq!(by_id(&mine, "lt4c8le"), by_id(&overview, "lt4c8le"));
        // The inbox's post reply as the post's page has it, with its
        // replies: only the mention says more (what the inbox calls it).
        let mut mention = by_id(&inbox, "lt2m9qx").clone();
        mention.kind = Kind::Comment;
        let listed = r#"{"kind":"Listing","data":{"children":[{"kind":"t1","data":{"id":"lt2m9qx","author":"sam_k_writes","author_fullname":"t2_4samkw","body":"Have you tried ackbox? u/alex_example wrote it &amp; it's great for exactly this.","body_html":"&lt;div class=\"md\"&gt;…","created_utc":1729380005.0,"parent_id":"t3_1g5rt7n","link_id":"t3_1g5rt7n","link_title":"Which TUI do you use for social media?","link_permalink":"https://www.reddit.com/r/commandline/comments/1g5rt7n/which_tui_do_you_use_for_social_media/","permalink":"/r/commandline/comments/1g5rt7n/which_tui_do_you_use_for_social_media/lt2m9qx/","replies":""}}]}}"#;
        assert_eq!(ok(listed.as_bytes()).0, [mention]);
    }

    #[test]
    fn private_messages_are_skipped_and_counted_once() {
        let message = |id: &str, replies: &str| {
            format!(
                r#"{{"kind":"t4","data":{{"id":"{id}","name":"t4_{id}","author":"recruiter_bob","body":"Hi","created_utc":1729300000.0,"was_comment":false,"context":"","replies":{replies}}}}}"#
            )
        };
        let thread = message(
            "2bx9k1z",
            &format!(
                r#"{{"kind":"Listing","data":{{"children":[{}]}}}}"#,
                message("2bx9k2a", r#""""#)
            ),
        );
        let page = format!(r#"{{"kind":"Listing","data":{{"children":[{thread}]}}}}"#);
        let (records, skipped) = ok(format!("{page}\n{page}\n").as_bytes());
        assert!(records.is_empty());
        assert_eq!(skipped.counts, [("message".to_owned(), 2)].into());
        assert!(skipped.gone.is_empty());
    }

    #[test]
    fn contexts_name_the_post_and_the_comment() {
        let c = parse_context(
            "/r/commandline/comments/1g0abcd/what_do_you_use_to_track_replies/lt3b7kd/?context=3",
        )
        .unwrap();
        assert_eq!(c.post, "1g0abcd");
        assert_eq!(
            c.thread,
            "/r/commandline/comments/1g0abcd/what_do_you_use_to_track_replies/"
        );
        assert_eq!(
            c.comment,
            "/r/commandline/comments/1g0abcd/what_do_you_use_to_track_replies/lt3b7kd/"
        );
        // A post on a profile; no trailing slash, a fragment.
        let c = parse_context("/user/alex_example/comments/1h2i3j4/hello/lv5w6x7#x").unwrap();
        assert_eq!(
            (c.post, c.thread),
            ("1h2i3j4", "/user/alex_example/comments/1h2i3j4/hello/")
        );
        for bad in [
            "",
            "?context=3",
            "r/rust/comments/1fx3k2q/slug/lq1a2b3/",
            "/r/rust/comments/1fx3k2q/",
            "/r/rust/comments/1fx3k2q/slug/",
            "/r/rust/comments//slug/lq1a2b3/",
            "/r/rust/commentz/1fx3k2q/slug/lq1a2b3/",
            "/r/rust/comments/1fx3k2q/slug/lq1a2b3/more/",
            "/r/rust/comments/1fx%3k/slug/lq1a2b3/",
            "/message/messages/2bx9k1z",
            "https://www.reddit.com/r/rust/comments/1fx3k2q/slug/lq1a2b3/",
            "/r/ü/comments/ü/ü/ü/",
        ] {
            assert!(parse_context(bad).is_none(), "{bad}");
        }
    }

    /// A `context` that is not a comment's path: the post is named by
    /// `link_id`, else by a `parent_id` that is the post; else an error at
    /// the context, which it quotes.
    #[test]
    fn a_context_that_does_not_parse() {
        let inbox = |extra: &str| {
            format!(
                r#"{{"kind":"Listing","data":{{"children":[{{"kind":"t1","data":{{"id":"lt9","author":"a","body":"b","created_utc":1729400000.0,"type":"comment_reply","link_title":"T","context":"/r/rust/what\u001b[2J","parent_id":"t1_lt8"{extra},"replies":""}}}}]}}}}"#
            )
        };
        let (records, _) = ok(inbox(r#","link_id":"t3_1fx3k2q""#).as_bytes());
        let r = &records[0];
        assert_eq!(
            (r.thread_id.as_deref(), r.thread_title.as_deref()),
            (Some("1fx3k2q"), Some("T"))
        );
        assert_eq!((r.thread_url.as_ref(), r.url.as_ref()), (None, None));
        // An empty link_id names no post.
        let err = read(inbox(r#","link_id":"t3_""#).as_bytes()).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("context"), "{err}");
        let post_reply = inbox("").replace("t1_lt8", "t3_1g5rt7n");
        let (records, _) = ok(post_reply.as_bytes());
        assert_eq!(records[0].thread_id.as_deref(), Some("1g5rt7n"));
        let err = read(inbox("").as_bytes()).unwrap_err();
        assert_eq!(
            err.position,
            Some(Position::Path("data.children[0].data.context".into()))
        );
        assert!(
            err.message.contains(r#"found "/r/rust/what\u{1b}[2J""#),
            "{err}"
        );
        let err = read(
            inbox("")
                .replace(r#""context":"/r/rust/what\u001b[2J","#, "")
                .as_bytes(),
        )
        .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("link_id"), "{err}");
        let err = read(
            inbox("")
                .replace(r#""/r/rust/what\u001b[2J""#, "3")
                .as_bytes(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "data.children[0].data.context: expected a string, found a number"
        );
    }

    #[test]
    fn a_users_comments_name_their_post() {
        let (records, skipped) = ok(USER_COMMENTS);
        assert_eq!(skipped, Skipped::default());
        let r = by_id(&records, "lt4c8le");
        assert_eq!(
            (r.author.as_str(), r.author_ids.as_slice(), r.own),
            ("alex_example", &["t2_8x1owner".to_owned()][..], None)
        );
        assert_eq!(r.parent_id.as_deref(), Some("lt3b7kd"));
        assert_eq!(r.thread_id.as_deref(), Some("1g0abcd"));
        assert_eq!(
            r.thread_title.as_deref(),
            Some("What do you use to track replies? (<3 the CLI & TUIs)")
        );
        assert_eq!(
            r.thread_url.as_deref(),
            Some(
                "https://www.reddit.com/r/commandline/comments/1g0abcd/what_do_you_use_to_track_replies/"
            )
        );
        assert_eq!(
            r.url.as_deref(),
            Some(
                "https://www.reddit.com/r/commandline/comments/1g0abcd/what_do_you_use_to_track_replies/lt4c8le/"
            )
        );
        assert_eq!(
            r.body,
            "Thanks mx_lopez! Yes: `--dry-run` says what would change & writes nothing."
        );
        assert_eq!(r.created_at, ts("2024-10-20T05:55:12.25Z"));
        // raw_json=1: as typed, `&` and all.
        assert_eq!(
            by_id(&records, "lq1c4d5").body,
            "Thanks u/ferris_fan! Yes: `&`, `<` and `>` come back as typed."
        );
    }

    /// A user's overview: its posts are threads (their titles and links
    /// noted), its comments items.
    #[test]
    fn an_overviews_posts_are_threads() {
        let (got, skipped) = read(OVERVIEW).unwrap();
        let ids: Vec<(&str, &Position)> = got.iter().map(|(r, p)| (r.id.as_str(), p)).collect();
        assert_eq!(
            ids,
            [
                ("lu0x1yz", &Position::Path("data.children[0]".into())),
                ("lt4c8le", &Position::Path("data.children[2]".into()))
            ]
        );
        assert!(skipped.counts.is_empty(), "{skipped:?}");
        assert_eq!(
            skipped.threads,
            [format::Thread {
                platform: "reddit".into(),
                id: "1gq2w8e".into(),
                title: Some("ackbox 0.4 reads your Reddit inbox (& knows what you answered)".into()),
                url: Some("https://www.reddit.com/r/rust/comments/1gq2w8e/ackbox_04_reads_your_reddit_inbox_knows_what_you/".into()),
            }]
        );
        let comment = &got[0].0;
        assert_eq!(
            comment.thread_title.as_deref(),
            skipped.threads[0].title.as_deref()
        );
        assert_eq!(comment.thread_url, skipped.threads[0].url);
        assert_eq!(comment.body, "It's in 0.4: `ackbox import inbox.json`.");
    }

    /// `/r/SUB/comments`: the newest comments on any post, skipped as on a
    /// comment page.
    #[test]
    fn a_subreddits_comments() {
        let t1 = |id: &str, author: &str, body: &str| {
            format!(
                r#"{{"kind":"t1","data":{{"subreddit_id":"t5_2s7lj","link_title":"Q &amp; A","subreddit":"rust","link_author":"someone","replies":"","id":"{id}","author":"{author}","parent_id":"t3_1h0aaaa","body":"{body}","edited":false,"body_html":"&lt;div class=\"md\"&gt;&lt;p&gt;x&lt;/p&gt;&lt;/div&gt;","link_id":"t3_1h0aaaa","permalink":"/r/rust/comments/1h0aaaa/q_a/{id}/","link_permalink":"https://www.reddit.com/r/rust/comments/1h0aaaa/q_a/","name":"t1_{id}","created":1732000000.0,"created_utc":1732000000.0,"all_awardings":[]}}}}"#
            )
        };
        let listing = format!(
            r#"{{"kind":"Listing","data":{{"after":"t1_lx3","dist":3,"modhash":"","geo_filter":"","children":[{},{},{}],"before":null}}}}"#,
            t1("lx1", "AutoModerator", "Rules"),
            t1("lx2", "[deleted]", "[deleted]"),
            t1("lx3", "q_asker", "Is `a &lt; b` fine?")
        );
        let (records, skipped) = ok(listing.as_bytes());
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(r.body, "Is `a < b` fine?");
        assert_eq!(
            (r.thread_id.as_deref(), r.thread_title.as_deref()),
            (Some("1h0aaaa"), Some("Q & A"))
        );
        assert_eq!(skipped.counts.len(), 2);
        assert_eq!(skipped.gone, gone(&[("reddit", "lx2")]));
    }

    /// Listings one after another, a JSON array of them (`jq -s`), and an
    /// array of comment pages and Listings; a comment page's link to
    /// another post is its own.
    #[test]
    fn several_listings_and_pages_in_a_file() {
        let text = |b: &[u8]| std::str::from_utf8(b).unwrap().trim().to_owned();
        let lines = format!("{}\n{}\n", text(INBOX), text(USER_COMMENTS));
        let (got, _) = read(lines.as_bytes()).unwrap();
        assert_eq!(got.len(), 6);
        assert_eq!(got[4].1, Position::Path("2: data.children[0]".into()));
        let array = format!("[{},{}]", text(INBOX), text(OVERVIEW));
        let (got, skipped) = read(array.as_bytes()).unwrap();
        assert_eq!(got.len(), 6);
        assert_eq!(got[4].1, Position::Path("[1].data.children[0]".into()));
        assert_eq!(skipped.threads.len(), 1);
        let mixed = format!("[{},{}]", text(COMMENTS), text(USER_COMMENTS));
        let (got, _) = read(mixed.as_bytes()).unwrap();
        assert_eq!(got.len(), 8);
        assert_eq!(got[6].1, Position::Path("[1].data.children[0]".into()));
        // Two Listings whose first holds just a post read as a comment page
        // would; a comment naming another post keeps it.
        let overview = ok(OVERVIEW).0;
        let mut post: Value = serde_json::from_slice(OVERVIEW).unwrap();
        let children = post.pointer_mut("/data/children").unwrap();
        *children = Value::Array(vec![children[1].clone()]);
        let (records, _) = ok(format!("[{post},{}]", text(USER_COMMENTS)).as_bytes());
        assert_eq!(by_id(&records, "lt4c8le"), by_id(&overview, "lt4c8le"));
    }

    never_panics!(
        [Reddit],
        &[COMMENTS, RAW_JSONL, INBOX, USER_COMMENTS, OVERVIEW]
    );

    /// Reddit's removals, with or without why, and no comment that merely
    /// starts like one.
    #[test]
    fn removals_are_known_with_their_reasons() {
        for body in [
            "[removed]",
            "[ Removed by Reddit ]",
            "[Removed by Reddit]",
            "[ Removed by Reddit on account of violating the [content policy](/help/contentpolicy). ]",
            "[ Removed by Reddit in response to a copyright notice. ]",
        ] {
            assert!(is_removed(body), "{body}");
        }
        for body in [
            "[Removed by Reddit] again?! That was my best comment",
            "[Removed by Reddit] happened to my post too, no idea why [serious]",
            "[deleted]",
            "removed",
        ] {
            assert!(!is_removed(body), "{body}");
        }
    }
}
