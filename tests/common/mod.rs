//! Helpers shared by the integration tests: a temporary database, records
//! written as canonical JSON Lines, and the real command line run in-process.
#![allow(dead_code)]

use ackbox::cli::Cli;
use chrono::{DateTime, Utc};
use clap::Parser;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// A temporary home for one test's database and config.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    /// An empty config (the defaults) and no database yet.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("config.toml"), "").expect("config");
        Sandbox { dir }
    }
    /// A sandbox holding `records` (canonical JSON Lines), imported at `now`.
    pub fn imported(records: &[String], now: DateTime<Utc>) -> Self {
        let s = Sandbox::new();
        let f = s.file("a.jsonl", &lines(records));
        s.ok(&["import", f.to_str().expect("path")], now);
        s
    }
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("ackbox.db")
    }
    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }
    pub fn file(&self, name: &str, content: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, content).expect("write");
        p
    }
    /// Runs `ackbox ARGS` in-process against this sandbox at time `now`.
    pub fn run(&self, args: &[&str], now: DateTime<Utc>) -> anyhow::Result<String> {
        let mut full = vec![
            "ackbox".to_owned(),
            "--db".to_owned(),
            self.db().display().to_string(),
            "--config".to_owned(),
            self.config().display().to_string(),
        ];
        full.extend(args.iter().map(|s| (*s).to_owned()));
        let cli = Cli::try_parse_from(full)?;
        let mut out = Vec::new();
        ackbox::commands::run(&cli, &mut out, now)?;
        Ok(String::from_utf8(out).expect("utf-8 output"))
    }
    /// Runs `ackbox ARGS`, which must fail; returns the whole error chain.
    pub fn fails(&self, args: &[&str], now: DateTime<Utc>) -> String {
        match self.run(args, now) {
            Ok(out) => panic!("ackbox {args:?} succeeded: {out}"),
            Err(e) => format!("{e:#}"),
        }
    }
    pub fn ok(&self, args: &[&str], now: DateTime<Utc>) -> String {
        self.run(args, now)
            .unwrap_or_else(|e| panic!("ackbox {args:?} failed: {e:#}"))
    }
    /// `import --json FILE`'s summary, parsed.
    pub fn import_summary(&self, file: &Path, now: DateTime<Utc>) -> Value {
        let out = self.ok(&["import", "--json", file.to_str().expect("path")], now);
        serde_json::from_str(&out).expect("a summary")
    }
    /// `list --json --state all`, parsed.
    pub fn list(&self, now: DateTime<Utc>) -> Vec<Value> {
        self.ok(&["list", "--json", "--state", "all"], now)
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect()
    }
    /// The listed item with this id (ids are unique in the tests' inboxes).
    pub fn listed(&self, id: &str, now: DateTime<Utc>) -> Value {
        self.list(now)
            .into_iter()
            .find(|v| v["id"] == id)
            .unwrap_or_else(|| panic!("no item {id}"))
    }
    pub fn state_of(&self, platform: &str, id: &str, now: DateTime<Utc>) -> String {
        self.list(now)
            .into_iter()
            .find(|v| v["platform"] == platform && v["id"] == id)
            .unwrap_or_else(|| panic!("no item {platform}:{id}"))["state"]
            .as_str()
            .expect("state")
            .to_owned()
    }
    pub fn stats(&self, window: &str, now: DateTime<Utc>) -> Value {
        serde_json::from_str(&self.ok(&["stats", "--json", "--window", window], now))
            .expect("stats json")
    }
}

pub fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("timestamp")
        .with_timezone(&Utc)
}

/// One canonical JSON line; `extra` fields are merged in.
pub fn item(
    platform: &str,
    id: &str,
    author: &str,
    body: &str,
    created: &str,
    extra: Value,
) -> String {
    let mut v = json!({
        "platform": platform, "id": id, "author": author, "body": body, "created_at": created,
        "thread_id": "t1", "thread_title": "Launch post",
    });
    if let (Value::Object(m), Value::Object(e)) = (&mut v, extra) {
        m.extend(e);
    }
    v.to_string()
}

/// An own reply to `parent`.
pub fn reply(platform: &str, id: &str, parent: &str, body: &str, created: &str) -> String {
    item(
        platform,
        id,
        "me",
        body,
        created,
        json!({"parent_id": parent, "own": true}),
    )
}

/// The `id` of each JSON line of a command's output.
pub fn ids(out: &str) -> Vec<String> {
    out.lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("json line")["id"]
                .as_str()
                .expect("id")
                .to_owned()
        })
        .collect()
}

pub fn lines(ls: &[String]) -> String {
    ls.iter().map(|l| format!("{l}\n")).collect()
}

pub fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).expect("read")
}

/// Rows of a query, for comparing tables.
pub fn rows(conn: &rusqlite::Connection, sql: &str) -> Vec<Vec<rusqlite::types::Value>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get(i)).collect())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Both full-text indexes hold what their content (the folded views) says,
/// word for word: an index written unfolded, or a row's words left in it,
/// fails.
pub fn assert_indexes_match(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open");
    ackbox::store::register_functions(&conn).expect("functions");
    for index in ["items_fts", "threads_fts"] {
        conn.execute_batch(&format!(
            "INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)"
        ))
        .unwrap_or_else(|e| panic!("{index} does not match its content: {e}"));
    }
}

/// The roll-ups the statistics read equal a recount from the items.
pub fn assert_rollups_match_items(s: &Sandbox) {
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let same = |kept: &str, counted: &str| {
        assert_eq!(rows(&conn, kept), rows(&conn, counted), "{kept}");
    };
    for (table, secs) in [("hourly", 3600), ("daily", 86_400)] {
        same(
            &format!(
                "SELECT start, platform, incoming, needs_reply, answered, dismissed, snoozed,
                        personal, personal_unknown, replies
                 FROM {table} WHERE incoming > 0 OR replies > 0 ORDER BY 1, 2"
            ),
            &format!(
                "SELECT created_at / {secs} * {secs}, platform, SUM(own = 0), SUM(state IS 0),
                        SUM(state IS 1), SUM(state IS 2), SUM(state IS 3),
                        SUM(state IS 1 AND personal IS 1), SUM(state IS 1 AND personal IS NULL),
                        SUM(own = 1)
                 FROM items GROUP BY 1, 2 ORDER BY 1, 2"
            ),
        );
        same(
            &format!(
                "SELECT COUNT(*) FROM {table} WHERE incoming = 0 AND replies = 0
                     AND needs_reply + answered + dismissed + snoozed + personal + personal_unknown > 0"
            ),
            "SELECT 0",
        );
    }
    same(
        "SELECT platform, state, n FROM platform_states WHERE n > 0 ORDER BY 1, 2",
        "SELECT platform, state, COUNT(*) FROM items WHERE own = 0 GROUP BY 1, 2 ORDER BY 1, 2",
    );
    same(
        "SELECT platform, author, items, needs_reply, answered, dismissed, last_seen, last_answered
         FROM authors WHERE items > 0 ORDER BY 1, 2",
        "SELECT platform, author, COUNT(*), SUM(state IS 0), SUM(state IS 1), SUM(state IS 2),
                MAX(created_at), MAX(COALESCE(first_reply_at, iif(state IS 1, state_at, NULL)))
         FROM items WHERE own = 0 GROUP BY 1, 2 ORDER BY 1, 2",
    );
    same(
        "SELECT platform, author, n FROM author_noise WHERE n <> 0 ORDER BY 1, 2",
        "SELECT platform, author, COUNT(*) FROM items
         WHERE own = 0 AND state = 2 AND reason IN ('bait', 'spam') GROUP BY 1, 2 ORDER BY 1, 2",
    );
}
