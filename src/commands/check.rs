//! `check FILE...`: `FILE: ok` per file that loads, its errors otherwise
//! (exit status 2 when any file fails).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Error;
use crate::model;
use crate::text::sanitize;

/// Loads each file as `--data` would, and reports.
pub fn run(files: &[PathBuf], out: &mut impl Write) -> Result<ExitCode, Error> {
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

/// Each line sanitized, the line breaks kept.
fn sanitize_lines(s: &str) -> String {
    s.lines()
        .map(|l| sanitize(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}
