//! The word lists and weights the classifiers run on. The defaults live in
//! `assets/analysis.toml` (embedded at build time, commented key by key), so a
//! user's file has exactly the same shape and the docs cannot drift from it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::scan::{is_han, is_unspaced_script, is_word_char, lower_words, words_form};
use crate::text::fold;

/// The embedded default configuration.
pub const DEFAULT_TOML: &str = include_str!("../../assets/analysis.toml");

/// Everything the analysis needs: `[lexicon]` and `[weights]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisConfig {
    pub lexicon: Lexicon,
    pub weights: Weights,
}

impl AnalysisConfig {
    /// Parses and checks a whole configuration (every key is required; start
    /// from a copy of `assets/analysis.toml`).
    fn from_toml(s: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(s)
    }

    /// The embedded defaults, parsed once.
    pub fn builtin() -> &'static AnalysisConfig {
        static BUILTIN: OnceLock<AnalysisConfig> = OnceLock::new();
        BUILTIN.get_or_init(|| match Self::from_toml(DEFAULT_TOML) {
            Ok(c) => c,
            // Cannot happen at run time: the file is compiled in and a unit
            // test parses it. Failing loudly beats silently empty word lists.
            Err(e) => panic!("embedded assets/analysis.toml is invalid: {e}"),
        })
    }
}

impl Default for AnalysisConfig {
    fn default() -> Self {
        Self::builtin().clone()
    }
}

/// The analysis settings in use: the built-in ones, parsed when first
/// needed (most commands, and a re-import of known items, never judge a
/// text; parsing them was most of a command's start), or the config's.
#[derive(Debug, Clone, Default)]
pub enum Analysis {
    #[default]
    Builtin,
    Configured(std::sync::Arc<AnalysisConfig>),
}

impl std::ops::Deref for Analysis {
    type Target = AnalysisConfig;

    fn deref(&self) -> &AnalysisConfig {
        match self {
            Analysis::Builtin => AnalysisConfig::builtin(),
            Analysis::Configured(c) => c,
        }
    }
}

/// Numbers that rank the queue and the thresholds of the history-based rules.
/// Unsigned, so a negative weight is rejected when the file is read.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub question: u32,
    pub vip: u32,
    pub loyal: u32,
    pub left_waiting: u32,
    pub per_day_past_target: u32,
    pub age_cap_days: u32,
    pub low_value_penalty: u32,
    pub canned_threshold: u32,
    pub copypasta_threshold: u32,
    pub loyal_weeks: u32,
}

impl Default for Weights {
    fn default() -> Self {
        AnalysisConfig::builtin().weights.clone()
    }
}

/// `[lexicon]` exactly as written in the TOML file; [`Lexicon`] is built from
/// it (lists folded, patterns compiled) when the file is read, so a bad
/// pattern is reported at load time and matching never re-does that work.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    pub content_word_min_chars: usize,
    pub auto_mention_platforms: Vec<String>,
    pub auto_name_platforms: Vec<String>,
    pub question_marks: String,
    pub stop_words: BTreeMap<String, Vec<String>>,
    pub bait_phrases: BTreeMap<String, Vec<String>>,
    pub bait_patterns: BTreeMap<String, Vec<String>>,
    pub not_bait_patterns: BTreeMap<String, Vec<String>>,
    pub question_openers: BTreeMap<String, Vec<String>>,
    pub not_question_openers: BTreeMap<String, Vec<String>>,
    pub question_endings: BTreeMap<String, Vec<String>>,
    pub name_titles: BTreeMap<String, Vec<String>>,
    pub word_names: BTreeMap<String, Vec<String>>,
    pub greetings: BTreeMap<String, Vec<String>>,
}

/// A list entry: shown as written, matched by its normalised key.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub shown: String,
    pub key: String,
}

/// Where a phrase opens a clause (see [`Openers`]).
#[derive(Debug, Clone, Copy)]
enum Place {
    Anywhere,
    SentenceStart,
    AfterComma,
}

/// Phrases a clause may open with (hundreds, asked of every clause of every
/// comment), found by the clause's first word instead of one by one.
#[derive(Debug, Clone)]
pub(crate) struct Openers {
    phrases: Vec<Phrase>,
    /// Where each phrase opens a clause: a leading `^` writes one that
    /// opens a sentence only ("czy" asks; "nie wiem, czy…" does not), a
    /// leading `,` one that opens a clause after a comma only ("Hey, which
    /// grinder…" asks where ", which made my week" does not).
    place: Vec<Place>,
    /// Positions in `phrases`, by their first word.
    by_first: HashMap<String, Vec<usize>>,
    /// The phrases that end in an unspaced script (CJK, Hangul, Thai): they
    /// open a clause as a prefix of its first word too.
    prefixes: Vec<usize>,
}

impl Openers {
    fn new(mut phrases: Vec<Phrase>) -> Openers {
        let place = (phrases.iter_mut())
            .map(|p| {
                let place = match p.shown.chars().next() {
                    Some('^') => Place::SentenceStart,
                    Some(',') => Place::AfterComma,
                    _ => return Place::Anywhere,
                };
                p.shown = p.shown[1..].trim_start().to_owned();
                p.key = p.key.trim_start_matches(['^', ',', ' ']).to_owned();
                place
            })
            .collect();
        let (mut by_first, mut prefixes) = (HashMap::<String, Vec<usize>>::new(), Vec::new());
        for (i, p) in phrases.iter().enumerate() {
            if p.key.chars().next_back().is_some_and(is_unspaced_script) {
                prefixes.push(i);
            } else {
                let first = p.key.split(' ').next().unwrap_or_default();
                by_first.entry(first.to_owned()).or_default().push(i);
            }
        }
        Openers {
            phrases,
            place,
            by_first,
            prefixes,
        }
    }

    /// The first phrase of the list that `words` (in lower words form)
    /// opens with, as whole words (or as a prefix, for a phrase that ends
    /// in an unspaced script); `after_comma`: the clause follows a comma,
    /// which a sentence-opening phrase (`^`) does not open.
    pub fn find(&self, words: &str, after_comma: bool) -> Option<&Phrase> {
        let first = words.split(' ').next().unwrap_or_default();
        let same_first = self.by_first.get(first).into_iter().flatten();
        same_first
            .chain(&self.prefixes)
            .copied()
            .filter(|&i| match self.place[i] {
                Place::Anywhere => true,
                Place::SentenceStart => !after_comma,
                Place::AfterComma => after_comma,
            })
            .filter(|&i| {
                let p = &self.phrases[i].key;
                words.strip_prefix(p.as_str()).is_some_and(|rest| {
                    rest.is_empty()
                        || rest.starts_with(' ')
                        || p.chars().next_back().is_some_and(is_unspaced_script)
                })
            })
            .min()
            .map(|i| &self.phrases[i])
    }
}

/// The word lists, ready to match. Deserialised from a [`LexiconFile`].
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "LexiconFile")]
pub struct Lexicon {
    pub(crate) min_content_chars: usize,
    pub(crate) auto_mention: HashSet<String>,
    pub(crate) auto_name: HashSet<String>,
    pub(crate) question_marks: Vec<char>,
    pub(crate) stop: HashSet<String>,
    /// All literal bait phrases as a few alternations (one per kind of word
    /// boundary their ends need), searched in one pass over the words form;
    /// the matched key maps back to the phrase as written.
    pub(crate) bait_phrases: Regexes,
    pub(crate) bait_shown: HashMap<String, String>,
    pub(crate) bait_patterns: Regexes,
    /// A sentence one of them matches holds no bait (a customer asking
    /// about their account, a word that holds a bait phrase).
    pub(crate) not_bait: Regexes,
    pub(crate) openers: Openers,
    pub(crate) not_openers: Openers,
    pub(crate) endings: Vec<Phrase>,
    /// Titles before a name, in words form.
    pub(crate) titles: HashSet<String>,
    /// Names that are everyday words (see `verdict`), in words form.
    pub(crate) word_names: HashSet<String>,
    /// What starts a sentence calling someone (see `verdict`), in words form.
    pub(crate) greetings: Vec<String>,
}

impl Default for Lexicon {
    fn default() -> Self {
        AnalysisConfig::builtin().lexicon.clone()
    }
}

impl Lexicon {
    /// Whether `word` (any case or accents) is a stop word of any language.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop.contains(&fold(word))
    }

    /// The first name in a display name: its first word that is not a
    /// title ("Dr. Sarah Cole": Sarah), as written.
    pub fn first_name<'a>(&self, name: &'a str) -> Option<&'a str> {
        let words = name_words(name);
        (self.untitled(&words).first()).or(words.first()).copied()
    }

    /// The words of a name (see [`name_words`]) that are not its titles;
    /// a degree's part ("rer. nat." of "Dr. rer. nat.") or a title's ending
    /// ("ra" of "Sig.ra") is one only after a title: "Nat Friedman" is Nat.
    pub(crate) fn untitled<'a>(&self, words: &[&'a str]) -> Vec<&'a str> {
        const DEGREE_PARTS: [&str; 6] = ["rer", "nat", "med", "ing", "ra", "ssa"];
        let mut titled = false;
        (words.iter().copied())
            .filter(|w| {
                // "Sig.ra" is a title and its ending ("sig ra").
                let key = words_form(w);
                let mut parts = key.split(' ');
                let first = parts.next().unwrap_or_default();
                let title = self.titles.contains(first)
                    && (titled || !DEGREE_PARTS.contains(&first))
                    && parts.all(|p| self.titles.contains(p));
                titled = title;
                !title
            })
            .collect()
    }

    /// Whether replying on `platform` puts the addressee's @handle at the
    /// start of the text by itself.
    pub fn auto_inserts_mention(&self, platform: &str) -> bool {
        self.auto_mention.contains(&platform.trim().to_lowercase())
    }

    /// Whether replying on `platform` puts the addressee's display name
    /// (Facebook's tag) at the start of the text by itself.
    pub fn auto_inserts_name(&self, platform: &str) -> bool {
        self.auto_name.contains(&platform.trim().to_lowercase())
    }
}

/// The words of a display name, without the punctuation around them
/// ("Dr. Sarah Cole": Dr, Sarah, Cole), nor what follows the name itself
/// (see [`name_part`]), where a name is left before it.
pub(crate) fn name_words(name: &str) -> Vec<&str> {
    let core = name_part_words(name_part(name));
    if core.is_empty() {
        name_part_words(name)
    } else {
        core
    }
}

fn name_part_words(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !is_word_char(c)))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// The name itself in a display name, as written: not a part in brackets
/// ("Anna Berg (she/her)"), a tagline after a bar or a spaced dash ("Sarah
/// Cole | Coffee Nerd"), nor a suffix ("Robert Downey Jr.", "Jane Goodall,
/// PhD"); "Dr. Patel" of "Dr. Patel (he/him)". Empty where nothing comes
/// before them.
pub(crate) fn name_part(name: &str) -> &str {
    const SUFFIXES: [&str; 10] = [
        "jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "esq", "dds",
    ];
    let end = [" (", " [", "(", " | ", " – ", " — ", " - ", " · "]
        .iter()
        .filter_map(|sep| name.find(sep))
        .min()
        .unwrap_or(name.len());
    let mut part = name[..end].trim();
    // A suffix goes where a name is left before it.
    while let Some((rest, last)) = part.rsplit_once(char::is_whitespace) {
        let suffix = last.trim_matches(|c: char| !is_word_char(c)).to_lowercase();
        if !SUFFIXES.contains(&suffix.as_str()) || name_part_words(rest).is_empty() {
            break;
        }
        part = rest.trim_end();
    }
    part.trim_end_matches([',', ';', ':']).trim_end()
}

/// Regexes checked when the lexicon is read and built on first use: most
/// runs (the TUI, the statistics, a re-import of known items) never look
/// for bait, and building the lexicon's regexes takes longer than opening a
/// database of a million items.
#[derive(Debug, Clone)]
pub(crate) struct Regexes {
    sources: Vec<String>,
    built: OnceLock<Vec<Regex>>,
}

impl Regexes {
    /// Checks each pattern (`at` names it in errors); one that matches
    /// empty text would flag everything.
    fn new(patterns: Vec<(String, String)>) -> Result<Self, String> {
        for (at, s) in &patterns {
            let hir = regex_syntax::Parser::new().parse(s).map_err(|e| {
                let e = crate::text::regex_error(&e);
                format!("`{at}` {s:?} is not a valid regex: {e}")
            })?;
            if hir.properties().minimum_len() == Some(0) {
                return Err(format!("`{at}` {s:?} matches empty text"));
            }
        }
        Ok(Self::valid(patterns.into_iter().map(|(_, s)| s).collect()))
    }

    /// Patterns valid by construction (escaped text), not checked again:
    /// parsing the long alternations of every phrase took most of a
    /// command's start.
    fn valid(sources: Vec<String>) -> Self {
        Regexes {
            sources,
            built: OnceLock::new(),
        }
    }

    pub(crate) fn get(&self) -> &[Regex] {
        self.built.get_or_init(|| {
            self.sources
                .iter()
                // The syntax was checked; with no size limit, building
                // cannot fail.
                // A line is a sentence (see `flags::bait`): `^` and `$`
                // are its ends.
                .filter_map(|s| {
                    (RegexBuilder::new(s).size_limit(usize::MAX))
                        .multi_line(true)
                        .build()
                        .ok()
                })
                .collect()
        })
    }
}

/// Every entry of a per-language table, with its `table.lang[i]` name for
/// error messages.
fn entries<'a>(
    table: &'a BTreeMap<String, Vec<String>>,
    name: &'a str,
) -> impl Iterator<Item = (String, &'a String)> + 'a {
    table.iter().flat_map(move |(lang, list)| {
        list.iter()
            .enumerate()
            .map(move |(i, s)| (format!("lexicon.{name}.{lang}[{i}]"), s))
    })
}

/// The entries in words form, without their text as written.
fn keys<T: FromIterator<String>>(
    table: &BTreeMap<String, Vec<String>>,
    name: &str,
) -> Result<T, String> {
    Ok(phrases(table, name, words_form)?
        .into_iter()
        .map(|p| p.key)
        .collect())
}

/// Entries normalised with `norm`, each kept with its text as written; an
/// entry that normalises to nothing (only punctuation or emoji) is an error,
/// since it would match everything.
fn phrases(
    table: &BTreeMap<String, Vec<String>>,
    name: &str,
    norm: fn(&str) -> String,
) -> Result<Vec<Phrase>, String> {
    let mut out: Vec<Phrase> = Vec::new();
    for (at, s) in entries(table, name) {
        let key = norm(s);
        if key.is_empty() {
            return Err(format!("`{at}` {s:?} has no letters or digits"));
        }
        if !out.iter().any(|p| p.key == key) {
            out.push(Phrase {
                shown: s.trim().to_owned(),
                key,
            });
        }
    }
    Ok(out)
}

/// Regexes that find any of `phrases` (in words form) as whole words. In words
/// form words are separated by single spaces, so a boundary is a space or an
/// end; an end in an unspaced script (CJK, Hangul, Thai) needs none.
fn phrase_regexes(phrases: &[Phrase]) -> Regexes {
    let mut groups: BTreeMap<(bool, bool), Vec<String>> = BTreeMap::new();
    for p in phrases {
        let left = p.key.chars().next().is_some_and(|c| !is_unspaced_script(c));
        let right = p
            .key
            .chars()
            .next_back()
            .is_some_and(|c| !is_unspaced_script(c));
        groups
            .entry((left, right))
            .or_default()
            .push(regex::escape(&p.key));
    }
    let sources = groups
        .into_iter()
        .map(|((left, right), mut alts)| {
            // Longest first, so "follow me back" wins over "follow me".
            alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
            let l = if left { "(?:^| )" } else { "" };
            let r = if right { "(?: |$)" } else { "" };
            format!("{l}({}){r}", alts.join("|"))
        })
        .collect();
    // Non-empty phrases (see `phrases`), escaped: valid, and never empty.
    Regexes::valid(sources)
}

impl TryFrom<LexiconFile> for Lexicon {
    type Error = String;

    fn try_from(f: LexiconFile) -> Result<Self, String> {
        if f.content_word_min_chars == 0 {
            return Err("`lexicon.content_word_min_chars` must be at least 1".into());
        }
        let mut stop = HashSet::new();
        for (_, w) in entries(&f.stop_words, "stop_words") {
            let key = fold(w.trim());
            let chars: Vec<char> = key.chars().collect();
            // Han text is compared by character pairs, so a longer Han stop
            // word stops each of its pairs.
            if chars.len() > 2 && chars.iter().all(|&c| is_han(c)) {
                for pair in chars.windows(2) {
                    stop.insert(pair.iter().collect::<String>());
                }
            }
            stop.insert(key);
        }
        let bait_patterns = Regexes::new(
            entries(&f.bait_patterns, "bait_patterns")
                .map(|(at, s)| (at, s.clone()))
                .collect(),
        )?;
        let not_bait = Regexes::new(
            entries(&f.not_bait_patterns, "not_bait_patterns")
                .map(|(at, s)| (at, s.clone()))
                .collect(),
        )?;
        let bait = phrases(&f.bait_phrases, "bait_phrases", words_form)?;
        Ok(Lexicon {
            min_content_chars: f.content_word_min_chars,
            auto_mention: (f.auto_mention_platforms.iter())
                .map(|p| p.trim().to_lowercase())
                .collect(),
            auto_name: (f.auto_name_platforms.iter())
                .map(|p| p.trim().to_lowercase())
                .collect(),
            question_marks: f
                .question_marks
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect(),
            stop,
            bait_phrases: phrase_regexes(&bait),
            bait_shown: bait.into_iter().map(|p| (p.key, p.shown)).collect(),
            bait_patterns,
            not_bait,
            openers: Openers::new(phrases(
                &f.question_openers,
                "question_openers",
                lower_words,
            )?),
            not_openers: Openers::new(phrases(
                &f.not_question_openers,
                "not_question_openers",
                lower_words,
            )?),
            endings: phrases(&f.question_endings, "question_endings", lower_words)?,
            titles: keys(&f.name_titles, "name_titles")?,
            word_names: keys(&f.word_names, "word_names")?,
            greetings: keys(&f.greetings, "greetings")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openers_open_a_clause_as_whole_words_first_listed_first() {
        let phrase = |key: &str| Phrase {
            shown: key.to_owned(),
            key: key.to_owned(),
        };
        let o = Openers::new(["how do", "how", "为什么", "can you"].map(phrase).to_vec());
        let found = |words: &str| o.find(words, false).map(|p| p.key.as_str());
        assert_eq!(found("how do i"), Some("how do"), "the first listed");
        assert_eq!(found("how come"), Some("how"));
        assert_eq!(found("however it is"), None, "a whole word");
        assert_eq!(found("为什么不"), Some("为什么"), "a prefix, unspaced");
        assert_eq!(found("can you"), Some("can you"));
        assert_eq!(found("you can"), None);
        assert_eq!(found(""), None);
        // A sentence's opener (`^`) opens no clause after a comma.
        let o = Openers::new(["^czy", "kiedy"].map(phrase).to_vec());
        assert_eq!(
            o.find("czy to działa", false).map(|p| p.shown.as_str()),
            Some("czy")
        );
        assert!(o.find("czy to działa", true).is_none());
        assert!(o.find("kiedy będzie", true).is_some());
        // A clause's opener after a comma (`,`) opens no sentence.
        let o = Openers::new([", which is", "which"].map(phrase).to_vec());
        let found = |words: &str, comma| o.find(words, comma).map(|p| p.shown.as_str());
        assert_eq!(found("which is a win", true), Some("which is"));
        assert_eq!(found("which is better", false), Some("which"));
    }

    #[test]
    fn embedded_defaults_parse() {
        let c = AnalysisConfig::from_toml(DEFAULT_TOML).expect("assets/analysis.toml parses");
        assert_eq!(c.weights.canned_threshold, 3);
        assert_eq!(c.weights.copypasta_threshold, 3);
        assert_eq!(c.weights.loyal_weeks, 3);
        assert!(c.lexicon.auto_inserts_mention("Mastodon"));
        assert!(!c.lexicon.auto_inserts_mention("wordpress"));
        for w in ["the", "gracias", "très", "über", "não", "perché", "tack"] {
            assert!(c.lexicon.is_stop_word(w), "{w}");
        }
        assert!(!c.lexicon.is_stop_word("coupon"));
        assert_eq!(Weights::default(), c.weights);
        // The regexes are built when first asked for, every one of them.
        for r in [&c.lexicon.bait_phrases, &c.lexicon.bait_patterns] {
            assert!(r.built.get().is_none());
            assert!(!r.sources.is_empty());
            assert_eq!(r.get().len(), r.sources.len());
        }
    }

    fn with(key: &str, value: &str) -> String {
        // Swap one line of the defaults for another, to build bad samples.
        let mut out = String::new();
        let mut done = false;
        for line in DEFAULT_TOML.lines() {
            if !done && line.starts_with(&format!("{key} =")) {
                out.push_str(value);
                done = true;
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        assert!(done, "{key} not found in defaults");
        out
    }

    fn error_of(toml: &str) -> String {
        match AnalysisConfig::from_toml(toml) {
            Ok(_) => panic!("sample should be rejected"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn bad_configs_fail_with_a_specific_message() {
        let e = error_of(&with("question", "question = 10\nquestoin = 3"));
        assert!(e.contains("unknown field `questoin`"), "{e}");
        let e = error_of(&with(
            "content_word_min_chars",
            "content_word_min_chars = 4\nbait_phrase = []",
        ));
        assert!(e.contains("unknown field `bait_phrase`"), "{e}");
        let e = error_of(&with("vip", "vip = -5"));
        assert!(e.contains("vip") || e.contains("invalid value"), "{e}");
        let e = error_of(&with(
            "content_word_min_chars",
            "content_word_min_chars = 0",
        ));
        assert!(
            e.contains("content_word_min_chars` must be at least 1"),
            "{e}"
        );
        let e = error_of(&DEFAULT_TOML.replacen(
            "[lexicon.bait_patterns]\n",
            "[lexicon.bait_patterns]\nxx = ['(unclosed']\n",
            1,
        ));
        assert!(
            e.contains(
                "`lexicon.bait_patterns.xx[0]` \"(unclosed\" is not a valid regex: unclosed group"
            ),
            "{e}"
        );
        let missing = DEFAULT_TOML.replace("loyal_weeks =", "# loyal_weeks =");
        let e = error_of(&missing);
        assert!(e.contains("missing field `loyal_weeks`"), "{e}");
    }

    #[test]
    fn bad_lexicon_entries_are_named() {
        let mut f: LexiconFile = toml::from_str(
            r#"
            content_word_min_chars = 4
            auto_mention_platforms = []
            auto_name_platforms = []
            question_marks = "?"
            stop_words = {}
            bait_phrases = { en = ["f4f", "🔥🔥"] }
            bait_patterns = {}
            not_bait_patterns = {}
            question_openers = {}
            not_question_openers = {}
            question_endings = {}
            name_titles = {}
            word_names = {}
            greetings = {}
            "#,
        )
        .expect("sample parses");
        let e = Lexicon::try_from(f.clone()).expect_err("emoji phrase rejected");
        assert!(e.contains("lexicon.bait_phrases.en[1]"), "{e}");
        f.bait_phrases.clear();
        f.bait_patterns.insert("en".into(), vec!["x*".into()]);
        let e = Lexicon::try_from(f).expect_err("empty-matching pattern rejected");
        assert!(e.contains("matches empty text"), "{e}");
    }
}
