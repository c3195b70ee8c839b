//! Drawing pieces shared by the panes and overlays: a pane's block, a
//! pop-up's clearing, kind icons, highlighted terms, the busy mark. They
//! know nothing of the app; the panes call them with what they show.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

use crate::model::Kind;

use super::theme::Theme;

/// A mark that the hits shown are the previous query's: the search for the
/// one typed is still running.
/// `1 hit`, `2 hits`, `0 hits`.
pub(crate) fn hits(n: usize) -> String {
    if n == 1 {
        "1 hit".into()
    } else {
        format!("{n} hits")
    }
}

pub(crate) fn busy_mark(busy: bool) -> &'static str {
    if busy {
        " …"
    } else {
        ""
    }
}

pub(crate) fn icon(kind: Kind) -> &'static str {
    match kind {
        Kind::Archive => "库",
        Kind::Year => "年",
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

/// Splits spans so the byte ranges `marks` of their joined text (sorted,
/// apart) take `style` on top of their own.
pub(crate) fn mark_ranges<'a>(
    spans: Vec<Span<'a>>,
    marks: &[(usize, usize)],
    style: Style,
) -> Vec<Span<'a>> {
    if marks.is_empty() {
        return spans;
    }
    let mut out = Vec::new();
    let mut base = 0;
    for s in spans {
        let text = s.content.to_string();
        let end = base + text.len();
        let mut at = base;
        for &(a, b) in marks.iter().filter(|&&(a, b)| a < end && b > base) {
            let (a, b) = (a.max(base), b.min(end));
            if a > at {
                out.push(Span::styled(text[at - base..a - base].to_string(), s.style));
            }
            out.push(Span::styled(
                text[a - base..b - base].to_string(),
                s.style.patch(style),
            ));
            at = b;
        }
        if at < end {
            out.push(Span::styled(text[at - base..].to_string(), s.style));
        }
        base = end;
    }
    out
}
