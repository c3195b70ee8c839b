//! The timeline laid out by display width — the one layout behind
//! `gongbao timeline` and the explorer's timeline view: a left part (number,
//! title, unit) and a 12-month grid whose markers sit under their month
//! labels. The explorer draws the same cells in two panes and colours them
//! by status; the text form puts them on one line with a status column.

use crate::domain::timeline::{By, Item, Status, Timeline};
use crate::model::date::Date;
use crate::model::Tree;
use crate::text::{pad_right, truncate};

/// Columns of one month in the grid (`10月` is 4 wide).
pub const MONTH_W: usize = 4;
pub const GRID_W: usize = 12 * MONTH_W;
/// The status column of the text form (`upcoming` and a space).
const STATUS_W: usize = 9;

/// Widths of the left part's columns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cols {
    pub number: usize,
    pub title: usize,
    pub unit: usize,
}

impl Cols {
    /// The left part's width: the columns and a space after each.
    pub fn width(&self) -> usize {
        self.number + 1 + self.title + 1 + self.unit + 1
    }
}

/// Splits `left` display columns (everything before the grid): the number
/// as wide as the widest (4 to 5, at most a quarter), the unit as wide as
/// the widest (4 to 20, at most a third), the title the rest (at least 8).
pub fn cols(t: &Timeline, left: usize) -> Cols {
    let widest = |f: fn(&crate::domain::timeline::Row) -> &str, lo: usize, hi: usize| {
        t.rows
            .iter()
            .map(|r| crate::text::width(f(r)))
            .max()
            .unwrap_or(lo)
            .clamp(lo, hi)
    };
    let number = widest(|r| &r.number, 4, 5).min(left / 4).max(1);
    let unit = widest(|r| &r.unit, 4, 20).min(left / 3).max(1);
    let title = left.saturating_sub(number + unit + 3).max(8);
    Cols {
        number,
        title,
        unit,
    }
}

/// The heading of the left part. In lanes the columns hold a count, the
/// lane's decision numbers and the unit, and the heading says so.
pub fn header(t: &Timeline, by: By, c: Cols) -> String {
    let (number, title) = match by {
        By::Unit => ("件数".to_string(), "决策事项序号".to_string()),
        _ => ("序号".to_string(), format!("决策事项（{}年）", t.year)),
    };
    format!(
        "{} {} {} ",
        pad_right(&number, c.number),
        pad_right(&title, c.title),
        pad_right("承办单位", c.unit)
    )
}

/// The left part of one line.
pub fn left(t: &Timeline, item: &Item, c: Cols) -> String {
    match item {
        Item::Row(i) => {
            let r = &t.rows[*i];
            format!(
                "{} {} {} ",
                pad_right(&r.number, c.number),
                pad_right(&r.title, c.title),
                pad_right(&r.unit, c.unit)
            )
        }
        Item::Lane(l) => {
            let numbers: Vec<&str> = l.rows.iter().map(|&i| t.rows[i].number.as_str()).collect();
            format!(
                "{} {} {} ",
                pad_right(&l.rows.len().to_string(), c.number),
                pad_right(&numbers.join(" "), c.title),
                pad_right(&l.unit, c.unit)
            )
        }
    }
}

/// The marker of a status: past ●, due ◆, upcoming ○; nothing when undated.
pub fn marker(status: Status) -> &'static str {
    match status {
        Status::Past => "●",
        Status::Due => "◆",
        Status::Upcoming => "○",
        Status::Undated => "",
    }
}

/// One month's cell of a line: its text (a marker, and a count above one in
/// a lane) and the status it shows (`Undated` for an empty cell).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub status: Status,
}

/// What the grid of an undated row shows instead of its cells.
pub const UNDATED: &str = "(undated)";

/// The 12 cells of a line. A lane's month takes the status of its rows
/// there (one status per month: statuses are decided by month).
pub fn cells(t: &Timeline, item: &Item) -> Vec<Cell> {
    let mut cells = vec![
        Cell {
            text: String::new(),
            status: Status::Undated,
        };
        12
    ];
    match item {
        Item::Row(i) => {
            let r = &t.rows[*i];
            if let Some(m) = t.column(r.due) {
                cells[m] = Cell {
                    text: marker(r.status).to_string(),
                    status: r.status,
                };
            }
        }
        Item::Lane(l) => {
            for (m, &n) in l.per_month.iter().enumerate().filter(|(_, &n)| n > 0) {
                let status = l
                    .rows
                    .iter()
                    .map(|&i| &t.rows[i])
                    .find(|r| t.column(r.due) == Some(m))
                    .map_or(Status::Undated, |r| r.status);
                let text = match n {
                    1 => marker(status).to_string(),
                    n => format!("{}{n}", marker(status)),
                };
                cells[m] = Cell { text, status };
            }
        }
    }
    cells
}

/// The month labels 1月 … 12月, each padded to `MONTH_W` by display width
/// (`10月` is 4 columns, `8月` 3), so a highlight sits exactly over its month.
pub fn month_labels() -> Vec<String> {
    (1..=12)
        .map(|m| pad_right(&format!("{m}月"), MONTH_W))
        .collect()
}

/// The legend and the counts per status, as of a month (or the
/// catalogue's own date).
pub fn legend(t: &Timeline, as_of: Option<Date>) -> String {
    let when = match (as_of, &t.date) {
        (Some(m), _) => m.to_string(),
        (None, Some(d)) => d.to_string(),
        (None, None) => crate::view::line::MISSING.into(),
    };
    format!(
        "● past {} · ◆ due {} · ○ upcoming {} · ? undated {} · as of {when}",
        t.count(Status::Past),
        t.count(Status::Due),
        t.count(Status::Upcoming),
        t.count(Status::Undated)
    )
}

/// The whole timeline as text lines of at most `total` columns (when
/// `total` leaves the title its 8): the explorer's two panes side by side,
/// with a status column.
pub fn text(tree: &Tree, t: &Timeline, as_of: Option<Date>, by: By, total: usize) -> Vec<String> {
    let _ = tree;
    let c = cols(t, total.saturating_sub(GRID_W + 1 + STATUS_W));
    let mut out = vec![format!(
        "{}{} 状态",
        header(t, by, c),
        month_labels().concat()
    )];
    for item in t.items(by, None) {
        let grid: String = cells(t, &item)
            .iter()
            .map(|c| pad_right(&c.text, MONTH_W))
            .collect();
        let status = match &item {
            Item::Row(i) => t.rows[*i].status.name().to_string(),
            // A lane's rows by status, with the legend's marks: ●2◆1○1,
            // and ?N for the undated.
            Item::Lane(l) => [
                (Status::Past, "●"),
                (Status::Due, "◆"),
                (Status::Upcoming, "○"),
                (Status::Undated, "?"),
            ]
            .iter()
            .filter_map(|&(s, mark)| {
                let n = l.rows.iter().filter(|&&i| t.rows[i].status == s).count();
                (n > 0).then(|| format!("{mark}{n}"))
            })
            .collect(),
        };
        out.push(format!("{}{grid} {status}", left(t, &item, c)));
    }
    out.push(String::new());
    out.push(truncate(&legend(t, as_of), total.max(1)));
    out
}
