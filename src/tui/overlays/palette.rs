//! The jump palette: its state (the query, its ranked hits), its keys and
//! its drawing. Keys say what they mean ([`PaletteKey`]); the router runs
//! the searches and the jumps.

use std::sync::Arc;

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::search::index::{Found, Hit, Target};
use crate::text::{pad_right, truncate, truncate_left, width};
use crate::tui::action::PromptAction;
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::widgets::{busy_mark, clear_popup, pane_block};

/// The most palette rows ever built (what fits on a screen; the rest are counted).
pub const PALETTE_ROWS: usize = 200;

/// What a key did in the palette.
#[derive(Debug, Clone, PartialEq)]
pub enum PaletteKey {
    /// The query changed: search again.
    Edited,
    /// The selection moved.
    Moved,
    /// Esc.
    Close,
    /// Enter on a hit.
    Pick(Target),
    /// Enter with no title hit: search the text for the query instead (as
    /// a less user's `/` does).
    SearchText,
    /// Nothing to do.
    Ignored,
}

impl Palette {
    /// An empty palette, or one recalling the last query (typing replaces it).
    pub fn new(last_query: &str) -> Palette {
        Palette {
            input: last_query.to_string(),
            fresh: !last_query.is_empty(),
            hits: Vec::new(),
            selected: 0,
            prev: None,
            total: 0,
        }
    }

    /// The previous query's matches, when `query` grew from it: the next
    /// search looks only among them.
    pub fn narrowing(&self, query: &str) -> Option<Arc<Vec<usize>>> {
        match &self.prev {
            Some((prev, ids)) if !prev.is_empty() && query.starts_with(prev.as_str()) => {
                Some(Arc::clone(ids))
            }
            _ => None,
        }
    }

    /// A prompt key (as the keymap binds it); says what the router must do.
    pub fn act(&mut self, action: PromptAction) -> PaletteKey {
        match action {
            PromptAction::Cancel => return PaletteKey::Close,
            PromptAction::Accept => {
                return match self.hits.get(self.selected) {
                    Some(h) => PaletteKey::Pick(h.target.clone()),
                    None if !self.input.trim().is_empty() => PaletteKey::SearchText,
                    None => PaletteKey::Ignored,
                }
            }
            PromptAction::Next => {
                self.selected = (self.selected + 1).min(self.hits.len().saturating_sub(1))
            }
            PromptAction::Prev => self.selected = self.selected.saturating_sub(1),
            PromptAction::Clear => {
                self.input.clear();
                return PaletteKey::Edited;
            }
            PromptAction::DeleteBack => {
                self.fresh = false;
                self.input.pop();
                return PaletteKey::Edited;
            }
            PromptAction::Quit => return PaletteKey::Ignored,
        }
        PaletteKey::Moved
    }

    /// A typed character: it replaces a recalled query, else extends it.
    pub fn type_char(&mut self, c: char) -> PaletteKey {
        if self.fresh {
            self.input.clear();
            self.fresh = false;
        }
        // None past the longest query.
        if self.input.chars().count() >= crate::search::MAX_QUERY {
            return PaletteKey::Ignored;
        }
        self.input.push(c);
        PaletteKey::Edited
    }

    /// Shows a search's answer.
    pub fn show(&mut self, query: &str, found: Found) {
        let p = self;
        p.total = found.count;
        p.prev = Some((crate::search::fold::fold_query(query), Arc::new(found.all)));
        p.hits = found.hits;
        p.selected = 0;
    }
}

/// The jump palette: the query, its ranked hits and the view to restore.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub input: String,
    /// The input is the recalled last query: the first character typed replaces it.
    pub fresh: bool,
    pub hits: Vec<Hit>,
    pub selected: usize,
    /// The previous query and its matching candidates, to narrow as it grows.
    prev: Option<(String, Arc<Vec<usize>>)>,
    /// How many candidates match (`hits` holds the best of them).
    pub total: usize,
}

/// Where the palette is drawn on a screen: centred, at most 100 by 22;
/// none when the screen is too small.
fn popup(screen: Rect) -> Option<Rect> {
    let h = screen.height.saturating_sub(2).min(22);
    if screen.width >= PREVIEW_FROM {
        // Wide: the list on the left, the preview beside it.
        let w = ((screen.width - 4) * 3 / 5).min(100);
        return (h >= 3).then(|| Rect::new(screen.x + 2, screen.y + 1, w, h));
    }
    let w = screen.width.saturating_sub(4).min(100);
    (w >= 4 && h >= 3).then(|| Rect::new(screen.x + (screen.width - w) / 2, screen.y + 1, w, h))
}

/// From this many columns the palette shows a preview of the selected hit
/// beside its list (as fzf's `--preview` and broot do).
pub const PREVIEW_FROM: u16 = 140;

/// Nodes below a hit beyond which the preview names it instead of
/// rendering it (an issue or a library previewed whole would stall typing).
const PREVIEW_NODES: usize = 2000;

/// Where the preview goes: right of the list, on wide screens.
fn preview_area(screen: Rect) -> Option<Rect> {
    let list = popup(screen)?;
    (screen.width >= PREVIEW_FROM).then(|| {
        let x = list.right() + 1;
        Rect::new(
            x,
            list.y,
            screen.right().saturating_sub(2).saturating_sub(x),
            list.height,
        )
    })
}

/// The selected hit as the reader shows it, its first lines.
fn render_preview(f: &mut Frame, tree: &crate::model::Tree, p: &Palette, area: Rect, theme: Theme) {
    // The column between the list and the preview too.
    clear_popup(
        f,
        Rect::new(
            area.x.saturating_sub(1),
            area.y,
            area.width + 1,
            area.height,
        ),
    );
    let block = pane_block(" preview ", false, theme);
    let inner = layout::inner(area);
    f.render_widget(block, area);
    let Some(hit) = p.hits.get(p.selected) else {
        return;
    };
    let lines: Vec<Line> = match &hit.target {
        Target::Node(ix) if tree.subtree_end(*ix) - ix < PREVIEW_NODES => {
            crate::view::reader::render(tree, *ix, usize::from(inner.width).max(1))
                .window(0, usize::from(inner.height))
                .into_iter()
                .map(|l| {
                    Line::from(
                        l.spans
                            .into_iter()
                            .map(|s| Span::styled(s.text, theme.tone(s.tone)))
                            .collect::<Vec<_>>(),
                    )
                })
                .collect()
        }
        Target::Node(ix) => vec![
            Line::raw(truncate(&tree.label(*ix), usize::from(inner.width))),
            Line::styled(
                format!(
                    "{} nodes below — Enter opens it",
                    tree.subtree_end(*ix) - ix
                ),
                Style::new().add_modifier(Modifier::DIM),
            ),
        ],
        Target::Unit(name) => vec![Line::raw(format!("单位 {}", truncate(name, 40)))],
    };
    f.render_widget(Paragraph::new(lines), inner);
}

/// The first hit shown when `rows` fit: the selection stays on screen.
fn first_shown(p: &Palette, rows: usize) -> usize {
    p.selected.saturating_sub(rows.saturating_sub(1))
}

impl Palette {
    /// The wheel moves the selection; a click on a hit selects it. Returns
    /// whether anything changed.
    pub fn mouse(&mut self, m: crate::tui::panes::Mouse, screen: Rect) -> bool {
        use crate::tui::panes::Mouse;
        let before = self.selected;
        match m {
            Mouse::Wheel { down, .. } => {
                let a = if down {
                    PromptAction::Next
                } else {
                    PromptAction::Prev
                };
                for _ in 0..crate::tui::panes::WHEEL_ROWS {
                    self.act(a);
                }
            }
            Mouse::Click { col, row } => {
                let Some(area) = popup(screen) else {
                    return false;
                };
                let inner = layout::inner(area);
                let rows = (inner.height as usize).saturating_sub(1);
                let inside = col >= inner.x && col < inner.right() && row < inner.bottom();
                let hit = crate::tui::panes::row_at(
                    row,
                    inner.y + 1,
                    first_shown(self, rows),
                    self.hits.len().min(PALETTE_ROWS),
                );
                match hit {
                    Some(k) if inside => self.selected = k,
                    _ => return false,
                }
            }
        }
        self.selected != before
    }
}

/// The jump palette: a popup with the query and ranked hits (kind, title
/// with matched characters highlighted, breadcrumb), cut by display width.
#[allow(clippy::too_many_arguments)] // what it shows, where and how
pub fn render(
    f: &mut Frame,
    tree: &crate::model::Tree,
    index: Option<&crate::search::Index>,
    p: &Palette,
    busy: bool,
    screen: Rect,
    theme: Theme,
) {
    let Some(area) = popup(screen) else {
        return;
    };
    let w = area.width;
    clear_popup(f, area);
    let title = truncate(
        &format!(
            " jump · {}{} · Enter Esc ",
            crate::tui::widgets::hits(p.total),
            busy_mark(busy)
        ),
        w.saturating_sub(2) as usize,
    );
    let block = pane_block(&title, true, theme);
    let inner = layout::inner(area);
    f.render_widget(block, area);
    let iw = inner.width as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", theme.fg(Color::Cyan)),
        Span::styled(
            truncate_left(&p.input, iw.saturating_sub(3)),
            if p.fresh {
                Style::new().add_modifier(Modifier::DIM)
            } else {
                Style::new()
            },
        ),
        Span::styled("▏", theme.fg(Color::Cyan)),
    ])];
    let rows = (inner.height as usize).saturating_sub(1);
    // No title matches: say what Enter does instead.
    if p.hits.is_empty() && !busy && !p.input.trim().is_empty() {
        lines.push(Line::styled(
            truncate(
                &format!(
                    "0 titles — Enter searches the text for “{}”",
                    p.input.trim()
                ),
                iw,
            ),
            Style::new().add_modifier(Modifier::DIM),
        ));
    }
    let offset = first_shown(p, rows);
    for (i, hit) in p
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows.min(PALETTE_ROWS))
    {
        let kind = hit.kind.map_or("单位", |k| k.label());
        // In an archive a hit says which issue it is from, in full.
        // The widest kind (`决策事项`) and a space before the title.
        const KIND_W: usize = 9;
        let mut spans = vec![Span::styled(pad_right(kind, KIND_W), theme.fg(Color::Blue))];
        let title_w = iw.saturating_sub(KIND_W);
        let title = truncate(index.map_or("", |ix| ix.title(hit.candidate)), title_w);
        let crumb = match &hit.target {
            Target::Node(ix) => {
                let above: Vec<usize> = tree
                    .ancestors(*ix)
                    .into_iter()
                    .skip(if tree.is_archive() { 0 } else { 2 })
                    // In a library: below the entry (its tag is first).
                    .filter(|&a| {
                        !tree.is_archive()
                            || (a != 0
                                && tree.nodes[a].kind != crate::model::Kind::Year
                                && a != tree.entry_node(tree.nodes[a].entry))
                    })
                    .collect();
                // Each heading gets its share of the room after the title,
                // the entry's tag and the separators (12 to 40 columns).
                let tag = tree
                    .is_archive()
                    .then(|| tree.entry_tag(tree.nodes[*ix].entry));
                let parts = above.len().max(1);
                let fixed = tag.as_deref().map_or(0, width) + 3 * parts;
                let room = title_w.saturating_sub(width(&title) + 2 + fixed);
                let each = (room / parts).clamp(12, 40);
                tag.into_iter()
                    .chain(
                        above
                            .into_iter()
                            .map(|a| truncate(&tree.label_within(a, each), each)),
                    )
                    .collect::<Vec<_>>()
                    .join(" › ")
            }
            Target::Unit(_) => String::new(),
        };
        let matched = index
            .map(|ix| ix.matched(hit.candidate, &p.input))
            .unwrap_or_default();
        let mut used = 0;
        for (ci, c) in title.chars().enumerate() {
            let matched = matched.contains(&ci) && c != '…';
            let style = if matched {
                theme
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            } else {
                Style::new()
            };
            used += width(c.encode_utf8(&mut [0; 4]));
            spans.push(Span::styled(c.to_string(), style));
        }
        let room = title_w.saturating_sub(used + 2);
        if room > 4 && !crumb.is_empty() {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(
                truncate_left(&crumb, room),
                Style::new().add_modifier(Modifier::DIM),
            ));
        }
        let mut line = Line::from(spans);
        if i == p.selected {
            line = line.patch_style(theme.selected());
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), inner);
    if let Some(area) = preview_area(screen) {
        render_preview(f, tree, p, area, theme);
    }
}
