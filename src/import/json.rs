//! JSON helpers shared by the platform importers: one value at a time from a
//! stream, JSON paths for errors, timestamps, and cheap detection probes.
use crate::import::format::{ImportError, Position};
use chrono::{DateTime, Utc};
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::io::{self, BufRead, Read};
use std::marker::PhantomData;

/// Reads whitespace-separated JSON values one at a time and hands each to
/// `each` with the JSON path prefix that locates it: `""` for a value
/// starting the file, `"N: "` for one starting line N, else `"N:C: "`. Errors from `each` are returned
/// unchanged; parse errors carry the line and column in the file.
pub(crate) fn read_values<T: DeserializeOwned>(
    input: &mut dyn BufRead,
    each: &mut dyn FnMut(T, String) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let mut r = Counting {
        inner: input,
        at: Place {
            line: 1,
            col: 0,
            first_line_end: None,
            next_line: None,
            continuations: 0,
            lead: (0, 0),
            not_utf8: None,
        },
        escape: Vec::new(),
        ready: 0,
        plain: 0,
    };
    r.skip_bom()?;
    while r.skip_whitespace()? {
        // A byte-order mark at a line's start is where another file began
        // (`cat a.jsonl b.jsonl`): as invisible as at the start.
        if r.at.col == 0 && r.escape.is_empty() {
            r.skip_bom()?;
            if !r.skip_whitespace()? {
                break;
            }
        }
        let (line, col) = (r.at.line, r.at.col);
        (r.at.first_line_end, r.at.next_line) = (None, None);
        (r.at.continuations, r.at.not_utf8) = (0, None);
        let value = {
            let mut de = serde_json::Deserializer::from_reader(&mut r);
            // The path names the field a value of the wrong type is in.
            serde_path_to_error::deserialize(&mut de).map_err(|e| {
                let path = e.path().to_string();
                let e = e.into_inner();
                let first_line = r.at.first_line_end.map(|end| end.saturating_sub(col));
                let mut err = parse_error(&e, line, col, is_record(&e, first_line, r.at.next_line));
                if let Some((line, col)) = r.at.not_utf8.filter(|_| is_not_utf8(&e)) {
                    err.position = Some(Position::LineCol(line, col));
                }
                if e.classify() == serde_json::error::Category::Data && path != "." {
                    err.field = Some(path);
                }
                err
            })?
        };
        // Pages written back to back on one line (`gh api --paginate`)
        // are told apart by their column; the first says its line when
        // another follows (JSON Lines), not when it is the whole file.
        let at = match (line, col) {
            (1, 0) if !r.skip_whitespace()? => String::new(),
            (_, 0) => format!("{line}: "),
            _ => format!("{line}:{}: ", col + 1),
        };
        each(value, at)?;
    }
    Ok(())
}

/// Where the next byte is.
struct Place {
    /// 1-based line.
    line: u64,
    /// Bytes already read on that line.
    col: u64,
    /// The column the first line of the value being read ends at, once it has.
    first_line_end: Option<u64>,
    /// The first byte of the line after it, once read.
    next_line: Option<u8>,
    /// How many continuation bytes the UTF-8 character being read still
    /// needs, and where its first byte is.
    continuations: u8,
    lead: (u64, u64),
    /// Where (line, 1-based column) the value's first byte that is not
    /// UTF-8 is: serde_json finds it only at the end of its string.
    not_utf8: Option<(u64, u64)>,
}

/// Whether a value that failed with `e`, whose first line holds
/// `first_line` bytes (none: it did not end) and whose next line starts
/// with `next`, is a JSON Lines record cut short: its first line holds more
/// than a bracket, and the next line opens a value of its own at its start
/// (a pretty-printed document's next line is indented or a key) with the
/// parser stopped at the start of a line (where the next record's `{` came
/// instead of a `,`) or at the end; or there is no next line.
pub(crate) fn is_record(e: &serde_json::Error, first_line: Option<u64>, next: Option<u8>) -> bool {
    if first_line.is_none_or(|len| len <= 2) {
        return false;
    }
    match next {
        Some(b'{' | b'[') => e.is_eof() || e.column() <= 1,
        None => e.is_eof(),
        Some(_) => false,
    }
}

impl Place {
    fn advance(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.col == 0 && self.first_line_end.is_some() && self.next_line.is_none() {
                self.next_line = Some(b);
            }
            // (Overlong forms and surrogates are not told apart here:
            // serde_json's error is then placed by its line.)
            let here = (self.line, self.col + 1);
            let (bad, needs) = match (self.continuations, b) {
                (0, 0x00..=0x7f) => (None, 0),
                (0, 0xc2..=0xdf) => (None, 1),
                (0, 0xe0..=0xef) => (None, 2),
                (0, 0xf0..=0xf4) => (None, 3),
                (0, _) => (Some(here), 0),
                (n, 0x80..=0xbf) => (None, n - 1),
                // A character cut short: its first byte is the one out of place.
                (_, _) => (Some(self.lead), 0),
            };
            if self.continuations == 0 && needs > 0 {
                self.lead = here;
            }
            self.continuations = needs;
            self.not_utf8 = self.not_utf8.or(bad);
            if b == b'\n' {
                self.first_line_end.get_or_insert(self.col);
                self.line += 1;
                self.col = 0;
            } else {
                self.col += 1;
            }
        }
    }
}

/// A reader that counts lines and columns of the bytes it hands out.
struct Counting<'a> {
    inner: &'a mut dyn BufRead,
    at: Place,
    /// An escape taken from `inner` to be mended whole (see
    /// [`mend_escape`]), and how much of it is ready to read.
    escape: Vec<u8>,
    ready: usize,
    /// How many bytes at the start of `inner`'s buffer hold no escape
    /// (serde_json reads a byte at a time: the buffer is searched once).
    plain: usize,
}

/// The longest escape: a surrogate pair, `\uD83D\uDE00`.
const PAIR: usize = 12;

/// Mends the escape at the start of `text` (which starts with a backslash)
/// and returns its length. A UTF-16 surrogate without its other half (what
/// JavaScript writes for a string cut in the middle of an emoji) becomes
/// `\uFFFD`, the replacement character, written in as many bytes, so that
/// the places of errors stay right: serde_json refuses it, and with it the
/// whole file. `text` holds the escape's next 12 bytes, or all that is left.
fn mend_escape(text: &mut [u8]) -> usize {
    let unit = |at: usize| -> Option<u16> {
        let digits = text.get(at..at + 6).filter(|d| d.starts_with(b"\\u"))?;
        u16::from_str_radix(std::str::from_utf8(&digits[2..]).ok()?, 16).ok()
    };
    let Some(first) = unit(0) else {
        // Another escape (`\n`, `\\`…), or a broken one serde_json reports.
        return text.len().min(2);
    };
    match first {
        0xD800..=0xDBFF if unit(6).is_some_and(|u| (0xDC00..=0xDFFF).contains(&u)) => PAIR,
        0xD800..=0xDFFF => {
            text[2..6].copy_from_slice(b"FFFD");
            6
        }
        _ => 6,
    }
}

/// [`mend_escape`] over every escape of a text held whole.
pub(crate) fn mend_surrogates(text: &mut [u8]) {
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'\\', &text[at..]) {
        let start = at + i;
        let end = (start + PAIR).min(text.len());
        at = start + mend_escape(&mut text[start..end]);
    }
}

impl Counting<'_> {
    /// Takes bytes from `inner` into `escape` until it holds `len` (or the
    /// input ends).
    fn take(&mut self, len: usize) -> io::Result<()> {
        while self.escape.len() < len {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let n = buf.len().min(len - self.escape.len());
            self.escape.extend_from_slice(&buf[..n]);
            self.inner.consume(n);
        }
        Ok(())
    }

    fn skip_bom(&mut self) -> Result<(), ImportError> {
        let buf = self
            .inner
            .fill_buf()
            .map_err(|e| read_error(&e, self.at.line))?;
        if buf.starts_with(b"\xEF\xBB\xBF") {
            self.inner.consume(3);
        }
        Ok(())
    }

    /// Skips whitespace; false at the end of the input.
    fn skip_whitespace(&mut self) -> Result<bool, ImportError> {
        // What came with the last value's last escape comes first.
        let n = (self.escape.iter())
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            .count();
        self.at.advance(&self.escape[..n]);
        self.escape.drain(..n);
        self.ready = self.ready.saturating_sub(n);
        if !self.escape.is_empty() {
            return Ok(true);
        }
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(read_error(&e, self.at.line)),
            };
            if buf.is_empty() {
                return Ok(false);
            }
            let n = buf
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                .count();
            let all = n == buf.len();
            self.at.advance(&buf[..n]);
            self.inner.consume(n);
            self.plain = 0;
            if !all {
                return Ok(true);
            }
        }
    }
}

impl Read for Counting<'_> {
    /// Reads up to the next escape; an escape is taken whole into `escape`
    /// and mended first (serde_json reads a byte at a time, and an escape
    /// can straddle the end of `inner`'s buffer).
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.ready == 0 {
            if self.escape.is_empty() {
                let buf = self.inner.fill_buf()?;
                if self.plain == 0 {
                    self.plain = memchr::memchr(b'\\', buf).unwrap_or(buf.len());
                }
                if self.plain > 0 {
                    let n = self.plain.min(out.len());
                    out[..n].copy_from_slice(&buf[..n]);
                    // A CRLF's CR is white space to JSON, a space as well:
                    // a line cut inside a string then ends at its LF, as
                    // with LF alone, where the reading says it is cut.
                    for i in memchr::memchr_iter(b'\r', &buf[..n]) {
                        if buf.get(i + 1) == Some(&b'\n') {
                            out[i] = b' ';
                        }
                    }
                    self.at.advance(&buf[..n]);
                    self.inner.consume(n);
                    self.plain -= n;
                    return Ok(n);
                }
                if buf.is_empty() {
                    return Ok(0);
                }
            }
            if self.escape.first().is_none_or(|&b| b == b'\\') {
                // As much as the escape may need: a \u one 6 bytes, a
                // surrogate 12 (with its other half).
                self.take(2)?;
                if self.escape.get(1) == Some(&b'u') {
                    self.take(6)?;
                    if matches!(
                        self.escape.get(2..4),
                        Some([b'd' | b'D', b'8'..=b'9' | b'a' | b'b' | b'A' | b'B'])
                    ) {
                        self.take(PAIR)?;
                    }
                }
                self.ready = mend_escape(&mut self.escape);
            } else {
                // What was taken with the last escape, up to the next one.
                let e = &self.escape;
                self.ready = memchr::memchr(b'\\', e).unwrap_or(e.len());
            }
        }
        let n = self.ready.min(out.len());
        out[..n].copy_from_slice(&self.escape[..n]);
        self.at.advance(&self.escape[..n]);
        self.escape.drain(..n);
        self.ready -= n;
        Ok(n)
    }
}

fn read_error(e: &io::Error, line: u64) -> ImportError {
    ImportError::new(Some(Position::Line(line)), None, format!("read error: {e}"))
}

/// What a serde_json error says, without the place it gives (its line is
/// the parsed text's, which callers place in the file), and a hint where
/// the parser's words mislead. `text` names what was parsed ("file", "line").
pub(crate) fn error_text(e: &serde_json::Error, text: &str) -> String {
    let said = crate::text::plain_types(&e.to_string());
    let message = said
        .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
        .unwrap_or(&said);
    if e.is_eof() {
        format!("{message} (is the {text} truncated?)")
    } else if ends_inside_a_string(e) {
        format!("{message}: a line ends inside a string (is the line cut short?)")
    } else if message.starts_with("recursion limit exceeded") {
        format!("{message} (nested more than 128 levels deep: fetch a shallower tree)")
    } else if is_not_utf8(e) {
        // A byte that is not UTF-8 inside a string: a file saved by an
        // editor in a legacy encoding.
        format!(
            "{message}: the {text} is not UTF-8 there, which JSON must be ({})",
            super::NOT_UTF8
        )
    } else {
        message.to_owned()
    }
}

/// Whether the parser met a byte that is not UTF-8 (in a string).
pub(crate) fn is_not_utf8(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("invalid unicode code point")
}

/// Whether the parser met the newline that ends a line inside a string.
fn ends_inside_a_string(e: &serde_json::Error) -> bool {
    e.column() == 0 && e.to_string().starts_with("control character")
}

/// Where in the parsed text a serde_json error is: its line (1-based, 0
/// for none) and column. A line that ends inside a string is the line cut
/// short, not the next one, where the parser noticed.
pub(crate) fn error_place(e: &serde_json::Error) -> (u64, Option<u64>) {
    let line = e.line() as u64;
    if ends_inside_a_string(e) && line > 1 {
        (line - 1, None)
    } else {
        (line, Some(e.column() as u64))
    }
}

/// A serde_json error, placed in the file (the value started at
/// `line`, after `col` bytes of that line). An error past the first line of
/// a `record` (a value whose first line holds more than a bracket) is that
/// line's: cut short, the next line was read as the rest of it.
fn parse_error(e: &serde_json::Error, line: u64, col: u64, record: bool) -> ImportError {
    if e.is_io() {
        return read_error(&io::Error::other(e.to_string()), line);
    }
    let mut place = error_place(e);
    // The parser places a byte that is not UTF-8 after the escapes that
    // follow it in its string: its line is right, its column may not be.
    if is_not_utf8(e) {
        place.1 = None;
    }
    if record && place.0 != 1 {
        let stopped = (place.0 > 0).then(|| (line + place.0 - 1, place.1));
        return cut_record(e, line, stopped);
    }
    let position = match place {
        (0, _) => Position::Line(line),
        (1, Some(c)) => Position::LineCol(line, col + c),
        (l, Some(c)) => Position::LineCol(line + l - 1, c),
        (l, None) => Position::Line(line + l - 1),
    };
    // (A value of the wrong type is valid JSON: its message says what it is.)
    let what = if e.is_data() { "" } else { "invalid JSON: " };
    ImportError::new(
        Some(position),
        None,
        format!("{what}{}", error_text(e, "file")),
    )
}

/// The error of a JSON Lines record on `line` that does not end on it: cut
/// short, the next line was read as the rest of it. `stopped` is where the
/// parser noticed, in the file.
pub(crate) fn cut_record(
    e: &serde_json::Error,
    line: u64,
    stopped: Option<(u64, Option<u64>)>,
) -> ImportError {
    let stopped = match stopped {
        _ if e.is_eof() => " at the end of the file".to_owned(),
        None => String::new(),
        Some((l, Some(c))) => format!(" at line {l}, column {c}"),
        Some((l, None)) => format!(" at line {l}"),
    };
    ImportError::new(
        Some(Position::Line(line)),
        None,
        format!(
            "this line's JSON value does not end on it (is the line cut short?); the parser \
             stopped{stopped}: {}",
            error_text(e, "file").trim_end_matches(" (is the file truncated?)")
        ),
    )
}

/// `base.key` (or `key` at the root).
pub(crate) fn child(base: &str, key: &str) -> String {
    if base.is_empty() || base.ends_with(' ') {
        format!("{base}{key}")
    } else {
        format!("{base}.{key}")
    }
}

/// `base[i]`.
pub(crate) fn index(base: &str, i: usize) -> String {
    format!("{base}[{i}]")
}

pub(crate) fn missing(at: &str, field: &str) -> ImportError {
    ImportError::at(Position::Path(at.to_owned()), field, "missing")
}

/// An RFC 3339 timestamp, required.
pub(crate) fn timestamp(
    value: Option<&str>,
    at: &str,
    field: &str,
) -> Result<DateTime<Utc>, ImportError> {
    let value = value.ok_or_else(|| missing(at, field))?;
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| ImportError::at(Position::Path(at.to_owned()), field, not_a_timestamp(value)))
}

/// Why `s` is not an RFC 3339 timestamp, and how to write it: a
/// spreadsheet's date and time have no offset, a Unix time is a number.
pub(crate) fn not_a_timestamp(s: &str) -> String {
    const LIKE: &str = "write it like 2026-03-01T14:05:00Z (UTC) or 2026-03-01T15:05:00+01:00";
    let naive = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
    ]
    .iter()
    .any(|f| chrono::NaiveDateTime::parse_from_str(s, f).is_ok());
    // Both faults said at once: the offset added, the seconds were refused.
    if let Some(offset) = to_the_minute(s) {
        let also = if offset {
            ""
        } else {
            " and no time zone offset"
        };
        format!("{} has no seconds{also}: {LIKE}", crate::text::quoted(s))
    } else if naive {
        format!("{} has no time zone offset: {LIKE}", crate::text::quoted(s))
    } else if (DateTime::parse_from_rfc3339(s).err())
        .is_some_and(|e| e.kind() == chrono::format::ParseErrorKind::OutOfRange)
    {
        format!(
            "{} is no real time (a month, day, hour or offset out of range): {LIKE}",
            crate::text::quoted(s)
        )
    } else if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        format!("{s} is a number (a Unix time?), not an RFC 3339 timestamp: {LIKE}")
    } else {
        format!(
            "{} is not an RFC 3339 timestamp: {LIKE}",
            crate::text::quoted(s)
        )
    }
}

/// Whether `s` is a date and time to the minute (a spreadsheet's
/// `2026-03-01 14:05`), and if so whether an offset RFC 3339 reads follows.
fn to_the_minute(s: &str) -> Option<bool> {
    let minute = s.get(..16)?;
    ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
        .iter()
        .find(|f| chrono::NaiveDateTime::parse_from_str(minute, f).is_ok())?;
    match &s[16..] {
        "" => Some(false),
        offset => DateTime::parse_from_rfc3339(&format!("{minute}:00{offset}"))
            .ok()
            .map(|_| true),
    }
}

/// Whether the first non-blank byte opens an object or an array.
pub(crate) fn starts_like_json(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    matches!(
        head.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// The raw text following each `"key":` in `head` (a cheap scan for
/// `detect`, which may see a document cut anywhere).
pub(crate) fn key_values<'a>(head: &'a [u8], key: &str) -> impl Iterator<Item = &'a [u8]> + 'a {
    let pattern: Vec<u8> = [b"\"", key.as_bytes(), b"\""].concat();
    let mut from = 0;
    std::iter::from_fn(move || {
        while from + pattern.len() <= head.len() {
            let hit = memchr::memmem::find(&head[from..], &pattern)?;
            from += hit + pattern.len();
            let after = head[from..]
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .map(|p| from + p)?;
            if head[after] == b':' {
                let start = head[after + 1..]
                    .iter()
                    .position(|b| !b.is_ascii_whitespace())
                    .map_or(head.len(), |p| after + 1 + p);
                return Some(&head[start..]);
            }
        }
        None
    })
}

/// An object, or an array: `{…}` or `[…, …]`. Deserialised in place
/// (no buffering), so that errors keep serde_json's line and column.
pub enum ObjOrSeq<O, E> {
    Obj(O),
    Seq(Vec<E>),
}

impl<'de, O: Deserialize<'de>, E: Deserialize<'de>> Deserialize<'de> for ObjOrSeq<O, E> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<O, E>(PhantomData<(O, E)>);
        impl<'de, O: Deserialize<'de>, E: Deserialize<'de>> Visitor<'de> for V<O, E> {
            type Value = ObjOrSeq<O, E>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object or an array")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                O::deserialize(de::value::MapAccessDeserializer::new(map)).map(ObjOrSeq::Obj)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut all = Vec::new();
                while let Some(one) = seq.next_element()? {
                    all.push(one);
                }
                Ok(ObjOrSeq::Seq(all))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// A platform's time that is no RFC 3339 timestamp says why, in words.
    #[test]
    fn a_bad_time_says_why() {
        let why = |value: &str| {
            timestamp(Some(value), "[0]", "created_at")
                .unwrap_err()
                .message
        };
        for (value, said) in [
            ("2026-11-21T10:00:00", "has no time zone offset"),
            ("2026-11-21T10:00:00.123", "has no time zone offset"),
            ("2026-11-21 10:00", "has no seconds and no time zone offset"),
            ("2026-11-21T10:00+01:00", "has no seconds: write"),
            ("2026-02-30T10:00:00Z", "is no real time"),
            ("2026-11-21T10:00:00+25:00", "is no real time"),
            ("1763719200", "is a number (a Unix time?)"),
            ("yesterday", "is not an RFC 3339 timestamp"),
        ] {
            let message = why(value);
            assert!(
                message.contains(said) && message.contains("write it like"),
                "{message}"
            );
        }
        assert!(timestamp(Some("2026-11-21T10:00:00+01:00"), "", "t").is_ok());
        // Quoted as typed (a decomposed é), not in Rust's escapes.
        assert!(
            why("2024-01-01T00:00:00Ze\u{301}").starts_with("\"2024-01-01T00:00:00Ze\u{301}\" is"),
            "{}",
            why("2024-01-01T00:00:00Ze\u{301}")
        );
    }

    fn mended(text: &str) -> String {
        let mut bytes = text.as_bytes().to_vec();
        mend_surrogates(&mut bytes);
        String::from_utf8(bytes).expect("still UTF-8")
    }

    #[test]
    fn a_surrogate_without_its_other_half_becomes_the_replacement_character() {
        let cases = [
            (r#""cut \ud83d""#, r#""cut \uFFFD""#),
            (r#""\uDE00 late half""#, r#""\uFFFD late half""#),
            (r#""\ud83d\ud83d\ude00""#, r#""\uFFFD\ud83d\ude00""#),
            (r#""\ud83d\n""#, r#""\uFFFD\n""#),
            (r#""end \ud83d"#, r#""end \uFFFD"#),
        ];
        for (text, want) in cases {
            assert_eq!(mended(text), want, "{text}");
        }
        // Left as they are: pairs, other escapes, an escaped backslash
        // before letters, a broken escape (serde_json says what is wrong).
        for text in [
            r#""\ud83d\ude00 \u00e9 \n \" \\""#,
            r#""\\ud83d""#,
            r#""\u12""#,
            r#""\"#,
        ] {
            assert_eq!(mended(text), text);
        }
        let v: Value = serde_json::from_str(&mended(r#"{"b": "Fun \ud83d"}"#)).expect("parses");
        assert_eq!(v["b"], "Fun \u{fffd}");
    }

    #[test]
    fn a_stream_is_mended_wherever_its_buffer_cuts_an_escape() {
        let text = "{\"a\": \"x\\ud83d\"}\n{\"a\": \"\\ud83d\\ude00\\n\\\\ud83d\"} [\"\\ude00\"]\n\"\\u00e9\\ud83d\"";
        let want = [
            json_value(r#"{"a": "x�"}"#),
            json_value(r#"{"a": "😀\n\\ud83d"}"#),
            json_value(r#"["�"]"#),
            json_value(r#""é�""#),
        ];
        for capacity in 1..=16 {
            let mut input = std::io::BufReader::with_capacity(capacity, text.as_bytes());
            let mut got = Vec::new();
            read_values::<Value>(&mut input, &mut |v, _| {
                got.push(v);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("capacity {capacity}: {e:?}"));
            assert_eq!(got, want, "capacity {capacity}");
        }
    }

    /// With LF line ends, and CRLF, as a file saved on Windows has.
    #[test]
    fn a_line_cut_inside_a_string_is_the_line_named() {
        for end in ["\n", "\r\n"] {
            let text = format!("{{\"a\": 1}}{end}{{\"a\": \"cut{end}{{\"a\": 3}}{end}");
            let err = read_values::<Value>(&mut text.as_bytes(), &mut |_, _| Ok(()))
                .expect_err("a cut line");
            assert_eq!(err.position, Some(Position::Line(2)), "{end:?}");
            assert!(
                err.message.contains("is the line cut short?"),
                "{end:?}: {err:?}"
            );
        }
        // A whole document: the same line.
        let err = serde_json::from_str::<Value>("[\n\"cut\n]").expect_err("cut");
        assert_eq!(error_place(&err), (2, None));
        // Whole CRLF lines read as before, their strings' escaped CRs kept.
        let mut got = Vec::new();
        let text = "{\"a\": \"x\\r\\ny\"}\r\n\r\n{\"a\": 2}\r\n";
        read_values::<Value>(&mut text.as_bytes(), &mut |v, _| {
            got.push(v);
            Ok(())
        })
        .unwrap();
        assert_eq!(
            got,
            [
                serde_json::json!({"a": "x\r\ny"}),
                serde_json::json!({"a": 2})
            ]
        );
    }

    #[test]
    fn a_record_cut_short_is_its_line_not_the_next() {
        let cases = [
            // Cut after an opening brace: the next record read as a key.
            ("{\"a\": 1}\n{\"a\": {\n{\"a\": 3}\n", 2, "line 3, column 1"),
            // Cut after a key's colon, the last line.
            ("{\"a\": 1}\n{\"a\":\n", 2, "at the end of the file"),
            (
                "{\"a\": [1,\n{\"a\": 3}\n{\"a\": 4}\n",
                1,
                "line 3, column 1",
            ),
        ];
        for (text, line, said) in cases {
            let err = read_values::<Value>(&mut text.as_bytes(), &mut |_, _| Ok(()))
                .expect_err("a cut record");
            assert_eq!(
                err.position,
                Some(Position::Line(line)),
                "{text:?}: {err:?}"
            );
            assert!(err.message.contains("is the line cut short?"), "{err:?}");
            assert!(err.message.contains(said), "{text:?}: {err:?}");
        }
        // A document spread over lines keeps the place the parser gives,
        // however much its first line holds (`[ {`, its first key).
        for (text, at) in [
            ("[\n{\"a\": 1},\n{\"a\" 2}\n]\n", (3, 6)),
            ("[ {\n  \"a\" : 1\n}, {\n  \"a\" 2\n} ]\n", (4, 7)),
            ("{\"kind\": \"x\",\n  \"a\": [1 2]}\n", (2, 11)),
            // An array written an element a line.
            (
                "{\"data\":[\n{\"a\": 1},\n{\"a\": 1 \"b\": 2}\n]}\n",
                (3, 9),
            ),
        ] {
            let err = read_values::<Value>(&mut text.as_bytes(), &mut |_, _| Ok(()))
                .expect_err("a bad document");
            assert_eq!(err.position, Some(Position::LineCol(at.0, at.1)), "{err:?}");
            assert!(!err.message.contains("cut short"), "{err:?}");
        }
    }

    fn json_value(text: &str) -> Value {
        serde_json::from_str(text).expect("json")
    }
}
