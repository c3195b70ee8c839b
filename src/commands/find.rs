//! `find QUERY`: hits best first, `ID<TAB>KIND<TAB>TITLE<TAB>BREADCRUMB`
//! (with `--text`, `<TAB>SNIPPET`), or a JSON array of [`Hit`]s.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{breadcrumb, write_json, Error};
use crate::library::search::Searchable;
use crate::model::{Kind, Tree};
use crate::search::index::Target;
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
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let hits = if text {
        text_hits(tree, query, limit)
    } else {
        title_hits(tree, query, limit)
    };
    write(&hits, json, out)
}

/// `find` over a library through its search index (the same hits as over
/// its tree, without reading the entries).
pub fn run_library(
    index: &Searchable,
    query: &str,
    limit: usize,
    text: bool,
    json: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let hits: Vec<Hit> = if text {
        index
            .text_hits(query, limit)
            .into_iter()
            .map(|(node, title, h)| {
                let (snippet, matched) = h.snippet(16);
                Hit {
                    id: index.id(node),
                    kind: index.kind(node).map_or("", Kind::name),
                    title,
                    breadcrumb: index.breadcrumb(node),
                    score: i64::try_from(h.count).unwrap_or(i64::MAX),
                    matched,
                    snippet: Some(snippet),
                }
            })
            .collect()
    } else {
        let Some(idx) = index.index() else {
            return Err(Error::Absent("search index"));
        };
        idx.search(query, None, limit)
            .hits
            .into_iter()
            .map(|h| {
                let (id, kind, breadcrumb) = match &h.target {
                    Target::Node(n) => (
                        index.id(*n),
                        index.kind(*n).map_or("", Kind::name),
                        index.breadcrumb(*n),
                    ),
                    Target::Unit(u) => (format!("unit:{u}"), "unit", Vec::new()),
                };
                Hit {
                    id,
                    kind,
                    title: idx.title(h.candidate).to_string(),
                    breadcrumb,
                    score: h.score,
                    matched: idx.matched(h.candidate, query),
                    snippet: None,
                }
            })
            .collect()
    };
    write(&hits, json, out)
}

fn write(hits: &[Hit], json: bool, out: &mut impl Write) -> Result<ExitCode, Error> {
    if json {
        write_json(out, &hits)?;
    } else {
        for h in hits {
            write!(
                out,
                "{}\t{}\t{}\t{}",
                sanitize(&h.id),
                h.kind,
                sanitize(&h.title),
                sanitize(&h.breadcrumb.join(" › "))
            )?;
            if let Some(s) = &h.snippet {
                write!(out, "\t{}", sanitize(s))?;
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

/// Fuzzy over titles and unit names (hanzi or pinyin), as the palette.
fn title_hits(tree: &Tree, query: &str, limit: usize) -> Vec<Hit> {
    let units = crate::domain::units::Units::build(tree).names();
    let index = crate::search::Index::build(tree, &units);
    index
        .search(query, None, limit)
        .hits
        .into_iter()
        .map(|h| {
            let (id, kind, breadcrumb) = match &h.target {
                Target::Node(ix) => (
                    tree.nodes[*ix].id.clone(),
                    tree.nodes[*ix].kind.name(),
                    breadcrumb(tree, *ix),
                ),
                Target::Unit(u) => (format!("unit:{u}"), "unit", Vec::new()),
            };
            Hit {
                id,
                kind,
                title: index.title(h.candidate).to_string(),
                breadcrumb,
                score: h.score,
                matched: index.matched(h.candidate, query),
                snippet: None,
            }
        })
        .collect()
}

/// A substring of any title, text or table cell (`--text`).
fn text_hits(tree: &Tree, query: &str, limit: usize) -> Vec<Hit> {
    crate::search::fulltext::search(tree, query)
        .into_iter()
        .take(limit)
        .map(|h| {
            let n = &tree.nodes[h.node];
            let (snippet, matched) = h.snippet(16);
            Hit {
                id: n.id.clone(),
                kind: n.kind.name(),
                title: crate::search::index::candidate_title(tree, h.node),
                breadcrumb: breadcrumb(tree, h.node),
                score: i64::try_from(h.count).unwrap_or(i64::MAX),
                matched,
                snippet: Some(snippet),
            }
        })
        .collect()
}
