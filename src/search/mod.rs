//! Finding things: folding, pinyin in context, the fuzzy palette index and
//! full-text search. No terminal imports.

pub mod fold;
pub mod fulltext;
pub mod index;
pub mod pinyin;
pub mod syllables;

pub use fulltext::TextHit;
pub use index::{Hit, Index};
