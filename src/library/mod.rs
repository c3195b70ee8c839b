//! The library: an analyst's own collection of issues and documents, added
//! once and opened by default.
//!
//! On disk it is a folder of RON files, one per entry, named by the entry's
//! id ([`crate::model::identity`]); any `.ron` copied in by hand is an entry
//! too. Beside them, in `.gongbao/`: `meta/ID.ron` (where the entry came
//! from, the hash of its source and of its RON, what the importer was unsure
//! of), `sources/HASH.EXT` (a copy of the source, for `add --reimport`) and
//! `lock`. Every write is atomic; the entry's RON is written last and
//! removed first, so an entry is whole or absent whatever happens between.
//! Adds and removals hold the lock, so two at once cannot lose an entry.

mod add;
pub mod index;
pub mod search;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fsio::{self, FsError};
use crate::model::schema::{Document, Entry, Issue, Node};
use crate::model::LoadError;

pub use add::{add, inputs, reimport, AddOptions, Inputs, Outcome, Status};

/// The folder of the library's own files.
const MACHINERY: &str = ".gongbao";
/// The most a kept source or a meta file may hold.
const MAX_SOURCE: u64 = crate::model::load::MAX_FILE_BYTES;
const MAX_META: u64 = 4 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error(transparent)]
    Fs(#[from] FsError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no library folder: set GONGBAO_LIBRARY, XDG_DATA_HOME or HOME")]
    NoLocation,
    #[error("nothing in the library is named {0:?} (`gongbao list` shows the entries)")]
    NotFound(String),
    #[error("{query:?} is inside {entry}; give the entry's id to remove the whole entry")]
    Inside { query: String, entry: String },
    #[error("{0}")]
    Ambiguous(String),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> LibraryError + '_ {
    move |source| LibraryError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Where the library is: `$GONGBAO_LIBRARY`, else
/// `$XDG_DATA_HOME/gongbao/library` (an absolute `XDG_DATA_HOME` only, as
/// the XDG spec says to ignore a relative one), else
/// `~/.local/share/gongbao/library`.
pub fn location() -> Result<PathBuf, LibraryError> {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(p) = var("GONGBAO_LIBRARY") {
        return Ok(if p.is_absolute() {
            p
        } else {
            std::env::current_dir().map_err(io_err(&p))?.join(p)
        });
    }
    crate::config::xdg_home("XDG_DATA_HOME", ".local/share")
        .map(|base| base.join("gongbao").join("library"))
        .ok_or(LibraryError::NoLocation)
}

/// What is kept about an entry besides its RON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub id: String,
    /// The xxh3 of the entry's RON as written (hex).
    pub content: String,
    /// The path it was added from (absolute), when added by `add`.
    pub source: Option<String>,
    /// The xxh3 of the source's bytes (hex).
    pub source_hash: Option<String>,
    /// The kept copy's file name under `.gongbao/sources/`.
    pub kept: Option<String>,
    /// What the importer repaired or was unsure of, one line each.
    pub report: Vec<String>,
    /// When it was added (seconds since 1970).
    pub added: u64,
}

/// Whether an entry is an issue or a standalone document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Issue,
    Document,
}

impl EntryKind {
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Issue => "issue",
            EntryKind::Document => "document",
        }
    }
}

/// One stored entry; the catalogue index keeps it as it is, but for where
/// its file is and that file's stamp, which the index keeps beside it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stored {
    pub id: String,
    #[serde(skip)]
    pub file: PathBuf,
    /// Its file's stamp when it was read or written (for the index).
    #[serde(skip)]
    pub stamp: Option<index::Stamp>,
    /// The xxh3 of the entry's canonical RON (hex).
    pub content: String,
    pub kind: EntryKind,
    pub meta: Option<Meta>,
    /// The ids of the documents an issue holds.
    pub documents: Vec<String>,
    /// What `list` shows: year, number or 文号, date, title.
    pub year: Option<u32>,
    pub number: Option<String>,
    pub date: Option<String>,
    pub title: String,
    /// The entry without its body, for the explorer's first frame.
    pub stub: Stub,
    /// How many nodes it has (its search index numbers them).
    pub nodes: u32,
}

/// An entry without its body (an issue without its documents, a document
/// without its children): what the explorer shows of it while the
/// library loads.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Stub {
    Issue(Box<Issue>),
    Document(Box<Document>),
}

/// A document without its children.
fn document_stub(d: &Document) -> Document {
    Document {
        format: d.format,
        id: d.id.clone(),
        title: d.title.clone(),
        title_en: d.title_en.clone(),
        doc_number: d.doc_number.clone(),
        issuer: d.issuer.clone(),
        date: d.date,
        category: d.category.clone(),
        page: d.page,
        genre: d.genre.clone(),
        effective: d.effective,
        expires: d.expires,
        source: d.source.clone(),
        metadata: d.metadata.clone(),
        children: Vec::new(),
    }
}

impl Stub {
    /// An issue keeps its documents, each without its children (so the
    /// first frame counts and lists them); a document keeps no children.
    pub fn of(e: &Entry) -> Stub {
        match e {
            Entry::Issue(i) => Stub::Issue(Box::new(Issue {
                format: i.format,
                year: i.year,
                number: i.number,
                total_number: i.total_number,
                number_unit: i.number_unit.clone(),
                published: i.published,
                title: i.title.clone(),
                publisher: i.publisher.clone(),
                masthead: i.masthead.clone(),
                contents: i.contents.clone(),
                masthead_en: i.masthead_en.clone(),
                contents_en: i.contents_en.clone(),
                back_matter: i.back_matter.clone(),
                documents: i
                    .documents
                    .iter()
                    .filter_map(|n| match n {
                        Node::Document(d) => Some(Node::Document(Box::new(document_stub(d)))),
                        _ => None,
                    })
                    .collect(),
            })),
            Entry::Document(d) => Stub::Document(Box::new(document_stub(d))),
        }
    }

    /// Whether it is what [`Stub::of`] makes: a document without children,
    /// an issue whose nodes are such documents.
    pub fn is_bodiless(&self) -> bool {
        match self {
            Stub::Issue(i) => i
                .documents
                .iter()
                .all(|n| matches!(n, Node::Document(d) if d.children.is_empty())),
            Stub::Document(d) => d.children.is_empty(),
        }
    }

    /// Its place in the library's order (as the whole entry's).
    pub fn order(&self) -> crate::model::tree::Order {
        match self {
            Stub::Issue(i) => crate::model::tree::issue_order(i),
            Stub::Document(d) => crate::model::tree::document_order(d),
        }
    }

    pub fn entry(&self) -> Entry {
        match self {
            Stub::Issue(i) => Entry::Issue((**i).clone()),
            Stub::Document(d) => Entry::Document(d.clone()),
        }
    }
}

/// Every entry of the library, by id, and the documents inside issues.
#[derive(Debug, Default)]
pub struct Catalogue {
    pub entries: Vec<Stored>,
    /// Files that are not entries (unreadable, invalid, a repeated id).
    pub problems: Vec<String>,
}

impl Catalogue {
    pub fn get(&self, id: &str) -> Option<&Stored> {
        self.entries.iter().find(|s| s.id == id)
    }

    /// The library's tree with every entry's body left out (see [`Stub`]).
    pub fn skeleton(&self) -> crate::model::Tree {
        crate::model::Tree::archive(self.entries.iter().map(|s| s.stub.entry()).collect())
    }

    /// The issue that holds a document with this id.
    pub fn holder_of(&self, doc_id: &str) -> Option<&Stored> {
        self.entries
            .iter()
            .find(|s| s.documents.iter().any(|d| d == doc_id))
    }
}

/// The hex xxh3 of bytes.
pub fn hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// The RON an entry is stored as: the importer's serialisation, so that
/// one document reads the same however it came in.
pub fn canonical(entry: &Entry) -> String {
    crate::import::entry_to_ron(entry)
}

/// A library at a folder (which need not exist yet).
#[derive(Debug, Clone)]
pub struct Library {
    pub root: PathBuf,
    /// Whether reading it may write its index (not for `--data`, not for a
    /// dry run: they write nothing).
    writes: bool,
}

/// The exclusive lock of a library, held until dropped.
#[derive(Debug)]
pub struct Lock {
    _file: std::fs::File,
}

impl Library {
    pub fn at(root: impl Into<PathBuf>) -> Library {
        Library {
            root: root.into(),
            writes: true,
        }
    }

    /// A library that reading never writes to (`--data DIR`, a dry run).
    pub fn read_only(root: impl Into<PathBuf>) -> Library {
        Library {
            root: root.into(),
            writes: false,
        }
    }

    fn machinery(&self) -> PathBuf {
        self.root.join(MACHINERY)
    }

    fn meta_path(&self, id: &str) -> PathBuf {
        self.machinery().join("meta").join(format!("{id}.ron"))
    }

    pub(crate) fn sources(&self) -> PathBuf {
        self.machinery().join("sources")
    }

    /// The file an entry is stored in.
    pub fn entry_path(&self, id: &str) -> PathBuf {
        self.root.join(format!("{id}.ron"))
    }

    /// Whether the library holds no entry (or does not exist).
    pub fn is_empty(&self) -> bool {
        !self.root.is_dir()
            || crate::model::load::ron_files(&self.root).map_or(true, |f| f.is_empty())
    }

    /// Makes the folders and takes the lock (waiting for another `add` or
    /// `remove` to finish).
    pub fn lock(&self) -> Result<Lock, LibraryError> {
        self.take_lock(rustix::fs::FlockOperation::LockExclusive)
    }

    /// The lock when no one else holds it, at once; `None` otherwise (or
    /// when the library's folder cannot be written).
    fn try_lock(&self) -> Option<Lock> {
        self.take_lock(rustix::fs::FlockOperation::NonBlockingLockExclusive)
            .ok()
    }

    /// Makes the library's folders, opens its lock file and takes the lock.
    fn take_lock(&self, how: rustix::fs::FlockOperation) -> Result<Lock, LibraryError> {
        for d in [self.machinery().join("meta"), self.sources()] {
            std::fs::create_dir_all(&d).map_err(io_err(&d))?;
        }
        let path = self.machinery().join("lock");
        // The lock file is never read or written: it is there to be locked.
        #[allow(clippy::disallowed_methods)]
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_err(&path))?;
        rustix::fs::flock(&file, how).map_err(|e| io_err(&path)(e.into()))?;
        Ok(Lock { _file: file })
    }

    /// What the library holds: every entry, from the catalogue index where
    /// its file is as indexed, else read (through the cache) with its meta;
    /// the files that are not entries are listed as problems. A stale index
    /// is rewritten when the lock can be had at once.
    pub fn catalogue(&self) -> Result<Catalogue, LibraryError> {
        let mut cat = Catalogue::default();
        if !self.root.is_dir() {
            return Ok(cat);
        }
        let files = crate::model::load::ron_files(&self.root)?;
        let mut indexed: std::collections::HashMap<String, index::Row> =
            index::read(&self.index_path())
                .unwrap_or_default()
                .into_iter()
                .map(|r| (r.file.clone(), r))
                .collect();
        let mut rows: Vec<Option<Stored>> = Vec::with_capacity(files.len());
        let mut stale = Vec::new();
        for (k, f) in files.iter().enumerate() {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let now = index::stamp(f);
            match indexed.remove(&name) {
                Some(r) if Some(r.stamp) == now => rows.push(Some(r.stored(&self.root))),
                _ => {
                    rows.push(None);
                    stale.push((k, now));
                }
            }
        }
        let changed = !stale.is_empty() || !indexed.is_empty();
        let stale_files: Vec<PathBuf> = stale.iter().map(|&(k, _)| files[k].clone()).collect();
        let loaded = crate::model::load::load_entries(&stale_files);
        for (r, &(k, now)) in loaded.into_iter().zip(&stale) {
            match r {
                Ok(entry) => {
                    let id = crate::model::identity::entry_id(&entry);
                    let meta = self.read_meta(&id);
                    // The RON as `add` wrote it hashes to the meta's content; a
                    // file copied in or edited by hand is hashed canonical.
                    let bytes_hash = fsio::read_capped(&files[k], MAX_SOURCE)
                        .ok()
                        .map(|b| hash(&b));
                    let content = match (&meta, bytes_hash) {
                        (Some(m), Some(h)) if m.content == h => h,
                        _ => hash(canonical(&entry).as_bytes()),
                    };
                    let mut s = stored(id, files[k].clone(), content, meta, &entry);
                    // The stamp from before the read: a file rewritten
                    // meanwhile will not match it, and is read again.
                    s.stamp = now;
                    rows[k] = Some(s);
                }
                Err(e) => cat.problems.push(e.to_string()),
            }
        }
        for s in rows.into_iter().flatten() {
            if let Some(first) = cat.get(&s.id) {
                cat.problems.push(format!(
                    "{} and {}: both are {}; the second is left out",
                    first.file.display(),
                    s.file.display(),
                    s.id
                ));
                continue;
            }
            cat.entries.push(s);
        }
        if changed && self.writes {
            if let Some(_lock) = self.try_lock() {
                let _ = self.write_index(&cat);
            }
        }
        Ok(cat)
    }

    fn index_path(&self) -> PathBuf {
        self.machinery().join("catalogue")
    }

    /// Writes the catalogue index and the skeleton (the caller holds the
    /// lock).
    pub fn write_index(&self, cat: &Catalogue) -> Result<(), LibraryError> {
        let rows: Vec<index::Row> = cat
            .entries
            .iter()
            .filter_map(|s| Some(index::Row::of(s, s.stamp?)))
            .collect();
        index::write(&self.index_path(), &rows)?;
        let stubs: Vec<&Stub> = cat.entries.iter().map(|s| &s.stub).collect();
        index::write_skeleton(&self.machinery().join("skeleton"), &stubs)?;
        Ok(())
    }

    /// The library's tree with every entry's body left out, as the
    /// skeleton file kept it when the catalogue index was last written:
    /// what the explorer's first frame shows, without listing the folder
    /// or reading the index (the whole library, loaded next, replaces
    /// it). `None` when the file is missing or damaged.
    pub fn read_skeleton(&self) -> Option<crate::model::Tree> {
        let stubs = index::read_skeleton(&self.machinery().join("skeleton"))?;
        if stubs.is_empty() {
            return None;
        }
        // A stub has no body: one that does (a file made by hand or
        // damaged past its checksum's notice) sends the first frame to the
        // catalogue instead. (The whole library, loaded next and validated
        // entry by entry, replaces this tree anyway.)
        stubs
            .iter()
            .all(Stub::is_bodiless)
            .then(|| crate::model::Tree::archive(stubs.iter().map(Stub::entry).collect()))
    }

    fn read_meta(&self, id: &str) -> Option<Meta> {
        let bytes = fsio::read_capped(&self.meta_path(id), MAX_META).ok()?;
        let meta: Meta = ron::from_str(std::str::from_utf8(&bytes).ok()?).ok()?;
        (meta.id == id).then_some(meta)
    }

    /// Stores an entry: its source copy and meta first, its RON last (the
    /// moment it is in the library). `replacing` is the file of the entry
    /// it replaces, removed when it is not the file written.
    pub(crate) fn store(
        &self,
        id: &str,
        ron: &str,
        meta: &Meta,
        source: Option<(&[u8], &str)>,
        replacing: Option<&Path>,
    ) -> Result<PathBuf, LibraryError> {
        if let (Some((bytes, name)), Some(_)) = (source, &meta.kept) {
            let kept = self.sources().join(name);
            if !kept.exists() {
                fsio::write_atomic(&kept, bytes)?;
            }
        }
        fault("source-kept");
        let meta_text = ron::ser::to_string_pretty(meta, ron::ser::PrettyConfig::default())
            .map_err(|e| io_err(&self.meta_path(id))(std::io::Error::other(e)))?;
        fsio::write_atomic(&self.meta_path(id), meta_text.as_bytes())?;
        fault("meta-written");
        let file = self.entry_path(id);
        fsio::write_atomic(&file, ron.as_bytes())?;
        fault("entry-written");
        if let Some(old) = replacing.filter(|o| *o != file) {
            std::fs::remove_file(old).map_err(io_err(old))?;
            fsio::sync_dir(&self.root).map_err(io_err(&self.root))?;
        }
        Ok(file)
    }

    /// Takes away what an interrupted `add` or `remove` left (the caller
    /// holds the lock): temporary files, metas of entries that are not
    /// there, kept sources no meta names. Returns how many files went.
    pub fn sweep(&self) -> Result<usize, LibraryError> {
        let mut gone = 0;
        let list = |dir: &Path| -> Vec<PathBuf> {
            std::fs::read_dir(dir)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default()
        };
        let name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let meta_dir = self.machinery().join("meta");
        for dir in [self.root.clone(), meta_dir.clone(), self.sources()] {
            for p in list(&dir) {
                if name(&p).starts_with(".tmp") && p.is_file() {
                    std::fs::remove_file(&p).map_err(io_err(&p))?;
                    gone += 1;
                }
            }
        }
        let mut kept = std::collections::HashSet::new();
        for p in list(&meta_dir) {
            let file = name(&p);
            let Some(id) = file.strip_suffix(".ron") else {
                continue;
            };
            if !self.entry_path(id).exists() {
                std::fs::remove_file(&p).map_err(io_err(&p))?;
                gone += 1;
            } else if let Some(k) = self.read_meta(id).and_then(|m| m.kept) {
                kept.insert(k);
            }
        }
        for p in list(&self.sources()) {
            if p.is_file() && !kept.contains(&name(&p)) {
                std::fs::remove_file(&p).map_err(io_err(&p))?;
                gone += 1;
            }
        }
        Ok(gone)
    }

    /// Removes an entry: its RON first (then it is out), then its meta and
    /// its kept source when no other entry keeps the same.
    pub fn remove(&self, cat: &mut Catalogue, id: &str) -> Result<(), LibraryError> {
        let s = cat
            .get(id)
            .cloned()
            .ok_or_else(|| LibraryError::NotFound(id.to_string()))?;
        std::fs::remove_file(&s.file).map_err(io_err(&s.file))?;
        fsio::sync_dir(&self.root).map_err(io_err(&self.root))?;
        fault("entry-removed");
        let meta = self.meta_path(id);
        if meta.exists() {
            std::fs::remove_file(&meta).map_err(io_err(&meta))?;
        }
        if let Some(kept) = s.meta.as_ref().and_then(|m| m.kept.as_deref()) {
            let shared = cat.entries.iter().any(|o| {
                o.id != id && o.meta.as_ref().and_then(|m| m.kept.as_deref()) == Some(kept)
            });
            let path = self.sources().join(kept);
            if !shared && path.exists() {
                std::fs::remove_file(&path).map_err(io_err(&path))?;
            }
        }
        cat.entries.retain(|e| e.id != id);
        Ok(())
    }
}

/// What `list` and the checks need of an entry.
fn stored(id: String, file: PathBuf, content: String, meta: Option<Meta>, e: &Entry) -> Stored {
    match e {
        Entry::Issue(i) => Stored {
            id,
            stamp: index::stamp(&file),
            file,
            content,
            kind: EntryKind::Issue,
            meta,
            documents: i
                .documents
                .iter()
                .filter_map(|n| match n {
                    crate::model::schema::Node::Document(d) => {
                        Some(crate::model::identity::document_id(d))
                    }
                    _ => None,
                })
                .collect(),
            year: Some(i.year),
            number: Some(i.number.to_string()),
            date: Some(i.published.to_string()),
            title: format!("{} {}年第{}{}", i.title, i.year, i.number, i.unit()),
            stub: Stub::of(e),
            nodes: crate::model::tree::entry_nodes(e)
                .try_into()
                .unwrap_or(u32::MAX),
        },
        Entry::Document(d) => Stored {
            id,
            stamp: index::stamp(&file),
            file,
            content,
            kind: EntryKind::Document,
            meta,
            documents: Vec::new(),
            year: d.date.map(|d| d.y()),
            number: d.doc_number.clone(),
            date: d.date.map(|d| d.to_string()),
            title: d.title.clone(),
            stub: Stub::of(e),
            nodes: crate::model::tree::entry_nodes(e)
                .try_into()
                .unwrap_or(u32::MAX),
        },
    }
}

/// A fault point for the crash tests: with the `test-hooks` feature and
/// `GONGBAO_FAULT` naming this point, the process dies here at once (as a
/// power cut would: no unwinding, no cleanup).
fn fault(point: &str) {
    #[cfg(feature = "test-hooks")]
    if std::env::var("GONGBAO_FAULT").is_ok_and(|p| p == point) {
        std::process::abort();
    }
    let _ = point;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stub is the entry without its body; one with a body (a skeleton
    /// file made by hand) is not taken for one.
    #[test]
    fn a_stub_has_no_body_and_one_with_a_body_is_refused() {
        let entry = crate::model::load::load_embedded()
            .expect("sample")
            .into_entry();
        let stub = Stub::of(&entry);
        assert!(stub.is_bodiless());
        let Entry::Issue(issue) = &entry else {
            panic!("the sample is an issue")
        };
        let Entry::Issue(listed) = stub.entry() else {
            panic!("an issue's stub is an issue")
        };
        assert_eq!(
            listed.documents.len(),
            issue.documents.len(),
            "the stub lists the issue's documents"
        );
        let Some(Node::Document(d)) = issue.documents.first() else {
            panic!("a document")
        };
        assert!(!Stub::Document(d.clone()).is_bodiless());
        let dir = tempfile::tempdir().expect("tempdir");
        let lib = Library::at(dir.path());
        std::fs::create_dir_all(lib.machinery()).expect("mkdir");
        index::write_skeleton(&lib.machinery().join("skeleton"), &[&stub]).expect("write");
        assert!(lib.read_skeleton().is_some());
        let full = Stub::Issue(Box::new(issue.clone()));
        index::write_skeleton(&lib.machinery().join("skeleton"), &[&full]).expect("write");
        assert!(lib.read_skeleton().is_none(), "a stub with a body");
    }
}
