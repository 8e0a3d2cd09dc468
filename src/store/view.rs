//! Queries and bulk actions for the TUI: pages with a flag filter, the count
//! and bulk change of everything a filter matches (one undoable action, no
//! list of ids carried around), and `PRAGMA data_version` for live reloads.

use super::Store;
use super::actions::{Change, change_all};
use super::query::{Cursor, Filter, Item, Order};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter};

/// What a TUI list shows: the CLI's filter plus a flag (a bit of `items.flags`),
/// a set of flags of which any will do, and one person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub filter: Filter,
    /// Index into [`crate::analysis::Flag::ALL`] (which is also its bit).
    pub flag: Option<usize>,
    /// Items with any of these bits of `items.flags` (0: no condition), e.g.
    /// every low-value flag.
    pub any_flags: u16,
    /// One person's items: (platform, author). `items_author` serves it.
    pub person: Option<(String, String)>,
}

/// The order of a TUI list, which is also the order of its keyset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// By creation time.
    Created(Order),
    /// The queue's order: best first (the acknowledgement score, then the
    /// oldest), by `items.queue_key`; `Order::NewestFirst` walks it backwards.
    Best(Order),
}

impl Sort {
    pub const OLDEST: Sort = Sort::Created(Order::OldestFirst);
    pub const NEWEST: Sort = Sort::Created(Order::NewestFirst);
    pub const BEST: Sort = Sort::Best(Order::OldestFirst);

    /// The same keyset walked the other way (for the page before a row).
    pub fn reversed(self) -> Sort {
        let flip = |o| match o {
            Order::OldestFirst => Order::NewestFirst,
            Order::NewestFirst => Order::OldestFirst,
        };
        match self {
            Sort::Created(o) => Sort::Created(flip(o)),
            Sort::Best(o) => Sort::Best(flip(o)),
        }
    }

    /// An item's position in this keyset.
    pub fn cursor(self, item: &Item) -> Cursor {
        match self {
            Sort::Created(_) => (item.created_at.timestamp(), item.rid),
            Sort::Best(_) => (item.queue_key, item.rid),
        }
    }

    /// Whether the keyset ascends.
    pub fn ascending(self) -> bool {
        matches!(
            self,
            Sort::Created(Order::OldestFirst) | Sort::Best(Order::OldestFirst)
        )
    }

    fn column(self) -> &'static str {
        match self {
            Sort::Created(_) => "i.created_at",
            Sort::Best(_) => "i.queue_key",
        }
    }

    /// The keyset condition and the ORDER BY, pushing the cursor's arguments.
    fn clauses(self, after: Option<Cursor>, args: &mut Vec<Value>) -> (String, String) {
        let (cmp, dir) = if self.ascending() {
            (">", "ASC")
        } else {
            ("<", "DESC")
        };
        let col = self.column();
        let keyset = match after {
            Some((k, rid)) => {
                args.push(Value::Integer(k));
                args.push(Value::Integer(rid));
                format!(
                    " AND ({col}, i.rid) {cmp} (?{}, ?{})",
                    args.len() - 1,
                    args.len()
                )
            }
            None => String::new(),
        };
        (keyset, format!(" ORDER BY {col} {dir}, i.rid {dir}"))
    }
}

fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('%');
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The full-text query for what the user typed: every word a prefix (but a
/// lone character, matched whole), all required, so the list narrows as they
/// type. `None` when the index cannot
/// serve it — no word at all, or Chinese, Japanese or Thai, written without
/// spaces, which the tokenizer cannot split into words — and a substring
/// match does instead. Korean is written with spaces between words, and its
/// particles follow the word: "한국어" finds "한국어로" as a prefix.
fn fts_query(typed: &str) -> Option<String> {
    let unspaced = |c: char| matches!(c as u32, 0x0E00..=0x0EFF | 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF);
    if typed.chars().any(unspaced) {
        return None;
    }
    // A word of one character is that word: as a prefix it would match
    // most of the inbox (and cost the index a merge of thousands of words).
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let prefix = if w.chars().nth(1).is_some() { "*" } else { "" };
            format!("\"{}\"{prefix}", w.replace('"', "\"\""))
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

/// The full-text query of `q`'s search, if the index serves it.
fn fts_search(q: &Query) -> Option<String> {
    q.filter
        .search
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .and_then(fts_query)
}

/// The WHERE clause (after `WHERE i.own = 0`) and its arguments.
/// `walk`: the search matches so many items that walking the list's own
/// order and testing each row beats collecting and sorting every match.
fn where_clause(q: &Query, args: &mut Vec<Value>, walk: bool) -> String {
    let mut sql = String::new();
    let f = &q.filter;
    if let Some(state) = f.state {
        args.push(Value::Integer(state.code()));
        // A person's items, or a rare word's, are few: their index serves,
        // not the state's (the unary `+` keeps SQLite from walking every
        // item in the state to test each one).
        let few = q.person.is_some() || (fts_search(q).is_some() && !walk);
        let col = if few { "+i.state" } else { "i.state" };
        sql += &format!(" AND {col} = ?{}", args.len());
    }
    if let Some(p) = &f.platform {
        args.push(Value::Text(p.clone()));
        sql += &format!(" AND i.platform = ?{}", args.len());
    }
    if let Some(bit) = q.flag.filter(|b| *b < 16) {
        args.push(Value::Integer(1 << bit));
        sql += &format!(" AND (i.flags & ?{}) <> 0", args.len());
    }
    if q.any_flags != 0 {
        args.push(Value::Integer(i64::from(q.any_flags)));
        sql += &format!(" AND (i.flags & ?{}) <> 0", args.len());
    }
    if let Some((platform, author)) = &q.person {
        args.push(Value::Text(platform.clone()));
        args.push(Value::Text(author.clone()));
        sql += &format!(
            " AND i.platform = ?{} AND i.author = ?{}",
            args.len() - 1,
            args.len()
        );
    }
    if let Some(s) = f.search.as_deref().filter(|s| !s.trim().is_empty()) {
        args.push(Value::Text(escape_like(s)));
        let like = args.len();
        let titles = format!(
            "(i.platform, i.thread_id) IN (SELECT platform, thread_id FROM threads
                  WHERE title LIKE ?{like} ESCAPE '\\')"
        );
        sql += &match fts_query(s) {
            Some(fts) => {
                args.push(Value::Text(fts));
                let n = args.len();
                if walk {
                    // `+` keeps SQLite from fetching every match by row id
                    // and sorting them: the list's own order is walked.
                    format!(
                        " AND (+i.rid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?{n}) OR {titles})"
                    )
                } else {
                    // Few matches: gather them (the words', then the thread
                    // titles') and sort those, rather than walk the list
                    // testing every row against the titles.
                    format!(
                        " AND i.rid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?{n}
                             UNION ALL SELECT t.rid FROM items t INDEXED BY items_thread
                             WHERE t.thread_id IS NOT NULL
                               AND (t.platform, t.thread_id) IN (SELECT platform, thread_id FROM threads
                                  WHERE title LIKE ?{like} ESCAPE '\\'))"
                    )
                }
            }
            None => format!(
                " AND (i.body LIKE ?{like} ESCAPE '\\' OR i.author LIKE ?{like} ESCAPE '\\'
                   OR i.author_name LIKE ?{like} ESCAPE '\\' OR {titles})"
            ),
        };
    }
    sql
}

impl Store {
    /// Changes whenever another connection commits (a concurrent import):
    /// the TUI polls it to reload without a restart.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// One keyset page of the items `q` matches, strictly after `after` in
    /// `sort`. Only row ids are selected by the filter; the page's rows are
    /// then read by primary key, so the cost is the index walk plus `limit`
    /// point lookups.
    pub fn view_page(
        &self,
        q: &Query,
        sort: Sort,
        after: Option<Cursor>,
        limit: usize,
    ) -> Result<Vec<Item>> {
        let mut args = Vec::new();
        let walk = self.search_is_common(q)?;
        let mut sql = format!(
            "SELECT i.rid FROM items i WHERE i.own = 0{}",
            where_clause(q, &mut args, walk)
        );
        let (keyset, order_by) = sort.clauses(after, &mut args);
        sql += &keyset;
        sql += &order_by;
        sql += &format!(" LIMIT {limit}");
        let rids: Vec<i64> = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(args), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(rids.len());
        for rid in rids {
            if let Some(item) = self.item(rid)? {
                out.push(item);
            }
        }
        Ok(out)
    }

    /// Whether `q` searches for words so common that a page is found faster by
    /// walking the list in order than from the full-text index (see `where_clause`).
    fn search_is_common(&self, q: &Query) -> Result<bool> {
        const COMMON: i64 = 2_000;
        let (Some(fts), Some(typed)) = (fts_search(q), q.filter.search.as_deref()) else {
            return Ok(false);
        };
        // The words' matches and the items of threads whose title matches:
        // a common word in titles gathers as many as one in the items.
        let n: i64 = self
            .conn
            .prepare_cached(
                "SELECT COUNT(*) FROM (
                     SELECT 1 FROM items_fts WHERE items_fts MATCH ?1
                     UNION ALL SELECT 1 FROM items t INDEXED BY items_thread
                     WHERE t.thread_id IS NOT NULL
                       AND (t.platform, t.thread_id) IN (SELECT platform, thread_id FROM threads
                            WHERE title LIKE ?3 ESCAPE '\\')
                     LIMIT ?2)",
            )?
            .query_row(params![fts, COMMON + 1, escape_like(typed)], |r| r.get(0))?;
        Ok(n > COMMON)
    }

    /// How many items `q` matches (a scan: only on request, e.g. before a bulk action).
    pub fn count_matching(&self, q: &Query) -> Result<u64> {
        let mut args = Vec::new();
        let sql = format!(
            "SELECT COUNT(*) FROM items i WHERE i.own = 0{}",
            where_clause(q, &mut args, false)
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(args), |r| r.get(0))?)
    }

    /// Applies one change to every item `q` matches, as one undoable action.
    /// Returns how many items changed.
    pub fn apply_matching(
        &mut self,
        q: &Query,
        change: Change,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let mut args = Vec::new();
        let sql = format!(
            "SELECT i.rid FROM items i WHERE i.own = 0{}",
            where_clause(q, &mut args, false)
        );
        let tx = self.conn.transaction()?;
        let rids: Vec<i64> = tx
            .prepare(&sql)?
            .query_map(params_from_iter(args), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        change_all(tx, &self.analysis, &rids, change, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::OwnIdentities;
    use crate::model::{DismissReason, Record, State};

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("time")
            .with_timezone(&Utc)
    }

    fn store() -> Store {
        let mut s = Store::open_in_memory().expect("store");
        let own = OwnIdentities::default();
        let mut imp = s.begin_import(t("2026-03-10T00:00:00Z")).expect("import");
        for i in 0..10 {
            let mut r = Record::new(
                if i % 2 == 0 { "youtube" } else { "mastodon" },
                &format!("c{i}"),
                &format!("user{i}"),
                &format!("comment number {i} 100%_off"),
                t("2026-03-01T00:00:00Z") + chrono::Duration::hours(i),
            );
            r.thread_id = Some(format!("th{i}"));
            r.thread_title = Some(if i == 3 { "Special title" } else { "T" }.into());
            imp.add(&r, own.matches(&r), None).expect("add");
        }
        imp.finish(true).expect("finish");
        s
    }

    #[test]
    fn search_falls_back_to_substrings_where_words_are_not_split() {
        assert_eq!(
            fts_query("Coupon date"),
            Some("\"Coupon\"* AND \"date\"*".into())
        );
        assert_eq!(fts_query("say \"hi\""), Some("\"say\"* AND \"hi\"*".into()));
        assert_eq!(fts_query("C k8s"), Some("\"C\" AND \"k8s\"*".into()));
        assert_eq!(fts_query("%_!"), None);
        assert_eq!(fts_query("カルダモン"), None);
        assert_eq!(fts_query("한국어"), Some("\"한국어\"*".into()));
        let mut s = store();
        let mut imp = s.begin_import(t("2026-03-10T00:00:00Z")).expect("import");
        for (id, body) in [
            ("cjk", "エアロプレスの逆さ抽出 100%"),
            ("ko", "한국어로 된 설명서가 있나요?"),
        ] {
            let r = Record::new("x", id, "kenji", body, t("2026-03-02T00:00:00Z"));
            imp.add(&r, false, None).expect("add");
        }
        imp.finish(true).expect("finish");
        let q = |text: &str| Query {
            filter: Filter {
                search: Some(text.into()),
                ..Filter::default()
            },
            ..Query::default()
        };
        assert_eq!(s.count_matching(&q("逆さ")).expect("count"), 1);
        // Korean words are spaced: a word finds the word with its particle.
        assert_eq!(s.count_matching(&q("한국어")).expect("count"), 1);
        assert_eq!(s.count_matching(&q("설명서")).expect("count"), 1);
        // % and _ are literal in the substring match.
        assert_eq!(s.count_matching(&q("逆%")).expect("count"), 0);
    }

    #[test]
    fn pages_walk_both_ways_and_filter() {
        let s = store();
        let q = Query::default();
        let p1 = s.view_page(&q, Sort::OLDEST, None, 4).expect("page");
        assert_eq!(p1.len(), 4);
        let p2 = s
            .view_page(
                &q,
                Sort::OLDEST,
                p1.last().map(super::super::query::cursor),
                4,
            )
            .expect("page");
        assert_eq!(p2[0].id, "c4");
        let back = s
            .view_page(
                &q,
                Sort::NEWEST,
                Some(super::super::query::cursor(&p2[0])),
                2,
            )
            .expect("page");
        assert_eq!(back[0].id, "c3");
        let yt = Query {
            filter: Filter {
                platform: Some("youtube".into()),
                ..Filter::default()
            },
            ..Query::default()
        };
        assert_eq!(s.count_matching(&yt).expect("count"), 5);
        let title = Query {
            filter: Filter {
                search: Some("special".into()),
                ..Filter::default()
            },
            ..Query::default()
        };
        assert_eq!(s.count_matching(&title).expect("count"), 1);
        // Words are prefixes and all required; punctuation is not searched.
        let search = |text: &str| Query {
            filter: Filter {
                search: Some(text.into()),
                ..Filter::default()
            },
            ..Query::default()
        };
        assert_eq!(s.count_matching(&search("100%_")).expect("count"), 10);
        assert_eq!(s.count_matching(&search("numb")).expect("count"), 10);
        assert_eq!(s.count_matching(&search("number 3")).expect("count"), 1);
        assert_eq!(s.count_matching(&search("user7")).expect("count"), 1);
        assert_eq!(s.count_matching(&search("nothing")).expect("count"), 0);
        let flagged = Query {
            flag: Some(5),
            ..Query::default()
        };
        assert_eq!(s.count_matching(&flagged).expect("count"), 0);
    }

    #[test]
    fn best_first_pages_by_queue_key_both_ways() {
        let s = store();
        let q = Query::default();
        let all = s.view_page(&q, Sort::BEST, None, 100).expect("page");
        assert_eq!(all.len(), 10);
        let keys: Vec<(i64, i64)> = all.iter().map(|i| Sort::BEST.cursor(i)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "ascending queue_key, then rid");
        let second = s
            .view_page(&q, Sort::BEST, Some(Sort::BEST.cursor(&all[3])), 3)
            .expect("page");
        assert_eq!(second, all[4..7].to_vec());
        let mut before = s
            .view_page(
                &q,
                Sort::BEST.reversed(),
                Some(Sort::BEST.cursor(&all[4])),
                2,
            )
            .expect("page");
        before.reverse();
        assert_eq!(before, all[2..4].to_vec());
    }

    #[test]
    fn bulk_change_by_filter_is_one_undoable_action() {
        let mut s = store();
        let now = t("2026-03-11T00:00:00Z");
        let q = Query {
            filter: Filter {
                state: Some(State::NeedsReply),
                platform: Some("mastodon".into()),
                search: None,
            },
            ..Query::default()
        };
        let n = s
            .apply_matching(&q, Change::Dismissed(DismissReason::Spam), now)
            .expect("apply");
        assert_eq!(n, 5);
        assert_eq!(s.count_matching(&q).expect("count"), 0);
        let u = s.undo(now).expect("undo").expect("something undone");
        assert_eq!(u.items, 5);
        assert_eq!(s.count_matching(&q).expect("count"), 5);
    }

    #[test]
    fn a_person_and_any_of_several_flags_filter_pages() {
        let mut s = store();
        let mut imp = s.begin_import(t("2026-03-10T00:00:00Z")).expect("import");
        for (i, body) in [
            "follow for follow!",
            "Do you ship to Canada?",
            "🔥🔥🔥",
            "nice",
        ]
        .iter()
        .enumerate()
        {
            let r = Record::new(
                "youtube",
                &format!("p{i}"),
                "@joe",
                body,
                t("2026-03-02T00:00:00Z") + chrono::Duration::hours(i as i64),
            );
            imp.add(&r, false, None).expect("add");
        }
        // Someone else with the same handle on another platform.
        let r = Record::new(
            "mastodon",
            "m9",
            "@joe",
            "sub4sub",
            t("2026-03-02T00:00:00Z"),
        );
        imp.add(&r, false, None).expect("add");
        imp.finish(true).expect("finish");
        let joe = Query {
            person: Some(("youtube".into(), "@joe".into())),
            ..Query::default()
        };
        let page = s.view_page(&joe, Sort::NEWEST, None, 10).expect("page");
        let ids: Vec<&str> = page.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["p3", "p2", "p1", "p0"], "newest first, one platform");
        let low = (0..5).fold(0u16, |m, b| m | 1 << b);
        let flagged = Query {
            any_flags: low,
            ..joe.clone()
        };
        let page = s.view_page(&flagged, Sort::NEWEST, None, 10).expect("page");
        let ids: Vec<&str> = page.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["p2", "p0"], "bait and emoji only, not the question");
        let everyone = Query {
            filter: Filter {
                state: Some(State::NeedsReply),
                ..Filter::default()
            },
            any_flags: low,
            ..Query::default()
        };
        assert_eq!(s.count_matching(&everyone).expect("count"), 3);
        let now = t("2026-03-11T00:00:00Z");
        let n = s
            .apply_matching(&flagged, Change::Dismissed(DismissReason::Bait), now)
            .expect("apply");
        assert_eq!(n, 2);
        assert_eq!(s.count_matching(&everyone).expect("count"), 1);
        s.undo(now).expect("undo").expect("undone");
        assert_eq!(s.count_matching(&everyone).expect("count"), 3);
    }

    #[test]
    fn data_version_moves_on_other_connections_commits() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        let mut a = Store::open(&path).expect("a");
        let v0 = a.data_version().expect("v");
        let mut b = Store::open(&path).expect("b");
        let mut imp = b.begin_import(t("2026-03-10T00:00:00Z")).expect("import");
        let r = Record::new("x", "1", "u", "hi", t("2026-03-01T00:00:00Z"));
        imp.add(&r, false, None).expect("add");
        imp.finish(true).expect("finish");
        assert_ne!(a.data_version().expect("v"), v0);
        let v1 = a.data_version().expect("v");
        a.wake_snoozed(t("2026-03-10T00:00:00Z")).expect("wake");
        assert_eq!(a.data_version().expect("v"), v1);
    }
}

#[cfg(test)]
mod plans {
    use super::*;
    use crate::model::State;

    /// The query plan of a page query, as SQLite's EXPLAIN QUERY PLAN details.
    fn plan(s: &Store, q: &Query, sort: Sort, after: Option<Cursor>) -> Vec<String> {
        let mut args = Vec::new();
        let mut sql = format!(
            "SELECT i.rid FROM items i WHERE i.own = 0{}",
            where_clause(q, &mut args, false)
        );
        let (keyset, order_by) = sort.clauses(after, &mut args);
        sql += &keyset;
        sql += &order_by;
        sql += " LIMIT 50";
        let mut stmt = s
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("plan");
        stmt.query_map(params_from_iter(args), |r| r.get::<_, String>(3))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("plan")
    }

    #[test]
    fn pages_walk_an_index_without_sorting_the_table() {
        let s = Store::open_in_memory().expect("store");
        for state in [Some(State::NeedsReply), Some(State::Dismissed), None] {
            for order in [
                Sort::OLDEST,
                Sort::NEWEST,
                Sort::BEST,
                Sort::BEST.reversed(),
            ] {
                let q = Query {
                    filter: Filter {
                        state,
                        ..Filter::default()
                    },
                    ..Query::default()
                };
                // Best first is the queue's order: always with a state.
                if matches!(order, Sort::Best(_)) && state.is_none() {
                    continue;
                }
                for after in [None, Some((1_700_000_000, 42))] {
                    let p = plan(&s, &q, order, after).join(" | ");
                    println!("{state:?} {order:?} {after:?}: {p}");
                    assert!(p.contains("USING"), "no index: {p}");
                    assert!(!p.contains("USE TEMP B-TREE FOR ORDER BY"), "sorts: {p}");
                }
            }
        }
    }

    #[test]
    fn a_persons_pages_walk_their_index() {
        let s = Store::open_in_memory().expect("store");
        for state in [None, Some(State::NeedsReply), Some(State::Answered)] {
            for order in [Sort::NEWEST, Sort::OLDEST] {
                for any_flags in [0, 0b1_1111] {
                    let q = Query {
                        filter: Filter {
                            state,
                            ..Filter::default()
                        },
                        any_flags,
                        person: Some(("youtube".into(), "@joe".into())),
                        ..Query::default()
                    };
                    for after in [None, Some((1_700_000_000, 42))] {
                        let p = plan(&s, &q, order, after).join(" | ");
                        println!("{state:?} {order:?} {any_flags} {after:?}: {p}");
                        assert!(p.contains("USING INDEX items_author"), "{p}");
                        assert!(!p.contains("USE TEMP B-TREE FOR ORDER BY"), "sorts: {p}");
                    }
                }
            }
        }
    }

    #[test]
    fn flagged_items_of_the_queue_walk_the_queue_index() {
        let s = Store::open_in_memory().expect("store");
        let q = Query {
            filter: Filter {
                state: Some(State::NeedsReply),
                ..Filter::default()
            },
            any_flags: 0b1_1111,
            ..Query::default()
        };
        for order in [Sort::BEST, Sort::OLDEST] {
            let p = plan(&s, &q, order, None).join(" | ");
            assert!(p.contains("USING"), "no index: {p}");
            assert!(!p.contains("USE TEMP B-TREE FOR ORDER BY"), "sorts: {p}");
        }
    }
}
