//! A Word document (.docx) → lines for the structure recogniser.
//!
//! The file is a zip (`zip`) of XML parts read with `roxmltree`: the body's
//! paragraphs in order (their runs' text, `<w:tab/>` as a tab, `<w:br/>` as a
//! new line), tables with merged cells (`gridSpan`, `vMerge`) recorded, and
//! automatic numbering rendered as printed: a paragraph numbered by Word's
//! list definitions (`第%1条` in Chinese counting, `%1、`, `（%1）`, `%1.%2`)
//! gets its label in front of its text, as a reader sees it. (`docx-rs`
//! reads the same parts but does not render numbering into labels, which is
//! what the recogniser needs.)

use std::collections::HashMap;
use std::io::Read;

use roxmltree::{Document as Xml, Node as XNode};

use super::lines::{Line, TableBlock};
use super::ImportError;
use crate::model::schema::Span;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Largest part read from the zip (the document's XML).
const MAX_PART: u64 = 64 * 1024 * 1024;

fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<String> {
    let f = zip.by_name(name).ok()?;
    let mut s = String::new();
    f.take(MAX_PART).read_to_string(&mut s).ok()?;
    Some(s)
}

/// One level of a list definition: its number format, text and start.
#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The numbering definitions: numId → its levels.
fn numbering(xml: &str) -> HashMap<String, Vec<Level>> {
    let Ok(doc) = Xml::parse(xml) else {
        return HashMap::new();
    };
    let attr = |n: XNode, a: &str| n.attribute((W, a)).map(str::to_string);
    fn child<'a, 'i>(n: XNode<'a, 'i>, name: &str) -> Option<XNode<'a, 'i>> {
        n.children()
            .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(W))
    }
    let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
    for a in doc
        .descendants()
        .filter(|n| n.tag_name().name() == "abstractNum")
    {
        let Some(id) = attr(a, "abstractNumId") else {
            continue;
        };
        let mut levels = Vec::new();
        for lvl in a.children().filter(|n| n.tag_name().name() == "lvl") {
            let val = |name: &str| child(lvl, name).and_then(|n| attr(n, "val"));
            levels.push(Level {
                format: val("numFmt").unwrap_or_else(|| "decimal".into()),
                text: val("lvlText").unwrap_or_default(),
                start: val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
            });
        }
        abstracts.insert(id, levels);
    }
    let mut out = HashMap::new();
    for n in doc.descendants().filter(|n| n.tag_name().name() == "num") {
        let (Some(id), Some(abs)) = (
            attr(n, "numId"),
            child(n, "abstractNumId").and_then(|c| attr(c, "val")),
        ) else {
            continue;
        };
        if let Some(levels) = abstracts.get(&abs) {
            out.insert(id, levels.clone());
        }
    }
    out
}

/// A number in a list format: 3 → `3`, `三`, `③`.
fn format_number(n: u32, format: &str) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "chineseLegalSimplified"
        | "taiwaneseCounting" => {
            if n == 0 {
                return DIGITS[0].to_string();
            }
            if n >= 1000 {
                return n.to_string();
            }
            let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
            let mut s = String::new();
            if h > 0 {
                s.push_str(DIGITS[h as usize % 10]);
                s.push('百');
                if t == 0 && u > 0 {
                    s.push('零');
                }
            }
            if t > 0 {
                if !(t == 1 && h == 0) {
                    s.push_str(DIGITS[t as usize]);
                }
                s.push('十');
            }
            if u > 0 {
                s.push_str(DIGITS[u as usize]);
            }
            s
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32('①' as u32 + n - 1).map_or(n.to_string(), String::from)
        }
        "lowerLetter" if (1..=26).contains(&n) => ((b'a' + n as u8 - 1) as char).to_string(),
        "upperLetter" if (1..=26).contains(&n) => ((b'A' + n as u8 - 1) as char).to_string(),
        "bullet" | "none" => String::new(),
        _ => n.to_string(),
    }
}

/// Counters of the lists, to render each numbered paragraph's label
/// (`None`: the level has not counted yet, so it begins at its start).
#[derive(Default)]
struct Counters {
    counts: HashMap<String, Vec<Option<u32>>>,
}

impl Counters {
    fn label(
        &mut self,
        defs: &HashMap<String, Vec<Level>>,
        num: &str,
        ilvl: usize,
    ) -> Option<String> {
        let levels = defs.get(num)?;
        let level = levels.get(ilvl)?;
        if level.format == "bullet" {
            return Some(String::new());
        }
        let c = self
            .counts
            .entry(num.to_string())
            .or_insert_with(|| vec![None; levels.len()]);
        if c.len() < levels.len() {
            c.resize(levels.len(), None);
        }
        c[ilvl] = Some(match c[ilvl] {
            None => level.start,
            Some(n) => n.saturating_add(1),
        });
        for deeper in c.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        let mut text = level.text.clone();
        for (k, l) in levels.iter().enumerate().take(ilvl + 1) {
            let value = c[k].unwrap_or(l.start);
            text = text.replace(&format!("%{}", k + 1), &format_number(value, &l.format));
        }
        Some(text)
    }
}

fn is_w(n: XNode, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

/// A paragraph's text: its runs, tabs and breaks.
fn paragraph_text(p: XNode) -> String {
    let mut s = String::new();
    for n in p.descendants() {
        if is_w(n, "t") {
            s.push_str(n.text().unwrap_or_default());
        } else if is_w(n, "tab") && !n.ancestors().any(|a| is_w(a, "tabs")) {
            s.push('\t');
        } else if is_w(n, "br") || is_w(n, "cr") {
            s.push('\n');
        }
    }
    s
}

/// Reads a .docx file's bytes.
pub fn read(bytes: &[u8], report: &mut Vec<String>) -> Result<Vec<Line>, ImportError> {
    let bad = |what: String| ImportError::Missing(format!("not a readable .docx: {what}"));
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let body =
        part(&mut zip, "word/document.xml").ok_or_else(|| bad("no word/document.xml".into()))?;
    let defs = part(&mut zip, "word/numbering.xml")
        .map(|x| numbering(&x))
        .unwrap_or_default();
    let doc = Xml::parse_with_options(
        &body,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: 10_000_000,
            ..roxmltree::ParsingOptions::default()
        },
    )
    .map_err(|e| bad(e.to_string()))?;
    let Some(body) = doc.descendants().find(|n| is_w(*n, "body")) else {
        return Err(bad("no body".into()));
    };
    let mut counters = Counters::default();
    let mut out = Vec::new();
    let mut numbered = 0;
    for block in body.children().filter(XNode::is_element) {
        if is_w(block, "p") {
            let mut text = paragraph_text(block);
            let num = block
                .descendants()
                .find(|n| is_w(*n, "numPr"))
                .and_then(|np| {
                    let val = |name: &str| {
                        np.children()
                            .find(|c| is_w(*c, name))
                            .and_then(|c| c.attribute((W, "val")))
                    };
                    Some((
                        val("numId")?.to_string(),
                        val("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
                    ))
                });
            if let Some((id, ilvl)) = num {
                if let Some(label) = counters.label(&defs, &id, ilvl) {
                    if !label.is_empty() {
                        numbered += 1;
                        // `第一条` is followed by a space before its text.
                        let gap = if label.ends_with('条') {
                            "\u{3000}"
                        } else {
                            ""
                        };
                        text = format!("{label}{gap}{text}");
                    }
                }
            }
            for l in text.split('\n') {
                if !l.trim().is_empty() {
                    out.push(Line {
                        text: l.trim().to_string(),
                        ..Line::default()
                    });
                }
            }
        } else if is_w(block, "tbl") {
            let t = table(block);
            if !t.rows.is_empty() {
                out.push(Line::of_table(t, 0));
            }
        }
    }
    if numbered > 0 {
        report.push(format!(
            "{numbered} paragraphs numbered by Word's lists: their labels rendered as printed"
        ));
    }
    for (k, l) in out.iter_mut().enumerate() {
        l.no = k + 1;
    }
    Ok(out)
}

/// A table: rows of cells as printed, merged cells recorded as spans.
fn table(tbl: XNode) -> TableBlock {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    // Vertical merges open per column: the span's index.
    let mut open: HashMap<usize, usize> = HashMap::new();
    for (r, tr) in tbl.children().filter(|n| is_w(*n, "tr")).enumerate() {
        let mut row = Vec::new();
        let mut col = 0;
        for tc in tr.children().filter(|n| is_w(*n, "tc")) {
            let props = tc.children().find(|n| is_w(*n, "tcPr"));
            let prop = |name: &str| props.and_then(|p| p.children().find(|c| is_w(*c, name)));
            let span = prop("gridSpan")
                .and_then(|g| g.attribute((W, "val")))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 100);
            let vmerge = prop("vMerge").map(|v| v.attribute((W, "val")).unwrap_or("continue"));
            let text: Vec<String> = tc
                .children()
                .filter(|n| is_w(*n, "p"))
                .map(paragraph_text)
                .filter(|t| !t.trim().is_empty())
                .collect();
            let text = text.join("");
            // The cell's span as it starts here; a restart may grow downwards.
            let here = Span {
                row: r as u32,
                col: col as u32,
                rows: 1,
                cols: span as u32,
            };
            match vmerge {
                Some("restart") => {
                    open.insert(col, spans.len());
                    spans.push(here);
                    row.push(text);
                }
                Some(_) => {
                    if let Some(&s) = open.get(&col) {
                        spans[s].rows += 1;
                    }
                    row.push(String::new());
                }
                None => {
                    open.remove(&col);
                    if span > 1 {
                        spans.push(here);
                    }
                    row.push(text);
                }
            }
            for _ in 1..span {
                row.push(String::new());
            }
            col += span;
        }
        rows.push(row);
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for r in &mut rows {
        r.resize(width, String::new());
    }
    spans.retain(|s| s.rows > 1 || s.cols > 1);
    TableBlock {
        rows,
        header_rows: 1,
        spans,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting() {
        assert_eq!(format_number(1, "chineseCounting"), "一");
        assert_eq!(format_number(10, "chineseCounting"), "十");
        assert_eq!(format_number(15, "chineseCounting"), "十五");
        assert_eq!(format_number(33, "chineseCountingThousand"), "三十三");
        assert_eq!(format_number(103, "chineseCounting"), "一百零三");
        assert_eq!(format_number(120, "chineseCounting"), "一百二十");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(7, "decimal"), "7");
    }
}
