//! Serde types mirroring the RON file. One gazette issue per file.
//!
//! The tree is typed: every node kind is a variant of [`Node`] with exactly the
//! fields its kind has. `number` is a plain string without its enclosing
//! punctuation (`"三"`, `"5"`, `"1.3"`), except a task's, which is an integer.

use serde::{Deserialize, Serialize};

/// One issue of a gazette: the root of a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    pub year: u32,
    pub number: u32,
    pub total_number: u32,
    /// Publication date, `YYYY-MM-DD`.
    pub published: String,
    /// The gazette's name, e.g. 重庆市人民政府公报.
    pub title: String,
    /// Who publishes it, e.g. 重庆市人民政府办公厅主办.
    pub publisher: String,
    /// The masthead lines as printed, in order.
    #[serde(default)]
    pub masthead: Vec<String>,
    /// The Chinese table of contents.
    #[serde(default)]
    pub contents: Vec<ContentsEntry>,
    /// The English masthead lines (title, publication line, publisher).
    #[serde(default)]
    pub masthead_en: Vec<String>,
    /// The English table of contents.
    #[serde(default)]
    pub contents_en: Vec<ContentsEntry>,
    /// The back-matter lines (主管单位, 主办单位, address, 刊号 …) as printed.
    #[serde(default)]
    pub back_matter: Vec<String>,
    pub documents: Vec<Node>,
}

/// One line of a table of contents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentsEntry {
    /// The category heading the line sits under (市政府文件 …).
    pub category: String,
    pub title: String,
    /// The page number, when the line gives one.
    #[serde(default)]
    pub page: Option<u32>,
}

/// A node of the gazette tree below the issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Node {
    /// Boxed, as the two largest kinds are few: every node of an archive's
    /// arena is then 72 bytes smaller.
    Document(Box<Document>),
    Attachment(Container),
    Chapter(Heading),
    Section(Heading),
    Industry(Heading),
    Segment(Named),
    Column(Heading),
    Heading(Heading),
    Entry(Named),
    Paragraph(Paragraph),
    Table(Box<Table>),
    Task(Task),
    Decision(Decision),
}

/// A notice: one document of the issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub title: String,
    /// The English title from the English contents; `None` when the contents lack it.
    #[serde(default)]
    pub title_en: Option<String>,
    /// 文号, e.g. 渝府发〔2021〕18号.
    pub doc_number: String,
    /// The signing body.
    pub issuer: String,
    /// Date signed, `YYYY-MM-DD`.
    pub date: String,
    /// 市政府文件 / 市政府办公厅文件 / 市政府部门文件.
    pub category: String,
    /// First page in the printed issue, from the contents.
    #[serde(default)]
    pub page: Option<u32>,
    #[serde(default)]
    pub children: Vec<Node>,
}

/// A titled container without a number (an attachment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Container {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub children: Vec<Node>,
}

/// A numbered heading: chapter, section, industry, column, or a heading inside
/// a column or table. `text` is what follows the title on the same line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    pub id: String,
    #[serde(default)]
    pub number: String,
    pub title: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub children: Vec<Node>,
}

/// A paragraph led by a name (`半导体。…`) or a column entry (`半导体：…`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Named {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub text: String,
}

/// What a paragraph is for; body text unless said otherwise.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    #[default]
    Body,
    /// The salutation (各区县（自治县）人民政府 …：).
    Addressee,
    /// The signing body at the end of a notice.
    Signature,
    /// The date under the signature.
    Date,
}

/// A paragraph of running text, optionally numbered (一、 in a notice body).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub id: String,
    #[serde(default)]
    pub number: Option<String>,
    pub text: String,
    #[serde(default)]
    pub role: Role,
}

/// A table: its cells exactly as written. Tasks and decisions are its children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub id: String,
    #[serde(default)]
    pub title: String,
    /// Header rows (a table may have a two-line header); empty cells stay empty.
    #[serde(default)]
    pub header: Vec<Vec<String>>,
    #[serde(default)]
    pub rows: Vec<Vec<String>>,
    /// Notes printed under the table, as written.
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub children: Vec<Node>,
}

/// One row of a task allocation table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub number: u32,
    pub text: String,
    /// Lead units, split on 、 and otherwise as written.
    #[serde(default)]
    pub lead: Vec<String>,
    /// Supporting units; empty when the cell is empty.
    #[serde(default)]
    pub support: Vec<String>,
}

/// One row of a decision catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: String,
    /// `"2"`, or `"1.3"` for the third plan under item 1.
    pub number: String,
    pub title: String,
    pub unit: String,
    /// Decision month `YYYY-MM`; `None` when the cell is empty.
    #[serde(default)]
    pub due: Option<String>,
}
