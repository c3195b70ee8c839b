//! `indicators`: the plan's indicator table (专栏1's kind) with the annual
//! change each target implies, checked against the stated one.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{write_json, Error};
use crate::domain::indicators::Indicator;
use crate::model::Tree;

/// One indicator, as `--json` writes it: the cells as written, the implied
/// annual change, and whether it disagrees with the stated one.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub name: &'a str,
    pub category: &'a str,
    pub attribute: &'a str,
    pub base: &'a str,
    pub target: &'a str,
    pub stated: &'a str,
    pub implied: Option<&'a str>,
    pub flagged: bool,
    pub note: Option<&'a str>,
}

impl<'a> From<&'a Indicator> for Row<'a> {
    fn from(r: &'a Indicator) -> Self {
        Row {
            name: &r.name,
            category: &r.category,
            attribute: &r.attribute,
            base: &r.base,
            target: &r.target,
            stated: &r.stated,
            implied: r.implied.as_deref(),
            flagged: r.flagged,
            note: r.note.as_deref(),
        }
    }
}

/// `indicators [--json]`: the text is the indicator view at 120 columns.
pub fn run(tree: &Tree, json: bool, out: &mut impl Write) -> Result<ExitCode, Error> {
    let (_, rows) = crate::domain::indicators::of_tree(tree)
        .ok_or(Error::Absent("indicator table (专栏1's kind)"))?;
    if json {
        write_json(out, &rows.iter().map(Row::from).collect::<Vec<_>>())?;
    } else {
        for line in crate::view::indicators::text(&rows, 120) {
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
