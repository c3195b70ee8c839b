//! `list`: the library's entries, one line each —
//! `ID<TAB>KIND<TAB>YEAR<TAB>NUMBER<TAB>DATE<TAB>TITLE<TAB>SOURCE` (an
//! issue's number, a document's 文号) — or a JSON array of [`Listed`];
//! `--warnings` adds what the importer was unsure of, and the files of the
//! library that are not entries.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{write_json, Error};
use crate::library::Library;
use crate::text::sanitize;
use crate::view::line::MISSING;

/// One entry, as `--json` writes it.
#[derive(Debug, Serialize)]
pub struct Listed {
    pub id: String,
    pub kind: &'static str,
    pub year: Option<u32>,
    /// An issue's number, a document's 文号.
    pub number: Option<String>,
    pub date: Option<String>,
    pub title: String,
    /// Where it was added from; none for a file copied in by hand.
    pub source: Option<String>,
    /// With `--warnings`: the importer's report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<String>>,
}

pub fn run(
    lib: &Library,
    warnings: bool,
    json: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<ExitCode, Error> {
    let cat = lib.catalogue()?;
    if cat.entries.is_empty() && cat.problems.is_empty() && !json {
        writeln!(
            err,
            "gongbao: the library at {} is empty: `gongbao add FILE…` adds to it",
            sanitize(&lib.root.display().to_string())
        )?;
    }
    let mut rows: Vec<Listed> = cat
        .entries
        .iter()
        .map(|s| Listed {
            id: s.id.clone(),
            kind: s.kind.name(),
            year: s.year,
            number: s.number.clone(),
            date: s.date.clone(),
            title: s.title.clone(),
            source: s.meta.as_ref().and_then(|m| m.source.clone()),
            warnings: warnings.then(|| {
                s.meta
                    .as_ref()
                    .map(|m| m.report.clone())
                    .unwrap_or_default()
            }),
        })
        .collect();
    // As the tree shows them: by year (undated last), issues first, by date.
    rows.sort_by(|a, b| {
        let key = |r: &Listed| {
            (
                r.year.unwrap_or(u32::MAX),
                r.kind != "issue",
                r.date.clone(),
                r.id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    if json {
        write_json(out, &rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let or_missing = |v: Option<&str>| v.map_or(MISSING.to_string(), |s| sanitize(s).into_owned());
    for r in &rows {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            sanitize(&r.id),
            r.kind,
            r.year.map_or(MISSING.to_string(), |y| y.to_string()),
            or_missing(r.number.as_deref()),
            or_missing(r.date.as_deref()),
            sanitize(&r.title),
            r.source
                .as_deref()
                .map_or("(copied in)".to_string(), |s| sanitize(s).into_owned())
        )?;
        for w in r.warnings.iter().flatten() {
            writeln!(out, "  {}", sanitize(w))?;
        }
    }
    if warnings {
        for p in &cat.problems {
            writeln!(out, "not an entry: {}", sanitize(p))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
