//! File → RON → validation → tree. The only place that reads gazette files.

use std::path::{Path, PathBuf};

use super::schema::{Issue, Node};
use super::tree::{Kind, Tree};

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
    #[error("{} and {}: both are issue {year} No. {number}", first.display(), second.display())]
    SameIssue {
        first: PathBuf,
        second: PathBuf,
        year: u32,
        number: u32,
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

/// Loads a `.ron` file, or every `.ron` in a folder: one file is that issue,
/// several an archive ordered by (year, number).
pub fn load_path(path: &Path) -> Result<Tree, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron") && p.is_file())
            .collect();
        files.sort();
        return match files.len() {
            0 => Err(LoadError::EmptyFolder {
                path: path.to_path_buf(),
            }),
            1 => load_path(&files[0]),
            _ => load_archive(&files),
        };
    }
    let bytes = read_capped(path)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| LoadError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
    })?;
    parse(text, path)
}

/// Parses and validates each file (on all cores), refuses two files of the
/// same issue, and joins them under one root.
fn load_archive(files: &[PathBuf]) -> Result<Tree, LoadError> {
    let threads = crate::cores().min(files.len());
    let chunk = files.len().div_ceil(threads);
    let mut results: Vec<Result<Issue, LoadError>> = Vec::with_capacity(files.len());
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|f| load_issue(f)).collect::<Vec<_>>()))
            .collect();
        for h in handles {
            match h.join() {
                Ok(mut r) => results.append(&mut r),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    let mut issues = Vec::with_capacity(files.len());
    let mut seen: std::collections::HashMap<(u32, u32), &PathBuf> =
        std::collections::HashMap::new();
    for (r, f) in results.into_iter().zip(files) {
        let issue = r?;
        if let Some(first) = seen.insert((issue.year, issue.number), f) {
            return Err(LoadError::SameIssue {
                first: first.clone(),
                second: f.clone(),
                year: issue.year,
                number: issue.number,
            });
        }
        issues.push(issue);
    }
    Ok(Tree::archive(issues))
}

/// One file of an archive: read, then the cached issue for exactly these
/// bytes, or parse, validate and cache it.
fn load_issue(path: &Path) -> Result<Issue, LoadError> {
    let bytes = read_capped(path)?;
    if let Some(issue) = super::cache::read(path, &bytes) {
        return Ok(issue);
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| LoadError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
    })?;
    let issue = parse(text, path)?.into_issue();
    super::cache::write(path, &bytes, &issue);
    Ok(issue)
}

/// Reads at most `MAX_FILE_BYTES` (+1 to notice more), so `/dev/zero` ends.
fn read_capped(path: &Path) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    Ok(bytes)
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
    let options = ron::Options::default().with_recursion_limit(MAX_DEPTH);
    let issue: Issue = options.from_str(text).map_err(|e| LoadError::Syntax {
        path: path.to_path_buf(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: match e.code {
            ron::Error::ExceededRecursionLimit => {
                format!("nested deeper than the limit of {MAX_DEPTH} levels")
            }
            code => crate::text::sanitize(&code.to_string()).into_owned(),
        },
    })?;
    let tree = Tree::new(issue);
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
    let issue = tree.issue();
    if !is_date(&issue.published) {
        report(
            locate(source, "published"),
            format!(
                "issue: published {:?} is not a date YYYY-MM-DD",
                issue.published
            ),
        );
    }
    if issue.title.trim().is_empty() {
        report(locate(source, "title"), "issue: title is empty".into());
    }
    let mut seen = std::collections::HashMap::new();
    for (ix, n) in tree.nodes.iter().enumerate().skip(1) {
        let id_needle = format!("id: {:?}", n.id);
        if n.id.trim().is_empty() {
            report(
                locate(source, "id: \"\""),
                format!("a {} has an empty id", n.kind),
            );
            continue;
        }
        if let Some(first) = seen.insert(n.id.clone(), ix) {
            let nth = tree.nodes[..ix].iter().filter(|m| m.id == n.id).count();
            report(
                locate_nth(source, &id_needle, nth),
                format!(
                    "duplicate id {:?} (first used by a {})",
                    n.id, tree.nodes[first].kind
                ),
            );
        }
        let need = |field: &str, value: &str| -> Option<String> {
            value
                .trim()
                .is_empty()
                .then(|| format!("{} {:?}: {field} is empty", n.kind, n.id))
        };
        let mut missing = Vec::new();
        match &n.data {
            Some(Node::Document(d)) => {
                missing.extend(need("title", &d.title));
                missing.extend(need("doc_number", &d.doc_number));
                missing.extend(need("issuer", &d.issuer));
                missing.extend(need("category", &d.category));
                if !is_date(&d.date) {
                    missing.push(format!(
                        "document {:?}: date {:?} is not a date YYYY-MM-DD",
                        n.id, d.date
                    ));
                }
            }
            Some(Node::Attachment(c)) => missing.extend(need("title", &c.title)),
            Some(Node::Chapter(h))
            | Some(Node::Section(h))
            | Some(Node::Industry(h))
            | Some(Node::Column(h)) => {
                missing.extend(need("title", &h.title));
                missing.extend(need("number", &h.number));
            }
            Some(Node::Heading(h)) => missing.extend(need("title", &h.title)),
            Some(Node::Segment(s)) | Some(Node::Entry(s)) => {
                missing.extend(need("title", &s.title))
            }
            Some(Node::Paragraph(p)) => missing.extend(need("text", &p.text)),
            Some(Node::Task(t)) => {
                missing.extend(need("text", &t.text));
                if !inside_table(tree, ix) {
                    missing.push(format!("task {:?} is not inside a table", n.id));
                }
            }
            Some(Node::Decision(d)) => {
                missing.extend(need("title", &d.title));
                missing.extend(need("number", &d.number));
                if let Some(due) = &d.due {
                    if !is_month(due) {
                        missing.push(format!(
                            "decision {:?}: due {due:?} is not a month YYYY-MM",
                            n.id
                        ));
                    }
                }
                if !inside_table(tree, ix) {
                    missing.push(format!("decision {:?} is not inside a table", n.id));
                }
            }
            Some(Node::Table(_)) | None => {}
        }
        for m in missing {
            report(locate(source, &id_needle), m);
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

/// 1-based line and column of the first occurrence of `needle`, or 1:1.
fn locate(source: &str, needle: &str) -> (usize, usize) {
    locate_nth(source, needle, 0)
}

fn locate_nth(source: &str, needle: &str, nth: usize) -> (usize, usize) {
    match source.match_indices(needle).nth(nth) {
        Some((offset, _)) => {
            let before = &source[..offset];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, col)
        }
        None => (1, 1),
    }
}

/// `YYYY-MM-DD` with a real month and day.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !is_month(&s[..7]) {
        return false;
    }
    let Ok(day) = s[8..].parse::<u32>() else {
        return false;
    };
    if !s[8..].bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let year: u32 = s[..4].parse().unwrap_or(0);
    let month: u32 = s[5..7].parse().unwrap_or(0);
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days).contains(&day)
}

/// `YYYY-MM` with a month 01–12.
pub fn is_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[5..].iter().all(u8::is_ascii_digit)
        && matches!(s[5..].parse::<u32>(), Ok(1..=12))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_months() {
        assert!(is_date("2021-08-15"));
        assert!(is_date("2020-02-29"));
        assert!(!is_date("2021-02-29"));
        assert!(!is_date("2021-8-15"));
        assert!(!is_date("2021-13-01"));
        assert!(is_month("2021-12"));
        assert!(!is_month("2021-00"));
        assert!(!is_month("2021-1a"));
    }
}
