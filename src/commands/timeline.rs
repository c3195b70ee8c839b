//! `timeline`: month labels, then one line per row with its ● under its
//! month; with `--json`, every row in catalogue order with its status.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{write_json, Error};
use crate::cli::{ByArg, KindArg, StatusArg, TimelineFormat};
use crate::domain::deadlines::{collect, Dated, Filter, What};
use crate::domain::timeline::{timelines, By, Status};
use crate::model::date::{Date, Precision};
use crate::model::Tree;
use crate::text::sanitize;
use crate::view::line::MISSING;

/// One dated item, as `--format json` writes it: the keys the decision
/// catalogue always had, and what every dated item adds.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    /// The decision's or task's number; empty for a document's dates.
    pub number: &'a str,
    pub title: &'a str,
    /// The unit as written (a document's issuer).
    pub unit: &'a str,
    pub due: Option<Date>,
    /// `past`, `due`, `upcoming` or `undated`, relative to the as-of date.
    pub status: &'static str,
    /// In an archive or library: the id of the entry the row is from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<&'a str>,
    /// `decision`, `task`, `effective` or `expires`.
    pub kind: &'static str,
    /// The entry's id.
    pub entry: &'a str,
    /// The canonical units.
    pub units: &'a [String],
    /// `day`, `month`, `year`, or null when undated.
    pub precision: Option<&'static str>,
    /// The node's id.
    pub id: &'a str,
}

/// The filters of the command line as the domain's.
pub fn filter(
    status: &[StatusArg],
    unit: &[String],
    year: &[u32],
    entry: &[String],
    kind: &[KindArg],
) -> Filter {
    Filter {
        statuses: status
            .iter()
            .map(|s| match s {
                StatusArg::Past => Status::Past,
                StatusArg::Due => Status::Due,
                StatusArg::Upcoming => Status::Upcoming,
                StatusArg::Undated => Status::Undated,
            })
            .collect(),
        units: unit
            .iter()
            .flat_map(|u| crate::domain::units::canonical(u))
            .collect(),
        years: year.to_vec(),
        entries: entry.to_vec(),
        kinds: kind
            .iter()
            .map(|k| match k {
                KindArg::Decision => What::Decision,
                KindArg::Task => What::Task,
                KindArg::Effective => What::Effective,
                KindArg::Expires => What::Expires,
            })
            .collect(),
    }
}

/// `--as-of YYYY-MM[-DD]`.
fn as_of_arg(as_of: Option<&str>) -> Result<Option<Date>, Error> {
    as_of
        .map(|s| {
            Date::parse(s)
                .ok()
                .filter(|d| d.precision() != Precision::Year)
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "--as-of {:?} is not a date YYYY-MM-DD or a month YYYY-MM",
                        sanitize(s)
                    ))
                })
        })
        .transpose()
}

fn precision(d: Option<Date>) -> Option<&'static str> {
    d.map(|d| match d.precision() {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
    })
}

/// `timeline [--as-of DATE] [--by item|month|unit] [--width N] [filters]
/// [--format text|json|csv|ics]`. Text: each decision catalogue's grid
/// (its rows filtered), then the other dated items as a list. The other
/// formats: every dated item that passes the filters.
pub fn run(
    tree: &Tree,
    as_of: Option<&str>,
    by: ByArg,
    width: usize,
    filter: &Filter,
    format: TimelineFormat,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let as_of = as_of_arg(as_of)?;
    // Statuses as of the date given; without one, a decision's as of its
    // catalogue's own date (as its grid shows it), every other item's as
    // of today.
    let all_grids = timelines(tree, as_of.and_then(Date::to_month));
    let when = as_of.unwrap_or_else(crate::model::date::today_day);
    let graded: std::collections::HashMap<usize, Status> = all_grids
        .iter()
        .flat_map(|t| t.rows.iter().map(|r| (r.node, r.status)))
        .collect();
    let items: Vec<Dated> = collect(tree, when)
        .into_iter()
        .map(|mut d| {
            if let (None, Some(&s)) = (as_of, graded.get(&d.node)) {
                d.status = s;
            }
            d
        })
        .filter(|d| filter.keeps(d))
        .collect();
    match format {
        TimelineFormat::Json => {
            let rows: Vec<Row> = items
                .iter()
                .map(|d| Row {
                    number: &d.number,
                    title: &d.title,
                    unit: &d.unit,
                    due: d.due,
                    status: d.status.name(),
                    issue: tree.is_archive().then_some(d.entry.as_str()),
                    kind: d.what.name(),
                    entry: &d.entry,
                    units: &d.units,
                    precision: precision(d.due),
                    id: &tree.nodes[d.node].id,
                })
                .collect();
            write_json(out, &rows)?;
            return Ok(ExitCode::SUCCESS);
        }
        TimelineFormat::Csv => {
            csv(tree, &items, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        TimelineFormat::Ics => {
            // RFC 5545 wants at least one component: no calendar rather
            // than an invalid one.
            if !items.iter().any(|d| d.due.is_some()) {
                return Err(Error::Usage(
                    "nothing to put in a calendar: no dated item passes the filters".into(),
                ));
            }
            out.write_all(ics(tree, &items).as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        TimelineFormat::Text => {}
    }
    if all_grids.is_empty() && items.is_empty() {
        return Err(Error::Absent(
            "dated item (a decision catalogue, a task with 完成时限, an effective or expiry date)",
        ));
    }
    let by = match by {
        ByArg::Item => By::Item,
        ByArg::Month => By::Month,
        ByArg::Unit => By::Unit,
    };
    let kept: std::collections::HashSet<usize> = items.iter().map(|d| d.node).collect();
    let mut first = true;
    for mut t in all_grids {
        t.rows.retain(|r| kept.contains(&r.node));
        if t.rows.is_empty() {
            continue;
        }
        if tree.is_archive() {
            if !first {
                writeln!(out)?;
            }
            writeln!(
                out,
                "{}",
                sanitize(&tree.title_of_entry(tree.nodes[t.table].entry))
            )?;
        }
        first = false;
        for line in crate::view::timeline::text(tree, &t, as_of, by, width) {
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    // Tasks, effective and expiry dates: a list, by date.
    let mut others: Vec<&Dated> = items.iter().filter(|d| d.what != What::Decision).collect();
    others.sort_by_key(|d| (d.due.is_none(), d.due, d.node));
    if !others.is_empty() {
        if !first {
            writeln!(out)?;
        }
        writeln!(out, "其他日期（任务、施行、失效）· as of {when}")?;
        for d in others {
            let due = d.due.map_or_else(|| MISSING.to_string(), |x| x.to_string());
            let mark = match d.what {
                What::Effective => "施行",
                What::Expires => "失效",
                _ => "任务",
            };
            let head = if d.number.is_empty() {
                mark.to_string()
            } else {
                format!("{mark} {}", d.number)
            };
            let line = format!(
                "{}  {}  {}  {}  {}",
                crate::text::pad_right(&due, 10),
                crate::text::pad_right(d.status.name(), 8),
                head,
                d.title,
                d.unit
            );
            writeln!(out, "{}", crate::text::truncate(&line, width).trim_end())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every item as CSV (RFC 4180), a header first.
fn csv(tree: &Tree, items: &[Dated], out: &mut impl Write) -> Result<(), Error> {
    let mut w = ::csv::Writer::from_writer(out);
    let row = |w: &mut ::csv::Writer<_>, r: [&str; 11]| -> Result<(), Error> {
        let clean: Vec<String> = r.iter().map(|s| sanitize(s).into_owned()).collect();
        w.write_record(&clean).map_err(super::csv_error)
    };
    row(
        &mut w,
        [
            "kind",
            "entry",
            "id",
            "doc_number",
            "number",
            "title",
            "unit",
            "units",
            "due",
            "precision",
            "status",
        ],
    )?;
    for d in items {
        let due = d.due.map(|x| x.to_string()).unwrap_or_default();
        row(
            &mut w,
            [
                d.what.name(),
                &d.entry,
                &tree.nodes[d.node].id,
                d.doc_number.as_deref().unwrap_or(""),
                &d.number,
                &d.title,
                &d.unit,
                &d.units.join("、"),
                &due,
                precision(d.due).unwrap_or(""),
                d.status.name(),
            ],
        )?;
    }
    w.flush()?;
    Ok(())
}

/// Text escaped for an iCalendar TEXT value: backslash, `;`, `,` and line
/// breaks (RFC 5545 3.3.11); control characters shown, never written.
fn ics_text(s: &str) -> String {
    let mut out = String::new();
    for c in sanitize(s).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (never inside a character), CRLF.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

/// An item's UID: its node's id and kind, and for a single file what names
/// its entry (its 文号, else its title and date: two files' `d1/t1/r1`
/// differ) — the same on every export.
fn uid(tree: &Tree, d: &Dated) -> String {
    let entry = tree.nodes[d.node].entry;
    let doc = tree.document_of(d.node);
    let name = match doc.and_then(|x| x.doc_number.clone()) {
        Some(n) => n,
        None => format!(
            "{}-{}",
            tree.title_of_entry(entry),
            doc.and_then(|x| x.date)
                .map_or_else(String::new, |x| x.to_string())
        ),
    };
    let id = &tree.nodes[d.node].id;
    // A library's or folder's node ids begin with their entry's.
    if tree.is_archive() {
        format!("{id}#{}@gongbao", d.what.name())
    } else {
        format!("{name}#{id}#{}@gongbao", d.what.name())
    }
}

/// Every dated item with a date as a VTODO of one calendar: DUE is the
/// last day the date stands for, UID the node's id and the kind (stable
/// across imports, so a calendar updates instead of duplicating). Undated
/// items have no DUE to give and are left out.
pub fn ics(tree: &Tree, items: &[Dated]) -> String {
    let mut out = String::new();
    let stamp = crate::model::date::now_utc_stamp();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        &format!(
            "PRODID:-//gongbao//gongbao {}//ZH",
            env!("CARGO_PKG_VERSION")
        ),
        "CALSCALE:GREGORIAN",
    ] {
        fold(l, &mut out);
    }
    for d in items {
        let Some(due) = d.due.map(Date::last_day) else {
            continue;
        };
        let summary = match d.what {
            What::Decision => format!("决策 {} {}", d.number, d.title),
            What::Task => format!("任务 {} {}", d.number, d.title),
            What::Effective => format!("施行 {}", d.title),
            What::Expires => format!("失效 {}", d.title),
        };
        let mut desc = vec![format!("单位：{}", d.unit), format!("条目：{}", d.entry)];
        if let Some(n) = &d.doc_number {
            desc.push(format!("文号：{n}"));
        }
        if let Some(given) = d.due {
            desc.push(format!("日期：{given}"));
        }
        let desc: Vec<String> = desc.iter().map(|l| ics_text(l)).collect();
        let lines = [
            "BEGIN:VTODO".to_string(),
            format!("UID:{}", ics_text(&uid(tree, d))),
            format!("DTSTAMP:{stamp}"),
            format!(
                "DUE;VALUE=DATE:{:04}{:02}{:02}",
                due.y(),
                due.m().unwrap_or(12),
                due.d().unwrap_or(31)
            ),
            format!("SUMMARY:{}", ics_text(&summary)),
            format!("DESCRIPTION:{}", desc.join("\\n")),
            format!("CATEGORIES:{}", d.what.name()),
            "END:VTODO".to_string(),
        ];
        for l in &lines {
            fold(l, &mut out);
        }
    }
    fold("END:VCALENDAR", &mut out);
    out
}

/// `due [--as-of DATE] [--oneline] [--format text|json]`: what is past,
/// due in the as-of month, due the month after, and by unit.
pub fn due(
    tree: &Tree,
    as_of: Option<&str>,
    oneline: bool,
    json: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let when = as_of_arg(as_of)?.unwrap_or_else(crate::model::date::today_day);
    let items = collect(tree, when);
    let month = when.to_month().unwrap_or(when);
    let next = month.add_months(1);
    let in_next = |d: &Dated| d.due.and_then(Date::to_month).is_some_and(|m| m == next);
    // Each list by date, then in tree order.
    let mut items = items;
    items.sort_by_key(|d| (d.due, d.node));
    // Overdue: decisions and tasks whose date has gone by (a document that
    // took effect is not overdue; one taking effect or expiring this month
    // or next is listed there).
    let past: Vec<&Dated> = items
        .iter()
        .filter(|d| d.status == Status::Past && matches!(d.what, What::Decision | What::Task))
        .collect();
    let now: Vec<&Dated> = items.iter().filter(|d| d.status == Status::Due).collect();
    let soon: Vec<&Dated> = items.iter().filter(|d| in_next(d)).collect();
    let mut by_unit: std::collections::BTreeMap<&str, (usize, usize, usize)> = Default::default();
    for (list, k) in [(&past, 0), (&now, 1), (&soon, 2)] {
        for d in list.iter() {
            for u in &d.units {
                let e = by_unit.entry(u.as_str()).or_default();
                match k {
                    0 => e.0 += 1,
                    1 => e.1 += 1,
                    _ => e.2 += 1,
                }
            }
        }
    }
    if json {
        #[derive(Serialize)]
        struct Item<'a> {
            kind: &'static str,
            id: &'a str,
            number: &'a str,
            title: &'a str,
            unit: &'a str,
            due: Option<Date>,
        }
        #[derive(Serialize)]
        struct Unit<'a> {
            unit: &'a str,
            past: usize,
            due: usize,
            next: usize,
        }
        #[derive(Serialize)]
        struct Report<'a> {
            as_of: Date,
            past: Vec<Item<'a>>,
            due: Vec<Item<'a>>,
            next_month: Vec<Item<'a>>,
            units: Vec<Unit<'a>>,
        }
        fn item<'a>(tree: &'a Tree, d: &'a Dated) -> Item<'a> {
            Item {
                kind: d.what.name(),
                id: &tree.nodes[d.node].id,
                number: &d.number,
                title: &d.title,
                unit: &d.unit,
                due: d.due,
            }
        }
        let report = Report {
            as_of: when,
            past: past.iter().map(|d| item(tree, d)).collect(),
            due: now.iter().map(|d| item(tree, d)).collect(),
            next_month: soon.iter().map(|d| item(tree, d)).collect(),
            units: by_unit
                .iter()
                .map(|(u, c)| Unit {
                    unit: u,
                    past: c.0,
                    due: c.1,
                    next: c.2,
                })
                .collect(),
        };
        write_json(out, &report)?;
        return Ok(ExitCode::SUCCESS);
    }
    if oneline {
        writeln!(
            out,
            "{} overdue · {} due {} · {} due {}",
            past.len(),
            now.len(),
            month,
            soon.len(),
            next
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let section = |out: &mut dyn Write, head: String, list: &[&Dated]| -> std::io::Result<()> {
        writeln!(out, "{head} ({})", list.len())?;
        for d in list {
            let due = d.due.map_or_else(|| MISSING.to_string(), |x| x.to_string());
            let line = format!(
                "  {}  {} {}  {}  {}",
                crate::text::pad_right(&due, 10),
                d.what.name(),
                d.number,
                d.title,
                d.unit
            );
            writeln!(out, "{}", crate::text::truncate(&line, 160).trim_end())?;
        }
        Ok(())
    };
    writeln!(out, "as of {when}")?;
    section(out, "overdue (past)".into(), &past)?;
    section(out, format!("due in {month}"), &now)?;
    section(out, format!("due in {next}"), &soon)?;
    writeln!(out, "by unit (overdue / due / next month)")?;
    for (u, (a, b, c)) in &by_unit {
        writeln!(out, "  {a:>3} {b:>3} {c:>3}  {}", sanitize(u))?;
    }
    Ok(ExitCode::SUCCESS)
}
