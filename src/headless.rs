//! Headless subcommands. Each writes plain text to any `impl Write`; every
//! string from the file passes through `text::sanitize` (JSON keeps the text
//! and escapes it).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{json, Map, Value};

use crate::cli::{Command, Format};
use crate::model::schema::Node;
use crate::model::{self, Kind, LoadError, NodeIx, Tree};
use crate::text::{sanitize, truncate};
use crate::view;

/// A headless failure: printed as one line, exit status 2.
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
    #[error("{0}")]
    Ambiguous(String),
    /// What a command needs is not in the loaded data.
    #[error("no {0} in the loaded data")]
    Absent(&'static str),
    #[error("{0}")]
    Usage(String),
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

/// Writes JSON (pretty, with a final newline). The text is kept, escaped:
/// besides what JSON escapes itself, C1 controls, bidi controls and
/// zero-width characters are written as `\uXXXX`, so printing the JSON to a
/// terminal shows nothing it would act on.
pub fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::from)?;
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if c as u32 >= 0x7f
            && crate::text::sanitize(c.encode_utf8(&mut [0; 4])) != c.to_string().as_str()
        {
            escaped.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            escaped.push(c);
        }
    }
    out.write_all(escaped.as_bytes())?;
    writeln!(out)
}

/// Loads `--data PATH`, or the embedded issue.
pub fn load(data: Option<&Path>) -> Result<Tree, Error> {
    Ok(match data {
        Some(p) => model::load_path(p)?,
        None => model::load_embedded()?,
    })
}

/// Runs a subcommand that reads the loaded tree.
pub fn run(tree: &Tree, cmd: Command, out: &mut impl Write) -> Result<ExitCode, Error> {
    match cmd {
        Command::Tree { depth, ids } => outline(tree, depth.map(usize::from), ids, out)?,
        Command::Show { query, width } => {
            let ix = resolve(tree, &query)?;
            show(tree, ix, usize::from(width), out)?;
        }
        Command::Find {
            query,
            limit,
            text,
            out: o,
        } => {
            let found = find(tree, &query, limit as usize, text, o.json(), out)?;
            if !found {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Timeline {
            as_of,
            by,
            width,
            out: o,
        } => timeline(
            tree,
            as_of.as_deref(),
            by,
            usize::from(width),
            o.json(),
            out,
        )?,
        Command::Units { unit, out: o } => units(tree, unit.as_deref(), o.json(), out)?,
        Command::Indicators { out: o } => indicators(tree, o.json(), out)?,
        Command::Export { format } => match format {
            Format::Json => {
                write_json(out, &export_json(tree, 0))?;
            }
            Format::Markdown => export_markdown(tree, out)?,
        },
        Command::Check { .. } | Command::Import { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// `tree`: one node a line, two spaces per depth: kind, number, title.
pub fn outline(
    tree: &Tree,
    depth: Option<usize>,
    ids: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    for (ix, n) in tree.nodes.iter().enumerate() {
        if depth.is_some_and(|d| n.depth > d) {
            continue;
        }
        let indent = "  ".repeat(n.depth);
        let label = outline_label(tree, ix);
        if ids {
            writeln!(out, "{indent}{} {label}  [{}]", n.kind, sanitize(&n.id))?;
        } else {
            writeln!(out, "{indent}{} {label}", n.kind)?;
        }
    }
    Ok(())
}

/// The outline's text for a node: number and title (documents with 文号);
/// untitled nodes show the start of their text.
pub fn outline_label(tree: &Tree, ix: NodeIx) -> String {
    let n = &tree.nodes[ix];
    // Numbers as printed (（一）, 第三条, 1.2.1), a document's 文号.
    let number = match n.kind {
        Kind::Document => tree.number(ix),
        _ => tree.printed_number(ix),
    };
    let title = tree.title(ix);
    let body = if title.is_empty() {
        truncate(tree.text(ix), 60)
    } else {
        sanitize(title).into_owned()
    };
    match n.kind {
        Kind::Issue | Kind::Archive => sanitize(&tree.label(ix)).into_owned(),
        _ if number.is_empty() => body,
        // `三、产业发展方向`, `（一）…`, but `第一章 总则`, `1.2 …`, a 文号 and its title.
        _ if n.kind != Kind::Document
            && !number.ends_with(|c: char| c.is_alphanumeric() || c == '.') =>
        {
            format!("{}{body}", sanitize(&number))
        }
        _ => format!("{} {body}", sanitize(&number)),
    }
}

/// The node a query names (see [`crate::model::resolve`]): one, or an
/// error — nothing matches, or several do (listed: id, kind, label and
/// where it is, for the user to pick by id).
pub fn resolve(tree: &Tree, query: &str) -> Result<NodeIx, Error> {
    use crate::model::resolve::Resolved;
    match crate::model::resolve::resolve(tree, query) {
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

/// Folds a query or title for comparison: no whitespace (ASCII or U+3000),
/// full-width ASCII forms to half-width, lower case.
pub fn fold(s: &str) -> String {
    crate::search::fold::fold_query(s).to_lowercase()
}

/// The ancestors' titles of a node, issue first (the breadcrumb).
pub fn breadcrumb(tree: &Tree, ix: NodeIx) -> Vec<String> {
    tree.ancestors(ix)
        .into_iter()
        .map(|a| match tree.nodes[a].kind {
            Kind::Issue | Kind::Archive => tree.label(a),
            Kind::Document => tree.document_name(a),
            _ => tree.label(a),
        })
        .collect()
}

/// `find`: hits best first, `ID<TAB>KIND<TAB>TITLE<TAB>BREADCRUMB` (with
/// `--text`, `<TAB>SNIPPET`), or JSON. Returns whether anything matched.
pub fn find(
    tree: &Tree,
    query: &str,
    limit: usize,
    text: bool,
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<bool> {
    let mut rows: Vec<Value> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let clean = |s: &str| sanitize(s).into_owned();
    if text {
        let hits = crate::search::fulltext::search(tree, query);
        for h in hits.into_iter().take(limit) {
            let n = &tree.nodes[h.node];
            let title = crate::search::index::candidate_title(tree, h.node);
            let crumbs = breadcrumb(tree, h.node);
            let (snippet, matched) = h.snippet(16);
            lines.push(format!(
                "{}\t{}\t{}\t{}\t{}",
                clean(&n.id),
                n.kind,
                clean(&title),
                clean(&crumbs.join(" › ")),
                clean(&snippet)
            ));
            rows.push(json!({
                "id": n.id, "kind": n.kind.name(), "title": title, "breadcrumb": crumbs,
                "score": h.count, "matched": matched, "snippet": snippet,
            }));
        }
    } else {
        let units = crate::domain::units::Units::build(tree).names();
        let index = crate::search::Index::build(tree, &units);
        for h in index.search(query, None, limit).hits {
            let (id, kind, crumbs) = match &h.target {
                crate::search::index::Target::Node(ix) => (
                    tree.nodes[*ix].id.clone(),
                    tree.nodes[*ix].kind.name().to_string(),
                    breadcrumb(tree, *ix),
                ),
                crate::search::index::Target::Unit(u) => {
                    (format!("unit:{u}"), "unit".to_string(), Vec::new())
                }
            };
            lines.push(format!(
                "{}\t{}\t{}\t{}",
                clean(&id),
                kind,
                clean(index.title(h.candidate)),
                clean(&crumbs.join(" › "))
            ));
            rows.push(json!({
                "id": id, "kind": kind, "title": index.title(h.candidate), "breadcrumb": crumbs,
                "score": h.score, "matched": index.matched(h.candidate, query),
            }));
        }
    }
    if json {
        write_json(out, &rows)?;
    } else {
        for l in &lines {
            writeln!(out, "{l}")?;
        }
    }
    Ok(!rows.is_empty())
}

/// `show`: the node and its subtree as text wrapped at `width` columns.
pub fn show(tree: &Tree, ix: NodeIx, width: usize, out: &mut impl Write) -> std::io::Result<()> {
    for line in view::reader::render(tree, ix, width) {
        writeln!(out, "{}", line.plain().trim_end())?;
    }
    Ok(())
}

/// The JSON of a node and its subtree (`export --format json`).
pub fn export_json(tree: &Tree, ix: NodeIx) -> Value {
    let n = &tree.nodes[ix];
    let mut o = Map::new();
    o.insert("id".into(), json!(n.id));
    o.insert("kind".into(), json!(n.kind.name()));
    o.insert("title".into(), json!(tree.title(ix)));
    o.insert("text".into(), json!(tree.text(ix)));
    match &n.data {
        None if n.kind == Kind::Archive => {
            o.insert("entries".into(), json!(tree.entries.len()));
        }
        None => {
            let Some(i) = tree.issue_of(n.entry) else {
                return Value::Object(o);
            };
            o.insert("year".into(), json!(i.year));
            o.insert("number".into(), json!(i.number));
            o.insert("total_number".into(), json!(i.total_number));
            o.insert("published".into(), json!(i.published));
            o.insert("publisher".into(), json!(i.publisher));
            o.insert("masthead".into(), json!(i.masthead));
            o.insert("masthead_en".into(), json!(i.masthead_en));
            let toc = |c: &Vec<model::schema::ContentsEntry>| {
                c.iter()
                    .map(|e| json!({"category": e.category, "title": e.title, "page": e.page}))
                    .collect::<Vec<_>>()
            };
            o.insert("contents".into(), json!(toc(&i.contents)));
            o.insert("contents_en".into(), json!(toc(&i.contents_en)));
            o.insert("back_matter".into(), json!(i.back_matter));
        }
        Some(Node::Document(d)) => {
            o.insert("doc_number".into(), json!(d.doc_number));
            o.insert("issuer".into(), json!(d.issuer));
            o.insert("date".into(), json!(d.date));
            o.insert("category".into(), json!(d.category));
            o.insert("page".into(), json!(d.page));
            o.insert("title_en".into(), json!(d.title_en));
            o.insert("genre".into(), json!(d.genre));
            o.insert("effective".into(), json!(d.effective));
            o.insert("expires".into(), json!(d.expires));
            o.insert("source".into(), json!(d.source));
            if !d.metadata.is_empty() {
                o.insert("metadata".into(), json!(d.metadata));
            }
        }
        Some(node) if node.heading().is_some() => {
            let Some(h) = node.heading() else {
                return Value::Object(o);
            };
            o.insert("number".into(), json!(h.number));
            o.insert("ordinal".into(), json!(h.ordinal));
            o.insert("label".into(), json!(tree.printed_number(ix)));
            if h.page.is_some() {
                o.insert("page".into(), json!(h.page));
            }
        }
        Some(Node::Paragraph(p)) => {
            o.insert("number".into(), json!(p.number));
            if let Some(l) = &p.label {
                o.insert("label".into(), json!(l));
            }
            o.insert("role".into(), json!(format!("{:?}", p.role).to_lowercase()));
        }
        Some(Node::Table(t)) => {
            o.insert("header".into(), json!(t.header));
            o.insert("rows".into(), json!(t.rows));
            o.insert("notes".into(), json!(t.notes));
            if !t.spans.is_empty() {
                o.insert("spans".into(), json!(t.spans));
            }
        }
        Some(Node::Task(t)) => {
            o.insert("number".into(), json!(t.number));
            o.insert("lead".into(), json!(t.lead));
            o.insert("support".into(), json!(t.support));
            o.insert("due".into(), json!(t.due));
            o.insert("due_text".into(), json!(t.due_text));
            if !t.fields.is_empty() {
                o.insert("fields".into(), json!(t.fields));
            }
        }
        Some(Node::Decision(d)) => {
            o.insert("number".into(), json!(d.number));
            o.insert("unit".into(), json!(d.unit));
            o.insert("due".into(), json!(d.due));
        }
        _ => {}
    }
    let kids: Vec<Value> = n.children.iter().map(|&c| export_json(tree, c)).collect();
    o.insert("children".into(), Value::Array(kids));
    Value::Object(o)
}

/// `export --format markdown`: headings, paragraphs and tables, readable alone.
pub fn export_markdown(tree: &Tree, out: &mut impl Write) -> std::io::Result<()> {
    view::markdown::write(tree, out)
}

/// `check FILE...`: `ok` per valid file, the errors otherwise.
pub fn check(files: &[PathBuf], out: &mut impl Write) -> Result<ExitCode, Error> {
    let mut failed = false;
    for f in files {
        match model::load_path(f) {
            Ok(_) => writeln!(out, "{}: ok", sanitize(&f.display().to_string()))?,
            Err(e) => {
                failed = true;
                writeln!(out, "{}", sanitize_lines(&e.to_string()))?;
            }
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn sanitize_lines(s: &str) -> String {
    s.lines()
        .map(|l| sanitize(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `import TEXT [-o OUT]`: RON to `out` (or the file); repairs to `log`.
pub fn import(
    text: &Path,
    output: Option<&Path>,
    out: &mut impl Write,
    log: &mut impl Write,
) -> Result<ExitCode, Error> {
    let file = |source| Error::File {
        path: text.to_path_buf(),
        source,
    };
    if let Some(o) = output {
        let same = match (std::fs::canonicalize(text), std::fs::canonicalize(o)) {
            (Ok(a), Ok(b)) => a == b,
            _ => o == text,
        };
        if same {
            return Err(Error::Usage(format!(
                "-o {} is the input: refusing to overwrite what is being imported",
                sanitize(&o.display().to_string())
            )));
        }
    }
    let bytes = crate::model::load::read_capped(text).map_err(|e| match e {
        crate::model::LoadError::Io { source, .. } => file(source),
        other => file(std::io::Error::other(other.to_string())),
    })?;
    let imp = crate::import::import_file(text, &bytes).map_err(|source| Error::Import {
        path: text.to_path_buf(),
        source,
    })?;
    for c in &imp.report {
        writeln!(
            log,
            "{}: {}",
            sanitize(&text.display().to_string()),
            sanitize(c)
        )?;
    }
    let ron = crate::import::entry_to_ron(&imp.entry);
    // Exit 0 means the output loads: check it as `check` would.
    let name = output.unwrap_or(Path::new("<stdout>"));
    if ron.len() as u64 > crate::model::load::MAX_FILE_BYTES {
        return Err(Error::Usage(format!(
            "{}: the import is larger than the load limit",
            sanitize(&name.display().to_string())
        )));
    }
    crate::model::load::parse(&ron, name)?;
    match output {
        Some(path) => write_atomic(path, ron.as_bytes())?,
        None => out.write_all(ron.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `timeline`: month labels, then one line per row with its ● under its
/// month; `--json`: every row in catalogue order with its status.
pub fn timeline(
    tree: &Tree,
    as_of: Option<&str>,
    by: crate::cli::ByArg,
    width: usize,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Error> {
    use crate::domain::timeline::{timelines, By};
    let as_of = match as_of {
        Some(s) => Some(
            crate::model::date::Date::parse(s)
                .ok()
                .and_then(crate::model::date::Date::to_month)
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "--as-of {:?} is not a date YYYY-MM-DD or a month YYYY-MM",
                        sanitize(s)
                    ))
                })?,
        ),
        None => None,
    };
    let all = timelines(tree, as_of);
    if all.is_empty() {
        return Err(Error::Absent(
            "decision catalogue (a table with 承办单位 and 决策时间)",
        ));
    }
    if json {
        let rows: Vec<Value> = all
            .iter()
            .flat_map(|t| &t.rows)
            .map(|r| {
                let mut v = json!({
                    "number": r.number, "title": r.title, "unit": r.unit,
                    "due": r.due,
                    "status": r.status.name(),
                });
                if tree.is_archive() {
                    v["issue"] = json!(tree.nodes[tree.entry_node(tree.nodes[r.node].entry)].id);
                }
                v
            })
            .collect();
        write_json(out, &rows)?;
        return Ok(());
    }
    let by = match by {
        crate::cli::ByArg::Item => By::Item,
        crate::cli::ByArg::Month => By::Month,
        crate::cli::ByArg::Unit => By::Unit,
    };
    for (k, t) in all.iter().enumerate() {
        if tree.is_archive() {
            if k > 0 {
                writeln!(out)?;
            }
            writeln!(
                out,
                "{}",
                sanitize(&tree.title_of_entry(tree.nodes[t.table].entry))
            )?;
        }
        for line in crate::view::timeline::text(tree, t, as_of, by, width) {
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    Ok(())
}

/// `units`: every unit with counts, or one unit's portfolio.
pub fn units(
    tree: &Tree,
    unit: Option<&str>,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Error> {
    let all = crate::domain::units::Units::build(tree);
    let number = |ix: NodeIx| tree.number(ix);
    match unit {
        None => {
            if json {
                let rows: Vec<Value> = all
                    .units
                    .iter()
                    .map(|u| {
                        json!({"unit": u.unit, "aliases": u.aliases, "decisions": u.decisions.len(),
                               "lead": u.lead.len(), "support": u.support.len()})
                    })
                    .collect();
                write_json(out, &rows)?;
            } else {
                let w = all
                    .units
                    .iter()
                    .map(|u| crate::text::width(&u.unit))
                    .max()
                    .unwrap_or(4)
                    .min(40);
                writeln!(
                    out,
                    "{}  decisions  lead  support",
                    crate::text::pad_right("unit", w)
                )?;
                for u in &all.units {
                    writeln!(
                        out,
                        "{}  {:>9}  {:>4}  {:>7}",
                        crate::text::pad_right(&u.unit, w),
                        u.decisions.len(),
                        u.lead.len(),
                        u.support.len()
                    )?;
                }
            }
        }
        Some(q) => {
            let u = all.find(q).ok_or_else(|| Error::NotFound(q.to_string()))?;
            let decisions: Vec<Value> = u
                .decisions
                .iter()
                .map(|&ix| match &tree.nodes[ix].data {
                    Some(Node::Decision(d)) => {
                        json!({"number": d.number, "title": d.title, "due": d.due})
                    }
                    _ => Value::Null,
                })
                .collect();
            let tasks = |list: &[NodeIx]| -> Vec<u32> {
                list.iter()
                    .filter_map(|&ix| number(ix).parse().ok())
                    .collect()
            };
            if json {
                let v = json!({"unit": u.unit, "aliases": u.aliases, "decisions": decisions,
                               "lead": tasks(&u.lead), "support": tasks(&u.support)});
                write_json(out, &v)?;
            } else {
                writeln!(out, "{}", sanitize(&u.unit))?;
                if !u.aliases.is_empty() {
                    writeln!(out, "  also written: {}", sanitize(&u.aliases.join("、")))?;
                }
                writeln!(out, "  decisions ({}):", u.decisions.len())?;
                for &ix in &u.decisions {
                    if let Some(Node::Decision(d)) = &tree.nodes[ix].data {
                        let due = d
                            .due
                            .map_or_else(|| crate::view::reader::MISSING.into(), |d| d.to_string());
                        writeln!(
                            out,
                            "    {:<5} {}  {}",
                            sanitize(&d.number),
                            due,
                            sanitize(&d.title)
                        )?;
                    }
                }
                for (label, list) in [("leads tasks", &u.lead), ("supports tasks", &u.support)] {
                    let nums: Vec<String> = tasks(list).iter().map(u32::to_string).collect();
                    writeln!(out, "  {label} ({}): {}", list.len(), nums.join(" "))?;
                }
            }
        }
    }
    Ok(())
}

/// `indicators`: the indicator table with implied annual changes.
pub fn indicators(tree: &Tree, json: bool, out: &mut impl Write) -> Result<(), Error> {
    let (_, rows) = crate::domain::indicators::of_tree(tree)
        .ok_or(Error::Absent("indicator table (专栏1's kind)"))?;
    if json {
        let v: Vec<Value> = rows
            .iter()
            .map(|r| {
                json!({"name": r.name, "category": r.category, "attribute": r.attribute, "base": r.base,
                       "target": r.target, "stated": r.stated, "implied": r.implied, "flagged": r.flagged,
                       "note": r.note})
            })
            .collect();
        write_json(out, &v)?;
        return Ok(());
    }
    for line in crate::view::indicators::text(&rows, 120) {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Writes a file atomically: a temporary file in the same folder, synced,
/// then renamed over the target, so a crash leaves the old file or the new.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let err = |source| Error::File {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}
