//! Links stored by shape. Most links of a platform are one shape with the
//! item's id (or its last part) and the thread's id in it: the shape is kept
//! once in `url_forms` with markers where the ids go, and SQL rebuilds the
//! link with `ackbox_url(form, id, thread_id)` (see `item_url!`).

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

/// Markers, in the order they are put in and taken out.
const ID: char = '\u{1}';
const THREAD: char = '\u{2}';
const ID_TAIL: char = '\u{3}';
const THREAD_TAIL: char = '\u{4}';
const MARKERS: [char; 4] = [ID, THREAD, ID_TAIL, THREAD_TAIL];

/// What follows the last `_`, `/` or `:` of an id ("t1_k2x9" gives "k2x9"),
/// when that is a part long enough not to match by chance.
fn tail(id: &str) -> Option<&str> {
    let (_, t) = id.rsplit_once(['_', '/', ':'])?;
    (t.len() >= 4).then_some(t)
}

/// The ids to take out of a link, each with its marker. Ids shorter than 3
/// characters are left alone: they would match by chance.
fn parts<'a>(id: &'a str, thread: Option<&'a str>) -> [(char, Option<&'a str>); 4] {
    [
        (ID, Some(id).filter(|i| i.len() >= 3)),
        (THREAD, thread.filter(|t| t.len() >= 3)),
        (ID_TAIL, tail(id)),
        (THREAD_TAIL, thread.and_then(tail)),
    ]
}

/// The link rebuilt from its form, in one pass (every listed link is).
pub(crate) fn expand(form: &str, id: &str, thread: Option<&str>) -> String {
    let parts = parts(id, thread);
    let mut url = String::with_capacity(form.len() + id.len() + thread.map_or(0, str::len));
    // Each piece ends with a marker, but the last may not.
    for piece in form.split_inclusive(MARKERS) {
        let mut chars = piece.chars();
        match chars
            .next_back()
            .and_then(|c| parts.iter().find(|(m, _)| *m == c))
        {
            Some((_, part)) => {
                url.push_str(chars.as_str());
                url.push_str(part.unwrap_or(""));
            }
            None => url.push_str(piece),
        }
    }
    url
}

/// The form of a link, when it has one that rebuilds it exactly.
pub(crate) fn form(url: &str, id: &str, thread: Option<&str>) -> Option<String> {
    if url.contains(MARKERS) {
        return None;
    }
    let mut form = url.to_owned();
    for (marker, part) in parts(id, thread) {
        if let Some(part) = part {
            form = form.replace(part, marker.encode_utf8(&mut [0; 4]));
        }
    }
    (form != url && expand(&form, id, thread) == url).then_some(form)
}

/// Makes `ackbox_url(form, id, thread_id)` known to SQL on this connection.
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "ackbox_url",
        3,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text = |i| ctx.get_raw(i).as_str_or_null();
            let (form, id, thread) = (text(0)?, text(1)?, text(2)?);
            Ok(form.map(|f| expand(f, id.unwrap_or(""), thread)))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_share_a_form_with_the_ids_taken_out() {
        let cases = [
            (
                "https://www.youtube.com/watch?v=DZaPHq5jWot&lc=UgxEp4XmiXYMZ",
                "UgxEp4XmiXYMZ",
                Some("DZaPHq5jWot"),
                "https://www.youtube.com/watch?v=\u{2}&lc=\u{1}",
            ),
            (
                "https://www.reddit.com/r/linux/comments/1000fl/are_your_what/1000648/",
                "t1_1000648",
                Some("t3_1000fl"),
                "https://www.reddit.com/r/linux/comments/\u{4}/are_your_what/\u{3}/",
            ),
            (
                "https://www.facebook.com/alex/posts/900000000087?comment_id=1000000003340",
                "122100000000066_1000000003340",
                Some("100064000000000_900000000087"),
                "https://www.facebook.com/alex/posts/\u{4}?comment_id=\u{3}",
            ),
            (
                "https://bsky.app/profile/rosa.bsky.social/post/3lave2x5nh3j3",
                "at://did:plc:mn5hyjg3/app.bsky.feed.post/3lave2x5nh3j3",
                Some("at://did:plc:alex/app.bsky.feed.post/cre66i9s"),
                "https://bsky.app/profile/rosa.bsky.social/post/\u{3}",
            ),
        ];
        for (url, id, thread, expected) in cases {
            let f = form(url, id, thread);
            assert_eq!(f.as_deref(), Some(expected), "{url}");
            assert_eq!(expand(expected, id, thread), url);
        }
    }

    #[test]
    fn a_form_is_kept_only_when_it_rebuilds_the_link_exactly() {
        // No id in the link, or ids too short to be told from chance.
        assert_eq!(form("https://example.com/p", "123", None), None);
        assert_eq!(form("https://example.com/a/1", "1", Some("a")), None);
        // The thread id inside the item id.
        let url = "https://x.test/abc/abcdef";
        let f = form(url, "abcdef", Some("abc")).expect("a form");
        assert_eq!(expand(&f, "abcdef", Some("abc")), url);
        // A link that already holds a marker is kept as written.
        assert_eq!(form("https://x.test/\u{1}/12345", "12345", None), None);
    }
}
