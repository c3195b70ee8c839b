//! The tree pane: which nodes are expanded, which is selected, the scroll;
//! its moves and its drawing.

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::model::{Kind, NodeIx, Tree};
use crate::text::{pad_right, truncate, width};
use crate::tui::action::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::widgets::{icon, pane_block};

/// The tree pane: which nodes are expanded, which is selected, the scroll.
#[derive(Debug, Clone, Default)]
pub struct TreeState {
    expanded: HashSet<NodeIx>,
    pub selected: NodeIx,
    pub offset: usize,
    /// The visible rows, kept until the expanded set changes: an archive
    /// opened wide has tens of thousands, and every key and frame needs them.
    rows: RefCell<Option<Arc<Vec<NodeIx>>>>,
    /// Counts changes of the expanded set (not its size: collapsing one
    /// node and expanding another keeps the size and changes the rows).
    version: u64,
}

impl TreeState {
    pub fn is_expanded(&self, ix: NodeIx) -> bool {
        self.expanded.contains(&ix)
    }

    pub fn expanded_count(&self) -> usize {
        self.expanded.len()
    }

    /// Changes whenever the expanded set does.
    pub fn version(&self) -> u64 {
        self.version
    }

    pub(crate) fn expand(&mut self, ix: NodeIx) {
        if self.expanded.insert(ix) {
            self.rows.get_mut().take();
            self.version += 1;
        }
    }

    pub(crate) fn collapse(&mut self, ix: NodeIx) {
        if self.expanded.remove(&ix) {
            self.rows.get_mut().take();
            self.version += 1;
        }
    }

    /// Carries the state over to another tree: each node through `map`
    /// (a node it does not know is dropped; the selection falls back to
    /// the root).
    pub(crate) fn remap(&mut self, map: impl Fn(NodeIx) -> Option<NodeIx>) {
        let expanded = self.expanded.iter().filter_map(|&ix| map(ix)).collect();
        self.selected = map(self.selected).unwrap_or(0);
        self.expanded = expanded;
        self.rows.get_mut().take();
        self.version += 1;
    }

    pub(crate) fn set_expanded(&mut self, expanded: HashSet<NodeIx>) {
        if expanded != self.expanded {
            self.expanded = expanded;
            self.rows.get_mut().take();
            self.version += 1;
        }
    }

    /// The visible rows in document order (kept until the expanded set changes).
    pub fn visible(&self, tree: &Tree) -> Arc<Vec<NodeIx>> {
        if let Some(rows) = self.rows.borrow().as_ref() {
            return Arc::clone(rows);
        }
        let mut out = Vec::new();
        let mut stack = vec![0usize];
        while let Some(ix) = stack.pop() {
            out.push(ix);
            if self.is_expanded(ix) {
                stack.extend(tree.nodes[ix].children.iter().rev());
            }
        }
        let rows = Arc::new(out);
        *self.rows.borrow_mut() = Some(Arc::clone(&rows));
        rows
    }

    /// A tree action: moves, expands, collapses.
    /// Scrolls so the selection is among the `rows` shown, and no further
    /// than the last row allows.
    pub fn keep_in_view(&mut self, visible: &[NodeIx], rows: usize) {
        let pos = visible.binary_search(&self.selected).unwrap_or(0);
        let rows = rows.max(1);
        if pos < self.offset {
            self.offset = pos;
        } else if pos >= self.offset + rows {
            self.offset = pos + 1 - rows;
        }
        self.offset = self.offset.min(visible.len().saturating_sub(rows));
    }

    pub fn act(&mut self, tree: &Tree, action: Action) {
        let vis = self.visible(tree);
        let sel = self.selected;
        let pos = vis.binary_search(&self.selected).unwrap_or(0);
        let has_kids = !tree.nodes[sel].children.is_empty();
        let open = self.is_expanded(sel);
        match action {
            Action::MoveDown => self.selected = vis[(pos + 1).min(vis.len() - 1)],
            Action::MoveUp => self.selected = vis[pos.saturating_sub(1)],
            Action::First => self.selected = vis[0],
            Action::Last => self.selected = vis[vis.len() - 1],
            Action::CollapseOrParent => {
                if open && has_kids && sel != 0 {
                    self.collapse(sel);
                } else if let Some(p) = tree.nodes[sel].parent {
                    self.selected = p;
                }
            }
            Action::ExpandOrChild => {
                if has_kids && !open {
                    self.expand(sel);
                } else if let Some(&c) = tree.nodes[sel].children.first() {
                    self.selected = c;
                }
            }
            Action::Open if has_kids && sel != 0 => {
                if open {
                    self.collapse(sel);
                } else {
                    self.expand(sel);
                }
            }
            _ => {}
        }
    }
}

/// Draws the visible rows from the scroll: fold markers, kind icons,
/// labels cut to the pane, the selection.
/// The characters of a title or text a row needs at most (a row is never
/// wider than this many columns).
pub const ROW_CHARS: usize = 1024;

pub fn render(f: &mut Frame, tree: &Tree, s: &TreeState, focused: bool, area: Rect, theme: Theme) {
    let inner = layout::inner(area);
    let title = truncate(" 目录树 ", area.width.saturating_sub(2) as usize);
    f.render_widget(pane_block(&title, focused, theme), area);
    let w = inner.width as usize;
    let t = tree;
    let vis = s.visible(tree);
    let lines: Vec<Line> = vis
        .iter()
        .skip(s.offset)
        .take(inner.height as usize)
        .map(|&ix| {
            let n = &t.nodes[ix];
            let marker = if n.children.is_empty() {
                "  "
            } else if s.is_expanded(ix) {
                "▾ "
            } else {
                "▸ "
            };
            let label = match n.kind {
                Kind::Issue | Kind::Archive | Kind::Year => t.label(ix),
                Kind::Document => t.document_name(ix),
                _ => t.label_within(ix, ROW_CHARS),
            };
            // Deep rows in a narrow pane give up indent before title: the
            // title keeps 8 columns (or all it has) where the pane allows.
            let head = width(marker) + width(icon(n.kind)) + 1;
            let indent =
                (2 * n.depth.saturating_sub(1)).min(w.saturating_sub(head + width(&label).min(8)));
            let text = format!("{}{marker}{} {}", " ".repeat(indent), icon(n.kind), label);
            let text = pad_right(&text, w);
            let style = if ix == s.selected {
                if focused {
                    theme.selected()
                } else {
                    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                }
            } else {
                match n.kind {
                    Kind::Document | Kind::Attachment => theme.fg(Color::Yellow),
                    Kind::Column => theme.fg(Color::Green),
                    Kind::Chapter | Kind::Section | Kind::Industry => theme.fg(Color::Cyan),
                    _ => Style::new(),
                }
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}
