//! What a typed search matches, in two forms that agree: the full-text
//! query that gathers candidates from `items_fts`, and `ackbox_match`, the
//! SQL function that tests one row. (A thread's title is matched by its own
//! full-text index, `threads_fts`, which is small enough to ask every time.) A page of a common word is found by
//! walking the list in its own order and testing rows (no index can give a
//! prefix's thousands of matches in that order without fetching them all);
//! a rare word's by gathering its candidates from the index. Both end with
//! the same test, so a list shows the same items whichever way it was found.

use crate::analysis::scan::is_unspaced_words;
use crate::text::{fold, fold_first, nfc};
use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Error};
use std::sync::LazyLock;
use unicode_normalization::char::is_combining_mark;

/// Where the index cannot find words as typed, so a search with them is a
/// substring match: Chinese, Japanese, Thai and the other scripts written
/// without spaces (the tokenizer cannot split them into words), and the
/// marks of scripts such as Devanagari, Bengali, pointed Hebrew and
/// Arabic, which it takes for separators (a word with them would be a
/// phrase, which this index cannot search).
fn unspaced(c: char) -> bool {
    is_unspaced_words(c)
        || is_combining_mark(c)
        // Circled and squared letters: letters to Rust, separators to the index.
        || matches!(c as u32, 0x2460..=0x24FF | 0x3200..=0x32FF | 0x1F100..=0x1F1FF)
}

/// A search the index cannot serve (`fts_query` is `None`), split: the
/// terms it cannot find as words (see [`unspaced`], or with no letter or
/// digit at all: `🔥`, `100%` is a word), each found as a substring, and
/// the other words, found as words are (empty when none).
pub(crate) fn substrings_and_words(typed: &str) -> (Vec<String>, String) {
    let typed = nfc(typed);
    let (substrings, words): (Vec<&str>, Vec<&str>) = (typed.split_whitespace())
        .take(MAX_TERMS)
        .partition(|term| is_substring(term));
    (
        (substrings.into_iter())
            .map(|t| t.chars().take(MAX_TERM_CHARS).collect())
            .collect(),
        words.join(" "),
    )
}

/// Whether a typed term is found as a substring: the index cannot find it
/// as a word (see [`unspaced`]), or it has no letter or digit (🔥), of
/// which the index has nothing.
fn is_substring(term: &str) -> bool {
    term.chars().any(unspaced) || !term.chars().any(is_word_char)
}

/// The terms of a search that count, and the characters of each: SQLite
/// refuses a query of a thousand terms, or a pattern of thousands of
/// characters (a paste gone wrong).
const MAX_TERMS: usize = 32;
const MAX_TERM_CHARS: usize = 200;

/// The words of what the user typed, as typed (composed as stored text is:
/// a separate accent would split a word) (`None`: no word at all, or a
/// script without spaces).
fn typed_words(typed: &str) -> Option<Vec<&str>> {
    if typed.split_whitespace().any(is_substring) {
        return None;
    }
    let words: Vec<&str> = typed
        .split(|c| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .take(MAX_TERMS)
        .map(|w| {
            w.char_indices()
                .nth(MAX_TERM_CHARS)
                .map_or(w, |(at, _)| &w[..at])
        })
        .collect();
    (!words.is_empty()).then_some(words)
}

/// A word of one character is that word: as a prefix it would match most of
/// the inbox.
fn is_prefix(word: &str) -> bool {
    word.chars().nth(1).is_some()
}

/// The full-text query for what the user typed: every word a prefix (but a
/// lone character, matched whole), all required, so the list narrows as they
/// type. `None` when the index cannot serve it, and a substring match does
/// instead. Korean is written with spaces between words, and its particles
/// follow the word: "한국어" finds "한국어로" as a prefix.
pub(crate) fn fts_query(typed: &str) -> Option<String> {
    let typed = nfc(typed);
    let words = typed_words(&typed)?;
    // Folded as the index holds them; a fold of several words ("½" is
    // "1⁄2") gives a term each, for the index keeps no phrases.
    let terms: Vec<String> = (words.iter())
        .flat_map(|w| {
            let star = if is_prefix(w) { "*" } else { "" };
            (fold(w).split(|c| !is_word_char(c)))
                .filter(|t| !t.is_empty())
                .map(|t| format!("\"{}\"{star}", t.replace('"', "\"\"")))
                .collect::<Vec<_>>()
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// The words of a search, folded, each a prefix or whole (as in `fts_query`).
#[derive(Debug)]
pub(crate) struct Words(Vec<(String, bool)>);

impl Words {
    pub(crate) fn parse(typed: &str) -> Words {
        let typed = nfc(typed);
        let words = typed_words(&typed).unwrap_or_default();
        Words(words.iter().map(|w| (fold(w), is_prefix(w))).collect())
    }

    /// Whether every word begins (or is) a word of one of `fields`.
    pub(crate) fn all_in(&self, fields: &[&str]) -> bool {
        self.0.iter().all(|(word, prefix)| {
            fields
                .iter()
                .any(|field| has_word(field, word.as_bytes(), *prefix))
        })
    }
}

/// Whether `c` belongs to a word (`char::is_alphanumeric`, answered without
/// a search of Unicode's tables for ASCII, emoji and the rest of the Basic
/// Multilingual Plane, the characters of nearly every comment).
fn is_word_char(c: char) -> bool {
    /// `char::is_alphanumeric` of each code point below U+10000, a bit each.
    static BMP: LazyLock<Box<[u64]>> = LazyLock::new(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        for c in ('\0'..='\u{FFFF}').filter(|c| c.is_alphanumeric()) {
            bits[c as usize / 64] |= 1 << (c as usize % 64);
        }
        bits.into_boxed_slice()
    });
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        n @ 0x80..=0xFFFF => BMP[n as usize / 64] & (1 << (n % 64)) != 0,
        // Emoji and pictographs.
        0x1F300..=0x1FAFF => false,
        _ => c.is_alphanumeric(),
    }
}

/// Whether a word of `text`, folded as `text::fold` does, begins with (or
/// is) the folded `word`.
fn has_word(text: &str, word: &[u8], prefix: bool) -> bool {
    let matches = |t: &[u8]| {
        if prefix {
            t.len() >= word.len() && t[..word.len()].eq_ignore_ascii_case(word)
        } else {
            t.eq_ignore_ascii_case(word)
        }
    };
    if text.is_ascii() {
        return text
            .as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .any(matches);
    }
    let mut first = String::new();
    text.split(|c| !is_word_char(c))
        .filter(|t| !t.is_empty())
        .any(|t| {
            if t.is_ascii() {
                return matches(t.as_bytes());
            }
            // Folding keeps the token's ASCII start, lower-cased, and begins
            // with its first character's fold: when either already differs
            // from the word, there is nothing to fold.
            let head = t.bytes().take_while(u8::is_ascii).count().min(word.len());
            if !t.as_bytes()[..head].eq_ignore_ascii_case(&word[..head]) {
                return false;
            }
            if head == 0 {
                first.clear();
                fold_first(t.chars().next().unwrap_or_default(), &mut first);
                let n = first.len().min(word.len());
                if first.as_bytes()[..n] != word[..n] {
                    return false;
                }
            }
            matches(fold(t).as_bytes())
        })
}

/// Makes `ackbox_match(typed, field…)` known to SQL on this connection: 1
/// when every typed word begins a word of the fields (NULLs are skipped);
/// and `ackbox_fold(text)`, `text::fold`, the form the full-text index
/// holds (see migration 17).
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "ackbox_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(match ctx.get_raw(0) {
                ValueRef::Text(t) => Some(fold(&String::from_utf8_lossy(t))),
                _ => None,
            })
        },
    )?;
    conn.create_scalar_function(
        "ackbox_match",
        -1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let words = ctx.get_or_create_aux(0, |typed| -> Result<_, Error> {
                Ok(Words::parse(typed.as_str().map_err(Error::from)?))
            })?;
            let fields: Vec<&str> = (1..ctx.len())
                .filter_map(|i| match ctx.get_raw(i) {
                    ValueRef::Text(t) => std::str::from_utf8(t).ok(),
                    _ => None,
                })
                .collect();
            Ok(words.all_in(&fields))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_serves_words_and_substrings_serve_unspaced_scripts() {
        // Folded as the index holds the words.
        assert_eq!(
            fts_query("Coupon date"),
            Some("\"coupon\"* AND \"date\"*".into())
        );
        assert_eq!(fts_query("say \"hi\""), Some("\"say\"* AND \"hi\"*".into()));
        assert_eq!(fts_query("C k8s"), Some("\"c\" AND \"k8s\"*".into()));
        assert_eq!(
            fts_query("ＣＡＦＥ Straße"),
            Some("\"cafe\"* AND \"strasse\"*".into())
        );
        assert_eq!(fts_query("½"), Some("\"1\" AND \"2\"".into()));
        assert_eq!(fts_query("%_!"), None);
        assert_eq!(fts_query("カルダモン"), None);
        assert_eq!(
            fts_query("한국어"),
            Some(format!("\"{}\"*", fold("한국어")))
        );
    }

    #[test]
    fn every_word_begins_a_word_of_the_fields() {
        let w = Words::parse("Coupon DA");
        assert!(w.all_in(&["the coupon's date", "x"]));
        assert!(w.all_in(&["a COUPONS list", "dave"]));
        assert!(
            !w.all_in(&["coupon", "update"]),
            "a prefix of a word, not inside one"
        );
        assert!(!w.all_in(&["coupon only"]));
        // A lone character is a whole word.
        let c = Words::parse("C k8s");
        assert!(c.all_in(&["learning C and k8scluster"]));
        assert!(!c.all_in(&["cats and k8s"]));
    }

    #[test]
    fn word_characters_are_the_alphanumeric_ones() {
        for c in char::MIN..=char::MAX {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
        assert!(Words::parse("cafe").all_in(&["☕️CAFÉ🎉time"]));
    }

    #[test]
    fn diacritics_and_case_fold_on_both_sides() {
        assert!(Words::parse("jalapeno").all_in(&["JALAPEÑO poppers"]));
        assert!(Words::parse("Zürich").all_in(&["zurich meetup"]));
        // An accent typed apart (NFD) is the accented letter.
        assert!(Words::parse("noti\u{301}cia").all_in(&["Que notícia boa"]));
        assert_eq!(fts_query("noti\u{301}cia"), fts_query("notícia"));
        assert!(Words::parse("straße").all_in(&["STRASSE 5"]));
        assert!(Words::parse("한국어").all_in(&["한국어로 된 설명서"]));
        assert!(!Words::parse("한국어").all_in(&["설명서"]));
        let finds = |text: &str, cases: &[(&str, bool)]| {
            for (typed, found) in cases {
                assert_eq!(
                    Words::parse(typed).all_in(&[text]),
                    *found,
                    "{typed} in {text}"
                );
            }
        };
        // Tokens that start in ASCII and go on otherwise: the start decides
        // early, the rest is folded.
        finds(
            "Das KEYBÖARD und die Straße, kéy ÇA ß",
            &[
                ("keyboa", true),
                ("keybo", true),
                ("keyc", false),
                ("strasse", true),
                ("stras", true),
                ("strb", false),
                ("key", true),
                ("ca", true),
                ("ss", true),
                ("s", false),
                ("ey", false),
            ],
        );
        // Tokens that start otherwise: their first character decides early.
        finds(
            "Éclair ﬁnal ｆｏｌｌｏｗ Ωmega ＫＥＹ",
            &[
                ("ecl", true),
                ("ecx", false),
                ("fin", true),
                ("f", false),
                ("follow", true),
                ("folk", false),
                ("ωme", true),
                ("key", true),
                ("x", false),
            ],
        );
    }

    #[test]
    fn the_sql_function_tests_the_fields_together() {
        let conn = Connection::open_in_memory().expect("db");
        register(&conn).expect("register");
        let m = |body: Option<&str>, name: Option<&str>| -> bool {
            conn.query_row(
                "SELECT ackbox_match('key rust', ?1, 'alice', ?2)",
                rusqlite::params![body, name],
                |r| r.get(0),
            )
            .expect("query")
        };
        assert!(m(Some("my keyboard is rusty"), None));
        assert!(m(Some("keyboard"), Some("Rusty Jones")));
        assert!(!m(Some("keyboard"), None));
        assert!(!m(None, None));
    }
}
