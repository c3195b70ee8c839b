//! Colours: the styles of the view's tones, the timeline's statuses, the
//! selection and the as-of column (panes still choose their own border and
//! accent colours); without colour (NO_COLOR, `--color never`) the
//! distinctions that matter stay visible as bold, reverse or underline.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::timeline::Status;
use crate::view::line::Tone;

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
            // Underlined; without colour bold too, so it stands out from
            // the as-of column's underline and from plain text.
            Tone::Link(_) if self.color => self.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED),
            Tone::Link(_) => Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
        }
    }

    /// The link selected with `[` / `]`: black on cyan, or bold without
    /// underline; never reversed (the cursor line around it is).
    pub fn link_selected(&self) -> Style {
        let s = if self.color {
            Style::new().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::new()
                .add_modifier(Modifier::BOLD)
                .remove_modifier(Modifier::UNDERLINED)
        };
        s.remove_modifier(Modifier::REVERSED)
    }

    /// The as-of month's column in the timeline: a dim yellow background,
    /// or underlined.
    pub fn as_of(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(60, 60, 20))
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// The colour of a status's marker (the marker itself is the view's).
    pub fn status(&self, status: Status) -> Style {
        if !self.color {
            return match status {
                Status::Due => Style::new().add_modifier(Modifier::BOLD),
                _ => Style::new(),
            };
        }
        match status {
            Status::Past => Style::new().fg(Color::DarkGray),
            Status::Due => Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Status::Upcoming => Style::new().fg(Color::Green),
            Status::Undated => Style::new(),
        }
    }
}
