//! Walking a whole JSON document as a `serde_json::Value` tree, for the
//! importers whose files cannot be deserialised into fixed shapes as they
//! stream (see `json` for those): Reddit, Facebook/Instagram, Bluesky and
//! Hacker News answer with trees whose shape depends on the data (kind tags,
//! `replies` that is `""` or a Listing, union types, deleted nodes). They read
//! each document whole and walk it with an explicit stack.
//!
//! This module is the one place for what those walks share, so that every
//! such format reports errors the same way: where a document sits in the
//! input ([`Doc`]), a JSON path to the value (`data.children[3].data.id`,
//! with `N: ` for a document that does not start on line 1), and the
//! same messages for missing fields and values of the wrong type.

use crate::import::format::{ImportError, Position};
use serde_json::Value;
use std::io::{BufRead, Read};

pub(crate) use super::json::{child, index};

/// A JSON object.
pub(crate) type Obj = serde_json::Map<String, Value>;

/// Where a JSON document sits in the input, for error positions.
pub(crate) struct Doc {
    /// The line the document starts on.
    pub(crate) line: u64,
    /// Its column there, when another document ends on that line before
    /// it (pages appended with no line break between them); else 1.
    pub(crate) column: u64,
    /// Whether the file holds other documents (JSON Lines): then even the
    /// first says its line.
    pub(crate) several: bool,
}

impl Doc {
    /// A JSON path in this document (`""` is the document itself).
    pub(crate) fn pos(&self, path: &str) -> Position {
        // `N: ` before the path, as the other JSON formats of ackbox write
        // it, for a document of several (JSON Lines): `file:N: path: …`, as
        // a line-oriented format's errors read.
        let path = if path.is_empty() { "$" } else { path };
        match (self.line, self.column) {
            (1, 1) if !self.several => Position::Path(path.to_owned()),
            (line, 1) => Position::Path(format!("{line}: {path}")),
            (line, column) => Position::Path(format!("{line}:{column}: {path}")),
        }
    }

    /// An error at `path`, about `field` (none when empty).
    pub(crate) fn err(&self, path: &str, field: &str, message: impl Into<String>) -> ImportError {
        let field = (!field.is_empty()).then_some(field);
        ImportError::new(Some(self.pos(path)), field, message)
    }
}

/// The most of a file these formats read whole (its tree takes a few times
/// as much memory): an API's pages are far smaller, so anything larger is
/// not such a file (`/dev/zero`), or pages to import a few at a time.
const MAX_INPUT: u64 = 256 * 1024 * 1024;

/// Reads the whole input as its top-level JSON values: one document, JSON
/// Lines, or documents simply written one after another. serde_json's
/// recursion limit (128) stays on, so hostile nesting is an error, not a
/// stack overflow.
pub(crate) fn read_documents(input: &mut dyn BufRead) -> Result<Vec<(Value, Doc)>, ImportError> {
    read_documents_within(input, MAX_INPUT)
}

fn read_documents_within(
    input: &mut dyn BufRead,
    max: u64,
) -> Result<Vec<(Value, Doc)>, ImportError> {
    let mut bytes = Vec::new();
    input
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::new(None, None, format!("cannot read the input: {e}")))?;
    if bytes.len() as u64 > max {
        return Err(ImportError::new(
            Some(Position::Byte(max)),
            None,
            format!(
                "the file runs over {} MiB, which this format reads whole: no platform's pages \
                 are that large (not a JSON file?); split pages into several files",
                max / (1024 * 1024)
            ),
        ));
    }
    super::json::mend_surrogates(&mut bytes);
    // A byte-order mark at a line's start is where another file began (`cat
    // a.json b.json`; a raw line break is never inside a JSON string): as
    // invisible as at the start, blanked in place to keep every position.
    let marks: Vec<usize> = (memchr::memchr_iter(b'\n', &bytes))
        .map(|end| end + 1)
        .filter(|&at| bytes[at..].starts_with(b"\xEF\xBB\xBF"))
        .collect();
    for at in marks {
        bytes[at..at + 3].copy_from_slice(b"   ");
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut stream = serde_json::Deserializer::from_slice(text).into_iter::<Value>();
    let (mut values, mut line, mut counted) = (Vec::new(), 1u64, 0usize);
    loop {
        let start = stream.byte_offset();
        let start = start
            + text.get(start..).map_or(0, |rest| {
                rest.iter().take_while(|b| b.is_ascii_whitespace()).count()
            });
        match stream.next() {
            None => break,
            Some(Err(e)) => {
                line += newlines(&text[counted..start]);
                return Err(json_error(&e, text, start, line));
            }
            Some(Ok(value)) => {
                line += newlines(&text[counted..start]);
                counted = start;
                let line_start = memchr::memrchr(b'\n', &text[..start]).map_or(0, |n| n + 1);
                // Only after another document: indentation is no place.
                let after = !text[line_start..start].iter().all(u8::is_ascii_whitespace);
                let column = if after {
                    (start - line_start) as u64 + 1
                } else {
                    1
                };
                values.push((
                    value,
                    Doc {
                        line,
                        column,
                        several: false,
                    },
                ));
            }
        }
    }
    let several = values.len() > 1;
    for (_, doc) in &mut values {
        doc.several = several;
    }
    Ok(values)
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// A parser error with its line and column, in a document that starts at
/// byte `start` of `text`, on `line`. An error past the first line of a
/// JSON Lines record (see [`super::json::is_record`]) means it was cut
/// short, the next line read as the rest of it.
fn json_error(e: &serde_json::Error, text: &[u8], start: usize, line: u64) -> ImportError {
    let doc = &text[start..];
    // The parser places a byte that is not UTF-8 after the escapes that
    // follow it in its string: the byte's own place.
    let bad = super::json::is_not_utf8(e)
        .then(|| std::str::from_utf8(doc).err())
        .flatten();
    let place = match bad {
        Some(bad) => {
            let at = start + bad.valid_up_to();
            let line_start = memchr::memrchr(b'\n', &text[..at]).map_or(0, |n| n + 1);
            (
                1 + newlines(&text[..at]),
                Some((at - line_start) as u64 + 1),
            )
        }
        None => super::json::error_place(e),
    };
    let end = doc.iter().position(|&b| b == b'\n');
    let record = super::json::is_record(
        e,
        end.map(|end| doc[..end].trim_ascii().len() as u64),
        end.and_then(|end| doc.get(end + 1).copied()),
    );
    if record && place.0 != line {
        return super::json::cut_record(e, line, (place.0 > 0).then_some(place));
    }
    let position = match place {
        (0, _) => None,
        (line, Some(column)) => Some(Position::LineCol(line, column)),
        (line, None) => Some(Position::Line(line)),
    };
    ImportError::new(
        position,
        None,
        format!("invalid JSON: {}", super::json::error_text(e, "file")),
    )
}

/// Calls `f` with each response in `documents` (a document is one response
/// or a JSON array of them), with its document and path; stops at an error.
pub(crate) fn for_each_response(
    documents: &[(Value, Doc)],
    mut f: impl FnMut(&Doc, &Value, &str) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    for (root, doc) in documents {
        match root {
            Value::Array(responses) => {
                for (i, response) in responses.iter().enumerate() {
                    let path = index("", i);
                    refuse_error(doc, response, &path)?;
                    f(doc, response, &path)?;
                }
            }
            response => {
                refuse_error(doc, response, "")?;
                f(doc, response, "")?;
            }
        }
    }
    Ok(())
}

/// Reads the input's documents twice: `note` gathers from every response
/// what the whole file tells (titles, users, roots), then `read` reads each
/// response knowing it, so that an item reads the same wherever in the file
/// those are.
pub(crate) fn read_twice<T: Default>(
    input: &mut dyn BufRead,
    mut note: impl FnMut(&mut T, &Doc, &Value, &str),
    mut read: impl FnMut(&T, &Doc, &Value, &str) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let documents = read_documents(input)?;
    let mut known = T::default();
    for_each_response(&documents, |doc, response, path| {
        note(&mut known, doc, response, path);
        Ok(())
    })?;
    for_each_response(&documents, |doc, response, path| {
        read(&known, doc, response, path)
    })
}

/// Refuses an API error response where a response belongs: a fetch that
/// failed part way appends its error as a page.
pub(crate) fn refuse_error(doc: &Doc, response: &Value, path: &str) -> Result<(), ImportError> {
    match super::api_error_in(response) {
        Some(message) => Err(doc.err(
            &child(path, "error"),
            "",
            format!("the file holds an API error response, not comments: {message}"),
        )),
        None => Ok(()),
    }
}

/// Refuses a record of ackbox's canonical format where `what` belongs:
/// `--format FORMAT` forced on an export, said so rather than misread.
pub(crate) fn refuse_canonical(
    doc: &Doc,
    obj: &Obj,
    path: &str,
    what: &str,
    format: &str,
) -> Result<(), ImportError> {
    if obj.contains_key("platform") && obj.contains_key("body") {
        return Err(doc.err(
            &child(path, "platform"),
            "platform",
            format!(
                "a record of ackbox's canonical format, not {what}: import it without \
                 --format {format}"
            ),
        ));
    }
    Ok(())
}

/// A depth-first walk's stack: each value with its path and the id of the
/// item it hangs under. Trees are walked with it, never with the call stack:
/// they can be as deep as the JSON parser allows.
pub(crate) type Stack<'a> = Vec<(&'a Value, String, Option<String>)>;

/// Pushes the elements of the array at `path` so that the first is popped
/// first, each hanging under `parent`.
pub(crate) fn push_children<'a>(
    stack: &mut Stack<'a>,
    children: &'a [Value],
    path: &str,
    parent: Option<&str>,
) {
    for (i, child) in children.iter().enumerate().rev() {
        stack.push((child, index(path, i), parent.map(str::to_owned)));
    }
}

/// What kind of JSON value `v` is, for messages: "a string", "null", ….
pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `obj[key]`, with null taken as missing.
pub(crate) fn field<'a>(obj: &'a Obj, key: &str) -> Option<&'a Value> {
    obj.get(key).filter(|v| !v.is_null())
}

/// `path.key` holds `found` where `expected` was wanted.
pub(crate) fn wrong_type(
    doc: &Doc,
    path: &str,
    key: &str,
    expected: &str,
    found: &Value,
) -> ImportError {
    doc.err(
        &child(path, key),
        key,
        format!("expected {expected}, found {}", kind_of(found)),
    )
}

/// `path.key` is missing (or null).
fn missing(doc: &Doc, path: &str, key: &str) -> ImportError {
    doc.err(&child(path, key), key, "missing")
}

pub(crate) fn opt_str<'a>(
    doc: &Doc,
    obj: &'a Obj,
    path: &str,
    key: &str,
) -> Result<Option<&'a str>, ImportError> {
    match field(obj, key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(wrong_type(doc, path, key, "a string", other)),
    }
}

pub(crate) fn req_str<'a>(
    doc: &Doc,
    obj: &'a Obj,
    path: &str,
    key: &str,
) -> Result<&'a str, ImportError> {
    opt_str(doc, obj, path, key)?.ok_or_else(|| missing(doc, path, key))
}

pub(crate) fn opt_obj<'a>(
    doc: &Doc,
    obj: &'a Obj,
    path: &str,
    key: &str,
) -> Result<Option<&'a Obj>, ImportError> {
    match field(obj, key) {
        None => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(other) => Err(wrong_type(doc, path, key, "an object", other)),
    }
}

pub(crate) fn req_obj<'a>(
    doc: &Doc,
    obj: &'a Obj,
    path: &str,
    key: &str,
) -> Result<&'a Obj, ImportError> {
    opt_obj(doc, obj, path, key)?.ok_or_else(|| missing(doc, path, key))
}

pub(crate) fn opt_arr<'a>(
    doc: &Doc,
    obj: &'a Obj,
    path: &str,
    key: &str,
) -> Result<Option<&'a Vec<Value>>, ImportError> {
    match field(obj, key) {
        None => Ok(None),
        Some(Value::Array(a)) => Ok(Some(a)),
        Some(other) => Err(wrong_type(doc, path, key, "an array", other)),
    }
}

/// A value that must be an object (an array element), `what` naming it.
pub(crate) fn as_obj<'a>(
    doc: &Doc,
    v: &'a Value,
    path: &str,
    what: &str,
) -> Result<&'a Obj, ImportError> {
    match v {
        Value::Object(o) => Ok(o),
        other => Err(doc.err(
            path,
            what,
            format!("expected an object, found {}", kind_of(other)),
        )),
    }
}

/// An id given as a string or as an integer.
pub(crate) fn opt_id(
    doc: &Doc,
    obj: &Obj,
    path: &str,
    key: &str,
) -> Result<Option<String>, ImportError> {
    match field(obj, key) {
        None => Ok(None),
        Some(v) => (id_value(v).map(Some)).ok_or_else(|| wrong_type(doc, path, key, "an id", v)),
    }
}

/// A `true`/`false` field, if there is one.
pub(crate) fn opt_bool(
    doc: &Doc,
    obj: &Obj,
    path: &str,
    key: &str,
) -> Result<Option<bool>, ImportError> {
    match field(obj, key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => Err(wrong_type(doc, path, key, "true or false", other)),
    }
}

/// An id as [`opt_id`] reads one (a string, or an integer written as a
/// number), `None` for anything else: for a first reading of a file,
/// which leaves what is wrong to the second.
pub(crate) fn id_value(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) if n.is_u64() || n.is_i64() => Some(n.to_string()),
        _ => None,
    }
}

pub(crate) fn req_id(doc: &Doc, obj: &Obj, path: &str, key: &str) -> Result<String, ImportError> {
    opt_id(doc, obj, path, key)?.ok_or_else(|| missing(doc, path, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> ImportError {
        match read_documents(&mut text.as_bytes()) {
            Ok(_) => panic!("read as JSON: {text:?}"),
            Err(e) => e,
        }
    }

    /// A file larger than the formats read whole stops there, read no further.
    #[test]
    fn a_file_too_large_to_read_whole_is_refused() {
        let mut endless = std::io::repeat(b' ');
        let mut input = std::io::BufReader::new(&mut endless);
        let err = match read_documents_within(&mut input, 1024 * 1024) {
            Ok(_) => panic!("read"),
            Err(e) => e,
        };
        assert_eq!(err.position, Some(Position::Byte(1024 * 1024)));
        assert!(err.message.contains("runs over 1 MiB"), "{err:?}");
        assert!(read_documents_within(&mut "{} {}".as_bytes(), 5).is_ok());
    }

    /// Pages appended with no line break between them: a document after
    /// another on its line is placed by its column too.
    #[test]
    fn a_document_after_another_on_its_line_is_placed_by_its_column() {
        let docs = read_documents(&mut "{\"a\":1}{\"b\":2}\n  {\"c\":3}\n".as_bytes()).unwrap();
        let places: Vec<Position> = docs.iter().map(|(_, d)| d.pos("data")).collect();
        assert_eq!(
            places,
            [
                Position::Path("1: data".into()),
                Position::Path("1:8: data".into()),
                Position::Path("2: data".into()),
            ]
        );
    }

    #[test]
    fn a_record_cut_short_is_its_line_not_the_next() {
        let err = error_of("{\"a\": 1}\n{\"a\": [\n{\"a\": 3}\n{\"a\": 4}\n");
        assert_eq!(err.position, Some(Position::Line(2)), "{err:?}");
        assert!(err.message.contains("is the line cut short?"), "{err:?}");
        assert!(err.message.contains("at line 4, column 1"), "{err:?}");
        let err = error_of("{\"a\": 1}\n{\"a\":\n{\"a\": 3}\n");
        assert_eq!(err.position, Some(Position::Line(2)), "{err:?}");
        assert!(err.message.contains("at the end of the file"), "{err:?}");
        // A document spread over lines keeps the place the parser gives,
        // however much its first line holds (`[ {`, its first key).
        for (text, at) in [
            ("{\"a\": 1}\n[\n{\"a\": 1},\n{\"a\" 2}\n]\n", (4, 6)),
            ("[ {\n  \"a\" : 1\n}, {\n  \"a\" 2\n} ]\n", (4, 7)),
            ("{\"kind\": \"x\",\n  \"a\": [1 2]}\n", (2, 11)),
            // An array written an element a line.
            (
                "{\"data\":[\n{\"a\": 1},\n{\"a\": 1 \"b\": 2}\n]}\n",
                (3, 9),
            ),
        ] {
            let err = error_of(text);
            assert_eq!(err.position, Some(Position::LineCol(at.0, at.1)), "{err:?}");
            assert!(!err.message.contains("cut short"), "{err:?}");
        }
    }
}
