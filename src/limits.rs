//! How long a reply each platform takes, and how it counts a reply's
//! length: the reply editor's count.

use crate::analysis::scan::find_mentions;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// How long a reply each platform takes, by its own count
/// ([`reply_length`]). Mastodon's is a server's default: yours may take
/// more (`[reply_limits]` in the config).
pub const REPLY_LIMITS: [(&str, usize); 9] = [
    ("x", 280),
    ("bluesky", 300),
    ("mastodon", 500),
    ("threads", 500),
    ("instagram", 2_200),
    ("facebook", 8_000),
    ("youtube", 10_000),
    ("reddit", 10_000),
    ("github", 65_536),
];

/// What a link counts on the platforms that count every link alike
/// (Mastodon's `characters_reserved_per_url`, X's `transformedURLLength`).
const LINK: usize = 23;

/// The length of `text` as `platform` counts it against its limit:
/// characters as a reader sees them (a family emoji is one), but Mastodon
/// counts a link as 23 and a remote `@user@server` as `@user`, and X weighs
/// as its twitter-text does: a link 23, an emoji 2, a character of the
/// scripts before U+1100 and of general punctuation 1, any other 2.
pub fn reply_length(platform: &str, text: &str) -> usize {
    match platform.trim().to_lowercase().as_str() {
        "mastodon" => links_as_23(text, Links::Mastodon, count_mentions_short),
        // twitter-text counts the text composed (NFC).
        "x" | "twitter" => links_as_23(&text.nfc().collect::<String>(), Links::X, x_weight),
        _ => text.graphemes(true).count(),
    }
}

/// Where a link ends, by the rules of the code that counts it.
#[derive(Clone, Copy)]
enum Links {
    /// twitter-text's: a path of ASCII, Latin and Cyrillic characters,
    /// ending on a letter, a digit or one of `=_#/+-`.
    X,
    /// Mastodon's own (its `twitter_regex.rb`): a path of any character but
    /// spaces, not ending on one of `!*';:=,.$%[]~&|@`.
    Mastodon,
}

/// `count` of the text between the links, and 23 for each link.
fn links_as_23(text: &str, rules: Links, count: impl Fn(&str) -> usize) -> usize {
    let mut n = 0;
    let mut at = 0;
    for link in scheme_links(text, rules) {
        n += count(&text[at..link.start]) + LINK;
        at = link.end;
    }
    n + count(&text[at..])
}

/// The links of `text` written with their scheme, as the platform's code
/// finds them: from `http://` or `https://` not inside a word (after a
/// letter of another script it starts one), over a host and, when a `/`,
/// `?`, `#` or `:` follows it, a path of the characters the rules take.
/// An address without its scheme counts as written (X's count of one
/// with a known domain is 23: near).
fn scheme_links(text: &str, rules: Links) -> Vec<Range<usize>> {
    // ASCII lower-casing keeps every byte offset.
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find("http") {
        let start = from + found;
        let Some(scheme) = ["https://", "http://"]
            .iter()
            .find(|s| lower[start..].starts_with(*s))
            .map(|s| s.len())
        else {
            from = start + 4;
            continue;
        };
        let body = start + scheme;
        let inside_word = text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '#' | '$' | '/'));
        let host = body
            + text[body..]
                .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '.' | '_')))
                .unwrap_or(text.len() - body);
        let mut end = host;
        if text[host..].starts_with(['/', '?', '#', ':']) {
            end += text[host..]
                .find(|c| !in_path(c, rules))
                .unwrap_or(text.len() - host);
        }
        // A closing bracket ends one only when the link opened it (a
        // Wikipedia page's name), not when it closes the sentence's.
        let unbalanced = |link: &str| link.matches('(').count() < link.matches(')').count();
        while let Some(last) = text[body..end].chars().next_back()
            && (!ends_link(last, rules) || (last == ')' && unbalanced(&text[body..end])))
        {
            end -= last.len_utf8();
        }
        if !inside_word && end > body {
            out.push(start..end);
        }
        from = end.max(body);
    }
    out
}

/// Whether `c` may be in a link's path.
fn in_path(c: char, rules: Links) -> bool {
    match rules {
        Links::X => {
            (c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '\\' | '^'))
                || matches!(u32::from(c), 0xC0..=0x24F | 0x300..=0x36F | 0x400..=0x4FF | 0x1E00..=0x1EFF)
        }
        Links::Mastodon => !c.is_whitespace(),
    }
}

/// Whether a link may end on `c`.
fn ends_link(c: char, rules: Links) -> bool {
    match rules {
        Links::X => c.is_alphanumeric() || matches!(c, '=' | '_' | '#' | '/' | '+' | '-' | ')'),
        Links::Mastodon => !matches!(
            c,
            '!' | '*'
                | '\''
                | ';'
                | ':'
                | '='
                | ','
                | '.'
                | '$'
                | '%'
                | '['
                | ']'
                | '~'
                | '&'
                | '|'
                | '@'
        ),
    }
}

/// Characters, each `@user@server` counted as `@user`.
fn count_mentions_short(text: &str) -> usize {
    let mut n = 0;
    let mut at = 0;
    for m in find_mentions(text) {
        let mention = &text[m.clone()];
        let local = match mention.get(1..).and_then(|rest| rest.find('@')) {
            Some(second) => &mention[..second + 1],
            None => mention,
        };
        n += text[at..m.start].graphemes(true).count() + local.graphemes(true).count();
        at = m.end;
    }
    n + text[at..].graphemes(true).count()
}

/// twitter-text's weights (its v3 configuration).
fn x_weight(text: &str) -> usize {
    text.graphemes(true)
        .map(|g| {
            if g.chars().any(crate::text::is_emoji) {
                2
            } else {
                g.chars()
                    .map(|c| match u32::from(c) {
                        0..=4351 | 8192..=8205 | 8208..=8223 | 8242..=8247 => 1,
                        _ => 2,
                    })
                    .sum()
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::reply_length;

    #[test]
    fn most_platforms_count_what_a_reader_sees() {
        assert_eq!(reply_length("bluesky", "thanks 👨‍👩‍👧 é"), 10);
        assert_eq!(
            reply_length("youtube", "https://example.com/a/long/path"),
            31
        );
    }

    /// Mastodon: a link is 23, a remote mention its local part.
    #[test]
    fn mastodon_counts_links_and_remote_mentions_short() {
        let link = "https://example.com/".to_owned() + &"a".repeat(100);
        assert_eq!(
            reply_length("mastodon", &format!("Details: {link}")),
            9 + 23
        );
        assert_eq!(
            reply_length("Mastodon", "@erin@mstdn.jp hi"),
            "@erin hi".len()
        );
        assert_eq!(reply_length("mastodon", "@erin hi"), 8);
        // An address without its scheme counts as written.
        assert_eq!(reply_length("mastodon", "www.example.com/abc"), 19);
    }

    /// X: twitter-text's weights.
    #[test]
    fn x_weighs_links_emoji_and_scripts() {
        assert_eq!(reply_length("x", "hello"), 5);
        assert_eq!(reply_length("x", "日本語"), 6);
        assert_eq!(reply_length("x", "hi 👍🏽"), 5);
        assert_eq!(
            reply_length("x", "see https://example.com/a/b/c/d/e/f/g/h"),
            4 + 23
        );
        // Decomposed "é" is one character once composed.
        assert_eq!(reply_length("x", "e\u{301}"), 1);
        assert_eq!(reply_length("twitter", "a—b"), 3);
        // A Japanese sentence right after a link is no part of it; a link
        // right after one is a link.
        let after = format!("詳細 https://example.com/a。{}", "あ".repeat(150));
        assert_eq!(reply_length("x", &after), 2 * 2 + 1 + 23 + 2 + 150 * 2);
        let before = format!("詳細はhttps://example.com/{}", "a".repeat(100));
        assert_eq!(reply_length("x", &before), 3 * 2 + 23);
        assert_eq!(reply_length("mastodon", &before), 3 + 23);
        // A sentence's full stop ends it; a scheme inside a word starts none.
        assert_eq!(reply_length("x", "see https://example.com/a."), 4 + 23 + 1);
        assert_eq!(reply_length("x", "xhttps://a.b"), 12);
        // Where a link ends, on both.
        for platform in ["x", "mastodon"] {
            for (text, rest) in [
                ("https://example.com's", 2),
                ("https://example.com,a,b,c", 6),
                (&*format!("https://example.com/a{}", "~".repeat(20)), 20),
                ("https://en.wikipedia.org/wiki/Rust_(lang)", 0),
                ("(see https://example.com/a)", 6),
            ] {
                assert_eq!(
                    reply_length(platform, text),
                    23 + rest,
                    "{platform}: {text}"
                );
            }
        }
        assert_eq!(
            reply_length("x", "https://vi.wikipedia.org/wiki/Việt_Nam"),
            23
        );
        // Mastodon's path takes any script.
        let ja = format!("https://example.com/a。{}", "あ".repeat(480));
        assert_eq!(reply_length("mastodon", &ja), 23);
    }
}
