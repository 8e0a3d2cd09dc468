//! The bundled demo inbox, loaded into a fresh temporary database with its
//! dates moved so that the newest item is two hours old.

use crate::config::OwnIdentities;
use crate::import::{Options, import_reader};
use crate::store::Store;
use anyhow::Result;
use chrono::{DateTime, Duration, Utc};

pub const DEMO: &str = include_str!("../assets/demo.jsonl");

/// How far the demo's timestamps move so that the newest is `now - 2 h`.
pub fn shift(now: DateTime<Utc>) -> Duration {
    let newest = DEMO
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            v.get("created_at")?
                .as_str()
                .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        })
        .map(|t| t.with_timezone(&Utc))
        .max()
        .unwrap_or(now);
    now - Duration::hours(2) - newest
}

/// Loads the demo into `store`.
pub fn load(store: &mut Store, now: DateTime<Utc>) -> Result<()> {
    let opts = Options {
        shift: shift(now),
        ..Options::default()
    };
    import_reader(
        store,
        "demo.jsonl",
        Box::new(DEMO.as_bytes()),
        &OwnIdentities::default(),
        &opts,
        now,
    )?;
    Ok(())
}
