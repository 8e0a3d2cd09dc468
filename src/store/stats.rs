//! The SQL aggregates behind the statistics; the math lives in `crate::stats`.

use super::Store;
use anyhow::Result;
use rusqlite::params;

/// Counts of incoming items created in a window, for one platform.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WindowCounts {
    pub incoming: u64,
    pub answered: u64,
    pub dismissed: u64,
    pub needs_reply: u64,
    pub snoozed: u64,
    pub within_target: u64,
    pub personal: u64,
    pub personal_unknown: u64,
}

/// Items needing a reply now, for one platform.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BacklogCounts {
    pub total: u64,
    pub under_1d: u64,
    pub from_1_to_3d: u64,
    pub from_3_to_7d: u64,
    pub over_7d: u64,
    pub oldest: Option<i64>,
}

/// One bucket (day or week) of the chart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bucket {
    pub start: i64,
    pub incoming: u64,
    pub answered: u64,
    pub dismissed: u64,
    pub replies: u64,
}

/// One person's figures in a window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonCounts {
    pub platform: String,
    pub author: String,
    pub author_name: Option<String>,
    pub items: u64,
    pub answered: u64,
    pub dismissed: u64,
    pub needs_reply: u64,
    pub weeks: u64,
    pub last_seen: i64,
}

impl Store {
    /// Per-platform counts over incoming items created in `[from, to)`.
    pub fn window_counts(
        &self,
        from: i64,
        to: i64,
        target_secs: i64,
    ) -> Result<Vec<(String, WindowCounts)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT platform, COUNT(*), SUM(state = 1), SUM(state = 2), SUM(state = 0), SUM(state = 3),
                    SUM(state = 1 AND COALESCE(first_reply_at, state_at) - created_at <= ?3),
                    SUM(state = 1 AND personal IS 1), SUM(state = 1 AND personal IS NULL)
             FROM items INDEXED BY items_incoming_created
             WHERE own = 0 AND created_at >= ?1 AND created_at < ?2
             GROUP BY platform ORDER BY platform",
        )?;
        let rows = stmt.query_map(params![from, to, target_secs], |r| {
            Ok((
                r.get(0)?,
                WindowCounts {
                    incoming: r.get(1)?,
                    answered: r.get(2)?,
                    dismissed: r.get(3)?,
                    needs_reply: r.get(4)?,
                    snoozed: r.get(5)?,
                    within_target: r.get(6)?,
                    personal: r.get(7)?,
                    personal_unknown: r.get(8)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Dismissals in the window by platform and reason.
    pub fn dismissals(&self, from: i64, to: i64) -> Result<Vec<(String, String, u64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT platform, COALESCE(reason, 'other'), COUNT(*) FROM items
             WHERE own = 0 AND state = 2 AND created_at >= ?1 AND created_at < ?2
             GROUP BY 1, 2 ORDER BY 1, 2",
        )?;
        let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// (platform, created_at, first reply) of answered items in the window.
    /// An item marked answered by hand counts from the time it was marked.
    pub fn reply_times(&self, from: i64, to: i64) -> Result<Vec<(String, i64, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT platform, created_at, COALESCE(first_reply_at, state_at, created_at)
             FROM items INDEXED BY items_state_created
             WHERE own = 0 AND state = 1 AND created_at >= ?1 AND created_at < ?2",
        )?;
        let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// (platform, created_at) of items created in the window still open
    /// (needing a reply or snoozed): censored observations.
    pub fn open_items(&self, from: i64, to: i64) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT platform, created_at FROM items INDEXED BY items_state_created
             WHERE own = 0 AND state IN (0, 3) AND created_at >= ?1 AND created_at < ?2",
        )?;
        let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The backlog now, per platform.
    pub fn backlog(&self, now: i64) -> Result<Vec<(String, BacklogCounts)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT platform, COUNT(*), SUM(created_at > ?1 - 86400),
                    SUM(created_at <= ?1 - 86400 AND created_at > ?1 - 3 * 86400),
                    SUM(created_at <= ?1 - 3 * 86400 AND created_at > ?1 - 7 * 86400),
                    SUM(created_at <= ?1 - 7 * 86400), MIN(created_at)
             FROM items INDEXED BY items_state_created WHERE own = 0 AND state = 0
             GROUP BY platform ORDER BY platform",
        )?;
        let rows = stmt.query_map([now], |r| {
            Ok((
                r.get(0)?,
                BacklogCounts {
                    total: r.get(1)?,
                    under_1d: r.get(2)?,
                    from_1_to_3d: r.get(3)?,
                    from_3_to_7d: r.get(4)?,
                    over_7d: r.get(5)?,
                    oldest: r.get(6)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Items answered and dismissed in `[from, to)` (today's progress).
    pub fn decided_between(&self, from: i64, to: i64) -> Result<(u64, u64)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT COUNT(*) FROM items INDEXED BY items_state_at
             WHERE own = 0 AND state = ?1 AND state_at >= ?2 AND state_at < ?3",
        )?;
        let answered = stmt.query_row(params![1, from, to], |r| r.get(0))?;
        let dismissed = stmt.query_row(params![2, from, to], |r| r.get(0))?;
        Ok((answered, dismissed))
    }

    /// Items needing a reply now.
    pub fn needs_reply_count(&self) -> Result<u64> {
        // Kept by triggers (migration 3): no scan.
        Ok(self
            .conn
            .prepare_cached("SELECT COALESCE((SELECT n FROM state_counts WHERE state = 0), 0)")?
            .query_row([], |r| r.get(0))?)
    }

    /// Incoming items and own replies per bucket of `bucket_secs`, whose
    /// boundaries are shifted by `offset_secs` (the local UTC offset).
    pub fn buckets(
        &self,
        from: i64,
        to: i64,
        bucket_secs: i64,
        offset_secs: i64,
    ) -> Result<Vec<Bucket>> {
        let bucket = |t: i64| (t + offset_secs).div_euclid(bucket_secs) * bucket_secs - offset_secs;
        let mut out: std::collections::BTreeMap<i64, Bucket> = std::collections::BTreeMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT (created_at + ?3) / ?4, COUNT(*), SUM(state = 1), SUM(state = 2)
             FROM items INDEXED BY items_incoming_created
             WHERE own = 0 AND created_at >= ?1 AND created_at < ?2 GROUP BY 1",
        )?;
        let mut rows = stmt.query(params![from, to, offset_secs, bucket_secs])?;
        while let Some(r) = rows.next()? {
            let start = r.get::<_, i64>(0)? * bucket_secs - offset_secs;
            let b = out.entry(start).or_default();
            b.incoming = r.get(1)?;
            b.answered = r.get(2)?;
            b.dismissed = r.get(3)?;
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT (created_at + ?3) / ?4, COUNT(*) FROM items INDEXED BY items_own_created
             WHERE own = 1 AND created_at >= ?1 AND created_at < ?2 GROUP BY 1",
        )?;
        let mut rows = stmt.query(params![from, to, offset_secs, bucket_secs])?;
        while let Some(r) = rows.next()? {
            let start = r.get::<_, i64>(0)? * bucket_secs - offset_secs;
            out.entry(start).or_default().replies = r.get(1)?;
        }
        // Every bucket of the window, empty ones included, so charts keep their time axis.
        let mut t = bucket(from);
        let mut all = Vec::new();
        while t < to {
            let mut b = out.remove(&t).unwrap_or_default();
            b.start = t;
            all.push(b);
            t += bucket_secs;
        }
        Ok(all)
    }

    /// The most active people in the window, with what became of their items.
    pub fn active_people(&self, from: i64, to: i64, limit: usize) -> Result<Vec<PersonCounts>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT platform, author, MAX(author_name), COUNT(*), SUM(state = 1), SUM(state = 2),
                    SUM(state = 0), COUNT(DISTINCT created_at / (7 * 86400)), MAX(created_at)
             FROM items INDEXED BY items_incoming_created
             WHERE own = 0 AND created_at >= ?1 AND created_at < ?2
             GROUP BY platform, author ORDER BY 4 DESC, 9 DESC LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![from, to, limit as i64], |r| {
            Ok(PersonCounts {
                platform: r.get(0)?,
                author: r.get(1)?,
                author_name: r.get(2)?,
                items: r.get(3)?,
                answered: r.get(4)?,
                dismissed: r.get(5)?,
                needs_reply: r.get(6)?,
                weeks: r.get(7)?,
                last_seen: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The first and last creation time of incoming items (the "all" window).
    pub fn time_span(&self) -> Result<Option<(i64, i64)>> {
        // Asked apart, each is one step down the index; together they scan it.
        let first: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT MIN(created_at) FROM items INDEXED BY items_incoming_created WHERE own = 0",
            )?
            .query_row([], |r| r.get(0))?;
        let last: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT MAX(created_at) FROM items INDEXED BY items_incoming_created WHERE own = 0",
            )?
            .query_row([], |r| r.get(0))?;
        Ok(first.zip(last))
    }
}
