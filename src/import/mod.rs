//! Importing files: format detection, the streaming driver that sanitises
//! records, recognises own replies and writes one transaction per file.

pub mod bluesky;
pub mod canonical;
pub mod disqus;
pub mod facebook;
pub mod format;
pub mod github;
pub mod hackernews;
mod json;
pub mod mastodon;
pub mod reddit;
pub(crate) mod shared;
#[cfg(test)]
mod test_support;
pub mod threads;
mod tree;
pub mod wordpress;
pub mod x;
mod xml;
pub mod youtube;

pub use format::{Format, ImportError, Place, Position, Sink, Skipped};

use crate::config::OwnIdentities;
use crate::model::Record;
use crate::store::Store;
use crate::store::analysis::{ItemAnalysis, item_analysis};
use crate::store::import::{Counts, Gone, ImportSession, Outcome};
use crate::text::{fingerprint, sanitize_owned};
use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, IsTerminal, Read};
use std::path::Path;
use std::sync::mpsc::Receiver;

/// Every format ackbox reads, in detection order (most specific first).
pub fn formats() -> Vec<&'static dyn Format> {
    vec![
        &wordpress::WordPress,
        &disqus::Disqus,
        &youtube::YouTube,
        &mastodon::Mastodon,
        &github::GitHub,
        &reddit::Reddit,
        // Before Instagram: a page of Threads posts has its keys too.
        &threads::Threads,
        &facebook::Facebook,
        &facebook::Instagram,
        &bluesky::Bluesky,
        &hackernews::HackerNews,
        &x::X,
        &canonical::Canonical,
    ]
}

/// Whether a platform's reader tells the owner's replies by itself, no
/// account given (YouTube's: the channel whose video it is).
pub fn finds_the_owner(platform: &str) -> bool {
    (formats().iter()).any(|f| f.own_is_a_guess() && f.name() == platform)
}

/// Whether a platform's authors are accounts (not names anyone types, as a
/// WordPress or Disqus guest's are).
pub fn authors_are_accounts(platform: &str) -> bool {
    (formats().iter()).all(|f| f.author_is_account() || f.name() != platform)
}

/// What standard input is called in messages.
const STDIN: &str = "<stdin>";

/// What a file with a byte that is not UTF-8 most likely is, and the way out.
pub(crate) const NOT_UTF8: &str = "saved as Windows-1252 or Latin-1? convert it first: \
    iconv -f WINDOWS-1252 -t UTF-8 FILE > utf8-copy";

/// The names `--format` accepts.
pub fn format_names() -> Vec<&'static str> {
    formats().iter().map(|f| f.name()).collect()
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force a format instead of detecting it.
    pub format: Option<String>,
    /// Report what would change, write nothing.
    pub dry_run: bool,
    /// Draw a progress bar on stderr (only when it is a terminal).
    pub progress: bool,
    /// Moves every timestamp by this much (the demo keeps its dates current).
    pub shift: chrono::Duration,
    /// Set by a signal to stop: the file being read fails, as if cut short,
    /// and nothing of it is kept.
    pub stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    /// Identities (`platform`, `handle`) given as the owner's to an earlier
    /// import and not to this one: the records of each are counted
    /// ([`Summary::by_given_before`]), to say that they came in as comments.
    pub given_before: Vec<(String, String)>,
}

/// What importing one file did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Summary {
    /// As given: shown through `text::file_name`, written by `output::json_line`.
    pub file: String,
    pub format: &'static str,
    #[serde(flatten)]
    pub counts: Counts,
    /// What the format skipped, by reason.
    pub skipped: std::collections::BTreeMap<String, u64>,
    pub needs_reply: u64,
    pub dry_run: bool,
    /// Per identity of [`Options::given_before`], the new items it wrote,
    /// stored as comments to answer.
    #[serde(skip)]
    pub by_given_before: Vec<u64>,
    /// The platforms of its items (lower case, as stored).
    #[serde(skip)]
    pub platforms: std::collections::BTreeSet<String>,
    /// A dry run's: who wrote on each of those platforms, had it been kept.
    #[serde(skip)]
    pub authorship: std::collections::BTreeMap<String, crate::store::people::Authorship>,
    /// The accounts the file marks the owner's that the owner's accounts
    /// given do not name (a Mastodon outbox's): their items in other files
    /// come in as comments to answer.
    #[serde(skip)]
    pub marked_own: Marked,
}

/// Identities (platform, handle), each once, in order.
pub type Marked = std::collections::BTreeSet<(String, String)>;

/// How to name the account that wrote `r` in `[own]`: its `user@host` where
/// it has one (a Mastodon actor's), else its handle.
fn marked_identity(r: &Record) -> String {
    (r.author_ids.iter())
        .find(|id| id.contains('@') && !id.contains("://"))
        .unwrap_or(&r.author)
        .clone()
}

/// A file that failed to import; nothing of it was written.
#[derive(Debug)]
pub struct FileError {
    pub file: String,
    pub error: ImportError,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `file:17: …` with a position, `file: …` without.
        let sep = if self.error.position.is_some() {
            ":"
        } else {
            ": "
        };
        write!(
            f,
            "{}{sep}{}",
            crate::text::file_name(&self.file),
            self.error
        )
    }
}

impl std::error::Error for FileError {}

/// How much of a file its format is told from: the first 64 KiB, else up
/// to 1 MiB (an API page of long posts before the first key that tells
/// it: Instagram's 25 captions of 2,200 characters, a Facebook post
/// written `\u`-escaped).
const HEADS: [usize; 2] = [64 * 1024, 1024 * 1024];
const HEAD: usize = HEADS[1];

/// Imports one file (`-` for standard input) in one transaction.
pub fn import_path(
    store: &mut Store,
    path: &Path,
    own: &OwnIdentities,
    opts: &Options,
    now: DateTime<Utc>,
) -> Result<Summary> {
    // Named as it can be shown (a name that is not UTF-8 is still opened).
    let shown = path.to_string_lossy();
    let stdin = path.as_os_str() == "-";
    let (label, file, len) = if stdin {
        // Read unbuffered, as a file: it is waited on below.
        let stdin = std::os::fd::AsFd::as_fd(&std::io::stdin()).try_clone_to_owned()?;
        (STDIN.to_owned(), std::fs::File::from(stdin), None)
    } else {
        let file = open_input(path)
            .with_context(|| format!("cannot open {}", crate::text::file_name(&shown)))?;
        let meta = file.metadata().ok();
        if meta.as_ref().is_some_and(std::fs::Metadata::is_dir) {
            let name = crate::text::file_name(&shown);
            // A platform's download of your own writing, unpacked, is said
            // to be one: its files are not what ackbox reads.
            let unread = match own_writing_in(path) {
                Some((file, what)) => {
                    format!("; {} in it is {what}", crate::text::file_name(&file))
                }
                None => String::new(),
            };
            // (The root is `/*.json`, not `//*.json`.)
            let folder = crate::text::shell_path(path.components().as_path());
            bail!(
                "{name} is a folder: name the files in it (`ackbox import {}/*.json`; of a \
                 Mastodon archive, its outbox.json){unread}",
                folder.trim_end_matches('/')
            );
        }
        let len = meta.map(|m| m.len());
        (shown.into_owned(), file, len)
    };
    let reader: Box<dyn Read + Send> = Box::new(Stoppable {
        file,
        stop: opts.stop.clone(),
    });
    // No bar over what is typed at the keyboard.
    let typed = stdin && std::io::stdin().is_terminal();
    let bar =
        (opts.progress && std::io::stderr().is_terminal() && !typed).then(|| progress_bar(len));
    let reader: Box<dyn Read + Send> = match &bar {
        Some(bar) => Box::new(bar.wrap_read(reader)),
        None => reader,
    };
    use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
    let finished = AtomicBool::new(false);
    let result = std::thread::scope(|scope| {
        // A signal is said at once: the writing after the reading (the
        // indexes of a first import) can take seconds to stop.
        if let (Some(bar), Some(stop)) = (&bar, &opts.stop) {
            let finished = &finished;
            scope.spawn(move || {
                while !finished.load(Relaxed) {
                    if stop.load(Relaxed) {
                        bar.set_style(
                            indicatif::ProgressStyle::with_template(
                                "{spinner} stopping: nothing of this file is kept…",
                            )
                            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
                        );
                        return;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            });
        }
        let result = import_reader(
            store,
            &label,
            Box::new(BufReader::new(reader)),
            own,
            opts,
            now,
        );
        finished.store(true, Relaxed);
        result
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result.map_err(|e| match stdin {
        true => with_conversion(e, &label),
        false => cut_short(e, path, &label),
    })
}

/// A file refused as not UTF-8 whose only fault is its last character,
/// cut in the middle, was cut short (a download that stopped), not saved
/// in a legacy encoding: said so, where, instead of advice that would
/// garble it. One with other UTF-8 text in it mixes encodings: its one
/// spot is to mend, not the whole file to convert.
fn cut_short(e: anyhow::Error, path: &Path, label: &str) -> anyhow::Error {
    match legacy(&e).then(|| read_through(path)).flatten() {
        Some(NotUtf8::CutShort(at)) => anyhow!(FileError {
            file: label.to_owned(),
            error: ImportError::new(
                Some(Position::Byte(at)),
                None,
                "the file ends inside a character: it is cut short (a download that stopped?); \
                 fetch it again",
            ),
        }),
        Some(NotUtf8::Mixed(spots)) => match e.downcast::<FileError>() {
            Ok(mut f) => {
                let advice = match spots {
                    1 => "this spot alone is in another encoding".to_owned(),
                    n => format!("this spot is in another encoding, as {} more are", n - 1),
                };
                let mixed = format!(
                    "the rest of the file is UTF-8: {advice} (text pasted from elsewhere?): \
                     mend {} there, as converting the whole file would garble its other accents",
                    if spots == 1 { "it" } else { "them" }
                );
                f.error.message = f.error.message.replace(NOT_UTF8, &mixed);
                anyhow!(f)
            }
            Err(e) => e,
        },
        _ => with_conversion(e, label),
    }
}

/// Whether `e` refuses a file as saved in a legacy encoding.
fn legacy(e: &anyhow::Error) -> bool {
    (e.downcast_ref::<FileError>()).is_some_and(|f| f.error.message.contains(NOT_UTF8))
}

/// A file refused as not UTF-8 is told the command that converts it,
/// naming it as the UTF-16 advice does ([`NOT_UTF8`] says `FILE`).
fn with_conversion(e: anyhow::Error, label: &str) -> anyhow::Error {
    if !legacy(&e) {
        return e;
    }
    match e.downcast::<FileError>() {
        Ok(mut f) => {
            let encoding = "WINDOWS-1252";
            let named =
                NOT_UTF8.replace(&iconv_line("FILE", encoding), &conversion(label, encoding));
            f.error.message = f.error.message.replace(NOT_UTF8, &named);
            anyhow!(f)
        }
        Err(e) => e,
    }
}

/// What a file holding a byte that is not UTF-8 is, read through.
#[derive(Debug, PartialEq)]
enum NotUtf8 {
    /// UTF-8 (not only ASCII) but for its last character, cut at this byte.
    CutShort(u64),
    /// Characters of UTF-8 beyond ASCII, and this many spots that are
    /// not: converting the whole file would garble those characters.
    Mixed(u64),
    /// No UTF-8 but ASCII: a legacy encoding (a Windows-1252 file's last
    /// letter, `é`, looks like a character cut short too).
    Legacy,
}

/// What the file at `path` is, read through once more: a regular file of
/// at most [`READ_THROUGH`] bytes (a pipe, a device, a larger one is let
/// be: the error stands as it is).
fn read_through(path: &Path) -> Option<NotUtf8> {
    let regular = std::fs::metadata(path).ok()?;
    if !regular.is_file() || regular.len() > READ_THROUGH {
        return None;
    }
    let mut file = BufReader::new(std::fs::File::open(path).ok()?);
    // What is read but not yet known to be whole characters.
    let mut pending = Vec::new();
    let mut offset = 0u64;
    // Characters beyond ASCII that are UTF-8, and spots that are not.
    let (mut utf8, mut invalid) = (0u64, 0u64);
    loop {
        let read = file.fill_buf().ok()?;
        if read.is_empty() {
            let cut = !pending.is_empty();
            return Some(match utf8 {
                1.. if cut && invalid == 0 => NotUtf8::CutShort(offset),
                // Some of it UTF-8 (one accented name will do): spots
                // pasted in. A legacy file's bytes seldom pair into UTF-8,
                // and converting UTF-8 garbles it.
                1.. => NotUtf8::Mixed(invalid),
                _ => NotUtf8::Legacy,
            });
        }
        pending.extend_from_slice(read);
        let n = read.len();
        file.consume(n);
        // Past each byte that is not UTF-8, to the end of what is read (an
        // end inside a character may be one cut short: read on).
        loop {
            let (valid, bad) = match std::str::from_utf8(&pending) {
                Ok(_) => (pending.len(), None),
                Err(e) => (e.valid_up_to(), e.error_len()),
            };
            // (A byte-order mark is no text: an ASCII file may have one.)
            utf8 += std::str::from_utf8(&pending[..valid]).map_or(0, |t| {
                t.chars()
                    .filter(|&c| !c.is_ascii() && c != '\u{feff}')
                    .count() as u64
            });
            invalid += u64::from(bad.is_some());
            let whole = valid + bad.unwrap_or(0);
            offset += whole as u64;
            pending.drain(..whole);
            if bad.is_none() {
                break;
            }
        }
    }
}

/// The most of a refused file read through to tell what it is (a second
/// or two).
const READ_THROUGH: u64 = 256 * 1024 * 1024;

/// Opens a file to import. A named pipe is opened without waiting for its
/// writer (an open would wait, deaf to Ctrl-C), then read as a pipe is:
/// waited on in slices, so that a signal stops the wait.
fn open_input(path: &Path) -> std::io::Result<std::fs::File> {
    use rustix::fs::{Mode, OFlags};
    use std::os::unix::fs::FileTypeExt;
    if std::fs::metadata(path).is_ok_and(|m| m.file_type().is_fifo()) {
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let fd = rustix::fs::open(path, flags, Mode::empty())?;
        rustix::fs::fcntl_setfl(&fd, OFlags::empty())?;
        return Ok(std::fs::File::from(fd));
    }
    std::fs::File::open(path)
}

fn progress_bar(len: Option<u64>) -> indicatif::ProgressBar {
    let bar = match len {
        Some(n) => indicatif::ProgressBar::new(n),
        None => indicatif::ProgressBar::new_spinner(),
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} importing [{bar:30}] {bytes}/{total_bytes} {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    // Turning while the rows are written after the last byte is read.
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Imports from any reader; `label` names it in messages.
pub fn import_reader(
    store: &mut Store,
    label: &str,
    mut input: Box<dyn BufRead + Send + '_>,
    own: &OwnIdentities,
    opts: &Options,
    now: DateTime<Utc>,
) -> Result<Summary> {
    let file_err = |error: ImportError| {
        anyhow!(FileError {
            file: label.to_owned(),
            error
        })
    };
    let io_err = |e: std::io::Error| file_err(ImportError::new(None, None, e.to_string()));
    // A UTF-8 byte-order mark is not part of the data.
    let start = input.fill_buf().map_err(io_err)?;
    // Nothing at all (a terminal's Ctrl-D at once): not read again.
    let ended = start.is_empty();
    if start.starts_with(b"\xEF\xBB\xBF") {
        input.consume(3);
    }
    // The head is read whole (a pipe gives a little at a time), then read again.
    let mut head = Vec::new();
    if !ended {
        (&mut input)
            .take(HEAD as u64)
            .read_to_end(&mut head)
            .map_err(io_err)?;
    }
    let whole = head.len() < HEAD;
    let format = pick_format(opts.format.as_deref(), &head, whole, label)?;
    // A platform's export of the account's own writing, forced as the
    // format it comes from, is explained as it is unforced, if it fails.
    let unread = opts.format.as_ref().and_then(|_| unread_export(&head));
    // A file forced as one format that it is not: its error says which
    // format it reads as.
    let detected = opts.format.as_ref().and_then(|_| {
        pick_format(None, &head, whole, label)
            .ok()
            .filter(|f| f.name() != format.name())
    });
    if let Some(detected) = &detected
        && let Some(why) = meta_mismatch(format.name(), detected.name(), &head)
    {
        bail!(
            "{}: the file reads as {} ({why}), not as --format {}: read so, it would import \
             wrong; import it without --format",
            crate::text::file_name(label),
            detected.name(),
            format.name()
        );
    }
    // Read to its end already, it is not read again: a terminal's Ctrl-D
    // ends one read, and a second read waited for another.
    let rest: Box<dyn BufRead + Send + '_> = if whole {
        Box::new(std::io::empty())
    } else {
        input
    };
    let mut input: Box<dyn BufRead + Send + '_> = Box::new(std::io::Cursor::new(head).chain(rest));
    let cfg = store.analysis().clone();
    let mut known = store.known()?;
    // Each alone, to tell which wrote a record.
    let given_before: Vec<OwnIdentities> = (opts.given_before.iter())
        .map(|given| {
            OwnIdentities::new(
                &crate::config::Config::default(),
                std::slice::from_ref(given),
            )
        })
        .collect();
    // Three threads: one reads and cleans, one classifies (or finds the
    // record stored already), one writes. They hand records over in batches
    // (one wake-up each, not one per record), and the bounded channels keep
    // memory flat whatever the file's size.
    const BATCH: usize = 256;
    let (to_classify, classify) = std::sync::mpsc::sync_channel::<Vec<Cleaned>>(4);
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(4);
    let (read, session) = std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<(Skipped, Marked), ImportError> {
            let stopped = || ImportError::new(None, None, "stopped");
            let mut skipped = Skipped::default();
            let mut marked = Marked::new();
            let mut batch = Vec::with_capacity(BATCH);
            // What the checks here drop, counted as the format counts what
            // it skips: once an item (a page the file holds twice).
            let mut dropped = Skipped::default();
            let mut sink = |mut record: Record, pos: Position| -> Result<(), ImportError> {
                if (opts.stop.as_ref())
                    .is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed))
                {
                    return Err(ImportError::new(
                        None,
                        None,
                        "interrupted: nothing of it imported",
                    ));
                }
                // One stranger's unreadable id or reference does not stop a
                // platform's file.
                if let Err(e) = check_ids(&record, &pos).and_then(|()| check_lengths(&record, &pos))
                {
                    if format.typed_by_hand() {
                        return Err(e);
                    }
                    dropped.skip("with a broken id or reference", 1);
                    return Ok(());
                }
                clean(&mut record);
                // A reply to itself answers nothing: it is top-level.
                if record.parent_id.as_ref() == Some(&record.id) {
                    record.parent_id = None;
                }
                record.created_at += opts.shift;
                // One stranger's wrong date does not stop a platform's file.
                if let Some(why) =
                    Misdated::of(record.created_at, now).filter(|_| !format.typed_by_hand())
                {
                    dropped.skip_ids(why.skipped(), [record.id.as_str()]);
                    return Ok(());
                }
                check(&record, &pos, now, format.typed_by_hand())?;
                let guessed = format.own_is_a_guess() && own.knows(&record.platform);
                let named = if format.author_is_account() {
                    own.matches(&record)
                } else {
                    own.matches_ids(&record)
                };
                let marks = record.own == Some(true) && !guessed;
                if marks && !named && !format.typed_by_hand() && format.author_is_account() {
                    marked.insert((record.platform.clone(), marked_identity(&record)));
                }
                let is_own = marks || named;
                if record.bot && !is_own {
                    dropped.skip_ids("bot", [record.id.as_str()]);
                    return Ok(());
                }
                let wrote = |given: &OwnIdentities| match format.author_is_account() {
                    true => given.matches(&record),
                    false => given.matches_ids(&record),
                };
                let given_before = match is_own {
                    true => None,
                    false => given_before.iter().position(wrote),
                };
                let who = Who {
                    own: is_own,
                    given_before,
                };
                batch.push((record, pos, who));
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    to_classify.send(full).map_err(|_| stopped())?;
                }
                Ok(())
            };
            format.read(&mut input, &mut sink, &mut skipped)?;
            skipped.absorb(dropped);
            to_classify.send(batch).map_err(|_| stopped())?;
            Ok((skipped, marked))
        });
        scope.spawn(move || {
            for batch in classify {
                let prepared = batch
                    .into_iter()
                    .map(|(record, pos, who)| {
                        // A database error here only costs the shortcut: the writer looks again.
                        let unchanged = (known.as_mut())
                            .is_some_and(|k| k.unchanged(&record, who.own).unwrap_or(false));
                        let analysis = if unchanged {
                            Classified::Unchanged
                        } else if who.own {
                            Classified::Own
                        } else {
                            Classified::Incoming(item_analysis(
                                &record.platform,
                                &record.body,
                                &cfg,
                            ))
                        };
                        (record, pos, who, analysis)
                    })
                    .collect();
                if send.send(prepared).is_err() {
                    return;
                }
            }
        });
        let written = write_all(store, now, receive, opts.given_before.len());
        (reader.join(), written)
    });
    let mut session = session?;
    let (skipped, marked_own) = match (read, session.failed.take()) {
        (_, Some(error)) => return Err(file_err(error)),
        (Ok(Ok(read)), None) => read,
        (Ok(Err(error)), None) => match unread.filter(|what| !error.message.contains(what)) {
            Some(what) => bail!(
                "{}: {what} (read as --format {}: {error})",
                crate::text::file_name(label),
                format.name()
            ),
            None => {
                let mut error = error;
                if let Some(detected) = detected {
                    write!(
                        error.message,
                        " (read as --format {}: the file reads as {}; import it without --format)",
                        format.name(),
                        detected.name()
                    )?;
                }
                return Err(file_err(error));
            }
        },
        (Err(_), None) => bail!(
            "{}: the reader stopped unexpectedly",
            crate::text::file_name(label)
        ),
    };
    // Ids as written: one a record would be refused for names no stored
    // item, where cleaned it could name another.
    let gone: Vec<Gone> = (skipped.gone.into_iter())
        .map(|((platform, id), place)| Gone {
            platform,
            id,
            place: place.map(|p| Place {
                url: p.url.map(sanitize_owned),
                thread_id: p.thread_id.map(sanitize_owned),
                ..p
            }),
        })
        .filter(|g| !session.showed(&g.platform, &g.id))
        .collect();
    session.session.withdraw(&gone)?;
    for mut thread in skipped.threads {
        clean_field(&mut thread.title);
        clean_field(&mut thread.url);
        if let Some(title) = &mut thread.title {
            one_line_name(title);
        }
        if let Some(url) = &mut thread.url {
            one_line_link(url);
        }
        session.session.note_thread(
            &thread.platform,
            &sanitize_owned(thread.id),
            thread.title.as_deref(),
            thread.url.as_deref(),
        )?;
    }
    // A dry run keeps nothing: who wrote where is read before it goes,
    // for the notes on the owner's accounts a real import would give.
    let platforms = session.platforms;
    let (counts, needs_reply, authorship) =
        (session.session).finish_unless(!opts.dry_run, opts.stop.as_deref(), |conn| {
            (platforms.iter())
                .filter(|_| opts.dry_run)
                .map(|p| Ok((p.clone(), crate::store::people::authorship(conn, p)?)))
                .collect()
        })?;
    Ok(Summary {
        file: label.to_owned(),
        format: format.name(),
        counts,
        skipped: skipped.counts,
        needs_reply,
        dry_run: opts.dry_run,
        by_given_before: session.by_given_before,
        platforms,
        authorship,
        marked_own,
    })
}

/// A file read so that a signal to stop is heard while a pipe or a FIFO
/// gives nothing (a stalled `curl … | ackbox import -`): each read waits for
/// data in slices, and fails once the signal came.
struct Stoppable {
    file: std::fs::File,
    stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl Read for Stoppable {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        if let Some(stop) = &self.stop {
            let slice = Timespec {
                tv_sec: 0,
                tv_nsec: 100_000_000,
            };
            loop {
                if stop.load(std::sync::atomic::Ordering::Relaxed) {
                    return Err(std::io::Error::other("interrupted: nothing of it imported"));
                }
                let mut fds = [PollFd::new(&self.file, PollFlags::IN)];
                match poll(&mut fds, Some(&slice)) {
                    // The signal itself wakes the wait: looked at again.
                    Ok(0) | Err(rustix::io::Errno::INTR) => {}
                    _ => break,
                }
            }
        }
        self.file.read(buf)
    }
}

/// Who wrote a record: the owner, or someone, maybe an identity given as
/// the owner's before ([`Options::given_before`], by its place there).
#[derive(Clone, Copy)]
struct Who {
    own: bool,
    given_before: Option<usize>,
}

/// A record as read: where it was, and who wrote it.
type Cleaned = (Record, Position, Who);

/// A record ready for the database, with what the classifying thread found
/// out about it.
type Prepared = (Record, Position, Who, Classified);

/// What the classifying thread worked out ahead of the writer.
enum Classified {
    /// Stored already with this content: nothing to do.
    Unchanged,
    /// An own reply (judged by the writer, who knows the addressee).
    Own,
    /// An incoming item's flags.
    Incoming(ItemAnalysis),
}

/// The writing half of an import, and the error that stopped it, if any.
struct Written<'a> {
    session: ImportSession<'a>,
    failed: Option<ImportError>,
    /// Into a database with items: each id's fingerprint, with its content's.
    seen: Option<HashMap<u64, u64>>,
    /// Per identity given as the owner's before, the new items it wrote.
    by_given_before: Vec<u64>,
    /// The platforms of the records written.
    platforms: std::collections::BTreeSet<String>,
}

impl Written<'_> {
    /// Whether the file showed the item (as well as saying it is gone: pages
    /// fetched at different times and appended). It is then kept as it is,
    /// as a load into an empty database keeps it.
    fn showed(&self, platform: &str, id: &str) -> bool {
        (self.seen.as_ref()).is_some_and(|seen| seen.contains_key(&fingerprint(&[platform, id])))
    }
}

/// Writes every prepared record. An id that comes again in the file with
/// other content (a comment edited between two fetched pages) is updated:
/// the later copy wins. Stops (dropping the channel, which stops the
/// reader) at the first error.
fn write_all(
    store: &mut Store,
    now: DateTime<Utc>,
    receive: Receiver<Vec<Prepared>>,
    given_before: usize,
) -> Result<Written<'_>> {
    let mut session = store.begin_import(now)?;
    let mut by_given_before = vec![0; given_before];
    let mut platforms = std::collections::BTreeSet::new();
    // Into a database with items, each id's content hash (16 bytes an
    // item, whatever its size); a bulk load asks the database, which
    // refuses an id written before.
    let mut seen = (!session.is_bulk()).then(HashMap::<u64, u64>::new);
    for (record, pos, who, analysis) in receive.into_iter().flatten() {
        let is_own = who.own;
        // Met before in the file: as it was (`same`), or changed (`again`).
        let (same, again) = match &mut seen {
            Some(ids) => {
                let content = content_hash(&record, is_own);
                match ids.insert(fingerprint(&[&record.platform, &record.id]), content) {
                    Some(before) => (before == content, before != content),
                    None => (false, false),
                }
            }
            None => (false, false),
        };
        let written = match analysis {
            _ if same => session.again(&record),
            _ if again => session.replace(&record, is_own),
            Classified::Unchanged => session.add_unchanged(&record),
            Classified::Own => session.add(&record, is_own, None),
            Classified::Incoming(a) => session.add(&record, is_own, Some(a)),
        }
        .and_then(|outcome| match outcome {
            Outcome::Repeated if !session.repeated(&record, is_own)? => {
                session.replace(&record, is_own)
            }
            _ => Ok(outcome),
        });
        if let Err(e) = written {
            // Not this record's doing: said as what it is.
            if crate::store::is_about_the_database(&e) {
                return Err(e);
            }
            // The line's doing (an id given twice): said of the line, not as
            // the database's.
            return Ok(Written {
                session,
                failed: Some(ImportError::new(Some(pos), None, format!("{e:#}"))),
                seen,
                by_given_before,
                platforms,
            });
        }
        // Stored as a comment to answer (one stored before stays as it was).
        if let (Ok(Outcome::New), Some(i)) = (&written, who.given_before) {
            by_given_before[i] += 1;
        }
        if !platforms.contains(&record.platform) {
            platforms.insert(record.platform.clone());
        }
    }
    Ok(Written {
        session,
        failed: None,
        seen,
        by_given_before,
        platforms,
    })
}

/// The command that converts the file at `path` from `encoding` to UTF-8,
/// its name as a shell reads it, to paste (one with a control character
/// stays escaped, not run into the terminal).
pub(crate) fn iconv_line(path: &str, encoding: &str) -> String {
    let shown = crate::text::file_name(path);
    let quoted = match shlex::try_quote(path) {
        Ok(q) if shown == path => q.into_owned(),
        _ => shown,
    };
    format!("iconv -f {encoding} -t UTF-8 {quoted} > utf8-copy")
}

/// How to convert what `label` names from `encoding` to UTF-8.
fn conversion(label: &str, encoding: &str) -> String {
    match label == STDIN {
        true => format!("pipe it through `iconv -f {encoding} -t UTF-8` into this command"),
        false => iconv_line(label, encoding),
    }
}

/// `whole`: the head is the whole file.
fn pick_format(
    forced: Option<&str>,
    head: &[u8],
    whole: bool,
    label: &str,
) -> Result<&'static dyn Format> {
    // The name as messages show it (a line break in it quoted).
    let shown = crate::text::file_name(label);
    if let Some(encoding) = wide_encoding(head) {
        let whose = match encoding {
            "UTF-16" | "UTF-16LE" => " (as Windows PowerShell's `>` writes)",
            _ => "",
        };
        bail!(
            "{shown}: the file is in {encoding}{whose}; ackbox reads UTF-8: convert it first \
             ({})",
            conversion(label, encoding)
        );
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        bail!(
            "{shown}: the file is gzip-compressed (as Disqus sends its exports, .xml.gz, and \
             Mastodon its older account archives, .tar.gz); ackbox reads it unpacked: gunzip it \
             first (gunzip export.xml.gz; tar xzf archive.tar.gz) and import what it gives (of a \
             Mastodon archive, its outbox.json)"
        );
    }
    if head.starts_with(b"PK\x03\x04") {
        // The platforms' downloads of one's own writing, by their first file.
        if let Some(what) = own_writing_archive(label, &zip_names(head)) {
            bail!("{shown}: the file is a zip archive whose files are each {what}");
        }
        bail!(
            "{shown}: the file is a zip archive (as WordPress.com sends its export, and Mastodon \
             its account archive); ackbox reads what is inside: unzip it first and import the \
             files it gives (of a Mastodon archive, its outbox.json)"
        );
    }
    // An archive holding nothing is its end record alone.
    if head.starts_with(b"PK\x05\x06") {
        bail!("{shown}: the file is an empty zip archive: there is nothing in it to import");
    }
    if let Some(what) = packed(head) {
        bail!("{shown}: {what}");
    }
    // Before a format is forced: no format reads a web page.
    if is_html(head) {
        bail!("{shown}: {}", html_page(head));
    }
    let all = formats();
    if let Some(name) = forced {
        return all.into_iter().find(|f| f.name() == name).ok_or_else(|| {
            anyhow!(
                "unknown format {name:?}; ackbox knows: {}",
                format_names().join(", ")
            )
        });
    }
    if whole && shared::Empty.detect(head) {
        // An export of one's own writing with nothing in it is still one.
        if let Some(what) = unread_export(head) {
            bail!("{shown}: {what}");
        }
        // Google's errors carry a list, empty at times: not an empty page.
        if let Some(message) = api_error(head) {
            bail!("{shown}: the file holds an API error response, not comments: {message}")
        }
        return Ok(&shared::Empty);
    }
    if canonical::surely_canonical(head) {
        return Ok(&canonical::Canonical);
    }
    // A name ending .csv is the canonical CSV, unless the content is a
    // platform's JSON or XML (a file renamed, or saved under a wrong name).
    let is_csv = Path::new(label)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    // (The driver took a byte-order mark away.)
    let markup = matches!(
        head.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[' | b'<')
    );
    if is_csv && !markup {
        return Ok(&canonical::Canonical);
    }
    let mut heads = HEADS.iter().map(|&n| &head[..n.min(head.len())]);
    match heads.find_map(|head| all.iter().copied().find(|f| f.detect(head))) {
        Some(f) => Ok(f),
        None if whole && let Some(message) = api_error(head) => {
            bail!("{shown}: the file holds an API error response, not comments: {message}")
        }
        // The canonical fields, in an array or over several lines.
        None if shared::json_head(head).is_some_and(|h| {
            [&b"\"platform\":"[..], b"\"created_at\":", b"\"body\":"]
                .iter()
                .all(|key| shared::contains(&h, key))
        }) =>
        {
            bail!(
                "{shown}: ackbox's canonical fields, but not one object a line: {}",
                canonical::ONE_A_LINE
            )
        }
        None if let Some(what) = unread_export(head) => bail!("{shown}: {what}"),
        None => bail!(
            "{shown}: not a format ackbox knows; it reads: {} (force one with --format)",
            format_names().join(", ")
        ),
    }
}

/// The platforms' exports of what the account wrote itself, told by
/// whether they are JSON and the words they start with (all of them), and
/// what to import instead.
const UNREAD_EXPORTS: [(bool, &[&str], &str); 14] = [
    (true, &["\"comments_v2\""], FACEBOOK_DYI),
    // Its comments in groups, and the older comments file (before `_v2`).
    (true, &["\"group_comments_v2\""], FACEBOOK_DYI),
    // (Each entry's `data` holds a `comment` with its `author`: a Graph API
    // page of an Instagram post's comments has `comments` and `timestamp`.)
    (
        true,
        &["\"comments\"", "\"timestamp\"", "\"comment\"", "\"author\""],
        FACEBOOK_DYI,
    ),
    (true, &["\"string_map_data\""], INSTAGRAM_DYI),
    // Its reels' comments, which hold an empty list when there are none.
    (true, &["\"comments_reels_comments\""], INSTAGRAM_DYI),
    // Its posts (`your_posts_1.json`): the Graph API says `created_time`.
    (true, &["\"timestamp\"", "\"post\""], FACEBOOK_DYI),
    (false, &["Comment ID", "Video ID"], TAKEOUT_COMMENTS),
    (
        // A JSON listing of one's own comments names these too.
        false,
        &["permalink", "subreddit", "gildings"],
        REDDIT_DATA,
    ),
    (
        true,
        // Every file of it: its posts, likes, followers…
        &["\"text_post_app_"],
        THREADS_DYI,
    ),
    (
        true,
        &["likes.json", "OrderedCollection"],
        MASTODON_ARCHIVE_FILE,
    ),
    (
        true,
        &["bookmarks.json", "OrderedCollection"],
        MASTODON_ARCHIVE_FILE,
    ),
    // The archive's actor.json: the account itself.
    (
        true,
        &["\"preferredUsername\"", "outbox.json"],
        MASTODON_ARCHIVE_FILE,
    ),
    (
        // A script, not JSON: `window.YTD.tweets.part0 = [{"tweet": …}]`.
        false,
        &["window.YTD."],
        X_ARCHIVE,
    ),
    (
        // `statuses/mentions_timeline.json` and the like: a tweet's
        // `id_str` and its user's `screen_name`.
        true,
        &["\"id_str\"", "\"screen_name\""],
        "an X API v1.1 response (statuses/mentions_timeline, user_timeline, search): ackbox \
         reads the X API v2's mentions and your timeline, with their expansions (the README's X \
         section says how to get them)",
    ),
];

const TAKEOUT_COMMENTS: &str = "a Google Takeout YouTube comments file: it holds the \
    comments your own channel wrote, not those on your videos; ackbox reads the YouTube Data \
    API's commentThreads (the README's YouTube section says how to get them)";

const THREADS_DYI: &str = "a Threads \"Download your information\" file: it holds what your \
    own account posted, not the replies to it; ackbox reads the Threads API's replies and \
    conversations (the README's Threads section says how to get them)";

const X_ARCHIVE: &str = "an X archive's data file: it holds what your own account posted (or \
    liked…), without naming it, not the replies to it; ackbox reads the X API v2's mentions and \
    your timeline (the README's X section says how to get them)";

const MASTODON_ARCHIVE_FILE: &str = "a file of a Mastodon account archive other than its \
    outbox: ackbox reads the archive's outbox.json (your own posts and replies), and the API's \
    notifications for the replies to you (the README's Mastodon section says how to get them)";

const REDDIT_DATA: &str = "a Reddit data request's CSV (comments.csv, posts.csv): it holds \
    what your own account wrote, not the replies to it; ackbox reads the API's JSON: your inbox, \
    your comments, a post's comment page (the README's Reddit section says how to get them)";

const FACEBOOK_DYI: &str = "a Facebook \"Download your information\" file: it holds what \
    your own account wrote (comments, posts), not the comments on your Page's posts; ackbox \
    reads the Graph API's comments (the README's Facebook section says how to get them)";

const INSTAGRAM_DYI: &str = "an Instagram \"Download your information\" file: it holds the \
    comments your own account wrote, not those on your media; ackbox reads the Graph API's \
    comments (the README's Instagram section says how to get them)";

/// Why a file of one of Meta's APIs (Facebook, Instagram, Threads), forced
/// as another whose reader would take it without an error (they share
/// their shapes), is refused, where the file tells: keys only Threads'
/// posts have, or the comments edge Threads has none of.
fn meta_mismatch(forced: &str, detected: &str, head: &[u8]) -> Option<&'static str> {
    let meta = |name| matches!(name, "facebook" | "instagram" | "threads");
    if !meta(forced) || !meta(detected) {
        return None;
    }
    // Keys Threads' posts have not (which a post's text cannot hold
    // unescaped), or a page fetched from elsewhere than graph.threads.net.
    let theirs = || {
        shared::json_head(head).is_some_and(|h| {
            (threads::GRAPH_KEYS.iter())
                .any(|key| shared::contains(&h, format!("\"{key}\":").as_bytes()))
                || threads::links_to(
                    &h,
                    &[br#""next":"https:"#, br#""previous":"https:"#],
                    &[b"graph.facebook.com", b"graph.instagram.com"],
                )
        })
    };
    match (forced, detected) {
        (_, "threads") => Some("keys or links only the Threads API's posts have"),
        ("threads", _) if theirs() => Some(
            "keys or links only Instagram's and Facebook's Graph API have, not the Threads API",
        ),
        _ => None,
    }
}

/// The names of a zip archive's first entries, from the local headers in
/// `head`, as far as they can be followed (each header's data skipped by
/// its size, or, where the size follows the data, to the next header).
fn zip_names(head: &[u8]) -> Vec<String> {
    let u16_at = |at: usize| Some(u16::from_le_bytes([*head.get(at)?, *head.get(at + 1)?]));
    let u32_at = |at: usize| {
        let b = head.get(at..at + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let mut names = Vec::new();
    let mut at = 0;
    while names.len() < 512 && head.get(at..at + 4) == Some(b"PK\x03\x04") {
        let (Some(flags), Some(size), Some(len), Some(extra)) = (
            u16_at(at + 6),
            u32_at(at + 18),
            u16_at(at + 26),
            u16_at(at + 28),
        ) else {
            break;
        };
        let (len, extra) = (usize::from(len), usize::from(extra));
        let Some(name) = head.get(at + 30..at + 30 + len) else {
            break;
        };
        names.push(String::from_utf8_lossy(name).into_owned());
        at += 30 + len + extra + size as usize;
        // A size given after the data (flag bit 3, as a zip written to a
        // stream has it): the next entry is found by its signature.
        if flags & 8 != 0 && size == 0 {
            match memchr::memmem::find(head.get(at..).unwrap_or_default(), b"PK\x03\x04") {
                Some(next) => at += next,
                None => break,
            }
        }
    }
    names
}

/// What a zip archive of a platform's download of the account's own
/// writing is, by a file inside it (`your_facebook_activity/…`, among the
/// entries `head` holds: a download lists others first) or by the name
/// the platform gives it (`facebook-NAME-DATE.zip`).
fn own_writing_archive(file: &str, names: &[String]) -> Option<&'static str> {
    // (The name the platform gives it, if told by it; a file inside.)
    const ARCHIVES: [(Option<&str>, &str, &str); 8] = [
        (Some("facebook-"), "your_facebook_activity/", FACEBOOK_DYI),
        // Meta names a download of Threads alone as Instagram's
        // (`instagram-NAME-DATE-…-Thr.zip`): its files tell.
        (
            Some("threads-"),
            "your_instagram_activity/threads/",
            THREADS_DYI,
        ),
        (
            Some("instagram-"),
            "your_instagram_activity/",
            INSTAGRAM_DYI,
        ),
        (Some("threads-"), "your_threads_activity/", THREADS_DYI),
        (
            Some("takeout-"),
            "Takeout/YouTube and YouTube Music/",
            TAKEOUT_COMMENTS,
        ),
        (Some("twitter-"), "data/tweets", X_ARCHIVE),
        // Reddit's (`export_NAME_DATE.zip`, a name anyone might give) holds
        // its CSVs at its root, comments.csv among them: files of no other
        // platform's names.
        (None, "comment_headers.csv", REDDIT_DATA),
        (None, "post_headers.csv", REDDIT_DATA),
    ];
    let inside = |at: &str| {
        (names.iter()).any(|n| n.trim_start_matches("./").starts_with(at) && !n.ends_with('/'))
    };
    if let Some((.., what)) = ARCHIVES.iter().find(|(_, at, _)| inside(at)) {
        return Some(what);
    }
    let name = Path::new(file)
        .file_name()?
        .to_string_lossy()
        .to_lowercase();
    // As the platform names it, with the year it was made (`-2025`): a name
    // of one's own choosing says nothing of what is inside.
    let dated = (name.as_bytes().windows(5))
        .any(|w| w.starts_with(b"-20") && w[3..].iter().all(u8::is_ascii_digit));
    // A WordPress.com export is named by its site, which may begin so.
    let dated = dated && !name.contains(".wordpress.com");
    (ARCHIVES.iter())
        .find(|(named, ..)| dated && named.is_some_and(|n| name.starts_with(n)))
        .map(|(.., what)| *what)
}

/// The first file in `dir` (a few folders down) that is a platform's
/// download of the account's own writing (`Takeout/…/comments.csv`,
/// `data/tweets.js`), by its content, as the file itself is told: its
/// path inside `dir`, and what it is.
fn own_writing_in(dir: &Path) -> Option<(String, &'static str)> {
    const DEPTH: usize = 4;
    const ENTRIES: usize = 2_000;
    let mut folders = std::collections::VecDeque::from([(dir.to_owned(), 0)]);
    let mut seen = 0;
    while let Some((folder, depth)) = folders.pop_front() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            seen += 1;
            if seen > ENTRIES {
                return None;
            }
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() && depth < DEPTH => folders.push_back((path, depth + 1)),
                // (A file of no length is none or a kernel's, /proc's, whose
                // reading can wait forever.)
                Ok(t)
                    if t.is_file()
                        && entry.metadata().is_ok_and(|m| m.len() > 0)
                        && data_file(&path) =>
                {
                    let mut head = Vec::with_capacity(4096);
                    let read = std::fs::File::open(&path)
                        .and_then(|f| f.take(4096).read_to_end(&mut head));
                    if let (Ok(_), Some(what)) = (read, unread_export(&head)) {
                        let inside = path.strip_prefix(dir).unwrap_or(&path);
                        return Some((inside.to_string_lossy().into_owned(), what));
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// Whether a file's name says data a platform's download holds (JSON, the
/// X archive's scripts, CSV), not notes that may mention one.
fn data_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["json", "js", "csv", "jsonl"].contains(&e.to_ascii_lowercase().as_str()))
}

/// Whether `head` is a web page: a server's error page, or what the
/// platforms' downloads give when HTML is chosen as their format.
fn is_html(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_ascii_lowercase();
    let mut start = text.trim_start_matches('\u{feff}').trim_start();
    // Past an XML declaration (XHTML) and comments (a browser's "saved
    // from url" line).
    loop {
        let past = |open: &str, close: &str| {
            let rest = start.strip_prefix(open)?;
            Some(rest[rest.find(close)? + close.len()..].trim_start())
        };
        match past("<?xml", "?>").or_else(|| past("<!--", "-->")) {
            Some(rest) => start = rest,
            None => break,
        }
    }
    start.starts_with("<!doctype html") || start.starts_with("<html")
}

/// What a web page given to import is, by its title: a fetch that failed
/// (a server's error page), or a download in HTML.
fn html_page(head: &[u8]) -> String {
    let text = String::from_utf8_lossy(head);
    let lower = text.to_ascii_lowercase();
    let title = (lower.find("<title>").map(|at| at + "<title>".len()))
        .and_then(|start| Some(start..start + lower[start..].find("</title>")?))
        .map(|span| {
            let title = crate::text::html_to_text(&text[span]);
            crate::text::truncate(&crate::text::one_line(&title), 80)
        })
        .filter(|t| !t.is_empty())
        .map_or(String::new(), |t| format!(", {}", crate::text::quoted(&t)));
    format!(
        "a web page (HTML{title}), not comments: a fetch that failed gives one (a server's error \
         page, a login page), and so do the platforms' downloads of your own writing where HTML is \
         chosen as the format; ackbox reads the platforms' API answers (JSON), WordPress's and \
         Disqus's XML exports and its canonical JSON Lines and CSV (the README's Platforms \
         section says how to get each)"
    )
}

/// What a packed file other than a zip or gzip one is (`head` its start),
/// and what to do with it.
fn packed(head: &[u8]) -> Option<&'static str> {
    let magic = |m: &[u8]| head.starts_with(m);
    if magic(b"BZh")
        || magic(&[0xFD, b'7', b'z', b'X', b'Z', 0])
        || magic(&[0x28, 0xB5, 0x2F, 0xFD])
    {
        Some(
            "the file is compressed (bzip2, xz or zstd); ackbox reads it unpacked: unpack it first",
        )
    } else if magic(b"SQLite format 3\0") {
        // A database (ackbox's own, a backup of it): opened, not imported.
        Some(
            "the file is an SQLite database (an ackbox database, or a backup of one?): ackbox \
             opens a database with --db FILE, and imports files of comments; to merge one \
             database into another, import what `ackbox --db FILE export` writes",
        )
    } else if head.get(257..262) == Some(b"ustar") {
        Some(
            "the file is a tar archive; ackbox reads what is inside: unpack it first (tar xf \
             FILE) and import the files it gives (of a Mastodon archive, its outbox.json)",
        )
    } else if head.get(1) == Some(&0xA2)
        && head[..head.len().min(64)].windows(5).any(|w| w == b"roots")
    {
        // A CAR file: its header's length (one byte), then a CBOR map of
        // two, `roots` and `version`.
        Some(
            "a Bluesky repository export (repo.car): it holds what your own account posted, not \
             the replies to it; ackbox reads the API's notifications and threads (the README's \
             Bluesky section says how to get them)",
        )
    } else {
        None
    }
}

/// What `head` is when it is one of [`UNREAD_EXPORTS`].
pub fn unread_export(head: &[u8]) -> Option<&'static str> {
    let head = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let json = head
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with(['{', '[']);
    (UNREAD_EXPORTS.iter())
        .find(|(is_json, words, _)| *is_json == json && words.iter().all(|w| head.contains(w)))
        .map(|(_, _, what)| *what)
}

/// The encoding of `head` when it is UTF-32 or UTF-16: a byte order mark,
/// or ASCII with zero bytes beside every character.
pub(crate) fn wide_encoding(head: &[u8]) -> Option<&'static str> {
    let zeros = |pattern: &[bool]| {
        head.len() >= pattern.len() && head.iter().zip(pattern).all(|(b, zero)| (*b == 0) == *zero)
    };
    let (t, f) = (true, false);
    // With a byte order mark iconv finds the order; without one it is named.
    if head.starts_with(&[0xFF, 0xFE, 0, 0]) || head.starts_with(&[0, 0, 0xFE, 0xFF]) {
        Some("UTF-32")
    } else if zeros(&[f, t, t, t, f, t, t, t]) {
        Some("UTF-32LE")
    } else if zeros(&[t, t, t, f, t, t, t, f]) {
        Some("UTF-32BE")
    } else if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        Some("UTF-16")
    } else if zeros(&[f, t, f, t]) {
        Some("UTF-16LE")
    } else if zeros(&[t, f, t, f]) {
        Some("UTF-16BE")
    } else {
        None
    }
}

/// The message of a whole file that is one API error response: `{"error":
/// …}` (Google, Meta, Mastodon, Bluesky), GitHub's `{"message": …,
/// "documentation_url": …}`, or X's (see [`problem`]). A fetch whose first
/// call failed writes one.
fn api_error(file: &[u8]) -> Option<String> {
    let json = file.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file);
    api_error_in(&serde_json::from_slice(json).ok()?)
}

/// The message of a JSON value that is an API error response (see
/// [`api_error`]).
pub(crate) fn api_error_in(response: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    let top = response.as_object()?;
    let message = top.get("message").and_then(Value::as_str);
    let text = match top.get("error") {
        Some(Value::String(e)) => match message {
            Some(m) => format!("{e}: {m}"),
            None => e.clone(),
        },
        // Reddit's: {"message": "Forbidden", "error": 403}.
        Some(Value::Number(code)) => match message {
            Some(m) => format!("{code} {m}"),
            None => code.to_string(),
        },
        // Meta's and Google's: {"error": {"message": …, "code": …}}, the
        // message sometimes left out.
        Some(Value::Object(e)) => match e.get("message").and_then(Value::as_str) {
            Some(m) => m.to_owned(),
            None => format!(
                "no message ({})",
                crate::text::truncate(&Value::Object(e.clone()).to_string(), 120)
            ),
        },
        _ if top.contains_key("documentation_url") => message?.to_owned(),
        _ => problem(top)?,
    };
    // A server's page of HTML, or a message thousands of characters long,
    // quoted by its start and its end.
    let text = crate::text::html_to_text(&text);
    Some(format::abridged(&text).into_owned())
}

/// The message of X's error responses: a problem (RFC 7807: `{"title": …,
/// "detail": …, "type": "https://api.twitter.com/2/problems/…" or
/// "about:blank", "status": 429}`, maybe with the `errors` that caused
/// it), or a response that is only `{"errors": [{"detail"|"message": …}]}`.
/// Errors beside a page's `data` or `meta` are partial (a referenced post
/// deleted): that page is no error response.
fn problem(top: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
    use serde_json::Value;
    if ["data", "meta", "includes"]
        .iter()
        .any(|k| top.contains_key(*k))
    {
        return None;
    }
    let text = |o: &serde_json::Map<String, Value>, key: &str| {
        (o.get(key).and_then(Value::as_str))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let all = (top.get("errors").and_then(Value::as_array)).map_or(&[][..], Vec::as_slice);
    let mut errors: Vec<String> = (all.iter().take(3))
        .map(|e| match e.as_object() {
            Some(o) => (text(o, "detail").or_else(|| text(o, "message")))
                .or_else(|| text(o, "title"))
                .unwrap_or_else(|| crate::text::truncate(&e.to_string(), 120)),
            None => crate::text::truncate(&e.to_string(), 120),
        })
        .collect();
    if all.len() > errors.len() {
        errors.push(format!("… {} errors in all", all.len()));
    }
    let uri = text(top, "type").is_some_and(|t| {
        t == "about:blank" || t.starts_with("https://") || t.starts_with("http://")
    });
    if let (true, Some(title)) = (uri, text(top, "title")) {
        let mut message = match top.get("status").and_then(Value::as_u64) {
            Some(status) => format!("{status} {title}"),
            None => title.clone(),
        };
        if let Some(detail) = text(top, "detail").filter(|d| *d != title) {
            message = format!("{message}: {detail}");
        }
        if !errors.is_empty() {
            message = format!("{message} ({})", errors.join("; "));
        }
        return Some(message);
    }
    (top.len() == 1 && !errors.is_empty()).then(|| errors.join("; "))
}

/// What identifies a record's content (`own`: whether it is the owner's),
/// to tell a repeated line from a conflicting one.
fn content_hash(r: &Record, own: bool) -> u64 {
    fn opt(v: &Option<String>) -> &str {
        v.as_deref().unwrap_or("\u{1}")
    }
    let created = r.created_at.timestamp().to_string();
    let saved = r
        .saved
        .as_ref()
        .map(|s| format!("{s:?}"))
        .unwrap_or_default();
    fingerprint(&[
        &r.platform,
        &r.id,
        opt(&r.parent_id),
        opt(&r.thread_id),
        opt(&r.thread_title),
        opt(&r.thread_url),
        &r.author,
        opt(&r.author_name),
        &r.body,
        &created,
        opt(&r.url),
        r.kind.as_str(),
        if own { "own" } else { "" },
        &r.author_ids.join("\u{1}"),
        &saved,
    ])
}

/// An optional text from a file made fit to keep: sanitised, and none when
/// blank (spaces, or only characters the sanitiser takes out).
pub(crate) fn clean_field(field: &mut Option<String>) {
    if let Some(v) = field {
        *v = sanitize_owned(std::mem::take(v));
    }
    if field.as_deref().is_some_and(|v| v.trim().is_empty()) {
        *field = None;
    }
}

/// A name or a title is one line, wherever it is shown or written (a CSV
/// cell, a JSON line read line by line): its breaks and tabs are spaces. A
/// stranger's long display name (Mastodon keeps remote ones up to 2,048
/// characters) is theirs to choose: cut, it stops nobody's file.
fn one_line_name(text: &mut String) {
    if text.contains(|c: char| c.is_whitespace() && c != ' ') {
        *text = crate::text::one_line(text);
    }
    cut_long(text);
}

/// A link as it is opened (see [`crate::text::link`]), so it is stored and
/// listed.
fn one_line_link(link: &mut String) {
    if link.contains(['\t', '\n', '\r']) {
        *link = crate::text::link(link);
    }
}

/// A thread title or a display name over [`MAX_NAME`] characters, cut to
/// it, ending in "…" (between characters as shown: an accent stays on its
/// letter).
fn cut_long(text: &mut String) {
    if text.len() <= MAX_NAME || text.chars().nth(MAX_NAME).is_none() {
        return;
    }
    let end = shared::whole_prefix(text, usize::MAX, MAX_NAME).len();
    text.truncate(end);
    text.push('…');
}

/// An id field (`id`, `parent_id`, `thread_id`) or the author's handle
/// without the spaces typed around it (a spreadsheet's `c1 ,`): an id is
/// what the platform calls the item (or the person), which never starts or
/// ends with a space, and a reference must match it exactly. Only the ends:
/// an id may hold spaces.
pub(crate) fn trimmed(id: String) -> String {
    match id.trim() {
        same if same.len() == id.len() => id,
        inner => inner.to_owned(),
    }
}

/// Text hygiene at the door: every text field sanitised.
fn clean(r: &mut Record) {
    for field in [&mut r.platform, &mut r.id, &mut r.body] {
        *field = sanitize_owned(std::mem::take(field));
    }
    r.author = crate::text::sanitize_handle(std::mem::take(&mut r.author));
    r.platform = r.platform.trim().to_lowercase();
    for field in [
        &mut r.parent_id,
        &mut r.thread_id,
        &mut r.thread_title,
        &mut r.thread_url,
        &mut r.author_name,
        &mut r.url,
    ] {
        clean_field(field);
    }
    for text in [&mut r.thread_title, &mut r.author_name]
        .into_iter()
        .flatten()
    {
        one_line_name(text);
    }
    for link in [&mut r.url, &mut r.thread_url].into_iter().flatten() {
        one_line_link(link);
    }
    // Trimmed once clean: what the cleaning leaves at the ends (a line
    // break for a NEL) would tell apart two of the same, until an export
    // read back trims it.
    for id in [&mut r.id, &mut r.author] {
        *id = trimmed(std::mem::take(id));
    }
    // A handle is one line: a line break or a tab in one is a space, as it
    // is shown and as it is typed to find the person.
    if r.author.contains(|c: char| c.is_whitespace() && c != ' ') {
        r.author = (r.author.chars())
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
    }
    for v in [&mut r.parent_id, &mut r.thread_id, &mut r.thread_url]
        .into_iter()
        .flatten()
    {
        *v = trimmed(std::mem::take(v));
    }
    for id in &mut r.author_ids {
        *id = sanitize_owned(std::mem::take(id));
    }
    // An export's state carries words the user typed and action names that
    // `undo` says again: text from the file like the rest.
    if let Some(saved) = &mut r.saved {
        let texts = (saved.author_note.iter_mut())
            .chain(saved.draft.iter_mut())
            .chain(
                saved
                    .author_actions
                    .iter_mut()
                    .flat_map(|a| std::iter::once(&mut a.kind).chain(a.note_before.iter_mut())),
            )
            .chain(saved.log.iter_mut().map(|entry| &mut entry.kind));
        for text in texts {
            *text = sanitize_owned(std::mem::take(text));
        }
    }
}

/// No platform ackbox reads holds comments from before this (1990-01-01):
/// an older time is a mistyped year, and it would stretch every all-time
/// chart over centuries.
pub const EARLIEST: i64 = 631_152_000;

/// How far ahead of the computer's clock an item may be dated: platforms'
/// clocks drift a little; a day later is a mistyped date, and it would give
/// the backlog negative ages.
pub const LATEST_AHEAD: chrono::TimeDelta = chrono::TimeDelta::days(1);

/// Ids are refused, not cleaned, when they hold characters the cleaning
/// takes out (controls, invisible and bidi characters): without them,
/// "a2\u{1b}[31m" would be another item's "a2[31m", "a\u{200b}b" would be
/// "ab", or its own parent. A space other than the ASCII one (no-break,
/// ideographic) is refused too: shown, it is a space, and the id typed
/// back names another item.
fn check_ids(r: &Record, pos: &Position) -> Result<(), ImportError> {
    for (field, value) in [
        ("platform", Some(&r.platform)),
        ("id", Some(&r.id)),
        ("parent_id", r.parent_id.as_ref()),
        ("thread_id", r.thread_id.as_ref()),
    ] {
        if let Some(why) = value.and_then(|v| id_problem(v)) {
            return Err(ImportError::at(pos.clone(), field, why));
        }
    }
    Ok(())
}

/// A handle, id or reference thousands of characters long is no platform's:
/// a screen shows it on every row, so it is refused, not cut (display
/// names and titles are cut, see `one_line_name`).
/// (A reference may be a link: a Mastodon archive's remote parent, a
/// thread known by its address.)
fn check_lengths(r: &Record, pos: &Position) -> Result<(), ImportError> {
    let bounded = [
        ("platform", Some(&r.platform), MAX_PLATFORM),
        ("id", Some(&r.id), MAX_NAME),
        ("author", Some(&r.author), MAX_HANDLE),
        ("parent_id", r.parent_id.as_ref(), MAX_LINK),
        ("thread_id", r.thread_id.as_ref(), MAX_LINK),
        ("url", r.url.as_ref(), MAX_LINK),
        ("thread_url", r.thread_url.as_ref(), MAX_LINK),
    ];
    for (field, value, max) in bounded {
        let long = value.filter(|v| v.len() > max).map(|v| v.chars().count());
        if let Some(n) = long.filter(|&n| n > max) {
            return Err(ImportError::at(
                pos.clone(),
                field,
                format!("{n} characters long: at most {max}"),
            ));
        }
    }
    Ok(())
}

/// Why `id` cannot be an id (see [`check_ids`]), if it cannot.
pub fn id_problem(id: &str) -> Option<String> {
    if id.contains(char::is_control) || !crate::text::is_clean(id) {
        return Some(format!(
            "{} holds a control or invisible character",
            crate::text::quoted_to_the_letter(id)
        ));
    }
    // What half an emoji (a lone surrogate escape) or a byte that was not
    // UTF-8 became: "x\ud800" and "x\udbff" would be one item.
    if id.contains(char::REPLACEMENT_CHARACTER) {
        return Some(format!(
            "{} holds U+FFFD, what stands for a character the file does not hold whole \
             (half an emoji, a byte that is not UTF-8): two different ids would be one",
            crate::text::quoted(id)
        ));
    }
    // (U+2800, the Braille blank, shows as a space too.)
    let blank = |c: &char| (c.is_whitespace() && *c != ' ') || *c == '\u{2800}';
    id.chars().find(blank).map(|c| {
        format!(
            "{} holds U+{:04X}, a space other than the plain one, which shows as one: typed \
             back, the id would name another item",
            crate::text::quoted(id),
            u32::from(c)
        )
    })
}

/// The longest id read, in characters (the platforms' are under 300); a
/// longer thread title (a blog post's may run on) or display name is cut
/// to it.
const MAX_NAME: usize = 1_000;
/// The longest platform name read, in characters (a column of the list).
const MAX_PLATFORM: usize = 64;
/// The longest handle read, in characters: Mastodon keeps a remote
/// account's username up to 2,048 characters, with its server's name after.
const MAX_HANDLE: usize = 2_400;
/// The longest link read, in characters (browsers take about 8,000).
const MAX_LINK: usize = 8_192;
/// The longest comment read, in bytes.
pub(crate) const MAX_BODY: usize = 4 * 1024 * 1024;

/// The record's required fields and times; `by_hand`: a file typed by
/// hand (the canonical format), held to what a person can read.
fn check(r: &Record, pos: &Position, now: DateTime<Utc>, by_hand: bool) -> Result<(), ImportError> {
    for (field, value) in [
        ("platform", &r.platform),
        ("id", &r.id),
        ("author", &r.author),
    ] {
        // Spaces of other kinds, or a Braille blank, show as nothing too: a
        // person listed with no name. (A platform's file keeps what the
        // platform shows: an "invisible name" is a name some choose.)
        let blank = if by_hand {
            crate::text::is_blank(value)
        } else {
            value.trim().is_empty()
        };
        if blank {
            return Err(ImportError::at(
                pos.clone(),
                field,
                "must not be empty (nor hold only what shows as blank)",
            ));
        }
    }
    // Items are named platform:id (`ackbox mark`, the TUI's copy).
    if r.platform.contains(|c: char| c == ':' || c.is_whitespace()) {
        return Err(ImportError::at(
            pos.clone(),
            "platform",
            format!("{:?} cannot hold a space or ':'", r.platform),
        ));
    }
    // No platform's comment comes near it; an export's line holds the body
    // twice over at the most (escaped), under what a line may be.
    if r.body.len() > MAX_BODY {
        return Err(ImportError::at(
            pos.clone(),
            "body",
            format!(
                "{} bytes long: at most {} MiB",
                r.body.len(),
                MAX_BODY >> 20
            ),
        ));
    }
    check_time(pos, "created_at", r.created_at, now)?;
    // An export's times of what happened to the item: past ones, like its
    // creation (a snooze may end at any later time).
    if let Some(saved) = &r.saved {
        let past = (saved
            .state_changed_at
            .iter()
            .map(|t| ("state_changed_at", *t)))
        .chain(saved.first_reply_at.iter().map(|t| ("first_reply_at", *t)))
        .chain(saved.log.iter().map(|entry| ("log", entry.at)))
        .chain(
            saved
                .author_actions
                .iter()
                .map(|a| ("author_actions", a.at)),
        )
        .chain(
            saved
                .thread_actions
                .iter()
                .map(|a| ("thread_actions", a.at)),
        );
        for (field, at) in past {
            check_time(pos, field, at, now)?;
        }
        match saved.snoozed_until {
            Some(until) => check_time(
                pos,
                "snoozed_until",
                until,
                DateTime::<Utc>::MAX_UTC - LATEST_AHEAD,
            )?,
            // It would never wake.
            None if saved.state == Some(crate::model::State::Snoozed) => {
                return Err(ImportError::at(
                    pos.clone(),
                    "snoozed_until",
                    "missing: a snoozed item needs the time it comes back",
                ));
            }
            None => {}
        }
        // Else the answer would count as given the second the comment came.
        if saved.state_changed_at.is_none()
            && matches!(
                saved.state,
                Some(crate::model::State::Answered | crate::model::State::Dismissed)
            )
        {
            return Err(ImportError::at(
                pos.clone(),
                "state_changed_at",
                "missing: an answered or dismissed state needs the time it was decided, as \
                 `ackbox export` writes it",
            ));
        }
    }
    Ok(())
}

/// A time `field` holds is neither ahead of `now` (give or take a day) nor
/// before 1990.
fn check_time(
    pos: &Position,
    field: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ImportError> {
    match Misdated::of(at, now) {
        None => Ok(()),
        Some(why) => Err(ImportError::at(
            pos.clone(),
            field,
            format!("{} {}", crate::model::format_ts(at), why.mistyped()),
        )),
    }
}

/// Why a time cannot be when something was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Misdated {
    Ahead,
    Early,
}

impl Misdated {
    fn of(at: DateTime<Utc>, now: DateTime<Utc>) -> Option<Misdated> {
        if at > now + LATEST_AHEAD {
            Some(Misdated::Ahead)
        } else if at.timestamp() < EARLIEST {
            Some(Misdated::Early)
        } else {
            None
        }
    }

    /// In a file a person wrote: a typo, or the clock.
    fn mistyped(self) -> &'static str {
        match self {
            Misdated::Ahead => {
                "is more than a day ahead of this computer's clock: a mistyped date, or the clock?"
            }
            Misdated::Early => "is before 1990: a mistyped year?",
        }
    }

    /// In a platform's file, where a stranger's app or server dated it: the
    /// item is skipped, for this reason.
    fn skipped(self) -> &'static str {
        match self {
            Misdated::Ahead => "dated ahead of this computer's clock",
            Misdated::Early => "dated before 1990",
        }
    }
}
