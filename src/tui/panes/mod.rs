//! The explorer's panes (tree, reader) and the other views (timeline,
//! units): each a state struct with its update and a render function.

pub mod explorer;
pub mod reader;
pub mod timeline;
pub mod tree;
pub mod units;

use crate::model::NodeIx;

/// What a view's update asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Unchanged,
    Changed,
    /// Go to this node in the explorer.
    Jump(NodeIx),
    /// Back to the explorer.
    Close,
}

/// A mouse event, for whatever is on top where it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    Click { col: u16, row: u16 },
    Wheel { col: u16, row: u16, down: bool },
}

/// The rows a wheel notch moves.
pub const WHEEL_ROWS: usize = 3;

/// The list row under screen row `row`, for a list whose first row is drawn
/// at `top`, scrolled by `offset`, `len` rows long.
pub fn row_at(row: u16, top: u16, offset: usize, len: usize) -> Option<usize> {
    let k = offset + usize::from(row.checked_sub(top)?);
    (k < len).then_some(k)
}

/// Keeps `cursor` within `len` rows and in view of `height` rows.
pub fn scroll(cursor: &mut usize, offset: &mut usize, len: usize, height: usize) {
    *cursor = (*cursor).min(len.saturating_sub(1));
    let h = height.max(1);
    if *cursor < *offset {
        *offset = *cursor;
    } else if *cursor >= *offset + h {
        *offset = *cursor + 1 - h;
    }
    *offset = (*offset).min(len.saturating_sub(h));
}
