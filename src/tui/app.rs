//! App state and its pure update: `Action` → new state. No drawing, no I/O.

use std::collections::HashSet;

use ratatui::layout::Rect;

use crate::model::{NodeIx, Tree};
use crate::view::reader::{self, RLine};

use super::action::Action;
use super::layout::{self, Areas};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Reader,
}

/// The tree pane: which nodes are expanded, which is selected, the scroll.
#[derive(Debug, Clone)]
pub struct TreeState {
    pub expanded: HashSet<NodeIx>,
    pub selected: NodeIx,
    pub offset: usize,
}

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

#[derive(Debug)]
pub struct App {
    pub tree: Tree,
    pub tree_state: TreeState,
    pub reader: ReaderState,
    pub focus: Focus,
    /// The tree's share of the width, percent.
    pub split: u16,
    pub tree_hidden: bool,
    pub help: bool,
    pub quit: bool,
    pub size: Rect,
}

/// What an update asks of the loop beyond a redraw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    Redraw,
    Suspend,
}

impl App {
    pub fn new(tree: Tree, size: Rect) -> App {
        let mut app = App {
            tree,
            tree_state: TreeState {
                expanded: HashSet::new(),
                selected: 0,
                offset: 0,
            },
            reader: ReaderState {
                lines: Vec::new(),
                node: usize::MAX,
                width: 0,
                scroll: 0,
                cursor: 0,
            },
            focus: Focus::Tree,
            split: 35,
            tree_hidden: false,
            help: false,
            quit: false,
            size,
        };
        app.collapse_to(2);
        app.refresh();
        app
    }

    pub fn areas(&self) -> Areas {
        layout::areas(self.size, self.split, self.tree_hidden)
    }

    /// Rows of the tree that are visible (ancestors expanded), in order.
    pub fn visible(&self) -> Vec<NodeIx> {
        let mut out = Vec::new();
        let mut stack = vec![0usize];
        while let Some(ix) = stack.pop() {
            out.push(ix);
            if self.tree_state.expanded.contains(&ix) {
                stack.extend(self.tree.nodes[ix].children.iter().rev());
            }
        }
        out
    }

    fn tree_height(&self) -> usize {
        layout::inner(self.areas().tree).height as usize
    }

    fn reader_height(&self) -> usize {
        layout::inner(self.areas().reader).height as usize
    }

    /// Expands every node shallower than `level` and collapses the rest.
    fn collapse_to(&mut self, level: usize) {
        let t = &self.tree;
        self.tree_state.expanded = (0..t.len())
            .filter(|&i| t.nodes[i].depth < level && !t.nodes[i].children.is_empty())
            .collect();
        // Keep the selection visible: climb to the deepest visible ancestor.
        let mut sel = self.tree_state.selected;
        while t.nodes[sel].depth > level {
            sel = t.nodes[sel].parent.unwrap_or(0);
        }
        self.tree_state.selected = sel;
    }

    /// Selects a node, expanding its ancestors (for jumps from elsewhere).
    pub fn jump(&mut self, ix: NodeIx) {
        self.select(ix);
        self.refresh();
    }

    fn select(&mut self, ix: NodeIx) {
        for a in self.tree.ancestors(ix) {
            self.tree_state.expanded.insert(a);
        }
        self.tree_state.selected = ix;
    }

    /// Recomputes what depends on the selection and the size: the reader's
    /// lines and both scroll positions.
    pub fn refresh(&mut self) {
        let width = layout::inner(self.areas().reader).width as usize;
        let sel = self.tree_state.selected;
        if self.reader.node != sel || self.reader.width != width {
            if self.reader.node != sel {
                self.reader.scroll = 0;
                self.reader.cursor = 0;
            }
            self.reader.lines = reader::render(&self.tree, sel, width.max(1));
            self.reader.node = sel;
            self.reader.width = width;
        }
        let n = self.reader.lines.len();
        self.reader.cursor = self.reader.cursor.min(n.saturating_sub(1));
        let h = self.reader_height().max(1);
        self.reader.scroll = self.reader.scroll.min(n.saturating_sub(h));
        if self.focus == Focus::Reader {
            if self.reader.cursor < self.reader.scroll {
                self.reader.scroll = self.reader.cursor;
            } else if self.reader.cursor >= self.reader.scroll + h {
                self.reader.scroll = self.reader.cursor + 1 - h;
            }
        }
        let vis = self.visible();
        let pos = vis.iter().position(|&v| v == sel).unwrap_or(0);
        let th = self.tree_height().max(1);
        let off = &mut self.tree_state.offset;
        if pos < *off {
            *off = pos;
        } else if pos >= *off + th {
            *off = pos + 1 - th;
        }
        *off = (*off).min(vis.len().saturating_sub(th));
    }

    pub fn resize(&mut self, size: Rect) -> Effect {
        self.size = size;
        self.refresh();
        Effect::Redraw
    }

    /// Applies an action. Returns whether anything changed.
    pub fn update(&mut self, action: Action) -> Effect {
        if self.help && !matches!(action, Action::Quit | Action::Suspend) {
            if matches!(action, Action::Close | Action::ToggleHelp) {
                self.help = false;
                return Effect::Redraw;
            }
            return Effect::None;
        }
        let before = self.snapshot();
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => return Effect::Suspend,
            Action::ToggleHelp => self.help = true,
            Action::Close => {}
            Action::FocusNext => {
                self.focus = match self.focus {
                    Focus::Tree => {
                        self.reader.cursor = self.reader.scroll;
                        Focus::Reader
                    }
                    Focus::Reader if !self.tree_hidden => Focus::Tree,
                    Focus::Reader => Focus::Reader,
                }
            }
            Action::ToggleTree => {
                self.tree_hidden = !self.tree_hidden;
                if self.tree_hidden {
                    self.focus = Focus::Reader;
                    self.reader.cursor = self.reader.scroll;
                }
            }
            Action::NarrowTree => self.split = self.split.saturating_sub(5).max(10),
            Action::WidenTree => self.split = (self.split + 5).min(90),
            Action::CollapseToLevel(n) => self.collapse_to(usize::from(n)),
            Action::PageDown | Action::PageUp | Action::HalfPageDown | Action::HalfPageUp => {
                let h = self.reader_height().max(1);
                let step = match action {
                    Action::PageDown | Action::PageUp => h.saturating_sub(1).max(1),
                    _ => (h / 2).max(1),
                };
                let down = matches!(action, Action::PageDown | Action::HalfPageDown);
                let max = self.reader.lines.len().saturating_sub(h);
                self.reader.scroll = if down {
                    (self.reader.scroll + step).min(max)
                } else {
                    self.reader.scroll.saturating_sub(step)
                };
                if self.focus == Focus::Reader {
                    self.reader.cursor = if down {
                        (self.reader.cursor + step).min(self.reader.lines.len().saturating_sub(1))
                    } else {
                        self.reader.cursor.saturating_sub(step)
                    };
                }
            }
            _ if self.focus == Focus::Reader => self.reader_action(action),
            _ => self.tree_action(action),
        }
        self.refresh();
        if self.snapshot() == before {
            Effect::None
        } else {
            Effect::Redraw
        }
    }

    fn reader_action(&mut self, action: Action) {
        let last = self.reader.lines.len().saturating_sub(1);
        let r = &mut self.reader;
        match action {
            Action::MoveDown => r.cursor = (r.cursor + 1).min(last),
            Action::MoveUp => r.cursor = r.cursor.saturating_sub(1),
            Action::First => r.cursor = 0,
            Action::Last => r.cursor = last,
            Action::Open => {
                if let Some(node) = r.lines.get(r.cursor).map(|l| l.node) {
                    if node != self.tree_state.selected {
                        self.select(node);
                        if !self.tree_hidden {
                            self.focus = Focus::Tree;
                        }
                    }
                }
            }
            Action::CollapseOrParent => {
                if let Some(p) = self.tree.nodes[self.tree_state.selected].parent {
                    self.select(p);
                }
            }
            _ => {}
        }
    }

    fn tree_action(&mut self, action: Action) {
        let vis = self.visible();
        let sel = self.tree_state.selected;
        let pos = vis.iter().position(|&v| v == sel).unwrap_or(0);
        let has_kids = !self.tree.nodes[sel].children.is_empty();
        let open = self.tree_state.expanded.contains(&sel);
        match action {
            Action::MoveDown => self.tree_state.selected = vis[(pos + 1).min(vis.len() - 1)],
            Action::MoveUp => self.tree_state.selected = vis[pos.saturating_sub(1)],
            Action::First => self.tree_state.selected = vis[0],
            Action::Last => self.tree_state.selected = vis[vis.len() - 1],
            Action::CollapseOrParent => {
                if open && has_kids && sel != 0 {
                    self.tree_state.expanded.remove(&sel);
                } else if let Some(p) = self.tree.nodes[sel].parent {
                    self.tree_state.selected = p;
                }
            }
            Action::ExpandOrChild => {
                if has_kids && !open {
                    self.tree_state.expanded.insert(sel);
                } else if let Some(&c) = self.tree.nodes[sel].children.first() {
                    self.tree_state.selected = c;
                }
            }
            Action::Open if has_kids && sel != 0 => {
                if open {
                    self.tree_state.expanded.remove(&sel);
                } else {
                    self.tree_state.expanded.insert(sel);
                }
            }
            _ => {}
        }
    }

    /// Mouse: a click selects the row or line under it; the wheel scrolls the
    /// pane under the pointer.
    pub fn click(&mut self, col: u16, row: u16) -> Effect {
        let before = self.snapshot();
        let a = self.areas();
        let inside =
            |r: Rect| col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height;
        let ti = layout::inner(a.tree);
        let ri = layout::inner(a.reader);
        if inside(ti) {
            let vis = self.visible();
            if let Some(&ix) = vis.get(self.tree_state.offset + usize::from(row - ti.y)) {
                self.tree_state.selected = ix;
                self.focus = Focus::Tree;
            }
        } else if inside(ri) {
            let line = self.reader.scroll + usize::from(row - ri.y);
            if line < self.reader.lines.len() {
                self.focus = Focus::Reader;
                self.reader.cursor = line;
            }
        }
        self.refresh();
        if self.snapshot() == before {
            Effect::None
        } else {
            Effect::Redraw
        }
    }

    pub fn wheel(&mut self, col: u16, down: bool) -> Effect {
        let before = self.snapshot();
        let a = self.areas();
        if col < a.tree.x + a.tree.width {
            let vis_len = self.visible().len();
            let th = self.tree_height().max(1);
            let off = &mut self.tree_state.offset;
            *off = if down {
                (*off + 3).min(vis_len.saturating_sub(th))
            } else {
                off.saturating_sub(3)
            };
            let (off, th) = (*off, th);
            let vis = self.visible();
            let pos = vis
                .iter()
                .position(|&v| v == self.tree_state.selected)
                .unwrap_or(0);
            if pos < off || pos >= off + th {
                self.tree_state.selected = vis[off.min(vis.len() - 1)];
            }
        } else {
            let h = self.reader_height().max(1);
            let max = self.reader.lines.len().saturating_sub(h);
            self.reader.scroll = if down {
                (self.reader.scroll + 3).min(max)
            } else {
                self.reader.scroll.saturating_sub(3)
            };
            self.reader.cursor = self
                .reader
                .cursor
                .clamp(self.reader.scroll, self.reader.scroll + h - 1);
        }
        self.refresh();
        if self.snapshot() == before {
            Effect::None
        } else {
            Effect::Redraw
        }
    }

    /// Everything the screen shows, to tell whether an update changed it.
    fn snapshot(
        &self,
    ) -> (
        NodeIx,
        usize,
        usize,
        usize,
        usize,
        Focus,
        u16,
        bool,
        bool,
        bool,
    ) {
        (
            self.tree_state.selected,
            self.tree_state.offset,
            self.tree_state.expanded.len(),
            self.reader.scroll,
            self.reader.cursor,
            self.focus,
            self.split,
            self.tree_hidden,
            self.help,
            self.quit,
        )
    }

    /// The breadcrumb of the selection: ancestors' labels and its own.
    pub fn breadcrumb(&self) -> Vec<String> {
        let sel = self.tree_state.selected;
        let mut out: Vec<String> = self
            .tree
            .ancestors(sel)
            .into_iter()
            .skip(1)
            .map(|a| self.crumb(a))
            .collect();
        if sel != 0 {
            out.push(self.crumb(sel));
        }
        out
    }

    fn crumb(&self, ix: NodeIx) -> String {
        let t = &self.tree;
        match t.nodes[ix].kind {
            crate::model::Kind::Document => t.number(ix),
            _ => crate::text::truncate(&t.label(ix), 24),
        }
    }
}
