//! The frame: where each pane goes at a given size, the header (views,
//! today's progress) and the footer (status, keys of the current mode).

use super::Theme;
use super::one_line;
use crate::text::{truncate, width};
use crate::tui::action::Command;
use crate::tui::state::{AppState, Focus, Mode, Picker, Selection, View};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Wrap};

/// Below this width the list and the detail pane stack.
pub const WIDE: u16 = 100;

#[derive(Debug, Clone, Copy)]
pub struct Areas {
    pub tabs: Rect,
    pub today: Rect,
    pub body: Rect,
    /// A person's figures above the list in their view (else no height).
    pub person: Rect,
    pub list: Rect,
    pub detail: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// The fewest rows of the person view's header (figures, dates, a line of
/// the note, and borders).
const PERSON_ROWS: u16 = 5;

/// The smallest body that shows the list and the detail pane stacked (45 %
/// and 55 %): the list with its borders and one row, the detail with two lines.
const MIN_PANES: u16 = 7;

/// The panes' rows below which a person's note keeps to one line.
const ROOMY_PANES: u16 = 16;

/// The smallest terminal worth drawing, (columns, rows). Below it the cursor
/// row or its text is not on screen, so nothing acts on items. Rows: header
/// and footer (4) and the panes with a row to spare (8). Columns: a queue
/// row's fixed columns (marks, platform, author, age: 28) and the borders
/// leave 10 for the comment.
pub const MIN_SIZE: (u16, u16) = (40, 12);

/// Whether a terminal of `size` is below [`MIN_SIZE`].
pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_SIZE.0 || size.1 < MIN_SIZE.1
}

/// The panes at a given size: header 2 rows, footer 2 rows, and the body
/// split side by side from [`WIDE`] columns up, stacked below.
pub fn areas(area: Rect) -> Areas {
    areas_with(area, 0)
}

/// The panes of the screen as the state has it (a person's view adds
/// their figures above the list and the detail).
pub fn screen(s: &AppState) -> Areas {
    let person = match &s.person {
        Some(p) if s.view != View::Stats => super::person::rows(p, s.size.0),
        _ => 0,
    };
    areas_with(Rect::new(0, 0, s.size.0, s.size.1), person)
}

/// [`areas`], with `person` rows for a person's figures (none when 0).
fn areas_with(area: Rect, person: u16) -> Areas {
    let [tabs, today, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    // The person's figures give way first: the list must keep its rows.
    // A long note takes more rows only where the panes keep plenty.
    let person = if body.height >= person + ROOMY_PANES {
        person
    } else {
        person.min(PERSON_ROWS)
    };
    let [person, panes] = if person > 0 && body.height >= person + MIN_PANES {
        Layout::vertical([Constraint::Length(person), Constraint::Min(3)]).areas(body)
    } else {
        [Rect::new(body.x, body.y, body.width, 0), body]
    };
    let [list, detail] = if area.width >= WIDE {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(panes)
    } else {
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(panes)
    };
    Areas {
        tabs,
        today,
        body,
        person,
        list,
        detail,
        status,
        footer,
    }
}

/// The tab labels, in order, as drawn.
pub fn tabs(s: &AppState) -> Vec<(View, String)> {
    View::ALL
        .iter()
        .map(|v| {
            let count = v
                .state()
                .and_then(|st| s.counts.map(|c| c[st.code() as usize]))
                .map(|n| format!(" {n}"))
                .unwrap_or_default();
            let key = match tab_key(s, *v) {
                "" => String::new(),
                k => format!("{k} "),
            };
            (*v, format!("{key}{}{count}", v.title()))
        })
        .collect()
}

/// The key that opens a view, as bound (none when unbound).
fn tab_key(s: &AppState, v: View) -> &str {
    s.key_for(v.command())
}

/// The header as drawn: the name, then each tab's text with its view.
pub struct Header {
    pub brand: &'static str,
    pub tabs: Vec<(View, String)>,
}

/// How the header's tabs are spaced, roomiest first.
#[derive(Clone, Copy, PartialEq)]
enum Tabs {
    Padded,
    Bare,
    /// The other tabs by their number only: the active one stays in sight.
    Numbers,
}

/// The roomiest header that fits: the name and padded tabs; then the name
/// bare and the tabs one space apart; then without the name; then the
/// other tabs by their number.
pub fn header_layout(s: &AppState) -> Header {
    let labels = tabs(s);
    let draw = |brand: &'static str, spacing: Tabs| Header {
        brand,
        tabs: labels
            .iter()
            .enumerate()
            .map(|(i, (v, label))| {
                let sep = if spacing == Tabs::Padded || i == 0 {
                    ""
                } else {
                    " "
                };
                let text = match (*v == s.view, spacing) {
                    (true, _) => format!("{sep}[{label}]"),
                    (false, Tabs::Padded) => format!(" {label} "),
                    (false, Tabs::Bare) => format!("{sep}{label}"),
                    (false, Tabs::Numbers) => match tab_key(s, *v) {
                        "" => format!("{sep}{}", &v.title()[..1]),
                        k => format!("{sep}{k}"),
                    },
                };
                (*v, text)
            })
            .collect(),
    };
    let fits = |h: &Header| {
        width(h.brand) + 1 + h.tabs.iter().map(|(_, t)| width(t)).sum::<usize>()
            <= usize::from(s.size.0)
    };
    [
        (" ackbox ", Tabs::Padded),
        ("ackbox", Tabs::Padded),
        ("ackbox", Tabs::Bare),
        ("", Tabs::Padded),
        ("", Tabs::Bare),
    ]
    .into_iter()
    .map(|(brand, spacing)| draw(brand, spacing))
    .find(fits)
    .unwrap_or_else(|| draw("", Tabs::Numbers))
}

/// Which view's tab is at a column of the header.
pub fn tab_at(s: &AppState, column: u16) -> Option<View> {
    let h = header_layout(s);
    let mut x = width(h.brand) + 1;
    for (v, text) in h.tabs {
        let w = width(&text);
        if (x..x + w).contains(&usize::from(column)) {
            return Some(v);
        }
        x += w;
    }
    None
}

/// Instead of the screen, below [`MIN_SIZE`]: what is needed, and how to quit.
pub fn too_small_message(frame: &mut Frame, s: &AppState, t: Theme) {
    let (w, h) = MIN_SIZE;
    let lines = vec![
        Line::from(Span::styled(
            format!("terminal too small — need at least {w}×{h}"),
            t.error(),
        )),
        Line::from(Span::styled(
            format!("(now {}×{})", s.size.0, s.size.1),
            t.dim(),
        )),
        if s.mode.is_typing() {
            // Said: keys typed meanwhile are not read (typed blind, they
            // would land where nobody sees).
            Line::from("keys are ignored until it is larger; what you typed is kept")
        } else {
            Line::from(vec![
                Span::styled(s.key_for(Command::Quit).to_owned(), t.key()),
                Span::raw(" quits"),
            ])
        },
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(ratatui::widgets::Wrap { trim: true }),
        super::wrap_area(frame.area()),
    );
}

pub fn header(frame: &mut Frame, a: &Areas, s: &AppState, t: Theme) {
    let h = header_layout(s);
    let mut spans = vec![Span::styled(h.brand, t.accent()), Span::raw(" ")];
    for (v, text) in h.tabs {
        // Brackets as well as reverse video: the active view is not told by colour.
        if v == s.view {
            let label = text.trim_start();
            spans.push(Span::raw(text[..text.len() - label.len()].to_owned()));
            spans.push(Span::styled(label.to_owned(), t.cursor().patch(t.title())));
        } else {
            spans.push(Span::styled(text, t.base()));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), a.tabs);

    let Some(today) = s.today else {
        frame.render_widget(Paragraph::new(Span::styled(" today: …", t.dim())), a.today);
        return;
    };
    let done = today.answered + today.dismissed;
    let total = done + today.needs_reply;
    // Nothing to do is all done, unless it was all put off: snoozed.
    let ratio = match total {
        0 if s.snoozed() > 0 => 0.0,
        0 => 1.0,
        _ => done as f64 / total as f64,
    };
    // The longest that fits: a narrow terminal keeps the counts whole.
    let (answered, dismissed, to_go) = (today.answered, today.dismissed, today.needs_reply);
    // What waits snoozed is not done, however full the gauge.
    let snoozed = match s.snoozed() {
        0 => String::new(),
        n => format!("· {n} snoozed "),
    };
    // The active filter, when there is one, between the counts and the gauge
    // (not over the statistics, which are the whole inbox's).
    let filter = filter_text(s);
    let filter = if filter.is_empty() || s.view == View::Stats {
        String::new()
    } else {
        format!("│ filter: {filter} ")
    };
    let room = usize::from(a.today.width);
    let counts = format!(" today: {answered} answered · {dismissed} dismissed · {to_go} to go ");
    let text = [
        // The snoozed only where the filter and a gauge fit beside them.
        (format!("{counts}{snoozed}"), width(&filter) + 14),
        (counts, 0),
        (
            format!(" {answered} answered · {dismissed} dismissed · {to_go} to go "),
            0,
        ),
        (format!(" today: {done} done · {to_go} to go "), 0),
    ]
    .into_iter()
    .find(|(text, beside)| width(text) + beside <= room)
    .map_or_else(
        || truncate(&format!(" {done} done · {to_go} to go "), room),
        |(text, _)| text,
    );
    let room = usize::from(a.today.width).saturating_sub(width(&text));
    let filter = truncate(&filter, room.saturating_sub(14).max(room / 2));
    let gauge_w = (room.saturating_sub(width(&filter)) as u16).min(40);
    let [label, gauge] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(gauge_w)]).areas(a.today);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(text, t.title()),
            Span::styled(filter, t.accent()),
        ])),
        label,
    );
    if gauge_w >= 12 {
        frame.render_widget(
            LineGauge::default()
                .ratio(ratio)
                .label(format!("{:>4} ", crate::stats::whole_percent(ratio)))
                .filled_symbol("█")
                .unfilled_symbol("░")
                .filled_style(t.ok())
                .unfilled_style(t.dim()),
            gauge,
        );
    }
}

/// What the list's title says about the filter and the selection.
pub fn filter_text(s: &AppState) -> String {
    let mut parts = Vec::new();
    if let Some((_, author)) = &s.query.person {
        let name = s.person.as_ref().and_then(|p| p.name.as_deref());
        let who = super::short_author(author, name);
        parts.push(format!("person {}", truncate(&who, 24)));
    }
    if let Some(p) = &s.query.filter.platform {
        parts.push(format!("platform {}", one_line(p)));
    }
    if let Some(q) = s.query.filter.search.as_deref().filter(|q| !q.is_empty()) {
        parts.push(format!("“{}”", truncate(&one_line(q), 24)));
    }
    if let Some(f) = s.query.flag {
        parts.push(format!(
            "flag {}",
            crate::analysis::Flag::ALL
                .get(f)
                .map_or("?", |f| f.as_str())
        ));
    }
    if let Some(o) = s.query.older {
        parts.push(format!("older than {} d", o.days));
    }
    parts.join(" · ")
}

pub fn selection_text(s: &AppState) -> Option<String> {
    match &s.selection {
        Selection::None => None,
        Selection::Rids(r) if r.is_empty() => None,
        Selection::Rids(r) => Some(format!("{} selected", r.len())),
        // Items stored since the count (an import beside) are not in it:
        // "all" no longer, where the list shows one.
        Selection::All {
            count: Some(n),
            query,
        } if (query.through).is_some_and(|t| s.list.rows.iter().any(|i| i.rid > t)) => {
            Some(format!("{n} selected, not those imported since"))
        }
        Selection::All { count: Some(n), .. } => Some(format!("all {n} selected")),
        Selection::All { count: None, .. } => Some("all selected".into()),
    }
}

type Hint = (String, &'static str);

/// What the footer always ends with, whatever its width: the way out (in
/// the normal mode, how to get help and how to quit).
fn closing_hints(s: &AppState) -> Vec<Hint> {
    let fixed = |k: &str, d: &'static str| vec![fixed_hint(k, d)];
    match &s.mode {
        Mode::Normal => vec![
            (s.key_for(Command::Help).to_owned(), "help"),
            (s.key_for(Command::Quit).to_owned(), "quit"),
        ],
        Mode::Help { .. } => fixed("any other key", "close"),
        Mode::Search { .. } => fixed("esc", "undo search"),
        Mode::Confirm(_) => vec![fixed_hint("y", "yes"), fixed_hint("n/esc", "no")],
        Mode::Posted { .. } => fixed("esc", "close"),
        Mode::Pick(_) | Mode::SnoozeInput { .. } | Mode::Reply(_) | Mode::Note { .. } => {
            fixed("esc", "cancel")
        }
    }
}

/// A key that is not rebound, and what it does.
fn fixed_hint(key: &str, does: &'static str) -> Hint {
    (key.to_owned(), does)
}

/// Two keys of a pair (down/up, next/previous view) as a hint shows them:
/// `j/k`, or the one bound where `[keys]` left the other none.
fn both(a: String, b: String) -> String {
    match (a.is_empty(), b.is_empty()) {
        (false, false) => format!("{a}/{b}"),
        _ => a + &b,
    }
}

/// The other keys the footer offers in this mode, as many as fit.
fn hints(s: &AppState) -> Vec<Hint> {
    let k = |c: Command| s.key_for(c).to_owned();
    let fixed = fixed_hint;
    // Digits pick the first nine choices.
    let picking = |p: &Picker| {
        let digits = match p.choices.len().min(9) {
            0 | 1 => "1".to_owned(),
            n => format!("1-{n}"),
        };
        vec![
            fixed("j/k", "move"),
            fixed("enter", "choose"),
            (digits, "pick"),
        ]
    };
    match &s.mode {
        Mode::Help { .. } => vec![fixed("j/k", "scroll")],
        Mode::Search { .. } => vec![
            fixed("type", "search"),
            fixed("enter", "keep"),
            fixed("ctrl-u", "clear"),
        ],
        // The editor's saved-reply picker takes the keys while it is open.
        Mode::Pick(p) => picking(p),
        Mode::Reply(d) if let Some(p) = &d.picking => picking(p),
        Mode::SnoozeInput { .. } => vec![
            fixed("enter", "snooze"),
            fixed("e.g.", "3h, 2d, 14:00, tomorrow, fri, next-week"),
        ],
        Mode::Confirm(_) => vec![
            fixed("←/→", "choose"),
            fixed("enter", "answer (default No)"),
        ],
        Mode::Reply(_) => vec![
            fixed("ctrl-s", "save"),
            fixed("ctrl-e", "$EDITOR"),
            fixed("ctrl-t", "saved reply"),
        ],
        Mode::Posted { .. } => vec![
            (k(Command::Open), "open the link to post"),
            fixed("other keys", "act as usual"),
        ],
        Mode::Note { .. } => vec![
            fixed("enter", "save"),
            fixed("ctrl-u", "clear"),
            fixed("empty", "no note"),
        ],
        Mode::Normal if s.empty => Vec::new(),
        Mode::Normal if s.view == View::Stats => vec![
            (k(Command::Window), "window"),
            (both(k(Command::NextView), k(Command::PrevView)), "views"),
            (k(Command::Undo), "undo"),
        ],
        Mode::Normal => {
            // In the detail pane the movement keys scroll it.
            let moves = match s.focus {
                Focus::List => "move",
                Focus::Detail => "scroll",
            };
            let mut v = vec![
                (both(k(Command::Down), k(Command::Up)), moves),
                (k(Command::Reply), "reply"),
                (k(Command::Answered), "answered"),
                (k(Command::Dismiss), "dismiss"),
                (k(Command::Snooze), "snooze"),
                (k(Command::Undo), "undo"),
                (k(Command::Select), "select"),
                (k(Command::Search), "search"),
                (k(Command::Filter), "filter"),
                (k(Command::Open), "open"),
                (k(Command::Mute), "mute"),
                (k(Command::Template), "saved reply"),
                (k(Command::SelectAll), "select all"),
            ];
            // What a view of decided items is for: taking one back.
            // (Only what waits is snoozed; what is answered is not marked so.)
            if matches!(s.view, View::Answered | View::Dismissed | View::Snoozed) {
                v.retain(|(_, does)| match *does {
                    "snooze" => s.view == View::Snoozed,
                    "answered" => s.view != View::Answered,
                    _ => true,
                });
                v.insert(1, (k(Command::Reopen), "put back"));
            }
            if s.person.is_some() {
                v.splice(0..0, [(k(Command::Vip), "VIP"), (k(Command::Note), "note")]);
            } else {
                v.insert(v.len() - 1, (k(Command::Person), "person"));
            }
            // Esc's next step back, in the order `Command::Back` takes them.
            let back = if s.focus == Focus::Detail {
                Some("back to list")
            } else if !s.selection.is_empty() {
                Some("unselect")
            } else if s.person.is_some() {
                Some("back")
            } else {
                s.filtered().then_some("clear filter")
            };
            v.splice(0..0, back.map(|does| (k(Command::Back), does)));
            // On the widest screens (every key is in the help).
            v.push((k(Command::DismissFlagged), "dismiss flagged"));
            if s.view == View::Queue && s.person.is_none() {
                v.push((k(Command::Sort), "order"));
            }
            v.push((k(Command::Copy), "copy"));
            v
        }
    }
}

pub fn footer(frame: &mut Frame, a: &Areas, s: &AppState, t: Theme) {
    // Status line: the search being typed, else the last message, else the selection.
    let status = if let Mode::Search { input, fresh, .. } = &s.mode {
        // The end of a long search stays in sight while typing; the
        // search given back is shown selected: typing replaces it.
        let typed = crate::text::tail(
            &one_line(input),
            usize::from(a.status.width).saturating_sub(4),
        );
        // The terminal's cursor where the typing goes (an input method follows it).
        let caret = u16::try_from(2 + crate::text::width(&typed)).unwrap_or(u16::MAX);
        if caret < a.status.width {
            frame.set_cursor_position((a.status.x + caret, a.status.y));
        }
        Line::from(vec![
            Span::styled(" /", t.key()),
            Span::styled(typed, if *fresh { t.cursor() } else { t.base() }),
            Span::styled("▏", t.accent()),
        ])
    } else if let Some(st) = &s.status {
        let (mark, style) = if st.error {
            ("✗ ", t.error())
        } else {
            ("• ", t.ok())
        };
        let hint = st.hint.as_deref().map(|h| format!(" ({})", one_line(h)));
        let room = usize::from(a.status.width).saturating_sub(4);
        let text_room = room.saturating_sub(hint.as_deref().map_or(0, crate::text::width));
        let text = one_line(&st.text);
        let text_style = if st.error { t.error() } else { t.base() };
        // A message too long for its line takes the keys' line too: what
        // went wrong, or a caveat at its end, is read whole (the keys come
        // back with the next key).
        if width(&text) > text_room && a.footer.y == a.status.bottom() {
            // A column in from the left, as the one-line message is.
            let mut both = a.status.union(a.footer);
            both.x += 1;
            both.width = both.width.saturating_sub(1);
            // The hint in one piece: its spaces do not break (ratatui
            // wraps at no-break spaces neither).
            let hint = hint
                .as_deref()
                .map(|h| h.trim_start().replace(' ', "\u{a0}"));
            let message = |text: String| {
                let line = Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(text, text_style),
                    Span::raw(hint.as_deref().map_or(String::new(), |h| format!(" {h}"))),
                ]);
                Paragraph::new(line).wrap(Wrap { trim: false })
            };
            // Longer than both lines hold: cut short where it is seen to
            // be, its hint kept whole.
            let mut shown = message(text.clone());
            let mut cols = width(&text);
            while shown.line_count(both.width) > usize::from(both.height) && cols > 1 {
                cols = cols.saturating_sub(usize::from(both.width) / 4).max(1);
                shown = message(truncate(&text, cols));
            }
            frame.render_widget(shown, both);
            return;
        }
        Line::from(vec![
            Span::raw(" "),
            Span::styled(mark, style),
            Span::styled(truncate(&text, text_room), text_style),
            Span::raw(truncate(hint.as_deref().unwrap_or_default(), room)),
        ])
    } else if let Some(sel) = selection_text(s) {
        Line::from(Span::styled(format!(" ✓ {sel}"), t.title()))
    } else {
        Line::default()
    };
    frame.render_widget(Paragraph::new(status), a.status);

    // Keys, as many as fit before those it always ends with.
    // A command bound to no key is not offered.
    let bound = |hs: Vec<Hint>| hs.into_iter().filter(|(key, _)| !key.is_empty());
    let (keys, last): (Vec<Hint>, Vec<Hint>) =
        (bound(hints(s)).collect(), bound(closing_hints(s)).collect());
    let wide = |(key, what): &Hint| width(key) + 1 + width(what) + 2;
    let max = usize::from(a.footer.width);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1 + last.iter().map(wide).sum::<usize>();
    let fitting = keys.into_iter().take_while(|h| {
        used += wide(h);
        used <= max
    });
    for (key, what) in fitting.chain(last) {
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), a.footer);
}

#[cfg(test)]
mod tests {
    use super::both;
    use crate::tui::state::AppState;
    use ratatui::{Terminal, backend::TestBackend};

    /// The header's gauge never says all done short of all, nor nothing
    /// past none (PRODUCT.md: a rate short of all is never rounded to it).
    #[test]
    fn the_gauge_is_not_rounded_to_all_or_none() {
        let keys = crate::tui::keymap::Keymap::new(&Default::default()).unwrap();
        let mut s = AppState::new(
            chrono::Utc::now(),
            (120, 30),
            crate::config::Window::Days(30),
            Vec::new(),
            Default::default(),
            keys.bindings,
            true,
        );
        for (dismissed, to_go, shown) in [(249, 1, " 99% "), (1, 249, "  1% "), (250, 0, "100% ")] {
            s.today = Some(crate::stats::Today {
                answered: 0,
                dismissed,
                needs_reply: to_go,
            });
            let mut term = Terminal::new(TestBackend::new(120, 30)).unwrap();
            term.draw(|f| {
                let t = crate::tui::view::Theme { color: false };
                super::header(f, &super::areas(f.area()), &s, t);
            })
            .unwrap();
            let screen = term.backend().to_string();
            assert!(screen.contains(shown), "{shown:?} in\n{screen}");
        }
    }

    /// A pair whose other half `[keys]` left without a key shows the one
    /// bound, not `k/`.
    #[test]
    fn a_pair_of_keys_shows_those_bound() {
        assert_eq!(both("j".into(), "k".into()), "j/k");
        assert_eq!(both("k".into(), String::new()), "k");
        assert_eq!(both(String::new(), "k".into()), "k");
    }
}
