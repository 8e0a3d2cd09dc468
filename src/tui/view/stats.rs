//! The stats view: the same `stats::Report` that `ackbox stats --json`
//! prints, drawn as figures, bars, a chart and the people table.

use super::one_line;
use super::{Theme, pad, pad_left};
use crate::stats::{Backlog, Report, human_or_none as dur, percent as pct};
use crate::text::truncate;
use crate::tui::action::Command;
use crate::tui::state::AppState;
use chrono::{DateTime, TimeZone};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Borders, Chart, Dataset, GraphType, Paragraph,
};

fn block(title: &str, t: Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(t.dim())
        .title(Line::from(Span::styled(format!(" {title} "), t.title())))
}

pub fn render(frame: &mut Frame, area: Rect, s: &AppState, t: Theme) {
    let Some(r) = s.report.as_deref() else {
        frame.render_widget(
            Paragraph::new(" computing the statistics…").block(block("Stats", t)),
            area,
        );
        return;
    };
    let wide = area.width >= 100;
    let top_h = if wide { 12 } else { 10 };
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_h), Constraint::Min(4)]).areas(area);
    let [figs, platforms] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top);
    figures(frame, figs, r, s.key_for(Command::Window), t);
    per_platform(frame, platforms, r, t);
    let [chart_area, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(bottom);
    // The response rate over time under the counts, where there is room.
    if chart_area.height >= 18 {
        let [counts, rates] =
            Layout::vertical([Constraint::Min(10), Constraint::Length(7)]).areas(chart_area);
        chart(frame, counts, r, t);
        rate_chart(frame, rates, r, t);
    } else {
        chart(frame, chart_area, r, t);
    }
    if wide && right.height >= 16 {
        let [b, p] = Layout::vertical([Constraint::Length(8), Constraint::Min(4)]).areas(right);
        backlog(frame, b, r, t);
        people(frame, p, r, t);
    } else {
        people(frame, right, r, t);
    }
}

/// The window's figures; `window`: the key that changes the window.
fn figures(frame: &mut Frame, area: Rect, r: &Report, window: &str, t: Theme) {
    let f = &r.overall;
    let ttf = &f.time_to_first_reply;
    // The most frequent first, so that a line cut short keeps them.
    let mut by_count: Vec<_> = (f.dismissed_by_reason.iter())
        .filter(|&(_, &n)| n > 0)
        .collect();
    by_count.sort_by_key(|&(_, n)| std::cmp::Reverse(*n));
    let mut reasons: Vec<String> = by_count.iter().map(|(k, v)| format!("{v} {k}")).collect();
    if reasons.is_empty() {
        reasons.push("none".into());
    }
    let k = |s: &str| Span::styled(s.to_owned(), t.dim());
    let inner = block("", t).inner(area);
    // Two figures, each after its label: the forms of the line, longest
    // first (shorter labels where the longer ones would cut a figure).
    let two = |forms: Vec<(&str, &str, String)>, first: Span<'static>| -> Vec<Line<'static>> {
        (forms.into_iter())
            .map(|(before, between, second)| {
                Line::from(vec![
                    k(before),
                    first.clone(),
                    k(between),
                    Span::raw(second),
                ])
            })
            .collect()
    };
    let fit = |forms| fitting(usize::from(inner.width), forms);
    // A median and a p90.
    let times = |labels: [&str; 3], median: String, p90: String| {
        two(
            labels.map(|l| (l, " · p90 ", p90.clone())).into(),
            Span::raw(median),
        )
    };
    let (within, short) = (
        format!("within {}h ", r.reply_target_hours),
        format!("≤{}h ", r.reply_target_hours),
    );
    // An estimate counting the open items is unknown until that share is
    // answered, not missing.
    let km = |v: Option<i64>| match v {
        None if ttf.open > 0 => "not yet".to_owned(),
        v => dur(v),
    };
    // Each line with its rank: where rows are short, the details (rank 2)
    // go first, then the secondary figures (1); the headline figures stay.
    let mut lines = vec![
        (0, {
            // The raw rate goes first where the row is short.
            let rate = Span::styled(pct(f.response_rate), t.title());
            let raw = |label: &str| {
                Line::from(vec![
                    k(label),
                    rate.clone(),
                    k(" (raw "),
                    Span::raw(pct(f.raw_response_rate)),
                    k(")"),
                ])
            };
            fit(vec![
                raw("response rate "),
                raw("rate "),
                Line::from(vec![k("response rate "), rate.clone()]),
                Line::from(vec![k("rate "), rate]),
            ])
        }),
        (
            0,
            // A window nothing came in: said, where its rates are "—".
            match f.incoming {
                0 => fitting(
                    usize::from(inner.width),
                    ["nothing came in this window", "nothing came in"]
                        .map(|said| Line::from(k(said))),
                ),
                _ => fitting(
                    usize::from(inner.width),
                    [" incoming", ""].map(|incoming| {
                        Line::from(vec![
                            k("answered "),
                            Span::raw(format!("{}/{}{incoming}", f.answered, f.incoming)),
                            k(" · dismissed "),
                            Span::raw(f.dismissed.to_string()),
                        ])
                    }),
                ),
            },
        ),
        (
            2,
            reasons_line(k(REASONS), &reasons.join(", "), usize::from(inner.width)),
        ),
        (1, {
            // Marked answered by hand, with no reply to judge: apart, and
            // the first to go.
            let personal = pct(f.personal_reply_rate);
            let told = match f.personal_unknown {
                0 => personal.clone(),
                n => format!("{personal} ({n} unknown)"),
            };
            fit(two(
                vec![
                    (&within, " · personal ", told.clone()),
                    (&short, " · personal ", told.clone()),
                    (&short, " · pers. ", told),
                    (&short, " · pers. ", personal),
                ],
                Span::raw(pct(f.answered_within_target)),
            ))
        }),
        (
            0,
            fit(two(
                ["first reply: median ", "first reply ", "reply "]
                    .map(|l| (l, " · p90 ", dur(ttf.p90_secs)))
                    .into(),
                Span::styled(dur(ttf.median_secs), t.title()),
            )),
        ),
        // Beside the plain median (PRODUCT.md): kept before the working
        // time the config adds, which is the first to go.
        (
            2,
            fit(times(
                // Kaplan–Meier's, in plain words: the open items count as
                // waiting at least as long as they have.
                [
                    "  counting the unanswered: median ",
                    "  with unanswered: median ",
                    "  with open: median ",
                ],
                km(ttf.km_median_secs),
                km(ttf.km_p90_secs),
            )
            .into_iter()
            // Both unknown yet: said once where the row is short.
            .chain(
                (ttf.km_median_secs.is_none() && ttf.open > 0)
                    .then(|| Line::from(vec![k("  with open: "), Span::raw("not yet")])),
            )
            .collect()),
        ),
        (
            1,
            fit(two(
                [
                    ("  still open ", ", oldest "),
                    ("  open ", ", oldest "),
                    ("  open ", " · "),
                ]
                .map(|(before, between)| (before, between, dur(ttf.open_oldest_age_secs)))
                .into(),
                Span::raw(ttf.open.to_string()),
            )),
        ),
    ];
    if ttf.business_median_secs.is_some() {
        // Working time, from the configured business hours: after the open
        // items, and the first line to go where rows are short.
        lines.push((
            2,
            fit(times(
                ["  in working time: median ", "  working time: ", "  work: "],
                dur(ttf.business_median_secs),
                dur(ttf.business_p90_secs),
            )),
        ));
    }
    lines.push((0, backlog_line(&f.backlog, usize::from(inner.width), t)));
    // A row to spare: the reasons on two lines where one cuts them (in
    // the place of their line, the third).
    let reasons_w = usize::from(inner.width).saturating_sub(REASONS.len());
    if lines.len() < usize::from(inner.height)
        && crate::text::width(&reasons.join(", ")) > reasons_w
    {
        // As many as fit the first (one at least), the rest on the second.
        let mut n = 1;
        while n < reasons.len() && crate::text::width(&reasons[..=n].join(", ")) < reasons_w {
            n += 1;
        }
        let (first, rest) = reasons.split_at(n);
        let two = [
            Line::from(vec![
                k(REASONS),
                Span::raw(format!("{},", first.join(", "))),
            ]),
            reasons_line(
                k(&" ".repeat(REASONS.len())),
                &rest.join(", "),
                usize::from(inner.width),
            ),
        ];
        lines.splice(2..3, two.map(|l| (2, l)));
    }
    let title = window_title(&r.window);
    // Lines left out where rows are short are said to be: where to see them.
    let cut = lines.len() > usize::from(inner.height);
    // Titles are cut from their start where too long: the shorter forms.
    let width = usize::from(inner.width);
    let keyed = format!("{title} · {window}: window");
    let title = match window {
        key if !key.is_empty() && crate::text::width(&keyed) + 2 <= width => keyed,
        _ => title,
    };
    let mut figures = block(&title, t);
    if cut {
        let more = fitting(
            width,
            [
                " more: a taller window, or ackbox stats ",
                " more: ackbox stats ",
                " more ",
            ]
            .map(|m| Line::from(Span::styled(m, t.dim()))),
        );
        figures = figures.title_bottom(more.right_aligned());
    }
    frame.render_widget(
        Paragraph::new(keep_ranked(lines, usize::from(inner.height))).block(figures),
        area,
    );
}

/// What begins the line of the dismissals by reason.
const REASONS: &str = "  dismissed: ";

/// The first of `lines` (longest first) that fits in `width` columns, else
/// the last cut to fit at a word: never a figure cut in two.
fn fitting(width: usize, lines: impl IntoIterator<Item = Line<'static>>) -> Line<'static> {
    let mut last = Line::default();
    for line in lines {
        if line.width() <= width {
            return line;
        }
        last = line;
    }
    cut_before(last, width, &[" · ", ", ", " "]).unwrap_or_else(|whole| whole)
}

/// `line` cut before its last separator (the first of `seps` found) that
/// leaves it and an ellipsis within `width`: a label keeps its figure.
/// None fits: the line back, whole.
fn cut_before(
    line: Line<'static>,
    width: usize,
    seps: &[&str],
) -> Result<Line<'static>, Line<'static>> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let room = width.saturating_sub(1);
    let before = |sep: &str| {
        (text.match_indices(sep))
            .map(|(i, _)| i)
            .filter(|&i| !text[..i].trim().is_empty() && crate::text::width(&text[..i]) <= room)
            .last()
    };
    let Some(end) = seps.iter().find_map(|sep| before(sep)) else {
        return Err(line);
    };
    let (style, alignment) = (line.style, line.alignment);
    let mut spans = Vec::new();
    let mut at = 0;
    for span in line.spans {
        let len = span.content.len();
        if at + len <= end {
            spans.push(span);
        } else if at < end {
            spans.push(Span::styled(
                span.content[..end - at].to_owned(),
                span.style,
            ));
        }
        at += len;
    }
    spans.push(Span::raw("…"));
    Ok(Line {
        spans,
        style,
        alignment,
    })
}

/// The dismissals by reason after `label`, cut before a reason where they
/// are too long (never inside one: "3…" would count nothing said).
fn reasons_line(label: Span<'static>, reasons: &str, width: usize) -> Line<'static> {
    let line = Line::from(vec![label.clone(), Span::raw(reasons.to_owned())]);
    if line.width() <= width {
        return line;
    }
    cut_before(line, width, &[", "]).unwrap_or_else(|_| Line::from(vec![label, Span::raw("…")]))
}

/// The lines that fit in `rows`, in order, dropping the highest ranks first
/// (the last of a rank first).
fn keep_ranked<T>(mut lines: Vec<(u8, T)>, rows: usize) -> Vec<T> {
    while lines.len() > rows {
        let Some(drop) = (0..lines.len()).max_by_key(|&i| (lines[i].0, i)) else {
            break;
        };
        lines.remove(drop);
    }
    lines.into_iter().map(|(_, l)| l).collect()
}

/// "backlog 137: <1d 9 · 1–3d 17 · 3–7d 22 · >7d 89" in `width` columns:
/// youngest first, then the age of the oldest item; where it is too long
/// that age goes, then the empty buckets, then the separators shrink, then
/// the oldest buckets go. The youngest (today's work) always stays.
fn backlog_line(b: &Backlog, width: usize, t: Theme) -> Line<'static> {
    let buckets: [(&'static str, u64); 4] = [
        ("<1d ", b.under_1d),
        ("1–3d ", b.from_1_to_3d),
        ("3–7d ", b.from_3_to_7d),
        (">7d ", b.over_7d),
    ];
    let total = b.total.to_string();
    let all: Vec<&(&'static str, u64)> = buckets.iter().collect();
    let filled: Vec<&(&'static str, u64)> = all
        .iter()
        .enumerate()
        .filter(|(i, (_, v))| *i == 0 || *v > 0)
        .map(|(_, b)| *b)
        .collect();
    let oldest = b.oldest_age_secs.map(crate::stats::human_secs);
    let build = |shown: &[&(&'static str, u64)], sep: &'static str| -> Line<'static> {
        let mut spans = vec![
            Span::styled("backlog ", t.dim()),
            Span::styled(total.clone(), t.title()),
            Span::styled(": ", t.dim()),
        ];
        for (i, (label, v)) in shown.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(sep, t.dim()));
            }
            spans.push(Span::styled(*label, t.dim()));
            spans.push(Span::raw(v.to_string()));
        }
        // Buckets with items left out: said, not hidden.
        if shown.len() < filled.len() {
            spans.push(Span::styled(" …", t.dim()));
        }
        Line::from(spans)
    };
    let with_oldest = |mut line: Line<'static>| {
        if let Some(age) = &oldest {
            line.push_span(Span::styled(" · oldest ", t.dim()));
            line.push_span(Span::raw(age.clone()));
        }
        line
    };
    let (all, filled) = (&all[..], &filled[..]);
    [
        with_oldest(build(all, " · ")),
        build(all, " · "),
        build(filled, " · "),
    ]
    .into_iter()
    // Closer, the buckets still apart: "<1d 9·1–3d 17", not "<1d 9 1–3d 17".
    .chain([build(all, "·"), build(filled, "·")])
    .chain(
        (1..filled.len())
            .rev()
            .flat_map(|n| [build(&filled[..n], " · "), build(&filled[..n], "·")]),
    )
    .find(|l| l.width() <= width)
    .unwrap_or_else(|| build(&all[..1], "·"))
}

/// The narrowest bar worth drawing beside a platform's details.
const MIN_BAR: usize = 10;

fn per_platform(frame: &mut Frame, area: Rect, r: &Report, t: Theme) {
    let inner_w = usize::from(area.width.saturating_sub(2));
    // The busiest first: where rows run short, the rest are counted.
    let mut platforms: Vec<_> = r.per_platform.iter().collect();
    // (By the count shown: what the rate is of, the dismissed left out.)
    platforms.sort_by_key(|p| std::cmp::Reverse(p.figures.incoming - p.figures.dismissed));
    let rows = usize::from(area.height.saturating_sub(2));
    let more = platforms.len().saturating_sub(rows);
    if more > 0 {
        platforms.truncate(rows.saturating_sub(1));
    }
    // A column apart from the rates, however long the names.
    let longest = (platforms.iter())
        .map(|p| crate::text::width(&one_line(&p.platform)))
        .max()
        .unwrap_or(0);
    let label_w = (longest + 1).min(inner_w / 3);
    // A column of each platform's figures, and its width.
    let column = |cell: &dyn Fn(&crate::stats::Figures) -> String| {
        let cells: Vec<String> = platforms.iter().map(|p| cell(&p.figures)).collect();
        let w = cells
            .iter()
            .map(|c| crate::text::width(c))
            .max()
            .unwrap_or(0);
        (cells, w)
    };
    // The rates line up ("100.0%" is the widest), the counts follow where
    // they fit whole (cut, "1960/1409" would read as another count).
    let (mut values, mut value_w) = column(&|f| {
        let of = match f.all_dismissed() {
            Some(n) => format!("{n} dismissed"),
            None => format!("{}/{}", f.answered, f.incoming - f.dismissed),
        };
        format!("{} ({of})", pad_left(&pct(f.response_rate), 6))
    });
    if label_w + value_w + 1 > inner_w {
        (values, value_w) = column(&|f| pad_left(&pct(f.response_rate), 6));
    }
    // Where the bars keep room, each platform's first reply times, share
    // answered personally and backlog too ("median 3.2 h · p90 1.5 d ·
    // personal 80.0% · 4 waiting"), or its median and backlog alone.
    // Aligned, never cut (`pad_left` cuts: 20106 showed as "20…").
    let fits = |w: usize| inner_w >= label_w + value_w + w + 3 + MIN_BAR;
    let (mut details, mut details_w) = column(&|f| {
        let times = &f.time_to_first_reply;
        let unknown = match f.personal_unknown {
            0 => String::new(),
            n => format!(" ({n} unknown)"),
        };
        format!(
            "median {:>7} · p90 {:>7} · personal {:>6}{unknown} · {:>3} waiting",
            dur(times.median_secs),
            dur(times.p90_secs),
            pct(f.personal_reply_rate),
            f.backlog.total
        )
    });
    let all = fits(details_w);
    if !all {
        (details, details_w) = column(&|f| {
            format!(
                "median {:>7} · {:>3} waiting",
                dur(f.time_to_first_reply.median_secs),
                f.backlog.total
            )
        });
    }
    let shown = fits(details_w);
    let used = label_w + value_w + 2 + if shown { details_w + 1 } else { 0 };
    // The bars share one column and one scale, 0 to 100 %.
    let bar_w = inner_w.saturating_sub(used);
    let mut lines: Vec<Line> = platforms
        .iter()
        .zip(values.iter().zip(&details))
        .map(|(p, (value, detail))| {
            let mut spans = vec![
                Span::raw(pad(&one_line(&p.platform), label_w)),
                Span::raw(format!("{} ", pad(value, value_w))),
            ];
            if shown {
                spans.push(Span::styled(
                    format!("{} ", pad(detail, details_w)),
                    t.dim(),
                ));
            }
            spans.push(Span::styled(
                bar(p.figures.response_rate.unwrap_or(0.0), bar_w),
                t.ok(),
            ));
            Line::from(spans)
        })
        .collect();
    if more > 0 {
        let more = more + 1;
        lines.push(fitting(
            inner_w,
            [
                format!("+{more} more (ackbox stats)"),
                format!("+{more} more"),
            ]
            .map(|m| Line::from(Span::styled(m, t.dim()))),
        ));
    }
    let title = match (all, shown) {
        (true, _) => "Per platform: response rate, first reply, personal replies, backlog",
        (_, true) => "Per platform: response rate, median first reply, backlog",
        _ => "Response rate per platform",
    };
    frame.render_widget(
        Paragraph::new(lines).block(block(&truncate(title, inner_w.saturating_sub(2)), t)),
        area,
    );
}

/// A bar of `rate` (0 to 1) in `width` cells, in eighths of a cell; any rate
/// above zero shows at least an eighth.
pub fn bar(rate: f64, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let total = width * 8;
    let mut n = (rate.clamp(0.0, 1.0) * total as f64).round() as usize;
    if rate > 0.0 && width > 0 {
        n = n.max(1);
    }
    let mut out = "█".repeat(n / 8);
    if !n.is_multiple_of(8) {
        out.push(EIGHTHS[n % 8]);
    }
    out
}

fn chart(frame: &mut Frame, area: Rect, r: &Report, t: Theme) {
    let incoming: Vec<(f64, f64)> = r
        .over_time
        .iter()
        .enumerate()
        .map(|(i, b)| (i as f64, b.incoming as f64))
        .collect();
    let answered: Vec<(f64, f64)> = r
        .over_time
        .iter()
        .enumerate()
        .filter(|(_, b)| b.answered > 0)
        .map(|(i, b)| (i as f64, b.answered as f64))
        .collect();
    let max_y = r
        .over_time
        .iter()
        .map(|b| b.incoming.max(b.answered))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    // Different markers and a legend with words: not told by colour alone.
    let datasets = vec![
        Dataset::default()
            .name("incoming •")
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(t.warn())
            .data(&incoming),
        Dataset::default()
            .name("answered █")
            .marker(Marker::Block)
            .graph_type(GraphType::Bar)
            .style(t.ok())
            .data(&answered),
    ];
    // The legend is in the title (words and the markers), so it never
    // covers the data.
    // An item's bar is on the day it came in, answered since: said where
    // the title has room for it.
    let short = format!("Incoming (•) vs answered (█) per {}", r.bucket);
    let forms = [
        format!("{short} of arrival"),
        short,
        "Incoming (•) vs answered (█)".to_owned(),
        "• in, █ answered".to_owned(),
    ];
    let room = usize::from(area.width).saturating_sub(4);
    let title = match forms.iter().find(|f| crate::text::width(f) <= room) {
        Some(title) => title.clone(),
        None => truncate(&forms[3], room),
    };
    let top = max_y as u64;
    // Its middle where it is a whole number.
    let labels = [0, top / 2, top].map(|n| n.to_string());
    let labels = Labels(labels, top.is_multiple_of(2));
    frame.render_widget(over_time(datasets, &title, r, max_y, labels, area, t), area);
}

/// The response rate of each day's (or week's) items, 0 to 100 %, under
/// the counts and on the same days.
fn rate_chart(frame: &mut Frame, area: Rect, r: &Report, t: Theme) {
    // A line through each run of days with a rate: a day with nothing to
    // answer has none, and is not drawn over.
    let (mut runs, mut run) = (Vec::new(), Vec::new());
    for (i, b) in r.over_time.iter().enumerate() {
        match b.response_rate {
            Some(rate) => run.push((i as f64, rate * 100.0)),
            None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    runs.push(run);
    let datasets = (runs.iter())
        .map(|run| {
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(t.ok())
                .data(run)
        })
        .collect();
    let title = format!("Response rate per {}", r.bucket);
    let labels = Labels(["0%", "50%", "100%"].map(str::to_owned), true);
    frame.render_widget(over_time(datasets, &title, r, 100.0, labels, area, t), area);
}

/// A chart's value labels: its bottom, middle and top, and whether the
/// middle one may be shown (its value is a whole number).
struct Labels([String; 3], bool);

/// A chart over the window's days (or weeks), from 0 to `max_y` in `area`,
/// labelled at its bottom and top, and at its middle where a row is there
/// (an odd number of rows); the labels take the room of the widest,
/// "100%", so that the charts above each other share their days' columns.
fn over_time<'a>(
    datasets: Vec<Dataset<'a>>,
    title: &str,
    r: &Report,
    max_y: f64,
    Labels([low, mid, high], whole): Labels,
    area: Rect,
    t: Theme,
) -> Chart<'a> {
    // The rows of the graph: the borders and the day axis' two rows aside.
    let rows = area.height.saturating_sub(4);
    let labels = match whole && rows >= 3 && !rows.is_multiple_of(2) {
        true => vec![low, mid, high],
        false => vec![low, high],
    };
    let n = r.over_time.len().max(1);
    let day = |i: usize| {
        r.over_time
            .get(i)
            .and_then(|b| bucket_day(&b.start, &chrono::Local))
    };
    // The middle day too where it is one (an odd number of days: ratatui
    // centres a middle label) and the graph has room for three.
    let days = axis_labels(day(0), day((n - 1) / 2), day(n - 1));
    let days = match n >= 3 && n % 2 == 1 && room_for_three(area.width, &days) {
        true => days.to_vec(),
        false => vec![days[0].clone(), days[2].clone()],
    };
    Chart::new(datasets)
        .block(block(title, t))
        .x_axis(
            Axis::default()
                .bounds([0.0, (n - 1).max(1) as f64])
                .labels(days.into_iter().map(Line::raw))
                .style(t.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, max_y])
                .labels(labels.iter().map(|l| Line::raw(format!("{l:>4}"))))
                .style(t.dim()),
        )
        .legend_position(None)
}

/// Whether a chart `width` wide has room for its three day labels: ratatui
/// gives each a third of the graph, which starts after the value labels (4
/// columns and the axis) or the first day's label if that is wider, inside
/// the borders.
fn room_for_three(width: u16, [first, middle, _]: &[String; 3]) -> bool {
    let left = crate::text::width(first).max(5);
    let graph = usize::from(width.saturating_sub(2)).saturating_sub(left);
    graph / 3 > crate::text::width(middle) + 1
}

/// A bucket's day in `tz`: its start is a UTC instant (a local midnight),
/// whose UTC date is the day before east of UTC.
fn bucket_day<Tz: TimeZone>(start: &str, tz: &Tz) -> Option<chrono::NaiveDate> {
    DateTime::parse_from_rfc3339(start)
        .ok()
        .map(|t| t.with_timezone(tz).date_naive())
}

/// The chart's first, middle and last day, "MM-DD", with the year when the
/// first and last are in different years (an all-time chart spans several).
fn axis_labels(
    first: Option<chrono::NaiveDate>,
    middle: Option<chrono::NaiveDate>,
    last: Option<chrono::NaiveDate>,
) -> [String; 3] {
    use chrono::Datelike;
    let format = match (first, last) {
        (Some(a), Some(b)) if a.year() != b.year() => "%Y-%m-%d",
        _ => "%m-%d",
    };
    [first, middle, last].map(|d| d.map(|d| d.format(format).to_string()).unwrap_or_default())
}

fn backlog(frame: &mut Frame, area: Rect, r: &Report, t: Theme) {
    let b = &r.overall.backlog;
    let bars = [
        ("<1d", b.under_1d),
        ("1-3d", b.from_1_to_3d),
        ("3-7d", b.from_3_to_7d),
        (">7d", b.over_7d),
    ]
    .map(|(l, v)| Bar::default().value(v).label(Line::raw(l)).style(t.warn()));
    let chart = BarChart::default()
        .block(block(&format!("Backlog by age ({} waiting)", b.total), t))
        .bar_width(6)
        .bar_gap(2)
        .value_style(t.cursor())
        .data(BarGroup::default().bars(&bars));
    frame.render_widget(chart, area);
}

fn people(frame: &mut Frame, area: Rect, r: &Report, t: Theme) {
    let inner_w = usize::from(area.width.saturating_sub(2));
    // Their platform, where there is more than one and room for it beside
    // a name: one name can be several people.
    let plat_w = match r.people.first() {
        Some(first) if inner_w >= 44 && r.people.iter().any(|p| p.platform != first.platform) => {
            if inner_w >= 60 {
                10
            } else {
                8
            }
        }
        _ => 0,
    };
    // The rest of the row is the name's: the mark, three counts and the "!"
    // (20 columns; 17 where narrow, the counts a column less, so that the
    // "!" stays in sight), and the platform with its space.
    // Narrower still, the answered column goes: the waiting count is what
    // the panel is read for.
    let count_w = if inner_w >= 28 { 5 } else { 4 };
    let plat_cols = if plat_w > 0 { plat_w + 1 } else { 0 };
    let answered_col = inner_w >= 3 * count_w + 5 + 6 + plat_cols;
    let counts = if answered_col { 3 } else { 2 };
    let name_w = inner_w
        .saturating_sub(counts * (count_w + 1) + 2 + plat_cols)
        .clamp(6, 60);
    let plat = |p: &str| match plat_w {
        0 => String::new(),
        w => format!("{} ", pad(&truncate(p, w), w)),
    };
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{}{} {}{} {}",
            plat(""),
            pad("who", name_w),
            pad_left(if count_w == 5 { "items" } else { "item" }, count_w),
            match answered_col {
                true => format!(" {}", pad_left("answ", count_w)),
                false => String::new(),
            },
            pad_left("wait", count_w)
        ),
        t.dim(),
    ))];
    // Below the borders and the header; where not all fit, the last row
    // says how many more there are.
    let room = usize::from(area.height.saturating_sub(3));
    let shown = if r.people.len() > room {
        room.saturating_sub(1)
    } else {
        r.people.len()
    };
    // Without the platform column, one handle on two platforms would read
    // as the same row twice: those rows say their platform after the name.
    let shown_people = &r.people[..shown];
    let twice = |p: &crate::stats::Person| {
        plat_w == 0 && shown_people.iter().filter(|o| o.author == p.author).count() > 1
    };
    for p in shown_people {
        let mut who = super::author_with_name(&p.author, p.author_name.as_deref());
        if twice(p) {
            // A long name is cut to leave the platform, which tells the
            // rows apart, at least half the room.
            let on = format!(" · {}", one_line(&p.platform));
            let cols = name_w.saturating_sub(2);
            let for_platform = crate::text::width(&on).min(cols / 2);
            let name_cols = crate::text::width(&who).min(cols - for_platform);
            who = format!("{}{on}", truncate(&who, name_cols));
        }
        let loyal = if p.loyal { "♥" } else { " " };
        // (Strangers' items are no one person's to leave unanswered.)
        let left_unanswered = p.needs_reply > 0
            && p.answered == 0
            && p.items >= 3
            && !crate::import::shared::strangers(&p.platform, &p.author);
        let mut spans = vec![
            Span::raw(format!("{} ", loyal)),
            Span::styled(plat(&one_line(&p.platform)), t.dim()),
            Span::styled(pad(&who, name_w.saturating_sub(2)), t.author()),
            Span::raw(match answered_col {
                true => format!(
                    " {:>w$} {:>w$} {:>w$}",
                    p.items,
                    p.answered,
                    p.needs_reply,
                    w = count_w
                ),
                false => format!(" {:>w$} {:>w$}", p.items, p.needs_reply, w = count_w),
            }),
        ];
        if left_unanswered {
            spans.push(Span::styled(" !", t.error()));
        }
        lines.push(Line::from(spans));
    }
    if r.people.is_empty() {
        lines.push(Line::from(Span::styled("no one in this window", t.dim())));
    } else if (shown as u64) < r.people_total {
        let more = r.people_total - shown as u64;
        lines.push(fitting(
            inner_w,
            [
                format!("+{more} more in this window"),
                format!("+{more} more"),
            ]
            .map(|m| Line::from(Span::styled(m, t.dim()))),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines).block(block(
            &truncate(
                "People (♥ loyal, ! none of 3+ answered)",
                inner_w.saturating_sub(2),
            ),
            t,
        )),
        area,
    );
}

/// A window as the Stats view titles it: "Last 30 days", "All time".
fn window_title(window: &str) -> String {
    match window {
        "all" => "All time".to_owned(),
        "1d" => "Last day".to_owned(),
        w => format!("Last {} days", w.trim_end_matches('d')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, Utc};

    /// A report of nothing, for the fields a test sets.
    fn report() -> Report {
        Report {
            window: "30d".into(),
            from: String::new(),
            to: String::new(),
            reply_target_hours: 24.0,
            overall: Default::default(),
            today: Default::default(),
            per_platform: Vec::new(),
            bucket: "day",
            over_time: Vec::new(),
            people_total: 0,
            people: Vec::new(),
        }
    }

    /// The screen `draw` leaves on a terminal of `w`×`h`, as text.
    fn drawn(w: u16, h: u16, draw: impl FnOnce(&mut Frame)) -> String {
        let mut term =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("terminal");
        term.draw(draw).expect("draw");
        format!("{:?}", term.backend().buffer())
    }

    /// A person with four items, two answered and two waiting.
    fn person(platform: &str, author: &str) -> crate::stats::Person {
        crate::stats::Person {
            platform: platform.into(),
            author: author.into(),
            author_name: None,
            items: 4,
            answered: 2,
            dismissed: 0,
            needs_reply: 2,
            snoozed: 0,
            reciprocity: Some(0.5),
            loyal: true,
            last_seen: String::new(),
        }
    }

    /// At every width, with the platform column or without: a loyal person
    /// none of whose 3+ items was answered is marked "!" at the row's end,
    /// and the people of the window past the panel are counted.
    #[test]
    fn the_left_waiting_mark_and_everyone_else_are_in_sight() {
        let mut waiting = person("bluesky", "kenjiw.bsky.social");
        (waiting.answered, waiting.needs_reply) = (0, 4);
        let r = Report {
            people: vec![
                waiting,
                person("mastodon", "ann"),
                person("youtube", "@joe"),
            ],
            people_total: 113,
            ..report()
        };
        // Narrow (the 60×20 Stats view's 27 columns), the counts take a
        // column less each, the "!" kept.
        for w in [27, 29, 30, 40, 60, 61, 62, 80, 100, 110, 120, 170] {
            let screen = drawn(w, 5, |f| people(f, f.area(), &r, Theme { color: false }));
            let row = screen.lines().find(|l| l.contains("kenj")).expect("row");
            let counts = if w < 30 {
                "    4    0    4 !"
            } else {
                "     4     0     4 !"
            };
            assert!(row.contains(counts), "{w}: {row}");
            assert!(screen.contains("+112 more in this window"), "{w}: {screen}");
        }
        // Narrower (a 50-column Stats view), the answered column goes,
        // the waiting count and the "!" stay.
        let screen = drawn(22, 5, |f| people(f, f.area(), &r, Theme { color: false }));
        let row = screen.lines().find(|l| l.contains("ke")).expect("row");
        assert!(row.contains("    4    4 !│"), "{screen}");
        assert!(screen.contains("item wait"), "{screen}");
        // Narrower, the count alone, not a word cut.
        let screen = drawn(20, 5, |f| people(f, f.area(), &r, Theme { color: false }));
        assert!(screen.contains("│+112 more         │"), "{screen}");
        // Strangers whose names were withheld are no one to leave waiting.
        let mut strangers = person("instagram", "(unknown)");
        (strangers.answered, strangers.needs_reply, strangers.loyal) = (0, 4, false);
        let r = Report {
            people: vec![strangers],
            people_total: 1,
            ..report()
        };
        let screen = drawn(80, 5, |f| people(f, f.area(), &r, Theme { color: false }));
        let row = screen
            .lines()
            .find(|l| l.contains("(unknown)"))
            .expect("row");
        assert!(
            row.contains("     4     0     4 ") && !row.contains(" !"),
            "{row}"
        );
    }

    /// A narrow People panel has no platform column: one handle on two
    /// platforms says which row is which.
    #[test]
    fn one_handle_on_two_platforms_is_told_apart_when_narrow() {
        let r = Report {
            people: vec![
                person("bluesky", "p8"),
                person("mastodon", "p8"),
                person("mastodon", "ann"),
            ],
            people_total: 3,
            ..report()
        };
        let screen = drawn(36, 8, |f| people(f, f.area(), &r, Theme { color: false }));
        assert!(screen.contains("♥ p8 · bluesky"), "{screen}");
        assert!(screen.contains("♥ p8 · mastod"), "{screen}");
        assert!(screen.contains("♥ ann "), "{screen}");
        // A name too long for the row is cut before the platform.
        let long = |platform| crate::stats::Person {
            author_name: Some("Anna Lindqvist-Johansson".into()),
            ..person(platform, "anna@social.example")
        };
        let r = Report {
            people: vec![long("mastodon"), long("bluesky")],
            people_total: 2,
            ..report()
        };
        let screen = drawn(42, 8, |f| people(f, f.area(), &r, Theme { color: false }));
        assert!(screen.contains("anna@soc… · masto"), "{screen}");
        assert!(screen.contains("anna@soc… · blues"), "{screen}");
    }

    /// A chart is labelled at its middle too where a row is there and its
    /// value is a whole number: never on a row off the middle.
    #[test]
    fn a_chart_is_labelled_at_its_middle_where_a_row_is_there() {
        let day = |d: u32, incoming: u64| crate::stats::BucketFigures {
            start: format!("2026-11-{d:02}T00:00:00Z"),
            incoming,
            answered: incoming / 2,
            dismissed: 0,
            replies: 0,
            response_rate: Some(0.5),
        };
        let r = |top: u64| Report {
            over_time: vec![day(1, 3), day(2, top), day(3, 1)],
            ..report()
        };
        // The y labels: the cells before the axis, on each row.
        let labels = |r: &Report, h: u16, draw: fn(&mut Frame, Rect, &Report, Theme)| {
            let screen = drawn(40, h, |f| draw(f, f.area(), r, Theme { color: false }));
            screen
                .lines()
                .filter_map(|l| l.split('│').nth(1).map(str::trim).map(str::to_owned))
                .filter(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_digit() || c == '%'))
                .collect::<Vec<_>>()
        };
        // Five rows: the middle one is labelled.
        assert_eq!(labels(&r(10), 9, chart), ["10", "5", "0"]);
        assert_eq!(labels(&r(10), 9, rate_chart), ["100%", "50%", "0%"]);
        // Four rows have no middle one; nor has an odd top a whole half.
        assert_eq!(labels(&r(10), 8, chart), ["10", "0"]);
        assert_eq!(labels(&r(9), 9, chart), ["9", "0"]);
    }

    /// Platforms busiest first; those the panel has no row for are counted,
    /// not dropped; a long name stays apart from its rate.
    #[test]
    fn platforms_past_the_panel_are_counted() {
        let platform = |name: &str, incoming: u64, answered: u64| crate::stats::PlatformFigures {
            platform: name.into(),
            figures: crate::stats::Figures {
                incoming,
                answered,
                response_rate: Some(answered as f64 / incoming as f64),
                ..Default::default()
            },
        };
        let mut platforms: Vec<_> = (0..9).map(|i| platform(&format!("p{i}"), 1, 0)).collect();
        // Many items, nearly all dismissed: ranked by what its rate is of.
        platforms[0].figures.incoming = 30;
        platforms[0].figures.dismissed = 29;
        platforms.push(platform("wordpress-network", 2, 2));
        platforms.push(platform("youtube", 24, 6));
        let r = Report {
            per_platform: platforms,
            ..report()
        };
        let screen = drawn(60, 10, |f| {
            per_platform(f, f.area(), &r, Theme { color: false })
        });
        let rows: Vec<&str> = screen.lines().filter(|l| l.contains('│')).collect();
        assert!(
            rows[0].contains("youtube            25.0% (6/24)"),
            "{screen}"
        );
        assert!(
            rows[1].contains("wordpress-network 100.0% (2/2)"),
            "{screen}"
        );
        assert!(rows[7].contains("+4 more (ackbox stats)"), "{screen}");
        // Narrow, the count alone, not a word cut.
        let screen = drawn(18, 10, |f| {
            per_platform(f, f.area(), &r, Theme { color: false })
        });
        assert!(screen.contains("│+4 more         │"), "{screen}");
        // All its items dismissed: not a platform without items.
        let mut dismissed = platform("reddit", 4, 0);
        dismissed.figures.dismissed = 4;
        dismissed.figures.response_rate = None;
        let mut quiet = platform("github", 0, 0);
        quiet.figures.response_rate = None;
        let r = Report {
            per_platform: vec![dismissed, quiet],
            ..report()
        };
        let screen = drawn(60, 4, |f| {
            per_platform(f, f.area(), &r, Theme { color: false })
        });
        assert!(screen.contains("reddit      — (4 dismissed)"), "{screen}");
        assert!(screen.contains("github      — (0/0)"), "{screen}");
    }

    /// A wide panel gives each platform its median first reply and backlog
    /// beside its rate; a narrow one its rate and bar alone.
    #[test]
    fn wide_platform_rows_add_the_median_and_the_backlog() {
        let mut youtube = crate::stats::PlatformFigures {
            platform: "youtube".into(),
            figures: crate::stats::Figures {
                incoming: 24,
                answered: 6,
                response_rate: Some(0.25),
                ..Default::default()
            },
        };
        youtube.figures.time_to_first_reply.median_secs = Some(36_000);
        youtube.figures.backlog.total = 17;
        let r = Report {
            per_platform: vec![youtube],
            ..report()
        };
        let draw = |w| {
            drawn(w, 4, |f| {
                per_platform(f, f.area(), &r, Theme { color: false })
            })
        };
        let wide = draw(80);
        assert!(
            wide.contains("youtube  25.0% (6/24) median  10.0 h ·  17 waiting ██"),
            "{wide}"
        );
        assert!(wide.contains("Per platform: response rate, median first reply, backlog"));
        // A backlog of five digits is whole.
        let mut big = r.clone();
        big.per_platform[0].figures.backlog.total = 20_106;
        let wide = drawn(90, 4, |f| {
            per_platform(f, f.area(), &big, Theme { color: false })
        });
        assert!(wide.contains("· 20106 waiting"), "{wide}");
        let narrow = draw(50);
        assert!(narrow.contains("youtube  25.0% (6/24) ███"), "{narrow}");
        assert!(!narrow.contains("median"), "{narrow}");
        // Too narrow for the counts whole: the rate alone.
        let mut many = big.clone();
        (
            many.per_platform[0].figures.answered,
            many.per_platform[0].figures.incoming,
        ) = (1960, 14093);
        let tight = drawn(24, 4, |f| {
            per_platform(f, f.area(), &many, Theme { color: false })
        });
        assert!(tight.contains("youtube 25.0% █"), "{tight}");
        assert!(!tight.contains("(1960/"), "{tight}");
    }

    /// Where rows run short the working time the config adds goes before the
    /// estimate counting the open items (beside the plain median, PRODUCT.md).
    #[test]
    fn working_time_goes_before_the_estimate_with_the_open() {
        let time_to_first_reply = crate::stats::ReplyTimes {
            answered: 4,
            median_secs: Some(3600),
            p90_secs: Some(7200),
            open: 2,
            open_oldest_age_secs: Some(86_400),
            km_median_secs: Some(5400),
            km_p90_secs: Some(9000),
            business_median_secs: Some(1800),
            business_p90_secs: Some(3600),
        };
        let r = Report {
            overall: crate::stats::Figures {
                time_to_first_reply,
                ..Default::default()
            },
            ..report()
        };
        let mut seen = Vec::new();
        for h in 6..16 {
            let screen = drawn(80, h, |f| {
                figures(f, f.area(), &r, "w", Theme { color: false })
            });
            let km = screen.contains("unanswered: median") || screen.contains("with open: median");
            let work = screen.contains("working time");
            assert!(
                km || !work,
                "{h} rows: working time kept, the estimate not\n{screen}"
            );
            seen.push((km, work));
        }
        // Both are shown where there is room, and dropped where there is none.
        assert!(
            seen.contains(&(true, true)) && seen.contains(&(true, false)),
            "{seen:?}"
        );
        // Narrow (a 60-column screen's half), the lines take their short
        // forms, whole, not cut in a figure.
        let mut r = r;
        (
            r.overall.answered_within_target,
            r.overall.personal_reply_rate,
        ) = (Some(0.921), Some(0.364));
        r.overall.time_to_first_reply.open_oldest_age_secs = Some(764 * 86_400);
        let narrow = drawn(28, 16, |f| {
            figures(f, f.area(), &r, "w", Theme { color: false })
        });
        assert!(narrow.contains("≤24h 92.1% · pers. 36.4%"), "{narrow}");
        assert!(narrow.contains("open 2, oldest 764.0 d"), "{narrow}");
        assert!(narrow.contains("reply 1.0 h · p90 2.0 h"), "{narrow}");
    }

    /// The dismissals by reason, the most frequent first, cut with a "…"
    /// where the line is too short for them all: each reason whole.
    #[test]
    fn dismissal_reasons_cut_keep_the_most_frequent() {
        let mut overall = crate::stats::Figures::default();
        for (reason, n) in [("bait", 22), ("emoji-only", 16), ("handled-elsewhere", 1)] {
            overall.dismissed_by_reason.insert(reason.into(), n);
        }
        overall.dismissed_by_reason.insert("other".into(), 8);
        overall.dismissed_by_reason.insert("spam".into(), 4);
        let r = Report {
            overall,
            ..report()
        };
        // No row to spare: one line, cut.
        let screen = drawn(60, 9, |f| {
            figures(f, f.area(), &r, "w", Theme { color: false })
        });
        let line = screen
            .lines()
            .find(|l| l.contains("dismissed: "))
            .expect("the reasons' line");
        assert!(
            line.contains("dismissed: 22 bait, 16 emoji-only, 8 other, 4 spam…     │"),
            "{line}"
        );
        // A row to spare: on two lines, whole.
        let screen = drawn(60, 12, |f| {
            figures(f, f.area(), &r, "w", Theme { color: false })
        });
        let mut lines = screen.lines().skip_while(|l| !l.contains("dismissed: "));
        let (first, second) = (
            lines.next().unwrap_or_default(),
            lines.next().unwrap_or_default(),
        );
        assert!(
            first.contains("│  dismissed: 22 bait, 16 emoji-only, 8 other, 4 spam,     │"),
            "{screen}"
        );
        assert!(
            second.contains("│             1 handled-elsewhere "),
            "{screen}"
        );
        // The window's key as bound, or none when it is unbound.
        assert!(screen.contains(" Last 30 days · w: window "), "{screen}");
        for (key, title) in [("W", " Last 30 days · W: window "), ("", " Last 30 days ─")] {
            let screen = drawn(60, 12, |f| {
                figures(f, f.area(), &r, key, Theme { color: false })
            });
            assert!(screen.contains(title), "{screen}");
        }
        // Narrow, the titles take their shorter forms, never cut at their
        // start ("└ow, or ackbox stats ┘", "Last 30 days · w: w┐").
        for (w, more, title) in [
            (
                60,
                " more: a taller window, or ackbox stats ┘",
                " Last 30 days · w: window ─",
            ),
            (30, " more: ackbox stats ┘", " Last 30 days · w: window ─"),
            (20, " more ┘", "┌ Last 30 days ────┐"),
        ] {
            let screen = drawn(w, 8, |f| {
                figures(f, f.area(), &r, "w", Theme { color: false })
            });
            let bottom = screen.lines().find(|l| l.contains('└')).unwrap_or_default();
            assert!(bottom.contains(&format!("─{more}")), "{w}: {bottom}");
            assert!(screen.contains(title), "{screen}");
        }
    }

    /// A window nothing came in says so, where its figures are "—".
    #[test]
    fn a_window_nothing_came_in_says_so() {
        let r = report();
        let screen = drawn(60, 12, |f| {
            figures(f, f.area(), &r, "w", Theme { color: false })
        });
        assert!(screen.contains("nothing came in this window"), "{screen}");
        assert!(!screen.contains("answered 0/0"), "{screen}");
    }

    #[test]
    fn a_window_is_titled_in_words() {
        assert_eq!(window_title("all"), "All time");
        assert_eq!(window_title("1d"), "Last day");
        assert_eq!(window_title("30d"), "Last 30 days");
    }

    #[test]
    fn chart_days_are_local_dates() {
        let hours = |h: i32, m: i32| FixedOffset::east_opt(h * 3600 + m * 60).expect("offset");
        let day = |start: &str, tz: &FixedOffset| {
            bucket_day(start, tz).map(|d| d.format("%m-%d").to_string())
        };
        // Berlin in winter: the bucket of 11 March begins at 23:00Z on the 10th.
        assert_eq!(
            day("2026-03-10T23:00:00Z", &hours(1, 0)).as_deref(),
            Some("03-11")
        );
        // India: the day begins at 18:30 UTC.
        assert_eq!(
            day("2026-11-29T18:30:00Z", &hours(5, 30)).as_deref(),
            Some("11-30")
        );
        // West of UTC and at UTC the date does not move.
        assert_eq!(
            day("2026-03-10T05:00:00Z", &hours(-5, 0)).as_deref(),
            Some("03-10")
        );
        assert_eq!(
            bucket_day("2026-03-10T00:00:00Z", &Utc),
            chrono::NaiveDate::from_ymd_opt(2026, 3, 10)
        );
        assert_eq!(bucket_day("not a time", &Utc), None);
    }

    #[test]
    fn the_chart_axis_says_the_year_when_it_spans_two() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(
            axis_labels(d(2026, 2, 8), d(2026, 2, 23), d(2026, 3, 10)),
            ["02-08", "02-23", "03-10"]
        );
        assert_eq!(
            axis_labels(d(2024, 11, 4), d(2025, 11, 3), d(2026, 10, 26)),
            ["2024-11-04", "2025-11-03", "2026-10-26"]
        );
        assert_eq!(axis_labels(None, None, None), ["", "", ""]);
        // At 80 columns a panel of 43: room for three "MM-DD", not for three
        // dates with their years (the middle one was cut, HJ).
        let short = axis_labels(d(2026, 2, 8), d(2026, 2, 23), d(2026, 3, 10));
        let long = axis_labels(d(2025, 11, 10), d(2026, 5, 25), d(2026, 12, 7));
        assert!(room_for_three(43, &short) && !room_for_three(43, &long));
        assert!(room_for_three(86, &long));
    }

    #[test]
    fn a_label_too_long_for_its_panel_gives_way_to_the_short_one() {
        // The 80-column Stats view leaves its figures 41 columns.
        let km = |label: &str| Line::from(format!("{label}22.1 h · p90 40.2 h"));
        let both = || {
            [
                km("  counting the unanswered: median "),
                km("  with unanswered: "),
            ]
        };
        assert_eq!(
            fitting(41, both()).to_string(),
            "  with unanswered: 22.1 h · p90 40.2 h"
        );
        assert_eq!(
            fitting(60, both()).to_string(),
            "  counting the unanswered: median 22.1 h · p90 40.2 h"
        );
    }

    #[test]
    fn a_line_too_long_in_every_form_is_cut_before_a_separator() {
        let line = || {
            Line::from(vec![
                Span::raw("  with open: median "),
                Span::raw("not yet"),
                Span::raw(" · p90 "),
                Span::raw("not yet"),
            ])
        };
        assert_eq!(
            fitting(31, [line()]).to_string(),
            "  with open: median not yet…"
        );
        // No separator left within the row: at a space, a word whole.
        assert_eq!(fitting(21, [line()]).to_string(), "  with open: median…");
        assert_eq!(fitting(41, [line()]).to_string(), line().to_string());
    }

    /// The reasons are cut before one, never inside one ("3…" counts
    /// nothing said), down to the label alone.
    #[test]
    fn dismissal_reasons_are_cut_between_reasons() {
        let label = || Span::raw(REASONS);
        let reasons = "3 handled-elsewhere, 1 spam";
        let at = |w| reasons_line(label(), reasons, w).to_string();
        assert_eq!(at(40), "  dismissed: 3 handled-elsewhere, 1 spam");
        assert_eq!(at(39), "  dismissed: 3 handled-elsewhere…");
        assert_eq!(at(32), "  dismissed: …");
    }

    /// The response rate line drops the raw rate, then its label's first
    /// word, before a figure would be cut.
    #[test]
    fn the_response_rate_is_never_cut_mid_number() {
        let r = report();
        for w in 20..=62 {
            let screen = drawn(w, 12, |f| {
                figures(f, f.area(), &r, "w", Theme { color: false })
            });
            let line = (screen.lines())
                .find(|l| l.contains("rate "))
                .expect("the rate's line");
            let text = line.trim_matches(|c| matches!(c, '│' | ' ' | '"' | ','));
            assert!(
                text.ends_with('%')
                    || text.ends_with("%)")
                    || text.ends_with('—')
                    || text.ends_with("—)"),
                "{w}: {line}"
            );
        }
    }

    #[test]
    fn the_backlog_line_keeps_the_youngest_bucket_first() {
        let b = Backlog {
            total: 137,
            under_1d: 9,
            from_1_to_3d: 17,
            from_3_to_7d: 22,
            over_7d: 89,
            ..Backlog::default()
        };
        let t = Theme { color: false };
        let text = |w: usize| backlog_line(&b, w, t).to_string();
        assert_eq!(text(60), "backlog 137: <1d 9 · 1–3d 17 · 3–7d 22 · >7d 89");
        // The oldest item's age where there is room for it.
        let aged = Backlog {
            oldest_age_secs: Some(42 * 86_400 + 3 * 3600),
            ..b.clone()
        };
        assert_eq!(
            backlog_line(&aged, 80, t).to_string(),
            "backlog 137: <1d 9 · 1–3d 17 · 3–7d 22 · >7d 89 · oldest 42.1 d"
        );
        assert_eq!(backlog_line(&aged, 60, t).to_string(), text(60));
        // The figures pane at 80 columns: closer together, all there.
        assert_eq!(text(42), "backlog 137: <1d 9·1–3d 17·3–7d 22·>7d 89");
        // Narrower: the oldest buckets go, never the youngest, and "…"
        // says some did.
        assert_eq!(text(38), "backlog 137: <1d 9·1–3d 17·3–7d 22 …");
        assert_eq!(text(30), "backlog 137: <1d 9 · 1–3d 17 …");
        assert_eq!(text(10), "backlog 137: <1d 9 …");
        // Empty buckets go before any that has items.
        let old = Backlog {
            total: 122_558,
            over_7d: 122_558,
            ..Backlog::default()
        };
        let text = |w: usize| backlog_line(&old, w, t).to_string();
        assert_eq!(text(41), "backlog 122558: <1d 0 · >7d 122558");
        // Separators stay while an empty bucket can go instead.
        let gap = Backlog {
            total: 5,
            under_1d: 2,
            from_3_to_7d: 1,
            over_7d: 2,
            ..Backlog::default()
        };
        assert_eq!(
            backlog_line(&gap, 38, t).to_string(),
            "backlog 5: <1d 2 · 3–7d 1 · >7d 2"
        );
        assert_eq!(
            backlog_line(&gap, 46, t).to_string(),
            "backlog 5: <1d 2 · 1–3d 0 · 3–7d 1 · >7d 2"
        );
        assert_eq!(
            text(80),
            "backlog 122558: <1d 0 · 1–3d 0 · 3–7d 0 · >7d 122558"
        );
    }

    #[test]
    fn short_panes_drop_the_details_first() {
        let lines = vec![(0, "a"), (2, "b"), (1, "c"), (2, "d"), (0, "e")];
        assert_eq!(keep_ranked(lines.clone(), 9), ["a", "b", "c", "d", "e"]);
        assert_eq!(keep_ranked(lines.clone(), 4), ["a", "b", "c", "e"]);
        assert_eq!(keep_ranked(lines.clone(), 2), ["a", "e"]);
    }

    #[test]
    fn platform_bars_are_proportional_from_zero_to_one_hundred() {
        let cells = |rate: f64, w: usize| {
            let b = bar(rate, w);
            // Eighths of a cell drawn.
            b.chars()
                .map(|c| match c {
                    '█' => 8,
                    c => "▏▎▍▌▋▊▉".chars().position(|e| e == c).map_or(0, |i| i + 1),
                })
                .sum::<usize>()
        };
        // 200 columns' pane: 18 %, 31 %, 61 % as measured, in proportion.
        for w in [12, 60] {
            for rate in [0.18, 0.31, 0.33, 0.61, 1.0] {
                let want = (rate * (w * 8) as f64).round() as usize;
                assert_eq!(cells(rate, w), want, "{rate} in {w}");
            }
            assert!(crate::text::width(&bar(1.0, w)) == w);
        }
        // YouTube 33 % is not Bluesky 18 %, also in a narrow pane.
        assert_ne!(bar(0.33, 12), bar(0.18, 12));
        // A small rate still shows; none shows nothing.
        assert_eq!(bar(0.01, 12), "▏");
        assert_eq!(bar(0.0, 12), "");
        assert_eq!(bar(0.5, 0), "");
    }
}
