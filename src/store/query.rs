//! Typed read queries: keyset pages of items, one item's context, a
//! person's history, today's progress.

use super::view::{Query, Sort};
use super::{Store, ts};
use crate::model::{DismissReason, Kind, State};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};
use std::collections::HashSet;

/// One incoming item with what the list, the detail pane and `list` show.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub rid: i64,
    pub platform: String,
    pub id: String,
    pub parent_id: Option<String>,
    pub thread_id: Option<String>,
    pub thread_title: Option<String>,
    pub thread_url: Option<String>,
    pub author: String,
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub url: Option<String>,
    pub kind: Kind,
    pub state: State,
    pub dismiss_reason: Option<DismissReason>,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub state_at: Option<DateTime<Utc>>,
    pub first_reply_at: Option<DateTime<Utc>>,
    pub personal: Option<bool>,
    /// Answered, not personally, by a reply sent to many (canned).
    pub canned: bool,
    pub flags: u16,
    /// Why each flag is set, by flag name.
    pub flag_reasons: std::collections::BTreeMap<String, String>,
    /// The queue position key (see `store::analysis::queue_key`).
    pub queue_key: i64,
    /// A reply written here and taken back by an undo: the next reply to
    /// this item starts from it.
    pub draft: Option<String>,
}

const ITEM_COLUMNS: &str = concat!(
    "i.rid, i.platform, i.id, i.parent_id, i.thread_id, t.title, t.url, i.author,
    i.author_name, i.body, i.created_at, ",
    item_url!(),
    ", i.kind, i.state, i.reason, i.snoozed_until,
    i.state_at, i.first_reply_at, i.personal, i.flags, i.reasons, i.queue_key,
    (SELECT body FROM drafts d WHERE d.rid = i.rid),
    i.personal = 0 AND EXISTS (SELECT 1 FROM items r INDEXED BY items_parent
        WHERE r.platform = i.platform AND r.parent_id = i.id AND r.own = 1 AND r.verdict = 2)"
);

fn item_from_row(r: &Row) -> rusqlite::Result<Item> {
    let opt_ts = |v: Option<i64>| v.map(ts);
    Ok(Item {
        rid: r.get(0)?,
        platform: r.get(1)?,
        id: r.get(2)?,
        parent_id: r.get(3)?,
        thread_id: r.get(4)?,
        thread_title: r.get(5)?,
        thread_url: r.get(6)?,
        author: r.get(7)?,
        author_name: r.get(8)?,
        body: r.get(9)?,
        created_at: ts(r.get(10)?),
        url: r.get(11)?,
        kind: if r.get::<_, i64>(12)? == 1 {
            Kind::Mention
        } else {
            Kind::Comment
        },
        state: r
            .get::<_, Option<i64>>(13)?
            .and_then(State::from_code)
            .unwrap_or(State::NeedsReply),
        dismiss_reason: r.get::<_, Option<String>>(14)?.and_then(|s| s.parse().ok()),
        snoozed_until: opt_ts(r.get(15)?),
        state_at: opt_ts(r.get(16)?),
        first_reply_at: opt_ts(r.get(17)?),
        personal: r.get(18)?,
        flags: r.get(19)?,
        flag_reasons: r
            .get::<_, Option<String>>(20)?
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default(),
        queue_key: r.get(21)?,
        draft: r.get(22)?,
        canned: r.get::<_, Option<bool>>(23)?.unwrap_or(false),
    })
}

/// Which items a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// `None`: every state.
    pub state: Option<State>,
    pub platform: Option<String>,
    /// Every word by its beginning, case and accents folded (see
    /// `store::search`), in body and author, or all in the thread title.
    pub search: Option<String>,
}

/// The order of a list, which is also the order of its keyset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    OldestFirst,
    NewestFirst,
}

/// Where a page starts: strictly after this (created_at, rid).
pub type Cursor = (i64, i64);

/// A message in the detail pane's context (parent, earlier exchange).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub rid: i64,
    pub id: String,
    pub author: String,
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub own: bool,
    /// An own reply's verdict and its reasons.
    pub verdict: Option<crate::analysis::Verdict>,
    pub reasons: Vec<String>,
}

/// The exchange that led to an item (see [`Store::exchange`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exchange {
    /// The latest messages, oldest first.
    pub messages: Vec<Message>,
    /// How many earlier ones were left out.
    pub earlier: usize,
    /// How many of theirs came after the item and its replies (a question
    /// solved since, "update: it works now"): not among the messages.
    pub later: usize,
}

/// One of a person's items in another thread, for the detail pane: what
/// they wrote us there lately, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elsewhere {
    pub rid: i64,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub state: State,
    pub thread_title: Option<String>,
}

/// A person's record with us, for the detail pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonHistory {
    pub items: u64,
    pub answered: u64,
    pub dismissed: u64,
    pub first_seen: Option<DateTime<Utc>>,
    pub last_seen: Option<DateTime<Utc>>,
    pub last_answered: Option<DateTime<Utc>>,
}

/// An own reply, for `ackbox replies`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub platform: String,
    pub id: String,
    pub parent_id: Option<String>,
    pub thread_id: Option<String>,
    pub author: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub url: Option<String>,
    pub origin: crate::model::Origin,
    /// `personal`, `generic` or `canned` (None until judged).
    pub verdict: Option<crate::analysis::Verdict>,
    pub reasons: Vec<String>,
}

/// [`Store::has_own_items`], as `conn` sees it.
pub(crate) fn has_own_items(conn: &rusqlite::Connection, platform: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM daily WHERE platform = ?1 AND replies > 0)")?
        .query_row([platform], |r| r.get(0))?)
}

impl Store {
    /// Every matching item in `sort` order, page by page, without holding
    /// them all; every page of one snapshot, so that a change committed
    /// meanwhile (a VIP tag moving items in the queue order) neither skips
    /// nor repeats an item.
    pub fn for_each_item(
        &self,
        query: &Query,
        sort: Sort,
        limit: Option<usize>,
        mut f: impl FnMut(&Item) -> Result<()>,
    ) -> Result<()> {
        let _snapshot = self.reading()?;
        let mut after = None;
        let mut left = limit.unwrap_or(usize::MAX);
        let mut read = 0;
        while left > 0 {
            let want = left.min(1000);
            let page = self.view_page(query, sort, after, want)?;
            for item in &page {
                f(item)?;
            }
            left -= page.len();
            read += page.len() as u64;
            match page.last() {
                Some(last) if page.len() == want => after = Some(sort.cursor(last)),
                _ => {
                    // Ended before its count: a damaged page of an index
                    // can end a walk early, which SQLite lets by.
                    if left > 0 && self.counted(query)?.is_some_and(|n| n > read) {
                        self.check_sound("a list read as fewer items than its count")?;
                    }
                    break;
                }
            }
        }
        Ok(())
    }

    /// One item by row id.
    pub fn item(&self, rid: i64) -> Result<Option<Item>> {
        Ok(self.items(&[rid])?.pop())
    }

    /// The items with these row ids, in their order, in one statement (a
    /// statement per row cost a page of 100 rows a tenth of its time).
    pub fn items(&self, rids: &[i64]) -> Result<Vec<Item>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {ITEM_COLUMNS} FROM rarray(?1) k CROSS JOIN items i ON i.rid = k.value
                 LEFT JOIN threads t ON t.platform = i.platform AND t.thread_id = i.thread_id"
            ))?
            .query_map([super::rid_array(rids.iter().copied())], item_from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The item this one replies to, if it is in the database.
    pub fn parent(&self, item: &Item) -> Result<Option<Message>> {
        let Some(pid) = &item.parent_id else {
            return Ok(None);
        };
        Ok(self
            .conn
            .prepare_cached(
                "SELECT rid, id, author, author_name, body, created_at, own, verdict, reasons FROM items
                 WHERE platform = ?1 AND id = ?2",
            )?
            .query_row(params![item.platform, pid], message_from_row)
            .optional()?)
    }

    /// This person's items in the item's thread (without one, in the chain
    /// of replies that led to it) and our replies to them, up to the item
    /// and its replies (the exchange that led to it, and how it was
    /// answered), the latest `limit`, oldest first, and how many more.
    pub fn exchange(&self, item: &Item, limit: usize) -> Result<Exchange> {
        // An author withheld, or a guest without a name, is many people.
        if crate::import::shared::names_nobody(&item.author) {
            return Ok(Exchange::default());
        }
        let theirs = match &item.thread_id {
            Some(thread) => self.theirs_in_thread(item, thread)?,
            None => self.theirs_in_chain(item)?,
        };
        let last_reply: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT MAX(created_at) FROM items INDEXED BY items_parent
                 WHERE platform = ?1 AND parent_id = ?2 AND own = 1",
            )?
            .query_row(params![item.platform, item.id], |r| r.get(0))?;
        let until = last_reply.map_or(item.created_at.timestamp(), |at| {
            at.max(item.created_at.timestamp())
        });
        // CROSS JOIN keeps their items as the outer loop of the replies:
        // left to itself, SQLite starts from every own reply on the
        // platform. The limit is written into the statement: a bound LIMIT
        // makes SQLite plan it again at every run.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT rid, id, author, author_name, body, created_at, own, verdict, reasons, COUNT(*) OVER () FROM (
                 SELECT rid, id, author, author_name, body, created_at, own, verdict, reasons
                 FROM items WHERE rid IN rarray(?1)
                 UNION
                 SELECT r.rid, r.id, r.author, r.author_name, r.body, r.created_at, r.own, r.verdict, r.reasons
                 FROM rarray(?1) t CROSS JOIN items p ON p.rid = t.value
                     CROSS JOIN items r INDEXED BY items_parent
                     ON r.platform = p.platform AND r.parent_id = p.id AND r.own = 1
             ) WHERE created_at <= ?2 ORDER BY created_at DESC, rid DESC LIMIT {limit}",
        ))?;
        let later: usize = self
            .conn
            .prepare_cached(
                "SELECT COUNT(*) FROM rarray(?1) k CROSS JOIN items i ON i.rid = k.value
                 WHERE i.created_at > ?2",
            )?
            .query_row(
                params![super::rid_array(theirs.iter().copied()), until],
                |r| r.get(0),
            )?;
        let mut all = 0;
        let mut messages: Vec<Message> = stmt
            .query_map(params![super::rid_array(theirs), until], |r| {
                all = r.get(9)?;
                message_from_row(r)
            })?
            .collect::<rusqlite::Result<_>>()?;
        messages.reverse();
        Ok(Exchange {
            earlier: all - messages.len(),
            messages,
            later,
        })
    }

    /// This person's items in `thread`: the row ids both the thread's index
    /// and the person's hold, read from the two indexes alone and matched
    /// here. A walk of either list read every row of it, and SQLite's
    /// INTERSECT builds a b-tree of one (a prolific person in a long
    /// thread: thousands of rows, milliseconds).
    fn theirs_in_thread(&self, item: &Item, thread: &str) -> Result<Vec<i64>> {
        let rids = |sql: &str, key: &str| -> Result<Vec<i64>> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_map(params![item.platform, key], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        };
        let in_thread: HashSet<i64> = rids(
            "SELECT rid FROM items INDEXED BY items_thread WHERE platform = ?1 AND thread_id = ?2",
            thread,
        )?
        .into_iter()
        .collect();
        Ok(rids(
            "SELECT rid FROM items INDEXED BY items_author WHERE platform = ?1 AND author = ?2 AND own = 0",
            &item.author,
        )?
        .into_iter()
        .filter(|rid| in_thread.contains(rid))
        .collect())
    }

    /// This person's items among the item and the replies it follows up
    /// (a mention answered, then answered back), for an item in no thread.
    fn theirs_in_chain(&self, item: &Item) -> Result<Vec<i64>> {
        /// How far up a chain is followed (a loop of parents ends there too).
        const MAX_STEPS: usize = 200;
        let mut theirs = vec![item.rid];
        let mut parent = item.parent_id.clone();
        let mut stmt = self.conn.prepare_cached(
            "SELECT rid, parent_id, author = ?3 AND own = 0 FROM items WHERE platform = ?1 AND id = ?2",
        )?;
        for _ in 0..MAX_STEPS {
            let Some(id) = parent.take() else { break };
            let Some((rid, up, mine)) = stmt
                .query_row(params![item.platform, id, item.author], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get::<_, bool>(2)?))
                })
                .optional()?
            else {
                break;
            };
            if mine && !theirs.contains(&rid) {
                theirs.push(rid);
            }
            parent = up;
        }
        Ok(theirs)
    }

    /// This person's latest items in threads other than `item`'s, newest
    /// first: the exchange with them goes on across threads ("still hoping
    /// for an answer on shipping" under another video).
    pub fn elsewhere(&self, item: &Item, limit: usize) -> Result<Vec<Elsewhere>> {
        // An author withheld, or a guest without a name, is many people.
        if crate::import::shared::names_nobody(&item.author) {
            return Ok(Vec::new());
        }
        // Their index, newest first, read until `limit` are outside the
        // thread. (A bound LIMIT would make SQLite plan it at every run.)
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT i.rid, i.body, i.created_at, i.state, t.title
             FROM items i INDEXED BY items_author
             LEFT JOIN threads t ON t.platform = i.platform AND t.thread_id = i.thread_id
             WHERE i.platform = ?1 AND i.author = ?2 AND i.own = 0 AND i.thread_id IS NOT ?3
             ORDER BY i.created_at DESC, i.rid DESC LIMIT {limit}"
        ))?;
        let rows = stmt.query_map(params![item.platform, item.author, item.thread_id], |r| {
            Ok(Elsewhere {
                rid: r.get(0)?,
                body: r.get(1)?,
                created_at: ts(r.get(2)?),
                state: State::from_code(r.get(3)?).unwrap_or(State::NeedsReply),
                thread_title: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How often this person wrote and was answered, on this platform.
    pub fn person(&self, platform: &str, author: &str) -> Result<PersonHistory> {
        // The per-author roll-up, and one step down their history for the first item.
        Ok(self
            .conn
            .prepare_cached(
                "SELECT COALESCE(MAX(a.items), 0), COALESCE(MAX(a.answered), 0),
                        COALESCE(MAX(a.dismissed), 0),
                        (SELECT MIN(created_at) FROM items INDEXED BY items_author
                         WHERE platform = ?1 AND author = ?2 AND own = 0),
                        MAX(a.last_seen), MAX(a.last_answered)
                 FROM authors a WHERE a.platform = ?1 AND a.author = ?2 AND a.items > 0",
            )?
            .query_row(params![platform, author], |r| {
                Ok(PersonHistory {
                    items: r.get(0)?,
                    answered: r.get(1)?,
                    dismissed: r.get(2)?,
                    first_seen: r.get::<_, Option<i64>>(3)?.map(ts),
                    last_seen: r.get::<_, Option<i64>>(4)?.map(ts),
                    last_answered: r.get::<_, Option<i64>>(5)?.map(ts),
                })
            })?)
    }

    /// Items in each state (kept by triggers: no scan).
    pub fn state_counts(&self) -> Result<[u64; 4]> {
        let mut out = [0; 4];
        let mut stmt = self
            .conn
            .prepare_cached("SELECT state, SUM(n) FROM platform_states GROUP BY state")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(s) = r.get::<_, Option<i64>>(0)?.and_then(State::from_code) {
                out[s.code() as usize] = r.get(1)?;
            }
        }
        Ok(out)
    }

    /// Whether the database holds any item at all.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(!self
            .conn
            .query_row("SELECT EXISTS(SELECT 1 FROM items)", [], |r| r.get(0))?)
    }

    /// Whether any own item is stored on `platform` (from the daily
    /// roll-up: a few rows a day).
    pub fn has_own_items(&self, platform: &str) -> Result<bool> {
        has_own_items(&self.conn, platform)
    }

    /// The platforms present, for the filter picker.
    pub fn platforms(&self) -> Result<Vec<String>> {
        // A skip-scan over the unique (platform, id) index: one probe per platform.
        let mut out = Vec::new();
        let mut last = String::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT platform FROM items WHERE platform > ?1 ORDER BY platform LIMIT 1",
        )?;
        while let Some(p) = stmt
            .query_row([&last], |r| r.get::<_, String>(0))
            .optional()?
        {
            out.push(p.clone());
            last = p;
        }
        Ok(out)
    }

    /// Own replies, oldest first, page by page.
    pub fn for_each_reply(&self, mut f: impl FnMut(&Reply) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT i.platform, i.id, i.parent_id, i.thread_id, i.author, i.body, i.created_at, ",
            item_url!(),
            ", i.origin, i.verdict, i.reasons FROM items i WHERE i.own = 1 ORDER BY i.created_at, i.rid"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(&Reply {
                platform: r.get(0)?,
                id: r.get(1)?,
                parent_id: r.get(2)?,
                thread_id: r.get(3)?,
                author: r.get(4)?,
                body: r.get(5)?,
                created_at: ts(r.get(6)?),
                url: r.get(7)?,
                origin: if r.get::<_, Option<i64>>(8)? == Some(1) {
                    crate::model::Origin::Ackbox
                } else {
                    crate::model::Origin::Imported
                },
                verdict: verdict_at(r, 9)?,
                reasons: reasons_at(r, 10)?,
            })?;
        }
        Ok(())
    }
}

fn message_from_row(r: &Row) -> rusqlite::Result<Message> {
    Ok(Message {
        rid: r.get(0)?,
        id: r.get(1)?,
        author: r.get(2)?,
        author_name: r.get(3)?,
        body: r.get(4)?,
        created_at: ts(r.get(5)?),
        own: r.get(6)?,
        verdict: verdict_at(r, 7)?,
        reasons: reasons_at(r, 8)?,
    })
}

/// An own reply's stored verdict, in column `i`.
fn verdict_at(r: &Row, i: usize) -> rusqlite::Result<Option<crate::analysis::Verdict>> {
    Ok(r.get::<_, Option<i64>>(i)?
        .and_then(super::analysis::verdict_from_code))
}

/// An own reply's verdict reasons (stored as a JSON list), in column `i`.
fn reasons_at(r: &Row, i: usize) -> rusqlite::Result<Vec<String>> {
    Ok(r.get::<_, Option<String>>(i)?
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Record;

    /// A change committed while a long list is written (pages of 1,000)
    /// neither skips nor repeats an item: the list is of one moment.
    #[test]
    fn a_list_is_of_one_moment() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        let store = Store::open(&path).expect("open");
        store
            .conn
            .execute_batch(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
                 INSERT INTO items (platform, id, author, body, created_at, state)
                 SELECT 'x', 'i' || i, 'a', 'b', 1700000000 + 60 * i, 0 FROM n;",
            )
            .expect("items");
        let other = Store::open(&path).expect("another");
        let filter = Filter {
            state: Some(State::NeedsReply),
            ..Filter::default()
        };
        let mut seen = std::collections::HashSet::new();
        let mut listed = 0;
        store
            .for_each_item(&filter.into(), Sort::NEWEST, None, |i| {
                if listed == 0 {
                    // The oldest half answered, in another process.
                    other
                        .conn
                        .execute(
                            "UPDATE items SET state = 1 WHERE created_at < 1700075000",
                            [],
                        )
                        .expect("answered");
                }
                listed += 1;
                seen.insert(i.rid);
                Ok(())
            })
            .expect("listed");
        assert_eq!((listed, seen.len()), (2500, 2500));
    }

    fn t(minutes: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-01T00:00:00Z")
            .expect("time")
            .with_timezone(&Utc)
            + chrono::Duration::minutes(minutes)
    }

    #[test]
    fn items_come_in_the_order_asked_with_their_threads() {
        let mut s = Store::open_in_memory().expect("store");
        let mut imp = s.begin_import(t(100)).expect("import");
        for i in 0..5 {
            let mut r = Record::new("x", &format!("c{i}"), "joe", "a comment", t(i));
            r.thread_id = Some("t1".into());
            r.thread_title = Some("Our recipe".into());
            imp.add(&r, false, None).expect("add");
        }
        imp.finish(true).expect("finish");
        let rid = |id: &str| {
            s.rid_of(&super::super::actions::ItemRef {
                platform: "x".into(),
                id: id.into(),
            })
            .expect("rid")
        };
        let asked = [rid("c3"), rid("c0"), 999_999, rid("c4")];
        let got = s.items(&asked).expect("items");
        let ids: Vec<&str> = got.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            ids,
            ["c3", "c0", "c4"],
            "in order, the missing one left out"
        );
        assert_eq!(got[0], s.item(asked[0]).expect("item").expect("found"));
        assert_eq!(got[0].thread_title.as_deref(), Some("Our recipe"));
    }

    /// An item answered by a text sent to many says so (the list's "✓
    /// canned"); one answered generically, or personally, does not.
    #[test]
    fn an_item_answered_by_a_canned_reply_says_so() {
        let mut s = Store::open_in_memory().expect("store");
        let mut imp = s.begin_import(t(100)).expect("import");
        let people = ["ann", "bob", "cy", "dee", "eve"];
        for (i, who) in people.iter().enumerate() {
            let i = i as i64;
            let c = Record::new("x", &format!("c{i}"), who, "Love the recipe", t(2 * i));
            imp.add(&c, false, None).expect("add");
            let text = match *who {
                "dee" => "Thanks!",
                "eve" => "Eve, the 94 degrees tip is from our roaster, glad it helped",
                _ => "Thanks for your comment!",
            };
            let mut r = Record::new("x", &format!("r{i}"), "me", text, t(2 * i + 1));
            r.parent_id = Some(format!("c{i}"));
            imp.add(&r, true, None).expect("add");
        }
        imp.finish(true).expect("finish");
        let rids: Vec<i64> = (0..5)
            .map(|i| {
                let id = format!("c{i}");
                s.rid_of(&super::super::actions::ItemRef {
                    platform: "x".into(),
                    id,
                })
                .expect("rid")
            })
            .collect();
        let items = s.items(&rids).expect("items");
        let got: Vec<(Option<bool>, bool)> = items.iter().map(|i| (i.personal, i.canned)).collect();
        assert_eq!(
            got,
            [
                (Some(false), true),
                (Some(false), true),
                (Some(false), true),
                (Some(false), false),
                (Some(true), false)
            ]
        );
        // As the lists say it.
        let said: Vec<String> = (items.iter())
            .map(|i| crate::tui::view::list::state_text(i, t(100)))
            .collect();
        assert_eq!(
            said,
            [
                "✓ canned",
                "✓ canned",
                "✓ canned",
                "✓ generic",
                "✓ personal"
            ]
        );
    }

    /// Joe writes `n` comments, every third in thread t1 (the rest in
    /// others), each answered by us; the exchange is his comments in t1 and
    /// our replies to them, the latest 8, oldest first, whichever list
    /// (his or the thread's) is the shorter way to them.
    fn exchange_of_a_person_with(n: i64) {
        let mut s = Store::open_in_memory().expect("store");
        let mut imp = s.begin_import(t(10_000)).expect("import");
        let mut expected = Vec::new();
        for i in 0..n {
            let thread = if i % 3 == 0 { "t1" } else { "t2" };
            let mut r = Record::new("x", &format!("c{i}"), "joe", "a comment", t(2 * i));
            r.thread_id = Some(thread.into());
            imp.add(&r, false, None).expect("add");
            let mut reply = Record::new("x", &format!("r{i}"), "me", "thanks Joe", t(2 * i + 1));
            reply.thread_id = Some(thread.into());
            reply.parent_id = Some(format!("c{i}"));
            imp.add(&reply, true, None).expect("add");
            // Someone else in the same thread is not part of it.
            let mut other = Record::new("x", &format!("o{i}"), "ann", "me too", t(2 * i));
            other.thread_id = Some(thread.into());
            imp.add(&other, false, None).expect("add");
            if thread == "t1" {
                expected.extend([format!("c{i}"), format!("r{i}")]);
            }
        }
        imp.finish(true).expect("finish");
        let exchange = |id: String| -> Vec<String> {
            let rid = s.rid_of(&super::super::actions::ItemRef {
                platform: "x".into(),
                id: id.clone(),
            });
            let item = s.item(rid.expect("rid")).expect("item").expect("found");
            let got = s.exchange(&item, 8).expect("exchange");
            // What is left out is counted.
            let so_far = expected.iter().position(|e| *e == id).map_or(0, |p| p + 2);
            assert_eq!(got.earlier, so_far.saturating_sub(8));
            got.messages.into_iter().map(|m| m.id).collect()
        };
        let from = expected.len().saturating_sub(8);
        assert_eq!(exchange(format!("c{}", (n - 1) / 3 * 3)), expected[from..]);
        // From his second comment there: what led to it and its reply, not
        // what came after, which is counted.
        assert_eq!(exchange("c3".into()), expected[..4]);
        let later = |id: &str| {
            let rid = s.rid_of(&super::super::actions::ItemRef {
                platform: "x".into(),
                id: id.into(),
            });
            let item = s.item(rid.expect("rid")).expect("item").expect("found");
            s.exchange(&item, 8).expect("exchange").later
        };
        assert_eq!(later("c3"), expected.len() / 2 - 2);
        assert_eq!(later(&format!("c{}", (n - 1) / 3 * 3)), 0);
    }

    #[test]
    fn the_exchange_of_someone_with_few_comments() {
        exchange_of_a_person_with(7);
    }

    #[test]
    fn the_exchange_of_someone_with_many_comments() {
        exchange_of_a_person_with(300);
    }

    /// Without a thread (a mention, answered, then answered back), the
    /// exchange is the chain of replies that led to the item: their items
    /// in it and our replies to them.
    #[test]
    fn the_exchange_of_an_item_in_no_thread_is_its_chain_of_replies() {
        let mut s = Store::open_in_memory().expect("store");
        let mut imp = s.begin_import(t(10_000)).expect("import");
        let add = |imp: &mut crate::store::import::ImportSession,
                   id: &str,
                   who: &str,
                   parent: Option<&str>,
                   at| {
            let mut r = Record::new("mastodon", id, who, "text", t(at));
            r.parent_id = parent.map(str::to_owned);
            imp.add(&r, who == "me", None).expect("add");
        };
        add(&mut imp, "m1", "kim", None, 0);
        add(&mut imp, "m2", "me", Some("m1"), 10);
        add(&mut imp, "m3", "kim", Some("m2"), 20);
        // Another mention of hers, in no thread and not in the chain.
        add(&mut imp, "m9", "kim", None, 5);
        imp.finish(true).expect("finish");
        let exchange = |id: &str| -> Vec<String> {
            let rid = s.rid_of(&super::super::actions::ItemRef {
                platform: "mastodon".into(),
                id: id.into(),
            });
            let item = s.item(rid.expect("rid")).expect("item").expect("found");
            let got = s.exchange(&item, 8).expect("exchange");
            got.messages.into_iter().map(|m| m.id).collect()
        };
        assert_eq!(exchange("m1"), ["m1", "m2"]);

        assert_eq!(exchange("m3"), ["m1", "m2", "m3"]);
        assert_eq!(exchange("m9"), ["m9"]);
        // What they wrote before the reply is shown, not counted as later.
        let mut imp = s.begin_import(t(10_000)).expect("import");
        for (id, who, parent, at) in [
            ("t1", "kim", None, 100),
            ("t2", "kim", None, 110),
            ("t3", "me", Some("t1"), 120),
        ] {
            let mut r = Record::new("mastodon", id, who, "text", t(at));
            r.thread_id = Some("th".into());
            r.parent_id = parent.map(str::to_owned);
            imp.add(&r, who == "me", None).expect("add");
        }
        imp.finish(true).expect("finish");
        let rid = s.rid_of(&super::super::actions::ItemRef {
            platform: "mastodon".into(),
            id: "t1".into(),
        });
        let item = s.item(rid.expect("rid")).expect("item").expect("found");
        let got = s.exchange(&item, 8).expect("exchange");
        let ids: Vec<&str> = got.messages.iter().map(|m| m.id.as_str()).collect();
        assert_eq!((ids, got.later), (vec!["t1", "t2", "t3"], 0));
    }
}
