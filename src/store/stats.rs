//! The SQL aggregates behind the statistics; the math lives in `crate::stats`.

//!
//! Windowed figures read the hourly roll-up (kept by triggers, see migration
//! 4) for the whole hours of a window and the items themselves only for the
//! partial hours at its two ends, so a window of years reads a few thousand
//! rows. What needs every item (reply times) reads a covering index.

use super::Store;
use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::{BTreeMap, HashMap, hash_map::Entry};

/// The period roll-ups, coarsest first: (table, seconds).
const PERIODS: [(&str, i64); 2] = [("daily", 86_400), ("hourly", 3_600)];

/// Where to read each part of `[from, to)`: whole days from `daily`, the
/// whole hours left from `hourly`, the seconds left at the ends from the
/// items (`None`).
fn split(
    from: i64,
    to: i64,
    periods: &[(&'static str, i64)],
) -> Vec<(Option<&'static str>, i64, i64)> {
    fn go(
        from: i64,
        to: i64,
        periods: &[(&'static str, i64)],
        out: &mut Vec<(Option<&'static str>, i64, i64)>,
    ) {
        if from >= to {
            return;
        }
        let Some((&(table, secs), finer)) = periods.split_first() else {
            out.push((None, from, to));
            return;
        };
        let first = from + (secs - from.rem_euclid(secs)) % secs;
        let last = to - to.rem_euclid(secs);
        if first >= last {
            return go(from, to, finer, out);
        }
        go(from, first, finer, out);
        out.push((Some(table), first, last));
        go(last, to, finer, out);
    }
    let mut out = Vec::new();
    go(from, to, periods, &mut out);
    out
}

/// One author's counts over a stretch of time, and one of their items to
/// name them by: small, since a long window holds tens of thousands of
/// authors.
#[derive(Default)]
struct Tally {
    rid: i64,
    first_seen: i64,
    last_seen: i64,
    items: u32,
    answered: u32,
    dismissed: u32,
    needs_reply: u32,
    weeks: u32,
}

impl Tally {
    /// Adds the tally of the stretch of time right after this one.
    fn then(&mut self, later: Tally) {
        let same_week = super::week::of(self.last_seen) == super::week::of(later.first_seen);
        self.weeks += later.weeks - u32::from(same_week);
        self.rid = later.rid;
        self.last_seen = later.last_seen;
        self.items += later.items;
        self.answered += later.answered;
        self.dismissed += later.dismissed;
        self.needs_reply += later.needs_reply;
    }
}

impl WindowCounts {
    pub(crate) fn add(&mut self, o: &WindowCounts) {
        self.incoming += o.incoming;
        self.answered += o.answered;
        self.dismissed += o.dismissed;
        self.needs_reply += o.needs_reply;
        self.snoozed += o.snoozed;
        self.personal += o.personal;
        self.personal_unknown += o.personal_unknown;
    }

    /// Needing a reply or snoozed: still waiting.
    pub fn open(&self) -> u64 {
        self.needs_reply + self.snoozed
    }
}

/// Items needing a reply now (kept by triggers: no scan).
pub(crate) fn needs_reply(conn: &Connection) -> Result<u64> {
    Ok(conn
        .prepare_cached("SELECT COALESCE(SUM(n), 0) FROM platform_states WHERE state = 0")?
        .query_row([], |r| r.get(0))?)
}

/// How many snoozes have run out by `now`: they need a reply, and wake
/// when next read.
pub(crate) fn due_snoozes(conn: &Connection, now: i64) -> Result<u64> {
    Ok(conn
        .prepare_cached("SELECT COUNT(*) FROM items WHERE state = 3 AND snoozed_until <= ?1")?
        .query_row([now], |r| r.get(0))?)
}

/// Counts of incoming items created in a window, for one platform.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WindowCounts {
    pub incoming: u64,
    pub answered: u64,
    pub dismissed: u64,
    pub needs_reply: u64,
    pub snoozed: u64,
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
    /// Commented in at least three distinct weeks of the window.
    pub loyal: bool,
    pub last_seen: i64,
}

impl Store {
    /// Per-platform counts over incoming items created in `[from, to)`.
    pub fn window_counts(&self, from: i64, to: i64) -> Result<BTreeMap<String, WindowCounts>> {
        let mut out: BTreeMap<String, WindowCounts> = BTreeMap::new();
        for (table, a, b) in split(from, to, &PERIODS) {
            let sql = match table {
                // Summed here, not grouped by SQLite: sorting the rows is slower.
                Some(table) => format!(
                    "SELECT platform, incoming, answered, dismissed, needs_reply, snoozed, personal,
                            personal_unknown
                     FROM {table} WHERE start >= ?1 AND start < ?2"
                ),
                None => "SELECT platform, COUNT(*), SUM(state = 1), SUM(state = 2), SUM(state = 0),
                                SUM(state = 3), SUM(state = 1 AND personal IS 1),
                                SUM(state = 1 AND personal IS NULL)
                         FROM items INDEXED BY items_incoming_created
                         WHERE own = 0 AND created_at >= ?1 AND created_at < ?2 GROUP BY platform"
                    .to_owned(),
            };
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![a, b])?;
            while let Some(r) = rows.next()? {
                let counts = WindowCounts {
                    incoming: r.get(1)?,
                    answered: r.get(2)?,
                    dismissed: r.get(3)?,
                    needs_reply: r.get(4)?,
                    snoozed: r.get(5)?,
                    personal: r.get(6)?,
                    personal_unknown: r.get(7)?,
                };
                let platform = r.get_ref(0)?.as_str()?;
                match out.get_mut(platform) {
                    Some(c) => c.add(&counts),
                    None => {
                        out.insert(platform.to_owned(), counts);
                    }
                }
            }
        }
        out.retain(|_, c| c.incoming > 0);
        Ok(out)
    }

    /// Open items (waiting or snoozed) per platform created in `[from, to)`:
    /// whole days and hours from the roll-ups, the seconds at the ends from
    /// the state index, which holds all it needs (no item rows are read).
    pub fn open_counts(&self, from: i64, to: i64) -> Result<BTreeMap<String, u64>> {
        let mut out: BTreeMap<String, u64> = BTreeMap::new();
        for (table, a, b) in split(from, to, &PERIODS) {
            let sql = match table {
                Some(table) => format!(
                    "SELECT platform, needs_reply + snoozed FROM {table} WHERE start >= ?1 AND start < ?2"
                ),
                None => "SELECT platform, COUNT(*) FROM items INDEXED BY items_state_created
                         WHERE own = 0 AND state IN (0, 3) AND created_at >= ?1 AND created_at < ?2
                         GROUP BY platform"
                    .to_owned(),
            };
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![a, b])?;
            while let Some(r) = rows.next()? {
                let n: u64 = r.get(1)?;
                let platform = r.get_ref(0)?.as_str()?;
                match out.get_mut(platform) {
                    Some(total) => *total += n,
                    None => {
                        out.insert(platform.to_owned(), n);
                    }
                }
            }
        }
        out.retain(|_, n| *n > 0);
        Ok(out)
    }

    /// Dismissals in the window by platform and reason (none given:
    /// other), from the index of the dismissed alone, in its order.
    pub fn dismissals(&self, from: i64, to: i64) -> Result<Vec<(String, String, u64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT platform, reason, COUNT(*) FROM items INDEXED BY items_dismissed_reason
             WHERE own = 0 AND state = 2 AND created_at >= ?1 AND created_at < ?2
             GROUP BY platform, reason",
        )?;
        let mut out: BTreeMap<(String, String), u64> = BTreeMap::new();
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let reason: Option<String> = r.get(1)?;
            let key = (r.get(0)?, reason.unwrap_or_else(|| "other".to_owned()));
            *out.entry(key).or_default() += r.get::<_, u64>(2)?;
        }
        Ok(out.into_iter().map(|((p, r), n)| (p, r, n)).collect())
    }

    /// Per platform, (created_at, first answer) of the answered items
    /// created in the window. An item marked answered by hand counts from the
    /// time it was marked, unless a reply came before.
    pub fn reply_times(&self, from: i64, to: i64) -> Result<BTreeMap<String, Vec<(i64, i64)>>> {
        let (mut out, later) = self.in_halves(from, to, Self::reply_times_in)?;
        for (platform, times) in later.into_iter().flatten() {
            out.entry(platform).or_default().extend(times);
        }
        Ok(out)
    }

    fn reply_times_in(&self, from: i64, to: i64) -> Result<BTreeMap<String, Vec<(i64, i64)>>> {
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT platform, created_at, COALESCE(",
            first_answered_at!(),
            ", created_at)
             FROM items INDEXED BY items_state_created
             WHERE own = 0 AND state = 1 AND created_at >= ?1 AND created_at < ?2"
        ))?;
        let mut out: BTreeMap<String, Vec<(i64, i64)>> = BTreeMap::new();
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let pair = (r.get(1)?, r.get(2)?);
            let platform = r.get_ref(0)?.as_str()?;
            match out.get_mut(platform) {
                Some(v) => v.push(pair),
                None => {
                    out.insert(platform.to_owned(), vec![pair]);
                }
            }
        }
        Ok(out)
    }

    /// Items created in the window still open (needing a reply or snoozed),
    /// newest first, as (platform, created_at) until `f` returns false: the
    /// censored observations of the reply-time estimate, read only as far as
    /// it needs them.
    pub fn open_newest_first(
        &self,
        from: i64,
        to: i64,
        mut f: impl FnMut(&str, i64) -> bool,
    ) -> Result<()> {
        let sql = "SELECT platform, created_at FROM items INDEXED BY items_state_created
                   WHERE own = 0 AND state = ?1 AND created_at >= ?2 AND created_at < ?3
                   ORDER BY created_at DESC";
        let (mut waiting, mut snoozed) = (self.conn.prepare_cached(sql)?, self.conn.prepare(sql)?);
        let mut a = waiting.query(params![0, from, to])?;
        let mut b = snoozed.query(params![3, from, to])?;
        let next = |rows: &mut rusqlite::Rows| -> Result<Option<(String, i64)>> {
            Ok(match rows.next()? {
                Some(r) => Some((r.get(0)?, r.get(1)?)),
                None => None,
            })
        };
        let (mut x, mut y) = (next(&mut a)?, next(&mut b)?);
        loop {
            let take_x = match (&x, &y) {
                (Some(p), Some(q)) => p.1 >= q.1,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => return Ok(()),
            };
            let (item, rows) = if take_x {
                (&mut x, &mut a)
            } else {
                (&mut y, &mut b)
            };
            if let Some((platform, created)) = item.take()
                && !f(&platform, created)
            {
                return Ok(());
            }
            *item = next(rows)?;
        }
    }

    /// The creation time of the oldest open item of `platform` in the window.
    pub fn oldest_open(&self, platform: &str, from: i64, to: i64) -> Result<Option<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT created_at FROM items INDEXED BY items_state_created
             WHERE own = 0 AND state = ?1 AND platform = ?2 AND created_at >= ?3 AND created_at < ?4
             ORDER BY created_at LIMIT 1",
        )?;
        // From the platform's first day (UTC, as `daily` keys it) with an
        // open item: the index is by state and time, and a walk from the
        // window's start read every other platform's older open items.
        let day: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT MIN(start) FROM daily WHERE platform = ?1 AND start >= ?2 - 86400
                     AND start < ?3 AND needs_reply + snoozed > 0",
            )?
            .query_row(params![platform, from, to], |r| r.get(0))?;
        let from = from.max(day.unwrap_or(from));
        let mut oldest: Option<i64> = None;
        for state in [0, 3] {
            let t: Option<i64> = stmt
                .query_row(params![state, platform, from, to], |r| r.get(0))
                .optional()?;
            oldest = oldest.into_iter().chain(t).min();
        }
        Ok(oldest)
    }

    /// The backlog now, per platform.
    pub fn backlog(&self, now: i64) -> Result<Vec<(String, BacklogCounts)>> {
        let mut out: BTreeMap<String, BacklogCounts> = BTreeMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT platform, n FROM platform_states WHERE state = 0 AND n > 0 ORDER BY platform",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let total: u64 = r.get(1)?;
            out.insert(
                r.get(0)?,
                BacklogCounts {
                    total,
                    over_7d: total,
                    ..Default::default()
                },
            );
        }
        // Only the last week is counted item by item (an item exactly 7 days
        // old is in 3–7 days); the rest is over 7 days.
        let mut stmt = self.conn.prepare_cached(
            "SELECT platform, SUM(created_at > ?1 - 86400),
                    SUM(created_at <= ?1 - 86400 AND created_at > ?1 - 3 * 86400),
                    SUM(created_at <= ?1 - 3 * 86400), COUNT(*)
             FROM items INDEXED BY items_state_created
             WHERE own = 0 AND state = 0 AND created_at >= ?1 - 7 * 86400 GROUP BY platform",
        )?;
        let mut rows = stmt.query([now])?;
        while let Some(r) = rows.next()? {
            if let Some(b) = out.get_mut(r.get_ref(0)?.as_str()?) {
                b.under_1d = r.get(1)?;
                b.from_1_to_3d = r.get(2)?;
                b.from_3_to_7d = r.get(3)?;
                b.over_7d = b.total.saturating_sub(r.get(4)?);
            }
        }
        // The walk starts at the platform's first day with an item waiting
        // (the daily roll-up), not at the oldest waiting item of any
        // platform (the index is by state and time).
        let mut first_day = self.conn.prepare_cached(
            "SELECT MIN(start) FROM daily WHERE platform = ?1 AND needs_reply > 0",
        )?;
        let mut oldest = self.conn.prepare_cached(
            "SELECT created_at FROM items INDEXED BY items_state_created
             WHERE own = 0 AND state = 0 AND platform = ?1 AND created_at >= ?2
             ORDER BY created_at LIMIT 1",
        )?;
        for (platform, b) in &mut out {
            let day: Option<i64> = first_day.query_row([platform], |r| r.get(0))?;
            b.oldest = oldest
                .query_row(params![platform, day.unwrap_or(i64::MIN)], |r| r.get(0))
                .optional()?;
        }
        Ok(out.into_iter().collect())
    }

    /// Items answered and dismissed in `[from, to)` (today's progress):
    /// dismissed by the user (a rule's, a mute's on arrival and the
    /// platform's removals are nobody's review).
    pub fn decided_between(&self, from: i64, to: i64) -> Result<(u64, u64)> {
        // One partial index per state: SQLite uses one only for its exact terms.
        let count = |sql: &str| -> Result<u64> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row(params![from, to], |r| r.get(0))?)
        };
        Ok((
            count(
                "SELECT COUNT(*) FROM items INDEXED BY items_answered_at
                 WHERE own = 0 AND state = 1 AND state_at >= ?1 AND state_at < ?2",
            )?,
            count(
                "SELECT COUNT(*) FROM items INDEXED BY items_dismissed_at
                 WHERE own = 0 AND state = 2 AND state_at >= ?1 AND state_at < ?2
                   AND decided = 1",
            )?,
        ))
    }

    /// Items needing a reply now.
    pub fn needs_reply_count(&self) -> Result<u64> {
        needs_reply(&self.conn)
    }

    /// Incoming items and own replies per bucket in `[from, to)`. Bucket `i`
    /// runs from `starts[i]` to `starts[i + 1]` (the last to `to`), so the
    /// caller lays them on local days or weeks, whatever their length across
    /// a DST change; `starts` is ascending and `starts[0] <= from`. Daily
    /// roll-ups serve only where every bucket starts at a UTC midnight; the
    /// hour of a start that is not a whole UTC hour (India's, Nepal's
    /// midnight) is read from the items, as the window's ends are.
    pub fn buckets(&self, from: i64, to: i64, starts: &[i64]) -> Result<Vec<Bucket>> {
        let mut all: Vec<Bucket> = starts
            .iter()
            .map(|&start| Bucket {
                start,
                ..Bucket::default()
            })
            .collect();
        if all.is_empty() {
            return Ok(all);
        }
        let mut add = |sql: &str, a: i64, b: i64| -> Result<()> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let mut rows = stmt.query(params![a, b])?;
            while let Some(r) = rows.next()? {
                let t: i64 = r.get(0)?;
                let e = &mut all[starts.partition_point(|&s| s <= t).max(1) - 1];
                e.incoming += r.get::<_, u64>(1)?;
                e.answered += r.get::<_, u64>(2)?;
                e.dismissed += r.get::<_, u64>(3)?;
                e.replies += r.get::<_, u64>(4)?;
            }
            Ok(())
        };
        let periods = if starts.iter().all(|s| s % 86_400 == 0) {
            &PERIODS[..]
        } else {
            &PERIODS[1..]
        };
        let mut parts = Vec::new();
        let mut at = from;
        let off_the_hour = starts.iter().filter(|s| s.rem_euclid(3_600) != 0);
        for hour in off_the_hour.map(|s| s - s.rem_euclid(3_600)) {
            let (a, b) = (hour.max(at), (hour + 3_600).min(to));
            if a < b {
                parts.extend(split(at, a, periods));
                parts.push((None, a, b));
                at = b;
            }
        }
        parts.extend(split(at, to, periods));
        for (table, a, b) in parts {
            match table {
                Some(table) => add(
                    &format!(
                        "SELECT start, SUM(incoming), SUM(answered), SUM(dismissed), SUM(replies)
                         FROM {table} WHERE start >= ?1 AND start < ?2 GROUP BY start"
                    ),
                    a,
                    b,
                )?,
                None => {
                    add(
                        "SELECT created_at, 1, state = 1, state = 2, 0
                         FROM items INDEXED BY items_incoming_created
                         WHERE own = 0 AND created_at >= ?1 AND created_at < ?2",
                        a,
                        b,
                    )?;
                    add(
                        "SELECT created_at, 0, 0, 0, 1 FROM items INDEXED BY items_own_created
                         WHERE own = 1 AND created_at >= ?1 AND created_at < ?2",
                        a,
                        b,
                    )?;
                }
            }
        }
        Ok(all)
    }

    /// The most active people in the window, with what became of their
    /// items, and how many people wrote in it.
    pub fn active_people(
        &self,
        from: i64,
        to: i64,
        limit: usize,
    ) -> Result<(Vec<PersonCounts>, u64)> {
        let whole = self
            .time_span()?
            .is_none_or(|(first, last)| from <= first && to > last);
        let (mut people, total) = if whole {
            self.busiest_authors(limit)?
        } else {
            self.busiest_in(from, to, limit)?
        };
        // Their name as everywhere: the latest they gave, in the window or not.
        let mut name = self.conn.prepare_cached(super::people::LATEST_NAME)?;
        for p in &mut people {
            p.author_name = name
                .query_row(params![p.platform, p.author], |r| r.get(0))
                .optional()?;
            if whole {
                let who = (p.platform.as_str(), p.author.as_str());
                let weights = &self.analysis.weights;
                // The window holds all their items.
                let noise = super::people::noise(&self.conn, who, (i64::MIN, i64::MAX))?;
                let weeks = crate::analysis::weeks_to_count(noise, weights);
                let active = super::people::active_weeks(&self.conn, who, (from, to), weeks)?;
                p.loyal = crate::analysis::is_loyal(&p.platform, &p.author, active, noise, weights);
            }
        }
        Ok((people, total))
    }

    /// The busiest authors of all time, from the per-author roll-up, and
    /// how many there are.
    fn busiest_authors(&self, limit: usize) -> Result<(Vec<PersonCounts>, u64)> {
        // A top-N sort of a row per author: cheaper than an index kept up to
        // date on every new item. (A bound LIMIT would make SQLite plan the
        // statement again at every run.)
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT platform, author, items, answered, dismissed, needs_reply, last_seen
             FROM authors WHERE items > 0 ORDER BY items DESC, last_seen DESC LIMIT {limit}"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(PersonCounts {
                platform: r.get(0)?,
                author: r.get(1)?,
                items: r.get(2)?,
                answered: r.get(3)?,
                dismissed: r.get(4)?,
                needs_reply: r.get(5)?,
                last_seen: r.get::<_, Option<i64>>(6)?.unwrap_or_default(),
                ..Default::default()
            })
        })?;
        let rows = rows.collect::<rusqlite::Result<_>>()?;
        let total = (self.conn)
            .prepare_cached("SELECT count(*) FROM authors WHERE items > 0")?
            .query_row([], |r| r.get(0))?;
        Ok((rows, total))
    }

    /// The busiest authors of a window, counted over its covering index,
    /// and how many wrote in it.
    fn busiest_in(&self, from: i64, to: i64, limit: usize) -> Result<(Vec<PersonCounts>, u64)> {
        let (mut tallies, later) = self.in_halves(from, to, Self::tallies)?;
        for (who, t) in later.into_iter().flatten() {
            match tallies.entry(who) {
                Entry::Occupied(mut e) => e.get_mut().then(t),
                Entry::Vacant(e) => {
                    e.insert(t);
                }
            }
        }
        let total = tallies.len() as u64;
        // The top `limit`, kept as they come (no second copy of everyone).
        let rank = |t: &Tally| (std::cmp::Reverse((t.items, t.last_seen)), t.rid);
        let mut top: Vec<Tally> = Vec::with_capacity(limit + 1);
        for t in tallies.into_values() {
            let at = top.partition_point(|x| rank(x) <= rank(&t));
            if at < limit {
                top.insert(at, t);
                top.truncate(limit);
            }
        }
        let mut who = self
            .conn
            .prepare_cached("SELECT platform, author FROM items WHERE rid = ?1")?;
        top.into_iter()
            .map(|t| {
                let (platform, author): (String, String) =
                    who.query_row([t.rid], |r| Ok((r.get(0)?, r.get(1)?)))?;
                let weights = &self.analysis.weights;
                let noise = super::people::noise(&self.conn, (&platform, &author), (from, to))?;
                let loyal = crate::analysis::is_loyal(&platform, &author, t.weeks, noise, weights);
                Ok(PersonCounts {
                    platform,
                    author,
                    author_name: None,
                    items: t.items.into(),
                    answered: t.answered.into(),
                    dismissed: t.dismissed.into(),
                    needs_reply: t.needs_reply.into(),
                    loyal,
                    last_seen: t.last_seen,
                })
            })
            .collect::<Result<_>>()
            .map(|people| (people, total))
    }

    /// Everyone's counts over `[from, to)`, keyed by a hash of (platform,
    /// author): no string is kept per author.
    fn tallies(&self, from: i64, to: i64) -> Result<HashMap<u64, Tally>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT platform, author, state, created_at, rid FROM items INDEXED BY items_incoming_created
             WHERE own = 0 AND created_at >= ?1 AND created_at < ?2",
        )?;
        let mut tallies: HashMap<u64, Tally> = HashMap::new();
        let mut joined: Vec<u8> = Vec::new();
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            joined.clear();
            joined.extend_from_slice(r.get_ref(0)?.as_bytes()?);
            joined.push(0);
            joined.extend_from_slice(r.get_ref(1)?.as_bytes()?);
            let t = tallies
                .entry(xxhash_rust::xxh3::xxh3_64(&joined))
                .or_default();
            let (state, created, rid): (Option<i64>, i64, i64) = (r.get(2)?, r.get(3)?, r.get(4)?);
            t.rid = rid;
            t.items += 1;
            match state {
                Some(0) => t.needs_reply += 1,
                Some(1) => t.answered += 1,
                Some(2) => t.dismissed += 1,
                _ => {}
            }
            // The index runs in time order: a new week is a change of week
            // since their last item.
            if t.items == 1 {
                t.first_seen = created;
                t.weeks = 1;
            } else if super::week::of(created) != super::week::of(t.last_seen) {
                t.weeks += 1;
            }
            t.last_seen = created;
        }
        Ok(tallies)
    }

    /// The first creation time of incoming items (the "all" window: an
    /// archive's own posts of years before would stretch its chart over
    /// them) and the last of any item: an own reply dated a little ahead (a
    /// clock running fast) is in the window's chart, as the item it answers is.
    pub fn time_span(&self) -> Result<Option<(i64, i64)>> {
        // Asked apart, each is one step down an index; together they scan it.
        let one = |sql: &str| -> Result<Option<i64>> {
            Ok(self.conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?)
        };
        let first = one(
            "SELECT MIN(created_at) FROM items INDEXED BY items_incoming_created WHERE own = 0",
        )?;
        let last = one(
            "SELECT MAX(created_at) FROM items INDEXED BY items_incoming_created WHERE own = 0",
        )?;
        let last_own =
            one("SELECT MAX(created_at) FROM items INDEXED BY items_own_created WHERE own = 1")?;
        Ok(first.zip(last.max(last_own)))
    }
}

#[cfg(test)]
mod tests {
    use super::Tally;
    use crate::model::{DismissReason, Record};
    use crate::store::{Store, actions::Change};
    use chrono::{TimeZone, Utc};

    /// The dismissals by reason, read from their index: per platform and
    /// reason in the window, one stored without a reason counted as other.
    #[test]
    fn dismissals_by_reason_come_from_their_index() {
        let at = |h: u32| {
            Utc.with_ymd_and_hms(2026, 11, 2, h, 0, 0)
                .single()
                .expect("time")
        };
        let mut store = Store::open_in_memory().expect("store");
        let mut import = store.begin_import(at(0)).expect("import");
        for (i, platform) in ["x", "x", "x", "youtube", "x"].iter().enumerate() {
            let r = Record::new(platform, &format!("c{i}"), "ann", "hi", at(i as u32 + 1));
            import.add(&r, false, None).expect("add");
        }
        import.finish(true).expect("finish");
        let rid = |id: &str| {
            let item = format!("{}:{id}", if id == "c3" { "youtube" } else { "x" });
            store.rid_of(&item.parse().expect("item")).expect("rid")
        };
        let (c0, c1, c2, c3) = (rid("c0"), rid("c1"), rid("c2"), rid("c3"));
        let other = Change::Dismissed(DismissReason::Other);
        store.apply(&[c0, c1, c3], other, at(9)).expect("dismiss");
        store
            .apply(&[c2], Change::Dismissed(DismissReason::Bait), at(9))
            .expect("dismiss");
        store
            .conn
            .execute("UPDATE items SET reason = NULL WHERE rid = ?1", [c1])
            .expect("no reason");
        let window = |from: u32, to: u32| {
            store
                .dismissals(at(from).timestamp(), at(to).timestamp())
                .expect("read")
        };
        let row = |p: &str, r: &str, n| (p.to_owned(), r.to_owned(), n);
        assert_eq!(
            window(0, 10),
            [
                row("x", "bait", 1),
                row("x", "other", 2),
                row("youtube", "other", 1)
            ]
        );
        // From 2 to 4: c1 (at 2, no reason) and c2 (at 3, bait).
        assert_eq!(window(2, 4), [row("x", "bait", 1), row("x", "other", 1)]);
    }

    #[test]
    fn a_tally_then_the_next_counts_the_week_at_the_cut_once() {
        const MONDAY: i64 = 1_794_787_200; // 2026-11-16T00:00:00Z
        const DAY: i64 = 86_400;
        let tally = |first_seen, last_seen, weeks| Tally {
            first_seen,
            last_seen,
            weeks,
            items: 2,
            ..Tally::default()
        };
        // The week of the cut holds items of both halves.
        let mut shared = tally(MONDAY - 7 * DAY, MONDAY + DAY, 2);
        shared.then(tally(MONDAY + 3 * DAY, MONDAY + 9 * DAY, 2));
        assert_eq!((shared.weeks, shared.items), (3, 4));
        // Sunday, then Monday: two weeks.
        let mut apart = tally(MONDAY - 7 * DAY, MONDAY - 1, 1);
        apart.then(tally(MONDAY, MONDAY, 1));
        assert_eq!(apart.weeks, 2);
    }
}
