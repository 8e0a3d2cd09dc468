//! `?`: every command with its keys, straight from the keymap (so rebound
//! keys show as bound), then the keys of the editor and the dialogs.

use super::{Theme, pad};
use crate::text::wrap_words as wrap;
use crate::tui::action::Command;
use crate::tui::state::AppState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

/// The keys' column; descriptions wrap under their own column.
const KEY_W: usize = 18;
/// The popup's widest: wider than this, lines get hard to follow.
const MAX_W: u16 = 100;

/// One part of the help: a heading, a gap, or keys and what they do.
enum Entry {
    Heading(&'static str),
    Gap,
    Keys(String, &'static str),
}

fn entries(s: &AppState) -> Vec<Entry> {
    let mut out = Vec::new();
    for (cmd, _, what) in Command::ALL {
        let keys = s
            .bindings
            .iter()
            .find(|(c, _)| c == cmd)
            .map(|(_, k)| k.join(", "))
            .unwrap_or_default();
        let keys = if keys.is_empty() {
            "(unbound)".to_owned()
        } else {
            keys
        };
        out.push(Entry::Keys(keys, what));
    }
    out.push(Entry::Gap);
    out.push(Entry::Heading("In the reply editor"));
    for (k, what) in [
        (
            "ctrl-s",
            "save: record the reply, copy it, offer to open the link",
        ),
        ("ctrl-e", "edit in $VISUAL / $EDITOR"),
        (
            "ctrl-t",
            "insert a saved reply ({name} {first_name} {thread_title})",
        ),
        ("enter, ctrl-j", "a new line"),
        (
            "ctrl-k, ctrl-w",
            "delete to the line's end, the word before",
        ),
        ("ctrl-u, ctrl-r", "undo, redo"),
        ("ctrl-y", "paste what was deleted"),
        ("pgdn, pgup", "scroll the comment above the draft"),
        (
            "esc, ctrl-c",
            "cancel (twice once something is written; nothing is saved)",
        ),
    ] {
        out.push(Entry::Keys(k.to_owned(), what));
    }
    out.push(Entry::Gap);
    out.push(Entry::Heading("In a search, a note, a snooze time"));
    for (k, what) in [
        (
            "enter",
            "keep it (a search: its list; a note, a time: save)",
        ),
        ("ctrl-u, backspace", "clear, delete the last character"),
        ("↓ ↑", "a search: walk its results while typing"),
        ("esc", "take it back"),
    ] {
        out.push(Entry::Keys(k.to_owned(), what));
    }
    out.push(Entry::Gap);
    out.push(Entry::Heading("In pickers and questions"));
    for (k, what) in [
        ("j/k enter 1-9", "move, choose"),
        ("y / n, ← →", "yes / no (the default is No)"),
        ("esc, ctrl-c", "cancel"),
    ] {
        out.push(Entry::Keys(k.to_owned(), what));
    }
    out.push(Entry::Gap);
    out.push(Entry::Heading("A row's flags"));
    for (k, what) in [
        (
            "[?] [bait]",
            "a question; reciprocity bait or self-promotion",
        ),
        ("[link] [@]", "only a link; only mentions"),
        (
            "[emoji] [copy]",
            "only emoji; the same text in several threads",
        ),
    ] {
        out.push(Entry::Keys(k.to_owned(), what));
    }
    out.push(Entry::Gap);
    out.push(Entry::Heading("The mouse"));
    out.push(Entry::Keys(
        "wheel, click".to_owned(),
        "scroll the pane under it, select; in a picker move, choose",
    ));
    out
}

/// The help text for a popup whose inside is `inner_w` columns wide.
pub fn lines(s: &AppState, t: Theme, inner_w: usize) -> Vec<Line<'static>> {
    let what_w = inner_w.saturating_sub(KEY_W).max(10);
    let mut out = Vec::new();
    for e in entries(s) {
        match e {
            Entry::Heading(h) => out.push(Line::from(Span::styled(h, t.title()))),
            Entry::Gap => out.push(Line::default()),
            Entry::Keys(keys, what) => {
                for (i, part) in wrap(what, what_w).into_iter().enumerate() {
                    let key = if i == 0 {
                        pad(&keys, KEY_W)
                    } else {
                        pad("", KEY_W)
                    };
                    out.push(Line::from(vec![
                        Span::styled(key, t.key()),
                        Span::raw(part),
                    ]));
                }
            }
        }
    }
    out
}

/// Where the popup goes in `area`, and its text.
fn layout(s: &AppState, area: Rect, t: Theme) -> (Rect, Vec<Line<'static>>) {
    let w = MAX_W.min(area.width);
    let lines = lines(s, t, usize::from(w.saturating_sub(2)));
    let h = (lines.len() as u16 + 2).min(area.height);
    let [v] = Layout::vertical([Constraint::Length(h)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(w)])
        .flex(Flex::Center)
        .areas(v);
    (popup, lines)
}

/// How far the help scrolls: until its last line is at the bottom.
pub fn max_scroll(s: &AppState) -> u16 {
    let area = Rect::new(0, 0, s.size.0, s.size.1);
    let (popup, lines) = layout(s, area, Theme { color: false });
    (lines.len() as u16).saturating_sub(popup.height.saturating_sub(2))
}

pub fn render(frame: &mut Frame, area: Rect, s: &AppState, scroll: u16, t: Theme) {
    let (popup, lines) = layout(s, area, t);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .title(Line::from(Span::styled(
            format!(
                " Keys ({}/{} {}/{} scroll, any other key closes) ",
                or_default(s.key_for(Command::Down), "j"),
                or_default(s.key_for(Command::Up), "k"),
                or_default(s.key_for(Command::Top), "g"),
                or_default(s.key_for(Command::Bottom), "G"),
            ),
            t.title(),
        )));
    // The keys past the box's edges are counted on its lower edge.
    let shown = usize::from(popup.height.saturating_sub(2));
    let top = usize::from(scroll);
    let below = lines.len().saturating_sub(top + shown);
    let inner_w = usize::from(popup.width.saturating_sub(2));
    if let Some(edge) = super::dialogs::out_of_sight(top, below, inner_w, t) {
        block = block.title_bottom(edge);
    }
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).block(block),
        popup,
    );
}

/// A bound key's name, or the help's own where `[keys]` left none.
fn or_default<'a>(key: &'a str, own: &'a str) -> &'a str {
    if key.is_empty() { own } else { key }
}
