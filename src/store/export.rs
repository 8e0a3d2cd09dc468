//! Everything in the database as records, states and log included, so that
//! an export imported into an empty database gives the same state.

use super::people::PersonBefore;
use super::{Store, ts};
use crate::model::{
    Actor, Kind, LogEntry, Origin, PersonAction, Record, SavedState, State, ThreadAction,
};
use anyhow::Result;
use std::collections::HashMap;

impl Store {
    /// Calls `f` with every item (incoming and own), in insertion order.
    pub fn for_each_export(&self, mut f: impl FnMut(&Record) -> Result<()>) -> Result<()> {
        // One snapshot: the items and the actions that changed them agree.
        let _snapshot = self.reading()?;
        let mut items = self.conn.prepare(concat!(
            "SELECT i.rid, i.platform, i.id, i.parent_id, i.thread_id, t.title, t.url, i.author,
                    i.author_name, i.body, i.created_at, ",
            item_url!(),
            ", i.kind, i.own, i.origin, i.state,
                    i.reason, i.snoozed_until, i.state_at, i.first_reply_at, t.muted_at IS NOT NULL,
                    COALESCE(p.vip, 0) AND i.own = 0, CASE WHEN i.own = 0 THEN p.note END, i.decided,
                    (SELECT body FROM drafts d WHERE d.rid = i.rid)
             FROM items i LEFT JOIN threads t ON t.platform = i.platform AND t.thread_id = i.thread_id
                 LEFT JOIN people p ON p.platform = i.platform AND p.author = i.author
             ORDER BY i.rid"
        ))?;
        let mut log = self.conn.prepare(
            "SELECT l.at, a.actor, l.aid, l.old_state, l.new_state, l.new_reason, l.new_snooze,
                    a.undone_at IS NOT NULL, a.kind, l.old_reason, l.old_snooze, l.old_decided,
                    l.old_state_at
             FROM log l JOIN actions a ON a.aid = l.aid WHERE l.rid = ?1 ORDER BY l.seq",
        )?;
        let mut reply_action = self
            .conn
            .prepare("SELECT MAX(aid) FROM actions WHERE reply_rid = ?1")?;
        // Actions numbered from 1 as they come, whatever their ids here (an
        // export imported with ids near the largest would give ids past
        // what an import takes).
        let aids: Vec<i64> = (self.conn.prepare("SELECT aid FROM actions ORDER BY aid")?)
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let number = |aid: i64| aids.binary_search(&aid).map_or(aid, |i| i as i64 + 1);
        // Each person's VIP and note changes, given with their first item.
        let mut person_actions: HashMap<(String, String), Vec<PersonAction>> = HashMap::new();
        let mut actions = self.conn.prepare(
            "SELECT aid, at, kind, person, undone_at IS NOT NULL FROM actions
             WHERE person IS NOT NULL ORDER BY aid",
        )?;
        let mut rows = actions.query([])?;
        while let Some(a) = rows.next()? {
            let before: PersonBefore = serde_json::from_str(a.get_ref(3)?.as_str()?)?;
            person_actions
                .entry((before.platform, before.author))
                .or_default()
                .push(PersonAction {
                    action: number(a.get(0)?),
                    at: ts(a.get(1)?),
                    kind: a.get(2)?,
                    vip_before: before.vip,
                    note_before: before.note,
                    undone: a.get(4)?,
                });
        }
        // Each thread's mutes, given with its first item.
        let mut thread_actions: HashMap<String, Vec<ThreadAction>> = HashMap::new();
        let mut mutes = self.conn.prepare(
            "SELECT thread, aid, at, undone_at IS NOT NULL, kind FROM actions
             WHERE thread IS NOT NULL ORDER BY aid",
        )?;
        let mut rows = mutes.query([])?;
        while let Some(a) = rows.next()? {
            thread_actions
                .entry(a.get(0)?)
                .or_default()
                .push(ThreadAction {
                    action: number(a.get(1)?),
                    kind: a.get(4)?,
                    at: ts(a.get(2)?),
                    undone: a.get(3)?,
                });
        }
        let mut rows = items.query([])?;
        while let Some(r) = rows.next()? {
            let rid: i64 = r.get(0)?;
            let own: bool = r.get(13)?;
            let thread_actions = match r.get::<_, Option<String>>(4)? {
                Some(thread) => thread_actions
                    .remove(&super::actions::thread_key(
                        &r.get::<_, String>(1)?,
                        &thread,
                    ))
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            let author_actions = if own {
                Vec::new()
            } else {
                (person_actions.remove(&(r.get(1)?, r.get(7)?))).unwrap_or_default()
            };
            let entries = log
                .query_map([rid], |l| {
                    Ok(LogEntry {
                        at: ts(l.get(0)?),
                        actor: l.get::<_, String>(1)?.parse().unwrap_or(Actor::User),
                        action: number(l.get(2)?),
                        from: l.get::<_, Option<i64>>(3)?.and_then(State::from_code),
                        to: State::from_code(l.get(4)?).unwrap_or(State::NeedsReply),
                        reason: l.get::<_, Option<String>>(5)?.and_then(|s| s.parse().ok()),
                        snoozed_until: l.get::<_, Option<i64>>(6)?.map(ts),
                        undone: l.get(7)?,
                        kind: l.get(8)?,
                        from_reason: l.get::<_, Option<String>>(9)?.and_then(|s| s.parse().ok()),
                        from_snoozed_until: l.get::<_, Option<i64>>(10)?.map(ts),
                        from_decided: l.get(11)?,
                        from_state_at: l.get::<_, Option<i64>>(12)?.map(ts),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let saved = SavedState {
                state: r.get::<_, Option<i64>>(15)?.and_then(State::from_code),
                dismiss_reason: r.get::<_, Option<String>>(16)?.and_then(|s| s.parse().ok()),
                snoozed_until: r.get::<_, Option<i64>>(17)?.map(ts),
                state_changed_at: r.get::<_, Option<i64>>(18)?.map(ts),
                first_reply_at: r.get::<_, Option<i64>>(19)?.map(ts),
                decided: if own { None } else { Some(r.get(23)?) },
                origin: own.then(|| {
                    if r.get::<_, Option<i64>>(14).ok().flatten() == Some(1) {
                        Origin::Ackbox
                    } else {
                        Origin::Imported
                    }
                }),
                thread_muted: r.get(20)?,
                author_vip: r.get(21)?,
                author_note: r.get(22)?,
                author_actions,
                thread_actions,
                log: entries,
                reply_action: if own {
                    (reply_action.query_row([rid], |a| a.get::<_, Option<i64>>(0))?).map(number)
                } else {
                    None
                },
                draft: r.get(24)?,
            };
            let record = Record {
                platform: r.get(1)?,
                id: r.get(2)?,
                parent_id: r.get(3)?,
                thread_id: r.get(4)?,
                thread_title: r.get(5)?,
                thread_url: r.get(6)?,
                author: r.get(7)?,
                author_stand_in: false,
                author_ids: Vec::new(),
                author_name: r.get(8)?,
                body: r.get(9)?,
                created_at: ts(r.get(10)?),
                url: r.get(11)?,
                kind: if r.get::<_, i64>(12)? == 1 {
                    Kind::Mention
                } else {
                    Kind::Comment
                },
                kind_stated: true,
                own: Some(own),
                bot: false,
                saved: Some(saved),
            };
            f(&record)?;
        }
        Ok(())
    }
}
