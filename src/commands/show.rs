//! `show QUERY`: the node a query names and its subtree, as the reader shows
//! them, wrapped at `--width` columns.

use std::io::Write;
use std::process::ExitCode;

use super::Error;
use crate::model::Tree;

/// `show QUERY [--width N]`: resolves the query (see [`super::resolve`]),
/// then prints the reader's lines, trailing spaces trimmed.
pub fn run(
    tree: &Tree,
    query: &str,
    width: usize,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let ix = super::resolve(tree, query)?;
    for line in crate::view::reader::render(tree, ix, width).iter() {
        writeln!(out, "{}", line.plain().trim_end())?;
    }
    Ok(ExitCode::SUCCESS)
}
