//! The gazette model. Knows nothing about terminals.

pub mod cache;
pub mod columns;
pub mod date;
pub mod identity;
pub mod load;
pub mod resolve;
pub mod schema;
pub mod spans;
pub mod tree;

pub use load::{load_embedded, load_path, LoadError};
pub use schema::{Issue, Node};
pub use tree::{Kind, NodeIx, Tree};
