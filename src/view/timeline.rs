//! The timeline laid out by display width: a left part (number, title, unit)
//! and a 12-month grid whose markers sit under their month labels.

use crate::domain::timeline::{By, Status, Timeline};
use crate::model::date::Date;
use crate::model::Tree;
use crate::text::{pad_right, width};

/// Columns of one month in the grid (`10月` is 4 wide).
pub const MONTH_W: usize = 4;
pub const GRID_W: usize = 12 * MONTH_W;

/// Widths of the left part for a total width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cols {
    pub number: usize,
    pub title: usize,
    pub unit: usize,
    pub status: usize,
}

impl Cols {
    pub fn left(&self) -> usize {
        self.number + 1 + self.title + 1 + self.unit + 1
    }
}

/// Splits `total` columns: number 5, unit up to 14, status 9, the grid 48,
/// the title the rest (at least 8).
pub fn cols(t: &Timeline, total: usize) -> Cols {
    let number = t
        .rows
        .iter()
        .map(|r| width(&r.number))
        .max()
        .unwrap_or(1)
        .max(4);
    let unit = t
        .rows
        .iter()
        .map(|r| width(&r.unit))
        .max()
        .unwrap_or(4)
        .clamp(4, 14);
    let status = 9;
    let title = total
        .saturating_sub(number + unit + 3 + GRID_W + 1 + status)
        .max(8);
    Cols {
        number,
        title,
        unit,
        status,
    }
}

/// The month labels 1月 … 12月, each padded to `MONTH_W`.
pub fn month_labels() -> String {
    (1..=12)
        .map(|m| pad_right(&format!("{m}月"), MONTH_W))
        .collect()
}

/// A marker for a status: ● everywhere in text; the explorer colours it.
pub fn marker(status: Status) -> &'static str {
    match status {
        Status::Undated => "",
        _ => "●",
    }
}

/// The grid for one row: its marker under its month (when in the grid's year).
pub fn grid(t: &Timeline, due: Option<Date>, status: Status) -> String {
    let mut cells = vec![String::new(); 12];
    if let Some((y, Some(m))) = due.map(|d| (d.y(), d.m())) {
        if y == t.year {
            cells[(m - 1) as usize] = marker(status).to_string();
        }
    }
    cells.iter().map(|c| pad_right(c, MONTH_W)).collect()
}

/// The whole timeline as text lines.
pub fn text(tree: &Tree, t: &Timeline, as_of: Option<Date>, by: By, total: usize) -> Vec<String> {
    let c = cols(t, total);
    let _ = tree;
    let mut out = Vec::new();
    let head_left = format!(
        "{} {} {} ",
        pad_right("序号", c.number),
        pad_right(&format!("决策事项（{}年）", t.year), c.title),
        pad_right("承办单位", c.unit)
    );
    out.push(format!("{head_left}{} {}", month_labels(), "状态"));
    match by {
        By::Unit => {
            for lane in t.lanes() {
                let mut g = String::new();
                for n in lane.per_month {
                    let cell = match n {
                        0 => String::new(),
                        1 => "●".to_string(),
                        n => format!("●{n}"),
                    };
                    g.push_str(&pad_right(&cell, MONTH_W));
                }
                let numbers: Vec<&str> = lane
                    .rows
                    .iter()
                    .map(|&i| t.rows[i].number.as_str())
                    .collect();
                let left = format!(
                    "{} {} {} ",
                    pad_right(&lane.rows.len().to_string(), c.number),
                    pad_right(&numbers.join(" "), c.title),
                    pad_right(&lane.unit, c.unit)
                );
                let undated = lane
                    .rows
                    .iter()
                    .filter(|&&i| t.rows[i].status == Status::Undated)
                    .count();
                let tail = if undated > 0 {
                    format!("undated {undated}")
                } else {
                    String::new()
                };
                out.push(format!("{left}{g} {tail}"));
            }
        }
        _ => {
            for i in t.order(by) {
                let r = &t.rows[i];
                let left = format!(
                    "{} {} {} ",
                    pad_right(&r.number, c.number),
                    pad_right(&r.title, c.title),
                    pad_right(&r.unit, c.unit)
                );
                out.push(format!(
                    "{left}{} {}",
                    grid(t, r.due, r.status),
                    r.status.name()
                ));
            }
        }
    }
    let count = |s: Status| t.rows.iter().filter(|r| r.status == s).count();
    let when = match (as_of, &t.date) {
        (Some(m), _) => m.to_string(),
        (None, Some(d)) => d.to_string(),
        (None, None) => "—".into(),
    };
    out.push(String::new());
    out.push(format!(
        "● decision month · as of {when} · past {} · due {} · upcoming {} · undated {}",
        count(Status::Past),
        count(Status::Due),
        count(Status::Upcoming),
        count(Status::Undated)
    ));
    out
}
