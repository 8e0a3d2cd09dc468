//! YouTube Data API v3 comment responses.
//!
//! Reads what `commentThreads.list` returns (`youtube#commentThreadListResponse`:
//! each thread is a top-level comment plus up to five of its replies) and, for
//! the rest of the replies of busy threads, what `comments.list?parentId=…`
//! returns (`youtube#commentListResponse`). A file may hold one response, a
//! JSON array of responses, or one response per line (JSON Lines, as a curl
//! loop over `pageToken` writes them); pages are read one at a time.
//!
//! Mapping: id = comment id; parent = `snippet.parentId` for replies;
//! thread = the video (`thread_id` = video id, `thread_url` = its watch URL,
//! `url` = watch URL + `&lc=<comment id>`); author = `authorDisplayName` (the
//! `@handle`), `author_ids` = [channel id]; body = `textOriginal` when the API
//! sent it, else `textDisplay` converted from HTML. A comment is `own` when its
//! author's channel is the channel that owns the video. Comment responses name
//! no video title: `thread_title` is the video's `snippet.title` from a
//! `videos.list`, `playlistItems.list` (the channel's uploads) or
//! `search.list` page earlier in the file, else empty. A `comments.list` reply names no
//! video: it takes its thread's from earlier in the file, when it is there.
//! Comments YouTube holds as
//! `likelySpam` or `rejected` (only present with `moderationStatus`) are skipped.
//! The replies a thread counts (`totalReplyCount`) beyond those it embeds
//! are counted as "more", as Reddit's left-out comments are, unless the file
//! holds a `comments.list` page of that thread's replies.

use super::json;
use crate::import::format::{Format, ImportError, Position, Sink, Skipped};
use crate::model::{Kind, Record};
use crate::text::html_to_text;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;

const PLATFORM: &str = "youtube";

/// YouTube Data API v3 `commentThreads.list` / `comments.list` responses.
pub struct YouTube;

impl Format for YouTube {
    fn name(&self) -> &'static str {
        PLATFORM
    }

    /// The video's channel is taken for yours only while no YouTube account
    /// of yours is configured: a collaborator's video has theirs.
    fn own_is_a_guess(&self) -> bool {
        true
    }

    fn detect(&self, head: &[u8]) -> bool {
        json::starts_like_json(head)
            && json::key_values(head, "kind").any(|v| {
                v.starts_with(b"\"youtube#comment")
                    || VIDEO_LISTS.iter().any(|k| {
                        v.strip_prefix(b"\"")
                            .is_some_and(|v| v.starts_with(k.as_bytes()))
                    })
            })
    }

    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        let mut threads = Threads::default();
        let mut each = |page: json::ObjOrSeq<Response, Response>, at: String| match page {
            json::ObjOrSeq::Obj(r) => response(r, &at, &mut threads, sink, skipped),
            json::ObjOrSeq::Seq(rs) => {
                for (i, r) in rs.into_iter().enumerate() {
                    response(r, &json::index(&at, i), &mut threads, sink, skipped)?;
                }
                Ok(())
            }
        };
        json::read_values(input, &mut each)?;
        if threads.video_lists && !threads.comment_pages {
            return Err(ImportError::new(
                None,
                None,
                "a list of videos gives titles, not comments: put it first in the file that \
                 holds the comment pages (commentThreads.list), as the README shows",
            ));
        }
        // Only now: a thread's `comments.list` page may come after it, or before.
        threads.count_left_out(skipped);
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// The API's shapes (only the fields ackbox uses; the rest is ignored).

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Response {
    kind: Option<String>,
    items: Option<Vec<Item>>,
    error: Option<ApiError>,
}

/// What the API sends instead of a page when a request fails (quota, auth…).
#[derive(Deserialize)]
struct ApiError {
    code: Option<i64>,
    message: Option<String>,
}

/// A `youtube#commentThread` or a `youtube#comment`: the snippet holds the
/// fields of either (a thread snippet has `topLevelComment`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    kind: Option<String>,
    id: Option<ItemId>,
    snippet: Option<Snippet>,
    replies: Option<Replies>,
}

#[derive(Deserialize)]
struct Replies {
    comments: Option<Vec<Item>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Snippet {
    // video and playlist item
    title: Option<String>,
    resource_id: Option<ResourceId>,
    // thread and comment
    channel_id: Option<String>,
    video_id: Option<String>,
    post_id: Option<String>,
    // thread
    top_level_comment: Option<Box<Item>>,
    /// Only a hint of what is left out: a count YouTube would never send
    /// (negative, fractional) is read as none rather than refusing the file.
    total_reply_count: Option<serde_json::Value>,
    // comment
    text_display: Option<String>,
    text_original: Option<String>,
    author_display_name: Option<String>,
    author_channel_id: Option<ChannelId>,
    parent_id: Option<String>,
    moderation_status: Option<String>,
    published_at: Option<String>,
}

#[derive(Deserialize)]
struct ChannelId {
    value: Option<String>,
}

/// What a playlist item or a search result holds.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResourceId {
    video_id: Option<String>,
}

/// An item's id: a comment's, a video's, or what a search found (a
/// video, a channel, a playlist).
#[derive(Deserialize)]
#[serde(untagged)]
enum ItemId {
    Id(String),
    Found(ResourceId),
}

/// The responses that list videos: their titles name the threads.
const VIDEO_LISTS: [&str; 3] = [
    "youtube#videoListResponse",
    "youtube#playlistItemListResponse",
    "youtube#searchListResponse",
];

/// The titles a playlist shows in place of a video it no longer shows.
const PLACEHOLDER_TITLES: [&str; 2] = ["Private video", "Deleted video"];

// ---------------------------------------------------------------------------
// From the API's shapes to records.

/// What a thread tells its comments: the channel that owns the video, and
/// where the comments hang.
#[derive(Default, Clone)]
struct Context {
    channel_id: Option<String>,
    video_id: Option<String>,
    post_id: Option<String>,
    /// The video's title, when a list of videos earlier in the file has it.
    title: Option<String>,
}

/// What the file tells of each thread, by its top-level comment's id.
#[derive(Default)]
struct Threads {
    /// The thread's context: the replies `comments.list` gives name no
    /// video, only that comment.
    context: HashMap<String, Context>,
    /// How many replies the thread counts beyond those it embeds (the API
    /// embeds at most five).
    left_out: HashMap<String, u64>,
    /// Threads whose replies a `comments.list` page in the file lists.
    listed: HashSet<String>,
    /// Video id → title, from the lists of videos read so far.
    titles: HashMap<String, String>,
    /// Whether the file has lists of videos, and pages of comments.
    video_lists: bool,
    comment_pages: bool,
}

impl Threads {
    /// Notes the titles of a `videos.list`, `playlistItems.list` or
    /// `search.list` page (whose titles are HTML, `&#39;` and all).
    fn note_titles(&mut self, items: Vec<Item>) {
        self.video_lists = true;
        for item in items {
            let Some(snippet) = item.snippet else {
                continue;
            };
            let (video, title) = match (item.kind.as_deref(), item.id) {
                (Some("youtube#playlistItem"), _) => {
                    (snippet.resource_id.and_then(|r| r.video_id), snippet.title)
                }
                (_, Some(ItemId::Found(found))) => {
                    (found.video_id, snippet.title.map(|t| html_to_text(&t)))
                }
                (_, Some(ItemId::Id(id))) => (Some(id), snippet.title),
                (_, None) => (None, None),
            };
            if let (Some(video), Some(title)) = (video, title)
                && !title.trim().is_empty()
                && !PLACEHOLDER_TITLES.contains(&title.as_str())
            {
                self.titles.insert(video, title);
            }
        }
    }

    /// Counts as "more" the replies left out of threads whose
    /// `comments.list` the file does not hold (one it holds brings them all,
    /// or all the API still shows).
    fn count_left_out(&self, skipped: &mut Skipped) {
        let n: u64 = self
            .left_out
            .iter()
            .filter(|(id, _)| !self.listed.contains(*id))
            .fold(0u64, |sum, (_, n)| sum.saturating_add(*n));
        if n > 0 {
            skipped.skip("more", n);
        }
    }
}

fn response(
    r: Response,
    at: &str,
    threads: &mut Threads,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    if let Some(e) = r.error {
        let what = match (e.code, e.message) {
            // Google's messages hold HTML links.
            (Some(c), Some(m)) => format!("{c} {}", crate::text::html_to_text(&m)),
            (Some(c), None) => c.to_string(),
            (None, Some(m)) => crate::text::html_to_text(&m),
            (None, None) => "no details".to_owned(),
        };
        return Err(ImportError::at(
            Position::Path(json::child(at, "error")),
            "error",
            format!("the file holds a YouTube API error response, not comments: {what}"),
        ));
    }
    match r.kind.as_deref() {
        None | Some("youtube#commentThreadListResponse" | "youtube#commentListResponse") => {}
        Some(kind) if VIDEO_LISTS.contains(&kind) => {
            threads.note_titles(r.items.unwrap_or_default());
            return Ok(());
        }
        Some(other) => {
            return Err(ImportError::at(
                Position::Path(json::child(at, "kind")),
                "kind",
                format!(
                    "expected a youtube#commentThreadListResponse or youtube#commentListResponse (or a list of videos, for their titles), found {other:?}"
                ),
            ));
        }
    }
    threads.comment_pages = true;
    let items_at = json::child(at, "items");
    let Some(items) = r.items else {
        return match r.kind {
            // A page with nothing in it.
            Some(_) => Ok(()),
            None => Err(ImportError::at(
                Position::Path(items_at),
                "items",
                "missing: not a YouTube commentThreads.list or comments.list response",
            )),
        };
    };
    for (i, item) in items.into_iter().enumerate() {
        let item_at = json::index(&items_at, i);
        let is_thread = match item.kind.as_deref() {
            Some("youtube#commentThread") => true,
            Some("youtube#comment") => false,
            None => item
                .snippet
                .as_ref()
                .is_some_and(|s| s.top_level_comment.is_some()),
            Some(other) => {
                return Err(ImportError::at(
                    Position::Path(json::child(&item_at, "kind")),
                    "kind",
                    format!("expected youtube#commentThread or youtube#comment, found {other:?}"),
                ));
            }
        };
        if is_thread {
            thread(item, &item_at, threads, sink, skipped)?;
        } else {
            let parent = item.snippet.as_ref().and_then(|s| s.parent_id.as_ref());
            threads.listed.extend(parent.cloned());
            let ctx = parent.and_then(|p| threads.context.get(p)).cloned();
            comment(
                item,
                &item_at,
                &ctx.unwrap_or_default(),
                None,
                sink,
                skipped,
            )?;
        }
    }
    Ok(())
}

fn thread(
    item: Item,
    at: &str,
    threads: &mut Threads,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    let snippet_at = json::child(at, "snippet");
    let snippet = item
        .snippet
        .ok_or_else(|| json::missing(&snippet_at, "snippet"))?;
    let top_at = json::child(&snippet_at, "topLevelComment");
    let top = snippet
        .top_level_comment
        .ok_or_else(|| json::missing(&top_at, "topLevelComment"))?;
    let title = (snippet.video_id.as_ref()).and_then(|v| threads.titles.get(v).cloned());
    let ctx = Context {
        channel_id: snippet.channel_id,
        video_id: snippet.video_id,
        post_id: snippet.post_id,
        title,
    };
    let top_id = comment(*top, &top_at, &ctx, None, sink, skipped)?;
    threads.context.insert(top_id.clone(), ctx.clone());
    let replies = item.replies.and_then(|r| r.comments).unwrap_or_default();
    // A thread fetched again counts as its last copy does.
    let embedded = replies.len() as u64;
    let left_out = snippet
        .total_reply_count
        .as_ref()
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0)
        .saturating_sub(embedded);
    threads.left_out.insert(top_id.clone(), left_out);
    let replies_at = json::child(&json::child(at, "replies"), "comments");
    for (j, reply) in replies.into_iter().enumerate() {
        comment(
            reply,
            &json::index(&replies_at, j),
            &ctx,
            Some(&top_id),
            sink,
            skipped,
        )?;
    }
    Ok(())
}

/// Hands one comment to the sink (unless YouTube holds it as spam) and
/// returns its id. `default_parent` is the thread's top-level comment, for
/// replies that do not say whom they answer.
fn comment(
    item: Item,
    at: &str,
    thread: &Context,
    default_parent: Option<&str>,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<String, ImportError> {
    let id = match item.id {
        Some(ItemId::Id(id)) => id,
        Some(ItemId::Found(_)) => {
            return Err(ImportError::at(
                Position::Path(json::child(at, "id")),
                "id",
                "expected a comment's id, found a search result's",
            ));
        }
        None => return Err(json::missing(&json::child(at, "id"), "id")),
    };
    let snippet_at = json::child(at, "snippet");
    let s = item
        .snippet
        .ok_or_else(|| json::missing(&snippet_at, "snippet"))?;
    match s.moderation_status.as_deref() {
        Some("likelySpam") => {
            skipped.gone("spam", PLATFORM, &id);
            return Ok(id);
        }
        Some("rejected") => {
            skipped.gone("rejected", PLATFORM, &id);
            return Ok(id);
        }
        _ => {}
    }
    let created_at = json::timestamp(
        s.published_at.as_deref(),
        &json::child(&snippet_at, "publishedAt"),
        "publishedAt",
    )?;
    let author_channel = s
        .author_channel_id
        .and_then(|c| c.value)
        .filter(|v| !v.is_empty());
    let author = match (
        s.author_display_name.filter(|n| !n.is_empty()),
        &author_channel,
    ) {
        (Some(name), _) => name,
        (None, Some(channel)) => channel.clone(),
        // A closed channel's old comment names nobody: one such comment
        // does not stop the page.
        (None, None) => super::shared::UNKNOWN_AUTHOR.to_owned(),
    };
    let body = match (s.text_original, s.text_display) {
        (Some(original), _) => original,
        (None, Some(display)) => html_to_text(&display),
        (None, None) => String::new(),
    };
    // In 2023 the reply box wrote the handle, itself "@ben.k", after an @ of
    // its own: "@@ben.k" is the mention of @ben.k.
    let body = match body.strip_prefix("@@") {
        Some(handle) if s.parent_id.as_deref().is_some_and(|p| !p.is_empty()) => {
            format!("@{handle}")
        }
        _ => body,
    };
    let owner = thread.channel_id.as_ref().or(s.channel_id.as_ref());
    let video = thread.video_id.as_ref().or(s.video_id.as_ref());
    let post = thread.post_id.as_ref().or(s.post_id.as_ref());

    let mut record = Record::new(PLATFORM, &id, &author, &body, created_at);
    record.parent_id = s
        .parent_id
        .filter(|p| !p.is_empty())
        .or(default_parent.map(str::to_owned));
    if let Some(video) = video.filter(|v| !v.is_empty()) {
        let url = format!("https://www.youtube.com/watch?v={video}");
        record.url = Some(format!("{url}&lc={id}"));
        record.thread_url = Some(url);
        record.thread_id = Some(video.clone());
        record.thread_title = thread.title.clone();
    } else if let Some(post) = post.filter(|p| !p.is_empty()) {
        let url = format!("https://www.youtube.com/post/{post}");
        record.url = Some(format!("{url}?lc={id}"));
        record.thread_url = Some(url);
        record.thread_id = Some(post.clone());
    }
    if author_channel.is_some() && author_channel.as_ref() == owner {
        record.own = Some(true);
    }
    record.author_ids = author_channel.into_iter().collect();
    record.kind = Kind::Comment;
    sink(record, Position::Path(at.to_owned()))?;
    Ok(id)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::test_support::{
        self, Read, assert_detects_only, assert_sink_error_passes_through, by_id, fixture,
        never_panics, ts,
    };

    const THREADS: &[u8] = fixture!("youtube/commentThreads.json");
    const PAGES: &[u8] = fixture!("youtube/commentThreads-pages.jsonl");
    const ARRAY: &[u8] = fixture!("youtube/commentThreads-array.json");
    const REPLIES: &[u8] = fixture!("youtube/comments-replies.json");
    const API_ERROR: &[u8] = fixture!("youtube/quota-error.json");
    const UPLOADS: &[u8] = fixture!("youtube/uploads-then-threads.jsonl");

    fn read(bytes: &[u8]) -> Result<Read, ImportError> {
        test_support::read(&YouTube, bytes)
    }

    fn records(bytes: &[u8]) -> Vec<Record> {
        test_support::records(&YouTube, bytes).0
    }

    #[test]
    fn detects_its_fixtures_and_nothing_else() {
        let not: &[&[u8]] = &[
            br#"{"platform":"youtube","id":"1","author":"@a","body":"hi","created_at":"2026-03-01T14:05:00Z","kind":"comment"}"#,
            b"kind,youtube#comment\n",
        ];
        assert_detects_only(&YouTube, 200, not);
    }

    /// A closed channel's comment names no channel, and a file fetched
    /// without `channelId` names no owner: nothing to match, so not yours
    /// (two unknowns are not one channel).
    #[test]
    fn a_comment_of_no_channel_in_a_file_of_no_owner_is_not_yours() {
        let file = br#"{"kind":"youtube#commentThreadListResponse","items":[{"kind":"youtube#commentThread","id":"T1","snippet":{"videoId":"v1","topLevelComment":{"kind":"youtube#comment","id":"T1","snippet":{"videoId":"v1","textDisplay":"is this decaf?","textOriginal":"is this decaf?","publishedAt":"2026-11-01T10:00:00Z","updatedAt":"2026-11-01T10:00:00Z"}}}}]}"#;
        let got = records(file);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].id.as_str(), got[0].own), ("T1", None));
    }

    #[test]
    fn reads_threads_with_replies() {
        let (got, skipped) = read(THREADS).unwrap();
        let recs: Vec<Record> = got.iter().map(|(r, _)| r.clone()).collect();
        let ids: Vec<&str> = recs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "UgxKREWxIgDrw8w2e_Z4AaABAg",
                "UgxKREWxIgDrw8w2e_Z4AaABAg.9zRd6W7oBMe9zRdVf3q0kA",
                "UgxKREWxIgDrw8w2e_Z4AaABAg.9zRd6W7oBMe9zRe8qX9vJm",
                "Ugw3wYNn8nQv7xkXh9F4AaABAg",
                "UgzT4f1hDh3KlZ0Hc2l4AaABAg",
                "UgzT4f1hDh3KlZ0Hc2l4AaABAg.9zS0aBcDeFg9zS1hIjKlMn",
                "Ugy9QmQkq1r0wq8e3Ad4AaABAg",
            ]
        );
        assert_eq!(skipped.counts.get("spam"), Some(&1));

        let top = by_id(&recs, "UgxKREWxIgDrw8w2e_Z4AaABAg");
        assert_eq!(top.platform, "youtube");
        assert_eq!(top.parent_id, None);
        assert_eq!(top.author, "@joesmith");
        assert_eq!(top.author_ids, ["UCx1b2c3d4e5f6g7h8i9j0kA"]);
        assert_eq!(top.author_name, None);
        assert_eq!(
            top.body,
            "Thanks for the tip about the coupon date & the link!"
        );
        assert_eq!(top.created_at, ts("2026-02-27T18:04:11Z"));
        assert_eq!(top.thread_id.as_deref(), Some("dQw4w9WgXcQ"));
        assert_eq!(
            top.thread_url.as_deref(),
            Some("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        );
        assert_eq!(
            top.url.as_deref(),
            Some("https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgxKREWxIgDrw8w2e_Z4AaABAg")
        );
        assert_eq!(top.thread_title, None);
        assert_eq!(top.own, None);
        assert_eq!(top.kind, Kind::Comment);
        assert_eq!(
            got[0].1,
            Position::Path("items[0].snippet.topLevelComment".into())
        );

        // The channel owner's reply is own; the parent is the top-level comment.
        let own = by_id(&recs, "UgxKREWxIgDrw8w2e_Z4AaABAg.9zRd6W7oBMe9zRdVf3q0kA");
        assert_eq!(own.own, Some(true));
        assert_eq!(own.author, "@ackboxdemo");
        assert_eq!(own.parent_id.as_deref(), Some("UgxKREWxIgDrw8w2e_Z4AaABAg"));
        assert_eq!(own.body, "@joesmith good catch, it's fixed now 🙏");
        assert_eq!(
            got[1].1,
            Position::Path("items[0].replies.comments[0]".into())
        );

        // No textOriginal: textDisplay's HTML is converted (entities, <br>, links).
        let html = by_id(&recs, "UgxKREWxIgDrw8w2e_Z4AaABAg.9zRd6W7oBMe9zRe8qX9vJm");
        assert_eq!(
            html.body,
            "Is it <= 20% off? Marie's question too\nsee 1:02"
        );
        assert_eq!(html.own, None);

        let cjk = by_id(&recs, "Ugw3wYNn8nQv7xkXh9F4AaABAg");
        assert_eq!(cjk.body, "素晴らしい動画でした！字幕もありがとう 🎌");
        let rtl = by_id(&recs, "UgzT4f1hDh3KlZ0Hc2l4AaABAg");
        assert_eq!(rtl.body, "شكرا جزيلا على الشرح ❤️");
        // A legacy display name without the @ is kept as the author.
        let legacy = by_id(&recs, "Ugy9QmQkq1r0wq8e3Ad4AaABAg");
        assert_eq!(legacy.author, "María José");
        // No authorChannelId at all: no author ids, never own.
        assert!(legacy.author_ids.is_empty());
        assert_eq!(legacy.own, None);
        assert_eq!(legacy.body, "");
    }

    #[test]
    fn reads_json_lines_pages_and_arrays_of_pages() {
        let (got, _) = read(PAGES).unwrap();
        assert_eq!(got.len(), 5);
        // Page 2 is on line 2: its positions say so.
        assert_eq!(
            got[3].1,
            Position::Path("2: items[0].snippet.topLevelComment".into())
        );
        assert_eq!(
            got[4].1,
            Position::Path("2: items[0].replies.comments[0]".into())
        );
        assert_eq!(got[4].0.own, Some(true));
        assert_eq!(
            got[4].0.parent_id.as_deref(),
            Some("UgwPage2TopComment0001")
        );
        // The third line is an empty last page.

        let (arr, _) = read(ARRAY).unwrap();
        let ids: Vec<_> = arr.iter().map(|(r, _)| r.id.clone()).collect();
        assert_eq!(ids, ["UgzArr1", "UgzArr1.reply1", "UgzArr2"]);
        assert_eq!(
            arr[2].1,
            Position::Path("[1].items[0].snippet.topLevelComment".into())
        );
        // The same pages as JSON Lines or as an array give the same records.
        let pretty: Vec<u8> = [THREADS, b"\n", THREADS].concat();
        assert_eq!(records(&pretty).len(), 14);
    }

    #[test]
    fn reads_comments_list_replies() {
        let recs = records(REPLIES);
        assert_eq!(recs.len(), 2);
        assert_eq!(
            recs[0].parent_id.as_deref(),
            Some("UgxKREWxIgDrw8w2e_Z4AaABAg")
        );
        assert_eq!(recs[0].thread_id.as_deref(), Some("dQw4w9WgXcQ"));
        assert_eq!(
            recs[1].own,
            Some(true),
            "author channel = snippet.channelId"
        );
        assert_eq!(recs[1].created_at, ts("2026-03-01T09:00:00Z"));
    }

    /// `comments.list` names no video: a reply whose thread came earlier in
    /// the file is placed in its video, with its link, as the others are.
    #[test]
    fn comments_list_replies_get_the_video_of_their_thread() {
        let replies = String::from_utf8_lossy(REPLIES).replace("\"videoId\": \"dQw4w9WgXcQ\",", "");
        assert!(!replies.contains("videoId"));
        let alone = records(replies.as_bytes());
        assert_eq!(
            (alone[0].thread_id.as_deref(), alone[0].url.as_deref()),
            (None, None)
        );
        let file = [THREADS, b"\n", replies.as_bytes()].concat();
        let recs = records(&file);
        let id = "UgxKREWxIgDrw8w2e_Z4AaABAg.9zRgAaAaAaA9zRgBbBbBbB";
        let reply = by_id(&recs, id);
        assert_eq!(reply.thread_id.as_deref(), Some("dQw4w9WgXcQ"));
        assert_eq!(
            reply.url,
            Some(format!(
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc={id}"
            ))
        );
        assert_eq!(
            reply.thread_url.as_deref(),
            Some("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        );
    }

    /// A busy thread embeds a few of its replies: the rest are counted as
    /// "more" (to fetch with `comments.list`), unless the file holds that
    /// thread's `comments.list` page, after it or before.
    #[test]
    fn replies_left_out_of_a_thread_are_counted_as_more() {
        // The first thread counts 5 replies and embeds 3 (one held as spam).
        let (_, skipped) = test_support::records(&YouTube, THREADS);
        assert_eq!(skipped.counts.get("more"), Some(&2));
        assert_eq!(skipped.counts.get("spam"), Some(&1));
        let busier = String::from_utf8_lossy(THREADS)
            .replace("\"totalReplyCount\": 5", "\"totalReplyCount\": 9");
        let (_, skipped) = test_support::records(&YouTube, busier.as_bytes());
        assert_eq!(skipped.counts.get("more"), Some(&6));
        // A page fetched twice counts once.
        let twice = [THREADS, b"\n", THREADS].concat();
        let (_, skipped) = test_support::records(&YouTube, &twice);
        assert_eq!(skipped.counts.get("more"), Some(&2));
        // A count YouTube would never send is no count, not a refused file.
        for odd in ["-3", "2.5", "\"9\""] {
            let file = String::from_utf8_lossy(THREADS).replace(
                "\"totalReplyCount\": 5",
                &format!("\"totalReplyCount\": {odd}"),
            );
            let (_, skipped) = test_support::records(&YouTube, file.as_bytes());
            assert_eq!(skipped.counts.get("more"), None, "{odd}");
        }

        for file in [
            [THREADS, b"\n", REPLIES].concat(),
            [REPLIES, b"\n", THREADS].concat(),
        ] {
            let (_, skipped) = test_support::records(&YouTube, &file);
            assert_eq!(skipped.counts.get("more"), None);
        }
    }

    #[test]
    fn api_error_response_is_reported() {
        let e = read(API_ERROR).unwrap_err();
        assert_eq!(e.position, Some(Position::Path("error".into())));
        assert!(e.message.contains("403"), "{e}");
        assert!(e.message.contains("quota"), "{e}");
    }

    #[test]
    fn bad_timestamp_names_its_path() {
        let text = String::from_utf8_lossy(THREADS).replace("2026-02-27T18:04:11Z", "yesterday");
        let e = read(text.as_bytes()).unwrap_err();
        assert_eq!(
            e.position,
            Some(Position::Path(
                "items[0].snippet.topLevelComment.snippet.publishedAt".into()
            ))
        );
        assert_eq!(e.field.as_deref(), Some("publishedAt"));
        assert!(e.message.contains("yesterday"));
    }

    #[test]
    fn bad_timestamp_on_a_later_line_names_the_line() {
        let text = String::from_utf8_lossy(PAGES).replace("2026-03-02T10:00:00Z", "2026-13-02");
        let e = read(text.as_bytes()).unwrap_err();
        assert_eq!(
            e.position,
            Some(Position::Path(
                "2: items[0].snippet.topLevelComment.snippet.publishedAt".into()
            ))
        );
    }

    #[test]
    fn truncated_file_gives_line_and_column() {
        let cut = &THREADS[..THREADS.len() / 2];
        let e = read(cut).unwrap_err();
        assert!(
            matches!(e.position, Some(Position::LineCol(l, _)) if l > 10),
            "{e:?}"
        );
        assert!(e.message.contains("truncated"), "{e}");
    }

    #[test]
    fn wrong_type_gives_line_and_column() {
        let text = String::from_utf8_lossy(PAGES).replacen(
            "\"videoId\":\"Pg2VideoId1\"",
            "\"videoId\":12",
            1,
        );
        let e = read(text.as_bytes()).unwrap_err();
        assert!(
            matches!(e.position, Some(Position::LineCol(2, c)) if c > 1),
            "{e:?}"
        );
        let e =
            read(br#"{"kind":"youtube#commentThreadListResponse","items":{"a":1}}"#).unwrap_err();
        assert_eq!(e.position, Some(Position::LineCol(1, 53)), "{e}");
        // A second value on the same line: the column counts from the line start.
        let e = read(br#"{"items":[]} {"items":5}"#).unwrap_err();
        assert_eq!(e.position, Some(Position::LineCol(1, 24)), "{e}");
        let e = read(b"\n\n  42").unwrap_err();
        assert!(matches!(e.position, Some(Position::LineCol(3, 4))), "{e:?}");
    }

    #[test]
    fn other_responses_are_rejected() {
        let e = read(br#"{"kind":"youtube#channelListResponse","items":[]}"#).unwrap_err();
        assert_eq!(e.position, Some(Position::Path("kind".into())));
        let e = read(br#"{"items":[{"kind":"youtube#video","id":"x"}]}"#).unwrap_err();
        assert_eq!(e.position, Some(Position::Path("items[0].kind".into())));
        let e = read(br#"{"platform":"youtube","id":"1"}"#).unwrap_err();
        assert_eq!(e.position, Some(Position::Path("items".into())));
        let e = read(
            br#"{"items":[{"kind":"youtube#commentThread","id":"x","snippet":{"videoId":"v"}}]}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.position,
            Some(Position::Path("items[0].snippet.topLevelComment".into()))
        );
    }

    /// The channel's uploads (`playlistItems.list`) or `videos.list` before
    /// the comment pages: each video's comments are in a thread of its title.
    #[test]
    fn a_list_of_videos_first_titles_their_threads() {
        let recs = records(UPLOADS);
        assert_eq!(recs.len(), records(THREADS).len());
        for r in &recs {
            assert_eq!(
                r.thread_title.as_deref(),
                Some("Coupon codes for December — how to use them (and when they expire)"),
                "{}",
                r.id
            );
        }
        let video = br#"{"kind":"youtube#videoListResponse","items":[{"kind":"youtube#video","id":"dQw4w9WgXcQ","snippet":{"title":"From videos.list","channelId":"UCackboxDemoChannel000001"}}]}"#;
        let recs = records(&[&video[..], b"\n", THREADS].concat());
        assert_eq!(recs[0].thread_title.as_deref(), Some("From videos.list"));
        // A search's results (channels among them), whose titles are HTML.
        let search = br#"{"kind":"youtube#searchListResponse","items":[{"kind":"youtube#searchResult","id":{"kind":"youtube#channel","channelId":"UCackboxDemoChannel000001"},"snippet":{"title":"ackbox demo"}},{"kind":"youtube#searchResult","id":{"kind":"youtube#video","videoId":"dQw4w9WgXcQ"},"snippet":{"title":"Coupon &#39;codes&#39; &amp; more","channelId":"UCackboxDemoChannel000001"}}]}"#;
        let recs = records(&[&search[..], b"\n", THREADS].concat());
        assert_eq!(
            recs[0].thread_title.as_deref(),
            Some("Coupon 'codes' & more")
        );
        // A list after the comments titles nothing, and a playlist's
        // placeholder for a video it no longer shows is no title.
        let recs = records(&[THREADS, b"\n", &video[..]].concat());
        assert_eq!(recs[0].thread_title, None);
        let gone = br#"{"kind":"youtube#playlistItemListResponse","items":[{"kind":"youtube#playlistItem","id":"p1","snippet":{"title":"Private video","resourceId":{"kind":"youtube#video","videoId":"dQw4w9WgXcQ"}}}]}"#;
        let recs = records(&[&gone[..], b"\n", THREADS].concat());
        assert_eq!(recs[0].thread_title, None);
    }

    #[test]
    fn a_file_of_videos_alone_says_what_to_do() {
        let e = read(&UPLOADS[..UPLOADS.iter().position(|&b| b == b'\n').unwrap()]).unwrap_err();
        assert!(
            e.message
                .starts_with("a list of videos gives titles, not comments"),
            "{e}"
        );
    }

    #[test]
    fn a_comment_naming_nobody_is_by_someone_unknown() {
        // An old comment of a closed channel: no name, no channel id.
        let page = br#"{"kind":"youtube#commentThreadListResponse","items":[{"kind":"youtube#commentThread","id":"Ugx1","snippet":{"channelId":"UCown","videoId":"v1","topLevelComment":{"kind":"youtube#comment","id":"Ugx1","snippet":{"channelId":"UCown","videoId":"v1","textDisplay":"first!","authorDisplayName":"","authorProfileImageUrl":"","publishedAt":"2012-05-01T10:00:00Z","updatedAt":"2012-05-01T10:00:00Z"}},"totalReplyCount":0}}]}"#;
        let recs = records(page);
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].author, crate::import::shared::UNKNOWN_AUTHOR);
        assert!(recs[0].author_ids.is_empty());
        assert_eq!(recs[0].body, "first!");
    }

    #[test]
    fn empty_input_imports_nothing() {
        assert!(records(b"").is_empty());
        assert!(records(b"\xEF\xBB\xBF \n\n").is_empty());
    }

    #[test]
    fn sink_error_is_returned_unchanged() {
        assert_sink_error_passes_through(&YouTube, THREADS, 2);
    }

    never_panics!(
        [YouTube],
        &[THREADS, PAGES, ARRAY, REPLIES, API_ERROR, UPLOADS]
    );

    /// A reply written in 2023 begins "@@handle": the mention is of @handle.
    #[test]
    fn a_doubled_at_before_a_handle_is_one_mention() {
        let page = br#"{"kind":"youtube#commentThreadListResponse","items":[{"kind":"youtube#commentThread","id":"Ugz1","snippet":{"channelId":"UCown","videoId":"v1","topLevelComment":{"kind":"youtube#comment","id":"Ugz1","snippet":{"videoId":"v1","textOriginal":"@@not a reply, kept","authorDisplayName":"@anna","authorChannelId":{"value":"UCanna"},"publishedAt":"2026-12-04T10:00:00Z"}}},"replies":{"comments":[{"kind":"youtube#comment","id":"Ugz1.B2","snippet":{"videoId":"v1","textOriginal":"@@ben.k medium-fine, Ben!","parentId":"Ugz1","authorDisplayName":"@me","authorChannelId":{"value":"UCown"},"publishedAt":"2026-12-04T11:00:00Z"}}]}}]}"#;
        let recs = records(page);
        assert_eq!(by_id(&recs, "Ugz1.B2").body, "@ben.k medium-fine, Ben!");
        assert_eq!(by_id(&recs, "Ugz1").body, "@@not a reply, kept");
    }
}
