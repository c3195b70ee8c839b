//! Tab-separated table rows → a table node. The task allocation table becomes
//! part/group headings holding tasks; the decision catalogue becomes decisions.

use crate::model::schema::{Decision, Heading, Node, Table, Task};

use super::lines::{cn_number, squash, Line, TableBlock};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Plain,
    Tasks,
    Decisions,
}

fn cells(line: &Line) -> Vec<String> {
    line.text
        .split('\t')
        .map(|c| c.trim().to_string())
        .collect()
}

fn key(row: &[String]) -> String {
    squash(&row.concat())
}

/// Header rows and body rows (with their line numbers) of consecutive
/// tab-separated lines, all rows as wide as the widest.
fn read_rows(rows: &[Line], cleaned: &mut Vec<String>) -> (Vec<Vec<String>>, Vec<NumberedRow>) {
    let mut header: Vec<Vec<String>> = Vec::new();
    let mut body: Vec<(usize, Vec<String>)> = Vec::new();
    for line in rows {
        let row = cells(line);
        if header.is_empty() {
            header.push(row);
            continue;
        }
        if body.is_empty()
            && header.len() == 1
            && row.first().is_some_and(String::is_empty)
            && !row.iter().any(|c| c.chars().any(|ch| ch.is_ascii_digit()))
        {
            header.push(row);
            continue;
        }
        if key(&row) == key(&header[0]) {
            cleaned.push(format!("line {}: skipped a repeated table header", line.no));
            continue;
        }
        body.push((line.no, row));
    }
    let width = header
        .iter()
        .chain(body.iter().map(|(_, r)| r))
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    for row in header.iter_mut().chain(body.iter_mut().map(|(_, r)| r)) {
        row.resize(width.max(row.len()), String::new());
    }
    (header, body)
}

/// Builds a table from consecutive tab-separated lines.
pub fn parse(rows: &[Line], title: &str, cleaned: &mut Vec<String>) -> Node {
    let (header, body) = read_rows(rows, cleaned);
    let hkey = header.first().map(|h| key(h)).unwrap_or_default();
    let shape = if hkey.contains("牵头单位") {
        Shape::Tasks
    } else if hkey.contains("承办单位") && hkey.contains("决策时间") {
        Shape::Decisions
    } else {
        Shape::Plain
    };
    let mut table = Table {
        id: String::new(),
        title: title.to_string(),
        header,
        rows: Vec::new(),
        notes: Vec::new(),
        children: Vec::new(),
        ..Table::default()
    };
    match shape {
        Shape::Plain => table.rows = body.into_iter().map(|(_, r)| r).collect(),
        Shape::Tasks => tasks(&mut table, body),
        Shape::Decisions => decisions(&mut table, body, cleaned),
    }
    Node::Table(Box::new(table))
}

fn units(cell: &str) -> Vec<String> {
    cell.split('、')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// `一、推动…` → ("一", "推动…"); `(十一) 推进…。` → ("十一", "推进…").
fn numbered_heading(cell: &str) -> Option<(String, String, bool)> {
    let t = cell.trim();
    if let Some(rest) = t.strip_prefix(['(', '（']) {
        let close = rest.find([')', '）'])?;
        let num = rest[..close].trim();
        cn_number(num)?;
        let title = rest[close..].trim_start_matches([')', '）']).trim();
        return Some((num.to_string(), strip_stop(title), false));
    }
    let (num, title) = t.split_once('、')?;
    cn_number(num)?;
    Some((num.to_string(), strip_stop(title.trim()), true))
}

fn strip_stop(s: &str) -> String {
    s.strip_suffix('。').unwrap_or(s).to_string()
}

fn heading(number: String, title: String) -> Heading {
    Heading {
        id: String::new(),
        number,
        title,
        ..Heading::default()
    }
}

/// A part heading (if any), its group headings, and tasks outside any group.
type Part = (Option<Heading>, Vec<Heading>, Vec<Node>);

fn last_task(parts: &mut [Part]) -> Option<&mut Task> {
    let (_, groups, loose) = parts.last_mut()?;
    let list = match groups.last_mut() {
        Some(g) => &mut g.children,
        None => loose,
    };
    match list.last_mut() {
        Some(Node::Task(t)) => Some(t),
        _ => None,
    }
}

fn tasks(table: &mut Table, body: Vec<(usize, Vec<String>)>) {
    // parts[i] = (part heading, its groups)
    let mut parts: Vec<Part> = Vec::new();
    for (_, row) in body {
        let first = row.first().cloned().unwrap_or_default();
        let rest_empty = row.iter().skip(1).all(String::is_empty);
        if let (Some((num, title, part)), true) = (numbered_heading(&first), rest_empty) {
            if part || parts.is_empty() {
                parts.push((
                    part.then(|| heading(num.clone(), title.clone())),
                    Vec::new(),
                    Vec::new(),
                ));
                if part {
                    continue;
                }
            }
            if let Some((_, groups, _)) = parts.last_mut() {
                groups.push(heading(num, title));
            }
            continue;
        }
        let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
        if let Ok(number) = first.parse::<u32>() {
            if parts.is_empty() {
                parts.push((None, Vec::new(), Vec::new()));
            }
            let task = Node::Task(Task {
                id: String::new(),
                number: Some(number.to_string()),
                text: cell(1),
                lead: units(&cell(2)),
                support: units(&cell(3)),
                ..Task::default()
            });
            if let Some((_, groups, loose)) = parts.last_mut() {
                match groups.last_mut() {
                    Some(g) => g.children.push(task),
                    None => loose.push(task),
                }
            }
            continue;
        }
        if first.is_empty() {
            if let Some(t) = last_task(&mut parts) {
                t.text.push_str(&cell(1));
                t.lead.extend(units(&cell(2)));
                t.support.extend(units(&cell(3)));
                continue;
            }
        }
        table.rows.push(row);
    }
    for (part, groups, loose) in parts {
        let mut kids = loose;
        kids.extend(groups.into_iter().map(Node::Heading));
        match part {
            Some(mut h) => {
                h.children = kids;
                table.children.push(Node::Heading(h));
            }
            None => table.children.extend(kids),
        }
    }
}

/// A source line number and its cells.
type NumberedRow = (usize, Vec<String>);

fn decisions(table: &mut Table, body: Vec<(usize, Vec<String>)>, cleaned: &mut Vec<String>) {
    // Group each numbered row with the unnumbered rows under it.
    let mut groups: Vec<(String, Vec<NumberedRow>)> = Vec::new();
    for (no, row) in body {
        let first = row.first().map(|c| squash(c)).unwrap_or_default();
        if !first.is_empty() {
            groups.push((first, vec![(no, row)]));
        } else if let Some(g) = groups.last_mut() {
            g.1.push((no, row));
        } else {
            table.rows.push(row);
        }
    }
    for (number, rows) in groups {
        let several = rows.len() > 1;
        for (k, (no, row)) in rows.into_iter().enumerate() {
            let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
            let when = cell(3);
            let due = crate::model::date::Date::parse_cn(&when).filter(|d| d.m().is_some());
            if due.is_none() && !when.is_empty() {
                cleaned.push(format!(
                    "line {no}: decision month {when:?} not understood; left missing"
                ));
            }
            table.children.push(Node::Decision(Decision {
                id: String::new(),
                number: if several {
                    format!("{number}.{}", k + 1)
                } else {
                    number.clone()
                },
                title: cell(1),
                unit: cell(2),
                due,
            }));
        }
    }
}

use crate::model::columns::{col_of, Col};

/// A table from tab-separated lines, its tasks found by header names:
/// a lead column (牵头单位, or 责任单位 without one) makes it a task table;
/// 承办单位 with 决策时间 a decision catalogue. `year` resolves `12月底前`.
pub fn parse_with_year(
    rows: &[Line],
    title: &str,
    year: Option<u32>,
    cleaned: &mut Vec<String>,
) -> Node {
    let (header_rows, body) = read_rows(rows, cleaned);
    let header = header_rows.first().cloned().unwrap_or_default();
    let has_lead = header.iter().any(|h| {
        matches!(
            squash(h).as_str(),
            "牵头单位" | "主办单位" | "牵头部门" | "主责单位"
        )
    });
    let cols: Vec<Col> = header.iter().map(|h| col_of(h, has_lead)).collect();
    let hkey = key(&header);
    if !cols.contains(&Col::Lead) || (hkey.contains("承办单位") && hkey.contains("决策时间"))
    {
        return parse(rows, title, cleaned);
    }
    let rows_in = join_broken_rows(body.into_iter().collect(), header.len(), cleaned);
    let printed = rows_in.clone();
    tasks_by_header(
        header_rows,
        printed,
        rows_in,
        Vec::new(),
        title,
        year,
        cleaned,
    )
}

/// Rows broken inside a cell (the cell's text went on the next line): two
/// short rows that together fill the header are one, when the second does
/// not start with a number (a new task's).
fn join_broken_rows(
    body: Vec<NumberedRow>,
    width: usize,
    cleaned: &mut Vec<String>,
) -> Vec<Vec<String>> {
    let mut rows_in: Vec<Vec<String>> = Vec::new();
    let mut filled: Vec<usize> = Vec::new();
    for (no, row) in body {
        let n = row.iter().rposition(|c| !c.is_empty()).map_or(0, |p| p + 1);
        let starts_numbered = row.first().is_some_and(|c| {
            c.chars().all(|ch| ch.is_ascii_digit()) || numbered_heading(c).is_some()
        });
        if let (Some(prev), Some(&pn)) = (rows_in.last_mut(), filled.last()) {
            if pn > 1
                && pn < width
                && n > 0
                && pn + n - 1 == width
                && !row[0].is_empty()
                && !starts_numbered
            {
                cleaned.push(if no > 0 {
                    format!("line {no}: joined a table row broken inside a cell")
                } else {
                    "joined a table row broken inside a cell".to_string()
                });
                prev.truncate(pn);
                if let Some(last) = prev.last_mut() {
                    last.push_str(&row[0]);
                }
                prev.extend(row[1..n].iter().cloned());
                if let Some(f) = filled.last_mut() {
                    *f = width;
                }
                continue;
            }
        }
        rows_in.push(row);
        filled.push(n);
    }
    rows_in
}

/// A table from markup (HTML, Markdown, .docx): a task table by its header
/// names, a decision catalogue, or a plain table; merged cells recorded, and
/// their value given to each task they span.
pub fn from_block(b: &TableBlock, year: Option<u32>, cleaned: &mut Vec<String>) -> Node {
    let h = b.header_rows.max(1).min(b.rows.len());
    let mut filled = b.rows.clone();
    for sp in &b.spans {
        let v = filled
            .get(sp.row as usize)
            .and_then(|r| r.get(sp.col as usize))
            .cloned()
            .unwrap_or_default();
        for r in sp.row..sp.row + sp.rows {
            for c in sp.col..sp.col + sp.cols {
                if (r, c) == (sp.row, sp.col) {
                    continue;
                }
                if let Some(cell) = filled
                    .get_mut(r as usize)
                    .and_then(|row| row.get_mut(c as usize))
                {
                    *cell = v.clone();
                }
            }
        }
    }
    let header: Vec<Vec<String>> = b.rows[..h].to_vec();
    let hkey = key(header.first().map_or(&[][..], |r| r.as_slice()));
    if hkey.contains("承办单位") && hkey.contains("决策时间") {
        let mut table = Table {
            header,
            spans: b.spans.clone(),
            ..Table::default()
        };
        decisions(
            &mut table,
            filled[h..].iter().cloned().map(|r| (0, r)).collect(),
            cleaned,
        );
        return Node::Table(Box::new(table));
    }
    // A row broken inside a cell, as in text (only where nothing is merged).
    let (printed, filled) = if b.spans.is_empty() {
        let width = b.rows.first().map_or(0, Vec::len);
        let rows: Vec<NumberedRow> = b.rows[h..].iter().cloned().map(|r| (0, r)).collect();
        let joined = join_broken_rows(rows, width, cleaned);
        (joined.clone(), joined)
    } else {
        (b.rows[h..].to_vec(), filled[h..].to_vec())
    };
    tasks_by_header(header, printed, filled, b.spans.clone(), "", year, cleaned)
}

/// Tasks from rows by the header's column names (`filled`: the rows with
/// merged cells' values copied in); a table without a lead column is kept
/// as printed.
fn tasks_by_header(
    header_rows: Vec<Vec<String>>,
    printed: Vec<Vec<String>>,
    rows_in: Vec<Vec<String>>,
    spans: Vec<crate::model::schema::Span>,
    title: &str,
    year: Option<u32>,
    cleaned: &mut Vec<String>,
) -> Node {
    let header = crate::model::columns::column_names(&header_rows);
    let has_lead = header.iter().any(|h| {
        matches!(
            squash(h).as_str(),
            "牵头单位" | "主办单位" | "牵头部门" | "主责单位"
        )
    });
    let cols: Vec<Col> = header.iter().map(|h| col_of(h, has_lead)).collect();
    let mut table = Table {
        title: title.to_string(),
        header: header_rows,
        spans,
        ..Table::default()
    };
    if !cols.contains(&Col::Lead) {
        table.rows = printed;
        return Node::Table(Box::new(table));
    }
    // `排在首位的为牵头单位`: one unit column whose first name leads.
    let note_says_first_leads = |t: &str| {
        t.contains("牵头") && (t.contains("首位") || t.contains("第一") || t.contains("排在最前"))
    };
    let first_leads = !cols.contains(&Col::Support)
        && printed.iter().any(|r| {
            r.iter().filter(|c| !c.is_empty()).count() == 1
                && r.iter().any(|c| note_says_first_leads(c))
        });
    // A row of one cell that is a note, not a group heading, goes to the notes.
    // (One pass, keeping the rest in order.)
    let mut kept = Vec::with_capacity(rows_in.len());
    for (p, row) in printed.iter().zip(rows_in) {
        let cells: Vec<&String> = p.iter().filter(|c| !c.is_empty()).collect();
        let one = cells.len() == 1 && p.len() > 1;
        if one
            && numbered_heading(cells[0]).is_none()
            && row.iter().all(|c| c == cells[0] || c.is_empty())
        {
            table.notes.push(cells[0].clone());
            continue;
        }
        kept.push(row);
    }
    let rows_in = kept;
    let text_col = cols.iter().position(|c| *c == Col::Other);
    let mut groups: Vec<Node> = Vec::new();
    let mut loose: Vec<Node> = Vec::new();
    for row in rows_in {
        let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
        let filled = row.iter().filter(|c| !c.is_empty()).count();
        if filled == 1 {
            if let Some((num, title, _)) = numbered_heading(&row.concat()) {
                groups.push(Node::Heading(Heading {
                    number: num,
                    title,
                    label: row.concat().split(['、', '）', ')']).next().map_or(
                        String::new(),
                        |n| {
                            let sep = if row.concat().contains('、') {
                                "、"
                            } else {
                                "）"
                            };
                            format!("{n}{sep}")
                        },
                    ),
                    ..Heading::default()
                }));
                continue;
            }
        }
        let mut task = Task::default();
        for (i, c) in cols.iter().enumerate() {
            let v = cell(i);
            match c {
                Col::Number => task.number = (!v.is_empty()).then_some(v),
                Col::Lead if first_leads => {
                    let mut all = units(&v);
                    if !all.is_empty() {
                        task.lead = vec![all.remove(0)];
                    }
                    task.support.extend(all);
                }
                Col::Lead => task.lead = units(&v),
                Col::Support => task.support.extend(units(&v)),
                Col::Due => {
                    task.due = super::due::due_date(&v, year);
                    if task.due.is_none() && !v.is_empty() {
                        cleaned.push(format!(
                            "task deadline {v:?} names no date; kept as written"
                        ));
                    }
                    task.due_text = v;
                }
                Col::Other if Some(i) == text_col => task.text = v,
                Col::Other => task.fields.push((header[i].clone(), v)),
            }
        }
        if task.text.is_empty() && task.lead.is_empty() {
            table.rows.push(row);
            continue;
        }
        let node = Node::Task(task);
        match groups.last_mut() {
            Some(Node::Heading(g)) => g.children.push(node),
            _ => loose.push(node),
        }
    }
    table.children = loose;
    table.children.extend(groups);
    Node::Table(Box::new(table))
}
