//! Drawing: one function per pane, each reading `&App` only.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::model::Kind;
use crate::text::{pad_right, truncate, truncate_left, width};
use crate::view::reader::Tone;

use super::app::{App, Focus, Overlay, Palette, Prompt, View};
use super::keymap::Keymap;
use super::layout;

/// Colours, or none (NO_COLOR): the selection is then reverse video.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The focused selection: black on cyan, or reverse video without colour.
    pub fn selected(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    fn tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::Plain => Style::new(),
            Tone::Title => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Tone::Heading => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Tone::Lead => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            Tone::Meta => self.fg(Color::Blue),
            Tone::Dim => Style::new().add_modifier(Modifier::DIM),
            Tone::Border => self.fg(Color::DarkGray),
            Tone::Missing => self.fg(Color::Red).add_modifier(Modifier::ITALIC),
            Tone::Header => Style::new().add_modifier(Modifier::BOLD),
        }
    }
}

pub fn draw(f: &mut Frame, app: &App, keymap: &Keymap, theme: Theme) {
    let a = app.areas();
    title_bar(f, app, a.title, theme);
    match &app.view {
        View::Explorer => {
            if a.tree.width > 0 {
                tree_pane(f, app, a.tree, theme);
            }
            reader_pane(f, app, a.reader, theme);
        }
        View::Timeline(t) => super::panes::timeline::render(f, t, a.body, theme),
        View::Units(u) => super::panes::units::render(f, u, &app.tree, &app.units, a.body, theme),
    }
    status_line(f, app, a.status, keymap);
    match &app.overlay {
        Overlay::Help => help_overlay(f, keymap, app.help_scroll, f.area()),
        Overlay::Palette(p) => palette(f, app, p, f.area(), theme),
        Overlay::Search(prompt) => search_prompt(f, app, prompt, a.status, theme),
        Overlay::UnitFilter(prompt) => unit_prompt(f, app, prompt, a.status, theme),
        Overlay::None => {}
    }
}

fn title_bar(f: &mut Frame, app: &App, area: Rect, theme: Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let w = area.width as usize;
    let mut title = app.tree.root_title();
    let mut crumbs = app.breadcrumb();
    // In an archive the issue stays in sight, however deep the selection.
    if app.tree.is_archive() && !crumbs.is_empty() {
        title = format!("{title} › {}", crumbs.remove(0));
    }
    let head = truncate(&title, w);
    let rest = w.saturating_sub(width(&head));
    let mut spans = vec![Span::styled(
        head,
        theme.fg(Color::Yellow).add_modifier(Modifier::BOLD),
    )];
    if !crumbs.is_empty() && rest > 4 {
        let trail = format!(" › {}", crumbs.join(" › "));
        spans.push(Span::raw(truncate_left(&trail, rest)));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A mark that the hits shown are the previous query's: the search for the
/// one typed is still running.
fn searching(app: &App) -> &'static str {
    if app.searching() {
        " …"
    } else {
        ""
    }
}

fn icon(kind: Kind) -> &'static str {
    match kind {
        Kind::Archive => "库",
        Kind::Issue => "刊",
        Kind::Document => "文",
        Kind::Attachment => "附",
        Kind::Part => "编",
        Kind::Chapter => "章",
        Kind::Section => "节",
        Kind::Industry => "业",
        Kind::Segment => "段",
        Kind::Column => "栏",
        Kind::Heading => "标",
        Kind::Article => "条",
        Kind::Item => "项",
        Kind::Entry => "· ",
        Kind::Paragraph => "¶ ",
        Kind::Table => "表",
        Kind::Task => "任",
        Kind::Decision => "决",
    }
}

/// Clears a pop-up's area, and the wide characters of the view behind that
/// straddle its edges: a wide character in the column left of the pop-up
/// covers the pop-up's first column on the terminal, and ratatui's diff
/// would never redraw the border there; one that starts in the pop-up's
/// last column leaves its second half beyond the edge.
fn clear_popup(f: &mut Frame, area: Rect) {
    let buf = f.buffer_mut();
    let bounds = buf.area;
    for y in area.top()..area.bottom().min(bounds.bottom()) {
        if area.left() > bounds.left() {
            let cell = &mut buf[(area.left() - 1, y)];
            if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
        if area.right() < bounds.right() && area.right() > area.left() {
            let last = &buf[(area.right() - 1, y)];
            if unicode_width::UnicodeWidthStr::width(last.symbol()) > 1 {
                buf[(area.right(), y)].set_symbol(" ");
            }
        }
    }
    f.render_widget(Clear, area);
}

fn pane_block(title: &str, focused: bool, theme: Theme) -> Block<'static> {
    let style = if focused {
        theme.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    } else {
        theme.fg(Color::DarkGray)
    };
    Block::new()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Span::styled(title.to_string(), style))
}

fn tree_pane(f: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let focused = app.focus == Focus::Tree;
    let inner = layout::inner(area);
    let title = truncate(" 目录树 ", area.width.saturating_sub(2) as usize);
    f.render_widget(pane_block(&title, focused, theme), area);
    let w = inner.width as usize;
    let t = &app.tree;
    let vis = app.visible();
    let lines: Vec<Line> = vis
        .iter()
        .skip(app.tree_state.offset)
        .take(inner.height as usize)
        .map(|&ix| {
            let n = &t.nodes[ix];
            let marker = if n.children.is_empty() {
                "  "
            } else if app.tree_state.is_expanded(ix) {
                "▾ "
            } else {
                "▸ "
            };
            let label = match n.kind {
                Kind::Issue | Kind::Archive => t.label(ix),
                Kind::Document => t.document_name(ix),
                _ => t.label(ix),
            };
            let text = format!(
                "{}{marker}{} {}",
                "  ".repeat(n.depth.saturating_sub(1)),
                icon(n.kind),
                label
            );
            let text = pad_right(&text, w);
            let style = if ix == app.tree_state.selected {
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

fn reader_pane(f: &mut Frame, app: &App, area: Rect, theme: Theme) {
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

fn status_line(f: &mut Frame, app: &App, area: Rect, keymap: &Keymap) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    use super::action::Action as A;
    let k = |a| keymap.keys_for(a);
    let hints = match (&app.view, app.focus) {
        (View::Timeline(_), _) => format!(
            "{}/{} row  {}/{} as-of  {} today  {} group  {} unit  {} open  Esc back",
            k(A::MoveDown),
            k(A::MoveUp),
            k(A::AsOfPrev),
            k(A::AsOfNext),
            k(A::AsOfToday),
            k(A::CycleGrouping),
            k(A::FilterUnit),
            k(A::Open)
        ),
        (View::Units(_), _) => format!(
            "{}/{} move  {} portfolio  {} open  Esc back",
            k(A::MoveDown),
            k(A::MoveUp),
            k(A::FocusNext),
            k(A::Open)
        ),
        (View::Explorer, Focus::Tree) => format!(
            "{}/{} move  {}/{} fold  {} open  {} reader  {} help  {} quit",
            k(A::MoveDown),
            k(A::MoveUp),
            k(A::CollapseOrParent),
            k(A::ExpandOrChild),
            k(A::Open),
            k(A::FocusNext),
            k(A::ToggleHelp),
            k(A::Quit)
        ),
        (View::Explorer, Focus::Reader) => format!(
            "{}/{} line  {} page  {} select  {} tree  {} help  {} quit",
            k(A::MoveDown),
            k(A::MoveUp),
            k(A::PageDown),
            k(A::Open),
            k(A::FocusNext),
            k(A::ToggleHelp),
            k(A::Quit)
        ),
    };
    let pos = match (&app.view, app.focus) {
        (View::Timeline(t), _) => format!("{}/{}", t.cursor + 1, t.items().len()),
        (View::Units(u), _) => format!("{}/{}", u.selected + 1, app.units.units.len()),
        (View::Explorer, Focus::Tree) => {
            format!("{}/{}", app.visible_position() + 1, app.visible().len())
        }
        (View::Explorer, Focus::Reader) => {
            format!("{}/{}", app.reader.cursor + 1, app.reader.lines.len())
        }
    };
    let w = area.width as usize;
    let pos = truncate(&pos, w);
    let left = pad_right(&hints, w.saturating_sub(width(&pos) + 1));
    let line = Line::from(vec![
        Span::styled(left, Style::new().add_modifier(Modifier::DIM)),
        Span::raw(if w > width(&pos) { " " } else { "" }),
        Span::styled(pos, Style::new().add_modifier(Modifier::BOLD)),
    ]);
    f.render_widget(Paragraph::new(line), area);
}

/// The help generated from the keymap, scrolled by `scroll` lines when it
/// does not fit (j/k, PgDn/PgUp move it; the title says what is hidden).
fn help_overlay(f: &mut Frame, keymap: &Keymap, scroll: usize, screen: Rect) {
    let entries = keymap.help();
    let key_w = entries.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let lines: Vec<String> = entries
        .iter()
        .map(|(k, a)| format!("{}  {}", pad_right(k, key_w), a))
        .collect();
    let want_w = lines.iter().map(|l| width(l)).max().unwrap_or(0) + 4;
    let w = (want_w as u16).min(screen.width);
    let h = (lines.len() as u16 + 2).min(screen.height);
    let area = Rect::new(
        screen.x + (screen.width - w) / 2,
        screen.y + (screen.height - h) / 2,
        w,
        h,
    );
    clear_popup(f, area);
    let inner_w = w.saturating_sub(4) as usize;
    let rows = h.saturating_sub(2) as usize;
    let top = scroll.min(lines.len().saturating_sub(rows));
    let text: Vec<Line> = lines
        .iter()
        .skip(top)
        .take(rows)
        .map(|l| Line::raw(format!(" {}", truncate(l, inner_w + 1))))
        .collect();
    let more = match (top > 0, top + rows < lines.len()) {
        (true, true) => " ↑↓ more",
        (false, true) => " ↓ more",
        (true, false) => " ↑ more",
        (false, false) => "",
    };
    let block = Block::new().borders(Borders::ALL).title(truncate(
        &format!(" keys · Esc closes{more} "),
        w.saturating_sub(2) as usize,
    ));
    f.render_widget(Paragraph::new(text).block(block), area);
}

/// The jump palette: a popup with the query and ranked hits (kind, title
/// with matched characters highlighted, breadcrumb), cut by display width.
fn palette(f: &mut Frame, app: &App, p: &Palette, screen: Rect, theme: Theme) {
    let w = screen.width.saturating_sub(4).min(100);
    let h = screen.height.saturating_sub(2).min(22);
    if w < 4 || h < 3 {
        return;
    }
    let area = Rect::new(screen.x + (screen.width - w) / 2, screen.y + 1, w, h);
    clear_popup(f, area);
    let title = truncate(
        &format!(" jump · {} hits{} · Enter Esc ", p.total, searching(app)),
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
    let offset = p.selected.saturating_sub(rows.saturating_sub(1));
    for (i, hit) in p
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows.min(super::app::PALETTE_ROWS))
    {
        let kind = hit.kind.map_or("unit", |k| k.name());
        // In an archive a hit says which issue it is from, in full.
        let crumb = match &hit.target {
            crate::search::index::Target::Node(ix) => app
                .tree
                .is_archive()
                .then(|| app.tree.entry_tag(app.tree.nodes[*ix].entry))
                .into_iter()
                .chain(
                    app.tree
                        .ancestors(*ix)
                        .into_iter()
                        .skip(2)
                        .map(|a| truncate(&app.tree.label(a), 12)),
                )
                .collect::<Vec<_>>()
                .join(" › "),
            crate::search::index::Target::Unit(_) => String::new(),
        };
        let mut spans = vec![Span::styled(pad_right(kind, 10), theme.fg(Color::Blue))];
        let title_w = iw.saturating_sub(10);
        let title = truncate(
            app.index.as_ref().map_or("", |ix| ix.title(hit.candidate)),
            title_w,
        );
        let matched = app
            .index
            .as_ref()
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
}

/// The full-text prompt on the status line, with the live hit count.
fn search_prompt(f: &mut Frame, app: &App, prompt: &Prompt, area: Rect, theme: Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let w = area.width as usize;
    let count = format!("  {} hits{}", app.hits.len(), searching(app));
    let text = format!("search: {}", prompt.input);
    let left = truncate_left(&text, w.saturating_sub(width(&count) + 1));
    let line = Line::from(vec![
        Span::styled(left, theme.fg(Color::Cyan)),
        Span::styled("▏", theme.fg(Color::Cyan)),
        Span::styled(count, Style::new().add_modifier(Modifier::DIM)),
    ]);
    clear_popup(f, area);
    f.render_widget(Paragraph::new(line), area);
}

/// The timeline's unit filter prompt, with the unit it would pick.
fn unit_prompt(f: &mut Frame, app: &App, prompt: &Prompt, area: Rect, theme: Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let w = area.width as usize;
    let pick = app
        .units
        .find(&prompt.input)
        .filter(|_| !prompt.input.is_empty())
        .map(|u| format!("  → {}", u.unit))
        .unwrap_or_default();
    let text = format!("unit: {}", prompt.input);
    let left = truncate_left(&text, w.saturating_sub(width(&pick) + 1));
    let line = Line::from(vec![
        Span::styled(left, theme.fg(Color::Cyan)),
        Span::styled("▏", theme.fg(Color::Cyan)),
        Span::styled(pick, Style::new().add_modifier(Modifier::DIM)),
    ]);
    clear_popup(f, area);
    f.render_widget(Paragraph::new(line), area);
}

/// Splits spans so every occurrence of a term is highlighted.
fn highlight<'a>(spans: Vec<Span<'a>>, terms: &[String], style: Style) -> Vec<Span<'a>> {
    if terms.is_empty() {
        return spans;
    }
    let mut out = Vec::new();
    for s in spans {
        let text = s.content.to_string();
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let next = terms
                .iter()
                .filter(|t| !t.is_empty())
                .filter_map(|t| rest.find(t.as_str()).map(|p| (p, t.len())))
                .min();
            match next {
                Some((p, len)) => {
                    if p > 0 {
                        out.push(Span::styled(rest[..p].to_string(), s.style));
                    }
                    out.push(Span::styled(
                        rest[p..p + len].to_string(),
                        s.style.patch(style),
                    ));
                    rest = &rest[p + len..];
                }
                None => {
                    out.push(Span::styled(rest.to_string(), s.style));
                    break;
                }
            }
        }
    }
    out
}
