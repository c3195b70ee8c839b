//! Every dated item of what is loaded, for review and for other tools:
//! catalogue decisions (`due`), tasks with a due date (with its precision),
//! and documents' `effective` and `expires` dates. Each names its units
//! (canonical: aliases merged, compounds split), its entry and its status
//! relative to an as-of date.

use crate::model::date::{Date, Precision};
use crate::model::schema::Node;
use crate::model::{NodeIx, Tree};

use super::timeline::Status;

/// What kind of dated item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum What {
    Decision,
    Task,
    /// A document takes effect.
    Effective,
    /// A document expires.
    Expires,
}

impl What {
    pub fn name(self) -> &'static str {
        match self {
            What::Decision => "decision",
            What::Task => "task",
            What::Effective => "effective",
            What::Expires => "expires",
        }
    }

    /// The Chinese name shown on screen.
    pub fn label(self) -> &'static str {
        match self {
            What::Decision => "决策事项",
            What::Task => "任务",
            What::Effective => "施行",
            What::Expires => "失效",
        }
    }

    pub const ALL: [What; 4] = [What::Decision, What::Task, What::Effective, What::Expires];
}

/// One dated item.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    pub node: NodeIx,
    pub what: What,
    /// The decision's or task's number; empty for a document's dates.
    pub number: String,
    /// The decision's title, the task's text, the document's title.
    pub title: String,
    /// As written: the decision's unit, the task's lead units joined by 、,
    /// the document's issuer.
    pub unit: String,
    /// Canonical units.
    pub units: Vec<String>,
    pub due: Option<Date>,
    /// The entry's id (its root node's id).
    pub entry: String,
    /// The 文号 of the document it is in.
    pub doc_number: Option<String>,
    pub status: Status,
}

/// A date's status as of a day or month: a year-precise date is due in the
/// as-of year; a month-precise one in the as-of month; a day-precise one
/// from the as-of day to the end of its month (earlier in the month it has
/// gone by: past). An as-of month (no day) makes every day of it due.
pub fn status(due: Option<Date>, as_of: Date) -> Status {
    use std::cmp::Ordering::*;
    let Some(due) = due else {
        return Status::Undated;
    };
    let order = match due.precision() {
        Precision::Year => due.y().cmp(&as_of.y()),
        _ => match (due.to_month(), as_of.to_month()) {
            (Some(m), Some(a)) => match m.cmp(&a) {
                Equal => match (due.d(), as_of.d()) {
                    (Some(d), Some(a)) if d < a => Less,
                    _ => Equal,
                },
                other => other,
            },
            _ => due.y().cmp(&as_of.y()),
        },
    };
    match order {
        Less => Status::Past,
        Equal => Status::Due,
        Greater => Status::Upcoming,
    }
}

/// Every dated item of `tree` in tree order, with statuses as of `as_of`.
/// Tasks without a due date are not dated items (their 完成时限 says
/// `持续推进` or nothing); decisions are, undated when the catalogue gives
/// no month.
pub fn collect(tree: &Tree, as_of: Date) -> Vec<Dated> {
    let mut out = Vec::new();
    for (ix, n) in tree.nodes.iter().enumerate() {
        let Some(data) = &n.data else { continue };
        let entry = tree.nodes[tree.entry_node(n.entry)].id.clone();
        let doc_number = || tree.document_of(ix).and_then(|d| d.doc_number.clone());
        let mut push = |what, number: String, title: String, unit: String, units, due| {
            out.push(Dated {
                node: ix,
                what,
                number,
                title,
                unit,
                units,
                due,
                entry: entry.clone(),
                doc_number: doc_number(),
                status: status(due, as_of),
            })
        };
        match data {
            Node::Decision(d) => push(
                What::Decision,
                d.number.clone(),
                d.title.clone(),
                d.unit.clone(),
                super::units::canonical(&d.unit),
                d.due,
            ),
            Node::Task(t) if t.due.is_some() => {
                let mut units: Vec<String> = Vec::new();
                for u in t.lead.iter().flat_map(|u| super::units::canonical(u)) {
                    if !units.contains(&u) {
                        units.push(u);
                    }
                }
                push(
                    What::Task,
                    t.number.clone().unwrap_or_default(),
                    t.text.clone(),
                    t.lead.join("、"),
                    units,
                    t.due,
                )
            }
            Node::Document(d) => {
                let issuer = d.issuer.clone().unwrap_or_default();
                let units = if issuer.is_empty() {
                    Vec::new()
                } else {
                    super::units::canonical(&issuer)
                };
                for (what, date) in [(What::Effective, d.effective), (What::Expires, d.expires)] {
                    if date.is_some() {
                        push(
                            what,
                            String::new(),
                            d.title.clone(),
                            issuer.clone(),
                            units.clone(),
                            date,
                        );
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// What to keep: each filter, when given, must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub statuses: Vec<Status>,
    /// Canonical unit names.
    pub units: Vec<String>,
    pub years: Vec<u32>,
    /// Entry ids.
    pub entries: Vec<String>,
    pub kinds: Vec<What>,
}

impl Filter {
    pub fn keeps(&self, d: &Dated) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(&d.status))
            && (self.units.is_empty() || d.units.iter().any(|u| self.units.contains(u)))
            && (self.years.is_empty() || d.due.is_some_and(|x| self.years.contains(&x.y())))
            && (self.entries.is_empty() || self.entries.contains(&d.entry))
            && (self.kinds.is_empty() || self.kinds.contains(&d.what))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        Date::parse(s).ok()
    }

    #[test]
    fn statuses_by_precision() {
        let as_of = d("2021-08-04").expect("day");
        assert_eq!(status(d("2021-08-04"), as_of), Status::Due);
        assert_eq!(status(d("2021-08-31"), as_of), Status::Due);
        assert_eq!(status(d("2021-08-03"), as_of), Status::Past);
        assert_eq!(status(d("2021-08"), as_of), Status::Due);
        assert_eq!(status(d("2021-07-31"), as_of), Status::Past);
        assert_eq!(status(d("2021-09-01"), as_of), Status::Upcoming);
        assert_eq!(status(d("2021"), as_of), Status::Due);
        assert_eq!(status(d("2020"), as_of), Status::Past);
        assert_eq!(status(None, as_of), Status::Undated);
        // An as-of month: every day of it is due.
        let month = d("2021-08").expect("month");
        assert_eq!(status(d("2021-08-01"), month), Status::Due);
    }

    #[test]
    fn last_days() {
        // What the calendar export's DUE is: `Date::last_day`.
        let last = |s: &str| d(s).map(|x| x.last_day().to_string());
        assert_eq!(last("2021-02").as_deref(), Some("2021-02-28"));
        assert_eq!(last("2024-02").as_deref(), Some("2024-02-29"));
        assert_eq!(last("2021-12").as_deref(), Some("2021-12-31"));
        assert_eq!(last("2021").as_deref(), Some("2021-12-31"));
        assert_eq!(last("2021-06-15").as_deref(), Some("2021-06-15"));
        assert_eq!(last("9999-12").as_deref(), Some("9999-12-31"));
    }

    #[test]
    fn the_sample_has_its_decisions_and_one_effective_date() {
        let tree = crate::model::load_embedded().expect("sample");
        let all = collect(&tree, d("2021-08-04").expect("day"));
        let count = |w| all.iter().filter(|x| x.what == w).count();
        assert_eq!(count(What::Decision), 27);
        assert_eq!(count(What::Task), 0);
        assert_eq!(count(What::Effective), 1);
        let decisions: Vec<&Dated> = all.iter().filter(|x| x.what == What::Decision).collect();
        let by = |s| decisions.iter().filter(|x| x.status == s).count();
        assert_eq!(
            (by(Status::Past), by(Status::Due), by(Status::Upcoming)),
            (10, 5, 12)
        );
    }
}
