//! Plain gazette text → typed tree.
//!
//! The text was extracted from a PDF, so the importer works line by line and
//! repairs what the extraction broke: page breaks that split a sentence (a
//! line without final punctuation continues on the next line), repeated table
//! headers, list markers (`- `), mixed full-/half-width punctuation and stray
//! spaces in titles. Every repair it makes is reported in [`Import::cleaned`].
//! Nothing is dropped: a line it cannot place becomes a paragraph.

mod body;
pub mod decode;
pub mod document;
pub mod docx;
pub mod due;
pub mod html;
pub mod issue;
mod lines;
pub mod markdown;
/// The extensions of the documents the importer reads (lower case).
pub const DOCUMENTS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "docx", "pdf",
];

pub mod numbering;
mod table;

use crate::model::schema::{ContentsEntry, Document, Issue, Node, Paragraph, Role};

use crate::model::date::Date;

use lines::{is_doc_number, Line};

/// The result of an import: the issue and what was cleaned on the way.
#[derive(Debug, Clone)]
pub struct Import {
    pub issue: Issue,
    /// One line per repair, `line N: what`.
    pub cleaned: Vec<String>,
}

/// Why a text could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("line {line}: {message}")]
    At { line: usize, message: String },
    #[error("{0}")]
    Missing(String),
}

/// What an import made: an issue or a standalone document, and what the
/// importer cleaned or was unsure of, one line each (`line N: …`).
#[derive(Debug, Clone)]
pub struct Imported {
    pub entry: crate::model::schema::Entry,
    pub report: Vec<String>,
}

/// Imports plain text: a gazette issue (a masthead with 年第N期 and a 目录)
/// or, otherwise, one standalone document. `source` is the file's name.
pub fn import_text(text: &str, source: Option<&str>) -> Result<Imported, ImportError> {
    if looks_like_issue(text) {
        // The sample's own reader first (it knows its issue's layout, and
        // the asset is exactly its output), on the text without page
        // furniture; any other issue by the general reader.
        let mut report = Vec::new();
        let stripped = document::strip_furniture(text, &mut report);
        let mut issue = match import(&stripped) {
            Ok(imp) => {
                report.extend(imp.cleaned);
                imp.issue
            }
            Err(_) => {
                let mut report2 = Vec::new();
                let issue = issue::import(text, &mut report2)?;
                report = report2;
                issue
            }
        };
        for d in &mut issue.documents {
            if let Node::Document(d) = d {
                d.source = source.map(str::to_string);
            }
        }
        assign_ids(&mut issue);
        sort_report(&mut report);
        return Ok(Imported {
            entry: crate::model::schema::Entry::Issue(issue),
            report,
        });
    }
    if !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return Err(ImportError::Missing(
            "no Chinese text found: not an official document".into(),
        ));
    }
    let mut report = Vec::new();
    let (lines, _printed) = document::lines_of(text, false, &mut report);
    let doc = document::import(&lines, &mut report)?;
    finish_document(doc, source, report)
}

/// The report in line order (lines without a number first, as found).
fn sort_report(report: &mut [String]) {
    let line = |s: &String| {
        s.strip_prefix("line ")
            .and_then(|r| r.split(':').next())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
    };
    report.sort_by_key(line);
}

/// Imports a file by its kind: `.html`/`.htm` (the page's main text and its
/// 信息公开 table), `.md`, `.pdf` (through `pdftotext`, when installed), and
/// plain text otherwise; text in UTF-8/16 or GB18030/GBK is decoded.
pub fn import_file(path: &std::path::Path, bytes: &[u8]) -> Result<Imported, ImportError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "doc" | "wps" => Err(ImportError::Missing(format!(
            ".{ext} files (binary Word/WPS) are not read: save the document as .docx, .html or .txt"
        ))),
        "docx" => {
            let mut report = Vec::new();
            let lines = docx::read(bytes, &mut report)?;
            document_from_lines(&lines, Vec::new(), name.as_deref(), report)
        }
        "pdf" => {
            let text = pdftotext(path)?;
            let mut imp = import_text(&text, name.as_deref())?;
            imp.report.insert(0, "read with pdftotext".into());
            Ok(imp)
        }
        "html" | "htm" | "xhtml" | "shtml" => {
            let declared = html::declared_charset(bytes);
            let decoded = decode::decode(bytes, declared.as_deref());
            let mut report: Vec<String> = decoded.note.into_iter().collect();
            let page = html::read(&decoded.text, &mut report);
            document_from_lines(&page.lines, page.metadata, name.as_deref(), report)
        }
        "md" | "markdown" => {
            let decoded = decode::decode(bytes, None);
            let mut report: Vec<String> = decoded.note.into_iter().collect();
            let lines = markdown::read(&decoded.text, &mut report);
            document_from_lines(&lines, Vec::new(), name.as_deref(), report)
        }
        _ => {
            let decoded = decode::decode(bytes, None);
            let mut imp = import_text(&decoded.text, name.as_deref())?;
            if let Some(n) = decoded.note {
                imp.report.insert(0, n);
            }
            Ok(imp)
        }
    }
}

/// Runs `pdftotext -enc UTF-8 FILE -`, its output capped like any read.
fn pdftotext(path: &std::path::Path) -> Result<String, ImportError> {
    use std::io::Read;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|_| {
            ImportError::Missing(
                "reading a .pdf needs pdftotext: install poppler-utils (apt-get install poppler-utils)"
                    .into(),
            )
        })?;
    let mut out = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        let _ = stdout
            .take(crate::model::load::MAX_FILE_BYTES + 1)
            .read_to_end(&mut out);
    }
    let status = child
        .wait()
        .map_err(|e| ImportError::Missing(format!("pdftotext: {e}")))?;
    if !status.success() {
        return Err(ImportError::Missing(format!("pdftotext failed ({status})")));
    }
    if out.len() as u64 > crate::model::load::MAX_FILE_BYTES {
        return Err(ImportError::Missing(
            "pdftotext's output is over the size limit".into(),
        ));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// A standalone document from a reader's lines and, from a web page, its
/// metadata table (which names the title, 文号, issuer and date when the
/// text does not, and is believed over it where they differ: said on stderr).
fn document_from_lines(
    lines: &[Line],
    metadata: Vec<(String, String)>,
    source: Option<&str>,
    mut report: Vec<String>,
) -> Result<Imported, ImportError> {
    if lines.is_empty() {
        return Err(ImportError::Missing("no text found".into()));
    }
    let meta = |keys: &[&str]| {
        metadata
            .iter()
            .find(|(k, v)| keys.contains(&k.as_str()) && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
    };
    let known = meta(&["标题", "名称"]);
    let mut doc = document::import_titled(lines, known.as_deref(), &mut report)?;
    let mut set = |field: &str, slot: &mut Option<String>, value: Option<String>| {
        if let Some(v) = value {
            if slot.as_ref().is_some_and(|s| *s != v) {
                report.push(format!(
                    "the page's table gives {field} {v:?}, the text {:?}: kept the table's",
                    slot.as_deref().unwrap_or_default()
                ));
            }
            *slot = Some(v);
        }
    };
    let mut title = Some(doc.title.clone());
    set("标题", &mut title, meta(&["标题", "名称"]));
    doc.title = title.unwrap_or_default();
    set("发文字号", &mut doc.doc_number, meta(&["发文字号", "文号"]));
    set("发文机关", &mut doc.issuer, meta(&["发文机关", "发布机构"]));
    if let Some(d) = meta(&["成文日期"]).and_then(|d| Date::parse_cn(&d)) {
        if doc.date.is_some_and(|x| x != d) {
            report.push(format!("the page's table gives 成文日期 {d}: kept it"));
        }
        doc.date = Some(d);
    }
    doc.genre = document::genre(&doc.title);
    doc.metadata = metadata;
    finish_document(doc, source, report)
}

fn finish_document(
    mut doc: Document,
    source: Option<&str>,
    mut report: Vec<String>,
) -> Result<Imported, ImportError> {
    doc.source = source.map(str::to_string);
    let mut missing = Vec::new();
    if doc.doc_number.is_none() {
        missing.push("文号");
    }
    if doc.issuer.is_none() {
        missing.push("issuer");
    }
    if doc.date.is_none() {
        missing.push("date");
    }
    if !missing.is_empty() {
        report.push(format!("no {} found: left missing", missing.join(", ")));
    }
    doc.id = "d1".into();
    walk_ids(&mut doc.children, "d1");
    sort_report(&mut report);
    Ok(Imported {
        entry: crate::model::schema::Entry::Document(Box::new(doc)),
        report,
    })
}

/// A masthead naming an issue (`2021年第15期`, `2019年第5号`) before a 目录 line.
fn looks_like_issue(text: &str) -> bool {
    let mut head = String::new();
    for l in text.lines().take(200) {
        let q = lines::squash(l);
        if q == "目录" {
            return head.contains("年第") && (head.contains('期') || head.contains('号'));
        }
        head.push_str(&q);
    }
    false
}

/// Imports the plain text of one gazette issue.
pub fn import(text: &str) -> Result<Import, ImportError> {
    let mut cleaned = Vec::new();
    let all = lines::split(text, &mut cleaned);
    let contents_at = all
        .iter()
        .position(|l| lines::squash(&l.text) == "目录")
        .ok_or_else(|| ImportError::Missing("no contents (目录) line found".into()))?;

    // Masthead: everything before 目录.
    let masthead: Vec<String> = all[..contents_at].iter().map(|l| l.text.clone()).collect();
    let meta = masthead_facts(&masthead)?;

    // Chinese contents, then the English block (lines without CJK).
    let mut i = contents_at + 1;
    let mut contents = Vec::new();
    let mut category = String::new();
    while i < all.len() && lines::has_cjk(&all[i].text) {
        let t = &all[i].text;
        if let Some(cat) = t.strip_prefix('【').and_then(|r| r.strip_suffix('】')) {
            category = cat.trim().to_string();
        } else {
            let (title, page) = lines::split_page(t);
            contents.push(ContentsEntry {
                category: category.clone(),
                title: lines::clean_title(&title, all[i].no, &mut cleaned),
                page,
            });
        }
        i += 1;
    }
    let en_start = i;
    while i < all.len() && !lines::has_cjk(&all[i].text) {
        i += 1;
    }
    let (masthead_en, contents_en) = english_contents(&all[en_start..i], &mut cleaned);

    // Back matter: the trailing run of `label：value` lines.
    let mut end = all.len();
    while end > i && lines::is_label_line(&all[end - 1].text) {
        end -= 1;
    }
    let back_matter: Vec<String> = all[end..].iter().map(|l| l.text.clone()).collect();

    // Documents: a title line followed by a 文号 line.
    let body = &all[i..end];
    let starts: Vec<usize> = (0..body.len().saturating_sub(1))
        .filter(|&k| is_doc_number(&body[k + 1].text))
        .collect();
    if starts.is_empty() {
        return Err(ImportError::Missing(
            "no document (title + 文号) found".into(),
        ));
    }
    if starts[0] > 0 {
        return Err(ImportError::At {
            line: body[0].no,
            message: "text between the contents and the first document".into(),
        });
    }
    let mut documents = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(body.len());
        let n = k + 1;
        let zh = contents.get(k);
        let en = contents_en.get(k);
        documents.push(document(&body[s..e], n, zh, en, &mut cleaned)?);
    }

    let mut issue = Issue {
        format: crate::model::schema::FORMAT,
        year: meta.year,
        number: meta.number,
        total_number: Some(meta.total_number),
        number_unit: String::new(),
        published: meta.published,
        title: masthead.first().cloned().unwrap_or_default(),
        publisher: meta.publisher,
        masthead,
        contents,
        masthead_en,
        contents_en,
        back_matter,
        documents,
    };
    assign_ids(&mut issue);
    Ok(Import { issue, cleaned })
}

struct MastheadFacts {
    year: u32,
    number: u32,
    total_number: u32,
    published: Date,
    publisher: String,
}

fn masthead_facts(masthead: &[String]) -> Result<MastheadFacts, ImportError> {
    let mut year = None;
    let mut number = None;
    let mut total = None;
    let mut published = None;
    let mut publisher = String::new();
    for line in masthead {
        let s = lines::squash(line);
        if let Some((y, rest)) = s.split_once("年第") {
            if let (Ok(y), Some(n)) = (y.parse::<u32>(), rest.strip_suffix("期")) {
                year = Some(y);
                number = n.parse::<u32>().ok();
            }
        }
        if let Some(t) = s.split_once("总第").and_then(|(_, r)| r.split_once('期')) {
            total = t.0.parse::<u32>().ok();
        }
        if let Some(date) = s.strip_suffix("出版").and_then(Date::parse_cn) {
            published = Some(date);
        }
        if s.ends_with("主办") {
            publisher = line.trim().to_string();
        }
    }
    let missing = |what: &str| ImportError::Missing(format!("masthead: no {what}"));
    Ok(MastheadFacts {
        year: year.ok_or_else(|| missing("year and number (2021年第15期)"))?,
        number: number.ok_or_else(|| missing("issue number (2021年第15期)"))?,
        total_number: total.ok_or_else(|| missing("total number (总第897期)"))?,
        published: published.ok_or_else(|| missing("publication date (2021年8月15日出版)"))?,
        publisher,
    })
}

/// Splits the English block into masthead lines and contents entries: entry
/// lines end in `(page)`; the line just before a run of entries is its category.
fn english_contents(
    block: &[Line],
    cleaned: &mut Vec<String>,
) -> (Vec<String>, Vec<ContentsEntry>) {
    let is_entry = |l: &Line| lines::split_page(&l.text).1.is_some();
    let first_entry = block.iter().position(is_entry).unwrap_or(block.len());
    let masthead_end = first_entry.saturating_sub(1);
    let masthead = block[..masthead_end]
        .iter()
        .map(|l| l.text.clone())
        .collect();
    let mut entries = Vec::new();
    let mut category = String::new();
    for l in &block[masthead_end..] {
        let fixed = lines::fix_english(&l.text, l.no, cleaned);
        let (title, page) = lines::split_page(&fixed);
        if page.is_some() {
            entries.push(ContentsEntry {
                category: category.clone(),
                title,
                page,
            });
        } else {
            category = fixed;
        }
    }
    (masthead, entries)
}

fn document(
    lines: &[Line],
    n: usize,
    zh: Option<&ContentsEntry>,
    en: Option<&ContentsEntry>,
    cleaned: &mut Vec<String>,
) -> Result<Node, ImportError> {
    let title = lines::clean_title(&lines[0].text, lines[0].no, cleaned);
    let doc_number = lines::squash(&lines[1].text);
    let mut k = 2;
    let mut children = Vec::new();
    if let Some(l) = lines.get(k) {
        if l.text.ends_with('：') || l.text.ends_with(':') {
            children.push(Node::Paragraph(Paragraph {
                id: String::new(),
                number: None,
                text: l.text.clone(),
                role: Role::Addressee,
                ..Paragraph::default()
            }));
            k += 1;
        }
    }
    // The signature is the first line followed by a date line.
    let sig = (k..lines.len().saturating_sub(1))
        .find(|&j| Date::parse_cn(&lines[j + 1].text).is_some() && !lines[j].text.contains('。'))
        .ok_or_else(|| ImportError::At {
            line: lines[0].no,
            message: format!("document {doc_number}: no signature followed by a date"),
        })?;
    children.extend(body::parse(&lines[k..sig], body::Mode::Notice, cleaned));
    let issuer = lines[sig].text.trim().to_string();
    let date_line = &lines[sig + 1];
    let date = Date::parse_cn(&date_line.text);
    for (text, role) in [
        (issuer.clone(), Role::Signature),
        (date_line.text.clone(), Role::Date),
    ] {
        children.push(Node::Paragraph(Paragraph {
            id: String::new(),
            number: None,
            text,
            role,
            ..Paragraph::default()
        }));
    }
    // Attachments: after the date, each starting with its title (after an
    // optional 附件 label line).
    let mut rest = &lines[sig + 2..];
    while !rest.is_empty() {
        let mut start = 0;
        if lines::squash(&rest[0].text) == "附件" && rest.len() > 1 {
            start = 1;
        }
        let att_title = lines::clean_title(&rest[start].text, rest[start].no, cleaned);
        let after = &rest[start + 1..];
        let end = after
            .iter()
            .position(|l| lines::squash(&l.text) == "附件")
            .unwrap_or(after.len());
        let kids = body::parse_titled(&after[..end], &att_title, cleaned);
        children.push(Node::Attachment(crate::model::schema::Container {
            id: String::new(),
            title: att_title,
            children: kids,
        }));
        rest = &after[end..];
    }
    let _ = n;
    let mut doc = Document {
        id: String::new(),
        title,
        title_en: en.map(|e| e.title.clone()),
        doc_number: Some(doc_number),
        issuer: Some(issuer),
        date,
        category: zh.map(|c| c.category.clone()),
        page: zh.and_then(|c| c.page),
        genre: None,
        children,
        ..Document::default()
    };
    doc.genre = document::genre(&doc.title);
    document::validity(&mut doc, lines);
    Ok(Node::Document(Box::new(doc)))
}

/// Gives every node a path-like id: the parent's id, `/`, a kind letter and
/// the node's ordinal among its parent's children of that kind (`d1/a1/c3/s1/i4`).
fn assign_ids(issue: &mut Issue) {
    walk_ids(&mut issue.documents, "");
}

/// Ids below `prefix` for `nodes` and their subtrees.
fn walk_ids(nodes: &mut [Node], prefix: &str) {
    {
        let walk = walk_ids;
        let mut counts = std::collections::HashMap::<&'static str, usize>::new();
        for node in nodes.iter_mut() {
            let letter = match node {
                Node::Document(_) => "d",
                Node::Attachment(_) => "a",
                Node::Part(_) => "b",
                Node::Article(_) => "n",
                Node::Item(_) => "m",
                Node::Chapter(_) => "c",
                Node::Section(_) => "s",
                Node::Industry(_) => "i",
                Node::Segment(_) => "g",
                Node::Column(_) => "k",
                Node::Heading(_) => "h",
                Node::Entry(_) => "e",
                Node::Paragraph(_) => "p",
                Node::Table(_) => "t",
                Node::Task(_) => "x",
                Node::Decision(_) => "r",
            };
            let c = counts.entry(letter).or_insert(0);
            *c += 1;
            let id = if prefix.is_empty() {
                format!("{letter}{c}")
            } else {
                format!("{prefix}/{letter}{c}")
            };
            *crate::model::tree::node_id_mut(node) = id.clone();
            if let Some(kids) = crate::model::tree::children_mut(node) {
                walk(kids, &id);
            }
        }
    }
}

/// Serializes an issue as pretty RON, the format of `assets/*.ron`.
pub fn to_ron(issue: &Issue) -> String {
    let mut issue = issue.clone();
    issue.format = crate::model::schema::FORMAT;
    root_ron("Issue", &issue)
}

/// Serializes an entry as pretty RON: `Issue(format: 2, …)` or
/// `Document(format: 2, …)`.
pub fn entry_to_ron(entry: &crate::model::schema::Entry) -> String {
    match entry {
        crate::model::schema::Entry::Issue(i) => to_ron(i),
        crate::model::schema::Entry::Document(d) => {
            let mut d = d.clone();
            d.format = Some(crate::model::schema::FORMAT);
            root_ron("Document", &d)
        }
    }
}

fn root_ron(name: &str, value: &impl serde::Serialize) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ".to_string())
        .struct_names(false)
        .separate_tuple_members(false);
    match ron::ser::to_string_pretty(value, config) {
        Ok(s) => format!("{name}{s}\n"),
        // Serializing plain strings and numbers cannot fail.
        Err(e) => format!("// serialization failed: {e}\n"),
    }
}
