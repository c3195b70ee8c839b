//! The explorer: the tree and the reader side by side — their actions, the
//! mouse over them, the tree's levels, the breadcrumb. A second `impl App`
//! (the state lives in panes/tree.rs and panes/reader.rs; app.rs routes).

use ratatui::layout::Rect;

use crate::model::NodeIx;

use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Focus, Overlay, View};
use crate::tui::layout;

/// What the explorer shows, to tell whether an action changed it.
pub(crate) type Snapshot = (
    NodeIx,
    usize,
    u64,
    usize,
    usize,
    Option<(usize, u32)>,
    Focus,
    u16,
    bool,
    bool,
    bool,
);

impl App {
    /// `]` / `[`: selects the next (previous) citation link in the reader,
    /// from the selected one or from the top (bottom) of the screen, and
    /// puts the reader's cursor on it; past the screen the reader scrolls.
    pub(crate) fn step_link(&mut self, forward: bool) {
        use crate::view::line::Tone;
        let r = &self.reader;
        let n = r.lines.len();
        if n == 0 {
            return;
        }
        let h = self.reader_height().max(1);
        let current = r.link.map(|(_, k)| k);
        let start = match r.link {
            Some((line, _)) => line,
            None if forward => r.scroll,
            None => (r.scroll + h).min(n) - 1,
        };
        let links_in = |i: usize| -> Vec<u32> {
            r.lines.get(i).map_or_else(Vec::new, |l| {
                l.spans
                    .iter()
                    .filter_map(|s| match s.tone {
                        Tone::Link(k) => Some(k),
                        _ => None,
                    })
                    .collect()
            })
        };
        // Links are numbered in document order, so the next is the first
        // with a greater number (a smaller one going back).
        let after = |k: u32| current.is_none_or(|c| if forward { k > c } else { k < c });
        let found = if forward {
            (start..n).find_map(|i| links_in(i).into_iter().find(|&k| after(k)).map(|k| (i, k)))
        } else {
            (0..=start)
                .rev()
                .find_map(|i| {
                    links_in(i)
                        .into_iter()
                        .rev()
                        .find(|&k| after(k))
                        .map(|k| (i, k))
                })
                // A link that wraps starts on an earlier line.
                .map(|(i, k)| {
                    let first = (0..=i)
                        .rev()
                        .take_while(|&j| links_in(j).contains(&k))
                        .last()
                        .unwrap_or(i);
                    (first, k)
                })
        };
        match found {
            Some((line, k)) => {
                self.reader.link = Some((line, k));
                self.reader.cursor = line;
                self.focus = Focus::Reader;
            }
            None => {
                self.notice = Some(if forward {
                    "no further link".into()
                } else {
                    "no earlier link".into()
                });
            }
        }
    }

    /// Follows link `k`: to the node it resolves to (the jump list keeps
    /// where it came from), or says why it cannot.
    pub(crate) fn follow_link(&mut self, k: usize) {
        use crate::domain::citations::Target;
        let Some(link) = self.cites.links.get(k) else {
            return;
        };
        let text = crate::text::sanitize(&link.text).into_owned();
        match &link.target {
            Target::Node(t) => {
                let t = *t;
                self.jump_to(t);
                self.focus = Focus::Reader;
            }
            Target::Unresolved { .. } => {
                self.notice = Some(format!("{text} is not loaded"));
            }
            Target::Generic => {
                self.notice = Some(format!("{text} names a kind of document, not one"));
            }
            Target::Elsewhere { places, .. } => {
                self.notice = Some(format!(
                    "{text}: only {}'s is loaded, not linked",
                    places.join("、")
                ));
            }
        }
    }

    /// Expands every node shallower than `level` and collapses the rest.
    pub(crate) fn collapse_to(&mut self, level: usize) {
        let t = &self.tree;
        let expanded = (0..t.len())
            .filter(|&i| t.nodes[i].depth < level && !t.nodes[i].children.is_empty())
            .collect();
        self.tree_state.set_expanded(expanded);
        let t = &self.tree;
        // Keep the selection visible: climb to the deepest visible ancestor.
        let mut sel = self.tree_state.selected;
        while t.nodes[sel].depth > level {
            sel = t.nodes[sel].parent.unwrap_or(0);
        }
        self.tree_state.selected = sel;
    }

    pub(crate) fn reader_action(&mut self, action: Action) {
        let last = self.reader.lines.len().saturating_sub(1);
        let r = &mut self.reader;
        match action {
            Action::MoveDown => r.cursor = (r.cursor + 1).min(last),
            Action::MoveUp => r.cursor = r.cursor.saturating_sub(1),
            Action::First => r.cursor = 0,
            Action::Last => r.cursor = last,
            // Enter on the line of the selected link follows it.
            Action::Open
                if r.link.is_some_and(|(_, k)| {
                    r.lines.get(r.cursor).is_some_and(|l| {
                        l.spans
                            .iter()
                            .any(|s| s.tone == crate::view::line::Tone::Link(k))
                    })
                }) =>
            {
                if let Some((_, k)) = r.link {
                    self.follow_link(k as usize);
                }
            }
            Action::Open => {
                if let Some(node) = r.lines.node(r.cursor) {
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

    pub(crate) fn tree_action(&mut self, action: Action) {
        self.tree_state.act(&self.tree, action);
    }

    /// Mouse: a click selects the row or line under it; the wheel scrolls the
    /// pane under the pointer.
    /// Whether the explorer's panes are on screen with nothing over them.
    pub(crate) fn explorer_shown(&self) -> bool {
        matches!(self.view, View::Explorer) && matches!(self.overlay, Overlay::None)
    }

    pub fn click(&mut self, col: u16, row: u16) -> Effect {
        // The explorer's panes take the mouse only when they are what is
        // shown: not through the timeline, the units view or a pop-up.
        if !self.explorer_shown() {
            return Effect::None;
        }
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
            let line = self
                .reader
                .line_at(usize::from(row - ri.y), usize::from(ri.height));
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
        if !self.explorer_shown() {
            return Effect::None;
        }
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
            let pos = self.visible_position();
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
            // A kept table header takes rows at the top.
            let k = self.reader.header_rows(h);
            self.reader.cursor = self.reader.cursor.clamp(
                self.reader.scroll,
                self.reader.scroll + h.saturating_sub(k + 1),
            );
        }
        self.refresh();
        if self.snapshot() == before {
            Effect::None
        } else {
            Effect::Redraw
        }
    }

    /// The breadcrumb of the selection: ancestors' labels and its own.
    pub fn breadcrumb(&self) -> Vec<String> {
        let sel = self.tree_state.selected;
        let mut out: Vec<String> = self
            .tree
            .ancestors(sel)
            .into_iter()
            .skip(1)
            // A library's year is in its entries' tags (2021年第15期, a 文号).
            .filter(|&a| self.tree.nodes[a].kind != crate::model::Kind::Year)
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
            crate::model::Kind::Document if !t.number(ix).is_empty() => t.number(ix),
            crate::model::Kind::Document => crate::text::truncate(t.title(ix), 24),
            crate::model::Kind::Issue if t.is_archive() => t.entry_tag(t.nodes[ix].entry),
            _ => crate::text::truncate(&t.label_within(ix, 24), 24),
        }
    }

    /// The explorer's layout and paging: focus, the tree shown or hidden,
    /// its width, its levels, and the reader by pages.
    pub(crate) fn layout_action(&mut self, action: Action) {
        match action {
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
            // Everything under the selection unfolded (the selection's
            // subtree: a whole library unfolded would be a million rows).
            Action::ExpandAll => {
                let sel = self.tree_state.selected;
                for ix in sel..=self.tree.subtree_end(sel) {
                    if !self.tree.nodes[ix].children.is_empty() {
                        self.tree_state.expand(ix);
                    }
                }
            }
            // Everything folded but the top; the selection climbs to it.
            Action::CollapseAll => self.collapse_to(1),
            Action::PageDown | Action::PageUp | Action::HalfPageDown | Action::HalfPageUp => {
                let h = self.reader_height().max(1);
                // Under a kept table header fewer lines show: a page is
                // what shows, so no line is skipped.
                let shown = h.saturating_sub(self.reader.header_rows(h)).max(1);
                let step = match action {
                    Action::PageDown | Action::PageUp => shown.saturating_sub(1).max(1),
                    _ => (shown / 2).max(1),
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
            _ => {}
        }
    }
}

impl App {
    /// Rows of the tree that are visible (ancestors expanded), in order:
    /// ascending node indices, as the arena is in document order.
    pub fn visible(&self) -> std::sync::Arc<Vec<NodeIx>> {
        self.tree_state.visible(&self.tree)
    }

    /// Where the selection is among the visible rows.
    pub fn visible_position(&self) -> usize {
        self.visible()
            .binary_search(&self.tree_state.selected)
            .unwrap_or(0)
    }

    pub(crate) fn tree_height(&self) -> usize {
        layout::inner(self.areas().tree).height as usize
    }

    pub(crate) fn reader_height(&self) -> usize {
        layout::inner(self.areas().reader).height as usize
    }

    /// Everything the screen shows, to tell whether an update changed it.
    pub(crate) fn snapshot(&self) -> Snapshot {
        (
            self.tree_state.selected,
            self.tree_state.offset,
            self.tree_state.version(),
            self.reader.scroll,
            self.reader.cursor,
            self.reader.link,
            self.focus,
            self.split,
            self.tree_hidden,
            self.help(),
            self.quit,
        )
    }
}
