//! Adding to the library: which files a path names, importing them (on all
//! cores, a batch at a time), and storing each under the lock — or saying
//! why not: already present, differs from a stored entry, present in a
//! stored issue, failed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{canonical, hash, Catalogue, Library, LibraryError, Meta, MAX_SOURCE};
use crate::fsio;
use crate::model::identity;
use crate::model::schema::Entry;

/// Whether a folder's file is taken by its extension: a document the
/// importer reads, or RON (a file named on the command line is tried
/// whatever its name).
fn taken(ext: &str) -> bool {
    ext == "ron" || crate::import::DOCUMENTS.contains(&ext)
}

/// How many files are imported before their entries are stored: a bound
/// on the sources held in memory at once.
const BATCH: usize = 64;

#[derive(Debug, Clone, Copy, Default)]
pub struct AddOptions {
    /// Say what would happen; write nothing.
    pub dry_run: bool,
    /// Store an entry whose id is stored with other content.
    pub replace: bool,
    /// Store a document already held by a stored issue.
    pub force: bool,
}

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Added,
    AlreadyPresent,
    Differs,
    PresentIn,
    Replaced,
    Failed,
    /// `--reimport`: the importer reads the kept source the same.
    Unchanged,
    /// `--reimport`: stored anew from the kept source.
    Reimported,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::AlreadyPresent => "already present",
            Status::Differs => "differs",
            Status::PresentIn => "present in",
            Status::Replaced => "replaced",
            Status::Failed => "failed",
            Status::Unchanged => "unchanged",
            Status::Reimported => "reimported",
        }
    }
}

/// One input's line: what it was, what happened, and the entry (or why).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub input: String,
    pub status: Status,
    pub detail: String,
}

/// The files paths name.
#[derive(Debug, Default)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    /// Files in folders whose extension is not one the importer takes.
    pub skipped: Vec<PathBuf>,
    /// Paths that could not be read as a file or folder.
    pub missing: Vec<(PathBuf, String)>,
}

/// Expands folders (recursively, hidden ones and symlinked folders left
/// out, so a link loop cannot recur) into their files, sorted.
pub fn inputs(paths: &[PathBuf]) -> Inputs {
    let mut out = Inputs::default();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut out),
            Ok(_) => out.files.push(p.clone()),
            Err(e) => out.missing.push((p.clone(), e.to_string())),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Inputs) {
    let mut items: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.missing.push((dir.to_path_buf(), e.to_string()));
            return;
        }
    };
    items.sort();
    for p in items {
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if hidden {
            continue;
        }
        if meta.is_dir() {
            walk(&p, out);
        } else if std::fs::metadata(&p).is_ok_and(|m| m.is_file()) {
            let ext = p
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if taken(&ext) {
                out.files.push(p);
            } else {
                out.skipped.push(p);
            }
        }
    }
}

/// A file imported, ready to store.
struct Prepared {
    entry: Entry,
    report: Vec<String>,
    id: String,
    ron: String,
    content: String,
    source: Vec<u8>,
    source_hash: String,
    ext: String,
    /// Its search index, made here (on every core) to be written with it.
    search: super::search::Parts,
}

/// A file read: the entry its bytes were already stored as, or imported.
enum Read {
    Known(String),
    Fresh(Box<Prepared>),
}

/// Reads one file and, unless the library already holds an entry added
/// from the same bytes (`known`: source hash → entry), imports it.
fn read(path: &Path, known: &HashMap<String, String>) -> Result<Read, String> {
    let bytes = fsio::read_capped(path, MAX_SOURCE).map_err(|e| e.to_string())?;
    if let Some(id) = known.get(&hash(&bytes)) {
        return Ok(Read::Known(id.clone()));
    }
    prepare_bytes(path, bytes).map(|p| Read::Fresh(Box::new(p)))
}

/// Reads and imports one file.
fn prepare(path: &Path) -> Result<Prepared, String> {
    let bytes = fsio::read_capped(path, MAX_SOURCE).map_err(|e| e.to_string())?;
    prepare_bytes(path, bytes)
}

/// Imports a file's bytes: RON is parsed and validated, anything else goes
/// through the importer.
fn prepare_bytes(path: &Path, bytes: Vec<u8>) -> Result<Prepared, String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (entry, report) = if ext == "ron" {
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| format!("not UTF-8 at byte {}", e.valid_up_to()))?;
        let tree = crate::model::load::parse(text, path).map_err(|e| e.to_string())?;
        (tree.into_entry(), Vec::new())
    } else {
        let imp = crate::import::import_file(path, &bytes).map_err(|e| e.to_string())?;
        (imp.entry, imp.report)
    };
    let ron = canonical(&entry);
    // What is stored must load: check it as `check` would.
    crate::model::load::parse(&ron, path).map_err(|e| format!("the import does not load: {e}"))?;
    Ok(Prepared {
        search: super::search::build(&entry),
        id: identity::entry_id(&entry),
        content: hash(ron.as_bytes()),
        source_hash: hash(&bytes),
        entry,
        report,
        ron,
        source: bytes,
        ext,
    })
}

/// Prepares a kept source under its original file name (the importer
/// reads the name: it is the document's source, and .pdf is read by
/// pdftotext from a file), through a copy in a temporary folder.
fn prepare_kept(lib: &Library, kept: &str, original: Option<&str>) -> Result<Prepared, String> {
    let kept_path = lib.sources().join(kept);
    let Some(name) = original.and_then(|o| Path::new(o).file_name()) else {
        return prepare(&kept_path);
    };
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let copy = tmp.path().join(name);
    std::fs::copy(&kept_path, &copy).map_err(|e| format!("{}: {e}", kept_path.display()))?;
    prepare(&copy)
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Adds files to the library, calling `done` with each input's outcome in
/// input order. The caller holds the lock and passes the catalogue, which
/// is kept up to date (so a file given twice is `already present`).
pub fn add(
    lib: &Library,
    cat: &mut Catalogue,
    files: &[PathBuf],
    opts: AddOptions,
    done: &mut dyn FnMut(&Outcome),
) -> Result<(), LibraryError> {
    use rayon::prelude::*;
    for batch in files.chunks(BATCH) {
        // The same bytes as an entry's source are that entry: not imported
        // again (`--reimport` is for an importer that has changed).
        let known: HashMap<String, String> = cat
            .entries
            .iter()
            .filter_map(|s| Some((s.meta.as_ref()?.source_hash.clone()?, s.id.clone())))
            .collect();
        let prepared: Vec<Result<Read, String>> =
            batch.par_iter().map(|p| read(p, &known)).collect();
        for (path, p) in batch.iter().zip(prepared) {
            let input = path.display().to_string();
            // A write that fails fails this input; the others are still tried.
            let outcome = match p {
                Ok(Read::Known(id)) => (Status::AlreadyPresent, id),
                Ok(Read::Fresh(p)) => match place(lib, cat, path, *p, opts) {
                    Ok(o) => o,
                    Err(e) => (Status::Failed, e.to_string()),
                },
                Err(message) => (Status::Failed, message),
            };
            done(&Outcome {
                input,
                status: outcome.0,
                detail: outcome.1,
            });
        }
    }
    if !opts.dry_run {
        lib.write_index(cat)?;
    }
    Ok(())
}

/// Decides what one prepared file is to the library, and stores it when
/// that is what is asked.
fn place(
    lib: &Library,
    cat: &mut Catalogue,
    path: &Path,
    p: Prepared,
    opts: AddOptions,
) -> Result<(Status, String), LibraryError> {
    let existing = cat.get(&p.id).map(|s| (s.content.clone(), s.file.clone()));
    if let Some((content, file)) = existing {
        if content == p.content {
            return Ok((Status::AlreadyPresent, p.id));
        }
        if !opts.replace {
            return Ok((Status::Differs, p.id));
        }
        let id = p.id.clone();
        save(lib, cat, Some(path), p, Some(&file), opts.dry_run)?;
        return Ok((Status::Replaced, id));
    }
    if matches!(p.entry, Entry::Document(_)) && !opts.force {
        if let Some(holder) = cat.holder_of(&p.id) {
            return Ok((Status::PresentIn, holder.id.clone()));
        }
    }
    // An issue holding documents stored on their own: said, not merged.
    let alone: Vec<String> = match &p.entry {
        Entry::Issue(i) => i
            .documents
            .iter()
            .filter_map(|n| match n {
                crate::model::schema::Node::Document(d) => Some(identity::document_id(d)),
                _ => None,
            })
            .filter(|d| cat.get(d).is_some())
            .collect(),
        Entry::Document(_) => Vec::new(),
    };
    let id = p.id.clone();
    save(lib, cat, Some(path), p, None, opts.dry_run)?;
    Ok(if alone.is_empty() {
        (Status::Added, id)
    } else {
        (
            Status::Added,
            format!("{id} (also stored on their own: {})", alone.join(", ")),
        )
    })
}

/// Writes an entry (unless a dry run) and records it in the catalogue.
fn save(
    lib: &Library,
    cat: &mut Catalogue,
    path: Option<&Path>,
    p: Prepared,
    replacing: Option<&Path>,
    dry_run: bool,
) -> Result<(), LibraryError> {
    let meta = Meta {
        id: p.id.clone(),
        content: p.content.clone(),
        source: path.map(|s| {
            std::path::absolute(s)
                .unwrap_or_else(|_| s.to_path_buf())
                .display()
                .to_string()
        }),
        source_hash: Some(p.source_hash.clone()),
        kept: Some(if p.ext.is_empty() {
            p.source_hash.clone()
        } else {
            format!("{}.{}", p.source_hash, p.ext)
        }),
        report: p.report.clone(),
        added: now(),
    };
    let file = if dry_run {
        lib.entry_path(&p.id)
    } else {
        let name = meta.kept.clone().unwrap_or_default();
        let file = lib.store(
            &p.id,
            &p.ron,
            &meta,
            Some((&p.source, name.as_str())),
            replacing,
        )?;
        // The index can be made again from the entry: a failure to write
        // it does not fail the add.
        let _ = lib.write_parts(&p.content, &p.search);
        file
    };
    cat.entries.retain(|s| s.id != p.id);
    cat.entries
        .push(super::stored(p.id, file, p.content, Some(meta), &p.entry));
    Ok(())
}

/// Imports again, from the kept sources, the entries named (every entry
/// when none is), storing those the importer now reads differently.
pub fn reimport(
    lib: &Library,
    cat: &mut Catalogue,
    ids: &[String],
    dry_run: bool,
    done: &mut dyn FnMut(&Outcome),
) -> Result<(), LibraryError> {
    let chosen: Vec<(String, Option<Meta>, PathBuf)> = cat
        .entries
        .iter()
        .filter(|s| ids.is_empty() || ids.contains(&s.id))
        .map(|s| (s.id.clone(), s.meta.clone(), s.file.clone()))
        .collect();
    for (old_id, meta, file) in chosen {
        let outcome = match meta.as_ref().and_then(|m| m.kept.clone()) {
            None => (
                Status::Failed,
                "no kept source (copied in by hand, or added before sources were kept)".into(),
            ),
            Some(kept) => {
                match prepare_kept(lib, &kept, meta.as_ref().and_then(|m| m.source.as_deref())) {
                    Err(message) => (Status::Failed, message),
                    Ok(p) => {
                        // The report and source are the original file's.
                        let source = meta.as_ref().and_then(|m| m.source.clone());
                        if p.content
                            == cat
                                .get(&old_id)
                                .map(|s| s.content.clone())
                                .unwrap_or_default()
                        {
                            (Status::Unchanged, old_id.clone())
                        } else if p.id != old_id && cat.get(&p.id).is_some() {
                            (
                                Status::Failed,
                                format!("now reads as {}, which is already stored", p.id),
                            )
                        } else {
                            let new_id = p.id.clone();
                            let replacing = (new_id == old_id).then_some(file.as_path());
                            save(
                                lib,
                                cat,
                                source.as_deref().map(Path::new),
                                p,
                                replacing,
                                dry_run,
                            )?;
                            if new_id != old_id {
                                if dry_run {
                                    cat.entries.retain(|s| s.id != old_id);
                                } else {
                                    lib.remove(cat, &old_id)?;
                                }
                                (Status::Reimported, format!("{new_id} (was {old_id})"))
                            } else {
                                (Status::Reimported, new_id)
                            }
                        }
                    }
                }
            }
        };
        done(&Outcome {
            input: old_id,
            status: outcome.0,
            detail: outcome.1,
        });
    }
    if !dry_run {
        lib.write_index(cat)?;
    }
    Ok(())
}
