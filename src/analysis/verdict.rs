//! Is an own reply a *personal* acknowledgement (PRODUCT.md, "personally
//! answered")? A reply is canned when its normalised text went to several
//! people; otherwise personal when it addresses the person or refers to what
//! they wrote; otherwise generic.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use super::config::{AnalysisConfig, Lexicon, name_words};
use super::scan::{
    SENTINEL, TokKind, blank_spans, find_bounded, find_emails, find_mentions, find_urls, is_han,
    is_hangul, is_hiragana, is_katakana, is_word_char, link_and_mention_spans, replace_bounded,
    squeeze, tokens, words_form,
};
use crate::text::fold;

/// What a reply is worth as an acknowledgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    Personal,
    Generic,
    Canned,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Personal => "personal",
            Verdict::Generic => "generic",
            Verdict::Canned => "canned",
        }
    }

    /// The verdict with its reasons, joined by `sep`, for one line: the
    /// reasons name it first, mostly ("generic: no name …"), and it is not
    /// said twice.
    pub fn explained(self, reasons: &[String], sep: &str) -> String {
        let why = reasons.join(sep);
        let named = format!("{}: ", self.as_str());
        if why.starts_with(&named) {
            why
        } else if why.is_empty() {
            self.as_str().to_owned()
        } else {
            named + &why
        }
    }
}

impl FromStr for Verdict {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        [Verdict::Personal, Verdict::Generic, Verdict::Canned]
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| format!("{s:?} is not one of: personal, generic, canned"))
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A verdict and the short sentences that explain it to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub verdict: Verdict,
    pub reasons: Vec<String>,
}

/// One own reply and what it answers.
#[derive(Debug, Clone, Copy)]
pub struct ReplyInput<'a> {
    pub reply_body: &'a str,
    /// Lower-case platform name (`mastodon`, `youtube`, …).
    pub platform: &'a str,
    /// The author of the item replied to, as the platform shows it.
    pub addressee_handle: &'a str,
    /// Their display name.
    pub addressee_name: Option<&'a str>,
    /// The text replied to, when known.
    pub parent_body: Option<&'a str>,
    /// Distinct people who got a reply with this reply's [`canned_key`],
    /// including this addressee.
    pub same_text_recipients: usize,
    /// Written in ackbox (a draft, or a reply no import has found on the
    /// platform yet): its editor puts no name at the start, so a leading
    /// name was typed, where Facebook's Reply would have put it.
    pub written_here: bool,
}

/// Written in place of the addressee's name and of every @mention in a
/// [`canned_key`].
pub const NAME_PLACEHOLDER: &str = "{name}";

/// Shared-content words shown in a reason, at most.
const MAX_SHOWN_WORDS: usize = 4;

/// The text that identifies a canned reply: folded (case, accents), every
/// @mention and the addressee's handle, full name and first name replaced by
/// `{name}`, punctuation and emoji dropped, whitespace collapsed. So "Thanks
/// for your comment, Joe!" to Joe and "thanks for your comment ann" to Ann give
/// the same key. A literal `{name}` in the text is kept, so a key maps to
/// itself.
pub fn canned_key(
    reply_body: &str,
    addressee_handle: &str,
    addressee_name: Option<&str>,
) -> String {
    // A quote of their words differs from person to person: not the text.
    let reply_body = unquoted(reply_body);
    let reply_body = &without_pictures(&reply_body);
    // The first-name guard uses the built-in stop words: a key must not depend
    // on a user's lexicon, or keys stored earlier would stop matching.
    let forms = NameForms::new(
        addressee_handle,
        addressee_name,
        &AnalysisConfig::builtin().lexicon,
    );
    let body = reply_body.replace(SENTINEL, " ");
    // A name that is also an everyday word (Mark, Will) is a name only
    // where it is called one ("we'll mark the date" stays as written); the
    // other forms are names wherever they are written.
    let called: Vec<Range<usize>> = (forms.called_by_name(&body).into_iter())
        .map(|(r, ..)| with_rest_of_name(&body, r, addressee_name))
        .collect();
    let folded = fold(&replace_spans(&body, &called, SENTINEL))
        .replace(NAME_PLACEHOLDER, &SENTINEL.to_string());
    let mentions = find_mentions(&folded);
    let mut text = squeeze(&replace_spans(&folded, &mentions, SENTINEL));
    for key in forms.keys_longest_first() {
        if !forms.called_only(key) {
            text = replace_bounded(&text, key, SENTINEL);
        }
    }
    let text = squeeze(&text);
    let mut out: Vec<&str> = Vec::new();
    let sentinel = SENTINEL.to_string();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        // "@ana @bob thanks" and "@carl thanks" are the same text.
        if word == sentinel && out.last() == Some(&NAME_PLACEHOLDER) {
            continue;
        }
        out.push(if word == sentinel {
            NAME_PLACEHOLDER
        } else {
            word
        });
    }
    // "Hi {name}, thanks…" and "Hey {name}, thanks…" are one template with
    // its greeting rotated: the greeting before the name is not the text
    // (but it is all of "Thanks {name}!", not "Congrats {name}!").
    let greetings = &AnalysisConfig::builtin().lexicon.greetings;
    if let Some(at) = out.iter().position(|w| *w == NAME_PLACEHOLDER)
        && at > 0
        && at + 1 < out.len()
        && only_greets(&out[..at].join(" "), greetings)
    {
        out.drain(..at);
    }
    out.join(" ")
}

/// `called`, a first name where the reply calls them by it, with the rest
/// of their full name after it ("Hi Ada Lee, thanks…"): the surname is the
/// name too, not a word of the text.
fn with_rest_of_name(body: &str, called: Range<usize>, name: Option<&str>) -> Range<usize> {
    let mut words = name.unwrap_or_default().split_whitespace();
    if words
        .next()
        .is_none_or(|first| fold(&body[called.clone()]) != fold(first))
    {
        return called;
    }
    let mut end = called.end;
    for word in words {
        let after = &body[end..];
        let next = after.trim_start();
        let spaced = after.len() - next.len();
        let whole = next.get(word.len()..).is_some_and(|rest| {
            !rest.starts_with(char::is_alphanumeric)
                && next
                    .get(..word.len())
                    .is_some_and(|w| fold(w) == fold(word))
        });
        if spaced == 0 || !whole {
            break;
        }
        end += spaced + word.len();
    }
    called.start..end
}

/// Whether `words` (a words form) is greetings alone, with the words that
/// go on thanking ("thank you so much", "hi there", "good morning").
fn only_greets(words: &str, greetings: &[String]) -> bool {
    let mut rest = words;
    let mut greeted = false;
    while !rest.is_empty() {
        let after = greetings.iter().find_map(|g| {
            rest.strip_prefix(g.as_str())
                .filter(|b| b.is_empty() || b.starts_with(' '))
        });
        match after {
            Some(b) => {
                greeted = true;
                rest = b.trim_start();
            }
            None => {
                return greeted && rest.split(' ').all(|w| GREETING_GOES_ON.contains(&w));
            }
        }
    }
    greeted
}

/// [`canned_key`] of an own reply on `platform`: the @mentions (or the
/// name) a platform writes by itself at the start of a reply are not the
/// text one sent, so "@ann Thanks for your comment!" on YouTube is the same
/// canned text as "Thanks for your comment!" elsewhere. (The built-in list
/// of those platforms, as for the rest of the key.)
pub fn canned_key_on(
    platform: &str,
    reply_body: &str,
    addressee_handle: &str,
    addressee_name: Option<&str>,
) -> String {
    let lex = &AnalysisConfig::builtin().lexicon;
    let start = if lex.auto_inserts_mention(platform) {
        leading_mentions(reply_body).0
    } else if lex.auto_inserts_name(platform) {
        leading_name(reply_body, addressee_name)
    } else {
        0
    };
    canned_key(&reply_body[start..], addressee_handle, addressee_name)
}

/// `s` without what stands for a picture: the marks of attachments (see
/// [`without_attachments`]) and custom emoji's `:shortcode:`s, `:tada:`
/// saying what 🎉 says.
fn without_pictures(s: &str) -> Cow<'_, str> {
    let s = without_attachments(s);
    let spans = crate::analysis::scan::find_shortcodes(&s);
    if spans.is_empty() {
        return s;
    }
    Cow::Owned(crate::analysis::scan::blank_spans(&s, &spans))
}

/// `s` without the marks of attachments that have no description (`[image]`,
/// `[sticker]`: see `import::shared::with_attachments`): a sticker is no
/// word of the reply's, nor one to share with the comment it answers.
pub(crate) fn without_attachments(s: &str) -> Cow<'_, str> {
    if !s.contains('[') {
        return Cow::Borrowed(s);
    }
    let mut out = s.to_owned();
    for kind in crate::import::shared::ATTACHMENT_KINDS {
        out = out.replace(&format!("[{kind}]"), " ");
    }
    Cow::Owned(out)
}

fn replace_spans(s: &str, spans: &[Range<usize>], with: char) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for r in spans {
        if r.start >= at {
            out.push_str(&s[at..r.start]);
            out.push(with);
            at = r.end;
        }
    }
    out.push_str(&s[at..]);
    out
}

/// Judges one own reply. Canned wins over everything; then personal when the
/// reply addresses the person or shares content words with what they wrote;
/// generic otherwise.
pub fn judge(input: &ReplyInput, cfg: &AnalysisConfig) -> Judgement {
    let lex = &cfg.lexicon;
    // Markdown's code (GitHub's, Reddit's) is quoted, not said to anyone.
    let said = crate::analysis::scan::said(input.platform, input.reply_body);
    let (reply, parent) = (
        without_pictures(&said),
        input.parent_body.map(without_pictures),
    );
    let attached_only = without_attachments(&said).trim().is_empty() && !said.trim().is_empty();
    let code_only = said.trim().is_empty() && !input.reply_body.trim().is_empty();
    let input = &ReplyInput {
        reply_body: &reply,
        parent_body: parent.as_deref(),
        ..*input
    };
    // No words: nothing that could be the same text as another reply's (a
    // mark alone, which words hold, is none: folding drops it).
    if !fold(input.reply_body).chars().any(is_word_char) {
        let what = if code_only {
            "generic: only code, no words"
        } else if attached_only {
            "generic: only an attachment, no words"
        } else if said.trim().is_empty() {
            "generic: an empty reply"
        } else {
            "generic: only emoji or punctuation, no words"
        };
        return Judgement {
            verdict: Verdict::Generic,
            reasons: vec![what.to_owned()],
        };
    }
    // Below 2 every reply would be "canned": the file documents the floor.
    let threshold = cfg.weights.canned_threshold.max(2) as usize;
    if input.same_text_recipients >= threshold {
        return Judgement {
            verdict: Verdict::Canned,
            reasons: vec![format!(
                "canned: same text sent to {} people",
                input.same_text_recipients
            )],
        };
    }

    // "Thanks Anonymous!" addresses no one, nor does an account's id.
    let nobody = crate::import::shared::names_nobody;
    let handle = Some(input.addressee_handle)
        .filter(|h| !nobody(h))
        .filter(|h| !crate::import::shared::is_account_id(input.platform, h))
        .unwrap_or("");
    let forms = NameForms::new(handle, input.addressee_name.filter(|n| !nobody(n)), lex);
    // What the reply quotes is theirs (or another's), not what it says.
    let body = &*unquoted(input.reply_body);
    let mut notes = Vec::new();
    let rest_start = if lex.auto_inserts_mention(input.platform) {
        let (end, leading) = leading_mentions(body);
        if let Some(m) = leading
            .iter()
            .map(|m| &body[m.clone()])
            .find(|m| forms.is_handle_mention(m))
        {
            notes.push(format!("the leading {m} is inserted by the platform"));
        }
        end
    } else if lex.auto_inserts_name(input.platform) && !input.written_here {
        let end = leading_name(body, input.addressee_name);
        if let Some(name) = input.addressee_name.filter(|_| end > 0) {
            notes.push(format!(
                "the leading {} is inserted by the platform",
                name.trim()
            ));
        }
        end
    } else {
        0
    };
    let rest = &body[rest_start..];

    let mentions = find_mentions(rest);
    let without_mentions = fold(&blank_spans(rest, &mentions));
    let called = forms.called_by_name(rest);
    let called_at = called.iter().map(|(r, ..)| r.clone());
    let mut names_and_mentions: Vec<Range<usize>> =
        mentions.iter().cloned().chain(called_at).collect();
    names_and_mentions.sort_by_key(|r| r.start);
    if !forms.said_something_besides(&fold(&blank_spans(rest, &names_and_mentions))) {
        let mut reasons = vec!["generic: only a name or @mention, nothing said".to_owned()];
        reasons.extend(notes);
        return Judgement {
            verdict: Verdict::Generic,
            reasons,
        };
    }

    let mut reasons = Vec::new();
    let by_mention = mentions
        .iter()
        .map(|m| &rest[m.clone()])
        .find(|m| forms.is_handle_mention(m))
        .map(|m| format!("addresses {m}"));
    let address = by_mention
        .or_else(|| {
            // A name inside a link ("example.com/joe") or an e-mail address
            // does not address anyone.
            let mut links = find_urls(&without_mentions);
            links.extend(find_emails(&without_mentions));
            links.sort_by_key(|r| r.start);
            forms.addressed_in(&squeeze(&blank_spans(&without_mentions, &links)))
        })
        .or_else(|| called.first().map(|(_, reason, _)| (*reason).to_owned()));
    reasons.extend(address);
    if let Some(parent) = input.parent_body {
        let said = without_their_words_quoted(body, parent);
        let shared = shared_content(&said, parent, lex, &forms.words);
        if !shared.is_empty() {
            reasons.push(format!("refers to what they wrote: {}", shared.join(", ")));
        }
    }
    let verdict = if reasons.is_empty() {
        reasons.push("generic: no name and nothing from their comment".to_owned());
        Verdict::Generic
    } else {
        Verdict::Personal
    };
    reasons.extend(notes);
    Judgement { verdict, reasons }
}

/// What a text says in its own words: the lines it quotes (`> `, as
/// markdown, e-mail and the HTML importers write a quote; not an emoticon,
/// `>_<`) are someone else's (in a comment, often the very reply being
/// judged), and so is the line right before them that names whose they
/// are ("On Dec 1, Eve wrote:").
pub(crate) fn unquoted(text: &str) -> Cow<'_, str> {
    let quoted = is_quote_line;
    if !text.lines().any(quoted) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.lines().collect();
    let attribution = |i: usize| {
        let line = lines[i].trim_end().to_lowercase();
        ATTRIBUTIONS.iter().any(|a| line.ends_with(a))
            && lines.get(i + 1).is_some_and(|l| quoted(l))
    };
    Cow::Owned(
        (0..lines.len())
            .filter(|&i| !quoted(lines[i]) && !attribution(i))
            .map(|i| lines[i])
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// Whether `line` is one of a quote (`> `, `>>`, `>` alone; not `>_<`).
fn is_quote_line(line: &str) -> bool {
    let mut after = line.trim_start().chars();
    after.next() == Some('>')
        && after
            .next()
            .is_none_or(|c| c == '>' || c.is_whitespace() || c.is_alphanumeric())
}

/// The first quote in `text` (its `> ` lines in a row, one level of
/// marks taken off), if it holds one: the words the quoted text wrote
/// itself (without its own quote of another, `> > …`), and the whole.
pub(crate) fn first_quote(text: &str) -> Option<(String, String)> {
    let lines: Vec<&str> = (text.lines())
        .skip_while(|l| !is_quote_line(l))
        .take_while(|l| is_quote_line(l))
        .map(|l| {
            let l = l.trim_start();
            let l = l.strip_prefix('>').unwrap_or(l);
            l.strip_prefix([' ', '\t']).unwrap_or(l)
        })
        .collect();
    if lines.is_empty() {
        return None;
    }
    let quote = lines.join("\n");
    Some((unquoted(&quote).into_owned(), quote))
}

/// `body` without what it quotes of `parent` between quotation marks
/// (“…”, "…", „…“, «…», 「…」) when that is their comment given back, half
/// of it or more: it refers to nothing ("“The Guji has such a blueberry
/// note” 🙏"), as a `> ` quote does not. A few words of it quoted, or a
/// name of one's own in quotation marks, stay.
fn without_their_words_quoted<'b>(body: &'b str, parent: &str) -> Cow<'b, str> {
    const MARKS: [(char, char); 7] = [
        ('“', '”'),
        ('"', '"'),
        ('„', '“'),
        ('«', '»'),
        ('「', '」'),
        ('『', '』'),
        ('‘', '’'),
    ];
    if !body.contains(|c| MARKS.iter().any(|(open, _)| *open == c)) {
        return Cow::Borrowed(body);
    }
    let theirs = words_form(parent);
    let mut quoted: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    while let Some((open, (_, close))) = (body[at..].char_indices())
        .find_map(|(i, c)| MARKS.iter().find(|(o, _)| *o == c).map(|m| (at + i, *m)))
    {
        let inner = open + body[open..].chars().next().map_or(1, char::len_utf8);
        let Some(len) = body[inner..].find(close) else {
            break;
        };
        let words = words_form(&body[inner..inner + len]);
        let most = words.chars().count() * 2 >= theirs.chars().count();
        if !words.is_empty() && most && find_bounded(&theirs, &words).is_some() {
            quoted.push(open..inner + len + close.len_utf8());
        }
        at = inner + len + close.len_utf8();
    }
    match quoted.is_empty() {
        true => Cow::Borrowed(body),
        false => Cow::Owned(blank_spans(body, &quoted)),
    }
}

/// How an e-mail program ends the line naming whose the quote below is.
const ATTRIBUTIONS: [&str; 12] = [
    "wrote:",
    "writes:",
    "schrieb:",
    "écrit :",
    "écrit:",
    "escribió:",
    "escreveu:",
    "scritto:",
    "skrev:",
    "schreef:",
    "написал:",
    "написала:",
];

/// Where the text after `name` at the start of `text` begins (0 when it does
/// not start with the whole name): the tag Facebook's "Reply" writes.
fn leading_name(text: &str, name: Option<&str>) -> usize {
    let Some(rest) = (name.map(str::trim))
        .filter(|n| !n.is_empty())
        .and_then(|n| text.strip_prefix(n))
        .filter(|rest| !rest.starts_with(is_word_char))
    else {
        return 0;
    };
    text.len() - rest.len() + separators(rest)
}

/// How many bytes of spaces and `,:;` start `text`: what parts a leading
/// @mention or name from the words after it.
fn separators(text: &str) -> usize {
    text.len()
        - text
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';'))
            .len()
}

/// Where the text starts after the @mentions at its very beginning (with the
/// spaces and `,:;` between them), and those mentions.
fn leading_mentions(text: &str) -> (usize, Vec<Range<usize>>) {
    let mentions = find_mentions(text);
    let mut pos = 0;
    let mut found = Vec::new();
    loop {
        let at = pos + separators(&text[pos..]);
        match mentions.iter().find(|m| m.start == at) {
            Some(m) => {
                found.push(m.clone());
                pos = m.end;
            }
            None => return (if found.is_empty() { 0 } else { at }, found),
        }
    }
}

/// The ways a reply can name its addressee, in words form.
struct NameForms<'l> {
    /// Full name, first name (and a Han family name), with how to show them.
    names: Vec<(String, String)>,
    /// The handle without `@`/`u/` (`carlos mastodon social`) and its local
    /// part (`carlos`), with how to show them (`carlos`: written as a word,
    /// not the @mention a reason would seem to credit); only those
    /// specific enough to be searched for as plain words.
    handles: Vec<(String, String)>,
    /// The same two keys unfiltered, to recognise @mentions.
    mention_keys: Vec<String>,
    /// The one-word forms that are also everyday words (the lexicon's
    /// `word_names`, "mark", "grace", "latte"; and stop words, "will"): they
    /// address the person only where the reply calls them by it (see
    /// `called_by_name`). With the reason each gives, and how it must be
    /// written.
    called: Vec<(String, String, Call)>,
    /// What calls a name written in lower case, after it.
    greetings: &'l [String],
    /// The last of two or more words of the name (titles aside), in each of
    /// its spellings, with how to show it: after a title it is how people
    /// are addressed formally ("Frau Müller", "Frau Mueller", "Mr Turner").
    surname: Vec<(String, String)>,
    titles: &'l HashSet<String>,
    /// Every word of every name and of a one-word handle: not "content"
    /// even when the parent has it.
    words: HashSet<String>,
}

/// Words that go on a greeting before the name it calls ("thanks so much
/// again, mark"), in words form.
const GREETING_GOES_ON: [&str; 12] = [
    "so", "much", "a", "lot", "again", "you", "very", "too", "there", "all", "loads", "tons",
];

/// Words before a noun, not before a name one calls someone by: after
/// them a name that is also a word is that word ("die Rose im Logo", "im
/// Ernst", "the Rose blend"), German writing every noun capitalised; and
/// English prepositions of time, before a month ("open in April", "back
/// from June 1"). Not "an", German's "to" ("Danke an Rose") as much as
/// English's article.
const BEFORE_A_NOUN: [&str; 59] = [
    "the", "this", "that", "our", "my", "your", "their", "der", "die", "das", "den", "dem", "des",
    "ein", "eine", "einen", "einem", "einer", "im", "am", "zum", "zur", "vom", "beim", "ins",
    "unser", "unsere", "mein", "meine", "le", "la", "les", "un", "une", "du", "au", "aux", "el",
    "los", "las", "una", "del", "al", "il", "lo", "gli", "della", "um", "uma", "do", "da", "in",
    "from", "since", "until", "till", "during", "by", "next",
];

/// How a one-word name form must be written to call the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Call {
    /// A name or a handle's word: see [`NameForms::called_by_name`].
    Word,
    /// A first name that is also a stop word ("Will", "May", "Ed"): only
    /// capitalised and set off.
    Common,
    /// Initials run together ("AJ" for A.J. Okafor), often a word too
    /// ("the AC", "on TV"): only capitalised, after a greeting or set off
    /// as one calls someone ("AJ, …", "…, AJ").
    Initials,
    /// A handle's first word ("Maria" of maria.g, "Tom" of TomHanks-x7c):
    /// only capitalised, after a greeting or set off ("thanks so much Tom!").
    HandleWord,
    /// The start of a handle run together ("Sarah" of sarahjones): as
    /// `HandleWord`, and not as a sentence's first word, where any word
    /// is capitalised ("Great, thanks!" to greatcakes calls nobody).
    HandleStart,
}

/// The first names a handle may hold, in words form, with how to show
/// them and how they must be written to call the person: its first word
/// of three letters or more where it has several (`maria.g`, `lena_k`,
/// `TomHanks-x7c`), else each start of three letters or more that leaves
/// three (`sarahjones`: "sar" … "sarahjo"). None from a handle of one
/// word that is all there is: that is a handle form already.
fn handle_first_names(handle: &str) -> Vec<(String, String, Call)> {
    let mut words = Vec::new();
    for run in handle.split(|c: char| !c.is_alphabetic()) {
        // "TomHanks" is two words: a capital after a small letter starts one.
        let mut start = 0;
        let mut last_lower = false;
        for (at, c) in run.char_indices() {
            if c.is_uppercase() && last_lower {
                words.push(&run[start..at]);
                start = at;
            }
            last_lower = c.is_lowercase();
        }
        words.push(&run[start..]);
    }
    words.retain(|w| !w.is_empty());
    let shown = |w: &str| {
        let mut chars = w.chars();
        (chars.next().into_iter().flat_map(char::to_uppercase))
            .chain(chars.flat_map(char::to_lowercase))
            .collect::<String>()
    };
    match words.as_slice() {
        [first, _, ..] if first.chars().count() >= 3 => {
            vec![(words_form(first), shown(first), Call::HandleWord)]
        }
        [one] if one.chars().all(char::is_lowercase) => {
            let ends: Vec<usize> = one.char_indices().map(|(at, _)| at).skip(3).collect();
            let cut = ends.len().saturating_sub(2);
            ends[..cut]
                .iter()
                .map(|&at| (words_form(&one[..at]), shown(&one[..at]), Call::HandleStart))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// What follows a Chinese family name to address its bearer: Mr, Ms,
/// Miss, teacher, classmate, boss, manager, doctor, Mrs (simplified and
/// traditional).
/// The honorifics written after a name, folded as a reply's words are (a
/// Hangul one comes apart): those written onto it ("Tanakaさん"), and, after
/// a space, those in Latin letters ("Tanaka-san" reads "tanaka san").
fn honorifics() -> &'static [(String, bool)] {
    static FOLDED: std::sync::LazyLock<Vec<(String, bool)>> = std::sync::LazyLock::new(|| {
        (super::scan::HONORIFICS.iter())
            .map(|h| (words_form(h), false))
            .chain(ROMANIZED_HONORIFICS.iter().map(|h| ((*h).to_owned(), true)))
            .collect()
    });
    &FOLDED
}

/// `surname` (words form) with the honorific `h` after it, as [`honorifics`] writes it.
fn honored(surname: &str, h: &str, spaced: bool) -> String {
    match spaced {
        true => format!("{surname} {h}"),
        false => format!("{surname}{h}"),
    }
}

/// A name's initials run together ("AJ"), written as one word ("A.J", as
/// a name's words are cut) or as the words it starts with ("A. J. Okafor").
fn initials(words: &[&str]) -> Option<String> {
    let one = |w: &str| w.chars().count() == 1;
    let letters: Vec<&str> = match words.first()?.split('.').collect::<Vec<_>>() {
        dotted if dotted.len() >= 2 => dotted,
        _ => words.iter().copied().take_while(|w| one(w)).collect(),
    };
    (letters.len() >= 2 && letters.iter().all(|l| one(l))).then(|| letters.concat())
}

/// Where the given name starts in a Japanese name written as one word, a
/// family name of one to three kanji before a given name in kana.
fn kana_given(chars: &[char]) -> Option<usize> {
    let at = chars.iter().position(|&c| !is_han(c))?;
    let kana = &chars[at..];
    let all = |is: fn(char) -> bool| kana.iter().all(|&c| is(c));
    ((1..=3).contains(&at)
        && (2..=6).contains(&kana.len())
        && (all(is_hiragana) || all(is_katakana)))
    .then_some(at)
}

/// Japanese, Korean and Hindi honorifics as written in Latin letters after
/// a name ("Tanaka-san", "Sharma ji").
const ROMANIZED_HONORIFICS: [&str; 9] = [
    "san", "sama", "kun", "chan", "sensei", "senpai", "nim", "ssi", "ji",
];

const HAN_HONORIFICS: [&str; 14] = [
    "先生", "女士", "小姐", "老师", "老師", "同学", "同學", "总", "總", "经理", "經理", "医生",
    "醫生", "太太",
];

/// A name as written; where it has an umlaut, as written without one
/// (Müller is "Mueller" on a keyboard without ü), and the other way
/// round inside a word of five letters or more ("Juergen" is "Jürgen";
/// not "Joe").
fn spellings(name: &str) -> impl Iterator<Item = String> {
    const UMLAUTS: [(&str, &str); 6] = [
        ("ä", "ae"),
        ("ö", "oe"),
        ("ü", "ue"),
        ("Ä", "Ae"),
        ("Ö", "Oe"),
        ("Ü", "Ue"),
    ];
    let plain = name.contains(['ä', 'ö', 'ü', 'Ä', 'Ö', 'Ü']).then(|| {
        UMLAUTS
            .iter()
            .fold(name.to_owned(), |n, (u, e)| n.replace(u, e))
    });
    let umlauted = name
        .split(' ')
        .map(|word| match word.char_indices().nth(1) {
            Some((second, _)) if word.chars().count() >= 5 => {
                let (first, rest) = word.split_at(second);
                let rest = (UMLAUTS[..3].iter()).fold(rest.to_owned(), |r, (u, e)| r.replace(e, u));
                format!("{first}{rest}")
            }
            _ => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut all = vec![name.to_owned()];
    for spelled in plain.into_iter().chain([umlauted]) {
        if !all.contains(&spelled) {
            all.push(spelled);
        }
    }
    all.into_iter()
}

impl<'l> NameForms<'l> {
    fn new(handle: &str, name: Option<&str>, lex: &'l Lexicon) -> Self {
        // A single word that is a stop word ("The Coffee Guy" → "the") or a
        // lone letter would match ordinary text, so it is not a name form.
        let usable =
            |key: &str| key.contains(' ') || (key.chars().count() >= 2 && !lex.stop.contains(key));
        // One word that is also an everyday word: only where it calls someone.
        let one_word = |key: &str| !key.contains(' ') && key.chars().any(char::is_lowercase);
        let word_name = |key: &str| one_word(key) && lex.word_names.contains(key);
        let mut names: Vec<(String, String)> = Vec::new();
        let mut called: Vec<(String, String, Call)> = Vec::new();
        let mut surname = Vec::new();
        if let Some(name) = name {
            let words = name_words(name);
            let given = lex.untitled(&words);
            if let [_, .., last] = given.as_slice() {
                surname = spellings(last)
                    .map(|s| (words_form(&s), (*last).to_owned()))
                    .collect();
            }
            // As `Lexicon::first_name` says it (the templates' {first_name}).
            if let Some(first) = given.first().or(words.first()).copied() {
                let full = words.join(" ");
                let add = |names: &mut Vec<(String, String)>, shown: &str| {
                    for spelled in spellings(shown) {
                        let key = words_form(&spelled);
                        if usable(&key) && !names.iter().any(|(k, _)| *k == key) {
                            names.push((key, shown.to_owned()));
                        }
                    }
                };
                for shown in [full.as_str(), first] {
                    add(&mut names, shown);
                }
                let key = words_form(first);
                if !usable(&key) && key.chars().count() >= 2 && one_word(&key) {
                    called.push((key, format!("addresses {first} by name"), Call::Common));
                }
                // ("OK" for O. K. Bello would be every "OK, thanks!".)
                if let Some(joined) =
                    initials(&given).filter(|j| !lex.stop.contains(&words_form(j)))
                {
                    let reason = format!("addresses {joined} by name");
                    called.push((words_form(&joined), reason, Call::Initials));
                }
                // East Asian names are written family name first, often
                // without a space; people are addressed by it ("田中さん"),
                // friends by the given name ("太郎さん", "민준님").
                let chars: Vec<char> = full.chars().collect();
                let all = |is: fn(char) -> bool| chars.iter().all(|&c| c == ' ' || is(c));
                let kana_at = kana_given(&chars);
                let parts: Vec<String> = match words.as_slice() {
                    [_] if chars.len() >= 3 && all(is_han) => {
                        // One family character before two given ones
                        // (王小明), or two (欧阳娜娜).
                        let (family, given) = chars.split_at(if chars.len() == 3 { 1 } else { 2 });
                        [family, given].map(|p| p.iter().collect()).to_vec()
                    }
                    [_] if chars.len() == 3 && all(is_hangul) => vec![chars[1..].iter().collect()],
                    [_, given] if all(is_han) || all(is_hangul) => vec![(*given).to_owned()],
                    _ => Vec::new(),
                };
                for part in parts {
                    add(&mut names, &part);
                }
                // A family name in kanji, a given name in kana, as one word
                // (佐藤ひろし): either calls them with an honorific after it,
                // "佐藤さん", "ひろしさん" (kana alone are often part of a
                // word: まり in あまり; and such a name may be a phrase).
                if let (Some(at), [_]) = (kana_at, words.as_slice()) {
                    let (family, given) = chars.split_at(at);
                    for part in [family, given].map(|p| p.iter().collect::<String>()) {
                        for (h, _) in honorifics().iter().filter(|(_, spaced)| !spaced) {
                            add(&mut names, &honored(&part, h, false));
                        }
                    }
                }
                // A family name of one character (王) is too common a
                // character to be a name alone: it calls someone with
                // how one addresses them after it (王先生, 王老师; 老王
                // and 小王 are words too often: 小时, 老高兴).
                let family = match words.as_slice() {
                    [_] if (2..=3).contains(&chars.len()) && all(is_han) => Some(chars[0]),
                    [family, _] if all(is_han) => family
                        .chars()
                        .next()
                        .filter(|_| family.chars().count() == 1),
                    _ => None,
                };
                if let Some(f) = family {
                    for honorific in HAN_HONORIFICS {
                        add(&mut names, &format!("{f}{honorific}"));
                    }
                }
            }
        }
        let mut handles: Vec<(String, String)> = Vec::new();
        let mut mention_keys: Vec<String> = Vec::new();
        let h = handle.trim();
        let bare = strip_handle_prefix(h);
        let local = local_part(bare);
        for part in std::iter::once(bare).chain(local) {
            let key = words_form(part);
            if key.is_empty() {
                continue;
            }
            if usable(&key) && !handles.iter().any(|(k, _)| *k == key) {
                handles.push((key.clone(), part.to_owned()));
            }
            mention_keys.push(key);
        }
        // Where the platform gives no display name (YouTube, Instagram,
        // Threads) the handle holds the first name: "Maria" for maria.g.
        let taken = |key: &str| {
            !usable(key)
                || lex.greetings.iter().any(|g| g == key)
                || names.iter().chain(&handles).any(|(k, _)| k == key)
                || called.iter().any(|(k, ..)| k == key)
        };
        let from_handle: Vec<_> = (handle_first_names(handle_as_called(h)).into_iter())
            .filter(|(key, ..)| !taken(key))
            .map(|(key, shown, how)| (key, format!("addresses {shown} by name"), how))
            .collect();
        called.extend(from_handle);
        let reasons = (names
            .iter()
            .map(|(k, shown)| (k, format!("addresses {shown} by name"))))
        .chain(
            handles
                .iter()
                .map(|(k, shown)| (k, format!("addresses {shown} by their handle"))),
        );
        for (key, reason) in reasons {
            if word_name(key) && !called.iter().any(|(k, ..)| k == key) {
                called.push((key.clone(), reason, Call::Word));
            }
        }
        // A handle's pieces are no name: "docker" of docker_dan is the
        // word they asked about, "does it run in Docker?".
        let whole_handles = handles.iter().filter(|(k, _)| !k.contains(' '));
        let words = names
            .iter()
            .chain(whole_handles)
            .flat_map(|(k, _)| k.split(' ').map(str::to_owned))
            .collect();
        NameForms {
            names,
            handles,
            mention_keys,
            called,
            greetings: &lex.greetings,
            surname,
            titles: &lex.titles,
            words,
        }
    }

    /// Where `text` calls the person by a name that is also a word. Written
    /// as a name is (capitalised) within a sentence: "Thanks Mark for the
    /// note". At a sentence's start, where any word is capitalised, only set
    /// off by a comma or "!" ("Mark, thanks"; not "Mark the date"). In lower
    /// case, only in a sentence that starts with a greeting ("thanks so much
    /// mark"), set off at a sentence's start, or after a comma at a clause's
    /// end ("great point, mark"): "we'll mark the date" and "as a latte"
    /// call nobody. A first name that is a stop word must be capitalised
    /// and set off ("Cheers Will", "Great point Ed, thanks"; not "Will it
    /// ship?"), or follow a greeting right away ("Thanks Ed for watching"). Each place with the reason it gives and how the form was to
    /// be written.
    fn called_by_name(&self, text: &str) -> Vec<(Range<usize>, &str, Call)> {
        if self.called.is_empty() {
            return Vec::new();
        }
        word_spans(text)
            .filter_map(|r| {
                let word = &text[r.clone()];
                // Folding ASCII is lower-casing: most words need no copy.
                let is = |key: &String| match word.is_ascii() {
                    true => word.eq_ignore_ascii_case(key),
                    false => fold(word) == *key,
                };
                let (_, reason, how) = self.called.iter().find(|(key, ..)| is(key))?;
                Some((r, reason.as_str(), *how))
            })
            .filter(|(r, _, how)| {
                let word = &text[r.clone()];
                let before = text[..r.start].trim_end_matches([' ', '\u{a0}']);
                let after = &text[r.end..];
                let starts_sentence =
                    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', ';']);
                // Nothing but emoji after it ("Ed ❤️", "Thanks so much May
                // 🙏"): set off as by a "!". Not a full stop ("…for now.
                // May."), nor the end alone.
                let emoji_after = {
                    let rest = without_emoticons(after);
                    let rest = rest.trim_start();
                    !rest.is_empty()
                        && !rest.starts_with(|c: char| c.is_ascii_punctuation())
                        && !rest.chars().any(char::is_alphanumeric)
                };
                // (French writes a space before "!": "Merci Léa !".)
                let ends_clause = {
                    let next = after.trim_start();
                    next.is_empty()
                        || emoji_after
                        || next.starts_with([',', '!', '?', '.', ';', ':', '…'])
                };
                // At a sentence's start any word is capitalised: with emoji
                // after it, only the reply's first word ("Yes. Will 👍" is
                // a word).
                let set_off = if starts_sentence {
                    after.starts_with([',', '!']) || (before.is_empty() && emoji_after)
                } else {
                    ends_clause
                };
                // The sentence so far starts with a greeting or thanks; or
                // (`only`) is one, with no comma after it.
                let greeted = |only: bool| {
                    let comma = only && before.ends_with(',');
                    !(starts_sentence || comma) && {
                        let sentence = before
                            .rsplit(['.', '!', '?', '\n', ':', ';'])
                            .next()
                            .unwrap_or_default();
                        let said = words_form(sentence);
                        // Between the greeting and the name, only words that
                        // go on thanking ("thanks so much mark"): "thanks,
                        // we'll mark the date" calls nobody.
                        self.greetings.iter().any(|g| {
                            said.strip_prefix(g.as_str()).is_some_and(|b| {
                                b.is_empty()
                                    || (!only
                                        && b.starts_with(' ')
                                        && b.split_whitespace()
                                            .all(|w| GREETING_GOES_ON.contains(&w)))
                            })
                        })
                    }
                };
                let capital = word.starts_with(char::is_uppercase);
                // A reply of the name alone, whatever around it, calls them.
                let alone = |s: &str| !s.chars().any(char::is_alphanumeric);
                if capital && alone(before) && alone(after) {
                    return true;
                }
                let last = before
                    .rsplit([' ', '\u{a0}', '\n'])
                    .next()
                    .unwrap_or_default();
                if BEFORE_A_NOUN.iter().any(|d| last.eq_ignore_ascii_case(d)) {
                    return false;
                }
                match how {
                    // "Thanks Ed for watching" calls Ed; "Thanks, Will do"
                    // and "we will" call nobody.
                    Call::Common => capital && (set_off || greeted(true)),
                    Call::Initials => {
                        capital
                            && (greeted(true)
                                || starts_sentence && set_off
                                || before.ends_with(',') && ends_clause)
                    }
                    // "Thanks so much Tom for…"; not "Thanks, Best wishes".
                    Call::HandleWord | Call::HandleStart => {
                        let after_greeting = !before.ends_with(',') && greeted(false);
                        capital
                            && (*how == Call::HandleWord || !starts_sentence)
                            && (set_off || after_greeting)
                    }
                    Call::Word if capital => !starts_sentence || set_off || greeted(false),
                    Call::Word => {
                        greeted(false)
                            || (starts_sentence && set_off)
                            || (ends_clause && before.ends_with(','))
                    }
                }
            })
            .collect()
    }

    /// Whether a name form counts only where the reply calls the person by
    /// it (an everyday word: `called_by_name`).
    fn called_only(&self, key: &str) -> bool {
        self.called.iter().any(|(c, ..)| c == key)
    }

    fn keys_longest_first(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self
            .names
            .iter()
            .chain(&self.handles)
            .map(|(k, _)| k.as_str())
            .collect();
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        keys
    }

    /// Whether a mention (`@carlos`, `@carlos@server`, `u/carlos`) is one of
    /// the addressee's handles, or their name where there are no handles
    /// (`@Anna` on WordPress, Disqus's `@Bob Reader`). Unlike a bare word, a
    /// mention counts even when it is a common word: the `@` makes it
    /// unambiguous.
    fn is_handle_mention(&self, mention: &str) -> bool {
        let bare = strip_handle_prefix(mention);
        let key = words_form(bare);
        let local = bare.split_once(['@', '＠']).map(|(l, _)| words_form(l));
        // Not a handle's first name: "@maria" is someone else than @maria.g.
        let called = (self.called.iter())
            .filter(|(.., how)| !matches!(how, Call::HandleWord | Call::HandleStart));
        let names = (self.names.iter().map(|(k, _)| k)).chain(called.map(|(k, ..)| k));
        (self.mention_keys.iter().chain(names)).any(|k| *k == key || Some(k) == local.as_ref())
    }

    /// The first name form found in `words` (words form), as a reason; not
    /// the one-word forms, found where they are called (`called_by_name`).
    fn addressed_in(&self, words: &str) -> Option<String> {
        let found =
            |(k, _): &&(String, String)| !self.called_only(k) && find_bounded(words, k).is_some();
        if let Some((_, shown)) = self.names.iter().find(found) {
            return Some(format!("addresses {shown} by name"));
        }
        for (key, shown) in &self.surname {
            // With an honorific after it, as Japanese and Korean write one
            // ("Tanakaさん", "Kim님", "Tanaka-san"), as with a title before.
            if words.contains(key.as_str())
                && (honorifics().iter())
                    .any(|(h, spaced)| find_bounded(words, &honored(key, h, *spaced)).is_some())
            {
                return Some(format!("addresses {shown} by title and surname"));
            }
            let mut from = 0;
            while let Some(r) = find_bounded(&words[from..], key) {
                let at = from + r.start;
                let title = words[..at]
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .unwrap_or_default();
                if self.titles.contains(title) {
                    return Some(format!("addresses {shown} by title and surname"));
                }
                from = at + r.len();
            }
        }
        self.handles
            .iter()
            .find(found)
            .map(|(_, shown)| format!("addresses {shown} by their handle"))
    }

    /// Whether `text` (folded, mentions blanked) has any word left once the
    /// addressee's names are taken out: "@bob 👍" or "Joe!" say nothing.
    fn said_something_besides(&self, text: &str) -> bool {
        let mut words = squeeze(&without_emoticons(text));
        for key in self.keys_longest_first() {
            words = replace_bounded(&words, key, SENTINEL);
        }
        // A surname with its title or honorific is a name too ("Frau
        // Müller", "Tanakaさん", "Tanaka-san").
        for (key, _) in &self.surname {
            if !words.contains(key.as_str()) {
                continue;
            }
            words = replace_bounded(&words, key, SENTINEL)
                .split(' ')
                .map(|w| w.trim_start_matches(SENTINEL))
                .filter(|w| !self.titles.contains(*w) && !honorifics().iter().any(|(h, _)| h == w))
                .collect::<Vec<_>>()
                .join(" ");
        }
        words.chars().any(char::is_alphanumeric)
    }
}

/// The ASCII emoticons a name may stand with, as an emoji would ("Ed <3",
/// "Sarah :)"): the heart's digit is no word said.
const EMOTICONS: [&str; 10] = [
    "<3", ":-)", ":)", ":-D", ":D", ";-)", ";)", ":P", ":p", "^^",
];

/// `text` with its ASCII emoticons written as an emoji (one that is no
/// word nor sign of a sentence's end).
fn without_emoticons(text: &str) -> std::borrow::Cow<'_, str> {
    match EMOTICONS.iter().any(|e| text.contains(e)) {
        false => std::borrow::Cow::Borrowed(text),
        true => EMOTICONS
            .iter()
            .fold(text.to_owned(), |t, e| t.replace(e, "🙂"))
            .into(),
    }
}

/// The byte ranges of the words of `text` (runs of word characters).
fn word_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(at, c)| match (is_word_char(c), start) {
            (true, None) => {
                start = Some(at);
                None
            }
            (false, Some(from)) => {
                start = None;
                Some(from..at)
            }
            _ => None,
        })
}

/// What a person goes by in a handle of several parts: `carlos` of
/// `carlos@mastodon.social`, `eve` of `eve.bsky.social`.
fn local_part(bare: &str) -> Option<&str> {
    (bare.split_once(['@', '＠']).map(|(l, _)| l)).or_else(|| bare.strip_suffix(".bsky.social"))
}

/// A handle as one calls the person by it: without its `@` or `u/`, and
/// its local part (see [`local_part`]) where it has one.
pub fn handle_as_called(handle: &str) -> &str {
    let bare = strip_handle_prefix(handle.trim());
    local_part(bare).filter(|l| !l.is_empty()).unwrap_or(bare)
}

/// `carlos` from `@carlos`, `＠carlos`, `u/carlos` or `/u/carlos`.
pub fn strip_handle_prefix(h: &str) -> &str {
    let h = h.trim_start_matches(['@', '＠']);
    ["/u/", "u/", "/U/", "U/"]
        .iter()
        .find_map(|p| h.strip_prefix(p))
        .unwrap_or(h)
}

/// Content words of `reply` that also occur in `parent`, as written in the
/// reply (lower case). Content words are words of `content_word_min_chars`
/// or more letters that are not stop words, numbers of 2+ digits, katakana
/// words, and runs of 2+ Han characters (compared by pairs, since Chinese and
/// Japanese put no spaces between words).
fn shared_content(reply: &str, parent: &str, lex: &Lexicon, skip: &HashSet<String>) -> Vec<String> {
    let parent = &unquoted(parent);
    let parent_clean = blank_spans(parent, &link_and_mention_spans(parent));
    let mut parent_keys: HashSet<String> = HashSet::new();
    // Parent words by their first four characters: two words can only share
    // a stem (see `same_stem`) if they share those.
    let mut parent_stems: HashMap<String, Vec<String>> = HashMap::new();
    // A name that is also an everyday word, written in lower case on both
    // sides, is that word ("the bill" to Bill Stone), not a name.
    let lower = |w: &str| !w.chars().any(char::is_uppercase);
    let mut parent_lower: HashSet<String> = HashSet::new();
    for t in tokens(&parent_clean) {
        match t.kind {
            TokKind::Word => {
                let key = fold(t.text);
                if lower(t.text) && lex.word_names.contains(&key) {
                    parent_lower.insert(key.clone());
                }
                if is_content_word(&key, lex) && !parent_keys.contains(&key) {
                    parent_stems
                        .entry(stem_bucket(&key))
                        .or_default()
                        .push(key.clone());
                    parent_keys.insert(key);
                }
            }
            TokKind::Number if refers(t.text) => {
                parent_keys.insert(t.text.to_owned());
            }
            TokKind::Number => {}
            TokKind::Kata => {
                let key = fold(t.text);
                if key.chars().count() >= 2 && !lex.stop.contains(&key) {
                    parent_keys.insert(key);
                }
            }
            TokKind::Han => {
                for pair in han_pairs(t.text) {
                    if !lex.stop.contains(&pair) {
                        parent_keys.insert(pair);
                    }
                }
            }
        }
    }

    let reply_clean = blank_spans(reply, &link_and_mention_spans(reply));
    let mut shown: Vec<String> = Vec::new();
    let mut show = |s: String| {
        if !shown.contains(&s) {
            shown.push(s);
        }
    };
    // The act or the thing thanked for ("Thanks for ordering!", "thanks for
    // the suggestion") and the day wished back ("Have a great weekend
    // too!") are stock words, whatever they wrote of them: there, not
    // where the reply says them again ("Happy Saturday! Yes, Saturday too").
    let stock: Vec<std::ops::Range<usize>> = (stock_words().captures_iter(&reply_clean))
        .filter_map(|c| c.iter().skip(1).flatten().next())
        .map(|m| m.range())
        .collect();
    let reply_clean = blank_spans(&reply_clean, &stock);
    for t in tokens(&reply_clean) {
        match t.kind {
            TokKind::Word => {
                let key = fold(t.text);
                let a_word = lower(t.text) && parent_lower.contains(&key);
                if is_content_word(&key, lex)
                    && (!skip.contains(&key) || a_word)
                    && (parent_keys.contains(&key)
                        || parent_stems.get(&stem_bucket(&key)).is_some_and(|ws| {
                            ws.iter().any(|p| same_stem(&key, p, lex.min_content_chars))
                        }))
                {
                    show(t.text.to_lowercase());
                }
            }
            TokKind::Number => {
                if refers(t.text) && parent_keys.contains(t.text) {
                    show(t.text.to_owned());
                }
            }
            TokKind::Kata => {
                let key = fold(t.text);
                if !skip.contains(&key) && parent_keys.contains(&key) {
                    show(t.text.to_owned());
                }
            }
            TokKind::Han => {
                for run in shared_han_runs(t.text, &parent_keys, lex) {
                    show(run);
                }
            }
        }
    }
    shown.truncate(MAX_SHOWN_WORDS);
    shown
}

/// The words of stock thanks and wishes, each in its group: a gerund or a
/// thing of any comment right after a thanks and "for" ("thanks for
/// watching", "thank you for the suggestion"), a day or a time wished a
/// good one ("have a great weekend", "happy Sunday"), a holiday wished in
/// words that are content in another language ("buone feste", "nowego
/// roku").
fn stock_words() -> &'static regex::Regex {
    static STOCK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(concat!(
            r"(?i)\b(?:thanks|thank\s+you|thx|ty)(?:\s+(?:so|very)\s+much)?\s+for\s+",
            r"(?:(\w+ing)\b|(?:the|your|this|that|all\s+the)\s+(?:kind\s+|lovely\s+|great\s+|nice\s+|sweet\s+)?",
            r"(suggestions?|reviews?|shout-?outs?|shout|tips?|recommendations?|recs?|ideas?|compliments?|reports?|mentions?|info|heads|orders?|purchases?|visit)\b)",
            r"|(?:(?:^|[.!?,;]\s*)(?:have\s+an?|enjoy\s+(?:the|your))|\bhappy|\bwish\s+you\s+an?)\s+",
            r"(?:(?:great|good|nice|lovely|wonderful|fab|fabulous|amazing|fantastic|awesome|brilliant|super|beautiful|peaceful|cozy|relaxing|restful|blessed)\s+)?",
            r"(weekend|week|day|evening|night|morning|monday|tuesday|wednesday|thursday|friday|saturday|sunday|holiday|holidays|vacation|summer)\b",
            // Wishes whose words are another language's ("feste", "roku"):
            // stock here, content there.
            r"|\b(size\s+de|sana\s+da|(?:mutlu\s+yıllar|iyi\s+bayramlar)\s+size|buona\s+festa|buone\s+feste|felici\s+feste|karte\s+raho|szczęśliwego\s+(?:nowego\s+)?roku|nowego\s+roku|do\s+siego\s+roku)\b",
        ))
        .expect("a constant, valid regex")
    });
    &STOCK
}

/// A word long enough, or one mixing letters and digits whatever its
/// length (a model or a format: "V60", "PS5", "mp3"), that is no stop word.
fn is_content_word(key: &str, lex: &Lexicon) -> bool {
    (key.chars().count() >= lex.min_content_chars || key.chars().any(|c| c.is_numeric()))
        && key.chars().any(char::is_alphabetic)
        && !lex.stop.contains(key)
}

fn digit_count(s: &str) -> usize {
    s.chars().filter(|c| c.is_numeric()).count()
}

/// Whether a number given back refers to what they wrote (an order, a
/// price, a size: "order 4512", "the 250 g bag"), not praise or a wish
/// echoed: a score or a share ("10/10", "100%") or a year ("Happy 2027 to
/// you too!").
fn refers(number: &str) -> bool {
    let year = number.len() == 4
        && number.bytes().all(|b| b.is_ascii_digit())
        && (number.starts_with("19") || number.starts_with("20"));
    // Full marks, "10/10", "5/5", or all of it, "100%".
    let full = number.split_once('/').is_some_and(|(a, b)| a == b)
        || matches!(number.trim_end_matches('%'), "10" | "100");
    digit_count(number) >= 2 && !year && !full
}

/// A crude stemmer that needs no language: "coupon"/"coupons",
/// "livraison"/"livraisons", "grind"/"grinder", "berry"/"berries",
/// "cookie"/"cookies", "crashed"/"crashes", "flavours"/"flavors" match;
/// "ship"/"shipping", "event"/"evening", "ordered"/"ordering" do not.
fn same_stem(a: &str, b: &str, min: usize) -> bool {
    let prefix = |a: &str, b: &str, min: usize| {
        let (la, lb) = (a.chars().count(), b.chars().count());
        let (short, long, ls, ll) = if la <= lb {
            (a, b, la, lb)
        } else {
            (b, a, lb, la)
        };
        // (Not a derivation: "final" and "finalize", "special" and
        // "specialist" are other words.)
        let derived = ["ize", "ise", "ist", "ism", "ity", "ify"]
            .iter()
            .any(|end| long.strip_prefix(short) == Some(*end));
        ls >= min && ll - ls <= 3 && long.starts_with(short) && !derived
    };
    // A gerund is no other form's: "Thanks for subscribing!" thanks the
    // act, whatever form "Subscribed!" took.
    let gerund = |w: &str| w.ends_with("ing");
    let stem = |s: &Cow<'_, str>| s.chars().count() >= min.max(5);
    forms(a).any(|a| forms(b).any(|b| prefix(&a, &b, min.max(4))))
        || !gerund(a) && !gerund(b) && stems(a).any(|a| stem(&a) && stems(b).any(|b| a == b))
}

/// A word, and where it is an English plural in -ies, its singulars in -y
/// and -ie ("cities": "city"; "cookies": "cookie"), which the plural does
/// not start with.
fn forms(word: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    let singulars = ies_stem(word)
        .into_iter()
        .flat_map(|s| [format!("{s}y"), format!("{s}ie")]);
    std::iter::once(word.into()).chain(singulars.map(Into::into))
}

/// A word, and what it and another form of it may both become, compared
/// whole from five letters on ("pressed" and "pressure" do not, nor
/// "classes" and "classic"): the word without an ending of English
/// inflection ("crashed", "crashes": "crash"), and with a British "-our"
/// after its third letter spelled the American way ("flavours": "flavors").
fn stems(word: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let spellings: Vec<Cow<'_, str>> = std::iter::once(word.into())
        .chain(american(word).map(Into::into))
        .collect();
    spellings.into_iter().flat_map(|w| {
        let uninflected: Vec<Cow<'_, str>> = ["ed", "es", "s", "d"]
            .iter()
            .filter_map(|end| w.strip_suffix(end).map(|s| Cow::Owned(s.to_owned())))
            .collect();
        std::iter::once(w).chain(uninflected)
    })
}

/// A British spelling the American way, after the word's third letter:
/// "flavour" "flavor", "organise" "organize", "analyse" "analyze",
/// "travelled" "traveled", "jewellery" "jewelry", "centre" "center".
fn american(word: &str) -> Option<String> {
    const SPELLINGS: [(&str, &str); 6] = [
        ("our", "or"),
        ("ise", "ize"),
        ("yse", "yze"),
        ("ellery", "elry"),
        ("ell", "el"),
        ("tre", "ter"),
    ];
    let (at, _) = word.char_indices().nth(3)?;
    let (head, mut tail) = (&word[..at], word[at..].to_owned());
    for (british, american) in SPELLINGS {
        // Doubled before an ending only ("travelled", not "jelly"); "-tre"
        // at the end ("centres" too).
        let fits = |i: usize| match british {
            "ell" => ["ed", "ing", "er", "ers"]
                .iter()
                .any(|e| tail[i + 3..].starts_with(e)),
            "tre" => matches!(&tail[i + 3..], "" | "s"),
            _ => true,
        };
        if let Some(i) = tail.find(british).filter(|&i| fits(i)) {
            tail.replace_range(i..i + british.len(), american);
        }
    }
    (tail != word[at..]).then(|| format!("{head}{tail}"))
}

/// Words that may share a stem share this: their first four letters, a
/// plural in -ies read as its singular in -y ("cities" and "city").
fn stem_bucket(key: &str) -> String {
    let y = ies_stem(key).map(|s| format!("{s}y"));
    y.as_deref().unwrap_or(key).chars().take(4).collect()
}

/// What an English plural in -ies has before it ("cit" of "cities"),
/// three letters or more.
fn ies_stem(word: &str) -> Option<&str> {
    word.strip_suffix("ies").filter(|s| s.chars().count() >= 3)
}

fn han_pairs(run: &str) -> Vec<String> {
    let chars: Vec<char> = fold(run).chars().filter(|&c| is_han(c)).collect();
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// The longest stretches of a Han run whose every adjacent pair occurs in
/// the parent, as written in the reply.
fn shared_han_runs(run: &str, parent_keys: &HashSet<String>, lex: &Lexicon) -> Vec<String> {
    let chars: Vec<char> = run.chars().filter(|&c| is_han(c)).collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for i in 0..chars.len() {
        let shared = i + 1 < chars.len() && {
            let pair = fold(&chars[i..i + 2].iter().collect::<String>());
            parent_keys.contains(&pair) && !lex.stop.contains(&pair)
        };
        match (shared, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(chars[s..=i].iter().collect());
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verdict_is_named_once_before_its_reasons() {
        let reasons = |r: &[&str]| r.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let generic = reasons(&[
            "generic: no name and nothing from their comment",
            "the leading @a is inserted by the platform",
        ]);
        assert_eq!(
            Verdict::Generic.explained(&generic, " · "),
            "generic: no name and nothing from their comment · the leading @a is inserted by the platform"
        );
        let personal = reasons(&["addresses Joe by name", "refers to what they wrote: burrs"]);
        assert_eq!(
            Verdict::Personal.explained(&personal, "; "),
            "personal: addresses Joe by name; refers to what they wrote: burrs"
        );
        assert_eq!(Verdict::Canned.explained(&[], "; "), "canned");
    }

    fn judge_default(input: &ReplyInput) -> Judgement {
        judge(input, AnalysisConfig::builtin())
    }

    fn reply<'a>(
        body: &'a str,
        platform: &'a str,
        handle: &'a str,
        name: Option<&'a str>,
    ) -> ReplyInput<'a> {
        ReplyInput {
            reply_body: body,
            platform,
            addressee_handle: handle,
            addressee_name: name,
            parent_body: None,
            same_text_recipients: 1,
            written_here: false,
        }
    }

    #[test]
    fn a_name_that_is_an_everyday_word_is_replaced_only_where_it_calls() {
        let text = "Thanks! We'll mark the coupon date as fixed.";
        let mark = canned_key(text, "mlee", Some("Mark Lee"));
        assert_eq!(mark, canned_key(text, "bjones", Some("Bob Jones")));
        assert_eq!(mark, "thanks we ll mark the coupon date as fixed");
        assert_eq!(
            canned_key("Thanks Mark, fixed!", "mlee", Some("Mark Lee")),
            canned_key("Thanks Bob, fixed!", "bjones", Some("Bob Jones"))
        );
        // A handle that is an everyday word: the same.
        let coffee = canned_key("Enjoy the coffee, see you soon!", "coffee", None);
        assert_eq!(
            coffee,
            canned_key("Enjoy the coffee, see you soon!", "ann", None)
        );
    }

    #[test]
    fn a_first_name_a_handle_holds_is_the_canned_texts_name() {
        let maria = canned_key("@maria.g thanks Maria!", "maria.g", None);
        assert_eq!(maria, "{name} thanks {name}");
        assert_eq!(canned_key("@tom.h thanks Tom!", "tom.h", None), maria);
        assert_eq!(
            canned_key("@sarahjones thanks Sarah!", "sarahjones", None),
            maria
        );
    }

    #[test]
    fn canned_key_replaces_names_and_drops_punctuation() {
        let joe = canned_key("Thanks for your comment, Joe!", "joe_b", Some("Joe Bloggs"));
        let ann = canned_key("thanks for your comment ann", "ann", Some("Ann"));
        assert_eq!(joe, "thanks for your comment {name}");
        assert_eq!(joe, ann);
        assert_eq!(
            canned_key(
                "@carlos@mastodon.social @ana Merci beaucoup 🙏",
                "carlos@mastodon.social",
                None
            ),
            "{name} merci beaucoup"
        );
        assert_eq!(
            canned_key("Thanks u/kim_lee!", "u/kim_lee", None),
            "thanks {name}"
        );
        assert_eq!(
            canned_key("Danke, Jürgen Müller!", "jm", Some("Jürgen Müller")),
            "danke {name}"
        );
        assert_eq!(
            canned_key("¡Gracias María! 😊", "maria88", Some("María")),
            "gracias {name}"
        );
        assert_eq!(canned_key("", "x", None), "");
    }

    /// A template sent with its greeting rotated is one text; the greeting
    /// is the text when nothing but the name follows it.
    #[test]
    fn a_greeting_before_the_name_is_not_the_canned_text() {
        let support = |greeting: &str, name: &str| {
            let body = format!("{greeting} {name}, thanks so much for your support!");
            canned_key(&body, &name.to_lowercase(), Some(name))
        };
        let hi = support("Hi", "Ada");
        assert_eq!(hi, "{name} thanks so much for your support");
        for greeting in [
            "Hey",
            "Hello there",
            "Dear",
            "Good morning",
            "Thank you so much",
        ] {
            assert_eq!(support(greeting, "Bo"), hi, "{greeting}");
        }
        // Not a greeting: the words before the name are the text.
        assert_eq!(
            canned_key("Great to hear Bo, thanks!", "bo", Some("Bo")),
            "great to hear {name} thanks"
        );
        assert_ne!(
            canned_key("Congrats Bo!", "bo", Some("Bo")),
            canned_key("Thanks Bo!", "bo", Some("Bo"))
        );
        // Called by their full name after the greeting: all of it is the name.
        let order = |greeting: &str, name: &str| {
            let body = format!("{greeting} {name}, thanks for the order!");
            canned_key(&body, "someone", Some(name))
        };
        assert_eq!(order("Hi", "Ada Lee"), "{name} thanks for the order");
        assert_eq!(order("Hiya", "Bo Park"), order("Hi", "Ada Lee"));
        assert_eq!(order("Thanks", "Mary Jo Smith"), order("Hi", "Ada Lee"));
    }

    /// The @mentions a platform writes first are not the text sent.
    #[test]
    fn a_platforms_leading_mention_is_not_part_of_the_canned_text() {
        let plain = canned_key_on("reddit", "Thanks for your comment!", "ann", None);
        assert_eq!(plain, "thanks for your comment");
        assert_eq!(
            canned_key_on("youtube", "@dee Thanks for your comment!", "@dee", None),
            plain
        );
        assert_eq!(
            canned_key_on(
                "mastodon",
                "@dee@m.example @ed Thanks for your comment!",
                "dee@m.example",
                None
            ),
            plain
        );
        // Elsewhere (and later in the text) a mention is the addressee's.
        assert_eq!(
            canned_key_on("reddit", "@dee Thanks for your comment!", "dee", None),
            "{name} thanks for your comment"
        );
        assert_eq!(
            canned_key_on("youtube", "Thanks @dee for your comment!", "@dee", None),
            "{name} for your comment"
        );
    }

    /// A sticker or a photo alone is no text: never the same text as
    /// another's (three stickers sent to three people are not canned).
    #[test]
    fn an_attachment_alone_has_no_canned_key() {
        assert_eq!(canned_key("[sticker]", "701", None), "");
        assert_eq!(canned_key("Thanks!\n[GIF]", "ann", None), "thanks");
        assert_eq!(canned_key("[my latte art]", "ann", None), "my latte art");
    }

    #[test]
    fn canned_key_is_a_fixed_point() {
        for (body, h, n) in [
            ("Thanks, Joe!", "joe", Some("Joe Bloggs")),
            ("The coffee, guy", "tcg", Some("The Coffee Guy")),
            ("{name} says hi joe_x", "joe", None),
            // A handle holding the internal placeholder character.
            ("{name}u/🙏U_", "\u{e000}u/@", None),
        ] {
            let k = canned_key(body, h, n);
            assert_eq!(canned_key(&k, h, n), k, "{body}");
        }
    }

    #[test]
    fn verdict_names_round_trip() {
        for v in [Verdict::Personal, Verdict::Generic, Verdict::Canned] {
            assert_eq!(v.as_str().parse::<Verdict>(), Ok(v));
            assert_eq!(v.to_string(), v.as_str());
        }
        assert!("unknown".parse::<Verdict>().is_err());
    }

    #[test]
    fn a_first_name_that_is_a_common_word_counts_where_it_is_written_as_one() {
        let to_will =
            |text: &str| judge_default(&reply(text, "youtube", "@ws", Some("Will Smith"))).verdict;
        assert_eq!(to_will("Cheers Will"), Verdict::Personal);
        assert_eq!(to_will("Good catch, Will."), Verdict::Personal);
        assert_eq!(to_will("Will, thanks for the tip"), Verdict::Personal);
        assert_eq!(
            to_will("Will!"),
            Verdict::Generic,
            "a name alone says nothing"
        );
        assert_eq!(to_will("Thanks, Will do Friday"), Verdict::Generic);
        assert_eq!(to_will("Thanks Will for the tip"), Verdict::Personal);
        assert_eq!(to_will("Thank you so much Will do"), Verdict::Generic);
        assert_eq!(to_will("Thanks! Will do"), Verdict::Generic);
        assert_eq!(to_will("Will it ship soon? Yes"), Verdict::Generic);
        assert_eq!(to_will("We will ship it"), Verdict::Generic);
        assert_eq!(to_will("Willow is back"), Verdict::Generic);
        let ed = judge_default(&reply(
            "Great point Ed, thanks!",
            "x",
            "ew",
            Some("Ed Walker"),
        ));
        assert_eq!(ed.verdict, Verdict::Personal, "{:?}", ed.reasons);
        assert_eq!(ed.reasons, ["addresses Ed by name"]);
        // The same text to Will, Sara and Ana is one text.
        let key = canned_key("Cheers Will!", "ws", Some("Will Smith"));
        assert_eq!(key, canned_key("Cheers Sara!", "sl", Some("Sara Lund")));
        assert_eq!(key, "cheers {name}");
        assert_eq!(
            canned_key("We will ship", "ws", Some("Will Smith")),
            "we will ship"
        );
        // Right after a greeting, a stop-word name ("di", "ed" in the
        // Italian and Spanish lists) is the name: the text sent to Cy, Di
        // and Ed is one text.
        let to = |h: &str, n: &str| canned_key(&format!("Thanks {n} for watching!"), h, Some(n));
        assert_eq!(to("cy", "Cy"), "{name} for watching");
        assert_eq!(to("di", "Di"), to("cy", "Cy"));
        assert_eq!(to("ed", "Ed"), to("cy", "Cy"));
        assert_eq!(
            canned_key("Thanks, Will do", "ws", Some("Will Smith")),
            "thanks will do"
        );
    }

    #[test]
    fn stop_word_first_names_are_not_names() {
        let j = judge_default(&reply(
            "Thanks for the support!",
            "wordpress",
            "tcg",
            Some("The Coffee Guy"),
        ));
        assert_eq!(j.verdict, Verdict::Generic);
        let j = judge_default(&reply(
            "Thanks, Coffee Guy fans!",
            "wordpress",
            "tcg",
            Some("The Coffee Guy"),
        ));
        assert_eq!(j.verdict, Verdict::Generic, "only the full name counts");
    }

    #[test]
    fn leading_mentions_are_skipped_only_on_inserting_platforms() {
        let j = judge_default(&reply(
            "@carlos Thanks! 🙏",
            "mastodon",
            "carlos@mastodon.social",
            Some("Carlos"),
        ));
        assert_eq!(j.verdict, Verdict::Generic);
        assert!(
            j.reasons
                .contains(&"the leading @carlos is inserted by the platform".to_owned()),
            "{j:?}"
        );
        let j = judge_default(&reply(
            "@carlos Thanks! 🙏",
            "github",
            "carlos",
            Some("Carlos"),
        ));
        assert_eq!(j.verdict, Verdict::Personal);
        assert_eq!(j.reasons, ["addresses @carlos"]);
    }

    /// Facebook's "Reply" starts the text with a tag of the full name.
    #[test]
    fn a_leading_full_name_is_skipped_only_where_the_platform_writes_it() {
        let name = Some("Élodie Martin");
        let j = judge_default(&reply("Élodie Martin Thanks! 🙏", "facebook", "1001", name));
        assert_eq!(j.verdict, Verdict::Generic, "{j:?}");
        assert!(
            (j.reasons).contains(&"the leading Élodie Martin is inserted by the platform".into()),
            "{j:?}"
        );
        // Written again after the tag, or the tag cut to the first name,
        // or elsewhere: the person is addressed.
        for (body, platform) in [
            ("Élodie Martin Thanks Élodie! 🙏", "facebook"),
            ("Élodie Thanks! 🙏", "facebook"),
            ("Élodie Martin Thanks! 🙏", "wordpress"),
        ] {
            let j = judge_default(&reply(body, platform, "1001", name));
            assert_eq!(j.verdict, Verdict::Personal, "{body} on {platform}: {j:?}");
        }
        // Typed in ackbox's editor, which starts empty there: it counts.
        let typed = ReplyInput {
            written_here: true,
            ..reply("Élodie Martin Thanks! 🙏", "facebook", "1001", name)
        };
        assert_eq!(judge_default(&typed).verdict, Verdict::Personal);
        // Only the whole name: "Élodie Martineau" is not the tag.
        assert_eq!(leading_name("Élodie Martineau hi", name), 0);
        assert_eq!(
            leading_name("Élodie Martin, hi", name),
            "Élodie Martin, ".len()
        );
        // And the tag is not part of a canned text.
        assert_eq!(
            canned_key_on(
                "facebook",
                "Élodie Martin Thanks for your comment!",
                "1001",
                name
            ),
            canned_key_on("wordpress", "Thanks for your comment!", "ann", Some("Ann")),
        );
    }

    /// A handle or a name in Markdown's code (fenced, indented or inline)
    /// is quoted, not said to anyone; outside it, it is.
    #[test]
    fn code_in_markdown_addresses_nobody() {
        let fenced = "See the docs.\n\n```\n# config example, copied from @carol's repo\n```";
        for body in [
            fenced,
            "See the docs:\n\n    # from @carol's repo",
            "See the docs: `@carol`",
        ] {
            let j = judge_default(&reply(body, "github", "carol", Some("Carol")));
            assert_eq!(j.verdict, Verdict::Generic, "{body}: {j:?}");
        }
        let j = judge_default(&reply("```\nfn main() {}\n```", "reddit", "carol", None));
        assert_eq!(j.reasons, ["generic: only code, no words"]);
        let j = judge_default(&reply(&format!("@carol {fenced}"), "github", "carol", None));
        assert_eq!(j.reasons, ["addresses @carol"]);
        // Elsewhere backticks are only characters.
        let j = judge_default(&reply("Thanks `@carol`!", "youtube", "@carol", None));
        assert_eq!(j.verdict, Verdict::Personal);
    }

    #[test]
    fn han_runs_are_shared_by_pairs() {
        let keys: HashSet<String> = han_pairs("発送日付").into_iter().collect();
        let lex = &AnalysisConfig::builtin().lexicon;
        assert_eq!(shared_han_runs("日付確認", &keys, lex), ["日付"]);
    }

    /// Everyday words are no titles, a name's word that is a title elsewhere
    /// is still a name, and a wish's words in one language are content in
    /// another (EM).
    #[test]
    fn titles_and_stop_words_are_not_taken_from_other_words() {
        let wrong: Vec<String> = [
            // Everyday words before a surname are no title.
            (
                "youtube",
                "Rohan Puri",
                "Please make more street food videos",
                "Pani puri episode is coming next week!",
                Verdict::Generic,
            ),
            (
                "youtube",
                "Sarah Fry",
                "Any tips?",
                "Pan fry them on low heat with butter.",
                Verdict::Generic,
            ),
            (
                "facebook",
                "María Blanco",
                "¿A qué hora abren el sábado?",
                "¡Abrimos a las 8! El pan blanco sale recién hecho.",
                Verdict::Generic,
            ),
            (
                "wordpress",
                "Jan de Heer",
                "Mijn bestelling is niet aangekomen",
                "Mevrouw de Jong van onze klantenservice belt u morgen.",
                Verdict::Generic,
            ),
            // A name's word that is a title elsewhere is still their name.
            (
                "youtube",
                "Heer Kaur",
                "Loved the recipe",
                "Thanks Heer",
                Verdict::Personal,
            ),
            (
                "wordpress",
                "Panu Virtanen",
                "Tilaus ei ole tullut",
                "Kiitos Panu, katsomme asian.",
                Verdict::Personal,
            ),
            (
                "wordpress",
                "Jenny Pan",
                "My order never arrived",
                "Thank you Ms. Pan, we have refunded you.",
                Verdict::Personal,
            ),
            (
                "youtube",
                "Wei Pan",
                "Great tutorial",
                "Thanks Mr Pan, glad it helped.",
                Verdict::Personal,
            ),
            // Wishes echoed back whose words are content elsewhere.
            (
                "youtube",
                "Sam Doe",
                "Mutlu yıllar size!",
                "Size de mutlu yıllar!",
                Verdict::Generic,
            ),
            (
                "youtube",
                "Sam Doe",
                "Buona festa!",
                "Buona festa anche a voi!",
                Verdict::Generic,
            ),
            (
                "youtube",
                "Sam Doe",
                "Szczęśliwego Nowego Roku!",
                "Szczęśliwego Nowego Roku!",
                Verdict::Generic,
            ),
            (
                "youtube",
                "Sam Doe",
                "Bahut accha video, aise hi kaam karte raho",
                "Shukriya, aap bhi support karte raho!",
                Verdict::Generic,
            ),
            // Content words of one language are no stop words of another's wishes.
            (
                "youtube",
                "Sam Doe",
                "What size should I order? I am usually a medium",
                "Go one size up, they run small.",
                Verdict::Personal,
            ),
            (
                "youtube",
                "Sam Doe",
                "Does the app work on Roku?",
                "Yes, Roku is supported since March.",
                Verdict::Personal,
            ),
            (
                "youtube",
                "Sam Doe",
                "Kann ich mit Karte zahlen?",
                "Ja, Karte geht natürlich auch.",
                Verdict::Personal,
            ),
            (
                "youtube",
                "Sam Doe",
                "Qual é o tema da festa?",
                "A festa vai ser de unicórnios!",
                Verdict::Personal,
            ),
        ]
        .into_iter()
        .filter_map(|(platform, name, parent, body, want)| {
            let mut input = reply(body, platform, "someone", Some(name));
            input.parent_body = Some(parent);
            let j = judge_default(&input);
            (j.verdict != want)
                .then(|| format!("{body:?} to {name}: {:?} {:?}", j.verdict, j.reasons))
        })
        .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
