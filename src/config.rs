//! The TOML config: own identities, the reply-time target, the default
//! window, business hours, reply templates and key bindings.
//! `assets/config.toml` is the commented example.

use crate::model::Record;
use anyhow::{Context, Result};
use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Deserializer};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The commented example shipped with ackbox.
pub const EXAMPLE: &str = include_str!("../assets/config.toml");

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Own identities per platform: handles or stable account ids.
    pub own: BTreeMap<String, Vec<String>>,
    /// Replies within this many hours count as "answered within target".
    pub reply_target_hours: f64,
    /// The statistics window used when none is given.
    pub default_window: Window,
    pub business_hours: Option<BusinessHours>,
    /// Saved replies for the reply editor.
    pub templates: Vec<Template>,
    /// Key bindings for the TUI: action name -> keys, merged over the defaults.
    pub keys: BTreeMap<String, Vec<String>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            own: BTreeMap::new(),
            reply_target_hours: 24.0,
            default_window: Window::Days(30),
            business_hours: None,
            templates: Vec::new(),
            keys: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub name: String,
    pub body: String,
}

/// Working hours for the "time to first reply in working time" figure.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BusinessHours {
    #[serde(deserialize_with = "de_tz")]
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
        let close = NaiveTime::parse_from_str(b.trim(), "%H:%M").map_err(|_| bad())?;
        if close <= open {
            return Err(serde::de::Error::custom(format!(
                "{s:?}: the end must come after the start"
            )));
        }
        Ok(Hours { open, close })
    }
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

    /// The next window in the 7 / 30 / 90 / all cycle.
    pub fn next(self) -> Window {
        let i = Self::CYCLE
            .iter()
            .position(|w| *w == self)
            .map_or(0, |i| i + 1);
        Self::CYCLE[i % Self::CYCLE.len()]
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
        match s {
            "all" => Ok(Window::All),
            _ => s
                .strip_suffix('d')
                .and_then(|d| d.parse().ok())
                .filter(|d| *d > 0)
                .map(Window::Days)
                .ok_or_else(|| format!("{s:?} is not a window: 7d, 30d, 90d or all")),
        }
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
        match std::fs::read_to_string(path) {
            Ok(text) => {
                Self::parse(&text).with_context(|| format!("{}: invalid config", path.display()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Parses TOML; errors name the line and the key.
    pub fn parse(text: &str) -> Result<Config> {
        let config: Config = toml::from_str(text)?;
        if config.reply_target_hours.is_nan() || config.reply_target_hours <= 0.0 {
            anyhow::bail!("reply_target_hours must be a positive number of hours");
        }
        Ok(config)
    }

    /// The reply-time target in seconds.
    pub fn target_secs(&self) -> i64 {
        (self.reply_target_hours * 3600.0).round() as i64
    }
}

/// The account owner's identities, per platform, matched case-insensitively
/// on handles and stable ids (never on display names).
#[derive(Debug, Clone, Default)]
pub struct OwnIdentities {
    by_platform: HashMap<String, HashSet<String>>,
}

fn norm(handle: &str) -> String {
    handle.trim().trim_start_matches('@').to_lowercase()
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
            by_platform
                .entry(p.to_lowercase())
                .or_default()
                .insert(norm(h));
        }
        OwnIdentities { by_platform }
    }

    /// Whether the owner wrote this record.
    pub fn matches(&self, r: &Record) -> bool {
        let Some(ids) = self.by_platform.get(&r.platform) else {
            return false;
        };
        std::iter::once(&r.author)
            .chain(&r.author_ids)
            .any(|a| ids.contains(&norm(a)))
    }

    /// The handle replies written in ackbox are signed with.
    pub fn first(&self, platform: &str) -> Option<String> {
        let mut ids: Vec<&String> = self.by_platform.get(platform)?.iter().collect();
        ids.sort();
        ids.first().map(|s| (*s).clone())
    }
}
