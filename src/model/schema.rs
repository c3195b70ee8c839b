//! Serde types mirroring the RON file. A file's root is one gazette issue
//! (`Issue(…)`) or one standalone document (`Document(…)`); see
//! docs/FORMAT.md for the whole schema and its versions.
//!
//! The tree is typed: every node kind is a variant of [`Node`] with exactly the
//! fields its kind has. `number` is a plain string without its enclosing
//! punctuation or 第/条 (`"三"`, `"5"`, `"1.3"`, `"三十三"`); `label` is the number
//! exactly as printed (`"（一）"`, `"第三十三条"`, `"1.2.1"`).

use serde::{Deserialize, Deserializer, Serialize};

pub use super::date::Date;

/// The format version this program writes. Files without a `format` field
/// are version 1 (the first round's files); every earlier version loads.
pub const FORMAT: u32 = 2;

/// What a file holds. Few exist at once (one per file), so the size
/// difference between an issue and a boxed document does not matter.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Entry {
    Issue(Issue),
    Document(Box<Document>),
}

impl From<Issue> for Entry {
    fn from(i: Issue) -> Entry {
        Entry::Issue(i)
    }
}

impl Entry {
    /// The issue, unless the entry is a standalone document.
    pub fn into_issue(self) -> Option<Issue> {
        match self {
            Entry::Issue(i) => Some(i),
            Entry::Document(_) => None,
        }
    }

    /// The file's root name in RON.
    pub fn root_name(&self) -> &'static str {
        match self {
            Entry::Issue(_) => "Issue",
            Entry::Document(_) => "Document",
        }
    }
}

/// One issue of a gazette: the root of a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// The file format's version; 0 (absent) is version 1.
    #[serde(default)]
    pub format: u32,
    pub year: u32,
    pub number: u32,
    /// 总第N期 / 总号: N; missing when the masthead does not print it.
    #[serde(default)]
    pub total_number: Option<u32>,
    /// How the masthead counts issues: `期` (empty: the default) or `号`
    /// (`2019年第5号（总号：1652）`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number_unit: String,
    /// Publication date (a day, or a month when only that is printed).
    pub published: Date,
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

impl Issue {
    /// `期` or `号`, as the masthead counts issues.
    pub fn unit(&self) -> &str {
        if self.number_unit.is_empty() {
            "期"
        } else {
            &self.number_unit
        }
    }
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
    /// 编 of a regulation.
    Part(Heading),
    /// 章, 一、, or decimal level 1.
    Chapter(Heading),
    /// 节, （一）, or decimal level 1.1.
    Section(Heading),
    Industry(Heading),
    Segment(Named),
    Column(Heading),
    Heading(Heading),
    /// 条 of a regulation: its own text is its first 款; the following 款 are
    /// paragraph children, its 项 item children.
    Article(Heading),
    /// 项, 目, （1）, ①, decimal 1.1.1 and deeper; `1.` outside a plan's industries.
    Item(Heading),
    Entry(Named),
    Paragraph(Paragraph),
    Table(Box<Table>),
    Task(Task),
    Decision(Decision),
}

impl Node {
    /// The fields of a numbered node (part, chapter, section, industry,
    /// column, heading, article, item), whatever its kind.
    pub fn heading(&self) -> Option<&Heading> {
        match self {
            Node::Part(h)
            | Node::Chapter(h)
            | Node::Section(h)
            | Node::Industry(h)
            | Node::Column(h)
            | Node::Heading(h)
            | Node::Article(h)
            | Node::Item(h) => Some(h),
            _ => None,
        }
    }

    /// As [`Node::heading`], to change.
    pub fn heading_mut(&mut self) -> Option<&mut Heading> {
        match self {
            Node::Part(h)
            | Node::Chapter(h)
            | Node::Section(h)
            | Node::Industry(h)
            | Node::Column(h)
            | Node::Heading(h)
            | Node::Article(h)
            | Node::Item(h) => Some(h),
            _ => None,
        }
    }

    /// The printed page the node starts on, where its kind records one.
    pub fn page(&self) -> Option<u32> {
        match self {
            Node::Document(d) => d.page,
            Node::Paragraph(p) => p.page,
            Node::Table(t) => t.page,
            other => other.heading().and_then(|h| h.page),
        }
    }

    /// The printed page the node starts on, where its kind records one.
    pub fn page_mut(&mut self) -> Option<&mut Option<u32>> {
        match self {
            Node::Paragraph(p) => Some(&mut p.page),
            Node::Table(t) => Some(&mut t.page),
            other => other.heading_mut().map(|h| &mut h.page),
        }
    }
}

/// One official document: a notice of an issue, or a file of its own.
/// Every head field may be missing; a missing one stays `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The format version, only on a file's root (`Document(format: 2, …)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<u32>,
    pub id: String,
    pub title: String,
    /// The English title from the English contents; `None` when the contents lack it.
    #[serde(default)]
    pub title_en: Option<String>,
    /// 文号 as printed without spaces, e.g. 渝府发〔2021〕18号, 国令第707号.
    #[serde(default)]
    pub doc_number: Option<String>,
    /// The signing body (or the congress that passed a regulation).
    #[serde(default)]
    pub issuer: Option<String>,
    /// Date signed (or passed), with the precision printed.
    #[serde(default)]
    pub date: Option<Date>,
    /// The contents' category (市政府文件 …).
    #[serde(default)]
    pub category: Option<String>,
    /// First page in the printed issue, from the contents.
    #[serde(default)]
    pub page: Option<u32>,
    /// 通知, 意见, 办法, 条例 … from the title's end.
    #[serde(default)]
    pub genre: Option<String>,
    /// When it takes effect (本办法自2019年1月1日起施行).
    #[serde(default)]
    pub effective: Option<Date>,
    /// When it expires (有效期至…, or 有效期N年 from its effective date).
    #[serde(default)]
    pub expires: Option<Date>,
    /// The file it was imported from (its name only).
    #[serde(default)]
    pub source: Option<String>,
    /// A web page's 信息公开 table (索引号, 发文机关 …) as printed, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metadata: Vec<(String, String)>,
    #[serde(default)]
    pub children: Vec<Node>,
}

/// A titled container without a number (an attachment).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Container {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub children: Vec<Node>,
}

/// A numbered node: part, chapter, section, industry, column, article,
/// item, or a heading inside a column or table. `title` is its heading
/// (empty for an article or an item without one); `text` is what follows the
/// title on the same line (an article's first 款).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    pub id: String,
    /// The number without punctuation or 第/条/章: `三十三`, `1.2.1`, `5`.
    #[serde(default)]
    pub number: String,
    /// The number as an integer where there is one (`三十三` → 33, `1.2` → 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<u32>,
    /// The number exactly as printed: `第三十三条`, `（一）`, `1.2.1`, `专栏5`.
    /// Empty in version 1 files: views then print the kind's customary form.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
    /// The printed page the node starts on, when the source has page numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default)]
    pub children: Vec<Node>,
}

/// A paragraph led by a name (`半导体。…`) or a column entry (`半导体：…`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Named {
    pub id: String,
    pub title: String,
    /// The separator printed after the title: `。`, `：` or `:`; empty in
    /// version 1 files (a segment then takes `。`, an entry `：`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sep: String,
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
    /// A head line: 版头 (XX人民政府文件), 份号, 密级, 紧急程度, 签发人.
    Head,
    /// A note in the tail: （此件公开发布）, 抄送, 印发, the 附件 list.
    Tail,
    /// The line recording a regulation's passage or amendment history.
    Passage,
}

impl Role {
    /// The role's name in JSON (`export`): the variant in lower case.
    pub fn name(self) -> &'static str {
        match self {
            Role::Body => "body",
            Role::Addressee => "addressee",
            Role::Signature => "signature",
            Role::Date => "date",
            Role::Head => "head",
            Role::Tail => "tail",
            Role::Passage => "passage",
        }
    }
}

/// A paragraph of running text, optionally numbered (一、 in a notice body).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub id: String,
    #[serde(default)]
    pub number: Option<String>,
    /// The number as printed (`一、`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub text: String,
    #[serde(default)]
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// A table: its cells exactly as written. Tasks and decisions are its children.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    /// Merged cells: the cell at (row, col) spans `rows` × `cols`; the cells
    /// it covers are empty in `header`/`rows`. Rows count the header first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default)]
    pub children: Vec<Node>,
}

/// One merged cell of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub row: u32,
    pub col: u32,
    pub rows: u32,
    pub cols: u32,
}

/// One row of a task allocation table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    /// The number as printed (`12`, `1.1`, `（一）`); `None` when the row has none.
    /// Version 1 files wrote an integer.
    #[serde(default, deserialize_with = "number_or_text")]
    pub number: Option<String>,
    pub text: String,
    /// Lead units, split on 、 and otherwise as written.
    #[serde(default)]
    pub lead: Vec<String>,
    /// Supporting units; empty when the cell is empty.
    #[serde(default)]
    pub support: Vec<String>,
    /// The deadline read from `due_text`, with its precision; `None` when the
    /// cell names none (长期坚持) or is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// The deadline cell as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub due_text: String,
    /// Every other column of the row: (header, cell).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<(String, String)>,
}

/// A task number: a string, or (version 1) an integer.
fn number_or_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Number {
        Int(u64),
        Text(String),
    }
    Ok(Option::<Number>::deserialize(d)?.map(|n| match n {
        Number::Int(i) => i.to_string(),
        Number::Text(t) => t,
    }))
}

/// One row of a decision catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: String,
    /// `"2"`, or `"1.3"` for the third plan under item 1.
    pub number: String,
    pub title: String,
    pub unit: String,
    /// Decision month; `None` when the cell is empty.
    #[serde(default)]
    pub due: Option<Date>,
}

#[cfg(test)]
mod tests {
    use super::Role;

    /// A role's JSON name is its RON variant in lower case.
    #[test]
    fn role_names_are_the_variants_in_lower_case() {
        for r in [
            Role::Body,
            Role::Addressee,
            Role::Signature,
            Role::Date,
            Role::Head,
            Role::Tail,
            Role::Passage,
        ] {
            assert_eq!(r.name(), format!("{r:?}").to_lowercase());
        }
    }
}
