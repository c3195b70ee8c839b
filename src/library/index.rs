//! The library's catalogue index, `.gongbao/catalogue`: what `list`, `add`
//! and `remove` need of every entry (id, kind, title, content hash, the
//! documents an issue holds, its meta), so they do not parse every entry.
//!
//! It is rebuildable from the RON and never trusted: the body is checksummed
//! (xxh3) when written and verified when read, and a row is used only while
//! its file has the stamp it had when it was read — size, modification
//! time, inode and change time (which no tool can set back, unlike the
//! modification time `cp -p` or `rsync -t` restore); any other file is read
//! again. The stamp is taken before the file is read, so a file rewritten
//! while it is read is read again next time. The index is written (atomically) only by a
//! holder of the library's lock, or when the lock can be had at once.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Stored;

/// The first bytes of the index, and its layout's version.
const MAGIC: &[u8; 8] = b"GBCAT06\n";
/// The most the index may hold.
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// One entry's row: its file's name and stamp, and the entry as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Row {
    /// The entry's file name in the library's folder.
    pub file: String,
    pub stamp: Stamp,
    pub entry: Stored,
}

/// What tells one version of a file from another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub mtime: (i64, i64),
    pub ctime: (i64, i64),
    pub ino: u64,
    pub dev: u64,
}

/// A file's stamp now, or `None`.
pub fn stamp(path: &Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some(Stamp {
        size: m.len(),
        mtime: (m.mtime(), m.mtime_nsec()),
        ctime: (m.ctime(), m.ctime_nsec()),
        ino: m.ino(),
        dev: m.dev(),
    })
}

impl Row {
    pub fn of(s: &Stored, stamp: Stamp) -> Row {
        Row {
            file: s
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            stamp,
            entry: s.clone(),
        }
    }

    pub fn stored(self, root: &Path) -> Stored {
        Stored {
            file: root.join(&self.file),
            stamp: Some(self.stamp),
            ..self.entry
        }
    }
}

/// The rows of the index at `path`, or `None` when it is missing, of
/// another layout, too large or damaged (then it is rebuilt).
pub fn read(path: &Path) -> Option<Vec<Row>> {
    crate::fsio::read_sealed(path, MAGIC, MAX_BYTES, |body| {
        rmp_serde::from_slice(body).ok()
    })
}

/// The first bytes of the skeleton file (see `Library::read_skeleton`).
const SKELETON: &[u8; 8] = b"GBSKL01\n";

/// The stubs of the skeleton file, or `None`.
pub fn read_skeleton(path: &Path) -> Option<Vec<super::Stub>> {
    crate::fsio::read_sealed(path, SKELETON, MAX_BYTES, |body| {
        rmp_serde::from_slice(body).ok()
    })
}

/// Writes the skeleton file atomically.
pub fn write_skeleton(path: &Path, stubs: &[&super::Stub]) -> Result<(), crate::fsio::FsError> {
    let body = rmp_serde::to_vec_named(stubs).map_err(|e| crate::fsio::FsError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    })?;
    crate::fsio::write_atomic(path, &crate::fsio::seal(SKELETON, &body))
}

/// Writes the index atomically.
pub fn write(path: &Path, rows: &[Row]) -> Result<(), crate::fsio::FsError> {
    let body = rmp_serde::to_vec_named(rows).map_err(|e| crate::fsio::FsError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    })?;
    crate::fsio::write_atomic(path, &crate::fsio::seal(MAGIC, &body))
}
