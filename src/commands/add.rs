//! `add PATH…`: files and folders into the library, one line per input —
//! `PATH<TAB>STATUS<TAB>ENTRY or message` — and `add --reimport [ENTRY…]`
//! from the kept sources. A progress bar on stderr when it is a terminal
//! and the work takes more than a moment.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::Error;
use crate::library::{self, AddOptions, Library, Outcome, Status};
use crate::text::sanitize;

/// How long the work runs before a progress bar appears.
const MOMENT: Duration = Duration::from_millis(300);

pub fn run(
    lib: &Library,
    paths: &[PathBuf],
    opts: AddOptions,
    reimport: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<ExitCode, Error> {
    let _lock = if opts.dry_run {
        None
    } else {
        Some(lib.lock()?)
    };
    let swept = if opts.dry_run { 0 } else { lib.sweep()? };
    let mut cat = lib.catalogue()?;
    if swept > 0 {
        writeln!(
            err,
            "gongbao: took away {swept} file(s) an interrupted add or remove left in the library"
        )?;
    }
    if !opts.dry_run {
        // Index files of entries no longer there (removed by hand, or
        // replaced) go, and those an interrupted add did not write are
        // made: rebuildable, so without a word.
        lib.sweep_search(&cat);
        lib.complete_search(&cat);
    }
    let mut failed = false;
    let mut differs = 0;
    let mut present = 0;
    let mut write_err: Option<std::io::Error> = None;
    if reimport {
        let ids: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        for id in &ids {
            if cat.get(id).is_none() {
                failed = true;
                writeln!(out, "{}\tfailed\tnot in the library", sanitize(id))?;
            }
        }
        let known: Vec<String> = ids.into_iter().filter(|i| cat.get(i).is_some()).collect();
        if known.is_empty() && !paths.is_empty() {
            return Ok(ExitCode::from(2));
        }
        let mut progress = Progress::new(if known.is_empty() {
            cat.entries.len()
        } else {
            known.len()
        });
        library::reimport(lib, &mut cat, &known, opts.dry_run, &mut |o| {
            failed |= o.status == Status::Failed;
            progress.line(out, o, &mut write_err);
        })?;
        progress.finish();
    } else {
        let inputs = library::inputs(paths);
        for (p, why) in &inputs.missing {
            failed = true;
            writeln!(
                out,
                "{}\tfailed\t{}",
                sanitize(&p.display().to_string()),
                sanitize(why)
            )?;
        }
        let mut progress = Progress::new(inputs.files.len());
        library::add(lib, &mut cat, &inputs.files, opts, &mut |o| {
            failed |= o.status == Status::Failed;
            differs += usize::from(o.status == Status::Differs);
            present += usize::from(o.status == Status::PresentIn);
            progress.line(out, o, &mut write_err);
        })?;
        progress.finish();
        if !inputs.skipped.is_empty() {
            let mut exts: Vec<String> = inputs
                .skipped
                .iter()
                .map(|p| {
                    p.extension()
                        .map_or("(none)".into(), |e| format!(".{}", e.to_string_lossy()))
                })
                .collect();
            exts.sort();
            exts.dedup();
            writeln!(
                err,
                "gongbao: skipped {} file(s) of other types in the folders ({}); name a file to try it",
                inputs.skipped.len(),
                sanitize(&exts.join(" "))
            )?;
        }
    }
    if let Some(e) = write_err {
        return Err(Error::Io(e));
    }
    if differs > 0 {
        writeln!(
            err,
            "gongbao: {differs} input(s) differ from the stored entry of the same id: --replace stores them"
        )?;
    }
    if present > 0 {
        writeln!(
            err,
            "gongbao: {present} document(s) are held by a stored issue: --force stores them on their own too"
        )?;
    }
    if opts.dry_run {
        writeln!(err, "gongbao: dry run: nothing was written")?;
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Outcome lines on stdout, and a bar on stderr once the work has taken
/// more than a moment (only when stderr is a terminal).
struct Progress {
    total: usize,
    done: usize,
    start: Instant,
    bar: Option<indicatif::ProgressBar>,
    tty: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress {
            total,
            done: 0,
            start: Instant::now(),
            bar: None,
            tty: std::io::stderr().is_terminal(),
        }
    }

    fn line(&mut self, out: &mut impl Write, o: &Outcome, err: &mut Option<std::io::Error>) {
        self.done += 1;
        let text = format!(
            "{}\t{}\t{}",
            sanitize(&o.input),
            o.status.word(),
            sanitize(&o.detail)
        );
        let mut write = || {
            if err.is_none() {
                if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
                    *err = Some(e);
                }
            }
        };
        match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
        if self.bar.is_none() && self.tty && self.start.elapsed() > MOMENT && self.done < self.total
        {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(self.total as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.done as u64);
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
