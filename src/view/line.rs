//! Display lines without a terminal: spans of text with an abstract tone,
//! each line knowing the node it shows. The explorer maps tones to colours;
//! `show` and the other text forms print them plain.

use crate::model::NodeIx;

/// What a piece of text is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    /// A document's or the title.
    Title,
    /// Chapter, section, industry, column and heading lines.
    Heading,
    /// The name leading a segment or entry (半导体。/ 半导体：).
    Lead,
    /// Labels of metadata (文号, 日期 …).
    Meta,
    Dim,
    Border,
    /// A value the source does not give.
    Missing,
    /// Table header cells.
    Header,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub tone: Tone,
}

impl Span {
    pub fn new(text: impl Into<String>, tone: Tone) -> Span {
        Span {
            text: text.into(),
            tone,
        }
    }
}

/// One display line: its spans and the node it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct RLine {
    pub spans: Vec<Span>,
    pub node: NodeIx,
}

impl RLine {
    pub fn plain(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// What is shown where a value is missing from the source.
pub const MISSING: &str = "(missing)";
