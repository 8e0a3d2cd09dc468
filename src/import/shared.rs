//! Small helpers that importers of any kind share (XML or JSON, streamed or
//! read whole), kept here so that each is written once: counting what was
//! skipped, the byte probes of `Format::detect`, and a thread title made
//! from a post's text.

use crate::import::format::Skipped;

/// Counts `n` items skipped for `reason`.
pub(crate) fn bump(skipped: &mut Skipped, reason: &str, n: u64) {
    *skipped.entry(reason.to_owned()).or_default() += n;
}

/// Whether `needle` (not empty) occurs in `haystack`.
pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The head with ASCII whitespace removed, so detection ignores formatting.
pub(crate) fn squash(head: &[u8]) -> Vec<u8> {
    head.iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect()
}

/// The head without whitespace (see [`squash`]) when it opens a JSON object
/// or array, for detecting formats by the keys they use.
pub(crate) fn json_head(head: &[u8]) -> Option<Vec<u8>> {
    let head = squash(head);
    matches!(head.first(), Some(b'{' | b'[')).then_some(head)
}

/// The first non-empty line of a text, cut to about 80 characters.
pub(crate) fn title_of(text: &str) -> Option<String> {
    const MAX: usize = 80;
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    if line.chars().count() <= MAX {
        return Some(line.to_owned());
    }
    let cut: String = line.chars().take(MAX - 1).collect();
    // At a word boundary when there is one near the end.
    let cut = match cut.rfind(' ') {
        Some(i) if cut[..i].chars().count() >= MAX - 20 => &cut[..i],
        _ => cut.as_str(),
    };
    Some(format!("{}…", cut.trim_end()))
}
