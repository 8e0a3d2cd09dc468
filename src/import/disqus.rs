//! Disqus's XML export (Admin → Moderation → Export, mailed as a `.xml.gz`;
//! unzip it first): a `<disqus>` root with `<category>`, `<thread dsq:id>` and
//! `<post dsq:id>` elements.
//!
//! Threads come before the posts that point at them, so only a small map of
//! thread id → (title, link) is kept; posts are streamed one at a time.
//! Deleted and spam posts are skipped and counted. Entities declared in a DTD
//! are never expanded (see `xml`, shared with this importer).

use super::shared::{contains, nameless};
use super::xml::{self, Element, Open, Text, non_empty};
use crate::import::format::{Format, ImportError, Position, Sink, Skipped};
use crate::model::Record;
use crate::text::html_to_text;
use chrono::{DateTime, NaiveDateTime, Utc};
use std::collections::HashMap;
use std::io::BufRead;

/// The Disqus XML export.
pub struct Disqus;

const PLATFORM: &str = "disqus";
const NS: &str = "http://disqus.com";
/// The namespace of the `dsq:id` attribute.
const INTERNALS_NS: &str = "http://disqus.com/disqus-internals";

impl Format for Disqus {
    fn name(&self) -> &'static str {
        PLATFORM
    }

    fn detect(&self, head: &[u8]) -> bool {
        xml::starts_with_markup(head)
            && contains(head, NS.as_bytes())
            && xml::root_is(head, b"disqus")
    }

    /// A guest's author is the name they typed (see `author_ids`).
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
    Root,
    Thread,
    Post,
    /// `<author>` inside a post.
    Author,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    ThreadTitle,
    ThreadLink,
    Message,
    CreatedAt,
    IsDeleted,
    IsSpam,
    Name,
    Username,
    Email,
}

#[derive(Default)]
struct Thread {
    id: Option<String>,
    title: Option<String>,
    link: Option<String>,
}

#[derive(Default)]
struct Post {
    id: Option<String>,
    pos: Option<Position>,
    thread: Option<String>,
    parent: Option<String>,
    message: Option<Text>,
    created_at: Option<Text>,
    is_deleted: Option<Text>,
    is_spam: Option<Text>,
    name: Option<Text>,
    username: Option<Text>,
    email: Option<Text>,
}

#[derive(Default)]
struct Parser {
    thread: Thread,
    /// dsq:id -> (title, link) of every thread seen so far.
    threads: HashMap<String, (Option<String>, Option<String>)>,
    post: Post,
}

fn in_ns(el: &Element) -> bool {
    // The default namespace is http://disqus.com; a file without it is read the same.
    match &el.ns {
        Some(ns) => ns == NS,
        None => el.prefix.is_none(),
    }
}

fn dsq_id(el: &Element) -> Result<Option<String>, ImportError> {
    Ok(el
        .attr(INTERNALS_NS, "dsq", "id")?
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty()))
}

impl xml::Handler for Parser {
    const NAME: &'static str = "a Disqus export";
    const ROOT: &'static str = "disqus";
    type Tag = Tag;
    type Field = Field;
    const ROOT_TAG: Tag = Tag::Root;

    fn in_root_namespace(el: &Element) -> bool {
        in_ns(el)
    }

    fn open(&mut self, parent: Tag, el: &Element) -> Result<Open<Tag, Field>, ImportError> {
        if !in_ns(el) {
            return Ok(Open::Other);
        }
        Ok(match (parent, el.local.as_str()) {
            (Tag::Root, "thread") => {
                self.thread = Thread {
                    id: dsq_id(el)?,
                    ..Thread::default()
                };
                Open::Tag(Tag::Thread)
            }
            (Tag::Root, "post") => {
                self.post = Post {
                    id: dsq_id(el)?,
                    pos: Some(el.pos.clone()),
                    ..Post::default()
                };
                if self.post.id.is_none() {
                    return Err(ImportError::at(el.pos.clone(), "post@dsq:id", "missing"));
                }
                Open::Tag(Tag::Post)
            }
            (Tag::Thread, "title") => Open::Field(Field::ThreadTitle),
            (Tag::Thread, "link") => Open::Field(Field::ThreadLink),
            (Tag::Post, "message") => Open::Field(Field::Message),
            (Tag::Post, "createdAt") => Open::Field(Field::CreatedAt),
            (Tag::Post, "isDeleted") => Open::Field(Field::IsDeleted),
            (Tag::Post, "isSpam") => Open::Field(Field::IsSpam),
            (Tag::Post, "author") => Open::Tag(Tag::Author),
            (Tag::Post, "thread") => {
                self.post.thread = dsq_id(el)?;
                Open::Other
            }
            (Tag::Post, "parent") => {
                self.post.parent = dsq_id(el)?;
                Open::Other
            }
            (Tag::Author, "name") => Open::Field(Field::Name),
            (Tag::Author, "username") => Open::Field(Field::Username),
            (Tag::Author, "email") => Open::Field(Field::Email),
            _ => Open::Other,
        })
    }

    fn store(&mut self, field: Field, value: Text) {
        let p = &mut self.post;
        match field {
            Field::ThreadTitle => self.thread.title = Some(value.0),
            Field::ThreadLink => self.thread.link = Some(value.0),
            Field::Message => p.message = Some(value),
            Field::CreatedAt => p.created_at = Some(value),
            Field::IsDeleted => p.is_deleted = Some(value),
            Field::IsSpam => p.is_spam = Some(value),
            Field::Name => p.name = Some(value),
            Field::Username => p.username = Some(value),
            Field::Email => p.email = Some(value),
        }
    }

    fn close(
        &mut self,
        tag: Tag,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        match tag {
            Tag::Thread => {
                let t = std::mem::take(&mut self.thread);
                if let Some(id) = t.id {
                    self.threads.insert(id, (t.title, t.link));
                }
            }
            Tag::Post => {
                let post = std::mem::take(&mut self.post);
                let id = post.id.as_deref().unwrap_or_default();
                if flag(&post.is_deleted, "isDeleted")? {
                    skipped.gone("deleted", PLATFORM, id);
                } else if flag(&post.is_spam, "isSpam")? {
                    skipped.gone("spam", PLATFORM, id);
                } else {
                    let (record, pos) = self.record(post)?;
                    sink(record, pos)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl Parser {
    fn record(&self, post: Post) -> Result<(Record, Position), ImportError> {
        let pos = post.pos.unwrap_or(Position::Byte(0));
        let id = post.id.unwrap_or_default();
        let created_at = match &post.created_at {
            None => return Err(ImportError::at(pos, "createdAt", "missing")),
            Some((text, at)) => parse_time(text.trim()).ok_or_else(|| {
                ImportError::at(
                    at.clone(),
                    "createdAt",
                    format!(
                        "{} is not a time like 2013-07-04T02:44:47Z",
                        crate::text::quoted(text.trim())
                    ),
                )
            })?,
        };
        if post.name.is_none() && post.username.is_none() {
            return Err(ImportError::at(
                pos,
                "author",
                "no <name> and no <username>",
            ));
        }
        let name = non_empty(&post.name);
        let email = non_empty(&post.email);
        let username = non_empty(&post.username);
        // A guest types any name, a registered user's username too: marked
        // as a guest, they are never that user (their history, VIP tag, note).
        // A guest may leave the name empty: named as WordPress names such a comment.
        let author = match username {
            Some(username) => username.to_owned(),
            None => format!("{} (guest)", name.unwrap_or_else(|| nameless(email))),
        };
        let body = post
            .message
            .as_ref()
            .map(|(html, _)| html_to_text(html))
            .unwrap_or_default();

        let mut r = Record::new(PLATFORM, &id, &author, &body, created_at);
        r.author_name = name.map(str::to_owned);
        // Only a registered account is recognised as the owner's: a guest
        // types any name and any e-mail address, the owner's too.
        if let Some(username) = username {
            r.author_ids.push(username.to_owned());
            r.author_ids.extend(email.map(str::to_owned));
        }
        r.parent_id = post.parent;
        if let Some(thread) = post.thread {
            if let Some((title, link)) = self.threads.get(&thread) {
                // Plain text (a page's title: `Vec<T>` is no tag), but sites
                // (WordPress's Disqus plugin) often send it HTML-escaped.
                r.thread_title = title
                    .as_deref()
                    .map(crate::text::entities_decoded)
                    .filter(|t| !t.trim().is_empty());
                let link = link.as_deref().map(str::trim).filter(|l| !l.is_empty());
                r.thread_url = link.map(str::to_owned);
                // The comment's anchor replaces a fragment the thread's
                // address has (`#disqus_thread`, which embeds link to), but
                // one that routes to the page (`#!/post/5`) is the page.
                r.url = link.map(|l| match l.split_once('#') {
                    Some((_, route)) if route.starts_with(['!', '/']) => l.to_owned(),
                    Some((page, _)) => format!("{page}#comment-{id}"),
                    None => format!("{l}#comment-{id}"),
                });
            }
            r.thread_id = Some(thread);
        }
        Ok((r, pos))
    }
}

/// `true`/`false` (missing or empty is false).
fn flag(v: &Option<Text>, field: &str) -> Result<bool, ImportError> {
    match v {
        None => Ok(false),
        Some((text, at)) => match text.trim() {
            "true" | "1" => Ok(true),
            "false" | "0" | "" => Ok(false),
            other => Err(ImportError::at(
                at.clone(),
                field,
                format!("{} is not true or false", crate::text::quoted(other)),
            )),
        },
    }
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
                .ok()
                .map(|t| t.and_utc())
        })
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

    const EXPORT: &[u8] = fixture!("disqus/export.xml");
    const SECOND: &[u8] = fixture!("disqus/export-2.xml");
    const HOSTILE_DTD: &[u8] = fixture!("disqus/entities.xml");

    fn read(bytes: &[u8]) -> Result<Read, ImportError> {
        test_support::read(&Disqus, bytes)
    }

    fn records(bytes: &[u8]) -> Vec<Record> {
        test_support::records(&Disqus, bytes).0
    }

    #[test]
    fn reads_posts_in_order_and_skips_deleted_and_spam() {
        let (recs, skipped) = read(EXPORT).unwrap();
        let ids: Vec<&str> = recs.iter().map(|(r, _)| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "900000001",
                "900000002",
                "900000003",
                "900000004",
                "900000007",
                "900000008"
            ]
        );
        let expected: std::collections::BTreeMap<String, u64> =
            [("deleted".to_owned(), 1), ("spam".to_owned(), 1)]
                .into_iter()
                .collect();
        assert_eq!(skipped.counts, expected);
        // What an earlier import may have brought in, withdrawn now.
        assert_eq!(
            skipped.gone,
            gone(&[("disqus", "900000005"), ("disqus", "900000006")])
        );
        assert_plain_comments(recs.iter().map(|(r, _)| r), "disqus");
    }

    /// Markup written raw in a message (not escaped, nor in CDATA) keeps
    /// its words, a line break its line.
    #[test]
    fn raw_markup_in_a_message_keeps_its_words() {
        let file = String::from_utf8_lossy(EXPORT).replace(
            "<![CDATA[<p>Thanks Joe! 😊 Try a finer grind.</p>]]>",
            "<p>Thanks <b>Joe</b>!<br/>Try a <em>finer</em> grind.</p>",
        );
        let recs = records(file.as_bytes());
        assert_eq!(
            by_id(&recs, "900000002").body,
            "Thanks Joe!\nTry a finer grind."
        );
    }

    #[test]
    fn threads_parents_and_urls() {
        let recs = records(EXPORT);
        let top = by_id(&recs, "900000001");
        assert_eq!(top.parent_id, None);
        assert_eq!(top.thread_id.as_deref(), Some("5551001"));
        assert_eq!(
            top.thread_title.as_deref(),
            Some("Ten tips for better coffee & tea")
        );
        assert_eq!(
            top.thread_url.as_deref(),
            Some("https://example.com/blog/coffee-tips/")
        );
        assert_eq!(
            top.url.as_deref(),
            Some("https://example.com/blog/coffee-tips/#comment-900000001")
        );
        // A thread linked with its embed's anchor: the comment's replaces
        // it; a page routed by its fragment is linked as it is.
        for (link, url) in [
            (
                "https://example.com/blog/coffee-tips/?id=5&amp;lang=en#disqus_thread",
                "https://example.com/blog/coffee-tips/?id=5&lang=en#comment-900000001",
            ),
            (
                "https://example.com/#!/post/5",
                "https://example.com/#!/post/5",
            ),
        ] {
            let file = String::from_utf8_lossy(EXPORT).replace(
                "https://example.com/blog/coffee-tips/</link>",
                &format!("{link}</link>"),
            );
            let recs = records(file.as_bytes());
            let top = by_id(&recs, "900000001");
            assert_eq!(top.url.as_deref(), Some(url), "{link}");
        }
        assert_eq!(
            by_id(&recs, "900000002").parent_id.as_deref(),
            Some("900000001")
        );
        assert_eq!(
            by_id(&recs, "900000003").parent_id.as_deref(),
            Some("900000002")
        );
        let other = by_id(&recs, "900000007");
        assert_eq!(other.thread_id.as_deref(), Some("5551002"));
        assert_eq!(other.thread_title.as_deref(), Some("お茶の淹れ方"));
        // A post whose thread is not in the file keeps the thread id only.
        let orphan = by_id(&recs, "900000008");
        assert_eq!(orphan.thread_id.as_deref(), Some("5559999"));
        assert_eq!(
            (orphan.thread_title.as_deref(), orphan.url.as_deref()),
            (None, None)
        );
    }

    #[test]
    fn authors() {
        let recs = records(EXPORT);
        let joe = by_id(&recs, "900000001");
        assert_eq!(joe.author, "joe_brews");
        assert_eq!(joe.author_name.as_deref(), Some("Joe O'Brien"));
        assert_eq!(joe.author_ids, ["joe_brews"]);
        // The site owner (recognised by the configured username).
        let own = by_id(&recs, "900000002");
        assert_eq!(own.author, "examplecoffee");
        assert_eq!(own.author_name.as_deref(), Some("Example Coffee Co."));
        assert_eq!(own.own, None);
        // A guest: no username, the name is the author; the e-mail an older
        // export gives is theirs to type, so no id the owner's could match.
        let guest = by_id(&recs, "900000003");
        assert_eq!(guest.author, "مريم (guest)");
        assert_eq!(guest.author_name.as_deref(), Some("مريم"));
        assert!(guest.author_ids.is_empty());
    }

    /// A post by `author` (the inside of its `<author>`, or no `<author>` at all).
    fn post_by(author: Option<&str>) -> Result<Read, ImportError> {
        let author = author.map_or(String::new(), |a| format!("<author>{a}</author>"));
        read(
            format!(
                r#"<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
<post dsq:id="901"><message>hi</message><createdAt>2015-06-03T00:00:00Z</createdAt>{author}</post>
</disqus>"#
            )
            .as_bytes(),
        )
    }

    /// Real exports hold guests who left the name empty: named as WordPress
    /// names such a comment, by the e-mail or else "Anonymous".
    #[test]
    fn a_guest_without_a_name_is_anonymous() {
        for (author, expected) in [
            (
                "<name></name><isAnonymous>true</isAnonymous>",
                "Anonymous (guest)",
            ),
            (
                "<name/><isAnonymous>true</isAnonymous>",
                "Anonymous (guest)",
            ),
            ("<name> </name><username></username>", "Anonymous (guest)"),
            (
                "<email>g@example.com</email><name></name>",
                "g@example.com (guest)",
            ),
        ] {
            let (recs, _) = post_by(Some(author)).unwrap();
            let r = &recs[0].0;
            assert_eq!(r.author, expected, "{author}");
            assert_eq!(r.author_name, None, "{author}");
        }
        // A guest who types a registered user's username is not them.
        let (recs, _) = post_by(Some(
            "<name>bobreader</name><isAnonymous>true</isAnonymous>",
        ))
        .unwrap();
        assert_eq!(recs[0].0.author, "bobreader (guest)");
        assert_eq!(recs[0].0.author_name.as_deref(), Some("bobreader"));
        // An author with neither element, or no author at all, is not a Disqus post.
        for author in [Some("<isAnonymous>true</isAnonymous>"), None] {
            let err = post_by(author).unwrap_err();
            assert_eq!(err.field.as_deref(), Some("author"), "{author:?}");
            assert!(
                matches!(err.position, Some(Position::LineCol(2, 1))),
                "{err}"
            );
        }
    }

    #[test]
    fn timestamps_and_bodies() {
        let recs = records(EXPORT);
        assert_eq!(
            by_id(&recs, "900000001").created_at,
            ts("2013-07-04T02:44:47Z")
        );
        assert_eq!(
            by_id(&recs, "900000004").created_at,
            ts("2013-07-05T10:00:00Z")
        );
        let body = &by_id(&recs, "900000001").body;
        assert!(body.starts_with("Great tips!"), "{body:?}");
        assert!(body.contains("Tip #3 & #4"), "{body:?}");
        // Disqus's redirect gives way to the address it leads to.
        assert!(
            body.contains("[this grinder](https://shop.example.net/grinder)."),
            "{body:?}"
        );
        assert!(!body.contains('<'), "{body:?}");
        assert_eq!(
            by_id(&recs, "900000002").body,
            "Thanks Joe! 😊 Try a finer grind."
        );
        assert_eq!(by_id(&recs, "900000003").body, "شكرا! مقال رائع");
        assert_eq!(by_id(&recs, "900000007").body, "美味しいお茶をありがとう");
        assert_eq!(by_id(&recs, "900000004").body, "");
    }

    #[test]
    fn several_export_files() {
        let recs = records(SECOND);
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].id, "910000001");
        assert_eq!(recs[0].thread_title.as_deref(), Some("Launch week"));
        assert_eq!(recs[0].created_at, ts("2019-11-02T08:00:00Z"));
    }

    /// A title is the page's text: entities escaped once more are decoded,
    /// angle brackets are no tags.
    #[test]
    fn thread_titles_are_text_not_html() {
        let file = String::from_utf8(SECOND.to_vec()).expect("utf-8").replace(
            "<title>Launch week</title>",
            "<title>Vec&lt;T&gt; &amp;amp; the &lt;template&gt; tag, Caf&amp;#233;</title>",
        );
        let recs = records(file.as_bytes());
        assert_eq!(
            recs[0].thread_title.as_deref(),
            Some("Vec<T> & the <template> tag, Café")
        );
    }

    #[test]
    fn positions_are_line_and_column_of_the_post() {
        assert_positions_at(EXPORT, &read(EXPORT).unwrap().0, "<post dsq:id=");
    }

    #[test]
    fn detects_disqus_only() {
        let not: &[&[u8]] = &[
            br#"{"platform":"disqus","id":"1","author":"a","body":"<disqus xmlns=\"http://disqus.com\">","created_at":"2026-03-01T14:05:00Z"}"#,
            b"platform,id\ndisqus,1\n",
            // A WordPress export of a post about Disqus's export.
            br#"<?xml version="1.0"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title><![CDATA[The <disqus xmlns="http://disqus.com"> file]]></title></channel></rss>"#,
        ];
        assert_detects_only(&Disqus, 300, not);
    }

    #[test]
    fn truncated_file_is_an_error_with_a_position() {
        // (A cut inside a character is said at the file's end: `cut_short`.)
        let ends = (EXPORT.len() / 3..EXPORT.len() - 10).step_by(7);
        for end in ends.filter(|&e| std::str::from_utf8(&EXPORT[..e]).is_ok()) {
            let err = read(&EXPORT[..end]).unwrap_err();
            assert!(err.position.is_some(), "{end}: {err}");
            assert!(err.message.contains("cut short"), "{end}: {err}");
        }
    }

    /// A file forced to this format that is not XML at all (JSON with
    /// markup in its strings) is called what it is.
    #[test]
    fn a_file_that_is_not_xml_says_so() {
        let err = read(br#"  {"html": "<br><disqus>"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "byte 0: not a Disqus export: the file is not XML (it does not start with '<')"
        );
    }

    #[test]
    fn malformed_values_name_field_and_position() {
        let text = String::from_utf8(EXPORT.to_vec()).unwrap();
        let err = read(
            text.replace("2013-07-04T02:44:47Z", "last Tuesday")
                .as_bytes(),
        )
        .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("createdAt"));
        assert!(
            matches!(err.position, Some(Position::LineCol(_, _))),
            "{err}"
        );

        let err = read(
            text.replacen("<isSpam>false</isSpam>", "<isSpam>maybe</isSpam>", 1)
                .as_bytes(),
        )
        .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("isSpam"));

        let err = read(
            text.replacen(r#"<post dsq:id="900000001">"#, "<post>", 1)
                .as_bytes(),
        )
        .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("post@dsq:id"));

        let err = read(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"/>").unwrap_err();
        assert_eq!(err.position, Some(Position::LineCol(2, 1)));
        assert!(read(b"").is_err());
        assert!(
            read(b"<disqus xmlns=\"http://disqus.com\"><post dsq:id=\"1\" dsq:id=\"2\"/></disqus>")
                .is_err()
        );
    }

    #[test]
    fn sink_error_is_returned_unchanged() {
        assert_sink_error_passes_through(&Disqus, EXPORT, 1);
    }

    #[test]
    fn dtd_entities_are_never_expanded() {
        let r = hostile_dtd_record(&Disqus, HOSTILE_DTD);
        assert_eq!(r.author, "&xxe; (guest)");
        assert!(r.body.len() < 20, "{:?}", r.body);
        assert_eq!(r.thread_url.as_deref(), Some("https://example.com/&xxe;"));
        // In the dsq:id attribute too.
        assert_eq!(r.thread_id.as_deref(), Some("&xxe;"));
    }

    /// The format's own tags, for the tag soup.
    const TAGS: &[&str] = &[
        "<disqus xmlns=\"http://disqus.com\" xmlns:dsq=\"http://disqus.com/disqus-internals\">",
        "<disqus>",
        "</disqus>",
        "<thread dsq:id=\"1\">",
        "<thread dsq:id=\"&#x31;\"/>",
        "</thread>",
        "<post dsq:id=\"2\">",
        "<post>",
        "</post>",
        "<title>",
        "</title>",
        "<link>",
        "</link>",
        "<message>",
        "</message>",
        "<createdAt>",
        "</createdAt>",
        "<isDeleted>",
        "</isDeleted>",
        "<isSpam>",
        "</isSpam>",
        "<author>",
        "</author>",
        "<name>",
        "</name>",
        "<username>",
        "</username>",
        "<email>",
        "</email>",
        "<parent dsq:id=\"1\"/>",
        "<parent dsq:id=\"&bad;\"/>",
        "<thread dsq:id=\"&unclosed\"/>",
    ];

    never_panics!([Disqus], &[EXPORT, SECOND, HOSTILE_DTD]);

    proptest! {
        #[test]
        fn never_panics_on_tag_soup(bytes in xml_soup(TAGS)) {
            survives(&[&Disqus], &bytes);
        }
    }
}
