//! `ackbox export`: every item in the canonical format plus its state and
//! log, as JSON Lines or CSV, re-importable into an empty database. A CSV
//! cell a spreadsheet would run as a formula is written as text.

use crate::import::canonical::{COLUMNS, SAVED_COLUMNS, guarded};
use crate::model::{Record, format_ts};
use crate::store::Store;
use anyhow::Result;
use serde_json::{Map, Value, json};
use std::io::Write;

fn to_map(r: &Record) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("platform".into(), json!(r.platform));
    m.insert("id".into(), json!(r.id));
    m.insert("parent_id".into(), json!(r.parent_id));
    m.insert("thread_id".into(), json!(r.thread_id));
    m.insert("thread_title".into(), json!(r.thread_title));
    m.insert("thread_url".into(), json!(r.thread_url));
    m.insert("author".into(), json!(r.author));
    m.insert("author_name".into(), json!(r.author_name));
    m.insert("body".into(), json!(r.body));
    m.insert("created_at".into(), json!(format_ts(r.created_at)));
    m.insert("url".into(), json!(r.url));
    m.insert("kind".into(), json!(r.kind.as_str()));
    m.insert("own".into(), json!(r.own == Some(true)));
    if let Some(Value::Object(saved)) = r.saved.as_ref().map(|s| json!(s)) {
        m.extend(saved);
    }
    m
}

/// Writes the whole database to `out`.
pub fn export(store: &Store, out: &mut dyn Write, csv: bool) -> Result<()> {
    if csv {
        let mut w = csv::Writer::from_writer(&mut *out);
        w.write_record(COLUMNS.iter().chain(SAVED_COLUMNS))?;
        store.for_each_export(|r| {
            let m = to_map(r);
            let row = COLUMNS
                .iter()
                .chain(SAVED_COLUMNS)
                .map(|c| match m.get(*c) {
                    None | Some(Value::Null) => String::new(),
                    Some(Value::String(s)) => guarded(s).into_owned(),
                    Some(v) => guarded(&v.to_string()).into_owned(),
                });
            w.write_record(row)?;
            Ok(())
        })?;
        w.flush()?;
    } else {
        store.for_each_export(|r| {
            serde_json::to_writer(&mut *out, &Value::Object(to_map(r)))?;
            out.write_all(b"\n")?;
            Ok(())
        })?;
    }
    // Written out here: a write that fails is the export's.
    out.flush()?;
    Ok(())
}
