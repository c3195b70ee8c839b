//! `find QUERY`: hits best first, `ID<TAB>KIND<TAB>TITLE<TAB>BREADCRUMB`
//! (with `--text`, `<TAB>SNIPPET`), or a JSON array of [`Hit`]s.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{breadcrumb, write_json, Error};
use crate::library::search::Searchable;
use crate::model::{Kind, Tree};
use crate::search::fulltext::TextHit;
use crate::search::index::{Index, Target};
use crate::text::sanitize;

/// One hit, as `--json` writes it.
#[derive(Debug, Serialize)]
pub struct Hit {
    /// The node's id, or `unit:NAME` for a unit.
    pub id: String,
    pub kind: &'static str,
    pub title: String,
    pub breadcrumb: Vec<String>,
    /// The fuzzy score, or with `--text` how many times the node matches.
    pub score: i64,
    /// The matched characters' indices in the title (with `--text`, in the snippet).
    pub matched: Vec<usize>,
    /// With `--text`: the first match with some context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
}

/// `find QUERY [--limit N] [--text] [--json]`: exit status 1 when nothing matches.
pub fn run(
    tree: &Tree,
    query: &str,
    limit: usize,
    text: bool,
    json: bool,
    color: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let hits = if text {
        text_hits(tree, query, limit)
    } else {
        title_hits(tree, query, limit)
    };
    write(&hits, json, color, out)
}

/// `find` over a library through its search index (the same hits as over
/// its tree, without reading the entries).
pub fn run_library(
    index: &Searchable,
    query: &str,
    limit: usize,
    text: bool,
    json: bool,
    color: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let name = |n: usize| NodeName {
        id: index.id(n),
        kind: index.kind(n).map_or("", Kind::name),
        breadcrumb: index.breadcrumb(n),
    };
    let hits: Vec<Hit> = if text {
        index
            .text_hits(query, limit)
            .into_iter()
            .map(|(node, title, h)| text_hit(&h, title, name(node)))
            .collect()
    } else {
        let Some(idx) = index.index() else {
            return Err(Error::Absent("search index"));
        };
        palette_hits(idx, query, limit, name)
    };
    write(&hits, json, color, out)
}

/// What a hit says of its node besides its title.
struct NodeName {
    id: String,
    kind: &'static str,
    breadcrumb: Vec<String>,
}

/// The palette's best `limit` hits, their nodes named by `name`.
fn palette_hits(
    index: &Index,
    query: &str,
    limit: usize,
    name: impl Fn(usize) -> NodeName,
) -> Vec<Hit> {
    index
        .search(query, None, limit)
        .hits
        .into_iter()
        .map(|h| {
            let n = match &h.target {
                Target::Node(ix) => name(*ix),
                Target::Unit(u) => NodeName {
                    id: format!("unit:{u}"),
                    kind: "unit",
                    breadcrumb: Vec::new(),
                },
            };
            Hit {
                id: n.id,
                kind: n.kind,
                title: index.title(h.candidate).to_string(),
                breadcrumb: n.breadcrumb,
                score: h.score,
                matched: index.matched(h.candidate, query),
                snippet: None,
            }
        })
        .collect()
}

/// A full-text hit: its node, title and the match with some context.
fn text_hit(h: &TextHit, title: String, n: NodeName) -> Hit {
    let (snippet, matched) = h.snippet(16);
    Hit {
        id: n.id,
        kind: n.kind,
        title,
        breadcrumb: n.breadcrumb,
        score: i64::try_from(h.count).unwrap_or(i64::MAX),
        matched,
        snippet: Some(snippet),
    }
}

/// Text: one hit a line; with `color`, the matched characters of the
/// title (with `--text`, of the snippet) coloured.
fn write(hits: &[Hit], json: bool, color: bool, out: &mut impl Write) -> Result<ExitCode, Error> {
    use crate::text::paint;
    if json {
        write_json(out, &hits)?;
    } else {
        for h in hits {
            let title_marks: &[usize] = if h.snippet.is_some() { &[] } else { &h.matched };
            write!(
                out,
                "{}\t{}\t{}\t{}",
                sanitize(&h.id),
                h.kind,
                paint::chars(&h.title, title_marks, color),
                sanitize(&h.breadcrumb.join(" › "))
            )?;
            if let Some(s) = &h.snippet {
                write!(out, "\t{}", paint::chars(s, &h.matched, color))?;
            }
            writeln!(out)?;
        }
    }
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What `find` says of a node of the tree.
fn tree_name(tree: &Tree, ix: usize) -> NodeName {
    NodeName {
        id: tree.nodes[ix].id.clone(),
        kind: tree.nodes[ix].kind.name(),
        breadcrumb: breadcrumb(tree, ix),
    }
}

/// Fuzzy over titles and unit names (hanzi or pinyin), as the palette.
fn title_hits(tree: &Tree, query: &str, limit: usize) -> Vec<Hit> {
    let units = crate::domain::units::Units::build(tree).names();
    let index = Index::build(tree, &units);
    palette_hits(&index, query, limit, |ix| tree_name(tree, ix))
}

/// A substring of any title, text or table cell (`--text`).
fn text_hits(tree: &Tree, query: &str, limit: usize) -> Vec<Hit> {
    crate::search::fulltext::search(tree, query)
        .into_iter()
        .take(limit)
        .map(|h| {
            let title = crate::search::index::candidate_title(tree, h.node);
            text_hit(&h, title, tree_name(tree, h.node))
        })
        .collect()
}
