//! The messages `update` understands: user commands (what a key is bound
//! to), raw keys for the modes that read text, terminal events, and the
//! results that effects report back.

use crate::analysis::Judgement;
use crate::model::DismissReason;
use crate::stats::{Report, Today};
use crate::store::people::PersonRow;
use crate::store::query::{Elsewhere, Exchange, Item, Message, PersonHistory};
use crate::store::view::Query;
use chrono::{DateTime, Utc};
use ratatui::crossterm::event::KeyEvent;

use super::effects::Load;

/// A bindable command: the names are the keys of `assets/keys.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Focus,
    Back,
    Reply,
    Template,
    Answered,
    Reopen,
    Dismiss,
    DismissFlagged,
    Snooze,
    Mute,
    Person,
    Vip,
    Note,
    Undo,
    Select,
    SelectAll,
    Search,
    Filter,
    Sort,
    Open,
    Copy,
    CopyLink,
    Window,
    NextView,
    PrevView,
    ViewQueue,
    ViewAnswered,
    ViewDismissed,
    ViewSnoozed,
    ViewAll,
    ViewStats,
    Help,
    Redraw,
    Suspend,
    Quit,
}

impl Command {
    /// Every command with its config name and what it does, in help order.
    pub const ALL: &'static [(Command, &'static str, &'static str)] = &[
        (Command::Down, "down", "next item"),
        (Command::Up, "up", "previous item"),
        (Command::Top, "top", "first item"),
        (Command::Bottom, "bottom", "last item"),
        (Command::PageDown, "page_down", "one screen down"),
        (Command::PageUp, "page_up", "one screen up"),
        (
            Command::Focus,
            "focus",
            "focus the detail pane (again: back)",
        ),
        (
            Command::Back,
            "back",
            "back: leave the detail, selection, person, filter",
        ),
        (Command::Reply, "reply", "reply (in-app editor)"),
        (
            Command::Template,
            "template",
            "reply with a saved reply (ctrl-t in the editor)",
        ),
        (
            Command::Answered,
            "answered",
            "mark answered (replied elsewhere)",
        ),
        (
            Command::Reopen,
            "reopen",
            "put back in the queue: needs a reply (after a dismissal, a snooze)",
        ),
        (Command::Dismiss, "dismiss", "dismiss, with a reason"),
        (
            Command::DismissFlagged,
            "dismiss_flagged",
            "dismiss low-value flagged items but questions (bait, …)",
        ),
        (Command::Snooze, "snooze", "snooze until a time"),
        (
            Command::Mute,
            "mute",
            "mute the item's thread (or unmute it)",
        ),
        (
            Command::Person,
            "person",
            "the person's items across threads, with their figures",
        ),
        (Command::Vip, "vip", "in the person view: tag / untag VIP"),
        (Command::Note, "note", "in the person view: edit the note"),
        (
            Command::Undo,
            "undo",
            "undo the last action (repeat for more)",
        ),
        (
            Command::Select,
            "select",
            "select / unselect the item, then the next",
        ),
        (
            Command::SelectAll,
            "select_all",
            "select everything the filter matches (again: clear)",
        ),
        (
            Command::Search,
            "search",
            "search body, author, thread title",
        ),
        (
            Command::Filter,
            "filter",
            "filter by platform, state, flag, age",
        ),
        (
            Command::Sort,
            "sort",
            "queue order: best first / oldest first",
        ),
        (Command::Open, "open", "open the item's link in the browser"),
        (Command::Copy, "copy", "copy the body"),
        (Command::CopyLink, "copy_link", "copy the link"),
        (
            Command::Window,
            "window",
            "stats window: 7 / 30 / 90 days / all",
        ),
        (Command::NextView, "next_view", "next view"),
        (Command::PrevView, "prev_view", "previous view"),
        (Command::ViewQueue, "view_queue", "queue: needs a reply"),
        (Command::ViewAnswered, "view_answered", "answered"),
        (Command::ViewDismissed, "view_dismissed", "dismissed"),
        (Command::ViewSnoozed, "view_snoozed", "snoozed"),
        (Command::ViewAll, "view_all", "all items"),
        (Command::ViewStats, "view_stats", "statistics"),
        (Command::Help, "help", "this help"),
        (
            Command::Redraw,
            "redraw",
            "draw the screen again (where the terminal drew text wider or narrower)",
        ),
        (
            Command::Suspend,
            "suspend",
            "suspend to the shell (`fg` brings the review back)",
        ),
        (Command::Quit, "quit", "quit"),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(c, _, _)| *c == self)
            .map_or("?", |(_, n, _)| n)
    }

    pub fn from_name(name: &str) -> Option<Command> {
        Self::ALL
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(c, _, _)| *c)
    }
}

/// The context the detail pane shows for the item under the cursor.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub rid: i64,
    pub parent: Option<Message>,
    pub exchange: Exchange,
    /// Their latest items in other threads.
    pub elsewhere: Vec<Elsewhere>,
    pub person: PersonHistory,
    /// The queue score now and why ("question · loyal · waiting 2 d").
    pub priority: Option<(i64, Vec<String>)>,
    /// What the user keeps about the person.
    pub vip: bool,
    pub note: Option<String>,
}

/// A person's figures for the person view's header.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonFigures {
    pub row: PersonRow,
    /// Active in enough distinct weeks (the analysis config's `loyal_weeks`).
    pub loyal: bool,
    /// Loyal, with items still waiting for a reply.
    pub left_waiting: bool,
}

/// Everything that can happen to the TUI.
#[derive(Debug, Clone)]
pub enum Action {
    /// A bound key in the list or the detail pane.
    Command(Command),
    /// A key in a mode that reads text or picks (editor, search, pickers, dialogs).
    Key(KeyEvent),
    Paste(String),
    /// The mouse wheel, `lines` down (up when negative), over a cell.
    Scroll {
        lines: isize,
        column: u16,
        row: u16,
    },
    Click {
        column: u16,
        row: u16,
    },
    Resize(u16, u16),
    /// About once a second: the clock moved; look for changes made by others.
    Tick(DateTime<Utc>),

    // What effects report back.
    Page {
        load: Load,
        rows: Vec<Item>,
        limit: usize,
    },
    Detail(Box<Detail>),
    Counts([u64; 4]),
    Today(Today),
    Stats(Box<Report>),
    Platforms(Vec<String>),
    /// Whether the database holds nothing at all (the welcome screen).
    Empty(bool),
    /// How many items a select-all matches, and its query bounded to them.
    Counted {
        query: Query,
        n: u64,
    },
    /// How many low-value flagged items `D` would dismiss, by the reason
    /// each one's flags give it (the most first).
    FlaggedCounted {
        query: Query,
        reasons: Vec<(DismissReason, u64)>,
    },
    /// How many waiting items muting this thread would dismiss.
    /// `m`'s count: muted, how many items unmuting brings back; else how
    /// many muting dismisses.
    ThreadCounted {
        platform: String,
        thread: String,
        title: String,
        n: u64,
        muted: bool,
    },
    /// A person's figures (`None`: they have no items any more).
    Person {
        platform: String,
        author: String,
        figures: Option<PersonFigures>,
    },
    /// A change was written: show the message (`undoable`: with the key
    /// that takes it back) and reload what is on screen.
    Done {
        message: String,
        undoable: bool,
    },
    /// A note was not saved: written elsewhere since its editor opened
    /// (`now`), over which `typed` is offered again.
    NoteChanged {
        typed: String,
        now: String,
    },
    /// A note was not saved (the database busy, the disk full): its
    /// editor opens again on what was typed (`typed`, begun from `was`).
    NoteNotSaved {
        typed: String,
        was: String,
    },
    /// An action was taken back: like `Done`, with the cursor on the item
    /// it brought back (`rid`, in its state now) when the view shows it.
    Undone {
        message: String,
        /// The item that came back (the last changed), as it is now.
        item: Option<Box<crate::store::query::Item>>,
        /// The items it took back: changed here (no longer picked).
        rids: Vec<i64>,
        /// A reply was taken back (its text is its item's draft).
        reply: bool,
    },
    /// The database changed under us: another process wrote, or a snooze
    /// woke up. Another process moved what `undo` takes back first: an
    /// action or undo (`undo_moved`; an import's rules too), the user's
    /// newest reply written here (`reply_moved`: undone elsewhere, or
    /// found posted).
    DataChanged {
        undo_moved: bool,
        reply_moved: bool,
    },
    /// What an import beside the review brought, to say unless the status
    /// line holds something more pressing (an error, a key to press).
    Arrived(crate::store::view::Arrived),
    Failed(String),
    /// A change of the selection failed (the database busy): the
    /// selection comes back for a retry.
    NotApplied(String),
    /// An effect failed on a damaged database file: said as a failure, the
    /// session then ends with an error.
    Damaged(String),
    /// Nothing done: what was chosen changed elsewhere since (the choice
    /// is dropped, the list read again).
    Stale(String),
    /// The reason of the latest dismissal (chosen by another process).
    LastReason(DismissReason),
    /// The reply to `rid` was saved and copied; offer to open the link.
    Replied {
        rid: i64,
        url: Option<String>,
        copied: super::effects::Copied,
    },
    /// Something to say on the status line (a copy only sent to the terminal).
    Said(String),
    /// The external editor returned (the new draft, or why it failed).
    Edited(Result<String, String>),
    /// The verdict a draft would get (asked before saving it).
    Judged {
        text: String,
        judgement: Judgement,
        /// The item's state now: answered, dismissed or snoozed since the
        /// draft began (in another window) is said before this one is saved.
        state: Option<crate::model::State>,
    },
}
