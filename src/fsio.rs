//! File access with limits: reads of regular files only, capped; writes
//! atomic (a temporary file in the target's folder, synced, renamed over
//! the target, the folder synced), so a crash leaves the old file or the
//! new one, never a part.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Why a read or write failed, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum FsError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: larger than the {} MiB limit", path.display(), limit / 1024 / 1024)]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("{}: not a regular file ({what})", path.display())]
    NotAFile { path: PathBuf, what: &'static str },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FsError + '_ {
    move |source| FsError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What a path is when it is not a regular file (following symlinks).
fn kind_of(meta: &std::fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_file() {
        None
    } else if t.is_dir() {
        Some("a folder")
    } else if t.is_fifo() {
        Some("a FIFO")
    } else if t.is_char_device() || t.is_block_device() {
        Some("a device")
    } else if t.is_socket() {
        Some("a socket")
    } else {
        Some("not a file")
    }
}

/// Reads a regular file of at most `limit` bytes. A folder, FIFO, device
/// or socket is refused before it is opened for reading (a FIFO would
/// block, a device never end).
#[allow(clippy::disallowed_methods)] // the one capped read
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, FsError> {
    let meta = std::fs::metadata(path).map_err(io(path))?;
    if let Some(what) = kind_of(&meta) {
        return Err(FsError::NotAFile {
            path: path.to_path_buf(),
            what,
        });
    }
    let file = std::fs::File::open(path).map_err(io(path))?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(io(path))?;
    if bytes.len() as u64 > limit {
        return Err(FsError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    Ok(bytes)
}

/// Writes `bytes` to `path` atomically, syncing the file and its folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    replace(path, bytes, true)
}

/// Writes a file that can be made again (a cache) atomically, without
/// waiting for the disk: a crash loses it, never leaves a part of it.
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    replace(path, bytes, false)
}

fn replace(path: &Path, bytes: &[u8], sync: bool) -> Result<(), FsError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // tempfile opens with O_EXCL under a random name: nothing planted in
    // the folder is followed or overwritten.
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io(path))?;
    tmp.write_all(bytes).map_err(io(path))?;
    if sync {
        tmp.as_file().sync_all().map_err(io(path))?;
    }
    tmp.persist(path).map_err(|e| FsError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    if sync {
        sync_dir(dir).map_err(io(dir))?;
    }
    Ok(())
}

/// The bytes of a sealed file: `header`, the xxh3 of the body, the body.
/// A file that can be made again (the cache, the library's index) is
/// written so, and read back only whole.
pub fn seal(header: &[u8], body: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(header.len() + 8 + body.len());
    bytes.extend_from_slice(header);
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(body).to_le_bytes());
    bytes.extend_from_slice(body);
    bytes
}

/// What `read` makes of the body of a sealed file at `path` (read capped,
/// a regular file only), when it starts with `header` and its checksum
/// holds; `None` on any doubt. The body is lent, not copied.
pub fn read_sealed<T>(
    path: &Path,
    header: &[u8],
    limit: u64,
    read: impl FnOnce(&[u8]) -> Option<T>,
) -> Option<T> {
    let bytes = read_capped(path, limit).ok()?;
    let rest = bytes.strip_prefix(header)?;
    if rest.len() < 8 {
        return None;
    }
    let (sum, body) = rest.split_at(8);
    if xxhash_rust::xxh3::xxh3_64(body).to_le_bytes() != sum {
        return None;
    }
    read(body)
}

/// Makes a rename or removal in `dir` durable.
#[allow(clippy::disallowed_methods)] // a folder opened to sync it, not read
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_file_and_caps_the_rest() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = read_capped(dir.path(), 10).expect_err("a folder");
        assert!(err.to_string().contains("a folder"), "{err}");
        let f = dir.path().join("f.txt");
        write_atomic(&f, b"0123456789x").expect("write");
        assert!(matches!(
            read_capped(&f, 10),
            Err(FsError::TooLarge { limit: 10, .. })
        ));
        assert_eq!(read_capped(&f, 11).expect("read"), b"0123456789x");
        let err = read_capped(Path::new("/dev/zero"), 10).expect_err("a device");
        assert!(err.to_string().contains("a device"), "{err}");
    }

    #[test]
    fn an_atomic_write_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let f = dir.path().join("a.ron");
        write_atomic(&f, b"one").expect("write");
        write_atomic(&f, b"two").expect("write");
        assert_eq!(read_capped(&f, 10).expect("read"), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.ron")]);
    }
}
