//! ackbox's own format (PRODUCT.md): JSON Lines, or CSV with the same
//! column names. Also reads what `ackbox export` writes (states and log).

use super::format::{Format, ImportError, Position, Sink, Skipped};
use super::trimmed;
use crate::model::{Kind, Record, SavedState};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::collections::HashSet;
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
    "decided",
    "origin",
    "thread_muted",
    "author_vip",
    "author_note",
    "author_actions",
    "thread_actions",
    "log",
    "reply_action",
    "draft",
];

const REQUIRED: &[&str] = &["platform", "id", "author", "body", "created_at"];

impl Format for Canonical {
    fn name(&self) -> &'static str {
        "canonical"
    }

    fn typed_by_hand(&self) -> bool {
        true
    }

    fn detect(&self, head: &[u8]) -> bool {
        let text = String::from_utf8_lossy(head);
        // A classic Mac's spreadsheet ends its lines with a lone CR.
        let first = (text.split(['\n', '\r']))
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim_start();
        if first.starts_with('{') {
            // The first object may be cut off by the end of `head` (a long body
            // before the other keys): "platform", or "author" with "body" and
            // "created_at", is what no platform's own format has on a line
            // (a minified Reddit listing has "author" and "body" deep inside).
            return first.contains("\"platform\"")
                || (first.contains("\"author\"")
                    && first.contains("\"body\"")
                    && first.contains("\"created_at\""))
                || opens_with_canonical_keys(first);
        }
        // Excel's line naming the separator is a spreadsheet's CSV, which
        // `read` takes or explains; so is a header as a spreadsheet writes
        // it ("Created At"), with the separators `read` explains, naming
        // the canonical platform and id (`read` says what else it lacks).
        if first.starts_with("sep=") {
            return true;
        }
        [',', ';', '\t'].iter().any(|&sep| {
            let names: Vec<_> = (first.split(sep))
                .map(|c| column_name(c.trim().trim_matches('"')))
                .collect();
            ["platform", "id"]
                .iter()
                .all(|c| names.iter().any(|h| h == c))
        })
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

/// The longest line read, in bytes: no platform's comment is a fraction of
/// it, and a file without line ends (a binary file, a device forced as
/// canonical) is refused before it fills the memory. An export's line holds
/// a comment and a draft of a reply at their longest, every character a
/// quote (written twice), and room for the rest.
const MAX_LINE: u64 = 4 * super::MAX_BODY as u64 + 4 * 1024 * 1024;

/// What a line over [`MAX_LINE`] is told.
const TOO_LONG: &str = "the line runs over 20 MiB: no comment is that long (not a text file?)";
const _: () = assert!(MAX_LINE == 20 << 20, "TOO_LONG names the limit");

/// What a JSON file that is not JSON Lines is told.
pub(crate) const ONE_A_LINE: &str = "the canonical format is one JSON object per line (JSON Lines); \
                          write each object on a line of its own (jq -c '.[]' for an array)";

fn read_jsonl(input: &mut dyn BufRead, sink: &mut Sink<'_>) -> Result<(), ImportError> {
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        let n = std::io::Read::take(&mut *input, MAX_LINE + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| {
                ImportError::new(Some(Position::Line(line_no + 1)), None, e.to_string())
            })?;
        if n == 0 {
            return Ok(());
        }
        if n as u64 > MAX_LINE {
            return Err(ImportError::new(
                Some(Position::Line(line_no + 1)),
                None,
                TOO_LONG,
            ));
        }
        line_no += 1;
        let pos = Position::Line(line_no);
        super::json::mend_surrogates(&mut buf);
        // The column, in bytes, is what an editor's cursor shows (a file
        // offset would miscount a byte-order mark the driver took away).
        let line = std::str::from_utf8(&buf).map_err(|e| {
            let at = Position::LineCol(line_no, e.valid_up_to() as u64 + 1);
            let what = format!("invalid UTF-8 ({})", super::NOT_UTF8);
            ImportError::new(Some(at), None, what)
        })?;
        // A byte-order mark inside the file is where another file began
        // (`cat a.jsonl b.jsonl`): as invisible as at the file's start.
        let line = line.strip_prefix('\u{feff}').unwrap_or(line);
        // Columns count from the line's start, before the spaces trimmed.
        let lead = (line.len() - line.trim_start().len()) as u64;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let fields: Line = serde_json::from_str(line).map_err(|e| {
            // A line that only opens an object or array is pretty-printed JSON.
            if matches!(line, "{" | "[") {
                let message =
                    format!("{line} alone on a line (pretty-printed JSON?): {ONE_A_LINE}");
                return ImportError::new(Some(pos.clone()), None, message);
            }
            // Cut short with more lines to come: JSON written over several lines.
            if e.is_eof() && input.fill_buf().is_ok_and(|rest| !rest.is_empty()) {
                let message = format!("the JSON goes on past the line's end: {ONE_A_LINE}");
                return ImportError::new(Some(pos.clone()), None, message);
            }
            // The line is the file's, the column the parser's. (A field
            // mistyped is valid JSON: its message says what it is.)
            let what = if e.is_data() { "" } else { "not valid JSON: " };
            ImportError::new(
                Some(Position::LineCol(line_no, lead + e.column() as u64)),
                None,
                format!("{what}{}", super::json::error_text(&e, "line")),
            )
        })?;
        let fields = match fields {
            Line::Object(fields) => fields,
            Line::Array => {
                return Err(ImportError::new(
                    Some(pos),
                    None,
                    format!("expected a JSON object, found an array: {ONE_A_LINE}"),
                ));
            }
            Line::Other => return Err(ImportError::new(Some(pos), None, "expected a JSON object")),
        };
        let record = record_from(*fields, &pos)?;
        sink(record, pos)?;
    }
}

fn read_csv(input: &mut dyn BufRead, sink: &mut Sink<'_>) -> Result<(), ImportError> {
    // Excel's line naming the separator, before the header: `sep=,`.
    let skipped =
        skip_separator_line(input).map_err(|e| ImportError::new(None, None, e.to_string()))?;
    if let Some(sep) = skipped.as_ref().filter(|sep| *sep != ",") {
        return Err(ImportError::new(
            Some(Position::Line(1)),
            None,
            format!(
                "the columns are separated by {} (its first line says so); ackbox reads them \
                 separated by commas: save the file again with commas",
                crate::text::quoted(&crate::text::escaped(sep))
            ),
        ));
    }
    // "Platform, ID, Author" (spaces after the commas, capitals, as people
    // type a header in a spreadsheet) names the same columns.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::Headers)
        // Rows are measured against the header below.
        .flexible(true)
        .from_reader(LineEnds::new(input, u64::from(skipped.is_some())));
    let header_line = 1 + u64::from(skipped.is_some());
    let written = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(e) => return Err(csv_error(&mut reader, &e, &csv::StringRecord::new())),
    };
    let first = reader.position().clone();
    reader.get_mut().row_read(&first);
    let headers: csv::StringRecord = written.iter().map(column_name).collect();
    // Two columns of one name ackbox reads: which one holds the value is a
    // guess (columns of other names, a spreadsheet's own, are let be, and
    // of none, they are columns a spreadsheet left blank).
    let mut present = HashSet::new();
    for h in headers.iter().filter(|h| !h.is_empty()) {
        if !present.insert(h) && !matches!(Key::of(h), Key::Other) {
            return Err(ImportError::at(
                Position::Line(header_line),
                &crate::text::one_line(h),
                "the header names this column twice",
            ));
        }
    }
    for (h, as_written) in
        (headers.iter().zip(written.iter())).filter(|(h, _)| matches!(Key::of(h), Key::Other))
    {
        if let Some(meant) = mistyped(h, |c| present.contains(c)) {
            return Err(ImportError::at(
                Position::Line(header_line),
                &crate::text::one_line(as_written),
                format!("no such column: did you mean {meant}?"),
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
                Position::Line(header_line),
                col,
                "the header has no such column",
            ));
        }
        // Saved by a spreadsheet set to a language with decimal commas, or
        // as tab-separated values.
        _ if let Some(sep) = [';', '\t'].into_iter().find(|sep| {
            written.len() == 1
                && (REQUIRED.iter()).all(|col| {
                    written[0]
                        .split(*sep)
                        .any(|h| column_name(h.trim_matches('"')) == *col)
                })
        }) =>
        {
            let (name, why) = match sep {
                ';' => (
                    "';'",
                    " (as a spreadsheet set to a language that writes decimal commas saves CSV)",
                ),
                _ => ("tabs", ""),
            };
            return Err(ImportError::new(
                Some(Position::Line(header_line)),
                None,
                format!(
                    "the columns are separated by {name}{why}; ackbox reads them separated by \
                     commas: save the file again with commas"
                ),
            ));
        }
        // Another program's CSV (a platform's own export), not a canonical one.
        _ => {
            let has = crate::text::one_line(&written.iter().collect::<Vec<_>>().join(", "));
            if let Some(what) = super::unread_export(has.as_bytes()) {
                return Err(ImportError::new(
                    Some(Position::Line(header_line)),
                    None,
                    what,
                ));
            }
            return Err(ImportError::new(
                Some(Position::Line(header_line)),
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
    // An export's cells came guarded against spreadsheet formulas.
    let export = headers.iter().any(|h| h == "state");
    let mut row = csv::StringRecord::new();
    // Columns past the header's last name (blank header cells) may be left
    // out of a row; no value goes past the header.
    let named = (headers.iter().enumerate())
        .filter(|(_, h)| !h.is_empty())
        .last()
        .map_or(0, |(i, _)| i + 1);
    // The line of the last row read.
    let mut last = None;
    loop {
        match reader.read_record(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(&mut reader, &e, &written)),
        }
        let line = row.position().map_or(0, |p| reader.get_mut().start_line(p));
        if let Some(p) = row.position() {
            reader.get_mut().keep_from(p.byte());
            last = Some(line);
        }
        let next = reader.position().clone();
        reader.get_mut().row_read(&next);
        // A row of empty cells (`,,,,`: a spreadsheet's row left blank) is
        // a blank line; the header again, two files joined (`cat a.csv
        // b.csv`), is the header.
        let header_again = row.len() == headers.len()
            && (row.iter().zip(headers.iter())).all(|(v, h)| column_name(v) == h);
        if row.iter().all(|v| v.trim().is_empty()) || header_again {
            continue;
        }
        if row.len() < named || row.iter().skip(headers.len()).any(|v| !v.is_empty()) {
            let open = still_quoted(reader.get_mut().kept());
            return Err(ImportError::new(
                Some(Position::Line(line)),
                None,
                unequal(&row, headers.len(), open),
            ));
        }
        let pos = Position::Line(line);
        let mut fields = Fields::default();
        for (h, v) in headers
            .iter()
            .zip(row.iter())
            .filter(|(_, v)| !v.is_empty())
        {
            // An export's too: a spreadsheet rounds its long ids as well.
            if let Some(why) = spreadsheet_damage(h, v) {
                return Err(ImportError::at(pos, h, why));
            }
            fields.set_text(h, if export { unguarded(v) } else { v });
        }
        // CSV has no absent-vs-empty distinction: a body column that is there is the body.
        let body = fields.slot("body");
        if matches!(body, Field::Absent) {
            *body = Field::Text(String::new());
        }
        let record = record_from(fields, &pos)?;
        sink(record, pos)?;
    }
    // The parser ends a value a quote left open at the file's end, as if
    // closed there: a download cut short would go in cut short.
    match last.filter(|_| still_quoted(reader.get_mut().kept())) {
        Some(line) => Err(ImportError::new(
            Some(Position::Line(line)),
            None,
            "the file ends inside a quoted value of this row, its closing quote missing: \
             is the file cut short?",
        )),
        None => Ok(()),
    }
}

/// Whether a spreadsheet would take a CSV cell for a formula (`=`, `+`,
/// `-`, `@`, a tab or a carriage return first), after the quotes that
/// [`guarded`] puts before one.
fn looks_like_formula(cell: &str) -> bool {
    cell.trim_start_matches('\'')
        .starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell an export writes: one a spreadsheet would run as a formula
/// (`=HYPERLINK(…)` in a comment) gets a `'` before it, which spreadsheets
/// show as text and [`unguarded`] takes away again.
pub fn guarded(cell: &str) -> std::borrow::Cow<'_, str> {
    // A negative number (a priority) is a number to a spreadsheet too.
    let negative = cell.strip_prefix('-').is_some_and(|n| {
        n.bytes().all(|b| b.is_ascii_digit() || b == b'.') && n.parse::<f64>().is_ok()
    });
    if looks_like_formula(cell) && !negative {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A cell of an export (or of `list --csv`) as it was before [`guarded`].
pub(crate) fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => rest,
        _ => cell,
    }
}

/// Takes Excel's first line naming the separator (`sep=;`) out of `input`,
/// and says which it names.
fn skip_separator_line(input: &mut dyn BufRead) -> std::io::Result<Option<String>> {
    let head = input.fill_buf()?;
    let Some(rest) = head.strip_prefix(b"sep=") else {
        return Ok(None);
    };
    let Some(end) = rest.iter().position(|&b| b == b'\n' || b == b'\r') else {
        return Ok(None);
    };
    let sep = String::from_utf8_lossy(&rest[..end]).into_owned();
    let crlf = rest[end..].starts_with(b"\r\n");
    input.consume(4 + end + if crlf { 2 } else { 1 });
    Ok(Some(sep))
}

type CsvReader<'a> = csv::Reader<LineEnds<&'a mut dyn BufRead>>;

/// A CSV error, placed on the line where its record starts; `header` names
/// the columns (none while the header itself is read).
fn csv_error(
    reader: &mut CsvReader<'_>,
    e: &csv::Error,
    header: &csv::StringRecord,
) -> ImportError {
    let pos = e
        .position()
        .map(|p| Position::Line(reader.get_mut().start_line(p)));
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => {
            let field = match header.get(err.field()) {
                Some(name) => crate::text::quoted(&crate::text::one_line(name)),
                None => format!("field {}", err.field() + 1),
            };
            let at = match err.valid_up_to() {
                0 => "at its start".to_owned(),
                1 => "after its first byte".to_owned(),
                n => format!("after its first {n} bytes"),
            };
            format!("invalid UTF-8 in {field}, {at} ({})", super::NOT_UTF8)
        }
        // Where the reading stopped (a line over the limit): the line it is
        // on; a row over the limit: the line it starts on.
        csv::ErrorKind::Io(err) => {
            let ends = reader.get_mut();
            let line = if ends.read - ends.row.0 > MAX_ROW {
                ends.row.1
            } else {
                ends.newlines + 1 + ends.lines_before
            };
            return ImportError::new(Some(Position::Line(line)), None, err.to_string());
        }
        _ => e.to_string(),
    };
    ImportError::new(pos, None, message)
}

/// What is wrong with a row of `row.len()` fields under a header of
/// `expected`; `open`: its last field's quote runs to the file's end.
fn unequal(row: &csv::StringRecord, expected: usize, open: bool) -> String {
    let len = row.len();
    if open && len < expected {
        return format!(
            "{len} fields where the header has {expected}: the quote of field {len} is not \
             closed by the file's end (a quote left open, or the file cut short?)"
        );
    }
    // A quote left open makes one field of the lines that follow.
    match row.iter().position(|f| f.contains('\n')) {
        Some(i) if len < expected => format!(
            "{len} fields where the header has {expected}: field {} runs over several lines \
             (a quote left open?)",
            i + 1
        ),
        _ => format!("{len} fields where the header has {expected}"),
    }
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
    /// Line ends handed out so far, and where the line after the last starts.
    newlines: u64,
    line_start: u64,
    /// Offsets of the `\r` and `\n` bytes handed out (true for `\n`), from
    /// the start of the last record placed on.
    ends: std::collections::VecDeque<(u64, bool)>,
    /// The bytes handed out from where [`Self::keep_from`] said on.
    kept: std::collections::VecDeque<u8>,
    kept_from: u64,
    /// Lines of the file before what this reads.
    lines_before: u64,
    /// Where the row being read begins (its byte, its line): one quoted
    /// value over many short lines is held whole, its line ends noted.
    row: (u64, u64),
}

/// Whether `raw`, a file's last record to the file's end, ends inside a
/// quoted value: the parser reads a line end put after it, and what
/// follows, as more of that value, not as a record of its own.
fn still_quoted(raw: &[u8]) -> bool {
    let probe = [raw, b"\nx"].concat();
    let records = (csv::ReaderBuilder::new())
        .has_headers(false)
        .flexible(true)
        .from_reader(probe.as_slice())
        .into_byte_records()
        .count();
    records < 2
}

/// The longest CSV row read: a comment and an export's draft of a reply at
/// their longest with every character a quote (written twice in CSV), and
/// room for the other columns.
const MAX_ROW: u64 = 4 * super::MAX_BODY as u64 + 1024 * 1024;

impl<R> LineEnds<R> {
    /// `lines_before`: lines of the file before `inner` (taken out of it).
    fn new(inner: R, lines_before: u64) -> Self {
        LineEnds {
            lines_before,
            inner,
            read: 0,
            newlines: 0,
            line_start: 0,
            ends: std::collections::VecDeque::new(),
            kept: std::collections::VecDeque::new(),
            kept_from: 0,
            row: (0, 1 + lines_before),
        }
    }

    /// Keeps the bytes handed out from `byte` on (a record's start), and no
    /// more before it.
    fn keep_from(&mut self, byte: u64) {
        let gone = usize::try_from(byte.saturating_sub(self.kept_from)).unwrap_or(usize::MAX);
        self.kept.drain(..gone.min(self.kept.len()));
        self.kept_from = self.kept_from.max(byte);
    }

    /// The bytes kept ([`Self::keep_from`]).
    fn kept(&mut self) -> &[u8] {
        self.kept.make_contiguous()
    }

    /// The parser has read a row up to `next`, where the next one begins
    /// (on the line a record there is placed on: after a CRLF the parser's
    /// own count is a line early).
    fn row_read(&mut self, next: &csv::Position) {
        self.row = (next.byte(), self.start_line(next));
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
        pos.line() + skipped as u64 + self.lines_before
    }
}

impl<R: BufRead> std::io::Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        // A lone `\r` (a classic Mac file) ends a line as `\n` does: the
        // parser counts lines by `\n` (and cleaning makes a `\r` in a value
        // a `\n` anyway).
        for i in 0..n {
            if buf[i] == b'\r' {
                let next = match buf[..n].get(i + 1) {
                    Some(&b) => Some(b),
                    None => self.inner.fill_buf()?.first().copied(),
                };
                if next != Some(b'\n') {
                    buf[i] = b'\n';
                }
            }
        }
        let ends = buf[..n]
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b, b'\r' | b'\n'))
            .map(|(i, &b)| (self.read + i as u64, b == b'\n'));
        let before = self.ends.len();
        self.ends.extend(ends);
        self.kept.extend(&buf[..n]);
        let newlines = self.ends.range(before..).filter(|(_, newline)| *newline);
        if let Some(&(last, _)) = newlines.clone().next_back() {
            self.line_start = last + 1;
        }
        self.newlines += newlines.count() as u64;
        self.read += n as u64;
        if self.read - self.line_start > MAX_LINE {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                TOO_LONG,
            ));
        }
        if self.read - self.row.0 > MAX_ROW {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "the row runs over {} MiB: no comment is that long (a quote left open, or \
                     not a text file?)",
                    MAX_ROW >> 20
                ),
            ));
        }
        Ok(n)
    }
}

/// One line of the JSON Lines: an object's fields, or what else it was.
enum Line {
    Object(Box<Fields>),
    Array,
    Other,
}

/// A line's (or a CSV row's) values: the canonical columns by their place
/// in `COLUMNS`, as typed (what each must be is checked as it is taken),
/// and the export's state columns as JSON. Other keys are skipped unread.
#[derive(Default)]
struct Fields {
    columns: [Field; COLUMNS.len()],
    saved: Map<String, Value>,
    /// A JSON key a letter or two from a column the object lacks, and that
    /// column: the key was most likely meant for it.
    mistyped: Option<(String, &'static str)>,
}

/// A value as typed.
#[derive(Default)]
enum Field {
    /// Missing, or null.
    #[default]
    Absent,
    Text(String),
    /// A whole number JSON holds exactly, in its decimal form.
    Whole(String),
    Bool(bool),
    /// A number JSON readers round (a fraction, or past 64 bits).
    Inexact,
    /// An array or an object.
    Nested(&'static str),
}

impl Fields {
    fn slot(&mut self, column: &str) -> &mut Field {
        let i = COLUMNS.iter().position(|c| *c == column);
        &mut self.columns[i.expect("a canonical column")]
    }

    /// Sets the column `key` to a text (a CSV cell); a key that is neither
    /// a column nor a state column is none.
    fn set_text(&mut self, key: &str, text: &str) {
        match Key::of(key) {
            Key::Column(i) => self.columns[i] = Field::Text(text.to_owned()),
            Key::Saved(name) => {
                self.saved
                    .insert(name.to_owned(), Value::String(text.to_owned()));
            }
            // (A mistyped column is refused with the header.)
            Key::Other | Key::Mistyped(..) => {}
        }
    }

    /// A text field, taken out: strings as they are, whole numbers as
    /// their decimal form. A number JSON cannot hold exactly (past 64
    /// bits, or with a fraction) is refused: two ids would come out the same.
    fn text(&mut self, key: &str, pos: &Position) -> Result<Option<String>, ImportError> {
        match std::mem::take(self.slot(key)) {
            Field::Absent => Ok(None),
            Field::Text(s) | Field::Whole(s) => Ok(Some(s)),
            Field::Inexact => Err(ImportError::at(
                pos.clone(),
                key,
                "a number that is not whole or is past 64 bits, which JSON readers round: \
                 write it as a string",
            )),
            other => Err(ImportError::at(
                pos.clone(),
                key,
                format!("expected text, found {}", other.kind()),
            )),
        }
    }

    fn required(
        &mut self,
        key: &str,
        pos: &Position,
        allow_empty: bool,
    ) -> Result<String, ImportError> {
        match self.text(key, pos)? {
            Some(s) if allow_empty || !s.trim().is_empty() => Ok(s),
            Some(_) => Err(ImportError::at(pos.clone(), key, "must not be empty")),
            None => Err(ImportError::at(pos.clone(), key, "is missing (required)")),
        }
    }

    fn optional(&mut self, key: &str, pos: &Position) -> Result<Option<String>, ImportError> {
        Ok(self.text(key, pos)?.filter(|s| !s.is_empty()))
    }

    /// An optional id field, trimmed; blank is none.
    fn optional_id(&mut self, key: &str, pos: &Position) -> Result<Option<String>, ImportError> {
        Ok(self
            .optional(key, pos)?
            .map(trimmed)
            .filter(|id| !id.is_empty()))
    }
}

impl Field {
    fn kind(&self) -> &'static str {
        match self {
            Field::Absent => "null",
            Field::Text(_) => "text",
            Field::Whole(_) | Field::Inexact => "a number",
            Field::Bool(_) => "a boolean",
            Field::Nested(kind) => kind,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> serde::de::Visitor<'de> for FieldVisitor {
    type Value = Field;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Field, E> {
        Ok(Field::Absent)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Field, E> {
        Ok(Field::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Field, E> {
        Ok(Field::Whole(n.to_string()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Field, E> {
        Ok(Field::Whole(n.to_string()))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Field, E> {
        Ok(Field::Inexact)
    }
    fn visit_str<E>(self, s: &str) -> Result<Field, E> {
        Ok(Field::Text(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Field, E> {
        Ok(Field::Text(s))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Field, A::Error> {
        serde::de::IgnoredAny.visit_seq(seq)?;
        Ok(Field::Nested("an array"))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, a: A) -> Result<Field, A::Error> {
        serde::de::IgnoredAny.visit_map(a)?;
        Ok(Field::Nested("an object"))
    }
}

impl<'de> serde::Deserialize<'de> for Line {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LineVisitor)
    }
}

/// Reads an object's keys without copying them and each value into what its
/// column wants: no map of every key is built.
struct LineVisitor;

impl<'de> serde::de::Visitor<'de> for LineVisitor {
    type Value = Line;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Line, A::Error> {
        let mut fields = Box::<Fields>::default();
        // Told once the object is read: a key next to the one it looks
        // like is a key of its own (Hacker News' `created_at_i`).
        let mut mistyped = Vec::new();
        // A key given twice would lose its first value unseen (`Body` is
        // `body`, as a CSV header's case does not count either).
        let twice = |name: &str| {
            serde::de::Error::custom(format!(
                "{name}: given twice in one object (a key's case does not count)"
            ))
        };
        let mut seen = [false; COLUMNS.len()];
        while let Some(key) = a.next_key::<Key>()? {
            match key {
                Key::Column(i) => {
                    if std::mem::replace(&mut seen[i], true) {
                        return Err(twice(COLUMNS[i]));
                    }
                    fields.columns[i] = a.next_value()?;
                }
                Key::Saved(name) => {
                    if fields
                        .saved
                        .insert(name.to_owned(), a.next_value()?)
                        .is_some()
                    {
                        return Err(twice(name));
                    }
                }
                Key::Other => {
                    a.next_value::<serde::de::IgnoredAny>()?;
                }
                Key::Mistyped(key, meant) => {
                    a.next_value::<serde::de::IgnoredAny>()?;
                    mistyped.push((key, meant));
                }
            }
        }
        let present = |name: &str| match COLUMNS.iter().position(|c| *c == name) {
            Some(i) => !matches!(fields.columns[i], Field::Absent),
            None => fields.saved.contains_key(name),
        };
        fields.mistyped = mistyped.into_iter().find(|(_, meant)| !present(meant));
        Ok(Line::Object(fields))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Line, A::Error> {
        serde::de::IgnoredAny.visit_seq(seq)?;
        Ok(Line::Array)
    }
    fn visit_unit<E>(self) -> Result<Line, E> {
        Ok(Line::Other)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Line, E> {
        Ok(Line::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Line, E> {
        Ok(Line::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Line, E> {
        Ok(Line::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Line, E> {
        Ok(Line::Other)
    }
    fn visit_str<E>(self, _: &str) -> Result<Line, E> {
        Ok(Line::Other)
    }
}

/// Whether the keys of the JSON object `text` opens, as far as it goes (it
/// may be cut off inside a long value), are all the canonical format's and
/// name an author and a body: keys in alphabetical order (as `export` and
/// many JSON writers put them) come before `created_at` and `platform`.
fn opens_with_canonical_keys(text: &str) -> bool {
    let keys = top_keys(text);
    let has = |name: &str| {
        keys.iter()
            .any(|k| matches!(k, Key::Column(i) if COLUMNS[*i] == name))
    };
    has("author") && has("body") && keys.iter().all(|k| !matches!(k, Key::Other))
}

/// Whether the first line of `head` is a JSON object with every key the
/// canonical format requires: no platform's file has them together at its
/// top, whatever else the object holds (a key of a platform's format among
/// them, as a script may copy along, does not make it that platform's).
pub(crate) fn surely_canonical(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let first = text.trim_start().lines().next().unwrap_or("");
    if !first.starts_with('{') {
        return false;
    }
    let keys = top_keys(first);
    REQUIRED.iter().all(|name| {
        keys.iter()
            .any(|k| matches!(k, Key::Column(i) if COLUMNS[*i] == *name))
    })
}

/// The keys at the top of the JSON object `text` opens, as far as it goes.
fn top_keys(text: &str) -> Vec<Key> {
    struct Keys<'a>(&'a mut Vec<Key>);
    impl<'de> serde::de::Visitor<'de> for Keys<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<Key>()? {
                self.0.push(key);
                map.next_value::<serde::de::IgnoredAny>()?;
            }
            Ok(())
        }
    }
    let mut keys = Vec::new();
    // The error is where the text is cut off: the keys before it are read.
    let _ = serde::Deserializer::deserialize_map(
        &mut serde_json::Deserializer::from_str(text),
        Keys(&mut keys),
    );
    keys
}

/// An object's key: a canonical column (its place), a state column, or
/// another key.
enum Key {
    Column(usize),
    Saved(&'static str),
    Other,
    /// Read from a JSON object: another key, that column mistyped.
    Mistyped(String, &'static str),
}

/// The column a key a letter or two from one of ours (`paren_id`) was
/// meant to be, unless the file has that one too (`present`): its values
/// would be dropped without a word (a reply made top-level). Other keys
/// (a spreadsheet's or a tool's own) are let be. A short name (`own`,
/// `kind`, `url`, `body`) is mistyped by a letter left out or two swapped
/// (`ow`, `onw`, `kin`: your replies would wait as comments), not by a
/// letter more or another, which makes other words (`town`, `owl`, `mind`).
fn mistyped(key: &str, present: impl Fn(&str) -> bool) -> Option<&'static str> {
    // Of the canonical columns alone: an export's state columns are never
    // typed (`author_id` is not a typo of `author_vip`).
    (COLUMNS.iter().copied())
        // Two edits change a length by two at most: most keys are let be
        // without a comparison (a tool's JSON may hold many of its own).
        .filter(|c| c.len().abs_diff(key.len()) <= 2 && !present(c))
        .find(|c| {
            let d = strsim::osa_distance(key, c);
            let anagram = || {
                let sorted = |s: &str| {
                    let mut b = s.as_bytes().to_vec();
                    b.sort_unstable();
                    b
                };
                sorted(key) == sorted(c)
            };
            match c.len() {
                ..=4 => d == 1 && (key.len() < c.len() || key.len() == c.len() && anagram()),
                _ => d <= 2 && d * 3 < key.len(),
            }
        })
}

/// A column's name as written, in lower case and without what shows
/// nothing in it: a zero-width character, a joiner or a control character
/// left in it by a spreadsheet or a script would hide the column it names
/// (`own` dropped, a reply taken for a comment). The names are ASCII.
fn column_name(written: &str) -> std::borrow::Cow<'_, str> {
    if written.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        written.into()
    } else {
        // Cleaned as text is (a Hangul filler is a letter that shows
        // nothing), then without the joiners text keeps for emoji; the
        // spaces between words typed for a spreadsheet ("Created At") are
        // the underscores of the names.
        let words: Vec<String> = (crate::text::sanitize(written).split_whitespace())
            .map(|word| {
                (word.chars())
                    .filter(|c| c.is_alphanumeric() || c.is_ascii_punctuation())
                    .flat_map(char::to_lowercase)
                    .collect()
            })
            .filter(|word: &String| !word.is_empty())
            .collect();
        words.join("_").into()
    }
}

impl Key {
    fn of(name: &str) -> Key {
        match COLUMNS.iter().position(|c| *c == name) {
            Some(i) => Key::Column(i),
            None => SAVED_COLUMNS
                .iter()
                .find(|c| **c == name)
                .map_or(Key::Other, |c| Key::Saved(c)),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> serde::de::Visitor<'de> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E>(self, key: &str) -> Result<Key, E> {
        let key = &column_name(key);
        Ok(match Key::of(key) {
            Key::Other => match mistyped(key, |_| false) {
                Some(meant) => Key::Mistyped(crate::text::one_line(key), meant),
                None => Key::Other,
            },
            known => known,
        })
    }
}

pub(crate) fn parse_time(
    s: &str,
    field: &str,
    pos: &Position,
) -> Result<DateTime<Utc>, ImportError> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| ImportError::at(pos.clone(), field, super::json::not_a_timestamp(s.trim())))
}

/// A yes or no written as text (a CSV cell, as spreadsheets write it).
fn truth(s: &str, field: &str, pos: &Position) -> Result<bool, ImportError> {
    match s.trim().to_lowercase().as_str() {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        // Said which, for a spreadsheet in another language (`WAHR`, `VRAI`).
        _ => Err(ImportError::at(
            pos.clone(),
            field,
            format!(
                "{} is not true or false (true, yes or 1; false, no or 0)",
                crate::text::quoted(s)
            ),
        )),
    }
}

fn record_from(mut f: Fields, pos: &Position) -> Result<Record, ImportError> {
    if let Some((key, meant)) = &f.mistyped {
        return Err(ImportError::at(
            pos.clone(),
            key,
            format!("no such field: did you mean {meant}?"),
        ));
    }
    let saved = saved_state(std::mem::take(&mut f.saved), pos)?;
    let written = f.required("platform", pos, false)?;
    // Refused as written (the check on the record sees it lower-cased).
    if let Some(why) = super::id_problem(written.trim()) {
        return Err(ImportError::at(pos.clone(), "platform", why));
    }
    let platform = written.trim().to_lowercase();
    let created = f.required("created_at", pos, false)?;
    let created_at = parse_time(&created, "created_at", pos)?;
    let stated = f.optional("kind", pos)?;
    let kind = match &stated {
        None => Kind::Comment,
        Some(k) => k
            .trim()
            .to_lowercase()
            .parse()
            .map_err(|_| ImportError::at(pos.clone(), "kind", Kind::not_one(k.trim())))?,
    };
    let own = match std::mem::take(f.slot("own")) {
        Field::Absent => None,
        Field::Bool(b) => Some(b),
        Field::Text(s) if s.trim().is_empty() => None,
        // 1 and 0 as the text "1" and "0" are (a script's numbers).
        Field::Text(s) | Field::Whole(s) => Some(truth(&s, "own", pos)?),
        other => {
            return Err(ImportError::at(
                pos.clone(),
                "own",
                format!("expected true or false, found {}", other.kind()),
            ));
        }
    };
    // Blank is none, as every import takes it.
    let (mut thread_title, mut thread_url) = (
        f.optional("thread_title", pos)?,
        f.optional("thread_url", pos)?,
    );
    // A link that names the thread (no thread_id) is an id: refused, not
    // cleaned, where cleaning would make it another thread's.
    let given_id = f.optional_id("thread_id", pos)?;
    if given_id.is_none()
        && let Some(why) = (thread_url.clone().map(trimmed)).and_then(|u| super::id_problem(&u))
    {
        return Err(ImportError::at(
            pos.clone(),
            "thread_url",
            format!("{why}: without a thread_id, it names the thread"),
        ));
    }
    super::clean_field(&mut thread_title);
    super::clean_field(&mut thread_url);
    // A thread named by its link alone is the thread at that link; by its
    // title alone it is none in particular ("Weekly thread").
    let thread_id = match given_id {
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
        id: trimmed(f.required("id", pos, false)?),
        parent_id: f.optional_id("parent_id", pos)?,
        thread_id,
        thread_title,
        thread_url,
        author: trimmed(f.required("author", pos, false)?),
        author_stand_in: false,
        author_ids: Vec::new(),
        author_name: f.optional("author_name", pos)?,
        body: f.required("body", pos, true)?,
        created_at,
        url: f.optional("url", pos)?,
        kind,
        kind_stated: stated.is_some(),
        // `own: false` is the default: leave the decision to the configured handles.
        own: own.filter(|o| *o),
        bot: false,
        saved,
    })
}

/// What a spreadsheet leaves of a cell of the column `key` it could not
/// keep, when `text` is that: an error of a cell it ran as a formula
/// (`@anna` becomes `#NAME?`), or an id it took for a number and rounded
/// (17840000000000008 becomes `1.784E+16`, or `1,784E+16` where a comma
/// marks decimals). Asked of the columns that say
/// who and what an item is, where such a value would make one person or
/// one item of many (a comment may well say `#N/A`).
fn spreadsheet_damage(key: &str, text: &str) -> Option<String> {
    if !matches!(
        key,
        "platform" | "id" | "parent_id" | "thread_id" | "author"
    ) {
        return None;
    }
    const ERRORS: &[&str] = &[
        "#NAME?",
        "#VALUE!",
        "#REF!",
        "#N/A",
        "#DIV/0!",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#UNKNOWN!",
        "#CONNECT!",
        "#BUSY!",
        "#GETTING_DATA",
    ];
    let v = text.trim();
    // LibreOffice writes its errors as `Err:502`.
    let libreoffice = v
        .strip_prefix("Err:")
        .is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()));
    let rounded = || {
        let Some((digits, exponent)) = v.split_once(['E', 'e']) else {
            return false;
        };
        // A decimal comma where the spreadsheet's language writes one.
        let (whole, fraction) = digits.split_once(['.', ',']).unwrap_or((digits, "0"));
        let number = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
        number(whole) && number(fraction) && exponent.strip_prefix('+').is_some_and(number)
    };
    let again = "save the file again from where it came, with the column formatted as text";
    if ERRORS.contains(&v) || libreoffice {
        Some(format!(
            "{v} is a spreadsheet's error, not what the cell held (it ran the cell as a formula: \
             one starting with =, +, - or @); {again}"
        ))
    } else if key != "platform" && rounded() {
        // Facebook's and X's account ids are long numbers too.
        Some(format!(
            "{v} is a long number a spreadsheet rounded (it shows them so), and the ids it \
             was are lost; {again}"
        ))
    } else {
        None
    }
}

/// The state columns of an `ackbox export` file, when present.
fn saved_state(
    columns: Map<String, Value>,
    pos: &Position,
) -> Result<Option<SavedState>, ImportError> {
    // Only an export restores state: its lines hold a column no listing
    // writes (every incoming item's `decided`, every own reply's
    // `origin`). The listings' own (a `list --json` kept and imported
    // again, a script's `state` that means something else) are let be, as
    // other columns are: read, they made every item answered at its
    // creation.
    const LISTED: [&str; 4] = ["state", "dismiss_reason", "snoozed_until", "first_reply_at"];
    let exported = (columns.iter()).any(|(col, v)| !v.is_null() && !LISTED.contains(&col.as_str()));
    if !exported {
        return Ok(None);
    }
    let mut saved = Map::new();
    for (col, v) in columns {
        // CSV carries the log as JSON text and the flag as text.
        let v = match (col.as_str(), v) {
            (col @ ("log" | "author_actions" | "thread_actions"), Value::String(s)) => {
                serde_json::from_str(&s).map_err(|e| {
                    ImportError::at(pos.clone(), col, format!("not a JSON array: {e}"))
                })?
            }
            (col @ ("thread_muted" | "author_vip" | "decided"), Value::String(s)) => {
                Value::Bool(truth(&s, col, pos)?)
            }
            ("reply_action", Value::String(s)) => {
                s.parse::<i64>().map(Value::from).map_err(|_| {
                    ImportError::at(
                        pos.clone(),
                        "reply_action",
                        format!("{} is not a number", crate::text::quoted(&s)),
                    )
                })?
            }
            (_, v) => v,
        };
        saved.insert(col, v);
    }
    // Named by its field (`snoozed_until`, `log[2].at`).
    serde_path_to_error::deserialize(Value::Object(saved))
        .map(Some)
        .map_err(|e| ImportError::at(pos.clone(), &e.path().to_string(), e.inner().to_string()))
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
            // Indented, as a hand-made file may be.
            "  \t{\"platform\":\"x\",\"id\":\"1\"}",
        ] {
            assert!(Canonical.detect(yes.as_bytes()), "{yes}");
        }
        // A minified Reddit listing: "author" and "body" deep inside.
        let listing = r#"{"kind":"Listing","data":{"children":[{"kind":"t1","data":{"author":"a","body":"b","created_utc":1.7e9}}]}}"#;
        assert!(!Canonical.detect(listing.as_bytes()));
        // Keys in alphabetical order (as `export` writes them), the head cut
        // off inside a long body: the keys before it tell.
        let long = "x".repeat(100);
        let cut = format!(r#"{{"author":"a","author_name":"A","author_vip":false,"body":"{long}"#);
        assert!(Canonical.detect(cut.as_bytes()));
        let other = format!(r#"{{"author":"a","score":1,"body":"{long}"#);
        assert!(!Canonical.detect(other.as_bytes()));
        assert!(!Canonical.detect(br#"{"author":"a","text":"b"#));
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_whatever_the_reads() {
        use std::io::Read;
        /// Hands out one byte a read: every `\r` at the end of one.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(buf.len()).min(1);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        let input = std::io::BufReader::with_capacity(1, Trickle(b"a\rb\r\nc\r\r"));
        LineEnds::new(input, 0).read_to_end(&mut out).unwrap();
        assert_eq!(out, b"a\nb\r\nc\n\n");
    }

    /// A line's keys are read as JSON has them: escaped or not, a later one
    /// over an earlier one, others (any value, nested) skipped.
    #[test]
    fn keys_as_json_has_them() {
        let line = concat!(
            r#"{"platform":"x","id":42,"\u0061uthor":"ann","#,
            r#""extra":{"deep":[1,{"body":"not this"}]},"body":"hi","#,
            r#""created_at":"2026-01-01T00:00:00Z","own":null,"kind":"mention"}"#,
            "\n"
        );
        let (records, _) = crate::import::test_support::records(&Canonical, line.as_bytes());
        let r = &records[0];
        assert_eq!((r.id.as_str(), r.author.as_str()), ("42", "ann"));
        assert_eq!(
            (r.body.as_str(), r.kind, r.own),
            ("hi", Kind::Mention, None)
        );
    }
}
