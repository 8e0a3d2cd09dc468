//! ackbox's own format (PRODUCT.md): JSON Lines, or CSV with the same
//! column names. Also reads what `ackbox export` writes (states and log).

use super::format::{Format, ImportError, Position, Sink, Skipped};
use crate::model::{Kind, Record, SavedState};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::io::BufRead;

/// The canonical format, JSON Lines or CSV, told apart by the first byte.
pub struct Canonical;

/// The columns of the canonical format, in the order `export` writes them.
pub const COLUMNS: &[&str] = &[
    "platform",
    "id",
    "parent_id",
    "thread_id",
    "thread_title",
    "thread_url",
    "author",
    "author_name",
    "body",
    "created_at",
    "url",
    "kind",
    "own",
];

/// The extra columns an export adds.
pub const SAVED_COLUMNS: &[&str] = &[
    "state",
    "dismiss_reason",
    "snoozed_until",
    "state_changed_at",
    "first_reply_at",
    "origin",
    "thread_muted",
    "author_vip",
    "author_note",
    "author_actions",
    "log",
    "reply_action",
];

const REQUIRED: &[&str] = &["platform", "id", "author", "body", "created_at"];

impl Format for Canonical {
    fn name(&self) -> &'static str {
        "canonical"
    }

    fn dates_are_typed(&self) -> bool {
        true
    }

    fn detect(&self, head: &[u8]) -> bool {
        let text = String::from_utf8_lossy(head);
        let first = text.trim_start().lines().next().unwrap_or("");
        if first.starts_with('{') {
            // The first object may be cut off by the end of `head` (a long body
            // before the other keys): "platform", or "author" with "body" and
            // "created_at", is what no platform's own format has on a line
            // (a minified Reddit listing has "author" and "body" deep inside).
            return first.contains("\"platform\"")
                || (first.contains("\"author\"")
                    && first.contains("\"body\"")
                    && first.contains("\"created_at\""));
        }
        let header: Vec<&str> = first
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        REQUIRED.iter().all(|c| header.contains(c))
    }

    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        _skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        let first = input
            .fill_buf()
            .map_err(|e| ImportError::new(None, None, e.to_string()))?;
        match first.iter().find(|b| !b.is_ascii_whitespace()) {
            None => Ok(()),
            Some(b'{' | b'[') => read_jsonl(input, sink),
            Some(_) => read_csv(input, sink),
        }
    }
}

/// What a JSON file that is not JSON Lines is told.
const ONE_A_LINE: &str = "the canonical format is one JSON object per line (JSON Lines); \
                          write each object on a line of its own (jq -c '.[]' for an array)";

fn read_jsonl(input: &mut dyn BufRead, sink: &mut Sink<'_>) -> Result<(), ImportError> {
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    let mut offset = 0u64;
    loop {
        buf.clear();
        let n = input.read_until(b'\n', &mut buf).map_err(|e| {
            ImportError::new(Some(Position::Line(line_no + 1)), None, e.to_string())
        })?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        let pos = Position::Line(line_no);
        super::json::mend_surrogates(&mut buf);
        let line = std::str::from_utf8(&buf).map_err(|e| {
            ImportError::new(
                Some(pos.clone()),
                None,
                format!(
                    "invalid UTF-8 at byte offset {}",
                    offset + e.valid_up_to() as u64
                ),
            )
        })?;
        offset += n as u64;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(line).map_err(|e| {
            // A line that only opens an object or array is pretty-printed JSON.
            if matches!(line, "{" | "[") {
                let message =
                    format!("{line} alone on a line (pretty-printed JSON?): {ONE_A_LINE}");
                return ImportError::new(Some(pos.clone()), None, message);
            }
            // The line is the file's, the column the parser's.
            ImportError::new(
                Some(Position::LineCol(line_no, e.column() as u64)),
                None,
                format!("not valid JSON: {}", super::json::error_text(&e, "line")),
            )
        })?;
        let map = match value {
            Value::Object(map) => map,
            Value::Array(_) => {
                return Err(ImportError::new(
                    Some(pos),
                    None,
                    format!("expected a JSON object, found an array: {ONE_A_LINE}"),
                ));
            }
            _ => return Err(ImportError::new(Some(pos), None, "expected a JSON object")),
        };
        let record = record_from_map(map, &pos)?;
        sink(record, pos)?;
    }
}

fn read_csv(input: &mut dyn BufRead, sink: &mut Sink<'_>) -> Result<(), ImportError> {
    // "platform, id, author" (spaces after the commas, as people type a
    // header) names the same columns.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::Headers)
        .from_reader(LineEnds::new(input));
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(e) => return Err(csv_error(&mut reader, &e, None)),
    };
    // Two columns of one name: which one holds the value is a guess.
    for (i, h) in headers.iter().enumerate() {
        if headers.iter().skip(i + 1).any(|other| other == h) {
            return Err(ImportError::at(
                Position::Line(1),
                &crate::text::one_line(h),
                "the header names this column twice",
            ));
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|col| !headers.iter().any(|h| h == *col))
        .collect();
    match missing[..] {
        [] => {}
        [col] => {
            return Err(ImportError::at(
                Position::Line(1),
                col,
                "the header has no such column",
            ));
        }
        // Another program's CSV (a platform's own export), not a canonical one.
        _ => {
            let has = crate::text::one_line(&headers.iter().collect::<Vec<_>>().join(", "));
            return Err(ImportError::new(
                Some(Position::Line(1)),
                None,
                format!(
                    "not ackbox's canonical CSV: its header ({}) lacks {}; a platform's own \
                     CSV export is not read (see `ackbox import --help` for the formats)",
                    crate::text::truncate(&has, 120),
                    missing.join(", ")
                ),
            ));
        }
    }
    let mut row = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut row) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(e) => return Err(csv_error(&mut reader, &e, Some(&row))),
        }
        let line = row.position().map_or(0, |p| reader.get_mut().start_line(p));
        let pos = Position::Line(line);
        let map: Map<String, Value> = headers
            .iter()
            .zip(row.iter())
            .filter(|(_, v)| !v.is_empty())
            .map(|(h, v)| (h.to_owned(), Value::String(v.to_owned())))
            .collect();
        // CSV has no absent-vs-empty distinction: a body column that is there is the body.
        let mut map = map;
        map.entry("body")
            .or_insert_with(|| Value::String(String::new()));
        let record = record_from_map(map, &pos)?;
        sink(record, pos)?;
    }
}

type CsvReader<'a> = csv::Reader<LineEnds<&'a mut dyn BufRead>>;

/// A CSV error, placed on the line where its record starts; `row` is the
/// record as read, when there is one.
fn csv_error(
    reader: &mut CsvReader<'_>,
    e: &csv::Error,
    row: Option<&csv::StringRecord>,
) -> ImportError {
    let pos = e
        .position()
        .map(|p| Position::Line(reader.get_mut().start_line(p)));
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => {
            format!(
                "invalid UTF-8 in field {} (byte {} of the field)",
                err.field() + 1,
                err.valid_up_to()
            )
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            // A quote left open makes one field of the lines that follow.
            let open = row.and_then(|r| r.iter().position(|f| f.contains('\n')));
            match open {
                Some(i) if len < expected_len => format!(
                    "{len} fields where the header has {expected_len}: field {} runs over \
                     several lines (a quote left open?)",
                    i + 1
                ),
                _ => format!("{len} fields where the header has {expected_len}"),
            }
        }
        _ => e.to_string(),
    };
    ImportError::new(pos, None, message)
}

/// Hands the input to the CSV parser and notes where its line ends are,
/// so that a record is placed on the line its first byte is on, as a
/// text editor counts. The csv crate places a record where the reading of
/// the previous one stopped: a line early after a CRLF (whose `\n` it
/// reads with the next record), more after blank lines.
struct LineEnds<R> {
    inner: R,
    /// Bytes handed out so far.
    read: u64,
    /// Offsets of the `\r` and `\n` bytes handed out (true for `\n`), from
    /// the start of the last record placed on.
    ends: std::collections::VecDeque<(u64, bool)>,
}

impl<R> LineEnds<R> {
    fn new(inner: R) -> Self {
        LineEnds {
            inner,
            read: 0,
            ends: std::collections::VecDeque::new(),
        }
    }

    /// The line of a record the parser placed at `pos`: `pos`'s line (the
    /// `\n` bytes before it, plus one) and the line ends right at `pos`,
    /// which the parser skips before the record's first byte.
    fn start_line(&mut self, pos: &csv::Position) -> u64 {
        while self.ends.front().is_some_and(|&(at, _)| at < pos.byte()) {
            self.ends.pop_front();
        }
        let skipped = self
            .ends
            .iter()
            .zip(pos.byte()..)
            .take_while(|((at, _), expected)| at == expected)
            .filter(|((_, newline), _)| *newline)
            .count();
        pos.line() + skipped as u64
    }
}

impl<R: std::io::Read> std::io::Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let ends = buf[..n]
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b, b'\r' | b'\n'))
            .map(|(i, &b)| (self.read + i as u64, b == b'\n'));
        self.ends.extend(ends);
        self.read += n as u64;
        Ok(n)
    }
}

/// A text field, taken out of the map: strings as they are, whole numbers
/// as their decimal form. A number JSON cannot hold exactly (past 64 bits,
/// or with a fraction) is refused: two ids would come out the same.
fn text(
    map: &mut Map<String, Value>,
    key: &str,
    pos: &Position,
) -> Result<Option<String>, ImportError> {
    match map.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(Some(n.to_string())),
        Some(Value::Number(_)) => Err(ImportError::at(
            pos.clone(),
            key,
            "a number that is not whole or is past 64 bits, which JSON readers round: \
             write it as a string",
        )),
        Some(other) => Err(ImportError::at(
            pos.clone(),
            key,
            format!("expected text, found {}", kind_of(&other)),
        )),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn required(
    map: &mut Map<String, Value>,
    key: &str,
    pos: &Position,
    allow_empty: bool,
) -> Result<String, ImportError> {
    match text(map, key, pos)? {
        Some(s) if allow_empty || !s.trim().is_empty() => Ok(s),
        Some(_) => Err(ImportError::at(pos.clone(), key, "must not be empty")),
        None => Err(ImportError::at(pos.clone(), key, "is missing (required)")),
    }
}

fn optional(
    map: &mut Map<String, Value>,
    key: &str,
    pos: &Position,
) -> Result<Option<String>, ImportError> {
    Ok(text(map, key, pos)?.filter(|s| !s.is_empty()))
}

/// An id field (`id`, `parent_id`, `thread_id`) or the author's handle
/// without the spaces typed around it (a spreadsheet's `c1 ,`): an id is
/// what the platform calls the item (or the person), which never starts or
/// ends with a space, and a reference must match it exactly. Only the ends:
/// an id may hold spaces.
fn trimmed(id: String) -> String {
    match id.trim() {
        same if same.len() == id.len() => id,
        inner => inner.to_owned(),
    }
}

/// An optional id field, trimmed; blank is none.
fn optional_id(
    map: &mut Map<String, Value>,
    key: &str,
    pos: &Position,
) -> Result<Option<String>, ImportError> {
    Ok(optional(map, key, pos)?
        .map(trimmed)
        .filter(|id| !id.is_empty()))
}

pub(crate) fn parse_time(
    s: &str,
    field: &str,
    pos: &Position,
) -> Result<DateTime<Utc>, ImportError> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            ImportError::at(
                pos.clone(),
                field,
                format!("{s:?} is not an RFC 3339 timestamp"),
            )
        })
}

fn record_from_map(mut map: Map<String, Value>, pos: &Position) -> Result<Record, ImportError> {
    let saved = saved_state(&map, pos)?;
    let map = &mut map;
    let platform = required(map, "platform", pos, false)?.trim().to_lowercase();
    let created = required(map, "created_at", pos, false)?;
    let created_at = parse_time(&created, "created_at", pos)?;
    let stated = optional(map, "kind", pos)?;
    let kind = match &stated {
        None => Kind::Comment,
        Some(k) => k
            .trim()
            .to_lowercase()
            .parse()
            .map_err(|e: String| ImportError::at(pos.clone(), "kind", e))?,
    };
    let own = match map.get("own") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::String(s)) => match s.trim().to_lowercase().as_str() {
            "" => None,
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" => Some(false),
            _ => {
                return Err(ImportError::at(
                    pos.clone(),
                    "own",
                    format!("{s:?} is not true or false"),
                ));
            }
        },
        Some(other) => {
            return Err(ImportError::at(
                pos.clone(),
                "own",
                format!("expected true or false, found {}", kind_of(other)),
            ));
        }
    };
    // Blank is none, as every import takes it.
    let (mut thread_title, mut thread_url) = (
        optional(map, "thread_title", pos)?,
        optional(map, "thread_url", pos)?,
    );
    super::clean_field(&mut thread_title);
    super::clean_field(&mut thread_url);
    // A thread named by its link alone is the thread at that link; by its
    // title alone it is none in particular ("Weekly thread").
    let thread_id = match optional_id(map, "thread_id", pos)? {
        None if thread_title.is_some() && thread_url.is_none() => {
            return Err(ImportError::at(
                pos.clone(),
                "thread_id",
                "missing beside thread_title: which thread is it? (a thread_url names it too)",
            ));
        }
        None => thread_url.as_deref().map(|u| trimmed(u.to_owned())),
        id => id,
    };
    Ok(Record {
        platform,
        id: trimmed(required(map, "id", pos, false)?),
        parent_id: optional_id(map, "parent_id", pos)?,
        thread_id,
        thread_title,
        thread_url,
        author: trimmed(required(map, "author", pos, false)?),
        author_ids: Vec::new(),
        author_name: optional(map, "author_name", pos)?,
        body: required(map, "body", pos, true)?,
        created_at,
        url: optional(map, "url", pos)?,
        kind,
        kind_stated: stated.is_some(),
        // `own: false` is the default: leave the decision to the configured handles.
        own: own.filter(|o| *o),
        saved,
    })
}

/// The state columns of an `ackbox export` file, when present.
fn saved_state(
    map: &Map<String, Value>,
    pos: &Position,
) -> Result<Option<SavedState>, ImportError> {
    if !SAVED_COLUMNS.iter().any(|c| map.contains_key(*c)) {
        return Ok(None);
    }
    let mut saved = Map::new();
    for col in SAVED_COLUMNS {
        let Some(v) = map.get(*col) else { continue };
        // CSV carries the log as JSON text and the flag as text.
        let v = match (*col, v) {
            (col @ ("log" | "author_actions"), Value::String(s)) => serde_json::from_str(s)
                .map_err(|e| ImportError::at(pos.clone(), col, format!("not a JSON array: {e}")))?,
            ("thread_muted" | "author_vip", Value::String(s)) => Value::Bool(s == "true"),
            ("reply_action", Value::String(s)) => {
                s.parse::<i64>().map(Value::from).map_err(|_| {
                    ImportError::at(
                        pos.clone(),
                        "reply_action",
                        format!("{s:?} is not a number"),
                    )
                })?
            }
            _ => v.clone(),
        };
        saved.insert((*col).to_owned(), v);
    }
    serde_json::from_value(Value::Object(saved))
        .map(Some)
        .map_err(|e| ImportError::new(Some(pos.clone()), None, format!("export state: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_wants_the_canonical_keys_on_the_first_line() {
        for yes in [
            r#"{"platform":"x","id":"1"}"#,
            r#"{"author":"a","body":"b","created_at":"2026-01-01T00:00:00Z","id":"1"}"#,
            "platform,id,author,body,created_at\n",
        ] {
            assert!(Canonical.detect(yes.as_bytes()), "{yes}");
        }
        // A minified Reddit listing: "author" and "body" deep inside.
        let listing = r#"{"kind":"Listing","data":{"children":[{"kind":"t1","data":{"author":"a","body":"b","created_utc":1.7e9}}]}}"#;
        assert!(!Canonical.detect(listing.as_bytes()));
    }
}
