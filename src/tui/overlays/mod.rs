//! What is drawn over the panes: each overlay a file with its state, its
//! keys and its drawing.

pub mod cited_by;
pub mod copy;
pub mod help;
pub mod palette;
pub mod prompt;
