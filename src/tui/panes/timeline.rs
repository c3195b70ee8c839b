//! The timeline over everything loaded: every dated item (catalogue
//! decisions, tasks with a 完成时限, documents taking effect or expiring) on
//! one month axis, rows on the left and the month grid on the right,
//! scrolling together row for row; the as-of month highlighted. Filters by
//! status, unit, year, entry and kind combine and are named in the title.
//! Where the grid does not fit, one column gives each row's date and mark.
//! The layout rules are [`crate::view::board`]'s.

use std::borrow::Cow;
use std::collections::HashMap;

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::domain::deadlines::{self, Dated, What};
use crate::domain::timeline::{By, Status};
use crate::domain::units::Units;
use crate::model::date::Date;
use crate::model::Tree;
use crate::text::{pad_right, truncate, width};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::view::board::{self, Axis, Layout, Needs, COL_W};

use super::{scroll, Outcome};

/// The filters, each `None` for all; they combine.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shown {
    pub status: Option<Status>,
    /// A unit as the units view names it.
    pub unit: Option<String>,
    pub year: Option<u32>,
    /// An entry's id.
    pub entry: Option<String>,
    pub kind: Option<What>,
}

impl Shown {
    fn keeps(&self, d: &Dated) -> bool {
        self.status.is_none_or(|s| d.status == s)
            && self.unit.as_ref().is_none_or(|u| d.units.contains(u))
            && self.year.is_none_or(|y| d.due.is_some_and(|x| x.y() == y))
            && self.entry.as_ref().is_none_or(|e| &d.entry == e)
            && self.kind.is_none_or(|k| d.what == k)
    }

    fn any(&self) -> bool {
        *self != Shown::default()
    }
}

/// A unit's lane: the shown items naming it.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub unit: String,
    pub items: Vec<usize>,
}

/// One line of the list: an item (an index into `all`) or a unit's lane.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Item(usize),
    Lane(Lane),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineState {
    /// Every dated item loaded, in tree order, statuses as of `as_of`; the
    /// units of decisions and tasks as the units view names them (aliases
    /// merged, per jurisdiction).
    pub all: Vec<Dated>,
    /// The as-of month.
    pub as_of: Date,
    pub by: By,
    shown: Shown,
    pub cursor: usize,
    pub offset: usize,
    /// The first month the user scrolled to (a month number); `None`
    /// follows the as-of month.
    pub scrolled: Option<i64>,
    /// The view's width, for horizontal scrolling.
    pub width: u16,
    /// The unit filter as it was when the unit prompt opened: Esc in the
    /// prompt puts it back.
    pub unit_before: Option<Option<String>>,
    /// Entry id → how the title names it (2021年第15期, a 文号).
    entries: Vec<(String, String)>,
    /// What the filters and grouping show, worked out when they or the
    /// as-of month change (not on every key: a library has 90,000 items).
    worked: std::sync::Arc<Worked>,
}

/// The rows shown, their axis, the widths their texts need and the counts.
#[derive(Debug, Default, PartialEq)]
struct Worked {
    rows: Vec<Row>,
    axis: Option<Axis>,
    needs: Needs,
    counts: String,
}

pub use crate::model::date::today;

impl TimelineState {
    /// Every dated item of `tree`, as of the month of the decision
    /// catalogue of `entry` (else of the first catalogue, else today).
    pub fn open(tree: &Tree, units: &Units, entry: usize) -> TimelineState {
        let grids = crate::domain::timeline::timelines(tree, None);
        let as_of = grids
            .iter()
            .find(|t| tree.nodes[t.table].entry == entry)
            .or(grids.first())
            .and_then(|t| t.date.and_then(Date::to_month))
            .unwrap_or_else(today);
        let mut named: HashMap<usize, Vec<String>> = HashMap::new();
        for u in &units.units {
            for &ix in u.decisions.iter().chain(&u.lead) {
                let list = named.entry(ix).or_default();
                if !list.contains(&u.unit) {
                    list.push(u.unit.clone());
                }
            }
        }
        let mut all = deadlines::collect(tree, as_of);
        for d in &mut all {
            if let Some(names) = named.get(&d.node) {
                d.units = names.clone();
            }
        }
        let mut entries: Vec<(String, String)> = Vec::new();
        for d in &all {
            if !entries.iter().any(|(id, _)| *id == d.entry) {
                let k = tree.nodes[d.node].entry;
                let tag = tree.entry_tag(k);
                let name = if tag.is_empty() { d.entry.clone() } else { tag };
                entries.push((d.entry.clone(), name));
            }
        }
        let mut t = TimelineState {
            all,
            as_of,
            by: By::Item,
            shown: Shown::default(),
            cursor: 0,
            offset: 0,
            scrolled: None,
            width: 0,
            unit_before: None,
            entries,
            worked: Default::default(),
        };
        t.refresh();
        t
    }

    /// The same view over another tree (the whole library, after its first
    /// frame): as-of month, grouping, filters and scrolling carried over.
    pub fn reopen(&self, tree: &Tree, units: &Units) -> TimelineState {
        let mut t = TimelineState::open(tree, units, 0);
        t.by = self.by;
        t.shown = self.shown.clone();
        t.scrolled = self.scrolled;
        t.width = self.width;
        t.set_as_of(self.as_of);
        t
    }

    /// The filters.
    pub fn shown(&self) -> &Shown {
        &self.shown
    }

    /// Shows one unit's items only (`None`: every unit's), the cursor on
    /// its item when that is still shown.
    pub fn set_unit(&mut self, unit: Option<String>) {
        self.shown.unit = unit;
        self.refresh();
        // The cursor on a row that is there (the list may be shorter now).
        let n = self.rows().len();
        self.cursor = self.cursor.min(n.saturating_sub(1));
        self.offset = self.offset.min(self.cursor);
    }

    /// Works out the rows, axis, widths and counts again; the cursor stays
    /// on the item or lane it was on when that is still shown.
    fn refresh(&mut self) {
        let was = self.worked.rows.get(self.cursor).cloned();
        let rows = self.work_rows();
        if let Some(k) = was.and_then(|w| {
            rows.iter().position(|r| match (r, &w) {
                (Row::Item(a), Row::Item(b)) => a == b,
                (Row::Lane(a), Row::Lane(b)) => a.unit == b.unit,
                _ => false,
            })
        }) {
            self.cursor = k;
        }
        let axis = self.axis(&rows);
        let with_year = axis.is_some_and(|a| a.spans_years());
        let mut needs = Needs::default();
        for r in &rows {
            let (number, title, unit) = self.texts(r);
            needs.add(&number, &title, &unit, &self.when(r, with_year));
        }
        let counts = self.counts(&rows);
        // The counts, the title with its filters and, when nothing is
        // shown, the reason: whole when there is room.
        needs.line = width(&counts).max(width(&self.title()));
        if rows.is_empty() {
            needs.line = needs.line.max(width(EMPTY_FILTERED));
        }
        self.worked = std::sync::Arc::new(Worked {
            rows,
            axis,
            needs,
            counts,
        });
    }

    /// The items the filters keep, in the grouping's order.
    fn kept(&self) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.all.len())
            .filter(|&i| self.shown.keeps(&self.all[i]))
            .collect();
        if self.by == By::Month {
            idx.sort_by_key(|&i| {
                let d = self.all[i].due;
                (d.is_none(), d.map(board::month_number), d, i)
            });
        }
        idx
    }

    /// The lines shown, in order: items, or one lane per unit (most items
    /// first, then by pinyin).
    pub fn rows(&self) -> &[Row] {
        &self.worked.rows
    }

    fn work_rows(&self) -> Vec<Row> {
        let kept = self.kept();
        if self.by != By::Unit {
            return kept.into_iter().map(Row::Item).collect();
        }
        let mut lanes: Vec<Lane> = Vec::new();
        let mut at: HashMap<&str, usize> = HashMap::new();
        for i in kept {
            for u in &self.all[i].units {
                let k = *at.entry(u.as_str()).or_insert_with(|| {
                    lanes.push(Lane {
                        unit: u.clone(),
                        items: Vec::new(),
                    });
                    lanes.len() - 1
                });
                lanes[k].items.push(i);
            }
        }
        // With a unit filter, only its lane (the items are that unit's, but
        // also in their other units' lanes).
        if let Some(u) = &self.shown.unit {
            lanes.retain(|l| &l.unit == u);
        }
        lanes.sort_by_cached_key(|l| {
            (
                std::cmp::Reverse(l.items.len()),
                crate::domain::timeline::pinyin_key(&l.unit),
            )
        });
        lanes.into_iter().map(Row::Lane).collect()
    }

    /// The axis: from the earliest shown date to the latest, and the as-of
    /// month wherever it is (so it is always there to highlight and `a`
    /// always finds it).
    fn axis(&self, rows: &[Row]) -> Option<Axis> {
        let items = rows.iter().flat_map(|r| match r {
            Row::Item(i) => std::slice::from_ref(i),
            Row::Lane(l) => l.items.as_slice(),
        });
        Axis::over(
            items
                .filter_map(|&i| self.all[i].due)
                .chain(std::iter::once(self.as_of)),
        )
    }

    /// The texts of a row's columns: number, title, unit.
    fn texts<'a>(&'a self, row: &'a Row) -> (Cow<'a, str>, Cow<'a, str>, Cow<'a, str>) {
        match row {
            // An item's texts are borrowed: a refresh measures every row.
            Row::Item(i) => {
                let d = &self.all[*i];
                (
                    Cow::Borrowed(board::number(d)),
                    Cow::Borrowed(d.title.as_str()),
                    Cow::Borrowed(d.unit.as_str()),
                )
            }
            Row::Lane(l) => {
                // The first numbers, as many as a title can show.
                let mut numbers = String::new();
                let mut used = 0;
                for &i in &l.items {
                    if used > 80 {
                        numbers.push('…');
                        break;
                    }
                    if !numbers.is_empty() {
                        numbers.push(' ');
                        used += 1;
                    }
                    let n = board::number(&self.all[i]);
                    numbers.push_str(n);
                    used += width(n);
                }
                // The unit tells lanes apart: it takes the wide column, the
                // numbers the narrow one.
                (
                    Cow::Owned(l.items.len().to_string()),
                    Cow::Borrowed(l.unit.as_str()),
                    Cow::Owned(numbers),
                )
            }
        }
    }

    /// What the compact form's date column says of a row: its date, that
    /// it is undated, or a lane's count.
    fn when(&self, row: &Row, with_year: bool) -> String {
        match row {
            Row::Item(i) => self.all[*i].due.map_or_else(
                || crate::view::timeline::UNDATED.to_string(),
                |d| board::when(d, with_year),
            ),
            Row::Lane(l) => format!("{} items", l.items.len()),
        }
    }

    /// The widths, the axis and the first month shown, for `total` columns.
    fn geometry(&self, total: usize) -> (Option<Axis>, Layout, usize) {
        let w = &self.worked;
        let lay = board::layout(total, w.axis.map_or(0, |a| a.months), w.needs);
        let first = w.axis.map_or(0, |a| {
            let as_of = a.column(self.as_of);
            let wanted = self
                .scrolled
                .map(|n| usize::try_from(n - a.first).unwrap_or(0));
            board::first_shown(a.months, lay.months, as_of, wanted)
        });
        (w.axis, lay, first)
    }

    /// Keeps the cursor among the rows shown in `height` (the view's rows
    /// under the borders; the two header lines come off).
    pub fn fit(&mut self, height: usize) {
        let n = self.rows().len();
        scroll(
            &mut self.cursor,
            &mut self.offset,
            n,
            height.saturating_sub(2),
        );
    }

    /// The wheel moves the cursor; a click on a row puts it there (`area`
    /// is the view's: its rows start under the border and two header lines).
    pub fn mouse(&mut self, m: super::Mouse, area: Rect, height: usize) -> Outcome {
        let before = (self.cursor, self.offset);
        let n = self.rows().len();
        let height = height.saturating_sub(2);
        match m {
            super::Mouse::Wheel { down: true, .. } => self.cursor += super::WHEEL_ROWS,
            super::Mouse::Wheel { down: false, .. } => {
                self.cursor = self.cursor.saturating_sub(super::WHEEL_ROWS)
            }
            super::Mouse::Click { row, .. } => {
                match super::row_at(row, area.y + 3, self.offset, n) {
                    Some(k) if row < area.bottom().saturating_sub(2) => self.cursor = k,
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

    /// The items the filters keep with one of them cleared by `clear`.
    fn left_by(&self, clear: impl Fn(&mut Shown)) -> Vec<&Dated> {
        let mut shown = self.shown.clone();
        clear(&mut shown);
        self.all.iter().filter(|d| shown.keeps(d)).collect()
    }

    /// The next value of a filter among those the items have, then none.
    fn cycle<T: Clone + PartialEq>(current: &Option<T>, values: &[T]) -> Option<T> {
        match current {
            None => values.first().cloned(),
            Some(c) => values
                .iter()
                .position(|v| v == c)
                .and_then(|k| values.get(k + 1))
                .cloned(),
        }
    }

    /// Scrolls the months by `delta` (a grid only).
    fn scroll_months(&mut self, delta: i64) {
        let (axis, lay, first) = self.geometry(usize::from(self.width));
        if let (Some(a), true) = (axis, lay.grid) {
            let last = a.months.saturating_sub(lay.months) as i64;
            let to = (first as i64 + delta).clamp(0, last);
            self.scrolled = Some(a.first + to);
        }
    }

    /// After the as-of month moved: when it went out of the months shown,
    /// the months follow it again.
    fn follow_as_of(&mut self) {
        let (axis, lay, first) = self.geometry(usize::from(self.width));
        if let Some(col) = axis.and_then(|a| a.column(self.as_of)) {
            if col < first || col >= first + lay.months {
                self.scrolled = None;
            }
        }
    }

    fn set_as_of(&mut self, as_of: Date) {
        self.as_of = as_of;
        for d in &mut self.all {
            d.status = deadlines::status(d.due, as_of);
        }
        self.refresh();
    }

    /// What a key can change, to tell whether it did (cheap to compare).
    fn key(&self) -> (Date, By, Shown, usize, usize, Option<i64>) {
        (
            self.as_of,
            self.by,
            self.shown.clone(),
            self.cursor,
            self.offset,
            self.scrolled,
        )
    }

    pub fn update(&mut self, action: Action, height: usize) -> Outcome {
        let before = self.key();
        let n = self.rows().len();
        let height = height.saturating_sub(2);
        match action {
            Action::Close | Action::OpenTimeline => {
                if !self.shown.any() {
                    return Outcome::Close;
                }
                self.shown = Shown::default();
            }
            Action::MoveDown => self.cursor += 1,
            Action::MoveUp => self.cursor = self.cursor.saturating_sub(1),
            Action::First => self.cursor = 0,
            Action::Last => self.cursor = n.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => self.cursor += height.max(2) / 2,
            Action::PageUp | Action::HalfPageUp => {
                self.cursor = self.cursor.saturating_sub(height.max(2) / 2)
            }
            Action::CollapseOrParent => self.scroll_months(-1),
            Action::ExpandOrChild => self.scroll_months(1),
            Action::Previous => {
                self.set_as_of(self.as_of.add_months(-1));
                self.follow_as_of();
            }
            Action::Next => {
                self.set_as_of(self.as_of.add_months(1));
                self.follow_as_of();
            }
            Action::AsOfToday => {
                self.set_as_of(today());
                self.scrolled = None;
            }
            Action::ShowAsOf => self.scrolled = None,
            Action::CycleGrouping => {
                self.by = self.by.next();
                self.cursor = 0;
            }
            // Each filter cycles through the values the items the other
            // filters keep have (never one that would show nothing), then
            // none.
            Action::CycleStatus => {
                let left = self.left_by(|s| s.status = None);
                let all: Vec<Status> =
                    [Status::Past, Status::Due, Status::Upcoming, Status::Undated]
                        .into_iter()
                        .filter(|s| left.iter().any(|d| d.status == *s))
                        .collect();
                self.shown.status = Self::cycle(&self.shown.status, &all);
            }
            Action::CycleYear => {
                let left = self.left_by(|s| s.year = None);
                let mut years: Vec<u32> = left.iter().filter_map(|d| d.due.map(Date::y)).collect();
                years.sort_unstable();
                years.dedup();
                self.shown.year = Self::cycle(&self.shown.year, &years);
            }
            Action::CycleEntry => {
                let left = self.left_by(|s| s.entry = None);
                let ids: Vec<String> = self
                    .entries
                    .iter()
                    .filter(|(id, _)| left.iter().any(|d| &d.entry == id))
                    .map(|(id, _)| id.clone())
                    .collect();
                self.shown.entry = Self::cycle(&self.shown.entry, &ids);
            }
            Action::CycleKind => {
                let left = self.left_by(|s| s.kind = None);
                let kinds: Vec<What> = What::ALL
                    .into_iter()
                    .filter(|k| left.iter().any(|d| d.what == *k))
                    .collect();
                self.shown.kind = Self::cycle(&self.shown.kind, &kinds);
            }
            Action::Open => match self.rows().get(self.cursor) {
                Some(Row::Item(i)) => return Outcome::Jump(self.all[*i].node),
                Some(Row::Lane(lane)) => {
                    self.shown.unit = Some(lane.unit.clone());
                    self.by = By::Item;
                    self.cursor = 0;
                }
                None => {}
            },
            _ => return Outcome::Unchanged,
        }
        if (self.by, &self.shown) != (before.1, &before.2) {
            self.refresh();
        }
        let n = self.rows().len();
        scroll(&mut self.cursor, &mut self.offset, n, height);
        if self.key() == before {
            Outcome::Unchanged
        } else {
            Outcome::Changed
        }
    }

    /// The title: what is shown, every filter named.
    pub fn title(&self) -> String {
        // The filters first: a cut title loses the grouping's name, never
        // a filter.
        let mut parts = vec!["时限".to_string()];
        if let Some(s) = self.shown.status {
            parts.push(s.name().to_string());
        }
        if let Some(k) = self.shown.kind {
            parts.push(k.label().to_string());
        }
        if let Some(y) = self.shown.year {
            parts.push(format!("{y}年"));
        }
        if let Some(u) = &self.shown.unit {
            parts.push(u.clone());
        }
        if let Some(e) = &self.shown.entry {
            let name = self
                .entries
                .iter()
                .find(|(id, _)| id == e)
                .map_or(e.as_str(), |(_, n)| n.as_str());
            parts.push(name.to_string());
        }
        parts.push(self.by.name().to_string());
        format!(" {} ", parts.join(" · "))
    }

    /// The counts line: how many items are shown, by status.
    fn counts(&self, rows: &[Row]) -> String {
        // An item in two lanes counts once.
        let mut n = [0usize; 4];
        let mut total = 0;
        let mut seen = vec![false; self.all.len()];
        for r in rows {
            let items = match r {
                Row::Item(i) => std::slice::from_ref(i),
                Row::Lane(l) => l.items.as_slice(),
            };
            for &i in items {
                if !std::mem::replace(&mut seen[i], true) {
                    total += 1;
                    n[self.all[i].status as usize] += 1;
                }
            }
        }
        let lanes = if self.by == By::Unit {
            format!(
                "{} {} · ",
                rows.len(),
                if rows.len() == 1 { "lane" } else { "lanes" }
            )
        } else {
            String::new()
        };
        format!(
            "{lanes}{total} {} ●{} ◆{} ○{} ?{}",
            if total == 1 { "item" } else { "items" },
            n[0],
            n[1],
            n[2],
            n[3]
        )
    }
}

/// What an empty list says when filters emptied it.
const EMPTY_FILTERED: &str = "nothing passes these filters — Esc clears them";

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

/// One month cell of a row: its text and the status it shows.
fn cells(
    s: &TimelineState,
    row: &Row,
    axis: &Axis,
    from: usize,
    shown: usize,
) -> Vec<(String, Status)> {
    let mut out = vec![(String::new(), Status::Undated); shown];
    let items = match row {
        Row::Item(i) => std::slice::from_ref(i),
        Row::Lane(l) => l.items.as_slice(),
    };
    let mut counts = vec![0usize; shown];
    for &i in items {
        let d = &s.all[i];
        let Some(k) = d.due.and_then(|due| axis.column(due)) else {
            continue;
        };
        if !(from..from + shown).contains(&k) {
            continue;
        }
        let k = k - from;
        counts[k] += 1;
        if counts[k] == 1 {
            out[k] = (board::mark(d.what, d.status).to_string(), d.status);
        }
    }
    // Dates left or right of the months shown: an arrow at that edge
    // (where no mark of the months shown is).
    if let Some(last) = shown.checked_sub(1) {
        for &i in items {
            let Some(k) = s.all[i].due.and_then(|due| axis.column(due)) else {
                continue;
            };
            let status = s.all[i].status;
            if k < from && out[0].0.is_empty() {
                out[0] = ("‹".to_string(), status);
            } else if k >= from + shown && out[last].0.is_empty() {
                out[last] = ("  ›".to_string(), status);
            }
        }
    }
    if matches!(row, Row::Lane(_)) {
        for (k, &c) in counts.iter().enumerate().filter(|(_, &c)| c > 1) {
            let mark = crate::view::timeline::marker(out[k].1);
            // Two columns for a count; the third keeps cells apart.
            out[k].0 = match c {
                2..=9 => format!("{mark}{c}"),
                10..=99 => c.to_string(),
                _ => "++".to_string(),
            };
        }
    }
    out
}

/// Left: rows; right: the month grid (or, narrow, one date column); the
/// legend under both.
pub fn render(f: &mut Frame, s: &TimelineState, area: Rect, theme: Theme) {
    let color = theme.color;
    if area.width < 4 || area.height < 4 {
        return;
    }
    let rows = s.rows();
    let (axis, lay, from) = s.geometry(usize::from(area.width));
    let panes_h = area.height - 1;
    let left_w = if lay.grid {
        (lay.left + 2) as u16
    } else {
        area.width
    };
    let left = Rect::new(area.x, area.y, left_w.min(area.width), panes_h);
    let block = pane(&s.title(), left.width, color);
    let inner = block.inner(left);
    f.render_widget(block, left);
    let h = inner.height.saturating_sub(2) as usize;
    let lw = inner.width as usize;
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let dim = Style::new().add_modifier(Modifier::DIM);
    let (head_n, head_t, head_u) = match s.by {
        By::Unit => ("件数", "单位", "序号"),
        _ => ("序号", "事项", "单位"),
    };
    let mut header = format!(
        "{} {} ",
        pad_right(head_n, lay.number),
        pad_right(head_t, lay.title)
    );
    if lay.unit > 0 {
        header.push_str(&pad_right(head_u, lay.unit));
        header.push(' ');
    }
    if !lay.grid {
        header.push_str("日期");
    }
    let mut lines = vec![
        Line::styled(truncate(&s.worked.counts, lw), dim),
        Line::styled(pad_right(&truncate(&header, lw), lw), bold),
    ];
    let with_year = axis.is_some_and(|a| a.spans_years());
    if rows.is_empty() {
        let why = if s.shown.any() {
            EMPTY_FILTERED
        } else {
            "nothing dated is loaded"
        };
        lines.push(Line::styled(truncate(why, lw), dim));
    }
    for (k, row) in rows.iter().enumerate().skip(s.offset).take(h) {
        let selected = k == s.cursor;
        let base = if selected {
            theme.selected()
        } else {
            Style::new()
        };
        let (number, title, unit) = s.texts(row);
        let mut text = format!(
            "{} {} ",
            pad_right(&truncate(&number, lay.number), lay.number),
            pad_right(&truncate(&title, lay.title), lay.title)
        );
        if lay.unit > 0 {
            text.push_str(&pad_right(&truncate(&unit, lay.unit), lay.unit));
            text.push(' ');
        }
        let mut spans = vec![Span::styled(text, base)];
        if !lay.grid {
            // The compact form: the date and the mark.
            let when = s.when(row, with_year);
            let (status, mark) = match row {
                Row::Item(i) => {
                    let d = &s.all[*i];
                    (d.status, board::mark(d.what, d.status))
                }
                Row::Lane(_) => (Status::Undated, ""),
            };
            spans.push(Span::styled(when.clone(), base));
            spans.push(Span::styled(" ", base));
            spans.push(Span::styled(mark, base.patch(theme.status(status))));
            let used = width(&when) + 1 + width(mark);
            spans.push(Span::styled(
                " ".repeat(lay.when.saturating_sub(used)),
                base,
            ));
        }
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), inner);
    legend(f, s, area, theme);
    let (Some(axis), true) = (axis, lay.grid) else {
        return;
    };
    let right = Rect::new(
        area.x + left.width,
        area.y,
        area.width.saturating_sub(left.width),
        panes_h,
    );
    let last = (from + lay.months).min(axis.months);
    let span_label = |k: usize| axis.month(k).map_or_else(String::new, |m| m.to_string());
    let more = match (from > 0, last < axis.months) {
        (true, true) => " ‹ ›",
        (true, false) => " ‹",
        (false, true) => " ›",
        (false, false) => "",
    };
    let title = if last <= from + 1 {
        format!(" {}{more} ", span_label(from))
    } else {
        format!(
            " {}–{}{more} ",
            span_label(from),
            span_label(last.saturating_sub(1)),
        )
    };
    let block = pane(&title, right.width, color);
    let inner_r = block.inner(right);
    f.render_widget(block, right);
    let shown = last - from;
    let as_of_col = axis
        .column(s.as_of)
        .filter(|c| (from..last).contains(c))
        .map(|c| c - from);
    let hl = theme.as_of();
    let cell_style = |m: usize| {
        if Some(m) == as_of_col {
            hl
        } else {
            Style::new()
        }
    };
    let mut glines = vec![
        Line::styled(
            board::year_line(&axis, from, shown, usize::from(inner_r.width)),
            bold,
        ),
        Line::from(
            board::month_labels(&axis, from, shown)
                .into_iter()
                .enumerate()
                .map(|(m, l)| Span::styled(l, cell_style(m).add_modifier(Modifier::BOLD)))
                .collect::<Vec<_>>(),
        ),
    ];
    for (k, row) in rows.iter().enumerate().skip(s.offset).take(h) {
        let base = if k == s.cursor {
            theme.selected()
        } else {
            Style::new()
        };
        // An undated item says so where its month would be.
        if matches!(row, Row::Item(i) if s.all[*i].due.is_none()) {
            glines.push(Line::styled(
                pad_right(crate::view::timeline::UNDATED, usize::from(inner_r.width)),
                base.patch(dim),
            ));
            continue;
        }
        let mut spans: Vec<Span> = cells(s, row, &axis, from, shown)
            .into_iter()
            .enumerate()
            .map(|(m, (text, status))| {
                Span::styled(
                    pad_right(&text, COL_W),
                    base.patch(cell_style(m)).patch(theme.status(status)),
                )
            })
            .collect();
        // The cursor row's highlight runs to the pane's edge.
        let rest = usize::from(inner_r.width).saturating_sub(shown * COL_W);
        spans.push(Span::styled(" ".repeat(rest), base));
        glines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(glines), inner_r);
}

/// The line under the panes: the marks and the as-of month.
fn legend(f: &mut Frame, s: &TimelineState, area: Rect, _theme: Theme) {
    let lanes = if s.by == By::Unit {
        " · ○3 three in a month"
    } else {
        ""
    };
    let line = format!("{}{lanes} · as of {}", board::LEGEND, s.as_of);
    let at = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    f.render_widget(
        Paragraph::new(Line::styled(
            truncate(&line, area.width as usize),
            Style::new().add_modifier(Modifier::DIM),
        )),
        at,
    );
}
