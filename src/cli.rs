//! The command line (clap derive). Exit codes: 0 ok, 1 error, 2 usage,
//! 75 the database busy, 128 + N the review or an import stopped by signal N.

use crate::analysis::Flag;
use crate::config::Window;
use crate::model::{DismissReason, State};
use crate::store::actions::{Change, ItemRef, Items};
use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "ackbox",
    version,
    about = "A keyboard-driven inbox for the comments and mentions you still owe a personal reply",
    long_about = "ackbox keeps the queue of comments and mentions you still owe a personal reply, \
                  across platforms, in a local SQLite database, and shows how well you keep up.\n\n\
                  Without a command it opens the daily review. Try `ackbox --demo`.",
    after_help = "Exit codes: 0 ok, 1 error, 2 usage error, 75 the database busy (another ackbox \
                  writing: try again), 128 + N the review or an import stopped by signal N."
)]
pub struct Cli {
    /// The database file [default: $XDG_DATA_HOME/ackbox/ackbox.db]
    #[arg(long, global = true, env = "ACKBOX_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The config file [default: $XDG_CONFIG_HOME/ackbox/config.toml]
    #[arg(long, global = true, env = "ACKBOX_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Use a fresh temporary database loaded with the bundled demo inbox
    /// (dates shifted to look current); your own database (--db, ACKBOX_DB)
    /// is not touched.
    #[arg(long, global = true)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What each format reads, and examples: `import --help`'s end.
const IMPORT_HELP: &str = "\
Formats (detected from the content; --format forces one):
  canonical   ackbox's own JSON Lines or CSV (platform, id, author, body,
              created_at, ...), and what `ackbox export` writes
  wordpress   the WordPress export file (WXR: Tools > Export, or `wp export`)
  disqus      the Disqus XML export (unzipped)
  youtube     YouTube Data API commentThreads.list / comments.list responses,
              after a list of videos (videos.list, playlistItems.list) to title
  mastodon    Mastodon API notifications, statuses or a status's context;
              an archive's outbox.json
  github      GitHub REST issue comments (repos/OWNER/REPO/issues/comments)
              and issues
  reddit      comment pages (/comments/ID.json), the inbox, user and subreddit
              comment listings
  facebook    Graph API comments of a Page's posts (GET /{object-id}/comments)
  instagram   Graph API comments of an account's media
              (GET /{ig-media-id}/comments)
  threads     Threads API replies, conversations, mentions, your own threads
              and replies, a post
  bluesky     Bluesky API listNotifications, getAuthorFeed (your own replies)
              and getPostThread
  hackernews  the Algolia items API (https://hn.algolia.com/api/v1/items/ID)
              and its search results
  x           X API v2 pages of posts: GET /2/users/:id/mentions,
              /2/tweets/search/recent and /2/users/:id/tweets (your own)
The README's \"Platforms\" section says how to get each file and what is
read from it.

Examples:
  ackbox import comments.jsonl
  ackbox import --own youtube:@yourchannel youtube.jsonl
  curl -s 'https://hn.algolia.com/api/v1/items/8863' | ackbox import -
  ackbox import --dry-run --json export.xml";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import comments: platform export or API files, or the canonical JSON Lines / CSV
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// List incoming items
    List(ListArgs),
    /// List own replies
    Replies(RepliesArgs),
    /// Change an item's state: answered, dismissed or needs-reply
    Mark(MarkArgs),
    /// Hide an item until a time: 3h, 2d, 14:00, tomorrow, fri, next-week, a date or RFC 3339
    Snooze(SnoozeArgs),
    /// Mute a thread: its waiting items and everything that arrives later are dismissed
    Mute(MuteArgs),
    /// Unmute a thread: what its mute dismissed, and what arrives later, waits for a reply
    Unmute(MuteArgs),
    /// Take back the last action (repeat for more)
    Undo,
    /// Response-rate statistics
    Stats(StatsArgs),
    /// People who comment: how often, how often answered, loyal, left waiting
    People(PeopleArgs),
    /// One person's record; tag them VIP or keep a note about them
    Person(PersonArgs),
    /// Automatic dismissal rules from the config
    Rules {
        #[command(subcommand)]
        what: RulesCommand,
    },
    /// Write everything, states and log included, re-importable into an empty database
    ///
    /// The export goes to standard output: `ackbox export > backup.jsonl`. It is restored
    /// by importing it into an empty database: `ackbox --db new.db import backup.jsonl`.
    Export(ExportArgs),
    /// Show the config file's path or its effective contents
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
    },
    /// Print the shell completion script for SHELL (see the README for where it goes)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files to import; `-` reads standard input
    #[arg(required = true, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub files: Vec<std::path::PathBuf>,
    /// Force a format instead of detecting it from the content
    #[arg(long, value_name = "NAME", value_parser = format_names())]
    pub format: Option<String>,
    /// Your own account on a platform, as PLATFORM:HANDLE or PLATFORM:ADDRESS
    /// of its page (https://x.com/you) (repeatable)
    #[arg(long = "own", value_name = "PLATFORM:HANDLE", value_parser = parse_own)]
    pub own: Vec<(String, String)>,
    /// Report what would change and write nothing (each file is checked
    /// against the database as it is: the files before it are not written)
    #[arg(long)]
    pub dry_run: bool,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

/// The names `--format` accepts, listed in `--help`.
fn format_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(crate::import::formats().iter().map(|f| f.name()))
}

fn parse_own(s: &str) -> Result<(String, String), String> {
    // Refused as in the config's [own], not cleaned into another handle.
    if crate::config::unclean(s) {
        return Err(format!(
            "{} holds a control or invisible character: take it out",
            crate::text::quoted(s)
        ));
    }
    // Spaces around it (a quoted value, pasted) are not part of it, nor
    // what shows nothing (a direction mark copied with it).
    match crate::text::sanitize(s).trim().split_once(':') {
        Some((p, h)) if !p.trim().is_empty() && !h.trim().is_empty() => {
            Ok((p.trim().to_lowercase(), h.trim().to_owned()))
        }
        _ => Err(format!(
            "{s:?} is not PLATFORM:HANDLE (e.g. mastodon:me@example.social)"
        )),
    }
}

/// `--state` values: one state or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateArg {
    NeedsReply,
    Answered,
    Dismissed,
    Snoozed,
    All,
}

impl StateArg {
    pub fn state(self) -> Option<State> {
        match self {
            StateArg::NeedsReply => Some(State::NeedsReply),
            StateArg::Answered => Some(State::Answered),
            StateArg::Dismissed => Some(State::Dismissed),
            StateArg::Snoozed => Some(State::Snoozed),
            StateArg::All => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Which items
    #[arg(long, value_enum, default_value = "needs-reply")]
    pub state: StateArg,
    /// Only this platform
    #[arg(long, value_name = "P", value_parser = platform_name)]
    pub platform: Option<String>,
    /// Only items with every word of TEXT, by its beginning, in the body and
    /// author, or all in the thread title (as the TUI's / search)
    #[arg(long, value_name = "TEXT", value_parser = search_text)]
    pub search: Option<String>,
    /// Only items with this flag (as the TUI's `f`)
    #[arg(long, value_parser = flag_name())]
    pub flag: Option<Flag>,
    /// At most N items
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = count)]
    pub limit: Option<usize>,
    /// One JSON object per line
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV with a header
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Args)]
pub struct RepliesArgs {
    /// One JSON object per line
    #[arg(long)]
    pub json: bool,
}

/// States `mark` can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MarkState {
    Answered,
    Dismissed,
    NeedsReply,
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    /// The item, as PLATFORM:ID; `-` reads the items from standard input,
    /// one a line (as PLATFORM:ID, or lines of `ackbox list`, or of `list
    /// --json`), and changes
    /// them together, as one action to undo, or none if one is unknown
    pub item: Items,
    pub state: MarkState,
    /// Why it needs no reply (with `dismissed`); without it, `other`, and an
    /// item dismissed already keeps its reason
    #[arg(long, value_name = "R", value_parser = ReasonParser)]
    pub reason: Option<DismissReason>,
}

impl MarkArgs {
    /// The change asked for; a reason goes with `dismissed` only.
    pub fn change(&self) -> Result<Change, String> {
        Ok(match (self.state, self.reason) {
            (MarkState::Answered, None) => Change::Answered,
            (MarkState::NeedsReply, None) => Change::NeedsReply,
            (MarkState::Dismissed, r) => Change::Dismissed(r.unwrap_or(DismissReason::Other)),
            (_, Some(_)) => return Err("--reason goes with `dismissed` only".to_owned()),
        })
    }
}

/// The arguments without the `--help`/`-h` given after the `help`
/// subcommand, if any were.
fn without_help_of_help(args: &[std::ffi::OsString]) -> Option<Vec<std::ffi::OsString>> {
    let help = args.iter().skip(1).position(|a| a == "help")? + 1;
    let is_flag = |a: &std::ffi::OsString| a == "--help" || a == "-h";
    args[help..].iter().any(is_flag).then(|| {
        let (before, after) = args.split_at(help);
        (before.iter().cloned())
            .chain(after.iter().filter(|a| !is_flag(a)).cloned())
            .collect()
    })
}

impl Cli {
    /// Parses the command line (exits on a usage error, or after `--help`).
    /// An empty `ACKBOX_DB` or `ACKBOX_CONFIG` is an unset one, as an empty
    /// `XDG_*` variable is: not a `--db` given without its value.
    pub fn parse_args() -> Cli {
        use clap::FromArgMatches;
        let mut command = command();
        for (arg, var) in [("db", "ACKBOX_DB"), ("config", "ACKBOX_CONFIG")] {
            if std::env::var_os(var).is_some_and(|v| v.is_empty()) {
                command = command.mut_arg(arg, |a| a.env(None));
            }
        }
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        command
            .try_get_matches_from_mut(&args)
            .or_else(|e| match without_help_of_help(&args) {
                // `help --help` (`help import -h`): clap refuses a flag after
                // `help`, which asks for help already.
                Some(args) => command.try_get_matches_from_mut(args),
                None => Err(e),
            })
            .and_then(|m| Cli::from_arg_matches(&m))
            .unwrap_or_else(|e| exit(e))
    }

    /// Checks what clap's declarations cannot say, as a usage error (exit 2).
    pub fn check(&self) -> Result<(), clap::Error> {
        use clap::error::ErrorKind;
        let (name, kind, msg) = match &self.command {
            Some(Command::Mark(m)) => match m.change() {
                Err(msg) => ("mark", ErrorKind::ArgumentConflict, msg),
                Ok(_) => return Ok(()),
            },
            Some(Command::Snooze(s)) => match s.until() {
                Err(msg) => ("snooze", ErrorKind::ValueValidation, msg),
                Ok(_) => return Ok(()),
            },
            // Standard input is read once: a second `-` would find it empty.
            Some(Command::Import(i))
                if i.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 =>
            {
                (
                    "import",
                    ErrorKind::ArgumentConflict,
                    "`-` (standard input) is named more than once: it can be read only once"
                        .to_owned(),
                )
            }
            _ => return Ok(()),
        };
        // With the command's usage line, not the top level's.
        let mut cli = command();
        cli.build();
        Err(match cli.find_subcommand_mut(name) {
            Some(sub) => sub.error(kind, msg),
            None => cli.error(kind, msg),
        })
    }
}

/// Whether an argument holds control characters (a terminal's escape
/// sequences, from an id copied out of a comment) or is not UTF-8: clap's
/// messages would quote it as it is.
fn unclean_args() -> bool {
    std::env::args_os().any(|a| !a.to_str().is_some_and(crate::text::is_clean))
}

/// The command line's definition; without colours when an argument is
/// unclean, so that its messages are the plain text [`exit`] escapes.
pub(crate) fn command() -> clap::Command {
    let command = <Cli as clap::CommandFactory>::command();
    if unclean_args() {
        command.styles(clap::builder::Styles::plain())
    } else {
        command
    }
}

/// Exits as clap does; but a message that may quote an unclean argument
/// shows its control characters (and bytes that are not UTF-8, as clap
/// writes them) escaped.
pub fn exit(e: clap::Error) -> ! {
    // Help and the version, on stdout: a write that fails is an error (a
    // full disk), a reader gone (`| head`) is not.
    if !e.use_stderr() {
        if crate::output::stdout_read_only() {
            crate::note!("ackbox: error: {}", crate::output::STDOUT_READ_ONLY);
            std::process::exit(1)
        }
        let printed = e
            .print()
            .and_then(|()| std::io::Write::flush(&mut std::io::stdout()));
        let code = match printed {
            Err(w) if w.kind() != std::io::ErrorKind::BrokenPipe => {
                crate::note!("ackbox: error: writing to standard output: {w}");
                1
            }
            _ => e.exit_code(),
        };
        std::process::exit(code)
    }
    if !unclean_args() {
        e.exit()
    }
    // Lost with a standard error that takes nothing: no panic over it.
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        crate::text::escaped(&e.render().ansi().to_string()).as_bytes(),
    );
    std::process::exit(e.exit_code())
}

/// `--reason`: the reasons one can give (listed in `--help`); `muted` is
/// what muting a thread gives its items, `removed` what an import gives
/// those the platform took away.
#[derive(Debug, Clone, Copy)]
struct ReasonParser;

impl clap::builder::TypedValueParser for ReasonParser {
    type Value = DismissReason;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<DismissReason, clap::Error> {
        // A plain function parser words the error as clap does.
        clap::builder::TypedValueParser::parse_ref(&DismissReason::chosen_from, cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(DismissReason::chosen().map(|r| {
            clap::builder::PossibleValue::new(r.as_str()).help(r.label())
        })))
    }
}

#[derive(Debug, Args)]
pub struct SnoozeArgs {
    /// The item, as PLATFORM:ID
    pub item: ItemRef,
    /// A duration (3h, 45m, 2d, 1w, 1h30m, "2 days"; 1month or 1y on the calendar), a time of day
    /// (14:00: the next), tomorrow (9:00) or tomorrow 14:00, a day of the week (fri: the next, 9:00;
    /// fri 14:00), next-week (Monday 9:00), a local date (its 9:00) or date and time
    /// (2026-12-10 14:30), or an RFC 3339 time; in several words, quoted or not
    #[arg(required = true, num_args = 1..)]
    until: Vec<String>,
}

impl SnoozeArgs {
    /// The time typed, its words joined as a shell would have kept them
    /// quoted (`tomorrow 14:00`).
    pub fn until(&self) -> Result<crate::when::Until, String> {
        self.until.join(" ").parse()
    }
}

#[derive(Debug, Args)]
pub struct MuteArgs {
    /// The thread, as PLATFORM:THREAD_ID
    #[arg(value_parser = ItemRef::thread)]
    pub thread: ItemRef,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// 7d, 30d, 90d (or a number of days up to 36500, e.g. 14d) or all [default: the config's default_window]
    #[arg(long, value_parser = parse_window)]
    pub window: Option<Window>,
    /// Print the figures as JSON
    #[arg(long)]
    pub json: bool,
}

/// A count: a negative one is taken as a value (clap would call `-1` an
/// unknown option) and refused as one; so is 0, which would list nothing
/// without a word.
fn count(s: &str) -> Result<usize, String> {
    s.trim()
        .parse()
        .map(std::num::NonZeroUsize::get)
        .map_err(|e: std::num::ParseIntError| match e.kind() {
            std::num::IntErrorKind::PosOverflow => format!("too large: at most {}", usize::MAX),
            _ => "a whole number, 1 or more, is needed".to_owned(),
        })
}

/// A search as a terminal shows it; one of only what shows nothing (an
/// escape sequence, a zero-width space or joiner, a Braille blank) is
/// refused (an empty one, or of spaces, is none).
fn search_text(s: &str) -> Result<String, String> {
    let shown = crate::text::one_line(s);
    // (A joiner or a variation selector alone is kept in text, for emoji.)
    if crate::text::is_blank(&shown) && !s.trim().is_empty() {
        return Err("the search holds no character that shows: nothing to look for".to_owned());
    }
    Ok(shown)
}

/// Platform names are stored lower-case.
fn platform_name(s: &str) -> Result<String, String> {
    match s.trim() {
        "" => Err("a platform's name, such as youtube, is needed".to_owned()),
        name => Ok(name.to_lowercase()),
    }
}

/// A flag by its name, the names offered in `--help` and completions.
fn flag_name() -> impl clap::builder::TypedValueParser<Value = Flag> {
    clap::builder::PossibleValuesParser::new(Flag::ALL.map(Flag::as_str))
        .try_map(|s| s.parse::<Flag>())
}

fn parse_window(s: &str) -> Result<Window, String> {
    s.parse()
}

#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// Only this platform
    #[arg(long, value_name = "P", value_parser = platform_name)]
    pub platform: Option<String>,
    /// At most N people (all of them when not given)
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = count)]
    pub limit: Option<usize>,
    /// One JSON object per line
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct PersonArgs {
    /// The person, as PLATFORM:AUTHOR (e.g. youtube:@joeramos_brews)
    #[arg(value_parser = ItemRef::person)]
    pub person: ItemRef,
    /// Tag as VIP: their waiting items move up the queue
    #[arg(long, conflicts_with = "no_vip")]
    pub vip: bool,
    /// Remove the VIP tag
    #[arg(long)]
    pub no_vip: bool,
    /// Keep a note about them (an empty note clears it)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Print as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Show what each rule would have dismissed in the history so far
    Test,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The canonical JSON Lines (one item a line) or CSV
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormat,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file's path
    Path,
    /// Print the effective config (the file merged over the defaults)
    Show,
}

#[cfg(test)]
mod tests {
    /// `import --help` says what each format reads: every one, no other.
    #[test]
    fn import_help_names_every_format() {
        let listed: Vec<&str> = (super::IMPORT_HELP.lines())
            .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && !l.contains("ackbox "))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        let mut formats = crate::import::format_names();
        formats.sort_unstable();
        let mut listed_sorted = listed.clone();
        listed_sorted.sort_unstable();
        assert_eq!(listed_sorted, formats, "{listed:?}");
    }

    /// A count too large for a number says so, not that it is none.
    #[test]
    fn a_count_says_what_is_wrong_with_it() {
        assert_eq!(super::count(" 12 "), Ok(12));
        for bad in ["-1", "0", "1.5", "ten", ""] {
            assert_eq!(
                super::count(bad).unwrap_err(),
                "a whole number, 1 or more, is needed"
            );
        }
        let over = format!("{}0", usize::MAX);
        assert!(
            super::count(&over)
                .unwrap_err()
                .starts_with("too large: at most ")
        );
    }
}
