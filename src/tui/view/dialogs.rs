//! Pickers (dismiss reason, snooze time, filter, template), the yes/no
//! question and the custom snooze prompt: small centred boxes.

use super::Theme;
use super::one_line;
use crate::analysis::Flag;
use crate::text::truncate;
use crate::tui::state::{AppState, Choice, Confirm, Picker};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    r
}

fn frame_block(title: &str, t: Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(t.accent())
        .title(Line::from(Span::styled(format!(" {title} "), t.title())))
}

/// The label of a choice, for pickers.
pub fn choice_label(c: &Choice, s: &AppState) -> String {
    match c {
        Choice::Reason(r) => r.label().to_owned(),
        Choice::ReasonByFlags => "each as its flags say (bait, emoji only, spam…)".to_owned(),
        Choice::SnoozeUntil(label, _) => label.clone(),
        Choice::SnoozeCustom => {
            "custom… (3h, 2d, 14:00, tomorrow, fri, next-week, a date)".to_owned()
        }
        Choice::Platform(None) => "platform: any".to_owned(),
        Choice::Platform(Some(p)) => format!("platform: {}", one_line(p)),
        Choice::View(v) => format!("state: {}", v.title().to_lowercase()),
        Choice::Flag(None) => "flag: any".to_owned(),
        // In words, as the help says them ("emoji only"; the config's
        // rules write `emoji_only`).
        Choice::Flag(Some(i)) => format!(
            "flag: {}",
            Flag::ALL
                .get(*i)
                .map_or("?".to_owned(), |f| f.as_str().replace('_', " "))
        ),
        Choice::Older(None) => "age: any".to_owned(),
        Choice::Older(Some(d)) => format!("age: older than {d} days"),
        Choice::ClearFilters => "clear every filter".to_owned(),
        Choice::Template(i) => s
            .templates
            .get(*i)
            .map(|t| format!("{}: {}", one_line(&t.name), one_line(&t.body)))
            .unwrap_or_default(),
    }
}

/// Whether a filter choice is the one in force (marked with ●, not by colour).
fn active(c: &Choice, s: &AppState) -> bool {
    match c {
        Choice::Platform(p) => *p == s.query.filter.platform,
        Choice::Flag(f) => *f == s.query.flag,
        Choice::Older(d) => *d == s.query.older.map(|o| o.days),
        Choice::View(v) => *v == s.view,
        _ => false,
    }
}

/// Where a picker shows on `area`: its box, and the index of the first
/// choice in sight (the one chosen stays in sight). The mouse reads it too.
pub fn picker_box(area: Rect, p: &Picker, s: &AppState) -> (Rect, usize) {
    // Wider than 60 for long choices (a saved reply's text) or a long
    // title (what a bulk dismissal means), where the screen has the room:
    // at most 100. (A row: cursor, number, mark and space before its label,
    // the borders around; a title: its margin in the upper edge.)
    let longest = (p.choices.iter())
        .map(|c| crate::text::width(&choice_label(c, s)) + 7)
        .chain([crate::text::width(&p.title) + 6])
        .max()
        .unwrap_or(0);
    let w = u16::try_from(longest.clamp(60, 100))
        .unwrap_or(100)
        .min(area.width.saturating_sub(2))
        .max(20);
    let h = (p.choices.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let visible = usize::from(h.saturating_sub(2)).max(1);
    (centered(area, w, h), p.sel.saturating_sub(visible - 1))
}

pub fn picker(frame: &mut Frame, area: Rect, p: &Picker, s: &AppState, t: Theme) {
    let (popup, offset) = picker_box(area, p, s);
    let inner_w = usize::from(popup.width.saturating_sub(2));
    let visible = usize::from(popup.height.saturating_sub(2)).max(1);
    let lines: Vec<Line> = p
        .choices
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, c)| {
            let cursor = i == p.sel;
            let num = if i < 9 {
                format!("{} ", i + 1)
            } else {
                "  ".to_owned()
            };
            let mark = if active(c, s) { "●" } else { " " };
            let text = format!(
                "{}{num}{mark} {}",
                if cursor { "▶" } else { " " },
                choice_label(c, s)
            );
            let line = Line::raw(truncate(&text, inner_w));
            if cursor { line.style(t.cursor()) } else { line }
        })
        .collect();
    // Choices out of sight are said on the lower edge.
    let below = p.choices.len().saturating_sub(offset + visible);
    let mut block = frame_block(&truncate(&p.title, inner_w.saturating_sub(4)), t);
    if let Some(edge) = out_of_sight(offset, below, inner_w, t) {
        block = block.title_bottom(edge);
    }
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// The lower edge of a box whose lines run past it: "↑ 3 more · ↓ 40 more",
/// or nothing when every line is in sight.
pub fn out_of_sight(above: usize, below: usize, inner_w: usize, t: Theme) -> Option<Line<'static>> {
    let hidden: Vec<String> = [(above, "↑"), (below, "↓")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, arrow)| format!("{arrow} {n} more"))
        .collect();
    (!hidden.is_empty()).then(|| {
        let edge = truncate(&format!(" {} ", hidden.join(" · ")), inner_w);
        Line::from(Span::styled(edge, t.dim()))
    })
}

pub fn confirm(frame: &mut Frame, area: Rect, c: &Confirm, t: Theme) {
    let w = 64.min(area.width.saturating_sub(2)).max(20);
    let block = frame_block("Are you sure? (y/N)", t);
    let question = Paragraph::new(c.question.clone()).wrap(Wrap { trim: true });
    // As wrapped (long words leave lines short), in the box's wrapping width.
    let wrap_w = super::wrap_area(block.inner(Rect::new(0, 0, w, 3))).width;
    let q_lines = u16::try_from(question.line_count(wrap_w)).unwrap_or(u16::MAX);
    let popup = centered(area, w, q_lines.saturating_add(4));
    let (no, yes) = if c.on_yes {
        (Span::raw("  No  "), Span::styled("[ Yes ]", t.cursor()))
    } else {
        (Span::styled("[ No ]", t.cursor()), Span::raw("  Yes  "))
    };
    frame.render_widget(Clear, popup);
    let inner = super::wrap_area(block.inner(popup));
    frame.render_widget(block, popup);
    // The choice on the last line whatever the question leaves of it: what
    // Enter does is always in sight.
    let [asked, _, choice] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(question, asked);
    let buttons = Line::from(vec![Span::raw("   "), no, Span::raw("   "), yes]);
    frame.render_widget(buttons, choice);
}

pub fn snooze_input(
    frame: &mut Frame,
    area: Rect,
    input: &str,
    error: Option<&str>,
    s: &AppState,
    t: Theme,
) {
    // A local time a week ahead: an example that is not in the past.
    let example = (s.now + chrono::Duration::days(7))
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d 14:30");
    let w = 64.min(area.width.saturating_sub(2)).max(20);
    let inner_w = usize::from(w.saturating_sub(2));
    let typed = crate::text::typed_end(&one_line(input), inner_w.saturating_sub(9));
    let caret = crate::text::width("until: ") + crate::text::width(&typed);
    let mut lines = vec![Line::from(vec![
        Span::styled("until: ", t.dim()),
        Span::raw(typed),
        Span::styled("▏", t.accent()),
    ])];
    match error {
        // As many lines as it takes: what is read is said in full.
        Some(e) => lines.push(Line::from(Span::styled(
            format!("✗ {}", one_line(e)),
            t.error(),
        ))),
        // The examples, then the keys: a line each, so both fit.
        None => lines.extend(
            [
                format!("3h, 45m, 2d, 14:00, tomorrow, fri, next-week, {example}"),
                "enter snoozes · ctrl-u clears · esc cancels".to_owned(),
            ]
            .map(|l| Line::from(Span::styled(truncate(&l, inner_w), t.dim()))),
        ),
    }
    let box_ = Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(frame_block("Snooze until", t));
    let h = u16::try_from(box_.line_count(w.saturating_sub(2))).unwrap_or(u16::MAX);
    let popup = centered(area, w, h.max(5));
    frame.render_widget(Clear, popup);
    frame.render_widget(box_, popup);
    typing_at(frame, popup, caret);
}

/// Puts the terminal's cursor where the typing goes, `caret` columns into
/// the first line of the box `popup`: an input method's window (Japanese,
/// Chinese) and a screen magnifier follow it.
fn typing_at(frame: &mut Frame, popup: Rect, caret: usize) {
    let x = popup
        .x
        .saturating_add(1)
        .saturating_add(u16::try_from(caret).unwrap_or(u16::MAX));
    if x < popup.right().saturating_sub(1) {
        frame.set_cursor_position((x, popup.y + 1));
    }
}

/// The one-line note about the person whose view is open.
pub fn note_input(frame: &mut Frame, area: Rect, input: &str, s: &AppState, t: Theme) {
    let w = 72.min(area.width.saturating_sub(2)).max(20);
    let inner_w = usize::from(w.saturating_sub(2));
    let popup = centered(area, w, 4);
    let who = s
        .person
        .as_ref()
        .map(|p| one_line(&p.author))
        .unwrap_or_default();
    let shown = crate::text::typed_end(&one_line(input), inner_w.saturating_sub(1));
    let caret = crate::text::width(&shown);
    let lines = vec![
        Line::from(vec![Span::raw(shown), Span::styled("▏", t.accent())]),
        Line::from(Span::styled(
            truncate("enter saves · empty clears it · esc cancels", inner_w),
            t.dim(),
        )),
    ];
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(frame_block(
            &truncate(&format!("Note about {who}"), inner_w.saturating_sub(4)),
            t,
        )),
        popup,
    );
    typing_at(frame, popup, caret);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::{Terminal, backend::TestBackend};

    /// Long words wrap early, so the question takes more lines than its
    /// length says: the choice stays in sight below it, at any width.
    #[test]
    fn the_choice_of_a_question_is_always_in_sight() {
        let c = Confirm {
            question: "Mute the thread “Supercalifragilistic expialidocious-antidisestablish \
                       mentarianism-floccinaucinihilipilification” on wordpress? Its 1 waiting \
                       item is dismissed, and so is everything that arrives in it later."
                .to_owned(),
            yes: Vec::new(),
            on_yes: false,
        };
        for (w, h) in [(40, 24), (40, 12), (52, 24), (80, 24)] {
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            term.draw(|f| confirm(f, f.area(), &c, Theme { color: false }))
                .unwrap();
            let screen = term.backend().to_string();
            assert!(screen.contains("[ No ]"), "{w}x{h}:\n{screen}");
        }
    }

    /// The snooze box at `w`×`h`, `input` typed, as text.
    fn snooze_drawn(input: &str, error: Option<&str>, (w, h): (u16, u16)) -> String {
        let keys = crate::tui::keymap::Keymap::new(&Default::default()).unwrap();
        let s = AppState::new(
            chrono::Utc::now(),
            (w, h),
            crate::config::Window::Days(30),
            Vec::new(),
            Default::default(),
            keys.bindings,
            true,
        );
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| {
            let t = Theme { color: false };
            snooze_input(f, f.area(), input, error, &s, t);
        })
        .unwrap();
        (term.backend().buffer().content.iter())
            .map(|c| c.symbol())
            .collect()
    }

    /// A long error says all of itself, over as many lines as it takes.
    #[test]
    fn a_snooze_error_is_said_in_full() {
        let error = "\"next tuesday afternoon please thanks\" is not a time: try 3h, 45m, 2d, \
                     14:00, tomorrow, next-week, YYYY-MM-DD [HH:MM] or RFC 3339";
        let screen = snooze_drawn("next tuesday", Some(error), (80, 24));
        assert!(screen.contains("RFC 3339"), "{screen}");
    }

    /// What is typed past the box's width keeps its end in sight.
    #[test]
    fn a_long_snooze_time_shows_its_end() {
        let typed = "2026-12-10 14:30 plus lots of extra text to overflow the box TAIL";
        let screen = snooze_drawn(typed, None, (60, 15));
        assert!(screen.contains("TAIL▏"), "{screen}");
        assert!(screen.contains("until: …"), "{screen}");
    }
}
