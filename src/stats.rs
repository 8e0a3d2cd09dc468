//! PRODUCT.md's statistics: the store gives SQL aggregates, this module
//! turns them into figures. The TUI's Stats view and `stats --json` both
//! print a [`Report`], so they always agree.

use crate::config::{BusinessHours, Config, Window};
use crate::model::{DismissReason, format_ts};
use crate::store::Store;
use crate::store::stats::{BacklogCounts, WindowCounts};
use anyhow::Result;
use chrono::{DateTime, Datelike, Duration, Local, NaiveDate, TimeZone, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// Every figure for one window.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub window: String,
    pub from: String,
    pub to: String,
    pub reply_target_hours: f64,
    #[serde(flatten)]
    pub overall: Figures,
    pub today: Today,
    pub per_platform: Vec<PlatformFigures>,
    /// Days for windows up to 90 days, weeks beyond.
    pub bucket: &'static str,
    pub over_time: Vec<BucketFigures>,
    /// Everyone who wrote in the window: `people` are the busiest of them.
    pub people_total: u64,
    pub people: Vec<Person>,
}

/// The figures of one platform.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlatformFigures {
    pub platform: String,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Figures {
    pub incoming: u64,
    pub answered: u64,
    pub dismissed: u64,
    pub needs_reply: u64,
    pub snoozed: u64,
    pub dismissed_by_reason: BTreeMap<String, u64>,
    /// answered ÷ (incoming − dismissed)
    pub response_rate: Option<f64>,
    /// answered ÷ incoming
    pub raw_response_rate: Option<f64>,
    /// share of the answered whose first reply came within the target
    pub answered_within_target: Option<f64>,
    pub personally_answered: u64,
    pub personal_unknown: u64,
    /// personally answered ÷ answered (personal unknown excluded)
    pub personal_reply_rate: Option<f64>,
    pub time_to_first_reply: ReplyTimes,
    pub backlog: Backlog,
}

impl Figures {
    /// How many items there were when all were dismissed: no rate, which
    /// is said so ("— (4 dismissed)"), not as a window without items.
    pub fn all_dismissed(&self) -> Option<u64> {
        (self.incoming > 0 && self.dismissed == self.incoming).then_some(self.incoming)
    }
}

/// Time to first reply, in seconds.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct ReplyTimes {
    pub answered: u64,
    pub median_secs: Option<i64>,
    pub p90_secs: Option<i64>,
    /// Items created in the window still waiting (needs reply or snoozed).
    pub open: u64,
    pub open_oldest_age_secs: Option<i64>,
    /// Kaplan–Meier estimates counting open items as "at least this old";
    /// `None` when fewer than half (or 90 %) are answered yet.
    pub km_median_secs: Option<i64>,
    pub km_p90_secs: Option<i64>,
    /// The same in working time, when business hours are configured.
    pub business_median_secs: Option<i64>,
    pub business_p90_secs: Option<i64>,
}

/// Items needing a reply now.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Backlog {
    pub total: u64,
    pub under_1d: u64,
    pub from_1_to_3d: u64,
    pub from_3_to_7d: u64,
    pub over_7d: u64,
    pub oldest: Option<String>,
    pub oldest_age_secs: Option<i64>,
}

/// The daily review's progress.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default)]
pub struct Today {
    pub answered: u64,
    pub dismissed: u64,
    pub needs_reply: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BucketFigures {
    pub start: String,
    pub incoming: u64,
    pub answered: u64,
    pub dismissed: u64,
    pub replies: u64,
    pub response_rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Person {
    pub platform: String,
    pub author: String,
    pub author_name: Option<String>,
    pub items: u64,
    pub answered: u64,
    pub dismissed: u64,
    pub needs_reply: u64,
    pub snoozed: u64,
    /// answered ÷ (items − dismissed)
    pub reciprocity: Option<f64>,
    /// Commented in at least three distinct weeks of the window.
    pub loyal: bool,
    pub last_seen: String,
}

fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// The `q` quantile (0..=1) of sorted values: the smallest value with at
/// least a share `q` of them at or below it; where exactly `q` are at or
/// below one value, the mean of it and the next (so the median of an even
/// count is the mean of the middle two). [`Km`] reads its curve the same
/// way, so that counting the open items never moves an estimate for nothing.
pub fn quantile(sorted: &[i64], q: f64) -> Option<i64> {
    let n = sorted.len();
    let at = q.clamp(0.0, 1.0) * n as f64;
    let whole = at.round();
    if (at - whole).abs() < EXACT && whole >= 1.0 && (whole as usize) < n {
        let k = whole as usize;
        return Some(mean(sorted[k - 1], sorted[k]));
    }
    sorted
        .get((at.ceil() as usize).clamp(1, n.max(1)) - 1)
        .copied()
}

/// How close a share must be to a quantile to be it (float products).
const EXACT: f64 = 1e-9;

fn mean(a: i64, b: i64) -> i64 {
    ((a as f64 + b as f64) / 2.0).round() as i64
}

/// The Kaplan–Meier estimate of the times by which a share of the items
/// (50 % and 90 %) is answered, counting the items still open as "at least
/// this old" (right-censored). The open items are fed youngest first, so the
/// caller can stop reading them once [`Km::done`] says the estimate is known.
pub struct Km<'a> {
    /// Times to first reply, ascending.
    events: &'a [i64],
    next: usize,
    at_risk: f64,
    survival: f64,
    found: [Option<i64>; 2],
    /// Where the share answered reached a quantile exactly: the estimate is
    /// the mean of that time and the next answer's (as [`quantile`] says).
    exactly: [Option<i64>; 2],
}

impl<'a> Km<'a> {
    const QUANTILES: [f64; 2] = [0.5, 0.9];

    /// `events` ascending; `open` is how many open items will be censored.
    pub fn new(events: &'a [i64], open: u64) -> Self {
        Km {
            events,
            next: 0,
            at_risk: (events.len() as u64 + open) as f64,
            survival: 1.0,
            found: [None; 2],
            exactly: [None; 2],
        }
    }

    /// Whether more open items can change nothing.
    pub fn done(&self) -> bool {
        self.found[1].is_some() || self.next >= self.events.len()
    }

    /// Takes in the events up to `t` included.
    fn advance(&mut self, t: i64) {
        while let Some(&time) = self.events.get(self.next).filter(|&&e| e <= t) {
            let d = self.events[self.next..]
                .iter()
                .take_while(|&&e| e == time)
                .count();
            self.next += d;
            self.survival *= 1.0 - d as f64 / self.at_risk;
            let share = 1.0 - self.survival;
            for (i, q) in Self::QUANTILES.into_iter().enumerate() {
                if self.found[i].is_some() {
                    continue;
                }
                if let Some(start) = self.exactly[i] {
                    self.found[i] = Some(mean(start, time));
                } else if (share - q).abs() < EXACT {
                    self.exactly[i] = Some(time);
                } else if share > q {
                    self.found[i] = Some(time);
                }
            }
            self.at_risk -= d as f64;
        }
    }

    /// An item open at this age: at risk until then (after the answers at
    /// that very age), no longer after.
    fn censor(&mut self, age: i64) {
        self.advance(age);
        self.at_risk -= 1.0;
    }

    /// `n` open items, all younger than the next answer, counted rather
    /// than censored one by one.
    fn leave(&mut self, n: u64) {
        self.at_risk -= n as f64;
    }

    /// The median and p90; `None` where the curve never gets there. With
    /// nothing open they are [`quantile`]'s.
    pub fn finish(mut self) -> [Option<i64>; 2] {
        self.advance(i64::MAX);
        // Still exactly there after the last answer: the curve stays there.
        [0, 1].map(|i| self.found[i].or(self.exactly[i]))
    }
}

/// Seconds between `start` and `end` that fall in business hours.
fn working_secs(hours: &BusinessHours, start: DateTime<Utc>, end: DateTime<Utc>) -> i64 {
    if end <= start {
        return 0;
    }
    let tz = hours.timezone;
    let mut day: NaiveDate = start.with_timezone(&tz).date_naive();
    let last = end.with_timezone(&tz).date_naive();
    let mut total = 0;
    while day <= last {
        if let Some(h) = hours.on(day.weekday()) {
            // A time a clock change skips (midnight, in some zones) is when
            // the clocks resume.
            let local = |t: chrono::NaiveDateTime| {
                (0..=4).find_map(|q| {
                    crate::when::first_at(&tz, &(t + chrono::Duration::minutes(30 * q)))
                })
            };
            let open = local(day.and_time(h.open));
            let close = local(h.close_on(day));
            if let (Some(open), Some(close)) = (open, close) {
                let a = open.with_timezone(&Utc).max(start);
                let b = close.with_timezone(&Utc).min(end);
                total += (b - a).num_seconds().max(0);
            }
        }
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
    }
    total
}

/// The `[from, to)` range of a window ending at `now` (both ends included).
/// Items dated a little ahead (a clock or a time zone off: an import takes
/// them up to a day ahead) are in every window, as they are in the backlog;
/// one further ahead (imported under a wrong clock) does not stretch the chart.
pub fn window_range(store: &Store, window: Window, now: DateTime<Utc>) -> Result<(i64, i64)> {
    let span = store.time_span()?;
    let latest = (now + crate::import::LATEST_AHEAD).timestamp();
    let to = span.map_or(now.timestamp(), |(_, last)| {
        last.clamp(now.timestamp(), latest)
    }) + 1;
    Ok(match window {
        Window::Days(d) => (now.timestamp() - i64::from(d) * 86_400, to),
        Window::All => (span.map_or(now.timestamp(), |(first, _)| first.min(to)), to),
    })
}

/// When `day` begins in `tz`, as UTC seconds: its midnight, or where a DST
/// change skips midnight, the first hour that exists.
fn midnight<Tz: TimeZone>(tz: &Tz, day: NaiveDate) -> i64 {
    (0..3)
        .find_map(|h| {
            let t = day.and_hms_opt(h, 0, 0)?;
            crate::when::first_at(tz, &t)
        })
        .map_or_else(
            || day.and_time(chrono::NaiveTime::MIN).and_utc().timestamp(),
            |t| t.timestamp(),
        )
}

/// Where the chart's buckets begin for `[from, to)` in `tz`: every local
/// midnight, or every Monday's, from the one at or before `from`. A day
/// across a DST change is 23 or 25 hours, as it was lived; a midnight that
/// is not a whole UTC hour (India, Nepal) is where its day begins too.
pub fn bucket_starts<Tz: TimeZone>(tz: &Tz, from: i64, to: i64, weekly: bool) -> Vec<i64> {
    let Some(first) = DateTime::from_timestamp(from, 0).filter(|_| from < to) else {
        return Vec::new();
    };
    let mut day = first.with_timezone(tz).date_naive();
    if weekly {
        day -= Duration::days(i64::from(day.weekday().num_days_from_monday()));
    }
    let step = Duration::days(if weekly { 7 } else { 1 });
    let mut starts = Vec::new();
    loop {
        let start = midnight(tz, day);
        if start >= to {
            return starts;
        }
        starts.push(start);
        day += step;
    }
}

/// Today's progress.
pub fn today(store: &Store, now: DateTime<Utc>) -> Result<Today> {
    let day = now.with_timezone(&Local).date_naive();
    let start = midnight(&Local, day);
    let end = midnight(&Local, day + Duration::days(1));
    let (answered, dismissed) = store.decided_between(start, end)?;
    Ok(Today {
        answered,
        dismissed,
        needs_reply: store.needs_reply_count()?,
    })
}

/// Computes every figure for `window` as of `now`.
pub fn report(
    store: &Store,
    config: &Config,
    window: Window,
    now: DateTime<Utc>,
) -> Result<Report> {
    // One snapshot: the counts and the reply times agree (see below).
    let _snapshot = store.reading()?;
    let (from, to) = window_range(store, window, now)?;
    let target = config.target_secs();
    let mut per: BTreeMap<String, Acc> = BTreeMap::new();
    for (p, c) in store.window_counts(from, to)? {
        per.entry(p).or_default().counts = c;
    }
    for (p, reason, n) in store.dismissals(from, to)? {
        per.entry(p).or_default().reasons.insert(reason, n);
    }
    for (p, times) in store.reply_times(from, to)? {
        let acc = per.entry(p).or_default();
        for (created, replied) in times {
            acc.reply_secs.push((replied - created).max(0));
            if let Some(h) = &config.business_hours {
                acc.business_secs.push(working_secs(
                    h,
                    crate::store::ts(created),
                    crate::store::ts(replied),
                ));
            }
        }
    }
    for (p, b) in store.backlog(now.timestamp())? {
        per.entry(p).or_default().backlog = b;
    }
    for (p, acc) in &mut per {
        if acc.counts.open() > 0 {
            acc.oldest_open = store.oldest_open(p, from, to)?;
        }
    }
    let mut all = Acc::default();
    for acc in per.values_mut() {
        acc.reply_secs.sort_unstable();
        acc.business_secs.sort_unstable();
        all.absorb(acc);
    }
    // The counts come from the roll-ups, the reply times from the items.
    let c = &all.counts;
    if all.reply_secs.len() as u64 != c.answered
        || c.answered + c.dismissed + c.needs_reply + c.snoozed != c.incoming
    {
        store.check_sound("the statistics' counts disagree with the items")?;
    }
    // Sorted runs, one per platform: the stable sort merges them.
    all.reply_secs.sort();
    all.business_secs.sort();
    let (km_all, mut km) = kaplan_meier(store, &all, &per, (from, to), now)?;
    let mut per_platform = Vec::new();
    for (platform, acc) in per {
        let km = km.remove(&platform).unwrap_or_default();
        per_platform.push(PlatformFigures {
            figures: acc.figures(now, target, km),
            platform,
        });
    }
    // Days up to 90 of them (a window's end is a second past now), weeks beyond.
    let weekly = to - from > 91 * 86_400;
    let over_time = store
        .buckets(from, to, &bucket_starts(&Local, from, to, weekly))?
        .into_iter()
        .map(|b| BucketFigures {
            start: format_ts(crate::store::ts(b.start)),
            incoming: b.incoming,
            answered: b.answered,
            dismissed: b.dismissed,
            replies: b.replies,
            response_rate: ratio(b.answered, b.incoming - b.dismissed),
        })
        .collect();
    let (people, people_total) = store.active_people(from, to, 20)?;
    let people = (people.into_iter())
        .map(|p| Person {
            reciprocity: ratio(p.answered, p.items - p.dismissed),
            loyal: p.loyal,
            last_seen: format_ts(crate::store::ts(p.last_seen)),
            platform: p.platform,
            author: p.author,
            author_name: p.author_name,
            items: p.items,
            answered: p.answered,
            dismissed: p.dismissed,
            needs_reply: p.needs_reply,
            snoozed: p.items - p.answered - p.dismissed - p.needs_reply,
        })
        .collect();
    Ok(Report {
        window: window.to_string(),
        from: format_ts(crate::store::ts(from)),
        to: format_ts(crate::store::ts(to)),
        reply_target_hours: config.reply_target_hours,
        overall: all.figures(now, target, km_all),
        today: today(store, now)?,
        per_platform,
        bucket: if weekly { "week" } else { "day" },
        over_time,
        people_total,
        people,
    })
}

/// A median and a p90, where known.
type Quantiles = [Option<i64>; 2];

/// The Kaplan–Meier median and p90, overall and per platform.
fn kaplan_meier(
    store: &Store,
    all: &Acc,
    per: &BTreeMap<String, Acc>,
    (from, to): (i64, i64),
    now: DateTime<Utc>,
) -> Result<(Quantiles, BTreeMap<String, Quantiles>)> {
    let open = OpenItems {
        from,
        to,
        now: now.timestamp(),
        read: |f: &mut dyn FnMut(&str, i64) -> bool| store.open_newest_first(from, to, f),
        count: |a, b| store.open_counts(a, b),
    };
    km_estimates(all, per, open, KM_TAIL)
}

/// How many of the slowest answers the estimate meets by counting the open
/// items between them rather than reading each: past the others, answers
/// come days apart, and counting a stretch from the roll-ups costs less than
/// reading its open items (thousands a day at 1M).
const KM_TAIL: usize = 64;

/// The open items of a window as the estimate reads them: one by one,
/// youngest first, or counted per platform over `[a, b)` of creation time.
struct OpenItems<R, C> {
    from: i64,
    to: i64,
    now: i64,
    read: R,
    count: C,
}

/// One pass over the open items, youngest first, censoring each, until no
/// older one can change an estimate or they are as old as the slowest
/// `tail` answers; from there the open items between one answer and the
/// next leave the risk set by the count.
fn km_estimates<R, C>(
    all: &Acc,
    per: &BTreeMap<String, Acc>,
    mut open: OpenItems<R, C>,
    tail: usize,
) -> Result<(Quantiles, BTreeMap<String, Quantiles>)>
where
    R: FnMut(&mut dyn FnMut(&str, i64) -> bool) -> Result<()>,
    C: FnMut(i64, i64) -> Result<BTreeMap<String, u64>>,
{
    let mut overall = Km::new(&all.reply_secs, all.counts.open());
    let mut each: BTreeMap<&str, Km> = per
        .iter()
        .map(|(p, acc)| (p.as_str(), Km::new(&acc.reply_secs, acc.counts.open())))
        .collect();
    let now = open.now;
    // Open items at least this old are counted, not read.
    let cut = all
        .reply_secs
        .len()
        .checked_sub(tail)
        .and_then(|i| all.reply_secs.get(i).copied());
    let mut reached_cut = false;
    (open.read)(&mut |platform, created| {
        let age = (now - created).max(0);
        if cut.is_some_and(|c| age >= c) {
            reached_cut = true;
            return false;
        }
        overall.censor(age);
        if let Some(km) = each.get_mut(platform) {
            km.censor(age);
        }
        !(overall.done() && each.values().all(Km::done))
    })?;
    if let (true, Some(cut)) = (reached_cut, cut) {
        // Still at risk: the open items created before `gone_from`. With a
        // cut at 0 s none was read, not even those dated ahead (aged 0).
        let mut gone_from = match cut {
            0 => open.to,
            _ => (now - cut + 1).min(open.to),
        };
        let slowest = &all.reply_secs[all.reply_secs.partition_point(|&t| t < cut)..];
        for (i, &t) in slowest.iter().enumerate() {
            if slowest.get(i + 1) == Some(&t) {
                continue;
            }
            // Younger than `t`: created after `now - t` (and in the window:
            // a reply dated after `now` can be slower than the window is long).
            let young = (now - t + 1).max(open.from);
            if t > 0 && young < gone_from {
                for (platform, n) in (open.count)(young, gone_from)? {
                    overall.leave(n);
                    if let Some(km) = each.get_mut(platform.as_str()) {
                        km.leave(n);
                    }
                }
                gone_from = young;
            }
            overall.advance(t);
            each.values_mut().for_each(|km| km.advance(t));
            if overall.done() && each.values().all(Km::done) {
                break;
            }
        }
    }
    let each = each
        .into_iter()
        .map(|(p, km)| (p.to_owned(), km.finish()))
        .collect();
    Ok((overall.finish(), each))
}

/// Raw material for one platform (or all of them).
#[derive(Default)]
struct Acc {
    counts: WindowCounts,
    reasons: BTreeMap<String, u64>,
    /// Times to first reply (sorted before use), and the same in working time.
    reply_secs: Vec<i64>,
    business_secs: Vec<i64>,
    /// Creation time of the oldest item of the window still open.
    oldest_open: Option<i64>,
    backlog: BacklogCounts,
}

fn earliest(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    a.into_iter().chain(b).min()
}

impl Acc {
    fn absorb(&mut self, o: &Acc) {
        self.counts.add(&o.counts);
        for (r, n) in &o.reasons {
            *self.reasons.entry(r.clone()).or_default() += n;
        }
        self.reply_secs.extend(&o.reply_secs);
        self.business_secs.extend(&o.business_secs);
        self.oldest_open = earliest(self.oldest_open, o.oldest_open);
        let (b, ob) = (&mut self.backlog, &o.backlog);
        b.total += ob.total;
        b.under_1d += ob.under_1d;
        b.from_1_to_3d += ob.from_1_to_3d;
        b.from_3_to_7d += ob.from_3_to_7d;
        b.over_7d += ob.over_7d;
        b.oldest = earliest(b.oldest, ob.oldest);
    }

    /// The figures, from sorted reply times and the Kaplan–Meier estimates.
    fn figures(self, now: DateTime<Utc>, target_secs: i64, km: [Option<i64>; 2]) -> Figures {
        let c = &self.counts;
        let known = c.answered - c.personal_unknown;
        let business = !self.business_secs.is_empty();
        let within = self.reply_secs.partition_point(|&s| s <= target_secs) as u64;
        Figures {
            incoming: c.incoming,
            answered: c.answered,
            dismissed: c.dismissed,
            needs_reply: c.needs_reply,
            snoozed: c.snoozed,
            // Every reason, 0 where none: a script reads the same keys on any database.
            dismissed_by_reason: (DismissReason::ALL.iter())
                .map(|r| (r.as_str().to_owned(), 0))
                .chain(self.reasons.clone())
                .collect(),
            response_rate: ratio(c.answered, c.incoming - c.dismissed),
            raw_response_rate: ratio(c.answered, c.incoming),
            answered_within_target: ratio(within, c.answered),
            personally_answered: c.personal,
            personal_unknown: c.personal_unknown,
            personal_reply_rate: ratio(c.personal, known),
            time_to_first_reply: ReplyTimes {
                answered: self.reply_secs.len() as u64,
                median_secs: quantile(&self.reply_secs, 0.5),
                p90_secs: quantile(&self.reply_secs, 0.9),
                open: c.open(),
                open_oldest_age_secs: self.oldest_open.map(|t| (now.timestamp() - t).max(0)),
                km_median_secs: km[0],
                km_p90_secs: km[1],
                business_median_secs: business
                    .then(|| quantile(&self.business_secs, 0.5))
                    .flatten(),
                business_p90_secs: business
                    .then(|| quantile(&self.business_secs, 0.9))
                    .flatten(),
            },
            backlog: Backlog {
                total: self.backlog.total,
                under_1d: self.backlog.under_1d,
                from_1_to_3d: self.backlog.from_1_to_3d,
                from_3_to_7d: self.backlog.from_3_to_7d,
                over_7d: self.backlog.over_7d,
                oldest: self.backlog.oldest.map(|t| format_ts(crate::store::ts(t))),
                // An item dated a little ahead (a clock, a time zone) is new.
                oldest_age_secs: self.backlog.oldest.map(|t| (now.timestamp() - t).max(0)),
            },
        }
    }
}

/// A rate as the Stats view and `stats` show it, "62.5%" ("—" for none):
/// one decimal, so that both say the same. A rate short of all (or above
/// none) is never rounded to it: one comment waiting of 2,001 is ">99.9%",
/// one answered "<0.1%".
pub fn percent(v: Option<f64>) -> String {
    let Some(v) = v else {
        return "—".to_owned();
    };
    match format!("{:.1}%", v * 100.0) {
        all if all == "100.0%" && v < 1.0 => ">99.9%".to_owned(),
        none if none == "0.0%" && v > 0.0 => "<0.1%".to_owned(),
        shown => shown,
    }
}

/// A share of 0 to 1 in whole percent, "62%", as a gauge shows it: short
/// of all (above none) it is never said to be all (none): 249 of 250 is
/// "99%", 1 of 250 "1%".
pub fn whole_percent(v: f64) -> String {
    let n = (v * 100.0).round();
    let n = if v < 1.0 { n.min(99.0) } else { n };
    let n = if v > 0.0 { n.max(1.0) } else { n };
    format!("{n:.0}%")
}

/// A duration as [`human_secs`] says it, "—" for none.
pub fn human_or_none(v: Option<i64>) -> String {
    v.map_or("—".to_owned(), human_secs)
}

/// A duration as people say it, to the nearest unit shown: "45 min",
/// "3.5 h", "2 d" (59 min 59 s is "1.0 h", as 1 h 59 min 59 s is "2.0 h").
pub fn human_secs(secs: i64) -> String {
    let minutes = (secs + 30).div_euclid(60);
    // Tenths of an hour, as shown: 47 h 59 min is "2.0 d", not "48.0 h".
    let tenths = (secs + 180).div_euclid(360);
    if minutes < 60 {
        format!("{minutes} min")
    } else if tenths < 480 {
        format!("{:.1} h", secs as f64 / 3600.0)
    } else {
        format!("{:.1} d", secs as f64 / 86_400.0)
    }
}

#[cfg(test)]
mod tests {
    /// All and none are said only of all and none.
    #[test]
    fn a_rate_is_not_rounded_to_all_or_none() {
        let shown = |answered: f64, of: f64| super::percent(Some(answered / of));
        assert_eq!(shown(2000.0, 2001.0), ">99.9%");
        assert_eq!(shown(1.0, 2001.0), "<0.1%");
        assert_eq!(shown(2001.0, 2001.0), "100.0%");
        assert_eq!(shown(0.0, 2001.0), "0.0%");
        assert_eq!(shown(5.0, 8.0), "62.5%");
        assert_eq!(shown(1999.0, 2001.0), "99.9%");
        assert_eq!(super::percent(None), "—");
        let whole = |done: f64, of: f64| super::whole_percent(done / of);
        assert_eq!(whole(249.0, 250.0), "99%");
        assert_eq!(whole(1.0, 250.0), "1%");
        assert_eq!(whole(250.0, 250.0), "100%");
        assert_eq!(whole(0.0, 250.0), "0%");
        assert_eq!(whole(5.0, 8.0), "63%");
    }

    use super::*;

    #[test]
    fn chart_days_follow_the_local_calendar_across_dst() {
        let ts = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().timestamp();
        let lisbon = chrono_tz::Europe::Lisbon;
        // Summer time begins on 29 March 2026 at 01:00 UTC: that day has 23 hours.
        let days = bucket_starts(
            &lisbon,
            ts("2026-03-28T12:00:00Z"),
            ts("2026-03-30T12:00:00Z"),
            false,
        );
        assert_eq!(
            days,
            [
                ts("2026-03-28T00:00:00Z"),
                ts("2026-03-29T00:00:00Z"),
                ts("2026-03-29T23:00:00Z"),
            ]
        );
        // Weeks begin on Monday midnights, local: CET in winter, CEST after.
        let paris = chrono_tz::Europe::Paris;
        let weeks = bucket_starts(
            &paris,
            ts("2026-03-25T12:00:00Z"),
            ts("2026-04-01T00:00:00Z"),
            true,
        );
        assert_eq!(
            weeks,
            [ts("2026-03-22T23:00:00Z"), ts("2026-03-29T22:00:00Z")]
        );
        // Where a DST change skips midnight, the day begins at 01:00.
        let havana = chrono_tz::America::Havana;
        let gap = bucket_starts(
            &havana,
            ts("2026-03-08T12:00:00Z"),
            ts("2026-03-08T13:00:00Z"),
            false,
        );
        assert_eq!(gap, [ts("2026-03-08T05:00:00Z")]);
        assert!(bucket_starts(&lisbon, 100, 100, false).is_empty());
    }

    /// India (+05:30) and Nepal (+05:45): a day begins at local midnight,
    /// within a UTC hour, and its bucket counts exactly what lies between
    /// its start and the next one's (the hour around each midnight read from
    /// the items, the rest from the hourly roll-ups).
    #[test]
    fn local_days_begin_at_midnight_off_the_hour() {
        let t = |s: &str| {
            DateTime::parse_from_rfc3339(s)
                .expect("time")
                .with_timezone(&Utc)
        };
        let mut store = Store::open_in_memory().expect("store");
        // Around local midnight of 30 November in India (18:30Z) and Nepal (18:15Z).
        let created = [
            "2026-11-29T18:10:00Z",
            "2026-11-29T18:20:00Z",
            "2026-11-29T18:45:00Z",
            "2026-11-29T19:05:00Z",
            "2026-11-30T18:40:00Z",
        ]
        .map(t);
        let mut imp = store
            .begin_import(t("2026-12-02T00:00:00Z"))
            .expect("import");
        for (i, c) in created.iter().enumerate() {
            let r = crate::model::Record::new("youtube", &i.to_string(), "a", "hi", *c);
            imp.add(&r, false, None).expect("add");
        }
        imp.finish(true).expect("commit");
        let (from, to) = (
            t("2026-11-27T12:00:00Z").timestamp(),
            t("2026-12-02T12:00:00Z").timestamp(),
        );
        for (tz, nov30) in [
            (chrono_tz::Asia::Kolkata, "2026-11-29T18:30:00Z"),
            (chrono_tz::Asia::Kathmandu, "2026-11-29T18:15:00Z"),
        ] {
            let starts = bucket_starts(&tz, from, to, false);
            assert!(starts.contains(&t(nov30).timestamp()), "{tz}: {starts:?}");
            let buckets = store.buckets(from, to, &starts).expect("buckets");
            let ends = starts.iter().skip(1).copied().chain([i64::MAX]);
            for (b, end) in buckets.iter().zip(ends) {
                let between = created
                    .iter()
                    .filter(|c| (b.start..end).contains(&c.timestamp()))
                    .count() as u64;
                assert_eq!(b.incoming, between, "{tz}: the bucket from {}", b.start);
            }
        }
        // A window that begins between a midnight and the hour after it
        // starts with that day.
        let inside = t("2026-11-29T18:40:00Z").timestamp();
        let starts = bucket_starts(&chrono_tz::Asia::Kolkata, inside, inside + 7200, false);
        let starts: Vec<String> = starts
            .into_iter()
            .map(|s| format_ts(crate::store::ts(s)))
            .collect();
        assert_eq!(starts, ["2026-11-29T18:30:00Z"]);
    }

    #[test]
    fn quantiles_are_the_inverse_of_the_share_averaged_where_exact() {
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[10], 0.9), Some(10));
        assert_eq!(quantile(&[10], 0.0), Some(10));
        assert_eq!(quantile(&[10, 20], 0.5), Some(15));
        assert_eq!(quantile(&[10, 20], 0.9), Some(20));
        // 90 % of ten is exactly the ninth: the mean of the 9th and 10th.
        assert_eq!(quantile(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 30], 0.9), Some(20));
        assert_eq!(quantile(&[0, 100, 200, 300, 400], 0.5), Some(200));
        assert_eq!(quantile(&[0, 100, 200, 300, 400], 0.9), Some(400));
        assert_eq!(quantile(&[10, 10, 20, 30], 0.5), Some(15));
    }

    /// The estimate from sorted events and open ages, youngest first.
    fn km(events: &[i64], open: &[i64]) -> [Option<i64>; 2] {
        let mut km = Km::new(events, open.len() as u64);
        for &age in open {
            km.censor(age);
        }
        km.finish()
    }

    #[test]
    fn kaplan_meier_without_censoring_is_the_plain_quantile() {
        let events = [10, 20, 30, 40];
        assert_eq!(km(&events, &[]), [Some(25), Some(40)]);
        let mut rng = 7u64;
        for n in 1..40 {
            let mut events: Vec<i64> = (0..n)
                .map(|_| {
                    rng = rng
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (rng >> 58) as i64
                })
                .collect();
            events.sort_unstable();
            let plain = [quantile(&events, 0.5), quantile(&events, 0.9)];
            assert_eq!(km(&events, &[]), plain, "{events:?}");
            // An item open for less than any answer took changes nothing.
            if events[0] > 0 {
                assert_eq!(km(&events, &[0]), plain, "{events:?}");
            }
        }
    }

    /// One item opened a minute ago does not lower the estimate below the
    /// plain median of two answers (it did while the two read their
    /// curves differently: 1 h against 1.5 h).
    #[test]
    fn a_new_open_item_leaves_the_estimate_where_it_was() {
        assert_eq!(km(&[3600, 7200], &[60]), [Some(5400), Some(7200)]);
    }

    #[test]
    fn kaplan_meier_counts_open_items_as_at_least_this_old() {
        // Events at 1 and 3; open items aged 2 and 5.
        // S(1) = 1 - 1/4 = 0.75; at 3, at risk 2 -> S = 0.75 * 0.5 = 0.375:
        // the median is 3, and 90 % is never reached (the last one is open).
        assert_eq!(km(&[1, 3], &[2, 5]), [Some(3), None]);
        // Mostly open: the median is not known yet.
        assert_eq!(km(&[1], &[5, 6, 7]), [None, None]);
        // An item open exactly as long as an answer took was still at risk
        // then: S(2) = 1 - 1/3, S(4) = 2/3 * (1 - 1/1) = 0.
        assert_eq!(km(&[2, 4], &[2]), [Some(4), Some(4)]);
        // At exactly 50 % with no answer after it (the rest open): the time
        // it got there, however old the open item.
        assert_eq!(km(&[3600], &[172_800]), [Some(3600), None]);
    }

    /// Two platforms' answers (platform, seconds) and open items (platform,
    /// age) as of `NOW`, estimated with the slowest `tail` answers met by
    /// counting; and the same one open item at a time. The window holds the
    /// open items up to `WINDOW` old, and those dated up to `AHEAD` after
    /// `NOW` (new: aged 0); the older ones are there to be counted by
    /// mistake, as the store would count them.
    fn both_ways(
        answers: &[(usize, i64)],
        all_open: &[(usize, i64)],
        tail: usize,
    ) -> [(Quantiles, BTreeMap<String, Quantiles>); 2] {
        const NOW: i64 = 10_000;
        const WINDOW: i64 = 450;
        const AHEAD: i64 = 60;
        let name = |p: usize| ["a", "b"][p].to_owned();
        let open: Vec<(usize, i64)> = all_open
            .iter()
            .copied()
            .filter(|&(_, age)| (-AHEAD..=WINDOW).contains(&age))
            .collect();
        let mut per: BTreeMap<String, Acc> = BTreeMap::new();
        let mut all = Acc::default();
        for &(p, secs) in answers {
            per.entry(name(p)).or_default().reply_secs.push(secs);
            all.reply_secs.push(secs);
        }
        for &(p, _) in &open {
            per.entry(name(p)).or_default().counts.needs_reply += 1;
            all.counts.needs_reply += 1;
        }
        all.reply_secs.sort_unstable();
        per.values_mut().for_each(|a| a.reply_secs.sort_unstable());
        let mut youngest_first: Vec<(usize, i64)> = open.to_vec();
        youngest_first.sort_by_key(|&(_, age)| age);
        let items = OpenItems {
            from: NOW - WINDOW,
            to: NOW + AHEAD + 1,
            now: NOW,
            read: |f: &mut dyn FnMut(&str, i64) -> bool| {
                for &(p, age) in &youngest_first {
                    if !f(&name(p), NOW - age) {
                        break;
                    }
                }
                Ok(())
            },
            count: |a, b| {
                let mut n: BTreeMap<String, u64> = BTreeMap::new();
                for &(p, age) in all_open {
                    if (a..b).contains(&(NOW - age)) {
                        *n.entry(name(p)).or_default() += 1;
                    }
                }
                Ok(n)
            },
        };
        let counted = km_estimates(&all, &per, items, tail).expect("estimates");
        let ages = |p: Option<usize>| -> Vec<i64> {
            youngest_first
                .iter()
                .filter(|(q, _)| p.is_none_or(|p| p == *q))
                .map(|&(_, age)| age.max(0))
                .collect()
        };
        let one_by_one = (
            km(&all.reply_secs, &ages(None)),
            per.iter()
                .map(|(p, acc)| {
                    let idx = usize::from(p == "b");
                    (p.clone(), km(&acc.reply_secs, &ages(Some(idx))))
                })
                .collect(),
        );
        [counted, one_by_one]
    }

    proptest::proptest! {
        #[test]
        fn counting_the_oldest_open_items_changes_no_estimate(
            // Replies dated at or before their item take 0 s; items dated
            // ahead have negative ages.
            answers in proptest::collection::vec(
                (0..2usize, proptest::prop_oneof![proptest::strategy::Just(0i64), 0i64..600]),
                0..60,
            ),
            open in proptest::collection::vec((0..2usize, -100i64..600), 0..60),
            tail in 0usize..8,
        ) {
            let [counted, one_by_one] = both_ways(&answers, &open, tail);
            proptest::prop_assert_eq!(counted, one_by_one);
        }
    }

    #[test]
    fn the_slowest_answers_are_met_by_counting() {
        // Answers at 10, 20 and 300; open items aged 5, 15, 100, 200, 400.
        // With the slowest answer (300) met by counting, the open items
        // aged 100 and 200 leave the risk set by the count before it.
        let answers = [(0, 10), (0, 20), (0, 300)];
        let open = [(0, 5), (1, 15), (0, 100), (1, 200), (0, 400)];
        for tail in [0, 1, 2, 3] {
            let [counted, one_by_one] = both_ways(&answers, &open, tail);
            assert_eq!(counted, one_by_one, "tail {tail}");
        }
        // S(10) = 1 - 1/7, S(20) = 6/7 * (1 - 1/5), S(300) = 24/35 * (1 - 1/2) = 12/35:
        // the median is at 300, 90 % is never reached.
        assert_eq!(both_ways(&answers, &open, 1)[0].0, [Some(300), None]);
    }

    #[test]
    fn items_dated_ahead_leave_the_risk_set_when_the_slowest_answers_take_no_time() {
        // The QA case: the answer met by counting took 0 s, and 20 open
        // items are dated an hour ahead (aged 0: at risk at 0 s only).
        let mut answers = vec![(0, 0)];
        answers.extend([(0, 36); 35]);
        answers.extend([(0, 72); 28]);
        let open = [(0, -50); 20];
        let [counted, one_by_one] = both_ways(&answers, &open, 64);
        assert_eq!(counted, one_by_one);
        // S(0) = 83/84; at 36, 63 at risk: S = 83/84 * 28/63 < 0.5; S(72) = 0.
        assert_eq!(counted.0, [Some(36), Some(72)]);
    }

    #[test]
    fn kaplan_meier_needs_no_open_item_older_than_its_answers() {
        let mut km = Km::new(&[1, 2, 3], 100);
        km.censor(0);
        assert!(!km.done());
        km.censor(5); // past every answer: nothing older matters
        assert!(km.done());
    }

    #[test]
    fn working_time_counts_only_open_hours() {
        let hours: BusinessHours = toml::from_str(
            "timezone = \"UTC\"\nmonday = \"09:00-17:00\"\ntuesday = \"09:00-17:00\"",
        )
        .expect("valid");
        let t = |s: &str| {
            DateTime::parse_from_rfc3339(s)
                .expect("time")
                .with_timezone(&Utc)
        };
        // Monday 16:00 to Tuesday 10:00: one hour on each day.
        assert_eq!(
            working_secs(&hours, t("2026-11-16T16:00:00Z"), t("2026-11-17T10:00:00Z")),
            7200
        );
        // Saturday to Sunday: none.
        assert_eq!(
            working_secs(&hours, t("2026-11-21T10:00:00Z"), t("2026-11-22T10:00:00Z")),
            0
        );
        // A day open to a midnight the clocks skip (Santiago, 2026-09-06):
        // to when they resume.
        let chile: BusinessHours =
            toml::from_str("timezone = \"America/Santiago\"\nsaturday = \"18:00-24:00\"")
                .expect("valid");
        assert_eq!(
            working_secs(&chile, t("2026-09-05T22:00:00Z"), t("2026-09-06T01:00:00Z")),
            3 * 3600
        );
        // A day open to a midnight the clocks go back over (Azores,
        // 2026-10-25, 01:00 → 00:00): it closes at the first midnight, so the
        // repeated hour after it is Sunday's, closed.
        let azores: BusinessHours =
            toml::from_str("timezone = \"Atlantic/Azores\"\nsaturday = \"18:00-24:00\"")
                .expect("valid");
        assert_eq!(
            working_secs(
                &azores,
                t("2026-10-24T20:00:00Z"),
                t("2026-10-25T00:50:00Z")
            ),
            4 * 3600
        );
        // A day open to midnight: its last hour whole.
        let late: BusinessHours =
            toml::from_str("timezone = \"UTC\"\nsaturday = \"18:00-24:00\"").expect("valid");
        assert_eq!(
            working_secs(&late, t("2026-11-21T23:00:00Z"), t("2026-11-22T10:00:00Z")),
            3600
        );
    }

    #[test]
    fn humane_durations() {
        assert_eq!(human_secs(600), "10 min");
        assert_eq!(human_secs(74), "1 min");
        assert_eq!(human_secs(90), "2 min");
        assert_eq!(human_secs(3_599), "1.0 h");
        assert_eq!(human_secs(172_799), "2.0 d");
        assert_eq!(human_secs(172_619), "47.9 h");
        assert_eq!(human_secs(5400), "1.5 h");
        assert_eq!(human_secs(3 * 86_400), "3.0 d");
    }
}
