//! The person view's header (`p`): who they are, how often they write and
//! how we answer them, loyal or left waiting, VIP and the note. The list
//! and the detail pane below are the usual ones, filtered to them.

use super::{Theme, ago, distinct_name, one_line};
use crate::stats::human_secs;
use crate::text::{counted, truncate, wrap_words};
use crate::tui::action::Command;
use crate::tui::state::{AppState, PersonView};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

/// The header's lines (without the border), each cut to `w` columns;
/// `note_rows` are the rows left for the note.
pub fn lines(
    p: &PersonView,
    s: &AppState,
    t: Theme,
    w: usize,
    note_rows: usize,
) -> Vec<Line<'static>> {
    let Some(f) = &p.figures else {
        return vec![Line::from(Span::styled("loading…", t.dim()))];
    };
    let r = &f.row;
    let cut = |text: String| truncate(&text, w);
    let (items, median) = (
        counted(r.items, "item", "items"),
        r.median_reply_secs.map_or("—".to_owned(), human_secs),
    );
    let (a, d, n) = (r.answered, r.dismissed, r.needs_reply);
    let mut out = vec![Line::raw(cut(fitting(
        w,
        vec![
            format!("{items} · {a} answered · {d} dismissed · {n} waiting · median reply {median}"),
            format!("{items} · {a} answered · {d} dismissed · {n} waiting · median {median}"),
            format!("{items} · {a} ans. · {d} dism. · {n} waiting · median {median}"),
        ],
    )))];
    // The tag first, whole: cut, "loyal, left waiting" read as "loyal".
    let (tag, style) = if f.left_waiting {
        ("loyal, left waiting", t.warn())
    } else if f.loyal {
        ("loyal", t.ok())
    } else if crate::import::shared::strangers(&r.platform, &r.author) {
        // Never loyal: their items are strangers'.
        ("strangers, their names withheld", t.dim())
    } else {
        ("not loyal yet", t.dim())
    };
    let (first, last) = (ago(r.first_seen, s.now), ago(r.last_seen, s.now));
    // Each item dismissed as bait or spam takes a week away: said, as
    // "not loyal yet" with three weeks would not say why.
    let active = match r.noise {
        0 => format!("{} active", counted(r.weeks, "week", "weeks")),
        n => format!(
            "{} active, {n} less for bait or spam",
            counted(r.weeks, "week", "weeks")
        ),
    };
    let room = w.saturating_sub(tag.len());
    let dates = fitting(
        room,
        vec![
            format!(" · first seen {first} · last seen {last} · {active}"),
            format!(" · last seen {last} · {active}"),
            format!(" · last seen {last}"),
        ],
    );
    out.push(Line::from(vec![
        Span::styled(cut(tag.to_owned()), style),
        Span::raw(truncate(&dates, room)),
    ]));
    // What the user keeps about them, VIP first, where neither a long name
    // in the title nor a full line of figures can cut it off: the note
    // whole, on as many rows as it was given.
    let vip = if r.vip { VIP } else { "" };
    match kept_lines(p, w) {
        Some(mut lines) => {
            let rows = note_rows.max(1);
            if lines.len() > rows {
                lines.truncate(rows);
                lines[rows - 1] = truncate(&format!("{} …", lines[rows - 1]), w);
            }
            for (i, line) in lines.into_iter().enumerate() {
                let head = format!("{vip}{NOTE}");
                out.push(match line.strip_prefix(&head) {
                    Some(text) if i == 0 => Line::from(vec![
                        Span::styled(vip, t.accent()),
                        Span::styled(NOTE, t.dim()),
                        Span::raw(text.to_owned()),
                    ]),
                    _ => Line::raw(line),
                });
            }
        }
        None => out.push(Line::from(vec![
            Span::styled(vip, t.accent()),
            Span::styled(
                truncate(
                    &format!(
                        "no note{}{}",
                        s.key_does(Command::Note, "writes one")
                            .map_or(String::new(), |o| format!(": {o}")),
                        s.key_does(Command::Vip, if r.vip { "untags VIP" } else { "tags VIP" })
                            .map_or(String::new(), |o| format!(" · {o}"))
                    ),
                    w.saturating_sub(crate::text::width(vip)),
                ),
                t.dim(),
            ),
        ])),
    }
    out
}

/// The first of `forms` that fits `w` columns, else the last (cut where
/// shown): a narrow header drops words before figures.
fn fitting(w: usize, forms: Vec<String>) -> String {
    let last = forms.last().cloned().unwrap_or_default();
    (forms.into_iter())
        .find(|f| crate::text::width(f) <= w)
        .unwrap_or(last)
}

const VIP: &str = "★ VIP · ";
const NOTE: &str = "note: ";

/// The note's lines at `w` columns after the VIP tag, or `None` without a
/// note.
fn kept_lines(p: &PersonView, w: usize) -> Option<Vec<String>> {
    let r = &p.figures.as_ref()?.row;
    let note = r.note.as_deref().filter(|n| !n.trim().is_empty())?;
    let vip = if r.vip { VIP } else { "" };
    Some(wrap_words(&format!("{vip}{NOTE}{}", one_line(note)), w))
}

/// Rows the header wants at `width` columns (borders included): two of
/// figures, and the note's, up to [`MAX_NOTE_ROWS`].
pub fn rows(p: &PersonView, width: u16) -> u16 {
    let note = kept_lines(p, usize::from(width.saturating_sub(2))).map_or(1, |l| l.len());
    4 + note.min(MAX_NOTE_ROWS) as u16
}

/// A longer note ends in "…" (`n` edits it whole).
const MAX_NOTE_ROWS: usize = 4;

pub fn render(frame: &mut Frame, area: Rect, p: &PersonView, s: &AppState, t: Theme) {
    if area.height == 0 {
        return;
    }
    let inner_w = usize::from(area.width.saturating_sub(2));
    let mut title = vec![Span::styled(
        format!(" Person: {}", one_line(&p.author)),
        t.title(),
    )];
    let name = distinct_name(
        &p.author,
        p.figures
            .as_ref()
            .and_then(|f| f.row.author_name.as_deref())
            .or(p.name.as_deref()),
    );
    let mut rest = String::new();
    if let Some(name) = name {
        rest += &format!(" ({name})");
    }
    rest += &format!(" · {} ", one_line(&p.platform));
    title.push(Span::raw(rest));
    // Cut the title as a whole so that wide names keep off the corner.
    let text: String = title.iter().map(|s| s.content.as_ref()).collect();
    let title = if crate::text::width(&text) > inner_w.saturating_sub(1) {
        Line::from(Span::styled(
            truncate(&text, inner_w.saturating_sub(1)),
            t.title(),
        ))
    } else {
        Line::from(title)
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(t.accent())
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(lines(
            p,
            s,
            t,
            usize::from(inner.width),
            usize::from(inner.height.saturating_sub(2)),
        )),
        inner,
    );
}
