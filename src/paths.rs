//! Where the database and the config live: the command line and
//! `ACKBOX_DB`/`ACKBOX_CONFIG` first, then XDG, then `directories`.

use anyhow::{Result, anyhow};
use std::path::PathBuf;

fn project() -> Result<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "ackbox")
        .ok_or_else(|| anyhow!("cannot find a home directory; pass --db and --config"))
}

/// An absolute path from an XDG variable (relative ones are ignored, as the spec says).
fn xdg(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
}

/// A path given with a leading `~` (quoted, or from a crontab or an env
/// file, no shell expanded it) in the home directory, not in a folder
/// named `~` made where the command runs.
fn home_expanded(path: PathBuf) -> Result<PathBuf> {
    match path.strip_prefix("~") {
        Ok(rest) => Ok(directories::BaseDirs::new()
            .ok_or_else(|| anyhow!("cannot find the home directory to read {}", path.display()))?
            .home_dir()
            .join(rest)),
        Err(_) => Ok(path),
    }
}

/// The database file: `--db`/`ACKBOX_DB` (resolved by the CLI), else
/// `$XDG_DATA_HOME/ackbox/ackbox.db`, else the platform's data directory.
pub fn database(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        // Not yet there, `dir/` would be made a file by one command and
        // be no database to the next, which reads it as a folder.
        let b = p.as_os_str().as_encoded_bytes();
        if [&b"/"[..], b"/.", b"/.."]
            .iter()
            .any(|end| b.ends_with(end))
            || b == b"."
            || b == b".."
        {
            anyhow::bail!(
                "{} names a folder: --db or ACKBOX_DB names the database file",
                crate::text::path_name(&p)
            );
        }
        return home_expanded(p);
    }
    let dir = match xdg("XDG_DATA_HOME") {
        Some(d) => d.join("ackbox"),
        None => project()?.data_dir().to_path_buf(),
    };
    Ok(dir.join("ackbox.db"))
}

/// The config file: `--config`/`ACKBOX_CONFIG`, else
/// `$XDG_CONFIG_HOME/ackbox/config.toml`, else the platform's config directory.
pub fn config(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return home_expanded(p);
    }
    let dir = match xdg("XDG_CONFIG_HOME") {
        Some(d) => d.join("ackbox"),
        None => project()?.config_dir().to_path_buf(),
    };
    Ok(dir.join("config.toml"))
}

/// Where a text being written that the database could not keep is
/// written instead (a review stopped while another ackbox held the
/// database, or its disk was full): `$XDG_STATE_HOME/ackbox`, else the
/// platform's state (or local data) directory.
pub fn unsaved_dir() -> Result<PathBuf> {
    if let Some(d) = xdg("XDG_STATE_HOME") {
        return Ok(d.join("ackbox"));
    }
    let project = project()?;
    Ok((project.state_dir())
        .unwrap_or_else(|| project.data_local_dir())
        .to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_tilde_is_the_home_directory() {
        let home = directories::BaseDirs::new()
            .expect("home")
            .home_dir()
            .to_path_buf();
        let db = |p: &str| database(Some(PathBuf::from(p))).expect("path");
        assert_eq!(db("~/inbox.db"), home.join("inbox.db"));
        assert_eq!(db("~"), home);
        assert_eq!(
            config(Some("~/c.toml".into())).expect("path"),
            home.join("c.toml")
        );
        // Only a whole first component: another user's, or a name, is as given.
        assert_eq!(db("~bob/x.db"), PathBuf::from("~bob/x.db"));
        assert_eq!(db("a/~/x.db"), PathBuf::from("a/~/x.db"));
    }

    #[test]
    fn a_path_that_names_a_folder_is_no_database_file() {
        for p in ["new/", "new/.", "a/..", ".", "..", "~/"] {
            let e = database(Some(PathBuf::from(p))).expect_err(p).to_string();
            assert!(e.contains("names a folder"), "{p}: {e}");
        }
        assert!(database(Some(PathBuf::from("a.db"))).is_ok());
    }
}
