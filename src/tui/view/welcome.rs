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
    let import = &s.import_command;
    let lines = vec![
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
        Line::from(vec![
            Span::raw("  "),
            k(&format!("{import} comments.jsonl")),
        ]),
        Line::from(vec![
            Span::raw("  "),
            k(&format!("{import} --format wordpress export.xml")),
        ]),
        Line::raw("(JSON Lines or CSV in the canonical format, or a platform's export)."),
        Line::default(),
        Line::from(vec![
            Span::raw("Or look around with a sample inbox: "),
            k("ackbox --demo"),
        ]),
        Line::default(),
        Line::raw("Items imported while ackbox is open appear here by themselves."),
    ];
    // The keys in the border, where a short window cannot cut them off.
    let keys = Line::from(vec![
        Span::raw(" "),
        k(s.key_for(Command::Help)),
        Span::raw(" help   "),
        k(s.key_for(Command::Quit)),
        Span::raw(" quit "),
    ]);
    // Wide enough for the commands where the screen is (one cut in two is
    // copied in two).
    let widest = lines.iter().map(Line::width).max().unwrap_or(0);
    let width = area
        .width
        .min(u16::try_from(widest + 2).unwrap_or(u16::MAX).max(72));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false }).block(
        Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(t.accent())
            .title(Line::from(Span::styled(" ackbox ", t.accent())))
            .title_bottom(keys),
    );
    // As tall as its lines wrap to (a long database path takes several).
    let height = u16::try_from(paragraph.line_count(width)).unwrap_or(u16::MAX);
    let popup = centered(area, width, height);
    frame.render_widget(paragraph, popup);
    if let crate::tui::state::Mode::Help { scroll } = &s.mode {
        super::help::render(frame, area, s, *scroll, t);
    }
}
