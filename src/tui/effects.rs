//! Effects: what `update` asks for, run against the store and the OS. Each
//! reports back with actions, which go through `update` again.
//!
//! The OS side (clipboard, browser, `$EDITOR`) sits behind [`Os`] so that
//! tests drive the whole app without touching the machine.

use super::action::{Action, Detail, PersonFigures};
use super::reports::Reports;
use super::searches::Searches;
use super::state::{CHUNK, Target};
use crate::config::{Config, OwnIdentities, Window};
use crate::store::actions::Change;
use crate::store::people::PersonSet;
use crate::store::query::{Cursor, Item};
use crate::store::view::{Query, Sort, Watermark};
use crate::store::{Moved, Store};
use crate::text::{counted, noun};
use crate::tui::state::Seen;
use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, Utc};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long opening a link waits for the opener's verdict (`xdg-open`
/// with no browser to hand it to fails within it).
const OPENER_VERDICT: Duration = Duration::from_millis(300);

/// Which rows a page load brings.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// The start of the list.
    First,
    /// The end of the list (`G`).
    Last,
    /// The next page after this row.
    After(Cursor),
    /// The page before this row.
    Before(Cursor),
    /// The screen again (after a change), from `from` inclusive (`None`:
    /// the start), keeping the cursor on `keep` if it is still there, else
    /// at `index`.
    Reload {
        from: Option<Cursor>,
        keep: Option<i64>,
        index: usize,
    },
}

impl Load {
    /// Whether it replaces the list's rows (the others add to them).
    fn starts_over(&self) -> bool {
        !matches!(self, Load::After(_) | Load::Before(_))
    }

    /// See [`Effect::runs_apart`].
    fn runs_apart(&self, query: &Query) -> bool {
        matches!(self, Load::First | Load::Last) && query.reads_every_item()
    }
}

/// The rows of a page read in `load`'s order, in the list's.
pub fn paged(load: Load, mut rows: Vec<Item>, limit: usize) -> Action {
    if matches!(load, Load::Last | Load::Before(_)) {
        rows.reverse();
    }
    Action::Page { load, rows, limit }
}

/// What `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Load {
        query: Query,
        sort: Sort,
        load: Load,
    },
    LoadDetail(i64),
    /// Today's progress, from the roll-ups.
    LoadToday,
    /// Items per state, from the per-platform roll-up.
    LoadCounts,
    /// The statistics report: it may be computed here, so it runs after
    /// the frame is drawn.
    LoadStats(Window),
    LoadPlatforms,
    CheckEmpty,
    Apply {
        target: Target,
        change: Change,
    },
    /// Mute a thread (`on`), or unmute it.
    Mute {
        platform: String,
        thread: String,
        on: bool,
    },
    Reply {
        rid: i64,
        body: String,
        url: Option<String>,
    },
    /// Forget the kept draft of a reply to `rid` (the user discarded it).
    DropDraft(i64),
    /// Judge a draft (personal, generic, canned) before saving it.
    Judge {
        rid: i64,
        text: String,
    },
    Undo,
    /// Count what a select-all matches.
    Count(Query),
    /// Count the flagged items `D` would dismiss (and the bait among them).
    CountFlagged(Query),
    /// Count the waiting items muting a thread would dismiss (`m`).
    CountThread {
        platform: String,
        thread: String,
        title: String,
    },
    /// A person's figures, for their view.
    LoadPerson {
        platform: String,
        author: String,
    },
    /// Tag or untag a person VIP, or set their note (`Some("")` clears it)
    /// over the one the editor showed (`note_seen`; see `Store::set_person`).
    SetPerson {
        platform: String,
        author: String,
        vip: Option<bool>,
        note: Option<String>,
        note_seen: Option<String>,
    },
    /// Puts `text` on the clipboard; `what` it is ("comment", "link"), for
    /// what is said when only the terminal got it.
    Copy {
        text: String,
        what: &'static str,
    },
    Open(String),
    /// Hand the draft to `$VISUAL`/`$EDITOR`.
    Edit(String),
    /// Wake due snoozes and look for commits by other processes.
    Poll,
    /// Clear the terminal and draw everything again.
    Redraw,
    /// Give the terminal back and stop, as Ctrl-Z does in a shell; drawn
    /// again when continued.
    Suspend,
}

impl Effect {
    /// Effects that take or undo an action (what `undo` takes back first
    /// moves). Taken here, it is no other process's: the next tick compares
    /// the undo marks, and the newest row (a reply undone here deletes it),
    /// with what it left.
    fn takes_action(&self) -> bool {
        matches!(
            self,
            Effect::Apply { .. }
                | Effect::Mute { .. }
                | Effect::Reply { .. }
                | Effect::Undo
                | Effect::SetPerson { .. }
        )
    }

    /// Effects that may scan or write a lot and so wait until the frame is drawn.
    pub fn deferred(&self) -> bool {
        matches!(
            self,
            Effect::LoadStats(_)
                // A count over the view's waiting items: "counting…" first.
                | Effect::CountFlagged(_)
                // Bulk changes and undo can touch many rows: the frame that
                // says "working…" is drawn first.
                | Effect::Undo
                | Effect::Apply {
                    target: Target::Rids(_) | Target::Matching(..),
                    ..
                }
        )
    }

    /// A load of a list afresh (its first or last page) that reads item
    /// by item: it runs on the searches' thread (see `searches`), the list
    /// empty meanwhile ("searching…"), so that no key acts on rows of
    /// before. (A reload after a change runs here: the keys wait for it.)
    pub fn runs_apart(&self) -> bool {
        matches!(self, Effect::Load { query, load, .. } if load.runs_apart(query))
    }
}

/// Where a copy went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    /// A clipboard tool took it (`pbcopy`, `wl-copy`, `xclip`, `xsel`).
    Clipboard,
    /// Only sent to the terminal (OSC 52), which may or may not take it:
    /// over ssh, or with no tool installed.
    Terminal,
    Nowhere,
}

impl Copied {
    /// What happened to it, after "Copied the comment" or "Reply saved and".
    pub fn said(self) -> &'static str {
        match self {
            Copied::Clipboard => "copied to the clipboard",
            Copied::Terminal => "sent to the terminal (OSC 52), whose clipboard may take it",
            Copied::Nowhere => "not copied: no clipboard reached",
        }
    }
}

/// The machine outside the terminal.
pub trait Os {
    /// Puts text on the clipboard, and says where it went.
    fn copy(&mut self, text: &str) -> Copied;
    /// Whether a clipboard tool is there to take a copy (else a copy only
    /// reaches the terminal).
    fn has_clipboard(&self) -> bool;
    /// Opens an http(s) link in the browser.
    fn open(&mut self, url: &str) -> Result<()>;
    /// Edits text in the user's editor and returns the result.
    fn edit(&mut self, text: &str) -> Result<String>;
    /// Stops the process with the terminal given back, until continued.
    fn suspend(&mut self) -> Result<()>;
}

/// Runs effects against a store.
pub struct Runner<'a> {
    pub store: &'a mut Store,
    pub config: &'a Config,
    pub os: &'a mut dyn Os,
    pub now: DateTime<Utc>,
    /// The database as the last tick saw it.
    pub seen: &'a mut Option<Watermark>,
    /// The statistics' own thread (`None`: computed here, as for a
    /// database in memory).
    pub reports: Option<&'a mut Reports>,
    /// How many rows the list shows.
    pub list_rows: usize,
    /// Searches on their own thread (databases in a file).
    pub searches: Option<&'a mut Searches>,
}

impl Runner<'_> {
    /// Where item `rid` is in the list now, if the list still has it: a
    /// reload that misses it either lost it (answered, dismissed) or saw it
    /// move (its rank changed with a VIP tag, an undo brought it back off
    /// the screen), which the cursor follows.
    fn moved_to(&self, query: &Query, sort: Sort, rid: i64) -> Result<Option<Cursor>> {
        // Gone from the view's state (answered, dismissed): not in it.
        let Some(item) =
            (self.store.item(rid)?).filter(|i| query.filter.state.is_none_or(|s| s == i.state))
        else {
            return Ok(None);
        };
        let at = sort.cursor(&item);
        // A list read by testing every item tests its row alone: a page
        // from it, had it left the list, would be read to the list's end.
        let kept = if query.reads_every_item() {
            self.store.matches(query, rid)?
        } else {
            let first = (self.store).view_page(query, sort, Some(sort.just_before(at)), 1)?;
            first.first().is_some_and(|i| i.rid == rid)
        };
        Ok(kept.then_some(at))
    }

    /// Runs one effect; failures become an `Action::Failed` for the status
    /// line (`NotApplied` for a change, which gives the selection back).
    pub fn run(&mut self, effect: Effect) -> Vec<Action> {
        let applying = matches!(effect, Effect::Apply { .. });
        let acts = effect.takes_action();
        let note = match &effect {
            Effect::SetPerson {
                note: Some(typed),
                note_seen: Some(was),
                ..
            } => Some((typed.clone(), was.clone())),
            _ => None,
        };
        let ran = self.try_run(effect);
        // Its version and newest row kept: another process's change since
        // the last tick, and the items it brought, are still told at the
        // next (a key's own rows are replies, never told).
        if acts
            && let Some(seen) = self.seen.as_mut()
            && let Ok(now) = self.store.watermark()
        {
            *seen = Watermark {
                version: seen.version,
                last_rid: seen.last_rid.min(now.last_rid),
                ..now
            };
        }
        match ran {
            Ok(actions) => actions,
            Err(e) => {
                let e = self.store.named(e);
                let said = crate::text::one_line(&crate::store::explain(&e));
                let failed = match crate::store::is_damaged(&e) {
                    true => Action::Damaged(said),
                    false if applying => Action::NotApplied(said),
                    false => Action::Failed(said),
                };
                // What was typed is not lost with the note.
                let typed = note.map(|(typed, was)| Action::NoteNotSaved { typed, was });
                std::iter::once(failed).chain(typed).collect()
            }
        }
    }

    fn try_run(&mut self, effect: Effect) -> Result<Vec<Action>> {
        let now = self.now;
        Ok(match effect {
            Effect::Load { query, sort, load } => {
                // The first and the last page, and a reload, need only fill
                // the screen (and a little more): the rest comes as the
                // cursor nears it.
                let edge = (self.list_rows + 10).min(CHUNK);
                let (after, order, limit) = match &load {
                    Load::First => (None, sort, edge),
                    Load::After(c) => (Some(*c), sort, CHUNK),
                    Load::Last => (None, sort.reversed(), edge),
                    Load::Before(c) => (Some(*c), sort.reversed(), CHUNK),
                    // Inclusive of `from`: start just before it in the keyset.
                    Load::Reload { from, .. } => (from.map(|c| sort.just_before(c)), sort, edge),
                };
                if load.starts_over()
                    && let Some(searches) = self.searches.as_deref_mut()
                {
                    if load.runs_apart(&query) {
                        searches.ask(query, order, after, limit, load)?;
                        return Ok(Vec::new());
                    }
                    // A newer start of the list: the search it replaces stops.
                    searches.cancel();
                }
                let rows = self.store.view_page(&query, order, after, limit)?;
                if let Load::Reload {
                    keep: Some(keep),
                    from,
                    ..
                } = load
                    && !rows.iter().any(|i| i.rid == keep)
                    && let Some(at) = self.moved_to(&query, sort, keep)?
                    && from != Some(at)
                {
                    let load = Load::Reload {
                        from: Some(at),
                        keep: Some(keep),
                        index: 0,
                    };
                    let rows =
                        self.store
                            .view_page(&query, sort, Some(sort.just_before(at)), limit)?;
                    return Ok(vec![paged(load, rows, limit)]);
                }
                vec![paged(load, rows, limit)]
            }
            Effect::LoadDetail(rid) => {
                // Its parts from one snapshot, under one read lock.
                let _snapshot = self.store.reading()?;
                match self.store.item(rid)? {
                    Some(item) => {
                        let (vip, note) = self.store.person_tags(&item.platform, &item.author)?;
                        let priority = (item.state == crate::model::State::NeedsReply)
                            .then(|| self.store.priority(&item, now, self.config.target_secs()))
                            .transpose()?;
                        vec![Action::Detail(Box::new(Detail {
                            rid,
                            parent: self.store.parent(&item)?,
                            exchange: self.store.exchange(&item, 8)?,
                            elsewhere: self.store.elsewhere(&item, 3)?,
                            person: self.store.person(&item.platform, &item.author)?,
                            priority,
                            vip,
                            note,
                        }))]
                    }
                    None => Vec::new(),
                }
            }
            Effect::LoadToday => vec![Action::Today(crate::stats::today(self.store, now)?)],
            Effect::LoadCounts => vec![Action::Counts(self.store.state_counts()?)],
            Effect::LoadStats(w) => match self.reports.as_deref_mut() {
                Some(reports) => reports
                    .get(w, now, self.store.stamp()?, true)
                    .map(Action::Stats)
                    .into_iter()
                    .collect(),
                None => vec![Action::Stats(Box::new(crate::stats::report(
                    self.store,
                    self.config,
                    w,
                    now,
                )?))],
            },
            Effect::LoadPlatforms => vec![Action::Platforms(self.store.platforms()?)],
            Effect::CheckEmpty => vec![Action::Empty(self.store.is_empty()?)],
            Effect::Apply { target, change } => {
                let seen = |items: &[Seen]| -> Vec<(i64, crate::model::State)> {
                    items.iter().map(|i| (i.rid, i.state)).collect()
                };
                let (n, moved) = match &target {
                    Target::Item(item) => self.store.apply_seen(&seen(&[*item]), change, now)?,
                    Target::Rids(items) => self.store.apply_seen(&seen(items), change, now)?,
                    Target::Matching(q, counted) => {
                        match (self.store)
                            .with_room(|s| s.apply_matching(q, change, now, *counted))?
                        {
                            Some(n) => (n, 0),
                            None => {
                                return Ok(vec![Action::Stale(
                                    "Nothing done: items changed, came into or left the view since they \
                                     were counted; select them again"
                                        .into(),
                                )]);
                            }
                        }
                    }
                };
                if n == 0 && moved > 0 {
                    return Ok(vec![Action::Stale(format!(
                        "Nothing done: {} changed elsewhere since you chose {}; look again",
                        match target {
                            Target::Item(_) => "this item was".to_owned(),
                            _ if moved == 1 => "1 item was".to_owned(),
                            _ => format!("{moved} items were"),
                        },
                        if moved == 1 { "it" } else { "them" }
                    ))]);
                }
                let mut message = done_message(change, n, self.now);
                // Answered by a reply already, it is now the user's too
                // (`ackbox mark` says so as well).
                if let Target::Item(item) = &target
                    && n > 0
                    && change == Change::Answered
                    && item.state == crate::model::State::Answered
                {
                    message = crate::text::capitalized(crate::store::actions::MARKED_OVER_A_REPLY);
                }
                if moved > 0 {
                    message += &format!(
                        " · {} changed elsewhere since you chose {}: left as {}",
                        counted(moved as u64, "other", "others"),
                        if moved == 1 { "it" } else { "them" },
                        if moved == 1 { "it is" } else { "they are" }
                    );
                }
                vec![Action::Done {
                    message,
                    undoable: n > 0,
                }]
            }
            Effect::Mute {
                platform,
                thread,
                on,
            } => {
                let changed = if on {
                    self.store.mute_thread(&platform, &thread, now)?
                } else {
                    self.store.unmute_thread(&platform, &thread, now)?
                };
                let message = match (on, changed) {
                    (true, Some(n)) => format!(
                        "Thread muted: {n} waiting {} dismissed",
                        noun(n as u64, "item", "items")
                    ),
                    (false, Some(n)) => {
                        format!(
                            "Thread unmuted: {} back",
                            counted(n as u64, "item", "items")
                        )
                    }
                    (true, None) => "Thread already muted".to_owned(),
                    (false, None) => "Thread not muted".to_owned(),
                };
                vec![Action::Done {
                    message,
                    undoable: changed.is_some(),
                }]
            }
            Effect::Reply { rid, body, url } => {
                let item = self
                    .store
                    .item(rid)?
                    .ok_or_else(|| anyhow!("the item is gone"))?;
                let author = signature(self.config, &item.platform);
                if let Err(e) = self.store.reply(rid, &author, &body, now) {
                    // Its words are the user's: copied all the same, to post
                    // or keep (the editor keeps them too).
                    let copied = self.os.copy(&body);
                    return Err(e.context(format!("Reply not saved ({})", copied.said())));
                }
                let copied = self.os.copy(&body);
                vec![Action::Replied { rid, url, copied }]
            }
            Effect::DropDraft(rid) => {
                self.store.drop_draft(rid)?;
                Vec::new()
            }
            Effect::Judge { rid, text } => {
                let judgement = self.store.judge_draft(rid, &text)?;
                let state = self.store.item(rid)?.map(|i| i.state);
                vec![Action::Judged {
                    text,
                    judgement,
                    state,
                }]
            }
            Effect::Undo => match self.store.with_room(|s| s.undo(now))? {
                Some(u) => {
                    // The cursor goes to an item that came back alone; of
                    // several (a bulk change), it stays where it is, the
                    // list read again around it (or from its start).
                    let item = match u.rids[..] {
                        [rid] => self.store.item(rid)?.map(Box::new),
                        _ => None,
                    };
                    vec![Action::Undone {
                        message: crate::text::capitalized(&self.store.undone_said(&u, "")?),
                        item,
                        // None taken back, an import having changed them all since.
                        rids: if u.changed_since { Vec::new() } else { u.rids },
                        reply: u.reply.is_some(),
                    }]
                }
                None => vec![Action::Failed(crate::text::capitalized(
                    &self.store.nothing_to_undo_said()?,
                ))],
            },
            Effect::Count(query) => {
                let query = self.store.bounded(query)?;
                let n = self.store.count_matching(&query)?;
                vec![Action::Counted { query, n }]
            }
            Effect::CountFlagged(query) => {
                let query = self.store.bounded(query)?;
                let reasons = self.store.count_matching_by_reason(&query)?;
                vec![Action::FlaggedCounted { query, reasons }]
            }
            Effect::CountThread {
                platform,
                thread,
                title,
            } => {
                let muted = self.store.thread_muted(&platform, &thread)?;
                let n = match muted {
                    Some(n) => n,
                    None => self.store.thread_waiting(&platform, &thread)?,
                };
                vec![Action::ThreadCounted {
                    platform,
                    thread,
                    title,
                    n,
                    muted: muted.is_some(),
                }]
            }
            Effect::LoadPerson { platform, author } => {
                let figures = self.store.person_row(&platform, &author)?.map(|row| {
                    let (loyal, left_waiting) = row.loyalty(&self.store.analysis().weights);
                    PersonFigures {
                        left_waiting,
                        loyal,
                        row,
                    }
                });
                vec![Action::Person {
                    platform,
                    author,
                    figures,
                }]
            }
            Effect::SetPerson {
                platform,
                author,
                vip,
                note,
                note_seen,
            } => {
                let set = (self.store).set_person(
                    &platform,
                    &author,
                    vip,
                    note.as_deref(),
                    note_seen.as_deref(),
                    now,
                )?;
                let changed = match set {
                    PersonSet::NoteChangedSince(now) => {
                        return Ok(vec![Action::NoteChanged {
                            typed: note.unwrap_or_default(),
                            now,
                        }]);
                    }
                    set => set == PersonSet::Changed,
                };
                let who = crate::text::one_line(&author);
                let msg = match (vip, note.as_deref().map(str::trim)) {
                    _ if !changed => "Already so: nothing changed".to_owned(),
                    (Some(true), _) => {
                        format!("{who} is a VIP: their waiting items move up the queue")
                    }
                    (Some(false), _) => format!("{who} is no longer a VIP"),
                    (None, Some("")) => format!("Note about {who} cleared"),
                    (None, _) => format!("Note about {who} saved"),
                };
                vec![Action::Done {
                    message: msg,
                    undoable: changed,
                }]
            }
            Effect::Copy { text, what } => match self.os.copy(&text) {
                Copied::Clipboard => Vec::new(),
                Copied::Terminal => {
                    vec![Action::Said(format!(
                        "The {what} was {}",
                        Copied::Terminal.said()
                    ))]
                }
                Copied::Nowhere => vec![Action::Failed("Could not reach a clipboard".into())],
            },
            Effect::Open(url) => {
                self.os.open(&url)?;
                Vec::new()
            }
            // The terminal loop clears the screen (see `App::run_effects`).
            Effect::Redraw => Vec::new(),
            Effect::Suspend => {
                self.os.suspend()?;
                Vec::new()
            }
            Effect::Edit(text) => vec![Action::Edited(
                self.os.edit(&text).map_err(|e| format!("{e:#}")),
            )],
            Effect::Poll => {
                // Deleted, moved or replaced under the review, the file
                // takes no more changes (see `Store::moved`): said at every
                // tick.
                if let Some(moved) = self.store.moved() {
                    let path = self.store.path().unwrap_or_default();
                    let path = crate::text::one_line(&path.display().to_string());
                    return Ok(vec![Action::Failed(match moved {
                        Moved::Gone => format!(
                            "The database file {path} is gone (deleted or moved): nothing more \
                             is written to it; quit, and restore it or import again"
                        ),
                        Moved::Replaced => format!(
                            "The database file {path} was replaced (a backup moved over it?) \
                             while open here: nothing more is written to it; quit, move its \
                             FILE-wal and FILE-shm away if they are left beside it (they are the \
                             old file's), then open it again"
                        ),
                    })]);
                }
                // Not waited for, as a key's change is: another process
                // writing (an import) would freeze the review each tick;
                // the snoozes wake at a tick after it.
                self.store.set_busy_timeout(Duration::ZERO)?;
                let woke = self.store.wake_snoozed(now);
                self.store.set_busy_timeout(super::KEY_BUSY_WAIT)?;
                let woke = match woke {
                    Err(e) if crate::store::is_busy(&e) => 0,
                    woke => woke?,
                };
                // The rest is read only when another process wrote.
                let version = self.store.data_version()?;
                let before = (*self.seen).filter(|old| old.version != version);
                let seen = match *self.seen {
                    Some(old) if before.is_none() => old,
                    _ => self.store.watermark()?,
                };
                *self.seen = Some(seen);
                let changed = before.is_some();
                let mut said = Vec::new();
                if woke > 0 || changed {
                    let moved = |at: fn(&Watermark) -> Option<i64>| {
                        before.is_some_and(|old| at(&old) != at(&seen))
                    };
                    said.push(Action::DataChanged {
                        undo_moved: moved(|w| w.undoable),
                        reply_moved: moved(|w| w.reply),
                    });
                }
                // An import beside the review: what it brought, said.
                if let Some(old) = before {
                    let arrived = self.store.arrived_since(old)?;
                    if arrived != crate::store::view::Arrived::default() {
                        said.push(Action::Arrived(arrived));
                    }
                }
                // `ackbox mark … --reason` elsewhere chose the next one's.
                if changed && let Some(r) = self.store.last_dismissal_reason()? {
                    said.push(Action::LastReason(r));
                }
                said
            }
        })
    }
}

/// Whom a reply written here is from: the first own handle configured for
/// the platform, as written in the config (else the normalised identity, else "me").
pub fn signature(config: &Config, platform: &str) -> String {
    config
        .own
        .iter()
        .find(|(p, _)| p.eq_ignore_ascii_case(platform))
        .and_then(|(_, handles)| handles.first().cloned())
        .or_else(|| OwnIdentities::new(config, &[]).first(platform))
        .unwrap_or_else(|| "me".to_owned())
}

fn done_message(change: Change, n: usize, now: DateTime<Utc>) -> String {
    if n == 0 {
        return "Already so: nothing changed".to_owned();
    }
    format!(
        "{} {}",
        counted(n as u64, "item", "items"),
        change.done(now)
    )
}

/// `url` if it is an http(s) link (its scheme in any case: `HTTPS://`),
/// the only kind handed to a browser.
fn web_link(url: &str) -> Result<&str> {
    let url = url.trim();
    let scheme = |s: &str| {
        url.get(..s.len())
            .is_some_and(|u| u.eq_ignore_ascii_case(s))
    };
    if !(scheme("https://") || scheme("http://")) {
        bail!(
            "not opening {}: only http(s) links",
            crate::text::one_line(url)
        );
    }
    Ok(url)
}

/// The command that opens `url`: `$BROWSER` when set (of several, `a:b`,
/// the first this machine has, as `xdg-open` reads the list; the link in
/// place of a `%s`, else after it), else the system's opener. A `%s` that
/// is a whole argument is the link as it is (an argument, read by no
/// shell: a link's `&` is its own).
fn opener(browser: Option<&str>, url: &str) -> Result<Vec<String>> {
    let listed: Vec<&str> = (browser.unwrap_or_default().split(':'))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let there = |command: &&&str| {
        shlex::split(command)
            .and_then(|argv| argv.into_iter().next())
            .is_some_and(|program| installed(&program))
    };
    let Some(first) = (listed.iter().find(there)).or(listed.first()).copied() else {
        let system = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        return Ok(vec![system.to_owned(), url.to_owned()]);
    };
    let mut argv = shlex::split(first)
        .filter(|a| !a.is_empty())
        .ok_or_else(|| anyhow!("cannot parse $BROWSER ({first:?})"))?;
    if argv.iter().any(|a| a == "%s") {
        for a in argv.iter_mut().filter(|a| *a == "%s") {
            url.clone_into(a);
        }
    } else if argv.iter().any(|a| a.contains("%s")) {
        // Put into an argument that a shell may read (`sh -c 'firefox %s'`),
        // what a shell would act on is percent-encoded, so that a link
        // (someone else's) cannot run a command, whatever quotes the script
        // puts around it (quoting it for the shell broke inside the script's
        // own quotes). A link passed whole: `sh -c 'firefox "$1"' sh %s`.
        let safe: String = url
            .chars()
            .map(|c| match c {
                'A'..='Z'
                | 'a'..='z'
                | '0'..='9'
                | '-'
                | '.'
                | '_'
                | '~'
                | ':'
                | '/'
                | '?'
                | '#'
                | '='
                | '%'
                | '+'
                | ','
                | '@' => c.to_string(),
                c => {
                    let mut bytes = [0; 4];
                    (c.encode_utf8(&mut bytes).bytes())
                        .map(|b| format!("%{b:02X}"))
                        .collect()
                }
            })
            .collect();
        for a in &mut argv {
            *a = a.replace("%s", &safe);
        }
    } else {
        argv.push(url.to_owned());
    }
    Ok(argv)
}

/// Whether a browser command draws in the terminal (the text-mode ones
/// Python's `webbrowser` knows, and Debian's `www-browser`): it gets the
/// terminal, as the editor does, where a graphical one runs detached.
fn draws_in_the_terminal(command: &str) -> bool {
    let name = std::path::Path::new(command)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(command);
    matches!(
        name,
        "w3m" | "lynx" | "links" | "links2" | "elinks" | "browsh" | "carbonyl" | "www-browser"
    )
}

/// Whether `program` is there to run: a path to a file, or a name found
/// in `$PATH`.
fn installed(program: &str) -> bool {
    if program.contains('/') {
        return std::path::Path::new(program).is_file();
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).any(|dir| dir.join(program).is_file())
}

/// The real machine: OSC 52 plus the system clipboard, `$BROWSER` or `open`/`xdg-open`,
/// and `$VISUAL`/`$EDITOR` with the terminal handed over.
#[derive(Debug, Default)]
pub struct RealOs;

impl Os for RealOs {
    fn copy(&mut self, text: &str) -> Copied {
        let osc = osc52(text);
        let mut out = std::io::stdout();
        let sent = out
            .write_all(osc.as_bytes())
            .and_then(|()| out.flush())
            .is_ok();
        match (system_copy(text), sent) {
            (true, _) => Copied::Clipboard,
            (false, true) => Copied::Terminal,
            (false, false) => Copied::Nowhere,
        }
    }

    fn has_clipboard(&self) -> bool {
        (clipboard_tools().iter()).any(|argv| installed(argv[0]))
    }

    fn open(&mut self, url: &str) -> Result<()> {
        let url = web_link(url)?;
        let argv = opener(std::env::var("BROWSER").ok().as_deref(), url)?;
        let opener = &argv[0];
        let cannot_run =
            || format!("cannot run {opener} (set $BROWSER to the browser that opens links)");
        let status = if draws_in_the_terminal(opener) {
            super::terminal::handed_over(|| Command::new(opener).args(&argv[1..]).status())?
                .with_context(cannot_run)?
        } else {
            let mut child = Command::new(opener)
                .args(&argv[1..])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .with_context(cannot_run)?;
            // An opener with nowhere to open (no browser) says so at once;
            // one that found a browser may take its time: reaped in the
            // background.
            let started = Instant::now();
            loop {
                if let Some(status) = child.try_wait()? {
                    break status;
                }
                if started.elapsed() >= OPENER_VERDICT {
                    std::thread::spawn(move || child.wait());
                    return Ok(());
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        };
        if !status.success() {
            bail!("{opener} could not open the link ({status})");
        }
        Ok(())
    }

    fn edit(&mut self, text: &str) -> Result<String> {
        let cmd = std::env::var("VISUAL")
            .ok()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| {
                std::env::var("EDITOR")
                    .ok()
                    .filter(|s| !s.trim().is_empty())
            })
            .unwrap_or_else(|| "vi".to_owned());
        let argv = shlex::split(&cmd)
            .filter(|a| !a.is_empty())
            .ok_or_else(|| anyhow!("cannot parse the editor command {cmd:?}"))?;
        let mut file = tempfile::Builder::new()
            .prefix("ackbox-reply-")
            .suffix(".txt")
            .tempfile()?;
        file.write_all(text.as_bytes())?;
        file.flush()?;
        let path = file.into_temp_path();
        let status = super::terminal::run_on(Command::new(&argv[0]).args(&argv[1..]), &path)?;
        let status = status.with_context(|| format!("cannot run {}", argv[0]))?;
        // An editor that exits with an error (vim's `:cq`) drops the
        // change; one stopped by a signal or by its terminal hanging up
        // (its window closed: vim then exits with an error) keeps what it
        // saved, as the review keeps its own draft then.
        if !status.success()
            && std::os::unix::process::ExitStatusExt::signal(&status).is_none()
            && !super::terminal::hung_up()
        {
            bail!("{} exited with {status}; the draft is unchanged", argv[0]);
        }
        read_edited(&path)
    }

    fn suspend(&mut self) -> Result<()> {
        // Stopped until `fg`, with the whole job: a script that runs the
        // review stops too, so that its shell gets the terminal back.
        // SIGSTOP, which the kernel never drops (a SIGTSTP it drops for a
        // job no shell watches, `sh -c` under a terminal of its own).
        super::terminal::handed_over(|| {
            rustix::process::kill_current_process_group(rustix::process::Signal::STOP)
        })??;
        Ok(())
    }
}

/// The text an editor saved, without its last line end. Bytes that are not
/// UTF-8 (an editor set to Latin-1) become `�` where they stand, in sight
/// in the draft, rather than the whole edit being lost.
fn read_edited(path: &std::path::Path) -> Result<String> {
    let bytes = std::fs::read(path)?;
    let mut out = String::from_utf8_lossy(&bytes).into_owned();
    while out.ends_with('\n') || out.ends_with('\r') {
        out.pop();
    }
    Ok(out)
}

/// The OSC 52 sequence that asks the terminal to set the clipboard.
fn osc52(text: &str) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07")
}

/// The clipboard tools to try (with their arguments): by platform, and by
/// display (none without one: over ssh).
fn clipboard_tools() -> &'static [&'static [&'static str]] {
    let env = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if cfg!(target_os = "macos") {
        &[&["pbcopy"]]
    } else if env("WAYLAND_DISPLAY") {
        &[&["wl-copy"]]
    } else if env("DISPLAY") {
        &[
            &["xclip", "-selection", "clipboard"],
            &["xsel", "--clipboard", "--input"],
        ]
    } else {
        &[]
    }
}

/// The system clipboard through the usual tools, when a display says one
/// exists. Never waits more than a second (no display in CI: nothing runs).
fn system_copy(text: &str) -> bool {
    for argv in clipboard_tools() {
        let Ok(mut child) = Command::new(argv[0])
            .args(&argv[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        else {
            continue;
        };
        let wrote = child
            .stdin
            .take()
            .is_some_and(|mut s| s.write_all(text.as_bytes()).is_ok());
        let deadline = Instant::now() + Duration::from_secs(1);
        loop {
            match child.try_wait() {
                Ok(Some(st)) => {
                    if wrote && st.success() {
                        return true;
                    }
                    break;
                }
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                // Still running (xclip keeps serving the selection): it has the text.
                Ok(None) => {
                    std::thread::spawn(move || child.wait());
                    return wrote;
                }
                Err(_) => break,
            }
        }
    }
    false
}

/// A recording stand-in for tests; clones share one log.
#[derive(Debug, Default, Clone)]
pub struct FakeOs {
    pub log: std::sync::Arc<std::sync::Mutex<FakeLog>>,
}

/// What a [`FakeOs`] was asked to do.
#[derive(Debug, Default)]
pub struct FakeLog {
    pub copied: Vec<String>,
    pub opened: Vec<String>,
    /// What the "editor" returns (`None`: the text unchanged).
    pub edit_result: Option<String>,
    /// How many times the process was "suspended".
    pub suspended: usize,
    /// Where copies go (`None`: a clipboard tool takes them).
    pub copies_to: Option<Copied>,
}

impl FakeOs {
    fn with<T>(&self, f: impl FnOnce(&mut FakeLog) -> T) -> T {
        let mut log = self
            .log
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut log)
    }
}

impl Os for FakeOs {
    fn copy(&mut self, text: &str) -> Copied {
        self.with(|l| {
            l.copied.push(text.to_owned());
            l.copies_to.unwrap_or(Copied::Clipboard)
        })
    }
    fn has_clipboard(&self) -> bool {
        self.with(|l| l.copies_to.is_none_or(|to| to == Copied::Clipboard))
    }
    fn open(&mut self, url: &str) -> Result<()> {
        self.with(|l| l.opened.push(url.to_owned()));
        Ok(())
    }
    fn edit(&mut self, text: &str) -> Result<String> {
        Ok(self.with(|l| l.edit_result.clone().unwrap_or_else(|| text.to_owned())))
    }
    fn suspend(&mut self) -> Result<()> {
        self.with(|l| l.suspended += 1);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_saved_in_latin_1_keeps_its_words() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("reply.txt");
        std::fs::write(&path, b"Thanks Joe, caf\xe9 and more\n\n").expect("write");
        assert_eq!(
            read_edited(&path).expect("read"),
            "Thanks Joe, caf\u{fffd} and more"
        );
    }

    #[test]
    fn only_http_links_are_opened_whatever_the_case_of_their_scheme() {
        assert_eq!(web_link(" HTTPS://EX.COM/a ").unwrap(), "HTTPS://EX.COM/a");
        assert!(web_link("Http://ex.com").is_ok());
        for refused in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https:/x",
            "ftp://x",
        ] {
            assert!(web_link(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn links_open_in_the_browser_named_or_the_systems() {
        let url = "https://e.example/a?b=1&c=2";
        let opens = |browser: Option<&str>| opener(browser, url).expect("a command");
        let system = opens(None);
        assert_eq!(system[1], url);
        assert_eq!(opens(Some("  ")), system);
        assert_eq!(opens(Some("firefox")), ["firefox", url]);
        assert_eq!(
            opens(Some("'my browser' --new-tab:chromium")),
            ["my browser", "--new-tab", url]
        );
        // Where a shell may read it, nothing in the link is for the shell.
        assert_eq!(opens(Some("w3m %s -o x")), ["w3m", url, "-o", "x"]);
        assert_eq!(
            opens(Some("w3m --url=%s")),
            ["w3m", "--url=https://e.example/a?b=1%26c=2"]
        );
        let hostile = "https://e.example/$(touch${IFS}x)`id`;a|b'c\"d é";
        assert_eq!(
            opener(Some("wrap --url=%s"), hostile).expect("a command")[1],
            "--url=https://e.example/%24%28touch%24%7BIFS%7Dx%29%60id%60%3Ba%7Cb%27c%22d%20%C3%A9"
        );
        for script in ["firefox %s", "firefox '%s'", "firefox \"%s\""] {
            assert_eq!(
                opener(
                    Some(&format!("sh -c '{}'", script.replace('\'', "'\\''"))),
                    hostile
                )
                .expect("a command")[2],
                script.replace(
                    "%s",
                    "https://e.example/%24%28touch%24%7BIFS%7Dx%29%60id%60%3Ba%7Cb%27c%22d%20%C3%A9"
                )
            );
        }
        // Whole, as an argument of the script: the shell reads it as it is.
        for link in [url, hostile, "https://www.youtube.com/watch?v=Ae7p&lc=Ugz8"] {
            let argv = opener(Some("sh -c 'U=\"$1\" printenv U' sh %s"), link).expect("a command");
            let out = std::process::Command::new(&argv[0])
                .args(&argv[1..])
                .output()
                .expect("ran");
            assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{link}\n"));
        }
        assert!(opener(Some("'unclosed"), url).is_err());
        // Of several, the first there is; of none, the first (named as
        // what could not be run).
        assert_eq!(
            opens(Some("/nonexistent/browser:sh -c 'true'")),
            ["sh", "-c", "true", url]
        );
        assert_eq!(opens(Some("/no/a:/no/b"))[0], "/no/a");
    }

    #[test]
    fn a_change_says_what_it_did_and_offers_undo_only_when_it_did_something() {
        let now = Utc::now();
        assert_eq!(
            done_message(Change::NeedsReply, 2, now),
            "2 items back in the queue"
        );
        assert_eq!(
            done_message(Change::NeedsReply, 0, now),
            "Already so: nothing changed"
        );
    }

    #[test]
    fn osc52_is_base64_between_the_markers() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn slow_effects_wait_for_a_drawn_frame() {
        assert!(Effect::LoadStats(Window::Days(30)).deferred());
        assert!(Effect::Undo.deferred());
        // Read from the roll-ups: no second frame after every change.
        assert!(!Effect::LoadCounts.deferred());
        assert!(!Effect::LoadToday.deferred());
        let seen = Seen {
            rid: 1,
            state: crate::model::State::NeedsReply,
        };
        let bulk = Effect::Apply {
            target: Target::Rids(vec![seen, seen]),
            change: Change::Answered,
        };
        assert!(bulk.deferred());
        let one = Effect::Apply {
            target: Target::Item(seen),
            change: Change::Answered,
        };
        assert!(!one.deferred());
        assert!(Effect::CountFlagged(Query::default()).deferred());
        assert!(!Effect::LoadDetail(1).deferred());
        assert!(!Effect::Poll.deferred());
    }

    #[test]
    fn the_signature_is_the_configured_handle() {
        let mut c = Config::default();
        c.own
            .insert("youtube".into(), vec!["@FernwehCoffee".into()]);
        assert_eq!(signature(&c, "youtube"), "@FernwehCoffee");
        assert_eq!(signature(&c, "mastodon"), "me");
    }

    #[test]
    fn text_mode_browsers_get_the_terminal() {
        assert!(draws_in_the_terminal("w3m"));
        assert!(draws_in_the_terminal("/usr/bin/lynx"));
        assert!(!draws_in_the_terminal("firefox"));
        assert!(!draws_in_the_terminal("xdg-open"));
        assert!(!draws_in_the_terminal("/opt/lynx-wrapper/firefox"));
    }

    #[test]
    fn only_web_links_are_opened() {
        assert!(RealOs.open("file:///etc/passwd").is_err());
        assert!(RealOs.open("-x https://a").is_err());
    }
}
