//! The `gongbao` binary: parse the command line, run a headless command or the
//! explorer, and map errors to exit status 2.
#![warn(clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use gongbao::cli::{Cli, Command};
use gongbao::headless;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if e.is_broken_pipe() {
                return ExitCode::SUCCESS;
            }
            // Error messages carry file names and text from files: one sanitizer.
            for line in e.to_string().lines() {
                let _ = writeln!(
                    std::io::stderr(),
                    "gongbao: {}",
                    gongbao::text::sanitize(line)
                );
            }
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, headless::Error> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Some(Command::Check { files }) => headless::check(&files, &mut out)?,
        Some(Command::Import { text, output }) => {
            headless::import(&text, output.as_deref(), &mut out, &mut std::io::stderr())?
        }
        Some(cmd) => {
            // The process ends right after: freeing an archive's nodes one
            // by one would cost more than many queries (200 ms at 500 issues).
            let tree = std::mem::ManuallyDrop::new(headless::load(cli.data.as_deref())?);
            headless::run(&tree, cmd, &mut out)?
        }
        None => {
            let tree = headless::load(cli.data.as_deref())?;
            drop(out);
            return Ok(gongbao::tui::run_or_print(tree, cli.color, None));
        }
    };
    out.flush().map_err(headless::Error::Io)?;
    Ok(code)
}

/// mimalloc: loading an archive makes about a million small allocations on
/// every core, where glibc's allocator took a fifth of the whole run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
