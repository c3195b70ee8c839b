//! A saved government web page → lines for the structure recogniser.
//!
//! The page is parsed with `scraper` (html5ever). The main text is found as
//! Mozilla's Readability finds it, simplified for government pages: every
//! paragraph scores by its length and its Chinese punctuation, a paragraph's
//! score goes to its parent and half of it to its grandparent, and the best
//! element is the body; what lies outside it (menus, footers, related links)
//! is dropped and reported. Tables stay tables (rowspan/colspan recorded),
//! `<br>` inside a heading joins, a bold run-in heading alone at the start
//! of a paragraph becomes its own line, and the 信息公开 table many sites put
//! on top (索引号, 发文机关, 成文日期, 标题, 发文字号, 发布日期) is the document's
//! metadata.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node as HNode};

use super::lines::{Line, TableBlock};
use crate::model::schema::Span;

/// Labels of the 信息公开 metadata table.
const META_LABELS: &[&str] = &[
    "索引号",
    "发文机关",
    "发布机构",
    "成文日期",
    "标题",
    "名称",
    "发文字号",
    "文号",
    "发布日期",
    "主题分类",
    "主题词",
    "公文种类",
    "有效性",
];

/// What a page gave: the main text's lines and its metadata table.
pub struct Page {
    pub lines: Vec<Line>,
    pub metadata: Vec<(String, String)>,
}

/// The charset a page declares in its first bytes (`<meta charset=…>` or
/// `content="text/html; charset=…"`).
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let p = head.find("charset=")? + "charset=".len();
    let rest = head[p..].trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_string())
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "center",
    "pre",
    "form",
    "header",
    "footer",
    "nav",
];

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

fn skip(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "head"
            | "iframe"
            | "button"
            | "input"
            | "select"
            | "textarea"
    )
}

fn text_of(e: ElementRef) -> String {
    let mut s = String::new();
    for t in e.text() {
        s.push_str(t);
    }
    normalize(&s)
}

/// Collapses whitespace as a browser shows it: a run becomes one space
/// (an ideographic space when the run has one), a line break between
/// Chinese characters nothing (it is the source's wrapping); ends trimmed.
fn normalize(s: &str) -> String {
    let mut out = String::new();
    // (has a line break, how many U+3000)
    let mut run: Option<(bool, usize)> = None;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            let r = run.get_or_insert((false, 0));
            r.0 |= c == '\n' || c == '\r';
            r.1 += usize::from(c == '\u{3000}');
            continue;
        }
        if let Some((newline, ideographic)) = run.take() {
            if !out.is_empty() {
                let wide = |x: char| !x.is_ascii();
                let prev_wide = out.chars().last().is_some_and(wide);
                if ideographic > 0 {
                    // Ideographic spaces are characters of the text.
                    out.extend(std::iter::repeat_n('\u{3000}', ideographic));
                } else if !(newline && prev_wide && wide(c)) {
                    out.push(' ');
                }
            }
        }
        out.push(c);
    }
    out
}

fn punctuation(s: &str) -> usize {
    s.chars()
        .filter(|c| matches!(c, '，' | '。' | '；' | '、' | '：'))
        .count()
}

/// Reads a page.
pub fn read(html: &str, report: &mut Vec<String>) -> Page {
    let doc = Html::parse_document(html);
    let metadata = metadata(&doc);
    let main = main_element(&doc);
    let mut lines = Vec::new();
    let mut current = String::new();
    if let Some(main) = main {
        walk(main, &mut lines, &mut current, false, 0);
        flush(&mut lines, &mut current);
    }
    // What was dropped: text blocks of the page outside the main element.
    if let Some(main) = main {
        let mut dropped = Vec::new();
        let body = doc
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "body");
        if let Some(body) = body {
            collect_outside(body, main.id(), &mut dropped, 0);
        }
        let meta_text: Vec<String> = metadata
            .iter()
            .flat_map(|(k, v)| [k.clone(), v.clone()])
            .collect();
        dropped.retain(|t| !t.is_empty() && !meta_text.iter().any(|m| t.contains(m.as_str())));
        if !dropped.is_empty() {
            let chars: usize = dropped.iter().map(|t| t.chars().count()).sum();
            report.push(format!(
                "dropped {} text blocks ({chars} characters) outside the main text: menus, links, footer (first: {:?})",
                dropped.len(),
                dropped[0].chars().take(30).collect::<String>()
            ));
        }
    } else {
        report.push("no main text found in the page".into());
    }
    for (k, l) in lines.iter_mut().enumerate() {
        l.no = k + 1;
    }
    Page { lines, metadata }
}

fn collect_outside(e: ElementRef, main: NodeId, out: &mut Vec<String>, depth: usize) {
    if e.id() == main || skip(e.value().name()) {
        return;
    }
    // Past a sane depth the rest is one block (no recursion to overflow).
    if depth > MAX_DEPTH {
        if !contains(e, main) {
            out.push(text_of(e));
        }
        return;
    }
    let mut own = String::new();
    for child in e.children() {
        match child.value() {
            HNode::Text(t) => own.push_str(t),
            HNode::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    if is_block(c.value().name()) {
                        collect_outside(c, main, out, depth + 1);
                    } else if !contains(c, main) {
                        own.push_str(&text_of(c));
                    } else {
                        collect_outside(c, main, out, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
    let own = normalize(&own);
    if !own.is_empty() {
        out.push(own);
    }
}

fn contains(e: ElementRef, id: NodeId) -> bool {
    e.descendants().any(|d| d.id() == id)
}

/// The 信息公开 table: cells whose text is a known label, each followed by its value.
fn metadata(doc: &Html) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for table in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "table")
    {
        let cells: Vec<String> = table
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "td" | "th"))
            .map(text_of)
            .collect();
        let label = |c: &str| {
            let k = c
                .trim_end_matches(['：', ':'])
                .replace([' ', '\u{3000}'], "");
            META_LABELS.contains(&k.as_str()).then_some(k)
        };
        let found = cells.iter().filter(|c| label(c).is_some()).count();
        if found < 3 {
            continue;
        }
        let mut k = 0;
        while k < cells.len() {
            if let Some(l) = label(&cells[k]) {
                let v = cells.get(k + 1).cloned().unwrap_or_default();
                if label(&v).is_none() {
                    out.push((l, v));
                    k += 2;
                    continue;
                }
            }
            k += 1;
        }
        break;
    }
    out
}

/// The element holding the main text (Readability's idea, simplified).
fn main_element(doc: &Html) -> Option<ElementRef<'_>> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for e in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let name = e.value().name();
        if !matches!(name, "p" | "div" | "td" | "li" | "h1" | "h2" | "h3") {
            continue;
        }
        // The element's own text (not its block children's).
        let mut own = String::new();
        let mut link = 0usize;
        for child in e.children() {
            match child.value() {
                HNode::Text(t) => own.push_str(t),
                HNode::Element(c) if !is_block(c.name()) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        let t = text_of(c);
                        if c.value().name() == "a" {
                            link += t.chars().count();
                        }
                        own.push_str(&t);
                    }
                }
                _ => {}
            }
        }
        let own = normalize(&own);
        let len = own.chars().count();
        if len < 4 || link * 2 > len {
            continue;
        }
        // A data table's cells are not the body (a layout table's text
        // cell, with sentences in it, is).
        if name == "td" && own.matches('。').count() < 3 {
            continue;
        }
        let score = 1.0 + punctuation(&own) as f64 + (len as f64 / 50.0).min(4.0);
        let mut up = e.parent();
        let mut weight = 1.0;
        for _ in 0..2 {
            let Some(p) = up else { break };
            *scores.entry(p.id()).or_default() += score * weight;
            weight /= 2.0;
            up = p.parent();
        }
    }
    let best = scores
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
    doc.tree.get(best.0).and_then(ElementRef::wrap).map(|e| {
        // A body split over sibling blocks (text in two of them): climb
        // while the parent adds sentences (not menus) and few links.
        let mut e = e;
        while let Some(p) = e.parent().and_then(ElementRef::wrap) {
            let links: usize = p
                .descendants()
                .filter_map(ElementRef::wrap)
                .filter(|x| x.value().name() == "a")
                .map(|a| text_of(a).chars().count())
                .sum();
            let total = text_of(p).chars().count().max(1);
            let sentences = |x: ElementRef| text_of(x).matches('。').count();
            if sentences(p) >= sentences(e) + 3 && links * 10 < total {
                e = p;
            } else {
                break;
            }
        }
        e
    })
}

fn flush(lines: &mut Vec<Line>, current: &mut String) {
    let t = normalize(current);
    if !t.is_empty() {
        lines.push(Line {
            text: t,
            ..Line::default()
        });
    }
    current.clear();
}

/// How deep the page's elements are followed; deeper, an element's text
/// is taken whole (a page nested thousands deep overflowed the stack).
const MAX_DEPTH: usize = 256;

fn walk(
    e: ElementRef,
    lines: &mut Vec<Line>,
    current: &mut String,
    in_heading: bool,
    depth: usize,
) {
    let name = e.value().name();
    if skip(name) {
        return;
    }
    if depth > MAX_DEPTH {
        current.push_str(&text_of(e));
        return;
    }
    if name == "table" {
        flush(lines, current);
        if let Some(block) = table(e) {
            lines.push(Line::of_table(block, 0));
        }
        return;
    }
    let heading = in_heading || matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    if is_block(name) {
        flush(lines, current);
    }
    // A paragraph led by a bold heading alone (`<strong>一、总体要求</strong>…`)
    // puts the heading on a line of its own.
    let mut first_bold = None;
    if name == "p" {
        let first = e
            .children()
            .find(|c| !matches!(c.value(), HNode::Text(t) if t.trim().is_empty()));
        if let Some(c) = first.and_then(ElementRef::wrap) {
            if matches!(c.value().name(), "strong" | "b") {
                let t = text_of(c);
                let ends = t.ends_with(['。', '；', '：', ':', '，']);
                if !ends && !t.is_empty() {
                    first_bold = Some(c.id());
                }
            }
        }
    }
    for child in e.children() {
        match child.value() {
            HNode::Text(t) => current.push_str(t),
            HNode::Element(el) => {
                if el.name() == "br" {
                    if !heading {
                        flush(lines, current);
                    }
                    continue;
                }
                if let Some(c) = ElementRef::wrap(child) {
                    walk(c, lines, current, heading, depth + 1);
                    if Some(c.id()) == first_bold {
                        flush(lines, current);
                    }
                }
            }
            _ => {}
        }
    }
    if is_block(name) {
        flush(lines, current);
    }
}

/// A `<table>`'s rows with merged cells placed as printed.
fn table(e: ElementRef) -> Option<TableBlock> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut spans = Vec::new();
    let mut taken: HashMap<(usize, usize), bool> = HashMap::new();
    let mut header_rows = 0;
    let mut all_th = true;
    let mut span_budget: usize = 1_000_000;
    let trs: Vec<ElementRef> = e
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|x| x.value().name() == "tr")
        // Rows of this table, not of a table nested in a cell.
        .filter(|tr| {
            tr.ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| a.value().name() == "table")
                .is_some_and(|t| t.id() == e.id())
        })
        .collect();
    for (r, tr) in trs.iter().enumerate() {
        let mut row: Vec<String> = Vec::new();
        let mut c = 0;
        let mut row_th = true;
        for cell in tr.children().filter_map(ElementRef::wrap) {
            let n = cell.value().name();
            if !matches!(n, "td" | "th") {
                continue;
            }
            row_th &= n == "th"
                || tr
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| a.value().name() == "thead");
            while taken.contains_key(&(r, c)) {
                if row.len() <= c {
                    row.resize(c + 1, String::new());
                }
                c += 1;
            }
            let num = |a: &str| {
                cell.value()
                    .attr(a)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000)
            };
            // A span reaches no further than the table's rows, at most 64
            // columns, and the table's spans cover at most a million cells
            // in all (a few cells spanning 1000×1000 took gigabytes).
            let rows_left = trs.len() - r;
            let (mut rs, mut cs) = (num("rowspan").min(rows_left), num("colspan").min(64));
            if span_budget < rs * cs {
                rs = 1;
                cs = 1;
            }
            span_budget -= rs * cs;
            let mut text = String::new();
            for (k, piece) in cell.text().enumerate() {
                let _ = k;
                text.push_str(piece);
            }
            // A `<br>` or `<p>` inside a cell is a line of the cell: joined.
            let text = normalize(&text);
            if row.len() <= c {
                row.resize(c + 1, String::new());
            }
            row[c] = text;
            if rs > 1 || cs > 1 {
                spans.push(Span {
                    row: r as u32,
                    col: c as u32,
                    rows: rs as u32,
                    cols: cs as u32,
                });
                for dr in 0..rs {
                    for dc in 0..cs {
                        if dr > 0 || dc > 0 {
                            taken.insert((r + dr, c + dc), true);
                        }
                    }
                }
            }
            c += cs;
        }
        while taken.contains_key(&(r, c)) {
            c += 1;
        }
        row.resize(row.len().max(c), String::new());
        if all_th && row_th && !row.is_empty() {
            header_rows += 1;
        } else {
            all_th = false;
        }
        rows.push(row);
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return None;
    }
    for row in &mut rows {
        row.resize(width, String::new());
    }
    // Without <th>, the first row is the header; a header cell spanning two
    // rows makes a two-row header.
    if header_rows == 0 {
        header_rows = 1 + spans
            .iter()
            .filter(|s| s.row == 0 && s.rows > 1)
            .map(|s| s.rows as usize - 1)
            .max()
            .unwrap_or(0);
    }
    Some(TableBlock {
        rows,
        header_rows: header_rows.min(trs.len()),
        spans,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rowspan_is_recorded_and_the_cells_it_covers_stay_empty() {
        let html = "<table><tr><th>序号</th><th>工作任务</th><th>责任单位</th></tr>\
            <tr><td>1</td><td>甲</td><td rowspan=\"2\">市商务局</td></tr>\
            <tr><td>2</td><td>乙</td></tr></table>";
        let doc = Html::parse_fragment(html);
        let t = doc
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "table")
            .and_then(table)
            .unwrap_or_default();
        assert_eq!(t.header_rows, 1);
        assert_eq!(t.rows[2], vec!["2", "乙", ""]);
        assert_eq!(
            t.spans,
            vec![Span {
                row: 1,
                col: 2,
                rows: 2,
                cols: 1
            }]
        );
    }

    #[test]
    fn charset_declarations() {
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
            )
            .as_deref(),
            Some("gb2312")
        );
        assert_eq!(
            declared_charset(b"<meta charset=\"utf-8\">").as_deref(),
            Some("utf-8")
        );
    }
}
