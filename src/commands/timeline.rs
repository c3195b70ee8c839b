//! `timeline`: month labels, then one line per row with its ● under its
//! month; with `--json`, every row in catalogue order with its status.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{write_json, Error};
use crate::cli::ByArg;
use crate::domain::timeline::{timelines, By};
use crate::model::date::Date;
use crate::model::Tree;
use crate::text::sanitize;

/// One decision of the catalogue, as `--json` writes it.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub number: &'a str,
    pub title: &'a str,
    /// The unit as written.
    pub unit: &'a str,
    pub due: Option<Date>,
    /// `past`, `due`, `upcoming` or `undated`, relative to the as-of month.
    pub status: &'static str,
    /// In an archive: the id of the issue the row is from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<&'a str>,
}

/// `timeline [--as-of DATE] [--by item|month|unit] [--width N] [--json]`.
pub fn run(
    tree: &Tree,
    as_of: Option<&str>,
    by: ByArg,
    width: usize,
    json: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let as_of = match as_of {
        Some(s) => Some(
            Date::parse(s)
                .ok()
                .and_then(Date::to_month)
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
        let rows: Vec<Row> = all
            .iter()
            .flat_map(|t| &t.rows)
            .map(|r| Row {
                number: &r.number,
                title: &r.title,
                unit: &r.unit,
                due: r.due,
                status: r.status.name(),
                issue: tree.is_archive().then(|| {
                    tree.nodes[tree.entry_node(tree.nodes[r.node].entry)]
                        .id
                        .as_str()
                }),
            })
            .collect();
        write_json(out, &rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let by = match by {
        ByArg::Item => By::Item,
        ByArg::Month => By::Month,
        ByArg::Unit => By::Unit,
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
    Ok(ExitCode::SUCCESS)
}
