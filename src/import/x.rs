//! X (Twitter): responses of the X API v2 that list posts —
//! `GET /2/users/:id/mentions` (the posts that mention you, replies to you
//! among them), `GET /2/tweets/search/recent?query=…` (`conversation_id:ID`
//! for a whole conversation, `to:HANDLE`) and `GET /2/users/:id/tweets`
//! (your own posts and replies: how your replies come in), fetched with
//! `tweet.fields=created_at,author_id,conversation_id,in_reply_to_user_id,
//! referenced_tweets,entities,note_tweet` and
//! `expansions=author_id,referenced_tweets.id,referenced_tweets.id.author_id`
//! `&user.fields=username,name`.
//!
//! A response is `{"data": [post…], "includes": {"users": […], "tweets":
//! […]}, "meta": {…}, "errors": […]}`. A page with no `data` (`"meta":
//! {"result_count": 0}`) holds nothing; `errors` beside `data` (a referenced
//! post that was deleted) do not stop the import, while a response that is
//! only an error (`{"errors": […]}`, or a problem `{"title", "detail",
//! "type", "status"}`) is refused with its message (see
//! `super::api_error_in`). Several responses are accepted one after another
//! (JSON Lines: one page a line, as a loop over `pagination_token` writes
//! them), or as a JSON array of pages; `data` may also be one post (`GET
//! /2/tweets/:id`).
//!
//! Every post of `data` is an item:
//! - `id` is the post id (decimal); `parent_id` the id of the post it
//!   replies to (its `replied_to` reference).
//! - the thread is the conversation: `thread_id` is `conversation_id` (the
//!   root post's id), `thread_url` `https://x.com/i/status/CONVERSATION_ID`,
//!   `thread_title` the first line of the root's text (cut to about 80
//!   characters) when the root is anywhere in the file, in `data` or in
//!   `includes.tweets`.
//! - `author` is the author's `username` from `includes.users` (by
//!   `author_id`), else the `author_id`; `author_ids` the `author_id`,
//!   `author_name` the user's `name`. Own posts are left to the configured
//!   identities (`x = ["HANDLE"]`, the handle or the account id).
//! - the body is `note_tweet.text` when there is one (a long post's `text`
//!   is cut), else `text`, with each t.co link replaced by its
//!   `expanded_url` (matched by the link itself, from the entities of either
//!   text), a link to a photo or video (one with a `media_key`) written
//!   `[photo]`/`[video]` on a line after the text, and X's `&amp;`, `&lt;`,
//!   `&gt;` undone.
//! - `kind`: a reply is a comment; a post that replies to nothing but
//!   mentions someone or quotes a post is a mention; one that does neither (a
//!   conversation's root, yours most often) is a comment.
//! - `url` is `https://x.com/USERNAME/status/ID` (`/i/status/ID` when the
//!   username is unknown).
//!
//! An edit is a new post on X, with an id of its own; its
//! `edit_history_tweet_ids` lists the versions, oldest first. The item is
//! the post as first written: its first version's id and time (from the
//! id: X's ids are Snowflakes), a reply to any version its parent, in the
//! words and with the link of its last version in the file.
//!
//! Skipped and counted: reposts (a `retweeted` reference, "repost"), and
//! a version whose later version is an item of the file ("edited"). The
//! posts of `includes.tweets` are context, not items: most are the posts
//! replied to (often yours, which come in from your own timeline) or a
//! quoted or reposted stranger's, which never addressed you; they give a
//! conversation its title.

use super::shared::{contains, json_head, title_of, unescape_markup, with_attachments};
use super::tree::{
    Doc, Obj, as_obj, child, field, id_value, index, opt_arr, opt_id, opt_obj, opt_str, read_twice,
    refuse_canonical, req_id, req_str, wrong_type,
};
use crate::import::format::{Format, ImportError, Sink, Skipped};
use crate::model::{Kind, Record};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;

const PLATFORM: &str = "x";

/// The skip reason of a post's versions before its last edit.
const EDITED: &str = "edited";

/// What the README says to fetch with, for a field the request left out.
const FIELDS: &str = "fetch with tweet.fields=created_at,author_id,conversation_id,\
                      in_reply_to_user_id,referenced_tweets,entities,note_tweet \
                      (the README's X section)";

/// X API v2 responses that list posts.
pub struct X;

impl Format for X {
    fn name(&self) -> &'static str {
        "x"
    }

    fn detect(&self, head: &[u8]) -> bool {
        json_head(head).is_some_and(|head| {
            let data = contains(&head, br#""data":["#) || contains(&head, br#""data":{"#);
            // `edit_history_tweet_ids` is X's alone, and in every post.
            let post = contains(&head, br#""edit_history_tweet_ids":["#)
                || contains(&head, br#""conversation_id":""#)
                    && contains(&head, br#""author_id":""#);
            // A page with nothing in it, or whose posts run past the head.
            let meta = contains(&head, br#""meta":{"result_count":"#)
                || contains(&head, br#""meta":{"newest_id":""#);
            data && post || meta
        })
    }

    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        // The users and the conversations' roots of the whole file first,
        // so that a post reads the same in any page of it.
        read_twice(
            input,
            |context: &mut Context, _, response, _| context.note(response),
            |context, doc, response, path| read_page(doc, response, path, context, sink, skipped),
        )
    }
}

/// An account of `includes.users`.
struct User {
    username: Option<String>,
    name: Option<String>,
}

/// What the whole file says about the posts' authors and conversations.
#[derive(Default)]
struct Context {
    /// Account id -> the account.
    users: HashMap<String, User>,
    /// Conversation (its first post's first version) -> the title of that
    /// post's latest version in the file, and how many versions it had.
    titles: HashMap<String, (usize, String)>,
    /// Each version an edit history names -> the post's first version (X
    /// gives each version an id, oldest first in `edit_history_tweet_ids`).
    firsts: HashMap<String, String>,
    /// Versions of posts in `data` whose later version is in `data` too.
    superseded: HashSet<String>,
}

impl Context {
    /// The post an id is a version of (the id of its first version).
    fn original<'a>(&'a self, id: &'a str) -> &'a str {
        self.firsts.get(id).map_or(id, String::as_str)
    }

    /// Notes a post's versions and, when it is a conversation's first post,
    /// its title; `item`: a post of `data` (not of `includes`).
    fn note_post(&mut self, post: &Obj, item: bool) {
        let Some(id) = post.get("id").and_then(Value::as_str) else {
            return;
        };
        let history: Vec<&str> = (post.get("edit_history_tweet_ids"))
            .and_then(Value::as_array)
            .map(|h| h.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        // One that is no history of this post tells nothing (in `data`,
        // the reading says why).
        let history = if is_history(&history, id) {
            history
        } else {
            Vec::new()
        };
        let first = history.first().copied().unwrap_or(id);
        for version in &history {
            self.firsts
                .entry((*version).to_owned())
                .or_insert_with(|| first.to_owned());
        }
        if item && let Some(at) = history.iter().position(|v| *v == id) {
            self.superseded
                .extend(history[..at].iter().map(|v| (*v).to_owned()));
        }
        let root = match post.get("conversation_id").and_then(Value::as_str) {
            Some(conversation) => conversation == id || conversation == first,
            None => replied_to(post).is_none(),
        };
        if let (true, Some(title)) = (root, title_of(&body(post))) {
            let versions = history.len();
            let known = self.titles.entry(first.to_owned()).or_default();
            // The latest version's words (the longest history).
            if versions >= known.0 {
                *known = (versions, title);
            }
        }
    }
}

impl Context {
    /// Notes a response's users and root posts. Errors are left for the
    /// reading pass to report.
    fn note(&mut self, response: &Value) {
        let includes = response.get("includes");
        let users = (includes
            .and_then(|i| i.get("users"))
            .and_then(Value::as_array))
        .into_iter()
        .flatten();
        for user in users {
            // An id as `opt_id` reads the posts' `author_id`.
            let Some(id) = user.get("id").and_then(id_value) else {
                continue;
            };
            let text = |key| user.get(key).and_then(Value::as_str).map(str::to_owned);
            let (username, name) = (text("username").filter(|u| is_username(u)), text("name"));
            // A page that asked for fewer user fields takes nothing away.
            let known = self.users.entry(id).or_insert(User {
                username: None,
                name: None,
            });
            known.username = username.or(known.username.take());
            known.name = name.or(known.name.take());
        }
        let data = match response.get("data") {
            Some(Value::Array(posts)) => posts.iter().collect(),
            Some(post) => vec![post],
            None => Vec::new(),
        };
        let included = (includes
            .and_then(|i| i.get("tweets"))
            .and_then(Value::as_array))
        .into_iter()
        .flatten();
        let items = data.into_iter().map(|post| (post, true));
        for (post, item) in items.chain(included.map(|post| (post, false))) {
            if let Some(post) = post.as_object() {
                self.note_post(post, item);
            }
        }
    }
}

/// Whether `name` can be an X username (letters, digits, `_`): anything
/// else is no handle to link to or to call someone by.
fn is_username(name: &str) -> bool {
    (1..=50).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The id of the post `post` replies to, read leniently.
fn replied_to(post: &Obj) -> Option<&str> {
    (post.get("referenced_tweets")?.as_array()?.iter())
        .find(|r| r.get("type").and_then(Value::as_str) == Some("replied_to"))?
        .get("id")?
        .as_str()
}

fn read_page(
    doc: &Doc,
    response: &Value,
    path: &str,
    context: &Context,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    let page = as_obj(doc, response, path, "response")?;
    refuse_canonical(doc, page, path, "an X API response", "x")?;
    check_users(doc, page, path)?;
    let data_path = child(path, "data");
    match field(page, "data") {
        Some(Value::Array(posts)) => {
            for (i, post) in posts.iter().enumerate() {
                read_post(doc, post, &index(&data_path, i), context, sink, skipped)?;
            }
        }
        // One post: `GET /2/tweets/:id`.
        Some(post @ Value::Object(_)) => read_post(doc, post, &data_path, context, sink, skipped)?,
        Some(other) => return Err(wrong_type(doc, path, "data", "an array of posts", other)),
        // A page with no posts (`"meta": {"result_count": 0}`), or only
        // partial errors.
        None if ["meta", "includes", "errors"]
            .iter()
            .any(|key| page.contains_key(*key)) => {}
        None => {
            return Err(doc.err(
                &data_path,
                "data",
                "missing: not an X API v2 response (its posts are in \"data\", with \"meta\")",
            ));
        }
    }
    Ok(())
}

/// `includes.users`, where the authors' names come from, is what the API
/// gives: a list of accounts, each with an id.
fn check_users(doc: &Doc, page: &Obj, path: &str) -> Result<(), ImportError> {
    let Some(includes) = opt_obj(doc, page, path, "includes")? else {
        return Ok(());
    };
    let includes_path = child(path, "includes");
    opt_arr(doc, includes, &includes_path, "tweets")?;
    let Some(users) = opt_arr(doc, includes, &includes_path, "users")? else {
        return Ok(());
    };
    let users_path = child(&includes_path, "users");
    for (i, user) in users.iter().enumerate() {
        let at = index(&users_path, i);
        let user = as_obj(doc, user, &at, "")?;
        req_id(doc, user, &at, "id")?;
        opt_str(doc, user, &at, "username")?;
        opt_str(doc, user, &at, "name")?;
    }
    Ok(())
}

/// A post id at `key`, if there is one: a decimal number on X (a forced
/// `--format x` on another platform's file stops at its first id).
fn opt_post_id(doc: &Doc, obj: &Obj, path: &str, key: &str) -> Result<Option<String>, ImportError> {
    let Some(id) = opt_id(doc, obj, path, key)? else {
        return Ok(None);
    };
    if !is_post_id(&id) {
        return Err(doc.err(
            &child(path, key),
            key,
            format!(
                "{} is not an X id (a decimal number): another platform's file?",
                crate::text::quoted(&id)
            ),
        ));
    }
    Ok(Some(id))
}

/// Whether `id` is an X post id: a decimal number.
fn is_post_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())
}

/// The ids of posts written since X began editing (2022): the versions an
/// edit history may name.
fn is_version_id(id: &str) -> bool {
    /// 2022-01-01 in Snowflake milliseconds, shifted to an id.
    const EDITS_BEGAN: u64 = (1_640_995_200_000 - 1_288_834_974_657) << 22;
    id.len() <= 20 && id.parse::<u64>().is_ok_and(|n| n >= EDITS_BEGAN)
}

/// Whether `versions` can be the edit history of the post `id`: versions
/// of posts written since edits began, oldest first (ids grow with time),
/// the post among them. A history of one version, its own, is any post's.
fn is_history(versions: &[&str], id: &str) -> bool {
    let ids: Vec<u64> = versions.iter().filter_map(|v| v.parse().ok()).collect();
    versions.contains(&id)
        && (versions.len() == 1
            || versions.iter().all(|v| is_version_id(v)) && ids.is_sorted_by(|a, b| a < b))
}

fn req_post_id(doc: &Doc, obj: &Obj, path: &str, key: &str) -> Result<String, ImportError> {
    opt_post_id(doc, obj, path, key)?.ok_or_else(|| doc.err(&child(path, key), key, "missing"))
}

/// A field the request must ask for, missing.
fn not_requested(doc: &Doc, path: &str, key: &str) -> ImportError {
    doc.err(&child(path, key), key, format!("missing: {FIELDS}"))
}

fn read_post(
    doc: &Doc,
    value: &Value,
    path: &str,
    context: &Context,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    let post = as_obj(doc, value, path, "")?;
    let id = req_post_id(doc, post, path, "id")?;
    let (mut parent, mut quotes) = (None, false);
    if let Some(references) = opt_arr(doc, post, path, "referenced_tweets")? {
        let references_path = child(path, "referenced_tweets");
        for (i, reference) in references.iter().enumerate() {
            let at = index(&references_path, i);
            let reference = as_obj(doc, reference, &at, "")?;
            let target = req_post_id(doc, reference, &at, "id")?;
            match req_str(doc, reference, &at, "type")? {
                "retweeted" => {
                    skipped.skip_ids("repost", [id.as_str()]);
                    return Ok(());
                }
                "replied_to" => parent = Some(target),
                "quoted" => quotes = true,
                _ => {}
            }
        }
    }
    // An edit is a new post on X, with an id of its own: the item is the
    // post as first written (its first version's id, the time it was
    // written), in the words of its last version in the file.
    if let Some(history) = opt_arr(doc, post, path, "edit_history_tweet_ids")? {
        let history_path = child(path, "edit_history_tweet_ids");
        let mut versions = Vec::with_capacity(history.len());
        for (i, version) in history.iter().enumerate() {
            let problem = match version {
                Value::String(v) if is_post_id(v) => {
                    versions.push(v.as_str());
                    continue;
                }
                Value::String(v) => format!(
                    "{} is not an X id (a decimal number)",
                    crate::text::quoted(v)
                ),
                other => format!("expected an id, found {}", super::tree::kind_of(other)),
            };
            return Err(doc.err(&index(&history_path, i), "", problem));
        }
        if !is_history(&versions, &id) {
            return Err(doc.err(
                &history_path,
                "edit_history_tweet_ids",
                "not this post's edit history: X lists the post's own id among the versions, \
                 all of them posts written since edits began (2022), oldest first",
            ));
        }
    }
    // A later version of it is an item of the file.
    if context.superseded.contains(&id) {
        skipped.skip_ids(EDITED, [id.as_str()]);
        return Ok(());
    }
    let item = context.original(&id).to_owned();
    req_str(doc, post, path, "text")?;
    if let Some(note) = opt_obj(doc, post, path, "note_tweet")? {
        opt_str(doc, note, &child(path, "note_tweet"), "text")?;
    }
    let created_at = match snowflake_time(&item) {
        Some(first) if item != id => first,
        _ => post_time(doc, post, path)?,
    };
    let author_id = opt_id(doc, post, path, "author_id")?
        .ok_or_else(|| not_requested(doc, path, "author_id"))?;
    let conversation = opt_post_id(doc, post, path, "conversation_id")?;

    let user = context.users.get(&author_id);
    let username = user.and_then(|u| u.username.as_deref());
    let mut record = Record::new(
        PLATFORM,
        &item,
        username.unwrap_or(&author_id),
        &body(post),
        created_at,
    );
    record.author_ids.push(author_id.clone());
    record.author_stand_in = username.is_none();
    record.author_name = (user.and_then(|u| u.name.as_deref()))
        .filter(|n| !n.trim().is_empty())
        .map(str::to_owned);
    record.url = Some(format!(
        "https://x.com/{}/status/{id}",
        username.unwrap_or("i")
    ));
    // A post that replies to nothing is its own conversation's root.
    let thread = conversation.or_else(|| parent.is_none().then(|| id.clone()));
    if let Some(thread) = thread {
        let first = context.original(&thread).to_owned();
        record.thread_url = Some(format!("https://x.com/i/status/{first}"));
        record.thread_title = context.titles.get(&first).map(|(_, title)| title.clone());
        record.thread_id = Some(first);
    }
    record.kind = if parent.is_none() && (quotes || mentions_someone(post)) {
        Kind::Mention
    } else {
        Kind::Comment
    };
    record.parent_id = parent.map(|p| context.original(&p).to_owned());
    sink(record, doc.pos(path))
}

/// When a post was written, from its id: X's ids are Snowflakes (every id
/// since 2010, and so every edited post's), whose bits above the lowest 22
/// count milliseconds since X's epoch, 2010-11-04 01:42:54.657 UTC.
fn snowflake_time(id: &str) -> Option<DateTime<Utc>> {
    const EPOCH_MS: i64 = 1_288_834_974_657;
    let id: u64 = id.parse().ok()?;
    DateTime::from_timestamp_millis(i64::try_from(id >> 22).ok()? + EPOCH_MS)
}

/// `created_at` (RFC 3339, `2026-11-20T09:15:00.000Z`).
fn post_time(doc: &Doc, post: &Obj, path: &str) -> Result<DateTime<Utc>, ImportError> {
    let raw = opt_str(doc, post, path, "created_at")?
        .ok_or_else(|| not_requested(doc, path, "created_at"))?;
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            doc.err(
                &child(path, "created_at"),
                "created_at",
                format!("not a valid time: {}", crate::text::quoted(raw)),
            )
        })
}

/// The entities of the post's text and of its long text.
fn entities(post: &Obj) -> impl Iterator<Item = &Value> {
    let note = post.get("note_tweet").and_then(|n| n.get("entities"));
    note.into_iter().chain(post.get("entities"))
}

/// Whether the post @mentions anyone.
fn mentions_someone(post: &Obj) -> bool {
    entities(post).any(|e| {
        e.get("mentions")
            .and_then(Value::as_array)
            .is_some_and(|m| !m.is_empty())
    })
}

/// What a t.co link stands for.
#[derive(Clone, Copy)]
enum Link<'a> {
    /// A web address.
    To(&'a str),
    /// A photo or video attached (`[photo]`): one of
    /// [`super::shared::ATTACHMENT_KINDS`].
    Media(&'static str),
}

/// The t.co links of a post's entities (the long text's first), read
/// leniently: one without a web address to stand for is left as it is.
fn links(post: &Obj) -> HashMap<&str, Link<'_>> {
    let mut links = HashMap::new();
    let urls = entities(post)
        .filter_map(|e| e.get("urls").and_then(Value::as_array))
        .flatten();
    for url in urls {
        let (Some(short), Some(long)) = (
            url.get("url").and_then(Value::as_str),
            url.get("expanded_url").and_then(Value::as_str),
        ) else {
            continue;
        };
        if !(long.starts_with("https://") || long.starts_with("http://")) || short.is_empty() {
            continue;
        }
        let link = if url.get("media_key").is_some() {
            Link::Media(if long.contains("/video/") {
                "video"
            } else {
                "photo"
            })
        } else {
            Link::To(long)
        };
        links.entry(short).or_insert(link);
    }
    links
}

/// A post's text as plain text: `note_tweet.text` when there is one (a long
/// post's `text` is cut), else `text`, with each t.co link replaced by the
/// address it stands for, photos and videos written on a line after it,
/// and X's `&amp;`, `&lt;` and `&gt;` undone. Lenient: a post read in
/// `includes` is only context.
fn body(post: &Obj) -> String {
    let text = (post.get("note_tweet").and_then(|n| n.get("text")))
        .or_else(|| post.get("text"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let links = links(post);
    let mut out = String::with_capacity(text.len());
    let mut media = Vec::new();
    let mut from = 0;
    // Each link is found by itself (not by the entities' offsets, which
    // count code points of a text X may have escaped since): at each
    // `http`, the run of characters a t.co link is made of, without what
    // may follow a link (`…/abc.`).
    for at in memchr::memmem::find_iter(text.as_bytes(), b"http") {
        if at < from {
            continue;
        }
        let rest = &text[at..];
        let run = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || ":/._-".contains(c)))
            .unwrap_or(rest.len());
        let trimmed = rest[..run].trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
        let found = [&rest[..run], trimmed]
            .into_iter()
            .find_map(|short| links.get(short).map(|link| (short.len(), *link)));
        let Some((len, link)) = found else {
            continue;
        };
        out.push_str(&unescape_markup(&text[from..at]));
        match link {
            Link::To(long) => out.push_str(long),
            Link::Media(kind) => media.push(kind),
        }
        from = at + len;
    }
    out.push_str(&unescape_markup(&text[from..]));
    if media.is_empty() {
        return out;
    }
    // Where a photo's link was: the space before it goes with it.
    let out = out
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    with_attachments(
        out.trim_end().to_owned(),
        media.into_iter().map(|kind| (None, kind)),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::format::Position;
    use crate::import::test_support::{
        self, Read, assert_detects_only, assert_sink_error_passes_through, by_id, fixture,
        never_panics, ts,
    };

    const MENTIONS: &[u8] = fixture!("x/mentions.json");
    const OWN_POSTS: &[u8] = fixture!("x/own_tweets.json");
    const SEARCH: &[u8] = fixture!("x/search_conversation.jsonl");

    /// A byte that is not UTF-8, an escape after it in its string: the
    /// error is at the byte's own line and column.
    #[test]
    fn a_byte_that_is_not_utf8_is_placed_where_it_is() {
        let (bytes, line, column) = test_support::with_a_latin1_byte(MENTIONS, "\"text\": \"");
        let e = read(&bytes).unwrap_err();
        assert_eq!(e.position, Some(Position::LineCol(line, column)), "{e}");
        assert!(e.message.contains("not UTF-8 there"), "{e}");
    }

    const ME: &str = "1458300219933724672";
    const ROOT: &str = "2123446198073176064";
    const CARLOS: &str = "2123688339437400064";
    const MARIA: &str = "2123695339730776064";
    const NOA: &str = "2123699114604376064";
    const SAM: &str = "2123706664351576064";
    const REPOST: &str = "2123707922642776064";
    const TUX: &str = "2123713069053784064";
    const DELETED: &str = "2123672690489176066";
    const MY_REPLY: &str = "2123719247263576064";
    const ANA: &str = "2123715472389976064";
    const TITLE: &str = "Our Ethiopia Guji roast is back! ☕ Limited batch — order by Friday:…";

    fn read(bytes: &[u8]) -> Result<Read, ImportError> {
        test_support::read(&X, bytes)
    }

    fn records(bytes: &[u8]) -> (Vec<Record>, Skipped) {
        test_support::records(&X, bytes)
    }

    fn error(bytes: &[u8]) -> String {
        read(bytes).unwrap_err().to_string()
    }

    /// A page of one post, `extra` fields added to a minimal one.
    fn page_of(extra: &str) -> String {
        format!(
            r#"{{"data":[{{"id":"1900000000000000001","text":"hi","created_at":"2026-11-20T09:15:00.000Z","author_id":"42","conversation_id":"1900000000000000001","edit_history_tweet_ids":["1900000000000000001"]{extra}}}],"meta":{{"result_count":1}}}}"#
        )
    }

    #[test]
    fn a_mentions_page() {
        let (records, skipped) = records(MENTIONS);
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [TUX, SAM, NOA, MARIA, CARLOS],
            "newest first, as X gives"
        );
        assert!(records.iter().all(|r| r.id != REPOST));
        assert_eq!(skipped.counts, [("repost".to_owned(), 1)].into());
        assert!(skipped.gone.is_empty());
        for r in &records {
            assert_eq!(
                (r.platform.as_str(), r.own, r.saved.is_none()),
                ("x", None, true)
            );
        }
    }

    #[test]
    fn a_reply_is_a_comment_in_its_conversation() {
        let (records, _) = records(MENTIONS);
        let carlos = by_id(&records, CARLOS);
        assert_eq!(carlos.kind, Kind::Comment);
        assert_eq!(carlos.parent_id.as_deref(), Some(ROOT));
        assert_eq!(carlos.thread_id.as_deref(), Some(ROOT));
        assert_eq!(
            carlos.thread_title.as_deref(),
            Some(TITLE),
            "the root, from includes"
        );
        assert_eq!(
            carlos.thread_url.as_deref(),
            Some("https://x.com/i/status/2123446198073176064")
        );
        assert_eq!(
            (carlos.author.as_str(), carlos.author_ids.as_slice()),
            ("carlos_mdz", &["1294401223376908288".to_owned()][..])
        );
        assert_eq!(carlos.author_name.as_deref(), Some("Carlos Méndez 🌮"));
        assert_eq!(
            carlos.body,
            "@fernwehcoffee Does the Guji come in 1kg bags? Asking for the café & the office 🙏"
        );
        assert_eq!(carlos.created_at, ts("2026-11-20T08:02:11Z"));
        assert_eq!(
            carlos.url.as_deref(),
            Some("https://x.com/carlos_mdz/status/2123688339437400064")
        );
    }

    #[test]
    fn a_mention_with_links_and_a_photo() {
        let (records, _) = records(MENTIONS);
        let maria = by_id(&records, MARIA);
        assert_eq!(maria.kind, Kind::Mention);
        assert_eq!(maria.parent_id, None);
        // A post that replies to nothing is its own conversation.
        assert_eq!(maria.thread_id.as_deref(), Some(MARIA));
        assert_eq!(
            maria.body,
            "Best flat white in town, thanks @fernwehcoffee! <3 \
             https://www.instagram.com/p/DAbc123/\n[photo]"
        );
        assert_eq!(
            maria.thread_title.as_deref(),
            Some(
                "Best flat white in town, thanks @fernwehcoffee! <3 https://www.instagram.com/p/…"
            )
        );
    }

    #[test]
    fn a_quote_is_a_mention() {
        let (records, _) = records(MENTIONS);
        let noa = by_id(&records, NOA);
        assert_eq!((noa.kind, noa.parent_id.as_deref()), (Kind::Mention, None));
        assert_eq!(
            noa.body,
            "This is how a roaster answers customers 👏 @fernwehcoffee \
             https://twitter.com/barista_daily/status/2123023412229976065"
        );
        assert_eq!(noa.author_name.as_deref(), Some("נועה לוי"));
    }

    #[test]
    fn a_long_post_is_its_note_tweet() {
        let (records, _) = records(MENTIONS);
        let sam = by_id(&records, SAM);
        assert!(
            sam.body.starts_with("@fernwehcoffee Long review incoming"),
            "{}",
            sam.body
        );
        assert!(
            sam.body.ends_with(
                "Full notes with brew ratios: https://samwrites.example/guji-review — would buy again <3"
            ),
            "{}",
            sam.body
        );
        assert!(sam.body.contains("jasmine & bergamot"), "{}", sam.body);
        assert!(!sam.body.contains("t.co"), "{}", sam.body);
        assert_eq!(sam.kind, Kind::Comment);
    }

    #[test]
    fn a_reply_to_a_deleted_post_keeps_its_parent() {
        let (records, _) = records(MENTIONS);
        let tux = by_id(&records, TUX);
        assert_eq!(tux.parent_id.as_deref(), Some(DELETED));
        assert_eq!(tux.thread_id.as_deref(), Some(DELETED));
        assert_eq!(tux.thread_title, None, "the root is not in the file");
        assert_eq!(
            tux.body,
            "@barista_daily @fernwehcoffee agreed, the old blend was better > the new one"
        );
    }

    #[test]
    fn own_posts_and_a_conversation_in_pages() {
        let (own, _) = records(OWN_POSTS);
        assert_eq!(own.len(), 2);
        let reply = by_id(&own, MY_REPLY);
        assert_eq!(reply.parent_id.as_deref(), Some(CARLOS));
        assert_eq!(
            (reply.author.as_str(), reply.author_ids[0].as_str()),
            ("fernwehcoffee", ME)
        );
        assert_eq!(
            reply.body,
            "@carlos_mdz Yes Carlos, 1kg bags of the Guji are €38 & I'll DM you the café price list!"
        );
        let root = by_id(&own, ROOT);
        assert_eq!(
            (root.kind, root.parent_id.as_deref()),
            (Kind::Comment, None)
        );
        assert_eq!(root.thread_title.as_deref(), Some(TITLE));
        assert_eq!(
            root.body,
            "Our Ethiopia Guji roast is back! ☕ Limited batch — order by Friday: \
             https://fernweh.example/shop/guji #specialtycoffee"
        );

        let (pages, skipped) = read(SEARCH).unwrap();
        assert!(skipped.counts.is_empty());
        let ids: Vec<&str> = pages.iter().map(|(r, _)| r.id.as_str()).collect();
        assert_eq!(ids, [MY_REPLY, ANA, CARLOS, SAM, ROOT]);
        assert!(pages.iter().all(|(r, _)| {
            r.thread_id.as_deref() == Some(ROOT) && r.thread_title.as_deref() == Some(TITLE)
        }));
        let ana = &pages[1].0;
        assert_eq!(
            (ana.author.as_str(), ana.parent_id.as_deref()),
            ("ana_roasts", Some(CARLOS))
        );
    }

    /// Every post reads the same in any file and any page: the driver takes
    /// a post that comes back different for an edit.
    #[test]
    fn the_same_post_reads_the_same_in_any_response() {
        let all: Vec<Record> = [MENTIONS, OWN_POSTS, SEARCH]
            .into_iter()
            .flat_map(|f| records(f).0)
            .collect();
        let mut shared = 0;
        for a in &all {
            for b in all.iter().filter(|b| b.id == a.id) {
                assert_eq!(a, b);
                shared += 1;
            }
        }
        assert!(shared > all.len(), "no post is in two files");
    }

    #[test]
    fn positions() {
        let (records, _) = read(MENTIONS).unwrap();
        assert_eq!(records[0].1, Position::Path("data[0]".into()));
        assert_eq!(
            records[1].1,
            Position::Path("data[2]".into()),
            "after the repost"
        );
        let (records, _) = read(SEARCH).unwrap();
        assert_eq!(records[2].1, Position::Path("1: data[2]".into()));
        assert_eq!(records[3].1, Position::Path("2: data[0]".into()));
        // A JSON array of pages.
        let text = std::str::from_utf8(SEARCH).unwrap();
        let array = format!("[{}]", text.trim().lines().collect::<Vec<_>>().join(",\n"));
        let (records, _) = read(array.as_bytes()).unwrap();
        assert_eq!(records.len(), 5);
        assert_eq!(records[3].1, Position::Path("[1].data[0]".into()));
    }

    #[test]
    fn a_missing_user_leaves_the_account_id() {
        let page = page_of("");
        let (records, _) = records(page.as_bytes());
        let r = &records[0];
        assert_eq!(
            (r.author.as_str(), r.author_ids.as_slice()),
            ("42", &["42".to_owned()][..])
        );
        assert_eq!(r.author_name, None);
        assert_eq!(
            r.url.as_deref(),
            Some("https://x.com/i/status/1900000000000000001")
        );
        assert_eq!((r.kind, r.body.as_str()), (Kind::Comment, "hi"));
        // A username that is no handle is not taken for one.
        let page = page.replace(
            r#""meta""#,
            r#""includes":{"users":[{"id":"42","username":"a/../b","name":"Eve"}]},"meta""#,
        );
        let r = &records_of(&page)[0];
        assert_eq!(
            (r.author.as_str(), r.author_name.as_deref()),
            ("42", Some("Eve"))
        );
        // A page that names the author elsewhere in the file names them
        // everywhere; one that asked for fewer of their fields (or gave the
        // id as a number) takes nothing away.
        let plain = page_of("");
        let named = plain.replace(
            r#""meta""#,
            r#""includes":{"users":[{"id":"42","username":"eve_x"}]},"meta""#,
        );
        let fewer = plain.replace(
            r#""meta""#,
            r#""includes":{"users":[{"id":42,"name":"Eve"}]},"meta""#,
        );
        for file in [
            format!("{plain}\n{named}"),
            format!("{named}\n{plain}"),
            format!("{named}\n{fewer}"),
            format!("{fewer}\n{named}"),
        ] {
            let got = records_of(&file);
            assert_eq!(got.len(), 2);
            assert_eq!(got[0], got[1], "{file}");
            assert_eq!(got[0].author, "eve_x", "{file}");
            assert_eq!(
                got[0].url.as_deref(),
                Some("https://x.com/eve_x/status/1900000000000000001")
            );
        }
        let both = &records_of(&format!("{fewer}\n{named}"))[0];
        assert_eq!(both.author_name.as_deref(), Some("Eve"));
    }

    fn records_of(text: &str) -> Vec<Record> {
        records(text.as_bytes()).0
    }

    #[test]
    fn links_and_escapes() {
        let post = |text: &str, urls: &str| {
            page_of(&format!(
                r#","text":{},"entities":{{"urls":[{urls}]}}"#,
                Value::from(text)
            ))
            .replacen(r#""text":"hi","#, "", 1)
        };
        let url = |short: &str, long: &str| {
            format!(
                r#"{{"start":0,"end":23,"url":"{short}","expanded_url":"{long}","display_url":"x"}}"#
            )
        };
        let a = url("https://t.co/AAAAAAAAAA", "https://a.example/x?y=1&z=2");
        for (text, urls, want) in [
            // At the end, twice, beside punctuation, in parentheses.
            (
                "see https://t.co/AAAAAAAAAA.",
                a.clone(),
                "see https://a.example/x?y=1&z=2.",
            ),
            (
                "(https://t.co/AAAAAAAAAA) and https://t.co/AAAAAAAAAA",
                a.clone(),
                "(https://a.example/x?y=1&z=2) and https://a.example/x?y=1&z=2",
            ),
            // Another t.co link is left; so is one whose id runs on.
            (
                "https://t.co/BBBBBBBBBB https://t.co/AAAAAAAAAAz",
                a.clone(),
                "https://t.co/BBBBBBBBBB https://t.co/AAAAAAAAAAz",
            ),
            // Escapes undone once, in one pass; unknown ones stay.
            (
                "a &amp;lt; b &lt;&gt; &amp; &quot; &#39; &",
                String::new(),
                "a &lt; b <> & &quot; &#39; &",
            ),
            // An expanded address is not unescaped.
            (
                "x&amp;y https://t.co/CCCCCCCCCC",
                url("https://t.co/CCCCCCCCCC", "https://c.example/?a=1&amp;b"),
                "x&y https://c.example/?a=1&amp;b",
            ),
            // Not a web address: left as it is.
            (
                "https://t.co/DDDDDDDDDD",
                url("https://t.co/DDDDDDDDDD", "javascript:alert(1)"),
                "https://t.co/DDDDDDDDDD",
            ),
            // A video alone.
            (
                "https://t.co/EEEEEEEEEE",
                r#"{"url":"https://t.co/EEEEEEEEEE","expanded_url":"https://x.com/a/status/1/video/1","media_key":"7_1"}"#.to_owned(),
                "[video]",
            ),
            // Bad entities are ignored.
            ("x https://t.co/F", r#"{"url":7},"x",{"url":"https://t.co/F"}"#.to_owned(), "x https://t.co/F"),
        ] {
            assert_eq!(records_of(&post(text, &urls))[0].body, want, "{text}");
        }
    }

    #[test]
    fn a_repost_is_skipped_and_counted_once() {
        let repost =
            page_of(r#","referenced_tweets":[{"type":"retweeted","id":"1800000000000000000"}]"#);
        let (records, skipped) = records(format!("{repost}\n{repost}\n").as_bytes());
        assert!(records.is_empty());
        assert_eq!(skipped.counts, [("repost".to_owned(), 1)].into());
    }

    /// A version of Alice's post (`id`, its history) written at `at`,
    /// replying to the brand's post 2123700000000000000.
    fn version(id: &str, history: &[&str], text: &str, at: &str) -> String {
        format!(
            r#"{{"data":[{{"id":"{id}","text":"{text}","created_at":"{at}","author_id":"42","conversation_id":"2123700000000000000","edit_history_tweet_ids":{history:?},"referenced_tweets":[{{"type":"replied_to","id":"2123700000000000000"}}]}}],"includes":{{"users":[{{"id":"42","username":"alice","name":"Alice"}}]}},"meta":{{"result_count":1}}}}"#
        )
    }

    const FIRST: &str = "2123706664350646395";
    const EDIT: &str = "2123707922641846395";

    /// Alice's reply to the post `to`, with `included` posts in its
    /// page's `includes.tweets`.
    fn reply_to(to: &str, included: &str) -> String {
        version(
            "2123709180933046395",
            &["2123709180933046395"],
            "thanks",
            "2026-11-20T09:25:00.000Z",
        )
        .replace(
            r#""id":"2123700000000000000"}]"#,
            &format!(r#""id":"{to}"}}]"#),
        )
        .replace(
            r#""includes":{"#,
            &format!(r#""includes":{{"tweets":[{included}],"#),
        )
    }

    /// An edit is a new post on X, with an id of its own: the item stays
    /// the post as first written (its id and time), in the edit's words
    /// and with its link, whichever versions the file holds in any order.
    #[test]
    fn an_edit_is_the_post_it_edits_in_its_last_words() {
        let first = version(FIRST, &[FIRST], "great roast", "2026-11-20T09:15:00.000Z");
        let edit = version(
            EDIT,
            &[FIRST, EDIT],
            "great roast!!",
            "2026-11-20T09:20:00.000Z",
        );
        for file in [
            edit.clone(),
            format!("{first}\n{edit}"),
            format!("{edit}\n{first}"),
        ] {
            let (got, skipped) = records(file.as_bytes());
            assert_eq!(got.len(), 1, "{file}");
            let r = &got[0];
            assert_eq!(
                (r.id.as_str(), r.body.as_str(), r.created_at),
                (FIRST, "great roast!!", ts("2026-11-20T09:15:00Z"))
            );
            assert_eq!(
                r.url.as_deref(),
                Some(format!("https://x.com/alice/status/{EDIT}").as_str())
            );
            let earlier = u64::from(file.contains("great roast\""));
            assert_eq!(
                skipped.counts.get("edited").copied().unwrap_or(0),
                earlier,
                "{file}"
            );
            assert!(skipped.gone.is_empty());
        }
        // A reply to the edit answers the post.
        let (got, _) = records(format!("{edit}\n{}", reply_to(EDIT, "")).as_bytes());
        assert_eq!(got[1].parent_id.as_deref(), Some(FIRST));
        let bad = page_of("").replace(r#"["1900000000000000001"]"#, "[1900000000000000001]");
        assert_eq!(
            error(bad.as_bytes()),
            "data[0].edit_history_tweet_ids[0]: expected an id, found a number"
        );
        let bad = page_of("").replace(
            r#"["1900000000000000001"]"#,
            r#"["../../evil?x=1#","1900000000000000001"]"#,
        );
        assert_eq!(
            error(bad.as_bytes()),
            "data[0].edit_history_tweet_ids[0]: \"../../evil?x=1#\" is not an X id (a decimal number)"
        );
    }

    /// A version is passed over only for a later one that is an item of
    /// the file: not for one its own history names (a post looked up by
    /// id comes with all of it), nor for one in `includes`.
    #[test]
    fn a_version_stays_unless_a_later_one_is_an_item() {
        let first = version(
            FIRST,
            &[FIRST, EDIT],
            "great roast",
            "2026-11-20T09:15:00.000Z",
        );
        let (got, skipped) = records(first.as_bytes());
        assert_eq!(
            (got.len(), got[0].id.as_str(), got[0].body.as_str()),
            (1, FIRST, "great roast")
        );
        assert!(skipped.counts.is_empty());
        // The edit only in `includes`, and a reply to it.
        let edit = r#"{"id":"EDIT","text":"great roast!!","created_at":"2026-11-20T09:20:00.000Z","author_id":"42","conversation_id":"2123700000000000000","edit_history_tweet_ids":["FIRST","EDIT"]}"#
            .replace("FIRST", FIRST)
            .replace("EDIT", EDIT);
        let reply = reply_to(EDIT, &edit);
        let (got, skipped) = records(format!("{first}\n{reply}").as_bytes());
        assert_eq!(got.len(), 2);
        assert!(skipped.counts.is_empty());
        assert_eq!(got[1].parent_id.as_deref(), Some(FIRST));
    }

    /// A history that cannot be the post's (versions from before edits
    /// began, or without the post itself) is refused in `data` and
    /// ignored in `includes`: no id, parent or link comes of it.
    #[test]
    fn a_history_that_is_not_the_posts_names_nothing() {
        let bogus = page_of("").replace(
            r#"["1900000000000000001"]"#,
            r#"["1","1900000000000000001"]"#,
        );
        assert!(
            error(bogus.as_bytes())
                .starts_with("data[0].edit_history_tweet_ids: not this post's edit history"),
            "{}",
            error(bogus.as_bytes())
        );
        let without_itself =
            page_of("").replace(r#"["1900000000000000001"]"#, &format!(r#"["{FIRST}"]"#));
        assert!(error(without_itself.as_bytes()).contains("not this post's edit history"));
        // Newest first: two posts each naming the other the later version
        // would skip both as edited.
        let backwards = page_of("").replace(
            r#"["1900000000000000001"]"#,
            &format!(r#"["{FIRST}","1900000000000000001"]"#),
        );
        assert!(
            error(backwards.as_bytes()).contains("oldest first"),
            "{}",
            error(backwards.as_bytes())
        );
        // In includes: the reply keeps the id it names.
        let hostile = r#"{"id":"2123600000000000000","text":"Our new roast","created_at":"2026-11-20T09:00:00.000Z","author_id":"43","conversation_id":"2123600000000000000","edit_history_tweet_ids":["1","2123600000000000000"]}"#;
        let reply = reply_to("2123600000000000000", hostile)
            .replace("2123700000000000000", "2123600000000000000");
        let (got, _) = records(reply.as_bytes());
        assert_eq!(
            (got[0].parent_id.as_deref(), got[0].thread_id.as_deref()),
            (Some("2123600000000000000"), Some("2123600000000000000"))
        );
    }

    /// An edited first post of a conversation titles it in its last words.
    #[test]
    fn an_edited_root_titles_its_conversation_in_its_last_words() {
        let root = |id: &str, history: &[&str], text: &str| {
            format!(
                r#"{{"data":[{{"id":"{id}","text":"{text}","created_at":"2026-11-20T09:15:00.000Z","author_id":"42","conversation_id":"{FIRST}","edit_history_tweet_ids":{history:?}}}],"meta":{{"result_count":1}}}}"#
            )
        };
        let file = format!(
            "{}\n{}\n",
            root(FIRST, &[FIRST], "Old launch title typo"),
            root(EDIT, &[FIRST, EDIT], "New launch title fixed")
        );
        let (got, _) = records(file.as_bytes());
        assert_eq!(got.len(), 1);
        assert_eq!(
            (got[0].thread_id.as_deref(), got[0].thread_title.as_deref()),
            (Some(FIRST), Some("New launch title fixed"))
        );
    }

    #[test]
    fn empty_pages_and_partial_errors_import_nothing() {
        for page in [
            r#"{"meta":{"result_count":0}}"#,
            r#"{"data":[],"meta":{"result_count":0}}"#,
            r#"{"meta":{"result_count":0}} {"meta":{"result_count":0}}"#,
            r#"[{"meta":{"result_count":0}}]"#,
            r#"{"errors":[{"detail":"Could not find tweet","title":"Not Found Error"}],"meta":{"result_count":0}}"#,
        ] {
            let (records, skipped) = records(page.as_bytes());
            assert!(records.is_empty() && skipped.counts.is_empty(), "{page}");
        }
    }

    #[test]
    fn error_responses_are_refused() {
        for (response, said) in [
            (
                r#"{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}"#,
                "401 Unauthorized",
            ),
            (
                r#"{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}"#,
                "429 Too Many Requests",
            ),
            (
                r#"{"errors":[{"parameters":{"query":[""]},"message":"Invalid query"}],"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request"}"#,
                "Invalid Request: One or more parameters to your request was invalid. (Invalid query)",
            ),
            (
                r#"{"account_id":1,"title":"UsageCapExceeded","detail":"Usage cap exceeded: Monthly product cap","type":"https://api.twitter.com/2/problems/usage-capped","period":"Monthly","scope":"Product"}"#,
                "UsageCapExceeded: Usage cap exceeded: Monthly product cap",
            ),
            (
                r#"{"errors":[{"value":"1","detail":"Could not find user with id: [1].","title":"Not Found Error","resource_type":"user","parameter":"id","resource_id":"1","type":"https://api.twitter.com/2/problems/resource-not-found"}]}"#,
                "Could not find user with id: [1].",
            ),
            (
                r#"{"errors":[{"message":"Invalid or expired token.","code":89},{"message":"again"}]}"#,
                "Invalid or expired token.; again",
            ),
        ] {
            assert_eq!(
                error(response.as_bytes()),
                format!("error: the file holds an API error response, not comments: {said}"),
                "{response}"
            );
        }
        // After a first page: on its line.
        let text = std::str::from_utf8(SEARCH).unwrap();
        let first = text.lines().next().unwrap();
        let e = error(format!("{first}\n{{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}}\n").as_bytes());
        assert_eq!(
            e,
            "2: error: the file holds an API error response, not comments: 429 Too Many Requests"
        );
    }

    #[test]
    fn detection() {
        let not: &[&[u8]] = &[
            br#"{"platform":"x","id":"1900000000000000001","author":"x","body":"hi","created_at":"2026-03-01T14:05:00Z"}"#,
            br#"{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}"#,
            br#"{"errors":[{"message":"Invalid or expired token.","code":89}]}"#,
        ];
        assert_detects_only(&X, 120, not);
    }

    #[test]
    fn malformed_input() {
        test_support::assert_truncated_json_refused(&X, MENTIONS);

        let text = std::str::from_utf8(MENTIONS).unwrap();
        let bad = text.replacen(
            r#""created_at": "2026-11-20T09:15:00.000Z""#,
            r#""created_at": "tomorrow""#,
            1,
        );
        assert_eq!(
            error(bad.as_bytes()),
            r#"data[2].created_at: not a valid time: "tomorrow""#
        );
        let bad = text.replacen(
            r#""author_id": "1294401223376908288""#,
            r#""author_id": true"#,
            1,
        );
        assert_eq!(
            error(bad.as_bytes()),
            "data[5].author_id: expected an id, found a boolean"
        );
        for (page, said) in [
            (page_of("").replace(r#""author_id":"42","#, ""), "data[0].author_id: missing: fetch with tweet.fields="),
            (page_of("").replace(r#""created_at":"2026-11-20T09:15:00.000Z","#, ""), "data[0].created_at: missing: fetch with tweet.fields="),
            (page_of("").replace(r#""text":"hi","#, ""), "data[0].text: missing"),
            (page_of("").replace(r#""id":"1900000000000000001""#, r#""id":"t1_abc""#), "data[0].id: \"t1_abc\" is not an X id"),
            (page_of(r#","referenced_tweets":{}"#), "data[0].referenced_tweets: expected an array, found an object"),
            (page_of(r#","referenced_tweets":[{"type":"replied_to"}]"#), "data[0].referenced_tweets[0].id: missing"),
            (page_of(r#","note_tweet":{"text":3}"#), "data[0].note_tweet.text: expected a string, found a number"),
            (r#"{"data":"none"}"#.to_owned(), "data: expected an array of posts, found a string"),
            (r#"{"data":[7]}"#.to_owned(), "data[0]: expected an object, found a number"),
            (r#"{"posts":[]}"#.to_owned(), "data: missing: not an X API v2 response"),
            (r#"{"data":[],"includes":{"users":[{"name":"a"}]}}"#.to_owned(), "includes.users[0].id: missing"),
            (r#"{"data":[],"includes":{"users":{}}}"#.to_owned(), "includes.users: expected an array, found an object"),
            (
                r#"{"platform":"x","id":"1","author":"a","body":"b","created_at":"2026-11-20T09:15:00Z"}"#.to_owned(),
                "platform: a record of ackbox's canonical format",
            ),
        ] {
            let e = error(page.as_bytes());
            assert!(e.starts_with(said), "{said}: {e}");
        }
    }

    #[test]
    fn one_post_as_data() {
        let page = page_of("");
        let value: Value = serde_json::from_str(&page).unwrap();
        let one = serde_json::json!({"data": value["data"][0]});
        let (records, _) = read(one.to_string().as_bytes()).unwrap();
        assert_eq!(records[0].1, Position::Path("data".into()));
    }

    #[test]
    fn sink_errors_pass_through() {
        assert_sink_error_passes_through(&X, MENTIONS, 2);
    }

    never_panics!([X], &[MENTIONS, OWN_POSTS, SEARCH]);
}
