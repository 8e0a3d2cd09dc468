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
    // Into this database, wherever it is.
    let import = match s.db.as_deref().filter(|_| !s.db_is_default) {
        Some(db) => format!("ackbox --db {} import", shell_word(db)),
        None => "ackbox import".to_owned(),
    };
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
        Line::default(),
        Line::from(vec![
            k(s.key_for(Command::Help)),
            Span::raw(" help   "),
            k(s.key_for(Command::Quit)),
            Span::raw(" quit"),
        ]),
    ];
    let popup = centered(area, 72, lines.len() as u16 + 4);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_type(BorderType::Rounded)
                .border_style(t.accent())
                .title(Line::from(Span::styled(" ackbox ", t.accent()))),
        ),
        popup,
    );
    if let crate::tui::state::Mode::Help { scroll } = &s.mode {
        super::help::render(frame, area, s, *scroll, t);
    }
}

/// A word as a shell reads it back: as it is, in single quotes, or (with a
/// control character, never shown as it is) in `$'…'` with escapes.
fn shell_word(w: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+:@%,".contains(c);
    if !w.is_empty() && w.chars().all(plain) {
        w.to_owned()
    } else if !w.chars().any(char::is_control) && crate::text::is_clean(w) {
        format!("'{}'", w.replace('\'', r"'\''"))
    } else {
        let escaped: String = w
            .chars()
            .map(|c| match c {
                '\\' | '\'' => format!("\\{c}"),
                c if c.is_control() || !crate::text::is_clean(c.encode_utf8(&mut [0; 4])) => {
                    format!("\\u{:04x}", u32::from(c))
                }
                c => c.to_string(),
            })
            .collect();
        format!("$'{escaped}'")
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn a_path_is_written_as_a_shell_reads_it_back() {
        assert_eq!(shell_word("/home/ann/ackbox.db"), "/home/ann/ackbox.db");
        assert_eq!(shell_word("/tmp/my inbox.db"), "'/tmp/my inbox.db'");
        assert_eq!(shell_word("/tmp/ann's.db"), r"'/tmp/ann'\''s.db'");
        assert_eq!(shell_word("$HOME/x"), "'$HOME/x'");
        assert_eq!(
            shell_word("/tmp/a\nb\x1b[31m.db"),
            r"$'/tmp/a\u000ab\u001b[31m.db'"
        );
        assert_eq!(shell_word("/tmp/it's\n"), r"$'/tmp/it\'s\u000a'");
    }
}
