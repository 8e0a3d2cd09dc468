//! The interface every import format implements, and the errors they report.

use crate::model::Record;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::BufRead;

/// Where in a file something was found, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// 1-based line number (line-oriented formats).
    Line(u64),
    /// 1-based line and column (a parser's position inside a document).
    LineCol(u64, u64),
    /// 0-based byte offset.
    Byte(u64),
    /// A path inside a JSON document, e.g. `items[3].snippet.publishedAt`.
    Path(String),
}

impl Position {
    /// A path that is only where its document starts (a whole document
    /// refused: `""`, `"2: "`, `"1:182: "`) as that place, or none.
    fn tidy(self) -> Option<Position> {
        let Position::Path(p) = &self else {
            return Some(self);
        };
        if p.is_empty() {
            return None;
        }
        let Some(start) = p.strip_suffix(": ") else {
            return Some(self);
        };
        let place = match start.split_once(':') {
            None => start.parse().ok().map(Position::Line),
            Some((l, c)) => (l.parse().ok())
                .zip(c.parse().ok())
                .map(|(l, c)| Position::LineCol(l, c)),
        };
        place.or(Some(self))
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Line(l) => write!(f, "{l}"),
            Position::LineCol(l, c) => write!(f, "{l}:{c}"),
            Position::Byte(b) => write!(f, "byte {b}"),
            Position::Path(p) => write!(f, "{p}"),
        }
    }
}

/// An error while reading a file: where, which field, what was wrong.
/// The driver prefixes the file name: `comments.jsonl:17: created_at: …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub position: Option<Position>,
    pub field: Option<String>,
    pub message: String,
}

impl ImportError {
    pub fn new(
        position: Option<Position>,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        ImportError {
            position: position.and_then(Position::tidy),
            field: field.map(str::to_owned),
            message: message.into(),
        }
    }
    pub fn at(position: Position, field: &str, message: impl Into<String>) -> Self {
        Self::new(Some(position), Some(field), message)
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.position {
            write!(f, "{p}: ")?;
        }
        // A path that ends in the field names it already ("[2].error: …").
        let named = |field: &str| match &self.position {
            Some(Position::Path(p)) => {
                p == field
                    || p.strip_suffix(field)
                        .is_some_and(|s| s.ends_with('.') || s.ends_with(": "))
            }
            _ => false,
        };
        if let Some(field) = self.field.as_deref().filter(|f| !named(f)) {
            write!(f, "{field}: ")?;
        }
        f.write_str(&abridged(&self.message))
    }
}

/// A message that quotes a value thousands of characters long (a body
/// pasted into a time's column), with the middle of it left out: its
/// start and its end (what is wrong) stay.
pub(crate) fn abridged(message: &str) -> std::borrow::Cow<'_, str> {
    const HEAD: usize = 200;
    const TAIL: usize = 160;
    let count = units(message).count();
    if count <= HEAD + TAIL + 40 {
        return message.into();
    }
    let at = |n: usize| units(message).nth(n).unwrap_or(message.len());
    let (end, start) = (at(HEAD), at(count - TAIL));
    let (head, tail) = (&message[..end], &message[start..]);
    let left_out = units(&message[end..start]).count();
    format!("{head} […{left_out} characters…] {tail}").into()
}

/// Where each character a reader sees starts in a message: an escape it
/// wrote (`\"`, `\\`, `\n`, `\u{7}`) is one.
fn units(message: &str) -> impl Iterator<Item = usize> + '_ {
    let mut chars = message.char_indices().peekable();
    std::iter::from_fn(move || {
        let (at, c) = chars.next()?;
        if c == '\\' {
            match chars.next() {
                Some((_, 'u')) if chars.peek().is_some_and(|&(_, c)| c == '{') => {
                    chars.by_ref().find(|&(_, c)| c == '}');
                }
                _ => {}
            }
        }
        Some(at)
    })
}

impl std::error::Error for ImportError {}

/// The widest a skip reason is shown.
const REASON_COLS: usize = 40;

/// Items a format read but deliberately did not import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    /// How many, by reason ("spam", "deleted", "pingback", …), for the summary.
    pub counts: BTreeMap<String, u64>,
    /// The ones the platform says are gone (deleted, removed, spam), by
    /// (platform, id): an earlier import may have brought them in, and they
    /// no longer need a reply. With where each was, where a platform
    /// numbers each site's items apart (another site's item of that
    /// number is not it).
    pub gone: BTreeMap<(String, String), Option<Place>>,
    /// The threads skipped items are (a bot's pull request): their titles
    /// and links, for the comments on them that are kept.
    pub threads: Vec<Thread>,
    /// The ids counted, so that a page the file lists twice counts once.
    seen: BTreeSet<String>,
}

/// Where an item was: its address, its thread and when it was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub url: Option<String>,
    pub thread_id: Option<String>,
    pub created_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A thread's title and link, by its platform and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    pub platform: String,
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
}

impl Skipped {
    /// Counts `n` items skipped for `reason`. A reason may quote the file (an
    /// unknown comment type), so it is made fit for a summary line.
    pub fn skip(&mut self, reason: &str, n: u64) {
        let reason = crate::text::truncate(&crate::text::one_line(reason), REASON_COLS);
        let count = self.counts.entry(reason).or_default();
        *count = count.saturating_add(n);
    }

    /// Counts the items of `ids` not counted before (at least one when
    /// none is named).
    pub fn skip_ids<'a>(&mut self, reason: &str, ids: impl IntoIterator<Item = &'a str>) {
        let mut named = false;
        let mut new = 0;
        for id in ids.into_iter().filter(|id| !id.trim().is_empty()) {
            named = true;
            new += u64::from(self.seen.insert(format!("{reason}\u{1f}{id}")));
        }
        self.skip(reason, if named { new } else { 1 });
    }

    /// Counts `n` items skipped for `reason` under `key` (a group of
    /// notifications), unless that key was counted before.
    pub fn skip_once(&mut self, reason: &str, key: Option<&str>, n: u64) {
        let key = key.filter(|k| !k.trim().is_empty());
        if key.is_none_or(|k| self.seen.insert(format!("{reason}\u{1f}{k}"))) {
            self.skip(reason, n);
        }
    }

    /// Adds what another reader skipped to these counts.
    pub fn absorb(&mut self, other: Skipped) {
        for (reason, n) in other.counts {
            self.skip(&reason, n);
        }
    }

    /// Counts an item skipped because the platform took it away.
    pub fn gone(&mut self, reason: &str, platform: &str, id: &str) {
        self.gone_at(reason, platform, id, None);
    }

    /// [`Skipped::gone`], with where the item was.
    pub fn gone_at(&mut self, reason: &str, platform: &str, id: &str, place: Option<Place>) {
        self.skip_ids(reason, [id]);
        if !id.trim().is_empty() {
            self.gone
                .insert((platform.to_owned(), id.to_owned()), place);
        }
    }
}

/// Receives each record with its position; an error from it stops the import.
pub type Sink<'a> = dyn FnMut(Record, Position) -> Result<(), ImportError> + 'a;

/// One import format: ackbox's canonical format or a platform's export/API.
pub trait Format: Sync {
    /// The name used by `--format` and in messages, e.g. `wordpress`.
    fn name(&self) -> &'static str;
    /// Whether a file that starts with `head` (64 KiB, else up to 1 MiB,
    /// maybe cut mid-way) looks like this format. Must not panic on any bytes.
    fn detect(&self, head: &[u8]) -> bool;
    /// Whether `Record::author` names an account, so that an own handle may
    /// match it. False where it is a name anyone can type (a WordPress
    /// guest's): then only `Record::author_ids` say who wrote it.
    fn author_is_account(&self) -> bool {
        true
    }
    /// Whether a person wrote the file (ackbox's own format): a time before
    /// 1990 or ahead of the clock, an id or reference holding a control
    /// character or thousands of characters long, is then a typo that stops
    /// the file. A platform's were set by strangers' apps and servers: such
    /// an item is skipped, and counted.
    fn typed_by_hand(&self) -> bool {
        false
    }
    /// Whether `Record::own` is a guess from the file (YouTube's: the
    /// channel that owns the video), which the own accounts configured for
    /// the platform, when there are any, decide instead.
    fn own_is_a_guess(&self) -> bool {
        false
    }
    /// Reads every record from `input` and hands each to `sink` in order.
    /// Streams where the format allows it; never panics on malformed input.
    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long value is quoted by its ends, never cut inside an escape.
    #[test]
    fn a_long_message_keeps_its_ends_and_whole_escapes() {
        let values = [
            "abc\u{7}".repeat(3000),
            format!(
                "{}\"{}\\{}",
                "x".repeat(198),
                "y".repeat(300),
                "z".repeat(10)
            ),
        ];
        for value in values {
            let message = format!("{value:?} is not true or false");
            let short = abridged(&message);
            assert!(
                short.len() < 1500 && short.ends_with("\" is not true or false"),
                "{short}"
            );
            let (head, rest) = short.split_once(" […").unwrap();
            let (count, tail) = rest.split_once(" characters…] ").unwrap();
            let open = |s: &str| s.rfind("\\u{").is_some_and(|at| !s[at..].contains('}'));
            let dangling = head.len() - head.trim_end_matches('\\').len();
            assert!(!open(head) && dangling % 2 == 0, "{head}");
            assert!(!tail.starts_with(['u', '{', '}', '7', '"']), "{tail}");
            // Counted as a reader sees them: an escape is one character.
            let kept = units(head).count() + units(tail).count();
            assert_eq!(
                count.parse::<usize>().unwrap() + kept,
                units(&message).count()
            );
        }
        assert_eq!(abridged("short"), "short");
    }

    /// A whole document refused is placed where it starts, not by an
    /// empty path (`file:: …`).
    #[test]
    fn a_documents_start_is_its_place() {
        let at = |p: &str| ImportError::new(Some(Position::Path(p.into())), None, "x").position;
        assert_eq!(at(""), None);
        assert_eq!(at("2: "), Some(Position::Line(2)));
        assert_eq!(at("1:182: "), Some(Position::LineCol(1, 182)));
        assert_eq!(at("2: [0]"), Some(Position::Path("2: [0]".into())));
        assert_eq!(at("a: "), Some(Position::Path("a: ".into())));
    }

    #[test]
    fn a_reason_quoting_the_file_reaches_the_summary_clean_and_short() {
        let mut skipped = Skipped::default();
        let hostile = format!(
            "\u{1b}]0;PWNED\u{7}\u{1b}[2J pingback\u{202e}{}",
            "x".repeat(200)
        );
        skipped.gone(&hostile, "wordpress", "7");
        skipped.skip("spam", 2);
        let reasons: Vec<&String> = skipped.counts.keys().collect();
        assert_eq!(reasons.len(), 2);
        let reason = reasons.iter().find(|r| **r != "spam").unwrap();
        assert!(crate::text::is_clean(reason), "{reason:?}");
        assert!(reason.starts_with("pingbackxxx"), "{reason:?}");
        assert!(crate::text::width(reason) <= REASON_COLS, "{reason:?}");
        assert_eq!(skipped.counts["spam"], 2);
        // A file's counts do not wrap.
        skipped.skip("spam", u64::MAX);
        assert_eq!(skipped.counts["spam"], u64::MAX);
    }
}
