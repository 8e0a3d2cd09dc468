//! Runs what the command line asked for.

use crate::cli::{Cli, Command, ConfigCommand, ExportFormat, ListArgs, RulesCommand, StateArg};
use crate::config::{Config, OwnIdentities};
use crate::import::{self, FileError};
use crate::output;
use crate::store::actions::{Change, ItemRef, Items};
use crate::store::analysis::Standing;
use crate::store::people::Authorship;
use crate::store::query::Filter;
use crate::store::view::{Query, Sort};
use crate::store::{Kept, Store};
use crate::text::{counted, one_line, truncate};
use crate::{paths, stats, text};
use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The database and config a command works with.
pub struct Env {
    pub store: Store,
    pub config: Config,
    /// Keeps the demo's temporary directory alive while it is in use.
    _demo_dir: Option<tempfile::TempDir>,
    /// The database file this command made: a first import's, which goes
    /// again when the import fails with nothing in it.
    made: Option<Made>,
    /// An import's watch for a signal to stop, set before its database is
    /// opened (or made).
    interrupt: Option<Interrupt>,
}

/// A database file a first import made, and the folders made for it
/// (the innermost first).
struct Made {
    file: PathBuf,
    folders: Vec<PathBuf>,
}

impl Made {
    /// Removes the file, if no other process has it open, and then the
    /// folders made for it, as long as they are empty.
    fn remove(self) {
        if crate::store::remove_if_unopened(&self.file, true).unwrap_or(false) {
            for folder in self.folders {
                if std::fs::remove_dir(folder).is_err() {
                    break;
                }
            }
        }
    }
}

/// Runs `work`, saying `what` it is on a terminal's stderr when it takes
/// more than a moment, where the screen would stay blank meanwhile (the
/// review draws once the database is ready); `what` is asked then.
fn said_if_slow<T>(
    what: impl FnOnce() -> &'static str + Send + 'static,
    work: impl FnOnce() -> T,
) -> T {
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return work();
    }
    said_after(
        std::time::Duration::from_millis(500),
        std::io::stderr(),
        what,
        work,
    )
}

/// What a slow opening of the database is doing, of two things, when it
/// is said.
fn opening_said() -> &'static str {
    if crate::store::upgrading() {
        "upgrading the database for this version of ackbox (once; Ctrl-C stops it, writing \
         nothing)"
    } else {
        "opening the database: another ackbox may be writing it (an import); waiting up to 5 \
         seconds"
    }
}

/// [`said_if_slow`] to `out`, once `work` has taken longer than `moment`.
fn said_after<T>(
    moment: std::time::Duration,
    mut out: impl Write + Send + 'static,
    what: impl FnOnce() -> &'static str + Send + 'static,
    work: impl FnOnce() -> T,
) -> T {
    use std::sync::mpsc::{RecvTimeoutError, channel};
    let (done, waiting) = channel::<()>();
    let note = std::thread::spawn(move || {
        if waiting.recv_timeout(moment) == Err(RecvTimeoutError::Timeout) {
            let _ = writeln!(out, "ackbox: {}…", what());
        }
    });
    let done_with = work();
    drop(done);
    let _ = note.join();
    done_with
}

impl Env {
    pub fn open(cli: &Cli, now: DateTime<Utc>) -> Result<Env> {
        let (config, _) = load_config(cli)?;
        let demo_dir = if cli.demo {
            let made = tempfile::Builder::new().prefix("ackbox-demo-").tempdir();
            Some(made.with_context(|| {
                format!(
                    "cannot make the demo's temporary database in {} (TMPDIR)",
                    std::env::temp_dir().display()
                )
            })?)
        } else {
            None
        };
        let path = match &demo_dir {
            Some(dir) => dir.path().join("demo.db"),
            None => paths::database(cli.db.clone())?,
        };
        // A device or a pipe is no database: SQLite would write a journal
        // beside it (`/dev/null-journal`).
        if let Ok(m) = std::fs::metadata(&path)
            && !m.is_file()
            && !m.is_dir()
        {
            bail!(
                "{} is not a file (a device, a pipe or a socket): --db or ACKBOX_DB names the \
                 database file",
                crate::text::path_name(&path)
            );
        }
        // A folder on the way that cannot be entered hides the file: it is
        // there or not, but it cannot be reached (not "no database").
        if let Err(e) = std::fs::metadata(&path)
            && e.kind() == std::io::ErrorKind::PermissionDenied
        {
            bail!(
                "cannot open the database {} ({e}): a folder on the way to it is closed to you",
                crate::text::path_name(&path)
            );
        }
        // Only an import and the review make a database (piped, the review
        // is the queue's list, which reads one); a command that reads one
        // names the file it did not find (a mistyped --db).
        let makes = opens_the_review(cli) || matches!(&cli.command, Some(Command::Import(_)));
        // (An SQLite file with nothing in it is none either: reading it
        // would make it ackbox's.)
        let blank = || crate::store::is_blank(&path);
        if demo_dir.is_none() && !makes && (!crate::store::holds_data(&path) || blank()) {
            bail!(
                "no database at {}{}: import comments first (`ackbox import FILE`), or name yours \
                 with --db or ACKBOX_DB",
                crate::text::path_name(&path),
                match path.exists() {
                    true if crate::store::holds_data(&path) => " (an empty SQLite database)",
                    true => " (an empty file)",
                    false => "",
                }
            );
        }
        // A dry run into a database not made yet writes no file.
        let dry_run = matches!(&cli.command, Some(Command::Import(a)) if a.dry_run);
        // Nothing at all at the path: not a file, not a link to one.
        let made = (matches!(&cli.command, Some(Command::Import(_)))
            && !dry_run
            && demo_dir.is_none()
            && path.symlink_metadata().is_err())
        .then(|| Made {
            file: path.clone(),
            folders: (path.ancestors().skip(1))
                .take_while(|d| !d.as_os_str().is_empty() && d.symlink_metadata().is_err())
                .map(Path::to_path_buf)
                .collect(),
        });
        let interrupt = match &cli.command {
            Some(Command::Import(_)) => Some(Interrupt::install()?),
            _ => None,
        };
        let mut store = if dry_run && (!crate::store::holds_data(&path) || blank()) {
            Store::open_in_memory()?
        } else {
            match said_if_slow(opening_said, || Store::open(&path)) {
                Err(e) if reads_only(cli) => Store::open_unwritable(&path, &e).unwrap_or(Err(e))?,
                Err(e) => {
                    // A first import that failed leaves no database (a full disk).
                    if let Some(made) = made {
                        made.remove();
                    }
                    return Err(e);
                }
                Ok(store) => store,
            }
        };
        // Met on a damaged file, an error leaves it as found (see `Store::named`).
        let ready = (|| -> Result<()> {
            store.set_analysis(config.analysis_config()?);
            let fingerprint = config.analysis_fingerprint()?;
            let again = "the analysis settings (the config's [analysis], or this version of \
                 ackbox) changed: judging and ranking every item again (Ctrl-C stops it, writing \
                 nothing)";
            let reanalysed = (!dry_run)
                .then(|| said_if_slow(move || again, || store.reanalyse_if_changed(fingerprint)));
            match reanalysed {
                None | Some(Ok(None)) => {}
                Some(Ok(Some(n))) => crate::note!(
                    "ackbox: the analysis settings (the config's [analysis], or this version of ackbox) changed: {} judged and ranked again",
                    crate::text::counted(n, "item", "items")
                ),
                Some(Err(e)) if reads_only(cli) && crate::store::cannot_write_now(&e) => {
                    crate::note!(
                        "ackbox: the analysis settings changed, but the database cannot be written now: \
                     its flags and order are the old settings' until it can"
                    )
                }
                Some(Err(e)) => return Err(e),
            }
            store.set_rules(config.rules.clone());
            // An import checks them after its files: a platform they bring is no typo.
            if !matches!(&cli.command, Some(Command::Import(_))) {
                warn_unknown_platforms(Some(&store), config_platforms(&config))?;
            }
            if demo_dir.is_some() {
                crate::demo::load(&mut store, now)?;
            }
            Ok(())
        })();
        if let Err(e) = ready {
            let e = store.named(e);
            drop(store);
            if let Some(made) = made {
                made.remove();
            }
            return Err(e);
        }
        Ok(Env {
            store,
            config,
            _demo_dir: demo_dir,
            made,
            interrupt,
        })
    }
}

/// The config and where it was read from. A file named with --config or
/// ACKBOX_CONFIG must exist: a mistyped name would silently drop the user's
/// own accounts and rules. The default file may be missing (the defaults).
fn load_config(cli: &Cli) -> Result<(Config, PathBuf)> {
    let path = paths::config(cli.config.clone())?;
    if cli.config.is_some() && !path.exists() {
        bail!(
            "no config file at {} (named with --config or ACKBOX_CONFIG)",
            crate::text::path_name(&path)
        );
    }
    Ok((Config::load(&path)?, path))
}

/// The import command that fills this database with this config: the
/// options a bare `ackbox import` would not find by itself, as absolute
/// paths (it may be typed in another folder), its words quoted for a shell.
fn how_to_import(cli: &Cli) -> Result<Vec<String>> {
    let mut words = vec!["ackbox".to_owned()];
    for (option, given, default) in [
        (
            "--db",
            paths::database(cli.db.clone())?,
            paths::database(None).ok(),
        ),
        (
            "--config",
            paths::config(cli.config.clone())?,
            paths::config(None).ok(),
        ),
    ] {
        let given = std::path::absolute(&given).unwrap_or(given);
        if Some(&given) != default.as_ref() {
            words.extend([option.to_owned(), text::shell_path(&given)]);
        }
    }
    words.push("import".to_owned());
    Ok(words)
}

/// "3 bots", "2 dated before 1990", "2 follow notifications": a count of
/// skipped items and why (a reason that is a noun takes its plural).
fn skipped_phrase(why: &str, n: u64) -> String {
    const PLURALS: [(&str, &str); 8] = [
        ("notification", "notifications"),
        ("event", "events"),
        ("activity", "activities"),
        ("bot", "bots"),
        ("boost", "boosts"),
        ("repost", "reposts"),
        ("message", "messages"),
        ("story", "stories"),
    ];
    let plural = (n != 1)
        .then(|| {
            PLURALS.iter().find_map(|(one, many)| {
                let head = why.strip_suffix(one)?;
                (head.is_empty() || head.ends_with(' ')).then(|| format!("{head}{many}"))
            })
        })
        .flatten();
    format!("{n} {}", plural.as_deref().unwrap_or(why))
}

/// Says on stderr which own identities are addresses that name no handle
/// (another site's, a page without one): they match nobody, and the
/// replies they wrote would come in as comments to answer.
fn note_unread_addresses(config: &Config, given: &[(String, String)]) {
    let config_own =
        (config.own.iter()).flat_map(|(p, hs)| hs.iter().map(move |h| ("[own]", p, h)));
    let given = given.iter().map(|(p, h)| ("--own", p, h));
    for (what, p, h) in config_own.chain(given) {
        if crate::config::unread_address(&p.to_lowercase(), h) {
            // Facebook has no handles: its accounts are told by their ids.
            let instead = match p.eq_ignore_ascii_case("facebook") {
                true => "give the Page's id (a number: `GET /me?fields=id` with its token)",
                false => "give the handle, or the address of the account's own page",
            };
            crate::note!(
                "ackbox: note: {what} {}:{} names no handle ackbox can read from an address \
                 (another site's, or a page without one): it matches nobody; {instead}",
                one_line(p),
                one_line(h)
            );
        }
    }
}

/// Who wrote on each platform, as the notes on the owner's accounts read
/// it: from the database, or as a dry run's files would have left it (each
/// file's as it saw it alone).
struct Owners<'a> {
    store: &'a Store,
    dry: &'a BTreeMap<String, Vec<Authorship>>,
}

impl Owners<'_> {
    fn has_own_items(&self, platform: &str) -> Result<bool> {
        match self.dry.get(platform) {
            Some(files) => Ok(files.iter().any(|f| f.own_items)),
            None => self.store.has_own_items(platform),
        }
    }

    fn authors_on(&self, platform: &str) -> Result<Vec<(String, u64)>> {
        let stored = self.store.authors_on(platform)?;
        Ok(match self.dry.get(platform) {
            Some(files) => Authorship::over_files(&stored, files).authors,
            None => stored,
        })
    }
}

/// Says on stderr which platforms new to the inbox an import brought
/// (`brought`, besides those stored `before` it) where no account is known
/// as the owner's and no item is theirs: the replies written there would
/// wait in the queue as comments (the config's `[own]` comes after the
/// import in the README, and `own: true` in a file is one way of many).
fn note_no_owner(
    owners: &Owners,
    own: &OwnIdentities,
    brought: &BTreeSet<String>,
    before: &[String],
) -> Result<()> {
    let given_before: BTreeSet<String> = (owners.store.own_kept(Kept::Given)?.into_iter())
        .map(|(p, _)| p.to_lowercase())
        .collect();
    for platform in brought.iter().filter(|p| !before.contains(p)) {
        if own.knows(platform)
            || given_before.contains(platform)
            || import::finds_the_owner(platform)
            || owners.has_own_items(platform)?
        {
            continue;
        }
        crate::note!(
            "ackbox: note: no account of yours is known on {0} and none of its items is yours: \
             your replies there (any in this file too) wait as comments. Name yours in [own] in \
             the config (`ackbox config path`), or with --own {0}:{1}, and import the file again",
            one_line(platform),
            match platform.as_str() {
                // No handles there: a user id or login, or an e-mail address;
                // a Page's replies are by its id.
                "wordpress" => "LOGIN",
                "disqus" => "USERNAME",
                "facebook" => "PAGE_ID",
                _ => "HANDLE",
            }
        );
    }
    Ok(())
}

/// Other names of platforms an importer of ackbox stores under its own:
/// (the other name, the importer's name, what it stores, its platform).
const PLATFORM_ALIASES: &[(&str, &str, &str, &str)] = &[
    ("twitter", "X", "tweet", "x"),
    ("fb", "Facebook", "comment", "facebook"),
    ("facebook.com", "Facebook", "comment", "facebook"),
    ("yt", "YouTube", "comment", "youtube"),
    ("insta", "Instagram", "comment", "instagram"),
    ("ig", "Instagram", "comment", "instagram"),
];

/// Says on stderr which platforms the import brought under another name
/// than an importer of ackbox stores them (`twitter` for `x`): the same
/// comment imported under both is two items. Not renamed: items may be
/// stored under that name for years.
fn note_aliases(brought: &BTreeSet<String>) {
    for (alias, importer, thing, platform) in PLATFORM_ALIASES {
        if brought.contains(*alias) {
            crate::note!(
                "ackbox: note: {alias}: ackbox's {importer} importer stores {thing}s as \
                 {platform}; items of one {thing} under both are two (write {platform} in the \
                 platform column)"
            );
        }
    }
}

/// Says on stderr when the account named yours on a platform the import
/// brought matches none of its items while someone a letter or two from it
/// wrote some: a typo in `[own]` or `--own` leaves your replies waiting as
/// comments.
fn note_near_misses(
    owners: &Owners,
    own: &OwnIdentities,
    brought: &BTreeSet<String>,
) -> Result<()> {
    for platform in brought {
        if !own.knows(platform) || owners.has_own_items(platform)? {
            continue;
        }
        // The nearest, the busiest of those.
        let authors = owners.authors_on(platform)?;
        if let Some(((mine, _), (author, n))) = (authors.iter())
            .filter_map(|a| Some((own.near_miss(platform, &a.0)?, a)))
            .min_by_key(|((_, apart), (author, n))| (*apart, std::cmp::Reverse(*n), author.clone()))
        {
            crate::note!(
                "ackbox: note: no item on {} is by {}, named yours, but {} wrote {}: if that is \
                 you, correct the name in [own] (`ackbox config path`) or --own and import again",
                one_line(platform),
                one_line(mine),
                one_line(author),
                counted(*n, "item", "items")
            );
        }
    }
    Ok(())
}

/// The platforms the config names, with what names them (`[own]`, a rule,
/// `[reply_limits]`).
fn config_platforms(config: &Config) -> impl Iterator<Item = (&str, &str)> {
    let rules = (config.rules.iter()).filter_map(|r| Some(("a rule", r.platform.as_deref()?)));
    let own = config.own.keys().map(|p| ("[own]", p.as_str()));
    let limits = config
        .reply_limits
        .keys()
        .map(|p| ("[reply_limits]", p.as_str()));
    own.chain(rules).chain(limits)
}

/// Says on stderr when a platform named by `what` (`[own]`, `--own`, a
/// rule) is one no file format reads and no item has: a typo, most likely.
/// Not an error: the canonical format takes any platform.
fn warn_unknown_platforms<'a>(
    store: Option<&Store>,
    named: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<()> {
    let formats = import::format_names();
    // Platforms are matched without case, as the identities use them.
    let mut unread = (named.into_iter())
        .map(|(what, p)| (what, p.to_lowercase()))
        .filter(|(_, p)| !formats.contains(&p.as_str()))
        .peekable();
    // Most configs name only platforms ackbox reads: no look at the items.
    if unread.peek().is_none() {
        return Ok(());
    }
    // Without the database (`config show`), what the items name is not
    // known: said so.
    let (stored, none) = match store {
        Some(store) => (store.platforms()?, " and no item has yet"),
        None => (Vec::new(), " (fine if your canonical files name it)"),
    };
    let platforms: Vec<&str> = formats
        .iter()
        .copied()
        .filter(|f| *f != "canonical")
        .collect();
    for (what, p) in unread.filter(|(_, p)| !stored.contains(p)) {
        crate::note!(
            "ackbox: note: {what} names {}, a platform no file format reads{none}; a typo? The \
             platforms: {}",
            crate::text::quoted(&one_line(&p)),
            platforms.join(", ")
        );
    }
    Ok(())
}

/// Says on stderr when `--platform` names one no stored item is from (a
/// typo, most likely) and which there are; returns whether it did. Not an
/// error: platforms are any names, and one may simply have nothing imported
/// yet.
fn note_unknown_platform(store: &Store, platform: Option<&str>) -> Result<bool> {
    let Some(p) = platform else { return Ok(false) };
    let known = store.platforms()?;
    // As the filter reads it: `YouTube` is youtube.
    let unknown = !known.iter().any(|k| *k == p.to_lowercase());
    if unknown {
        let names: Vec<String> = known.iter().map(|k| one_line(k)).collect();
        crate::note!(
            "ackbox: no items from {}; {}",
            crate::text::file_name(p),
            if names.is_empty() {
                "the database holds none yet".to_owned()
            } else {
                format!("it has items from {}", names.join(", "))
            }
        );
    }
    Ok(unknown)
}

/// Says on stderr when an identity given with `--own` to an earlier import,
/// not given now (nor in `[own]`), has items stored as comments to answer:
/// its own replies came in as such (the next import was not told). They
/// are those stored under it as their author (where authors are accounts:
/// a WordPress guest may type anyone's name), or those this import counted
/// by the account's ids (`imported`, per identity: a WordPress login, a
/// Mastodon `user@host`, a numeric id), whichever are more.
/// A dry run says what its import would store (`imported`), with what is.
fn note_own_given_before(
    store: &Store,
    given_before: &[(String, String)],
    kept: &[Kept],
    imported: &[u64],
    dry_run: bool,
) -> Result<()> {
    let kept = given_before.iter().zip(kept).zip(imported);
    for (((platform, handle), how), &counted_here) in kept {
        let platform = platform.to_lowercase();
        let stored = match import::authors_are_accounts(&platform) {
            true => store.items_by(&platform, handle)?,
            false => 0,
        };
        let n = stored.max(counted_here);
        if n > 0 {
            let who = one_line(&format!("{platform}:{handle}"));
            let (one, many) = match dry_run && counted_here > 0 {
                true => (
                    "would be stored as a comment to answer",
                    "would be stored as comments to answer",
                ),
                false => (
                    "is stored as a comment to answer",
                    "are stored as comments to answer",
                ),
            };
            crate::note!(
                "ackbox: note: {} by {who}, {}, {}: import the files again with --own {who}, or \
                 add it to [own] in the config",
                counted(n, "item", "items"),
                how.said(),
                if n == 1 { one } else { many },
            );
        }
    }
    Ok(())
}

/// Says on stderr which accounts a file marks the owner's (a Mastodon
/// outbox's) that `[own]` and `--own` do not name: their items in other
/// files (statuses, contexts) come in as comments to answer. Keeps them,
/// so that a later import that stores such items says so too (as those
/// of `given_before` already are).
fn note_marked_own(
    store: &Store,
    summary: &import::Summary,
    given_before: &[(String, String)],
) -> Result<()> {
    let new: Vec<(String, String)> = (summary.marked_own.iter())
        .filter(|id| !given_before.contains(id))
        .cloned()
        .collect();
    for (platform, handle) in &new {
        crate::note!(
            "ackbox: note: {} marks {} yours, an account [own] does not name: its items in other \
             files come in as comments to answer; add it to [own] in the config (`ackbox config \
             path`), or import those with --own {1}",
            crate::text::file_name(&summary.file),
            one_line(&format!("{platform}:{handle}")),
        );
    }
    if !summary.dry_run && !new.is_empty() {
        store.remember_own(Kept::Marked, &new)?;
    }
    Ok(())
}

/// Whether the files an import refused were all refused for a busy
/// database (the last such error kept, for the exit status).
enum Busy {
    Unseen,
    All(anyhow::Error),
    NotAll,
}

/// What `list` says when nothing is listed, so that an empty answer is
/// not taken for a broken command.
fn nothing_listed(args: &ListArgs) -> String {
    let mut what = match args.state {
        StateArg::NeedsReply => "no item needs a reply".to_owned(),
        StateArg::Answered => "no answered items".to_owned(),
        StateArg::Dismissed => "no dismissed items".to_owned(),
        StateArg::Snoozed => "no snoozed items".to_owned(),
        StateArg::All => "no items".to_owned(),
    };
    if let Some(p) = &args.platform {
        what += &format!(" from {}", crate::text::file_name(p));
    }
    if let Some(s) = &args.search {
        what += &format!(" matching {}", crate::text::quoted(&one_line(s)));
    }
    if let Some(f) = args.flag {
        what += &format!(" flagged {f}");
    }
    if args.state != StateArg::All {
        what += " (--state all lists every item)";
    }
    what
}

/// A thread id as typed, as it is stored (a GitHub Enterprise host in any
/// case).
fn typed_thread(platform: &str, id: &str) -> String {
    match platform {
        "github" => crate::import::github::typed_thread(id),
        _ => id.to_owned(),
    }
}

/// Runs a subcommand, writing to `out`.
pub fn run(cli: &Cli, out: &mut dyn Write, now: DateTime<Utc>) -> Result<()> {
    if let Some(Command::Completions { shell }) = &cli.command {
        // Written here, not by `generate`, which panics when it cannot write.
        let mut script = Vec::new();
        let mut cli = crate::cli::command();
        clap_complete::generate(*shell, &mut cli, "ackbox", &mut script);
        if *shell == clap_complete::Shell::Fish {
            script.extend(fish_positional_values(&cli).bytes());
        }
        return out.write_all(&script).context("writing to standard output");
    }
    // The config commands need no database; `config path` works even when
    // the config is broken or missing.
    if let Some(Command::Config { what }) = &cli.command {
        if matches!(what, ConfigCommand::Path) {
            let path = paths::config(cli.config.clone())?;
            writeln!(out, "{}", crate::text::path_name(&path))?;
        } else {
            let (config, path) = load_config(cli)?;
            // A file in the wrong place is ignored: said, not left to guess.
            let read = if path.exists() {
                "with the defaults"
            } else {
                "not found: the defaults alone"
            };
            // One comment line, whatever the path holds.
            writeln!(out, "# {}, {read}", crate::text::path_name(&path))?;
            write!(out, "{}", toml::to_string_pretty(&config.with_defaults()?)?)?;
            out.flush()?;
            if let Some(note) = crate::tui::keymap::Keymap::new(&config.keys)?.unbound_note() {
                crate::note!("ackbox: note: {note}");
            }
            warn_unknown_platforms(None, config_platforms(&config))?;
        }
        return Ok(());
    }
    let mut env = match Env::open(cli, now) {
        Ok(env) => env,
        Err(e) => {
            // `import --json` answers for each file all the same: a script
            // reading it learns why none went in.
            if let Some(Command::Import(args)) = &cli.command
                && args.json
            {
                let why = format!("not imported: {}", message(&e));
                for file in &args.files {
                    let file = file.to_string_lossy();
                    output::json_line(out, &serde_json::json!({"file": file, "error": why}))?;
                }
            }
            return Err(e);
        }
    };
    let result = dispatch(cli, &mut env, out, now).map_err(|e| env.store.named(e));
    // A first import that failed leaves no empty database behind: the next
    // command says there is none, rather than showing an empty inbox.
    if result.is_err()
        && let Some(made) = env.made.take()
        && env.store.platforms().is_ok_and(|p| p.is_empty())
    {
        drop(env);
        made.remove();
    }
    result
}

/// Ctrl-C (or SIGTERM, SIGHUP, SIGQUIT) during an import: the file being
/// read stops and leaves nothing, the next ones are not started, and the
/// command ends as a death by the signal would (a first import's database,
/// still empty, removed as after any failure); a second signal ends it at
/// once. Killed outright instead, an import's transaction was lost all the
/// same, but a first import left an empty database behind.
struct Interrupt {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    signal: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Interrupt {
    fn install() -> Result<Interrupt> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let signal = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let ignored = ignored_signals();
        // One ignored by whoever started it (`nohup`, a script's background
        // job) stays ignored.
        for number in [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
            .into_iter()
            .filter(|&n| ignored & (1 << (n - 1)) == 0)
        {
            // First the exit a second signal makes, then the flag the first sets.
            let status = u8::try_from(128 + number).unwrap_or(1);
            signal_hook::flag::register_conditional_shutdown(number, status.into(), stop.clone())?;
            signal_hook::flag::register(number, stop.clone())?;
            signal_hook::flag::register_usize(number, signal.clone(), number as usize)?;
        }
        Ok(Interrupt { stop, signal })
    }

    /// Fails as the signal that came, if one did, saying what became of
    /// `file`.
    fn check(&self, file: &str, what: &str) -> Result<()> {
        use std::sync::atomic::Ordering::Relaxed;
        if !self.stop.load(Relaxed) {
            return Ok(());
        }
        crate::note!(
            "ackbox: interrupted: {}: {what}",
            crate::text::file_name(file)
        );
        let signal =
            i32::try_from(self.signal.load(Relaxed)).unwrap_or(signal_hook::consts::SIGINT);
        Err(crate::tui::Stopped(signal).into())
    }
}

/// The signals this process ignores, as a mask (bit N − 1 for signal N),
/// from `/proc/self/status` (none known elsewhere).
fn ignored_signals() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let mask = status.lines().find_map(|l| l.strip_prefix("SigIgn:"))?;
            u64::from_str_radix(mask.trim(), 16).ok()
        })
        .unwrap_or(0)
}

/// Whether `ackbox` alone opens the review: on a terminal that can move its
/// cursor. Piped, or on `TERM=dumb` (an editor's shell buffer), it prints
/// the queue.
fn opens_the_review(cli: &Cli) -> bool {
    cli.command.is_none()
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

/// Whether the command only reads the database (a read-only file, or one
/// another process writes, serves it).
fn reads_only(cli: &Cli) -> bool {
    match cli.command {
        None => !opens_the_review(cli),
        Some(
            Command::List(_)
            | Command::Replies(_)
            | Command::Stats(_)
            | Command::People(_)
            | Command::Rules { .. }
            | Command::Export(_),
        ) => true,
        // `--vip`, `--no-vip` and `--note` write.
        Some(Command::Person(_)) => !changes(cli),
        Some(_) => false,
    }
}

/// Whether the command changes the inbox (its output says what it did).
fn changes(cli: &Cli) -> bool {
    match &cli.command {
        Some(
            Command::Mark(_)
            | Command::Snooze(_)
            | Command::Mute(_)
            | Command::Unmute(_)
            | Command::Undo,
        ) => true,
        Some(Command::Person(p)) => p.vip || p.no_vip || p.note.is_some(),
        _ => false,
    }
}

/// Runs a command on its database.
fn dispatch(cli: &Cli, env: &mut Env, out: &mut dyn Write, now: DateTime<Utc>) -> Result<()> {
    // Snoozes that ran out wake before anything is read; where the database
    // cannot be written now, a command that only reads goes on without.
    let waking = "waking the snoozes that ran out";
    match said_if_slow(move || waking, || env.store.wake_snoozed(now)) {
        Err(e) if !(reads_only(cli) && crate::store::cannot_write_now(&e)) => return Err(e),
        _ => {}
    }
    let Env {
        store,
        config,
        interrupt,
        ..
    } = env;
    match &cli.command {
        // The daily review on a terminal; the plain queue when piped.
        None if opens_the_review(cli) => crate::tui::run(store, config, how_to_import(cli)?),
        None => queue(store, out, &how_to_import(cli)?.join(" "), now),
        Some(Command::Import(args)) => {
            let mut unread = output::Unread::new(out);
            let out: &mut dyn Write = &mut unread;
            let own = OwnIdentities::new(config, &args.own);
            let interrupt = interrupt
                .as_ref()
                .context("an import watches for signals")?;
            // Given or marked as the owner's before, not now: their records
            // are counted.
            let mut kept = Vec::new();
            for how in [Kept::Given, Kept::Marked] {
                let ids = store.own_kept(how)?.into_iter();
                kept.extend(
                    ids.filter(|(p, h)| !own.is_own(&p.to_lowercase(), h))
                        .map(|id| (id, how)),
                );
            }
            let (given_before, kept): (Vec<(String, String)>, Vec<Kept>) = kept.into_iter().unzip();
            let opts = import::Options {
                format: args.format.clone(),
                dry_run: args.dry_run,
                progress: true,
                shift: chrono::Duration::zero(),
                stop: Some(interrupt.stop.clone()),
                given_before,
            };
            let mut by_given_before = vec![0; opts.given_before.len()];
            // The platforms the files brought: no typo when named.
            let mut brought = BTreeSet::new();
            // A dry run's: who would have written where.
            let mut dry = BTreeMap::new();
            let stored_before = store.platforms()?;
            let mut failed = Vec::new();
            let mut busy = Busy::Unseen;
            // Stopped by a signal: a script reading the JSON learns what
            // became of this file and of those after it.
            // Stopped at file `at` (said of it: `what`), `from` the first
            // with no line of its own yet: the rest were not started.
            let stopped = |out: &mut dyn Write, at: usize, from: usize, what: &str| -> Result<()> {
                if args.json {
                    for (i, file) in args.files.iter().enumerate().skip(from) {
                        let file = file.to_string_lossy();
                        let what = if i == from { what } else { "not started" };
                        let error = serde_json::json!({"file": file, "error": format!("interrupted: {what}")});
                        output::json_line(out, &error)?;
                    }
                } else if let Some(rest) = args.files.get(at + 1..).filter(|r| !r.is_empty()) {
                    let rest: Vec<String> = (rest.iter())
                        .map(|p| crate::text::file_name(&p.to_string_lossy()))
                        .collect();
                    crate::note!("ackbox: not started: {}", rest.join(", "));
                }
                Ok(())
            };
            for (i, path) in args.files.iter().enumerate() {
                // Shown as it can be (a name that is not UTF-8 is still opened).
                let file = &*path.to_string_lossy();
                // Typed at the keyboard, `-` waits for it: said, not a hang.
                if file == "-" && std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                    crate::note!(
                        "ackbox: reading the file from the keyboard: paste or type it, then \
                         Ctrl-D (or Ctrl-C to stop)"
                    );
                }
                if let Err(stop) = interrupt.check(file, "not started") {
                    stopped(out, i, i, "not started")?;
                    return Err(stop);
                }
                let summary = match import::import_path(store, path, &own, &opts, now) {
                    Ok(mut summary) => {
                        for (n, more) in by_given_before.iter_mut().zip(&summary.by_given_before) {
                            *n += more;
                        }
                        brought.extend(summary.platforms.iter().cloned());
                        note_marked_own(store, &summary, &opts.given_before)?;
                        for (platform, authorship) in std::mem::take(&mut summary.authorship) {
                            let files: &mut Vec<Authorship> = dry.entry(platform).or_default();
                            files.push(authorship);
                        }
                        summary
                    }
                    Err(e) => {
                        if let Err(stop) = interrupt.check(file, "nothing of it imported") {
                            stopped(out, i, i, "nothing of it imported")?;
                            return Err(stop);
                        }
                        // A file's errors name it; the database's say what they stopped.
                        let e = if crate::store::is_about_the_database(&e) {
                            e.context(format!("{} not imported", crate::text::file_name(file)))
                        } else {
                            e
                        };
                        // A script reading the JSON learns of it too.
                        if args.json {
                            let error = serde_json::json!({"file": file, "error": message(&e)});
                            output::json_line(out, &error)?;
                        }
                        // Each file is its own transaction: one that fails
                        // stops only itself, and the command fails at the end.
                        if args.files.len() == 1 {
                            return Err(e);
                        }
                        report(&e);
                        failed.push(crate::text::file_name(file));
                        busy = match busy {
                            Busy::Unseen | Busy::All(_) if crate::store::is_busy(&e) => {
                                Busy::All(e)
                            }
                            _ => Busy::NotAll,
                        };
                        continue;
                    }
                };
                // Committed: a summary that cannot be written loses nothing, and says so.
                write_summary(out, file, &summary, args.json)
                    .and_then(|()| Ok(out.flush()?))
                    .with_context(|| {
                        let done = if summary.dry_run {
                            "read (a dry run)"
                        } else {
                            "imported"
                        };
                        // Those after it would have nowhere to say how they went.
                        let rest: Vec<String> = (args.files[i + 1..].iter())
                            .map(|p| crate::text::file_name(&p.to_string_lossy()))
                            .collect();
                        let rest = match rest.is_empty() {
                            true => String::new(),
                            false => format!(", and {} not imported", rest.join(", ")),
                        };
                        format!(
                            "{} {done}, but its summary could not be written{rest}",
                            crate::text::file_name(&summary.file)
                        )
                    })?;
                if summary.counts.export_state_not_restored > 0 {
                    out.flush()?;
                    let c = &summary.counts;
                    let named = c.not_restored_named.join(", ");
                    let more = match c.export_state_not_restored - c.not_restored_named.len() as u64
                    {
                        0 => String::new(),
                        n => format!(" and {n} more"),
                    };
                    crate::note!(
                        "ackbox: note: {} of {} stored already ({}{more}): the states, VIP tags, \
                         notes and drafts the export gives them are not restored (the database \
                         keeps its own; an export is restored whole into an empty database, --db)",
                        counted(c.export_state_not_restored, "item", "items"),
                        crate::text::file_name(&summary.file),
                        crate::text::one_line(&named),
                    );
                }
                if summary.counts.replies_not_restored > 0 {
                    out.flush()?;
                    crate::note!(
                        "ackbox: note: {} of {} written in ackbox, which this database has taken \
                         back or found on the platform since: not restored",
                        counted(summary.counts.replies_not_restored, "reply", "replies"),
                        crate::text::file_name(&summary.file),
                    );
                }
                // A signal that came while the file was being written (its
                // commit cannot be cut short) stops the files after it.
                let late = "imported all the same: the signal came as it was being written";
                out.flush()?;
                if let Err(stop) = interrupt.check(file, late) {
                    stopped(out, i, i + 1, "not started")?;
                    return Err(stop);
                }
            }
            if !args.dry_run && !args.own.is_empty() && failed.len() < args.files.len() {
                store.remember_own(Kept::Given, &args.own)?;
            }
            note_own_given_before(
                store,
                &opts.given_before,
                &kept,
                &by_given_before,
                args.dry_run,
            )?;
            note_unread_addresses(config, &args.own);
            let owners = Owners { store, dry: &dry };
            note_no_owner(&owners, &own, &brought, &stored_before)?;
            note_near_misses(&owners, &own, &brought)?;
            note_aliases(&brought);
            // After the files: a platform they brought is no typo (a dry
            // run kept none of them).
            let given = args.own.iter().map(|(p, _)| ("--own", p.as_str()));
            let named = config_platforms(config).chain(given);
            warn_unknown_platforms(
                Some(store),
                named.filter(|(_, p)| !brought.contains(&p.to_lowercase())),
            )?;
            if !failed.is_empty() {
                // Each file is imported whole or not at all: said of those
                // that failed alone, the others are in.
                let none = match failed.len() {
                    1 => "nothing of it was written",
                    _ => "nothing of them was written",
                };
                let rest = args.files.len() - failed.len();
                let (is, are) = match args.dry_run {
                    true => ("would be", "would be"),
                    false => ("is", "are"),
                };
                let others = match rest {
                    0 => String::new(),
                    1 => format!("; the other file {is} imported"),
                    n => format!("; the other {n} {are} imported"),
                };
                let said = format!(
                    "{} of {} {} imported ({none}): {}{others}",
                    failed.len(),
                    counted(args.files.len() as u64, "file", "files"),
                    if args.dry_run { "could not be" } else { "not" },
                    failed.join(", ")
                );
                // Refused only for a busy database: worth trying again, as
                // one file would say (exit 75).
                return Err(match busy {
                    Busy::All(e) => e.context(said),
                    _ => anyhow!(said),
                });
            }
            Ok(())
        }
        Some(Command::List(args)) => {
            let target = config.target_secs();
            // Each author's standing is read once, however many of their items are listed.
            let mut standings: HashMap<(String, String), Standing> = HashMap::new();
            let mut priority = |i: &crate::store::query::Item| -> Result<(i64, Vec<String>)> {
                let key = (i.platform.clone(), i.author.clone());
                let who = match standings.get(&key) {
                    Some(who) => who,
                    None => standings
                        .entry(key)
                        .or_insert(store.standing(&i.platform, &i.author)?),
                };
                Ok(store.priority_of(i, who, now, target))
            };
            let unknown = note_unknown_platform(store, args.platform.as_deref())?;
            // As the message about no match says it: what a terminal shows.
            let search = args.search.clone();
            let query = Query {
                flag: args.flag.map(|f| f as usize),
                ..Filter {
                    state: args.state.state(),
                    platform: args.platform.as_ref().map(|p| p.to_lowercase()),
                    search,
                }
                .into()
            };
            // A platform with no items lists nothing, without reading the
            // queue through for it.
            let limit = if unknown { Some(0) } else { args.limit };
            // What needs a reply comes best first, as in the queue; the rest newest first.
            let order = if query.filter.state == Some(crate::model::State::NeedsReply) {
                Sort::BEST
            } else {
                Sort::NEWEST
            };
            if args.csv {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(output::ITEM_CSV_HEADER)?;
                store.for_each_item(&query, order, limit, |i| {
                    let p = priority(i)?;
                    Ok(w.write_record(output::item_csv_row(&output::ItemOut::new(i, p)))?)
                })?;
                w.flush()?;
            } else {
                let mut listed = 0;
                store.for_each_item(&query, order, limit, |i| {
                    listed += 1;
                    if args.json {
                        let p = priority(i)?;
                        serde_json::to_writer(&mut *out, &output::ItemOut::new(i, p))?;
                        writeln!(out)?;
                        Ok(())
                    } else {
                        output::item_line(out, i, now)
                    }
                })?;
                // Said on stderr: a script reads an empty list on stdout.
                if listed == 0 && !args.json && !unknown && args.limit != Some(0) {
                    if store.is_empty()? {
                        say_empty(&how_to_import(cli)?.join(" "));
                    } else {
                        crate::note!("ackbox: {}", nothing_listed(args));
                    }
                }
            }
            Ok(())
        }
        Some(Command::Replies(args)) => {
            let mut listed = 0;
            store.for_each_reply(|r| {
                listed += 1;
                let o = output::ReplyOut::new(r);
                if args.json {
                    serde_json::to_writer(&mut *out, &o)?;
                } else {
                    write!(
                        out,
                        "{}:{}  {}  re {}  {:<8}  {:<8}  {}",
                        o.platform,
                        o.id,
                        o.created_at,
                        o.parent_id.as_deref().unwrap_or("-"),
                        o.origin,
                        o.verdict.unwrap_or("-"),
                        truncate(&one_line(&o.body), 80)
                    )?;
                }
                writeln!(out)?;
                Ok(())
            })?;
            // Said on stderr, as `list` says it: a script reads an empty list.
            if listed == 0 && !args.json {
                crate::note!(
                    "ackbox: no replies of yours yet: they are told by your accounts ([own] in \
                     the config, or --own on import) or the platform's own signal"
                );
            }
            Ok(())
        }
        Some(Command::Mark(args)) => {
            let change = args.change().map_err(anyhow::Error::msg)?;
            // A dismissal without --reason leaves an item dismissed already
            // as it is: its reason (spam, bait…) stands.
            let mark = Mark {
                change,
                keeps_dismissed: args.reason.is_none(),
            };
            match &args.item {
                Items::One(item) => mark_one(store, item, mark, now, out),
                Items::Stdin => {
                    let rids = items_on_stdin(store)?;
                    mark_many(store, &rids, mark, now, out)
                }
            }
        }
        Some(Command::Snooze(args)) => {
            let until = (args.until())
                .and_then(|u| u.resolve(now))
                .map_err(|e| anyhow!(e))?;
            let rid = store.rid_of(&args.item)?;
            let n = store.apply(&[rid], Change::Snoozed(until), now)?;
            let (already, nothing) = match n {
                0 => ("already ", ", nothing changed"),
                _ => ("", ""),
            };
            writeln!(
                out,
                "{}: {already}snoozed until {}{nothing}",
                args.item,
                crate::model::format_ts(until)
            )?;
            Ok(())
        }
        Some(Command::Mute(args)) => {
            let thread = typed_thread(&args.thread.platform, &args.thread.id);
            let done = match store.mute_thread(&args.thread.platform, &thread, now)? {
                Some(n) => format!(
                    "muted; {} dismissed",
                    counted(n as u64, "waiting item", "waiting items")
                ),
                None => "already muted, nothing changed".to_owned(),
            };
            Ok(writeln!(out, "{}: {done}", args.thread)?)
        }
        Some(Command::Unmute(args)) => {
            let thread = typed_thread(&args.thread.platform, &args.thread.id);
            let done = match store.unmute_thread(&args.thread.platform, &thread, now)? {
                Some(n) => format!("unmuted; {} back", counted(n as u64, "item", "items")),
                None => "not muted, nothing changed".to_owned(),
            };
            Ok(writeln!(out, "{}: {done}", args.thread)?)
        }
        Some(Command::Undo) => {
            // Nothing to take back is a failure (exit 1), so that a script
            // undoing "until done" stops.
            let Some(u) = store.undo(now)? else {
                bail!(store.nothing_to_undo_said()?);
            };
            let from = format!(" from {}", crate::model::format_ts(u.at));
            writeln!(out, "{}", store.undone_said(&u, &from)?)?;
            Ok(())
        }
        Some(Command::Stats(args)) => {
            let window = args.window.unwrap_or(config.default_window);
            let report = stats::report(store, config, window, now)?;
            if args.json {
                serde_json::to_writer_pretty(&mut *out, &report)?;
                writeln!(out)?;
                Ok(())
            } else {
                output::report(out, &report)
            }
        }
        Some(Command::People(args)) => {
            let unknown = note_unknown_platform(store, args.platform.as_deref())?;
            let people =
                store.people(args.platform.as_deref(), args.limit.unwrap_or(usize::MAX))?;
            if people.is_empty() && !args.json && !unknown && args.limit != Some(0) {
                crate::note!("ackbox: nobody has commented yet");
            }
            output::people(out, &people, store.analysis(), args.json)
        }
        Some(Command::Person(args)) => {
            let (platform, author) = (&args.person.platform, &args.person.id);
            let vip = match (args.vip, args.no_vip) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            };
            let Some(_) = store.person_row(platform, author)? else {
                if store.is_own_author(platform, author)? {
                    bail!(
                        "{} is your own account on {platform}: `ackbox replies` lists what it \
                         wrote",
                        crate::text::quoted(author)
                    );
                }
                let near = store.people_called(platform, author)?;
                if near.is_empty() {
                    bail!(
                        "nobody called {} has written on {platform}",
                        crate::text::quoted(author)
                    );
                }
                bail!(
                    "nobody called {} has written on {platform}; did you mean {}?",
                    crate::text::quoted(author),
                    near.iter()
                        .map(
                            |(who, name)| match crate::text::distinct_name(who, name.as_deref()) {
                                Some(name) => format!("{platform}:{} ({name})", one_line(who)),
                                None => format!("{platform}:{}", one_line(who)),
                            }
                        )
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            };
            if (vip.is_some() || args.note.is_some())
                && store.set_person(platform, author, vip, args.note.as_deref(), None, now)?
                    == crate::store::people::PersonSet::Unchanged
            {
                crate::note!("ackbox: {}: already so, nothing changed", args.person);
            }
            let row = store
                .person_row(platform, author)?
                .context("the person vanished")?;
            output::people(out, &[row], store.analysis(), args.json)
        }
        Some(Command::Rules {
            what: RulesCommand::Test,
        }) => rules_test(store, &config.rules, out),
        Some(Command::Export(args)) => {
            crate::export::export(store, out, args.format == ExportFormat::Csv).map_err(|e| {
                // Written in part (a full disk, a reader gone): no copy to
                // restore from. (Not a closed pipe's quiet success: a backup
                // piped on whose far end died must fail.)
                match output_error(&e) {
                    Some(std::io::ErrorKind::BrokenPipe) => anyhow::anyhow!(
                        "the export's reader stopped reading before its end (a closed pipe): \
                         what it got is incomplete, no copy to import"
                    ),
                    Some(_) => e.context(
                        "the export could not be written out: what was written of it is \
                         incomplete, no copy to import",
                    ),
                    None => e,
                }
            })
        }
        // Answered above, without a database.
        Some(Command::Config { .. } | Command::Completions { .. }) => Ok(()),
    }
}

/// The values of the commands' positional arguments (`mark`'s state,
/// `completions`' shell), which clap_complete's fish script leaves out (it
/// completes options' values only), offered in the argument's place: a
/// function counts the positional words after the command, past options
/// and their values.
fn fish_positional_values(cli: &clap::Command) -> String {
    let commands = || std::iter::once(cli).chain(cli.get_subcommands());
    let mut valued: Vec<String> = commands()
        .flat_map(clap::Command::get_opts)
        .filter(|a| a.get_action().takes_values())
        .flat_map(|a| {
            (a.get_long().map(|l| format!("--{l}")).into_iter())
                .chain(a.get_short().map(|c| format!("-{c}")))
        })
        .collect();
    valued.sort();
    valued.dedup();
    let mut script = format!(
        "function __ackbox_positional --argument-names command place
    set -l skip 0; set -l found 0; set -l at 0
    for word in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
        else if contains -- $word {}
            set skip 1
        else if string match -q -- '-*' $word
        else if test $found = 0
            test $word = $command; and set found 1; or return 1
        else
            set at (math $at + 1)
        end
    end
    test $found = 1 -a $at -eq $place
end
",
        valued.join(" ")
    );
    for command in cli.get_subcommands() {
        for (place, arg) in command.get_positionals().enumerate() {
            let values: Vec<String> = (arg.get_possible_values().into_iter())
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_owned())
                .collect();
            if !values.is_empty() {
                script.push_str(&format!(
                    "complete -c ackbox -n \"__ackbox_positional {} {place}\" -f -a \"{}\"\n",
                    command.get_name(),
                    values.join(" ")
                ));
            }
        }
    }
    script
}

/// An import's summary line (or JSON line), `file` named as given.
fn write_summary(
    out: &mut dyn Write,
    file: &str,
    summary: &import::Summary,
    json: bool,
) -> Result<()> {
    if json {
        // Named as given, as its error would be (`-`, not `<stdin>`).
        let given = import::Summary {
            file: file.to_owned(),
            ..summary.clone()
        };
        output::json_line(out, &given)?;
    } else {
        let c = &summary.counts;
        let skipped: Vec<String> = summary
            .skipped
            .iter()
            .map(|(k, n)| skipped_phrase(k, *n))
            .collect();
        writeln!(
            out,
            "{}{} ({}): {} new, {} updated, {} unchanged, {} linked{}{}{}{}{}{}{}{}; {}",
            if summary.dry_run {
                "dry run, nothing written: "
            } else {
                ""
            },
            crate::text::file_name(&summary.file),
            summary.format,
            c.new,
            c.updated,
            c.unchanged,
            counted(c.own_replies_linked, "own reply", "own replies"),
            match c.replies_to_dismissed {
                0 => String::new(),
                1 => " (1 to an item you dismissed, which stays so)".to_owned(),
                n => format!(" ({n} to items you dismissed, which stay so)"),
            },
            match c.withdrawn {
                0 => String::new(),
                n => format!(
                    ", {n} removed on the platform and dismissed (counted among the \
                     skipped)"
                ),
            },
            match c.reinstated {
                0 => String::new(),
                n => format!(", {n} back on the platform"),
            },
            match c.threads_updated {
                0 => String::new(),
                n => format!(
                    ", {} retitled or moved",
                    counted(n, "thread stored", "threads stored")
                ),
            },
            match c.own_replies_removed {
                0 => String::new(),
                n => format!(
                    ", {} removed on the platform",
                    counted(n, "own reply", "own replies")
                ),
            },
            match c.dismissed_by_rules {
                0 => String::new(),
                n => format!(", {n} dismissed by your rules"),
            },
            match c.dismissed_muted {
                0 => String::new(),
                n => format!(", {n} dismissed in muted threads"),
            },
            if skipped.is_empty() {
                String::new()
            } else {
                format!("; skipped {}", skipped.join(", "))
            },
            counted(
                summary.needs_reply,
                "item needs a reply",
                "items need a reply"
            )
        )?;
    }
    Ok(())
}

/// What each auto-dismiss rule would have done to the history.
fn rules_test(store: &Store, rules: &[crate::config::Rule], out: &mut dyn Write) -> Result<()> {
    if rules.is_empty() {
        writeln!(
            out,
            "No rules in the config: nothing is dismissed automatically. See [[rules]] in the README."
        )?;
        return Ok(());
    }
    // One pass over the history for every rule: (matched, by state now, examples).
    let mut found: Vec<(u64, [u64; 4], Vec<String>)> = vec![(0, [0; 4], Vec::new()); rules.len()];
    store.for_each_item(&Query::default(), Sort::NEWEST, None, |i| {
        for (rule, f) in rules.iter().zip(&mut found) {
            if rule.matches(&i.platform, &i.body, i.flags) {
                f.0 += 1;
                f.1[i.state as usize] += 1;
                if f.2.len() < 3 {
                    // The item as `mark` and `show` take it, then who wrote
                    // what (as lists show them: a Facebook id by its name).
                    f.2.push(format!(
                        "{}:{} {}: {}",
                        i.platform,
                        i.id,
                        crate::text::short_author(&i.author, i.author_name.as_deref()),
                        crate::text::truncate(&i.body, 60)
                    ));
                }
            }
        }
        Ok(())
    })?;
    for (rule, (matched, by_state, examples)) in rules.iter().zip(found) {
        use crate::model::State;
        // The parts add up to the whole: dismissed and snoozed named too
        // where there are some (dismissed by this rule at import, say).
        let mut now = vec![
            format!("{} waiting now", by_state[State::NeedsReply as usize]),
            format!("{} you answered", by_state[State::Answered as usize]),
        ];
        for (state, said) in [(State::Dismissed, "dismissed"), (State::Snoozed, "snoozed")] {
            if let n @ 1.. = by_state[state as usize] {
                now.push(format!("{n} {said}"));
            }
        }
        writeln!(
            out,
            "{}: would have dismissed {} as {} ({})",
            crate::text::one_line(&rule.label()),
            counted(matched, "item", "items"),
            rule.reason(),
            now.join(", ")
        )?;
        for e in examples {
            writeln!(out, "  {}", crate::text::one_line(&e))?;
        }
    }
    Ok(())
}

/// Says on stderr that the inbox is empty and how to fill it (`import`:
/// the command, with the database given).
fn say_empty(import: &str) {
    crate::note!(
        "ackbox: your inbox is empty. Import comments with `{} FILE`, or try `ackbox --demo`.",
        crate::text::one_line(import)
    );
}

/// The queue, printed (when standard output is not a terminal): only its
/// items, as `list` prints them; an empty inbox says on stderr how to fill
/// it (`import`: the command, with the database given).
fn queue(store: &Store, out: &mut dyn Write, import: &str, now: DateTime<Utc>) -> Result<()> {
    if store.is_empty()? {
        say_empty(import);
        return Ok(());
    }
    let filter = Filter {
        state: Some(crate::model::State::NeedsReply),
        ..Filter::default()
    };
    let mut listed = 0;
    store.for_each_item(&filter.into(), Sort::BEST, None, |i| {
        listed += 1;
        output::item_line(out, i, now)
    })?;
    if listed == 0 {
        // A snooze empties the queue without answering anyone.
        let snoozed = match store.state_counts()?[crate::model::State::Snoozed.code() as usize] {
            0 => String::new(),
            n => format!(" ({})", output::snoozed_come_back(n)),
        };
        crate::note!("ackbox: the queue is clear: no item needs a reply{snoozed}");
    }
    Ok(())
}

/// The process's entry point after argument parsing; returns the exit code.
pub fn main_with(cli: Cli) -> std::process::ExitCode {
    let stdout = std::io::stdout();
    if output::stdout_read_only() {
        report(&anyhow!(output::STDOUT_READ_ONLY));
        return std::process::ExitCode::FAILURE;
    }
    let mut out = BufWriter::new(stdout.lock());
    let result = run(&cli, &mut out, Utc::now()).and_then(|()| {
        out.flush().with_context(|| match changes(&cli) {
            // What it said is lost, not what it did: a script must not do it again.
            true => "done, but what it did could not be written",
            false => "writing output",
        })
    });
    // Ended by a signal (the review): 128 + its number, as a death by it.
    if let Some(&crate::tui::Stopped(signal)) =
        (result.as_ref().err()).and_then(|e| e.downcast_ref())
    {
        return std::process::ExitCode::from(u8::try_from(128 + signal).unwrap_or(1));
    }
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => std::process::ExitCode::SUCCESS,
        Err(e) if crate::store::is_busy(&e) => {
            report(&e);
            std::process::ExitCode::from(BUSY)
        }
        Err(e) => {
            report(&e);
            std::process::ExitCode::FAILURE
        }
    }
}

/// The exit status of a command the database was too busy for: a script
/// may try it again (sysexits' EX_TEMPFAIL).
const BUSY: u8 = 75;

/// Prints an error on stderr.
fn report(e: &anyhow::Error) {
    crate::note!("ackbox: error: {}", message(e));
}

/// What an error says, in words (its text may quote a file's content).
fn message(e: &anyhow::Error) -> String {
    let msg = match e.downcast_ref::<FileError>() {
        Some(fe) => fe.to_string(),
        None => crate::store::explain(e),
    };
    crate::text::sanitize(&msg)
}

/// Whether the reader of the output went away (`ackbox list | head`).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    output_error(e) == Some(std::io::ErrorKind::BrokenPipe)
}

/// The kind of the error met writing the output, where that is what failed
/// (not the database: SQLite's errors are its own).
fn output_error(e: &anyhow::Error) -> Option<std::io::ErrorKind> {
    e.chain().find_map(|c| {
        (c.downcast_ref::<std::io::Error>().map(std::io::Error::kind))
            .or_else(|| c.downcast_ref::<serde_json::Error>()?.io_error_kind())
            .or_else(|| match c.downcast_ref::<csv::Error>()?.kind() {
                csv::ErrorKind::Io(io) => Some(io.kind()),
                _ => None,
            })
    })
}

/// What `mark` asks.
#[derive(Clone, Copy)]
struct Mark {
    change: Change,
    /// A dismissal leaves a dismissed item as it is (no reason was given).
    keeps_dismissed: bool,
}

impl Mark {
    /// Whether `item` is so already, whatever its change would write.
    fn so_already(self, item: &crate::store::query::Item) -> bool {
        self.keeps_dismissed
            && matches!(self.change, Change::Dismissed(_))
            && item.state == crate::model::State::Dismissed
    }
}

/// `mark ITEM STATE`.
fn mark_one(
    store: &mut Store,
    item: &ItemRef,
    mark: Mark,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> Result<()> {
    let change = mark.change;
    let rid = store.rid_of(item)?;
    // Put back in the queue, an item a reply answered waits for another:
    // the user's decision, which imports keep. Dismissed, an answered item
    // leaves the answered ones (and the rates).
    let was = store.item(rid)?;
    let lost = was
        .as_ref()
        .filter(|i| loses(i, change))
        .map(|_| match change {
            Change::NeedsReply => "your reply to it no longer answers it",
            _ => "no longer counted as answered",
        });
    let replied = was.as_ref().is_some_and(|i| answered_by_reply(i, change));
    let n = match was.is_some_and(|i| mark.so_already(&i)) {
        true => 0,
        false => store.apply(&[rid], change, now)?,
    };
    let said = match (n, lost) {
        (0, _) => "already so, nothing changed".to_owned(),
        (_, None) if replied => crate::store::actions::MARKED_OVER_A_REPLY.to_owned(),
        (_, Some(lost)) => format!(
            "{}; {lost} (`ackbox mark {item} answered` counts it again)",
            change.done(now)
        ),
        _ => change.done(now),
    };
    writeln!(out, "{item}: {said}")?;
    Ok(())
}

/// Whether `change` takes from `item` more than its state: the answer its
/// reply gave (put back in the queue), or its place among the answered
/// ones (dismissed).
fn loses(item: &crate::store::query::Item, change: Change) -> bool {
    match change {
        Change::NeedsReply => {
            item.first_reply_at.is_some() && item.state != crate::model::State::NeedsReply
        }
        Change::Dismissed(_) => item.state == crate::model::State::Answered,
        _ => false,
    }
}

/// Whether `change` marks answered an item a reply answers already:
/// nothing shows, but it is the user's decision now, which a reply moved
/// or deleted later leaves as it is (and an undo step).
fn answered_by_reply(item: &crate::store::query::Item, change: Change) -> bool {
    matches!(change, Change::Answered)
        && item.state == crate::model::State::Answered
        && item.first_reply_at.is_some()
}

/// What `mark -` reads of a line of `ackbox list --json`.
#[derive(serde::Deserialize)]
struct Listed {
    platform: String,
    id: String,
}

/// The items listed on standard input, one a line: as PLATFORM:ID, or a
/// line of `ackbox list`, or of `ackbox list --json`. Every one must name
/// an incoming item, and only one; each is counted once.
fn items_on_stdin(store: &Store) -> Result<Vec<i64>> {
    use std::io::BufRead;
    let mut rids = Vec::new();
    let mut seen = std::collections::HashSet::new();
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        crate::note!(
            "ackbox: reading the items from the keyboard: one PLATFORM:ID a line, then Ctrl-D"
        );
    }
    // Each line as it is read: a listing of a million is not held.
    let mut n = 0;
    for (read, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line.with_context(|| format!("standard input, line {}", read + 1))?;
        // A classic Mac's line ends (CR alone) end lines too.
        for line in line.split('\r') {
            if let Some(rid) = item_of_line(store, line, n)?
                && seen.insert(rid)
            {
                rids.push(rid);
            }
            n += 1;
        }
    }
    Ok(rids)
}

/// The item line `n` (from 0) of standard input names, if any (a blank
/// line names none).
fn item_of_line(store: &Store, line: &str, n: usize) -> Result<Option<i64>> {
    let at = format!("standard input, line {}", n + 1);
    // A list saved by an editor that marks UTF-8 so.
    let line = line
        .strip_prefix('\u{feff}')
        .filter(|_| n == 0)
        .unwrap_or(line);
    if line.trim().is_empty() {
        return Ok(None);
    }
    // `ackbox list --csv`: its rows span lines (a body's line breaks).
    if n == 0 && line.starts_with("platform,id,") {
        bail!("{at}: the header of {NOT_CSV}");
    }
    // A line of `ackbox list --json`: the item its platform and id name,
    // as they are (not read as typed: a leading `'` is the id's).
    let listed = (line.trim_start().starts_with('{'))
        .then(|| serde_json::from_str::<Listed>(line))
        .transpose()
        .map_err(|e| anyhow!("{at}: not a line of `ackbox list --json`: {e}"))?;
    let (rid, item) = match listed {
        Some(Listed { platform, id }) => {
            let item = ItemRef { platform, id };
            let rid = store.rid_of(&item).map_err(|e| {
                anyhow!(
                    "{at}: {}",
                    crate::import::format::abridged(&format!("{e:#}"))
                )
            })?;
            (rid, item)
        }
        None => named_by_line(store, line, &at)?,
    };
    if store.is_own(rid)? {
        bail!("{at}: {item} is an own reply: it has no state to change");
    }
    Ok(Some(rid))
}

/// What `mark -` says of `ackbox list --csv` met on standard input.
const NOT_CSV: &str = "`ackbox list --csv`: give `ackbox list` or `ackbox list --json` instead \
                       (a CSV row may span lines), or PLATFORM:ID lines";

/// The item a line of text names: PLATFORM:ID, or a line of `ackbox list`
/// (its first column, which ends where its state column begins: an id may
/// hold two spaces); one item, or refused.
fn named_by_line(store: &Store, line: &str, at: &str) -> Result<(i64, ItemRef)> {
    const STATES: [&str; 4] = ["needs-reply  ", "answered  ", "dismissed (", "snoozed"];
    let named = |text: &str| -> Result<(i64, ItemRef)> {
        let item: ItemRef = text.parse().map_err(anyhow::Error::msg)?;
        Ok((store.rid_of(&item)?, item))
    };
    let columns: Vec<&str> = (line.match_indices("  "))
        .filter(|(i, _)| STATES.iter().any(|s| line[i + 2..].starts_with(s)))
        .map(|(i, _)| &line[..i])
        .collect();
    let whole = named(line);
    let mut found: Vec<(i64, ItemRef)> = (whole.as_ref().ok().cloned().into_iter())
        .chain(columns.iter().filter_map(|c| named(c).ok()))
        .collect();
    found.sort_by_key(|(rid, _)| *rid);
    found.dedup_by_key(|(rid, _)| *rid);
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => {
            // Said of the item the line begins with (`replies` writes
            // an own reply's), not of the whole line.
            let first = line.trim().split_once("  ").map(|(first, _)| first);
            if let Some((rid, item)) = first.and_then(|f| named(f).ok())
                && store.is_own(rid)?
            {
                bail!("{at}: {item} is an own reply: it has no state to change");
            }
            // A row of `ackbox list --csv` its header was cut from.
            if let Some((platform, rest)) = line.split_once(',')
                && let Some((id, _)) = rest.split_once(',')
                && named(&format!("{platform}:{id}")).is_ok()
            {
                bail!("{at}: a row of {NOT_CSV}");
            }
            let e = columns.first().and_then(|c| named(c).err());
            let e = e.or(whole.err()).unwrap_or_else(|| anyhow!("no item"));
            bail!(
                "{at}: {}",
                crate::import::format::abridged(&format!("{e:#}"))
            );
        }
        n => bail!(
            "{at}: the line names {n} items, its columns read either way: give its item \
             alone, as PLATFORM:ID"
        ),
    }
}

/// `mark - STATE`: the items in one action, one undo.
fn mark_many(
    store: &mut Store,
    rids: &[i64],
    mark: Mark,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> Result<()> {
    let change = mark.change;
    if rids.is_empty() {
        // A pipe from `list` that found nothing: nothing to do, no failure.
        writeln!(out, "no item on standard input, nothing changed")?;
        return Ok(());
    }
    // Read before the change, a few thousand at a time: the rows of a
    // million (their bodies) are not held at once.
    let (mut lost, mut replied, mut changing) = (0, 0, Vec::new());
    for chunk in rids.chunks(5_000) {
        let items = store.items(chunk)?;
        let count = |test: fn(&crate::store::query::Item, Change) -> bool| {
            items.iter().filter(|i| test(i, change)).count() as u64
        };
        lost += count(loses);
        replied += count(answered_by_reply);
        changing.extend(
            (items.iter())
                .filter(|i| !mark.so_already(i))
                .map(|i| i.rid),
        );
    }
    let n = match changing.is_empty() {
        true => 0,
        false => store.apply(&changing, change, now)? as u64,
    };
    let all = rids.len() as u64;
    let mut said = match n {
        0 => format!(
            "{}: already so, nothing changed",
            counted(all, "item", "items")
        ),
        _ if n == all => format!("{} {}", counted(n, "item", "items"), change.done(now)),
        _ => format!(
            "{n} of {} {}; the other {} already so",
            counted(all, "item", "items"),
            change.done(now),
            all - n
        ),
    };
    if lost > 0 {
        said += &match change {
            Change::NeedsReply => format!(
                "; your replies no longer answer {lost} of them (`ackbox mark ITEM answered` \
                 counts one again)"
            ),
            _ => format!("; {lost} of them no longer counted as answered"),
        };
    }
    // (Where some were so already, which of them changed is not known.)
    if replied > 0 && n == all {
        said += &format!(
            "; {replied} of them answered already by your reply, and now your decision too: \
             they stay answered if it is moved or deleted"
        );
    }
    writeln!(out, "{said}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// Slow work is said while it runs; quick work says nothing.
    #[test]
    fn slow_work_is_said() {
        use std::sync::{Arc, Mutex};
        #[derive(Clone, Default)]
        struct Shared(Arc<Mutex<Vec<u8>>>);
        impl Write for Shared {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0.lock().expect("lock").write(buf)
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let said = |moment_ms, work_ms| {
            let out = Shared::default();
            let moment = std::time::Duration::from_millis(moment_ms);
            let answer = said_after(
                moment,
                out.clone(),
                || "waking snoozes",
                || {
                    std::thread::sleep(std::time::Duration::from_millis(work_ms));
                    42
                },
            );
            assert_eq!(answer, 42);
            String::from_utf8(out.0.lock().expect("lock").clone()).expect("text")
        };
        assert_eq!(said(10, 200), "ackbox: waking snoozes…\n");
        assert_eq!(said(2_000, 0), "");
    }

    /// A slow opening that is an upgrade says so: no other ackbox is
    /// writing the file, and it may take longer than five seconds.
    #[test]
    fn a_slow_opening_that_upgrades_says_so() {
        let upgrading = crate::store::Upgrading::begin();
        assert!(opening_said().starts_with("upgrading the database"));
        drop(upgrading);
    }

    #[test]
    fn skipped_notifications_are_counted_in_the_plural() {
        assert_eq!(
            skipped_phrase("favourite notification", 2),
            "2 favourite notifications"
        );
        assert_eq!(
            skipped_phrase("follow notification", 1),
            "1 follow notification"
        );
        assert_eq!(skipped_phrase("bot", 3), "3 bots");
        assert_eq!(skipped_phrase("bot", 1), "1 bot");
        assert_eq!(
            skipped_phrase("Announce activity", 2),
            "2 Announce activities"
        );
        assert_eq!(skipped_phrase("robot", 2), "2 robot", "a whole word only");
        assert_eq!(
            skipped_phrase("other webhook event", 2),
            "2 other webhook events"
        );
        assert_eq!(
            skipped_phrase("dated before 1990", 2),
            "2 dated before 1990"
        );
    }

    /// The welcome screen's command names a database and a config that a
    /// bare `ackbox import` would not find, quoted for a shell.
    #[test]
    fn the_import_command_names_what_is_not_the_default() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("my inbox.db");
        let config = dir.path().join("work.toml");
        let cli = Cli::parse_from([
            "ackbox".as_ref(),
            "--db".as_ref(),
            db.as_os_str(),
            "--config".as_ref(),
            config.as_os_str(),
        ]);
        assert_eq!(
            how_to_import(&cli).expect("command").join(" "),
            format!(
                "ackbox --db '{}' --config {} import",
                db.display(),
                config.display()
            )
        );
    }
}
