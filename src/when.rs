//! Snooze times people type: `3h`, `45m`, `2d`, `tomorrow`, `next-week`, a
//! local date (and time), or an RFC 3339 timestamp; and durations written
//! the way people say them.

use chrono::{
    DateTime, Datelike, Duration, Local, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Timelike, Utc,
};

/// The hour snoozes to "tomorrow" and "next week" wake at, local time.
const MORNING: u32 = 9;

fn local_morning(date: NaiveDate) -> Option<DateTime<Utc>> {
    local(date.and_time(NaiveTime::from_hms_opt(MORNING, 0, 0)?))
}

/// A wall-clock time here, as UTC (`None` in the hour a clock change skips).
fn local(t: NaiveDateTime) -> Option<DateTime<Utc>> {
    first_at(&Local, &t).map(|t| t.with_timezone(&Utc))
}

/// The first instant the wall-clock time `t` is in `tz` (a time the clocks
/// go back over is two, one they skip none). `Local` is not taken at its
/// word: it gives the two of a repeated time in reversed order (chrono issue
/// #1625), and where the clocks go back at midnight (Cairo's 24:00 → 23:00)
/// it offers midnight at the old offset too, an hour early, when the clock
/// showed 23:00. So each instant offered must show `t`, and the earlier wins.
pub fn first_at<Tz: TimeZone>(tz: &Tz, t: &NaiveDateTime) -> Option<DateTime<Tz>> {
    instants_at(tz, t).into_iter().next()
}

/// Every instant the wall-clock time `t` is in `tz`, earliest first (see
/// [`first_at`]).
fn instants_at<Tz: TimeZone>(tz: &Tz, t: &NaiveDateTime) -> Vec<DateTime<Tz>> {
    let shows_t = |d: &DateTime<Tz>| tz.from_utc_datetime(&d.naive_utc()).naive_local() == *t;
    let mut at: Vec<_> = match tz.from_local_datetime(t) {
        LocalResult::Single(d) => vec![d],
        LocalResult::Ambiguous(a, b) => vec![a, b],
        LocalResult::None => vec![],
    };
    at.retain(shows_t);
    at.sort();
    at
}

/// The local date-and-time forms read, besides RFC 3339's.
const LOCAL_TIMES: &[&str] = &[
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
];

/// Until this hour, local time, the night is still the day before: its
/// "tomorrow" is the morning to come.
const NIGHT_ENDS: u32 = 5;

/// Tomorrow at 9:00, local time; this morning while it is night (at 00:20,
/// "tomorrow" is the morning to come, not the one after).
pub fn tomorrow(now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    local_morning(tomorrows_date(now)?)
}

/// The local date "tomorrow" means (see [`tomorrow`]).
fn tomorrows_date(now: DateTime<Utc>) -> Option<NaiveDate> {
    let here = now.with_timezone(&Local);
    let today = here.date_naive();
    if here.hour() < NIGHT_ENDS {
        Some(today)
    } else {
        today.succ_opt()
    }
}

/// When a local clock next shows `t`: today, or tomorrow once past (the
/// day told by the clock, not by a time the clocks skip). In an hour the
/// clocks go back over, today's second pass is still to come: from the
/// first pass, a time earlier in that hour, and from the second, one later.
fn next_clock<Tz: TimeZone>(
    tz: &Tz,
    now: DateTime<Utc>,
    t: NaiveTime,
) -> Result<DateTime<Utc>, String> {
    next_clock_from(tz, now, now.with_timezone(tz).date_naive(), t, 1)
}

/// [`next_clock`] from `day` on: `t` on that day while still to come (the
/// second of a repeated hour too), else `step` days after (a weekday's is a
/// week on); a time the clocks skip on the day it names is refused (never
/// the next one's instead).
fn next_clock_from<Tz: TimeZone>(
    tz: &Tz,
    now: DateTime<Utc>,
    day: NaiveDate,
    t: NaiveTime,
    step: u64,
) -> Result<DateTime<Utc>, String> {
    let at = day.and_time(t);
    if let Some(d) = instants_at(tz, &at).into_iter().find(|d| *d > now) {
        return Ok(d.with_timezone(&Utc));
    }
    if at > now.with_timezone(tz).naive_local() {
        return Err(skipped(at));
    }
    let next = (day.checked_add_days(chrono::Days::new(step)))
        .ok_or("that time is out of range")?
        .and_time(t);
    first_at(tz, &next)
        .map(|d| d.with_timezone(&Utc))
        .ok_or_else(|| skipped(next))
}

/// Next week's Monday at 9:00, local time (see [`next_weeks_monday`]).
pub fn next_week(now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    local_morning(next_weeks_monday(now))
}

/// Whether "next week" is the Monday after the one to come, which is what
/// `tomorrow` says (on a Sunday, from 5:00).
pub fn next_week_is_the_week_after(now: DateTime<Utc>) -> bool {
    let today = now.with_timezone(&Local).date_naive();
    next_weeks_monday(now) - today > Duration::days(7)
}

/// The Monday after today, or, when that is what `tomorrow` says, the
/// Monday after it: each choice its own day.
fn next_weeks_monday(now: DateTime<Utc>) -> NaiveDate {
    let today = now.with_timezone(&Local).date_naive();
    let monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
    match tomorrows_date(now) == Some(monday) {
        true => monday + Duration::days(7),
        false => monday,
    }
}

/// A time to come (a snooze's end), in local time, with as much of the
/// date as tells it apart: the weekday within six days, the date within
/// the year, else the year too.
pub fn shown(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    shown_as(
        t,
        now,
        ["%a %H:%M", "%a %-d %b %H:%M", "%a %-d %b %Y %H:%M"],
    )
}

/// [`shown`] in a list's narrow column (nine characters): the date
/// without the time beyond the week, the month and year beyond the year.
pub fn shown_short(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    shown_as(t, now, ["%a %H:%M", "%-d %b", "%-d %b %Y"])
}

fn shown_as(t: DateTime<Utc>, now: DateTime<Utc>, [week, year, later]: [&str; 3]) -> String {
    let (here, today) = (t.with_timezone(&Local), now.with_timezone(&Local));
    let fmt = if t >= now && t - now < Duration::days(6) {
        week
    } else if here.year() == today.year() {
        year
    } else {
        later
    };
    here.format(fmt).to_string()
}

/// "45 min", "5 h", "2 d": a duration in whole units, rounded down.
pub fn whole_units(secs: i64) -> String {
    match secs.max(0) {
        s if s < 3_600 => format!("{} min", s / 60),
        s if s < 86_400 => format!("{} h", s / 3_600),
        s => format!("{} d", s / 86_400),
    }
}

/// A snooze time as written: a day's start, a moment, or a span from now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    Tomorrow,
    NextWeek,
    /// A local date: its morning.
    Day(NaiveDate),
    /// A local date and time.
    Local(NaiveDateTime),
    /// A time of day: the next the clock shows it.
    Clock(NaiveTime),
    /// A time of day tomorrow.
    TomorrowAt(NaiveTime),
    /// A day of the week to come (`mon`, `friday 14:00`), at 9:00 unless a
    /// time is given.
    Weekday(chrono::Weekday, Option<NaiveTime>),
    At(DateTime<Utc>),
    After(Duration),
    /// Months (a year is twelve) on the calendar: the same day and time of
    /// day, not humantime's mean month of 30.44 days.
    Months(u32),
}

impl std::str::FromStr for Until {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        // chrono reads `:60` as a leap second, which lands a second early.
        let no_leap = |nanos: u32| {
            if nanos >= 1_000_000_000 {
                Err(format!(
                    "{s:?} is not a time: a minute has seconds 00 to 59"
                ))
            } else {
                Ok(())
            }
        };
        let lower = s.to_lowercase();
        Ok(match lower.as_str() {
            "tomorrow" => Until::Tomorrow,
            "next-week" | "nextweek" | "next week" => Until::NextWeek,
            _ => {
                if let Some(t) = clock(s) {
                    no_leap(t.nanosecond())?;
                    Until::Clock(t)
                } else if let Some(t) = lower.strip_prefix("tomorrow").and_then(clock) {
                    no_leap(t.nanosecond())?;
                    Until::TomorrowAt(t)
                } else if let Some((day, time)) = weekday(&lower) {
                    let time = match time {
                        "" => None,
                        time => Some(clock(time).ok_or_else(|| {
                            format!(
                                "{s:?} is not a time: after the day, a time of day from 00:00 \
                                 to 23:59, as 14:00 or 2pm"
                            )
                        })?),
                    };
                    no_leap(time.map_or(0, |t| t.nanosecond()))?;
                    Until::Weekday(day, time)
                } else if let Ok(t) = DateTime::parse_from_rfc3339(s) {
                    no_leap(t.nanosecond())?;
                    Until::At(t.with_timezone(&Utc))
                } else if let Some(t) = LOCAL_TIMES
                    .iter()
                    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
                {
                    no_leap(t.nanosecond())?;
                    Until::Local(t)
                } else if let Ok(day) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                    Until::Day(day)
                } else if let Some(months) = calendar_months(&lower) {
                    Until::Months(months?)
                } else if names_months(&lower) {
                    // humantime's mean month (30.44 days) would land at
                    // another time of day.
                    return Err(format!(
                        "{s:?}: months and years are counted on the calendar: give one alone \
                         (1month, 2y), or the whole time in days (32d)"
                    ));
                } else if bare_capital_m(s) {
                    return Err(format!(
                        "{s:?}: M is minutes to some and months to others: write m for minutes, months for months"
                    ));
                } else {
                    // Units in capitals too ("3H").
                    let d = humantime::parse_duration(s)
                        .or_else(|_| humantime::parse_duration(&s.to_lowercase()))
                        .map_err(|e| match e {
                            humantime::DurationError::NumberOverflow => {
                                format!("{s:?} is out of range")
                            }
                            _ => format!("{s:?} is not a time: try 3h, 2d, 1month, 14:00, 2pm, tomorrow [14:00], next-week, fri [14:00], YYYY-MM-DD [HH:MM] or RFC 3339"),
                        })?;
                    Until::After(
                        Duration::from_std(d).map_err(|_| format!("{s:?} is out of range"))?,
                    )
                }
            }
        })
    }
}

/// A time of day: `14:00`, `14:00:30`, or on a 12-hour clock `9am`,
/// `9:30 pm`. Minutes (and seconds) in two digits: `7:5` may mean 7:50.
fn clock(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    let lower = s.to_lowercase();
    let half = ["am", "pm"]
        .into_iter()
        .find_map(|h| Some((lower.strip_suffix(h)?.trim_end(), h)));
    let digits = half.map_or(s, |(time, _)| time);
    if !digits.split(':').skip(1).all(|p| p.len() == 2) {
        return None;
    }
    match half {
        // chrono wants minutes: a bare hour on the 12-hour clock is on the hour.
        Some((time, h)) => {
            let minutes = if time.contains(':') { "" } else { ":00" };
            NaiveTime::parse_from_str(&format!("{time}{minutes}{h}"), "%I:%M%p").ok()
        }
        None => ["%H:%M", "%H:%M:%S"]
            .iter()
            .find_map(|f| NaiveTime::parse_from_str(s, f).ok()),
    }
}

/// A day of the week (`mon`, `Monday`, `Mon.`) and what follows it
/// (`fri 14:00`, `Mon, 9:00`); none when the first letters name no day.
fn weekday(lower: &str) -> Option<(chrono::Weekday, &str)> {
    let letters = lower
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(lower.len());
    let day = lower[..letters].parse().ok()?;
    let rest = lower[letters..].trim_start_matches(['.', ',']);
    Some((day, rest.trim()))
}

/// The date of the next `day` after the day it is (the day before while
/// it is night, as for `tomorrow`): a week on, named on its own day.
fn next_weekday(now: DateTime<Utc>, day: chrono::Weekday) -> Option<NaiveDate> {
    let today = tomorrows_date(now)?.pred_opt()?;
    let ahead = (7 + day.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    today.checked_add_days(chrono::Days::new(u64::from(if ahead == 0 {
        7
    } else {
        ahead
    })))
}

/// The units counted on the calendar, lower-cased, in months.
const CALENDAR_UNITS: [(&str, u32); 9] = [
    ("month", 1),
    ("months", 1),
    ("mon", 1),
    ("mo", 1),
    ("y", 12),
    ("yr", 12),
    ("yrs", 12),
    ("year", 12),
    ("years", 12),
];

/// `1month`, `2 months`, `1y`, `3 years` in months; none for other forms
/// (mixed units, as `1month 2d`: see [`names_months`]). A fraction of one
/// is refused: months are not all as long.
fn calendar_months(lower: &str) -> Option<Result<u32, String>> {
    let number = lower
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let unit = lower[number..].trim();
    let &(_, per) = CALENDAR_UNITS.iter().find(|(u, _)| *u == unit)?;
    let whole = lower[..number].bytes().all(|b| b.is_ascii_digit());
    Some(match lower[..number].parse::<u32>() {
        Ok(n) => n
            .checked_mul(per)
            .ok_or_else(|| format!("{lower:?} is out of range")),
        Err(_) if whole && number > 0 => Err(format!("{lower:?} is out of range")),
        Err(_) => Err(format!(
            "{lower:?}: months and years are counted on the calendar: write a whole number of \
             them (1month, 2y), or days (45d)"
        )),
    })
}

/// Whether a duration of several units (`1month 2d`) names months or
/// years among them.
fn names_months(lower: &str) -> bool {
    lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|unit| CALENDAR_UNITS.iter().any(|(u, _)| *u == unit))
}

/// Whether `s` has the unit `M` alone ("45M"), which a snooze would read as
/// months where caps lock meant minutes (`MIN`, `MONTHS` are words).
fn bare_capital_m(s: &str) -> bool {
    let b = s.as_bytes();
    let letter = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphabetic);
    (0..b.len()).any(|i| b[i] == b'M' && !letter(i + 1) && (i == 0 || !letter(i - 1)))
}

impl Until {
    /// The moment it names, seen from `now`; it must lie in the future.
    pub fn resolve(self, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
        let at = match self {
            Until::Tomorrow => tomorrow(now),
            Until::NextWeek => next_week(now),
            Until::Day(day) => local_morning(day),
            Until::Local(t) => Some(local(t).ok_or_else(|| skipped(t))?),
            Until::Clock(t) => Some(next_clock(&Local, now, t)?),
            // Before 5:00 "tomorrow" is this morning: a time of it gone by
            // is the next day's.
            Until::TomorrowAt(t) => {
                let day = tomorrows_date(now).ok_or("that time is out of range")?;
                Some(next_clock_from(&Local, now, day, t, 1)?)
            }
            Until::Weekday(day, t) => {
                let day = next_weekday(now, day).ok_or("that time is out of range")?;
                let t = (t.or(NaiveTime::from_hms_opt(MORNING, 0, 0)))
                    .ok_or("that time is out of range")?;
                Some(next_clock_from(&Local, now, day, t, 7)?)
            }
            Until::At(t) => Some(t),
            Until::After(d) => now.checked_add_signed(d),
            Until::Months(n) => months_ahead(&Local, now, n),
        }
        // Written in RFC 3339, a time has a year of four digits.
        .filter(|t| t.year() <= 9999)
        .ok_or("that time is out of range")?;
        if at <= now {
            // In local time, as typed (a date is a local one).
            let here = at.with_timezone(&Local).format("%Y-%m-%d %H:%M %:z");
            return Err(format!("{here} is in the past"));
        }
        Ok(at)
    }
}

/// `n` calendar months after `now` in `tz`: the same time of day on that
/// day (the month's last where it has fewer days); a time the clocks skip
/// is as far past the gap as it was into it (read at the offset before the
/// change: an hour later in most places, 30 minutes on Lord Howe), one they
/// go back over the first.
fn months_ahead<Tz: TimeZone>(tz: &Tz, now: DateTime<Utc>, n: u32) -> Option<DateTime<Utc>> {
    let t = now
        .with_timezone(tz)
        .naive_local()
        .checked_add_months(chrono::Months::new(n))?;
    if let Some(at) = first_at(tz, &t) {
        return Some(at.with_timezone(&Utc));
    }
    let before = first_at(tz, &(t - Duration::days(1)))?;
    let offset = Duration::seconds(before.offset().fix().local_minus_utc().into());
    Some(Utc.from_utc_datetime(&(t - offset)))
}

/// Why the local time `t` cannot be snoozed to.
fn skipped(t: NaiveDateTime) -> String {
    format!("{t} is no time here: the clocks skip it (a change to summer time)")
}

/// Parses a snooze time; it must lie in the future.
pub fn parse_until(s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    s.parse::<Until>()?.resolve(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-18T15:30:00Z")
            .expect("time")
            .with_timezone(&Utc)
    }

    #[test]
    fn durations_and_timestamps() {
        assert_eq!(parse_until("3h", now()), Ok(now() + Duration::hours(3)));
        assert_eq!(parse_until("2d", now()), Ok(now() + Duration::days(2)));
        // The other forms `--help` gives.
        for (typed, secs) in [
            ("1w", 604_800),
            ("90s", 90),
            ("1h30m", 5_400),
            ("2 days", 172_800),
        ] {
            assert_eq!(
                parse_until(typed, now()),
                Ok(now() + Duration::seconds(secs)),
                "{typed}"
            );
        }
        assert_eq!(
            parse_until("2026-12-01T09:00:00+01:00", now()).map(|t| t.to_rfc3339()),
            Ok("2026-12-01T08:00:00+00:00".to_owned())
        );
    }

    /// A month or a year ahead is the same day and time on the calendar
    /// (humantime's mean month of 30.44 days landed at 11:54 for 01:20).
    #[test]
    fn months_and_years_are_calendar_ones() {
        use chrono::Datelike;
        let here = |t: DateTime<Utc>| t.with_timezone(&Local).naive_local();
        let start = here(now());
        let month = |t: NaiveDateTime| t.year() * 12 + t.month0() as i32;
        for (typed, months) in [("1month", 1), ("2 months", 2), ("1y", 12), ("1 YEAR", 12)] {
            let at = here(parse_until(typed, now()).expect(typed));
            assert_eq!(
                (at.day(), at.time()),
                (start.day(), start.time()),
                "{typed}"
            );
            assert_eq!(month(at) - month(start), months, "{typed}");
        }
        // Months among other units would be humantime's mean month, at
        // another time of day: refused, as a fraction of a month is.
        for mixed in ["1month 2d", "1y2d", "2 years 3 hours"] {
            let e = parse_until(mixed, now()).unwrap_err();
            assert!(e.contains("give one alone"), "{e}");
        }
        assert_eq!(parse_until("1d 3h", now()), Ok(now() + Duration::hours(27)));
        for fraction in ["1.5y", "0.5month", "1.0month"] {
            let e = parse_until(fraction, now()).unwrap_err();
            assert!(e.contains("counted on the calendar"), "{e}");
        }
        // Past the year 9999, which RFC 3339 cannot write.
        let e = parse_until("7974y", now()).unwrap_err();
        assert_eq!(e, "that time is out of range");
        // A whole number too large to count is out of range too, not a
        // fraction nor a time of another form.
        for huge in [
            "99999999999month",
            "9223372036854775807m",
            "999999999999999999999d",
        ] {
            let e = parse_until(huge, now()).unwrap_err();
            assert_eq!(e, format!("{huge:?} is out of range"));
        }
    }

    /// A month ahead into a time the clocks skip is as far past the gap;
    /// into one they go back over, the first of the two.
    #[test]
    fn a_month_ahead_across_a_change_of_the_clocks() {
        let ny = chrono_tz::America::New_York;
        let utc = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        // 2025-02-09 02:30 EST; 2025-03-09 02:30 is skipped: 03:30 EDT.
        assert_eq!(
            months_ahead(&ny, utc("2025-02-09T07:30:00Z"), 1),
            Some(utc("2025-03-09T07:30:00Z"))
        );
        // 2025-10-02 01:30 EDT; 2025-11-02 01:30 is twice: the first, EDT.
        assert_eq!(
            months_ahead(&ny, utc("2025-10-02T05:30:00Z"), 1),
            Some(utc("2025-11-02T05:30:00Z"))
        );
        // Lord Howe skips 30 minutes (02:00 +10:30 → 02:30 +11): 02:15 is 02:45.
        let lord_howe = chrono_tz::Australia::Lord_Howe;
        assert_eq!(
            months_ahead(&lord_howe, utc("2026-09-03T15:45:00Z"), 1),
            Some(utc("2026-10-03T15:45:00Z"))
        );
        // Troll skips two hours (01:00 +00 → 03:00 +02): 01:30 is 03:30.
        let troll = chrono_tz::Antarctica::Troll;
        assert_eq!(
            months_ahead(&troll, utc("2027-02-28T01:30:00Z"), 1),
            Some(utc("2027-03-28T01:30:00Z"))
        );
    }

    #[test]
    fn a_time_in_the_past_is_said_in_local_time() {
        // Tests run with the process's zone: said with its offset.
        let said = parse_until("2026-11-18", now()).unwrap_err();
        let midnight = local_morning(now().with_timezone(&Local).date_naive())
            .expect("a morning")
            .with_timezone(&Local);
        assert_eq!(
            said,
            format!("{} is in the past", midnight.format("%Y-%m-%d %H:%M %:z"))
        );
    }

    #[test]
    fn units_in_capitals() {
        assert_eq!(parse_until("3H", now()), Ok(now() + Duration::hours(3)));
        assert_eq!(parse_until("2D 4H", now()), parse_until("2d 4h", now()));
        assert_eq!(parse_until("45MIN", now()), parse_until("45m", now()));
        assert_eq!(parse_until("1MONTH", now()), parse_until("1month", now()));
    }

    /// `45M` is minutes with caps lock on, months to humantime: neither is
    /// guessed (a snooze of 45 months hides the item for years).
    #[test]
    fn a_capital_m_alone_is_refused() {
        for s in ["45M", "1H 30M", "2M"] {
            let e = parse_until(s, now()).expect_err(s);
            assert!(e.contains("write m for minutes, months for months"), "{e}");
        }
    }

    /// `:60` is no second of a snooze's minute (chrono reads it as a leap
    /// second and the snooze would wake a second early).
    #[test]
    fn a_sixtieth_second_is_refused() {
        for s in ["2026-12-01 08:59:60", "2026-12-01T08:59:60Z"] {
            let e = parse_until(s, now()).expect_err(s);
            assert!(e.contains("00 to 59"), "{e}");
        }
        assert!(parse_until("2026-12-01 08:59:59", now()).is_ok());
    }

    /// Where the clocks go back, a wall-clock time is two instants, whichever
    /// order chrono gives them in: the first is meant.
    #[test]
    fn a_repeated_time_is_its_first_instant() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).expect("time");
        let (edt, est) = (
            at("2026-11-01T01:30:00-04:00"),
            at("2026-11-01T01:30:00-05:00"),
        );
        let ny = chrono_tz::America::New_York;
        let wall = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time");
        let first = |s: &str| first_at(&ny, &wall(s)).map(|d| d.fixed_offset());
        assert_eq!(first("2026-11-01 01:30"), Some(edt));
        assert_eq!(first("2026-11-01 02:30"), Some(est + Duration::hours(1)));
        assert_eq!(first("2026-03-08 02:30"), None, "skipped");
        // Both orders, and an instant offered that does not show the time.
        let like_local = |s: &str| first_at(&LikeLocal, &wall(s)).map(|d| d.fixed_offset());
        assert_eq!(like_local("2026-11-01 01:30"), Some(edt));
        assert_eq!(
            like_local("2026-10-30 00:00"),
            Some(at("2026-10-30T00:00:00+02:00")),
            "Cairo's midnight after its clocks went back"
        );
    }

    /// A zone that offers what chrono's `Local` has been seen to offer:
    /// New York's repeated hour with its later instant first, and Cairo's
    /// midnight after 24:00 summer time became 23:00 winter time also at
    /// the summer offset, an hour before the clocks showed it.
    #[derive(Debug, Clone, Copy)]
    struct LikeLocal;

    impl TimeZone for LikeLocal {
        type Offset = chrono::FixedOffset;

        fn from_offset(_: &chrono::FixedOffset) -> Self {
            LikeLocal
        }

        fn offset_from_local_date(&self, _: &NaiveDate) -> LocalResult<chrono::FixedOffset> {
            LocalResult::None
        }

        fn offset_from_local_datetime(
            &self,
            local: &NaiveDateTime,
        ) -> LocalResult<chrono::FixedOffset> {
            let h = |n| chrono::FixedOffset::east_opt(n * 3600).expect("offset");
            let day = local.date().to_string();
            match (day.as_str(), local.hour()) {
                ("2026-11-01", 1) => LocalResult::Ambiguous(h(-5), h(-4)),
                ("2026-10-30", 0) => LocalResult::Ambiguous(h(3), h(2)),
                _ => LocalResult::Single(h(0)),
            }
        }

        fn offset_from_utc_date(&self, _: &NaiveDate) -> chrono::FixedOffset {
            chrono::FixedOffset::east_opt(0).expect("offset")
        }

        fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> chrono::FixedOffset {
            let at = |s: &str| DateTime::parse_from_rfc3339(s).expect("time").naive_utc();
            let hours = if *utc >= at("2026-10-29T21:00:00Z") && *utc < at("2026-10-31T00:00:00Z") {
                2 // Cairo, after its change
            } else if *utc >= at("2026-11-01T05:00:00Z") && *utc < at("2026-11-01T06:00:00Z") {
                -4 // New York, the first 01:xx
            } else if *utc >= at("2026-11-01T06:00:00Z") && *utc < at("2026-11-01T07:00:00Z") {
                -5 // New York, the second
            } else {
                0
            };
            chrono::FixedOffset::east_opt(hours * 3600).expect("offset")
        }
    }

    #[test]
    fn local_dates_and_times() {
        let here = |s: &str| {
            let t = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time");
            first_at(&Local, &t).expect("local").with_timezone(&Utc)
        };
        // A date alone: its morning, as tomorrow's.
        assert_eq!(
            parse_until("2026-12-10", now()),
            Ok(here("2026-12-10 09:00"))
        );
        for s in [
            "2026-12-10 14:00",
            "2026-12-10T14:00",
            "2026-12-10 14:00:00",
            " 2026-12-10T14:00:00 ",
        ] {
            assert_eq!(parse_until(s, now()), Ok(here("2026-12-10 14:00")), "{s}");
        }
        assert!(
            parse_until("2026-11-01", now())
                .unwrap_err()
                .contains("past")
        );
        assert!(
            parse_until("2026-13-01", now())
                .unwrap_err()
                .contains("not a time")
        );
    }

    #[test]
    fn named_times_are_in_the_future_mornings() {
        let t = parse_until("tomorrow", now()).expect("tomorrow");
        assert!(t > now() && t - now() < Duration::hours(48));
        let w = parse_until("next-week", now()).expect("next week");
        assert_eq!(w.with_timezone(&Local).weekday(), chrono::Weekday::Mon);
        assert!(w > t);
        // Typed on a Sunday (2026-12-06), as the review's choice says: the
        // Monday after tomorrow's.
        let sunday = at(6, 14, 0);
        assert_eq!(parse_until("next-week", sunday), Ok(at(14, 9, 0)));
        assert_eq!(parse_until("next-week", at(7, 14, 0)), Ok(at(14, 9, 0)));
        assert_eq!(parse_until("next-week", at(5, 14, 0)), Ok(at(7, 9, 0)));
        // Before 5:00 on that Sunday, "tomorrow" is its own morning: next
        // week is the Monday to come; so it is before 5:00 on the Monday.
        assert_eq!(parse_until("next-week", at(6, 2, 0)), Ok(at(7, 9, 0)));
        assert_eq!(parse_until("next-week", at(7, 4, 0)), Ok(at(14, 9, 0)));
        assert!(next_week_is_the_week_after(at(6, 14, 0)));
        assert!(!next_week_is_the_week_after(at(6, 2, 0)));
        assert!(!next_week_is_the_week_after(at(7, 4, 0)));
    }

    /// A day of the week is the next one (on its own day, a week on; at
    /// night, the morning to come, as `tomorrow`), at 9:00 or the time given.
    #[test]
    fn a_day_of_the_week_is_the_next_one() {
        // Monday 7 December 2026, 14:00.
        let monday = at(7, 14, 0);
        for (typed, then) in [
            ("mon", at(14, 9, 0)),
            ("Mon 09:00", at(14, 9, 0)),
            ("tue", at(8, 9, 0)),
            ("Friday 14:30", at(11, 14, 30)),
            ("SUNDAY", at(13, 9, 0)),
        ] {
            assert_eq!(parse_until(typed, monday), Ok(then), "{typed}");
        }
        // Before 5:00 the night is the day before's.
        assert_eq!(parse_until("tue", at(8, 2, 0)), Ok(at(8, 9, 0)));
        assert_eq!(parse_until("mon", at(7, 4, 0)), Ok(at(7, 9, 0)));
        // Months keep their number; a day with no time after it is said so.
        assert_eq!(
            parse_until("2mon", monday),
            Ok(at(7, 14, 0) + Duration::days(62))
        );
        let e = parse_until("mon 25:00", monday).unwrap_err();
        assert!(e.contains("after the day, a time of day from 00:00"), "{e}");
        // Written with its dot or comma, or a time stuck to it.
        assert_eq!(parse_until("Mon, 9:00", monday), Ok(at(14, 9, 0)));
        assert_eq!(parse_until("Tue.", monday), Ok(at(8, 9, 0)));
        let e = parse_until("mon9", monday).unwrap_err();
        assert!(e.contains("after the day"), "{e}");
        // At night, a time of this morning gone by is a week on, as
        // `tomorrow`'s is the next day's.
        assert_eq!(parse_until("tue 01:00", at(8, 2, 0)), Ok(at(15, 1, 0)));
        assert_eq!(parse_until("tue 03:00", at(8, 2, 0)), Ok(at(8, 3, 0)));
    }

    /// December `d` 2026 at `h`:`m`, local time.
    fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        let t = NaiveDate::from_ymd_opt(2026, 12, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap();
        local(t).expect("a local time")
    }

    /// A time of day is the next the clock shows it; "tomorrow 14:00" is
    /// tomorrow's (the day to come, at night, as "tomorrow").
    #[test]
    fn times_of_day() {
        let now = at(4, 10, 30);
        assert_eq!(parse_until("14:00", now), Ok(at(4, 14, 0)));
        assert_eq!(parse_until(" 9:15 ", now), Ok(at(5, 9, 15)), "past today");
        assert_eq!(parse_until("10:30", now), Ok(at(5, 10, 30)), "now is past");
        for s in ["tomorrow 14:00", "Tomorrow 14:00:00"] {
            assert_eq!(parse_until(s, now), Ok(at(5, 14, 0)), "{s}");
        }
        assert_eq!(
            parse_until("tomorrow 14:00", at(5, 0, 20)),
            Ok(at(5, 14, 0))
        );
        // At 03:00 "tomorrow" is this morning: its 02:00 gone by, the next.
        assert_eq!(parse_until("tomorrow 02:00", at(5, 3, 0)), Ok(at(6, 2, 0)));
        for bad in ["25:00", "14:60", "tomorrow 9", "14:00:60", "7:5", "14:00:5"] {
            assert!(parse_until(bad, now).is_err(), "{bad}");
        }
    }

    /// The 12-hour clock people type ("tomorrow 9am", "fri 2:30 pm"): noon
    /// is 12pm, midnight 12am.
    #[test]
    fn times_on_the_twelve_hour_clock() {
        let now = at(4, 10, 30);
        for (s, want) in [
            ("tomorrow 9am", at(5, 9, 0)),
            ("Tomorrow 9 AM", at(5, 9, 0)),
            ("2pm", at(4, 14, 0)),
            ("2:30 pm", at(4, 14, 30)),
            ("12pm", at(4, 12, 0)),
            ("12am", at(5, 0, 0)),
            ("mon 9am", at(7, 9, 0)),
            ("fri 2:30pm", at(11, 14, 30)),
        ] {
            assert_eq!(parse_until(s, now), Ok(want), "{s}");
        }
        for bad in ["13pm", "0am", "9:5pm", "tomorrow pm", "9:30:00pm"] {
            assert!(parse_until(bad, now).is_err(), "{bad}");
        }
    }

    /// A time of day the clocks skip (Berlin's 02:30 on 2027-03-28) is said
    /// to be none, today's as tomorrow's: never the next day's instead.
    #[test]
    fn a_time_of_day_the_clocks_skip_is_said() {
        let berlin = chrono_tz::Europe::Berlin;
        let utc = |s: &str| DateTime::parse_from_rfc3339(s).expect("time").to_utc();
        let half_past_two = NaiveTime::from_hms_opt(2, 30, 0).expect("time");
        for now in ["2027-03-27T19:00:00Z", "2027-03-27T23:30:00Z"] {
            let e = next_clock(&berlin, utc(now), half_past_two).expect_err(now);
            assert!(e.contains("the clocks skip it"), "{e}");
        }
        let two = NaiveTime::from_hms_opt(14, 0, 0).expect("time");
        assert_eq!(
            next_clock(&berlin, utc("2027-03-28T10:00:00Z"), two),
            Ok(utc("2027-03-28T12:00:00Z"))
        );
    }

    /// In the second pass of the hour New York's clocks go back over
    /// (01:10 EST, 06:10Z), 01:20 is the one still to come, 01:05 tomorrow's;
    /// in the first pass (01:10 EDT) 01:20 is the first.
    #[test]
    fn a_time_of_day_in_the_hour_repeated_is_the_one_to_come() {
        let ny = chrono_tz::America::New_York;
        let utc = |s: &str| DateTime::parse_from_rfc3339(s).expect("time").to_utc();
        let clock = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("time");
        let second_pass = utc("2026-11-01T06:10:00Z");
        assert_eq!(
            next_clock(&ny, second_pass, clock(1, 20)),
            Ok(utc("2026-11-01T06:20:00Z"))
        );
        assert_eq!(
            next_clock(&ny, second_pass, clock(1, 5)),
            Ok(utc("2026-11-02T06:05:00Z"))
        );
        assert_eq!(
            next_clock(&ny, utc("2026-11-01T05:10:00Z"), clock(1, 20)),
            Ok(utc("2026-11-01T05:20:00Z"))
        );
        // In the first pass (01:50 EDT), 01:20 comes again within the hour.
        assert_eq!(
            next_clock(&ny, utc("2026-11-01T05:50:00Z"), clock(1, 20)),
            Ok(utc("2026-11-01T06:20:00Z"))
        );
    }

    /// In the first pass of New York's repeated hour (01:45 EDT, Sunday),
    /// "sun 01:30" is the 01:30 still to come (EST), not next Sunday's.
    #[test]
    fn a_weekday_time_in_the_hour_repeated_is_the_one_to_come() {
        let ny = chrono_tz::America::New_York;
        let utc = |s: &str| DateTime::parse_from_rfc3339(s).expect("time").to_utc();
        let sunday = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
        let half_past_one = NaiveTime::from_hms_opt(1, 30, 0).expect("time");
        assert_eq!(
            next_clock_from(&ny, utc("2026-11-01T05:45:00Z"), sunday, half_past_one, 7),
            Ok(utc("2026-11-01T06:30:00Z"))
        );
        // Both gone by: next Sunday's.
        assert_eq!(
            next_clock_from(&ny, utc("2026-11-01T06:45:00Z"), sunday, half_past_one, 7),
            Ok(utc("2026-11-08T06:30:00Z"))
        );
    }

    /// At 00:20 "tomorrow" is the morning to come; from 5:00 the next one.
    #[test]
    fn tomorrow_after_midnight_is_the_morning_to_come() {
        assert_eq!(tomorrow(at(4, 0, 20)), Some(at(4, 9, 0)));
        assert_eq!(tomorrow(at(4, 4, 59)), Some(at(4, 9, 0)));
        assert_eq!(tomorrow(at(4, 5, 0)), Some(at(5, 9, 0)));
        assert_eq!(tomorrow(at(3, 23, 50)), Some(at(4, 9, 0)));
    }

    #[test]
    fn durations_in_whole_units() {
        assert_eq!(whole_units(-5), "0 min");
        assert_eq!(whole_units(3_599), "59 min");
        assert_eq!(whole_units(5 * 3_600 + 59), "5 h");
        assert_eq!(whole_units(2 * 86_400 + 1), "2 d");
    }

    #[test]
    fn nonsense_and_the_past_are_refused() {
        assert!(
            parse_until("yesterday", now())
                .unwrap_err()
                .contains("not a time")
        );
        assert!(
            parse_until("2020-01-01T00:00:00Z", now())
                .unwrap_err()
                .contains("past")
        );
    }

    #[test]
    fn a_time_to_come_shows_as_much_of_its_date_as_tells_it_apart() {
        let at = |y: i32, mo: u32, d: u32, h: u32| {
            let t = NaiveDate::from_ymd_opt(y, mo, d)
                .and_then(|d| d.and_hms_opt(h, 51, 0))
                .expect("a date");
            local(t).expect("a local time")
        };
        let now = at(2026, 12, 4, 10); // a Friday
        for (t, long, short) in [
            (at(2026, 12, 5, 9), "Sat 09:51", "Sat 09:51"),
            (at(2026, 12, 20, 9), "Sun 20 Dec 09:51", "20 Dec"),
            (at(2026, 12, 3, 9), "Thu 3 Dec 09:51", "3 Dec"),
            (at(2300, 9, 18, 8), "Tue 18 Sep 2300 08:51", "18 Sep 2300"),
        ] {
            assert_eq!(
                (shown(t, now), shown_short(t, now)),
                (long.into(), short.into())
            );
        }
    }
}
