//! What the program knows about a gazette beyond its tree: the decision
//! timeline (one model, canonical units, statuses), the units and what they
//! own, and the plan's indicators. Shared by the commands and the explorer;
//! no terminal, no text layout (that is `view`).

pub mod citations;
pub mod deadlines;
pub mod indicators;
pub mod jurisdiction;
pub mod timeline;
pub mod units;
