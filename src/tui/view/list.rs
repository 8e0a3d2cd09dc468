//! The list of items: only the visible rows are built, each column cut to
//! its width with `text::truncate` so that emoji, CJK and RTL text keep the
//! border where it belongs.

use super::layout::{filter_text, selection_text};
use super::one_line;
use super::{Theme, pad, pad_left, short_age};
use crate::model::{State as ItemState, flag_names};
use crate::store::query::Item;
use crate::store::view::Sort;
use crate::text::{one_line_cut, truncate, width};
use crate::tui::action::Command;
use crate::tui::state::{AppState, Focus, View};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

/// A short mark for a flag (also spelt out in the detail pane).
fn flag_mark(name: &str) -> &'static str {
    match name {
        "question" => "?",
        "bait" => "bait",
        "link_only" => "link",
        "mention_only" => "@",
        "emoji_only" => "emoji",
        "copypasta" => "copy",
        _ => "flag",
    }
}

/// The state column for views that mix or explain states.
pub(crate) fn state_text(item: &Item, now: chrono::DateTime<chrono::Utc>) -> String {
    match item.state {
        ItemState::NeedsReply => "● needs reply".into(),
        // How it was answered, where a reply says.
        ItemState::Answered => match item.personal {
            Some(true) => "✓ personal",
            Some(false) if item.canned => "✓ canned",
            Some(false) => "✓ generic",
            None => "✓ answered",
        }
        .into(),
        ItemState::Dismissed => format!(
            "✗ {}",
            item.dismiss_reason.map_or("dismissed", |r| r.as_str())
        ),
        ItemState::Snoozed => format!(
            "z {}",
            item.snoozed_until
                .map(|t| crate::when::shown_short(t, now))
                .unwrap_or_else(|| "snoozed".into())
        ),
    }
}

fn state_style(item: &Item, t: Theme) -> Style {
    match item.state {
        ItemState::NeedsReply => t.warn(),
        ItemState::Answered if item.personal == Some(false) => t.warn(),
        ItemState::Answered => t.ok(),
        ItemState::Dismissed => t.dim(),
        ItemState::Snoozed => t.accent(),
    }
}

/// The widths of a row's columns, the same for every row of a frame.
struct Columns {
    plat: usize,
    author: usize,
    state: usize,
}

impl Columns {
    /// For rows `w` wide. The platform column is as wide as the inbox's
    /// longest platform name where there is room (no "wordpr…" beside a
    /// wide body), so it does not change from row to row.
    fn new(s: &AppState, rows: &[Item], w: usize) -> Self {
        let longest = (s.platforms.iter())
            .chain(rows.iter().map(|i| &i.platform))
            .map(|p| width(p))
            .max()
            .unwrap_or(0);
        Self {
            plat: longest.min(if w >= 60 { 10 } else { 7 }),
            author: if w >= 80 { 20 } else { 12 },
            // Room for every state's words where the row has it ("✗
            // handled-elsewhere", "z 18 Sep 2027"), else for the usual ones.
            state: match s.view {
                View::Queue => 0,
                _ if w >= 120 => 19,
                _ => 13,
            },
        }
    }
}

/// A platform's name in `w` columns: a long one the review knows in its
/// usual short form where it does not fit (`masto`, not `mastod…`).
fn platform_label(platform: &str, w: usize) -> String {
    let short = match platform {
        "wordpress" => "wp",
        "mastodon" => "masto",
        "instagram" => "insta",
        "facebook" => "fb",
        "hackernews" => "hn",
        _ => platform,
    };
    let name = if width(platform) <= w {
        platform
    } else {
        short
    };
    pad(&one_line(name), w)
}

/// A row's flags, ` [bait,copy]`, in `room` columns: each whole, as many
/// as fit with `…` for the rest; none where not even one fits (no flag
/// cut to `[ba…`).
fn whole_flags(flags: &[&str], room: usize) -> Option<String> {
    if flags.is_empty() {
        return Some(String::new());
    }
    (1..=flags.len()).rev().find_map(|n| {
        let more = if n < flags.len() { ",…" } else { "" };
        Some(format!(" [{}{more}]", flags[..n].join(","))).filter(|f| width(f) <= room)
    })
}

/// One row, exactly `w` columns wide.
fn row(item: &Item, s: &AppState, c: &Columns, w: usize, cursor: bool, t: Theme) -> Line<'static> {
    let (plat_w, author_w, state_w) = (c.plat, c.author, c.state);
    let mark = if cursor { "▶" } else { " " };
    let sel = if s.selection.contains(item.rid) {
        "✓"
    } else {
        " "
    };
    let flags: Vec<&str> = flag_names(item.flags).into_iter().map(flag_mark).collect();
    let fixed =
        2 + 1 + plat_w + 1 + author_w + 1 + 3 + 1 + if state_w > 0 { state_w + 1 } else { 0 };
    let body_w = w.saturating_sub(fixed);
    // Half the body's room, or all but a glimpse of the body on a narrow row.
    let flags = (whole_flags(&flags, body_w / 2))
        .or_else(|| whole_flags(&flags, body_w.saturating_sub(4)))
        .unwrap_or_default();
    // The flags end the row, aligned: a body cut at a space or before a
    // wide character is padded up to them.
    let text_w = body_w.saturating_sub(width(&flags));
    let (body, used) = one_line_cut(crate::text::or_no_text(&item.body), text_w, one_line);
    let body = format!(
        "{body}{:pad$}{flags}",
        "",
        pad = text_w.saturating_sub(used)
    );
    let mut spans = vec![
        Span::raw(format!("{mark}{sel} ")),
        Span::styled(platform_label(&item.platform, plat_w), t.dim()),
        Span::raw(" "),
        Span::styled(
            pad(
                &super::short_author(&item.author, item.author_name.as_deref()),
                author_w,
            ),
            t.author(),
        ),
        Span::raw(" "),
        Span::styled(pad_left(&short_age(item.created_at, s.now), 3), t.dim()),
        Span::raw(" "),
    ];
    if state_w > 0 {
        spans.push(Span::styled(
            pad(&state_text(item, s.now), state_w),
            state_style(item, t),
        ));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::raw(body));
    let line = Line::from(spans);
    if cursor { line.style(t.cursor()) } else { line }
}

pub fn render(frame: &mut Frame, area: Rect, s: &AppState, t: Theme) {
    let focused = s.focus == Focus::List;
    let mut title = format!(" {} ", s.view.title());
    if s.view == View::Queue && s.person.is_none() {
        title += if s.sort() == Sort::BEST {
            "· best first "
        } else {
            "· oldest first "
        };
    }
    let f = filter_text(s);
    if !f.is_empty() {
        title += &format!("· {f} ");
    }
    if let Some(sel) = selection_text(s) {
        title += &format!("· ✓ {sel} ");
    }
    let inner_w = usize::from(area.width.saturating_sub(2));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(t.border(focused))
        .title(Line::from(Span::styled(
            truncate(&title, inner_w.saturating_sub(2)),
            t.title(),
        )));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let l = &s.list;
    if l.rows.is_empty() {
        let msg = if let Some(quit) = s.damaged.as_ref().map(|_| s.key_for(Command::Quit)) {
            format!("The database file is damaged ({quit} quits).")
        } else if !l.loaded {
            // A search, or a list read item by item (a flag, an age).
            let searching = (s.query.filter.search.as_deref()).is_some_and(|t| !t.is_empty())
                || s.query.reads_every_item();
            if searching {
                "searching…"
            } else {
                "loading…"
            }
            .to_owned()
        } else if s.filtered() {
            match s.key_for(Command::Back) {
                "" => "Nothing matches the filter.".to_owned(),
                back => format!("Nothing matches the filter ({back} clears it)."),
            }
        } else {
            match s.view {
                // A snooze empties the queue without answering anyone (the counts
                // are the whole inbox's: not in a person's view).
                View::Queue => match s.snoozed() {
                    n @ 1.. if s.person.is_none() => {
                        format!(
                            "Nothing waits now: {}.",
                            crate::output::snoozed_come_back(n)
                        )
                    }
                    _ => "Nothing left to answer. Well done!".to_owned(),
                },
                v => format!("No {} items.", v.title().to_lowercase()),
            }
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {msg}"), t.dim())),
            inner,
        );
        return;
    }
    let h = usize::from(inner.height);
    let w = usize::from(inner.width);
    // Rows are cut to the width already: set straight into the buffer, as a
    // paragraph would, without its second pass to cut them.
    let shown = &l.rows[l.offset.min(l.rows.len())..(l.offset + h).min(l.rows.len())];
    let columns = Columns::new(s, shown, w);
    let buf = frame.buffer_mut();
    for (y, (i, item)) in (inner.y..).zip((l.offset..).zip(shown)) {
        set_row(
            buf,
            inner.x,
            y,
            &row(item, s, &columns, w, i == l.sel, t),
            inner.width,
        );
    }
}

/// [`Buffer::set_line`] for a row: a span of printable ASCII (most of a
/// row) goes into its cells a byte a cell, without the grapheme
/// segmentation that was most of the list's drawing time.
fn set_row(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, width: u16) {
    let right = x.saturating_add(width).min(buf.area.right());
    let mut x = x;
    for span in line {
        let style = line.style.patch(span.style);
        let text = span.content.as_ref();
        if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            for b in text.bytes().take(usize::from(right.saturating_sub(x))) {
                buf[(x, y)].set_char(char::from(b)).set_style(style);
                x += 1;
            }
        } else {
            x = buf
                .set_stringn(x, y, text, usize::from(right.saturating_sub(x)), style)
                .0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::platform_label;

    #[test]
    fn a_long_platform_name_is_shortened_not_cut() {
        assert_eq!(platform_label("mastodon", 10), "mastodon  ");
        assert_eq!(platform_label("mastodon", 7), "masto  ");
        assert_eq!(platform_label("wordpress", 7), "wp     ");
        assert_eq!(platform_label("youtube", 7), "youtube");
        // One the review does not know is cut, as any text.
        assert_eq!(platform_label("linkedin-pages", 7), "linked…");
    }
}
