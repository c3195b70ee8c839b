//! The running text of a notice or an attachment → nested nodes.
//!
//! A stack of open containers (chapter › section › industry › column ›
//! heading) receives each line. Before a line is classified, it may be the
//! continuation of the previous one: a line whose text does not end a
//! sentence continues on the next line (a page break), whatever that next
//! line looks like.

use crate::model::schema::{Heading, Named, Node, Paragraph, Role};

use super::lines::{cn_number, ends_sentence, Line};
use super::table;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    /// The notice's own body: a closing sentence (本通知自…起执行。) belongs to
    /// the document, not to the last chapter.
    Notice,
    Attachment,
}

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum Level {
    Root,
    Chapter,
    Section,
    Industry,
    Column,
    ColumnHeading,
}

/// How a column writes its entries: `半导体：…` or `集成电路。…`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    Unknown,
    Colon,
    Stop,
}

struct Frame {
    level: Level,
    node: Option<Node>,
    kids: Vec<Node>,
    style: Style,
    last_heading: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Pending {
    None,
    /// The top frame's own `text` (a section or industry with inline text).
    Top,
    /// The top frame's last child.
    Last,
}

/// Leads that start an instruction (加强…。) rather than name a thing: in a
/// column written `名称。…`, such a line is the body text after the column.
const ACTION_LEADS: &[&str] = &[
    "加强", "强化", "提升", "推动", "推进", "加快", "发展", "深入", "深化", "促进", "培育", "健全",
    "构建", "打造", "确保", "增强", "优化", "完善", "建设", "实施", "支持", "鼓励", "引导", "坚持",
    "落实", "做好", "扩大", "降低", "增加", "严格",
];

struct Builder<'a> {
    stack: Vec<Frame>,
    pending: Pending,
    mode: Mode,
    notes_open: bool,
    default_title: &'a str,
}

pub fn parse(lines: &[Line], mode: Mode, cleaned: &mut Vec<String>) -> Vec<Node> {
    run(lines, mode, "", cleaned)
}

/// An attachment body: a table without its own title takes the attachment's.
pub fn parse_titled(lines: &[Line], title: &str, cleaned: &mut Vec<String>) -> Vec<Node> {
    run(lines, Mode::Attachment, title, cleaned)
}

fn run(lines: &[Line], mode: Mode, title: &str, cleaned: &mut Vec<String>) -> Vec<Node> {
    let mut b = Builder {
        stack: vec![Frame {
            level: Level::Root,
            node: None,
            kids: Vec::new(),
            style: Style::Unknown,
            last_heading: 0,
        }],
        pending: Pending::None,
        mode,
        notes_open: false,
        default_title: title,
    };
    let mut i = 0;
    while i < lines.len() {
        if lines[i].text.contains('\t') {
            let end = lines[i..]
                .iter()
                .position(|l| !l.text.contains('\t'))
                .map_or(lines.len(), |p| i + p);
            b.table(&lines[i..end], cleaned);
            i = end;
            continue;
        }
        let pieces = b.split_entries(&lines[i].text);
        for (k, piece) in pieces.into_iter().enumerate() {
            let line = Line {
                no: lines[i].no,
                text: piece,
                listed: lines[i].listed && k == 0,
                table: None,
                page: lines[i].page,
            };
            if k == 0 && b.pending != Pending::None {
                b.continue_text(&line.text);
            } else {
                b.line(&line);
            }
        }
        i += 1;
    }
    b.finish()
}

fn heading(number: &str, title: &str, text: &str) -> Heading {
    Heading {
        id: String::new(),
        number: number.to_string(),
        title: title.to_string(),
        text: text.to_string(),
        ..Heading::default()
    }
}

fn paragraph(number: Option<String>, text: &str) -> Node {
    Node::Paragraph(Paragraph {
        id: String::new(),
        number,
        text: text.to_string(),
        role: Role::Body,
        ..Paragraph::default()
    })
}

fn no_punct(s: &str) -> bool {
    !s.contains(['。', '，', '、', '；', '：', ':', ',', ';', '！', '？'])
}

/// `一、title` → ("一", "title").
fn chapter_shape(s: &str) -> Option<(&str, &str)> {
    let (num, rest) = s.split_once('、')?;
    cn_number(num.trim())?;
    Some((num.trim(), rest.trim()))
}

/// `（一）rest` or `(一) rest` → ("一", "rest").
fn section_shape(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix(['（', '('])?;
    let close = rest.find(['）', ')'])?;
    let num = rest[..close].trim();
    cn_number(num)?;
    let after = rest[close..].trim_start_matches(['）', ')']).trim_start();
    Some((num, after))
}

/// `1. title。rest` → ("1", "title", "rest").
fn industry_shape(s: &str) -> Option<(&str, &str, &str)> {
    let digits = s.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = s[digits..].strip_prefix(['.', '．', '、'])?.trim_start();
    let (title, text) = rest.split_once('。')?;
    (no_punct(title) && (1..=20).contains(&title.chars().count())).then_some((
        &s[..digits],
        title,
        text,
    ))
}

/// `名称。rest` → ("名称", "rest"): a paragraph led by a short name.
fn lead_shape(s: &str) -> Option<(&str, &str)> {
    let (lead, rest) = s.split_once('。')?;
    let n = lead.chars().count();
    ((2..=30).contains(&n) && no_punct(lead) && !rest.is_empty()).then_some((lead, rest))
}

/// `名称：rest` → ("名称", "rest"), half-width colon too.
fn colon_shape(s: &str) -> Option<(&str, &str)> {
    let p = s.find(['：', ':'])?;
    let lead = &s[..p];
    let rest = s[p..].trim_start_matches(['：', ':']);
    let n = lead.chars().count();
    ((1..=24).contains(&n) && no_punct(lead) && !lead.contains(['(', '（']) && !rest.is_empty())
        .then_some((lead, rest))
}

/// `专栏 5 title` → ("5", "title").
fn column_shape(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix("专栏")?.trim_start();
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if digits == 0 {
        return None;
    }
    Some((&rest[..digits], rest[digits..].trim()))
}

impl Builder<'_> {
    fn top(&mut self) -> &mut Frame {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    fn top_level(&self) -> Level {
        self.stack.last().map_or(Level::Root, |f| f.level)
    }

    fn in_column(&self) -> bool {
        self.stack.iter().any(|f| f.level == Level::Column)
    }

    fn column_style(&self) -> Style {
        self.stack
            .iter()
            .rev()
            .find(|f| f.level == Level::Column)
            .map_or(Style::Unknown, |f| f.style)
    }

    fn set_column_style(&mut self, style: Style) {
        if let Some(f) = self
            .stack
            .iter_mut()
            .rev()
            .find(|f| f.level == Level::Column)
        {
            f.style = style;
        }
    }

    /// Closes frames until the top is below `level`.
    fn close_to_below(&mut self, level: Level) {
        while self.stack.len() > 1 && self.top_level() >= level {
            self.pop();
        }
    }

    fn pop(&mut self) {
        if let Some(frame) = self.stack.pop() {
            if let Some(mut node) = frame.node {
                if let Some(kids) = crate::model::tree::children_mut(&mut node) {
                    *kids = frame.kids;
                }
                self.top().kids.push(node);
            }
        }
    }

    fn open(&mut self, level: Level, node: Node) {
        self.stack.push(Frame {
            level,
            node: Some(node),
            kids: Vec::new(),
            style: Style::Unknown,
            last_heading: 0,
        });
    }

    fn add(&mut self, node: Node, text_for_pending: &str) {
        self.top().kids.push(node);
        self.pending = if ends_sentence(text_for_pending) {
            Pending::None
        } else {
            Pending::Last
        };
    }

    fn finish(mut self) -> Vec<Node> {
        while self.stack.len() > 1 {
            self.pop();
        }
        self.stack.pop().map(|f| f.kids).unwrap_or_default()
    }

    /// Inside a column, splits a line where a new entry starts mid-line:
    /// `…等。智能网联核心配套：…` or `…技术等。风力发动机装备。…`.
    fn split_entries(&self, text: &str) -> Vec<String> {
        let style = self.column_style();
        if !self.in_column() || style == Style::Unknown {
            return vec![text.to_string()];
        }
        let mut out = Vec::new();
        let mut start = 0;
        for (p, _) in text.match_indices('。') {
            let after = p + '。'.len_utf8();
            let next = &text[after..];
            let hit = match style {
                Style::Colon => {
                    colon_shape(next).is_some_and(|(lead, _)| lead.chars().count() <= 12)
                }
                Style::Stop => lead_shape(next).is_some_and(|(lead, _)| {
                    lead.chars().count() <= 10 && !ACTION_LEADS.iter().any(|a| lead.starts_with(a))
                }),
                Style::Unknown => false,
            };
            if hit && after < text.len() {
                out.push(text[start..after].to_string());
                start = after;
            }
        }
        out.push(text[start..].to_string());
        out
    }

    fn continue_text(&mut self, text: &str) {
        let pending = self.pending;
        let top = self.top();
        let target: Option<&mut String> = match pending {
            Pending::Top => match &mut top.node {
                Some(Node::Chapter(h))
                | Some(Node::Section(h))
                | Some(Node::Industry(h))
                | Some(Node::Column(h))
                | Some(Node::Heading(h)) => Some(&mut h.text),
                _ => None,
            },
            Pending::Last => match top.kids.last_mut() {
                Some(Node::Paragraph(p)) => Some(&mut p.text),
                Some(Node::Segment(n)) | Some(Node::Entry(n)) => Some(&mut n.text),
                _ => None,
            },
            Pending::None => None,
        };
        let done = match target {
            Some(s) => {
                s.push_str(text);
                ends_sentence(s)
            }
            None => true,
        };
        if done {
            self.pending = Pending::None;
        }
    }

    fn table(&mut self, rows: &[Line], cleaned: &mut Vec<String>) {
        self.pending = Pending::None;
        let title = match self.stack.last() {
            Some(f) if f.level == Level::Column && f.kids.is_empty() => match &f.node {
                Some(Node::Column(h)) => h.title.clone(),
                _ => String::new(),
            },
            _ => self.default_title.to_string(),
        };
        let node = table::parse(rows, &title, cleaned);
        self.top().kids.push(node);
        self.notes_open = true;
    }

    fn line(&mut self, line: &Line) {
        self.pending = Pending::None;
        let t = line.text.trim();

        // Notes under a table: 注：1. … then 2. … 3. …
        let last_is_table = matches!(
            self.stack.last().and_then(|f| f.kids.last()),
            Some(Node::Table(_))
        );
        if last_is_table && (t.starts_with("注：") || t.starts_with("注:")) {
            self.push_note(t);
            return;
        }
        if self.notes_open && last_is_table && self.next_note(t) {
            self.push_note(t);
            return;
        }
        self.notes_open = false;

        if let Some((num, title)) = column_shape(t) {
            self.close_to_below(Level::Column);
            self.open(
                Level::Column,
                Node::Column(printed(t, heading(num, title, ""))),
            );
            return;
        }
        if let Some((num, rest)) = chapter_shape(t) {
            let n = cn_number(num).unwrap_or(0);
            let col_next = self
                .stack
                .iter()
                .rev()
                .find(|f| f.level == Level::Column)
                .map(|f| f.last_heading + 1);
            if col_next == Some(n) && no_punct(rest) {
                self.close_to_below(Level::ColumnHeading);
                if let Some(f) = self
                    .stack
                    .iter_mut()
                    .rev()
                    .find(|f| f.level == Level::Column)
                {
                    f.last_heading = n;
                }
                self.open(
                    Level::ColumnHeading,
                    Node::Heading(printed(t, heading(num, rest, ""))),
                );
                return;
            }
            if no_punct(rest) && rest.chars().count() <= 30 && !line.listed {
                self.close_to_below(Level::Chapter);
                self.open(
                    Level::Chapter,
                    Node::Chapter(printed(t, heading(num, rest, ""))),
                );
                return;
            }
            self.add(labelled_paragraph(t, num, rest), rest);
            return;
        }
        if let Some((num, rest)) = section_shape(t) {
            if !line.listed {
                let (title, text) = match rest.split_once('。') {
                    Some((a, b)) => (a, b),
                    None => (rest, ""),
                };
                if no_punct(title) && (1..=40).contains(&title.chars().count()) {
                    self.close_to_below(Level::Section);
                    self.open(
                        Level::Section,
                        Node::Section(printed(t, heading(num, title, text))),
                    );
                    self.pending = if text.is_empty() || ends_sentence(text) {
                        Pending::None
                    } else {
                        Pending::Top
                    };
                    return;
                }
            }
            self.add(labelled_paragraph(t, num, rest), rest);
            return;
        }
        {
            if let Some((num, title, text)) = industry_shape(t) {
                self.close_to_below(Level::Industry);
                self.open(
                    Level::Industry,
                    Node::Industry(printed(t, heading(num, title, text))),
                );
                self.pending = if text.is_empty() || ends_sentence(text) {
                    Pending::None
                } else {
                    Pending::Top
                };
                return;
            }
        }
        if self.in_column() {
            if self.column_line(t) {
                return;
            }
            // Not an entry: the column has ended.
            self.close_to_below(Level::Column);
        }
        if self.mode == Mode::Notice
            && t.starts_with('本')
            && (t.ends_with("执行。") || t.ends_with("施行。"))
        {
            self.close_to_below(Level::Chapter);
            self.add(paragraph(None, t), t);
            return;
        }
        if let Some((lead, rest)) = lead_shape(t) {
            self.add(Node::Segment(named(lead, "。", rest)), rest);
            return;
        }
        let node = paragraph(None, t);
        if t.starts_with("附件:") || t.starts_with("附件：") {
            self.top().kids.push(node);
            return;
        }
        self.add(node, t);
    }

    /// Whether `t` is the next numbered note under the last table: `2. …`
    /// after `注：1. …`. Notes look like industry headings; the numbering tells.
    fn next_note(&self, t: &str) -> bool {
        let Some(Node::Table(table)) = self.stack.last().and_then(|f| f.kids.last()) else {
            return false;
        };
        let lead_number = |s: &str| -> Option<u32> {
            let s = s
                .trim_start_matches("注：")
                .trim_start_matches("注:")
                .trim_start();
            let end = s.find(|c: char| !c.is_ascii_digit())?;
            s[end..]
                .starts_with(['.', '．'])
                .then(|| s[..end].parse().ok())
                .flatten()
        };
        match (
            table.notes.last().and_then(|n| lead_number(n)),
            lead_number(t),
        ) {
            (Some(prev), Some(this)) => prev.checked_add(1) == Some(this),
            _ => false,
        }
    }

    fn push_note(&mut self, t: &str) {
        if let Some(Node::Table(table)) = self.top().kids.last_mut() {
            table.notes.push(t.to_string());
        }
        self.notes_open = true;
    }

    /// A line inside a column. Returns false when the line ends the column.
    fn column_line(&mut self, t: &str) -> bool {
        let style = self.column_style();
        if let Some((lead, rest)) = colon_shape(t) {
            if style != Style::Stop {
                self.set_column_style(Style::Colon);
                let sep = if t[lead.len()..].starts_with(':') {
                    ":"
                } else {
                    "："
                };
                self.add(Node::Entry(named(lead, sep, rest)), rest);
                return true;
            }
        }
        if let Some((lead, rest)) = lead_shape(t) {
            let action = ACTION_LEADS.iter().any(|a| lead.starts_with(a));
            if style == Style::Colon || action {
                return false;
            }
            self.set_column_style(Style::Stop);
            self.add(Node::Entry(named(lead, "。", rest)), rest);
            return true;
        }
        // Plain text: an entry that continues after its full stop, or a
        // paragraph of its own under a heading.
        if let Some(Node::Entry(e)) = self.top().kids.last_mut() {
            e.text.push_str(t);
            let done = ends_sentence(&e.text);
            self.pending = if done { Pending::None } else { Pending::Last };
            return true;
        }
        self.add(paragraph(None, t), t);
        true
    }
}

/// A heading with its number as printed on line `t` (`三、`, `（一）`, `1.`,
/// `专栏 5`) and its ordinal.
fn printed(t: &str, mut h: Heading) -> Heading {
    if let Some(rest) = t.strip_prefix("专栏") {
        let digits = rest.trim_start();
        let n = digits.bytes().take_while(u8::is_ascii_digit).count();
        let end = t.len() - digits.len() + n;
        h.label = t[..end].to_string();
        h.ordinal = digits[..n].parse().ok();
    } else if let Some(l) = super::numbering::read(t, false) {
        h.label = l.label.to_string();
        h.ordinal = l.ordinal;
    }
    h
}

/// A paragraph numbered `一、` in a notice body, its number as printed.
fn labelled_paragraph(t: &str, num: &str, rest: &str) -> Node {
    let mut node = paragraph(Some(num.to_string()), rest);
    if let (Node::Paragraph(p), Some(l)) = (&mut node, super::numbering::read(t, false)) {
        p.label = Some(l.label.to_string());
    }
    node
}

fn named(title: &str, sep: &str, text: &str) -> Named {
    Named {
        id: String::new(),
        title: title.to_string(),
        sep: sep.to_string(),
        text: text.to_string(),
    }
}
