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
/// starting on line 1, else `"line N: "`. Errors from `each` are returned
/// unchanged; parse errors carry the line and column in the file.
pub(crate) fn read_values<T: DeserializeOwned>(
    input: &mut dyn BufRead,
    each: &mut dyn FnMut(T, String) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let mut r = Counting {
        inner: input,
        line: 1,
        col: 0,
    };
    r.skip_bom()?;
    while r.skip_whitespace()? {
        let (line, col) = (r.line, r.col);
        let value = {
            let mut de = serde_json::Deserializer::from_reader(&mut r);
            T::deserialize(&mut de).map_err(|e| parse_error(&e, line, col))?
        };
        let at = if line == 1 {
            String::new()
        } else {
            format!("line {line}: ")
        };
        each(value, at)?;
    }
    Ok(())
}

/// A reader that counts lines and columns of the bytes it hands out.
struct Counting<'a> {
    inner: &'a mut dyn BufRead,
    /// 1-based line of the next byte.
    line: u64,
    /// Bytes already read on that line.
    col: u64,
}

/// Moves a line/column position over `bytes`.
fn advance(line: &mut u64, col: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        if b == b'\n' {
            *line += 1;
            *col = 0;
        } else {
            *col += 1;
        }
    }
}

impl Counting<'_> {
    fn skip_bom(&mut self) -> Result<(), ImportError> {
        let buf = self
            .inner
            .fill_buf()
            .map_err(|e| read_error(&e, self.line))?;
        if buf.starts_with(b"\xEF\xBB\xBF") {
            self.inner.consume(3);
        }
        Ok(())
    }

    /// Skips whitespace; false at the end of the input.
    fn skip_whitespace(&mut self) -> Result<bool, ImportError> {
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(read_error(&e, self.line)),
            };
            if buf.is_empty() {
                return Ok(false);
            }
            let n = buf
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                .count();
            let all = n == buf.len();
            advance(&mut self.line, &mut self.col, &buf[..n]);
            self.inner.consume(n);
            if !all {
                return Ok(true);
            }
        }
    }
}

impl Read for Counting<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.inner.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        advance(&mut self.line, &mut self.col, &buf[..n]);
        self.inner.consume(n);
        Ok(n)
    }
}

fn read_error(e: &io::Error, line: u64) -> ImportError {
    ImportError::new(Some(Position::Line(line)), None, format!("read error: {e}"))
}

/// What a serde_json error says, without the place it gives (its line is
/// the parsed text's, which callers place in the file), and a hint where
/// the parser's words mislead.
pub(crate) fn error_text(e: &serde_json::Error) -> String {
    let said = e.to_string();
    let message = said
        .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
        .unwrap_or(&said);
    if e.is_eof() {
        format!("{message} (is the file truncated?)")
    } else if message.starts_with("control character") && e.column() == 0 {
        // The newline that ends the line came inside a string.
        format!("{message}: a line ends inside a string (is the line cut short?)")
    } else if message.starts_with("recursion limit exceeded") {
        format!("{message} (nested more than 128 levels deep: fetch a shallower tree)")
    } else {
        message.to_owned()
    }
}

/// A serde_json error, placed in the file (the value started at
/// `line`, after `col` bytes of that line).
fn parse_error(e: &serde_json::Error, line: u64, col: u64) -> ImportError {
    if e.is_io() {
        return read_error(&io::Error::other(e.to_string()), line);
    }
    let (l, c) = (e.line() as u64, e.column() as u64);
    let message = error_text(e);
    let position = if l == 0 {
        Position::Line(line)
    } else if l == 1 {
        Position::LineCol(line, col + c)
    } else {
        Position::LineCol(line + l - 1, c)
    };
    ImportError::new(Some(position), None, message)
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
        .map_err(|e| {
            ImportError::at(
                Position::Path(at.to_owned()),
                field,
                format!("{value:?} is not an RFC 3339 timestamp: {e}"),
            )
        })
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
            let rest = &head[from..];
            let hit = rest
                .windows(pattern.len())
                .position(|w| w == pattern.as_slice())?;
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
