//! The gazette as an arena: a flat `Vec` of nodes in document order with
//! parent/children indices, so navigation is index arithmetic.

use std::collections::HashMap;

use rayon::prelude::*;
use std::sync::OnceLock;

use super::date::Date;
use super::schema::{self, Document, Entry, Issue, Node};

/// The kinds of node, with the names used in JSON, `tree` and the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// The root above the issues of an archive (`--data DIR`).
    Archive,
    /// A year of a library: its issues and documents (id `2021`, or
    /// `undated` for documents without a date).
    Year,
    Issue,
    Document,
    Attachment,
    Part,
    Chapter,
    Section,
    Industry,
    Segment,
    Column,
    Heading,
    Article,
    Item,
    Entry,
    Paragraph,
    Table,
    Task,
    Decision,
}

/// Every kind, in the order of their codes ([`Kind::code`]).
const KINDS: [Kind; 19] = [
    Kind::Archive,
    Kind::Year,
    Kind::Issue,
    Kind::Document,
    Kind::Attachment,
    Kind::Part,
    Kind::Chapter,
    Kind::Section,
    Kind::Industry,
    Kind::Segment,
    Kind::Column,
    Kind::Heading,
    Kind::Article,
    Kind::Item,
    Kind::Entry,
    Kind::Paragraph,
    Kind::Table,
    Kind::Task,
    Kind::Decision,
];

/// A kind is kept in the library's index as its code, one byte.
impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
        let code = <u8 as serde::Deserialize>::deserialize(d)?;
        Kind::from_code(code)
            .ok_or_else(|| serde::de::Error::custom(format!("{code} is not a kind of node")))
    }
}

impl Kind {
    /// A number for the kind, as the library's index keeps it.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<Kind> {
        KINDS.get(usize::from(code)).copied()
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Archive => "archive",
            Kind::Year => "year",
            Kind::Issue => "issue",
            Kind::Document => "document",
            Kind::Attachment => "attachment",
            Kind::Part => "part",
            Kind::Chapter => "chapter",
            Kind::Section => "section",
            Kind::Industry => "industry",
            Kind::Segment => "segment",
            Kind::Column => "column",
            Kind::Heading => "heading",
            Kind::Article => "article",
            Kind::Item => "item",
            Kind::Entry => "entry",
            Kind::Paragraph => "paragraph",
            Kind::Table => "table",
            Kind::Task => "task",
            Kind::Decision => "decision",
        }
    }

    /// The Chinese name shown on screen (the reader's and palette's kind,
    /// next to the tree's one-character marks); TSV and JSON keep
    /// [`Kind::name`].
    pub fn label(self) -> &'static str {
        match self {
            Kind::Archive => "文库",
            Kind::Year => "年份",
            Kind::Issue => "公报",
            Kind::Document => "文件",
            Kind::Attachment => "附件",
            Kind::Part => "编",
            Kind::Chapter => "章",
            Kind::Section => "节",
            Kind::Industry => "产业",
            Kind::Segment => "分段",
            Kind::Column => "专栏",
            Kind::Heading => "标题",
            Kind::Article => "条",
            Kind::Item => "项",
            Kind::Entry => "条目",
            Kind::Paragraph => "段落",
            Kind::Table => "表格",
            Kind::Task => "任务",
            Kind::Decision => "决策事项",
        }
    }

    pub fn of(node: &Node) -> Kind {
        match node {
            Node::Document(_) => Kind::Document,
            Node::Attachment(_) => Kind::Attachment,
            Node::Part(_) => Kind::Part,
            Node::Chapter(_) => Kind::Chapter,
            Node::Section(_) => Kind::Section,
            Node::Industry(_) => Kind::Industry,
            Node::Segment(_) => Kind::Segment,
            Node::Column(_) => Kind::Column,
            Node::Heading(_) => Kind::Heading,
            Node::Article(_) => Kind::Article,
            Node::Item(_) => Kind::Item,
            Node::Entry(_) => Kind::Entry,
            Node::Paragraph(_) => Kind::Paragraph,
            Node::Table(_) => Kind::Table,
            Node::Task(_) => Kind::Task,
            Node::Decision(_) => Kind::Decision,
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Index of a node in [`Tree::nodes`]. The root is always 0.
pub type NodeIx = usize;

/// One node of the arena. `data` is the node itself with its id and children
/// moved out into the arena (`None` only for an issue or archive root).
#[derive(Debug, Clone)]
pub struct TreeNode {
    pub id: String,
    pub kind: Kind,
    pub parent: Option<NodeIx>,
    pub children: Vec<NodeIx>,
    pub depth: usize,
    pub data: Option<Node>,
    /// Which entry (index into [`Tree::entries`]) the node belongs to.
    pub entry: usize,
}

impl TreeNode {
    /// A slot of the arena before its node is moved in.
    fn empty() -> TreeNode {
        TreeNode {
            id: String::new(),
            kind: Kind::Paragraph,
            parent: None,
            children: Vec::new(),
            depth: 0,
            data: None,
            entry: 0,
        }
    }
}

/// What the tree keeps of an entry besides its nodes: an issue's own fields
/// (its `documents` emptied: they live in the arena), or nothing for a
/// standalone document (its node holds everything).
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // one per entry, kept in a Vec
pub enum Head {
    Issue(Issue),
    Document,
}

/// The loaded entry (or archive of entries): heads plus the arena of nodes
/// in document order.
#[derive(Debug, Clone)]
pub struct Tree {
    /// One per entry, in the archive's order (issues by year and number,
    /// then standalone documents by date and title).
    pub entries: Vec<Head>,
    pub nodes: Vec<TreeNode>,
    /// In an archive, each entry's top node (its issue node, or its
    /// document), by entry.
    roots: Vec<NodeIx>,
    by_id: OnceLock<HashMap<String, NodeIx>>,
}

/// Children of a node, or `None` for kinds that are leaves.
pub fn children_mut(node: &mut Node) -> Option<&mut Vec<Node>> {
    match node {
        Node::Document(d) => Some(&mut d.children),
        Node::Attachment(c) => Some(&mut c.children),
        Node::Table(t) => Some(&mut t.children),
        other => other.heading_mut().map(|h| &mut h.children),
    }
}

/// Children of a node, empty for leaves.
pub fn children(node: &Node) -> &[Node] {
    if let Some(h) = node.heading() {
        return &h.children;
    }
    match node {
        Node::Document(d) => &d.children,
        Node::Attachment(c) => &c.children,
        Node::Table(t) => &t.children,
        _ => &[],
    }
}

/// A node's own id field. In the arena it is moved out into
/// [`TreeNode::id`] (prefixed in an archive) and left empty, so each id is
/// kept once; [`Tree::into_entry`] puts it back.
pub(crate) fn node_id_mut(node: &mut Node) -> &mut String {
    match node {
        Node::Part(h)
        | Node::Chapter(h)
        | Node::Section(h)
        | Node::Industry(h)
        | Node::Column(h)
        | Node::Heading(h)
        | Node::Article(h)
        | Node::Item(h) => &mut h.id,
        Node::Document(d) => &mut d.id,
        Node::Attachment(c) => &mut c.id,
        Node::Segment(n) | Node::Entry(n) => &mut n.id,
        Node::Paragraph(p) => &mut p.id,
        Node::Table(t) => &mut t.id,
        Node::Task(t) => &mut t.id,
        Node::Decision(d) => &mut d.id,
    }
}

/// The id of an issue root.
pub const ROOT_ID: &str = "issue";
/// The id of an archive's root.
pub const ARCHIVE_ID: &str = "archive";

/// An entry's year in a library: an issue's, a document's date's; `None`
/// for an undated document (its year node is `undated`, last).
fn entry_year(e: &Entry) -> Option<u32> {
    match e {
        Entry::Issue(i) => Some(i.year),
        Entry::Document(d) => d.date.map(Date::y),
    }
}

/// The order of entries in an archive: by year (undated last), issues
/// first, each by date (issues of one date by number, then gazette), then
/// documents by date and title.
pub(crate) fn entry_order(e: &Entry) -> Order {
    match e {
        Entry::Issue(i) => issue_order(i),
        Entry::Document(d) => document_order(d),
    }
}

/// An issue's place in a library's order (see `entry_order`).
pub fn issue_order(i: &Issue) -> Order {
    (i.year, 0, Some(i.published), i.number, i.title.clone())
}

/// A standalone document's place in a library's order.
pub fn document_order(d: &Document) -> Order {
    let year = d.date.map_or(u32::MAX, Date::y);
    (year, 1, d.date, 0, d.title.clone())
}

/// An archive's name: one gazette's issues are named by the gazette;
/// anything else is a library (文库), with how many issues and documents.
pub fn archive_title(gazettes: &[&str], n_issues: usize, docs: usize) -> String {
    match (gazettes, n_issues, docs) {
        ([one], _, 0) => format!("{one} · {n_issues}期"),
        (_, 0, _) => format!("文库 · {docs}份文件"),
        (_, _, 0) => format!("文库 · {n_issues}期"),
        _ => format!("文库 · {n_issues}期 · {docs}份文件"),
    }
}

/// An entry's place in a library's order (see `entry_order`).
pub type Order = (u32, u8, Option<Date>, u32, String);

/// How many nodes an entry has below a library's year: its issue node and
/// its documents', or its document's.
pub fn entry_nodes(e: &Entry) -> usize {
    match e {
        Entry::Issue(i) => 1 + i.documents.iter().map(count).sum::<usize>(),
        Entry::Document(d) => 1 + d.children.iter().map(count).sum::<usize>(),
    }
}

/// The id of a year node.
pub fn year_id(year: Option<u32>) -> String {
    year.map_or_else(|| "undated".to_string(), |y| y.to_string())
}

/// An entry's key in an archive, the prefix of its node ids: its id
/// ([`super::identity::entry_id`]), which holds no `/`.
pub fn entry_key(e: &Entry) -> String {
    super::identity::entry_id(e)
}

impl Tree {
    /// Moves one entry into an arena. Does not validate: see `load::validate`.
    pub fn new(entry: Entry) -> Tree {
        Tree::build(vec![entry], false)
    }

    /// Several entries under one root, issues ordered by (year, number), then
    /// documents by (date, title). Ids are prefixed with the entry's key
    /// ([`entry_key`]) and `/` so they stay unique.
    pub fn archive(mut entries: Vec<Entry>) -> Tree {
        entries.sort_by_cached_key(entry_order);
        Tree::build(entries, true)
    }

    fn build(entries: Vec<Entry>, archive: bool) -> Tree {
        let n = entries.len();
        let years: Vec<Option<u32>> = entries.iter().map(entry_year).collect();
        let mut heads = Vec::with_capacity(n);
        let mut runs: Vec<Vec<Node>> = Vec::with_capacity(n);
        let mut keys = Vec::with_capacity(n);
        for e in entries {
            keys.push(if archive {
                entry_key(&e)
            } else {
                String::new()
            });
            match e {
                Entry::Issue(mut i) => {
                    runs.push(std::mem::take(&mut i.documents));
                    heads.push(Head::Issue(i));
                }
                Entry::Document(d) => {
                    runs.push(vec![Node::Document(d)]);
                    heads.push(Head::Document);
                }
            }
        }
        // A lone document is the root itself; otherwise the root is an issue
        // or the archive. Below an archive's root: a node per year, under it
        // a node per issue and the standalone documents.
        let lone_document = !archive && matches!(heads.first(), Some(Head::Document));
        let root = TreeNode {
            id: if archive { ARCHIVE_ID } else { ROOT_ID }.to_string(),
            kind: if archive { Kind::Archive } else { Kind::Issue },
            parent: None,
            children: Vec::new(),
            depth: 0,
            data: None,
            entry: 0,
        };
        // Counting each entry's nodes first tells each where it starts, so
        // that the runs can be moved in on every core, each into its part,
        // knowing the index of the year node its entry hangs from.
        let opens_year: Vec<bool> = (0..n)
            .map(|k| archive && (k == 0 || years[k] != years[k - 1]))
            .collect();
        let issue_node = |h: &Head| usize::from(archive && matches!(h, Head::Issue(_)));
        let entry_sizes: Vec<usize> = (0..n)
            .into_par_iter()
            .map(|k| {
                usize::from(opens_year[k])
                    + issue_node(&heads[k])
                    + runs[k].iter().map(count).sum::<usize>()
            })
            .collect();
        let first = usize::from(!lone_document);
        let mut starts = Vec::with_capacity(n);
        let mut at = first;
        for s in &entry_sizes {
            starts.push(at);
            at += s;
        }
        let mut year_of = vec![0; n];
        for k in 0..n {
            year_of[k] = if opens_year[k] || k == 0 {
                starts[k]
            } else {
                year_of[k - 1]
            };
        }
        let per = n.div_ceil(crate::cores()).max(1);
        let sizes: Vec<usize> = entry_sizes.chunks(per).map(|c| c.iter().sum()).collect();
        let mut nodes = Vec::with_capacity(at);
        if !lone_document {
            nodes.push(root);
        }
        nodes.resize_with(at, TreeNode::empty);
        // The runs' parts of the arena, disjoint, filled in parallel.
        let mut jobs = Vec::with_capacity(sizes.len());
        let mut rest = &mut nodes[first..];
        let mut at = first;
        for (r, ((run, size), (hs, ks))) in runs
            .chunks_mut(per)
            .zip(&sizes)
            .zip(heads.chunks(per).zip(keys.chunks(per)))
            .enumerate()
        {
            let (part, tail) = std::mem::take(&mut rest).split_at_mut(*size);
            rest = tail;
            jobs.push((
                Writer {
                    out: part,
                    at,
                    len: 0,
                    lone: lone_document,
                },
                run,
                hs,
                ks,
                r,
            ));
            at += size;
        }
        jobs.into_par_iter().for_each(|(mut w, run, hs, ks, r)| {
            for (j, ((docs, head), key)) in run.iter_mut().zip(hs).zip(ks).enumerate() {
                let k = r * per + j;
                let year = archive.then(|| Year {
                    ix: year_of[k],
                    opens: opens_year[k],
                    year: years[k],
                });
                w.entry(std::mem::take(docs), head, key, k, year);
            }
        });
        // The root's and the years' children (the runs do not know them),
        // and where each entry starts.
        let mut roots = vec![0; n];
        if !lone_document {
            let mut tops = Vec::new();
            for ix in 1..nodes.len() {
                let Some(p) = nodes[ix].parent else { continue };
                if p == 0 || nodes[p].kind == Kind::Year {
                    tops.push((p, ix));
                }
            }
            for (p, ix) in tops {
                nodes[p].children.push(ix);
                if nodes[ix].kind != Kind::Year && archive {
                    roots[nodes[ix].entry] = ix;
                }
            }
        }
        Tree {
            entries: heads,
            nodes,
            roots,
            by_id: OnceLock::new(),
        }
    }

    /// The first (or only) entry's issue, unless it is a standalone document.
    pub fn issue(&self) -> Option<&Issue> {
        self.issue_of(0)
    }

    /// Entry `k`'s issue fields, unless it is a standalone document.
    pub fn issue_of(&self, k: usize) -> Option<&Issue> {
        match self.entries.get(k) {
            Some(Head::Issue(i)) => Some(i),
            _ => None,
        }
    }

    /// Whether this is an archive of several entries.
    pub fn is_archive(&self) -> bool {
        self.nodes[0].kind == Kind::Archive
    }

    /// The top node of entry `k`: its issue node or document node (the root
    /// for a single entry).
    pub fn entry_node(&self, k: usize) -> NodeIx {
        if self.is_archive() {
            self.roots.get(k).copied().unwrap_or(0)
        } else {
            0
        }
    }

    /// Gives the first entry back, nested, moving (not cloning) the nodes.
    pub fn into_entry(mut self) -> Entry {
        let top = self.entry_node(0);
        let head = std::mem::replace(&mut self.entries[0], Head::Document);
        match head {
            Head::Issue(mut issue) => {
                let kids = std::mem::take(&mut self.nodes[top].children);
                issue.documents = kids.into_iter().map(|c| self.take_nested(c)).collect();
                Entry::Issue(issue)
            }
            Head::Document => match self.take_nested(top) {
                Node::Document(d) => Entry::Document(d),
                // A document entry's top node is its document.
                other => Entry::Document(Box::new(wrap_in_document(other))),
            },
        }
    }

    fn take_nested(&mut self, ix: NodeIx) -> Node {
        let mut node = self.nodes[ix].data.take().unwrap_or_else(unreachable_root);
        // The node's own id, without an archive's `KEY/`.
        let id = std::mem::take(&mut self.nodes[ix].id);
        *node_id_mut(&mut node) = match id.split_once('/') {
            Some((_, own)) if self.is_archive() => own.to_string(),
            _ => id,
        };
        let kids = std::mem::take(&mut self.nodes[ix].children);
        if let Some(v) = children_mut(&mut node) {
            *v = kids.into_iter().map(|c| self.take_nested(c)).collect();
        }
        node
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    pub fn get(&self, ix: NodeIx) -> &TreeNode {
        &self.nodes[ix]
    }

    /// The node with this id (built on first use: most commands never ask).
    pub fn find_id(&self, id: &str) -> Option<NodeIx> {
        self.by_id
            .get_or_init(|| {
                let mut by_id = HashMap::with_capacity(self.nodes.len());
                for (ix, node) in self.nodes.iter().enumerate() {
                    by_id.entry(node.id.clone()).or_insert(ix);
                }
                by_id
            })
            .get(id)
            .copied()
    }

    /// The root's display title: the issue's (重庆市人民政府公报 2021年第15期
    /// （总第897期）), the document's, or for an archive its name and size.
    pub fn root_title(&self) -> String {
        if self.is_archive() {
            let titles = self.gazettes();
            let docs = self.entries.len()
                - self
                    .entries
                    .iter()
                    .filter(|h| matches!(h, Head::Issue(_)))
                    .count();
            let n_issues = self.entries.len() - docs;
            return archive_title(&titles, n_issues, docs);
        }
        self.title_of_entry(0)
    }

    /// The distinct names of the gazettes whose issues are loaded.
    pub fn gazettes(&self) -> Vec<&str> {
        let mut t: Vec<&str> = self
            .entries
            .iter()
            .filter_map(|h| match h {
                Head::Issue(i) => Some(i.title.as_str()),
                Head::Document => None,
            })
            .collect();
        t.sort_unstable();
        t.dedup();
        t
    }

    /// One entry's short name: 2021年第15期, or a document's 文号 (else its title).
    pub fn entry_tag(&self, k: usize) -> String {
        match self.entries.get(k) {
            // With several gazettes loaded, the gazette's name too.
            Some(Head::Issue(i)) if self.gazettes().len() > 1 => {
                format!("{}{}年第{}{}", i.title, i.year, i.number, i.unit())
            }
            Some(Head::Issue(i)) => format!("{}年第{}{}", i.year, i.number, i.unit()),
            Some(Head::Document) => {
                let top = self.entry_node(k);
                match &self.nodes[top].data {
                    Some(Node::Document(d)) => d.doc_number.clone().unwrap_or(d.title.clone()),
                    _ => String::new(),
                }
            }
            None => String::new(),
        }
    }

    /// One entry's display title: an issue's name, number and total number,
    /// or a document's title.
    pub fn title_of_entry(&self, k: usize) -> String {
        match self.entries.get(k) {
            Some(Head::Issue(i)) => {
                let total = i.total_number.map_or_else(String::new, |t| match i.unit() {
                    "号" => format!("（总号：{t}）"),
                    unit => format!("（总第{t}{unit}）"),
                });
                format!("{} {}年第{}{}{total}", i.title, i.year, i.number, i.unit())
            }
            Some(Head::Document) => self.title(self.entry_node(k)).to_string(),
            None => String::new(),
        }
    }

    /// A node's title; may be empty (paragraphs, tasks, articles).
    pub fn title(&self, ix: NodeIx) -> &str {
        match &self.nodes[ix].data {
            None if self.nodes[ix].kind == Kind::Year => "",
            None => match self.entries.get(self.nodes[ix].entry) {
                Some(Head::Issue(i)) => &i.title,
                _ => "",
            },
            Some(node) => match node {
                Node::Document(d) => &d.title,
                Node::Attachment(c) => &c.title,
                h if h.heading().is_some() => h.heading().map_or("", |h| h.title.as_str()),
                Node::Segment(n) | Node::Entry(n) => &n.title,
                Node::Table(t) => &t.title,
                Node::Decision(d) => &d.title,
                _ => "",
            },
        }
    }

    /// The heading fields of a numbered node.
    pub fn heading(&self, ix: NodeIx) -> Option<&schema::Heading> {
        self.nodes[ix].data.as_ref()?.heading()
    }

    /// A node's running text; may be empty.
    pub fn text(&self, ix: NodeIx) -> &str {
        if let Some(h) = self.heading(ix) {
            return &h.text;
        }
        match &self.nodes[ix].data {
            Some(Node::Segment(n)) | Some(Node::Entry(n)) => &n.text,
            Some(Node::Paragraph(p)) => &p.text,
            Some(Node::Task(t)) => &t.text,
            _ => "",
        }
    }

    /// A node's number as displayed, without punctuation; empty when it has none.
    pub fn number(&self, ix: NodeIx) -> String {
        if let Some(h) = self.heading(ix) {
            return h.number.clone();
        }
        match &self.nodes[ix].data {
            Some(Node::Paragraph(p)) => p.number.clone().unwrap_or_default(),
            Some(Node::Task(t)) => t.number.clone().unwrap_or_default(),
            Some(Node::Decision(d)) => d.number.clone(),
            Some(Node::Document(d)) => d.doc_number.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// A document's name: its 文号 and title, or the title alone when it
    /// has no 文号.
    pub fn document_name(&self, ix: NodeIx) -> String {
        let number = self.number(ix);
        if number.is_empty() {
            self.title(ix).to_string()
        } else {
            format!("{number} {}", self.title(ix))
        }
    }

    /// A node's number as printed: the stored label, or for version 1 files
    /// the kind's customary form (`三` → `三、`); empty when it has none.
    pub fn printed_number(&self, ix: NodeIx) -> String {
        if let Some(h) = self.heading(ix) {
            if !h.label.is_empty() {
                return h.label.clone();
            }
        }
        if let Some(Node::Paragraph(p)) = &self.nodes[ix].data {
            if let Some(l) = &p.label {
                return l.clone();
            }
        }
        let num = self.number(ix);
        if num.is_empty() {
            return num;
        }
        match self.nodes[ix].kind {
            Kind::Chapter | Kind::Paragraph => format!("{num}、"),
            Kind::Section => format!("（{num}）"),
            Kind::Industry => format!("{num}."),
            Kind::Column => format!("专栏{num}"),
            Kind::Heading | Kind::Item => {
                if num.chars().all(|c| c.is_ascii_digit()) {
                    format!("{num}.")
                } else {
                    format!("{num}、")
                }
            }
            Kind::Part => format!("第{num}编"),
            Kind::Article => format!("第{num}条"),
            _ => num,
        }
    }

    /// A one-line label: the number as printed and the title, or the text
    /// when there is no title.
    pub fn label(&self, ix: NodeIx) -> String {
        self.label_within(ix, usize::MAX)
    }

    /// [`Tree::label`] with the title or text cut after `chars` characters:
    /// what a screen row needs (a paragraph may be 60 MB long).
    pub fn label_within(&self, ix: NodeIx, chars: usize) -> String {
        let n = &self.nodes[ix];
        match n.kind {
            Kind::Issue => return self.title_of_entry(n.entry),
            Kind::Archive => return self.root_title(),
            Kind::Year if n.id == year_id(None) => return "无日期".to_string(),
            Kind::Year => return format!("{}年", n.id),
            Kind::Document | Kind::Attachment | Kind::Table => return self.title(ix).to_string(),
            _ => {}
        }
        let title = self.title(ix);
        let body = if title.is_empty() {
            self.text(ix)
        } else {
            title
        };
        let body = match body.char_indices().nth(chars) {
            Some((cut, _)) => &body[..cut],
            None => body,
        };
        let printed = self.printed_number(ix);
        if printed.is_empty() {
            return body.to_string();
        }
        // `一、总则`, `（一）目标`, but `第一章 总则`, `1.2 目标`, `专栏5 …`.
        let space = printed
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '．')
            || matches!(n.kind, Kind::Task | Kind::Decision);
        if space {
            format!("{printed} {body}")
        } else {
            format!("{printed}{body}")
        }
    }

    /// The ancestors of a node, root first, not including the node.
    pub fn ancestors(&self, ix: NodeIx) -> Vec<NodeIx> {
        let mut out = Vec::new();
        let mut cur = self.nodes[ix].parent;
        while let Some(p) = cur {
            out.push(p);
            cur = self.nodes[p].parent;
        }
        out.reverse();
        out
    }

    /// The last index of the subtree rooted at `ix` (nodes are in document order).
    pub fn subtree_end(&self, ix: NodeIx) -> NodeIx {
        let mut end = ix;
        while let Some(&last) = self.nodes[end].children.last() {
            end = last;
        }
        end
    }

    /// Iterates over the indices of every node of a kind, in document order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = NodeIx> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.kind == kind)
            .map(|(i, _)| i)
    }

    /// The document a node belongs to.
    pub fn document_of(&self, ix: NodeIx) -> Option<&schema::Document> {
        std::iter::once(ix)
            .chain(self.ancestors(ix).into_iter().rev())
            .find_map(|i| match &self.nodes[i].data {
                Some(Node::Document(d)) => Some(&**d),
                _ => None,
            })
    }
}

/// How many nodes a node and its subtree are.
fn count(node: &Node) -> usize {
    1 + children(node).iter().map(count).sum::<usize>()
}

/// Where an entry of a library hangs: its year's node.
#[derive(Debug, Clone, Copy)]
struct Year {
    /// The year node's index in the arena.
    ix: NodeIx,
    /// This entry is the year's first: it writes the year node.
    opens: bool,
    year: Option<u32>,
}

/// Fills a run's part of the arena, which starts at arena index `at`.
struct Writer<'a> {
    out: &'a mut [TreeNode],
    at: usize,
    len: usize,
    /// The tree is one standalone document: its node is the root.
    lone: bool,
}

impl Writer<'_> {
    /// Moves one entry's documents in; `k` is the entry's index. In an
    /// archive the entry hangs from its year's node (written first by the
    /// entry that opens the year), an issue gets an issue node, and ids are
    /// prefixed with the entry's key.
    fn entry(
        &mut self,
        documents: Vec<Node>,
        head: &Head,
        key: &str,
        k: usize,
        year: Option<Year>,
    ) {
        let prefix = if year.is_some() {
            format!("{key}/")
        } else {
            String::new()
        };
        let (top, top_depth) = match year {
            Some(y) => {
                if y.opens {
                    self.put(TreeNode {
                        id: year_id(y.year),
                        kind: Kind::Year,
                        parent: Some(0),
                        children: Vec::new(),
                        depth: 1,
                        data: None,
                        entry: k,
                    });
                }
                (y.ix, 1)
            }
            None => (0, 0),
        };
        let parent = if year.is_some() && matches!(head, Head::Issue(_)) {
            let ix = self.put(TreeNode {
                id: key.to_string(),
                kind: Kind::Issue,
                parent: Some(top),
                children: Vec::with_capacity(documents.len()),
                depth: top_depth + 1,
                data: None,
                entry: k,
            });
            Some(ix)
        } else {
            None
        };
        for doc in documents {
            self.node(doc, parent, k, &prefix, (top, top_depth));
        }
    }

    fn put(&mut self, node: TreeNode) -> NodeIx {
        self.out[self.len] = node;
        self.len += 1;
        self.at + self.len - 1
    }

    /// Moves `node` and its subtree in, under `parent` (`None`: the top —
    /// the root or a year, given with its depth — or for a lone document
    /// none at all). Only parents in this run's part get their children
    /// here; the top's are filled in after.
    fn node(
        &mut self,
        mut node: Node,
        parent: Option<NodeIx>,
        entry: usize,
        prefix: &str,
        top: (NodeIx, usize),
    ) {
        let kids = children_mut(&mut node)
            .map(std::mem::take)
            .unwrap_or_default();
        let lone_root = self.lone && parent.is_none();
        let depth = match parent {
            Some(p) => self.out[p - self.at].depth + 1,
            None if lone_root => 0,
            None => top.1 + 1,
        };
        let own = std::mem::take(node_id_mut(&mut node));
        let id = if prefix.is_empty() {
            own
        } else {
            prefix.to_string() + &own
        };
        let ix = self.put(TreeNode {
            id,
            kind: Kind::of(&node),
            parent: if lone_root {
                None
            } else {
                Some(parent.unwrap_or(top.0))
            },
            children: Vec::with_capacity(kids.len()),
            depth,
            data: Some(node),
            entry,
        });
        if let Some(p) = parent {
            self.out[p - self.at].children.push(ix);
        }
        for kid in kids {
            self.node(kid, Some(ix), entry, prefix, top);
        }
    }
}

/// A node that should have been a document, as one (never happens: a
/// document entry's top node is built from its document).
#[cold]
fn wrap_in_document(node: Node) -> Document {
    Document {
        format: None,
        id: String::new(),
        title: String::new(),
        title_en: None,
        doc_number: None,
        issuer: None,
        date: None,
        category: None,
        page: None,
        genre: None,
        effective: None,
        expires: None,
        source: None,
        metadata: Vec::new(),
        children: vec![node],
    }
}

#[cold]
fn unreachable_root() -> Node {
    // The root has no `data`; `nested` is only called for indices below it.
    Node::Paragraph(schema::Paragraph {
        id: String::new(),
        number: None,
        label: None,
        text: String::new(),
        role: schema::Role::Body,
        page: None,
    })
}
