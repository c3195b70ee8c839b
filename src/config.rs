//! The user's own settings: files under `$XDG_CONFIG_HOME/gongbao/` (an
//! absolute `XDG_CONFIG_HOME` only, as the XDG spec says), else
//! `~/.config/gongbao/` — `keymap.ron` and `units.ron`. Each is read once,
//! capped at 1 MiB, regular files only (a FIFO or device is refused, not
//! waited on); a file that is not there is no error.

use std::path::PathBuf;

/// The most a settings file may hold.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// An XDG base folder: `$var` when it is absolute (a relative one is
/// ignored, as the XDG spec says), else `$HOME/fallback` when `HOME` is
/// absolute. The settings, state, cache and library folders all come from
/// here.
pub fn xdg_home(var: &str, fallback: &str) -> Option<PathBuf> {
    let abs = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    abs(var).or_else(|| abs("HOME").map(|h| h.join(fallback)))
}

/// Where a settings file is.
pub fn path(name: &str) -> Option<PathBuf> {
    Some(
        xdg_home("XDG_CONFIG_HOME", ".config")?
            .join("gongbao")
            .join(name),
    )
}

/// A settings file's text, or `None` when there is none; an error (one
/// line naming the file) when it cannot be read.
pub fn read(name: &str) -> Result<Option<(PathBuf, String)>, String> {
    let Some(path) = path(name) else {
        return Ok(None);
    };
    Ok(read_text(&path, MAX_BYTES)?.map(|text| (path, text)))
}

/// A small text file of ours (settings, state): `None` when it is not
/// there; an error naming the file when it cannot be read or is not UTF-8.
pub fn read_text(path: &std::path::Path, cap: u64) -> Result<Option<String>, String> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    let bytes = crate::fsio::read_capped(path, cap).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map(Some).map_err(|e| {
        format!(
            "{}: not UTF-8 at byte {}",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// A RON error as `FILE:LINE:COL: message`.
pub fn ron_error(path: &std::path::Path, e: &ron::error::SpannedError) -> String {
    format!(
        "{}:{}:{}: {}",
        path.display(),
        e.span.start.line,
        e.span.start.col,
        crate::text::sanitize(&e.code.to_string())
    )
}
