//! gongbao (公报): an offline terminal explorer for Chinese government gazettes.
//!
//! The library holds everything; `src/main.rs` only parses the command line.

pub mod cli;
#[doc(hidden)]
pub mod fuzzing;
pub mod headless;
pub mod import;
pub mod indicators;
pub mod model;
pub mod search;
pub mod text;
pub mod timeline;
pub mod tui;
pub mod units;
pub mod view;
