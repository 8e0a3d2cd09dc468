//! GitHub issues and issue comments from the REST API.
//!
//! Accepted: `GET /repos/{owner}/{repo}/issues/comments` (issue comments, which
//! include the conversation comments of pull requests) and
//! `GET /repos/{owner}/{repo}/issues` (issues and pull requests), one page (an
//! array), pages back to back as `gh api --paginate` writes them, an array of
//! pages (`gh api --paginate --slurp`), or JSON Lines of pages. A single issue
//! or comment object is accepted too, and so are the issues a search finds
//! (`GET /search/issues?q=mentions:LOGIN`: a page's `items`).
//!
//! Issues are threads: `thread_id` = `<owner>/<repo>#<number>` from the
//! `html_url` (or the API URL), `thread_url` = the issue page. Each issue is
//! also imported as an item (its title as `thread_title`, its body as the
//! body) and every comment hangs in its issue's thread with no parent
//! (GitHub issue comments are flat: the store links an own comment to the
//! item it follows, see `store::flat`). author = login, `author_ids` = [user id].
//! Bodies are markdown and kept as written, but for what GitHub does not
//! show: HTML comments (an issue template's guidance) are left out, and an
//! image (a pasted screenshot, `![alt](url)` or an `<img>` tag) is written
//! `[its alt]` (`[image]` without one). `author_association` is not used
//! for `own`: OWNER also means any member of an owning organisation, so the
//! driver decides from the configured logins. Comments and issues by bots
//! (`user.type == "Bot"`: CI reports, dependabot) are skipped as "bot".
//!
//! Ids: a comment's numeric id, in decimal, as the platform gives it; an
//! issue's is `issue-` and its numeric id. Issues and comments are numbered
//! apart (on GitHub Enterprise Server both from 1), so the same number can
//! name an issue and a comment: the prefix keeps them two items.

use super::json;
use crate::import::format::{Format, ImportError, Position, Sink, Skipped, Thread};
use crate::model::{Kind, Record};
use serde::Deserialize;
use std::io::BufRead;

const PLATFORM: &str = "github";

/// GitHub REST issues and issue comments.
pub struct GitHub;

/// A Markdown body as GitHub shows it: without its HTML comments (hidden
/// through their end, or to the body's end when unclosed, as GitHub does),
/// an image (a pasted screenshot: `![alt](url)` or an `<img>` tag) as
/// `[its alt]`, `[image]` without one, without the other HTML tags GitHub
/// draws or drops (`<details>`, `<kbd>`, `<sub>`: their text stays; `<br>`
/// a line break), and its entities (`&mdash;`) as the characters they
/// are; the rest as written, code untouched (the Markdown parser tells
/// HTML, entities and images from code).
fn as_shown(body: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    // Cleaned first (as it would be after): an escape sequence's `[` in an
    // image's alt would break the image's brackets.
    let body = &crate::text::sanitize(body);
    let body = &*super::shared::markdown_images(body, |_, alt| {
        Some(format!("[{}]", if alt.is_empty() { "image" } else { alt }))
    });
    if !body.contains(['<', '&']) {
        return body.to_owned();
    }
    let mut out = String::with_capacity(body.len());
    // `body[..done]` is written or left out.
    let mut done = 0;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            // An entity, which the parser gives as its own text.
            Event::Text(shown)
                if range.start >= done
                    && body[range.clone()].starts_with('&')
                    && body[range.clone()].ends_with(';') =>
            {
                out.push_str(&body[done..range.start]);
                out.push_str(&shown);
                done = range.end;
                continue;
            }
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => continue,
        }
        let mut at = range.start.max(done);
        while at < range.end {
            let Some(found) = body[at..range.end].find('<').map(|i| at + i) else {
                break;
            };
            let rest = &body[found..];
            let tag = tag(&body[found..range.end]);
            if rest.strip_prefix("<!--").is_none() && tag.is_none() {
                at = found + 1;
                continue;
            }
            out.push_str(&body[done..found]);
            // Where the source ends the line, or (for a block's edge) it is
            // ended already or holds only a quote's or a list's marks (its
            // text stays in the quote, in the item), a break adds none.
            let breaks = tag.is_some_and(|(len, _)| {
                (body[found + len..].trim_start_matches([' ', '\t'])).starts_with(['\r', '\n'])
            });
            // The line a break ends: whether it has words past its marks,
            // and what the next one starts with to stay in them.
            let line = || {
                let line = &out[out.rfind('\n').map_or(0, |i| i + 1)..];
                let (marks, continued) = container(line);
                (!line[marks..].trim().is_empty(), continued)
            };
            let (end, shown) = match (rest.strip_prefix("<!--"), tag) {
                (Some(comment), _) => {
                    let end = (comment.find("-->")).map_or(body.len(), |e| found + 4 + e + 3);
                    // On a line of its own, it takes its line with it: a
                    // template's guidance between paragraphs leaves one
                    // blank line, as GitHub shows it.
                    let after = body[end..].trim_start_matches([' ', '\t']);
                    let next = (after.strip_prefix("\r\n")).or_else(|| after.strip_prefix('\n'));
                    let before = out.len() - out.rfind('\n').map_or(0, |i| i + 1);
                    match next {
                        Some(mut next) if out[out.len() - before..].trim().is_empty() => {
                            out.truncate(out.len() - before);
                            // Between blank lines, one of them goes too.
                            while out.is_empty() || out.ends_with("\n\n") {
                                match next.split_once('\n') {
                                    Some((blank, rest)) if blank.trim().is_empty() => next = rest,
                                    _ => break,
                                }
                            }
                            (body.len() - next.len(), String::new())
                        }
                        _ => (end, String::new()),
                    }
                }
                (None, Some((len, Tag::Image))) => (
                    found + len,
                    crate::text::html_to_text(&body[found..found + len]),
                ),
                // A link with its text and where it leads, read as the
                // HTML bodies are ("[click here](address)"), to its end.
                // On its line (across lines, its text would take in code
                // and other blocks).
                (None, Some((len, Tag::Link))) => {
                    let line = body[found..].find('\n').map_or(body.len(), |i| found + i);
                    let inside = crate::text::head(&body[found..line], 4096);
                    match link_end(inside, len) {
                        Some(close) => (found + close, crate::text::html_to_text(&inside[..close])),
                        // Never closed: where it leads, before the text
                        // it would have held.
                        None => {
                            let tag = &body[found..found + len];
                            let to = crate::text::html_to_text(&format!("{tag}</a>"));
                            (found + len, if to.is_empty() { to } else { to + " " })
                        }
                    }
                }
                // A line break, where the source breaks none.
                (None, Some((len, kind @ (Tag::Break | Tag::Block)))) if !breaks => {
                    match line() {
                        // A block's edge where no words end the line adds
                        // none (a quote's text stays in it).
                        (false, _) if kind == Tag::Block => (found + len, String::new()),
                        (_, continued) => (found + len, format!("\n{continued}")),
                    }
                }
                (None, Some((len, Tag::Cell)))
                    if !out.ends_with(char::is_whitespace) && !out.is_empty() =>
                {
                    (found + len, " ".to_owned())
                }
                (None, Some((len, _))) => (found + len, String::new()),
                (None, None) => unreachable!("told apart above"),
            };
            // A line ended by a block's edge ends with its words.
            if shown.starts_with('\n') {
                out.truncate(out.trim_end_matches(' ').len());
            }
            out.push_str(&shown);
            (done, at) = (end, end);
        }
    }
    if done == 0 {
        return body.to_owned();
    }
    out.push_str(&body[done..]);
    // The blank lines a comment left at the start go, an indent stays (it
    // may make the first line code).
    let first = out.find(|c: char| !c.is_whitespace()).unwrap_or(out.len());
    let line = out[..first].rfind('\n').map_or(0, |i| i + 1);
    out[line..].trim_end().to_owned()
}

/// The marks a Markdown line starts with, of quotes (`> > `) and of a
/// list's item (`- `, `2. `, and a task's `[ ] `): their length, and what
/// the item's next line starts with to stay in them (the quotes' marks,
/// the item's as spaces).
fn container(line: &str) -> (usize, String) {
    let quotes = line.len() - line.trim_start_matches(['>', ' ', '\t']).len();
    let rest = &line[quotes..];
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mark = match rest[digits..].chars().next() {
        Some('-' | '*' | '+') if digits == 0 => 1,
        Some('.' | ')') if digits > 0 => digits + 1,
        _ => 0,
    };
    let item = match mark > 0 && rest[mark..].starts_with(' ') {
        true => {
            let after = &rest[mark + 1..];
            let task = ["[ ] ", "[x] ", "[X] "]
                .iter()
                .any(|b| after.starts_with(b));
            mark + 1 + if task { 4 } else { 0 }
        }
        false => 0,
    };
    (
        quotes + item,
        format!("{}{}", &line[..quotes], " ".repeat(item)),
    )
}

/// Where the link `html` opens (its tag `tag_len` long) ends: just after
/// its `</a>` (`</a >` too), if it is closed.
fn link_end(html: &str, tag_len: usize) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let mut from = tag_len;
    while let Some(at) = lower[from..].find("</a").map(|i| from + i) {
        let rest = &lower[at + 3..];
        let after = rest.trim_start();
        if after.starts_with('>') {
            return Some(html.len() - after.len() + 1);
        }
        from = at + 3;
    }
    None
}

/// What an HTML tag in a Markdown body is to its reader.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    Image,
    Link,
    Break,
    /// A block's edge (`<p>`, `</div>`, `<li>`): a line of its own.
    Block,
    /// A table cell's edge: a space.
    Cell,
    /// Drawn as its text (`<kbd>`, `<sub>`) or not at all.
    Other,
}

/// The length of the HTML tag `html` starts with (`<kbd>`, `</kbd>`,
/// `<img …>`; its end outside the attributes' quotes, within 4 KB: a
/// longer one is no tag, and a body of unclosed ones is not read to its
/// end from each) and what it is, if it starts with one.
fn tag(html: &str) -> Option<(usize, Tag)> {
    let html = crate::text::head(html, 4096);
    let closing = html.as_bytes().get(1) == Some(&b'/');
    let name_at = usize::from(closing) + 1;
    let name_len = html[name_at..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(html.len() - name_at);
    let name = &html[name_at..name_at + name_len];
    let after = html[name_at + name_len..].chars().next()?;
    if !name.starts_with(|c: char| c.is_ascii_alphabetic())
        || !(after.is_whitespace() || matches!(after, '/' | '>'))
    {
        return None;
    }
    let mut quote = None;
    for (i, c) in html.char_indices().skip(name_at + name_len) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => {
                use crate::text::TagKind;
                let name = name.to_ascii_lowercase();
                // As the HTML bodies read them.
                let kind = match crate::text::tag_kind(name.as_bytes()) {
                    TagKind::Image if !closing => Tag::Image,
                    TagKind::Inline if name == "a" && !closing => Tag::Link,
                    TagKind::LineBreak => Tag::Break,
                    TagKind::Cell => Tag::Cell,
                    TagKind::Paragraph | TagKind::Line | TagKind::Pre => Tag::Block,
                    _ => Tag::Other,
                };
                return Some((i + 1, kind));
            }
            _ => {}
        }
    }
    None
}

impl Format for GitHub {
    fn name(&self) -> &'static str {
        PLATFORM
    }

    fn detect(&self, head: &[u8]) -> bool {
        let has = |key| json::key_values(head, key).next().is_some();
        // The GitHub CLI's and GraphQL's shapes are taken too, to be told
        // what to run: camelCase dates beside a `url` on github.com, or an
        // author's `login` and a `body` (or `bodyText`, `bodyHTML`: a query
        // that asked for no `url`; other sites' GraphQL has logins, not
        // bodies).
        let on_github =
            json::key_values(head, "url").any(|v| v.starts_with(b"\"https://github.com/"));
        // A webhook log's events other than an issue's or a comment's (a
        // new hook's first delivery is a ping): skipped, not refused.
        let webhook = has("zen") && has("hook_id")
            || has("sender") && (has("repository") || has("organization") || has("installation"));
        json::starts_like_json(head)
            && (has("author_association") && has("html_url")
                || webhook
                || has("createdAt")
                    && (has("authorAssociation")
                        || has("login") && (has("body") || has("bodyText") || has("bodyHTML"))
                        || on_github))
    }

    fn read(
        &self,
        input: &mut dyn BufRead,
        sink: &mut Sink<'_>,
        skipped: &mut Skipped,
    ) -> Result<(), ImportError> {
        json::read_values::<Page>(input, &mut |page, at| match page {
            json::ObjOrSeq::Obj(e) => entry(e, &at, sink, skipped),
            json::ObjOrSeq::Seq(all) => {
                for (i, one) in all.into_iter().enumerate() {
                    let one_at = json::index(&at, i);
                    match one {
                        json::ObjOrSeq::Obj(e) => entry(e, &one_at, sink, skipped)?,
                        json::ObjOrSeq::Seq(page) => {
                            for (j, e) in page.into_iter().enumerate() {
                                entry(e, &json::index(&one_at, j), sink, skipped)?;
                            }
                        }
                    }
                }
                Ok(())
            }
        })
    }
}

/// One object, an array of them (a page), or an array of pages.
type Page = json::ObjOrSeq<Entry, json::ObjOrSeq<Entry, Entry>>;

// ---------------------------------------------------------------------------
// The shapes (only the fields ackbox uses; the rest is ignored).

/// An issue (has `number`), an issue comment (has `issue_url`), or the
/// error object the API sends instead (`message`).
#[derive(Deserialize)]
struct Entry {
    /// A number in the REST API; a node id (`"I_kwDO…"`) in the GitHub
    /// CLI's and GraphQL's shapes.
    id: Option<serde_json::Value>,
    number: Option<u64>,
    title: Option<String>,
    html_url: Option<String>,
    /// An issue's API URL, `…/repos/{owner}/{repo}/issues/{number}`.
    url: Option<String>,
    issue_url: Option<String>,
    body: Option<String>,
    /// What the `text+json` and `html+json` media types give in its place.
    body_text: Option<String>,
    body_html: Option<String>,
    user: Option<User>,
    created_at: Option<String>,
    message: Option<String>,
    /// Only a pull request review (`/pulls/N/reviews`) or review comment
    /// (`/pulls/comments`) has it.
    pull_request_url: Option<String>,
    /// Only an issue event (`/issues/events`: labeled, closed…) has it.
    event: Option<String>,
    /// A search's page (`/search/issues`): the issues found are in `items`.
    total_count: Option<u64>,
    items: Option<Vec<Entry>>,
    /// `gh issue view --json comments` (GraphQL names): not the REST shape.
    comments: Option<serde::de::IgnoredAny>,
    /// The GitHub CLI's `--json` and GraphQL's names: not the REST shape.
    #[serde(rename = "createdAt")]
    created_at_graphql: Option<serde::de::IgnoredAny>,
    /// A GraphQL response (`gh api graphql`) holds its answer in `data`.
    data: Option<serde::de::IgnoredAny>,
    /// Only a pull request as `/pulls` lists it has it at its top (as
    /// `/issues` lists one, it is under `pull_request`).
    diff_url: Option<serde::de::IgnoredAny>,
    /// A webhook's delivery (the `issue_comment` and `issues` events):
    /// what happened, to the issue and the comment it carries.
    action: Option<String>,
    issue: Option<Box<Entry>>,
    comment: Option<Box<Entry>>,
    /// Every delivery names who sent it: one without an issue is another
    /// event (a `ping`, a star, a push, a discussion's comment).
    sender: Option<serde::de::IgnoredAny>,
    /// A hook's first delivery, its `ping`, may name no sender.
    hook_id: Option<serde::de::IgnoredAny>,
}

/// An item's id: an issue's numeric id after `issue-`, a comment's as it is
/// (the two are numbered apart: see the module's text).
fn item_id(id: u64, issue: bool) -> String {
    if issue {
        format!("issue-{id}")
    } else {
        id.to_string()
    }
}

/// A webhook's delivery, as saved from the app's log: the issue, and the
/// comment the event is about, read as the REST API gives them; what a
/// `deleted` event is about is gone from the platform.
fn delivery(
    action: &str,
    issue: Option<Box<Entry>>,
    comment: Option<Box<Entry>>,
    at: &str,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    let deleted = action == "deleted";
    let about = if comment.is_some() {
        "comment"
    } else {
        "issue"
    };
    for (key, e) in [("issue", issue), ("comment", comment)] {
        let Some(e) = e else { continue };
        let at = json::child(at, key);
        match e.id.as_ref().and_then(serde_json::Value::as_u64) {
            Some(id) if deleted && key == about => {
                skipped.gone("deleted", PLATFORM, &item_id(id, key == "issue"));
            }
            _ => entry(*e, &at, sink, skipped)?,
        }
    }
    Ok(())
}

/// What to import instead of another shape of the same conversations.
const REST_INSTEAD: &str = "import `gh api --paginate repos/OWNER/REPO/issues/comments` \
     (and `…/issues`, which lists pull requests too, with the ids their comments name)";

#[derive(Deserialize)]
struct User {
    login: Option<String>,
    id: Option<u64>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

// ---------------------------------------------------------------------------
// From the shapes to records.

/// `<owner>/<repo>#<number>` from `https://github.com/{owner}/{repo}/issues/{n}`
/// (also `/pull/{n}`, and the API's `…/repos/{owner}/{repo}/issues/{n}`);
/// on a GitHub Enterprise server, `<host>/<owner>/<repo>#<number>`: its
/// issues are numbered apart from github.com's.
fn thread_key(url: &str) -> Option<String> {
    let host = crate::import::shared::host(url).map(str::to_ascii_lowercase);
    let server = match host.as_deref() {
        None | Some("github.com" | "www.github.com" | "api.github.com") => String::new(),
        Some(host) => format!("{host}/"),
    };
    let path = url.split(['#', '?']).next()?;
    let mut segs = path.trim_end_matches('/').rsplit('/');
    let number = segs.next()?;
    let kind = segs.next()?;
    let repo = segs.next()?;
    let owner = segs.next()?;
    let ok = matches!(kind, "issues" | "pull" | "pulls")
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && !repo.is_empty()
        && !owner.is_empty()
        && !owner.contains(':');
    ok.then(|| format!("{server}{owner}/{repo}#{number}"))
}

/// A GitHub thread id as typed (`ackbox mute github:…`) as it is stored:
/// an Enterprise server's host in lower case, as [`thread_key`] writes it.
pub fn typed_thread(id: &str) -> String {
    match id.split_once('/') {
        Some((host, rest)) if host.contains('.') && rest.contains('/') => {
            format!("{}/{rest}", host.to_ascii_lowercase())
        }
        _ => id.to_owned(),
    }
}

/// An issue's thread id, from its page's address or its API URL.
fn issue_thread(html_url: Option<&str>, api_url: Option<&str>) -> Option<String> {
    html_url
        .and_then(thread_key)
        .or_else(|| api_url.and_then(thread_key))
}

fn entry(
    e: Entry,
    at: &str,
    sink: &mut Sink<'_>,
    skipped: &mut Skipped,
) -> Result<(), ImportError> {
    if e.data.is_some() || e.created_at.is_none() && e.created_at_graphql.is_some() {
        let what = if e.data.is_some() {
            "a GraphQL response (`gh api graphql`)"
        } else if e.comments.is_some() {
            "the GitHub CLI's own shape (`gh issue view` or `gh issue list` with `--json`)"
        } else {
            "the GitHub CLI's own shape (`gh issue list`, `gh search issues` with `--json`)"
        };
        return Err(ImportError::new(
            Some(Position::Path(at.to_owned())),
            None,
            format!("{what}, not the REST API's (discussions are not read): {REST_INSTEAD}"),
        ));
    }
    // An issue's events (labeled, closed; a commit, a cross-reference in
    // its timeline), some without an id, a commit with a `message`: a
    // timeline's comments are "commented" events, read as comments.
    if let Some(event) = e.event.filter(|event| event != "commented") {
        return Err(ImportError::new(
            Some(Position::Path(at.to_owned())),
            None,
            format!(
                "an issue event ({:?}, from /issues/events or an issue's /timeline), not a \
                 comment: import the issue comments (repos/OWNER/REPO/issues/comments, or \
                 issues/NUMBER/comments)",
                crate::text::one_line(&event)
            ),
        ));
    }
    let id = match e.id {
        None | Some(serde_json::Value::Null) => None,
        Some(id) => Some(id.as_u64().ok_or_else(|| {
            ImportError::at(
                Position::Path(json::child(at, "id")),
                "id",
                format!("expected a whole number, 0 or more, found {id}"),
            )
        })?),
    };
    let Some(id) = id else {
        if let Some(message) = e.message {
            return Err(ImportError::at(
                Position::Path(json::child(at, "message")),
                "message",
                format!(
                    "the file holds a GitHub API error response, not issues or comments: {message}"
                ),
            ));
        }
        if let Some(action) = e.action.filter(|_| e.issue.is_some()) {
            return delivery(&action, e.issue, e.comment, at, sink, skipped);
        }
        if (e.sender.is_some() || e.hook_id.is_some()) && e.issue.is_none() {
            // Another event, about no issue: a `ping`, a star, a comment on
            // a discussion, a commit or a line of a pull request's diff.
            skipped.skip("other webhook event", 1);
            return Ok(());
        }
        if let (Some(_), Some(items)) = (e.total_count, e.items) {
            let items_at = json::child(at, "items");
            return (items.into_iter().enumerate())
                .try_for_each(|(i, e)| entry(e, &json::index(&items_at, i), sink, skipped));
        }
        if e.comments.is_some() {
            return Err(ImportError::at(
                Position::Path(json::child(at, "comments")),
                "comments",
                "the GitHub CLI's own shape (`gh issue view --json comments`), not the REST \
                 API's: import `gh api repos/OWNER/REPO/issues/NUMBER/comments` instead",
            ));
        }
        return Err(json::missing(&json::child(at, "id"), "id"));
    };
    // Its id is not its issue's: imported beside `/issues`, one pull
    // request would be two items.
    if e.number.is_some() && e.diff_url.is_some() {
        return Err(ImportError::new(
            Some(Position::Path(at.to_owned())),
            None,
            format!("a pull request as /pulls lists it, not as /issues does: {REST_INSTEAD}"),
        ));
    }
    let html_url = e.html_url.filter(|u| !u.is_empty());
    let id = item_id(id, e.number.is_some());
    if e.user.as_ref().and_then(|u| u.kind.as_deref()) == Some("Bot") {
        skipped.skip_ids("bot", [id.as_str()]);
        // A bot's pull request is no item, but people comment on it.
        if e.number.is_some()
            && let Some(thread) = issue_thread(html_url.as_deref(), e.url.as_deref())
        {
            skipped.threads.push(Thread {
                platform: PLATFORM.to_owned(),
                id: thread,
                title: e.title,
                url: html_url,
            });
        }
        return Ok(());
    }
    // A review is dated when submitted: not a comment either.
    if e.created_at.is_none() && e.pull_request_url.is_some() {
        return Err(not_read(
            at,
            "a pull request review (from /pulls/NUMBER/reviews: approved, changes requested)",
        ));
    }
    let created_at = json::timestamp(
        e.created_at.as_deref(),
        &json::child(at, "created_at"),
        "created_at",
    )?;
    // A deleted account comes as `"user": null`; GitHub shows it as "ghost".
    let (author, author_ids) = match e.user {
        Some(u) => {
            let login = u.login.filter(|l| !l.is_empty()).ok_or_else(|| {
                json::missing(&json::child(&json::child(at, "user"), "login"), "login")
            })?;
            (login, u.id.map(|id| id.to_string()).into_iter().collect())
        }
        None => ("ghost".to_owned(), Vec::new()),
    };
    let body = match (e.body, e.body_text, e.body_html) {
        (Some(markdown), ..) => as_shown(&markdown),
        (None, Some(text), _) => crate::text::sanitize_owned(text),
        (None, None, Some(html)) => crate::text::html_to_text(&html),
        (None, None, None) => String::new(),
    };
    let mut r = if e.number.is_some() {
        let mut r = Record::new(PLATFORM, &id, &author, &body, created_at);
        r.thread_id = issue_thread(html_url.as_deref(), e.url.as_deref());
        r.thread_title = e.title;
        r.thread_url = html_url.clone();
        r
    } else {
        let Some(issue_url) = e.issue_url else {
            if e.pull_request_url.is_some() {
                return Err(not_read(
                    at,
                    "a pull request review comment (from /pulls/comments, on a line of the diff)",
                ));
            }
            return Err(ImportError::at(
                Position::Path(json::child(at, "issue_url")),
                "issue_url",
                "missing: neither an issue (no number) nor an issue comment (no issue_url)",
            ));
        };
        // A command to a bot ("@dependabot rebase") is said to it: neither
        // a comment to answer nor a reply to anyone.
        if commands_a_bot(&body) {
            skipped.skip_ids("bot", [id.as_str()]);
            return Ok(());
        }
        let mut r = Record::new(PLATFORM, &id, &author, &body, created_at);
        r.thread_id = html_url
            .as_deref()
            .and_then(thread_key)
            .or_else(|| thread_key(&issue_url));
        r.thread_url = html_url
            .as_deref()
            .and_then(|u| u.split('#').next())
            .map(str::to_owned);
        r
    };
    r.url = html_url;
    r.author_ids = author_ids;
    r.kind = Kind::Comment;
    sink(r, Position::Path(at.to_owned()))
}

/// A pull request's review or review comment: another endpoint, not read.
fn not_read(at: &str, what: &str) -> ImportError {
    ImportError::new(
        Some(Position::Path(at.to_owned())),
        None,
        format!(
            "{what}: ackbox does not read these; import the issue comments \
             (repos/OWNER/REPO/issues/comments), which hold the pull requests' conversation \
             comments"
        ),
    )
}

/// Bots that comments command by @mentioning them first.
const COMMANDED_BOTS: [&str; 8] = [
    "dependabot",
    "renovate",
    "renovatebot",
    "mergify",
    "bors",
    "codecov",
    "coderabbitai",
    "allcontributors",
];

/// Whether `body` is a short line commanding a bot, naming no one else:
/// "@dependabot recreate", "@bors r+", "@mergify[bot] queue".
fn commands_a_bot(body: &str) -> bool {
    let words: Vec<&str> = body.split_whitespace().collect();
    let Some(bot) = words.first().and_then(|w| w.strip_prefix('@')) else {
        return false;
    };
    let bot = bot.trim_end_matches("[bot]");
    !body.trim().contains('\n')
        && words.len() <= 6
        && !words[1..].iter().any(|w| w.contains('@'))
        && COMMANDED_BOTS.iter().any(|k| k.eq_ignore_ascii_case(bot))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::test_support::{
        self, Read, assert_detects_only, assert_plain_comments, assert_sink_error_passes_through,
        by_id, fixture, never_panics, ts,
    };

    /// A webhook's delivery (`issue_comment`, `issues`) saved from an
    /// app's log is read: its issue and its comment; a deleted one is gone.
    #[test]
    fn a_webhook_delivery_reads_its_issue_and_comment() {
        let delivery = |action: &str| {
            format!(
                r#"{{"action":"{action}","issue":{{"id":901,"number":7,"title":"Grinder jams","html_url":"https://github.com/o/r/issues/7","user":{{"login":"ann","id":1,"type":"User"}},"author_association":"NONE","created_at":"2026-11-20T10:00:00Z","body":"It jams."}},"comment":{{"id":55,"html_url":"https://github.com/o/r/issues/7#issuecomment-55","issue_url":"https://api.github.com/repos/o/r/issues/7","user":{{"login":"bob","id":2,"type":"User"}},"author_association":"NONE","created_at":"2026-11-20T11:00:00Z","body":"Same here"}},"repository":{{"id":3,"full_name":"o/r"}},"sender":{{"login":"bob","id":2}}}}"#
            )
        };
        let created = delivery("created");
        assert!(GitHub.detect(created.as_bytes()));
        let (records, _) = test_support::records(&GitHub, created.as_bytes());
        let got: Vec<_> = (records.iter())
            .map(|r| (r.id.as_str(), r.author.as_str(), r.thread_id.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("issue-901", "ann", Some("o/r#7")),
                ("55", "bob", Some("o/r#7"))
            ]
        );
        let (records, skipped) = test_support::records(&GitHub, delivery("deleted").as_bytes());
        assert_eq!(records.len(), 1, "the issue");
        assert_eq!(skipped.gone, test_support::gone(&[("github", "55")]));
        // A log's other events (the first delivery is a ping) are skipped,
        // and a log of them alone is still GitHub's.
        let ping = r#"{"zen":"Keep it logically awesome.","hook_id":1,"hook":{"type":"Repository"},"repository":{"id":3},"sender":{"login":"bob","id":2}}"#;
        let star = r#"{"action":"created","starred_at":"2026-11-20T10:00:00Z","repository":{"id":3},"sender":{"login":"bob","id":2}}"#;
        // An organisation's or an App's hook (no repository), a push.
        let org_ping = r#"{"zen":"Design for failure.","hook_id":43,"hook":{"type":"Organization"},"organization":{"login":"fern","id":3}}"#;
        let push = r#"{"ref":"refs/heads/main","before":"a","after":"b","commits":[],"pusher":{"name":"ann"},"repository":{"id":3},"sender":{"login":"ann","id":5}}"#;
        // Comments on no issue: a discussion's, a commit's, a diff line's.
        let user = r#""user":{"login":"cat","id":7,"type":"User"}"#;
        let discussion = format!(
            r#"{{"action":"created","comment":{{"id":9500001,"html_url":"https://github.com/o/r/discussions/90#discussioncomment-9500001","parent_id":null,"discussion_id":6090566,"created_at":"2026-11-20T11:00:00Z",{user},"body":"Try setting Y?"}},"discussion":{{"html_url":"https://github.com/o/r/discussions/90","id":6090566,"number":90,"title":"How do I configure X?",{user},"created_at":"2026-11-20T10:30:00Z","body":"Question?"}},"repository":{{"id":3}},"sender":{{"login":"cat","id":7}}}}"#
        );
        let commit = format!(
            r#"{{"action":"created","comment":{{"id":77,"html_url":"https://github.com/o/r/commit/abc#commitcomment-77","commit_id":"abc","created_at":"2026-11-20T11:00:00Z",{user},"body":"Why?"}},"repository":{{"id":3}},"sender":{{"login":"cat","id":7}}}}"#
        );
        let review = format!(
            r#"{{"action":"created","comment":{{"id":78,"pull_request_url":"https://api.github.com/repos/o/r/pulls/8","created_at":"2026-11-20T11:00:00Z",{user},"body":"Nit"}},"pull_request":{{"number":8}},"repository":{{"id":3}},"sender":{{"login":"cat","id":7}}}}"#
        );
        for alone in [ping, star, org_ping, push, &discussion, &commit, &review] {
            assert!(GitHub.detect(alone.as_bytes()), "{alone}");
            let (records, skipped) = test_support::records(&GitHub, alone.as_bytes());
            assert!(records.is_empty());
            assert_eq!(skipped.counts, [("other webhook event".into(), 1)].into());
        }
        let log = format!("{ping}\n{created}\n{discussion}\n");
        let (records, skipped) = test_support::records(&GitHub, log.as_bytes());
        assert_eq!(records.len(), 2);
        assert_eq!(skipped.counts, [("other webhook event".into(), 2)].into());
    }

    /// What GitHub hides is left out (an issue template's guidance would
    /// be read, and flag a question no one asked); code keeps its text.
    #[test]
    fn a_body_reads_as_github_shows_it() {
        let template = "<!-- Thanks for filing a bug!\nWhat did you expect? -->\n\n\
                        ### Steps\nThe grinder <!-- which one? --> jams.\n\n\
                        <img width=\"800\" alt=\"Screenshot of the jam\" src=\"https://x/y.png\">\n";
        assert_eq!(
            as_shown(template),
            "### Steps\nThe grinder  jams.\n\n[Screenshot of the jam]"
        );
        for kept in [
            "```html\n<!-- a comment in code -->\n<img src=x>\n```",
            "Use `<!-- -->` to hide text",
            "if a < b and c > d",
            "plain text",
            "    <!-- indented code -->",
        ] {
            assert_eq!(as_shown(kept), kept);
        }
        // Unclosed, it hides the rest, as on GitHub.
        assert_eq!(as_shown("Broken.\n\n<!-- never closed\nmore"), "Broken.");
        assert_eq!(as_shown("<!-- only guidance -->"), "");
        // Guidance on a line of its own between paragraphs: one blank line.
        assert_eq!(
            as_shown("Steps below\r\n\r\n<!-- describe -->\r\nAny idea?"),
            "Steps below\n\nAny idea?"
        );
        assert_eq!(
            as_shown("Steps\n<!-- a -->\n<!-- b -->\nmore <!-- c -->\nend"),
            "Steps\nmore \nend"
        );
        assert_eq!(
            as_shown("First paragraph.\r\n\r\n<!-- hidden -->\r\n\r\nSecond paragraph."),
            "First paragraph.\n\nSecond paragraph."
        );
        assert_eq!(as_shown("é<img"), "é<img");
        // A quoted `>` is inside the tag; a tag named otherwise is no image;
        // an indent that makes code stays.
        assert_eq!(
            as_shown("Hello <img alt=\"a > b\" src=x> world"),
            "Hello [a > b] world"
        );
        assert_eq!(as_shown("<imgur>link</imgur>"), "link");
        // A screenshot as GitHub's editor pastes it, in Markdown or HTML,
        // with an alt or without.
        for (pasted, shown) in [
            (
                "See ![image](https://user-images.githubusercontent.com/1/a.png)",
                "See [image]",
            ),
            (
                "![Screenshot 2026-11-20](https://x/a.png \"t\") here",
                "[Screenshot 2026-11-20] here",
            ),
            ("![](https://x/a.png)", "[image]"),
            ("![\u{1b}[31mRED\u{1b}[0m](https://x/a.png)", "[RED]"),
            (
                "<img width=\"812\" src=\"https://github.com/user-attachments/assets/a\">",
                "[image]",
            ),
            (
                "`![not an image](x)` and\n\n    ![code](y)",
                "`![not an image](x)` and\n\n    ![code](y)",
            ),
        ] {
            assert_eq!(as_shown(pasted), shown, "{pasted}");
        }
        assert_eq!(
            as_shown("<!-- x -->\n\n    code at start\n"),
            "    code at start"
        );
        // Many `<` in one HTML block, none a tag: kept (each looked at
        // within its block, not to the body's end).
        let many = format!("<div\n{}", "a<b ".repeat(50_000));
        assert_eq!(as_shown(&many), many);
        let unclosed = format!("<div>\n{}", "<img alt=\"x\" ".repeat(50_000));
        assert_eq!(as_shown(&unclosed), unclosed["<div>\n".len()..].trim_end());
    }

    /// The HTML GitHub draws as text (`<details>`, `<kbd>`, `<sub>`) shows
    /// its text, `<br>` a line break; entities are the characters they
    /// are; in code, both stay as typed, and so does an escape.
    #[test]
    fn a_body_s_html_and_entities_read_as_github_shows_them() {
        let body = "<details>\r\n<summary>Full log (click to expand)</summary>\r\n\r\n\
                    ```\nerror: <x> &amp; y\n```\n</details>\r\n\r\n\
                    Press <kbd>Ctrl</kbd>+<kbd>C</kbd> twice &mdash; then it&#39;s fine &amp; quits.<br>\n\
                    Next \\* line<br/>and `a &amp; <b>` <sub>sent from my phone</sub>";
        assert_eq!(
            as_shown(body),
            "Full log (click to expand)\n\n```\nerror: <x> &amp; y\n```\n\n\n\
             Press Ctrl+C twice — then it's fine & quits.\n\
             Next \\* line\nand `a &amp; <b>` sent from my phone"
        );
        for kept in ["AT&T and R&D", "a && b", "&nosuch; stays", "x <- y"] {
            assert_eq!(as_shown(kept), kept);
        }
        // Blocks keep their words apart; a link shows where it leads.
        for (body, shown) in [
            (
                "<details><summary>Steps</summary>Run it twice</details>",
                "Steps\nRun it twice",
            ),
            ("<p>One</p><p>Two</p>", "One\nTwo"),
            ("<h3>Expected</h3>It works", "Expected\nIt works"),
            ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
            (
                "Get <a href=\"https://evil.example/x.exe\">https://github.com/o/r/releases</a> here",
                "Get [https://github.com/o/r/releases](https://evil.example/x.exe) here",
            ),
            (
                "See <A HREF=\"https://x.example/a\">click <b>here</b></a>.",
                "See [click here](https://x.example/a).",
            ),
            ("An <a name=\"top\"></a>anchor", "An anchor"),
            (
                "Unclosed <a href=\"https://x.example/\">link",
                "Unclosed https://x.example/ link",
            ),
            (
                "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
                "a b\nc",
            ),
            // A quote's or a list's text stays in it.
            (
                "> <p>Can you add a dark mode?</p>\n\nI agree.",
                "> Can you add a dark mode?\n\nI agree.",
            ),
            ("- <p>first</p>\n- <p>second</p>", "- first\n- second"),
            (
                "> <p>Intro.</p><p>Does it work offline?</p>\n\nThanks.",
                "> Intro.\n> Does it work offline?\n\nThanks.",
            ),
            (
                "- [ ] <p>Task one</p><p>Its note</p>",
                "- [ ] Task one\n      Its note",
            ),
            ("It is 2024<br>and 5 more", "It is 2024\nand 5 more"),
            // A link is read on its line: code after it stays code; a
            // closing tag's spaces, a `</a>` in an attribute.
            (
                "Anchors like <a name=\"top\"> fail:\n\n```html\n<a href=\"#top\">Top</a>\n```",
                "Anchors like  fail:\n\n```html\n<a href=\"#top\">Top</a>\n```",
            ),
            (
                "See <a href=\"https://x.example/q\" >click here</a >.",
                "See [click here](https://x.example/q).",
            ),
            (
                "See <a title=\"</a>\" href=\"https://x.example/\">docs</a> now",
                "See [docs](https://x.example/) now",
            ),
            ("Line one<br>   \nLine two", "Line one   \nLine two"),
        ] {
            assert_eq!(as_shown(body), shown, "{body}");
        }
    }

    const COMMENTS: &[u8] = fixture!("github/issue-comments.json");
    const ISSUES: &[u8] = fixture!("github/issues.json");
    const PAGES: &[u8] = fixture!("github/issues-pages.jsonl");
    const PAGINATE: &[u8] = fixture!("github/gh-paginate.json");
    const SLURP: &[u8] = fixture!("github/gh-slurp.json");
    const NOT_FOUND: &[u8] = fixture!("github/not-found.json");
    const SEARCH: &[u8] = fixture!("github/search-issues.json");

    fn read(bytes: &[u8]) -> Result<Read, ImportError> {
        test_support::read(&GitHub, bytes)
    }

    fn records(bytes: &[u8]) -> Vec<Record> {
        test_support::records(&GitHub, bytes).0
    }

    #[test]
    fn detects_its_fixtures_and_nothing_else() {
        let not: &[&[u8]] = &[
            br#"{"platform":"github","id":"1","author":"octocat","body":"hi","created_at":"2026-03-01T14:05:00Z","url":"https://github.com/o/r/issues/1"}"#,
            b"html_url,author_association\n",
        ];
        assert_detects_only(&GitHub, 1500, not);
    }

    /// The `text+json` and `html+json` media types give `body_text` or
    /// `body_html` in place of the Markdown `body`: read, not taken for empty.
    #[test]
    fn a_body_in_another_media_type_is_read() {
        let comment = |body: &str| {
            format!(
                r#"[{{"id":9001,"html_url":"https://github.com/o/r/issues/5#issuecomment-9001","issue_url":"https://api.github.com/repos/o/r/issues/5","user":{{"login":"carol","id":78,"type":"User"}},"created_at":"2026-11-20T11:00:00Z","author_association":"NONE",{body}}}]"#
            )
        };
        for (body, want) in [
            (r#""body":"Thanks **@bob**""#, "Thanks **@bob**"),
            (r#""body_text":"Thanks @bob""#, "Thanks @bob"),
            (
                r#""body_html":"<p>Thanks <a class=\"user-mention\" href=\"https://github.com/bob\">@bob</a> &amp; all</p>""#,
                "Thanks @bob & all",
            ),
            (
                r#""body":"Thanks **@bob**","body_text":"Thanks @bob","body_html":"<p>x</p>""#,
                "Thanks **@bob**",
            ),
        ] {
            let recs = records(comment(body).as_bytes());
            assert_eq!(recs[0].body, want, "{body}");
        }
    }

    #[test]
    fn reads_issue_comments() {
        let (got, skipped) = read(COMMENTS).unwrap();
        let recs: Vec<Record> = got.iter().map(|(r, _)| r.clone()).collect();
        let ids: Vec<&str> = recs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "2001234567",
                "2001234890",
                "2001235000",
                "2001235200",
                "2001235300",
                "2001235400"
            ]
        );
        assert_eq!(skipped.counts.get("bot"), Some(&1));
        assert!(
            recs.iter()
                .all(|r| r.parent_id.is_none() && r.own.is_none() && r.thread_title.is_none())
        );
        assert_plain_comments(&recs, "github");

        let joe = &recs[0];
        assert_eq!(got[0].1, Position::Path("[0]".into()));
        assert_eq!(joe.author, "joesmith");
        assert_eq!(joe.author_ids, ["583231"]);
        assert_eq!(joe.author_name, None);
        assert_eq!(
            joe.body,
            "Thanks for the tip about the coupon date!\n\nIt works now 🎉"
        );
        assert_eq!(joe.created_at, ts("2026-02-27T18:04:11Z"));
        assert_eq!(joe.thread_id.as_deref(), Some("octo-org/ackbox-demo#12"));
        assert_eq!(
            joe.thread_url.as_deref(),
            Some("https://github.com/octo-org/ackbox-demo/issues/12")
        );
        assert_eq!(
            joe.url.as_deref(),
            Some("https://github.com/octo-org/ackbox-demo/issues/12#issuecomment-2001234567")
        );
        // author_association OWNER does not make it own.
        assert_eq!(recs[1].author, "octo-maintainer");
        assert_eq!(recs[1].own, None);
        // A pull request's conversation comment: same thread namespace.
        let pr = &recs[2];
        assert_eq!(pr.thread_id.as_deref(), Some("octo-org/ackbox-demo#15"));
        assert_eq!(
            pr.thread_url.as_deref(),
            Some("https://github.com/octo-org/ackbox-demo/pull/15")
        );
        // Markdown is kept as text, but for the HTML GitHub draws (its
        // text stays); what code holds stays as written.
        assert_eq!(
            pr.body,
            "LGTM. One nit: `a &amp;&amp; b` should read `a && b`\n in the docs.\n\nlog\n\nok"
        );
        assert_eq!(
            by_id(&recs, "2001235200").body,
            "日本語のドキュメントはありますか？"
        );
        let ghost = by_id(&recs, "2001235300");
        assert_eq!(ghost.author, "ghost");
        assert!(ghost.author_ids.is_empty());
        assert_eq!(by_id(&recs, "2001235400").body, "شكرا! ");
    }

    #[test]
    fn reads_issues_as_threads_and_items() {
        let (got, skipped) = read(ISSUES).unwrap();
        let recs: Vec<Record> = got.iter().map(|(r, _)| r.clone()).collect();
        let ids: Vec<&str> = recs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            ["issue-2100000012", "issue-2100000015", "issue-2100000016"]
        );
        assert_eq!(
            skipped.counts.get("bot"),
            Some(&1),
            "dependabot's pull request"
        );
        // Not an item, but the thread of the comments people leave on it.
        assert_eq!(
            skipped.threads,
            [Thread {
                platform: "github".into(),
                id: "octo-org/ackbox-demo#17".into(),
                title: Some("Bump serde from 1.0.210 to 1.0.219".into()),
                url: Some("https://github.com/octo-org/ackbox-demo/pull/17".into()),
            }]
        );
        let issue = &recs[0];
        assert_eq!(issue.thread_id.as_deref(), Some("octo-org/ackbox-demo#12"));
        assert_eq!(
            issue.thread_title.as_deref(),
            Some("Coupon date is wrong on the pricing page")
        );
        assert_eq!(
            issue.thread_url.as_deref(),
            Some("https://github.com/octo-org/ackbox-demo/issues/12")
        );
        assert_eq!(issue.url, issue.thread_url);
        assert_eq!(issue.body, "", "a null body is an empty body");
        assert_eq!(issue.parent_id, None);
        assert_eq!(issue.created_at, ts("2026-02-27T10:00:00Z"));
        let pr = &recs[1];
        assert_eq!(pr.thread_id.as_deref(), Some("octo-org/ackbox-demo#15"));
        assert_eq!(
            pr.thread_title.as_deref(),
            Some("Fix coupon date & <timezone> handling")
        );
        assert_eq!(
            pr.thread_url.as_deref(),
            Some("https://github.com/octo-org/ackbox-demo/pull/15")
        );
        assert_eq!(pr.own, None);
        assert_eq!(
            recs[2].thread_title.as_deref(),
            Some("ドキュメントの翻訳 / ترجمة التوثيق")
        );

        // Comments and their issue share the thread id.
        let comments = records(COMMENTS);
        assert_eq!(comments[0].thread_id, issue.thread_id);
    }

    #[test]
    fn reads_every_page_layout() {
        let (lines, _) = read(PAGES).unwrap();
        let pos: Vec<String> = lines.iter().map(|(_, p)| p.to_string()).collect();
        assert_eq!(
            pos,
            ["1: [0]", "1: [1]", "2: [0]", "3: [0]", "3: [1]"],
            "the bot's PR is skipped"
        );

        let (paginate, skipped) = read(PAGINATE).unwrap();
        assert_eq!(paginate.len(), 6);
        assert_eq!(skipped.counts.get("bot"), Some(&1));
        assert_eq!(
            paginate[3].1,
            Position::Path("110:2: [1]".into()),
            "the second page starts on line 110, after the first's `]`"
        );
        assert_eq!(
            paginate.iter().map(|(r, _)| r.clone()).collect::<Vec<_>>(),
            records(COMMENTS)
        );

        let (slurp, _) = read(SLURP).unwrap();
        let pos: Vec<String> = slurp.iter().map(|(_, p)| p.to_string()).collect();
        assert_eq!(pos, ["[0][0]", "[1][0]", "[1][1]"]);
        assert_eq!(slurp[0].0.id, "issue-2100000012");

        let one = &COMMENTS[COMMENTS.iter().position(|&b| b == b'{').unwrap()..];
        let end = one.windows(4).position(|w| w == b"\n  }").unwrap() + 4;
        let recs = records(&one[..end]);
        assert_eq!(recs.len(), 1, "a single object");
    }

    #[test]
    fn a_value_of_the_wrong_type_is_named_by_its_path() {
        let e = read(
            br#"[{"id":7,"user":{"login":"a","id":"x"},"created_at":"2026-01-01T00:00:00Z"}]"#,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "1:37: [0].user.id: invalid type: string \"x\", expected a whole number, 0 or more"
        );
    }

    #[test]
    fn reads_the_issues_a_search_found() {
        let (got, _) = read(SEARCH).unwrap();
        let pos: Vec<String> = got.iter().map(|(_, p)| p.to_string()).collect();
        assert_eq!(pos, ["items[0]", "items[1]"]);
        assert_eq!(got[0].0, records(ISSUES)[0], "as the issues page has it");
        let mention = &got[1].0;
        assert_eq!(
            (mention.author.as_str(), mention.thread_id.as_deref()),
            ("marta-k", Some("roast-club/forum#301"))
        );
        assert!(mention.body.starts_with("@octo-owner would love"));
    }

    /// A file an editor saved in Windows-1252 (a `é` as one byte) is
    /// refused where it is, saying how to convert it.
    #[test]
    fn a_byte_that_is_not_utf8_is_named_with_the_way_out() {
        // An escape after it in the string: still the byte's own place.
        let (bytes, line, column) = test_support::with_a_latin1_byte(COMMENTS, "\"body\": \"");
        let e = read(&bytes).unwrap_err();
        assert_eq!(e.position, Some(Position::LineCol(line, column)), "{e}");
        // On the one line of an API dump too.
        let one_line: Vec<u8> = (bytes.iter())
            .map(|&b| if b == b'\n' { b' ' } else { b })
            .collect();
        let e = read(&one_line).unwrap_err();
        let at = one_line.iter().position(|&b| b == 0xe9).unwrap() as u64 + 1;
        assert_eq!(e.position, Some(Position::LineCol(1, at)), "{e}");
        assert!(
            e.message.contains("not UTF-8 there") && e.message.contains("iconv -f WINDOWS-1252"),
            "{e}"
        );
    }

    /// Other shapes of the same conversations are refused, saying what
    /// to import instead: a pull request from `/pulls` (its id is not its
    /// issue's, so it would be a second item), the GitHub CLI's `--json`
    /// and GraphQL's.
    #[test]
    fn other_shapes_say_what_to_import() {
        let pulls = br#"[{"url":"https://api.github.com/repos/o/r/pulls/60","id":2900000060,"html_url":"https://github.com/o/r/pull/60","diff_url":"https://github.com/o/r/pull/60.diff","issue_url":"https://api.github.com/repos/o/r/issues/60","number":60,"state":"open","title":"Fix typo","user":{"login":"alice-dev","id":5,"type":"User"},"body":"typo","created_at":"2026-11-01T10:00:00Z","merged_at":null,"head":{"ref":"fix"},"base":{"ref":"main"},"author_association":"CONTRIBUTOR"}]"#;
        let search = br#"[{"author":{"login":"alice-dev","type":"User"},"authorAssociation":"NONE","body":"hi","createdAt":"2026-11-01T10:00:00Z","id":"I_kwDOA","number":3,"title":"Q","url":"https://github.com/o/r/issues/3"}]"#;
        let graphql = br#"{"data":{"repository":{"discussion":{"title":"Tips","comments":{"nodes":[{"databaseId":9100001,"author":{"login":"alice-dev"},"authorAssociation":"NONE","body":"Any tips?","createdAt":"2026-11-01T10:00:00Z","url":"https://github.com/o/r/discussions/1#discussioncomment-9100001"}]}}}}}"#;
        // `gh issue list --json number,title,body,author,createdAt,url`.
        let list = br#"[{"author":{"login":"alice-dev"},"body":"hi","createdAt":"2026-11-01T10:00:00Z","number":3,"title":"Q","url":"https://github.com/o/r/issues/3"}]"#;
        // A GraphQL query that asked for no `url` (a body, or its text).
        let bare = br#"{"data":{"repository":{"discussion":{"title":"Q","comments":{"nodes":[{"id":"DC_kwDO","author":{"login":"a"},"body":"hi","createdAt":"2026-11-01T00:00:00Z"}]}}}}}"#;
        let text = br#"{"data":{"repository":{"issue":{"number":7,"author":{"login":"ann"},"createdAt":"2026-12-01T10:00:00Z","comments":{"nodes":[{"author":{"login":"bob"},"createdAt":"2026-12-02T10:00:00Z","bodyText":"Same here on 1.2"}]}}}}}"#;
        // `gh issue view 3 --json title,body,author,createdAt,comments`.
        let view = br#"{"author":{"login":"alice-dev"},"body":"hi","comments":[],"createdAt":"2026-11-01T10:00:00Z","title":"Q"}"#;
        for (file, start) in [
            (&pulls[..], "a pull request as /pulls lists it"),
            (&search[..], "the GitHub CLI's own shape"),
            (&graphql[..], "a GraphQL response"),
            (&list[..], "the GitHub CLI's own shape (`gh issue list`"),
            (&bare[..], "a GraphQL response"),
            (&text[..], "a GraphQL response"),
            (
                &view[..],
                "the GitHub CLI's own shape (`gh issue view` or `gh issue list` with `--json`)",
            ),
        ] {
            assert!(GitHub.detect(file), "{start}");
            let e = read(file).unwrap_err();
            assert!(
                e.message.starts_with(start)
                    && e.message
                        .contains("gh api --paginate repos/OWNER/REPO/issues/comments"),
                "{e}"
            );
        }
        // Another site's GraphQL, with logins and no bodies, is not GitHub's.
        let twitch = br#"{"data":{"video":{"comments":{"edges":[{"node":{"commenter":{"login":"ann"},"createdAt":"2026-12-01T10:00:00Z","message":{"fragments":[{"text":"hi"}]}}}]}}}}"#;
        assert!(!GitHub.detect(twitch));
        // A node id where the REST API has a number: said plainly.
        let e = read(br#"[{"id":"IC_kw","created_at":"2026-01-01T00:00:00Z"}]"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "[0].id: expected a whole number, 0 or more, found \"IC_kw\""
        );
    }

    /// An error page after pages written back to back on one line is
    /// placed by its column.
    #[test]
    fn an_error_page_after_others_on_the_line_is_placed() {
        let file = br#"[{"id":1,"number":1,"title":"t","html_url":"https://github.com/o/r/issues/1","user":{"login":"a","id":2},"body":"b","created_at":"2026-01-01T00:00:00Z","author_association":"NONE"}]{"message":"API rate limit exceeded","documentation_url":"https://docs.github.com"}"#;
        let e = read(file).unwrap_err();
        assert_eq!(e.position, Some(Position::Path("1:182: message".into())));
    }

    #[test]
    fn api_error_response_is_reported() {
        // `gh issue view --json comments` names its fields as GraphQL does;
        // it is detected as GitHub's, to say so.
        let gh = br#"{"comments":[{"id":"IC_kwDOA","author":{"login":"a"},"authorAssociation":"NONE","body":"hi","createdAt":"2026-01-01T00:00:00Z","url":"https://github.com/o/r/issues/1#issuecomment-1"}]}"#;
        assert!(GitHub.detect(gh));
        let e = read(gh).unwrap_err();
        assert_eq!(e.position, Some(Position::Path("comments".into())));
        assert!(
            e.message
                .contains("gh api repos/OWNER/REPO/issues/NUMBER/comments"),
            "{e}"
        );
        let e = read(NOT_FOUND).unwrap_err();
        assert_eq!(e.position, Some(Position::Path("message".into())));
        assert!(e.message.contains("Not Found"), "{e}");
        let e = read(
            br#"[{"id":1,"created_at":"2026-01-01T00:00:00Z","user":{"login":"a","id":2},"pull_request_url":"x"}]"#,
        )
        .unwrap_err();
        assert_eq!(e.position, Some(Position::Path("[0]".into())));
        assert!(
            e.message
                .starts_with("a pull request review comment (from /pulls/comments"),
            "{e}"
        );
        // A page of reviews: dated when submitted, not created.
        let e = read(
            br#"[{"id":2100000001,"user":{"login":"bob","id":888,"type":"User"},"body":"Looks good","state":"APPROVED","html_url":"https://github.com/o/r/pull/43#pullrequestreview-2100000001","pull_request_url":"https://api.github.com/repos/o/r/pulls/43","author_association":"MEMBER","submitted_at":"2026-01-01T00:00:00Z"}]"#,
        )
        .unwrap_err();
        assert_eq!(e.position, Some(Position::Path("[0]".into())));
        assert!(
            e.message
                .starts_with("a pull request review (from /pulls/NUMBER/reviews"),
            "{e}"
        );
        // An issue events page, as the API gives it (no user, an actor).
        let e = read(
            br#"[{"id":6430295168,"node_id":"LE_kwDO","url":"https://api.github.com/repos/o/r/issues/events/6430295168","actor":{"login":"a","id":2},"event":"labeled","commit_id":null,"commit_url":null,"created_at":"2026-01-01T00:00:00Z","label":{"name":"bug","color":"d73a4a"}}]"#,
        )
        .unwrap_err();
        assert_eq!(e.position, Some(Position::Path("[0]".into())));
        assert!(e.message.starts_with("an issue event (\"labeled\""), "{e}");
        // So is a timeline's other event, with no id, or a commit's message.
        for event in [
            r#"[{"event":"cross-referenced","actor":{"login":"a","id":2},"created_at":"2026-01-01T00:00:00Z","source":{"type":"issue"}}]"#,
            r#"[{"sha":"3f2a","message":"Fix BOM","author":{"name":"a"},"event":"committed"}]"#,
        ] {
            let e = read(event.as_bytes()).unwrap_err();
            assert!(
                e.message
                    .contains("from /issues/events or an issue's /timeline"),
                "{e}"
            );
        }
        let e =
            read(br#"[{"id":1,"created_at":"2026-01-01T00:00:00Z","user":{"login":"a","id":2}}]"#)
                .unwrap_err();
        assert_eq!(e.position, Some(Position::Path("[0].issue_url".into())));
    }

    #[test]
    fn bad_fields_name_their_path() {
        let text = String::from_utf8_lossy(COMMENTS).replace("2026-02-28T08:00:00Z", "Feb 28");
        let e = read(text.as_bytes()).unwrap_err();
        assert_eq!(e.position, Some(Position::Path("[4].created_at".into())));
        assert_eq!(e.field.as_deref(), Some("created_at"));
        let text = String::from_utf8_lossy(SLURP)
            .replace("\"login\": \"octo-maintainer\"", "\"login\": \"\"");
        let e = read(text.as_bytes()).unwrap_err();
        assert_eq!(e.position, Some(Position::Path("[1][1].user.login".into())));
    }

    #[test]
    fn malformed_json_gives_line_and_column() {
        let e = read(&ISSUES[..ISSUES.len() / 3]).unwrap_err();
        assert!(
            matches!(e.position, Some(Position::LineCol(l, _)) if l > 20),
            "{e:?}"
        );
        assert!(e.message.contains("truncated"), "{e}");
        // The id as a string: wrong type.
        let text = String::from_utf8_lossy(PAGES).replacen(
            "\"id\":2100000016",
            "\"id\":\"2100000016\"",
            1,
        );
        let e = read(text.as_bytes()).unwrap_err();
        assert_eq!(e.position, Some(Position::Path("2: [0].id".into())));
        assert!(e.message.contains("expected a whole number"), "{e}");
        // Three levels of arrays is not a page layout.
        let e = read(b"[[[]]]").unwrap_err();
        assert_eq!(e.position, Some(Position::LineCol(1, 4)), "{e}");
    }

    #[test]
    fn thread_keys() {
        assert_eq!(
            thread_key("https://github.com/o/r/issues/5#issuecomment-1").as_deref(),
            Some("o/r#5")
        );
        assert_eq!(
            thread_key("https://github.com/o/r/pull/5").as_deref(),
            Some("o/r#5")
        );
        assert_eq!(
            thread_key("https://api.github.com/repos/o/r/issues/5").as_deref(),
            Some("o/r#5")
        );
        // An Enterprise server's, by its page or its API alike, is its own.
        for url in [
            "https://GHE.example.com/api/v3/repos/o/r/issues/5",
            "https://ghe.example.com/o/r/pull/5#issuecomment-9",
        ] {
            assert_eq!(thread_key(url).as_deref(), Some("ghe.example.com/o/r#5"));
        }
        assert_eq!(thread_key("https://github.com/o/r/discussions/5"), None);
        assert_eq!(thread_key("https://github.com/issues/5"), None);
        assert_eq!(thread_key("issues/5"), None);
        assert_eq!(thread_key(""), None);
    }

    #[test]
    fn sink_error_is_returned_unchanged() {
        assert_sink_error_passes_through(&GitHub, PAGINATE, 1);
    }

    never_panics!(
        [GitHub],
        &[COMMENTS, ISSUES, PAGES, PAGINATE, SLURP, NOT_FOUND]
    );

    /// A comment commanding a bot ("@dependabot recreate") is no comment
    /// to answer nor a reply to anyone: skipped as the bot's; a comment
    /// that goes on, or names a person, is read.
    #[test]
    fn a_command_to_a_bot_is_skipped() {
        let comment = |id: u64, login: &str, body: &str| {
            format!(
                r#"{{"html_url":"https://github.com/o/r/pull/20#issuecomment-{id}","issue_url":"https://api.github.com/repos/o/r/issues/20","id":{id},"user":{{"login":"{login}","id":{id},"type":"User"}},"created_at":"2026-12-05T09:00:00Z","body":{body:?}}}"#
            )
        };
        let page = format!(
            "[{},{},{},{}]",
            comment(1, "amy", "Can we wait for 1.41.1?"),
            comment(2, "me", "@dependabot recreate"),
            comment(3, "me", "@bors r+"),
            comment(
                4,
                "me",
                "@dependabot thanks, but @amy is right: wait for 1.41.1"
            ),
        );
        let (got, skipped) = read(page.as_bytes()).unwrap();
        let ids: Vec<&str> = got.iter().map(|(r, _)| r.id.as_str()).collect();
        assert_eq!(ids, ["1", "4"]);
        assert_eq!(skipped.counts.get("bot"), Some(&2));
        assert!(commands_a_bot("@Mergify[bot] queue"));
        assert!(!commands_a_bot("@dependabot\nplease also bump serde"));
        assert!(!commands_a_bot("@amy rebase please"));
    }
}
