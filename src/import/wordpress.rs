//! WordPress's WXR export (Tools → Export → "All content", or `wp export`):
//! RSS 2.0 with the `wp:` namespace (`http://wordpress.org/export/1.x/`).
//!
//! Each `<item>` is a post, page or other post type: its `wp:post_id`, `title`
//! and `link` give the thread. Each `<wp:comment>` inside it is one comment.
//! Pingbacks, trackbacks, unapproved, spam and trashed comments are skipped and
//! counted by reason. Comments are kept per post until `</item>` (the thread's
//! fields may in principle follow them), so memory is bounded by one post's
//! comments, never the whole document.
//!
//! The XML is read with quick-xml's streaming reader. Entities declared in a
//! DTD are never expanded: a reference to one is kept as literal text
//! (`&name;`), and so is any other unknown entity. The small streaming layer in
//! `xml` is shared with the Disqus importer.

use super::shared::{contains, nameless};
use super::xml::{self, Element, Open, Text, non_empty};
use crate::import::format::{Format, ImportError, Place, Position, Sink, Skipped};
use crate::model::Record;
use crate::text::html_to_text;
use chrono::{DateTime, NaiveDateTime, Utc};
use std::collections::HashMap;
use std::io::BufRead;

/// The WordPress WXR export.
pub struct WordPress;

const PLATFORM: &str = "wordpress";
/// Every WXR version (1.0, 1.1, 1.2) has a namespace under this prefix.
const WP_NS: &str = "http://wordpress.org/export/";
/// What WordPress writes when a date is unknown.
const ZERO_DATE: &str = "0000-00-00 00:00:00";

impl Format for WordPress {
    fn name(&self) -> &'static str {
        PLATFORM
    }

    fn detect(&self, head: &[u8]) -> bool {
        xml::starts_with_markup(head)
            && contains(head, WP_NS.as_bytes())
            && xml::root_is(head, b"rss")
    }

    /// The author is the name the commenter typed: a guest can type yours.
    fn author_is_account(&self) -> bool {
        false
    }

    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        xml::read_document(input, &mut Parser::default(), sink, skipped)
    }
}

/// The elements whose place in the document matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Rss,
    Channel,
    /// `<wp:author>` in the channel: a site user.
    User,
    Item,
    Comment,
}

/// The text elements that are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    UserId,
    UserLogin,
    Title,
    Link,
    PostId,
    Id,
    Author,
    Email,
    Date,
    DateGmt,
    Content,
    Approved,
    Type,
    Parent,
    UserIdOfComment,
}

#[derive(Default)]
struct RawComment {
    pos: Option<Position>,
    id: Option<Text>,
    author: Option<Text>,
    email: Option<Text>,
    date: Option<Text>,
    date_gmt: Option<Text>,
    content: Option<Text>,
    approved: Option<Text>,
    kind: Option<Text>,
    parent: Option<Text>,
    user_id: Option<Text>,
}

#[derive(Default)]
struct Post {
    id: Option<String>,
    title: Option<String>,
    link: Option<String>,
    /// Comments kept for import, waiting for `</item>`.
    comments: Vec<RawComment>,
    /// Comments taken off the site (spam, trash), with the reason,
    /// waiting for `</item>` to know their post.
    gone: Vec<(String, RawComment)>,
}

#[derive(Default)]
struct Parser {
    /// `<wp:author>` being read: (author_id, author_login).
    user: (Option<String>, Option<String>),
    /// Site users: author_id -> login, to recognise a registered commenter by login.
    logins: HashMap<String, String>,
    post: Post,
    comment: RawComment,
}

fn is_wp(el: &Element) -> bool {
    el.ns_or_prefix(|ns| ns.starts_with(WP_NS), "wp")
}

fn is_rss(el: &Element) -> bool {
    el.ns.is_none() && el.prefix.is_none()
}

impl xml::Handler for Parser {
    const NAME: &'static str = "a WordPress export (WXR)";
    const ROOT: &'static str = "rss";
    type Tag = Tag;
    type Field = Field;
    const ROOT_TAG: Tag = Tag::Rss;

    fn in_root_namespace(el: &Element) -> bool {
        is_rss(el)
    }

    fn open(&mut self, parent: Tag, el: &Element) -> Result<Open<Tag, Field>, ImportError> {
        let local = el.local.as_str();
        Ok(match parent {
            Tag::Rss if is_rss(el) && local == "channel" => Open::Tag(Tag::Channel),
            Tag::Channel if is_rss(el) && local == "item" => {
                self.post = Post::default();
                Open::Tag(Tag::Item)
            }
            Tag::Channel if is_wp(el) && local == "author" => {
                self.user = (None, None);
                Open::Tag(Tag::User)
            }
            Tag::User if is_wp(el) => match local {
                "author_id" => Open::Field(Field::UserId),
                "author_login" => Open::Field(Field::UserLogin),
                _ => Open::Other,
            },
            Tag::Item if is_rss(el) && local == "title" => Open::Field(Field::Title),
            Tag::Item if is_rss(el) && local == "link" => Open::Field(Field::Link),
            Tag::Item if is_wp(el) && local == "post_id" => Open::Field(Field::PostId),
            Tag::Item if is_wp(el) && local == "comment" => {
                self.comment = RawComment {
                    pos: Some(el.pos.clone()),
                    ..RawComment::default()
                };
                Open::Tag(Tag::Comment)
            }
            Tag::Comment if is_wp(el) => match local {
                "comment_id" => Open::Field(Field::Id),
                "comment_author" => Open::Field(Field::Author),
                "comment_author_email" => Open::Field(Field::Email),
                "comment_date" => Open::Field(Field::Date),
                "comment_date_gmt" => Open::Field(Field::DateGmt),
                "comment_content" => Open::Field(Field::Content),
                "comment_approved" => Open::Field(Field::Approved),
                "comment_type" => Open::Field(Field::Type),
                "comment_parent" => Open::Field(Field::Parent),
                "comment_user_id" => Open::Field(Field::UserIdOfComment),
                _ => Open::Other,
            },
            _ => Open::Other,
        })
    }

    fn store(&mut self, field: Field, value: Text) {
        let c = &mut self.comment;
        match field {
            Field::UserId => self.user.0 = Some(value.0),
            Field::UserLogin => self.user.1 = Some(value.0),
            Field::Title => self.post.title = Some(value.0),
            Field::Link => self.post.link = Some(value.0),
            Field::PostId => self.post.id = Some(value.0),
            Field::Id => c.id = Some(value),
            Field::Author => c.author = Some(value),
            Field::Email => c.email = Some(value),
            Field::Date => c.date = Some(value),
            Field::DateGmt => c.date_gmt = Some(value),
            Field::Content => c.content = Some(value),
            Field::Approved => c.approved = Some(value),
            Field::Type => c.kind = Some(value),
            Field::Parent => c.parent = Some(value),
            Field::UserIdOfComment => c.user_id = Some(value),
        }
    }

    fn close(
        &mut self,
        tag: Tag,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        match tag {
            Tag::User => {
                if let (Some(id), Some(login)) = std::mem::take(&mut self.user) {
                    let (id, login) = (id.trim().to_owned(), login.trim().to_owned());
                    if !id.is_empty() && !login.is_empty() {
                        self.logins.insert(id, login);
                    }
                }
            }
            Tag::Comment => {
                let comment = std::mem::take(&mut self.comment);
                match skip_reason(&comment) {
                    // Taken off the site: an earlier export may have brought it in.
                    Some(reason) if reason == "spam" || reason == "trash" => {
                        self.post.gone.push((reason, comment));
                    }
                    Some(reason) => {
                        skipped.skip_ids(&reason, [non_empty(&comment.id).unwrap_or_default()])
                    }
                    None => self.post.comments.push(comment),
                }
            }
            Tag::Item => {
                let post = std::mem::take(&mut self.post);
                for comment in post.comments.iter() {
                    let (record, pos) = self.record(&post, comment)?;
                    sink(record, pos)?;
                }
                // By where it was: another blog numbers its comments from 1 too.
                for (reason, comment) in &post.gone {
                    let id = non_empty(&comment.id).unwrap_or_default();
                    let pos = comment.pos.clone().unwrap_or(Position::Byte(0));
                    let place = Place {
                        url: comment_url(&post, id),
                        thread_id: clean(post.id.as_deref()).map(str::to_owned),
                        created_at: comment_time(comment, &pos).ok(),
                    };
                    skipped.gone_at(reason, PLATFORM, id, Some(place));
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// The address of comment `id` of `post`.
fn comment_url(post: &Post, id: &str) -> Option<String> {
    clean(post.link.as_deref()).map(|l| format!("{l}#comment-{id}"))
}

impl Parser {
    /// Turns a kept comment into a record, with its post as the thread.
    fn record(&self, post: &Post, c: &RawComment) -> Result<(Record, Position), ImportError> {
        let pos = c.pos.clone().unwrap_or(Position::Byte(0));
        let id = non_empty(&c.id)
            .ok_or_else(|| ImportError::at(pos.clone(), "wp:comment_id", "missing or empty"))?;
        let created_at = comment_time(c, &pos)?;
        let email = non_empty(&c.email);
        let user_id = non_empty(&c.user_id).filter(|u| *u != "0");
        let shown = c
            .author
            .as_ref()
            .map(|(a, _)| html_to_text(a))
            .unwrap_or_default();
        let shown = shown.trim();
        let author = if !shown.is_empty() {
            shown
        } else {
            nameless(email)
        };
        let body = c
            .content
            .as_ref()
            .map(|(html, _)| html_to_text(&autop(html)))
            .unwrap_or_default();

        let mut r = Record::new(PLATFORM, id, author, &body, created_at);
        r.parent_id = non_empty(&c.parent)
            .filter(|p| *p != "0")
            .map(str::to_owned);
        r.thread_id = clean(post.id.as_deref()).map(str::to_owned);
        r.thread_title = post
            .title
            .as_deref()
            .map(html_to_text)
            .filter(|t| !t.trim().is_empty());
        r.thread_url = clean(post.link.as_deref()).map(str::to_owned);
        r.url = comment_url(post, id);
        if !shown.is_empty() {
            r.author_name = Some(shown.to_owned());
        }
        // Only a logged-in commenter's: a guest (user id 0) types any
        // e-mail address, the site owner's too.
        if let Some(uid) = user_id {
            r.author_ids.push(uid.to_owned());
            r.author_ids.extend(self.logins.get(uid).cloned());
            r.author_ids.extend(email.map(str::to_owned));
        }
        Ok((r, pos))
    }
}

/// Why a comment is not imported, if it is not.
fn skip_reason(c: &RawComment) -> Option<String> {
    let kind = non_empty(&c.kind).unwrap_or("comment");
    match kind {
        // WooCommerce product reviews are comments too.
        "comment" | "review" => {}
        other => return Some(other.to_owned()),
    }
    match non_empty(&c.approved).unwrap_or("1") {
        "1" | "approve" | "approved" => None,
        "spam" => Some("spam".into()),
        "trash" | "post-trashed" => Some("trash".into()),
        _ => Some("unapproved".into()),
    }
}

/// The comment's time: `comment_date_gmt`, or `comment_date` (the site's local
/// time, taken as UTC: the export does not say the zone) when the GMT one is
/// missing or zero.
fn comment_time(c: &RawComment, pos: &Position) -> Result<DateTime<Utc>, ImportError> {
    let gmt = c
        .date_gmt
        .as_ref()
        .filter(|(d, _)| !d.trim().is_empty() && d.trim() != ZERO_DATE);
    let (field, (text, at)) = match (gmt, c.date.as_ref()) {
        (Some(v), _) => ("wp:comment_date_gmt", v),
        (None, Some(v)) => ("wp:comment_date", v),
        (None, None) => {
            return Err(ImportError::at(
                pos.clone(),
                "wp:comment_date_gmt",
                "missing",
            ));
        }
    };
    // Both zero, the column's default (legacy or migrated data): never
    // dated, skipped and counted as a comment dated before 1990 is.
    if text.trim() == ZERO_DATE {
        return Ok(DateTime::UNIX_EPOCH);
    }
    parse_wp_date(text.trim()).ok_or_else(|| {
        ImportError::at(
            at.clone(),
            field,
            format!(
                "{} is not a date like 2024-01-31 13:45:00",
                crate::text::quoted(text.trim())
            ),
        )
    })
}

fn parse_wp_date(s: &str) -> Option<DateTime<Utc>> {
    if s == ZERO_DATE {
        return None;
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|t| t.and_utc())
}

fn clean(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|s| !s.is_empty())
}

/// WordPress stores comments as typed and shows them through `wpautop`: a blank
/// line is a paragraph break and a single newline a line break. This does the
/// same, lightly, so that `html_to_text` keeps the breaks: each paragraph is
/// wrapped in `<p>`, a newline becomes `<br>` unless a block tag (a list, a
/// block quote) ends the line or opens the next. `<pre>` keeps its text as
/// written: set aside, as wpautop does, while the rest gets its paragraphs.
fn autop(content: &str) -> String {
    let content = content.replace("\r\n", "\n").replace('\r', "\n");
    let lower = content.to_ascii_lowercase();
    let mut out = String::with_capacity(content.len() + 32);
    let mut from = 0;
    while let Some(start) = find_pre(&lower, from) {
        let end = lower[start..]
            .find("</pre>")
            .map_or(content.len(), |e| start + e + "</pre>".len());
        out.push_str(&paragraphs(&content[from..start]));
        out.push_str(&content[start..end]);
        from = end;
    }
    out.push_str(&paragraphs(&content[from..]));
    out
}

/// Where the next `<pre>` tag (of any case, with attributes) starts in
/// `lower`, from `from` on.
fn find_pre(lower: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = lower[at..].find("<pre") {
        let start = at + i;
        at = start + "<pre".len();
        if lower[at..].starts_with(['>', '/', ' ', '\t', '\n']) {
            return Some(start);
        }
    }
    None
}

/// wpautop's paragraphs and line breaks for text without `<pre>`.
fn paragraphs(content: &str) -> String {
    if !content.contains('\n') {
        return content.to_owned();
    }
    let mut out = String::with_capacity(content.len() + 32);
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, out: &mut String| {
        if paragraph.is_empty() {
            return;
        }
        out.push_str("<p>");
        for (i, line) in paragraph.iter().enumerate() {
            if i > 0 {
                let prev = paragraph[i - 1].trim_end();
                // A line already ended by `<br />` gets no second break (as wpautop).
                if ends_with_block(prev) || opens_with_block(line) || ends_with_br(prev) {
                    out.push('\n');
                } else {
                    out.push_str("<br>");
                }
            }
            out.push_str(line);
        }
        out.push_str("</p>");
        paragraph.clear();
    };
    for line in content.split('\n') {
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut out);
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

/// wpautop's block-level tags (`$allblocks`): no line break after one.
const BLOCKS: &[&str] = &[
    "table",
    "thead",
    "tfoot",
    "caption",
    "col",
    "colgroup",
    "tbody",
    "tr",
    "td",
    "th",
    "div",
    "dl",
    "dd",
    "dt",
    "ul",
    "ol",
    "li",
    "pre",
    "form",
    "map",
    "area",
    "blockquote",
    "address",
    "math",
    "style",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "fieldset",
    "legend",
    "section",
    "article",
    "aside",
    "hgroup",
    "header",
    "footer",
    "nav",
    "figure",
    "figcaption",
    "details",
    "menu",
    "summary",
];

/// The tags wpautop adds no line break before.
const NO_BREAK_BEFORE: &[&str] = &[
    "p", "li", "div", "dl", "dd", "dt", "th", "pre", "td", "ul", "ol",
];

/// The name of the tag (opening or closing) `text` starts with.
fn tag_name(text: &str) -> Option<&str> {
    let name = text.strip_prefix('<')?;
    let name = name.strip_prefix('/').unwrap_or(name);
    let len = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    Some(&name[..len])
}

fn is_one_of(name: Option<&str>, tags: &[&str]) -> bool {
    name.is_some_and(|n| tags.iter().any(|t| t.eq_ignore_ascii_case(n)))
}

/// Whether a line ends with a block-level tag.
fn ends_with_block(line: &str) -> bool {
    line.ends_with('>')
        && line
            .rfind('<')
            .is_some_and(|at| is_one_of(tag_name(&line[at..]), BLOCKS))
}

/// Whether a line opens with a tag wpautop breaks no line before.
fn opens_with_block(line: &str) -> bool {
    is_one_of(tag_name(line.trim_start()), NO_BREAK_BEFORE)
}

/// Whether a line ends with a `<br>` (`<br/>`, `<BR />`…).
fn ends_with_br(line: &str) -> bool {
    let tag = line.trim_end_matches('>').trim_end_matches('/').trim_end();
    tag.len()
        .checked_sub(3)
        .and_then(|at| tag.get(at..))
        .is_some_and(|end| end.eq_ignore_ascii_case("<br"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::import::test_support::{
        self, Read, assert_detects_only, assert_plain_comments, assert_positions_at,
        assert_sink_error_passes_through, by_id, fixture, gone, hostile_dtd_record, never_panics,
        survives, ts, xml_soup,
    };
    use proptest::prelude::*;

    const EXPORT_1: &[u8] = fixture!("wordpress/export-part1.xml");
    const EXPORT_2: &[u8] = fixture!("wordpress/export-part2.xml");
    const HOSTILE_DTD: &[u8] = fixture!("wordpress/entities.xml");

    fn read(bytes: &[u8]) -> Result<Read, ImportError> {
        test_support::read(&WordPress, bytes)
    }

    fn records(bytes: &[u8]) -> Vec<Record> {
        test_support::records(&WordPress, bytes).0
    }

    #[test]
    fn reads_comments_in_file_order_and_skips_by_reason() {
        let (recs, skipped) = read(EXPORT_1).unwrap();
        let ids: Vec<&str> = recs.iter().map(|(r, _)| r.id.as_str()).collect();
        assert_eq!(ids, ["101", "102", "103", "104", "105", "106", "110"]);
        let expected: std::collections::BTreeMap<String, u64> = [
            ("pingback".to_owned(), 1),
            ("trackback".to_owned(), 1),
            ("spam".to_owned(), 1),
            ("trash".to_owned(), 2),
            ("unapproved".to_owned(), 1),
        ]
        .into_iter()
        .collect();
        assert_eq!(skipped.counts, expected);
        // What an earlier import may have brought in, withdrawn now.
        let expected = gone(&[
            ("wordpress", "901"),
            ("wordpress", "902"),
            ("wordpress", "903"),
        ]);
        assert!(
            skipped.gone.keys().eq(expected.keys()),
            "{:?}",
            skipped.gone
        );
        // With where they were: another site's comments of those numbers
        // are others.
        let page = "https://blog.example.com/2024/03/spring-launch/";
        for ((_, id), place) in &skipped.gone {
            let place = place.as_ref().expect("a place");
            assert_eq!(place.url, Some(format!("{page}#comment-{id}")));
            assert_eq!(place.thread_id.as_deref(), Some("12"));
            // (901's date is "not even a date".)
            assert_eq!(place.created_at.is_some(), id != "901", "{place:?}");
        }
        assert_plain_comments(recs.iter().map(|(r, _)| r), "wordpress");
    }

    /// WordPress writes a commenter's address as it stored it, a bare `&`
    /// at times (a comment added by a plugin or `wp comment create`): the
    /// `&` is text, as in WordPress's own importer, not a cut reference.
    #[test]
    fn a_bare_ampersand_is_text() {
        let wxr = br#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<item><title>Q&A night</title><link>https://s.example/qa/</link><wp:post_id>42</wp:post_id>
<wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_author>Jo & Sam</wp:comment_author>
<wp:comment_author_url>https://jo.example/?p=12&ref=blog</wp:comment_author_url>
<wp:comment_date_gmt>2026-11-10 10:00:00</wp:comment_date_gmt>
<wp:comment_content>Salt &amp; pepper & more</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>
</wp:comment></item></channel></rss>"#;
        let recs = records(wxr);
        let jo = by_id(&recs, "7");
        assert_eq!(jo.author, "Jo & Sam");
        assert_eq!(jo.body, "Salt & pepper & more");
        assert_eq!(jo.thread_title.as_deref(), Some("Q&A night"));
    }

    #[test]
    fn threads_parents_and_urls() {
        let recs = records(EXPORT_1);
        let top = by_id(&recs, "101");
        assert_eq!(top.parent_id, None);
        assert_eq!(top.thread_id.as_deref(), Some("12"));
        assert_eq!(
            top.thread_title.as_deref(),
            Some("Spring launch: what’s new & what’s next")
        );
        assert_eq!(
            top.thread_url.as_deref(),
            Some("https://blog.example.com/2024/03/spring-launch/")
        );
        assert_eq!(
            top.url.as_deref(),
            Some("https://blog.example.com/2024/03/spring-launch/#comment-101")
        );
        // Own reply to 101, and a reply to that reply.
        assert_eq!(by_id(&recs, "102").parent_id.as_deref(), Some("101"));
        assert_eq!(by_id(&recs, "103").parent_id.as_deref(), Some("102"));
        // Second post.
        let other = by_id(&recs, "110");
        assert_eq!(other.thread_id.as_deref(), Some("57"));
        assert_eq!(other.thread_title.as_deref(), Some("日本語のお知らせ"));
    }

    #[test]
    fn authors_and_owner_identifiers() {
        let recs = records(EXPORT_1);
        let guest = by_id(&recs, "101");
        assert_eq!(guest.author, "Joe O'Brien & Sons");
        assert_eq!(guest.author_name.as_deref(), Some("Joe O'Brien & Sons"));
        // A guest's typed e-mail could be anyone's: it identifies nobody.
        assert!(guest.author_ids.is_empty(), "{:?}", guest.author_ids);
        // The site owner, logged in: user id, login from <wp:author>, e-mail.
        let own = by_id(&recs, "102");
        assert_eq!(own.author, "Jane Doe");
        assert_eq!(own.author_ids, ["1", "jane", "jane@blog.example.com"]);
        assert_eq!(own.own, None);
        // No name and no e-mail.
        let anon = by_id(&recs, "105");
        assert_eq!(anon.author, "Anonymous");
        assert_eq!(anon.author_name, None);
        assert!(anon.author_ids.is_empty());
        // No name but an e-mail.
        assert_eq!(by_id(&recs, "106").author, "nameless@example.net");
    }

    #[test]
    fn timestamps_prefer_gmt() {
        let recs = records(EXPORT_1);
        // comment_date is 10:15 local, comment_date_gmt 08:15.
        assert_eq!(by_id(&recs, "101").created_at, ts("2024-03-05T08:15:00Z"));
        // comment_date_gmt is 0000-00-00 00:00:00: comment_date is used.
        assert_eq!(by_id(&recs, "104").created_at, ts("2024-03-06T21:00:05Z"));
        // No comment_date_gmt element at all.
        assert_eq!(by_id(&recs, "105").created_at, ts("2024-03-07T07:30:00Z"));
    }

    #[test]
    fn bodies_are_plain_text() {
        let recs = records(EXPORT_1);
        let body = &by_id(&recs, "101").body;
        assert!(
            body.starts_with("Great post! I love the new coupon page."),
            "{body:?}"
        );
        assert!(
            body.contains("One question: does the code SPRING24 work"),
            "{body:?}"
        );
        assert!(!body.contains("<"), "{body:?}");
        assert!(body.contains("see the FAQ"), "{body:?}");
        // Paragraph break typed as a blank line is kept.
        assert!(body.contains("page.\n\nOne question"), "{body:?}");
        assert_eq!(
            by_id(&recs, "102").body,
            "Thanks Joe! Yes, SPRING24 works until 31 March 😀"
        );
        // Emoji, RTL, entities in XML text (not CDATA), an HTML entity left to html_to_text.
        assert_eq!(by_id(&recs, "103").body, "שלום! 5 > 3 & café");
        assert_eq!(by_id(&recs, "110").body, "素晴らしい記事です！");
        // An empty comment is imported with an empty body.
        assert_eq!(by_id(&recs, "106").body, "");
    }

    #[test]
    fn several_export_files() {
        let recs = records(EXPORT_2);
        let ids: Vec<&str> = recs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["201", "202", "203"]);
        let r = by_id(&recs, "202");
        assert_eq!(r.parent_id.as_deref(), Some("201"));
        assert_eq!(r.thread_title.as_deref(), Some("About us"));
        // WXR 1.1 namespace, page post type, comment_type empty.
        assert_eq!(r.thread_id.as_deref(), Some("2"));
        // A product review (WooCommerce) is a comment; an order note is not.
        let (_, skipped) = read(EXPORT_2).unwrap();
        assert_eq!(skipped.counts.get("order_note"), Some(&1));
    }

    #[test]
    fn positions_are_line_and_column_of_the_comment() {
        assert_positions_at(EXPORT_1, &read(EXPORT_1).unwrap().0, "<wp:comment>");
    }

    #[test]
    fn detects_wxr_only() {
        let not: &[&[u8]] = &[
            br#"{"platform":"wordpress","id":"1","author":"a","body":"<rss> http://wordpress.org/export/1.2/","created_at":"2026-03-01T14:05:00Z"}"#,
            b"platform,id,author\nwordpress,1,a\n",
            b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel></channel></rss>",
            // A Disqus export of a post about WordPress's export.
            br#"<?xml version="1.0"?><disqus xmlns="http://disqus.com"><thread><title><![CDATA[What the <rss> export (http://wordpress.org/export/1.2/) holds]]></title></thread></disqus>"#,
        ];
        assert_detects_only(&WordPress, 2000, not);
    }

    #[test]
    fn truncated_file_is_an_error_with_a_position() {
        // Wherever it is cut (inside a tag, a CDATA section, a text), a
        // download cut short is said to be one, where.
        // (A cut inside a character is said at the file's end: `cut_short`.)
        let ends = (EXPORT_1.len() / 3..EXPORT_1.len() - 10).step_by(7);
        for end in ends.filter(|&e| std::str::from_utf8(&EXPORT_1[..e]).is_ok()) {
            let err = read(&EXPORT_1[..end]).unwrap_err();
            assert!(err.position.is_some(), "{end}: {err}");
            assert!(err.message.contains("cut short"), "{end}: {err}");
        }
    }

    #[test]
    fn malformed_values_name_field_and_position() {
        let bad = String::from_utf8(EXPORT_1.to_vec())
            .unwrap()
            .replace("2024-03-05 08:15:00", "yesterday");
        let err = read(bad.as_bytes()).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("wp:comment_date_gmt"));
        assert!(
            matches!(err.position, Some(Position::LineCol(_, _))),
            "{err}"
        );
        assert!(err.to_string().contains("yesterday"), "{err}");

        let no_id = String::from_utf8(EXPORT_2.to_vec())
            .unwrap()
            .replace("<wp:comment_id>201</wp:comment_id>", "");
        let err = read(no_id.as_bytes()).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("wp:comment_id"));

        // An attribute given twice is malformed XML; many distinct ones are read.
        let export = String::from_utf8(EXPORT_1.to_vec()).unwrap();
        let twice = export.replacen("<item>", "<item a=\"1\" b=\"2\" a=\"3\">", 1);
        let err = read(twice.as_bytes()).unwrap_err();
        assert!(err.message.contains("a is given twice"), "{err}");
        assert!(
            matches!(err.position, Some(Position::LineCol(_, _))),
            "{err}"
        );
        let many: Vec<String> = (0..20_000).map(|i| format!("a{i}=\"x\"")).collect();
        let many = export.replacen("<item>", &format!("<item {}>", many.join(" ")), 1);
        assert_eq!(records(many.as_bytes()).len(), records(EXPORT_1).len());

        let mismatched = b"<rss><channel><item><title>x</link></item></channel></rss>";
        let err = read(mismatched).unwrap_err();
        assert_eq!(err.position, Some(Position::LineCol(1, 29)), "{err}");

        let not_wxr = read(b"<?xml version=\"1.0\"?>\n<feed><entry/></feed>").unwrap_err();
        assert_eq!(not_wxr.position, Some(Position::LineCol(2, 1)));
        assert!(read(b"").is_err());
        assert!(read(b"\xff\xfe<\x00r\x00").is_err());
        // Not UTF-8: said clearly rather than read as garbage, with the fix;
        // converted, the file keeps its declaration and is read.
        let latin1 = |text: &[u8]| {
            let mut file =
                b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel><title>".to_vec();
            file.extend_from_slice(text);
            file.extend_from_slice(b"</title></channel></rss>");
            read(&file)
        };
        let err = latin1(b"Caf\xe9").unwrap_err();
        assert!(
            err.message.contains("iconv -f ISO-8859-1 -t UTF-8"),
            "{err}"
        );
        assert!(latin1("Café".as_bytes()).is_ok());
        assert!(read(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss/>").is_ok());
    }

    #[test]
    fn sink_error_is_returned_unchanged() {
        assert_sink_error_passes_through(&WordPress, EXPORT_1, 1);
    }

    #[test]
    fn dtd_entities_are_never_expanded() {
        // Billion laughs and an external entity in the DTD, referenced in content,
        // author and title: the references stay literal text, the file is never read.
        let r = hostile_dtd_record(&WordPress, HOSTILE_DTD);
        assert!(r.body.len() < 20 && r.author.len() < 20, "{r:?}");
        assert_eq!(
            r.thread_url.as_deref(),
            Some("https://blog.example.com/&xxe;")
        );
        // In an attribute value too.
        let attr = br#"<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss a="&xxe;"><channel/></rss>"#;
        assert!(read(attr).is_ok());
    }

    #[test]
    fn autop_keeps_breaks() {
        assert_eq!(autop("a\nb\n\nc"), "<p>a<br>b</p><p>c</p>");
        assert_eq!(autop("a<br />\nb<BR>\nc"), "<p>a<br />\nb<BR>\nc</p>");
        assert_eq!(html_to_text(&autop("Merci!<br />\nAlso:")), "Merci!\nAlso:");
        assert_eq!(autop("é\n日\nx"), "<p>é<br>日<br>x</p>");
        assert_eq!(
            autop("<ul>\n<li>x</li>\n</ul>"),
            "<p><ul>\n<li>x</li>\n</ul></p>"
        );
        assert_eq!(autop("one line"), "one line");
        assert_eq!(autop("<pre>a\n\nb</pre>"), "<pre>a\n\nb</pre>");
        // Inline tags at the ends of lines keep their breaks; block ones do not.
        assert_eq!(
            autop("<a href=\"x\">A</a>\n<em>B</em> c\n<blockquote>q</blockquote>\nd"),
            "<p><a href=\"x\">A</a><br><em>B</em> c<br><blockquote>q</blockquote>\nd</p>"
        );
        assert_eq!(autop("a\n<P>b"), "<p>a\n<P>b</p>");
    }

    #[test]
    fn a_pre_block_keeps_its_text_and_the_rest_its_breaks() {
        let text = |html: &str| html_to_text(&autop(html));
        assert_eq!(
            text(
                "My settings:\n\n<pre>temp = 93\n\ngrind = 18</pre>\n\nDoes that help?\nCheers,\nBen"
            ),
            "My settings:\n\ntemp = 93\n\ngrind = 18\n\nDoes that help?\nCheers,\nBen"
        );
        // An unclosed `<pre>` keeps the rest; `<preview>` is no `<pre>`.
        assert_eq!(
            autop("a\nb\n<PRE class=x>c\nd"),
            "<p>a<br>b</p><PRE class=x>c\nd"
        );
        assert_eq!(autop("a\n<preview>b"), "<p>a<br><preview>b</p>");
    }

    /// The format's own tags, for the tag soup.
    const TAGS: &[&str] = &[
        "<rss>",
        "</rss>",
        "<channel>",
        "</channel>",
        "<item>",
        "</item>",
        "<title>",
        "</title>",
        "<link>",
        "</link>",
        "<wp:post_id>",
        "</wp:post_id>",
        "<wp:comment>",
        "</wp:comment>",
        "<wp:comment_id>",
        "</wp:comment_id>",
        "<wp:comment_date_gmt>",
        "</wp:comment_date_gmt>",
        "<wp:comment_date>",
        "</wp:comment_date>",
        "<wp:comment_content>",
        "</wp:comment_content>",
        "<wp:comment_approved>",
        "</wp:comment_approved>",
        "<wp:comment_type>",
        "</wp:comment_type>",
        "<wp:comment_parent>",
        "</wp:comment_parent>",
        "<wp:comment_user_id>",
        "</wp:comment_user_id>",
        "<wp:author>",
        "</wp:author>",
        "<wp:author_id>",
        "</wp:author_id>",
        "<wp:author_login>",
        "</wp:author_login>",
        "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">",
        "<x:rss xmlns:x=\"y\">",
        "<wp:comment/>",
    ];

    never_panics!([WordPress], &[EXPORT_1, EXPORT_2, HOSTILE_DTD]);

    proptest! {
        #[test]
        fn never_panics_on_tag_soup(bytes in xml_soup(TAGS)) {
            survives(&[&WordPress], &bytes);
        }
    }
}
