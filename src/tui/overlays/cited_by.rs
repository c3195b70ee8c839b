//! "Cited by": who cites the selected document or article, each with the
//! sentence around the citation; Enter jumps there, Esc or `C` closes.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::domain::citations::{Citations, Field, Link};
use crate::model::{Kind, NodeIx, Tree};
use crate::text::{sanitize, truncate, truncate_left, width};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Focus, Overlay};
use crate::tui::theme::Theme;
use crate::tui::widgets::clear_popup;

/// The panel's state: what it is for, the citing links, the selected row.
#[derive(Debug, Clone, PartialEq)]
pub struct CitedBy {
    pub target: NodeIx,
    /// Indices into the citations' links.
    pub rows: Vec<usize>,
    pub cursor: usize,
    pub offset: usize,
}

/// What the panel is for: the nearest article, attachment or document
/// of the selection (itself when it is one).
pub fn subject(tree: &Tree, sel: NodeIx) -> NodeIx {
    crate::domain::citations::up(
        tree,
        sel,
        &[Kind::Article, Kind::Attachment, Kind::Document],
    )
    .unwrap_or(sel)
}

impl CitedBy {
    pub fn open(tree: &Tree, cites: &Citations, sel: NodeIx) -> CitedBy {
        let target = subject(tree, sel);
        let rows = cites.indices_of(tree, target).collect();
        CitedBy {
            target,
            rows,
            cursor: 0,
            offset: 0,
        }
    }
}

/// The sentence a citation is in (from the previous 。；！？ to the next),
/// cut to `max` columns around the citation: the text before it, the
/// citation, the text after.
fn sentence(tree: &Tree, l: &Link, max: usize) -> (String, String, String) {
    let field = match l.field {
        Field::Title => tree.title(l.node),
        Field::Text => tree.text(l.node),
    };
    let chars: Vec<char> = field.chars().collect();
    let (start, end) = (l.start.min(chars.len()), l.end.min(chars.len()));
    let stop = |c: &char| "。；！？\n".contains(*c);
    let from = chars[..start].iter().rposition(stop).map_or(0, |p| p + 1);
    let to = chars[end..]
        .iter()
        .position(stop)
        .map_or(chars.len(), |p| end + p + 1);
    let s = |a: usize, b: usize| -> String {
        sanitize(&chars[a.min(b)..b].iter().collect::<String>()).into_owned()
    };
    let cited = truncate(&s(start, end), max);
    let room = max.saturating_sub(width(&cited));
    let before = truncate_left(&s(from, start), room / 2);
    let after = truncate(&s(end, to), room.saturating_sub(width(&before)));
    (before, cited, after)
}

/// Where the citing node is: its document's name and the node's label.
fn place(tree: &Tree, ix: NodeIx) -> String {
    let doc = crate::domain::citations::document(tree, ix)
        .map(|d| tree.document_name(d))
        .unwrap_or_default();
    let own = match tree.nodes[ix].kind {
        Kind::Document | Kind::Paragraph => String::new(),
        _ => format!(" › {}", tree.label_within(ix, 24)),
    };
    format!("{doc}{own}")
}

pub fn render(
    f: &mut Frame,
    state: &CitedBy,
    tree: &Tree,
    cites: &Citations,
    screen: Rect,
    theme: Theme,
) {
    if screen.width < 3 || screen.height < 3 {
        return;
    }
    let w = screen.width.saturating_sub(4).clamp(1, 110);
    let want = u16::try_from(state.rows.len().max(1) * 2 + 2).unwrap_or(u16::MAX);
    let h = want
        .min(screen.height.saturating_sub(2))
        .max(3.min(screen.height));
    let area = Rect::new(
        screen.x + (screen.width - w) / 2,
        screen.y + (screen.height - h) / 2,
        w,
        h,
    );
    clear_popup(f, area);
    let inner = w.saturating_sub(2) as usize;
    let title = truncate(
        &format!(
            " cited by · {} · {} ",
            tree.label_within(state.target, 30),
            state.rows.len()
        ),
        inner,
    );
    let block = Block::new().borders(Borders::ALL).title(title);
    let rows_shown = (h.saturating_sub(2) / 2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    if state.rows.is_empty() {
        lines.push(Line::raw(truncate(
            " nothing loaded cites it · Esc closes",
            inner,
        )));
    }
    for (i, &k) in state
        .rows
        .iter()
        .enumerate()
        .skip(state.offset)
        .take(rows_shown)
    {
        let l = &cites.links[k];
        let selected = i == state.cursor;
        let head = Line::from(Span::styled(
            truncate(&format!(" {}", place(tree, l.node)), inner),
            theme.tone(crate::view::line::Tone::Meta),
        ));
        let (before, cited, after) = sentence(tree, l, inner.saturating_sub(3));
        let mut body = Line::from(vec![
            Span::raw("   "),
            Span::raw(before),
            Span::styled(cited, theme.tone(crate::view::line::Tone::Link(0))),
            Span::raw(after),
        ]);
        let mut head = head;
        if selected {
            head = head.patch_style(Style::new().add_modifier(Modifier::REVERSED));
            body = body.patch_style(Style::new().add_modifier(Modifier::REVERSED));
        }
        lines.push(head);
        lines.push(body);
    }
    f.render_widget(Paragraph::new(lines).block(block), area);
}

impl App {
    /// Opens (or closes) the panel for the selection.
    pub(crate) fn toggle_cited_by(&mut self) -> Effect {
        if matches!(self.overlay, Overlay::CitedBy(_)) {
            self.overlay = Overlay::None;
        } else {
            let sel = self.tree_state.selected;
            self.overlay = Overlay::CitedBy(CitedBy::open(&self.tree, &self.cites, sel));
        }
        Effect::Redraw
    }

    /// Keys while the panel is open: move, jump, close.
    pub(crate) fn cited_by_action(&mut self, action: Action) -> Effect {
        let rows = (self.size.height.saturating_sub(4) / 2).max(1) as usize;
        let Overlay::CitedBy(p) = &mut self.overlay else {
            return Effect::None;
        };
        let n = p.rows.len();
        let before = (p.cursor, p.offset);
        match action {
            Action::MoveDown => p.cursor = (p.cursor + 1).min(n.saturating_sub(1)),
            Action::MoveUp => p.cursor = p.cursor.saturating_sub(1),
            Action::First => p.cursor = 0,
            Action::Last => p.cursor = n.saturating_sub(1),
            Action::Close | Action::CitedBy => {
                self.overlay = Overlay::None;
                return Effect::Redraw;
            }
            Action::Quit => {
                self.quit = true;
                return Effect::Redraw;
            }
            Action::Open => {
                let Some(&k) = p.rows.get(p.cursor) else {
                    return Effect::None;
                };
                self.overlay = Overlay::None;
                self.show_link_source(k);
                return Effect::Redraw;
            }
            _ => return Effect::None,
        }
        if p.cursor < p.offset {
            p.offset = p.cursor;
        } else if p.cursor >= p.offset + rows {
            p.offset = p.cursor + 1 - rows;
        }
        if (p.cursor, p.offset) == before {
            Effect::None
        } else {
            Effect::Redraw
        }
    }

    /// Jumps to where link `k` is written, the reader's cursor on its line
    /// and the link selected.
    pub(crate) fn show_link_source(&mut self, k: usize) {
        let node = self.cites.links[k].node;
        self.jump_to(node);
        let found = self
            .reader
            .lines
            .first_with(crate::view::line::Tone::Link(k as u32));
        if let Some(line) = found {
            self.focus = Focus::Reader;
            self.reader.cursor = line;
            self.reader.link = Some((line, k as u32));
            self.refresh();
        }
    }
}
