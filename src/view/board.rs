//! The explorer's timeline over everything loaded: every dated item
//! ([`crate::domain::deadlines`]) on one month axis spanning the years of
//! the items shown, laid out by display width. No terminal here: the pane
//! (`tui::panes::timeline`) draws what these functions decide, and tests
//! read them directly.
//!
//! The rules:
//! - The axis runs from the month of the earliest shown date to that of the
//!   latest. A year-precise date (`2022年`) sits in its December (its last
//!   day, as the calendar export has it); its status is still decided by year.
//! - Each month is [`COL_W`] columns: its number left-aligned (`1  `, `10 `)
//!   with the year (`2021`) above its January and above the first month
//!   shown, when the label fits before the next.
//! - A month grid when the title keeps at least [`MIN_TITLE`] columns and
//!   at least 12 months (or the whole span, when shorter) fit; otherwise a
//!   compact form: one column with the date and the mark (`8月 ◆`).
//! - The left part takes the width its texts need (never a wide gap between
//!   a short title and its marker); room left over goes to more months, and
//!   after the last month stays empty at the far right.

use crate::domain::deadlines::{Dated, What};
use crate::domain::timeline::Status;
use crate::model::date::{Date, Precision};
use crate::text::{pad_right, width};

/// Display columns of one month.
pub const COL_W: usize = 3;
/// The title's columns the grid leaves at the least.
pub const MIN_TITLE: usize = 12;
/// The months a grid shows at the least (fewer when the span is shorter).
pub const MIN_MONTHS: usize = 12;
/// Columns of the number column at most (`1.19`, `施行`).
const MAX_NUMBER: usize = 6;
/// Columns of the unit column at most and at the least.
const MAX_UNIT: usize = 16;
const MIN_UNIT: usize = 4;
/// Columns a title takes at most before it is cut (the rest is in the
/// reader, one Enter away).
const MAX_TITLE: usize = 72;

/// A month as one number: `y * 12 + (m - 1)`; a year-precise date is its
/// December.
pub fn month_number(d: Date) -> i64 {
    let m = d.last_month();
    i64::from(m.y()) * 12 + i64::from(m.m().unwrap_or(12)) - 1
}

/// The month of a month number.
fn month_of(n: i64) -> Option<Date> {
    let y = u32::try_from(n.div_euclid(12)).ok()?;
    let m = u32::try_from(n.rem_euclid(12) + 1).ok()?;
    Date::month(y, m)
}

/// The months of the grid: `months` of them from `first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Axis {
    /// The first month's number ([`month_number`]).
    pub first: i64,
    pub months: usize,
}

impl Axis {
    /// From the earliest to the latest of the dates; `None` without one.
    pub fn over(dates: impl IntoIterator<Item = Date>) -> Option<Axis> {
        let (mut lo, mut hi) = (i64::MAX, i64::MIN);
        for d in dates {
            let n = month_number(d);
            lo = lo.min(n);
            hi = hi.max(n);
        }
        (lo <= hi).then(|| Axis {
            first: lo,
            months: usize::try_from(hi - lo + 1).unwrap_or(1),
        })
    }

    /// The column (0-based month index) of a date, when on the axis.
    pub fn column(&self, d: Date) -> Option<usize> {
        let k = usize::try_from(month_number(d) - self.first).ok()?;
        (k < self.months).then_some(k)
    }

    /// The month at a column.
    pub fn month(&self, k: usize) -> Option<Date> {
        month_of(self.first + i64::try_from(k).ok()?)
    }

    /// Whether its months are in more than one year.
    pub fn spans_years(&self) -> bool {
        self.first.div_euclid(12) != (self.first + self.months as i64 - 1).div_euclid(12)
    }
}

/// The mark of an item: past ●, due ◆, upcoming ○ for decisions and tasks;
/// a document taking effect ▲ and expiring ▼ (coloured by status as well).
pub fn mark(what: What, status: Status) -> &'static str {
    match (what, status) {
        (_, Status::Undated) => "",
        (What::Effective, _) => "▲",
        (What::Expires, _) => "▼",
        (_, s) => super::timeline::marker(s),
    }
}

/// The legend line: every mark and what it means (▲ a document takes
/// effect, ▼ it expires; their colour is their status's).
pub const LEGEND: &str = "● past  ◆ due  ○ upcoming  ? undated  ▲ 施行  ▼ 失效";

/// What the number column shows for an item: a decision's or task's number,
/// 任务 for a task without one, 施行 / 失效 for a document's dates.
pub fn number(d: &Dated) -> &str {
    match d.what {
        What::Effective => "施行",
        What::Expires => "失效",
        What::Task if d.number.is_empty() => "任务",
        _ => &d.number,
    }
}

/// A date as the compact form writes it: `8月`, `8月5日`, `2022年`; with the
/// year (`2021年8月`) when the items span years.
pub fn when(d: Date, with_year: bool) -> String {
    let year = if with_year || d.precision() == Precision::Year {
        format!("{}年", d.y())
    } else {
        String::new()
    };
    match (d.m(), d.d()) {
        (Some(m), Some(day)) => format!("{year}{m}月{day}日"),
        (Some(m), None) => format!("{year}{m}月"),
        _ => year,
    }
}

/// The widths of one layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// A grid (`true`) or the compact form.
    pub grid: bool,
    /// Columns of the number, title and unit (a space after each).
    pub number: usize,
    pub title: usize,
    pub unit: usize,
    /// The compact form's date-and-mark column (0 in a grid).
    pub when: usize,
    /// Inner width of the left pane (inside its borders).
    pub left: usize,
    /// Months the grid shows (0 in the compact form).
    pub months: usize,
}

/// What the texts of the shown lines need, in display columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub number: usize,
    pub title: usize,
    pub unit: usize,
    /// The widest compact date with its mark (`2021年12月31日 ◆`).
    pub when: usize,
    /// A line of the left pane that is not a row (the counts), whole.
    pub line: usize,
}

impl Needs {
    /// Makes room for one line's number, title, unit and compact date.
    pub fn add(&mut self, number: &str, title: &str, unit: &str, when: &str) {
        self.number = self.number.max(width(number));
        self.title = self.title.max(width(title));
        self.unit = self.unit.max(width(unit));
        self.when = self.when.max(width(when) + 2);
    }
}

/// Splits `total` columns (the whole view, borders included) for `span`
/// months of items whose texts need `needs`.
pub fn layout(total: usize, span: usize, needs: Needs) -> Layout {
    // Two panes: four border columns; one: two.
    // At least the heading's width (序号, 件数).
    let number = needs.number.clamp(4, MAX_NUMBER);
    let unit_want = needs.unit.clamp(MIN_UNIT, MAX_UNIT);
    let title_want = needs.title.clamp(MIN_TITLE, MAX_TITLE);
    let fixed = |unit: usize| number + 1 + unit + 1 + 1;
    let grid_min = span.clamp(1, MIN_MONTHS) * COL_W;
    let room = total.saturating_sub(4);
    if span > 0 && room >= fixed(MIN_UNIT) + MIN_TITLE + grid_min {
        // The unit first (down to 4), then the title (up to a cut), then
        // more months, then the rest of a long title.
        let mut spare = room - fixed(MIN_UNIT) - MIN_TITLE - grid_min;
        let mut take = |want: usize| {
            let t = spare.min(want);
            spare -= t;
            t
        };
        // Turn about: a short unit, a readable title, the whole unit, a
        // title up to the cut.
        let mut unit = MIN_UNIT + take(unit_want.min(8) - MIN_UNIT);
        let mut title = MIN_TITLE + take(title_want.min(30) - MIN_TITLE);
        unit += take(unit_want - unit);
        title += take(title_want - title);
        let more = take((span.saturating_sub(span.clamp(1, MIN_MONTHS))) * COL_W) / COL_W;
        let shown = span.clamp(1, MIN_MONTHS) + more;
        title += take(needs.title.saturating_sub(title));
        unit += take(needs.unit.saturating_sub(unit));
        title += take(needs.line.saturating_sub(fixed(unit) + title));
        return Layout {
            grid: true,
            number,
            title,
            unit,
            when: 0,
            left: fixed(unit) + title,
            months: shown,
        };
    }
    // Compact: number, title, unit, date and mark in one pane.
    let inner = total.saturating_sub(2);
    let when = needs.when.max(4);
    let base = number + 1 + when;
    let rest = inner.saturating_sub(base + 1);
    // The title first: the unit takes at most a third.
    let unit = if rest >= MIN_TITLE + 1 + MIN_UNIT {
        (rest - MIN_TITLE - 1)
            .min(unit_want)
            .min((rest / 3).max(MIN_UNIT))
    } else {
        0
    };
    let title = rest
        .saturating_sub(if unit > 0 { unit + 1 } else { 0 })
        .max(1);
    Layout {
        grid: false,
        number,
        title,
        unit,
        when,
        left: inner,
        months: 0,
    }
}

/// The first month shown when `shown` of the axis's `months` fit, the
/// as-of month (a column, when on the axis) is to be seen, and the user
/// last scrolled to `wanted`: the wanted column when the as-of month is
/// seen from there (or nothing asks for it), else the as-of month a third
/// in from the left.
pub fn first_shown(
    months: usize,
    shown: usize,
    as_of: Option<usize>,
    wanted: Option<usize>,
) -> usize {
    let last_first = months.saturating_sub(shown);
    match (wanted, as_of) {
        (Some(w), _) => w.min(last_first),
        (None, Some(a)) => a.saturating_sub(shown / 3).min(last_first),
        (None, None) => 0,
    }
}

/// The month-number labels of `shown` months from column `from`.
pub fn month_labels(axis: &Axis, from: usize, shown: usize) -> Vec<String> {
    (from..from + shown)
        .map(|k| {
            let m = axis.month(k).and_then(Date::m).unwrap_or(0);
            pad_right(&m.to_string(), COL_W)
        })
        .collect()
}

/// The year line over the month labels, `room` columns at the most (at
/// least the months'): each January's year, and the first shown month's
/// when it fits before the next January's.
pub fn year_line(axis: &Axis, from: usize, shown: usize, room: usize) -> String {
    let room = room.max(shown * COL_W);
    let mut out = String::new();
    for k in from..from + shown {
        let Some(month) = axis.month(k) else { break };
        let at = (k - from) * COL_W;
        let label = month.y().to_string();
        let next_jan = (k + 1..from + shown)
            .find(|&j| axis.month(j).and_then(Date::m) == Some(1))
            .map(|j| (j - from) * COL_W);
        let starts_year = month.m() == Some(1) || k == from;
        let fits = next_jan.is_none_or(|j| at + width(&label) < j);
        let inside = at + width(&label) <= room;
        if starts_year && fits && inside && width(&out) <= at {
            out = pad_right(&out, at);
            out.push_str(&label);
        }
    }
    pad_right(&out, room)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    #[test]
    fn the_axis_spans_the_dates_and_years_sit_in_december() {
        let a = Axis::over([d("2021-03"), d("2022-02-10"), d("2021")]).expect("axis");
        assert_eq!(a.months, 12);
        assert_eq!(a.column(d("2021-03-31")), Some(0));
        assert_eq!(a.column(d("2021")), Some(9));
        assert_eq!(a.column(d("2022-02")), Some(11));
        assert_eq!(a.column(d("2022-03")), None);
        assert_eq!(
            a.month(10).map(|m| m.to_string()).as_deref(),
            Some("2022-01")
        );
        assert!(a.spans_years());
        assert!(Axis::over([]).is_none());
        let one = Axis::over([d("2021-01"), d("2021-12")]).expect("axis");
        assert!(!one.spans_years());
    }

    #[test]
    fn years_stand_over_januaries_and_the_first_month_when_they_fit() {
        let a = Axis::over([d("2021-11"), d("2023-02")]).expect("axis");
        assert_eq!(a.months, 16);
        // From November: 2021 fits (6 columns to January) before 2022.
        let line = year_line(&a, 0, 16, 0);
        assert_eq!(line.trim_end(), format!("2021  2022{}2023", " ".repeat(32)));
        // From December: no room before January's 2022.
        let line = year_line(&a, 1, 15, 0);
        assert!(line.starts_with("   2022"), "{line:?}");
        assert_eq!(width(&line), 45);
        let labels = month_labels(&a, 0, 3);
        assert_eq!(labels, ["11 ", "12 ", "1  "]);
    }

    #[test]
    fn a_grid_when_twelve_title_columns_and_twelve_months_fit() {
        let needs = Needs {
            number: 4,
            title: 40,
            unit: 12,
            when: 6,
            line: 0,
        };
        // 80 columns: a grid of 12 months, the title at least 12.
        let l = layout(80, 12, needs);
        assert!(l.grid);
        assert_eq!(l.months, 12);
        assert!(l.title >= MIN_TITLE, "{l:?}");
        assert_eq!(l.left + 2 + l.months * COL_W + 2, 80);
        // 200 columns: the left takes what its texts need, no more.
        let l = layout(200, 12, needs);
        assert_eq!((l.title, l.unit), (40, 12));
        // A longer span gets the room as months: 36 fit, 60 do not.
        assert_eq!(layout(200, 36, needs).months, 36);
        let l = layout(200, 60, needs);
        assert_eq!(l.months, (200 - 4 - l.left) / COL_W);
        // 50 columns: compact, the title still 12 and more.
        let l = layout(50, 12, needs);
        assert!(!l.grid);
        assert!(l.title >= MIN_TITLE, "{l:?}");
        assert_eq!(l.number + 1 + l.title + 1 + l.unit + 1 + l.when, 48);
    }

    #[test]
    fn the_first_month_keeps_the_as_of_month_in_view() {
        assert_eq!(first_shown(12, 12, Some(7), None), 0);
        assert_eq!(first_shown(36, 12, Some(30), None), 24);
        assert_eq!(first_shown(36, 12, Some(20), None), 16);
        assert_eq!(first_shown(36, 12, Some(20), Some(3)), 3);
        assert_eq!(first_shown(36, 12, None, Some(40)), 24);
    }

    #[test]
    fn compact_dates() {
        assert_eq!(when(d("2021-08"), false), "8月");
        assert_eq!(when(d("2021-08-05"), false), "8月5日");
        assert_eq!(when(d("2022"), false), "2022年");
        assert_eq!(when(d("2021-08"), true), "2021年8月");
    }
}
