//! How the command line prints items, replies and statistics: plain text
//! for people, JSON Lines and CSV for scripts. Every untrusted string passes
//! the sanitiser again on its way out.

use crate::model::{State, format_ts};
use crate::stats::{Figures, Report, human_or_none as dur, human_secs, percent as pct};
use crate::store::people::PersonRow;
use crate::store::query::{Item, Reply};
use crate::text::{
    distinct_name, is_number, one_line, pad, sanitize, short_author, truncate, width,
};
use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::io::Write;

/// Why nothing can be written to a standard output opened for reading only.
pub const STDOUT_READ_ONLY: &str =
    "standard output is open for reading only (`1<FILE`?): nothing could be written";

/// Whether standard output was opened for reading only (`1<FILE`): Rust's
/// stdout takes every write to it as done, and a command would say
/// nothing, with success.
pub fn stdout_read_only() -> bool {
    rustix::fs::fcntl_getfl(std::io::stdout())
        .is_ok_and(|flags| !flags.intersects(rustix::fs::OFlags::WRONLY | rustix::fs::OFlags::RDWR))
}

/// `eprintln!` that never panics: a note lost with its standard error
/// (closed, full, a reader gone) fails nothing the command did.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Writes `value` as one JSON line in which every character a terminal
/// could act on or that reorders a line (C1 controls, bidi) is a `\u`
/// escape: the same string to a JSON reader (a file name as given, for a
/// script to match), nothing raw on a screen.
pub fn json_line(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    let json = serde_json::to_string(value)?;
    let mut safe = String::with_capacity(json.len());
    let mut buf = [0; 4];
    for c in json.chars() {
        if c.is_ascii() || crate::text::is_clean(c.encode_utf8(&mut buf)) {
            safe.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                safe.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    Ok(writeln!(out, "{safe}")?)
}

/// Output its reader may stop reading (`import … | grep -q`, `| head`):
/// what is left to say is dropped and the work goes on (a closed pipe
/// stopped an import before the files after it).
pub struct Unread<'a> {
    inner: &'a mut dyn Write,
    gone: bool,
}

impl<'a> Unread<'a> {
    pub fn new(inner: &'a mut dyn Write) -> Self {
        Unread { inner, gone: false }
    }

    fn unless_gone(&mut self, io: std::io::Result<()>) -> std::io::Result<()> {
        match io {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl Write for Unread<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.gone {
            let written = self.inner.write_all(buf);
            self.unless_gone(written)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.gone {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.unless_gone(flushed)
    }
}

/// An item as `list --json`/`--csv` writes it.
#[derive(Debug, Serialize)]
pub struct ItemOut {
    pub platform: String,
    pub id: String,
    pub parent_id: Option<String>,
    pub thread_id: Option<String>,
    pub thread_title: Option<String>,
    pub author: String,
    pub author_name: Option<String>,
    pub created_at: String,
    pub url: Option<String>,
    pub kind: &'static str,
    pub state: &'static str,
    pub dismiss_reason: Option<&'static str>,
    pub snoozed_until: Option<String>,
    pub first_reply_at: Option<String>,
    pub personal: Option<bool>,
    pub flags: Vec<&'static str>,
    /// Why each flag is set.
    pub flag_reasons: std::collections::BTreeMap<String, String>,
    /// The queue score and why the item sits where it does.
    pub priority: i64,
    pub priority_reasons: Vec<String>,
    pub body: String,
}

impl ItemOut {
    /// `priority`: the item's score and its reasons (`Store::priority`).
    pub fn new(i: &Item, priority: (i64, Vec<String>)) -> Self {
        let opt = |s: &Option<String>| s.as_deref().map(sanitize);
        ItemOut {
            platform: sanitize(&i.platform),
            id: sanitize(&i.id),
            parent_id: opt(&i.parent_id),
            thread_id: opt(&i.thread_id),
            thread_title: opt(&i.thread_title),
            author: sanitize(&i.author),
            author_name: opt(&i.author_name),
            created_at: format_ts(i.created_at),
            url: opt(&i.url),
            kind: i.kind.as_str(),
            state: i.state.as_str(),
            dismiss_reason: i.dismiss_reason.map(|r| r.as_str()),
            snoozed_until: i.snoozed_until.map(format_ts),
            first_reply_at: i.first_reply_at.map(format_ts),
            personal: i.personal,
            flags: crate::model::flag_names(i.flags),
            flag_reasons: i
                .flag_reasons
                .iter()
                .map(|(k, v)| (sanitize(k), sanitize(v)))
                .collect(),
            priority: priority.0,
            priority_reasons: priority.1,
            body: sanitize(&i.body),
        }
    }
}

/// The columns of `list --csv` (flags joined by `;`, their reasons as
/// `flag: reason` joined by `; `).
pub const ITEM_CSV_HEADER: &[&str] = &[
    "platform",
    "id",
    "parent_id",
    "thread_id",
    "thread_title",
    "author",
    "author_name",
    "created_at",
    "url",
    "kind",
    "state",
    "dismiss_reason",
    "snoozed_until",
    "first_reply_at",
    "personal",
    "flags",
    "flag_reasons",
    "priority",
    "priority_reasons",
    "body",
];

/// A row of `list --csv`; a cell a spreadsheet would run as a formula gets
/// a `'` before it, as in an export.
pub fn item_csv_row(o: &ItemOut) -> Vec<String> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let row = vec![
        o.platform.clone(),
        o.id.clone(),
        s(&o.parent_id),
        s(&o.thread_id),
        s(&o.thread_title),
        o.author.clone(),
        s(&o.author_name),
        o.created_at.clone(),
        s(&o.url),
        o.kind.to_owned(),
        o.state.to_owned(),
        o.dismiss_reason.unwrap_or_default().to_owned(),
        s(&o.snoozed_until),
        s(&o.first_reply_at),
        o.personal.map(|p| p.to_string()).unwrap_or_default(),
        o.flags.join(";"),
        (o.flag_reasons.iter())
            .map(|(flag, why)| format!("{flag}: {why}"))
            .collect::<Vec<_>>()
            .join("; "),
        o.priority.to_string(),
        o.priority_reasons.join("; "),
        o.body.clone(),
    ];
    (row.iter())
        .map(|cell| crate::import::canonical::guarded(cell).into_owned())
        .collect()
}

/// What an empty queue says of the items snoozed (a snooze empties it
/// without answering anyone): "2 snoozed come back later".
pub fn snoozed_come_back(n: u64) -> String {
    format!(
        "{n} snoozed {} back later",
        crate::text::noun(n, "comes", "come")
    )
}

/// "3 h", "2 d": how long ago.
pub fn age(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    crate::when::whole_units((now - t).num_seconds())
}

/// An id or a handle as `mark` and `person` take it back: as stored, its
/// spaces too ("post  7" is not "post 7"), on one line whatever it holds.
fn typed_back(s: &str) -> String {
    sanitize(s).replace(|c: char| c.is_whitespace() && c != ' ', " ")
}

/// One human-readable line per item.
pub fn item_line(out: &mut dyn Write, i: &Item, now: DateTime<Utc>) -> Result<()> {
    let state = match i.state {
        State::Dismissed => format!(
            "dismissed ({})",
            i.dismiss_reason.map_or("other", |r| r.as_str())
        ),
        State::Snoozed => match i.snoozed_until {
            Some(until) => format!("snoozed (until {})", crate::model::format_ts(until)),
            None => "snoozed".to_owned(),
        },
        s => s.as_str().to_owned(),
    };
    writeln!(
        out,
        "{}:{}  {}  {}  {}  {}",
        one_line(&i.platform),
        typed_back(&i.id),
        state,
        age(i.created_at, now),
        truncate(&short_author(&i.author, i.author_name.as_deref()), 24),
        truncate(&one_line(crate::text::or_no_text(&i.body)), 80)
    )?;
    Ok(())
}

/// An own reply as `replies --json` writes it.
#[derive(Debug, Serialize)]
pub struct ReplyOut {
    pub platform: String,
    pub id: String,
    pub parent_id: Option<String>,
    pub thread_id: Option<String>,
    pub author: String,
    pub created_at: String,
    pub url: Option<String>,
    pub origin: &'static str,
    /// False for a reply written in ackbox that no import has found on the
    /// platform yet.
    pub on_platform: bool,
    /// `personal`, `generic` or `canned`, and why.
    pub verdict: Option<&'static str>,
    pub reasons: Vec<String>,
    pub body: String,
}

impl ReplyOut {
    pub fn new(r: &Reply) -> Self {
        ReplyOut {
            platform: sanitize(&r.platform),
            id: sanitize(&r.id),
            parent_id: r.parent_id.as_deref().map(sanitize),
            thread_id: r.thread_id.as_deref().map(sanitize),
            author: sanitize(&r.author),
            created_at: format_ts(r.created_at),
            url: r.url.as_deref().map(sanitize),
            origin: r.origin.as_str(),
            on_platform: !crate::model::not_yet_imported(&r.id),
            verdict: r.verdict.map(|v| v.as_str()),
            reasons: r.reasons.iter().map(|x| sanitize(x)).collect(),
            body: sanitize(&r.body),
        }
    }
}

fn figures(out: &mut dyn Write, f: &Figures, indent: &str) -> Result<()> {
    let t = &f.time_to_first_reply;
    // With nothing open, the estimate is the plain figure: none is none.
    let km = |v: Option<i64>| match v {
        None if t.open > 0 => "not yet known".to_owned(),
        v => dur(v),
    };
    // Every incoming item in one of the four states: the counts add up.
    let snoozed = match f.snoozed {
        0 => String::new(),
        n => format!(", {n} snoozed"),
    };
    let rate = match f.all_dismissed() {
        Some(n) => format!("— ({n} dismissed; "),
        None => format!("{} (", pct(f.response_rate)),
    };
    writeln!(
        out,
        "{indent}response rate {rate}raw {}) · {} answered of {} incoming, {} dismissed, {} waiting{snoozed}",
        pct(f.raw_response_rate),
        f.answered,
        f.incoming,
        f.dismissed,
        f.needs_reply
    )?;
    let reasons: Vec<String> = (f.dismissed_by_reason.iter())
        .filter(|&(_, &n)| n > 0)
        .map(|(r, n)| format!("{} {n}", sanitize(r)))
        .collect();
    if !reasons.is_empty() {
        writeln!(out, "{indent}dismissed by reason: {}", reasons.join(", "))?;
    }
    writeln!(
        out,
        "{indent}within target {} · personal replies {} ({} unknown)",
        pct(f.answered_within_target),
        pct(f.personal_reply_rate),
        f.personal_unknown
    )?;
    // Counted with the items still open, where some are (else the same).
    let open = match t.open_oldest_age_secs {
        Some(oldest) if t.open > 0 => format!(
            "counting the {} still open (the oldest {}): median {}, p90 {}",
            t.open,
            human_secs(oldest),
            km(t.km_median_secs),
            km(t.km_p90_secs)
        ),
        _ => "none still open".to_owned(),
    };
    writeln!(
        out,
        "{indent}time to first reply: median {}, p90 {} · {open}",
        dur(t.median_secs),
        dur(t.p90_secs),
    )?;
    if t.business_median_secs.is_some() {
        writeln!(
            out,
            "{indent}in working time: median {}, p90 {}",
            dur(t.business_median_secs),
            dur(t.business_p90_secs)
        )?;
    }
    let b = &f.backlog;
    writeln!(
        out,
        "{indent}backlog now {}: <1d {}, 1–3d {}, 3–7d {}, >7d {}{}",
        b.total,
        b.under_1d,
        b.from_1_to_3d,
        b.from_3_to_7d,
        b.over_7d,
        b.oldest_age_secs
            .map_or(String::new(), |a| format!(" · oldest {}", human_secs(a)))
    )?;
    Ok(())
}

/// The statistics for people.
pub fn report(out: &mut dyn Write, r: &Report) -> Result<()> {
    writeln!(out, "Window {} ({} – {})", r.window, r.from, r.to)?;
    writeln!(
        out,
        "Today: {} answered, {} dismissed, {}",
        r.today.answered,
        r.today.dismissed,
        crate::text::counted(
            r.today.needs_reply,
            "still needs a reply",
            "still need a reply"
        )
    )?;
    figures(out, &r.overall, "")?;
    for p in &r.per_platform {
        writeln!(out, "\n{}", one_line(&p.platform))?;
        figures(out, &p.figures, "  ")?;
    }
    if !r.people.is_empty() {
        writeln!(out, "\nMost active people")?;
        let people =
            (r.people.iter()).map(|p| (&*p.platform, &*p.author, p.author_name.as_deref()));
        for (p, key) in r.people.iter().zip(key_column(people, 28)) {
            writeln!(
                out,
                "  {key} {:>4} {:<5}  {:>4} answered  {:>4} waiting{}",
                p.items,
                crate::text::noun(p.items, "item", "items"),
                p.answered,
                p.needs_reply,
                if p.loyal { "  loyal" } else { "" }
            )?;
        }
        let more = r.people_total.saturating_sub(r.people.len() as u64);
        if more > 0 {
            writeln!(
                out,
                "  and {more} more in this window (`ackbox people` lists everyone)"
            )?;
        }
    }
    Ok(())
}

/// A person as `people` and `person` print them.
#[derive(Debug, Serialize)]
pub struct PersonOut {
    pub platform: String,
    pub author: String,
    pub author_name: Option<String>,
    pub items: u64,
    pub answered: u64,
    pub dismissed: u64,
    pub needs_reply: u64,
    /// Theirs that wait hidden until a time (owed, but not in the queue).
    pub snoozed: u64,
    pub first_seen: String,
    pub last_seen: String,
    pub weeks: u64,
    /// Their items dismissed as bait or spam: each takes a week off loyalty.
    pub bait_or_spam: u64,
    pub loyal: bool,
    pub left_waiting: bool,
    pub median_reply_secs: Option<i64>,
    pub vip: bool,
    pub note: Option<String>,
}

/// People, one a line (`--json`: an object a line), who they are in a
/// column as wide as the widest (up to a limit).
pub fn people(
    out: &mut dyn Write,
    rows: &[PersonRow],
    cfg: &crate::analysis::AnalysisConfig,
    json: bool,
) -> Result<()> {
    let people = rows
        .iter()
        .map(|p| (&*p.platform, &*p.author, p.author_name.as_deref()));
    for (p, key) in rows.iter().zip(key_column(people, 32)) {
        person(out, p, &key, cfg, json)?;
    }
    Ok(())
}

/// Each person's key (see [`person_key`]: platform, author, name), whole
/// (it is pasted into `ackbox person`), padded to a column that holds them,
/// at least `min` wide and at most [`KEY_COLUMN`] (a longer key pushes the
/// rest of its own row only, not every row past the terminal's edge).
fn key_column<'a>(
    people: impl Iterator<Item = (&'a str, &'a str, Option<&'a str>)>,
    min: usize,
) -> Vec<String> {
    let keys: Vec<String> = people
        .map(|(platform, author, name)| person_key(platform, author, name))
        .collect();
    let widest = keys
        .iter()
        .map(|k| width(k))
        .filter(|&w| w <= KEY_COLUMN)
        .max();
    let column = widest.unwrap_or(0).max(min);
    (keys.iter())
        .map(|k| pad(k, column.max(width(k))))
        .collect()
}

/// The widest key column: a longer key pushes the rest of its own row.
const KEY_COLUMN: usize = 48;

/// The `platform:author` that `ackbox person` takes, and the name beside
/// an author that is a number (Facebook's app-scoped ids tell nobody apart),
/// cut to the column (it is only shown).
fn person_key(platform: &str, author: &str, name: Option<&str>) -> String {
    let key = format!("{}:{}", one_line(platform), typed_back(author));
    match distinct_name(author, name) {
        Some(name) if is_number(author) => {
            let room = KEY_COLUMN.saturating_sub(width(&key) + " ()".len()).max(8);
            format!("{key} ({})", truncate(&name, room))
        }
        _ => key,
    }
}

fn person(
    out: &mut dyn Write,
    p: &PersonRow,
    key: &str,
    cfg: &crate::analysis::AnalysisConfig,
    json: bool,
) -> Result<()> {
    let (loyal, left_waiting) = p.loyalty(&cfg.weights);
    let o = PersonOut {
        platform: sanitize(&p.platform),
        author: sanitize(&p.author),
        author_name: p.author_name.as_deref().map(sanitize),
        items: p.items,
        answered: p.answered,
        dismissed: p.dismissed,
        needs_reply: p.needs_reply,
        snoozed: p.items - p.answered - p.dismissed - p.needs_reply,
        first_seen: format_ts(p.first_seen),
        last_seen: format_ts(p.last_seen),
        weeks: p.weeks,
        bait_or_spam: p.noise,
        loyal,
        left_waiting,
        median_reply_secs: p.median_reply_secs,
        vip: p.vip,
        note: p.note.as_deref().map(sanitize),
    };
    if json {
        serde_json::to_writer(&mut *out, &o)?;
        writeln!(out)?;
        return Ok(());
    }
    let mut tags = Vec::new();
    if o.vip {
        tags.push("VIP");
    }
    // As the review's person view tags them: left waiting is said of the loyal.
    if o.loyal {
        tags.push("loyal");
    }
    if o.left_waiting {
        tags.push("left waiting");
    }
    // Why someone active for weeks is not loyal, as the person view says.
    let noise = format!(
        "{} {} less for bait or spam",
        o.bait_or_spam,
        crate::text::noun(o.bait_or_spam, "week", "weeks")
    );
    if o.bait_or_spam > 0 {
        tags.push(&noise);
    }
    writeln!(
        out,
        "{key} {:>4} {:<5} {:>4} answered {:>4} waiting  {:>2} {:<5}  median reply {}{}{}",
        o.items,
        crate::text::noun(o.items, "item", "items"),
        o.answered,
        o.needs_reply,
        o.weeks,
        crate::text::noun(o.weeks, "week", "weeks"),
        o.median_reply_secs.map_or("—".to_owned(), human_secs),
        if tags.is_empty() {
            String::new()
        } else {
            format!("  [{}]", tags.join(", "))
        },
        o.note
            .as_deref()
            .map_or(String::new(), |n| format!("  note: {}", one_line(n))),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A platform whose items were all dismissed says so, as the Stats
    /// view does ("— (4 dismissed)"), not as a rate of nothing.
    #[test]
    fn all_dismissed_says_so_in_the_rate() {
        let line = |f: &Figures| {
            let mut out = Vec::new();
            figures(&mut out, f, "").unwrap();
            String::from_utf8(out)
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_owned()
        };
        let mut f = Figures {
            incoming: 4,
            dismissed: 4,
            raw_response_rate: Some(0.0),
            ..Figures::default()
        };
        assert!(
            line(&f).starts_with("response rate — (4 dismissed; raw 0.0%) · 0 answered of 4"),
            "{}",
            line(&f)
        );
        f.dismissed = 3;
        f.answered = 1;
        f.response_rate = Some(1.0);
        f.raw_response_rate = Some(0.25);
        assert!(
            line(&f).starts_with("response rate 100.0% (raw 25.0%) · 1 answered"),
            "{}",
            line(&f)
        );
    }

    /// A number's name is cut to the key column, in any script: every row's
    /// counts start in one column.
    #[test]
    fn a_long_name_beside_a_number_fits_the_key_column() {
        let long = "長い名前".repeat(8);
        let people = [
            ("bluesky", "rahul.v", None),
            ("facebook", "123456789012345", Some(long.as_str())),
            ("facebook", "223456789012345", Some("Ann")),
        ];
        let keys = key_column(people.into_iter(), 32);
        let widths: Vec<usize> = keys.iter().map(|k| width(k)).collect();
        assert!(
            widths.iter().all(|&w| w == widths[0] && w <= KEY_COLUMN),
            "{keys:?}"
        );
        assert!(
            keys[1].starts_with("facebook:123456789012345 (長い名前"),
            "{keys:?}"
        );
        assert!(keys[1].trim_end().ends_with("…)"), "{keys:?}");
    }
}
