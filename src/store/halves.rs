//! A long window's item scans, split in two halves read at once on two
//! connections: the reply times and the busiest people of a year of items
//! are each one index scan, bound by SQLite's work per row, and a second
//! core halves them.

use super::Store;
use anyhow::Result;
use rusqlite::params;

/// Below this many items a window is read in one go: a thread and a second
/// connection cost more than they save.
const SPLIT_FROM: i64 = 20_000;

impl Store {
    /// Runs `scan` over `[from, to)` and returns its result, or its results
    /// over two halves of the window holding as many items each (by the
    /// daily roll-up), read at once, the second on a connection of its own.
    /// A database in memory, or a short window, is read in one go.
    pub(crate) fn in_halves<T: Send>(
        &self,
        from: i64,
        to: i64,
        scan: impl Fn(&Store, i64, i64) -> Result<T> + Sync,
    ) -> Result<(T, Option<T>)> {
        let mid = match self.middle(from, to)? {
            Some(mid) => mid,
            None => return Ok((scan(self, from, to)?, None)),
        };
        let Some(side) = self.sidecar()? else {
            return Ok((scan(self, from, to)?, None));
        };
        let (first, (side, second)) = std::thread::scope(|s| {
            let later = s.spawn(|| {
                let r = side
                    .reading()
                    .and_then(|_snapshot| Ok((side.rolled_up(mid, to)?, scan(&side, mid, to)?)));
                (side, r)
            });
            let first = scan(self, from, mid);
            let joined = later
                .join()
                .expect("a scan of the window's second half panicked");
            (first, joined)
        });
        self.sidecar.set(Some(side));
        let (seen, second) = second?;
        // The second connection reads the file as it is now: a change
        // committed since this one's snapshot began (an import running
        // beside a report) moves the half's roll-up, and the half is read
        // again here, so that the report's figures agree with each other.
        let second = match seen == self.rolled_up(mid, to)? {
            true => second,
            false => scan(self, mid, to)?,
        };
        Ok((first?, Some(second)))
    }

    /// The daily roll-up's counts over `[from, to)`, which every change to
    /// the items there (arrival, state, reply) moves.
    fn rolled_up(&self, from: i64, to: i64) -> Result<[i64; 9]> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT COUNT(*), SUM(incoming), SUM(needs_reply), SUM(answered), SUM(dismissed),
                    SUM(snoozed), SUM(personal), SUM(personal_unknown), SUM(replies)
             FROM daily WHERE start >= ?1 AND start < ?2",
            )?
            .query_row(params![from, to], |r| {
                let mut out = [0; 9];
                for (i, v) in out.iter_mut().enumerate() {
                    *v = r.get::<_, Option<i64>>(i)?.unwrap_or(0);
                }
                Ok(out)
            })?)
    }

    /// The start of the day that splits `[from, to)` into two halves of
    /// about as many incoming items, if the window holds enough to split.
    fn middle(&self, from: i64, to: i64) -> Result<Option<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT start, SUM(incoming) FROM daily
             WHERE start >= ?1 AND start < ?2 GROUP BY start ORDER BY start",
        )?;
        let days = stmt
            .query_map(params![from, to], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total: i64 = days.iter().map(|d| d.1).sum();
        if total < SPLIT_FROM {
            return Ok(None);
        }
        let mut seen = 0;
        Ok(days.into_iter().find_map(|(start, n)| {
            seen += n;
            (seen * 2 >= total).then_some(start)
        }))
    }

    /// The second connection to this database, opened on first use with the
    /// same page cache size; `None` for a database in memory.
    fn sidecar(&self) -> Result<Option<Box<Store>>> {
        if let Some(side) = self.sidecar.take() {
            return Ok(Some(side));
        }
        let Some(path) = self.path() else {
            return Ok(None);
        };
        // Opening sets SQLite's soft heap limit, which is the process's:
        // the one this connection was given (the TUI's, lower) stays.
        let mine = super::memory(&self.conn)?;
        let side = Store::open(&path)?;
        super::set_memory(&side.conn, mine)?;
        Ok(Some(Box::new(side)))
    }
}

#[cfg(test)]
mod tests {
    use super::Store;

    /// A change committed by another connection while a report reads its
    /// snapshot is not in either half: the second half, read on a
    /// connection that sees it, is read again in the report's snapshot.
    #[test]
    fn both_halves_are_read_in_the_reports_snapshot() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.db");
        let s = Store::open(&path).expect("open");
        // 30,000 answered items, one a minute.
        s.conn
            .execute_batch(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
                 INSERT INTO items (platform, id, author, body, created_at, state, state_at)
                 SELECT 'x', 'i' || i, 'a', 'b', 1700000000 + 60 * i, 1, 1700000000 + 60 * i
                 FROM n;",
            )
            .expect("items");
        let answered = |st: &Store, from: i64, to: i64| -> anyhow::Result<i64> {
            Ok(st.conn.query_row(
                "SELECT COUNT(*) FROM items WHERE state = 1 AND created_at >= ?1 AND created_at < ?2",
                [from, to],
                |r| r.get(0),
            )?)
        };
        let (from, to) = (1_700_000_000, 1_700_000_000 + 60 * 30_001);
        let snapshot = s.reading().expect("begin").expect("a snapshot");
        assert_eq!(answered(&s, from, to).expect("count"), 30_000);
        // Another process takes back the answer of the newest items.
        let other = Store::open(&path).expect("another");
        other
            .conn
            .execute(
                "UPDATE items SET state = 0 WHERE created_at >= ?1",
                [to - 60 * 100],
            )
            .expect("changed");
        let (first, second) = s.in_halves(from, to, answered).expect("halves");
        let second = second.expect("split in two");
        assert_eq!(first + second, 30_000);
        drop(snapshot);
        let (first, second) = s.in_halves(from, to, answered).expect("halves");
        assert_eq!(first + second.expect("split in two"), 29_900);
    }

    /// The second connection reads with the first one's page cache, and
    /// opening it leaves the process's memory limit as the TUI set it.
    #[test]
    fn the_sidecar_keeps_the_cache_and_the_memory_limit_it_was_given() {
        let dir = tempfile::tempdir().expect("dir");
        let s = Store::open(&dir.path().join("a.db")).expect("open");
        s.set_memory_kib(8 * 1024, 24 * 1024).expect("memory");
        let side = s.sidecar().expect("sidecar").expect("a file has one");
        let pragma = |st: &Store, name: &str| -> i64 {
            st.conn
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
                .expect("pragma")
        };
        assert_eq!(pragma(&side, "cache_size"), -8 * 1024);
        assert_eq!(pragma(&s, "soft_heap_limit"), 24 * 1024 * 1024);
        assert!(
            Store::open_in_memory()
                .expect("memory")
                .sidecar()
                .expect("none")
                .is_none()
        );
    }
}
