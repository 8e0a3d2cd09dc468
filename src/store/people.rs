//! People: who writes, how often we answer them, and what the user keeps
//! about them (a VIP tag and a note).

use super::analysis::{self, Pending};
use super::{Store, ts};
use anyhow::Result;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

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
    /// Median of (first reply − created) over their answered items.
    pub median_reply_secs: Option<i64>,
    pub vip: bool,
    pub note: Option<String>,
}

impl Store {
    /// The most active people (optionally on one platform), most items first.
    pub fn people(&self, platform: Option<&str>, limit: usize) -> Result<Vec<PersonRow>> {
        match platform {
            Some(p) => self.person_rows("i.platform = ?1", params![p, limit as i64]),
            None => self.person_rows("?1 IS NULL", params![None::<String>, limit as i64]),
        }
    }

    /// One person, or `None` if they never wrote.
    pub fn person_row(&self, platform: &str, author: &str) -> Result<Option<PersonRow>> {
        Ok(self
            .person_rows(
                "i.platform = ?1 AND i.author = ?3",
                params![platform, 1, author],
            )?
            .pop())
    }

    fn person_rows(&self, filter: &str, args: impl rusqlite::Params) -> Result<Vec<PersonRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT i.platform, i.author, MAX(i.author_name), COUNT(*), SUM(i.state = 1), SUM(i.state = 2),
                    SUM(i.state = 0), MIN(i.created_at), MAX(i.created_at), COUNT(DISTINCT i.created_at / 604800),
                    COALESCE(p.vip, 0), p.note
             FROM items i INDEXED BY items_author
             LEFT JOIN people p ON p.platform = i.platform AND p.author = i.author
             WHERE i.own = 0 AND {filter}
             GROUP BY i.platform, i.author ORDER BY 4 DESC, 9 DESC LIMIT ?2"
        ))?;
        let rows: Vec<PersonRow> = stmt
            .query_map(args, |r| {
                Ok(PersonRow {
                    platform: r.get(0)?,
                    author: r.get(1)?,
                    author_name: r.get(2)?,
                    items: r.get(3)?,
                    answered: r.get(4)?,
                    dismissed: r.get(5)?,
                    needs_reply: r.get(6)?,
                    first_seen: ts(r.get(7)?),
                    last_seen: ts(r.get(8)?),
                    weeks: r.get(9)?,
                    median_reply_secs: None,
                    vip: r.get(10)?,
                    note: r.get(11)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|mut p| {
                p.median_reply_secs = self.median_reply(&p.platform, &p.author)?;
                Ok(p)
            })
            .collect()
    }

    fn median_reply(&self, platform: &str, author: &str) -> Result<Option<i64>> {
        let mut secs: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT COALESCE(first_reply_at, state_at) - created_at FROM items INDEXED BY items_author
                 WHERE platform = ?1 AND author = ?2 AND own = 0 AND state = 1",
            )?
            .query_map(params![platform, author], |r| r.get::<_, Option<i64>>(0))?
            .filter_map(|r| r.transpose())
            .collect::<rusqlite::Result<_>>()?;
        secs.sort_unstable();
        Ok(crate::stats::quantile(&secs, 0.5).map(|s| s.max(0)))
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
    /// sets their note (`Some("")` clears it).
    pub fn set_person(
        &mut self,
        platform: &str,
        author: &str,
        vip: Option<bool>,
        note: Option<&str>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO people (platform, author) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![platform, author],
        )?;
        if let Some(vip) = vip {
            tx.execute(
                "UPDATE people SET vip = ?3 WHERE platform = ?1 AND author = ?2",
                params![platform, author, vip],
            )?;
        }
        if let Some(note) = note {
            let note = crate::text::sanitize(note);
            let note = (!note.trim().is_empty()).then_some(note);
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
        Ok(())
    }
}
