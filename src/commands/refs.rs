//! `refs NODE`, `refs --unresolved` and `citedby NODE`: the citations of
//! what is loaded (see [`crate::domain::citations`]), one a line
//! `NODE<TAB>START-END<TAB>CITATION<TAB>TARGET`, or as JSON.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{write_json, Error};
use crate::domain::citations::{Citations, Field, Link, Target};
use crate::model::Tree;
use crate::text::sanitize;

/// One citation as `--format json` writes it.
#[derive(Debug, Serialize)]
struct Row {
    /// The citing node's id, the field and the character range in it.
    node: String,
    field: Field,
    start: usize,
    end: usize,
    /// The citation as written.
    text: String,
    /// `resolved`, `unresolved`, `generic` or `elsewhere`.
    status: &'static str,
    /// The cited node's id when resolved.
    target: Option<String>,
    /// What is missing: the title in 《》 or the 文号.
    #[serde(skip_serializing_if = "Option::is_none")]
    missing: Option<String>,
    /// For `elsewhere`: the places whose documents have that title.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    places: Vec<String>,
    /// Other versions it could mean.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    also: Vec<String>,
}

fn row(tree: &Tree, l: &Link) -> Row {
    let id = |ix: usize| tree.nodes[ix].id.clone();
    let (status, target, missing, places) = match &l.target {
        Target::Node(t) => ("resolved", Some(id(*t)), None, Vec::new()),
        Target::Unresolved { key } => ("unresolved", None, Some(key.clone()), Vec::new()),
        Target::Generic => ("generic", None, None, Vec::new()),
        Target::Elsewhere { key, places } => ("elsewhere", None, Some(key.clone()), places.clone()),
    };
    Row {
        node: id(l.node),
        field: l.field,
        start: l.start,
        end: l.end,
        text: l.text.clone(),
        status,
        target,
        missing,
        places,
        also: l.also.iter().map(|&a| id(a)).collect(),
    }
}

fn write(rows: &[Row], json: bool, out: &mut impl Write) -> Result<ExitCode, Error> {
    if json {
        write_json(out, &rows)?;
    } else {
        for r in rows {
            let at = match r.field {
                Field::Title => format!("title:{}-{}", r.start, r.end),
                Field::Text => format!("{}-{}", r.start, r.end),
            };
            let target = match (r.status, &r.target) {
                (_, Some(t)) => t.clone(),
                ("elsewhere", _) => format!("elsewhere ({})", r.places.join("、")),
                (s, _) => s.to_string(),
            };
            write!(
                out,
                "{}\t{at}\t{}\t{}",
                sanitize(&r.node),
                sanitize(&r.text),
                sanitize(&target)
            )?;
            if !r.also.is_empty() {
                write!(out, "\talso: {}", sanitize(&r.also.join(", ")))?;
            }
            writeln!(out)?;
        }
    }
    Ok(if rows.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `refs NODE`: what the node and its subtree cite; `refs --unresolved`:
/// what everything loaded cites and is not loaded. Exit status 1 when there
/// is nothing to list.
pub fn refs(
    tree: &Tree,
    cites: &Citations,
    node: Option<&str>,
    unresolved: bool,
    json: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    if unresolved {
        let within = node.map(|q| super::resolve(tree, q)).transpose()?;
        let missing = cites.unresolved(tree, within);
        if json {
            #[derive(Serialize)]
            struct Missing {
                missing: String,
                documents: usize,
            }
            let rows: Vec<Missing> = missing
                .iter()
                .map(|(k, n)| Missing {
                    missing: k.clone(),
                    documents: *n,
                })
                .collect();
            write_json(out, &rows)?;
        } else {
            for (k, n) in &missing {
                writeln!(out, "{n}\t{}", sanitize(k))?;
            }
        }
        return Ok(if missing.is_empty() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let Some(q) = node else {
        return Err(Error::Usage("refs needs a NODE or --unresolved".into()));
    };
    let ix = super::resolve(tree, q)?;
    let rows: Vec<Row> = cites.made_in(tree, ix).map(|l| row(tree, l)).collect();
    write(&rows, json, out)
}

/// `citedby NODE`: who cites the node or anything in its subtree. Exit
/// status 1 when nothing does.
pub fn cited_by(
    tree: &Tree,
    cites: &Citations,
    node: &str,
    json: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let ix = super::resolve(tree, node)?;
    let rows: Vec<Row> = cites.of(tree, ix).map(|l| row(tree, l)).collect();
    write(&rows, json, out)
}
