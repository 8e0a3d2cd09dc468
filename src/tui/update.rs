//! `update`: the state and one action in, the effects to run out. Pure: no
//! I/O, no clock (the time comes in with `Action::Tick`), so every key can be
//! tested by looking at the new state and the effects.

use super::action::{Action, Command, Detail};
use super::effects::{Effect, Load};
use super::state::{
    AppState, Back, Choice, Confirm, Draft, Focus, Left, List, Mode, PersonView, Picker, Purpose,
    Selection, Target, View, max_rows, replace_text,
};
use super::view::{detail, help, layout};
use crate::analysis::{Flag, Lexicon};
use crate::model::{DismissReason, State as ItemState};
use crate::store::actions::Change;
use crate::store::query::Item;
use crate::store::view::{Arrived, Older, Query, Sort};
use crate::text::{counted, noun, one_line};
use crate::tui::state::Seen;
use chrono::{Duration, Local};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Position;
use ratatui_textarea::{CursorMove, TextArea};

/// Applies one action; returns the effects to run, in order.
pub fn update(s: &mut AppState, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    if layout::too_small(s.size) && !small_screen_input(s, &action) {
        return fx;
    }
    match action {
        Action::Command(c) => command(s, c, &mut fx),
        Action::Key(k) => key(s, k, &mut fx),
        Action::Paste(text) => paste(s, &text, &mut fx),
        Action::Scroll { lines, column, row } => scroll(s, lines, Position::new(column, row)),
        Action::Click { column, row } => click(s, column, row, &mut fx),
        Action::Resize(w, h) => {
            s.size = (w, h);
            ensure_visible(s);
            if let Mode::Help { scroll } = s.mode {
                s.mode = help_scrolled(s, scroll, 0);
            }
        }
        Action::Tick(now) => {
            let day = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&Local).date_naive();
            if day(now) != day(s.now) {
                fx.push(Effect::LoadToday);
            }
            // Open overnight, the statistics age with the clock (the backlog's
            // ages, the chart's days), not only when the data changes.
            if s.view == View::Stats && now.timestamp() / 60 != s.now.timestamp() / 60 {
                push_unique(&mut fx, Effect::LoadStats(s.window));
            }
            s.now = now;
            // Held back while the status line had more to say.
            say_arrived(s);
            fx.push(Effect::Poll);
        }
        Action::Page { load, rows, limit } => {
            let reload = matches!(load, Load::Reload { .. });
            if let Some(again) = page(s, load, rows, limit) {
                fx.push(self::load(s, again));
            } else if reload && let Some(read) = s.read_when_changed.take() {
                // What one reads is not swapped for another without a word.
                if !s.list.rows.iter().any(|i| i.rid == read) {
                    s.say("The item you were reading left this view: changed elsewhere (another ackbox, an import), or its snooze ended");
                }
            }
        }
        Action::Detail(d) => {
            if s.list.current().map(|i| i.rid) == Some(d.rid) {
                s.detail = Some(*d);
            }
        }
        Action::Counts(c) => s.counts = Some(c),
        Action::Today(t) => s.today = Some(t),
        Action::Stats(r) => s.report = Some(r),
        Action::Platforms(p) => s.platforms = p,
        Action::Empty(empty) => {
            let was = s.empty;
            s.empty = empty;
            if was && !empty {
                s.list = List::default();
                refresh(s, &mut fx);
                fx.retain(|e| !matches!(e, Effect::Load { .. }));
                fx.push(load(s, Load::First));
            }
        }
        Action::Counted { query: bounded, n } => {
            // The count of this selection (not of one cleared since).
            let unbounded = Query {
                through: None,
                actions_through: None,
                ..bounded.clone()
            };
            if let Selection::All { count, query } = &mut s.selection
                && *query == unbounded
            {
                *count = Some(n);
                *query = bounded;
                // The keys that change what this view holds.
                let acting = match s.view {
                    View::Queue => [Command::Answered, Command::Dismiss, Command::Snooze].to_vec(),
                    View::Answered => [Command::Reopen, Command::Dismiss].to_vec(),
                    View::Dismissed => [Command::Reopen, Command::Answered].to_vec(),
                    _ => [
                        Command::Answered,
                        Command::Dismiss,
                        Command::Snooze,
                        Command::Reopen,
                    ]
                    .to_vec(),
                };
                let mut keys: Vec<String> = (acting.into_iter())
                    .map(|c| s.key_for(c).to_owned())
                    .collect();
                let last = keys.pop().unwrap_or_default();
                s.say(format!(
                    "All {n} matching {} selected: {} or {last} acts on them; {} clears",
                    noun(n, "item", "items"),
                    keys.join(", "),
                    s.key_for(Command::Back)
                ));
            }
        }
        Action::FlaggedCounted { query, reasons } => flagged_counted(s, query, &reasons),
        Action::ThreadCounted {
            platform,
            thread,
            title,
            n,
            muted,
        } => thread_counted(s, platform, thread, &title, n, muted),
        Action::Person {
            platform,
            author,
            figures,
        } => {
            if let Some(p) = &mut s.person
                && p.platform == platform
                && p.author == author
            {
                p.figures = figures;
                // A longer note takes rows from the list.
                ensure_visible(s);
            }
        }
        Action::Done { message, undoable } => {
            s.sent_selection = None;
            let undo = s.key_for(Command::Undo);
            if undoable && !undo.is_empty() {
                s.say_with_hint(message, format!("{undo} undoes"));
            } else if !message.is_empty() {
                s.say(message);
            }
            refresh(s, &mut fx);
        }
        Action::NoteNotSaved { typed, was } => {
            // Back in its editor, unless a key since left the person's view.
            if s.person.is_some() && matches!(s.mode, Mode::Normal) {
                s.mode = Mode::Note {
                    input: typed,
                    was,
                    leaving: false,
                };
            }
        }
        Action::NoteChanged { typed, now } => {
            let now = one_line(&now);
            let shown = crate::text::quoted(&crate::text::truncate(&now, 60));
            // Back in its editor, unless a key since left the person's view.
            if s.person.is_some() && matches!(s.mode, Mode::Normal) {
                s.say(format!(
                    "The note was changed elsewhere since you began (now: {shown}): Enter again \
                     saves yours over it"
                ));
                s.mode = Mode::Note {
                    input: typed,
                    was: now,
                    leaving: false,
                };
            } else {
                s.say(format!(
                    "Your note was not saved: it was changed elsewhere since you began (now: \
                     {shown})"
                ));
            }
            refresh(s, &mut fx);
        }
        Action::Undone {
            message,
            item,
            rids,
            reply,
        } => {
            changed_here(s, rids);
            if reply {
                let hint = format!("{} writes it again", s.key_for(Command::Reply));
                s.say_with_hint(message, hint);
            } else {
                s.say(message);
            }
            refresh(s, &mut fx);
            // The view of the state it came back to takes it too, for when
            // it is next shown (undone from All, or from Answered).
            if let Some(item) = item.as_ref()
                && let Some(there) = View::ALL.iter().find(|v| v.state() == Some(item.state))
                && *there != s.view
            {
                s.left_at[there.index()] = Some(Left {
                    screen: Load::First,
                    item: (**item).clone(),
                    query: s.query.clone(),
                    came_back: true,
                });
            }
            // The cursor goes to what came back where the view shows it (in
            // Answered, an undone "answered" leaves: the cursor stays put),
            // the list read from it when it comes back off the screen (in a
            // filtered list, or a person's, by the reload, which asks whether
            // it still matches).
            if let Some(item) = item.filter(|i| s.view.state().is_none_or(|v| v == i.state)) {
                let off_screen = !s.filtered() && s.query.person.is_none() && !on_screen(s, &item);
                for e in &mut fx {
                    if let Effect::Load { load, .. } = e
                        && let Load::Reload { keep, .. } = load
                    {
                        *keep = Some(item.rid);
                        if off_screen {
                            *load = back_to(s, &item);
                        }
                    }
                }
            }
        }
        Action::DataChanged {
            undo_moved,
            reply_moved,
        } => {
            // The key a message offered may now do something else (another
            // process undid what it would take back, or an import's rule
            // dismissed items), and the link to post a reply may post one
            // undone; new items alone leave both. (The offer's hint is its
            // link's, not undo's.)
            let posted = matches!(s.mode, Mode::Posted { .. });
            if posted && reply_moved {
                // "Reply saved" may be said of a reply taken back there.
                s.mode = Mode::Normal;
                s.status = None;
            }
            if !posted
                && undo_moved
                && let Some(st) = s.status.as_mut()
            {
                st.hint = None;
            }
            // Changed elsewhere, or a snooze woke (it leaves the Snoozed view).
            if s.focus == Focus::Detail {
                s.read_when_changed = s.list.current().map(|i| i.rid);
            }
            refresh(s, &mut fx);
        }
        Action::LastReason(r) => s.last_reason = r,
        Action::Damaged(msg) => {
            s.damaged = Some(msg.clone());
            return update(s, Action::Failed(msg));
        }
        Action::NotApplied(msg) => {
            if let Some(sent) = s.sent_selection.take()
                && s.selection.is_empty()
            {
                s.selection = sent;
            }
            s.complain(msg);
        }
        // (Not the selection's: a tick's failure before the change ran must
        // not give back what the change then acts on.)
        Action::Failed(msg) => s.complain(msg),
        Action::Stale(msg) => {
            s.sent_selection = None;
            s.complain(msg);
            refresh(s, &mut fx);
        }
        Action::Said(message) => s.say(message),
        Action::Arrived(a) => {
            s.arrived = s.arrived + a;
            say_arrived(s);
        }
        Action::Replied { rid, url, copied } => {
            changed_here(s, vec![rid]);
            // The link is offered on `open`'s own key (the cursor has moved
            // on: the key would open the next item's).
            let url = url.filter(|_| !s.key_for(Command::Open).is_empty());
            let said = format!("Reply saved and {}", copied.said());
            match url {
                Some(_) => {
                    let hint = format!("{} opens the link to post it", s.key_for(Command::Open));
                    s.say_with_hint(said, hint);
                }
                None => s.say(said),
            }
            s.mode = match url {
                Some(url) => Mode::Posted { url },
                None => Mode::Normal,
            };
            refresh(s, &mut fx);
        }
        Action::Judged {
            text,
            judgement,
            state,
        } => {
            if let Mode::Reply(d) = &mut s.mode {
                // A verdict for an older text (edited since) is dropped.
                if d.text().trim() == text {
                    use crate::model::State;
                    let personal = judgement.verdict == crate::analysis::Verdict::Personal;
                    // Taken out of the queue since (a snooze running out
                    // puts it back: nothing to say).
                    let elsewhere = state
                        .filter(|&now| now != d.item.state && now != State::NeedsReply)
                        .map(|now| match now {
                            State::Snoozed => "snoozed",
                            State::Dismissed => "dismissed",
                            _ => "answered",
                        });
                    if personal && elsewhere.is_none() {
                        fx.push(save(d, &s.lexicon));
                    } else {
                        let mut why = Vec::new();
                        if let Some(how) = elsewhere {
                            why.push(format!(
                                "{how} since you began (by an import or another window)"
                            ));
                        }
                        if !personal {
                            why.push(one_line(
                                &judgement.verdict.explained(&judgement.reasons, "; "),
                            ));
                        }
                        // What to do first: a narrow screen may not show the end.
                        d.error = Some(format!(
                            "ctrl-s again saves it anyway · {}",
                            why.join(" · ")
                        ));
                        d.warned = Some(text);
                    }
                }
            }
        }
        Action::Edited(result) => {
            if let Mode::Reply(d) = &mut s.mode {
                match result {
                    // An editor that saved an empty file (quit without
                    // writing, in some) does not throw the draft away.
                    Ok(text) if text.trim().is_empty() && !d.text().trim().is_empty() => {
                        d.error = Some("The editor left the file empty: the draft is kept".into());
                    }
                    Ok(text) => {
                        replace_text(&mut d.editor, &crate::text::sanitize(&text));
                        d.error = None;
                    }
                    Err(e) => d.error = Some(one_line(&e)),
                }
            }
        }
    }
    // A list read apart is empty until it comes: no key acts on rows of before.
    if fx.iter().any(Effect::runs_apart) {
        s.list = List::default();
    }
    follow(s, &mut fx);
    fx
}

/// Below the minimum size the screen shows no item: the user's input acts on
/// nothing but quitting (`q` and ctrl-c also in the modes that read text;
/// the mode waits for the terminal to grow). False when `action` is dropped.
fn small_screen_input(s: &mut AppState, action: &Action) -> bool {
    match action {
        Action::Command(c) => *c == Command::Quit,
        Action::Key(k) => {
            // What is being typed waits for the window to grow back.
            if !s.mode.is_typing() && (s.is_bound(Command::Quit, k) || ctrl(k, 'c')) {
                s.quit = true;
            }
            false
        }
        Action::Paste(_) | Action::Scroll { .. } | Action::Click { .. } => false,
        _ => true,
    }
}

/// The page query effect for the current view.
fn load(s: &AppState, load: Load) -> Effect {
    Effect::Load {
        query: s.view_query(),
        sort: s.sort(),
        load,
    }
}

fn push_unique(fx: &mut Vec<Effect>, e: Effect) {
    if !fx.contains(&e) {
        fx.push(e);
    }
}

/// After a change: reload what is on screen, keeping the cursor on its item.
fn refresh(s: &mut AppState, fx: &mut Vec<Effect>) {
    if s.view == View::Stats {
        push_unique(fx, Effect::LoadStats(s.window));
    } else {
        let reload = here(s);
        fx.retain(|e| !matches!(e, Effect::Load { .. }));
        fx.push(load(s, reload));
    }
    push_unique(fx, Effect::LoadToday);
    push_unique(fx, Effect::LoadCounts);
    push_unique(fx, Effect::LoadPlatforms);
    push_unique(fx, Effect::CheckEmpty);
    if let Some(p) = &s.person {
        push_unique(
            fx,
            Effect::LoadPerson {
                platform: p.platform.clone(),
                author: p.author.clone(),
            },
        );
    }
    s.detail_requested = None;
}

/// The screen as it is again: from the first row on screen (the rows
/// around it come back as the cursor nears them, as after a first page),
/// the cursor on its item (or, gone, on its row).
fn here(s: &AppState) -> Load {
    let l = &s.list;
    let from = match l.offset {
        0 => l.anchor(s.sort()),
        top => l.rows.get(top).map(|i| s.sort().cursor(i)),
    };
    Load::Reload {
        from,
        keep: l.current().map(|i| i.rid),
        index: l.sel - l.offset,
    }
}

/// Rows the list shows at the current size.
pub fn list_height(s: &AppState) -> usize {
    let a = layout::screen(s);
    usize::from(a.list.height.saturating_sub(2)).max(1)
}

fn ensure_visible(s: &mut AppState) {
    let h = list_height(s);
    let l = &mut s.list;
    if l.rows.is_empty() {
        l.sel = 0;
        l.offset = 0;
        return;
    }
    l.sel = l.sel.min(l.rows.len() - 1);
    if l.sel < l.offset {
        l.offset = l.sel;
    }
    if l.sel >= l.offset + h {
        l.offset = l.sel + 1 - h;
    }
    // No blank space below the last row when rows above could fill it.
    if l.at_end && l.offset + h > l.rows.len() {
        l.offset = l.rows.len().saturating_sub(h).min(l.sel);
    }
}

/// Keeps a page of rows ahead of the cursor and the detail pane in step.
fn follow(s: &mut AppState, fx: &mut Vec<Effect>) {
    if s.view == View::Stats || !s.list.loaded || s.empty {
        return;
    }
    let look = list_height(s).max(10);
    let l = &s.list;
    if l.rows.is_empty() {
        if !l.at_start {
            push_unique(fx, load(s, Load::Last));
        }
    } else {
        if !l.at_end
            && l.sel + look >= l.rows.len()
            && let Some(last) = l.rows.last()
        {
            push_unique(fx, load(s, Load::After(s.sort().cursor(last))));
        }
        if !l.at_start
            && l.sel < look
            && let Some(first) = l.rows.first()
        {
            push_unique(fx, load(s, Load::Before(s.sort().cursor(first))));
        }
    }
    // Rows being reloaded may move the cursor to another item: the detail
    // follows when they are in.
    let reloading = fx.iter().any(|e| {
        matches!(
            e,
            Effect::Load {
                load: Load::Reload { .. },
                ..
            }
        )
    });
    let cur = s.list.current().map(|i| i.rid);
    if cur != s.detail_requested && !reloading {
        s.detail_requested = cur;
        // A reload of the same item keeps where the reader was.
        if s.detail.as_ref().map(|d: &Detail| d.rid) != cur {
            s.detail = None;
            s.detail_scroll = 0;
        }
        if let Some(rid) = cur {
            fx.push(Effect::LoadDetail(rid));
        }
    }
}

/// Puts a page's rows in; returns the load to ask for instead when a
/// reload's item is no longer among its rows but may lie further on (items
/// imported meanwhile came before it), or when nothing is left from its
/// place on (the end of the list).
fn page(
    s: &mut AppState,
    load: Load,
    rows: Vec<crate::store::query::Item>,
    limit: usize,
) -> Option<Load> {
    let got = rows.len();
    let h = list_height(s);
    let sort = s.sort();
    let cursor = |i: &Item| sort.cursor(i);
    let l = &mut s.list;
    l.loaded = true;
    match load {
        Load::First => {
            l.rows = rows;
            l.at_start = true;
            l.at_end = got < limit;
            l.sel = 0;
            l.offset = 0;
        }
        Load::Last => {
            l.rows = rows;
            l.at_end = true;
            l.at_start = got < limit;
            l.sel = got.saturating_sub(1);
            l.offset = got.saturating_sub(h);
        }
        Load::After(c) => {
            if l.rows.last().map(cursor) != Some(c) {
                return None; // stale
            }
            l.rows.extend(rows);
            l.at_end = got < limit;
            if l.rows.len() > max_rows(h) {
                let cut = l.rows.len() - max_rows(h);
                l.rows.drain(..cut);
                l.sel = l.sel.saturating_sub(cut);
                l.offset = l.offset.saturating_sub(cut);
                l.at_start = false;
            }
        }
        Load::Before(c) => {
            if l.rows.first().map(cursor) != Some(c) {
                return None;
            }
            l.at_start = got < limit;
            // The cursor on the first row read (the list read from its item:
            // back from a search, an undo): rows above it come into view.
            let at_top = l.sel == 0;
            let mut rows = rows;
            rows.append(&mut l.rows);
            l.rows = rows;
            l.sel += got;
            l.offset = if at_top {
                l.sel.saturating_sub(h / 3)
            } else {
                l.offset + got
            };
            if l.rows.len() > max_rows(h) {
                l.rows.truncate(max_rows(h));
                l.at_end = false;
            }
        }
        Load::Reload {
            from, keep, index, ..
        } => {
            // Its item missing from a full page, and past its last row: items
            // came in ahead of it (one missing within the page has left the
            // view, and the cursor stays on its row).
            let kept = keep.filter(|k| !rows.iter().any(|i| i.rid == *k));
            let past_the_end = |at| {
                rows.last()
                    .is_some_and(|last| sort.before(cursor(last), at))
            };
            // Nothing from its place on (a filter its item leaves, with
            // none after it): the end of the list.
            if rows.is_empty() && from.is_some() {
                return Some(Load::Last);
            }
            if got == limit
                && let Some(at) = kept
                    .and_then(|k| l.rows.iter().find(|i| i.rid == k))
                    .map(cursor)
                && past_the_end(at)
                && from != Some(at)
            {
                return Some(Load::Reload {
                    from: Some(at),
                    keep,
                    index: 0,
                });
            }
            l.rows = rows;
            l.at_start = from.is_none();
            l.at_end = got < limit;
            l.offset = 0;
            l.sel = keep
                .and_then(|k| l.rows.iter().position(|i| i.rid == k))
                .unwrap_or_else(|| index.min(l.rows.len().saturating_sub(1)));
        }
    }
    ensure_visible(s);
    None
}

fn move_by(s: &mut AppState, delta: isize) {
    if s.list.rows.is_empty() {
        return;
    }
    let last = s.list.rows.len() as isize - 1;
    s.list.sel = (s.list.sel as isize + delta).clamp(0, last) as usize;
    ensure_visible(s);
}

fn scroll_detail(s: &mut AppState, delta: i32) {
    let max = i32::from(detail::max_scroll(s));
    s.detail_scroll = (i32::from(s.detail_scroll) + delta).clamp(0, max) as u16;
}

fn set_view(s: &mut AppState, v: View, fx: &mut Vec<Effect>) {
    s.left_at[s.view.index()] = s.list.current().map(|item| Left {
        screen: here(s),
        item: item.clone(),
        query: s.query.clone(),
        came_back: false,
    });
    // The view's own key again reloads it, its selection kept: its rows.
    if v != s.view {
        if !s.selection.is_empty() {
            // Said, as a changed filter says it: it was a view's rows.
            s.say("Selection cleared: the view changed");
        }
        s.selection = Selection::None;
    }
    s.view = v;
    s.focus = Focus::List;
    s.list = List::default();
    s.detail = None;
    s.detail_requested = None;
    if v == View::Stats {
        fx.push(Effect::LoadStats(s.window));
        return;
    }
    // Back where the cursor was (or, that item gone, on the one after it).
    let first = match s.left_at[v.index()].take() {
        Some(left) if left.query != s.query || left.came_back => back_to(s, &left.item),
        Some(left) => left.screen,
        None => Load::First,
    };
    fx.push(load(s, first));
}

/// Whether `item`, in the list, would be among the rows on screen (between
/// the first and the last shown, or beyond them where the list ends there).
fn on_screen(s: &AppState, item: &Item) -> bool {
    let (sort, l, h) = (s.sort(), &s.list, list_height(s));
    let at = sort.cursor(item);
    let shown = &l.rows[l.offset.min(l.rows.len())..(l.offset + h).min(l.rows.len())];
    let after_first = match shown.first() {
        Some(first) => !sort.before(at, sort.cursor(first)) || l.at_start && l.offset == 0,
        None => true,
    };
    let before_last = match shown.last() {
        Some(last) => !sort.before(sort.cursor(last), at) || l.at_end && shown.len() < h,
        None => true,
    };
    after_first && before_last
}

/// The list from `item` on, the cursor on it (or, gone, on the one after).
fn back_to(s: &AppState, item: &Item) -> Load {
    Load::Reload {
        from: Some(s.sort().cursor(item)),
        keep: Some(item.rid),
        index: 0,
    }
}

/// A filter chosen: the list again from the cursor's item (see
/// [`unfilter`]), where the filter began kept for when it is cleared (the
/// item before the filters in force, or the cursor's).
fn set_filter(s: &mut AppState, fx: &mut Vec<Effect>, change: impl FnOnce(&mut Query)) {
    let from = (s.filtered_from.clone()).or_else(|| s.list.current().cloned());
    change(&mut s.query);
    let item = s.list.current().cloned();
    unfilter(s, fx, item);
    s.filtered_from = from;
}

/// The filter changed: start the list again (a select-all would be stale).
fn refilter(s: &mut AppState, fx: &mut Vec<Effect>) {
    if !s.selection.is_empty() {
        // Said, or the next action would take the cursor's item alone unasked.
        s.say("Selection cleared: the filter changed");
    }
    s.selection = Selection::None;
    // Where a filter began is of no use once the filter changed otherwise.
    s.filtered_from = None;
    if s.view == View::Stats {
        return;
    }
    s.list.sel = 0;
    s.list.offset = 0;
    fx.retain(|e| !matches!(e, Effect::Load { .. }));
    fx.push(load(s, Load::First));
}

/// A filter chosen or taken away: the list again, with the cursor on
/// `item` where the filter keeps it, else on the next one that matches
/// (the last, none after it), the rows before it coming as it nears them.
fn unfilter(s: &mut AppState, fx: &mut Vec<Effect>, item: Option<Item>) {
    refilter(s, fx);
    // A list read item by item (a flag, an age) starts from the top, on the
    // searches' thread ("searching…"): from the item, it was read here,
    // the screen frozen for a second at a million items.
    let apart = s.query.reads_every_item();
    if let Some(item) = item.filter(|_| s.view != View::Stats && !apart) {
        load_from(s, fx, &item);
    }
}

/// The list loaded from `item` on (see [`back_to`]), instead of any load
/// already asked for.
fn load_from(s: &AppState, fx: &mut Vec<Effect>, item: &Item) {
    fx.retain(|e| !matches!(e, Effect::Load { .. }));
    fx.push(load(s, back_to(s, item)));
}

/// What an action applies to: the selection if there is one, else the cursor item.
fn target(s: &AppState) -> Option<Target> {
    match &s.selection {
        Selection::Rids(r) if !r.is_empty() => Some(Target::Rids(
            r.iter().map(|(&rid, &state)| Seen { rid, state }).collect(),
        )),
        Selection::All { query, count } => Some(Target::Matching(query.clone(), *count)),
        _ => s.list.current().map(|i| {
            Target::Item(Seen {
                rid: i.rid,
                state: i.state,
            })
        }),
    }
}

/// Applies a change now (one item) or after a confirmation saying how many (bulk).
fn act(s: &mut AppState, target: Target, change: Change, fx: &mut Vec<Effect>) {
    s.mode = Mode::Normal;
    if let Target::Item(seen) = &target {
        changed_here(s, vec![seen.rid]);
        fx.push(Effect::Apply { target, change });
        return;
    }
    let n = match target.count() {
        Some(n) if flagged(&target) => format!("{n} flagged {}", noun(n, "item", "items")),
        Some(n) => format!("{n} {}", noun(n, "item", "items")),
        None => "every item the filter matches".to_owned(),
    };
    let question = match change {
        Change::Answered => format!("Mark {n} answered?"),
        // As for one item: a reply stops answering the answered ones.
        Change::NeedsReply if matches!(s.view, View::Answered | View::All) => format!(
            "Put {n} back in the queue? Where your reply answers one, it will no longer count as \
             its answer ({} counts it again)",
            s.key_for(Command::Answered)
        ),
        Change::NeedsReply => format!("Put {n} back in the queue?"),
        Change::Dismissed(r) => format!("Dismiss {n} as {}?", r.as_str()),
        Change::DismissedByFlags => format!(
            "Dismiss {n}, each as its flags say (bait, emoji-only, spam for a bare link or \
             copypasta, else other)?"
        ),
        // Where the view shows answered or dismissed items, those stay as
        // they are: the question says that it snoozes only what waits.
        Change::Snoozed(t) if matches!(s.view, View::Queue | View::Snoozed) => {
            format!("Snooze {n} until {}?", crate::when::shown(t, s.now))
        }
        Change::Snoozed(t) => format!(
            "Of {n}, snooze those waiting for a reply until {}? (answered and dismissed ones \
             stay as they are)",
            crate::when::shown(t, s.now)
        ),
    };
    s.mode = Mode::Confirm(Confirm {
        question,
        yes: vec![Effect::Apply { target, change }],
        on_yes: false,
    });
}

/// What imports beside the review brought, said unless the status line
/// holds something more pressing (an error, a key to press): then kept,
/// and added to, until it is free. "Imported meanwhile: 12 new items, 9
/// need a reply".
fn say_arrived(s: &mut AppState) {
    let a = s.arrived;
    let none = Arrived::default();
    if a == none || (s.status.as_ref()).is_some_and(|st| st.error || st.hint.is_some()) {
        return;
    }
    let said = |a: Arrived| {
        let waiting = match (a.items, a.waiting) {
            (1, 1) => "it needs a reply".to_owned(),
            (1, _) => "it needs no reply".to_owned(),
            (_, 0) => "none needs a reply".to_owned(),
            (_, 1) => "1 needs a reply".to_owned(),
            (_, n) => format!("{n} need a reply"),
        };
        let items = (a.items > 0).then(|| {
            format!(
                "{} {}, {waiting}",
                a.items,
                noun(a.items, "new item", "new items")
            )
        });
        // Posted on the platform: what they answered left the queue.
        let replies =
            (a.replies > 0).then(|| counted(a.replies, "reply of yours", "replies of yours"));
        let what: Vec<String> = items.into_iter().chain(replies).collect();
        format!("Imported meanwhile: {}", what.join("; "))
    };
    // A note still on the line, unread, is added to.
    let shown = s.arrived_shown;
    let total = match &s.status {
        Some(st) if shown != none && st.text == said(shown) => shown + a,
        _ => a,
    };
    s.say(said(total));
    s.arrived_shown = total;
    s.arrived = Arrived::default();
}

/// Items this window changes on its own are no longer ones to act on with
/// those picked, here or in the view a person's view was opened from (a
/// bulk action would find them "changed elsewhere").
fn changed_here(s: &mut AppState, mut rids: Vec<i64>) {
    rids.sort_unstable();
    let gone = |picked| rids.binary_search(&picked).is_ok();
    s.selection.forget(gone);
    if let Some(p) = &mut s.person {
        p.back.selection.forget(gone);
    }
}

/// Whether a change of everything `q` matches takes `item`, a row of its list.
fn takes(q: &Query, change: Change, item: &Item) -> bool {
    q.through.is_none_or(|t| item.rid <= t)
        && q.filter.state.is_none_or(|st| st == item.state)
        && (q.any_flags == 0 || item.flags & q.any_flags != 0)
        && item.flags & q.without_flags == 0
        // A snooze leaves answered and dismissed items as they are.
        && (!matches!(change, Change::Snoozed(_)) || item.state.can_be_snoozed())
}

/// Whether the target is `D`'s flagged items rather than the selection.
fn flagged(t: &Target) -> bool {
    matches!(t, Target::Matching(q, _) if q.any_flags != 0)
}

fn picker(purpose: Purpose, title: &str, choices: Vec<Choice>, sel: usize) -> Mode {
    Mode::Pick(Picker {
        purpose,
        title: title.to_owned(),
        sel: sel.min(choices.len().saturating_sub(1)),
        choices,
    })
}

/// The reasons offered when dismissing (muting has its own key).
pub fn reasons() -> Vec<DismissReason> {
    DismissReason::ALL
        .iter()
        .copied()
        .filter(|r| r.is_chosen())
        .collect()
}

fn snooze_choices(s: &AppState) -> Vec<Choice> {
    let fmt = |t| crate::when::shown(t, s.now);
    let soon = s.now + Duration::hours(3);
    let mut out = vec![Choice::SnoozeUntil(
        format!("3 hours ({})", fmt(soon)),
        soon,
    )];
    let tomorrow = crate::when::tomorrow(s.now);
    if let Some(t) = tomorrow {
        // Before 5:00, "tomorrow" is the morning to come: said so.
        let today = t.with_timezone(&chrono::Local).date_naive()
            == s.now.with_timezone(&chrono::Local).date_naive();
        let day = if today { "this morning" } else { "tomorrow" };
        out.push(Choice::SnoozeUntil(format!("{day} ({})", fmt(t)), t));
    }
    // On a Sunday (from 5:00), next week's Monday is tomorrow: the Monday
    // after is meant, and said (each choice keeps its digit every day).
    if let Some(t) = crate::when::next_week(s.now) {
        let which = match crate::when::next_week_is_the_week_after(s.now) {
            true => "the week after",
            false => "next week",
        };
        out.push(Choice::SnoozeUntil(format!("{which} ({})", fmt(t)), t));
    }
    out.push(Choice::SnoozeCustom);
    out
}

fn filter_choices(s: &AppState) -> Vec<Choice> {
    let mut out = vec![Choice::ClearFilters, Choice::Platform(None)];
    out.extend(
        s.platforms
            .iter()
            .map(|p| Choice::Platform(Some(p.clone()))),
    );
    out.extend(
        [
            View::Queue,
            View::Answered,
            View::Dismissed,
            View::Snoozed,
            View::All,
        ]
        .map(Choice::View),
    );
    out.push(Choice::Flag(None));
    out.extend((0..Flag::ALL.len()).map(|i| Choice::Flag(Some(i))));
    out.push(Choice::Older(None));
    out.extend(Older::DAYS.map(|d| Choice::Older(Some(d))));
    out
}

fn command(s: &mut AppState, c: Command, fx: &mut Vec<Effect>) {
    s.status = None;
    if s.empty && !matches!(c, Command::Quit | Command::Help) {
        return;
    }
    let stats = s.view == View::Stats;
    let item_cmd = matches!(
        c,
        Command::Down
            | Command::Up
            | Command::Top
            | Command::Bottom
            | Command::PageDown
            | Command::PageUp
            | Command::Focus
            | Command::Reply
            | Command::Template
            | Command::Answered
            | Command::Reopen
            | Command::Dismiss
            | Command::Snooze
            | Command::Mute
            | Command::Select
            | Command::SelectAll
            | Command::Search
            | Command::Filter
            | Command::Open
            | Command::Copy
            | Command::CopyLink
            | Command::DismissFlagged
            | Command::Person
            | Command::Vip
            | Command::Note
            | Command::Sort
    );
    if stats && item_cmd {
        // The keys that lead on, as bound (an unbound one is not named).
        let keys: Vec<String> = [
            (Command::ViewQueue, "goes to the queue"),
            (Command::Window, "changes the window"),
        ]
        .iter()
        .filter(|(c, _)| !s.key_for(*c).is_empty())
        .map(|(c, what)| format!("{} {what}", s.key_for(*c)))
        .collect();
        s.say(match keys[..] {
            [] => "The stats view has no items".to_owned(),
            _ => format!("The stats view has no items: {}", keys.join(", ")),
        });
        return;
    }
    let h = list_height(s) as isize;
    let detail = s.focus == Focus::Detail;
    match c {
        Command::Down if detail => scroll_detail(s, 1),
        Command::Up if detail => scroll_detail(s, -1),
        Command::PageDown if detail => scroll_detail(s, h as i32),
        Command::PageUp if detail => scroll_detail(s, -(h as i32)),
        Command::Top if detail => s.detail_scroll = 0,
        Command::Down => move_by(s, 1),
        Command::Up => move_by(s, -1),
        Command::PageDown => move_by(s, h),
        Command::PageUp => move_by(s, -h),
        Command::Bottom if detail => s.detail_scroll = detail::max_scroll(s),
        Command::Top => {
            if s.list.at_start {
                move_by(s, -(s.list.rows.len() as isize));
            } else {
                fx.push(load(s, Load::First));
            }
        }
        Command::Bottom => {
            if s.list.at_end {
                move_by(s, s.list.rows.len() as isize);
            } else {
                fx.push(load(s, Load::Last));
            }
        }
        Command::Focus if s.list.current().is_none() => s.say("Nothing to read"),
        Command::Focus if detail => leave_detail(s),
        Command::Focus => s.focus = Focus::Detail,
        Command::Back => {
            if detail {
                leave_detail(s);
            } else if !s.selection.is_empty() {
                s.selection = Selection::None;
                s.say("Selection cleared");
            } else if s.person.is_some() {
                leave_person(s, fx);
            } else if s.filtered() {
                s.query = Default::default();
                s.say("Filter cleared");
                // The item a search found, else where the filters began.
                let from = s.filtered_from.take();
                let item = s.list.current().cloned().or(from);
                unfilter(s, fx, item);
            }
        }
        Command::Reply => match s.list.current() {
            Some(item) => {
                let draft = draft_for(item.clone(), s);
                s.mode = Mode::Reply(Box::new(draft));
            }
            None => s.say("Nothing to reply to"),
        },
        Command::Template => match s.list.current() {
            Some(_) if s.templates.is_empty() => s.complain(
                "No saved replies yet: add [[templates]] with a name and a body to the config",
            ),
            Some(item) => {
                let rid = item.rid;
                s.mode = template_picker(s, Purpose::Template { rid });
            }
            None => s.say("Nothing to reply to"),
        },
        Command::Answered => match target(s) {
            Some(t) => act(s, t, Change::Answered, fx),
            None => s.say("Nothing to mark"),
        },
        Command::Reopen => match target(s) {
            // Its reply stops answering it ("let me check and get back to
            // you", then a reminder): asked first, as `d` says so.
            Some(t @ Target::Item(_))
                if let Some(item) = s.list.current()
                    && item.state == ItemState::Answered
                    && item.first_reply_at.is_some() =>
            {
                s.mode = Mode::Confirm(Confirm {
                    question: format!(
                        "Put it back in the queue? Your reply will no longer count as answering \
                         it ({} counts it again)",
                        s.key_for(Command::Answered)
                    ),
                    yes: vec![Effect::Apply {
                        target: t,
                        change: Change::NeedsReply,
                    }],
                    on_yes: false,
                });
            }
            Some(t) => act(s, t, Change::NeedsReply, fx),
            None => s.say("Nothing to put back"),
        },
        Command::Dismiss => match target(s) {
            Some(t) => {
                // What its flags say it is: one item's, the picked items'
                // where all of them say the same, or those of the flag a
                // filter matches; else the reason used last, but one that
                // only flags tell (bait, after `D`): an unflagged comment
                // is no bait unless the user says so.
                let flagged = match &t {
                    Target::Item(_) => s
                        .list
                        .current()
                        .and_then(|i| DismissReason::of_flags(i.flags)),
                    Target::Rids(picked) => {
                        // Those still in the list (one changed elsewhere may
                        // have left it: it is not dismissed, and says so).
                        let mut said = (picked.iter())
                            .filter_map(|x| s.list.rows.iter().find(|i| i.rid == x.rid))
                            .map(|i| DismissReason::of_flags(i.flags));
                        let first = said.next().flatten();
                        first.filter(|r| said.all(|other| other == Some(*r)))
                    }
                    Target::Matching(q, _) => (q.flag)
                        .and_then(|f| crate::analysis::Flag::ALL.get(f))
                        .and_then(|f| DismissReason::of_flags(f.bit())),
                };
                let flags_reason = matches!(
                    s.last_reason,
                    DismissReason::Bait | DismissReason::EmojiOnly | DismissReason::Spam
                );
                let last = if flags_reason {
                    DismissReason::Other
                } else {
                    s.last_reason
                };
                let suggested = flagged.unwrap_or(last);
                let rs = reasons();
                let sel = rs.iter().position(|r| *r == suggested).unwrap_or(0);
                // Said before the choice: an answer counted today can go
                // with one slip of the key.
                let answered = match &t {
                    Target::Item(seen) => u64::from(seen.state == ItemState::Answered),
                    Target::Rids(r) => {
                        r.iter().filter(|x| x.state == ItemState::Answered).count() as u64
                    }
                    Target::Matching(_, n) if s.view == View::Answered => n.unwrap_or(1),
                    Target::Matching(..) => 0,
                };
                // Everything a filter matches in a view of every state (All,
                // a person's): how many are answered is not counted.
                let mixed = matches!(t, Target::Matching(..)) && s.view.state().is_none();
                let title = match (&t, answered) {
                    _ if mixed => format!(
                        "Dismiss {} (answered ones no longer counted as answered)",
                        count_words(&t)
                    ),
                    (_, 0) => format!("Dismiss {}", count_words(&t)),
                    (Target::Item(_), _) => "Dismiss: no longer counted as answered".to_owned(),
                    (_, k) if Some(k) == t.count() => {
                        format!(
                            "Dismiss {} (no longer counted as answered)",
                            count_words(&t)
                        )
                    }
                    (_, k) => format!(
                        "Dismiss {} ({k} no longer counted as answered)",
                        count_words(&t)
                    ),
                };
                s.mode = picker(
                    Purpose::Dismiss(t),
                    &title,
                    rs.into_iter().map(Choice::Reason).collect(),
                    sel,
                );
            }
            None => s.say("Nothing to dismiss"),
        },
        Command::Snooze => match target(s) {
            // Refused now, not after the choice: only a waiting item is put off.
            Some(Target::Item(_))
                if let Some(item) = s.list.current()
                    && !item.state.can_be_snoozed() =>
            {
                s.complain(format!(
                    "This item is {}: only an item that needs a reply can be snoozed ({} puts it back in the queue)",
                    item.state.as_str(),
                    s.key_for(Command::Reopen)
                ));
            }
            // A selection in a view of answered or dismissed items holds
            // nothing a snooze would change: said now, not after a question.
            Some(Target::Rids(_) | Target::Matching(..))
                if matches!(s.view, View::Answered | View::Dismissed) =>
            {
                s.complain(format!(
                    "Nothing selected here waits for a reply: only an item that needs one can be \
                     snoozed ({} puts it back in the queue)",
                    s.key_for(Command::Reopen)
                ));
            }
            Some(t) => {
                let title = format!("Snooze {}", count_words(&t));
                let choices = snooze_choices(s);
                s.mode = picker(Purpose::Snooze(t), &title, choices, 0);
            }
            None => s.say("Nothing to snooze"),
        },
        // A mute is one thread's: with items selected, the one under the
        // cursor (perhaps not among them) is not what was meant.
        Command::Mute if !s.selection.is_empty() => s.complain(format!(
            "{} mutes the thread under the cursor, not a selection: {} clears the selection first",
            s.key_for(Command::Mute),
            s.key_for(Command::Back)
        )),
        Command::Mute => match s.list.current() {
            Some(item) => match &item.thread_id {
                // Counted first: the question says how many (`thread_counted`).
                Some(thread) => {
                    let title = item
                        .thread_title
                        .as_deref()
                        .map(one_line)
                        .unwrap_or_else(|| one_line(thread));
                    fx.push(Effect::CountThread {
                        platform: item.platform.clone(),
                        thread: thread.clone(),
                        title,
                    });
                    s.say("Counting the thread's waiting items…");
                }
                None => s.complain("This item is not in a thread: nothing to mute"),
            },
            None => s.say("Nothing to mute"),
        },
        Command::Undo => {
            s.say("Undoing…");
            fx.push(Effect::Undo);
        }
        Command::Select => {
            let Some((rid, state)) = s.list.current().map(|i| (i.rid, i.state)) else {
                s.say("Nothing to select");
                return;
            };
            match &mut s.selection {
                Selection::All { .. } => {
                    s.say(format!(
                        "Everything matching is selected; {} clears it first",
                        s.key_for(Command::Back)
                    ));
                    return;
                }
                Selection::Rids(set) => {
                    if set.remove(&rid).is_none() {
                        set.insert(rid, state);
                    }
                }
                Selection::None => s.selection = Selection::Rids([(rid, state)].into()),
            }
            if let Selection::Rids(set) = &s.selection {
                let n = set.len() as u64;
                s.say(format!("{n} {} selected", noun(n, "item", "items")));
            }
            move_by(s, 1);
        }
        Command::SelectAll => {
            if matches!(s.selection, Selection::All { .. }) {
                s.selection = Selection::None;
                s.say("Selection cleared");
            } else if s.list.rows.is_empty() {
                s.say("Nothing to select");
            } else {
                let query = s.view_query();
                s.selection = Selection::All {
                    query: query.clone(),
                    count: None,
                };
                s.say("Selecting everything the filter matches…");
                fx.push(Effect::Count(query));
            }
        }
        Command::Search => {
            let before = s.query.filter.search.clone();
            s.mode = Mode::Search {
                input: before.clone().unwrap_or_default(),
                fresh: before.is_some(),
                before,
                from: s.list.current().cloned().map(Box::new),
            };
        }
        Command::Filter => {
            let choices = filter_choices(s);
            s.mode = picker(Purpose::Filter, "Filter", choices, 0);
        }
        Command::Open => {
            if let Some(item) = s.list.current() {
                match item.url.clone().or_else(|| item.thread_url.clone()) {
                    Some(url) => open(s, fx, crate::text::link(&url)),
                    None => s.complain("This item has no link"),
                }
            } else {
                s.say("Nothing to open");
            }
        }
        Command::Copy => {
            if let Some(item) = s.list.current() {
                // Nothing in it to copy: the clipboard keeps what it holds.
                if item.body.trim().is_empty() {
                    s.complain("This comment has no text to copy");
                    return;
                }
                fx.push(Effect::Copy {
                    text: crate::text::sanitize(&item.body),
                    what: "comment",
                });
                s.say("Copied the comment to the clipboard");
            } else {
                s.say("Nothing to copy");
            }
        }
        Command::CopyLink => {
            if let Some(item) = s.list.current() {
                match item.url.clone().or_else(|| item.thread_url.clone()) {
                    Some(url) => {
                        fx.push(Effect::Copy {
                            text: crate::text::link(&url),
                            what: "link",
                        });
                        s.say("Copied the link to the clipboard");
                    }
                    None => s.complain("This item has no link"),
                }
            } else {
                s.say("Nothing to copy");
            }
        }
        Command::Window if stats => {
            s.window = s.window.next(s.own_window);
            fx.push(Effect::LoadStats(s.window));
            s.say(format!("Stats window: {}", s.window));
        }
        Command::Window => s.say(format!(
            "The window is the stats view's: {} opens it",
            s.key_for(Command::ViewStats)
        )),
        Command::NextView => {
            let v = View::ALL[(s.view.index() + 1) % View::ALL.len()];
            set_view(s, v, fx);
        }
        Command::PrevView => {
            let v = View::ALL[(s.view.index() + View::ALL.len() - 1) % View::ALL.len()];
            set_view(s, v, fx);
        }
        Command::ViewQueue
        | Command::ViewAnswered
        | Command::ViewDismissed
        | Command::ViewSnoozed
        | Command::ViewAll
        | Command::ViewStats => {
            if let Some(v) = View::ALL.into_iter().find(|v| v.command() == c) {
                set_view(s, v, fx);
            }
        }
        Command::Help => s.mode = Mode::Help { scroll: 0 },
        Command::Redraw => fx.push(Effect::Redraw),
        Command::Suspend => fx.push(Effect::Suspend),
        Command::Quit => s.quit = true,
        Command::DismissFlagged => dismiss_flagged(s, fx),
        Command::Person => open_person(s, fx),
        Command::Vip => match &s.person {
            Some(p) => fx.push(Effect::SetPerson {
                platform: p.platform.clone(),
                author: p.author.clone(),
                vip: Some(!p.vip()),
                note: None,
                note_seen: None,
            }),
            None => s.say(format!(
                "VIP is set in a person's view: {} opens it",
                s.key_for(Command::Person)
            )),
        },
        Command::Note => match &s.person {
            Some(_) => {
                let was = current_note(s);
                s.mode = Mode::Note {
                    input: was.clone(),
                    was,
                    leaving: false,
                }
            }
            None => s.say(format!(
                "Notes are kept in a person's view: {} opens it",
                s.key_for(Command::Person)
            )),
        },
        Command::Sort => {
            if s.view != View::Queue || s.person.is_some() {
                s.complain(format!(
                    "{} orders the queue (best first or oldest first); this list is newest first",
                    s.key_for(Command::Sort)
                ));
                return;
            }
            s.queue_sort = if s.queue_sort == Sort::BEST {
                Sort::OLDEST
            } else {
                Sort::BEST
            };
            s.say(format!(
                "Queue order: {}",
                if s.queue_sort == Sort::BEST {
                    "best first (questions, VIPs and loyal people first, flagged last)"
                } else {
                    "oldest first"
                }
            ));
            // The cursor stays on its item, at its place in the new order.
            match s.list.current().cloned() {
                Some(item) => load_from(s, fx, &item),
                None => {
                    fx.retain(|e| !matches!(e, Effect::Load { .. }));
                    fx.push(load(s, Load::First));
                }
            }
        }
    }
}

/// The note about the person in view as the note input shows it (one line).
fn current_note(s: &AppState) -> String {
    (s.person.as_ref())
        .and_then(|p| p.note())
        .map(one_line)
        .unwrap_or_default()
}

/// Every low-value flag: bait, link/mention/emoji only, copypasta (not question).
pub fn low_value_flags() -> u16 {
    crate::analysis::Flag::ALL
        .into_iter()
        .filter(|f| f.is_low_value())
        .fold(crate::analysis::Flags::new(), |mut set, f| {
            set.insert(f);
            set
        })
        .bits()
}

/// `D`: count the flagged items of the view that could still be dismissed;
/// the reason picker and the question follow (`flagged_counted`).
fn dismiss_flagged(s: &mut AppState, fx: &mut Vec<Effect>) {
    let mut query = s.view_query();
    query.filter.state = match s.view {
        View::Queue | View::All => Some(crate::model::State::NeedsReply),
        View::Snoozed => Some(crate::model::State::Snoozed),
        View::Answered | View::Dismissed | View::Stats => {
            s.say(format!(
                "{} dismisses flagged items that wait for a reply: none in {}",
                s.key_for(Command::DismissFlagged),
                s.view.title()
            ));
            return;
        }
    };
    query.any_flags = low_value_flags();
    // Bait that also asks something ("f4f? also, when is the sale?") is
    // answered or dismissed one by one.
    query.without_flags = crate::analysis::Flag::Question.bit();
    s.say("Counting the flagged items…");
    fx.push(Effect::CountFlagged(query));
}

fn flagged_counted(s: &mut AppState, query: Query, by_reason: &[(DismissReason, u64)]) {
    if !matches!(s.mode, Mode::Normal) {
        return;
    }
    let n = by_reason.iter().map(|&(_, n)| n).sum();
    if n == 0 {
        s.say(
            "No flagged items to dismiss here (bait, link, mention or emoji only, copypasta; \
             not those that ask a question)",
        );
        return;
    }
    s.status = None;
    // Each as its flags say, first: bait, emoji only and spam mixed are
    // not one reason (the statistics count dismissals by reason).
    let choices: Vec<Choice> = std::iter::once(Choice::ReasonByFlags)
        .chain(reasons().into_iter().map(Choice::Reason))
        .collect();
    let suggested = match by_reason {
        [(DismissReason::Bait, _)] => Choice::Reason(DismissReason::Bait),
        _ => Choice::ReasonByFlags,
    };
    let sel = choices.iter().position(|c| *c == suggested).unwrap_or(0);
    // What each would be dismissed as: "12 flagged items: 9 bait, 3 spam".
    let each: Vec<String> = (by_reason.iter())
        .map(|(r, n)| format!("{n} {}", r.as_str()))
        .collect();
    let title = format!(
        "Dismiss {n} flagged {}: {}",
        noun(n, "item", "items"),
        each.join(", ")
    );
    s.mode = picker(
        Purpose::Dismiss(Target::Matching(query, Some(n))),
        &title,
        choices,
        sel,
    );
}

/// `m`, counted: the question says how many waiting items go (or, the
/// thread muted, come back), and defaults to No.
fn thread_counted(
    s: &mut AppState,
    platform: String,
    thread: String,
    title: &str,
    n: u64,
    muted: bool,
) {
    if !matches!(s.mode, Mode::Normal) {
        return;
    }
    s.status = None;
    let title = crate::text::truncate(title, 60);
    if muted {
        let back = match n {
            0 => "Nothing it dismissed comes back".to_owned(),
            n => format!(
                "The {n} {} back to the queue",
                noun(n, "item it dismissed comes", "items it dismissed come")
            ),
        };
        s.mode = Mode::Confirm(Confirm {
            question: format!(
                "The thread “{title}” on {} is muted. Unmute it? {back}, and what arrives in it \
                 later waits for a reply.",
                one_line(&platform)
            ),
            yes: vec![Effect::Mute {
                platform,
                thread,
                on: false,
            }],
            on_yes: false,
        });
        return;
    }
    let now = match n {
        0 => "Nothing in it waits for a reply; everything that arrives in it later is dismissed."
            .to_owned(),
        n => format!(
            "Its {n} waiting {} dismissed, and so is everything that arrives in it later.",
            noun(n, "item is", "items are")
        ),
    };
    s.mode = Mode::Confirm(Confirm {
        question: format!(
            "Mute the thread “{title}” on {}? {now}",
            one_line(&platform)
        ),
        yes: vec![Effect::Mute {
            platform,
            thread,
            on: true,
        }],
        on_yes: false,
    });
}

/// `p`: the list filtered to the cursor item's author, newest first, every
/// state; what was on screen is kept for Esc.
fn open_person(s: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(item) = s.list.current().cloned() else {
        s.say("Nobody to show");
        return;
    };
    if s.person.is_some() {
        s.say(format!(
            "This is {}'s view; {} goes back",
            crate::text::short_author(&item.author, item.author_name.as_deref()),
            s.key_for(Command::Back)
        ));
        return;
    }
    let back = Back {
        view: s.view,
        query: std::mem::take(&mut s.query),
        list: std::mem::take(&mut s.list),
        selection: std::mem::take(&mut s.selection),
        left_at: std::mem::take(&mut s.left_at),
    };
    s.person = Some(PersonView {
        platform: item.platform.clone(),
        author: item.author.clone(),
        name: item.author_name.clone(),
        figures: None,
        back: Box::new(back),
    });
    s.query = Query {
        person: Some((item.platform.clone(), item.author.clone())),
        ..Query::default()
    };
    s.view = View::All;
    s.focus = Focus::List;
    s.list = List {
        at_start: true,
        ..List::default()
    };
    s.detail = None;
    s.detail_requested = None;
    let offers: Vec<String> = [
        s.key_does(Command::Vip, "tags or untags VIP"),
        s.key_does(Command::Note, "edits the note"),
        s.key_does(Command::Back, "goes back"),
    ]
    .into_iter()
    .flatten()
    .collect();
    s.say(format!(
        "{}'s items, newest first: {}",
        crate::text::short_author(&item.author, item.author_name.as_deref()),
        offers.join(", ")
    ));
    // From the item `p` was pressed on, wherever it is in their history
    // (the newer ones coming as the cursor nears them).
    load_from(s, fx, &item);
    fx.push(Effect::LoadPerson {
        platform: item.platform,
        author: item.author,
    });
}

/// Esc in a person's view: back to the view, filter, rows and cursor
/// from before, reloaded (what was done meanwhile shows).
fn leave_person(s: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(p) = s.person.take() else {
        return;
    };
    let back = *p.back;
    let on = s.list.current().cloned();
    s.view = back.view;
    s.query = back.query;
    s.list = back.list;
    s.selection = back.selection;
    s.left_at = back.left_at;
    // The cursor stays on the item it was on in the person's list where the
    // view lists it (one of theirs waiting, back in the queue); else on the
    // item the person's view was opened from.
    let listed = |item: &Item| {
        s.view.state().is_none_or(|state| state == item.state)
            && (!s.filtered() || s.list.rows.iter().any(|r| r.rid == item.rid))
    };
    let on = on.filter(|item| listed(item));
    s.focus = Focus::List;
    s.detail = None;
    s.detail_scroll = 0;
    s.say(format!("Back to {}", s.view.title()));
    ensure_visible(s);
    refresh(s, fx);
    if let Some(item) = on {
        load_from(s, fx, &item);
    }
}

fn count_words(t: &Target) -> String {
    match t {
        Target::Item(_) => "this item".into(),
        _ => match t.count() {
            Some(n) => format!("{n} {}", noun(n, "item", "items")),
            None => "every matching item".into(),
        },
    }
}

fn template_picker(s: &AppState, purpose: Purpose) -> Mode {
    picker(
        purpose,
        "Saved reply",
        (0..s.templates.len()).map(Choice::Template).collect(),
        0,
    )
}

/// The author as the platform writes a mention: `@handle` (`u/name` on Reddit).
pub fn handle(item: &Item) -> String {
    let a = one_line(&item.author);
    if a.starts_with('@') || (item.platform == "reddit" && a.starts_with("u/")) {
        a
    } else {
        format!("@{a}")
    }
}

/// The person's first name, or their handle as one calls them by it
/// (`eve` of `@eve.bsky.social`: what the verdict takes for addressing
/// them); none from a handle that is no name (see [`handle_names_them`]).
pub fn first_name(item: &Item, lexicon: &Lexicon) -> Option<String> {
    use crate::analysis::config::{name_part, name_words};
    let named = display_name(item).and_then(|n| {
        let words = name_words(&n);
        // A title and a surname alone ("Dr. Patel", "Frau Müller") give no
        // first name: the person is called by both.
        match lexicon.untitled(&words)[..] {
            [surname] if words.len() > 1 && words.last() == Some(&surname) => {
                Some(name_part(&n).to_owned())
            }
            _ => lexicon.first_name(&n).map(str::to_owned),
        }
    });
    named.or_else(|| {
        handle_names_them(item)
            .then(|| crate::analysis::handle_as_called(&one_line(&item.author)).to_owned())
    })
}

/// The display name, unless it holds an e-mail address (a guest may type
/// theirs as their name) or is no one's ("Anonymous").
fn display_name(item: &Item) -> Option<String> {
    (item.author_name.as_deref().map(one_line))
        .filter(|n| crate::analysis::find_emails(n).is_empty())
        .filter(|n| !crate::import::shared::names_nobody(n))
        .map(|n| without_brackets(&n))
        // Pronouns alone, "she/her", are no name either.
        .filter(|n| {
            let words = words_of(n);
            let pronouns = words.contains('/') && !words.contains(' ');
            !words.is_empty() && !pronouns
        })
}

/// A name without what it has in brackets, wherever (pronouns, a language
/// tag: "(she/her) Priya Raman", "[ES] María García").
fn without_brackets(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A display name's words, without the emoji people decorate it with
/// ("Priya Raman 👩‍💻" is called "Priya Raman" in a reply).
fn words_of(name: &str) -> String {
    let decoration = |c: char| {
        !c.is_alphanumeric()
            && !c.is_ascii_punctuation()
            && c != '’'
            && !unicode_normalization::char::is_combining_mark(c)
    };
    (name.split_whitespace())
        .map(|w| w.trim_matches(decoration))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the handle can stand for the person's name in a reply: not an
/// e-mail address (a WordPress or Disqus guest who left no name, which a
/// public reply must not give away; a Mastodon handle such as
/// `carlos@mastodon.social` is written like one and is not), an account's
/// number or id (Facebook's, a YouTube channel's), or no name at all (see
/// [`crate::import::shared::names_nobody`]: "Anonymous" is no one's).
fn handle_names_them(item: &Item) -> bool {
    let a = &item.author;
    let email = item.platform != "mastodon" && !crate::analysis::find_emails(a).is_empty();
    !email
        && !crate::import::shared::names_nobody(a)
        && !crate::import::shared::is_account_id(&item.platform, a)
}

/// How a reply starts: the `@handle ` the platform itself puts there when
/// one presses reply (the same list the verdict discounts), else nothing.
/// A name ackbox wrote would make the reply count as personal though the
/// user never addressed anyone.
pub fn addressee(item: &Item, lexicon: &Lexicon) -> String {
    // Not a YouTube channel's id, nor an author the file did not name: no
    // handle the platform would put there.
    let id = crate::import::shared::is_account_id(&item.platform, &item.author);
    let nobody = crate::import::shared::names_nobody(&item.author);
    if lexicon.auto_inserts_mention(&item.platform) && !id && !nobody {
        format!("{} ", handle(item))
    } else {
        String::new()
    }
}

/// A template with `{name}`, `{first_name}` and `{thread_title}` filled in
/// (a value the item lacks stays a placeholder, which blocks saving), after
/// the `@handle` the platform itself would put first (see [`addressee`]).
pub fn expand(template: &str, item: &Item, lexicon: &Lexicon) -> String {
    format!(
        "{}{}",
        addressee(item, lexicon),
        fill(template, item, lexicon)
    )
}

/// The template's placeholders filled in, with no `@handle` before it. A
/// name that only an e-mail address would give stays a placeholder, for
/// the user to write (see [`handle_names_them`]).
fn fill(template: &str, item: &Item, lexicon: &Lexicon) -> String {
    filled(template, item, lexicon).0
}

/// [`fill`], and the placeholders it left (which saving waits for), in one
/// pass over the template: a value is not read again for placeholders (a
/// thread title "Use {id} in URLs" is text, not a blank).
fn filled(template: &str, item: &Item, lexicon: &Lexicon) -> (String, Vec<String>) {
    // The name itself: not the pronouns or the tagline after it.
    let name = display_name(item)
        .map(|n| words_of(crate::analysis::config::name_part(&n)))
        .filter(|n| !n.is_empty())
        .or_else(|| handle_names_them(item).then(|| one_line(&item.author)));
    let first = first_name(item, lexicon);
    let title = item.thread_title.as_deref().map(one_line);
    // A config's text is shown and copied like any other: clean.
    let template = crate::text::sanitize(template);
    let (mut out, mut left, mut rest) = (String::new(), Vec::new(), template.as_str());
    while let Some(p) = unfilled(rest) {
        let (before, after) = rest.split_once(p).unwrap_or((rest, ""));
        out.push_str(before);
        let value = match p {
            "{name}" => name.as_deref(),
            "{first_name}" => first.as_deref(),
            "{thread_title}" => title.as_deref(),
            _ => None,
        };
        match value {
            Some(v) => {
                out.push_str(v);
                // A title that ends a sentence ends the template's too:
                // "Glad you liked {thread_title}." is no "months..", nor
                // `"great!".` (the quote or bracket that closes it aside).
                let closed = v.trim_end_matches([')', ']', '"', '\'', '”', '’', '»', '」']);
                if closed.ends_with(['.', '!', '?', '…', '。', '！', '？']) {
                    rest = after.strip_prefix('.').unwrap_or(after);
                    continue;
                }
            }
            None => {
                out.push_str(p);
                left.push(p.to_owned());
            }
        }
        rest = after;
    }
    out.push_str(rest);
    (out, left)
}

/// What a saved reply may leave to the item to fill.
const PLACEHOLDERS: [&str; 3] = ["{name}", "{first_name}", "{thread_title}"];

/// The first `{placeholder}` of a template that no item fills (a typo).
pub fn unknown_placeholder(template: &str) -> Option<String> {
    let rest = PLACEHOLDERS
        .iter()
        .fold(template.to_owned(), |t, p| t.replace(p, ""));
    unfilled(&rest).map(str::to_owned)
}

/// The first `{placeholder}` of `text`.
pub fn unfilled(text: &str) -> Option<&str> {
    let start = text.find('{')?;
    let rest = &text[start..];
    let end = rest.find('}')?;
    let inner = &rest[1..end];
    if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Some(&rest[..=end])
    } else {
        unfilled(&text[start + 1..])
    }
}

fn ctrl(k: &KeyEvent, c: char) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char(c)
}

fn typed(k: &KeyEvent) -> Option<char> {
    match k.code {
        KeyCode::Char(c)
            if !k
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// Moves a picker's cursor; returns the index chosen with Enter or a digit.
fn pick_key(p: &mut Picker, k: &KeyEvent) -> Option<Option<usize>> {
    let n = p.choices.len();
    match k.code {
        KeyCode::Esc => return Some(None),
        KeyCode::Enter => return Some(Some(p.sel)),
        KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => p.sel = (p.sel + 1) % n.max(1),
        KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => {
            p.sel = (p.sel + n.max(1) - 1) % n.max(1)
        }
        KeyCode::Home | KeyCode::Char('g') => p.sel = 0,
        KeyCode::End | KeyCode::Char('G') => p.sel = n.saturating_sub(1),
        KeyCode::Char(c @ '1'..='9') => {
            let i = c as usize - '1' as usize;
            if i < n {
                return Some(Some(i));
            }
        }
        KeyCode::Char('q') => return Some(None),
        _ => {}
    }
    None
}

/// Hands a link to the browser, saying so (a failure says so instead).
fn open(s: &mut AppState, fx: &mut Vec<Effect>, url: String) {
    fx.push(Effect::Open(url));
    s.say("Opening the link in your browser");
}

fn key(s: &mut AppState, k: KeyEvent, fx: &mut Vec<Effect>) {
    let control = k.modifiers.contains(KeyModifiers::CONTROL);
    // Ctrl-Z suspends and Ctrl-L draws the screen again from any mode, as
    // in a shell: what is being typed waits (a letter bound to either is
    // typed where text is).
    if !matches!(s.mode, Mode::Normal) && (control || !s.mode.is_typing()) {
        for (command, effect) in [
            (Command::Suspend, Effect::Suspend),
            (Command::Redraw, Effect::Redraw),
        ] {
            if s.is_bound(command, &k) {
                fx.push(effect);
                return;
            }
        }
    }
    // Ctrl-C cancels a field, a picker or a question as Esc does (in the
    // list it quits; the reply editor asks first).
    let k = if ctrl(&k, 'c') && !matches!(s.mode, Mode::Normal | Mode::Reply(_)) {
        KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)
    } else {
        k
    };
    let mode = std::mem::replace(&mut s.mode, Mode::Normal);
    s.mode = match mode {
        Mode::Normal => Mode::Normal,
        // Scrolled by the arrows and j/k, and by the keys `[keys]` moves with.
        Mode::Help { scroll } => match k.code {
            _ if s.is_bound(Command::Down, &k) => help_scrolled(s, scroll, 1),
            _ if s.is_bound(Command::Up, &k) => help_scrolled(s, scroll, -1),
            _ if s.is_bound(Command::PageDown, &k) => help_scrolled(s, scroll, 10),
            _ if s.is_bound(Command::PageUp, &k) => help_scrolled(s, scroll, -10),
            _ if s.is_bound(Command::Top, &k) => help_scrolled(s, 0, 0),
            _ if s.is_bound(Command::Bottom, &k) => help_scrolled(s, u16::MAX, 0),
            KeyCode::Home => help_scrolled(s, 0, 0),
            KeyCode::End => help_scrolled(s, u16::MAX, 0),
            KeyCode::Down | KeyCode::Char('j') => help_scrolled(s, scroll, 1),
            KeyCode::Up | KeyCode::Char('k') => help_scrolled(s, scroll, -1),
            KeyCode::PageDown | KeyCode::Char(' ') => help_scrolled(s, scroll, 10),
            KeyCode::PageUp => help_scrolled(s, scroll, -10),
            _ => Mode::Normal,
        },
        Mode::Posted { url } => {
            if s.is_bound(Command::Open, &k) {
                open(s, fx, url);
            } else if let Some(status) = &mut s.status {
                // The offer is gone: the key would open the cursor's item.
                status.hint = None;
            }
            Mode::Normal
        }
        Mode::Search {
            mut input,
            fresh,
            before,
            from,
        } => {
            // The search given back goes whole with the first edit.
            let edits = ctrl(&k, 'u') || typed(&k).is_some() || k.code == KeyCode::Backspace;
            if fresh && edits {
                input.clear();
            }
            if ctrl(&k, 'u') {
                input.clear();
            } else if let Some(c) = typed(&k) {
                input.push(c);
            } else {
                match k.code {
                    KeyCode::Backspace if !fresh => {
                        pop_character(&mut input);
                    }
                    // The results can be walked while typing.
                    KeyCode::Down => move_by(s, 1),
                    KeyCode::Up => move_by(s, -1),
                    KeyCode::Enter => {
                        s.query.filter.search = searched(&input);
                        if let Some(item) = from {
                            s.filtered_from = Some(*item);
                        }
                        return;
                    }
                    KeyCode::Esc => {
                        let changed = s.query.filter.search != before;
                        // Back to no search: on the item found, else the
                        // one the cursor was on. Back to the search given
                        // back: where the cursor was in it (what was found
                        // since may not be in it).
                        let item = match before {
                            None => s.list.current().cloned().or(from.map(|i| *i)),
                            Some(_) => from.map(|i| *i).or_else(|| s.list.current().cloned()),
                        };
                        s.query.filter.search = before;
                        if changed {
                            unfilter(s, fx, item);
                        }
                        return;
                    }
                    _ => {}
                }
            }
            let new = searched(&input);
            if new != s.query.filter.search {
                s.query.filter.search = new;
                refilter(s, fx);
            }
            // An arrow keeps the search given back, to be typed on.
            let keeps = matches!(
                k.code,
                KeyCode::Left
                    | KeyCode::Right
                    | KeyCode::Home
                    | KeyCode::End
                    | KeyCode::Up
                    | KeyCode::Down
            );
            Mode::Search {
                input,
                fresh: fresh && !edits && !keeps,
                before,
                from,
            }
        }
        Mode::Pick(mut p) => match pick_key(&mut p, &k) {
            None => Mode::Pick(p),
            Some(None) => Mode::Normal,
            Some(Some(i)) => match p.choices.get(i).cloned() {
                Some(choice) => {
                    choose(s, p.purpose, choice, fx);
                    return;
                }
                None => Mode::Normal,
            },
        },
        Mode::SnoozeInput {
            target,
            mut input,
            error,
        } => {
            if ctrl(&k, 'u') {
                input.clear();
                Mode::SnoozeInput {
                    target,
                    input,
                    error: None,
                }
            } else if let Some(c) = typed(&k) {
                input.push(c);
                Mode::SnoozeInput {
                    target,
                    input,
                    error: None,
                }
            } else {
                match k.code {
                    KeyCode::Backspace => {
                        pop_character(&mut input);
                        Mode::SnoozeInput {
                            target,
                            input,
                            error: None,
                        }
                    }
                    KeyCode::Esc => Mode::Normal,
                    KeyCode::Enter => match crate::when::parse_until(&input, s.now) {
                        Ok(t) => {
                            act(s, target, Change::Snoozed(t), fx);
                            return;
                        }
                        Err(e) => Mode::SnoozeInput {
                            target,
                            input,
                            error: Some(one_line(&e)),
                        },
                    },
                    _ => Mode::SnoozeInput {
                        target,
                        input,
                        error,
                    },
                }
            }
        }
        Mode::Confirm(mut c) => match k.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => {
                confirm_yes(s, c, fx);
                return;
            }
            KeyCode::Enter if c.on_yes => {
                confirm_yes(s, c, fx);
                return;
            }
            KeyCode::Left
            | KeyCode::Right
            | KeyCode::Tab
            | KeyCode::BackTab
            | KeyCode::Char('h')
            | KeyCode::Char('l') => {
                c.on_yes = !c.on_yes;
                Mode::Confirm(c)
            }
            KeyCode::Char('n')
            | KeyCode::Char('N')
            | KeyCode::Esc
            | KeyCode::Enter
            | KeyCode::Char('q') => {
                s.say("Cancelled: nothing changed");
                Mode::Normal
            }
            _ => Mode::Confirm(c),
        },
        Mode::Note {
            mut input,
            was,
            leaving,
        } => {
            let note = |input, leaving| Mode::Note {
                input,
                was: was.clone(),
                leaving,
            };
            // Typing on after a first Esc goes on: the next Esc asks again.
            if ctrl(&k, 'u') {
                input.clear();
                note(input, false)
            } else if let Some(c) = typed(&k) {
                input.push(c);
                note(input, false)
            } else {
                match k.code {
                    KeyCode::Backspace => {
                        pop_character(&mut input);
                        note(input, false)
                    }
                    // What was typed is not thrown away at one key.
                    KeyCode::Esc if input.trim() != was.trim() && !leaving => {
                        s.say("Esc again leaves the note as it was; Enter saves it");
                        note(input, true)
                    }
                    // Entered untouched, a note of several lines (shown on
                    // one) stays as written.
                    KeyCode::Esc | KeyCode::Enter
                        if k.code == KeyCode::Esc || input.trim() == was.trim() =>
                    {
                        s.say("Note unchanged");
                        Mode::Normal
                    }
                    // Saved over the note it began from: one written
                    // meanwhile (`ackbox person --note`, another window) is
                    // not overwritten unseen (`Action::NoteChanged`).
                    KeyCode::Enter => {
                        if let Some(p) = &s.person {
                            fx.push(Effect::SetPerson {
                                platform: p.platform.clone(),
                                author: p.author.clone(),
                                vip: None,
                                note: Some(input.trim().to_owned()),
                                note_seen: Some(was),
                            });
                        }
                        Mode::Normal
                    }
                    _ => note(input, leaving),
                }
            }
        }
        Mode::Reply(mut d) => {
            if reply_key(s, &mut d, k, fx) {
                Mode::Reply(d)
            } else {
                Mode::Normal
            }
        }
    };
}

/// A key in the reply editor; false when the editor closes.
fn reply_key(s: &mut AppState, d: &mut Draft, k: KeyEvent, fx: &mut Vec<Effect>) -> bool {
    if let Some(mut p) = d.picking.take() {
        // Ctrl-C cancels the picker, as in every other.
        let k = match ctrl(&k, 'c') {
            true => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            false => k,
        };
        match pick_key(&mut p, &k) {
            None => d.picking = Some(p),
            Some(None) => {}
            Some(Some(i)) => {
                if let Some(t) = s.templates.get(i) {
                    put_template(d, &t.body, &s.lexicon);
                    d.error = None;
                }
            }
        }
        return true;
    }
    // The comment answered, where it runs past its box: a boxful a page,
    // its last line kept in sight on the next.
    let (shown, end) = d.quote_box.get();
    let page = shown.saturating_sub(1).max(1);
    match k.code {
        KeyCode::PageDown => {
            d.quote_scroll = d.quote_scroll.saturating_add(page).min(end);
            return true;
        }
        KeyCode::PageUp => {
            d.quote_scroll = d.quote_scroll.saturating_sub(page);
            return true;
        }
        _ => {}
    }
    // Ctrl-C cancels as in a shell's line editor.
    if k.code == KeyCode::Esc || ctrl(&k, 'c') {
        // One slip must not cost a written reply.
        const AGAIN: &str = "Esc (or ctrl-c) again discards this reply; any other key goes on";
        if unwritten(d, &s.lexicon) || d.error.as_deref() == Some(AGAIN) {
            s.say("Reply discarded: nothing saved");
            // A kept draft (an undone reply's) goes with it: discarded is gone.
            if d.item.draft.is_some() {
                fx.push(Effect::DropDraft(d.item.rid));
                for row in s.list.rows.iter_mut().filter(|i| i.rid == d.item.rid) {
                    row.draft = None;
                }
            }
            return false;
        }
        d.error = Some(AGAIN.into());
        return true;
    }
    if ctrl(&k, 's') {
        if unwritten(d, &s.lexicon) {
            s.say("Empty reply: nothing saved");
            return false;
        }
        let text = d.text();
        let body = text.trim();
        if let Some(p) = d.blanks.iter().find(|p| body.contains(p.as_str())) {
            d.error = Some(format!("Fill in {p} before saving"));
            return true;
        }
        if let Some(p) = d.kept_blanks.iter().find(|p| body.contains(p.as_str())) {
            d.error = Some(format!(
                "Fill in {p} before saving (ctrl-s again saves it as it is)"
            ));
            d.kept_blanks.clear();
            return true;
        }
        // Longer than ackbox keeps a reply: no ctrl-s saves it.
        if let Err(e) = crate::store::actions::importable(&crate::text::sanitize(body)) {
            d.error = Some(e.to_string());
            return true;
        }
        // Too long to post as it is: said once, the user's call after.
        if let (n, Some(limit)) = s.reply_count(&d.item.platform, &text)
            && n > limit
            && d.too_long.as_deref() != Some(body)
        {
            let over = super::state::too_long(n, limit, &d.item.platform);
            d.error = Some(format!("ctrl-s again saves it anyway · {over}"));
            d.too_long = Some(body.to_owned());
            return true;
        }
        if d.warned.as_deref() == Some(body) {
            // Flagged once and saved again: the user's call.
            fx.push(save(d, &s.lexicon));
        } else {
            fx.push(Effect::Judge {
                rid: d.item.rid,
                text: body.to_owned(),
            });
        }
        return true;
    }
    if ctrl(&k, 'e') {
        fx.push(Effect::Edit(d.text()));
        return true;
    }
    if ctrl(&k, 't') {
        if s.templates.is_empty() {
            d.error = Some("No saved replies yet: add [[templates]] to the config".into());
        } else if let Mode::Pick(p) = template_picker(s, Purpose::Template { rid: d.item.rid }) {
            d.picking = Some(p);
        }
        return true;
    }
    d.error = None;
    let kill = ctrl(&k, 'w') || ctrl(&k, 'k');
    let kept = d.editor.yank_text();
    edit(&mut d.editor, k);
    // Deletions in a row are put back together: Ctrl-W three times, then
    // Ctrl-Y, gives the three words.
    let took = d.editor.yank_text();
    if kill && d.killing && took != kept {
        let joined = match ctrl(&k, 'w') {
            true => format!("{took}{kept}"),
            false => format!("{kept}{took}"),
        };
        d.editor.set_yank_text(joined);
    }
    d.killing = kill;
    true
}

/// A key in the editor, moving and deleting by user-perceived character
/// (extended grapheme cluster) where the editor would take one code point:
/// a flag, an accent typed apart or a family emoji goes whole, never
/// leaving a dangling joiner.
fn edit(editor: &mut TextArea<'static>, k: KeyEvent) {
    use ratatui_textarea::{Input, Key};
    use unicode_segmentation::UnicodeSegmentation;
    let input = Input::from(k);
    let ratatui_textarea::DataCursor(row, col) = editor.cursor();
    let line = &editor.lines()[row];
    let at = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
    let chars = |g: Option<&str>| g.map_or(1, |g| g.chars().count());
    let before = chars(line[..at].graphemes(true).next_back());
    let after = chars(line[at..].graphemes(true).next());
    let (back, forward) = (col > 0, at < line.len());
    match input {
        Input {
            key: Key::Backspace,
            ctrl: false,
            alt: false,
            ..
        }
        | Input {
            key: Key::Char('h'),
            ctrl: true,
            alt: false,
            ..
        } if back && !editor.is_selecting() => {
            // Not kept to put back: Ctrl-Y still has what Ctrl-W took.
            if select_back(editor, before) {
                editor.delete_char();
            }
        }
        Input {
            key: Key::Delete,
            ctrl: false,
            alt: false,
            ..
        }
        | Input {
            key: Key::Char('d'),
            ctrl: true,
            alt: false,
            ..
        } if forward && !editor.is_selecting() => {
            editor.delete_str(after);
        }
        // Moved a code point at a time, so that shift still selects.
        Input {
            key: Key::Left,
            ctrl: false,
            alt: false,
            ..
        }
        | Input {
            key: Key::Char('b'),
            ctrl: true,
            alt: false,
            ..
        } if back => (0..before).for_each(|_| {
            editor.input(input.clone());
        }),
        Input {
            key: Key::Right,
            ctrl: false,
            alt: false,
            ..
        }
        | Input {
            key: Key::Char('f'),
            ctrl: true,
            alt: false,
            ..
        } if forward => (0..after).for_each(|_| {
            editor.input(input.clone());
        }),
        // As readline's: back over spaces, then over the word to the space
        // before it (the editor's own stopped at punctuation: "ship
        // worldwide." took two).
        Input {
            key: Key::Char('w'),
            ctrl: true,
            alt: false,
            ..
        } if back && !editor.is_selecting() => {
            let word = line[..at].trim_end();
            let start = word
                .char_indices()
                .rfind(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            if select_back(editor, line[start..at].chars().count()) {
                editor.cut();
            }
        }
        // A line feed (Ctrl-J, what some terminals send for Shift- or
        // Ctrl-Enter, or for a line break typed by a program) is a new
        // line: the editor's own binding deleted back to the line's start.
        Input {
            key: Key::Char('j'),
            ctrl: true,
            alt: false,
            ..
        } => editor.insert_newline(),
        Input {
            key: Key::Char(c @ ('u' | 'r')),
            ctrl: true,
            alt: false,
            ..
        } => take_back(editor, c == 'u'),
        _ => {
            editor.input(input);
        }
    }
}

/// `Ctrl-U` (`back`) and `Ctrl-R`: an edit taken back or done again, and a
/// run of typing as one, a word and the space before it (the editor keeps
/// each character typed as an edit of its own: a sentence took dozens).
fn take_back(editor: &mut TextArea<'static>, back: bool) {
    // The character an edit typed, where it was one: the cursor one
    // character along on its row, the row one longer, no row more or less.
    let step = |editor: &mut TextArea<'static>| -> Option<Option<char>> {
        let ratatui_textarea::DataCursor(row, col) = editor.cursor();
        let rows = editor.lines().len();
        let len = editor.lines()[row].chars().count();
        // Taken back, a typed character was before the cursor.
        let before = col
            .checked_sub(1)
            .and_then(|c| editor.lines()[row].chars().nth(c));
        if !(if back { editor.undo() } else { editor.redo() }) {
            return None;
        }
        let ratatui_textarea::DataCursor(r, c) = editor.cursor();
        if r != row || editor.lines().len() != rows {
            return Some(None);
        }
        let now = editor.lines()[row].chars().count();
        let typed = match back {
            true => c + 1 == col && now + 1 == len,
            false => col + 1 == c && now == len + 1,
        };
        // Done again, it is before the cursor now.
        let after = c
            .checked_sub(1)
            .and_then(|c| editor.lines()[row].chars().nth(c));
        Some(typed.then_some(if back { before } else { after }).flatten())
    };
    // Back, a run ends past a space (it goes with the word after it); on,
    // at a space (it begins the next run).
    let Some(Some(mut last)) = step(editor) else {
        return;
    };
    loop {
        match step(editor) {
            Some(Some(c))
                if if back {
                    !last.is_whitespace()
                } else {
                    !c.is_whitespace()
                } =>
            {
                last = c;
            }
            // Not of the run: done again (or taken back) as it was.
            Some(_) => {
                if back {
                    editor.redo();
                } else {
                    editor.undo();
                }
                return;
            }
            None => return,
        }
    }
}

/// Selects the `n` characters before the cursor, to delete as one edit:
/// by moving back, as the editor's jumps take positions up to 65,535 only
/// (a jump past them deleted elsewhere in a long line).
fn select_back(editor: &mut TextArea<'static>, n: usize) -> bool {
    if n > 0 {
        editor.start_selection();
        (0..n).for_each(|_| editor.move_cursor(CursorMove::Back));
    }
    n > 0
}

/// The draft `r` opens on `item`: its kept draft, where a saved reply's
/// placeholder it holds that the item cannot fill still waits to be
/// filled in (after a restart too), else the greeting a reply starts with.
fn draft_for(item: Item, s: &AppState) -> Draft {
    let theme = crate::tui::view::Theme { color: s.color };
    match item.draft.clone() {
        Some(kept) => {
            // (Not braces the user typed: `{id}` is no saved reply's.)
            let mut blanks = filled(&kept, &item, &s.lexicon).1;
            blanks.retain(|p| PLACEHOLDERS.contains(&p.as_str()));
            let mut draft = Draft::new(item, &kept, theme);
            draft.kept_blanks = blanks;
            draft
        }
        None => {
            let greeting = addressee(&item, &s.lexicon);
            Draft::new(item, &greeting, theme)
        }
    }
}

/// Puts the saved reply `body` in the draft: in place of a draft that is
/// empty or only the @handle, else at the cursor of one already written,
/// not glued to the word before it (one edit, the space with it: one
/// Ctrl-U takes it back).
fn put_template(d: &mut Draft, body: &str, lexicon: &Lexicon) {
    d.blanks.extend(filled(body, &d.item, lexicon).1);
    if unwritten(d, lexicon) {
        replace_text(&mut d.editor, &expand(body, &d.item, lexicon));
        return;
    }
    let ratatui_textarea::DataCursor(row, col) = d.editor.cursor();
    let before = col
        .checked_sub(1)
        .and_then(|c| d.editor.lines()[row].chars().nth(c));
    let space = match before {
        Some(c) if !c.is_whitespace() => " ",
        _ => "",
    };
    d.editor
        .insert_str(format!("{space}{}", fill(body, &d.item, lexicon)));
}

/// Whether the draft holds nothing but (at most) the greeting it began with.
pub(crate) fn unwritten(d: &Draft, lexicon: &Lexicon) -> bool {
    let text = d.text();
    let body = text.trim();
    body.is_empty() || body == addressee(&d.item, lexicon).trim()
}

/// The effect that records the draft: the text stored is the text copied.
/// Spaces typed after the `@handle ` the draft began with are its one space
/// (the one put there does not show).
fn save(d: &Draft, lexicon: &Lexicon) -> Effect {
    let mut text = d.text();
    let greeting = addressee(&d.item, lexicon);
    if let Some(rest) = text
        .strip_prefix(&greeting)
        .filter(|_| !greeting.is_empty())
    {
        text = format!("{greeting}{}", rest.trim_start_matches(' '));
    }
    Effect::Reply {
        rid: d.item.rid,
        body: crate::text::sanitize(crate::text::trim_blank_lines(&text)),
        url: d
            .item
            .url
            .as_deref()
            .or(d.item.thread_url.as_deref())
            .map(one_line),
    }
}

fn confirm_yes(s: &mut AppState, c: Confirm, fx: &mut Vec<Effect>) {
    // The selection was acted on (`D` acts on the flagged items instead).
    if c.yes.iter().any(|e| match e {
        Effect::Apply { target, .. } => target.is_bulk() && !flagged(target),
        _ => false,
    }) {
        s.sent_selection = Some(std::mem::replace(&mut s.selection, Selection::None));
    }
    // What it changes, picked here or in the view behind a person's, is
    // acted on here: the items picked, the rows loaded that `*` or `D`
    // takes.
    for e in &c.yes {
        let rids = match e {
            Effect::Apply {
                target: Target::Rids(items),
                ..
            } => items.iter().map(|i| i.rid).collect(),
            Effect::Apply {
                target: Target::Matching(q, _),
                change,
            } => (s.list.rows.iter())
                .filter(|i| takes(q, *change, i))
                .map(|i| i.rid)
                .collect(),
            _ => continue,
        };
        changed_here(s, rids);
    }
    if c.yes.iter().any(|e| matches!(e, Effect::Apply { .. })) {
        s.say("Working…");
    }
    fx.extend(c.yes);
    s.mode = Mode::Normal;
}

fn choose(s: &mut AppState, purpose: Purpose, choice: Choice, fx: &mut Vec<Effect>) {
    s.mode = Mode::Normal;
    match (purpose, choice) {
        (Purpose::Dismiss(t), Choice::Reason(r)) => {
            s.last_reason = r;
            act(s, t, Change::Dismissed(r), fx);
        }
        (Purpose::Dismiss(t), Choice::ReasonByFlags) => act(s, t, Change::DismissedByFlags, fx),
        (Purpose::Snooze(t), Choice::SnoozeUntil(_, at)) => act(s, t, Change::Snoozed(at), fx),
        (Purpose::Snooze(target), Choice::SnoozeCustom) => {
            s.mode = Mode::SnoozeInput {
                target,
                input: String::new(),
                error: None,
            }
        }
        (Purpose::Filter, Choice::ClearFilters) => {
            // A person's view is a filter too (the status line says so);
            // the item the cursor is on there is listed once none is left
            // (or, a filter listing nothing, the one it began on).
            let here = s
                .list
                .current()
                .cloned()
                .or_else(|| s.filtered_from.clone());
            leave_person(s, fx);
            if s.query != Query::default() {
                s.query = Query::default();
                refilter(s, fx);
                if let Some(item) = here.filter(|_| s.view != View::Stats) {
                    load_from(s, fx, &item);
                }
            }
        }
        (Purpose::Filter, Choice::Platform(p)) => set_filter(s, fx, |q| q.filter.platform = p),
        (Purpose::Filter, Choice::Flag(f)) => set_filter(s, fx, |q| q.flag = f),
        (Purpose::Filter, Choice::Older(days)) => {
            let older = days.map(|d| Older::than(d, s.now));
            set_filter(s, fx, |q| q.older = older);
        }
        (Purpose::Filter, Choice::View(v)) => {
            // A state chosen keeps the cursor on its item where it has it.
            let kept = (s.list.current().cloned())
                .filter(|i| v != View::Stats && v.state().is_none_or(|state| state == i.state));
            set_view(s, v, fx);
            if let Some(item) = kept {
                load_from(s, fx, &item);
            }
        }
        (Purpose::Template { rid }, Choice::Template(i)) => {
            let item = s.list.rows.iter().find(|i| i.rid == rid).cloned();
            if item.is_none() {
                s.complain("Nothing done: the item left this view meanwhile (changed elsewhere)");
            }
            if let (Some(item), Some(t)) = (item, s.templates.get(i)) {
                // As `r` opens it (a kept draft, an undone reply's, is not
                // passed by), with the saved reply put in as Ctrl-T does.
                let mut draft = draft_for(item, s);
                put_template(&mut draft, &t.body, &s.lexicon);
                s.mode = Mode::Reply(Box::new(draft));
            }
        }
        _ => {}
    }
}

/// The search a search line asks for: none when it holds only spaces.
fn searched(input: &str) -> Option<String> {
    (!input.trim().is_empty()).then(|| input.to_owned())
}

fn paste(s: &mut AppState, text: &str, fx: &mut Vec<Effect>) {
    match &mut s.mode {
        Mode::Reply(d) => {
            d.editor.insert_str(crate::text::sanitize(text));
        }
        Mode::Search { input, fresh, .. } => {
            if std::mem::take(fresh) {
                input.clear();
            }
            input.push_str(&one_line(text));
            s.query.filter.search = searched(input);
            refilter(s, fx);
        }
        Mode::SnoozeInput { input, .. } | Mode::Note { input, .. } => {
            input.push_str(&one_line(text))
        }
        _ => {}
    }
}

/// The help scrolled by `delta` lines, no further than its last line.
/// Back to the list, the detail pane at its top again: its head (who, what
/// state) in sight beside the list's cursor.
fn leave_detail(s: &mut AppState) {
    s.focus = Focus::List;
    s.detail_scroll = 0;
}

fn help_scrolled(s: &AppState, scroll: u16, delta: i32) -> Mode {
    let max = i32::from(help::max_scroll(s));
    Mode::Help {
        scroll: (i32::from(scroll) + delta).clamp(0, max) as u16,
    }
}

/// The wheel scrolls the pane under the pointer (the focused one when it is
/// over neither), and leaves the focus where it is.
/// The mouse acts on the review as a key does: the note that a reply was
/// saved closes (the keys other than `o` close it), and what the status
/// line said of the last action goes.
fn close_posted(s: &mut AppState) {
    if matches!(s.mode, Mode::Posted { .. }) {
        s.mode = Mode::Normal;
    }
    if matches!(s.mode, Mode::Normal) {
        s.status = None;
    }
}

fn scroll(s: &mut AppState, delta: isize, at: Position) {
    close_posted(s);
    match &mut s.mode {
        // The comment answered, above the draft (which follows its cursor).
        Mode::Reply(d) => {
            let (_, end) = d.quote_box.get();
            d.quote_scroll = d.quote_scroll.saturating_add_signed(delta as i16).min(end);
        }
        // A notch moves the choice by one.
        Mode::Pick(p) => {
            let last = p.choices.len().saturating_sub(1);
            p.sel = p.sel.saturating_add_signed(delta.signum()).min(last);
        }
        Mode::Help { scroll } => {
            let scroll = *scroll;
            s.mode = help_scrolled(s, scroll, delta as i32);
        }
        Mode::Normal if s.view != View::Stats => {
            let a = layout::screen(s);
            let detail = if a.detail.contains(at) {
                true
            } else if a.list.contains(at) {
                false
            } else {
                s.focus == Focus::Detail
            };
            if detail {
                scroll_detail(s, delta as i32);
            } else {
                move_by(s, delta);
            }
        }
        _ => {}
    }
}

fn click(s: &mut AppState, column: u16, row: u16, fx: &mut Vec<Effect>) {
    close_posted(s);
    if let Mode::Pick(p) = &s.mode {
        // A click on a choice chooses it, as its number does.
        let (area, offset) = crate::tui::view::dialogs::picker_box(
            ratatui::layout::Rect::new(0, 0, s.size.0, s.size.1),
            p,
            s,
        );
        let inside = area.inner(ratatui::layout::Margin::new(1, 1));
        if inside.contains(Position::new(column, row)) {
            let i = offset + usize::from(row - inside.y);
            if let Some(choice) = p.choices.get(i).cloned() {
                let Mode::Pick(p) = std::mem::replace(&mut s.mode, Mode::Normal) else {
                    return;
                };
                choose(s, p.purpose, choice, fx);
            }
        }
        return;
    }
    if !matches!(s.mode, Mode::Normal) || s.empty {
        return;
    }
    let a = layout::screen(s);
    let p = Position::new(column, row);
    if a.tabs.contains(p) {
        if let Some(v) = layout::tab_at(s, column) {
            set_view(s, v, fx);
        }
        return;
    }
    if s.view == View::Stats {
        return;
    }
    if a.list.contains(p) {
        s.focus = Focus::List;
        let top = a.list.y + 1;
        if row >= top && row < a.list.y + a.list.height - 1 {
            let i = s.list.offset + usize::from(row - top);
            if i < s.list.rows.len() {
                s.list.sel = i;
                ensure_visible(s);
            }
        }
    } else if a.detail.contains(p) {
        s.focus = Focus::Detail;
    }
}

/// Takes the last character a reader sees off a line being typed: a
/// letter with its accents, an emoji with its joiners (Backspace in the
/// reply editor does the same).
fn pop_character(input: &mut String) {
    use unicode_segmentation::UnicodeSegmentation;
    let keep = input
        .grapheme_indices(true)
        .next_back()
        .map_or(0, |(at, _)| at);
    input.truncate(keep);
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
