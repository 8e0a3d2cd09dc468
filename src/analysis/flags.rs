//! Flags on incoming items: reciprocity bait, low-effort shapes (a bare link,
//! a bare mention, emoji only), copypasta, and questions.

use std::fmt;
use std::str::FromStr;

use super::config::{Lexicon, Weights};
use super::scan::{
    blank_spans, find_mentions, find_urls, lower_words, with_link_texts, words_form,
};
use crate::text::fold;

/// Something worth knowing about an incoming item before answering it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flag {
    Bait,
    LinkOnly,
    MentionOnly,
    EmojiOnly,
    Copypasta,
    Question,
}

impl Flag {
    pub const ALL: [Flag; 6] = [
        Flag::Bait,
        Flag::LinkOnly,
        Flag::MentionOnly,
        Flag::EmojiOnly,
        Flag::Copypasta,
        Flag::Question,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Bait => "bait",
            Flag::LinkOnly => "link_only",
            Flag::MentionOnly => "mention_only",
            Flag::EmojiOnly => "emoji_only",
            Flag::Copypasta => "copypasta",
            Flag::Question => "question",
        }
    }

    /// Flags that make an item sink below every item without them: nothing
    /// in it asks for a personal answer.
    pub fn is_low_value(self) -> bool {
        !matches!(self, Flag::Question)
    }

    pub fn bit(self) -> u16 {
        1 << self as u16
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Flag {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl FromStr for Flag {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Flag::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Flag::ALL.iter().map(|f| f.as_str()).collect();
                format!("{s:?} is not one of: {}", names.join(", "))
            })
    }
}

/// A set of flags, stored as one small integer (one bit per [`Flag`], in
/// declaration order: bait = 1, link_only = 2, … question = 32). The bits
/// are stored in the database, so new flags go at the end, never between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Flags(u16);

impl Flags {
    const MASK: u16 = (1 << Flag::ALL.len()) - 1;

    pub fn new() -> Self {
        Flags(0)
    }

    pub fn insert(&mut self, flag: Flag) {
        self.0 |= flag.bit();
    }

    pub fn remove(&mut self, flag: Flag) {
        self.0 &= !flag.bit();
    }

    pub fn contains(self, flag: Flag) -> bool {
        self.0 & flag.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether any flag in the set is low-value.
    pub fn is_low_value(self) -> bool {
        self.iter().any(Flag::is_low_value)
    }

    pub fn iter(self) -> impl Iterator<Item = Flag> {
        Flag::ALL.into_iter().filter(move |f| self.contains(*f))
    }

    pub fn bits(self) -> u16 {
        self.0
    }

    /// The set stored as `bits`; bits of no known flag (written by a newer
    /// version) are dropped.
    pub fn from_bits(bits: u16) -> Self {
        Flags(bits & Self::MASK)
    }
}

impl FromIterator<Flag> for Flags {
    fn from_iter<I: IntoIterator<Item = Flag>>(iter: I) -> Self {
        let mut f = Flags::new();
        for flag in iter {
            f.insert(flag);
        }
        f
    }
}

/// The flags that can be seen in one body, in [`Flag`] order, each with a
/// short reason. Copypasta needs the author's history: see [`is_copypasta`].
/// An empty body (a sticker, an image) gets no flag.
pub fn classify(body: &str, lex: &Lexicon) -> Vec<(Flag, String)> {
    Scan::new(body).flags(lex)
}

/// [`classify`] and [`copypasta_key`] of one body, which share its scan.
pub fn classify_with_key(body: &str, lex: &Lexicon) -> (Vec<(Flag, String)>, Option<String>) {
    let scan = Scan::new(body);
    let flags = scan.flags(lex);
    (flags, scan.copypasta_key())
}

/// What the flags and the copypasta key are read from, worked out once.
struct Scan<'a> {
    body: &'a str,
    urls: Vec<std::ops::Range<usize>>,
    mentions: Vec<std::ops::Range<usize>>,
    /// The body with its links (markdown links with their text) and
    /// mentions blanked out.
    rest: String,
    /// Its words form (see `words_form`).
    words: String,
}

impl<'a> Scan<'a> {
    fn new(body: &'a str) -> Self {
        let urls = find_urls(body);
        let mentions = find_mentions(body);
        let mut spans: Vec<_> = with_link_texts(body, &urls);
        spans.extend(mentions.iter().cloned());
        spans.sort_by_key(|r| r.start);
        Scan {
            body,
            rest: blank_spans(body, &spans),
            urls,
            mentions,
            words: words_form(body),
        }
    }

    fn flags(&self, lex: &Lexicon) -> Vec<(Flag, String)> {
        let mut out = Vec::new();
        if self.body.trim().is_empty() {
            return out;
        }
        let baited = bait(self.body, lex);
        let is_bait = baited.is_some();
        out.extend(baited.map(|reason| (Flag::Bait, reason)));
        out.extend(self.shape());
        // A clause that holds the bait asks for it ("sub4sub?", "can you
        // follow back?"), not a question owed an answer.
        let asks = |clause: &str| !is_bait || bait(clause, lex).is_none();
        if let Some(reason) = question(&self.rest, lex, asks) {
            out.push((Flag::Question, reason));
        }
        out
    }

    /// Whether a word stands for an emoji: a custom emoji's `:shortcode:`
    /// (Mastodon's, YouTube's members'), or a sticker or a GIF sent alone
    /// (`[sticker]`, see `import::shared::with_attachments`; a photo may show
    /// anything).
    fn emoji_like(word: &str) -> bool {
        super::scan::is_shortcode(word) || matches!(word, "[sticker]" | "[GIF]")
    }

    /// link_only, mention_only or emoji_only: what is left once links and
    /// mentions are taken out has no letter or digit.
    fn shape(&self) -> Option<(Flag, String)> {
        let worded = |w: &&str| !Self::emoji_like(w) && w.chars().any(char::is_alphanumeric);
        if self.rest.split_whitespace().any(|w| worded(&w)) {
            return None;
        }
        if !self.urls.is_empty() {
            let what = if self.urls.len() == 1 {
                "a link"
            } else {
                "links"
            };
            return Some((Flag::LinkOnly, format!("only {what}")));
        }
        if !self.mentions.is_empty() {
            let mut names: Vec<&str> = self
                .mentions
                .iter()
                .map(|r| &self.body[r.clone()])
                .collect();
            names.dedup();
            let more = if names.len() > 3 { ", …" } else { "" };
            names.truncate(3);
            return Some((
                Flag::MentionOnly,
                format!("only {}{more}", names.join(", ")),
            ));
        }
        Some((Flag::EmojiOnly, "only emoji or punctuation".to_owned()))
    }

    fn copypasta_key(self) -> Option<String> {
        paste_key(self.body, self.words)
    }
}

/// Bait, read in words form a sentence a line: a phrase or a pattern's
/// words run across no sentence end ("Is it free? Subscribers got a code"
/// is no "free subscribers"; `$` ends a sentence, and only a pattern's
/// `\s` or `(?s:.)` crosses one), and what a `not_bait_patterns` entry
/// matches (its first group, where it has one) is none ("can you take a
/// look at my account?"; read the same way, so "Regardez mon compte. J'ai
/// été débité" can be one), the rest of
/// its sentence read as if a sentence ended there ("can u check out my
/// shop, sub4sub pls" is still bait).
fn bait(text: &str, lex: &Lexicon) -> Option<String> {
    let mut words = sentences(text)
        .map(words_form)
        .collect::<Vec<_>>()
        .join("\n");
    for re in lex.not_bait.get() {
        if re.is_match(&words) {
            // Only its first group, where it has one: what a pattern reads
            // beside it ("…my account, I was charged twice") may hold bait.
            let shielded = re.replace_all(&words, |caps: &regex::Captures<'_>| {
                let whole = caps.get(0).map_or(0..0, |m| m.range());
                match caps.get(1) {
                    Some(g) => format!(
                        "{}\n{}",
                        &words[whole.start..g.start()],
                        &words[g.end()..whole.end]
                    ),
                    None => "\n".to_owned(),
                }
            });
            words = shielded.into_owned();
        }
    }
    bait_in(&words, lex)
}

/// The sentences of `text`: ended by a line break, by `.`, `!` or `?`
/// before a space or the end (not the dot of "youtube.com", nor an
/// ellipsis: "check out my... channel"), or by a CJK full stop,
/// exclamation or question mark; and before a Spanish "¿" or "¡", which
/// open one ("Eres lo máximo ¿me sigues?").
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut chars = text.char_indices().peekable();
    let mut start = 0;
    let mut before = ' ';
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            let spaced = chars.peek().is_none_or(|&(_, next)| next.is_whitespace());
            let ellipsis = c == '.' && before == '.';
            before = c;
            let ends = matches!(c, '\n' | '。' | '！' | '？' | '¿' | '¡')
                || matches!(c, '.' | '!' | '?') && spaced && !ellipsis;
            if ends {
                let sentence = &text[start..i];
                start = i + c.len_utf8();
                return Some(sentence);
            }
        }
        let rest = &text[start..];
        start = text.len();
        (!rest.is_empty()).then_some(rest)
    })
}

/// Bait in sentences' words forms, a line each.
fn bait_in(words: &str, lex: &Lexicon) -> Option<String> {
    let literal = lex
        .bait_phrases
        .get()
        .iter()
        .filter_map(|re| re.captures(words)?.get(1))
        .min_by_key(|m| m.start());
    if let Some(m) = literal {
        let shown = lex
            .bait_shown
            .get(m.as_str())
            .map_or(m.as_str(), String::as_str);
        return Some(format!("says “{shown}”"));
    }
    lex.bait_patterns
        .get()
        .iter()
        .find_map(|re| re.find(words))
        // (One that crosses a sentence's end, or a shielded part, is said
        // on one line.)
        .map(|m| {
            let said: Vec<&str> = m.as_str().split_whitespace().collect();
            format!("says “{}”", said.join(" "))
        })
}

/// Characters that end a clause for the opener and ending checks.
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | ';'
            | ':'
            | ','
            | '…'
            | '\n'
            | '\r'
            | '。'
            | '！'
            | '？'
            | '，'
            | '、'
            | '¡'
            | '¿'
            | '؟'
            | '؛'
            | '،'
            | '⁉'
            | '‼'
    )
}

/// Whether the `?` at `i` starts a link's query ("GET /items?page=2",
/// "/beans?roast=light"): a path before it, a `key=` after it. A question
/// run into the next word ("Recipe?Looks amazing!") still asks.
fn starts_a_query(text: &str, i: usize) -> bool {
    let path = text[..i].rsplit(char::is_whitespace).next().unwrap_or("");
    let after = &text[i + 1..];
    let key = after
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(after.len());
    path.contains('/') && key > 0 && after[key..].starts_with('=')
}

/// A question, read in the body with its links and mentions blanked out (a
/// `?` in a link, "…/watch?v=…", asks nothing, and a handle is no opener).
/// `asks` tells the clauses that may ask from those that cannot.
fn question(text: &str, lex: &Lexicon, asks: impl Fn(&str) -> bool) -> Option<String> {
    // Each clause with its end, and whether a comma came before it.
    let mut clauses: Vec<(&str, Option<char>, bool)> = Vec::new();
    let after_comma = |clauses: &Vec<(&str, Option<char>, bool)>| {
        clauses.last().is_some_and(|(_, end, _)| *end == Some(','))
    };
    let mut start = 0;
    // Spanish opens a question with "¿": the mark is the next clause's
    // ("Ya te sigo, ¿me sigues?" asks in its second clause only).
    let mut opened = None;
    for (i, c) in text.char_indices() {
        if c == '¿' {
            clauses.push((&text[start..i], None, after_comma(&clauses)));
            opened = lex.question_marks.contains(&c).then_some(c);
            start = i + c.len_utf8();
        } else if c == '?' && starts_a_query(text, i) {
            // A query's, "GET /items?page=2": no mark, no clause's end.
        } else if is_clause_end(c) || lex.question_marks.contains(&c) {
            let comma = after_comma(&clauses);
            clauses.push((&text[start..i], opened.take().or(Some(c)), comma));
            start = i + c.len_utf8();
        }
    }
    let comma = after_comma(&clauses);
    clauses.push((&text[start..], opened, comma));
    // Only the clauses that may ask; one without words ("sub4sub??",
    // "what?!": a mark right after another) goes with the clause before it.
    let mut before = true;
    clauses.retain(|(clause, _, _)| {
        if clause.chars().any(char::is_alphanumeric) {
            before = asks(clause);
        }
        before
    });
    let marked =
        (clauses.iter()).find_map(|(_, end, _)| end.filter(|c| lex.question_marks.contains(c)));
    if let Some(mark) = marked {
        return Some(format!("question mark {mark}"));
    }
    for (clause, end, after_comma) in clauses {
        // "How cool is that!" exclaims; it does not ask.
        if matches!(end, Some('!' | '！' | '‼')) {
            continue;
        }
        let words = lower_words(clause);
        // "Why, thank you": an opener alone before a comma exclaims.
        let interjection = end == Some(',') && !words.contains(' ');
        let exclaims = || {
            lex.not_openers.find(&words, after_comma).is_some() && !asks_someone_after(&words, lex)
        };
        if words.is_empty() || interjection || exclaims() {
            continue;
        }
        if let Some(op) = lex.openers.find(&words, after_comma) {
            return Some(format!("opens with “{}”", op.shown));
        }
        if let Some(e) = lex.endings.iter().find(|e| ends_with(&words, &e.key)) {
            return Some(format!("ends with “{}”", e.shown));
        }
    }
    None
}

/// Whether a question to someone opens later in a clause that opens as an
/// exclamation ("What amazing camera do you use", "What fun games can I
/// play"), not "How cool is that".
fn asks_someone_after(words: &str, lex: &Lexicon) -> bool {
    const SOMEONE: [&str; 7] = ["you", "u", "i", "we", "they", "someone", "anyone"];
    (words.match_indices(' ')).any(|(i, _)| {
        lex.openers.find(&words[i + 1..], true).is_some_and(|op| {
            op.key
                .rsplit(' ')
                .next()
                .is_some_and(|w| SOMEONE.contains(&w))
        })
    })
}

fn ends_with(words: &str, e: &str) -> bool {
    words.strip_suffix(e).is_some_and(|rest| {
        rest.is_empty()
            || rest.ends_with(' ')
            || e.chars()
                .next()
                .is_some_and(super::scan::is_unspaced_script)
    })
}

/// The text an author's copies are compared by: its words form (folded,
/// punctuation and emoji squeezed out: a pasted promo with one "!" more is
/// the same paste), or the folded text when it has no words (emoji only);
/// none for a body with no text (empty, or an attachment alone: three
/// photos are not one text).
pub fn copypasta_key(body: &str) -> Option<String> {
    paste_key(body, words_form(body))
}

/// [`copypasta_key`] of a body whose words form is known.
fn paste_key(body: &str, words: String) -> Option<String> {
    if super::verdict::without_attachments(body).trim().is_empty() {
        return None;
    }
    let key = if words.is_empty() {
        fold(body).split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        words
    };
    // Folding drops marks and joiners: a text of them alone keys nothing.
    (!key.is_empty()).then_some(key)
}

/// Copypasta: the same author posted the same [`copypasta_key`] in this many
/// distinct threads (this one included). Below 2 every comment would be
/// copypasta, so the threshold never goes lower.
pub fn is_copypasta(
    distinct_threads_with_same_text_by_author: usize,
    w: &Weights,
) -> Option<String> {
    let n = distinct_threads_with_same_text_by_author;
    (n >= w.copypasta_threshold.max(2) as usize).then(|| format!("same text in {n} threads"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_bitset_round_trips() {
        let mut f = Flags::new();
        assert!(f.is_empty());
        f.insert(Flag::Question);
        f.insert(Flag::Bait);
        assert!(
            f.contains(Flag::Bait) && f.contains(Flag::Question) && !f.contains(Flag::EmojiOnly)
        );
        assert_eq!(f.iter().collect::<Vec<_>>(), [Flag::Bait, Flag::Question]);
        assert_eq!(Flags::from_bits(f.bits()), f);
        assert_eq!(Flags::from_bits(0xFFFF).iter().count(), Flag::ALL.len());
        assert!(f.is_low_value());
        f.remove(Flag::Bait);
        assert!(!f.is_low_value());
        assert_eq!(f.iter().collect::<Flags>(), f);
        for flag in Flag::ALL {
            assert_eq!(flag.as_str().parse::<Flag>(), Ok(flag));
        }
        assert!("spam".parse::<Flag>().is_err());
    }

    /// A pattern that crosses a sentence's end is said on one line.
    #[test]
    fn a_reason_is_one_line() {
        let lex = &super::super::AnalysisConfig::builtin().lexicon;
        let found = classify("Want a shoutout?\nDM us", lex);
        let bait = found.iter().find(|(f, _)| *f == Flag::Bait).expect("bait");
        assert!(!bait.1.contains('\n'), "{:?}", bait.1);
    }

    #[test]
    fn copypasta_needs_the_threshold() {
        let w = Weights::default();
        assert_eq!(is_copypasta(2, &w), None);
        assert_eq!(
            is_copypasta(3, &w).as_deref(),
            Some("same text in 3 threads")
        );
        let w0 = Weights {
            copypasta_threshold: 0,
            ..Weights::default()
        };
        assert_eq!(is_copypasta(1, &w0), None);
        assert_eq!(
            copypasta_key("  Great   VIDEO!\n\nSubscribe ").as_deref(),
            Some("great video subscribe")
        );
        assert_eq!(
            copypasta_key("Best crypto signals in my bio!!"),
            copypasta_key("best crypto signals in my bio")
        );
        assert_eq!(copypasta_key("🔥🔥🔥").as_deref(), Some("🔥🔥🔥"));
        // No text: no copies of one.
        for none in [
            "",
            "  ",
            "[photo]",
            "[image] [sticker]",
            "\u{301}",
            "\u{308}\u{308}",
            "\u{e31}",
        ] {
            assert_eq!(copypasta_key(none), None, "{none:?}");
        }
        assert!(copypasta_key("[photo] love it").is_some());
    }

    /// A question mark run into the next word still asks; one that starts
    /// a link's query does not (EM).
    #[test]
    fn a_question_mark_before_a_word_asks_but_a_query_does_not() {
        let lex = &super::super::AnalysisConfig::builtin().lexicon;
        let asks = |text: &str| {
            classify(text, lex)
                .iter()
                .any(|(f, _)| *f == Flag::Question)
        };
        for text in [
            "Where did you get that shirt?Love it!",
            "Can you ship to Canada?Would love one!",
            "Recipe?Looks amazing!",
            "Cuánto cuesta?Gracias!",
        ] {
            assert!(asks(text), "{text:?}: {:?}", classify(text, lex));
        }
        for text in [
            "GET /api/v1/items?page=2 returns 500 since 2.3.1",
            "The shop API returns 500 on /beans?roast=light",
        ] {
            assert!(!asks(text), "{text:?}: {:?}", classify(text, lex));
        }
    }

    /// Asked about, thanked for or promoted, not bait (EM): growing a
    /// channel asked about, support thanked for, a release promoted (bait
    /// as ever); bought stars and offered growth are.
    #[test]
    fn questions_and_thanks_near_bait_words_are_no_bait() {
        let lex = &super::super::AnalysisConfig::builtin().lexicon;
        let flags =
            |text: &str| -> Vec<Flag> { classify(text, lex).into_iter().map(|(f, _)| f).collect() };
        for text in [
            "How did you grow your channel to 100k subscribers?",
            "How did you get 10k github stars so fast?",
        ] {
            assert_eq!(flags(text), [Flag::Question], "{text:?}");
        }
        for text in [
            "Thanks for the shoutout and support, my channel grew 200 subs overnight!",
            "Thank you for the love and support my channel finally hit 1k",
            "I'd follow back 100% if you posted more",
        ] {
            assert!(flags(text).is_empty(), "{text:?}: {:?}", flags(text));
        }
        for text in [
            "Check out my latest release on Spotify!",
            "Get 1000 GitHub stars for $10, real accounts, DM me",
            "I help SaaS founders grow their audience to 10k followers in 30 days",
            "Follow back 100% guarantee",
        ] {
            assert!(
                flags(text).contains(&Flag::Bait),
                "{text:?}: {:?}",
                flags(text)
            );
        }
    }
}
