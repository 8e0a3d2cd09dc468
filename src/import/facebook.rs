//! Facebook and Instagram: the Graph API's comments edges.
//!
//! - Facebook, `GET /{object-id}/comments?fields=id,message,created_time,
//!   from{id,name},parent{id},permalink_url,comments{…same fields…}`: a page
//!   `{"data":[comment…],"paging":{"cursors":{…},"next":…}}`, replies nested
//!   in each comment's own `comments` edge.
//! - Instagram, `GET /{ig-media-id}/comments?fields=id,text,timestamp,
//!   username,from{id,username},like_count,replies{…}`: the same wrapper,
//!   replies nested in `replies`.
//!
//! A file holds one such page, several (JSON Lines, or documents one after
//! another), or a JSON array of them. The object itself with its comments
//! edge is accepted too, and is how the thread gets a title and link:
//! `GET /{post-id}?fields=id,message,permalink_url,comments{…}` (Facebook) or
//! `GET /{ig-media-id}?fields=id,caption,permalink,comments{…}` (Instagram),
//! and lists of such objects: a Page's feed, `GET /{page-id}/feed?fields=
//! id,message,permalink_url,comments{…}`, and an Instagram account's media,
//! `GET /{ig-user-id}/media?fields=id,caption,permalink,comments{…}`.
//! A bare page does not name its object; its thread id is then taken from
//! the page's `paging.next`/`previous` link (`…/{object-id}/comments?…`),
//! or from an Instagram comment's `media{id}`, and is otherwise left empty;
//! its title and link come from the object when that is anywhere in the
//! same file.
//!
//! Authors: `from` is left out for people who have not authorised the app
//! (Facebook does this for most commenters without a Page token); such
//! comments get the author [`UNKNOWN_AUTHOR`]. Facebook has no handle, so
//! the author is the app-scoped `from.id` and `author_name` `from.name`;
//! Instagram's author is the `username`, with `from.id` in `author_ids`.
//! Which comments are the Page's or account's own cannot be told from the
//! file alone (its `from.id` is the Page or IG user id), so `own` is left to
//! the configured identities. Comments hidden by the owner (`is_hidden` /
//! `hidden`, when requested) are skipped as "hidden"; their replies are kept.

use super::shared::{UNKNOWN_AUTHOR, contains, json_head, title_of, with_attachments};
use super::tree::{
    Doc, Obj, Stack, as_obj, child, field, for_each_response, index, opt_arr, opt_bool, opt_id,
    opt_obj, opt_str, push_children, read_documents, req_id, wrong_type,
};
use crate::import::format::{Format, ImportError, Sink, Skipped};
use crate::model::{Kind, Record};
use crate::text::{link_in_text, redirect_target, web_address};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;

/// Facebook Graph API comments (`/{object-id}/comments`).
pub struct Facebook;

/// Instagram Graph API comments (`/{ig-media-id}/comments`).
pub struct Instagram;

impl Format for Facebook {
    fn name(&self) -> &'static str {
        "facebook"
    }

    fn detect(&self, head: &[u8]) -> bool {
        detect(Dialect::Facebook, head)
    }

    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        read(Dialect::Facebook, input, sink, skipped)
    }
}

impl Format for Instagram {
    fn name(&self) -> &'static str {
        "instagram"
    }

    fn detect(&self, head: &[u8]) -> bool {
        detect(Dialect::Instagram, head)
    }

    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        read(Dialect::Instagram, input, sink, skipped)
    }
}

/// What differs between the two platforms' comment objects.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Facebook,
    Instagram,
}

impl Dialect {
    fn platform(self) -> &'static str {
        match self {
            Dialect::Facebook => "facebook",
            Dialect::Instagram => "instagram",
        }
    }
    fn text_key(self) -> &'static str {
        match self {
            Dialect::Facebook => "message",
            Dialect::Instagram => "text",
        }
    }
    fn time_key(self) -> &'static str {
        match self {
            Dialect::Facebook => "created_time",
            Dialect::Instagram => "timestamp",
        }
    }
    /// The edge holding a comment's replies.
    fn replies_key(self) -> &'static str {
        match self {
            Dialect::Facebook => "comments",
            Dialect::Instagram => "replies",
        }
    }
    fn hidden_key(self) -> &'static str {
        match self {
            Dialect::Facebook => "is_hidden",
            Dialect::Instagram => "hidden",
        }
    }
    /// The commented object's text and link fields, first found first: a
    /// post has a `message`, a video a `title` (or only a `description`),
    /// a photo a `name` and a `link`.
    fn object_text_keys(self) -> &'static [&'static str] {
        match self {
            Dialect::Facebook => &["message", "title", "name", "description"],
            Dialect::Instagram => &["caption"],
        }
    }
    /// What the commented object is called.
    fn object_name(self) -> &'static str {
        match self {
            Dialect::Facebook => "post",
            Dialect::Instagram => "media",
        }
    }
    /// Fields of the commented object as the Graph API gives them.
    fn object_fields(self) -> &'static [&'static str] {
        match self {
            Dialect::Facebook => &[
                "message",
                "created_time",
                "permalink_url",
                "from",
                "story",
                "updated_time",
                "full_picture",
                "attachments",
                "status_type",
                "is_published",
                "shares",
            ],
            Dialect::Instagram => &[
                "caption",
                "timestamp",
                "permalink",
                "media_type",
                "media_url",
                "media_product_type",
                "username",
                "owner",
                "shortcode",
                "like_count",
                "comments_count",
                "thumbnail_url",
            ],
        }
    }
    fn object_url_keys(self) -> &'static [&'static str] {
        match self {
            Dialect::Facebook => &["permalink_url", "link"],
            Dialect::Instagram => &["permalink"],
        }
    }

    /// A link as a browser opens it: a video's `permalink_url` is a path
    /// (`/104…/videos/988…/`) on the site.
    fn absolute(self, url: &str) -> String {
        let site = match self {
            Dialect::Facebook => "https://www.facebook.com",
            Dialect::Instagram => "https://www.instagram.com",
        };
        if url.starts_with('/') && !url.starts_with("//") {
            format!("{site}{url}")
        } else {
            url.to_owned()
        }
    }
}

fn detect(dialect: Dialect, head: &[u8]) -> bool {
    let Some(head) = json_head(head) else {
        return false;
    };
    let edge = contains(&head, br#""data":["#) || contains(&head, br#""comments":{"data":["#);
    let facebook = contains(&head, br#""created_time":"#);
    // Without `username` (the Graph API's default fields), told by its
    // text, to say which fields to ask for.
    let instagram = contains(&head, br#""timestamp":"#)
        && (contains(&head, br#""username":"#) || contains(&head, br#""text":"#));
    // A post or media without comments yet (the Graph API leaves the empty
    // edge out), as on a quiet day: told by its link.
    let linked = |key: &[u8], host: &[u8]| contains(&head, key) && contains(&head, host);
    let facebook = edge && facebook || linked(br#""permalink_url":"https:"#, b"facebook.com");
    // One comment asked by its id, without replies (a reply has none; an
    // empty edge is left out): told by its media or its parent.
    let one_comment = contains(&head, br#""media":{"#) || contains(&head, br#""parent_id":"#);
    let instagram = (edge || one_comment) && instagram
        || linked(br#""permalink":"https:"#, b"instagram.com")
            && contains(&head, br#""timestamp":"#);
    // The Threads API's posts look alike (`username`, `text`, `timestamp`,
    // a `permalink`, in the same pages): they are Threads'.
    let threads = super::threads::is_threads(&head);
    match dialect {
        Dialect::Facebook => facebook && !threads,
        Dialect::Instagram => instagram && !facebook && !threads,
    }
}

/// The post or media the comments are on.
#[derive(Clone, Default)]
struct Thread {
    id: Option<String>,
    title: Option<String>,
    url: Option<String>,
}

fn read(
    dialect: Dialect,
    input: &mut dyn BufRead,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    let documents = read_documents(input)?;
    // The posts and media first, so that comments on them in bare pages
    // (fetched through `paging.next`) get their title and link wherever in
    // the file the object is.
    let mut known = HashMap::new();
    let mut paged = HashMap::new();
    for_each_response(&documents, |doc, response, _| {
        note_objects(dialect, doc, response, &mut known, &mut paged);
        Ok(())
    })?;
    // Read twice: first who said what under each top-level comment, then
    // the records, each reply to a reply finding whom it answers wherever
    // in the file that comment is (pages may come newest first).
    let mut under = HashMap::new();
    let mut permalinks = HashMap::new();
    let mut authors_asked = false;
    for collecting in [true, false] {
        for_each_response(&documents, |doc, response, path| {
            let mut reader = Reader {
                dialect,
                doc,
                sink: &mut *sink,
                skipped: &mut *skipped,
                known: &known,
                paged: &mut paged,
                under: &mut under,
                permalinks: &mut permalinks,
                authors_asked: &mut authors_asked,
                collecting,
            };
            reader.response(response, path)
        })?;
    }
    // Comments an edge or its pages leave to a `paging.next` the file does
    // not hold (a loop stopped short: a rate limit, a token run out).
    for pages in paged.values().filter(|p| !p.ended) {
        let left = (pages.total).map_or(1, |t| t.saturating_sub(pages.held.len() as u64));
        if left > 0 {
            skipped.skip("more", left);
        }
    }
    Ok(())
}

struct Reader<'r, 's> {
    dialect: Dialect,
    doc: &'r Doc,
    sink: &'r mut Sink<'s>,
    skipped: &'r mut Skipped,
    known: &'r HashMap<String, Thread>,
    /// The objects and comments whose comments (replies) the file holds
    /// in an edge or in pages of their own, fetched through `paging.next`
    /// (noted by the first reading).
    paged: &'r mut HashMap<String, Pages>,
    /// Facebook: each top-level comment's own and its replies' (author, id,
    /// time), in file order (see [`Reader::answers_the_tagged`]).
    under: &'r mut HashMap<String, Vec<Said>>,
    /// Instagram: each comment's media `permalink` where the file gives
    /// it, for the links of its replies on a page of their own (noted by
    /// the first reading).
    permalinks: &'r mut HashMap<String, String>,
    /// Instagram: some comment of the file names its author (`username` or
    /// `from`), so the fields were asked for, and a comment without either
    /// is an account gone (noted by the first reading).
    authors_asked: &'r mut bool,
    /// The first reading: notes who said what in `under`, writes nothing.
    collecting: bool,
}

/// A comment's author, id and time.
type Said = (String, String, DateTime<Utc>);

/// What the file holds of one object's comments (or one comment's
/// replies): its edge and the pages a loop over `paging.next` fetched,
/// appended in any order, any of them twice.
#[derive(Default)]
struct Pages {
    /// One of them has no `next`: the loop reached the end.
    ended: bool,
    /// The comments they hold, by id.
    held: HashSet<String>,
    /// The edge's `summary.total_count`, where asked for.
    total: Option<u64>,
}

impl Pages {
    /// Notes a page (or an edge) of them.
    fn note(&mut self, page: &Obj) {
        self.ended |= !has_next(page);
        let data = page.get("data").and_then(Value::as_array);
        let ids = data
            .into_iter()
            .flatten()
            .filter_map(|c| c.get("id")?.as_str());
        self.held.extend(ids.map(str::to_owned));
        self.total = self.total.max(total_count(page));
    }
}

/// Whether a response is the commented object itself rather than a page
/// (the Graph API leaves out an empty `comments` edge, so an object
/// without one is fine too).
fn is_object(obj: &Obj) -> bool {
    !obj.contains_key("data") && obj.contains_key("id")
}

/// Whether an Instagram object is one comment asked for by its id
/// (`GET /{ig-comment-id}?fields=id,text,timestamp,username,media{id},
/// replies{…}`): a comment's field, none of a media's.
fn is_ig_comment(obj: &Obj) -> bool {
    const COMMENT_ONLY: [&str; 4] = ["text", "replies", "parent_id", "media"];
    COMMENT_ONLY.iter().any(|k| obj.contains_key(*k))
        && !MEDIA_ONLY.iter().any(|k| obj.contains_key(*k))
}

/// Notes the threads (posts, media) a response describes, and what a page
/// is of (`paged`). Errors are left for the reading pass to report.
fn note_objects(
    dialect: Dialect,
    doc: &Doc,
    response: &Value,
    known: &mut HashMap<String, Thread>,
    paged: &mut HashMap<String, Pages>,
) {
    let Some(obj) = response.as_object() else {
        return;
    };
    // A page of comments or replies (not of a Page's posts or media).
    if let Some((owner, "comments" | "replies")) = paging_link(obj) {
        paged.entry(owner.to_owned()).or_default().note(obj);
    }
    if is_object(obj) && !(dialect == Dialect::Instagram && is_ig_comment(obj)) {
        if let Ok(thread) = thread_of(dialect, doc, obj, "") {
            known.extend(thread.id.clone().map(|id| (id, thread)));
        }
    } else if let Some(Value::Array(data)) = obj.get("data")
        && lists_objects(dialect, obj, data)
    {
        for object in data.iter().filter_map(Value::as_object) {
            if let Ok(thread) = thread_of(dialect, doc, object, "") {
                known.extend(thread.id.clone().map(|id| (id, thread)));
            }
        }
    }
}

/// The thread a post or media object is.
fn thread_of(dialect: Dialect, doc: &Doc, obj: &Obj, path: &str) -> Result<Thread, ImportError> {
    let id = req_id(doc, obj, path, "id")?;
    let first = |keys: &[&str]| -> Result<Option<&str>, ImportError> {
        for key in keys {
            if let Some(text) = opt_str(doc, obj, path, key)?.filter(|t| !t.trim().is_empty()) {
                return Ok(Some(text));
            }
        }
        Ok(None)
    };
    let title = first(dialect.object_text_keys())?.and_then(title_of);
    let url = first(dialect.object_url_keys())?.map(|u| dialect.absolute(u));
    Ok(Thread {
        id: Some(id),
        title,
        url,
    })
}

impl Reader<'_, '_> {
    /// One API response: a comments page, or an object with its comments edge.
    fn response(&mut self, response: &Value, path: &str) -> Result<(), ImportError> {
        let doc = self.doc;
        let obj = as_obj(doc, response, path, "response")?;
        if self.dialect == Dialect::Instagram && is_object(obj) && is_ig_comment(obj) {
            let one = vec![(response, path.to_owned(), None)];
            return self.comment_tree(one, &Thread::default());
        }
        if is_object(obj) {
            return self.object(obj, path);
        }
        let Some(data) = opt_arr(doc, obj, path, "data")? else {
            return Err(doc.err(
                path,
                "data",
                "expected a comments page ({\"data\": […]}) or an object with its comments edge",
            ));
        };
        let data_path = child(path, "data");
        // A Page's feed or an account's media: the objects, each with its comments.
        if lists_objects(self.dialect, obj, data) {
            for (i, object) in data.iter().enumerate() {
                let object_path = index(&data_path, i);
                self.object(as_obj(doc, object, &object_path, "data")?, &object_path)?;
            }
            return Ok(());
        }
        // A page of a comment's replies: the comment is their parent,
        // whether or not they say so (`parent` is a field to ask for). An
        // Instagram comment's (`/{comment-id}/replies`), or a Facebook
        // comment's (`/{comment-id}/comments`) told by the ids (see
        // `replies_by_ids`).
        let parent = paging_link(obj)
            .filter(|(id, edge)| match (self.dialect, *edge) {
                (Dialect::Instagram, "replies") => true,
                (Dialect::Facebook, "comments") => {
                    !self.known.contains_key(*id) && replies_by_ids(data, id)
                }
                _ => false,
            })
            .map(|(id, _)| id);
        let thread = match paging_object_id(obj) {
            // Replies join their comment's thread when it is stored.
            Some(id)
                if parent.is_some() || !self.known.contains_key(&id) && names_parent(data, &id) =>
            {
                Thread::default()
            }
            Some(id) => self.known.get(&id).cloned().unwrap_or(Thread {
                id: Some(id),
                ..Thread::default()
            }),
            None => Thread::default(),
        };
        self.comments(data, &data_path, &thread, parent)
    }

    /// A post or media object with its `comments` edge: the thread.
    fn object(&mut self, obj: &Obj, path: &str) -> Result<(), ImportError> {
        let doc = self.doc;
        let thread = thread_of(self.dialect, doc, obj, path)?;
        let Some(edge) = opt_obj(doc, obj, path, "comments")? else {
            // The Graph API leaves an empty edge out; an object with none of
            // a post's (or a media's) fields is another platform's.
            let fields = self.dialect.object_fields();
            if obj.keys().any(|k| k != "id") && !fields.iter().any(|f| obj.contains_key(*f)) {
                return Err(doc.err(
                    path,
                    "",
                    format!(
                        "neither a comments page ({{\"data\": […]}}) nor a {} with its \
                         comments edge (it has none of {}): another platform's file?",
                        self.dialect.object_name(),
                        fields[..3].join(", ")
                    ),
                ));
            }
            return Ok(());
        };
        let edge_path = child(path, "comments");
        let data = opt_arr(doc, edge, &edge_path, "data")?.map_or(&[][..], Vec::as_slice);
        if let Some(id) = &thread.id {
            self.note_edge(id, edge);
        }
        self.comments(data, &child(&edge_path, "data"), &thread, None)
    }

    /// Notes an edge with the pages of its owner's comments, to count
    /// what they leave to a `paging.next` (see [`read`]).
    fn note_edge(&mut self, owner: &str, edge: &Obj) {
        if self.collecting {
            self.paged.entry(owner.to_owned()).or_default().note(edge);
        }
    }

    /// The comments of `data` and their replies; `parent`: the comment
    /// they all answer (a page of its replies).
    fn comments(
        &mut self,
        data: &[Value],
        path: &str,
        thread: &Thread,
        parent: Option<&str>,
    ) -> Result<(), ImportError> {
        let mut stack: Stack = Vec::new();
        push_children(&mut stack, data, path, parent);
        self.comment_tree(stack, thread)
    }

    /// The comments of `stack` and all their replies, depth first in file
    /// order, with an explicit stack (never the call stack).
    fn comment_tree<'v>(
        &mut self,
        mut stack: Stack<'v>,
        thread: &Thread,
    ) -> Result<(), ImportError> {
        let doc = self.doc;
        let dialect = self.dialect;
        while let Some((comment, path, structural_parent)) = stack.pop() {
            let obj = as_obj(doc, comment, &path, "data")?;
            let id = req_id(doc, obj, &path, "id")?;
            *self.authors_asked |= obj.contains_key("username") || obj.contains_key("from");
            let replies = match opt_obj(doc, obj, &path, dialect.replies_key())? {
                Some(edge) => {
                    self.note_edge(&id, edge);
                    let edge_path = child(&path, dialect.replies_key());
                    let replies =
                        opt_arr(doc, edge, &edge_path, "data")?.map_or(&[][..], Vec::as_slice);
                    Some((replies, child(&edge_path, "data")))
                }
                None => None,
            };
            let hidden_key = dialect.hidden_key();
            if opt_bool(doc, obj, &path, hidden_key)? == Some(true) {
                if !self.collecting {
                    self.skipped.gone("hidden", dialect.platform(), &id);
                }
            } else {
                let mut record = self.record(obj, &path, &id, structural_parent, thread)?;
                if self.collecting {
                    if dialect == Dialect::Facebook {
                        let top = record.parent_id.as_ref().unwrap_or(&record.id);
                        let said = (record.author.clone(), record.id.clone(), record.created_at);
                        self.under.entry(top.clone()).or_default().push(said);
                    }
                    if dialect == Dialect::Instagram
                        && let Some(media) = record.thread_url.take()
                    {
                        self.permalinks.insert(record.id, media);
                    }
                } else {
                    if dialect == Dialect::Facebook {
                        self.answers_the_tagged(obj, &mut record);
                    }
                    (self.sink)(record, doc.pos(&path))?;
                }
            }
            if let Some((replies, replies_path)) = replies {
                push_children(&mut stack, replies, &replies_path, Some(&id));
            }
        }
        Ok(())
    }

    /// Facebook comments nest two levels: a reply to a reply names the
    /// top-level comment as its parent, and whom it answers by the tag
    /// "Reply" puts at its start (`message_tags`, offset 0). It answers
    /// that person's latest comment before it under the same top-level
    /// comment, among those in this file.
    fn answers_the_tagged(&self, obj: &Obj, record: &mut Record) {
        let Some(top) = record.parent_id.as_deref() else {
            return;
        };
        let tagged = (obj.get("message_tags").and_then(Value::as_array))
            .into_iter()
            .flatten()
            .find(|t| t.get("offset").and_then(Value::as_u64) == Some(0))
            // A person's or a Page's: both comment (a group does not).
            .filter(|t| {
                t.get("type")
                    .and_then(Value::as_str)
                    .is_none_or(|k| k == "user" || k == "page")
            })
            .and_then(|t| t.get("id").and_then(Value::as_str));
        let earlier = self.under.get(top).into_iter().flatten();
        // Of two at the same second, the one later in the file.
        if let Some(tagged) = tagged
            && let Some((_, id, _)) = earlier
                .filter(|(who, id, at)| {
                    who == tagged && *at <= record.created_at && *id != record.id
                })
                .max_by_key(|(_, _, at)| *at)
        {
            record.parent_id = Some(id.clone());
        }
    }

    fn record(
        &self,
        obj: &Obj,
        path: &str,
        id: &str,
        structural_parent: Option<String>,
        thread: &Thread,
    ) -> Result<Record, ImportError> {
        let doc = self.doc;
        let dialect = self.dialect;
        let created_at = graph_time(doc, obj, path, dialect.time_key())?;
        let text = opt_str(doc, obj, path, dialect.text_key())?.unwrap_or("");
        let body = match attachment(doc, obj, path)? {
            Some(Attached::Link(link)) if !says_address(text, &link.address) => {
                let link = link_in_text(link.shown.unwrap_or(&link.address), &link.address)
                    .unwrap_or(link.address);
                if text.trim().is_empty() {
                    link
                } else {
                    format!("{text}\n{link}")
                }
            }
            Some(Attached::Link(_)) => text.to_owned(),
            // An attachment described by the comment's own words says nothing more.
            Some(Attached::Other(d, kind)) => with_attachments(
                text.to_owned(),
                [(d.filter(|d| d.trim() != text.trim()), kind)],
            ),
            None => text.to_owned(),
        };
        let from_path = child(path, "from");
        let from = opt_obj(doc, obj, path, "from")?;
        let from_id = match from {
            Some(from) => opt_id(doc, from, &from_path, "id")?,
            None => None,
        };
        let (author, author_name) = match dialect {
            Dialect::Facebook => {
                let name = match from {
                    Some(from) => opt_str(doc, from, &from_path, "name")?,
                    None => None,
                };
                (from_id.clone(), name.map(str::to_owned))
            }
            Dialect::Instagram => {
                let asked = self.collecting || *self.authors_asked;
                if !asked && !obj.contains_key("username") && !obj.contains_key("from") {
                    return Err(doc.err(
                        &child(path, "username"),
                        "",
                        "missing, and so is `from`, in every comment of the file: the Graph \
                         API leaves them out unless asked; fetch the comments with \
                         `fields=id,text,timestamp,username,from{id,username},replies{…}` \
                         (README, Instagram; a Threads page asked so wants `username` too, \
                         and `--format threads`)",
                    ));
                }
                let username = match opt_str(doc, obj, path, "username")? {
                    Some(u) => Some(u),
                    None => match from {
                        Some(from) => opt_str(doc, from, &from_path, "username")?,
                        None => None,
                    },
                };
                // Without a username, the account's id tells people apart.
                (username.map(str::to_owned).or(from_id.clone()), None)
            }
        };
        // Facebook's author is its id; Instagram's a username.
        let stand_in = match dialect {
            Dialect::Facebook => author.is_none(),
            Dialect::Instagram => author.is_none() || author == from_id,
        };
        let author = author.unwrap_or_else(|| UNKNOWN_AUTHOR.to_owned());
        let mut record = Record::new(dialect.platform(), id, &author, &body, created_at);
        record.author_stand_in = stand_in;
        record.author_name = author_name;
        record.author_ids.extend(from_id);

        // The thread: Instagram comments may name their media themselves.
        let media_id = match (dialect, opt_obj(doc, obj, path, "media")?) {
            (Dialect::Instagram, Some(media)) => opt_id(doc, media, &child(path, "media"), "id")?,
            _ => None,
        };
        let thread = match media_id {
            Some(media) if thread.id.as_deref() != Some(&media) => {
                self.known.get(&media).cloned().unwrap_or(Thread {
                    id: Some(media),
                    ..Thread::default()
                })
            }
            _ => thread.clone(),
        };

        let parent = match dialect {
            Dialect::Facebook => match opt_obj(doc, obj, path, "parent")? {
                Some(parent) => opt_id(doc, parent, &child(path, "parent"), "id")?,
                None => None,
            },
            Dialect::Instagram => opt_id(doc, obj, path, "parent_id")?,
        };
        record.parent_id = parent
            .or(structural_parent)
            .filter(|p| thread.id.as_ref() != Some(p));
        record.url = match dialect {
            Dialect::Facebook => {
                opt_str(doc, obj, path, "permalink_url")?.map(|u| dialect.absolute(u))
            }
            Dialect::Instagram => {
                let parent = record.parent_id.as_deref();
                (thread.url.as_deref())
                    .or_else(|| self.permalinks.get(parent?).map(String::as_str))
                    .and_then(|media| comment_link(media, parent, id))
            }
        };
        record.thread_id = thread.id;
        record.thread_title = thread.title;
        record.thread_url = thread.url;
        record.kind = Kind::Comment;
        Ok(record)
    }
}

/// An Instagram comment's link, which the API does not give: its media's
/// `permalink` (`https://www.instagram.com/p/{shortcode}/`, or `/reel/`,
/// `/tv/`) followed by `c/{comment}/`, or `c/{comment}/r/{reply}/` for a
/// reply, as the app's "Copy link" writes them.
fn comment_link(media: &str, parent: Option<&str>, id: &str) -> Option<String> {
    let mut url = url::Url::parse(media).ok()?;
    let host = url.host_str()?;
    if host != "instagram.com" && !host.ends_with(".instagram.com") {
        return None;
    }
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let &[kind @ ("p" | "reel" | "tv"), code] = segments.as_slice() else {
        return None;
    };
    // An id as a path's segment (Instagram's are numbers).
    let plain = |id: &str| {
        !id.is_empty() && (id.bytes()).all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    let path = match parent {
        Some(parent) if plain(parent) && plain(id) => format!("/{kind}/{code}/c/{parent}/r/{id}/"),
        None if plain(id) => format!("/{kind}/{code}/c/{id}/"),
        _ => return None,
    };
    url.set_path(&path);
    url.set_query(None);
    url.set_fragment(None);
    Some(url.into())
}

/// Whether a page's `data` lists commented objects rather than comments: a
/// page of a Facebook Page's feed (`/{page-id}/feed`, `/posts`…), photos,
/// videos or albums, or of an Instagram account's media
/// (`/{ig-user-id}/media`), as its paging link says, or without one, as an
/// entry that is a post or media object does.
fn lists_objects(dialect: Dialect, page: &Obj, data: &[Value]) -> bool {
    const OBJECT_EDGES: [&str; 11] = [
        "feed",
        "posts",
        "published_posts",
        "visitor_posts",
        "tagged",
        "photos",
        "videos",
        "albums",
        "live_videos",
        "video_reels",
        "media",
    ];
    match paging_link(page) {
        Some((_, edge)) => OBJECT_EDGES.contains(&edge),
        None => data.iter().any(|entry| match dialect {
            Dialect::Facebook => is_post(entry),
            Dialect::Instagram => is_media(entry),
        }),
    }
}

/// Whether an entry of a `data` list is a Facebook post, photo, video or
/// album, not a comment: one has a field no comment has (a video's
/// `title`, a photo's `name` or `images`, a post's `story`…); a post's id is
/// `{page}_{post}` (the Page that wrote it, its comments'
/// `{post}_{comment}`, or in the old form `{page}_{post}_{comment}`), and a
/// reply's id starts like its comment's; a post without comments is told by
/// its link, which names no `comment_id` as a comment's does.
fn is_post(entry: &Value) -> bool {
    const OBJECT_ONLY: [&str; 14] = [
        "title",
        "name",
        "description",
        "story",
        "full_picture",
        "picture",
        "images",
        "source",
        "album",
        "cover_photo",
        "status_type",
        "updated_time",
        "attachments",
        "length",
    ];
    if (entry.as_object()).is_some_and(|o| OBJECT_ONLY.iter().any(|k| o.contains_key(*k))) {
        return true;
    }
    // A photo or video without a caption (its empty fields left out): a
    // plain id, where a comment's is `{post}_{comment}`, and its comments.
    let plain = entry
        .get("id")
        .and_then(Value::as_str)
        .is_some_and(|id| !id.contains('_'));
    if plain && entry.get("comments").is_some() {
        return true;
    }
    fn id_parts(v: &Value) -> Option<(&str, &str)> {
        v.get("id")?.as_str()?.split_once('_')
    }
    // Two parts: three are an old-form comment's.
    let Some((owner, post)) = id_parts(entry).filter(|(_, post)| !post.contains('_')) else {
        return false;
    };
    let link = entry.get("permalink_url").and_then(Value::as_str);
    entry.pointer("/from/id").and_then(Value::as_str) == Some(owner)
        || link.is_some_and(|l| l.contains("facebook.com/") && !l.contains("comment_id="))
        || entry
            .pointer("/comments/data")
            .and_then(Value::as_array)
            .is_some_and(|comments| {
                comments
                    .iter()
                    .any(|c| id_parts(c).is_some_and(|(p, _)| p == post))
            })
}

/// The two numbers of a Graph API id: a post's `{page}_{post}`, a
/// comment's `{post}_{comment}` (a post's comments start with its second).
pub(crate) fn numeric_id_parts(id: &str) -> Option<(&str, &str)> {
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    id.split_once('_').filter(|(a, b)| number(a) && number(b))
}

/// The fields of an IG media object that no comment has.
const MEDIA_ONLY: [&str; 6] = [
    "comments",
    "caption",
    "permalink",
    "media_type",
    "media_url",
    "media_product_type",
];

/// Whether an entry of a `data` list is an IG media object, not a comment.
fn is_media(entry: &Value) -> bool {
    entry
        .as_object()
        .is_some_and(|o| MEDIA_ONLY.iter().any(|k| o.contains_key(*k)))
}

/// Whether a comment of `data` names `id` as its `parent`.
fn names_parent(data: &[Value], id: &str) -> bool {
    data.iter()
        .any(|c| c.pointer("/parent/id").and_then(Value::as_str) == Some(id))
}

/// Whether the words hold the address, with or without its scheme and `www.`.
fn says_address(text: &str, address: &str) -> bool {
    let bare = (address.strip_prefix("https://"))
        .or_else(|| address.strip_prefix("http://"))
        .unwrap_or(address);
    let bare = bare.strip_prefix("www.").unwrap_or(bare);
    text.contains(bare.trim_end_matches('/'))
}

/// A comment's `attachment`.
enum Attached<'a> {
    /// A shared link: where it leads (out of Facebook's `l.php` wrapper),
    /// and its title, which is all a preview shows of it.
    Link(SharedLink<'a>),
    /// Anything else: its description, and what kind it is.
    Other(Option<&'a str>, &'static str),
}

struct SharedLink<'a> {
    address: String,
    shown: Option<&'a str>,
}

/// A Facebook comment's `attachment` (when asked for): a sticker, photo or
/// GIF sent as the comment, by its description or title, else its kind.
fn attachment<'a>(
    doc: &Doc,
    obj: &'a Obj,
    path: &str,
) -> Result<Option<Attached<'a>>, ImportError> {
    let Some(a) = opt_obj(doc, obj, path, "attachment")? else {
        return Ok(None);
    };
    let at = child(path, "attachment");
    let kind = match opt_str(doc, a, &at, "type")? {
        Some("sticker") => "sticker",
        Some("photo") => "photo",
        Some("animated_image_share" | "animated_image_autoplay" | "animated_image_video") => "GIF",
        Some(t) if t.starts_with("video") => "video",
        Some("share") => "link",
        _ => "attachment",
    };
    let title = opt_str(doc, a, &at, "title")?;
    let description = opt_str(doc, a, &at, "description")?;
    if kind == "link" {
        let url = match opt_str(doc, a, &at, "url")? {
            Some(url) => Some(url),
            None => match opt_obj(doc, a, &at, "target")? {
                Some(target) => opt_str(doc, target, &child(&at, "target"), "url")?,
                None => None,
            },
        };
        // A link's address is what says where it leads (a disguised one
        // is flagged as such); shown as its preview's title.
        if let Some(url) = url.and_then(web_address) {
            return Ok(Some(Attached::Link(SharedLink {
                address: redirect_target(&url).unwrap_or_else(|| url.into_owned()),
                shown: title.or(description).filter(|t| !t.trim().is_empty()),
            })));
        }
    }
    Ok(Some(Attached::Other(description.or(title), kind)))
}

/// Whether the comments of `data` are replies to the comment `id`, by the
/// shape of Facebook's ids: a comment's is `{post}_{comment}`, and the
/// replies to it share its `{post}` part, where the comments on a post
/// (`{page}_{post}`) start with the post's second part.
fn replies_by_ids(data: &[Value], id: &str) -> bool {
    let Some((post, _)) = id.split_once('_') else {
        return false;
    };
    let ids = || data.iter().map(|c| c.get("id").and_then(Value::as_str));
    !data.is_empty()
        && ids().all(|c| {
            c.is_some_and(|c| c != id && c.strip_prefix(post).is_some_and(|r| r.starts_with('_')))
        })
}

/// Whether a page (an edge) leaves comments to its `paging.next`.
fn has_next(page: &Obj) -> bool {
    (page.get("paging").and_then(Value::as_object)).is_some_and(|p| p.contains_key("next"))
}

/// A page's `summary.total_count` (`?summary=true`).
fn total_count(page: &Obj) -> Option<u64> {
    (page.get("summary"))
        .and_then(|s| s.get("total_count"))
        .and_then(Value::as_u64)
}

/// The object id and edge of a page's `paging.next` or `paging.previous`
/// link, `https://graph.facebook.com/v21.0/{object-id}/{edge}?…`.
fn paging_link(page: &Obj) -> Option<(&str, &str)> {
    let paging = page.get("paging")?.as_object()?;
    ["next", "previous"].iter().find_map(|key| {
        let link = paging.get(*key)?.as_str()?;
        let path = link.split(['?', '#']).next()?;
        let mut segments = path.rsplit('/');
        let edge = segments.next()?;
        let id = segments.next()?;
        (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit() || b == b'_'))
            .then_some((id, edge))
    })
}

/// The commented object's id in a comments page's paging link.
fn paging_object_id(page: &Obj) -> Option<String> {
    paging_link(page)
        .filter(|(_, edge)| *edge == "comments")
        .map(|(id, _)| id.to_owned())
}

/// `created_time`/`timestamp`: `2026-10-01T12:34:56+0000` (an offset without
/// a colon), RFC 3339, or seconds since 1970 (`date_format=U`).
pub(super) fn graph_time(
    doc: &Doc,
    obj: &Obj,
    path: &str,
    key: &str,
) -> Result<DateTime<Utc>, ImportError> {
    let at = child(path, key);
    match field(obj, key) {
        None => Err(doc.err(&at, key, "missing")),
        Some(Value::String(s)) => DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z")
            .or_else(|_| DateTime::parse_from_rfc3339(s))
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| {
                doc.err(
                    &at,
                    key,
                    format!("not a valid time: {}", crate::text::quoted(s)),
                )
            }),
        Some(Value::Number(n)) => n
            .as_i64()
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
            .ok_or_else(|| doc.err(&at, key, format!("not a valid time: {n}"))),
        Some(other) => Err(wrong_type(doc, path, key, "a time", other)),
    }
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

    const FB_OBJECT: &[u8] = fixture!("facebook/graph_post_comments.json");
    const FB_PAGES: &[u8] = fixture!("facebook/graph_comment_pages.jsonl");
    const IG_MEDIA: &[u8] = fixture!("instagram/graph_media_comments.json");
    const IG_PAGES: &[u8] = fixture!("instagram/graph_comment_pages.jsonl");

    const POST: &str = "104728385123456_122195834567890123";

    /// An edge whose comments go on in a `paging.next` the file does not
    /// hold counts them as "more" (its total when asked for); a page of
    /// them in the file is what was left out.
    #[test]
    fn comments_left_to_a_next_page_are_counted_unless_the_file_holds_one() {
        let comment = |n: u32| {
            format!(
                r#"{{"id":"777_{n}","message":"hi {n}","created_time":"2026-10-01T10:00:00+0000"}}"#
            )
        };
        let post = format!(
            r#"{{"id":"100_777","message":"Post","comments":{{"data":[{},{}],"summary":{{"total_count":9}},"paging":{{"next":"https://graph.facebook.com/v21.0/100_777/comments?after=X"}}}}}}"#,
            comment(1),
            comment(2)
        );
        let (_, skipped) = read(&Facebook, post.as_bytes()).unwrap();
        assert_eq!(skipped.counts, [("more".to_owned(), 7)].into());
        let no_total = post.replace(r#""summary":{"total_count":9},"#, "");
        let (_, skipped) = read(&Facebook, no_total.as_bytes()).unwrap();
        assert_eq!(skipped.counts, [("more".to_owned(), 1)].into());
        let next = format!(
            r#"{{"data":[{}],"paging":{{"previous":"https://graph.facebook.com/v21.0/100_777/comments?before=Y"}}}}"#,
            comment(3)
        );
        let both = format!("{post}\n{next}\n");
        let (records, skipped) = read(&Facebook, both.as_bytes()).unwrap();
        assert_eq!(records.len(), 3);
        assert!(skipped.counts.is_empty(), "{:?}", skipped.counts);
        // Pages fetched apart (the edge itself, page by page): the last
        // the file holds still has a `next`, so the loop stopped short.
        let page = |n: u32, paging: &str| {
            format!(
                r#"{{"data":[{}],"summary":{{"total_count":9}},"paging":{{{paging}}}}}"#,
                comment(n)
            )
        };
        let next = |after: &str| {
            format!(r#""next":"https://graph.facebook.com/v21.0/100_777/comments?after={after}""#)
        };
        let first = page(1, &next("A"));
        let (_, skipped) = read(&Facebook, first.as_bytes()).unwrap();
        assert_eq!(skipped.counts, [("more".to_owned(), 8)].into());
        let second = page(2, &next("B"));
        let (_, skipped) = read(&Facebook, format!("{first}\n{second}").as_bytes()).unwrap();
        assert_eq!(skipped.counts, [("more".to_owned(), 7)].into());
        let last = page(
            3,
            r#""previous":"https://graph.facebook.com/v21.0/100_777/comments?before=C""#,
        );
        let (_, skipped) = read(&Facebook, format!("{first}\n{last}").as_bytes()).unwrap();
        assert!(skipped.counts.is_empty(), "{:?}", skipped.counts);
        // The post with its edge, appended twice, leaves out as much; so
        // does a page fetched apart.
        let (_, skipped) = read(&Facebook, format!("{post}\n{post}").as_bytes()).unwrap();
        assert_eq!(skipped.counts, [("more".to_owned(), 7)].into());
        let (_, skipped) = read(&Facebook, format!("{first}\n{first}").as_bytes()).unwrap();
        assert_eq!(skipped.counts, [("more".to_owned(), 8)].into());
        // The post's edge and a later page of it that still has a `next`:
        // the total beyond all they hold (comments 1, 2 and 3).
        let third = page(3, &next("C"));
        let (_, skipped) = read(&Facebook, format!("{post}\n{third}").as_bytes()).unwrap();
        assert_eq!(skipped.counts, [("more".to_owned(), 6)].into());
        // Pages holding the whole total leave nothing out, whatever their
        // `next` says.
        let all = post.replace(r#""total_count":9"#, r#""total_count":2"#);
        let (_, skipped) = read(&Facebook, all.as_bytes()).unwrap();
        assert!(skipped.counts.is_empty(), "{:?}", skipped.counts);
    }

    #[test]
    fn facebook_object_with_nested_comments() {
        let (records, skipped) = records(&Facebook, FB_OBJECT);
        let ids: Vec<&str> = records
            .iter()
            .map(|r| r.id.rsplit('_').next().unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "1051234567890123",
                "1051234567899001",
                "1051234567899002",
                "1051234567890456",
                "1051234567890789",
                "1051234567899003",
                "1051234567899004",
                "1051234567891111",
                "1051234567891222"
            ]
        );
        // The post's comments and one comment's replies go on in pages
        // the file does not hold: at least one each.
        assert_eq!(
            skipped.counts,
            [("hidden".to_owned(), 1), ("more".to_owned(), 2)].into()
        );
        // What an earlier import may have brought in, withdrawn now.
        assert_eq!(
            skipped.gone,
            gone(&[("facebook", "122195834567890123_1051234567890999")])
        );

        let first = &records[0];
        assert_eq!(first.platform, "facebook");
        assert_eq!(first.id, "122195834567890123_1051234567890123");
        assert_eq!(first.parent_id, None);
        assert_eq!(first.thread_id.as_deref(), Some(POST));
        assert_eq!(first.thread_title.as_deref(), Some("ackbox 0.3 is out 🎉"));
        assert_eq!(
            first.thread_url.as_deref(),
            Some("https://www.facebook.com/104728385123456/posts/122195834567890123/")
        );
        assert_eq!(first.author, "7012345678901234");
        assert_eq!(first.author_ids, ["7012345678901234"]);
        assert_eq!(first.author_name.as_deref(), Some("María Fernández"));
        assert_eq!(
            first.body,
            "Finally! Does it work with <3 emoji & \"quotes\"? 😍"
        );
        assert_eq!(first.created_at, ts("2026-10-01T12:34:56Z"));
        assert_eq!(
            first.url.as_deref(),
            Some(
                "https://www.facebook.com/104728385123456/posts/122195834567890123/?comment_id=1051234567890123"
            )
        );
        assert_eq!((first.kind, first.own), (Kind::Comment, None));

        // The Page's own reply: recognised later by its id (the Page id).
        let own = &records[1];
        assert_eq!(
            own.parent_id.as_deref(),
            Some("122195834567890123_1051234567890123")
        );
        assert_eq!(
            (own.author.as_str(), own.author_name.as_deref(), own.own),
            ("104728385123456", Some("ackbox"), None)
        );

        assert_eq!(
            by_id(&records, "122195834567890123_1051234567890456").body,
            "素晴らしい！日本語の表示も完璧です。"
        );
        assert_eq!(
            by_id(&records, "122195834567890123_1051234567890789").body,
            "عمل رائع! هل يدعم النص من اليمين إلى اليسار؟"
        );
        // The reply to a hidden comment is kept, under its (hidden) parent.
        let under_hidden = by_id(&records, "122195834567890123_1051234567899004");
        assert_eq!(
            under_hidden.parent_id.as_deref(),
            Some("122195834567890123_1051234567890999")
        );
        // A sticker-only comment says what was sent.
        assert_eq!(
            by_id(&records, "122195834567890123_1051234567891111").body,
            "[sticker]"
        );
        // No `from`: the documented fallback author, no ids, no name.
        let anonymous = records.last().unwrap();
        assert_eq!(
            (
                anonymous.author.as_str(),
                anonymous.author_ids.len(),
                anonymous.author_name.as_deref()
            ),
            (UNKNOWN_AUTHOR, 0, None)
        );
    }

    /// A reply to a reply names the top-level comment as its parent and
    /// whom it answers by the tag at its start: it answers their latest
    /// comment there, flat (`filter=stream`) or nested alike, and in
    /// whatever order the file lists them (`order=reverse_chronological`).
    #[test]
    fn a_reply_answers_the_person_its_first_tag_names() {
        let c = |id: &str, from: &str, at: &str, parent: Option<&str>, tag: Option<&str>| {
            let mut v = serde_json::json!({
                "id": id, "message": "Yes, oat milk too", "created_time": at,
                "from": {"id": from, "name": from},
            });
            if let Some(p) = parent {
                v["parent"] = serde_json::json!({"id": p});
            }
            if let Some(t) = tag {
                v["message_tags"] = serde_json::json!(
                    [{"id": t, "name": t, "type": "user", "offset": 0, "length": t.len()}]);
            }
            v
        };
        let data = [
            c("9000_1001", "701", "2026-10-01T10:00:00+0000", None, None),
            c(
                "9000_1002",
                "702",
                "2026-10-01T11:00:00+0000",
                Some("9000_1001"),
                None,
            ),
            c(
                "9000_1003",
                "702",
                "2026-10-01T11:30:00+0000",
                Some("9000_1001"),
                None,
            ),
            c(
                "9000_1004",
                "900",
                "2026-10-01T12:00:00+0000",
                Some("9000_1001"),
                Some("702"),
            ),
            c(
                "9000_1005",
                "900",
                "2026-10-01T12:10:00+0000",
                Some("9000_1001"),
                Some("701"),
            ),
            // A tag of someone with no comment there.
            c(
                "9000_1006",
                "900",
                "2026-10-01T12:20:00+0000",
                Some("9000_1001"),
                Some("555"),
            ),
            // A tag not at its start names no one it answers.
            {
                let mut later = c(
                    "9000_1007",
                    "900",
                    "2026-10-01T12:30:00+0000",
                    Some("9000_1001"),
                    Some("702"),
                );
                later["message_tags"][0]["offset"] = 5.into();
                later
            },
            // A Page comments, and "Reply" to it tags the Page.
            c(
                "9000_1008",
                "703",
                "2026-10-01T12:40:00+0000",
                Some("9000_1001"),
                None,
            ),
            {
                let mut to_page = c(
                    "9000_1009",
                    "900",
                    "2026-10-01T12:50:00+0000",
                    Some("9000_1001"),
                    Some("703"),
                );
                to_page["message_tags"][0]["type"] = "page".into();
                to_page
            },
            // A group's tag names no one who commented.
            {
                let mut group = c(
                    "9000_1010",
                    "900",
                    "2026-10-01T13:00:00+0000",
                    Some("9000_1001"),
                    Some("703"),
                );
                group["message_tags"][0]["type"] = "group".into();
                group
            },
        ];
        let flat = serde_json::json!({"data": data}).to_string();
        let mut nested_top = data[0].clone();
        nested_top["comments"] = serde_json::json!({"data": data[1..]});
        let nested = serde_json::json!({"data": [nested_top]}).to_string();
        let newest_first: Vec<_> = data.iter().rev().collect();
        let reversed = serde_json::json!({"data": newest_first}).to_string();
        for file in [flat, nested, reversed] {
            let (records, _) = read(&Facebook, file.as_bytes()).unwrap();
            let records: Vec<Record> = records.into_iter().map(|(r, _)| r).collect();
            let parent = |id: &str| by_id(&records, id).parent_id.clone();
            assert_eq!(parent("9000_1004").as_deref(), Some("9000_1003"), "{file}");
            assert_eq!(parent("9000_1005").as_deref(), Some("9000_1001"));
            assert_eq!(parent("9000_1006").as_deref(), Some("9000_1001"));
            assert_eq!(parent("9000_1007").as_deref(), Some("9000_1001"));
            assert_eq!(parent("9000_1009").as_deref(), Some("9000_1008"));
            assert_eq!(parent("9000_1010").as_deref(), Some("9000_1001"));
            assert_eq!(parent("9000_1001"), None);
        }
    }

    #[test]
    fn facebook_positions() {
        let (records, _) = read(&Facebook, FB_OBJECT).unwrap();
        assert_eq!(records[0].1, Position::Path("comments.data[0]".into()));
        assert_eq!(
            records[2].1,
            Position::Path("comments.data[0].comments.data[1]".into())
        );
    }

    #[test]
    fn facebook_pages_as_json_lines() {
        let (records, skipped) = read(&Facebook, FB_PAGES).unwrap();
        assert!(skipped.counts.is_empty());
        assert_eq!(records.len(), 6);
        assert_eq!(records[3].1, Position::Path("2: data[0]".into()));
        let records: Vec<Record> = records.into_iter().map(|(r, _)| r).collect();
        // Pages 1 and 2 name their object in the paging links.
        let thread = Some("104728385123456_122195834567800001");
        assert!(
            records[..5]
                .iter()
                .all(|r| r.thread_id.as_deref() == thread && r.thread_title.is_none())
        );
        // filter=stream: replies are flat and carry parent{id}.
        assert_eq!(
            records[2].parent_id.as_deref(),
            Some("122195834567800001_2000000000000002")
        );
        assert_eq!(
            records[3].parent_id.as_deref(),
            Some("122195834567800001_2000000000000002")
        );
        assert_eq!(records[0].body, "First! Tom & Jerry approve 🐭");
        // An offset without a colon, not UTC.
        assert_eq!(records[3].created_at, ts("2026-09-21T13:30:00Z"));
        assert_eq!(records[3].body, "Thanks!! 한국어도 잘 보여요 👍");
        assert_eq!(records[4].author, UNKNOWN_AUTHOR);
        // A lone page with no paging links: no thread.
        assert_eq!(
            (records[5].thread_id.as_deref(), records[5].body.as_str()),
            (None, "Line one\nLine two")
        );
    }

    /// One comment asked for by its id (`GET /{ig-comment-id}`) is read as
    /// a comment, its replies under it and its media its thread (it was
    /// taken for a media object without comments: nothing imported).
    #[test]
    fn one_instagram_comment_asked_by_its_id_is_read() {
        let comment = br#"{"id":"17870913679156914","text":"Do you ship to Canada?","timestamp":"2026-11-20T14:03:11+0000","username":"anna.k","from":{"id":"1784","username":"anna.k"},"media":{"id":"17895695668004550"},"replies":{"data":[{"id":"17870913679156915","text":"@anna.k we do!","timestamp":"2026-11-20T15:00:00+0000","username":"fernweh.coffee"}]}}"#;
        assert!(Instagram.detect(comment) && !Facebook.detect(comment));
        let got: Vec<_> = (records(&Instagram, comment).0.into_iter())
            .map(|r| (r.id, r.author, r.parent_id, r.thread_id))
            .collect();
        let media = Some("17895695668004550".to_owned());
        assert_eq!(
            got,
            [
                ("17870913679156914".into(), "anna.k".into(), None, media),
                // Joins its parent's thread when stored, as on a page.
                (
                    "17870913679156915".into(),
                    "fernweh.coffee".into(),
                    Some("17870913679156914".into()),
                    None
                ),
            ]
        );
        // Without replies (a reply asked by its id has none): told by its
        // media, or its parent.
        let alone = br#"{"id":"17870913679156915","text":"@anna.k we do!","timestamp":"2026-11-20T15:00:00+0000","username":"fernweh.coffee","parent_id":"17870913679156914"}"#;
        assert!(Instagram.detect(alone) && !Facebook.detect(alone));
        assert_eq!(
            records(&Instagram, alone).0[0].parent_id.as_deref(),
            Some("17870913679156914")
        );
        // Asked without its author's fields: said, as for a page.
        let bare = br#"{"id":"17870913679156914","text":"Do you ship?","timestamp":"2026-11-20T14:03:11+0000","media":{"id":"17895695668004550"},"user":{"id":"1784"}}"#;
        let err = read(&Instagram, bare).err().unwrap().to_string();
        assert!(
            err.starts_with("username: missing, and so is `from`"),
            "{err}"
        );
    }

    /// `GET /{ig-media-id}/comments` asked without `fields` gives no
    /// author: it is told as Instagram's and says which fields to ask for.
    #[test]
    fn an_instagram_page_with_the_default_fields_says_what_to_ask_for() {
        let page = br#"{"data":[{"timestamp":"2026-11-20T14:03:11+0000","text":"Nice shot!","id":"17858893269100001"}],"paging":{"cursors":{"before":"a","after":"b"},"next":"https://graph.facebook.com/v21.0/17895695668004550/comments?after=b"}}"#;
        assert!(Instagram.detect(page) && !Facebook.detect(page));
        let err = read(&Instagram, page).err().unwrap().to_string();
        assert!(
            err.starts_with("data[0].username: missing, and so is `from`")
                && err.contains("fields=id,text,timestamp,username,from{id,username}"),
            "{err}"
        );
        // A null username is an account gone: the unknown author.
        let gone = String::from_utf8(page.to_vec()).unwrap().replace(
            r#""id":"17858893269100001""#,
            r#""id":"17858893269100001","username":null"#,
        );
        assert_eq!(
            records(&Instagram, gone.as_bytes()).0[0].author,
            UNKNOWN_AUTHOR
        );
        // So is a comment without either where others of the file have
        // them: the fields were asked for (a page later in the file too).
        let named = r#"{"data":[{"timestamp":"2026-11-20T14:05:00+0000","text":"Same!","id":"17858893269100002","username":"anna.k","from":{"id":"1784","username":"anna.k"}}]}"#;
        let file = format!("{}\n{named}\n", String::from_utf8_lossy(page));
        let authors: Vec<_> = (records(&Instagram, file.as_bytes()).0)
            .into_iter()
            .map(|r| r.author)
            .collect();
        assert_eq!(authors, [UNKNOWN_AUTHOR, "anna.k"]);
    }

    #[test]
    fn bare_pages_get_the_title_of_their_object() {
        let page2 = format!(
            r#"{{"data":[{{"created_time":"2026-10-05T10:00:00+0000","message":"late","id":"122195834567890123_9"}}],"paging":{{"previous":"https://graph.facebook.com/v21.0/{POST}/comments?before=X"}}}}"#
        );
        let input = [FB_OBJECT, page2.as_bytes()].concat();
        let (records, _) = records(&Facebook, &input);
        let last = records.last().unwrap();
        assert_eq!(last.thread_id.as_deref(), Some(POST));
        assert_eq!(last.thread_title.as_deref(), Some("ackbox 0.3 is out 🎉"));
        // The order of the pages does not matter.
        let input = [page2.as_bytes(), b"\n", FB_OBJECT].concat();
        let (reversed, _) = super::tests::records(&Facebook, &input);
        assert_eq!(&reversed[0], last);
    }

    #[test]
    fn a_page_of_a_comments_replies_keeps_their_parent() {
        // The `next` page of a replies edge: `/{comment-id}/comments`.
        let comment = "122195834567890123_1051234567890123";
        let page = format!(
            r#"{{"data":[{{"id":"122195834567890123_1051234567855555","message":"One more question","created_time":"2026-10-01T15:00:00+0000","from":{{"name":"Bob","id":"7055"}},"parent":{{"id":"{comment}"}}}}],"paging":{{"previous":"https://graph.facebook.com/v21.0/{comment}/comments?limit=2&before=X"}}}}"#
        );
        for input in [
            page.clone().into_bytes(),
            [FB_OBJECT, page.as_bytes()].concat(),
        ] {
            let (records, _) = records(&Facebook, &input);
            let reply = records.last().unwrap();
            assert_eq!(reply.parent_id.as_deref(), Some(comment));
            // Its thread is its parent's, which the store gives it.
            assert_eq!(reply.thread_id, None);
        }
    }

    /// A page of an Instagram comment's replies (`/{comment-id}/replies`)
    /// links each reply under the comment's media, before or after it.
    #[test]
    fn an_instagram_replies_page_links_its_replies_under_the_comments_media() {
        let media = r#"{"id":"17895695668004550","caption":"Lisbon pop-up","permalink":"https://www.instagram.com/p/DAbCdEf/","timestamp":"2024-08-01T09:00:00+0000","comments":{"data":[{"id":"17870000000000001","text":"Where is this?","username":"ana.b","timestamp":"2024-08-01T10:00:00+0000"}]}}"#;
        let page = r#"{"data":[{"id":"17870000000000004","text":"@ana.b and the beans?","username":"cy.d","timestamp":"2024-08-01T13:00:00+0000"}],"paging":{"cursors":{"before":"QVFI"},"previous":"https://graph.facebook.com/v21.0/17870000000000001/replies?before=QVFI"}}"#;
        for file in [format!("{media}\n{page}"), format!("{page}\n{media}")] {
            let (records, _) = records(&Instagram, file.as_bytes());
            let reply = records
                .iter()
                .find(|r| r.id == "17870000000000004")
                .unwrap();
            assert_eq!(reply.parent_id.as_deref(), Some("17870000000000001"));
            assert_eq!(
                reply.url.as_deref(),
                Some(
                    "https://www.instagram.com/p/DAbCdEf/c/17870000000000001/r/17870000000000004/"
                )
            );
        }
        // Alone, the file holds no permalink: no link.
        assert_eq!(records(&Instagram, page.as_bytes()).0[0].url, None);
    }

    /// A sticker or photo sent as a comment is not an empty comment.
    #[test]
    fn attachments_are_written_by_their_description_or_kind() {
        let page = |message: &str, attachment: &str| {
            format!(
                r#"{{"data":[{{"id":"1_2","message":"{message}","created_time":"2026-10-01T15:00:00+0000","from":{{"name":"Dana","id":"3005"}},"attachment":{attachment}}}]}}"#
            )
        };
        for (message, attachment, body) in [
            (
                "",
                r#"{"type":"sticker","url":"https://x/s.png"}"#,
                "[sticker]",
            ),
            (
                "Look!",
                r#"{"type":"photo","description":"Our latte art","media":{"image":{"src":"https://x"}}}"#,
                "Look!\n[Our latte art]",
            ),
            // A GIF's title or a sticker's description is nobody's words:
            // alone, either is an emoji.
            (
                "",
                r#"{"type":"animated_image_share","title":"Coffee Time GIF"}"#,
                "[GIF]",
            ),
            (
                "",
                r#"{"type":"sticker","description":"Pusheen waving"}"#,
                "[sticker]",
            ),
            (
                "",
                r#"{"type":"animated_image_video","description":"GIPHY cat"}"#,
                "[GIF]",
            ),
            (
                "Look",
                r#"{"type":"photo","description":"Look"}"#,
                "Look\n[photo]",
            ),
        ] {
            let (got, _) = records(&Facebook, page(message, attachment).as_bytes());
            assert_eq!(got[0].body, body, "{attachment}");
        }
    }

    /// `/{comment-id}/comments` asked without `parent`: its replies are
    /// told by their ids, which share the comment's post part.
    #[test]
    fn a_page_of_a_comments_replies_without_parents_is_told_by_the_ids() {
        let comment = "122195834567890123_1051234567890123";
        let page = |id: &str| {
            format!(
                r#"{{"data":[{{"id":"{id}","message":"Anna, try it","created_time":"2026-10-01T15:00:00+0000","from":{{"name":"Dana","id":"3005"}}}}],"paging":{{"next":"https://graph.facebook.com/v21.0/{comment}/comments?after=X"}}}}"#
            )
        };
        let (replies, _) = records(
            &Facebook,
            page("122195834567890123_1051234567855555").as_bytes(),
        );
        assert_eq!(replies[0].parent_id.as_deref(), Some(comment));
        assert_eq!(replies[0].thread_id, None);
        // A post's comments (`{page}_{post}`) start with its second part.
        let post = "108824017345866_122195834567890123";
        let on_post = page("122195834567890123_1051234567855555").replace(comment, post);
        let (comments, _) = records(&Facebook, on_post.as_bytes());
        assert_eq!(comments[0].parent_id, None);
        assert_eq!(comments[0].thread_id.as_deref(), Some(post));
    }

    #[test]
    fn a_page_of_an_instagram_comments_replies_answers_it() {
        // The `next` page of a comment's replies edge, asked without `parent_id`.
        let page = br#"{"data":[{"id":"18000000000000010","text":"@mia.brews Mia, the Guji is back Monday!","timestamp":"2026-11-28T11:00:00+0000","username":"fernweh.coffee","from":{"id":"17841400000000001","username":"fernweh.coffee"}}],"paging":{"cursors":{"before":"c","after":"d"},"next":"https://graph.facebook.com/v21.0/18000000000000001/replies?access_token=x&fields=id%2Ctext&after=d"}}"#;
        let (records, _) = records(&Instagram, page);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].parent_id.as_deref(), Some("18000000000000001"));
        assert_eq!(records[0].thread_id, None);
        // A page of a media's comments: no parent.
        let comments = String::from_utf8(page.to_vec())
            .unwrap()
            .replace("18000000000000001/replies", "17900000000000001/comments");
        let (records, _) = super::tests::records(&Instagram, comments.as_bytes());
        assert_eq!(records[0].parent_id, None);
        assert_eq!(records[0].thread_id.as_deref(), Some("17900000000000001"));
    }

    /// A page of a Page's feed lists posts, each with its comments: the
    /// comments are read, on their post, and the posts are not comments.
    /// Told by the paging link, or without one by a post's id.
    #[test]
    fn a_page_feed_reads_each_posts_comments() {
        let post = |id: &str, from: &str, comments: &str| {
            format!(
                r#"{{"id":"104728385123456_{id}","message":"Post {id}\nmore","created_time":"2026-10-01T08:00:00+0000","from":{{"name":"Fernweh Coffee","id":"{from}"}},"permalink_url":"https://www.facebook.com/p/{id}"{comments}}}"#
            )
        };
        let comments = r#","comments":{"data":[{"id":"900_3001","message":"Open on the 24th?","created_time":"2026-10-01T09:00:00+0000","from":{"name":"Lea B","id":"7010"}}]}"#;
        let feed = "https://graph.facebook.com/v21.0/104728385123456/feed?after=y";
        let pages = [
            // The paging link says "feed"; the posts are by a visitor.
            format!(
                r#"{{"data":[{},{}],"paging":{{"next":"{feed}"}}}}"#,
                post("900", "7099", comments),
                post("901", "7099", "")
            ),
            // No paging: the posts' ids start with their author's.
            format!(
                r#"{{"data":[{},{}]}}"#,
                post("900", "104728385123456", comments),
                post("901", "104728385123456", "")
            ),
            // No paging, a visitor's post: its comments' ids start with its own.
            format!(r#"{{"data":[{}]}}"#, post("900", "7099", comments)),
        ];
        for page in pages {
            let (records, _) = records(&Facebook, page.as_bytes());
            let got: Vec<_> = records
                .iter()
                .map(|r| {
                    (
                        r.id.as_str(),
                        r.parent_id.as_deref(),
                        r.thread_id.as_deref(),
                        r.thread_title.as_deref(),
                    )
                })
                .collect();
            assert_eq!(
                got,
                [(
                    "900_3001",
                    None,
                    Some("104728385123456_900"),
                    Some("Post 900")
                )],
                "{page}"
            );
        }
        // A small Page's feed, no post commented yet: Facebook leaves the
        // comments out and the paging has no link. Its posts are told by
        // their links: nothing to import.
        let quiet = r#"{"data":[{"id":"111222333_777888999","message":"Post two","permalink_url":"https://www.facebook.com/111222333/posts/777888999"}],"paging":{"cursors":{"before":"QVFIUm","after":"QVFIUn"}}}"#;
        let (records, _) = records(&Facebook, quiet.as_bytes());
        assert!(records.is_empty(), "{records:?}");
    }

    /// A page of a Page's videos, photos or albums with their comments
    /// (`/{page-id}/videos?fields=…,comments{…}`): each is the thread of
    /// its comments, titled by its `title` or `name`, and no comment.
    #[test]
    fn a_page_of_videos_photos_or_albums_reads_each_ones_comments() {
        let comments = r#""comments":{"data":[{"id":"20250001_11","from":{"name":"Ana","id":"9001"},"message":"Do you sell the jug?","created_time":"2026-11-01T11:00:00+0000"}]}"#;
        let video = format!(
            r#"{{"id":"20250001","from":{{"name":"Cafe Page","id":"555"}},"title":"Latte art tutorial","permalink_url":"/555/videos/20250001/","created_time":"2026-11-01T10:00:00+0000",{comments}}}"#
        );
        let photo = format!(
            r#"{{"id":"20250001","name":"Latte art tutorial","link":"https://www.facebook.com/photo.php?fbid=20250001","created_time":"2026-11-01T10:00:00+0000",{comments}}}"#
        );
        let photos = "https://graph.facebook.com/v21.0/555/photos?after=y";
        // Without a caption: told by its plain id and its comments edge.
        let untitled = format!(
            r#"{{"id":"20250001","created_time":"2026-11-01T10:00:00+0000","link":"https://www.facebook.com/photo.php?fbid=20250001",{comments}}}"#
        );
        for page in [
            format!(r#"{{"data":[{video}]}}"#),
            format!(r#"{{"data":[{photo}]}}"#),
            format!(r#"{{"data":[{photo}],"paging":{{"next":"{photos}"}}}}"#),
            format!(r#"{{"data":[{untitled}]}}"#),
        ] {
            let (records, _) = records(&Facebook, page.as_bytes());
            let got: Vec<_> = (records.iter())
                .map(|r| {
                    (
                        r.id.as_str(),
                        r.thread_id.as_deref(),
                        r.thread_title.as_deref(),
                    )
                })
                .collect();
            let title = (!page.contains(&untitled)).then_some("Latte art tutorial");
            assert_eq!(got, [("20250001_11", Some("20250001"), title)], "{page}");
        }
    }

    /// Comments in the old id form, `{page}_{post}_{comment}`, one of them
    /// the Page's: a comments page still, with a paging link or without.
    #[test]
    fn old_form_comment_ids_are_not_posts() {
        let comment = |id: &str, from: &str| {
            format!(
                r#"{{"id":"104728385123456_900_{id}","message":"m{id}","created_time":"2026-10-01T09:00:00+0000","from":{{"name":"N","id":"{from}"}}}}"#
            )
        };
        let data = format!(
            "{},{}",
            comment("1", "7010"),
            comment("2", "104728385123456")
        );
        for paging in [
            r#","paging":{"next":"https://graph.facebook.com/v21.0/104728385123456_900/comments?after=y"}"#,
            "",
        ] {
            let page = format!(r#"{{"data":[{data}]{paging}}}"#);
            let ids: Vec<String> = records(&Facebook, page.as_bytes())
                .0
                .into_iter()
                .map(|r| r.id)
                .collect();
            assert_eq!(
                ids,
                ["104728385123456_900_1", "104728385123456_900_2"],
                "{page}"
            );
        }
    }

    #[test]
    fn instagram_media_list_with_comments() {
        let (records, skipped) = records(&Instagram, IG_MEDIA);
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "17858893269000001",
                "17858893269000002",
                "17858893269000003",
                "17858893269000004",
                "17858893269000006",
                "17858893269000007",
                "17858893269000100"
            ]
        );
        assert_eq!(skipped.counts, [("hidden".to_owned(), 1)].into());
        let first = &records[0];
        assert_eq!(first.platform, "instagram");
        assert_eq!(
            (first.author.as_str(), first.author_ids.as_slice()),
            ("carlos.m", &["6213456789012345".to_owned()][..])
        );
        assert_eq!(first.author_name, None);
        assert_eq!(first.thread_id.as_deref(), Some("17895695668004550"));
        assert_eq!(
            first.thread_title.as_deref(),
            Some("Inbox zero, but for comments ✨")
        );
        assert_eq!(
            first.thread_url.as_deref(),
            Some("https://www.instagram.com/p/DAbCdEfGhIj/")
        );
        assert_eq!(
            (first.parent_id.as_deref(), first.url.as_deref()),
            (
                None,
                Some("https://www.instagram.com/p/DAbCdEfGhIj/c/17858893269000001/")
            )
        );
        assert_eq!(first.created_at, ts("2026-10-01T10:11:12Z"));

        let own = &records[1];
        assert_eq!(own.parent_id.as_deref(), Some("17858893269000001"));
        assert_eq!(
            (own.author.as_str(), own.author_ids.as_slice(), own.own),
            ("alex.example", &["17841400000000001".to_owned()][..], None)
        );
        assert_eq!(own.body, "@carlos.m Thanks! 🙏");
        assert_eq!(records[2].body, "@alex.example link in bio? <3 & thanks");
        assert_eq!(records[3].body, "写真もコードも最高です！📸");
        assert_eq!(records[4].body, "رائع جدا 👏 هل يعمل على ويندوز؟");
        // A reel with an empty caption: no title; a username but no `from`.
        let reel = records.last().unwrap();
        assert_eq!(
            (reel.thread_id.as_deref(), reel.thread_title.as_deref()),
            (Some("17895695668004999"), None)
        );
        assert_eq!((reel.author.as_str(), reel.author_ids.len()), ("lena.k", 0));
    }

    #[test]
    fn instagram_pages_and_media_field() {
        let (records, _) = records(&Instagram, IG_PAGES);
        assert_eq!(records.len(), 5);
        assert!(
            records[..4]
                .iter()
                .all(|r| r.thread_id.as_deref() == Some("17895695668006000"))
        );
        // A reply nested under `replies` without parent_id: its parent is the container.
        assert_eq!(records[1].parent_id.as_deref(), Some("17858893269001001"));
        assert_eq!(records[2].body, "שלום! looks great");
        assert_eq!(records[3].author_ids.len(), 0);
        assert_eq!(records[4].thread_id.as_deref(), Some("17895695668004550"));
        // ... and with the media list read first, the same media's title.
        let input = [IG_MEDIA, IG_PAGES].concat();
        let (records, _) = read(&Instagram, &input).unwrap();
        let (last, pos) = records.last().unwrap();
        assert_eq!(
            last.thread_title.as_deref(),
            Some("Inbox zero, but for comments ✨")
        );
        assert_eq!(pos, &Position::Path("155: data[0]".into()));
    }

    /// A video's links are paths on the site: they are made whole.
    #[test]
    fn relative_video_links_are_made_whole() {
        let (recs, _) = records(
            &Facebook,
            br#"{"id":"988","title":"Roasting live","permalink_url":"/104/videos/988/","comments":{"data":[{"id":"988_6","message":"Cool","created_time":"2024-03-01T10:00:00+0000","from":{"name":"Jo Kim","id":"7"},"permalink_url":"/104/videos/988/?comment_id=6"}]}}"#,
        );
        assert_eq!(
            recs[0].thread_url.as_deref(),
            Some("https://www.facebook.com/104/videos/988/")
        );
        assert_eq!(
            recs[0].url.as_deref(),
            Some("https://www.facebook.com/104/videos/988/?comment_id=6")
        );
        // A video's title, a photo's name and link.
        assert_eq!(recs[0].thread_title.as_deref(), Some("Roasting live"));
        let (photo, _) = records(
            &Facebook,
            br#"{"id":"301","name":"New bag design","link":"https://www.facebook.com/photo.php?fbid=301","comments":{"data":[{"id":"301_1","message":"Love it","created_time":"2024-03-01T10:00:00+0000"}]}}"#,
        );
        assert_eq!(
            (
                photo[0].thread_title.as_deref(),
                photo[0].thread_url.as_deref()
            ),
            (
                Some("New bag design"),
                Some("https://www.facebook.com/photo.php?fbid=301")
            )
        );
    }

    #[test]
    fn objects_without_comments() {
        // The Graph API leaves out an empty `comments` edge.
        let (none, _) = records(&Facebook, br#"{"id": "1_2", "message": "quiet post", "permalink_url": "https://www.facebook.com/1/posts/2/"}"#);
        assert!(none.is_empty());
        let media = br#"{"data": [{"id": "1789", "caption": "no comments", "permalink": "https://www.instagram.com/p/x/", "timestamp": "2026-10-01T09:00:00+0000"}]}"#;
        assert!(records(&Instagram, media).0.is_empty());
        assert!(!Instagram.detect(br#"{"data":[{"id":"1","text":"a","timestamp":"2026-10-01T09:00:00+0000","username":"u","media_product_type":"THREADS","is_reply":true}]}"#));
        // A comment naming the Threads API is no Threads page.
        let named = br#"{"data":[{"id":"17858893269000001","text":"Is this built on https://graph.threads.net/ too?","timestamp":"2026-10-01T10:11:12+0000","username":"carlos.m"}],"paging":{"next":"https://graph.facebook.com/v21.0/17895695668006000/comments?after=QVFIU2"}}"#;
        assert!(Instagram.detect(named));
        assert!(!crate::import::threads::Threads.detect(named));
        // A comment that says THREADS is a comment, like any other.
        assert!(Instagram.detect(br#"{"data":[{"id":"17858893269000001","text":"THREADS","timestamp":"2026-10-01T10:11:12+0000","username":"carlos.m"}],"paging":{"next":"https://graph.facebook.com/v21.0/17895695668006000/comments?after=QVFIU2"}}"#));
        // Only the id (fields=id,comments on a quiet post) is an object too.
        assert!(records(&Instagram, br#"{"id": "1789"}"#).0.is_empty());
        // Another platform's file forced to these formats: nothing of a post.
        for (format, other) in [
            (&Facebook as &dyn Format, &br#"[{"id":"1","type":"mention","created_at":"2026-03-01T10:00:00.000Z","account":{"id":"2","acct":"bob"}}]"#[..]),
            (&Instagram, br#"{"id":45102030,"type":"story","created_at":"2026-03-01T10:00:00.000Z","title":"Show HN","children":[]}"#),
            (&Instagram, br#"[{"id":7001,"user":{"login":"a"},"body":"hi","created_at":"2026-11-01T00:00:00Z"}]"#),
        ] {
            let err = read(format, other).unwrap_err();
            assert!(err.to_string().contains("another platform's file"), "{err}");
        }
    }

    #[test]
    fn array_of_responses() {
        let text = std::str::from_utf8(FB_PAGES).unwrap();
        let array = format!("[{}]", text.trim().lines().collect::<Vec<_>>().join(","));
        let (records, _) = read(&Facebook, array.as_bytes()).unwrap();
        assert_eq!(records.len(), 6);
        assert_eq!(records[5].1, Position::Path("[2].data[0]".into()));
    }

    #[test]
    fn detection() {
        let not: &[&[u8]] = &[
            br#"{"platform":"facebook","id":"1_2","author":"x","body":"hi","created_at":"2026-03-01T14:05:00Z"}"#,
        ];
        assert_detects_only(&Facebook, 600, not);
        assert_detects_only(&Instagram, 600, not);
    }

    #[test]
    fn graph_times() {
        let doc = Doc {
            line: 1,
            column: 1,
            several: false,
        };
        let parse = |v: Value| {
            let obj: Obj = [("t".to_owned(), v)].into_iter().collect();
            graph_time(&doc, &obj, "x", "t")
        };
        assert_eq!(
            parse("2026-10-01T12:34:56+0000".into()).unwrap(),
            ts("2026-10-01T12:34:56Z")
        );
        assert_eq!(
            parse("2026-10-01T12:34:56+0530".into()).unwrap(),
            ts("2026-10-01T07:04:56Z")
        );
        assert_eq!(
            parse("2026-10-01T12:34:56Z".into()).unwrap(),
            ts("2026-10-01T12:34:56Z")
        );
        assert_eq!(
            parse(1_790_000_000.into()).unwrap(),
            ts("2026-09-21T14:13:20Z")
        );
        let err = parse("2026-13-01T12:34:56+0000".into()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.t: not a valid time: \"2026-13-01T12:34:56+0000\""
        );
        assert!(parse(true.into()).is_err());
        assert!(parse(i64::MAX.into()).is_err());
    }

    #[test]
    fn malformed_input() {
        let err = read(&Facebook, &FB_OBJECT[..FB_OBJECT.len() - 40]).unwrap_err();
        assert!(
            matches!(err.position, Some(Position::LineCol(_, _))),
            "{err}"
        );

        let bad = std::str::from_utf8(FB_PAGES).unwrap().replacen(
            "\"2026-09-20T10:05:00+0000\"",
            "\"20 Sept\"",
            1,
        );
        let err = read(&Facebook, bad.as_bytes()).unwrap_err();
        assert_eq!(
            err.position,
            Some(Position::Path("1: data[1].created_time".into()))
        );
        assert_eq!(err.field.as_deref(), Some("created_time"));

        let bad = std::str::from_utf8(IG_MEDIA).unwrap().replacen(
            "\"text\": \"🔥🔥🔥\"",
            "\"text\": [\"🔥\"]",
            1,
        );
        let err = read(&Instagram, bad.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "data[1].comments.data[0].text: expected a string, found an array"
        );

        let err = read(
            &Facebook,
            br#"{"data": [{"message": "no id", "created_time": "2026-10-01T12:34:56+0000"}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "data[0].id: missing");
        let err = read(&Facebook, br#"{"data": {}}"#).unwrap_err();
        assert_eq!(err.to_string(), "data: expected an array, found an object");
        let err = read(&Facebook, br#"{"foo": 1}"#).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("data"));
        let err = read(
            &Instagram,
            br#"{"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190}}"#,
        )
        .unwrap_err();
        assert!(err.message.contains("Invalid OAuth access token."), "{err}");
        let err = read(&Facebook, b"[1]").unwrap_err();
        assert_eq!(
            err.to_string(),
            "[0]: response: expected an object, found a number"
        );
    }

    #[test]
    fn sink_errors_pass_through() {
        assert_sink_error_passes_through(&Instagram, IG_MEDIA, 1);
    }

    #[test]
    fn deep_nesting() {
        let deep = format!("{}{}", "{\"data\":[".repeat(50_000), "]}".repeat(50_000));
        let err = read(&Facebook, deep.as_bytes()).unwrap_err();
        assert!(err.message.contains("recursion limit"), "{err}");
        // The deepest reply chain the parser allows is read without recursion
        // (ids as comments have them, `{post}_{comment}`).
        let mut tree = String::from(r#"{"id":"7_0","created_time":"2026-10-01T12:34:56+0000"}"#);
        let mut depth = 1;
        while depth < 40 {
            tree = format!(
                r#"{{"id":"7_{depth}","created_time":"2026-10-01T12:34:56+0000","comments":{{"data":[{tree}]}}}}"#
            );
            depth += 1;
        }
        let (records, _) = records(&Facebook, format!(r#"{{"data":[{tree}]}}"#).as_bytes());
        assert_eq!(records.len(), depth);
        assert_eq!(records.last().unwrap().parent_id.as_deref(), Some("7_1"));
    }

    never_panics!(
        [Facebook, Instagram],
        &[FB_OBJECT, FB_PAGES, IG_MEDIA, IG_PAGES]
    );
}
