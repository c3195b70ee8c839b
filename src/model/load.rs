//! File → RON → validation → tree. The only place that reads gazette files.

use std::path::{Path, PathBuf};

use super::schema::{Entry, Issue, Node, FORMAT};
use super::tree::{entry_key, Head, Kind, Tree};

/// The gazette shipped inside the binary.
pub const EMBEDDED: &str = include_str!("../../assets/cq-gazette-2021-15.ron");
/// The name errors give the embedded gazette.
pub const EMBEDDED_NAME: &str = "<embedded>/cq-gazette-2021-15.ron";

/// Largest gazette file accepted; the seed issue's RON is about 0.3 MB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Deepest nesting accepted in a RON file (the real tree is 8 deep).
pub const MAX_DEPTH: usize = 64;

/// Why a gazette could not be loaded. Displays as one line naming the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: file is larger than the {} MiB limit", path.display(), MAX_FILE_BYTES / 1024 / 1024)]
    TooLarge { path: PathBuf },
    #[error("{}: not a regular file ({what})", path.display())]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{}: not valid UTF-8 (byte {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{}", format_invalid(path, problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    #[error("{}: no .ron file in this folder", path.display())]
    EmptyFolder { path: PathBuf },
    #[error(
        "{}: a document to import, not a gazette file: `gongbao import {0} -o FILE.ron` turns it into one, `gongbao add {0}` puts it in your library",
        path.display()
    )]
    NotRon { path: PathBuf },
    #[error("{} and {}: both are {key}", first.display(), second.display())]
    SameEntry {
        first: PathBuf,
        second: PathBuf,
        /// The entry's id (`重庆市人民政府公报-2021-15`, a 文号 …).
        key: String,
    },
}

/// One validation problem, located by line and column where it can be.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

fn format_invalid(path: &Path, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("{}:{}:{}: {}", path.display(), p.line, p.col, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Loads the embedded gazette.
pub fn load_embedded() -> Result<Tree, LoadError> {
    parse(EMBEDDED, Path::new(EMBEDDED_NAME))
}

/// Loads a `.ron` file, or a folder of them as a library: every entry's
/// node ids start with its id (`ENTRY/d1`), however many files it holds.
pub fn load_path(path: &Path) -> Result<Tree, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        let files = ron_files(path)?;
        if files.is_empty() {
            return Err(LoadError::EmptyFolder {
                path: path.to_path_buf(),
            });
        }
        return load_archive(&files);
    }
    // A text, Markdown, web page, .docx or PDF given as a gazette file.
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if ext
        .as_deref()
        .is_some_and(|e| crate::import::DOCUMENTS.contains(&e))
    {
        return Err(LoadError::NotRon {
            path: path.to_path_buf(),
        });
    }
    let bytes = read_capped(path)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| LoadError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
    })?;
    parse(text, path)
}

/// The `.ron` files directly in a folder (a library's entries), sorted.
pub fn ron_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let io = |source| LoadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "ron")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                && p.is_file()
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Parses and validates each file (on all cores), refuses two files of the
/// same entry, and joins them under one root.
fn load_archive(files: &[PathBuf]) -> Result<Tree, LoadError> {
    let results = load_entries(files);
    let mut entries = Vec::with_capacity(files.len());
    let mut seen: std::collections::HashMap<String, &PathBuf> = std::collections::HashMap::new();
    for (r, f) in results.into_iter().zip(files) {
        let entry = r?;
        let key = entry_key(&entry);
        if let Some(first) = seen.insert(key.clone(), f) {
            return Err(LoadError::SameEntry {
                first: first.clone(),
                second: f.clone(),
                key: crate::text::sanitize(&key).into_owned(),
            });
        }
        entries.push(entry);
    }
    Ok(Tree::archive(entries))
}

/// Every file's entry, or why it could not be read (on all cores).
pub fn load_entries(files: &[PathBuf]) -> Vec<Result<Entry, LoadError>> {
    use rayon::prelude::*;
    files.par_iter().map(|f| load_entry(f)).collect()
}

/// Loads a library's folder, keeping what loads: the entries that do, and
/// for each file that does not (or repeats an entry), why. `None` when the
/// folder holds no entry.
pub fn load_library(dir: &Path) -> Result<Option<(Tree, Vec<LoadError>)>, LoadError> {
    let files = ron_files(dir)?;
    let mut entries = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    let mut seen: std::collections::HashMap<String, &PathBuf> = std::collections::HashMap::new();
    for (r, f) in load_entries(&files).into_iter().zip(&files) {
        match r {
            Ok(entry) => {
                let key = entry_key(&entry);
                if let Some(first) = seen.insert(key.clone(), f) {
                    seen.insert(key.clone(), first);
                    problems.push(LoadError::SameEntry {
                        first: first.clone(),
                        second: f.clone(),
                        key: crate::text::sanitize(&key).into_owned(),
                    });
                } else {
                    entries.push(entry);
                }
            }
            Err(e) => problems.push(e),
        }
    }
    if entries.is_empty() && problems.is_empty() {
        return Ok(None);
    }
    Ok(Some((Tree::archive(entries), problems)))
}

/// One file of an archive: read, then the cached entry for exactly these
/// bytes, or parse, validate and cache it.
fn load_entry(path: &Path) -> Result<Entry, LoadError> {
    let bytes = read_capped(path)?;
    if let Some(entry) = super::cache::read(path, &bytes) {
        return Ok(entry);
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| LoadError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
    })?;
    let entry = parse(text, path)?.into_entry();
    super::cache::write(path, &bytes, &entry);
    Ok(entry)
}

/// Reads a regular file of at most `MAX_FILE_BYTES` (through
/// [`crate::fsio::read_capped`]: a folder, FIFO or device is refused before
/// it is opened, so `/dev/zero` and a FIFO end at once).
pub fn read_capped(path: &Path) -> Result<Vec<u8>, LoadError> {
    use crate::fsio::FsError;
    crate::fsio::read_capped(path, MAX_FILE_BYTES).map_err(|e| match e {
        FsError::Io { path, source } => LoadError::Io { path, source },
        FsError::TooLarge { path, .. } => LoadError::TooLarge { path },
        FsError::NotAFile { path, what } => LoadError::NotAFile { path, what },
    })
}

/// Parses and validates RON text; `path` is used in messages.
pub fn parse(text: &str, path: &Path) -> Result<Tree, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Syntax {
            path: path.to_path_buf(),
            line: 1,
            col: 1,
            message: "the file is empty".into(),
        });
    }
    // Version 1 files wrote plain values where later versions have options
    // (`total_number: 897`): implicit `Some` reads both.
    let options = ron::Options::default()
        .with_recursion_limit(MAX_DEPTH)
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let syntax = |e: ron::error::SpannedError| LoadError::Syntax {
        path: path.to_path_buf(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: match e.code {
            ron::Error::ExceededRecursionLimit => {
                format!("nested deeper than the limit of {MAX_DEPTH} levels")
            }
            code => crate::text::sanitize(&code.to_string()).into_owned(),
        },
    };
    let entry = match root_name(text) {
        Some("Document") => Entry::Document(Box::new(options.from_str(text).map_err(syntax)?)),
        _ => Entry::Issue(options.from_str::<Issue>(text).map_err(syntax)?),
    };
    let format = match &entry {
        Entry::Issue(i) => i.format,
        Entry::Document(d) => d.format.unwrap_or(0),
    };
    if format > FORMAT {
        let (line, col) = super::spans::fields(text)
            .into_iter()
            .find(|f| f.name == "format" && f.depth == 1)
            .map_or((1, 1), |f| (f.line, f.col));
        return Err(LoadError::Syntax {
            path: path.to_path_buf(),
            line,
            col,
            message: format!(
                "format {format} is newer than this program reads (up to {FORMAT}): update gongbao"
            ),
        });
    }
    let tree = Tree::new(entry);
    let problems = validate(&tree, text);
    if problems.is_empty() {
        Ok(tree)
    } else {
        Err(LoadError::Invalid {
            path: path.to_path_buf(),
            problems,
        })
    }
}

/// The identifier before a file's first `(`, skipping blanks, comments and
/// `#![enable(…)]` attributes: `Issue`, `Document`, or `None` (version 1
/// files start with a bare `(`).
fn root_name(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("#![") {
            rest = r.split_once(']').map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Checks what the types cannot: unique ids, required fields, dates and
/// months, and that tasks and decisions sit inside a table.
pub fn validate(tree: &Tree, source: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |(line, col): (usize, usize), message: String| {
        problems.push(Problem {
            line,
            col,
            message: crate::text::sanitize(&message).into_owned(),
        });
    };
    if let Some(Head::Issue(issue)) = tree.entries.first() {
        if issue.title.trim().is_empty() {
            let title = super::spans::fields(source)
                .into_iter()
                .find(|f| f.name == "title" && f.depth == 1)
                .map_or((1, 1), |f| (f.line, f.col));
            report(title, "issue: title is empty".into());
        }
    }
    // Where each node's fields are, from the tokens: the n-th struct with an
    // id is the n-th node (an issue's root has none). Only a problem needs
    // them. A problem with a field is reported at the field, else at the id.
    let fields = std::cell::OnceCell::new();
    let at = |ix: usize, name: &str| -> (usize, usize) {
        let (fields, ids): &(Vec<super::spans::Field>, Vec<usize>) = fields.get_or_init(|| {
            let fields = super::spans::fields(source);
            let ids = (0..fields.len())
                .filter(|&k| fields[k].name == "id")
                .collect();
            (fields, ids)
        });
        let id = match tree.nodes.len().checked_sub(ids.len()) {
            Some(skip @ (0 | 1)) if ix >= skip => &fields[ids[ix - skip]],
            _ => return (1, 1),
        };
        // A struct's fields are together (sorted by the struct's bracket).
        let first = fields.partition_point(|f| f.owner < id.owner);
        let field = fields[first..]
            .iter()
            .take_while(|f| f.owner == id.owner)
            .find(|f| f.name == name)
            .unwrap_or(id);
        (field.line, field.col)
    };
    let mut seen = std::collections::HashMap::new();
    for (ix, n) in tree.nodes.iter().enumerate().skip(1) {
        if n.id.trim().is_empty() {
            report(at(ix, "id"), format!("a {} has an empty id", n.kind));
            continue;
        }
        if let Some(first) = seen.insert(n.id.clone(), ix) {
            report(
                at(ix, "id"),
                format!(
                    "duplicate id {:?} (first used by a {})",
                    n.id, tree.nodes[first].kind
                ),
            );
        }
        let need = |field: &'static str, value: &str| -> Option<(&'static str, String)> {
            value
                .trim()
                .is_empty()
                .then(|| (field, format!("{} {:?}: {field} is empty", n.kind, n.id)))
        };
        let mut missing = Vec::new();
        match &n.data {
            Some(Node::Document(d)) => {
                missing.extend(need("title", &d.title));
                for (field, value) in [
                    ("doc_number", &d.doc_number),
                    ("issuer", &d.issuer),
                    ("category", &d.category),
                    ("genre", &d.genre),
                    ("source", &d.source),
                ] {
                    // Missing is `None`; present must say something.
                    if let Some(v) = value {
                        missing.extend(need(field, v));
                    }
                }
                if d.format.is_some() && ix != 0 {
                    missing.push((
                        "format",
                        format!(
                            "document {:?}: format belongs on the file's root only",
                            n.id
                        ),
                    ));
                }
            }
            Some(Node::Attachment(c)) => missing.extend(need("title", &c.title)),
            // A heading may run in with no title of its own (`（一）加快…，…。`).
            Some(Node::Chapter(h))
            | Some(Node::Section(h))
            | Some(Node::Industry(h))
            | Some(Node::Column(h)) => {
                if h.title.trim().is_empty() && h.text.trim().is_empty() {
                    missing.extend(need("title", &h.title));
                }
                missing.extend(need("number", &h.number));
            }
            Some(Node::Part(h)) | Some(Node::Article(h)) | Some(Node::Item(h)) => {
                missing.extend(need("number", &h.number));
                if h.title.trim().is_empty() && h.text.trim().is_empty() && n.children.is_empty() {
                    missing.push((
                        "id",
                        format!("{} {:?}: no title, text or children", n.kind, n.id),
                    ));
                }
            }
            Some(Node::Heading(h)) => missing.extend(need("title", &h.title)),
            Some(Node::Segment(s)) | Some(Node::Entry(s)) => {
                missing.extend(need("title", &s.title))
            }
            Some(Node::Paragraph(p)) => missing.extend(need("text", &p.text)),
            Some(Node::Task(t)) => {
                missing.extend(need("text", &t.text));
                if !inside_table(tree, ix) {
                    missing.push(("id", format!("task {:?} is not inside a table", n.id)));
                }
            }
            Some(Node::Decision(d)) => {
                missing.extend(need("title", &d.title));
                missing.extend(need("number", &d.number));
                if !inside_table(tree, ix) {
                    missing.push(("id", format!("decision {:?} is not inside a table", n.id)));
                }
            }
            Some(Node::Table(_)) | None => {}
        }
        for (field, m) in missing {
            report(at(ix, field), m);
        }
    }
    problems.sort_by_key(|p| (p.line, p.col));
    problems
}

fn inside_table(tree: &Tree, ix: usize) -> bool {
    tree.ancestors(ix)
        .iter()
        .any(|&a| tree.nodes[a].kind == Kind::Table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::Entry;

    /// A version 1 file: no root name or format, plain values where later
    /// versions have options, a task's number an integer.
    const V1: &str = r#"(
  year: 2021, number: 1, total_number: 883, published: "2021-01-15",
  title: "重庆市人民政府公报", publisher: "重庆市人民政府办公厅主办",
  documents: [
    Document((
      id: "d1", title: "关于测试的通知", doc_number: "渝府发〔2021〕1号",
      issuer: "重庆市人民政府", date: "2021-01-04", category: "市政府文件",
      children: [
        Table((id: "d1/t1", header: [["序号", "任务", "牵头单位", "配合单位"]], children: [
          Task((id: "d1/t1/x1", number: 7, text: "做好测试", lead: ["市发展改革委"])),
        ])),
      ],
    )),
  ],
)"#;

    #[test]
    fn a_version_1_file_loads() {
        let tree = parse(V1, Path::new("v1.ron")).unwrap_or_else(|e| panic!("{e}"));
        let Entry::Issue(issue) = tree.into_entry() else {
            panic!("not an issue")
        };
        assert_eq!(issue.total_number, Some(883));
        let Some(Node::Document(d)) = issue.documents.first() else {
            panic!("no document")
        };
        assert_eq!(d.doc_number.as_deref(), Some("渝府发〔2021〕1号"));
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2021-01-04"));
        let Some(Node::Table(t)) = d.children.first() else {
            panic!("no table")
        };
        let Some(Node::Task(task)) = t.children.first() else {
            panic!("no task")
        };
        assert_eq!(task.number.as_deref(), Some("7"));
    }

    #[test]
    fn a_standalone_document_is_a_file_and_a_newer_format_is_refused() {
        let doc = r#"Document(format: 2, id: "d1", title: "某某条例", children: [
            Article((id: "d1/n1", number: "一", ordinal: 1, label: "第一条", text: "为了测试，制定本条例。")),
        ])"#;
        let tree = parse(doc, Path::new("doc.ron")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tree.nodes[0].kind, Kind::Document);
        assert_eq!(tree.label(1), "第一条 为了测试，制定本条例。");
        let newer = doc.replace("format: 2", "format: 99");
        let err = parse(&newer, Path::new("doc.ron"))
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("doc.ron:1:10: format 99 is newer than this program reads (up to 2): update gongbao")
        );
    }
}
