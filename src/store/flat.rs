//! Flat threads. A GitHub issue's comments name no parent: each one hangs in
//! its issue, and a reply is simply the next comment. So an own comment with
//! no parent answers the item it follows: the newest incoming item of its
//! thread written before it (the issue itself for the first comment), or,
//! when the comment @mentions people, the newest of theirs.

use rusqlite::{OptionalExtension, Transaction, params};

/// Platforms whose threads are flat.
pub const FLAT: &[&str] = &["github"];

/// An own reply given the parent it follows.
pub(crate) struct Inferred {
    pub rid: i64,
    pub platform: String,
    pub parent_id: String,
    pub created_at: i64,
}

/// Gives every own item of `platform` that names no parent, in `thread` (or
/// in every thread), the item it answers; returns those given one. An item
/// written at the same second as the comment counts as before it when it
/// was stored first.
pub(crate) fn infer_parents(
    tx: &Transaction,
    platform: &str,
    thread: Option<&str>,
) -> rusqlite::Result<Vec<Inferred>> {
    // Two statements: "thread = ?2 OR ?2 IS NULL" would keep SQLite from
    // looking the thread up in its index.
    let orphans = "SELECT rid, thread_id, body, created_at FROM items INDEXED BY items_thread
                   WHERE platform = ?1 AND thread_id IS NOT NULL AND own = 1 AND parent_id IS NULL";
    let mut orphans = match thread {
        Some(_) => tx.prepare_cached(&format!("{orphans} AND thread_id = ?2"))?,
        None => tx.prepare_cached(orphans)?,
    };
    let row = |r: &rusqlite::Row| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?));
    let orphans: Vec<(i64, String, String, i64)> = match thread {
        Some(t) => orphans.query_map(params![platform, t], row)?,
        None => orphans.query_map(params![platform], row)?,
    }
    .collect::<rusqlite::Result<_>>()?;
    let mut found = Vec::new();
    for (rid, thread, body, created_at) in orphans {
        // Logins are ASCII: a mention is "@login" not followed by a login's character.
        let parent: Option<String> = tx
            .prepare_cached(
                "SELECT id FROM items
                 WHERE platform = ?1 AND thread_id = ?2 AND own = 0
                   AND (created_at < ?3 OR (created_at = ?3 AND rid < ?4))
                 ORDER BY ?5 GLOB ('*@' || lower(author) || '[^a-z0-9-]*') DESC,
                          created_at DESC, rid DESC
                 LIMIT 1",
            )?
            .query_row(
                params![
                    platform,
                    thread,
                    created_at,
                    rid,
                    body.to_ascii_lowercase() + " "
                ],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(parent_id) = parent {
            tx.prepare_cached("UPDATE items SET parent_id = ?2 WHERE rid = ?1")?
                .execute(params![rid, parent_id])?;
            found.push(Inferred {
                rid,
                platform: platform.to_owned(),
                parent_id,
                created_at,
            });
        }
    }
    Ok(found)
}
