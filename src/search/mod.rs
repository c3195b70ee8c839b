//! Finding things: folding, pinyin in context, the fuzzy palette index and
//! full-text search. No terminal imports.

pub mod fold;
pub mod fulltext;
pub mod index;
pub mod pinyin;
pub mod syllables;

pub use fulltext::TextHit;

/// The longest query, in characters, a search takes: from the command line
/// (longer is refused), typed or pasted into a prompt (the rest is not
/// taken). A title-length query is enough to find anything, and the
/// matching's cost stays bounded (it grows with the query's length).
pub const MAX_QUERY: usize = 200;
pub use index::{Hit, Index};
