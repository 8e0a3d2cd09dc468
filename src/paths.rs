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

/// The database file: `--db`/`ACKBOX_DB` (resolved by the CLI), else
/// `$XDG_DATA_HOME/ackbox/ackbox.db`, else the platform's data directory.
pub fn database(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p);
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
        return Ok(p);
    }
    let dir = match xdg("XDG_CONFIG_HOME") {
        Some(d) => d.join("ackbox"),
        None => project()?.config_dir().to_path_buf(),
    };
    Ok(dir.join("config.toml"))
}
