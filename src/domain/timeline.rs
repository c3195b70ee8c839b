//! The decision catalogue as deadlines: each decision's month placed on its
//! year's 12 months, with a status relative to an as-of date.

use crate::model::date::Date;
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

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub node: NodeIx,
    pub number: String,
    pub title: String,
    /// The unit as written.
    pub unit: String,
    /// The canonical units it names (aliases merged, compounds split), as
    /// the units view counts them: the lanes and the unit filter use these.
    pub units: Vec<String>,
    pub due: Option<Date>,
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
    pub date: Option<Date>,
    pub rows: Vec<Row>,
}

/// A unit's lane: its rows and, per month, how many fall there.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub unit: String,
    pub rows: Vec<usize>,
    pub per_month: [usize; 12],
}

/// One displayed line of a timeline: a row of the catalogue, or a unit's lane.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Row(usize),
    Lane(Lane),
}

/// A date's status as of a month (a day given is taken as its month):
/// the one rule, [`super::deadlines::status`], at month precision.
pub fn status(due: Option<Date>, as_of: Date) -> Status {
    super::deadlines::status(due, as_of.to_month().unwrap_or(as_of))
}

/// Every decision catalogue of the tree, with statuses as of its own date
/// (or `as_of` when given).
pub fn timelines(tree: &Tree, as_of: Option<Date>) -> Vec<Timeline> {
    let mut out = Vec::new();
    for t in tree.of_kind(Kind::Table) {
        let decisions: Vec<NodeIx> = (t..=tree.subtree_end(t))
            .filter(|&i| tree.nodes[i].kind == Kind::Decision)
            .collect();
        if decisions.is_empty() {
            continue;
        }
        let date = tree.document_of(t).and_then(|d| d.date);
        let mut rows: Vec<Row> = decisions
            .iter()
            .filter_map(|&ix| match &tree.nodes[ix].data {
                Some(Node::Decision(d)) => Some(Row {
                    node: ix,
                    number: d.number.clone(),
                    title: d.title.clone(),
                    unit: d.unit.clone(),
                    units: crate::domain::units::canonical(&d.unit),
                    due: d.due,
                    status: Status::Undated,
                }),
                _ => None,
            })
            .collect();
        let mut years: Vec<u32> = rows.iter().filter_map(|r| r.due.map(Date::y)).collect();
        years.sort_unstable();
        let year = mode(&years).or_else(|| date.map(Date::y)).unwrap_or(0);
        let when = as_of
            .or_else(|| date.and_then(Date::to_month))
            .or_else(|| Date::month(year, 1))
            .unwrap_or_else(crate::model::date::today);
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

/// A name's sort key by pinyin: each character's default reading (the
/// character itself where it has none), then the name.
pub(crate) fn pinyin_key(name: &str) -> (Vec<String>, String) {
    let chars: Vec<char> = name.chars().collect();
    let key = crate::search::pinyin::readings(&chars)
        .into_iter()
        .zip(&chars)
        .map(|(r, c)| r.map_or_else(|| c.to_string(), str::to_string))
        .collect();
    (key, name.to_string())
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
    /// Row indices in the order of a grouping (for `By::Unit`, grouped by
    /// unit name, each in catalogue order).
    pub fn order(&self, by: By) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.rows.len()).collect();
        match by {
            By::Item => {}
            By::Month => idx.sort_by_key(|&i| (self.rows[i].due.is_none(), self.rows[i].due, i)),
            By::Unit => {
                idx.sort_by(|&a, &b| self.rows[a].units.cmp(&self.rows[b].units).then(a.cmp(&b)))
            }
        }
        idx
    }

    /// The lines shown for a grouping, only `unit`'s when given (a
    /// canonical name: rows naming it, or its lane).
    pub fn items(&self, by: By, unit: Option<&str>) -> Vec<Item> {
        match by {
            By::Unit => self
                .lanes()
                .into_iter()
                .filter(|l| unit.is_none_or(|u| l.unit == u))
                .map(Item::Lane)
                .collect(),
            by => self
                .order(by)
                .into_iter()
                .filter(|&i| unit.is_none_or(|u| self.rows[i].units.iter().any(|r| r == u)))
                .map(Item::Row)
                .collect(),
        }
    }

    /// The grid column (0–11) of a month, when it is in the grid's year.
    pub fn column(&self, date: Option<Date>) -> Option<usize> {
        let d = date?;
        (d.y() == self.year).then_some(())?;
        d.m().map(|m| (m - 1) as usize)
    }

    /// How many rows have each status.
    pub fn count(&self, status: Status) -> usize {
        self.rows.iter().filter(|r| r.status == status).count()
    }

    /// One lane per canonical unit, the units with most rows first, then
    /// by pinyin (then by name), with per-month counts in the grid's year;
    /// a row naming two units is in both lanes.
    pub fn lanes(&self) -> Vec<Lane> {
        let mut by_unit: std::collections::BTreeMap<&str, Lane> = Default::default();
        for (i, r) in self.rows.iter().enumerate() {
            for u in &r.units {
                let l = by_unit.entry(u).or_insert_with(|| Lane {
                    unit: u.clone(),
                    rows: Vec::new(),
                    per_month: [0; 12],
                });
                l.rows.push(i);
                if let Some(m) = self.column(r.due) {
                    l.per_month[m] += 1;
                }
            }
        }
        let mut lanes: Vec<Lane> = by_unit.into_values().collect();
        lanes.sort_by_cached_key(|l| (std::cmp::Reverse(l.rows.len()), pinyin_key(&l.unit)));
        lanes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_relative_to_the_as_of_month() {
        let d = |s: &str| Date::parse(s).ok();
        let aug = Date::month(2021, 8).unwrap_or_else(crate::model::date::today);
        assert_eq!(status(d("2021-07"), aug), Status::Past);
        assert_eq!(status(d("2021-08"), aug), Status::Due);
        assert_eq!(status(d("2021-08-31"), aug), Status::Due);
        assert_eq!(status(d("2021-12"), aug), Status::Upcoming);
        assert_eq!(status(d("2020-12"), aug), Status::Past);
        assert_eq!(status(d("2021"), aug), Status::Due);
        assert_eq!(status(d("2022"), aug), Status::Upcoming);
        assert_eq!(status(None, aug), Status::Undated);
    }

    #[test]
    fn the_catalogue_of_the_issue() {
        let tree = crate::model::load_embedded().expect("embedded");
        let tl = timelines(&tree, None);
        assert_eq!(tl.len(), 1);
        let t = &tl[0];
        assert_eq!(t.year, 2021);
        assert_eq!(t.date.map(|d| d.to_string()).as_deref(), Some("2021-08-04"));
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

#[cfg(test)]
mod canonical_units {
    use super::*;

    /// The timeline's lanes hold, for every unit of the units view, exactly
    /// the decisions the units view counts for it (aliases merged,
    /// compounds split): one canonicalisation for both.
    #[test]
    fn lanes_agree_with_the_units_view() {
        let tree = crate::model::load_embedded().expect("embedded");
        let units = crate::domain::units::Units::build(&tree);
        let t = &timelines(&tree, None)[0];
        let lanes = t.lanes();
        for u in units.units.iter().filter(|u| !u.decisions.is_empty()) {
            let lane = lanes.iter().find(|l| l.unit == u.unit).expect(&u.unit);
            let mut rows: Vec<NodeIx> = lane.rows.iter().map(|&i| t.rows[i].node).collect();
            rows.sort_unstable();
            assert_eq!(rows, u.decisions, "{}", u.unit);
        }
        assert!(lanes
            .iter()
            .all(|l| units.units.iter().any(|u| u.unit == l.unit)));
    }

    /// A decision written with an alias, and one naming two bodies: each is
    /// in its canonical units' lanes, as in the units view.
    #[test]
    fn aliases_and_compounds_in_lanes() {
        let doc = r#"Document(format: 2, id: "d1", title: "某某决策事项目录", date: Some("2021-03-01"), children: [
            Table((id: "d1/t1", header: [["序号", "决策事项", "承办单位", "决策时间"]], children: [
                Decision((id: "d1/t1/r1", number: "1", title: "甲", unit: "市住房城乡建委", due: Some("2021-05"))),
                Decision((id: "d1/t1/r2", number: "2", title: "乙", unit: "市住房城乡建设委", due: Some("2021-06"))),
                Decision((id: "d1/t1/r3", number: "3", title: "丙", unit: "市商务委及各行业主管部门", due: Some("2021-07"))),
            ])),
        ])"#;
        let tree = crate::model::load::parse(doc, std::path::Path::new("d.ron")).expect("parses");
        let t = &timelines(&tree, None)[0];
        let lanes: Vec<(String, usize)> = t
            .lanes()
            .into_iter()
            .map(|l| (l.unit, l.rows.len()))
            .collect();
        assert_eq!(
            lanes,
            // Most rows first, then by pinyin (ge before shi).
            [
                ("市住房城乡建设委".to_string(), 2),
                ("各行业主管部门".to_string(), 1),
                ("市商务委".to_string(), 1)
            ]
        );
    }
}
