//! gongbao (公报): an offline terminal explorer for Chinese government gazettes.
//!
//! The library holds everything; `src/main.rs` only parses the command line.
// Outside tests, no `expect` and no `panic!` (an audited `allow` names why).
#![warn(clippy::expect_used, clippy::panic)]

pub mod cli;
pub mod commands;
pub mod config;
pub mod domain;
pub mod fsio;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod library;
pub mod model;
pub mod packed;
pub mod search;
pub mod state;
pub mod text;
pub mod tui;
pub mod view;

/// How many threads a parallel step uses: the machine's cores, at most 8.
pub fn cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .clamp(1, 8)
}
