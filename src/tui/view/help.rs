//! `?`: every command with its keys, straight from the keymap (so rebound
//! keys show as bound), then the keys of the editor and the dialogs.

use super::{Theme, pad};
use crate::tui::action::Command;
use crate::tui::state::AppState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

/// The help text, one line per command.
pub fn lines(s: &AppState, t: Theme) -> Vec<Line<'static>> {
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
        out.push(Line::from(vec![
            Span::styled(pad(&keys, 18), t.key()),
            Span::raw((*what).to_owned()),
        ]));
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled("In the reply editor", t.title())));
    for (k, what) in [
        (
            "ctrl-s",
            "save: record the reply, copy it, offer to open the link",
        ),
        ("ctrl-e", "edit in $VISUAL / $EDITOR"),
        (
            "ctrl-t",
            "insert a template ({name} {first_name} {thread_title})",
        ),
        ("esc", "cancel (nothing is saved)"),
    ] {
        out.push(Line::from(vec![
            Span::styled(pad(k, 18), t.key()),
            Span::raw(what.to_owned()),
        ]));
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        "In pickers and questions",
        t.title(),
    )));
    for (k, what) in [
        ("j/k enter 1-9", "move, choose"),
        ("y / n", "yes / no (the default is No)"),
        ("esc", "cancel"),
        ("mouse", "wheel scrolls, a click selects"),
    ] {
        out.push(Line::from(vec![
            Span::styled(pad(k, 18), t.key()),
            Span::raw(what.to_owned()),
        ]));
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, s: &AppState, scroll: u16, t: Theme) {
    let lines = lines(s, t);
    let h = (lines.len() as u16 + 2).min(area.height);
    let w = 76.min(area.width);
    let [v] = Layout::vertical([Constraint::Length(h)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(w)])
        .flex(Flex::Center)
        .areas(v);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).block(
            Block::default()
                .borders(Borders::ALL)
                .border_type(BorderType::Double)
                .title(Line::from(Span::styled(
                    " Keys (j/k scroll, any other key closes) ",
                    t.title(),
                ))),
        ),
        popup,
    );
}
