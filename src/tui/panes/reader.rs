//! The reader pane: the rendered lines of the selected node, the scroll
//! and a cursor line; its drawing.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::model::NodeIx;
use crate::text::{truncate, width};
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::widgets::{mark_ranges, pane_block};
use crate::view::line::Lines;
use crate::view::reader::WrapCache;

/// The reader pane: the rendered lines of the selected node, the scroll and
/// a cursor line (used when the reader has focus).
#[derive(Debug, Clone)]
pub struct ReaderState {
    pub lines: Lines,
    pub node: NodeIx,
    pub width: usize,
    pub scroll: usize,
    pub cursor: usize,
    /// Long paragraphs already wrapped, by text and width.
    pub wraps: WrapCache,
    /// The link selected with `[` / `]`: the line it starts on and its
    /// index in the citations.
    pub link: Option<(usize, u32)>,
}

impl ReaderState {
    /// Shows node `sel` at `width` columns (rendering again only when the
    /// node or the width changed; a new node starts at its top), and keeps
    /// the scroll in range and, when `focused`, the cursor line in view.
    #[allow(clippy::too_many_arguments)]
    pub fn show(
        &mut self,
        tree: &crate::model::Tree,
        cites: &crate::domain::citations::Citations,
        sel: NodeIx,
        width: usize,
        height: usize,
        focused: bool,
    ) {
        if self.node != sel || self.width != width {
            if self.node != sel {
                self.scroll = 0;
                self.cursor = 0;
                self.link = None;
            }
            self.lines = crate::view::reader::render_with(
                tree,
                sel,
                width.max(1),
                crate::view::reader::LAZY_FROM,
                &mut self.wraps,
                Some(cites),
            );
            self.node = sel;
            self.width = width;
            // At another width the selected link is on another line.
            if let Some((_, k)) = self.link {
                self.link = self
                    .lines
                    .first_with(crate::view::line::Tone::Link(k))
                    .map(|line| (line, k));
            }
        }
        let n = self.lines.len();
        self.cursor = self.cursor.min(n.saturating_sub(1));
        let h = height.max(1);
        self.scroll = self.scroll.min(n.saturating_sub(h));
        if focused {
            if self.cursor < self.scroll {
                self.scroll = self.cursor;
            } else if self.cursor >= self.scroll + h {
                self.scroll = self.cursor + 1 - h;
            }
            // A table's header kept at the top takes rows: the cursor
            // stays above the bottom of what is left.
            let k = self.header_rows(h);
            if self.cursor >= self.scroll + h - k {
                self.scroll = self.cursor + 1 - (h - k);
            }
        }
    }

    /// How many rows a table header kept at the top takes in a window of
    /// `height` rows (0 when none is).
    pub fn header_rows(&self, height: usize) -> usize {
        self.lines
            .sticky_header(self.scroll, height)
            .map_or(0, |r| r.len())
    }

    /// The line at `row` rows from the top of a window of `height`: under a
    /// kept table header, the header's lines first.
    pub fn line_at(&self, row: usize, height: usize) -> usize {
        match self.lines.sticky_header(self.scroll, height) {
            Some(head) if row < head.len() => head.start + row,
            Some(head) => self.scroll + row - head.len(),
            None => self.scroll + row,
        }
    }
}

/// Draws the reader: the node's lines from the scroll, the cursor line when
/// the reader has focus, full-text terms highlighted.
pub fn render(
    f: &mut Frame,
    r: &ReaderState,
    kind: crate::model::Kind,
    focused: bool,
    terms: &[String],
    area: Rect,
    theme: Theme,
) {
    let inner = layout::inner(area);
    let title = truncate(
        &format!(" {} ", kind.label()),
        area.width.saturating_sub(2) as usize,
    );
    f.render_widget(pane_block(&title, focused, theme), area);
    // Search hits: black on yellow, or reverse bold without colour.
    let hit_style = if theme.color {
        Style::new().fg(Color::Black).bg(Color::Yellow)
    } else {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    };
    // Two lines either side too, for a hit wrapped in from outside; a
    // table's header kept at the top when its body scrolls past.
    let h = inner.height as usize;
    let head = r.lines.sticky_header(r.scroll, h);
    let k = head.as_ref().map_or(0, |r| r.len());
    let from = r.scroll.saturating_sub(2);
    let around = r.lines.window(from, h + (r.scroll - from) + 2);
    let texts: Vec<(String, bool)> = around
        .iter()
        .zip(from..)
        .map(|(l, i)| (l.plain(), i > from && r.lines.continues(i)))
        .collect();
    let marks = crate::view::line::marks(&texts, terms);
    let header: Vec<(crate::view::line::RLine, usize)> = head
        .map(|range| {
            range
                .clone()
                .filter_map(|i| r.lines.get(i))
                .zip(range)
                .collect()
        })
        .unwrap_or_default();
    let none: Vec<(usize, usize)> = Vec::new();
    let kept = header.iter().map(|(l, i)| ((l, *i), &none));
    let body = around
        .iter()
        .zip(from..)
        .zip(&marks)
        .skip(r.scroll - from)
        .take(h - k);
    let lines: Vec<Line> = kept
        .chain(body)
        .map(|((l, i), marks)| {
            let selected = r.link.map(|(_, k)| crate::view::line::Tone::Link(k));
            let spans: Vec<Span> = l
                .spans
                .iter()
                .map(|s| {
                    let style = if Some(s.tone) == selected {
                        theme.tone(s.tone).patch(theme.link_selected())
                    } else {
                        theme.tone(s.tone)
                    };
                    Span::styled(s.text.clone(), style)
                })
                .collect();
            let mut spans = mark_ranges(spans, marks, hit_style);
            if focused && i == r.cursor {
                let used: usize = l.spans.iter().map(|s| width(&s.text)).sum();
                spans.push(Span::raw(
                    " ".repeat((inner.width as usize).saturating_sub(used)),
                ));
                return Line::from(spans)
                    .patch_style(Style::new().add_modifier(Modifier::REVERSED));
            }
            Line::from(spans)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}
