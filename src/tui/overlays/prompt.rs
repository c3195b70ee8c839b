//! One-line prompts on the status line: the full-text search and the
//! timeline's unit filter — their input, their keys and their drawing.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::text::{truncate_left, width};
use crate::tui::action::PromptAction;
use crate::tui::theme::Theme;
use crate::tui::widgets::{busy_mark, clear_popup};

/// What a key does in an open prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    /// A key the keymap binds for prompts (Enter, Esc, Ctrl-u …).
    Action(PromptAction),
    /// Any other character: typed.
    Char(char),
}

/// The most characters a paste puts into a prompt (as many as a query
/// holds).
pub const MAX_PASTED: usize = crate::search::MAX_QUERY;

/// A one-line text prompt (full-text search, the timeline's unit filter).
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub input: String,
    /// The input is a recalled query: the first character typed replaces
    /// it (as in the palette); Backspace edits it.
    pub fresh: bool,
}

impl Prompt {
    /// An empty prompt.
    pub fn empty() -> Prompt {
        Prompt {
            input: String::new(),
            fresh: false,
        }
    }

    /// A prompt holding a recalled query.
    pub fn recalled(input: String) -> Prompt {
        Prompt {
            fresh: !input.is_empty(),
            input,
        }
    }
}

/// What a key did in a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKey {
    /// The input changed.
    Edited,
    /// Enter.
    Submit,
    /// Esc.
    Close,
    /// Nothing to do.
    Ignored,
}

impl Prompt {
    /// A prompt key (as the keymap binds it); says what the router must do.
    pub fn act(&mut self, action: PromptAction) -> PromptKey {
        match action {
            PromptAction::Cancel => PromptKey::Close,
            PromptAction::Accept => PromptKey::Submit,
            PromptAction::Clear => {
                self.input.clear();
                self.fresh = false;
                PromptKey::Edited
            }
            PromptAction::DeleteBack => {
                self.input.pop();
                self.fresh = false;
                PromptKey::Edited
            }
            PromptAction::Next | PromptAction::Prev | PromptAction::Quit => PromptKey::Ignored,
        }
    }

    /// A typed character (none past the longest query).
    pub fn type_char(&mut self, c: char) -> PromptKey {
        if self.fresh {
            self.input.clear();
            self.fresh = false;
        }
        if self.input.chars().count() >= crate::search::MAX_QUERY {
            return PromptKey::Ignored;
        }
        self.input.push(c);
        PromptKey::Edited
    }

    /// A prompt key or a character.
    pub fn typed(&mut self, typed: Typed) -> PromptKey {
        match typed {
            Typed::Action(a) => self.act(a),
            Typed::Char(c) => self.type_char(c),
        }
    }
}

/// The full-text prompt on the status line, with the live hit count.
pub fn render_search(
    f: &mut Frame,
    prompt: &Prompt,
    hits: usize,
    busy: bool,
    area: Rect,
    theme: Theme,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let count = format!("  {}{}", crate::tui::widgets::hits(hits), busy_mark(busy));
    status_line(f, area, theme, &format!("search: {}", prompt.input), count);
}

/// The command line (`:`), with what it takes.
pub fn render_command(f: &mut Frame, prompt: &Prompt, area: Rect, theme: Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let note = if prompt.input.is_empty() {
        "  an id, a 文号, 1.6 or 任务45 (this entry), p12 (a page)".to_string()
    } else {
        String::new()
    };
    status_line(f, area, theme, &format!(":{}", prompt.input), note);
}

/// The timeline's unit filter prompt, with the unit it would pick.
pub fn render_unit(
    f: &mut Frame,
    prompt: &Prompt,
    units: &crate::domain::units::Units,
    area: Rect,
    theme: Theme,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let pick = if prompt.input.trim().is_empty() {
        "  (every unit)".to_string()
    } else {
        units.find(&prompt.input).map_or_else(
            || "  no unit matches (Enter keeps the filter there was)".to_string(),
            |u| format!("  → {}", u.unit),
        )
    };
    status_line(f, area, theme, &format!("unit: {}", prompt.input), pick);
}

/// A prompt on the status line: its text cut from the left to leave room
/// for the caret and the dimmed note after it.
fn status_line(f: &mut Frame, area: Rect, theme: Theme, text: &str, note: String) {
    let w = area.width as usize;
    let left = truncate_left(text, w.saturating_sub(width(&note) + 1));
    let line = Line::from(vec![
        Span::styled(left, theme.fg(Color::Cyan)),
        Span::styled("▏", theme.fg(Color::Cyan)),
        Span::styled(note, Style::new().add_modifier(Modifier::DIM)),
    ]);
    clear_popup(f, area);
    f.render_widget(Paragraph::new(line), area);
}
