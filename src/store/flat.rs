//! Flat threads. A GitHub issue's comments name no parent: each one hangs in
//! its issue, and a reply is simply the next comment. So an own comment with
//! no parent answers the item it follows: the newest incoming item of its
//! thread written before it (the issue itself for the first comment), or,
//! when the comment @mentions people, the newest of theirs.
//!
//! YouTube and Instagram list every reply under its top-level comment, and
//! a reply to a reply says whom it answers by starting with their @handle
//! (Instagram's usernames are stored without the `@`). So an own
//! reply that @mentions people answers the oldest of their earlier items
//! under that comment (the comment itself included) that no earlier own
//! reply answered, or, when all were, the newest of them: a question and
//! its follow-up are answered in turn, whatever order the file lists them.
//! Mentions are resolved in the order the replies were written.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// Platforms whose threads are flat.
pub const FLAT: &[&str] = &["github"];

/// Platforms whose replies are listed flat under the comment they belong to.
pub const FLAT_REPLIES: &[&str] = &["youtube", "instagram"];

/// Whether an own reply on `platform` with this body may mean a reply to its
/// parent rather than the parent (see [`resolve_mention`]).
pub(crate) fn may_mention(platform: &str, body: &str) -> bool {
    FLAT_REPLIES.contains(&platform) && body.contains(['@', '＠'])
}

/// Makes `ackbox_lower(text)`, lower case in every script (SQLite's
/// `lower()` folds ASCII letters only: "@Ébène"), known to SQL on this
/// connection.
pub(crate) fn register(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "ackbox_lower",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get_raw(0).as_str_or_null()?.map(str::to_lowercase)),
    )
}

/// The comment the stored item (platform, id) is under: its parent where
/// it is someone's reply, else itself (a comment, or not stored).
pub(crate) fn comment_of(conn: &Connection, platform: &str, id: &str) -> rusqlite::Result<String> {
    Ok(conn
        .prepare_cached(
            "SELECT parent_id FROM items
             WHERE platform = ?1 AND id = ?2 AND own = 0 AND parent_id IS NOT NULL",
        )?
        .query_row(params![platform, id], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| id.to_owned()))
}

/// The own reply `rid` of a flat-replies platform, its parent made the item
/// under that parent (or the parent) by someone it @mentions that it
/// answers (see the module's text), if any; returns it with its parent
/// (`None`: it names none).
pub(crate) fn resolve_mention(tx: &Transaction, rid: i64) -> rusqlite::Result<Option<Inferred>> {
    let reply: Option<(String, Option<String>, String, i64)> = tx
        .prepare_cached("SELECT platform, parent_id, body, created_at FROM items WHERE rid = ?1")?
        .query_row([rid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((platform, Some(parent), body, created_at)) = reply else {
        return Ok(None);
    };
    let mut handles = crate::analysis::handles_mentioned(&body);
    // A handle as authors are stored where they have no `@` (Instagram).
    let bare: Vec<String> = (handles.iter())
        .filter_map(|h| h.strip_prefix('@'))
        .map(str::to_owned)
        .collect();
    handles.extend(bare);
    // Under the comment its parent is: a parent that is a reply (what a
    // mention made of it, or a file's) is read as YouTube lists it, under
    // its comment, so that the same replies resolve alike in any order.
    let comment = comment_of(tx, &platform, &parent)?;
    let mentioned = if handles.is_empty() {
        None
    } else {
        mentioned_item(tx, (&platform, &comment), (created_at, rid), handles)?
    };
    let parent_id = match mentioned {
        Some(id) => {
            set_parent(tx, rid, &id)?;
            id
        }
        None => parent,
    };
    Ok(Some(Inferred {
        rid,
        platform,
        parent_id,
        created_at,
    }))
}

/// The item under `parent` (or `parent` itself) by someone in `handles`
/// that a reply written at `at` answers: of their items written before it
/// (earlier, or at the same second and stored first), the oldest no earlier
/// own reply answered, else the newest.
fn mentioned_item(
    tx: &Transaction,
    (platform, parent): (&str, &str),
    at: (i64, i64),
    handles: Vec<String>,
) -> rusqlite::Result<Option<String>> {
    tx.prepare_cached(
        "WITH theirs(rid, id, created_at) AS (
             SELECT rid, id, created_at FROM items INDEXED BY items_parent
             WHERE platform = ?1 AND parent_id = ?2 AND own = 0
               AND ackbox_lower(author) IN rarray(?5)
             UNION ALL
             SELECT rid, id, created_at FROM items
             WHERE platform = ?1 AND id = ?2 AND own = 0 AND ackbox_lower(author) IN rarray(?5)),
         before(rid, id, created_at, answered) AS (
             SELECT t.rid, t.id, t.created_at, EXISTS (
                 SELECT 1 FROM items a INDEXED BY items_parent
                 WHERE a.platform = ?1 AND a.parent_id = t.id AND a.own = 1
                   AND (a.created_at < ?3 OR (a.created_at = ?3 AND a.rid < ?4)))
             FROM theirs t WHERE t.created_at < ?3 OR (t.created_at = ?3 AND t.rid < ?4))
         SELECT id FROM before
         ORDER BY answered,
                  iif(answered, -created_at, created_at), iif(answered, -rid, rid)
         LIMIT 1",
    )?
    .query_row(
        params![platform, parent, at.0, at.1, super::text_array(handles)],
        |r| r.get(0),
    )
    .optional()
}

/// [`resolve_mention`] for every own reply of `platform` that may mention
/// someone (a load into an empty database, before its replies are linked),
/// but those written in ackbox (an export's): they name the item answered.
pub(crate) fn resolve_mentions(tx: &Transaction, platform: &str) -> rusqlite::Result<()> {
    let rids: Vec<i64> = tx
        .prepare_cached(
            "SELECT rid FROM items WHERE platform = ?1 AND own = 1 AND parent_id IS NOT NULL
               AND origin IS NOT 1
               AND (instr(body, '@') > 0 OR instr(body, '＠') > 0) ORDER BY created_at, rid",
        )?
        .query_map([platform], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for rid in rids {
        resolve_mention(tx, rid)?;
    }
    Ok(())
}

/// The own replies `rids`, each of whose mentions is to be resolved, in the
/// order they were written (see the module's text).
pub(crate) fn in_time_order(tx: &Transaction, rids: Vec<i64>) -> rusqlite::Result<Vec<i64>> {
    tx.prepare_cached("SELECT rid FROM items WHERE rid IN rarray(?1) ORDER BY created_at, rid")?
        .query_map([super::rid_array(rids)], |r| r.get(0))?
        .collect()
}

/// The GitHub logins a text @mentions, lower-cased, with their `@`: a
/// login is ASCII letters, digits and inner hyphens (and, of an Enterprise
/// Managed User, an inner `_` before its enterprise's shortcode:
/// `mona-cat_octo`), so it ends at any other character (`_@bob_`,
/// `@bob/@alice`), and an `@` after a letter or digit is an e-mail
/// address's.
fn logins_mentioned(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    text.match_indices('@')
        .filter(|(i, _)| *i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
        .filter_map(|(i, _)| {
            let run = &text[i + 1..];
            let end = run
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(run.len());
            let login = run[..end].trim_end_matches(['-', '_']);
            (!login.is_empty()).then(|| format!("@{}", login.to_ascii_lowercase()))
        })
        .collect()
}

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
        let before = (platform, thread.as_str(), created_at, rid);
        // Those it @mentions in its own words: not in code, nor in what it
        // quotes (a comment quoted whole may mention someone else).
        let own_words = crate::analysis::verdict::unquoted(&body).into_owned();
        let mentioned = logins_mentioned(&crate::analysis::scan::outside_code(&own_words));
        // (A `>` line in code is code, not a quote.)
        // The comment whose own words it quotes, else the one it quotes
        // whole (its own quote of another with a "+1").
        let quoted = match crate::analysis::verdict::first_quote(
            &crate::analysis::scan::outside_code(&body),
        ) {
            Some((own, whole)) => match quoted_item(tx, before, &own, true)? {
                Some(found) => Some(found),
                None => quoted_item(tx, before, &whole, false)?,
            },
            None => None,
        };
        let parent: Option<String> = tx
            .prepare_cached(
                "SELECT id FROM items
                 WHERE platform = ?1 AND thread_id = ?2 AND own = 0
                   AND (created_at < ?3 OR (created_at = ?3 AND rid < ?4))
                 ORDER BY '@' || lower(author) IN rarray(?5) DESC, id IS ?6 DESC,
                          created_at DESC, rid DESC
                 LIMIT 1",
            )?
            .query_row(
                params![
                    platform,
                    thread,
                    created_at,
                    rid,
                    super::text_array(mentioned),
                    quoted
                ],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(parent_id) = parent {
            set_parent(tx, rid, &parent_id)?;
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

/// The incoming item of the thread written before the reply (`before`:
/// platform, thread, its time and row) whose words `quote` gives back, as
/// GitHub's "Quote reply" gives back a comment, or a part of it: the first
/// to write them, in its own words (`own_words`: not in a quote of its
/// own, so that a "+1" that quotes the report is not the report) or in its
/// whole text; compared by their letters and digits alone (the quote's
/// Markdown may differ), and only a quote of a dozen or more of them
/// ("> +1" is anyone's).
fn quoted_item(
    tx: &Transaction,
    (platform, thread, at, rid): (&str, &str, i64, i64),
    quote: &str,
    own_words: bool,
) -> rusqlite::Result<Option<String>> {
    let letters = |s: &str| -> String {
        (s.chars())
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let quote = letters(quote);
    if quote.chars().count() < 12 {
        return Ok(None);
    }
    let mut stmt = tx.prepare_cached(
        "SELECT id, body FROM items INDEXED BY items_thread
         WHERE platform = ?1 AND thread_id = ?2 AND own = 0
           AND (created_at < ?3 OR (created_at = ?3 AND rid < ?4))
         ORDER BY created_at, rid",
    )?;
    let mut rows = stmt.query(params![platform, thread, at, rid])?;
    while let Some(row) = rows.next()? {
        let body = row.get_ref(1)?.as_str()?;
        let said = match own_words {
            true => crate::analysis::verdict::unquoted(body),
            false => body.into(),
        };
        if letters(&said).contains(&quote) {
            return row.get(0).map(Some);
        }
    }
    Ok(None)
}

pub(crate) fn set_parent(tx: &Transaction, rid: i64, parent_id: &str) -> rusqlite::Result<()> {
    tx.prepare_cached("UPDATE items SET parent_id = ?2 WHERE rid = ?1")?
        .execute(params![rid, parent_id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_end_where_a_login_cannot_go_on() {
        let cases: &[(&str, &[&str])] = &[
            ("_@bob_ fixed", &["@bob"]),
            ("@Bob_ fixed", &["@bob"]),
            ("fixed by @bob/@alice.", &["@bob", "@alice"]),
            ("thanks @Bob-Smith!", &["@bob-smith"]),
            ("mail ops@bob.com, @carol-", &["@carol"]),
            ("@ alone", &[]),
            // An Enterprise Managed User's login.
            ("@mona-cat_octo fixed in #6", &["@mona-cat_octo"]),
            ("__@mona_octo__ thanks", &["@mona_octo"]),
        ];
        for (text, want) in cases {
            assert_eq!(logins_mentioned(text), *want, "{text}");
        }
    }
}
