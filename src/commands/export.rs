//! `export`: the whole tree as JSON (one [`ExportNode`] per node, nested) or
//! as Markdown (headings, paragraphs and tables, readable alone).

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{write_json, Error};
use crate::cli::Format;
use crate::model::date::Date;
use crate::model::schema::{ContentsEntry, Node, Span};
use crate::model::{Kind, NodeIx, Tree};

/// `export --format json|markdown`.
pub fn run(tree: &Tree, format: Format, out: &mut impl Write) -> Result<ExitCode, Error> {
    match format {
        Format::Json => write_json(out, &ExportNode::of(tree, 0))?,
        Format::Markdown => crate::view::markdown::write(tree, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A node and its subtree in JSON: what every node has, its kind's own
/// fields, its children.
#[derive(Debug, Serialize)]
pub struct ExportNode<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub title: &'a str,
    pub text: &'a str,
    #[serde(flatten)]
    pub fields: Fields<'a>,
    pub children: Vec<ExportNode<'a>>,
}

/// The fields of one kind of node. `None`s are written as `null`, except
/// where a field is skipped.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Fields<'a> {
    /// An archive's root: how many issues and documents it holds.
    Archive {
        entries: usize,
    },
    Issue(IssueFields<'a>),
    Document(DocumentFields<'a>),
    /// Part, chapter, section, industry, column, heading, article, item.
    Heading {
        number: &'a str,
        ordinal: Option<u32>,
        /// The number as printed (the kind's customary form when the file has none).
        label: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        page: Option<u32>,
    },
    Paragraph {
        number: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        label: Option<&'a str>,
        /// [`Role::name`](crate::model::schema::Role::name).
        role: &'static str,
    },
    Table {
        header: &'a [Vec<String>],
        rows: &'a [Vec<String>],
        notes: &'a [String],
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        spans: &'a [Span],
    },
    Task {
        number: Option<&'a str>,
        lead: &'a [String],
        support: &'a [String],
        due: Option<Date>,
        due_text: &'a str,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        fields: &'a [(String, String)],
    },
    Decision {
        number: &'a str,
        unit: &'a str,
        due: Option<Date>,
    },
    /// Attachment, segment, entry: the common fields only.
    Bare {},
}

/// An issue's masthead fields.
#[derive(Debug, Serialize)]
pub struct IssueFields<'a> {
    pub year: u32,
    pub number: u32,
    pub total_number: Option<u32>,
    pub published: Date,
    pub publisher: &'a str,
    pub masthead: &'a [String],
    pub masthead_en: &'a [String],
    pub contents: Vec<Contents<'a>>,
    pub contents_en: Vec<Contents<'a>>,
    pub back_matter: &'a [String],
}

/// One line of a table of contents.
#[derive(Debug, Serialize)]
pub struct Contents<'a> {
    pub category: &'a str,
    pub title: &'a str,
    pub page: Option<u32>,
}

/// A document's head fields.
#[derive(Debug, Serialize)]
pub struct DocumentFields<'a> {
    pub doc_number: Option<&'a str>,
    pub issuer: Option<&'a str>,
    pub date: Option<Date>,
    pub category: Option<&'a str>,
    pub page: Option<u32>,
    pub title_en: Option<&'a str>,
    pub genre: Option<&'a str>,
    pub effective: Option<Date>,
    pub expires: Option<Date>,
    pub source: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub metadata: &'a [(String, String)],
}

impl<'a> ExportNode<'a> {
    /// Node `ix` and its subtree.
    pub fn of(tree: &'a Tree, ix: NodeIx) -> ExportNode<'a> {
        let n = &tree.nodes[ix];
        ExportNode {
            id: &n.id,
            kind: n.kind.name(),
            title: tree.title(ix),
            text: tree.text(ix),
            fields: Fields::of(tree, ix),
            children: n
                .children
                .iter()
                .map(|&c| ExportNode::of(tree, c))
                .collect(),
        }
    }
}

impl<'a> Fields<'a> {
    fn of(tree: &'a Tree, ix: NodeIx) -> Fields<'a> {
        let n = &tree.nodes[ix];
        match &n.data {
            None if n.kind == Kind::Archive => Fields::Archive {
                entries: tree.entries.len(),
            },
            // A library's year: how many entries it holds.
            None if n.kind == Kind::Year => Fields::Archive {
                entries: n.children.len(),
            },
            // An issue's node (the root, or one of an archive's).
            None => tree.issue_of(n.entry).map_or(Fields::Bare {}, |i| {
                Fields::Issue(IssueFields {
                    year: i.year,
                    number: i.number,
                    total_number: i.total_number,
                    published: i.published,
                    publisher: &i.publisher,
                    masthead: &i.masthead,
                    masthead_en: &i.masthead_en,
                    contents: contents(&i.contents),
                    contents_en: contents(&i.contents_en),
                    back_matter: &i.back_matter,
                })
            }),
            Some(Node::Document(d)) => Fields::Document(DocumentFields {
                doc_number: d.doc_number.as_deref(),
                issuer: d.issuer.as_deref(),
                date: d.date,
                category: d.category.as_deref(),
                page: d.page,
                title_en: d.title_en.as_deref(),
                genre: d.genre.as_deref(),
                effective: d.effective,
                expires: d.expires,
                source: d.source.as_deref(),
                metadata: &d.metadata,
            }),
            Some(Node::Paragraph(p)) => Fields::Paragraph {
                number: p.number.as_deref(),
                label: p.label.as_deref(),
                role: p.role.name(),
            },
            Some(Node::Table(t)) => Fields::Table {
                header: &t.header,
                rows: &t.rows,
                notes: &t.notes,
                spans: &t.spans,
            },
            Some(Node::Task(t)) => Fields::Task {
                number: t.number.as_deref(),
                lead: &t.lead,
                support: &t.support,
                due: t.due,
                due_text: &t.due_text,
                fields: &t.fields,
            },
            Some(Node::Decision(d)) => Fields::Decision {
                number: &d.number,
                unit: &d.unit,
                due: d.due,
            },
            Some(node) => match node.heading() {
                Some(h) => Fields::Heading {
                    number: &h.number,
                    ordinal: h.ordinal,
                    label: tree.printed_number(ix),
                    page: h.page,
                },
                None => Fields::Bare {},
            },
        }
    }
}

fn contents(c: &[ContentsEntry]) -> Vec<Contents<'_>> {
    c.iter()
        .map(|e| Contents {
            category: &e.category,
            title: &e.title,
            page: e.page,
        })
        .collect()
}
