//! Keeps the acknowledgement analysis in the database current: item flags
//! and copypasta, reply verdicts and canned texts, whether an item was
//! answered personally, and the queue order. The classifiers themselves are
//! pure (`crate::analysis`); this module feeds them and stores what they say.

use crate::analysis::{
    AnalysisConfig, Flag, Flags, Judgement, NAME_PLACEHOLDER, PriorityInput, ReplyInput, Verdict,
    canned_key_on, classify_with_key, is_copypasta, judge, loyal_weeks, score,
};
use crate::import::shared::{strangers, strangers_sql};
use anyhow::Result;
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::{BTreeMap, HashMap, HashSet};
use xxhash_rust::xxh3::xxh3_64;

/// Past this many touched keys or people, one pass over an index beats a
/// lookup each.
const BULK: usize = 20_000;

/// A person: (platform, author).
pub type Person = (String, String);

/// What an import or an action leaves for the analysis to bring up to date.
#[derive(Debug, Default)]
pub struct Pending {
    /// Own replies to judge (again).
    pub replies: HashSet<i64>,
    /// People whose standing (and so their items' queue order) may have changed.
    pub people: HashSet<Person>,
    /// Items whose own part of the score may have changed (new, new flags, new state).
    pub items: HashSet<i64>,
    /// Rank every item (a load into an empty database, whose roll-ups are
    /// counted only at the end).
    pub everyone: bool,
    /// Copypasta keys of new or changed items, to count across threads.
    pub pastes: HashSet<i64>,
    /// The copypasta flags are counted already (for the rules, before the
    /// rest of the analysis: see [`flag_copypasta`]).
    pub pasted: bool,
    /// Items that lost a reply (one undone), for "personally answered".
    pub answered: HashSet<i64>,
}

impl Pending {
    pub fn is_empty(&self) -> bool {
        let Pending {
            replies,
            people,
            items,
            everyone,
            pastes,
            answered,
            pasted: _,
        } = self;
        replies.is_empty()
            && people.is_empty()
            && items.is_empty()
            && !everyone
            && pastes.is_empty()
            && answered.is_empty()
    }

    /// A new or changed incoming item. Nothing is noted when everyone will
    /// be ranked and every text counted anyway (a million-item load would
    /// keep a million entries for nothing).
    pub fn incoming(&mut self, rid: i64, r: &crate::model::Record, key: Option<i64>) {
        if self.everyone {
            return;
        }
        self.people.insert((r.platform.clone(), r.author.clone()));
        self.items.insert(rid);
        self.pastes.extend(key);
    }
}

/// A verdict as stored: 0 generic, 1 personal, 2 canned (see the schema).
fn verdict_code(v: Verdict) -> i64 {
    match v {
        Verdict::Generic => 0,
        Verdict::Personal => 1,
        Verdict::Canned => 2,
    }
}

pub fn verdict_from_code(code: i64) -> Option<Verdict> {
    [Verdict::Generic, Verdict::Personal, Verdict::Canned]
        .into_iter()
        .find(|v| verdict_code(*v) == code)
}

/// A text's key as stored: 64 hash bits in SQLite's signed integer.
pub fn text_key(normalised: &str) -> i64 {
    xxh3_64(normalised.as_bytes()) as i64
}

/// What an incoming item's body says about it: flags, their reasons (JSON),
/// and its copypasta key (none without text).
pub type ItemAnalysis = (u16, Option<String>, Option<i64>);

/// Markdown's code (GitHub's, Reddit's) and the lines a comment quotes
/// (`> `) are not said: their links, questions and bait flag nothing (a
/// log pasted in a fence, a spam comment quoted to report it, the post's
/// question quoted); the copypasta key is the whole text's (two reports
/// differ by their logs).
pub fn item_analysis(platform: &str, body: &str, cfg: &AnalysisConfig) -> ItemAnalysis {
    use std::borrow::Cow;
    let said = crate::analysis::scan::said(platform, body);
    let own = crate::analysis::verdict::unquoted(&said);
    let (found, key) = classify_with_key(&own, &cfg.lexicon);
    let key = match (&said, &own) {
        (Cow::Borrowed(_), Cow::Borrowed(_)) => key,
        _ => crate::analysis::copypasta_key(body),
    };
    let flags: Flags = found.iter().map(|(f, _)| *f).collect();
    let reasons: BTreeMap<&str, &str> = found
        .iter()
        .map(|(f, r)| (f.as_str(), r.as_str()))
        .collect();
    let reasons = (!reasons.is_empty()).then(|| serde_json::json!(reasons).to_string());
    (flags.bits(), reasons, key.as_deref().map(text_key))
}

/// The queue order key: ascending means higher score first, then older first.
/// (Score and time in one integer, so the queue pages by keyset.)
pub fn queue_key(score: i64, created_at: i64) -> i64 {
    let score = score.clamp(-(1 << 19), 1 << 19);
    (((1 << 20) - score) << 34) | created_at.clamp(0, (1 << 34) - 1)
}

/// What is known about a person, for the queue order and the people view.
/// An author that names nobody (withheld, a nameless guest) has none but
/// the VIP tag the user gave: their items are strangers'.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    pub items: u32,
    pub weeks: u32,
    pub open: u32,
    /// Items dismissed as bait or spam.
    pub noise: u32,
    pub vip: bool,
}

impl Standing {
    pub fn loyal(&self, cfg: &AnalysisConfig) -> bool {
        loyal_weeks(self.weeks, self.noise, &cfg.weights)
    }
    pub fn left_waiting(&self, cfg: &AnalysisConfig) -> bool {
        crate::analysis::is_left_waiting(self.loyal(cfg), self.open.into())
    }
}

/// The static part of an item's score (no age: the queue is oldest first
/// within a score) and the reasons for it.
fn static_score(flags: u16, who: &Standing, cfg: &AnalysisConfig) -> (i64, Vec<String>) {
    score(&priority_input(flags, who, 0, 0, cfg), &cfg.weights)
}

fn priority_input(
    flags: u16,
    who: &Standing,
    age_secs: i64,
    target_secs: i64,
    cfg: &AnalysisConfig,
) -> PriorityInput {
    PriorityInput {
        flags: Flags::from_bits(flags),
        vip: who.vip,
        loyal: who.loyal(cfg),
        left_waiting: who.left_waiting(cfg),
        person_items: who.items,
        age_secs,
        target_secs,
    }
}

/// Works out again, under `cfg`, every incoming item's flags and copypasta
/// key, every own reply's verdict and the queue order (the analysis config
/// changed). Returns how many items it judged.
pub(crate) fn reanalyse_all(tx: &Transaction, cfg: &AnalysisConfig) -> Result<u64> {
    let mut judged = 0;
    let mut after = 0i64;
    loop {
        // In batches by row id: the rows are rewritten while read.
        let batch: Vec<(i64, String, String)> = tx
            .prepare_cached(
                "SELECT rid, platform, body FROM items WHERE own = 0 AND rid > ?1
                 ORDER BY rid LIMIT 4096",
            )?
            .query_map([after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&(last, ..)) = batch.last() else {
            break;
        };
        for (rid, platform, body) in &batch {
            let (flags, reasons, key) = item_analysis(platform, body, cfg);
            tx.prepare_cached(
                "UPDATE items SET flags = ?2, reasons = ?3, text_key = ?4 WHERE rid = ?1",
            )?
            .execute(params![rid, flags, reasons, key])?;
        }
        judged += batch.len() as u64;
        after = last;
    }
    let replies: HashSet<i64> = tx
        .prepare("SELECT rid FROM items WHERE own = 1")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    judged += replies.len() as u64;
    let everything = Pending {
        replies,
        everyone: true,
        ..Pending::default()
    };
    refresh(tx, cfg, everything)?;
    Ok(judged)
}

/// Brings everything `pending` names up to date, inside the transaction.
pub(crate) fn refresh(tx: &Transaction, cfg: &AnalysisConfig, mut pending: Pending) -> Result<()> {
    flag_copypasta(tx, cfg, &mut pending)?;
    let mut parents = verdicts(tx, cfg, &pending.replies)?;
    const PERSONAL: &str = "UPDATE items SET personal = (SELECT MAX(r.verdict = 1) FROM items r INDEXED BY items_parent
             WHERE r.platform = items.platform AND r.parent_id = items.id AND r.own = 1)";
    let each = |rids: HashSet<i64>| -> Result<()> {
        // In row order: neighbouring rows share pages.
        let mut rids: Vec<i64> = rids.into_iter().collect();
        rids.sort_unstable();
        for rid in rids {
            tx.prepare_cached(&format!("{PERSONAL} WHERE rid = ?1 AND own = 0"))?
                .execute([rid])?;
        }
        Ok(())
    };
    if parents.len() + pending.answered.len() > BULK {
        tx.execute(
            &format!("{PERSONAL} WHERE own = 0 AND first_reply_at IS NOT NULL"),
            [],
        )?;
        // Those that lost their last reply have none left to find them by.
        each(pending.answered)?;
    } else {
        parents.extend(pending.answered);
        each(parents)?;
    }
    if pending.everyone || pending.people.len() > BULK {
        rank_all(tx, cfg)?;
    } else {
        rank_some(tx, cfg, &pending.people, &pending.items)?;
    }
    Ok(())
}

/// Counts the copypasta flags of what is pending, once: an import's rules
/// meet them before the rest of the analysis (a copy is copypasta only
/// once the import has brought the others).
pub(crate) fn flag_copypasta(
    tx: &Transaction,
    cfg: &AnalysisConfig,
    pending: &mut Pending,
) -> Result<()> {
    if !pending.pasted {
        copypasta(tx, cfg, pending)?;
        pending.pasted = true;
    }
    Ok(())
}

/// Sets or clears the copypasta flag of an author's copies of one text.
fn copypasta(tx: &Transaction, cfg: &AnalysisConfig, pending: &mut Pending) -> Result<()> {
    // A big import touches most keys: asking the index which texts occur more
    // than once is cheaper than one lookup per key.
    let keys: Vec<i64> = if pending.everyone || pending.pastes.len() > BULK {
        tx.prepare(
            "SELECT text_key FROM items INDEXED BY items_paste_key WHERE own = 0 AND text_key IS NOT NULL
             GROUP BY text_key HAVING COUNT(*) > 1",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?
    } else {
        pending.pastes.iter().copied().collect()
    };
    let bit = Flags::from_iter([Flag::Copypasta]).bits();
    for key in keys {
        type Copy = (i64, String, String, Option<String>, u16, Option<String>);
        let copies: Vec<Copy> = tx
            .prepare_cached(
                "SELECT rid, platform, author, thread_id, flags, reasons FROM items INDEXED BY items_paste_key
                 WHERE text_key = ?1 AND own = 0",
            )?
            .query_map([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut by_author: BTreeMap<(&str, &str), Vec<&Copy>> = BTreeMap::new();
        for c in &copies {
            by_author
                .entry((c.1.as_str(), c.2.as_str()))
                .or_default()
                .push(c);
        }
        for ((platform, author), copies) in by_author {
            let threads: HashSet<&Option<String>> = copies.iter().map(|c| &c.3).collect();
            // Strangers' same words are no one's paste.
            let verdict = match strangers(platform, author) {
                true => None,
                false => is_copypasta(threads.len(), &cfg.weights),
            };
            for (rid, _, _, _, flags, reasons) in copies {
                let before: BTreeMap<String, String> = reasons
                    .as_deref()
                    .and_then(|r| serde_json::from_str(r).ok())
                    .unwrap_or_default();
                let mut map = before.clone();
                let new_flags = match &verdict {
                    Some(reason) => {
                        map.insert(Flag::Copypasta.as_str().to_owned(), reason.clone());
                        flags | bit
                    }
                    None => {
                        map.remove(Flag::Copypasta.as_str());
                        flags & !bit
                    }
                };
                // A copy flagged already may have a new count of threads to say.
                if new_flags != *flags || map != before {
                    let reasons = (!map.is_empty()).then(|| serde_json::json!(map).to_string());
                    tx.prepare_cached("UPDATE items SET flags = ?2, reasons = ?3 WHERE rid = ?1")?
                        .execute(params![rid, new_flags, reasons])?;
                }
                if new_flags != *flags {
                    pending
                        .people
                        .insert((platform.to_owned(), author.to_owned()));
                    pending.items.insert(*rid);
                }
            }
        }
    }
    Ok(())
}

/// (rid, author, author_name, body) of the item an own reply answers.
type Parent = (i64, String, Option<String>, String);

/// An own reply loaded for judging.
struct Reply {
    rid: i64,
    platform: String,
    body: String,
    parent: Option<Parent>,
    /// Written in ackbox, not found on the platform yet.
    written_here: bool,
    /// Its thread's title.
    title: Option<String>,
}

impl Reply {
    /// Its thread's title, as [`post_title`] reads it.
    fn title(&self) -> Option<&str> {
        let (author, name) = self
            .parent
            .as_ref()
            .map_or(("", None), |p| (&p.1, p.2.as_deref()));
        post_title(self.title.as_deref(), author, name)
    }

    fn key(&self) -> Option<i64> {
        reply_key(
            &self.platform,
            &title_put(&self.body, self.title(), TITLE_MARK),
            self.parent.as_ref().map_or("", |p| p.1.as_str()),
            self.parent.as_ref().and_then(|p| p.2.as_deref()),
        )
    }
}

/// A thread's title as [`title_put`] reads it: none where a short one is
/// the addressee's name, a word of it or their handle ("Anna" over Anna
/// Berg's comment: "Thanks Anna!" calls her).
fn post_title<'a>(title: Option<&'a str>, author: &str, name: Option<&str>) -> Option<&'a str> {
    use crate::text::fold;
    title.filter(|t| {
        let t = fold(t.trim());
        let words = std::iter::once(author).chain(name.into_iter().flat_map(str::split_whitespace));
        let named = |w: &str| fold(crate::analysis::strip_handle_prefix(w)) == t;
        t.chars().count() >= 10
            || !(name.is_some_and(|n| fold(n.trim()) == t) || words.into_iter().any(named))
    })
}

/// What a thread's title quoted whole in a reply stands as in its canned key.
const TITLE_MARK: &str = "{thread_title}";

/// `body` with its thread's `title`, where the reply quotes it whole (a
/// saved reply's `{thread_title}`), put as `with`: the title names the post,
/// it is not what the person wrote, and one text sent under many posts is
/// one text. A short title ("Konga", "V60 Guide") only where it stands
/// whole, not inside a word ("Tea" in "Team"); one of a letter or two, not
/// at all.
fn title_put<'a>(body: &'a str, title: Option<&str>, with: &str) -> std::borrow::Cow<'a, str> {
    let Some(t) = title.map(str::trim).filter(|t| t.chars().count() >= 3) else {
        return body.into();
    };
    let long = t.chars().count() >= 10;
    let apart = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let mut out = String::new();
    let mut rest = 0;
    for (at, _) in body.match_indices(t) {
        let whole =
            apart(body[..at].chars().next_back()) && apart(body[at + t.len()..].chars().next());
        if at >= rest && (long || whole) {
            out.push_str(&body[rest..at]);
            out.push_str(with);
            rest = at + t.len();
        }
    }
    if rest == 0 {
        return body.into();
    }
    out.push_str(&body[rest..]);
    out.into()
}

/// The stored key of an own reply's text, its addressee's names and the
/// punctuation taken out; none for a reply with no words but the name
/// (👍, 🙏, "@gus 👍"), never the same text as another.
fn reply_key(platform: &str, body: &str, handle: &str, name: Option<&str>) -> Option<i64> {
    let key = canned_key_on(platform, body, handle, name);
    let said = key
        .split(' ')
        .any(|w| !w.is_empty() && w != NAME_PLACEHOLDER);
    said.then(|| text_key(&key))
}

fn load_reply(tx: &Transaction, rid: i64) -> Result<Option<Reply>> {
    let row = tx
        .prepare_cached(
            "SELECT r.platform, r.body, p.rid, p.author, p.author_name, p.body,
                    r.origin = 1 AND r.id LIKE 'ackbox:%', t.title
             FROM items r LEFT JOIN items p ON p.platform = r.platform AND p.id = r.parent_id AND p.own = 0
                 LEFT JOIN threads t ON t.platform = r.platform AND t.thread_id = r.thread_id
             WHERE r.rid = ?1 AND r.own = 1",
        )?
        .query_row([rid], |r| {
            let parent: Option<Parent> = match r.get::<_, Option<i64>>(2)? {
                Some(prid) => Some((prid, r.get(3)?, r.get(4)?, r.get(5)?)),
                None => None,
            };
            Ok(Reply {
                rid,
                platform: r.get(0)?,
                body: r.get(1)?,
                parent,
                written_here: r.get(6)?,
                title: r.get(7)?,
            })
        })
        .optional()?;
    Ok(row)
}

/// For each of `keys`: how many distinct people got replies with it, and
/// whether some of those replies are marked canned.
fn recipients(
    tx: &Transaction,
    keys: &HashSet<i64>,
    threshold: usize,
) -> Result<HashMap<i64, (usize, bool)>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT COUNT(DISTINCT {}), MAX(r.verdict = 2)
         FROM items r INDEXED BY items_reply_key
         JOIN items p ON p.platform = r.platform AND p.id = r.parent_id AND p.own = 0
         WHERE r.own = 1 AND r.text_key = ?1",
        recipient_sql()
    ))?;
    let mut count = |key: i64| {
        stmt.query_row([key], |r| {
            Ok((r.get(0)?, r.get::<_, Option<bool>>(1)?.unwrap_or(false)))
        })
    };
    let mut out = HashMap::new();
    if keys.len() > BULK {
        // Only texts sent often enough to be canned (told by the index
        // alone); the rest are judged as they are.
        let often: Vec<i64> = tx
            .prepare(
                "SELECT text_key FROM items INDEXED BY items_reply_key
                 WHERE own = 1 AND text_key IS NOT NULL GROUP BY text_key HAVING COUNT(*) >= ?1",
            )?
            .query_map([threshold as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for key in often.into_iter().filter(|k| keys.contains(k)) {
            out.insert(key, count(key)?);
        }
    } else {
        for &key in keys {
            out.insert(key, count(key)?);
        }
    }
    Ok(out)
}

/// Who a reply went to, in SQL over its parent `p`: their platform and
/// handle; an author that names nobody is each item's own stranger.
fn recipient_sql() -> String {
    format!(
        "p.platform || char(31) || CASE WHEN {} THEN char(30) || p.rid ELSE p.author END",
        strangers_sql("p.platform", "p.author")
    )
}

/// Judges own replies; returns the parents whose "personally answered" may
/// have changed.
fn verdicts(
    tx: &Transaction,
    cfg: &AnalysisConfig,
    replies: &HashSet<i64>,
) -> Result<HashSet<i64>> {
    let mut parents = HashSet::new();
    // Each reply is judged by itself first: a text turns canned only once
    // the keys of all of them are stored and counted.
    let keyed = judge_all(tx, cfg, replies.iter().copied().collect(), &mut parents)?;
    let keys: HashSet<i64> = keyed.iter().map(|k| k.1).collect();
    let threshold = cfg.weights.canned_threshold.max(2) as usize;
    let counts = recipients(tx, &keys, threshold)?;
    // Every reply with a canned text turns canned together, earlier ones included.
    for (key, (n, _)) in counts.iter().filter(|(_, (n, _))| *n >= threshold) {
        let reasons =
            serde_json::json!([format!("canned: same text sent to {n} people")]).to_string();
        tx.prepare_cached(
            "UPDATE items SET verdict = ?2, reasons = ?3
             WHERE text_key = ?1 AND own = 1 AND verdict IS NOT NULL",
        )?
        .execute(params![key, verdict_code(Verdict::Canned), reasons])?;
        let affected: Vec<i64> = tx
            .prepare_cached(
                "SELECT p.rid FROM items r INDEXED BY items_reply_key
                 JOIN items p ON p.platform = r.platform AND p.id = r.parent_id AND p.own = 0
                 WHERE r.text_key = ?1 AND r.own = 1",
            )?
            .query_map([key], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        parents.extend(affected);
    }
    // A text that fell below the threshold (a reply undone) is judged afresh everywhere.
    let mut stale = Vec::new();
    for (&key, _) in counts
        .iter()
        .filter(|(_, (n, was_canned))| *n < threshold && *was_canned)
    {
        let rids: Vec<i64> = tx
            .prepare_cached(
                "SELECT rid FROM items INDEXED BY items_reply_key
                 WHERE text_key = ?1 AND own = 1 AND verdict = ?2",
            )?
            .query_map(params![key, verdict_code(Verdict::Canned)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        stale.extend(rids.into_iter().filter(|rid| !replies.contains(rid)));
    }
    judge_all(tx, cfg, stale, &mut parents)?;
    Ok(parents)
}

/// The other own replies with the text of reply `rid`, as last judged:
/// without it (undone, or edited to say something else) that text may
/// stop being canned, so they are judged again.
pub(crate) fn same_text(tx: &Transaction, rid: i64) -> rusqlite::Result<Vec<i64>> {
    tx.prepare_cached(
        "SELECT o.rid FROM items r JOIN items o INDEXED BY items_reply_key ON o.text_key = r.text_key
         WHERE r.rid = ?1 AND o.own = 1 AND o.rid <> r.rid",
    )?
    .query_map([rid], |r| r.get(0))?
    .collect()
}

/// Judges replies as not canned and stores each one's verdict and canned
/// key, a batch at a time, on every core (judging is pure and the costly
/// part of a big import); notes their parents and returns (rid, key) of
/// each that has a key. Memory stays flat for a million replies.
fn judge_all(
    tx: &Transaction,
    cfg: &AnalysisConfig,
    mut rids: Vec<i64>,
    parents: &mut HashSet<i64>,
) -> Result<Vec<(i64, i64)>> {
    // In row order: neighbouring rows share pages, a random order thrashes the cache.
    rids.sort_unstable();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let mut keyed = Vec::with_capacity(rids.len());
    for batch in rids.chunks(4096) {
        let loaded: Vec<Reply> = batch
            .iter()
            .filter_map(|&rid| load_reply(tx, rid).transpose())
            .collect::<Result<_>>()?;
        let chunk = loaded.len().div_ceil(threads).max(1);
        let judged: Vec<Vec<(Option<i64>, Judgement)>> = std::thread::scope(|scope| {
            let workers: Vec<_> = loaded
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|r| (r.key(), judge_reply(r, cfg)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join())
                .collect::<Result<_, _>>()
        })
        .map_err(|_| anyhow::anyhow!("judging replies failed"))?;
        let mut update = tx.prepare_cached(
            "UPDATE items SET text_key = ?2, verdict = ?3, reasons = ?4 WHERE rid = ?1",
        )?;
        for (r, (key, judgement)) in loaded.iter().zip(judged.into_iter().flatten()) {
            // Only a reply to someone's comment is personal or not: a post of
            // one's own, or a reply to an item not stored (yet), has no verdict.
            let verdict = r.parent.as_ref().map(|_| {
                (
                    verdict_code(judgement.verdict),
                    serde_json::json!(judgement.reasons).to_string(),
                )
            });
            update.execute(params![
                r.rid,
                key,
                verdict.as_ref().map(|v| v.0),
                verdict.as_ref().map(|v| &v.1)
            ])?;
            parents.extend(r.parent.as_ref().map(|p| p.0));
            keyed.extend(key.map(|key| (r.rid, key)));
        }
    }
    Ok(keyed)
}

/// A reply whose text is not canned: personal or generic.
fn judge_reply(r: &Reply, cfg: &AnalysisConfig) -> Judgement {
    judge(
        &ReplyInput {
            reply_body: &title_put(&r.body, r.title(), " "),
            platform: &r.platform,
            addressee_handle: r.parent.as_ref().map_or("", |p| p.1.as_str()),
            addressee_name: r.parent.as_ref().and_then(|p| p.2.as_deref()),
            parent_body: r.parent.as_ref().map(|p| p.3.as_str()),
            same_text_recipients: 1,
            written_here: r.written_here,
        },
        cfg,
    )
}

/// Standings of everyone: their items from the per-author roll-up, their
/// active weeks from one pass over the author index (which holds all it needs).
fn all_standings(tx: &Transaction) -> Result<HashMap<String, HashMap<String, Standing>>> {
    // By platform, then author: a row's people are found without a key of their own.
    let mut out: HashMap<String, HashMap<String, Standing>> = HashMap::new();
    let mut stmt = tx.prepare(&format!(
        "SELECT w.platform, w.author, a.items, w.weeks, a.needs_reply, COALESCE(p.vip, 0),
                COALESCE(z.n, 0)
         FROM (SELECT platform, author, COUNT(DISTINCT {}) AS weeks
               FROM items INDEXED BY items_author WHERE own = 0 GROUP BY platform, author) AS w
         JOIN authors a ON a.platform = w.platform AND a.author = w.author
         LEFT JOIN people p ON p.platform = w.platform AND p.author = w.author
         LEFT JOIN author_noise z ON z.platform = w.platform AND z.author = w.author",
        super::week::of_sql("created_at")
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let author: String = r.get(1)?;
        let platform: String = r.get(0)?;
        let standing = match strangers(&platform, &author) {
            true => Standing {
                vip: r.get(5)?,
                ..Standing::default()
            },
            false => Standing {
                items: r.get(2)?,
                weeks: r.get(3)?,
                open: r.get(4)?,
                vip: r.get(5)?,
                noise: r.get(6)?,
            },
        };
        out.entry(platform).or_default().insert(author, standing);
    }
    Ok(out)
}

/// Re-ranks every item in the queue (after a big import).
fn rank_all(tx: &Transaction, cfg: &AnalysisConfig) -> Result<()> {
    let standings = all_standings(tx)?;
    let mut select = tx.prepare(
        // The table in row order, so the updates below touch pages in order too.
        "SELECT rid, platform, author, flags, created_at FROM items NOT INDEXED WHERE own = 0 AND state = 0",
    )?;
    let mut update = tx.prepare_cached("UPDATE items SET queue_key = ?2 WHERE rid = ?1")?;
    let mut rows = select.query([])?;
    let none = Standing::default();
    while let Some(r) = rows.next()? {
        let (platform, author) = (r.get_ref(1)?.as_str()?, r.get_ref(2)?.as_str()?);
        let who = standings
            .get(platform)
            .and_then(|theirs| theirs.get(author))
            .unwrap_or(&none);
        let (points, _) = static_score(r.get(3)?, who, cfg);
        update.execute(params![r.get::<_, i64>(0)?, queue_key(points, r.get(4)?)])?;
    }
    Ok(())
}

/// A person's standing, from the per-author roll-up: active weeks are
/// counted only up to what makes someone loyal (one step down their history
/// per week, not a walk through all of it).
fn standing(
    tx: &rusqlite::Connection,
    cfg: &AnalysisConfig,
    (platform, author): &Person,
) -> Result<Standing> {
    let vip = tx
        .prepare_cached("SELECT vip FROM people WHERE platform = ?1 AND author = ?2")?
        .query_row(params![platform, author], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    if strangers(platform, author) {
        return Ok(Standing {
            vip,
            ..Standing::default()
        });
    }
    let (items, open, noise): (u32, u32, u32) = tx
        .prepare_cached(
            "SELECT items, needs_reply,
                    COALESCE((SELECT n FROM author_noise WHERE platform = ?1 AND author = ?2), 0)
             FROM authors WHERE platform = ?1 AND author = ?2",
        )?
        .query_row(params![platform, author], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .unwrap_or_default();
    let weeks = super::people::active_weeks(
        tx,
        (platform, author),
        (i64::MIN, i64::MAX),
        crate::analysis::weeks_to_count(noise, &cfg.weights),
    )?;
    Ok(Standing {
        items,
        weeks,
        open,
        noise,
        vip,
    })
}

/// Re-ranks what changed: every waiting item of a person whose part of the
/// score moved (loyal, left waiting, VIP), and otherwise only the items
/// named, so that a new comment from a prolific person does not re-rank
/// all of their thousands.
fn rank_some(
    tx: &Transaction,
    cfg: &AnalysisConfig,
    people: &HashSet<Person>,
    items: &HashSet<i64>,
) -> Result<()> {
    let mut update = tx.prepare_cached("UPDATE items SET queue_key = ?2 WHERE rid = ?1")?;
    let mut standings: HashMap<Person, Standing> = HashMap::new();
    for person in people {
        let who = standing(tx, cfg, person)?;
        let key = |flags: u16, created: i64| queue_key(static_score(flags, &who, cfg).0, created);
        // One item ranked before tells whether this person's part moved:
        // one with no low-value flag where there is one (a flagged item's
        // rank leaves out loyal and left-waiting points, which may be what
        // moved).
        let low = Flags::from_iter(Flag::ALL.into_iter().filter(|f| f.is_low_value())).bits();
        // (Not one of `items`: ranked below anyway, one brought back by
        // this change may hold a rank that matches already.)
        let probe = |flagged: u16| -> rusqlite::Result<Option<(u16, i64, i64)>> {
            let mut stmt = tx.prepare_cached(
                "SELECT rid, flags, created_at, queue_key FROM items INDEXED BY items_author
                 WHERE platform = ?1 AND author = ?2 AND own = 0 AND state = 0 AND queue_key <> 0
                     AND flags & ?3 = 0",
            )?;
            let mut rows = stmt.query(params![person.0, person.1, flagged])?;
            while let Some(r) = rows.next()? {
                if !items.contains(&r.get::<_, i64>(0)?) {
                    return Ok(Some((r.get(1)?, r.get(2)?, r.get(3)?)));
                }
            }
            Ok(None)
        };
        let before = match probe(low)? {
            Some(unflagged) => Some(unflagged),
            None => probe(0)?,
        };
        if before.is_some_and(|(flags, created, k)| key(flags, created) != k) {
            let open: Vec<(i64, u16, i64)> = tx
                .prepare_cached(
                    "SELECT rid, flags, created_at FROM items INDEXED BY items_author
                     WHERE platform = ?1 AND author = ?2 AND own = 0 AND state = 0",
                )?
                .query_map(params![person.0, person.1], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (rid, flags, created) in open {
                update.execute(params![rid, key(flags, created)])?;
            }
        }
        standings.insert(person.clone(), who);
    }
    let mut items: Vec<i64> = items.iter().copied().collect();
    items.sort_unstable();
    for rid in items {
        let row: Option<(Person, u16, i64)> = tx
            .prepare_cached(
                "SELECT platform, author, flags, created_at FROM items
                 WHERE rid = ?1 AND own = 0 AND state = 0",
            )?
            .query_row([rid], |r| {
                Ok(((r.get(0)?, r.get(1)?), r.get(2)?, r.get(3)?))
            })
            .optional()?;
        let Some((person, flags, created)) = row else {
            continue;
        };
        let who = match standings.get(&person) {
            Some(who) => who,
            None => {
                let who = standing(tx, cfg, &person)?;
                standings.entry(person).or_insert(who)
            }
        };
        update.execute(params![
            rid,
            queue_key(static_score(flags, who, cfg).0, created)
        ])?;
    }
    Ok(())
}

/// Commits an action's transaction after bringing the analysis of the items
/// it touched (and of `replies`, own replies it wrote, and of `unreplied`,
/// items that lost one) up to date. A change of state alone leaves whether
/// an item was answered personally as it was.
pub(crate) fn commit(
    tx: Transaction,
    cfg: &AnalysisConfig,
    rids: &[i64],
    replies: &[i64],
    unreplied: &[i64],
) -> Result<()> {
    let mut pending = Pending {
        replies: replies.iter().copied().collect(),
        answered: unreplied.iter().copied().collect(),
        items: rids.iter().copied().collect(),
        ..Pending::default()
    };
    for &rid in rids {
        let who: Option<Person> = tx
            .prepare_cached("SELECT platform, author FROM items WHERE rid = ?1 AND own = 0")?
            .query_row([rid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        pending.people.extend(who);
    }
    refresh(&tx, cfg, pending)?;
    tx.commit()?;
    Ok(())
}

impl super::Store {
    /// An item's queue score as of `now` (the stored order leaves out the
    /// age term) and the reasons for it, e.g. "question · loyal, 12 comments · waiting 2 d".
    pub fn priority(
        &self,
        item: &super::query::Item,
        now: chrono::DateTime<chrono::Utc>,
        target_secs: i64,
    ) -> Result<(i64, Vec<String>)> {
        let who = self.standing(&item.platform, &item.author)?;
        Ok(self.priority_of(item, &who, now, target_secs))
    }

    /// [`Store::priority`] with the author's standing already known (a list
    /// of many items asks once per person, not once per item).
    pub fn priority_of(
        &self,
        item: &super::query::Item,
        who: &Standing,
        now: chrono::DateTime<chrono::Utc>,
        target_secs: i64,
    ) -> (i64, Vec<String>) {
        use crate::model::State;
        // An item that no longer waits is scored as it stood when it
        // stopped: answered, when its first reply came or it was marked,
        // whichever was first (as the statistics count it); dismissed, at once.
        let until = match item.state {
            State::NeedsReply | State::Snoozed => now,
            State::Answered => (item.first_reply_at.into_iter())
                .chain(item.state_at)
                .min()
                .unwrap_or(now),
            State::Dismissed => item.created_at,
        };
        let age = (until - item.created_at).num_seconds().max(0);
        score(
            &priority_input(item.flags, who, age, target_secs, &self.analysis),
            &self.analysis.weights,
        )
    }

    /// What a person is to us: items, weeks active (up to loyalty), open
    /// items, VIP.
    pub fn standing(&self, platform: &str, author: &str) -> Result<Standing> {
        standing(
            &self.conn,
            &self.analysis,
            &(platform.to_owned(), author.to_owned()),
        )
    }

    /// The verdict a draft reply to an item would get, before it is saved.
    pub fn judge_draft(&self, rid: i64, body: &str) -> Result<crate::analysis::Judgement> {
        type Row = (String, String, Option<String>, String, Option<String>);
        let (platform, author, name, parent_body, title): Row = self.conn.query_row(
            "SELECT i.platform, i.author, i.author_name, i.body, t.title FROM items i
             LEFT JOIN threads t ON t.platform = i.platform AND t.thread_id = i.thread_id
             WHERE i.rid = ?1",
            [rid],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let title = post_title(title.as_deref(), &author, name.as_deref());
        let keyed = title_put(body, title, TITLE_MARK);
        let key = reply_key(&platform, &keyed, &author, name.as_deref());
        // Others than the addressee (than this item, for a stranger).
        let others: usize = self.conn.query_row(
            &format!(
                "SELECT COUNT(DISTINCT {})
                 FROM items r INDEXED BY items_reply_key
                 JOIN items p ON p.platform = r.platform AND p.id = r.parent_id AND p.own = 0
                 WHERE r.text_key = ?1 AND r.own = 1
                   AND NOT (p.platform = ?2 AND p.author = ?3 AND (p.rid = ?4 OR NOT {}))",
                recipient_sql(),
                strangers_sql("p.platform", "p.author")
            ),
            params![key, platform, author, rid],
            |r| r.get(0),
        )?;
        let mut judged = judge(
            &ReplyInput {
                reply_body: &title_put(body, title, " "),
                platform: &platform,
                addressee_handle: &author,
                addressee_name: name.as_deref(),
                parent_body: Some(&parent_body),
                same_text_recipients: others + 1,
                written_here: true,
            },
            &self.analysis,
        );
        // Not sent yet: say how many have it already.
        if judged.verdict == crate::analysis::Verdict::Canned {
            let people = crate::text::counted(others as u64, "person", "people");
            judged.reasons = vec![format!("canned: the same text already went to {people}")];
        }
        Ok(judged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Flag, Flags};

    /// A link in Markdown's code (a log, a config pasted in a fence) makes
    /// no link-only comment on GitHub or Reddit; elsewhere backticks are
    /// characters. Two reports that differ only in their logs are two texts.
    #[test]
    fn markdown_code_flags_nothing() {
        let cfg = AnalysisConfig::builtin();
        let body = "```\nhttps://example.com/log.txt\n```";
        let link_only = |platform| {
            Flags::from_bits(item_analysis(platform, body, cfg).0).contains(Flag::LinkOnly)
        };
        assert!(!link_only("github"));
        assert!(!link_only("reddit"));
        assert!(link_only("youtube"));
        let other = "```\nhttps://example.com/other.txt\n```";
        assert_ne!(
            item_analysis("github", body, cfg).2,
            item_analysis("github", other, cfg).2
        );
    }

    /// What a comment quotes is not what it says: a spam comment quoted to
    /// report it is no bait, the post's question quoted asks nothing.
    #[test]
    fn quoted_lines_flag_nothing() {
        let cfg = AnalysisConfig::builtin();
        let flags = |body: &str| Flags::from_bits(item_analysis("reddit", body, cfg).0);
        let reported = "> check out my channel for more\n\nThis is spam, please remove it.";
        assert!(flags(reported).is_empty(), "{:?}", flags(reported));
        let answered =
            "> Which grinder should you buy?\n\nGreat article, I went with the Comandante.";
        assert!(flags(answered).is_empty(), "{:?}", flags(answered));
        assert!(flags("> a quote\n\nWhich grinder?").contains(Flag::Question));
    }
}
