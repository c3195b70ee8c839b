//! Display lines without a terminal: spans of text with an abstract tone,
//! each line knowing the node it shows. The explorer maps tones to colours;
//! `show` and the other text forms print them plain.

use std::sync::Arc;

use crate::model::NodeIx;
use crate::text::wrap::{wrap_line, Indent, Piece};

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
    /// A citation: the index of its link in the explorer's citations.
    Link(u32),
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

/// A paragraph wrapped as line ranges of its (sanitized) text: spans are made
/// only for the lines asked for. A 60 MB paragraph keeps its text and two
/// numbers per display line, not a string per line.
#[derive(Debug)]
pub struct Wrapped {
    text: String,
    /// Tone runs: each ends (exclusive) at a byte of `text`.
    tones: Vec<(u32, Tone)>,
    pieces: Vec<Piece>,
    first: String,
    rest: String,
    /// Text of several parts: neighbouring spans of one tone are one span,
    /// the indent included.
    merge: bool,
}

impl Wrapped {
    /// Wraps `parts` into `width` columns after the indents `first` (the
    /// first line) and `rest`. A `\n` in any part ends a line: each line
    /// starts after `first` again, and a blank one is an empty line.
    pub fn new(parts: &[(&str, Tone)], width: usize, first: &str, rest: &str) -> Wrapped {
        let (fw, rw) = (crate::text::width(first), crate::text::width(rest));
        let width = width.max(2).max(fw + 2).max(rw + 2);
        let mut text = String::new();
        let mut tones = Vec::new();
        let mut pieces = Vec::new();
        let wrap = |text: &str, base: usize, pieces: &mut Vec<Piece>| {
            if text.trim().is_empty() {
                pieces.push(Piece {
                    start: base as u32,
                    end: base as u32,
                    indent: Indent::None,
                });
                return;
            }
            wrap_line(text, width, fw, rw, &mut |p: Piece| {
                pieces.push(Piece {
                    start: p.start + base as u32,
                    end: p.end + base as u32,
                    ..p
                })
            });
        };
        // Each `\n` of any part ends a line; each line starts after `first`.
        let mut line_start = 0;
        for (part, tone) in parts {
            for (k, line) in part.split('\n').enumerate() {
                if k > 0 {
                    wrap(&text[line_start..], line_start, &mut pieces);
                    line_start = text.len();
                }
                text.push_str(&crate::text::sanitize(line));
            }
            tones.push((text.len() as u32, *tone));
        }
        wrap(&text[line_start..], line_start, &mut pieces);
        Wrapped {
            text,
            tones,
            pieces,
            first: first.to_string(),
            rest: rest.to_string(),
            merge: parts.len() != 1,
        }
    }

    /// How many display lines.
    pub fn len(&self) -> usize {
        self.pieces.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The bytes of text it holds (for bounding a cache).
    pub fn size(&self) -> usize {
        self.text.len() + self.pieces.len() * std::mem::size_of::<Piece>()
    }

    /// Display line `i` as spans (empty when out of range).
    pub fn line(&self, i: usize) -> Vec<Span> {
        let Some(p) = self.pieces.get(i) else {
            return Vec::new();
        };
        counters::MADE.with(|c| c.set(c.get() + 1));
        let indent = match p.indent {
            Indent::None => return Vec::new(),
            Indent::First => self.first.as_str(),
            Indent::Rest => self.rest.as_str(),
        };
        let mut spans: Vec<Span> = Vec::new();
        if !indent.is_empty() {
            spans.push(Span::new(indent, Tone::Plain));
        }
        let (start, end) = (p.start as usize, p.end as usize);
        // The tone runs over [start, end).
        let mut k = self.tones.partition_point(|&(e, _)| (e as usize) <= start);
        let mut at = start;
        while at < end {
            let (run_end, tone) = self
                .tones
                .get(k)
                .map_or((end, Tone::Plain), |&(e, t)| ((e as usize).min(end), t));
            let piece = &self.text[at..run_end];
            match spans.last_mut() {
                Some(s) if self.merge && s.tone == tone => s.text.push_str(piece),
                _ => spans.push(Span::new(piece, tone)),
            }
            at = run_end;
            k += 1;
        }
        spans
    }
}

/// Work counters for tests: how many long paragraphs were wrapped and how
/// many of their lines were made into spans, on this thread.
pub mod counters {
    use std::cell::Cell;

    thread_local! {
        pub(super) static PASSES: Cell<u64> = const { Cell::new(0) };
        pub(super) static MADE: Cell<u64> = const { Cell::new(0) };
    }

    pub(crate) fn wrapped() {
        PASSES.with(|c| c.set(c.get() + 1));
    }

    /// (long paragraphs wrapped, lines made into spans) so far.
    pub fn get() -> (u64, u64) {
        (PASSES.with(Cell::get), MADE.with(Cell::get))
    }
}

/// A part of a rendering: a line, or a wrapped paragraph kept whole.
#[derive(Debug, Clone)]
pub enum Block {
    Line(RLine),
    Para {
        node: NodeIx,
        wrapped: Arc<Wrapped>,
        /// Its first `shown` lines are shown (trailing blank ones dropped).
        shown: usize,
        /// The inner widths of the column boxes around it, innermost first.
        frames: Vec<usize>,
    },
}

impl Block {
    pub(crate) fn len(&self) -> usize {
        match self {
            Block::Line(_) => 1,
            Block::Para { shown, .. } => *shown,
        }
    }
}

/// The display lines of a rendering, made into spans when asked for.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    blocks: Vec<Block>,
    /// The first line of each block.
    starts: Vec<usize>,
    len: usize,
    /// The width every line is cut to.
    clip: usize,
    /// Tables: their first line, their body's first line, the line after.
    sticky: Vec<(usize, usize, usize)>,
}

impl Lines {
    pub fn new(blocks: Vec<Block>, clip: usize) -> Lines {
        let mut starts = Vec::with_capacity(blocks.len());
        let mut len = 0;
        for b in &blocks {
            starts.push(len);
            len += b.len();
        }
        Lines {
            blocks,
            starts,
            len,
            clip,
            sticky: Vec::new(),
        }
    }

    /// With the tables' line ranges, for [`Lines::sticky_header`].
    pub fn with_sticky(mut self, sticky: Vec<(usize, usize, usize)>) -> Lines {
        self.sticky = sticky;
        self
    }

    /// The header lines of the table whose body is at the top of a window
    /// of `height` lines from `scroll`, when its header has scrolled away
    /// and the table goes on past the window (with its end in sight the
    /// header is not needed): the lines to draw at the window's top. Never
    /// more than a third of the window.
    pub fn sticky_header(&self, scroll: usize, height: usize) -> Option<std::ops::Range<usize>> {
        let k = self
            .sticky
            .partition_point(|&(start, _, _)| start <= scroll);
        let &(start, body, end) = self.sticky.get(k.checked_sub(1)?)?;
        let shown = scroll >= body && scroll < end && end > scroll + height;
        (shown && (body - start) * 3 <= height).then_some(start..body)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn locate(&self, i: usize) -> Option<(&Block, usize)> {
        if i >= self.len {
            return None;
        }
        let b = self.starts.partition_point(|&s| s <= i) - 1;
        Some((&self.blocks[b], i - self.starts[b]))
    }

    /// The node line `i` shows, without making the line.
    pub fn node(&self, i: usize) -> Option<NodeIx> {
        self.locate(i).map(|(b, _)| match b {
            Block::Line(l) => l.node,
            Block::Para { node, .. } => *node,
        })
    }

    /// Line `i`.
    pub fn get(&self, i: usize) -> Option<RLine> {
        let (b, k) = self.locate(i)?;
        Some(match b {
            Block::Line(l) => l.clone(),
            Block::Para {
                node,
                wrapped,
                frames,
                ..
            } => {
                let mut spans = wrapped.line(k);
                for &inner in frames {
                    spans = boxed(spans, inner);
                }
                super::reader::clip(&mut spans, self.clip);
                RLine { spans, node: *node }
            }
        })
    }

    /// Whether line `i` goes on from the line before: both show one node.
    pub fn continues(&self, i: usize) -> bool {
        i > 0 && self.node(i).is_some() && self.node(i) == self.node(i - 1)
    }

    /// Lines `from..from + n` (fewer at the end).
    pub fn window(&self, from: usize, n: usize) -> Vec<RLine> {
        (from..from.saturating_add(n).min(self.len))
            .filter_map(|i| self.get(i))
            .collect()
    }

    /// The first line holding a span of `tone` (a link's first line).
    pub fn first_with(&self, tone: Tone) -> Option<usize> {
        self.iter()
            .position(|l| l.spans.iter().any(|s| s.tone == tone))
    }

    /// Every line in order, each made when reached.
    pub fn iter(&self) -> impl Iterator<Item = RLine> + '_ {
        (0..self.len).filter_map(|i| self.get(i))
    }
}

/// Where `terms` occur in display lines: for each line (its plain text, and
/// whether it goes on from the line before), byte ranges of its text,
/// sorted and apart. Lines that go on from each other are searched as one
/// text, their indents left out, so a term wrapped across two lines is
/// marked on both; a line drawn in a box (`│`) is searched alone.
pub fn marks(lines: &[(String, bool)], terms: &[String]) -> Vec<Vec<(usize, usize)>> {
    let terms: Vec<&str> = terms
        .iter()
        .map(String::as_str)
        .filter(|t| !t.is_empty())
        .collect();
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); lines.len()];
    if terms.is_empty() {
        return out;
    }
    let boxed = |t: &str| t.contains('│');
    let mut i = 0;
    while i < lines.len() {
        // A run of lines that go on from each other.
        let mut j = i + 1;
        while j < lines.len() && lines[j].1 && !boxed(&lines[j].0) && !boxed(&lines[j - 1].0) {
            j += 1;
        }
        // The run's text, and where each line's part starts in it and in
        // the line (after its indent).
        let mut joined = String::new();
        let mut parts: Vec<(usize, usize)> = Vec::new();
        for (text, _) in &lines[i..j] {
            let body = text.trim_start();
            let skip = text.len() - body.len();
            parts.push((joined.len(), skip));
            joined.push_str(body.trim_end());
        }
        for t in &terms {
            for (p, m) in joined.match_indices(t) {
                let (a, b) = (p, p + m.len());
                for (k, &(start, skip)) in parts.iter().enumerate() {
                    let end = parts.get(k + 1).map_or(joined.len(), |p| p.0);
                    let (x, y) = (a.max(start), b.min(end));
                    if x < y {
                        out[i + k].push((x - start + skip, y - start + skip));
                    }
                }
            }
        }
        i = j;
    }
    for r in &mut out {
        r.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for &(a, b) in r.iter() {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        *r = merged;
    }
    out
}

/// A line inside a column's box of inner width `inner`.
pub fn boxed(line: Vec<Span>, inner: usize) -> Vec<Span> {
    let used: usize = line.iter().map(|s| crate::text::width(&s.text)).sum();
    let mut spans = vec![Span::new("│ ", Tone::Border)];
    spans.extend(line);
    spans.push(Span::new(
        " ".repeat(inner.saturating_sub(used)),
        Tone::Plain,
    ));
    spans.push(Span::new(" │", Tone::Border));
    spans
}

#[cfg(test)]
mod tests {
    use super::marks;

    fn l(t: &str, on: bool) -> (String, bool) {
        (t.to_string(), on)
    }

    #[test]
    fn a_term_wrapped_across_lines_is_marked_on_each() {
        let terms = vec!["行业".to_string()];
        // 行 ends a line, 业 starts the next after an indent of two spaces.
        let m = marks(&[l("    大类行", false), l("  业，基本行业", true)], &terms);
        assert_eq!(m[0], vec![(10, 13)]);
        assert_eq!(m[1], vec![(2, 5), (14, 20)]);
        // A line that does not go on from the one before is searched alone.
        let m = marks(&[l("大类行", false), l("业", false)], &terms);
        assert!(m[0].is_empty() && m[1].is_empty());
        // Lines in a box are searched alone, whatever they show.
        let m = marks(&[l("│ 行 │", false), l("│ 业 │", true)], &terms);
        assert!(m[0].is_empty() && m[1].is_empty());
        // Overlapping terms merge.
        let m = marks(&[l("ABCD", false)], &["ABC".to_string(), "BCD".to_string()]);
        assert_eq!(m[0], vec![(0, 4)]);
    }
}
