//! Views of the model shared by the explorer and the headless commands. No
//! terminal imports: lines of spans with abstract tones, mapped to colours by
//! the TUI and to plain text by `show`.

pub mod board;
pub mod indicators;
pub mod line;
pub mod markdown;
pub mod reader;
pub mod table;
pub mod timeline;
