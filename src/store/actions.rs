//! What the user (or a rule) does to items: mark, dismiss, snooze, mute,
//! reply; every change logged under one action so that `undo` can take the
//! whole action back, also after a restart.

use super::{Store, ts};
use crate::model::{Actor, DismissReason, State};
use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// The items a command names: one, or `-` for those listed on standard
/// input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Items {
    One(ItemRef),
    Stdin,
}

impl std::str::FromStr for Items {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "-" => Ok(Items::Stdin),
            _ => s.parse().map(Items::One),
        }
    }
}

/// An item addressed as `platform:id` on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRef {
    pub platform: String,
    pub id: String,
}

impl std::str::FromStr for ItemRef {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ItemRef::parse_as(s, "id", "youtube:UgxKREWq, wordpress:1185")
    }
}

impl ItemRef {
    /// A thread, as `mute` and `unmute` name one.
    pub fn thread(s: &str) -> Result<ItemRef, String> {
        ItemRef::parse_as(s, "thread's id", "wordpress:412, youtube:dQw4w9WgXcQ")
    }

    /// A person, as `person` names one.
    pub fn person(s: &str) -> Result<ItemRef, String> {
        ItemRef::parse_as(
            s,
            "handle",
            "youtube:@joeramos_brews, mastodon:kim@x.social",
        )
    }

    /// `platform:id`, where the id is a `what` (examples: `examples`).
    fn parse_as(s: &str, what: &str, examples: &str) -> Result<ItemRef, String> {
        // An import refuses ids with control or invisible characters: one
        // typed with them names no item (cleaned, it would name another).
        if !crate::text::is_clean(s) {
            return Err(format!(
                "{} holds a control or invisible character",
                crate::text::quoted_to_the_letter(s)
            ));
        }
        // Composed as an import composes them (NFC), without spaces around:
        // "café" typed decomposed is the "café" stored.
        let clean = |part: &str| crate::text::sanitize(part).trim().to_owned();
        // Platform names have no colon; ids may (Bluesky AT-URIs).
        let missing = match s.split_once(':') {
            None => "has no colon".to_owned(),
            Some((p, id)) => {
                // An id as `list --csv` guards it from spreadsheets (`'-dQw4`).
                let id = crate::import::canonical::unguarded(id.trim());
                let (platform, id) = (clean(p).to_lowercase(), clean(id));
                match (platform.is_empty(), id.is_empty()) {
                    (false, false) => return Ok(ItemRef { platform, id }),
                    (true, _) => "names no platform".to_owned(),
                    (false, true) => format!("names no {what}"),
                }
            }
        };
        Err(format!(
            "{} {missing}: write the platform, a colon, then the {what} (e.g. {examples})",
            crate::text::quoted(&crate::text::one_line(s))
        ))
    }
}

impl std::fmt::Display for ItemRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.platform, self.id)
    }
}

/// The change an action makes to each item it touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Answered,
    NeedsReply,
    Dismissed(DismissReason),
    /// Dismissed, each item with the reason its flags give
    /// ([`DismissReason::of_flags`], else other).
    DismissedByFlags,
    Snoozed(DateTime<Utc>),
}

/// What marking answered an item a reply answered does, said (by `ackbox
/// mark` and the review's `a`): the answer is the user's decision too.
pub const MARKED_OVER_A_REPLY: &str = "answered already by your reply; marked answered too: it \
    stays answered if that reply is moved or deleted";

impl Change {
    /// What the items became, for messages: "marked answered", "dismissed
    /// (spam)", "snoozed until Mon  7 Dec 09:00" (local time).
    pub fn done(self, now: DateTime<Utc>) -> String {
        match self {
            Change::Answered => "marked answered".to_owned(),
            Change::NeedsReply => "back in the queue".to_owned(),
            Change::Dismissed(r) => format!("dismissed ({})", r.as_str()),
            Change::DismissedByFlags => "dismissed (each as its flags say)".to_owned(),
            Change::Snoozed(t) => format!("snoozed until {}", crate::when::shown(t, now)),
        }
    }

    /// The state, dismissal reason and snooze time it sets.
    fn parts(self) -> (State, Option<DismissReason>, Option<DateTime<Utc>>) {
        match self {
            Change::Answered => (State::Answered, None, None),
            Change::NeedsReply => (State::NeedsReply, None, None),
            Change::Dismissed(r) => (State::Dismissed, Some(r), None),
            // Each item's own: see `change_all`.
            Change::DismissedByFlags => (State::Dismissed, None, None),
            Change::Snoozed(t) => (State::Snoozed, None, Some(t)),
        }
    }
}

/// Applies `change` to incoming items as one undoable user action, then
/// brings their analysis up to date and commits. Returns how many changed.
pub(crate) fn change_all(
    tx: Transaction,
    cfg: &crate::analysis::AnalysisConfig,
    rids: &[i64],
    change: Change,
    now: DateTime<Utc>,
) -> Result<usize> {
    let (state, reason, snooze) = change.parts();
    // The action is named after the state it sets.
    let aid = new_action(&tx, now, Actor::User, state.as_str(), None, None)?;
    let mut changed = 0;
    for &rid in rids {
        let reason = match change {
            Change::DismissedByFlags => Some(flagged_reason(&tx, rid)?),
            _ => reason,
        };
        // "needs reply" set by hand is a decision too: imports leave it alone.
        changed += usize::from(set_state(&tx, aid, rid, now, state, reason, snooze, true)?);
    }
    if changed == 0 {
        // Nothing to take back: `undo` goes to the action before.
        tx.execute("DELETE FROM actions WHERE aid = ?1", [aid])?;
    }
    super::analysis::commit(tx, cfg, rids, &[], &[])?;
    Ok(changed)
}

/// The reason an item's flags give it, else other.
fn flagged_reason(tx: &Transaction, rid: i64) -> rusqlite::Result<DismissReason> {
    let flags: Option<u16> = tx
        .prepare_cached("SELECT flags FROM items WHERE rid = ?1")?
        .query_row([rid], |r| r.get(0))
        .optional()?;
    Ok(flags
        .and_then(DismissReason::of_flags)
        .unwrap_or(DismissReason::Other))
}

/// The kind of the action that wakes snoozes that ran out.
pub(crate) const WAKE: &str = "wake";

/// What `undo` took back, for the message shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    pub kind: String,
    pub items: usize,
    pub at: DateTime<Utc>,
    /// The items whose state was taken back (or, `changed_since`, would
    /// have been), the last changed first.
    pub rids: Vec<i64>,
    /// Whose VIP tag or note was given back, as `author (platform)`.
    pub person: Option<String>,
    /// A reply taken back: the item it answered, whose draft its text is
    /// now (to write it again without typing it again).
    pub reply: Option<i64>,
    /// Every item it changed has been changed since, by an import: none
    /// was taken back.
    pub changed_since: bool,
    /// Items it changed that an import has changed since, left as they are
    /// (the others were taken back).
    pub left: usize,
    /// Items taken back that a reply imported since answers: answered,
    /// not waiting as they were.
    pub answered_since: usize,
    /// Replies written here after it that an import found posted since:
    /// passed over (no longer the user's to take back), which is said.
    pub posted_since: usize,
}

impl Undone {
    /// What was taken back: "dismissed (3 items)", "VIP tag of sofia (wordpress)".
    pub fn what(&self) -> String {
        match &self.person {
            Some(who) => format!("{} of {who}", self.kind),
            None => format!(
                "{} ({})",
                self.kind,
                crate::text::counted(self.items as u64, "item", "items")
            ),
        }
    }
}

/// How an action names the thread it muted.
pub(crate) fn thread_key(platform: &str, thread_id: &str) -> String {
    format!("{platform}\u{1f}{thread_id}")
}

pub(crate) fn new_action(
    tx: &Transaction,
    at: DateTime<Utc>,
    actor: Actor,
    kind: &str,
    reply_rid: Option<i64>,
    thread: Option<&str>,
) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO actions (at, actor, kind, reply_rid, thread) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        at.timestamp(),
        actor.as_str(),
        kind,
        reply_rid,
        thread
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Fails with "no thread" for a thread that no item and no title names.
fn known_thread(conn: &rusqlite::Connection, platform: &str, thread_id: &str) -> Result<()> {
    let known: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM items WHERE platform = ?1 AND thread_id = ?2)
             OR EXISTS(SELECT 1 FROM threads WHERE platform = ?1 AND thread_id = ?2)",
        params![platform, thread_id],
        |r| r.get(0),
    )?;
    if known {
        return Ok(());
    }
    // An item's id given for its thread's: which thread to name instead.
    let thread_of_item: Option<String> = conn
        .query_row(
            "SELECT thread_id FROM items WHERE platform = ?1 AND id = ?2 AND thread_id IS NOT NULL",
            params![platform, thread_id],
            |r| r.get(0),
        )
        .optional()?;
    let named = crate::text::file_name(&format!("{platform}:{thread_id}"));
    match thread_of_item {
        Some(thread) => bail!(
            "no thread {named}: that is an item, in the thread {platform}:{}",
            crate::text::one_line(&thread)
        ),
        None => bail!(
            "no thread {named} (`ackbox list --state all --json` gives each item's thread_id)"
        ),
    }
}

/// A reply or draft is kept up to what an import reads of a comment: else
/// the database's export could not be imported back.
pub(crate) fn importable(body: &str) -> Result<()> {
    let max = crate::import::MAX_BODY;
    anyhow::ensure!(
        body.len() <= max,
        "{:.1} MiB of text: a reply is kept up to {} MiB, as a comment is (an export must \
         import back)",
        body.len() as f64 / f64::from(1 << 20),
        max >> 20
    );
    Ok(())
}

/// Keeps `body` as the draft of a reply to the item `rid`, or forgets it.
pub(crate) fn set_draft(conn: &Connection, rid: i64, body: Option<&str>) -> rusqlite::Result<()> {
    match body {
        Some(body) => conn
            .prepare_cached("INSERT OR REPLACE INTO drafts (rid, body) VALUES (?1, ?2)")?
            .execute(params![rid, body]),
        None => conn
            .prepare_cached("DELETE FROM drafts WHERE rid = ?1")?
            .execute([rid]),
    }
    .map(drop)
}

/// [`set_state`] to dismissed, for `reason`, by the action `aid` at `at`.
pub(crate) fn dismiss(
    tx: &Transaction,
    aid: i64,
    rid: i64,
    at: DateTime<Utc>,
    reason: DismissReason,
    decided: bool,
) -> rusqlite::Result<bool> {
    set_state(
        tx,
        aid,
        rid,
        at,
        State::Dismissed,
        Some(reason),
        None,
        decided,
    )
}

/// The snooze an automatic dismissal (`by`: a mute, a removal on the
/// platform) cut short, and whether the user decided it, while it still
/// runs after `now`: the dismissal is the item's last change that stands
/// (a change undone and its undo aside: an unmute undone, a mark inside
/// the mute undone), and the snooze was not taken back since (an undo the
/// dismissal refused).
pub(crate) fn snooze_cut_short(
    tx: &Transaction,
    rid: i64,
    by: DismissReason,
    now: DateTime<Utc>,
) -> Result<Option<(DateTime<Utc>, bool)>> {
    let cut: Option<(Option<i64>, bool)> = tx
        .prepare_cached(
            "SELECT c.old_snooze, c.old_decided FROM log c WHERE c.rid = ?1 AND c.new_reason = ?2
             AND c.old_state = 3 AND c.seq = (
                 SELECT MAX(l.seq) FROM log l JOIN actions a ON a.aid = l.aid
                 WHERE l.rid = ?1 AND a.undone_at IS NULL AND a.kind <> 'undo')
             AND NOT EXISTS (
                 SELECT 1 FROM log s JOIN actions a ON a.aid = s.aid
                 WHERE s.seq = (SELECT MAX(seq) FROM log WHERE rid = ?1 AND new_state = 3 AND seq < c.seq)
                     AND a.undone_at IS NOT NULL)",
        )?
        .query_row(params![rid, by.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(cut
        .and_then(|(until, decided)| Some((ts(until?), decided)))
        .filter(|(until, _)| *until > now))
}

/// Dates an item's state at `at` (the time it was reached, where a change
/// brings it back). Cached: undo and unmute ask it of every item they
/// change, and a statement on `items` compiles its triggers (a bulk undo of
/// 81,000 items spent 12 s of 16 compiling it).
fn set_state_at(tx: &Transaction, rid: i64, at: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("UPDATE items SET state_at = ?2 WHERE rid = ?1")?
        .execute(params![rid, at])?;
    Ok(())
}

/// Moves one item to a state and logs the change. No-op when nothing changes.
#[allow(clippy::too_many_arguments)]
pub(crate) fn set_state(
    tx: &Transaction,
    aid: i64,
    rid: i64,
    at: DateTime<Utc>,
    state: State,
    reason: Option<DismissReason>,
    snooze: Option<DateTime<Utc>>,
    decided: bool,
) -> rusqlite::Result<bool> {
    type Current = (
        Option<i64>,
        Option<String>,
        Option<i64>,
        bool,
        Option<i64>,
        Option<i64>,
    );
    let cur: Option<Current> = tx
        .prepare_cached(
            "SELECT state, reason, snoozed_until, decided, state_at, first_reply_at
             FROM items WHERE rid = ?1",
        )?
        .query_row([rid], |r| r.try_into())
        .optional()?;
    let Some((old_state, old_reason, old_snooze, old_decided, old_state_at, replied)) = cur else {
        return Ok(false);
    };
    let Some(old_state) = old_state else {
        return Ok(false);
    }; // own replies have no state
    let reason = reason.map(|r| r.as_str().to_owned());
    let snooze = snooze.map(|t| t.timestamp());
    // Waiting is waiting: an item put back in the queue that waits already
    // does not change (nor become the user's decision, which a reply found
    // later would leave waiting).
    if old_state == state.code()
        && old_reason == reason
        && old_snooze == snooze
        && (old_decided == decided || state == State::NeedsReply)
    {
        return Ok(false);
    }
    // The state's time is when it was reached: marking an answered item
    // answered again, or another dismissal reason, does not move it; an
    // item a reply answers was answered by it (put back in the queue and
    // marked answered again, it is not today's work).
    let state_at = match (old_state_at, replied) {
        (Some(t), _) if old_state == state.code() => t,
        (_, Some(r)) if state == State::Answered => r.min(at.timestamp()),
        _ => at.timestamp(),
    };
    tx.prepare_cached(
        "UPDATE items SET state = ?2, reason = ?3, snoozed_until = ?4, state_at = ?5, decided = ?6
         WHERE rid = ?1",
    )?
    .execute(params![
        rid,
        state.code(),
        reason,
        snooze,
        state_at,
        decided
    ])?;
    tx.prepare_cached(
        "INSERT INTO log (aid, rid, at, old_state, old_reason, old_snooze, old_decided,
                          new_state, new_reason, new_snooze, old_state_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        aid,
        rid,
        at.timestamp(),
        old_state,
        old_reason,
        old_snooze,
        old_decided,
        state.code(),
        reason,
        snooze,
        old_state_at
    ])?;
    Ok(true)
}

/// The earliest own reply to an item, after replies were added or removed.
pub(crate) fn recompute_first_reply(tx: &Transaction, rid: i64) -> rusqlite::Result<Option<i64>> {
    tx.prepare_cached(
        "UPDATE items SET first_reply_at = (
             SELECT MIN(r.created_at) FROM items r INDEXED BY items_parent
             WHERE r.platform = items.platform AND r.parent_id = items.id AND r.own = 1)
         WHERE rid = ?1 RETURNING first_reply_at",
    )?
    .query_row([rid], |r| r.get(0))
}

/// A user's action on a thread (`kind`: mute, unmute), and the items of
/// the thread it changes (`items`: SQL from `FROM`, see [`THREAD_WAITING`]).
fn thread_action(
    tx: &Transaction,
    platform: &str,
    thread_id: &str,
    kind: &str,
    items: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<(i64, Vec<i64>)> {
    let key = thread_key(platform, thread_id);
    let aid = new_action(tx, now, Actor::User, kind, None, Some(&key))?;
    let rids = tx
        .prepare(&format!("SELECT rid {items}"))?
        .query_map(params![platform, thread_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((aid, rids))
}

/// The items of a muted thread that unmuting brings back: those its mute
/// dismissed (now, or as they arrived) that no reply has answered since,
/// and those the user had put back in the queue despite their reply ("let
/// me check"), waiting or snoozed, when the mute dismissed them (see
/// [`REOPENED`]).
const THREAD_MUTED: &str = "FROM items i WHERE platform = ?1 AND thread_id = ?2 AND state = 2
     AND reason = 'muted' AND (first_reply_at IS NULL OR EXISTS (
         SELECT 1 FROM log l WHERE l.rid = i.rid AND l.new_reason = 'muted'
             AND l.old_state IN (0, 3) AND l.old_decided AND l.at >= i.first_reply_at
             AND l.seq = (SELECT MAX(seq) FROM log WHERE rid = i.rid)))";

/// Whether a muted item of [`THREAD_MUTED`] was put back in the queue by
/// the user despite its reply: it has one.
const REOPENED: &str = "SELECT first_reply_at IS NOT NULL FROM items WHERE rid = ?1";

/// The row ids of the items unmuting the thread brings back (or a rule dismisses).
fn muted_items(conn: &Connection, platform: &str, thread_id: &str) -> rusqlite::Result<Vec<i64>> {
    conn.prepare_cached(&format!("SELECT rid {THREAD_MUTED}"))?
        .query_map(params![platform, thread_id], |r| r.get(0))?
        .collect()
}

/// The reason the first matching rule gives an item that a mute dismissed
/// as it arrived (no change that stands has had it waiting: the rules
/// applied at arrival passed it by), `None` for any other.
fn arrival_rule(
    conn: &Connection,
    rules: &[crate::config::Rule],
    rid: i64,
) -> rusqlite::Result<Option<DismissReason>> {
    if rules.is_empty() {
        return Ok(None);
    }
    let item: Option<(String, String, u16)> = conn
        .prepare_cached(
            "SELECT platform, body, flags FROM items i
             WHERE rid = ?1 AND NOT EXISTS (
                 SELECT 1 FROM log l JOIN actions a ON a.aid = l.aid
                 WHERE l.rid = i.rid AND a.undone_at IS NULL
                     AND (l.old_state IN (0, 3) OR l.new_state IN (0, 3)))",
        )?
        .query_row([rid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(item.and_then(|(platform, body, flags)| {
        (rules.iter())
            .find(|rule| rule.matches(&platform, &body, flags))
            .map(|rule| rule.reason())
    }))
}

/// The items of a thread in the state `state` (SQL) that its mute or
/// unmute `aid` did not change: those that arrived since, which its undo
/// takes back too.
fn arrived_since(
    tx: &Transaction,
    platform: &str,
    thread_id: &str,
    aid: i64,
    state: &str,
) -> rusqlite::Result<Vec<i64>> {
    tx.prepare(&format!(
        "SELECT rid FROM items WHERE platform = ?1 AND thread_id = ?2 AND {state}
         AND rid NOT IN (SELECT rid FROM log WHERE aid = ?3)"
    ))?
    .query_map(params![platform, thread_id, aid], |r| r.get(0))?
    .collect()
}

/// Items a mute dismissed (then, or as they arrived).
const DISMISSED_MUTED: &str = "state = 2 AND reason = 'muted'";

/// Items waiting for a reply by no decision of the user's: those a mute
/// dismisses as they arrive.
const WAITING_UNDECIDED: &str = "state = 0 AND decided = 0";

/// When the mute of the thread ?4 (its [`thread_key`]) that an unmute ?5
/// ended was: the latest before it not undone. None for a mute carried
/// from another thread (a conversation that moved): then the unmute's.
const MUTE_THAT_STANDS: &str = "SELECT at FROM actions
     WHERE kind = 'mute' AND thread = ?4 AND undone_at IS NULL AND aid < ?5
     ORDER BY aid DESC LIMIT 1";

/// The items of a thread that muting dismisses: those waiting for a reply
/// (needs reply, snoozed).
const THREAD_WAITING: &str =
    "FROM items WHERE platform = ?1 AND thread_id = ?2 AND state IN (0, 3)";

/// The action `undo` takes back (SQL, after the columns), of those `$only`
/// names too. A reply written here that an import has since found on the
/// platform (its row took the platform's id) is posted: it is no longer
/// the user's to take back.
macro_rules! undoable {
    ($only:literal) => {
        concat!(
            "FROM actions
     WHERE undone_at IS NULL AND actor <> 'import' AND kind NOT IN ('undo', 'wake') ",
            $only,
            "
       AND NOT EXISTS (SELECT 1 FROM items r WHERE r.rid = actions.reply_rid
                       AND r.id NOT LIKE 'ackbox:%')
     ORDER BY aid DESC LIMIT 1"
        )
    };
}

const UNDOABLE: &str = undoable!("");

/// [`UNDOABLE`], of the replies written here.
const UNDOABLE_REPLY: &str = undoable!("AND actor = 'user' AND kind = 'reply'");

/// How many replies written here after action ?1 an import found posted
/// since: passed over by undo.
const POSTED_SINCE: &str = "SELECT COUNT(*) FROM actions a JOIN items r ON r.rid = a.reply_rid
     WHERE a.aid > ?1 AND a.undone_at IS NULL AND r.id NOT LIKE 'ackbox:%'";

/// What follows an undo's message when it passed over `n` posted replies.
fn posted_said(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => "; your reply since is posted on the platform: no undo takes it back".to_owned(),
        n => {
            format!("; your {n} replies since are posted on the platform: no undo takes them back")
        }
    }
}

impl Store {
    /// What an undo took back, one item named (`answered (youtube:c1
    /// "the comment…")`), so that one sees what came back.
    /// What an undo did, said: "undone: dismissed (youtube:c1 "…"){from}", or
    /// that it took nothing back, every item having been changed since by
    /// an import (`from`: what follows the action's name, its time).
    pub fn undone_said(&self, u: &Undone, from: &str) -> Result<String> {
        let named = self.undone_named(u)?;
        // Taken back, but answered by a reply found since: not waiting.
        let answered = match u.answered_since {
            0 => String::new(),
            _ if u.items == 1 => "; it stays answered: a reply since answers it".to_owned(),
            1 => "; 1 stays answered by a reply since".to_owned(),
            n => format!("; {n} stay answered by replies since"),
        };
        // Pressed right after a reply, the undo went past it: said why.
        let answered = answered + &posted_said(u.posted_since);
        Ok(match u.changed_since {
            true => format!(
                "nothing undone: {named}{from} {} changed since by an import: what the platform \
                 says stands",
                if u.items == 1 { "was" } else { "were" }
            ),
            false if u.left > 0 => {
                format!(
                    "undone: {named}{from}; {} changed since by an import: what the platform says \
                 stands",
                    match u.left {
                        1 => "1 other was".to_owned(),
                        n => format!("{n} others were"),
                    }
                ) + &answered
            }
            false => format!("undone: {named}{from}{answered}"),
        })
    }

    /// Why an undo took nothing back: the replies written here, posted
    /// since, are why if there are any (no undo takes them back).
    pub fn nothing_to_undo_said(&self) -> Result<String> {
        let posted: usize = self.conn.query_row(POSTED_SINCE, [0], |r| r.get(0))?;
        Ok(match posted {
            0 => "nothing to undo".to_owned(),
            _ => "nothing to undo: your replies are posted on the platform, and no undo takes \
                  them back"
                .to_owned(),
        })
    }

    fn undone_named(&self, u: &Undone) -> Result<String> {
        use crate::text::{one_line, truncate};
        Ok(match (&u.person, u.rids.as_slice()) {
            (None, &[rid]) if u.items == 1 => match self.item(rid)? {
                Some(i) => format!(
                    "{} ({}:{} \"{}\")",
                    u.kind,
                    one_line(&i.platform),
                    one_line(&i.id),
                    truncate(&one_line(&i.body), 40)
                ),
                None => u.what(),
            },
            _ => u.what(),
        })
    }

    /// The action `undo` would take back first, and the newest reply
    /// written here it could, if any.
    pub fn newest_undoable(&self) -> Result<(Option<i64>, Option<i64>)> {
        let newest = |sql: &str| -> Result<Option<i64>> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row([], |r| r.get(0))
                .optional()?)
        };
        Ok((
            newest(&format!("SELECT aid {UNDOABLE}"))?,
            newest(&format!("SELECT aid {UNDOABLE_REPLY}"))?,
        ))
    }

    /// Whether the next undo changes at most one item: a change of one item
    /// (not a muted thread, which brings back what arrived since).
    pub fn next_undo_is_small(&self) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT thread IS NULL
                        AND (SELECT COUNT(*) FROM (SELECT 1 FROM log l WHERE l.aid = a.aid LIMIT 2)) <= 1
                 FROM (SELECT aid, thread {UNDOABLE}) AS a"
            ))?
            .query_row([], |r| r.get(0))
            .optional()?
            .unwrap_or(true))
    }

    /// The reason of the user's latest dismissal (in the review or on the
    /// command line), a reason one chooses: what the next one suggests.
    pub fn last_dismissal_reason(&self) -> Result<Option<DismissReason>> {
        let reason: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT (SELECT new_reason FROM log l WHERE l.aid = a.aid LIMIT 1) FROM actions a
                 WHERE actor = 'user' AND kind = 'dismissed' ORDER BY aid DESC LIMIT 1",
            )?
            .query_row([], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(reason
            .and_then(|r| r.parse::<DismissReason>().ok())
            .filter(|r| r.is_chosen()))
    }

    /// Looks up an item's internal row id.
    pub fn rid_of(&self, item: &ItemRef) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT rid FROM items WHERE platform = ?1 AND id = ?2",
                params![item.platform, item.id],
                |r| r.get(0),
            )
            .optional()?
            .with_context(|| {
                format!(
                    "no item {} (`ackbox list --state all` lists every item's PLATFORM:ID)",
                    crate::text::file_name(&item.to_string())
                )
            })
    }

    /// Whether row `rid` is an own reply (which has no state to change).
    pub fn is_own(&self, rid: i64) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT own FROM items WHERE rid = ?1", [rid], |r| r.get(0))?)
    }

    /// Applies one change to the given items as a single undoable action.
    /// Returns how many items changed.
    pub fn apply(&mut self, rids: &[i64], change: Change, now: DateTime<Utc>) -> Result<usize> {
        let tx = super::deciding(&mut self.conn, &self.presence)?;
        for &rid in rids {
            let item: Option<(bool, Option<i64>, String, String)> = tx
                .query_row(
                    "SELECT own, state, platform, id FROM items WHERE rid = ?1",
                    [rid],
                    |r| r.try_into(),
                )
                .optional()?;
            match item {
                None => bail!("no item with row id {rid}"),
                Some((true, _, platform, id)) => {
                    bail!("{platform}:{id} is an own reply: it has no state to change")
                }
                // A snooze brings an item back to the queue: one already
                // answered (its reply exists) or dismissed has no place there.
                Some((false, Some(code), platform, id))
                    if matches!(change, Change::Snoozed(_))
                        && State::from_code(code).is_some_and(|s| !s.can_be_snoozed()) =>
                {
                    bail!(
                        "{}:{} is {}: only an item that needs a reply can be snoozed (put it back \
                         in the queue first: `ackbox mark ITEM needs-reply`, or N in the review)",
                        crate::text::sanitize(&platform),
                        crate::text::sanitize(&id),
                        State::from_code(code).map_or("closed", State::as_str)
                    )
                }
                Some(_) => {}
            }
        }
        change_all(tx, &self.analysis, rids, change, now)
    }

    /// [`Store::apply`] to items chosen in the review, each with the state
    /// the user saw: one whose state changed since (another window, a
    /// command, an import) is left as it is, and so is one a snooze cannot
    /// put off (answered, dismissed), as a snooze of everything a filter
    /// matches does. Returns how many changed, and how many had changed.
    pub fn apply_seen(
        &mut self,
        seen: &[(i64, State)],
        change: Change,
        now: DateTime<Utc>,
    ) -> Result<(usize, usize)> {
        // Read and written in one transaction: nothing changes between.
        let tx = super::deciding(&mut self.conn, &self.presence)?;
        let states: std::collections::HashMap<i64, i64> = tx
            .prepare_cached("SELECT rid, state FROM items WHERE rid IN rarray(?1) AND own = 0")?
            .query_map([super::rid_array(seen.iter().map(|s| s.0))], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // A snoozed item whose snooze ran out since is what was chosen still.
        let mut last_change = tx.prepare_cached(
            "SELECT a.kind FROM log l JOIN actions a ON a.aid = l.aid
             WHERE l.rid = ?1 ORDER BY l.seq DESC LIMIT 1",
        )?;
        let mut woke = |rid: i64| -> rusqlite::Result<bool> {
            let kind: Option<String> = last_change.query_row([rid], |r| r.get(0)).optional()?;
            Ok(kind.as_deref() == Some(WAKE))
        };
        let mut kept = Vec::new();
        let mut moved = Vec::new();
        for &(rid, state) in seen {
            let now_in = states.get(&rid).copied();
            let same = now_in == Some(state.code())
                || state == State::Snoozed
                    && now_in == Some(State::NeedsReply.code())
                    && woke(rid)?;
            match same {
                true => kept.push((rid, state)),
                false => moved.push(rid),
            }
        }
        drop(last_change);
        let rids: Vec<i64> = (kept.into_iter())
            .filter(|(_, state)| !matches!(change, Change::Snoozed(_)) || state.can_be_snoozed())
            .map(|(rid, _)| rid)
            .collect();
        if rids.is_empty() {
            return Ok((0, moved.len()));
        }
        Ok((
            change_all(tx, &self.analysis, &rids, change, now)?,
            moved.len(),
        ))
    }

    /// Whether the thread is muted, and then how many items unmuting it
    /// would bring back (asked before unmuting, as muting asks).
    pub fn thread_muted(&self, platform: &str, thread_id: &str) -> Result<Option<u64>> {
        let muted: bool = (self.conn)
            .prepare_cached(
                "SELECT muted_at IS NOT NULL FROM threads WHERE platform = ?1 AND thread_id = ?2",
            )?
            .query_row(params![platform, thread_id], |r| r.get(0))
            .optional()?
            .unwrap_or(false);
        if !muted {
            return Ok(None);
        }
        let mut back = 0;
        for rid in muted_items(&self.conn, platform, thread_id)? {
            back += u64::from(arrival_rule(&self.conn, &self.rules, rid)?.is_none());
        }
        Ok(Some(back))
    }

    /// Unmutes a thread as one undoable action: what arrives in it later
    /// waits for a reply again, and so do the items its mute dismissed
    /// (those a reply answered meanwhile are answered). `None`: it was not
    /// muted.
    pub fn unmute_thread(
        &mut self,
        platform: &str,
        thread_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<usize>> {
        if self.thread_muted(platform, thread_id)?.is_none() {
            known_thread(&self.conn, platform, thread_id)?;
            return Ok(None);
        }
        let tx = super::deciding(&mut self.conn, &self.presence)?;
        tx.execute(
            "UPDATE threads SET muted_at = NULL WHERE platform = ?1 AND thread_id = ?2",
            params![platform, thread_id],
        )?;
        let (aid, rids) = thread_action(&tx, platform, thread_id, "unmute", THREAD_MUTED, now)?;
        let mut back = 0;
        for &rid in &rids {
            // One that arrived during the mute meets the rules it never met.
            if let Some(reason) = arrival_rule(&tx, &self.rules, rid)? {
                dismiss(&tx, aid, rid, now, reason, false)?;
                continue;
            }
            back += 1;
            // A snooze the mute cut short, still to run, comes back too.
            match snooze_cut_short(&tx, rid, DismissReason::Muted, now)? {
                Some((until, decided)) => set_state(
                    &tx,
                    aid,
                    rid,
                    now,
                    State::Snoozed,
                    None,
                    Some(until),
                    decided,
                )?,
                _ => {
                    let reopened: bool = tx
                        .prepare_cached(REOPENED)?
                        .query_row([rid], |r| r.get(0))?;
                    set_state(&tx, aid, rid, now, State::NeedsReply, None, None, reopened)?
                }
            };
        }
        // What a reply answered while it was muted is answered, as of that
        // reply (as an undo of the mute has it).
        let answered: Vec<(i64, i64)> = tx
            .prepare(
                "SELECT rid, first_reply_at FROM items WHERE platform = ?1 AND thread_id = ?2
                 AND state = 2 AND reason = 'muted' AND first_reply_at IS NOT NULL",
            )?
            .query_map(params![platform, thread_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for &(rid, at) in &answered {
            set_state(&tx, aid, rid, now, State::Answered, None, None, false)?;
            set_state_at(&tx, rid, at)?;
        }
        let changed: Vec<i64> = (rids.iter().copied())
            .chain(answered.iter().map(|&(rid, _)| rid))
            .collect();
        super::analysis::commit(tx, &self.analysis, &changed, &[], &[])?;
        Ok(Some(back))
    }

    /// Keeps `body` as the draft of a reply to the item `rid` (one being
    /// written when the review was stopped), until a reply is saved.
    pub fn keep_draft(&self, rid: i64, body: &str) -> Result<()> {
        importable(body)?;
        super::still_there(&self.conn, &self.presence)?;
        Ok(set_draft(&self.conn, rid, Some(body))?)
    }

    /// Forgets the draft of a reply to `rid` (discarded).
    pub fn drop_draft(&self, rid: i64) -> Result<()> {
        super::still_there(&self.conn, &self.presence)?;
        Ok(set_draft(&self.conn, rid, None)?)
    }

    /// How many items muting the thread would dismiss now (asked before
    /// muting: a bulk action says how many first).
    pub fn thread_waiting(&self, platform: &str, thread_id: &str) -> Result<u64> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT COUNT(*) {THREAD_WAITING}"))?
            .query_row(params![platform, thread_id], |r| r.get(0))?)
    }

    /// Mutes a thread: its waiting items are dismissed, and items that arrive
    /// in it later arrive dismissed. Returns how many items were dismissed,
    /// `None` when it was muted already.
    pub fn mute_thread(
        &mut self,
        platform: &str,
        thread_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<usize>> {
        let tx = super::deciding(&mut self.conn, &self.presence)?;
        known_thread(&tx, platform, thread_id)?;
        let muted: bool = tx
            .query_row(
                "SELECT muted_at IS NOT NULL FROM threads WHERE platform = ?1 AND thread_id = ?2",
                params![platform, thread_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false);
        if muted {
            return Ok(None); // nothing to do, nothing to undo
        }
        tx.execute(
            "INSERT INTO threads (platform, thread_id, muted_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (platform, thread_id) DO UPDATE SET muted_at = excluded.muted_at",
            params![platform, thread_id, now.timestamp()],
        )?;
        let (aid, rids) = thread_action(&tx, platform, thread_id, "mute", THREAD_WAITING, now)?;
        for &rid in &rids {
            dismiss(&tx, aid, rid, now, DismissReason::Muted, true)?;
        }
        super::analysis::commit(tx, &self.analysis, &rids, &[], &[])?;
        Ok(Some(rids.len()))
    }

    /// Records a reply written in ackbox: an own reply (origin `ackbox`) under
    /// the item, which becomes answered. Returns the reply's row id.
    pub fn reply(&mut self, rid: i64, author: &str, body: &str, now: DateTime<Utc>) -> Result<i64> {
        // Measured as kept: composing (NFC) can make a text longer.
        let body = crate::text::sanitize(body);
        importable(&body)?;
        if body.trim().is_empty() {
            bail!("an empty reply is not saved");
        }
        super::still_there(&self.conn, &self.presence)?;
        let tx = self.conn.transaction()?;
        let (platform, id, thread_id, own): (String, String, Option<String>, bool) = tx
            .query_row(
                "SELECT platform, id, thread_id, own FROM items WHERE rid = ?1",
                [rid],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .with_context(|| format!("no item with row id {rid}"))?;
        if own {
            bail!("{platform}:{id} is an own reply");
        }
        let seq: i64 = tx.query_row("SELECT COALESCE(MAX(rid), 0) + 1 FROM items", [], |r| {
            r.get(0)
        })?;
        let reply_id = format!("{}{}:{seq}", crate::model::WRITTEN_HERE, now.timestamp());
        tx.execute(
            "INSERT INTO items (platform, id, parent_id, thread_id, author, body, created_at, own, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, 1)",
            params![platform, reply_id, id, thread_id, author, body, now.timestamp()],
        )?;
        let reply_rid = tx.last_insert_rowid();
        set_draft(&tx, rid, None)?;
        recompute_first_reply(&tx, rid)?;
        let aid = new_action(&tx, now, Actor::User, "reply", Some(reply_rid), None)?;
        set_state(&tx, aid, rid, now, State::Answered, None, None, true)?;
        super::analysis::commit(tx, &self.analysis, &[rid], &[reply_rid], &[])?;
        Ok(reply_rid)
    }

    /// Takes back the most recent user or rule action not yet undone (a
    /// snooze waking up is the passing of time, not an action to take back).
    pub fn undo(&mut self, now: DateTime<Utc>) -> Result<Option<Undone>> {
        let tx = super::deciding(&mut self.conn, &self.presence)?;
        type Last = (
            i64,
            String,
            i64,
            Option<i64>,
            Option<String>,
            Option<String>,
        );
        let last: Option<Last> = tx
            .query_row(
                &format!("SELECT aid, kind, at, reply_rid, thread, person {UNDOABLE}"),
                [],
                |r| Last::try_from(r),
            )
            .optional()?;
        let Some((aid, kind, at, reply_rid, thread, person)) = last else {
            return Ok(None);
        };
        let posted_since: usize = tx.query_row(POSTED_SINCE, [aid], |r| r.get(0))?;
        let person = match person {
            Some(json) => {
                let before: super::people::PersonBefore = serde_json::from_str(&json)?;
                let who = before.who();
                before.restore(&tx, &self.analysis)?;
                Some(who)
            }
            None => None,
        };
        let undo_aid = new_action(&tx, now, Actor::User, "undo", None, None)?;
        type Row = (
            i64,
            Option<i64>,
            Option<String>,
            Option<i64>,
            bool,
            Option<i64>,
        );
        // Only where the change still stands: an item an import has changed
        // since (withdrawn by the platform, answered by a reply) keeps what
        // the platform says.
        let rows: Vec<Row> = tx
            .prepare(
                "SELECT l.rid, l.old_state, l.old_reason, l.old_snooze, l.old_decided, l.old_state_at
                 FROM log l
                 WHERE l.aid = ?1 AND NOT EXISTS (
                     SELECT 1 FROM log later JOIN actions a ON a.aid = later.aid
                     WHERE later.rid = l.rid AND later.seq > l.seq AND a.actor = 'import')
                 ORDER BY l.seq DESC",
            )?
            .query_map([aid], |r| Row::try_from(r))?
            .collect::<rusqlite::Result<_>>()?;
        let logged: usize =
            tx.query_row("SELECT COUNT(*) FROM log WHERE aid = ?1", [aid], |r| {
                r.get(0)
            })?;
        let changed_since = rows.is_empty() && logged > 0;
        let mut same_text: Vec<i64> = Vec::new();
        let mut unreplied: Vec<i64> = Vec::new();
        // The reply taken back: what it answered, and its text.
        let mut taken_back: Option<(i64, String)> = None;
        if let Some(reply) = reply_rid {
            taken_back = tx
                .query_row(
                    "SELECT p.rid, r.body FROM items r JOIN items p ON p.platform = r.platform AND p.id = r.parent_id
                     WHERE r.rid = ?1",
                    [reply],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            // The same text sent to others may stop being canned without this one.
            same_text = super::analysis::same_text(&tx, reply)?;
            tx.execute("DELETE FROM items WHERE rid = ?1", [reply])?;
            if let Some((p, body)) = taken_back.as_ref() {
                set_draft(&tx, *p, Some(body))?;
                let p = *p;
                recompute_first_reply(&tx, p)?; // and `commit` its "personally answered"
                unreplied.push(p);
            }
        }
        let mut rows = rows;
        // Items the rules dismiss as the undo lets them out of a mute.
        let mut ruled: Vec<i64> = Vec::new();
        let mut answered_since = 0;
        let thread = thread.as_deref().and_then(|t| t.split_once('\u{1f}'));
        // Those an import changed since, counted before the items that
        // arrived meanwhile join the rows.
        let left = logged.saturating_sub(rows.len());
        if let Some((platform, thread_id)) = thread.filter(|_| kind == "unmute") {
            // Muted again, since the mute that stands (what arrives is
            // dismissed as of then); the items it brought back are
            // dismissed again below.
            tx.execute(
                &format!(
                    "UPDATE threads SET muted_at = COALESCE(({MUTE_THAT_STANDS}), ?3)
                     WHERE platform = ?1 AND thread_id = ?2"
                ),
                params![
                    platform,
                    thread_id,
                    at,
                    thread_key(platform, thread_id),
                    aid
                ],
            )?;
            // And so are those that arrived while it was unmuted, waiting
            // by no decision of the user's, as they would have arrived.
            for rid in arrived_since(&tx, platform, thread_id, aid, WAITING_UNDECIDED)? {
                let muted = Some(DismissReason::Muted.as_str().to_owned());
                rows.push((rid, Some(State::Dismissed.code()), muted, None, false, None));
            }
        } else if let Some((platform, thread_id)) = thread {
            tx.execute(
                "UPDATE threads SET muted_at = NULL WHERE platform = ?1 AND thread_id = ?2",
                params![platform, thread_id],
            )?;
            // Items that arrived dismissed while it was muted come back too,
            // but for those the rules they never met dismiss (as an unmute has it).
            for rid in arrived_since(&tx, platform, thread_id, aid, DISMISSED_MUTED)? {
                // One a reply answered meanwhile is answered, whatever a rule says.
                let replied: Option<i64> = tx
                    .prepare_cached("SELECT first_reply_at FROM items WHERE rid = ?1")?
                    .query_row([rid], |r| r.get(0))?;
                let rule = match replied {
                    Some(_) => None,
                    None => arrival_rule(&tx, &self.rules, rid)?,
                };
                match rule {
                    Some(reason) => {
                        dismiss(&tx, undo_aid, rid, now, reason, false)?;
                        ruled.push(rid);
                    }
                    None => {
                        rows.push((rid, Some(State::NeedsReply.code()), None, None, false, None))
                    }
                }
            }
        }
        for (rid, old_state, old_reason, old_snooze, old_decided, old_state_at) in &rows {
            let Some(mut state) = old_state.and_then(State::from_code) else {
                continue;
            };
            let first_reply: Option<i64> = tx
                .prepare_cached("SELECT first_reply_at FROM items WHERE rid = ?1")?
                .query_row([rid], |r| r.get(0))?;
            // What the replies alone decided follows them: answered when one
            // came since (as of that reply, as an import would have it),
            // waiting when the one it had has moved to another item.
            let mut state_at = old_state_at.filter(|_| Some(state.code()) == *old_state);
            if !old_decided {
                match (state, first_reply) {
                    (State::NeedsReply, Some(_)) => {
                        state = State::Answered;
                        state_at = first_reply;
                        answered_since += 1;
                    }
                    (State::Answered, None) => {
                        state = State::NeedsReply;
                        state_at = None;
                    }
                    // Answered by its first reply as it is now (an import
                    // may have moved or taken away the one it had).
                    (State::Answered, Some(_)) => state_at = first_reply,
                    _ => {}
                }
            }
            let reason = old_reason.as_deref().and_then(|r| r.parse().ok());
            set_state(
                &tx,
                undo_aid,
                *rid,
                now,
                state,
                reason,
                old_snooze.map(ts),
                *old_decided,
            )?;
            // The state comes back with the time it was reached.
            if let Some(t) = state_at {
                set_state_at(&tx, *rid, t)?;
            }
        }
        tx.execute(
            "UPDATE actions SET undone_at = ?2 WHERE aid = ?1",
            params![aid, now.timestamp()],
        )?;
        let rids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        // Nothing taken back: the items it changed are named all the same.
        let named: Vec<i64> = match changed_since {
            true => tx
                .prepare("SELECT rid FROM log WHERE aid = ?1 ORDER BY seq DESC")?
                .query_map([aid], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?,
            false => rids.clone(),
        };
        // A reply to an item answered already changed no state: it is
        // named by the item it answered.
        let named = match (&taken_back, named.is_empty()) {
            (Some((parent, _)), true) => vec![*parent],
            _ => named,
        };
        let changed: Vec<i64> = rids.iter().chain(&ruled).copied().collect();
        super::analysis::commit(tx, &self.analysis, &changed, &same_text, &unreplied)?;
        Ok(Some(Undone {
            // An import's rules act together, under one action.
            kind: match kind.as_str() {
                "rule" => "dismissed by your rules".to_owned(),
                _ => kind,
            },
            items: named.len().max(usize::from(reply_rid.is_some())),
            at: ts(at),
            rids: named,
            left: match changed_since {
                true => 0,
                false => left,
            },
            answered_since,
            posted_since,
            person,
            reply: taken_back.map(|(parent, _)| parent),
            changed_since,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::ItemRef;

    #[test]
    fn an_item_named_on_the_command_line_is_cleaned_as_imports_are() {
        let r: ItemRef = " YouTube : cafe\u{301} ".parse().expect("parses");
        assert_eq!((r.platform.as_str(), r.id.as_str()), ("youtube", "café"));
        // An import refuses an id with escapes: one typed names no item.
        let err = "youtube:cafe\u{1b}[2J"
            .parse::<ItemRef>()
            .expect_err("refused");
        assert!(
            err.contains("holds a control or invisible character"),
            "{err}"
        );
        // A joiner between letters, which shows nothing, is shown by its code.
        let err = "youtube:a\u{200d}b"
            .parse::<ItemRef>()
            .expect_err("refused");
        assert!(err.starts_with(r#""youtube:a\u{200d}b" holds"#), "{err}");
        let r: ItemRef = "bluesky:at://did:plc:x/post/1".parse().expect("parses");
        assert_eq!(r.id, "at://did:plc:x/post/1", "ids may hold colons");
        // As `list --csv` guards an id from spreadsheets.
        let r: ItemRef = "youtube:'-dQw4w9WgXc".parse().expect("parses");
        assert_eq!(r.id, "-dQw4w9WgXc");
        let r: ItemRef = "x:'tis".parse().expect("parses");
        assert_eq!(r.id, "'tis", "an apostrophe before no formula is the id's");
        for (text, says) in [
            ("youtube:", "names no id"),
            ("youtube: ", "names no id"),
            (":abc", "names no platform"),
            ("abc", "has no colon"),
        ] {
            let err = text.parse::<ItemRef>().expect_err(text);
            assert!(err.contains(says), "{text}: {err}");
        }
        // Each kind of name with examples of its own.
        let err = "kenjiw".parse::<ItemRef>().expect_err("no colon");
        assert!(
            err.ends_with("then the id (e.g. youtube:UgxKREWq, wordpress:1185)"),
            "{err}"
        );
        let err = ItemRef::person("kenjiw").expect_err("no colon");
        assert!(
            err.ends_with("then the handle (e.g. youtube:@joeramos_brews, mastodon:kim@x.social)"),
            "{err}"
        );
        let err = ItemRef::thread("wordpress:").expect_err("no id");
        assert!(
            err.contains("names no thread's id")
                && err.ends_with("(e.g. wordpress:412, youtube:dQw4w9WgXcQ)"),
            "{err}"
        );
    }
}
