//! Mastodon: mentions from the REST API, an account's statuses, and the
//! `outbox.json` of an archive export.
//!
//! Accepted files (each may also be JSON Lines, one page a line, as a curl loop
//! over `max_id` writes them, or pages written back to back):
//! - `GET /api/v1/notifications`: an array of Notification. Only `mention`
//!   notifications (and `quote`, a post quoting yours) are imported (their
//!   status, as kind mention); the other
//!   types (favourite, reblog, follow, …) are counted as skipped by type.
//! - `GET /api/v1/accounts/:id/statuses`: an array of Status (comments; boosts
//!   are skipped as "boost"); a status of an automated account
//!   (`account.bot`) is marked so, and skipped as "bot" unless it is yours.
//! - `GET /api/v2/notifications`: `{"accounts": […], "statuses": [Status…],
//!   "notification_groups": [group…]}`, the same grouped: each `mention`
//!   group's status, found by its `status_id`.
//! - `GET /api/v1/statuses/:id/context`: `{"ancestors": [Status…],
//!   "descendants": [Status…]}`, the whole conversation around one status
//!   (without that status itself); both arrays read as account statuses.
//! - `GET /api/v1/statuses/:id`: one Status (that status), or one
//!   Notification, read as a page of one.
//! - `outbox.json` from an archive export: an ActivityPub OrderedCollection of
//!   Create activities whose object is a Note (or a poll, Question). Every Note
//!   there is the owner's (`own`); Announce activities (boosts) are skipped.
//!
//! Ids are the home server's status ids, so the three sources agree: for an
//! outbox Note, the last segment of its `…/statuses/<id>` URI. Its `inReplyTo`
//! becomes the same kind of id only when it is a statuses URI on the owner's
//! own server; a remote URI's last segment is the *remote* server's id, which
//! is not the id the home server's API gives that status (and could equal an
//! unrelated local id), so the full URI is kept as the parent instead.
//!
//! Threads: the REST API has no conversation id, so for every source
//! `thread_id` is the status's own id for a top-level status and its
//! `in_reply_to_id` (the status it answers) for a reply; a top-level status has
//! no parent. Author = `acct` (`user` for the home server, `user@server`
//! otherwise); `author_ids` = the account id, the acct, the profile URL and,
//! for a local acct, `user@host` from that URL. HTML content is converted to
//! text; a content warning (`spoiler_text`, `summary`) is put before the body.

use super::json;
use super::shared::{host, with_attachments};
use crate::import::format::{Format, ImportError, Position, Sink, Skipped};
use crate::model::{Kind, Record};
use crate::text::html_to_text;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::fmt;
use std::io::BufRead;
use std::marker::PhantomData;

const PLATFORM: &str = "mastodon";

/// Mastodon notifications / statuses (REST API) and archive `outbox.json`.
pub struct Mastodon;

impl Format for Mastodon {
    fn name(&self) -> &'static str {
        PLATFORM
    }

    fn detect(&self, head: &[u8]) -> bool {
        let has = |key| json::key_values(head, key).next().is_some();
        // A context's arrays, for one whose statuses start past the head (or an
        // empty one): their values open arrays.
        let context = ["ancestors", "descendants"]
            .iter()
            .any(|key| json::key_values(head, key).any(|v| v.starts_with(b"[")));
        // An outbox's activities are objects; an archive's likes.json and
        // bookmarks.json list addresses (none, when empty: told by their ids).
        let side_file = [&b"likes.json"[..], b"bookmarks.json"]
            .iter()
            .any(|name| super::shared::contains(head, name));
        let activities = !side_file
            && json::key_values(head, "orderedItems").any(|v| {
                let inside = v.strip_prefix(b"[").unwrap_or_default();
                matches!(
                    inside.iter().find(|b| !b.is_ascii_whitespace()),
                    Some(b'{' | b']') | None
                )
            });
        json::starts_like_json(head)
            && (activities
                || has("notification_groups")
                || context
                || (has("acct") && (has("in_reply_to_id") || has("type"))))
    }

    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        json::read_values::<json::ObjOrSeq<Collection, Slurped>>(
            input,
            &mut |page, at| match page {
                json::ObjOrSeq::Seq(items) => {
                    for (i, item) in items.into_iter().enumerate() {
                        let at = json::index(&at, i);
                        match item {
                            Slurped::Entry(entry) => api_entry(*entry, &at, sink, skipped)?,
                            Slurped::Page(entries) => {
                                for (j, entry) in entries.into_iter().enumerate() {
                                    api_entry(entry, &json::index(&at, j), sink, skipped)?;
                                }
                            }
                            Slurped::Collection(c) => collection(*c, &at, sink, skipped)?,
                        }
                    }
                    Ok(())
                }
                json::ObjOrSeq::Obj(c) => collection(c, &at, sink, skipped),
            },
        )
    }
}

// ---------------------------------------------------------------------------
// The shapes (only the fields ackbox uses; the rest is ignored).

/// What a JSON array holds: the entries of an API page, or (responses
/// gathered into one array, `jq -s`) whole pages and contexts.
enum Slurped {
    Entry(Box<Entry>),
    Page(Vec<Entry>),
    Collection(Box<Collection>),
}

impl<'de> Deserialize<'de> for Slurped {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        let collection = [
            "ancestors",
            "descendants",
            "orderedItems",
            "notification_groups",
        ]
        .iter()
        .any(|k| value.get(k).is_some());
        // Read from the value, the path of a field of the wrong type is
        // said in the message (the file's path ends at the value).
        let read = match value {
            serde_json::Value::Array(_) => {
                serde_path_to_error::deserialize(value).map(Slurped::Page)
            }
            _ if collection => {
                serde_path_to_error::deserialize(value).map(|c| Slurped::Collection(Box::new(c)))
            }
            _ => serde_path_to_error::deserialize(value).map(|e| Slurped::Entry(Box::new(e))),
        };
        read.map_err(|e| match e.path().to_string() {
            path if path == "." => de::Error::custom(e.into_inner()),
            path => de::Error::custom(format!("{path}: {}", e.into_inner())),
        })
    }
}

/// A REST API Notification or Status: a notification has `type` and `status`.
#[derive(Deserialize)]
struct Entry {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    created_at: Option<String>,
    account: Option<Account>,
    status: Option<Box<Entry>>,
    in_reply_to_id: Option<String>,
    content: Option<String>,
    spoiler_text: Option<String>,
    media_attachments: Option<Vec<MediaAttachment>>,
    poll: Option<Poll>,
    url: Option<String>,
    uri: Option<String>,
    /// Present (not null) when the status is a boost of another.
    reblog: Option<IgnoredAny>,
    /// Neither a Status nor a Notification has these: a filtered
    /// notifications' request (its count, its last status if any) or a
    /// conversation (direct messages: its people, its last status) does.
    last_status: Option<IgnoredAny>,
    notifications_count: Option<IgnoredAny>,
    accounts: Option<IgnoredAny>,
}

/// A status's poll: its choices are what a reply that is one says.
#[derive(Deserialize)]
struct Poll {
    #[serde(default)]
    options: Vec<PollOption>,
}

#[derive(Deserialize)]
struct PollOption {
    title: Option<String>,
}

/// `body` with a line `[poll: A | B]` after it, of the choices that have words.
fn with_poll<'a>(body: String, choices: impl IntoIterator<Item = Option<&'a str>>) -> String {
    let choices: Vec<&str> = (choices.into_iter())
        .filter_map(|c| c.map(str::trim))
        .filter(|t| !t.is_empty())
        .collect();
    if choices.is_empty() {
        return body;
    }
    let poll = format!("[poll: {}]", choices.join(" | "));
    if body.trim().is_empty() {
        poll
    } else {
        format!("{body}\n{poll}")
    }
}

/// A choice of an outbox's poll (a `Question`'s `oneOf` or `anyOf`).
#[derive(Deserialize)]
struct Choice {
    name: Option<String>,
}

/// A status's picture, video or sound, with its alt text.
#[derive(Deserialize)]
struct MediaAttachment {
    #[serde(rename = "type")]
    kind: Option<String>,
    description: Option<String>,
}

impl MediaAttachment {
    fn mark(&self) -> (Option<&str>, &str) {
        let kind = match self.kind.as_deref() {
            Some(k @ ("image" | "video" | "audio")) => k,
            Some("gifv") => "GIF",
            _ => "attachment",
        };
        (self.description.as_deref(), kind)
    }
}

#[derive(Deserialize)]
struct Account {
    id: Option<String>,
    acct: Option<String>,
    display_name: Option<String>,
    url: Option<String>,
    /// An automated account (a feed, a news relay): no one to answer.
    bot: Option<bool>,
}

/// The top-level object of an `outbox.json`, a thread context (or an API
/// error).
#[derive(Default)]
struct Collection {
    ordered_items: Option<Vec<Activity>>,
    /// A context's statuses above the one asked about, root first.
    ancestors: Option<Vec<Entry>>,
    /// A context's replies below it.
    descendants: Option<Vec<Entry>>,
    /// `GET /api/v2/notifications`: the notifications, grouped, each
    /// naming its status in `statuses`.
    notification_groups: Option<Vec<Group>>,
    statuses: Option<Vec<Entry>>,
    /// `{"error": "…"}` is what the API sends when a request fails.
    error: Option<String>,
    /// The other fields, kept: an object with an `account` is one Status
    /// or Notification (`GET /api/v1/statuses/:id`), not a collection.
    rest: serde_json::Map<String, serde_json::Value>,
}

/// Read by hand for one field: Mastodon's own archive (4.x, issue #31091)
/// writes `orderedItems` twice, empty and then full, which a derived
/// reader refuses as a duplicate; the items of each are read, in order.
impl<'de> Deserialize<'de> for Collection {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Collection;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Collection, A::Error> {
                let mut c = Collection::default();
                while let Some(field) = map.next_key::<String>()? {
                    match field.as_str() {
                        "orderedItems" => {
                            if let Some(items) = map.next_value::<Option<Vec<Activity>>>()? {
                                c.ordered_items.get_or_insert_default().extend(items);
                            }
                        }
                        "ancestors" => c.ancestors = map.next_value()?,
                        "descendants" => c.descendants = map.next_value()?,
                        "notification_groups" => c.notification_groups = map.next_value()?,
                        "statuses" => c.statuses = map.next_value()?,
                        "error" => c.error = map.next_value()?,
                        // An outbox's or a context's others are a few
                        // small fields.
                        _ => {
                            c.rest.insert(field, map.next_value()?);
                        }
                    }
                }
                Ok(c)
            }
        }
        d.deserialize_map(V)
    }
}

/// A group of notifications of one type (`/api/v2/notifications`).
#[derive(Deserialize)]
struct Group {
    /// Names the group across pages: a page fetched twice counts it once.
    #[serde(rename = "group_key")]
    key: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    status_id: Option<String>,
    notifications_count: Option<u64>,
}

#[derive(Deserialize)]
struct Activity {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    actor: Option<String>,
    published: Option<String>,
    object: Option<UriOr<Note>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Note {
    id: Option<String>,
    published: Option<String>,
    in_reply_to: Option<String>,
    content: Option<String>,
    /// The content warning.
    summary: Option<String>,
    attachment: Option<json::ObjOrSeq<Document, Document>>,
    url: Option<String>,
    attributed_to: Option<String>,
    /// A poll's choices: one of them, or any.
    one_of: Option<Vec<Choice>>,
    any_of: Option<Vec<Choice>>,
}

/// An ActivityPub attachment: its alt text is its `name`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Document {
    media_type: Option<String>,
    name: Option<String>,
}

impl Document {
    fn mark(&self) -> (Option<&str>, &str) {
        let kind = (self.media_type.as_deref())
            .and_then(|t| t.split('/').next())
            .filter(|k| matches!(*k, "image" | "video" | "audio"));
        (self.name.as_deref(), kind.unwrap_or("attachment"))
    }
}

/// An ActivityPub reference: a URI, or the object itself.
enum UriOr<T> {
    Uri,
    Object(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for UriOr<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = UriOr<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a URI or an object")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(UriOr::Uri)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(UriOr::Object)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

// ---------------------------------------------------------------------------
// From the shapes to records.

fn api_entry(
    e: Entry,
    at: &str,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    match e.kind.as_deref() {
        // What sums up other statuses: not one of them.
        None if e.last_status.is_some()
            || e.notifications_count.is_some()
            || e.accounts.is_some() =>
        {
            Err(ImportError::new(
                Some(Position::Path(at.to_owned())),
                None,
                match e.accounts {
                    Some(_) => {
                        "a conversation (/api/v1/conversations: direct messages), not a \
                            status: ackbox does not read these; import a status's context \
                            (/api/v1/statuses/ID/context)"
                    }
                    None => {
                        "a notification request (/api/v1/notifications/requests: filtered \
                         notifications), not a status: ackbox does not read these; import the \
                         notifications themselves (/api/v1/notifications?include_filtered=true)"
                    }
                },
            ))
        }
        // A Status.
        None => status(e, at, Kind::Comment, sink, skipped),
        // A quote of your post (Mastodon 4.5) speaks to you as a mention does.
        Some("mention" | "quote") => match e.status {
            Some(s) => status(*s, &json::child(at, "status"), Kind::Mention, sink, skipped),
            None => {
                skipped.skip_ids("mention without status", e.id.as_deref());
                Ok(())
            }
        },
        Some(other) => {
            let why = format!("{other} notification");
            skipped.skip_ids(&why, e.id.as_deref());
            Ok(())
        }
    }
}

fn status(
    s: Entry,
    at: &str,
    kind: Kind,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    if s.reblog.is_some() {
        skipped.skip_ids("boost", s.id.as_deref());
        return Ok(());
    }
    let id =
        s.id.filter(|i| !i.is_empty())
            .ok_or_else(|| json::missing(&json::child(at, "id"), "id"))?;
    let created_at = json::timestamp(
        s.created_at.as_deref(),
        &json::child(at, "created_at"),
        "created_at",
    )?;
    let account_at = json::child(at, "account");
    let account = s
        .account
        .ok_or_else(|| json::missing(&account_at, "account"))?;
    let acct = account
        .acct
        .filter(|a| !a.is_empty())
        .ok_or_else(|| json::missing(&json::child(&account_at, "acct"), "acct"))?;
    let body = with_attachments(
        with_warning(s.spoiler_text.as_deref(), s.content.as_deref()),
        s.media_attachments
            .iter()
            .flatten()
            .map(MediaAttachment::mark),
    );
    let body = match &s.poll {
        Some(poll) => with_poll(body, poll.options.iter().map(|o| o.title.as_deref())),
        None => body,
    };
    let mut r = Record::new(PLATFORM, &id, &acct, &body, created_at);
    let url = s
        .url
        .filter(|u| !u.is_empty())
        .or(s.uri.filter(|u| !u.is_empty()));
    match s.in_reply_to_id.filter(|p| !p.is_empty()) {
        Some(parent) => {
            r.thread_id = Some(parent.clone());
            r.parent_id = Some(parent);
        }
        None => {
            r.thread_id = Some(id);
            r.thread_url = url.clone();
        }
    }
    r.url = url;
    r.bot = account.bot == Some(true);
    r.author_ids = account_ids(account.id, &acct, account.url);
    r.author_name = account.display_name.filter(|n| !n.trim().is_empty());
    r.kind = kind;
    sink(r, Position::Path(at.to_owned()))
}

/// The account id, the acct, the profile URL and, for a local acct, `user@host`.
fn account_ids(id: Option<String>, acct: &str, url: Option<String>) -> Vec<String> {
    let mut ids: Vec<String> = id.into_iter().chain([acct.to_owned()]).collect();
    if let Some(url) = url.filter(|u| !u.is_empty()) {
        if !acct.contains('@')
            && let Some(host) = host(&url)
        {
            ids.push(format!("{acct}@{host}"));
        }
        ids.push(url);
    }
    ids.retain(|i| !i.is_empty());
    ids
}

/// The plain text of a status: its content warning, a blank line, its content.
fn with_warning(warning: Option<&str>, html: Option<&str>) -> String {
    let text = html.map(html_to_text).unwrap_or_default();
    match warning.map(str::trim).filter(|w| !w.is_empty()) {
        Some(w) if text.is_empty() => w.to_owned(),
        Some(w) => format!("{w}\n\n{text}"),
        None => text,
    }
}

/// The status id in `https://host/users/name/statuses/<id>`.
fn status_id(uri: &str) -> Option<&str> {
    let path = uri.split(['?', '#']).next()?;
    let (_, id) = path.trim_end_matches('/').rsplit_once("/statuses/")?;
    (!id.is_empty() && !id.contains('/')).then_some(id)
}

/// Handle and ids from an actor URI `https://host/users/name`; on a server
/// that numbers its actors (`https://host/ap/users/1100…`), the handle is
/// that of the status's page on that host (`https://host/@name/…`).
fn actor(uri: &str, page: Option<&str>) -> (String, Vec<String>) {
    let path = uri.split(['?', '#']).next().unwrap_or_default();
    let name = (path.trim_end_matches('/').rsplit_once("/users/"))
        .filter(|(_, n)| !n.is_empty() && !n.contains('/'))
        .and_then(
            |(at, n)| match at.ends_with("/ap") && n.bytes().all(|b| b.is_ascii_digit()) {
                true => page
                    .filter(|p| host(p) == host(uri))
                    .and_then(|p| p.split_once("/@"))
                    .and_then(|(_, rest)| rest.split(['/', '?', '#']).next())
                    .filter(|n| !n.is_empty()),
                false => Some(n),
            },
        );
    match (name, host(uri)) {
        (Some(name), Some(host)) => (
            name.to_owned(),
            vec![
                uri.to_owned(),
                format!("{name}@{host}"),
                format!("https://{host}/@{name}"),
            ],
        ),
        _ => (uri.to_owned(), Vec::new()),
    }
}

fn collection(
    c: Collection,
    at: &str,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    if let Some(e) = c.error {
        return Err(ImportError::at(
            Position::Path(json::child(at, "error")),
            "error",
            format!("the file holds a Mastodon API error response, not statuses: {e}"),
        ));
    }
    if c.ancestors.is_some() || c.descendants.is_some() {
        return context([c.ancestors, c.descendants], at, sink, skipped);
    }
    if let Some(groups) = c.notification_groups {
        return grouped(groups, c.statuses.unwrap_or_default(), at, sink, skipped);
    }
    if c.ordered_items.is_none()
        && ["account", "accounts", "last_status"]
            .iter()
            .any(|k| c.rest.contains_key(*k))
    {
        let entry =
            serde_path_to_error::deserialize(serde_json::Value::Object(c.rest)).map_err(|e| {
                let field = e.path().to_string();
                ImportError::at(
                    Position::Path(json::child(at, &field)),
                    &field,
                    e.inner().to_string(),
                )
            })?;
        return api_entry(entry, at, sink, skipped);
    }
    let items_at = json::child(at, "orderedItems");
    let items = c.ordered_items.ok_or_else(|| {
        ImportError::at(
            Position::Path(items_at.clone()),
            "orderedItems",
            "missing: expected an array of notifications or statuses, grouped notifications, a thread \
             context, or an outbox.json",
        )
    })?;
    for (i, activity) in items.into_iter().enumerate() {
        outbox_item(activity, &json::index(&items_at, i), sink, skipped)?;
    }
    Ok(())
}

/// Grouped notifications (`/api/v2/notifications`): as the ungrouped ones,
/// only mentions are imported, their status found in `statuses`; the
/// other groups are counted as skipped by type, each notification of them.
fn grouped(
    groups: Vec<Group>,
    statuses: Vec<Entry>,
    at: &str,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    let mut statuses: Vec<Option<Entry>> = statuses.into_iter().map(Some).collect();
    for group in groups {
        match group.kind.as_deref() {
            Some("mention" | "quote") => {
                let found = statuses.iter().position(|s| {
                    s.as_ref()
                        .is_some_and(|s| s.id.is_some() && s.id == group.status_id)
                });
                match found.and_then(|i| Some((i, statuses[i].take()?))) {
                    Some((i, s)) => {
                        let at = json::index(&json::child(at, "statuses"), i);
                        status(s, &at, Kind::Mention, sink, skipped)?;
                    }
                    None => skipped.skip_ids("mention without status", group.key.as_deref()),
                }
            }
            kind => {
                let why = format!("{} notification", kind.unwrap_or("unknown"));
                let n = group.notifications_count.unwrap_or(1);
                skipped.skip_once(&why, group.key.as_deref(), n);
            }
        }
    }
    Ok(())
}

/// A thread context's `ancestors` and `descendants`: both are Statuses, read
/// as the account statuses are (a reply's thread is the status it answers).
fn context(
    lists: [Option<Vec<Entry>>; 2],
    at: &str,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    for (key, list) in ["ancestors", "descendants"].into_iter().zip(lists) {
        let list_at = json::child(at, key);
        let list = list.ok_or_else(|| json::missing(&list_at, key))?;
        for (i, s) in list.into_iter().enumerate() {
            status(s, &json::index(&list_at, i), Kind::Comment, sink, skipped)?;
        }
    }
    Ok(())
}

fn outbox_item(
    a: Activity,
    at: &str,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    match a.kind.as_deref() {
        Some("Create") => {}
        Some("Announce") => {
            skipped.skip_ids("boost", a.id.as_deref());
            return Ok(());
        }
        Some(other) => {
            skipped.skip_ids(&format!("{other} activity"), a.id.as_deref());
            return Ok(());
        }
        None => return Err(json::missing(&json::child(at, "type"), "type")),
    }
    let note_at = json::child(at, "object");
    let note = match a.object {
        Some(UriOr::Object(note)) => note,
        Some(UriOr::Uri) => {
            skipped.skip_ids("Create without its object", a.id.as_deref());
            return Ok(());
        }
        None => return Err(json::missing(&note_at, "object")),
    };
    let uri = note
        .id
        .filter(|i| !i.is_empty())
        .ok_or_else(|| json::missing(&json::child(&note_at, "id"), "id"))?;
    let id = status_id(&uri).unwrap_or(&uri).to_owned();
    let published = note.published.or(a.published);
    let created_at = json::timestamp(
        published.as_deref(),
        &json::child(&note_at, "published"),
        "published",
    )?;
    let actor_uri = note
        .attributed_to
        .or(a.actor)
        .filter(|u| !u.is_empty())
        .ok_or_else(|| json::missing(&json::child(&note_at, "attributedTo"), "attributedTo"))?;
    let (author, author_ids) = actor(&actor_uri, note.url.as_deref());
    let attached: &[Document] = match &note.attachment {
        Some(json::ObjOrSeq::Obj(one)) => std::slice::from_ref(one),
        Some(json::ObjOrSeq::Seq(all)) => all,
        None => &[],
    };
    let body = with_attachments(
        with_warning(note.summary.as_deref(), note.content.as_deref()),
        attached.iter().map(Document::mark),
    );
    let choices = note.one_of.iter().chain(&note.any_of).flatten();
    let body = with_poll(body, choices.map(|c| c.name.as_deref()));
    let mut r = Record::new(PLATFORM, &id, &author, &body, created_at);
    let url = note
        .url
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| uri.clone());
    match note.in_reply_to.filter(|p| !p.is_empty()) {
        Some(parent_uri) => {
            // Only a statuses URI on the owner's own server carries a home id.
            let local = host(&parent_uri).is_some() && host(&parent_uri) == host(&uri);
            let parent = match status_id(&parent_uri) {
                Some(pid) if local => pid.to_owned(),
                _ => parent_uri.clone(),
            };
            // A home status's link comes with it (its web page, as the API
            // gives it); only a remote one is known by its address alone.
            r.thread_url = (!local).then(|| parent_uri.clone());
            r.thread_id = Some(parent.clone());
            r.parent_id = Some(parent);
        }
        None => {
            r.thread_id = Some(id);
            r.thread_url = Some(url.clone());
        }
    }
    r.url = Some(url);
    r.author_ids = author_ids;
    r.kind = Kind::Comment;
    r.own = Some(true);
    sink(r, Position::Path(note_at))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::test_support::{
        self, Read, assert_detects_only, assert_sink_error_passes_through, by_id, fixture,
        never_panics, ts,
    };

    const NOTIFICATIONS: &[u8] = fixture!("mastodon/notifications.json");
    const PAGES: &[u8] = fixture!("mastodon/notifications-pages.jsonl");
    const STATUSES: &[u8] = fixture!("mastodon/statuses.json");
    const OUTBOX: &[u8] = fixture!("mastodon/outbox.json");
    const API_ERROR: &[u8] = fixture!("mastodon/api-error.json");
    const CONTEXT: &[u8] = fixture!("mastodon/context.json");

    const GROUPED: &[u8] = fixture!("mastodon/notifications-v2.json");

    fn read(bytes: &[u8]) -> Result<Read, ImportError> {
        test_support::read(&Mastodon, bytes)
    }

    fn records(bytes: &[u8]) -> Vec<Record> {
        test_support::records(&Mastodon, bytes).0
    }

    /// Responses gathered into one array (`jq -s`): pages of notifications
    /// or statuses, an empty page, thread contexts; read as each alone.
    #[test]
    fn responses_gathered_into_one_array() {
        let text = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
        let ids = |recs: Vec<Record>| recs.into_iter().map(|r| r.id).collect::<Vec<_>>();
        for (one, n) in [(NOTIFICATIONS, 2), (STATUSES, 2), (CONTEXT, 2)] {
            let gathered = format!("[{}]", vec![text(one); n].join(",") + ",[]");
            let once = ids(records(one));
            assert_eq!(ids(records(gathered.as_bytes())), vec![once; n].concat());
        }
    }

    /// A status's field of the wrong type is named, in the status and in
    /// its account.
    #[test]
    fn a_field_of_the_wrong_type_is_named() {
        let mut statuses: serde_json::Value = serde_json::from_slice(STATUSES).unwrap();
        statuses[1]["content"] = serde_json::json!(5);
        let e = read(statuses.to_string().as_bytes()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("[1]"), "{e}");
        assert!(
            e.message.starts_with("content: invalid type: integer `5`"),
            "{e}"
        );
        let mut statuses: serde_json::Value = serde_json::from_slice(STATUSES).unwrap();
        statuses[0]["account"]["acct"] = serde_json::json!([]);
        let e = read(statuses.to_string().as_bytes()).unwrap_err();
        assert!(
            e.message.starts_with("account.acct: invalid type: a list"),
            "{e}"
        );
    }

    fn skipped(pairs: &[(&str, u64)]) -> std::collections::BTreeMap<String, u64> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
    }

    #[test]
    fn detects_its_fixtures_and_nothing_else() {
        let not: &[&[u8]] = &[
            br#"{"platform":"mastodon","id":"1","author":"alice","body":"hi","created_at":"2026-03-01T14:05:00Z","kind":"mention"}"#,
            br#"{"platform":"mastodon","id":"2","author":"alice@example.social","parent_id":"1","body":"@bob type: acct","created_at":"2026-03-01T14:05:00Z"}"#,
            b"acct,type\n",
        ];
        assert_detects_only(&Mastodon, 1200, not);
    }

    /// `/api/v2/notifications` groups notifications: its mentions are
    /// imported as the ungrouped ones, from the statuses they name.
    #[test]
    fn grouped_notifications_give_their_mentions() {
        let (got, skip) = read(GROUPED).unwrap();
        let ids: Vec<&str> = got.iter().map(|(r, _)| r.id.as_str()).collect();
        // A quote of your post counts as a mention.
        assert_eq!(
            ids,
            [
                "113999000000000903",
                "113999000000000902",
                "113999000000000901"
            ]
        );
        assert!(got.iter().all(|(r, _)| r.kind == Kind::Mention));
        let (bob, at) = &got[2];
        assert_eq!(*at, Position::Path("statuses[1]".into()));
        assert_eq!(bob.author, "bob@fosstodon.org");
        assert_eq!(bob.parent_id.as_deref(), Some("113999000000000900"));
        assert_eq!(bob.body, "@alex is the Guji back?");
        // Each notification of the other groups is counted.
        assert_eq!(
            skip.counts,
            skipped(&[("favourite notification", 3), ("follow notification", 1)])
        );
    }

    #[test]
    fn imports_mentions_only() {
        let (got, skip) = read(NOTIFICATIONS).unwrap();
        let recs: Vec<Record> = got.iter().map(|(r, _)| r.clone()).collect();
        let ids: Vec<&str> = recs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "113998877665544332",
                "113999000000000222",
                "113999100000000333"
            ]
        );
        assert_eq!(
            skip.counts,
            skipped(&[
                ("favourite notification", 1),
                ("follow notification", 1),
                ("poll notification", 1),
                ("reblog notification", 1)
            ])
        );
        assert!(
            recs.iter()
                .all(|r| r.kind == Kind::Mention && r.platform == "mastodon" && r.own.is_none())
        );

        let bob = &recs[0];
        assert_eq!(got[0].1, Position::Path("[0].status".into()));
        assert_eq!(bob.author, "bob@fosstodon.org");
        assert_eq!(
            bob.author_ids,
            [
                "109400000000000002",
                "bob@fosstodon.org",
                "https://fosstodon.org/@bob"
            ]
        );
        assert_eq!(bob.author_name.as_deref(), Some("Bob ✨"));
        assert_eq!(
            bob.body,
            "@ackboxdemo good catch on the coupon date & thanks for the fix! 🎉"
        );
        assert_eq!(bob.created_at, ts("2026-02-27T18:04:11.512Z"));
        assert_eq!(bob.parent_id.as_deref(), Some("113990000000000001"));
        assert_eq!(bob.thread_id.as_deref(), Some("113990000000000001"));
        assert_eq!(bob.thread_url, None);
        assert_eq!(bob.thread_title, None);
        assert_eq!(
            bob.url.as_deref(),
            Some("https://fosstodon.org/@bob/113998877665544332")
        );

        // A top-level mention is its own thread.
        let erin = &recs[1];
        assert_eq!(erin.parent_id, None);
        assert_eq!(erin.thread_id.as_deref(), Some("113999000000000222"));
        assert_eq!(
            erin.thread_url.as_deref(),
            Some("https://mstdn.jp/@erin/113999000000000222")
        );
        assert_eq!(
            erin.body,
            "@ackboxdemo 你好！請問 ackbox 支援 Mastodon 嗎？"
        );

        // A local account: acct has no host; user@host is added from the URL.
        let dana = &recs[2];
        assert_eq!(dana.author, "dana");
        assert_eq!(
            dana.author_ids,
            [
                "109400000000000004",
                "dana",
                "dana@mastodon.social",
                "https://mastodon.social/@dana"
            ]
        );
        assert_eq!(dana.body, "@ackboxdemo תודה רבה!\n\nit's <3");
    }

    #[test]
    fn reads_json_lines_pages() {
        let (got, skip) = read(PAGES).unwrap();
        let pos: Vec<_> = got.iter().map(|(_, p)| p.to_string()).collect();
        assert_eq!(pos, ["1: [0].status", "2: [0].status", "3: [0].status"]);
        assert_eq!(skip.counts.get("follow_request notification"), Some(&1));
        let alice = &got[1].0;
        assert_eq!(alice.author, "alice@example.social");
        assert_eq!(alice.author_name, None, "an empty display name is no name");
        assert_eq!(alice.body, "long post\n\n@ackboxdemo hello\nsecond line");
        // No content, no url: empty body, the URI as the link.
        let empty = &got[2].0;
        assert_eq!(empty.body, "");
        assert_eq!(
            empty.url.as_deref(),
            Some("https://fosstodon.org/users/bob/statuses/113999300000000555")
        );
        assert_eq!(empty.created_at, ts("2026-02-28T12:00:00Z"));
    }

    #[test]
    fn reads_account_statuses() {
        let (got, skip) = read(STATUSES).unwrap();
        let recs: Vec<Record> = got.iter().map(|(r, _)| r.clone()).collect();
        assert_eq!(recs.len(), 4);
        assert_eq!(skip.counts, skipped(&[("boost", 1)]));
        let reply = by_id(&recs, "113998900000000001");
        assert_eq!(
            reply.parent_id.as_deref(),
            Some("113998877665544332"),
            "links to Bob's mention"
        );
        assert_eq!(reply.kind, Kind::Comment);
        assert_eq!(
            reply.own, None,
            "the driver decides from the configured handles"
        );
        assert_eq!(reply.author, "ackboxdemo");
        assert_eq!(
            reply.author_ids,
            [
                "109302123456789012",
                "ackboxdemo",
                "ackboxdemo@mastodon.social",
                "https://mastodon.social/@ackboxdemo"
            ]
        );
        assert_eq!(reply.body, "@bob thanks Bob, glad it helps!");
        let cw = by_id(&recs, "113998960000000003");
        assert_eq!(cw.body, "日本語\n\n@erin はい、対応しています！");
        assert_eq!(by_id(&recs, "113998970000000004").body, "");
        let post = by_id(&recs, "113990000000000001");
        assert_eq!(
            post.body,
            "ackbox 0.1 is out! Notes: https://ackbox.example/release"
        );
        assert_eq!(post.parent_id, None);
        assert_eq!(post.thread_id.as_deref(), Some("113990000000000001"));
        assert_eq!(
            got[3].1,
            Position::Path("[4]".into()),
            "the boost at [1] is skipped"
        );
    }

    /// Mastodon's archive writes `orderedItems` twice (mastodon#31091),
    /// empty and then full: the statuses of both are read.
    #[test]
    fn an_archive_outbox_with_its_items_named_twice_is_read() {
        let outbox = br#"{"@context":"https://www.w3.org/ns/activitystreams","id":"outbox.json","type":"OrderedCollection","totalItems":2,"orderedItems":[],"orderedItems":[
{"type":"Create","actor":"https://h/users/me","published":"2026-02-01T10:00:00Z","object":{"type":"Note","id":"https://h/users/me/statuses/1","published":"2026-02-01T10:00:00Z","content":"<p>hello</p>","attributedTo":"https://h/users/me"}},
{"type":"Create","actor":"https://h/users/me","published":"2026-02-02T10:00:00Z","object":{"type":"Note","id":"https://h/users/me/statuses/2","published":"2026-02-02T10:00:00Z","content":"<p>again</p>","attributedTo":"https://h/users/me"}}]}"#;
        assert!(Mastodon.detect(outbox));
        let bodies: Vec<String> = records(outbox).into_iter().map(|r| r.body).collect();
        assert_eq!(bodies, ["hello", "again"]);
    }

    /// An outbox's poll (a `Question`) says its choices, as the API's does.
    #[test]
    fn an_outbox_poll_says_its_choices() {
        let outbox = br#"{"orderedItems":[{"type":"Create","actor":"https://h/users/me","published":"2026-02-01T10:00:00Z",
"object":{"type":"Question","id":"https://h/users/me/statuses/6","published":"2026-02-01T10:00:00Z","content":"<p>Which do you prefer?</p>",
"attributedTo":"https://h/users/me","oneOf":[{"type":"Note","name":"Guji"},{"type":"Note","name":"Huila"}]}}]}"#;
        let bodies: Vec<String> = records(outbox).into_iter().map(|r| r.body).collect();
        assert_eq!(bodies, ["Which do you prefer?\n[poll: Guji | Huila]"]);
    }

    /// A photo sent in reply is what the person wrote: each attachment is a
    /// line of the body, by its alt text, else by its kind.
    #[test]
    fn attachments_are_written_by_their_alt_text() {
        let statuses = br#"[
 {"id":"1","created_at":"2026-02-01T10:00:00Z","account":{"id":"9","acct":"ana"},
  "content":"<p><span class=\"h-card\"><a href=\"https://h/@me\">@<span>me</span></a></span></p>",
  "media_attachments":[{"type":"image","description":"My latte art: a wobbly heart"},
                       {"type":"gifv","description":null}]},
 {"id":"2","created_at":"2026-02-01T10:00:00Z","account":{"id":"9","acct":"ana"},
  "content":"","media_attachments":[{"type":"video","description":"  "}]},
 {"id":"3","created_at":"2026-02-01T10:00:00Z","account":{"id":"9","acct":"ana"},
  "content":"","media_attachments":[],"poll":{"id":"7","options":[{"title":"Espresso","votes_count":3},{"title":"Filter","votes_count":null}]}},
 {"id":"4","created_at":"2026-02-01T10:00:00Z","account":{"id":"9","acct":"ana"},
  "content":"<p>Which one?</p>","poll":{"id":"8","options":[{"title":"V60"},{"title":" "}]}}
]"#;
        let bodies: Vec<String> = records(statuses).into_iter().map(|r| r.body).collect();
        assert_eq!(
            bodies,
            [
                "@me\n[My latte art: a wobbly heart] [GIF]",
                "[video]",
                // A poll in reply: its choices are what it says.
                "[poll: Espresso | Filter]",
                "Which one?\n[poll: V60]"
            ]
        );
        let note = |attachment: &str| {
            format!(
                r#"{{"orderedItems":[{{"type":"Create","actor":"https://h/users/me","published":"2026-02-01T10:00:00Z",
"object":{{"id":"https://h/users/me/statuses/5","published":"2026-02-01T10:00:00Z","content":"<p>Fresh beans</p>",
"attributedTo":"https://h/users/me","attachment":{attachment}}}}}]}}"#
            )
        };
        let one = r#"{"type":"Document","mediaType":"image/jpeg","name":"Beans on a scale"}"#;
        for (attachment, want) in [
            (one.to_owned(), "Fresh beans\n[Beans on a scale]"),
            (
                format!(r#"[{one},{{"type":"Document","mediaType":"audio/ogg"}}]"#),
                "Fresh beans\n[Beans on a scale] [audio]",
            ),
        ] {
            assert_eq!(records(note(&attachment).as_bytes())[0].body, want);
        }
    }

    #[test]
    fn reads_archive_outbox() {
        let (got, skip) = read(OUTBOX).unwrap();
        let recs: Vec<Record> = got.iter().map(|(r, _)| r.clone()).collect();
        let ids: Vec<&str> = recs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "113990000000000001",
                "113998900000000001",
                "113999500000000005",
                "113999600000000006",
                "113999700000000007"
            ]
        );
        assert_eq!(skip.counts, skipped(&[("boost", 1)]));
        assert!(
            recs.iter().all(|r| r.own == Some(true)
                && r.author == "ackboxdemo"
                && r.kind == Kind::Comment)
        );
        assert_eq!(
            recs[0].author_ids,
            [
                "https://mastodon.social/users/ackboxdemo",
                "ackboxdemo@mastodon.social",
                "https://mastodon.social/@ackboxdemo"
            ]
        );
        assert_eq!(got[0].1, Position::Path("orderedItems[0].object".into()));

        // The same status from the archive and from the API agree.
        let api = records(STATUSES);
        let (a, b) = (
            by_id(&recs, "113990000000000001"),
            by_id(&api, "113990000000000001"),
        );
        assert_eq!(
            (&a.id, &a.parent_id, &a.thread_id, &a.body, a.created_at),
            (&b.id, &b.parent_id, &b.thread_id, &b.body, b.created_at)
        );
        assert_eq!(
            a.url.as_deref(),
            Some("https://mastodon.social/@ackboxdemo/113990000000000001")
        );

        // A reply to a remote status keeps the remote URI (its id is not a home id).
        let remote = by_id(&recs, "113998900000000001");
        assert_eq!(
            remote.parent_id.as_deref(),
            Some("https://fosstodon.org/users/bob/statuses/113998800000000777")
        );
        assert_eq!(remote.thread_id, remote.parent_id);
        // A reply to a status on the home server gets the home id: Dana's mention.
        let local = by_id(&recs, "113999500000000005");
        assert_eq!(local.parent_id.as_deref(), Some("113999100000000333"));
        assert_eq!(local.thread_url, None);
        assert_eq!(
            remote.thread_url.as_deref(),
            Some("https://fosstodon.org/users/bob/statuses/113998800000000777")
        );
        assert_eq!(local.body, "reply\n\n@dana בשמחה 😊 & see you <soon>");
        assert_eq!(local.created_at, ts("2026-02-28T13:00:00Z"));
        // Not a statuses URI: kept whole.
        assert_eq!(
            by_id(&recs, "113999700000000007").parent_id.as_deref(),
            Some("https://weird.example/objects/abc")
        );
        assert_eq!(
            by_id(&recs, "113999600000000006").body,
            "Which platform next?\n[poll: Bluesky]"
        );
    }

    #[test]
    fn reads_a_thread_context() {
        let (got, skip) = read(CONTEXT).unwrap();
        assert!(skip.counts.is_empty(), "{:?}", skip.counts);
        let pos: Vec<_> = got.iter().map(|(_, p)| p.to_string()).collect();
        assert_eq!(
            pos,
            [
                "ancestors[0]",
                "ancestors[1]",
                "descendants[0]",
                "descendants[1]"
            ]
        );
        let recs: Vec<Record> = got.into_iter().map(|(r, _)| r).collect();
        // Each status reads as it does from the other endpoints.
        for (file, id) in [
            (STATUSES, "113990000000000001"),
            (NOTIFICATIONS, "113998877665544332"),
            (NOTIFICATIONS, "113999100000000333"),
        ] {
            let (a, b) = (by_id(&recs, id), by_id(&records(file), id).clone());
            assert_eq!(
                (
                    &a.parent_id,
                    &a.thread_id,
                    &a.body,
                    &a.author,
                    &a.author_ids
                ),
                (
                    &b.parent_id,
                    &b.thread_id,
                    &b.body,
                    &b.author,
                    &b.author_ids
                ),
                "{id}"
            );
            assert_eq!(a.kind, Kind::Comment, "{id}: a context holds statuses");
        }
        let frank = by_id(&recs, "113999800000000008");
        assert_eq!(frank.author, "frank@hachyderm.io");
        assert_eq!(frank.parent_id.as_deref(), Some("113998900000000001"));
        assert_eq!(frank.thread_id.as_deref(), Some("113998900000000001"));
        assert_eq!(frank.own, None);
        assert_eq!(frank.body, "@ackboxdemo same here, the coupon works now 👍");
    }

    #[test]
    fn an_empty_context_is_an_empty_page_and_a_half_one_is_named() {
        let (got, _) = read(b"{\"ancestors\": [], \"descendants\": []}\n").unwrap();
        assert!(got.is_empty());
        let e = read(br#"{"ancestors":[]}"#).unwrap_err();
        assert_eq!(e.position, Some(Position::Path("descendants".into())));
        let e = read(br#"{"ancestors":[{"id":"1"}],"descendants":[]}"#).unwrap_err();
        assert_eq!(
            e.position,
            Some(Position::Path("ancestors[0].created_at".into()))
        );
    }

    #[test]
    fn api_error_response_is_reported() {
        let e = read(API_ERROR).unwrap_err();
        assert_eq!(e.position, Some(Position::Path("error".into())));
        assert!(e.message.contains("The access token is invalid"), "{e}");
        let e = read(br#"{"type":"Person","id":"https://x/users/y"}"#).unwrap_err();
        assert_eq!(e.position, Some(Position::Path("orderedItems".into())));
    }

    #[test]
    fn bad_fields_name_their_path() {
        let text = String::from_utf8_lossy(NOTIFICATIONS)
            .replace("2026-02-28T02:29:58.000Z", "28/02/2026");
        let e = read(text.as_bytes()).unwrap_err();
        assert_eq!(
            e.position,
            Some(Position::Path("[4].status.created_at".into()))
        );
        assert_eq!(e.field.as_deref(), Some("created_at"));

        let text = String::from_utf8_lossy(OUTBOX).replacen(
            "\"published\": \"2026-02-28T15:00:00Z\"",
            "\"published\": \"soon\"",
            2,
        );
        let e = read(text.as_bytes()).unwrap_err();
        assert_eq!(
            e.position,
            Some(Position::Path("orderedItems[5].object.published".into()))
        );

        let text = String::from_utf8_lossy(PAGES)
            .replace("\"acct\":\"alice@example.social\"", "\"acct\":null");
        let e = read(text.as_bytes()).unwrap_err();
        assert_eq!(
            e.position,
            Some(Position::Path("2: [0].status.account.acct".into()))
        );
    }

    #[test]
    fn malformed_json_gives_line_and_column() {
        let e = read(&OUTBOX[..OUTBOX.len() - 40]).unwrap_err();
        assert!(
            matches!(e.position, Some(Position::LineCol(l, _)) if l > 100),
            "{e:?}"
        );
        assert!(e.message.contains("truncated"), "{e}");
        // A status id as a number (wrong type).
        let text = String::from_utf8_lossy(PAGES)
            .replace("\"id\":\"113999200000000444\"", "\"id\":113999200000000444");
        let e = read(text.as_bytes()).unwrap_err();
        assert!(
            matches!(e.position, Some(Position::LineCol(2, c)) if c > 10),
            "{e:?}"
        );
        assert!(e.message.contains("expected a string"), "{e}");
    }

    #[test]
    fn uri_helpers() {
        assert_eq!(status_id("https://h/users/a/statuses/123"), Some("123"));
        assert_eq!(status_id("https://h/users/a/statuses/123/"), Some("123"));
        assert_eq!(status_id("https://h/users/a/statuses/123/activity"), None);
        assert_eq!(status_id("https://h/notes/9"), None);
        assert_eq!(host("https://h.example:443/x"), Some("h.example:443"));
        assert_eq!(host("nonsense"), None);
        assert_eq!(actor("https://h/users/a", None).0, "a");
        assert_eq!(actor("https://h/@a", None).0, "https://h/@a");
        // Numbered actors (Mastodon's `numeric_ap_ids`): the handle of the page.
        let numbered = "https://h/ap/users/110000000000000001";
        let (name, ids) = actor(numbered, Some("https://h/@fernweh/1120211"));
        assert_eq!(name, "fernweh");
        assert_eq!(ids, [numbered, "fernweh@h", "https://h/@fernweh"]);
        assert_eq!(actor(numbered, Some("https://elsewhere/@x/1")).0, numbered);
        assert_eq!(actor(numbered, None).0, numbered);
        assert_eq!(actor("https://h/users/1234", None).0, "1234");
    }

    /// An automated account's status (`bot: true`: a feed, a relay) is told
    /// as one: the import skips it unless the account is the owner's.
    #[test]
    fn a_bots_status_is_told() {
        let status = |id: &str, acct: &str, bot: bool| {
            format!(
                r#"{{"id":"{id}","created_at":"2026-11-01T10:00:00.000Z","in_reply_to_id":"1",
                "content":"<p>news</p>","account":{{"id":"9{id}","acct":"{acct}","bot":{bot}}}}}"#
            )
        };
        let page = format!(
            "[{},{}]",
            status("2", "newsbot@bots.example", true),
            status("3", "ann@x.social", false)
        );
        let (got, _) = read(page.as_bytes()).unwrap();
        let bots: Vec<(&str, bool)> = got.iter().map(|(r, _)| (r.id.as_str(), r.bot)).collect();
        assert_eq!(bots, [("2", true), ("3", false)]);
    }

    /// One Status, as `GET /api/v1/statuses/:id` returns it (the post a
    /// context leaves out), or one Notification, is read as a page of one.
    #[test]
    fn a_lone_status_or_notification_is_a_page_of_one() {
        let status = r#"{"id":"103186038209478945","created_at":"2026-11-01T10:00:00.000Z",
            "in_reply_to_id":null,"content":"<p>my post</p>","url":"https://h/@fernweh/103186038209478945",
            "account":{"id":"7","acct":"fernweh","display_name":"Fernweh"}}"#;
        let (got, _) = read(status.as_bytes()).unwrap();
        let (page, _) = read(format!("[{status}]").as_bytes()).unwrap();
        let ids = |got: &[(Record, Position)]| -> Vec<(String, String, Option<String>)> {
            (got.iter())
                .map(|(r, _)| (r.id.clone(), r.body.clone(), r.thread_id.clone()))
                .collect()
        };
        assert_eq!(ids(&got), ids(&page));
        assert_eq!(got[0].0.body, "my post");
        let mention = format!(
            r#"{{"id":"5","type":"mention","account":{{"id":"8","acct":"ann"}},"status":{status}}}"#
        );
        let (got, _) = read(mention.as_bytes()).unwrap();
        assert_eq!(got[0].0.kind, Kind::Mention);
        // A wrong field is named by its place.
        let wrong = status.replace(r#""content":"<p>my post</p>""#, r#""content":7"#);
        let e = read(wrong.as_bytes()).expect_err("an error");
        assert_eq!(e.field.as_deref(), Some("content"), "{e}");
        // What sums up other statuses is said to be no status, its
        // `last_status` not taken for one: a filtered notifications'
        // request, a conversation.
        let request = format!(
            r#"[{{"id":"112456967201894256","created_at":"2024-05-17T14:45:41.171Z","notifications_count":"1","account":{{"id":"8","acct":"zsc"}},"last_status":{status}}}]"#
        );
        let e = read(request.as_bytes()).expect_err("an error");
        assert_eq!(e.position, Some(Position::Path("[0]".into())));
        assert!(e.message.starts_with("a notification request ("), "{e}");
        let conversation = format!(
            r#"{{"id":"418450","unread":true,"accounts":[{{"id":"8","acct":"zsc"}}],"last_status":{status}}}"#
        );
        let e = read(conversation.as_bytes()).expect_err("an error");
        assert!(e.message.starts_with("a conversation ("), "{e}");
        // Without a last status (a request of follows alone, none left).
        for (file, said) in [
            (
                r#"[{"id":"1124","created_at":"2026-12-01T10:00:00.000Z","notifications_count":"1","account":{"id":"8","acct":"fan@x.social"}}]"#,
                "a notification request (",
            ),
            (
                r#"[{"id":"1124","created_at":"2026-12-01T10:00:00.000Z","notifications_count":"1","account":{"id":"8","acct":"fan@x.social"},"last_status":null}]"#,
                "a notification request (",
            ),
            (
                r#"{"id":"418450","unread":false,"accounts":[{"id":"8","acct":"zsc"}],"last_status":null}"#,
                "a conversation (",
            ),
        ] {
            let e = read(file.as_bytes()).expect_err("an error");
            assert!(e.message.starts_with(said), "{file}: {e}");
        }
        // An object with nothing of a status is still said to be none.
        let e = read(br#"{"@context":"x","type":"Note"}"#.as_slice()).expect_err("an error");
        assert!(e.to_string().contains("an outbox.json"), "{e}");
    }

    #[test]
    fn sink_error_is_returned_unchanged() {
        assert_sink_error_passes_through(&Mastodon, OUTBOX, 1);
    }

    never_panics!(
        [Mastodon],
        &[NOTIFICATIONS, PAGES, STATUSES, OUTBOX, API_ERROR, CONTEXT]
    );
}
