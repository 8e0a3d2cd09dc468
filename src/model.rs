//! The nouns of PRODUCT.md: items, their states, dismissal reasons and kinds.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One item as read from any import format, before it meets the database.
/// Importers fill this; the import driver sanitises the text, decides `own`
/// from the configured identities and stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub platform: String,
    pub id: String,
    pub parent_id: Option<String>,
    pub thread_id: Option<String>,
    pub thread_title: Option<String>,
    pub thread_url: Option<String>,
    /// The author's handle or account id as the platform shows it.
    pub author: String,
    /// Whether `author` stands in for a handle the file does not give (the
    /// account's id on an X page without `includes.users`, an Instagram
    /// comment without `username`): a stored item keeps its author, its
    /// link and whether it is the owner's, as a source that knows less
    /// takes nothing away.
    pub author_stand_in: bool,
    /// Other stable identifiers of the same account (account id, acct, DID,
    /// e-mail…), used only to recognise the owner. Never a display name.
    pub author_ids: Vec<String>,
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub url: Option<String>,
    pub kind: Kind,
    /// Whether the source states the kind (the canonical format's `kind`)
    /// rather than giving its platform's default: a stated kind corrects a
    /// stored one, a default never turns a mention back into a comment.
    pub kind_stated: bool,
    /// `Some(true)` when the source itself says the owner wrote it.
    pub own: Option<bool>,
    /// An automated account's (a Mastodon `bot`): skipped unless it is the
    /// owner's (a brand's account may post automatically and still reply).
    pub bot: bool,
    /// State carried by an `ackbox export` file, restored into an empty database.
    pub saved: Option<SavedState>,
}

impl Record {
    /// A record with the required fields and nothing else.
    pub fn new(
        platform: &str,
        id: &str,
        author: &str,
        body: &str,
        created_at: DateTime<Utc>,
    ) -> Self {
        Record {
            platform: platform.to_owned(),
            id: id.to_owned(),
            parent_id: None,
            thread_id: None,
            thread_title: None,
            thread_url: None,
            author: author.to_owned(),
            author_stand_in: false,
            author_ids: Vec::new(),
            author_name: None,
            body: body.to_owned(),
            created_at,
            url: None,
            kind: Kind::Comment,
            kind_stated: false,
            own: None,
            bot: false,
            saved: None,
        }
    }
}

/// What `ackbox export` writes beside the canonical fields, so that an export
/// re-imported into an empty database gives the same state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SavedState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismiss_reason: Option<DismissReason>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_ts")]
    pub snoozed_until: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_ts")]
    pub state_changed_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_ts")]
    pub first_reply_at: Option<DateTime<Utc>>,
    /// Whether the user chose the incoming item's state (an import leaves
    /// it then); an export written before it had this is told from the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub thread_muted: bool,
    /// What the user keeps about the author of an incoming item.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub author_vip: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_note: Option<String>,
    /// The changes to the author's VIP tag and note (on the first of their
    /// items only), so that undo takes them back in the new database too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author_actions: Vec<PersonAction>,
    /// The mutes of the item's thread (on the first of its items only),
    /// so that undo takes one back in the new database too, also one that
    /// found nothing waiting to dismiss.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thread_actions: Vec<ThreadAction>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<LogEntry>,
    /// For a reply written in ackbox: the action that wrote it (for undo).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_action: Option<i64>,
    /// An incoming item's unsaved reply: the text of a reply undone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
}

/// A change to a person's VIP tag or note, as exported: the action, and
/// what they had before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonAction {
    pub action: i64,
    #[serde(with = "ts")]
    pub at: DateTime<Utc>,
    pub kind: String,
    pub vip_before: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_before: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undone: bool,
}

/// A mute of a thread, as exported: the action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadAction {
    pub action: i64,
    /// `mute` or `unmute` (an export written before it had this: `mute`).
    #[serde(default = "ThreadAction::mute")]
    pub kind: String,
    #[serde(with = "ts")]
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undone: bool,
}

impl ThreadAction {
    fn mute() -> String {
        "mute".to_owned()
    }
}

/// One line of the append-only state log, as exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    #[serde(with = "ts")]
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub action: i64,
    /// What the action was (`dismissed`, `mute`, `reply`, `undo`, …).
    #[serde(default)]
    pub kind: String,
    pub from: Option<State>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_reason: Option<DismissReason>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_ts")]
    pub from_snoozed_until: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_decided: bool,
    /// When the item had reached its state before: an undo gives it back.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_ts")]
    pub from_state_at: Option<DateTime<Utc>>,
    pub to: State,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<DismissReason>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_ts")]
    pub snoozed_until: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undone: bool,
}

/// Times in every machine-readable output: RFC 3339, UTC, whole seconds, `Z`.
pub fn format_ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

mod ts {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_ts(*t))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        parsed(&String::deserialize(d)?)
    }

    /// `s` as an RFC 3339 time, or an error that quotes it and says how
    /// one is written.
    pub fn parsed<E: serde::de::Error>(s: &str) -> Result<DateTime<Utc>, E> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| {
                E::custom(format!(
                    "{} is not an RFC 3339 time, such as 2026-03-01T14:05:00Z",
                    crate::text::quoted(s)
                ))
            })
    }
}

mod opt_ts {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::ts::serialize(t, s),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|s| super::ts::parsed(&s))
            .transpose()
    }
}

/// Generates the string form, parsing and serde of a fieldless enum.
macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// Why `written` is refused, quoted as it was written.
            pub fn not_one(written: &str) -> String {
                format!(
                    "{} is not one of: {}",
                    crate::text::quoted(written),
                    [$($text),+].join(", ")
                )
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err($name::not_one(s)),
                }
            }
        }
        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

named_enum!(
    /// The state of an incoming item (own replies have none).
    State {
        NeedsReply = "needs-reply",
        Answered = "answered",
        Dismissed = "dismissed",
        Snoozed = "snoozed",
    }
);

named_enum!(
    /// Why an item needs no reply.
    DismissReason {
        Bait = "bait",
        Spam = "spam",
        EmojiOnly = "emoji-only",
        HandledElsewhere = "handled-elsewhere",
        OffTopic = "off-topic",
        Muted = "muted",
        Removed = "removed",
        Other = "other",
    }
);

named_enum!(
    /// Whether an item is a comment or a mention.
    Kind {
        Comment = "comment",
        Mention = "mention",
    }
);

named_enum!(
    /// Who changed a state: the user, an automatic rule, or an import.
    Actor {
        User = "user",
        Rule = "rule",
        Import = "import",
    }
);

named_enum!(
    /// Where an own reply came from.
    Origin {
        Imported = "imported",
        Ackbox = "ackbox",
    }
);

/// The start of the id of a reply written in ackbox, until an import finds
/// it on the platform and it takes the platform's id.
pub const WRITTEN_HERE: &str = "ackbox:";

/// Whether an own reply with this id was written in ackbox and no import
/// has found it on the platform yet (posted or not, ackbox cannot know).
pub fn not_yet_imported(id: &str) -> bool {
    id.starts_with(WRITTEN_HERE)
}

impl State {
    /// Whether a snooze may put it off: only what waits for a reply (an
    /// answered or dismissed item has no place in the queue to come back to).
    pub fn can_be_snoozed(self) -> bool {
        matches!(self, State::NeedsReply | State::Snoozed)
    }

    /// The small integer stored in SQLite.
    pub fn code(self) -> i64 {
        self as i64
    }
    pub fn from_code(code: i64) -> Option<State> {
        State::ALL.get(usize::try_from(code).ok()?).copied()
    }
}

impl DismissReason {
    /// Whether one dismisses with this reason: muting a thread and an
    /// import that finds an item removed give theirs.
    pub fn is_chosen(self) -> bool {
        !matches!(self, DismissReason::Muted | DismissReason::Removed)
    }

    /// The reasons one dismisses with.
    pub fn chosen() -> impl Iterator<Item = DismissReason> {
        Self::ALL.iter().copied().filter(|r| r.is_chosen())
    }

    /// A reason one may give (the command line's, a rule's): muted and
    /// removed are told where they come from.
    pub fn chosen_from(s: &str) -> Result<DismissReason, String> {
        match s.parse() {
            Ok(DismissReason::Muted) => Err(
                "muted is for the items of a muted thread: `ackbox mute PLATFORM:THREAD`"
                    .to_owned(),
            ),
            Ok(DismissReason::Removed) => Err(
                "removed is for the items an import finds deleted or removed on the platform"
                    .to_owned(),
            ),
            Ok(reason) => Ok(reason),
            Err(_) => Err(format!(
                "{} is not one of: {}",
                crate::text::quoted(s),
                Self::chosen()
                    .map(DismissReason::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// The reason an item's flags (`items.flags`) say it needs no reply:
    /// bait, emoji only, or spam for a bare link or a text pasted again
    /// and again; none for the others.
    pub fn of_flags(bits: u16) -> Option<DismissReason> {
        use crate::analysis::{Flag, Flags};
        let flags = Flags::from_bits(bits);
        if flags.contains(Flag::Bait) {
            Some(DismissReason::Bait)
        } else if flags.contains(Flag::EmojiOnly) {
            Some(DismissReason::EmojiOnly)
        } else if flags.contains(Flag::LinkOnly) || flags.contains(Flag::Copypasta) {
            Some(DismissReason::Spam)
        } else {
            None
        }
    }

    /// A short description for pickers and help.
    pub fn label(self) -> &'static str {
        match self {
            DismissReason::Bait => "bait (follow-for-follow, self-promotion)",
            DismissReason::Spam => "spam",
            DismissReason::EmojiOnly => "emoji or like only",
            DismissReason::HandledElsewhere => "handled elsewhere",
            DismissReason::OffTopic => "off-topic",
            DismissReason::Muted => "thread muted",
            DismissReason::Removed => "deleted, removed or held as spam on the platform",
            DismissReason::Other => "other",
        }
    }
}

/// The names of the flags set in a bit set (`items.flags`), in bit order.
pub fn flag_names(bits: u16) -> Vec<&'static str> {
    crate::analysis::Flags::from_bits(bits)
        .iter()
        .map(|f| f.as_str())
        .collect()
}
