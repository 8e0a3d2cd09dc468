//! The first start: an empty database, and how to fill it.

use super::Theme;
use super::dialogs::centered;
use crate::tui::action::Command;
use crate::tui::state::AppState;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

pub fn render(frame: &mut Frame, area: Rect, s: &AppState, t: Theme) {
    let k = |s: &str| Span::styled(s.to_owned(), t.key());
    let examples = [
        &["comments.jsonl"][..],
        &["--format", "wordpress", "export.xml"],
    ]
    .map(|rest| {
        let mut words = s.import_command.clone();
        words.extend(rest.iter().map(|w| (*w).to_owned()));
        words
    });
    // Wide enough for the commands where the screen is; where it is not, a
    // command goes on a second line after a `\`, as a shell reads it (a
    // command wrapped at the box's edge is copied in two).
    let widest = (examples.iter())
        .map(|c| crate::text::width(&c.join(" ")) + 2)
        .max()
        .unwrap_or(0)
        .max(70);
    let width = area
        .width
        .min(u16::try_from(widest + 2).unwrap_or(u16::MAX));
    let inner = usize::from(width.saturating_sub(2));
    let command = |c: &Vec<String>| -> Vec<Line<'static>> {
        let lines = shell_lines(c, inner);
        let last = lines.len().saturating_sub(1);
        let mut bare = false;
        (lines.into_iter().enumerate())
            .map(|(i, l)| {
                // A word too long for " \" has its "\" right after it: the
                // next line's indent keeps them apart for the shell.
                let end = match i < last {
                    true if crate::text::width(&l) + 2 > inner => "\\",
                    true => " \\",
                    false => "",
                };
                let text = format!("{l}{end}");
                // Less indent for a word too long for the usual (a path), so
                // that it is not cut; one column at least after a bare "\".
                let want = if i == 0 { 2 } else { 4 };
                let indent = (want.min(inner.saturating_sub(crate::text::width(&text))))
                    .max(usize::from(bare));
                bare = end == "\\";
                Line::from(vec![Span::raw(" ".repeat(indent)), k(&text)])
            })
            .collect()
    };
    let mut lines = vec![
        Line::from(Span::styled("Welcome to ackbox", t.title())),
        Line::default(),
        Line::raw("Your inbox is empty: nothing has been imported yet."),
        match &s.db {
            Some(db) => Line::from(vec![
                Span::styled("database: ", t.dim()),
                Span::raw(crate::text::one_line(db)),
            ]),
            None => Line::default(),
        },
        Line::default(),
        Line::raw("Import the comments you owe a reply, for example:"),
    ];
    lines.extend(examples.iter().flat_map(command));
    lines.extend([
        Line::raw("(JSON Lines or CSV in the canonical format, or a platform's export)."),
        Line::default(),
        Line::from(vec![
            Span::raw("Or look around with a sample inbox: "),
            k("ackbox --demo"),
        ]),
        Line::default(),
        Line::raw("Items imported while ackbox is open appear here by themselves."),
    ]);
    // The keys in the border, where a short window cannot cut them off.
    let keys = Line::from(vec![
        Span::raw(" "),
        k(s.key_for(Command::Help)),
        Span::raw(" help   "),
        k(s.key_for(Command::Quit)),
        Span::raw(" quit "),
    ]);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false }).block(
        Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(t.accent())
            .title(Line::from(Span::styled(" ackbox ", t.accent())))
            .title_bottom(keys),
    );
    // As tall as its lines wrap to (a long database path takes several).
    // (`line_count` wraps at the width it is given: the box's inner one.)
    let height = u16::try_from(paragraph.line_count(width.saturating_sub(2))).unwrap_or(u16::MAX);
    let popup = centered(area, width, height);
    frame.render_widget(paragraph, popup);
    if let crate::tui::state::Mode::Help { scroll } = &s.mode {
        super::help::render(frame, area, s, *scroll, t);
    }
}

/// A shell command's words (each quoted as the shell reads it) in lines of
/// at most `width` columns as shown: cut between words where it is longer,
/// the first line indented by two columns, the others by four, each but
/// the last ending with ` \`.
fn shell_lines(words: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for w in words {
        let indent = if lines.len() > 1 { 4 } else { 2 };
        match lines.last_mut() {
            Some(l) if indent + crate::text::width(l) + 1 + crate::text::width(w) + 2 <= width => {
                l.push(' ');
                l.push_str(w);
            }
            _ => lines.push(w.clone()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::shell_lines;

    #[test]
    fn a_long_command_is_cut_between_its_words() {
        let words = [
            "ackbox",
            "--db",
            "'/home/me/my inbox.db'",
            "import",
            "comments.jsonl",
        ];
        let c: Vec<String> = words.map(str::to_owned).into();
        assert_eq!(shell_lines(&c, 80), [c.join(" ")]);
        assert_eq!(
            shell_lines(&c, 32),
            [
                "ackbox --db",
                "'/home/me/my inbox.db'",
                "import comments.jsonl"
            ]
        );
    }
}
