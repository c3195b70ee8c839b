//! The `gongbao` binary: parse the command line, run a subcommand or the
//! explorer, and map errors to exit status 2.
#![warn(clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::mem::ManuallyDrop;
use std::process::ExitCode;

use clap::Parser;

use gongbao::cli::{Cli, Command};
use gongbao::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = run(cli);
    // Whatever the command wrote to the cache, it is kept within its limit.
    gongbao::model::cache::trim();
    match result {
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

fn run(cli: Cli) -> Result<ExitCode, commands::Error> {
    let data = cli.data.as_deref();
    // The user's unit aliases, for what counts units (a broken file stops
    // only these, naming its line and column).
    if matches!(
        cli.command,
        None | Some(
            Command::Units { .. }
                | Command::Timeline { .. }
                | Command::Due { .. }
                | Command::Find { .. }
        )
    ) {
        gongbao::domain::units::load_user_aliases().map_err(commands::Error::Usage)?;
    }
    let Some(cmd) = cli.command else {
        let (opened, later) = commands::open_explorer(data)?;
        // Marks and the last place, unless --no-state; a state file that
        // does not read is said and left alone.
        let mut notice = opened.notice;
        let off = std::env::var_os("GONGBAO_NO_STATE").is_some_and(|v| !v.is_empty() && v != "0");
        let memory = if cli.no_state || off {
            gongbao::tui::marks::Memory::default()
        } else {
            let key = gongbao::state::key(data, opened.sample);
            match gongbao::state::load() {
                Ok(mut state) => gongbao::tui::marks::Memory {
                    place: state.places.remove(&key).unwrap_or_default(),
                    key: Some(key),
                },
                Err(e) => {
                    notice = Some(format!("state not used: {e}"));
                    gongbao::tui::marks::Memory::default()
                }
            }
        };
        return Ok(gongbao::tui::run_or_print(
            opened.tree,
            later,
            cli.color,
            notice,
            memory,
        ));
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // The process ends right after: freeing an archive's nodes one by one
    // would cost more than many queries (200 ms at 500 issues).
    let load = || {
        let opened = commands::open(data)?;
        commands::warn(&opened.problems, &mut std::io::stderr())?;
        Ok(ManuallyDrop::new(opened.tree))
    };
    // Matches coloured on a terminal (auto), always or never.
    let color = match cli.color {
        gongbao::cli::ColorArg::Always => true,
        gongbao::cli::ColorArg::Never => false,
        gongbao::cli::ColorArg::Auto => {
            use std::io::IsTerminal;
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let code = commands::run(cmd, data, load, color, &mut out, &mut std::io::stderr())?;
    out.flush()?;
    Ok(code)
}

/// mimalloc: loading an archive makes about a million small allocations on
/// every core, where glibc's allocator took a fifth of the whole run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
