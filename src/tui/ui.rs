//! Drawing: one function per pane, each reading `&App` only.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::model::Kind;
use crate::text::{pad_right, truncate, truncate_left, width};
use crate::view::reader::Tone;

use super::app::{App, Focus, Overlay, View};
use super::keymap::Keymap;
use super::overlays;

/// Colours, or none (NO_COLOR): the selection is then reverse video.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub(crate) fn fg(&self, c: Color) -> Style {
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

    pub(crate) fn tone(&self, tone: Tone) -> Style {
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
                super::panes::tree::render(f, app, a.tree, theme);
            }
            super::panes::reader::render(f, app, a.reader, theme);
        }
        View::Timeline(t) => super::panes::timeline::render(f, t, a.body, theme),
        View::Units(u) => super::panes::units::render(f, u, &app.tree, &app.units, a.body, theme),
    }
    status_line(f, app, a.status, keymap);
    match &app.overlay {
        Overlay::Help => overlays::help::render(f, keymap, app.help_scroll, f.area()),
        Overlay::Palette(p) => overlays::palette::render(f, app, p, f.area(), theme),
        Overlay::Search(prompt) => overlays::prompt::render_search(f, app, prompt, a.status, theme),
        Overlay::UnitFilter(prompt) => {
            overlays::prompt::render_unit(f, app, prompt, a.status, theme)
        }
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
pub(crate) fn searching(app: &App) -> &'static str {
    if app.searching() {
        " …"
    } else {
        ""
    }
}

pub(crate) fn icon(kind: Kind) -> &'static str {
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
pub(crate) fn clear_popup(f: &mut Frame, area: Rect) {
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

pub(crate) fn pane_block(title: &str, focused: bool, theme: Theme) -> Block<'static> {
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

/// Splits spans so every occurrence of a term is highlighted.
pub(crate) fn highlight<'a>(spans: Vec<Span<'a>>, terms: &[String], style: Style) -> Vec<Span<'a>> {
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
