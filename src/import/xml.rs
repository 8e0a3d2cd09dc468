//! A small streaming layer over quick-xml's namespace-aware reader, shared by
//! the XML importers: owned events, line:column positions, references resolved
//! without ever expanding a DTD entity, and a clear error for a cut file. On
//! top of it, [`read_document`] walks a document for an importer's
//! [`Handler`]: the stack of open elements, the text of fields, the root.

use crate::import::format::{ImportError, Position, Sink, Skipped};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::reader::NsReader;
use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

/// What the importers see.
pub(crate) enum Ev {
    /// An element opens (an empty element gives `Start` then `End`).
    Start(Element),
    /// Character data: text, CDATA or a resolved reference (several may follow each other).
    Text(String),
    /// The innermost open element closes.
    End,
    Eof,
}

/// An opening tag.
pub(crate) struct Element {
    /// The namespace it is in, when its prefix (or the default) is declared.
    pub ns: Option<String>,
    pub prefix: Option<String>,
    pub local: String,
    attrs: Vec<Attr>,
    /// Where the tag starts.
    pub pos: Position,
}

struct Attr {
    ns: Option<String>,
    prefix: Option<String>,
    local: String,
    /// Still escaped.
    raw: String,
}

impl Element {
    pub(crate) fn qname(&self) -> String {
        match &self.prefix {
            Some(p) => format!("{p}:{}", self.local),
            None => self.local.clone(),
        }
    }

    /// Whether the element is in a namespace accepted by `ns_ok`, or has the
    /// prefix `prefix` left undeclared (a hand-made file).
    pub(crate) fn ns_or_prefix(&self, ns_ok: impl Fn(&str) -> bool, prefix: &str) -> bool {
        match &self.ns {
            Some(ns) => ns_ok(ns),
            None => self.prefix.as_deref() == Some(prefix),
        }
    }

    /// The unescaped value of the attribute `local` in the namespace `ns`
    /// (or with the undeclared prefix `prefix`).
    pub(crate) fn attr(
        &self,
        ns: &str,
        prefix: &str,
        local: &str,
    ) -> Result<Option<String>, ImportError> {
        for a in &self.attrs {
            let ns_matches = match &a.ns {
                Some(n) => n == ns,
                None => a.prefix.as_deref() == Some(prefix),
            };
            if ns_matches && a.local == local {
                let field = format!("{}@{prefix}:{local}", self.qname());
                return unescape(&a.raw)
                    .map(|v| Some(v.into_owned()))
                    .map_err(|m| ImportError::at(self.pos.clone(), &field, m));
            }
        }
        Ok(None)
    }
}

pub(crate) struct XmlStream<'r> {
    reader: NsReader<Counted<'r>>,
    buf: Vec<u8>,
    /// Names of the open elements, for messages.
    open: Vec<String>,
    /// The encoding the declaration names when it is not UTF-8. The text is
    /// read as UTF-8 all the same: converted with iconv, a file keeps its
    /// declaration. Text that is not UTF-8 is then named with the fix.
    declared: Option<String>,
}

impl<'r> XmlStream<'r> {
    pub(crate) fn new(input: &'r mut dyn BufRead) -> Self {
        let mut reader = NsReader::from_reader(Counted::new(input));
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        // WordPress writes what it stored, a bare `&` in an address at times,
        // and reads such a file back: the `&` is text, not a cut reference.
        config.allow_dangling_amp = true;
        XmlStream {
            reader,
            buf: Vec::new(),
            open: Vec::new(),
            declared: None,
        }
    }

    /// Where the reader is now (just after the last event).
    pub(crate) fn position_now(&self) -> Position {
        self.reader
            .get_ref()
            .position(self.reader.buffer_position())
    }

    pub(crate) fn next(&mut self) -> Result<Ev, ImportError> {
        loop {
            self.buf.clear();
            let before = self.reader.buffer_position();
            let counted = self.reader.get_mut();
            counted.event_start = counted.consumed;
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(e) => e,
                Err(_) if self.reader.get_ref().too_long() => {
                    return Err(error(
                        &self.reader,
                        &self.open,
                        before,
                        format!(
                            "over {} MiB of text without markup: no comment is that long \
                             (not a comment export?)",
                            MAX_EVENT / (1024 * 1024)
                        ),
                    ));
                }
                Err(e) => {
                    let at = self.reader.error_position();
                    return Err(error(
                        &self.reader,
                        &self.open,
                        at,
                        // The file's own names are in it: what they hold is
                        // shown, not taken out (which made "expected `</a>`,
                        // but `</a>` was found" of a control in one). A syntax
                        // error is the input's end inside markup: a download
                        // cut short, as a text's end before its closing tag is.
                        match e {
                            quick_xml::Error::Syntax(_) => format!(
                                "the file ends inside markup ({}): is it cut short?",
                                crate::text::escaped(&e.to_string())
                            ),
                            _ => format!("malformed XML: {}", crate::text::escaped(&e.to_string())),
                        },
                    ));
                }
            };
            let declared = &self.declared;
            let text = |r: Result<Cow<'_, str>, _>| match (r, declared) {
                (Ok(s), _) => Ok(Ev::Text(s.into_owned())),
                (Err(_), Some(enc)) => Err(format!(
                    "the file is in {enc}, only UTF-8 is read: convert it first \
                     (iconv -f {enc} -t UTF-8 in.xml > out.xml)"
                )),
                (Err(_), None) => Err(format!(
                    "not valid text: the file is not UTF-8 there ({})",
                    super::NOT_UTF8
                )),
            };
            let result = match event {
                // The reader keeps every open element: a file of endless
                // nesting would fill the memory before its first error.
                Event::Start(_) if self.open.len() >= MAX_DEPTH => {
                    return Err(error(
                        &self.reader,
                        &self.open,
                        before,
                        format!(
                            "elements nested more than {MAX_DEPTH} deep: \
                             no comment export is (not a comment export?)"
                        ),
                    ));
                }
                Event::Start(e) => match element(&self.reader, &e, before) {
                    Ok(el) => {
                        self.open.push(el.qname());
                        Ok(Ev::Start(el))
                    }
                    Err(m) => return Err(error(&self.reader, &self.open, before, m)),
                },
                Event::End(_) => {
                    self.open.pop();
                    Ok(Ev::End)
                }
                // Not produced with `expand_empty_elements`; skipped if it ever is.
                Event::Empty(_) => continue,
                Event::Text(t) => text(t.xml10_content()),
                Event::CData(c) => text(c.xml10_content()),
                Event::GeneralRef(r) => match r.decode() {
                    Ok(name) => resolve_reference(&name).map(|s| Ev::Text(s.into_owned())),
                    Err(e) => Err(format!("not valid text: {e}")),
                },
                Event::Eof => match self.open.last() {
                    Some(name) => Err(format!("the file ends before </{name}>: is it cut short?")),
                    None => Ok(Ev::Eof),
                },
                Event::Decl(d) => {
                    if let Some(Ok(enc)) = d.encoding()
                        && !is_utf8(&enc)
                    {
                        self.declared = Some(String::from_utf8_lossy(&enc).into_owned());
                    }
                    continue;
                }
                // The DOCTYPE (with any entity declarations) is ignored: never expanded.
                Event::PI(_) | Event::Comment(_) | Event::DocType(_) => continue,
            };
            return result.map_err(|m| error(&self.reader, &self.open, before, m));
        }
    }
}

/// A field's text and where its element starts.
pub(crate) type Text = (String, Position);

/// A field's text, trimmed, when there is any.
pub(crate) fn non_empty(v: &Option<Text>) -> Option<&str> {
    v.as_ref().map(|(s, _)| s.trim()).filter(|s| !s.is_empty())
}

/// What an open element is to an importer.
#[derive(Clone, Copy)]
pub(crate) enum Open<T, F> {
    /// An element whose place matters (a post, a thread, …).
    Tag(T),
    /// A field: its text is read.
    Field(F),
    /// Anything else; what it holds is passed over.
    Other,
    /// Markup inside a field (`<b>` written raw in a comment, not escaped
    /// nor in CDATA): its text is the field's too.
    Inside,
}

/// What an XML importer makes of the elements of its documents; the walk
/// itself is [`read_document`]'s.
pub(crate) trait Handler {
    /// The document, for messages: "a Disqus export".
    const NAME: &'static str;
    /// The local name of the root element.
    const ROOT: &'static str;
    /// The elements whose place matters.
    type Tag: Copy;
    /// The elements whose text is read.
    type Field: Copy;
    /// The tag of the root element.
    const ROOT_TAG: Self::Tag;
    /// Whether the first element, named [`Self::ROOT`], is in the root's namespace.
    fn in_root_namespace(el: &Element) -> bool;
    /// What `el`, opening inside `parent`, is.
    fn open(
        &mut self,
        parent: Self::Tag,
        el: &Element,
    ) -> Result<Open<Self::Tag, Self::Field>, ImportError>;
    /// A field's text, when its element closes.
    fn store(&mut self, field: Self::Field, text: Text);
    /// A tag's element closes.
    fn close(
        &mut self,
        tag: Self::Tag,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError>;
}

/// Reads a whole document with `handler`: checks that its root is the
/// format's, keeps the stack of open elements, and gathers the text inside
/// each field (inside markup nested in it too).
pub(crate) fn read_document<H: Handler>(
    input: &mut dyn BufRead,
    handler: &mut H,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    // A file forced to an XML format that is not XML (`--format wordpress`
    // on JSON): said so, not read for tags inside its strings.
    let head = input
        .fill_buf()
        .map_err(|e| ImportError::new(None, None, e.to_string()))?;
    if !head.iter().all(u8::is_ascii_whitespace) && !starts_with_markup(head) {
        return Err(ImportError::new(
            Some(Position::Byte(0)),
            None,
            format!(
                "not {}: the file is not XML (it does not start with '<')",
                H::NAME
            ),
        ));
    }
    let mut xml = XmlStream::new(input);
    let mut open: Vec<Open<H::Tag, H::Field>> = Vec::new();
    // The text of the field being read, and where it started.
    let mut text: Option<Text> = None;
    let mut seen_root = false;
    loop {
        match xml.next()? {
            Ev::Start(el) => {
                let element = match open.last() {
                    Some(&Open::Tag(parent)) => handler.open(parent, &el)?,
                    Some(Open::Field(_) | Open::Inside) => {
                        // A block (`<p>`, `<br>`) starts a line; `<b>`, `<a>`
                        // run on in it.
                        use crate::text::{TagKind, tag_kind};
                        let kind = tag_kind(el.local.to_ascii_lowercase().as_bytes());
                        if let Some((buf, _)) = text.as_mut()
                            && !matches!(kind, TagKind::Inline | TagKind::Image)
                        {
                            buf.push('\n');
                        }
                        Open::Inside
                    }
                    Some(Open::Other) => Open::Other,
                    None if el.local == H::ROOT && H::in_root_namespace(&el) => {
                        seen_root = true;
                        Open::Tag(H::ROOT_TAG)
                    }
                    None => {
                        return Err(ImportError::at(
                            el.pos.clone(),
                            &el.qname(),
                            format!(
                                "not {}: the root element is <{}>, not <{}>",
                                H::NAME,
                                el.qname(),
                                H::ROOT
                            ),
                        ));
                    }
                };
                if let Open::Field(_) = element {
                    text = Some((String::new(), el.pos));
                }
                open.push(element);
            }
            Ev::Text(t) => {
                if let (Some(Open::Field(_) | Open::Inside), Some((buf, _))) =
                    (open.last(), text.as_mut())
                {
                    buf.push_str(&t);
                }
            }
            Ev::End => match open.pop() {
                Some(Open::Field(field)) => {
                    if let Some(value) = text.take() {
                        handler.store(field, value);
                    }
                }
                Some(Open::Tag(tag)) => handler.close(tag, sink, skipped)?,
                Some(Open::Other | Open::Inside) | None => {}
            },
            Ev::Eof => break,
        }
    }
    if seen_root {
        Ok(())
    } else {
        Err(ImportError::at(
            xml.position_now(),
            H::ROOT,
            format!("not {}: no <{}> element", H::NAME, H::ROOT),
        ))
    }
}

/// An error at the byte offset `at`, naming the innermost open element.
fn error(reader: &NsReader<Counted<'_>>, open: &[String], at: u64, message: String) -> ImportError {
    let position = Some(reader.get_ref().position(at));
    ImportError::new(position, open.last().map(String::as_str), message)
}

/// The owned form of an opening tag that starts at byte `at`.
fn element(reader: &NsReader<Counted<'_>>, e: &BytesStart<'_>, at: u64) -> Result<Element, String> {
    let prefix = |name: QName<'_>| name.prefix().map(|p| utf8(p.as_ref())).transpose();
    let (ns, local) = reader.resolve_element(e.name());
    let mut el = Element {
        ns: bound(ns),
        prefix: prefix(e.name())?,
        local: utf8(local.as_ref())?,
        attrs: Vec::new(),
        pos: reader.get_ref().position(at),
    };
    // Repeats are told apart here, in one pass: the parser's own check
    // compares each attribute with every one before it.
    let mut seen = std::collections::HashSet::new();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|err| format!("malformed attribute: {err}"))?;
        if !seen.insert(a.key.into_inner()) {
            return Err(format!(
                "malformed attribute: {} is given twice",
                String::from_utf8_lossy(a.key.as_ref())
            ));
        }
        let (ns, local) = reader.resolve_attribute(a.key);
        el.attrs.push(Attr {
            ns: bound(ns),
            prefix: prefix(a.key)?,
            local: utf8(local.as_ref())?,
            raw: utf8(&a.value)?,
        });
    }
    Ok(el)
}

/// Encodings whose bytes are read correctly as UTF-8.
fn is_utf8(enc: &[u8]) -> bool {
    ["utf-8", "utf8", "us-ascii", "ascii"]
        .iter()
        .any(|e| enc.eq_ignore_ascii_case(e.as_bytes()))
}

fn bound(r: ResolveResult<'_>) -> Option<String> {
    match r {
        ResolveResult::Bound(ns) => Some(String::from_utf8_lossy(ns.as_ref()).into_owned()),
        ResolveResult::Unbound | ResolveResult::Unknown(_) => None,
    }
}

fn utf8(b: &[u8]) -> Result<String, String> {
    std::str::from_utf8(b)
        .map(str::to_owned)
        .map_err(|_| "a name or attribute is not valid UTF-8".to_owned())
}

/// The text of `&name;`: a character reference or one of XML's five
/// predefined entities. Any other entity (declared in a DTD, external, or
/// an HTML one like `&eacute;`) is kept as the literal text `&name;`: it is
/// never expanded, so neither "billion laughs" nor an external file can get in.
pub(crate) fn resolve_reference(name: &str) -> Result<Cow<'static, str>, String> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse::<u32>().ok(),
        };
        return match code.and_then(char::from_u32).filter(|&c| c != '\0') {
            Some(c) => Ok(Cow::Owned(c.to_string())),
            None => Err(format!("&{name}; is not a valid character reference")),
        };
    }
    Ok(match quick_xml::escape::resolve_predefined_entity(name) {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(format!("&{name};")),
    })
}

/// Unescapes an attribute value the same way as text.
fn unescape(raw: &str) -> Result<Cow<'_, str>, String> {
    if !raw.contains('&') {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        let end = rest.find(';').ok_or("a lone & in an attribute value")?;
        out.push_str(&resolve_reference(&rest[..end])?);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

/// Whether `head` starts (after a byte order mark and white space) with `<`.
pub(crate) fn starts_with_markup(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// Whether the first element of `head` (a file's start, maybe cut) is
/// `root`: a file whose text merely quotes another format's markup (a
/// Disqus export of a post about WordPress's `<rss>`) is not that format.
pub(crate) fn root_is(head: &[u8], root: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let mut reader = quick_xml::Reader::from_reader(head);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => return e.name().as_ref() == root,
            Ok(Event::Eof) | Err(_) => return false,
            Ok(_) => buf.clear(),
        }
    }
}

/// How many recent line starts are remembered to place an error that the
/// parser reports before where it has read to.
const RECENT_LINES: usize = 4096;

/// The most one event (a text, a tag, a comment) may hold: the parser keeps
/// an event whole in memory, and copies it as it is decoded, so a text of
/// gigabytes (`<message>` around `/dev/zero`) would take all of it, and
/// one at this limit some eight times it. A comment is at most 4 MiB; a
/// post's text is far below this too.
const MAX_EVENT: u64 = 16 * 1024 * 1024;

/// How deep elements may nest (a WordPress or Disqus export's go five deep).
const MAX_DEPTH: usize = 256;

/// Passes the input through, counting lines in what the parser consumes,
/// so that byte offsets can be told as line:column; an event that runs
/// over [`MAX_EVENT`] is a read error.
struct Counted<'r> {
    inner: &'r mut dyn BufRead,
    consumed: u64,
    /// Where the event being read began.
    event_start: u64,
    newlines: u64,
    /// Offsets of the most recent newlines, oldest first.
    recent: VecDeque<u64>,
}

impl<'r> Counted<'r> {
    fn new(inner: &'r mut dyn BufRead) -> Self {
        Counted {
            inner,
            consumed: 0,
            event_start: 0,
            newlines: 0,
            recent: VecDeque::new(),
        }
    }

    fn too_long(&self) -> bool {
        self.consumed - self.event_start > MAX_EVENT
    }

    /// 1-based line and byte column of the byte offset `at` (already read),
    /// or the offset itself when it is too far back to tell.
    fn position(&self, at: u64) -> Position {
        let idx = self.recent.partition_point(|&o| o < at);
        let forgotten = self.newlines - self.recent.len() as u64;
        if idx == 0 && forgotten > 0 {
            return Position::Byte(at);
        }
        let line_start = if idx == 0 {
            0
        } else {
            self.recent[idx - 1] + 1
        };
        Position::LineCol(
            forgotten + idx as u64 + 1,
            at.saturating_sub(line_start) + 1,
        )
    }
}

impl Read for Counted<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            out[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Counted<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.too_long() {
            return Err(io::Error::other("an event runs over the limit"));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if amt > 0 {
            // The buffer is still filled: this reads nothing new.
            if let Ok(buf) = self.inner.fill_buf() {
                let n = amt.min(buf.len());
                for (i, _) in buf[..n].iter().enumerate().filter(|(_, b)| **b == b'\n') {
                    self.newlines += 1;
                    if self.recent.len() == RECENT_LINES {
                        self.recent.pop_front();
                    }
                    self.recent.push_back(self.consumed + i as u64);
                }
            }
        }
        self.consumed += amt as u64;
        self.inner.consume(amt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text with no end stops the read at the limit, not at the end of
    /// memory.
    #[test]
    fn an_endless_text_stops_at_the_limit() {
        let head = b"<?xml version=\"1.0\"?>\n<rss><x>".as_slice();
        let mut input = io::BufReader::new(head.chain(io::repeat(b'x')));
        let mut xml = XmlStream::new(&mut input);
        let err = loop {
            match xml.next() {
                Ok(Ev::Eof) => panic!("an end"),
                Ok(_) => {}
                Err(e) => break e,
            }
        };
        assert!(err.message.contains("over 16 MiB of text"), "{err:?}");
        assert_eq!(err.position, Some(Position::LineCol(2, 9)));
    }

    fn first_error(file: &[u8]) -> ImportError {
        let mut input = io::BufReader::new(file);
        let mut xml = XmlStream::new(&mut input);
        loop {
            match xml.next() {
                Ok(Ev::Eof) => panic!("an end"),
                Ok(_) => {}
                Err(e) => break e,
            }
        }
    }

    /// Elements nested without end stop the read at the limit, in the
    /// element that goes past it.
    #[test]
    fn endless_nesting_stops_at_the_limit() {
        let file = format!("<rss>{}", "<x>".repeat(100_000));
        let err = first_error(file.as_bytes());
        assert!(err.message.contains("nested more than 256 deep"), "{err:?}");
        let column = 1 + "<rss>".len() + 255 * "<x>".len();
        assert_eq!(err.position, Some(Position::LineCol(1, column as u64)));
    }

    /// A malformed tag's controls are shown escaped in the error.
    #[test]
    fn a_malformed_tags_controls_are_shown() {
        let err = first_error(b"<rss><a>x</a\x1b]0;T\x07></rss>");
        assert!(err.message.contains("\\u{1b}]0;T\\u{7}"), "{err:?}");
    }

    /// Text that is not UTF-8 says how to convert the file.
    #[test]
    fn text_not_utf8_says_how_to_convert_it() {
        let err = first_error(b"<rss><x>caf\xe9</x></rss>");
        assert!(
            err.message.contains("not UTF-8 there") && err.message.contains("iconv"),
            "{err:?}"
        );
    }
}
