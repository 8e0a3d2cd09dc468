//! Low-level text scanning shared by the classifiers: URLs, @mentions, word
//! tokens, the punctuation-free "words form" and bounded phrase search.
//!
//! Everything here is total (never panics) and works on byte ranges of the
//! string it was given, so callers can blank spans without re-scanning.

use std::collections::HashSet;
use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use crate::text::fold;

/// Stands for a replaced name or mention while a key is being built. A private
/// use character: no platform text carries it (and `canned_key` removes any
/// that do before using it).
pub(crate) const SENTINEL: char = '\u{E000}';

/// A letter, digit or combining mark: the characters that make up words.
/// `_` is deliberately not one, so `joe_x` has the word `joe` in it (handles
/// join words with `_`, and keys must treat it like any other punctuation).
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || (is_combining_mark(c) && !is_emoji_component(c))
}

/// Marks that belong to emoji, not to words: variation selectors (the `️` in
/// `❤️`) and the keycap. They must not make "❤️" look like a word.
pub(crate) fn is_emoji_component(c: char) -> bool {
    matches!(c as u32, 0xFE00..=0xFE0F | 0xE0100..=0xE01EF | 0x20E3)
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3005 | 0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

/// Bopomofo, written among Han without spaces (Taiwan's `ㄏㄏ`).
pub(crate) fn is_bopomofo(c: char) -> bool {
    matches!(c as u32, 0x3100..=0x312F | 0x31A0..=0x31BF)
}

pub(crate) fn is_hiragana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x309F)
}

/// Katakana letters and the long-vowel mark, not the middle dot `・`, which
/// separates words.
pub(crate) fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

pub(crate) fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7AF | 0xD7B0..=0xD7FF)
}

/// Scripts written without spaces between words: a phrase or name in them is
/// found as a plain substring, since "word boundaries" would never match
/// (`田中さん`, `相互フォローお願いします`, `맞팔해요`).
pub(crate) fn is_unspaced_script(c: char) -> bool {
    is_hangul(c) || is_unspaced_words(c)
}

/// The scripts of [`is_unspaced_script`] but Korean, which spaces its
/// words (a particle joined to one).
pub(crate) fn is_unspaced_words(c: char) -> bool {
    is_han(c)
        || is_bopomofo(c)
        || is_hiragana(c)
        || is_katakana(c)
        || matches!(c as u32,
            0x0E00..=0x0E7F | 0x0E80..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF) // Thai, Lao, Myanmar, Khmer
}

/// Spans of `http(s)://…` and `www.…` links, up to the next space, with
/// trailing sentence punctuation left out.
pub(crate) fn find_urls(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut skip_to = 0;
    for (i, c) in s.char_indices() {
        let free = prev.is_none_or(|p| !is_word_char(p) && !matches!(p, '@' | '.' | '/'));
        if i >= skip_to && free && starts_url(&s[i..]) {
            let rest = &s[i..];
            let len = rest
                .find(|ch: char| ch.is_whitespace() || matches!(ch, '<' | '>' | '"'))
                .unwrap_or(rest.len());
            let trimmed = rest[..len].trim_end_matches(|ch: char| {
                matches!(
                    ch,
                    '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '\'' | '»' | '”' | '’'
                )
            });
            if trimmed.len() > 4 {
                out.push(i..i + trimmed.len());
                skip_to = i + len;
            }
        }
        prev = Some(c);
    }
    out
}

/// The e-mail addresses in `s` (`anna@example.com`): the name in one is no
/// one addressed.
pub(crate) fn find_emails(s: &str) -> Vec<Range<usize>> {
    let local = |c: char| is_word_char(c) || matches!(c, '.' | '_' | '%' | '+' | '-');
    let domain = |c: char| is_word_char(c) || matches!(c, '.' | '-');
    let mut out: Vec<Range<usize>> = Vec::new();
    for (at, _) in s.match_indices('@') {
        let start = s[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| local(c))
            .last()
            .map_or(at, |(i, _)| i);
        let after = &s[at + 1..];
        let len = after.find(|c: char| !domain(c)).unwrap_or(after.len());
        let host = after[..len].trim_end_matches(['.', '-']);
        let dot = host.find('.').is_some_and(|d| d > 0 && d + 1 < host.len());
        if start < at && dot && out.last().is_none_or(|r| r.end <= start) {
            out.push(start..at + 1 + host.len());
        }
    }
    out
}

/// The spans of `urls` (see [`find_urls`]), each grown to the whole
/// markdown link it is the address of, `[text](address)`: the text of a
/// link belongs to the link, so that a disguised link is only a link.
/// Reddit and GitHub bodies write links so, and `text::html_to_text`
/// writes HTML ones so.
pub(crate) fn with_link_texts(s: &str, urls: &[Range<usize>]) -> Vec<Range<usize>> {
    let text_start = |u: &Range<usize>| {
        let before = s[..u.start].strip_suffix("](")?;
        // The nearest of the three, not the last '[' (a search back over
        // the whole text for each link: quadratic in a text of links).
        let open = before.rfind(['[', ']', '\n'])?;
        let closed = s[u.end..].starts_with(')');
        (closed && before[open..].starts_with('[')).then_some(open)
    };
    urls.iter()
        .map(|u| match text_start(u) {
            Some(open) => open..u.end + 1,
            None => u.clone(),
        })
        .collect()
}

fn starts_url(s: &str) -> bool {
    let b = s.as_bytes();
    ["https://", "http://", "www."]
        .iter()
        .any(|p| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

/// Spans of @mentions: `@name`, `＠name`, Mastodon `@user@server.tld`, and
/// Reddit `u/name` / `/u/name`. An `@` inside a word (an e-mail address) is
/// not a mention.
pub(crate) fn find_mentions(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut skip_to = 0;
    for (i, c) in s.char_indices() {
        if i < skip_to {
            prev = Some(c);
            continue;
        }
        let free =
            prev.is_none_or(|p| !is_word_char(p) && !matches!(p, '@' | '＠' | '.' | '/' | '_'));
        if free && let Some(end) = mention_at(s, i) {
            out.push(i..end);
            skip_to = end;
        }
        prev = Some(c);
    }
    out
}

/// The @handles `s` mentions, lower-cased, `＠` written as `@`; a handle
/// followed by `.` or `-` also with them (a handle may end so, where a
/// sentence's end is more likely: "thanks @bob.").
pub fn handles_mentioned(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for r in find_mentions(s) {
        let m = &s[r.clone()];
        let Some(name) = m.strip_prefix('@').or_else(|| m.strip_prefix('＠')) else {
            continue;
        };
        let handle = format!("@{}", name.to_lowercase());
        let run = (s[r.end..].find(|c: char| !is_handle_char(c))).map_or(s.len(), |n| r.end + n);
        if run > r.end {
            out.push(format!("{handle}{}", &s[r.end..run]));
        }
        // Japanese and Korean write an honorific onto the name ("@名前さん").
        if let Some(bare) = HONORIFICS.iter().find_map(|h| handle.strip_suffix(h))
            && bare.len() > 1
        {
            out.push(bare.to_owned());
        }
        out.push(handle);
    }
    out
}

/// Honorifics written onto a name, without a space.
pub(crate) const HONORIFICS: [&str; 10] = [
    "さん",
    "さま",
    "様",
    "くん",
    "君",
    "ちゃん",
    "殿",
    "氏",
    "先生",
    "님",
];

/// A handle's characters: word characters, `_`, `.`, `-`, and the middle
/// dot YouTube handles may hold (`@pau·ribes`).
fn is_handle_char(c: char) -> bool {
    is_word_char(c) || matches!(c, '_' | '.' | '-' | '·')
}

/// End of a mention starting at byte `i`, if one starts there.
fn mention_at(s: &str, i: usize) -> Option<usize> {
    let rest = &s[i..];
    let body_start = if rest.starts_with('@') {
        i + 1
    } else if rest.starts_with('＠') {
        i + '＠'.len_utf8()
    } else if rest.starts_with("u/") || rest.starts_with("U/") {
        i + 2
    } else if rest.starts_with("/u/") || rest.starts_with("/U/") {
        i + 3
    } else {
        return None;
    };
    let is_reddit = !rest.starts_with(['@', '＠']);
    let mut end = handle_end(s, body_start);
    if end == body_start || !s[body_start..end].chars().any(char::is_alphanumeric) {
        return None;
    }
    if !is_reddit && s[end..].starts_with('@') {
        // `@user@server.tld`: the server part only counts if it has a dot.
        let server_end = handle_end(s, end + 1);
        if s[end + 1..server_end].contains('.') {
            end = server_end;
        }
    }
    Some(end)
}

/// End of a run of handle characters from `start`, without trailing `.`/`-`
/// (sentence punctuation after a handle: "thanks @bob.").
fn handle_end(s: &str, start: usize) -> usize {
    let run = s[start..]
        .find(|c: char| !is_handle_char(c))
        .map_or(s.len(), |n| start + n);
    start + s[start..run].trim_end_matches(['.', '-', '·']).len()
}

/// What a body on `platform` says, not quotes: where the platform writes
/// Markdown (GitHub, Reddit), its code blanked ([`outside_code`]).
pub fn said<'a>(platform: &str, body: &'a str) -> std::borrow::Cow<'a, str> {
    match platform {
        "github" | "reddit" => outside_code(body),
        _ => std::borrow::Cow::Borrowed(body),
    }
}

/// A Markdown body with its code blanked (`inline`, fenced and indented):
/// a handle or a name quoted in code addresses nobody.
pub fn outside_code(body: &str) -> std::borrow::Cow<'_, str> {
    let code = code_spans(body);
    match code.is_empty() {
        true => std::borrow::Cow::Borrowed(body),
        false => std::borrow::Cow::Owned(blank_spans(body, &code)),
    }
}

/// Where a Markdown body's code is (`inline`, fenced and indented), in
/// order; parsed only where some may be.
pub fn code_spans(body: &str) -> Vec<Range<usize>> {
    use pulldown_cmark::{Event, Parser, Tag};
    if !body.contains(['`', '~', '\t']) && !body.contains("    ") {
        return Vec::new();
    }
    (Parser::new(body).into_offset_iter())
        .filter(|(e, _)| matches!(e, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
        .map(|(_, at)| at)
        .collect()
}

/// `s` with every span replaced by one space (spans sorted, may overlap).
pub(crate) fn blank_spans(s: &str, spans: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for span in spans {
        if span.start >= at {
            out.push_str(&s[at..span.start]);
            out.push(' ');
            at = span.end;
        } else if span.end > at {
            at = span.end;
        }
    }
    out.push_str(&s[at.min(s.len())..]);
    out
}

/// Whether `word` is a custom emoji's `:shortcode:` (Mastodon's, YouTube
/// members', GitHub's `:tada:` and `:+1:`): a picture, not a word. A name
/// of digits alone is a time's part, `10:30:45`.
pub(crate) fn is_shortcode(word: &str) -> bool {
    (word.strip_prefix(':').and_then(|w| w.strip_suffix(':'))).is_some_and(|name| {
        name.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '+' | '-'))
            && (name.chars().any(char::is_alphabetic) || matches!(name, "+1" | "-1"))
    })
}

/// The spans of the `:shortcode:`s in `s` (see [`is_shortcode`]), each
/// apart from letters and from colons but another's (`:tada::+1:` holds
/// two, `std::vec::Vec` none).
pub(crate) fn find_shortcodes(s: &str) -> Vec<Range<usize>> {
    let colons: Vec<usize> = s.match_indices(':').map(|(i, _)| i).collect();
    let mut found: Vec<Range<usize>> = Vec::new();
    for pair in colons.windows(2) {
        let span = pair[0]..pair[1] + 1;
        let unshared = found.last().is_none_or(|last| last.end <= span.start);
        if unshared && is_shortcode(&s[span.clone()]) {
            found.push(span);
        }
    }
    let starts: HashSet<usize> = found.iter().map(|r| r.start).collect();
    let ends: HashSet<usize> = found.iter().map(|r| r.end).collect();
    let before = |r: &Range<usize>| match s[..r.start].chars().next_back() {
        Some(':') => ends.contains(&r.start),
        c => c.is_none_or(|c| !c.is_alphanumeric()),
    };
    let after = |r: &Range<usize>| match s[r.end..].chars().next() {
        Some(':') => starts.contains(&r.end),
        c => c.is_none_or(|c| !c.is_alphanumeric()),
    };
    (found.iter())
        .filter(|r| before(r) && after(r))
        .cloned()
        .collect()
}

/// Sorted union of the URL and mention spans of `s`.
pub(crate) fn link_and_mention_spans(s: &str) -> Vec<Range<usize>> {
    let mut spans = find_urls(s);
    spans.extend(find_mentions(s));
    spans.sort_by_key(|r| (r.start, r.end));
    spans
}

/// Folded text with every run of non-word characters turned into one space and
/// no space at either end: "Follow-me BACK!!" → "follow me back". Phrases and
/// names are compared in this form, so punctuation and case never matter.
pub(crate) fn words_form(s: &str) -> String {
    // Outside text never brings a sentinel in: it would pass for a replaced name.
    squeeze(&fold(s).replace(SENTINEL, " "))
}

/// The squeeze step of [`words_form`] for text that is already folded. The
/// sentinel survives as a word of its own.
pub(crate) fn squeeze(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    let mut pending_space = false;
    for c in folded.chars() {
        if c == SENTINEL {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push(c);
            pending_space = true;
        } else if is_word_char(c) {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

/// Like [`words_form`] but keeping accents (NFC, lowercase): interrogatives
/// differ from other words only by their accent in several languages
/// ("cómo"/"como", "qué"/"que", "où"/"ou"), so questions are read in this form.
pub(crate) fn lower_words(s: &str) -> String {
    use crate::text::nfc;
    let lower: String = nfc(s).chars().flat_map(char::to_lowercase).collect();
    squeeze(&nfc(&lower))
}

/// First occurrence of `needle` in `hay` that is not glued to a neighbouring
/// word. Edges in unspaced scripts (CJK, Hangul, Thai) need no boundary.
pub(crate) fn find_bounded(hay: &str, needle: &str) -> Option<Range<usize>> {
    if needle.is_empty() {
        return None;
    }
    let first = needle.chars().next()?;
    let last = needle.chars().next_back()?;
    hay.match_indices(needle)
        .map(|(i, _)| i..i + needle.len())
        .find(|r| {
            let before = hay[..r.start].chars().next_back();
            let after = hay[r.end..].chars().next();
            // Text of an unspaced script bounds a word too: "Joeさん".
            let bounds = |c: char| !is_word_char(c) || is_unspaced_script(c);
            let left_ok = is_unspaced_script(first) || before.is_none_or(bounds);
            let right_ok = is_unspaced_script(last) || after.is_none_or(bounds);
            left_ok && right_ok
        })
}

/// Replaces every bounded occurrence of `needle` in `hay` with `with`.
pub(crate) fn replace_bounded(hay: &str, needle: &str, with: char) -> String {
    let mut out = String::with_capacity(hay.len());
    let mut rest = hay;
    while let Some(r) = find_bounded(rest, needle) {
        out.push_str(&rest[..r.start]);
        out.push(with);
        rest = &rest[r.end..];
    }
    out.push_str(rest);
    out
}

/// What a token is made of; decides how it is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (any spaced script), possibly with digits: `coupon`, `mp3`.
    Word,
    /// Digits with inner separators: `2026-03-01`, `19.99`, `12/03`.
    Number,
    /// A run of Han characters (no word boundaries: compared by bigrams).
    Han,
    /// A run of katakana: a loanword, compared whole (`クーポン`).
    Kata,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    pub text: &'a str,
    pub kind: TokKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Han,
    Kata,
    Digit,
    Letter,
    Mark,
    Sep,
}

fn class_of(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_digit() {
            Class::Digit
        } else if c.is_ascii_alphabetic() {
            Class::Letter
        } else {
            Class::Sep
        };
    }
    if is_combining_mark(c) {
        Class::Mark
    } else if is_han(c) {
        Class::Han
    } else if is_katakana(c) {
        Class::Kata
    } else if is_hiragana(c) {
        // Hiragana is mostly grammar (particles, endings, "ありがとう"):
        // treating it as a separator keeps it out of content words.
        Class::Sep
    } else if c.is_numeric() {
        Class::Digit
    } else if c.is_alphabetic() {
        Class::Letter
    } else {
        Class::Sep
    }
}

/// Splits text into word, number, Han and katakana tokens. Apostrophes and
/// hyphens separate words (`l'équipe` → `l`, `équipe`).
pub(crate) fn tokens(s: &str) -> Vec<Tok<'_>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut cur: Option<(usize, TokKind)> = None;
    fn close<'a>(
        s: &'a str,
        out: &mut Vec<Tok<'a>>,
        cur: &mut Option<(usize, TokKind)>,
        end: usize,
    ) {
        if let Some((start, kind)) = cur.take() {
            out.push(Tok {
                text: &s[start..end],
                kind,
            });
        }
    }
    for (n, &(i, c)) in chars.iter().enumerate() {
        let class = class_of(c);
        let kind = cur.map(|(_, k)| k);
        match (class, kind) {
            // A mark belongs to the token it follows; alone it is nothing.
            (Class::Mark, _) => {}
            (Class::Han, Some(TokKind::Han)) | (Class::Kata, Some(TokKind::Kata)) => {}
            (Class::Han, _) => {
                close(s, &mut out, &mut cur, i);
                cur = Some((i, TokKind::Han));
            }
            (Class::Kata, _) => {
                close(s, &mut out, &mut cur, i);
                cur = Some((i, TokKind::Kata));
            }
            (Class::Digit, Some(TokKind::Word | TokKind::Number)) => {}
            (Class::Digit, _) => {
                close(s, &mut out, &mut cur, i);
                cur = Some((i, TokKind::Number));
            }
            (Class::Letter, Some(TokKind::Word)) => {}
            (Class::Letter, Some(TokKind::Number)) => {
                // "15th", "4k": a number glued to letters reads as a word.
                if let Some((start, _)) = cur {
                    cur = Some((start, TokKind::Word));
                }
            }
            (Class::Letter, _) => {
                close(s, &mut out, &mut cur, i);
                cur = Some((i, TokKind::Word));
            }
            (Class::Sep, Some(TokKind::Number))
                if matches!(c, '.' | ',' | '/' | ':' | '-')
                    && chars.get(n + 1).is_some_and(|&(_, d)| d.is_numeric()) => {}
            (Class::Sep, _) => close(s, &mut out, &mut cur, i),
        }
    }
    close(s, &mut out, &mut cur, s.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A link's text is the bracketed text right before it, on its line,
    /// with no other bracket between: else the link is the address alone.
    #[test]
    fn a_link_takes_its_own_text_only() {
        let spans = |text: &str| -> Vec<String> {
            let urls = find_urls(text);
            (with_link_texts(text, &urls).into_iter())
                .map(|r| text[r].to_owned())
                .collect()
        };
        assert_eq!(
            spans("see [the shop](https://x.co) and [a](b) [c] (https://y.co)"),
            ["[the shop](https://x.co)", "https://y.co"]
        );
        assert_eq!(
            spans("[not\nthis](https://x.co) [no]t](https://y.co)"),
            ["https://x.co", "https://y.co"]
        );
        // Links without text side by side (the search back stops at each).
        let many = "](https://x.co) ".repeat(3);
        assert_eq!(spans(&many), ["https://x.co"; 3]);
    }

    #[test]
    fn shortcodes_stand_apart() {
        let text = "done :tada::+1: at 10:30:45 in std::vec::Vec, ratio 1:2: ok :-1:";
        let found: Vec<&str> = (find_shortcodes(text).into_iter())
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, [":tada:", ":+1:", ":-1:"]);
    }

    #[test]
    fn emails_are_found_whole() {
        let text = "mail anna.b+shop@example.co.uk, or @joe at x@y and me@host.";
        let found: Vec<&str> = find_emails(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["anna.b+shop@example.co.uk"]);
    }

    #[test]
    fn handles_mentioned_in_every_form_a_handle_takes() {
        let cases: &[(&str, &[&str])] = &[
            ("@Ébène merci", &["@ébène"]),
            ("good question @ben.", &["@ben.", "@ben"]),
            ("@j.r.r. great point", &["@j.r.r.", "@j.r.r"]),
            ("＠bob thanks", &["@bob"]),
            ("@名前さん ありがとう", &["@名前", "@名前さん"]),
            ("mail ops@bob.com or @ana!", &["@ana"]),
            // YouTube handles may hold a middle dot.
            ("@pau·ribes 93 graus!", &["@pau·ribes"]),
        ];
        for (text, want) in cases {
            let mut got = handles_mentioned(text);
            got.sort();
            let mut want: Vec<String> = want.iter().map(|w| (*w).to_owned()).collect();
            want.sort();
            assert_eq!(got, want, "{text}");
        }
    }

    fn spans<'a>(s: &'a str, r: &[Range<usize>]) -> Vec<&'a str> {
        r.iter().map(|r| &s[r.clone()]).collect()
    }

    #[test]
    fn urls_are_found_and_trimmed() {
        let s = "see https://example.com/a?b=1. and (www.x.org/y) or mail@www.z";
        assert_eq!(
            spans(s, &find_urls(s)),
            ["https://example.com/a?b=1", "www.x.org/y"]
        );
    }

    #[test]
    fn mentions_cover_platform_forms() {
        let s = "@bob, ＠ana hi @carlos@mastodon.social and u/kim /u/lee; mail bob@x.com @dot. @@x";
        assert_eq!(
            spans(s, &find_mentions(s)),
            [
                "@bob",
                "＠ana",
                "@carlos@mastodon.social",
                "u/kim",
                "/u/lee",
                "@dot"
            ]
        );
        // A server part without a dot is not part of the handle.
        let s = "@ana@home hi";
        assert_eq!(spans(s, &find_mentions(s)), ["@ana"]);
    }

    #[test]
    fn words_form_squeezes_punctuation() {
        assert_eq!(words_form("  Follow-me BACK!! 🙏 "), "follow me back");
        assert_eq!(words_form("Sígueme y te sigo"), "sigueme y te sigo");
        assert_eq!(words_form("l’équipe"), "l equipe");
    }

    #[test]
    fn bounded_search_respects_words_but_not_cjk() {
        assert!(find_bounded("thanks joe", "joe").is_some());
        assert!(find_bounded("thanks joey", "joe").is_none());
        assert!(find_bounded("田中さんありがとう", "田中").is_some());
        assert!(find_bounded("x joe_y", "joe").is_some());
    }

    #[test]
    fn tokens_split_scripts_and_numbers() {
        let got: Vec<_> = tokens("Coupon 2026-03-01 $19.99, l'équipe クーポンの日付 mp3 15th")
            .into_iter()
            .map(|t| (t.text, t.kind))
            .collect();
        use TokKind::*;
        assert_eq!(
            got,
            [
                ("Coupon", Word),
                ("2026-03-01", Number),
                ("19.99", Number),
                ("l", Word),
                ("équipe", Word),
                ("クーポン", Kata),
                ("日付", Han),
                ("mp3", Word),
                ("15th", Word)
            ]
        );
    }
}
