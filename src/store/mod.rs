//! The SQLite store: the only place that speaks SQL.
//!
//! `open` applies the pragmas and migrations; the submodules add typed
//! queries (`query`), user actions and undo (`actions`), the import session
//! (`import`), statistics aggregates (`stats`) and export (`export`).

/// An item's link (SQL, items aliased `i`): as written, or rebuilt from the
/// shape it shares with other links (see `links`).
macro_rules! item_url {
    () => {
        "COALESCE(i.url, ackbox_url((SELECT form FROM url_forms WHERE fid = i.url_form), i.id, i.thread_id))"
    };
}

/// When an answered item was first answered (SQL): its first own reply, or
/// when it was marked answered (a reply written elsewhere) if that came
/// first, as a reply imported after the mark does not make the answer later.
macro_rules! first_answered_at {
    () => {
        "MIN(COALESCE(first_reply_at, state_at), COALESCE(state_at, first_reply_at))"
    };
}

pub mod actions;
pub mod analysis;
pub mod export;
mod flat;
mod halves;
pub mod import;
mod links;
pub mod people;
pub mod plans;
pub mod query;
mod schema;
mod search;
pub mod stats;
pub mod view;

use crate::analysis::Analysis;
use crate::model::State;
use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::Path;
use std::time::Duration;

pub use schema::MIGRATIONS;

/// The folder SQLite writes its temporary files in (`SQLITE_TMPDIR`, else
/// `TMPDIR`, else the first of /var/tmp, /usr/tmp, /tmp that is there).
fn sqlite_temp_dir() -> std::path::PathBuf {
    ["SQLITE_TMPDIR", "TMPDIR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .map(std::path::PathBuf::from)
        .chain(["/var/tmp", "/usr/tmp", "/tmp"].map(std::path::PathBuf::from))
        .find(|d| d.is_dir())
        .unwrap_or_else(|| "/tmp".into())
}

/// An error as a user should read it: a database that another process is
/// writing to, or that cannot be written, says so plainly instead of in
/// SQLite's words ("database is locked", "attempt to write a readonly
/// database").
pub fn explain(e: &anyhow::Error) -> String {
    use rusqlite::ErrorCode::{
        DatabaseBusy, DatabaseCorrupt, DatabaseLocked, DiskFull, ReadOnly, SystemIoFailure,
    };
    let plain = match sqlite_code(e) {
        // SQLite's temporary files go where TMPDIR says (else /var/tmp, /tmp).
        Some(SystemIoFailure) if index_cannot_grow(e) => {
            "the disk that holds the database is full (its FILE-shm beside it cannot grow): \
             nothing of this change was written; free some space and try again"
                .to_owned()
        }
        Some(DiskFull) => format!(
            "the disk that holds the database (or the temporary folder, {}) is full: nothing of \
             this change was written; free some space and try again",
            crate::text::path_name(&sqlite_temp_dir())
        ),
        Some(DatabaseBusy | DatabaseLocked) => "the database is busy: another ackbox is writing \
            to it (an import, a bulk change in an open review, or any command judging the items \
            again after an [analysis] change or building the search index again after an \
            update of ackbox?); try again when it is done"
            .to_owned(),
        Some(ReadOnly) => "the database cannot be written: the file, its folder or its \
            FILE-shm beside it is read-only (`--db` or ACKBOX_DB names the file; a FILE-shm \
            left read-only by a read while the file was can be removed when no ackbox has it \
            open)"
            .to_owned(),
        Some(DatabaseCorrupt) => format!("{DAMAGED} ({e:#})"),
        // A page past the file's end: a file cut short.
        Some(SystemIoFailure) if short_read(e) => format!("{DAMAGED} ({e:#})"),
        _ if holds_a_foreign_value(e) => {
            return format!("{DAMAGED} (a value ackbox never writes there: {e:#})");
        }
        _ => return format!("{e:#}"),
    };
    // What it stopped (a file not imported: a context around SQLite's
    // error) goes first.
    if e.chain()
        .next()
        .is_some_and(|top| top.is::<rusqlite::Error>())
    {
        plain
    } else {
        format!("{e}: {plain}")
    }
}

/// Whether an error says the database file itself is damaged (see
/// [`explain`]): nothing more can be trusted to read from it.
pub fn is_damaged(e: &anyhow::Error) -> bool {
    use rusqlite::ErrorCode::{DatabaseCorrupt, SystemIoFailure};
    match sqlite_code(e) {
        Some(DatabaseCorrupt) => true,
        Some(SystemIoFailure) => short_read(e),
        _ => holds_a_foreign_value(e),
    }
}

/// A value of a kind ackbox never writes where it was read (text that is
/// not UTF-8, a number where text goes): damage SQLite's checks let by.
fn holds_a_foreign_value(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<rusqlite::Error>(),
            Some(
                rusqlite::Error::FromSqlConversionFailure(..)
                    | rusqlite::Error::Utf8Error(..)
                    | rusqlite::Error::InvalidColumnType(..)
            )
        )
    })
}

/// Whether an error is about the database as a whole (busy, read-only,
/// damaged), not about what was being written to it.
pub fn is_about_the_database(e: &anyhow::Error) -> bool {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseCorrupt, DatabaseLocked, DiskFull, ReadOnly};
    matches!(
        sqlite_code(e),
        Some(DatabaseBusy | DatabaseLocked | ReadOnly | DatabaseCorrupt | DiskFull)
    )
}

/// Whether an error says the database cannot be written now: read-only,
/// or another process writing to it.
pub fn cannot_write_now(e: &anyhow::Error) -> bool {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked, ReadOnly};
    matches!(
        sqlite_code(e),
        Some(DatabaseBusy | DatabaseLocked | ReadOnly)
    )
}

/// Whether another process held the database too long: worth trying again
/// (exit status 75, as sysexits' EX_TEMPFAIL).
pub fn is_busy(e: &anyhow::Error) -> bool {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
    matches!(sqlite_code(e), Some(DatabaseBusy | DatabaseLocked))
}

/// Whether SQLite read less of the file than its header promised
/// (SQLITE_IOERR_SHORT_READ).
fn short_read(e: &anyhow::Error) -> bool {
    sqlite_failure(e).is_some_and(|f| f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHORT_READ)
}

/// The log's index (FILE-shm) could not grow: its disk is full.
fn index_cannot_grow(e: &anyhow::Error) -> bool {
    sqlite_failure(e).is_some_and(|f| f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE)
}

fn sqlite_failure(e: &anyhow::Error) -> Option<rusqlite::ffi::Error> {
    e.chain()
        .find_map(|c| match c.downcast_ref::<rusqlite::Error>() {
            Some(rusqlite::Error::SqliteFailure(f, _)) => Some(*f),
            _ => None,
        })
}

fn sqlite_code(e: &anyhow::Error) -> Option<rusqlite::ErrorCode> {
    sqlite_failure(e).map(|f| f.code)
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How many databases this process is upgrading now (migrations, a search
/// index built again): what a slow opening is said to be doing.
static UPGRADING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Whether this process is upgrading a database now (see [`UPGRADING`]).
pub fn upgrading() -> bool {
    UPGRADING.load(std::sync::atomic::Ordering::Relaxed) > 0
}

/// Counts an upgrade in [`UPGRADING`] while it lives, however it ends.
pub(crate) struct Upgrading;

impl Upgrading {
    pub(crate) fn begin() -> Upgrading {
        UPGRADING.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Upgrading
    }
}

impl Drop for Upgrading {
    fn drop(&mut self) {
        UPGRADING.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// `PRAGMA application_id` of an ackbox database ("ackb"): what tells it
/// from another program's SQLite file, which ackbox must not change.
const APPLICATION_ID: i32 = 0x6163_6b62;

/// How long a statement waits for another process's lock before failing
/// (the TUI's changes wait less: see `set_busy_timeout`).
pub(crate) const BUSY_WAIT: Duration = Duration::from_secs(5);

/// How many prepared statements a connection keeps.
const STATEMENTS: usize = 128;

/// An open ackbox database.
pub struct Store {
    conn: Connection,
    /// The word lists and weights the analysis runs with.
    analysis: Analysis,
    /// Automatic dismissals applied to new items at import.
    rules: Vec<crate::config::Rule>,
    /// A second connection for reading a window in two halves at once
    /// (`halves.rs`), kept for its page cache.
    sidecar: std::cell::Cell<Option<Box<Store>>>,
    /// Whether this process made the file, just now: nobody else has
    /// reason to have it open (see `ImportSession::private_journal`).
    made: bool,
    /// The file, opened with a shared `flock` for as long as the store is:
    /// how another ackbox knows it is in use (see `remove_if_unopened`),
    /// and this one that the file at its path is still the one it opened.
    presence: Option<std::fs::File>,
}

/// The database files (device, inode) this process has met damaged: no
/// connection to one copies its log into it on closing (see `Store::drop`)
/// and no decision is written to it (see [`deciding`]). A log left beside
/// a backup copied back over the file is another copy's: merged in, it
/// would overwrite the backup, and the advice to move it away (see
/// [`explain`]) would come too late. Per file, as one process may open
/// several (the review's threads open the same one).
/// Each file is kept open: deleted, its inode would go to a new file,
/// sound, which this mark would then hold back.
static MET_DAMAGED: std::sync::Mutex<Vec<((u64, u64), std::fs::File)>> =
    std::sync::Mutex::new(Vec::new());

/// The device and inode of the file a store opened (none in memory).
fn identity(presence: &Option<std::fs::File>) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = presence.as_ref()?.metadata().ok()?;
    Some((meta.dev(), meta.ino()))
}

/// Whether this process has met damage in the file a store opened.
fn met_damage(presence: &Option<std::fs::File>) -> bool {
    identity(presence).is_some_and(|id| {
        MET_DAMAGED
            .lock()
            .is_ok_and(|d| d.iter().any(|(met, _)| *met == id))
    })
}

/// What became of the file at a store's path since it opened it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    /// Deleted or moved.
    Gone,
    /// Another file is there (a backup moved over it).
    Replaced,
}

/// What became of the file at a store's path; none while it is the one
/// opened (or in memory).
fn moved(presence: &Option<std::fs::File>, path: Option<&str>) -> Option<Moved> {
    use std::os::unix::fs::MetadataExt;
    let path = path.filter(|p| !p.is_empty())?;
    let opened = identity(presence)?;
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(Moved::Gone),
        Ok(now) if (now.dev(), now.ino()) != opened => Some(Moved::Replaced),
        _ => None,
    }
}

/// Refuses a write to a store whose file is no longer at its path: it
/// would go with the last connection, or into the log beside another file
/// (a backup moved over it, which it would damage).
fn still_there(conn: &Connection, presence: &Option<std::fs::File>) -> Result<()> {
    let Some(what) = moved(presence, conn.path()) else {
        return Ok(());
    };
    let what = match what {
        Moved::Gone => "is gone (deleted or moved)",
        Moved::Replaced => "was replaced",
    };
    anyhow::bail!(
        "the database file {what} since it was opened here: nothing is written to it; \
         quit, and restore it or import again"
    )
}

/// The transaction of a user's decision (a mark, a dismissal, a snooze, a
/// mute, an undo, a VIP tag or note), refused when the file at its path is
/// no longer the one opened (the change would go with the last connection,
/// or into the log of another file: see [`moved`]), and once this process has met
/// damage in the file (see [`MET_DAMAGED`]): what it reads can no longer be
/// trusted, and what it writes would sit in the log the advice says to
/// move away. A reply's words and a draft are still saved then (they are
/// the user's), not to a file moved away (see [`still_there`]).
fn deciding<'c>(
    conn: &'c mut Connection,
    presence: &Option<std::fs::File>,
) -> Result<rusqlite::Transaction<'c>> {
    still_there(conn, presence)?;
    if met_damage(presence) {
        let corrupt = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT);
        let said = "met earlier: nothing more is written to it".to_owned();
        return Err(rusqlite::Error::SqliteFailure(corrupt, Some(said)).into());
    }
    Ok(conn.transaction()?)
}

impl Drop for Store {
    fn drop(&mut self) {
        // Opened not to copy its log into the file on closing (a first read
        // that fails leaves it so): a sound file does, as SQLite's default.
        if !met_damage(&self.presence) {
            let _ = self.conn.set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                false,
            );
        }
    }
}

/// Why the first read of a file failed, in the user's words (a damaged
/// file is told so by `explain`, wherever the damage is met).
fn first_read_failed(e: rusqlite::Error) -> anyhow::Error {
    let why = match e.sqlite_error_code() {
        // A database in WAL mode writes files beside itself, even to read.
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen) => {
            "cannot open it for writing: the file or its directory is read-only \
             (ackbox writes its journal beside it, as FILE-wal and FILE-shm)"
        }
        // A first import holds its file to itself (see `private_journal`).
        Some(
            rusqlite::ErrorCode::DatabaseCorrupt
            | rusqlite::ErrorCode::DatabaseBusy
            | rusqlite::ErrorCode::DatabaseLocked,
        ) => return anyhow::Error::new(e),
        // The index of the log (FILE-shm) is sized even to read: a full disk.
        _ if matches!(&e, rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE) =>
        {
            "cannot read it: the disk that holds it is full (SQLite keeps FILE-shm beside it, \
             even to read): free some space; the database was not changed"
        }
        Some(rusqlite::ErrorCode::SystemIoFailure) => {
            "cannot read it: a disk error (a full or failing disk); the database was not changed"
        }
        _ => "not an ackbox database (SQLite could not read it)",
    };
    anyhow::Error::new(e).context(why)
}

/// What a damaged database file is told, and what to do.
const DAMAGED: &str = "the database file is damaged (a disk error, a copy taken while it \
    was written, or a backup copied over it with another copy's FILE-wal and FILE-shm still \
    beside it: move those two away first): restore it from a backup, or keep what SQLite can \
    still read with `sqlite3 FILE .recover | sqlite3 recovered.db` (`--db` or ACKBOX_DB names \
    the file)";

/// Whether there is something at `path` to read as a database: SQLite takes
/// an empty file for an empty database, and would make it one (its log
/// holds what a first import has not moved into the file yet).
pub fn holds_data(path: &Path) -> bool {
    let len = |p: &Path| p.metadata().map_or(0, |m| m.len());
    len(path) > 0 || len(&beside(path, "-wal")) > 0
}

/// Whether the file at `path` is an SQLite database with nothing in it
/// (no table, no version, no application id: what `sqlite3 x.db VACUUM`
/// leaves), which opening would make an ackbox one. Read without writing;
/// a file that cannot be read so is not said to be blank.
pub fn is_blank(path: &Path) -> bool {
    // Its log may hold what a first import has not moved into it yet.
    if holds_data(&beside(path, "-wal")) {
        return false;
    }
    let Ok(conn) = open_immutable(path) else {
        return false;
    };
    conn.query_row(
        "SELECT (SELECT COUNT(*) FROM sqlite_schema) = 0
            AND (SELECT user_version FROM pragma_user_version) = 0
            AND (SELECT application_id FROM pragma_application_id) = 0",
        [],
        |r| r.get(0),
    )
    .unwrap_or(false)
}

/// Refuses a database of a schema this ackbox does not know: newer, or
/// negative (set by another program: no ackbox wrote it).
fn known_version(version: i64) -> Result<()> {
    if version < 0 {
        bail!(
            "this database's schema version {version} is not one ackbox writes (0 or more); \
             the file was not changed"
        );
    }
    if version > SCHEMA_VERSION {
        bail!(
            "this database was written by a newer ackbox (schema version {version}; this \
             ackbox knows up to {SCHEMA_VERSION}). Upgrade ackbox; the file was not changed."
        );
    }
    Ok(())
}

/// The file at `path` opened as immutable: read as it lies, nothing made
/// beside it (no log index), nothing locked.
fn open_immutable(path: &Path) -> Result<Connection> {
    // A URI's path, escaped where it would end the path or escape.
    const ESCAPED: &percent_encoding::AsciiSet =
        &percent_encoding::CONTROLS.add(b'%').add(b'?').add(b'#');
    let absolute = std::path::absolute(path)?;
    let uri = format!(
        "file:{}?immutable=1",
        percent_encoding::percent_encode(
            std::os::unix::ffi::OsStrExt::as_bytes(absolute.as_os_str()),
            ESCAPED
        )
    );
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    Ok(Connection::open_with_flags(&uri, flags)?)
}

/// `path` as SQLite takes a file's name: never a URI (`file:x.db`), nor
/// its name for a database in memory that nothing is kept of (`:memory:`).
fn as_file(path: &Path) -> std::path::PathBuf {
    match path.is_relative() {
        true => Path::new(".").join(path),
        false => path.to_owned(),
    }
}

/// Why the database at `path` could not be opened, in the file system's
/// words (SQLite says only "unable to open"): a new file's folder may be
/// read-only or closed to the user, or a link point nowhere.
fn cannot_open(path: &Path) -> String {
    let name = crate::text::path_name(path);
    match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
    {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let link = std::fs::read_link(path).ok();
            let target = (link.as_ref()).map_or_else(
                || path.to_path_buf(),
                |to| path.parent().unwrap_or(Path::new("")).join(to),
            );
            // A file of this process's own name made in the folder (not at
            // the database's path, which another ackbox may be making) says
            // why it could not be.
            let folder = (target.parent())
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let probe = folder.join(format!(".ackbox-{}", std::process::id()));
            let made = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&probe);
            let why = made.map(|_| drop(std::fs::remove_file(&probe))).err();
            let linked = link.map_or_else(String::new, |_| {
                format!(", a link to {}", crate::text::path_name(&target))
            });
            match why {
                Some(e) => format!("cannot create the database {name}{linked} ({e})"),
                None => format!("cannot create the database {name}{linked}"),
            }
        }
        Err(e) => format!("cannot open the database {name} ({e})"),
        Ok(_) => format!("cannot open the database {name}"),
    }
}

/// The file SQLite keeps beside the database: its log (`-wal`) or the
/// log's index (`-shm`).
fn beside(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut file = path.as_os_str().to_owned();
    file.push(suffix);
    file.into()
}

/// Removes the database file at `path` (closed by this process) unless
/// another process has it open: another ackbox holds a shared `flock` on
/// it while it does (a database with a rollback journal, as a first import
/// writes one, has no files beside it to tell), and the last connection to
/// close removes the log and its index, so while either is there someone
/// is using the database. Returns whether it went. `made_here`: a file
/// this command made, whose log and index, left by its failure (a full
/// disk stops the last connection's clean-up), go with it when no other
/// ackbox holds it (no other program knows of it yet).
pub fn remove_if_unopened(path: &Path, made_here: bool) -> std::io::Result<bool> {
    let logs = [beside(path, "-wal"), beside(path, "-shm")];
    if !made_here && logs.iter().any(|l| l.exists()) {
        return Ok(false);
    }
    let file = std::fs::File::open(path)?;
    // A lock this process let go of is held a moment longer by a child
    // being started on another thread (its copy of the descriptor lives
    // until it runs its program): asked again a few times, briefly.
    for _ in 0..5 {
        match rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive) {
            Err(rustix::io::Errno::WOULDBLOCK) => {
                std::thread::sleep(std::time::Duration::from_millis(10))
            }
            // Held (or a file system without locks) while it goes.
            _ => {
                std::fs::remove_file(path)?;
                for log in logs.iter().filter(|_| made_here) {
                    match std::fs::remove_file(log) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                        _ => {}
                    }
                }
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// The file at `path`, opened with a shared `flock` held until it closes
/// (none where the file system has no locks).
fn presence(path: &Path) -> Option<std::fs::File> {
    let file = std::fs::File::open(path).ok()?;
    rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockShared).ok()?;
    Some(file)
}

/// Switches `conn`'s database to WAL mode (readers never wait for a
/// writer). The switch takes its lock without waiting (no busy handler):
/// another ackbox opening the file at the same moment makes it busy for a
/// moment, so it is asked again.
fn to_wal(conn: &Connection) -> Result<()> {
    let waited = std::time::Instant::now();
    let mode: String = loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)) {
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && waited.elapsed() < BUSY_WAIT =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => break other?,
        }
    };
    if mode != "wal" && mode != "memory" {
        bail!("cannot switch the database to WAL mode (got {mode})");
    }
    Ok(())
}

/// Texts bound as one parameter, for `rarray(?)`.
fn text_array(texts: impl IntoIterator<Item = String>) -> std::rc::Rc<Vec<rusqlite::types::Value>> {
    std::rc::Rc::new(
        texts
            .into_iter()
            .map(rusqlite::types::Value::Text)
            .collect(),
    )
}

/// Row ids bound as one parameter, for `rarray(?)`.
fn rid_array(rids: impl IntoIterator<Item = i64>) -> std::rc::Rc<Vec<rusqlite::types::Value>> {
    std::rc::Rc::new(
        rids.into_iter()
            .map(rusqlite::types::Value::Integer)
            .collect(),
    )
}

/// Refuses, before anything is written, a file that is not an ackbox
/// database: another program's id, or tables of its own. An empty file is
/// a new database; one with the tables of ackbox's first migration is an
/// ackbox database from before the id was written (one from a newer
/// ackbox is refused next, by its version).
fn not_foreign(conn: &Connection, id: i32, version: i64) -> Result<()> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let has = |name: &str| tables.iter().any(|t| t == name);
    let ours = id == 0
        && if tables.is_empty() {
            version == 0
        } else {
            version >= 1
                && ["items", "threads", "actions", "log"]
                    .iter()
                    .all(|t| has(t))
        };
    if !ours {
        // Its table names are another program's text: cleaned for the terminal.
        let mut named: Vec<String> = tables
            .iter()
            .take(5)
            .map(|t| crate::text::one_line(t))
            .collect();
        if tables.len() > 5 {
            named.push("…".into());
        }
        let whose = match (id, named.is_empty()) {
            (0, false) => format!("it holds other tables ({})", named.join(", ")),
            (0, true) => format!("it has no tables but schema version {version}"),
            _ => format!(
                "another program's SQLite file (application id {:#x})",
                id.cast_unsigned()
            ),
        };
        bail!("not an ackbox database: {whose}; the file was not changed");
    }
    Ok(())
}

/// Makes ackbox's SQL functions known on `conn`: its queries and triggers
/// call them (the full-text index's, `ackbox_fold`, on every change of a
/// comment's text), so another program's connection that writes the
/// database needs them too.
pub fn register_functions(conn: &Connection) -> Result<()> {
    links::register(conn)?;
    search::register(conn)?;
    flat::register(conn)?;
    Ok(())
}

/// How an own identity kept for later imports' notes came
/// ([`Store::own_kept`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// Given to an import with `--own`.
    Given,
    /// Marked the owner's by a file the config did not name it in (a
    /// Mastodon outbox's account).
    Marked,
}

impl Kept {
    fn key(self) -> &'static str {
        match self {
            Kept::Given => "own",
            Kept::Marked => "own_marked",
        }
    }

    /// How a note names an identity so kept.
    pub fn said(self) -> &'static str {
        match self {
            Kept::Given => "given as yours with --own before",
            Kept::Marked => "marked yours by a file imported before",
        }
    }
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    /// A database written by a newer ackbox is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| {
                // "File exists" says nothing of which: a file in the way.
                let file = dir.ancestors().find(|d| d.is_file());
                match file {
                    Some(f) => format!(
                        "cannot create the directory {}: {} is a file, not a folder",
                        dir.display(),
                        f.display()
                    ),
                    None => format!("cannot create the directory {}", dir.display()),
                }
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if path.is_dir() {
            bail!(
                "{} is a folder: --db or ACKBOX_DB names the database file",
                crate::text::path_name(path)
            );
        }
        let made = path.symlink_metadata().is_err();
        // A newer ackbox's file is refused before it is opened to write,
        // which would leave a log and its index beside it (in WAL mode).
        if holds_data(path) && !holds_data(&beside(path, "-wal")) {
            let version = open_immutable(path).and_then(|conn| {
                Ok(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))?)
            });
            if let Ok(version) = version {
                known_version(version)
                    .with_context(|| format!("database {}", crate::text::path_name(path)))?;
            }
        }
        let conn =
            Connection::open_with_flags(as_file(path), flags).with_context(|| cannot_open(path))?;
        // Taken before the first read, which may wait for a first import
        // (that then fails, and would remove the file if nobody held it).
        let presence = presence(path);
        let mut store = Self::from_connection(conn, true)
            .with_context(|| format!("database {}", crate::text::path_name(path)))?;
        store.made = made;
        store.presence = presence;
        Ok(store)
    }

    /// Opens, to read only, a database that `open` could not open because
    /// it cannot write beside it (a read-only folder or disk: SQLite reads a
    /// WAL database through a FILE-shm it makes there). Read as immutable,
    /// which only such a database is: no writer can make the files beside
    /// it either. `None` when that is not why `open` failed with `error`, or
    /// when a log beside the file holds changes that reading it so would
    /// miss, or when the file cannot be read at all (not read-only: `error`
    /// says why).
    pub fn open_unwritable(path: &Path, error: &anyhow::Error) -> Option<Result<Store>> {
        use rusqlite::ErrorCode::{CannotOpen, ReadOnly};
        let unwritable = matches!(sqlite_code(error), Some(ReadOnly | CannotOpen));
        let log = beside(path, "-wal");
        if !unwritable
            || log.metadata().is_ok_and(|m| m.len() > 0)
            || !holds_data(path)
            || std::fs::File::open(path).is_err()
        {
            return None;
        }
        Some(
            open_immutable(path)
                .and_then(|conn| Self::from_connection(conn, false))
                .with_context(|| format!("database {} (read only)", crate::text::path_name(path))),
        )
    }

    /// A private in-memory database (a dry run into no database, tests and
    /// benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Self::from_connection(Connection::open_in_memory()?, true)
    }

    /// `writable`: false for a database opened by `open_unwritable`, which
    /// is neither switched to WAL nor migrated.
    fn from_connection(mut conn: Connection, writable: bool) -> Result<Store> {
        // Nothing of a log is copied into the file on closing until the
        // file is known sound (see `Store::drop`).
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        // Read the version before writing anything: a newer file stays untouched.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(first_read_failed)?;
        let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if id != APPLICATION_ID {
            not_foreign(&conn, id, version)?;
        }
        known_version(version)?;
        if !writable && version < SCHEMA_VERSION {
            bail!(
                "this database needs an upgrade to schema version {SCHEMA_VERSION} (it has \
                 {version}), which cannot be written where it lies (a read-only file or \
                 folder, or its FILE-shm beside it left read-only by a read while the file \
                 was: it can be removed when no ackbox has it open): copy it to a folder you \
                 can write and name the copy with --db"
            );
        }
        conn.busy_timeout(BUSY_WAIT)?;
        // Room for every statement a keystroke runs (the list, the detail
        // pane, an action and its triggers, today's progress): with rusqlite's
        // 16 they pushed each other out and were compiled again each time.
        conn.set_prepared_statement_cache_capacity(STATEMENTS);
        // A transaction that writes takes the write lock when it begins, so
        // that it waits for another writer (an import) instead of failing at
        // its first write; reads ask for a deferred one.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        register_functions(&conn)?;
        // `rarray(?)`: a list of row ids bound as one parameter (`rid_array`).
        rusqlite::vtab::array::load_module(&conn)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if writable {
            to_wal(&conn)?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // All of SQLite's memory (caches, sorters building indexes, the
        // full-text index's pending terms) stays near its limit, whatever
        // the size of an import.
        set_memory(&conn, IMPORT_MEMORY)?;
        if id != APPLICATION_ID {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        let mut store = Store {
            conn,
            analysis: Analysis::Builtin,
            rules: Vec::new(),
            sidecar: std::cell::Cell::new(None),
            made: false,
            presence: None,
        };
        store.migrate(version)?;
        if writable {
            store.refold_if_changed()?;
        }
        Ok(store)
    }

    /// Rebuilds the full-text indexes when the folding of their words is
    /// not the one they were built with (see [`fold_version`]): their
    /// triggers take a changed row's old words out by folding it again,
    /// which must give the words put in.
    fn refold_if_changed(&mut self) -> Result<()> {
        if setting(&self.conn, FOLD)? == Some(fold_version()) {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        if setting(&tx, FOLD)? != Some(fold_version()) {
            let _upgrading = Upgrading::begin();
            tx.execute_batch(
                "INSERT INTO items_fts (items_fts) VALUES ('rebuild');
                 INSERT INTO threads_fts (threads_fts) VALUES ('rebuild');",
            )?;
            note_fold(&tx)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        if from == SCHEMA_VERSION {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        // Read again under the write lock: another ackbox that opened the
        // same new file at the same moment may have migrated it meanwhile.
        let from: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if from >= SCHEMA_VERSION {
            return Ok(());
        }
        // A new file's first schema is no upgrade.
        let _upgrading = (from > 0).then(Upgrading::begin);
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(usize::try_from(from)?) {
            tx.execute_batch(sql)
                .with_context(|| format!("migration {} failed", i + 1))?;
        }
        // The migrations that fold the indexes built both with this folding.
        if from < FOLDED {
            note_fold(&tx)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }

    /// `e`, naming this store's file when it is the database's own trouble
    /// (damaged, read-only, busy) met after it opened: the default file is
    /// on no command line. A damaged file is then left as found (see
    /// [`MET_DAMAGED`]).
    pub fn named(&self, e: anyhow::Error) -> anyhow::Error {
        if is_damaged(&e)
            && !met_damage(&self.presence)
            && let Some(id) = identity(&self.presence)
            && let Some(Ok(file)) = self.presence.as_ref().map(std::fs::File::try_clone)
            && let Ok(mut damaged) = MET_DAMAGED.lock()
        {
            damaged.push((id, file));
        }
        let bare = e
            .chain()
            .next()
            .is_some_and(|top| top.is::<rusqlite::Error>());
        match self.path() {
            Some(path) if bare && is_about_the_database(&e) => {
                e.context(format!("database {}", crate::text::path_name(&path)))
            }
            _ => e,
        }
    }

    /// Has SQLite check the whole file (`PRAGMA quick_check`, which reads
    /// all of it: asked only when what was read disagrees with itself, as
    /// where a garbled page of an index or a roll-up read as other rows,
    /// which SQLite's reading lets by). Damage found is an error as
    /// SQLite's own would be; `what` says what disagreed.
    pub(crate) fn check_sound(&self, what: &str) -> Result<()> {
        let found: String = self
            .conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
        if found == "ok" {
            return Ok(());
        }
        let corrupt = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT);
        let said = format!("{what}; SQLite's check: {}", crate::text::one_line(&found));
        Err(rusqlite::Error::SqliteFailure(corrupt, Some(said)).into())
    }

    /// The file this store reads (`None` for a database in memory).
    pub fn path(&self) -> Option<std::path::PathBuf> {
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(std::path::PathBuf::from)
    }

    /// What became of the file at this store's path since it opened it:
    /// gone, or another file there (a backup moved over it: its log and
    /// index beside it are this file's, and a write through them would
    /// damage that one). None while it is the one opened.
    pub fn moved(&self) -> Option<Moved> {
        moved(&self.presence, self.conn.path())
    }

    /// Changes whenever the data may have: another connection committed, or
    /// this one wrote a row.
    pub fn stamp(&self) -> Result<(i64, u64)> {
        Ok((self.data_version()?, self.conn.total_changes()))
    }

    /// One read transaction for a run of statements, ended when dropped:
    /// outside one, each statement takes and drops the file's read lock (a
    /// cost per row of a page, per person of a report). `None` inside a
    /// transaction already.
    pub(crate) fn reading(&self) -> Result<Option<rusqlite::Transaction<'_>>> {
        if !self.conn.is_autocommit() {
            return Ok(None);
        }
        Ok(Some(rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Deferred,
        )?))
    }

    /// What stops this connection's statement from another thread.
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// How long a change waits for another process's write (an import)
    /// before it fails.
    pub fn set_busy_timeout(&self, wait: Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(wait)?)
    }

    /// Runs `work` (a change of many thousands of items) with the page
    /// cache and memory an import has: under the review's small cache its
    /// changed pages spilled into the log again and again, and a bulk undo
    /// of 184,000 items took five minutes (ten seconds from the command
    /// line). The review's own are back after it.
    pub fn with_room<T>(&mut self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let own = memory(&self.conn)?;
        set_memory(&self.conn, IMPORT_MEMORY)?;
        let done = work(self);
        set_memory(&self.conn, own)?;
        done
    }

    /// Sets SQLite's page cache (32 MB by default, for imports) and a soft
    /// limit on all of SQLite's memory (caches, temporary b-trees, sorters),
    /// which SQLite keeps to by recycling cache pages early.
    pub fn set_memory_kib(&self, cache: i64, limit: i64) -> Result<()> {
        set_memory(&self.conn, (-cache, limit * 1024))
    }

    /// Uses the user's word lists and weights instead of the built-in ones.
    pub fn set_analysis(&mut self, cfg: Analysis) {
        self.analysis = cfg;
    }

    /// The identities kept so that an import not told them can say so (its
    /// own replies came in as comments waiting for an answer): given to
    /// imports with `--own`, or marked the owner's by a file.
    pub fn own_kept(&self, kept: Kept) -> Result<Vec<(String, String)>> {
        match setting::<String>(&self.conn, kept.key())? {
            Some(json) => serde_json::from_str(&json).context("the own identities kept"),
            None => Ok(Vec::new()),
        }
    }

    /// How many incoming items `handle` wrote on `platform` (as stored, or
    /// with an `@`, in any case where the platform's handles are; given
    /// with an `@` or a `u/` or not), from the per-author roll-up.
    pub fn items_by(&self, platform: &str, handle: &str) -> Result<u64> {
        let handle = crate::analysis::strip_handle_prefix(handle.trim());
        let sql = if crate::config::handles_keep_case(platform) {
            "SELECT COALESCE(SUM(items), 0) FROM authors WHERE platform = ?1
             AND author IN (?2, '@' || ?2)"
        } else {
            "SELECT COALESCE(SUM(items), 0) FROM authors WHERE platform = ?1
             AND lower(author) IN (lower(?2), '@' || lower(?2))"
        };
        Ok(self
            .conn
            .query_row(sql, rusqlite::params![platform, handle], |r| r.get(0))?)
    }

    /// Keeps these identities beside those kept before.
    pub fn remember_own(&self, how: Kept, given: &[(String, String)]) -> Result<()> {
        let mut kept = self.own_kept(how)?;
        for pair in given {
            if !kept.contains(pair) {
                kept.push(pair.clone());
            }
        }
        set_setting(&self.conn, how.key(), serde_json::to_string(&kept)?)
    }

    /// Works every stored flag, reply verdict and the queue order out again
    /// when the analysis config (its `fingerprint`) is not the one they were
    /// worked out under; returns how many items it judged again. A database
    /// that never noted one notes this one, and, holding items (worked out
    /// by a version before the note), judges them again.
    pub fn reanalyse_if_changed(&mut self, fingerprint: i64) -> Result<Option<u64>> {
        let noted: Option<i64> = setting(&self.conn, ANALYSIS)?;
        let stale = match noted {
            Some(n) => n != fingerprint,
            None => self
                .conn
                .query_row("SELECT EXISTS (SELECT 1 FROM items)", [], |r| r.get(0))?,
        };
        if !stale {
            // Nothing to work out again: a file that cannot be written is
            // still read.
            if noted.is_none() {
                let _ = set_setting(&self.conn, ANALYSIS, fingerprint);
            }
            return Ok(None);
        }
        self.judge_again(fingerprint)
    }

    /// Works everything out again under the settings of `fingerprint` and
    /// notes it, unless another ackbox, opened at the same moment, did so
    /// while this one waited to write.
    fn judge_again(&mut self, fingerprint: i64) -> Result<Option<u64>> {
        let tx = (self.conn).transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let noted: Option<i64> = setting(&tx, ANALYSIS)?;
        if noted == Some(fingerprint) {
            return Ok(None);
        }
        let judged = analysis::reanalyse_all(&tx, &self.analysis)?;
        set_setting(&tx, ANALYSIS, fingerprint)?;
        tx.commit()?;
        Ok(Some(judged))
    }

    /// Sets the automatic dismissals applied at import.
    pub fn set_rules(&mut self, rules: Vec<crate::config::Rule>) {
        self.rules = rules;
    }

    /// The word lists and weights in use.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Puts snoozed items whose time has come back in the queue. Logged as a
    /// rule. (A reply that arrives meanwhile answers the item at once; one
    /// from before the snooze was the user's to weigh: they put it back.)
    pub fn wake_snoozed(&mut self, now: DateTime<Utc>) -> Result<usize> {
        let due = stats::due_snoozes(&self.conn, now.timestamp())?;
        if due == 0 {
            return Ok(0);
        }
        let tx = self.conn.transaction()?;
        let aid = actions::new_action(
            &tx,
            now,
            crate::model::Actor::Rule,
            actions::WAKE,
            None,
            None,
        )?;
        // Woken as the user left it: an item put back in the queue despite
        // a reply ("let me check") stays theirs to answer.
        let due: Vec<(i64, bool)> = tx
            .prepare("SELECT rid, decided FROM items WHERE state = 3 AND snoozed_until <= ?1")?
            .query_map([now.timestamp()], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for &(rid, decided) in &due {
            actions::set_state(&tx, aid, rid, now, State::NeedsReply, None, None, decided)?;
        }
        let rids: Vec<i64> = due.iter().map(|&(rid, _)| rid).collect();
        analysis::commit(tx, &self.analysis, &rids, &[], &[])?;
        Ok(rids.len())
    }
}

/// The weeks of "active in three or more distinct weeks": Monday to Sunday,
/// UTC, numbered from Monday 1970-01-05 (the epoch was a Thursday).
pub(crate) mod week {
    const FIRST_MONDAY: i64 = 4 * 86_400;
    const LEN: i64 = 7 * 86_400;

    /// The week `t` falls in.
    pub(crate) fn of(t: i64) -> i64 {
        (t - FIRST_MONDAY).div_euclid(LEN)
    }

    /// When the week after `t`'s begins.
    pub(crate) fn next(t: i64) -> i64 {
        (of(t) + 1) * LEN + FIRST_MONDAY
    }

    /// [`of`] in SQL, of the column `column` (whole weeks from the first
    /// Monday; SQLite's division rounds toward zero, the same after it).
    pub(crate) fn of_sql(column: &str) -> String {
        format!("({column} - {FIRST_MONDAY}) / {LEN}")
    }
}

/// The migration that folds the items' full-text index (17; 18 folds the
/// titles'): from a schema older than it, the migrations run build both
/// indexes with this build's folding. (From 17, the items' index is the
/// build's that ran 17: the open checks it.)
const FOLDED: i64 = 17;

/// The folding the full-text indexes' words were put in with: the rules of
/// `text::fold` (the number, raised when they change) and the Unicode
/// tables it reads (a new Rust or `unicode-normalization` may fold a
/// character otherwise), as a hash.
fn fold_version() -> i64 {
    let version = format!(
        "fold 2, Unicode {:?}, normalization {:?}",
        char::UNICODE_VERSION,
        unicode_normalization::UNICODE_VERSION
    );
    xxhash_rust::xxh3::xxh3_64(version.as_bytes()) as i64
}

/// The setting that notes the folding the indexes were built with.
const FOLD: &str = "fold";

fn note_fold(conn: &Connection) -> Result<()> {
    set_setting(conn, FOLD, fold_version())
}

/// The setting that notes the analysis settings' fingerprint the stored
/// flags, verdicts and order were worked out under.
const ANALYSIS: &str = "analysis";

/// The value of the database's setting `key`, if noted.
fn setting<T: rusqlite::types::FromSql>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let sql = "SELECT value FROM settings WHERE key = ?1";
    Ok(conn.query_row(sql, [key], |r| r.get(0)).optional()?)
}

/// Notes the database's setting `key`.
fn set_setting(conn: &Connection, key: &str, value: impl rusqlite::ToSql) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        rusqlite::params![key, value],
    )?;
    Ok(())
}

/// A connection's page cache (`PRAGMA cache_size`: pages, or KiB when
/// negative) and soft limit on all of SQLite's memory (bytes).
type Memory = (i64, i64);

/// An import's: a 32 MB page cache, 50 MB of memory in all.
const IMPORT_MEMORY: Memory = (-32_000, 50_000_000);

/// The memory settings of `conn`.
fn memory(conn: &Connection) -> Result<Memory> {
    let pragma = |name: &str| -> Result<i64> {
        Ok(conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?)
    };
    Ok((pragma("cache_size")?, pragma("soft_heap_limit")?))
}

/// Gives `conn` the memory settings `(cache, limit)` (see [`Memory`]).
fn set_memory(conn: &Connection, (cache, limit): Memory) -> Result<()> {
    conn.pragma_update(None, "cache_size", cache)?;
    conn.query_row(&format!("PRAGMA soft_heap_limit = {limit}"), [], |_| Ok(()))?;
    Ok(())
}

/// Unix seconds to a UTC time (out-of-range values clamp to the epoch).
pub(crate) fn ts(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: std::os::raw::c_int) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    /// A file met damaged, then deleted: a new database file (which may
    /// get its inode) is not taken for it.
    #[test]
    fn a_new_file_after_a_damaged_one_deleted_is_not_damaged() {
        let dir = tempfile::tempdir().expect("dir");
        let damaged = dir.path().join("damaged.db");
        let store = Store::open(&damaged).expect("store");
        let _ = store.named(failure(rusqlite::ffi::SQLITE_CORRUPT).into());
        assert!(met_damage(&store.presence));
        drop(store);
        for end in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{end}", damaged.display()));
        }
        for n in 0..20 {
            let sound = Store::open(&dir.path().join(format!("sound{n}.db"))).expect("store");
            assert!(
                !met_damage(&sound.presence),
                "a new file taken for the damaged one"
            );
        }
    }

    /// Two ackboxes that found the settings changed at the same moment
    /// judge everything again once: the second finds it done.
    #[test]
    fn two_opens_at_once_judge_again_once() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        let mut first = Store::open(&path).expect("open");
        first
            .conn
            .execute_batch(
                "INSERT INTO items (platform, id, author, body, created_at, state)
                 VALUES ('x', '1', 'a', 'Do you ship to Canada?', 1700000000, 0);",
            )
            .expect("an item");
        let mut second = Store::open(&path).expect("another");
        assert_eq!(first.judge_again(7).expect("judged"), Some(1));
        assert_eq!(second.judge_again(7).expect("found done"), None);
        assert_eq!(second.judge_again(8).expect("judged"), Some(1));
    }

    /// Work given an import's room has its page cache, and the store gets
    /// its own back after, whether the work failed or not. (The soft limit
    /// is the process's, which tests running beside this one change.)
    #[test]
    fn work_with_room_gives_the_memory_back() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("a.db")).expect("store");
        store.set_memory_kib(4_000, 16_000).expect("set");
        let cache = |store: &Store| memory(&store.conn).expect("read").0;
        assert_eq!(cache(&store), -4_000);
        let inside = store.with_room(|store| Ok(cache(store))).expect("worked");
        assert_eq!(inside, IMPORT_MEMORY.0);
        assert_eq!(cache(&store), -4_000);
        let failed = store.with_room(|_| -> Result<()> { Err(anyhow::anyhow!("no")) });
        assert!(failed.is_err());
        assert_eq!(cache(&store), -4_000);
    }

    /// A file moved over the one a store opened is seen; the same file
    /// written again is the one it opened.
    #[test]
    fn a_file_moved_over_the_database_is_seen() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        let store = Store::open(&path).expect("store");
        assert_eq!(store.moved(), None);
        let backup = dir.path().join("backup.db");
        std::fs::copy(&path, &backup).expect("copy");
        assert_eq!(store.moved(), None);
        std::fs::rename(&backup, &path).expect("moved over");
        assert_eq!(store.moved(), Some(Moved::Replaced));
        std::fs::remove_file(&path).expect("deleted");
        assert_eq!(store.moved(), Some(Moved::Gone));
        assert_eq!(Store::open_in_memory().expect("memory").moved(), None);
    }

    /// Read as immutable only what `open` could not open for want of
    /// writing beside it, whole in its file, at this schema version.
    #[test]
    fn an_unwritable_database_is_read_as_immutable_only_when_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        let read_only = anyhow::Error::new(failure(rusqlite::ffi::SQLITE_READONLY));
        let busy = anyhow::Error::new(failure(rusqlite::ffi::SQLITE_BUSY));
        drop(Store::open(&path).expect("open"));
        let store = Store::open_unwritable(&path, &read_only).expect("tried");
        assert!(store.expect("opened").is_empty().expect("read"));
        // Another writer: not a file that cannot be written.
        assert!(Store::open_unwritable(&path, &busy).is_none());
        // A log with changes in it, which an immutable read would miss.
        let writer = Connection::open(&path).expect("writer");
        writer
            .execute_batch("PRAGMA wal_autocheckpoint = 0; PRAGMA user_version = 1;")
            .expect("write");
        assert!(Store::open_unwritable(&path, &read_only).is_none());
        drop(writer);
        // Older: the upgrade cannot be written.
        let err = Store::open_unwritable(&path, &read_only)
            .expect("tried")
            .err()
            .expect("refused");
        // Said with what else stops it: a FILE-shm a read left read-only.
        let said = format!("{err:#}");
        assert!(
            said.contains("needs an upgrade") && said.contains("FILE-shm"),
            "{said}"
        );
    }

    /// Indexes built under another folding (a Rust or Unicode update) are
    /// built again when the database is next opened to write.
    #[test]
    fn indexes_folded_otherwise_are_built_again() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        let mut store = Store::open(&path).expect("open");
        let mut imp = store.begin_import(Utc::now()).expect("import");
        let mut r = crate::model::Record::new("x", "1", "ann", "Straße", Utc::now());
        (r.thread_id, r.thread_title) = (Some("t".into()), Some("Weißbier".into()));
        imp.add(&r, false, None).expect("add");
        imp.finish(true).expect("finish");
        drop(store);
        let found = |store: &Store, typed: &str| {
            let q = crate::store::view::Query {
                filter: crate::store::query::Filter {
                    search: Some(typed.into()),
                    ..Default::default()
                },
                ..Default::default()
            };
            store.count_matching(&q).expect("count")
        };
        // Another folding noted, and indexes that are not this one's.
        let writer = Connection::open(&path).expect("writer");
        writer
            .execute_batch(
                "UPDATE settings SET value = 0 WHERE key = 'fold';
                 INSERT INTO items_fts (items_fts) VALUES ('delete-all');
                 INSERT INTO threads_fts (threads_fts) VALUES ('delete-all');",
            )
            .expect("write");
        drop(writer);
        let store = Store::open(&path).expect("open");
        assert_eq!(
            (found(&store, "strasse"), found(&store, "weissbier")),
            (1, 1)
        );
        let noted: Option<i64> = setting(&store.conn, FOLD).expect("noted");
        assert_eq!(noted, Some(fold_version()));
        drop(store);
        // Upgraded from 17: the items' index is the one 17 built then, by
        // whatever build ran it, and is checked as any other.
        let writer = Connection::open(&path).expect("writer");
        writer
            .execute_batch(
                "DELETE FROM settings WHERE key = 'fold';
                 INSERT INTO items_fts (items_fts) VALUES ('delete-all');
                 PRAGMA user_version = 17;",
            )
            .expect("write");
        drop(writer);
        let store = Store::open(&path).expect("open");
        assert_eq!(found(&store, "strasse"), 1);
    }

    /// A file another ackbox holds to itself (a first import writing it)
    /// is busy, not "not an ackbox database".
    #[test]
    fn a_first_read_of_a_busy_file_says_it_is_busy() {
        for code in [rusqlite::ffi::SQLITE_BUSY, rusqlite::ffi::SQLITE_LOCKED] {
            let said = explain(&first_read_failed(failure(code)));
            assert!(said.starts_with("the database is busy"), "{said}");
        }
        let said = explain(&first_read_failed(failure(rusqlite::ffi::SQLITE_NOTADB)));
        assert!(said.starts_with("not an ackbox database"), "{said}");
    }

    /// A database another process has open stays; once nobody has it, it
    /// goes (another connection here stands for another process).
    #[test]
    fn a_database_in_use_is_not_removed() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        let mine = Store::open(&path).expect("store");
        let other = Store::open(&path).expect("another");
        drop(mine);
        assert!(!remove_if_unopened(&path, false).expect("checked"));
        assert!(path.exists());
        drop(other);
        assert!(remove_if_unopened(&path, false).expect("removed"));
        assert!(!path.exists());
    }

    /// A handle is counted as `--own` gives it: with or without its `@` or
    /// `u/`, in any case but where the platform's handles keep it.
    #[test]
    fn items_by_a_handle_as_given() {
        let mut store = Store::open_in_memory().expect("store");
        let now = DateTime::from_timestamp(1_800_000_000, 0).expect("now");
        let mut imp = store.begin_import(now).expect("begin");
        for (platform, id, author) in [("reddit", "r1", "Joe"), ("hackernews", "h1", "joe")] {
            let r = crate::model::Record::new(platform, id, author, "Which grind?", now);
            imp.add(&r, false, None).expect("add");
        }
        imp.finish(true).expect("commit");
        for given in ["joe", "u/joe", "/u/JOE", "@joe"] {
            assert_eq!(
                store.items_by("reddit", given).expect("count"),
                1,
                "{given}"
            );
        }
        assert_eq!(store.items_by("hackernews", "joe").expect("count"), 1);
        assert_eq!(store.items_by("hackernews", "Joe").expect("count"), 0);
    }

    /// A file this command made goes with the log and index its failure
    /// left (a full disk), unless another ackbox holds it.
    #[test]
    fn a_database_made_here_goes_with_its_log() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        drop(Store::open(&path).expect("store"));
        let logs = [beside(&path, "-wal"), beside(&path, "-shm")];
        for log in &logs {
            std::fs::write(log, b"left").expect("a log left");
        }
        assert!(!remove_if_unopened(&path, false).expect("checked"));
        let other = presence(&path).expect("a lock");
        assert!(!remove_if_unopened(&path, true).expect("checked"));
        drop(other);
        assert!(remove_if_unopened(&path, true).expect("removed"));
        assert!(!path.exists() && logs.iter().all(|l| !l.exists()));
    }

    /// Without a log beside it (a first import writes with a rollback
    /// journal), the file another ackbox opened is known by its `flock`.
    #[test]
    fn a_database_without_a_log_in_use_is_not_removed() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        drop(Store::open(&path).expect("store"));
        assert!(!beside(&path, "-wal").exists() && !beside(&path, "-shm").exists());
        let other = presence(&path).expect("a lock");
        assert!(!remove_if_unopened(&path, false).expect("checked"));
        drop(other);
        assert!(remove_if_unopened(&path, false).expect("removed"));
    }

    #[test]
    fn a_run_of_reads_is_one_transaction_and_nests_in_another() {
        let store = Store::open_in_memory().expect("store");
        {
            let _snapshot = store.reading().expect("begin").expect("a transaction");
            assert!(!store.conn.is_autocommit());
            assert!(store.reading().expect("nested").is_none(), "no nesting");
            store.people(None, 10).expect("people inside it");
        }
        assert!(store.conn.is_autocommit(), "ended when dropped");
    }

    #[test]
    fn weeks_begin_on_monday() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).expect("time").timestamp();
        let sunday = week::of(at("2026-11-22T23:59:59Z"));
        assert_eq!(week::of(at("2026-11-16T00:00:00Z")), sunday);
        assert_eq!(week::of(at("2026-11-23T00:00:00Z")), sunday + 1);
        assert_eq!(week::of(at("2026-11-19T12:00:00Z")), sunday, "a Thursday");
        assert_eq!(
            week::next(at("2026-11-19T12:00:00Z")),
            at("2026-11-23T00:00:00Z")
        );
        let conn = Connection::open_in_memory().expect("sqlite");
        let sql: i64 = conn
            .query_row(
                &format!("SELECT {} FROM (SELECT ?1 AS t)", week::of_sql("t")),
                [at("2026-11-22T23:59:59Z")],
                |r| r.get(0),
            )
            .expect("query");
        assert_eq!(sql, sunday);
    }

    #[test]
    fn a_read_only_place_is_not_called_a_foreign_file() {
        // SQLITE_READONLY_DIRECTORY, as in a directory the user cannot write.
        let ro = format!("{:#}", first_read_failed(failure(1544)));
        assert!(ro.starts_with("cannot open it for writing"), "{ro}");
        let foreign = format!(
            "{:#}",
            first_read_failed(failure(rusqlite::ffi::SQLITE_NOTADB))
        );
        assert!(foreign.starts_with("not an ackbox database"), "{foreign}");
        // A full disk, where even a read sizes FILE-shm; another disk error.
        let full = format!(
            "{:#}",
            first_read_failed(failure(rusqlite::ffi::SQLITE_IOERR_SHMSIZE))
        );
        assert!(
            full.starts_with("cannot read it: the disk that holds it is full"),
            "{full}"
        );
        let io = format!(
            "{:#}",
            first_read_failed(failure(rusqlite::ffi::SQLITE_IOERR_READ))
        );
        assert!(io.starts_with("cannot read it: a disk error"), "{io}");
    }

    /// Read-only: the file, its folder, or the shared-memory file a read
    /// left with the file's old mode (it keeps every write out).
    #[test]
    fn read_only_names_the_shared_memory_file_too() {
        let said = explain(&anyhow::Error::new(failure(rusqlite::ffi::SQLITE_READONLY)));
        assert!(
            said.starts_with("the database cannot be written") && said.contains("FILE-shm"),
            "{said}"
        );
    }

    /// The log's index that cannot grow is a full disk too.
    #[test]
    fn an_index_that_cannot_grow_is_a_full_disk() {
        let e = anyhow::Error::new(failure(rusqlite::ffi::SQLITE_IOERR_SHMSIZE));
        let said = explain(&e);
        assert!(
            said.starts_with("the disk that holds the database is full"),
            "{said}"
        );
    }

    /// A full disk is the database's trouble, said plainly after what it
    /// stopped (SQLite says "database or disk is full").
    #[test]
    fn a_full_disk_is_said_after_the_file_it_stopped() {
        let e = anyhow::Error::new(failure(rusqlite::ffi::SQLITE_FULL));
        assert!(is_about_the_database(&e));
        let e = e.context("big.jsonl not imported");
        let said = explain(&e);
        assert!(
            said.starts_with("big.jsonl not imported: the disk that holds the database"),
            "{said}"
        );
        // The temporary folder, which may be the full one, is named.
        let temp = crate::text::path_name(&sqlite_temp_dir());
        assert!(
            said.contains(&format!("(or the temporary folder, {temp})")),
            "{said}"
        );
    }
}
