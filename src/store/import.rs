//! The import session: one transaction per file, upserting records so that
//! re-importing changes nothing and never overrides a user's decision.

use super::analysis::{ItemAnalysis, Pending, item_analysis};
use super::{Store, actions};
use crate::analysis::Analysis;
use crate::model::{Actor, DismissReason, Kind, Origin, Record, State};
use anyhow::{Result, bail};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What one record did to the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    New,
    Updated,
    Unchanged,
    /// A bulk load met an id it has already written from this file: nothing
    /// was written (see [`ImportSession::repeated`] and
    /// [`ImportSession::replace`]).
    Repeated,
}

/// The platforms that number each site's items apart (WordPress from 1 on
/// every blog, GitHub Enterprise on every server): see `same_site`.
const SITE_NUMBERED: [&str; 2] = ["wordpress", "github"];

/// The largest action number an export's log may hold: more actions than
/// anyone takes, far from the largest a row id can be.
const MAX_EXPORTED_ACTION: i64 = u32::MAX as i64;

/// A bulk load's insert of an id already written.
#[derive(Debug)]
struct RepeatedId;

impl std::fmt::Display for RepeatedId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the same id again")
    }
}

impl std::error::Error for RepeatedId {}

/// Counts for the summary printed after an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub own_replies_linked: u64,
    /// Stored items the platform has since taken away, dismissed as removed.
    pub withdrawn: u64,
    /// Items withdrawn before that the platform shows again: back in the queue.
    pub reinstated: u64,
    /// Own replies the platform has since taken away: gone, with what they answered.
    pub own_replies_removed: u64,
    /// New items the config's rules dismissed as they arrived.
    pub dismissed_by_rules: u64,
    /// New items dismissed as they arrived in a muted thread.
    pub dismissed_muted: u64,
    /// Incoming items of an export stored already: the states, tags, notes
    /// and drafts it gives them are not restored (the database keeps its own).
    pub export_state_not_restored: u64,
    /// The first few of those, named (`platform:id`), for the note.
    #[serde(skip)]
    pub not_restored_named: Vec<String>,
    /// Of the own replies linked, those to items the user dismissed, which
    /// stay dismissed.
    pub replies_to_dismissed: u64,
    /// Replies of an export written in ackbox that this database has since
    /// taken back (undone) or found on the platform: not restored.
    pub replies_not_restored: u64,
    /// Threads stored already that the file gives another title or link:
    /// their items unchanged, what they hang under is not.
    pub threads_updated: u64,
}

/// Of a `reply` action (`a`) of this database for an export's reply written
/// in ackbox (`?2` its row there, `?3`/`?4` its parent): restored by an
/// earlier part of the same export with its parent's log, and waiting for
/// its reply. It made no row and is not undone, and the parent it answered
/// is answered by nothing (a reply found on the platform since, or one
/// taken away, leaves it otherwise).
const AWAITING_ITS_REPLY: &str = "a.reply_rid IS NULL AND a.undone_at IS NULL
     AND EXISTS (SELECT 1 FROM log l JOIN items p ON p.rid = l.rid
         WHERE l.aid = a.aid AND p.platform = ?3 AND p.id = ?4
         AND p.state = 1 AND p.first_reply_at IS NULL)";

/// How many of an export's items whose states are not restored the note names.
const NAMED_NOT_RESTORED: usize = 3;

/// A thread's title and link, as stored.
type TitleAndLink = (Option<String>, Option<String>);

/// What an own reply's parent is (see `ImportSession::link_to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parent {
    /// Not stored (yet).
    Unknown,
    Stored,
    /// An item the user dismissed: it stays so.
    Dismissed,
}

/// An open import transaction. Dropped without `commit`, it rolls back.
pub struct ImportSession<'a> {
    tx: Transaction<'a>,
    /// The connection to switch back to WAL mode after the transaction,
    /// when it writes with a rollback journal (see `private_journal`).
    wal_after: Option<&'a Connection>,
    now: DateTime<Utc>,
    import_aid: Option<i64>,
    /// Threads seen in this session: (platform, thread_id) -> (when muted,
    /// hash of title and link). (Platform first, so that a lookup needs no
    /// key of its own.)
    threads: HashMap<String, HashMap<String, (Option<i64>, u64)>>,
    /// The title and link of each thread this session named as they were
    /// before it (none for a thread new to the database): the summary
    /// counts those it changed, and a stored comment's site is told by its
    /// thread's link as it was (on WordPress and GitHub another site's post
    /// of the same number changes it).
    threads_before: HashMap<(String, String), Option<TitleAndLink>>,
    /// Link forms seen in this session, and their ids.
    url_forms: HashMap<String, i64>,
    /// Action ids of a restored export, mapped to the new ones.
    /// Exported action ids are shifted by this much (the largest id before).
    action_base: Option<i64>,
    cfg: &'a Analysis,
    /// Loading into an empty database: indexes and triggers are set aside and
    /// rebuilt at the end, and replies are linked in one pass (see `Bulk`).
    bulk: Option<Bulk>,
    /// Into a database with items: new items' full-text rows, written at
    /// the end.
    fts: Option<DeferredFts>,
    rules: &'a [crate::config::Rule],
    rule_aid: Option<i64>,
    /// New waiting items, for the rules to meet at the end (with their
    /// flags as the whole import makes them: copypasta), dismissed if they
    /// still wait: one a reply in the same import answers is not.
    for_rules: Vec<i64>,
    /// Analysis to bring up to date before committing.
    pending: Pending,
    /// New own replies that may @mention the reply they answer (see `flat`).
    mentions: BTreeSet<i64>,
    /// Stored own replies among `mentions`, to be resolved again under
    /// their top-level comment, with the item they answered.
    re_mentions: BTreeMap<i64, String>,
    /// Stored own replies counted as linked already (their parent came):
    /// resolved again, they are not counted twice.
    counted: BTreeSet<i64>,
    /// Stored own replies that moved in time or to another parent: row id
    /// → (platform, the parent before this session).
    moved: BTreeMap<i64, (String, Option<String>)>,
    /// The threads of flat platforms (`flat::FLAT`) that gained or changed
    /// an item in this session: only there can an own reply's inferred
    /// parent be another.
    flat_changed: BTreeSet<(String, String)>,
    repeats: Repeats,
    /// Items an export restored in this import with a decision of the
    /// user's (needs reply or snoozed despite a reply): it stands.
    restored_decided: BTreeSet<i64>,
    pub counts: Counts,
}

/// Stored items changed by this session, so that one that comes again in
/// the file is counted by what it ends as: a page fetched twice around an
/// edit, imported again, ends as it was and is "unchanged".
#[derive(Default)]
struct Repeats {
    /// Row ids up to this were stored before the session.
    base_rid: i64,
    /// Row id → (hash of its content before the session, none when it
    /// became an own reply or stopped being one: updated whatever its text
    /// ends as; counted as updated).
    before: HashMap<i64, (Option<u64>, bool)>,
}

/// A hash of an item's stored content.
fn content_hash(c: &Content) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    c.hash(&mut h);
    h.finish()
}

/// A load into an empty database. Building the secondary indexes, the
/// full-text index and the roll-ups once at the end is much cheaper than
/// maintaining them row by row, and with nothing there before, no row needs
/// looking up: replies are linked to their parents in one pass at the end.
struct Bulk {
    /// The indexes and triggers set aside: (`index` or `trigger`, name, `CREATE` statement).
    schema: Vec<(String, String, String)>,
    /// Whether a reply came with no thread, to take its parent's at the end.
    threadless: bool,
}

impl Bulk {
    /// The queue's index is built after the analysis has ranked every item:
    /// built before, every rank written would move its entry.
    const BUILT_AFTER_RANKING: &str = "items_queue";
    /// The thread and parent indexes are built first: the own comments of
    /// flat threads find through them the item they answer, before the
    /// replies are linked.
    const BUILT_FIRST: [&str; 2] = ["items_thread", "items_parent"];

    fn begin(tx: &Transaction) -> Result<Option<Bulk>> {
        let empty: bool =
            tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM items)", [], |r| r.get(0))?;
        if !empty {
            return Ok(None);
        }
        // The threads' full-text triggers too: each title written through
        // them made FTS5 write a segment of one row.
        let schema = set_aside(
            tx,
            "(tbl_name = 'items' AND type IN ('index', 'trigger'))
             OR (tbl_name = 'threads' AND type = 'trigger')",
        )?;
        Ok(Some(Bulk {
            schema,
            threadless: false,
        }))
    }

    /// Links every reply (answering its parent), fills the full-text
    /// indexes, builds the indexes and counts the per-author roll-up, which
    /// the analysis ranks people by; returns how many replies found their
    /// parent.
    fn link_and_index(&self, tx: &Transaction) -> Result<u64> {
        // SQLite sorts for an index in memory up to the size of its page
        // cache: a smaller one keeps the index builds from doubling the
        // import's memory, for a few more passes over temporary files.
        tx.pragma_update(None, "cache_size", -8_000)?;
        self.build(tx, |name| Self::BUILT_FIRST.contains(&name))?;
        // A reply listed before its parent found no thread to join: it
        // joins its nearest ancestor's, down each chain in one statement
        // (a pass per level took a pass over the table per level).
        // So does one that names only its parent as its thread (Mastodon's),
        // its parent stored: from the nearest ancestor whose thread stays.
        // UNION, not UNION ALL: posts naming each other as their parent
        // would be walked round forever.
        if self.threadless {
            tx.execute(
                "WITH RECURSIVE down(platform, id, thread_id) AS (
                     SELECT c.platform, c.id, p.thread_id FROM items c
                     JOIN items p ON p.platform = c.platform AND p.id = c.parent_id
                     WHERE c.parent_id IS NOT NULL
                       AND (c.thread_id IS NULL
                            OR (c.platform = ?1 AND c.thread_id = c.parent_id))
                       AND p.thread_id IS NOT NULL AND p.thread_id IS NOT c.thread_id
                       AND NOT (p.platform = ?1 AND p.thread_id = p.parent_id AND EXISTS (
                           SELECT 1 FROM items g WHERE g.platform = p.platform
                               AND g.id = p.parent_id AND g.thread_id IS NOT NULL
                               AND g.thread_id IS NOT p.thread_id))
                     UNION
                     SELECT c.platform, c.id, d.thread_id FROM down d
                     JOIN items c INDEXED BY items_parent
                       ON c.platform = d.platform AND c.parent_id = d.id
                     WHERE c.thread_id IS NULL
                         OR (c.platform = ?1 AND c.thread_id = c.parent_id))
                 UPDATE items SET thread_id = down.thread_id FROM down
                 WHERE items.platform = down.platform AND items.id = down.id",
                [PARENT_IS_THREAD],
            )?;
        }
        for platform in super::flat::FLAT {
            super::flat::infer_parents(tx, platform, None)?;
        }
        for platform in super::flat::FLAT_REPLIES {
            super::flat::resolve_mentions(tx, platform)?;
        }
        // Linked before the indexes are built, so that they are built once,
        // packed, from the final rows. The parents are changed in row order
        // (each page of the table read and written once, not once per row
        // on it: half the time at 1M); CROSS JOIN keeps SQLite from looking
        // each reply up by platform alone.
        tx.execute_batch(
            "UPDATE items SET first_reply_at = first.at,
                     state = iif(state = 0 AND decided = 0, 1, state),
                     state_at = iif(state = 0 AND decided = 0, first.at, state_at)
                 FROM (SELECT p.rid, MIN(r.created_at) AS at FROM items r CROSS JOIN items p
                           ON p.platform = r.platform AND p.id = r.parent_id AND p.own = 0
                       WHERE r.own = 1 AND r.parent_id IS NOT NULL GROUP BY p.rid ORDER BY p.rid) AS first
                 WHERE items.rid = first.rid;
             INSERT INTO items_fts (rowid, body, author, author_name)
                 SELECT rid, body, author, author_name FROM items_folded;
             INSERT INTO threads_fts (threads_fts) VALUES ('rebuild');",
        )?;
        self.build(tx, |name| {
            !Self::BUILT_FIRST.contains(&name) && name != Self::BUILT_AFTER_RANKING
        })?;
        tx.execute_batch(super::schema::RECOUNT_AUTHORS)?;
        Ok(tx.query_row(
            "SELECT COUNT(*) FROM items r WHERE r.own = 1 AND r.parent_id IS NOT NULL
                 AND EXISTS (SELECT 1 FROM items p WHERE p.platform = r.platform AND p.id = r.parent_id)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Builds the set-aside indexes whose name `pick` accepts.
    fn build(&self, tx: &Transaction, pick: impl Fn(&str) -> bool) -> Result<()> {
        for (_, _, sql) in self
            .schema
            .iter()
            .filter(|(kind, name, _)| kind == "index" && pick(name))
        {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }

    /// Brings the triggers and the queue's index back, last: the other
    /// roll-ups the triggers keep are counted once, set-wise, instead of row
    /// by row through the linking and the analysis.
    fn restore_triggers(self, tx: &Transaction) -> Result<()> {
        tx.execute_batch(super::schema::RECOUNT_PERIODS)?;
        for (kind, name, sql) in &self.schema {
            if kind == "trigger" || name == Self::BUILT_AFTER_RANKING {
                tx.execute_batch(sql)?;
            }
        }
        Ok(())
    }
}

/// Drops the schema objects that `filter` (SQL on `sqlite_schema`) selects,
/// and returns them: (`index` or `trigger`, name, `CREATE` statement).
fn set_aside(tx: &Transaction, filter: &str) -> Result<Vec<(String, String, String)>> {
    let objects: Vec<(String, String, String)> = tx
        .prepare(&format!(
            "SELECT type, name, sql FROM sqlite_schema WHERE ({filter}) AND sql IS NOT NULL"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (kind, name, _) in &objects {
        tx.execute_batch(&format!("DROP {kind} \"{name}\""))?;
    }
    Ok(objects)
}

/// Switches the file of a first import, made by this process, to a
/// rollback journal for that import, and says whether it did. In WAL mode
/// every page it writes goes into the log, then is copied into the file; a
/// rollback journal keeps no copy of pages the file did not have, so each
/// is written once: a quarter of the time of a million items. The switch
/// needs the only connection to the file: one opened meanwhile (a review
/// started at that moment) keeps it in WAL mode, without waiting. Others
/// that open it while it is written wait (there is nothing to read yet)
/// and are told it is busy if the import takes longer.
fn private_journal(conn: &Connection) -> Result<bool> {
    conn.busy_timeout(std::time::Duration::ZERO)?;
    let mode = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| {
        r.get::<_, String>(0)
    });
    conn.busy_timeout(super::BUSY_WAIT)?;
    match mode {
        Ok(mode) => Ok(mode == "delete"),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// New items' full-text rows, written at the end of an import into a
/// database with items. Written row by row by the insert trigger, every new
/// item's statement savepoint made FTS5 write a segment of one row and merge
/// them (a third of the time of 10,000 new items at 1M); at the end they are
/// one segment. A new item changed later in the same session is indexed
/// first (see `index_now`), so the update trigger takes out words that are
/// in the index.
#[derive(Default)]
struct DeferredFts {
    /// The insert trigger, set aside at the first new item (a re-import
    /// leaves the schema, and so the file, as it was).
    trigger: Option<Vec<(String, String, String)>>,
    /// New incoming items, in the order written (row ids only grow).
    rids: Vec<i64>,
}

impl DeferredFts {
    /// Called before a new incoming item is written.
    fn hold(&mut self, tx: &Transaction) -> Result<()> {
        if self.trigger.is_none() {
            self.trigger = Some(set_aside(
                tx,
                "type = 'trigger' AND name = 'items_fts_insert'",
            )?);
        }
        Ok(())
    }

    /// Indexes `rid` now if it is a new item waiting for the end: it is
    /// about to be changed, and the update trigger takes its old words out
    /// of the index (taking out words never put in corrupts it).
    fn index_now(&mut self, tx: &Transaction, rid: i64) -> Result<()> {
        // Row ids only grow: the list is sorted.
        if let Ok(at) = self.rids.binary_search(&rid) {
            self.rids.remove(at);
            tx.prepare_cached(
                "INSERT INTO items_fts (rowid, body, author, author_name)
                 SELECT rid, body, author, author_name FROM items_folded WHERE rid = ?1",
            )?
            .execute([rid])?;
        }
        Ok(())
    }

    /// Indexes the new items in one statement (each statement that writes
    /// the index flushes it) and puts the trigger back.
    fn finish(self, tx: &Transaction) -> Result<()> {
        let Some(trigger) = self.trigger else {
            return Ok(());
        };
        tx.prepare_cached(
            "INSERT INTO items_fts (rowid, body, author, author_name)
             SELECT rid, body, author, author_name FROM items_folded
             WHERE rid IN (SELECT value FROM json_each(?1))",
        )?
        .execute([serde_json::to_string(&self.rids)?])?;
        for (_, _, sql) in &trigger {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }
}

/// The state-related columns of a new item.
#[derive(Debug, Clone, Copy, Default)]
struct Initial {
    state: Option<State>,
    reason: Option<DismissReason>,
    state_at: Option<i64>,
    first_reply_at: Option<i64>,
    snoozed_until: Option<i64>,
    decided: bool,
}

/// The stored columns compared to decide whether a record changed: as
/// text, or as the bytes a row holds them in.
type Content<S = String> = (Option<S>, Option<S>, S, Option<S>, S, i64, Option<S>, i64);

/// The platform whose replies name their parent as their thread, having no
/// conversation id: its conversations are made one thread here.
const PARENT_IS_THREAD: &str = "mastodon";

/// The platform whose comment ids begin with their post's (see
/// `with_posts_thread`).
const POST_PREFIXED: &str = "facebook";

/// An item the platform says is gone, by platform and id, with where it
/// was where known (see [`ImportSession::withdraw`]).
pub struct Gone {
    pub platform: String,
    pub id: String,
    pub place: Option<crate::import::format::Place>,
}

/// Whether the item at `new` is on another site than the stored one at
/// `old`, where a platform numbers each site's items apart: another host,
/// or, for WordPress (a network's sites may share one), another page.
fn another_site(wordpress: bool, old: &str, new: &str) -> bool {
    site_host(old) != site_host(new) || wordpress && page(old) != page(new)
}

/// Whether two WordPress comments at other addresses are one: written at
/// the same moment on the same post (a post keeps its number when its
/// address changes, and its comments when the site moves).
fn on_one_post(thread: &Option<String>, at: i64, other: &Option<String>, other_at: i64) -> bool {
    at == other_at && thread == other
}

/// The address that tells an item's site: its own, else its thread's (a
/// WordPress comment's page is its post's), else, for GitHub, the server
/// its thread's id names (`HOST/OWNER/REPO#N` on an Enterprise server).
fn site_address<'a>(
    url: Option<&'a str>,
    thread_url: Option<&'a str>,
    thread_id: Option<&str>,
) -> Option<Cow<'a, str>> {
    if let Some(url) = url.or(thread_url) {
        return Some(Cow::Borrowed(url));
    }
    let (repo, _) = thread_id?.split_once('#')?;
    match repo.split('/').collect::<Vec<_>>()[..] {
        [host, _, _] => Some(Cow::Owned(format!("https://{host}/"))),
        [_, _] => Some(Cow::Borrowed("https://github.com/")),
        _ => None,
    }
}

fn site_host(url: &str) -> Option<String> {
    crate::import::shared::host(url).map(str::to_ascii_lowercase)
}

/// An address without its scheme and fragment, folded.
fn page(url: &str) -> String {
    let (_, rest) = url.split_once("://").unwrap_or(("", url));
    rest.split('#').next().unwrap_or(rest).to_lowercase()
}

/// Whether a record names its parent as its thread on that platform.
fn names_parent_as_thread(r: &Record) -> bool {
    r.platform == PARENT_IS_THREAD && r.thread_id.is_some() && r.thread_id == r.parent_id
}

/// A reply's words, folded.
fn words(body: &str) -> Vec<String> {
    (crate::text::fold(body).split_whitespace())
        .map(str::to_owned)
        .collect()
}

/// A reply's words without the @mentions that start it (which a platform
/// adds to a reply to a reply, or one may leave out when posting).
fn unmentioned_words(body: &str) -> Vec<String> {
    let mut words = words(body);
    let mentions = words.iter().take_while(|w| w.starts_with('@')).count();
    words.drain(..mentions);
    words
}

/// Whether `c`, as stored, is the record's content (compared in place: a
/// re-import compares every line). A field the record leaves out keeps
/// its stored value: one source may know less than another (a reply
/// fetched on its own has no thread), and a mention stays one (see
/// [`kept_kind`]).
fn is_content_of<S: AsRef<[u8]>>(c: &Content<S>, r: &Record) -> bool {
    fn kept<S: AsRef<[u8]>>(stored: &Option<S>, new: &Option<String>) -> bool {
        new.as_ref()
            .is_none_or(|n| stored.as_ref().is_some_and(|s| s.as_ref() == n.as_bytes()))
    }
    let (parent_id, thread_id, author, author_name, body, created_at, url, kind) = c;
    kept(parent_id, &r.parent_id)
        && kept(thread_id, &r.thread_id)
        && (r.author_stand_in || author.as_ref() == r.author.as_bytes())
        && kept(author_name, &r.author_name)
        && body.as_ref() == r.body.as_bytes()
        && *created_at == r.created_at.timestamp()
        && (kept(url, &r.url) || r.author_stand_in && url.is_some())
        && *kind == kept_kind(*kind, r) as i64
}

/// The kind of the stored item (`stored`) that the record updates: a
/// mention is not made a comment by a source that only sees the same status
/// as one (a Mastodon context, after the notification); a kind the record
/// states (the canonical format's `kind`) corrects it.
fn kept_kind(stored: i64, r: &Record) -> Kind {
    if stored == Kind::Mention as i64 && !r.kind_stated {
        Kind::Mention
    } else {
        r.kind
    }
}

/// Whether the stored item (platform, id) is a reply written in ackbox:
/// it names the item the user answered.
fn written_here(conn: &Connection, platform: &str, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT origin IS 1 FROM items WHERE platform = ?1 AND id = ?2")?
        .query_row(params![platform, id], |row| row.get(0))
        .optional()?
        .unwrap_or(false))
}

/// The record as it updates the stored item `c`: the fields it leaves out
/// keep their stored values, a mention stays one, and a parent that is
/// stored is not replaced by one that is not (a Mastodon archive names as a remote address what
/// the API gave as a local id).
fn refined(conn: &Connection, c: &Content, r: &Record) -> Result<Record> {
    let (parent_id, thread_id, author, author_name, body, _, url, kind) = c;
    let is_stored = |id: &str| -> Result<bool> {
        Ok(conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM items WHERE platform = ?1 AND id = ?2)")?
            .query_row(params![r.platform, id], |row| row.get(0))?)
    };
    // An address is what an outbox names a remote parent by; an id, what
    // the API gives, whether or not that parent is stored yet.
    let is_address = |id: &str| id.contains("://");
    // Where a reply may mention someone (see `flat`), a stored parent
    // under the same comment as the one given is what a mention made of it
    // (the comment is given, or a reply under it: the mention resolves
    // alike), while its words are the same; elsewhere the file's parent is
    // what the reply answers now.
    let comment_of = |id: &str| super::flat::comment_of(conn, &r.platform, id);
    let keeps_parent = match (parent_id, &r.parent_id) {
        (_, None) => true,
        (Some(old), Some(new)) if old != new => {
            (is_address(new) && !is_address(old))
                || (is_stored(old)? && !is_stored(new)?)
                || (super::flat::may_mention(&r.platform, &r.body)
                    && (*body == r.body || written_here(conn, &r.platform, &r.id)?)
                    && comment_of(old)? == comment_of(new)?)
        }
        _ => false,
    };
    let or_stored =
        |new: &Option<String>, old: &Option<String>| new.clone().or_else(|| old.clone());
    // The thread a parent it does not take leads to goes with it (Mastodon's
    // thread is the parent).
    let refused = keeps_parent && r.parent_id.is_some() && r.parent_id != *parent_id;
    Ok(Record {
        parent_id: if keeps_parent {
            parent_id.clone()
        } else {
            r.parent_id.clone()
        },
        thread_id: if refused {
            or_stored(thread_id, &r.thread_id)
        } else {
            or_stored(&r.thread_id, thread_id)
        },
        author: if r.author_stand_in {
            author.clone()
        } else {
            r.author.clone()
        },
        author_name: or_stored(&r.author_name, author_name),
        url: if r.author_stand_in {
            or_stored(url, &r.url)
        } else {
            or_stored(&r.url, url)
        },
        kind: kept_kind(*kind, r),
        ..r.clone()
    })
}

/// The stored item with a record's (platform, id).
struct Stored {
    rid: i64,
    content: Content,
    own: bool,
    /// Dismissed by an import as taken away on the platform: the record
    /// coming again means it is back there.
    withdrawn: bool,
}

fn stored(conn: &Connection, r: &Record) -> Result<Option<Stored>> {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    with_stored(conn, r, |rid, c, own, withdrawn| Stored {
        rid,
        content: (
            c.0.map(text),
            c.1.map(text),
            text(c.2),
            c.3.map(text),
            text(c.4),
            c.5,
            c.6.map(text),
            c.7,
        ),
        own,
        withdrawn,
    })
}

/// The query for the stored item with a record's (platform, id): row id,
/// content (its link as `$url` gives it), whether own, whether withdrawn,
/// then the columns `$more` names.
macro_rules! stored_item {
    ($url:expr, $more:expr) => {
        concat!(
            "SELECT i.rid, i.parent_id, i.thread_id, i.author, i.author_name, i.body, i.created_at, ",
            $url,
            ", i.kind, i.own, i.state IS 2 AND i.reason IS 'removed' AND i.decided IS 0",
            $more,
            " FROM items i WHERE i.platform = ?1 AND i.id = ?2"
        )
    };
}

/// A row of `stored_item!`'s content, as the bytes the row holds.
fn content_at<'r>(row: &'r rusqlite::Row<'_>) -> rusqlite::Result<Content<&'r [u8]>> {
    let text = |i| row.get_ref(i).and_then(|v| Ok(v.as_bytes()?));
    let maybe = |i| row.get_ref(i).and_then(|v| Ok(v.as_bytes_or_null()?));
    Ok((
        maybe(1)?,
        maybe(2)?,
        text(3)?,
        maybe(4)?,
        text(5)?,
        row.get(6)?,
        maybe(7)?,
        row.get(8)?,
    ))
}

/// Hands the stored item with a record's (platform, id) to `f`, as the row
/// holds it: its row id, content, whether it is own and whether withdrawn
/// (see [`Stored`]). Borrowed, not copied.
fn with_stored<T>(
    conn: &Connection,
    r: &Record,
    f: impl FnOnce(i64, Content<&[u8]>, bool, bool) -> T,
) -> Result<Option<T>> {
    Ok(conn
        .prepare_cached(stored_item!(item_url!(), ""))?
        .query_row(params![r.platform, r.id], |row| {
            Ok(f(row.get(0)?, content_at(row)?, row.get(9)?, row.get(10)?))
        })
        .optional()?)
}

/// The database as it was before an import, read on the import's reading
/// thread: a record stored already, unchanged, needs no analysis, and the
/// writer no lookup.
pub struct Known {
    conn: Connection,
    /// Link forms read so far (see `links`): a file's items share a few.
    forms: HashMap<i64, String>,
}

impl Known {
    /// Whether the record is stored already with this very content (and,
    /// when the owner wrote it, stored as theirs). Every line of a re-import
    /// asks: the row is compared in place, and a link stored by its form
    /// is rebuilt from the forms read before.
    pub fn unchanged(&mut self, r: &Record, own: bool) -> Result<bool> {
        let Known { conn, forms } = self;
        let same = conn
            .prepare_cached(stored_item!("i.url", ", i.url_form"))?
            .query_row(params![r.platform, r.id], |row| {
                let (was_own, withdrawn): (bool, bool) = (row.get(9)?, row.get(10)?);
                let mut content = content_at(row)?;
                let rebuilt;
                if content.6.is_none()
                    && r.url.is_some()
                    && let Some(fid) = row.get::<_, Option<i64>>(11)?
                {
                    let form = match forms.entry(fid) {
                        Entry::Occupied(e) => e.into_mut(),
                        Entry::Vacant(e) => e.insert(
                            conn.prepare_cached("SELECT form FROM url_forms WHERE fid = ?1")?
                                .query_row([fid], |f| f.get(0))?,
                        ),
                    };
                    let thread = content.1.map(String::from_utf8_lossy);
                    rebuilt = super::links::expand(form, &r.id, thread.as_deref());
                    content.6 = Some(rebuilt.as_bytes());
                }
                Ok(!withdrawn && (was_own || !own) && is_content_of(&content, r))
            })
            .optional()?;
        Ok(same.unwrap_or(false))
    }
}

impl Store {
    /// A second, read-only connection for [`Known`]; `None` for a database
    /// with nothing in it (or in memory).
    pub fn known(&self) -> Result<Option<Known>> {
        let Some(path) = self.conn.path().filter(|p| !p.is_empty()) else {
            return Ok(None);
        };
        if self.is_empty()? {
            return Ok(None);
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(super::BUSY_WAIT)?;
        // One read transaction: one snapshot, not one per lookup.
        conn.execute_batch("BEGIN")?;
        Ok(Some(Known {
            conn,
            forms: HashMap::new(),
        }))
    }

    /// Starts an import transaction.
    pub fn begin_import(&mut self, now: DateTime<Utc>) -> Result<ImportSession<'_>> {
        let cfg = &self.analysis;
        let rules = &self.rules;
        // Into a database with items, each insert keeps a statement journal
        // (its triggers may have to be undone): in memory, not written to a
        // temporary file page by page. It is set before the transaction,
        // which takes it when it starts writing.
        let has_items: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM items)", [], |r| r.get(0))?;
        let temp = if has_items { "MEMORY" } else { "DEFAULT" };
        self.conn.pragma_update(None, "temp_store", temp)?;
        let conn = &self.conn;
        let private = !has_items && self.made && private_journal(conn)?;
        let tx = Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
        let base_rid = tx.query_row("SELECT COALESCE(MAX(rid), 0) FROM items", [], |r| r.get(0))?;
        let bulk = Bulk::begin(&tx)?;
        let fts = match bulk {
            Some(_) => None,
            None => Some(DeferredFts::default()),
        };
        let pending = Pending {
            everyone: bulk.is_some(),
            ..Pending::default()
        };
        Ok(ImportSession {
            tx,
            now,
            bulk,
            fts,
            wal_after: private.then_some(conn),
            import_aid: None,
            threads: HashMap::new(),
            threads_before: HashMap::new(),
            url_forms: HashMap::new(),
            action_base: None,
            cfg,
            rules,
            rule_aid: None,
            for_rules: Vec::new(),
            pending,
            mentions: BTreeSet::new(),
            re_mentions: BTreeMap::new(),
            counted: BTreeSet::new(),
            moved: BTreeMap::new(),
            flat_changed: BTreeSet::new(),
            repeats: Repeats {
                base_rid,
                ..Repeats::default()
            },
            restored_decided: BTreeSet::new(),
            counts: Counts::default(),
        })
    }
}

impl ImportSession<'_> {
    /// Adds or updates one (already sanitised) record; `own` says whether the
    /// account owner wrote it.
    /// `analysis`: the incoming item's flags, worked out ahead (on another
    /// thread) or `None` to work them out here.
    pub fn add(
        &mut self,
        r: &Record,
        own: bool,
        analysis: Option<ItemAnalysis>,
    ) -> Result<Outcome> {
        match self.add_or_update(r, own, analysis) {
            Err(e) if e.is::<RepeatedId>() => Ok(Outcome::Repeated),
            other => other,
        }
    }

    fn add_or_update(
        &mut self,
        r: &Record,
        own: bool,
        analysis: Option<ItemAnalysis>,
    ) -> Result<Outcome> {
        // In a bulk load every record is new (the driver drops repeats).
        let existing = if self.bulk.is_some() {
            None
        } else {
            stored(&self.tx, r)?
        };
        if let Some(s) = &existing {
            self.same_site(s.rid, r, "in this database")?;
        }
        let r = &match &existing {
            Some(s) => self.in_thread_at_its_link(r, s.content.1.as_deref())?,
            None => Cow::Borrowed(r),
        };
        // A file that does not name the author says nothing of whose it is.
        let own = own || r.author_stand_in && existing.as_ref().is_some_and(|s| s.own);
        // Stored as an own reply, now another person's words: not the
        // owner's after all. (Own stays while the author does: an identity
        // configured later names the same person.)
        let disowned =
            (existing.as_ref()).is_some_and(|s| s.own && !own && s.content.2 != r.author);
        // A new item, or one becoming an own reply or not, may need its
        // parent's thread; so does one naming its parent as its thread
        // (Mastodon's), to be compared as it was stored.
        let inserted = existing.as_ref().is_none_or(|s| own && !s.own) || disowned;
        let r = &if inserted || names_parent_as_thread(r) {
            self.with_parents_thread(r)?
        } else {
            Cow::Borrowed(&**r)
        };
        let muted = self.thread(r)?;
        if let Some(bulk) = self.bulk.as_mut() {
            bulk.threadless |=
                r.parent_id.is_some() && (r.thread_id.is_none() || names_parent_as_thread(r));
        }
        let back = existing
            .as_ref()
            .filter(|s| s.withdrawn && !own)
            .map(|s| s.rid);
        // The thread its replies may have taken from it before.
        let was_in = existing.as_ref().and_then(|s| s.content.1.clone());
        let outcome = match existing.map(|s| (s.rid, s.content, s.own)) {
            Some((rid, _, false)) if own => {
                // Stored as incoming before the owner's identity was known:
                // it becomes the reply it always was (its decisions go too).
                self.rejudge_replies_to(r)?;
                self.forget_incoming(rid)?;
                self.add_own(r)?;
                self.repeats.before.insert(rid, (None, true));
                Outcome::Updated
            }
            Some((rid, _, true)) if disowned => {
                self.forget_own(rid, &r.platform)?;
                self.insert_incoming(r, muted, analysis)?;
                self.repeats.before.insert(rid, (None, true));
                Outcome::Updated
            }
            Some((_, ref old, _)) if is_content_of(old, r) => Outcome::Unchanged,
            Some((rid, old, was_own)) => {
                let outcome = self.update(rid, &old, was_own, r, analysis, muted)?;
                if outcome == Outcome::Updated {
                    self.repeats
                        .before
                        .insert(rid, (Some(content_hash(&old)), true));
                }
                outcome
            }
            None if own && self.bulk.is_none() && self.written_here_and_gone(r)? => {
                self.counts.replies_not_restored += 1;
                Outcome::Unchanged
            }
            None => {
                if own {
                    self.add_own(r)?;
                } else {
                    self.insert_incoming(r, muted, analysis)?;
                }
                Outcome::New
            }
        };
        if self.bulk.is_none() && outcome != Outcome::Unchanged {
            self.adopt_replies(r, was_in.as_deref(), muted)?;
        }
        if let Some(rid) = back {
            self.reinstate(rid, muted.is_some())?;
        }
        if let Some(saved) = r
            .saved
            .as_ref()
            .filter(|s| s.author_vip || s.author_note.is_some())
            && outcome == Outcome::New
            && !own
        {
            // What the user kept about the person comes back with their items.
            self.tx
                .prepare_cached(
                    "INSERT INTO people (platform, author, vip, note) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (platform, author) DO UPDATE SET
                         vip = MAX(vip, excluded.vip), note = COALESCE(note, excluded.note)",
                )?
                .execute(params![
                    r.platform,
                    r.author,
                    saved.author_vip,
                    saved.author_note
                ])?;
            self.pending
                .people
                .insert((r.platform.clone(), r.author.clone()));
        }
        if let Some(saved) = r.saved.as_ref().filter(|_| outcome == Outcome::New && !own) {
            self.restore_person_actions(r, &saved.author_actions)?;
        }
        if let Some(saved) = r.saved.as_ref().filter(|_| outcome == Outcome::New) {
            self.restore_thread_actions(r, &saved.thread_actions)?;
        }
        if let Some(saved) = r.saved.as_ref().filter(|s| s.thread_muted)
            && outcome == Outcome::New
            && let Some(tid) = &r.thread_id
        {
            // Muted when the mute that stands was (its first item carries
            // it; an export written before then has only the flag).
            let since = (saved.thread_actions.iter().rev())
                .find(|a| !a.undone && a.kind == "mute")
                .map_or(self.now, |a| a.at);
            self.tx
                .prepare_cached(
                    "UPDATE threads SET muted_at = COALESCE(muted_at, ?3)
                     WHERE platform = ?1 AND thread_id = ?2",
                )?
                .execute(params![r.platform, tid, since.timestamp()])?;
            if let Some(seen) = self.threads.get_mut(&r.platform) {
                seen.remove(tid);
            }
        }
        self.note_change(r, outcome);
        if outcome != Outcome::New {
            self.count_not_restored(r)?;
        }
        match outcome {
            Outcome::New => self.counts.new += 1,
            Outcome::Updated => self.counts.updated += 1,
            Outcome::Unchanged => self.counts.unchanged += 1,
            Outcome::Repeated => {}
        }
        Ok(outcome)
    }

    /// Updates the stored item `rid` (content `old`) with what the record
    /// knows; `Unchanged` when that is nothing new.
    fn update(
        &mut self,
        rid: i64,
        old: &Content,
        was_own: bool,
        r: &Record,
        analysis: Option<ItemAnalysis>,
        muted: Option<i64>,
    ) -> Result<Outcome> {
        let r = &refined(&self.tx, old, r)?;
        if is_content_of(old, r) {
            return Ok(Outcome::Unchanged);
        }
        self.analyse(rid, r, was_own, analysis)?;
        self.index_now(rid)?;
        let (url, form) = self.link(r, r.thread_id.as_deref())?;
        self.tx
            .prepare_cached(
                "UPDATE items SET parent_id = ?2, thread_id = ?3, author = ?4, author_name = ?5,
                 body = ?6, created_at = ?7, url = ?8, url_form = ?9, kind = ?10 WHERE rid = ?1",
            )?
            .execute(params![
                rid,
                r.parent_id,
                r.thread_id,
                r.author,
                r.author_name,
                r.body,
                r.created_at.timestamp(),
                url,
                form,
                r.kind as i64
            ])?;
        let (old_parent, _, _, _, old_body, old_created, _, _) = old;
        // (A reply written here names the item the user answered: it stays.)
        let mentions = was_own
            && self.bulk.is_none()
            && super::flat::may_mention(&r.platform, &r.body)
            && (*old_parent != r.parent_id || *old_body != r.body)
            && !written_here(&self.tx, &r.platform, &r.id)?;
        if mentions {
            // Given another parent or other words (another @mention): whom
            // it answers is read again at the end, under its comment, as a
            // new reply's is.
            self.mentions.insert(rid);
            if let Some(answered) = old_parent {
                self.re_mentions
                    .entry(rid)
                    .or_insert_with(|| answered.clone());
            }
        } else if was_own
            && self.bulk.is_none()
            && (*old_created != r.created_at.timestamp() || *old_parent != r.parent_id)
        {
            // A reply moved in time (or to another parent, as a Mastodon
            // outbox names a remote parent that the API's statuses later
            // give as a stored one): its parents are brought up to date at
            // the end, from where it ends (a file may give it twice).
            self.moved
                .entry(rid)
                .or_insert_with(|| (r.platform.clone(), old_parent.clone()));
        }
        // Given the thread it had not, a muted one (`muted`: since when):
        // as if it came there.
        if let Some(muted_at) = muted.filter(|_| old.1 != r.thread_id) {
            self.dismiss_in_muted(rid, muted_at)?;
        }
        Ok(Outcome::Updated)
    }

    /// Deletes an incoming item with its log, and the user's (or a rule's)
    /// actions that changed nothing else: undo would take back nothing.
    fn forget_incoming(&mut self, rid: i64) -> Result<()> {
        // Its words are in the full-text index before its delete takes them out.
        self.index_now(rid)?;
        let aids: Vec<i64> = (self.tx)
            .prepare_cached("SELECT DISTINCT aid FROM log WHERE rid = ?1")?
            .query_map([rid], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.tx
            .prepare_cached("DELETE FROM items WHERE rid = ?1")?
            .execute([rid])?;
        for aid in aids {
            self.tx
                .prepare_cached(
                    "DELETE FROM actions WHERE aid = ?1 AND undone_at IS NULL AND actor <> 'import'
                         AND kind NOT IN ('undo', 'wake')
                         AND reply_rid IS NULL AND thread IS NULL AND person IS NULL
                         AND NOT EXISTS (SELECT 1 FROM log WHERE log.aid = actions.aid)",
                )?
                .execute([aid])?;
        }
        Ok(())
    }

    /// The own replies to an item that stops being someone's comment
    /// answer nobody now: judged again.
    fn rejudge_replies_to(&mut self, r: &Record) -> Result<()> {
        if self.bulk.is_some() {
            return Ok(());
        }
        let replies = self.own_replies_to(r)?;
        self.judge_again(replies)
    }

    /// The row ids of the own replies stored under record `r`.
    fn own_replies_to(&self, r: &Record) -> Result<Vec<i64>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT rid FROM items INDEXED BY items_parent
                 WHERE platform = ?1 AND parent_id = ?2 AND own = 1",
            )?
            .query_map(params![r.platform, r.id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Has these own replies judged again at the end, and the others with
    /// the text each had (one more or fewer of it may make it canned).
    fn judge_again(&mut self, replies: Vec<i64>) -> Result<()> {
        for reply in replies {
            self.pending.replies.insert(reply);
            let others = super::analysis::same_text(&self.tx, reply)?;
            self.pending.replies.extend(others);
        }
        Ok(())
    }

    /// See `DeferredFts::index_now`.
    fn index_now(&mut self, rid: i64) -> Result<()> {
        match self.fts.as_mut() {
            Some(fts) => fts.index_now(&self.tx, rid),
            None => Ok(()),
        }
    }

    /// A record whose id came before in this file with other content (a
    /// comment edited between two fetched pages): the later copy wins. It
    /// is the same item, counted once, by what it ends as (see `Repeats`).
    pub fn replace(&mut self, r: &Record, own: bool) -> Result<Outcome> {
        // In its parent's thread, as its first copy went in (a Mastodon
        // status as a notification's and as a context's).
        let r = &*self.with_parents_thread(r)?;
        let vanished = || anyhow::anyhow!("{}:{} vanished", r.platform, r.id);
        let Stored {
            rid,
            content: old,
            own: was_own,
            ..
        } = stored(&self.tx, r)?.ok_or_else(vanished)?;
        // Its thread named by its link alone: the one it is in, at that link.
        let at_link = self.in_thread_at_its_link(r, old.1.as_deref())?;
        let r = &*at_link;
        // Two sites' exports joined into one file, as across two files.
        self.same_site(rid, r, "earlier in this file")?;
        // By another person: the file contradicts itself (by the same one,
        // own stays, as across files). Two people's comments under one id
        // are two items a spreadsheet or a script gave one id (Excel writes
        // 17840000000000008 as 1.784E+16), not one fetched twice.
        // (An author the platform withheld, `(unknown)`, is nobody else.)
        let withheld = |author: &str| author == crate::import::shared::UNKNOWN_AUTHOR;
        let by_another = old.2 != r.author && !r.author_stand_in && !withheld(&old.2);
        if by_another && !was_own && !own {
            bail!(
                "{}:{} came before in this file by {}, and here by {}: two comments with one id \
                 (a spreadsheet rounds long numbers) or two copies of one, which is right?",
                r.platform,
                r.id,
                old.2,
                r.author
            );
        }
        // Yours and another person's: which is right, the file cannot say.
        if was_own != own && by_another {
            let (before, here) = match was_own {
                true => (
                    "as your own reply".to_owned(),
                    format!("by {}, not you", r.author),
                ),
                false => (format!("by {}", old.2), "as your own reply".to_owned()),
            };
            bail!(
                "{}:{} came before in this file {before}, and here {here}: which copy is right?",
                r.platform,
                r.id,
            );
        }
        if own && !was_own {
            // The later copy wins, the owner's too (as a later file's does);
            // what it leaves out is the earlier copy's, as an update keeps
            // it (a re-import of the file finds the same).
            let r = &Record {
                parent_id: r.parent_id.clone().or_else(|| old.0.clone()),
                thread_id: r.thread_id.clone().or_else(|| old.1.clone()),
                author_name: r.author_name.clone().or_else(|| old.3.clone()),
                ..r.clone()
            };
            self.rejudge_replies_to(r)?;
            self.forget_incoming(rid)?;
            self.add_own(r)?;
            if rid <= self.repeats.base_rid {
                let before = self.repeats.before.entry(rid).or_insert((None, false));
                before.0 = None;
                if !std::mem::replace(&mut before.1, true) {
                    self.counts.updated += 1;
                    self.counts.unchanged = self.counts.unchanged.saturating_sub(1);
                }
            }
            self.note_change(r, Outcome::Updated);
            return Ok(Outcome::Updated);
        }
        let muted = self.thread(r)?;
        let outcome = self.update(rid, &old, was_own, r, None, muted)?;
        self.note_change(r, outcome);
        // Given a thread the first copy had not, it takes its replies in.
        if self.bulk.is_none() && outcome != Outcome::Unchanged {
            self.adopt_replies(r, old.1.as_deref(), muted)?;
        }
        if rid <= self.repeats.base_rid {
            let (before, counted) = self
                .repeats
                .before
                .entry(rid)
                .or_insert((Some(content_hash(&old)), false));
            let now = stored(&self.tx, r)?.ok_or_else(vanished)?.content;
            let changed = before.is_none_or(|before| content_hash(&now) != before);
            if changed != *counted {
                *counted = changed;
                let c = &mut self.counts;
                (c.updated, c.unchanged) = if changed {
                    (c.updated + 1, c.unchanged.saturating_sub(1))
                } else {
                    (c.updated.saturating_sub(1), c.unchanged + 1)
                };
            }
        }
        Ok(outcome)
    }

    /// A new own reply, linked to its parent (or a reply written in ackbox,
    /// now seen on the platform).
    /// Deletes an own reply: what it answered is answered as if it had
    /// never been.
    fn forget_own(&mut self, rid: i64, platform: &str) -> Result<()> {
        let parent: Option<String> =
            (self.tx).query_row("SELECT parent_id FROM items WHERE rid = ?1", [rid], |row| {
                row.get(0)
            })?;
        // The same text sent to others may stop being canned without it.
        let others = super::analysis::same_text(&self.tx, rid)?;
        self.pending.replies.extend(others);
        self.tx
            .prepare_cached("DELETE FROM items WHERE rid = ?1")?
            .execute([rid])?;
        if let Some(parent) = parent {
            self.link_to(platform, &parent, None, false)?;
        }
        Ok(())
    }

    /// A new own reply; in a bulk load, its parent is found at the end.
    fn add_own(&mut self, r: &Record) -> Result<()> {
        if self.bulk.is_some() {
            let rid = self.insert(r, true, Initial::default(), None)?;
            self.restore_reply_action(rid, r)
        } else {
            self.insert_own(r)
        }
    }

    fn insert_own(&mut self, r: &Record) -> Result<()> {
        if let Some((rid, parent)) = self.match_ackbox_reply(r)? {
            self.pending.replies.insert(rid);
            let found = self.link_to(&r.platform, &parent, Some(r.created_at), false)?;
            self.count_linked(found);
            return Ok(());
        }
        let rid = self.insert(r, true, Initial::default(), None)?;
        self.restore_reply_action(rid, r)?;
        if self.bulk.is_none() && super::flat::may_mention(&r.platform, &r.body) {
            // Linked at the end, when the reply it may mean is stored too;
            // the replies written after it may answer others now.
            self.mentions.insert(rid);
            self.note_later_mentions(r)?;
        } else if let Some(parent) = &r.parent_id {
            let found = self.link_to(&r.platform, parent, Some(r.created_at), false)?;
            self.count_linked(found);
        }
        Ok(())
    }

    /// The record, in its parent's thread when it names none (a reply
    /// fetched on its own, e.g. by YouTube's `comments.list`) or names its
    /// parent as one (Mastodon has no conversation id): a conversation is
    /// one thread however deep it goes, muted as one. (A bulk load leaves
    /// Mastodon's to its end, when every parent's thread is final.)
    fn with_parents_thread<'r>(&self, r: &'r Record) -> Result<Cow<'r, Record>> {
        let parent = match (&r.thread_id, &r.parent_id) {
            (None, Some(parent)) => parent,
            (Some(_), Some(parent)) if names_parent_as_thread(r) && self.bulk.is_none() => parent,
            (None, None) if r.platform == POST_PREFIXED => return self.with_posts_thread(r),
            _ => return Ok(Cow::Borrowed(r)),
        };
        let thread: Option<String> = self
            .tx
            .prepare_cached("SELECT thread_id FROM items WHERE platform = ?1 AND id = ?2")?
            .query_row(params![r.platform, parent], |row| row.get(0))
            .optional()?
            .flatten();
        Ok(match thread {
            Some(thread_id) if r.thread_id.is_none() => Cow::Owned(Record {
                thread_id: Some(thread_id),
                ..r.clone()
            }),
            // The link and title the record gave were its parent's.
            Some(thread_id) if r.thread_id.as_ref() != Some(&thread_id) => Cow::Owned(Record {
                thread_id: Some(thread_id),
                thread_url: None,
                thread_title: None,
                ..r.clone()
            }),
            _ => Cow::Borrowed(r),
        })
    }

    /// A Facebook comment that names no post (a lone page of a post's
    /// comments has no paging link to tell it by), in the stored post its
    /// id names: a comment's id is `{post}_{comment}`, its post's
    /// `{page}_{post}`. Left alone when no post, or more than one, ends so.
    fn with_posts_thread<'r>(&self, r: &'r Record) -> Result<Cow<'r, Record>> {
        // Graph API ids are numbers: nothing in them for LIKE to read.
        let Some((post, _)) = crate::import::facebook::numeric_id_parts(&r.id) else {
            return Ok(Cow::Borrowed(r));
        };
        let like = format!("%\\_{post}");
        let posts: Vec<String> = self
            .tx
            .prepare_cached(
                "SELECT thread_id FROM threads WHERE platform = ?1 AND thread_id LIKE ?2 ESCAPE '\\' LIMIT 2",
            )?
            .query_map(params![r.platform, like], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(match <[String; 1]>::try_from(posts) {
            Ok([thread_id]) => Cow::Owned(Record {
                thread_id: Some(thread_id),
                ..r.clone()
            }),
            Err(_) => Cow::Borrowed(r),
        })
    }

    /// Facebook comments stored before their post from a page that did not
    /// name it (see [`Self::with_posts_thread`]) join it when it comes:
    /// their ids, and their replies', start with its `{post}_`.
    fn adopt_posts_comments(&self, platform: &str, tid: &str) -> Result<()> {
        let Some((_, post)) = crate::import::facebook::numeric_id_parts(tid) else {
            return Ok(());
        };
        // The ids from `{post}_` up to `{post}` + the character after `_`.
        self.tx
            .prepare_cached(
                "UPDATE items SET thread_id = ?2
                 WHERE platform = ?1 AND id > ?3 AND id < ?4 AND thread_id IS NULL",
            )?
            .execute(params![
                platform,
                tid,
                format!("{post}_"),
                format!("{post}`")
            ])?;
        Ok(())
    }

    /// Replies stored before their parent that name no thread (a replies
    /// file imported before the pages) join the parent's thread, and their
    /// own replies too: the order of the files makes no difference. So do
    /// Mastodon's naming their parent as their thread, or the thread they
    /// took from it before it moved (`was_in`, the parent's thread before).
    /// Joining a muted thread (`muted`: since when), what waits there is
    /// dismissed as muted, as it would have been had it come after its
    /// parent. The thread is the parent's as stored, not as the record
    /// names it (a Mastodon archive's reply names a remote address where
    /// the stored reply keeps the conversation it is in).
    fn adopt_replies(
        &mut self,
        r: &Record,
        was_in: Option<&str>,
        muted: Option<i64>,
    ) -> Result<()> {
        let stored: Option<String> = self
            .tx
            .prepare_cached("SELECT thread_id FROM items WHERE platform = ?1 AND id = ?2")?
            .query_row(params![r.platform, r.id], |row| row.get(0))
            .optional()?
            .flatten();
        let Some(thread) = &stored else {
            return Ok(());
        };
        let follows = r.platform == PARENT_IS_THREAD;
        let mut parents = vec![(r.id.clone(), was_in.map(str::to_owned))];
        while let Some((parent, parent_was_in)) = parents.pop() {
            type Child = (String, Option<String>, i64);
            let children = self
                .tx
                .prepare_cached(
                    "SELECT id, thread_id, rid FROM items WHERE platform = ?1 AND parent_id = ?2
                         AND (thread_id IS NULL
                              OR (?4 AND (thread_id = parent_id OR thread_id = ?5)))
                         AND thread_id IS NOT ?3",
                )?
                .query_map(
                    params![r.platform, parent, thread, follows, parent_was_in],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )?
                .collect::<rusqlite::Result<Vec<Child>>>()?;
            for (id, was, rid) in &children {
                self.tx
                    .prepare_cached(
                        "UPDATE items SET thread_id = ?3 WHERE platform = ?1 AND id = ?2",
                    )?
                    .execute(params![r.platform, id, thread])?;
                if let Some(was) = was {
                    self.carry_mute(&r.platform, was, thread)?;
                }
                if let Some(muted_at) = muted {
                    self.dismiss_in_muted(*rid, muted_at)?;
                }
            }
            parents.extend(children.into_iter().map(|(id, was, _)| (id, was)));
        }
        Ok(())
    }

    /// A stored item named again by a line whose thread is named by its
    /// link alone (no `thread_id`: the link is its id) stays in the thread
    /// it is in where that thread is at the link: the same thread, under the
    /// id another file gave it (a field left out keeps its stored value).
    fn in_thread_at_its_link<'r>(
        &self,
        r: &'r Record,
        stored_thread: Option<&str>,
    ) -> Result<Cow<'r, Record>> {
        let (Some(tid), Some(link), Some(stored)) = (&r.thread_id, &r.thread_url, stored_thread)
        else {
            return Ok(Cow::Borrowed(r));
        };
        if tid != link || stored == tid {
            return Ok(Cow::Borrowed(r));
        }
        Ok(
            match self
                .thread_meta(&r.platform, stored)?
                .and_then(|(_, url)| url)
                .as_deref()
                == Some(link.as_str())
            {
                true => Cow::Owned(Record {
                    thread_id: Some(stored.to_owned()),
                    ..r.clone()
                }),
                false => Cow::Borrowed(r),
            },
        )
    }

    /// The stored link of a thread, if it has one.
    fn thread_meta(&self, platform: &str, tid: &str) -> Result<Option<TitleAndLink>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT title, url FROM threads WHERE platform = ?1 AND thread_id = ?2",
            )?
            .query_row(params![platform, tid], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?)
    }

    /// How many threads stored before this session it gave another title
    /// or link.
    fn threads_updated(&self) -> Result<u64> {
        let mut n = 0;
        for ((platform, tid), before) in &self.threads_before {
            if before.is_some() && self.thread_meta(platform, tid)? != *before {
                n += 1;
            }
        }
        Ok(n)
    }

    /// An item come into a thread muted at `muted_at` after it arrived (its
    /// thread known only now): dismissed as muted if it waits by no
    /// decision of the user's, as it would have been had it come there.
    fn dismiss_in_muted(&mut self, rid: i64, muted_at: i64) -> Result<()> {
        let (waiting, created): (bool, i64) = self
            .tx
            .prepare_cached(
                "SELECT own = 0 AND state = 0 AND decided = 0, created_at FROM items
                 WHERE rid = ?1",
            )?
            .query_row([rid], |row| Ok((row.get(0)?, row.get(1)?)))?;
        if !waiting {
            return Ok(());
        }
        let aid = self.session_action(Actor::Import)?;
        let at = DateTime::from_timestamp(created.max(muted_at), 0).unwrap_or(self.now);
        let reason = Some(DismissReason::Muted);
        if actions::set_state(
            &self.tx,
            aid,
            rid,
            at,
            State::Dismissed,
            reason,
            None,
            false,
        )? {
            self.counts.dismissed_muted += 1;
        }
        Ok(())
    }

    /// Items of a muted thread moving into another (a Mastodon
    /// conversation whose root came since) take the mute with them: the
    /// conversation is muted as one, what arrives in it later too.
    fn carry_mute(&mut self, platform: &str, from: &str, to: &str) -> Result<()> {
        let carried = self
            .tx
            .prepare_cached(
                "UPDATE threads SET muted_at = m.muted_at
                 FROM (SELECT muted_at FROM threads WHERE platform = ?1 AND thread_id = ?2) AS m
                 WHERE platform = ?1 AND thread_id = ?3 AND threads.muted_at IS NULL
                   AND m.muted_at IS NOT NULL",
            )?
            .execute(params![platform, from, to])?;
        if carried > 0
            && let Some(seen) = self.threads.get_mut(platform)
        {
            seen.remove(to);
        }
        Ok(())
    }

    /// Whether this is a bulk load (into an empty database).
    pub fn is_bulk(&self) -> bool {
        self.bulk.is_some()
    }

    /// For a record whose id was written before in this bulk load: whether
    /// it is the same again (`own`: whether it is the owner's).
    pub fn repeated(&self, r: &Record, own: bool) -> Result<bool> {
        Ok(with_stored(&self.tx, r, |_, content, was_own, _| {
            was_own == own && is_content_of(&content, r)
        })?
        .unwrap_or(false))
    }

    /// Notes the thread of a record that came in new or changed, where that
    /// matters after the last record (see `flat_changed`).
    fn note_change(&mut self, r: &Record, outcome: Outcome) {
        if matches!(outcome, Outcome::New | Outcome::Updated)
            && super::flat::FLAT.contains(&r.platform.as_str())
            && let Some(tid) = &r.thread_id
        {
            self.flat_changed.insert((r.platform.clone(), tid.clone()));
        }
    }

    /// Refuses a record of a platform that numbers each site's items apart
    /// (WordPress from 1 on every blog, GitHub Enterprise on every server)
    /// whose id is stored already from another site: it is another item,
    /// which would take the stored one's place and the user's decisions.
    /// A site is told by its host, and, since a WordPress network's sites
    /// may share one (`example.com/blog`, `example.com/shop`), a WordPress
    /// comment also by its page. The same comment at a new address, written
    /// by the same person at the same time, is a site that moved; a
    /// WordPress comment written at the same time on the same post is the
    /// same too, its author's name edited since (a post keeps its number
    /// when its address changes; another site's post of that number has
    /// comments of other times).
    /// (`met`: where the stored one was met, for the message.)
    fn same_site(&self, rid: i64, r: &Record, met: &str) -> Result<()> {
        if !SITE_NUMBERED.contains(&r.platform.as_str()) {
            return Ok(());
        }
        let wordpress = r.platform == "wordpress";
        let Some(new) = site_address(
            r.url.as_deref(),
            r.thread_url.as_deref(),
            r.thread_id.as_deref(),
        ) else {
            return Ok(());
        };
        type Stored = (Option<String>, Option<String>, String, i64, Option<String>);
        // (Its thread's link as it was before this session.)
        let (url, thread_url, author, created, thread): Stored = self
            .tx
            .prepare_cached(concat!(
                "SELECT ",
                item_url!(),
                ", t.url, i.author, i.created_at, i.thread_id FROM items i
                 LEFT JOIN threads t ON t.platform = i.platform AND t.thread_id = i.thread_id
                 WHERE i.rid = ?1"
            ))?
            .query_row([rid], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            })?;
        let thread_url = match (self.threads_before)
            .get(&(r.platform.clone(), thread.clone().unwrap_or_default()))
        {
            Some(before) => before.as_ref().and_then(|(_, url)| url.clone()),
            None => thread_url,
        };
        let Some(old) = site_address(url.as_deref(), thread_url.as_deref(), thread.as_deref())
        else {
            return Ok(());
        };
        let elsewhere = another_site(wordpress, &old, &new);
        let at_once = created == r.created_at.timestamp();
        let moved = at_once && author == r.author
            || wordpress && on_one_post(&thread, created, &r.thread_id, r.created_at.timestamp());
        let (old, new) = match wordpress {
            true => (page(&old), page(&new)),
            false => (
                site_host(&old).unwrap_or_default(),
                site_host(&new).unwrap_or_default(),
            ),
        };
        if elsewhere && !moved {
            bail!(
                "{}:{} is an item of another site {met} ({old}; this one is on {new}): {} \
                 numbers each site's items apart, so they would take each other's place: import \
                 each site into a database of its own (--db)",
                r.platform,
                r.id,
                if r.platform == "wordpress" {
                    "WordPress"
                } else {
                    "GitHub Enterprise"
                }
            );
        }
        Ok(())
    }

    /// Counts a record that [`Known`] found stored unchanged.
    pub fn add_unchanged(&mut self, r: &Record) -> Result<Outcome> {
        self.again(r)?;
        self.counts.unchanged += 1;
        self.count_not_restored(r)?;
        Ok(Outcome::Unchanged)
    }

    /// A record met again as it was, earlier in the file or stored: its
    /// thread's title and link are the file's latest, as a first import
    /// leaves them (nothing else is written or counted).
    pub fn again(&mut self, r: &Record) -> Result<Outcome> {
        self.thread(r)?;
        Ok(Outcome::Unchanged)
    }

    /// Counts a record of an export whose incoming item was stored already
    /// with another state, reason, snooze, VIP tag, note or draft than the
    /// export gives it (the same again is no loss).
    fn count_not_restored(&mut self, r: &Record) -> Result<()> {
        let Some(saved) = r.saved.as_ref().filter(|_| r.own != Some(true)) else {
            return Ok(());
        };
        type Kept = (
            Option<i64>,
            Option<String>,
            Option<i64>,
            bool,
            Option<String>,
            Option<String>,
        );
        let kept: Option<Kept> = self
            .tx
            .prepare_cached(
                "SELECT i.state, i.reason, i.snoozed_until, COALESCE(p.vip, 0), p.note,
                        (SELECT body FROM drafts d WHERE d.rid = i.rid)
                 FROM items i LEFT JOIN people p ON p.platform = i.platform AND p.author = i.author
                 WHERE i.platform = ?1 AND i.id = ?2",
            )?
            .query_row(params![r.platform, r.id], |row| Kept::try_from(row))
            .optional()?;
        // A snooze run out is waiting, whichever side says it (the export
        // written before it woke).
        let now = self.now.timestamp();
        let awake = |state: Option<State>, until: Option<i64>| {
            let until = until.filter(|t| *t > now);
            match state {
                Some(State::Snoozed) if until.is_none() => (Some(State::NeedsReply), None),
                state => (state, until),
            }
        };
        let same = kept.is_some_and(|(state, reason, snoozed, vip, note, draft)| {
            awake(state.and_then(State::from_code), snoozed)
                == awake(saved.state, saved.snoozed_until.map(|t| t.timestamp()))
                && reason.as_deref() == saved.dismiss_reason.map(|r| r.as_str())
                && vip == saved.author_vip
                && note == saved.author_note
                && draft == saved.draft
        });
        self.counts.export_state_not_restored += u64::from(!same);
        if !same && self.counts.not_restored_named.len() < NAMED_NOT_RESTORED {
            (self.counts.not_restored_named).push(format!("{}:{}", r.platform, r.id));
        }
        Ok(())
    }

    /// Records the thread's title and link; returns when it was muted.
    fn thread(&mut self, r: &Record) -> Result<Option<i64>> {
        let Some(tid) = &r.thread_id else {
            return Ok(None);
        };
        self.note_thread(
            &r.platform,
            tid,
            r.thread_title.as_deref(),
            r.thread_url.as_deref(),
        )
    }

    /// Records a thread's title and link; returns when it was muted.
    pub fn note_thread(
        &mut self,
        platform: &str,
        tid: &str,
        title: Option<&str>,
        url: Option<&str>,
    ) -> Result<Option<i64>> {
        let mut meta = xxhash_rust::xxh3::Xxh3::new();
        for part in [title, url] {
            // Each part with its length (or none): no two pairs hash alike.
            let (len, bytes) = part.map_or((u64::MAX, ""), |p| (p.len() as u64, p));
            meta.update(&len.to_le_bytes());
            meta.update(bytes.as_bytes());
        }
        let meta = meta.digest();
        if let Some(&(muted, seen)) = self.threads.get(platform).and_then(|t| t.get(tid))
            && (seen == meta || (title.is_none() && url.is_none()))
        {
            return Ok(muted);
        }
        let key = (platform.to_owned(), tid.to_owned());
        if !self.threads_before.contains_key(&key) {
            // Into an empty database, none was.
            let before = match self.bulk {
                Some(_) => None,
                None => self.thread_meta(platform, tid)?,
            };
            self.threads_before.insert(key, before);
        }
        // Writes only when something is new, so a re-import leaves the file as it was.
        self.tx
            .prepare_cached(
                "INSERT INTO threads (platform, thread_id, title, url) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (platform, thread_id) DO UPDATE SET
                     title = COALESCE(excluded.title, title), url = COALESCE(excluded.url, url)
                 WHERE COALESCE(excluded.title, title) IS NOT title OR COALESCE(excluded.url, url) IS NOT url",
            )?
            .execute(params![platform, tid, title, url])?;
        let muted: Option<i64> = self
            .tx
            .prepare_cached("SELECT muted_at FROM threads WHERE platform = ?1 AND thread_id = ?2")?
            .query_row(params![platform, tid], |row| row.get(0))?;
        if platform == POST_PREFIXED && self.bulk.is_none() {
            self.adopt_posts_comments(platform, tid)?;
        }
        self.threads
            .entry(platform.to_owned())
            .or_default()
            .insert(tid.to_owned(), (muted, meta));
        Ok(muted)
    }

    /// How a record's link is stored: as written, or (most links share their
    /// shape with many others) as the id of its form in `url_forms`.
    /// `thread` is the thread id the row will have.
    fn link<'r>(
        &mut self,
        r: &'r Record,
        thread: Option<&str>,
    ) -> Result<(Option<&'r str>, Option<i64>)> {
        let Some(url) = r.url.as_deref() else {
            return Ok((None, None));
        };
        let Some(form) = super::links::form(url, &r.id, thread) else {
            return Ok((Some(url), None));
        };
        if let Some(&fid) = self.url_forms.get(&form) {
            return Ok((None, Some(fid)));
        }
        self.tx
            .prepare_cached("INSERT INTO url_forms (form) VALUES (?1) ON CONFLICT DO NOTHING")?
            .execute([&form])?;
        let fid: i64 = self
            .tx
            .prepare_cached("SELECT fid FROM url_forms WHERE form = ?1")?
            .query_row([&form], |row| row.get(0))?;
        self.url_forms.insert(form, fid);
        Ok((None, Some(fid)))
    }

    /// Inserts a new item with everything known about it in one statement.
    fn insert(
        &mut self,
        r: &Record,
        own: bool,
        initial: Initial,
        analysis: Option<ItemAnalysis>,
    ) -> Result<i64> {
        let saved = r.saved.as_ref();
        let origin = own.then(|| saved.and_then(|s| s.origin).unwrap_or(Origin::Imported) as i64);
        let (flags, reasons, key) = if own {
            (0, None, None)
        } else {
            analysis.unwrap_or_else(|| item_analysis(&r.platform, &r.body, self.cfg))
        };
        let (url, form) = self.link(r, r.thread_id.as_deref())?;
        if let Some(fts) = self.fts.as_mut().filter(|_| !own) {
            fts.hold(&self.tx)?;
        }
        let written = self
            .tx
            .prepare_cached(
                "INSERT INTO items (platform, id, parent_id, thread_id, author, author_name, body,
                                    created_at, url, url_form, kind, own, origin, state, reason,
                                    state_at, first_reply_at, snoozed_until, decided, flags, reasons,
                                    text_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                         ?19, ?20, ?21, ?22)
                 ON CONFLICT (platform, id) DO NOTHING",
            )?
            .execute(params![
                r.platform,
                r.id,
                r.parent_id,
                r.thread_id,
                r.author,
                r.author_name,
                r.body,
                r.created_at.timestamp(),
                url,
                form,
                r.kind as i64,
                own,
                origin,
                initial.state.map(State::code),
                initial.reason.map(|x| x.as_str()),
                initial.state_at,
                initial.first_reply_at,
                initial.snoozed_until,
                initial.decided,
                flags,
                reasons,
                key
            ])?;
        if written == 0 {
            return Err(RepeatedId.into());
        }
        let rid = self.tx.last_insert_rowid();
        if let Some(fts) = self.fts.as_mut().filter(|_| !own) {
            fts.rids.push(rid);
        }
        if own {
            self.pending.replies.insert(rid);
        } else {
            self.pending.incoming(rid, r, key);
        }
        Ok(rid)
    }

    /// Flags a changed incoming item again, or queues a changed own reply for
    /// its verdict; the rest (copypasta, canned texts, queue order) is done
    /// once per import, in `finish`. The verdicts of the replies to a changed
    /// item are redone too: its words and its author's name are what they
    /// are judged against (and the name is taken out of their canned key).
    fn analyse(
        &mut self,
        rid: i64,
        r: &Record,
        own: bool,
        analysis: Option<ItemAnalysis>,
    ) -> Result<()> {
        let replies: Vec<i64> = if self.bulk.is_some() {
            // A load into an empty database judges every reply at the end
            // (and has no index to find them by before it).
            Vec::new()
        } else if own {
            vec![rid]
        } else {
            self.own_replies_to(r)?
        };
        self.judge_again(replies)?;
        if own {
            return Ok(());
        }
        let (flags, reasons, key) =
            analysis.unwrap_or_else(|| item_analysis(&r.platform, &r.body, self.cfg));
        // The copies of the text it had are one fewer: counted again too.
        let had: Option<i64> = self
            .tx
            .prepare_cached("SELECT text_key FROM items WHERE rid = ?1")?
            .query_row([rid], |row| row.get(0))?;
        self.pending
            .pastes
            .extend(had.filter(|&old| Some(old) != key));
        self.tx
            .prepare_cached(
                "UPDATE items SET flags = ?2, reasons = ?3, text_key = ?4 WHERE rid = ?1",
            )?
            .execute(params![rid, flags, reasons, key])?;
        self.pending.incoming(rid, r, key);
        Ok(())
    }

    /// A new incoming item: needs a reply, unless it arrives in a muted
    /// thread, or its own reply was imported first, or an export restores it.
    fn insert_incoming(
        &mut self,
        r: &Record,
        muted: Option<i64>,
        analysis: Option<ItemAnalysis>,
    ) -> Result<()> {
        // Own replies imported before their parent (a bulk load links them
        // at the end), but for those that may mean a reply to it (linked at
        // the end too, see `flat`): (row id, written at).
        let waiting: Vec<(i64, i64)> = if self.bulk.is_some() {
            Vec::new()
        } else {
            self.tx
                .prepare_cached(
                    "SELECT rid, created_at FROM items INDEXED BY items_parent
                     WHERE platform = ?1 AND parent_id = ?2 AND own = 1",
                )?
                .query_map(params![r.platform, r.id], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })?
                .filter(|w| {
                    w.as_ref()
                        .map_or(true, |(rid, _)| !self.mentions.contains(rid))
                })
                .collect::<rusqlite::Result<_>>()?
        };
        let first = waiting.iter().map(|&(_, at)| at).min();
        let mut initial = Initial {
            first_reply_at: first,
            ..Initial::default()
        };
        match (&r.saved, muted) {
            (Some(saved), _) => {
                initial.state = Some(saved.state.unwrap_or(State::NeedsReply));
                initial.reason = saved.dismiss_reason;
                initial.snoozed_until = saved.snoozed_until.map(|t| t.timestamp());
                initial.state_at = saved.state_changed_at.map(|t| t.timestamp());
                // An export written before it said so: told by who made the
                // last change that stands (an undo gives back what the
                // change it took back found).
                initial.decided = saved.decided.unwrap_or_else(|| {
                    match saved.log.iter().rev().find(|e| !e.undone) {
                        Some(e) if e.kind == "undo" => (saved.log.iter().rev())
                            .find(|e| e.undone)
                            .is_some_and(|taken| taken.from_decided),
                        Some(e) => e.actor == Actor::User,
                        None => false,
                    }
                });
                // Waiting as exported, not by the user's decision: a reply
                // stored here answers it, as it answers a comment that
                // comes with no state.
                if first.is_some() && !initial.decided && initial.state == Some(State::NeedsReply) {
                    initial.state = Some(State::Answered);
                    initial.state_at = first;
                }
            }
            (None, Some(muted_at)) => {
                self.counts.dismissed_muted += 1;
                initial.state = Some(State::Dismissed);
                initial.reason = Some(DismissReason::Muted);
                // Dismissed as it arrived on the platform (as an answer is
                // dated by its reply), but never before the mute was.
                initial.state_at = Some(r.created_at.timestamp().max(muted_at));
            }
            (None, None) if first.is_some() => {
                initial.state = Some(State::Answered);
                initial.state_at = first;
            }
            (None, None) => initial.state = Some(State::NeedsReply),
        }
        let rid = self.insert(r, false, initial, analysis)?;
        if r.saved.is_some() && initial.decided {
            self.restored_decided.insert(rid);
        }
        if first.is_some() {
            // Its replies came first: judge them again, now that the addressee is known.
            self.counts.own_replies_linked += waiting.len() as u64;
            self.counted.extend(waiting.iter().map(|&(rid, _)| rid));
            self.pending
                .replies
                .extend(waiting.iter().map(|&(rid, _)| rid));
        }
        self.note_later_mentions(r)?;
        if let Some(saved) = &r.saved {
            self.restore_log(rid, r, saved)?;
            if let Some(draft) = saved.draft.as_deref() {
                actions::set_draft(&self.tx, rid, Some(draft))?;
            }
        } else if initial.state == Some(State::NeedsReply) && !self.rules.is_empty() {
            self.for_rules.push(rid);
        }
        Ok(())
    }

    /// A new comment, or a new reply under one, on a platform that lists
    /// replies flat (see `flat`): the own replies written after it under
    /// that comment that @mention someone may have meant it, and answered
    /// another item for want of it (imported before it). They are resolved
    /// again at the end, as if the file had held them all.
    fn note_later_mentions(&mut self, r: &Record) -> Result<()> {
        if self.bulk.is_some() || !super::flat::FLAT_REPLIES.contains(&r.platform.as_str()) {
            return Ok(());
        }
        let parent = r.parent_id.as_deref().unwrap_or(&r.id);
        // Under the comment, or resolved to one of the replies under it. A
        // reply written here names the item the user answered: it stays.
        let later: Vec<(i64, String)> = (self.tx.prepare_cached(
            "SELECT o.rid, o.parent_id FROM items o INDEXED BY items_parent
             WHERE o.platform = ?1 AND o.own = 1 AND o.created_at >= ?3 AND o.origin IS NOT 1
               AND (instr(o.body, '@') > 0 OR instr(o.body, '＠') > 0)
               AND (o.parent_id = ?2 OR o.parent_id IN (
                   SELECT id FROM items INDEXED BY items_parent
                   WHERE platform = ?1 AND parent_id = ?2 AND own = 0))",
        )?)
        .query_map(
            params![r.platform, parent, r.created_at.timestamp()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
        for (rid, answered) in later {
            if answered != parent {
                super::flat::set_parent(&self.tx, rid, parent)?;
            }
            // A stored reply (not one this import brought): what it answered.
            if !self.mentions.contains(&rid) {
                self.re_mentions.entry(rid).or_insert(answered);
            }
            self.mentions.insert(rid);
        }
        Ok(())
    }

    /// Dismisses the new items a rule matched that still wait for a reply
    /// once the import has linked its replies, logged as the rule's doing
    /// (undoable). Returns how many.
    fn apply_rules(&mut self) -> Result<u64> {
        let before = self.counts.dismissed_by_rules;
        if !self.for_rules.is_empty() {
            super::analysis::flag_copypasta(&self.tx, self.cfg, &mut self.pending)?;
        }
        for rid in std::mem::take(&mut self.for_rules) {
            // Only what still waits (not answered, nor found to be an own
            // reply since), with its flags as they are now.
            let waiting: Option<(String, String, u16)> = self
                .tx
                .prepare_cached(
                    "SELECT platform, body, flags FROM items WHERE rid = ?1 AND own = 0 AND state = 0",
                )?
                .query_row([rid], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
                .optional()?;
            let Some(rule) = waiting.and_then(|(platform, body, flags)| {
                (self.rules.iter()).position(|rule| rule.matches(&platform, &body, flags))
            }) else {
                continue;
            };
            let (aid, reason) = (self.session_action(Actor::Rule)?, self.rules[rule].reason());
            if actions::dismiss(&self.tx, aid, rid, self.now, reason, false)? {
                self.counts.dismissed_by_rules += 1;
                // Arrived dismissed, as of when it was written (as a muted
                // thread's items).
                self.tx
                    .prepare_cached(
                        "UPDATE items SET state_at = MIN(created_at, ?2) WHERE rid = ?1",
                    )?
                    .execute(params![rid, self.now.timestamp()])?;
            }
        }
        Ok(self.counts.dismissed_by_rules - before)
    }

    /// The action id an exported action gets here: shifted past the actions
    /// already in the database, so that their order (what `undo` takes) holds.
    fn restored_action(&mut self, exported: i64) -> Result<i64> {
        let base = match self.action_base {
            Some(b) => b,
            None => {
                let b: i64 =
                    self.tx
                        .query_row("SELECT COALESCE(MAX(aid), 0) FROM actions", [], |r| {
                            r.get(0)
                        })?;
                self.action_base = Some(b);
                b
            }
        };
        // (A file edited by hand may hold any number; one near the largest
        // would leave the actions after it no room above it, which undo
        // takes back first.)
        // (Nor may one go past it here, after the actions stored: the
        // export of this database would be refused.)
        match exported {
            1..=MAX_EXPORTED_ACTION if base + exported <= MAX_EXPORTED_ACTION => {
                Ok(base + exported)
            }
            _ => bail!(
                "action {exported} in the log: an export numbers its actions from 1 (to \
                 {MAX_EXPORTED_ACTION} at the most)"
            ),
        }
    }

    /// Replays an exported item's log under the same grouping of actions.
    /// A mute's items are all of its thread, so the thread it muted (which
    /// its undo unmutes) is theirs.
    fn restore_log(
        &mut self,
        rid: i64,
        r: &Record,
        saved: &crate::model::SavedState,
    ) -> Result<()> {
        for e in &saved.log {
            let aid = self.restored_action(e.action)?;
            let kind = if e.kind.is_empty() {
                e.to.as_str()
            } else {
                e.kind.as_str()
            };
            let thread = (kind == "mute")
                .then_some(r.thread_id.as_deref())
                .flatten()
                .map(|t| super::actions::thread_key(&r.platform, t));
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO actions (aid, at, actor, kind, undone_at, thread)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    aid,
                    e.at.timestamp(),
                    e.actor.as_str(),
                    kind,
                    e.undone.then_some(e.at.timestamp()),
                    thread
                ])?;
            self.tx
                .prepare_cached(
                    "INSERT INTO log (aid, rid, at, old_state, old_reason, old_snooze, old_decided,
                                  new_state, new_reason, new_snooze, old_state_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?
                .execute(params![
                    aid,
                    rid,
                    e.at.timestamp(),
                    e.from.map(State::code),
                    e.from_reason.map(|r| r.as_str()),
                    e.from_snoozed_until.map(|t| t.timestamp()),
                    e.from_decided,
                    e.to.code(),
                    e.reason.map(|r| r.as_str()),
                    e.snoozed_until.map(|t| t.timestamp()),
                    e.from_state_at.map(|t| t.timestamp())
                ])?;
        }
        Ok(())
    }

    /// Restores the changes to a person's VIP tag and note, for undo.
    fn restore_person_actions(
        &mut self,
        r: &Record,
        changes: &[crate::model::PersonAction],
    ) -> Result<()> {
        for change in changes {
            let aid = self.restored_action(change.action)?;
            let before = super::people::PersonBefore {
                platform: r.platform.clone(),
                author: r.author.clone(),
                vip: change.vip_before,
                note: change.note_before.clone(),
            };
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO actions (aid, at, actor, kind, undone_at, person)
                 VALUES (?1, ?2, 'user', ?3, ?4, ?5)",
                )?
                .execute(params![
                    aid,
                    change.at.timestamp(),
                    change.kind,
                    change.undone.then_some(change.at.timestamp()),
                    serde_json::to_string(&before)?
                ])?;
        }
        Ok(())
    }

    /// Restores the mutes of an exported item's thread (its items' log has
    /// those that dismissed some; not one that found nothing waiting).
    fn restore_thread_actions(
        &mut self,
        r: &Record,
        mutes: &[crate::model::ThreadAction],
    ) -> Result<()> {
        let Some(thread) = r.thread_id.as_deref() else {
            return Ok(());
        };
        let key = super::actions::thread_key(&r.platform, thread);
        for mute in mutes {
            let aid = self.restored_action(mute.action)?;
            // An item's log may have brought the action back already,
            // without its thread (which undo needs to mute or unmute).
            self.tx
                .prepare_cached(
                    "INSERT INTO actions (aid, at, actor, kind, undone_at, thread)
                 VALUES (?1, ?2, 'user', ?3, ?4, ?5)
                 ON CONFLICT (aid) DO UPDATE SET thread = excluded.thread",
                )?
                .execute(params![
                    aid,
                    mute.at.timestamp(),
                    mute.kind,
                    mute.undone.then_some(mute.at.timestamp()),
                    key
                ])?;
        }
        Ok(())
    }

    /// Links a restored reply written in ackbox to the action that wrote it,
    /// so that `undo` can take it back in the new database too.
    fn restore_reply_action(&mut self, rid: i64, r: &Record) -> Result<()> {
        let Some(exported) = r.saved.as_ref().and_then(|s| s.reply_action) else {
            return Ok(());
        };
        // An item stored before keeps its own log, which has no step of this
        // reply to take back (undoing it would leave the item answered by
        // nothing) unless an earlier part of the same export restored it,
        // waiting for this reply: the reply stays, as one an import found,
        // or takes its step.
        let aid =
            match self.bulk.is_none() && self.stored_before(&r.platform, r.parent_id.as_deref())? {
                true => match self.written_here(r, AWAITING_ITS_REPLY)? {
                    Some(aid) => aid,
                    None => return Ok(()),
                },
                false => self.restored_action(exported)?,
            };
        self.tx.prepare_cached("INSERT INTO actions (aid, at, actor, kind, reply_rid) VALUES (?1, ?2, 'user', 'reply', ?3)
             ON CONFLICT (aid) DO UPDATE SET reply_rid = excluded.reply_rid")?.execute(params![aid, r.created_at.timestamp(), rid])?;
        Ok(())
    }

    /// Whether the parent `id` was stored before this import.
    fn stored_before(&self, platform: &str, id: Option<&str>) -> Result<bool> {
        let Some(id) = id else {
            return Ok(false);
        };
        let rid: Option<i64> = self
            .tx
            .prepare_cached("SELECT rid FROM items WHERE platform = ?1 AND id = ?2")?
            .query_row(params![platform, id], |row| row.get(0))
            .optional()?;
        Ok(rid.is_some_and(|rid| rid <= self.repeats.base_rid))
    }

    /// Whether an export's reply written in ackbox, not stored, was written
    /// in this database, which has taken it back since or found it on the
    /// platform (where it took the platform's id): its `reply` action, at
    /// the second its id names (`ackbox:{at}:{row}`), answered its parent,
    /// or, the parent answered already, made that row.
    fn written_here_and_gone(&self, r: &Record) -> Result<bool> {
        // It answered the parent and is not one waiting for its reply; or,
        // the parent answered already, it made that row.
        let gone = format!(
            "(EXISTS (SELECT 1 FROM log l JOIN items p ON p.rid = l.rid
                 WHERE l.aid = a.aid AND p.platform = ?3 AND p.id = ?4)
                 AND NOT ({AWAITING_ITS_REPLY})
             OR a.reply_rid = ?2 AND NOT EXISTS (SELECT 1 FROM log l WHERE l.aid = a.aid))"
        );
        Ok(self.written_here(r, &gone)?.is_some())
    }

    /// The `reply` action of this database that wrote an export's reply
    /// written in ackbox, not stored (`ackbox:{at}:{row}`, at the second it
    /// names) and is `which` (gone, or [`AWAITING_ITS_REPLY`]).
    fn written_here(&self, r: &Record, which: &str) -> Result<Option<i64>> {
        let Some(at) = (r.saved.as_ref())
            .and(r.id.strip_prefix(crate::model::WRITTEN_HERE))
            .and_then(|rest| rest.split_once(':'))
        else {
            return Ok(None);
        };
        let (Ok(at), Ok(row)) = (at.0.parse::<i64>(), at.1.parse::<i64>()) else {
            return Ok(None);
        };
        Ok(self
            .tx
            .prepare_cached(&format!(
                "SELECT a.aid FROM actions a WHERE a.kind = 'reply' AND a.at = ?1
                 AND a.aid <= ?5 AND {which}"
            ))?
            .query_row(
                // Not one this import restored (with the log of a new item).
                params![
                    at,
                    row,
                    r.platform,
                    r.parent_id,
                    self.action_base.unwrap_or(i64::MAX)
                ],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// An imported own reply that is the platform's copy of a reply written in
    /// ackbox takes that reply's place instead of counting twice. Returns the
    /// row and the item the reply was written to (what it answers, whatever
    /// parent the platform gives its copy: none in a flat GitHub thread, the
    /// top-level comment for a YouTube or Instagram reply to a reply).
    fn match_ackbox_reply(&mut self, r: &Record) -> Result<Option<(i64, String)>> {
        // Only what was written here before the platform's copy was posted
        // (give or take a clock's error): an older reply is another reply.
        const CLOCK_ERROR_SECS: i64 = 10 * 60;
        if r.parent_id.is_none() && r.thread_id.is_none() {
            return Ok(None);
        }
        let candidates: Vec<(i64, String, String)> = self
            .tx
            .prepare_cached(
                "SELECT rid, body, parent_id, created_at FROM items
                 WHERE platform = ?1 AND parent_id = ?2 AND own = 1 AND origin = 1
                     AND id LIKE 'ackbox:%' AND created_at <= ?3
                 UNION
                 SELECT rid, body, parent_id, created_at FROM items
                 WHERE platform = ?1 AND thread_id = ?4 AND own = 1 AND origin = 1
                     AND id LIKE 'ackbox:%' AND created_at <= ?3
                 ORDER BY created_at",
            )?
            .query_map(
                params![
                    r.platform,
                    r.parent_id,
                    r.created_at.timestamp() + CLOCK_ERROR_SECS,
                    r.thread_id
                ],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )?
            .collect::<rusqlite::Result<_>>()?;
        // Under the same parent: the same words (the platform may add or
        // drop the @mention that starts it), or the only reply written
        // there (edited when posted).
        let under_parent: Vec<_> = (candidates.iter())
            .filter(|(_, _, parent)| r.parent_id.as_ref() == Some(parent))
            .collect();
        let unmentioned = unmentioned_words(&r.body);
        let mut pick = (under_parent.iter().copied())
            .find(|(_, b, _)| unmentioned_words(b) == unmentioned)
            .or(match under_parent[..] {
                [only] => Some(only),
                _ => None,
            })
            .cloned();
        // Elsewhere in the thread (a flat thread's copy names no parent, a
        // reply to a reply's names the comment above): written to an item
        // under the copy's parent, in the very same words, its @mention
        // included, or with the @mention of that item's author before them.
        if pick.is_none() {
            let said = words(&r.body);
            for c in candidates.iter().filter(|c| !under_parent.contains(c)) {
                let written = words(&c.1);
                if written != said && written != unmentioned {
                    continue;
                }
                let Some((above, author)) = self
                    .tx
                    .prepare_cached(
                        "SELECT parent_id, author FROM items WHERE platform = ?1 AND id = ?2",
                    )?
                    .query_row(params![r.platform, c.2], |row| {
                        Ok((row.get::<_, Option<String>>(0)?, row.get::<_, String>(1)?))
                    })
                    .optional()?
                else {
                    continue;
                };
                let to_them = written == said || {
                    let handle = crate::text::fold(author.trim_start_matches('@'));
                    said.iter()
                        .take_while(|w| w.starts_with('@'))
                        .any(|w| w.trim_start_matches('@') == handle)
                };
                if to_them && (r.parent_id.is_none() || above == r.parent_id) {
                    pick = Some(c.clone());
                    break;
                }
            }
        }
        let Some((rid, _, parent)) = pick else {
            return Ok(None);
        };
        // The row keeps its thread when the platform's copy names none.
        let thread: Option<String> = match &r.thread_id {
            Some(t) => Some(t.clone()),
            None => {
                self.tx
                    .query_row("SELECT thread_id FROM items WHERE rid = ?1", [rid], |row| {
                        row.get(0)
                    })?
            }
        };
        let (url, form) = self.link(r, thread.as_deref())?;
        // Posted in other words, the text written here went to one fewer.
        let others = super::analysis::same_text(&self.tx, rid)?;
        self.pending.replies.extend(others);
        self.tx.prepare_cached("UPDATE items SET id = ?2, body = ?3, created_at = ?4, url = ?5, url_form = ?6, author = ?7,
                              author_name = ?8, thread_id = ?9
             WHERE rid = ?1")?.execute(params![rid, r.id, r.body, r.created_at.timestamp(), url, form, r.author, r.author_name,
                    thread])?;
        Ok(Some((rid, parent)))
    }

    /// Counts an own reply linked, if `link_to` found its parent stored:
    /// one to an item the user dismissed is said apart.
    fn count_linked(&mut self, parent: Parent) {
        self.counts.own_replies_linked += u64::from(parent != Parent::Unknown);
        self.counts.replies_to_dismissed += u64::from(parent == Parent::Dismissed);
    }

    /// Brings the parent `parent` (on `platform`) of an own reply up to date
    /// with its replies: one written `at` (`Some`) answers it; one that
    /// moved to another parent (`None`) may leave it none. The state its
    /// replies alone gave it (not the user) follows its first reply: reached
    /// then, or waiting again when no reply is left.
    /// `known`: the reply was stored before this import (moved, not new).
    fn link_to(
        &mut self,
        platform: &str,
        parent: &str,
        at: Option<DateTime<Utc>>,
        known: bool,
    ) -> Result<Parent> {
        type Found = (
            i64,
            Option<i64>,
            bool,
            bool,
            Option<i64>,
            String,
            Option<String>,
        );
        let found: Option<Found> = self
            .tx
            .prepare_cached(
                "SELECT rid, state, decided, own, state_at, author, reason FROM items
                 WHERE platform = ?1 AND id = ?2",
            )?
            .query_row(params![platform, parent], |row| row.try_into())
            .optional()?;
        let Some((rid, state, decided, parent_own, state_at, parent_author, reason)) = found else {
            return Ok(Parent::Unknown);
        };
        // A rule's dismissal, not the user's: a reply of theirs answers it.
        // (One the platform took away, or a muted thread's, stays.)
        let reason = reason
            .as_deref()
            .and_then(|r| r.parse::<DismissReason>().ok());
        let removed = reason == Some(DismissReason::Removed);
        let by_rule = !decided
            && reason.is_some_and(|r| !matches!(r, DismissReason::Removed | DismissReason::Muted));
        if parent_own {
            return Ok(Parent::Stored);
        }
        self.pending
            .people
            .insert((platform.to_owned(), parent_author));
        self.pending.answered.insert(rid);
        let first = actions::recompute_first_reply(&self.tx, rid)?;
        // The state it comes to, as of when, and a snooze and a decision
        // it comes back with.
        let (change, at, until, kept) = match (state.and_then(State::from_code), at, first) {
            // Put back in the queue or snoozed by the user with this reply
            // stored already (a later file gives it another date): the
            // decision stands.
            (Some(State::NeedsReply | State::Snoozed), Some(_), _)
                if decided && (known || self.restored_decided.contains(&rid)) =>
            {
                return Ok(Parent::Stored);
            }
            // A snooze put the item off until later; the reply answers it now.
            (Some(State::NeedsReply | State::Snoozed), Some(at), _) => {
                (State::Answered, at, None, false)
            }
            (Some(State::Dismissed), Some(at), _) if by_rule => (State::Answered, at, None, false),
            // Dismissed by the user (or in a thread they muted): it stays
            // so, and the summary says a reply came to it.
            (Some(State::Dismissed), Some(_), _) if !removed => return Ok(Parent::Dismissed),
            // No reply left: what the answer replaced comes back (a snooze
            // still to run, a put-back), else it waits.
            (Some(State::Answered), _, None) if !decided => {
                let (state, until, kept) = self.before_the_answer(rid)?;
                match self.dismissed_in_muted_at(rid)? {
                    // Waiting by no decision of the user's in a thread
                    // muted since: dismissed, as what arrives there is.
                    Some(at) if state == State::NeedsReply && !kept => {
                        self.counts.dismissed_muted += 1;
                        (State::Dismissed, at, None, false)
                    }
                    _ => (state, self.now, until, kept),
                }
            }
            (Some(State::Answered), _, Some(first)) if !decided && state_at != Some(first) => {
                self.tx
                    .prepare_cached("UPDATE items SET state_at = ?2 WHERE rid = ?1")?
                    .execute(params![rid, first])?;
                return Ok(Parent::Stored);
            }
            // Marked answered by hand: answered when marked, or by its
            // first reply if that came earlier (one may have gone since). A
            // reply written here is no mark: it answered when it was posted,
            // and with it gone, and no mark, the item waits again.
            (Some(State::Answered), _, first) if decided => {
                let marked: Option<i64> = self
                    .tx
                    .prepare_cached(
                        "SELECT l.at FROM log l JOIN actions a ON a.aid = l.aid
                         WHERE l.rid = ?1 AND l.new_state = 1 AND a.actor = 'user'
                             AND a.kind NOT IN ('reply', 'undo') AND a.undone_at IS NULL
                         ORDER BY l.seq DESC LIMIT 1",
                    )?
                    .query_row([rid], |row| row.get(0))
                    .optional()?;
                let answered = match (marked, first) {
                    (Some(m), Some(f)) => Some(m.min(f)),
                    (m, f) => m.or(f),
                };
                match answered {
                    None => (State::NeedsReply, self.now, None, false),
                    Some(_) if answered == state_at => return Ok(Parent::Stored),
                    Some(_) => {
                        self.tx
                            .prepare_cached("UPDATE items SET state_at = ?2 WHERE rid = ?1")?
                            .execute(params![rid, answered])?;
                        return Ok(Parent::Stored);
                    }
                }
            }
            _ => return Ok(Parent::Stored),
        };
        let aid = self.session_action(Actor::Import)?;
        // Only a muted thread dismisses here.
        let reason = (change == State::Dismissed).then_some(DismissReason::Muted);
        actions::set_state(&self.tx, aid, rid, at, change, reason, until, kept)?;
        self.pending.items.insert(rid);
        Ok(Parent::Stored)
    }

    /// The one action this session's state changes by `actor` (the import
    /// itself, or the config's rules) are logged under.
    fn session_action(&mut self, actor: Actor) -> Result<i64> {
        let (slot, kind) = match actor {
            Actor::Rule => (&mut self.rule_aid, "rule"),
            _ => (&mut self.import_aid, "import"),
        };
        if let Some(aid) = *slot {
            return Ok(aid);
        }
        let aid = actions::new_action(&self.tx, self.now, actor, kind, None, None)?;
        *slot = Some(aid);
        Ok(aid)
    }

    /// Dismisses as removed the stored incoming items of `gone` that still
    /// wait for a reply: the platform deleted them, removed them or holds
    /// them as spam, so there is nobody to answer. What the user already
    /// decided stays. An own reply the platform no longer has answers
    /// nobody: it goes, and the item it answered is brought up to date
    /// with the replies left (as when a reply moves away). A load into an
    /// empty database has nothing stored to withdraw; another site's item
    /// of a stored number (WordPress) is not the stored one.
    pub fn withdraw(&mut self, gone: &[Gone]) -> Result<()> {
        if self.bulk.is_some() {
            return Ok(());
        }
        let mut stored: Vec<(&str, i64, bool)> = Vec::new();
        for g in gone {
            type Row = (i64, bool, Option<String>, Option<String>, i64);
            let row: Option<Row> = self
                .tx
                .prepare_cached(concat!(
                    "SELECT i.rid, i.own, ",
                    item_url!(),
                    ", i.thread_id, i.created_at FROM items i WHERE i.platform = ?1 AND i.id = ?2"
                ))?
                .query_row(params![g.platform, g.id], |row| row.try_into())
                .optional()?;
            // Another WordPress site's comment of that number is not it;
            // the same comment is on the same post at the same time (the
            // post's address, or the site's, may have changed since), or at
            // the same page.
            let same = |(_, _, url, thread, created): &Row| {
                let Some(p) = &g.place else {
                    return true;
                };
                let on_post = p.thread_id.is_some()
                    && (p.created_at).is_some_and(|t| {
                        on_one_post(thread, *created, &p.thread_id, t.timestamp())
                    });
                on_post
                    || match (url, &p.url) {
                        (Some(old), Some(new)) => {
                            !another_site(g.platform == "wordpress", old, new)
                        }
                        _ => true,
                    }
            };
            stored.extend(
                row.filter(same)
                    .map(|(rid, own, ..)| (g.platform.as_str(), rid, own)),
            );
        }
        // The own replies first: a comment removed with the reply that
        // answered it is left waiting by that reply's going, then withdrawn.
        stored.sort_by_key(|&(_, _, own)| !own);
        for (platform, rid, own) in stored {
            if own {
                self.forget_own(rid, platform)?;
                self.counts.own_replies_removed += 1;
                continue;
            }
            let state: Option<i64> = (self
                .tx
                .prepare_cached("SELECT state FROM items WHERE rid = ?1")?)
            .query_row([rid], |row| row.get(0))?;
            let waiting = [State::NeedsReply, State::Snoozed].map(|s| Some(s.code()));
            if !waiting.contains(&state) {
                continue;
            }
            // The platform's last word, already heard: the item waits since
            // because the user put it back (a file imported again).
            let heard: bool = self
                .tx
                .prepare_cached(
                    "SELECT l.new_reason IS 'removed' FROM log l JOIN actions a ON a.aid = l.aid
                     WHERE l.rid = ?1 AND a.actor = 'import' ORDER BY l.seq DESC LIMIT 1",
                )?
                .query_row([rid], |row| row.get(0))
                .optional()?
                .unwrap_or(false);
            if heard {
                continue;
            }
            let aid = self.session_action(Actor::Import)?;
            if actions::dismiss(&self.tx, aid, rid, self.now, DismissReason::Removed, false)? {
                self.counts.withdrawn += 1;
            }
        }
        Ok(())
    }

    /// Puts an item withdrawn by an earlier import back in the queue: the
    /// platform shows it again (a comment held as spam, then approved). In
    /// a thread muted since, it is dismissed as muted, as is what arrives.
    fn reinstate(&mut self, rid: i64, muted: bool) -> Result<()> {
        let aid = self.session_action(Actor::Import)?;
        // Snoozed when it was withdrawn, until a time still to come: the
        // user's snooze stands. A reply of the owner's (come while it was
        // away, too) answers it, as of when it was written.
        let snoozed = actions::snooze_cut_short(&self.tx, rid, DismissReason::Removed, self.now)?;
        let replied = actions::recompute_first_reply(&self.tx, rid)?;
        let (state, reason, until, decided, at) = match (snoozed, replied) {
            _ if muted => (
                State::Dismissed,
                Some(DismissReason::Muted),
                None,
                false,
                self.now,
            ),
            (_, Some(first)) => {
                let at = DateTime::from_timestamp(first, 0).unwrap_or(self.now);
                (State::Answered, None, None, false, at)
            }
            (Some((until, decided)), None) => {
                (State::Snoozed, None, Some(until), decided, self.now)
            }
            (None, None) => (State::NeedsReply, None, None, false, self.now),
        };
        if actions::set_state(&self.tx, aid, rid, at, state, reason, until, decided)? && !muted {
            self.counts.reinstated += 1;
            if state == State::Answered {
                self.pending.answered.insert(rid);
            }
        }
        Ok(())
    }

    /// When the item `rid`, in a muted thread, is dismissed as arriving
    /// there (as [`Self::dismiss_in_muted`] dates it); `None` when its
    /// thread is not muted.
    fn dismissed_in_muted_at(&self, rid: i64) -> Result<Option<DateTime<Utc>>> {
        let at: Option<i64> = self
            .tx
            .prepare_cached(
                "SELECT MAX(i.created_at, t.muted_at) FROM items i
                 JOIN threads t ON t.platform = i.platform AND t.thread_id = i.thread_id
                 WHERE i.rid = ?1 AND t.muted_at IS NOT NULL",
            )?
            .query_row([rid], |row| row.get(0))
            .optional()?;
        Ok(at.map(|t| DateTime::from_timestamp(t, 0).unwrap_or(self.now)))
    }

    /// What an item a reply answered was before that answer, when the
    /// answer is the last change it had: snoozed (with the user's snooze
    /// still to run) or put back by the user; else waiting, undecided.
    fn before_the_answer(&self, rid: i64) -> Result<(State, Option<DateTime<Utc>>, bool)> {
        type Row = (Option<i64>, Option<i64>, bool);
        // The change before the answer (the snooze, the put-back) not
        // taken back since (an undo the answer refused).
        let last: Option<Row> = self
            .tx
            .prepare_cached(
                "SELECT l.old_state, l.old_snooze, l.old_decided FROM log l
                 JOIN actions a ON a.aid = l.aid
                 WHERE l.seq = (SELECT MAX(seq) FROM log WHERE rid = ?1)
                     AND l.new_state = 1 AND a.actor = 'import'
                     AND NOT EXISTS (
                         SELECT 1 FROM log p JOIN actions b ON b.aid = p.aid
                         WHERE p.seq = (SELECT MAX(seq) FROM log WHERE rid = ?1 AND seq < l.seq)
                             AND b.undone_at IS NOT NULL)",
            )?
            .query_row([rid], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?;
        let until = |t: Option<i64>| t.and_then(|t| DateTime::from_timestamp(t, 0));
        Ok(match last {
            Some((Some(3), snooze, decided)) if until(snooze).is_some_and(|u| u > self.now) => {
                (State::Snoozed, until(snooze), decided)
            }
            Some((Some(0), _, true)) => (State::NeedsReply, None, true),
            _ => (State::NeedsReply, None, false),
        })
    }

    /// Whether the user's standing decision on the item `id` was taken over
    /// the answer of a reply written at `at` (put back in the queue while
    /// that reply answered it: answered as of then).
    fn decided_over_it(&self, platform: &str, id: &str, at: i64) -> Result<bool> {
        let old: Option<(Option<i64>, Option<i64>)> = self
            .tx
            .prepare_cached(
                "SELECT l.old_state, l.old_state_at FROM items i JOIN log l ON l.rid = i.rid
                 JOIN actions a ON a.aid = l.aid
                 WHERE i.platform = ?1 AND i.id = ?2 AND a.actor = 'user'
                     AND a.undone_at IS NULL
                 ORDER BY l.seq DESC LIMIT 1",
            )?
            .query_row(params![platform, id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        Ok(old == Some((Some(State::Answered.code()), Some(at))))
    }

    /// Brings the parents of the own replies that moved up to date with
    /// where each ended: the first reply of the one it answers is worked
    /// out again (it is answered), and the one it left may have none left.
    fn link_moved(&mut self) -> Result<()> {
        for (rid, (platform, before)) in std::mem::take(&mut self.moved) {
            // Still there: only items the file did not show are withdrawn.
            let (parent, created): (Option<String>, i64) = self
                .tx
                .prepare_cached("SELECT parent_id, created_at FROM items WHERE rid = ?1")?
                .query_row([rid], |row| Ok((row.get(0)?, row.get(1)?)))?;
            let left_known = match before.as_ref().filter(|&b| Some(b) != parent.as_ref()) {
                Some(left) => self.link_to(&platform, left, None, false)? != Parent::Unknown,
                None => false,
            };
            // A reply new in this session was counted when its first copy
            // found its parent.
            let counted = left_known && rid > self.repeats.base_rid;
            if let Some(parent) = &parent {
                let at = DateTime::from_timestamp(created, 0).unwrap_or(self.now);
                // Stored under this parent before, or back to one the user
                // put back from answered (over a reply: this one, maybe):
                // the decision stands. Come from another onto an item the
                // user snoozed or put back unanswered, it is a new reply.
                let known = rid <= self.repeats.base_rid
                    && (before.as_ref() == Some(parent)
                        || self.decided_over_it(&platform, parent, created)?);
                let found = self.link_to(&platform, parent, Some(at), known)?;
                if before.as_ref() != Some(parent) && !counted {
                    self.count_linked(found);
                }
            }
        }
        Ok(())
    }

    /// Links the own comments that name no parent, in the flat threads this
    /// session changed, to the item each follows (see `flat`).
    fn link_flat_threads(&mut self) -> Result<()> {
        for (platform, thread) in std::mem::take(&mut self.flat_changed) {
            for reply in super::flat::infer_parents(&self.tx, &platform, Some(&thread))? {
                // Judged again: it has an addressee now.
                self.pending.replies.insert(reply.rid);
                let found = self.link_inferred(&reply, false)?;
                self.count_linked(found);
            }
        }
        let mentions = std::mem::take(&mut self.mentions).into_iter().collect();
        for rid in super::flat::in_time_order(&self.tx, mentions)? {
            let stored = self.re_mentions.remove(&rid);
            let before: Option<String> = match &stored {
                Some(answered) => Some(answered.clone()),
                None => (self.tx).query_row(
                    "SELECT parent_id FROM items WHERE rid = ?1",
                    [rid],
                    |row| row.get(0),
                )?,
            };
            // The parent it was given meanwhile (the comment above, by
            // `note_later_mentions`): left by it, it may answer nothing.
            let meanwhile: Option<String> = (self.tx).query_row(
                "SELECT parent_id FROM items WHERE rid = ?1",
                [rid],
                |row| row.get(0),
            )?;
            if let Some(reply) = super::flat::resolve_mention(&self.tx, rid)? {
                // Judged again in any case: its parent may have come in
                // this import.
                self.pending.replies.insert(rid);
                if let Some(top) =
                    meanwhile.filter(|m| *m != reply.parent_id && before.as_ref() != Some(m))
                {
                    self.link_to(&reply.platform, &top, None, false)?;
                }
                // The one it answered before may have no reply left.
                if let Some(left) = before.filter(|b| *b != reply.parent_id) {
                    self.link_to(&reply.platform, &left, None, false)?;
                }
                // Linked again all the same (another reply's move may have
                // left it unanswered meanwhile); counted when it moved.
                // Back on the item it answered (its words edited): a
                // decision the user took with it there stands.
                let kept =
                    rid <= self.repeats.base_rid && stored.as_ref() == Some(&reply.parent_id);
                let found = self.link_inferred(&reply, kept)?;
                // Or its parent came in this import (it answered nothing
                // stored before).
                let parent_rid: Option<i64> = (self.tx)
                    .query_row(
                        "SELECT rid FROM items WHERE platform = ?1 AND id = ?2",
                        params![reply.platform, reply.parent_id],
                        |row| row.get(0),
                    )
                    .optional()?;
                let parent_new = parent_rid.is_some_and(|p| p > self.repeats.base_rid)
                    && rid <= self.repeats.base_rid;
                let moved = stored.is_none_or(|s| s != reply.parent_id) || parent_new;
                if moved && !self.counted.contains(&rid) {
                    self.count_linked(found);
                }
            }
        }
        Ok(())
    }

    /// Links an own reply given its parent to it, as of when it was written.
    fn link_inferred(&mut self, reply: &super::flat::Inferred, known: bool) -> Result<Parent> {
        let at = DateTime::from_timestamp(reply.created_at, 0).unwrap_or(self.now);
        self.link_to(&reply.platform, &reply.parent_id, Some(at), known)
    }

    /// Completes the import and commits it, or (dry run) rolls it all back.
    /// Returns the counts and how many items need a reply afterwards.
    pub fn finish(self, commit: bool) -> Result<(Counts, u64)> {
        let (counts, needs_reply, ()) = self.finish_unless(commit, None, |_| Ok(()))?;
        Ok((counts, needs_reply))
    }

    /// [`Self::finish`], but rolled back with an error when `stop` is set
    /// by the time it would commit (a signal came while it worked); and
    /// `inspect` reads the database as the import leaves it, before it is
    /// committed or rolled back (what a dry run would have made).
    pub fn finish_unless<T>(
        mut self,
        commit: bool,
        stop: Option<&std::sync::atomic::AtomicBool>,
        inspect: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<(Counts, u64, T)> {
        let bulk = self.bulk.take();
        match &bulk {
            Some(bulk) => {
                self.counts.own_replies_linked = bulk.link_and_index(&self.tx)?;
                // Counted with their linked states; the rules change some.
                if self.apply_rules()? > 0 {
                    self.tx.execute_batch(super::schema::RECOUNT_AUTHORS)?;
                }
            }
            None => {
                self.link_moved()?;
                self.link_flat_threads()?;
                self.apply_rules()?;
            }
        }
        if let Some(fts) = self.fts.take().filter(|_| commit) {
            fts.finish(&self.tx)?;
        }
        // Nothing pending (a re-import of known items): the analysis
        // settings stay unread, and so unparsed.
        if commit && !self.pending.is_empty() {
            super::analysis::refresh(&self.tx, self.cfg, std::mem::take(&mut self.pending))?;
        }
        if let Some(bulk) = bulk {
            bulk.restore_triggers(&self.tx)?;
        }
        // A snooze that has run out (an export brings some back) wakes when
        // next read: it needs a reply already.
        let needs_reply = super::stats::needs_reply(&self.tx)?
            + super::stats::due_snoozes(&self.tx, self.now.timestamp())?;
        self.counts.threads_updated = self.threads_updated()?;
        // Later transactions on this connection keep temporary data in files.
        self.tx.pragma_update(None, "temp_store", "DEFAULT")?;
        if stop.is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed)) {
            anyhow::bail!("interrupted: nothing of it imported");
        }
        let seen = inspect(&self.tx)?;
        if commit {
            self.tx.commit()?;
        } else {
            self.tx.rollback()?;
        }
        if let Some(conn) = self.wal_after {
            super::to_wal(conn)?;
        }
        Ok((self.counts, needs_reply, seen))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journal(conn: &Connection) -> String {
        conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("journal mode")
    }

    /// Imports one comment, checking the journal mode its transaction writes with.
    fn import_one(store: &mut Store, id: &str, writes_with: &str) {
        let now = DateTime::from_timestamp(1_800_000_000, 0).expect("now");
        let mut imp = store.begin_import(now).expect("begin");
        assert_eq!(journal(&imp.tx), writes_with);
        let r = Record::new("youtube", id, "joe", "Love the coupon", now);
        imp.add(&r, false, None).expect("add");
        imp.finish(true).expect("commit");
    }

    /// A first import into a file this process made writes it with a
    /// rollback journal, then leaves it in WAL mode; later imports, and a
    /// first one into a file that was there before, write to the WAL.
    #[test]
    fn a_first_import_into_a_file_made_here_writes_it_once() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        let mut made = Store::open(&path).expect("made");
        import_one(&mut made, "c1", "delete");
        assert_eq!(journal(&made.conn), "wal");
        import_one(&mut made, "c2", "wal");
        drop(made);
        let again = Store::open(&path).expect("opened");
        assert_eq!(again.needs_reply_count().expect("count"), 2);
        let path = dir.path().join("b.db");
        drop(Store::open(&path).expect("made"));
        import_one(&mut Store::open(&path).expect("there before"), "c1", "wal");
    }

    /// Someone who opened the new file before its first import (a review
    /// started at that moment) keeps it in WAL mode, and sees the import.
    #[test]
    fn a_new_file_opened_elsewhere_stays_in_wal_mode() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        let mut made = Store::open(&path).expect("made");
        let other = Store::open(&path).expect("other");
        import_one(&mut made, "c1", "wal");
        assert_eq!(other.needs_reply_count().expect("count"), 1);
    }
}
