//! The decision catalogue as deadlines: each decision's month placed on its
//! year's 12 months, with a status relative to an as-of date.

use crate::model::schema::Node;
use crate::model::{Kind, NodeIx, Tree};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// The month is before the as-of month.
    Past,
    /// The as-of month.
    Due,
    /// After the as-of month.
    Upcoming,
    /// No month in the source: listed, never placed.
    Undated,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Past => "past",
            Status::Due => "due",
            Status::Upcoming => "upcoming",
            Status::Undated => "undated",
        }
    }
}

/// A year and month.
pub type Month = (u32, u32);

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub node: NodeIx,
    pub number: String,
    pub title: String,
    pub unit: String,
    pub due: Option<Month>,
    pub status: Status,
}

/// Grouping of the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// Catalogue order.
    Item,
    /// By decision month, undated last.
    Month,
    /// One lane per unit.
    Unit,
}

impl By {
    pub fn next(self) -> By {
        match self {
            By::Item => By::Month,
            By::Month => By::Unit,
            By::Unit => By::Item,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            By::Item => "catalogue order",
            By::Month => "by month",
            By::Unit => "by unit",
        }
    }
}

/// One decision catalogue (a table holding decisions).
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub table: NodeIx,
    /// The year the grid shows: the year most rows fall in.
    pub year: u32,
    /// The catalogue's own date (its document's), the default as-of date.
    pub date: Option<String>,
    pub rows: Vec<Row>,
}

/// A unit's lane: its rows and, per month, how many fall there.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub unit: String,
    pub rows: Vec<usize>,
    pub per_month: [usize; 12],
}

pub fn parse_month(s: &str) -> Option<Month> {
    let (y, m) = s.split_once('-')?;
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12).contains(&m).then_some((y, m))
}

/// `YYYY-MM-DD` → its month.
pub fn parse_date(s: &str) -> Option<Month> {
    crate::model::load::is_date(s)
        .then(|| parse_month(&s[..7]))
        .flatten()
}

pub fn status(due: Option<Month>, as_of: Month) -> Status {
    match due {
        None => Status::Undated,
        Some(d) if d < as_of => Status::Past,
        Some(d) if d == as_of => Status::Due,
        Some(_) => Status::Upcoming,
    }
}

/// Every decision catalogue of the tree, with statuses as of its own date
/// (or `as_of` when given).
pub fn timelines(tree: &Tree, as_of: Option<Month>) -> Vec<Timeline> {
    let mut out = Vec::new();
    for t in tree.of_kind(Kind::Table) {
        let decisions: Vec<NodeIx> = (t..=tree.subtree_end(t))
            .filter(|&i| tree.nodes[i].kind == Kind::Decision)
            .collect();
        if decisions.is_empty() {
            continue;
        }
        let date = tree.document_of(t).map(|d| d.date.clone());
        let mut rows: Vec<Row> = decisions
            .iter()
            .filter_map(|&ix| match &tree.nodes[ix].data {
                Some(Node::Decision(d)) => Some(Row {
                    node: ix,
                    number: d.number.clone(),
                    title: d.title.clone(),
                    unit: d.unit.clone(),
                    due: d.due.as_deref().and_then(parse_month),
                    status: Status::Undated,
                }),
                _ => None,
            })
            .collect();
        let mut years: Vec<u32> = rows.iter().filter_map(|r| r.due.map(|d| d.0)).collect();
        years.sort_unstable();
        let year = mode(&years)
            .or_else(|| date.as_deref().and_then(parse_date).map(|d| d.0))
            .unwrap_or(0);
        let when = as_of
            .or_else(|| date.as_deref().and_then(parse_date))
            .unwrap_or((year, 1));
        for r in &mut rows {
            r.status = status(r.due, when);
        }
        out.push(Timeline {
            table: t,
            year,
            date,
            rows,
        });
    }
    out
}

fn mode(sorted: &[u32]) -> Option<u32> {
    let mut best: Option<(usize, u32)> = None;
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().take_while(|&&y| y == sorted[i]).count();
        if best.is_none_or(|b| j > b.0) {
            best = Some((j, sorted[i]));
        }
        i += j;
    }
    best.map(|b| b.1)
}

impl Timeline {
    /// Re-computes every status for another as-of month.
    pub fn set_as_of(&mut self, as_of: Month) {
        for r in &mut self.rows {
            r.status = status(r.due, as_of);
        }
    }

    /// Row indices in the order of a grouping (for `By::Unit`, grouped by
    /// unit name, each in catalogue order).
    pub fn order(&self, by: By) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.rows.len()).collect();
        match by {
            By::Item => {}
            By::Month => idx.sort_by_key(|&i| (self.rows[i].due.is_none(), self.rows[i].due, i)),
            By::Unit => {
                idx.sort_by(|&a, &b| self.rows[a].unit.cmp(&self.rows[b].unit).then(a.cmp(&b)))
            }
        }
        idx
    }

    /// One lane per unit (in name order), with per-month counts in the grid's year.
    pub fn lanes(&self) -> Vec<Lane> {
        let mut lanes: Vec<Lane> = Vec::new();
        for i in self.order(By::Unit) {
            let r = &self.rows[i];
            if lanes.last().is_none_or(|l| l.unit != r.unit) {
                lanes.push(Lane {
                    unit: r.unit.clone(),
                    rows: Vec::new(),
                    per_month: [0; 12],
                });
            }
            if let Some(l) = lanes.last_mut() {
                l.rows.push(i);
                if let Some((y, m)) = r.due {
                    if y == self.year {
                        l.per_month[(m - 1) as usize] += 1;
                    }
                }
            }
        }
        lanes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_relative_to_the_as_of_month() {
        assert_eq!(status(Some((2021, 7)), (2021, 8)), Status::Past);
        assert_eq!(status(Some((2021, 8)), (2021, 8)), Status::Due);
        assert_eq!(status(Some((2021, 12)), (2021, 8)), Status::Upcoming);
        assert_eq!(status(Some((2020, 12)), (2021, 1)), Status::Past);
        assert_eq!(status(None, (2021, 8)), Status::Undated);
    }

    #[test]
    fn the_catalogue_of_the_issue() {
        let tree = crate::model::load_embedded().expect("embedded");
        let tl = timelines(&tree, None);
        assert_eq!(tl.len(), 1);
        let t = &tl[0];
        assert_eq!(t.year, 2021);
        assert_eq!(t.date.as_deref(), Some("2021-08-04"));
        assert_eq!(t.rows.len(), 27);
        let count = |s| t.rows.iter().filter(|r| r.status == s).count();
        assert_eq!(count(Status::Due), 5);
        assert_eq!(
            count(Status::Past) + count(Status::Due) + count(Status::Upcoming),
            27
        );
        let lanes = t.lanes();
        let ndrc = lanes
            .iter()
            .find(|l| l.unit == "市发展改革委")
            .expect("lane");
        assert_eq!(ndrc.rows.len(), 4);
        assert_eq!(
            ndrc.per_month[2] + ndrc.per_month[11] + ndrc.per_month[5] + ndrc.per_month[7],
            4
        );
    }
}
