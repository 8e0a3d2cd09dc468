//! The reply editor: the comment being answered above, the draft below
//! (ratatui-textarea), problems (an unfilled placeholder) in words.

use super::one_line;
use super::{Theme, dialogs};
use crate::text::truncate;
use crate::tui::state::{AppState, Draft};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::buffer::CellWidth as _;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;
use unicode_segmentation::UnicodeSegmentation as _;

pub fn render(frame: &mut Frame, area: Rect, d: &Draft, s: &AppState, t: Theme) {
    frame.render_widget(Clear, area);
    let item = &d.item;
    let (n, limit) = s.reply_count(&item.platform, &d.text());
    let copied = if s.clipboard {
        "a reply, once saved, is copied to the clipboard"
    } else {
        "a reply, once saved, is sent to the terminal to copy (OSC 52)"
    };
    let (message, style) = match (&d.error, limit) {
        (Some(e), _) => (format!("✗ {}", one_line(e)), t.error()),
        (None, Some(limit)) if n > limit => (
            one_line(&crate::tui::state::too_long(n, limit, &item.platform)),
            t.error(),
        ),
        (None, Some(limit)) => (format!("{} / {} characters · {copied}", n, limit), t.dim()),
        (None, None) => (
            format!(
                "{} · {copied}",
                crate::text::counted(n as u64, "character", "characters")
            ),
            t.dim(),
        ),
    };
    // A problem says what to do about it ("ctrl-s again saves it anyway"):
    // all of it, on up to four rows of a narrow screen.
    let msg_w = area.width.saturating_sub(1).max(1);
    let note = Paragraph::new(Line::from(Span::styled(message, style))).wrap(Wrap { trim: true });
    let msg_h = note.line_count(msg_w).clamp(1, 4);
    // As the detail pane shows it: its tabs as spaces (dropped, they glued
    // words), a hostile size cut (wrapped at every key typed).
    let quote_w = area.width.saturating_sub(3).max(1);
    let comment = Paragraph::new(super::detail::body_lines(&item.body, quote_w.into(), t))
        .wrap(Wrap { trim: false });
    // The comment whole where it fits beside an editor of four lines: the
    // question answered is often at its end.
    let lines = comment.line_count(quote_w);
    let room = area
        .height
        .saturating_sub(u16::try_from(msg_h).unwrap_or(1) + 6);
    let quote_h = u16::try_from(lines + 2)
        .unwrap_or(u16::MAX)
        .clamp(3, room.max(3));
    let [quote, editor, msg] = Layout::vertical([
        Constraint::Length(quote_h),
        Constraint::Min(3),
        Constraint::Length(u16::try_from(msg_h).unwrap_or(1)),
    ])
    .areas(area);
    let w = usize::from(area.width.saturating_sub(4));
    // A second reply is worth knowing about before it is written.
    let again = if item.state == crate::model::State::Answered {
        " · answered already"
    } else {
        ""
    };
    // By name where the handle is a number (Facebook's); under which post
    // (what a reply may name), cut inside its quotes to the room left.
    let head = format!(
        " Reply to {} on {}{again}",
        super::short_author(&item.author, item.author_name.as_deref()),
        one_line(&item.platform)
    );
    let title_room = w.saturating_sub(crate::text::width(&head) + crate::text::width(" · in “” "));
    let thread = (item.thread_title.as_deref())
        .filter(|title| !title.trim().is_empty() && title_room >= 8)
        .map(|title| format!(" · in “{}”", truncate(&one_line(title), title_room)))
        .unwrap_or_default();
    let title = format!("{head}{thread} ");
    let mut quote_block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.dim())
        .title(Line::from(Span::styled(truncate(&title, w), t.title())));
    // Cut short on a small screen: PgDn and PgUp scroll it, and its
    // bottom border says how much is above and below.
    let shown = usize::from(quote.height.saturating_sub(2)).max(1);
    let end = lines.saturating_sub(shown);
    let fits = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    d.quote_box.set((fits(shown), fits(end)));
    let top = usize::from(d.quote_scroll).min(end);
    let below = lines.saturating_sub(top + shown);
    if top > 0 || below > 0 {
        let lines = |n: usize| crate::text::noun(n as u64, "line", "lines");
        let more = match (top, below) {
            (0, _) => format!(" … {below} more {} · pgdn ", lines(below)),
            (_, 0) => format!(" {top} {} above · pgup ", lines(top)),
            _ => format!(" {top} above · {below} more {} · pgup/pgdn ", lines(below)),
        };
        quote_block =
            quote_block.title_bottom(Line::from(Span::styled(truncate(&more, w), t.dim())));
    }
    let quote_inner = super::wrap_area(quote_block.inner(quote));
    frame.render_widget(quote_block, quote);
    let top = u16::try_from(top).unwrap_or(u16::MAX);
    frame.render_widget(comment.scroll((top, 0)), quote_inner);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(t.accent())
        .title(Line::from(Span::styled(
            " Your reply · ctrl-s save · ctrl-e $EDITOR · ctrl-t saved reply · esc cancel ",
            t.title(),
        )));
    // A draft taller than its box: its lower edge says so (the box shows
    // the cursor's part).
    let draft = Paragraph::new(
        d.editor
            .lines()
            .iter()
            .map(|l| Line::raw(l.as_str()))
            .collect::<Vec<_>>(),
    )
    .wrap(Wrap { trim: false });
    let rows = draft.line_count(editor.width.saturating_sub(2).max(1));
    let room = usize::from(editor.height.saturating_sub(2));
    if rows > room {
        let more = format!(" {rows} lines, {} out of sight · ↑/↓ ", rows - room);
        block = block.title_bottom(Line::from(Span::styled(truncate(&more, w), t.dim())));
    }
    // Drawn, the editor learns the width its lines wrap at: ↑ and ↓ move
    // by screen line.
    let inner = block.inner(editor);
    frame.render_widget(block, editor);
    render_editor(frame, &d.editor, inner, rows);
    frame.render_widget(
        note,
        // One column in from the edge, as the footer's keys.
        Rect {
            x: msg.x + 1,
            width: msg_w,
            ..msg
        },
    );
    if let Some(p) = &d.picking {
        dialogs::picker(frame, area, p, s, t);
    }
}

/// Draws the draft's editor in `area`; `rows`, the draft's screen lines.
/// A box grown since the draft was scrolled (a taller window) shows it
/// from as far up as it can with the cursor in sight, not from where a
/// smaller box had to scroll to, empty rows below and its start hidden.
fn render_editor(frame: &mut Frame, editor: &TextArea<'static>, area: Rect, rows: usize) {
    let (top, _) = editor.scroll_offset();
    let room = usize::from(area.height);
    if usize::from(top) <= rows.saturating_sub(room) {
        frame.render_widget(editor, area);
        typing_at(frame, editor, area);
        return;
    }
    // Drawn at its new size first, the draft learns its box (↑ and ↓ move
    // by the lines shown), and the copy scrolls with the cursor in place.
    editor.render(area, &mut Buffer::empty(area));
    let mut grown = editor.clone();
    let cursor = grown.screen_cursor().row;
    let fits = rows
        .saturating_sub(room)
        .max((cursor + 1).saturating_sub(room));
    let up = usize::from(top).saturating_sub(fits);
    grown.scroll((-i16::try_from(up).unwrap_or(i16::MAX), 0));
    frame.render_widget(&grown, area);
    typing_at(frame, &grown, area);
}

/// The column the editor's cursor is drawn at, from `col`, the editor's
/// own: it adds up its characters' widths, where ratatui draws a cluster of
/// them (`👍🏽`, a family joined with ZWJ) in the two cells of one. The
/// characters before the cursor on its screen line are those `col` counts.
fn drawn_col(editor: &TextArea<'static>, col: usize) -> usize {
    let ratatui_textarea::DataCursor(row, at) = editor.cursor();
    let Some(line) = editor.lines().get(row) else {
        return col;
    };
    let before: Vec<char> = line.chars().take(at).collect();
    let (mut start, mut counted) = (before.len(), 0);
    while start > 0 && counted < col {
        start -= 1;
        counted += cells(before[start].encode_utf8(&mut [0; 4]));
    }
    let shown: String = before[start..].iter().collect();
    // A tab's width depends on where it falls: the editor's own count then.
    if counted != col || shown.contains('\t') {
        return col;
    }
    shown.graphemes(true).map(cells).sum()
}

/// Cells as ratatui's buffer counts them (a control character none, as the
/// editor has it).
fn cells(s: &str) -> usize {
    if s.chars().all(char::is_control) {
        0
    } else {
        usize::from(s.cell_width())
    }
}

/// Puts the terminal's cursor on the editor's, as drawn in `area`: an
/// input method's window (Japanese, Chinese) and a screen magnifier follow it.
fn typing_at(frame: &mut Frame, editor: &TextArea<'static>, area: Rect) {
    let (top, left) = editor.scroll_offset();
    let at = editor.screen_cursor();
    let row = u16::try_from(at.row).ok().and_then(|r| r.checked_sub(top));
    let col = u16::try_from(drawn_col(editor, at.col))
        .ok()
        .and_then(|c| c.checked_sub(left));
    // After a line that fills the box, on its last cell.
    let col = col.map(|c| c.min(area.width.saturating_sub(1)));
    if let (Some(row), Some(col)) = (row, col)
        && row < area.height
    {
        frame.set_cursor_position((area.x + col, area.y + row));
    }
}
