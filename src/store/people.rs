//! People: who writes, how often we answer them, and what the user keeps
//! about them (a VIP tag and a note).

use super::analysis::{self, Pending};
use super::{Store, actions, ts};
use crate::model::Actor;
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// A person's name: the latest they gave (`?1` platform, `?2` author).
pub(super) const LATEST_NAME: &str = "SELECT author_name FROM items INDEXED BY items_author
     WHERE platform = ?1 AND author = ?2 AND own = 0 AND author_name IS NOT NULL
     ORDER BY created_at DESC LIMIT 1";

/// A person's VIP tag and note before a change, kept with the action so
/// that undo gives them back.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct PersonBefore {
    pub platform: String,
    pub author: String,
    pub vip: bool,
    pub note: Option<String>,
}

impl PersonBefore {
    /// The person, as `author (platform)`.
    pub(crate) fn who(&self) -> String {
        format!("{} ({})", self.author, self.platform)
    }

    /// Puts the tag and the note back and ranks the person's items again.
    pub(crate) fn restore(
        self,
        tx: &Transaction,
        cfg: &crate::analysis::AnalysisConfig,
    ) -> Result<()> {
        // The row may be missing: a database restored from an export keeps
        // no row for a person with neither tag nor note.
        tx.execute(
            "INSERT INTO people (platform, author, vip, note) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (platform, author) DO UPDATE SET vip = excluded.vip, note = excluded.note",
            params![self.platform, self.author, self.vip, self.note],
        )?;
        let mut pending = Pending::default();
        pending.people.insert((self.platform, self.author));
        analysis::refresh(tx, cfg, pending)
    }
}

/// One person's record with us.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    pub platform: String,
    pub author: String,
    pub author_name: Option<String>,
    pub items: u64,
    pub answered: u64,
    pub dismissed: u64,
    pub needs_reply: u64,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    /// Distinct weeks with a comment.
    pub weeks: u64,
    /// Items dismissed as bait or spam.
    pub noise: u64,
    /// Median of (first reply − created) over their answered items.
    pub median_reply_secs: Option<i64>,
    pub vip: bool,
    pub note: Option<String>,
}

impl PersonRow {
    /// Whether they are loyal, and left waiting (see `analysis::is_loyal`).
    pub fn loyalty(&self, w: &crate::analysis::Weights) -> (bool, bool) {
        let count = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let loyal = crate::analysis::is_loyal(
            &self.platform,
            &self.author,
            count(self.weeks),
            count(self.noise),
            w,
        );
        (
            loyal,
            crate::analysis::is_left_waiting(loyal, self.needs_reply),
        )
    }
}

/// An author's items created in `[from, to)` and dismissed as bait or
/// spam: from their roll-up for all time or when they have none at all
/// (most people), else counted over their items of the window.
pub(crate) fn noise(
    conn: &rusqlite::Connection,
    (platform, author): (&str, &str),
    (from, to): (i64, i64),
) -> Result<u32> {
    let all: u32 = conn
        .prepare_cached("SELECT n FROM author_noise WHERE platform = ?1 AND author = ?2")?
        .query_row(params![platform, author], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    if all == 0 || (from, to) == (i64::MIN, i64::MAX) {
        return Ok(all);
    }
    Ok(conn
        .prepare_cached(&format!(
            "SELECT COUNT(*) FROM items INDEXED BY items_author
             WHERE platform = ?1 AND author = ?2 AND created_at >= ?3 AND created_at < ?4
                 AND {}",
            super::schema::NOISE
        ))?
        .query_row(params![platform, author, from, to], |r| r.get(0))?)
}

/// How many distinct weeks (see `super::week`) an author wrote
/// in during `[from, to)`, counted up to `cap`: one step down their history
/// per week, not a walk through all of it.
pub(crate) fn active_weeks(
    conn: &rusqlite::Connection,
    (platform, author): (&str, &str),
    (from, to): (i64, i64),
    cap: u32,
) -> Result<u32> {
    let mut next = conn.prepare_cached(
        "SELECT created_at FROM items INDEXED BY items_author
         WHERE platform = ?1 AND author = ?2 AND created_at >= ?3 AND created_at < ?4 AND own = 0
         ORDER BY created_at LIMIT 1",
    )?;
    let (mut weeks, mut at) = (0, from);
    while weeks < cap {
        let Some(t) = next
            .query_row(params![platform, author, at, to], |r| r.get::<_, i64>(0))
            .optional()?
        else {
            break;
        };
        weeks += 1;
        at = super::week::next(t);
    }
    Ok(weeks)
}

/// Who wrote on a platform: whether any of it is the owner's, and everyone
/// else with how many items (what tells an unknown or mistyped own account).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Authorship {
    pub own_items: bool,
    pub authors: Vec<(String, u64)>,
}

impl Authorship {
    /// Several files' as one, each a dry run over the same database, whose
    /// `stored` authors each of them counts again: what the stored items
    /// and every file together make.
    pub fn over_files(stored: &[(String, u64)], files: &[Authorship]) -> Authorship {
        // By name: a platform may have a hundred thousand authors.
        let before: HashMap<&str, u64> = stored.iter().map(|(a, n)| (a.as_str(), *n)).collect();
        let mut totals = before.clone();
        let mut order: Vec<&str> = stored.iter().map(|(a, _)| a.as_str()).collect();
        for (author, n) in files.iter().flat_map(|f| &f.authors) {
            let added = n.saturating_sub(before.get(author.as_str()).copied().unwrap_or(0));
            match totals.get_mut(author.as_str()) {
                Some(total) => *total += added,
                None => {
                    totals.insert(author, added);
                    order.push(author);
                }
            }
        }
        Authorship {
            own_items: files.iter().any(|f| f.own_items),
            authors: (order.into_iter())
                .map(|a| (a.to_owned(), totals[a]))
                .collect(),
        }
    }
}

/// [`Authorship`] on `platform`, as `conn` sees it (an import's open
/// transaction too).
pub fn authorship(conn: &Connection, platform: &str) -> Result<Authorship> {
    Ok(Authorship {
        own_items: super::query::has_own_items(conn, platform)?,
        authors: authors_on(conn, platform)?,
    })
}

fn authors_on(conn: &Connection, platform: &str) -> Result<Vec<(String, u64)>> {
    Ok(conn
        .prepare("SELECT author, items FROM authors WHERE platform = ?1 AND items > 0")?
        .query_map([platform], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The most active people (optionally on one platform), most items first.
    pub fn people(&self, platform: Option<&str>, limit: usize) -> Result<Vec<PersonRow>> {
        match platform {
            Some(p) => self.person_rows("a.platform = ?1", limit, params![p]),
            None => self.person_rows("?1 IS NULL", limit, params![None::<String>]),
        }
    }

    /// One person, or `None` if they never wrote.
    pub fn person_row(&self, platform: &str, author: &str) -> Result<Option<PersonRow>> {
        Ok(self
            .person_rows(
                "a.platform = ?1 AND a.author = ?2",
                1,
                params![platform, author],
            )?
            .pop())
    }

    /// The people on `platform` a mistyped `author` may have meant: the
    /// handle with other case or accents, or someone going by that name
    /// (Facebook's authors are ids), with their name, at most five. Asked
    /// on an error's path only: it reads the platform's people (one row
    /// each), and its every item only when no handle is near (for names).
    pub fn people_called(
        &self,
        platform: &str,
        author: &str,
    ) -> Result<Vec<(String, Option<String>)>> {
        use crate::text::fold;
        // Written with or without the handle's `@` or `u/`.
        let bare = |s: &str| fold(crate::analysis::strip_handle_prefix(s.trim()));
        let (wanted, wanted_name) = (bare(author), fold(author.trim()));
        let mut handles = std::collections::BTreeSet::new();
        let mut people = self
            .conn
            .prepare("SELECT author FROM authors WHERE platform = ?1 AND items > 0")?;
        let mut rows = people.query([platform])?;
        while let Some(r) = rows.next()? {
            let who: String = r.get(0)?;
            if bare(&who) == wanted {
                handles.insert(who);
            }
        }
        if !handles.is_empty() {
            let mut name = self.conn.prepare_cached(LATEST_NAME)?;
            return handles
                .into_iter()
                .take(5)
                .map(|who| {
                    let n = name
                        .query_row(params![platform, who], |r| r.get(0))
                        .optional()?;
                    Ok((who, n))
                })
                .collect();
        }
        // No handle near it: a name, from the items that give one.
        let mut found = std::collections::BTreeMap::new();
        let mut stmt = self
            .conn
            .prepare("SELECT author, author_name FROM items WHERE platform = ?1 AND own = 0")?;
        let mut rows = stmt.query([platform])?;
        while let Some(r) = rows.next()? {
            let (who, name): (String, Option<String>) = (r.get(0)?, r.get(1)?);
            if bare(&who) == wanted
                || name
                    .as_deref()
                    .is_some_and(|n| fold(n.trim()) == wanted_name)
            {
                found.entry(who).or_insert(name);
            }
        }
        Ok(found.into_iter().take(5).collect())
    }

    /// Everyone who wrote on `platform`, with how many items.
    pub fn authors_on(&self, platform: &str) -> Result<Vec<(String, u64)>> {
        authors_on(&self.conn, platform)
    }

    /// Whether `author` wrote own replies on `platform` (the owner's
    /// account, which has no record as a person). Asked on an error's path
    /// only: no index serves it whole, one of own items reads only those.
    pub fn is_own_author(&self, platform: &str, author: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM items INDEXED BY items_own_created
                            WHERE platform = ?1 AND author = ?2 AND own = 1)",
            params![platform, author],
            |r| r.get(0),
        )?)
    }

    /// People from the per-author roll-up, with what it does not keep (their
    /// name, first item, active weeks, median reply) looked up for each.
    /// (The limit is written into the statement: a bound `LIMIT` makes
    /// SQLite plan it again at every run.)
    fn person_rows(
        &self,
        filter: &str,
        limit: usize,
        args: impl rusqlite::Params,
    ) -> Result<Vec<PersonRow>> {
        let _snapshot = self.reading()?;
        // SQLite's integers end at i64::MAX (a larger limit reads as a float).
        let limit = limit.min(usize::MAX >> 1);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT a.platform, a.author, a.items, a.answered, a.dismissed, a.needs_reply,
                    a.last_seen, COALESCE(p.vip, 0), p.note, COALESCE(z.n, 0)
             FROM authors a LEFT JOIN people p ON p.platform = a.platform AND p.author = a.author
             LEFT JOIN author_noise z ON z.platform = a.platform AND z.author = a.author
             WHERE a.items > 0 AND {filter}
             ORDER BY a.items DESC, a.last_seen DESC LIMIT {limit}"
        ))?;
        let rows: Vec<PersonRow> = stmt
            .query_map(args, |r| {
                Ok(PersonRow {
                    platform: r.get(0)?,
                    author: r.get(1)?,
                    author_name: None,
                    items: r.get(2)?,
                    answered: r.get(3)?,
                    dismissed: r.get(4)?,
                    needs_reply: r.get(5)?,
                    first_seen: ts(0),
                    last_seen: ts(r.get::<_, Option<i64>>(6)?.unwrap_or_default()),
                    weeks: 0,
                    noise: r.get(9)?,
                    median_reply_secs: None,
                    vip: r.get(7)?,
                    note: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut ends = self.conn.prepare_cached(&format!(
            "SELECT (SELECT MIN(created_at) FROM items INDEXED BY items_author
                     WHERE platform = ?1 AND author = ?2 AND own = 0),
                    ({LATEST_NAME})"
        ))?;
        rows.into_iter()
            .map(|mut p| {
                let (first, name): (Option<i64>, Option<String>) = ends
                    .query_row(params![p.platform, p.author], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?;
                p.first_seen = ts(first.unwrap_or_default());
                p.author_name = name;
                let who = (p.platform.as_str(), p.author.as_str());
                p.weeks = active_weeks(&self.conn, who, (i64::MIN, i64::MAX), u32::MAX)?.into();
                p.median_reply_secs = self.median_reply(&p.platform, &p.author)?;
                Ok(p)
            })
            .collect()
    }

    fn median_reply(&self, platform: &str, author: &str) -> Result<Option<i64>> {
        let mut secs: Vec<i64> = self
            .conn
            .prepare_cached(
                // A reply dated before its item (clocks disagree) took 0 s.
                concat!(
                    "SELECT MAX(",
                    first_answered_at!(),
                    " - created_at, 0) FROM items INDEXED BY items_author
                     WHERE platform = ?1 AND author = ?2 AND own = 0 AND state = 1"
                ),
            )?
            .query_map(params![platform, author], |r| r.get::<_, Option<i64>>(0))?
            .filter_map(|r| r.transpose())
            .collect::<rusqlite::Result<_>>()?;
        secs.sort_unstable();
        Ok(crate::stats::quantile(&secs, 0.5))
    }

    /// What the user keeps about a person: VIP, and their note.
    pub fn person_tags(&self, platform: &str, author: &str) -> Result<(bool, Option<String>)> {
        Ok(self
            .conn
            .prepare_cached("SELECT vip, note FROM people WHERE platform = ?1 AND author = ?2")?
            .query_row(params![platform, author], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or_default())
    }

    /// Tags or untags a person as VIP (their waiting items move up) and/or
    /// sets their note (`Some("")` clears it), as one undoable action
    /// (none is kept when nothing changes). `note_seen`: the note as the
    /// editor showed it (on one line, "" for none) when it opened; one
    /// written since (another window, a command) is not overwritten unseen,
    /// and nothing is.
    pub fn set_person(
        &mut self,
        platform: &str,
        author: &str,
        vip: Option<bool>,
        note: Option<&str>,
        note_seen: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<PersonSet> {
        let tx = super::deciding(&mut self.conn, &self.presence)?;
        tx.execute(
            "INSERT INTO people (platform, author) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![platform, author],
        )?;
        let (was_vip, old_note): (bool, Option<String>) = tx.query_row(
            "SELECT vip, note FROM people WHERE platform = ?1 AND author = ?2",
            params![platform, author],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let now_shown = crate::text::one_line(old_note.as_deref().unwrap_or_default());
        if note_seen.is_some_and(|seen| seen != now_shown) {
            return Ok(PersonSet::NoteChangedSince(old_note.unwrap_or_default()));
        }
        let note = note.map(|n| {
            let n = crate::text::sanitize(n);
            (!n.trim().is_empty()).then_some(n)
        });
        let tagged = vip.filter(|v| *v != was_vip);
        let noted = note.as_ref().filter(|n| **n != old_note);
        let kind = match (tagged, noted) {
            (None, None) => return Ok(PersonSet::Unchanged),
            (Some(true), None) => "VIP tag",
            (Some(false), None) => "VIP untag",
            (None, Some(_)) => "note",
            (Some(_), Some(_)) => "VIP tag and note",
        };
        // What undo gives back.
        let before = PersonBefore {
            platform: platform.to_owned(),
            author: author.to_owned(),
            vip: was_vip,
            note: old_note,
        };
        let aid = actions::new_action(&tx, now, Actor::User, kind, None, None)?;
        tx.execute(
            "UPDATE actions SET person = ?2 WHERE aid = ?1",
            params![aid, serde_json::to_string(&before)?],
        )?;
        if let Some(vip) = vip {
            tx.execute(
                "UPDATE people SET vip = ?3 WHERE platform = ?1 AND author = ?2",
                params![platform, author, vip],
            )?;
        }
        if let Some(note) = note {
            tx.execute(
                "UPDATE people SET note = ?3 WHERE platform = ?1 AND author = ?2",
                params![platform, author, note],
            )?;
        }
        let mut pending = Pending::default();
        pending
            .people
            .insert((platform.to_owned(), author.to_owned()));
        analysis::refresh(&tx, &self.analysis, pending)?;
        tx.commit()?;
        Ok(PersonSet::Changed)
    }
}

/// What [`Store::set_person`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum PersonSet {
    Changed,
    /// Already so.
    Unchanged,
    /// Nothing: the note was written elsewhere since the editor opened (it
    /// is this now).
    NoteChangedSince(String),
}

#[cfg(test)]
mod tests {
    use super::Authorship;

    /// Two dry runs' (each the database plus one file) as one: own items
    /// in either, each author's stored items once and every file's new.
    #[test]
    fn authorships_of_several_files_add_up() {
        let stored = [("ann".to_owned(), 2)];
        let files = [
            Authorship {
                own_items: false,
                authors: vec![("ann".into(), 3), ("bob".into(), 1)],
            },
            Authorship {
                own_items: true,
                authors: vec![("ann".into(), 2), ("bob".into(), 2), ("cy".into(), 1)],
            },
        ];
        let all = Authorship::over_files(&stored, &files);
        assert!(all.own_items);
        assert_eq!(
            all.authors,
            [("ann".into(), 3), ("bob".into(), 3), ("cy".into(), 1)]
        );
    }
}
