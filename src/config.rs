//! The TOML config: own identities, the reply-time target, the default
//! window, business hours, reply templates and key bindings.
//! `assets/config.toml` is the commented example.

use crate::model::Record;
use anyhow::{Context, Result};
use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Own identities per platform: handles or stable account ids.
    pub own: BTreeMap<String, Vec<String>>,
    /// Replies within this many hours count as "answered within target".
    pub reply_target_hours: f64,
    /// The statistics window used when none is given.
    pub default_window: Window,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_hours: Option<BusinessHours>,
    /// Saved replies for the reply editor.
    pub templates: Vec<Template>,
    /// The longest reply a platform takes, over
    /// [`crate::limits::REPLY_LIMITS`]; 0 lifts a limit.
    pub reply_limits: BTreeMap<String, usize>,
    /// Key bindings for the TUI: action name -> keys, merged over the defaults.
    pub keys: BTreeMap<String, Vec<String>>,
    /// Overrides of the analysis word lists and weights, merged key by key
    /// over `assets/analysis.toml`.
    pub analysis: toml::Table,
    /// Automatic dismissals. None unless written here.
    pub rules: Vec<Rule>,
}

/// An automatic dismissal: items matching it arrive dismissed (logged as
/// the rule's doing, and undoable). `ackbox rules test` shows what it would
/// have done to the history.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// A name for messages (default: what it matches).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Only on this platform (trimmed, as `[reply_limits]` names them).
    #[serde(
        default,
        deserialize_with = "de_trimmed",
        skip_serializing_if = "Option::is_none"
    )]
    pub platform: Option<String>,
    /// Items with this flag (`bait`, `emoji_only`, …).
    #[serde(
        default,
        deserialize_with = "de_flag",
        skip_serializing_if = "Option::is_none"
    )]
    pub flag: Option<crate::analysis::Flag>,
    /// Items containing any of these words or phrases, whole (case and
    /// accents ignored: "ice" is not in "nice").
    #[serde(default)]
    pub words: Vec<String>,
    /// Items whose body matches this regular expression.
    #[serde(
        default,
        deserialize_with = "de_regex",
        skip_serializing_if = "Option::is_none"
    )]
    pub regex: Option<Regex>,
    /// The dismissal reason (default: its flag's, as `D` gives it, see
    /// [`DismissReason::of_flags`](crate::model::DismissReason::of_flags);
    /// else other).
    #[serde(
        default,
        deserialize_with = "de_reason",
        skip_serializing_if = "Option::is_none"
    )]
    pub reason: Option<crate::model::DismissReason>,
}

impl Rule {
    /// Whether an item with this platform, body and flags matches.
    pub fn matches(&self, platform: &str, body: &str, flags: u16) -> bool {
        if self
            .platform
            .as_deref()
            .is_some_and(|p| !p.eq_ignore_ascii_case(platform))
        {
            return false;
        }
        // A flag names items by what they look like: one that also asks a
        // question is spared, as `D` spares it ("f4f! do you ship to
        // Canada?"); words and a regex name what is written.
        let has = crate::analysis::Flags::from_bits(flags);
        let flagged = self.flag.is_none_or(|f| {
            let asks = f != crate::analysis::Flag::Question
                && has.contains(crate::analysis::Flag::Question)
                && self.words.is_empty()
                && self.regex.is_none();
            has.contains(f) && !asks
        });
        // Folded as the bait words are: case, accents, fullwidth letters,
        // and any run of spaces, line breaks or hyphens one space (a
        // phrase is the same written "promo-code").
        let fold = |s: &str| {
            crate::text::fold(s)
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let folded = fold(body);
        let worded = self.words.is_empty()
            || (self.words.iter())
                .any(|w| crate::analysis::find_bounded(&folded, &fold(w)).is_some());
        let matched =
            (self.regex.as_ref()).is_none_or(|r| r.0.is_match(body) || r.0.is_match(&folded));
        flagged && worded && matched
    }

    /// The dismissal reason the rule gives.
    pub fn reason(&self) -> crate::model::DismissReason {
        use crate::model::DismissReason;
        (self.reason)
            .or_else(|| DismissReason::of_flags(self.flag?.bit()))
            .unwrap_or(DismissReason::Other)
    }

    /// How the rule is named in messages.
    pub fn label(&self) -> String {
        if let Some(n) = &self.name {
            return n.clone();
        }
        let mut parts = Vec::new();
        if let Some(p) = &self.platform {
            parts.push(format!("on {p}"));
        }
        if let Some(f) = self.flag {
            parts.push(format!("flag {}", f.as_str()));
        }
        if !self.words.is_empty() {
            parts.push(format!("words {}", self.words.join("/")));
        }
        if let Some(r) = &self.regex {
            parts.push(format!("regex {}", r.0.as_str()));
        }
        parts.join(", ")
    }
}

/// A compiled regex that compares by its source (for `Config: PartialEq`).
#[derive(Debug, Clone)]
pub struct Regex(pub regex::Regex);

impl Serialize for Regex {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.as_str())
    }
}

impl PartialEq for Regex {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

fn de_flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<crate::analysis::Flag>, D::Error> {
    let s = String::deserialize(d)?;
    s.parse().map(Some).map_err(|_| {
        let names: Vec<&str> = crate::analysis::Flag::ALL
            .iter()
            .map(|f| f.as_str())
            .collect();
        serde::de::Error::custom(format!("{s:?} is not a flag: {}", names.join(", ")))
    })
}

/// A rule's regex: ignoring case (as the rest of the matching does), and
/// never empty (it would match every item).
fn de_regex<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Regex>, D::Error> {
    let s = String::deserialize(d)?;
    if s.is_empty() {
        return Err(serde::de::Error::custom(
            "an empty regex would match every item",
        ));
    }
    let r = regex::RegexBuilder::new(&s)
        .case_insensitive(true)
        .build()
        .map_err(|e| serde::de::Error::custom(crate::text::regex_error(&e)))?;
    // `^`, `x*`, `.*`: what matches nothing and anything matches every item.
    if ["", "a", "Z 9\n!"].iter().all(|t| r.is_match(t)) {
        return Err(serde::de::Error::custom(
            "this regex would match every item",
        ));
    }
    Ok(Some(Regex(r)))
}

fn de_trimmed<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Some(String::deserialize(d)?.trim().to_owned()))
}

fn de_reason<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<crate::model::DismissReason>, D::Error> {
    crate::model::DismissReason::chosen_from(&String::deserialize(d)?)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

impl Config {
    /// The longest reply each platform takes (lower-case platform names;
    /// 0: no limit): the built-in ones, the config's over them.
    pub fn reply_limits(&self) -> BTreeMap<String, usize> {
        let mut limits: BTreeMap<String, usize> = crate::limits::REPLY_LIMITS
            .iter()
            .map(|&(p, n)| (p.to_owned(), n))
            .collect();
        for (p, &n) in &self.reply_limits {
            limits.insert(p.trim().to_lowercase(), n);
        }
        limits
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            own: BTreeMap::new(),
            reply_target_hours: 24.0,
            default_window: Window::Days(30),
            business_hours: None,
            templates: Vec::new(),
            reply_limits: BTreeMap::new(),
            keys: BTreeMap::new(),
            analysis: toml::Table::new(),
            rules: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub name: String,
    pub body: String,
}

/// Working hours for the "time to first reply in working time" figure.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BusinessHours {
    #[serde(deserialize_with = "de_tz", serialize_with = "ser_tz")]
    pub timezone: chrono_tz::Tz,
    #[serde(default)]
    pub monday: Option<Hours>,
    #[serde(default)]
    pub tuesday: Option<Hours>,
    #[serde(default)]
    pub wednesday: Option<Hours>,
    #[serde(default)]
    pub thursday: Option<Hours>,
    #[serde(default)]
    pub friday: Option<Hours>,
    #[serde(default)]
    pub saturday: Option<Hours>,
    #[serde(default)]
    pub sunday: Option<Hours>,
}

impl BusinessHours {
    pub fn on(&self, day: Weekday) -> Option<Hours> {
        match day {
            Weekday::Mon => self.monday,
            Weekday::Tue => self.tuesday,
            Weekday::Wed => self.wednesday,
            Weekday::Thu => self.thursday,
            Weekday::Fri => self.friday,
            Weekday::Sat => self.saturday,
            Weekday::Sun => self.sunday,
        }
    }
}

/// Opening hours of one day, written `"09:00-17:30"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub open: NaiveTime,
    pub close: NaiveTime,
}

impl<'de> Deserialize<'de> for Hours {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let bad = || serde::de::Error::custom(format!("{s:?} is not a range like \"09:00-17:30\""));
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let open = NaiveTime::parse_from_str(a.trim(), "%H:%M").map_err(|_| bad())?;
        let close = match b.trim() {
            "24:00" => END_OF_DAY,
            b => NaiveTime::parse_from_str(b, "%H:%M").map_err(|_| bad())?,
        };
        if close <= open {
            return Err(serde::de::Error::custom(format!(
                "{s:?}: the end must come after the start"
            )));
        }
        Ok(Hours { open, close })
    }
}

impl Serialize for Hours {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let close = match self.close {
            END_OF_DAY => "24:00".to_owned(),
            close => close.format("%H:%M").to_string(),
        };
        s.serialize_str(&format!("{}-{close}", self.open.format("%H:%M")))
    }
}

impl Hours {
    /// When they end on `day`: `24:00` is the next day's start.
    pub fn close_on(&self, day: chrono::NaiveDate) -> chrono::NaiveDateTime {
        match (self.close, day.succ_opt()) {
            (END_OF_DAY, Some(next)) => next.and_time(NaiveTime::MIN),
            _ => day.and_time(self.close),
        }
    }
}

/// A day's end, written `24:00` (a time of day stops a nanosecond short).
const END_OF_DAY: NaiveTime = match NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999) {
    Some(t) => t,
    None => panic!("a time of day"),
};

fn ser_tz<S: Serializer>(tz: &chrono_tz::Tz, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(tz.name())
}

fn de_tz<'de, D: Deserializer<'de>>(d: D) -> Result<chrono_tz::Tz, D::Error> {
    let s = String::deserialize(d)?;
    s.parse().map_err(|_| {
        serde::de::Error::custom(format!(
            "{s:?} is not an IANA time zone like \"Europe/Berlin\""
        ))
    })
}

/// A statistics window over the creation time of incoming items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Days(u32),
    All,
}

impl Window {
    pub const CYCLE: [Window; 4] = [
        Window::Days(7),
        Window::Days(30),
        Window::Days(90),
        Window::All,
    ];

    /// The next window in the 7 / 30 / 90 / all cycle, with `own` (the
    /// config's default, 14 days say) in its place among them.
    pub fn next(self, own: Window) -> Window {
        let rank = |w: Window| match w {
            Window::Days(d) => u64::from(d),
            Window::All => u64::MAX,
        };
        let mut cycle: Vec<Window> = Self::CYCLE.into_iter().chain([own]).collect();
        cycle.sort_by_key(|&w| rank(w));
        (cycle.iter().copied())
            .find(|&w| rank(w) > rank(self))
            .unwrap_or(cycle[0])
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Window::Days(d) => write!(f, "{d}d"),
            Window::All => f.write_str("all"),
        }
    }
}

impl std::str::FromStr for Window {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        // Any case, as a snooze's "3H" or "Tomorrow".
        let lower = s.trim().to_ascii_lowercase();
        match lower.as_str() {
            "all" => Ok(Window::All),
            lower => lower
                .strip_suffix('d')
                .and_then(|d| d.parse().ok())
                // Past a century, "all" says it (and stays within dates).
                .filter(|d| (1..=36_500).contains(d))
                .map(Window::Days)
                .ok_or_else(|| {
                    format!(
                        "{s:?} is not a window: 7d, 30d, 90d, a number of days up to 36500 (e.g. 14d) or all"
                    )
                }),
        }
    }
}

impl Serialize for Window {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

impl Config {
    /// Reads the config; a missing file is the default config.
    pub fn load(path: &Path) -> Result<Config> {
        let invalid = || format!("{}: invalid config", crate::text::path_name(path));
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Self::parse(&text).with_context(invalid),
                // Saved as UTF-16 (Windows Notepad, PowerShell's `>`): how to
                // convert it.
                Err(e) if let Some(encoding) = crate::import::wide_encoding(e.as_bytes()) => {
                    Err(anyhow::anyhow!(
                        "the file is in {encoding}; a config is read as UTF-8: convert it first \
                         ({}, then put the copy in its place)",
                        crate::import::iconv_line(&path.to_string_lossy(), encoding)
                    ))
                    .with_context(invalid)
                }
                // Where, as the other errors say it.
                Err(e) => {
                    let ok = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                    let line = 1 + ok.iter().filter(|&&b| b == b'\n').count();
                    let start = ok.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                    // In characters, as the TOML errors count them.
                    let column = 1 + String::from_utf8_lossy(&ok[start..]).chars().count();
                    Err(anyhow::anyhow!(
                        "line {line}, column {column}: not UTF-8 text"
                    ))
                    .with_context(invalid)
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => {
                Err(e).with_context(|| format!("cannot read {}", crate::text::path_name(path)))
            }
        }
    }

    /// Parses TOML; errors name the line and the key, the type expected in
    /// a person's words ("a number", not serde's "f64").
    pub fn parse(text: &str) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let table = toml::from_str::<toml::Table>(text).ok();
            if let Some(misplaced) = table.and_then(|t| misplaced_setting(text, &t)) {
                return misplaced;
            }
            const WORDS: [(&str, &str); 7] = [
                ("expected f64", "expected a number, such as 24 or 1.5"),
                ("expected u64", "expected a whole number, 0 or more"),
                (
                    "expected u32",
                    "expected a whole number from 0 to 4294967295",
                ),
                ("expected usize", "expected a whole number, 0 or more"),
                ("expected i64", "expected a whole number"),
                (
                    "expected a sequence",
                    "expected a list (an [own] platform's handles: [\"@you\"]; a [keys] \
                     action's keys: [\"q\"]; each of [[templates]] and [[rules]] is a table \
                     of its own, in double brackets)",
                ),
                (
                    "invalid type: sequence, expected a map",
                    "expected one table (such as [own] or [keys], written in single \
                     brackets, its keys below it; double brackets are for each of \
                     [[templates]] and [[rules]])",
                ),
            ];
            // A character that shows nothing in the line quoted is seen.
            let said = crate::text::escaped(&e.to_string());
            anyhow::anyhow!(
                WORDS
                    .iter()
                    .fold(said, |said, (serde, plain)| said.replace(serde, plain))
            )
        })?;
        let table: toml::Table = toml::from_str(text)?;
        // One the types let by, as a platform's limit in [reply_limits].
        if let Some(misplaced) = misplaced_setting(text, &table) {
            return Err(misplaced);
        }
        // A key or text holding a control or invisible character (a bidi
        // override, a C1 control) would reach the screen, or be matched
        // and bound unseen (a key no one can press).
        let unclean = unclean_text(&table, "");
        // Values that parse but make no sense, named by the line they are
        // on (the `nth` line that starts so).
        // The line of the `nth` entry starting with `start`, or of the first
        // line after it, in its table and not a comment, that `is` names;
        // in a `text` (a template's body, whose lines may start with '[' or
        // '#'), the first that holds it.
        let line_of = |start: &str, nth: usize, is: &dyn Fn(&str) -> bool, text_of: bool| {
            let lines = || text.lines().enumerate();
            lines()
                .filter(|(_, l)| l.trim_start().starts_with(start))
                .nth(nth)
                .map(|(head, _)| {
                    (lines().skip(head + 1))
                        .map(|(i, l)| (i, l.trim_start()))
                        .take_while(|(_, l)| text_of || !l.starts_with('['))
                        .find(|(_, l)| (text_of || !l.starts_with('#')) && is(l))
                        .map_or(head, |(i, _)| i)
                })
                .map_or(String::new(), |i| format!("line {}: ", i + 1))
        };
        // The line that sets `key` (bare or quoted) in that entry.
        let within = |start: &str, nth: usize, key: &str| {
            let sets = |l: &str| {
                [key, &format!("\"{key}\""), &format!("'{key}'")]
                    .iter()
                    .any(|k| {
                        l.strip_prefix(k)
                            .is_some_and(|r| r.trim_start().starts_with('='))
                    })
            };
            line_of(start, nth, &sets, false)
        };
        let at = |start: &str, nth: usize| line_of(start, nth, &|_| false, false);
        if let Some((path, value)) = unclean {
            let message = format!(
                "`{}`: {} holds a control or invisible character: take it out",
                crate::text::escaped(&path),
                crate::text::quoted(&value)
            );
            // In the nth of [[templates]] or [[rules]]: that entry's line.
            let entry = path.split_once('[').and_then(|(name, rest)| {
                let (nth, key) = rest.split_once("].")?;
                // A list's element is on the list's line.
                let key = key.split('[').next().unwrap_or(key);
                Some((name, nth.parse::<usize>().ok()?, key))
            });
            return Err(match entry {
                Some((name, nth, key)) if !name.contains('.') => {
                    anyhow::anyhow!("{}{message}", within(&format!("[[{name}]]"), nth, key))
                }
                _ => in_words(text, &message),
            });
        }
        // At most the longest window (36,500 days): a longer one is a typo.
        let hours = config.reply_target_hours;
        if !hours.is_finite() || hours <= 0.0 || hours > 876_000.0 {
            anyhow::bail!(
                "{}reply_target_hours must be a positive number of hours, at most 876000 \
                 (100 years)",
                at("reply_target_hours", 0)
            );
        }
        if let Some(h) = &config.business_hours {
            use chrono::Weekday::*;
            if [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
                .iter()
                .all(|d| h.on(*d).is_none())
            {
                // Every reply would take no working time at all.
                anyhow::bail!(
                    "{}[business_hours]: no day has hours; give at least one, e.g. monday = \"09:00-17:00\"",
                    at("[business_hours]", 0)
                );
            }
        }
        // An empty handle names no one: a slip, not an account.
        if let Some((platform, _)) = (config.own.iter()).find(|(_, handles)| {
            (handles.iter()).any(|h| {
                let h = crate::text::sanitize(h);
                h.trim().trim_start_matches('@').trim().is_empty()
            })
        }) {
            anyhow::bail!(
                "{}[own] {platform}: an empty handle names no one: give the handle or the account's id",
                within("[own]", 0, platform)
            );
        }
        for (i, rule) in config.rules.iter().enumerate() {
            if rule.flag.is_none() && rule.words.is_empty() && rule.regex.is_none() {
                anyhow::bail!(
                    "{}rules[{i}]: a rule needs a flag, words or a regex",
                    at("[[rules]]", i)
                );
            }
            if rule
                .words
                .iter()
                .any(|w| crate::text::fold(w).trim().is_empty())
            {
                anyhow::bail!(
                    "{}rules[{i}]: an empty word would match every item",
                    within("[[rules]]", i, "words")
                );
            }
        }
        let mut limits: BTreeMap<String, &str> = BTreeMap::new();
        for (platform, &n) in &config.reply_limits {
            // What TOML writes back (`config show`) is a signed 64-bit number.
            if i64::try_from(n).is_err() {
                anyhow::bail!(
                    "{}[reply_limits] {platform}: {n} is too large (0 lifts the limit)",
                    within("[reply_limits]", 0, platform)
                );
            }
            if let Some(other) = limits.insert(platform.trim().to_lowercase(), platform) {
                anyhow::bail!(
                    "{}[reply_limits]: {} and {} name the same platform",
                    within("[reply_limits]", 0, platform),
                    crate::text::quoted(other),
                    crate::text::quoted(platform)
                );
            }
        }
        for (i, t) in config.templates.iter().enumerate() {
            for (key, value) in [("name", &t.name), ("body", &t.body)] {
                if value.trim().is_empty() {
                    anyhow::bail!(
                        "{}templates[{i}]: its {key} is empty",
                        at("[[templates]]", i)
                    );
                }
            }
            // The picker lists them by name: two alike could not be told apart.
            if let Some(first) =
                (config.templates[..i].iter()).position(|o| o.name.trim() == t.name.trim())
            {
                anyhow::bail!(
                    "{}templates[{i}]: the name {:?} is templates[{first}]'s too: give each its own",
                    at("[[templates]]", i),
                    t.name.trim()
                );
            }
            if let Some(p) = crate::tui::update::unknown_placeholder(&t.body) {
                anyhow::bail!(
                    "{}templates[{i}] {:?}: {p} is not a placeholder; use {{name}}, \
                     {{first_name}} or {{thread_title}}",
                    line_of("[[templates]]", i, &|l| l.contains(&p), true),
                    t.name
                );
            }
        }
        // The merged tables have no positions: the line is the key's that
        // the message names. Checked here too, not only when the TUI
        // starts: a mistyped key is reported whatever the command.
        config
            .analysis_config()
            .map_err(|e| in_words(text, &format!("{e:#}")))?;
        crate::tui::keymap::Keymap::new(&config.keys)
            .map_err(|e| in_words(text, &e.to_string()))?;
        Ok(config)
    }

    /// The analysis word lists and weights: the built-in ones with the
    /// config's `[analysis]` tables merged over them, key by key.
    pub fn analysis_config(&self) -> Result<crate::analysis::Analysis> {
        use crate::analysis::{Analysis, AnalysisConfig};
        if self.analysis.is_empty() {
            return Ok(Analysis::Builtin);
        }
        let configured: AnalysisConfig = toml::Value::Table(self.merged_analysis()?)
            .try_into()
            .context("[analysis]")?;
        Ok(Analysis::Configured(std::sync::Arc::new(configured)))
    }

    /// What the `[analysis]` tables come to, as a hash: the stored flags,
    /// verdicts and queue order are worked out again under another.
    pub fn analysis_fingerprint(&self) -> Result<i64> {
        if self.analysis.is_empty() {
            return Ok(BUILTIN_FINGERPRINT);
        }
        fingerprint(&self.merged_analysis()?)
    }

    /// The config with every default written out: all the keys, all the
    /// analysis tables (what `config show` prints).
    pub fn with_defaults(&self) -> Result<Config> {
        let keys = crate::tui::keymap::Keymap::new(&self.keys)?
            .bindings
            .into_iter()
            .map(|(cmd, keys)| (cmd.name().to_owned(), keys))
            .collect();
        Ok(Config {
            keys,
            reply_limits: self.reply_limits(),
            analysis: self.merged_analysis()?,
            ..self.clone()
        })
    }

    /// The built-in `[analysis]` tables with the config's over them.
    /// (Parsing them is most of a command's start: see [`BUILTIN_FINGERPRINT`].)
    fn merged_analysis(&self) -> Result<toml::Table> {
        let mut merged: toml::Table = toml::from_str(crate::analysis::config::DEFAULT_TOML)?;
        merge(&mut merged, &self.analysis);
        Ok(merged)
    }

    /// The reply-time target in seconds.
    pub fn target_secs(&self) -> i64 {
        (self.reply_target_hours * 3600.0).round() as i64
    }
}

/// A setting of the top level (`reply_target_hours = 12`) written after a
/// table's header, as at the end of the example config: it falls in that
/// table, whose error would not say why.
fn misplaced_setting(text: &str, table: &toml::Table) -> Option<anyhow::Error> {
    /// The first setting of the top level in a table below `table` (named
    /// `path`), and the header it falls under.
    fn under(table: &toml::Table, path: &str) -> Option<(&'static str, String)> {
        const TOP: [&str; 2] = ["reply_target_hours", "default_window"];
        table.iter().find_map(|(name, value)| {
            let name = match path {
                "" => name.clone(),
                _ => format!("{path}.{name}"),
            };
            let holds = |t: &toml::Table, header: String| {
                (TOP.into_iter().find(|k| t.contains_key(*k)))
                    .map(|k| (k, header))
                    .or_else(|| under(t, &name))
            };
            match value {
                toml::Value::Table(t) => holds(t, format!("[{name}]")),
                toml::Value::Array(entries) => (entries.iter())
                    .filter_map(toml::Value::as_table)
                    .find_map(|t| holds(t, format!("[[{name}]]"))),
                _ => None,
            }
        })
    }
    let (key, within) = under(table, "")?;
    // The last: one above every table is the top level's own.
    let line = text.lines().collect::<Vec<_>>().iter().rposition(|l| {
        (l.trim_start().strip_prefix(key)).is_some_and(|rest| rest.trim_start().starts_with('='))
    });
    let line = line.map_or(String::new(), |i| format!("line {}: ", i + 1));
    Some(anyhow::anyhow!(
        "{line}`{key}` is a setting of its own, but written here it falls in {within}: a key \
         belongs to the table whose header is above it, so write it above the first [table]"
    ))
}

/// Whether `s` holds a character that drives a terminal or reorders a
/// line (a control other than a tab or a line break, CRLF's included; a
/// bidi embedding, override or isolate; a line or paragraph separator,
/// which terminals do not break on): refused in the config and in `--own`.
/// (What only shows nothing, a direction mark, a soft hyphen, is taken out
/// where the text is shown.)
pub(crate) fn unclean(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(
                c,
                '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
            )
    })
}

/// The first key or text of `table` (at `path`) that is [`unclean`], with
/// its path.
fn unclean_text(table: &toml::Table, path: &str) -> Option<(String, String)> {
    fn inside(value: &toml::Value, path: &str) -> Option<(String, String)> {
        match value {
            toml::Value::String(s) if unclean(s) => Some((path.to_owned(), s.clone())),
            toml::Value::Array(items) => {
                (items.iter().enumerate()).find_map(|(i, v)| inside(v, &format!("{path}[{i}]")))
            }
            toml::Value::Table(t) => unclean_text(t, path),
            _ => None,
        }
    }
    table.iter().find_map(|(key, value)| {
        let at = match path {
            "" => key.clone(),
            _ => format!("{path}.{key}"),
        };
        match unclean(key) {
            false => inside(value, &at),
            true => Some((at, key.clone())),
        }
    })
}

/// A message about a key of the merged `[analysis]` or `[keys]` tables,
/// prefixed with the line of the first key it names (quoted or in
/// backquotes, or the last part of a dotted path), in plain types: where
/// it is set (`name =`), else the table it names (`[analysis.name]`),
/// else where it is written as a value (`["a"]`).
fn in_words(text: &str, message: &str) -> anyhow::Error {
    // `[keys] dismiss: …` names its key before any quote.
    let key = message
        .strip_prefix('[')
        .and_then(|m| m.split_once("] "))
        .and_then(|(_, m)| m.split_once(':'))
        .map(|(k, _)| k);
    let named: Vec<&str> = message
        .split(['"', '`'])
        .skip(1)
        .step_by(2)
        .map(|n| n.rsplit('.').next().unwrap_or(n))
        .chain(key)
        .filter(|n| !n.is_empty())
        .collect();
    let set = |n: &str, l: &str| {
        l.trim_start()
            .strip_prefix(n)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let table = |n: &str, l: &str| {
        let l = l.trim();
        l.starts_with('[')
            && [
                format!(".{n}]"),
                format!("[{n}]"),
                format!(".{n}."),
                format!("[{n}."),
            ]
            .iter()
            .any(|p| l.contains(p.as_str()))
    };
    // In any case: a key's name is read so ("Esc" is named "esc").
    let value =
        |n: &str, l: &str| (l.to_lowercase()).contains(&format!("\"{}\"", n.to_lowercase()));
    // A dotted path (`lexicon.bait_patterns.en[1]`): its key within its
    // table, where a key of that name in another table would mislead.
    let lines: Vec<&str> = text.lines().collect();
    let in_table = message
        .split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|path| {
            let mut parts = path.rsplit('.');
            let key = parts.next()?.split('[').next()?;
            let parent = parts.next()?;
            let header = lines.iter().position(|l| table(parent, l))?;
            (header + 1..lines.len())
                .take_while(|&i| !lines[i].trim_start().starts_with('['))
                .find(|&i| set(key, lines[i]))
        })
        .next();
    let line = in_table
        .or_else(|| {
            [&set as &dyn Fn(&str, &str) -> bool, &table, &value]
                .iter()
                .find_map(|found| {
                    named
                        .iter()
                        .find_map(|n| lines.iter().position(|l| found(n, l)))
                })
        })
        .map_or(String::new(), |i| format!("line {}: ", i + 1));
    // A config's lists are of words: shown how one is written.
    let message = message.replace(
        "expected a sequence",
        "expected a list, like [\"a\", \"b\"]",
    );
    let plain = crate::text::plain_types(&message).replace('\n', " ");
    anyhow::anyhow!("{line}{}", plain.trim_end())
}

/// Merges `over` into `base`: tables key by key, anything else replaced.
fn merge(base: &mut toml::Table, over: &toml::Table) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The account owner's identities, per platform, matched case-insensitively
/// on handles and stable ids (never on display names).
#[derive(Debug, Clone, Default)]
pub struct OwnIdentities {
    by_platform: HashMap<String, HashSet<String>>,
}

/// Whether a platform tells handles apart by case (on Hacker News `Me`
/// and `me` are two accounts; elsewhere a handle is any case).
pub fn handles_keep_case(platform: &str) -> bool {
    platform == "hackernews"
}

/// How handles are compared: case-insensitive (but where
/// [`handles_keep_case`]), without the `@` of most platforms or the `u/` of
/// Reddit (`u/alex` and `alex` are the same account), and the handle of an
/// account's address ([`handle_in_address`]).
fn norm(platform: &str, handle: &str) -> String {
    let handle = handle_in_address(platform, handle.trim());
    let h = crate::analysis::strip_handle_prefix(&handle);
    if handles_keep_case(platform) {
        h.to_owned()
    } else {
        h.to_lowercase()
    }
}

/// The handle in the address of an account's page, as pasted from a
/// browser (`https://x.com/me`, `https://bsky.app/profile/me.bsky.social`),
/// on the platforms whose addresses hold it; anything else as it is
/// (Mastodon's address is an author id itself). The scheme may be left
/// out (`x.com/me`).
fn handle_in_address<'h>(platform: &str, h: &'h str) -> std::borrow::Cow<'h, str> {
    let url = match is_http(h) {
        true => url::Url::parse(h).ok(),
        false if is_address(h) => url::Url::parse(&format!("https://{h}")).ok(),
        false => None,
    };
    let handle = url.and_then(|url| {
        let host = url.host_str()?.to_lowercase();
        let host = ["www.", "mobile.", "m.", "old.", "studio.", "web."]
            .iter()
            .find_map(|p| host.strip_prefix(p))
            .unwrap_or(&host)
            .to_owned();
        // Facebook's short domain, which leads to the same pages.
        let host = if host == "fb.com" {
            "facebook.com".to_owned()
        } else {
            host
        };
        // As a browser copies it: `/@caf%C3%A9` is `@café`.
        let path: Vec<String> = (url.path_segments()?)
            .map(|s| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .collect();
        let segment = |i: usize| path.get(i).filter(|s| !s.is_empty()).cloned();
        match (platform, host.as_str(), path.first().map(String::as_str)) {
            ("x" | "twitter", "x.com" | "twitter.com", _)
            | ("instagram", "instagram.com", _)
            | ("threads", "threads.net" | "threads.com", _)
            | ("github", "github.com", _) => segment(0),
            ("youtube", "youtube.com", Some(s)) if s.starts_with('@') => segment(0),
            ("bluesky", "bsky.app", Some("profile"))
            | ("reddit", "reddit.com", Some("user" | "u"))
            | ("youtube", "youtube.com", Some("channel")) => segment(1),
            // Facebook has no handles: a Page's or profile's address by its id.
            ("facebook", "facebook.com", Some(s))
                if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) =>
            {
                segment(0)
            }
            // `/people/Their-Name/ID/`: a profile without a username.
            ("facebook", "facebook.com", Some("people")) => segment(2),
            ("hackernews", "news.ycombinator.com", Some("user"))
            | ("facebook", "facebook.com", Some("profile.php")) => url
                .query_pairs()
                .find(|(k, _)| k == "id")
                .map(|(_, v)| v.into_owned()),
            _ => None,
        }
    });
    handle.map_or(std::borrow::Cow::Borrowed(h), std::borrow::Cow::Owned)
}

/// Whether `h` is a web address (`http://`, `HTTPS://`…).
fn is_http(h: &str) -> bool {
    h.get(..4).is_some_and(|s| s.eq_ignore_ascii_case("http")) && h.contains("://")
}

/// Whether `h` is an address with its scheme or without (`x.com/me`: a
/// host, with a dot, before a slash; no handle is written so).
fn is_address(h: &str) -> bool {
    is_http(h)
        || h.split_once('/').is_some_and(|(host, _)| {
            host.contains('.') && !host.contains('@') && !host.contains(char::is_whitespace)
        })
}

/// Whether `h`, given as an own identity on `platform`, is an address that
/// names no handle ackbox reads (another site's, a page with none): it
/// matches nobody.
pub fn unread_address(platform: &str, h: &str) -> bool {
    let h = h.trim();
    is_address(h)
        && platform != "mastodon"
        && matches!(
            handle_in_address(platform, h),
            std::borrow::Cow::Borrowed(_)
        )
}

impl OwnIdentities {
    /// From the config's `[own]` table plus `platform:handle` pairs.
    pub fn new(config: &Config, extra: &[(String, String)]) -> Self {
        let mut by_platform: HashMap<String, HashSet<String>> = HashMap::new();
        let pairs = config
            .own
            .iter()
            .flat_map(|(p, hs)| hs.iter().map(move |h| (p, h)));
        for (p, h) in pairs.chain(extra.iter().map(|(p, h)| (p, h))) {
            let p = p.to_lowercase();
            // Cleaned as the authors it is compared with are: a handle
            // copied from a web page may hold a direction mark.
            let h = norm(&p, &crate::text::sanitize(h));
            by_platform.entry(p).or_default().insert(h);
        }
        OwnIdentities { by_platform }
    }

    /// Whether own accounts are known on `platform`.
    pub fn knows(&self, platform: &str) -> bool {
        self.by_platform.contains_key(platform)
    }

    /// Whether the owner wrote this record.
    pub fn matches(&self, r: &Record) -> bool {
        self.any_own(&r.platform, std::iter::once(&r.author).chain(&r.author_ids))
    }

    /// [`Self::matches`] on the record's account ids alone, for a format
    /// whose author is a name anyone can type.
    pub fn matches_ids(&self, r: &Record) -> bool {
        self.any_own(&r.platform, &r.author_ids)
    }

    /// Whether `handle` is one of the identities on `platform`.
    pub fn is_own(&self, platform: &str, handle: &str) -> bool {
        self.any_own(platform, [&handle.to_owned()])
    }

    /// The account named on `platform` that `handle` is a letter or two
    /// from (a typo in `[own]`), compared whole and before any `@server`
    /// (where the two name no different servers: the same user name on
    /// another server is someone else, perhaps an impostor), with how many
    /// letters apart; none when it is one of them.
    pub fn near_miss(&self, platform: &str, handle: &str) -> Option<(&str, usize)> {
        let ids = self.by_platform.get(platform)?;
        let h = norm(platform, handle);
        if ids.contains(&h) {
            return None;
        }
        let server = |s: &str| s.split_once('@').map(|(_, server)| server.to_owned());
        let user = |s: &str| s.split('@').next().unwrap_or_default().to_owned();
        // Other case alone (on Hacker News, where it is another account)
        // is nearest of all.
        let apart = |a: &str, b: &str| {
            let d = match a.to_lowercase() == b.to_lowercase() {
                true => 0,
                false => strsim::osa_distance(a, b),
            };
            Some(d).filter(|_| a.chars().count() >= 4)
        };
        (ids.iter())
            .filter_map(|id| {
                let elsewhere = matches!((server(id), server(&h)), (Some(a), Some(b)) if a != b);
                let users = (!elsewhere).then(|| apart(&user(id), &user(&h))).flatten();
                let d = [apart(id, &h), users].into_iter().flatten().min()?;
                Some((id.as_str(), d)).filter(|_| d <= 2)
            })
            .min_by_key(|(_, d)| *d)
    }

    fn any_own<'a>(&self, platform: &str, who: impl IntoIterator<Item = &'a String>) -> bool {
        self.by_platform
            .get(platform)
            .is_some_and(|ids| who.into_iter().any(|a| ids.contains(&norm(platform, a))))
    }

    /// The handle replies written in ackbox are signed with.
    pub fn first(&self, platform: &str) -> Option<String> {
        let mut ids: Vec<&String> = self.by_platform.get(platform)?.iter().collect();
        ids.sort();
        ids.first().map(|s| (*s).clone())
    }
}

/// The fingerprint of the built-in `[analysis]` tables alone, worked out
/// ahead: most configs change none, and every command checks it. A test
/// says the new value when `assets/analysis.toml` or [`JUDGING`] changes.
const BUILTIN_FINGERPRINT: i64 = 2302030785983971532;

/// The judging's own version: raised when a change to how replies are
/// judged should judge the stored ones again, as a changed table does
/// (2: an @ before the addressee's name addresses them; 3: a name in an
/// e-mail address does not; 4: a first name that is a stop word counts
/// right after a greeting; 5: a canned text on YouTube, Instagram or
/// Mastodon is the same with the @mention the platform writes first, and a
/// reply with no words is never canned; 6: "Anonymous", a guest who left
/// no name, and "(unknown)", an author withheld, are no name to address;
/// 7: an attachment's mark, `[image]`, `[sticker]`, is no word; 8: a
/// custom emoji's `:shortcode:`, a sticker or a GIF alone is emoji-only;
/// 9: a clause that holds bait asks no question, "sub4sub?"; 13: a name in
/// the code of GitHub's or Reddit's Markdown addresses nobody; 14: nor is
/// it what an item's flags read; 15: a thread's title quoted whole, a
/// saved reply's `{thread_title}`, is no word of the reply's; 16: nor is
/// what it quotes, `> …`, with the line naming whose it is; a display name
/// "Anonymous" is no name; 17: a thread's short title quoted whole is no word of the
/// reply's either; 18: a Chinese family name of one character addresses
/// with an honorific, 王先生; 19: a name with an umlaut spelled without
/// it, Mueller for Müller; a plural in -ies is its singular in -y or -ie;
/// 20: a surname with an honorific after it addresses, Tanakaさん; their
/// comment given back in quotation marks is no word of the reply's; a
/// name that is also a word after an article is that word, die Rose; 21:
/// bait is read a sentence at a time and not in a sentence a
/// `not_bait_patterns` entry matches; an item's quoted lines flag nothing;
/// an attachment alone or an empty comment is no copypasta; 22: a degree's
/// part, "nat", is a title only after one, so "Nat Friedman" is Nat; 23:
/// a month after a preposition of time is the month, "open in April"; 24:
/// a display name's pronouns, tagline or suffix is not its name, "Anna
/// Berg (she/her)" is Ms. Berg; 25: what a `not_bait_patterns` entry
/// matches is no bait, not its whole sentence; an ellipsis ends no
/// sentence; 27: a greeting before the name is no part of a canned text,
/// "Hi Ada, thanks…" and "Hey Bo, thanks…" are one; an opener alone before
/// a comma asks nothing, "Why, thank you"; 28: an author that names nobody,
/// withheld or a nameless guest, is each item's stranger: counted apart
/// for a canned text, and never loyal; 29: a year, full marks or all of
/// it given back, "2027", "10/10", "100%", refers to nothing they wrote;
/// 30: a full name called after a greeting is all of it the name in a
/// canned text; strangers' same words are no one's copypasta, and a VIP
/// tag given them still counts; 31: an account named "Anonymous" is one
/// person but on WordPress and Disqus, whose nameless guests are so named;
/// 32: a Greek word's final ς folds as σ; 33: a custom emoji's
/// `:shortcode:` in a reply is an emoji, no word, and `:+1:` is one; the
/// `?` that starts a link's query asks nothing; a handle's piece is no
/// name; a holiday wished in words that are content in another language,
/// "buone feste", is stock; a display name's "Sig.ra" is a title; an
/// opener written `^…` opens a sentence only, not a clause after a comma;
/// 34: a first name that is also a word, with nothing but emoji after it,
/// "Ed ❤️", is set off; 35: at a sentence's start only as the reply's
/// first word, "Yes. Will 👍" calling no one; 36: an ASCII emoticon, "<3",
/// ":)", stands with a name as an emoji does; 37: a text of combining
/// marks alone has no words and no copypasta key; 38: a clause that opens
/// as an exclamation asks where a question to someone follows in it; 39:
/// the first name a handle holds calls them, "thanks Maria!" to maria.g,
/// and a name set off by a spaced "!", "Merci Léa !"; 40: Bopomofo and
/// Han's extension H are written without spaces, "ㄏㄏ" a phrase's part;
/// 41: a handle written as a word, "thanks alexdev", is said to address
/// them by their handle, not as the @mention it is not).
const JUDGING: u32 = 41;

fn fingerprint(analysis: &toml::Table) -> Result<i64> {
    let text = format!("{}judging {JUDGING}", toml::to_string(analysis)?);
    Ok(xxhash_rust::xxh3::xxh3_64(text.as_bytes()) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The commented example and the README's are configs ackbox takes;
    /// the README's leaves the built-in analysis as it is (a list given
    /// replaces the built-in one: one copied from there would weaken it).
    #[test]
    fn the_examples_are_valid_configs() {
        Config::parse(include_str!("../assets/config.toml")).expect("assets/config.toml");
        let readme = include_str!("../README.md");
        let block = (readme.split("\n## Configuration\n").nth(1))
            .and_then(|s| s.split("```toml\n").nth(1))
            .and_then(|s| s.split("```").next())
            .expect("the README's config example");
        let config = Config::parse(block).expect("the README's config example");
        let builtin = Config::parse("").expect("an empty config");
        assert_eq!(
            config.analysis_fingerprint().expect("analysis"),
            builtin.analysis_fingerprint().expect("analysis")
        );
        assert!(!config.templates.is_empty() && config.business_hours.is_some());
    }

    /// A file that is not UTF-8 is told where.
    #[test]
    fn a_config_that_is_not_utf8_names_the_place() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("c.toml");
        let mut bytes = "reply_target_hours = 24\n# €€ ".as_bytes().to_vec();
        bytes.push(0xe9);
        std::fs::write(&path, bytes).expect("write");
        let e = format!("{:#}", Config::load(&path).expect_err("not UTF-8"));
        assert!(
            e.contains("invalid config: line 2, column 6: not UTF-8 text"),
            "{e}"
        );
    }

    /// A config saved as UTF-16 is told how to convert it.
    #[test]
    fn a_config_in_utf16_says_how_to_convert_it() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("c.toml");
        let mut bytes = vec![0xff, 0xfe];
        for unit in "reply_target_hours = 24\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        std::fs::write(&path, bytes).expect("write");
        let e = format!("{:#}", Config::load(&path).expect_err("UTF-16"));
        assert!(
            e.contains("invalid config: the file is in UTF-16")
                && e.contains("iconv -f UTF-16")
                && e.contains("-t UTF-8"),
            "{e}"
        );
    }

    /// `w` cycles 7 / 30 / 90 days / all, and the config's window in its
    /// place among them.
    #[test]
    fn the_window_cycle_holds_the_configured_one() {
        let walk = |own: Window| {
            let mut w = own;
            (0..6)
                .map(|_| {
                    w = w.next(own);
                    w.to_string()
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(walk(Window::Days(30)), "90d all 7d 30d 90d all");
        assert_eq!(walk(Window::Days(14)), "30d 90d all 7d 14d 30d");
        assert_eq!(walk(Window::All), "7d 30d 90d all 7d 30d");
    }

    /// A setting of its own written after a table's header, as at the end
    /// of the example config, is said to be in that table.
    #[test]
    fn a_setting_written_under_a_table_is_said_to_fall_in_it() {
        let example = include_str!("../assets/config.toml");
        for (after, within) in [
            ("", "[own]"),
            ("[keys]\n", "[keys]"),
            ("[reply_limits]\nmastodon = 500\n", "[reply_limits]"),
            ("[analysis.weights]\n", "[analysis.weights]"),
        ] {
            let text = format!("{example}\n{after}reply_target_hours = 12\n");
            let line = text.lines().count();
            let e = format!("{:#}", Config::parse(&text).unwrap_err());
            let said = format!(
                "line {line}: `reply_target_hours` is a setting of its own, but written here it \
                 falls in {within}"
            );
            assert!(e.starts_with(&said), "{e}");
        }
    }

    /// A key or text holding a control or invisible character is refused,
    /// by its line and path, the character shown; so is a key binding no one
    /// could press. Tabs, line breaks and emoji are text.
    #[test]
    fn a_control_or_invisible_character_in_the_config_is_refused() {
        for (toml, said) in [
            (
                "reply_target_hours = 24\n[[templates]]\nname = \"hi\"\nbody = \"Thanks\\u202e!\"\n",
                "line 4: `templates[0].body`: \"Thanks\\u{202e}!\" holds a control or invisible character",
            ),
            // In the third of [[rules]], a list's element.
            (
                "[[rules]]\nflag = \"bait\"\n\n[[rules]]\nflag = \"link_only\"\n\n[[rules]]\nname = \"x\"\n\nwords = [\"a\\u009bb\"]\n",
                "line 10: `rules[2].words[0]`",
            ),
            // The third of [[templates]], on its own line.
            (
                "[[templates]]\nname = \"a\"\nbody = \"one\"\n\n[[templates]]\nname = \"b\"\nbody = \"two\"\n\n[[templates]]\nname = \"c\"\nbody = \"bell\\u0007here\"\n",
                "line 11: `templates[2].body`: \"bell\\u{7}here\"",
            ),
            (
                "[keys]\ndismiss = [\"\\u009b\"]\n",
                "line 2: `keys.dismiss[0]`: \"\\u{9b}\" holds a control or invisible character",
            ),
            (
                "[own]\n\"you\\u2028tube\" = [\"@me\"]\n",
                // (Written escaped, it is not found in the file's lines.)
                "`own.you\\u{2028}tube`",
            ),
        ] {
            let e = format!("{:#}", Config::parse(toml).unwrap_err());
            assert!(e.starts_with(said), "{toml}: {e}");
        }
        let fine = "[[templates]]\nname = \"hi\"\nbody = \"Thanks {name}\\t👩\u{200d}💻\\nbye\"\n";
        Config::parse(fine).unwrap();
        // Saved on Windows, a multi-line text holds CRLF; a direction mark
        // or a soft hyphen shows nothing and is taken out where shown.
        let crlf = "[[templates]]\r\nname = \"hi\"\r\nbody = \"\"\"\r\nThanks {name}!\r\nSee you\r\n\"\"\"\r\n";
        Config::parse(crlf).unwrap();
        Config::parse("[[templates]]\nname = \"hi\"\nbody = \"\u{5e9}\u{5dc}\u{5d5}\u{5dd}\u{200f} {name}\u{ad}!\"\n")
            .unwrap();
        // A syntax error's quoted line shows what the parser stopped at.
        let e = format!("{:#}", Config::parse("x = \"a\u{1b}b\"\n").unwrap_err());
        assert!(e.contains("\\u{1b}"), "{e}");
    }

    /// Words match whole, and regexes too ignore case, accents and
    /// fullwidth letters; a rule that would match everything is refused.
    /// An empty own handle is refused, on its line.
    /// A value refused after parsing names the line of its key, not of
    /// its table.
    #[test]
    fn a_refused_value_is_named_on_its_own_line() {
        for (text, line) in [
            (
                "[analysis.lexicon]\ncontent_word_min_chars = 0\n",
                "line 2: ",
            ),
            (
                "[analysis.lexicon.bait_phrases]\nen = [\"f4f\", \"🔥\"]\n",
                "line 2: ",
            ),
            (
                "[[rules]]\nreason = \"spam\"\n\nwords = [\"\"]\n",
                "line 4: ",
            ),
            // Not the first line that holds its text (a value, a comment).
            (
                "[own]\nmastodon = [\"me@x.social\"]\nx = [\"\"]\n",
                "line 3: [own] x",
            ),
            (
                "[reply_limits]\n# mastodon = 500 is the default\nmastodon = 5000\nMastodon = 500\n",
                "line 3: [reply_limits]: \"Mastodon\" and \"mastodon\"",
            ),
            (
                "[[rules]]\nreason = \"spam\" # no words\nwords = [\"\"]\n",
                "line 3: ",
            ),
            // A body's lines may start as a table or a comment would.
            (
                "[[templates]]\nname = \"faq\"\nbody = \"\"\"\nThanks {first_name}!\n[Our FAQ](https://x.co)\n# {nmae}\n\"\"\"\n",
                "line 6: templates[0]",
            ),
        ] {
            let e = Config::parse(text).unwrap_err().to_string();
            assert!(e.starts_with(line), "{text}: {e}");
        }
    }

    #[test]
    fn an_empty_own_handle_is_refused() {
        let e =
            Config::parse("reply_target_hours = 24\n[own]\nmastodon = [\"me@x.social\", \" \"]\n")
                .unwrap_err()
                .to_string();
        assert!(
            e.starts_with("line 3: [own] mastodon: an empty handle names no one"),
            "{e}"
        );
        // Nothing but a direction mark is as empty, and so is an "@" alone.
        for handle in ["\\u200e", "@", " @ "] {
            let e = Config::parse(&format!("[own]\nmastodon = [\"{handle}\"]\n"))
                .unwrap_err()
                .to_string();
            assert!(e.contains("an empty handle names no one"), "{handle}: {e}");
        }
    }

    /// A handle copied from a web page with a zero-width space or a
    /// direction mark in it names the account the authors (cleaned of
    /// them) are compared with.
    #[test]
    fn an_own_handle_is_cleaned_as_authors_are() {
        let config = Config::parse("[own]\nmastodon = [\"me@coffee.social\\u200b\"]\n").unwrap();
        let extra = [("x".to_owned(), "\u{200e}fernweh".to_owned())];
        let own = OwnIdentities::new(&config, &extra);
        assert!(own.is_own("mastodon", "me@coffee.social"));
        assert!(own.is_own("x", "fernweh"));
    }

    /// A rule's items are dismissed for the reason `D` gives the same
    /// flag, so that the statistics' dismissals by reason stay true.
    #[test]
    fn a_rules_reason_is_its_flags_as_d_gives_it() {
        use crate::model::DismissReason as R;
        let reason = |toml: &str| {
            Config::parse(&format!("[[rules]]\n{toml}\n"))
                .unwrap()
                .rules[0]
                .reason()
        };
        assert_eq!(reason(r#"flag = "bait""#), R::Bait);
        assert_eq!(reason(r#"flag = "emoji_only""#), R::EmojiOnly);
        assert_eq!(reason(r#"flag = "link_only""#), R::Spam);
        assert_eq!(reason(r#"flag = "copypasta""#), R::Spam);
        assert_eq!(reason(r#"flag = "question""#), R::Other);
        assert_eq!(reason(r#"words = ["giveaway"]"#), R::Other);
        assert_eq!(
            reason("flag = \"link_only\"\nreason = \"off-topic\""),
            R::OffTopic
        );
    }

    #[test]
    fn rules_match_whole_words_and_fold_what_they_read() {
        let rule =
            |toml: &str| Config::parse(&format!("[[rules]]\n{toml}\n")).map(|c| c.rules[0].clone());
        let words = rule(r#"words = ["ice", "dm me"]"#).unwrap();
        // A platform is named as in [reply_limits]: case and spaces aside.
        let there = rule("platform = \"YouTube \"\nwords = [\"ice\"]").unwrap();
        assert!(there.matches("youtube", "ice", 0) && !there.matches("x", "ice", 0));
        assert!(!words.matches("x", "Nice post", 0));
        assert!(words.matches("x", "ICE cold!", 0));
        assert!(words.matches("x", "just DM me.", 0));
        assert!(words.matches("x", "just dm\n  me", 0));
        assert!(words.matches("x", "just DM-me", 0));
        let hyphened = rule(r#"words = ["e-mail"]"#).unwrap();
        assert!(hyphened.matches("x", "send an e-mail", 0));
        assert!(hyphened.matches("x", "send an e mail", 0));
        assert!(!hyphened.matches("x", "send an email", 0));
        assert!(!words.matches("x", "our admin team", 0));
        // An empty body, as a rule may well mean.
        assert!(rule("regex = '^$'").unwrap().matches("x", "", 0));
        let regex = rule("regex = '^giveaway'").unwrap();
        assert!(regex.matches("x", "GIVEAWAY time", 0));
        assert!(regex.matches("x", "ｇｉｖｅａｗａｙ time", 0));
        assert!(!regex.matches("x", "a giveaway", 0));
        for everything in [
            r#"words = [" "]"#,
            "regex = ''",
            "regex = '^'",
            "regex = 'x*'",
        ] {
            let e = rule(everything).expect_err(everything).to_string();
            assert!(e.contains("would match every item"), "{e}");
        }
        // A flag spares what also asks a question, as `D` does; words do not.
        use crate::analysis::{Flag, Flags};
        let of = |f: &[Flag]| f.iter().copied().collect::<Flags>().bits();
        let (bait, question) = (of(&[Flag::Bait]), of(&[Flag::Bait, Flag::Question]));
        let flag = rule(r#"flag = "bait""#).unwrap();
        assert!(flag.matches("x", "f4f", bait));
        assert!(!flag.matches("x", "f4f! do you ship to Canada?", question));
        let worded = rule("flag = \"bait\"\nwords = [\"f4f\"]").unwrap();
        assert!(worded.matches("x", "f4f! do you ship to Canada?", question));
    }

    /// The config's reply limits go over the built-in ones, whatever the
    /// case of the platform's name; 0 lifts one.
    #[test]
    fn reply_limits_are_the_builtin_ones_under_the_configs() {
        let builtin = Config::default().reply_limits();
        assert_eq!(builtin.get("bluesky"), Some(&300));
        assert_eq!(builtin.get("x"), Some(&280));
        let cfg = Config::parse("[reply_limits]\nMastodon = 5000\nbluesky = 0\nx = 140\n").unwrap();
        let limits = cfg.reply_limits();
        assert_eq!(limits.get("mastodon"), Some(&5000));
        assert_eq!(limits.get("bluesky"), Some(&0));
        assert_eq!(limits.get("x"), Some(&140));
        assert_eq!(limits.get("youtube"), Some(&10_000));
        let e = Config::parse("[reply_limits]\nx = -1\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2") && e.contains("0 or more"), "{e}");
        let e = Config::parse("[reply_limits]\nBluesky = 10\nbluesky = 20\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("name the same platform"), "{e}");
        let e = Config::parse("[reply_limits]\nx = 18446744073709551615\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2") && e.contains("too large"), "{e}");
    }

    #[test]
    fn the_builtin_fingerprint_is_that_of_the_builtin_tables() {
        let computed = fingerprint(&Config::default().merged_analysis().unwrap()).unwrap();
        assert_eq!(
            computed, BUILTIN_FINGERPRINT,
            "assets/analysis.toml changed: set BUILTIN_FINGERPRINT to {computed}"
        );
        // A config that restates a default is the same analysis.
        let restated = Config::parse("[analysis.weights]\nquestion = 30\n").unwrap();
        assert_eq!(
            restated.analysis_fingerprint().unwrap(),
            BUILTIN_FINGERPRINT
        );
    }

    /// Without `[analysis]` tables the built-in settings are used, parsed
    /// only when something reads them; with some, the config's.
    #[test]
    fn analysis_settings_are_the_builtin_ones_unless_configured() {
        use crate::analysis::Analysis;
        let builtin = Config::parse("").unwrap().analysis_config().unwrap();
        assert!(matches!(builtin, Analysis::Builtin));
        assert_eq!(builtin.weights.question, 30);
        let own = Config::parse("[analysis.weights]\nquestion = 7\n").unwrap();
        let own = own.analysis_config().unwrap();
        assert!(matches!(own, Analysis::Configured(_)));
        assert_eq!(own.weights.question, 7);
    }

    #[test]
    fn config_show_writes_a_config_that_reads_back_the_same() {
        let c = Config::parse(
            r#"
            reply_target_hours = 12
            default_window = "all"
            [own]
            github = ["octo"]
            [business_hours]
            timezone = "Europe/Berlin"
            monday = "09:00-17:30"
            friday = "18:00-24:00"
            [[templates]]
            name = "thanks"
            body = "Thanks {name}!"
            [[rules]]
            flag = "bait"
            [[rules]]
            regex = "sub4sub"
            reason = "spam"
            platform = "youtube"
            [keys]
            dismiss = ["x"]
            [analysis.weights]
            vip = 50
            "#,
        )
        .expect("sample");
        let shown = toml::to_string_pretty(&c).expect("serialises");
        assert_eq!(Config::parse(&shown).expect("reads back"), c, "{shown}");
        assert!(shown.contains("monday = \"09:00-17:30\""), "{shown}");
        // A day that runs to midnight.
        assert!(shown.contains("friday = \"18:00-24:00\""), "{shown}");
        // With the defaults written out, it means the same.
        let full = c.with_defaults().expect("defaults");
        let shown = toml::to_string_pretty(&full).expect("serialises");
        let back = Config::parse(&shown).expect("reads back");
        assert_eq!(
            back.analysis_config().unwrap().weights,
            c.analysis_config().unwrap().weights
        );
        assert_eq!(
            back.analysis_fingerprint().unwrap(),
            c.analysis_fingerprint().unwrap()
        );
        assert_eq!(back.with_defaults().unwrap(), full);
        for default in [
            "snooze = [\"s\"]",
            "dismiss = [\"x\"]",
            "question = 30",
            "loyal_weeks = 3",
        ] {
            assert!(shown.contains(default), "{default} in {shown}");
        }
    }
    use chrono::Utc;

    #[test]
    fn windows_are_days_up_to_a_century_or_all() {
        assert_eq!("14d".parse::<Window>(), Ok(Window::Days(14)));
        assert_eq!("36500d".parse::<Window>(), Ok(Window::Days(36_500)));
        assert_eq!("all".parse::<Window>(), Ok(Window::All));
        assert_eq!("ALL".parse::<Window>(), Ok(Window::All));
        assert_eq!("7D".parse::<Window>(), Ok(Window::Days(7)));
        for bad in ["0d", "36501d", "1000000d", "-3d", "14", "fortnight"] {
            assert!(bad.parse::<Window>().is_err(), "{bad}");
        }
    }

    #[test]
    fn own_handles_match_without_case_at_or_reddit_prefix() {
        let config =
            Config::parse("[own]\nreddit = [\"u/Alex_Example\"]\nmastodon = [\"@Me@x.social\"]")
                .expect("config");
        let own = OwnIdentities::new(&config, &[("github".into(), "octo".into())]);
        let rec = |p: &str, a: &str| Record::new(p, "1", a, "", Utc::now());
        assert!(own.matches(&rec("reddit", "alex_example")));
        assert!(own.matches(&rec("reddit", "/u/alex_example")));
        assert!(own.matches(&rec("mastodon", "me@x.social")));
        assert!(own.matches(&rec("github", "Octo")));
        assert!(!own.matches(&rec("github", "octocat")));
        assert!(!own.matches(&rec("youtube", "octo")));
        // Hacker News tells handles apart by case: `Me` is someone else.
        let hn = OwnIdentities::new(&config, &[("HackerNews".into(), "me".into())]);
        assert!(hn.matches(&rec("hackernews", "me")));
        assert!(!hn.matches(&rec("hackernews", "Me")));
    }

    /// An account's address pasted from the browser names its handle.
    #[test]
    fn own_addresses_name_their_handles() {
        let given: Vec<(String, String)> = [
            ("x", "https://x.com/FernwehCoffee"),
            ("bluesky", "https://bsky.app/profile/fernweh.coffee"),
            ("instagram", "https://www.instagram.com/fernweh.coffee/"),
            ("threads", "https://www.threads.net/@fernweh.coffee"),
            ("reddit", "https://old.reddit.com/user/fernweh_roasters/"),
            ("youtube", "https://www.youtube.com/@FernwehCoffee"),
            ("youtube", "https://www.youtube.com/@caf%C3%A9"),
            ("youtube", "https://www.youtube.com/@日本"),
            (
                "youtube",
                "https://www.youtube.com/channel/UCx1b2c3d4e5f6g7h8i9j0kA",
            ),
            (
                "youtube",
                "https://studio.youtube.com/channel/UCx1b2c3d4e5f6g7h8i9j0kA/comments",
            ),
            ("youtube", "youtube.com/@caf%C3%A9"),
            ("x", "x.com/FernwehCoffee"),
            ("github", "https://github.com/fernweh"),
            ("hackernews", "https://news.ycombinator.com/user?id=fernweh"),
            ("mastodon", "https://coffee.social/@fernweh"),
            ("facebook", "https://www.facebook.com/104729381234567"),
            (
                "facebook",
                "https://www.facebook.com/profile.php?id=100012345678901",
            ),
            (
                "facebook",
                "https://web.facebook.com/people/Fernweh-Roasters/100012345678902/",
            ),
            ("facebook", "https://fb.com/100012345678903"),
        ]
        .map(|(p, h)| (p.to_owned(), h.to_owned()))
        .into();
        let own = OwnIdentities::new(&Config::default(), &given);
        let rec = |p: &str, a: &str| Record::new(p, "1", a, "", Utc::now());
        for (p, a) in [
            ("x", "fernwehcoffee"),
            ("bluesky", "fernweh.coffee"),
            ("instagram", "fernweh.coffee"),
            ("threads", "fernweh.coffee"),
            ("reddit", "fernweh_roasters"),
            ("youtube", "@FernwehCoffee"),
            ("youtube", "@café"),
            ("youtube", "@日本"),
            ("youtube", "UCx1b2c3d4e5f6g7h8i9j0kA"),
            ("github", "fernweh"),
            ("hackernews", "fernweh"),
            ("facebook", "104729381234567"),
            ("facebook", "100012345678901"),
            ("facebook", "100012345678902"),
            ("facebook", "100012345678903"),
        ] {
            assert!(own.matches(&rec(p, a)), "{p}:{a}");
        }
        // A Page's name in its address is no id.
        assert!(unread_address(
            "facebook",
            "https://www.facebook.com/fernwehcoffee"
        ));
        // Mastodon's address is matched as an author id, as it is given.
        assert!(!own.matches(&rec("mastodon", "fernweh")));
        // Another site's address, or one with no handle, stays as given.
        assert_eq!(
            handle_in_address("x", "https://bsky.app/profile/me"),
            "https://bsky.app/profile/me"
        );
        assert_eq!(
            handle_in_address("bluesky", "https://bsky.app/"),
            "https://bsky.app/"
        );
        // Which an import says matches nobody.
        assert!(unread_address("x", "https://github.com/me"));
        assert!(unread_address("x", "HTTPS://x.com/"));
        assert!(!unread_address("x", "HTTPS://X.com/me"));
        assert!(!unread_address("mastodon", "https://coffee.social/@me"));
        assert!(!unread_address("x", "me"));
        assert!(unread_address("youtube", "youtube.com/c/legacy"));
        assert!(!unread_address("reddit", "u/fernweh_roasters"));
        assert!(!unread_address("bluesky", "fernweh.coffee"));
    }
}
