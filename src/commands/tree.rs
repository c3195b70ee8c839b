//! `tree`: the outline, one node a line, two spaces per depth: kind, number
//! and title (with `--ids`, the node's id).

use std::io::Write;
use std::process::ExitCode;

use super::Error;
use crate::model::{Kind, NodeIx, Tree};
use crate::text::{sanitize, truncate};

/// `tree [--depth N] [--ids]`.
pub fn run(
    tree: &Tree,
    depth: Option<usize>,
    ids: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    outline(tree, depth, ids, out)?;
    Ok(ExitCode::SUCCESS)
}

/// The outline down to `depth` (all of it without one); also what the
/// binary prints without a subcommand when stdout is not a terminal.
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
        Kind::Issue | Kind::Archive | Kind::Year => sanitize(&tree.label(ix)).into_owned(),
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
