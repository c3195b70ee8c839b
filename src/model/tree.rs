//! The gazette as an arena: a flat `Vec` of nodes in document order with
//! parent/children indices, so navigation is index arithmetic.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::schema::{self, Issue, Node};

/// The kinds of node, with the names used in JSON, `tree` and the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// The root above the issues of an archive (`--data DIR`).
    Archive,
    Issue,
    Document,
    Attachment,
    Chapter,
    Section,
    Industry,
    Segment,
    Column,
    Heading,
    Entry,
    Paragraph,
    Table,
    Task,
    Decision,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Archive => "archive",
            Kind::Issue => "issue",
            Kind::Document => "document",
            Kind::Attachment => "attachment",
            Kind::Chapter => "chapter",
            Kind::Section => "section",
            Kind::Industry => "industry",
            Kind::Segment => "segment",
            Kind::Column => "column",
            Kind::Heading => "heading",
            Kind::Entry => "entry",
            Kind::Paragraph => "paragraph",
            Kind::Table => "table",
            Kind::Task => "task",
            Kind::Decision => "decision",
        }
    }

    pub fn of(node: &Node) -> Kind {
        match node {
            Node::Document(_) => Kind::Document,
            Node::Attachment(_) => Kind::Attachment,
            Node::Chapter(_) => Kind::Chapter,
            Node::Section(_) => Kind::Section,
            Node::Industry(_) => Kind::Industry,
            Node::Segment(_) => Kind::Segment,
            Node::Column(_) => Kind::Column,
            Node::Heading(_) => Kind::Heading,
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

/// Index of a node in [`Tree::nodes`]. The issue root is always 0.
pub type NodeIx = usize;

/// One node of the arena. `data` is the node itself with its children moved
/// out into the arena (`None` only for the issue root).
#[derive(Debug, Clone)]
pub struct TreeNode {
    pub id: String,
    pub kind: Kind,
    pub parent: Option<NodeIx>,
    pub children: Vec<NodeIx>,
    pub depth: usize,
    pub data: Option<Node>,
    /// Which issue (index into [`Tree::issues`]) the node belongs to.
    pub issue: usize,
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
            issue: 0,
        }
    }
}

/// The loaded issue (or archive of issues): metadata plus the arena of nodes
/// in document order.
#[derive(Debug, Clone)]
pub struct Tree {
    /// Each issue's fields, ordered by (year, number); `documents` is emptied
    /// (they live in `nodes`).
    pub issues: Vec<Issue>,
    pub nodes: Vec<TreeNode>,
    by_id: OnceLock<HashMap<String, NodeIx>>,
}

/// Children of a node, or `None` for kinds that are leaves.
pub fn children_mut(node: &mut Node) -> Option<&mut Vec<Node>> {
    match node {
        Node::Document(d) => Some(&mut d.children),
        Node::Attachment(c) => Some(&mut c.children),
        Node::Chapter(h)
        | Node::Section(h)
        | Node::Industry(h)
        | Node::Column(h)
        | Node::Heading(h) => Some(&mut h.children),
        Node::Table(t) => Some(&mut t.children),
        Node::Segment(_)
        | Node::Entry(_)
        | Node::Paragraph(_)
        | Node::Task(_)
        | Node::Decision(_) => None,
    }
}

/// Children of a node, empty for leaves.
pub fn children(node: &Node) -> &[Node] {
    match node {
        Node::Document(d) => &d.children,
        Node::Attachment(c) => &c.children,
        Node::Chapter(h)
        | Node::Section(h)
        | Node::Industry(h)
        | Node::Column(h)
        | Node::Heading(h) => &h.children,
        Node::Table(t) => &t.children,
        Node::Segment(_)
        | Node::Entry(_)
        | Node::Paragraph(_)
        | Node::Task(_)
        | Node::Decision(_) => &[],
    }
}

/// A node's own id field. In the arena it is moved out into
/// [`TreeNode::id`] (prefixed in an archive) and left empty, so each id is
/// kept once; [`Tree::into_issue`] puts it back.
fn node_id_mut(node: &mut Node) -> &mut String {
    match node {
        Node::Document(d) => &mut d.id,
        Node::Attachment(c) => &mut c.id,
        Node::Chapter(h)
        | Node::Section(h)
        | Node::Industry(h)
        | Node::Column(h)
        | Node::Heading(h) => &mut h.id,
        Node::Segment(n) | Node::Entry(n) => &mut n.id,
        Node::Paragraph(p) => &mut p.id,
        Node::Table(t) => &mut t.id,
        Node::Task(t) => &mut t.id,
        Node::Decision(d) => &mut d.id,
    }
}

/// The id of the issue root.
pub const ROOT_ID: &str = "issue";
/// The id of an archive's root.
pub const ARCHIVE_ID: &str = "archive";

impl Tree {
    /// Moves an issue into an arena. Does not validate: see `load::validate`.
    pub fn new(issue: Issue) -> Tree {
        Tree::build(vec![issue], false)
    }

    /// Several issues under one root, ordered by (year, number). Ids are
    /// prefixed with the issue's `YEAR-NUMBER/` so they stay unique.
    pub fn archive(mut issues: Vec<Issue>) -> Tree {
        issues.sort_by_key(|i| (i.year, i.number));
        Tree::build(issues, true)
    }

    fn build(mut issues: Vec<Issue>, archive: bool) -> Tree {
        let root = TreeNode {
            id: if archive { ARCHIVE_ID } else { ROOT_ID }.to_string(),
            kind: if archive { Kind::Archive } else { Kind::Issue },
            parent: None,
            children: Vec::new(),
            depth: 0,
            data: None,
            issue: 0,
        };
        // Each core moves a run of issues into its part of the arena;
        // counting the nodes first tells each run where its part is.
        let per = issues.len().div_ceil(crate::cores()).max(1);
        let sizes: Vec<usize> = issues
            .chunks(per)
            .map(|run| {
                run.iter()
                    .map(|i| usize::from(archive) + i.documents.iter().map(count).sum::<usize>())
                    .sum()
            })
            .collect();
        let mut nodes = Vec::with_capacity(1 + sizes.iter().sum::<usize>());
        nodes.push(root);
        nodes.resize_with(nodes.capacity(), TreeNode::empty);
        std::thread::scope(|s| {
            let mut rest = &mut nodes[1..];
            let mut at = 1;
            let mut runs = Vec::new();
            for (r, (run, size)) in issues.chunks_mut(per).zip(&sizes).enumerate() {
                let (part, tail) = std::mem::take(&mut rest).split_at_mut(*size);
                rest = tail;
                let mut w = Writer {
                    out: part,
                    at,
                    len: 0,
                };
                at += size;
                runs.push(s.spawn(move || {
                    for (k, issue) in run.iter_mut().enumerate() {
                        w.issue(issue, r * per + k, archive);
                    }
                }));
            }
            for run in runs {
                if let Err(panic) = run.join() {
                    std::panic::resume_unwind(panic);
                }
            }
        });
        for ix in 1..nodes.len() {
            if nodes[ix].parent == Some(0) {
                nodes[0].children.push(ix);
            }
        }
        Tree {
            issues,
            nodes,
            by_id: OnceLock::new(),
        }
    }

    /// The first (or only) issue.
    pub fn issue(&self) -> &Issue {
        &self.issues[0]
    }

    /// Whether this is an archive of several issues.
    pub fn is_archive(&self) -> bool {
        self.nodes[0].kind == Kind::Archive
    }

    /// The issue node of issue `k` (the root for a single issue).
    pub fn issue_node(&self, k: usize) -> NodeIx {
        if self.is_archive() {
            self.nodes[0].children.get(k).copied().unwrap_or(0)
        } else {
            0
        }
    }

    /// Gives the first issue back, nested, moving (not cloning) the nodes.
    pub fn into_issue(mut self) -> Issue {
        let top = self.issue_node(0);
        let kids = std::mem::take(&mut self.nodes[top].children);
        let docs = kids.into_iter().map(|c| self.take_nested(c)).collect();
        let mut issue = self.issues.swap_remove(0);
        issue.documents = docs;
        issue
    }

    fn take_nested(&mut self, ix: NodeIx) -> Node {
        let mut node = self.nodes[ix].data.take().unwrap_or_else(unreachable_root);
        // The node's own id, without an archive's `YEAR-NUMBER/`.
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
    /// （总第897期）), or for an archive its name and size.
    pub fn issue_title(&self) -> String {
        if self.is_archive() {
            let first = self.issues.first().map_or("", |i| i.title.as_str());
            return format!("{first} · {}期", self.issues.len());
        }
        self.title_of_issue(0)
    }

    /// One issue's short name: 2021年第15期.
    pub fn issue_tag(&self, k: usize) -> String {
        self.issues
            .get(k)
            .map_or_else(String::new, |i| format!("{}年第{}期", i.year, i.number))
    }

    /// One issue's display title.
    pub fn title_of_issue(&self, k: usize) -> String {
        let i = &self.issues[k];
        format!(
            "{} {}年第{}期（总第{}期）",
            i.title, i.year, i.number, i.total_number
        )
    }

    /// A node's title; may be empty (paragraphs, tasks).
    pub fn title(&self, ix: NodeIx) -> &str {
        match &self.nodes[ix].data {
            None => &self.issues[self.nodes[ix].issue].title,
            Some(node) => match node {
                Node::Document(d) => &d.title,
                Node::Attachment(c) => &c.title,
                Node::Chapter(h)
                | Node::Section(h)
                | Node::Industry(h)
                | Node::Column(h)
                | Node::Heading(h) => &h.title,
                Node::Segment(n) | Node::Entry(n) => &n.title,
                Node::Table(t) => &t.title,
                Node::Decision(d) => &d.title,
                Node::Paragraph(_) | Node::Task(_) => "",
            },
        }
    }

    /// A node's running text; may be empty.
    pub fn text(&self, ix: NodeIx) -> &str {
        match &self.nodes[ix].data {
            Some(Node::Chapter(h))
            | Some(Node::Section(h))
            | Some(Node::Industry(h))
            | Some(Node::Column(h))
            | Some(Node::Heading(h)) => &h.text,
            Some(Node::Segment(n)) | Some(Node::Entry(n)) => &n.text,
            Some(Node::Paragraph(p)) => &p.text,
            Some(Node::Task(t)) => &t.text,
            _ => "",
        }
    }

    /// A node's number as displayed, without punctuation; empty when it has none.
    pub fn number(&self, ix: NodeIx) -> String {
        match &self.nodes[ix].data {
            Some(Node::Chapter(h))
            | Some(Node::Section(h))
            | Some(Node::Industry(h))
            | Some(Node::Column(h))
            | Some(Node::Heading(h)) => h.number.clone(),
            Some(Node::Paragraph(p)) => p.number.clone().unwrap_or_default(),
            Some(Node::Task(t)) => t.number.to_string(),
            Some(Node::Decision(d)) => d.number.clone(),
            Some(Node::Document(d)) => d.doc_number.clone(),
            _ => String::new(),
        }
    }

    /// A one-line label: the number in its customary punctuation and the title,
    /// or the start of the text when there is no title.
    pub fn label(&self, ix: NodeIx) -> String {
        let n = &self.nodes[ix];
        let num = self.number(ix);
        let title = self.title(ix);
        let body = if title.is_empty() {
            self.text(ix)
        } else {
            title
        };
        let numbered = match n.kind {
            Kind::Chapter => format!("{num}、{body}"),
            Kind::Section => format!("（{num}）{body}"),
            Kind::Industry => format!("{num}. {body}"),
            Kind::Column => format!("专栏{num} {body}"),
            Kind::Heading if !num.is_empty() => {
                if num.chars().all(|c| c.is_ascii_digit()) {
                    format!("{num}. {body}")
                } else {
                    format!("{num}、{body}")
                }
            }
            Kind::Paragraph if !num.is_empty() => format!("{num}、{body}"),
            Kind::Task | Kind::Decision => format!("{num} {body}"),
            Kind::Issue => self.title_of_issue(n.issue),
            Kind::Archive => self.issue_title(),
            _ => body.to_string(),
        };
        numbered
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

/// Fills a run's part of the arena, which starts at arena index `at`.
struct Writer<'a> {
    out: &'a mut [TreeNode],
    at: usize,
    len: usize,
}

impl Writer<'_> {
    /// Moves one issue's documents in; `k` is the issue's index. An archive
    /// gets an issue node first and ids prefixed with `YEAR-NUMBER/`.
    fn issue(&mut self, issue: &mut Issue, k: usize, archive: bool) {
        let documents = std::mem::take(&mut issue.documents);
        let (parent, prefix) = if archive {
            let key = format!("{}-{}", issue.year, issue.number);
            let ix = self.put(TreeNode {
                id: key.clone(),
                kind: Kind::Issue,
                parent: Some(0),
                children: Vec::with_capacity(documents.len()),
                depth: 1,
                data: None,
                issue: k,
            });
            (Some(ix), format!("{key}/"))
        } else {
            (None, String::new())
        };
        for doc in documents {
            self.node(doc, parent, k, &prefix);
        }
    }

    fn put(&mut self, node: TreeNode) -> NodeIx {
        self.out[self.len] = node;
        self.len += 1;
        self.at + self.len - 1
    }

    /// Moves `node` and its subtree in, under `parent` (`None`: the root).
    fn node(&mut self, mut node: Node, parent: Option<NodeIx>, issue: usize, prefix: &str) {
        let kids = children_mut(&mut node)
            .map(std::mem::take)
            .unwrap_or_default();
        let depth = parent.map_or(1, |p| self.out[p - self.at].depth + 1);
        let own = std::mem::take(node_id_mut(&mut node));
        let id = if prefix.is_empty() {
            own
        } else {
            prefix.to_string() + &own
        };
        let ix = self.put(TreeNode {
            id,
            kind: Kind::of(&node),
            parent: Some(parent.unwrap_or(0)),
            children: Vec::with_capacity(kids.len()),
            depth,
            data: Some(node),
            issue,
        });
        if let Some(p) = parent {
            self.out[p - self.at].children.push(ix);
        }
        for kid in kids {
            self.node(kid, Some(ix), issue, prefix);
        }
    }
}

#[cold]
fn unreachable_root() -> Node {
    // The root has no `data`; `nested` is only called for indices below it.
    Node::Paragraph(schema::Paragraph {
        id: String::new(),
        number: None,
        text: String::new(),
        role: schema::Role::Body,
    })
}
