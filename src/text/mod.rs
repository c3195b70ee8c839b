//! Text for the terminal: one sanitizer for untrusted strings, display-width
//! measuring, cutting, padding and Chinese-aware wrapping.

pub mod paint;
mod sanitize;
mod width;
pub mod wrap;

pub use sanitize::sanitize;
pub use width::{pad_right, truncate, truncate_left, width, wrap, wrap_indent};
