//! The detail pane: the whole comment wrapped, its thread and link, the
//! parent, the earlier exchange with this person, and their history.

use super::{Theme, ago};
use super::{distinct_name, one_line, sanitize, short_author};
use crate::model::{State as ItemState, flag_names};
use crate::store::query::{Elsewhere, Message};
use crate::text::{truncate, wrap_hanging, wrap_words};
use crate::tui::action::Command;
use crate::tui::state::{AppState, Focus};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

/// The most of a comment the pane shows, in bytes: a hostile one can run
/// to megabytes, and the pane wraps what it shows at every frame.
const SHOWN: usize = 32 * 1024;

/// Multi-line untrusted text as lines (sanitised; tabs become spaces), up
/// to [`SHOWN`] bytes of it (`y` copies it whole).
pub(super) fn body_lines(text: &str, width: usize, t: Theme) -> Vec<Line<'static>> {
    if crate::text::is_blank(text) {
        return vec![Line::from(Span::styled(crate::text::NO_TEXT, t.dim()))];
    }
    let head = crate::text::head(text, SHOWN);
    // Cut at a line's end where one is near, else between graphemes and
    // marked: a line or an emoji cut short would read as what they wrote
    // (between characters where one grapheme runs on for kilobytes).
    let (cut, mark) = match head.rfind('\n') {
        _ if head.len() == text.len() => (head.len(), ""),
        Some(end) if end >= SHOWN / 2 => (end, ""),
        _ => {
            use unicode_segmentation::UnicodeSegmentation;
            let grapheme = (head.grapheme_indices(true).next_back()).map_or(0, |(i, _)| i);
            let cut = if grapheme >= SHOWN / 2 {
                grapheme
            } else {
                head.len()
            };
            (cut, "…")
        }
    };
    // A line of wide text (Chinese, Japanese) is wrapped here, beside a
    // wide character: the pane's own wrapping breaks only at spaces, and
    // cut the word of another script after it ("…です" then "Will", not
    // "…ですWi" then "ll").
    let mut lines: Vec<Line> = (sanitize(&text[..cut]) + mark)
        .replace('\t', "    ")
        .split('\n')
        .flat_map(|l| wrapped_if_wide(l, width))
        .map(Line::raw)
        .collect();
    if cut < text.len() {
        let more = (text.len() - cut).div_ceil(1024);
        lines.push(Line::from(Span::styled(
            format!("… and {more} KB more, not shown (y copies it whole)"),
            t.dim(),
        )));
    }
    lines
}

/// `line` wrapped to `width` columns under its indent where it holds wide
/// text and is wider (see `body_lines`), else as it is.
fn wrapped_if_wide(line: &str, width: usize) -> Vec<String> {
    if !crate::text::has_wide(line) || crate::text::width(line) <= width {
        return vec![line.to_owned()];
    }
    let text = line.trim_start_matches(' ');
    let indent = &line[..line.len() - text.len()];
    let room = width.saturating_sub(indent.len()).max(1);
    (crate::text::wrap_words(text, room).into_iter())
        .map(|l| format!("{indent}{l}"))
        .collect()
}

/// `text` cut to `room` columns, or whole (to be wrapped) while the pane has
/// the focus: the pane is read then, not glanced at.
fn fit(text: &str, room: usize, s: &AppState) -> String {
    if s.focus == Focus::Detail {
        text.to_owned()
    } else {
        truncate(text, room)
    }
}

/// A message of the exchange: on one line, cut to the pane; whole while
/// the pane has the focus, its own lines kept (a reply's paragraphs).
fn message_lines(m: &Message, s: &AppState, t: Theme, w: usize) -> Vec<Line<'static>> {
    let who = if m.own && crate::model::not_yet_imported(&m.id) {
        Span::styled("you (not yet imported)", t.own())
    } else if m.own {
        Span::styled("you", t.own())
    } else {
        // A Facebook author is a number: their name, as the list shows them;
        // quoted where it reads as the label of your own replies (a guest
        // may type "you").
        let name = short_author(&m.author, m.author_name.as_deref());
        let yours = name.eq_ignore_ascii_case("you") || name.to_lowercase().starts_with("you (");
        let name = if yours { format!("“{name}”") } else { name };
        Span::styled(name, t.author())
    };
    let head = format!("  {} · ", ago(m.created_at, s.now));
    // A name longer than the pane leaves is cut: the head stays one line.
    let fits = w.saturating_sub(crate::text::width(&head) + 2).max(4);
    let who = Span::styled(truncate(&who.content, fits), who.style);
    let used = crate::text::width(&head) + crate::text::width(&who.content) + 2;
    let start = |body: String| {
        Line::from(vec![
            Span::styled(head, t.dim()),
            who,
            Span::raw(": "),
            Span::raw(body),
        ])
    };
    // Too narrow beside its head (a long name), the body starts below it,
    // indented, not on a line the pane would wrap unindented.
    let room = w.saturating_sub(used);
    let below = room < 8;
    if s.focus != Focus::Detail {
        let body = one_line(&m.body);
        return match below {
            false => vec![start(truncate(&body, room))],
            true => std::iter::once(start(String::new()))
                .chain(indented(
                    [truncate(&body, w.saturating_sub(INDENT.len()))],
                    INDENT,
                ))
                .collect(),
        };
    }
    // Read whole: wrapped under a hanging indent, so that each message
    // stands out from the next.
    let body = sanitize(&m.body);
    let mut paragraphs = body.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut first = wrap_hanging(
        paragraphs.next().unwrap_or_default(),
        if below {
            w.saturating_sub(INDENT.len())
        } else {
            room
        },
        w.saturating_sub(INDENT.len()),
    )
    .into_iter();
    let head = start(match below {
        false => first.next().unwrap_or_default(),
        true => String::new(),
    });
    std::iter::once(head)
        .chain(indented(first, INDENT))
        .chain(
            paragraphs
                .flat_map(|l| indented(wrap_words(l, w.saturating_sub(INDENT.len())), INDENT)),
        )
        .collect()
}

/// One of their items in another thread: when, what became of it and
/// where (on a line), then what they wrote (on a line, whole while the
/// pane has the focus).
fn elsewhere_lines(e: &Elsewhere, s: &AppState, t: Theme, w: usize) -> Vec<Line<'static>> {
    let (state, style) = match e.state {
        ItemState::NeedsReply => ("● waiting", t.warn()),
        ItemState::Answered => ("✓ answered", t.ok()),
        ItemState::Dismissed => ("✗ dismissed", t.dim()),
        ItemState::Snoozed => ("z snoozed", t.accent()),
    };
    let head = format!("  {} · ", ago(e.created_at, s.now));
    let used = crate::text::width(&head) + crate::text::width(state);
    let place = (e.thread_title.as_deref())
        .map(|title| {
            truncate(
                &format!(" · in {}", one_line(title)),
                w.saturating_sub(used),
            )
        })
        .unwrap_or_default();
    let first = Line::from(vec![
        Span::styled(head, t.dim()),
        Span::styled(state, style),
        Span::styled(place, t.dim()),
    ]);
    let body = one_line(&e.body);
    let room = w.saturating_sub(INDENT.len());
    let body = match s.focus {
        Focus::Detail => wrap_words(&body, room),
        Focus::List => vec![truncate(&body, room.max(8))],
    };
    std::iter::once(first)
        .chain(indented(body, INDENT))
        .collect()
}

/// A reply's verdict, under it.
const WHY: &str = "      ";

/// A message's lines after its first.
const INDENT: &str = "    ";

/// `lines` as drawn under an indent.
fn indented(
    lines: impl IntoIterator<Item = String>,
    indent: &'static str,
) -> impl Iterator<Item = Line<'static>> {
    lines
        .into_iter()
        .map(move |l| Line::raw(format!("{indent}{l}")))
}

pub fn render(frame: &mut Frame, area: Rect, s: &AppState, t: Theme) {
    let mut block = block(s, t);
    let inner = super::wrap_area(block.inner(area));
    let Some(text) = text(s, t, inner.width) else {
        frame.render_widget(block, area);
        return;
    };
    // A scroll kept from a longer text, or a taller pane, stops at the end.
    let last = last_top(&text, inner);
    let scroll = s.detail_scroll.min(last);
    // The lines out of sight are counted on the lower edge (the person's
    // history is often below a long comment).
    let inner_w = usize::from(area.width.saturating_sub(2));
    if let Some(edge) =
        super::dialogs::out_of_sight(usize::from(scroll), usize::from(last - scroll), inner_w, t)
    {
        block = block.title_bottom(edge);
    }
    frame.render_widget(block, area);
    frame.render_widget(text.scroll((scroll, 0)), inner);
}

/// How far the detail pane scrolls: until its last line is at the bottom.
pub fn max_scroll(s: &AppState) -> u16 {
    let t = Theme { color: false };
    let inner = super::wrap_area(block(s, t).inner(super::layout::screen(s).detail));
    text(s, t, inner.width).map_or(0, |text| last_top(&text, inner))
}

/// The first line shown when the wrapped text's last line is at the
/// bottom of `inner`.
fn last_top(text: &Paragraph, inner: Rect) -> u16 {
    let lines = u16::try_from(text.line_count(inner.width)).unwrap_or(u16::MAX);
    lines.saturating_sub(inner.height)
}

fn block(s: &AppState, t: Theme) -> Block<'static> {
    let focused = s.focus == Focus::Detail;
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(t.border(focused))
        .title(Line::from(Span::styled(
            if focused {
                " Detail (focused) "
            } else {
                " Detail "
            },
            t.title(),
        )))
}

/// The current item's detail, wrapped to `width` columns; `None` with no item.
fn text(s: &AppState, t: Theme, width: u16) -> Option<Paragraph<'static>> {
    let item = s.list.current()?;
    let w = usize::from(width);
    let mut lines: Vec<Line> = Vec::new();
    let author = fit(&one_line(&item.author), w.saturating_sub(2).max(8), s);
    let room = w.saturating_sub(crate::text::width(&author) + 3).max(8);
    let mut head = vec![Span::styled(author, t.author())];
    if let Some(name) = distinct_name(&item.author, item.author_name.as_deref()) {
        // A display name is anyone's to choose: even read whole, it ends on
        // the handle's row.
        head.push(Span::raw(format!(" ({})", truncate(&name, room))));
    }
    head.push(Span::styled(
        format!(
            " · {} · {} · {}",
            one_line(&item.platform),
            item.kind,
            // Wrapped whole: "42" on one line and "d ago" on the next read badly.
            ago(item.created_at, s.now).replace(' ', "\u{a0}")
        ),
        t.dim(),
    ));
    lines.push(Line::from(head));
    let state = match item.state {
        ItemState::NeedsReply => "● needs a reply".to_owned(),
        ItemState::Answered => match item.personal {
            Some(true) => "✓ answered (personal)".to_owned(),
            // Generic or canned.
            Some(false) => "✓ answered (not personal)".to_owned(),
            None => "✓ answered".to_owned(),
        },
        ItemState::Dismissed => format!(
            "✗ dismissed: {}",
            item.dismiss_reason.map_or("other", |r| r.label())
        ),
        ItemState::Snoozed => format!(
            "z snoozed until {}",
            (item.snoozed_until)
                .map(|until| crate::when::shown(until, s.now))
                .unwrap_or_default()
        ),
    };
    lines.push(Line::from(Span::styled(state, t.title())));
    let flags: Vec<String> = flag_names(item.flags)
        .into_iter()
        .map(|f| match item.flag_reasons.get(f) {
            Some(why) => format!("{f} ({})", one_line(why)),
            None => f.to_owned(),
        })
        .collect();
    if !flags.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("flags: ", t.dim()),
            Span::styled(flags.join(", "), t.warn()),
        ]));
    }
    if let Some((score, why)) = s
        .detail
        .as_ref()
        .filter(|d| d.rid == item.rid)
        .and_then(|d| d.priority.as_ref())
        .filter(|(_, why)| !why.is_empty())
    {
        lines.push(Line::from(vec![
            Span::styled(format!("priority {score}: "), t.dim()),
            // Wrapped between reasons, not inside one ("waiting 58 d").
            Span::raw(
                why.iter()
                    .map(|w| one_line(w).replace(' ', "\u{a0}"))
                    .collect::<Vec<_>>()
                    .join(" · "),
            ),
        ]));
    }
    lines.push(Line::default());
    lines.extend(body_lines(&item.body, w, t));
    // Where it is, after a blank line (none without a thread or a link:
    // the next part has its own).
    let mut place = Vec::new();
    if let Some(title) = &item.thread_title {
        place.push(Line::from(vec![
            Span::styled("Thread: ", t.dim()),
            // Two lines at most at a glance: the exchange and history follow.
            Span::raw(fit(&one_line(title), (2 * w).saturating_sub(10), s)),
        ]));
    }
    if let Some(url) = &item.thread_url {
        // Under its title; a thread without one (Mastodon's) is its link.
        let label = if item.thread_title.is_some() {
            "  "
        } else {
            "Thread: "
        };
        place.push(Line::from(vec![
            Span::styled(label, t.dim()),
            Span::styled(
                fit(&one_line(url), w.saturating_sub(label.len()), s),
                t.dim(),
            ),
        ]));
    }
    if let Some(url) = &item.url {
        place.push(Line::from(vec![
            Span::styled("Link: ", t.dim()),
            Span::raw(fit(&one_line(url), w.saturating_sub(6), s)),
        ]));
    }
    if !place.is_empty() {
        lines.push(Line::default());
        lines.extend(place);
    }
    if let Some(d) = s.detail.as_ref().filter(|d| d.rid == item.rid) {
        if let Some(p) = &d.parent {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled("In reply to:", t.title())));
            lines.extend(message_lines(p, s, t, w));
        }
        let exchange = &d.exchange;
        let earlier: Vec<&Message> = (exchange.messages.iter())
            .filter(|m| m.rid != item.rid)
            .collect();
        if !earlier.is_empty() || exchange.later > 0 {
            lines.push(Line::default());
            let with_them = match item.thread_id {
                Some(_) => "In this thread with them:",
                None => "In this conversation with them:",
            };
            lines.push(Line::from(Span::styled(with_them, t.title())));
            if exchange.earlier > 0 {
                let all = s.key_does(Command::Person, "lists all their items");
                let left_out = format!("… {} earlier", exchange.earlier);
                let said = all.map_or(left_out.clone(), |all| format!("{left_out} ({all})"));
                lines.push(Line::from(Span::styled(format!("  {said}"), t.dim())));
            }
            for m in earlier {
                lines.extend(message_lines(m, s, t, w));
                // How that reply reads as an acknowledgement, and why.
                if let Some(v) = m.verdict.filter(|_| m.own) {
                    let why = one_line(&v.explained(&m.reasons, " · "));
                    let why = match s.focus {
                        Focus::Detail => wrap_words(&why, w.saturating_sub(WHY.len())),
                        _ => vec![truncate(&why, w.saturating_sub(WHY.len()).max(2))],
                    };
                    lines.extend(indented(why, WHY).map(|l| l.style(t.dim())));
                }
            }
            // What they wrote after it: an answer may no longer be wanted.
            if exchange.later > 0 {
                let wrote = format!("{} more of theirs here since this one", exchange.later);
                let all = s.key_does(Command::Person, "lists them");
                let said = all.map_or(wrote.clone(), |all| format!("{wrote} ({all})"));
                // Read whole where the pane is read (its key at its end).
                let said = match s.focus {
                    Focus::Detail => wrap_words(&said, w.saturating_sub(2)),
                    _ => vec![truncate(&said, w.saturating_sub(2))],
                };
                lines.extend(indented(said, "  ").map(|l| l.style(t.accent())));
            }
        }
        if !d.elsewhere.is_empty() {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled("Elsewhere, lately:", t.title())));
            for e in &d.elsewhere {
                lines.extend(elsewhere_lines(e, s, t, w));
            }
        }
        let p = &d.person;
        lines.push(Line::default());
        let whose = match crate::import::shared::strangers(&item.platform, &item.author) {
            true => "Strangers, their names withheld:",
            false => "Their history on this platform:",
        };
        let mut who = vec![Span::styled(whose, t.title())];
        if d.vip {
            who.push(Span::styled(" ★ VIP", t.accent()));
        }
        lines.push(Line::from(who));
        if let Some(note) = d.note.as_deref().filter(|n| !n.trim().is_empty()) {
            lines.push(Line::from(vec![
                Span::styled("  note: ", t.dim()),
                Span::raw(one_line(note)),
            ]));
        }
        let rate = if p.items > p.dismissed {
            let share = p.answered as f64 / (p.items - p.dismissed) as f64;
            format!(" ({})", crate::stats::whole_percent(share))
        } else {
            String::new()
        };
        lines.push(Line::raw(format!(
            "  {} {} · {} answered{rate} · {} dismissed",
            p.items,
            if p.items == 1 { "item" } else { "items" },
            p.answered,
            p.dismissed
        )));
        lines.push(Line::raw(format!(
            "  first seen {} · last answered {}",
            p.first_seen.map_or("—".into(), |t| ago(t, s.now)),
            p.last_answered.map_or("never".into(), |t| ago(t, s.now)),
        )));
    }
    Some(Paragraph::new(lines).wrap(Wrap { trim: false }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long comment is cut at a line's end where one is near, else
    /// between graphemes, marked "…" (a cut line or emoji would read as
    /// what they wrote: "line 338" of "line 3387").
    #[test]
    fn a_long_comment_is_cut_between_graphemes_or_lines() {
        let text = |l: &Line| -> String { l.spans.iter().map(|s| s.content.as_ref()).collect() };
        let lines = body_lines(&"€".repeat(20_000), 80, Theme { color: false });
        assert_eq!(text(&lines[0]), "€".repeat(SHOWN / 3 - 1) + "…");
        assert_eq!(
            text(&lines[1]),
            "… and 27 KB more, not shown (y copies it whole)"
        );
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        let lines = body_lines(
            &format!("a{}", family.repeat(5_000)),
            usize::MAX,
            Theme { color: false },
        );
        let shown = text(&lines[0]);
        assert!(
            shown.ends_with(&format!("{family}…")),
            "{:?}",
            &shown[shown.len() - 40..]
        );
        // One grapheme of kilobytes (a ZWJ chain, stored before such were
        // cut at import) is cut between characters, and shown as cleaned.
        let chain = format!("👍{}", "\u{200d}👍".repeat(5_000));
        let lines = body_lines(&chain, 80, Theme { color: false });
        assert_eq!(text(&lines[0]), format!("👍{}…", "\u{200d}👍".repeat(16)));
        assert!(text(&lines[1]).starts_with("… and 3 KB more"));
        let numbered: Vec<String> = (0..5_000).map(|n| format!("line {n}")).collect();
        let lines = body_lines(&numbered.join("\n"), 80, Theme { color: false });
        let last = text(&lines[lines.len() - 2]);
        assert_eq!(last, numbered[lines.len() - 2]);
        assert!(text(&lines[lines.len() - 1]).starts_with("… and "));
        assert_eq!(body_lines("short", 80, Theme { color: false }).len(), 1);
        // A body of nothing but spaces (or what the sanitiser takes away) says so.
        for blank in [
            "",
            " \n\t",
            "\u{200b}\u{1b}",
            "\u{200d}",
            "\u{fe0f}",
            "\u{301}",
            "\u{200c}\u{feff}",
        ] {
            let lines = body_lines(blank, 80, Theme { color: false });
            let shown: String = lines[0].spans.iter().map(|s| s.content.as_ref()).collect();
            assert_eq!((lines.len(), shown.as_str()), (1, "(no text)"), "{blank:?}");
        }
    }

    /// A line of wide text is wrapped beside a wide character, not inside
    /// the word of another script after it (the pane breaks only at
    /// spaces), each of its lines under its indent; others are left to
    /// the pane.
    #[test]
    fn wide_lines_are_wrapped_beside_a_wide_character() {
        let wrapped = wrapped_if_wide(
            "日本でもカルダモンロールが最近人気ですVinterljus shipping",
            20,
        );
        assert!(
            wrapped.iter().any(|l| l.starts_with("Vinterljus"))
                && wrapped.iter().all(|l| crate::text::width(l) <= 20),
            "{wrapped:?}"
        );
        let wrapped = wrapped_if_wide("   - 細かく挽いてくださいエスプレッソ用に", 20);
        assert!(
            wrapped.len() > 1
                && (wrapped.iter()).all(|l| l.starts_with("   ") && crate::text::width(l) <= 20),
            "{wrapped:?}"
        );
        // As a body's lines are shown.
        let body = body_lines(
            "日本でもカルダモンロールが最近人気ですVinterljus shipping",
            20,
            Theme { color: false },
        );
        assert!(body.len() > 1);
        let ascii = "   indented ".repeat(10);
        assert_eq!(wrapped_if_wide(&ascii, 20), vec![ascii.clone()]);
    }

    /// A message whose head leaves no room beside it (a long name in a
    /// narrow pane) starts its text below, indented, on lines within the
    /// pane, glanced at or read.
    #[test]
    fn a_message_too_narrow_beside_its_head_starts_below_it() {
        let keys = crate::tui::keymap::Keymap::new(&Default::default()).unwrap();
        let now = chrono::Utc::now();
        let mut s = AppState::new(
            now,
            (100, 30),
            crate::config::Window::Days(30),
            Vec::new(),
            Default::default(),
            keys.bindings,
            true,
        );
        let m = Message {
            rid: 1,
            id: "c1".into(),
            author: "maria.brews.coffee.roasters".into(),
            author_name: None,
            body: "Merci beaucoup pour les conseils, la mouture plus fine marche".into(),
            created_at: now - chrono::Duration::days(1),
            own: false,
            verdict: None,
            reasons: Vec::new(),
        };
        let text = |l: &Line| -> String { l.spans.iter().map(|s| s.content.as_ref()).collect() };
        for focus in [Focus::List, Focus::Detail] {
            s.focus = focus;
            let lines = message_lines(&m, &s, Theme { color: false }, 40);
            let shown: Vec<String> = lines.iter().map(text).collect();
            assert!(
                shown[0].ends_with("maria.brews.coffee.roaste…: "),
                "{shown:?}"
            );
            assert!(shown[1].starts_with("    Merci"), "{shown:?}");
            assert!(
                shown.iter().all(|l| crate::text::width(l) <= 40),
                "{shown:?}"
            );
        }
        // With room, beside it.
        let lines = message_lines(&m, &s, Theme { color: false }, 80);
        assert!(
            text(&lines[0]).contains("roasters: Merci beaucoup"),
            "{:?}",
            text(&lines[0])
        );
        // A commenter who calls themselves "you" is not taken for you.
        for (author, own, shown) in [("You", false, "“You”: "), ("me", true, "you: ")] {
            let m = Message {
                author: author.into(),
                own,
                ..m.clone()
            };
            let lines = message_lines(&m, &s, Theme { color: false }, 80);
            assert!(text(&lines[0]).contains(shown), "{:?}", text(&lines[0]));
        }
    }
}
