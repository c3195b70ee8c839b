//! The terminal explorer.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::model::Tree;

/// Opens the explorer, or prints the outline when stdout is not a terminal.
pub fn run_or_print(tree: Tree) -> ExitCode {
    if !std::io::stdout().is_terminal() {
        let mut out = std::io::stdout().lock();
        return match crate::headless::outline(&tree, None, false, &mut out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("gongbao: {e}");
                ExitCode::from(2)
            }
        };
    }
    let mut out = std::io::stdout().lock();
    let _ = crate::headless::outline(&tree, Some(3), false, &mut out);
    ExitCode::SUCCESS
}
