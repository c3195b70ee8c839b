//! The reader: a node and its subtree as display lines of a given width.
//!
//! Paragraphs wrap with Chinese line breaking and a two-character first-line
//! indent; columns (专栏) are boxed; tables align by display width. Every line
//! knows the node it shows, so the explorer can scroll to a node and a click
//! or Enter on a line can select it.

use crate::domain::citations::{Citations, Field};
use crate::model::columns;
use crate::model::schema::{Node, Role};
use crate::model::{Kind, NodeIx, Tree};
use crate::text::{sanitize, truncate, width, wrap_indent};

use super::table::{layout, Row};

use super::line::boxed;
pub use super::line::{Block, Lines, RLine, Span, Tone, Wrapped, MISSING};
use std::sync::Arc;

/// The indent of a paragraph's first line: two ideographic spaces' width.
const INDENT: &str = "    ";

/// Paragraphs with at least this many bytes of text are kept wrapped as
/// ranges ([`Wrapped`]) and made into lines only when shown.
pub const LAZY_FROM: usize = 16 * 1024;

/// Wrapped long paragraphs kept between renderings, keyed by their text,
/// width and indents: moving back onto a 60 MB paragraph does not wrap it
/// again. Bounded in bytes; the oldest go first.
#[derive(Debug, Default, Clone)]
pub struct WrapCache {
    entries: Vec<(u64, Arc<Wrapped>)>,
}

impl WrapCache {
    /// What the cache may hold, in bytes of text and line ranges.
    pub const MAX_BYTES: usize = 256 << 20;

    fn get(&mut self, key: u64) -> Option<Arc<Wrapped>> {
        let at = self.entries.iter().position(|(k, _)| *k == key)?;
        let e = self.entries.remove(at);
        let w = e.1.clone();
        self.entries.push(e);
        Some(w)
    }

    fn put(&mut self, key: u64, w: Arc<Wrapped>) {
        self.entries.push((key, w));
        while self.entries.len() > 1
            && self.entries.iter().map(|(_, w)| w.size()).sum::<usize>() > Self::MAX_BYTES
        {
            self.entries.remove(0);
        }
    }
}

/// Renders a node and its subtree in `width` display columns. Every line is at
/// most `width` wide (a narrow width degrades by cutting, never by panicking).
pub fn render(tree: &Tree, ix: NodeIx, width: usize) -> Lines {
    render_with(tree, ix, width, LAZY_FROM, &mut WrapCache::default(), None)
}

/// [`render`], long paragraphs (from `lazy_from` bytes) kept as ranges and
/// taken from (and put into) `cache`; with `cites`, citations in texts as
/// [`Tone::Link`]s (the index of the link in `cites`).
pub fn render_with(
    tree: &Tree,
    ix: NodeIx,
    width: usize,
    lazy_from: usize,
    cache: &mut WrapCache,
    cites: Option<&Citations>,
) -> Lines {
    let mut r = Renderer {
        tree,
        out: Vec::new(),
        sticky: Vec::new(),
        lazy_from,
        cache,
        cites,
    };
    let w = width.max(1);
    match t_kind(tree, ix) {
        Kind::Issue => r.issue(ix, w),
        Kind::Archive | Kind::Year => r.archive(ix, w),
        _ => r.node(ix, w),
    }
    let sticky = std::mem::take(&mut r.sticky);
    let mut out = r.out;
    // No blank lines at the end.
    loop {
        match out.last_mut() {
            Some(Block::Line(l)) if l.plain().trim().is_empty() => {
                out.pop();
            }
            Some(Block::Para { wrapped, shown, .. }) if is_blank(&wrapped.line(*shown - 1)) => {
                *shown -= 1;
                if *shown == 0 {
                    out.pop();
                }
            }
            _ => break,
        }
    }
    for b in &mut out {
        if let Block::Line(line) = b {
            clip(&mut line.spans, w);
        }
    }
    Lines::new(out, w).with_sticky(sticky)
}

fn is_blank(spans: &[Span]) -> bool {
    spans.iter().all(|s| s.text.trim().is_empty())
}

fn t_kind(tree: &Tree, ix: NodeIx) -> Kind {
    tree.nodes[ix].kind
}

/// Cuts spans so the line is at most `max` columns wide.
pub(super) fn clip(spans: &mut Vec<Span>, max: usize) {
    let mut used = 0;
    let mut keep = 0;
    for s in spans.iter_mut() {
        let w = width(&s.text);
        if used + w <= max {
            used += w;
            keep += 1;
            continue;
        }
        let mut cut = String::new();
        for c in s.text.chars() {
            let cw = width(c.encode_utf8(&mut [0; 4]));
            if used + cw > max {
                break;
            }
            used += cw;
            cut.push(c);
        }
        s.text = cut;
        keep += 1;
        break;
    }
    spans.truncate(keep);
}

struct Renderer<'a> {
    tree: &'a Tree,
    out: Vec<Block>,
    /// Each table's lines: where it starts, where its body starts, where
    /// it ends.
    sticky: Vec<(usize, usize, usize)>,
    lazy_from: usize,
    cache: &'a mut WrapCache,
    cites: Option<&'a Citations>,
}

impl Renderer<'_> {
    /// A node's text as parts: its citations as links, the rest in `tone`.
    fn linked<'t>(&self, ix: NodeIx, text: &'t str, tone: Tone) -> Vec<(&'t str, Tone)> {
        let Some(cites) = self.cites else {
            return vec![(text, tone)];
        };
        let (base, links) = cites.in_node(ix);
        if !links.iter().any(|l| l.field == Field::Text) {
            return vec![(text, tone)];
        }
        // Character offsets to bytes.
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        let at = |c: usize| bytes.get(c).copied().unwrap_or(text.len());
        let mut parts = Vec::new();
        let mut done = 0;
        for (k, l) in links.iter().enumerate() {
            if l.field != Field::Text || at(l.start) < done {
                continue;
            }
            let (a, b) = (at(l.start), at(l.end));
            if a > done {
                parts.push((&text[done..a], tone));
            }
            parts.push((&text[a..b], Tone::Link((base + k) as u32)));
            done = b;
        }
        if done < text.len() {
            parts.push((&text[done..], tone));
        }
        parts
    }

    fn push(&mut self, node: NodeIx, spans: Vec<Span>) {
        self.out.push(Block::Line(RLine { spans, node }));
    }

    fn blank(&mut self, node: NodeIx) {
        let last_blank = match self.out.last() {
            None => return,
            Some(Block::Line(l)) => is_blank(&l.spans),
            Some(Block::Para { wrapped, shown, .. }) => is_blank(&wrapped.line(*shown - 1)),
        };
        if !last_blank {
            self.push(node, Vec::new());
        }
    }

    /// Wraps `parts` (text with tones) as one paragraph.
    fn para(
        &mut self,
        node: NodeIx,
        parts: &[(&str, Tone)],
        width: usize,
        first: &str,
        rest: &str,
    ) {
        let size: usize = parts.iter().map(|(t, _)| t.len()).sum();
        if size < self.lazy_from {
            for spans in styled_wrap(parts, width, first, rest) {
                self.push(node, spans);
            }
            return;
        }
        let key = wrap_key(parts, width, first, rest);
        let wrapped = match self.cache.get(key) {
            Some(w) => w,
            None => {
                super::line::counters::wrapped();
                let w = Arc::new(Wrapped::new(parts, width, first, rest));
                self.cache.put(key, w.clone());
                w
            }
        };
        if wrapped.is_empty() {
            return;
        }
        self.out.push(Block::Para {
            node,
            shown: wrapped.len(),
            wrapped,
            frames: Vec::new(),
        });
    }

    /// An archive: one line per issue (Enter in the reader opens it).
    /// A library (by year) or one of its years: each entry on a line with
    /// its date, an issue with its number of documents.
    fn archive(&mut self, at: NodeIx, w: usize) {
        let t = self.tree;
        let whole = t.nodes[at].kind == Kind::Archive;
        let title = if whole { t.root_title() } else { t.label(at) };
        self.para(at, &[(&title, Tone::Title)], w, "", "");
        self.blank(at);
        let years = if whole {
            t.nodes[0].children.clone()
        } else {
            vec![at]
        };
        for y in years {
            if whole {
                let head = format!("{} · {}", t.label(y), t.nodes[y].children.len());
                self.para(y, &[(&head, Tone::Heading)], w, "", "");
            }
            for &ix in &t.nodes[y].children {
                let k = t.nodes[ix].entry;
                let line = match t.issue_of(k) {
                    Some(i) => format!(
                        "{}  {} · {}篇",
                        t.title_of_entry(k),
                        i.published,
                        t.nodes[ix].children.len()
                    ),
                    None => {
                        let date = t
                            .document_of(ix)
                            .and_then(|d| d.date)
                            .map_or_else(|| MISSING.to_string(), |d| d.to_string());
                        format!("{}  {date}", t.title_of_entry(k))
                    }
                };
                self.para(ix, &[(&line, Tone::Plain)], w, "  ", "    ");
            }
        }
    }

    fn issue(&mut self, at: NodeIx, w: usize) {
        let t = self.tree;
        let k = t.nodes[at].entry;
        let Some(i) = t.issue_of(k) else {
            return;
        };
        self.para(at, &[(&t.title_of_entry(k), Tone::Title)], w, "", "");
        let line2 = format!("{} · {} 出版", i.publisher, i.published);
        self.para(at, &[(&line2, Tone::Meta)], w, "", "");
        self.blank(at);
        self.push(at, vec![Span::new("目 录", Tone::Heading)]);
        let docs: Vec<NodeIx> = t.nodes[at].children.clone();
        let mut category = "";
        for (k, e) in i.contents.iter().enumerate() {
            let node = docs.get(k).copied().unwrap_or(at);
            if e.category != category {
                category = &e.category;
                self.push(
                    node,
                    vec![Span::new(format!("【{}】", sanitize(category)), Tone::Lead)],
                );
            }
            self.toc_line(node, &e.title, e.page, w);
        }
        self.blank(at);
        self.push(at, vec![Span::new("CONTENTS", Tone::Heading)]);
        let mut category = "";
        for (k, e) in i.contents_en.iter().enumerate() {
            let node = docs.get(k).copied().unwrap_or(at);
            if e.category != category {
                category = &e.category;
                self.para(node, &[(category, Tone::Lead)], w, "", "");
            }
            self.toc_line(node, &e.title, e.page, w);
        }
        if !i.back_matter.is_empty() {
            self.blank(at);
            for l in &i.back_matter {
                self.para(at, &[(l, Tone::Dim)], w, "", "");
            }
        }
    }

    /// A contents line: the title wrapped, its page right-aligned after dots.
    fn toc_line(&mut self, node: NodeIx, title: &str, page: Option<u32>, w: usize) {
        let page = page.map_or_else(|| MISSING.to_string(), |p| p.to_string());
        let pw = width(&page) + 1;
        let mut lines = wrap_indent(title, w.saturating_sub(pw).max(4), "  ", "  ");
        let last = lines.pop().unwrap_or_default();
        for l in lines {
            self.push(node, vec![Span::new(l, Tone::Plain)]);
        }
        let dots = w.saturating_sub(width(&last) + width(&page));
        self.push(
            node,
            vec![
                Span::new(last, Tone::Plain),
                Span::new("·".repeat(dots), Tone::Dim),
                Span::new(page, if pw > 1 { Tone::Meta } else { Tone::Missing }),
            ],
        );
    }

    fn children(&mut self, ix: NodeIx, w: usize) {
        let kids = self.tree.nodes[ix].children.clone();
        for k in kids {
            self.node(k, w);
        }
    }

    fn node(&mut self, ix: NodeIx, w: usize) {
        let t = self.tree;
        let data = match &t.nodes[ix].data {
            Some(d) => d,
            None => return,
        };
        match data {
            Node::Document(d) => {
                self.para(ix, &[(&d.title, Tone::Title)], w, "", "");
                let na = MISSING.to_string();
                let page = d.page.map_or_else(|| na.clone(), |p| p.to_string());
                let en = d.title_en.clone();
                let date = |d: Option<crate::model::date::Date>| d.map(|d| d.to_string());
                let (date, effective, expires) = (date(d.date), date(d.effective), date(d.expires));
                let mut rows: Vec<(&str, Option<&str>)> = vec![
                    ("文号", d.doc_number.as_deref()),
                    ("发文", d.issuer.as_deref()),
                    ("日期", date.as_deref()),
                ];
                // Fields only some documents have are shown where they have them.
                let optional = [
                    ("类别", d.category.as_deref()),
                    ("页码", d.page.is_some().then_some(page.as_str())),
                    ("英文", en.as_deref()),
                    ("文种", d.genre.as_deref()),
                    ("施行", effective.as_deref()),
                    ("失效", expires.as_deref()),
                ];
                let in_issue = d.category.is_some() || d.page.is_some();
                for (label, value) in optional {
                    if value.is_some() || (in_issue && matches!(label, "类别" | "页码" | "英文"))
                    {
                        rows.push((label, value));
                    }
                }
                for (label, value) in rows {
                    let (v, tone) = match value {
                        Some(v) if !v.is_empty() => (v, Tone::Plain),
                        _ => (MISSING, Tone::Missing),
                    };
                    self.para(
                        ix,
                        &[(label, Tone::Meta), ("  ", Tone::Plain), (v, tone)],
                        w,
                        "",
                        "      ",
                    );
                }
                self.blank(ix);
                self.children(ix, w);
            }
            Node::Attachment(c) => {
                self.blank(ix);
                self.para(ix, &[(&c.title, Tone::Title)], w, "", "");
                self.blank(ix);
                self.children(ix, w);
            }
            Node::Part(h)
            | Node::Chapter(h)
            | Node::Section(h)
            | Node::Industry(h)
            | Node::Heading(h) => {
                let kind = t.nodes[ix].kind;
                if matches!(kind, Kind::Chapter | Kind::Part) {
                    self.blank(ix);
                }
                let label = t.label(ix);
                let label = match kind {
                    Kind::Section | Kind::Industry if !h.text.is_empty() => format!("{label}。"),
                    _ => label,
                };
                if h.text.is_empty() {
                    self.para(ix, &[(&label, Tone::Heading)], w, "", "");
                } else {
                    let mut parts = vec![(label.as_str(), Tone::Heading)];
                    parts.extend(self.linked(ix, &h.text, Tone::Plain));
                    self.para(ix, &parts, w, INDENT, "");
                }
                self.children(ix, w);
            }
            Node::Article(h) | Node::Item(h) => {
                let label = t.printed_number(ix);
                let gap = if label.ends_with(['）', ')', '、', '.', '．']) {
                    ""
                } else {
                    "　"
                };
                let label = format!("{label}{gap}");
                // A run-in heading (`坚持统筹推进。…`) had its 。 printed.
                let title = if h.title.is_empty() {
                    String::new()
                } else if h.text.is_empty() {
                    h.title.clone()
                } else {
                    format!("{}。", h.title)
                };
                let indent = if t.nodes[ix].kind == Kind::Article {
                    ""
                } else {
                    INDENT
                };
                let mut parts = vec![(label.as_str(), Tone::Lead), (title.as_str(), Tone::Lead)];
                parts.extend(self.linked(ix, &h.text, Tone::Plain));
                self.para(ix, &parts, w, indent, "");
                self.children(ix, w);
            }
            Node::Column(h) => self.column(ix, h.number.as_str(), &h.title, w),
            Node::Segment(n) => {
                let lead = format!("{}。", n.title);
                let mut parts = vec![(lead.as_str(), Tone::Lead)];
                parts.extend(self.linked(ix, &n.text, Tone::Plain));
                self.para(ix, &parts, w, INDENT, "");
            }
            Node::Entry(n) => {
                let lead = format!("{}：", n.title);
                let mut parts = vec![(lead.as_str(), Tone::Lead)];
                parts.extend(self.linked(ix, &n.text, Tone::Plain));
                self.para(ix, &parts, w, "", "");
            }
            Node::Paragraph(p) => match p.role {
                Role::Signature | Role::Date => {
                    let text = truncate(&p.text, w);
                    let pad = w.saturating_sub(width(&text));
                    self.push(
                        ix,
                        vec![
                            Span::new(" ".repeat(pad), Tone::Plain),
                            Span::new(text, Tone::Plain),
                        ],
                    );
                }
                Role::Addressee | Role::Passage => {
                    let parts = self.linked(ix, &p.text, Tone::Plain);
                    self.para(ix, &parts, w, "", "")
                }
                Role::Head | Role::Tail => {
                    let parts = self.linked(ix, &p.text, Tone::Dim);
                    self.para(ix, &parts, w, "", "")
                }
                Role::Body => match &p.number {
                    Some(n) => {
                        let num = format!("{n}、");
                        let mut parts = vec![(num.as_str(), Tone::Lead)];
                        parts.extend(self.linked(ix, &p.text, Tone::Plain));
                        self.para(ix, &parts, w, INDENT, "");
                    }
                    None => {
                        let parts = self.linked(ix, &p.text, Tone::Plain);
                        self.para(ix, &parts, w, INDENT, "")
                    }
                },
            },
            Node::Table(_) => self.table(ix, w),
            Node::Task(task) => {
                let head = format!("任务 {}", task.number.as_deref().unwrap_or(MISSING));
                self.para(ix, &[(&head, Tone::Heading)], w, "", "");
                let parts = self.linked(ix, &task.text, Tone::Plain);
                self.para(ix, &parts, w, INDENT, "");
                self.unit_line(ix, "牵头单位", &task.lead, w);
                self.unit_line(ix, "配合单位", &task.support, w);
                if !task.due_text.is_empty() || task.due.is_some() {
                    let due = match (task.due, task.due_text.as_str()) {
                        (Some(d), "") => d.to_string(),
                        (Some(d), text) => format!("{text}（{d}）"),
                        (None, text) => text.to_string(),
                    };
                    self.para(
                        ix,
                        &[("完成时限  ", Tone::Meta), (&due, Tone::Plain)],
                        w,
                        "",
                        "",
                    );
                }
                for (k, v) in &task.fields {
                    let k = format!("{k}  ");
                    self.para(ix, &[(&k, Tone::Meta), (v, Tone::Plain)], w, "", "");
                }
            }
            Node::Decision(d) => {
                let head = format!("{} {}", d.number, d.title);
                self.para(ix, &[(&head, Tone::Heading)], w, "", "");
                self.para(
                    ix,
                    &[("承办单位  ", Tone::Meta), (&d.unit, Tone::Plain)],
                    w,
                    "",
                    "          ",
                );
                let (due, tone) = match &d.due {
                    Some(m) => (m.to_string(), Tone::Plain),
                    None => (MISSING.to_string(), Tone::Missing),
                };
                self.para(ix, &[("决策时间  ", Tone::Meta), (&due, tone)], w, "", "");
            }
        }
    }

    fn unit_line(&mut self, ix: NodeIx, label: &str, units: &[String], w: usize) {
        let label = format!("{label}  ");
        if units.is_empty() {
            self.para(
                ix,
                &[(&label, Tone::Meta), ("（无）", Tone::Dim)],
                w,
                "",
                "",
            );
        } else {
            let joined = units.join("、");
            self.para(
                ix,
                &[(&label, Tone::Meta), (&joined, Tone::Plain)],
                w,
                "",
                "          ",
            );
        }
    }

    /// A column as a box: its title in the top border, its content inside.
    fn column(&mut self, ix: NodeIx, number: &str, title: &str, w: usize) {
        self.blank(ix);
        if w < 6 {
            self.para(
                ix,
                &[(&format!("专栏{number} {title}"), Tone::Heading)],
                w,
                "",
                "",
            );
            self.children(ix, w);
            return;
        }
        let inner = w - 4;
        let start = self.out.len();
        let tables = self.sticky.len();
        self.children(ix, inner);
        let body: Vec<Block> = self.out.drain(start..).collect();
        // The box's top line goes before its body: its tables' lines move
        // down one.
        for t in &mut self.sticky[tables..] {
            *t = (t.0 + 1, t.1 + 1, t.2 + 1);
        }
        let head = truncate(
            &format!(" 专栏{number} {} ", sanitize(title)),
            w.saturating_sub(3),
        );
        let fill = w.saturating_sub(2 + width(&head) + 1);
        self.push(
            ix,
            vec![
                Span::new("┌─", Tone::Border),
                Span::new(head, Tone::Heading),
                Span::new(format!("{}┐", "─".repeat(fill)), Tone::Border),
            ],
        );
        for block in body {
            match block {
                Block::Line(line) => self.push(line.node, boxed(line.spans, inner)),
                Block::Para {
                    node,
                    wrapped,
                    shown,
                    mut frames,
                } => {
                    frames.push(inner);
                    self.out.push(Block::Para {
                        node,
                        wrapped,
                        shown,
                        frames,
                    });
                }
            }
        }
        self.push(
            ix,
            vec![Span::new(format!("└{}┘", "─".repeat(w - 2)), Tone::Border)],
        );
    }

    fn table(&mut self, ix: NodeIx, w: usize) {
        let t = self.tree;
        let Some(Node::Table(table)) = &t.nodes[ix].data else {
            return;
        };
        self.blank(ix);
        if !table.title.is_empty()
            && !matches!(
                t.nodes[ix].parent.map(|p| t.nodes[p].kind),
                Some(Kind::Column)
            )
        {
            self.para(ix, &[(&table.title, Tone::Heading)], w, "", "");
        }
        let (rows, header_rows, owners) = table_rows(t, ix);
        let start: usize = self.out.iter().map(Block::len).sum();
        let laid = layout(&rows, header_rows, w);
        // The header: the top border, the header rows and the line under
        // them, kept in sight while the table's body scrolls.
        let head = laid
            .iter()
            .position(|(_, row)| row.is_some_and(|r| r >= header_rows));
        let len = laid.len();
        for (spans, row) in laid {
            let node = row.and_then(|r| owners.get(r).copied()).unwrap_or(ix);
            self.push(node, spans);
        }
        if let (Some(head), true) = (head, header_rows > 0) {
            self.sticky.push((start, start + head, start + len));
        }
        for note in &table.notes {
            self.para(ix, &[(note, Tone::Dim)], w, "", "   ");
        }
        if crate::domain::indicators::is_indicator_table(table) {
            let checked = crate::domain::indicators::check(table);
            let flagged = checked.iter().filter(|r| r.flagged).count();
            self.blank(ix);
            let head =
                format!("指标核算：按2020年值与2025年目标推算年均增速（{flagged}项与表列不一致）");
            self.para(ix, &[(&head, Tone::Heading)], w, "", "");
            for (spans, _) in layout(&super::indicators::rows(&checked), 1, w) {
                self.push(ix, spans);
            }
        }
    }
}

/// A table's rows as the reader lays them out: its header rows, its own
/// rows, then its tasks, decisions and their headings in document order;
/// how many rows are header; the node each row shows.
pub fn table_rows(t: &Tree, ix: NodeIx) -> (Vec<Row>, usize, Vec<NodeIx>) {
    let Some(Node::Table(table)) = &t.nodes[ix].data else {
        return (Vec::new(), 0, Vec::new());
    };
    let mut rows: Vec<Row> = table
        .header
        .iter()
        .map(|h| Row::Cells(h.clone(), Tone::Header))
        .collect();
    let header_rows = rows.len();
    let mut owners: Vec<NodeIx> = vec![ix; header_rows];
    for r in &table.rows {
        rows.push(Row::Cells(r.clone(), Tone::Plain));
        owners.push(ix);
    }
    row_nodes(t, ix, &mut rows, &mut owners);
    (rows, header_rows, owners)
}

/// Tasks, decisions and their headings as table rows, in document order.
fn row_nodes(t: &Tree, ix: NodeIx, rows: &mut Vec<Row>, owners: &mut Vec<NodeIx>) {
    for &k in &t.nodes[ix].children {
        match &t.nodes[k].data {
            Some(Node::Task(task)) => {
                let header = t
                    .ancestors(k)
                    .into_iter()
                    .rev()
                    .find_map(|a| match &t.nodes[a].data {
                        Some(Node::Table(tb)) => Some(columns::column_names(&tb.header)),
                        _ => None,
                    })
                    .unwrap_or_default();
                rows.push(Row::Cells(columns::task_cells(task, &header), Tone::Plain));
                owners.push(k);
            }
            Some(Node::Decision(d)) => {
                let due = d.due.map_or_else(|| MISSING.to_string(), |d| d.to_string());
                rows.push(Row::Cells(
                    vec![d.number.clone(), d.title.clone(), d.unit.clone(), due],
                    Tone::Plain,
                ));
                owners.push(k);
            }
            Some(Node::Heading(_)) => {
                rows.push(Row::Full(t.label(k)));
                owners.push(k);
                row_nodes(t, k, rows, owners);
            }
            _ => {}
        }
    }
}

/// What a wrapped paragraph is kept under in a [`WrapCache`].
fn wrap_key(parts: &[(&str, Tone)], width: usize, first: &str, rest: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (text, tone) in parts {
        h.update(&(text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
        h.update(format!("{tone:?}").as_bytes());
    }
    for s in [first, rest] {
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    }
    h.update(&(width as u64).to_le_bytes());
    h.digest()
}

/// Wraps text made of toned parts, keeping each character's tone.
pub fn styled_wrap(
    parts: &[(&str, Tone)],
    width: usize,
    first: &str,
    rest: &str,
) -> Vec<Vec<Span>> {
    let w = Wrapped::new(parts, width, first, rest);
    (0..w.len()).map(|i| w.line(i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A link does not take a paragraph's line breaks away (a review found
    /// several parts joined their lines with spaces).
    #[test]
    fn a_link_keeps_the_line_breaks() {
        let doc = r#"Document(format: 2, id: "d1", title: "某某通知", children: [
            Paragraph((id: "d1/p1", text: "第一行\n\n第二行 依据渝府发〔2021〕18号\n第三行", role: Passage)),
        ])"#;
        let tree = crate::model::load::parse(doc, std::path::Path::new("d.ron")).expect("parses");
        let cites = Citations::build(&tree);
        assert_eq!(cites.links.len(), 1);
        let plain = |c: Option<&Citations>| -> Vec<String> {
            render_with(&tree, 1, 60, LAZY_FROM, &mut WrapCache::default(), c)
                .iter()
                .map(|l| l.plain())
                .collect()
        };
        let linked = plain(Some(&cites));
        assert_eq!(linked, plain(None));
        assert_eq!(
            linked,
            ["第一行", "", "第二行 依据渝府发〔2021〕18号", "第三行"]
        );
    }

    /// Every paragraph kept as ranges gives the lines it gave made at once:
    /// every node of the sample, at widths from narrow to wide, columns
    /// (boxes) and tables included.
    #[test]
    fn lazy_paragraphs_render_as_eager_ones() {
        let tree = crate::model::load_embedded().expect("sample");
        let all = Citations::build(&tree);
        let cites = Some(&all);
        for width in [1, 7, 24, 61, 120] {
            for ix in 0..tree.nodes.len() {
                let eager: Vec<RLine> = render_with(
                    &tree,
                    ix,
                    width,
                    usize::MAX,
                    &mut WrapCache::default(),
                    cites,
                )
                .iter()
                .collect();
                let lazy = render_with(&tree, ix, width, 0, &mut WrapCache::default(), cites);
                assert_eq!(lazy.len(), eager.len(), "node {ix} at {width}");
                for (i, line) in eager.iter().enumerate() {
                    assert_eq!(lazy.node(i), Some(line.node));
                    assert_eq!(lazy.get(i).as_ref(), Some(line), "node {ix} line {i}");
                }
            }
        }
    }
}
