//! The decision timeline: catalogue rows on the left, a 12-month grid on the
//! right, scrolling together row for row; an as-of month column highlighted.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::domain::timeline::{By, Item, Timeline};
use crate::model::date::Date;
use crate::text::{pad_right, truncate};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::view::timeline::{self, MONTH_W};

use super::{scroll, Outcome};

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineState {
    pub timeline: Timeline,
    pub as_of: Date,
    pub by: By,
    /// Only this unit's rows, when set.
    pub filter: Option<String>,
    /// In an archive, the issue the catalogue is from (2021年第15期).
    pub issue: Option<String>,
    pub cursor: usize,
    pub offset: usize,
}

pub use crate::model::date::today;

impl TimelineState {
    pub fn new(timeline: Timeline) -> TimelineState {
        let as_of = timeline
            .date
            .and_then(Date::to_month)
            .or_else(|| Date::month(timeline.year, 1))
            .unwrap_or_else(today);
        let mut t = TimelineState {
            timeline,
            as_of,
            by: By::Item,
            filter: None,
            issue: None,
            cursor: 0,
            offset: 0,
        };
        t.timeline.set_as_of(as_of);
        t
    }

    /// The timeline of the decision catalogue of `entry` (in an archive,
    /// the selection's issue), or of the first catalogue; `None` when the
    /// data has none. In an archive the title names the issue.
    pub fn open(tree: &crate::model::Tree, entry: usize) -> Option<TimelineState> {
        let mut all = crate::domain::timeline::timelines(tree, None);
        let at = all
            .iter()
            .position(|t| tree.nodes[t.table].entry == entry)
            .unwrap_or(0);
        if at >= all.len() {
            return None;
        }
        let mut state = TimelineState::new(all.swap_remove(at));
        if tree.is_archive() {
            state.issue = Some(tree.entry_tag(tree.nodes[state.timeline.table].entry));
        }
        Some(state)
    }

    /// The lines shown, in order.
    pub fn items(&self) -> Vec<Item> {
        self.timeline.items(self.by, self.filter.as_deref())
    }

    /// Keeps the cursor among the `height` rows shown (after a resize).
    pub fn fit(&mut self, height: usize) {
        let n = self.items().len();
        scroll(&mut self.cursor, &mut self.offset, n, height);
    }

    /// The wheel moves the cursor; a click on a row puts it there (`area`
    /// is the view's: its rows start under the border and the header).
    pub fn mouse(&mut self, m: super::Mouse, area: Rect, height: usize) -> Outcome {
        let before = (self.cursor, self.offset);
        let n = self.items().len();
        match m {
            super::Mouse::Wheel { down: true, .. } => self.cursor += super::WHEEL_ROWS,
            super::Mouse::Wheel { down: false, .. } => {
                self.cursor = self.cursor.saturating_sub(super::WHEEL_ROWS)
            }
            super::Mouse::Click { row, .. } => {
                match super::row_at(row, area.y + 2, self.offset, n) {
                    Some(k) if row < area.bottom().saturating_sub(1) => self.cursor = k,
                    _ => return Outcome::Unchanged,
                }
            }
        }
        scroll(&mut self.cursor, &mut self.offset, n, height);
        if (self.cursor, self.offset) == before {
            Outcome::Unchanged
        } else {
            Outcome::Changed
        }
    }

    pub fn update(&mut self, action: Action, height: usize) -> Outcome {
        let before = self.clone();
        let n = self.items().len();
        match action {
            Action::Close | Action::OpenTimeline => {
                if self.filter.take().is_none() {
                    return Outcome::Close;
                }
            }
            Action::MoveDown => self.cursor += 1,
            Action::MoveUp => self.cursor = self.cursor.saturating_sub(1),
            Action::First => self.cursor = 0,
            Action::Last => self.cursor = n.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => self.cursor += height.max(2) / 2,
            Action::PageUp | Action::HalfPageUp => {
                self.cursor = self.cursor.saturating_sub(height.max(2) / 2)
            }
            Action::Previous => self.as_of = self.as_of.add_months(-1),
            Action::Next => self.as_of = self.as_of.add_months(1),
            Action::AsOfToday => self.as_of = today(),
            Action::CycleGrouping => {
                self.by = self.by.next();
                self.cursor = 0;
            }
            Action::Open => match self.items().get(self.cursor) {
                Some(Item::Row(i)) => return Outcome::Jump(self.timeline.rows[*i].node),
                Some(Item::Lane(lane)) => {
                    self.filter = Some(lane.unit.clone());
                    self.by = By::Item;
                    self.cursor = 0;
                }
                None => {}
            },
            _ => return Outcome::Unchanged,
        }
        self.timeline.set_as_of(self.as_of);
        let n = self.items().len();
        scroll(&mut self.cursor, &mut self.offset, n, height);
        if *self == before {
            Outcome::Unchanged
        } else {
            Outcome::Changed
        }
    }
}

/// A bordered pane with its title cut to the pane's width.
fn pane(title: &str, width: u16, color: bool) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(if color {
            Style::new().fg(Color::Cyan)
        } else {
            Style::new()
        })
        .title(truncate(title, width.saturating_sub(2) as usize))
}

/// Left: rows; right: the grid. Borders on both; the as-of column highlighted.
pub fn render(f: &mut Frame, s: &TimelineState, area: Rect, theme: Theme) {
    let color = theme.color;
    if area.width < 4 || area.height < 3 {
        return;
    }
    let t = &s.timeline;
    let grid_w = (12 * MONTH_W + 2) as u16;
    let (left_w, right_w) = if area.width > grid_w + 12 {
        (area.width - grid_w, grid_w)
    } else {
        (area.width, 0)
    };
    let left = Rect::new(area.x, area.y, left_w, area.height);
    let right = Rect::new(area.x + left_w, area.y, right_w, area.height);
    let filter = s
        .filter
        .as_deref()
        .map(|u| format!(" · {u}"))
        .unwrap_or_default();
    let issue = s
        .issue
        .as_deref()
        .map(|i| format!("{i} · "))
        .unwrap_or_default();
    let title = format!(" 决策事项 · {issue}{}{} ", s.by.name(), filter);
    let block = pane(&title, left_w, color);
    let inner_l = block.inner(left);
    f.render_widget(block, left);
    let h = inner_l.height.saturating_sub(1) as usize;
    let items = s.items();
    let lw = inner_l.width as usize;
    let c = timeline::cols(t, lw);
    let mut lines = vec![Line::styled(
        truncate(&timeline::header(t, s.by, c), lw),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    for (k, item) in items.iter().enumerate().skip(s.offset).take(h) {
        let style = if k == s.cursor {
            theme.selected()
        } else {
            Style::new()
        };
        let text = timeline::left(t, item, c);
        lines.push(Line::styled(pad_right(&truncate(&text, lw), lw), style));
    }
    f.render_widget(Paragraph::new(lines), inner_l);
    if right_w == 0 {
        return;
    }
    let title = format!(" {}年 · as of {} ", t.year, s.as_of);
    let block = pane(&title, right_w, color);
    let inner_r = block.inner(right);
    f.render_widget(block, right);
    let as_of_col = t.column(Some(s.as_of));
    let hl = theme.as_of();
    let cell_style = |m: usize| {
        if Some(m) == as_of_col {
            hl
        } else {
            Style::new()
        }
    };
    let mut glines = vec![Line::from(
        timeline::month_labels()
            .into_iter()
            .enumerate()
            .map(|(m, l)| Span::styled(l, cell_style(m).add_modifier(Modifier::BOLD)))
            .collect::<Vec<_>>(),
    )];
    for item in items.iter().skip(s.offset).take(h) {
        // An undated row says so where its month would be.
        if matches!(item, Item::Row(i) if t.rows[*i].due.is_none()) {
            glines.push(Line::styled(
                timeline::UNDATED,
                Style::new().add_modifier(Modifier::DIM),
            ));
            continue;
        }
        glines.push(Line::from(
            timeline::cells(t, item)
                .into_iter()
                .enumerate()
                .map(|(m, c)| {
                    Span::styled(
                        pad_right(&c.text, MONTH_W),
                        cell_style(m).patch(theme.status(c.status)),
                    )
                })
                .collect::<Vec<_>>(),
        ));
    }
    f.render_widget(Paragraph::new(glines), inner_r);
}
