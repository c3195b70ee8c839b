//! The help: every binding of the keymap, scrolled when it does not fit.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::text::{pad_right, truncate, width};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Overlay};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::clear_popup;

/// The help generated from the keymap, scrolled by `scroll` lines when it
/// does not fit (j/k, PgDn/PgUp move it; the title says what is hidden).
pub fn render(f: &mut Frame, keymap: &Keymap, scroll: usize, screen: Rect) {
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

impl App {
    /// Keys while the help is shown: scroll it or close it.
    pub(crate) fn help_action(&mut self, action: Action) -> Effect {
        let before = self.help_scroll;
        match action {
            Action::Close | Action::ToggleHelp => {
                self.overlay = Overlay::None;
                self.help_scroll = 0;
                return Effect::Redraw;
            }
            Action::MoveDown => self.help_scroll += 1,
            Action::MoveUp => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => self.help_scroll += 10,
            Action::PageUp | Action::HalfPageUp => {
                self.help_scroll = self.help_scroll.saturating_sub(10)
            }
            Action::First => self.help_scroll = 0,
            _ => {}
        }
        if self.help_scroll == before {
            Effect::None
        } else {
            Effect::Redraw
        }
    }
}
