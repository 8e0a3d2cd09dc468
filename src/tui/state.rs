//! The TUI's model: what is on screen and what the user is doing. No I/O:
//! the rows here were loaded by effects, and `update` only rearranges them.

use super::action::{Command, Detail, PersonFigures};
use super::effects::Effect;
use super::keymap::Key;
use crate::analysis::Lexicon;
use crate::config::{Template, Window};
use crate::model::{DismissReason, State as ItemState};
use crate::stats::{Report, Today};
use crate::store::query::{Cursor, Filter, Item};
use crate::store::view::{Query, Sort};
use chrono::{DateTime, Utc};
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use std::collections::BTreeMap;

/// Rows fetched per page; the window of rows kept is a few pages.
pub const CHUNK: usize = 100;
pub const MAX_ROWS: usize = 3 * CHUNK;

/// The most rows kept with a list `height` rows tall: a few pages, and
/// always a page more on each side of the screenful kept ahead of the
/// cursor both ways, so that a page taken in at one end never trims rows
/// the other end then asks for again (on a tall terminal they took turns
/// for ever).
pub fn max_rows(height: usize) -> usize {
    MAX_ROWS.max(2 * height.max(10) + 2 * CHUNK)
}

/// The six views: `Tab`/`Shift-Tab` and `1`–`6`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Queue,
    Answered,
    Dismissed,
    Snoozed,
    All,
    Stats,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Queue,
        View::Answered,
        View::Dismissed,
        View::Snoozed,
        View::All,
        View::Stats,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Queue => "Queue",
            View::Answered => "Answered",
            View::Dismissed => "Dismissed",
            View::Snoozed => "Snoozed",
            View::All => "All",
            View::Stats => "Stats",
        }
    }

    /// The command that opens the view (its key is the tab's).
    pub fn command(self) -> Command {
        match self {
            View::Queue => Command::ViewQueue,
            View::Answered => Command::ViewAnswered,
            View::Dismissed => Command::ViewDismissed,
            View::Snoozed => Command::ViewSnoozed,
            View::All => Command::ViewAll,
            View::Stats => Command::ViewStats,
        }
    }

    /// The item state the view lists (`None`: every state).
    pub fn state(self) -> Option<ItemState> {
        match self {
            View::Queue => Some(ItemState::NeedsReply),
            View::Answered => Some(ItemState::Answered),
            View::Dismissed => Some(ItemState::Dismissed),
            View::Snoozed => Some(ItemState::Snoozed),
            View::All | View::Stats => None,
        }
    }

    /// The queue is worked best first (score, then age); the other views
    /// show the newest first.
    pub fn sort(self) -> Sort {
        match self {
            View::Queue => Sort::BEST,
            _ => Sort::NEWEST,
        }
    }

    pub fn index(self) -> usize {
        Self::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }
}

/// Which pane the movement keys drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// An item as it was when the user chose it: an action leaves it as it is
/// if its state changed since (in another window, by a command, an import).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seen {
    pub rid: i64,
    pub state: ItemState,
}

/// The items an action applies to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// The item under the cursor.
    Item(Seen),
    /// Items picked with `x`.
    Rids(Vec<Seen>),
    /// Everything a filter matches (`*`), with the count when known.
    Matching(Query, Option<u64>),
}

impl Target {
    /// How many items, when known.
    pub fn count(&self) -> Option<u64> {
        match self {
            Target::Item(_) => Some(1),
            Target::Rids(r) => Some(r.len() as u64),
            Target::Matching(_, n) => *n,
        }
    }

    pub fn is_bulk(&self) -> bool {
        !matches!(self, Target::Item(_))
    }
}

/// Multi-selection: explicit rows, or a description of a filter.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Selection {
    #[default]
    None,
    /// Each with the state it had when picked.
    Rids(BTreeMap<i64, ItemState>),
    All {
        query: Query,
        count: Option<u64>,
    },
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        match self {
            Selection::None => true,
            Selection::Rids(r) => r.is_empty(),
            Selection::All { .. } => false,
        }
    }

    /// Leaves out the picked items `gone` says this window has changed
    /// (`D` dismissed them): not to be found "changed elsewhere" later.
    pub fn forget(&mut self, gone: impl Fn(i64) -> bool) {
        if let Selection::Rids(r) = self {
            r.retain(|&rid, _| !gone(rid));
        }
    }

    pub fn contains(&self, rid: i64) -> bool {
        match self {
            Selection::None => false,
            Selection::Rids(r) => r.contains_key(&rid),
            // Not an item stored after the count: the action leaves it.
            Selection::All { query, .. } => query.through.is_none_or(|t| rid <= t),
        }
    }
}

/// One choice in a picker.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    Reason(DismissReason),
    /// Each item with the reason its flags give (`D`).
    ReasonByFlags,
    SnoozeUntil(String, DateTime<Utc>),
    SnoozeCustom,
    Platform(Option<String>),
    View(View),
    Flag(Option<usize>),
    /// Items older than so many days (`None`: any age).
    Older(Option<u32>),
    ClearFilters,
    Template(usize),
}

/// Where a view was left.
#[derive(Debug, Clone)]
pub struct Left {
    /// The load that shows its screen again, the cursor on its item.
    pub screen: crate::tui::effects::Load,
    /// The cursor's item.
    pub item: Item,
    /// The filter then: another since, the rows before the item on that
    /// screen are others now, so the list is shown from the item.
    pub query: Query,
    /// The item came back to this view by an undo made in another: the
    /// list is shown from it, as the undo's own view shows it.
    pub came_back: bool,
}

/// What a picker is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    Dismiss(Target),
    Snooze(Target),
    Filter,
    /// Pick a template for the reply to this item; `draft` when picked from
    /// inside the editor (to go back to it on Esc).
    Template {
        rid: i64,
    },
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub purpose: Purpose,
    pub title: String,
    pub choices: Vec<Choice>,
    pub sel: usize,
}

/// A yes/no question; `yes` is what runs on "Yes". The default answer is No.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub question: String,
    pub yes: Vec<Effect>,
    pub on_yes: bool,
}

/// The reply being written.
#[derive(Debug, Clone)]
pub struct Draft {
    pub item: Item,
    pub editor: TextArea<'static>,
    pub error: Option<String>,
    /// A template picker opened from the editor returns here.
    pub picking: Option<Picker>,
    /// The text last judged not personal: saving it again saves anyway.
    pub warned: Option<String>,
    /// The text last found longer than the platform takes: the same.
    pub too_long: Option<String>,
    /// The `{placeholders}` a template left in (the item has no thread
    /// title, the config a typo): saving waits until they are filled in.
    /// Braces the user types (`{id}` in a URL template) are theirs.
    pub blanks: Vec<String>,
    /// A kept draft's placeholders the item cannot fill: a saved reply's,
    /// or typed (a kept draft does not say which), so said once only.
    pub kept_blanks: Vec<String>,
    /// The last key deleted text to put back (Ctrl-W, Ctrl-K): what the
    /// next one deletes joins it, as readline's do.
    pub killing: bool,
    /// How many of the comment's lines PgDn has scrolled past, where it
    /// does not fit above the draft.
    pub quote_scroll: u16,
    /// The lines its box shows, and the most it can scroll, as last drawn
    /// (the drawing knows the size of the box).
    pub quote_box: std::cell::Cell<(u16, u16)>,
}

impl Draft {
    /// A draft for `item` that starts as `text`, drawn in `theme`'s styles
    /// (set once: a draft is drawn at every key, and a copy of its editor
    /// to style would copy its every edit, kept for undo).
    pub fn new(item: Item, text: &str, theme: crate::tui::view::Theme) -> Self {
        let mut editor = editor_with(text);
        // Most platforms' drafts start empty: say who the reply is for there too.
        let who = crate::text::author_with_name(&item.author, item.author_name.as_deref());
        editor.set_placeholder_text(format!("To {who}: address them or what they wrote"));
        editor.set_placeholder_style(theme.dim());
        editor.set_cursor_line_style(ratatui::style::Style::new());
        editor.set_cursor_style(theme.cursor());
        editor.set_selection_style(theme.cursor());
        Draft {
            item,
            editor,
            error: None,
            picking: None,
            warned: None,
            too_long: None,
            blanks: Vec::new(),
            kept_blanks: Vec::new(),
            killing: false,
            quote_scroll: 0,
            quote_box: std::cell::Cell::new((1, 0)),
        }
    }

    pub fn text(&self) -> String {
        self.editor.lines().join("\n")
    }
}

/// An editor holding `text`, the cursor at its end.
pub fn editor_with(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(text.split('\n').map(str::to_owned).collect());
    // A reply is prose: the whole draft in sight, lines wrapped at words.
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    // Every edit of a draft can be undone (50, by default).
    t.set_max_histories(EDITS_UNDONE);
    t.move_cursor(CursorMove::Bottom);
    t.move_cursor(CursorMove::End);
    t
}

/// How many edits of a draft `Ctrl-U` takes back: a draft's every one.
const EDITS_UNDONE: usize = 100_000;

/// Puts `text` in the place of the draft's, as edits `Ctrl-U` takes back
/// (a saved reply put in, the external editor's draft), the cursor at its
/// end: one, where `text` goes on from the draft (the `@handle` a saved
/// reply begins with too), else two (the draft taken away, `text` put in).
pub fn replace_text(editor: &mut TextArea<'static>, text: &str) {
    let draft = editor.lines().join("\n");
    match text.strip_prefix(draft.as_str()) {
        Some(more) => {
            editor.move_cursor(CursorMove::Bottom);
            editor.move_cursor(CursorMove::End);
            editor.insert_str(more);
        }
        None => {
            editor.select_all();
            editor.insert_str(text);
        }
    }
}

/// Where Esc goes back to from a person's view: what was on screen.
#[derive(Debug, Clone)]
pub struct Back {
    pub view: View,
    pub query: Query,
    pub list: List,
    pub selection: Selection,
    /// Where each view was left: a person's views have their own.
    pub left_at: [Option<Left>; View::ALL.len()],
}

/// The person view (`p`): the list filtered to one person's items (the
/// query's `person`), with their figures above it.
#[derive(Debug, Clone)]
pub struct PersonView {
    pub platform: String,
    pub author: String,
    /// The display name of the item `p` was pressed on.
    pub name: Option<String>,
    /// Their figures, once loaded (again after every change).
    pub figures: Option<PersonFigures>,
    pub back: Box<Back>,
}

impl PersonView {
    pub fn vip(&self) -> bool {
        self.figures.as_ref().is_some_and(|f| f.row.vip)
    }

    pub fn note(&self) -> Option<&str> {
        self.figures.as_ref().and_then(|f| f.row.note.as_deref())
    }
}

#[derive(Debug, Clone)]
pub enum Mode {
    Normal,
    Help {
        scroll: u16,
    },
    Search {
        input: String,
        /// The search given back as it was, which the first character
        /// typed (or Backspace) replaces, as a selected field's text.
        fresh: bool,
        before: Option<String>,
        /// The item under the cursor when the search began: where Esc
        /// goes back to when the search found nothing.
        from: Option<Box<Item>>,
    },
    Pick(Picker),
    SnoozeInput {
        target: Target,
        input: String,
        error: Option<String>,
    },
    Confirm(Confirm),
    Reply(Box<Draft>),
    /// A reply to an item with a link was saved: `o` opens it to post the
    /// reply.
    Posted {
        url: String,
    },
    /// The one-line note about the person being edited (`n`).
    Note {
        input: String,
        /// The note as it was: Esc on a changed one asks again first.
        was: String,
        /// Esc was pressed once on a changed note.
        leaving: bool,
    },
}

impl Mode {
    /// Whether the mode holds text being typed, where `q` is a letter and
    /// quitting would lose the text (a reply's draft).
    pub fn is_typing(&self) -> bool {
        matches!(
            self,
            Mode::Reply(_) | Mode::Search { .. } | Mode::SnoozeInput { .. } | Mode::Note { .. }
        )
    }
}

/// The window of rows loaded from the keyset, and the cursor in it.
#[derive(Debug, Clone, Default)]
pub struct List {
    pub rows: Vec<Item>,
    /// Index of the cursor row in `rows`.
    pub sel: usize,
    /// Index of the first visible row.
    pub offset: usize,
    /// Nothing comes before `rows[0]` / after the last row.
    pub at_start: bool,
    pub at_end: bool,
    /// Whether the first page arrived (before it: "loading…").
    pub loaded: bool,
}

impl List {
    pub fn current(&self) -> Option<&Item> {
        self.rows.get(self.sel)
    }

    /// The keyset position the window starts at, inclusive.
    pub fn anchor(&self, sort: Sort) -> Option<Cursor> {
        if self.at_start {
            return None;
        }
        self.rows.first().map(|i| sort.cursor(i))
    }
}

/// A message for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
    /// The key to press next ("u undoes"): kept in sight, however long the
    /// text before it (an item's name cut short instead).
    pub hint: Option<String>,
}

#[cfg(test)]
impl Status {
    /// The whole message, the hint in brackets after the text.
    pub fn full(&self) -> String {
        match &self.hint {
            Some(hint) => format!("{} ({hint})", self.text),
            None => self.text.clone(),
        }
    }
}

/// The whole model.
#[derive(Debug, Clone)]
pub struct AppState {
    pub now: DateTime<Utc>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub color: bool,
    pub view: View,
    pub focus: Focus,
    pub mode: Mode,
    /// Platform, search, flag and person; the state comes from the view.
    pub query: Query,
    /// Per view, where it was left: what it opens on again.
    pub left_at: [Option<Left>; View::ALL.len()],
    /// The item under the cursor before the filter in force began (a
    /// search, a platform or flag chosen): where clearing the filter goes
    /// back to when the filter lists nothing.
    pub filtered_from: Option<Item>,
    /// The queue's order (`S`): best first, or oldest first.
    pub queue_sort: Sort,
    /// A person's view is open (`p`).
    pub person: Option<PersonView>,
    pub list: List,
    pub selection: Selection,
    /// The selection a change was sent for, until it is done: a change
    /// refused (the database busy) gives it back for a retry.
    pub sent_selection: Option<Selection>,
    pub detail: Option<Detail>,
    pub detail_requested: Option<i64>,
    /// The item being read in the detail pane when another process changed
    /// the data: the reload says so if it left the view.
    pub read_when_changed: Option<i64>,
    pub detail_scroll: u16,
    pub today: Option<Today>,
    /// Items per state (loaded after the first frame).
    pub counts: Option<[u64; 4]>,
    pub window: Window,
    /// The config's window, which `w` cycles through with the others.
    pub own_window: Window,
    pub report: Option<Box<Report>>,
    pub platforms: Vec<String>,
    pub last_reason: DismissReason,
    /// What imports beside the review brought that the status line has
    /// not said yet (an error or a key to press stood there).
    pub arrived: crate::store::view::Arrived,
    /// What the note on the status line says came (added to while it is
    /// there unread).
    pub arrived_shown: crate::store::view::Arrived,
    pub templates: Vec<Template>,
    /// The longest reply each platform takes, by lower-case name (the
    /// config's over the built-in ones; 0: no limit).
    pub reply_limits: std::collections::BTreeMap<String, usize>,
    /// Whether a clipboard tool takes copies (else they are sent to the
    /// terminal, which may not take them): what the reply editor promises.
    pub clipboard: bool,
    /// The word lists replies are judged by: the reply editor pre-fills
    /// only the @mention they say the platform writes by itself.
    pub lexicon: Lexicon,
    /// Key names per command, for the footer and the help.
    pub bindings: Vec<(Command, Vec<String>)>,
    pub status: Option<Status>,
    /// The database holds nothing yet: show the welcome screen.
    pub empty: bool,
    /// The database file, named on the welcome screen (a mistyped path
    /// opens an empty one).
    pub db: Option<String>,
    /// The import command the welcome screen shows: into this database,
    /// with this config (its own handles tell replies from comments); its
    /// words, quoted for a shell.
    pub import_command: Vec<String>,
    pub quit: bool,
    /// What a damaged database file was found to be: the list says so, and
    /// the session ends with it as its error.
    pub damaged: Option<String>,
}

/// What the reply editor says of a draft of `n` where `platform` takes `limit`.
pub fn too_long(n: usize, limit: usize, platform: &str) -> String {
    format!(
        "{n} / {limit} characters: {} over what {} takes",
        n - limit,
        crate::text::one_line(platform)
    )
}

impl AppState {
    /// How many items wait snoozed (none until the counts are loaded).
    pub fn snoozed(&self) -> u64 {
        self.counts
            .map_or(0, |c| c[ItemState::Snoozed.code() as usize])
    }

    /// A reply's length as `platform` counts it, as it is saved (trimmed:
    /// blank lines at its end are not posted), and what the platform takes
    /// (none where there is no limit, or `[reply_limits]` lifts it).
    pub fn reply_count(&self, platform: &str, text: &str) -> (usize, Option<usize>) {
        let limit = (self.reply_limits.get(&platform.to_lowercase()).copied()).filter(|&n| n > 0);
        (crate::limits::reply_length(platform, text.trim()), limit)
    }

    pub fn new(
        now: DateTime<Utc>,
        size: (u16, u16),
        window: Window,
        templates: Vec<Template>,
        lexicon: Lexicon,
        bindings: Vec<(Command, Vec<String>)>,
        color: bool,
    ) -> AppState {
        AppState {
            now,
            size,
            color,
            view: View::Queue,
            focus: Focus::List,
            mode: Mode::Normal,
            query: Query::default(),
            filtered_from: None,
            left_at: Default::default(),
            queue_sort: Sort::BEST,
            person: None,
            list: List::default(),
            selection: Selection::None,
            sent_selection: None,
            detail: None,
            detail_requested: None,
            read_when_changed: None,
            detail_scroll: 0,
            today: None,
            counts: None,
            window,
            own_window: window,
            report: None,
            platforms: Vec::new(),
            // Nothing is called bait unless it is flagged so.
            last_reason: DismissReason::Other,
            arrived: Default::default(),
            arrived_shown: Default::default(),
            templates,
            reply_limits: crate::config::Config::default().reply_limits(),
            clipboard: true,
            lexicon,
            bindings,
            status: None,
            empty: false,
            db: None,
            import_command: vec!["ackbox".to_owned(), "import".to_owned()],
            quit: false,
            damaged: None,
        }
    }

    /// The query of the current view: its state plus the user's filter.
    pub fn view_query(&self) -> Query {
        Query {
            filter: Filter {
                state: self.view.state(),
                ..self.query.filter.clone()
            },
            ..self.query.clone()
        }
    }

    /// The order of the list on screen: a person's items newest first, the
    /// queue as `S` chose, the other views newest first.
    pub fn sort(&self) -> Sort {
        if self.query.person.is_some() {
            Sort::NEWEST
        } else if self.view == View::Queue {
            self.queue_sort
        } else {
            self.view.sort()
        }
    }

    /// Whether a platform, search or flag filter is set (the person is not
    /// counted: Esc leaves their view first).
    pub fn filtered(&self) -> bool {
        self.query.filter.platform.is_some()
            || self
                .query
                .filter
                .search
                .as_deref()
                .is_some_and(|s| !s.is_empty())
            || self.query.flag.is_some()
            || self.query.older.is_some()
    }

    /// The first key bound to a command, for hints.
    pub fn key_for(&self, c: Command) -> &str {
        self.bindings
            .iter()
            .find(|(b, _)| *b == c)
            .and_then(|(_, keys)| keys.first())
            .map_or("", String::as_str)
    }

    /// "KEY does" for a message offering a command, `None` where `[keys]`
    /// left it no key.
    pub fn key_does(&self, c: Command, does: &str) -> Option<String> {
        let key = self.key_for(c);
        (!key.is_empty()).then(|| format!("{key} {does}"))
    }

    /// Whether a key press is one of those bound to a command.
    pub fn is_bound(&self, c: Command, ev: &KeyEvent) -> bool {
        let key = Key::from_event(ev);
        self.bindings
            .iter()
            .filter(|(b, _)| *b == c)
            .flat_map(|(_, keys)| keys)
            .any(|k| Key::parse(k).is_ok_and(|k| k == key))
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
            hint: None,
        });
    }

    /// [`say`](Self::say), with the key to press next.
    pub fn say_with_hint(&mut self, text: impl Into<String>, hint: String) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
            hint: Some(hint),
        });
    }

    pub fn complain(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
            hint: None,
        });
    }
}
