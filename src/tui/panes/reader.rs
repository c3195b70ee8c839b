//! The reader pane: the rendered lines of the selected node, the scroll
//! and a cursor line; its drawing.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::model::NodeIx;
use crate::text::{truncate, width};
use crate::tui::app::{App, Focus};
use crate::tui::layout;
use crate::tui::ui::{highlight, pane_block, Theme};
use crate::view::reader::RLine;

/// The reader pane: the rendered lines of the selected node, the scroll and
/// a cursor line (used when the reader has focus).
#[derive(Debug, Clone)]
pub struct ReaderState {
    pub lines: Vec<RLine>,
    pub node: NodeIx,
    pub width: usize,
    pub scroll: usize,
    pub cursor: usize,
}

/// Draws the reader: the node's lines from the scroll, the cursor line when
/// the reader has focus, full-text terms highlighted.
pub fn render(f: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let focused = app.focus == Focus::Reader;
    let inner = layout::inner(area);
    let kind = app.tree.nodes[app.tree_state.selected].kind;
    let title = truncate(
        &format!(" {} ", kind),
        area.width.saturating_sub(2) as usize,
    );
    f.render_widget(pane_block(&title, focused, theme), area);
    let r = &app.reader;
    let terms = app.highlight_terms();
    // Search hits: black on yellow, or reverse bold without colour.
    let hit_style = if theme.color {
        Style::new().fg(Color::Black).bg(Color::Yellow)
    } else {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    };
    let lines: Vec<Line> = r
        .lines
        .iter()
        .enumerate()
        .skip(r.scroll)
        .take(inner.height as usize)
        .map(|(i, l)| {
            let spans: Vec<Span> = l
                .spans
                .iter()
                .map(|s| Span::styled(s.text.clone(), theme.tone(s.tone)))
                .collect();
            let mut spans = highlight(spans, &terms, hit_style);
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
