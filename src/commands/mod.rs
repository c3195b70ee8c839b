//! The subcommands, one file each, writing to any `impl Write`: [`run`]
//! dispatches them all. Text output passes every string from a file through
//! `text::sanitize`; JSON keeps the text, escaped by [`write_json`].

pub mod add;
pub mod check;
pub mod export;
pub mod find;
pub mod import;
pub mod indicators;
pub mod list;
pub mod refs;
pub mod remove;
pub mod show;
pub mod timeline;
pub mod tree;
pub mod units;

use std::io::Write;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::Command;
use crate::library::Library;
use crate::model::{self, Kind, LoadError, NodeIx, Tree};
use crate::text::{sanitize, truncate};

/// A command's failure: printed as one line, exit status 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Load(#[from] LoadError),
    #[error("{}: {source}", path.display())]
    Import {
        path: PathBuf,
        source: crate::import::ImportError,
    },
    #[error("{}: {source}", path.display())]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Io(std::io::Error),
    #[error("nothing is named {0:?} (`gongbao find` searches, `gongbao tree --ids` lists ids)")]
    NotFound(String),
    #[error("no unit is named {0:?} (`gongbao units` lists them, `gongbao find` searches)")]
    NoUnit(String),
    #[error("{0}")]
    Ambiguous(String),
    /// What a command needs is not in the loaded data.
    #[error("no {0} in the loaded data")]
    Absent(&'static str),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Library(#[from] crate::library::LibraryError),
}

impl Error {
    /// Writing into a closed pipe (`gongbao export | head`) is not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

/// Runs a subcommand: its output to `out`, an import's repairs to `err`.
/// `data` loads the tree, called only by the commands that read it (`check`
/// and `import` read their own files); what it returns is dropped when the
/// command is done, so the binary can hand over a `ManuallyDrop`.
/// `color`: whether `find` and `show` colour what matched.
pub fn run<T: Deref<Target = Tree>>(
    cmd: Command,
    data_path: Option<&Path>,
    data: impl FnOnce() -> Result<T, Error>,
    color: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<ExitCode, Error> {
    match cmd {
        Command::Tree { depth, ids } => tree::run(&*data()?, depth.map(usize::from), ids, out),
        Command::Show {
            query,
            width,
            format,
        } => show::run(&*data()?, &query, usize::from(width), format, color, out),
        Command::Find {
            query,
            limit,
            text,
            out: o,
        } => {
            let (limit, json) = (limit as usize, o.json());
            if let Some(lib) = own_library(data_path) {
                let cat = lib.catalogue()?;
                if !cat.entries.is_empty() {
                    warn(&cat.problems, err)?;
                    let index = lib.search_index(&cat, !text);
                    return find::run_library(&index, &query, limit, text, json, color, out);
                }
            }
            find::run(&*data()?, &query, limit, text, json, color, out)
        }
        Command::Timeline {
            as_of,
            by,
            width,
            status,
            unit,
            year,
            entry,
            kind,
            format,
            json,
        } => {
            let filter = timeline::filter(&status, &unit, &year, &entry, &kind);
            let format = if json {
                crate::cli::TimelineFormat::Json
            } else {
                format
            };
            timeline::run(
                &*data()?,
                as_of.as_deref(),
                by,
                usize::from(width),
                &filter,
                format,
                out,
            )
        }
        Command::Due {
            as_of,
            oneline,
            out: o,
        } => timeline::due(&*data()?, as_of.as_deref(), oneline, o.json(), out),
        Command::Units { unit, out: o } => units::run(&*data()?, unit.as_deref(), o.json(), out),
        Command::Indicators { out: o } => indicators::run(&*data()?, o.json(), out),
        Command::Completions { shell } => {
            let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "gongbao", out);
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let cmd = <crate::cli::Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Refs {
            node,
            unresolved,
            out: o,
        } => {
            let tree = data()?;
            let cites = cited_in(&tree, data_path);
            refs::refs(&tree, &cites, node.as_deref(), unresolved, o.json(), out)
        }
        Command::Citedby { node, out: o } => {
            let tree = data()?;
            let cites = cited_in(&tree, data_path);
            refs::cited_by(&tree, &cites, &node, o.json(), out)
        }
        Command::Export { format } => export::run(&*data()?, format, out),
        Command::Check { files } => check::run(&files, out),
        Command::Import { text, output } => import::run(&text, output.as_deref(), out, err),
        Command::Add {
            paths,
            dry_run,
            replace,
            force,
            reimport,
        } => {
            let opts = crate::library::AddOptions {
                dry_run,
                replace,
                force,
            };
            let lib = writable(data_path)?;
            let lib = if dry_run {
                Library::read_only(lib.root)
            } else {
                lib
            };
            add::run(&lib, &paths, opts, reimport, out, err)
        }
        Command::List { warnings, out: o } => {
            let lib = match data_path {
                Some(p) => Library::read_only(p),
                None => Library::at(crate::library::location()?),
            };
            list::run(&lib, warnings, o.json(), out, err)
        }
        Command::Remove { entries } => remove::run(&writable(data_path)?, &entries, out),
    }
}

/// Says what did not load of what a command reads, a line each, as
/// warnings (the command still answers from the rest).
pub fn warn(problems: &[String], err: &mut impl Write) -> std::io::Result<()> {
    for p in problems {
        for line in p.lines() {
            writeln!(err, "gongbao: warning: {}", sanitize(line))?;
        }
    }
    Ok(())
}

/// The user's library, when no `--data` is given and it exists (the
/// commands that have a faster way through its indexes take it).
fn own_library(data_path: Option<&Path>) -> Option<Library> {
    if data_path.is_some() {
        return None;
    }
    let root = crate::library::location().ok()?;
    root.is_dir().then(|| Library::at(root))
}

/// The library `add` and `remove` change: the user's (`--data` opens a
/// library read-only).
fn writable(data_path: Option<&Path>) -> Result<Library, Error> {
    if let Some(p) = data_path {
        return Err(Error::Usage(format!(
            "--data {} opens data read-only; add and remove change your library (GONGBAO_LIBRARY chooses another)",
            sanitize(&p.display().to_string())
        )));
    }
    Ok(Library::at(crate::library::location()?))
}

/// What the explorer and the commands read, and what to tell about it.
#[derive(Debug)]
pub struct Opened {
    pub tree: Tree,
    /// One line for the explorer's status bar (the sample is open, files
    /// did not load).
    pub notice: Option<String>,
    /// The library's files that did not load, one message each.
    pub problems: Vec<String>,
    /// The embedded sample is open (the library is empty).
    pub sample: bool,
}

/// Opens `--data PATH`; else the library, when it holds anything (files
/// that do not load are left out and reported); else the embedded sample.
pub fn open(data: Option<&Path>) -> Result<Opened, Error> {
    if let Some(p) = data {
        return Ok(Opened {
            tree: model::load_path(p)?,
            notice: None,
            problems: Vec::new(),
            sample: false,
        });
    }
    let mut problems = Vec::new();
    if let Some(root) = crate::library::location().ok().filter(|r| r.is_dir()) {
        if let Some((tree, errs)) = model::load::load_library(&root)? {
            problems = errs.iter().map(ToString::to_string).collect();
            if !tree.entries.is_empty() {
                let notice = (!problems.is_empty()).then(|| {
                    format!(
                        "{} file(s) of the library did not load — `gongbao list --warnings` says which",
                        problems.len()
                    )
                });
                return Ok(Opened {
                    tree,
                    notice,
                    problems,
                    sample: false,
                });
            }
        }
    }
    Ok(Opened {
        tree: model::load_embedded()?,
        notice: Some(if problems.is_empty() {
            "the sample issue — your library is empty: `gongbao add FILE…` builds your own".into()
        } else {
            format!(
                "the sample issue — no file of your library loaded ({}): `gongbao list --warnings`",
                problems.len()
            )
        }),
        problems,
        sample: true,
    })
}

/// What the explorer opens: with no `--data` and a library that holds
/// anything, its entries without their bodies (from the skeleton file,
/// else the catalogue index: the first frame needs no more), and the whole
/// library to load after it; else what [`open`] gives, at once.
pub fn open_explorer(data: Option<&Path>) -> Result<(Opened, Option<crate::tui::Later>), Error> {
    if let Some(lib) = own_library(data) {
        let first = match lib.read_skeleton() {
            Some(tree) => Some((tree, Vec::new())),
            None => {
                let cat = lib.catalogue()?;
                (!cat.entries.is_empty()).then(|| (cat.skeleton(), cat.problems))
            }
        };
        if let Some((tree, problems)) = first {
            let n = tree.entries.len();
            let first = Opened {
                tree,
                notice: Some(format!("loading the library: {n} entries…")),
                problems,
                sample: false,
            };
            let later: crate::tui::Later = Box::new(move || {
                // The catalogue and skeleton brought up to date (a file
                // copied in by hand is in the next first frame).
                let cat = lib.catalogue();
                let opened = open(None).map_err(|e| e.to_string())?;
                let units = crate::domain::units::Units::build(&opened.tree);
                let cites = cited(&opened.tree, Some(&lib), cat.ok().as_ref());
                Ok(crate::tui::app::Loaded {
                    tree: opened.tree,
                    units,
                    cites,
                    notice: opened.notice,
                })
            });
            return Ok((first, Some(later)));
        }
    }
    Ok((open(data)?, None))
}

/// The citations of `tree` as loaded for a command: from the user's
/// library's index when `tree` is the library, else found now.
fn cited_in(tree: &Tree, data_path: Option<&Path>) -> crate::domain::citations::Citations {
    let lib = own_library(data_path);
    let cat = lib.as_ref().and_then(|l| l.catalogue().ok());
    cited(tree, lib.as_ref(), cat.as_ref())
}

/// The citations of `tree`: with the library it was loaded from, what each
/// entry's index stored (found when the entry was added), else found now;
/// resolved against the whole tree either way.
pub fn cited(
    tree: &Tree,
    lib: Option<&crate::library::Library>,
    cat: Option<&crate::library::Catalogue>,
) -> crate::domain::citations::Citations {
    use crate::domain::citations::{scan_nodes, Citations};
    let scans = match (lib, cat) {
        (Some(l), Some(c)) if !c.entries.is_empty() => l.scans_for(c, tree),
        _ => scan_nodes(tree, 0..tree.nodes.len()),
    };
    Citations::resolve(tree, scans)
}

/// Writes JSON (pretty, with a final newline), every object's keys in
/// alphabetical order whatever the order of a type's fields. The text is
/// kept, escaped: besides what JSON escapes itself, C1 controls, bidi
/// controls and zero-width characters are written as `\uXXXX`, so printing
/// the JSON to a terminal shows nothing it would act on.
/// A CSV writer's error as ours; its I/O errors keep their kind (a closed
/// pipe is not an error).
pub fn csv_error(e: ::csv::Error) -> Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => Error::Io(io),
        other => Error::Io(std::io::Error::other(format!("{other:?}"))),
    }
}

pub fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    let mut value = serde_json::to_value(value).map_err(std::io::Error::from)?;
    value.sort_all_objects();
    let text = serde_json::to_string_pretty(&value).map_err(std::io::Error::from)?;
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if c as u32 >= 0x7f && sanitize(c.encode_utf8(&mut [0; 4])) != c.to_string().as_str() {
            escaped.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            escaped.push(c);
        }
    }
    out.write_all(escaped.as_bytes())?;
    writeln!(out)
}

/// The node a query names (see [`crate::model::resolve`]): one, or an
/// error — nothing matches, or several do (listed: id, kind, label and
/// where it is, for the user to pick by id).
pub fn resolve(tree: &Tree, query: &str) -> Result<NodeIx, Error> {
    use crate::model::resolve::Resolved;
    let resolved = match crate::model::resolve::resolve(tree, query) {
        Resolved::None => palette_resolve(tree, query),
        other => other,
    };
    match resolved {
        Resolved::One(ix) => Ok(ix),
        Resolved::None => Err(Error::NotFound(sanitize(query).into_owned())),
        Resolved::Many(ixs) => {
            let shown = 20;
            let mut lines: Vec<String> = ixs
                .iter()
                .take(shown)
                .map(|&ix| {
                    format!(
                        "  {}\t{}\t{}\t{}",
                        sanitize(&tree.nodes[ix].id),
                        tree.nodes[ix].kind,
                        truncate(&tree.label(ix), 40),
                        sanitize(&breadcrumb(tree, ix).join(" › "))
                    )
                })
                .collect();
            if ixs.len() > shown {
                lines.push(format!("  … and {} more", ixs.len() - shown));
            }
            Err(Error::Ambiguous(format!(
                "{:?} names {} nodes; give one's id:\n{}",
                sanitize(query),
                ixs.len(),
                lines.join("\n")
            )))
        }
    }
}

/// What the palette would jump to, for a name the resolver does not know
/// (`任务45`, pinyin `xcl`, part of a title): a task by its number, else the
/// palette's best hit when it is better than the next one; the hits that
/// tie for best when several do; none when the palette finds nothing.
fn palette_resolve(tree: &Tree, query: &str) -> crate::model::resolve::Resolved {
    use crate::model::resolve::Resolved;
    use crate::search::index::{Index, Target};
    let compact: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(n) = compact.strip_prefix("任务").filter(|n| !n.is_empty()) {
        let tasks: Vec<NodeIx> = tree
            .of_kind(Kind::Task)
            .filter(|&ix| match &tree.nodes[ix].data {
                Some(crate::model::Node::Task(t)) => t.number.as_deref() == Some(n),
                _ => false,
            })
            .collect();
        match tasks.len() {
            0 => {}
            1 => return Resolved::One(tasks[0]),
            _ => return Resolved::Many(tasks),
        }
    }
    let units = crate::domain::units::Units::build(tree).names();
    let index = Index::build(tree, &units);
    let hits: Vec<(NodeIx, i64)> = index
        .search(query, None, 20)
        .hits
        .into_iter()
        .filter_map(|h| match h.target {
            Target::Node(ix) => Some((ix, h.score)),
            Target::Unit(_) => None,
        })
        .collect();
    let Some(&(first, best)) = hits.first() else {
        return Resolved::None;
    };
    let tied: Vec<NodeIx> = hits
        .iter()
        .take_while(|(_, s)| *s == best)
        .map(|(ix, _)| *ix)
        .collect();
    if tied.len() == 1 {
        Resolved::One(first)
    } else {
        Resolved::Many(tied)
    }
}

/// The ancestors' labels of a node, issue first (the breadcrumb); a
/// document is named by its 文号 and title.
pub fn breadcrumb(tree: &Tree, ix: NodeIx) -> Vec<String> {
    tree.ancestors(ix)
        .into_iter()
        // A library's year is in its entries' names (2021年第15期, a 文号).
        .filter(|&a| tree.nodes[a].kind != Kind::Year)
        .map(|a| match tree.nodes[a].kind {
            Kind::Document => tree.document_name(a),
            _ => tree.label(a),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Out {
        zeta: u8,
        #[serde(flatten)]
        inner: Inner,
        alpha: &'static str,
    }

    #[derive(serde::Serialize)]
    struct Inner {
        mid: Option<u8>,
    }

    /// Keys come out sorted whatever the fields' order (flattened ones
    /// too), and what a terminal would act on is escaped.
    #[test]
    fn json_keys_are_sorted_and_controls_escaped() {
        let mut out = Vec::new();
        let value = Out {
            zeta: 1,
            inner: Inner { mid: None },
            alpha: "a\u{1b}[2J\u{202e}b",
        };
        write_json(&mut out, &value).expect("writes");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "{\n  \"alpha\": \"a\\u001b[2J\\u202eb\",\n  \"mid\": null,\n  \"zeta\": 1\n}\n"
        );
    }
}
