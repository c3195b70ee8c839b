//! What the explorer remembers between runs: for each thing it opens (the
//! user's library, the embedded sample, a `--data` path) the node it was
//! left at and the marks set with `m` + letter. Nodes are kept by id — in a
//! library ids begin with their entry's stable id, so marks survive entries
//! added and removed. One file, `$XDG_STATE_HOME/gongbao/state.ron` (an
//! absolute `XDG_STATE_HOME` only, else `~/.local/state/gongbao/`), read
//! capped at 1 MiB and written whole through a temporary file and a
//! rename. `--no-state` turns it off; a file that does not read is left
//! alone and said once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The most the state file may hold.
pub const MAX_BYTES: u64 = 1024 * 1024;
/// Marks kept per place at most (a–z and A–Z).
pub const MAX_MARKS: usize = 52;

/// What is remembered of one opened thing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The id of the node the explorer was left at.
    #[serde(default)]
    pub last: Option<String>,
    /// Letter → node id.
    #[serde(default)]
    pub marks: BTreeMap<char, String>,
    /// When it was last saved (seconds since 1970): the places least
    /// recently used go first when there are more than [`MAX_PLACES`].
    #[serde(default)]
    pub used: u64,
}

/// Places kept at most (each `--data` path opened is one): the file stays
/// far under its cap.
pub const MAX_PLACES: usize = 64;

/// The whole file: places by key ([`key`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub places: BTreeMap<String, Place>,
}

/// Where the state file is.
pub fn path() -> Option<PathBuf> {
    let base = crate::config::xdg_home("XDG_STATE_HOME", ".local/state")?;
    Some(base.join("gongbao").join("state.ron"))
}

/// The key of what is open: `library`, `sample`, or `data:` and the path
/// made absolute.
pub fn key(data: Option<&Path>, sample: bool) -> String {
    match data {
        Some(p) => {
            let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            format!("data:{}", abs.display())
        }
        None if sample => "sample".into(),
        None => "library".into(),
    }
}

/// The state file, or an empty state when there is none; an error naming
/// the file (and line and column) when it does not read.
pub fn load() -> Result<State, String> {
    let Some(path) = path() else {
        return Ok(State::default());
    };
    match crate::config::read_text(&path, MAX_BYTES)? {
        None => Ok(State::default()),
        Some(text) => ron::from_str(&text).map_err(|e| crate::config::ron_error(&path, &e)),
    }
}

/// Puts `place` under `key` in the file (the file read again first, so two
/// explorers' other places are kept), written atomically.
pub fn save(key: &str, place: &Place) -> Result<(), String> {
    let Some(path) = path() else {
        return Ok(());
    };
    // A file that does not read is not overwritten.
    let mut state = load()?;
    let mut place = place.clone();
    while place.marks.len() > MAX_MARKS {
        let Some(&k) = place.marks.keys().next() else {
            break;
        };
        place.marks.remove(&k);
    }
    place.used = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    state.places.insert(key.to_string(), place);
    while state.places.len() > MAX_PLACES {
        let oldest = state
            .places
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .min_by_key(|(_, p)| p.used)
            .map(|(k, _)| k.clone());
        match oldest {
            Some(k) => state.places.remove(&k),
            None => break,
        };
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = ron::ser::to_string_pretty(&state, ron::ser::PrettyConfig::default())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    crate::fsio::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_reads_back_as_written() {
        let mut s = State::default();
        s.places.insert(
            "library".into(),
            Place {
                last: Some("国发〔2023〕9号/d1/a2".into()),
                marks: [('a', "重庆市人民政府公报-2021-15/d1".to_string())].into(),
                used: 1_764_000_000,
            },
        );
        let text = ron::ser::to_string_pretty(&s, ron::ser::PrettyConfig::default()).expect("ron");
        assert_eq!(ron::from_str::<State>(&text).expect("reads"), s);
        assert_eq!(key(None, true), "sample");
        assert_eq!(key(None, false), "library");
    }
}
