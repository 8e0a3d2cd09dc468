//! Small helpers that importers of any kind share (XML or JSON, streamed or
//! read whole), kept here so that each is written once: the byte probes of
//! `Format::detect`, a thread title made from a post's text, and the author
//! of a comment that names none.

use crate::import::format::Skipped;
use std::borrow::Cow;

/// `s` with `&amp;`, `&lt;` and `&gt;` undone (and nothing else), in one
/// pass (`&amp;lt;` is `&lt;`): the escaping of Reddit's legacy JSON and of
/// X's post text.
pub(crate) fn unescape_markup(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (c, len) = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>')]
            .into_iter()
            .find(|(entity, _)| tail.starts_with(entity))
            .map_or(('&', 1), |(entity, c)| (c, entity.len()));
        out.push(c);
        rest = &tail[len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether `needle` (not empty) occurs in `haystack`.
pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && memchr::memmem::find(haystack, needle).is_some()
}

/// The head with ASCII whitespace removed, so detection ignores formatting.
pub(crate) fn squash(head: &[u8]) -> Vec<u8> {
    head.iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect()
}

/// The head without whitespace (see [`squash`]) when it opens a JSON object
/// or array, for detecting formats by the keys they use.
pub(crate) fn json_head(head: &[u8]) -> Option<Vec<u8>> {
    let head = squash(head);
    matches!(head.first(), Some(b'{' | b'[')).then_some(head)
}

/// The author of a comment the platform names nobody for (Facebook's `from`
/// left out, a closed YouTube channel). Not a valid id, handle or username on
/// any platform, so it never matches a real account.
pub const UNKNOWN_AUTHOR: &str = "(unknown)";

/// A guest who left no name and no e-mail, as WordPress shows them.
const NAMELESS: &str = "Anonymous";

/// The author of a comment that names none: its e-mail, else `Anonymous`,
/// as WordPress shows it. Every such guest without an e-mail is one person:
/// the export has nothing else to tell them apart by.
pub(crate) fn nameless(email: Option<&str>) -> &str {
    email.unwrap_or(NAMELESS)
}

/// Whether an author is an account's number or id, which is no one's name
/// to call them by: Facebook's numbers, a YouTube channel id (`UC` and 22
/// letters, the author of a comment whose channel shows no handle), a
/// Bluesky DID (the author whose handle is `handle.invalid`).
pub fn is_account_id(platform: &str, author: &str) -> bool {
    let channel_id = |a: &str| {
        a.len() == 24
            && a.starts_with("UC")
            && a.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    crate::text::is_number(author)
        || platform == "youtube" && channel_id(author)
        || author.starts_with("did:plc:")
        || author.starts_with("did:web:")
}

/// Whether an author stands for no name a reply could call them by: one the
/// platform withheld, or a guest who left none (a WordPress or a Disqus one).
pub fn names_nobody(author: &str) -> bool {
    let guest = author.strip_suffix(" (guest)").unwrap_or(author);
    author == UNKNOWN_AUTHOR || guest == NAMELESS
}

/// Whether an author stands for strangers, not one person: one the
/// platform withheld, or WordPress's and Disqus's guests who left no name.
/// (An account named "Anonymous" elsewhere is one person.)
pub fn strangers(platform: &str, author: &str) -> bool {
    author == UNKNOWN_AUTHOR || GUESTS.contains(&platform) && names_nobody(author)
}

/// The platforms whose guests leave a name, or none (see [`nameless`]).
const GUESTS: [&str; 2] = ["wordpress", "disqus"];

/// [`strangers`] in SQL, of the columns `platform` and `author`.
pub(crate) fn strangers_sql(platform: &str, author: &str) -> String {
    format!(
        "({author} = '{UNKNOWN_AUTHOR}' OR {platform} IN ('{}', '{}') \
         AND {author} IN ('{NAMELESS}', '{NAMELESS} (guest)'))",
        GUESTS[0], GUESTS[1]
    )
}

/// The start of `s` to cut it at, with room for a "…" after: whole
/// characters (an emoji of several code points, a letter and its accents),
/// fewer than `graphemes` of them and of `chars` code points; else (one
/// character of more code points) its first code points.
pub(crate) fn whole_prefix(s: &str, graphemes: usize, chars: usize) -> &str {
    use unicode_segmentation::UnicodeSegmentation;
    let (mut end, mut count) = (0, 0);
    for g in s.graphemes(true).take(graphemes - 1) {
        count += g.chars().count();
        if count >= chars {
            break;
        }
        end += g.len();
    }
    if end == 0 {
        end = s.char_indices().nth(chars - 1).map_or(s.len(), |(i, _)| i);
    }
    &s[..end]
}

/// The first non-empty line of a text, cut to about 80 characters, each
/// whole (an emoji of several code points, a letter and its accents), and
/// to at most 320 code points (a character can carry any number of marks).
/// Any line break ends a line: a caption typed on a phone breaks its lines
/// with U+2028 as often as with `\n`.
pub(crate) fn title_of(text: &str) -> Option<String> {
    use unicode_segmentation::UnicodeSegmentation;
    const MAX: usize = 80;
    const MAX_CHARS: usize = 4 * MAX;
    let line = text
        .split(crate::text::ends_line)
        .map(str::trim)
        .find(|l| !l.is_empty())?;
    if line.graphemes(true).nth(MAX).is_none() && line.chars().nth(MAX_CHARS).is_none() {
        return Some(line.to_owned());
    }
    let cut = whole_prefix(line, MAX, MAX_CHARS);
    // At a word boundary when there is one near the end.
    let cut = match cut.rfind(' ') {
        Some(i) if cut[..i].graphemes(true).count() >= MAX - 20 => &cut[..i],
        _ => cut,
    };
    Some(format!("{}…", cut.trim_end()))
}

/// A Markdown body with each image (`![alt](dest)`, outside code) written
/// as `shown(dest, alt)` says (the alt trimmed), or kept where it says
/// none: images are not the writer's words, and a destination read as
/// text is a bare link.
pub(crate) fn markdown_images(
    body: &str,
    shown: impl Fn(&str, &str) -> Option<String>,
) -> Cow<'_, str> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    if !body.contains("![") {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    // `body[..done]` is written; an image being read: its place, its
    // destination and its alt text so far.
    let mut done = 0;
    let mut image: Option<(std::ops::Range<usize>, String, String)> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match (&mut image, event) {
            (None, Event::Start(Tag::Image { dest_url, .. })) => {
                image = Some((range, dest_url.into_string(), String::new()));
            }
            (Some((_, _, alt)), Event::Text(text) | Event::Code(text)) => alt.push_str(&text),
            (Some((place, dest, alt)), Event::End(TagEnd::Image)) => {
                if let Some(text) = shown(dest, alt.trim()).filter(|_| place.start >= done) {
                    out.push_str(&body[done..place.start]);
                    out.push_str(&text);
                    done = place.end;
                }
                image = None;
            }
            _ => {}
        }
    }
    if done == 0 {
        return Cow::Borrowed(body);
    }
    out.push_str(&body[done..]);
    Cow::Owned(out)
}

/// What an attachment without a description is written as, `[kind]`.
pub const ATTACHMENT_KINDS: &[&str] = &[
    "image",
    "photo",
    "video",
    "audio",
    "GIF",
    "sticker",
    "link",
    "attachment",
];

/// `text` and a line for what is attached to it, written as an HTML
/// image is (`[its description]`), or by its kind (`[image]`, `[video]`:
/// one of [`ATTACHMENT_KINDS`]) when it has none: a photo sent in reply is
/// something the person wrote, not an empty comment. A sticker or a GIF is
/// always written by its kind: sent alone, it is an emoji (whose title,
/// "Thank You GIF", is nobody's words), and flagged so.
pub(crate) fn with_attachments<'a>(
    text: String,
    attached: impl IntoIterator<Item = (Option<&'a str>, &'a str)>,
) -> String {
    let marks: Vec<String> = attached
        .into_iter()
        .map(|(description, kind)| {
            debug_assert!(ATTACHMENT_KINDS.contains(&kind), "{kind}");
            let description = (description.map(str::trim))
                .filter(|d| !d.is_empty() && !matches!(kind, "GIF" | "sticker"));
            format!("[{}]", description.unwrap_or(kind))
        })
        .collect();
    match (text.trim().is_empty(), marks.is_empty()) {
        (_, true) => text,
        (true, false) => marks.join(" "),
        (false, false) => format!("{text}\n{}", marks.join(" ")),
    }
}

/// `host` of `scheme://host/…` (with its port, as written).
pub(crate) fn host(uri: &str) -> Option<&str> {
    let rest = uri.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then_some(host)
}

/// Whether a whole JSON file holds no records: an API page with nothing
/// new (`[]`, `{"data":[],"paging":{…}}`, a listing whose children are
/// `[]`), or several such pages. A lone object with no list at all is
/// not one: it is a record of some format; nor is an object with an `id`
/// (a Bluesky post: a `uri`) or a time it was made, whatever its lists: a
/// record whose own lists are empty (an HN comment without replies, an
/// issue without labels, `gh issue view --json` of one without comments).
pub(crate) fn is_empty_page(file: &[u8]) -> bool {
    use serde_json::Value;
    /// Some list in it, and every list in it empty (an object in a list
    /// is a record).
    fn lists_empty(v: &Value) -> Option<bool> {
        match v {
            Value::Array(a) => Some(
                a.iter()
                    .all(|v| v.is_array() && lists_empty(v) == Some(true)),
            ),
            Value::Object(o)
                if ["id", "uri", "createdAt", "created_at"]
                    .iter()
                    .any(|k| o.contains_key(*k)) =>
            {
                Some(false)
            }
            Value::Object(o) => o.values().filter_map(lists_empty).reduce(|a, b| a && b),
            _ => None,
        }
    }
    let mut values = serde_json::Deserializer::from_slice(file).into_iter::<Value>();
    let mut any = false;
    values.all(|v| {
        any = true;
        v.ok().as_ref().and_then(lists_empty) == Some(true)
    }) && any
}

/// The format of a file with nothing in it: it imports nothing.
pub(crate) struct Empty;

impl crate::import::format::Format for Empty {
    fn name(&self) -> &'static str {
        "empty"
    }

    fn detect(&self, head: &[u8]) -> bool {
        head.iter().all(u8::is_ascii_whitespace) || is_empty_page(head)
    }

    fn read(
        &self,
        _input: &mut dyn std::io::BufRead,
        _sink: &mut crate::import::format::Sink<'_>,
        _skipped: &mut Skipped,
    ) -> Result<(), crate::import::format::ImportError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_cut_between_whole_characters() {
        let family = "👩\u{200d}👩\u{200d}👧\u{200d}👦";
        for n in 70..=81 {
            let text = format!("{}{family}🇩🇪 and more words here", "x".repeat(n));
            let title = title_of(&text).unwrap();
            let kept = title.strip_suffix('…').unwrap();
            let whole =
                unicode_segmentation::UnicodeSegmentation::grapheme_indices(text.as_str(), true)
                    .any(|(i, _)| i == kept.trim_end().len());
            assert!(text.starts_with(kept) && whole, "{n}: {title}");
        }
        // A character with 20,000 marks: cut within the limit of code points.
        let zalgo = format!("Z{} sale", "\u{301}".repeat(20_000));
        assert!(title_of(&zalgo).unwrap().chars().count() <= 320);
        let marked = format!("{} tail", "e\u{301}".repeat(100));
        let title = title_of(&marked).unwrap();
        assert!(title.chars().count() <= 320 && title.starts_with("e\u{301}e"));
        // Short enough: whole; a word boundary near the end is preferred.
        assert_eq!(title_of("\n  Hello 👋 \nmore").as_deref(), Some("Hello 👋"));
        for br in [
            "\r", "\r\n", "\u{b}", "\u{c}", "\u{85}", "\u{2028}", "\u{2029}",
        ] {
            let text = format!("{br}Winter blend ☕{br}{br}Order now");
            assert_eq!(
                title_of(&text).as_deref(),
                Some("Winter blend ☕"),
                "{br:?}"
            );
        }
        let long = format!("{} tail", "word ".repeat(17));
        assert_eq!(
            title_of(&long).unwrap(),
            format!("{}…", "word ".repeat(15).trim_end())
        );
    }

    #[test]
    fn empty_pages_hold_no_records() {
        for empty in [
            "[]",
            " [ ]\n",
            "[][]",
            "[[]]",
            r#"{"data":[]}"#,
            r#"{"data":[],"paging":{"cursors":{"before":"a","after":"b"}}}"#,
            r#"{"kind":"Listing","data":{"children":[],"after":null}}"#,
            "{\"items\":[]}\n{\"items\":[]}\n",
        ] {
            assert!(is_empty_page(empty.as_bytes()), "{empty}");
        }
        for not in [
            "",
            "{}",
            r#"{"id":"1","body":"hi"}"#,
            r#"[{"id":"1"}]"#,
            r#"{"data":[{"id":"1"}],"paging":{}}"#,
            r#"{"id":1,"children":[{"id":2,"children":[]}]}"#,
            "[] [{\"id\":1}]",
            "[] not json",
            "[",
            // Records whose own lists are empty: an HN leaf comment, a
            // GitHub issue, a Bluesky thread without replies.
            r#"{"author":"x","children":[],"id":7,"options":[],"story_id":1}"#,
            r#"{"id":1,"number":2,"labels":[],"assignees":[]}"#,
            r#"{"thread":{"post":{"uri":"at://x","labels":[]},"replies":[]}}"#,
            r#"{"author":{"login":"a"},"body":"hi","comments":[],"createdAt":"2026-11-01T10:00:00Z"}"#,
        ] {
            assert!(!is_empty_page(not.as_bytes()), "{not}");
        }
    }
}
