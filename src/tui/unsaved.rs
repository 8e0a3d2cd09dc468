//! Texts a stopped review could not save in the database (a reply or a
//! note being written when a signal came while another ackbox held it, or
//! its disk was full): each in a file of its own, for the user to copy.

use anyhow::Result;
use chrono::Utc;
use std::path::Path;

/// Writes `text`, a `what` ("reply", "note") the database could not take,
/// under `about` (whom it was for) to a file of its own in `dir` (the
/// folder of unsaved texts, `crate::paths::unsaved_dir`), readable by the user
/// alone; another of the same second gets a name of its own.
pub fn keep(dir: &Path, what: &str, about: &str, text: &str) -> Result<std::path::PathBuf> {
    use std::io::Write as _;
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let stamp = Utc::now().format("%Y%m%dT%H%M%S");
    for n in 1..100 {
        let again = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let path = dir.join(format!("unsaved-{what}-{stamp}{again}.txt"));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path);
        match file {
            Ok(mut f) => {
                f.write_all(format!("{about}\n\n{text}\n").as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e.into()),
        }
    }
    anyhow::bail!("too many unsaved texts in {} this second", dir.display())
}

/// The texts a stopped review kept in files (see [`keep`]), said
/// as the review opens: the user's to copy where they belong.
pub fn note() -> Option<String> {
    let dir = crate::paths::unsaved_dir().ok()?;
    let n = (std::fs::read_dir(&dir).ok()?)
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("unsaved-"))
        .count();
    said(n, &dir)
}

/// What [`note`] says of `n` texts kept in `dir`.
fn said(n: usize, dir: &Path) -> Option<String> {
    let (texts, is, copy) = match n {
        0 => return None,
        1 => (
            "1 text".to_owned(),
            "is",
            "it where it belongs, then delete the file",
        ),
        n => (
            format!("{n} texts"),
            "are",
            "them where they belong, then delete the files",
        ),
    };
    Some(format!(
        "{texts} a stopped review could not save {is} in {}: copy {copy}",
        crate::text::path_name(dir)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_note_says_what_to_do_with_one_text_or_more() {
        let dir = Path::new("/tmp/unsaved");
        assert_eq!(said(0, dir), None);
        assert!(said(1, dir).is_some_and(|s| {
            s.starts_with("1 text a stopped review could not save is in")
                && s.ends_with(": copy it where it belongs, then delete the file")
        }));
        assert!(said(2, dir).is_some_and(|s| s.starts_with("2 texts")
            && s.ends_with(": copy them where they belong, then delete the files")));
    }

    /// Two texts kept in the same second are two files, each saying whom
    /// it was for, readable by the user alone.
    #[test]
    fn texts_kept_in_files_each_have_their_own() {
        let dir = tempfile::tempdir().expect("dir");
        let folder = dir.path().join("state").join("ackbox");
        let one = keep(&folder, "reply", "A reply to ann on x (x:1):", "first").expect("kept");
        let two = keep(&folder, "reply", "A reply to bo on x (x:2):", "second").expect("kept");
        assert_ne!(one, two);
        let read = |p: &std::path::Path| std::fs::read_to_string(p).expect("read");
        assert_eq!(read(&one), "A reply to ann on x (x:1):\n\nfirst\n");
        assert_eq!(read(&two), "A reply to bo on x (x:2):\n\nsecond\n");
        let mode = |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode();
        assert_eq!(mode(&one) & 0o777, 0o600);
        assert_eq!(mode(&folder) & 0o777, 0o700);
    }
}
