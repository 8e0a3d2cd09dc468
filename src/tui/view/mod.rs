//! Rendering: one file per screen. Views read the state and draw; they never
//! touch the store. Every string that came from outside goes through
//! `text::sanitize`/`one_line` here before it becomes a `Span`, and every
//! column is cut with `text::truncate`, so wide or hostile text cannot break
//! a border.

pub mod detail;
pub mod dialogs;
pub mod help;
pub mod layout;
pub mod list;
pub mod person;
pub mod reply;
pub mod stats;
pub mod welcome;

use super::state::{AppState, Mode, View};
pub use crate::text::{pad, pad_left};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::style::{Color, Modifier, Style};

/// Styles, with or without colour (`NO_COLOR`). Nothing is told by colour
/// alone: every coloured thing also has a word, a symbol or a modifier.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }
    pub fn base(self) -> Style {
        Style::new()
    }
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn accent(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn cursor(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }
    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn author(self) -> Style {
        self.fg(Color::LightBlue).add_modifier(Modifier::BOLD)
    }
    pub fn own(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::ITALIC)
    }
    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan)
        } else {
            self.dim()
        }
    }
}

/// Draws the whole screen.
pub fn render(frame: &mut Frame, s: &AppState) {
    render_screen(frame, s);
    mend_wide_cells(frame.buffer_mut());
}

fn render_screen(frame: &mut Frame, s: &AppState) {
    let t = Theme { color: s.color };
    let area = frame.area();
    if layout::too_small(s.size) {
        layout::too_small_message(frame, s, t);
        return;
    }
    if s.empty {
        welcome::render(frame, area, s, t);
        return;
    }
    let a = layout::screen(s);
    layout::header(frame, &a, s, t);
    if s.view == View::Stats {
        stats::render(frame, a.body, s, t);
    } else {
        if let Some(p) = &s.person {
            person::render(frame, a.person, p, s, t);
        }
        list::render(frame, a.list, s, t);
        detail::render(frame, a.detail, s, t);
    }
    layout::footer(frame, &a, s, t);
    match &s.mode {
        Mode::Help { scroll } => help::render(frame, area, s, *scroll, t),
        Mode::Reply(d) => reply::render(frame, a.body, d, s, t),
        Mode::Pick(p) => dialogs::picker(frame, area, p, s, t),
        Mode::Confirm(c) => dialogs::confirm(frame, area, c, t),
        Mode::SnoozeInput { input, error, .. } => {
            dialogs::snooze_input(frame, area, input, error.as_deref(), s, t)
        }
        Mode::Note { input, .. } => dialogs::note_input(frame, area, input, s, t),
        Mode::Normal | Mode::Search { .. } | Mode::Posted { .. } => {}
    }
}

/// Leaves every wide character whole on the terminal, where ratatui's diff
/// (which skips the cell after a wide one, trusting the terminal to clear
/// it) would leave debris. A wide character half covered by a popup's
/// border goes: it hid the border. A character of two narrow ones, which
/// ratatui takes for one wide character (a flag's two regional indicators,
/// Thai สำ, Devanagari कि), takes two cells of one each, as terminals that
/// draw them apart (tmux, xterm) hold them: each is written over when it
/// is replaced (its second one stayed on screen).
fn mend_wide_cells(buf: &mut ratatui::buffer::Buffer) {
    use unicode_width::UnicodeWidthStr;
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            let symbol = buf[(x, y)].symbol();
            if symbol.len() == 1 || symbol.width() < 2 {
                continue;
            }
            if buf[(x + 1, y)].symbol() != " " {
                buf[(x, y)].set_char(' ');
            } else if let Some((first, second)) = narrow_halves(symbol) {
                let (first, second) = (first.to_owned(), second.to_owned());
                let style = buf[(x, y)].style();
                buf[(x, y)].set_symbol(&first);
                buf[(x + 1, y)].set_symbol(&second).set_style(style);
            }
        }
    }
}

/// A two-cell character made of two one-cell ones, each with the marks
/// that follow it: a flag's regional indicators, a Thai or Indic letter
/// and its spacing vowel sign. None for a wide character itself (CJK, an
/// emoji, with its joiners and variation selector).
fn narrow_halves(symbol: &str) -> Option<(&str, &str)> {
    use unicode_width::UnicodeWidthChar;
    let width = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
    let (second, _) = symbol
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.width().unwrap_or(0) > 0)?;
    let (first, rest) = symbol.split_at(second);
    (width(first) == 1 && width(rest) == 1).then_some((first, rest))
}

/// [`crate::text::one_line`] for the screen: see [`screen_safe`].
pub fn one_line(s: &str) -> String {
    screen_safe(crate::text::one_line(s))
}

/// [`crate::text::short_author`] for the screen: see [`screen_safe`].
pub fn short_author(author: &str, name: Option<&str>) -> String {
    screen_safe(crate::text::short_author(author, name))
}

/// [`crate::text::author_with_name`] for the screen: see [`screen_safe`].
pub fn author_with_name(author: &str, name: Option<&str>) -> String {
    screen_safe(crate::text::author_with_name(author, name))
}

/// [`crate::text::sanitize`] for the screen: see [`screen_safe`].
pub fn sanitize(s: &str) -> String {
    screen_safe(crate::text::sanitize(s))
}

/// [`crate::text::distinct_name`] for the screen: see [`screen_safe`].
pub fn distinct_name(author: &str, name: Option<&str>) -> Option<String> {
    crate::text::distinct_name(author, name).map(screen_safe)
}

/// Irons out what ratatui's line wrapping and its buffer measure
/// differently, found by `tests/tui_props.rs` (a wrapped line then ran over
/// the pane's border): the halfwidth katakana sound marks (U+FF9E, U+FF9F),
/// which the buffer draws in a cell of their own but the wrapper counts as
/// zero wide, become their spacing forms; zero-width spaces and joiners
/// (U+200B, U+2060, U+FEFF), which the wrapper takes for break points, go.
/// So does a zero-width joiner (U+200D) anywhere but between two emoji
/// (a family, a rainbow flag): terminals disagree on one elsewhere (tmux
/// draws the next character into its cell, a column short).
fn screen_safe(s: String) -> String {
    const ODD: [char; 6] = [
        '\u{ff9e}', '\u{ff9f}', '\u{200b}', '\u{2060}', '\u{feff}', '\u{200d}',
    ];
    if !s.contains(ODD) {
        return s;
    }
    let chars: Vec<char> = s.chars().collect();
    let joins_emoji = |i: usize| {
        i.checked_sub(1)
            .is_some_and(|p| crate::text::is_emoji(chars[p]))
            && chars.get(i + 1).is_some_and(|&n| crate::text::is_emoji(n))
    };
    (chars.iter().enumerate())
        .filter_map(|(i, &c)| match c {
            '\u{ff9e}' => Some('\u{309b}'),
            '\u{ff9f}' => Some('\u{309c}'),
            '\u{200b}' | '\u{2060}' | '\u{feff}' => None,
            '\u{200d}' if !joins_emoji(i) => None,
            c => Some(c),
        })
        .collect()
}

/// Where a wrapped `Paragraph` goes inside `inner`: one column narrower.
/// ratatui 0.30's word wrapper can end a line with a double-width grapheme
/// one column past the limit (it checks the width before adding the
/// grapheme), and the paragraph draws it without clipping, over the border.
/// The spare column takes that overflow (found by `tests/tui_props.rs`).
pub fn wrap_area(inner: ratatui::layout::Rect) -> ratatui::layout::Rect {
    ratatui::layout::Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    }
}

/// "12m", "5h", "3d", "8w", "2y": how long ago, in at most 3 columns
/// (weeks up to 99, then years to the nearest: 727 days are "2y", not "1y").
pub fn short_age(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    const YEAR: i64 = 365 * 86_400;
    let secs = (now - t).num_seconds().max(0);
    match secs {
        s if s < 3600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3600),
        s if s < 14 * 86_400 => format!("{}d", s / 86_400),
        s if s < 100 * 7 * 86_400 => format!("{}w", s / (7 * 86_400)),
        s => format!("{}y", (s + YEAR / 2) / YEAR),
    }
}

/// "3 h ago", "2 d ago".
pub fn ago(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    format!("{} ago", crate::output::age(t, now))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    #[test]
    fn short_ages_fit_three_columns() {
        let now = DateTime::parse_from_rfc3339("2026-12-01T00:00:00Z")
            .unwrap()
            .to_utc();
        let ago = |days: i64| short_age(now - chrono::Duration::days(days), now);
        assert_eq!(
            [3, 20, 400, 699, 727, 1433, 20_000].map(ago),
            ["3d", "2w", "57w", "99w", "2y", "4y", "55y"]
        );
    }

    #[test]
    fn a_joiner_stays_only_between_emoji() {
        assert_eq!(screen_safe("zw\u{200d}zw".into()), "zwzw");
        assert_eq!(screen_safe("\u{200d}a\u{200d}".into()), "a");
        let family = "👨\u{200d}👩\u{200d}👧 and ❤\u{fe0f}\u{200d}🔥";
        assert_eq!(screen_safe(family.into()), family);
    }

    #[test]
    fn wide_cells_are_left_whole_for_the_terminal() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
        buf.set_string(0, 0, "a🇯🇵b", Style::default());
        // A wide character whose second half a popup's border covers.
        buf.set_string(0, 1, "い", Style::default());
        buf.set_string(1, 1, "│", Style::default());
        mend_wide_cells(&mut buf);
        let row = |y: u16| (0..4).map(|x| buf[(x, y)].symbol()).collect::<Vec<_>>();
        assert_eq!(row(0), ["a", "🇯", "🇵", "b"]);
        assert_eq!(row(1), [" ", "│", " ", " "]);
        // Drawn once more over it, the flag's second cell is written over.
        let mut next = Buffer::empty(buf.area);
        next.set_string(0, 0, "abcd", Style::default());
        let updates: Vec<u16> = buf
            .diff(&next)
            .iter()
            .filter(|c| c.1 == 0)
            .map(|c| c.0)
            .collect();
        assert_eq!(updates, [1, 2, 3]);
    }

    /// Thai สำ and Devanagari कि are two one-cell characters to the
    /// terminal: each takes its own cell, and a blank drawn over them
    /// writes over both (the second stayed on screen).
    #[test]
    fn a_character_of_two_narrow_ones_takes_two_cells() {
        for (text, halves) in [("สำ", ["ส", "ำ"]), ("कि", ["क", "ि"]), ("🇯🇵", ["🇯", "🇵"])]
        {
            let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
            buf.set_string(1, 0, text, Style::default());
            mend_wide_cells(&mut buf);
            assert_eq!(
                [buf[(1, 0)].symbol(), buf[(2, 0)].symbol()],
                halves,
                "{text}"
            );
            let blank = Buffer::empty(buf.area);
            let updates: Vec<u16> = buf.diff(&blank).iter().map(|c| c.0).collect();
            assert_eq!(updates, [1, 2], "{text}");
        }
        // A wide character itself stays whole: CJK, an emoji with its joiners.
        for wide in ["日", "👩\u{200d}👩\u{200d}👧", "❤\u{fe0f}"] {
            assert_eq!(narrow_halves(wide), None, "{wide}");
        }
    }
}
