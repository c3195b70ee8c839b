//! The units pane: every unit with its counts on the left; the selected
//! unit's portfolio (decisions, tasks led, tasks supported) on the right.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::domain::units::Units;
use crate::model::schema::Node;
use crate::model::{NodeIx, Tree};
use crate::text::{pad_right, truncate};
use crate::tui::action::Action;
use crate::tui::theme::Theme;

use super::{scroll, Outcome};

/// How the list of units is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// By name (as the units are kept).
    Name,
    /// Most decisions and tasks first, then by pinyin.
    Count,
    /// By the pinyin of the name.
    Pinyin,
}

impl Sort {
    fn next(self) -> Sort {
        match self {
            Sort::Name => Sort::Count,
            Sort::Count => Sort::Pinyin,
            Sort::Pinyin => Sort::Name,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Sort::Name => "by name",
            Sort::Count => "by count",
            Sort::Pinyin => "by pinyin",
        }
    }
}

/// Which of a unit's tasks the portfolio shows: all, or only those it
/// leads, or only those it supports (a task table filtered by unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    All,
    Lead,
    Support,
}

impl Role {
    fn next(self) -> Role {
        match self {
            Role::All => Role::Lead,
            Role::Lead => Role::Support,
            Role::Support => Role::All,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitsState {
    /// The row selected in the list (in [`UnitsState::order`]).
    pub selected: usize,
    pub offset: usize,
    /// Whether the portfolio (right) has the cursor.
    pub in_items: bool,
    pub item: usize,
    pub item_offset: usize,
    pub sort: Sort,
    pub role: Role,
    /// The units in the list's order (indices into `Units::units`); empty
    /// for the units' own order.
    order: Vec<usize>,
}

/// One line of a portfolio: a section heading, or an item that jumps to a
/// node (its text is made only when the line is shown: a unit of a large
/// archive owns thousands).
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Heading(String),
    Item(NodeIx),
}

pub fn portfolio(units: &Units, unit: usize, role: Role) -> Vec<Entry> {
    let Some(u) = units.units.get(unit) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let sections: [(&str, &Vec<NodeIx>); 3] = [
        ("决策事项", &u.decisions),
        ("牵头任务", &u.lead),
        ("配合任务", &u.support),
    ];
    let shown = |label: &str| match role {
        Role::All => true,
        Role::Lead => label == "牵头任务",
        Role::Support => label == "配合任务",
    };
    for (label, list) in sections.into_iter().filter(|(l, _)| shown(l)) {
        out.push(Entry::Heading(format!("{label} ({})", list.len())));
        out.extend(list.iter().map(|&ix| Entry::Item(ix)));
    }
    out
}

/// An item's line: a decision's number, month and title, or a task's
/// number and text; in an archive after the issue it is from.
pub fn item_text(tree: &Tree, ix: NodeIx) -> String {
    let text = match &tree.nodes[ix].data {
        // Numbers padded (1.1 … 1.19, 2 … 9) so the months line up.
        Some(Node::Decision(d)) => format!(
            "{} {} {}",
            pad_right(&d.number, 4),
            d.due
                .map_or_else(|| crate::view::line::MISSING.to_string(), |d| d.to_string()),
            d.title
        ),
        Some(Node::Task(t)) => format!(
            "{} {}",
            t.number.as_deref().unwrap_or(crate::view::line::MISSING),
            t.text
        ),
        _ => tree.label_within(ix, crate::tui::panes::tree::ROW_CHARS),
    };
    if tree.is_archive() {
        format!("{} · {text}", tree.entry_tag(tree.nodes[ix].entry))
    } else {
        text
    }
}

impl UnitsState {
    pub fn new(selected: usize) -> UnitsState {
        UnitsState {
            selected,
            offset: 0,
            in_items: false,
            item: 0,
            item_offset: 0,
            sort: Sort::Name,
            role: Role::All,
            order: Vec::new(),
        }
    }

    /// The unit (an index into `Units::units`) on row `row` of the list.
    pub fn unit_at(&self, row: usize) -> usize {
        self.order.get(row).copied().unwrap_or(row)
    }

    /// The selected unit.
    pub fn unit(&self) -> usize {
        self.unit_at(self.selected)
    }

    /// Orders the list again, the selected unit kept selected.
    fn resort(&mut self, units: &Units) {
        let unit = self.unit();
        let mut order: Vec<usize> = (0..units.units.len()).collect();
        let pinyin = |i: usize| crate::domain::timeline::pinyin_key(&units.units[i].unit);
        match self.sort {
            Sort::Name => order.clear(),
            Sort::Count => order.sort_by_cached_key(|&i| {
                let u = &units.units[i];
                (
                    std::cmp::Reverse(u.decisions.len() + u.lead.len() + u.support.len()),
                    pinyin(i),
                )
            }),
            Sort::Pinyin => order.sort_by_cached_key(|&i| pinyin(i)),
        }
        self.order = order;
        self.selected = (0..units.units.len())
            .find(|&r| self.unit_at(r) == unit)
            .unwrap_or(0);
    }

    fn resort_next(&mut self, units: &Units) {
        self.sort = self.sort.next();
        self.resort(units);
    }

    /// The list's title: how many, what the counts are, the order.
    pub fn title(&self, units: &Units) -> String {
        format!(
            " 单位 {} · {} · 决策/牵头/配合 ",
            units.units.len(),
            self.sort.name()
        )
    }

    /// Keeps the selection among the `height` rows shown (after a resize).
    pub fn fit(&mut self, units: &Units, height: usize) {
        super::scroll(
            &mut self.selected,
            &mut self.offset,
            units.units.len(),
            height,
        );
    }

    /// The wheel moves through the units (or the portfolio, when it has
    /// the focus); a click on a unit in the list selects it.
    pub fn mouse(&mut self, m: super::Mouse, units: &Units, area: Rect, height: usize) -> Outcome {
        let before = self.clone();
        let (left, _) = columns(area);
        match m {
            super::Mouse::Wheel { down, .. } => {
                let action = if down {
                    Action::MoveDown
                } else {
                    Action::MoveUp
                };
                for _ in 0..super::WHEEL_ROWS {
                    self.update(action, units, height);
                }
            }
            super::Mouse::Click { col, row } if col < left.right() => {
                if let Some(k) = super::row_at(row, area.y + 1, self.offset, units.units.len())
                    .filter(|_| row < area.bottom().saturating_sub(1))
                {
                    self.selected = k;
                    self.in_items = false;
                    self.item = 0;
                    self.item_offset = 0;
                    self.fit(units, height);
                }
            }
            super::Mouse::Click { .. } => {}
        }
        if *self == before {
            Outcome::Unchanged
        } else {
            Outcome::Changed
        }
    }

    pub fn update(&mut self, action: Action, units: &Units, height: usize) -> Outcome {
        let before = self.clone();
        let items = portfolio(units, self.unit(), self.role);
        match action {
            Action::Close | Action::OpenUnits => return Outcome::Close,
            Action::CycleGrouping => self.resort_next(units),
            Action::FilterUnit => {
                self.role = self.role.next();
                self.item = 0;
                self.item_offset = 0;
            }
            Action::FocusNext | Action::ExpandOrChild if !self.in_items => {
                self.in_items = true;
                self.item = items
                    .iter()
                    .position(|e| matches!(e, Entry::Item(..)))
                    .unwrap_or(0);
            }
            Action::FocusNext | Action::CollapseOrParent if self.in_items => self.in_items = false,
            Action::MoveDown if self.in_items => self.item += 1,
            Action::MoveUp if self.in_items => self.item = self.item.saturating_sub(1),
            Action::MoveDown => {
                self.selected += 1;
                self.item = 0;
            }
            Action::MoveUp => {
                self.selected = self.selected.saturating_sub(1);
                self.item = 0;
            }
            Action::First => self.selected = 0,
            Action::Last => self.selected = units.units.len().saturating_sub(1),
            Action::Open if self.in_items => {
                if let Some(Entry::Item(ix)) = items.get(self.item) {
                    return Outcome::Jump(*ix);
                }
            }
            Action::Open => {
                self.in_items = true;
                self.item = items
                    .iter()
                    .position(|e| matches!(e, Entry::Item(..)))
                    .unwrap_or(0);
            }
            _ => return Outcome::Unchanged,
        }
        scroll(
            &mut self.selected,
            &mut self.offset,
            units.units.len(),
            height,
        );
        let n = portfolio(units, self.unit(), self.role).len();
        scroll(&mut self.item, &mut self.item_offset, n, height);
        if *self == before {
            Outcome::Unchanged
        } else {
            Outcome::Changed
        }
    }
}

/// The list of units on the left (a third of the width, 24 to 40 columns)
/// and the portfolio on the right.
fn columns(area: Rect) -> (Rect, Rect) {
    let left_w = (area.width / 3).clamp(area.width.min(24), 40);
    (
        Rect::new(area.x, area.y, left_w, area.height),
        Rect::new(area.x + left_w, area.y, area.width - left_w, area.height),
    )
}

pub fn render(f: &mut Frame, s: &UnitsState, tree: &Tree, units: &Units, area: Rect, theme: Theme) {
    let color = theme.color;
    if area.width < 4 || area.height < 3 {
        return;
    }
    let (left, right) = columns(area);
    let left_w = left.width;
    let sel = theme.selected();
    let border = |focused: bool| {
        if color && focused {
            Style::new().fg(Color::Cyan)
        } else {
            Style::new()
        }
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(border(!s.in_items))
        .title(truncate(&s.title(units), left_w.saturating_sub(2) as usize));
    let inner = block.inner(left);
    f.render_widget(block, left);
    let w = inner.width as usize;
    // Each count column as wide as its largest number.
    let digits = |f: fn(&crate::domain::units::Unit) -> usize| {
        units
            .units
            .iter()
            .map(f)
            .max()
            .unwrap_or(0)
            .to_string()
            .len()
            .max(2)
    };
    let (dw, lw, sw) = (
        digits(|u| u.decisions.len()),
        digits(|u| u.lead.len()),
        digits(|u| u.support.len()),
    );
    let lines: Vec<Line> = (0..units.units.len())
        .skip(s.offset)
        .take(inner.height as usize)
        .map(|i| {
            let u = &units.units[s.unit_at(i)];
            let counts = format!(
                "{:>dw$} {:>lw$} {:>sw$}",
                u.decisions.len(),
                u.lead.len(),
                u.support.len()
            );
            let name = pad_right(&u.unit, w.saturating_sub(counts.len() + 1));
            let text = pad_right(&format!("{name} {counts}"), w);
            Line::styled(text, if i == s.selected { sel } else { Style::new() })
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
    let Some(u) = units.units.get(s.unit()) else {
        return;
    };
    let also = if u.aliases.is_empty() {
        String::new()
    } else {
        format!(" · also {}", u.aliases.join("、"))
    };
    let also = match s.role {
        Role::All => also,
        Role::Lead => format!(" · 仅牵头任务{also}"),
        Role::Support => format!(" · 仅配合任务{also}"),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(border(s.in_items))
        .title(truncate(
            &format!(" {}{also} ", u.unit),
            right.width.saturating_sub(2) as usize,
        ));
    let inner = block.inner(right);
    f.render_widget(block, right);
    let w = inner.width as usize;
    let lines: Vec<Line> = portfolio(units, s.unit(), s.role)
        .into_iter()
        .enumerate()
        .skip(s.item_offset)
        .take(inner.height as usize)
        .map(|(i, e)| match e {
            Entry::Heading(h) => {
                Line::styled(truncate(&h, w), Style::new().add_modifier(Modifier::BOLD))
            }
            Entry::Item(ix) => {
                let style = if s.in_items && i == s.item {
                    sel
                } else {
                    Style::new()
                };
                let text = item_text(tree, ix);
                Line::styled(pad_right(&format!("  {text}"), w), style)
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}
