//! Pure classification for acknowledgement (PRODUCT.md "personally
//! answered", "canned", bait): data in, data out, no I/O.
//!
//! - [`verdict`]: is an own reply personal, generic or canned, and why.
//! - [`flags`]: bait, link/mention/emoji only, copypasta, question.
//! - [`priority`]: the queue score and its reasons.
//! - [`config`]: the word lists and weights, defaults in `assets/analysis.toml`.
//!
//! Text is compared folded (`crate::text::fold`: case and accents ignored) and
//! with punctuation squeezed out, in every language the lists cover; nothing
//! assumes English.

pub mod config;
pub mod flags;
pub mod priority;
pub(crate) mod scan;
pub mod verdict;

#[cfg(test)]
mod cases;

pub use config::{Analysis, AnalysisConfig, Lexicon, LexiconFile, Weights};
pub use flags::{Flag, Flags, classify, classify_with_key, copypasta_key, is_copypasta};
pub use priority::{PriorityInput, is_left_waiting, is_loyal, loyal_weeks, score, weeks_to_count};
pub use scan::handles_mentioned;
pub(crate) use scan::{find_bounded, find_emails};
pub use verdict::{
    Judgement, NAME_PLACEHOLDER, ReplyInput, Verdict, canned_key, canned_key_on, handle_as_called,
    judge, strip_handle_prefix,
};
