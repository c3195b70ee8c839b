//! `show QUERY`: the node a query names and its subtree, as the reader shows
//! them (wrapped at `--width` columns), as Markdown, as JSON, or a table's
//! rows as CSV.

use std::io::Write;
use std::process::ExitCode;

use super::{write_json, Error};
use crate::cli::ShowFormat;
use crate::model::{Kind, NodeIx, Tree};
use crate::text::sanitize;
use crate::view::table::Row;

/// `show QUERY [--width N] [--format text|markdown|json|csv]`: resolves the
/// query (see [`super::resolve`]), then writes the node. Text: the reader's
/// lines, trailing spaces trimmed, the query's occurrences coloured when
/// `color`.
pub fn run(
    tree: &Tree,
    query: &str,
    width: usize,
    format: ShowFormat,
    color: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let ix = super::resolve(tree, query)?;
    match format {
        ShowFormat::Text => {
            for line in crate::view::reader::render(tree, ix, width).iter() {
                let plain = line.plain();
                writeln!(
                    out,
                    "{}",
                    crate::text::paint::term(plain.trim_end(), query.trim(), color)
                )?;
            }
        }
        ShowFormat::Markdown => crate::view::markdown::write_node(tree, ix, out)?,
        ShowFormat::Json => write_json(out, &super::export::ExportNode::of(tree, ix))?,
        ShowFormat::Csv => csv(tree, table_of(tree, ix)?, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The table a node is, or the one table inside it; more than one, or
/// none, is an error naming them.
fn table_of(tree: &Tree, ix: NodeIx) -> Result<NodeIx, Error> {
    if tree.nodes[ix].kind == Kind::Table {
        return Ok(ix);
    }
    let tables: Vec<NodeIx> = (ix..=tree.subtree_end(ix))
        .filter(|&k| tree.nodes[k].kind == Kind::Table)
        .collect();
    match tables.as_slice() {
        [one] => Ok(*one),
        [] => Err(Error::Usage(format!(
            "{} holds no table: --format csv writes a table",
            sanitize(&tree.nodes[ix].id)
        ))),
        many => Err(Error::Ambiguous(format!(
            "{} holds {} tables; show one of them:\n{}",
            sanitize(&tree.nodes[ix].id),
            many.len(),
            many.iter()
                .map(|&k| format!("  {}\t{}", sanitize(&tree.nodes[k].id), tree.label(k)))
                .collect::<Vec<_>>()
                .join("\n")
        ))),
    }
}

/// A table as CSV (RFC 4180): its header rows, then its rows as the reader
/// lists them (a group heading is a record of its own, in the first cell).
fn csv(tree: &Tree, ix: NodeIx, out: &mut impl Write) -> Result<(), Error> {
    let (rows, _, _) = crate::view::reader::table_rows(tree, ix);
    // Every record as wide as the widest row (RFC 4180): a heading's
    // record has empty cells after it.
    let ncols = crate::view::table::columns(&rows);
    let mut w = ::csv::WriterBuilder::new().flexible(true).from_writer(out);
    for r in &rows {
        let mut cells: Vec<String> = match r {
            Row::Cells(cells, _) => cells.iter().map(|c| sanitize(c).into_owned()).collect(),
            Row::Full(text) => vec![sanitize(text).into_owned()],
        };
        cells.resize(ncols, String::new());
        w.write_record(&cells).map_err(super::csv_error)?;
    }
    w.flush()?;
    Ok(())
}
