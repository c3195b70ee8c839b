//! A binary cache of parsed and validated entries for libraries: one file
//! per RON file in the user's cache folder, keyed by the file's size, mtime
//! and content hash, so it is never stale (a changed file misses) and never
//! required (any problem falls back to parsing the RON). It is not trusted
//! either: read capped, regular files only; the body checksummed; decoded
//! with a nesting limit; the entry validated as after RON parsing.

use std::path::{Path, PathBuf};

use super::schema::Entry;

/// The cache's format tag: a hash of the schema's source, so any change to
/// the types changes it (and every older entry misses).
fn format_tag() -> [u8; 8] {
    let schema = concat!(include_str!("schema.rs"), include_str!("date.rs"));
    xxhash_rust::xxh3::xxh3_64(schema.as_bytes()).to_le_bytes()
}

/// `$XDG_CACHE_HOME/gongbao` (an absolute `XDG_CACHE_HOME` only, as the
/// XDG spec says) or `~/.cache/gongbao`; none when `GONGBAO_NO_CACHE` is
/// set to anything but empty or `0`.
pub fn dir() -> Option<PathBuf> {
    if std::env::var_os("GONGBAO_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
        return None;
    }
    Some(crate::config::xdg_home("XDG_CACHE_HOME", ".cache")?.join("gongbao"))
}

/// The most the cache folder holds, in MiB, unless `GONGBAO_CACHE_MIB`
/// (1 to 65,536) says otherwise: the generated 3,500-entry library caches
/// to 194 MiB.
const DEFAULT_LIMIT_MIB: u64 = 512;

/// The cache's size limit in bytes; a `GONGBAO_CACHE_MIB` outside its
/// range is ignored (the cache is never required, so it is no error).
fn limit() -> u64 {
    let mib = std::env::var("GONGBAO_CACHE_MIB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|m| (1..=65_536).contains(m))
        .unwrap_or(DEFAULT_LIMIT_MIB);
    mib * 1024 * 1024
}

/// Whether this process has written to the cache (then [`trim`] has work).
static WROTE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// How old a temporary file must be to be taken for a crashed write's
/// (a newer one may be another process's write in progress).
const ORPHAN_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// Keeps the cache within its limit, after this process has written to
/// it: the least recently used entries go first (a hit renews an entry's
/// modification time), down to nine tenths of the limit, and temporary
/// files that a killed process left go too. Returns how many files went.
pub fn trim() -> usize {
    if !WROTE.swap(false, std::sync::atomic::Ordering::Relaxed) {
        return 0;
    }
    let Some(dir) = dir() else { return 0 };
    trim_dir(&dir, limit())
}

fn trim_dir(dir: &Path, limit: u64) -> usize {
    let now = std::time::SystemTime::now();
    let mut gone = 0;
    let mut entries: Vec<(std::time::SystemTime, u64, PathBuf)> = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let Ok(meta) = e.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let name = e.file_name();
        let name = name.to_string_lossy();
        let modified = meta.modified().unwrap_or(now);
        if name.starts_with(".tmp") {
            let old = now.duration_since(modified).is_ok_and(|a| a > ORPHAN_AGE);
            if old && std::fs::remove_file(e.path()).is_ok() {
                gone += 1;
            }
        } else if name.ends_with(".bin") {
            entries.push((modified, meta.len(), e.path()));
        }
    }
    let mut total: u64 = entries.iter().map(|e| e.1).sum();
    if total <= limit {
        return gone;
    }
    entries.sort();
    for (_, len, path) in entries {
        if total <= limit / 10 * 9 {
            break;
        }
        if std::fs::remove_file(&path).is_ok() {
            total -= len;
            gone += 1;
        }
    }
    gone
}

/// What identifies one version of a file.
struct Key {
    size: u64,
    mtime: u128,
    hash: u64,
}

impl Key {
    fn of(path: &Path, bytes: &[u8]) -> Option<Key> {
        let meta = std::fs::metadata(path).ok()?;
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Key {
            size: bytes.len() as u64,
            mtime,
            hash: xxhash_rust::xxh3::xxh3_64(bytes),
        })
    }

    fn header(&self) -> Vec<u8> {
        let mut h = b"GONGBAO".to_vec();
        h.extend_from_slice(&format_tag());
        h.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
        h.extend_from_slice(&self.size.to_le_bytes());
        h.extend_from_slice(&self.mtime.to_le_bytes());
        h.extend_from_slice(&self.hash.to_le_bytes());
        h
    }
}

fn entry_path(dir: &Path, path: &Path) -> PathBuf {
    let name = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let id = xxhash_rust::xxh3::xxh3_64(name.as_os_str().as_encoded_bytes());
    dir.join(format!("{id:016x}.bin"))
}

/// The most a cache file may hold: a RON file's limit (the binary form is
/// smaller than the RON).
const MAX_BYTES: u64 = super::load::MAX_FILE_BYTES;
/// The nesting the decoder follows: far more than the RON limit allows a
/// file to reach (a few levels of MessagePack per level of RON).
const MAX_NESTING: usize = 4 * super::load::MAX_DEPTH;

/// The cached entry for this version of the file, if there is one and it
/// passes every check.
pub fn read(path: &Path, bytes: &[u8]) -> Option<Entry> {
    let dir = dir()?;
    let key = Key::of(path, bytes)?;
    let stored: Stored =
        crate::fsio::read_sealed(&entry_path(&dir, path), &key.header(), MAX_BYTES, |body| {
            let mut de = rmp_serde::Deserializer::from_read_ref(body);
            de.set_max_depth(MAX_NESTING);
            serde::Deserialize::deserialize(&mut de).ok()
        })?;
    let entry: Entry = stored.into();
    // Used now: the last to go when the cache is trimmed.
    let _ = rustix::fs::utimensat(
        rustix::fs::CWD,
        entry_path(&dir, path),
        &rustix::fs::Timestamps {
            last_access: rustix::fs::Timespec {
                tv_sec: 0,
                tv_nsec: rustix::fs::UTIME_OMIT,
            },
            last_modification: rustix::fs::Timespec {
                tv_sec: 0,
                tv_nsec: rustix::fs::UTIME_NOW,
            },
        },
        rustix::fs::AtFlags::empty(),
    );
    // As after RON parsing: ids, fields, dates, where nodes sit, depth.
    let tree = super::tree::Tree::new(entry);
    let too_deep = tree.nodes.iter().any(|n| n.depth > super::load::MAX_DEPTH);
    if too_deep || !super::load::validate(&tree, "").is_empty() {
        return None;
    }
    Some(tree.into_entry())
}

/// The entry as stored: MessagePack with named fields, which (unlike a
/// positional format) reads the schema's skipped empty fields back right.
#[derive(serde::Serialize, serde::Deserialize)]
#[allow(clippy::large_enum_variant)] // one per read, moved at once into an Entry
enum Stored {
    Issue(super::schema::Issue),
    Document(Box<super::schema::Document>),
}

impl From<Stored> for Entry {
    fn from(s: Stored) -> Entry {
        match s {
            Stored::Issue(i) => Entry::Issue(i),
            Stored::Document(d) => Entry::Document(d),
        }
    }
}

/// Stores a parsed, validated entry; failures are ignored (the cache is
/// never required).
pub fn write(path: &Path, bytes: &[u8], entry: &Entry) {
    let (Some(dir), Some(key)) = (dir(), Key::of(path, bytes)) else {
        return;
    };
    #[derive(serde::Serialize)]
    enum Stored<'a> {
        Issue(&'a super::schema::Issue),
        Document(&'a super::schema::Document),
    }
    let stored = match entry {
        Entry::Issue(i) => Stored::Issue(i),
        Entry::Document(d) => Stored::Document(d),
    };
    let Ok(body) = rmp_serde::to_vec_named(&stored) else {
        return;
    };
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let bytes = crate::fsio::seal(&key.header(), &body);
    // A temporary file of a random name opened exclusively, then renamed:
    // nothing planted in a shared cache folder is followed or overwritten.
    if crate::fsio::write_atomic_unsynced(&entry_path(&dir, path), &bytes).is_ok() {
        WROTE.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}
