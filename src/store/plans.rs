//! The hot queries, as SQLite runs them: the query-plan test
//! (`tests/query_plans.rs`) and the benchmark (`benches/scale.rs`) use these
//! to `EXPLAIN QUERY PLAN` every statement the TUI and `stats` run.
//!
//! Nothing here copies SQL: [`hot_queries`] calls the real store functions
//! with statement tracing on and returns the statements they executed
//! (parameters expanded), so a changed query is checked as it now is.

use super::Store;
use super::actions::Change;
use super::query::Filter;
use super::view::{Query, Sort};
use crate::config::{Config, Window};
use crate::model::{DismissReason, State};
use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use std::cell::RefCell;
use std::time::Duration;

thread_local! {
    /// Statements traced on this thread (SQLite calls back on the thread
    /// that steps the statement).
    /// (the statement as written, with its parameters expanded).
    static TRACED: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

fn record(event: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Stmt(stmt, sql) = event {
        // A trigger's sub-program reports its name as a comment: skip it.
        if !sql.starts_with("--") {
            let expanded = stmt.expanded_sql().unwrap_or_else(|| sql.to_owned());
            TRACED.with(|t| t.borrow_mut().push((sql.to_owned(), expanded)));
        }
    }
}

/// One statement's text (as written), how often it ran, its total time.
pub type StatementProfile = (String, u64, Duration);

thread_local! {
    /// Statements profiled on this thread: (text as written, time).
    static PROFILED: RefCell<Vec<(String, Duration)>> = const { RefCell::new(Vec::new()) };
}

fn record_profile(event: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Profile(stmt, d) = event {
        let sql = stmt.sql().into_owned();
        PROFILED.with(|t| t.borrow_mut().push((sql, d)));
    }
}

/// Statements that have no query plan worth checking.
fn plannable(sql: &str) -> bool {
    let head = sql.trim_start().to_ascii_uppercase();
    ![
        "PRAGMA",
        "BEGIN",
        "COMMIT",
        "END",
        "ROLLBACK",
        "SAVEPOINT",
        "RELEASE",
        "--",
        // Schema changes (an import sets a trigger aside) have no plan.
        "CREATE",
        "DROP",
    ]
    .iter()
    .any(|k| head.starts_with(k))
}

impl Store {
    /// Runs `f` with statement tracing on; returns its result and the
    /// statements it executed, in order: each as written (`?1`) and with its
    /// parameters expanded.
    #[doc(hidden)]
    pub fn traced<T>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<(T, Vec<(String, String)>)> {
        TRACED.with(|t| t.borrow_mut().clear());
        let stmt = rusqlite::trace::TraceEventCodes::SQLITE_TRACE_STMT;
        self.conn.trace_v2(stmt, Some(record));
        let out = f(self);
        self.conn.trace_v2(stmt, None);
        let sql = TRACED.with(|t| std::mem::take(&mut *t.borrow_mut()));
        Ok((out?, sql))
    }

    /// Runs `f` with statement profiling on; returns its result and, per
    /// statement text (as written), how often it ran and its total time,
    /// the costliest first. For finding where a slow operation spends its time.
    #[doc(hidden)]
    pub fn profiled<T>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<(T, Vec<StatementProfile>)> {
        PROFILED.with(|t| t.borrow_mut().clear());
        let profile = rusqlite::trace::TraceEventCodes::SQLITE_TRACE_PROFILE;
        self.conn.trace_v2(profile, Some(record_profile));
        let out = f(self);
        self.conn.trace_v2(profile, None);
        let runs = PROFILED.with(|t| std::mem::take(&mut *t.borrow_mut()));
        let mut by_sql: std::collections::HashMap<String, (u64, Duration)> =
            std::collections::HashMap::new();
        for (sql, d) in runs {
            let e = by_sql.entry(sql).or_default();
            e.0 += 1;
            e.1 += d;
        }
        let mut rows: Vec<StatementProfile> =
            by_sql.into_iter().map(|(s, (n, d))| (s, n, d)).collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.2));
        Ok((out?, rows))
    }

    /// `EXPLAIN QUERY PLAN` of one statement: the detail column of each row.
    #[doc(hidden)]
    pub fn query_plan(&self, sql: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .with_context(|| format!("cannot explain {sql}"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(3))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Every statement the hot paths run, labelled by the path: the TUI's pages
/// (each view, walked forwards and backwards, filtered and searched), the
/// detail pane, the counts, the statistics, a dismiss and its undo, the
/// two-second poll. `store` should hold items in every state; `now` is the
/// time the statistics are computed for. Writes (the dismiss is undone).
#[doc(hidden)]
pub fn hot_queries(
    store: &mut Store,
    config: &Config,
    now: DateTime<Utc>,
) -> Result<Vec<(&'static str, String)>> {
    let chunk = crate::tui::state::CHUNK;
    let mut out: Vec<(&'static str, String)> = Vec::new();
    // One statement per label and text as written (its first run).
    let mut seen: Vec<(&'static str, String)> = Vec::new();
    let mut add = |label: &'static str, sql: Vec<(String, String)>| {
        for (written, expanded) in sql {
            if plannable(&written) && !seen.iter().any(|(l, w)| *l == label && *w == written) {
                seen.push((label, written));
                out.push((label, expanded));
            }
        }
    };
    let view = |state: Option<State>, search: Option<&str>, platform: Option<&str>| Query {
        filter: Filter {
            state,
            platform: platform.map(str::to_owned),
            search: search.map(str::to_owned),
        },
        ..Query::default()
    };
    let pages = |label: &'static str, q: Query, sort: Sort| {
        move |s: &mut Store| -> Result<(&'static str, Vec<(String, String)>)> {
            let ((), sql) = s.traced(|s| {
                // First page, the next one, the end (`G`) and the page before it.
                let first = s.view_page(&q, sort, None, chunk)?;
                if let Some(last) = first.last() {
                    s.view_page(&q, sort, Some(sort.cursor(last)), chunk)?;
                }
                let end = s.view_page(&q, sort.reversed(), None, chunk)?;
                if let Some(last) = end.last() {
                    s.view_page(&q, sort.reversed(), Some(sort.cursor(last)), chunk)?;
                }
                Ok(())
            })?;
            Ok((label, sql))
        }
    };
    let walks = [
        pages(
            "queue page",
            view(Some(State::NeedsReply), None, None),
            Sort::BEST,
        ),
        pages(
            "answered page",
            view(Some(State::Answered), None, None),
            Sort::NEWEST,
        ),
        pages(
            "dismissed page",
            view(Some(State::Dismissed), None, None),
            Sort::NEWEST,
        ),
        pages(
            "snoozed page",
            view(Some(State::Snoozed), None, None),
            Sort::NEWEST,
        ),
        pages("all page", view(None, None, None), Sort::NEWEST),
        pages(
            "search page (queue)",
            view(Some(State::NeedsReply), Some("keyboard"), None),
            Sort::BEST,
        ),
        pages(
            "search page (all)",
            view(None, Some("keyboard"), None),
            Sort::NEWEST,
        ),
        pages(
            "platform filter page (queue)",
            view(Some(State::NeedsReply), None, Some("youtube")),
            Sort::BEST,
        ),
        pages(
            "platform filter page (all)",
            view(None, None, Some("youtube")),
            Sort::NEWEST,
        ),
    ];
    for walk in walks {
        let (label, sql) = walk(store)?;
        add(label, sql);
    }
    let flagged = Query {
        flag: Some(0),
        ..view(Some(State::NeedsReply), None, None)
    };
    add(
        "flag filter page",
        store
            .traced(|s| s.view_page(&flagged, Sort::BEST, None, chunk))?
            .1,
    );

    // The detail pane of the first item in the queue (as effects::LoadDetail).
    let queue = view(Some(State::NeedsReply), None, None);
    let first = store
        .view_page(&queue, Sort::BEST, None, 1)?
        .pop()
        .context("the seeded queue is empty")?;
    // Where an item undone under a flag and a substring search is (the
    // cursor follows it): its row alone tested.
    let substring = Query {
        filter: Filter {
            search: Some("逆さ".to_owned()),
            ..flagged.filter.clone()
        },
        ..flagged.clone()
    };
    add(
        "item tested against a filter",
        store.traced(|s| s.matches(&substring, first.rid))?.1,
    );
    let target = config.target_secs();
    add(
        "detail",
        store
            .traced(|s| {
                let item = s.item(first.rid)?.context("item")?;
                s.person_tags(&item.platform, &item.author)?;
                s.priority(&item, now, target)?;
                s.parent(&item)?;
                s.exchange(&item, 8)?;
                s.elsewhere(&item, 3)?;
                s.person(&item.platform, &item.author)?;
                Ok(())
            })?
            .1,
    );
    add(
        "reply draft judged",
        store
            .traced(|s| s.judge_draft(first.rid, "Thanks, glad it helped!"))?
            .1,
    );

    // A select-all over a search counts what the words gather, as the
    // page of a rare word does.
    add(
        "search count",
        store
            .traced(|s| s.count_matching(&view(None, Some("keyboard"), None)))?
            .1,
    );
    // A select-all's count, bounded to the items stored then.
    add(
        "bounded count",
        store
            .traced(|s| s.count_matching(&s.bounded(view(Some(State::NeedsReply), None, None))?))?
            .1,
    );

    add("first frame", store.traced(|s| s.is_empty())?.1);
    add("platforms", store.traced(|s| s.platforms())?.1);
    add("state counts", store.traced(|s| s.state_counts())?.1);
    add(
        "needs-reply count",
        store.traced(|s| s.needs_reply_count())?.1,
    );
    add(
        "today's counts",
        store.traced(|s| crate::stats::today(s, now))?.1,
    );
    add("backlog", store.traced(|s| s.backlog(now.timestamp()))?.1);
    for (label, window) in [
        ("stats 7d", Window::Days(7)),
        ("stats 30d", Window::Days(30)),
        ("stats 90d", Window::Days(90)),
        ("stats all", Window::All),
    ] {
        add(
            label,
            store
                .traced(|s| crate::stats::report(s, config, window, now))?
                .1,
        );
    }
    add("people", store.traced(|s| s.people(None, 50))?.1);
    add(
        "people (one platform)",
        store.traced(|s| s.people(Some(&first.platform), 50))?.1,
    );
    add(
        "person history",
        store
            .traced(|s| s.person_row(&first.platform, &first.author))?
            .1,
    );
    add(
        "dismiss + undo",
        store
            .traced(|s| {
                s.apply(&[first.rid], Change::Dismissed(DismissReason::Spam), now)?;
                s.next_undo_is_small()?;
                s.undo(now)
            })?
            .1,
    );
    add(
        "poll",
        store
            .traced(|s| {
                s.wake_snoozed(now)?;
                s.data_version()
            })?
            .1,
    );
    // An import into a database with items (last: it adds some): each
    // record looked up and written, an own comment of a flat thread finding
    // the item it follows, an own reply the reply it mentions.
    let file = [
        r#"{"platform":"github","id":"plans-1","author":"ana","body":"It crashes","created_at":"2026-03-01T10:00:00Z","thread_id":"o/r#1"}"#,
        r#"{"platform":"github","id":"plans-2","author":"me","body":"@ana fixed","created_at":"2026-03-01T11:00:00Z","thread_id":"o/r#1","own":true}"#,
        r#"{"platform":"youtube","id":"plans-3","author":"@bo","body":"Nice","created_at":"2026-03-01T10:00:00Z","thread_id":"v"}"#,
        r#"{"platform":"youtube","id":"plans-4","author":"@cy","body":"Part 2?","created_at":"2026-03-01T10:30:00Z","thread_id":"v","parent_id":"plans-3"}"#,
        r#"{"platform":"youtube","id":"plans-5","author":"me","body":"@cy soon","created_at":"2026-03-01T11:00:00Z","thread_id":"v","parent_id":"plans-3","own":true}"#,
    ]
    .join("\n");
    add(
        "import",
        store
            .traced(|s| {
                crate::import::import_reader(
                    s,
                    "plans.jsonl",
                    Box::new(std::io::Cursor::new(file)),
                    &crate::config::OwnIdentities::new(config, &[]),
                    &crate::import::Options::default(),
                    now,
                )
            })?
            .1,
    );
    Ok(out)
}

/// The names `items` goes by in a statement: itself and its aliases
/// (`FROM items i`, `JOIN items AS r`).
fn items_names(sql: &str) -> Vec<String> {
    const KEYWORDS: &[&str] = &[
        "INDEXED",
        "NOT",
        "WHERE",
        "LEFT",
        "RIGHT",
        "FULL",
        "INNER",
        "CROSS",
        "NATURAL",
        "JOIN",
        "ON",
        "USING",
        "GROUP",
        "ORDER",
        "LIMIT",
        "UNION",
        "EXCEPT",
        "INTERSECT",
        "SET",
        "WINDOW",
        "HAVING",
        "VALUES",
        "DEFAULT",
    ];
    let mut names = vec!["items".to_owned()];
    let re = regex::Regex::new(r"(?i)\b(?:FROM|JOIN)\s+items\s+(?:AS\s+)?([A-Za-z_][A-Za-z0-9_]*)")
        .expect("valid regex");
    for c in re.captures_iter(sql) {
        let alias = &c[1];
        if !KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(alias)) {
            names.push(alias.to_owned());
        }
    }
    names
}

/// Whether a plan line of `sql` reads the whole `items` table row by row
/// (`SCAN items`, or `SCAN i` for an alias) rather than searching it or
/// walking one of its indexes (`SCAN i USING INDEX ...` is a walk).
#[doc(hidden)]
pub fn scans_items(sql: &str, detail: &str) -> bool {
    let Some(rest) = detail.trim().strip_prefix("SCAN ") else {
        return false;
    };
    if rest.contains(" USING ") || rest.contains("VIRTUAL TABLE") {
        return false;
    }
    let table = rest.split_whitespace().next().unwrap_or_default();
    items_names(sql).iter().any(|n| n == table)
}

/// Whether a plan line reads some table row by row (`SCAN threads`): a
/// full scan, though of a table other than `items` it may be a small one.
#[doc(hidden)]
pub fn is_table_scan(detail: &str) -> bool {
    let Some(rest) = detail.trim().strip_prefix("SCAN ") else {
        return false;
    };
    !(rest.starts_with('(')
        || rest.starts_with("CONSTANT ROW")
        || rest.contains(" USING ")
        || rest.contains("VIRTUAL TABLE"))
}

/// Whether a plan line of `sql` searches `items` by platform alone
/// (`SEARCH i USING INDEX items_author (platform=?)`): with a handful of
/// platforms that reads a third of the table, a scan in all but name.
#[doc(hidden)]
pub fn walks_a_platform(sql: &str, detail: &str) -> bool {
    let Some(rest) = detail.trim().strip_prefix("SEARCH ") else {
        return false;
    };
    let table = rest.split_whitespace().next().unwrap_or_default();
    items_names(sql).iter().any(|n| n == table) && rest.trim_end().ends_with("(platform=?)")
}
