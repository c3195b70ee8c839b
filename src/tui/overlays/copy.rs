//! `y`: a small menu of what to copy of the selected node — its text (as
//! Markdown), its id, or a citation line (`《title》（文号）专栏5 …`) — to the system
//! clipboard through the terminal (OSC 52, which works over SSH and in
//! tmux). `1`–`3` pick directly; j/k and Enter as in a list; Esc closes.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::model::{Kind, NodeIx, Tree};
use crate::text::{sanitize, truncate};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Overlay};
use crate::tui::outside::Outside;
use crate::tui::theme::Theme;
use crate::tui::widgets::clear_popup;

/// What can be copied of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Text,
    Id,
    Citation,
}

impl What {
    pub const ALL: [What; 3] = [What::Text, What::Id, What::Citation];

    fn name(self) -> &'static str {
        match self {
            What::Text => "text",
            What::Id => "id",
            What::Citation => "citation",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CopyMenu {
    pub node: NodeIx,
    pub selected: usize,
    /// What each choice copies, made when the menu opens (not per frame);
    /// `None` for a text too large to copy.
    pub contents: Vec<Option<String>>,
}

/// Nodes below the selection beyond which its text is not made for the
/// clipboard (a library's root would be hundreds of megabytes; `gongbao
/// export` is for that).
pub const COPY_NODES: usize = 20_000;

/// The node's text as the reader shows it, wrapped at 80 columns, each
/// line's trailing spaces trimmed.
pub fn text_of(tree: &Tree, ix: NodeIx) -> String {
    let lines = crate::view::reader::render(tree, ix, 80);
    let mut out: Vec<String> = lines
        .iter()
        .map(|l| l.plain().trim_end().to_string())
        .collect();
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// The node's text to paste elsewhere: as `show --format markdown`
/// writes it (headings, paragraphs, tables with pipes; no box drawing).
pub fn markdown_of(tree: &Tree, ix: NodeIx) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = crate::view::markdown::write_node(tree, ix, &mut out);
    String::from_utf8_lossy(&out).trim_end().to_string()
}

/// A citation line: the document's title in 《》, its 文号 in （）, then the
/// headings from the document down to the node (`《重庆市制造业高质量发展
/// “十四五”规划（2021—2025年）》（渝府发〔2021〕18号）三、产业发展方向 专栏 5
/// 新材料产业发展重点`). A node outside any document: its label.
pub fn citation_of(tree: &Tree, ix: NodeIx) -> String {
    let chain: Vec<NodeIx> = tree
        .ancestors(ix)
        .into_iter()
        .chain(std::iter::once(ix))
        .collect();
    let Some(doc_at) = chain
        .iter()
        .rposition(|&a| tree.nodes[a].kind == Kind::Document)
    else {
        return tree.label(ix);
    };
    let doc = chain[doc_at];
    let Some(d) = tree.document_of(doc) else {
        return tree.label(ix);
    };
    let mut out = String::new();
    // An attachment's own title names what is cited better than the notice.
    let attachment = chain[doc_at + 1..]
        .iter()
        .find(|&&a| tree.nodes[a].kind == Kind::Attachment);
    let title = attachment.map_or_else(|| d.title.clone(), |&a| tree.label(a));
    out.push_str(&format!("《{title}》"));
    if let Some(n) = &d.doc_number {
        out.push_str(&format!("（{n}）"));
    }
    let below: Vec<String> = chain[doc_at + 1..]
        .iter()
        .filter(|&&a| tree.nodes[a].kind != Kind::Attachment)
        .map(|&a| tree.label_within(a, 40))
        .collect();
    if !below.is_empty() {
        out.push_str(&below.join(" "));
    }
    out
}

impl CopyMenu {
    /// The menu over node `ix`, each choice's text made once.
    pub fn open(tree: &Tree, ix: NodeIx) -> CopyMenu {
        let mut menu = CopyMenu {
            node: ix,
            selected: 0,
            contents: Vec::new(),
        };
        let small = tree.subtree_end(ix) - ix < COPY_NODES;
        menu.contents = What::ALL
            .iter()
            .map(|&w| (small || w != What::Text).then(|| menu.content(tree, w)))
            .collect();
        menu
    }

    /// What each choice copies.
    fn content(&self, tree: &Tree, what: What) -> String {
        match what {
            // A task's or decision's row has no Markdown of its own: the
            // reader's text.
            What::Text => {
                let md = markdown_of(tree, self.node);
                if md.trim().is_empty() {
                    text_of(tree, self.node)
                } else {
                    md
                }
            }
            What::Id => tree.nodes[self.node].id.clone(),
            What::Citation => citation_of(tree, self.node),
        }
    }
}

impl App {
    /// Keys while the copy menu is open.
    pub(crate) fn copy_action(&mut self, action: Action) -> Effect {
        let Overlay::Copy(menu) = &mut self.overlay else {
            return Effect::None;
        };
        let pick = match action {
            Action::Close | Action::Quit => {
                self.overlay = Overlay::None;
                return Effect::Redraw;
            }
            Action::MoveDown => {
                menu.selected = (menu.selected + 1).min(What::ALL.len() - 1);
                return Effect::Redraw;
            }
            Action::MoveUp => {
                menu.selected = menu.selected.saturating_sub(1);
                return Effect::Redraw;
            }
            Action::Open => menu.selected,
            Action::CollapseToLevel(n) if (1..=3).contains(&n) => usize::from(n) - 1,
            _ => return Effect::None,
        };
        let what = What::ALL[pick];
        let text = menu.contents.get(pick).cloned().flatten();
        self.overlay = Overlay::None;
        let Some(text) = text else {
            self.notice = Some(format!(
                "too much to copy (more than {COPY_NODES} nodes): `gongbao export` or `show --format markdown`"
            ));
            return Effect::Redraw;
        };
        self.outside = Some(Outside::Clipboard {
            what: what.name(),
            text,
        });
        Effect::Outside
    }
}

/// The menu, centred: each choice with the start of what it copies.
pub fn render(f: &mut Frame, menu: &CopyMenu, screen: Rect, theme: Theme) {
    let w = screen.width.min(72);
    let h = 5u16.min(screen.height);
    if w < 10 || h < 3 {
        return;
    }
    let area = Rect::new(
        screen.x + (screen.width - w) / 2,
        screen.y + (screen.height - h) / 2,
        w,
        h,
    );
    clear_popup(f, area);
    let inner = w.saturating_sub(2) as usize;
    let lines: Vec<Line> = What::ALL
        .iter()
        .enumerate()
        .map(|(k, &what)| {
            let first = match menu.contents.get(k).and_then(Option::as_deref) {
                Some(text) => text
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .unwrap_or_default()
                    .to_string(),
                None => "(too large to copy)".to_string(),
            };
            let text = format!("{} {:<9}{}", k + 1, what.name(), sanitize(&first));
            let line = Line::raw(truncate(&text, inner));
            if k == menu.selected {
                line.patch_style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    let block = Block::new()
        .borders(Borders::ALL)
        .title(truncate(" copy · 1 2 3 or Enter · Esc ", inner));
    f.render_widget(Paragraph::new(lines).block(block), area);
}
