//! `import TEXT [-o OUT]`: a gazette's plain text (or HTML, Markdown, .docx)
//! turned into RON on stdout or into OUT; each repair made, one line on stderr.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::Error;
use crate::model::load::{parse, read_capped, MAX_FILE_BYTES};
use crate::model::LoadError;
use crate::text::sanitize;

/// Imports `text`: the RON to `out` (or written to `output`), the repairs
/// to `log`. Exit status 0 means the RON loads as `check` would load it.
pub fn run(
    text: &Path,
    output: Option<&Path>,
    out: &mut impl Write,
    log: &mut impl Write,
) -> Result<ExitCode, Error> {
    let file = |source| Error::File {
        path: text.to_path_buf(),
        source,
    };
    if let Some(o) = output {
        let same = match (std::fs::canonicalize(text), std::fs::canonicalize(o)) {
            (Ok(a), Ok(b)) => a == b,
            _ => o == text,
        };
        if same {
            return Err(Error::Usage(format!(
                "-o {} is the input: refusing to overwrite what is being imported",
                sanitize(&o.display().to_string())
            )));
        }
    }
    let bytes = read_capped(text).map_err(|e| match e {
        LoadError::Io { source, .. } => file(source),
        // Already names the file.
        other => Error::Load(other),
    })?;
    let imp = crate::import::import_file(text, &bytes).map_err(|source| Error::Import {
        path: text.to_path_buf(),
        source,
    })?;
    for c in &imp.report {
        writeln!(
            log,
            "{}: {}",
            sanitize(&text.display().to_string()),
            sanitize(c)
        )?;
    }
    let ron = crate::import::entry_to_ron(&imp.entry);
    // Exit 0 means the output loads: check it as `check` would.
    let name = output.unwrap_or(Path::new("<stdout>"));
    if ron.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::Usage(format!(
            "{}: the import is larger than the load limit",
            sanitize(&name.display().to_string())
        )));
    }
    parse(&ron, name)?;
    match output {
        Some(path) => crate::fsio::write_atomic(path, ron.as_bytes()).map_err(|e| match e {
            crate::fsio::FsError::Io { path, source } => Error::File { path, source },
            other => Error::Io(std::io::Error::other(other.to_string())),
        })?,
        None => out.write_all(ron.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
